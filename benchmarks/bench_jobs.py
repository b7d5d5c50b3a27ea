"""Benchmark (not a test): where the wall time of one ``hoctap score -f jsonl --jobs N`` run goes in the
parent process (issue 14).

    python benchmarks/bench_jobs.py FILE [--pack cong-dan-hoc-tap] [--jobs 2] [--rounds 3] [--checkout DIR]

Each round runs the command in a fresh process (this script, which then runs ``hoctap_main`` as the
installed command does) with a few of the parent's steps timed around, and prints per round:

* the wall time from the script's start to its exit handlers, and the CPU time of the parent and of
  its workers (``resource.getrusage``);
* when the pool was made (``batch._pool``), seconds after the start;
* the parent's own share of the scoring (``parts._here``: the parts it scored itself), its waits for
  a worker's answer (``batch._answer``), and its checks of the ids (``SeenIds.fresh``);
* its wait, once every answer is in, for the pool to wind down (``ProcessPoolExecutor.shutdown``):
  the workers' exit;
* the parent's own end: from its exit handlers to the end of its process, as this script sees it
  (the interpreter's teardown, freeing every object).

``--checkout DIR`` runs another checkout of hoctap (e.g. the code before a change); run both in turn to
compare. The output goes to a temporary file, deleted after each round. Figures are printed, not asserted.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = time.perf_counter()
TIMES: dict[str, float] = {"parts here": 0.0, "waits for a worker": 0.0, "ids checked": 0.0, "pool's wind-down": 0.0}


def timed(name: str, call):
    """``call``, its time added to TIMES[name]."""
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - begun
    return wrapper


def run_command(checkout: Path, argv: list[str]) -> None:
    """In the child: the command, with the parent's steps timed (module text above)."""
    sys.path.insert(0, str(checkout))
    import atexit
    import concurrent.futures.process as pool_module
    from scoring.run import batch, parts
    made = batch._pool

    def pool(*args, **kwargs):
        TIMES["pool made at"] = time.perf_counter() - START
        return made(*args, **kwargs)
    batch._pool = pool
    parts._here = timed("parts here", parts._here)
    real_answer = batch._answer
    waited = timed("waits for a worker", real_answer)
    # a worker's answer only: the parent's own parts come back as batch._Done, at once
    batch._answer = lambda executor, answer, *rest: (
        real_answer if answer.__class__ is batch._Done else waited)(executor, answer, *rest)
    batch.SeenIds.fresh = timed("ids checked", batch.SeenIds.fresh)
    pool_module.ProcessPoolExecutor.shutdown = timed("pool's wind-down", pool_module.ProcessPoolExecutor.shutdown)
    atexit.register(report)
    sys.argv = ["hoctap", *argv]
    import hoctap_main
    hoctap_main.main()


def report() -> None:
    wall = time.perf_counter() - START
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = "  ".join(f"{name} {seconds:.3f} s" for name, seconds in TIMES.items())
    print(f"wall {wall:.2f} s  parent CPU {me.ru_utime + me.ru_stime:.2f} s  workers' CPU "
          f"{workers.ru_utime + workers.ru_stime:.2f} s  |  {figures}", file=sys.stderr, flush=True)
    print(f"at exit {time.time():.6f}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--pack", default="cong-dan-hoc-tap")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--checkout", type=Path, default=ROOT, help="another checkout of hoctap (default: this one)")
    args = parser.parse_args()
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "out.jsonl")
            command = [sys.executable, __file__, "--child", str(args.checkout.resolve()), "score", "-c", args.pack,
                       args.file, "-f", "jsonl", "--jobs", str(args.jobs), "-o", out]
            done = subprocess.run(command, capture_output=True, text=True)
            ended = time.time()
            lines = [line for line in done.stderr.splitlines() if line.startswith(("wall ", "at exit "))]
            if len(lines) < 2:
                print(f"the command failed (exit {done.returncode}):\n{done.stderr}", flush=True)
                continue
            print(f"{lines[-2]}  parent's end {ended - float(lines[-1].split()[-1]):.3f} s", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        run_command(Path(sys.argv[2]), sys.argv[3:])
    else:
        main()
