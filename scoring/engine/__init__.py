"""Stage 3, the engine: a pack compiled to named rules, the durable-rules adapter (the only module
that imports durable) and the evaluator that scores one record. Imports packs and records."""
