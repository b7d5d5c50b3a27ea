"""Builders for the hostile-input corpus (tests/test_hostile.py): record files in every format,
workbooks written part by part (so that any part can be broken), YAML and JSON texts.

Every builder writes into a folder it is given and returns the paths; nothing here runs hoctap.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

PACK = "cong-dan-hoc-tap"
HEADER = ["id", "group", "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
GOOD = ["CD-1", "1", "8", "8", "8", "8", "8", "8", "8", "8", "8", "8"]


def good_rows(n: int = 3) -> list[list[str]]:
    return [[f"CD-{i + 1}", *GOOD[1:]] for i in range(n)]


def with_cell(column: str, value, rows: int = 3, row: int = 1) -> list[list]:
    """``rows`` valid records, the ``row``-th (0-based) holding ``value`` in ``column``."""
    out: list[list] = [list(r) for r in good_rows(rows)]
    out[row][HEADER.index(column)] = value
    return out


# --- CSV, JSON, JSON Lines ------------------------------------------------------------------

def csv_text(rows: list[list], header: list[str] = HEADER, sep: str = ",", end: str = "\n") -> str:
    def cell(v) -> str:
        v = "" if v is None else str(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in (sep, '"', "\n", "\r")) else v
    return end.join(sep.join(cell(v) for v in r) for r in [header, *rows]) + end


def json_objects(rows: list[list], header: list[str] = HEADER) -> list[dict]:
    return [dict(zip(header, r)) for r in rows]


def jsonl_text(rows: list[list], header: list[str] = HEADER) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in json_objects(rows, header))


def json_text(rows: list[list], header: list[str] = HEADER) -> str:
    return json.dumps(json_objects(rows, header), ensure_ascii=False, indent=1)


# --- workbooks, part by part ------------------------------------------------------------------

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                 '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = '</sheetData></worksheet>'


def column(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def cell_xml(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = "".join(f"_x{ord(ch):04X}_" if ord(ch) < 32 and ch not in "\t\n\r" else ch for ch in str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def sheet_xml(rows: list[list], header: list[str] = HEADER) -> str:
    body = []
    for r, values in enumerate([header, *rows], start=1):
        body.append(f'<row r="{r}">' + "".join(cell_xml(f"{column(c)}{r}", v) for c, v in enumerate(values)) + "</row>")
    return SHEET_HEAD + "".join(body) + SHEET_TAIL


def xlsx(path: Path, rows: list[list] | None = None, *, sheet: str | None = None, strings: str | None = None,
         parts: dict[str, str | bytes | None] | None = None, header: list[str] = HEADER) -> Path:
    """A workbook from its parts: ``sheet`` replaces the sheet XML, ``strings`` adds a shared
    strings part, ``parts`` replaces (or with None removes) any part by name."""
    files: dict[str, str | bytes | None] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(rows or [], header),
        "xl/sharedStrings.xml": strings if strings is not None else
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'}
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            if data is not None:
                z.writestr(name, data)
    return path


def shared_strings(texts: list[str]) -> str:
    items = "".join(f"<si><t>{escape(t)}</t></si>" for t in texts)
    return (f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(texts)}" '
            f'uniqueCount="{len(texts)}">{items}</sst>')


def shared_sheet(rows: list[list], header: list[str] = HEADER) -> tuple[str, str]:
    """The sheet XML and shared strings part of a workbook whose text cells are shared strings."""
    texts: list[str] = []
    body = []
    for r, values in enumerate([header, *rows], start=1):
        cells = []
        for c, v in enumerate(values):
            texts.append(str(v))
            cells.append(f'<c r="{column(c)}{r}" t="s"><v>{len(texts) - 1}</v></c>')
        body.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    return SHEET_HEAD + "".join(body) + SHEET_TAIL, shared_strings(texts)


# --- YAML --------------------------------------------------------------------------------------

def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The 'billion laughs' of YAML: each level lists the previous one ``width`` times."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def deep_yaml(depth: int) -> str:
    return "x: " + "[" * depth + "]" * depth + "\n"


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth
