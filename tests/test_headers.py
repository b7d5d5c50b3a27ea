"""Headers as councils write them: loose names, title rows, two-row headers, diagnosed once per file."""
from __future__ import annotations

import json

import openpyxl
import pytest

from scoring.errors import InputFileError
from scoring.packs.catalog import shipped_packs
from scoring.records.headers import header_key, id_like, strip_annotation
from scoring.records.validate import RecordValidator

CITIZEN = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]


def _columns(pack_id: str):
    return RecordValidator(shipped_packs()[pack_id].pack).columns


@pytest.mark.parametrize("header, field", [
    ("1.1 (10đ)", "1.1"), ("1.1 (10 điểm)", "1.1"), ("Chỉ số 1.1", "1.1"), ("chỉ số 1.1 (tối đa 10đ)", "1.1"),
    ("CHI SO 2.2", "2.2"), ("3.2 - 10đ", "3.2"), ("1.4 (0-10)", "1.4"), ("Nhom doi tuong", "group"),
    ("Mã CB", "id"), ("Ma CB", "id"), ("Mã số CB", "id"), ("Mã cán bộ", "id"), ("  mã   số  ", "id"),
    ("Mã đơn vị", None), ("Mã xã", None), ("Số CCCD", None), ("Họ và tên", None), ("1.1 (tự chấm)", None),
    ("cs", None), ("2.2 (10đ) (10đ)", "2.2"),
])
def test_citizen_headers(header, field):
    columns = _columns("cong-dan-hoc-tap")
    names = {f"f{i}": inp.name for i, inp in enumerate(shipped_packs()["cong-dan-hoc-tap"].pack.inputs)} | {"id": "id"}
    found = columns.get(header_key(header))
    assert (names[found] if found else None) == field


@pytest.mark.parametrize("header, field", [
    ("Mã đơn vị", "id"), ("Ma don vi", "id"), ("Mã cơ quan", "id"), ("Mã CB", None), ("Số CCCD", None),
    ("TC1 CT1 (có/không)", "tc1_ct1"), ("Loai don vi", "loai_don_vi"),
])
def test_unit_headers(header, field):
    pack = shipped_packs()["don-vi-hoc-tap-tt24-tinh"].pack
    names = {f"f{i}": inp.name for i, inp in enumerate(pack.inputs)} | {"id": "id"}
    found = RecordValidator(pack).columns.get(header_key(header))
    assert (names[found] if found else None) == field


def test_a_commune_is_named_by_its_commune_code():
    assert _columns("cong-dong-hoc-tap-xa").get(header_key("Mã xã")) == "id"
    assert _columns("cong-dan-hoc-tap").get(header_key("Mã xã")) is None   # where a citizen lives, not who


def test_id_like_and_annotations():
    assert id_like("mã đơn vị") and id_like("ma cb") and id_like("id") and not id_like("số cccd")
    assert not id_like("mã định danh") and not id_like("họ tên")
    assert strip_annotation("1.1 (10đ)") == "1.1" and strip_annotation("chỉ số 1.1 (10 điểm)") == "1.1"
    assert strip_annotation("1.1 (tự chấm)") == "1.1 (tự chấm)"   # two columns of one indicator stay apart


def _council_book(path, *, two_rows=True, footer=True, sheets=("Thôn Đoài",)):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for k, name in enumerate(sheets):
        ws = book.create_sheet(name)
        ws.append(["UBND XÃ TÂN LẬP"])
        ws.append(["DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN CÔNG DÂN HỌC TẬP NĂM 2024"])
        ws.append([])
        if two_rows:
            ws.append(["STT", "Mã CB", "Họ và tên", "Nhóm", "Năng lực 1", None, None, None, "Năng lực 2", None, None,
                       None, "Năng lực 3"])
            ws.append([None, None, None, None, *[f"{c} (10đ)" for c in CITIZEN]])
        else:
            ws.append(["STT", "Mã CB", "Họ và tên", "Nhóm", *[f"{c} (10đ)" for c in CITIZEN]])
        for i in range(3):
            ws.append([i + 1, f"CB-{k}{i}", "Nguyễn Văn An", "1", *[8] * 9, 9 - i])
        if footer:
            ws.append(["Tổng cộng", None, None, None, 24])
            ws.append([None, None, "Người lập biểu", None, None, None, "Chủ tịch UBND xã"])
    book.save(path)
    return path


