"""Benchmark (not a test): what the run store costs, through the CLI.

    python benchmarks/bench_store.py [--records 20000]

Prints records/s for `score -f jsonl` without and with `--store`, and for `audit verify`
on the stored run, plus the store's size in bytes per stored record (the database file after a
checkpoint, WAL included). Records come from bench_score.generate.
"""
from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_score import generate  # noqa: E402


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20_000)
    n = parser.parse_args().records
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        records = tmp_path / "records.csv"
        generate(records, n)
        plain = timed(["score", "-c", "cong-dan-hoc-tap", str(records), "-f", "jsonl"], tmp_path)
        stored = timed(["score", "-c", "cong-dan-hoc-tap", str(records), "-f", "jsonl", "--store", "b.sqlite3"], tmp_path)
        verify = timed(["audit", "verify", "--store", "b.sqlite3"], tmp_path)
        size = store_bytes(tmp_path / "b.sqlite3")
    print(f"score -f jsonl           {n / plain:8.0f} records/s ({plain:.1f} s for {n})")
    print(f"score -f jsonl --store   {n / stored:8.0f} records/s ({stored:.1f} s)")
    print(f"audit verify             {n / verify:8.0f} records/s ({verify:.1f} s)")
    print(f"store size               {size / n:8.0f} bytes/record ({size / 1e6:.1f} MB for {n} records)")


def store_bytes(db: Path) -> int:
    """The store's bytes once its write-ahead log is folded in (what a copy of it weighs)."""
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


if __name__ == "__main__":
    main()
