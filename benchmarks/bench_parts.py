"""Benchmark (not a test): what two processes do more than one, on a plain citizens CSV (issue 14).

    python benchmarks/bench_parts.py FILE [--rounds 4]
    python benchmarks/bench_parts.py --make 100000 FILE     # writes one, as bench_score.py generates them
    python benchmarks/bench_parts.py FILE --units 20000      # and (4) below

Prints, in CPU seconds of this process (``time.process_time``), each the fastest of --rounds
interleaved rounds:

1. every row of FILE scored in one process the usual way (``Batch.results`` with JSON lines, as
   ``hoctap score -f jsonl --jobs 1`` runs it, written to /dev/null), and the same rows scored in
   parts (``scoring/run/parts.py``: each part read, scored and written as a worker does, and its
   ids checked as the parent does);
2. the ids' check alone, a part at a time (``SeenIds.fresh``) and an id at a time (``SeenIds.first``);
   and, once, the rest of the parent's share of the answers: unpickling each part's answer as a
   worker sends it, and writing its lines to a file;
3. a worker's start, in a fresh process: the modules a worker imports, and ``_start_worker``
   (its pack, its engine), as ``python -c`` of the same, and that whole process;
4. with ``--units N``: N generated TT 24 units (as bench_speed.py makes them) scored in one
   process, and how much of it the engine took learning situations not met before
   (``Scorer._ask_new``); then the times the engine is asked when the same units are scored as two
   processes of ``--jobs 2`` share them (two scorers here, taking in turn parts of as many units
   as a part of ``parts.PART_BYTES`` holds), each learning for itself, and passing on what its engine answered after each part
   (``Scorer.learned``/``absorb``, pickled as a worker's answer is; a real run passes it on a few
   parts later, so it asks a little more).

What two processes do more than one is (3), the lines sent back through a pipe, and what each
process learns that the other has learned (now passed on, (4)): compare `hoctap score … --jobs 1`
and `--jobs 2`'s CPU in ``bench_speed.py``."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_score import generate  # noqa: E402

# what a spawned worker imports and does before its first part (``batch._start_worker``); under
# ``python cli.py`` it also imports cli.py and click (multiprocessing runs the main script again)
WORKER_START = """
import os, pickle, sys, time
start = time.process_time()
import concurrent.futures.process, multiprocessing.spawn
from scoring.run import batch, parts
data = pickle.loads(sys.stdin.buffer.read())
batch._start_worker(os.getppid(), *data)
print(time.process_time() - start, time.process_time())
"""


def usual(path: str) -> float:
    import scoring.results.render as render
    from scoring import score_files
    start = time.process_time()
    batch = score_files("cong-dan-hoc-tap", [path])
    batch.lines = True
    with open(os.devnull, "w", encoding="utf-8") as out:
        render.write_results(batch.results(), "jsonl", out, batch.loaded.pack, batch.counts)
    return time.process_time() - start


def in_parts(path: str) -> tuple[float, list[tuple[list[str], list[int]]]]:
    """All rows in parts, as a worker scores them and the parent checks them; and each part's ids."""
    from scoring import score_files
    from scoring.run import parts
    from scoring.run.batch import LineSpec, RowScorer, SeenIds, _ChunkScorer
    start = time.process_time()
    batch = score_files("cong-dan-hoc-tap", [path])
    inputs = batch.rows
    begin = parts._parts_start(inputs, 0)
    assert begin is not None, "not a plain CSV file: it would be read the usual way"
    scorer = _ChunkScorer(RowScorer(batch.loaded, "vi", True, reasons=True, lines=LineSpec(batch.run)))
    seen, checked = SeenIds(), []
    with open(os.devnull, "wb") as out:
        for part in parts._parts(0, path, begin, inputs.started[0][0].row + 1, inputs.position(0).parts):
            answer = parts.part_lines(part, scorer)
            seen.fresh(path, answer.ids, answer.numbers)
            checked.append((answer.ids, answer.numbers))
            out.write(answer.lines + b"\n")
    seen.close()
    return time.process_time() - start, checked


def parent_share(path: str) -> tuple[float, float]:
    """(CPU seconds the parent spends taking every part's answer as a worker sends it, pickled;
    writing its lines to a file), the scoring and the pickling, the worker's, left out."""
    import pickle
    import tempfile
    from multiprocessing.reduction import ForkingPickler
    from scoring import score_files
    from scoring.run import parts
    from scoring.run.batch import LineSpec, RowScorer, _ChunkScorer
    batch = score_files("cong-dan-hoc-tap", [path])
    inputs = batch.rows
    begin = parts._parts_start(inputs, 0)
    assert begin is not None, "not a plain CSV file: it would be read the usual way"
    scorer = _ChunkScorer(RowScorer(batch.loaded, "vi", True, reasons=True, lines=LineSpec(batch.run)))
    unpickling = writing = 0.0
    with tempfile.TemporaryFile() as out:   # a real file, as the parent writes one
        for part in parts._parts(0, path, begin, inputs.started[0][0].row + 1, inputs.position(0).parts):
            sent = bytes(ForkingPickler.dumps(parts.part_lines(part, scorer)))
            start = time.process_time()
            answer = pickle.loads(sent)
            middle = time.process_time()
            out.write(answer.lines + b"\n")
            unpickling, writing = unpickling + middle - start, writing + time.process_time() - middle
    return unpickling, writing