def test_council_workbook_titles_two_row_header_loose_names_footer(runner, cli, tmp_path):
    path = _council_book(tmp_path / "ds.xlsx")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["CB-00", "CB-01", "CB-02"] and [r["total"] for r in rows] == [81, 80, 79]
    notes = [line for line in result.stderr.splitlines() if line.startswith("cảnh báo")]
    assert len(notes) == 3, notes   # once each: titles skipped, header rows joined, loose names read
    assert "bỏ qua 2 dòng phía trên dòng tiêu đề cột (dòng 1–2: 'UBND XÃ TÂN LẬP')" in notes[0]
    assert "tiêu đề hai dòng (dòng 4 và 5)" in notes[1]
    assert "'Mã CB' được hiểu là mã" in notes[2] and "'1.1 (10đ)' là 1.1" in notes[2]
    assert "đã đọc 5 hồ sơ: 3 được chấm, 0 bị loại, 2 bỏ qua" in result.stderr   # in = scored + rejected + skipped


def test_notes_once_per_sheet(runner, cli, tmp_path):
    path = _council_book(tmp_path / "ds.xlsx", two_rows=False, sheets=("Thôn Đoài", "Thôn Thượng"))
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "--sheet", "*", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "được hiểu là mã" in line]
    assert len(notes) == 2 and "Thôn Đoài" in notes[0] and "Thôn Thượng" in notes[1]
    assert len(result.stdout.splitlines()) == 6


def test_a_missing_column_is_one_file_level_error_naming_the_cause(runner, cli, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Mã", "Nhóm", "Điểm", *CITIZEN[1:]])
    ws.append([None, None, "1.1"])   # the header's second row, under a filled cell: not joined
    ws.append(["A1", "1", *[8] * 10])
    ws.append(["A2", "1", *[8] * 10])
    book.save(tmp_path / "hai-dong.xlsx")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(tmp_path / "hai-dong.xlsx")])
    assert result.exit_code == 2
    assert result.output.count("không thấy cột 1.1") == 1 and "tiêu đề hai dòng?" in result.output
    assert "hoctap template -c cong-dan-hoc-tap" in result.output and "Traceback" not in result.output


def test_a_missing_column_with_a_close_header_says_which(runner, cli, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("Mã,Nhóm,Điểm 1.1," + ",".join(CITIZEN[1:]) + "\nA1,1," + ",".join(["8"] * 10) + "\n",
                    encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path)])
    assert result.exit_code == 2 and "cột 'Điểm 1.1' có phải là 1.1?" in result.output


def test_an_identity_number_is_never_the_id(runner, cli, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("Số CCCD,Nhóm," + ",".join(CITIZEN) + "\n001234567890,1," + ",".join(["8"] * 10) + "\n",
                    encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path)])
    assert result.exit_code == 2 and "không thấy cột mã hồ sơ" in result.output
    assert "'Số CCCD' (số giấy tờ tùy thân) không được dùng làm mã" in result.output
    assert "001234567890" not in result.output


def test_two_headers_read_as_one_column_are_refused(runner, cli, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("Mã,Mã CB,Nhóm," + ",".join(CITIZEN) + "\n1,A1,1," + ",".join(["8"] * 10) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path)])
    assert result.exit_code == 2 and "cột thứ 1 ('Mã') và thứ 2 ('Mã CB') đều được hiểu là mã (id)" in result.output


@pytest.mark.parametrize("header, said", [
    (["Mã", "Nhóm đối tượng", *CITIZEN, "Chỉ số 2.2"], "cột H ('2.2') và M ('Chỉ số 2.2') đều được hiểu là 2.2"),
    (["Mã", "Mã số", "Nhóm đối tượng", *CITIZEN], "cột A ('Mã') và B ('Mã số') đều được hiểu là mã (id)"),
])
def test_two_exact_names_of_one_field_are_refused_once_for_the_file_naming_their_columns(runner, cli, tmp_path, header, said):
    """Each row was rejected with "hai cột cùng cho '2.2' ('Chỉ số 2.2' và một tên khác)": one error now, as for two
    identical headers, with the columns' letters."""
    book = openpyxl.Workbook()
    book.active.append(header)
    for n in range(3):
        book.active.append([f"D-{n}", *(["X-9"] if "Mã số" in header else []), 1, *[9] * 10, *([2] if "Chỉ số 2.2" in header else [])])
    book.save(tmp_path / "ds.xlsx")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(tmp_path / "ds.xlsx")])
    assert result.exit_code == 2
    assert result.stderr == f"lỗi: {tmp_path / 'ds.xlsx'}:Sheet: {said}: đổi tên hoặc xoá một cột\n"


