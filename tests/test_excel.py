"""Excel input: workbooks as a council makes them — Vietnamese headers under a merged title,
a hidden first sheet, blank rows, text in a number column, formulas with and without a saved
result. Every row read is scored or rejected, and is named as Excel names it (Sheet!row)."""
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.reader.strings import read_string_table
from openpyxl.worksheet._reader import WorkSheetParser

from books import SHEET, citizen, council_workbook, save_cached_value, to_shared_strings
from scoring import InputFileError, score_files
from scoring.records import excel
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


def test_a_sheet_without_its_header_row_names_the_row_not_its_values(tmp_path):
    # the first filled row was quoted: on a sheet with no header, a person's name, birth date, phone and ID
    person = ["Nguyễn Thị Hoa", "12/03/1961", "0912345678", "001161012345", "Thôn Đông"]
    wb = openpyxl.Workbook()
    wb.active.append(["Danh sách"])
    for rid in ("CD-1", "CD-2"):
        wb.active.append([rid, *person, 1, 9, 8, 8, 9, 7, 5, 8, 8, 9, 9])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputFileError) as err:
        run(tmp_path / "x.xlsx")
    message = str(err.value)
    assert "(dòng đầu có chữ là 'Danh sách')" in message   # a title row is quoted, as before
    wb.active.delete_rows(1)
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputFileError) as err:
        run(tmp_path / "x.xlsx")
    message = str(err.value)
    assert "dòng 1, dòng đầu có chữ, trông như một hồ sơ" in message and not any(v in message for v in person), message


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


def test_a_lock_file_or_an_encrypted_workbook_is_named_without_the_zip_library_s_english(tmp_path):
    lock = tmp_path / "~$xa.xlsx"   # what Excel leaves beside xa.xlsx while it is open: the owner's name, padded
    lock.write_bytes(b"\x0bNguyen Van A" + b" " * 42 + b"\0" * 110)
    with pytest.raises(InputFileError) as err:
        run(lock)
    assert str(err.value) == (f"{lock}: đây là tệp khoá mà Excel tạo ra khi sổ 'xa.xlsx' đang mở, không phải sổ dữ liệu: "
                              "đóng Excel rồi chọn tệp thật 'xa.xlsx'")
    encrypted = tmp_path / "mat-khau.xlsx"   # Excel saves a workbook with a password as an OLE compound file
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(InputFileError, match=r"sổ tính được đặt mật khẩu \(mã hoá\), hoặc là tệp Excel cũ") as err:
        run(encrypted)
    fake = tmp_path / "x.xlsx"
    fake.write_text("id,group\n")
    with pytest.raises(InputFileError) as err:
        run(fake)
    assert "zip" not in str(err.value)


