"""The web application of ``hoctap serve``: pages for people, a JSON API for programs.

Pages are plain HTML forms rendered on the server (Jinja2, autoescaped): they work without
JavaScript, with the keyboard alone, on a phone, offline; the only script is a small local file
that adds a print button and a file-size check before upload. Everything is served from this
machine (no font, style or script from elsewhere).
"""
from __future__ import annotations

import errno
import logging
import signal
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException as StarletteHTTPException

from scoring.errors import AnswerError, GoalPackNotFound, GoalYearError, HoctapError, PackNotFound, UsageError
from scoring.messages import Msg, fmt_date, fmt_decimals_in, fmt_num, fmt_points, fmt_share, t
from scoring.results.explain import blank_words, shown_id
from scoring.results.render import (HEAD as HEAD_WORDS, blank_decides, blocker_names, check_text, dated_parts,
                                    dumps, gain_line, least_line, node_value, plain_needs, result_dict)
from scoring.results.explain import WORDS as EXPLAIN_WORDS
from scoring.selfcheck.printout import chosen_lines, page_text, points_note, write_result_pdf
from scoring.selfcheck.questionnaire import check_answers
from scoring.selfcheck.today import check_day, in_force_today
from scoring.version import __version__
from scoring.web import council as councils
from scoring.web import goals as goal_pages
from scoring.web import tuan_le as week
from scoring.web.boxes import about, at_box, box_of, sheet_box
from scoring.web.security import SESSION_COOKIE, Csrf, Guard, form_of
from scoring.web.selfcheck import blockers_first, build_form, check_packs, shipped
from scoring.web.sheets import check_sheet
from scoring.web.texts import lang_of, words
from scoring.web.uploads import UploadError, Workdir, save_upload

HERE = Path(__file__).parent
MB = 1 << 20
log = logging.getLogger("hoctap.web")


