"""Workbooks made the way a council makes them, for the Excel tests (built with openpyxl,
so every test states exactly what is in its file)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
HEADER = ["Mã số", "Họ và tên", "Xã", "Nhóm đối tượng", *[f"Chỉ số {i}" for i in INDICATORS],
          "Tự đánh giá (tổng điểm)", "Tự đánh giá (kết quả)"]
SHEET = "Tự đánh giá"


def council_workbook(path: Path, rows: list[list], title_rows: int = 2, hidden_first: bool = True) -> Path:
    """A hidden list sheet first, then SHEET: a merged title row, a blank row, the header
    (Vietnamese, as above) and ``rows`` (None for a fully empty row)."""
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Danh mục"
    first.append(["Nhóm", "Tên nhóm"])
    first.append([1, "Người dân trong xã"])
    if hidden_first:
        first.sheet_state = "hidden"
    ws = wb.create_sheet(SHEET)
    if title_rows:
        ws.append(["DANH SÁCH TỰ ĐÁNH GIÁ CÔNG DÂN HỌC TẬP NĂM 2024"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
        for _ in range(title_rows - 1):
            ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row if row is not None else [])
    wb.save(path)
    return path


def citizen(rid: str, points, group=1, xa="Xã Tân Lập", claimed_total=None, claimed_outcome=None) -> list:
    points = [points] * 10 if not isinstance(points, list) else points
    return [rid, f"Người {rid}", xa, group, *points, claimed_total, claimed_outcome]


def save_cached_value(path: Path, cell: str, value: str) -> None:
    """Give formula cell ``cell`` a saved result, as Excel does on save (openpyxl cannot)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            pattern = rb'(<c r="' + cell.encode() + rb'"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?'
            parts[name] = re.sub(pattern, lambda m: m.group(1) + b"<v>" + value.encode() + b"</v>", data)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def to_shared_strings(path: Path) -> None:
    """Store every text in the shared-strings table, as Excel does (openpyxl writes them inline)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    strings: list[bytes] = []

    def shared(match: re.Match) -> bytes:
        strings.append(match.group(2))
        return match.group(1) + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"
    for name in parts:
        if name.startswith("xl/worksheets/"):
            parts[name] = re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is>(<t[^>]*>.*?</t>)</is></c>',
                                 shared, parts[name])
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (b'<sst xmlns="' + main + b'" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
                                     + b"".join(b"<si>" + s + b"</si>" for s in strings) + b"</sst>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
