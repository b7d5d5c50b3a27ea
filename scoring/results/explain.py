"""Step 5: the explanation of one result, as data.

A small tree of frozen objects (``tree``): outcome <- rule <- criteria <- indicators <- inputs,
each with its legal reference, plus what the record still lacks for the next better outcome.
Renderers (text, Markdown, JSON) live in ``render``; ``to_dict`` is the stable JSON form. Here
too: the short reason a result line gives, and the texts of conditions and values. The tree's
module is loaded by what builds one (``explain``, ``next_step``), not with this one.
"""
from __future__ import annotations

import json
import re

from dataclasses import dataclass, field, fields
from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from scoring.engine.evaluate import IndicatorResult, Scored, rounded_total, value_key
from scoring.packs.catalog import InForce
from scoring.messages import LANGS, fmt_num, fmt_points, t, words_table
from scoring.packs.model import (AtLeastRule, BandsOutcome, GradedRule, Indicator, LevelsOutcome, LoadedPack, Pack, PointsRule,
                                 Reference, TitleAtLeastRule, YesNoRule)

if TYPE_CHECKING:
    from scoring.results.tree import Blocker, Explanation, IndicatorNode, MemberShare, NextStep

SCHEMA = "hoctap.explanation/1"
_TEXT = json.encoder.encode_basestring   # what the canonical encoder writes for a str (ensure_ascii=False)

WORDS = {lang: words_table("explain_word.", lang) for lang in LANGS}   # once per language: said per record


_MEMO: dict[tuple, tuple[Any, Any]] = {}


def _once(pack: Pack, key: tuple, make: Any) -> Any:
    """``make()``, worked out once per pack and key: the texts of a pack's rules do not change
    from record to record, and a batch asks for them for every record."""
    slot = (id(pack), *key)
    hit = _MEMO.get(slot)
    if hit is not None and hit[0] is pack:   # the same pack object, not one that took its id
        return hit[1]
    value = make()
    if len(_MEMO) >= 20_000:
        _MEMO.clear()
    _MEMO[slot] = (pack, value)
    return value


def explain(scored: Scored, loaded: LoadedPack, lang: str = "vi", in_force: InForce | None = None,
            members: tuple[MemberShare, ...] = (), warnings: tuple[str, ...] = ()) -> Explanation:
    from scoring.results.tree import CriterionNode, Explanation
    pack = loaded.pack
    results = {r.id: r for r in scored.indicators}
    criteria = tuple(
        CriterionNode(
            id=crit.id, label=crit.label.get(lang),
            points=_sum([results[i.id].points for i in crit.indicators]),
            max=_sum([results[i.id].max for i in crit.indicators]),
            indicators=tuple(_indicator_node(loaded, ind, results[ind.id], lang) for ind in crit.indicators))
        for crit in pack.criteria)
    values = dict(_fixed(loaded, scored.outcome, lang, in_force))   # in the fields' order, as Explanation(...) sets them
    values.update(record=scored.id, rule=scored.outcome_rule, total=scored.total, max=scored.max_total,
                  criteria=criteria, next=next_step(scored, pack, lang), members=members, warnings=tuple(warnings))
    for name in ("criteria_pack", "base_pack"):   # a dict of its own, as before: one explanation's, not every one's
        if values[name] is not None:
            values[name] = dict(values[name])
    made = _new(Explanation)   # the object Explanation(**values) makes, without a frozen setattr per field
    _set(made, "__dict__", values)
    return made


_new, _set = object.__new__, object.__setattr__
_FIXED: dict[tuple, tuple[Any, dict[str, Any]]] = {}


def _fixed(loaded: LoadedPack, outcome: str, lang: str, in_force: InForce | None) -> dict[str, Any]:
    """An explanation's fields that are the same for every record of a pack, outcome, language and
    assessment date (the record's own, None until set), worked out once: storing a run explains
    every record."""
    when = (in_force.as_of, in_force.source, in_force.reason) if in_force else None
    key = (id(loaded), outcome, lang, when)
    hit = _FIXED.get(key)
    if hit is not None and hit[0] is loaded:
        return hit[1]
    pack = loaded.pack
    condition, reference = _outcome_condition(pack, outcome, WORDS[lang])
    known = dict(
        schema=SCHEMA, criteria_pack=loaded.identity(), pack_title=pack.title.get(lang),
        pack_status=pack.status, pack_reference=pack.reference.cite(), outcome=outcome,
        outcome_label=pack.outcome_label(outcome, lang), rule_condition=condition, rule_reference=reference,
        lang=lang, base_pack=loaded.base.identity() if loaded.base else None,
        rule_base_reference=base_outcome_reference(loaded, outcome),
        as_of=str(in_force.as_of) if in_force and in_force.as_of else None,
        as_of_source=in_force.source if in_force else None, in_force=in_force.reason if in_force else None)
    from scoring.results.tree import EXPLANATION_FIELDS
    fixed = {name: known.get(name) for name in EXPLANATION_FIELDS}
    if len(_FIXED) >= 1_000:
        _FIXED.clear()
    _FIXED[key] = (loaded, fixed)
    return fixed


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present), 4) if present else None


def _cite(ref: Reference | None) -> str | None:
    return ref.cite() if ref else None


_NODES: dict[tuple, tuple[Any, Any]] = {}   # (kind, id of its pack, lang, result_key) -> (the pack, the node)
_RESULT_FIELDS = ("id", "status", "points", "max", "value", "rule")   # what result_key reads of a result
_KEYED = tuple(f.name for f in fields(IndicatorResult)) == _RESULT_FIELDS


