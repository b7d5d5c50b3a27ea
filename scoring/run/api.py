"""The library's small public API: plain functions over the pipeline steps.

load → validate → compile → evaluate → explain; ``Batch.results`` streams results and never
drops a row: every row read comes out either scored or rejected, in input order.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.results.aggregate import Counts, LineBlock, Result
from scoring.run.batch import LARGE_INPUT_BYTES, LineSpec, input_bytes, RowOutcome, RowScorer, SeenIds, made_result, score_rows
from scoring.records.dates import DATE_COLUMNS, YEAR_COLUMNS, ByRecordDate, has_date_column, may_warn
from scoring.packs.catalog import choose_pack, models
from scoring.errors import InputFileError, RecordError, UsageError, did_you_mean
from scoring.messages import Msg, fmt_date, text
from scoring.records.headers import SOURCE_KEYS, looks_like_record, quoted_headers
from scoring.records.raw import HeaderTest, Position, RawRow
from scoring.records.shares import Shares
from scoring.run.progress import Progress, progress_of
from scoring.records.rows import RECORD_FORMATS, read_records
from scoring.packs.model import LoadedPack
from scoring.packs.catalog import InForce
from scoring.results.provenance import RunInfo
from scoring.records.validate import RecordValidator, bare_key, header_key, raw_id
from scoring.results.verify import ClaimReader

Chooser = Callable[[dict[str, Any]], InForce]


@dataclass
class Batch:
    """A scoring run over rows; iterate ``results``, then read ``counts``.

    Every record is scored with ``loaded`` (or ``in_force``, which also says on which date it was
    chosen), unless ``chooser`` is given: then each record's own assessment date picks its pack.
    ``jobs`` > 1 scores in that many processes (same results, same order; one pack only).
    ``carry`` names columns to keep in ``Result.extra`` (e.g. a locality for a report): nothing
    else of a row's personal columns is kept.
    """

    loaded: LoadedPack | None
    rows: Iterable[RawRow]
    lang: str = "vi"
    counts: Counts = field(default_factory=Counts)
    in_force: InForce | None = None
    chooser: Chooser | None = None
    run: RunInfo = field(default_factory=RunInfo.new)
    jobs: int = 1
    carry: tuple[str, ...] = ()
    claims: bool = False    # the files have claimed-result columns (see ``verify``)
    warnings: list[str] = field(default_factory=list)   # what the readers noticed (sheets not read)
    cache: bool = True      # False: the engine decides every record afresh (see ``Scorer``)
    lines: bool = False     # each result's JSON line is made where its row is scored (see ``RowScorer._line``, ``score_rows``)
    stored: bool = False    # the results go to a run store: with jobs > 1, what it keeps is made where rows are scored
    # with ``lines`` and jobs > 1: plain CSV files may be read by the workers, and their rows come back as
    # ``LineBlock``s among the results (``run.parts``), counted in ``counts`` (for a caller that only writes lines)
    blocks: bool = False
    # shares written as fractions in columns of percentages (``records.shares``): noted while the rows are
    # scored, then said once per file and column (``after``, also added to ``warnings``) when all are
    shares: Shares = field(default_factory=Shares)
    after: list[Msg] = field(default_factory=list)

    def results(self) -> Iterator[Result]:
        seen = SeenIds()
        add, lang, run = self.counts.add, self.lang, self.run
        try:
            if self.chooser is None:  # one pack for the whole run: any number of processes
                assert self.loaded is not None, "a Batch needs a pack or a chooser"
                fixed = self.in_force or InForce(self.loaded)
                carrier = _Carrier(fixed.loaded, self.carry)
                spec = LineSpec(self.run, fixed.as_of, fixed.source, fixed.reason)
                lines = spec if self.lines and not self.carry else None
                stored = spec if self.stored and self.jobs > 1 and lines is None else None
                if self._in_parts(lines, fixed):
                    yield from self._in_blocks(fixed, lines, seen, carrier)
                else:
                    for row, outcome in score_rows(fixed.loaded, self.rows, lang, self.jobs, self.cache, lines, stored,
                                                   self.shares):
                        result = made_result(row, outcome, seen, carrier, fixed, lang, run)
                        add(result)
                        yield result
            else:
                carriers: dict[str, _Carrier] = {}
                for row, outcome, chosen in self._chosen():
                    carrier = carriers.get(chosen.loaded.sha256) if chosen else None
                    if chosen and carrier is None:
                        carrier = carriers[chosen.loaded.sha256] = _Carrier(chosen.loaded, self.carry)
                    result = made_result(row, outcome, seen, carrier, chosen, lang, run)
                    add(result)
                    yield result
            self.counts.skip(self.skipped)
            self.after = self.shares.messages(getattr(self.rows, "paths", ()))
            self.warnings += [text(m, lang) for m in self.after]
        finally:
            seen.close()

    def _in_parts(self, lines: LineSpec | None, fixed: InForce) -> bool:
        """Whether files may be read in parts (``run.parts``): lines asked for in blocks, rows read
        from files, no record's date to warn of, and several processes or large files. One process
        reads a large file in parts too: its lines then go out a part at a time, not a result at a
        time (a citizen's row: about 5% fewer instructions, callgrind); a small file keeps the usual
        way, which loads less."""
        return (self.blocks and lines is not None and isinstance(self.rows, Inputs)
                and (self.jobs > 1 or self.rows.size() >= LARGE_INPUT_BYTES)
                and not may_warn(fixed.loaded.pack, fixed.as_of, [first for first, _ in self.rows.started]))

    def _in_blocks(self, fixed: InForce, lines: LineSpec, seen: SeenIds, carrier: "_Carrier") -> Iterator[Result | LineBlock]:
        from scoring.run.parts import score_parts
        for result in score_parts(self.rows, fixed, self.lang, self.jobs, self.cache, lines, seen, carrier, self.shares):
            if result.__class__ is LineBlock:
                self.counts.add_lines(result)
            else:
                self.counts.add(result)
            yield result

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """Rows under the tables that were not records (totals, signatures), as (where, what)."""
        return list(getattr(self.rows, "skipped", []))

    def _chosen(self) -> Iterator[tuple[RawRow, RowOutcome, InForce | None]]:
        """Each record's date picks its pack: one process, one scorer per pack as it is first chosen."""
        assert self.chooser is not None
        scorers: dict[str, RowScorer] = {}
        for row in self.rows:
            try:
                chosen = _choose(self.chooser, row)
            except RecordError as exc:
                yield row, RowOutcome(raw_id(row.data), error=exc.render(self.lang)), None
                continue
            scorer = scorers.get(chosen.loaded.sha256)
            if scorer is None:
                scorer = scorers[chosen.loaded.sha256] = RowScorer(chosen.loaded, self.lang, self.cache, shares=self.shares)
            yield row, scorer(row), chosen


def _choose(chooser: Chooser, row: RawRow) -> InForce:
    if row.problem:  # an unreadable row has no date to read: report what is wrong with it
        raise RecordError([row.problem])
    return chooser(row.data)


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
            source = SOURCE_KEYS.get(header_key(name))
            if column is None and source is not None:
                extra[name] = row.sheet if source == "sheet" else Path(row.file).name
            elif out.scored is not None and field_name in self.inputs:
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
        found = next((c for c in layout if field_name and self.columns.get(header_key(c)) == field_name), None)
        return found or next((c for c in layout if bare_key(c) == bare_key(name)), None)


Sheets = str | tuple[str, ...] | None   # a sheet name, several, '*' (every visible sheet), or None (the first)


class Inputs:
    """Record files opened and their first row read, so that an unreadable file (or a missing
    column) fails the run before anything is scored. Iterate for every row, in order.

    Rows under a table that are not records (totals, signatures: see ``footer``) are held back
    and listed in ``skipped``; ``warnings`` says what a reader noticed (sheets not read);
    ``progress`` how far the reading is."""

    def __init__(self, paths: Iterable[str | Path], sheet: Sheets = None, known: HeaderTest | None = None,
                 run: RunInfo | None = None):
        self.started: list[tuple[RawRow | None, Iterator[RawRow]]] = []
        self.warnings: list[str] = []
        self._skipped: list[tuple[str, str]] = []
        self._positions: list[Position] = []
        self._reading = 0   # the file being read (files are read in order)
        self._read = [0]    # rows given so far
        paths = list(paths)
        self._paths = paths
        seen = [_resolved(p) for p in paths]
        for i, path in enumerate(paths):
            if seen[i] in seen[:i]:  # its every record would be a 'duplicate' of itself
                raise UsageError(Msg("given_twice", path=path))
        _refuse_copies(paths, run)
        if sheet and not any(RECORD_FORMATS.get(Path(p).suffix.lower()) == "xlsx" for p in paths):
            # said, not ignored in silence: a council that asked for a sheet of a CSV file expects it read
            names = (sheet,) if isinstance(sheet, str) else sheet
            self.warnings.append(text(Msg("xl.sheet_no_workbook", sheet=", ".join(f"'{n}'" for n in names)),
                                      getattr(known, "lang", None)))   # the run's language (a web page's)
        for path in paths:
            self._positions.append(Position())
            rows = read_records(path, sheet, known, warn=self.warnings.append, skipped=self._skipped,
                                position=self._positions[-1])
            self.started.append((next(rows, None), rows))

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """(where, what) of every row skipped so far as not a record (a total, a signature)."""
        return list(self._skipped)

    @property
    def paths(self) -> list[str | Path]:
        """The files given, in order."""
        return list(self._paths)

    def size(self) -> int:
        """The bytes of the files given (``batch.input_bytes``)."""
        return input_bytes(self._paths)

    @property
    def sources(self) -> int:
        """How many files (and sheets) the rows come from, as far as the first rows tell."""
        return len({first.source for first, _ in self.started if first is not None})

    @property
    def headers(self) -> list[str]:
        """Column names of the files (from each file's first record), in order, once each."""
        names: dict[str, None] = {}
        for first, _ in self.started:
            if first is not None:
                names.update(dict.fromkeys(first.data))
        return list(names)

    def __iter__(self) -> Iterator[RawRow]:
        for i in range(len(self.started)):
            yield from self.rows_of(i)
        self._reading = len(self.started)

    def rows_of(self, i: int) -> Iterator[RawRow]:
        """The rows of the ``i``-th file (files are read in order)."""
        read = self._read
        self._reading = i
        first, rows = self.started[i]
        if first is not None:
            # counted (a few ns a row, no system call): with --jobs the reader runs ahead of the results
            for read[0], row in enumerate(itertools.chain((first,), rows), start=read[0] + 1):
                yield row

    def position(self, i: int) -> Position:
        """How far the reader of the ``i``-th file is, and what it knows of the file (``Position.csv``)."""
        return self._positions[i]

    def read_part(self, i: int, rows: int, end: int) -> None:
        """``rows`` more rows of the ``i``-th file were read elsewhere (``run.parts``), up to byte ``end``."""
        self._reading = i
        self._read[0] += rows
        self._positions[i].tell = lambda: end

    def skip(self, rows: list[tuple[str, str]]) -> None:
        """Rows found elsewhere not to be records (``run.parts``), as the readers list them."""
        self._skipped += rows

    def progress(self, done: int) -> Progress:
        """How far the reading is when ``done`` rows have come out: cheap enough for a progress
        line (one position asked of the file being read), not for every row."""
        return progress_of(done, self._read[0], self._positions, self._reading)


def _refuse_copies(paths: list[str | Path], run: RunInfo | None) -> None:
    """A copy of a records file given beside it (the same bytes, by the hashes the run already
    took for its provenance) would put each of its records on the list twice: refused, naming both."""
    digests = {f["file"]: f["sha256"] for f in (run.files if run else ()) if f.get("size")}   # empty: nothing twice
    first: dict[str, str] = {}
    for path in map(str, paths):
        digest = digests.get(path)
        if digest in first:
            raise UsageError(Msg("same_content", first=first[digest], second=path))
        if digest is not None:
            first[digest] = path


def _resolved(path: str | Path) -> Path:
    """The file a path names; a path that cannot be resolved (a symbolic-link loop) stays as given,
    and reading it then says what is wrong."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path)


def read_files(paths: Iterable[str | Path], sheet: Sheets = None,
               known: HeaderTest | None = None) -> Iterator[RawRow]:
    """Rows of every file, in order. Each file is opened and its first row read before any
    row is yielded, so an unreadable file fails the run before anything is scored."""
    return iter(Inputs(paths, sheet, known))


def known_headers(loaded: LoadedPack, validator: RecordValidator | None = None, lang: str = "vi") -> HeaderTest:
    """Is this header one the pack reads (the id, an input under any alias, or a claim)? The test
    also diagnoses a file's header row once (see ``records.headers``)."""
    validator = RecordValidator(loaded.pack) if validator is None else validator
    return validator.header_check(also=ClaimReader(loaded.pack).is_claim, lang=lang)


def score_files(pack: str | LoadedPack, paths: Iterable[str | Path], lang: str = "vi",
                as_of: dt.date | str | None = None, run: RunInfo | None = None, *, sheet: Sheets = None,
                jobs: int = 1, carry: Iterable[str] = (), cache: bool = True) -> Batch:
    """Score record files (CSV, JSON, JSON Lines, Excel). ``pack`` is a pack id, a file path, a
    model name, or a loaded pack. With an ``as_of`` date a model name resolves to its pack in force
    on that date; with ``as_of="record"`` (the default for a model name that is not also a pack id)
    each record's ``ngay_danh_gia``/``nam_danh_gia`` column chooses. ``sheet`` picks a workbook's
    sheet (a name, several, or '*' for every visible one); ``jobs`` the number of processes;
    ``carry`` columns to keep for reports (see ``Batch``; 'sheet' and 'file' name each row's source);
    ``cache=False`` asks the engine for every record (see ``Scorer``; the results are the same)."""
    batch = _batch(pack, lang, as_of, run)
    batch.cache = cache
    if batch.loaded is None:  # each record's date picks its pack: a header is what any of its packs reads
        batch.rows, batch.carry = Inputs(paths, sheet, _model_headers(pack), batch.run), tuple(carry)
        batch.warnings = batch.rows.warnings
        return batch
    validator = RecordValidator(batch.loaded.pack)
    columns = validator.columns  # header (loosely compared) -> field, built once
    inputs = Inputs(paths, sheet, known_headers(batch.loaded, validator, lang), batch.run)
    batch.rows, batch.carry, batch.jobs, batch.warnings = inputs, tuple(carry), jobs, inputs.warnings
    _check_reads_some_input(batch.loaded, inputs, columns)
    _check_carried(inputs, batch.carry, columns)
    claims = ClaimReader(batch.loaded.pack)
    batch.claims = any(map(claims.is_claim, inputs.headers))
    if as_of is None:
        batch.warnings += _undated(batch.loaded, inputs, batch.run, lang)
    return batch


def _undated(loaded: LoadedPack, inputs: Inputs, run: RunInfo, lang: str) -> list[str]:
    """A pack that warns records assessed after a day (TT 24/25's district tier, abolished on 1 July
    2025) can warn only a record with a date: a run after that day, of files with no date column,
    says once that its results carry no such warning (an undated record is scored as before)."""
    warning = loaded.pack.warn_after
    if warning is None or not warning.applies(dt.date.fromisoformat(run.run_at[:10])):
        return []
    undated = [first.file for first, _ in inputs.started if first is not None and not has_date_column(first.data)]
    if not undated:
        return []
    return [text(Msg("date.undated_files", files=", ".join(undated), year=YEAR_COLUMNS[0],
                     after=fmt_date(warning.after, lang), text=warning.text.get(lang)), lang)]


def _check_reads_some_input(loaded: LoadedPack, inputs: Inputs, columns: dict[str, str]) -> None:
    """A file none of whose columns is an input of the pack is the wrong file (or the wrong
    --criteria): say so once, instead of rejecting every row for missing values."""
    for first, _ in inputs.started:
        if first is None or first.problem:
            continue
        if not any(not columns.get(header_key(h), "id").startswith("id") for h in first.data):
            names = ", ".join(i.name for i in loaded.pack.inputs[:6]) + ", …"
            has = (Msg("header.record_like") if looks_like_record(first.data) else
                   Msg("no_known_column_has", cells=quoted_headers(list(first.data), 6)))
            raise InputFileError(first.file, Msg("no_known_column", pack=loaded.pack.id, reads=names, has=has,
                                                 hint=Msg("no_known_column_hint", pack=loaded.pack.id)))


def _model_headers(model: str | LoadedPack) -> HeaderTest:
    """Is this header read by any pack of the model, or an assessment date column? (So that, when
    each record's date picks its pack, a title row is never taken for the header.)"""
    tests = [known_headers(p) for p in models().get(model if isinstance(model, str) else "", [])]
    dates = {header_key(c) for c in (*DATE_COLUMNS, *YEAR_COLUMNS)}
    return lambda text: header_key(text) in dates or any(t(text) for t in tests)


def _check_carried(inputs: Inputs, carry: tuple[str, ...], columns: dict[str, str]) -> None:
    headers = inputs.headers
    present = {header_key(h) for h in headers} | {columns[header_key(h)] for h in headers if header_key(h) in columns}
    bare = {bare_key(h) for h in headers}
    for name in carry:
        if header_key(name) in SOURCE_KEYS:
            continue  # the sheet or file a row came from, always known
        if header_key(name) not in present and columns.get(header_key(name)) not in present and bare_key(name) not in bare:
            raise UsageError(Msg("no_column", name=name, hint=did_you_mean(name, headers), columns=", ".join(headers)))


def _batch(pack: str | LoadedPack, lang: str, as_of: dt.date | str | None, run: RunInfo | None,
           rows: Iterable[RawRow] = ()) -> Batch:
    """The pack is chosen before any file is opened, so a wrong --criteria is reported first."""
    run = run or RunInfo.new()
    if not isinstance(pack, str):
        return Batch(pack, rows, lang, run=run)
    chosen = choose_pack(pack, as_of)
    if chosen is None:
        return Batch(None, rows, lang, chooser=ByRecordDate(pack), run=run)
    return Batch(chosen.loaded, rows, lang, in_force=chosen, run=run)


def score_records(pack: str | LoadedPack, records: Iterable[dict[str, Any]], lang: str = "vi",
                  as_of: dt.date | str | None = None, cache: bool = True) -> list[Result]:
    """Score in-memory records (dicts keyed by input name or column alias)."""
    rows = [RawRow("<records>", i, dict(r)) for i, r in enumerate(records, start=1)]
    batch = _batch(pack, lang, as_of, None, rows)
    batch.cache = cache
    return list(batch.results())
