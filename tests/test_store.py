"""The run store as an auditor meets it: score --store, runs, audit show, audit verify;
a hand-edited store is caught; personal columns are not stored unless asked."""
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLES, sql
from scoring import score_files
from scoring.audit.replay import verify, verify_report
from scoring.audit.store import RunStore

CDHT = str(EXAMPLES / "cong-dan-hoc-tap.csv")          # has ho_ten and xa columns (names, places)
TT22 = str(EXAMPLES / "don-vi-hoc-tap-tt22.csv")


def run_ids(db):
    with sqlite3.connect(db) as c:
        return [r[0] for r in c.execute("SELECT run_id FROM runs ORDER BY started_at, run_no")]



@pytest.fixture
def stored(runner, cli, tmp_path):
    """A TT22 run stored in tmp_path/s.sqlite3."""
    db = str(tmp_path / "s.sqlite3")
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", TT22, "--store", db])
    assert result.exit_code == 0, result.output
    return db


def test_store_without_a_value_writes_hoctap_sqlite3_here_and_verify_passes(runner, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", CDHT, "--store"])
    assert result.exit_code == 0, result.output
    assert Path("hoctap.sqlite3").is_file()
    [run] = run_ids("hoctap.sqlite3")
    assert f"đã lưu lượt chấm {run} vào hoctap.sqlite3" in result.stderr
    [(seal,)] = sql("hoctap.sqlite3", "SELECT seal FROM runs")
    assert result.stderr.rstrip().endswith(f"Mã niêm phong của lượt chấm: {seal}") and len(seal) == 64
    listing = runner.invoke(cli, ["runs"])
    assert listing.exit_code == 0
    line = next(x for x in listing.stdout.splitlines() if x.startswith(run))
    assert line.split()[2:5] == ["hoàn", "tất", "cong-dan-hoc-tap"]
    n = sql("hoctap.sqlite3", "SELECT count(*) FROM results")[0][0]
    assert line.split()[-4:] == [str(n), str(n), "0", str(n)]
    checked = runner.invoke(cli, ["audit", "verify"])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.splitlines() == [
        f"lượt {run}: hoàn tất; {n} dòng đã lưu: {n} tái lập đúng, 0 khác, 0 dòng bị từ chối không chấm lại",
        f"  mã niêm phong: {seal} (khớp)",
        "1 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng"]


EDITS = [
    ("UPDATE results SET outcome = 'tot' WHERE row_no = 3", "kết quả: đã lưu 'tot', chấm lại 'kha'"),
    ("UPDATE results SET total = 85.25 WHERE row_no = 3", "tổng điểm: đã lưu 85,25, chấm lại 83"),   # the decimal comma
    ("UPDATE results SET output_sha256 = zeroblob(32) WHERE row_no = 3", "output_sha256: kết quả và lời giải thích"),
    # a column only the output hash covers: the message names the columns it can be (it said "the row was altered")
    ("UPDATE results SET where_ = 'khac.csv:99' WHERE row_no = 3",
     "(dòng bị sửa trong kho, ở một cột mà chỉ mã băm này kiểm: nơi của dòng (where_), lý do bị loại (error), "
     "nguồn của ngày đánh giá (as_of_source), mã băm này; hoặc bản hoctap này cho kết quả khác)"),
    ("UPDATE results SET inputs = replace(inputs, '18.0', '20.0') WHERE row_no = 3",
     "input_sha256: đầu vào đã lưu có mã băm"),
    ("UPDATE results SET result_id = 'r-000000000000000000000000' WHERE row_no = 3",
     "mã kết quả: đã lưu 'r-000000000000000000000000', chấm lại 'r-"),
    ("UPDATE packs SET text = replace(text, 'min_total: 85', 'min_total: 80')",
     "văn bản bộ tiêu chí don-vi-hoc-tap-tt22 1.4 đã lưu bị sửa (SHA-256 không khớp)"),
    ("UPDATE results SET inputs = '{broken' WHERE row_no = 3", "dòng đã lưu không đọc được"),
    # one value too many: said in Vietnamese (it was hoctap's own English, '11 stored values for 10 inputs')
    ("UPDATE results SET inputs = replace(inputs, '\"v\":[', '\"v\":[1.0,') WHERE row_no = 3",
     "dòng đã lưu có 11 giá trị đầu vào, nhưng bộ tiêu chí đã lưu có 10 giá trị đầu vào: dòng bị sửa trong kho?"),
]


@pytest.mark.parametrize("edit,message", EDITS)
def test_a_hand_edited_store_is_caught(runner, cli, stored, edit, message):
    sql(stored, edit)
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 1, result.output
    assert message in result.stdout
    assert "Traceback" not in result.output and "stored values" not in result.output
    differs = [x for x in result.stdout.splitlines() if x.startswith("KHÁC")]
    if "packs" in edit:     # every row was scored with that pack, said once; the rows themselves are untouched
        assert not differs and "11 dòng chấm theo bộ tiêu chí này không kiểm lại được" in result.stdout
        # the run's line adds up (it said '11 dòng đã lưu: 0 tái lập đúng, 0 khác, 0 …' and nothing of the 11)
        assert ("11 dòng đã lưu: 0 tái lập đúng, 0 khác, 0 dòng bị từ chối không chấm lại, 11 không kiểm lại được "
                "(bộ tiêu chí đã lưu bị sửa)") in result.stdout
        assert "mã niêm phong: " in result.stdout and "(khớp)" in result.stdout
    else:
        assert len(differs) == 1 and "dòng 3, mã hồ sơ DV-003" in differs[0]
        assert "mã niêm phong: kho cho" in result.stdout      # the seal no longer matches, and says why
        assert "các dòng đã lưu bị sửa, thêm hoặc xoá sau khi chấm" in result.stdout
        assert result.stdout.rstrip().endswith("niêm phong không khớp")


STORE_EDITS = [
    ("CREATE TRIGGER sua AFTER INSERT ON results BEGIN UPDATE results SET outcome = 'tot' "
     "WHERE run_no = new.run_no AND row_no = new.row_no; END",
     "kho: có trigger 'sua' mà hoctap không tạo (CREATE TRIGGER sua", "cấu trúc của kho bị sửa"),
    ("ALTER TABLE results ADD COLUMN ghi_chu TEXT",
     "kho: bảng 'results' có cột mà hoctap không tạo: ghi_chu", "cấu trúc của kho bị sửa"),
    ("DROP INDEX results_by_id", "kho: thiếu chỉ mục 'results_by_id' mà hoctap tạo", "cấu trúc của kho bị sửa"),
    ("UPDATE packs SET version = '9.9'", "được ghi là don-vi-hoc-tap-tt22 9.9, nhưng văn bản của nó là "
     "don-vi-hoc-tap-tt22 1.4: cột id/version của bảng packs bị sửa", "mã hoặc phiên bản của bộ tiêu chí đã lưu bị sửa"),
    # an altered text that no run uses: the last line said 'mọi kết quả đã lưu đều tái lập đúng'
    ("INSERT INTO packs (sha256, id, version, text) SELECT 'ab' || sha256, id, version, text || ' ' FROM packs",
     "đã lưu bị sửa (SHA-256 không khớp)", "văn bản bộ tiêu chí đã lưu bị sửa"),
]


@pytest.mark.parametrize("edit,finding,tail", STORE_EDITS)
def test_a_hand_edit_of_the_store_itself_is_named_and_the_last_line_agrees(runner, cli, stored, edit, finding, tail):
    """A trigger, an added column, a dropped index, an edited pack id/version passed verify silently (exit 0);
    the rows all still reproduce, but the store is not what hoctap made, and the last line says so."""
    sql(stored, edit)
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 1, result.output
    assert finding in result.stdout
    last = result.stdout.splitlines()[-1]
    assert last == f"1 lượt đã kiểm tra: {tail}"


def test_a_deleted_result_row_is_caught(runner, cli, stored):
    sql(stored, "DELETE FROM results WHERE row_no = 5")
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 1
    assert ("lượt chấm ghi 11 dòng đọc (11 đã chấm, 0 bị từ chối) nhưng kho giữ 10 (10 đã chấm, 0 bị từ chối)"
            in result.stdout)
    assert result.stdout.rstrip().endswith("số dòng đã lưu không khớp với số lượt chấm đã ghi")
    # the row is named, with the places around it (it was only counted)
    assert (f"  không còn trong kho: dòng 5 (giữa {TT22}:5 và {TT22}:7); lượt chấm "
            "đánh số các dòng liền nhau từ 1, nên dòng thiếu là dòng bị xoá khỏi kho") in result.stdout.splitlines()


@pytest.mark.parametrize("rows,named", [
    ("1, 2, 3", f"các dòng 1–3 (trước {TT22}:5)"),
    ("11", f"dòng 11 (sau {TT22}:11)"),
    ("2, 4, 6, 8", f"dòng 2 (giữa {TT22}:2 và {TT22}:4); dòng 4 (giữa "
     f"{TT22}:4 và {TT22}:6); dòng 6 (giữa {TT22}:6 và "
     f"{TT22}:8) và 1 chỗ thiếu khác"),
])
def test_rows_deleted_at_the_start_the_end_or_in_many_places_are_named(runner, cli, stored, rows, named):
    sql(stored, f"DELETE FROM results WHERE row_no IN ({rows})")
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if x.startswith("  không còn trong kho: ")]
    assert line == f"  không còn trong kho: {named}; lượt chấm đánh số các dòng liền nhau từ 1, nên dòng thiếu là dòng bị xoá khỏi kho"


