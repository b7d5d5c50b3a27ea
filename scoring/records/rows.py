"""Reading record files (CSV, JSON, JSON Lines; Excel through ``excel``) into raw rows.

Nothing here knows what a criteria pack means; it only reads text safely and keeps the file
row of every record for messages.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import unicodedata
from itertools import chain
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from scoring.errors import InputFileError, not_a_regular_file, os_reason
from scoring.messages import Msg
from scoring.records.footer import FooterFilter
from scoring.records.headers import (HEADER_SEARCH_ROWS, MIN_HEADER_MATCHES, Near, header_words, reader_lang, titles_note,
                                     two_row_header)
from scoring.records.raw import HeaderTest, Position, RawRow
from scoring.records.validate import raw_id


# --- record files ---------------------------------------------------------------------

# The csv module refuses values over 128 KiB with a bare error; a long text (a name, a note)
# is legal, so allow up to 16 MiB and let an unclosed quote be caught by its line count.
CSV_FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))

RECORD_FORMATS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx", ".xlsm": "xlsx"}
# files an office program writes that are not read, each said with how to save it as one that is:
# Excel's 'Unicode Text' is a .txt, LibreOffice's own a .ods
SAVE_AS = {".xls": "file.xls", ".xlsb": "file.xlsb", ".ods": "file.ods", ".txt": "file.txt", ".tsv": "file.txt",
           ".prn": "file.txt"}


def read_records(path: str | Path, sheet: str | tuple[str, ...] | None = None, known: HeaderTest | None = None,
                 warn: Callable[[str], None] | None = None,
                 skipped: list[tuple[str, str]] | None = None, position: Position | None = None) -> Iterator[RawRow]:
    """Yield the rows of a CSV, JSON (array of objects), JSON Lines or Excel file, in file order.

    Every format is streamed (memory does not grow with the file; a JSON array is read element
    by element). ``sheet``, ``known`` (is this text a column header the caller reads?) and ``warn``
    (told of sheets not read) only matter for workbooks: see ``excel.read_workbook``. Rows under
    the table that are not records (totals, signatures: see ``footer``) are left out, and listed
    in ``skipped`` as (where, what): every reader of a file (scoring, goals, the audit's
    comparison with the original file) sees the same records. ``position``, when given, is kept
    up to date with how far the reader is (see ``raw.Position``; for a progress line).
    """
    return iter(FooterFilter(_rows(path, sheet, known, warn, position or Position()), raw_id, skipped))   # lazy: nothing read yet


def _rows(path: str | Path, sheet: str | tuple[str, ...] | None, known: HeaderTest | None,
          warn: Callable[[str], None] | None, position: Position) -> Iterator[RawRow]:
    path = Path(path)
    kind = RECORD_FORMATS.get(path.suffix.lower())
    if kind is None and path.suffix.lower() in SAVE_AS:
        raise InputFileError(str(path), Msg(SAVE_AS[path.suffix.lower()], suffix=path.suffix))
    if kind is None:
        raise InputFileError(str(path), Msg("file.unknown_type", suffix=path.suffix))
    special = not_a_regular_file(path)
    if special:
        raise InputFileError(str(path), special)
    if kind == "xlsx":
        from scoring.records.excel import read_workbook  # openpyxl is only imported when a workbook is read
        yield from read_workbook(path, sheet, known, warn, position)
        return
    # surrogateescape keeps undecodable bytes visible per row, so one bad row does not lose the file.
    encoding = _text_encoding(path, kind)
    try:
        with open(path, encoding=encoding, errors="surrogateescape", newline="") as f:
            _check_not_empty(f, str(path))
            # bytes read of the file's size (the text layer reads a little ahead: close enough for a
            # progress line); asked only when the line is refreshed, never per row
            position.size = position.end = os.fstat(f.fileno()).st_size
            position.tell = f.buffer.tell
            if kind == "json":
                yield from _json_rows(f, str(path))
            elif kind == "csv":
                yield from _csv_rows(f, str(path), known, warn, position if encoding == "utf-8" else None)
            else:
                if encoding == "utf-8":
                    position.parts = JsonlParts()
                yield from _jsonl_rows(f, str(path))
    except OSError as exc:
        raise InputFileError(str(path), Msg("file.cannot_read", reason=_reason(exc))) from None
    except UnicodeError as exc:  # a UTF-16/32 file: its NUL bytes decode, but not as text
        raise InputFileError(str(path), Msg("vf.file_not_utf8", reason=exc.reason)) from None


MAGIC = {b"PK\x03\x04": "vf.file_zip", b"\xd0\xcf\x11\xe0": "vf.file_office", b"%PDF": "vf.file_pdf",
         b"\x1f\x8b": "vf.file_gzip"}   # what a file that is not text starts with -> what to say of it
HEAD_BYTES = 8192   # what is looked at to tell what kind of text a file holds
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _text_encoding(path: Path, kind: str) -> str:
    """UTF-8, or UTF-16/32 when the file starts with their byte order mark (Excel's 'Unicode
    Text'); a file that is not text at all (a renamed workbook, a PDF, a file of NUL bytes) is
    refused here, naming what it looks like, instead of rejecting each of its 'rows'."""
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as exc:
        raise InputFileError(str(path), Msg("file.cannot_read", reason=_reason(exc))) from None
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise InputFileError(str(path), Msg("vf.file_is", kind=kind.upper(), what=Msg(what)))
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls * 20 > len(head):   # text has none; a stray one is that row's problem, not the file's
        raise InputFileError(str(path), Msg("vf.file_controls", kind=kind.upper()))
    other = _other_code_page(head, whole=len(head) < HEAD_BYTES)
    if other:
        raise InputFileError(str(path), Msg("file.other_code_page", line=other[0], byte=other[1]))
    return "utf-8"


def _other_code_page(head: bytes, whole: bool) -> tuple[int, str] | None:
    """(line, byte) of the first byte that is not UTF-8 when the file is in another code page: at
    least two lines with letters beyond ASCII, and none of them UTF-8. Excel's 'CSV (Comma
    delimited)' on a Vietnamese Windows saves so (Windows-1258): every row with a name was rejected,
    each saying the same. A stray byte in a UTF-8 file stays the problem of its own row."""
    lines = head.split(b"\n")
    if not whole:
        lines.pop()   # it may end in the middle of a character
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            return None
        except UnicodeDecodeError as exc:
            bad.append((number, f"{line[exc.start]:02x}"))
    return bad[0] if len(bad) >= 2 else None


def _check_not_empty(f: TextIO, file: str) -> None:
    """Raise when the file holds only white space (and a BOM); leave it positioned after the BOM."""
    start = f.read(1)
    if start != "\ufeff":
        f.seek(0)
    after_bom = f.tell()
    while chunk := f.read(1 << 16):
        if chunk.strip():
            f.seek(after_bom)
            return
    raise InputFileError(file, Msg("file.empty"))


def _reason(exc: OSError) -> Msg | str:
    return os_reason(exc)


_SURROGATE = re.compile("[\ud800-\udfff]")   # an undecodable byte (surrogateescape) or half a JSON pair


def _plain_text(values: list[str]) -> bool:
    """Every value is in NFC and holds no stray byte, looked at once for the whole row (a
    Vietnamese row is rarely ASCII). NUL, which composes with nothing, keeps each value's end from
    composing with the next one's start: the joined text is NFC exactly when every value is."""
    joined = "\0".join(values)
    return unicodedata.is_normalized("NFC", joined) and _SURROGATE.search(joined) is None


def _bad_bytes(value: str) -> Msg | str | None:
    if value.isascii():  # most values: no character to look at one by one
        return None
    for ch in value:
        if "\udc80" <= ch <= "\udcff":
            return Msg("file.not_utf8", byte=f"{ord(ch) - 0xDC00:02x}")
        if "\ud800" <= ch <= "\udfff":  # a JSON escape such as \ud800 that is half of a pair: no character
            return Msg("vf.lone_surrogate", hex=f"{ord(ch):04x}")
    return None




def _csv_rows(f: TextIO, file: str, known: HeaderTest | None = None,
              warn: Callable[[str], None] | None = None, position: Position | None = None) -> Iterator[RawRow]:
    """The file's header read (and checked) now, and its rows as they are asked for (the header
    and delimiter told to ``position``, when given)."""
    start = f.tell()
    first_line = f.readline(LINE_LIMIT).split("\n", 1)[0]
    f.seek(start)
    if _bad_bytes(first_line):
        raise InputFileError(file, Msg("file.header_bad", problem=_bad_bytes(first_line)))
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}   # tab: Excel's 'Unicode Text'
    delimiter = max(counts, key=lambda sep: (counts[sep], sep == ","))
    plan = _csv_header_plan(f, file, delimiter, known)
    for other in (",", ";", "\t"):
        # the first line is a title ('UBND XÃ TÂN LẬP', or one with a comma in it): the delimiter is
        # the one under which a header row is found below it (else every row was one value, refused)
        if plan.found or known is None or other == delimiter:
            continue
        f.seek(start)
        tried = _csv_header_plan(f, file, other, known)
        if tried.found:
            delimiter, plan = other, tried
    f.seek(start)
    lines = iter(_Tap(f, file))
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for _ in range(plan.skip):   # title rows above the header (and the upper row of a two-row header)
            next(reader)
        header = [h.strip() for h in next(reader)]
        if plan.joined is not None:
            header = plan.texts
            if plan.joined > plan.skip + 1:   # the lower row of a two-row header
                next(reader)
    except StopIteration:
        raise InputFileError(file, Msg("file.empty_header")) from None
    except csv.Error as exc:  # e.g. a NUL byte, or a value larger than CSV_FIELD_LIMIT
        raise InputFileError(file, Msg("csv.unreadable", line=reader.line_num, reason=str(exc))) from None
    _check_header(file, header)
    _announce(file, header, plan, known, warn)
    if position is not None:
        position.parts = CsvParts(header, delimiter)
    return _csv_records(lines, reader.line_num, file, header, delimiter)


