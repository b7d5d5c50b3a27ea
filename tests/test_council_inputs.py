"""Council workflows that used to give wrong or misleading answers (issues 12 and 16): Excel date
cells, numbers Python reads but a person never typed, outputs over inputs, every sheet, footer
rows, goal counts over the whole population, level-pack blockers, ids per file, shared options."""
import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from books import HEADER, INDICATORS, SHEET, citizen, council_workbook, save_cached_value, to_shared_strings
from scoring import CriteriaErrors, load_pack, resolve_pack, score_files, score_records
from scoring.results.explain import indicator_titles

POINTS = {i: 8 for i in INDICATORS}


# --- Excel dates (issue 16, item 1) ---------------------------------------------------------

def dated_workbook(path, cells):
    """One citizen per date cell; each cell is (value, number_format or None)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "group", *INDICATORS, "ngay_danh_gia"])
    for n, (value, fmt) in enumerate(cells, start=1):
        ws.append([f"CD-{n}", 1, *POINTS.values(), value])
        if fmt:
            ws.cell(row=n + 1, column=len(INDICATORS) + 3).number_format = fmt
    wb.save(path)
    return path


def test_excel_date_cells_date_times_text_and_serials_choose_the_pack(tmp_path):
    book = dated_workbook(tmp_path / "ngay.xlsx", [
        (dt.date(2023, 6, 30), "dd/mm/yyyy"),            # a true date cell (QĐ 244 then)
        (dt.datetime(2024, 6, 30, 0, 0), "dd/mm/yyyy hh:mm"),  # a date-time at midnight
        ("30/06/2023", None),                             # typed as text, as many councils do
        (45473, "0"),                                     # 30/06/2024 as a cell formatted as a number
        ("30/06/2023 00:00", None),
    ])
    batch = score_files("cong-dan-hoc-tap", [book], as_of="record")
    results = {r.id: r for r in batch.results()}
    assert batch.counts.rejected == 0, [r.error for r in results.values()]
    assert {k: (r.loaded.pack.id, r.provenance.as_of) for k, r in results.items()} == {
        "CD-1": ("cong-dan-hoc-tap-qd244", "2023-06-30"), "CD-2": ("cong-dan-hoc-tap", "2024-06-30"),
        "CD-3": ("cong-dan-hoc-tap-qd244", "2023-06-30"), "CD-4": ("cong-dan-hoc-tap", "2024-06-30"),
        "CD-5": ("cong-dan-hoc-tap-qd244", "2023-06-30")}


def test_a_date_cell_with_a_time_of_day_or_an_impossible_text_date_is_rejected(tmp_path):
    book = dated_workbook(tmp_path / "ngay.xlsx", [(dt.datetime(2024, 6, 30, 14, 30), None), ("30/02/2024", None)])
    results = list(score_files("cong-dan-hoc-tap", [book], as_of="record").results())
    assert [r.ok for r in results] == [False, False]
    assert "'2024-06-30T14:30:00' không phải một ngày" in results[0].error
    assert "'30/02/2024' không phải một ngày" in results[1].error


# --- numbers a person never typed (issue 16, item 5) -----------------------------------------

@pytest.mark.parametrize("text", ["1_0", "1e1", "inf", "0x8", "1 0"])
def test_python_only_number_spellings_are_refused(text):
    [r] = score_records("cong-dan-hoc-tap", [{"id": "A", "group": "1", **POINTS, "1.1": text}])
    assert not r.ok and f"'1.1' phải là một số từ 0 đến 10, không phải '{text}'" in r.error


@pytest.mark.parametrize("text,points", [("7,5", 7.5), ("7.5", 7.5), (" 8 ", 8), ("+8", 8), ("8.", 8)])
def test_decimals_as_people_type_them_are_read(text, points):
    [r] = score_records("cong-dan-hoc-tap", [{"id": "A", "group": "1", **POINTS, "1.1": text}])
    assert r.ok and r.scored.indicators[0].points == points


def test_a_point_before_three_digits_is_refused_when_both_readings_are_in_range():
    # '1.500' programmes: a Vietnamese council means 1500 (the point separates thousands), an English
    # reader 1,5; both are counts the column accepts, so either reading is someone's silent mistake
    [r] = score_records("cong-dong-hoc-tap-tinh", [{"id": "T", "so_chuong_trinh_bao_tang": "1.500"}])
    assert not r.ok
    assert ("là '1.500': dấu chấm làm số này có thể là 1500 (dấu chấm ngăn cách hàng nghìn) hoặc 1,500 "
            "(dấu chấm thập phân); hãy ghi rõ 1500 hoặc 1,500") in r.error


def test_a_point_before_three_digits_in_a_column_of_points_is_the_decimal_it_can_only_be(tmp_path):
    # in a column of points from 0 to 10, '10.000' cannot be ten thousand: it is read as 10, as hoctap
    # always read it (a run stored before reads the same), and '0.125' is a decimal anyway
    book = council_workbook(tmp_path / "diem.xlsx", [citizen("CD-1", ["10.000", *[8] * 9]),
                                                    citizen("CD-3", ["0.125", *[8] * 9])])
    results = {r.id: r for r in score_files("cong-dan-hoc-tap", [book]).results()}
    assert results["CD-1"].ok and results["CD-1"].scored.indicators[0].points == 10
    assert results["CD-3"].ok and results["CD-3"].scored.indicators[0].points == 0.125


def test_points_typed_with_their_unit_are_read_in_a_real_workbook(tmp_path):
    # '9 điểm', '8đ', '7,5 đ' were refused as not numbers; the unit is the column's own
    book = council_workbook(tmp_path / "diem.xlsx", [citizen("CD-1", ["9 điểm", "8đ", "7,5 đ", "6 Điểm", *[8] * 6])])
    [r] = score_files("cong-dan-hoc-tap", [book]).results()
    assert r.ok, r.error
    assert [i.points for i in r.scored.indicators[:4]] == [9, 8, 7.5, 6]


def test_a_unit_that_is_not_the_column_s_is_still_refused():
    [r] = score_records("cong-dan-hoc-tap", [{"id": "A", "group": "1", **POINTS, "1.1": "8 giờ"}])
    assert not r.ok and "không phải '8 giờ'" in r.error


# --- characters that show as nothing, pasted into cells -------------------------------------------

ZWSP, NBSP, WJ = "\u200b", "\u00a0", "\u2060"


def test_invisible_characters_in_headers_and_ids_are_dropped_in_a_real_workbook(tmp_path):
    # A zero-width space after 'Mã số' hid the id column (the file was refused, listing 'Mã số' as
    # seen), and one after an id made 'CD-1' and 'CD-1' two records, both scored
    path = tmp_path / "an.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([f"Mã số{ZWSP}", f"Nhóm{NBSP}đối tượng", *[f"{WJ}Chỉ số {i}" for i in INDICATORS]])
    ws.append([f"CD-1{ZWSP}", f"Nhóm{NBSP}2", *[8] * 10])
    ws.append(["CD-2", "\ufeffNhóm 1", f"7{ZWSP}", *[8] * 9])
    ws.append(["CD-1", 1, *[8] * 10])
    wb.save(path)
    results = list(score_files("cong-dan-hoc-tap", [path]).results())
    assert [(r.id, r.ok) for r in results] == [("CD-1", True), ("CD-2", True), ("CD-1", False)]
    assert "trùng với hồ sơ ở" in results[2].error
    assert results[1].scored.indicators[0].points == 7


def test_invisible_characters_in_a_csv_file_saved_as_csv_utf8_are_dropped(tmp_path):
    path = tmp_path / "an.csv"
    head = f"Mã số{ZWSP},Nhóm," + ",".join(INDICATORS)
    path.write_bytes(("\ufeff" + "\r\n".join([head, f"CD-1{ZWSP},1," + ",".join(["8"] * 10),
                                               "CD-1,1," + ",".join(["8"] * 10)]) + "\r\n").encode("utf-8"))
    results = list(score_files("cong-dan-hoc-tap", [path]).results())
    assert [(r.id, r.ok) for r in results] == [("CD-1", True), ("CD-1", False)]


def test_a_member_s_unit_id_with_a_zero_width_space_still_counts_for_its_unit(runner, cli, tmp_path):
    # Half of DV-101's members, their unit typed 'DV-101' + a zero-width space, were left out of
    # its share (10/10 = 100% instead of 19/20 = 95%), with a warning naming 'DV-101' twice
    examples = Path(__file__).parent.parent / "examples" / "members"
    lines = (examples / "members.csv").read_text(encoding="utf-8").splitlines()
    members = tmp_path / "thanh-vien.xlsx"
    wb = openpyxl.Workbook()
    for n, line in enumerate(lines):
        row = line.split(",")
        if n % 2 and row[1] == "DV-101":
            row[1] = f"DV-101{ZWSP}"
        wb.active.append([int(v) if v.isdigit() else v for v in row])
    wb.save(members)
    out = runner.invoke(cli, ["explain", "-c", "don-vi-hoc-tap-tt24-tinh", str(examples / "don-vi-hoc-tap-tt24-tinh.csv"),
                              "--members", str(members)])
    assert "3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập: 19/20 = 95%" in out.output, out.output
    assert "không có trong tệp đơn vị" not in out.output


def test_a_yes_word_for_a_number_in_a_pack_is_refused(tmp_path):
    base = (Path(__file__).parent / "valid_base_pack.yaml").read_text(encoding="utf-8")
    assert "min_total: 16" in base
    path = tmp_path / "yes.yaml"
    path.write_text(base.replace("min_total: 16", "min_total: yes"), encoding="utf-8")
    with pytest.raises(CriteriaErrors) as err:
        load_pack(path)
    assert "'min_total' phải là một số, nhưng YAML đọc từ này là true" in str(err.value)


# --- inputs are never overwritten (issue 12, item 3) -----------------------------------------

def test_an_output_naming_an_input_under_any_name_is_refused_and_the_file_is_untouched(runner, cli, tmp_path):
    source = council_workbook(tmp_path / "ho-so.xlsx", [citizen("CD-1", 9), citizen("CD-2", 4)])
    members = tmp_path / "thanh-vien.csv"
    members.write_text("id,don_vi,group," + ",".join(INDICATORS) + "\nM1,U1,1," + ",".join(["8"] * 10) + "\n",
                       encoding="utf-8")
    (tmp_path / "link.xlsx").symlink_to(source)
    (tmp_path / "hard.xlsx").hardlink_to(source)
    (tmp_path / "sub").mkdir()
    before, members_before = source.read_bytes(), members.read_bytes()
    attempts = [
        ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(source)],
        ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / "link.xlsx")],
        ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / "hard.xlsx")],
        ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / "sub" / ".." / "ho-so.xlsx")],
        ["score", "-c", "cong-dan-hoc-tap", str(source), "--store", str(source)],
        ["verify", "-c", "cong-dan-hoc-tap", str(source), "-o", str(source)],
        ["report", "-c", "cong-dan-hoc-tap", str(source), "-o", str(source)],
        ["explain", "-c", "cong-dan-hoc-tap", str(source), "-o", str(source)],
        ["score", "-c", "don-vi-hoc-tap-tt24-tinh", str(source), "--members", str(members), "-o", str(members)],
        ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2030", str(source), "-o", str(source)],
    ]
    for args in attempts:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert "tệp đầu vào" in result.stderr and "Traceback" not in result.output, result.stderr
    assert source.read_bytes() == before and members.read_bytes() == members_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hard.xlsx", "ho-so.xlsx", "link.xlsx", "sub", "thanh-vien.csv"]


def test_english_message_and_another_output_name_still_works(runner, cli, tmp_path):
    source = council_workbook(tmp_path / "ho-so.xlsx", [citizen("CD-1", 9)])
    refused = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(source), "--lang", "en"])
    assert refused.exit_code == 2 and "is the input file" in refused.stderr
    fine = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / "ket-qua.xlsx")])
    assert fine.exit_code == 0 and (tmp_path / "ket-qua.xlsx").is_file()


# --- footer and title rows (issue 12, item 5) ------------------------------------------------

def footer_workbook(path, rows, footer):
    """A council sheet (title, header, ``rows``) with ``footer`` rows (lists of cells) under the table."""
    council_workbook(path, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    for cells in footer:
        ws.append(cells)
    wb.save(path)
    return path


TOTALS_AND_SIGNATURES = [
    [None, "Tổng cộng", None, None, *[160] * 10],
    [],
    [None, None, None, None, None, None, None, None, "Tân Lập, ngày 15 tháng 12 năm 2024"],
    [None, "Người lập biểu", None, None, None, None, None, None, "Chủ tịch UBND xã"],
    [None, "(Ký, ghi rõ họ tên)"],
    [None, "Nguyễn Văn Lập", None, None, None, None, None, None, "Trần Văn Chủ"],
]


def test_totals_and_signature_rows_are_skipped_counted_and_named(runner, cli, tmp_path):
    rows = [citizen(f"CD-{n}", 8) for n in range(1, 20)] + [citizen("CD-20", 8)[:1] + ["Cộng"] + citizen("CD-20", 8)[2:]]
    book = footer_workbook(tmp_path / "xa.xlsx", rows, TOTALS_AND_SIGNATURES)
    batch = score_files("cong-dan-hoc-tap", [book])
    results = list(batch.results())
    assert len(results) == 20 and all(r.ok for r in results)      # the citizen named Cộng is a record
    c = batch.counts
    assert (c.read, c.scored, c.rejected, c.skipped) == (25, 20, 0, 5) and c.balanced
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 20
    assert "đã đọc 25 hồ sơ: 20 được chấm, 0 bị loại, 5 bỏ qua" in result.stderr
    assert ("bỏ qua 5 dòng cuối bảng (không phải hồ sơ): Tổng cộng, Tân Lập, ngày 15 tháng 12 năm…, Người lập biểu, "
            "(Ký, ghi rõ họ tên), Nguyễn Văn Lập") in result.stderr
    report = tmp_path / "bc.json"
    runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(book), "-o", str(report)])
    assert json.loads(report.read_text(encoding="utf-8"))["counts"] == {"read": 25, "scored": 20, "rejected": 0, "skipped": 5}


def test_a_sheet_ending_under_its_signatures_gives_the_same_rows_read_alone_or_with_the_next_sheet(tmp_path):
    """The signer's name under the first sheet's table stays a footer row when the next sheet's records
    follow it in the same run: it was rejected ('no id') with --sheet '*' and skipped with the sheet alone."""
    rows = [citizen(f"CD-{n}", 8) for n in range(1, 4)]
    book = footer_workbook(tmp_path / "huyen.xlsx", rows, TOTALS_AND_SIGNATURES)
    wb = openpyxl.load_workbook(book)
    other = wb.create_sheet("Xã Hòa Bình")
    for cells in [*wb[SHEET].iter_rows(max_row=3, values_only=True)]:
        other.append(list(cells))
    for row in rows:
        other.append(row)
    wb.save(book)
    alone = score_files("cong-dan-hoc-tap", [book], sheet=SHEET)
    alone_results = list(alone.results())
    both = score_files("cong-dan-hoc-tap", [book], sheet="*")
    both_results = list(both.results())
    assert [r.ok for r in alone_results] == [True] * 3 and [r.ok for r in both_results] == [True] * 6
    assert (alone.counts.skipped, both.counts.skipped) == (5, 5) and both.counts.rejected == 0


SIGNATURES_FROM_THE_ID_COLUMN = [
    ["Tổng cộng", None, None, None, *[48] * 10],
    ["Người lập biểu", None, None, None, None, None, None, None, "Trưởng thôn"],
    ["(Ký, ghi rõ họ tên)", None, None, None, None, None, None, None, "(Ký, ghi rõ họ tên)"],
    [],
    ["Nguyễn Thị Hoa", None, None, None, None, None, None, None, "Bùi Văn Khánh"],
]


def test_the_signers_names_typed_in_the_id_column_are_skipped_not_rejected_as_a_record(runner, cli, tmp_path):
    """A village head's signature block starts in column A, the id's: the signers' names under it were
    rejected as a record whose id was 'Nguyễn Thị Hoa' ('1.4' phải là một số…, 'Bùi Văn Khánh'), on the
    council's list of rejected records."""
    rows = [citizen(f"CD-{n}", 8) for n in range(1, 7)]
    book = footer_workbook(tmp_path / "thon.xlsx", rows, SIGNATURES_FROM_THE_ID_COLUMN)
    batch = score_files("cong-dan-hoc-tap", [book])
    assert [(r.id, r.ok) for r in batch.results()] == [(f"CD-{n}", True) for n in range(1, 7)]
    c = batch.counts
    assert (c.read, c.scored, c.rejected, c.skipped) == (10, 6, 0, 4) and c.balanced
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert ("bỏ qua 4 dòng cuối bảng (không phải hồ sơ): Tổng cộng, Người lập biểu, (Ký, ghi rõ họ tên), "
            "Nguyễn Thị Hoa") in result.stderr


def test_a_record_after_the_signers_names_gives_them_back_and_a_record_named_so_is_still_scored(tmp_path):
    """The names are held as the signer's name in another column is: a record after them makes them rows
    again (rejected, never hidden); a record whose id is a name but whose inputs are filled is a record."""
    path = tmp_path / "x.csv"
    head = "id,ho_ten,group," + ",".join(INDICATORS)
    line = lambda *cells: ",".join([*cells, *[""] * (13 - len(cells))])  # noqa: E731
    path.write_text("\n".join([head, line("A", "An", "1", *["8"] * 10), line("Người lập biểu", *[""] * 9, "Trưởng thôn"),
                               line("Nguyễn Thị Hoa", *[""] * 9, "Bùi Văn Khánh"), line("B", "Bình", "1", *["8"] * 10),
                               line("Tổng cộng"), line("Trần Văn Lâm", "Lâm", "1", *["8"] * 10), ""]), encoding="utf-8")
    batch = score_files("cong-dan-hoc-tap", [path])
    assert [(r.id, r.ok) for r in batch.results()] == [("A", True), ("Nguyễn Thị Hoa", False), ("B", True),
                                                      ("Trần Văn Lâm", True)]
    assert batch.counts.skipped == 2 and batch.counts.balanced


def test_a_subtotal_between_groups_is_skipped_but_a_row_without_id_before_a_record_is_still_rejected(tmp_path):
    path = tmp_path / "x.csv"
    head = "id,ho_ten,group," + ",".join(INDICATORS)
    line = lambda rid, name: f"{rid},{name},1," + ",".join(["8"] * 10)  # noqa: E731
    path.write_text("\n".join([head, line("A", "An"), ",Cộng:," + ",".join([""] * 10), ",Tống Văn Quên,1," + ",".join(["8"] * 10),
                               line("B", "Bình"), ",Cộng đồng,1," + ",".join(["8"] * 10), ""]), encoding="utf-8")
    batch = score_files("cong-dan-hoc-tap", [path])
    results = list(batch.results())
    assert [(r.id, r.ok) for r in results] == [("A", True), (None, False), ("B", True), (None, False)]
    assert batch.counts.skipped == 1 and batch.counts.skipped_rows == [(f"{path}:3", "Cộng:")]


def numbered_list(path, rows, then, total_column=True):
    """A list prepared as councils do: 'STT' first, the people, then rows numbered ahead (``then``:
    each row's cells after the STT), with a '=SUM' total on every row when ``total_column``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã số", "Họ và tên", "Nhóm đối tượng", *INDICATORS, *(["Tổng điểm"] if total_column else [])])
    for n, cells in enumerate([*rows, *then], start=1):
        cells = cells + [None] * (13 - len(cells))
        ws.append([n, *cells, *([f"=SUM(E{n + 1}:N{n + 1})"] if total_column else [])])
    wb.save(path)
    return path


def test_rows_numbered_ahead_with_nothing_filled_are_skipped_and_said_once(runner, cli, tmp_path):
    """STT 3…10 typed before the people are listed (with a total that finds nothing) were rejected one by one
    for having no id, and the run exited 1."""
    people = [["K-1", "A", 1, *[9] * 10], ["K-2", "B", 1, *[8] * 10]]
    book = numbered_list(tmp_path / "ds.xlsx", people, [[]] * 8)
    save_cached_value(book, "O5", "0")   # as Excel saves it: a total of nothing is 0 (or blank, never calculated)
    save_cached_value(book, "O3", "90")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert "đã đọc 10 hồ sơ: 2 được chấm, 0 bị loại, 8 bỏ qua" in result.stderr
    assert f"bỏ qua 8 dòng chỉ có số thứ tự, chưa điền gì (không phải hồ sơ): {book}:Sheet!4–11\n" in result.stderr
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl", "--lang", "en"])
    assert "skipped 8 rows holding only a row number (STT), nothing filled in (not records): " in english.stderr
    csv = tmp_path / "ds.csv"   # the same list saved as CSV: the rows hold their number alone
    csv.write_text("STT,Mã số,Họ và tên,Nhóm đối tượng," + ",".join(INDICATORS) + "\n1,K-1,A,1," + ",".join(["9"] * 10)
                   + "\n2,K-2,B,1," + ",".join(["8"] * 10) + "\n" + "".join(f"{n}" + "," * 13 + "\n" for n in range(3, 11)),
                   encoding="utf-8")
    batch = score_files("cong-dan-hoc-tap", [csv])
    assert [r.id for r in batch.results()] == ["K-1", "K-2"]
    c = batch.counts
    assert (c.read, c.scored, c.rejected, c.skipped) == (10, 2, 0, 8) and c.balanced


def test_a_numbered_row_with_anything_else_in_it_is_still_a_record(tmp_path):
    book = numbered_list(tmp_path / "ds.xlsx", [["K-1", "A", 1, *[9] * 10]], [
        [None, "Nguyễn Văn C"],             # row 3: a name, no id: rejected for its id
        [None, None, None, 7],              # row 4: one input
        [None, None, 2],                    # row 5: a group
        [],                                 # row 6: the total found something (saved below): data elsewhere
        [],                                 # row 7: number alone: skipped
    ])
    save_cached_value(book, "O6", "12")
    batch = score_files("cong-dan-hoc-tap", [book])
    results = list(batch.results())
    assert [(r.where.rsplit("!", 1)[1], r.ok) for r in results] == [("2", True), ("3", False), ("4", False), ("5", False),
                                                                      ("6", False)]
    assert batch.counts.skipped_rows and [w for w, _ in batch.counts.skipped_rows] == [f"{book}:Sheet!7"]


def test_group_heading_rows_are_skipped_and_named_but_a_record_never_is(runner, cli, tmp_path):
    """'I | Thôn Đoài' merged across the row (the usual list layout) became a record with id 'Thôn Đoài', rejected
    with eleven 'thiếu …' messages."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(["STT", "Mã số", "Họ và tên", "Nhóm đối tượng", *INDICATORS])
    ws.append(["I", "Thôn Đoài"])
    ws.merge_cells("B2:N2")
    ws.append([1, "S-1", "Nguyễn A", 1, *[9] * 10])
    ws.append(["II", None, "Thôn Thượng"])          # the name in another column: a heading too
    ws.append([2, "S-2", "Trần C", 2, *[9] * 10])
    ws.append(["A", "KT01"])                         # an id shaped like one: a record (rejected), never hidden
    ws.append(["B", "Khối THCS", "Lê D"])            # two texts: a record
    ws.append(["III", "Thôn Hạ", None, None, 8])     # an input: a record
    wb.save(tmp_path / "ds.xlsx")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(tmp_path / "ds.xlsx"), "-f", "jsonl"])
    assert "đã đọc 7 hồ sơ: 2 được chấm, 3 bị loại, 2 bỏ qua" in result.stderr
    assert (f"bỏ qua 2 dòng tiêu đề nhóm (không phải hồ sơ): {tmp_path / 'ds.xlsx'}:DS!2 (I Thôn Đoài), "
            f"{tmp_path / 'ds.xlsx'}:DS!4 (II Thôn Thượng)\n") in result.stderr
    rejected = [json.loads(line)["id"] for line in result.stdout.splitlines() if '"error"' in line]
    assert rejected == ["KT01", "Khối THCS", "Thôn Hạ"]


def test_as_of_record_without_a_date_column_does_not_read_title_rows_as_records(runner, cli, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, None, "Độc lập - Tự do - Hạnh phúc"])
    ws.append(["UBND XÃ TÂN LẬP", None, None, "Tân Lập, ngày 10 tháng 12 năm 2024"])
    ws.append(["id", "group", *INDICATORS])
    ws.append(["CD-1", 1, *[8] * 10])
    ws.append(["CD-2", 1, *[9] * 10])
    wb.save(tmp_path / "x.xlsx")
    batch = score_files("cong-dan-hoc-tap", [tmp_path / "x.xlsx"], as_of="record")
    results = list(batch.results())
    assert [r.id for r in results] == ["CD-1", "CD-2"] and batch.counts.read == 2
    assert all("không có ngày đánh giá" in r.error for r in results)


# --- every sheet, or a clear choice (issue 12, item 4) ----------------------------------------

def district_workbook(path):
    """Three communes, one visible sheet each, the same ids in each; a hidden list sheet and a notes sheet."""
    wb = openpyxl.Workbook()
    wb.active.title = "Danh mục"
    wb.active.append(["Nhóm", "Tên"])
    wb.active.sheet_state = "hidden"
    for name, points in (("Xã A", 9), ("Xã B", 4), ("Xã C", 8)):
        ws = wb.create_sheet(name)
        ws.append([f"DANH SÁCH {name.upper()}"])
        ws.append(["Mã số", "Nhóm đối tượng", *[f"Chỉ số {i}" for i in INDICATORS]])
        for n in (1, 2):
            ws.append([f"CD-{n}", 1, *[points] * 10])
    wb.create_sheet("Hướng dẫn").append(["Điền mỗi người một dòng"])
    wb.save(path)
    return path


def test_one_sheet_read_warns_naming_the_others_that_hold_records(runner, cli, tmp_path):
    book = district_workbook(tmp_path / "huyen.xlsx")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert "trang tính 'Xã B', 'Xã C' cũng có bảng dữ liệu nhưng KHÔNG được đọc" in result.stderr
    assert "--sheet '*'" in result.stderr and "Hướng dẫn" not in result.stderr
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl", "--lang", "en"])
    assert "sheets 'Xã B', 'Xã C' also hold a table but were NOT read" in english.stderr
    assert "trang tính" not in english.stderr