def test_csv_title_rows_and_two_row_header(runner, cli, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("UBND XÃ TÂN LẬP;;;;\nDANH SÁCH;;;;\n"
                    "Mã CB;Họ tên;Nhóm;Năng lực 1;;;;Năng lực 2;;;;Năng lực 3;\n"
                    ";;;1.1 (10đ);1.2;1.3;1.4;2.1;2.2;2.3;2.4;3.1;3.2\n"
                    "A1;Nguyễn A;1;8;8;8;8;8;8;8;8;8;8\nTổng cộng;;;;\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["id"] == "A1" and row["total"] == 80 and row["where"].endswith(":5")
    assert "bỏ qua 2 dòng phía trên" in result.stderr and "tiêu đề hai dòng (dòng 3 và 4)" in result.stderr


def test_an_optional_column_missing_is_said_once(runner, cli, tmp_path):
    path = tmp_path / "dv.csv"
    path.write_text("Mã đơn vị,Loại đơn vị,TC1 CT1\nDV1,co_quan_ubnd_tinh,có\nDV2,co_quan_ubnd_tinh,không\n",
                    encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh", str(path), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    missing = [line for line in result.stderr.splitlines() if "không thấy cột" in line]
    assert len(missing) == 1 and "tc1_ct2" in missing[0] and "không có minh chứng" not in missing[0]
    assert "chưa có minh chứng" in missing[0]


def test_library_reader_without_a_pack_is_unchanged(tmp_path):
    """Reading without a pack (the audit's comparison with the original file) finds the same rows."""
    from scoring.records.rows import read_records
    path = _council_book(tmp_path / "ds.xlsx", two_rows=False, footer=False)
    rows = list(read_records(path))
    assert [r.data["Mã CB"] for r in rows] == ["CB-00", "CB-01", "CB-02"]


def test_library_error_type(tmp_path):
    from scoring import score_files
    path = tmp_path / "ds.csv"
    path.write_text("Mã,Nhóm\nA1,1\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="không thấy cột 1.1"):
        list(score_files("cong-dan-hoc-tap", [path]).results())


def test_a_stored_run_of_a_two_row_header_verifies_against_the_original_file(runner, cli, tmp_path):
    book = _council_book(tmp_path / "ds.xlsx")
    store = tmp_path / "runs.sqlite3"
    scored = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--store", str(store), "-f", "jsonl"])
    assert scored.exit_code == 0, scored.output
    run_id = json.loads(scored.stdout.splitlines()[0])["provenance"]["run_id"]
    checked = runner.invoke(cli, ["audit", "verify", run_id, "--against", str(book), "--store", str(store)])
    assert checked.exit_code == 0, checked.output   # read again as scored: same header, same rows


def test_a_header_row_joined_to_the_row_above_it(runner, cli, tmp_path):
    """Only 'Mã đơn vị' is read in the upper row: the lower row (the criteria) is the header, joined up."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["STT", "Mã đơn vị", "Tên đơn vị", None, "Tiêu chí 1"])
    ws.append([None, None, None, "Loại đơn vị", "TC1 CT1", "TC1 CT2"])
    ws.append([1, "DV-1", "Sở Tư pháp", "co_quan_ubnd_tinh", "có", "có"])
    book.save(tmp_path / "dv.xlsx")
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh", str(tmp_path / "dv.xlsx"), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["id"] == "DV-1" and row["where"].endswith("!3")
    statuses = {i["id"]: i["status"] for i in row["indicators"]}
    assert statuses["tc1_ct1"] == statuses["tc1_ct2"] == "met"
    assert "tiêu đề hai dòng (dòng 1 và 2)" in result.stderr and "bỏ qua" not in result.stderr   # no title row
