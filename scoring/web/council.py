"""Council uploads: one scoring job per upload, run in the background, polled for progress.

A job scores the uploaded records with the library (``score_files``, or ``score_units`` with a
members file) and writes, in one pass over the results, the documents ``hoctap report -o`` and
``hoctap score -o`` write, with the same library functions: the council workbook ready to print
and sign (``write_council_file``: the recognition list, results, rejected records, disagreements,
summary), the recognition list as a PDF (``write_list_pdf``) and the data workbook
(``write_results_file``). The heading (issuing body, place, date, signers) and the columns carried
into the list (e.g. ``Họ và tên``) are the form's optional fields, as ``report``'s options. The job
keeps for the page only what it shows: the counts, the rejected rows and the disagreements.
The uploaded files are deleted as soon as the scoring ends; the written documents (which may hold
the carried names) are deleted when the job expires or the server stops. With a run store, the
run is also saved there (as ``hoctap score --store``: no names or other personal columns).

Jobs run one at a time (a large file already uses every core), in the order they came.
"""
from __future__ import annotations

import datetime as dt
import queue
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scoring.audit.store import RunStore
from scoring.errors import HoctapError, UsageError
from scoring.goals.composite import score_units
from scoring.messages import LANGS, Msg, t
from scoring.packs.catalog import models, shipped_packs
from scoring.records.dates import parse_assessment_date
from scoring.records.footer import skipped_line
from scoring.records.raw import RawRow
from scoring.results.aggregate import Result
from scoring.results.council import Letterhead, parse_day, write_council_file
from scoring.results.output import write_results_file
from scoring.results.provenance import RunInfo, file_hash
from scoring.results.render import disagreement_row, num
from scoring.results.report import Summary, several_sources
from scoring.run.api import score_files
from scoring.run.batch import default_jobs
from scoring.run.notices import run_warnings, warned
from scoring.selfcheck.today import check_day
from scoring.web.boxes import about
from scoring.web.texts import words
from scoring.web.uploads import Saved, Workdir

SHOWN = 200             # rejected rows and disagreements listed on the page (all are in the workbook)
RESULTS_FILE, LIST_FILE, PDF_FILE = "ket-qua.xlsx", "danh-sach-cong-nhan.xlsx", "danh-sach-cong-nhan.pdf"
# the form's fields for the printed documents, named as ``hoctap report``'s options
HEADING = {"co_quan": "parent", "don_vi": "issuer", "dia_danh": "place", "dia_ban": "locality"}
PRINTING_FIELDS = (*HEADING, "ngay", "ky", "giu_cot", "sap_xep")
# the form's order: what goes in the list first, then the heading; "lines": a name per line
PRINTING_FORM = (("giu_cot", "lines"), ("sap_xep", "text"), ("co_quan", "text"), ("don_vi", "text"),
                 ("dia_danh", "text"), ("dia_ban", "text"), ("ngay", "date"), ("ky", "lines"))


