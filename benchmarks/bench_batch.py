"""Benchmark (not a test): large batches through the command line — records/s and peak memory
for generated citizen records (cong-dan-hoc-tap), CSV and Excel input, one and two processes.

    python benchmarks/bench_batch.py                                  # 10k and 100k, csv and xlsx, 1 and 2 jobs
    python benchmarks/bench_batch.py --sizes 1000000 --formats csv --jobs 2
    python benchmarks/bench_batch.py --data /tmp/bench                # keep (and reuse) the generated files

Each run is `cli.py score -c cong-dan-hoc-tap INPUT -o OUT --jobs N` in its own process. Printed
per run: wall time (process start to exit, so it includes start-up and writing the output),
records/s, the peak resident memory of the largest single process (parent or worker, from
wait4's rusage) and the peak of all of the run's processes together (sampled from /proc every
0.2 s). Records are generated with a fixed seed, 1 in 50 out of range so that rejection is part
of the work, and the output is checked: as many lines as records.
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
INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
HEADER = ["id", "group", "xa", *INDICATORS]


def rows(n: int, seed: int = 20261122):
    rng = random.Random(seed)
    for i in range(n):
        points = [rng.choice(range(3, 21)) / 2 for _ in INDICATORS]
        if i % 50 == 49:
            points[3] = 11  # out of range: rejected
        yield [f"CD-{i:07d}", rng.randint(1, 4), f"Xã {rng.randint(1, 30):02d}", *points]


def make_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows(n))


def make_xlsx(path: Path, n: int) -> None:
    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Tự đánh giá")
    ws.append(["DANH SÁCH TỰ ĐÁNH GIÁ CÔNG DÂN HỌC TẬP"])  # a title row above the header, as councils do
    ws.append(HEADER)
    for row in rows(n):
        ws.append(row)
    book.save(path)


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (0 once it has gone)."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(source: Path, out: Path, jobs: int) -> tuple[float, int, int]:
    """(seconds, peak KiB of the largest process, peak KiB of all processes together)."""
    command = [sys.executable, str(ROOT / "cli.py"), "score", "-c", "cong-dan-hoc-tap", str(source),
               "-o", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak_total = max(peak_total, tree_rss_kb(proc.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss, peak_total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", choices=["csv", "xlsx"], default=["csv", "xlsx"])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--output", default="jsonl", choices=["jsonl", "csv", "xlsx"], help="output format")
    parser.add_argument("--data", type=Path, help="folder for the generated inputs (kept, and reused if present)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        data.mkdir(parents=True, exist_ok=True)
        print(f"{'records':>9} {'input':>5} {'jobs':>4} {'seconds':>8} {'records/s':>9} "
              f"{'peak MiB (largest process)':>26} {'peak MiB (all processes)':>24}", flush=True)
        for n in args.sizes:
            for fmt in args.formats:
                source = data / f"citizens-{n}.{fmt}"
                if not source.exists():
                    (make_csv if fmt == "csv" else make_xlsx)(source, n)
                for jobs in args.jobs:
                    out = Path(tmp) / f"out.{args.output}"
                    out.unlink(missing_ok=True)   # hoctap never overwrites a file unasked (--ghi-de)
                    seconds, largest, total = run(source, out, jobs)
                    if args.output == "jsonl":
                        lines = sum(1 for _ in out.open(encoding="utf-8"))
                        assert lines == n, f"{lines} results for {n} records"
                    print(f"{n:>9,} {fmt:>5} {jobs:>4} {seconds:>8.1f} {n / seconds:>9,.0f} "
                          f"{largest / 1024:>26.0f} {total / 1024:>24.0f}", flush=True)


if __name__ == "__main__":
    main()
