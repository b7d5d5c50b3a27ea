"""Stage 7, tools for pack authors: lint, rule coverage, named test cases and the JSON Schema.
They run packs through the engine and the renderers, so they come after the results stage."""
