"""Renderers for goal reports: a table for people, JSON for scripts. Nothing here decides anything.
Every word is in the catalogue (``scoring.messages``, codes ``goals.*``), shared with the workbook."""
from __future__ import annotations

import json

from scoring.goals.report import (MET, NOT_EVALUABLE, NOT_MET, REPORTED, UNDETERMINED, GoalReport, TargetResult,
                                  PCT_DIGITS, required_count, shown_pct)
from scoring.messages import col, first_of, fmt_num, t as say   # every word from the catalogue ('t' here is a target)
from scoring.results.render import tabulate

GOAL_FORMATS = ("table", "json")
# What 'goals -o' writes, by the file's extension (--format, when given, wins for the two text ones):
# any other name would hold a text table that its program (Excel for .csv, Word for .docx) cannot open.
GOAL_FILE_FORMATS = {".xlsx": "xlsx", ".json": "json", ".txt": "table"}

SIGN = {">=": "≥", ">": ">", "=": "="}
MAX_IDS = 20  # ids listed per note; the JSON has them all


def render_goals(report: GoalReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    return goals_table(report)


def goals_table(report: GoalReport) -> str:
    lang = report.lang
    pack = f"{report.title} — {report.goals['id']} {report.goals['version']}"
    if report.status == "provisional":
        pack += f" [{say('goals.provisional', lang)}]"
    out = [f"{say('goals.pack', lang)}: {pack}", f"{say('goals.ref', lang)}: {report.reference}",
           f"{say('goals.year', lang)}: {report.year} · {say('goals.population', lang)}: {report.population}", ""]
    rows = [_row(t, lang) for t in report.targets]
    out.append(tabulate(rows, headers=say("goals.table_cols", lang).split("|"), tablefmt="simple",
                        maxcolwidths=[None, 44, None, None, None, 36], disable_numparse=True))
    notes = [n for t in report.targets for n in _notes(t, lang)]
    if notes:
        out += ["", f"{say('goals.notes', lang)}:", *notes]
    if report.rejected:
        out += ["", f"{say('goals.rejected', lang)}:", tabulate([[r["where"], r["id"] or "", r["error"]] for r in report.rejected],
                                                               headers=[col(c, lang) for c in ("where", "id", "error")], tablefmt="simple")]
    out += ["", count_line(report)]
    return "\n".join(out)


def count_line(report: GoalReport) -> str:
    lang = report.lang
    counts = {k: fmt_num(v, lang) for k, v in report.counts.items()}
    line = say("goals.count_line", lang, **counts)
    if report.counts.get("skipped"):
        line += say("goals.skipped", lang, **counts)
    for name, scored in report.scored.items():
        if scored["records"]:
            line += say("goals.scored", lang, name=scored.get("label", name), pack=_pack_title(scored["pack"], lang),
                        n=fmt_num(scored["records"], lang))
    return line


def _pack_title(pack_id: str, lang: str) -> str:
    """A shipped pack by its title ('Công dân học tập (Quyết định 324/QĐ-KHVN)'), as people know it; a pack
    read from a file by its id, quoted."""
    from scoring.results.shares import shipped_pack
    pack = shipped_pack(pack_id)
    return pack.title.get(lang) if pack is not None and pack.title else f"'{pack_id}'"


def status_text(status: str, lang: str) -> str:
    """A target's status in words: đạt, chưa đạt, không đánh giá được, theo dõi, chưa xác định."""
    return say(f"goals.status.{status}", lang)


def required_text(t: TargetResult, lang: str) -> str:
    """'≥ 70% (14/20)': the share a target requires, and the count it means, as people write them; for a
    share left open over two denominators, the count each case needs, worst first as the actual share
    is written ('≥ 70% (7/10 … 5/7)' beside '6/10 = 60% … 6/7 = 85,71%')."""
    if not (t.comparison and t.required_pct is not None):
        return "—"
    required = f"{SIGN[t.comparison]} {fmt_num(t.required_pct, lang)}%"
    counts = [f"{fmt_num(need, lang)}/{fmt_num(whole, lang)}" for need, whole in required_counts(t) if need is not None]
    return required + (f" ({' … '.join(counts)})" if counts else "")


def required_counts(t: TargetResult) -> list[tuple[int | None, int]]:
    """(count needed, denominator) of the target: of the worst case first, then of the best case when
    the two cases have different denominators (records left out for a blank value); one pair when
    the denominator is one. The workbook's 'Số cần đạt' is the first, beside the worst case's share."""
    if not (t.comparison and t.required_pct is not None):
        return [(t.required_count, t.denominator)]
    (_, low), high = share_bounds(t)
    wholes = [low] if high is None or high[1] == low else [low, high[1]]
    return [(t.required_count if whole == t.denominator else required_count(t.comparison, t.required_pct, whole), whole)
            for whole in wholes]


def actual_text(t: TargetResult, lang: str) -> str:
    """'13/20 = 65%', or the worst and best case when unknown rows could still change it: rejected
    rows ('13/20 = 65% … 15/20 = 75%'), records whose population value is blank ('6/10 = 60% … 6/7 = 85,71%')."""
    if t.actual_pct is None:
        return "—"
    def share(part: int, whole: int) -> str:
        return f"{fmt_num(part, lang)}/{fmt_num(whole, lang)} = {fmt_num(shown_pct(part, whole, t.required_pct), lang, PCT_DIGITS)}%"
    low, high = share_bounds(t)
    if high is None:
        return f"{fmt_num(t.numerator, lang)}/{fmt_num(t.denominator, lang)} = {fmt_num(t.actual_pct, lang, PCT_DIGITS)}%"
    return f"{share(*low)} … {share(*high)}"   # both bounds


def share_bounds(t: TargetResult) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The share as (count, denominator): the worst case, and the best case when unknown records could
    still change it (None when the share is one figure). The screen writes both, '6/10 = 60% … 6/7 = 85,71%';
    the workbook puts the worst case where the figure goes and the best case beside it, never the share
    between them (``actual_pct``, 6/7 above, is neither bound when records could not be placed)."""
    low, high = t.low or (t.numerator, t.denominator), t.high or (t.numerator, t.denominator)
    if low == high or t.status == NOT_EVALUABLE:
        return (t.numerator, t.denominator), None
    return low, high


def _row(t: TargetResult, lang: str) -> list[str]:
    label = t.label + (f" [{say('goals.tentative', lang)}]" if t.provisional else "")
    required, actual, status = required_text(t, lang), actual_text(t, lang), status_text(t.status, lang)
    if t.status == UNDETERMINED:
        return [t.id, label, required, actual, status, unsure_text(t, lang)]
    if t.status == NOT_MET:
        needs = "goals.needs_one" if t.gap == 1 else "goals.needs"
        gap = (say(needs, lang, gap=fmt_num(t.gap, lang), counted=t.counted) if t.gap is not None
               else say("goals.unreachable", lang))
    else:
        gap = "—" if t.status != MET else "0"
    return [t.id, label, required, actual, status, gap]


def unsure_text(t: TargetResult, lang: str) -> str:
    """What an undetermined target waits for: '2 hồ sơ không đánh giá được', or, when records
    whose population value is blank decide it, '3 hồ sơ chưa xếp được vào mẫu số' (both: '5 hồ sơ chưa rõ …')."""
    if t.unknown_population:
        key = "goals.unsure_both" if t.unevaluable else "goals.unsure_blank"
        return say(key, lang, n=fmt_num(len(t.unevaluable) + len(t.unknown_population), lang))
    return say("goals.unsure", lang, n=fmt_num(len(t.unevaluable), lang))


def _notes(t: TargetResult, lang: str) -> list[str]:
    return [f"- {t.id}{' [' + say('goals.tentative', lang) + ']' if tentative else ''}: {sentence}"
            for sentence, tentative in target_notes(t, lang)]


def target_notes(t: TargetResult, lang: str) -> list[tuple[str, bool]]:
    """What a target's figures leave unsaid (who is unknown, left out or counted as not qualifying,
    why it is undetermined), as (sentence, whether it is the note of a tentative target): the notes
    under the table on screen and the 'Ghi chú' cell of the paper the office head signs."""
    notes = []
    if t.status == NOT_EVALUABLE:
        notes.append(t.reason)
    if t.unevaluable and t.status != NOT_EVALUABLE:
        notes.append(say("goals.unevaluable", lang, n=fmt_num(len(t.unevaluable), lang), ids=_ids(t.unevaluable)))
    if t.unknown_count and t.status != NOT_EVALUABLE:
        inputs = ", ".join(f"'{c.shown or c.input}'" for c in t.conditions if c.unknown)
        notes.append(say("goals.unknown_count", lang, n=fmt_num(len(t.unknown_count), lang), inputs=inputs,
                         ids=_ids(t.unknown_count)))
    if t.unknown_population and t.status != NOT_EVALUABLE:
        notes.append(say("goals.unknown_population", lang, n=fmt_num(len(t.unknown_population), lang),
                         pop=t.population, ids=_ids(t.unknown_population)))
    if t.status == UNDETERMINED:
        notes.append(t.reason)
    if len(t.conditions) > 1 and t.status in (NOT_MET, REPORTED):
        parts = "; ".join(f"{c.condition}: {fmt_num(c.met, lang)}/{fmt_num(t.denominator, lang)}" for c in t.conditions)
        notes.append(f"{say('goals.each', lang)}: {parts}")
    return [(n, False) for n in notes] + [(t.note, t.provisional)] * bool(t.note)


def _ids(ids: tuple[str, ...]) -> str:
    return first_of(ids, MAX_IDS)
