"""Where the time of scoring goes (a script that prints figures, not a test).

    python benchmarks/profile_score.py [--records 5000]

Scores generated cong-dan-hoc-tap records through the library under cProfile and prints the
share of the per-record time (writing the output aside) spent in the rules engine, in
validation, and in the rest.
cProfile slows Python code more than the C engine, so the engine's real share is higher.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_score  # noqa: E402


def cumulative(stats: pstats.Stats, path_end: str, function: str) -> float:
    return sum(v[3] for k, v in stats.stats.items() if k[0].endswith(path_end) and k[2] == function)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=5000)
    n = parser.parse_args().records
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.csv"
        bench_score.generate(path, n)
        bench_score.library(path)  # load the packs once, so start-up is not counted below
        profile = cProfile.Profile()
        profile.enable()
        bench_score.library(path)
        profile.disable()
    stats = pstats.Stats(profile)
    rows = cumulative(stats, "scoring/run/api.py", "results")
    engine = cumulative(stats, "scoring/engine/adapter.py", "_assert")
    validation = cumulative(stats, "scoring/records/validate.py", "validate")
    print(f"{n} records, per-record time under cProfile: {rows:.2f} s")
    print(f"  rules engine (durable-rules): {engine / rows:.0%}")
    print(f"  validation (pydantic):        {validation / rows:.0%}")
    print(f"  the rest (reading rows, indicator results, reasons, provenance): {(rows - engine - validation) / rows:.0%}")


if __name__ == "__main__":
    main()
