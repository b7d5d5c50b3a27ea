"""Stage 1, the criteria format: the pack model, safe YAML reading, local variants (extend),
and the catalog of shipped packs and the pack in force on a date. Imports only scoring.errors."""