def test_a_row_renumbered_past_the_run_is_named_not_called_many_rows_deleted(runner, cli, stored):
    sql(stored, "UPDATE results SET row_no = 99 WHERE row_no = 11")
    lines = runner.invoke(cli, ["audit", "verify", "--store", stored]).stdout.splitlines()
    assert [x for x in lines if x.startswith("  không còn") or x.startswith("  kho có dòng số")] == [
        f"  không còn trong kho: dòng 11 (sau {TT22}:11); lượt chấm đánh số các dòng liền nhau từ 1, nên dòng thiếu là "
        "dòng bị xoá khỏi kho",
        "  kho có dòng số 99 mà lượt chấm chỉ ghi 11 dòng: dòng được thêm hoặc đánh số lại trong kho"]


def test_a_scored_row_dressed_up_as_rejected_is_caught(runner, cli, stored):
    """A rejected row cannot be replayed, but its result id is that of a scored record."""
    sql(stored, "UPDATE results SET error = 'x', inputs = NULL, outcome = NULL WHERE row_no = 1")
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 1
    assert "mã kết quả không phải của một dòng bị từ chối" in result.stdout


def test_a_damaged_store_is_an_error_not_a_traceback(runner, cli, stored):
    sql(stored, "DROP TABLE packs")
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 2
    assert "kho lưu bị hỏng hoặc không phải kho lưu lượt chấm của hoctap" in result.stderr
    assert "Traceback" not in result.output


