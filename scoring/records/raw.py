"""A row as read from a records file, before validation, and where it stands in the file."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HeaderTest = Callable[[str], bool]   # is this text a column header the caller reads?

# Characters that show as nothing: a zero-width space or joiner, a word joiner, a byte order mark
# inside a text, a soft hyphen, direction marks. Text pasted from a web page, a PDF or Zalo brings
# them into a cell; left in, 'CD-001' and 'CD-001' were two ids, a member's unit named no unit and a
# header was not found, each shown to the council as two identical words.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def clean_text(text: str) -> str:
    """A text as a person reads it: in NFC (a Mac, or a Vietnamese input method, may type 'ệ' as
    'e' and two marks) and without the characters that show as nothing."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))


def filled(value: Any) -> bool:
    """Whether a cell holds something: not empty, not blank text."""
    return value is not None and not (value.__class__ is str and not value.strip())


def clean_id(text: str) -> str:
    """A record's or unit's id as it is compared: ``clean_text``, no space around. One function for
    every place an id is read (a record, a member's unit, a stored run's id replayed), so that they
    always agree."""
    return clean_text(text).strip()


@dataclass(init=False)
class RawRow:
    """One record as read from a file, before validation. ``problem`` is set when the row
    could not even be read (broken CSV row, invalid JSON line, bytes that are not UTF-8).

    ``where`` (file and row, for messages) and ``source`` (file and sheet) are worked out once,
    when the row is made: they are asked several times of every row. The place of a row is never
    changed after (``data`` and ``problem`` may be)."""

    __slots__ = ("file", "row", "data", "problem", "sheet", "where", "source")
    file: str
    row: int          # CSV: line number in the file; JSON: 1-based position; JSONL: line number; Excel: row number
    data: dict[str, Any]
    problem: Any      # a scoring.messages.Msg (or text): shown in the batch's language; None: none
    sheet: str | None  # Excel: the worksheet's name

    def __init__(self, file: str, row: int, data: dict[str, Any], problem: Any = None, sheet: str | None = None):
        self.file, self.row, self.data, self.problem, self.sheet = file, row, data, problem, sheet
        if sheet is None:
            self.where = f"{file}:{row}"
            self.source = file   # a record is identified by its source and its id
        else:
            self.where = f"{file}:{sheet}!{row}"   # as Excel names a place: Sheet!7
            self.source = f"{file}:{sheet}"


class Position:
    """How far a reader is in one file, asked only when a progress line is refreshed (never per
    row: a file's position is not free to ask). The reader sets ``size`` (bytes on disk, to weigh
    files against each other), ``tell`` and ``end`` (how far it is, of how much, in whatever unit
    it reads: bytes of text, bytes of a sheet's XML) and ``rows`` (the rows under the header, when
    the file says how many: a workbook's sheets)."""

    def __init__(self) -> None:
        self.size = 0
        self.tell: Callable[[], int] = lambda: 0
        self.end = 0
        self.rows: int | None = None
        # how a part of the file is read (``rows.CsvParts``, ``rows.JsonlParts``), once the reader knows
        self.parts: Any = None

    def share(self) -> float:
        """The part of the file read so far, from 0 to 1."""
        if not self.end:
            return 0.0
        try:
            return min(1.0, max(0.0, self.tell() / self.end))
        except (ValueError, OSError):   # the reader has closed the file: it read it to its end (or failed)
            return 1.0


class PercentCell(float):
    """A number read from a cell formatted as % whose value is 1 or less (0,5 % is stored as
    0,005 and read as 0,5): the same float, marked so that it is not taken for a share written as
    a fraction (``shares``). Only such small values are marked; any other % cell is a plain float."""

    __slots__ = ()
