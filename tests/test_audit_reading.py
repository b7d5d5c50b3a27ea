"""What an auditor reads from 'hoctap runs' and 'hoctap audit show': the values listed are said to be
the stored ones (and whether the seal still matches the stored rows), a member's row names the unit it
counted for, and a result not found names a real run id, not a placeholder."""
import json

import pytest

from conftest import EXAMPLES, sql

TT22 = EXAMPLES / "don-vi-hoc-tap-tt22.csv"
UNITS = EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"
MEMBERS = EXAMPLES / "members" / "members.csv"


def stored(runner, cli, db, *args, exit_code=0):
    result = runner.invoke(cli, ["score", *args, "--store", str(db)])
    assert result.exit_code == exit_code, result.output
    [run] = [r for (r,) in sql(db, "SELECT run_id FROM runs ORDER BY run_no DESC LIMIT 1")]
    return run


@pytest.fixture
def members_run(runner, cli, tmp_path):
    db = tmp_path / "s.sqlite3"
    return db, stored(runner, cli, db, "-c", "don-vi-hoc-tap-tt24-tinh", str(UNITS), "-m", str(MEMBERS))


def test_the_rows_of_a_run_are_said_to_be_as_stored_with_whether_the_seal_matches(runner, cli, tmp_path):
    """Before, 'runs RUN' listed outcomes, totals and result ids with nothing saying that they were read
    from the store unchecked: an auditor could take them as verified."""
    db = tmp_path / "s.sqlite3"
    run = stored(runner, cli, db, "-c", "don-vi-hoc-tap-tt22", str(TT22))
    shown = runner.invoke(cli, ["runs", run, "--store", str(db)])
    assert shown.exit_code == 0
    assert shown.stderr.splitlines() == [
        f"Các dòng trên là giá trị đã lưu trong kho; mã niêm phong dưới đây khớp với các dòng ấy (hãy so nó với mã ghi "
        f"trong biên bản), nhưng kết quả chưa được chấm lại: 'hoctap audit verify {run} --store {db}' chấm lại từng dòng"]
    sql(db, "UPDATE results SET outcome = 'tot' WHERE row_no = 3")
    edited = runner.invoke(cli, ["runs", run, "--store", str(db), "--lang", "en"])
    assert edited.exit_code == 0
    assert edited.stderr.splitlines() == [
        f"The rows above are as stored, not checked; the seal does NOT match them (the store edited after the run?): "
        f"'hoctap audit verify {run} --store {db}' names what changed"]
    assert " Good " in next(line for line in edited.stdout.splitlines() if "DV-003" in line)   # listed as stored
    listing = runner.invoke(cli, ["runs", "--store", str(db)])
    assert listing.stderr.splitlines() == [
        f"Các số trên là số đã lưu trong kho, chưa được kiểm tra: 'hoctap audit verify --store {db}' chấm lại mọi lượt "
        "và kiểm tra mã niêm phong"]


def test_an_unfinished_run_s_rows_are_said_to_have_no_seal(runner, cli, tmp_path):
    db = tmp_path / "s.sqlite3"
    run = stored(runner, cli, db, "-c", "don-vi-hoc-tap-tt22", str(TT22))
    sql(db, "UPDATE runs SET status = 'incomplete', seal = NULL")
    shown = runner.invoke(cli, ["runs", run, "--store", str(db)])
    assert shown.stderr.splitlines() == [
        f"Các dòng trên là giá trị đã lưu trong kho, chưa được kiểm tra; lượt chấm chưa xong nên chưa có mã niêm phong: "
        f"'hoctap audit verify {run} --store {db}' chấm lại từng dòng và so với điểm kiểm tra cuối"]


