"""Stage 8: the local web application of ``hoctap serve`` (self-check, council files, plan targets)."""