def result_key(r: IndicatorResult) -> tuple | None:
    """A key telling indicator results apart exactly as they read, for what is made of them once
    and shared: records in the same situation have equal results, but as objects only within one
    process (a worker's come back as copies); each value is keyed as the scorer keys the values it
    reads (``value_key``: 1, 1.0 and True, 0.0 and -0.0 compare equal, but none reads as another).
    None: not to be kept."""
    if not _KEYED or r.__class__ is not IndicatorResult:
        return None
    return (r.id, r.status, r.rule, value_key(r.value), value_key(r.points), value_key(r.max))


def _kept_node(kind: str, pack: Any, result: IndicatorResult, lang: str, make: Callable[[], Any]) -> Any:
    """The node ``make`` makes of one result, made once per pack, language and result (as it
    reads, ``result_key``) and shared by every record: storing a run explains every record."""
    key = result_key(result)
    if key is None:
        return make()
    slot = (kind, id(pack), lang, key)
    try:
        hit = _NODES.get(slot)
    except TypeError:   # a value that is no key (a list): made afresh
        return make()
    if hit is not None and hit[0] is pack:   # the same pack object, not one that took its id
        return hit[1]
    node = make()
    from scoring.results.tree import ENCODED, KEPT_NODES
    if len(_NODES) >= KEPT_NODES or len(ENCODED) >= KEPT_NODES:
        _NODES.clear()
        ENCODED.clear()
    _NODES[slot] = (pack, node)
    return node


def _indicator_node(loaded: LoadedPack, ind: Indicator, result: IndicatorResult, lang: str) -> IndicatorNode:
    return _kept_node("node", loaded, result, lang, lambda: _new_indicator_node(loaded, ind, result, lang))


def _new_indicator_node(loaded: LoadedPack, ind: Indicator, result: IndicatorResult, lang: str) -> IndicatorNode:
    from scoring.results.tree import IndicatorNode
    pack = loaded.pack
    return IndicatorNode(
        id=ind.id, label=ind.label.get(lang), status=result.status, points=result.points, max=result.max,
        input=ind.input_name, value=result.value, shown=show_value(pack, ind.input_name, result.value, lang),
        condition=condition_text(pack, ind, lang),
        rule=result.rule, reference=_cite(ind.reference), base_reference=base_reference(loaded, ind.id))


def base_reference(loaded: LoadedPack, indicator_id: str) -> str | None:
    """For an indicator a local variant overrides: where the packs it extends take it from
    (nearest first, e.g. the national circular), so a result names both rules."""
    cites: list[str] = []
    while loaded.base is not None and indicator_id in loaded.overridden:
        parent = loaded.base
        ind = next(i for i in parent.pack.indicators if i.id == indicator_id)
        cite = _cite(ind.reference) or parent.pack.reference.cite()
        if cite not in cites:
            cites.append(cite)
        loaded = parent
    return "; ".join(cites) or None


def base_outcome_reference(loaded: LoadedPack, code: str) -> str | None:
    """For a band or level a local variant overrides: the references of the packs it extends."""
    cites: list[str] = []
    while loaded.base is not None and code in loaded.overridden_outcomes:
        parent = loaded.base
        words = WORDS["vi"]
        cite = _outcome_condition(parent.pack, code, words)[1] or parent.pack.reference.cite()
        if cite not in cites:
            cites.append(cite)
        loaded = parent
    return "; ".join(cites) or None


def condition_text(pack: Pack, ind: Indicator, lang: str = "vi") -> str:
    return _once(pack, ("condition", ind.id, lang), lambda: _condition_text(pack, ind, lang))


def _condition_text(pack: Pack, ind: Indicator, lang: str) -> str:
    rule, words = ind.rule, WORDS[lang]
    unit = pack.input(ind.input_name).unit_in(lang)
    unit = f" {unit}" if unit else ""
    if isinstance(rule, PointsRule):
        return f"≥ {rule.threshold:g}/{rule.max:g}"
    if isinstance(rule, AtLeastRule):
        return f"{'>' if rule.strict else '≥'} {rule.value:g}{unit}"
    if isinstance(rule, YesNoRule):
        return f"= {words['yes'] if rule.expected else words['no']}"
    if isinstance(rule, GradedRule):
        return graded_text(pack, ind, rule, unit)
    if isinstance(rule, TitleAtLeastRule):
        choice = next(c for c in pack.input(ind.input_name).choices if c.code == rule.title)
        return f"≥ {choice.label.get(lang)}"
    raise TypeError(rule.kind)  # pragma: no cover


NEEDS = {lang: words_table("explain_need.", lang) for lang in LANGS}


def need_text(pack: Pack, ind: Indicator, lang: str = "vi") -> str:
    """What 'met' asks, in plain words for a person: 'ít nhất 5', 'ít nhất 90%', 'có',
    'Tập thể lao động tiên tiến trở lên' (``condition_text`` is the compact form)."""
    rule, words, needs = ind.rule, WORDS[lang], NEEDS[lang]
    unit = pack.input(ind.input_name).unit_in(lang) or ""
    if isinstance(rule, PointsRule):
        full = rule.pass_at is None or rule.pass_at >= rule.max
        return needs["full" if full else "at_least"].format(x=f"{rule.threshold:g}")
    if isinstance(rule, AtLeastRule):
        amount = f"{rule.value:g}{unit}" if unit == "%" else f"{rule.value:g} {unit}".rstrip()
        return needs["more_than" if rule.strict else "at_least"].format(x=amount)
    if isinstance(rule, YesNoRule):
        return words["yes"] if rule.expected else words["no"]
    if isinstance(rule, TitleAtLeastRule):
        choice = next(c for c in pack.input(ind.input_name).choices if c.code == rule.title)
        return needs["or_higher"].format(x=choice.label.get(lang))
    if isinstance(rule, GradedRule):  # met only at the best row (full points)
        amount = f"{rule.table[0].at_least:g}{unit}" if unit == "%" else f"{rule.table[0].at_least:g} {unit}".rstrip()
        return needs["at_least"].format(x=amount)
    raise TypeError(rule.kind)  # pragma: no cover


