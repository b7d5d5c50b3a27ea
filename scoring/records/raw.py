"""A row as read from a records file, before validation, and where it stands in the file."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HeaderTest = Callable[[str], bool]   # is this text a column header the caller reads?


@dataclass
class RawRow:
    """One record as read from a file, before validation. ``problem`` is set when the row
    could not even be read (broken CSV row, invalid JSON line, bytes that are not UTF-8)."""

    file: str
    row: int          # CSV: line number in the file; JSON: 1-based position; JSONL: line number; Excel: row number
    data: dict[str, Any]
    problem: Any = None       # a scoring.messages.Msg (or text): shown in the batch's language
    sheet: str | None = None   # Excel: the worksheet's name

    @property
    def source(self) -> str:
        """The file (and sheet) the row comes from: a record is identified by its source and its id."""
        return f"{self.file}:{self.sheet}" if self.sheet is not None else self.file

    @property
    def where(self) -> str:
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{self.row}"  # as Excel names a place: Sheet!7
        return f"{self.file}:{self.row}"
