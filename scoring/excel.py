"""Step 1 (workbooks): read records from one sheet of an Excel ``.xlsx`` file, streaming.

A council's workbook is made for people, not programs: a merged title row above the header,
blank rows between groups, numbers typed as text or formatted as percentages, formulas, a
hidden sheet of lists. This reader finds the header row, skips blank rows, names every row
as Excel does (``file.xlsx:Sheet!7``) and reads the value Excel last computed for a formula.
It never decides whether a value is valid: that is the validator's job (``records``).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .errors import InputFileError, did_you_mean
from .load import HeaderTest, RawRow

HEADER_SEARCH_ROWS = 20   # title and note rows a header may sit below
MIN_HEADER_MATCHES = 2    # e.g. the id column and one input: a title row never names two columns
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def read_workbook(path: Path, sheet: str | None = None, known: HeaderTest | None = None) -> Iterator[RawRow]:
    """Rows of one sheet (``sheet``, default the first visible one), below its header row.

    ``known`` tells which header texts the caller reads: the header is the first row where at
    least two cells are known names, and a formula with no saved value is an error only in a
    known column. Without ``known``, the header is the first row with two or more cells.
    """
    file = str(path)
    book = _open(path, data_only=True)
    try:
        ws = _pick_sheet(book, sheet, file)
        formulas = _open(path, data_only=False) if _has_formulas(book, ws) else None
        try:
            rows = _numbered(ws)
            formula_rows = _numbered(formulas[ws.title]) if formulas is not None else None
            yield from _records(file, ws.title, rows, formula_rows, known)
        finally:
            if formulas is not None:
                formulas.close()
    finally:
        book.close()


def _open(path: Path, data_only: bool) -> Any:
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except FileNotFoundError:
        raise InputFileError(str(path), "cannot read the file: No such file or directory") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read the file: {exc.strerror or exc}") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise InputFileError(str(path), f"not an Excel workbook that can be read ({exc}): save it from Excel as "
                             "'Excel Workbook (.xlsx)', without a password") from None


def _pick_sheet(book: Any, name: str | None, file: str) -> Any:
    sheets = book.worksheets
    if not sheets:
        raise InputFileError(file, "the workbook has no worksheet")
    if name is None:
        visible = [ws for ws in sheets if ws.sheet_state == "visible"]
        return (visible or sheets)[0]
    for ws in sheets:
        if ws.title == name or _fold(ws.title) == _fold(name):
            return ws
    titles = [ws.title for ws in sheets]
    listed = ", ".join(f"'{t}'" + (" (hidden)" if ws.sheet_state != "visible" else "") for t, ws in zip(titles, sheets))
    raise InputFileError(file, f"no sheet '{name}'{did_you_mean(name, titles)}: the sheets are {listed}")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def _has_formulas(book: Any, ws: Any) -> bool:
    """Whether the sheet's XML holds any formula (a fast byte scan, so that the common
    formula-free file is parsed once, not twice)."""
    try:
        source = book._archive.open(ws._worksheet_path)  # openpyxl internals; assume formulas if they move
    except (AttributeError, KeyError):
        return True
    tail = b""
    with source:
        while chunk := source.read(1 << 20):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _numbered(ws: Any) -> Iterator[tuple[int, tuple]]:
    # The dimension a file declares is sometimes wrong (some exporters write "A1"): ignore it.
    ws.reset_dimensions()
    return enumerate(ws.iter_rows(min_row=1, min_col=1), start=1)


def _records(file: str, sheet: str, rows: Iterator[tuple[int, tuple]], formula_rows: Iterator | None,
             known: HeaderTest | None) -> Iterator[RawRow]:
    header_at, header = _find_header(file, sheet, rows, formula_rows, known)
    needed = [i for i, h in enumerate(header) if h and (known is None or known(h))]
    percent: dict[Any, bool] = {}
    for number, cells in rows:
        formula_cells = next(formula_rows)[1] if formula_rows is not None else None
        values = [_value(c, percent) for c in cells]
        if not any(_filled(v) for v in values) and not _formula_in(formula_cells, needed):
            continue  # blank rows are layout, not records (a row of uncalculated formulas is not blank)
        data = {h: (values[i] if i < len(values) else None) for i, h in enumerate(header) if h}
        row = RawRow(file, number, data, sheet=sheet)
        if formula_cells is not None:
            row.problem = _unsaved_formula(formula_cells, values, needed, header, number)
        yield row


def _find_header(file: str, sheet: str, rows: Iterator, formula_rows: Iterator | None,
                 known: HeaderTest | None) -> tuple[int, list[str]]:
    first_filled: list[str] | None = None
    for number, cells in rows:
        if formula_rows is not None:
            next(formula_rows)
        texts = [_header_text(c.value) for c in cells]
        filled = [t for t in texts if t]
        if first_filled is None and filled:
            first_filled = filled
        matches = sum(1 for t in filled if known(t)) if known else len(filled)
        if matches >= MIN_HEADER_MATCHES:
            return number, _unique(file, sheet, number, texts, known)
        if number >= HEADER_SEARCH_ROWS:
            break
    if first_filled is None:
        raise InputFileError(file, f"sheet '{sheet}' is empty: expected a header row and at least one record")
    seen = ", ".join(f"'{t}'" for t in first_filled[:6])
    raise InputFileError(file, f"sheet '{sheet}': no header row in its first {HEADER_SEARCH_ROWS} rows — expected a "
                         f"row naming the id column and the criteria pack's columns (the first filled row reads {seen}); "
                         "check the sheet (--sheet) and the column names")


def _unique(file: str, sheet: str, number: int, texts: list[str], known: HeaderTest | None) -> list[str]:
    """The header, with later repeats of a column nobody reads blanked out; a repeated
    column that is read is an error, since either copy could be the right one."""
    first: dict[str, int] = {}
    out = []
    for i, text in enumerate(texts):
        if text and text in first:
            if known is None or known(text):
                a, b = get_column_letter(first[text] + 1), get_column_letter(i + 1)
                raise InputFileError(file, f"sheet '{sheet}' row {number}: columns {a} and {b} are both headed "
                                     f"'{text}': rename or remove one")
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


def _value(cell: Any, percent: dict[Any, bool]) -> Any:
    value = cell.value
    kind = type(value)
    if kind is str:
        return unicodedata.normalize("NFC", value)
    if kind is int or kind is float:
        style = getattr(cell, "_style_id", cell)  # the number format is looked up once per style
        if style not in percent:
            percent[style] = "%" in (cell.number_format or "")
        return round(value * 100, 10) if percent[style] else value  # 85% is stored as 0.85; people see 85
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return value


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _formula_in(formula_cells: tuple | None, needed: list[int]) -> bool:
    return formula_cells is not None and any(i < len(formula_cells) and formula_cells[i].data_type == "f"
                                             for i in needed)


def _unsaved_formula(formula_cells: tuple, values: list, needed: list[int], header: list[str], number: int) -> str | None:
    for i in needed:
        if i < len(formula_cells) and formula_cells[i].data_type == "f" and (i >= len(values) or values[i] is None):
            cell = f"{get_column_letter(i + 1)}{number}"
            return (f"cell {cell} ('{header[i]}') is a formula whose result was never saved: open the file in Excel "
                    "(or LibreOffice), let it calculate, save it, and run again")
    return None