def test_personal_columns_are_not_stored_unless_asked(runner, cli, tmp_path):
    names = ["Nguyễn Thị Hoa", "Xã Tân Lập"]
    for flag, expect in (([], False), (["--store-inputs"], True)):
        db = tmp_path / f"p{len(flag)}.sqlite3"
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", CDHT, "--store", str(db), *flag])
        assert result.exit_code == 0, result.output
        content = b"".join(p.read_bytes() for p in tmp_path.glob(f"{db.name}*"))   # the WAL file too
        assert all((n.encode() in content) is expect for n in names), flag
        [(inputs, raw)] = sql(str(db), "SELECT inputs, raw FROM results WHERE record_id = 'CD-2024-001'")
        assert json.loads(inputs) == {"id": "CD-2024-001", "v": [   # in the pack's input order: group, 1.1 … 3.2
            "1", 9.0, 8.0, 8.0, 9.0, 7.0, 5.0, 8.0, 8.0, 9.0, 9.0]}
        assert (raw is not None) is expect
        verified = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
        assert verified.exit_code == 0, verified.output


def test_audit_show_prints_the_stored_explanation_with_its_provenance(runner, cli, stored):
    [(rid, where)] = sql(stored, "SELECT result_id, where_ FROM results WHERE record_id = 'DV-003'")
    result = runner.invoke(cli, ["audit", "show", rid, "--store", stored])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    [run] = run_ids(stored)
    [(seal,)] = sql(stored, "SELECT seal FROM runs")
    assert lines[0] == f"Kết quả {rid}: lượt {run} (hoàn tất), dòng 3, {where}"
    sha = sql(stored, "SELECT sha256 FROM packs")[0][0]
    assert lines[1] == f"Bộ tiêu chí: don-vi-hoc-tap-tt22 1.4 (sha256 {sha})"
    assert lines[3] == "Ngày đánh giá: không có (bộ tiêu chí được chỉ định)"
    assert lines[5] == f"Mã niêm phong của lượt chấm: {seal}"
    assert not any(x.startswith("CẢNH BÁO") for x in lines)
    assert "Hồ sơ: DV-003" in lines and "Kết quả: Khá (kha)" in lines and "  - cần thêm 2 điểm" in lines
    as_json = json.loads(runner.invoke(cli, ["audit", "show", rid, "--store", stored, "-f", "json"]).stdout)
    assert as_json["explanation"]["outcome"] == "kha" and as_json["result"]["provenance"]["result_id"] == rid
    assert as_json["problems"] == [] and as_json["seal"] == seal
    by_record = runner.invoke(cli, ["audit", "show", "DV-003", "--store", stored, "--file", TT22])
    assert by_record.exit_code == 0 and by_record.stdout == result.stdout      # the id the auditor knows
    missing = runner.invoke(cli, ["audit", "show", "r-nope", "--store", stored])
    assert missing.exit_code == 2 and "không có kết quả 'r-nope'" in missing.stderr


