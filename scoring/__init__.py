"""hoctap: score Vietnamese learning-society records against criteria packs, and explain why.

The public API is small and works without the CLI::

    from scoring import score_records
    [result] = score_records("cong-dan-hoc-tap", [{"id": "CD-1", "group": "1", "1.1": 8, ...}])
    result.scored.outcome, result.explanation.next

Each name is imported from its module on first use (PEP 562), so that a program that only
scores does not pay for the run store, the goal reports or the questionnaire at start-up.
"""
from __future__ import annotations

import importlib
from typing import Any

from scoring.version import __version__

_WHERE = {
    "scoring.results.aggregate": ["Counts", "Result"],
    "scoring.run.api": ["Batch", "read_files", "score_files", "score_records"],
    "scoring.packs.catalog": ["resolve_pack", "shipped_packs",
                              "InForce", "choose_pack", "models", "resolve_in_force"],  # rules in force by date (issue 5)
    "scoring.errors": ["CriteriaError", "CriteriaErrors", "EngineError", "HoctapError", "InputFileError", "PackNotFound",
                       "RecordError", "UsageError", "GoalPackNotFound", "GoalYearError"],
    "scoring.engine.evaluate": ["Scored", "Scorer"],
    "scoring.results.explain": ["explain"],
    "scoring.results.tree": ["Explanation"],
    "scoring.goals.goalpack": ["GoalPack", "LoadedGoals", "load_goals", "load_goals_text", "resolve_goals", "shipped_goals"],
    "scoring.goals.composite": ["UnitBatch", "score_units"],
    "scoring.goals.report": ["GoalReport", "TargetResult", "choose_year", "goal_report", "goal_report_records",
                             "goal_reports"],
    "scoring.packs.model": ["LoadedPack", "Pack"],   # a checked pack: plain objects
    "scoring.packs.pack": ["load_pack", "load_pack_text"],
    "scoring.records.validate": ["Record", "RecordValidator"],
    "scoring.results.report": ["Summary"],
    # audit trail (issue 5): provenance, the run store
    "scoring.results.provenance": ["Provenance", "RunInfo"],
    "scoring.audit.store": ["RunStore"],
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [*_MODULE_OF, "audit", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "audit":
        return importlib.import_module("scoring.audit")
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'scoring' has no attribute '{name}'")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value  # the next lookup is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
