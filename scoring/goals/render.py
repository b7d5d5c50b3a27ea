"""Renderers for goal reports: a table for people, JSON for scripts. Nothing here decides anything."""
from __future__ import annotations

import json

from scoring.goals.report import MET, NOT_EVALUABLE, NOT_MET, REPORTED, UNDETERMINED, GoalReport, TargetResult
from scoring.messages import fmt_num
from scoring.results.render import tabulate

GOAL_FORMATS = ("table", "json")

HEAD = {
    "vi": {"pack": "Gói mục tiêu", "ref": "Căn cứ", "year": "Năm", "population": "Đối tượng",
           "provisional": "TẠM THỜI (provisional)",
           "cols": ["id", "mục tiêu", "yêu cầu", "thực tế", "kết quả", "còn thiếu"],
           MET: "đạt", NOT_MET: "chưa đạt", NOT_EVALUABLE: "không đánh giá được", REPORTED: "theo dõi",
           UNDETERMINED: "chưa xác định", "unsure": "{n} bản ghi không đánh giá được",
           "unevaluable": "{n} bản ghi bị loại vẫn thuộc mẫu số, tính là không đánh giá được: {ids}",
           "needs": "cần thêm {gap} {counted}", "needs_one": "cần thêm 1 {counted}",
           "unreachable": "không thể đạt bằng cách thêm người",
           "unknown_count": "{n} bản ghi trong mẫu số không có giá trị {inputs}, tính là không đạt: {ids}",
           "unknown_population": "{n} bản ghi không xếp được vào mẫu số ({pop}) vì để trống giá trị cần xét: {ids}",
           "notes": "Ghi chú", "each": "từng điều kiện", "rejected": "Bản ghi bị loại", "tentative": "tạm thời",
           "count_line": "{read} bản ghi đã đọc: {evaluated} được tính, {rejected} bị loại",
           "skipped": ", {skipped} bỏ qua (dòng cuối bảng, không phải hồ sơ)",
           "scored": "; {name} được chấm bằng '{pack}' cho {n} bản ghi"},
    "en": {"pack": "Goal pack", "ref": "Reference", "year": "Year", "population": "Population",
           "provisional": "PROVISIONAL",
           "cols": ["id", "target", "required", "actual", "result", "gap"],
           MET: "met", NOT_MET: "not met", NOT_EVALUABLE: "not evaluable", REPORTED: "reported",
           UNDETERMINED: "undetermined", "unsure": "{n} unevaluable record(s)",
           "unevaluable": "{n} rejected record(s) stay in the denominator as not evaluable: {ids}",
           "needs": "{gap} more {counted} needed", "needs_one": "1 more needed ({counted})",
           "unreachable": "cannot be met by more qualifying records",
           "unknown_count": "{n} record(s) of the denominator have no value for {inputs}, counted as not qualifying: {ids}",
           "unknown_population": "{n} record(s) could not be placed in the denominator ({pop}): a value it needs is blank: {ids}",
           "notes": "Notes", "each": "each condition", "rejected": "Rejected records", "tentative": "provisional",
           "count_line": "{read} records read: {evaluated} evaluated, {rejected} rejected",
           "skipped": ", {skipped} skipped (rows under the table, not records)",
           "scored": "; {name} scored with '{pack}' for {n}"},
}
SIGN = {">=": "≥", ">": ">", "=": "="}
MAX_IDS = 20  # ids listed per note; the JSON has them all


