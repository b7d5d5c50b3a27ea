"""Reading record files (CSV, JSON, JSON Lines; Excel through ``excel``) into raw rows.

Nothing here knows what a criteria pack means; it only reads text safely and keeps the file
row of every record for messages.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from scoring.errors import InputFileError
from scoring.records.raw import HeaderTest, RawRow


# --- record files ---------------------------------------------------------------------

# The csv module refuses values over 128 KiB with a bare error; a long text (a name, a note)
# is legal, so allow up to 16 MiB and let an unclosed quote be caught by its line count.
CSV_FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))

RECORD_FORMATS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def read_records(path: str | Path, sheet: str | tuple[str, ...] | None = None, known: HeaderTest | None = None,
                 warn: Callable[[str], None] | None = None) -> Iterator[RawRow]:
    """Yield the rows of a CSV, JSON (array of objects), JSON Lines or Excel file, in file order.

    CSV, JSON Lines and Excel are streamed (memory does not grow with the file); a JSON array is
    read whole. ``sheet``, ``known`` (is this text a column header the caller reads?) and ``warn``
    (told of sheets not read) only matter for workbooks: see ``excel.read_workbook``.
    """
    path = Path(path)
    kind = RECORD_FORMATS.get(path.suffix.lower())
    if kind is None and path.suffix.lower() == ".xls":
        raise InputFileError(str(path), "the old Excel format (.xls) cannot be read: open the file in Excel and "
                             "save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'")
    if kind is None:
        raise InputFileError(str(path), f"unknown file type '{path.suffix}': use .csv, .json, .jsonl or .xlsx")
    if kind == "xlsx":
        from scoring.records.excel import read_workbook  # openpyxl is only imported when a workbook is read
        yield from read_workbook(path, sheet, known, warn)
        return
    # surrogateescape keeps undecodable bytes visible per row, so one bad row does not lose the file.
    try:
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
            _check_not_empty(f, str(path))
            if kind == "json":
                yield from _json_rows(f.read(), str(path))
            else:
                yield from (_csv_rows if kind == "csv" else _jsonl_rows)(f, str(path))
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read the file: {exc.strerror}") from None


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
    raise InputFileError(file, "the file is empty: expected a header row and at least one record")


def _bad_bytes(value: str) -> str | None:
    if value.isascii():  # most values: no character to look at one by one
        return None
    for ch in value:
        if "\udc80" <= ch <= "\udcff":
            return (f"contains bytes that are not UTF-8 (0x{ord(ch) - 0xDC00:02x}): save the file as "
                    "'CSV UTF-8' (Excel) or UTF-8 text")
    return None


def _csv_rows(f: TextIO, file: str) -> Iterator[RawRow]:
    start = f.tell()
    first_line = f.readline().split("\n", 1)[0]
    f.seek(start)
    if _bad_bytes(first_line):
        raise InputFileError(file, f"the header row {_bad_bytes(first_line)}")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(f, delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputFileError(file, "the file is empty: expected a header row") from None
    _check_header(file, header)
    line = reader.line_num
    for values in _csv_values(reader, file):
        start, line = line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue  # blank lines are layout, not records
        if len(values) != len(header) and line - start > 1 and any("\n" in v for v in values):
            # An unclosed quote reads every following line into one value: those records would be
            # lost without a trace, so the file is refused rather than one row rejected.
            raise InputFileError(file, f"line {start}: a quote opened in this row is never closed, so lines "
                                       f"{start}–{line} were read as one row: close or remove the quote and run again")
        row = RawRow(file, start, {h: unicodedata.normalize("NFC", v) for h, v in zip(header, values) if h})
        bad = next((p for p in map(_bad_bytes, values) if p), None)
        extra = values[len(header):]
        if bad:
            row.problem = f"the row {bad}"
        elif len(values) < len(header) or any(v.strip() for v in extra):
            row.problem = (f"the row has {len(values)} values but the header has {len(header)} columns "
                           "(a missing or extra separator, or an unclosed quote?)")
        yield row


def _csv_values(reader: Any, file: str) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:  # e.g. a NUL byte, or a value larger than CSV_FIELD_LIMIT
        raise InputFileError(file, f"line {reader.line_num}: not readable as CSV ({exc}): an unclosed quote, or "
                                   "a binary file saved as .csv?") from None


def _check_header(file: str, header: list[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise InputFileError(file, f"column '{name}' appears twice in the header row: rename or remove one")
        seen.add(name)


def _json_rows(text: str, file: str) -> Iterator[RawRow]:
    bad = _bad_bytes(text)
    if bad:
        raise InputFileError(file, f"the file {bad}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(file, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list):
        raise InputFileError(file, "expected a JSON array of record objects, e.g. [{\"id\": \"CD-001\", ...}]")
    for i, item in enumerate(data, start=1):
        if isinstance(item, dict):
            yield RawRow(file, i, nfc_item(item))
        else:
            yield RawRow(file, i, {}, problem=f"record {i} is a JSON {type(item).__name__}, not an object")


def _jsonl_rows(f: TextIO, file: str) -> Iterator[RawRow]:
    for lineno, line in enumerate(_lines(f), start=1):
        if not line.strip():
            continue
        row = RawRow(file, lineno, {})
        bad = _bad_bytes(line)
        if bad:
            row.problem = f"the line {bad}"
        else:
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                item, row.problem = None, f"not valid JSON (column {exc.colno}): {exc.msg}"
            if item is not None and not isinstance(item, dict):
                row.problem = f"the line is a JSON {type(item).__name__}, not an object"
            elif isinstance(item, dict):
                row.data = nfc_item(item)
        yield row


def _lines(f: TextIO) -> Iterator[str]:
    """The file's lines, read lazily and cut as str.splitlines() cuts them (so that line
    numbers match what an editor shows), without their line endings."""
    for chunk in f:
        yield from chunk.splitlines()


def nfc_item(item: dict[str, Any]) -> dict[str, Any]:
    return {unicodedata.normalize("NFC", str(k)): (unicodedata.normalize("NFC", v) if isinstance(v, str) else v)
            for k, v in item.items()}
