"""Excel input: workbooks as a council makes them — Vietnamese headers under a merged title,
a hidden first sheet, blank rows, text in a number column, formulas with and without a saved
result. Every row read is scored or rejected, and is named as Excel names it (Sheet!row)."""
import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from books import SHEET, citizen, council_workbook, save_cached_value, to_shared_strings
from scoring import InputFileError, score_files
from scoring.records.rows import read_records


def run(path, **kw):
    batch = score_files("cong-dan-hoc-tap", [path], **kw)
    results = list(batch.results())
    assert batch.counts.read == batch.counts.scored + batch.counts.rejected == len(results)
    return results


def test_council_workbook_rows_are_found_numbered_and_checked(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [
        citizen("CD-1", 9),                                   # row 4 (title, blank, header above)
        citizen("CD-2", [8] * 9 + [4]),                       # row 5
        None,                                                 # row 6: empty, skipped
        citizen("CD-3", ["tám"] + [8] * 9),                   # row 7: text in a number column
        citizen("CD-4", [8] * 9 + ["=A1"]),                   # row 8: formula, no saved result
    ])
    results = run(path)
    assert [r.id for r in results] == ["CD-1", "CD-2", "CD-3", "CD-4"]
    assert [r.where for r in results] == [f"{path}:{SHEET}!{n}" for n in (4, 5, 7, 8)]
    assert (results[0].scored.outcome, results[0].scored.total) == ("dat", 90)
    assert (results[1].scored.outcome, results[1].scored.total) == ("chua_dat", 76)
    assert results[2].error == "'1.1' phải là một số từ 0 đến 10, không phải 'tám'"
    assert results[3].error.startswith("ô N8 ('Chỉ số 3.2') là công thức chưa được tính và lưu: mở tệp trong Excel")


def test_texts_kept_in_the_shared_strings_table_as_excel_saves_them(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9), citizen("CD-2", ["tám"] + [8] * 9)])
    to_shared_strings(path)
    assert b"inlineStr" not in zipfile.ZipFile(path).read("xl/worksheets/sheet2.xml")
    results = run(path)
    assert [(r.id, r.ok) for r in results] == [("CD-1", True), ("CD-2", False)]
    assert results[1].error == "'1.1' phải là một số từ 0 đến 10, không phải 'tám'"
    assert results[0].where == f"{path}:{SHEET}!4"


def test_a_row_of_formulas_never_calculated_is_rejected_not_skipped(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9), ["=\"CD-\"&2", None, None, "=1", *["=1"] * 10]])
    results = run(path)
    assert [r.where for r in results] == [f"{path}:{SHEET}!4", f"{path}:{SHEET}!5"]
    assert results[1].error.startswith("ô A5 ('Mã số') là công thức chưa được tính và lưu")


def test_a_formula_with_a_saved_result_is_read_as_that_result(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", [8] * 9 + ["=2*4"])])
    save_cached_value(path, "N4", "8")
    [result] = run(path)
    assert result.ok and result.scored.total == 80 and result.scored.outcome == "dat"


def test_a_formula_in_a_column_nobody_reads_does_not_matter(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 8, xa="=A1")])
    [result] = run(path)
    assert result.ok


def test_default_sheet_is_the_first_visible_one_and_sheet_picks_any(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9)])
    assert [r.where for r in run(path)] == [f"{path}:{SHEET}!4"]
    assert [r.where for r in run(path, sheet="tự đánh giá")] == [f"{path}:{SHEET}!4"]  # case-insensitive
    with pytest.raises(InputFileError, match="trang 'Danh mục': không thấy dòng tiêu đề trong 20 dòng đầu"):
        run(path, sheet="Danh mục")  # a hidden sheet can be chosen; this one holds no records


def test_unknown_sheet_lists_the_sheets(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9)])
    with pytest.raises(InputFileError) as err:
        run(path, sheet="Tu danh gia")
    assert str(err.value) == (f"{path}: không có trang 'Tu danh gia' (có phải là 'Tự đánh giá'?): "
                              "các trang là 'Danh mục' (ẩn), 'Tự đánh giá'")


def test_header_row_not_found_says_what_was_seen(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Danh sách"])
    wb.active.append(["STT", "Tên", "Địa chỉ"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputFileError, match=r"không thấy dòng tiêu đề trong 20 dòng đầu .*\(dòng đầu có chữ là 'Danh sách'\)"):
        run(tmp_path / "x.xlsx")


def test_header_straight_at_the_top_and_numbers_as_headers(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["id", "group", 1.1, 1.2, 1.3, 1.4, 2.1, 2.2, 2.3, 2.4, 3.1, 3.2])
    wb.active.append(["A", "1", *[8] * 10])
    wb.save(tmp_path / "x.xlsx")
    [result] = run(tmp_path / "x.xlsx")
    assert result.ok and result.where.endswith(":Sheet!2")


def test_a_column_read_twice_is_an_error_naming_both_cells(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["id", "group", "Chỉ số 1.1", "Chỉ số 1.1", "Ghi chú", "Ghi chú"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputFileError, match="dòng 1: hai cột C và D cùng tiêu đề 'Chỉ số 1.1'"):
        run(tmp_path / "x.xlsx")


def test_percent_dates_and_unread_duplicates_in_a_plain_read(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "ty_le", "ngay", "Ghi chú", "Ghi chú"])
    ws.append(["A", 0.85, dt.date(2024, 3, 1), "x", "y"])
    ws["B2"].number_format = "0%"
    wb.save(tmp_path / "x.xlsx")
    [row] = list(read_records(tmp_path / "x.xlsx", known=lambda h: h in ("id", "ty_le", "ngay")))
    assert row.data == {"id": "A", "ty_le": 85.0, "ngay": "2024-03-01", "Ghi chú": "x"}  # a date cell is a day


def test_not_a_workbook_and_old_xls(tmp_path):
    fake = tmp_path / "x.xlsx"
    fake.write_text("id,group\n")
    with pytest.raises(InputFileError, match="không phải sổ Excel đọc được"):
        run(fake)
    old = tmp_path / "x.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match=r"định dạng Excel cũ \(.xls\) không đọc được"):
        run(old)


def test_header_only_sheet_gives_no_rows_and_an_empty_sheet_is_an_error(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [])
    assert run(path) == []
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "empty.xlsx")
    with pytest.raises(InputFileError, match="trang 'Sheet' trống"):
        run(tmp_path / "empty.xlsx")


def test_cli_reads_a_workbook_and_names_rows(runner, cli, tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9), citizen("CD-2", 11)])
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "--sheet", SHEET])
    assert result.exit_code == 1
    assert f"{path}:{SHEET}!5" in result.stdout and "'1.1' là 11, lớn hơn mức tối đa 10" in result.stdout
    assert result.stdout.rstrip().endswith("đã đọc 2 hồ sơ: 1 được chấm, 1 bị loại")


def test_the_documented_council_example_reads_as_documented(runner, cli):
    """docs/COUNCIL.md shows runs on examples/council/tu-danh-gia-2024.xlsx: keep them true."""
    from conftest import EXAMPLES
    path = EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"
    result = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == ["đã đọc 10 hồ sơ: 8 được chấm, 2 bị loại",
                                               "8 hồ sơ có tự đánh giá: 4 khớp, 4 không khớp"]
    ids = re.findall(r"\bCD-\d{3}\b", result.stdout)   # the table's cells may wrap over several lines
    assert ids == ["CD-003", "CD-004", "CD-005", "CD-006"]
