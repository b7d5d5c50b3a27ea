"""Running a batch: validate → score → verify every row, in one process or several, in input order.

The durable-rules host holds C state and is not safe to share, so each worker process builds its
own ``RowScorer`` (validator, engine, claim reader) from the pack's text. The parent reads the
rows, sends them in chunks, and takes the answers back in the order it sent them, so the output
is the same for any number of processes; it alone checks duplicate ids, which needs every id seen
before. At most a few chunks are in flight, so memory does not grow with the input.
"""
from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from itertools import islice, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from scoring.errors import RecordError, WorkerStopped
from scoring.messages import set_lang, t, text
from scoring.engine.evaluate import Scored, Scorer
from scoring.results.explain import reasons_for
from scoring.packs.catalog import InForce
from scoring.records.dates import date_warnings, has_date_column, may_warn
from scoring.records.validate import Record
from scoring.results.aggregate import Result
from scoring.results.provenance import (SCHEMA, Canonical, Provenance, RunInfo, engine_versions, input_sha256, raw_sha256,
                                        result_id, sha256_text)
from scoring.records.raw import RawRow
from scoring.records.shares import Shares
from scoring.packs.model import LoadedPack
from scoring.records.validate import RecordValidator
from scoring.results.verify import ClaimReader

if TYPE_CHECKING:
    import sqlite3

    from scoring.results.claims import Verification

LARGE_INPUT_BYTES = 1 << 20  # about 25,000 CSV records: below this, starting processes costs more than it saves
CHUNK_ROWS = 200            # rows per task sent to a worker: large enough to amortise pickling
CHUNKS_PER_WORKER = 4       # chunks in flight per worker: keeps workers busy, memory bounded
MAX_PENDING = 64            # chunks held in order (scored here while a worker's is not back): memory bounded
RESULT_PIPE_BYTES = (1 << 20, 1 << 18)   # the workers' answers' pipe, the first size the system allows (``_widen``)
SWITCH_INTERVAL_S = 0.0005   # while workers run: how soon the pool's threads get to run here (see ``_QuickHandoffs``)
DEAD_WORKER_CHECK_S = 0.5   # while waiting for an answer, how often the parent looks for a dead worker


_new_outcome = tuple.__new__   # a RowOutcome from all its fields, without its class's Python-level __new__


class RowOutcome(NamedTuple):
    """What scoring one row gives, in a form cheap to make and to send between processes (a
    tuple: one is made for every row, and a frozen dataclass cost several times as much)."""

    id: str | None
    scored: Scored | None = None
    error: str | None = None
    reason: str | None = None
    verification: Verification | None = None
    digest: str | None = None       # input_sha256 of the record (scored rows)
    raw_digest: str | None = None   # raw_sha256 of the row: both hashed where the row is scored (in a worker)
    line: str | bytes | None = None  # its JSON line (``LineSpec``; UTF-8 bytes from ``_ChunkScorer``): ``scored`` stays behind
    warnings: tuple[str, ...] = ()  # with ``line``: the result's date warnings
    stored: tuple[str, str] | None = None   # a scored row's store fields (``stored_here``), made where it is scored


def _usual(rid: str, digest: str, raw: str, line: str | bytes) -> RowOutcome:
    """The usual scored row's outcome: its id, hashes and line, the result left unmade (``RowScorer._line``)."""
    return _new_outcome(RowOutcome, (rid, None, None, None, None, digest, raw, line, (), None))


@dataclass(frozen=True)
class LineSpec:
    """What a scorer needs to write a scored row's JSON line itself: the run and why the pack was
    chosen. A worker sends the line back, which costs the parent far less than the result; in one
    process, the line is written from its parts without making the result (``RowScorer._line``).
    The same tells a scorer how to make the result whose run-store fields it makes (``stored``)."""

    run: RunInfo
    as_of: Any = None
    source: str | None = None
    reason: str | None = None


