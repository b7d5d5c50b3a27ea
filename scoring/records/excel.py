"""Step 1 (workbooks): read records from one sheet of an Excel ``.xlsx`` file, streaming.

A council's workbook is made for people, not programs: a merged title row above the header,
blank rows between groups, numbers typed as text or formatted as percentages, formulas, a
hidden sheet of lists. This reader finds the header row, skips blank rows, names every row
as Excel does (``file.xlsx:Sheet!7``) and reads the value Excel last computed for a formula.
It never decides whether a value is valid: that is the validator's job (``records``).
"""
from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import sqlite3
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, ROW_TAG, VALUE_TAG, WorkSheetParser, _cast_number
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse as checked_iterparse

from scoring.errors import InputFileError, did_you_mean, os_reason
from scoring.records.headers import (HEADER_SEARCH_ROWS, MIN_HEADER_MATCHES, header_words, looks_like_record, quoted_headers,
                                    reader_lang, row_number_column, titles_note, two_row_header)
from scoring.messages import Msg, t
from scoring.records.raw import HeaderTest, PercentCell, Position, RawRow, filled
from scoring.records.sheetxml import MAX_COLUMNS, GaveUp, fast_rows

_SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"
_DIMENSION = f"{{{SHEET_MAIN_NS}}}dimension"
_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_ELEMENT_START = re.compile(rb"<[^?!]")   # the first element's start tag (not a declaration, comment or DTD)
_PLAIN_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")   # a cell reference as Excel writes it: 'C12'


ALL_SHEETS = "*"


def read_workbook(path: Path, sheet: str | tuple[str, ...] | None = None, known: HeaderTest | None = None,
                  warn: Callable[[str], None] | None = None, position: Position | None = None) -> Iterator[RawRow]:
    """Rows of the chosen sheets, each below its header row, sheet after sheet.

    ``sheet``: a name, several names, ``'*'`` (every visible sheet), or None (the first visible
    one; then ``warn`` hears of other visible sheets that hold a table of the same columns, so
    that a district's second commune is never skipped without a word). ``known`` tells which
    header texts the caller reads: the header is the first row where at least two cells are
    known names, and a formula with no saved value is an error only in a known column. Without
    ``known``, the header is the first row with two or more cells. ``position`` is told how far
    the reader is (bytes of the sheets' XML) and how many rows the sheets declare (see ``raw.Position``).
    """
    file = str(path)
    book = _Book(path)
    try:
        chosen = _pick_sheets(book.sheets, sheet, file)
        if not sheet and warn is not None:
            _warn_unread(book, chosen[0], known, file, warn)
        if sheet and ALL_SHEETS in ((sheet,) if isinstance(sheet, str) else sheet):
            chosen = _tables(book, chosen, known, file, warn)
        # before any row: a file whose header lacks a column is refused whole
        try:
            headers = [_announce(book, one, known, file, warn) for one in chosen]
        except InputFileError as exc:
            if not sheet:
                _tables_elsewhere(book, chosen[0], known, file, exc)
            raise
        tails = [_merged_down(book, one, below) for one, below in zip(chosen, headers)]
        merges = [merged for merged, _ in tails]
        for one, below, (merged, hides) in zip(chosen, headers, tails):
            if merged and warn is not None:
                warn(t("xl.merged", reader_lang(known), file=file, name=one.name, cells=_cells(merged)))
            hidden = _hidden_rows(book, one, below) if hides and warn is not None else []
            if hidden:
                warn(t("xl.hidden_rows", reader_lang(known), file=file, name=one.name, n=len(hidden),
                       rows=", ".join(map(str, hidden[:8])) + (", …" if len(hidden) > 8 else "")))
        readers = [_SheetRows(book, one) for one in chosen]
        if position is not None:
            _follow(position, book, readers, headers)
        for one, reader, merged in zip(chosen, readers, merges):
            yield from _records(file, one.name, reader, known, merged)
    finally:
        book.close()


def _tables(book: "_Book", sheets: list["_Sheet"], known: HeaderTest | None, file: str,
            warn: Callable[[str], None] | None) -> list["_Sheet"]:
    """Of every visible sheet, those with a header row; a notes or instructions sheet is passed
    over with a warning (decided on opening, so that the warning comes before the results)."""
    tables = [s for s in sheets if _has_table(book, s, known, rows_too=False)]
    for s in sheets:
        if s not in tables and warn is not None:
            warn(t("xl.no_table", reader_lang(known), file=file, name=s.name))
    if not tables:
        raise InputFileError(file, Msg("xlsx.no_table"))
    return tables


