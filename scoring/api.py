"""The library's small public API: plain functions over the pipeline steps.

load → validate → compile → evaluate → explain; ``score_rows`` streams results and never
drops a row: every row read comes out either scored or rejected, in input order.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .aggregate import Counts, Result
from .catalog import ByRecordDate, choose_pack
from .engine import RulesEngine
from .errors import RecordError
from .evaluate import Scorer
from .load import RawRow, read_records
from .pack import LoadedPack
from .provenance import (InForce, Provenance, RunInfo, engine_versions, input_sha256, raw_sha256,
                         result_id, sha256_text)
from .records import RecordValidator, raw_id


Chooser = Callable[[dict[str, Any]], InForce]


@dataclass
class Batch:
    """A scoring run over rows; iterate ``results``, then read ``counts``.

    Every record is scored with ``loaded`` (or ``in_force``, which also says on which date it was
    chosen), unless ``chooser`` is given: then each record's own assessment date picks its pack."""

    loaded: LoadedPack | None
    rows: Iterable[RawRow]
    lang: str = "vi"
    counts: Counts = field(default_factory=Counts)
    in_force: InForce | None = None
    chooser: Chooser | None = None
    run: RunInfo = field(default_factory=RunInfo.new)

    def results(self) -> Iterator[Result]:
        fixed = self.in_force or (InForce(self.loaded) if self.loaded else None)
        tools = _Tools()
        first_seen: dict[str, str] = {}
        for row in self.rows:
            result = self._one(row, fixed, tools, first_seen)
            self.counts.add(result)
            yield result

    def _one(self, row: RawRow, fixed: InForce | None, tools: "_Tools", first_seen: dict[str, str]) -> Result:
        try:
            chosen = fixed or _choose(self.chooser, row)
        except RecordError as exc:
            return _rejected(row, raw_id(row.data), str(exc), None, self.run)
        validator, scorer = tools.get(chosen.loaded)
        return _score_row(row, validator, scorer, first_seen, chosen, self.lang, self.run)


def _choose(chooser: Chooser | None, row: RawRow) -> InForce:
    if row.problem:  # an unreadable row has no date to read: report what is wrong with it
        raise RecordError([row.problem])
    assert chooser is not None, "a Batch needs a pack or a chooser"
    return chooser(row.data)


class _Tools:
    """One validator and one scorer per pack, all on one rules engine (a host holds C state)."""

    def __init__(self) -> None:
        self.engine = RulesEngine()
        self._by_sha: dict[str, tuple[RecordValidator, Scorer]] = {}

    def get(self, loaded: LoadedPack) -> tuple[RecordValidator, Scorer]:
        if loaded.sha256 not in self._by_sha:
            self._by_sha[loaded.sha256] = (RecordValidator(loaded.pack), Scorer(loaded, self.engine))
        return self._by_sha[loaded.sha256]


def _score_row(row: RawRow, validator: RecordValidator, scorer: Scorer, first_seen: dict[str, str],
               chosen: InForce, lang: str, run: RunInfo) -> Result:
    rid = validator.raw_id(row.data)
    if row.problem:
        return _rejected(row, rid, row.problem, chosen, run)
    try:
        record = validator.validate(row.data, row.where)
    except RecordError as exc:
        return _rejected(row, rid, str(exc), chosen, run)
    if record.id in first_seen:
        return _rejected(row, record.id, f"duplicate id '{record.id}' (first seen at {first_seen[record.id]}): give each record its own id", chosen, run)
    first_seen[record.id] = row.where
    scored = scorer.score(record)
    digest = input_sha256(record)
    prov = _provenance(result_id(chosen.loaded.sha256, chosen.as_of, digest), chosen, run, digest, row)
    return Result(record.id, row.where, scored, loaded=chosen.loaded, lang=lang, provenance=prov, in_force=chosen,
                  raw=row.data)


def _rejected(row: RawRow, rid: str | None, error: str, chosen: InForce | None, run: RunInfo) -> Result:
    # a rejected row has no normalised record: its id hashes the raw row and its place in the file
    key = sha256_text(f"{raw_sha256(row.data)}@{row.where}")
    prov = _provenance(result_id(chosen.loaded.sha256 if chosen else None, chosen.as_of if chosen else None, key),
                       chosen, run, None, row)
    return Result(rid, row.where, error=error, provenance=prov, in_force=chosen, raw=row.data)


def _provenance(rid: str, chosen: InForce | None, run: RunInfo, digest: str | None, row: RawRow) -> Provenance:
    return Provenance(
        result_id=rid, run_id=run.run_id, run_at=run.run_at,
        criteria=chosen.loaded.identity() if chosen else None, engine=engine_versions(),
        as_of=str(chosen.as_of) if chosen and chosen.as_of else None,
        as_of_source=chosen.source if chosen else None, in_force=chosen.reason if chosen else None,
        input_sha256=digest, raw_sha256=raw_sha256(row.data))


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


def score_files(pack: str | LoadedPack, paths: Iterable[str | Path], lang: str = "vi",
                as_of: dt.date | str | None = None, run: RunInfo | None = None) -> Batch:
    """Score record files. ``pack`` is a pack id, a file path, a model name, or a loaded pack.
    With an ``as_of`` date a model name resolves to its pack in force on that date; with
    ``as_of="record"`` (the default for a model name that is not also a pack id) each record's
    ``ngay_danh_gia``/``nam_danh_gia`` column chooses."""
    return _batch(pack, lambda: read_files(paths), lang, as_of, run)


def _batch(pack: str | LoadedPack, rows: Callable[[], Iterable[RawRow]], lang: str, as_of: dt.date | str | None,
           run: RunInfo | None) -> Batch:
    """The pack is chosen before any file is opened, so a wrong --criteria is reported first."""
    run = run or RunInfo.new()
    if not isinstance(pack, str):
        return Batch(pack, rows(), lang, run=run)
    chosen = choose_pack(pack, as_of)
    if chosen is None:
        return Batch(None, rows(), lang, chooser=ByRecordDate(pack), run=run)
    return Batch(chosen.loaded, rows(), lang, in_force=chosen, run=run)


def score_records(pack: str | LoadedPack, records: Iterable[dict[str, Any]], lang: str = "vi",
                  as_of: dt.date | str | None = None) -> list[Result]:
    """Score in-memory records (dicts keyed by input name or column alias)."""
    rows = (RawRow("<records>", i, dict(r)) for i, r in enumerate(records, start=1))
    return list(_batch(pack, lambda: rows, lang, as_of, None).results())