def test_a_true_cell_in_a_number_column_is_named_as_excel_shows_it(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", [True] + [8] * 9)])
    [result] = run(path)
    assert "'1.1' phải là một số, không phải TRUE (đúng)" in result.error and "true" not in result.error


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


# --- reading fast: the standard library's XML parser, and the usual cells without openpyxl's steps (issue 14)

def _styled_book(tmp_path):
    """A workbook with a date style and a percent style, its texts shared, opened as the reader opens it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "ngay", "ty_le", "gio"])
    ws.append(["CD-1", dt.date(2024, 3, 1), 0.85, dt.time(7, 30)])
    ws["C2"].number_format = "0%"
    wb.save(tmp_path / "styled.xlsx")
    to_shared_strings(tmp_path / "styled.xlsx")
    book = excel._Book(tmp_path / "styled.xlsx")
    return book, excel._SheetRows(book, book.sheets[0])


REFS = [None, "", "C12", "A0", "XFD7", "XFE3", "ZZZ2", "ZZZZ1", "1A", "C", "$C$12", "c12", "C1.5", "C 12", "C١٢"]
BODIES = [
    ("n", "<v>8</v>"), ("n", "<v>8.5</v>"), ("n", "<v>1E-3</v>"), ("n", "<v>-0</v>"), ("n", "<v>abc</v>"),
    ("n", "<v></v>"), ("n", ""), ("n", "<f>1+1</f><v>2</v>"), ("n", "<f>1+1</f>"), ("n", "<v>45352</v>"),
    ("n", "<v>1e400</v>"), ("n", "<v>nan</v>"), ("n", "<v>99999999999</v>"),
    ("s", "<v>0</v>"), ("s", "<v>1</v>"), ("s", "<v>-1</v>"), ("s", "<v>99999</v>"), ("s", "<v>abc</v>"), ("s", ""),
    ("b", "<v>1</v>"), ("b", "<v>0</v>"), ("e", "<v>#N/A</v>"), ("str", "<f>A1</f><v>CD-1</v>"),
    ("d", "<v>2024-01-02T00:00:00</v>"), ("zz", "<v>8</v>"),
    ("inlineStr", "<is><t>CD-1</t></is>"), ("inlineStr", "<is><t/></is>"), ("inlineStr", "<is><t>  </t></is>"),
    ("inlineStr", '<is><t xml:space="preserve"> a </t></is>'), ("inlineStr", "<is><t>x005F_x</t></is>"),
    ("inlineStr", "<is><r><t>a</t></r><r><rPr><b/></rPr><t>b</t></r></is>"), ("inlineStr", "<is></is>"),
    ("inlineStr", "<is><t>a</t><rPh sb='0' eb='1'><t>x</t></rPh></is>"), ("inlineStr", "<is><t>a<b/>c</t></is>"),
    ("inlineStr", ""), ("inlineStr", "<v>8</v>"), ("inlineStr", "<is><t>Tám</t></is><v>8</v>"),
]


def _outcome(parse, parser, element):
    parser.row_counter, parser.col_counter = 12, 4
    try:
        answer = parse(element)
    except Exception as exc:   # the same error, word for word, is what the reader reports
        answer = (type(exc), str(exc))
    return answer, parser.col_counter


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")   # openpyxl's, for the dates out of range
def test_every_kind_of_cell_reads_as_openpyxl_parses_it(tmp_path):
    """The reader's own parse of a cell (``_SheetRows._cell``) against openpyxl's ``parse_cell``, on
    every reference, type, body and style the reader may meet: the same value, type, place and
    style, or the same error."""
    book, rows = _styled_book(tmp_path)
    parser = rows.parser
    dates = sorted(parser.date_formats)
    assert dates, "the workbook has a date style"
    styles = [None, "", "0", str(dates[0]), str(max(dates) + 1), "x", "³", " 1", "-1"]
    compared = 0
    for ref in REFS:
        for kind, body in BODIES:
            for style in styles:
                attrs = "".join(f' {k}="{v}"' for k, v in (("r", ref), ("s", style), ("t", kind)) if v is not None)
                element = ElementTree.fromstring(
                    f'<c xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"{attrs}>{body}</c>')
                mine = _outcome(rows._cell, parser, element)
                theirs = _outcome(lambda e: WorkSheetParser.parse_cell(parser, e), parser, element)
                assert mine == theirs, (ref, kind, body, style)
                compared += 1
    book.close()
    assert compared == len(REFS) * len(BODIES) * len(styles)


def test_a_sheet_reads_the_same_through_either_xml_parser(tmp_path, monkeypatch):
    """A council's workbook as openpyxl writes it (inline texts) and as Excel saves it (shared texts),
    with numbers, a text in a number column and a formula with no saved value, is read by the standard
    library's parser, and gives the rows defusedxml's gives."""
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9), citizen("CD-2", ["tám"] + [8] * 9), None,
                                                   citizen("CD-3", [8] * 9 + ["=A1"])])
    shared = tmp_path / "shared.xlsx"
    shared.write_bytes(path.read_bytes())
    to_shared_strings(shared)
    for book in (path, shared):
        def read():
            return [(r.where, r.data, r.problem) for r in read_records(book)]
        checked = excel.checked_iterparse

        def refused(*args, **kwargs):
            raise AssertionError("an Excel part went through defusedxml")
        monkeypatch.setattr(excel, "checked_iterparse", refused)
        fast = read()
        monkeypatch.setattr(excel, "checked_iterparse", checked)
        monkeypatch.setattr(excel, "_no_dtd", lambda source: False)
        assert read() == fast and len(fast) == 3
        monkeypatch.undo()


@pytest.mark.parametrize("head, plain", [
    (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="x">', True),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<sst xmlns="x" count="2">', True),
    (b'<worksheet xmlns="x"><sheetData/></worksheet>', True),
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><worksheet>', False),
    (b'<?xml version="1.0"?><!-- a comment --><worksheet>', False),
    (b'<?xml version="1.0"?>' + b" " * 600 + b"<worksheet>", False),   # no element in the first 512 bytes
    ('<?xml version="1.0" encoding="UTF-16"?><worksheet/>'.encode("utf-16"), False),
    ('<worksheet/>'.encode("utf-16-le"), False),
    (b"this is not xml", False),
    (b"", False),
])
def test_only_a_part_with_no_dtd_goes_to_the_standard_parser(head, plain):
    source = io.BufferedReader(io.BytesIO(head))
    assert excel._no_dtd(source) is plain
    assert source.read() == head   # peeked, not read: the parser still gets every byte


def test_shared_strings_read_as_openpyxl_reads_them():
    items = ["<t>CD-1</t>", "<t/>", "<t>  </t>", '<t xml:space="preserve"> a </t>', "<t>x005F_x000D_</t>",
             "<r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn A</t></r>", "<t>a</t><rPh sb='0' eb='1'><t>x</t></rPh>",
             "<t>a<b/>c</t>", "", "<t>Tám</t>"]
    table = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main">' + "".join(f"<si>{item}</si>" for item in items) + "</sst>").encode()
    assert excel._strings_in_memory(io.BufferedReader(io.BytesIO(table))) == list(read_string_table(io.BytesIO(table)))


def test_a_large_shared_strings_table_kept_on_disk_reads_as_in_memory(tmp_path):
    """The table kept on disk (past 8 MiB of XML) holds the texts the in-memory one does, in order."""
    items = ["<t>CD-1</t>", "<t/>", "<r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn A</t></r>", "<t>x005F_x000D_</t>",
             *[f"<t>chuỗi {i}</t>" for i in range(25_000)]]   # more than one batch of 10,000 written
    table = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             + "".join(f"<si>{item}</si>" for item in items) + "</sst>").encode()
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as z:
        z.writestr("xl/sharedStrings.xml", table)
    with zipfile.ZipFile(tmp_path / "s.zip") as z:
        disk = excel._DiskStrings(z, "xl/sharedStrings.xml")
        try:
            assert [disk[i] for i in range(len(disk))] == excel._strings_in_memory(io.BufferedReader(io.BytesIO(table)))
            assert len(disk) == len(items)
        finally:
            disk.close()


def test_openpyxl_notes_in_english_do_not_reach_the_user(tmp_path):
    """A date cell beyond Excel's dates makes openpyxl warn in English, naming its own source line:
    the user sees only hoctap's Vietnamese (the cell is read as the error value it becomes)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "group", "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "ngay"])
    ws.append(["CD-1", 1, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 99999999])
    ws["M2"].number_format = "dd/mm/yyyy"
    wb.save(tmp_path / "ngay.xlsx")
    done = subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "cli.py"), "score", "-c",
                           "cong-dan-hoc-tap", str(tmp_path / "ngay.xlsx")], capture_output=True, text=True)
    assert done.returncode == 0 and "CD-1" in done.stdout and "đã đọc 1 hồ sơ: 1 được chấm" in done.stdout
    assert done.stderr == ""