def _announce(book: "_Book", sheet: "_Sheet", known: HeaderTest | None, file: str,
              warn: Callable[[str], None] | None) -> int:
    """Say, once per sheet, how its header was found (title rows skipped, two header rows joined)
    and read (``known.diagnose``: loose headers, missing columns; it raises for a column every
    record needs). Gives the header's last row: records are under it."""
    found = _find_header(file, sheet.name, iter(_SheetRows(book, sheet)), known)
    where = f"{file}:{sheet.name}"
    words = header_words(reader_lang(known))
    notes = []
    if found.titles:
        notes.append(titles_note(words, where, found.titles))
    if found.joined is not None:
        a, b = sorted((found.number, found.joined))
        notes.append(words["two_rows"].format(where=where, a=a, b=b))
    diagnose = getattr(known, "diagnose", None)
    if diagnose is not None:
        notes += diagnose(where, found.texts, found.near, letters=True)
    if known is not None and warn is not None:
        notes += _hidden_read(book, sheet, found.texts, known, where)
    for note in notes if warn is not None else ():
        warn(note)
    return max(found.number, found.joined or 0)


_COL = re.compile(rb'<(?:\w+:)?col\s([^>]*)>')   # not <cols>: one column range's width, style, hidden
_ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')


def _hidden_read(book: "_Book", sheet: "_Sheet", texts: list[str], known: HeaderTest, where: str) -> list[str]:
    """A column hidden in Excel is read like any other (the council sent it) but nobody sees what it
    holds: each one the caller reads is named, as hidden rows are. A hidden column of notes is not."""
    hidden = _hidden_columns(book, sheet)
    read = [i for i in sorted(hidden) if i < len(texts) and texts[i] and known(texts[i])]
    if not read:
        return []
    cells = [f"{get_column_letter(i + 1)} ('{texts[i]}')" for i in read[:8]]
    return [t("xl.hidden_columns", reader_lang(known), where=where, n=len(read),
              cells=", ".join(cells) + (", …" if len(read) > 8 else ""))]


def _hidden_columns(book: "_Book", sheet: "_Sheet") -> set[int]:
    """The columns (0-based) a sheet hides: its <cols>, before its rows, so only its start is read."""
    head = b""
    try:
        with book.archive.open(sheet.part) as source:
            while b"sheetData" not in head and len(head) < 1 << 22:
                chunk = source.read(1 << 16)
                if not chunk:
                    break
                head += chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, RuntimeError):
        return set()   # the rows' reader says what is wrong
    hidden: set[int] = set()
    for attributes in _COL.findall(head.split(b"sheetData", 1)[0]):
        given = dict(_ATTRIBUTE.findall(attributes))
        if given.get(b"hidden") in (b"1", b"true") and given.get(b"min", b"").isdigit() and given.get(b"max", b"").isdigit():
            hidden.update(range(int(given[b"min"]) - 1, min(int(given[b"max"]), 16384)))
    return hidden


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')


def _merged_down(book: "_Book", sheet: "_Sheet", header: int) -> tuple[list[tuple[int, int, int]], bool]:
    """Cells merged down one column under the header (0-based column, first row, last row): a
    council merges 'Xã' or 'Nhóm' over the people it holds, and every row of the merge means the
    first cell's value (Excel shows it on each). A sheet lists its merges after its rows, so its XML
    is inflated once more to find them, without being parsed; merges across columns (a total's
    label, a title) are left as they are. Nothing readable: none (the rows' reader says why).
    Also whether a row of the data may be hidden (by hand or by a filter: ``_hidden_rows``), looked
    for in the same pass, so that a sheet with none costs nothing more."""
    tail = b""
    hides = False   # a row of the data says hidden="1" (no other element of the data has that attribute)
    in_data = False   # the start of the data was read
    try:
        with book.archive.open(sheet.part) as source:
            while True:
                chunk = source.read(1 << 20)
                if not chunk:
                    return [], hides
                data = tail + chunk
                at = data.find(b"</sheetData>")
                if at < 0:
                    at = data.find(b":sheetData>")
                start = 0 if in_data else data.find(b"sheetData")   # not the columns before it (hidden or not)
                in_data = start >= 0
                if in_data and not hides:
                    # a plain search (a pattern took a tenth of reading the sheet): a text holding the
                    # words only makes the rows be read once more, and named exactly (``_hidden_rows``)
                    hides = data.find(b'hidden="', start, at if at >= 0 else len(data)) >= 0
                if at >= 0:
                    rest = data[at:] + source.read()
                    break
                tail = data[-32:]
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, RuntimeError):
        return [], False
    found = []
    for a, first, b, last in _MERGE.findall(rest):
        first, last = int(first), int(last)
        if a == b and last > first > header:
            found.append((column_index_from_string(a.decode()) - 1, first, last))
    return sorted(found, key=lambda m: (m[1], m[0])), hides


