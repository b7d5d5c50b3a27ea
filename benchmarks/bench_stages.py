"""Benchmark (not a test): a citizens CSV read and scored stage by stage, up to a given stage, in
one process, without the run around it, to count what each stage costs (issue 14).

Meant to be run under callgrind, whose instruction counts do not move with the machine's load:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python benchmarks/bench_stages.py FILE --upto N

on files of 4,000 and 2,000 records (``--make 4000 FILE`` writes one, as ``bench_score.py``
generates them): the difference divided by 2,000 is the instructions a row up to stage N; from
one N to the next, that stage's.
The stages are those of ``RowScorer.__call__``, in its order:

    0 read the rows        3 score the record        6 hash the record
    1 hash the row as read  4 its one-line reason     7 the whole row, its line included
    2 check it (validate)   5 its claims (none here)

Without valgrind it prints the seconds too (a shared machine's timings are rough).

``--staged 500`` scores the whole rows (stage 7) as a part is scored, in chunks of 500 rows each
worked a stage at a time (``RowScorer.many``): beside the default, row by row, it shows what that
saves."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scoring.errors import RecordError  # noqa: E402
from scoring.packs.catalog import resolve_pack  # noqa: E402
from scoring.results.provenance import RunInfo, sha256_text  # noqa: E402
from scoring.run.api import read_files  # noqa: E402
from scoring.run.batch import LineSpec, RowScorer, chunks_of  # noqa: E402

STAGES = ["read", "hash the row", "validate", "score", "reason", "claims", "hash the record", "whole row"]


def run(path: str, upto: int, staged: int = 0) -> int:
    """The rows of ``path`` through the stages up to ``upto``; the number of rows read. ``staged``:
    the whole rows (stage 7) in chunks of that many, each a stage at a time (``RowScorer.many``)."""
    scorer = RowScorer(resolve_pack("cong-dan-hoc-tap"), "vi", True, lines=LineSpec(RunInfo.new()))
    canonical, validator, engine = scorer.canonical, scorer.validator, scorer.scorer
    if staged:
        return sum(len(scorer.many(chunk)) for chunk in chunks_of(read_files([path]), staged))
    n = 0
    for row in read_files([path]):
        n += 1
        if upto >= 7:
            scorer(row)
            continue
        if upto >= 1:
            sha256_text(canonical.flat(row.data))
        if upto < 2:
            continue
        try:
            record = validator.validate(row.data, row.where)
        except RecordError:
            continue
        if upto >= 3:
            scored = engine.score(record)
            if upto >= 4:
                scorer._reason(scored)
            if upto >= 5:
                scorer.claims.verify(row.data, scored)
        if upto >= 6:
            sha256_text(canonical.record(record))
    return n


def shuffle_records(path: Path, seed: int = 5) -> None:
    """The file's lines after its header in a random order (the same for a seed)."""
    import random
    head, *lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(seed).shuffle(lines)
    path.write_text(head + "".join(lines), encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", help="a citizens CSV (see --make)")
    parser.add_argument("--make", type=int, metavar="N", help="write N generated records to FILE (it must not exist) and stop")
    parser.add_argument("--shuffled", action="store_true",
                        help="with --make: the records in random order, as a council's ids come (not one after another)")
    parser.add_argument("--upto", type=int, default=7, choices=range(len(STAGES)),
                        help="the last stage run: " + ", ".join(f"{i} {name}" for i, name in enumerate(STAGES)))
    parser.add_argument("--staged", type=int, default=0, metavar="ROWS",
                        help="stage 7 in chunks of ROWS rows, each chunk a stage at a time, as a part is scored "
                             "(RowScorer.many): beside the default, row by row, what working a stage at a time saves")
    args = parser.parse_args()
    if args.staged and args.upto != 7:
        parser.error("--staged scores whole rows: it goes with --upto 7 only")
    if args.make:
        from bench_score import generate
        if Path(args.file).exists():
            raise SystemExit(f"{args.file} exists: give a new name")
        generate(Path(args.file), args.make)
        if args.shuffled:
            shuffle_records(Path(args.file))
        print(f"{args.file}: {args.make:,} records" + (", shuffled" if args.shuffled else ""))
        return
    start = time.process_time()
    n = run(args.file, args.upto, args.staged)
    how = f", a stage at a time in chunks of {args.staged}" if args.staged else ""
    print(f"{n:,} rows up to stage {args.upto} ({STAGES[args.upto]}{how}): {time.process_time() - start:.2f} s CPU")


if __name__ == "__main__":
    main()
