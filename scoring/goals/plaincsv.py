"""A goal report's quick way through a plain CSV file, giving exactly the rows the records layer gives.

A goal report reads three or four columns of a staff file, but the records layer makes a row
object and a dict of every column for each line (about 10 µs a row, four times a plain count of
the whole report). For the usual file this module reads the lines itself, as lists of texts, and
hands over to the records layer at the first line it is not sure of.

The usual file, checked once: a UTF-8 ``.csv`` whose header is its first line, every column
named, and whose first record the records layer read on line 2. Line by line, a line is taken
here only if the records layer would give it as a record unchanged: one physical line, as many
values as columns, nothing to normalise and no stray byte (the same test as the reader's), and
an id that cannot be a footer text (no space, not 'Tổng'/'Cộng' alone); a blank line is passed
over, as there. At the first other line (a quoted line break, a short row, a footer, a stray
byte, a value the csv module refuses), the records layer reads the file again from its start
and the rows it gives are used from the first one not yet taken here: everything before was
records it gives at once (a footer is held back only after a row without an id), so it says of
them just what was taken here, and of the rest whatever it says, errors included.
"""
from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from scoring.messages import Msg
from scoring.records.footer import FOOTER_PHRASES, FooterFilter
from scoring.records.headers import header_key, id_like
from scoring.records.raw import HeaderTest, Position, RawRow
from scoring.records.rows import LINE_LIMIT, read_records
from scoring.records.validate import raw_id

BOMS = (b"\xff\xfe", b"\xfe\xff")   # UTF-16 and UTF-32 start with one of these: the records layer's way
SURROGATE = re.compile("[\ud800-\udfff]")
# a line this long, or of this many values, goes the records layer's way (which refuses a line of 16 MiB)
BIG, MANY = 1 << 20, 1 << 16
# an id without a space is a footer text only when it is one of these alone (see footer._id_is_footer)
ALONE = {unicodedata.normalize("NFC", p) for p in ("tổng", "cộng")}
assert ALONE <= {unicodedata.normalize("NFC", p) for p in FOOTER_PHRASES}


class PlainCsv:
    """An open CSV file positioned after its header, or None from ``open`` if it is not a usual file."""

    def __init__(self, path: Path, f, reader, header: list[str], known: HeaderTest | None):
        self.path, self.file, self.f, self.reader, self.header, self.known = path, str(path), f, reader, header, known
        self.id_columns = [i for i, h in enumerate(header) if id_like(header_key(h))]   # as FooterFilter finds an id

    @classmethod
    def open(cls, first: RawRow | None, known: HeaderTest | None) -> "PlainCsv | None":
        if first is None or first.problem or first.sheet is not None or first.row != 2:
            return None
        path = Path(first.file)
        if path.suffix.lower() != ".csv":
            return None
        try:
            with open(path, "rb") as raw:
                if raw.read(4).startswith(BOMS):
                    return None
            f = open(path, encoding="utf-8", errors="surrogateescape", newline="")
        except OSError:
            return None
        try:
            header, reader = _header(f)
        except (csv.Error, UnicodeError, StopIteration, ValueError):
            f.close()
            return None
        if reader is None or not all(header) or header != list(first.data):
            f.close()
            return None
        return cls(path, f, reader, header, known)

    def close(self) -> None:
        self.f.close()

    def rest(self, taken: int, line: int, values: list[str] | None, skipped: list[tuple[str, str]]) -> Iterator[RawRow]:
        """The rows the records layer gives after the first ``taken``, from ``values`` (read from
        physical line ``line``, None after a value the csv module refused) on, footer rows into
        ``skipped``. While the lines are plain ones, they are made into rows here as the records layer
        makes them (a short row said so, a blank line passed over) and go through its footer filter;
        at any other line the records layer reads the whole file again (see the module's text)."""
        mine: list[tuple[str, str]] = []
        given = 0
        try:
            if values is not None:
                for row in FooterFilter(self._lines(line, values), raw_id, mine):
                    given += 1
                    yield row
                skipped += mine
                self.close()
                return
        except _Unsure:
            pass
        self.close()
        again: list[tuple[str, str]] = []
        yield from itertools.islice(read_records(self.path, None, self.known, None, again, Position()), taken + given, None)
        skipped += again   # what it says of the lines made here (``mine``) first, then of the others

    def _lines(self, line: int, values: list[str]) -> Iterator[RawRow]:
        """Rows of one physical line each, as ``rows._csv_rows`` makes them; _Unsure at any other."""
        header, width, reader = self.header, len(self.header), self.reader
        while True:
            if reader.line_num != line or len(values) > MANY:   # a quoted line break: the records layer checks its quotes
                raise _Unsure
            joined = "".join(values)
            if joined.strip():   # a blank line is layout, not a record
                if len(joined) > BIG or not (joined.isascii() or is_plain("\0".join(values))):
                    raise _Unsure
                row = RawRow(self.file, line, dict(zip(header, values)))
                if len(values) < width or any(v.strip() for v in values[width:]):
                    row.problem = Msg("csv.width", values=len(values), columns=width)
                yield row
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                raise _Unsure from None
            line += 1


class _Unsure(Exception):
    """A line only the records layer reads as it should (a quoted line break, a stray byte, text to normalise)."""


def is_plain(spaced: str) -> bool:
    """``rows._plain_text`` of values joined by NUL: in NFC, and no stray byte."""
    return unicodedata.is_normalized("NFC", spaced) and SURROGATE.search(spaced) is None


def _header(f) -> tuple[list[str], object]:
    """The header as the records layer reads it from the first line (after a BOM), and a reader
    after it; reader None when the header is not one physical line."""
    if f.read(1) != "\ufeff":
        f.seek(0)
    start = f.tell()
    first_line = f.readline(LINE_LIMIT).split("\n", 1)[0]
    f.seek(start)
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    delimiter = max(counts, key=lambda sep: (counts[sep], sep == ","))
    reader = csv.reader(f, delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    return header, (reader if reader.line_num == 1 else None)