def _hidden_rows(book: "_Book", sheet: "_Sheet", header: int) -> list[int]:
    """The rows under the header that hold something and are hidden: they are read and scored like
    any other (the council sent them), and said once, so that nobody is scored unseen. Only for a
    sheet whose XML says hidden="1" in its data: it is read once more, as its rows are read."""
    rows = _SheetRows(book, sheet)
    try:
        holding = [number for number, values, _, problem in rows
                   if number > header and (problem is not None or any(filled(v) for v in values))]
    except InputFileError:
        return []   # the rows' reader says what is wrong when the records are read
    return [number for number in holding if number in rows.hidden]


def _cells(merged: list[tuple[int, int, int]]) -> str:
    shown = [f"{get_column_letter(c + 1)}{a}:{get_column_letter(c + 1)}{b}" for c, a, b in merged[:8]]
    return ", ".join(shown) + (f", … (+{len(merged) - 8})" if len(merged) > 8 else "")


def _follow(position: Position, book: "_Book", readers: list["_SheetRows"], headers: list[int]) -> None:
    """Tell ``position`` how far the reader is in the sheets' XML (uncompressed bytes, asked only when
    a progress line is refreshed), and the rows under the headers when every sheet declares its size."""
    position.size = Path(book.path).stat().st_size
    position.end = sum(r.size for r in readers)
    position.tell = lambda: sum(r.read() for r in readers)
    declared = [_declared_rows(book, r.sheet) for r in readers]
    if all(d is not None for d in declared):
        position.rows = sum(max(0, d - h) for d, h in zip(declared, headers))


def _declared_rows(book: "_Book", sheet: "_Sheet") -> int | None:
    """The last row a sheet declares (``<dimension ref="A1:K900"/>``, before its data), or None:
    files written by programs often leave it out, or write 'A1'."""
    try:
        with book.archive.open(sheet.part) as source:
            for _, element in _iterparse(source, ("start",)):
                if element.tag == _DIMENSION:
                    last = element.get("ref", "").partition(":")[2]
                    number = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                    return int(number) if number.isdigit() else None
                if element.tag == _SHEET_DATA:
                    return None
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError):
        return None   # the reader itself says what is wrong with the sheet
    return None


def _warn_unread(book: "_Book", read: "_Sheet", known: HeaderTest | None, file: str, warn: Callable[[str], None]) -> None:
    """Visible sheets besides the one read whose first rows hold a header of the same kind."""
    others = [s for s in book.sheets if s.state == "visible" and s is not read]
    unread = [s.name for s in others if _has_table(book, s, known)]
    if unread:
        names = ", ".join(f"'{n}'" for n in unread)   # in the run's language, as header_words
        warn(t("xl.unread", reader_lang(known), file=file, names=names, n=len(unread), read=read.name, fix=Msg("xl.unread_fix")))


def _tables_elsewhere(book: "_Book", first: "_Sheet", known: HeaderTest | None, file: str, exc: InputFileError) -> None:
    """The first visible sheet, read by default, has no table (an instructions sheet in front of
    one sheet per village): name the sheets that have one, rather than say only 'check the sheet'."""
    if getattr(exc.problem, "code", None) not in ("xlsx.no_header", "xlsx.sheet_empty"):
        return
    others = [s.name for s in book.sheets if s.state == "visible" and s is not first and _has_table(book, s, known)]
    if others:
        names = ", ".join(f"'{n}'" for n in others)
        raise InputFileError(file, Msg("xlsx.no_table_first", sheet=first.name, names=names, n=len(others),
                                       fix=Msg("xl.unread_fix"))) from None


def _has_table(book: "_Book", sheet: "_Sheet", known: HeaderTest | None, rows_too: bool = True) -> bool:
    """Does the sheet have a header row of the columns asked for (and, with ``rows_too``, a row under it)?"""
    try:
        rows = iter(_SheetRows(book, sheet))
        found = _find_header(book.path, sheet.name, rows, known)
        return not rows_too or any(any(filled(v) for v in values) for _, values, _, _ in
                                   itertools.chain(found.pending, rows))
    except InputFileError:
        return False


@dataclass(frozen=True)
class _Sheet:
    name: str
    state: str      # visible, hidden or veryHidden
    part: str       # the sheet's XML file inside the workbook