def council_choices(lang: str = "vi") -> list[tuple[str, str]]:
    """(value, label) for the pack select, titles in the page's language: shipped packs, then
    models (chosen by date)."""
    first = "cong-dan-hoc-tap"   # what most councils score
    ordered = sorted(shipped_packs().values(), key=lambda p: (p.pack.id != first, p.pack.id))
    packs = [(p.pack.id, f"{p.pack.title.get(lang)} — {p.pack.id}") for p in ordered]
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
    warnings: list[str] = field(default_factory=list)   # what ``hoctap score`` warns of on the same file
    outcomes: list[list[Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    checked: int = 0
    disagreed: int = 0                # all of them; ``disagreements`` lists the first SHOWN
    members: list[dict[str, Any]] = field(default_factory=list)
    pack_title: str = ""
    pack_used: tuple[str, str] = ("", "")   # the pack's id and version, said on the page and on its paper
    day: dt.date | None = None        # the day it was scored (today, or SOURCE_DATE_EPOCH's), as its paper says
    provisional: bool = False
    run_id: str | None = None
    stored_in: str | None = None
    seal: str | None = None           # the stored run's seal (with a run store)
    template: str | None = None       # the pack whose template the error points to (its link is on the page)
    chosen: dict[str, str] = field(default_factory=dict, repr=False)   # the form's choices, to fill it again
    files: dict[str, Path] = field(default_factory=dict)
    workdir: Workdir | None = field(default=None, repr=False)
    kind: str = "council"             # "week": the Tuần lễ page's files (``hold``), never shown as a council's run

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "processed": self.processed, "error": self.error,
                "pack": self.pack, "pack_title": self.pack_title, "provisional": self.provisional,
                "counts": self.counts, "warnings": self.warnings, "outcomes": self.outcomes, "rejected": self.rejected,
                "disagreements": self.disagreements, "checked": self.checked, "disagreed": self.disagreed, "members": self.members,
                "run_id": self.run_id, "seal": self.seal, "downloads": sorted(self.files),
                # the pack that scored it (a model's name picks one by date) and the day, as the page and paper say them
                "criteria": {"id": self.pack_used[0], "version": self.pack_used[1]} if self.pack_used[0] else None,
                "scored_on": self.day.isoformat() if self.day else None}


@dataclass(frozen=True)
class Request:
    pack: str
    records: Saved
    members: Saved | None = None
    as_of: str | None = None
    sheet: str | None = None
    letterhead: Letterhead = Letterhead()
    keep: tuple[str, ...] = ()       # columns carried into the documents (names): --giu-cot
    sort: tuple[str, ...] = ()       # the list's order: --sap-xep


class Stopped(Exception):
    """The server is stopping: the job ends where it is."""


def check_choice(pack: str, as_of: str | None, lang: str) -> dt.date | None:
    """The pack or model must be a shipped one (never a path on the server); a date is read as
    ``--as-of`` reads it. Raises UsageError with the person's words, about the form's box (pack, as_of)."""
    w = words(lang)
    if pack not in shipped_packs() and pack not in models():
        raise about(UsageError(w["unknown_pack"].format(name=pack)), "pack")
    if not as_of:
        if pack not in shipped_packs():   # a model is chosen by the date: the date box is the one to fill
            raise about(UsageError(w["needs_date"].format(name=pack)), "as_of")
        return None
    try:
        return parse_assessment_date(as_of)
    except ValueError as exc:
        raise about(UsageError(w["bad_date"].format(text=as_of, problem=_words(exc, lang))), "as_of") from None


def check_members(pack: str, as_of: dt.date | None, lang: str) -> None:
    """A members file is for a unit pack that computes indicators from members (TT24, TT25 above
    the commune); with another pack it is refused before anything is read, in the form's words
    (the library's names '--members' and the packs' 'from_members' key). Raises UsageError."""
    from scoring.goals.composite import composite_inputs
    from scoring.packs.catalog import choose_pack
    try:
        chosen = choose_pack(pack, as_of)
    except HoctapError:
        return   # a model with no pack in force on that date: the job says so
    if chosen is None or composite_inputs(chosen.loaded):
        return
    takers = [p.pack.title.get(lang) for p in shipped_packs().values() if composite_inputs(p)]
    raise UsageError(words(lang)["members_not_used"].format(title=chosen.loaded.pack.title.get(lang),
                                                            packs="; ".join(sorted(takers))))


def names(text: str | None) -> tuple[str, ...]:
    """A field listing names (columns, signers): separated by ';' or new lines, blanks dropped.
    (Not commas: a column may be called 'Thôn, xóm'.)"""
    parts = (p.strip() for p in (text or "").replace("\n", ";").split(";"))
    return tuple(dict.fromkeys(p for p in parts if p))


def printing(fields: dict[str, str], lang: str) -> tuple[Letterhead, tuple[str, ...], tuple[str, ...]]:
    """The letterhead, carried columns and order of the printed documents from the form's
    optional fields, checked as ``hoctap report`` checks its options. Raises UsageError, about the form's
    box (ngay, sap_xep)."""
    given = {attr: (fields.get(name) or "").strip() or None for name, attr in HEADING.items()}
    day = (fields.get("ngay") or "").strip()
    try:
        date = parse_day(day) if day else None
    except ValueError as exc:
        w = words(lang)   # named by the form's label: the command line's words name its option (--ngay)
        raise about(UsageError(w["pf_bad_day"].format(field=w["pf_ngay"], problem=_words(exc, lang))), "ngay") from None
    keep, sort = names(fields.get("giu_cot")), names(fields.get("sap_xep"))
    for name in sort:   # as check_sort, in the page's words (the form has no --by, --giu-cot)
        if name not in keep:
            raise about(UsageError(words(lang)["sort_not_kept"].format(name=name)), "sap_xep")
    return Letterhead(**given, date=date, signers=names(fields.get("ky")), lang=lang), keep, sort


def _words(exc: Exception, lang: str) -> str:
    message = exc.args[0] if exc.args else exc
    return message.render(lang) if hasattr(message, "render") else str(message)


class Jobs:
    def __init__(self, store: str | None = None, keep_seconds: float = 3600):
        self.store, self.keep = store, keep_seconds
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hoctap-job")
        self._stopping = threading.Event()   # set at shutdown: a running job stops at its next record

    def start(self, request: Request, workdir: Workdir, owner: str | None, lang: str,
              chosen: dict[str, str] | None = None) -> Job:
        self.expire()
        job = Job(secrets.token_urlsafe(16), owner, lang, request.pack, workdir=workdir, chosen=dict(chosen or {}))
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, request)
        return job

    def hold(self, workdir: Workdir, owner: str | None, lang: str, what: str, files: dict[str, Path],
             chosen: dict[str, str] | None = None, kind: str = "week") -> Job:
        """Work done at once whose files are downloaded afterwards (the Week's workbook, a goal report's):
        kept, and deleted, as a job's are (when it expires, or the server stops)."""
        self.expire()
        job = Job(secrets.token_urlsafe(16), owner, lang, what, status="done", workdir=workdir,
                  chosen=dict(chosen or {}), files=dict(files), kind=kind)
        with self._lock:
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str, owner: str | None, kind: str = "council") -> Job | None:
        """The job of that id, of that kind, if ``owner`` may see it: a Week's files are not a council's
        run (its page, files and the JSON API would show an empty run)."""
        job = self._jobs.get(job_id)
        if job is None or job.kind != kind or (job.owner is not None and job.owner != owner):
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
            said = exc.render(job.lang)
            job.template = template_named(said)
            job.error, job.status = _person_words(said, request), "failed"
        except Stopped:
            job.error, job.status = words(job.lang)["stopped"], "failed"
        except Exception as exc:   # a bug: the person gets a message, the server keeps serving
            job.error, job.status = f"{words(job.lang)['server_error']} ({type(exc).__name__})", "failed"
        finally:
            if job.workdir:  # the uploads are gone as soon as scoring ends; the outputs stay until expiry
                job.workdir.remove(request.records.path, *([request.members.path] if request.members else []))

    def _score(self, job: Job, request: Request) -> None:
        as_of = check_choice(request.pack, request.as_of, job.lang)
        if request.sheet and request.records.path.suffix.lower() != ".xlsx":   # said in the form's words, not '--sheet'
            job.warnings.append(words(job.lang)["sheet_not_workbook"].format(name=request.records.name, sheet=request.sheet))
            request = replace(request, sheet=None)
        paths = [request.records.path]
        member_paths = [request.members.path] if request.members else []
        run = _run_info(request, as_of, job.lang)
        if request.members:
            batch = score_units(request.pack, paths, member_paths, job.lang, sheet=request.sheet, as_of=as_of, run=run,
                                carry=request.keep)
        else:
            batch = score_files(request.pack, paths, job.lang, as_of=as_of, run=run, sheet=request.sheet,
                                jobs=default_jobs(paths), carry=request.keep)
        if batch.loaded is None:
            raise UsageError(words(job.lang)["needs_date"].format(name=request.pack))
        batch.rows = _Renamed(batch.rows, request)
        before = list(job.warnings)   # the page's own (a sheet asked of a file that is no workbook)
        job.warnings += [_person_words(w, request) for w in batch.warnings]
        loaded = batch.loaded
        job.pack_title, job.provisional = loaded.pack.title.get(job.lang), loaded.pack.status == "provisional"
        job.pack_used, job.day = (loaded.pack.id, loaded.pack.version), check_day()
        job.run_id = batch.run.run_id
        summary = Summary(loaded, lang=job.lang, listing=True, keep=request.keep,
                          several=several_sources(paths, request.sheet))
        results = _not_empty(self._watched(job, warned(batch, lambda m: _warn(job, m, request)), request),
                             words(job.lang)["no_records"].format(name=request.records.name))
        store = self._begin_store(batch, request, job) if self.store else None
        assert job.workdir is not None
        folder, keep, letterhead = job.workdir.path, request.keep, request.letterhead
        try:
            def data_workbook(rows: Iterator[Result]) -> None:   # with the run's warnings in the page's words
                write_results_file(folder / RESULTS_FILE, rows, loaded, batch.counts,
                                   claims=getattr(batch, "claims", False), lang=job.lang, keep=keep,
                                   warnings=lambda: [*before, *(_person_words(w, request) for w in run_warnings(batch))])
            with closing(alongside(store.record(results) if store else results, data_workbook)) as both:
                write_council_file(folder / LIST_FILE, both, summary, letterhead, keep=keep, sort=request.sort,
                                   skipped=lambda: batch.counts.skipped_rows)
            if store:
                for members in getattr(batch, "members", {}).values():
                    store.record_members(members.rows)
                counts = batch.counts   # as 'hoctap score --store': the rows skipped as not records gave no row
                job.seal = store.finish(replace(counts, read=counts.records, skipped=0, skipped_rows=[]))
                job.warnings += [n.render(job.lang) for n in store.notices]   # a pack text changed, same version
                job.stored_in = self.store
        finally:
            if store:
                store.close()
        from scoring.results.pdf import write_list_pdf   # fpdf2: imported only when a PDF is written
        write_list_pdf(folder / PDF_FILE, summary, letterhead, keep=keep, sort=request.sort)
        job.files = {name: folder / name for name in (PDF_FILE, LIST_FILE, RESULTS_FILE)}
        c = summary.counts
        job.counts = {"read": c.read, "scored": c.scored, "rejected": c.rejected, "skipped": c.skipped}
        if c.skipped:   # named as 'hoctap score' names them under its count line
            job.warnings.append(skipped_line(c.skipped_rows, job.lang))
        job.warnings += [_person_words(w, request) for w in getattr(batch, "strangers", [])]
        job.outcomes = [[code, label, n, share] for code, label, n, share in summary.outcome_rows()]
        job.checked, job.disagreed = summary.checked, summary.disagreements
        for members in getattr(batch, "members", {}).values():
            mc = members.counts
            job.members.append({"pack": members.loaded.pack.id, "pack_title": members.loaded.pack.title.get(job.lang),
                                "read": mc.read, "scored": mc.scored,
                                "rejected": mc.rejected,
                                "rejected_rows": [{"where": _person_words(r.where, request), "id": r.id,
                                                   "error": _person_words(r.error or "", request)}
                                                  for r in members.rejected[:SHOWN]]})

    def _watched(self, job: Job, results: Iterator[Result], request: Request) -> Iterator[Result]:
        try:
            for r in results:
                if self._stopping.is_set():
                    raise Stopped()
                yield self._seen(job, r, request)
        finally:
            close = getattr(results, "close", None)
            if close:   # stops the batch's worker processes now, not when garbage is collected
                close()

    @staticmethod
    def _seen(job: Job, r: Result, request: Request) -> Result:
        job.processed += 1   # the council workbook adds it to the summary
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