def plain_csv(data: bytes) -> bool:
    """Whether every line break of ``data`` ends a row, and ``csv_part`` reads its lines as the
    whole file's reader does: no quote (a quoted value may hold a line break), no NUL byte (the
    csv module's), no '\r' alone (lines are then counted by '\n')."""
    return b'"' not in data and b"\0" not in data and data.count(b"\r") == data.count(b"\r\n")


@dataclass(frozen=True)
class CsvParts:
    """How a part of a UTF-8 CSV file is read once its header is (``Position.parts``): what a
    worker needs to read its rows as the whole file's reader gives them (``run.parts``)."""

    header: list[str]
    delimiter: str
    plain = staticmethod(plain_csv)   # which blocks of the file every line break ends a row in

    def start(self, head: bytes, line: int) -> int | None:
        """Where line ``line + 1`` starts in ``head`` (the file's first bytes), when line ``line``
        (the first record's) is one plain line and no '\r' alone comes before it; else None."""
        end = _line_end(head, line)
        if end is None:
            return None
        before = head[:end]
        record = before[before.rfind(b"\n", 0, end - 1) + 1:]
        return end if before.count(b"\r") == before.count(b"\r\n") and plain_csv(record) else None

    def rows(self, data: bytes, line: int, file: str) -> Iterator[RawRow]:
        return csv_part(data, line, file, self.header, self.delimiter)

    def rest(self, path: str, start: int, line: int) -> Iterator[RawRow]:
        return csv_rest(path, start, line, self.header, self.delimiter)