def test_audit_show_picks_one_of_two_sheets_with_file_colon_sheet(runner, cli, tmp_path, monkeypatch):
    """CD-001 on two sheets of a council's workbook: 'audit show CD-001' said 'thêm --file TỆP', and
    --file with the workbook, or with 'FILE:SHEET', could not pick one. --file takes FILE:SHEET, and
    the error prints beside each row the command that shows it."""
    import openpyxl
    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    header = ["id", "group", "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    for i, (name, points) in enumerate([("Xã Tân Lập", 9), ("Xã Hòa Bình", 4)]):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(header)
        sheet.append(["CD-001", 1] + [points] * 10)
    book.save("xa.xlsx")
    assert runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", "xa.xlsx", "--sheet", "*", "--store", "s.sqlite3"]
                         ).exit_code in (0, 1)
    places = dict(sql("s.sqlite3", "SELECT where_, outcome FROM results WHERE record_id = 'CD-001'"))
    assert set(places) == {"xa.xlsx:Xã Tân Lập!2", "xa.xlsx:Xã Hòa Bình!2"}
    for given in ([], ["--file", "xa.xlsx"]):
        both = runner.invoke(cli, ["audit", "show", "CD-001", "--store", "s.sqlite3", *given])
        assert both.exit_code == 2
        assert both.stderr.splitlines()[1:] == [
            f'  xa.xlsx:{name}!2: hoctap audit show "CD-001" --file "xa.xlsx:{name}" --store "s.sqlite3"'
            for name in ("Xã Tân Lập", "Xã Hòa Bình")]
    for name in ("Xã Tân Lập", "Xã Hòa Bình"):
        one = runner.invoke(cli, ["audit", "show", "CD-001", "--file", f"xa.xlsx:{name}", "--store", "s.sqlite3"])
        assert one.exit_code == 0, one.output
        assert one.stdout.splitlines()[0].endswith(f"xa.xlsx:{name}!2")
        assert f"({places[f'xa.xlsx:{name}!2']})" in one.stdout    # the outcome of that sheet's row


def test_rejected_rows_are_stored_and_counted_but_not_replayed(runner, cli, tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\nA,1,8,8,8,8,8,8,8,8,8,8\nB,7,8,8,8,8,8,8,8,8,8,8\n",
                 encoding="utf-8")
    db = str(tmp_path / "s.sqlite3")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(f), "--store", db])
    assert result.exit_code == 1
    [(error, inputs, rid)] = sql(db, "SELECT error, inputs, result_id FROM results WHERE record_id = 'B'")
    assert error == "'Nhóm đối tượng' (group) là '7', không phải một trong: Người dân trong xã; Người lao động; Cán bộ, công nhân viên, doanh nhân; Học sinh, sinh viên, học viên" and inputs is None
    checked = runner.invoke(cli, ["audit", "verify", "--store", db])
    assert checked.exit_code == 0 and "1 tái lập đúng, 0 khác, 1 dòng bị từ chối không chấm lại" in checked.stdout
    shown = runner.invoke(cli, ["audit", "show", rid, "--store", db])
    assert shown.stdout.rstrip().endswith("Bị từ chối: 'Nhóm đối tượng' (group) là '7', không phải một trong: Người dân trong xã; Người lao động; Cán bộ, công nhân viên, doanh nhân; Học sinh, sinh viên, học viên")
    assert "CẢNH BÁO" not in shown.stdout