def test_an_instructions_sheet_in_front_names_the_sheets_that_hold_the_records(runner, cli, tmp_path):
    """The first visible sheet is read by default; when it is the instructions, the error said only 'check the
    sheet (--sheet)', not that every village's sheet behind it has a table."""
    book = district_workbook(tmp_path / "huyen.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.move_sheet("Hướng dẫn", offset=-3)
    wb.save(book)
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"lỗi: {book}: trang đầu tiên 'Hướng dẫn' (trang được đọc khi không chọn trang) không có bảng hồ sơ; "
        "trang tính 'Xã A', 'Xã B', 'Xã C' có bảng: thêm --sheet '*' để đọc mọi trang, hoặc --sheet TÊN cho từng "
        "trang cần đọc")
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--lang", "en"])
    assert english.stderr.strip() == (
        f"error: {book}: the first sheet 'Hướng dẫn' (read when no sheet is chosen) holds no records table; sheets "
        "'Xã A', 'Xã B', 'Xã C' have one: add --sheet '*' to read every visible sheet, or --sheet NAME for each one")
    every = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--sheet", "*", "-f", "jsonl"])
    assert every.exit_code == 0 and len(every.stdout.splitlines()) == 6


def test_sheet_given_for_csv_files_only_is_said_to_apply_to_workbooks_only(runner, cli, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("id,group," + ",".join(INDICATORS) + ",tu_danh_gia_ket_qua\nA,1," + ",".join(["8"] * 10) + ",dat\n",
                    encoding="utf-8")
    for command in ("score", "report", "verify"):
        result = runner.invoke(cli, [command, "-c", "cong-dan-hoc-tap", str(path), "--sheet", "Xã A"])
        assert ("cảnh báo: --sheet 'Xã A' chỉ dùng cho tệp Excel (.xlsx): không tệp nào đã cho là sổ Excel, nên --sheet "
                "bị bỏ qua") in result.stderr, command
    plain = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path)])
    assert "--sheet" not in plain.stderr


def test_every_sheet_is_read_with_a_star_and_the_same_ids_in_two_sheets_are_two_records(runner, cli, tmp_path):
    book = district_workbook(tmp_path / "huyen.xlsx")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--sheet", "*", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(x["id"], x["where"]) for x in lines] == [
        (f"CD-{n}", f"{book}:{s}!{n + 2}") for s in ("Xã A", "Xã B", "Xã C") for n in (1, 2)]
    assert "'Hướng dẫn' không có bảng hồ sơ" in result.stderr and "KHÔNG được đọc" not in result.stderr
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--sheet", "*", "--lang", "en"])
    assert "sheet 'Hướng dẫn' holds no records table (no header row found): skipped" in english.stderr
    twice = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--sheet", "Xã A", "--sheet", "xã c",
                                "-f", "jsonl"])
    assert [json.loads(x)["where"].split(":")[-1] for x in twice.stdout.splitlines()] == ["Xã A!3", "Xã A!4", "Xã C!3", "Xã C!4"]


def test_report_by_sheet_groups_the_communes(runner, cli, tmp_path):
    book = district_workbook(tmp_path / "huyen.xlsx")
    out = tmp_path / "bc.json"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(book), "--sheet", "*", "--by", "sheet",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    by = json.loads(out.read_text(encoding="utf-8"))["by"]["sheet"]
    assert [(row["sheet"], row["dat"], row["chua_dat"]) for row in by] == [("Xã A", 2, 0), ("Xã B", 0, 2), ("Xã C", 2, 0)]


def test_by_sheet_is_headed_trang_tinh_where_a_person_reads_it(runner, cli, tmp_path):
    """Before, '--by sheet' put the English word on the screen ('Theo sheet:', a column 'sheet') and
    in the signed workbook (tab 'Theo sheet', 'TỔNG HỢP THEO SHEET', a column 'sheet' on the list
    and the results). The option's value and the JSON keys stay 'sheet' (above)."""
    book = district_workbook(tmp_path / "huyen.xlsx")
    out = tmp_path / "bc.xlsx"
    args = ["report", "-c", "cong-dan-hoc-tap", str(book), "--sheet", "*", "--by", "sheet", "--giu-cot", "Nhóm đối tượng"]
    result = runner.invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Theo Trang tính:" in lines and "Theo sheet:" not in lines
    assert lines[lines.index("Theo Trang tính:") + 2].startswith("Trang tính ")
    book_out = openpyxl.load_workbook(out)
    assert "Theo Trang tính" in book_out.sheetnames
    cells = {c for ws in book_out for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert "TỔNG HỢP THEO TRANG TÍNH" in cells and "Trang tính" in cells
    assert not {c for c in cells if "sheet" in c.casefold()}
    for name in ("Danh sách công nhận", "Kết quả"):
        header = next(r for r in book_out[name].iter_rows(values_only=True) if r[0] == "STT")
        assert "Trang tính" in header and "sheet" not in header
    english = runner.invoke(cli, ["--lang", "en", *args]).stdout.splitlines()
    assert "By Sheet:" in english


# --- ids per file (issue 12, item 8) ----------------------------------------------------------

def test_two_commune_files_with_the_same_ids_are_both_scored_and_say_which_file(runner, cli, tmp_path):
    a = council_workbook(tmp_path / "xa-a.xlsx", [citizen("CD-001", 9), citizen("CD-002", 8)])
    b = council_workbook(tmp_path / "xa-b.xlsx", [citizen("CD-001", 4), citizen("CD-001", 8)])
    batch = score_files("cong-dan-hoc-tap", [a, b])
    results = list(batch.results())
    assert [(r.id, r.ok) for r in results] == [("CD-001", True), ("CD-002", True), ("CD-001", True), ("CD-001", False)]
    assert f"mã 'CD-001' trùng với hồ sơ ở {b}:{SHEET}!4" in results[3].error
    table = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(a), str(b)])
    assert "Tệp" in table.stdout.splitlines()[0] and "xa-b.xlsx" in table.stdout
    out = tmp_path / "bc.json"
    runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(a), str(b), "--by", "file", "-o", str(out)])
    by = json.loads(out.read_text(encoding="utf-8"))["by"]["file"]
    assert [(row["file"], row["total"]) for row in by] == [("xa-a.xlsx", 2), ("xa-b.xlsx", 2)]


# --- one set of options (issue 12, item 9) ---------------------------------------------------