class RowScorer:
    """Validates, scores and verifies rows against one pack. One per process."""

    def __init__(self, loaded: LoadedPack, lang: str = "vi", cache: bool = True, reasons: bool = False,
                 lines: LineSpec | None = None, stored: LineSpec | None = None, shares: Shares | None = None):
        self.loaded, self.lang, self.reasons = loaded, lang, reasons
        self.lines = lines
        # with a run store: each scored row's store fields are made here, in parallel (see stored_here)
        self.stored = None if stored is None else (InForce(loaded, stored.as_of, stored.source, stored.reason), stored.run)
        if stored is not None:   # the store's module only where a store is written: one record scored cold need not load it
            from scoring.audit.store import stored_here
            self._stored_here = stored_here
        if lines is not None:
            import scoring.results.render as render
            from scoring.results.lines import JsonLines
            self.chosen = InForce(loaded, lines.as_of, lines.source, lines.reason)
            self.writer = JsonLines(lambda r: render.dumps(render.kept_dict(r, ())))
            self.reasons = True   # every scored line carries its reason
            self._run = ""   # the run's piece of every line (JsonLines.run), known from the first result
            self._dated = may_warn(loaded.pack, lines.as_of)   # a record's date may add a warning (``_row_dated``)
            self._date_keys: dict[tuple, bool] = {}   # a row's columns -> whether one gives its date
        # lines from their parts: None while not yet known to be the same (see _line), and without lines
        self._plain: bool | None = None
        self.validator = RecordValidator(loaded.pack)
        if shares is not None:   # the run's: what this scorer notes (``records.shares``) is noted there
            self.validator.shares = shares
        self.scorer = Scorer(loaded, cache=cache)
        self.claims = ClaimReader(loaded.pack, lang)
        self.canonical = Canonical()
        self._reason = reasons_for(loaded.pack, lang)   # short_reason, its look-ups done once
        self._reason_utf8 = reasons_for(loaded.pack, lang, utf8=True)   # … as a line holds it

    def __call__(self, row: RawRow) -> RowOutcome:
        raw = sha256_text(self.canonical.flat(row.data))   # = raw_sha256(row.data)
        if row.problem:
            return self._rejected(row, text(row.problem, self.lang), raw)
        try:
            record = self.validator.validate(row.data, row.where)
        except RecordError as exc:
            return self._rejected(row, exc.render(self.lang), raw)
        scored = self.scorer.score(record)
        return self._scored(row, record, scored, self.claims.verify(row.data, scored), raw)

    def _rejected(self, row: RawRow, why: str, raw: str) -> RowOutcome:
        return RowOutcome(self.validator.raw_id(row.data), error=why, raw_digest=raw)

    def _scored(self, row: RawRow, record: Record, scored: Scored, verification: Verification | None,
                raw: str) -> RowOutcome:
        """A scored row's outcome, from its record, its score, its claims checked and its hash as read."""
        digest = sha256_text(self.canonical.record(record))   # = input_sha256(record)
        if self._plain and verification is None and not (self._dated and self._row_dated(row)):   # the usual line, in one step
            return _usual(record.id, digest, raw, self._parts_line(row.where, scored, self._reason_utf8(scored), digest, raw))
        # a worker writes the one-line reason (in parallel); in the parent it is built when shown
        reason = self._reason(scored) if self.reasons else None
        out = RowOutcome(record.id, scored, reason=reason, verification=verification, digest=digest, raw_digest=raw)
        if self.lines is None:
            if self.stored is not None:
                chosen, run = self.stored
                return out._replace(stored=self._stored_here(made_result(row, out, None, None, chosen, self.lang, run)))
            return out
        line, warnings = self._line(row, out)
        return RowOutcome(record.id, None, digest=out.digest, raw_digest=raw, line=line, warnings=warnings)

    def many(self, rows: list[RawRow]) -> list[RowOutcome]:
        """``[self(row) for row in rows]``, worked a stage at a time: every row hashed, then every
        row checked, then scored, and so on. The interpreter runs one stage's code over many rows
        much faster than all stages' code over each row in turn, whose working set no longer fits
        the processor's caches (100,000 citizens: 4.4 s of CPU against 5.7 s,
        ``benchmarks/bench_stages.py FILE --staged 500`` beside ``FILE``). Every stage asks what
        ``__call__`` asks, of the same rows, in the same order, so each gives what it gives there;
        a row off the usual path (a problem, a rejected row, a claim to check) is finished as
        ``__call__`` finishes it, from what the stages made of it. Rows are scored by ``__call__``
        itself while the usual line is not known to be right (``_line``), and where it may warn."""
        if self.lines is None or self._plain is False or (self._dated and any(map(self._row_dated, rows))):
            return list(map(self, rows))
        first: list[RowOutcome] = []
        while self._plain is None and len(first) < len(rows):   # until the usual line is checked (``_line``)
            first.append(self(rows[len(first)]))
        if not self._plain:   # found to differ: the general way from then on
            return first + list(map(self, rows[len(first):]))
        rows = rows[len(first):] if first else rows
        flat, validate, verify = self.canonical.flat, self.validator.validate, self.claims.verify
        raws = [sha256_text(flat(row.data)) for row in rows]
        records: list[Record | None] = []
        whys: dict[int, str] = {}   # a rejected row's place -> why
        for at, row in enumerate(rows):
            if row.problem:
                whys[at] = text(row.problem, self.lang)
                records.append(None)
                continue
            try:
                records.append(validate(row.data, row.where))
            except RecordError as exc:
                whys[at] = exc.render(self.lang)
                records.append(None)
        scored = [None if record is None else self.scorer.score(record) for record in records]
        claims = [None if s is None else verify(row.data, s) for row, s in zip(rows, scored)]
        usual = [s is not None and c is None for s, c in zip(scored, claims)]
        canonical = self.canonical.record
        digests = [sha256_text(canonical(record)) if ok else None for record, ok in zip(records, usual)]
        reason = self._reason_utf8
        reasons = [reason(s) if ok else None for s, ok in zip(scored, usual)]
        pack, as_of = self.loaded.sha256, self.chosen.as_of
        ids = [result_id(pack, as_of, digest) if ok else None for digest, ok in zip(digests, usual)]
        line = self._parts_line
        for at, (row, record, s, raw, digest, why, rid, ok) in enumerate(zip(rows, records, scored, raws, digests,
                                                                            reasons, ids, usual)):
            if ok:
                first.append(_usual(record.id, digest, raw, line(row.where, s, why, digest, raw, rid)))   # type: ignore[union-attr]
            elif record is None:
                first.append(self._rejected(row, whys[at], raw))
            else:
                first.append(self._scored(row, record, s, claims[at], raw))   # type: ignore[arg-type]
        return first

    def _line(self, row: RawRow, out: RowOutcome) -> tuple[str | bytes, tuple[str, ...]]:
        """A scored row's JSON line and the result's warnings. The usual result (no claim to check,
        no date warning) is written from its parts, without making it, once the first one was found
        to give the same line as the result made the general way (else the general way, always)."""
        assert self.lines is not None and out.scored is not None and out.digest is not None
        plain = (self._plain is not False and out.verification is None
                 and not (self._dated and self._row_dated(row) and date_warnings(
                     self.loaded.pack, self.chosen.as_of, self.chosen.source, row.data, self.lang)))
        if plain and self._plain:
            return self._parts_line(row.where, out.scored, out.reason, out.digest, out.raw_digest), ()
        result = made_result(row, out, None, None, self.chosen, self.lang, self.lines.run)
        line = self.writer.line(result)
        if plain and self._plain is None and result.provenance is not None:
            self._run = self.writer.run(result.provenance)
            # as the usual line is written from then on: its reason too from its pieces kept encoded
            parts = self._parts_line(row.where, out.scored, self._reason_utf8(out.scored), out.digest, out.raw_digest)
            self._plain = (parts.decode("utf-8") if parts.__class__ is bytes else parts) == line
        return line, result.warnings

    def _row_dated(self, row: RawRow) -> bool:
        """Whether a row has a column giving its assessment date, so that its date may warn (a pack named
        outright: a record outside its period; ``records.dates.may_warn``). Rows without one, as most
        files are, keep the usual line's one step. Decided by the row's columns, once per set of them: a
        CSV file's rows share its header, a JSON Lines row may name its own."""
        if self.loaded.pack.warn_after is not None and self.chosen.as_of is not None:
            return True   # the date that chose the pack warns, whatever the row's columns
        columns = tuple(row.data)
        dated = self._date_keys.get(columns)
        if dated is None:
            dated = has_date_column(row.data)
            if len(self._date_keys) < 256:
                self._date_keys[columns] = dated
        return dated

    def _parts_line(self, where: str, scored: Scored, reason: str | bytes | None, digest: str, raw: str,
                    rid: str | None = None) -> str | bytes:
        """The line from its parts, as UTF-8 bytes (the writer writes them as they are) unless it is
        no valid UTF-8. ``rid``: its result id, when made already (``many``)."""
        if rid is None:
            rid = result_id(self.loaded.sha256, self.chosen.as_of, digest)   # as made_result's provenance
        return self.writer.scored(scored, self.loaded, self.lang, where, reason, rid, self._run, digest, raw, SCHEMA,
                                  utf8=True)


