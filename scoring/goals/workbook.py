"""Goal reports as an Excel workbook: ``hoctap goals … --output FILE.xlsx``.

An office head reports targets upward in a workbook: a table of every target of every year asked
for (Vietnamese headers, numbers as numbers), a bar chart per target — the actual share beside
the required share, one pair of bars per year — and the rejected rows. Nothing here decides
anything: the figures are the reports' own, and the words the catalogue's (``goals.*`` in
``scoring.messages``), shared with the table of ``hoctap goals``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font

from scoring.goals.render import SIGN, required_counts, share_bounds, status_text, target_notes
from scoring.goals.report import MET, NOT_MET, PCT_DIGITS, GoalReport, TargetResult, shown_pct
from scoring.messages import fmt_num, t as say   # every word from the catalogue ('t' here is a target)
from scoring.results.council import Column, Document, Letterhead, fit_page, write_sheet
from scoring.results.output import atomic_path
from scoring.results.report import source_name

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
CHART_ROWS = 16   # rows a chart takes on its sheet (7 cm high), with a blank row under it


def write_goals_workbook(reports: Sequence[GoalReport], path: str | Path, letterhead: Letterhead | None = None) -> None:
    """Write the reports (one per year, same pack and population) to ``path``, atomically.
    ``letterhead``: who issues and signs the targets sheet (dotted lines where not given)."""
    first = reports[0]
    lang = first.lang
    book = Workbook()
    table = book.active
    table.title = say("goals.sheet.targets", lang)
    _targets_sheet(table, reports, lang, goal_letterhead(letterhead, lang))
    _charts_sheet(book.create_sheet(say("goals.sheet.charts", lang)), reports, lang)
    if first.rejected:
        _rejected_sheet(book.create_sheet(say("goals.sheet.rejected", lang)), first, lang)
    with atomic_path(path) as tmp:
        book.save(tmp)


def _targets_sheet(ws, reports: Sequence[GoalReport], lang: str, letterhead: Letterhead) -> None:   # noqa: ANN001
    """The targets table as a paper the office head signs (the council documents' layout: issuing body
    and national heading, date line, title, the table, its notes, the signatures; A4, fit to the
    width). A share is a percentage cell (53,3%), a count shows 1.234: the reader's Excel writes them."""
    first = reports[0]
    pack = f"{first.title} — {first.goals['id']} {first.goals['version']}"
    if first.status == "provisional":
        pack += f" [{say('goals.provisional', lang)}]"
    counts = {k: fmt_num(v, lang) for k, v in first.counts.items()}   # 1.234 (vi): a line of text, not a cell
    years = ", ".join(str(r.year) for r in reports)
    titles = say("goals.sheet_cols", lang).split("|")
    widths = (7, 6, 42, 8, 10, 10, 9, 9, 10, 10, 14, 12, 34)
    columns = [Column(title, width, align="left" if j in (2, 12) else "center",
                      percent=j in (4, 8, 9), count=j in (5, 6, 7, 11))
               for j, (title, width) in enumerate(zip(titles, widths))]
    rows = [_row(report, t, n, lang) for report in reports for n, t in enumerate(report.targets, start=1)]
    doc = Document(letterhead, (say("goals.doc_title", lang, years=years), f"{say('goals.pack', lang)}: {pack}",
                                f"{say('goals.ref', lang)}: {first.reference}"),
                   columns, rows, sheet=ws.title,
                   notes=(f"{say('goals.population', lang)}: {first.population}", say("goals.sheet_counts", lang, **counts)),
                   warnings=lambda: _warnings(first, lang))
    write_sheet(ws, doc)
    _near_target_formats(ws, columns)
    ws.freeze_panes = None


def _near_target_formats(ws, columns: list[Column]) -> None:   # noqa: ANN001
    """A share is shown with one decimal (53,3%), and with more where one would print its row's required
    share while it is not that share: 271/452 is 59,96%, never '60,0%' beside 'chưa đạt' on the paper signed."""
    shares = [j for j, c in enumerate(columns) if c.percent]
    required, rest = shares[0], shares[1:]   # 'Yêu cầu (%)', then the actual share and its best case
    for row in ws.iter_rows():
        if len(row) <= max(shares) or not _number(row[required].value):
            continue
        for j in rest:
            cell = row[j]
            if _number(cell.value):
                cell.number_format = _share_format(cell.value, row[required].value)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _share_format(share: float, required: float) -> str:
    digits = 1
    while share != required and round(share * 100, digits) == round(required * 100, digits) and digits < PCT_DIGITS:
        digits += 1
    return "0." + "0" * digits + "%" if digits > 1 else "0.0%"


def _warnings(report: GoalReport, lang: str) -> list[str]:
    """The run's warnings, as the screen says them on stderr (rows noted as retired or transferred but
    counted, a column no target found, a sheet not read): the paper signed must not be silent on what the
    figures rest on. Targets are named by their labels, as the paper names them."""
    return [say("goals.sheet_warning", lang, text=w) for w in report.paper_warnings or report.warnings]


def goal_letterhead(letterhead: Letterhead | None, lang: str) -> Letterhead:
    """The council's letterhead options as given; an office's report is signed by whoever drew it up
    and the head of the office, not a council's chairman, unless other signers are named."""
    letterhead = replace(letterhead or Letterhead(), lang=lang)
    if not letterhead.signers:
        letterhead = replace(letterhead, signers=tuple(say("goals.signers", lang).split("|")))
    return letterhead