def graded_text(pack: Pack, ind: Indicator, rule: GradedRule, unit: str) -> str:
    """'≥ 100 % → 10; ≥ 90 % → 8; < 50 % → 0': the whole table, best row first."""
    parts = [f"≥ {row.at_least:g}{unit} → {row.points:g}" for row in rule.table]
    low = pack.input(ind.input_name).min
    if low is None or low < rule.table[-1].at_least:
        parts.append(f"< {rule.table[-1].at_least:g}{unit} → 0")
    return "; ".join(parts)


def _outcome_condition(pack: Pack, code: str, words: dict[str, str]) -> tuple[str, str | None]:
    out = pack.outcome
    if isinstance(out, BandsOutcome):
        band = next(b for b in out.bands if b.code == code)
        parts = []
        if band.min_total is not None:
            parts.append(f"{words['total']} ≥ {band.min_total:g}")
        if band.all_met:
            parts.append(words["all_met"])
        return (" & ".join(parts) or words["otherwise"]), _cite(band.reference)
    level = next((lv for lv in out.levels if lv.code == code), None)
    if level is None:
        return words["otherwise"], _cite(out.otherwise.reference)
    return words["level_all"], _cite(level.reference)


def next_step(scored: Scored, pack: Pack, lang: str = "vi", target: str | None = None) -> NextStep | None:
    """What the record lacks for the next better outcome (None when it has the best), or
    for ``target`` when given (verification: what a claimed outcome would need)."""
    gap = _gap(scored, pack, target)
    if gap is None:
        return None
    target, needed, blocking, reachable = gap
    blockers = tuple(_blocker(pack, i, r, lang) for i, r in blocking)
    label = _once(pack, ("label", target, lang), lambda: pack.outcome_label(target, lang))
    from scoring.results.tree import NextStep
    return NextStep(target, label, needed, blockers, reachable)


def _blocker(pack: Pack, ind: Indicator, result: IndicatorResult, lang: str) -> Blocker:
    """What one indicator result lacks (kept as ``_indicator_node`` is)."""
    from scoring.results.tree import Blocker
    return _kept_node("blocker", pack, result, lang, lambda: Blocker(
        ind.id, ind.label.get(lang), result.value, show_value(pack, ind.input_name, result.value, lang),
        condition_text(pack, ind, lang)))


def _gap(scored: Scored, pack: Pack, target: str | None = None) -> tuple[str, float | None, list, bool] | None:
    """The facts of ``next_step``: the target outcome, the points it still needs, its blocking
    indicators with their results, and whether the total can reach it (None: already the best)."""
    codes = _once(pack, ("codes",), lambda: pack.outcome_codes)
    if target is None:
        rank = codes.index(scored.outcome)
        if rank == 0:
            return None
        target = codes[rank - 1]
    results = {r.id: r for r in scored.indicators}
    indicators = _once(pack, ("indicators",), lambda: pack.indicators)   # a property that builds a list
    if isinstance(pack.outcome, BandsOutcome):
        band = _once(pack, ("band", target), lambda: next(b for b in pack.outcome.bands if b.code == target))
        needed = max(0.0, round(band.min_total - (scored.total or 0), 4)) if band.min_total is not None else None
        blocking = [(i, results[i.id]) for i in indicators
                    if band.all_met and results[i.id].status in ("not_met", "missing")]
        reachable = needed is None or needed <= sum(
            [(r.max or 0) - (r.points or 0) for r in scored.indicators if r.max is not None]) + 1e-9
    else:
        needed = None
        blocking = [(i, results[i.id]) for i in indicators
                    if target in i.levels and results[i.id].status in ("not_met", "missing")]
        reachable = True
    return target, needed, blocking, reachable


REASON = {lang: words_table("reason.", lang) for lang in LANGS}   # hashed into stored runs: the catalogue's words, never reworded


def short_reason(scored: Scored, pack: Pack, lang: str = "vi") -> str:
    """One sentence for tables, CSV and JSON, in plain words: why this outcome, and what the next
    better one lacks ('Chưa đạt … vì chỉ số 2.2 được 4 điểm, cần 5 điểm trở lên; tổng điểm 85/100
    đã đủ'). Codes, rule names and raw values are in the detailed explanation, not here.
    Built from the result directly (no tree), since a batch writes one per record; for a pack
    with bands, by ``_BandReasons``, with levels by ``_LevelReasons`` (the same text:
    ``general_reason`` is their definition)."""
    return _once(pack, ("reason maker", lang), lambda: reasons_for(pack, lang))(scored)   # made once per pack


