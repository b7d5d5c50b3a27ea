"""Benchmark (not a test): rows/s for 'hoctap goals' on a Lạng Sơn staff file.

    python benchmarks/bench_goals.py [--rows 20000]

Two files with a fixed seed: every title typed in (counting only), and every title left
blank with the ten indicator columns (each row scored by the engine on the way).
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring import goal_report  # noqa: E402

INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]


def generate(path: Path, n: int, scored: bool, seed: int = 20261122) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "cong_dan_hoc_tap", "group", *INDICATORS, "ky_nang_so", "thanh_thao_ky_nang_so"])
        for i in range(n):
            points = [rng.choice([4, 6, 7, 8, 9, 10]) for _ in INDICATORS]
            title = "" if scored else rng.choice(["dat", "chua_dat"])
            w.writerow([f"S{i}", title, str(rng.randint(1, 4)), *(points if scored else [""] * 10),
                        rng.choice(["có", "không"]), rng.choice(["có", "không", ""])])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for scored in (False, True):
            path = Path(tmp) / f"staff-{scored}.csv"
            generate(path, args.rows, scored)
            start = time.perf_counter()
            report = goal_report("muc-tieu-langson-stnmt-2024", [path], 2030)
            seconds = time.perf_counter() - start
            kind = "titles scored on the way" if scored else "titles typed in"
            print(f"goals, {kind}: {report.counts['read']} rows in {seconds:.2f} s = "
                  f"{report.counts['read'] / seconds:,.0f} rows/s ({report.counts['rejected']} rejected)")


if __name__ == "__main__":
    main()
