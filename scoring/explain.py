"""Step 5: the explanation of one result, as data.

A small tree of frozen objects: outcome <- rule <- criteria <- indicators <- inputs, each with
its legal reference, plus what the record still lacks for the next better outcome.
Renderers (text, Markdown, JSON) live in ``render``; ``to_dict`` is the stable JSON form.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .evaluate import IndicatorResult, Scored
from .pack import (AtLeastRule, BandsOutcome, Indicator, LoadedPack, Pack, PointsRule,
                   Reference, TitleAtLeastRule, YesNoRule)

SCHEMA = "hoctap.explanation/1"

WORDS = {
    "vi": {"met": "đạt", "not_met": "chưa đạt", "missing": "thiếu dữ liệu", "not_applicable": "không áp dụng",
           "yes": "có", "no": "không", "total": "tổng điểm", "all_met": "mọi chỉ số đạt mức tối thiểu",
           "otherwise": "các trường hợp còn lại", "needs": "cần", "level_all": "mọi chỉ số áp dụng của mức này đều đạt"},
    "en": {"met": "met", "not_met": "not met", "missing": "missing", "not_applicable": "not applicable",
           "yes": "yes", "no": "no", "total": "total", "all_met": "every indicator at its minimum",
           "otherwise": "all other cases", "needs": "needs", "level_all": "every applicable indicator of this level met"},
}


@dataclass(frozen=True)
class IndicatorNode:
    id: str
    label: str
    status: str
    points: float | None
    max: float | None
    input: str
    value: Any
    condition: str          # what "met" requires, e.g. "≥ 5"
    rule: str               # the engine rule that fired
    reference: str | None


@dataclass(frozen=True)
class CriterionNode:
    id: str
    label: str
    points: float | None
    max: float | None
    indicators: tuple[IndicatorNode, ...]


@dataclass(frozen=True)
class Blocker:
    indicator: str
    label: str
    value: Any
    needs: str


@dataclass(frozen=True)
class NextStep:
    outcome: str
    label: str
    points_needed: float | None
    blockers: tuple[Blocker, ...]
    reachable: bool


@dataclass(frozen=True)
class Explanation:
    schema: str
    record: str
    criteria_pack: dict[str, str]
    pack_title: str
    pack_status: str
    pack_reference: str
    outcome: str
    outcome_label: str
    rule: str
    rule_condition: str
    rule_reference: str | None
    total: float | None
    max: float | None
    criteria: tuple[CriterionNode, ...]
    next: NextStep | None
    lang: str = "vi"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def explain(scored: Scored, loaded: LoadedPack, lang: str = "vi") -> Explanation:
    pack = loaded.pack
    words = WORDS[lang]
    results = {r.id: r for r in scored.indicators}
    criteria = tuple(
        CriterionNode(
            id=crit.id, label=crit.label.get(lang),
            points=_sum([results[i.id].points for i in crit.indicators]),
            max=_sum([results[i.id].max for i in crit.indicators]),
            indicators=tuple(_indicator_node(pack, ind, results[ind.id], lang) for ind in crit.indicators))
        for crit in pack.criteria)
    condition, reference = _outcome_condition(pack, scored.outcome, words)
    return Explanation(
        schema=SCHEMA, record=scored.id, criteria_pack=loaded.identity(), pack_title=pack.title.get(lang),
        pack_status=pack.status, pack_reference=pack.reference.cite(), outcome=scored.outcome,
        outcome_label=pack.outcome_label(scored.outcome, lang), rule=scored.outcome_rule,
        rule_condition=condition, rule_reference=reference, total=scored.total, max=scored.max_total,
        criteria=criteria, next=next_step(scored, pack, lang), lang=lang)


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present), 4) if present else None


def _cite(ref: Reference | None) -> str | None:
    return ref.cite() if ref else None


def _indicator_node(pack: Pack, ind: Indicator, result: IndicatorResult, lang: str) -> IndicatorNode:
    return IndicatorNode(
        id=ind.id, label=ind.label.get(lang), status=result.status, points=result.points, max=result.max,
        input=ind.input_name, value=result.value, condition=condition_text(pack, ind, lang),
        rule=result.rule, reference=_cite(ind.reference))


def condition_text(pack: Pack, ind: Indicator, lang: str = "vi") -> str:
    rule, words = ind.rule, WORDS[lang]
    unit = pack.input(ind.input_name).unit
    unit = f" {unit}" if unit else ""
    if isinstance(rule, PointsRule):
        return f"≥ {rule.threshold:g}/{rule.max:g}"
    if isinstance(rule, AtLeastRule):
        return f"{'>' if rule.strict else '≥'} {rule.value:g}{unit}"
    if isinstance(rule, YesNoRule):
        return f"= {words['yes'] if rule.expected else words['no']}"
    if isinstance(rule, TitleAtLeastRule):
        choice = next(c for c in pack.input(ind.input_name).choices if c.code == rule.title)
        return f"≥ {choice.label.get(lang)}"
    raise TypeError(rule.kind)  # pragma: no cover


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
    codes = pack.outcome_codes
    rank = codes.index(scored.outcome)
    if target is None:
        if rank == 0:
            return None
        target = codes[rank - 1]
    results = {r.id: r for r in scored.indicators}
    if isinstance(pack.outcome, BandsOutcome):
        band = next(b for b in pack.outcome.bands if b.code == target)
        needed = max(0.0, round(band.min_total - (scored.total or 0), 4)) if band.min_total is not None else None
        blocking = [i for i in pack.indicators if band.all_met and results[i.id].status in ("not_met", "missing")]
        headroom = sum((r.max or 0) - (r.points or 0) for r in scored.indicators if r.max is not None)
        reachable = needed is None or needed <= headroom + 1e-9
    else:
        needed = None
        blocking = [i for i in pack.indicators
                    if target in i.levels and results[i.id].status in ("not_met", "missing")]
        reachable = True
    blockers = tuple(Blocker(i.id, i.label.get(lang), results[i.id].value, condition_text(pack, i, lang)) for i in blocking)
    return NextStep(target, pack.outcome_label(target, lang), needed, blockers, reachable)


def short_reason(scored: Scored, pack: Pack, lang: str = "vi") -> str:
    """One line for tables and CSV: the rule that decided, and what the next outcome needs.
    Built from the result directly (no tree), since a batch writes one per record."""
    words = WORDS[lang]
    reason, _ = _outcome_condition(pack, scored.outcome, words)
    if scored.total is not None:
        reason = f"{scored.total:g}/{scored.max_total:g}; {reason}"
    step = next_step(scored, pack, lang)
    if step:
        reason += f" → {step.label}: " + "; ".join(_needs(step, words))
    return reason


def _needs(step: NextStep, words: dict[str, str]) -> list[str]:
    parts = []
    if step.points_needed:
        parts.append(f"+{step.points_needed:g}")
    for b in step.blockers:
        value = words["missing"] if b.value is None else _show(b.value, words)
        parts.append(f"{b.indicator} = {value}, {words['needs']} {b.needs}")
    return parts


def _show(value: Any, words: dict[str, str]) -> str:
    if isinstance(value, bool):
        return words["yes"] if value else words["no"]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