def _row(report: GoalReport, t: TargetResult, number: int, lang: str) -> list:
    label = t.label + (f" [{say('goals.tentative', lang)}]" if t.provisional else "")
    gap: int | str | None = None
    if t.status == NOT_MET:
        gap = t.gap if t.gap is not None else say("goals.unreachable", lang)
    elif t.status == MET:
        gap = 0
    # the notes the screen prints under the table: the paper signed must say them too (rows rejected but
    # kept in the denominator, records left out of it or counted as not qualifying)
    note = "\n".join(sentence for sentence, _ in target_notes(t, lang)) or None
    # A share the unknown records leave open is its worst case, the count and denominator of that case beside
    # it, and its best case in the next column: figures a head may copy, each established (never the share
    # between them). 'Số cần đạt' is for the denominator shown (the screen's first count); 'Còn thiếu' is the screen's.
    (count, whole), high = share_bounds(t)
    need = required_counts(t)[0][0]
    actual = _share(t.actual_pct if high is None else _pct(count, whole, t.required_pct)) if t.actual_pct is not None else None
    # the target's number in its year, not its id (a code such as 'nang-luc-thong-tin'); shares as 0.533
    return [report.year, number, label, SIGN.get(t.comparison or "", None), _share(t.required_pct), need,
            count, whole, actual, _share(_pct(*high, t.required_pct)) if high else None, status_text(t.status, lang), gap, note]


def _pct(part: int, whole: int, required: float | None = None) -> float | None:
    return shown_pct(part, whole, required)   # as the screen rounds it


def _share(pct: float | None) -> float | None:
    return None if pct is None else round(pct / 100, PCT_DIGITS + 2)   # 0.6667, not 0.6667000000000001


def _charts_sheet(ws, reports: Sequence[GoalReport], lang: str) -> None:   # noqa: ANN001
    """Per target: its figures by year (the chart's data, on the sheet for anyone to check) and a
    bar chart of actual against required. A target with no threshold or no figure gets a line."""
    ids = list(dict.fromkeys(t.id for r in reports for t in r.targets))
    row = 1
    for target_id in ids:
        found = [(r.year, t) for r in reports for t in r.targets if t.id == target_id]
        label = found[0][1].label
        ws.cell(row, 1, label).font = _BOLD
        points = [(year, *_chart_shares(t), t.required_pct) for year, t in found
                  if t.actual_pct is not None and t.required_pct is not None]
        if not points:
            ws.cell(row + 1, 1, say("goals.no_chart", lang))
            row += 3
            continue
        head = row + 1
        ranged = any(high is not None for _, _, high, _ in points)   # a third bar, 'at most', only where needed
        titles = say("goals.chart_cols", lang).split("|")
        for j, title in enumerate(titles if ranged else titles[:3], start=1):
            ws.cell(head, j, title).font = _BOLD
        for i, (year, actual, high, required) in enumerate(points, start=1):
            ws.cell(head + i, 1, str(year))
            ws.cell(head + i, 2, actual)
            ws.cell(head + i, 3, required)
            if high is not None:
                ws.cell(head + i, 4, high)
        ws.add_chart(_chart(ws, label, head, len(points), 4 if ranged else 3), f"A{head + len(points) + 2}")
        row = head + len(points) + 2 + CHART_ROWS
    ws.column_dimensions["A"].width = 12
    for letter in "BCD":
        ws.column_dimensions[letter].width = 13
    fit_page(ws, False, lang)   # A4 portrait, the council documents' margins and page numbers


def _chart_shares(t: TargetResult) -> tuple[float | None, float | None]:
    """A year's bars: the share (its worst case when unknown records leave it open) and, then, its best case."""
    (count, whole), high = share_bounds(t)
    return (t.actual_pct, None) if high is None else (_pct(count, whole, t.required_pct), _pct(*high, t.required_pct))


def _chart(ws, label: str, head: int, n: int, last: int = 3) -> BarChart:   # noqa: ANN001
    chart = BarChart()
    chart.type = "col"
    chart.title = label if len(label) <= 60 else label[:59].rsplit(" ", 1)[0] + "…"   # the whole text is in the cell above
    chart.y_axis.title = "%"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.delete = chart.x_axis.delete = False   # newer Excel hides axes unless told
    data = Reference(ws, min_col=2, max_col=last, min_row=head, max_row=head + n)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=head + n))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showSerName = chart.dataLabels.showCatName = chart.dataLabels.showLegendKey = False
    chart.legend.position = "b"
    chart.height, chart.width = 7, 15
    return chart


def _rejected_sheet(ws, report: GoalReport, lang: str) -> None:   # noqa: ANN001
    for j, title in enumerate(say("goals.rejected_cols", lang).split("|"), start=1):
        ws.cell(1, j, title).font = _BOLD
    for i, r in enumerate(report.rejected, start=2):
        # the file's name and row ('can-bo.xlsx:Phòng A!3'), as the council's papers say it: not the folders typed
        for j, value in enumerate((source_name(r["where"]), r["id"], r["error"]), start=1):
            ws.cell(i, j, value).alignment = _WRAP
    for letter, width in zip("ABC", (36, 16, 80)):
        ws.column_dimensions[letter].width = width
