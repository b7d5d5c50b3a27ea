"""Large CSV and JSON Lines files read by the workers themselves, in parts cut at line breaks (issue 14).

With ``--jobs``, the parent process reads every row, sends it to a worker and takes back its
JSON line; on two cores that work of the parent, not the scoring, set how fast a run went. In a
plain CSV file (UTF-8, no quote, no NUL byte, no '\r' alone: ``rows.plain_csv``), and in any
UTF-8 JSON Lines file, every line break ends a row, so the rows need not pass through the parent
at all: it cuts the file into parts of whole lines (``Part``), a worker reads a part as the whole
file's reader would (``rows.CsvParts``, ``rows.JsonlParts``), scores its rows and sends back their
JSON lines joined, with the ids of the scored rows (``PartLines``). The parent checks those ids
against every id seen before (``SeenIds.fresh``) and writes the lines as they come
(``LineBlock``), in input order. One process reads a large file (``batch.LARGE_INPUT_BYTES``)
in parts too, every part worked here: the lines then go out a part at a time, not a result at a
time.

A part is used only where it gives what reading the whole file gives, byte for byte; anything
else is read the usual way:

* a file that is not plain, or whose first record is not a plain record (``footer.passes``), is
  read row by row by the parent, as before (its rows scored by the workers);
* a worker that meets a row the footer filter would hold back (a 'Tổng cộng' row under the
  table), a line that is no valid UTF-8, or a line it cannot read, gives the part back
  (``GAVE_UP``), as does a part that reaches a line longer than LINE_BYTES: the parent reads the
  rest of that file itself, from the part's start, and drops the parts after it;
* a part holding an id seen before (or twice) is read again here and each row checked, so that
  the duplicate is rejected with its usual message.

The first record of each file is read the usual way (the file is opened, its header read and
checked before anything is scored), and the parts start on the line after it.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from contextlib import closing
from typing import Any, NamedTuple

from scoring.errors import HoctapError
from scoring.packs.catalog import InForce
from scoring.records.footer import FooterFilter, is_record, passes
from scoring.records.raw import RawRow
from scoring.records.shares import Shares
from scoring.records.validate import raw_id
from scoring.results.aggregate import LineBlock, Result
from scoring.results.provenance import RunInfo
from scoring.run import batch
from scoring.run.batch import (CHUNK_ROWS, LineSpec, RowScorer, SeenIds, _ChunkScorer, _portable, _received,
                               as_tuples, chunks_of, in_order, made_result, sharing, worked_sharing)

Inputs = Any   # ``api.Inputs``, which imports this module (when a run asks for parts)

PART_BYTES = 1 << 15     # a part: about 500 rows of a citizens' file, the lines it gives about 800 KB
MIN_PART_BYTES = 1 << 12  # the last parts of a file: down to this
TAIL_PARTS = 8            # a part is at most this part of what is left of the file
SCAN_BYTES = 1 << 20     # a file is looked at in blocks of this size for what makes it not plain
HEAD_BYTES = 1 << 20     # the first record must end within this: else the file is read the usual way
LINE_BYTES = 1 << 24     # a part never grows past this looking for a line break (``rows.LINE_LIMIT``)


class Part(NamedTuple):
    """Whole lines of a file, the first of them line ``line``, from byte ``start``, read by
    ``reader`` (``rows.CsvParts``, ``rows.JsonlParts``); ``data`` None: the rest of the file from
    there, read by the parent (``_rest``)."""

    index: int          # the file's place among the inputs
    file: str
    start: int
    line: int
    data: bytes | None
    reader: Any


class PartLines(NamedTuple):
    """What scoring a part gives: its rows' JSON lines joined by line ends, the ids of the rows
    scored and their lines in the file (for the duplicate check), how many rows there were, and
    the shares written as fractions noted in them (``records.shares``: noted for the run only when
    the lines are taken, as a part read again here is noted again)."""

    lines: bytes
    ids: list[str]
    numbers: list[int]
    rows: int
    shares: Any = None


GAVE_UP = None   # a part a worker gives back: the parent reads the rest of the file


def score_parts(inputs: Inputs, chosen: InForce, lang: str, jobs: int, cache: bool, lines: LineSpec,
                seen: SeenIds, carrier: Any, shares: Shares | None = None) -> Iterator[Result | LineBlock]:
    """Every row of ``inputs`` (``api.Inputs``), scored in ``jobs`` processes, as results and
    blocks of lines, in input order (see the module's text); the shares written as fractions
    noted in ``shares``."""
    loaded, run = chosen.loaded, lines.run
    here = _ChunkScorer(RowScorer(loaded, lang, cache, reasons=True, lines=lines, shares=shares))   # as a worker does
    noted = here.scorer.validator.shares
    given_up: set[int] = set()   # the files whose rest the parent read itself
    if jobs <= 1:   # a large file in one process: every part worked here, in order
        answers = ((item, _here(item, here)) for item in _work_items(inputs))
    else:
        sent, received = sharing(here, _sent, _received_any)   # the engines' answers are passed on both ways
        answers = in_order(_work_items(inputs), jobs, lambda item: _here(item, here), _there,
                           (os.getpid(), _portable(loaded), lang, cache, lines, None), sent=sent, received=received,
                           fork=True)
    with closing(answers):
        for item, answer in answers:
            if item.__class__ is not Part:
                for row, outcome in zip(item, answer):
                    yield made_result(row, outcome, seen, carrier, chosen, lang, run)
                continue
            if item.index in given_up:   # a part after the one given back: the parent read it
                continue
            if answer is GAVE_UP:
                given_up.add(item.index)
                yield from _rest(inputs, item, here, seen, carrier, chosen, lang, run)
                continue
            file = item.file
            end = item.start + len(item.data)
            inputs.read_part(item.index, answer.rows, end)
            if seen.fresh(file, answer.ids, answer.numbers):
                noted.merge(answer.shares)
                if answer.rows:
                    yield LineBlock(answer.lines, answer.rows, len(answer.ids))
                continue
            for row in item.reader.rows(item.data, item.line, file):   # a duplicate id: row by row
                yield made_result(row, here.scorer(row), seen, carrier, chosen, lang, run)


def _work_items(inputs: Inputs) -> Iterator[Part | list[RawRow]]:
    """Each file's rows in chunks, or its first row and then its parts."""
    for i in range(len(inputs.started)):
        first, rows = inputs.started[i]
        start = _parts_start(inputs, i)
        if start is None:
            yield from chunks_of(inputs.rows_of(i), CHUNK_ROWS)
            continue
        yield [first]
        inputs.read_part(i, 1, start)
        rows.close()   # the usual reader is done with: its file is closed
        yield from _parts(i, first.file, start, first.row + 1, inputs.position(i).parts)


def _parts_start(inputs: Inputs, i: int) -> int | None:
    """The byte where the line after the ``i``-th file's first record starts, when the file can be
    read in parts from there; else None."""
    first, _ = inputs.started[i]
    reader = inputs.position(i).parts
    if first is None or reader is None or not is_record(raw_id(first.data)):
        return None
    try:
        with open(first.file, "rb") as f:
            start = reader.start(f.read(HEAD_BYTES), first.row)
            if start is None or reader.plain is None:
                return start
            f.seek(start)
            while block := f.read(SCAN_BYTES):
                if block.endswith(b"\r"):   # a '\r' may go on with its '\n'
                    block += f.read(1)
                if not reader.plain(block):
                    return None
    except OSError:
        return None   # the usual reader says what is wrong
    return start


def _parts(index: int, file: str, start: int, line: int, reader: Any) -> Iterator[Part]:
    """The file from byte ``start`` (line ``line``) in parts of whole lines; a line longer than
    LINE_BYTES gives the rest of the file to the parent (whose reader says it is too long)."""
    with open(file, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        f.seek(start)
        pending = b""
        while True:
            # smaller parts near the end: when the file is all given out, the parts the worker still
            # has in hand are short, and neither process waits long for the other
            wanted = min(PART_BYTES, max(MIN_PART_BYTES, (size - f.tell()) // TAIL_PARTS))
            block = f.read(max(wanted, len(pending)))   # a long line: larger reads, not quadratic
            data = pending + block if pending else block
            if not data:
                return
            cut = data.rfind(b"\n") + 1 if block else len(data)   # at the end: the last line, without its line end
            if not cut:
                if len(data) > LINE_BYTES:
                    yield Part(index, file, start, line, None, reader)
                    return
                pending = data
                continue
            yield Part(index, file, start, line, data[:cut], reader)
            start, line, pending = start + cut, line + data.count(b"\n", 0, cut), data[cut:]


def _rest(inputs: Inputs, part: Part, here: _ChunkScorer, seen: SeenIds, carrier: Any, chosen: InForce,
          lang: str, run: RunInfo) -> Iterator[Result]:
    """The rest of a file, from a part given back, read and scored here, row by row."""
    skipped: list[tuple[str, str]] = []
    rows = FooterFilter(part.reader.rest(part.file, part.start, part.line), raw_id, skipped)
    for row in rows:
        inputs.read_part(part.index, 1, part.start)
        yield made_result(row, here.scorer(row), seen, carrier, chosen, lang, run)
    inputs.skip(skipped)


def _here(item: Part | list[RawRow], here: _ChunkScorer) -> Any:
    if item.__class__ is not Part:
        return here(item)
    validator = here.scorer.validator
    run, validator.shares = validator.shares, Shares()   # a part's, kept apart (``PartLines.shares``)
    try:
        return _with_shares(part_lines(item, here), validator.shares)
    finally:
        validator.shares = run


def _with_shares(answer: PartLines | None, shares: Shares) -> PartLines | None:
    """A part's answer with the shares written as fractions noted while it was scored (forgotten there)."""
    noted = shares.take()
    return answer if answer is GAVE_UP or noted is None else answer._replace(shares=noted)


def _sent(item: Part | list[RawRow]) -> Any:
    return item if item.__class__ is Part else as_tuples(item)


def _there(sent: tuple[Any, Any]) -> tuple[Any, Any]:
    """A worker's work: a part, or a chunk of rows the parent read, with the engine's answers passed
    on both ways (``batch.sharing``)."""
    return worked_sharing(sent, _part_there if sent[0].__class__ is Part else batch._score_chunk)


def _part_there(part: Part) -> PartLines | None:
    assert batch._worker is not None, "the worker was not started"
    return _with_shares(part_lines(_kept_reader(part), batch._worker), batch._worker.scorer.validator.shares)


_readers: list[Any] = []   # in a worker: the readers of the parts it was sent, one of each (``_kept_reader``)


def _kept_reader(part: Part) -> Part:
    """``part`` with the reader of an earlier part when it is equal to its own. Each part comes
    pickled with its reader, so a CSV file's header came anew with every part: its rows' columns
    were then other str objects than those the validator had kept from the first part, and every
    look-up by column compared the texts (a citizen's row, 20,000 rows: about 50 million
    instructions more in the worker than in one process). The same reader, then the same objects."""
    for reader in _readers:
        if reader == part.reader:
            return part if reader is part.reader else part._replace(reader=reader)
    reader = part.reader
    header = getattr(reader, "header", None)
    seen = None if header is None else batch.columns_seen.get(tuple(header))
    if seen is not None:   # the columns of the file's first record, which this worker scored: the same objects
        reader = dataclasses.replace(reader, header=list(seen))
    if len(_readers) < 64:
        _readers.append(reader)
    return part if reader is part.reader else part._replace(reader=reader)


def _received_any(answer: Any) -> Any:
    return answer if answer is None or answer.__class__ is PartLines else _received(answer)


def part_lines(part: Part, scorer: _ChunkScorer) -> PartLines | None:
    """A part's rows scored and written as JSON lines, or GAVE_UP (see the module's text)."""
    if part.data is None:   # a line longer than a part may grow: the rest of the file is the parent's
        return GAVE_UP
    try:
        rows = list(part.reader.rows(part.data, part.line, part.file))
    except HoctapError:
        return GAVE_UP
    if not all(passes(row, raw_id(row.data)) for row in rows):
        return GAVE_UP
    row_scorer = scorer.scorer
    assert row_scorer.lines is not None
    lines: list[bytes] = []
    ids: list[str] = []
    numbers: list[int] = []
    for row, out in zip(rows, row_scorer.many(rows)):   # as ``_ChunkScorer`` scores them, without making each outcome again
        line = out.line
        if out.error is None and out.id is not None and line is not None and not out.warnings:
            if line.__class__ is not bytes:   # a line made the general way (the first one)
                try:
                    line = line.encode("utf-8")
                except UnicodeEncodeError:
                    return GAVE_UP
            lines.append(line)
            ids.append(out.id)
            numbers.append(row.row)
        elif out.error is not None:   # rejected: its line as the parent makes it (no id to check)
            result = made_result(row, out, None, None, row_scorer.chosen, row_scorer.lang, row_scorer.lines.run)
            try:
                lines.append(row_scorer.writer.line(result).encode("utf-8"))
            except UnicodeEncodeError:
                return GAVE_UP
        else:
            return GAVE_UP
    return PartLines(b"\n".join(lines), ids, numbers, len(rows))