@dataclass(frozen=True)
class Settings:
    max_upload: int = 50 * MB          # one request's body, uploads included
    store: str | None = None           # a run store (SQLite) where council runs are saved
    keep_seconds: float = 3600         # how long a council job's result files stay for download
    host: str = "127.0.0.1"            # the address listened on: the names a request's Host may give


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    web = Web(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:   # at shutdown, also a cancelled one: every job's files deleted (uploads are personal data)
            web.jobs.close()

    # /docs and /redoc are off: their pages load scripts from a CDN. The schema is /openapi.json.
    app = FastAPI(title="hoctap", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Score learning-society records, self-check, council files and plan targets. "
                              "Runs on loopback; nothing is sent elsewhere.")
    app.state.web = web
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _pages(app, web)
    _api(app, web)
    _errors(app, web)
    app.add_middleware(Guard, limit=settings.max_upload, host=settings.host)
    return app


class Web:
    """What the handlers share: settings, templates, the CSRF secret and the council jobs."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.csrf = Csrf()
        self.jobs = councils.Jobs(settings.store, settings.keep_seconds)
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(mb=lambda n: f"{n / MB:g}", printing_fields=councils.PRINTING_FORM, fmt_date=fmt_date)

    def session(self, request: Request) -> tuple[str, bool]:
        current = request.cookies.get(SESSION_COOKIE)
        return (current, False) if current else (self.csrf.new_session(), True)

    def page(self, request: Request, template: str, lang: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        session, new = self.session(request)
        w = words(lang)
        other = w["other_lang_code"]
        html = self.env.get_template(template).render(
            t=w, lang=lang, q="" if lang == "vi" else "?lang=en", qa="" if lang == "vi" else "&lang=en",
            fnum=lambda x: fmt_num(x, lang), fpct=lambda x: fmt_share(x, lang), fcounts=lambda d: _counts(d, lang),
            # numbers in the page's language: the explanation tree's own texts keep '7.55' (see node_value)
            num=lambda x: fmt_num(x, lang), points=lambda x: fmt_points(x, lang), value_of=lambda node, unit=None: node_value(node, lang, unit),
            decimals=lambda text: fmt_decimals_in(text, lang),
            shown_id=shown_id,   # tc2_ct1_md1 means nothing to a reader: 2.1, or nothing beside the label
            switch=f"{request.url.path}?lang={other}", csrf=self.csrf.token(session),
            max_upload=self.settings.max_upload, **ctx)
        response = HTMLResponse(html, status_code=status)
        if new:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    def error(self, request: Request, lang: str, message: str, status: int = 400) -> HTMLResponse:
        return self.page(request, "error.html", lang, status, message=message, back=form_of(request.url.path, lang))

    def csrf_ok(self, request: Request, token: str | None) -> bool:
        return self.csrf.valid(request.cookies.get(SESSION_COOKIE), token)


def _counts(counts: dict[str, Any], lang: str) -> dict[str, Any]:
    """Counts as the page shows them: 12.345 in Vietnamese, 12,345 in English; other fields as they are."""
    return {k: fmt_num(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in counts.items()}


def _members_line(members: dict[str, Any], run_lang: str, lang: str) -> Markup:
    """A job's members count line: its words and numbers in the page's language, the members' pack by the
    title the run gave it, marked with the run's language as the run's other texts on the page are (the
    page says they stay in that language): a reader's voice reads 'Công dân học tập' as Vietnamese."""
    title = Markup('<span lang="{}">{}</span>').format(run_lang, members["pack_title"])
    return Markup(escape(words(lang)["members_counts"])).format(**{**_counts(members, lang), "pack_title": title})


def _lang(request: Request, form_lang: str | None = None) -> str:
    return lang_of(form_lang or request.query_params.get("lang"))


# --- pages ------------------------------------------------------------------------------

def _pages(app: FastAPI, web: Web) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return web.page(request, "home.html", _lang(request))

    @app.get("/tu-kiem-tra", response_class=HTMLResponse, include_in_schema=False)
    def check_home(request: Request):
        lang = _lang(request)
        forms = [build_form(p, {}, lang) for p in check_packs()]
        return web.page(request, "check_packs.html", lang, forms=forms)

    @app.get("/tu-kiem-tra/{pack_id}", response_class=HTMLResponse, include_in_schema=False)
    def check_form(request: Request, pack_id: str):
        lang = _lang(request)
        form = build_form(shipped(pack_id), dict(request.query_params), lang)
        return web.page(request, "check_form.html", lang, form=form, status=200 if not form.errors else 422)

    @app.post("/tu-kiem-tra/{pack_id}", response_class=HTMLResponse, include_in_schema=False)
    async def check_result(request: Request, pack_id: str):
        data = dict(await request.form())
        lang = _lang(request, data.get("lang"))
        if not web.csrf_ok(request, data.get("csrf")):
            return _answers_kept(web, request, pack_id, data, lang)
        form = build_form(shipped(pack_id), data, lang, score=True)
        if form.result is None:
            return web.page(request, "check_form.html", lang, 422, form=form)
        e = form.result.explanation
        answers = {f.question.name: f.value for f in form.gates + form.fields}
        pack = form.loaded.pack
        units = {ind.id: pack.input(ind.input_name).unit_in(lang) for ind in pack.indicators}
        return web.page(request, "check_result.html", lang, form=form, e=e,
                        blockers=blockers_first(e), answers=answers, units=units,
                        names=blocker_names(e, pack), needs=plain_needs(pack, lang),   # as 'hoctap check' says them
                        fallback=e.rule_condition == EXPLAIN_WORDS[lang]["otherwise"],
                        # the lines 'hoctap check' prints, from its own functions: the group or unit type
                        # answered, the day judged on and the pack's warning, the fewest points in all
                        chosen=chosen_lines(form.result, form.loaded, lang), dated=dated_parts(e), heads=HEAD_WORDS[lang],
                        least=least_line(e), gain=gain_line(e), blank=blank_decides(e, blank_words(pack, lang)),
                        points_from=(t("p.where", lang), points_note(pack, lang)))   # as 'hoctap check' prints

    @app.post("/tu-kiem-tra/{pack_id}/tai-ve", include_in_schema=False)
    async def check_download(request: Request, pack_id: str):
        data = dict(await request.form())
        lang = _lang(request, data.get("lang"))
        if not web.csrf_ok(request, data.get("csrf")):
            return _answers_kept(web, request, pack_id, data, lang)
        loaded = shipped(pack_id)
        form = build_form(loaded, data, lang, score=True)
        if form.result is None:
            return web.page(request, "check_form.html", lang, 422, form=form)
        if data.get("format") == "json":
            body = dumps({**result_dict(form.result), "explanation_tree": form.result.explanation.to_dict()})
            return _attachment(body + "\n", f"tu-kiem-tra-{pack_id}.json", "application/json")
        text = check_text(form.result.explanation, loaded.pack)
        if data.get("format") == "pdf":   # the one-page sheet of 'hoctap check --pdf', to print and sign
            return _attachment(_result_pdf(form.result, loaded, text, lang), f"tu-kiem-tra-{pack_id}.pdf",
                               "application/pdf")
        page = page_text(form.result, loaded, text, lang)   # what 'hoctap check' prints
        return _attachment(page + "\n", f"tu-kiem-tra-{pack_id}.txt", "text/plain; charset=utf-8")

    @app.get("/hoi-dong", response_class=HTMLResponse, include_in_schema=False)
    def council_form(request: Request, viec: str = ""):
        """``?viec=ID``: the form filled with that job's choices (pack, date, sheet, the printed
        list's fields), so a wrong column name or another commune's file needs no retyping."""
        lang = _lang(request)
        earlier = web.jobs.get(viec, request.cookies.get(SESSION_COOKIE)) if viec else None
        return web.page(request, "council_form.html", lang, choices=councils.council_choices(lang),
                        hours=f"{web.settings.keep_seconds / 3600:g}", chosen=earlier.chosen if earlier else None)

    @app.post("/hoi-dong", include_in_schema=False)
    async def council_upload(request: Request, records: UploadFile | None = File(None),
                             members: UploadFile | None = File(None), pack: str = Form(""),
                             as_of: str = Form(""), sheet: str = Form(""), csrf: str = Form(""),
                             lang: str = Form("vi")):
        lang = lang_of(lang)
        printed = await _printing_fields(request)
        chosen = {"pack": pack, "as_of": as_of, "sheet": sheet, **printed}
        if not web.csrf_ok(request, csrf):   # what was typed is kept: a server restarted has a new secret
            return web.page(request, "council_form.html", lang, 403, choices=councils.council_choices(lang),
                            hours=f"{web.settings.keep_seconds / 3600:g}", error=words(lang)["csrf_file"],
                            chosen=chosen)
        try:
            job = _start_job(web, records, members, pack, as_of, sheet, lang, request.cookies.get(SESSION_COOKIE),
                             printed, chosen)
        except (UploadError, HoctapError) as exc:
            return web.page(request, "council_form.html", lang, 400, choices=councils.council_choices(lang),
                            hours=f"{web.settings.keep_seconds / 3600:g}", error=exc.render(lang)
                            if isinstance(exc, HoctapError) else str(exc), chosen=chosen,
                            error_field=box_of(exc, "records"))   # a box named, else the file's
        suffix = "" if lang == "vi" else "?lang=en"
        return RedirectResponse(f"/hoi-dong/viec/{job.id}{suffix}", status_code=303)

    @app.get("/hoi-dong/viec/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def council_job(request: Request, job_id: str):
        lang = _lang(request)
        job = web.jobs.get(job_id, request.cookies.get(SESSION_COOKIE))
        if job is None:
            return web.error(request, lang, words(lang)["job_gone"], 404)
        return web.page(request, "council_job.html", lang, job=job, shown=councils.SHOWN,
                        blank_form=councils.template_offered(job), members_line=lambda m: _members_line(m, job.lang, lang))

    @app.get("/hoi-dong/viec/{job_id}/{name}", include_in_schema=False)
    def council_file(request: Request, job_id: str, name: str):
        lang = _lang(request)
        job = web.jobs.get(job_id, request.cookies.get(SESSION_COOKIE))
        if job is None or name not in job.files:
            return web.error(request, lang, words(lang)["job_gone"], 404)
        return _file(job.files[name], name)

    @app.get("/mau/{pack_id}.xlsx", include_in_schema=False)
    def template_file(pack_id: str):
        """A shipped pack's records workbook, as ``hoctap template -c PACK`` writes it: the page
        that says the file's columns are wrong offers it (a web user has no command line)."""
        from scoring.authoring.template import default_name, write_template
        loaded = shipped(pack_id)
        with tempfile.TemporaryDirectory(prefix="hoctap-mau-") as folder:
            path = Path(folder) / default_name(loaded)
            write_template(loaded, path)
            body = path.read_bytes()
        return Response(body, media_type=KINDS[".xlsx"],
                        headers={"content-disposition": f'attachment; filename="{path.name}"', "cache-control": "no-store"})

    @app.get("/muc-tieu", response_class=HTMLResponse, include_in_schema=False)
    def goals_form(request: Request):
        return _goals_form(web, request, _lang(request), 200)

    @app.post("/muc-tieu", response_class=HTMLResponse, include_in_schema=False)
    async def goals_report(request: Request, staff: UploadFile | None = File(None), goals: str = Form(""),
                           year: str = Form(""), sheet: str = Form(""), csrf: str = Form(""), lang: str = Form("vi")):
        lang = lang_of(lang)
        form = await request.form()
        printed = {name: str(form.get(name) or "") for name in goal_pages.FIELDS}
        chosen = {"goals": goals, "year": year, "sheet": sheet, **printed}
        if not web.csrf_ok(request, csrf):   # what was typed is kept: a server restarted has a new secret
            return _goals_form(web, request, lang, 403, error=words(lang)["csrf_file"], chosen=chosen)
        try:
            goal_pages.letterhead_of(printed, lang)   # a date not read is said before the file is
            report = _goals(web, staff, goals, year, lang, sheet)
            job = _goal_files(web, request, report, printed, chosen, lang)
        except (UploadError, HoctapError) as exc:
            said = exc.render(lang) if isinstance(exc, HoctapError) else str(exc)   # the page's language, not the process's
            return _goals_form(web, request, lang, 400, error=said, chosen=chosen,
                               error_field=box_of(exc, "staff"))   # a box named, else the file's
        return web.page(request, "goals_report.html", lang, report=report, views=goal_pages.target_views(report),
                        chart=goal_pages.chart_svg(report), day=check_day(), job=job, xlsx=goal_pages.WORKBOOK)

    @app.get("/muc-tieu/tai-ve/{job_id}/{name}", include_in_schema=False)
    def goals_file(request: Request, job_id: str, name: str):
        return _job_file(web, request, job_id, name, "goals", "goals_gone")

    @app.get("/tuan-le", response_class=HTMLResponse, include_in_schema=False)
    def week_form(request: Request, viec: str = ""):
        """``?viec=ID``: the form filled with that report's choices (date, sheet, letterhead)."""
        earlier = web.jobs.get(viec, request.cookies.get(SESSION_COOKIE), "week") if viec else None
        return _week_form(web, request, _lang(request), 200, chosen=earlier.chosen if earlier else None)

    @app.post("/tuan-le", response_class=HTMLResponse, include_in_schema=False)
    async def week_report(request: Request):
        data = await request.form()
        lang = lang_of(str(data.get("lang") or ""))
        chosen = {name: str(data.get(name) or "") for name in week.FIELDS}
        if not web.csrf_ok(request, str(data.get("csrf") or "")):   # what was typed is kept, as on the other forms
            return _week_form(web, request, lang, 403, chosen=chosen, error=words(lang)["csrf_file"])
        uploads = [week.Upload(f.file, f.filename or "") for f in data.getlist("files")
                   if isinstance(f, StarletteUpload)]
        try:
            report, job = _week(web, request, uploads, chosen, lang)
        except (UploadError, HoctapError) as exc:
            said = exc.render(lang) if isinstance(exc, HoctapError) else str(exc)
            return _week_form(web, request, lang, 400, chosen=chosen, error=said,
                              error_field=box_of(exc, "files"))   # a date box's, else the files'
        return web.page(request, "tuan_le_report.html", lang, report=report, job=job, xlsx=week.WORKBOOK,
                        json=week.JSON_FILE)

    @app.get("/tuan-le/tai-ve/{job_id}/{name}", include_in_schema=False)
    def week_file(request: Request, job_id: str, name: str):
        return _job_file(web, request, job_id, name, "week", "week_gone")


def _job_file(web: Web, request: Request, job_id: str, name: str, kind: str, gone: str):
    """A file of a goals or week report, to the browser that made it only; else the page saying it is gone."""
    job = web.jobs.get(job_id, request.cookies.get(SESSION_COOKIE), kind)
    if job is None or name not in job.files:
        lang = _lang(request)
        return web.error(request, lang, words(lang)[gone], 404)
    return _file(job.files[name], name)


def _goals_form(web: Web, request: Request, lang: str, status: int, **ctx: Any) -> HTMLResponse:
    return web.page(request, "goals_form.html", lang, status, packs=goal_pages.goal_choices(),
                    week_fields=week.PRINTING_FORM, **ctx)


def _goal_files(web: Web, request: Request, report: Any, printed: dict[str, str], chosen: dict[str, str],
                lang: str) -> councils.Job:
    """The report's workbook (as ``hoctap goals -o X.xlsx`` with the letterhead fields), kept for its
    download as the Week's workbook is: deleted after the keeping time, or when the server stops."""
    workdir = Workdir()
    try:
        files = goal_pages.write_workbook(report, workdir.path, printed, lang)
    except BaseException:
        workdir.close()
        raise
    return web.jobs.hold(workdir, request.cookies.get(SESSION_COOKIE), lang, report.goals["id"], files, chosen, "goals")


def _week_form(web: Web, request: Request, lang: str, status: int, **ctx: Any) -> HTMLResponse:
    return web.page(request, "tuan_le_form.html", lang, status, week_fields=week.PRINTING_FORM,
                    hours=f"{web.settings.keep_seconds / 3600:g}", today=fmt_date(check_day(), lang), **ctx)


def _week(web: Web, request: Request, uploads: list[Any], chosen: dict[str, str], lang: str):
    """The Week's report over the uploads, and the kept job holding its workbook and JSON. The form's
    own values are checked before any file is read; the uploads are deleted once read."""
    with at_box("ngay_bao_cao"):
        day = week.report_day(chosen["ngay_bao_cao"], lang)
    letterhead = week.letterhead_of(chosen, lang)   # its date's errors name the box "ngay"
    workdir = Workdir()
    try:
        saved = week.save_all(uploads, workdir, web.settings.max_upload, lang)
        try:
            report = week.run_week(saved, day, chosen["sheet"], lang)
        finally:
            workdir.remove(*(s.path for s in saved))
        (workdir.path / "ket-qua").mkdir()
        files = week.write_files(report, workdir.path / "ket-qua", letterhead, lang)
    except BaseException:
        workdir.close()
        raise
    return report, web.jobs.hold(workdir, request.cookies.get(SESSION_COOKIE), lang, week.FORM, files, chosen)


def _answers_kept(web: Web, request: Request, pack_id: str, data: dict[str, Any], lang: str) -> HTMLResponse:
    """A self-check whose form token no longer holds (the server restarted, or the form came from
    elsewhere): its questions again, with the answers given, for the person to send them again
    (the error page it was left them only the browser's Back)."""
    form = build_form(shipped(pack_id), data, lang, score=True)
    return web.page(request, "check_form.html", lang, 403, form=form, error=words(lang)["csrf_answers"])


async def _printing_fields(request: Request) -> dict[str, str]:
    """The optional fields of the printed documents (heading, date, signers, carried columns)."""
    form = await request.form()
    return {name: str(form.get(name) or "") for name in councils.PRINTING_FIELDS}


def _start_job(web: Web, records: UploadFile | None, members: UploadFile | None, pack: str, as_of: str,
               sheet: str, lang: str, owner: str | None, printed: dict[str, str] | None = None,
               chosen: dict[str, str] | None = None) -> councils.Job:
    w = words(lang)
    date = councils.check_choice(pack, as_of or None, lang)   # a wrong choice is said before the upload is read
    if members is not None and members.filename:
        with at_box("members"):
            councils.check_members(pack, date, lang)
    letterhead, keep, sort = councils.printing(printed or {}, lang)
    workdir = Workdir()
    try:
        saved = save_upload(records.file if records else None, records.filename if records else None,  # type: ignore[arg-type]
                            workdir.path, web.settings.max_upload, lang, w["records_file"].lower())
        check_sheet(saved, sheet.strip() or None, lang)   # said on the form, not on the job's failure page
        saved_members = None
        if members is not None and members.filename:
            (workdir.path / "thanh-vien").mkdir()
            with at_box("members"):
                saved_members = save_upload(members.file, members.filename, workdir.path / "thanh-vien",
                                            web.settings.max_upload, lang, w["members_file"].lower())
    except BaseException:
        workdir.close()
        raise
    request = councils.Request(pack, saved, saved_members, as_of or None, sheet.strip() or None,
                               letterhead, keep, sort)
    return web.jobs.start(request, workdir, owner, lang, chosen)


def _goals(web: Web, staff: UploadFile | None, goals: str, year: str, lang: str, sheet: str = ""):
    with at_box("year"):
        chosen_year = goal_pages.parse_year(year, lang)
    with at_box("goals"):
        goal_pages.shipped_goal(goals, lang)
    workdir = Workdir()
    try:
        saved = save_upload(staff.file if staff else None, staff.filename if staff else None,  # type: ignore[arg-type]
                            workdir.path, web.settings.max_upload, lang, words(lang)["staff_file"].lower())
        return goal_pages.run_goals(goals, saved, chosen_year, lang, sheet.strip() or None)
    except GoalYearError as exc:
        raise about(UsageError(goal_pages.year_message(exc, lang)), "year") from None
    except HoctapError as exc:
        raise about(UsageError(councils.for_the_page(_replace_path(exc.render(lang), workdir.path))),
                    sheet_box(exc)) from None
    finally:
        workdir.close()   # the staff file is never kept


def _replace_path(message: str, folder: Path) -> str:
    return message.replace(f"{folder}/", "")


def _result_pdf(result: Any, loaded: Any, text: str, lang: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="hoctap-pdf-") as folder:
        path = Path(folder) / "tu-kiem-tra.pdf"
        write_result_pdf(path, result, loaded, text, lang)
        return path.read_bytes()


def _attachment(body: str | bytes, name: str, kind: str) -> Response:
    return Response(body.encode("utf-8") if isinstance(body, str) else body, media_type=kind,
                    headers={"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"})


KINDS = {".pdf": "application/pdf", ".json": "application/json", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _file(path: Path, name: str) -> FileResponse:
    return FileResponse(path, filename=name, headers={"cache-control": "no-store"}, media_type=KINDS[path.suffix])


# --- the JSON API -------------------------------------------------------------------------

class SelfCheckIn(BaseModel):
    """A self-check: the answers as in ``hoctap check --answers`` (input names, aliases or labels)."""

    pack: str = Field(description="a shipped criteria pack id (GET /api/packs)", examples=["cong-dan-hoc-tap"])
    answers: dict[str, Any] = Field(description="question (input name) -> answer",
                                    examples=[{"group": 1, "1.1": 9, "2.2": "7,5"}])
    lang: Literal["vi", "en"] = "vi"


def _api(app: FastAPI, web: Web) -> None:
    @app.get("/api/packs", tags=["packs"])
    def api_packs() -> dict[str, Any]:
        """Shipped criteria packs (with the questions that choose what applies), models and goal packs."""
        return {
            "criteria": [{"id": p.pack.id, "version": p.pack.version, "title": p.pack.title.vi,
                          "status": p.pack.status, "valid_from": str(p.pack.valid_from),
                          "valid_to": str(p.pack.valid_to) if p.pack.valid_to else None}
                         for p in check_packs()],
            "council_choices": [v for v, _ in councils.council_choices()],
            "goals": [{"id": g.pack.id, "version": g.pack.version, "title": g.pack.title.vi, "status": g.pack.status,
                       "years": g.pack.years()} for g in goal_pages.goal_choices()],
        }

    @app.get("/api/self-check/{pack_id}/questions", tags=["self-check"])
    def api_questions(request: Request, pack_id: str, lang: Literal["vi", "en"] = "vi") -> dict[str, Any]:
        """The questions of a pack, as ``hoctap check`` asks them. Pass the answers to the first
        ("gate") questions as query parameters (e.g. ``?loai_don_vi=to_chuc_khac``) to get the
        questions asked for them."""
        form = build_form(shipped(pack_id), dict(request.query_params), lang)
        return {"pack": pack_id, "gates": [_question(f) for f in form.gates],
                "questions": [_question(f) for f in form.fields]}

    @app.post("/api/self-check", tags=["self-check"])
    def api_self_check(body: SelfCheckIn) -> dict[str, Any]:
        """Score one set of answers: the object of ``hoctap check --format json`` (as one line of
        ``score --format jsonl``), the explanation tree, and the text a person reads."""
        loaded = shipped(body.pack)
        result = check_answers(loaded, body.answers, "<api>", body.lang, in_force_today(loaded, check_day()))
        assert result.explanation is not None
        return {"result": result_dict(result), "explanation": result.explanation.to_dict(),
                "text": check_text(result.explanation, loaded.pack)}

    @app.post("/api/council", status_code=202, tags=["council"])
    def api_council(request: Request, records: UploadFile = File(...), members: UploadFile | None = File(None),
                    pack: str = Form(...), as_of: str = Form(""), sheet: str = Form(""),
                    lang: Literal["vi", "en"] = Form("vi"), co_quan: str = Form(""), don_vi: str = Form(""),
                    dia_danh: str = Form(""), dia_ban: str = Form(""), ngay: str = Form(""), ky: str = Form(""),
                    giu_cot: str = Form(""), sap_xep: str = Form("")) -> dict[str, Any]:
        """Start scoring an uploaded records file; poll ``status_url`` until ``status`` is
        ``done`` or ``failed``, then download the files listed in ``downloads``: the recognition
        list as PDF and the council workbook (both ready to print and sign, as ``hoctap report -o``),
        and the data workbook. The optional fields are ``hoctap report``'s options: ``co_quan``,
        ``don_vi``, ``dia_danh``, ``dia_ban``, ``ngay`` (dd/mm/yyyy), ``ky`` (signers' titles),
        ``giu_cot`` (columns carried into the documents, e.g. Họ và tên) and ``sap_xep`` (sort by
        carried columns); several names are separated by ';'."""
        printed = {"co_quan": co_quan, "don_vi": don_vi, "dia_danh": dia_danh, "dia_ban": dia_ban, "ngay": ngay,
                   "ky": ky, "giu_cot": giu_cot, "sap_xep": sap_xep}
        job = _start_job(web, records, members, pack, as_of, sheet, lang, None, printed)
        return {"id": job.id, "status": job.status, "status_url": f"/api/council/{job.id}"}

    @app.get("/api/council/{job_id}", tags=["council"])
    def api_council_job(job_id: str) -> dict[str, Any]:
        job = web.jobs.get(job_id, None)
        if job is None or job.owner is not None:
            raise StarletteHTTPException(404)
        offered = councils.template_offered(job)   # as the job's page offers it
        template = {"template_url": f"/mau/{offered}.xlsx"} if offered else {}
        return {**job.to_dict(), "download_urls": {n: f"/api/council/{job.id}/files/{n}" for n in job.files}, **template}

    @app.get("/api/council/{job_id}/files/{name}", tags=["council"])
    def api_council_file(job_id: str, name: str) -> FileResponse:
        job = web.jobs.get(job_id, None)
        if job is None or job.owner is not None or name not in job.files:
            raise StarletteHTTPException(404)
        return _file(job.files[name], name)

    @app.post("/api/goals", tags=["goals"])
    def api_goals(staff: UploadFile = File(...), goals: str = Form(...), year: str = Form(""), sheet: str = Form(""),
                  lang: Literal["vi", "en"] = Form("vi")) -> dict[str, Any]:
        """Evaluate a goal pack's targets for one year over the uploaded list (``sheet``: the
        workbook's sheet, as ``--sheet``): the object of ``hoctap goals --format json``, and the
        chart as SVG."""
        report = _goals(web, staff, goals, year, lang, sheet)
        return {**report.to_dict(), "chart_svg": goal_pages.chart_svg(report)}


def _question(f: Any) -> dict[str, Any]:
    q = f.question
    return {"name": q.name, "title": q.title, "section": q.section, "instruction": q.instruction, "hint": q.hint,
            "choices": [{"value": v, "label": label} for v, label in f.choices] if f.kind == "choice" else [],
            "kind": f.kind, "optional": q.optional, "details": list(q.details),
            **({"error": f.error} if f.error else {})}


# --- errors: a message for the person, never a traceback; the server keeps serving -------------

def _errors(app: FastAPI, web: Web) -> None:
    def api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(UploadError)
    async def upload_error(request: Request, exc: UploadError):
        return JSONResponse({"error": "upload", "message": str(exc)}, status_code=400)

    @app.exception_handler(AnswerError)
    async def answer_error(request: Request, exc: AnswerError):
        return JSONResponse({"error": "answer", "question": exc.question, "message": exc.problem}, status_code=422)

    @app.exception_handler(PackNotFound)
    async def no_pack(request: Request, exc: PackNotFound):
        lang = _lang(request)
        key = "unknown_goals" if isinstance(exc, GoalPackNotFound) else "unknown_pack"
        message = words(lang)[key].format(name=exc.name)
        if api(request):
            return JSONResponse({"error": "not_found", "message": message}, status_code=404)
        return web.error(request, lang, message, 404)

    @app.exception_handler(HoctapError)
    async def hoctap_error(request: Request, exc: HoctapError):
        lang = _lang(request)   # the page's language (?lang=en), not the server's
        if api(request):
            return JSONResponse({"error": "input", "message": exc.render(lang)}, status_code=400)
        return web.error(request, lang, exc.render(lang), 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        lang = _lang(request)
        if exc.status_code == 413:   # TooLarge: the detail is the limit in MB
            message = words(lang)["too_large"].format(mb=exc.detail)
        else:
            message = words(lang)["not_found"] if exc.status_code == 404 else str(exc.detail)
        if api(request):
            return JSONResponse({"error": "http", "message": message}, status_code=exc.status_code)
        return web.error(request, lang, message, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        lang = _lang(request)
        errors = [{"where": ".".join(str(p) for p in e.get("loc", ())), "message": _problem(e, lang)} for e in exc.errors()]
        if api(request):
            return JSONResponse({"error": "request", "message": words(lang)["invalid_request"], "details": errors},
                                status_code=422)
        return web.error(request, lang, "; ".join(f"{e['where']}: {e['message']}" for e in errors), 422)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.error("error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        lang = _lang(request)
        if api(request):
            return JSONResponse({"error": "server", "message": words(lang)["server_error"]}, status_code=500)
        return web.error(request, lang, words(lang)["server_error"], 500)


def _problem(error: dict[str, Any], lang: str) -> str:
    """What is wrong with a part of a request, in the request's language (pydantic says it in
    English): by pydantic's error type, with the values it names."""
    w = words(lang)
    said = w.get(f"req_{error.get('type')}", w["req_other"])
    expected = str((error.get("ctx") or {}).get("expected", "")).replace(" or ", ", ")   # "'vi' or 'en'"
    return said.format(expected=expected)


def listening_socket(host: str, port: int) -> socket.socket:
    """The server's socket, bound and listening, before anything says the server runs: a port that
    is taken is then our own error, in the user's language (left to uvicorn, it was its English
    line after ours had said "running"). Port 0 takes any free port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET   # as uvicorn chooses
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):   # Windows: SO_REUSEADDR there would share a taken port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:   # a port just freed by a stopped server is usable at once; a listening one still is not
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", None), errno.EACCES) and port:
            # Windows says EACCES for a port another program holds exclusively
            raise UsageError(Msg("cli.port_busy", host=host, port=port, other=port + 1 if port < 65535 else 8000)) from None
        raise UsageError(Msg("cli.cannot_listen", host=host, port=port, reason=exc.strerror or exc)) from None
    return sock


def serve(sock: socket.socket, settings: Settings) -> None:
    """Run the server on ``sock`` (from ``listening_socket``) until Ctrl-C (uvicorn; its own access
    log is off: ours has no query strings)."""
    import uvicorn
    _log_requests_only()
    host, port = sock.getsockname()[:2]
    app = create_app(settings)
    # uvicorn runs no lifespan: a second Ctrl-C (uvicorn's forced exit) cancelled it, printing a traceback
    # and leaving the jobs' uploaded files behind; the jobs are closed here instead, however the server ends.
    config = uvicorn.Config(app, host=host, port=port, access_log=False, log_level="warning",
                            server_header=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass   # uvicorn has shut down cleanly and raises Ctrl-C again: stopping the server is its normal end
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # one more Ctrl-C must not leave files half-deleted
        app.state.web.jobs.close()



def _log_requests_only() -> None:
    """The server's log: one line per request (docs/WEB.md). fontTools, which subsets the PDF's
    fonts, logs at INFO some ninety lines a PDF, among them the glyphs it keeps, which spell the
    printed names: only its warnings are let through."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