def render_goals(report: GoalReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    return goals_table(report)


def goals_table(report: GoalReport) -> str:
    h = HEAD[report.lang]
    pack = f"{report.title} — {report.goals['id']} {report.goals['version']}"
    if report.status == "provisional":
        pack += f" [{h['provisional']}]"
    out = [f"{h['pack']}: {pack}", f"{h['ref']}: {report.reference}",
           f"{h['year']}: {report.year} · {h['population']}: {report.population}", ""]
    rows = [_row(t, h, report.lang) for t in report.targets]
    out.append(tabulate(rows, headers=h["cols"], tablefmt="simple", maxcolwidths=[None, 44, None, None, None, 36],
                        disable_numparse=True))
    notes = [n for t in report.targets for n in _notes(t, h, report.lang)]
    if notes:
        out += ["", f"{h['notes']}:", *notes]
    if report.rejected:
        out += ["", f"{h['rejected']}:", tabulate([[r["where"], r["id"] or "", r["error"]] for r in report.rejected],
                                                   headers=["where", "id", "error"], tablefmt="simple")]
    out += ["", count_line(report)]
    return "\n".join(out)


def count_line(report: GoalReport) -> str:
    h, lang = HEAD[report.lang], report.lang
    counts = {k: fmt_num(v, lang) for k, v in report.counts.items()}
    line = h["count_line"].format(**counts)
    if report.counts.get("skipped"):
        line += h["skipped"].format(**counts)
    for name, scored in report.scored.items():
        if scored["records"]:
            line += h["scored"].format(name=name, pack=scored["pack"], n=fmt_num(scored["records"], lang))
    return line


def required_text(t: TargetResult, lang: str) -> str:
    """'≥ 70% (14/20)': the share a target requires, and the count it means, as people write them."""
    if not (t.comparison and t.required_pct is not None):
        return "—"
    required = f"{SIGN[t.comparison]} {fmt_num(t.required_pct, lang)}%"
    if t.required_count is not None:
        required += f" ({fmt_num(t.required_count, lang)}/{fmt_num(t.denominator, lang)})"
    return required


def actual_text(t: TargetResult, lang: str) -> str:
    """'13/20 = 65%', and the upper bound when rejected rows could still count ('… 15/20 = 75%')."""
    if t.actual_pct is None:
        return "—"
    whole = fmt_num(t.denominator, lang)
    actual = f"{fmt_num(t.numerator, lang)}/{whole} = {fmt_num(t.actual_pct, lang)}%"
    if t.unevaluable and t.upper_pct is not None and t.status != NOT_EVALUABLE:   # both bounds
        actual += f" … {fmt_num(t.numerator + len(t.unevaluable), lang)}/{whole} = {fmt_num(t.upper_pct, lang)}%"
    return actual


def _row(t: TargetResult, h: dict, lang: str) -> list[str]:
    label = t.label + (f" [{h['tentative']}]" if t.provisional else "")
    required, actual = required_text(t, lang), actual_text(t, lang)
    if t.status == UNDETERMINED:
        return [t.id, label, required, actual, h[t.status], h["unsure"].format(n=fmt_num(len(t.unevaluable), lang))]
    if t.status == NOT_MET:
        needs = h["needs_one"] if t.gap == 1 else h["needs"]
        gap = needs.format(gap=fmt_num(t.gap, lang), counted=t.counted) if t.gap is not None else h["unreachable"]
    else:
        gap = "—" if t.status != MET else "0"
    return [t.id, label, required, actual, h[t.status], gap]


def _notes(t: TargetResult, h: dict, lang: str) -> list[str]:
    notes = []
    if t.status == NOT_EVALUABLE:
        notes.append(f"- {t.id}: {t.reason}")
    if t.unevaluable and t.status != NOT_EVALUABLE:
        notes.append(f"- {t.id}: " + h["unevaluable"].format(n=fmt_num(len(t.unevaluable), lang), ids=_ids(t.unevaluable)))
    if t.unknown_count and t.status != NOT_EVALUABLE:
        inputs = ", ".join(f"'{c.input}'" for c in t.conditions if c.unknown)
        notes.append(f"- {t.id}: " + h["unknown_count"].format(n=fmt_num(len(t.unknown_count), lang), inputs=inputs,
                                                               ids=_ids(t.unknown_count)))
    if t.unknown_population and t.status != NOT_EVALUABLE:
        notes.append(f"- {t.id}: " + h["unknown_population"].format(
            n=fmt_num(len(t.unknown_population), lang), pop=t.population, ids=_ids(t.unknown_population)))
    if t.status == UNDETERMINED:
        notes.append(f"- {t.id}: {t.reason}")
    if len(t.conditions) > 1 and t.status in (NOT_MET, REPORTED):
        parts = "; ".join(f"{c.condition}: {fmt_num(c.met, lang)}/{fmt_num(t.denominator, lang)}" for c in t.conditions)
        notes.append(f"- {t.id}: {h['each']}: {parts}")
    if t.provisional and t.note:
        notes.append(f"- {t.id} [{h['tentative']}]: {t.note}")
    return notes


def _ids(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:MAX_IDS])
    return shown + (f", … (+{len(ids) - MAX_IDS})" if len(ids) > MAX_IDS else "")   # (a few thousand at most: not worth a separator)
