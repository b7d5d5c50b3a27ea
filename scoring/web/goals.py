"""Goal reports on a web page: the library's report, each target as a line and a bar.

The chart is SVG written here, on the server (no script, no chart library): one bar per target,
its length the actual share, a mark at the required share, so it reads on a phone as on a
desktop and prints as it shows. Every number in the bar is also in the text beside it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from scoring.errors import GoalPackNotFound, GoalYearError, UsageError
from scoring.goals.goalpack import LoadedGoals, shipped_goals
from scoring.goals.report import (MET, NOT_EVALUABLE, NOT_MET, PCT_DIGITS, UNDETERMINED, GoalReport, TargetResult, goal_report,
                                  shown_pct)
from scoring.goals.render import actual_text, required_text, target_notes
from scoring.goals.workbook import write_goals_workbook
from scoring.messages import fmt_num, plural_format, text
from scoring.web.council import for_the_page
from scoring.web.texts import words
from scoring.web.tuan_le import PRINTING_FORM, letterhead_of
from scoring.web.uploads import Saved

WORKBOOK = "muc-tieu.xlsx"
FIELDS = tuple(name for name, _ in PRINTING_FORM)   # the command's letterhead options, as the Week's form has them


def goal_choices() -> list[LoadedGoals]:
    return list(shipped_goals().values())


def shipped_goal(pack_id: str, lang: str) -> LoadedGoals:
    packs = shipped_goals()
    if pack_id not in packs:
        raise GoalPackNotFound(pack_id, packs)
    return packs[pack_id]


def parse_year(text: str | None, lang: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise UsageError(words(lang)["bad_year"].format(text=text))
    return int(text)


def run_goals(pack_id: str, saved: Saved, year: int | None, lang: str, sheet: str | None = None) -> GoalReport:
    """The report over one uploaded file; places in it are named by the file's own name, and the
    readers' warnings (a column no target can do without, a second sheet not read) say where to
    click on the page, not what to type on a command line."""
    noted = []
    if sheet and saved.path.suffix.lower() != ".xlsx":   # as the council page says it, not '--sheet'
        noted.append(words(lang)["sheet_not_workbook"].format(name=saved.name, sheet=sheet))
        sheet = None
    report = goal_report(shipped_goal(pack_id, lang), [saved.path], year, lang, sheet=sheet, by_label=True)
    rejected = tuple({**r, "where": str(r["where"]).replace(str(saved.path), saved.name),
                      "error": text(r["error"], lang).replace(str(saved.path), saved.name)} for r in report.rejected)
    warnings = (*noted, *(for_the_page(str(w).replace(str(saved.path), saved.name)) for w in report.warnings))
    paper = (*noted, *(for_the_page(str(w).replace(str(saved.path), saved.name)) for w in report.paper_warnings))
    return replace(report, rejected=rejected, warnings=warnings, paper_warnings=paper if report.paper_warnings else ())


def write_workbook(report: GoalReport, folder: Path, fields: dict[str, str], lang: str) -> dict[str, Path]:
    """The workbook ``hoctap goals -o X.xlsx`` writes, with the form's letterhead fields: the paper an
    office signs (the page, printed, has no letterhead or signature lines)."""
    path = folder / WORKBOOK
    write_goals_workbook([report], path, letterhead_of(fields, lang))
    return {WORKBOOK: path}


def year_message(exc: GoalYearError, lang: str) -> str:
    """A year without targets, said with the page's own field to choose another (the command
    line's words name its --year, which a web page has not)."""
    w = words(lang)
    years = ", ".join(str(y) for y in exc.years)
    return w["year_choose"].format(problem=text(exc.problem, lang), years=years, field=w["year"])


@dataclass(frozen=True)
class TargetView:
    target: TargetResult
    required: str
    actual: str
    gap: str
    status: str
    chart: str          # inline SVG, already escaped
    notes: tuple[str, ...] = ()   # who is unknown, left out or counted as not qualifying: as under the CLI's table


def target_views(report: GoalReport) -> list[TargetView]:
    w = words(report.lang)
    return [_view(t, w, report.lang) for t in report.targets]


def _view(t: TargetResult, w: dict[str, str], lang: str) -> TargetView:
    required, actual = required_text(t, lang), actual_text(t, lang)   # as the table of 'hoctap goals'
    if t.status == UNDETERMINED and t.unknown_population:   # records whose population value is blank decide it
        key = "gap_unsure_both" if t.unevaluable else "gap_unsure_blank"
        gap = plural_format(w[key], n=fmt_num(len(t.unevaluable) + len(t.unknown_population), lang))
    elif t.status == UNDETERMINED:
        gap = plural_format(w["gap_unsure"], n=fmt_num(len(t.unevaluable), lang))
    elif t.status == NOT_MET:
        gap = (w["gap_people"].format(gap=fmt_num(t.gap, lang), counted=t.counted) if t.gap is not None
               else w["gap_unreachable"])
    elif t.status == MET:
        gap = w["gap_none"]
    else:
        gap = "—"
    label = w["chart_label"].format(label=t.label, actual=actual, required=required)
    notes = tuple(note for note, tentative in target_notes(t, lang) if not tentative)   # the card shows the tentative note apart
    return TargetView(t, required, actual, gap, w[f"status_{t.status}"], bar_svg(t, label), notes)


