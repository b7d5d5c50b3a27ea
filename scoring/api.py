"""The library's small public API: plain functions over the pipeline steps.

load → validate → compile → evaluate → explain; ``score_rows`` streams results and never
drops a row: every row read comes out either scored or rejected, in input order.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .aggregate import Counts, Result
from .catalog import resolve_pack
from .errors import RecordError
from .evaluate import Scorer
from .load import RawRow, read_records
from .pack import LoadedPack
from .records import RecordValidator


@dataclass
class Batch:
    """A scoring run over rows; iterate ``results``, then read ``counts``."""

    loaded: LoadedPack
    rows: Iterable[RawRow]
    lang: str = "vi"
    counts: Counts = field(default_factory=Counts)

    def results(self) -> Iterator[Result]:
        validator = RecordValidator(self.loaded.pack)
        scorer = Scorer(self.loaded)
        first_seen: dict[str, str] = {}
        for row in self.rows:
            result = _score_row(row, validator, scorer, first_seen, self.loaded, self.lang)
            self.counts.add(result)
            yield result


def _score_row(row: RawRow, validator: RecordValidator, scorer: Scorer, first_seen: dict[str, str],
               loaded: LoadedPack, lang: str) -> Result:
    rid = validator.raw_id(row.data)
    if row.problem:
        return Result(rid, row.where, error=row.problem)
    try:
        record = validator.validate(row.data, row.where)
    except RecordError as exc:
        return Result(rid, row.where, error=str(exc))
    if record.id in first_seen:
        return Result(record.id, row.where, error=f"duplicate id '{record.id}' (first seen at {first_seen[record.id]}): give each record its own id")
    first_seen[record.id] = row.where
    scored = scorer.score(record)
    return Result(record.id, row.where, scored, loaded=loaded, lang=lang)


def read_files(paths: Iterable[str | Path]) -> Iterator[RawRow]:
    """Rows of every file, in order. Each file is opened and its first row read before any
    row is yielded, so an unreadable file fails the run before anything is scored."""
    started = []
    for path in paths:
        rows = read_records(path)
        first = next(rows, None)
        started.append((first, rows))
    return _chain(started)


def _chain(started: list) -> Iterator[RawRow]:
    for first, rows in started:
        if first is not None:
            yield first
            yield from rows


def score_files(pack: str | LoadedPack, paths: Iterable[str | Path], lang: str = "vi") -> Batch:
    loaded = resolve_pack(pack) if isinstance(pack, str) else pack
    return Batch(loaded, read_files(paths), lang)


def score_records(pack: str | LoadedPack, records: Iterable[dict[str, Any]], lang: str = "vi") -> list[Result]:
    """Score in-memory records (dicts keyed by input name or column alias)."""
    loaded = resolve_pack(pack) if isinstance(pack, str) else pack
    rows = (RawRow("<records>", i, dict(r)) for i, r in enumerate(records, start=1))
    return list(Batch(loaded, rows, lang).results())
