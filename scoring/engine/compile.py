"""Step 3: compile a validated pack into a durable-rules ruleset (plain dict data).

Two kinds of fact go into a record's session:
- the record fact ``{"t": "rec", "a0": 1, "a1": 1, …, "v0": …, "v1": …}``: every indicator has
  four rules on it, ``<id>__met``, ``<id>__not_met``, ``<id>__missing``, ``<id>__not_applicable``,
  written so that exactly one of the four matches any valid record (a ``graded`` indicator splits
  ``__not_met`` into one rule per lower table row, ``__not_met__row2`` … ``__not_met__below``).
  Each indicator's rules first ask for its own flag (``a3`` for the pack's fourth indicator): a
  record fact carrying every flag fires a rule of every indicator; one carrying some flags only,
  a rule of those indicators only (issue 14: the decision cache asks the engine only about the
  indicators whose situation is new);
- the summary fact ``{"t": "sum", "total": …, "unmet": …, "u0": …}``: one rule per band
  (``band__<code>``) or level (``level__<code>``); every band or level whose conditions
  hold fires, and the outcome is the best one that fired (the pack lists them best first).

Every pattern starts with the fixed discriminator ``t`` (a pattern of only "field missing"
also matches the engine's own state fact and loops). Field names are positional (``v3``)
because indicator ids like "1.1" are not safe engine field names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scoring.errors import EngineError
from scoring.messages import Msg
from scoring.packs.model import (AtLeastRule, BandsOutcome, GradedRule, Indicator, LoadedPack, Pack, PointsRule, TitleAtLeastRule, YesNoRule)

STATUSES = ("met", "not_met", "missing", "not_applicable")
Cond = dict[str, Any]


@dataclass(frozen=True)
class RuleRef:
    """What a generated rule means, so the engine's firings can be read back."""

    name: str
    kind: str            # "indicator" or "outcome"
    target: str          # indicator id or outcome code
    status: str | None   # indicator status, None for outcome rules
    row: int | None = None  # graded rules: the table row (0 = best) whose points apply; None below the table


@dataclass(frozen=True)
class CompiledPack:
    name: str                          # ruleset name: pack id + version + content hash
    definition: dict[str, dict]        # rule name -> {"all": [...]} (no actions: the adapter adds them)
    rules: dict[str, RuleRef]
    field_of: dict[str, str]           # input name -> fact field
    asks: dict[str, str]               # indicator id -> the flag field its rules require (``ask_field``)


def ruleset_name(loaded: LoadedPack) -> str:
    raw = f"{loaded.pack.id}__{loaded.pack.version}__{loaded.sha256[:12]}"
    return re.sub(r"[^A-Za-z0-9_]", "_", raw)


def compile_pack(loaded: LoadedPack) -> CompiledPack:
    pack = loaded.pack
    field_of = {inp.name: f"v{i}" for i, inp in enumerate(pack.inputs)}
    definition: dict[str, dict] = {}
    rules: dict[str, RuleRef] = {}
    asks = {ind.id: ask_field(k) for k, ind in enumerate(pack.indicators)}
    for ind in pack.indicators:
        conditions = _indicator_conditions(pack, ind, field_of)
        if isinstance(ind.rule, GradedRule):
            conditions = _graded_conditions(pack, ind, field_of, conditions)
        for suffix, cond in conditions.items():
            name = f"{ind.id}__{suffix}"
            status, _, row = suffix.partition("__")
            definition[name] = {"all": [{"m": {"$and": [{"t": "rec"}, {"$ex": {asks[ind.id]: 1}}, *cond]}}]}
            rules[name] = RuleRef(name, "indicator", ind.id, status, _row_index(ind, status, row))
    for code, cond in _outcome_conditions(pack).items():
        name = f"{'band' if isinstance(pack.outcome, BandsOutcome) else 'level'}__{code}"
        definition[name] = {"all": [{"m": {"$and": [{"t": "sum"}, *cond]}}]}
        rules[name] = RuleRef(name, "outcome", code, None)
    return CompiledPack(ruleset_name(loaded), definition, rules, field_of, asks)


def ask_field(place: int) -> str:
    """The record fact's flag that lets the rules of the pack's indicator at ``place`` match."""
    return f"a{place}"


def fact_value(pack: Pack, name: str, value: Any) -> Any:
    """How a normalised value is written into the record fact (booleans as 1/0:
    the engine compares True as a number anyway, so make it explicit)."""
    if isinstance(value, bool):
        return 1 if value else 0
    return value