class _Book:
    """What this reader needs of a workbook — sheet list, shared strings, styles — read without
    touching any sheet's data. (openpyxl's read-only mode scans every sheet once on opening when
    the file does not declare its size, as files written by programs often do.)"""

    def __init__(self, path: Path, listing: bool = False):
        """``listing``: the sheet list alone (no shared strings, no styles), to look a sheet up."""
        try:
            reader = ExcelReader(path, read_only=True, data_only=True)
            _check_sizes(reader.archive, str(path))
            reader.read_manifest()
            strings = None if listing else _shared_strings(reader)
            reader.read_workbook()
            if not listing:
                apply_stylesheet(reader.archive, reader.wb)
            self.sheets = [_Sheet(s.name, s.state or "visible", rel.target) for s, rel in reader.parser.find_sheets()
                           if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
        except FileNotFoundError:
            raise InputFileError(str(path), Msg("file.cannot_read", reason=Msg("file.no_such"))) from None
        except OSError as exc:
            raise InputFileError(str(path), Msg("file.cannot_read", reason=os_reason(exc))) from None
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, IndexError, AttributeError,
                ParseError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
            raise InputFileError(str(path), _unreadable(path, exc)) from None
        self.archive, self.wb, self.strings = reader.archive, reader.wb, strings
        self.path = self.file = str(path)

    def close(self) -> None:
        self.archive.close()
        if isinstance(self.strings, _DiskStrings):
            self.strings.close()


def check_sheet(path: Path, name: str | None) -> None:
    """Raise the InputFileError reading ``path`` would raise when it is no workbook or has no sheet
    ``name`` (None: the first visible one), from its sheet list alone: a web form says it when sent,
    rather than the background job later."""
    book = _Book(path, listing=True)
    try:
        _pick_sheets(book.sheets, name, str(path))
    finally:
        book.close()


_OLE = b"\xd0\xcf\x11\xe0"   # an OLE compound file: what Excel writes a password-protected .xlsx (or an old .xls) as


def _unreadable(path: Path, exc: BaseException) -> Msg:
    """Why a workbook cannot be opened, in the user's words: the zip library's English ('File is
    not a zip file') tells a council nothing, so the two usual causes are named with their fix."""
    if path.name.startswith("~$"):   # Excel's lock file beside an open workbook, picked by mistake
        return Msg("xlsx.lock_file", real=path.name[2:])
    try:
        with open(path, "rb") as f:
            head = f.read(len(_OLE))
    except OSError:
        head = b""
    if head == _OLE:
        return Msg("xlsx.encrypted")
    return Msg("xlsx.unreadable", reason=_short(exc))   # the library's detail is shown with --lang en only


MAX_PART_BYTES = 2 << 30       # no part of a workbook a council makes is larger than 2 GiB once inflated
MAX_PART_RATIO = 200           # nor compressed more than 200 times: a bomb is (a 1 MB file inflating to 1 GiB)
BOMB_MIN_BYTES = 64 << 20      # a small part may compress very well (blank rows): only large ones are judged


def _check_sizes(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse a decompression bomb from the sizes the zip directory declares, before inflating
    anything (what is then read is also stopped at the declared size by zipfile itself)."""
    for info in archive.infolist():
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > BOMB_MIN_BYTES and ratio > MAX_PART_RATIO):
            raise InputFileError(file, Msg("xlsx.bomb", part=info.filename,
                                           big=Msg("num", x=round(info.file_size / (1 << 20)), decimals=0),
                                           small=Msg("num", x=info.compress_size / (1 << 20), decimals=1),
                                           ratio=Msg("num", x=round(ratio), decimals=0)))


STRINGS_IN_MEMORY = 8 << 20   # a shared-strings part larger than this (inflated) is kept on disk


def _shared_strings(reader: ExcelReader) -> Sequence[str]:
    """The workbook's shared strings (the text of its cells, each stored once). openpyxl keeps
    them in a list, about 100 bytes a string: 4 million of them would take near 1 GiB. A large
    table is read as a stream into a temporary SQLite file instead, and looked up by index."""
    ct = reader.package.find(SHARED_STRINGS)
    if ct is None:
        return []
    part = ct.PartName[1:]
    if reader.archive.getinfo(part).file_size <= STRINGS_IN_MEMORY:
        with reader.archive.open(part) as source:
            return _strings_in_memory(source)
    return _DiskStrings(reader.archive, part)


class _DiskStrings(Sequence):
    """Shared strings in a private temporary SQLite database (removed when closed)."""

    def __init__(self, archive: zipfile.ZipFile, part: str):
        self.db = sqlite3.connect("")   # "": a private on-disk temporary database
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("CREATE TABLE s (i INTEGER PRIMARY KEY, t TEXT NOT NULL)")
        self.n = 0
        batch: list[tuple[int, str]] = []
        with archive.open(part) as source:
            for text in _shared_texts(source):
                batch.append((self.n, text))
                self.n += 1
                if len(batch) >= 10_000:
                    self.db.executemany("INSERT INTO s VALUES (?, ?)", batch)
                    batch.clear()
        self.db.executemany("INSERT INTO s VALUES (?, ?)", batch)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: Any) -> Any:
        if not isinstance(i, int) or not 0 <= i < self.n:
            raise IndexError(f"shared string {i} does not exist (the table has {self.n})")
        return self.db.execute("SELECT t FROM s WHERE i = ?", (i,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()


def _iterparse(source: Any, events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """A workbook part's XML events. With defusedxml installed (fpdf2 needs it), openpyxl parses
    through defusedxml, which refuses entity declarations but drives the parser from Python, a call
    for every element and every event (issue 14). Entities can only be declared in a
    DTD, and a DTD only stands before the first element: a part whose text up to there is only its
    XML declaration (as Excel and LibreOffice write it) is read by the standard library's parser,
    written in C, into the same elements; any other part, as before, through defusedxml."""
    if _no_dtd(source):
        return ElementTree.iterparse(source, events)
    return checked_iterparse(source, events=events)


def _no_dtd(source: Any) -> bool:
    """Whether the part surely declares no DTD: its first bytes (peeked, not read), in an encoding
    that writes '<' and '!' as ASCII does, hold the first element's start with no '<!' before it."""
    peek = getattr(source, "peek", None)
    head = peek(512)[:512] if peek is not None else b""   # a buffered file gives all it holds
    if b"\0" in head or not head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"<"):
        return False   # UTF-16 or 32, or not XML: the checked parser says what it makes of it
    first = _ELEMENT_START.search(head)
    return first is not None and b"<!" not in head[:first.start()]


def _strings_in_memory(source: Any) -> list[str]:
    """openpyxl's ``read_string_table``: the table as a list."""
    return list(_shared_texts(source))


def _shared_texts(source: Any) -> Iterator[str]:
    """The texts of a shared-strings part, in order, as openpyxl's ``read_string_table`` reads
    them (through ``_iterparse`` and ``_text``); each string's elements are dropped once read."""
    root = None
    for event, node in _iterparse(source, ("start", "end")):
        if root is None:
            root = node
        elif event == "end" and node.tag == _STRING_TAG:
            text = _text(node).replace("x005F_", "")
            root.clear()
            yield text


def _text(node: Any) -> str:
    """``Text.from_tree(node).content``: a shared or inline text, the usual one (a single <t>, no
    rich text) read straight."""
    if len(node) == 1 and node[0].tag == _TEXT_TAG:
        return node[0].text or ""
    return Text.from_tree(node).content


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "…"


def _pick_sheets(sheets: list[_Sheet], name: str | tuple[str, ...] | None, file: str) -> list[_Sheet]:
    if not sheets:
        raise InputFileError(file, Msg("xlsx.no_sheet"))
    visible = [s for s in sheets if s.state == "visible"]
    if not name:   # None, or no --sheet given to an option that may be repeated
        return [(visible or sheets)[0]]
    names = (name,) if isinstance(name, str) else tuple(name)
    if ALL_SHEETS in names:
        return visible or sheets
    chosen: list[_Sheet] = []
    for one in names:
        found = _find_sheet(sheets, one, file)
        if found not in chosen:
            chosen.append(found)
    return chosen


def _find_sheet(sheets: list[_Sheet], name: str, file: str) -> _Sheet:
    for s in sheets:
        if s.name == name or _fold(s.name) == _fold(name):
            return s
    titles = [s.name for s in sheets]
    listed = [Msg("xlsx.sheet_name", name=s.name, hidden=Msg("xlsx.hidden") if s.state != "visible" else "")
              for s in sheets]
    raise InputFileError(file, Msg("xlsx.unknown_sheet", name=name, hint=did_you_mean(name, titles),
                                   sheets=Msg("list", items=listed)))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


Row = tuple[int, list[Any], set[int], "Msg | str | None"]   # number, values by column, formula columns, problem


class _SheetRows:
    """The rows of a sheet, in one pass: each with its values and the columns holding a formula.

    openpyxl's read-only rows keep every parsed row element attached to the document (about
    70 MB per million rows) and do not tell whether a saved value came from a formula. This
    drives openpyxl's own cell parser (types, shared strings, dates) over the sheet's XML and
    drops each row once read. It uses openpyxl internals, so pyproject.toml pins openpyxl 3.1
    and tests/test_excel.py reads every kind of cell through it. A sheet as the usual programs
    write it is read first by ``sheetxml.fast_rows``, which gives the same rows without building
    an element per cell; where it gives up, this reads the sheet again, past the rows it gave.
    """

    def __init__(self, book: _Book, sheet: _Sheet):
        self.wb, self.archive, self.sheet = book.wb, book.archive, sheet
        self.parser = WorkSheetParser(None, book.strings, data_only=True, epoch=book.wb.epoch,
                                      date_formats=book.wb._date_formats, timedelta_formats=book.wb._timedelta_formats)
        self.parser.parse_cell = self._cell   # its parse_row calls this one for every cell
        self._percent: dict[int, bool] = {}
        self._last = 0   # the last row number read, for a row whose own number cannot be read
        self.hidden: set[int] = set()   # the rows read so far that are hidden (by hand or by a filter)
        self.file = book.file
        self.source: Any = None   # the sheet's XML while it is read
        try:
            self.size = self.archive.getinfo(sheet.part).file_size
        except KeyError:   # the reader says so when it opens the sheet
            self.size = 0

    def read(self) -> int:
        """How many bytes of the sheet's XML were read (uncompressed): none before, all after."""
        if self.source is None:
            return 0
        try:
            return self.source.tell()
        except ValueError:   # closed: read to its end
            return self.size

    def __iter__(self) -> Iterator[Row]:
        try:
            given = 0
            with self.archive.open(self.sheet.part) as source:
                self.source = source
                try:
                    for row in fast_rows(self, source):   # the usual sheet, without an XML element per cell (issue 14)
                        given += 1
                        yield row
                    return
                except GaveUp:
                    pass
            # not a sheet as the usual programs write it: the XML parser reads it from its start, past the rows given
            self._last = self.parser.row_counter = self.parser.col_counter = 0
            with self.archive.open(self.sheet.part) as source:
                self.source = source
                rows = self._rows(source)
                next(itertools.islice(rows, given, given), None)
                yield from rows
        except ParseError as exc:
            line, column = getattr(exc, "position", (None, None))
            raise InputFileError(self.file, Msg("xlsx.sheet_xml", sheet=self.sheet.name, line=line, column=column,
                                                reason=_short(exc))) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError) as exc:
            raise InputFileError(self.file, Msg("xlsx.sheet_damaged", sheet=self.sheet.name, reason=_short(exc))) from None
        except ValueError as exc:
            # with defusedxml installed (fpdf2 needs it) openpyxl parses through it, which refuses any
            # entity declaration: Excel never writes one, so the sheet was made to attack the reader
            if type(exc).__module__.partition(".")[0] != "defusedxml":
                raise
            raise InputFileError(self.file, Msg("xlsx.sheet_entity", sheet=self.sheet.name)) from None

    def _rows(self, source: Any) -> Iterator[Row]:
        sheet_data = None
        for event, element in _iterparse(source, ("start", "end")):
            if event == "start":
                if element.tag == _SHEET_DATA:
                    sheet_data = element
            elif element.tag == ROW_TAG:
                yield self._row(element)
                (sheet_data if sheet_data is not None else element).clear()  # forget the rows read
            elif element.tag == _SHEET_DATA:
                return  # what follows the data (print setup, …) is not needed

    def _row(self, element: Any) -> Row:
        if element.get("hidden") in ("1", "true"):
            self.hidden.add(int(element.get("r") or self._last + 1))
        try:
            number, cells = self.parser.parse_row(element)
            values: list[Any] = [None] * min(max((c["column"] for c in cells), default=0), MAX_COLUMNS)
            formulas = set()
            for xml, cell in zip(element, cells):
                i = cell["column"] - 1
                if not 0 <= i < MAX_COLUMNS:
                    raise ValueError(f"column {cell['column']} is beyond Excel's last column XFD")
                values[i] = self._value(cell)
                if xml.find(FORMULA_TAG) is not None:
                    formulas.add(i)
        except (ValueError, TypeError, IndexError, KeyError, OverflowError, AttributeError) as exc:
            # one damaged row (a cell reference like '1A', a number 'NaN', a missing shared
            # string): that row is rejected with the reason, the rest of the sheet is read
            self._last += 1
            return self._last, [], set(), Msg("xlsx.bad_row", reason=_short(exc))
        self._last = number
        return number, values, formulas, None

    def _cell(self, element: Any) -> dict[str, Any]:
        """What openpyxl's ``parse_cell`` gives (data only, no rich text), for the cells nearly every
        sheet is made of — a number not formatted as a date, a shared string, an inline text,
        at a reference like 'C12' — without its steps written for every kind of cell (over two
        fifths of the time reading a row took: issue 14); any other cell through ``parse_cell``.
        ``tests/test_excel.py`` compares the two on every kind of cell."""
        parser, get = self.parser, element.get
        kind, style = get("t", "n"), get("s", 0)
        ref = _PLAIN_REF.fullmatch(get("r") or "")
        if ref is None or (style and not style.isdecimal()):
            return WorkSheetParser.parse_cell(parser, element)
        style = int(style) if style else style   # '' stays '', as parse_cell leaves it
        row, column = int(ref[2]), column_index_from_string(ref[1])
        parser.col_counter = column   # as parse_cell: before the value, which may be refused
        if kind == "inlineStr":
            inline = element.find(INLINE_STRING)
            if inline is None:
                return WorkSheetParser.parse_cell(parser, element)
            value, kind = _text(inline), "s"
        else:
            value = element.findtext(VALUE_TAG, None) or None
            if value is not None:
                if kind == "n" and style not in parser.date_formats:
                    value = _cast_number(value)
                elif kind == "s":
                    value = parser.shared_strings[int(value)]
                else:   # a date, a yes/no, an error value, a formula's text
                    return WorkSheetParser.parse_cell(parser, element)
        return {"row": row, "column": column, "value": value, "data_type": kind, "style_id": style}

    def _value(self, cell: dict[str, Any]) -> Any:
        value = cell["value"]
        kind = type(value)
        if kind is str:
            return unicodedata.normalize("NFC", value)
        if kind is float and not math.isfinite(value):
            return str(value)   # NaN or 1e999 in a cell: text, so the record is rejected as not a number
        if (kind is int or kind is float) and self._is_percent(cell["style_id"]):
            value = round(value * 100, 10)  # 85% is stored as 0.85; the person typed and sees 85
            # 0,5 %: read as 0,5, and marked, so that it is not taken for a share written as a fraction
            return PercentCell(value) if value.__class__ is float and 0 < value <= 1 else value
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date().isoformat()  # a date cell: Excel stores every date as a date-time at midnight
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            return value.isoformat()
        return value

    def _is_percent(self, style_id: int) -> bool:
        if style_id not in self._percent:
            fmt_id = self.wb._cell_styles[style_id].numFmtId if style_id else 0
            fmt = (BUILTIN_FORMATS.get(fmt_id, "") if fmt_id < BUILTIN_FORMATS_MAX_SIZE
                   else self.wb._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE])
            self._percent[style_id] = "%" in fmt
        return self._percent[style_id]