def _not_empty(results: Iterator[Result], said: str) -> Iterator[Result]:
    """The results, the first taken now: a file of no record (an empty table, a header row alone)
    fails the job with ``said`` before any document is begun, as ``hoctap report -o`` writes no
    list to sign with no one on it."""
    first = next(results, None)
    if first is None:
        getattr(results, "close", lambda: None)()
        raise UsageError(said)

    def again() -> Iterator[Result]:
        try:
            yield first
            yield from results
        finally:
            getattr(results, "close", lambda: None)()   # the batch's worker processes stop now
    return again()


_END, _STOP = object(), object()


def alongside(results: Iterable[Result], consumer: Callable[[Iterator[Result]], None],
              chunk: int = 256) -> Iterator[Result]:
    """Yield each result while ``consumer`` (in a thread) takes the same results: two streaming
    writers fed by one pass over the records, neither holding a large run in memory (the
    consumer gets them ``chunk`` at a time: one hand-over per result cost a quarter more time).
    An error of the consumer stops the stream with that error; a stream closed early (an error,
    the server stopping) stops the consumer, whose writer then removes its half-written file."""
    box: queue.Queue = queue.Queue(maxsize=8)
    failed: list[BaseException] = []

    def taken() -> Iterator[Result]:
        while (item := box.get()) is not _END:
            if item is _STOP:
                raise Stopped()
            yield from item

    def run() -> None:
        try:
            consumer(taken())
        except Stopped:
            pass
        except BaseException as exc:   # handed to the job's thread, which reports it
            failed.append(exc)

    def put(item: object) -> None:
        while thread.is_alive():       # a consumer that has ended takes nothing more
            try:
                return box.put(item, timeout=0.05)
            except queue.Full:
                continue

    thread = threading.Thread(target=run, name="hoctap-job-data", daemon=True)
    thread.start()
    through, batch = False, []
    try:
        for r in results:
            if failed:
                break
            batch.append(r)
            if len(batch) == chunk:
                put(batch)
                batch = []
            yield r
        through = not failed
    finally:
        if through and batch:
            put(batch)
        put(_END if through else _STOP)
        thread.join()
    if failed:
        raise failed[0]