def test_report_verify_and_explain_take_a_model_as_of_and_store_as_score_does(runner, cli, tmp_path):
    book = council_workbook(tmp_path / "ho-so.xlsx", [citizen("CD-1", 9, claimed_total=90, claimed_outcome="Đạt"),
                                                      citizen("CD-2", 4, claimed_total=40, claimed_outcome="Đạt")])
    store = tmp_path / "runs.sqlite3"
    for command, code in (("score", 0), ("verify", 1), ("report", 0), ("explain", 0)):   # verify: CD-2 claims Đạt
        result = runner.invoke(cli, [command, "-c", "cong-dan-hoc-tap", "--as-of", "2023-06-30", str(book),
                                     "--store", str(store), "--sheet", SHEET])
        assert result.exit_code == code, (command, result.output)
        assert "cong-dan-hoc-tap-qd244" in result.stderr, (command, result.stderr)
        assert "đã lưu lượt chấm" in result.stderr
    runs = runner.invoke(cli, ["runs", "--store", str(store)])
    assert runs.exit_code == 0 and len(runs.stdout.splitlines()) == 2 + 4
    by_record = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tinh", str(book)])
    assert by_record.exit_code == 2 and "--as-of NGÀY" in by_record.stderr


# --- level packs show every blocker (issue 12, item 7) ---------------------------------------

TT24 = Path(__file__).resolve().parent.parent / "examples" / "don-vi-hoc-tap-tt24-tinh.jsonl"
TT24_BLOCKERS = ("tỷ lệ người học đạt danh hiệu Công dân học tập là 95,5%, cần ít nhất 97%",
                 "là Mức đáp ứng cơ bản, cần Mức đáp ứng tốt trở lên")


def test_a_level_pack_table_keeps_every_blocker(runner, cli):
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh", str(TT24)])
    row = result.stdout[result.stdout.index("DV-006"):].split("\nDV-")[0]   # the reason column wraps
    line = " ".join(row.split())
    assert all(b in line for b in TT24_BLOCKERS), line
    assert "chưa đạt “Mức độ 2” vì" in line and "tc3_" not in line   # labels, not codes, in the sentence


def test_a_level_pack_workbook_and_csv_have_each_indicator_s_value_and_status(runner, cli, tmp_path):
    out, csv_out = tmp_path / "kq.xlsx", tmp_path / "kq.csv"
    for target in (out, csv_out):
        assert runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh", str(TT24), "-o", str(target)]).exit_code == 0
    rows = list(openpyxl.load_workbook(out)["Kết quả"].iter_rows(values_only=True))
    header, dv2 = rows[0], dict(zip(rows[0], next(r for r in rows if r[0] == "DV-006")))
    # the columns are headed by the indicators' names ('3.4 Mức độ chuyển đổi số … — Mức độ 2'), not codes
    named = indicator_titles(resolve_pack("don-vi-hoc-tap-tt24-tinh").pack, "vi")
    ct4, learners = named["tc3_ct4_md2"], named["tc3_ct1_nguoi_hoc_md2"]
    assert ct4.startswith("3.4 Mức độ chuyển đổi số") and ct4.endswith("— Mức độ 2")
    assert f"Tình trạng: {ct4}" in header and header.index(f"Tình trạng: {ct4}") > header.index(ct4)
    assert not any("tc3_" in h for h in header)
    assert (dv2[learners], dv2[f"Tình trạng: {learners}"]) == (95.5, "chưa đạt")
    assert (dv2[ct4], dv2[f"Tình trạng: {ct4}"]) == ("Mức đáp ứng cơ bản", "chưa đạt")
    assert dv2[f"Tình trạng: {named['tc1_ct1']}"] == "đạt"
    assert all(b in dv2["Lý do"] for b in TT24_BLOCKERS)
    import csv
    with open(csv_out, encoding="utf-8-sig") as f:
        line = next(r for r in csv.DictReader(f) if r["Mã"] == "DV-006")
    assert (line[learners], line[f"Tình trạng: {learners}"]) == ("95.5", "chưa đạt")


# --- goal counts over the whole population (issue 12, item 6) --------------------------------

def staff_file(path, rows):
    """Staff rows (id, cong_dan_hoc_tap, ky_nang_so) for the Lạng Sơn plan."""
    path.write_text("id,cong_dan_hoc_tap,ky_nang_so,thanh_thao_ky_nang_so\n"
                    + "".join(f"{rid},{title},{skill},{skill}\n" for rid, title, skill in rows), encoding="utf-8")
    return path


def test_ten_staff_three_unreadable_five_qualifying_is_undetermined_not_met(runner, cli, tmp_path):
    rows = ([(f"S{n}", "dat", "có") for n in range(5)] + [(f"S{n}", "chua_dat", "không") for n in range(5, 7)]
            + [(f"S{n}", "đạt rồi?", "có") for n in range(7, 10)])
    path = staff_file(tmp_path / "staff.csv", rows)
    result = runner.invoke(cli, ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(path), "-f", "json",
                                 "--check"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == "hoctap.goals/3"
    cdht = report["targets"][0]
    assert (cdht["id"], cdht["status"], cdht["met"]) == ("cdht", "undetermined", None)
    assert (cdht["numerator"], cdht["denominator"], cdht["actual_pct"], cdht["upper_pct"]) == (5, 10, 50.0, 80.0)
    assert cdht["unevaluable"] == ["S7", "S8", "S9"]
    assert "chưa xác định: 5/10 = 50% (nếu 3 hồ sơ không đánh giá được đều không đạt) đến 8/10 = 80%" in cdht["reason"]
    table = runner.invoke(cli, ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(path)])
    line = next(x for x in table.stdout.splitlines() if x.startswith("cdht"))
    assert "5/10 = 50% … 8/10 = 80%" in line and "chưa xác định" in line and "đạt " not in line.split("80%")[-1][:12]


@pytest.mark.parametrize("qualifying,failing,unreadable,status", [
    (9, 0, 1, "met"),           # 9/10 = 90% even if the unreadable row fails
    (2, 3, 1, "not_met"),       # 3/6 = 50% even if it qualifies
    (5, 3, 1, "undetermined"),  # 5/9 = 55.6% if it fails, 6/9 = 66.7% if it qualifies
    (6, 3, 1, "met"),           # 6/10 = 60% at the lower bound: met
])
def test_a_target_is_decided_only_when_the_unevaluable_rows_cannot_change_it(tmp_path, qualifying, failing,
                                                                             unreadable, status):
    from scoring import goal_report
    rows = ([(f"Q{n}", "dat", "có") for n in range(qualifying)] + [(f"F{n}", "chua_dat", "có") for n in range(failing)]
            + [(f"U{n}", "???", "có") for n in range(unreadable)])
    report = goal_report("muc-tieu-langson-stnmt-2024", [staff_file(tmp_path / "s.csv", rows)], 2025)
    cdht = report.targets[0]
    assert cdht.status == status and cdht.denominator == qualifying + failing + unreadable
    assert report.counts == {"read": qualifying + failing + unreadable, "evaluated": qualifying + failing,
                             "rejected": unreadable, "skipped": 0}


