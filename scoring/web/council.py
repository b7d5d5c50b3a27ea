"""Council uploads: one scoring job per upload, run in the background, polled for progress.

A job scores the uploaded records with the library (``score_files``, or ``score_units`` with a
members file), writes the results workbook and the recognition list with the writers of
``scoring.results.output``, and keeps for the page only what it shows: the counts, the rejected
rows and the disagreements with self-assessments. The uploaded files are deleted as soon as the
scoring ends; the two workbooks are deleted when the job expires or the server stops. With a
run store, the run is also saved there (as ``hoctap score --store``: no names or other personal
columns).

Jobs run one at a time (a large file already uses every core), in the order they came.
"""
from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scoring.audit.store import RunStore
from scoring.errors import HoctapError, UsageError
from scoring.goals.composite import score_units
from scoring.packs.catalog import models, shipped_packs
from scoring.records.dates import parse_assessment_date
from scoring.records.raw import RawRow
from scoring.results.aggregate import Result
from scoring.results.output import write_report_file, write_results_file
from scoring.results.provenance import RunInfo, file_hash
from scoring.results.render import disagreement_row, num
from scoring.results.report import Summary
from scoring.run.api import score_files
from scoring.run.batch import default_jobs
from scoring.web.texts import words
from scoring.web.uploads import Saved, Workdir

SHOWN = 200             # rejected rows and disagreements listed on the page (all are in the workbook)
RESULTS_FILE, LIST_FILE = "ket-qua.xlsx", "danh-sach-cong-nhan.xlsx"


def council_choices() -> list[tuple[str, str]]:
    """(value, label) for the pack select: shipped packs, then models (chosen by date)."""
    first = "cong-dan-hoc-tap"   # what most councils score
    ordered = sorted(shipped_packs().values(), key=lambda p: (p.pack.id != first, p.pack.id))
    packs = [(p.pack.id, f"{p.pack.title.vi} — {p.pack.id}") for p in ordered]
    named = {v for v, _ in packs}
    extra = [(m, m) for m in models() if m not in named]
    return packs + extra


