"""An independent, plain-Python reference evaluator for criteria packs, plus a random
record generator biased toward boundaries. Tests compare the durable-rules engine with it.

Deliberately shares no code with the engine (scoring/engine/: evaluate.py, compile.py, adapter.py):
it only reads the pack models from scoring/packs/pack.py and follows the spec literally.

A *normalised record* maps input name -> float (number), bool (boolean), choice code (str)
(choice), or None / absent when the value is missing.
"""
from __future__ import annotations

import math
import random

from scoring.packs.model import (AtLeastRule, BandsOutcome, GradedRule, Indicator, Input, Pack, PointsRule, TitleAtLeastRule, YesNoRule)

MET_OR_NA = ("met", "not_applicable")


# --- the reference evaluator ------------------------------------------------------------

def reference_score(pack: Pack, values: dict[str, object]) -> dict:
    indicators = {}
    for ind in pack.indicators:
        indicators[ind.id] = _indicator_result(pack, ind, values)

    if isinstance(pack.outcome, BandsOutcome):
        total = round(sum(r["points"] for r in indicators.values() if r["points"] is not None), 4)
        all_met = all(r["status"] in MET_OR_NA for r in indicators.values())
        outcome = None
        for band in pack.outcome.bands:
            total_ok = band.min_total is None or total >= band.min_total
            met_ok = not band.all_met or all_met
            if total_ok and met_ok:
                outcome = band.code
                break
        assert outcome is not None, "the last band is unconditional, so one band always matches"
    else:
        total = None
        outcome = pack.outcome.otherwise.code
        for level in pack.outcome.levels:
            counted = [ind for ind in pack.indicators if level.code in ind.levels]
            if all(indicators[ind.id]["status"] in MET_OR_NA for ind in counted):
                outcome = level.code
                break

    return {"outcome": outcome, "total": total, "indicators": indicators}


def _indicator_result(pack: Pack, ind: Indicator, values: dict[str, object]) -> dict:
    if ind.applies_to is not None and values.get(ind.applies_to.input) not in ind.applies_to.values:
        return {"status": "not_applicable", "points": None}

    value = values.get(ind.input_name)
    if value is None:
        return {"status": "missing", "points": 0.0 if ind.max_points is not None else None}

    rule = ind.rule
    if isinstance(rule, PointsRule):
        met = value >= rule.threshold
        return {"status": "met" if met else "not_met", "points": float(value)}
    if isinstance(rule, GradedRule):
        return _graded_result(rule, value)

    if isinstance(rule, AtLeastRule):
        met = value > rule.value if rule.strict else value >= rule.value
    elif isinstance(rule, YesNoRule):
        met = value == rule.expected
    elif isinstance(rule, TitleAtLeastRule):
        codes = [c.code for c in pack.input(ind.input_name).choices]
        met = codes.index(value) >= codes.index(rule.title)
    else:
        raise TypeError(f"unknown rule kind {rule!r}")

    if met:
        points = rule.points
    else:
        points = 0.0 if rule.points is not None else None
    return {"status": "met" if met else "not_met", "points": None if points is None else float(points)}


def _graded_result(rule: GradedRule, value: float) -> dict:
    """A partial-credit table, read as the spec says: rows best first, the first row whose
    'at_least' the value reaches gives its points (met only on the first row); below every row, 0."""
    for i, row in enumerate(rule.table):
        if value >= row.at_least:
            return {"status": "met" if i == 0 else "not_met", "points": float(row.points)}
    return {"status": "not_met", "points": 0.0}


# --- random records, biased toward boundaries ----------------------------------------------

def random_values(pack: Pack, rng: random.Random) -> dict:
    """A valid normalised record for ``pack``.

    Per record, one of two moods: plain random (boundary-heavy numbers), or 'eager' (most
    inputs set to a value that meets every rule reading them), so that top bands / top
    levels are reached often. Optional inputs are sometimes None or left out. For bands
    packs some records are then nudged so the total lands exactly on (or 0.5 below) a
    band's min_total.
    """
    eager = rng.random() < 0.35
    values: dict[str, object] = {}
    for inp in pack.inputs:
        if not inp.required and rng.random() < 0.12:
            if rng.random() < 0.5:
                values[inp.name] = None       # else: absent from the record altogether
            continue
        if eager and rng.random() < 0.92:
            values[inp.name] = _passing_value(pack, inp, rng)
        else:
            values[inp.name] = _any_value(pack, inp, rng)

    if isinstance(pack.outcome, BandsOutcome) and rng.random() < 0.35:
        _land_on_band_boundary(pack, values, rng)
    for inp in pack.inputs:   # a count (whole: true) is a whole number in a valid record
        if getattr(inp, "whole", False) and isinstance(values.get(inp.name), float):
            values[inp.name] = float(round(values[inp.name]))
    for check in pack.checks:   # a valid record holds the pack's relations (A <= B): the larger is lowered, at times to equal
        a, b = values.get(check.input), values.get(check.at_most)
        if a is not None and b is not None and a > b:
            values[check.input], values[check.at_most] = (b, a) if rng.random() < 0.5 else (b, b)
    return values