def reasons_for(pack: Pack, lang: str = "vi", utf8: bool = False) -> Callable[[Scored], Any]:
    """``short_reason`` for one pack and language, with what it looks up per call looked up once:
    a batch asks for a reason for every record.

    ``utf8``: the reason as a JSON line holds it, its JSON text (quotes included) in UTF-8 bytes,
    put together from pieces kept encoded (a worker writes it into the line as it is); or the
    reason itself, a str, where it cannot be encoded (a lone surrogate)."""
    if isinstance(pack.outcome, BandsOutcome):
        plan: Any = _once(pack, ("band reasons", lang), lambda: _BandReasons(pack, lang))
    else:
        plan = _once(pack, ("level reasons", lang), lambda: _LevelReasons(pack, lang))

    def reason(scored: Scored) -> str:
        text = plan.reason(scored)
        return text if text is not None else general_reason(scored, pack, lang)

    def reason_utf8(scored: Scored) -> bytes | str:
        try:
            text = plan.reason(scored, plan.utf8)
            return text if text is not None else plan.utf8.whole(general_reason(scored, pack, lang))
        except UnicodeEncodeError:
            return reason(scored)
    return reason_utf8 if utf8 else reason


class _Utf8:
    """The JSON text of a reason in UTF-8 bytes, put together from its pieces, each encoded once and
    kept: a JSON text escapes each character on its own, and UTF-8 encodes each on its own, so the
    pieces' texts put together are the whole's (``reasons_for``; a lone surrogate raises
    UnicodeEncodeError)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def piece(self, text: str) -> bytes:
        """``text`` escaped as in a JSON text, without its quotes, in UTF-8."""
        encoded = self.kept.get(text)
        if encoded is None:
            encoded = _TEXT(text)[1:-1].encode("utf-8")
            if len(self.kept) < 50_000:   # memory stays flat past it
                self.kept[text] = encoded
        return encoded

    def quoted(self, text: str) -> bytes:
        """A reason of few (the best outcome's), kept."""
        return b'"' + self.piece(text) + b'"'

    def whole(self, text: str) -> bytes:
        """A whole reason, not kept (a batch has many)."""
        return _TEXT(text).encode("utf-8")

    def sentence(self, words: dict[str, str], last: bool, label: str, next_label: str, parts: list[str],
                 before: str | None, after: str | None) -> bytes:
        """``_sentence``'s JSON text."""
        if before is None:
            return self.whole(_sentence(words, last, label, next_label, parts, before, after))
        kept = self.kept
        try:   # every piece met before (the usual row): looked up in C
            return b"".join((b'"', kept[before], kept[words["and"]].join(map(kept.__getitem__, parts)), kept[after], b'"'))
        except KeyError:
            piece = self.piece
            return b"".join((b'"', piece(before), piece(words["and"]).join(map(piece, parts)), piece(after), b'"'))



def general_reason(scored: Scored, pack: Pack, lang: str = "vi") -> str:
    """``short_reason``, the general way (any pack, any order of results)."""
    words = REASON[lang]
    label = _once(pack, ("label", scored.outcome, lang), lambda: pack.outcome_label(scored.outcome, lang))
    gap = _gap(scored, pack)
    if gap is None:
        return _once(pack, ("best", scored.outcome, scored.total, scored.max_total, lang),
                     lambda: _best_reason(scored, pack, label, words, lang))
    parts = _lacking(scored, pack, gap, words, lang)
    target = gap[0]
    last = scored.outcome == _once(pack, ("codes",), lambda: pack.outcome_codes)[-1]
    next_label = _once(pack, ("label", target, lang), lambda: pack.outcome_label(target, lang))
    return _whole(words, last, label, next_label, words["and"].join(parts))


_ID = attrgetter("id")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class _BandReasons:
    """The one-line reasons of one pack with bands, in one language: what ``general_reason``
    writes, with each piece kept in a plain dict (a batch asks for the same pieces for every
    record, and the general way's lookups cost more than the sentence)."""

    def __init__(self, pack: Pack, lang: str):
        self.pack, self.lang, self.words = pack, lang, REASON[lang]
        self.codes = list(pack.outcome_codes)
        self.labels = {c: pack.outcome_label(c, lang) for c in self.codes}
        self.bands = {b.code: b for b in pack.outcome.bands}
        self.indicators = list(pack.indicators)
        self.ids = tuple(ind.id for ind in self.indicators)
        self.plans: dict[str, tuple] = {}   # per outcome: see _plan
        self.best: dict[tuple, str] = {}
        self.lacking: dict[tuple, str] = {}
        self.totals: dict[tuple, tuple[str | None, str | None]] = {}
        # per indicator, in the pack's order: its results by identity (see _results_known)
        self.at: list[dict[int, tuple[str | None, float]]] = [{} for _ in self.indicators]
        self.results: list[Any] = []   # … and those results, alive while this is
        self.utf8 = _Utf8()

    def reason(self, s: Scored, utf8: _Utf8 | None = None) -> str | bytes | None:
        """The reason, or None for results not in the pack's order (the general way then); with
        ``utf8``, its JSON text in UTF-8 bytes (see ``reasons_for``)."""
        plan = self.plans.get(s.outcome)
        if plan is None:
            plan = self.plans[s.outcome] = self._plan(s.outcome)
        rank, label, target, band, before, after = plan
        if rank == 0:
            key = (s.outcome, s.total, s.max_total)
            text = self.best.get(key)
            if text is None:
                text = self._keep(self.best, key, _best_reason(s, self.pack, label, self.words, self.lang))
            return text if utf8 is None else utf8.quoted(text)
        results = s.indicators
        try:   # what each result lacks and the points it leaves, by the result itself (the scorer shares them)
            if len(results) != len(self.at):
                raise KeyError
            # each one kept at its own place: so the results are in the pack's order
            known = list(map(dict.__getitem__, self.at, map(id, results)))
        except KeyError:
            if tuple(map(_ID, results)) != self.ids:
                return None
            known = self._results_known(results)
        total = s.total
        # round(…, 4) as general_reason, without writing the number out and back when it is in sixteenths
        needed = max(0.0, rounded_total(band.min_total - (total or 0))) if band.min_total is not None else None
        parts = list(filter(None, map(_FIRST, known))) if band.all_met else []
        if total is not None:
            # whether the points left can reach the band matters only to a total that falls short
            reachable = not needed or needed <= sum(map(_SECOND, known)) + 1e-9
            key = (target, total, s.max_total, needed, reachable)
            texts = self.totals.get(key)
            if texts is None:
                texts = self._keep(self.totals, key,
                                   _total_texts(s, self.pack, target, needed, reachable, self.words, self.lang))
            short, enough = texts
            if short is not None:
                parts.insert(0, short)
            elif enough is not None and parts:
                parts.append(enough)
        say = _sentence if utf8 is None else utf8.sentence
        return say(self.words, s.outcome == self.codes[-1], label, self.labels[target], parts, before, after)

    def _plan(self, outcome: str) -> tuple:
        """For results of this outcome: its rank, label, the next better outcome and its band, and
        the sentence before and after its parts (None, None when it cannot be cut there)."""
        rank, label = self.codes.index(outcome), self.labels[outcome]
        if rank == 0:
            return rank, label, None, None, None, None
        target = self.codes[rank - 1]
        return (rank, label, target, self.bands[target],
                *_cut(self.words, outcome == self.codes[-1], label, self.labels[target]))

    def _results_known(self, results: tuple) -> list[tuple[str | None, float]]:
        """Per result, in the pack's order: what it lacks (``blocker_text``; None when it is met
        or not applicable) and the points it leaves (its max less its points; none without a max).
        Kept by the result's identity at its indicator's place, the result with it (no other object
        can come to have its id while it is kept; a result is its indicator's, whose id it holds):
        looked up in C, where a loop over the results here cost more than the rest, and a result
        found at each place is then also a result in the pack's order, checked without a loop."""
        known, lacking = [], self.lacking
        for ind, r, at in zip(self.indicators, results, self.at):
            text = None
            if r.status == "not_met" or r.status == "missing":
                v = r.value
                key = (ind.id, v.__class__, v) if v else (ind.id, v.__class__, repr(v))
                text = lacking.get(key)
                if text is None:
                    text = self._keep(lacking, key, blocker_text(self.pack, ind, v, self.words, self.lang))
            made = (text, (r.max or 0) - (r.points or 0) if r.max is not None else 0)
            if len(self.results) < 50_000:   # memory stays flat past it
                at[id(r)] = made
                self.results.append(r)
            known.append(made)
        return known

    @staticmethod
    def _keep(memo: dict, key: tuple, value: Any) -> Any:
        if len(memo) < 50_000:   # memory stays flat past it
            memo[key] = value
        return value


class _LevelReasons:
    """The one-line reasons of one pack with levels (mức độ), in one language: what
    ``general_reason`` writes, as ``_BandReasons`` does for bands. A level has no total: what the
    next better level lacks is its own indicators not met (or missing), in the pack's order."""

    def __init__(self, pack: Pack, lang: str):
        self.pack, self.lang, self.words = pack, lang, REASON[lang]
        self.codes = list(pack.outcome_codes)
        self.labels = {c: pack.outcome_label(c, lang) for c in self.codes}
        indicators = list(pack.indicators)
        self.ids = tuple(ind.id for ind in indicators)
        # per level: its indicators, with their places in the pack (what ``_gap`` picks as blocking)
        self.members = {c: tuple((p, ind) for p, ind in enumerate(indicators) if c in ind.levels) for c in self.codes}
        # what each indicator needs and how a sentence names it (``blocker_text``), worked out on first use
        self.named: dict[str, tuple[str, str]] = {}
        self.plans: dict[str, tuple] = {}   # per outcome: see _plan
        self.lacking: dict[tuple, str] = {}
        self.utf8 = _Utf8()

    def reason(self, s: Scored, utf8: _Utf8 | None = None) -> str | bytes | None:
        """The reason, or None for results not in the pack's order (the general way then); with
        ``utf8``, its JSON text in UTF-8 bytes (see ``reasons_for``)."""
        plan = self.plans.get(s.outcome)
        if plan is None:
            plan = self.plans[s.outcome] = self._plan(s.outcome)
        best, label, target, members, before, after = plan
        if best is not None:
            return best if utf8 is None else utf8.quoted(best)
        results = s.indicators
        if tuple(map(_ID, results)) != self.ids:
            return None
        parts = []
        lacking = self.lacking
        for place, ind in members:
            r = results[place]
            if r.status == "not_met" or r.status == "missing":
                v = r.value
                key = (ind.id, v.__class__, v) if v else (ind.id, v.__class__, repr(v))
                text = lacking.get(key)
                if text is None:
                    text = _BandReasons._keep(lacking, key, self._blocker(ind, v))
                parts.append(text)
        say = _sentence if utf8 is None else utf8.sentence
        return say(self.words, s.outcome == self.codes[-1], label, self.labels[target], parts, before, after)

    def _blocker(self, ind: Indicator, value: Any) -> str:
        named = self.named.get(ind.id)
        if named is None:
            named = self.named[ind.id] = (need_text(self.pack, ind, self.lang),
                                          _plain_name(self.pack, ind, self.words, self.lang))
        return blocker_text(self.pack, ind, value, self.words, self.lang, named)

    def _plan(self, outcome: str) -> tuple:
        """For results of this outcome: the whole reason of the best level (it reads nothing of the
        record), else its label, the next better level and its indicators, and the sentence before
        and after its parts (None, None when it cannot be cut there)."""
        rank, label = self.codes.index(outcome), self.labels[outcome]
        if rank == 0:
            return self.words["best_levels"].format(label=label), label, None, (), None, None
        target = self.codes[rank - 1]
        return (None, label, target, self.members[target],
                *_cut(self.words, outcome == self.codes[-1], label, self.labels[target]))


def _whole(words: dict[str, str], last: bool, label: str, next_label: str, parts: str) -> str:
    """The reason's sentence as ``general_reason`` writes it, for the last outcome or any other."""
    return words["because" if last else "not_next"].format(label=label, next=next_label, parts=parts)


def _sentence(words: dict[str, str], last: bool, label: str, next_label: str, parts: list[str],
              before: str | None, after: str | None) -> str:
    """The sentence around its parts, from its pieces cut once (``_cut``), else written whole."""
    parts_text = words["and"].join(parts)
    if before is None:
        return _whole(words, last, label, next_label, parts_text)
    return before + parts_text + after   # type: ignore[operator]


def _cut(words: dict[str, str], last: bool, label: str, next_label: str) -> tuple[str | None, str | None]:
    """The reason's sentence before and after its parts (``_whole``), or (None, None) where it
    cannot be cut there."""
    mark = "\x00"
    whole = _whole(words, last, label, next_label, mark)
    if whole.count(mark) == 1 and mark not in label + next_label:
        before, after = whole.split(mark)
        return before, after
    return None, None


def _best_reason(scored: Scored, pack: Pack, label: str, words: dict[str, str], lang: str) -> str:
    if isinstance(pack.outcome, BandsOutcome):
        band = next(b for b in pack.outcome.bands if b.code == scored.outcome)
        if band.min_total is not None and scored.total is not None:
            text = words["best_total"].format(label=label, total=fmt_num(scored.total, lang),
                                              max=fmt_num(scored.max_total, lang), min=fmt_num(band.min_total, lang))
            return text + (f", {words['best_all']}" if band.all_met else "")
        return words["best"].format(label=label) + (f": {words['best_all']}" if band.all_met else "")
    return words["best_levels"].format(label=label)


def _lacking(scored: Scored, pack: Pack, gap: tuple, words: dict[str, str], lang: str) -> list[str]:
    """What the next outcome lacks: the indicators below their minimum, then the total. Each
    piece is worked out once per pack, language and value: a batch asks for the same ones again
    and again (the value's type is part of the key, so 1, 1.0 and True stay apart)."""
    target, needed, blocking, reachable = gap
    parts = [_once(pack, ("lacking", lang, i.id, r.value.__class__, r.value),
                   lambda: blocker_text(pack, i, r.value, words, lang)) for i, r in blocking]
    if scored.total is not None and isinstance(pack.outcome, BandsOutcome):
        key = ("lacking total", lang, target, scored.total, scored.max_total, needed, reachable)
        short, enough = _once(pack, key, lambda: _total_texts(scored, pack, target, needed, reachable, words, lang))
        if short is not None:
            parts.insert(0, short)
        elif enough is not None and parts:
            parts.append(enough)
    return parts


def blocker_text(pack: Pack, ind: Any, value: Any, words: dict[str, str], lang: str,
                  named: tuple[str, str] | None = None) -> str:
    """What one indicator lacks, with its value. ``named``: its ``need_text`` and ``_plain_name``,
    when the caller keeps them (they do not depend on the value)."""
    needs, name = named or (need_text(pack, ind, lang), _plain_name(pack, ind, words, lang))
    if value is None:
        return words["missing"].format(name=name, needs=needs)
    if isinstance(ind.rule, PointsRule):
        return words["points"].format(name=name, value=fmt_points(value, lang), needs=fmt_num(ind.rule.threshold, lang))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        unit = pack.input(ind.input_name).unit_in(lang) or ""
        shown = fmt_num(value, lang) + (unit if unit == "%" else f" {unit}".rstrip())
    else:
        shown = show_value(pack, ind.input_name, value, lang)
    return words["value"].format(name=name, value=shown, needs=needs)


def _total_texts(scored: Scored, pack: Pack, target: str, needed: float | None, reachable: bool,
                 words: dict[str, str], lang: str) -> tuple[str | None, str | None]:
    """What the total lacks (put first), or that it is enough (put last, after what else lacks)."""
    band = next(b for b in pack.outcome.bands if b.code == target)
    total, top = fmt_num(scored.total, lang), fmt_num(scored.max_total, lang)
    if needed:
        short = words["total_short"].format(total=total, max=top, min=fmt_num(band.min_total, lang),
                                            gap=fmt_points(needed, lang))
        return short + ("" if reachable else words["unreachable"]), None
    if band.min_total is not None:
        return None, words["total_ok"].format(total=total, max=top)
    return None, None


_NUMBERED = re.compile(r"\d+(\.\d+)*[a-z]?")


def numbered(indicator_id: str) -> bool:
    """A code people use as a name ('2.2', '3a'), not a machine code ('tc3_ct1_md2')."""
    return _NUMBERED.fullmatch(indicator_id) is not None


_CRITERION_ITEM = re.compile(r"tc(\d+)_ct(\d+)(?:_|$)")


def shown_id(indicator_id: str) -> str:
    """The indicator's number as a reader knows it: '2.2', '3a'; for the circulars' codes
    (tc2_ct1_md1, tc1_ct2_mam_non) 'tiêu chí 2, chỉ tiêu 1' written '2.1', as their forms number
    them; else nothing, since the label beside it says what it is and a code means nothing."""
    if numbered(indicator_id):
        return indicator_id
    found = _CRITERION_ITEM.match(indicator_id)
    return f"{found[1]}.{found[2]}" if found else ""


def room_to_gain(e: "Explanation") -> list[IndicatorNode]:
    """The indicators below their maximum, most points to gain first (ties keep the pack's order)."""
    return sorted((i for c in e.criteria for i in c.indicators
                   if i.max is not None and i.points is not None and i.points < i.max),
                  key=lambda i: -(i.max - i.points))


def raise_to_minimum(e: "Explanation") -> float | None:
    """The points that bringing every blocking points indicator up to its minimum adds (2.2 from 3
    to 5: 2), which count in the total too; None when the next outcome needs no points, or a
    blocker has no value or no points minimum (then the sum would be a guess)."""
    n = e.next
    if n is None or not n.points_needed or not n.blockers:
        return None
    added = 0.0
    for b in n.blockers:
        minimum = re.match(r"≥ (\d+(?:\.\d+)?)/", b.needs)
        if minimum is None or isinstance(b.value, bool) or not isinstance(b.value, (int, float)):
            return None
        added += max(0.0, float(minimum.group(1)) - b.value)
    return round(added, 4)


def _plain_name(pack: Pack, ind: Any, words: dict[str, str], lang: str) -> str:
    """How a sentence names an indicator: 'chỉ số 2.2' when its code is a number people use (the
    citizen criteria's 2.2), else what its input measures ('Tỷ lệ người học đạt …'), since a
    code such as tc3_ct1_nguoi_hoc_md2 means nothing to a reader."""
    label = None if numbered(ind.id) else _measured(pack, ind, lang)
    if not label:
        return words["numbered"].format(id=ind.id)
    if CRITERION_NAMED.match(label):   # 'Tiêu chí 2 – Chỉ tiêu 3 …' names an article: its capitals stay
        return label
    return label[:1].lower() + label[1:]   # it follows 'vì' / 'because' inside a sentence


_BRACKET_AT_END = re.compile(r"\s*\(([^()]+)\)$")
_BRACKET_BEFORE_LEVEL = re.compile(r"\s*\(([^()]+)\)\s+—\s+([^()—]+)$")   # '… (%) — mức độ 2'


def _measured(pack: Pack, ind: Any, lang: str) -> str | None:
    """What an indicator's input measures, its label without the unit ('(%)') at its end. A label
    whose unit comes before the level it is for ('… (%) — mức độ 2', a column header) says the level
    in brackets instead ('… (mức độ 2)'), since the sentence gives the value with its unit. Only a
    bracket that is the unit goes: '(tuyên truyền)' is part of what is measured."""
    return measured_label(pack.input(ind.input_name), lang) if ind.input_name else None


def measured_label(inp: Any, lang: str) -> str | None:
    """What ``inp`` measures: its label without the unit at its end (see ``_measured``)."""
    label = inp.label.get(lang) if inp is not None and inp.label else None
    if not label:
        return None
    units = {"%", *(u.strip().casefold() for u in [inp.unit_in(lang)] if u)}
    level = _BRACKET_BEFORE_LEVEL.search(label)
    if level and level[1].strip().casefold() in units:
        return label[:level.start()] + f" ({level[2]})"
    unit = _BRACKET_AT_END.search(label)
    return label[:unit.start()] if unit and unit[1].strip().casefold() in units else label


def has_points(pack: Pack) -> bool:
    """Whether the pack's results carry points and a total (a levels pack, TT 24 or 25, has none)."""
    return not isinstance(pack.outcome, LevelsOutcome)


def indicator_titles(pack: Pack, lang: str = "vi") -> dict[str, str]:
    """Each indicator's name where a person reads it as a heading or in a list (CSV for Excel,
    workbooks, the council's results): the number people use ('1.1', '3a') as it is; else what the
    reasons call it (``_plain_name``: what its input measures), after its number ('2.1 Tỷ lệ thành
    viên …'), with the level it belongs to when it is one level's ('— Mức độ 1'), since md1 and md2
    measure the same thing. Unique within the pack: names still alike fall back to the indicator's
    own label, then to its code in brackets."""
    return _once(pack, ("titles", lang), lambda: _titles(pack, lang))


CRITERION_NAMED = re.compile(r"(tiêu chí|criterion)\s+\d", re.IGNORECASE)   # 'Tiêu chí 1 – Chỉ tiêu 1: …'


def _titles(pack: Pack, lang: str) -> dict[str, str]:
    titles = {i.id: _title(pack, i, _measured(pack, i, lang), lang) for i in pack.indicators}
    seen: dict[str, int] = {}
    for title in titles.values():
        seen[title] = seen.get(title, 0) + 1
    for i in pack.indicators:
        if seen[titles[i.id]] > 1:
            titles[i.id] = _title(pack, i, i.label.get(lang), lang)
    if len(set(titles.values())) < len(titles):
        titles = {k: f"{v} [{k}]" for k, v in titles.items()}
    return titles


def _title(pack: Pack, ind: Indicator, name: str | None, lang: str) -> str:
    if numbered(ind.id):
        return ind.id
    if not name:
        name = ind.label.get(lang) or ind.id
    name = name[:1].upper() + name[1:]
    number = shown_id(ind.id)
    if number and not CRITERION_NAMED.match(name):
        name = f"{number} {name}"
    if isinstance(pack.outcome, LevelsOutcome) and len(ind.levels) == 1 and len(pack.outcome_codes) > 2:
        level = pack.outcome_label(ind.levels[0], lang)
        if level.casefold() not in name.casefold():
            name = f"{name} — {level}"
    return name


def show_value(pack: Pack, input_name: str, value: Any, lang: str = "vi") -> str:
    """A value as a person reads it: the choice's label, có/không, 7.5 (not 7.5000)."""
    words = WORDS[lang]
    if value is None:
        return words["missing"]
    if isinstance(value, bool):
        return words["yes"] if value else words["no"]
    if isinstance(value, float):
        return f"{value:g}"
    inp = pack.input(input_name)
    label = next((c.label.get(lang) for c in inp.choices if c.code == value), None)
    return label or str(value)


@dataclass(frozen=True)
class Notes:
    """What an explanation's rows cannot say by themselves, from the pack beside the record (kept
    out of the explanation tree, whose bytes each stored run is checked against): per indicator,
    why it does not apply and the pack's reading note on its article; and, for the person, one
    line per input that made indicators not apply."""

    by_indicator: dict[str, list[str]]
    not_applicable: list[str]
    names: dict[str, str] = field(default_factory=dict)   # how a person's text names each indicator
    members: list[str] = field(default_factory=list)      # the inputs computed from members, in people's words
    blank: str | None = None   # whose rule it is that a blank counts as not met (``blank_words``)


def indicator_notes(loaded: LoadedPack, scored: Scored, lang: str = "vi") -> Notes:
    """The ``Notes`` of one scored record. An applicability is said by the shorter list: the values
    it applies to, or those it does not (TT 24: 'not for an economic organisation', not 20 types).
    Its ``members`` lines are added by what knows the run's members' packs (``shares.member_lines``)."""
    pack, by_indicator, grouped = loaded.pack, {}, {}
    status = {r.id: r.status for r in scored.indicators}
    for ind in pack.indicators:
        found, app = [], ind.applies_to
        if app is not None and status.get(ind.id) == "not_applicable":
            by = pack.input(app.input)
            name = by.label.get(lang) if by.label else by.name
            value = show_value(pack, app.input, scored.values.get(app.input), lang)
            others = [c.code for c in by.choices if c.code not in app.values]
            code, shown = (("explain.applies_only", app.values) if len(app.values) <= len(others)
                           else ("explain.applies_except", others))
            found.append(t(code, lang, input=name, value=value,
                           values="; ".join(show_value(pack, app.input, v, lang) for v in shown)))
            grouped.setdefault((name, value), []).append(ind.id)
        if ind.reference is not None and ind.reference.note:
            found.append(t("explain.note", lang, note=ind.reference.note))
        if found:
            by_indicator[ind.id] = found
    short = short_titles(pack, lang)
    lines = [t("explain.not_applicable", lang, input=name, value=value, n=len(ids),
               labels="; ".join(short[i] for i in ids)) for (name, value), ids in grouped.items()]
    return Notes(by_indicator, lines, indicator_titles(pack, lang), blank=blank_words(pack, lang))


def blank_words(pack: Pack, lang: str = "vi") -> str | None:
    """The sentence said where a blank decides, from the pack's ``blank_not_met``: the text's own
    clause ('… theo Thông tư 24/2023/TT-BGDĐT, Điều 9, khoản 3') or the pack's reading (TT 25 has
    no such clause). Kept out of the tree and the reason, which are hashed into stored runs."""
    blank = pack.blank_not_met
    if blank is None:
        return None
    if blank.basis == "text":
        return t("explain.blank_text", lang, cite=blank.reference.cite())
    return t("explain.blank_reading", lang, document=(blank.reference or pack.reference).document)


def short_titles(pack: Pack, lang: str = "vi", width: int = 50) -> dict[str, str]:
    """``indicator_titles`` cut to about ``width`` characters for a list on one line, keeping the
    number in front and the level at the end ('2.4 Tỷ lệ thành viên có chứng nhận… — mức độ 1'),
    which tell two indicators apart; a title that would then read like another's is kept whole."""
    return _once(pack, ("short titles", lang, width), lambda: _short_titles(pack, lang, width))


def _short_titles(pack: Pack, lang: str, width: int) -> dict[str, str]:
    titles = indicator_titles(pack, lang)
    short = {}
    for i, title in titles.items():
        head, sep, level = title.rpartition(" — ")
        if not sep or len(level) > 20:   # no level at its end: cut the whole title
            head, level = title, ""
        cut = shortened(head, width)
        short[i] = cut + (f" — {level}" if level else "")
    seen = list(short.values())
    return {i: s if seen.count(s) == 1 else titles[i] for i, s in short.items()}


def shortened(text: str, width: int = 70) -> str:
    """Long indicator labels cut at a word, so each missing item stays on about one line; a cut that
    would leave a bracket open ('… học tập (nhà văn…') is made before the bracket instead."""
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0]
    if cut.count("(") > cut.count(")") and cut[:cut.rindex("(")].strip():
        cut = cut[:cut.rindex("(")]
    return cut.rstrip(",;: ") + "…"