def ids_checked(path: str, checked: list[tuple[list[str], list[int]]]) -> tuple[float, float]:
    from scoring.run.batch import SeenIds
    seen, start = SeenIds(), time.process_time()
    for ids, numbers in checked:
        seen.fresh(path, ids, numbers)
    by_part = time.process_time() - start
    seen.close()
    seen, start = SeenIds(), time.process_time()
    for ids, numbers in checked:
        for rid, n in zip(ids, numbers):
            seen.first(path, rid, f"{path}:{n}")
    one_by_one = time.process_time() - start
    seen.close()
    return by_part, one_by_one


def worker_start() -> tuple[float, float]:
    """(seconds from the first import to a started worker, the whole process's), in a fresh process."""
    import pickle
    from scoring.packs.catalog import resolve_pack
    from scoring.run.batch import LineSpec, _portable
    from scoring.results.provenance import RunInfo
    data = pickle.dumps((_portable(resolve_pack("cong-dan-hoc-tap")), "vi", True, LineSpec(RunInfo.new()), None))
    done = subprocess.run([sys.executable, "-c", WORKER_START], input=data, capture_output=True, cwd=ROOT, check=True)
    started, whole = map(float, done.stdout.split())
    return started, whole


def engine_learning(units: int) -> tuple[float, float, int]:
    """(CPU of scoring ``units`` TT 24 units, of it the engine asked about new situations, units asking)."""
    import tempfile
    from bench_speed import make_units
    from scoring import score_files
    from scoring.engine.evaluate import Scorer
    asked = [0.0, 0]
    ask = Scorer._ask_new

    def timed_ask(*args):
        start = time.process_time()
        try:
            return ask(*args)
        finally:
            asked[0] += time.process_time() - start
            asked[1] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "units.jsonl"
        make_units(path, units)
        Scorer._ask_new = timed_ask
        try:
            start = time.process_time()
            for _ in score_files("don-vi-hoc-tap-tt24-tinh", [path]).results():
                pass
            whole = time.process_time() - start
        finally:
            Scorer._ask_new = ask
    return whole, asked[0], asked[1]


def shared_asks(units: int) -> list[int]:
    """Times the engine is asked when ``units`` TT 24 units are scored by one scorer, then by two
    taking parts in turn: each on its own, then passing on what it learned after each part:
    [one, first alone, second alone, first sharing, second sharing]."""
    import json
    import pickle
    import tempfile
    from bench_speed import make_units
    from scoring import Scorer, shipped_packs
    from scoring.records.validate import RecordValidator
    from scoring.run.parts import PART_BYTES
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    validator = RecordValidator(loaded.pack)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "units.jsonl"
        make_units(path, units)
        part_units = max(1, PART_BYTES * units // path.stat().st_size)   # the units in a part, as a run cuts it
        with path.open(encoding="utf-8") as f:
            records = [validator.validate(json.loads(line)) for line in f]
    one = Scorer(loaded)
    for record in records:
        one.score(record)
    asked = [one.engine.asked]
    for share in (False, True):
        two = [Scorer(loaded), Scorer(loaded)]
        for scorer in two:
            if share:
                scorer.keep_learned()
        for n, start in enumerate(range(0, units, part_units)):
            this, other = two[n % 2], two[1 - n % 2]
            for record in records[start:start + part_units]:
                this.score(record)
            if share:
                other.absorb(pickle.loads(pickle.dumps(this.learned())))
        asked += [two[0].engine.asked, two[1].engine.asked]
    return asked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--make", type=int, help="write a file of this many records first")
    parser.add_argument("--units", type=int, default=0, help="also time the engine's learning on this many TT 24 units")
    args = parser.parse_args()
    if args.make:
        generate(Path(args.file), args.make)
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(seconds, best.get(name, seconds))
    checked: list = []
    for _ in range(args.rounds):
        keep("usual", usual(args.file))
        seconds, checked = in_parts(args.file)
        keep("parts", seconds)
        by_part, one_by_one = ids_checked(args.file, checked)
        keep("fresh", by_part)
        keep("first", one_by_one)
        started, whole = worker_start()
        keep("start", started)
        keep("start_whole", whole)
    unpickling, writing = parent_share(args.file)   # once: it scores the file again, untimed
    rows = sum(len(ids) for ids, _ in checked)
    print(f"{args.file}: CPU seconds, the fastest of {args.rounds} interleaved rounds")
    print(f"  every row, the usual way (one process)        {best['usual']:6.2f} s")
    print(f"  every row in parts (as a worker, and the ids)  {best['parts']:6.2f} s")
    print(f"  the ids of {rows:,} scored rows, a part at a time  {best['fresh']:6.2f} s   (an id at a time: "
          f"{best['first']:.2f} s)")
    print(f"  the parent's share of every answer (once): unpickling {unpickling:.2f} s, writing the lines to a file "
          f"{writing:.2f} s (and the ids above)")
    print(f"  a worker's start: its imports and _start_worker {best['start']:6.2f} s   (the whole process: "
          f"{best['start_whole']:.2f} s)")
    if args.units:
        whole, learning, asking = engine_learning(args.units)
        print(f"  {args.units:,} TT 24 units in one process {whole:6.2f} s, of it the engine learning "
              f"{learning:.2f} s ({asking:,} units asked it something new)")
        one, alone_1, alone_2, shared_1, shared_2 = shared_asks(args.units)
        print(f"  the engine asked {one:,} times in one process; as two processes share the units, "
              f"{alone_1 + alone_2:,} ({alone_1:,} + {alone_2:,}) each learning for itself, "
              f"{shared_1 + shared_2:,} ({shared_1:,} + {shared_2:,}) passing on what it learned")


if __name__ == "__main__":
    main()
