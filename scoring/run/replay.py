"""``audit verify`` in several processes: a stored run's rows re-checked in chunks, in order.

Re-scoring every stored row on the rules engine is an audit's whole cost (about 1,700 rows a
second in one process: a province's 2 million rows take some 20 minutes), and each row is re-checked
on its own, so the rows are shared out among processes as ``score --jobs`` shares out a file's
(``batch.in_order``); the seal, the counts and the report are made here, in the rows' order, as
before. A worker opens the store itself and sends back what differs for each row, as messages;
a row whose messages carry anything but plain values (an error of the engine, rare) is re-checked
here instead, so the report is the same for any number of processes. A run of members' rows needs
the rebuilt results themselves (to recount the shares): it is re-checked here.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import closing
from typing import Any

from scoring.audit import replay
from scoring.audit.replay import Replayer, RunCheck, rechecked_here
from scoring.audit.store import RunStore, StoredRun
from scoring.messages import Msg, get_lang
from scoring.run.batch import chunks_of, cores, in_order, worker_started

CHUNK_ROWS = 100         # stored rows a worker re-checks at a time (each costs about half a millisecond)
PARALLEL_ROWS = 5_000    # below this, starting a worker costs more than it saves


def verify(store: RunStore, run_id: str | None = None, seal: str | None = None, progress: Any = None,
           jobs: int | None = None) -> list[RunCheck]:
    """``scoring.audit.verify`` with ``jobs`` processes (all cores by default) for the runs of
    ``PARALLEL_ROWS`` rows or more; the same checks for any ``jobs``."""
    jobs = cores() if jobs is None else jobs
    if jobs <= 1:
        return replay.verify(store, run_id, seal, progress)
    return replay.verify(store, run_id, seal, progress, _Shared(store.path, jobs))


class _Shared:
    """``rechecked`` for ``replay.verify``: a run's rows shared out among ``jobs`` processes."""

    def __init__(self, path: str, jobs: int):
        self.path, self.jobs = path, jobs

    def __call__(self, replayer: Replayer, run: StoredRun, rows: Iterable[dict[str, Any]]
                 ) -> Iterator[tuple[dict[str, Any], Any, list[Msg]]]:
        if run.members_stored or run.stored < PARALLEL_ROWS:
            yield from rechecked_here(replayer, run, rows)
            return

        def here(chunk: list[dict[str, Any]]) -> list[list[Msg]]:
            return [problems for _, _, problems in rechecked_here(replayer, run, chunk)]
        answers = in_order(chunks_of(rows, CHUNK_ROWS), self.jobs, here, _recheck, (os.getpid(), get_lang(), self.path),
                           sent=lambda chunk: (run, chunk), initializer=_start)
        with closing(answers):
            for chunk, answer in answers:
                for row, problems in zip(chunk, answer):
                    if problems is None:   # not plain values: re-checked here, to word it as this process would
                        _, _, problems = next(rechecked_here(replayer, run, [row]))
                    yield row, None, problems   # no members here: the rebuilt result is not needed


_replayer: Replayer | None = None


def _start(parent: int, lang: str, path: str) -> None:
    global _replayer
    worker_started(parent, lang)
    _replayer = Replayer(RunStore.open(path))


def _recheck(job: tuple[StoredRun, list[dict[str, Any]]]) -> list[list[Msg] | None]:
    """In a worker: what differs for each row of a chunk, or None where it is not plain values."""
    assert _replayer is not None, "the worker was not started"
    run, rows = job
    return [problems if all(map(_plain, problems)) else None for _, _, problems in rechecked_here(_replayer, run, rows)]


def _plain(value: Any) -> bool:
    """A message whose fields are texts, numbers, yes/no, blanks or messages of the same: it crosses
    between processes and is worded the same on either side."""
    if value is None or value.__class__ in (str, int, float, bool):
        return True
    if isinstance(value, Msg):
        return all(map(_plain, value.fields.values()))
    if value.__class__ in (list, tuple):
        return all(map(_plain, value))
    return False