@dataclass
class Job:
    id: str
    owner: str | None                 # the session that started it (None: the JSON API)
    lang: str
    pack: str
    created: float = field(default_factory=time.monotonic)
    status: str = "waiting"           # waiting | running | done | failed
    processed: int = 0
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    outcomes: list[list[Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    checked: int = 0
    members: list[dict[str, Any]] = field(default_factory=list)
    pack_title: str = ""
    provisional: bool = False
    run_id: str | None = None
    stored_in: str | None = None
    seal: str | None = None           # the stored run's seal (with a run store)
    files: dict[str, Path] = field(default_factory=dict)
    workdir: Workdir | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "processed": self.processed, "error": self.error,
                "pack": self.pack, "pack_title": self.pack_title, "provisional": self.provisional,
                "counts": self.counts, "outcomes": self.outcomes, "rejected": self.rejected,
                "disagreements": self.disagreements, "checked": self.checked, "members": self.members,
                "run_id": self.run_id, "seal": self.seal, "downloads": sorted(self.files)}


@dataclass(frozen=True)
class Request:
    pack: str
    records: Saved
    members: Saved | None = None
    as_of: str | None = None
    sheet: str | None = None


class Stopped(Exception):
    """The server is stopping: the job ends where it is."""


def check_choice(pack: str, as_of: str | None, lang: str) -> dt.date | None:
    """The pack or model must be a shipped one (never a path on the server); a date is read as
    ``--as-of`` reads it. Raises UsageError with the person's words."""
    w = words(lang)
    if pack not in shipped_packs() and pack not in models():
        raise UsageError(w["unknown_pack"].format(name=pack))
    if not as_of:
        if pack not in shipped_packs():
            raise UsageError(w["needs_date"].format(name=pack))
        return None
    try:
        return parse_assessment_date(as_of)
    except ValueError as exc:
        raise UsageError(w["bad_date"].format(text=as_of, problem=exc)) from None


class Jobs:
    def __init__(self, store: str | None = None, keep_seconds: float = 3600):
        self.store, self.keep = store, keep_seconds
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hoctap-job")
        self._stopping = threading.Event()   # set at shutdown: a running job stops at its next record

    def start(self, request: Request, workdir: Workdir, owner: str | None, lang: str) -> Job:
        self.expire()
        job = Job(secrets.token_urlsafe(16), owner, lang, request.pack, workdir=workdir)
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, request)
        return job

    def get(self, job_id: str, owner: str | None) -> Job | None:
        job = self._jobs.get(job_id)
        if job is None or (job.owner is not None and job.owner != owner):
            return None
        return job

    def expire(self) -> None:
        now = time.monotonic()
        with self._lock:
            old = [j for j in self._jobs.values() if j.status in ("done", "failed") and now - j.created > self.keep]
            for job in old:
                self._drop(job)

    def close(self) -> None:
        """At shutdown (Ctrl-C): a running job stops at its next record (its worker processes with
        it), no waiting job starts, and every job's files are deleted."""
        self._stopping.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            for job in list(self._jobs.values()):
                self._drop(job)

    def _drop(self, job: Job) -> None:
        self._jobs.pop(job.id, None)
        if job.workdir:
            job.workdir.close()

    # --- the work ---
    def _run(self, job: Job, request: Request) -> None:
        job.status = "running"
        try:
            self._score(job, request)
            job.status = "done"
        except HoctapError as exc:
            job.error, job.status = _person_words(str(exc), request), "failed"
        except Stopped:
            job.error, job.status = words(job.lang)["stopped"], "failed"
        except Exception as exc:   # a bug: the person gets a message, the server keeps serving
            job.error, job.status = f"{words(job.lang)['server_error']} ({type(exc).__name__})", "failed"
        finally:
            if job.workdir:  # the uploads are gone as soon as scoring ends; the outputs stay until expiry
                job.workdir.remove(request.records.path, *([request.members.path] if request.members else []))

    def _score(self, job: Job, request: Request) -> None:
        as_of = check_choice(request.pack, request.as_of, job.lang)
        paths = [request.records.path]
        member_paths = [request.members.path] if request.members else []
        run = _run_info(request, as_of, job.lang)
        if request.members:
            batch = score_units(request.pack, paths, member_paths, job.lang, sheet=request.sheet, as_of=as_of, run=run)
        else:
            batch = score_files(request.pack, paths, job.lang, as_of=as_of, run=run, sheet=request.sheet,
                                jobs=default_jobs(paths))
        if batch.loaded is None:
            raise UsageError(words(job.lang)["needs_date"].format(name=request.pack))
        batch.rows = _renamed(batch.rows, {str(request.records.path): request.records.name})
        loaded = batch.loaded
        job.pack_title, job.provisional = loaded.pack.title.get(job.lang), loaded.pack.status == "provisional"
        job.run_id = batch.run.run_id
        summary = Summary(loaded, lang=job.lang, listing=True)
        results = self._watched(job, batch.results(), summary, request)
        store = self._begin_store(batch, request, job) if self.store else None
        try:
            assert job.workdir is not None
            out = job.workdir.path / RESULTS_FILE
            write_results_file(out, store.record(results) if store else results, loaded, batch.counts,
                               claims=getattr(batch, "claims", False), lang=job.lang)
            if store:
                for members in getattr(batch, "members", {}).values():
                    store.record_members(members.rows)
                job.seal = store.finish(batch.counts)
                job.stored_in = self.store
        finally:
            if store:
                store.close()
        write_report_file(job.workdir.path / LIST_FILE, summary)
        job.files = {RESULTS_FILE: out, LIST_FILE: job.workdir.path / LIST_FILE}
        c = summary.counts
        job.counts = {"read": c.read, "scored": c.scored, "rejected": c.rejected}
        job.outcomes = [[code, label, n, share] for code, label, n, share in summary.outcome_rows()]
        job.checked = summary.checked
        for members in getattr(batch, "members", {}).values():
            mc = members.counts
            job.members.append({"pack": members.loaded.pack.id, "read": mc.read, "scored": mc.scored,
                                "rejected": mc.rejected,
                                "rejected_rows": [{"where": _person_words(r.where, request), "id": r.id,
                                                   "error": _person_words(r.error or "", request)}
                                                  for r in members.rejected[:SHOWN]]})

    def _watched(self, job: Job, results: Iterator[Result], summary: Summary, request: Request) -> Iterator[Result]:
        try:
            for r in results:
                if self._stopping.is_set():
                    raise Stopped()
                yield self._seen(job, r, summary, request)
        finally:
            close = getattr(results, "close", None)
            if close:   # stops the batch's worker processes now, not when garbage is collected
                close()

    @staticmethod
    def _seen(job: Job, r: Result, summary: Summary, request: Request) -> Result:
        summary.add(r)
        job.processed += 1
        if not r.ok and len(job.rejected) < SHOWN:
            job.rejected.append({"where": r.where, "id": r.id, "error": _person_words(r.error or "", request)})
        elif r.verification is not None and not r.verification.agrees and len(job.disagreements) < SHOWN:
            where, rid, outcome, total, claimed_total, claimed_outcome, indicators, text = disagreement_row(r)
            job.disagreements.append({"where": where, "id": rid, "outcome": outcome, "label": r.label,
                                      "total": num(total), "claimed_total": claimed_total,
                                      "claimed_outcome": claimed_outcome, "indicators": indicators,
                                      "differences": text})
        return r

    def _begin_store(self, batch: Any, request: Request, job: Job) -> RunStore:
        store = RunStore.create(self.store)  # type: ignore[arg-type]
        store.begin_run(batch.run, batch.run.command or {}, False)
        return store


def _run_info(request: Request, as_of: dt.date | None, lang: str) -> RunInfo:
    """The run as the store names it: the command and the files' hashes, each file by the name it
    was uploaded under (the temporary folder means nothing later)."""
    command = {"criteria": request.pack, "as_of": str(as_of) if as_of else None, "records": [request.records.name],
               "lang": lang, "via": "hoctap serve"}
    extra = {"sheet": request.sheet, "members": [request.members.name] if request.members else []}
    command.update({k: v for k, v in extra.items() if v})
    uploads = [request.records, *([request.members] if request.members else [])]
    return RunInfo.new(tuple({**file_hash(u.path), "file": u.name} for u in uploads), command)


def _renamed(rows: Iterable[RawRow], names: dict[str, str]) -> Iterator[RawRow]:
    """Rows named by the uploaded file's own name ('danh-sach.csv:12'), not the temporary path."""
    for row in rows:
        yield replace(row, file=names.get(row.file, row.file))


def _person_words(message: str, request: Request) -> str:
    """Library messages name the temporary path; the person knows the file by its own name."""
    for saved in (request.records, request.members):
        if saved is not None:
            message = message.replace(str(saved.path), saved.name)
    return message