def made_result(row: RawRow, out: RowOutcome, seen: "SeenIds | None", carrier: Any, chosen: InForce | None,
                lang: str, run: RunInfo) -> Result:
    """A row's Result from what scoring it gave: rejected, a duplicate id (``seen``: None in a
    worker, which sees only its own rows; the parent checks), or scored, with its provenance."""
    extra = carrier.values(row, out) if carrier and carrier.names else {}
    if out.error is not None or out.id is None or (out.scored is None and out.line is None) or chosen is None:
        return rejected_result(row, out.id, out.error or "the record could not be scored", chosen, run, extra, out.raw_digest)
    first = seen.first(row.source, out.id, row.where) if seen is not None else None   # a record is (file, sheet, id)
    if first is not None:
        return rejected_result(row, out.id, t("rec.duplicate", lang, id=out.id, first=first), chosen, run, extra,
                         out.raw_digest)
    if out.line is not None:   # a worker wrote it: the result carries its line, not its parts
        if extra:
            return Result.quick(out.id, row.where, loaded=chosen.loaded, lang=lang, in_force=chosen, raw=row.data,
                                extra=extra, warnings=out.warnings, source=row.source, given_line=out.line)
        return Result.lined(out.id, row.where, out.line, chosen, lang, row.data, row.source, out.warnings)
    assert out.scored is not None
    digest = out.digest or input_sha256(Record(out.id, out.scored.values))
    prov = _provenance(result_id(chosen.loaded.sha256, chosen.as_of, digest), chosen, run, digest, row, out.raw_digest)
    warnings = date_warnings(chosen.loaded.pack, chosen.as_of, chosen.source, row.data, lang)
    return Result.quick(out.id, row.where, scored=out.scored, loaded=chosen.loaded, lang=lang, provenance=prov, in_force=chosen,
                  raw=row.data, verification=out.verification, extra=extra, given_reason=out.reason, warnings=warnings,
                  source=row.source, given_stored=out.stored)


def rejected_result(row: RawRow, rid: str | None, error: str, chosen: InForce | None, run: RunInfo,
              extra: dict[str, Any] | None = None, raw: str | None = None) -> Result:
    # a rejected row has no normalised record: its id hashes the raw row and its place in the file
    raw = raw or raw_sha256(row.data)
    key = sha256_text(f"{raw}@{row.where}")
    prov = _provenance(result_id(chosen.loaded.sha256 if chosen else None, chosen.as_of if chosen else None, key),
                       chosen, run, None, row, raw)
    return Result.quick(rid, row.where, error=error, provenance=prov, in_force=chosen, raw=row.data, extra=extra or {},
                  source=row.source)


_IDENTITIES: dict[str, dict[str, str]] = {}


def _identity(loaded: LoadedPack) -> dict[str, str]:
    """The pack's identity (its id and version are in its text), one dict per pack text for every
    result of it: the JSON Lines writer then knows it by sight. Never changed in place."""
    known = _IDENTITIES.get(loaded.sha256)
    if known is None:
        known = _IDENTITIES[loaded.sha256] = loaded.identity()
    return known


def _provenance(rid: str, chosen: InForce | None, run: RunInfo, digest: str | None, row: RawRow,
                raw: str | None = None) -> Provenance:
    return Provenance(
        result_id=rid, run_id=run.run_id, run_at=run.run_at,
        criteria=_identity(chosen.loaded) if chosen else None, engine=engine_versions(),
        as_of=str(chosen.as_of) if chosen and chosen.as_of else None,
        as_of_source=chosen.source if chosen else None, in_force=chosen.reason if chosen else None,
        input_sha256=digest, raw_sha256=raw or raw_sha256(row.data))


def default_jobs(paths: Iterable[str | Path]) -> int:
    """All cores for large inputs (1 MiB of files or more), one process otherwise."""
    return cores() if input_bytes(paths) >= LARGE_INPUT_BYTES else 1


def input_bytes(paths: Iterable[str | Path]) -> int:
    """The bytes of the files given (those that are files: not stdin, not a folder)."""
    return sum(Path(p).stat().st_size for p in paths if Path(p).is_file())


def cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU affinity limit)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def score_rows(loaded: LoadedPack, rows: Iterable[RawRow], lang: str = "vi", jobs: int = 1, cache: bool = True,
               lines: LineSpec | None = None, stored: LineSpec | None = None,
               shares: Shares | None = None) -> Iterator[tuple[RawRow, RowOutcome]]:
    """Each row with what scoring it gives, in input order, using ``jobs`` processes
    (``cache``: see ``Scorer``; ``lines``: each scored row's JSON line is made where it is scored;
    ``stored``: its run-store fields, ``stored_here``, with ``jobs`` > 1 only, where they save the parent work;
    ``shares``: where the shares written as fractions are noted, the workers' too: ``records.shares``).

    With ``jobs`` > 1 this process is one of them: ``jobs - 1`` workers are started, and this one
    scores a chunk itself whenever they have enough waiting (``in_order``)."""
    if jobs <= 1:
        scorer = RowScorer(loaded, lang, cache, lines=lines, shares=shares)
        for row in rows:
            yield row, scorer(row)
        return
    here = _ChunkScorer(RowScorer(loaded, lang, cache, reasons=True, lines=lines, stored=stored, shares=shares))
    sent, received = sharing(here, as_tuples, _received)   # here: as a worker does
    answers = in_order(chunks_of(rows, CHUNK_ROWS), jobs, here, _score_chunk_sharing,
                       (os.getpid(), _portable(loaded), lang, cache, lines, stored), sent=sent, received=received,
                       fork=True)
    with closing(answers):
        for chunk, outcomes in answers:
            yield from zip(chunk, outcomes)


def as_tuples(chunk: list[RawRow]) -> list[tuple]:
    """Rows as a worker is sent them (``_score_chunk``): a dataclass costs the parent about twice as much to pickle."""
    return [(r.file, r.row, r.data, r.problem, r.sheet) for r in chunk]


def in_order(chunks: Iterable[list], jobs: int, here: Callable[[list], list], there: Callable[[Any], Any],
             initargs: tuple, sent: Callable[[list], Any] | None = None, received: Callable[[Any], list] | None = None,
             initializer: Callable[..., None] | None = None, fork: bool = False) -> Iterator[tuple[list, list]]:
    """Each chunk with its answer, in order, worked in ``jobs`` processes: ``jobs - 1`` workers
    (forked where ``fork`` allows it, see ``start_method``; each started by ``initializer(*initargs)``,
    see ``_pool``) answer
    ``there(sent(chunk))`` (then read back by ``received``), and this one answers ``here(chunk)``
    whenever the workers have enough waiting. A third process on two cores would cost more than
    it gives: this one reads the input and writes the output anyway, and working the rest of its
    share here needs no pickling, and no wait while the workers start. A worker that dies ends it
    with ``WorkerStopped``."""
    # multiprocessing only for jobs > 1: one record scored cold need not load it (issue 14)
    from concurrent.futures.process import BrokenProcessPool
    workers = jobs - 1
    executor = _pool(workers, initargs, initializer, start_method(fork))
    # The pool's thread never waits for the thread feeding the workers' queue: on Python 3.13.0 it
    # waited there holding a lock that thread needs once a worker is dead (CPython gh-125451). The
    # workers still get every chunk: each one ends only once it has read its stop sign.
    executor._call_queue.cancel_join_thread()
    _widen(executor._result_queue._reader)
    _HANDOFFS.begin()
    pending: deque = deque()   # (chunk, its future or its answer), in input order
    given = 0                  # chunks given to the workers whose answer is not yet taken
    try:
        for chunk in chunks:
            if given - _done(pending) < workers * CHUNKS_PER_WORKER:
                pending.append((chunk, executor.submit(there, sent(chunk) if sent else chunk)))
                given += 1
            else:   # the workers have enough to do: this chunk is worked here
                pending.append((chunk, _Done(here(chunk))))
            while pending and (len(pending) > MAX_PENDING or _ready(pending[0][1])):
                chunk, answer = pending.popleft()
                if answer.__class__ is not _Done:
                    given -= 1
                yield chunk, _answer(executor, answer, received)
        while pending:
            chunk, answer = pending.popleft()
            yield chunk, _answer(executor, answer, received)
    except BrokenProcessPool:
        # a program importing hoctap without 'if __name__ == "__main__":' also ends here (its workers cannot start)
        _stop_broken_pool(executor)
        raise WorkerStopped() from None
    except BaseException:   # Ctrl-C, or the reader stopped early: drop the chunks not yet started, now
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        _HANDOFFS.end()
    # every answer is in: wait for the pool to wind down, else its manager thread may still be
    # closing its pipe when Python exits, and Python 3.11 then prints a traceback about it
    executor.shutdown(wait=True)


def _pool(workers: int, initargs: tuple, initializer: Callable[..., None] | None = None, method: str = "spawn") -> Any:
    """A pool of workers started by ``method`` (``start_method``), each started by ``initializer`` (a scoring run's ``_start_worker``
    by default), whose queue holds every chunk given to them (``CHUNKS_PER_WORKER``
    each), not the standard one more than there are workers: a worker then has its next chunks
    at hand, written to its pipe ahead, and does not wait, after each answer, for this process's
    threads to get the interpreter's lock and send it the next one (on a busy machine, this
    process may not run for tens of milliseconds, longer than a chunk takes to score)."""
    import multiprocessing
    import concurrent.futures.process as pool_module
    with _POOL_LOCK:   # the standard queue's size is read from the module when a pool is made
        before = pool_module.EXTRA_QUEUED_CALLS
        pool_module.EXTRA_QUEUED_CALLS = max(before, workers * CHUNKS_PER_WORKER)
        try:
            return pool_module.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                                   initializer=initializer or _start_worker, initargs=initargs)
        finally:
            pool_module.EXTRA_QUEUED_CALLS = before


_POOL_LOCK = threading.Lock()


def start_method(fork: bool) -> str:
    """How the workers of a pool start: "fork" where ``fork`` is asked for and it is safe, else "spawn".

    A spawned worker starts a new interpreter and imports hoctap and its libraries again, about a
    fifth of a second of the second core (on two cores, a twentieth of what 100,000 citizens take);
    a forked one starts with what this process has loaded. Forking is safe on Linux when this
    process runs one thread only (the pool's own threads start after its workers): no lock can be
    held by a thread that does not exist in the child. The rules engine's host starts no thread
    (``adapter._QuietHost``), and no engine call is in flight while the pool is made; a worker builds
    its own engine anyway (``_start_worker``) and uses nothing else it inherits that holds outside
    state (the run store, the ids' table: SQLite must not be used across a fork, and is not);
    multiprocessing flushes this process's standard streams before it forks, so a worker never
    writes again what they held. Callers whose workers use SQLite (``audit verify``) ask for spawn.
    Elsewhere (Windows, macOS, a program running threads, such as a web server) workers are
    spawned, as they always were."""
    if fork and sys.platform.startswith("linux") and _threads() == 1:
        return "fork"
    return "spawn"