def _records(file: str, sheet: str, rows: Iterable[Row], known: HeaderTest | None,
             merged: list[tuple[int, int, int]] = ()) -> Iterator[RawRow]:
    it = iter(rows)
    found = _find_header(file, sheet, it, known)
    header = found.texts
    needed = {i for i, h in enumerate(header) if h and (known is None or known(h))}
    named, width = all(header), len(header)   # the usual header: every column named
    numbering = {i for i, h in enumerate(header) if h and row_number_column(h)}
    down = _MergedDown(merged) if merged else None
    for number, values, formulas, problem in itertools.chain(found.pending, it):
        if formulas and problem is None:
            values, formulas = _without_empty_formulas(values, formulas, numbering, needed)
        if problem is None and not any(filled(v) for v in values) and not formulas & needed:
            continue  # blank rows are layout, not records (a row of uncalculated formulas is not blank)
        if down is not None:
            values = down.fill(number, values)
        if named and len(values) >= width:   # the usual row: the header zipped with its values
            data = dict(zip(header, values))
        else:
            data = {h: (values[i] if i < len(values) else None) for i, h in enumerate(header) if h}
        if formulas and problem is None:
            problem = _unsaved_formula(formulas & needed, values, header, number)
        yield RawRow(file, number, data, problem=problem, sheet=sheet)


