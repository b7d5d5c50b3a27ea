"""Stage 6, a run: the public scoring API (files or records in, results out) and the worker-process
batch for large files. Imports the stages before it."""
