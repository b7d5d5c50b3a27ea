"""Stage 2, records: reading rows from CSV, JSON, JSON Lines and Excel files, and validating them
into typed records for a pack (header matching lives here, once). Imports packs."""
