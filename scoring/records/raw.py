"""A row as read from a records file, before validation, and where it stands in the file."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HeaderTest = Callable[[str], bool]   # is this text a column header the caller reads?


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
