"""Step 1 of the data's way: read criteria YAML and record files into plain Python data.

Nothing here knows what a criteria pack means; it only reads text safely and keeps
enough position information (YAML line per path, file row per record) for messages.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from .errors import CriteriaError, InputFileError


# --- YAML -------------------------------------------------------------------------------

class _StrictLoader(yaml.SafeLoader):
    """SafeLoader (no object construction, ever) that also rejects duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(key, line, seen[key])
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first: int):
        self.key, self.line, self.first = key, line, first


@dataclass
class YamlDocument:
    """A parsed YAML file and the line each YAML path starts on."""

    file: str
    data: Any
    text: str
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, path: str) -> int | None:
        # Fall back to the nearest parent that has a line (an error may name a missing key).
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    def where(self, path: str) -> tuple[str, int | None]:
        """The file and line a YAML path comes from (a merged pack spans several files)."""
        return self.file, self.line_of(path)

    def locations(self) -> dict[str, tuple[str, int]]:
        """YAML path -> (file, line), for every path of the document."""
        return {p: (self.file, line) for p, line in self.lines.items()}


def display_path(path: str | Path) -> str:
    """A file as reports show it: relative to the working folder when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def yaml_path(parts: tuple | list) -> str:
    """('criteria', 0, 'id') -> 'criteria[0].id'"""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _index_lines(node: yaml.Node, path: tuple, lines: dict[str, int]) -> None:
    lines[yaml_path(path)] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _index_lines(value_node, path + (str(key_node.value),), lines)
            lines[yaml_path(path + (str(key_node.value),))] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, path + (i,), lines)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse YAML text safely; every syntax problem becomes a CriteriaError with a line."""
    text = unicodedata.normalize("NFC", text)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CriteriaError(file, "", "the file is empty: a criteria pack needs at least 'id', 'version' and 'indicators'")
        lines: dict[str, int] = {}
        _index_lines(node, (), lines)
        data = loader.construct_document(node)
    except _DuplicateKey as dup:
        raise CriteriaError(file, "", f"key '{dup.key}' appears twice (lines {dup.first} and {dup.line}): keep one", dup.line) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_syntax_error(file, text, exc) from None
    finally:
        loader.dispose()
    return YamlDocument(file=file, data=data, text=text, lines=lines)


def _yaml_syntax_error(file: str, text: str, exc: yaml.MarkedYAMLError) -> CriteriaError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = f"{exc.problem or exc.context}"
    bad_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if "\t" in bad_line or "'\\t'" in problem:
        problem += " — YAML does not allow tab characters for indentation: use spaces"
    if bad_line:
        caret = " " * (mark.column if mark else 0) + "^"
        problem += f"\n    {bad_line}\n    {caret}"
    return CriteriaError(file, "", f"not valid YAML: {problem}", line)


def read_yaml_file(path: str | Path) -> YamlDocument:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CriteriaError(str(path), "", f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CriteriaError(str(path), "", f"not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start}): save the file as UTF-8") from None
    return parse_yaml(text, str(path))


# --- record files ---------------------------------------------------------------------

@dataclass
class RawRow:
    """One record as read from a file, before validation. ``problem`` is set when the row
    could not even be read (broken CSV row, invalid JSON line, bytes that are not UTF-8)."""

    file: str
    row: int          # CSV: line number in the file; JSON: 1-based position; JSONL: line number; Excel: row number
    data: dict[str, Any]
    problem: str | None = None
    sheet: str | None = None   # Excel: the worksheet's name

    @property
    def where(self) -> str:
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{self.row}"  # as Excel names a place: Sheet!7
        return f"{self.file}:{self.row}"


# The csv module refuses values over 128 KiB with a bare error; a long text (a name, a note)
# is legal, so allow up to 16 MiB and let an unclosed quote be caught by its line count.
CSV_FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))

RECORD_FORMATS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx", ".xlsm": "xlsx"}
HeaderTest = Callable[[str], bool]


def read_records(path: str | Path, sheet: str | None = None, known: HeaderTest | None = None) -> Iterator[RawRow]:
    """Yield the rows of a CSV, JSON (array of objects), JSON Lines or Excel file, in file order.

    CSV, JSON Lines and Excel are streamed (memory does not grow with the file); a JSON array is
    read whole. ``sheet`` and ``known`` (is this text a column header the caller reads?) only
    matter for workbooks: see ``excel.read_workbook``.
    """
    path = Path(path)
    kind = RECORD_FORMATS.get(path.suffix.lower())
    if kind is None and path.suffix.lower() == ".xls":
        raise InputFileError(str(path), "the old Excel format (.xls) cannot be read: open the file in Excel and "
                             "save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'")
    if kind is None:
        raise InputFileError(str(path), f"unknown file type '{path.suffix}': use .csv, .json, .jsonl or .xlsx")
    if kind == "xlsx":
        from .excel import read_workbook  # openpyxl is only imported when a workbook is read
        yield from read_workbook(path, sheet, known)
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
            yield RawRow(file, i, _nfc(item))
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
                row.data = _nfc(item)
        yield row


def _lines(f: TextIO) -> Iterator[str]:
    """The file's lines, read lazily and cut as str.splitlines() cuts them (so that line
    numbers match what an editor shows), without their line endings."""
    for chunk in f:
        yield from chunk.splitlines()


def _nfc(item: dict[str, Any]) -> dict[str, Any]:
    return {unicodedata.normalize("NFC", str(k)): (unicodedata.normalize("NFC", v) if isinstance(v, str) else v)
            for k, v in item.items()}


# --- self-check answers ---------------------------------------------------------------

ANSWER_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def read_answers(path: str | Path) -> dict[str, Any]:
    """A self-check answers file: one mapping of question (input name, alias or label) to
    answer, in YAML (safe loader, duplicate keys rejected) or JSON."""
    path = Path(path)
    kind = ANSWER_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputFileError(str(path), f"unknown file type '{path.suffix}': use .yaml, .yml or .json")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(str(path), f"not UTF-8 text (offset {exc.start}): save the file as UTF-8") from None
    data = _answers_json(text, str(path)) if kind == "json" else _answers_yaml(text, str(path))
    if data is None:
        raise InputFileError(str(path), "the file is empty: write one answer per line, e.g. '\"2.2\": 7'")
    if not isinstance(data, dict):
        raise InputFileError(str(path), f"expected one mapping of question to answer (e.g. '\"2.2\": 7'), not a {type(data).__name__}")
    return _nfc(data)


def _answers_json(text: str, file: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except json.JSONDecodeError as exc:
        raise InputFileError(file, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None


def _answers_yaml(text: str, file: str) -> Any:
    loader = _StrictLoader(unicodedata.normalize("NFC", text))
    try:
        return loader.get_single_data()
    except _DuplicateKey as dup:
        raise InputFileError(file, f"line {dup.line}: '{dup.key}' is answered twice (lines {dup.first} and {dup.line}): keep one") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise InputFileError(file, f"{where}not valid YAML: {exc.problem or exc.context}") from None
    finally:
        loader.dispose()
