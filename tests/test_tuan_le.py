"""'hoctap thong-ke-tuan-le': the Lifelong Learning Week statistics table (Lai Châu 2023, Phụ lục II)
filled from activity records. The expected figures below are counted by hand from the example file's
30 rows (examples/tuan-le/hoat-dong-tuan-le-2023.csv), not computed by the code under test."""
import json

import openpyxl
import pytest

from conftest import EXAMPLES

ACTIVITIES = EXAMPLES / "tuan-le" / "hoat-dong-tuan-le-2023.csv"

# Hand count, row by row (a blank so_luong on an activity item is one class / contest / opening):
#  1.1: PT row 24 (48)                         -> 1 class, 48 people
#  1.3: SGD row 3 (28)                         -> 1, 28
#  1.4b: TĐ row 16 (30)                        -> 1, 30
#  1.6: TĐ row 17 (2 classes, 140)             -> 2, 140
#  1.8: SGD rows 1, 2 (62 + 41)                -> 2, 103
#  1.9: HKH row 9 (55)                         -> 1, 55
#  1.11: TĐ row 15 (24)                        -> 1, 24
#  item 1 = 1 + 1 + 1 + 2 + 2 + 1 + 1          -> 9 classes
#  2: SGD 6 + TĐ 4 = 10; 3: 45; 4.1: 3; 4.2: 17; 4.3: 1250
#  5.1: 1; 5.4: 1 contest, 86; item 5 = 2
#  6.1: 1, 160; 6.2: 1, 95; 6.4: 3, 210; item 6 = 5 contests, 465 people
#  7.1: TĐ + PT = 2; 7.2: two SGD openings = 2; 8: 1; 9.1: 2; 9.2: 5
#  10.1: 15.000.000 + 6.500.000 = 21.500.000; 10.2: 8.500.000; item 10 = 30.000.000
#  11: one described activity (PT)
TOTAL = {
    "1": (9, None), "1.1": (1, 48), "1.2": (0, 0), "1.3": (1, 28), "1.4": (0, 0), "1.4b": (1, 30), "1.5": (0, 0),
    "1.6": (2, 140), "1.7": (0, 0), "1.8": (2, 103), "1.9": (1, 55), "1.10": (0, 0), "1.11": (1, 24), "1.12": (0, 0),
    "2": (10, None), "3": (45, None), "4": (None, None), "4.1": (3, None), "4.2": (17, None), "4.3": (1250, None),
    "5": (2, None), "5.1": (1, None), "5.2": (0, None), "5.3": (0, 0), "5.4": (1, 86),
    "6": (5, 465), "6.1": (1, 160), "6.2": (1, 95), "6.3": (0, 0), "6.4": (3, 210),
    "7": (None, None), "7.1": (2, None), "7.2": (2, None), "8": (1, None),
    "9": (None, None), "9.1": (2, None), "9.2": (5, None),
    "10": (30_000_000, None), "10.1": (21_500_000, None), "10.2": (8_500_000, None), "11": (1, None),
}
TAM_DUONG = {"1": (4, None), "1.4b": (1, 30), "1.6": (2, 140), "1.11": (1, 24), "2": (4, None), "5": (2, None),
             "6": (3, 210), "7.1": (1, None), "9.2": (5, None), "10": (0, None)}


def run(runner, cli, *args):
    return runner.invoke(cli, ["thong-ke-tuan-le", *map(str, args)])


def figures(table):
    return {row["code"]: (row["quantity"], row["people"]) for row in table}


