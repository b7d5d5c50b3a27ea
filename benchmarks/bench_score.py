"""Benchmark (not a test): records/s for cong-dan-hoc-tap, through the library and the CLI.

    python benchmarks/bench_score.py [--records 100000]

Prints one line per path. Records are generated with a fixed seed, 1 in 50 invalid so
that rejection is part of the work measured.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring import score_files
import scoring.results.render as render  # noqa: E402

INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]


def generate(path: Path, n: int, seed: int = 20261122) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "group", *INDICATORS])
        for i in range(n):
            points = [rng.choice(range(3, 21)) / 2 for _ in INDICATORS]
            if i % 50 == 49:
                points[3] = 11  # out of range: rejected
            w.writerow([f"CD-{i:07d}", rng.randint(1, 4), *points])


def library(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    batch = score_files("cong-dan-hoc-tap", [path])
    with open(os.devnull, "w", encoding="utf-8") as out:
        render.write_results(batch.results(), "jsonl", out, batch.loaded.pack, batch.counts)
    return time.perf_counter() - start, batch.counts.read


def command_line(path: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "score", "--criteria", "cong-dan-hoc-tap", str(path),
                    "--output", str(out)], check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    n = parser.parse_args().records
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.csv"
        generate(path, n)
        seconds, read = library(path)
        print(f"library: {read} records in {seconds:.1f} s = {read / seconds:,.0f} records/s")
        seconds = command_line(path, Path(tmp) / "out.jsonl")
        lines = sum(1 for _ in open(Path(tmp) / "out.jsonl", encoding="utf-8"))
        print(f"cli (score --output out.jsonl): {lines} records in {seconds:.1f} s = {lines / seconds:,.0f} records/s")


if __name__ == "__main__":
    main()