# --- a workbook damaged inside: the council is told, in its language, to open and save it in Excel

def _damaged(tmp_path: Path, kind: str) -> Path:
    """A real council workbook (texts shared, as Excel saves them), then damaged as copies and
    disks damage files: a part's compressed bytes overwritten, a sheet's XML broken, a cell
    pointing past the shared strings."""
    path = council_workbook(tmp_path / f"{kind}.xlsx", [citizen("CD-1", 9), citizen("CD-2", 8)])
    to_shared_strings(path)
    sheet = "xl/worksheets/sheet2.xml"
    if kind == "zip":
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as z:
            info = z.getinfo(sheet)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start + info.compress_size // 2:start + info.compress_size // 2 + 40] = b"\x00" * 40
        path.write_bytes(bytes(data))
        return path
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    if kind == "xml":
        parts[sheet] = parts[sheet].replace(b"</row>", b"</rowx>", 1)
    else:   # the first record's id cell points at a shared string the table does not have
        parts[sheet] = re.sub(rb'(<c r="A4"[^>]*t="s"[^>]*><v>)\d+', rb"\g<1>99999", parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("kind, vi, en", [
    ("zip", f"trang tính '{SHEET}' bị hỏng bên trong tệp", f"sheet '{SHEET}' is damaged inside the file"),
    ("xml", f"trang tính '{SHEET}': phần XML của trang bị hỏng ở dòng 1", f"sheet '{SHEET}': the sheet's XML is damaged at line 1")])
def test_a_damaged_sheet_is_named_with_the_fix_in_the_users_language(runner, cli, tmp_path, kind, vi, en):
    """Before, both languages got one Vietnamese sentence carrying zlib's or expat's English
    ('Bad CRC-32 for file …', 'mismatched tag: line 1, …')."""
    path = _damaged(tmp_path, kind)
    said = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path)])
    assert said.exit_code == 2 and "Traceback" not in said.output
    assert said.stderr.startswith(f"lỗi: {path}: {vi}") and "mở tệp trong Excel" in said.stderr
    assert not re.search(r"CRC|mismatched|tag|Error -3|decompress", said.stderr)   # no library English in Vietnamese
    english = runner.invoke(cli, ["--lang", "en", "score", "-c", "cong-dan-hoc-tap", str(path)])
    assert english.stderr.startswith(f"error: {path}: {en}") and " in Excel" in english.stderr
    assert not re.search("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", english.stderr.replace(SHEET, ""))


def test_a_cell_past_the_shared_strings_rejects_its_row_in_the_users_language(tmp_path):
    """Before, the rejected row's reason was Vietnamese in an English run, with Python's
    'list index out of range' inside the Vietnamese one."""
    path = _damaged(tmp_path, "strings")
    vi = run(path)
    assert [r.ok for r in vi] == [False, True] and vi[0].where == f"{path}:{SHEET}!4"
    assert vi[0].error == "dòng này của trang tính có ô không đọc được (ô hỏng bên trong tệp): mở tệp trong Excel và lưu lại"
    en = run(path, lang="en")
    assert en[0].error.startswith("this row of the sheet has a cell that cannot be read (damaged inside the file; ")
    assert en[0].error.endswith("): open the file in Excel and save it again")
