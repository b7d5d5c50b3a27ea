"""Sealed runs: the seal printed at the end of a run and recomputed by audit verify; a forged row
copied into a store with its own consistent hashes is caught by the seal, by the signature and by
--against; reproducible run ids (SOURCE_DATE_EPOCH); damaged, foreign, old and busy stores."""
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, sql
from scoring.audit.replay import Replayer
from scoring.audit.store import (KEY_VARIABLE, ROW_FIELDS, RunStore, output_sha256, seal_checkpoint, seal_head,
                                 seal_link, seal_tail, sign)

TT22 = EXAMPLES / "don-vi-hoc-tap-tt22.csv"



def score(runner, cli, records, db, *more):
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(records), "--store", str(db), *more])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def forged(runner, cli, tmp_path, monkeypatch):
    """A store of the original file whose row 3 was replaced by the row scored from an edited copy
    (with its own, consistent hashes), as someone with write access to the store could do."""
    monkeypatch.chdir(tmp_path)
    Path("hs.csv").write_bytes(TT22.read_bytes())
    score(runner, cli, "hs.csv", "a.sqlite3")
    Path("edited").mkdir()
    lines = TT22.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[3].split(",")
    assert lines[0].split(",")[9] == "Chỉ số 3a" and cells[9] == "18"
    cells[9] = "20"                      # 83 → 85 points: Khá becomes Tốt
    lines[3] = ",".join(cells)
    Path("edited/hs.csv").write_text("".join(lines), encoding="utf-8")
    score(runner, cli, "edited/hs.csv", "b.sqlite3")
    [forged_row] = sql("b.sqlite3", "SELECT * FROM results WHERE row_no = 3")
    assert forged_row != sql("a.sqlite3", "SELECT * FROM results WHERE row_no = 3")[0]
    c = sqlite3.connect("a.sqlite3")
    names = [d[1] for d in c.execute("PRAGMA table_info(results)")]
    row = dict(zip(names, forged_row))
    row["run_no"] = 1
    row["where_"] = "hs.csv:4"   # the forger fixes the place too
    c.execute("DELETE FROM results WHERE row_no = 3")
    c.execute(f"INSERT INTO results ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    c.commit()
    c.close()
    store = RunStore.open("a.sqlite3")        # and makes the row's output hash that of run A
    [run] = store.runs()
    stored = next(r for r in store.results(run.run_no) if r["row_no"] == 3)
    fresh, problems = Replayer(store).rebuild(stored, run)
    assert problems == [] and fresh.scored.outcome == "tot"
    store.close()
    sql("a.sqlite3", "UPDATE results SET output_sha256 = ? WHERE row_no = 3", bytes.fromhex(output_sha256(fresh)))
    return tmp_path


def reseal(db, checkpoint=True):
    """What a forger without the key can do: recompute the whole chain and store the new seal (and,
    unless ``checkpoint`` is False, the final checkpoint, which verify checks against the rows too)."""
    c = sqlite3.connect(db)
    c.row_factory = sqlite3.Row
    run = c.execute("SELECT * FROM runs").fetchone()
    chain = seal_head(run["run_id"], run["started_at"], json.loads(run["command"]), json.loads(run["engine"]),
                      json.loads(run["files"]), bool(run["store_inputs"]))
    rows = c.execute("SELECT x.*, p.sha256 AS pack_sha256 FROM results x LEFT JOIN packs p USING (pack_no) "
                     "ORDER BY row_no").fetchall()
    for r in rows:
        fields = {k: (r[k].hex() if isinstance(r[k], bytes) else r[k]) for k in ROW_FIELDS}
        chain = seal_link(chain, fields)
    seal = seal_tail(chain, run["finished_at"], [run["n_read"], run["n_scored"], run["n_rejected"], run["n_members"]])
    c.execute("UPDATE runs SET seal = ?", (seal,))
    if checkpoint:
        c.execute("UPDATE runs SET checkpoint = ?, checkpoint_rows = ?", (seal_checkpoint(chain, len(rows), True), len(rows)))
    c.commit()
    c.close()
    return seal


def test_a_forged_row_is_caught_by_the_seal_and_by_against(runner, cli, forged):
    [(run, seal)] = sql("a.sqlite3", "SELECT run_id, seal FROM runs")
    checked = runner.invoke(cli, ["audit", "verify", "--store", "a.sqlite3"])
    assert checked.exit_code == 1, checked.output
    assert "0 khác" in checked.stdout                 # the row itself replays: its hashes are consistent
    assert f"lượt chấm đã niêm phong {seal}" in checked.stdout
    against = runner.invoke(cli, ["audit", "verify", run, "--against", "hs.csv", "--store", "a.sqlite3"])
    assert against.exit_code == 1
    # the forged value is named, as stored and as the file has it (it said only "(raw_sha256)")
    assert ("hs.csv:4 (mã DV-003): dòng trong tệp gốc khác dòng đã chấm, ở dữ liệu dùng để chấm: "
            "'3a' lúc chấm là 20, nay là 18") in against.stdout
    assert "so với tệp gốc: 1 dòng không khớp" in against.stdout

    reseal("a.sqlite3", checkpoint=False)     # the seal alone recomputed: the final checkpoint tells
    partly = runner.invoke(cli, ["audit", "verify", "--store", "a.sqlite3"])
    assert partly.exit_code == 1, partly.output
    assert "runs.checkpoint (mã điểm kiểm tra cuối): kho ghi" in partly.stdout
    new_seal = reseal("a.sqlite3")            # a forger who recomputes the chain passes the stored seal…
    again = runner.invoke(cli, ["audit", "verify", "--store", "a.sqlite3"])
    assert again.exit_code == 0 and new_seal != seal
    minutes = runner.invoke(cli, ["audit", "verify", run, "--seal", seal, "--store", "a.sqlite3"])
    assert minutes.exit_code == 1            # …but not the seal written in the minutes
    assert f"không phải mã đã ghi {seal}" in minutes.stdout
    assert runner.invoke(cli, ["audit", "verify", run, "--against", "hs.csv", "--store", "a.sqlite3"]).exit_code == 1


def _against(runner, cli, run, path, db="a.sqlite3"):
    return runner.invoke(cli, ["audit", "verify", run, "--against", path, "--store", db])


def test_against_pairs_rows_by_record_id_not_by_line(runner, cli, tmp_path, monkeypatch):
    """Rows were compared by line: one row deleted made every later row 'differ' and named the last
    record as missing; a new row appended was never named; a re-sorted file failed on every row.
    Now a row is paired with the stored row of its record id: a deleted record is named missing,
    a new one new, and a row only moved is told as information (exit 0 when nothing else differs)."""
    monkeypatch.chdir(tmp_path)
    Path("hs.csv").write_bytes(TT22.read_bytes())
    score(runner, cli, "hs.csv", "a.sqlite3")
    [(run,)] = sql("a.sqlite3", "SELECT run_id FROM runs")
    ids = dict(sql("a.sqlite3", "SELECT where_, record_id FROM results"))
    header, *lines = TT22.read_text(encoding="utf-8").splitlines(keepends=True)
    gone, new = ids["hs.csv:3"], lines[0].replace(ids["hs.csv:2"], "DV-MOI", 1)

    Path("hs.csv").write_text(header + "".join(lines[:1] + lines[2:]) + new, encoding="utf-8")
    deleted = _against(runner, cli, run, "hs.csv")
    assert deleted.exit_code == 1, deleted.output
    problems = [line for line in deleted.stdout.splitlines() if re.match(r"hs\.csv:\d+ ", line) and "đổi vị trí" not in line]
    assert problems == [f"hs.csv:{len(lines) + 1} (mã DV-MOI): dòng có trong tệp nhưng không có trong lượt chấm đã lưu",
                        f"hs.csv:3 (mã {gone}): dòng có trong kho nhưng không có trong tệp gốc"]
    assert f"hs.csv:4 (mã {ids['hs.csv:4']}): cùng nội dung, chỉ đổi vị trí, nay ở hs.csv:3" in deleted.stdout
    assert "so với tệp gốc: 2 dòng không khớp" in deleted.stdout

    Path("hs.csv").write_text(header + "".join(reversed(lines)), encoding="utf-8")
    resorted = _against(runner, cli, run, "hs.csv")
    assert resorted.exit_code == 0, resorted.output
    moved = len(lines) - len(lines) % 2   # reversed: all but the middle row of an odd count
    assert f"so với tệp gốc: {moved} dòng chỉ đổi vị trí trong tệp" in resorted.stdout
    assert f"so với tệp gốc: {len(lines)} dòng khớp với các dòng đã lưu" in resorted.stdout

    edited = [line.replace(",18,", ",20,", 1) if line.startswith(ids["hs.csv:4"] + ",") else line for line in lines]
    assert edited != lines
    Path("hs.csv").write_text(header + "".join(reversed(edited)), encoding="utf-8")
    changed = _against(runner, cli, run, "hs.csv")
    assert changed.exit_code == 1
    now = len(lines) - 1   # lines[2] (line 4), reversed: index len - 3, line len - 1
    assert (f"hs.csv:4 (mã {ids['hs.csv:4']}, nay ở hs.csv:{now}): dòng trong tệp gốc khác dòng đã chấm, "
            "ở dữ liệu dùng để chấm: '3a' lúc chấm là 18, nay là 20" in changed.stdout)
    assert "so với tệp gốc: 1 dòng không khớp" in changed.stdout


def test_against_matches_rows_without_an_id_by_their_line(runner, cli, tmp_path, monkeypatch):
    """A row rejected for its missing id has no id to pair by: it is compared with the stored row of its line."""
    monkeypatch.chdir(tmp_path)
    header, *lines = TT22.read_text(encoding="utf-8").splitlines(keepends=True)
    no_id = "," + lines[1].split(",", 1)[1]
    Path("hs.csv").write_text(header + lines[0] + no_id + "".join(lines[2:]), encoding="utf-8")
    runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", "hs.csv", "--store", "a.sqlite3"])
    [(run,)] = sql("a.sqlite3", "SELECT run_id FROM runs")
    assert sql("a.sqlite3", "SELECT record_id FROM results WHERE where_ = 'hs.csv:3'") == [(None,)]
    same = _against(runner, cli, run, "hs.csv")
    assert same.exit_code == 0 and f"so với tệp gốc: {len(lines)} dòng khớp" in same.stdout
    Path("hs.csv").write_text(header + lines[0] + no_id.replace("Văn phòng", "VP", 1) + "".join(lines[2:]),
                              encoding="utf-8")
    changed = _against(runner, cli, run, "hs.csv")
    assert changed.exit_code == 1
    assert "hs.csv:3 (mã -): dòng trong tệp gốc khác dòng đã chấm (raw_sha256)" in changed.stdout


def test_an_hmac_key_signs_the_seal_and_a_resealed_store_fails_with_it(runner, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(KEY_VARIABLE, "khóa bí mật của hội đồng")
    score(runner, cli, TT22, "k.sqlite3")
    [(seal, signature)] = sql("k.sqlite3", "SELECT seal, signature FROM runs")
    assert signature == sign(seal, "khóa bí mật của hội đồng")
    ok = runner.invoke(cli, ["audit", "verify", "--store", "k.sqlite3"])
    assert ok.exit_code == 0 and "chữ ký khớp" in ok.stdout
    sql("k.sqlite3", "UPDATE results SET outcome = 'tot', total = 90 WHERE row_no = 3")
    reseal("k.sqlite3")
    caught = runner.invoke(cli, ["audit", "verify", "--store", "k.sqlite3"])
    assert caught.exit_code == 1 and "chữ ký: không khớp" in caught.stdout
    monkeypatch.delenv(KEY_VARIABLE)
    unkeyed = runner.invoke(cli, ["audit", "verify", "--store", "k.sqlite3"])
    assert f"đặt {KEY_VARIABLE} để kiểm tra chữ ký" in unkeyed.stdout


def test_a_wrong_key_says_the_signature_failed_not_the_seal(runner, cli, tmp_path, monkeypatch):
    """The seal matched and only its signature did not (another key, or a run stored without one): the last
    line said 'niêm phong không khớp', which sends the auditor after an edited store that is not there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(KEY_VARIABLE, "khóa của hội đồng")
    score(runner, cli, TT22, "k.sqlite3")
    monkeypatch.setenv(KEY_VARIABLE, "khóa khác")
    other = runner.invoke(cli, ["audit", "verify", "--store", "k.sqlite3"])
    assert other.exit_code == 1
    lines = other.stdout.splitlines()
    assert "  chữ ký: không khớp với khoá trong HOCTAP_AUDIT_KEY (niêm phong bị làm lại, hoặc khoá khác)" in lines
    assert lines[-1] == "1 lượt đã kiểm tra: mọi kết quả tái lập đúng; chữ ký của niêm phong không khớp hoặc thiếu"
    sql("k.sqlite3", "UPDATE results SET total = 90 WHERE row_no = 3")   # the seal itself fails too: it is said
    both = runner.invoke(cli, ["audit", "verify", "--store", "k.sqlite3"])
    assert both.stdout.splitlines()[-1] == "1 lượt đã kiểm tra: 1 kết quả khác; niêm phong không khớp"


def test_source_date_epoch_makes_two_runs_byte_identical(runner, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    outs = [runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(TT22), "-f", "jsonl"]).stdout
            for _ in range(2)]
    assert outs[0] == outs[1]
    first = json.loads(outs[0].splitlines()[0])["provenance"]
    assert first["run_at"] == "2025-01-01T00:00:00Z" and first["run_id"].startswith("20250101T000000Z-")
    other = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(TT22), "-f", "jsonl", "--lang", "en"]).stdout
    assert json.loads(other.splitlines()[0])["provenance"]["run_id"] != first["run_id"]   # another command
    score(runner, cli, TT22, "s.sqlite3")
    twice = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(TT22), "--store", "s.sqlite3"])
    assert twice.exit_code == 2 and "đã có trong s.sqlite3" in twice.stderr
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    ids = {json.loads(runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(TT22), "-f", "jsonl"])
                      .stdout.splitlines()[0])["provenance"]["run_id"] for _ in range(2)}
    assert len(ids) == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    bad = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(TT22)])
    assert bad.exit_code == 2 and "SOURCE_DATE_EPOCH='soon'" in bad.stderr


def test_runs_lists_the_rows_of_a_run(runner, cli, tmp_path):
    db = tmp_path / "s.sqlite3"
    score(runner, cli, TT22, db)
    [(run, seal)] = sql(db, "SELECT run_id, seal FROM runs")
    listing = runner.invoke(cli, ["runs", run, "--store", str(db)])
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    assert lines[-1] == f"Mã niêm phong của lượt chấm: {seal}"
    row3 = next(x for x in lines if "DV-003" in x).split("  ")
    cells = [c.strip() for c in row3 if c.strip()]
    assert cells[0] == "3" and cells[3:5] == ["Khá", "83"]    # the outcome in words (it showed the code 'kha')


def test_runs_titles_every_column_and_writes_numbers_as_the_reader_does(runner, cli, tmp_path):
    """The rows of a run had an untitled second column, outcome codes (dat/chua_dat) and a total
    written 79.5 in Vietnamese."""
    records = tmp_path / "cd.csv"
    records.write_text("id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\nA,1,8.5,8,8,8,8,8,8,8,8,8\n", encoding="utf-8")
    db = tmp_path / "s.sqlite3"
    assert runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(records), "--store", str(db)]).exit_code == 0
    [(run, outcome, total)] = sql(db, "SELECT run_id, outcome, total FROM results JOIN runs USING (run_no)")
    assert (outcome, total) == ("dat", 80.5)
    for lang, header, words, number in (("vi", "loại dòng", "Đạt danh hiệu Công dân học tập", "80,5"),
                                        ("en", "row kind", "Recognised as a learning citizen", "80.5")):
        lines = runner.invoke(cli, ["runs", run, "--store", str(db), "--lang", lang]).stdout.splitlines()
        titles = [c for c in lines[0].split("  ") if c.strip()]
        assert len(titles) == 8 and titles[1].strip() == header       # every column titled
        row = [c.strip() for c in lines[2].split("  ") if c.strip()]
        assert row[3:5] == [words, number]


def test_a_local_variant_extending_a_file_beside_it_verifies(runner, cli, tmp_path):
    (tmp_path / "parent.yaml").write_text((ROOT / "criteria" / "don-vi-hoc-tap-tt22.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    (tmp_path / "child.yaml").write_text('extends: ./parent.yaml\nid: tt22-xa-vi-du\nversion: "0.1"\n'
                                         "outcome:\n  bands:\n    - code: tot\n      min_total: 95\n", encoding="utf-8")
    db = tmp_path / "s.sqlite3"
    scored = runner.invoke(cli, ["score", "-c", str(tmp_path / "child.yaml"), str(TT22), "--store", str(db)])
    assert scored.exit_code == 0, scored.output
    assert sql(db, "SELECT count(*), count(base) FROM packs") == [(2, 1)]     # the child and the file it extends
    (tmp_path / "parent.yaml").unlink()                                        # replay needs only the store
    checked = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert checked.exit_code == 0, checked.output


def test_a_deleted_member_row_is_caught(runner, cli, tmp_path):
    db = tmp_path / "m.sqlite3"
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh",
                                 str(EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"),
                                 "--members", str(EXAMPLES / "members" / "members.csv"), "--store", str(db)])
    assert result.exit_code == 0, result.output
    [(row_no,)] = sql(db, "SELECT min(row_no) FROM results WHERE member")
    sql(db, "DELETE FROM results WHERE row_no = ?", row_no)
    checked = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert checked.exit_code == 1
    assert "các dòng thành viên đã lưu cho" in checked.stdout


def test_the_store_is_never_an_input_nor_the_output(runner, cli, tmp_path):
    records = tmp_path / "hs.csv"
    records.write_bytes(TT22.read_bytes())
    for args in (["--store", str(records)], ["--store", str(tmp_path / "x.sqlite3"), "-o", str(tmp_path / "x.sqlite3")]):
        result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(records), *args])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert records.read_bytes() == TT22.read_bytes() and not (tmp_path / "x.sqlite3").exists()
    alias = tmp_path / "hs.sqlite3"
    os.link(records, alias)             # the same file under a store-like name
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt22", str(records), "--store", str(alias)])
    assert result.exit_code == 2 and "là tệp đầu vào" in result.stderr
    assert records.read_bytes() == TT22.read_bytes()


def test_damaged_and_old_stores_are_clear_errors(runner, cli, tmp_path):
    db = tmp_path / "s.sqlite3"
    score(runner, cli, TT22, db)
    data = bytearray(db.read_bytes())
    for i in range(1024, len(data), 7):          # damage every page but the header
        data[i] = 0xA5
    db.write_bytes(bytes(data))
    for wal in tmp_path.glob("s.sqlite3-*"):
        wal.unlink()
    for args in (["runs"], ["audit", "verify"], ["score", "-c", "don-vi-hoc-tap-tt22", str(TT22)]):
        result = runner.invoke(cli, [*args, "--store", str(db)])
        assert result.exit_code == 2, (args, result.output)
        assert "kho lưu bị hỏng" in result.stderr and "Traceback" not in result.output
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as c:
        c.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        c.execute("INSERT INTO meta VALUES ('schema', '1')")
    for args in (["runs"], ["score", "-c", "don-vi-hoc-tap-tt22", str(TT22)]):
        result = runner.invoke(cli, [*args, "--store", str(old)])
        assert result.exit_code == 2 and "lược đồ 1" in result.stderr


def test_two_runs_writing_one_store_at_once_both_succeed(tmp_path):
    db = tmp_path / "s.sqlite3"
    cmd = [sys.executable, str(ROOT / "cli.py"), "score", "-c", "don-vi-hoc-tap-tt22", str(TT22), "--store", str(db)]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert "Traceback" not in "".join(errors)
    assert sql(db, "SELECT count(*) FROM runs WHERE status = 'complete'") == [(2,)]
    assert sql(db, "SELECT count(*) FROM packs") == [(1,)]


def test_a_members_run_checks_against_the_units_and_members_files(runner, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("units.csv").write_bytes((EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv").read_bytes())
    Path("members.csv").write_bytes((EXAMPLES / "members" / "members.csv").read_bytes())
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh", "units.csv", "--members", "members.csv",
                                 "--store", "m.sqlite3"])
    assert result.exit_code == 0, result.output
    [(run,)] = sql("m.sqlite3", "SELECT run_id FROM runs")
    args = ["audit", "verify", run, "--against", "units.csv", "members.csv", "--store", "m.sqlite3"]
    ok = runner.invoke(cli, args)
    assert ok.exit_code == 0, ok.output
    n = len(Path("units.csv").read_text(encoding="utf-8").splitlines()) + \
        len(Path("members.csv").read_text(encoding="utf-8").splitlines()) - 2
    assert f"so với tệp gốc: {n} dòng khớp" in ok.stdout
    lines = Path("members.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    Path("members.csv").write_text("".join(lines[:-1]), encoding="utf-8")      # a member dropped from the file
    caught = runner.invoke(cli, args)
    assert caught.exit_code == 1 and "dòng có trong kho nhưng không có trong tệp gốc" in caught.stdout


def test_every_sheet_of_a_workbook_is_checked_against(runner, cli, tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    header = ["id", "group", "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    for i, name in enumerate(["Xã A", "Xã B"]):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(header)
        sheet.append([f"CD-{i}", 1, 8 + i, 8, 8, 8, 8, 8, 8, 8, 8, 8])
    book.save(tmp_path / "xa.xlsx")
    db = str(tmp_path / "w.sqlite3")
    scored = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(tmp_path / "xa.xlsx"), "--sheet", "*",
                                 "--store", db])
    assert scored.exit_code == 0, scored.output
    [(run,)] = sql(db, "SELECT run_id FROM runs")
    checked = runner.invoke(cli, ["audit", "verify", run, "--against", str(tmp_path / "xa.xlsx"), "--store", db])
    assert checked.exit_code == 0, checked.output
    assert "so với tệp gốc: 2 dòng khớp" in checked.stdout


def test_a_store_found_being_switched_to_wal_is_tried_again(tmp_path, monkeypatch):
    """SQLite answers 'database is locked' at once (without its busy wait) to the second of two
    runs switching a new store to WAL together: the run tries again instead of failing."""
    import sqlite3
    import scoring.audit.store as store
    real = sqlite3.connect
    refused = []

    class Switching:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, *args):
            if "journal_mode" in sql and len(refused) < 3:
                refused.append(sql)
                raise sqlite3.OperationalError("database is locked")
            return self.conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.conn, name)

    monkeypatch.setattr(store.sqlite3, "connect", lambda *a, **k: Switching(real(*a, **k)))
    conn = store._connect(str(tmp_path / "s.sqlite3"), create=True)
    assert len(refused) == 3
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setattr(store, "BUSY_SECONDS", 0)
    refused.clear()
    with pytest.raises(store.StoreError):   # past the wait, the clear error as before
        store._connect(str(tmp_path / "t.sqlite3"), create=True)


def test_against_says_what_changed_in_a_row_and_whether_it_touches_the_result(runner, cli, tmp_path, monkeypatch):
    """A row that differed from the one scored was only "dòng trong tệp gốc khác dòng đã chấm (raw_sha256)",
    whether a point was changed or a typo in the unit's name fixed: the auditor could not tell which. Now
    the values scored are named (then and now), the self-assessment is said, and a change of the other
    columns is told apart as leaving the result as it was (with --store-inputs, the columns named)."""
    monkeypatch.chdir(tmp_path)
    Path("hs.csv").write_bytes(TT22.read_bytes())
    score(runner, cli, "hs.csv", "a.sqlite3")
    score(runner, cli, "hs.csv", "b.sqlite3", "--store-inputs")
    [(run,)] = sql("a.sqlite3", "SELECT run_id FROM runs")
    [(kept,)] = sql("b.sqlite3", "SELECT run_id FROM runs")
    header, *lines = TT22.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("DV-003,Trung tâm Y tế huyện Tân Hòa,") and ",18,10,3" in lines[2]
    renamed = lines[2].replace("Trung tâm Y tế", "TT Y tế", 1).replace(",18,10,3", ",18.0,10,3", 1)
    Path("hs.csv").write_text(header + "".join(lines[:2]) + renamed + "".join(lines[3:]), encoding="utf-8")
    same = _against(runner, cli, run, "hs.csv")
    assert same.exit_code == 1, same.output
    assert ("hs.csv:4 (mã DV-003): dòng trong tệp gốc khác dòng đã chấm, ở cột mà bộ tiêu chí không đọc (họ tên, "
            "địa chỉ…) hoặc ở cách viết một giá trị (8 và 8,0), nhưng các giá trị được chấm vẫn như lúc chấm: "
            "kết quả không đổi") in same.stdout.splitlines()
    named = _against(runner, cli, kept, "hs.csv", "b.sqlite3")
    assert ("hs.csv:4 (mã DV-003): dòng trong tệp gốc khác dòng đã chấm, ở cột 'ten_don_vi', 'Chỉ số 3a', nhưng các "
            "giá trị được chấm vẫn như lúc chấm: kết quả không đổi") in named.stdout.splitlines()
    english = runner.invoke(cli, ["--lang", "en", "audit", "verify", run, "--against", "hs.csv", "--store", "a.sqlite3"])
    assert ("hs.csv:4 (id DV-003): the row in the original file differs from the row scored, in columns the pack does "
            "not read (names, addresses…) or in how a value is written (8 and 8.0), but the values scored are as they "
            "were: the result is unchanged") in english.stdout.splitlines()


def test_against_names_a_changed_self_assessment(runner, cli, tmp_path, monkeypatch):
    import openpyxl
    monkeypatch.chdir(tmp_path)
    book = EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"
    Path("hs.xlsx").write_bytes(book.read_bytes())
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", "hs.xlsx", "--store", "a.sqlite3"])
    assert result.exit_code in (0, 1), result.output
    [(run,)] = sql("a.sqlite3", "SELECT run_id FROM runs")
    wb = openpyxl.load_workbook("hs.xlsx")
    ws = wb["Tự đánh giá"]
    assert ws["B4"].value == "CD-001" and ws["P4"].value == 80 and ws["K4"].value == 5
    ws["P4"], ws["K4"] = 85, 6
    wb.save("hs.xlsx")
    changed = _against(runner, cli, run, "hs.xlsx")
    assert changed.exit_code == 1, changed.output
    assert ("hs.xlsx:Tự đánh giá!4 (mã CD-001): dòng trong tệp gốc khác dòng đã chấm, ở dữ liệu dùng để chấm: '2.2' lúc "
            "chấm là 5, nay là 6; phần tự đánh giá (tổng điểm, kết quả hay điểm tự chấm) khác lúc chấm"
            ) in changed.stdout.splitlines()


def test_against_says_a_file_under_another_name_and_a_renamed_sheet(runner, cli, tmp_path, monkeypatch):
    """A file given under another name was paired with the run's file by its place, silently; a workbook
    whose sheet was renamed listed every row as missing and new, without the cause. Both are said."""
    import openpyxl
    monkeypatch.chdir(tmp_path)
    import csv
    header, *lines = list(csv.reader(TT22.read_text(encoding="utf-8").splitlines()))
    wb = openpyxl.Workbook()
    wb.active.title = "Huyện A"
    for line in [header, *lines]:
        wb.active.append([int(x) if x.isdigit() else x for x in line])
    wb.save("hs.xlsx")
    score(runner, cli, "hs.xlsx", "a.sqlite3")
    [(run,)] = sql("a.sqlite3", "SELECT run_id FROM runs")
    wb["Huyện A"].title = "Huyen A"
    wb.save("ban-sao.xlsx")
    got = _against(runner, cli, run, "ban-sao.xlsx").stdout.splitlines()
    assert "ban-sao.xlsx: so với tệp 'hs.xlsx' của lượt chấm (tên khác; cùng vị trí trong lệnh chấm)" in got
    assert ("ban-sao.xlsx: không có trang tính 'Huyện A' mà lượt chấm đã đọc, lại có trang tính 'Huyen A' mà lượt chấm "
            "không có (trang tính bị đổi tên, hoặc không phải tệp đã chấm): các dòng của chúng được liệt kê dưới đây") in got
    Path("hs.xlsx").rename("ho-so-luu.xlsx")
    same = _against(runner, cli, run, "ho-so-luu.xlsx")
    assert same.exit_code == 0
    assert same.stdout.splitlines()[-2:] == ["ho-so-luu.xlsx: so với tệp 'hs.xlsx' của lượt chấm (tên khác; cùng vị trí "
                                             "trong lệnh chấm)", f"so với tệp gốc: {len(lines)} dòng khớp với các dòng đã lưu"]


def test_a_seal_from_the_minutes_without_a_run_id_is_not_held_against_every_other_run(runner, cli, tmp_path, monkeypatch):
    """`audit verify --seal SEAL` on a store of several runs compared every run with the one seal: each other run
    was 'kho không phải là kho của lượt chấm ấy' (exit 1) in an untouched store. The seal now names one run."""
    monkeypatch.chdir(tmp_path)
    score(runner, cli, TT22, "k.sqlite3")
    runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "--store", "k.sqlite3"])
    seals = [seal for (seal,) in sql("k.sqlite3", "SELECT seal FROM runs ORDER BY run_no")]
    assert len(seals) == 2
    for seal in seals:
        ok = runner.invoke(cli, ["audit", "verify", "--seal", seal.upper(), "--store", "k.sqlite3"])
        assert ok.exit_code == 0, ok.output
        assert ok.stdout.splitlines()[-1] == "2 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng"
    wrong = runner.invoke(cli, ["audit", "verify", "--seal", "0" * 64, "--store", "k.sqlite3"])
    assert wrong.exit_code == 1
    assert wrong.stdout.splitlines()[0] == (
        f"kho: không lượt chấm nào trong kho cho mã niêm phong {'0' * 64} ghi trong biên bản: kho không có lượt chấm ấy, "
        "hoặc lượt ấy bị sửa sau khi chấm; ghi thêm mã lượt chấm (hoctap audit verify MÃ_LƯỢT --seal …) để kiểm đúng lượt ấy")
    assert wrong.stdout.splitlines()[-1] == "2 lượt đã kiểm tra: mã niêm phong trong biên bản không khớp lượt nào"
    sql("k.sqlite3", "UPDATE results SET total = 90 WHERE run_no = 1 AND row_no = 3")   # the run of the minutes, altered
    altered = runner.invoke(cli, ["audit", "verify", "--seal", seals[0], "--store", "k.sqlite3"])
    assert altered.exit_code == 1 and "không lượt chấm nào trong kho cho mã niêm phong" in altered.stdout


def test_against_names_a_changed_record_date_that_chose_the_pack(runner, cli, tmp_path, monkeypatch):
    """Under --as-of record, the record's date chooses the pack and is in its result, but it is not one of the
    values scored: a date moved in the file was said to leave 'the result unchanged'."""
    monkeypatch.chdir(tmp_path)
    header, first, *_ = (EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv").read_text(encoding="utf-8").splitlines()
    Path("hs.csv").write_text(f"{header},ngay_danh_gia\n{first},2024-06-30\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-huyen", "--as-of", "record", "hs.csv", "--store", "a.sqlite3"])
    assert result.exit_code == 0, result.output
    [(run,)] = sql("a.sqlite3", "SELECT run_id FROM runs")
    Path("hs.csv").write_text(f"{header},ngay_danh_gia\n{first},2023-06-30\n", encoding="utf-8")
    moved = _against(runner, cli, run, "hs.csv")
    assert moved.exit_code == 1
    where = sql("a.sqlite3", "SELECT where_, record_id FROM results")[0]
    assert (f"{where[0]} (mã {where[1]}): dòng trong tệp gốc khác dòng đã chấm, ở dữ liệu dùng để chấm: ngày đánh giá "
            "của hồ sơ (chọn bộ tiêu chí, có trong kết quả) lúc chấm là 30/06/2024, nay là 30/06/2023") in moved.stdout


def test_against_names_a_moved_date_that_gave_a_pack_warning(runner, cli, tmp_path, monkeypatch):
    """A district pack named outright warns for a record dated after 30/06/2025 (its own date column): that date
    moved in the file changes the warning in the result, so it is named, not 'the result unchanged'."""
    monkeypatch.chdir(tmp_path)
    header, first, *_ = (EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv").read_text(encoding="utf-8").splitlines()
    Path("hs.csv").write_text(f"{header},ngay_danh_gia\n{first},2025-09-01\n", encoding="utf-8")
    runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-huyen", "hs.csv", "--store", "a.sqlite3"])
    [(run,)] = sql("a.sqlite3", "SELECT run_id FROM runs")
    assert _against(runner, cli, run, "hs.csv").exit_code == 0
    Path("hs.csv").write_text(f"{header},ngay_danh_gia\n{first},2025-05-01\n", encoding="utf-8")
    moved = _against(runner, cli, run, "hs.csv")
    assert moved.exit_code == 1
    assert ("dòng trong tệp gốc khác dòng đã chấm, ở dữ liệu dùng để chấm: ngày đánh giá của hồ sơ, vốn quyết định cảnh "
            "báo của bộ tiêu chí trong kết quả, lúc chấm là 01/09/2025, nay là 01/05/2025") in moved.stdout