def _run_info(request: Request, as_of: dt.date | None, lang: str) -> RunInfo:
    """The run as the store names it: the command and the files' hashes, each file by the name it
    was uploaded under (the temporary folder means nothing later)."""
    command = {"criteria": request.pack, "as_of": str(as_of) if as_of else None, "records": [request.records.name],
               "lang": lang, "via": "hoctap serve"}
    extra = {"sheet": request.sheet, "members": [request.members.name] if request.members else []}
    command.update({k: v for k, v in extra.items() if v})
    uploads = [request.records, *([request.members] if request.members else [])]
    return RunInfo.new(tuple({**file_hash(u.path), "file": u.name} for u in uploads), command)


class _Renamed:
    """The uploaded rows named by the file's own name ('danh-sach.csv:12'), not the temporary path.
    The rows skipped as not records (totals, signatures) stay known to the batch, which counts
    them: read = scored + rejected + skipped, as ``hoctap score`` says."""

    def __init__(self, rows: Iterable[RawRow], request: Request):
        self.rows, self.request = rows, request
        self.names = {str(request.records.path): request.records.name}

    def __iter__(self) -> Iterator[RawRow]:
        for row in self.rows:
            yield replace(row, file=self.names.get(row.file, row.file))

    @property
    def skipped(self) -> list[tuple[str, str]]:
        return [(_person_words(where, self.request), what) for where, what in getattr(self.rows, "skipped", [])]