def test_audit_show_of_a_member_names_its_unit_and_the_share_it_counted_in(runner, cli, members_run):
    """Before, a member's row (read through --members) was shown as any record: nothing said which unit
    it belonged to, nor in which of the unit's shares it counted."""
    db, run = members_run
    vi = runner.invoke(cli, ["audit", "show", "DV-101-20", "--store", str(db)]).stdout.splitlines()
    assert vi[1] == (f"Thành viên của đơn vị DV-101 (dòng 1 của lượt này, {UNITS}:2): được tính là thành viên chưa đạt "
                     "trong 3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập (19/20 = 95%)")
    en = runner.invoke(cli, ["audit", "show", "DV-102-01", "--store", str(db), "--lang", "en"]).stdout.splitlines()
    assert en[1] == (f"Member of unit DV-102 (row 2 of this run, {UNITS}:3): counted as qualifying in "
                     "3.1 Share of members recognised as learning citizens (8/10 = 80%)")
    as_json = json.loads(runner.invoke(cli, ["audit", "show", "DV-101-20", "--store", str(db), "-f", "json"]).stdout)
    assert as_json["member_of"] == {"unit": "DV-101", "unit_row": 1, "unit_where": f"{UNITS}:2",
                                    "shares": [{"input": "ty_le_thanh_vien_cdht", "qualifying": False}]}
    unit = runner.invoke(cli, ["audit", "show", "DV-101", "--store", str(db)]).stdout.splitlines()
    assert not any(line.startswith("Thành viên của đơn vị") for line in unit)   # a unit's own row: no such line


def test_audit_show_of_a_rejected_member_or_one_of_no_unit_says_so(runner, cli, tmp_path):
    lines = MEMBERS.read_text(encoding="utf-8").splitlines()
    rows = [lines[0], lines[1], lines[2].replace("DV-101-02,DV-101,3,9,", "DV-101-02,DV-101,3,99,"),
            lines[3].replace("DV-101", "DV-999")]
    members = tmp_path / "m.csv"
    members.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "s.sqlite3"
    stored(runner, cli, db, "-c", "don-vi-hoc-tap-tt24-tinh", str(UNITS), "-m", str(members), exit_code=1)   # DV-101
    shown = {key: runner.invoke(cli, ["audit", "show", key, "--store", str(db)]).stdout.splitlines()[1]
             for key in ("DV-101-01", "DV-101-02", "DV-999-03")}
    assert shown == {
        "DV-101-01": f"Thành viên của đơn vị DV-101 (dòng 1 của lượt này, {UNITS}:2): đơn vị bị loại ở lượt này, "
                     "nên không có tỷ lệ nào được tính",
        "DV-101-02": "Dòng thành viên bị loại, không được tính vào tỷ lệ nào: kho không giữ dữ liệu của dòng bị loại, "
                     "nên không ghi mã đơn vị của nó (tệp thành viên gốc có)",
        "DV-999-03": "Thành viên ghi đơn vị DV-999, không có dòng nào trong lượt chấm (không có trong tệp đơn vị): "
                     "đã được chấm nhưng không được tính cho đơn vị nào"}


def test_runs_names_the_unit_of_each_member_s_row(runner, cli, members_run):
    db, run = members_run
    lines = runner.invoke(cli, ["runs", run, "--store", str(db)]).stdout.splitlines()
    row = next(line for line in lines if "DV-102-03" in line)
    assert [c.strip() for c in row.split("  ") if c.strip()][:2] == ["27", "thành viên DV-102"]


def test_a_row_deleted_from_the_store_is_sent_to_its_run_by_id_not_to_a_placeholder(runner, cli, tmp_path):
    """Before, the hint said 'hoctap runs RUN --store …', RUN standing for an id the reader had to find."""
    db = tmp_path / "s.sqlite3"
    run = stored(runner, cli, db, "-c", "don-vi-hoc-tap-tt22", str(TT22))
    sql(db, "DELETE FROM results WHERE record_id = 'DV-003'")
    gone = runner.invoke(cli, ["audit", "show", "DV-003", "--store", str(db)])
    assert gone.exit_code == 2
    assert gone.stderr.strip() == (
        f"lỗi: không có kết quả 'DV-003' trong {db}: tìm theo mã hồ sơ (cột id của tệp) hoặc mã kết quả "
        f"(provenance.result_id); 'hoctap runs {run} --store {db}' liệt kê các dòng của lượt duy nhất trong kho; "
        f"nếu hồ sơ đã được chấm mà nay không còn trong kho (dòng bị xoá), 'hoctap audit verify --store {db}' "
        "chỉ ra dòng thiếu")
    other = stored(runner, cli, db, "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"))
    in_run = runner.invoke(cli, ["audit", "show", "DV-003", "--run", run, "--store", str(db), "--lang", "en"])
    assert in_run.stderr.strip().endswith(
        f"'hoctap runs {run} --store {db}' lists the rows of this run; if the record was scored and is no longer in "
        f"the store (a row deleted), 'hoctap audit verify {run} --store {db}' names the missing rows")
    newest = runner.invoke(cli, ["audit", "show", "DV-003", "--store", str(db)])
    assert (f"'hoctap runs {other} --store {db}' liệt kê các dòng của lượt mới nhất ('hoctap runs --store {db}' "
            "liệt kê cả 2 lượt)") in newest.stderr
    assert "RUN " not in gone.stderr + in_run.stderr + newest.stderr
    verify = runner.invoke(cli, ["audit", "verify", run, "--store", str(db)])      # what the hint sends to: it names the row
    assert "không còn trong kho: dòng 3" in verify.stdout


