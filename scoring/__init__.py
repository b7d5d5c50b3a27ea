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
from .evaluate import Scored, Scorer
from .explain import Explanation, explain
from .pack import LoadedPack, Pack, load_pack, load_pack_text
from .records import Record, RecordValidator
from .report import Summary

__version__ = "0.1.0"

__all__ = [
    "Batch", "Counts", "CriteriaError", "CriteriaErrors", "EngineError", "Explanation", "HoctapError",
    "InputFileError", "LoadedPack", "Pack", "PackNotFound", "Record", "RecordError", "RecordValidator",
    "Result", "Scored", "Scorer", "UsageError", "explain", "load_pack", "load_pack_text", "read_files",
    "resolve_pack", "score_files", "score_records", "shipped_packs", "__version__",
    "Summary",
]
