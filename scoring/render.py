"""Step 7: renderers. Results and explanations are data; these turn them into tables,
JSON, JSON Lines, CSV, text and Markdown. Nothing here decides anything."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from tabulate import tabulate

from .aggregate import Counts, Result
from .explain import WORDS, Explanation, MemberShare
from .pack import Pack

RESULT_FORMATS = ("table", "json", "jsonl", "csv")
EXPLAIN_FORMATS = ("text", "markdown", "json")


def num(x: float | None) -> float | int | None:
    """80.0 -> 80, 79.5 -> 79.5: integral points print as integers."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def result_dict(r: Result) -> dict[str, Any]:
    """The result contract: one JSON object per input record (see README)."""
    if not r.ok or r.scored is None or r.loaded is None:
        return {"id": r.id, "error": r.error, "where": r.where}
    s = r.scored
    return {
        "id": s.id, "outcome": s.outcome, "label": r.label,
        "total": num(s.total), "max": num(s.max_total),
        "indicators": [{"id": i.id, "points": num(i.points), "max": num(i.max), "status": i.status}
                       for i in s.indicators],
        "explanation": r.reason, "criteria": r.loaded.identity(), "where": r.where,
        **({"members": [member_dict(m) for m in r.members]} if r.members else {}),
    }


def member_dict(m: MemberShare) -> dict[str, Any]:
    """How a unit input came from the unit's members (only with --members)."""
    return {"input": m.input, "members_pack": m.members_pack, "outcomes": list(m.outcomes), "gives": m.gives,
            "numerator": m.numerator, "denominator": m.denominator,
            "share": None if m.share is None else round(m.share, 4), "value": num(m.value),
            "typed": m.typed, "not_qualifying": list(m.not_qualifying), "source": m.source, "note": m.note}


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def count_line(c: Counts) -> str:
    return f"{c.read} records read: {c.scored} scored, {c.rejected} rejected"


def write_results(results: Iterable[Result], fmt: str, out: TextIO, pack: Pack, counts: Counts) -> None:
    if fmt == "jsonl":
        for r in results:
            out.write(dumps(result_dict(r)) + "\n")
    elif fmt == "json":
        out.write(json.dumps([result_dict(r) for r in results], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        _write_csv(results, out, pack)
    else:
        _write_table(list(results), out, counts)


def _write_csv(results: Iterable[Result], out: TextIO, pack: Pack) -> None:
    ids = [i.id for i in pack.indicators]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "outcome", "label", "total", "max", *ids, *(f"{i} status" for i in ids),
                     "explanation", "error", "where"])
    for r in results:
        d = result_dict(r)
        if r.ok:
            points = [num_text(i["points"]) for i in d["indicators"]]
            statuses = [i["status"] for i in d["indicators"]]
            writer.writerow([d["id"], d["outcome"], d["label"], num_text(d["total"]), num_text(d["max"]),
                             *points, *statuses, d["explanation"], "", r.where])
        else:
            writer.writerow([d["id"] or "", "", "", "", "", *[""] * (2 * len(ids)), "", d["error"], r.where])


def num_text(x: Any) -> str:
    return "" if x is None else str(num(x))


def _write_table(results: list[Result], out: TextIO, counts: Counts) -> None:
    scored = [[r.id, r.label, _points(r), r.reason.split("; ", 1)[-1]] for r in results if r.ok]
    if scored:
        out.write(tabulate(scored, headers=["id", "kết quả", "điểm", "lý do"], tablefmt="simple") + "\n")
    rejected = [[r.where, r.id or "", r.error] for r in results if not r.ok]
    if rejected:
        out.write("\nRejected records:\n")
        out.write(tabulate(rejected, headers=["where", "id", "error"], tablefmt="simple") + "\n")
    out.write(f"\n{count_line(counts)}\n")


def _points(r: Result) -> str:
    s = r.scored
    if s is None or s.total is None:
        return ""
    return f"{num(s.total)}/{num(s.max_total)}"


# --- explanations -----------------------------------------------------------------------

HEAD = {
    "vi": {"record": "Hồ sơ", "pack": "Bộ tiêu chí", "outcome": "Kết quả", "rule": "Quy tắc", "ref": "Căn cứ",
           "total": "Tổng điểm", "next": "Để đạt", "needs": "cần thêm", "points": "điểm",
           "unreachable": "không thể đạt với số điểm còn lại", "provisional": "TẠM THỜI (provisional)",
           "input": "giá trị", "missing": "thiếu dữ liệu", "best": "Đã đạt mức cao nhất."},
    "en": {"record": "Record", "pack": "Criteria", "outcome": "Outcome", "rule": "Rule", "ref": "Reference",
           "total": "Total", "next": "To reach", "needs": "needs", "points": "points",
           "unreachable": "not reachable with the points left", "provisional": "PROVISIONAL",
           "input": "value", "missing": "missing", "best": "Highest outcome reached."},
}


