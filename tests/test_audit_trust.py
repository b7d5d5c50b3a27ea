"""What an auditor's review found the store could be made to hide, and what ``audit verify`` says now:
a finished run marked as crashed, results of a deleted run, an edited pack text, an edited run
header, a read-only command writing into a file that is not a store, a pack text changed without a
new version; and a store written before the checkpoints (tests/stores) still opens and verifies."""
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import CRITERIA, EXAMPLES, sql
from scoring.audit.store import KEY_VARIABLE

TT22 = EXAMPLES / "don-vi-hoc-tap-tt22.csv"
HUYEN = EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv"
# Written by hoctap at 1ebb8f5 (before the checkpoints), in a folder holding units.csv (a copy of
# examples/don-vi-hoc-tap-tt22.csv): two complete runs (SOURCE_DATE_EPOCH 1764547200, signed with
# HOCTAP_AUDIT_KEY=old-store-key; 1764547260, unsigned), and one run stopped after a chunk of 4 rows
# (RunStore.create(chunk=4), six results passed, never finished).
OLD_STORE = Path(__file__).parent / "stores" / "schema2-before-checkpoints.sqlite3"
# Written by hoctap at 1f75252 (whose English reasons said '(1 points short)'), from a checkout's root:
# 'hoctap --lang en score -c cong-dan-hoc-tap examples/cong-dan-hoc-tap.csv --store …' (SOURCE_DATE_EPOCH 1764806400).
EN_BEFORE_1_POINT = Path(__file__).parent / "stores" / "en-before-1-point.sqlite3"
# Written by hoctap at e4c55e9 (which kept invisible characters in what it read) from tests/stores/invisible-chars.csv
# (a zero-width space in a name, in the id CD-002 and after a number), in that folder:
# 'hoctap score -c cong-dan-hoc-tap invisible-chars.csv --store=…' (SOURCE_DATE_EPOCH 1764892800).
INVISIBLE_BEFORE = Path(__file__).parent / "stores" / "invisible-chars-before.sqlite3"
# Written by hoctap at 8144c9f, whose self-assessment reader took claimed totals '80 điểm' and '75đ' for no number:
# 'hoctap verify -c cong-dan-hoc-tap claims.xlsx --store=…' (SOURCE_DATE_EPOCH 1764892800; tests/books.py's council
# workbook: CD-1 8 points each claiming '80 điểm', CD-2 9 each claiming '75đ', CD-3 7 each claiming '70').
CLAIMS_BEFORE_UNITS = Path(__file__).parent / "stores" / "claims-before-units.sqlite3"
UNFINISHED = 3        # verify's exit status: every stored row reproduces, but an unfinished run is not proven whole



def score(runner, cli, db, *args, criteria="don-vi-hoc-tap-tt22", records=TT22):
    result = runner.invoke(cli, ["score", "-c", str(criteria), str(records), f"--store={db}", *args])
    assert result.exit_code == 0, result.output
    return result


def verify(runner, cli, db, *args):
    result = runner.invoke(cli, ["audit", "verify", "--store", str(db), *args])
    assert "Traceback" not in result.output
    return result


MARK_CRASHED = ("UPDATE runs SET status = 'incomplete', seal = NULL, signature = NULL, finished_at = NULL, "
                "n_read = NULL, n_scored = NULL, n_rejected = NULL")


# --- 1. a finished run marked as crashed ---
def test_a_finished_run_marked_as_crashed_with_rows_removed_fails(runner, cli, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "secret123")
    db = tmp_path / "k.db"
    score(runner, cli, db)
    sql(db, MARK_CRASHED)
    sql(db, "DELETE FROM results WHERE row_no IN (2, 9)")
    for key in ("secret123", None):          # the checkpoint is caught with or without the key
        if key is None:
            monkeypatch.delenv(KEY_VARIABLE)
        result = verify(runner, cli, db)
        assert result.exit_code == 1, result.output
        assert "mọi kết quả đã lưu đều tái lập đúng" not in result.stdout
        assert "điểm kiểm tra cuối ghi 11 dòng, kho giữ 9 dòng" in result.stdout


def test_a_finished_run_marked_as_crashed_is_told_from_a_crash(runner, cli, tmp_path):
    db = tmp_path / "k.db"
    score(runner, cli, db)
    sql(db, MARK_CRASHED)
    result = verify(runner, cli, db)
    assert result.exit_code == 1, result.output
    assert "lượt chấm đã xong (điểm kiểm tra cuối ghi như vậy) nhưng bị đánh dấu chưa xong" in result.stdout