def test_verify_uses_the_stored_pack_text_not_the_file_as_it_is_today(runner, cli, tmp_path):
    pack = tmp_path / "tt22-local.yaml"
    pack.write_text(Path(EXAMPLES.parent / "criteria" / "don-vi-hoc-tap-tt22.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    db = str(tmp_path / "s.sqlite3")
    for _ in range(2):
        assert runner.invoke(cli, ["score", "-c", str(pack), TT22, "--store", db]).exit_code == 0
    assert sql(db, "SELECT count(*) FROM packs") == [(1,)]           # the text is stored once
    pack.write_text(pack.read_text(encoding="utf-8").replace("min_total: 85", "min_total: 95"), encoding="utf-8")
    first, second = run_ids(db)
    checked = runner.invoke(cli, ["audit", "verify", first, "--store", db])
    assert checked.exit_code == 0 and "mọi kết quả đã lưu đều tái lập đúng" in checked.stdout
    assert second not in checked.stdout
    today = {json.loads(x)["id"]: json.loads(x)["outcome"]
             for x in runner.invoke(cli, ["score", "-c", str(pack), TT22, "-f", "jsonl"]).stdout.splitlines()}
    assert today["DV-002"] == "kha"      # 91 points: 'tot' under the stored text, not under today's file
    assert sql(db, "SELECT outcome FROM results JOIN runs USING (run_no) WHERE record_id = 'DV-002' AND run_id = ?",
               first) == [("tot",)]


def test_per_record_dates_are_stored_and_replayed_with_their_own_pack(runner, cli, tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("id,group,ngay_danh_gia,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n"
                 "A,1,2023-06-30,8,8,8,8,8,8,8,8,8,8\nB,4,2024-06-30,8,8,8,8,8,8,8,8,8,8\n", encoding="utf-8")
    db = str(tmp_path / "s.sqlite3")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", "--as-of", "record", str(f), "--store", db, "-f", "jsonl",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["criteria"]["id"] for x in result.stdout.splitlines()] == ["cong-dan-hoc-tap-qd244", "cong-dan-hoc-tap"]
    assert sql(db, "SELECT record_id, as_of, as_of_source FROM results ORDER BY row_no") == [
        ("A", "2023-06-30", "ngay_danh_gia"), ("B", "2024-06-30", "ngay_danh_gia")]
    assert sql(db, "SELECT count(*) FROM packs") == [(2,)]
    checked = runner.invoke(cli, ["audit", "verify", "--store", db])
    assert checked.exit_code == 0 and "2 tái lập đúng" in checked.stdout


def test_audit_show_says_a_record_had_no_date_for_the_model_it_was_scored_with(runner, cli, tmp_path):
    """A model with --as-of record rejects a record without a date; 'audit show' said 'không có (bộ tiêu
    chí được chỉ định)', as if a pack had been named. It now says the record had no date and why one is needed."""
    db = str(tmp_path / "s.sqlite3")
    records = str(EXAMPLES / "don-vi-hoc-tap-tt24-tinh.jsonl")   # no dates
    runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tinh", "--as-of", "record", records, "--store", db])
    assert sql(db, "SELECT count(*) FROM results WHERE record_id = 'DV-003' AND pack_no IS NULL") == [(1,)]
    shown = runner.invoke(cli, ["audit", "show", "DV-003", "--store", db])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[3] == (
        "Ngày đánh giá: không có (hồ sơ không có ngày đánh giá đọc được; lượt chấm dùng 'don-vi-hoc-tap-tinh' "
        "với --as-of record, nên cần ngày của từng hồ sơ để chọn bộ tiêu chí)")
    english = runner.invoke(cli, ["audit", "show", "DV-003", "--store", db, "--lang", "en"]).stdout.splitlines()[3]
    assert english.startswith("Assessment date: none (the record gives no readable assessment date")


@pytest.mark.parametrize("args,message", [
    (["score", "-c", "cong-dan-hoc-tap", CDHT, "--store", "other.csv"], "trông như một tệp hồ sơ"),
    (["score", "-c", "cong-dan-hoc-tap", CDHT, "--store-inputs"], "--store-inputs chỉ dùng cùng --store"),
    (["runs", "--store", "nowhere.sqlite3"], "không có kho lưu lượt chấm tại nowhere.sqlite3"),
    (["audit", "verify", "--store", "nowhere.sqlite3"], "không có kho lưu lượt chấm tại nowhere.sqlite3"),
    (["audit", "verify", "--store", "nowhere.sqlite3", "--lang", "en"], "no run store at nowhere.sqlite3"),
    (["audit", "verify", "--store", "notdb.sqlite3"], "notdb.sqlite3: kho lưu bị hỏng"),
    (["runs", "--store", "notdb.sqlite3"], "notdb.sqlite3: kho lưu bị hỏng"),
    (["score", "-c", "cong-dan-hoc-tap", CDHT, "--store", "notdb.sqlite3"], "notdb.sqlite3: kho lưu bị hỏng"),
])
def test_store_errors_exit_2_with_a_message(runner, cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    Path("notdb.sqlite3").write_text("hello, not a database\n" * 100)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not Path("other.csv").exists()


def test_an_unknown_run_id_names_the_latest_runs(runner, cli, stored):
    result = runner.invoke(cli, ["audit", "verify", "20990101T000000Z-ffffff", "--store", stored])
    assert result.exit_code == 2
    assert f"không có lượt chấm '20990101T000000Z-ffffff' trong {stored}" in result.stderr
    assert run_ids(stored)[0] in result.stderr


def test_an_unfinished_run_is_reported_incomplete(tmp_path):
    """In-process half of the crash test: the run row exists, a chunk is committed, no finish."""
    db = tmp_path / "s.sqlite3"
    store = RunStore.create(db, chunk=4)
    batch = score_files("don-vi-hoc-tap-tt22", [TT22])
    store.begin_run(batch.run, {"criteria": "don-vi-hoc-tap-tt22", "lang": "vi"})
    results = store.record(batch.results())
    for _ in range(6):          # one chunk of 4 committed, 2 pending and never written
        next(results)
    store.close()
    assert sql(str(db), "SELECT status, n_read FROM runs") == [("incomplete", None)]
    assert sql(str(db), "SELECT count(*) FROM results") == [(4,)]
    checks = verify(RunStore.open(db))
    report = verify_report(checks)
    assert report[0] == (f"lượt {batch.run.run_id}: CHƯA XONG (tiến trình chấm dừng trước khi hết); "
                         "4 dòng đã lưu: 4 tái lập đúng, 0 khác, 0 dòng bị từ chối không chấm lại")
    assert report[1].startswith("  chưa niêm phong: lượt chấm chưa xong, nên không chứng minh được kho còn đủ")
    assert report[2] == "  điểm kiểm tra cuối: 4 dòng (khớp)"
    assert checks.ok and checks.unfinished == 1   # audit verify exits 3, never 0: not proven whole


UNLOADABLE = "UPDATE packs SET text = 'id: ['"   # the stored pack text no longer loads: an error object in every row's message


@pytest.mark.parametrize("edit", [None, *(edit for edit, _ in EDITS), UNLOADABLE])
def test_verify_in_two_processes_reports_what_one_does(stored, monkeypatch, edit):
    """``audit verify --jobs 2``: a worker re-checks chunks of the stored rows, and the report is
    word for word the one process's, what differs included; a row whose messages carry an error
    object (a stored pack text that no longer loads) is re-checked in the parent instead."""
    import scoring.run.replay as shared
    if edit:
        sql(stored, edit)
    monkeypatch.setattr(shared, "PARALLEL_ROWS", 1)
    monkeypatch.setattr(shared, "CHUNK_ROWS", 2)   # 11 rows: the first four chunks go to the worker
    here: list[int] = []
    real = shared.rechecked_here

    def counted(replayer, run, rows):
        for item in real(replayer, run, rows):
            here.append(item[0]["row_no"])
            yield item
    monkeypatch.setattr(shared, "rechecked_here", counted)
    one = verify(RunStore.open(stored))
    two = shared.verify(RunStore.open(stored), jobs=2)
    assert verify_report(two) == verify_report(one) and [c.ok for c in two] == [c.ok for c in one]
    assert (edit is None) == one[0].ok
    if edit != UNLOADABLE:
        assert len(set(here)) <= 11 - 8, here   # the worker's eight rows were not re-checked here
    else:
        assert sorted(set(here)) == list(range(1, 12))   # not plain values: every row re-checked here


@pytest.fixture
def members_run(runner, cli, tmp_path):
    """A Cộng đồng học tập district run whose communes are scored from their own records (--members)."""
    db = str(tmp_path / "m.sqlite3")
    result = runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-huyen", str(EXAMPLES / "members" / "cong-dong-hoc-tap-huyen.csv"),
                                 "--members", str(EXAMPLES / "members" / "xa.csv"), "--store", db])
    assert result.exit_code == 0, result.output
    return db


def test_a_members_row_edited_is_counted_and_named_as_a_members_row(runner, cli, members_run):
    """The run line said '2 dòng đã lưu: 1 tái lập đúng, 2 khác' (1 + 2 ≠ 2: the member's row counted with the
    units) and the member's row read as any row; each part now adds up, and the member's row says what it is."""
    [(row,)] = sql(members_run, "SELECT min(row_no) FROM results WHERE member = 1 AND inputs LIKE '%muc_do_3%'")
    sql(members_run, f"UPDATE results SET inputs = replace(inputs, 'muc_do_3', 'muc_do_1') WHERE row_no = {row}")
    result = runner.invoke(cli, ["audit", "verify", "--store", members_run])
    assert result.exit_code == 1
    [(run, n_members)] = sql(members_run, "SELECT run_id, n_members FROM runs")
    lines = result.stdout.splitlines()
    assert lines[0] == (f"lượt {run}: hoàn tất; 2 dòng đã lưu: 1 tái lập đúng, 1 khác, 0 dòng bị từ chối không chấm lại; "
                        f"{n_members} dòng thành viên: {n_members - 1} tái lập đúng, 1 khác")
    [member] = [x for x in lines if x.startswith("KHÁC") and f"dòng {row}," in x]
    assert member.endswith(f"(lượt {run}, dòng {row}, dòng thành viên, mã hồ sơ XA-01)")
    # the unit's share said by what it measures (it was the code 'members.ty_le_xa_md1')
    assert ("  - Tỷ lệ số xã được công nhận Cộng đồng học tập cấp xã mức độ 1 trở lên (cột 'ty_le_xa_md1', tính từ thành "
            "viên): đã lưu 4/5, các dòng thành viên đã lưu cho 3/5 (dòng thành viên bị sửa, thêm hoặc xoá?)") in lines


def _version(pack_id: str) -> str:
    """The shipped pack's version, read from it (a test that named it failed on every new version)."""
    from scoring.packs.catalog import shipped_packs
    return shipped_packs()[pack_id].pack.version


def test_a_members_pack_text_altered_is_not_called_members_rows_edited(runner, cli, members_run):
    """With the members' pack text altered, their rows cannot be replayed: each unit was reported as differing,
    'dòng thành viên bị sửa, thêm hoặc xoá?', a cause that is not the one. Now it is said once, for what it is."""
    sql(members_run, "UPDATE packs SET text = text || ' ' WHERE id = 'cong-dong-hoc-tap-xa'")
    result = runner.invoke(cli, ["audit", "verify", "--store", members_run])
    assert result.exit_code == 1
    assert "dòng thành viên bị sửa, thêm hoặc xoá?" not in result.stdout
    assert not [x for x in result.stdout.splitlines() if x.startswith("KHÁC")]
    assert ("  tỉ lệ thành viên của 2 đơn vị không đếm lại được: các dòng thành viên chấm theo bộ tiêu chí có văn bản "
            f"đã lưu bị sửa (cong-dong-hoc-tap-xa {_version('cong-dong-hoc-tap-xa')}), nên không chấm lại được") in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "1 lượt đã kiểm tra: văn bản bộ tiêu chí đã lưu bị sửa"


HEADER_EXPLAINS = ("  11 dòng cho kết quả khác lúc chấm chỉ ở mã băm (output_sha256): các dòng đã lưu vẫn như lúc chấm (điểm "
                   "kiểm tra cuối khớp), nhưng thời điểm bắt đầu và bộ máy ghi ở phần đầu của lượt chấm, vốn có trong từng "
                   "kết quả, đã bị sửa; sửa lại phần đầu cho đúng, hoặc so với bản sao của kho")


@pytest.mark.parametrize("edit", ["started_at = '2020-01-01T00:00:00Z'",
                                  "engine = replace(engine, '\"hoctap\":\"', '\"hoctap\":\"9')"])
def test_a_header_edit_is_said_once_not_as_every_row_differing(runner, cli, stored, edit):
    """The run's start time and engine are in every result: an edit of them made every row a 'KHÁC' block
    of its own (a province's run: two million of them), hiding the one thing edited. The rows are proven
    unchanged by the checkpoint over them alone, so they are counted and said once, beside the header."""
    sql(stored, f"UPDATE runs SET {edit}")
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("11 dòng đã lưu: 0 tái lập đúng, 11 khác, 0 dòng bị từ chối không chấm lại")
    assert "phần đầu của lượt chấm (lệnh, thời điểm bắt đầu, bộ máy, tệp đầu vào) bị sửa sau khi chấm" in lines[1]
    assert HEADER_EXPLAINS in lines and not [x for x in lines if x.startswith("KHÁC")]
    assert lines[-1] == "1 lượt đã kiểm tra: 11 kết quả khác; niêm phong không khớp"
    sql(stored, "UPDATE results SET total = 1 WHERE row_no = 3")   # a row edited too: every row is listed again
    both = runner.invoke(cli, ["audit", "verify", "--store", stored]).stdout.splitlines()
    assert HEADER_EXPLAINS not in both and len([x for x in both if x.startswith("KHÁC")]) == 11
    assert "  - tổng điểm: đã lưu 1, chấm lại 83" in both


def test_a_store_whose_runs_were_all_deleted_is_not_said_to_reproduce(runner, cli, stored):
    """Every run and row deleted, the pack texts left: verify said '0 lượt đã kiểm tra: mọi kết quả đã lưu đều tái
    lập đúng' (exit 0). A pack is stored only with its run, so packs without runs are a trace of runs removed."""
    sql(stored, "DELETE FROM results")
    sql(stored, "DELETE FROM runs")
    result = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "kho: có 1 văn bản bộ tiêu chí nhưng không có lượt chấm nào (hoctap chỉ lưu bộ tiêu chí cùng lượt chấm dùng nó, "
        "và không bao giờ xoá lượt chấm): các lượt chấm đã bị xoá khỏi kho; đối chiếu với bản sao của kho",
        "0 lượt đã kiểm tra: kho có dấu vết bị xoá lượt chấm"]
    sql(stored, "DELETE FROM packs")   # nothing left at all: said as it is, not as results that reproduce
    empty = runner.invoke(cli, ["audit", "verify", "--store", stored])
    assert empty.exit_code == 0
    assert empty.stdout.splitlines() == ["0 lượt đã kiểm tra: kho không có lượt chấm nào, không có gì để kiểm tra"]


def test_against_an_unfinished_run_says_the_rows_it_never_reached_once(runner, cli, tmp_path):
    """A run stopped at its 4th row, checked against its file: each row after it was listed as 'dòng có trong
    tệp nhưng không có trong lượt chấm đã lưu' and failed the check (exit 1), though no row was removed (a run
    stopped at 9,000 of 60,000 rows: 51,000 such lines). They are said once, and the run exits 3 (unfinished)."""
    db = tmp_path / "s.sqlite3"
    store = RunStore.create(db, chunk=4)
    batch = score_files("don-vi-hoc-tap-tt22", [TT22])
    store.begin_run(batch.run, {"criteria": "don-vi-hoc-tap-tt22", "lang": "vi", "records": [TT22]})
    results = store.record(batch.results())
    for _ in range(6):          # one chunk of 4 committed, 2 pending and never written
        next(results)
    store.close()
    result = runner.invoke(cli, ["audit", "verify", batch.run.run_id, "--against", TT22, "--store", str(db)])
    assert result.exit_code == 3, result.output
    lines = result.stdout.splitlines()
    assert lines[-2:] == [f"7 dòng từ {TT22}:6 trở đi không có trong kho: lượt chấm chưa xong, dừng sau dòng {TT22}:5, "
                          "chưa tới các dòng ấy (không phải dòng bị xoá); chấm lại tệp để có kết quả của chúng",
                          "so với tệp gốc: 4 dòng khớp với các dòng đã lưu"]
    assert not [x for x in lines if "không có trong lượt chấm đã lưu" in x]
    header, *rows = Path(TT22).read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "hs.csv"      # a row the run stored, deleted from the file: still found, the rest still not reached
    cut.write_text(header + "".join(rows[:1] + rows[2:]), encoding="utf-8")
    run = batch.run.run_id
    missing = runner.invoke(cli, ["audit", "verify", run, "--against", str(cut), "--store", str(db)]).stdout.splitlines()
    assert f"{TT22}:3 (mã DV-002): dòng có trong kho nhưng không có trong tệp gốc" in missing
    assert f"7 dòng từ {cut}:5 trở đi không có trong kho: lượt chấm chưa xong, dừng sau dòng {TT22}:5, chưa tới các dòng ấy " \
           "(không phải dòng bị xoá); chấm lại tệp để có kết quả của chúng" in missing


def test_the_runs_list_writes_every_count_as_the_others(runner, cli, tmp_path):
    """'đã lưu' was printed 1200 beside 'đã đọc' 1.200: one way of writing a number in a row."""
    data = tmp_path / "lon.csv"
    data.write_text("id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n"
                    + "".join(f"CD-{i},1,9,9,8,8,9,6,9,8,8,8\n" for i in range(1200)), encoding="utf-8")
    db = str(tmp_path / "s.sqlite3")
    assert runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(data), "--store", db, "-f", "jsonl"]).exit_code == 0
    listing = runner.invoke(cli, ["runs", "--store", db])
    [line] = [x for x in listing.stdout.splitlines() if "lon.csv" in x]
    assert line.split()[-4:] == ["1.200", "1.200", "0", "1.200"], line