@dataclass(frozen=True)
class JsonlParts:
    """How a part of a UTF-8 JSON Lines file is read: every '\n' ends a line (a line break in a
    JSON text is written '\\n'), and each line is read alone, so any part of whole lines is plain."""

    plain = None   # every block: no file needs to be looked at first

    def start(self, head: bytes, line: int) -> int | None:
        return _line_end(head, line)

    def rows(self, data: bytes, line: int, file: str) -> Iterator[RawRow]:
        texts = data.decode("utf-8", "surrogateescape").split("\n")
        if texts[-1] == "":   # the part ends with a line end (all but a file's last line, if it has none)
            texts.pop()
        for lineno, text in enumerate(texts, start=line):
            row = _jsonl_row(file, lineno, text.removesuffix("\r"))
            if row is not None:
                yield row

    def rest(self, path: str, start: int, line: int) -> Iterator[RawRow]:
        def read(f: TextIO) -> Iterator[RawRow]:
            rows = (_jsonl_row(str(path), lineno, text) for lineno, text in enumerate(_lines(f), start=line))
            return (row for row in rows if row is not None)
        return _read_from(path, start, read)


def _line_end(head: bytes, line: int) -> int | None:
    """Where line ``line + 1`` starts in ``head``: after its ``line``-th '\n' (None: not in it)."""
    end = 0
    for _ in range(line):
        end = head.find(b"\n", end) + 1
        if end == 0:
            return None
    return end


