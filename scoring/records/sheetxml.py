"""Step 1 (workbooks), the fast way: a sheet's rows read from its XML by patterns, for the sheets
Excel, LibreOffice and openpyxl write, giving exactly the rows the XML parser gives (issue 14).

Reading a council's workbook went through the XML parser element by element, cell by cell, and
cost more than scoring the rows. Yet the sheets those programs save are regular:
``<row r="7" …><c r="B7" s="2" t="s"><v>12</v></c>…</row>``, one after another. This reader cuts
the rows out of the text and reads the usual cells (a number, a shared or inline text, with or
without a formula) itself: the 100,000 rows of ``bench_batch.py``'s workbook, read into records
(``read_records``), took 7.6 s the element way and 3.0 s this way, in one process and run. It is
exact, not approximate:

* a cell it does not read itself (a date, a yes/no, an error value, a text holding ``&``) is
  still matched whole by a strict pattern, then given to the same cell reader as before
  (``_SheetRows._cell``), parsed alone;
* a row that does not match the strict patterns, or that a cell makes the reader stumble on, is
  parsed alone by the XML parser, in the sheet's namespaces, and read as before (``_SheetRows._row``);
* anything else, or anything the XML parser refuses, and this reader stops: the caller reads the
  sheet again the usual way from its start, past the rows it already gave.

``tests/test_sheetxml.py`` reads every kind of sheet and cell both ways and compares.
"""
from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections.abc import Generator, Iterator
from typing import Any
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet._reader import _cast_number
from openpyxl.xml.constants import SHEET_MAIN_NS

BLOCK = 1 << 16   # bytes of the sheet's XML read at a time (the progress line moves as they are read)
MAX_HEAD = 1 << 20   # what comes before the data: a few kilobytes as programs write it
MAX_COLUMNS = 16_384   # Excel's last column, XFD (the usual reader's limit too)

# Text as a pattern may take it: no markup, no entity, no carriage return (the parser turns it into a
# line feed), no character XML refuses (control characters, U+FFFE, U+FFFF)
_TEXT = r'[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*'
_VALUE = r'[^"<&\t\n\r\x00-\x1f\ufffe\uffff]*'   # an attribute's value (the parser turns tabs and line ends into spaces)
# The usual cell: a reference like 'C12', a style number, a type; a formula (its text unread), a
# saved value or an inline text. Groups: whole cell, column, style, type, formula, value, inline, its text.
_CELL = (r'(<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
         r'(?:/>|>(<f(?: [a-zA-Z]+="' + _VALUE + r'")*(?:/>|>' + _TEXT + r'</f>))?'
         r'(?:<v>(' + _TEXT + r')</v>|<v/>|(<is><t(?: xml:space="preserve")?(?:/>|>(' + _TEXT + r')</t>)</is>))?</c>))')
_CELLS = re.compile(_CELL)
_NAME = r'[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?'
# A row: its number, its other attributes, its cells (or none). Groups: number, attributes, cells.
_ROW = re.compile(r'<row r="([0-9]+)"((?: ' + _NAME + r'="' + _VALUE + r'")*)(?:/>|>(.*?)</row>)', re.S)
_ATTRIBUTE_NAMES = re.compile(r' (' + _NAME + r')=')
_DECLARED = re.compile(r' xmlns:([A-Za-z_][A-Za-z0-9_.-]*)=')
_F_NAMES = re.compile(r' ([a-zA-Z]+)=')
_SPACE = re.compile(r'[ \t\r\n]*')
_DECLARATION = re.compile(r'<\?xml version="1\.0"(?: encoding="[Uu][Tt][Ff]-8")?(?: standalone="(?:yes|no)")? ?\?>')
_ROOT = re.compile(r'<worksheet(?: ' + _NAME + r'="' + _VALUE + r'")*>')
_MAIN = f'xmlns="{SHEET_MAIN_NS}"'
_DATA_START, _DATA_END = "<sheetData>", "</sheetData>"
_HIDDEN = re.compile(r' hidden="(?:1|true)"')   # a row hidden by hand or by a filter


class _Unusual(Exception):
    """A row that is not made of the usual cells only: the usual reader reads it (never shown)."""


class GaveUp(Exception):
    """The sheet is not one this reader reads: read it the usual way, past the rows already given."""