def test_a_crashed_run_whose_checkpoint_was_removed_too(runner, cli, tmp_path, monkeypatch):
    """The forger removes every trace: without the key, verify cannot tell it from a run of an
    older hoctap that stopped, and says the run is not proven whole (exit 3, never 0); with the
    key, the run's missing signature gives it away (exit 1)."""
    monkeypatch.setenv(KEY_VARIABLE, "secret123")
    db = tmp_path / "k.db"
    score(runner, cli, db)
    sql(db, MARK_CRASHED + ", checkpoint = NULL, checkpoint_rows = NULL, checkpoint_signature = NULL, head = NULL")
    sql(db, "DELETE FROM results WHERE row_no IN (2, 9)")
    keyed = verify(runner, cli, db)
    assert keyed.exit_code == 1, keyed.output
    assert "chữ ký: lượt chấm chưa xong không có điểm kiểm tra có chữ ký, dù HOCTAP_AUDIT_KEY đã được đặt" in keyed.stdout
    monkeypatch.delenv(KEY_VARIABLE)
    unkeyed = verify(runner, cli, db)
    assert unkeyed.exit_code == UNFINISHED, unkeyed.output
    assert "không chứng minh được kho còn đủ các dòng của lượt" in unkeyed.stdout
    assert unkeyed.stdout.splitlines()[-1] == (
        "1 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng, nhưng 1 lượt chưa xong không chứng minh được là đủ dòng")


def test_a_run_stopped_mid_way_verifies_against_its_signed_checkpoint(tmp_path, monkeypatch):
    from scoring import score_files
    from scoring.audit.replay import verify as replay_verify, verify_report
    from scoring.audit.store import RunStore
    monkeypatch.setenv(KEY_VARIABLE, "secret123")
    db = tmp_path / "s.sqlite3"
    store = RunStore.create(db, chunk=4)
    batch = score_files("don-vi-hoc-tap-tt22", [str(TT22)])
    store.begin_run(batch.run, {"criteria": "don-vi-hoc-tap-tt22", "lang": "vi"})
    results = store.record(batch.results())
    for _ in range(9):          # two chunks of 4 committed, one row pending and never written
        next(results)
    store.close()
    [check] = replay_verify(RunStore.open(db))
    report = verify_report([check])
    assert check.ok and check.unfinished
    assert "  điểm kiểm tra cuối: 8 dòng (khớp, chữ ký khớp)" in report
    monkeypatch.delenv(KEY_VARIABLE)
    assert "  điểm kiểm tra cuối: 8 dòng (khớp; có chữ ký HMAC: đặt HOCTAP_AUDIT_KEY để kiểm tra chữ ký)" in \
        verify_report(replay_verify(RunStore.open(db)))
    monkeypatch.setenv(KEY_VARIABLE, "secret123")
    sql(db, "UPDATE results SET outcome = outcome WHERE row_no = 1")     # not a change
    sql(db, "UPDATE runs SET checkpoint_rows = 4")                        # the forger's claim of fewer rows
    [check] = replay_verify(RunStore.open(db))
    assert not check.ok
    assert any("điểm kiểm tra cuối ghi 4 dòng, kho giữ 8 dòng" in x for x in verify_report([check]))


