"""Rule coverage: which compiled rules a pack's test cases can and do reach.

The targets are the engine rules themselves (scoring/compile.py): every indicator's
``<id>__met``, ``__not_met`` (one per table row for ``graded``), ``__missing`` and
``__not_applicable``, and every band or level. Rules that no valid record can fire are left
out, each for a stated reason, so that 100% is reachable for a correct pack.
"""
from __future__ import annotations

from dataclasses import dataclass

from scoring.engine.compile import compile_pack
from scoring.packs.model import (AtLeastRule, BandsOutcome, GradedRule, Indicator, LoadedPack, Pack, PointsRule, TitleAtLeastRule)


@dataclass(frozen=True)
class Target:
    rule: str     # engine rule name, e.g. "2a__not_met" or "band__tot"
    path: str     # YAML path of the indicator, band or level it belongs to


def indicator_paths(pack: Pack) -> dict[str, str]:
    return {ind.id: f"criteria[{c}].indicators[{i}]"
            for c, crit in enumerate(pack.criteria) for i, ind in enumerate(crit.indicators)}


def outcome_paths(pack: Pack) -> dict[str, str]:
    out = pack.outcome
    if isinstance(out, BandsOutcome):
        return {b.code: f"outcome.bands[{k}]" for k, b in enumerate(out.bands)}
    paths = {lv.code: f"outcome.levels[{k}]" for k, lv in enumerate(out.levels)}
    paths[out.otherwise.code] = "outcome.otherwise"
    return paths


def cannot_occur(pack: Pack, ind: Indicator, status: str) -> str | None:
    """Why no valid record can give ``ind`` this status, or None when one can."""
    inp = pack.input(ind.input_name)
    if status == "not_applicable" and ind.applies_to is None:
        return "the indicator has no applies_to"
    if status == "missing" and inp.required:
        # the record validator rejects a record without a required value whenever an indicator reading it applies
        return f"input '{inp.name}' is required"
    if status == "not_met" and _always_met(pack, ind):
        return "every allowed value meets the rule"
    return None


def _always_met(pack: Pack, ind: Indicator) -> bool:
    rule, low = ind.rule, pack.input(ind.input_name).min
    if isinstance(rule, PointsRule):
        return low is not None and low >= rule.threshold
    if isinstance(rule, AtLeastRule):
        return low is not None and (low > rule.value if rule.strict else low >= rule.value)
    if isinstance(rule, GradedRule):
        return low is not None and low >= rule.table[0].at_least
    if isinstance(rule, TitleAtLeastRule):
        return pack.input(ind.input_name).choice_rank(rule.title) == 0
    return False


def _row_below_minimum(pack: Pack, ind: Indicator, row: int | None) -> bool:
    """A graded row k covers [at_least of row k, at_least of row k-1): unreachable when the
    input's minimum is already at the upper end."""
    low = pack.input(ind.input_name).min
    if not isinstance(ind.rule, GradedRule) or not row or low is None:
        return False
    return low >= ind.rule.table[row - 1].at_least


def reachable_targets(loaded: LoadedPack) -> list[Target]:
    pack = loaded.pack
    compiled = compile_pack(loaded)
    by_id = {ind.id: ind for ind in pack.indicators}
    ind_paths, out_paths = indicator_paths(pack), outcome_paths(pack)
    targets = []
    for name, ref in compiled.rules.items():
        if ref.kind == "indicator":
            ind = by_id[ref.target]
            if ref.status and cannot_occur(pack, ind, ref.status) or _row_below_minimum(pack, ind, ref.row):
                continue
            targets.append(Target(name, ind_paths[ref.target]))
        else:
            targets.append(Target(name, out_paths[ref.target]))
    return targets
