"""hoctap: score Vietnamese learning-society records against criteria packs, and explain why.

The public API is small and works without the CLI::

    from scoring import score_records
    [result] = score_records("cong-dan-hoc-tap", [{"id": "CD-1", "group": "1", "1.1": 8, ...}])
    result.scored.outcome, result.explanation.next
"""
from .aggregate import Counts, Result
from .api import Batch, read_files, score_files, score_records
from .catalog import resolve_pack, shipped_packs
from .errors import (CriteriaError, CriteriaErrors, EngineError, HoctapError, InputFileError,
                     PackNotFound, RecordError, UsageError)
from .errors import GoalPackNotFound, GoalYearError
from .evaluate import Scored, Scorer
from .explain import Explanation, explain
from .goalpack import GoalPack, LoadedGoals, load_goals, load_goals_text, resolve_goals, shipped_goals
from .composite import UnitBatch, score_units
from .goals import GoalReport, TargetResult, choose_year, goal_report, goal_report_records
from .pack import LoadedPack, Pack, load_pack, load_pack_text
from .records import Record, RecordValidator
from .report import Summary

__version__ = "0.1.0"

__all__ = [
    "Batch", "Counts", "CriteriaError", "CriteriaErrors", "EngineError", "Explanation", "HoctapError",
    "InputFileError", "LoadedPack", "Pack", "PackNotFound", "Record", "RecordError", "RecordValidator",
    "Result", "Scored", "Scorer", "UsageError", "explain", "load_pack", "load_pack_text", "read_files",
    "resolve_pack", "score_files", "score_records", "shipped_packs", "__version__",
    "GoalPack", "GoalPackNotFound", "GoalReport", "GoalYearError", "LoadedGoals", "TargetResult", "choose_year", "goal_report", "goal_report_records",
    "load_goals", "load_goals_text", "resolve_goals", "shipped_goals", "UnitBatch", "score_units",
    "Summary",
]

# Audit trail (issue 5): rules in force by date, provenance, the run store.
from .catalog import choose_pack, models, resolve_in_force  # noqa: E402
from .provenance import InForce, Provenance, RunInfo  # noqa: E402
from .store import RunStore  # noqa: E402
from . import audit  # noqa: E402

__all__ += ["InForce", "Provenance", "RunInfo", "RunStore", "audit", "choose_pack", "models", "resolve_in_force"]
