"""The Lifelong Learning Week statistics table as text, JSON and an Excel workbook.

The layout is the form's own: TT, Nội dung các hoạt động, Đơn vị (unit of count), Số lớp/số cuộc
thi, Người, Ghi chú — once for the total of every unit and once per unit.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from scoring.goals.tuan_le import StatsForm, Tally
from scoring.messages import fmt_date, fmt_num, t
from scoring.results.output import atomic_path
from scoring.results.report import paper_words, source_name
from scoring.results.render import tabulate  # imported when a table is drawn

HEADERS = {"vi": ["TT", "Nội dung các hoạt động", "Đơn vị", "Số lớp/số cuộc thi", "Người", "Ghi chú"],
           "en": ["No.", "Activity", "Counted in", "Classes/contests", "People", "Notes"]}


def number_text(x: float | int | None, lang: str = "vi") -> str:
    """1500000 -> '1.500.000' (Vietnamese thousands separator; '1,500,000' in English)."""
    return "" if x is None else fmt_num(int(x), lang)


def rows(tally: Tally, unit: str | None, lang: str = "vi") -> list[list[Any]]:
    """The form's rows for one unit (None: the total), figures as numbers (None where the form has none);
    each item's label and unit of count in ``lang`` (JSON keeps the form's own, Vietnamese)."""
    out = []
    for item in tally.form.items:
        quantity, people, note = tally.figures(unit, item.code)
        out.append([item.code, item.label_in(lang), item.unit_in(lang), quantity, people, note or ""])
    return out


def header_lines(form: StatsForm, report_date: dt.date, lang: str) -> list[str]:
    """The form's title, its document, and the week, report date and deadline (marked when late);
    dates as every message writes them (fmt_date: 02/10/2023, or 2023-10-02 in English)."""
    ref = form.reference
    issued = f" {t('tl.issued_on', lang)} {fmt_date(ref.date, lang)}" if ref.date else ""
    late = t("tl.late_mark", lang) if report_date > form.deadline else ""
    title = form.title.get("en") if lang == "en" else form.title.vi.upper()
    return [title, t("tl.reference", lang, document=ref.document, issued=issued, issuer=ref.issuer or "",
                     article=ref.article or ""),
            t("tl.week_line", lang, first=fmt_date(form.week.first, lang), last=fmt_date(form.week.last, lang),
              day=fmt_date(report_date, lang), deadline=fmt_date(form.deadline, lang), late=late)]


def count_line(tally: Tally, lang: str) -> str:
    read, counted, rejected = (fmt_num(n, lang) for n in (tally.read, tally.counted, len(tally.rejected)))
    line = t("tl.count_line", lang, read=read, counted=counted, rejected=rejected)
    if tally.skipped:   # rows read = counted + rejected + skipped, always
        names = list(dict.fromkeys(text for _, text in tally.skipped))
        shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
        line += t("tl.skipped", lang, n=fmt_num(len(tally.skipped), lang), rows=shown)
    return line


def render_text(tally: Tally, report_date: dt.date, lang: str = "vi") -> str:
    parts = header_lines(tally.form, report_date, lang)
    units = fmt_num(len(tally.units), lang)
    sections = [(t("tl.total", lang, n=units), None)]
    sections += [(t("tl.unit_title", lang, unit=u), u) for u in tally.units]
    for title, unit in sections:
        table = [[c, label, u, number_text(q, lang), number_text(p, lang), note] for c, label, u, q, p, note in rows(tally, unit, lang)]
        parts += ["", title, tabulate(table, headers=HEADERS[lang], disable_numparse=True,
                                      maxcolwidths=[None, 60, 16, None, None, 40])]
    if tally.rejected:
        parts += ["", t("tl.rejected_rows", lang)]
        parts += [f"- {r.where}: {r.error}" for r in tally.rejected]
    parts += ["", count_line(tally, lang)]
    return "\n".join(parts)


def report_dict(tally: Tally, report_date: dt.date) -> dict[str, Any]:
    form = tally.form

    def table(unit: str | None) -> list[dict[str, Any]]:
        return [{"code": c, "label": label, "unit": u, "quantity": q, "people": p, "note": note or None}
                for c, label, u, q, p, note in rows(tally, unit)]

    return {
        "form": {"id": form.id, "version": form.version, "document": form.reference.document,
                 "article": form.reference.article},
        "week": {"first": form.week.first.isoformat(), "last": form.week.last.isoformat()},
        "report_date": report_date.isoformat(), "deadline": form.deadline.isoformat(),
        "late": report_date > form.deadline,
        "total": table(None),
        "units": {u: table(u) for u in tally.units},
        "counts": {"read": tally.read, "counted": tally.counted, "rejected": len(tally.rejected),
                   "skipped": len(tally.skipped)},
        "skipped": [{"where": where, "text": text} for where, text in tally.skipped],
        "rejected": [{"where": r.where, "error": r.error} for r in tally.rejected],
        "warnings": list(tally.warnings),
    }


def render_json(tally: Tally, report_date: dt.date) -> str:
    return json.dumps(report_dict(tally, report_date), ensure_ascii=False, indent=2)


def write_file(path: str | Path, tally: Tally, report_date: dt.date, lang: str = "vi", letterhead: Any = None) -> None:
    """The report as .xlsx (a sheet for the total, one per unit, one for rejected rows) or .json.
    ``letterhead``: who issues and signs each sheet (``council.Letterhead``; dotted lines where not
    given, the report date on the date line)."""
    if Path(path).suffix.lower() == ".json":
        with atomic_path(path) as tmp:
            tmp.write_text(render_json(tally, report_date) + "\n", encoding="utf-8")
        return
    from openpyxl import Workbook  # only imported when a workbook is written
    from scoring.goals.workbook import goal_letterhead
    letterhead = goal_letterhead(letterhead, lang)
    if letterhead.date is None:
        letterhead = replace(letterhead, date=report_date)
    book = Workbook()
    book.remove(book.active)
    total = t("tl.sheet_total", lang)
    _sheet(book, total, tally, None, report_date, letterhead)
    names = {total}
    for unit in tally.units:
        _sheet(book, _unique_title(unit, names), tally, unit, report_date, letterhead)
    _rejected_sheet(book, tally, lang)
    with atomic_path(path) as tmp:
        book.save(tmp)


def _sheet(book: Any, title: str, tally: Tally, unit: str | None, report_date: dt.date, letterhead: Any) -> None:
    """One sheet of the form as a paper to print and sign, as the council documents are: issuing body
    and national heading, date line, the form's title lines, the table, the signatures; A4."""
    from scoring.results.council import Column, Document, write_sheet
    lang = letterhead.lang
    lines = header_lines(tally.form, report_date, lang)
    lines.append(t("tl.unit_line", lang, unit=unit) if unit else
                 t("tl.total_of", lang, n=fmt_num(len(tally.units), lang)))
    columns = [Column(head, width, align=align, count=j in (3, 4))
               for j, (head, width, align) in enumerate(zip(HEADERS[lang], (6, 60, 14, 14, 12, 30),
                                                            ("center", "left", "center", "right", "right", "left")))]
    table = [[code, label, u, quantity, people, note or None] for code, label, u, quantity, people, note in rows(tally, unit, lang)]
    # the total says what it counts, as the screen does: rows read = counted + rejected
    notes = () if unit else (sentence(count_line(tally, lang)),)
    write_sheet(book.create_sheet(title), Document(letterhead, tuple(lines), columns, table, sheet=title, notes=notes))


def sentence(line: str) -> str:
    """A line as a sentence: its first letter a capital (the count line under a table)."""
    return line[:1].upper() + line[1:]


def _rejected_sheet(book: Any, tally: Tally, lang: str) -> None:
    ws = book.create_sheet(t("tl.sheet_rejected", lang))
    ws.append([sentence(count_line(tally, lang))])   # a sentence, as under the total
    ws.append([t("tl.col_where", lang), t("tl.col_error", lang)])
    # each file by its name ('truong.xlsx:Trường A!3'), not the folders typed on the command line
    for r in tally.rejected:
        _append(ws, [source_name(r.where), *paper_words([r.error], tally.paths)])
    for warning in paper_words(tally.warnings, tally.paths):   # a sheet not read, as the screen says it
        _append(ws, [t("tl.warning", lang), warning])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 30, 100


def _append(ws: Any, values: list[Any]) -> None:
    """A row whose text is kept as text: a unit name or note starting with '=' is not a formula to run."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _unique_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "_"
    title, n = base, 2
    while title.casefold() in {u.casefold() for u in used}:
        title, n = f"{base[:25]} ({n})", n + 1
    used.add(title)
    return title