def test_a_rejected_row_certainly_outside_a_target_s_population_stays_out_of_it(tmp_path):
    from scoring import goal_report
    # 'ky-nang-so' counts among holders of the title: a rejected row whose title reads 'chua_dat' is not one
    rows = [("A", "dat", "có"), ("B", "dat", "có"), ("C", "chua_dat", "có")]
    path = staff_file(tmp_path / "s.csv", rows)
    path.write_text(path.read_text(encoding="utf-8") + "D,chua_dat,có,không biết\n", encoding="utf-8")
    report = goal_report("muc-tieu-langson-stnmt-2024", [path], 2025)
    by_id = {t.id: t for t in report.targets}
    assert report.counts["rejected"] == 1
    assert by_id["cdht"].unevaluable == ("D",) and by_id["cdht"].denominator == 4
    assert by_id["ky-nang-so"].unevaluable == () and by_id["ky-nang-so"].denominator == 2


def test_goals_read_every_sheet_of_a_district_workbook_under_its_title_rows(runner, cli, tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, titles in (("Phòng A", ["dat", "dat"]), ("Phòng B", ["dat", "chua_dat"])):
        ws = wb.create_sheet(name)
        ws.append(["DANH SÁCH CÔNG CHỨC", None, "Năm 2025"])   # two cells: not a header of the goal pack's columns
        ws.append(["id", "cong_dan_hoc_tap", "ky_nang_so"])
        for n, title in enumerate(titles, start=1):
            ws.append([f"NV-{n}", title, "có"])
        ws.append([None, "Tổng cộng"])
    wb.save(tmp_path / "so.xlsx")
    one = runner.invoke(cli, ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(tmp_path / "so.xlsx"),
                              "-f", "json"])
    assert "'Phòng B' cũng có bảng dữ liệu nhưng KHÔNG được đọc" in one.stderr
    every = runner.invoke(cli, ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(tmp_path / "so.xlsx"),
                                "--sheet", "*", "-f", "json"])
    report = json.loads(every.stdout)
    assert report["counts"] == {"read": 6, "evaluated": 4, "rejected": 0, "skipped": 2}
    assert (report["targets"][0]["numerator"], report["targets"][0]["denominator"]) == (3, 4)


def test_an_id_that_opens_like_a_signature_is_still_a_record(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,ho_ten,group," + ",".join(INDICATORS) + "\n" + "".join(
        f"{rid},Cộng,1," + ",".join(["8"] * 10) + "\n" for rid in ("KT.01", "TM-5", "CD 7")), encoding="utf-8")
    batch = score_files("cong-dan-hoc-tap", [path])
    assert [(r.id, r.ok) for r in batch.results()] == [("KT.01", True), ("TM-5", True), ("CD 7", True)]
    assert batch.counts.skipped == 0


def test_a_stored_run_of_a_sheet_with_a_footer_verifies_against_the_original_file(runner, cli, tmp_path):
    book = footer_workbook(tmp_path / "xa.xlsx", [citizen(f"CD-{n}", 8) for n in range(1, 4)], TOTALS_AND_SIGNATURES)
    store = tmp_path / "runs.sqlite3"
    scored = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--store", str(store), "-f", "jsonl"])
    assert scored.exit_code == 0 and "5 bỏ qua" in scored.stderr
    run_id = json.loads(scored.stdout.splitlines()[0])["provenance"]["run_id"]
    checked = runner.invoke(cli, ["audit", "verify", run_id, "--against", str(book), "--store", str(store)])
    assert checked.exit_code == 0, checked.output   # the footer rows are no 'rows missing from the store'


def test_a_column_merged_down_over_its_people_gives_each_row_the_merged_value(runner, cli, tmp_path):
    """A council merges 'Nhóm' (or 'Xã') over the people it holds; Excel shows the value on every row of
    the merge, so each row is read with it (and the run says so), never rejected as blank."""
    rows = [citizen(f"CD-{n}", 8, group=2) for n in range(1, 6)]
    book = council_workbook(tmp_path / "gop.xlsx", rows)
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Mã số")
    column = next(c for c in range(1, 20) if ws.cell(header, c).value == "Nhóm đối tượng")
    letter = openpyxl.utils.get_column_letter(column)
    first = header + 1
    for r in range(first + 1, first + 5):
        ws.cell(r, column).value = None
    ws.merge_cells(f"{letter}{first}:{letter}{first + 2}")   # rows 1-3 of the table
    ws.cell(first + 3, column).value = 3
    ws.merge_cells(f"{letter}{first + 3}:{letter}{first + 4}")   # rows 4-5, another group
    wb.save(book)
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == [f"CD-{n}" for n in range(1, 6)]
    assert "bị loại" not in result.stderr.split("đã đọc")[-1].replace("0 bị loại", "")
    assert f"ô gộp theo cột {letter}{first}:{letter}{first + 2}, {letter}{first + 3}:{letter}{first + 4}" in result.stderr
    groups = [r.scored.values["group"] for r in score_files("cong-dan-hoc-tap", [book]).results()]
    assert groups == ["2", "2", "2", "3", "3"]


# --- what a sheet holds besides its table: the header again, a summary, hidden rows -------------

def test_a_repeated_header_row_is_skipped_said_once_and_the_rows_after_it_are_read(runner, cli, tmp_path):
    """A second commune's list pasted under the first, its header row with it (one header in capitals, as
    a council retypes it): the header row was rejected as a record with id 'Mã số'; the counts balanced but
    the council saw a 'person' called Mã số."""
    first = [citizen(f"CD-{n}", 8) for n in range(1, 4)]
    second = [citizen(f"HB-{n}", 7, xa="Xã Hòa Bình") for n in range(1, 3)]
    shouted = [h.upper() for h in HEADER]
    book = council_workbook(tmp_path / "huyen.xlsx", [*first, None, HEADER, *second, None, shouted, citizen("HB-9", 9)])
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["CD-1", "CD-2", "CD-3", "HB-1", "HB-2", "HB-9"]
    assert "đã đọc 8 hồ sơ: 6 được chấm, 0 bị loại, 2 bỏ qua" in result.stderr
    assert (f"bỏ qua 2 dòng lặp lại dòng tiêu đề cột (không phải hồ sơ; các dòng sau vẫn được đọc theo cùng các cột): "
            f"{book}:{SHEET}!8, {book}:{SHEET}!12\n") in result.stderr
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl", "--lang", "en"])
    assert "skipped 2 rows repeating the header row (not records; the rows below are read with the same columns)" \
        in english.stderr
    csv = tmp_path / "huyen.csv"   # the same list saved as CSV
    line = lambda cells: ",".join("" if c is None else str(c) for c in cells)  # noqa: E731
    csv.write_text("\n".join(line(r) for r in [HEADER, *first, HEADER, *second, shouted, citizen("HB-9", 9)]) + "\n",
                   encoding="utf-8")
    batch = score_files("cong-dan-hoc-tap", [csv])
    assert [r.id for r in batch.results()] == ["CD-1", "CD-2", "CD-3", "HB-1", "HB-2", "HB-9"]
    c = batch.counts
    assert (c.read, c.scored, c.rejected, c.skipped) == (8, 6, 0, 2) and c.balanced
    assert [where for where, _ in c.skipped_rows] == [f"{csv}:5", f"{csv}:8"]