def render_explanation(e: Explanation, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(e.to_dict(), ensure_ascii=False, indent=2)
    return _markdown(e) if fmt == "markdown" else _text(e)


def _value(v: Any, lang: str) -> str:
    words = WORDS[lang]
    if v is None:
        return HEAD[lang]["missing"]
    if isinstance(v, bool):
        return words["yes"] if v else words["no"]
    return f"{num(v)}" if isinstance(v, float) else str(v)


def _pts(points: Any, mx: Any) -> str:
    if points is None and mx is None:
        return ""
    return f"{num(points)}/{num(mx)}" if mx is not None else f"{num(points)}"


def _header_lines(e: Explanation) -> list[tuple[str, str]]:
    h = HEAD[e.lang]
    pack = f"{e.pack_title} — {e.criteria_pack['id']} {e.criteria_pack['version']} ({e.pack_reference})"
    if e.pack_status == "provisional":
        pack += f" [{h['provisional']}]"
    lines = [(h["record"], e.record), (h["pack"], pack), (h["outcome"], f"{e.outcome_label} ({e.outcome})"),
             (h["rule"], f"{e.rule}: {e.rule_condition}")]
    if e.rule_reference:
        lines.append((h["ref"], e.rule_reference))
    if e.total is not None:
        lines.append((h["total"], f"{num(e.total)}/{num(e.max)}"))
    return lines


def _next_lines(e: Explanation) -> list[str]:
    h, words = HEAD[e.lang], WORDS[e.lang]
    if e.next is None:
        return [h["best"]]
    n = e.next
    lines = [f"{h['next']} “{n.label}” ({n.outcome}):"]
    if n.points_needed:
        extra = "" if n.reachable else f" — {h['unreachable']}"
        lines.append(f"  - {h['needs']} {num(n.points_needed)} {h['points']}{extra}")
    for b in n.blockers:
        lines.append(f"  - {b.indicator} {b.label}: {_value(b.value, e.lang)}, {b.needs}")
    return lines


def _member_lines(e: Explanation) -> list[str]:
    """One line per input computed from members: the share, the counts, who does not count."""
    h = MEMBERS[e.lang]
    lines = []
    for m in e.members:
        line = f"{h['members']} → {m.input}: {m.note} ({m.members_pack}; {m.source})"
        if m.not_qualifying:
            shown = ", ".join(m.not_qualifying[:20]) + (f", … (+{len(m.not_qualifying) - 20})" if len(m.not_qualifying) > 20 else "")
            line += f"; {h['failed']}: {shown}"
        lines.append(line)
    return lines


MEMBERS = {"vi": {"members": "Thành viên", "failed": "chưa tính (không đạt)"},
           "en": {"members": "Members", "failed": "not counted"}}


def _text(e: Explanation) -> str:
    words = WORDS[e.lang]
    out = [f"{k}: {v}" for k, v in _header_lines(e)] + _member_lines(e)
    for c in e.criteria:
        out.append("")
        out.append(f"{c.id}. {c.label}  {_pts(c.points, c.max)}".rstrip())
        for i in c.indicators:
            out.append(f"  {i.id:<8} {words[i.status]:<14} {_pts(i.points, i.max):<8} "
                       f"{HEAD[e.lang]['input']} {_value(i.value, e.lang)}; {i.condition}  [{i.rule}]")
            out.append(f"           {i.label}" + (f" — {i.reference}" if i.reference else ""))
    out.append("")
    out.extend(_next_lines(e))
    return "\n".join(out)


def _markdown(e: Explanation) -> str:
    words = WORDS[e.lang]
    out = [f"### {e.record}: {e.outcome_label}", ""]
    out += [f"- **{k}**: {v}" for k, v in _header_lines(e)]
    out += [f"- {line}" for line in _member_lines(e)]
    rows = [[i.id, i.label, words[i.status], _pts(i.points, i.max), _value(i.value, e.lang), i.condition,
             f"`{i.rule}`", i.reference or ""] for c in e.criteria for i in c.indicators]
    out += ["", tabulate(rows, headers=["id", "chỉ số" if e.lang == "vi" else "indicator", "status", "points",
                                        "input", "condition", "rule", "reference"], tablefmt="github"), ""]
    out += _next_lines(e)
    return "\n".join(out)