def csv_part(data: bytes, line: int, file: str, header: list[str], delimiter: str) -> Iterator[RawRow]:
    """The rows of a part of a UTF-8 CSV file whose header and delimiter are known (``CsvParts``),
    as reading the whole file gives them: ``data`` holds whole lines, the first of them line
    ``line`` of the file, and no quote (``plain_csv``), so every line starts a row."""
    return _csv_records(iter(_split_lines(data.decode("utf-8", "surrogateescape"))), line - 1, file, header, delimiter)


def csv_rest(path: str | Path, start: int, line: int, header: list[str], delimiter: str) -> Iterator[RawRow]:
    """The rows of a UTF-8 CSV file from byte ``start``, where line ``line`` starts and no row
    is under way (no footer row held back either: see ``footer.passes``), as reading the whole
    file gives them (rows under the table are left to the caller's ``FooterFilter``)."""
    def read(f: TextIO) -> Iterator[RawRow]:
        tap = _Tap(f, str(path))
        tap.number = line - 1   # '\n' before the start: the too-long-line message counts from the file's top
        return _csv_records(iter(tap), line - 1, str(path), header, delimiter)
    return _read_from(path, start, read)


def _read_from(path: str | Path, start: int, read: Callable[[TextIO], Iterator[RawRow]]) -> Iterator[RawRow]:
    """``read``'s rows of a UTF-8 file opened as the whole file's reader opens it, from byte ``start``."""
    try:
        with open(path, "rb") as raw:
            raw.seek(start)
            with io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="") as f:
                yield from read(f)
    except OSError as exc:
        raise InputFileError(str(path), Msg("file.cannot_read", reason=_reason(exc))) from None


def _csv_records(lines: Iterator[str], line: int, file: str, header: list[str], delimiter: str) -> Iterator[RawRow]:
    """The rows under the header (``line``: the header's). This runs once per row: a line with no
    quote is cut at its delimiters (what the csv module makes of it, cheaper), and the usual row (as
    wide as the header, every column named, nothing to normalise) takes the shortest way."""
    width = len(header)
    named = all(header)   # every column has a name (the usual file): a row is the header zipped with its values
    for text in lines:
        start = line = line + 1
        if '"' in text or "\0" in text:   # quoted values, maybe over several lines: the csv module reads them
            values, raw = _quoted_row(text, lines, file, start, delimiter)
            line += len(raw) - 1
            if line > start and sum(part.count('"') for part in raw) % 2:
                # A quote opened and never closed runs to the end of the file (or to the next quote):
                # the rows it swallowed would be lost without a trace, so the file is refused.
                raise InputFileError(file, Msg("csv.unclosed", start=start, end=line))
        else:   # one line, no quote: its text without the line ending, cut at the delimiters
            values = text.rstrip("\r\n").split(delimiter)
        joined = "".join(values)
        if not joined or joined.isspace():
            continue  # blank lines are layout, not records
        if len(values) != width and line - start > 1 and any("\n" in v for v in values):
            # An unclosed quote reads every following line into one value: those records would be
            # lost without a trace, so the file is refused rather than one row rejected.
            raise InputFileError(file, Msg("csv.unclosed", start=start, end=line))
        if named and (joined.isascii() or _plain_text(values)):   # nothing to normalise, no stray byte to look for
            row, bad = RawRow(file, start, dict(zip(header, values))), None
            if len(values) == width:
                yield row
                continue
        else:
            row = RawRow(file, start, {h: unicodedata.normalize("NFC", v) for h, v in zip(header, values) if h})
            bad = next((p for p in map(_bad_bytes, values) if p), None)
        if bad:
            row.problem = Msg("row.bad", problem=bad)
        elif len(values) < width or any(v.strip() for v in values[width:]):
            row.problem = Msg("csv.width", values=len(values), columns=width)
        yield row