def _threads() -> int:
    """This process's threads as the system counts them (those started by C libraries too), or 0 if unknown."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _widen(pipe: Any) -> None:
    """Let the answers' pipe hold most of an answer (a chunk's JSON lines are about 340 KB; Linux
    gives a pipe 64 KB): a worker then waits, blocked on the full pipe, only for this process to
    read the first part, rather than for most of it (measured: 2 ms an answer instead of 22 ms,
    with ``_QuickHandoffs``). Where the system cannot (not Linux, or a lower limit), the pipe
    stays as it is: the same run, a little slower."""
    try:
        import fcntl
        setting = fcntl.F_SETPIPE_SZ
    except (ImportError, AttributeError):
        return
    for size in RESULT_PIPE_BYTES:
        try:
            fcntl.fcntl(pipe.fileno(), setting, size)
            return
        except OSError:   # over the system's limit for this user (Linux: /proc/sys/fs/pipe-max-size): try less
            pass


class _QuickHandoffs:
    """A shorter switch interval while a pool runs. The pool's threads here take each answer from
    the pipe (64 KB a read; a chunk's answer is a few hundred) and give the workers their next
    chunk, and each of them needs the interpreter's lock for a moment; while this thread scores,
    they would get it only every 5 ms (Python's default interval), and a worker would wait,
    blocked on a full pipe, for most of what it takes to score a chunk. Threads that are not
    waiting for the lock cost nothing more. Set back when the last run in this process ends."""

    def __init__(self) -> None:
        self.lock, self.runs, self.before = threading.Lock(), 0, 0.005

    def begin(self) -> None:
        with self.lock:
            if self.runs == 0:
                self.before = sys.getswitchinterval()
                sys.setswitchinterval(min(self.before, SWITCH_INTERVAL_S))
            self.runs += 1

    def end(self) -> None:
        with self.lock:
            self.runs -= 1
            if self.runs == 0:
                sys.setswitchinterval(self.before)


_HANDOFFS = _QuickHandoffs()


class _Done(NamedTuple):
    """An answer worked here, held in order among the workers' futures."""

    value: Any


def _ready(answer) -> bool:
    return answer.__class__ is _Done or answer.done()


def _done(pending: deque) -> int:
    """Chunks given to the workers and answered, not yet taken (a few at most: cheap to count)."""
    return sum(1 for _, answer in pending if answer.__class__ is not _Done and answer.done())


def _answer(executor, answer, received: Callable[[Any], list] | None = None):
    """A chunk's outcomes (scored here, or by a worker), or BrokenProcessPool once a worker is found dead.

    The pool's own thread says when a worker dies, except where the worker died while sending a
    result (one chunk's result is larger than a pipe holds): that thread then waits forever for
    the rest of it, and so would the run. So the parent also looks for a dead worker itself while
    it waits; no worker ends before every answer is in, unless the pool is broken."""
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing.connection import wait
    if answer.__class__ is _Done:
        return answer.value
    while True:
        try:
            got = answer.result(timeout=DEAD_WORKER_CHECK_S)
            return received(got) if received is not None else got
        except TimeoutError:
            processes = list((executor._processes or {}).values())
            if wait([process.sentinel for process in processes], timeout=0):
                raise BrokenProcessPool("a worker process ended") from None


def _stop_broken_pool(executor) -> None:
    """End every worker, and free the pool's thread, so that nothing keeps the run from ending.

    The survivors are killed (one may wait forever for a lock the dead one held); then the
    parent's end of the result pipe is closed, the last one still open, so a pool thread waiting
    for the rest of a half-sent result reads the end of the pipe and stops, rather than keeping
    the interpreter from exiting (it joins that thread at exit)."""
    from multiprocessing.connection import wait
    processes = list((getattr(executor, "_processes", None) or {}).values())
    results = getattr(executor, "_result_queue", None)
    manager = getattr(executor, "_executor_manager_thread", None)
    for process in processes:
        process.kill()
    sentinels, deadline = [process.sentinel for process in processes], time.monotonic() + 10
    while sentinels and time.monotonic() < deadline:   # a killed process is gone in milliseconds
        done = wait(sentinels, timeout=max(0.0, deadline - time.monotonic()))
        sentinels = [sentinel for sentinel in sentinels if sentinel not in done]
    executor.shutdown(wait=False, cancel_futures=True)
    if results is not None:
        results._writer.close()   # the pool's thread never writes there; shutdown(wait=False) leaves it open
    if manager is not None:   # let it finish before Python exits: else its closing races Python's own wake-up call
        manager.join(timeout=10)


def chunks_of(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``rows`` in lists of ``size`` (the last one shorter)."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


_worker: "_ChunkScorer | None" = None


def _portable(loaded: LoadedPack) -> tuple:
    """The pack as a worker gets it: its checked objects as plain data (``model.to_data``, as the
    pack cache keeps them), which a worker builds back in a blink, where checking the text again
    would cost it a third of a second; a local variant (whose parent is a file of its own) as its text."""
    if loaded.base is not None:
        return ("text", loaded.text, loaded.source)
    from scoring.packs.model import to_data
    return ("data", to_data(loaded.pack), loaded.source, loaded.text)


def _unpacked(portable: tuple) -> LoadedPack:
    if portable[0] == "text":
        from scoring.packs.pack import load_pack_text   # here: a run in one process never checks a pack's text
        return load_pack_text(portable[1], portable[2])
    from scoring.packs.model import Pack, build
    _, data, source, text = portable
    return LoadedPack(build(Pack, data), source=source, text=text)


def _start_worker(parent: int, pack: tuple, lang: str, cache: bool, lines: LineSpec | None,
                  stored: LineSpec | None = None) -> None:
    global _worker
    worker_started(parent, lang)
    _worker = _ChunkScorer(RowScorer(_unpacked(pack), lang, cache, reasons=True, lines=lines, stored=stored))


def worker_started(parent: int, lang: str) -> None:
    """What every worker does first: leave Ctrl-C to the parent (it stops the pool), end with the
    parent, speak the parent's language (a spawned worker starts with the default one), keep the
    memory it frees for its next answer (``_keep_freed_memory``), and end at once when its work is
    done (``_end_at_once``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)
    set_lang(lang)
    _keep_freed_memory()
    atexit.register(_end_at_once)


def _end_at_once() -> None:
    """A worker's last act, once the pool has told it to stop: end here, without the interpreter's
    teardown, which frees the worker's caches (its pack, the engine's answers, the lines' pieces)
    one object at a time while the parent waits for it (``in_order`` waits for the pool to wind
    down). Measured with ``--jobs 2``: 30–130 ms at the end of every run (the most for TT 24 units)
    against 5 ms. Nothing is lost: every answer was sent, synchronously, before the worker read its
    stop sign; multiprocessing's own clean-up ran before this (``BaseProcess._bootstrap``); the
    streams are flushed here; a store a worker read (``audit verify``) stays whole, as SQLite keeps it
    for any process that ends without closing it, and the parent, which closes it last, folds its
    write-ahead log back in as before. The exit code is 0 either way: the pool does not read it (a worker
    that ends before its stop sign breaks the pool, whatever its code), and a worker's error is
    already printed by then."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):   # a closed or broken stream: nothing more can be written to it
            pass
    os._exit(0)


def _keep_freed_memory() -> None:
    """Let this worker's C allocator (glibc's) keep freed memory for the next request instead of
    handing it back to the system at once.

    A worker's answers are large: a part's JSON lines are about 800 KB. Each is joined, pickled and
    written to the pipe. glibc serves a block of that size from fresh pages of its own (past 128
    KiB, grown with what it has seen freed) and gives them back when freed. The next answer then
    touches every page anew, and each first touch is a page fault in the kernel. Measured on
    100,000 citizens with ``--jobs 2`` (``/usr/bin/time``): 65,000 minor page faults and 0.36 s of
    system time, against 27,000 and 0.25 s with these settings. That is most of what two
    processes spend in the kernel beyond one.

    Only in a worker, which is this program's own process and ends with the run; the parent's
    allocator, which may be a long-running program's (``hoctap serve``), is left as it is. Elsewhere
    (Windows, macOS, a libc without ``mallopt``) nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        mallopt = ctypes.CDLL(None).mallopt
    except (ImportError, OSError, AttributeError):   # a Python without ctypes, or not glibc (musl has no mallopt)
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)   # blocks up to 32 MiB from the heap, reused (glibc's largest)
    mallopt(_M_TRIM_THRESHOLD, 256 << 20)   # the heap's free top is given back only past 256 MiB


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3   # glibc's malloc.h


def _exit_with_parent(parent: int) -> None:
    """A parent killed outright (SIGKILL, the out-of-memory killer) cannot stop its pool; without
    this the workers would sleep on forever, holding the terminal's output open.

    ``parent`` is the pid the parent gave, not ``os.getppid()`` read here: a parent killed while
    this worker was still importing has already been replaced by init, and would never be missed."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)
    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _score_chunk(chunk: list[tuple]) -> list[RowOutcome | tuple]:
    assert _worker is not None, "the worker was not started"
    rows = [RawRow(*row) for row in chunk]
    if rows and len(columns_seen) < 64:   # the columns a part's reader then gives the same str objects (``parts``)
        names = tuple(rows[0].data)
        columns_seen.setdefault(names, names)
    return _sent(rows, _worker)


# In a worker: the columns of the rows it was sent in chunks, each name as the str object first
# met. What comes pickled comes as new str objects: a CSV file's first record (a chunk) and then
# its parts (whose reader holds the header) would name the same columns with other objects, and
# the validator, which keeps the first row's, would compare the texts at every look-up by column.
columns_seen: dict[tuple, tuple] = {}


def sharing(here: "_ChunkScorer", sent: Callable[[Any], Any], received: Callable[[Any], Any]
            ) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """``in_order``'s ``sent`` and ``received`` for a run whose processes pass on the engine's answers.

    Each process of a run remembers the engine's answers (``Scorer``); with several, each would
    ask its own engine again about situations another has met (a TT 24 unit's are mostly new: with
    two processes, 20,000 units asked it 9,940 times against 7,432 in one). So what an engine
    answers is passed on: this process's (``here``'s scorer) with each item it gives a worker, a
    worker's with each answer (``worked_sharing``); each process remembers the other's
    (``Scorer.absorb``). Only the engine's own answers for a key go across; the counting proof runs on
    every record wherever it is scored. A worker's answer also brings the shares written as fractions
    it noted (``records.shares``), noted here with this process's own."""
    scorer, shares = here.scorer.scorer, here.scorer.validator.shares
    scorer.keep_learned()

    def sent_sharing(item: Any) -> tuple[Any, Any]:
        return sent(item), scorer.learned()

    def received_sharing(answer: tuple[Any, Any, Any]) -> Any:
        scorer.absorb(answer[1])
        shares.merge(answer[2])
        return received(answer[0])
    return sent_sharing, received_sharing


def worked_sharing(sent: tuple[Any, Any], work: Callable[[Any], Any]) -> tuple[Any, Any, Any]:
    """In a worker: ``work`` of the item sent, with the engine's answers passed on both ways
    (``sharing``): the parent's, sent with the item, remembered first; this worker's engine's,
    since the last item, sent back with the answer, and the shares written as fractions it noted."""
    item, learned = sent
    assert _worker is not None, "the worker was not started"
    scorer = _worker.scorer.scorer
    scorer.keep_learned()
    scorer.absorb(learned)
    worked = work(item)
    return worked, scorer.learned(), _worker.scorer.validator.shares.take()


def _score_chunk_sharing(sent: tuple[list[tuple], Any]) -> tuple[list[RowOutcome | tuple], Any, Any]:
    """``_score_chunk`` with the engine's answers passed on both ways (``sharing``)."""
    return worked_sharing(sent, _score_chunk)


def _sent(chunk: list[RawRow], scorer: "_ChunkScorer") -> list[RowOutcome | tuple]:
    """A chunk's outcomes as a worker sends them back: a row whose outcome is only its id and its
    JSON line (most rows) as a plain (id, line) pair, which costs a third as much to pickle and
    unpickle as the outcome (a named tuple of nine fields, rebuilt through its class); any other
    outcome as it is. ``_received`` makes the outcomes again."""
    return [(out.id, out.line) if out.line.__class__ is bytes and not out.warnings and out == (out.id, None, None,
            None, None, None, None, out.line, (), None) else out for out in scorer(chunk)]


def _received(answer: list[RowOutcome | tuple]) -> list[RowOutcome]:
    """The outcomes a worker sent (``_sent``), as the parent scoring the chunk itself would have them."""
    make = _new_outcome
    return [make(RowOutcome, (item[0], None, None, None, None, None, None, item[1], (), None)) if item.__class__ is tuple
            else item for item in answer]


class _ChunkScorer:
    """Scores a chunk of rows, in a worker or in the parent alike. A row's JSON line is sent back
    as UTF-8 bytes: a str of Vietnamese text costs several times as much to pickle and unpickle,
    and the writer would only encode it again (``render.write_results`` writes the bytes as they
    are). A line that is no valid UTF-8 (a lone surrogate in an id) stays a str: the writer then
    fails, or escapes it, as it always did."""

    def __init__(self, scorer: RowScorer):
        self.scorer = scorer

    def __call__(self, chunk: list[RawRow]) -> list[RowOutcome]:
        scorer = self.scorer
        if scorer.lines is None:
            return [scorer(row) for row in chunk]
        outcomes = []
        for out in scorer.many(chunk):
            if out.line is not None:
                try:   # a line from its parts is bytes already; the general way's is a str
                    line = out.line if out.line.__class__ is bytes else out.line.encode("utf-8")
                    # = RowOutcome(out.id, line=line, warnings=out.warnings), without keywords
                    out = _new_outcome(RowOutcome, (out.id, None, None, None, None, None, None, line, out.warnings, None))
                except UnicodeEncodeError:
                    pass
            outcomes.append(out)
        return outcomes


def _place(source: str, place: str | None, line: int | None) -> str:
    """Where a row of the table was seen: the text kept (``first``), else the source's line (``fresh``)."""
    return place if place is not None else f"{source}:{line}"


# ``SeenIds.fresh``: ?1 a JSON array of ids by line (null: no id there), ?2 the file's number, ?3 the array's first line
_ANY_SEEN = "SELECT 1 FROM seen WHERE src = ?2 AND id IN (SELECT value FROM json_each(?1) WHERE type = 'text') LIMIT 1"
_REMEMBER = "INSERT INTO seen (src, id, line) SELECT ?2, value, ?3 + key FROM json_each(?1) WHERE type = 'text'"


class SeenIds:
    """Where each record id was first seen, to reject a repeated id (a record is its source, the
    file or the file's sheet, and its id).

    Ids are kept in memory up to ``memory_limit`` (a dict of ids per source: about 120 bytes an
    id, the id's text included: 2.4 MB at most); past it they move to a private temporary SQLite
    database on disk (deleted when closed), so a million-record run stays flat in memory.
    A source is kept there as a number, and a place as its line (or as the text given): a key of
    the table is then the id and a small number, not a path written out with every id, and the
    table is about half the size, and its look-ups, which are what it costs once it is larger than
    SQLite's cache, fewer pages (docs/PERFORMANCE.md: a million ids in a council's folder).
    On disk, a Bloom filter of fixed size (``FILTER_BITS``: 4 MiB) says which ids were surely not
    seen: those are written in batches (``FLUSH_IDS``), and only the others are looked up. Asking
    the database for every id had cost several times as much as scoring it (issue 14). The filter
    never misses an id it was given, so the answer stays exact: a false "maybe" costs one look-up.
    """

    FILTER_BITS = 1 << 25   # at 1 million ids, 2 bits each: about 1 id in 300 looked up for nothing
    FLUSH_IDS = 10_000
    ASK_IDS = 500   # ids looked up in one statement (SQLite allows 999 values in one, at the least)

    def __init__(self, memory_limit: int = 20_000):
        self.memory_limit = memory_limit
        # source -> id -> where it was seen: the text given (``first``), or its line (``fresh``: a
        # number, not a text 'file:line' made for every id; measured, half the cost of the check)
        self._memory: dict[str, dict[str, str | int]] = {}
        self._count = 0   # ids in memory
        self._db: sqlite3.Connection | None = None
        self._sources: dict[str, int] = {}   # a source's number in the table
        self._bits = bytearray()
        self._new: list[tuple[int, str, str]] = []   # surely new ids (source's number, id, where), not yet written
        self._filtered = True   # the filter was given every id on disk (``fresh`` gives it none)

    def first(self, source: str, rid: str, where: str) -> str | None:
        """Where ``rid`` of ``source`` was seen before, or None the first time (and remember it)."""
        if self._db is None:
            known = self._memory.get(source)
            if known is None:
                known = self._memory[source] = {}
            before = known.get(rid)
            if before is None:
                known[rid] = where
                self._count += 1
                if self._count > self.memory_limit:
                    self._spill(filtered=True)
                return None
            return before if before.__class__ is str else _place(source, None, before)
        src = self._number(source)
        if not self._filtered or self._maybe_seen(src, rid):
            self._flush()
            row = self._db.execute("SELECT place, line FROM seen WHERE src = ? AND id = ?", (src, rid)).fetchone()
            if row is not None:
                return _place(source, *row)
        self._new.append((src, rid, where))
        if len(self._new) >= self.FLUSH_IDS:
            self._flush()
        return None

    def fresh(self, file: str, ids: list[str], numbers: list[int]) -> bool:
        """Whether none of ``ids`` (of ``file``, at its lines ``numbers``, in rising order) was
        seen before and none is given twice: then each is remembered, as ``first`` would (at
        ``file:line``); else none is, and the caller asks ``first`` of each, in order. A block of
        rows is checked at once (``run.parts``): in memory by set operations, on disk by two
        statements for all (the filter is then left behind: ``first`` looks every id up from
        there on, rarely needed in such a run)."""
        if len(set(ids)) != len(ids):
            return False
        if self._db is None:
            known = self._memory.get(file)
            if known is None:
                known = self._memory[file] = {}
            elif not known.keys().isdisjoint(ids):
                return False
            known.update(zip(ids, numbers))
            self._count += len(ids)
            if self._count > self.memory_limit:
                self._spill(filtered=False)
            return True
        if not ids:
            return True
        self._flush()
        answer = self._fresh_by_line(file, ids, numbers)
        if answer is None:
            answer = self._fresh_one_by_one(file, ids, numbers)
        if answer:
            self._filtered = False   # ids on disk that the filter was not given
        return answer

    def _fresh_by_line(self, file: str, ids: list[str], numbers: list[int]) -> bool | None:
        """``fresh`` on disk, the ids given to SQLite as one JSON array by line, each line's number
        made there: a statement for all, where binding each id and line from here cost the parent
        several times as much (issue 14: 2–3 µs an id, where a row costs a run 40–50 µs). None
        where SQLite cannot read them so (no JSON functions, a NUL, a lone surrogate), or where the
        rows are not one a line in rising order: ``_fresh_one_by_one``."""
        import json
        import sqlite3
        first, last = numbers[0], numbers[-1]
        slots: list[str | None] = ids
        if numbers != list(range(first, last + 1)):
            if not all(a < b for a, b in zip(numbers, numbers[1:])):   # not one row a line, in order
                return None
            slots = [None] * (last - first + 1)   # rows rejected (or lines skipped) in between: null there
            for n, rid in zip(numbers, ids):
                slots[n - first] = rid
        text = json.dumps(slots, ensure_ascii=False)
        if "\\u0000" in text:   # SQLite's texts end at a NUL
            return None
        assert self._db is not None
        src = self._number(file)
        try:
            if self._db.execute(_ANY_SEEN, (text, src)).fetchone() is not None:
                return False
            self._db.execute(_REMEMBER, (text, src, first))
        except (sqlite3.OperationalError, UnicodeEncodeError):   # checked before anything is written
            return None
        return True

    def _fresh_one_by_one(self, file: str, ids: list[str], numbers: list[int]) -> bool:
        assert self._db is not None
        src = self._number(file)
        for at in range(0, len(ids), self.ASK_IDS):
            asked = ids[at:at + self.ASK_IDS]
            query = f"SELECT 1 FROM seen WHERE src = ? AND id IN ({','.join('?' * len(asked))}) LIMIT 1"
            if self._db.execute(query, [src, *asked]).fetchone() is not None:
                return False
        self._db.executemany("INSERT INTO seen (src, id, line) VALUES (?, ?, ?)", zip(repeat(src), ids, numbers))
        return True

    def _number(self, source: str) -> int:
        """The source's number in the table (given in the order sources are met)."""
        number = self._sources.get(source)
        if number is None:
            number = self._sources[source] = len(self._sources)
        return number

    def _maybe_seen(self, src: int, rid: str) -> bool:
        """Whether ``rid`` of source ``src`` may have been given before (False: surely not); it is given now."""
        h = hash((src, rid))   # two positions from one 64-bit hash, stable within this process
        a, b = h & (self.FILTER_BITS - 1), (h >> self._shift) & (self.FILTER_BITS - 1)
        bits, ia, ib, ma, mb = self._bits, a >> 3, b >> 3, 1 << (a & 7), 1 << (b & 7)
        if bits[ia] & ma and bits[ib] & mb:
            return True
        bits[ia] |= ma
        bits[ib] |= mb
        return False

    def _flush(self) -> None:
        if self._new and self._db is not None:
            self._db.executemany("INSERT INTO seen (src, id, place) VALUES (?, ?, ?)", self._new)
            self._db.commit()
            self._new = []

    def _spill(self, filtered: bool) -> None:
        """The ids in memory moved to disk. ``filtered``: given to the filter too, for ``first``;
        past ``fresh``, not (it leaves the filter behind on disk anyway: ``first`` then looks each id
        up), where filling it cost a third of what the ids of a 100,000-record run cost the parent."""
        import sqlite3   # past memory_limit ids only
        self._db = sqlite3.connect("")  # "": a private on-disk temporary database, removed on close
        self._db.execute("PRAGMA journal_mode = OFF")
        # a place is its line (``fresh``: the source's name, a colon and the line) or the text given (``first``)
        self._db.execute("CREATE TABLE seen (src INTEGER NOT NULL, id TEXT NOT NULL, line INTEGER, place TEXT, "
                         "PRIMARY KEY (src, id)) WITHOUT ROWID")
        self._filtered = filtered
        if filtered:
            self._bits = bytearray(self.FILTER_BITS // 8)
            self._shift = self.FILTER_BITS.bit_length() - 1   # the second position: the bits above the first's
        places, lines = [], []
        for source, known in self._memory.items():
            src = self._number(source)
            if filtered:
                for rid in known:
                    self._maybe_seen(src, rid)
            for rid, where in known.items():
                (places if where.__class__ is str else lines).append((src, rid, where))
        self._db.executemany("INSERT INTO seen (src, id, place) VALUES (?, ?, ?)", places)
        self._db.executemany("INSERT INTO seen (src, id, line) VALUES (?, ?, ?)", lines)
        self._db.commit()
        self._memory, self._count = {}, 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
