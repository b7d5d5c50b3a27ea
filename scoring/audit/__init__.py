"""Stage 5, audit: the SQLite run store, and replay/verification of stored runs.

``scoring.audit`` keeps the public names it had before the layout (``verify``, ``show``, …).
"""
from scoring.audit.against import against, against_report
from scoring.audit.replay import (Checks, Difference, RunCheck, count_mismatch, run_listing, run_rows, run_table,
                                  run_table_headers, show,
                                  verify, verify_report)

__all__ = ["Checks", "Difference", "RunCheck", "against", "against_report", "count_mismatch", "run_listing", "run_rows", "run_table",
           "run_table_headers", "show", "verify", "verify_report"]