def bar_svg(t: TargetResult, label: str) -> str:
    """One bar, 0–100%: the actual share filled (green when met, orange when not, grey when only
    reported), a dark mark at the required share. Drawn in a 100 × 10 box stretched to the width."""
    colour = {MET: "#1a7f37", NOT_MET: "#c2410c"}.get(t.status, "#6b7280")
    low, high = _bounds(t)
    actual = 0.0 if low is None else max(0.0, min(100.0, low))
    parts = [f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
             f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(label)}</title>",
             '<rect x="0" y="0" width="100" height="10" fill="#e5e7eb"/>']
    if t.status != NOT_EVALUABLE:
        parts.append(f'<rect x="0" y="0" width="{actual:.2f}" height="10" fill="{colour}"/>')
        if high is not None and high > actual:   # how far the unknown rows could take it
            upper = min(100.0, high)
            parts.append(f'<rect x="{actual:.2f}" y="2" width="{upper - actual:.2f}" height="6" fill="#9ca3af"/>')
    if t.required_pct is not None and t.comparison:
        x = max(0.4, min(99.6, t.required_pct))
        parts.append(f'<rect x="{x - 0.4:.2f}" y="0" width="0.8" height="10" fill="#111827"/>')
    parts.append("</svg>")
    return "".join(parts)


def _bounds(t: TargetResult) -> tuple[float | None, float | None]:
    """The share's worst and best case in %, where the bar ends."""
    if t.actual_pct is None:
        return None, None
    low, high = _counts(t)
    return 100 * low[0] / low[1], 100 * high[0] / high[1]


def _counts(t: TargetResult) -> tuple[tuple[int, int], tuple[int, int]]:
    """(part, whole) of the share's worst and best case."""
    return t.low or (t.numerator, t.denominator), t.high or (t.numerator, t.denominator)


LABEL_CHARS = 84   # a name longer than the chart is wide (600 at 12 px) is cut, whole in its tooltip


def chart_svg(report: GoalReport) -> str:
    """All targets in one figure (for the printed page and for the API): one row per target, its
    name (as on the cards below) over a bar of the actual share, the required share as a mark.
    The names are long ('Gia đình được công nhận "Gia đình học tập" (năm 2030)'): each has the
    chart's whole width above its bar, rather than a column beside it that cut them."""
    rows = [t for t in report.targets if t.status != NOT_EVALUABLE]
    step, width = 40, 600
    height = step * len(rows) + 24
    scale = (width - 60) / 100   # room right of a full bar for its value
    out = [f'<svg viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg" class="chart" '
           f'aria-label="{escape(report.title)} — {report.year}">']
    for pct in (0, 50, 100):
        x = max(0.5, pct * scale)
        out.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 20}" stroke="#d1d5db"/>')
        anchor = "start" if pct == 0 else "middle"
        out.append(f'<text x="{x:.1f}" y="{height - 6}" font-size="11" text-anchor="{anchor}" fill="#374151">{pct}%</text>')
    for i, t in enumerate(rows):
        out.append(_chart_row(t, step * i, scale, report.lang))
    out.append("</svg>")
    return "".join(out)


def _chart_row(t: TargetResult, y: float, scale: float, lang: str) -> str:
    """A target's name, its bar and mark, and its value written past both (never over the mark)."""
    colour = {MET: "#1a7f37", NOT_MET: "#c2410c"}.get(t.status, "#6b7280")
    low, high = _bounds(t)
    actual = 0.0 if low is None else max(0.0, min(100.0, low))
    bar_y = y + 18
    out = [f"<g><title>{escape(t.label)}</title>",
           f'<text x="2" y="{y + 13}" font-size="12" fill="#111827">{escape(_short(t.label, LABEL_CHARS))}</text>',
           f'<rect x="0" y="{bar_y}" width="{actual * scale:.1f}" height="14" fill="{colour}"/>']
    end = actual
    if high is not None and high > actual:   # unknown records could take it this far (as on the target's bar)
        upper = min(100.0, high)
        out.append(f'<rect x="{actual * scale:.1f}" y="{bar_y + 3}" width="{(upper - actual) * scale:.1f}" '
                   f'height="8" fill="#9ca3af"/>')
        end = upper
    if t.required_pct is not None and t.comparison:
        required = min(100.0, t.required_pct)
        x = required * scale
        out.append(f'<rect x="{max(0.0, x - 1.5):.1f}" y="{bar_y - 2}" width="3" height="18" fill="#111827"/>')
        end = max(end, required)
    if low is not None:   # the worst case, and the best beside it when they differ: never the share between
        worst, best = (shown_pct(*counts, t.required_pct) for counts in _counts(t))   # as the cards write them
        value = fmt_num(worst, lang, PCT_DIGITS) + ("" if best == worst else "–" + fmt_num(best, lang, PCT_DIGITS))
        out.append(f'<text x="{end * scale + 5:.1f}" y="{bar_y + 11}" font-size="11" fill="#111827">{value}%</text>')
    out.append("</g>")
    return "".join(out)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