def _rules_reading(pack: Pack, inp: Input) -> list:
    return [ind.rule for ind in pack.indicators if ind.input_name == inp.name]


def _thresholds(pack: Pack, inp: Input) -> list[float]:
    out = []
    for rule in _rules_reading(pack, inp):
        if isinstance(rule, PointsRule) and rule.pass_at is not None:
            out.append(rule.pass_at)
        if isinstance(rule, AtLeastRule):
            out.append(rule.value)
        if isinstance(rule, GradedRule):
            out.extend(row.at_least for row in rule.table)
    return out


def _range(pack: Pack, inp: Input) -> tuple[float, float]:
    """min..max of a number input; an open end is put 10 beyond the thresholds (and 0)."""
    ts = _thresholds(pack, inp)
    lo = inp.min if inp.min is not None else min([0.0, *ts]) - 10
    hi = inp.max if inp.max is not None else max([lo, *ts]) + 10
    return float(lo), float(hi)


def _clip(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _grid_value(rng: random.Random, lo: float, hi: float) -> float:
    """Uniform among the multiples of 0.5 in lo..hi (uniform float if there are none)."""
    first, last = math.ceil(lo * 2), math.floor(hi * 2)
    if first > last:
        return rng.uniform(lo, hi)
    return rng.randint(first, last) / 2


def _any_value(pack: Pack, inp: Input, rng: random.Random) -> object:
    if inp.type == "boolean":
        return rng.random() < 0.5
    if inp.type == "choice":
        return rng.choice(inp.choices).code

    lo, hi = _range(pack, inp)
    pick = rng.random()
    if pick < 0.45:
        near = [t + d for t in _thresholds(pack, inp) for d in (0, 0, -0.5, 0.5, -1, 1)]
        if near:
            return _clip(rng.choice(near), lo, hi)
    if pick < 0.6:
        return rng.choice([lo, hi])
    if pick < 0.75:
        # a 'half-point' value: x.5
        first, last = math.ceil(lo - 0.5), math.floor(hi - 0.5)
        if first <= last:
            return rng.randint(first, last) + 0.5
    return _grid_value(rng, lo, hi)


def _passing_value(pack: Pack, inp: Input, rng: random.Random) -> object:
    """A value meeting every rule that reads ``inp`` when possible (else a random one)."""
    rules = _rules_reading(pack, inp)
    if inp.type == "boolean":
        wanted = [r.expected for r in rules if isinstance(r, YesNoRule)]
        return wanted[0] if wanted else rng.random() < 0.5
    if inp.type == "choice":
        codes = [c.code for c in inp.choices]
        titles = [codes.index(r.title) for r in rules if isinstance(r, TitleAtLeastRule)]
        if not titles:
            return rng.choice(codes)
        return rng.choice(codes[max(titles):])

    lo, hi = _range(pack, inp)
    need, strict = lo, False
    for rule in rules:
        if isinstance(rule, PointsRule):
            t, s = rule.threshold, False
        elif isinstance(rule, AtLeastRule):
            t, s = rule.value, rule.strict
        elif isinstance(rule, GradedRule):
            t, s = rule.table[0].at_least, False
        else:
            continue
        if t > need or (t == need and s):
            need, strict = t, s
    start = need + 0.5 if strict else need
    if start > hi:
        return hi
    return rng.choice([start, start, _clip(start + 0.5, lo, hi), hi, _grid_value(rng, start, hi)])


def _land_on_band_boundary(pack: Pack, values: dict, rng: random.Random) -> None:
    """Move points-rule inputs so the total equals a band's min_total (or 0.5 below it)."""
    mins = [b.min_total for b in pack.outcome.bands if b.min_total is not None]
    if not mins:
        return
    target = rng.choice(mins) - (0.5 if rng.random() < 0.3 else 0.0)
    movable = [ind for ind in pack.indicators
               if isinstance(ind.rule, PointsRule) and pack.input(ind.input_name).type == "number"]
    rng.shuffle(movable)
    for ind in movable:
        total = reference_score(pack, values)["total"]
        if total == target:
            return
        result = reference_score(pack, values)["indicators"][ind.id]
        if result["status"] == "not_applicable":
            continue
        inp = pack.input(ind.input_name)
        lo, hi = _range(pack, inp)
        old = result["points"] or 0.0
        values[inp.name] = round(_clip(old + (target - total), lo, hi), 6)
