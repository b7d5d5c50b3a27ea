"""The Lifelong Learning Week statistics on a web page: what ``hoctap thong-ke-tuan-le`` prints and writes.

The units' files are uploaded (each into a folder of its own, so that two units' files may share a
name) and added up by the command's own library call (``tally``); the page shows the command's
header lines, count line, warnings, rejected rows and total table, and the workbook and JSON are
written by the command's own writer (``write_file``). Places in the messages name each file by its
name, never the server's folders. The uploads are deleted as soon as they are read; the written
files stay for download as the council's do (until they expire or the server stops).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from scoring.errors import HoctapError, UsageError
from scoring.goals.tuan_le import Rejected, Tally, resolve_form, tally
from scoring.goals.tuan_le_output import HEADERS, count_line, header_lines, number_text, rows, sentence, write_file
from scoring.messages import fmt_num, t, text
from scoring.records.dates import parse_assessment_date
from scoring.selfcheck.today import check_day
from scoring.web.boxes import about, sheet_box
from scoring.web.council import for_the_page, names, printing
from scoring.web.texts import words
from scoring.web.uploads import Saved, Workdir, save_upload

FORM = "tuan-le-hoc-tap-suot-doi-laichau-2023"   # the command's default form (--mau)
WORKBOOK, JSON_FILE = "thong-ke-tuan-le.xlsx", "thong-ke-tuan-le.json"
# the command's letterhead options, as the form's fields (the council's names: --co-quan, --don-vi, …)
PRINTING_FORM = (("co_quan", "text"), ("don_vi", "text"), ("dia_danh", "text"), ("ngay", "date"), ("ky", "lines"))
FIELDS = ("ngay_bao_cao", "sheet", *(name for name, _ in PRINTING_FORM))


@dataclass(frozen=True)
class Upload:
    stream: BinaryIO
    name: str


@dataclass(frozen=True)
class WeekReport:
    """What the page shows: the command's lines, and the tally with each file named by its name."""

    tally: Tally
    day: dt.date
    header: list[str]
    warnings: list[str]             # said in the page's words ('the “Sheet name” box', not '--sheet')
    count: str
    total_title: str
    late: bool
    total: list[list[Any]]          # the total table's rows, figures as the page writes them
    units: dict[str, list[list[Any]]]
    headers: list[str]
    unit_titles: dict[str, str]     # 'ĐƠN VỊ: Trường A', as the command's screen


def report_day(value: str, lang: str) -> dt.date:
    """The report date as ``--ngay-bao-cao`` reads it; blank is today. Raises UsageError."""
    value = value.strip()
    if not value:
        return check_day()   # the pages' one clock (SOURCE_DATE_EPOCH fixes it), as the command's
    try:
        return parse_assessment_date(value)
    except ValueError as exc:
        problem = text(exc.args[0], lang) if exc.args else ""
        raise UsageError(words(lang)["tl_bad_day"].format(text=value, problem=problem)) from None


def save_all(uploads: list[Upload], workdir: Workdir, limit: int, lang: str) -> list[Saved]:
    """Each upload checked as every upload is, in a folder of its own; the same file chosen twice is
    refused here, in the page's words (the command's say 'given twice', a thing typed)."""
    w = words(lang)
    chosen = [u for u in uploads if u.name]
    if not chosen:
        raise UsageError(w["no_file"].format(what=w["tl_files"].lower()))
    saved, seen = [], {}
    for i, upload in enumerate(chosen, start=1):
        folder = workdir.path / str(i)
        folder.mkdir()
        one = save_upload(upload.stream, upload.name, folder, limit, lang, w["tl_files"].lower())
        key = (one.name, hashlib.sha256(one.path.read_bytes()).hexdigest())
        if key in seen:
            raise UsageError(w["tl_twice"].format(name=one.name))
        seen[key] = one
        saved.append(one)
    return saved


def run_week(saved: list[Saved], day: dt.date, sheet: str, lang: str) -> WeekReport:
    """The command's tally over the uploads (``sheet``: the box, names separated by ';', or '*')."""
    noted = []
    sheets: str | tuple[str, ...] | None = names(sheet) or None
    if sheets and not any(s.path.suffix.lower() == ".xlsx" for s in saved):   # the page's words, not '--sheet'
        noted.append(words(lang)["tl_sheet_no_workbook"].format(sheet="; ".join(sheets)))
        sheets = None
    if sheets and len(sheets) == 1:
        sheets = sheets[0]
    try:
        counted = tally(resolve_form(FORM).form, [s.path for s in saved], sheets, lang)
    except HoctapError as exc:
        raise about(UsageError(for_the_page(by_name(exc.render(lang), saved))), sheet_box(exc)) from None
    counted = named(counted, saved)
    counted.warnings[:0] = noted   # the workbook's rejected-rows sheet says it too (the command's words
    # stay in the tally for it: the paper to sign drops the instruction, the page says its own box)
    return view(counted, day, lang)


def named(counted: Tally, saved: list[Saved]) -> Tally:
    """The tally with every place named by its file's name, as the person chose it."""
    return replace(counted,
                   rejected=[Rejected(by_name(r.where, saved), by_name(r.error, saved)) for r in counted.rejected],
                   skipped=[(by_name(where, saved), what) for where, what in counted.skipped],
                   warnings=[by_name(w, saved) for w in counted.warnings],
                   paths=[s.name for s in saved])


def by_name(message: str, saved: list[Saved]) -> str:
    for s in saved:
        message = str(message).replace(str(s.path), s.name)
    return message


def view(counted: Tally, day: dt.date, lang: str) -> WeekReport:
    def shown(unit: str | None) -> list[list[Any]]:
        return [[code, label, u, number_text(q, lang), number_text(p, lang), note]
                for code, label, u, q, p, note in rows(counted, unit, lang)]

    title = t("tl.total", lang, n=fmt_num(len(counted.units), lang))   # the command's words over its table
    return WeekReport(counted, day, header_lines(counted.form, day, lang),
                      [for_the_page(w) for w in counted.warnings], sentence(count_line(counted, lang)), title,
                      day > counted.form.deadline, shown(None), {u: shown(u) for u in counted.units}, HEADERS[lang],
                      {u: t("tl.unit_title", lang, unit=u) for u in counted.units})


def letterhead_of(fields: dict[str, str], lang: str) -> Any:
    """The letterhead of the workbook from the form's optional fields, checked as the council's are."""
    return printing(fields, lang)[0]


def write_files(report: WeekReport, folder: Path, letterhead: Any, lang: str) -> dict[str, Path]:
    """The workbook (as ``-o X.xlsx``, with the form's letterhead fields) and the JSON (as ``-o X.json``)."""
    files = {WORKBOOK: folder / WORKBOOK, JSON_FILE: folder / JSON_FILE}
    for path in files.values():
        write_file(path, report.tally, report.day, lang, letterhead)
    return files