def fast_rows(reader: Any, source: Any) -> Iterator[tuple]:
    """The rows of ``source`` (a sheet's XML) as ``reader._row`` makes them (``reader``: an
    ``excel._SheetRows``); raises ``GaveUp`` (after any number of rows) where it cannot go on."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    text, root = _head(source, decoder)
    scan = _Scan(reader, root)
    while True:
        block = source.read(BLOCK)
        try:
            text += decoder.decode(block, final=not block)
        except UnicodeDecodeError:
            raise GaveUp() from None   # the XML parser says where
        # rows up to the last row's start are whole (the last may go on in the next block)
        cut = len(text) if not block else text.rfind("<row ")
        if cut > 0:
            done = yield from scan.rows(text, cut)
            if done:
                return
            text = text[cut:]
        if not block:
            raise GaveUp()   # the sheet's data never ends: the XML parser says what is wrong


def _head(source: Any, decoder: Any) -> tuple[str, str]:
    """The sheet's text that follows the start of its data, and the root's start tag; only for a
    head as Excel writes it (a declaration of UTF-8 XML 1.0, the root in the spreadsheet namespace,
    no DTD, comment or row) that the XML parser reads without an error."""
    text = ""
    while _DATA_START not in text:
        block = source.read(1 << 16)
        try:
            text += decoder.decode(block, final=not block)
        except UnicodeDecodeError:
            raise GaveUp() from None
        if not block or len(text) > MAX_HEAD:
            raise GaveUp()   # an empty sheet (<sheetData/>), or a head no program writes
    end = text.index(_DATA_START)
    head = text[:end].removeprefix("\ufeff")
    declared = _DECLARATION.match(head)
    at = _SPACE.match(head, declared.end() if declared else 0).end()
    root = _ROOT.match(head, at)
    if (root is None or _MAIN not in root[0] or "<!" in head or "<?" in head[at:] or "<row" in head
            or "xmlns" in head[root.end():]):   # the data in the root's namespaces only
        raise GaveUp()
    checker = ElementTree.XMLPullParser(())
    try:
        checker.feed(head.encode("utf-8"))   # well-formed up to the data (the rest of the head is not read)
        for _ in checker.read_events():   # (a generator: an error waits in it)
            pass
    except ParseError:
        raise GaveUp() from None
    return text[end + len(_DATA_START):], root[0]


class _Scan:
    """The rows of one sheet's data, cut from its text."""

    def __init__(self, reader: Any, root: str):
        self.reader, self.parser = reader, reader.parser
        self.root = root   # the root's start tag: a row or cell is parsed alone inside it, in its namespaces
        self._names: dict[str, bool] = {}   # a row's other attributes -> are they fit (unique, no 'r', no namespace)
        self._prefixes = set(_DECLARED.findall(root)) | {"xml"}   # the namespace prefixes a row's attribute may use

    def rows(self, text: str, cut: int) -> Generator[tuple, None, bool]:
        """The rows in ``text`` before ``cut``; True when the sheet's data ended there."""
        at = _SPACE.match(text, 0, cut).end()
        while at < cut:
            if text.startswith(_DATA_END, at):
                return True
            m = _ROW.match(text, at, cut)
            if m is None or not self._fit(m[2]):
                raise GaveUp()
            yield self._row(m)
            at = _SPACE.match(text, m.end(), cut).end()
        return False

    def _fit(self, attributes: str) -> bool:
        if not attributes:
            return True
        fit = self._names.get(attributes)
        if fit is None:
            names = _ATTRIBUTE_NAMES.findall(attributes)
            fit = (len(set(names)) == len(names) and "r" not in names and "xmlns" not in names
                   and all(n.partition(":")[0] in self._prefixes for n in names if ":" in n))
            if len(self._names) < 1024:
                self._names[attributes] = fit
        return fit

    def _row(self, m: re.Match) -> tuple:
        body = m[3]
        if body is None:   # <row r="7"/>
            body = ""
        if "]]>" not in body:
            try:
                row = self._cells(int(m[1]), body)
                if m[2] and "hidden" in m[2] and _HIDDEN.search(m[2]):   # (a row's attributes are few: 'spans')
                    self.reader.hidden.add(row[0])
                return row
            except Exception:   # noqa: BLE001 — whatever it is, the usual reader says it, for this row
                pass
        return self.reader._row(self._alone(m[0]))

    def _alone(self, xml: str) -> Any:
        """A row or cell of the sheet parsed alone, in the sheet's namespaces."""
        try:
            return ElementTree.fromstring(self.root + xml + "</worksheet>")[0]
        except ParseError:
            raise GaveUp() from None

    def _cells(self, number: int, body: str) -> tuple:
        """A row of the usual cells, read as ``_SheetRows._row`` reads it; raises on any doubt,
        including a row that is not only such cells (the cells found must make up the whole row)."""
        reader, parser = self.reader, self.parser
        cells = _CELLS.findall(body)
        if sum(len(c[0]) for c in cells) != len(body):   # the matches never overlap: they tile the row
            raise _Unusual()
        found: list[tuple[int, Any]] = []
        formulas = set()
        column = 0
        for whole, letters, style, kind, formula, value, inline, words in cells:
            if formula and formula[2] == " ":   # its attributes: each once
                names = _F_NAMES.findall(formula[:formula.index(">")])
                if len(set(names)) != len(names):
                    raise _Unusual()   # the XML parser refuses it
            column = column_index_from_string(letters)
            if kind == "inlineStr" and inline:   # one text, as _text reads it
                read = _nfc(words)
            elif not value and not inline and kind in ("", "n", "s"):
                read = None   # as findtext(...) or None
            elif kind == "s" and not inline:
                read = _nfc(parser.shared_strings[int(value)])
            elif kind in ("", "n") and not inline and (sid := int(style) if style else 0) not in parser.date_formats:
                read = _cast_number(value)
                if (read.__class__ is float and not math.isfinite(read)) or reader._is_percent(sid):
                    read = reader._value({"value": read, "style_id": sid})
            else:   # a date, a yes/no, an error, a formula's text, …: the usual reader, on this cell alone
                parser.col_counter = column
                cell = reader._cell(self._alone(whole))
                column, read = cell["column"], reader._value(cell)
            if column > MAX_COLUMNS:
                raise _Unusual()   # the usual reader words it
            found.append((column - 1, read))
            if formula:
                formulas.add(column - 1)
        if found:
            values: list[Any] = [None] * (max([i for i, _ in found]) + 1)
            for i, read in found:
                values[i] = read
        else:
            values = []
        reader._last = parser.row_counter = number
        parser.col_counter = column
        return number, values, formulas, None


def _nfc(text: str) -> str:
    """What ``_SheetRows._value`` makes of a text (an ASCII text is its own NFC form)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)