def test_thirty_activity_rows_match_the_hand_count(runner, cli):
    result = run(runner, cli, ACTIVITIES, "--ngay-bao-cao", "18/10/2023", "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"read": 30, "counted": 30, "rejected": 0, "skipped": 0}
    assert figures(report["total"]) == TOTAL
    tam_duong = figures(report["units"]["UBND huyện Tam Đường"])
    assert {code: tam_duong[code] for code in TAM_DUONG} == TAM_DUONG
    assert list(report["units"]) == ["Sở Giáo dục và Đào tạo", "Hội Khuyến học tỉnh", "UBND huyện Tam Đường",
                                     "UBND huyện Phong Thổ"]
    notes = {row["code"]: row["note"] for row in report["total"]}
    assert notes["11"] == "UBND huyện Phong Thổ: Phát động tủ sách dòng họ tại 4 bản"   # the total names whose
    assert (report["report_date"], report["deadline"], report["late"]) == ("2023-10-18", "2023-10-20", False)
    assert result.stderr.strip() == "đã đọc 30 dòng: 30 được tính, 0 bị loại"


def test_the_table_names_the_plan_the_week_and_the_reporting_date(runner, cli):
    result = run(runner, cli, ACTIVITIES, "--ngay-bao-cao", "2023-10-21")
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Kế hoạch 3693/KH-UBND ngày 28/09/2023 của Ủy ban nhân dân tỉnh Lai Châu — Phụ lục II")
    assert lines[2] == ("Tuần lễ: 02/10/2023 – 08/10/2023 · Ngày báo cáo: 21/10/2023 · Hạn báo cáo: 20/10/2023 "
                        "(BÁO CÁO SAU HẠN)")
    assert "TỔNG HỢP (4 đơn vị)" in lines and "ĐƠN VỊ: UBND huyện Phong Thổ" in lines
    row10 = next(line for line in lines if line.startswith("10    Kinh phí"))
    assert "30.000.000" in row10
    assert lines[-1] == "đã đọc 30 dòng: 30 được tính, 0 bị loại"
    english = run(runner, cli, ACTIVITIES, "--ngay-bao-cao", "2023-10-21", "--lang", "en").stdout.splitlines()
    assert "30,000,000" in next(line for line in english if line.startswith("10 "))   # English writes 30,000,000


def test_the_english_table_names_its_rows_in_english_and_counts_one_unit_as_one(runner, cli, tmp_path):
    """With --lang en the rows read 'Funding', not 'Kinh phí', and one unit is '1 unit', one row '1 row'
    (it printed the form's Vietnamese rows and 'TOTAL (1 units)', '1 rows read'). The workbook too."""
    english = run(runner, cli, ACTIVITIES, "--ngay-bao-cao", "2023-10-21", "--lang", "en").stdout
    assert "Kế hoạch 3693/KH-UBND of 2023-09-28, Ủy ban nhân dân tỉnh Lai Châu" in english   # the plan's own name
    for line in ("10     Funding", "10.1   State budget", "1.8    Regular in-service training for teachers"):
        assert line in english
    assert "Kinh phí" not in english and "Bồi dưỡng" not in english and " ngày " not in english
    one = tmp_path / "one.csv"
    one.write_text("don_vi,muc,so_luong,so_nguoi\nXã A,1.8,,12\n", encoding="utf-8")
    out = tmp_path / "one.xlsx"
    result = run(runner, cli, one, "--ngay-bao-cao", "2023-10-19", "--lang", "en", "-o", out)
    assert "TOTAL (1 unit)" in result.stdout and result.stdout.rstrip().endswith("1 row read: 1 counted, 0 rejected")
    cells = [str(c) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "Total of 1 unit" in cells and "Regular in-service training for teachers" in cells
    assert "1 row read: 1 counted, 0 rejected" in cells and "Bồi dưỡng thường xuyên cho giáo viên" not in cells
    vietnamese = run(runner, cli, one, "--ngay-bao-cao", "2023-10-19").stdout   # the form itself, as the province wrote it
    assert "Bồi dưỡng thường xuyên cho giáo viên" in vietnamese and "TỔNG HỢP (1 đơn vị)" in vietnamese


BAD = """don_vi,muc,so_luong,so_nguoi,ngay,ghi_chu
Xã A,1.1,,20,03/10/2023,
,1.1,,20,,
Xã A,1,,,,
Xã A,9.9,,,,
Xã A,2,1.5,,,
Xã A,3,,,,
Xã A,2,1,5,,
Xã A,1.2,,abc,,
Xã A,1.3,,10,15/10/2023,
Xã A,11,,,,
Xã A,10.1,1.500.000 đ,,,
"""


def test_bad_rows_are_rejected_in_vietnamese_naming_row_and_column(runner, cli, tmp_path):
    path = tmp_path / "hoat-dong.csv"
    path.write_text(BAD, encoding="utf-8")
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    errors = {r["where"].rsplit(":", 1)[1]: r["error"] for r in report["rejected"]}
    assert errors == {
        "3": "cột 'don_vi': thiếu tên đơn vị báo cáo",
        "4": "cột 'muc': mục 1 là dòng tiêu đề (tổng), ghi vào mục con: 1.1, 1.2, 1.3, 1.4, 1.4b, 1.5, 1.6, 1.7, 1.8, "
             "1.9, 1.10, 1.11, 1.12",
        "5": errors["5"],
        "6": "cột 'so_luong': '1.5' không phải số lượng (Tin, bài/cuộc) (số nguyên, không âm)",
        "7": "cột 'so_luong': mục 3 cần ghi số lượng (Quyển/tờ)",
        "8": "cột 'so_nguoi': mục 2 không có cột Người trong mẫu; để trống ô này",
        "9": "cột 'so_nguoi': 'abc' không phải số người (số nguyên, không âm)",
        "10": "cột 'ngay': 15/10/2023 nằm ngoài Tuần lễ (02/10/2023 – 08/10/2023)",
        "11": "cột 'ghi_chu': mục 11 cần ghi nội dung hoạt động",
    }
    assert errors["5"].startswith("cột 'muc': mục '9.9' không có trong bảng (các mục: 1.1,")
    counts = report["counts"]
    assert counts == {"read": 11, "counted": 2, "rejected": 9, "skipped": 0}
    assert counts["read"] == counts["counted"] + counts["rejected"] + counts["skipped"]
    total = figures(report["total"])
    assert total["1.1"] == (1, 20) and total["10.1"] == (1_500_000, None)   # the two good rows, and nothing else
    assert total["2"] == (0, None) and total["3"] == (0, None)


def test_english_messages_with_lang_en(runner, cli, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("don_vi,muc,so_luong\nA,3,\n", encoding="utf-8")
    result = run(runner, cli, path, "--lang", "en", "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 1
    assert f"- {path}:2: column 'so_luong': item 3 needs a number (copies/sheets)" in result.stdout
    assert result.stdout.rstrip().endswith("1 row read: 0 counted, 1 rejected")   # it said '1 rows read'


@pytest.mark.parametrize("lang, said", [
    ("vi", "cột 'Mục' để trống: ghi mã mục của hoạt động, như ở cột TT của bảng tổng hợp (ví dụ 1.1, 4.3, 11)"),
    ("en", "column 'Mục' is blank: write the activity's item code, as in the No. column of the total table "
           "(e.g. 1.1, 4.3, 11)")])
def test_a_blank_item_says_the_column_as_the_file_heads_it_and_what_to_write(runner, cli, tmp_path, lang, said):
    """It said 'mục trống không có trong bảng' and listed all 35 item codes: the row is named by its place,
    the column by the file's own header, and what to write by a few codes (the table printed lists them all)."""
    path = tmp_path / "a.csv"
    path.write_text("Đơn vị,Mục,Số lượng\nXã A,,3\nXã A,1.1,2\n", encoding="utf-8")
    result = run(runner, cli, path, "--lang", lang, "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 1, result.output
    assert f"- {path}:2: {said}\n" in result.stdout


def test_one_row_per_unit_and_a_repeated_unit(runner, cli, tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_text('don_vi,Mục 1.1,Mục 1.1 người,Mục 10.1,Mục 11\nA,2,40,"1.000.000",Thi ảnh\nB,1,15,,\nA,1,1,,\n',
                    encoding="utf-8")
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    total = figures(report["total"])
    assert total["1.1"] == (3, 55) and total["1"] == (3, None) and total["10.1"] == (1_000_000, None)
    assert report["counts"] == {"read": 3, "counted": 2, "rejected": 1, "skipped": 0}
    assert report["rejected"][0]["error"].startswith("cột 'don_vi': đơn vị 'A' đã có ở ")


def test_a_total_row_and_the_signatures_under_the_table_are_skipped_not_added_as_a_unit(runner, cli, tmp_path):
    """A unit's sheet ends 'Tổng cộng', then the signers: the total row was read as a unit named 'Tổng cộng',
    so the province's total counted every class and every đồng twice (6 classes, 16.000.000 đ for 3 and 8.000.000)."""
    path = tmp_path / "don-vi.csv"
    path.write_text("Đơn vị,Mục 1.1,Mục 1.1 người,Mục 10.1\nTrường A,2,40,5000000\nTrường B,1,20,3000000\n"
                    "Tổng cộng,3,60,8000000\n,,,\nNgười lập biểu,,Hiệu trưởng,\nNguyễn Văn An,,Trần Thị Bình,\n",
                    encoding="utf-8")
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    total = figures(report["total"])
    assert total["1.1"] == (3, 60) and total["10.1"] == (8_000_000, None) and list(report["units"]) == ["Trường A", "Trường B"]
    assert report["counts"] == {"read": 5, "counted": 2, "rejected": 0, "skipped": 3}
    assert result.stderr.strip() == ("đã đọc 5 dòng: 2 được tính, 0 bị loại, 3 bỏ qua (tiêu đề nhóm, dòng tổng, chữ ký dưới bảng: "
                                     "không cộng vào bảng): Tổng cộng, Người lập biểu, Nguyễn Văn An")
    activities = tmp_path / "hoat-dong.csv"   # one row per activity: the total row has no item and was rejected
    activities.write_text("don_vi,muc,so_luong\nTrường A,1.1,2\nTổng cộng,,2\n", encoding="utf-8")
    result = run(runner, cli, activities, "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 0 and "Dòng bị loại" not in result.output, result.output
    assert result.stdout.strip().endswith("1 bỏ qua (tiêu đề nhóm, dòng tổng, chữ ký dưới bảng: không cộng vào bảng): Tổng cộng")


def test_a_long_line_under_the_table_is_cut_with_an_ellipsis_where_it_is_named(runner, cli, tmp_path):
    """A signer's line longer than 30 characters was cut bare in the skipped list ('… Trưởng phòng Giáo dục và Đ');
    it ends '…' as every other shortened name there does."""
    path = tmp_path / "don-vi.csv"
    path.write_text("Đơn vị,Mục 1.1,Mục 1.1 người\nTrường A,2,40\nTổng cộng,2,40\n"
                    "Trưởng phòng Giáo dục và Đào tạo huyện,,\n", encoding="utf-8")
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
    assert result.stderr.strip().endswith("Tổng cộng, Trưởng phòng Giáo dục và Đào…"), result.stderr


def test_xlsx_report_has_the_total_each_unit_and_the_rejected_rows(runner, cli, tmp_path):
    out = tmp_path / "phu-luc-ii.xlsx"
    result = run(runner, cli, ACTIVITIES, "-o", out, "--ngay-bao-cao", "2023-10-18")
    assert result.exit_code == 0 and f"đã ghi {out}" in result.stderr   # out.wrote, as every command says it
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Sở Giáo dục và Đào tạo", "Hội Khuyến học tỉnh", "UBND huyện Tam Đường",
                               "UBND huyện Phong Thổ", "Dòng bị loại"]
    rows = {r[0]: r[1:] for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0] in TOTAL}
    assert {code: (r[2], r[3]) for code, r in rows.items()} == TOTAL
    assert book["Dòng bị loại"]["A1"].value == "Đã đọc 30 dòng: 30 được tính, 0 bị loại"   # a sentence, as under the total


def test_activity_workbook_is_read_like_csv(runner, cli, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Đơn vị", "Mục", "Số lượng", "Số người", "Ngày"])
    ws.append(["Trường THCS Bình Lư", "1.6", None, 35, "05/10/2023"])
    ws.append(["Trường THCS Bình Lư", "6.2", 2, 120, None])
    path = tmp_path / "hoat-dong.xlsx"
    book.save(path)
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    total = figures(report["total"])
    assert total["1.6"] == (1, 35) and total["6"] == (2, 120)


@pytest.mark.parametrize("name,message", [
    ("same", "chính là tệp đầu vào"),
    ("report.txt", "đặt tên tệp kết quả đuôi .xlsx hoặc .json"),
])
def test_output_never_overwrites_the_records_and_must_be_xlsx_or_json(runner, cli, tmp_path, name, message):
    book = openpyxl.Workbook()
    book.active.append(["don_vi", "muc"])
    book.active.append(["A", "2"])
    path = tmp_path / "hoat-dong.xlsx"
    book.save(path)
    target = path if name == "same" else tmp_path / name
    before = path.read_bytes()
    result = run(runner, cli, path, "-o", target)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("lang,words", [("vi", "không có mẫu thống kê 'khong-co'"),
                                        ("en", "no statistics form 'khong-co'")])
def test_an_unknown_form_is_named_with_the_forms_there_are(runner, cli, lang, words):
    # the form's kind was once a sentence, not a catalogue code: building this message raised KeyError
    result = run(runner, cli, ACTIVITIES, "--mau", "khong-co", "--lang", lang)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "tuan-le-hoc-tap-suot-doi-laichau-2023" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_missing_form_file_is_said_in_vietnamese(runner, cli):
    result = run(runner, cli, ACTIVITIES, "--mau", "khong-co.yaml")
    assert result.exit_code == 2 and "khong-co.yaml" in result.stderr
    assert "không có tệp này" in result.stderr and "no such file" not in result.stderr


@pytest.mark.parametrize("lang,words", [("vi", "không dòng nào có cột tên đơn vị báo cáo"),
                                        ("en", "no row has a column naming the reporting unit")])
def test_a_file_without_the_unit_column_is_one_error_naming_the_headers(runner, cli, tmp_path, lang, words):
    # every row was rejected for a header written another way, and an all-zero table was still printed and written
    lines = ACTIVITIES.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "hoat-dong.csv"
    path.write_text("\n".join(["Đơn vị báo cáo" + lines[0].removeprefix("don_vi"), *lines[1:]]) + "\n", encoding="utf-8")
    out = tmp_path / "phu-luc-ii.xlsx"
    result = run(runner, cli, path, "-o", out, "--lang", lang)
    assert result.exit_code == 2 and words in result.stderr, result.output
    assert "'don_vi'" in result.stderr and "'Tên đơn vị'" in result.stderr and "'Đơn vị báo cáo'" in result.stderr
    assert result.stderr.count("\n") == 1 and not result.stdout and not out.exists()


@pytest.mark.parametrize("value", ["inf", "1e400", "-inf", "1e3", "1_000", "1e2", "NaN"])
def test_counts_that_records_refuse_are_rejected_naming_row_and_column(runner, cli, tmp_path, value):
    """'inf' and '1e400' crashed the command (int(inf)); '1e3', '1_000' and '1e2' were read as counts,
    though a record refuses them. Both layouts: one row per activity and one row per unit."""
    activities = tmp_path / "hoat-dong.csv"
    activities.write_text(f"don_vi,muc,ten_hoat_dong,so_luong,so_nguoi,ngay,ghi_chu\nA,2,t,{value},,03/10/2023,\n"
                          f"A,1.1,t,1,{value},03/10/2023,\n", encoding="utf-8")
    units = tmp_path / "don-vi.csv"
    units.write_text(f"don_vi,Mục 2,Mục 1.1 người\nA,{value},\nB,,{value}\n", encoding="utf-8")
    for path, columns in ((activities, ("so_luong", "so_nguoi")), (units, ("Mục 2", "Mục 1.1 người"))):
        result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
        assert result.exit_code == 1, result.output
        report = json.loads(result.stdout)
        assert report["counts"] == {"read": 2, "counted": 0, "rejected": 2, "skipped": 0}
        assert [(r["where"], r["error"].split(":")[0]) for r in report["rejected"]] == [
            (f"{path}:2", f"cột '{columns[0]}'"), (f"{path}:3", f"cột '{columns[1]}'")]
        assert all(f"'{value}' không phải" in r["error"] for r in report["rejected"])


def test_each_sheet_is_a_paper_to_print_and_sign(runner, cli, tmp_path):
    """Before, a sheet had no print setup (Excel's default page, Letter or A4 by the machine, cut across
    two pages), no date line and no signatures. Now each sheet is laid out as the council documents:
    the national heading, the date line (the report date unless --ngay says otherwise), the form's
    title, the table with counts in thousands, the signatures; A4 one page wide, header on each page."""
    out = tmp_path / "phu-luc-ii.xlsx"
    result = run(runner, cli, ACTIVITIES, "-o", out, "--ngay-bao-cao", "2023-10-18", "--dia-danh", "Lai Châu",
                 "--don-vi", "Sở Giáo dục và Đào tạo")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    for ws in book.worksheets[:-1]:   # the total and each unit; the rejected rows are a list, not a paper
        texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        for line in ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lai Châu, ngày 18 tháng 10 năm 2023",
                     "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"):
            assert line in texts, (ws.title, line)
        header = next(row[0].row for row in ws.iter_rows() if row[0].value == "TT")
        assert ws.print_title_rows == f"${header}:${header}"
        assert (ws.page_setup.paperSize, ws.page_setup.fitToWidth, ws.sheet_properties.pageSetUpPr.fitToPage) == (9, 1, True)
        money = next(row for row in ws.iter_rows() if row[0].value == "10.1")
        assert money[3].number_format == "#,##0"


@pytest.mark.parametrize("lang, line", [("vi", "Đã đọc 11 dòng: 2 được tính, 9 bị loại"),
                                        ("en", "11 rows read: 2 counted, 9 rejected")])
def test_the_total_sheet_says_how_many_rows_it_counts(runner, cli, tmp_path, lang, line):
    """The paper signed said nothing of the rows read and rejected (only the screen and the list of
    rejected rows did): the 'Tổng hợp' sheet has the count line under its table, above the signatures."""
    path = tmp_path / "hoat-dong.csv"
    path.write_text(BAD, encoding="utf-8")
    out = tmp_path / "phu-luc-ii.xlsx"
    result = run(runner, cli, path, "-o", out, "--ngay-bao-cao", "2023-10-19", "--lang", lang)
    assert result.exit_code == 1, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    column = [row[0] for row in ws.iter_rows(values_only=True)]
    signers = "NGƯỜI LẬP BIỂU" if lang == "vi" else "PREPARED BY"
    signed = next(i for i, row in enumerate(ws.iter_rows(values_only=True)) if signers in row)
    assert column.index(line) > column.index("11") and column.index(line) < signed   # under the table, above the signatures


WIDE = "Đơn vị,Mục 1.1,Mục 1.1 người,Mục 10.1\nXã A,1,20,1.000.000\nXã B,2,30,\n"


def test_a_file_given_twice_or_a_copy_beside_it_is_refused_not_added_twice(runner, cli, tmp_path):
    """A unit's file sent again (the same file, or a copy under another name) added every figure twice:
    the total read 18 classes and 60.000.000 đồng for the example's 9 and 30.000.000, exit 0; a
    one-row-per-unit file given twice passed too, its second rows taken for the first ones."""
    copy = tmp_path / "ban-gui-lai.csv"
    copy.write_bytes(ACTIVITIES.read_bytes())
    wide = tmp_path / "xa.csv"
    wide.write_text(WIDE, encoding="utf-8")
    for args, message in (
            ((ACTIVITIES, ACTIVITIES), f"lỗi: {ACTIVITIES} được ghi hai lần: mọi số liệu của tệp sẽ bị cộng hai lần; "
                                       "mỗi tệp chỉ ghi một lần"),
            ((wide, wide), f"lỗi: {wide} được ghi hai lần: mọi số liệu của tệp sẽ bị cộng hai lần; mỗi tệp chỉ ghi một lần"),
            ((ACTIVITIES, copy), f"lỗi: {ACTIVITIES} và {copy} có cùng nội dung (giống hệt từng byte): mọi số liệu sẽ "
                                 "bị cộng hai lần; chỉ ghi một trong hai tệp")):
        result = run(runner, cli, *args, "--ngay-bao-cao", "18/10/2023")
        assert (result.exit_code, result.stdout, result.stderr.strip()) == (2, "", message)


def test_a_unit_in_two_files_is_added_and_said(runner, cli, tmp_path):
    """Two different files with rows of one unit (a corrected file sent beside the first) are both added,
    as a unit may send its activities in parts; the officer is told, to remove a file sent again."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("don_vi,muc,so_nguoi\nXã A,1.1,20\nXã B,1.1,10\n", encoding="utf-8")
    second.write_text("don_vi,muc,so_nguoi\nXã A,1.1,25\n", encoding="utf-8")
    result = run(runner, cli, first, second, "--ngay-bao-cao", "18/10/2023", "-f", "json")
    report = json.loads(result.stdout)
    assert figures(report["total"])["1.1"] == (3, 55)
    said = (f"đơn vị 'Xã A' có số liệu ở 2 tệp ({first}, {second}), đều được cộng: nếu một tệp là bản gửi lại, "
            "chỉ ghi bản cuối cùng")
    assert report["warnings"] == [said]
    assert result.stderr.splitlines()[0] == f"cảnh báo: {said}"


def test_units_in_a_sheet_not_read_are_said_and_read_with_sheet_star(runner, cli, tmp_path):
    """A workbook with a school per sheet: only the first sheet is read (as for every command), and that
    is now said on screen, in the JSON and on the workbook's rejected-rows sheet; it was silent, the
    second school missing from a total that looked complete."""
    book = openpyxl.Workbook()
    book.active.title = "Trường A"
    book.active.append(["Đơn vị", "Mục", "Số người"])
    book.active.append(["Trường A", "1.6", 30])
    other = book.create_sheet("Trường B")
    other.append(["Đơn vị", "Mục", "Số người"])
    other.append(["Trường B", "1.6", 50])
    source = tmp_path / "truong.xlsx"
    book.save(source)
    out = tmp_path / "phu-luc.xlsx"
    result = run(runner, cli, source, "--ngay-bao-cao", "18/10/2023", "-f", "json", "-o", out)
    said = (f"{source}: trang tính 'Trường B' cũng có bảng dữ liệu nhưng KHÔNG được đọc (chỉ đọc trang 'Trường A'): "
            "thêm --sheet '*' để đọc mọi trang, hoặc --sheet TÊN cho từng trang cần đọc")
    assert json.loads(result.stdout)["warnings"] == [said]
    assert f"cảnh báo: {said}" in result.stderr.splitlines()
    rejected = list(openpyxl.load_workbook(out)["Dòng bị loại"].iter_rows(values_only=True))
    # the paper: the file's name only, and no instruction to type (the screen and the JSON keep it)
    assert ("Cảnh báo", said.replace(str(source), "truong.xlsx").split("): thêm --sheet")[0] + ")") in rejected
    both = json.loads(run(runner, cli, source, "--ngay-bao-cao", "18/10/2023", "-f", "json", "--sheet", "*").stdout)
    assert figures(both["total"])["1.6"] == (2, 80) and both["warnings"] == []


def test_the_workbook_names_the_files_by_their_names_not_the_folders_typed(runner, cli, tmp_path):
    """The workbook printed and signed (its rejected rows' sheet too) named each file by the path typed on
    the command line ('/home/.../truong.xlsx:Trường A!3', 'cảnh báo: /home/.../truong.xlsx: ...'): the
    folders of someone's computer. It names the file as the council's papers do; the screen and the
    JSON still say the path."""
    book = openpyxl.Workbook()
    book.active.title = "Trường A"
    book.active.append(["Đơn vị", "Mục", "Số người"])
    book.active.append(["Trường A", "1.6", "ba mươi"])
    book.create_sheet("Trường B").append(["Đơn vị", "Mục", "Số người"])
    book["Trường B"].append(["Trường B", "1.6", 50])
    (tmp_path / "Tài liệu").mkdir()
    source = tmp_path / "Tài liệu" / "truong.xlsx"
    book.save(source)
    out = tmp_path / "phu-luc.xlsx"
    result = run(runner, cli, source, "--ngay-bao-cao", "18/10/2023", "-f", "json", "-o", out)
    report = json.loads(result.stdout)
    assert report["rejected"][0]["where"] == f"{source}:Trường A!2" and report["warnings"][0].startswith(f"{source}: ")
    rows = list(openpyxl.load_workbook(out)["Dòng bị loại"].iter_rows(values_only=True))
    assert [r[0] for r in rows[2:]] == ["truong.xlsx:Trường A!2", "Cảnh báo"]
    assert rows[3][1] == "truong.xlsx: trang tính 'Trường B' cũng có bảng dữ liệu nhưng KHÔNG được đọc (chỉ đọc trang 'Trường A')"
    assert not [c for r in rows for c in r if c and ("Tài liệu" in str(c) or str(tmp_path) in str(c))]


@pytest.mark.parametrize("typed", ["./Tài liệu/truong.xlsx", "{cwd}/Tài liệu/truong.xlsx"])
def test_the_workbook_names_a_file_by_its_name_however_its_path_was_typed(runner, cli, tmp_path, monkeypatch, typed):
    """'./Tài liệu/truong.xlsx' (or the full path of a file below the working folder) is shown by the readers as
    'Tài liệu/truong.xlsx': the paper looked for the path as typed, did not find it, and printed the folders."""
    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "Trường A"
    for row in (["Đơn vị", "Mục 1.6 người"], ["Trường A", 20], ["Trường A", 30]):   # one row a unit: the second is refused
        book.active.append(row)
    book.create_sheet("Trường B").append(["Đơn vị", "Mục 1.6 người"])
    book["Trường B"].append(["Trường B", 50])
    (tmp_path / "Tài liệu").mkdir()
    book.save(tmp_path / "Tài liệu" / "truong.xlsx")
    run(runner, cli, typed.format(cwd=tmp_path), "--ngay-bao-cao", "18/10/2023", "-o", "phu-luc.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "phu-luc.xlsx")["Dòng bị loại"].iter_rows(values_only=True))
    assert rows[2:] == [
        ("truong.xlsx:Trường A!3", "cột 'Đơn vị': đơn vị 'Trường A' đã có ở truong.xlsx:Trường A!2; gộp số liệu vào một dòng"),
        ("Cảnh báo", "truong.xlsx: trang tính 'Trường B' cũng có bảng dữ liệu nhưng KHÔNG được đọc (chỉ đọc trang 'Trường A')")]


def test_a_repeated_header_row_is_read_and_counted_as_skipped(runner, cli, tmp_path):
    """A header row repeated inside the table (two lists pasted together) was dropped by the reader without
    a word: 'đã đọc 2 dòng' for a file of three rows. Rows read = counted + rejected + skipped, said."""
    pasted = tmp_path / "hai-danh-sach.csv"
    pasted.write_text("don_vi,muc,so_nguoi\nXã A,1.1,20\ndon_vi,muc,so_nguoi\nXã B,1.1,10\n", encoding="utf-8")
    result = run(runner, cli, pasted, "--ngay-bao-cao", "18/10/2023", "-f", "json")
    report = json.loads(result.stdout)
    assert report["counts"] == {"read": 3, "counted": 2, "rejected": 0, "skipped": 1}
    assert report["skipped"] == [{"where": f"{pasted}:3", "text": "dòng tiêu đề cột lặp lại"}]
    assert result.stderr.strip() == ("đã đọc 3 dòng: 2 được tính, 0 bị loại, 1 bỏ qua (tiêu đề nhóm, dòng tổng, chữ ký dưới bảng: "
                                     "không cộng vào bảng): dòng tiêu đề cột lặp lại")


def test_an_item_code_typed_with_a_comma_is_read_and_messages_name_the_files_columns(runner, cli, tmp_path):
    """'1,1' (the decimal comma, as Excel shows 1.1 in Vietnamese) was rejected as not in the table; and a
    rejected row named the column by its code ('so_luong') where the file heads it 'Số lượng'."""
    book = openpyxl.Workbook()
    book.active.append(["Đơn vị", "Mục", "Số lượng", "Số người", "Ngày tổ chức"])
    book.active.append(["Trường A", "1,1", None, "20", None])
    book.active.append(["Trường A", "Mục 2", "1.5", None, None])
    book.active.append(["Trường A", "9.9", None, None, None])
    book.active.append(["Trường A", "2", None, "5", "15/10/2023"])
    source = tmp_path / "truong.xlsx"
    book.save(source)
    report = json.loads(run(runner, cli, source, "--ngay-bao-cao", "18/10/2023", "-f", "json").stdout)
    assert figures(report["total"])["1.1"] == (1, 20)
    errors = [r["error"] for r in report["rejected"]]
    assert errors[0] == "cột 'Số lượng': '1.5' không phải số lượng (Tin, bài/cuộc) (số nguyên, không âm)"
    assert errors[1].startswith("cột 'Mục': mục '9.9' không có trong bảng (các mục: 1.1, 1.2,")
    assert errors[2] == "cột 'Ngày tổ chức': 15/10/2023 nằm ngoài Tuần lễ (02/10/2023 – 08/10/2023)"


@pytest.mark.parametrize("lang, said", [
    ("vi", "cảnh báo: 2 dòng ghi mã mục 1.1 ở ô kiểu số ({f}:Sheet!2, {f}:Sheet!3), được tính vào mục 1.1: Excel lưu số "
           "1.10 thành 1.1, nên nếu dòng nào là mục 1.10, hãy ghi mã mục dạng chữ (định dạng ô là Văn bản, hoặc gõ "
           "'Mục 1.10') rồi tính lại"),
    ("en", "warning: 2 rows give item code 1.1 in a number cell ({f}:Sheet!2, {f}:Sheet!3), counted under item 1.1: "
           "Excel keeps the number 1.10 as 1.1, so if any of them is item 1.10, write the code as text (format the cell "
           "as Text, or type 'Mục 1.10') and count again")])
def test_an_item_code_in_a_number_cell_that_could_be_1_10_is_said(runner, cli, tmp_path, lang, said):
    """A number cell typed 1.10 (Phổ cập THCS) is the number 1.1 in the workbook: it was counted under item 1.1
    without a word. It still is (nothing tells them apart), and the rows are named; a code given as text, or a
    number no other item reads alike (4.3), is not."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["don_vi", "muc", "ten_hoat_dong", "so_luong", "so_nguoi", "ngay"])
    for code, what in ((1.1, "Xóa mù chữ"), (1.10, "Phổ cập THCS, gõ 1.10"), ("1.10", "Phổ cập THCS"), (4.3, "Khác")):
        sheet.append(["Xã A", code, what, 1, None, "03/10/2023"])
    path = tmp_path / "hoat-dong.xlsx"
    book.save(path)
    result = runner.invoke(cli, ["--lang", lang, "thong-ke-tuan-le", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert said.format(f=path) in result.stderr.splitlines()
    report = json.loads(result.stdout)
    assert report["warnings"] == [said.format(f=path).split(": ", 1)[1]]


def test_every_rejection_and_warning_is_a_message_of_the_catalogue():
    """Rejections were inline (vi, en) pairs in tuan_le.py, out of the catalogue the Vietnamese tests check and
    reviewers read: every sentence of the command is now a 'tl.' code of scoring/messages.py."""
    import re
    from pathlib import Path

    import scoring.goals.tuan_le as tuan_le
    from scoring.messages import CATALOGUE
    source = Path(tuan_le.__file__).read_text(encoding="utf-8")
    assert "_say(" not in source and not hasattr(tuan_le, "_say")
    codes = set(re.findall(r"""(?:\bt|Msg)\(\s*["'](tl\.\w+)["']""", source))
    assert len(codes) >= 18 and codes <= set(CATALOGUE), codes - set(CATALOGUE)


def test_the_english_rejections_say_the_same_as_before(runner, cli, tmp_path):
    path = tmp_path / "hoat-dong.csv"
    path.write_text(BAD + "Xã A,1.1,,,3/10,\n", encoding="utf-8")
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19", "--lang", "en")
    errors = {r["where"].rsplit(":", 1)[1]: r["error"] for r in json.loads(result.stdout)["rejected"]}
    assert errors == {
        "3": "column 'don_vi': the reporting unit is missing",
        "4": "column 'muc': item 1 is a heading (a total); file the row under 1.1, 1.2, 1.3, 1.4, 1.4b, 1.5, 1.6, 1.7, "
             "1.8, 1.9, 1.10, 1.11, 1.12",
        "5": "column 'muc': item '9.9' is not in the table (items: 1.1, 1.2, 1.3, 1.4, 1.4b, 1.5, 1.6, 1.7, 1.8, 1.9, "
             "1.10, 1.11, 1.12, 2, 3, 4.1, 4.2, 4.3, 5, 5.1, 5.2, 5.3, 5.4, 6.1, 6.2, 6.3, 6.4, 7.1, 7.2, 8, 9.1, 9.2, "
             "10.1, 10.2, 11)",
        "6": "column 'so_luong': '1.5' is not a number (news items, articles/events) (a whole number, not negative)",
        "7": "column 'so_luong': item 3 needs a number (copies/sheets)",
        "8": "column 'so_nguoi': item 2 has no 'Người' column in the form; leave it blank",
        "9": "column 'so_nguoi': 'abc' is not a number of people (a whole number, not negative)",
        "10": "column 'ngay': 2023-10-15 is outside the Week (2023-10-02 – 2023-10-08)",
        "11": "column 'ghi_chu': item 11 needs a description of the activity",
        "13": "column 'ngay': '3/10' is not a date (dd/mm/yyyy)",
    }


def _sheet(path, rows, merges=()):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Biểu"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def test_a_unit_sheet_as_the_so_lays_it_out_is_read_whole(runner, cli, tmp_path):
    """A Phòng's sheet as the Sở's template has it: merged title rows, a 'TT' row-number column, group headings
    ('I | Khối Mầm non', 'II. Khối Tiểu học' merged across), a 'Cộng' subtotal per group, 'Tổng cộng'. 'TT' was
    read as the item column: each school's row number 1, 2 filed it under items 1 and 2 and dropped its figures
    (1 counted, 4 rejected, item 2 = 1), and the headings were rejected ('mục 'I' không có trong bảng')."""
    path = _sheet(tmp_path / "phong.xlsx", [
        ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TAM ĐƯỜNG"], ["TỔNG HỢP SỐ LIỆU TUẦN LỄ HƯỞNG ỨNG HỌC TẬP SUỐT ĐỜI 2023"], [],
        ["TT", "Tên đơn vị", "Mục 1.1", "Mục 1.1 người", "Mục 10.1", "Mục 11"],
        ["I", "Khối Mầm non"],
        [1, "Trường MN A", 2, 40, 5_000_000, "Thi kể chuyện"],
        [2, "Trường MN B", 1, 20, 3_000_000, None],
        [None, "Cộng khối Mầm non", 3, 60, 8_000_000, None],
        ["II. Khối Tiểu học"],
        [1, "Trường TH C", 1, 30, None, "Ngày hội đọc sách"],
        [None, "Cộng", 1, 30, None, None],
        [None, "Tổng cộng", 4, 90, 8_000_000, None]], merges=("A1:F1", "A2:F2", "A9:F9"))
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert list(report["units"]) == ["Trường MN A", "Trường MN B", "Trường TH C"]
    total = figures(report["total"])
    assert (total["1.1"], total["10.1"], total["11"], total["2"]) == ((4, 90), (8_000_000, None), (2, None), (0, None))
    assert report["counts"] == {"read": 8, "counted": 3, "rejected": 0, "skipped": 5}
    assert [(s["where"].rsplit("!", 1)[1], s["text"]) for s in report["skipped"]] == [
        ("5", "I Khối Mầm non"), ("8", "Cộng khối Mầm non"), ("9", "II. Khối Tiểu học"), ("11", "Cộng"),
        ("12", "Tổng cộng")]
    assert result.stderr.splitlines()[-1] == (
        "đã đọc 8 dòng: 3 được tính, 0 bị loại, 5 bỏ qua (tiêu đề nhóm, dòng tổng, chữ ký dưới bảng: không cộng vào "
        "bảng): I Khối Mầm non, Cộng khối Mầm non, II. Khối Tiểu học, Cộng, Tổng cộng")


def test_group_headings_in_an_activity_list_are_skipped_and_a_heading_with_figures_is_rejected(runner, cli, tmp_path):
    """'I. Khối Mầm non' (in the STT column, or the unit column) was rejected ('thiếu tên đơn vị', 'cột 'Mục' để
    trống'); a heading carrying its group's figures was counted as a unit named 'Khối Tiểu học', adding its
    schools twice. A row with figures and no unit stays rejected."""
    path = _sheet(tmp_path / "hoat-dong.xlsx", [
        ["STT", "Đơn vị", "Mục", "Số lượng", "Số người"],
        ["I. Khối Mầm non"],
        [1, "Trường MN A", "1.8", None, 20],
        [None, "Khối THCS"],
        [2, "Trường THCS D", "1.8", None, 15],
        ["II", "Khối Tiểu học", "1.8", 2, 35],
        [3, None, "1.8", 1, 5]])
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert figures(report["total"])["1.8"] == (2, 35) and list(report["units"]) == ["Trường MN A", "Trường THCS D"]
    assert [s["text"] for s in report["skipped"]] == ["I. Khối Mầm non", "Khối THCS"]
    assert {r["where"].rsplit("!", 1)[1]: r["error"] for r in report["rejected"]} == {
        "6": "dòng tiêu đề nhóm 'II Khối Tiểu học' có số liệu, nên không được cộng: số liệu ghi ở dòng của từng đơn vị; "
             "nếu là số cộng của nhóm, xóa đi hoặc ghi ở dòng 'Cộng' dưới nhóm",
        "7": "cột 'Đơn vị': thiếu tên đơn vị báo cáo"}
    assert report["counts"] == {"read": 6, "counted": 2, "rejected": 2, "skipped": 2}


@pytest.mark.parametrize("name, unit", [
    ("Cộng khối Mầm non", False), ("Cộng I", False), ("Cộng (II)", False), ("Tổng các trường", False),
    ("Tổng khối THCS", False), ("Cộng đồng học tập xã A", True), ("Tổng công ty Điện lực", True),
    ("A Lưới", True), ("Vị Xuyên", True)])
def test_a_group_s_subtotal_is_skipped_and_a_name_that_opens_alike_is_a_unit(runner, cli, tmp_path, name, unit):
    """'Cộng khối Mầm non', 'Cộng I' were read as units, the group's schools added twice to the total; a unit whose
    name opens with 'Cộng', 'Tổng', a capital letter or 'Vị' is still a unit."""
    path = tmp_path / "don-vi.csv"
    path.write_text(f"Đơn vị,Mục 1.1,Mục 1.1 người\nTrường MN A,2,40\n{name},2,40\n", encoding="utf-8")
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    assert figures(report["total"])["1.1"] == ((4, 80) if unit else (2, 40))
    assert report["skipped"] == ([] if unit else [{"where": f"{path}:3", "text": name}])


@pytest.mark.parametrize("subtotal", ["Cộng khối Mầm non", "Cộng I", "Cộng (I)"])
def test_a_unit_s_row_of_a_note_alone_after_a_group_s_subtotal_is_read(runner, cli, tmp_path, subtotal):
    """A group's subtotal was taken for the table's end: the next group's school reporting only 'Mục 11' (no
    figure, no digit) was then skipped as a signer's name and its activity lost. The total still ends it."""
    path = tmp_path / "don-vi.csv"
    path.write_text(f"Đơn vị,Mục 1.1,Mục 11\nTrường MN A,2,\n{subtotal},2,\nKhối Tiểu học,,\n"
                    "Trường TH C,,Ngày hội đọc sách\nTổng cộng,2,\nNguyễn Văn An,,\n", encoding="utf-8")
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    assert {r["code"]: r["note"] for r in report["total"]}["11"] == "Trường TH C: Ngày hội đọc sách"
    assert [s["text"] for s in report["skipped"]] == [subtotal, "Khối Tiểu học", "Tổng cộng", "Nguyễn Văn An"]
    assert report["counts"] == {"read": 6, "counted": 2, "rejected": 0, "skipped": 4}


def test_a_numbered_unit_whose_name_opens_like_a_group_s_is_a_unit(runner, cli, tmp_path):
    """'3 | P. Tân Phong | 2' (a ward), 'X. Bản Giang' (a commune, X also ten in Roman numerals): the name opens
    like 'A. Khối Mầm non', and the unit's figures were rejected as a group heading's. A row numbered 1, 2 in its
    'TT' cell is a unit; unnumbered, a name so opening is still a heading."""
    path = tmp_path / "don-vi.csv"
    path.write_text("TT,Tên đơn vị,Mục 1.1\n,A. Khối phường,\n1,P. Tân Phong,2\n2,X. Bản Giang,1\n,B. Khối xã,\n",
                    encoding="utf-8")
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    assert list(report["units"]) == ["P. Tân Phong", "X. Bản Giang"] and figures(report["total"])["1.1"] == (3, 0)
    assert [s["text"] for s in report["skipped"]] == ["A. Khối phường", "B. Khối xã"] and report["rejected"] == []


def test_tt_is_still_the_item_column_of_an_activity_list_without_another(runner, cli, tmp_path):
    """'TT' holds the item code when it is the only item column (the form's own layout); beside 'Mục' it is a row number."""
    path = tmp_path / "hoat-dong.csv"
    path.write_text("TT,Đơn vị,Số người\n1.8,Xã A,20\n", encoding="utf-8")
    both = tmp_path / "ca-hai.csv"
    both.write_text("TT,Đơn vị,Mục,Số người\n1,Xã A,1.8,20\n2,Xã B,1.8,5\n", encoding="utf-8")
    for source, expected in ((path, (1, 20)), (both, (2, 25))):
        report = json.loads(run(runner, cli, source, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
        assert figures(report["total"])["1.8"] == expected and report["counts"]["rejected"] == 0


def test_the_total_names_the_unit_of_each_note(runner, cli, tmp_path):
    """Two schools' notes were joined bare in the total ('Thi kể chuyện; Ngày hội đọc sách'): no one could tell
    whose was whose. The total names each unit; a unit's own sheet keeps its notes as sent."""
    path = tmp_path / "don-vi.csv"
    path.write_text("Đơn vị,Mục 11\nTrường MN A,Thi kể chuyện\nTrường TH C,Ngày hội đọc sách\n", encoding="utf-8")
    out = tmp_path / "phu-luc.xlsx"
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19", "-o", out)
    report = json.loads(result.stdout)
    named = "Trường MN A: Thi kể chuyện; Trường TH C: Ngày hội đọc sách"
    assert {r["code"]: r["note"] for r in report["total"]}["11"] == named
    assert {r["code"]: r["note"] for r in report["units"]["Trường MN A"]}["11"] == "Thi kể chuyện"
    book = openpyxl.load_workbook(out)
    assert [row[5] for row in book["Tổng hợp"].iter_rows(values_only=True) if row[0] == "11"] == [named]


def test_the_readers_warnings_are_in_the_tallys_language_not_the_processes(tmp_path):
    """The web page asks for an English tally in a process whose language stays Vietnamese: the
    shared readers' warnings (a sheet not read, rows above the header) were still Vietnamese."""
    from scoring.goals.tuan_le import resolve_form, tally
    book = openpyxl.Workbook()
    book.active.append(["Bảng báo cáo"])
    book.active.append(["Đơn vị", "Mục", "Số lượng"])
    book.active.append(["Trường TH A", "2", 1])
    book.create_sheet("Tháng 10").append(["Đơn vị", "Mục", "Số lượng"])
    book["Tháng 10"].append(["Trường TH A", "3", 5])
    book.save(tmp_path / "truong.xlsx")
    counted = tally(resolve_form("tuan-le-hoc-tap-suot-doi-laichau-2023").form, [tmp_path / "truong.xlsx"], lang="en")
    path = tmp_path / "truong.xlsx"
    assert counted.warnings == [
        f"{path}: sheet 'Tháng 10' also holds a table but was NOT read (only 'Sheet' was): add --sheet '*' to read "
        "every visible sheet, or --sheet NAME for each one",
        f"{path}:Sheet: skipped 1 row above the header row (row 1: 'Bảng báo cáo')"]


def _groups(numbered, subtotal):
    """A Sở's sheet of two groups, each closed by a bare subtotal; the second group's last school reports
    only a note ('Mục 11'), then the total and the signatures."""
    rows = [["I", "Khối Mầm non"], [1, "Trường MN A", 2, 40, None], [2, "Trường MN B", 1, 20, None],
            [None, subtotal, 3, 60, None], ["II", "Khối Tiểu học"], [1, "Trường TH C", 1, 30, None],
            [2, "Trường TH D", None, None, "Ngày hội đọc sách"], [None, subtotal, 1, 30, None],
            [None, "Tổng cộng", 4, 90, None], [], [None, "Người lập biểu", None, "Hiệu trưởng"],
            [None, "Nguyễn Văn An", None, "Trần Thị Bình"]]
    header = ["TT", "Tên đơn vị", "Mục 1.1", "Mục 1.1 người", "Mục 11"]
    return [header] + rows if numbered else [header[1:]] + [row[1:] for row in rows]


@pytest.mark.parametrize("numbered", [True, False])
@pytest.mark.parametrize("subtotal", ["Cộng", "Cộng:", "CỘNG", "Tổng", "Tổng số"])
@pytest.mark.parametrize("lang, line", [
    ("vi", "đã đọc 11 dòng: 4 được tính, 0 bị loại, 7 bỏ qua (tiêu đề nhóm, dòng tổng, chữ ký dưới bảng: không cộng "
           "vào bảng): {names}"),
    ("en", "11 rows read: 4 counted, 0 rejected, 7 skipped (group headings, totals, signatures under the table: not "
           "added): {names}")])
def test_a_bare_cong_closing_a_group_is_its_subtotal_when_units_follow(runner, cli, tmp_path, numbered, subtotal,
                                                                        lang, line):
    """A bare 'Cộng' closing the first group was taken for the table's total: in a sheet without a 'TT' column,
    the next group's school reporting only a note was skipped as a signer's name ('Trường TH D' among the skipped
    rows) and its activity lost. Units follow it: a subtotal, skipped and said as 'Cộng khối Mầm non' is."""
    path = _sheet(tmp_path / "so.xlsx", _groups(numbered, subtotal))
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19", "--lang", lang)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert list(report["units"]) == ["Trường MN A", "Trường MN B", "Trường TH C", "Trường TH D"]
    total = figures(report["total"])
    assert (total["1.1"], total["11"]) == ((4, 90), (1, None))
    assert {r["code"]: r["note"] for r in report["total"]}["11"] == "Trường TH D: Ngày hội đọc sách"
    first, second = ("I Khối Mầm non", "II Khối Tiểu học") if numbered else ("Khối Mầm non", "Khối Tiểu học")
    assert [(s["where"].rsplit("!", 1)[1], s["text"]) for s in report["skipped"]] == [
        ("2", first), ("5", subtotal), ("6", second), ("9", subtotal), ("10", "Tổng cộng"), ("12", "Người lập biểu"),
        ("13", "Nguyễn Văn An")]
    assert report["counts"] == {"read": 11, "counted": 4, "rejected": 0, "skipped": 7}
    names = ", ".join([first, subtotal, second, "Tổng cộng", "Người lập biểu", "Nguyễn Văn An"])
    assert result.stderr.splitlines()[-1] == line.format(names=names)


@pytest.mark.parametrize("numbered", [True, False])
@pytest.mark.parametrize("below, skipped", [
    ([["Người lập biểu", None, "Hiệu trưởng"], ["Nguyễn Văn An", None, "Trần Thị Bình"]],
     ["Cộng", "Người lập biểu", "Nguyễn Văn An"]),
    ([["Ghi chú: Trường MN B chưa báo cáo mục 11"]], ["Cộng", "Ghi chú: Trường MN B chưa báo…"]),
    ([["Số liệu do các trường tự báo cáo"], ["Nguyễn Văn An"]],
     ["Cộng", "Số liệu do các trường tự báo…", "Nguyễn Văn An"]),
    ([], ["Cộng"])])
def test_a_bare_cong_followed_only_by_signatures_or_notes_is_the_total(runner, cli, tmp_path, numbered, below, skipped):
    """A bare 'Cộng' with no unit below it, before the signatures, a note or nothing, is the total: it ends the
    table, and the signers' names and notes below it are skipped, never read as units."""
    rows = [["Tên đơn vị", "Mục 1.1", "Mục 1.1 người"], ["Trường MN A", 2, 40], ["Trường MN B", 1, 20],
            ["Cộng", 3, 60], [], *below]
    if numbered:
        rows = [["TT", *rows[0]], [1, *rows[1]], [2, *rows[2]], *[[None, *row] if row else row for row in rows[3:]]]
    path = _sheet(tmp_path / "phong.xlsx", rows)
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    assert list(report["units"]) == ["Trường MN A", "Trường MN B"] and figures(report["total"])["1.1"] == (3, 60)
    assert [s["text"] for s in report["skipped"]] == skipped
    assert report["counts"] == {"read": 2 + len(skipped), "counted": 2, "rejected": 0, "skipped": len(skipped)}


def test_one_sheet_s_total_does_not_end_the_next_sheet_s_table(runner, cli, tmp_path):
    """Read with --sheet '*', a first sheet's 'Tổng cộng' ended the file's table: the next sheet's school
    reporting only a note was skipped as a signer's name."""
    book = openpyxl.Workbook()
    book.active.title = "Mầm non"
    for row in (["Tên đơn vị", "Mục 1.1", "Mục 11"], ["Trường MN A", 2, None], ["Tổng cộng", 2, None]):
        book.active.append(row)
    book.create_sheet("Tiểu học")
    for row in (["Tên đơn vị", "Mục 1.1", "Mục 11"], ["Trường TH D", None, "Ngày hội đọc sách"]):
        book["Tiểu học"].append(row)
    book.save(tmp_path / "phong.xlsx")
    report = json.loads(run(runner, cli, tmp_path / "phong.xlsx", "--sheet", "*", "-f", "json",
                            "--ngay-bao-cao", "2023-10-19").stdout)
    assert list(report["units"]) == ["Trường MN A", "Trường TH D"] and [s["text"] for s in report["skipped"]] == ["Tổng cộng"]
    assert report["counts"] == {"read": 3, "counted": 2, "rejected": 0, "skipped": 1}


def test_wards_and_communes_written_p_and_x_are_units_in_a_sheet_without_tt(runner, cli, tmp_path):
    """A Phòng's sheet of communes writes 'P. Tân Phong', 'X. Phú Lợi' (phường, xã) and has no 'TT' column: their
    figures were rejected as group headings' ('dòng tiêu đề nhóm 'P. Tân Phong' có số liệu'). A 'P.', 'X.' opening
    a name in capitals, not a group's ('A. Khối phường'), out of the headings' order and with no school under it,
    is a ward's or a commune's name abbreviated."""
    path = _sheet(tmp_path / "phong.xlsx", [
        ["Tên đơn vị", "Mục 1.1", "Mục 1.1 người"],
        ["A. Khối phường, thị trấn"], ["P. Tân Phong", 2, 40], ["TT. Tam Đường", 1, 10], ["Cộng", 3, 50],
        ["B. Các xã"], ["X. Phú Lợi", 1, 20], ["X. Bản Giang", 2, 30], ["Cộng", 3, 50],
        ["Tổng cộng", 6, 100], ["Người lập biểu"]])
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert list(report["units"]) == ["P. Tân Phong", "TT. Tam Đường", "X. Phú Lợi", "X. Bản Giang"]
    assert figures(report["total"])["1.1"] == (6, 100) and figures(report["units"]["X. Bản Giang"])["1.1"] == (2, 30)
    assert [s["text"] for s in report["skipped"]] == [
        "A. Khối phường, thị trấn", "Cộng", "B. Các xã", "Cộng", "Tổng cộng", "Người lập biểu"]
    assert report["counts"] == {"read": 10, "counted": 4, "rejected": 0, "skipped": 6}


@pytest.mark.parametrize("lang, said", [
    ("vi", "dòng '{name}' có số liệu mà tên mở đầu như tiêu đề nhóm ('A. Khối …', 'II. …'), nên không được cộng: "
           "nếu là một đơn vị, ghi tên đầy đủ, không viết tắt ('Phường Tân Phong', 'Xã Phú Lợi'), hoặc thêm cột 'TT' "
           "đánh số 1, 2, … cho các đơn vị; nếu là tiêu đề nhóm, số liệu ghi ở dòng của từng đơn vị, số cộng của "
           "nhóm ghi ở dòng 'Cộng' dưới nhóm"),
    ("en", "row '{name}' has figures but its name opens like a group heading ('A. Khối …', 'II. …'), so they are "
           "not added: if it is a unit, write its name in full, not abbreviated ('Phường Tân Phong', 'Xã Phú Lợi'), "
           "or add a 'TT' column numbering the units 1, 2, …; if it is a group heading, give the figures on each "
           "unit's row, and the group's subtotal on a 'Cộng' row under the group")])
def test_a_name_opening_like_a_heading_that_may_be_one_stays_rejected_saying_what_to_do(runner, cli, tmp_path,
                                                                                        lang, said):
    """Not added when unsure, as its figures may be a group's subtotal: 'P. Tân Phong' over a school of its own
    (the ward as a group), 'X. Tân Uyên' after 'IX. Sìn Hồ' (the tenth group), 'A. Trường MN Hoa Sen' (A is no
    place's kind). The message says how to have a unit read: its name in full, or a 'TT' column."""
    path = _sheet(tmp_path / "so.xlsx", [
        ["Tên đơn vị", "Mục 1.1", "Mục 1.1 người"],
        ["P. Tân Phong", 2, 40], ["Trường MN Tân Phong", 2, 40],
        ["IX. Sìn Hồ"], ["Trường TH Sìn Hồ", 1, 10], ["X. Tân Uyên", 3, 30], ["Trường TH Tân Uyên", 3, 30],
        ["A. Trường MN Hoa Sen", 1, 5]])
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19", "--lang", lang)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert list(report["units"]) == ["Trường MN Tân Phong", "Trường TH Sìn Hồ", "Trường TH Tân Uyên"]
    assert figures(report["total"])["1.1"] == (6, 80)
    assert {r["where"].rsplit("!", 1)[1]: r["error"] for r in report["rejected"]} == {
        "2": said.format(name="P. Tân Phong"), "6": said.format(name="X. Tân Uyên"),
        "8": said.format(name="A. Trường MN Hoa Sen")}
    assert report["counts"] == {"read": 7, "counted": 3, "rejected": 3, "skipped": 1}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_note_with_a_date_under_the_total_is_skipped_not_rejected(runner, cli, tmp_path, lang):
    """'(Số liệu tính đến 15/10/2023)' under 'Tổng cộng' holds digits: it was read as a unit's row and rejected
    as one without figures (said, never added, but a false rejection on the paper)."""
    path = tmp_path / "don-vi.csv"
    path.write_text("Đơn vị,Mục 1.1,Mục 1.1 người,Mục 10.1\nTrường A,2,40,5000000\nTrường B,1,20,3000000\n"
                    "Tổng cộng,3,60,8000000\n(Số liệu tính đến 15/10/2023),,,\nNgười lập biểu,,Hiệu trưởng,\n"
                    "Nguyễn Văn An,,Trần Thị Bình,\n", encoding="utf-8")
    result = runner.invoke(cli, ["--lang", lang, "thong-ke-tuan-le", str(path), "-f", "json", "--ngay-bao-cao", "2023-10-19"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"read": 6, "counted": 2, "rejected": 0, "skipped": 4}
    assert [s["text"] for s in report["skipped"]] == ["Tổng cộng", "(Số liệu tính đến 15/10/2023)", "Người lập biểu",
                                                      "Nguyễn Văn An"]
    assert figures(report["total"])["1.1"] == (3, 60)


def test_a_subtotal_by_commune_or_unit_is_skipped_not_added_as_a_unit(runner, cli, tmp_path):
    """A Phòng's sheet subtotalled by commune: 'Cộng X. Tân Lập', 'Cộng TT. Đồng Văn', 'Cộng xã Bản Giang' were
    read as three more units, so the total counted every school twice (1.1: 10 classes, 4.996 people). Hand
    count: 1 + 1 + 2 + 1 = 5 classes; 20 + 1.234 + 1.234 + 10 = 2.498 people. 'Cộng Hòa' (a commune) is a unit."""
    path = _sheet(tmp_path / "huyen.xlsx", [
        ["UBND HUYỆN TAM ĐƯỜNG"], ["BÁO CÁO SỐ LIỆU TUẦN LỄ"], [],
        ["STT", "Tên đơn vị", "Mục 1.1", "Mục 1.1 người"],
        [1, "Trường MN Tân Lập", "1", "20"], [2, "Trường TH Tân Lập", "1", "1.234"],
        [None, "Cộng X. Tân Lập", "2", "1.254"],
        [3, "Trường MN Đồng Văn", "2", "1 234"], [None, "Cộng TT. Đồng Văn", "2", "1.234"],
        [4, "P. Văn hoá", "1", "10"], [None, "Cộng xã Bản Giang", "1", "10"],
        [5, "Cộng Hòa", "1", "5"],
        [None, "Tổng cộng", "6", "2.503"], [], [None, "Người lập biểu"], [None, "Lò Văn A"]])
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    assert figures(report["total"])["1.1"] == (6, 2_503)
    assert list(report["units"]) == ["Trường MN Tân Lập", "Trường TH Tân Lập", "Trường MN Đồng Văn",
                                     "P. Văn hoá", "Cộng Hòa"]
    assert [s["text"] for s in report["skipped"]] == ["Cộng X. Tân Lập", "Cộng TT. Đồng Văn", "Cộng xã Bản Giang",
                                                      "Tổng cộng", "Người lập biểu", "Lò Văn A"]
    assert report["counts"] == {"read": 11, "counted": 5, "rejected": 0, "skipped": 6}


def test_cong_typed_in_the_item_column_is_a_subtotal_and_the_commune_above_it_is_read(runner, cli, tmp_path):
    """An activity list under a two-row header, 'Cộng' and 'Tổng cộng' typed in the 'Mục' column (the unit cell
    blank): they were rejected ('thiếu tên đơn vị') and, taken for a plainly named unit under it, made 'X. Tân Lập'
    look like a commune's heading: its 1.2 row was rejected too. Hand count: 1.1 = 1 + 2 classes, 35 + 1.000
    people; 1.2 = 1 class (blank), 12 people."""
    path = _sheet(tmp_path / "xa.xlsx", [
        ["UBND XÃ TÂN LẬP"], [],
        ["Đơn vị", "Mục", "Nội dung", "Kết quả", None, "Ghi chú"],
        [None, None, None, "Số lượng", "Số người", None],
        ["X. Tân Lập", "1.1", "Tập huấn", "1", "35"], ["X. Tân Lập", "1.2", "Ngoại ngữ", None, "12"],
        [None, "Cộng", None, "2", "47"],
        ["TT. Đồng Văn", "1.1", "Tập huấn", "2", "1.000"], [None, "Cộng", None, "2", "1.000"],
        [None, "Tổng cộng", None, "4", "1.047"], [None, None, None, "Người lập biểu"]],
        merges=("D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4"))
    report = json.loads(run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19").stdout)
    assert {c: figures(report["total"])[c] for c in ("1", "1.1", "1.2")} == {"1": (4, None), "1.1": (3, 1_035),
                                                                             "1.2": (1, 12)}
    assert report["rejected"] == []
    assert [s["text"] for s in report["skipped"]] == ["Cộng", "Cộng", "Tổng cộng", "Người lập biểu"]
    assert report["counts"] == {"read": 7, "counted": 3, "rejected": 0, "skipped": 4}


@pytest.mark.parametrize("total", ["Cộng", "Tổng cộng", "Cộng X. Tân Lập"])
def test_a_total_row_whose_formula_was_never_calculated_is_skipped_not_rejected(runner, cli, tmp_path, total):
    """A 'Cộng' row of '=SUM(…)' in a workbook never opened in Excel was rejected ('công thức chưa được tính …
    mở tệp trong Excel …, lưu lại rồi chạy lại'), exit 1, for figures the table never adds. A unit's row with such
    a formula is still rejected: its figures are needed."""
    path = _sheet(tmp_path / "xa.xlsx", [
        ["TT", "Đơn vị", "Mục 1.1", "Mục 1.1 người"], [1, "X. Tân Lập", "2", "1.234"],
        [2, "TT. Đồng Văn", "=1+1", "10"], [None, total, "=SUM(C2:C3)", "=SUM(D2:D3)"], [None, "Người lập biểu"]])
    result = run(runner, cli, path, "-f", "json", "--ngay-bao-cao", "2023-10-19")
    report = json.loads(result.stdout)
    assert figures(report["total"])["1.1"] == (2, 1_234)
    assert [r["where"] for r in report["rejected"]] == [f"{path}:Biểu!3"]
    assert [s["text"] for s in report["skipped"]] == [total, "Người lập biểu"]
    assert report["counts"] == {"read": 4, "counted": 1, "rejected": 1, "skipped": 2}


def test_a_report_without_a_date_is_dated_by_the_papers_one_clock(runner, cli, monkeypatch):
    """A blank --ngay-bao-cao is today as every paper reads it (``check_day``): SOURCE_DATE_EPOCH fixes it, so a
    printout can be made again as it was; the command read the machine's clock itself, the web page too."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1697673600")   # 19 October 2023, before the form's deadline
    report = json.loads(run(runner, cli, ACTIVITIES, "-f", "json").stdout)
    assert (report["report_date"], report["late"]) == ("2023-10-19", False)