class _MergedDown:
    """Fills, row by row, the cells of a merge down one column with its first cell's value."""

    def __init__(self, merged: Iterable[tuple[int, int, int]]):
        self.starts: dict[int, list[tuple[int, int]]] = {}
        for column, first, last in merged:
            self.starts.setdefault(first, []).append((column, last))
        self.open: dict[int, tuple[int, Any]] = {}   # column -> (last row, the first cell's value)

    def fill(self, number: int, values: list[Any]) -> list[Any]:
        for column, last in self.starts.get(number, ()):
            self.open[column] = (last, values[column] if column < len(values) else None)
        for column, (last, value) in list(self.open.items()):
            if number > last:
                del self.open[column]
            elif value is not None and (column >= len(values) or values[column] is None):
                if column >= len(values):
                    values = values + [None] * (column + 1 - len(values))
                values[column] = value
        return values


@dataclass
class _Header:
    """The header row found, and what was around it: the title rows above (skipped), the rows
    just above and below (for diagnosing a header), a second header row joined to it."""

    number: int
    texts: list[str]
    titles: list[tuple[int, str]]                      # (row, first text) of the rows above the header
    near: list[tuple[int, list[str]]]                  # the rows just above and below, as texts
    joined: int | None = None                          # the other row of a two-row header
    pending: list[Row] = field(default_factory=list)   # a row read after the header, to be read again