def rank_field(field: str) -> str:
    return f"r{field[1:]}"


def _indicator_conditions(pack: Pack, ind: Indicator, field_of: dict[str, str]) -> dict[str, list[Cond]]:
    f = field_of[ind.input_name]
    applies, not_applies = _applicability(ind, field_of)
    met, not_met = _comparison(pack, ind, f)
    exists = {"$ex": {f: 1}}
    return {
        "met": [*applies, exists, met],
        "not_met": [*applies, exists, not_met],
        "missing": [*applies, {"$nex": {f: 1}}],
        "not_applicable": not_applies,
    }


def _graded_conditions(pack: Pack, ind: Indicator, field_of: dict[str, str],
                       base: dict[str, list[Cond]]) -> dict[str, list[Cond]]:
    """A graded indicator: 'met' at the first row, then one 'not_met' rule per lower row
    (``not_met__row2`` …) and one below the last row (left out when the input's minimum
    already reaches the last row). The rows' ranges do not overlap, so exactly one fires."""
    rule = ind.rule
    assert isinstance(rule, GradedRule)
    f = field_of[ind.input_name]
    applies, _ = _applicability(ind, field_of)
    exists = {"$ex": {f: 1}}
    out = {"met": base["met"]}
    shares = [row.at_least for row in rule.table]
    for k in range(1, len(shares)):
        out[f"not_met__row{k + 1}"] = [*applies, exists, {"$gte": {f: shares[k]}}, {"$lt": {f: shares[k - 1]}}]
    low = pack.input(ind.input_name).min
    if low is None or low < shares[-1]:
        out["not_met__below"] = [*applies, exists, {"$lt": {f: shares[-1]}}]
    out["missing"], out["not_applicable"] = base["missing"], base["not_applicable"]
    return out


def _row_index(ind: Indicator, status: str, row: str) -> int | None:
    if not isinstance(ind.rule, GradedRule):
        return None
    if status == "met":
        return 0
    return int(row.removeprefix("row")) - 1 if row.startswith("row") else None


def _applicability(ind: Indicator, field_of: dict[str, str]) -> tuple[list[Cond], list[Cond]]:
    """Conditions for 'applies' and for 'does not apply' (its exact complement)."""
    if ind.applies_to is None:
        # 'not applicable' must never match: compare the discriminator with a value it never has.
        return [], [{"t": "__never__"}]
    f = field_of[ind.applies_to.input]
    values = ind.applies_to.values
    applies = {"$or": [{f: v} for v in values]} if len(values) > 1 else {f: values[0]}
    return [applies], [{"$neq": {f: v}} for v in values]


def _comparison(pack: Pack, ind: Indicator, f: str) -> tuple[Cond, Cond]:
    rule = ind.rule
    if isinstance(rule, PointsRule):
        return {"$gte": {f: rule.threshold}}, {"$lt": {f: rule.threshold}}
    if isinstance(rule, GradedRule):   # 'not_met' is split by row in _graded_conditions
        return {"$gte": {f: rule.table[0].at_least}}, {"$lt": {f: rule.table[0].at_least}}
    if isinstance(rule, AtLeastRule):
        if rule.strict:
            return {"$gt": {f: rule.value}}, {"$lte": {f: rule.value}}
        return {"$gte": {f: rule.value}}, {"$lt": {f: rule.value}}
    if isinstance(rule, YesNoRule):
        want = 1 if rule.expected else 0
        return {f: want}, {f: 1 - want}
    if isinstance(rule, TitleAtLeastRule):
        rank = pack.input(ind.input_name).choice_rank(rule.title)
        r = rank_field(f)
        return {"$gte": {r: rank}}, {"$lt": {r: rank}}
    raise EngineError(Msg("engine.no_compiler", kind=repr(rule.kind)))  # pragma: no cover - the schema forbids it


def _outcome_conditions(pack: Pack) -> dict[str, list[Cond]]:
    out = pack.outcome
    conds: dict[str, list[Cond]] = {}
    if isinstance(out, BandsOutcome):
        for band in out.bands:
            cond: list[Cond] = []
            if band.min_total is not None:
                cond.append({"$gte": {"total": band.min_total}})
            if band.all_met:
                cond.append({"unmet": 0})
            conds[band.code] = cond
        return conds
    for i, level in enumerate(out.levels):
        conds[level.code] = [{f"u{i}": 0}]
    conds[out.otherwise.code] = []
    return conds
