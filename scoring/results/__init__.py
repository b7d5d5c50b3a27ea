"""Stage 4, results: explanations, one result per record, self-assessment claims, summaries, and
every renderer and output file (text, JSON, CSV, Excel). Imports the stages before it."""
