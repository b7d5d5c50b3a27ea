"""Step 7: renderers. Results and explanations are data; these turn them into tables,
JSON, JSON Lines, CSV, text and Markdown. Nothing here decides anything."""
from __future__ import annotations

import csv
import itertools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO

from scoring.records.dates import in_force_words, warning_words
from scoring.records.footer import skipped_line
from scoring.records.headers import column_title
from scoring.results.aggregate import Counts, Result
from scoring.results.provenance import Provenance, canonical_json, canonical_scalar
from scoring.results.lines import JsonLines, compact
from scoring.results.explain import (WORDS, blank_words, has_points, indicator_titles, need_text, numbered, raise_to_minimum, result_key, room_to_gain,
                                     show_value)
from scoring.results.explain import shortened as _short
from scoring.packs.model import Indicator, LevelsOutcome, Pack, PointsRule
from scoring.messages import LANGS, col, fmt_decimals_in, fmt_num, fmt_points, fmt_share, get_lang, t, words_table

if TYPE_CHECKING:   # the summary's and the explanation tree's modules are loaded by what makes one, not at every start
    from scoring.results.explain import Notes
    from scoring.results.report import Summary
    from scoring.results.tree import Blocker, CriterionNode, Explanation, IndicatorNode, MemberShare

RESULT_FORMATS = ("table", "json", "jsonl", "csv")
BLOCK_BYTES = 1 << 16   # a JSON Lines text this long (a part's lines) is written without a copy to add its line end


def tabulate(*args: Any, **kwargs: Any) -> str:
    """tabulate.tabulate, imported when a table is first drawn: it costs start-up time that a
    run writing JSON Lines or CSV never needs."""
    from tabulate import tabulate as table
    return table(*args, **kwargs)


EXPLAIN_FORMATS = ("text", "detail", "markdown", "json")   # text: for people; detail: for auditors