def _quoted_row(text: str, lines: Iterator[str], file: str, start: int, delimiter: str) -> tuple[list[str], list[str]]:
    """The values of the row that starts with line ``text`` (line ``start`` of the file), read by
    the csv module, and the physical lines it read for them (it reads no further than the row)."""
    raw = [text]

    def more() -> Iterator[str]:
        for line in lines:
            raw.append(line)
            yield line
    reader = csv.reader(chain((text,), more()), delimiter=delimiter)
    try:
        return next(reader, []), raw
    except csv.Error as exc:  # e.g. a NUL byte, or a value larger than CSV_FIELD_LIMIT
        raise InputFileError(file, Msg("csv.unreadable", line=start - 1 + reader.line_num, reason=str(exc))) from None


HEADER_SCAN_CHARS = 1 << 20   # the first rows looked at for the header: title rows are short


@dataclass
class _CsvHeader:
    """Where a CSV file's header row is: ``skip`` rows above it (title rows), those rows' first
    texts, the rows just above and below it, and whether one of them is joined to it."""

    skip: int = 0
    titles: list[tuple[int, str]] = field(default_factory=list)
    near: list[Near] = field(default_factory=list)
    joined: int | None = None      # the row joined to the header (above or below it)
    texts: list[str] = field(default_factory=list)   # the joined header
    found: bool = False            # a row naming columns that are read was found


def _csv_header_plan(f: TextIO, file: str, delimiter: str, known: HeaderTest | None) -> _CsvHeader:
    """Look at the first rows for the header row, as a workbook's is found (``excel``): the first
    row naming at least two columns that are read. Without ``known``, or when no row does, the
    first row is the header, as always."""
    plan = _CsvHeader()
    if known is None:
        return plan
    lines, budget = [], HEADER_SCAN_CHARS
    for _ in range(HEADER_SEARCH_ROWS + 1):
        line = f.readline(budget)
        budget -= len(line)
        if not line or (budget <= 0 and not line.endswith("\n")):
            break   # a row too long to be a title (or the header): the first row stays the header
        lines.append(line)
    try:
        rows = [[unicodedata.normalize("NFC", v).strip() for v in row] for row in csv.reader(lines, delimiter=delimiter)]
    except csv.Error:
        return plan   # the real reader says what is wrong, with its line
    above: Near | None = None
    for i, texts in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for t in texts if t and known(t)) >= MIN_HEADER_MATCHES:
            plan.skip, plan.found = i, True
            above = above if above is not None and above[0] == i else None
            below = (i + 2, rows[i + 1]) if i + 1 < len(rows) else None
            plan.near = [n for n in (above, below) if n is not None]
            plan.texts, plan.joined = two_row_header(texts, above, below, known)
            if plan.joined is not None and plan.joined <= i:
                plan.titles = plan.titles[:-1]
            return plan
        if any(texts):
            plan.titles.append((i + 1, next(t for t in texts if t)))
            above = (i + 1, texts)
    return _CsvHeader()


def _announce(file: str, header: list[str], plan: _CsvHeader, known: HeaderTest | None,
              warn: Callable[[str], None] | None) -> None:
    """Once per file: the title rows skipped, a two-row header joined, how the header was read."""
    words = header_words(reader_lang(known))
    notes = []
    if plan.titles:
        notes.append(titles_note(words, file, plan.titles))
    if plan.joined is not None:
        a, b = sorted((plan.joined, plan.skip + 1))
        notes.append(words["two_rows"].format(where=file, a=a, b=b))
    diagnose = getattr(known, "diagnose", None)
    if diagnose is not None:
        notes += diagnose(file, header, plan.near)
    for note in notes if warn is not None else ():
        warn(note)