def test_a_store_whose_disk_fills_up_is_said_to_be_full_not_damaged_and_its_run_left_incomplete(runner, cli, tmp_path,
                                                                                                    monkeypatch):
    """SQLite's 'database or disk is full' was read as a damaged store ('restore it from a copy'):
    an auditor could throw away a sound store. The chunk being written is rolled back; the run
    stays 'incomplete', which is now said, as after Ctrl-C."""
    db, out = tmp_path / "kho.sqlite3", tmp_path / "kq.jsonl"

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(RunStore, "_flush", full)
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"),
                                 "-o", str(out), "--store", str(db)])
    assert result.exit_code == 2
    [run] = RunStore.open(db).runs()
    assert result.stderr == (
        f"đã ghi {out}\n"   # 12 records: the first chunk is flushed as the run is sealed, after the results file
        f"lượt chấm {run.run_id} vẫn 'chưa xong' trong {db} (các dòng đã lưu được giữ)\n"
        f"lỗi: {db}: ổ đĩa chứa kho lưu đã đầy, không lưu tiếp được; kho không bị hỏng (các lượt đã lưu còn nguyên): "
        "giải phóng dung lượng rồi chấm lại, hoặc lưu vào một kho ở ổ khác (--store ĐƯỜNG_DẪN)\n")
    assert run.status == "incomplete"


def test_a_run_whose_output_cannot_be_written_says_its_stored_run_is_left_incomplete(runner, cli, tmp_path, monkeypatch):
    """Only Ctrl-C said so: after a full disk under the output the store kept an unfinished run, unsaid."""
    import errno
    from scoring.results import render
    db, out = tmp_path / "kho.sqlite3", tmp_path / "kq.jsonl"

    def filling(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(render, "write_results", filling)
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"),
                                 "-o", str(out), "--store", str(db)])
    assert result.exit_code == 2
    [run] = RunStore.open(db).runs()
    assert result.stderr.splitlines() == [
        f"lượt chấm {run.run_id} vẫn 'chưa xong' trong {db} (các dòng đã lưu được giữ)",
        f"lỗi: không ghi được '{out}': ổ đĩa đầy; không tệp nào bị ghi dở: giải phóng dung lượng hoặc ghi ra nơi khác bằng -o TỆP"]
    assert run.status == "incomplete"
