"""Goal reports as an Excel workbook: ``hoctap goals … --output FILE.xlsx``.

An office head reports targets upward in a workbook: a table of every target of every year asked
for (Vietnamese headers, numbers as numbers), a bar chart per target — the actual share beside
the required share, one pair of bars per year — and the rejected rows. Nothing here decides
anything: the figures are the reports' own, and the words the catalogue's (``goals.*`` in
``scoring.messages``), shared with the table of ``hoctap goals``.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from scoring.goals.render import SIGN, status_text
from scoring.goals.report import MET, NOT_MET, GoalReport, TargetResult
from scoring.messages import fmt_num, t as say   # every word from the catalogue ('t' here is a target)
from scoring.results.output import atomic_path

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
CHART_ROWS = 16   # rows a chart takes on its sheet (7 cm high), with a blank row under it


def write_goals_workbook(reports: Sequence[GoalReport], path: str | Path) -> None:
    """Write the reports (one per year, same pack and population) to ``path``, atomically."""
    first = reports[0]
    lang = first.lang
    book = Workbook()
    table = book.active
    table.title = say("goals.sheet.targets", lang)
    _targets_sheet(table, reports, lang)
    _charts_sheet(book.create_sheet(say("goals.sheet.charts", lang)), reports, lang)
    if first.rejected:
        _rejected_sheet(book.create_sheet(say("goals.sheet.rejected", lang)), first, lang)
    with atomic_path(path) as tmp:
        book.save(tmp)


def _heading(ws, report: GoalReport, years: list[int], lang: str) -> int:   # noqa: ANN001 - openpyxl sheet
    pack = f"{report.title} — {report.goals['id']} {report.goals['version']}"
    if report.status == "provisional":
        pack += f" [{say('goals.provisional', lang)}]"
    counts = {k: fmt_num(v, lang) for k, v in report.counts.items()}   # 1.234 (vi): a line of text, not a cell
    lines = [f"{say('goals.pack', lang)}: {pack}", f"{say('goals.ref', lang)}: {report.reference}",
             f"{say('goals.population', lang)}: {report.population}", f"{say('goals.years', lang)}: {', '.join(map(str, years))}",
             say("goals.sheet_counts", lang, **counts)]
    for i, line in enumerate(lines, start=1):
        ws.cell(i, 1, line).font = _BOLD if i == 1 else Font()
    return len(lines) + 2


def _targets_sheet(ws, reports: Sequence[GoalReport], lang: str) -> None:   # noqa: ANN001
    top = _heading(ws, reports[0], [r.year for r in reports], lang)
    for j, title in enumerate(say("goals.sheet_cols", lang).split("|"), start=1):
        cell = ws.cell(top, j, title)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEAD_FILL, _WRAP
    row = top
    widths = (7, 12, 50, 9, 11, 10, 9, 9, 11, 16, 14, 50)
    for report in reports:
        for t in report.targets:
            row += 1
            values = _row(report, t, lang)
            for j, value in enumerate(values, start=1):
                cell = ws.cell(row, j, value)
                cell.alignment = _WRAP
                if j in (5, 9) and value is not None:
                    cell.number_format = "0.##"
                elif j in (6, 7, 8, 11) and isinstance(value, int):   # counts: 1.234 in a Vietnamese Excel
                    cell.number_format = "#,##0"
            # wrapped text: say the row's height (not every program measures it on opening)
            lines = max(-(-len(str(v)) // int(w * 1.1)) for v, w in zip(values, widths) if v is not None)
            ws.row_dimensions[row].height = 15 * max(1, lines)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(top + 1, 1)
    ws.print_title_rows = f"{top}:{top}"
    _print_setup(ws, landscape=True)


def _row(report: GoalReport, t: TargetResult, lang: str) -> list:
    label = t.label + (f" [{say('goals.tentative', lang)}]" if t.provisional else "")
    gap: int | str | None = None
    if t.status == NOT_MET:
        gap = t.gap if t.gap is not None else say("goals.unreachable", lang)
    elif t.status == MET:
        gap = 0
    note = t.reason if t.status not in (MET, NOT_MET) else (t.note if t.provisional and t.note else None)
    return [report.year, t.id, label, SIGN.get(t.comparison or "", None), t.required_pct, t.required_count,
            t.numerator, t.denominator, t.actual_pct, status_text(t.status, lang), gap, note]


def _charts_sheet(ws, reports: Sequence[GoalReport], lang: str) -> None:   # noqa: ANN001
    """Per target: its figures by year (the chart's data, on the sheet for anyone to check) and a
    bar chart of actual against required. A target with no threshold or no figure gets a line."""
    ids = list(dict.fromkeys(t.id for r in reports for t in r.targets))
    row = 1
    for target_id in ids:
        found = [(r.year, t) for r in reports for t in r.targets if t.id == target_id]
        label = found[0][1].label
        ws.cell(row, 1, f"{target_id}: {label}").font = _BOLD
        points = [(year, t.actual_pct, t.required_pct) for year, t in found
                  if t.actual_pct is not None and t.required_pct is not None]
        if not points:
            ws.cell(row + 1, 1, say("goals.no_chart", lang))
            row += 3
            continue
        head = row + 1
        for j, title in enumerate(say("goals.chart_cols", lang).split("|"), start=1):
            ws.cell(head, j, title).font = _BOLD
        for i, (year, actual, required) in enumerate(points, start=1):
            ws.cell(head + i, 1, str(year))
            ws.cell(head + i, 2, actual)
            ws.cell(head + i, 3, required)
        ws.add_chart(_chart(ws, target_id, head, len(points)), f"A{head + len(points) + 2}")
        row = head + len(points) + 2 + CHART_ROWS
    ws.column_dimensions["A"].width = 12
    for letter in "BC":
        ws.column_dimensions[letter].width = 13
    _print_setup(ws, landscape=False)


def _print_setup(ws, landscape: bool) -> None:   # noqa: ANN001
    """A4, fitted to the page's width: an office head prints the sheet as it is."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _chart(ws, target_id: str, head: int, n: int) -> BarChart:   # noqa: ANN001
    chart = BarChart()
    chart.type = "col"
    chart.title = target_id   # the target's words are in the cell above the figures
    chart.y_axis.title = "%"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.delete = chart.x_axis.delete = False   # newer Excel hides axes unless told
    data = Reference(ws, min_col=2, max_col=3, min_row=head, max_row=head + n)
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
        for j, key in enumerate(("where", "id", "error"), start=1):
            ws.cell(i, j, r[key]).alignment = _WRAP
    for letter, width in zip("ABC", (36, 16, 80)):
        ws.column_dimensions[letter].width = width
