"""What an auditor's review found the store could be made to hide, and what ``audit verify`` says now:
a finished run marked as crashed, results of a deleted run, an edited pack text, an edited run
header, a read-only command writing into a file that is not a store, a pack text changed without a
new version; and a store written before the checkpoints (tests/stores) still opens and verifies."""
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import CRITERIA, EXAMPLES
from scoring.audit.store import KEY_VARIABLE

TT22 = EXAMPLES / "don-vi-hoc-tap-tt22.csv"
HUYEN = EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv"
# Written by hoctap at 1ebb8f5 (before the checkpoints), in a folder holding units.csv (a copy of
# examples/don-vi-hoc-tap-tt22.csv): two complete runs (SOURCE_DATE_EPOCH 1764547200, signed with
# HOCTAP_AUDIT_KEY=old-store-key; 1764547260, unsigned), and one run stopped after a chunk of 4 rows
# (RunStore.create(chunk=4), six results passed, never finished).
OLD_STORE = Path(__file__).parent / "stores" / "schema2-before-checkpoints.sqlite3"
UNFINISHED = 3        # verify's exit status: every stored row reproduces, but an unfinished run is not proven whole


def sql(db, statement, *args):
    c = sqlite3.connect(db)
    try:
        rows = c.execute(statement, args).fetchall()
        c.commit()
        return rows
    finally:
        c.close()


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


# --- 2. results of a deleted run ---
def test_results_of_a_run_not_in_the_store_are_reported(runner, cli, tmp_path):
    db = tmp_path / "s.db"
    score(runner, cli, db)
    score(runner, cli, db)
    sql(db, "DELETE FROM runs WHERE run_no = 1")
    result = verify(runner, cli, db)
    assert result.exit_code == 1, result.output
    assert "kho giữ 11 dòng kết quả của lượt số 1, lượt không còn trong kho (bị xoá?)" in result.stdout
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
    assert "văn bản bộ tiêu chí don-vi-hoc-tap-tt22 1.0 đã lưu bị sửa (SHA-256 không khớp)" in one.stdout
    assert "11 dòng chấm theo bộ tiêu chí này không kiểm lại được" in one.stdout
    assert sum(x.startswith("KHÁC") for x in lines) <= 3
    assert lines[-1] == "1 lượt đã kiểm tra: văn bản bộ tiêu chí đã lưu bị sửa"
    monkeypatch.setattr(shared, "PARALLEL_ROWS", 1)
    monkeypatch.setattr(shared, "CHUNK_ROWS", 2)
    assert verify(runner, cli, db, "--jobs", "2").stdout == one.stdout


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