@pytest.mark.parametrize("as_of, shown", [("2023-06-30", "30/06/2023"), ("record", "theo từng hồ sơ")])
def test_the_runs_list_writes_the_assessment_date_as_the_reader_does(runner, cli, tmp_path, as_of, shown):
    """Before, the column showed '2023-06-30' and the code 'record' in a Vietnamese table."""
    db = tmp_path / "s.sqlite3"
    records = tmp_path / "cd.csv"
    records.write_text("id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2,ngay_danh_gia\n"
                       "A,1,8,8,8,8,8,8,8,8,8,8,2023-09-15\n", encoding="utf-8")
    run = stored(runner, cli, db, "-c", "cong-dan-hoc-tap", "--as-of", as_of, str(records))
    line = next(x for x in runner.invoke(cli, ["runs", "--store", str(db)]).stdout.splitlines() if x.startswith(run))
    assert f"  {shown}  " in line


def test_a_member_s_row_edited_past_reading_is_shown_without_a_unit_line_and_no_traceback(runner, cli, members_run):
    db, run = members_run
    sql(db, "UPDATE results SET inputs = '{not json' WHERE record_id = 'DV-101-03'")
    shown = runner.invoke(cli, ["audit", "show", "DV-101-03", "--store", str(db)])
    assert shown.exit_code == 0 and shown.exception is None
    assert "CẢNH BÁO: dòng đã lưu không đọc được" in shown.stdout and "Thành viên của đơn vị" not in shown.stdout
    row = next(line for line in runner.invoke(cli, ["runs", run, "--store", str(db)]).stdout.splitlines() if "DV-101-03" in line)
    assert [c.strip() for c in row.split("  ") if c.strip()][:2] == ["7", "thành viên"]


@pytest.mark.parametrize("lang, pack, as_of", [
    ("vi", "Bộ tiêu chí: don-vi-hoc-tap-tt24-huyen {v} (sha256 {sha}), như dòng đã lưu ghi (kết quả không dựng lại được)",
     "Ngày đánh giá: 01/05/2025 (ngày ghi ở --as-of), như dòng đã lưu ghi (kết quả không dựng lại được)"),
    ("en", "Criteria pack: don-vi-hoc-tap-tt24-huyen {v} (sha256 {sha}), as the stored row says (the result could not be rebuilt)",
     "Assessment date: 2025-05-01 (the date given with --as-of), as the stored row says (the result could not be rebuilt)")])
def test_a_row_edited_past_reading_is_headed_by_its_stored_pack_and_date(runner, cli, tmp_path, lang, pack, as_of):
    """A row whose stored inputs no longer read was headed 'Bộ tiêu chí: không có (bị từ chối trước khi chọn bộ
    tiêu chí)' and 'Ngày đánh giá: không có (bộ tiêu chí được chỉ định)', both false: the row keeps its pack and
    date in its own columns."""
    db = tmp_path / "s.sqlite3"
    run = stored(runner, cli, db, "-c", "don-vi-hoc-tap-huyen", "--as-of", "2025-05-01",
                 str(EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv"))
    sql(db, "UPDATE results SET inputs = '{not json' WHERE row_no = 2")
    [(version, sha)] = sql(db, "SELECT p.version, p.sha256 FROM results r JOIN packs p ON p.pack_no = r.pack_no "
                               "WHERE r.row_no = 2")
    shown = runner.invoke(cli, ["--lang", lang, "audit", "show", "DV-002", "--store", str(db), "--run", run])
    lines = shown.stdout.splitlines()
    assert lines[1] == pack.format(v=version, sha=sha)
    assert lines[3] == as_of
