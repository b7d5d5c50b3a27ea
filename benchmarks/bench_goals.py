"""Benchmark (not a test): rows/s for 'hoctap goals' on a Lạng Sơn staff file, beside plain Python.

    python benchmarks/bench_goals.py [--rows 20000] [--rounds 3]

Three files with a fixed seed: every title typed in (counting only), every title left
blank with the ten indicator columns (each row scored by the engine on the way), and the first
with a total and a signature under the table (as a council's file ends). Each is
counted by ``goal_report`` and by ``plain_goals`` below (the same three targets in plain
Python: the same checks of each value, duplicates, the title scored from the indicators when
blank), in the same process, interleaved; the fastest of --rounds is shown, in CPU time. The
two must give the same numerators and denominators, or the script stops.
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


def generate(path: Path, n: int, scored: bool, seed: int = 20261122, signed: bool = False) -> None:
    """``signed``: the table ends as a council's does, a total and the signer under it (rows
    that are not records: hoctap skips them, plain Python leaves them out of every count)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "cong_dan_hoc_tap", "group", *INDICATORS, "ky_nang_so", "thanh_thao_ky_nang_so"])
        for i in range(n):
            points = [rng.choice([4, 6, 7, 8, 9, 10]) for _ in INDICATORS]
            title = "" if scored else rng.choice(["dat", "chua_dat"])
            w.writerow([f"S{i}", title, str(rng.randint(1, 4)), *(points if scored else [""] * 10),
                        rng.choice(["có", "không"]), rng.choice(["có", "không", ""])])
        if signed:
            blank = [""] * (len(INDICATORS) + 4)
            w.writerows([["Tổng cộng", *blank], ["", "Người lập biểu", *blank[1:]], ["", "Nguyễn Văn A", *blank[1:]]])


TITLES = {"dat": "dat", "đạt": "dat", "đã đạt": "dat", "chua_dat": "chua_dat", "chưa đạt": "chua_dat",
          "chua dat": "chua_dat"}
YES_NO = {"có": True, "co": True, "không": False, "khong": False, "": None}
BAD = object()   # a value that is no yes/no: the row is rejected


def plain_goals(path: Path) -> list[tuple[int, int]]:
    """The pack's three targets in plain Python: (numerator, denominator) of each. Every row's id,
    title (typed, or scored from 'group' and the ten indicators: QĐ 324, total ≥ 80 and each ≥ 5)
    and yes/no columns are checked; a bad or repeated row is left out of every count."""
    seen: set[str] = set()
    held = skilled = proficient = total = 0
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        at = {name: i for i, name in enumerate(next(reader))}
        title_at, group_at, columns = at["cong_dan_hoc_tap"], at["group"], [at[i] for i in INDICATORS]
        skill_at, proficient_at = at["ky_nang_so"], at["thanh_thao_ky_nang_so"]
        for row in reader:
            rid = row[at["id"]].strip()
            title = TITLES.get(row[title_at].strip().lower())
            if title is None and not row[title_at].strip():
                try:
                    points = [float(row[c].replace(",", ".")) for c in columns]
                except ValueError:
                    continue
                if row[group_at].strip() not in ("1", "2", "3", "4") or not all(0 <= p <= 10 for p in points):
                    continue
                title = "dat" if round(sum(points), 4) >= 80 and all(p >= 5 for p in points) else "chua_dat"
            skill = YES_NO.get(row[skill_at].strip().lower(), BAD)
            prof = YES_NO.get(row[proficient_at].strip().lower(), BAD)
            if title is None or skill is BAD or prof is BAD or not rid or rid in seen:
                continue
            seen.add(rid)
            total += 1
            if title == "dat":
                held += 1
                if skill:
                    skilled += 1
                    proficient += prof is True
    return [(held, total), (skilled, held), (proficient, skilled)]


def cpu(f):
    start = time.process_time()
    value = f()
    return time.process_time() - start, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for scored, signed in ((False, False), (True, False), (False, True)):
            path = Path(tmp) / f"staff-{scored}-{signed}.csv"
            generate(path, args.rows, scored, signed=signed)
            ours, plain = [], []
            for _ in range(args.rounds):
                seconds, report = cpu(lambda: goal_report("muc-tieu-langson-stnmt-2024", [path], 2030))
                ours.append(seconds)
                seconds, figures = cpu(lambda: plain_goals(path))
                plain.append(seconds)
            got = [(t.numerator, t.denominator) for t in report.targets]
            if got != figures:
                sys.exit(f"hoctap and plain Python disagree: {got} vs {figures}")
            kind = "titles scored on the way" if scored else "titles typed in" + (", signed under the table" if signed else "")
            n = report.counts["read"]
            print(f"goals, {kind}: {n:,} rows ({report.counts['rejected']} rejected, {report.counts['skipped']} skipped), "
                  f"CPU, fastest of {args.rounds}")
            print(f"  plain Python        {min(plain):6.2f} s   {n / min(plain):>9,.0f} rows/s")
            print(f"  hoctap goal_report  {min(ours):6.2f} s   {n / min(ours):>9,.0f} rows/s   "
                  f"×{min(ours) / min(plain):.2f} of plain")


if __name__ == "__main__":
    main()