def num(x: float | None) -> float | int | None:
    """80.0 -> 80, 79.5 -> 79.5: integral points print as integers."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def result_dict(r: Result) -> dict[str, Any]:
    """The result contract: one JSON object per input record (see README)."""
    if not r.ok or r.scored is None or r.loaded is None:
        return {"id": r.id, "error": r.error, "where": r.where, **_provenance(r)}
    s = r.scored
    return {
        "id": s.id, "outcome": s.outcome, "label": r.label,
        "total": num(s.total), "max": num(s.max_total),
        "indicators": [{"id": i.id, "points": num(i.points), "max": num(i.max), "status": i.status}
                       for i in s.indicators],
        "explanation": r.reason, "criteria": r.loaded.identity(), "where": r.where,
        **_provenance(r),
        **({"members": [member_dict(m) for m in r.members]} if r.members else {}),
        **({"verification": r.verification.to_dict()} if r.verification is not None else {}),
        **({"warnings": list(r.warnings)} if r.warnings else {}),
    }


def canonical_result(r: Result) -> str:
    """``canonical_json(result_dict(r))``, byte for byte (``tests/test_store_hash.py``): what a run
    store hashes for every row. The usual scored result is written from pieces, the ones that
    repeat from row to row (an indicator's result, the pack, the run) encoded once; any other
    shape (rejected, with members, a verification or warnings) the general way."""
    s, p, loaded = r.scored, r.provenance, r.loaded
    if (not _PROVENANCE_PIECES or r.error is not None or s is None or loaded is None or p is None or r.members
            or r.verification is not None or r.warnings or s.id.__class__ is not str):
        return canonical_json(result_dict(r))
    # the keys in sorted order: criteria, explanation, id, indicators, label, max, outcome, provenance, total, where
    return "".join(('{"criteria":', _criteria_text(loaded),
                    ',"explanation":', canonical_scalar(r.reason), ',"id":', _TEXT(s.id),
                    ',"indicators":[', ",".join([_indicator_text(i) for i in s.indicators]),
                    '],"label":', canonical_scalar(r.label), ',"max":', canonical_scalar(num(s.max_total)),
                    ',"outcome":', canonical_scalar(s.outcome), ',"provenance":', _provenance_text(p),
                    ',"total":', canonical_scalar(num(s.total)), ',"where":', canonical_scalar(r.where), "}"))


_TEXT = json.encoder.encode_basestring   # what the canonical encoder writes for a str (ensure_ascii=False)
# the provenance's keys, sorted: those of the run and pack, then the row's three, then the run's again
_RUN_HEAD, _ROW, _RUN_TAIL = ("as_of", "as_of_source", "criteria", "engine", "in_force"), \
    ("input_sha256", "raw_sha256", "result_id"), ("run_at", "run_id", "schema")
_PROVENANCE_PIECES = sorted(Provenance.__dataclass_fields__) == [*_RUN_HEAD, *_ROW, *_RUN_TAIL]
_CRITERIA: dict[int, tuple[Any, str]] = {}   # id of a loaded pack -> (the pack, kept alive with it; its identity's text)


def _criteria_text(loaded: Any) -> str:
    """The pack's identity as the result writes it, once per pack (every row of a run has it)."""
    hit = _CRITERIA.get(id(loaded))
    if hit is None or hit[0] is not loaded:   # not a pack that took the id of one gone
        if len(_CRITERIA) >= 256:
            _CRITERIA.clear()
        hit = _CRITERIA[id(loaded)] = (loaded, canonical_json(loaded.identity()))
    return hit[1]


def _indicator_text(i: Any) -> str:
    """An indicator result's piece, kept by how the result reads (``result_key``): records in the
    same situation have equal results."""
    key = result_key(i)
    try:
        text = _INDICATORS.get(key) if key is not None else None
    except TypeError:   # a value that is no key (a list)
        key = text = None
    if text is None:
        text = canonical_json({"id": i.id, "points": num(i.points), "max": num(i.max), "status": i.status})
        if key is not None:
            if len(_INDICATORS) >= 10_000:   # memory stays flat past it
                _INDICATORS.clear()
            _INDICATORS[key] = text
    return text


_INDICATORS: dict[tuple, str] = {}


def _provenance_text(p: Provenance) -> str:
    key = (id(p.criteria), id(p.engine), p.as_of, p.as_of_source, p.in_force, p.run_at, p.run_id, p.schema)
    hit = _RUNS.get(key)
    if hit is None or hit[0] is not p.criteria or hit[1] is not p.engine:   # the same dicts, alive: never changed
        hit = (p.criteria, p.engine, canonical_json({k: getattr(p, k) for k in _RUN_HEAD})[:-1],
               canonical_json({k: getattr(p, k) for k in _RUN_TAIL})[1:])
        if len(_RUNS) >= 256:
            _RUNS.clear()
        _RUNS[key] = hit
    return "".join((hit[2], ',"input_sha256":', canonical_scalar(p.input_sha256), ',"raw_sha256":', canonical_scalar(p.raw_sha256),
                    ',"result_id":', canonical_scalar(p.result_id), ",", hit[3]))


_RUNS: dict[tuple, tuple[Any, Any, str, str]] = {}   # a run's and pack's provenance -> its text before and after the row's


def _provenance(r: Result) -> dict[str, Any]:
    return {"provenance": r.provenance.to_dict()} if r.provenance else {}


def member_dict(m: MemberShare) -> dict[str, Any]:
    """How a unit input came from the unit's members (only with --members)."""
    return {"input": m.input, "members_pack": m.members_pack, "outcomes": list(m.outcomes), "gives": m.gives,
            "numerator": m.numerator, "denominator": m.denominator,
            "share": None if m.share is None else round(m.share, 4), "value": num(m.value),
            "typed": m.typed, "not_qualifying": list(m.not_qualifying), "source": m.source, "note": m.note,
            **({"groups": list(m.groups)} if m.groups else {})}


def dumps(obj: Any) -> str:
    return compact(obj)   # one encoder for every call (json.dumps makes one per call; ``lines.compact``)


def count_line(c: Counts, lang: str | None = None) -> str:
    lang = lang or get_lang()
    line = t("count_line", lang, read=fmt_num(c.read, lang), scored=fmt_num(c.scored, lang),
             rejected=fmt_num(c.rejected, lang))
    if c.skipped:  # read = scored + rejected + skipped, and the skipped rows named
        line += t("count_skipped", lang, skipped=fmt_num(c.skipped, lang)) + "\n" + skipped_line(c.skipped_rows, lang)
    return line


def write_results(results: Iterable[Result], fmt: str, out: TextIO, pack: Pack, counts: Counts,
                  claims: bool = False, csv_dialect: str = "utf8", keep: tuple[str, ...] = ()) -> None:
    """Stream results in ``fmt`` (the table, too, in aligned blocks: see _write_table).
    ``claims``: the CSV gets the claimed total and outcome and the verification as last columns.
    ``keep``: columns of the input carried beside the id (names, villages), asked for by name."""
    if fmt == "jsonl":
        # the same text as dumps(kept_dict(r, keep)), put together faster (kept columns: the general way)
        lines = JsonLines(lambda r: dumps(kept_dict(r, keep)), fast=not keep)
        raw = utf8_bytes_under(out)
        if raw is None:
            for r in results:
                line = lines.line(r)
                out.write((line if line.__class__ is str else line.decode("utf-8")) + "\n")
            return
        errors = out.errors or "strict"
        for r in results:   # a line a worker made comes as UTF-8 bytes: written as it is, not decoded and encoded again
            line = r.given_line   # = lines.line(r), without its call (most lines were made where rows were scored)
            if line is None:
                line = lines.line(r)
            if line.__class__ is not bytes:
                raw.write((line + "\n").encode("utf-8", errors))
            elif len(line) < BLOCK_BYTES:
                raw.write(line + b"\n")
            else:   # a part's lines (``LineBlock``), hundreds of KB: written as they are, not copied to add the line end
                raw.write(line)
                raw.write(b"\n")
    elif fmt == "json":
        write_json_array((kept_dict(r, keep) for r in results), out)
    elif fmt == "csv":
        _write_csv(results, out, pack, claims, csv_dialect, keep)
    else:
        _write_table(results, out, counts, keep)


def utf8_bytes_under(out: TextIO) -> Any:
    """The binary stream under ``out`` (flushed), when writing UTF-8 bytes there gives the same
    file as writing text to ``out``: a UTF-8 text file whose line ends are not translated (not
    Windows' text mode) and that is not flushed line by line (a terminal); else None."""
    import codecs
    import io
    if not isinstance(out, io.TextIOWrapper) or out.line_buffering or os.linesep != "\n":
        return None
    try:
        if codecs.lookup(out.encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    out.flush()
    return out.buffer


def kept(r: Result, keep: tuple[str, ...]) -> list[Any]:
    """The values of the kept columns for one result ('' when the row has none)."""
    return ["" if r.extra.get(n) is None else r.extra.get(n) for n in keep]


def kept_dict(r: Result, keep: tuple[str, ...]) -> dict[str, Any]:
    """The result contract, with the kept columns under 'columns' when asked for. Not part of
    ``result_dict`` (the stored result, whose hash must not depend on personal columns)."""
    d = result_dict(r)
    if keep:
        d["columns"] = dict(zip(keep, kept(r, keep)))
    return d


def write_json_array(items: Iterable[Any], out: TextIO) -> None:
    """The same text as json.dumps(list(items), indent=2) + newline, written item by item."""
    first = True
    for item in items:
        inner = json.dumps([item], ensure_ascii=False, indent=2)[2:-2]  # '  {…}' indented as in a list
        out.write(("[\n" if first else ",\n") + inner)
        first = False
    out.write("[]\n" if first else "\n]\n")


CSV_DIALECTS = ("excel", "excel-vi", "utf8")   # the first is the default of files


def csv_writer(out: TextIO, dialect: str = "excel") -> Any:
    """Excel opens a file as UTF-8 only when it starts with a BOM (else diacritics are garbled);
    a Vietnamese Excel reads ';' between values and a decimal comma ('excel-vi')."""
    return csv.writer(out, lineterminator="\r\n" if dialect != "utf8" else "\n",
                      delimiter=";" if dialect == "excel-vi" else ",")


def _write_csv(results: Iterable[Result], out: TextIO, pack: Pack, claims: bool = False, dialect: str = "utf8",
               keep: tuple[str, ...] = ()) -> None:
    ids = [i.id for i in pack.indicators]
    levels = isinstance(pack.outcome, LevelsOutcome)
    writer = csv_writer(out, dialect)
    warned = pack.warn_after is not None   # a column only for packs that can warn (e.g. a district pack)
    header = ["id", "outcome", "label", "total", "max", *ids, *(f"{i} status" for i in ids),
              "explanation", "error", "where", *(CLAIM_COLUMNS if claims else ()), *(["warning"] if warned else [])]
    people = dialect in ("excel", "excel-vi")   # a file for Excel is read by people: headings and statuses in words
    lang = get_lang()
    # for people, a pack without points has no points columns (they would stay empty for every row)
    pointless = people and not has_points(pack)
    if people:
        words = [col(c, lang) for c in ("id", "outcome", "label", *(() if pointless else ("total", "max")))]
        named = [indicator_titles(pack, lang)[i] for i in ids]
        header = [*words, *named, *(t("col.status_of", lang, id=i) for i in named), col("reason", lang), col("error", lang),
                  col("where", lang), *((col(c, lang) for c in ("claimed_total", "claimed_outcome", "verification")) if claims else ()),
                  *([col("warning_col", lang)] if warned else [])]
    writer.writerow([header[0], *((column_title(k, lang) for k in keep) if people else keep), *header[1:]])
    for r in results:
        d = result_dict(r)
        warning = (warning_cell(r) if people else "; ".join(r.warnings)) if warned else None   # programs: as in JSON
        extra = (_claim_texts(r) if claims else []) + ([warning] if warned else [])
        if r.ok:
            points = [_csv_num(i["points"], dialect) for i in d["indicators"]]
            if levels and r.scored is not None:  # no points: the value each indicator read
                points = [_value_text(pack, ind, r.scored.values.get(ind.input_name), r.lang) for ind in pack.indicators]
            statuses = [i["status"] for i in d["indicators"]]
            if people:
                statuses = [WORDS[r.lang][x] for x in statuses]
            head = [d["outcome"], d["label"], *(() if pointless else (_csv_num(d["total"], dialect), _csv_num(d["max"], dialect)))]
            writer.writerow([d["id"], *kept(r, keep), *head, *points, *statuses, d["explanation"], "", r.where, *extra])
        else:
            writer.writerow([d["id"] or "", *kept(r, keep), *[""] * (2 if pointless else 4), *[""] * (2 * len(ids)), "", d["error"],
                             r.where, *extra])


CLAIM_COLUMNS = ("claimed total", "claimed outcome", "verification")


def _csv_num(x: Any, dialect: str) -> str:
    text = num_text(x)
    return text.replace(".", ",") if dialect == "excel-vi" else text


def _value_text(pack: Pack, ind: Indicator, value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return num_text(value)
    return show_value(pack, ind.input_name, value, lang)


def _claim_texts(r: Result) -> list[str]:
    v = r.verification
    if v is None:
        return ["", "", ""]
    return [num_text(v.claims.total) if isinstance(v.claims.total, (int, float)) else str(v.claims.total or ""),
            str(v.claims.outcome or ""), verification_text(r)]


VERIFY_COLUMNS = ["where", "id", "label", "total", "claimed_total", "claimed_outcome", "indicators", "differences"]
VERIFY_HEADER = ["where", "id", "label", "total", "claimed total", "claimed outcome", "indicators", "differences"]
VERIFY_WIDTHS = [24, None, 16, 6, 11, 11, 9, 36]   # the terminal table wraps here (a Windows console is 120 wide)
# a heading may take one more column where it is one word: English 'Indicators' (10), never 'Indicator' / 's'
VERIFY_HEADER_WIDTHS = [*VERIFY_WIDTHS[:6], 10, VERIFY_WIDTHS[7]]


def verify_header(lang: str | None = None) -> list[str]:
    """The disagreements table's headings, in the person's language."""
    return [col(c, lang) for c in VERIFY_COLUMNS]


def warning_cell(r: Result) -> str:
    """A result's warnings in one cell a person reads (a file for programs keeps them as JSON does)."""
    return "; ".join(warning_words(w, r.lang) for w in r.warnings)


def disagreement_row(r: Result) -> list[Any]:
    """One line of ``verify``'s table (columns VERIFY_HEADER) for a record whose claim differs."""
    v, s = r.verification, r.scored
    assert v is not None and s is not None
    from scoring.results.claims import ShownIndicators
    return [r.where, r.id, r.label, num(s.total), v.claims.total, v.claims.outcome, ShownIndicators(v), v.text(r.lang)]


def verification_text(r: Result) -> str:
    """'khớp' (agrees) or what differs, e.g. 'total: 85 ≠ 80; outcome: dat ≠ chua_dat (3.2 = 4, cần ≥ 5/10)'."""
    if r.verification is None:
        return ""
    if r.verification.agrees:
        return t("verify.agrees", r.lang)
    return r.verification.text(r.lang)


def num_text(x: Any) -> str:
    return "" if x is None else str(num(x))


TABLE_CHUNK = 1000   # rows per aligned block of the terminal table
TABLE_WIDTHS = [None, 36, None, 60]   # the terminal table fits about 120 columns: long texts wrap


def _write_table(results: Iterable[Result], out: TextIO, counts: Counts, keep: tuple[str, ...] = ()) -> None:
    """The terminal table, streamed: scored records in aligned blocks of TABLE_CHUNK rows (each
    block with its own header, so memory does not grow with the input), then the rejected ones,
    kept meanwhile in a temporary file past the first megabyte. Several files (or sheets) may
    number their records alike: once a second one is seen, each row says where it is from."""
    import tempfile   # here: only the table needs it, and it costs a CSV-to-JSON-Lines start more than a record
    sources: set[str | None] = set()
    lang = get_lang()
    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8") as rejected:
        n_rejected, block, blocks = 0, [], 0
        for r in results:
            if r.ok:
                lang = r.lang
                sources.add(r.source)
                block.append(r)
                if len(block) == TABLE_CHUNK:
                    _scored_block(out, block, len(sources) > 1, blocks, keep)
                    block, blocks = [], blocks + 1
            else:
                rejected.write(json.dumps([r.where, r.id or "", r.error], ensure_ascii=False) + "\n")
                n_rejected += 1
        if block:
            _scored_block(out, block, len(sources) > 1, blocks, keep)
        if n_rejected:
            out.write("\n" + t("rejected_records", lang) + "\n")
            rejected.seek(0)
            header = [col("where", lang), col("id", lang), col("error", lang)]
            for i, lines in enumerate(iter(lambda: list(itertools.islice(rejected, TABLE_CHUNK)), [])):
                out.write(("\n" if i else "") + tabulate([json.loads(line) for line in lines],
                                                        headers=header, tablefmt="simple", disable_numparse=True) + "\n")
    out.write(f"\n{count_line(counts, lang)}\n")


def _scored_block(out: TextIO, block: list[Result], several: bool, index: int, keep: tuple[str, ...] = ()) -> None:
    lang = block[0].lang
    source = (lambda r: [os.path.basename(r.source or "")]) if several else (lambda r: [])  # noqa: E731
    # results of levels packs only (TT 24, 25): no 'Điểm' column, empty on every row
    points = any(r.loaded is None or has_points(r.loaded.pack) for r in block)
    rows = [[*source(r), r.id, *kept(r, keep), r.label, *([_points(r)] if points else []), _without_label(r)] for r in block]
    header = [*([col("file", lang)] if several else []), col("id", lang), *(column_title(k, lang) for k in keep),
              col("label", lang), *([col("points", lang)] if points else []), col("reason", lang)]
    widths = [None] * several + [None] + [24] * len(keep) + TABLE_WIDTHS[1:2] + TABLE_WIDTHS[2:3] * points + TABLE_WIDTHS[3:]
    out.write(("\n" if index else "") + tabulate(rows, headers=header, tablefmt="simple", disable_numparse=True,
                                                maxcolwidths=widths) + "\n")


def _without_label(r: Result) -> str:
    """The reason beside the outcome column, which already says the outcome."""
    reason = r.reason
    if r.label and reason.startswith(r.label):
        reason = reason[len(r.label):].lstrip(":; ")
    return reason


def _points(r: Result) -> str:
    s = r.scored
    if s is None or s.total is None:
        return ""
    return f"{fmt_num(s.total, r.lang)}/{fmt_num(s.max_total, r.lang)}"


# --- explanations -----------------------------------------------------------------------

HEAD = {lang: words_table("head.", lang) for lang in LANGS}   # the catalogue's words, once per language: said per row


def render_explanation(e: Explanation, fmt: str, reason: str | None = None, where: str | None = None,
                       notes: "Notes | None" = None) -> str:
    """``text``: sentences for the person scored (``reason``: the result's one-line reason);
    ``detail``: every indicator with its rule and reference, for auditors; Markdown; JSON.
    ``where``: the row's place, when ids may repeat (several files or sheets), beside the id.
    ``notes``: per indicator, why it does not apply and the pack's reading note (``explain.indicator_notes``)."""
    if fmt == "json":
        return json.dumps({**e.to_dict(), **({"where": where} if where else {})}, ensure_ascii=False, indent=2)
    if where:
        e = replace(e, record=f"{e.record} ({where})")
    members = _member_lines(e, notes)
    blank = notes.blank if notes else None
    if fmt == "text":
        return plain_text(e, reason, notes.not_applicable if notes else (), notes.names if notes else None, members, blank)
    by_indicator = notes.by_indicator if notes else {}
    return _markdown(e, by_indicator, members, blank) if fmt == "markdown" else _text(e, by_indicator, members, blank)


def _pts(points: Any, mx: Any, lang: str | None = None) -> str:
    if points is None and mx is None:
        return ""
    return f"{fmt_num(points, lang)}/{fmt_num(mx, lang)}" if mx is not None else fmt_num(points, lang)


def _header_lines(e: Explanation) -> list[tuple[str, str]]:
    h = HEAD[e.lang]
    pack = f"{e.pack_title} — {e.criteria_pack['id']} {e.criteria_pack['version']} ({e.pack_reference})"
    if e.pack_status == "provisional":
        pack += f" [{t('goals.provisional', e.lang)}]"   # the one word goals' headings use too
    lines = [(h["record"], e.record), (h["pack"], pack)]
    if e.base_pack:
        lines.append((h["extends"], f"{e.base_pack['id']} {e.base_pack['version']}"))
    lines += [(h["outcome"], f"{e.outcome_label} ({e.outcome})"),
              (h["rule"], f"{e.rule}: {e.rule_condition}")]
    if e.in_force:
        words = in_force_words(e.as_of or "", e.as_of_source, e.criteria_pack["id"], e.in_force)
        lines.append((h["in_force"], words.render(e.lang)))
    lines += [(h["warning"], warning_words(w, e.lang)) for w in e.warnings]
    if e.rule_reference:
        base = f" ({h['base']}: {e.rule_base_reference})" if e.rule_base_reference else ""
        lines.append((h["ref"], e.rule_reference + base))
    if e.total is not None:
        lines.append((h["total"], f"{fmt_num(e.total, e.lang)}/{fmt_num(e.max, e.lang)}"))
    return lines


def _next_lines(e: Explanation, markdown: bool = False, blank: str | None = None) -> list[str]:
    """What the next outcome needs, then the two sentences ``hoctap check`` and the text explanation
    say under it (the fewest points in all, where points can be gained): the auditor's paper says
    no less than the citizen's own check. Display only, from the tree's points (stored text unchanged).
    ``blank``: whose rule makes a blank not met (``explain.blank_words``), said when a blank blocks."""
    h, words = HEAD[e.lang], WORDS[e.lang]
    if e.next is None:
        return [h["best"]]
    n = e.next
    lines = [f"{h['next']} “{n.label}” ({n.outcome}):"]
    if n.points_needed:
        extra = "" if n.reachable else f" — {h['unreachable']}"
        lines.append(f"  - {h['needs']} {fmt_num(n.points_needed, e.lang)} {h['points']}{extra}")
    for b in n.blockers:
        lines.append(f"  - {b.indicator} {b.label}: {_detail_value(b, b.needs, e.lang)}, {words['needs']} "
                     f"{_detail_condition(b.needs, e.lang)}")
    said = [line for line in (blank_decides(e, blank), least_line(e), gain_line(e)) if line]
    if markdown:   # a line right under a list item (or a line) would join it: a blank line makes each a paragraph
        said = [part for line in said for part in ("", line)]
    return lines + said


def blank_decides(e: Explanation, blank: str | None) -> str | None:
    """``blank`` when a blank value is among what the next outcome lacks: there, and only there, a
    reader needs to know whether the text or the pack makes a blank count as not met."""
    if blank and e.next is not None and any(b.value is None for b in e.next.blockers):
        return blank
    return None


def _detail_value(node: IndicatorNode | Blocker, condition: str, lang: str) -> str:
    """A node's value in the unit of its condition ('72,6%' beside '≥ 60%', not '72,6')."""
    unit = re.fullmatch(r"[≥>] [\d.]+ (.+)", _first_row(condition))
    return node_value(node, lang, unit[1] if unit else None)


def _detail_condition(condition: str, lang: str) -> str:
    """The compact condition as the language writes numbers, '%' against its number as everywhere
    else ('≥ 60%'; the tree, hashed into stored runs, keeps '≥ 60 %')."""
    return re.sub(r"(?<=\d) %", "%", fmt_decimals_in(condition, lang))


def with_unit(number: str, unit: str | None) -> str:
    """'95%', '4 điểm', '3 chương trình'; the number alone without a unit."""
    return number if not unit else f"{number}%" if unit == "%" else f"{number} {unit}"


def node_value(node: IndicatorNode | Blocker, lang: str, unit: str | None = None) -> str:
    """A node's value as the language writes numbers: the tree keeps '7.55' (it is hashed into
    stored runs), a Vietnamese reader sees '7,55'; with its input's ``unit``, '95%' or '4 điểm'
    (a bare '1' beside 'cần ≥ 90 %' reads as one person, not one per cent)."""
    value = node.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return with_unit(fmt_num(value, lang), unit)
    if value is None and getattr(node, "status", None) == "not_applicable":
        return "—"   # nothing was asked of the record here: 'thiếu dữ liệu' would read as a gap to fill
    return node.shown


def _member_lines(e: Explanation, notes: "Notes | None" = None) -> list[str]:
    """One line per input computed from members, in words a person reads (``shares``): from the
    packs of the run when they are beside the record (``notes``), else the shipped packs of the
    ids the explanation names (a stored run shown again), else as the share was stored."""
    if not e.members:
        return []
    if notes is not None and notes.members:
        return notes.members
    from scoring.results.shares import member_lines, shipped_pack   # only runs with --members need it
    return member_lines(e.members, shipped_pack(e.criteria_pack["id"], e.criteria_pack.get("version")), e.lang)


def _text(e: Explanation, notes: dict[str, list[str]] | None = None, members: list[str] | None = None,
          blank: str | None = None) -> str:
    words = WORDS[e.lang]
    out = [f"{k}: {v}" for k, v in _header_lines(e)] + (_member_lines(e) if members is None else members)
    width = max(len(i.id) for c in e.criteria for i in c.indicators) + 1
    for c in e.criteria:
        out.append("")
        out.append(f"{c.id}. {c.label}  {_pts(c.points, c.max, e.lang)}".rstrip())
        for i in c.indicators:
            out.append(f"  {i.id:<{width}} {words[i.status]:<14} {_pts(i.points, i.max, e.lang):<8} "
                       f"{HEAD[e.lang]['input']} {_detail_value(i, i.condition, e.lang)}; "
                       f"{_detail_condition(i.condition, e.lang)}  [{i.rule}]")
            out.append(" " * (width + 3) + i.label + (f" — {i.reference}" if i.reference else "") + _base(i, e.lang))
            out += [" " * (width + 3) + f"↳ {note}" for note in (notes or {}).get(i.id, ())]
    out.append("")
    out.extend(_next_lines(e, blank=blank))
    return "\n".join(out)


def _base(i: Any, lang: str) -> str:
    return f" ({HEAD[lang]['base']}: {i.base_reference})" if i.base_reference else ""


def _markdown(e: Explanation, notes: dict[str, list[str]] | None = None, members: list[str] | None = None,
              blank: str | None = None) -> str:
    words, notes = WORDS[e.lang], notes or {}
    out = [f"### {e.record}: {e.outcome_label}", ""]
    out += [f"- **{k}**: {v}" for k, v in _header_lines(e)]
    out += [f"- {line}" for line in (_member_lines(e) if members is None else members)]
    rows = [[i.id, _md(i.label), words[i.status], _pts(i.points, i.max, e.lang), _md(_detail_value(i, i.condition, e.lang)),
             _md(_detail_condition(i.condition, e.lang)), f"`{i.rule}`",
             _md("; ".join(x for x in ((i.reference or "") + _base(i, e.lang), *notes.get(i.id, ())) if x))]
            for c in e.criteria for i in c.indicators]
    heads = [col(c, e.lang) for c in ("id", "indicator", "status", "points", "input", "condition", "rule", "reference")]
    out += ["", tabulate(rows, headers=heads, tablefmt="github", disable_numparse=True), ""]
    out += _next_lines(e, markdown=True, blank=blank)
    return "\n".join(out)


# --- self-check result (hoctap check) ------------------------------------------------------

# Kept out of the catalogue, word for word: its count check would have English say {n:indicator|indicators}
# ('1/1 indicator met'), a change of words that moving them must not make; the web page says the same (web/texts.py).
MET_COUNT = {"vi": "{met}/{n} chỉ tiêu đạt", "en": "{met}/{n} indicators met"}
CHECK = {lang: {"lang": lang, "met_count": MET_COUNT[lang], **words_table("check_text.", lang)} for lang in LANGS}


def check_text(e: Explanation, pack: Pack) -> str:
    """The self-check result for a person: outcome, points per criterion, and what is missing."""
    h = CHECK[e.lang]
    out = [f"{h['title']} — {e.pack_title}"]
    if e.pack_status == "provisional":
        out.append(h["provisional"].format(id=e.criteria_pack["id"]))
    out.append(f"{h['outcome']}: {e.outcome_label}")
    if e.total is not None:
        out.append(f"{h['total']}: {fmt_num(e.total, e.lang)}/{fmt_num(e.max, e.lang)}")
    out += dated_lines(e)
    out += ["", h["parts"]]
    rows = [[c.label, _part(c, h)] for c in e.criteria]
    out += [f"  {line}" for line in tabulate(rows, tablefmt="plain", disable_numparse=True).splitlines()]
    out += ["", *_missing_lines(e, pack, h), "", h["disclaimer"]]
    return "\n".join(out)


def dated_lines(e: Explanation) -> list[str]:
    """The day the result is judged on and the pack's dated warning, as 'Áp dụng theo ngày: 05/12/2026
    (ngày hôm nay) — bộ tiêu chí …' and 'Cảnh báo: … (ngày đánh giá 05/12/2026, theo ngày hôm nay)':
    a self-check's terminal text, printout and web page say them in these same words."""
    return headed(dated_parts(e), e.lang)


def headed(parts: list[tuple[str, str]], lang: str) -> list[str]:
    return [f"{HEAD[lang][kind]}: {text}" for kind, text in parts]


def dated_parts(e: Explanation) -> list[tuple[str, str]]:
    """``dated_lines`` as ('in_force' or 'warning', the words after the heading), for a page that
    draws a warning apart."""
    return dated_words(e.as_of, e.as_of_source, e.criteria_pack["id"], e.in_force, e.warnings, e.lang)


def dated_words(as_of: str | None, source: str | None, pack: str, validity: str | None, warnings: Iterable[str],
                lang: str) -> list[tuple[str, str]]:
    """``dated_parts`` from what a result keeps (before the questions, from what it will keep)."""
    out = [("in_force", in_force_words(as_of or "", source, pack, validity).render(lang))] if validity else []
    return out + [("warning", warning_words(w, lang)) for w in warnings]


def _part(c: CriterionNode, h: dict[str, str]) -> str:  # h carries its own 'lang'
    if c.max is not None:
        return f"{fmt_num(c.points, h['lang'])}/{fmt_num(c.max, h['lang'])}"
    counted = [i for i in c.indicators if i.status != "not_applicable"]
    return h["met_count"].format(met=sum(i.status == "met" for i in counted), n=len(counted))


def _missing_lines(e: Explanation, pack: Pack, h: dict[str, str]) -> list[str]:
    n = e.next
    if n is None:
        return [h["best"]]
    lines = [h["missing"].format(label=n.label)]
    if n.points_needed:
        target = (e.total or 0) + n.points_needed
        line = h["total_need"].format(total=fmt_num(e.total, e.lang), max=fmt_num(e.max, e.lang),
                                      target=fmt_num(target, e.lang), gap=fmt_points(n.points_needed, e.lang))
        lines.append(f"  - {line}" + ("" if n.reachable else h["unreachable"]))
    by_id, names, needs = {i.id: i for i in pack.indicators}, blocker_names(e, pack), plain_needs(pack, e.lang)
    for b in n.blockers:   # as the explanation says it: which indicator, its value, what it needs
        ind = by_id[b.indicator]
        value = h["no_value"] if b.value is None else _shown_value(pack, ind, b.value, e.lang)
        lines.append(f"  - {names[b.indicator]}: {value}, {h['needs']} {needs[b.indicator]}")
    said = (blank_decides(e, blank_words(pack, e.lang)), least_line(e), gain_line(e))
    return lines + [f"  {line}" for line in said if line]


def least_line(e: Explanation) -> str | None:
    """When the total is short and indicators are under their minimum, the fewest points in all:
    raising those indicators counts in the total, so 'còn thiếu 10 điểm' with three indicators at
    0 that need 5 means 15 points, not 10, nor 10 + 15."""
    raised, words = raise_to_minimum(e), PLAIN[e.lang]
    n = e.next
    if raised is None or n is None or not n.reachable or not raised:
        return None
    gap, lang = n.points_needed or 0.0, e.lang
    which = words["least_which"][len(n.blockers) > 1]
    if raised >= gap - 1e-9:
        return words["least_enough"].format(all=fmt_points(raised, lang), which=which)
    return words["least"].format(all=fmt_points(gap, lang), raised=fmt_points(raised, lang), which=which,
                                 rest=fmt_points(round(gap - raised, 4), lang))


def _shown_value(pack: Pack, ind: Indicator, value: Any, lang: str) -> str:
    inp = pack.input(ind.input_name)
    if isinstance(ind.rule, PointsRule):
        return f"{fmt_num(value, lang)}/{fmt_num(ind.rule.max, lang)}"
    if inp.type == "choice":
        return next(c.label.get(lang) for c in inp.choices if c.code == value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return with_unit(fmt_num(value, lang), inp.unit_in(lang))
    return show_value(pack, inp.name, value, lang)




# --- reports ----------------------------------------------------------------------------

def render_report(summary: Summary, markdown: bool = False) -> str:
    """The summary as text (or Markdown): counts, outcomes, one table per --by column, the
    recognition list. People read it: labels, not codes; numbers as the language writes them."""
    lang = summary.lang
    c = summary.counts
    fmt = "github" if markdown else "simple"
    head = "# " if markdown else ""
    sub = "## " if markdown else ""
    out = [f"{head}{summary.pack.title.get(lang)} — {summary.pack.id} {summary.pack.version}", "", count_line(c, lang)]
    if summary.checked:
        out.append(verify_line(summary))
    out += summary.warning_lines()   # a report written to a file (.md, .txt) carries them as the signed ones do
    rows = [[label, fmt_num(n, lang), fmt_share(share, lang)] for code, label, n, share in summary.outcome_rows()]
    out += ["", tabulate(rows, headers=[col("label", lang), col("records", lang), col("share", lang)],
                         tablefmt=fmt, disable_numparse=True)]
    for name in summary.by:
        header = summary.display_header(name)
        rows = [[row[0], *(fmt_num(x, lang) for x in row[1:-1]), fmt_share(row[-1], lang)] for row in summary.group_rows(name)]
        out += ["", f"{sub}{t('by_column', lang, name=summary.title(name))}", "",
                tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)]
    header, listed = summary.listing_table(display=True)
    out += ["", f"{sub}{t('list_title', lang)} ({fmt_num(len(listed), lang)})", ""]
    if listed:
        listed = [[fmt_num(v, lang) if isinstance(v, float) else v for v in row] for row in listed]
        out.append(tabulate(listed, headers=header, tablefmt=fmt, disable_numparse=True))
    return "\n".join(out)


def _md(text: Any) -> str:
    """A value inside a Markdown table cell: a '|' would end the cell."""
    return str(text).replace("|", "\\|")


def verify_line(summary: Summary) -> str:
    agree = summary.checked - summary.disagreements
    return t("verify_line", summary.lang, checked=fmt_num(summary.checked, summary.lang), agree=fmt_num(agree, summary.lang),
             disagree=fmt_num(summary.disagreements, summary.lang))


def report_dict(summary: Summary) -> dict[str, Any]:
    c = summary.counts
    header, listed = summary.listing_table()
    return {
        "criteria": summary.loaded.identity(),
        "counts": {"read": c.read, "scored": c.scored, "rejected": c.rejected, "skipped": c.skipped},
        "outcomes": [{"outcome": code, "label": label, "records": n, "share": share}
                     for code, label, n, share in summary.outcome_rows()],
        "verification": {"checked": summary.checked, "disagree": summary.disagreements},
        "warnings": [{"warning": text, "records": n} for text, n in summary.warned.items()],
        "by": {name: [dict(zip(summary.group_header(name), row)) for row in summary.group_rows(name)]
               for name in summary.by},
        "recognised": [dict(zip(header, row)) for row in listed],
    }


# --- the plain explanation, for the person scored (explain's default text) ------------------

def _plain_words(lang: str) -> dict[str, Any]:
    words: dict[str, Any] = words_table("plain.", lang)
    words["least_which"] = (words.pop("least_which_1"), words.pop("least_which_2"))   # one indicator, several
    return words


PLAIN = {lang: _plain_words(lang) for lang in LANGS}


def plain_text(e: Explanation, reason: str | None = None, not_applicable: Iterable[str] = (),
               names: dict[str, str] | None = None, members: list[str] | None = None, blank: str | None = None) -> str:
    """The explanation in sentences for the person scored (a citizen, a unit's staff, a council):
    the outcome, why in one sentence, the legal basis, the points, what the next outcome needs
    and where points can be gained, largest room first. Rule names and codes are left to
    ``-f detail`` and JSON. ``names``: each indicator's title (``explain.indicator_titles``);
    ``members``: the lines of the inputs computed from members (``_member_lines``)."""
    p, lang = PLAIN[e.lang], e.lang
    pack = e.pack_title + (f" ({p['provisional']})" if e.pack_status == "provisional" else "")
    out = [f"{e.record} — {e.outcome_label}", f"{p['pack']}: {pack}"]
    if reason:
        out.append(f"{p['why']}: {reason.rstrip('.')}.")
    out += [f"{p['warning']} {warning_words(w, lang)}" for w in e.warnings]
    out += _member_lines(e) if members is None else members
    if e.rule_reference or e.pack_reference:   # an outcome without its own article ('Chưa đạt'): the pack's
        out.append(f"{p['ref']}: {e.rule_reference or e.pack_reference}.")
    if e.total is not None:
        parts = "; ".join(f"{c.label} {_pts(c.points, c.max, lang)}" for c in e.criteria if c.max is not None)
        out.append(f"{p['points']}: {p['total'].format(total=fmt_num(e.total, lang), max=fmt_num(e.max, lang))}"
                   + (f" — {parts}" if parts else "") + ".")
    out += _plain_next(e, p, names or {}, blank)
    out += list(not_applicable)   # the indicators that do not apply, and why: the person sees none was forgotten
    out += ["", p["detail"]]
    return "\n".join(out)


def _plain_next(e: Explanation, p: dict[str, str], names: dict[str, str], blank: str | None = None) -> list[str]:
    if e.next is None:
        return [p["best"]]
    n, lang = e.next, e.lang
    out = [p["next"].format(label=n.label)]
    if n.points_needed:
        out.append(f"  - {p['more'].format(gap=fmt_points(n.points_needed, lang))}" + ("" if n.reachable else p["unreachable"]))
    nodes = {i.id: i for c in e.criteria for i in c.indicators}
    basis = e.rule_reference or e.pack_reference
    out += [f"  - {_plain_blocker(b, nodes[b.indicator], p, lang, _blocker_name(b, names, p, n.label))}"
            + _own_article(nodes[b.indicator].reference, basis) for b in n.blockers]
    return out + [line for line in (blank_decides(e, blank), least_line(e), gain_line(e)) if line]


def _own_article(reference: str | None, basis: str | None) -> str:
    """' (Điều 6, khoản 1, điểm c)': the article of an indicator a line says is lacking, when its text
    cites articles (the circulars) and the 'Căn cứ' line above names the same document; the document is
    not said again. A criteria set without article numbers (QĐ 324) adds nothing: its line names its
    indicator already. Display only: the tree keeps each indicator's whole reference."""
    if not reference or not basis:
        return ""
    document, _, article = reference.partition(", ")
    if not article.startswith("Điều") or not basis.startswith(document + ","):
        return ""
    return f" ({article})"


GAIN_SHOWN = 5   # the largest rooms to gain, by name; the rest in one count


def gain_line(e: Explanation) -> str | None:
    """Where points can still be gained, the most room first, in one sentence that ``hoctap check``
    and ``hoctap explain`` (text) both say: 'Có thể tăng điểm ở (nhiều nhất trước): chỉ số 2.2 Sử dụng
    ngoại ngữ … (còn 6 điểm); …; và 3 chỉ số khác (còn 4 điểm)'. Said only when the next outcome
    lacks points it can still reach. Display only: the tree keeps points and maxima, not this."""
    n, p, lang = e.next, PLAIN[e.lang], e.lang
    room = room_to_gain(e)
    if n is None or not n.points_needed or not n.reachable or not room:
        return None
    items = [f"{_plain_name(i, p)} {_short(i.label, 45)} ({p['left'].format(n=fmt_points(i.max - i.points, lang))})".lstrip()
             for i in room[:GAIN_SHOWN]]
    rest = room[GAIN_SHOWN:]
    if rest:
        items.append(p["gain_rest"].format(n=len(rest), room=fmt_points(sum(i.max - i.points for i in rest), lang)))
    return p["gain"].format(items="; ".join(items))


def _plain_name(i: IndicatorNode, p: dict[str, str]) -> str:
    return p["numbered"].format(id=i.id) if numbered(i.id) else ""


def _blocker_name(b: Blocker, names: dict[str, str], p: dict[str, str], target: str) -> str:
    """Which indicator, in a few words: 'Chỉ số 2.2 (Sử dụng ngoại ngữ …)', or its title as the
    council's workbook heads it ('3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập'), not its
    label, which for the circulars is the requirement itself ('Tối thiểu 95% Thành viên …'); the
    level the line is under ('Để đạt “Mức độ 2”') is not said again."""
    if numbered(b.indicator):
        return p["indicator"].format(id=b.indicator, label=_short(b.label, 60))
    name = names.get(b.indicator) or b.label
    for end in (f" — {target}", " (%)"):
        if name.casefold().endswith(end.casefold()):
            name = name[:-len(end)]
    if _NUMBER_ONLY.fullmatch(name):   # 'Criterion 2 – Indicator 4' says nothing of what it asks
        name += f" ({_short(b.label, 60)})"
    return name.replace(": ", " — ", 1)   # 'Tiêu chí 1 – Chỉ tiêu 3: kinh phí …': its value follows a colon


_NUMBER_ONLY = re.compile(r"(Tiêu chí|Criterion) \d+ – (Chỉ tiêu|Indicator) \d+", re.IGNORECASE)


def blocker_names(e: Explanation, pack: Pack) -> dict[str, str]:
    """What a person's text calls each indicator the next outcome lacks (``_blocker_name``), by id."""
    if e.next is None:
        return {}
    titles = indicator_titles(pack, e.lang)
    return {b.indicator: _blocker_name(b, titles, PLAIN[e.lang], e.next.label) for b in e.next.blockers}


def plain_needs(pack: Pack, lang: str) -> dict[str, str]:
    """What each indicator needs, in words ('ít nhất 90%', 'có'), by id."""
    return {ind.id: fmt_decimals_in(need_text(pack, ind, lang), lang) for ind in pack.indicators}


def _plain_blocker(b: Blocker, node: IndicatorNode, p: dict[str, str], lang: str, name: str) -> str:
    """'Chỉ số 2.2 (Sử dụng ngoại ngữ …): được 4 điểm, cần từ 5 điểm trở lên'; '3.1 Tỷ lệ thành viên
    đạt danh hiệu Công dân học tập: 91%, cần từ 95% trở lên'."""
    need = _plain_need(b.needs, p, lang)
    if b.value is None:
        return p["no_value"].format(name=name, need=need)
    threshold = re.match(r"≥ ([\d.,]+)/", b.needs)
    if node.max is not None and threshold:
        return p["points_need"].format(name=name, value=fmt_points(node.points, lang), x=_num_in(threshold.group(1), lang))
    value = b.shown
    if isinstance(b.value, (int, float)) and not isinstance(b.value, bool):
        unit = re.fullmatch(r"[≥>] [\d.]+ (.+)", _first_row(b.needs))   # the value in the condition's unit
        value = with_unit(fmt_num(b.value, lang), unit[1] if unit else None)
    return p["value_need"].format(name=name, value=value, need=need)


def _first_row(condition: str) -> str:
    """A condition's first part: a graded table's best row ('≥ 90 % → 10; …' gives '≥ 90 %')."""
    return condition.split(";")[0].split(" → ")[0].strip()


def _plain_need(condition: str, p: dict[str, str], lang: str) -> str:
    """The compact condition ('≥ 95%', '> 0', '= có', '≥ 5/10') in words ('từ 95% trở lên')."""
    # '95 %' is written '95%'; a unit that only ends in % ('0 điểm %', percentage points) keeps its space
    first = re.sub(r"(?<=\d) %", "%", _first_row(condition))
    first = re.sub(r"\d+\.\d+", lambda m: _num_in(m.group(0), lang), first)
    if first.startswith("≥ "):
        return p["at_least_points" if "/" in first else "at_least"].format(x=first[2:].split("/")[0])
    if first.startswith("> "):
        return p["more_than"].format(x=first[2:])
    if first.startswith("= "):
        return first[2:]
    return first


def _num_in(text: str, lang: str) -> str:
    try:
        return fmt_num(float(text), lang)
    except ValueError:
        return text
