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
from .explain import WORDS, Explanation
from .pack import Pack
from .report import Summary, share_text

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
        **({"verification": r.verification.to_dict()} if r.verification is not None else {}),
    }


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def count_line(c: Counts) -> str:
    return f"{c.read} records read: {c.scored} scored, {c.rejected} rejected"


def write_results(results: Iterable[Result], fmt: str, out: TextIO, pack: Pack, counts: Counts,
                  claims: bool = False) -> None:
    """Stream results in ``fmt``; only the table keeps them all (it aligns columns).
    ``claims``: the CSV gets the claimed total and outcome and the verification as last columns."""
    if fmt == "jsonl":
        for r in results:
            out.write(dumps(result_dict(r)) + "\n")
    elif fmt == "json":
        write_json_array((result_dict(r) for r in results), out)
    elif fmt == "csv":
        _write_csv(results, out, pack, claims)
    else:
        _write_table(list(results), out, counts)


def write_json_array(items: Iterable[Any], out: TextIO) -> None:
    """The same text as json.dumps(list(items), indent=2) + newline, written item by item."""
    first = True
    for item in items:
        inner = json.dumps([item], ensure_ascii=False, indent=2)[2:-2]  # '  {…}' indented as in a list
        out.write(("[\n" if first else ",\n") + inner)
        first = False
    out.write("[]\n" if first else "\n]\n")


def _write_csv(results: Iterable[Result], out: TextIO, pack: Pack, claims: bool = False) -> None:
    ids = [i.id for i in pack.indicators]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "outcome", "label", "total", "max", *ids, *(f"{i} status" for i in ids),
                     "explanation", "error", "where", *(CLAIM_COLUMNS if claims else ())])
    for r in results:
        d = result_dict(r)
        extra = _claim_texts(r) if claims else []
        if r.ok:
            points = [num_text(i["points"]) for i in d["indicators"]]
            statuses = [i["status"] for i in d["indicators"]]
            writer.writerow([d["id"], d["outcome"], d["label"], num_text(d["total"]), num_text(d["max"]),
                             *points, *statuses, d["explanation"], "", r.where, *extra])
        else:
            writer.writerow([d["id"] or "", "", "", "", "", *[""] * (2 * len(ids)), "", d["error"], r.where, *extra])


CLAIM_COLUMNS = ("claimed total", "claimed outcome", "verification")


def _claim_texts(r: Result) -> list[str]:
    v = r.verification
    if v is None:
        return ["", "", ""]
    return [num_text(v.claims.total) if isinstance(v.claims.total, (int, float)) else str(v.claims.total or ""),
            str(v.claims.outcome or ""), verification_text(r)]


VERIFY_HEADER = ["where", "id", "outcome", "total", "claimed total", "claimed outcome", "indicators", "differences"]


def disagreement_row(r: Result) -> list[Any]:
    """One line of ``verify``'s table (columns VERIFY_HEADER) for a record whose claim differs."""
    v, s = r.verification, r.scored
    assert v is not None and s is not None
    return [r.where, r.id, s.outcome, num(s.total), v.claims.total, v.claims.outcome, ", ".join(v.indicators),
            v.text(r.lang)]


def verification_text(r: Result) -> str:
    """'khớp' (agrees) or what differs, e.g. 'total: 85 ≠ 80; outcome: dat ≠ chua_dat (3.2 = 4, cần ≥ 5/10)'."""
    if r.verification is None:
        return ""
    if r.verification.agrees:
        return "khớp" if r.lang == "vi" else "agrees"
    return r.verification.text(r.lang)


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


def _text(e: Explanation) -> str:
    words = WORDS[e.lang]
    out = [f"{k}: {v}" for k, v in _header_lines(e)]
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
    rows = [[i.id, i.label, words[i.status], _pts(i.points, i.max), _value(i.value, e.lang), i.condition,
             f"`{i.rule}`", i.reference or ""] for c in e.criteria for i in c.indicators]
    out += ["", tabulate(rows, headers=["id", "chỉ số" if e.lang == "vi" else "indicator", "status", "points",
                                        "input", "condition", "rule", "reference"], tablefmt="github"), ""]
    out += _next_lines(e)
    return "\n".join(out)


# --- reports ----------------------------------------------------------------------------

def render_report(summary: Summary) -> str:
    """The summary as text: counts, outcomes, one table per --by column, the recognition list."""
    vi = summary.lang == "vi"
    c = summary.counts
    out = [f"{summary.pack.title.get(summary.lang)} — {summary.pack.id} {summary.pack.version}", count_line(c)]
    if summary.checked:
        out.append(verify_line(summary))
    rows = [[code, label, n, share_text(share)] for code, label, n, share in summary.outcome_rows()]
    out += ["", tabulate(rows, headers=["outcome", "kết quả" if vi else "label", "records", "share"],
                         tablefmt="simple", disable_numparse=True)]
    for name in summary.by:
        header = summary.group_header(name)
        rows = [[*row[:-1], share_text(row[-1])] for row in summary.group_rows(name)]
        out += ["", f"{'Theo' if vi else 'By'} {name}:",
                tabulate(rows, headers=header, tablefmt="simple", disable_numparse=True)]
    header, listed = summary.listing_table()
    title = "Danh sách đề nghị công nhận" if vi else "Recognition list"
    out += ["", f"{title} ({len(listed)}):"]
    if listed:
        out.append(tabulate(listed, headers=header, tablefmt="simple", disable_numparse=True))
    return "\n".join(out)


def verify_line(summary: Summary) -> str:
    agree = summary.checked - summary.disagreements
    return f"{summary.checked} with a claimed result: {agree} agree, {summary.disagreements} disagree"


def report_dict(summary: Summary) -> dict[str, Any]:
    c = summary.counts
    header, listed = summary.listing_table()
    return {
        "criteria": summary.loaded.identity(),
        "counts": {"read": c.read, "scored": c.scored, "rejected": c.rejected},
        "outcomes": [{"outcome": code, "label": label, "records": n, "share": share}
                     for code, label, n, share in summary.outcome_rows()],
        "verification": {"checked": summary.checked, "disagree": summary.disagreements},
        "by": {name: [dict(zip(summary.group_header(name), row)) for row in summary.group_rows(name)]
               for name in summary.by},
        "recognised": [dict(zip(header, row)) for row in listed],
    }