class _Tap:
    """The file's physical lines, each with its line ending, as the CSV reader reads them, read a
    block at a time and cut where ``readline`` cuts (at '\n', '\r\n' or '\r'). A line longer than
    LINE_LIMIT stops the file where it starts."""

    BLOCK = 1 << 13   # as much as the text layer reads ahead: a progress line moves as smoothly as before

    def __init__(self, f: TextIO, file: str):
        self.f, self.file = f, file
        self.number = 0   # '\n' read so far (the line number the too-long-line message gives, as it always did)

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self._blocks())   # the lines are handed over in C, not one call each

    def _blocks(self) -> Iterator[list[str]]:
        pending = ""   # the line still unfinished at the end of the last block
        while True:
            if len(pending) >= LINE_LIMIT:
                self._too_long()
            chunk = self.f.read(max(self.BLOCK, len(pending)))   # a long line: larger reads, not quadratic
            text = pending + chunk if pending else chunk
            if not text:
                return
            lines = _split_lines(text)
            pending = "" if not chunk or lines[-1].endswith("\n") else lines.pop()   # '\r' may go on with '\n'
            cut = _first_too_long(lines) if len(text) >= LINE_LIMIT else len(lines)
            if cut:
                given = lines if cut == len(lines) else lines[:cut]
                yield given
                self.number += text.count("\n", 0, len(text) - len(pending) if given is lines else sum(map(len, given)))
            if cut < len(lines):
                self._too_long()

    def _too_long(self) -> None:
        raise InputFileError(self.file, Msg("vf.line_too_long", n=LINE_LIMIT // (1 << 20), after=self.number))


def _first_too_long(lines: list[str]) -> int:
    """The first line ``readline(LINE_LIMIT)`` would not have given whole (len(lines) when none)."""
    for i, line in enumerate(lines):
        if len(line) > LINE_LIMIT or (len(line) == LINE_LIMIT and not line.endswith("\n")):
            return i
    return len(lines)


# Where readline cuts a line with newline="" (and str.splitlines too, unless the text holds one of
# the other breaks splitlines also cuts at: those are cut as readline cuts, by the regular expression).
_LINE_BREAKS = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_ODD_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _split_lines(text: str) -> list[str]:
    """``text`` cut into lines, each with its line ending, where ``readline`` (newline="") cuts."""
    return _LINE_BREAKS.findall(text) if _ODD_BREAKS.search(text) else text.splitlines(True)


def _check_header(file: str, header: list[str]) -> None:
    if not any(header):
        raise InputFileError(file, Msg("vf.no_header_names"))
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise InputFileError(file, Msg("csv.twice", name=name))
        seen.add(name)


# --- JSON and JSON Lines ------------------------------------------------------------------------

JSON_CHUNK = 1 << 16
LINE_LIMIT = 16 * 1024 * 1024   # the longest line or JSON record read (as CSV_FIELD_LIMIT)
MAX_INT_DIGITS = 100   # an integer longer than this is no score, id or year (Python refuses > 4,300 digits)


class _Odd:
    """A JSON value Python reads but no record may hold (NaN, Infinity, 1e400, a 5,000-digit
    integer): kept as a marker, so the record is rejected with a message and the rest is read."""

    def __init__(self, text: str):
        self.text = text[:20] + ("…" if len(text) > 20 else "")


def _odd_float(text: str) -> Any:
    value = float(text)
    return _Odd(text) if value in (float("inf"), float("-inf")) else value


def _odd_int(text: str) -> Any:
    return _Odd(text) if len(text.lstrip("-")) > MAX_INT_DIGITS else int(text)


_DECODER = json.JSONDecoder(parse_constant=_Odd, parse_float=_odd_float, parse_int=_odd_int)
# The same, with numbers read by json's C scanner itself (a Python call per number was a third of
# reading a JSON Lines unit): only for ``_plain_decode``, which checks what the hooks would mark.
_PLAIN = json.JSONDecoder(parse_constant=_Odd)
_FLAT = frozenset({str, float, bool, type(None)})   # a record's usual values: none the hooks change, if finite
_BIG = 10 ** MAX_INT_DIGITS


def _plain_decode(text: str) -> tuple[Any, bool]:
    """``_DECODER.decode(text)`` for a JSON Lines record, without a Python call per number, and
    whether it is a flat record with no odd number (texts, numbers, yes/no and blanks only). A
    record holding a number the hooks would have marked (an infinite float: 1e400; an integer of
    more than MAX_INT_DIGITS digits, or past Python's own limit; NaN), or a nested value (where one
    might hide), is read again with them, so the result is the same whatever the line."""
    try:
        item = _PLAIN.decode(text)
    except json.JSONDecodeError:
        raise
    except ValueError:   # an integer longer than Python reads (4,300 digits): the hooks mark it
        return _DECODER.decode(text), False
    if item.__class__ is not dict:
        return _DECODER.decode(text), False
    values = item.values()
    kinds = set(map(type, values))
    if kinds <= _FLAT or kinds - _FLAT == {int} and all(-_BIG < v < _BIG for v in values if v.__class__ is int):
        if float not in kinds or (math.inf not in values and -math.inf not in values):
            return item, True
    return _DECODER.decode(text), False


def _item_problem(item: Any, what: str) -> str | None:
    """Why a decoded JSON record cannot be used as it is, or None."""
    if not isinstance(item, dict):
        return Msg("json.what_not_object", what=what, kind=_json_kind(item))
    for key, value in item.items():
        if isinstance(value, _Odd):
            return Msg("vf.json_odd_number", key=key, value=value.text)
        bad = _bad_bytes(key) or (_bad_bytes(value) if isinstance(value, str) else None)
        if bad:
            return Msg("where_message", where=what, message=bad)
    return None


def _json_kind(item: Any) -> Msg:
    return Msg("vf.kind_number" if isinstance(item, _Odd) else f"vf.kind_{type(item).__name__}")


# The JSON reader's own sentences (Python's wording), in Vietnamese; any other is quoted as it is.
_JSON_VI = [
    ("Expecting value", "thiếu một giá trị (dấu phẩy thừa, hay chữ không đặt trong dấu ngoặc kép?)"),
    ("Expecting ',' delimiter", "thiếu dấu ',' giữa hai phần tử"),
    ("Expecting ':' delimiter", "thiếu dấu ':' sau tên trường"),
    ("Expecting property name enclosed in double quotes", "cần tên trường trong dấu ngoặc kép \"…\" (dấu phẩy thừa trước '}'?)"),
    ("Unterminated string starting at", "chuỗi chữ chưa đóng (thiếu dấu ngoặc kép)"),
    ("Invalid control character at", "có ký tự điều khiển (xuống dòng, tab) trong một chuỗi chữ"),
    ("Invalid \\escape", "ký tự thoát '\\' không hợp lệ (viết '\\\\' cho một dấu \\)"),
    ("Invalid \\uXXXX escape", "mã \\uXXXX không hợp lệ"),
    ("Extra data", "còn dữ liệu thừa sau giá trị"),
    ("Illegal trailing comma", "dấu phẩy thừa trước dấu đóng"),
]


def json_reason(reason: str) -> Msg:
    """What Python's JSON reader says (``JSONDecodeError.msg``), in the user's language."""
    for english, vi in _JSON_VI:
        if reason.startswith(english):
            return Msg("vf.json_reason", vi=vi, en=reason)
    return Msg("vf.json_other", detail=reason)


def _json_rows(f: TextIO, file: str) -> Iterator[RawRow]:
    """The records of a JSON file, an array of objects (or ``{"records": [...]}``), read element
    by element so that memory stays flat whatever the file's size."""
    reader = _JsonStream(f, file)
    first = reader.peek()
    if first == "{":
        data = reader.whole()
        if isinstance(data, dict) and isinstance(data.get("records"), list):
            for i, item in enumerate(data["records"], start=1):
                yield _json_row(file, i, item)
            return
    if first != "[":
        raise InputFileError(file, Msg("json.not_array"))
    for i, item in enumerate(reader.elements(), start=1):
        yield _json_row(file, i, item)


def _json_row(file: str, i: int, item: Any) -> RawRow:
    problem = _item_problem(item, Msg("json.record_n", i=i))
    if problem:
        return RawRow(file, i, {}, problem=problem)
    return RawRow(file, i, nfc_item(item))


class _JsonStream:
    """Values of a JSON text read a chunk at a time: the array's elements one by one."""

    def __init__(self, f: TextIO, file: str):
        self.f, self.file = f, file
        self.buf, self.pos, self.eof = "", 0, False
        self.line = 1   # the line of buf[0], for messages

    def _more(self, at_least: int = JSON_CHUNK) -> bool:
        if self.eof:
            return False
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf, self.pos = self.buf[self.pos:], 0
        chunk = self.f.read(max(JSON_CHUNK, at_least))
        self.eof = not chunk
        self.buf += chunk
        return bool(chunk)

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or not self._more():
                return self.buf[self.pos:self.pos + 1]

    def whole(self) -> Any:
        while self._more():
            pass
        return self._decode_all()

    def elements(self) -> Iterator[Any]:
        self.pos += 1   # the '['
        if self.peek() == "]":
            self.pos += 1
            return self._end()
        while True:
            yield self._value()
            sep = self.peek()
            self.pos += 1
            if sep == "]":
                return self._end()
            if sep != ",":
                self._fail(Msg("vf.json_sep"))

    def _end(self) -> None:
        if self.peek():
            self._fail(Msg("vf.json_extra"))

    def _value(self) -> Any:
        self.peek()
        size = JSON_CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos > LINE_LIMIT:
                    self._fail(Msg("vf.json_long", n=LINE_LIMIT // (1 << 20)))
                if self._more(size):
                    size *= 2   # a long element: read larger chunks, so a retry is not quadratic
                    continue
                self._fail(json_reason(exc.msg), exc.pos)
            except RecursionError:
                self._fail(Msg("vf.json_deep"))
            if end == len(self.buf) and not self.eof and self.buf[self.pos] not in "[{\"":
                self._more()   # a number may go on in the next chunk
                continue
            self.pos = end
            return value

    def _decode_all(self) -> Any:
        try:
            return _DECODER.decode(self.buf)
        except json.JSONDecodeError as exc:
            self._fail(json_reason(exc.msg), exc.pos)
        except RecursionError:
            self._fail(Msg("vf.json_deep"))

    def _fail(self, msg: Msg, at: int | None = None) -> None:
        at = self.pos if at is None else at
        line = self.line + self.buf.count("\n", 0, at)
        column = at - self.buf.rfind("\n", 0, at)
        raise InputFileError(self.file, Msg("json.invalid", line=line, column=column, reason=msg))


def _jsonl_rows(f: TextIO, file: str) -> Iterator[RawRow]:
    for lineno, line in enumerate(_lines(f), start=1):
        row = _jsonl_row(file, lineno, line)
        if row is not None:
            yield row


def _jsonl_row(file: str, lineno: int, line: str | None) -> RawRow | None:
    """Line ``lineno`` of a JSON Lines file as a row (None for a blank line; ``line`` None: too long)."""
    if line is None:
        return RawRow(file, lineno, {}, problem=Msg("vf.jsonl_too_long", n=LINE_LIMIT // (1 << 20)))
    if not line.strip():
        return None
    row = RawRow(file, lineno, {})
    # most lines are ASCII with no \u escape (codes, numbers, yes/no): every text read from them is
    # ASCII too, so holds no byte that is not UTF-8, no half of a surrogate pair, and is already NFC
    ascii = line.isascii() and "\\u" not in line
    bad = None if ascii else _bad_bytes(line)
    if bad:
        row.problem = Msg("line.bad", problem=bad)
    else:
        try:
            item, flat = _plain_decode(line.removeprefix("\ufeff"))
        except json.JSONDecodeError as exc:
            item, row.problem = None, Msg("jsonl.invalid", column=exc.colno, reason=json_reason(exc.msg))
        except RecursionError:
            item, row.problem = None, Msg("vf.json_deep_here")
        if row.problem is None:
            # a flat record of ASCII texts, no odd number: nothing _item_problem looks for can be in it
            row.problem = None if ascii and flat else _item_problem(item, Msg("json.the_line"))
            if row.problem is None:
                row.data = item if ascii else nfc_item(item)
    return row


def _lines(f: TextIO) -> Iterator[str | None]:
    """The file's lines, read lazily, without their line endings; None for a line longer than
    LINE_LIMIT (its text is dropped as it is read, so memory stays flat). JSON Lines ends a line
    at '\n' (and '\r\n') only: U+2028, U+2029, NEL and the other characters str.splitlines()
    cuts at are legal inside a JSON string, and cutting there would split one record in several."""
    pending: list[str] = []
    size = 0
    while chunk := f.read(JSON_CHUNK):
        parts = chunk.split("\n")
        for part in parts[:-1]:
            yield None if size + len(part) > LINE_LIMIT else ("".join(pending) + part).removesuffix("\r")
            pending, size = [], 0
        size += len(parts[-1])
        pending = [] if size > LINE_LIMIT else [*pending, parts[-1]]
    if size:
        yield None if size > LINE_LIMIT else "".join(pending).removesuffix("\r")


def nfc_item(item: dict[str, Any]) -> dict[str, Any]:
    return {unicodedata.normalize("NFC", str(k)): (unicodedata.normalize("NFC", v) if isinstance(v, str) else v)
            for k, v in item.items()}