def _find_header(file: str, sheet: str, rows: Iterator[Row], known: HeaderTest | None) -> _Header:
    first_filled: list[str] | None = None
    first_row = 0
    titles: list[tuple[int, str]] = []
    above: tuple[int, list[str]] | None = None
    for number, values, _, problem in rows:
        if problem and first_filled is None:
            raise InputFileError(file, Msg("xlsx.above_header", sheet=sheet, row=number, problem=problem))
        texts = [_header_text(v) for v in values]
        written = [t for t in texts if t]
        if first_filled is None and written:
            first_filled, first_row = written, number
        matches = sum(1 for t in written if known(t)) if known else len(written)
        if matches >= MIN_HEADER_MATCHES:
            return _joined(file, sheet, number, texts, titles, above, rows, known)
        if written:
            titles.append((number, written[0]))
            above = (number, texts)
        if number >= HEADER_SEARCH_ROWS:
            break
    if first_filled is None:
        raise InputFileError(file, Msg("xlsx.sheet_empty", sheet=sheet))
    seen = (Msg("header.record_like_row", row=first_row) if looks_like_record(first_filled) else
            Msg("xlsx.first_filled", cells=quoted_headers(first_filled, 6)))
    raise InputFileError(file, Msg("xlsx.no_header", sheet=sheet, rows=HEADER_SEARCH_ROWS, seen=seen,
                                   check=Msg("xlsx.check_sheet")))


