"""Crash safety, for real: start `hoctap score --store` on a large file in its own process,
kill it with SIGKILL once some chunks are committed, and inspect the store it left behind."""
import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from scoring.audit.store import CHUNK

ROWS = 60_000


def big_file(path):
    head = "id,ho_ten,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n"
    with open(path, "w", encoding="utf-8") as out:
        out.write(head)
        for i in range(ROWS):
            points = [str((i * 7 + k * 3) % 11) for k in range(10)]
            out.write(f"CD-{i:06d},Người {i},{i % 4 + 1},{','.join(points)}\n")


def stored_rows(db):
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as c:
            return c.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.Error:        # not created yet
        return 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_run_killed_mid_way_leaves_whole_chunks_and_an_incomplete_run(tmp_path):
    records, db = tmp_path / "big.csv", tmp_path / "runs.sqlite3"
    big_file(records)
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "score", "-c", "cong-dan-hoc-tap", str(records),
                             "-f", "jsonl", "--store", str(db)], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120          # a guard against hanging, not a speed check
        while stored_rows(db) < 2 * CHUNK and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed: make the file bigger"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        [(run_id, status, finished, n_read)] = c.execute("SELECT run_id, status, finished_at, n_read FROM runs").fetchall()
        assert (status, finished, n_read) == ("incomplete", None, None)
        rows = c.execute("SELECT row_no, record_id, output_sha256, inputs, input_sha256 FROM results "
                         "ORDER BY row_no").fetchall()
        assert c.execute("SELECT count(*) FROM packs").fetchone() == (1,)
    n = len(rows)
    assert 2 * CHUNK <= n < ROWS
    assert n % CHUNK == 0                       # whole chunks only: the chunk being written was rolled back
    assert [r[0] for r in rows] == list(range(1, n + 1))
    for row_no, record_id, output, inputs, digest in rows:
        assert record_id == f"CD-{row_no - 1:06d}"
        assert json.loads(inputs)["id"] == record_id and len(digest) == len(output) == 32

    verify = subprocess.run([sys.executable, str(ROOT / "cli.py"), "audit", "verify", run_id, "--store", str(db)],
                            cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert verify.returncode == 3, verify.stdout + verify.stderr   # every stored row reproduces, the run is not whole
    shown = f"{n:,}".replace(",", ".")   # as the report writes a count in Vietnamese: 1.024 (the kill may come late)
    assert verify.stdout.splitlines()[0] == (
        f"lượt {run_id}: CHƯA XONG (tiến trình chấm dừng trước khi hết); {shown} dòng đã lưu: "
        f"{shown} tái lập đúng, 0 khác, 0 dòng bị từ chối không chấm lại")
    assert f"  điểm kiểm tra cuối: {shown} dòng (khớp)" in verify.stdout   # the rows of its last commit, all there
    listing = subprocess.run([sys.executable, str(ROOT / "cli.py"), "runs", "--store", str(db)],
                             cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert f"{run_id}  " in listing.stdout and "chưa xong" in listing.stdout