def test_a_run_just_stored_verifies_clean_with_two_jobs(runner, cli, tmp_path, monkeypatch):
    import scoring.run.replay as shared
    monkeypatch.setattr(shared, "PARALLEL_ROWS", 1)
    monkeypatch.setattr(shared, "CHUNK_ROWS", 2)
    monkeypatch.setenv(KEY_VARIABLE, "secret123")
    db = tmp_path / "k.db"
    score(runner, cli, db, "--jobs", "2")
    for jobs in ("1", "2"):
        result = verify(runner, cli, db, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        assert "(khớp, chữ ký khớp)" in result.stdout


# --- 2. results of a deleted run ---
def test_results_of_a_run_not_in_the_store_are_reported(runner, cli, tmp_path):
    db = tmp_path / "s.db"
    score(runner, cli, db)
    score(runner, cli, db)
    sql(db, "DELETE FROM runs WHERE run_no = 1")
    result = verify(runner, cli, db)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == "kho: có 11 dòng kết quả của lượt số 1, lượt này không còn trong kho (bị xoá?)"
    assert "không có lượt số 1" not in result.stdout       # said once
    assert "mọi kết quả" not in result.stdout.splitlines()[-1]


def test_a_whole_run_deleted_before_others_leaves_a_gap_in_the_run_numbers(runner, cli, tmp_path):
    db = tmp_path / "s.db"
    score(runner, cli, db)
    score(runner, cli, db)
    sql(db, "DELETE FROM results WHERE run_no = 1")
    sql(db, "DELETE FROM runs WHERE run_no = 1")
    result = verify(runner, cli, db)
    assert result.exit_code == 1, result.output
    assert "không có lượt số 1 (các lượt được đánh số liên tiếp: lượt bị xoá?)" in result.stdout


# --- 3. an edited pack text ---
def test_an_edited_pack_text_is_reported_once_not_per_row(runner, cli, tmp_path, monkeypatch):
    import scoring.run.replay as shared
    db = tmp_path / "s.db"
    score(runner, cli, db)
    sql(db, "UPDATE packs SET text = replace(text, 'min_total: 85', 'min_total: 80')")
    one = verify(runner, cli, db)
    assert one.exit_code == 1, one.output
    lines = one.stdout.splitlines()
    assert len(lines) < 10, one.stdout
    assert "văn bản bộ tiêu chí don-vi-hoc-tap-tt22 1.4 đã lưu bị sửa (SHA-256 không khớp)" in one.stdout
    assert "11 dòng chấm theo bộ tiêu chí này không kiểm lại được" in one.stdout
    assert sum(x.startswith("KHÁC") for x in lines) <= 3
    assert lines[-1] == "1 lượt đã kiểm tra: văn bản bộ tiêu chí đã lưu bị sửa"
    monkeypatch.setattr(shared, "PARALLEL_ROWS", 1)
    monkeypatch.setattr(shared, "CHUNK_ROWS", 2)
    assert verify(runner, cli, db, "--jobs", "2").stdout == one.stdout


# --- 4. an edited run header, end record or rows: each named for what it is ---
@pytest.mark.parametrize("edit,named,not_named", [
    ("UPDATE runs SET command = replace(command, 'tt22', 'tt24-tinh')",
     "phần đầu của lượt chấm (lệnh, thời điểm bắt đầu, bộ máy, tệp đầu vào) bị sửa sau khi chấm", "dòng bị sửa"),
    ("UPDATE runs SET finished_at = '2020-01-01T00:00:00Z'",
     "phần cuối của lượt chấm (thời điểm xong, số dòng đã đếm) bị sửa sau khi chấm", "dòng bị sửa"),
    ("UPDATE results SET where_ = 'x.csv:9' WHERE row_no = 3",
     "các dòng đã lưu bị sửa, thêm hoặc xoá sau khi chấm", "phần đầu"),
], ids=["header", "finish", "rows"])
def test_an_edited_part_of_a_run_is_named(runner, cli, tmp_path, edit, named, not_named):
    db = tmp_path / "s.db"
    score(runner, cli, db)
    sql(db, edit)
    result = verify(runner, cli, db)
    assert result.exit_code == 1, result.output
    assert named in result.stdout
    assert not_named not in result.stdout


# --- 4b. a sealed run's own hashes: the head and the final checkpoint ---
@pytest.mark.parametrize("edit,column", [
    # 'x' is no hex digit: the edit changes every head ('0' left one head in 16 as it was: a run that failed by chance)
    ("UPDATE runs SET head = 'x' || substr(head, 2)", "runs.head (mã phần đầu của lượt): kho ghi x"),
    ("UPDATE runs SET checkpoint_rows = 9", "runs.checkpoint_rows (số dòng của điểm kiểm tra cuối): kho ghi 9, "
                                            "lượt chấm đã niêm phong cho 11"),
    ("UPDATE runs SET checkpoint = NULL", "runs.checkpoint (mã điểm kiểm tra cuối): kho ghi (trống)"),
], ids=["head", "checkpoint_rows", "checkpoint"])
def test_an_edited_head_or_checkpoint_of_a_sealed_run_is_named(runner, cli, tmp_path, edit, column):
    """They name the part that changed when a seal fails: an edit of them in a sealed run was silent."""
    db = tmp_path / "s.db"
    score(runner, cli, db)
    assert verify(runner, cli, db).exit_code == 0
    sql(db, edit)
    result = verify(runner, cli, db)
    assert result.exit_code == 1, result.output
    assert "(khớp)" in result.stdout                      # the seal itself still matches
    assert column in result.stdout
    assert result.stdout.count("runs.") == 1              # only the edited column is named
    assert result.stdout.splitlines()[-1] == (
        "1 lượt đã kiểm tra: mã phần đầu hoặc điểm kiểm tra cuối của lượt đã niêm phong bị sửa")
    english = verify(runner, cli, db, "--lang", "en")
    assert english.exit_code == 1
    assert "this column was altered after scoring" in english.stdout
    assert english.stdout.splitlines()[-1] == "1 run checked: a sealed run's header hash or last checkpoint was altered"


def test_a_signed_checkpoint_of_a_sealed_run_is_checked_with_the_key(runner, cli, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "secret123")
    db = tmp_path / "k.db"
    score(runner, cli, db)
    sql(db, "UPDATE runs SET checkpoint_signature = NULL")
    keyed = verify(runner, cli, db)
    assert keyed.exit_code == 1, keyed.output
    assert "runs.checkpoint_signature (chữ ký của điểm kiểm tra cuối): kho ghi (trống)" in keyed.stdout
    monkeypatch.delenv(KEY_VARIABLE)                      # without the key a signature cannot be checked
    assert verify(runner, cli, db).exit_code == 0


# --- 5. a read-only command never writes ---
@pytest.mark.parametrize("args", [["runs"], ["audit", "verify"], ["audit", "show", "DV-001"]])
def test_an_empty_file_is_refused_and_left_alone(runner, cli, tmp_path, args):
    db = tmp_path / "e2.db"
    db.write_bytes(b"")
    result = runner.invoke(cli, [*args, "--store", str(db)])
    assert result.exit_code == 2, result.output
    assert f"{db}: tệp rỗng, không phải kho lưu lượt chấm của hoctap" in result.stderr
    assert "None" not in result.output and "Traceback" not in result.output
    assert db.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["e2.db"]


def test_a_database_without_tables_is_refused_and_left_alone(runner, cli, tmp_path):
    db = tmp_path / "blank.db"
    c = sqlite3.connect(db)
    c.execute("PRAGMA user_version = 7")    # a database file with a header and no table
    c.close()
    before = db.read_bytes()
    result = runner.invoke(cli, ["runs", "--store", str(db)])
    assert result.exit_code == 2, result.output
    assert "không phải kho lưu lượt chấm của hoctap (cơ sở dữ liệu không có bảng nào)" in result.stderr
    assert "None" not in result.output
    assert db.read_bytes() == before


def test_a_foreign_database_is_not_switched_to_wal(runner, cli, tmp_path):
    db = tmp_path / "other.db"
    c = sqlite3.connect(db)
    c.execute("CREATE TABLE t (x)")
    c.close()
    before = db.read_bytes()
    result = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert result.exit_code == 2 and "các bảng khác: t" in result.stderr
    assert db.read_bytes() == before


# --- 6. a pack text changed without a new version ---
@pytest.fixture
def two_texts(runner, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(CRITERIA / "don-vi-hoc-tap-tt24-huyen.yaml", "huyen.yaml")
    first = score(runner, cli, "s1.db", criteria="huyen.yaml", records=HUYEN)
    text = Path("huyen.yaml").read_text(encoding="utf-8")
    Path("huyen.yaml").write_text(text.replace("input: ty_le_chuyen_doi_so, value: 90}",      # DV-002 has 96: it fails
                                               "input: ty_le_chuyen_doi_so, value: 99}"), encoding="utf-8")
    second = score(runner, cli, "s1.db", criteria="huyen.yaml", records=HUYEN)
    shas = [s for (s,) in sql("s1.db", "SELECT sha256 FROM packs ORDER BY pack_no")]
    assert len(shas) == 2
    return first, second, shas


def test_a_pack_text_changed_without_a_new_version_is_warned_when_stored(runner, cli, two_texts):
    first, second, (old, new) = two_texts
    [(version,)] = sql("s1.db", "SELECT DISTINCT version FROM packs")
    assert "không đổi phiên bản" not in first.stderr
    assert (f"bộ tiêu chí don-vi-hoc-tap-tt24-huyen {version} đã có trong kho với văn bản khác (sha256 {old[:12]}…, "
            f"nay {new[:12]}…) mà không đổi phiên bản") in second.stderr
    again = score(runner, cli, "s1.db", criteria="huyen.yaml", records=HUYEN)    # the edited text, stored already
    assert f"(sha256 {old[:12]}…, nay {new[:12]}…) mà không đổi phiên bản" in again.stderr


def test_audit_show_marks_the_runs_whose_pack_text_differs(runner, cli, two_texts):
    _, _, (old, new) = two_texts
    [older, _] = [r for (r,) in sql("s1.db", "SELECT run_id FROM runs ORDER BY run_no")]
    result = runner.invoke(cli, ["audit", "show", "DV-001", "--store", "s1.db"])
    assert result.exit_code == 0, result.output
    assert f"Cũng có trong các lượt: {older} (văn bản bộ tiêu chí khác, cùng phiên bản: sha256 {old[:12]}…)" in result.stdout
    changed = runner.invoke(cli, ["audit", "show", "DV-002", "--store", "s1.db"])
    assert (f"Cũng có trong các lượt: {older} (văn bản bộ tiêu chí khác, cùng phiên bản: sha256 {old[:12]}…; "
            "kết quả khác: 'muc_do_1')") in changed.stdout


def test_a_store_copied_without_its_wal_during_a_run_is_told_as_such(runner, cli, tmp_path):
    """Someone copies hoctap.sqlite3 (only that file, as Explorer shows it) while a run is being
    stored: SQLite keeps the run in the '-wal' file beside it until the run ends, so the copy holds no
    table yet. It was called 'not a hoctap run store'; it is a copy made too early."""
    from scoring import score_files
    from scoring.audit.store import RunStore
    db, copy = tmp_path / "hoctap.sqlite3", tmp_path / "ban-sao.sqlite3"
    store = RunStore.create(db, chunk=4)
    batch = score_files("don-vi-hoc-tap-tt22", [str(TT22)])
    store.begin_run(batch.run, {"criteria": "don-vi-hoc-tap-tt22", "lang": "vi"})
    results = store.record(batch.results())
    for _ in range(5):          # a chunk committed, the run still going
        next(results)
    shutil.copyfile(db, copy)
    store.close()
    for args in (["runs"], ["audit", "verify"]):
        result = runner.invoke(cli, [*args, "--store", str(copy)])
        assert result.exit_code == 2, result.output
        assert (f"{copy}: kho lưu chưa có gì ngoài phần đầu tệp: có lẽ kho được chép khi một lượt chấm đang được lưu, "
                f"thiếu tệp '{copy}-wal' nằm bên cạnh") in result.stderr
        assert "không phải kho lưu" not in result.stderr


def _as_reader(args, cwd):
    """A hoctap command run by someone who cannot write where the store is. Root writes anywhere,
    so as root the command runs without the capabilities that let it (setpriv, util-linux)."""
    import os
    import subprocess
    import sys
    if os.name == "nt":
        pytest.skip("a read-only folder is made with POSIX permissions here")
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        caps = "-dac_override,-dac_read_search,-fowner"
        prefix = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]
    from conftest import ROOT
    return subprocess.run([*prefix, sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8")


@pytest.mark.parametrize("locked", ["folder", "file"])
def test_a_store_on_a_read_only_place_is_read_not_called_damaged(runner, cli, tmp_path, locked):
    """An archived copy (a read-only folder, share or disc, or a file marked read-only) is what an
    auditor is handed months later. SQLite could not read it (its WAL needs a '-shm' file beside it)
    and the auditor was told the store was damaged and to restore it from a copy."""
    archive = tmp_path / "luu-tru"
    archive.mkdir()
    db = archive / "s.sqlite3"
    score(runner, cli, db)
    before = db.read_bytes()
    (archive if locked == "folder" else db).chmod(0o555 if locked == "folder" else 0o444)
    try:
        checked = _as_reader(["audit", "verify", "--store", str(db)], tmp_path)
        shown = _as_reader(["audit", "show", "DV-003", "--store", str(db)], tmp_path)
        stored = _as_reader(["score", "-c", "don-vi-hoc-tap-tt22", str(TT22), f"--store={db}"], tmp_path)
    finally:
        archive.chmod(0o755)
        db.chmod(0o644)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1] == "1 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng"
    assert shown.returncode == 0 and "Kết quả: Khá (kha)" in shown.stdout, shown.stderr
    assert stored.returncode == 2 and "bị hỏng" not in stored.stderr and "Traceback" not in stored.stderr
    assert sorted(p.name for p in archive.iterdir()) == ["s.sqlite3"] and db.read_bytes() == before


# --- a store written before the checkpoints ---
def test_a_store_written_before_the_checkpoints_opens_and_verifies(runner, cli, tmp_path, monkeypatch):
    db = tmp_path / "old.sqlite3"
    shutil.copy(OLD_STORE, db)
    before = db.read_bytes()
    listing = runner.invoke(cli, ["runs", "--store", str(db)])
    assert listing.exit_code == 0 and "20251201T000200Z-add983" in listing.stdout
    signed = verify(runner, cli, db, "20251201T000000Z-4dc00a")
    assert signed.exit_code == 0, signed.output
    unsigned = verify(runner, cli, db, "20251201T000100Z-ec7863", "--seal",
                      "4c2b909a4f98466c3827b8e1ec52d2342860f8d90606a618d5e46b2b33965b28")
    assert unsigned.exit_code == 0, unsigned.output
    monkeypatch.setenv(KEY_VARIABLE, "old-store-key")
    keyed = verify(runner, cli, db, "20251201T000000Z-4dc00a")
    assert keyed.exit_code == 0 and "(khớp, chữ ký khớp)" in keyed.stdout
    monkeypatch.delenv(KEY_VARIABLE)
    everything = verify(runner, cli, db)
    assert everything.exit_code == UNFINISHED, everything.output     # its third run never finished
    assert "4 dòng đã lưu: 4 tái lập đúng" in everything.stdout
    assert db.read_bytes() == before                                   # read-only commands did not migrate it
    sql(db, "UPDATE runs SET command = replace(command, 'tt22', 'tt24-tinh') WHERE run_no = 1")
    edited = verify(runner, cli, db, "20251201T000000Z-4dc00a")
    assert edited.exit_code == 1
    assert "phần đầu của lượt chấm hoặc các dòng đã lưu bị sửa, thêm hoặc xoá sau khi chấm" in edited.stdout


def test_a_store_written_before_the_checkpoints_takes_new_runs(runner, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(OLD_STORE, "old.sqlite3")
    shutil.copy(TT22, "units.csv")
    score(runner, cli, "old.sqlite3", records="units.csv")
    assert sql("old.sqlite3", "SELECT count(*) FROM runs WHERE checkpoint IS NOT NULL") == [(1,)]
    result = verify(runner, cli, "old.sqlite3")
    assert result.exit_code == UNFINISHED, result.output
    assert "4 lượt đã kiểm tra" in result.stdout and "khác" not in result.stdout.replace("0 khác", "")


# --- a store whose outputs hoctap now words otherwise ---
def test_a_run_stored_in_earlier_words_still_reproduces_and_a_changed_result_still_does_not(runner, cli, tmp_path,
                                                                                             monkeypatch):
    """English reasons said '(1 points short)' before 5 December 2026; a run stored then hashed those
    words. Its replay, now worded '(1 point short)', is the same result: no alarm. Without the table of
    earlier words the same row is reported (the table is all that keeps it from an alarm)."""
    import scoring.audit.store as store
    db = tmp_path / "en.sqlite3"
    shutil.copy(EN_BEFORE_1_POINT, db)
    [[run]] = sql(db, "SELECT run_id FROM runs")
    clean = verify(runner, cli, db, run)
    assert clean.exit_code == 0 and "12 tái lập đúng, 0 khác" in clean.stdout, clean.output
    monkeypatch.setattr(store, "EARLIER_WORDINGS", ())
    alarmed = verify(runner, cli, db, run)
    assert alarmed.exit_code == 1 and "mã hồ sơ CD-2024-006" in alarmed.stdout and "11 tái lập đúng, 1 khác" in alarmed.stdout


def test_a_run_stored_before_invisible_characters_were_dropped_still_matches_its_file(runner, cli, tmp_path,
                                                                                     monkeypatch):
    """The readers keep a row's cells as they are (its raw hash is over them), and the id of a run stored
    when 'CD-002' and a zero-width space was its id pairs with the file's row, now read as 'CD-002':
    `--against` the unchanged file finds every row as scored, not one changed, one missing and one new."""
    shutil.copy(INVISIBLE_BEFORE, tmp_path / "s.sqlite3")
    shutil.copy(INVISIBLE_BEFORE.parent / "invisible-chars.csv", tmp_path / "invisible-chars.csv")
    monkeypatch.chdir(tmp_path)
    [[run]] = sql(tmp_path / "s.sqlite3", "SELECT run_id FROM runs")
    result = verify(runner, cli, "s.sqlite3", run, "--against", "invisible-chars.csv")
    assert result.exit_code == 0, result.output
    assert "4 dòng khớp với các dòng đã lưu" in result.stdout and "không khớp" not in result.stdout, result.output


BEFORE_ARTICLE_CAPITALS = Path(__file__).parent / "stores" / "before-article-capitals.sqlite3"


def test_runs_stored_before_article_names_kept_their_capitals_still_reproduce(runner, cli, tmp_path, monkeypatch):
    """Stored by hoctap e4c55e9 (TT 24 province and TT 25 commune examples, English then Vietnamese): their
    reasons said 'because criterion 2 – Indicator 3' / 'vì tiêu chí 2 – Chỉ tiêu 3' and '… (%) — level 2 is
    60%'; hoctap now writes 'Criterion 2 – Indicator 3' and '… (level 2) is 60%'. Same results in the words
    of their day: no alarm. Without the table of earlier words exactly those rows are reported."""
    import scoring.audit.store as store
    db = tmp_path / "before.sqlite3"
    shutil.copy(BEFORE_ARTICLE_CAPITALS, db)
    clean = verify(runner, cli, db)
    assert clean.exit_code == 0 and "4 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng" in clean.stdout, clean.output
    monkeypatch.setattr(store, "EARLIER_WORDINGS", ())
    alarmed = verify(runner, cli, db)
    assert alarmed.exit_code == 1
    for changed in ("DV-003", "DV-004", "DV-009", "DV-013", "DV-014", "XA-04", "XA-07"):
        assert f"mã hồ sơ {changed}" in alarmed.stdout, changed
    assert alarmed.stdout.count("16 dòng đã lưu: 11 tái lập đúng, 5 khác") == 2, alarmed.stdout
    assert alarmed.stdout.count("8 dòng đã lưu: 6 tái lập đúng, 2 khác") == 2, alarmed.stdout


SHORT_BRACKETS_BEFORE = Path(__file__).parent / "stores" / "short-brackets-before.sqlite3"
UNIT_BRACKET_BEFORE = Path(__file__).parent / "stores" / "unit-bracket-before.sqlite3"


def test_runs_stored_when_a_labels_short_bracket_was_dropped_still_reproduce(runner, cli, tmp_path, monkeypatch):
    """Stored by hoctap 7560b63 (TT 25 xã, huyện, tỉnh; a record whose 'Tiêu chí 1 – Chỉ tiêu 1' is 'không',
    one where it is blank; Vietnamese then English): its reasons said 'vì Tiêu chí 1 – Chỉ tiêu 1 là không',
    dropping the label's '(tuyên truyền)' as if it were a unit; hoctap now keeps it. Same results in the
    words of their day: no alarm, though 'vì Tiêu chí' had kept its capital already (an earlier change's
    pair, applied too, would lower-case it). Without the table exactly the Vietnamese rows are reported."""
    import scoring.audit.store as store
    db = tmp_path / "before.sqlite3"
    shutil.copy(SHORT_BRACKETS_BEFORE, db)
    clean = verify(runner, cli, db)
    assert clean.exit_code == 0 and "6 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng" in clean.stdout, clean.output
    monkeypatch.setattr(store, "EARLIER_WORDINGS", ())
    alarmed = verify(runner, cli, db)
    assert alarmed.exit_code == 1
    for changed in ("XA-01-KHONG", "XA-01-TRONG", "HU-01-KHONG", "HU-01-TRONG", "TI-01-KHONG", "TI-01-TRONG"):
        assert alarmed.stdout.count(f"mã hồ sơ {changed})") == 1, changed
    assert alarmed.stdout.count("2 dòng đã lưu: 0 tái lập đúng, 2 khác") == 3, alarmed.stdout
    assert alarmed.stdout.count("2 dòng đã lưu: 2 tái lập đúng, 0 khác") == 3, alarmed.stdout


def test_runs_stored_when_a_long_unit_bracket_was_kept_still_reproduce(runner, cli, tmp_path, monkeypatch):
    """Stored by hoctap 7560b63 (TT 25 huyện, English then Vietnamese; an employment rate that did not rise,
    one left blank): its English reasons kept the label's '(percentage points)', a unit too long for the
    rule of the day, which the sentence's '0 percentage points' repeats; hoctap now drops the input's own
    unit whatever its length. No alarm; without the earlier wordings exactly the English rows are reported."""
    import scoring.audit.store as store
    db = tmp_path / "before.sqlite3"
    shutil.copy(UNIT_BRACKET_BEFORE, db)
    clean = verify(runner, cli, db)
    assert clean.exit_code == 0 and "2 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng" in clean.stdout, clean.output
    monkeypatch.setattr(store, "EARLIER_WORDINGS", ())
    alarmed = verify(runner, cli, db)
    assert alarmed.exit_code == 1
    assert alarmed.stdout.count("2 dòng đã lưu: 0 tái lập đúng, 2 khác") == 1, alarmed.stdout
    assert alarmed.stdout.count("2 dòng đã lưu: 2 tái lập đúng, 0 khác") == 1, alarmed.stdout


def test_a_run_whose_claims_an_earlier_hoctap_read_otherwise_still_reproduces(runner, cli, tmp_path, monkeypatch):
    """'80 điểm' claimed was 'not a number' to the hoctap that stored the run and is 80 now: the
    replay reads the stored claims as they were read then before calling the row changed."""
    from scoring.audit import replay
    db = tmp_path / "claims.sqlite3"
    shutil.copy(CLAIMS_BEFORE_UNITS, db)
    clean = verify(runner, cli, db)
    assert clean.exit_code == 0 and "3 dòng đã lưu: 3 tái lập đúng, 0 khác" in clean.stdout, clean.output
    monkeypatch.setattr(replay, "_in_earlier_reading", lambda fresh, stored: False)
    alarmed = verify(runner, cli, db)
    assert alarmed.exit_code == 1 and "1 tái lập đúng, 2 khác" in alarmed.stdout, alarmed.output


REPEATED_HEADER_BEFORE = Path(__file__).parent / "stores" / "repeated-header-before.sqlite3"


def test_rows_an_earlier_hoctap_rejected_and_this_one_skips_are_no_alarm_against_the_file(runner, cli, tmp_path):
    """Stored by hoctap 7560b63 from a workbook whose two-row header and page title repeat after a page break
    (tests/test_repeated_headers.py's rows): it rejected the title row and the header's upper rows (8, 9, 13),
    which this hoctap reads as no record at all. Against the unchanged file they are said apart, not called
    'in the store but not in the original file'; a row the file really lost still is."""
    db = tmp_path / "before.sqlite3"
    shutil.copy(REPEATED_HEADER_BEFORE, db)
    book = tmp_path / "ds-lap-tieu-de.xlsx"
    shutil.copy(REPEATED_HEADER_BEFORE.parent / "ds-lap-tieu-de.xlsx", book)
    run = "20261205T022838Z-0dbfed"
    got = verify(runner, cli, db, run, "--against", str(book))
    assert got.exit_code == 0, got.output
    for row, rid in ((8, "-"), (9, "Mã CB"), (13, "Mã CB")):
        assert (f"ds-lap-tieu-de.xlsx:DS!{row} (mã {rid}): bị loại khi chấm, nay không được đọc là hồ sơ (dòng tiêu đề "
                "lặp lại, tiêu đề trang, dòng tổng hoặc chữ ký): không có kết quả khi đó cũng như bây giờ") in got.stdout
    assert "so với tệp gốc: 6 dòng khớp với các dòng đã lưu" in got.stdout
    assert "không có trong tệp gốc" not in got.stdout
    # a person's row taken out of the file is still a missing row
    import openpyxl
    wb = openpyxl.load_workbook(book)
    wb["DS"].delete_rows(15)
    wb.save(book)
    lost = verify(runner, cli, db, run, "--against", str(book))
    assert lost.exit_code == 1 and "DS!15 (mã CB-6): dòng có trong kho nhưng không có trong tệp gốc" in lost.stdout, lost.stdout