def _joined(file: str, sheet: str, number: int, texts: list[str], titles: list[tuple[int, str]],
            above: tuple[int, list[str]] | None, rows: Iterator[Row], known: HeaderTest | None) -> _Header:
    """The header row, joined with the row above or below it when the two make one header: a
    council's 'Năng lực 1' over '1.1 1.2 1.3', with 'Mã' and 'Họ tên' merged down both rows.
    A row joins only when it names, in columns the header leaves blank, a column that is read."""
    near = [above] if above and above[0] == number - 1 else []
    after = next(rows, None)
    header = _Header(number, texts, titles, list(near), pending=[after] if after is not None else [])
    if after is not None and after[3] is None:
        header.near.append((after[0], [_header_text(v) for v in after[1]]))
    below = header.near[-1] if len(header.near) > len(near) else None
    header.texts, header.joined = two_row_header(texts, near[0] if near else None, below, known)
    if header.joined is not None and header.joined < number:
        header.titles = titles[:-1]
    elif header.joined is not None:
        header.pending = []
    header.texts = _unique(file, sheet, number, header.texts, known)
    return header


def _unique(file: str, sheet: str, number: int, texts: list[str], known: HeaderTest | None) -> list[str]:
    """The header, with later repeats of a column nobody reads blanked out; a repeated
    column that is read is an error, since either copy could be the right one."""
    first: dict[str, int] = {}
    out = []
    for i, text in enumerate(texts):
        if text and text in first:
            if known is None or known(text):
                a, b = get_column_letter(first[text] + 1), get_column_letter(i + 1)
                raise InputFileError(file, Msg("xlsx.twice", sheet=sheet, row=number, a=a, b=b, name=text))
            text = ""
        elif text:
            first[text] = i
        out.append(text)
    return out


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _without_empty_formulas(values: list[Any], formulas: set[int], numbering: set[int],
                            needed: set[int]) -> tuple[list[Any], set[int]]:
    """A row prepared ahead of its person — its STT and a '=SUM(E5:N5)' that found nothing (0 or
    blank) — with those formulas taken out, so that it reads as the row number alone (``footer``
    skips it, saying so) or as a blank row. Any other row is given back as it is: a value typed
    outside the STT column, a formula that found something, or one never calculated in a column
    that is read (it may hold data: the row is rejected asking for the file to be saved in Excel)."""
    for i, value in enumerate(values):
        if i in numbering:
            continue
        if i in formulas:
            if (value is None and i in needed) or not (value is None or value == 0 or not str(value).strip()):
                return values, formulas
        elif filled(value):
            return values, formulas
    return [None if i in formulas and i not in numbering else v for i, v in enumerate(values)], formulas & numbering


def _unsaved_formula(formulas: set[int], values: list[Any], header: list[str], number: int) -> Msg | None:
    for i in sorted(formulas):
        if i >= len(values) or values[i] is None:
            cell = f"{get_column_letter(i + 1)}{number}"
            return Msg("xlsx.formula", cell=cell, name=header[i])
    return None
