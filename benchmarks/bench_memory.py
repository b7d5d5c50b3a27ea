"""Peak memory of whole CLI runs, per output format, on a large generated input.

    python benchmarks/bench_memory.py                 # 100,000 records, every format
    python benchmarks/bench_memory.py --records 20000 --formats table explain-json

Each run is measured in a fresh wrapper process: its RUSAGE_CHILDREN peak is the largest
resident set of any process of that run (the parent or one scoring worker; with --jobs 2 the
total is about parent + workers). A plain-Python baseline for comparison: reading the same CSV
into a list of dicts. Figures are printed, not asserted (see README "Performance").
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["id", "ho_ten", "group", "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")

RUNS = {
    "table": ["score", "-c", "cong-dan-hoc-tap", "{input}"],
    "json": ["score", "-c", "cong-dan-hoc-tap", "{input}", "-f", "json"],
    "jsonl": ["score", "-c", "cong-dan-hoc-tap", "{input}", "-f", "jsonl"],
    "csv": ["score", "-c", "cong-dan-hoc-tap", "{input}", "-f", "csv"],
    "xlsx-file": ["score", "-c", "cong-dan-hoc-tap", "{input}", "-o", "{dir}/out.xlsx"],
    "explain-text": ["explain", "-c", "cong-dan-hoc-tap", "{input}"],
    "explain-json": ["explain", "-c", "cong-dan-hoc-tap", "{input}", "-f", "json"],
    "report": ["report", "-c", "cong-dan-hoc-tap", "{input}"],
}


def make_input(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i in range(n):
            points = [str((i * 7 + k * 3) % 11) for k in range(10)]
            if i % 50 == 49:
                points[3] = "mười"   # 1 in 50 rejected, as in the other benchmarks
            writer.writerow([f"CD-{i:07d}", f"Người {i}", str(i % 4 + 1), *points])


def measure(args: list[str]) -> tuple[float, float, int]:
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, str(ROOT / "hoctap_main.py"), *args],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.monotonic() - start
    peak_kib = int(proc.stdout.strip().splitlines()[-1])
    return peak_kib / 1024, seconds, proc.returncode


def baseline(path: Path) -> float:
    code = ("import csv, resource, sys; rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8'))); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", choices=sorted(RUNS), default=list(RUNS))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        source = Path(d) / "records.csv"
        make_input(source, options.records)
        print(f"{options.records:,} records ({source.stat().st_size / (1 << 20):.1f} MiB CSV)")
        print(f"{'baseline: csv.DictReader into a list':<28} peak {baseline(source):7.0f} MiB")
        for name in options.formats:
            args = [a.format(input=source, dir=d) for a in RUNS[name]]
            Path(d, "out.xlsx").unlink(missing_ok=True)   # hoctap never overwrites a file unasked (--ghi-de)
            peak, seconds, code = measure(args)
            print(f"{name:<28} peak {peak:7.0f} MiB  {seconds:6.1f} s  exit {code}")


if __name__ == "__main__":
    main()
