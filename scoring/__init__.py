"""hoctap: score Vietnamese learning-society records against criteria packs, and explain why.

The public API is small and works without the CLI::

    from scoring import score_records
    [result] = score_records("cong-dan-hoc-tap", [{"id": "CD-1", "group": "1", "1.1": 8, ...}])
    result.scored.outcome, result.explanation.next
"""
from scoring.results.aggregate import Counts, Result
from scoring.run.api import Batch, read_files, score_files, score_records
from scoring.packs.catalog import resolve_pack, shipped_packs
from scoring.errors import (CriteriaError, CriteriaErrors, EngineError, HoctapError, InputFileError,
                            PackNotFound, RecordError, UsageError)
from scoring.errors import GoalPackNotFound, GoalYearError
from scoring.engine.evaluate import Scored, Scorer
from scoring.results.explain import Explanation, explain
from scoring.goals.goalpack import (GoalPack, LoadedGoals, load_goals, load_goals_text, resolve_goals, shipped_goals)
from scoring.goals.composite import UnitBatch, score_units
from scoring.goals.report import GoalReport, TargetResult, choose_year, goal_report, goal_report_records
from scoring.packs.pack import LoadedPack, Pack, load_pack, load_pack_text
from scoring.records.validate import Record, RecordValidator
from scoring.results.report import Summary

from scoring.version import __version__

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
from scoring.packs.catalog import InForce, choose_pack, models, resolve_in_force  # noqa: E402
from scoring.results.provenance import Provenance, RunInfo  # noqa: E402
from scoring.audit.store import RunStore  # noqa: E402
from scoring import audit  # noqa: E402

__all__ += ["InForce", "Provenance", "RunInfo", "RunStore", "audit", "choose_pack", "models", "resolve_in_force"]
