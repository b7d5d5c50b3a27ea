"""Workbooks as councils send them, with the values a secretary types: each is read as the council
meant it, or refused with what to type, never read as something else without a word."""
from __future__ import annotations

import openpyxl

from scoring import score_files

TT24 = "don-vi-hoc-tap-tt24-huyen"
HEADER = ["Mã", "Loại đơn vị", "Tiêu chí 1 chỉ tiêu 1", "Tỷ lệ chấp hành kỷ luật"]


def units(tmp_path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(["DANH SÁCH ĐƠN VỊ HỌC TẬP CẤP HUYỆN"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    path = tmp_path / "dv.xlsx"
    wb.save(path)
    return path


def run(path):
    batch = score_files(TT24, [path])
    results = list(batch.results())
    assert batch.counts.read == batch.counts.scored + batch.counts.rejected == len(results)
    return results


def status(result, indicator):
    return {i.id: i.status for i in result.scored.indicators}[indicator]


def test_ticks_and_the_usual_yes_no_words_are_read_as_the_council_meant(tmp_path):
    yes, no = ["Có", "có", "x", "X", "✓", "✔", "☑", "Đạt"], ["Không", "không đạt", "Không Đạt", "Chưa đạt", "ko"]
    rows = [[f"DV-{i}", "ubnd_xa", word, 95] for i, word in enumerate(yes + no)]
    results = run(units(tmp_path, rows))
    assert [r.error for r in results] == [None] * len(rows)
    assert [status(r, "tc1_ct1") for r in results] == ["met"] * len(yes) + ["not_met"] * len(no)


def test_a_mark_that_is_neither_yes_nor_no_is_refused_naming_the_row_and_column(tmp_path):
    results = run(units(tmp_path, [["DV-1", "ubnd_xa", "-", 95], ["DV-2", "ubnd_xa", "OK", 95]]))
    assert [(r.where.rsplit(":", 1)[1], r.error) for r in results] == [
        ("DS!3", "'Tiêu chí 1 chỉ tiêu 1' (tc1_ct1) phải là có hoặc không (có/không, true/false, 1/0), không phải '-'"),
        ("DS!4", "'Tiêu chí 1 chỉ tiêu 1' (tc1_ct1) phải là có hoặc không (có/không, true/false, 1/0), không phải 'OK'")]


def test_a_hidden_column_that_is_read_is_said_one_nobody_reads_is_not(tmp_path):
    """A column hidden in Excel is read like any other (the council sent it), but nobody sees what
    it holds: each one the pack reads is named, as hidden rows are; hidden notes are no one's concern."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append([*HEADER, "Ghi chú", "Tỷ lệ hoàn thành bồi dưỡng"])
    ws.append(["DV-1", "ubnd_xa", "có", 95, "x", 96])
    for letter in ("C", "E"):
        ws.column_dimensions[letter].hidden = True
    ws.column_dimensions.group("F", "F", hidden=True)
    path = tmp_path / "dv.xlsx"
    wb.save(path)
    batch = score_files(TT24, [path])
    assert [r.ok for r in batch.results()] == [True]
    assert [w for w in batch.warnings if "ẩn" in w] == [
        f"{path}:DS: 2 cột bị ẩn vẫn được đọc và chấm: C ('Tiêu chí 1 chỉ tiêu 1'), F ('Tỷ lệ hoàn thành bồi dưỡng'): "
        "bỏ ẩn để xem giá trị trong đó, hoặc xoá cột nếu không muốn dùng"]
