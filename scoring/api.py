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
from .batch import RowOutcome, SeenIds, score_rows
from .catalog import resolve_pack
from .errors import UsageError, did_you_mean
from .load import HeaderTest, RawRow, read_records
from .pack import LoadedPack
from .records import RecordValidator, header_key
from .verify import ClaimReader


@dataclass
class Batch:
    """A scoring run over rows; iterate ``results``, then read ``counts``.

    ``jobs`` > 1 scores in that many processes (same results, same order). ``carry`` names
    columns to keep in ``Result.extra`` (e.g. a locality for a report): nothing else of a
    row's personal columns is kept.
    """

    loaded: LoadedPack
    rows: Iterable[RawRow]
    lang: str = "vi"
    counts: Counts = field(default_factory=Counts)
    jobs: int = 1
    carry: tuple[str, ...] = ()
    claims: bool = False    # the files have claimed-result columns (see ``verify``)

    def results(self) -> Iterator[Result]:
        seen = SeenIds()
        extras = _Carrier(self.loaded, self.carry)
        try:
            for row, outcome in score_rows(self.loaded, self.rows, self.lang, self.jobs):
                result = _result(row, outcome, seen, extras, self.loaded, self.lang)
                self.counts.add(result)
                yield result
        finally:
            seen.close()


def _result(row: RawRow, out: RowOutcome, seen: SeenIds, extras: "_Carrier", loaded: LoadedPack, lang: str) -> Result:
    extra = extras.values(row, out)
    if out.error is not None or out.id is None:
        return Result(out.id, row.where, error=out.error, extra=extra)
    first = seen.first(out.id, row.where)
    if first is not None:
        return Result(out.id, row.where, extra=extra,
                      error=f"duplicate id '{out.id}' (first seen at {first}): give each record its own id")
    return Result(out.id, row.where, out.scored, loaded=loaded, lang=lang, verification=out.verification,
                  extra=extra, given_reason=out.reason)


class _Carrier:
    """Finds the columns to carry in each file layout. A carried column that is one of the pack's
    inputs (under any alias) gives the validated value, e.g. the choice code '1' for 'Nhóm 1'."""

    def __init__(self, loaded: LoadedPack, names: tuple[str, ...]):
        self.names = names
        self.columns = RecordValidator(loaded.pack).columns if names else {}
        self.inputs = {f"f{i}": inp.name for i, inp in enumerate(loaded.pack.inputs)}
        self._layouts: dict[tuple[str, ...], dict[str, str | None]] = {}

    def values(self, row: RawRow, out: RowOutcome) -> dict[str, Any]:
        if not self.names:
            return {}
        layout = tuple(row.data)
        if layout not in self._layouts:
            self._layouts[layout] = {name: self._column(name, layout) for name in self.names}
        extra: dict[str, Any] = {}
        for name, column in self._layouts[layout].items():
            field_name = self.columns.get(header_key(name))
            if out.scored is not None and field_name in self.inputs:
                extra[name] = out.scored.values.get(self.inputs[field_name])
            else:
                value = row.data.get(column) if column is not None else None
                extra[name] = value.strip() if isinstance(value, str) else value
        return extra

    def _column(self, name: str, layout: tuple[str, ...]) -> str | None:
        key = header_key(name)
        for column in layout:
            if header_key(column) == key:
                return column
        field_name = self.columns.get(key)
        return next((c for c in layout if field_name and self.columns.get(header_key(c)) == field_name), None)


class Inputs:
    """Record files opened and their first row read, so that an unreadable file (or a missing
    column) fails the run before anything is scored. Iterate for every row, in order."""

    def __init__(self, paths: Iterable[str | Path], sheet: str | None = None, known: HeaderTest | None = None):
        self.started: list[tuple[RawRow | None, Iterator[RawRow]]] = []
        for path in paths:
            rows = read_records(path, sheet, known)
            self.started.append((next(rows, None), rows))

    @property
    def headers(self) -> list[str]:
        """Column names of the files (from each file's first record), in order, once each."""
        names: dict[str, None] = {}
        for first, _ in self.started:
            if first is not None:
                names.update(dict.fromkeys(first.data))
        return list(names)

    def __iter__(self) -> Iterator[RawRow]:
        return _chain(self.started)


def read_files(paths: Iterable[str | Path], sheet: str | None = None,
               known: HeaderTest | None = None) -> Iterator[RawRow]:
    """Rows of every file, in order. Each file is opened and its first row read before any
    row is yielded, so an unreadable file fails the run before anything is scored."""
    return iter(Inputs(paths, sheet, known))


def _chain(started: list) -> Iterator[RawRow]:
    for first, rows in started:
        if first is not None:
            yield first
            yield from rows


def known_headers(loaded: LoadedPack) -> HeaderTest:
    """Is this header one the pack reads (the id, an input under any alias, or a claim)?"""
    columns = RecordValidator(loaded.pack).columns
    claims = ClaimReader(loaded.pack)
    return lambda text: header_key(text) in columns or claims.is_claim(text)


def score_files(pack: str | LoadedPack, paths: Iterable[str | Path], lang: str = "vi", *, sheet: str | None = None,
                jobs: int = 1, carry: Iterable[str] = ()) -> Batch:
    """Score record files (CSV, JSON, JSON Lines, Excel). ``sheet`` picks a workbook's sheet;
    ``jobs`` the number of processes; ``carry`` columns to keep for reports (see ``Batch``)."""
    loaded = resolve_pack(pack) if isinstance(pack, str) else pack
    inputs = Inputs(paths, sheet, known_headers(loaded))
    carry = tuple(carry)
    _check_carried(loaded, inputs, carry)
    claims = ClaimReader(loaded.pack)
    return Batch(loaded, inputs, lang, jobs=jobs, carry=carry, claims=any(map(claims.is_claim, inputs.headers)))


def _check_carried(loaded: LoadedPack, inputs: Inputs, carry: tuple[str, ...]) -> None:
    headers = inputs.headers
    columns = RecordValidator(loaded.pack).columns
    present = {header_key(h) for h in headers} | {columns[header_key(h)] for h in headers if header_key(h) in columns}
    for name in carry:
        if header_key(name) not in present and columns.get(header_key(name)) not in present:
            raise UsageError(f"no column '{name}' in the records{did_you_mean(name, headers)}: "
                             f"the columns are {', '.join(headers)}")


def score_records(pack: str | LoadedPack, records: Iterable[dict[str, Any]], lang: str = "vi") -> list[Result]:
    """Score in-memory records (dicts keyed by input name or column alias)."""
    loaded = resolve_pack(pack) if isinstance(pack, str) else pack
    rows = (RawRow("<records>", i, dict(r)) for i, r in enumerate(records, start=1))
    return list(Batch(loaded, rows, lang).results())