def test_a_row_holding_a_record_s_values_beside_header_texts_is_still_a_record(tmp_path):
    """Only a row whose every filled cell is its own column's header is one: a person named like a column
    ('Xã' in the column 'Xã' beside a real id) stays a record."""
    rows = [citizen("CD-1", 8), ["Mã số", "Họ và tên", "Xã", "Nhóm đối tượng", 8]]
    book = council_workbook(tmp_path / "xa.xlsx", rows)
    batch = score_files("cong-dan-hoc-tap", [book])
    results = list(batch.results())
    assert [(r.id, r.ok) for r in results] == [("CD-1", True), ("Mã số", False)] and batch.counts.skipped == 0


def test_a_second_table_with_its_columns_in_other_places_is_refused_naming_the_row(runner, cli, tmp_path):
    """Its rows would be read into the first table's columns: a person's points scored as another indicator's."""
    moved = [HEADER[1], HEADER[0], *HEADER[2:]]   # 'Họ và tên' first, then 'Mã số'
    book = council_workbook(tmp_path / "huyen.xlsx", [citizen("CD-1", 8), moved, ["Người HB-1", "HB-1", "Xã Hòa Bình", 1,
                                                                                 *[7] * 10]])
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 2
    assert (f"{book}: trang tính '{SHEET}' dòng 5: dòng này lặp lại tên các cột của bảng nhưng ở cột khác") in result.stderr
    assert "Traceback" not in result.output
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl", "--lang", "en"])
    assert f"sheet '{SHEET}' row 5: this row repeats the table's column names, but in other columns" in english.stderr


def test_a_summary_table_under_the_list_is_skipped_but_a_record_after_it_is_not(runner, cli, tmp_path):
    """'Số người | Đạt | Chưa đạt' over '4 | 4 | 0' under the list were rejected as two records ('Số người', '4')."""
    rows = [citizen(f"CD-{n}", 8) for n in range(1, 5)]
    book = council_workbook(tmp_path / "xa.xlsx", [*rows, None, ["Số người", "Đạt", "Chưa đạt"], [4, 4, 0]])
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert "đã đọc 6 hồ sơ: 4 được chấm, 0 bị loại, 2 bỏ qua" in result.stderr
    assert "bỏ qua 2 dòng cuối bảng (không phải hồ sơ): Số người, 4" in result.stderr
    # the same numbers with a record after them: they were no summary, and are given back (rejected as before)
    book = council_workbook(tmp_path / "xa2.xlsx", [*rows, ["Số người", "Đạt", "Chưa đạt"], [4, 4, 0], citizen("CD-5", 8)])
    batch = score_files("cong-dan-hoc-tap", [book])
    assert [(r.id, r.ok) for r in batch.results()] == [*[(f"CD-{n}", True) for n in range(1, 5)], ("4", False),
                                                        ("CD-5", True)]
    assert (batch.counts.skipped, batch.counts.rejected) == (1, 1) and batch.counts.balanced


def hidden_rows_workbook(path, hidden):
    book = council_workbook(path, [citizen(f"CD-{n}", 8, claimed_total=80) for n in range(1, 12)] + [None, None])
    wb = openpyxl.load_workbook(book)
    for r in hidden:
        wb[SHEET].row_dimensions[r].hidden = True
    wb[SHEET].column_dimensions["C"].hidden = True   # a hidden column is no hidden row
    wb.save(book)
    return book


def test_hidden_rows_are_scored_and_said_once_in_score_and_verify(runner, cli, tmp_path):
    """Rows hidden by hand or by a filter were scored without a word: the council counts what it sees."""
    book = hidden_rows_workbook(tmp_path / "an.xlsx", hidden=(2, 6, 9, 15))   # 2: above the header; 15: blank
    said = f"{book}: trang tính '{SHEET}' có 2 hàng bị ẩn (dòng 6, 9) vẫn được chấm: bỏ ẩn để xem, hoặc xoá hàng nếu " \
           "không muốn chấm"
    for command in (["score", "-f", "jsonl"], ["verify"]):
        result = runner.invoke(cli, [*command, "-c", "cong-dan-hoc-tap", str(book)])
        assert result.stderr.count(said) == 1, result.stderr
        assert "đã đọc 11 hồ sơ: 11 được chấm" in result.stderr
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl", "--lang", "en"])
    assert f"sheet '{SHEET}' has 2 hidden rows (rows 6, 9), scored all the same: unhide them to see them, or delete the rows that should not be scored" in english.stderr
    to_shared_strings(book)   # as Excel writes it; and as a sheet the fast reader does not read (the XML parser's way)
    data = zipfile.ZipFile(book).read("xl/worksheets/sheet2.xml")
    assert b' hidden="1"' in data
    assert said in runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"]).stderr
    plain = hidden_rows_workbook(tmp_path / "ro.xlsx", hidden=(15,))   # a blank row hidden: nothing to say
    assert "bị ẩn" not in runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(plain), "-f", "jsonl"]).stderr


def test_a_claimed_total_written_with_its_unit_is_read_as_the_points_are(runner, cli, tmp_path):
    """'80 điểm' in the claimed total was 'not a number' to `verify`, while '8 điểm' in a points column was read."""
    book = council_workbook(tmp_path / "tdg.xlsx", [citizen("CD-1", 8, claimed_total="80 điểm"),
                                                    citizen("CD-2", 8, claimed_total="75đ"),
                                                    citizen("CD-3", 8, claimed_total="tám mươi")])
    out = tmp_path / "khac.json"
    result = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(book), "-o", str(out)])
    assert result.exit_code == 1
    assert "CD-1" not in result.stdout and "CD-2" in result.stdout   # the table on screen lists the disagreements
    disagreements = {d["id"]: d["differences"] for d in json.loads(out.read_text(encoding="utf-8"))["disagreements"]}
    assert disagreements == {"CD-2": "tổng điểm: tự đánh giá 75, tính được 80",   # CD-1 claimed the 80 it has
                             "CD-3": "tổng điểm: tự đánh giá tám mươi, tính được 80 (tổng điểm tự đánh giá không phải "
                                     "một số)"}   # a word: still refused, and said
    assert "3 hồ sơ có tự đánh giá: 1 khớp, 2 không khớp" in result.stderr