def _warn(job: Job, message: Msg, request: Request) -> None:
    """A warning of the run (``run.notices``) for the page. A provisional pack is said by the page
    in its own words (the command line's names a command to run)."""
    if message.code != "provisional_pack":
        job.warnings.append(_person_words(message.render(job.lang), request))


def _person_words(message: str, request: Request) -> str:
    """Library messages name the temporary path; the person knows the file by its own name. They
    also say what to type on a command line: the page says where to click instead."""
    for saved in (request.records, request.members):
        if saved is not None:
            message = message.replace(str(saved.path), saved.name)
    return for_the_page(message)


# the library's command-line instruction -> what the page says instead, both from the catalogue
INSTEAD = (("no_known_column_hint", "web.no_known_column_hint"), ("header.template", "web.header_template"),
           ("xlsx.check_sheet", "web.check_sheet"), ("xl.unread_fix", "web.unread_fix"))
_TEMPLATE = re.compile(r"hoctap template -c ([\w.-]+)")


def template_offered(job: Job) -> str | None:
    """The pack whose records template a failed job offers (the page's link, the API's ``template_url``):
    the one its error names (a model's error names the pack in force), else the pack it scored with, if shipped."""
    template = job.template or job.pack
    return template if job.status == "failed" and template in shipped_packs() else None


def template_named(message: str) -> str | None:
    """The pack whose template a message tells to write ('hoctap template -c PACK'), if any."""
    found = _TEMPLATE.search(message)
    return found.group(1) if found else None


def for_the_page(message: str) -> str:
    """A web user has no terminal: 'hoctap template -c …' becomes the template link beside the
    message, '--sheet' the sheet box of the form, in the language the message is in."""
    pack = template_named(message) or ""
    for lang in LANGS:
        for command, page in INSTEAD:
            message = message.replace(t(command, lang, pack=pack), t(page, lang, pack=pack))
    return message
