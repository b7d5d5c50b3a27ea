"""Lint: what a valid criteria pack may still get wrong, found before anyone is scored.

The loader (scoring/pack.py) refuses what cannot be read or run. Lint looks at a pack that
loads and reports what is certainly wrong (``error``: an outcome no record can reach, maxima
that do not add up to the declared total) or probably wrong (``warning``: an input nothing
reads, a rule every record meets, a label missing in a language the pack uses elsewhere).

Every message starts ``FILE:LINE: yaml.path: error|warning:`` so that editors can jump to it.
Bands use lower bounds only (``min_total``), best first, with a fallback last: they cannot
leave a gap, so the range checks are about overlap (a band that another band above it always
takes first) and reach (a band above the maximum, a band that every total already reaches).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from scoring.authoring.coverage import indicator_paths
from scoring.engine.adapter import check_fits
from scoring.engine.compile import compile_pack
from scoring.errors import EngineLimitError
from scoring.messages import Msg, t
from scoring.packs.cache import load_pack_file
from scoring.packs.shipped import shipped_dir, shipped_file
from scoring.packs.yamlfile import display_path
from scoring.packs.model import (AtLeastRule, Band, BandsOutcome, GradedRule, Indicator, Input, LevelsOutcome, LoadedPack, Pack, PointsRule, Text, TitleAtLeastRule,
                                 menu_clashes)

Severity = Literal["error", "warning"]
EPSILON = 1e-9


@dataclass(frozen=True)
class LintMessage:
    severity: Severity
    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{display_path(self.file)}:{self.line}" if self.line else display_path(self.file)
        return f"{where}: {self.path or t('top')}: {t('lint.' + self.severity)}: {self.message}"


Finding = tuple[Severity, str, str]   # severity, YAML path, message


def lint(loaded: LoadedPack) -> list[LintMessage]:
    """Every finding on a loaded pack, errors first, each with the file and line it is about."""
    pack = loaded.pack
    findings = [*_totals(pack), *_bands(pack), *_levels(pack), *_inputs(pack), *_rules(pack), *_labels(pack),
                *_engine_limits(loaded), *_shipped_identity(loaded)]
    messages = []
    for severity, path, message in findings:
        file, line = loaded.document.where(path) if loaded.document else (loaded.source, None)
        messages.append(LintMessage(severity, file, line, path, message))
    return sorted(messages, key=lambda m: m.severity != "error")


# --- identity -----------------------------------------------------------------------------

def _shipped_identity(loaded: LoadedPack) -> Iterator[Finding]:
    """A copy of a shipped pack, edited but still under its id and version: results would name
    the shipped pack for rules it does not have (one id and version must never name two texts)."""
    shipped = shipped_file(shipped_dir(), loaded.pack.id)
    if shipped is None or Path(loaded.source).resolve() == shipped.resolve():
        return
    original = load_pack_file(shipped)
    if original.pack.version == loaded.pack.version and original.sha256 != loaded.sha256:
        yield ("warning", "version", t("lint.shipped_version", id=loaded.pack.id, version=loaded.pack.version))


# --- totals and bands ---------------------------------------------------------------------

def _totals(pack: Pack) -> Iterator[Finding]:
    declared, total = pack.declared_max_total, pack.max_total
    if declared is None:
        if isinstance(pack.outcome, BandsOutcome):
            yield ("warning", "outcome", t("lint.no_max_total", total=f"{total:g}"))
        return
    if total is None:
        yield ("error", "max_total", t("lint.levels_max_total"))
    elif abs(total - declared) > EPSILON:
        parts = ", ".join(f"{c.id}: {_sum_max(c.indicators):g}" for c in pack.criteria)
        yield ("error", "max_total", t("lint.max_total", total=f"{total:g}", parts=parts, declared=f"{declared:g}"))


def _sum_max(indicators: list[Indicator]) -> float:
    return sum(i.max_points or 0 for i in indicators)


def min_total(pack: Pack) -> float:
    """The smallest total any valid record can have (points rules give at least their input's minimum)."""
    low = 0.0
    for ind in pack.indicators:
        inp = pack.input(ind.input_name)
        if isinstance(ind.rule, PointsRule) and inp.required and ind.applies_to is None and inp.min:
            low += inp.min
    return low


def _bands(pack: Pack) -> Iterator[Finding]:
    if not isinstance(pack.outcome, BandsOutcome):
        return
    bands, top, floor = pack.outcome.bands, pack.max_total or 0, min_total(pack)
    for k, band in enumerate(bands):
        path = f"outcome.bands[{k}]"
        if band.min_total is not None and band.min_total > top + EPSILON:
            yield ("error", f"{path}.min_total", t("lint.band_above_max", band=band.code, min=f"{band.min_total:g}", top=f"{top:g}"))
        above = next((b for b in bands[:k] if _takes_first(b, band)), None)
        if above is not None:
            yield ("error", path, t("lint.band_overlap", band=band.code, above=above.code))
        if k < len(bands) - 1 and not band.all_met and band.min_total is not None and band.min_total <= floor + EPSILON:
            yield ("error", f"{path}.min_total", t("lint.band_takes_all", floor=f"{floor:g}", band=band.code))


def _takes_first(better: Band, worse: Band) -> bool:
    """Whether ``better`` (listed first) holds whenever ``worse`` does."""
    if better.min_total is not None and (worse.min_total is None or better.min_total > worse.min_total):
        return False
    return not better.all_met or worse.all_met


# --- levels ---------------------------------------------------------------------------------

def _levels(pack: Pack) -> Iterator[Finding]:
    if not isinstance(pack.outcome, LevelsOutcome):
        return
    counted = {lv.code: {i.id for i in pack.indicators if lv.code in i.levels} for lv in pack.outcome.levels}
    levels = pack.outcome.levels
    for k, level in enumerate(levels):
        for better in levels[:k]:
            if counted[better.code] <= counted[level.code]:
                yield ("error", f"outcome.levels[{k}]", t("lint.level_never", level=level.code, better=better.code))
                break


# --- inputs and rules -----------------------------------------------------------------------

def _inputs(pack: Pack) -> Iterator[Finding]:
    read = {ind.input_name for ind in pack.indicators} | {i.applies_to.input for i in pack.indicators if i.applies_to}
    for k, inp in enumerate(pack.inputs):
        if inp.name not in read and inp.read_by_rules:
            yield ("warning", f"inputs[{k}]", t("lint.input_unread", name=inp.name))
        elif inp.name in read and not inp.read_by_rules:
            yield ("warning", f"inputs[{k}].read_by_rules", t("lint.input_read", name=inp.name))
        for n, shown, other, alias in menu_clashes(inp):   # 'hoctap check' reads n as the n-th choice
            where = f"inputs[{k}].choices[{other}]." + ("code" if alias is None else f"aliases[{alias}]")
            yield ("warning", where, t("lint.menu_clash", n=n, choice=inp.choices[other].code,
                                       shown=inp.choices[shown].code, name=inp.name))


def _engine_limits(loaded: LoadedPack) -> Iterator[Finding]:
    """A rule too wide for the rules engine's fixed tables (see scoring/engine/adapter.py) is
    refused here, before anyone is scored, at the indicator it comes from."""
    try:
        check_fits(compile_pack(loaded).definition)
    except EngineLimitError as exc:
        paths = indicator_paths(loaded.pack)
        indicator = exc.rule.split("__", 1)[0]
        yield ("error", paths.get(indicator, "outcome"), str(exc))


def _rules(pack: Pack) -> Iterator[Finding]:
    paths = indicator_paths(pack)
    for ind in pack.indicators:
        path = f"{paths[ind.id]}.rule"
        yield from ((s, path if p is None else f"{path}.{p}", m) for s, p, m in _rule_findings(pack, ind))
        if ind.applies_to is not None:
            inp = pack.input(ind.applies_to.input)
            if set(ind.applies_to.values) >= {c.code for c in inp.choices}:
                yield ("warning", f"{paths[ind.id]}.applies_to", t("lint.applies_all", name=inp.name, id=ind.id))
        if isinstance(pack.outcome, LevelsOutcome) and getattr(ind.rule, "points", None) is not None:
            yield ("warning", f"{path}.points", t("lint.levels_points", id=ind.id))


def _rule_findings(pack: Pack, ind: Indicator) -> Iterator[tuple[Severity, str | None, str]]:
    rule, inp = ind.rule, pack.input(ind.input_name)
    low, high = inp.min, inp.max
    for where, value in _thresholds(rule):
        if _looks_like_a_fraction(inp, value):
            yield ("warning", where, t("lint.fraction", value=Msg("num", x=value), name=inp.name, pct=Msg("num", x=value * 100),
                                       typed=f"{value * 100:g}"))
    if isinstance(rule, AtLeastRule):
        if high is not None and (rule.value > high or (rule.strict and rule.value >= high)):
            yield ("error", "value", t("lint.never_met_strict" if rule.strict else "lint.never_met", id=ind.id, value=f"{rule.value:g}",
                                         name=inp.name, high=f"{high:g}"))
        if low is not None and (low > rule.value or (not rule.strict and low >= rule.value)):
            yield ("warning", "value", t("lint.always_met", id=ind.id, name=inp.name, low=f"{low:g}"))
    elif isinstance(rule, PointsRule) and low is not None and low >= rule.threshold:
        yield ("warning", "pass_at", t("lint.always_pass_at", id=ind.id, pass_at=f"{rule.threshold:g}", low=f"{low:g}"))
    elif isinstance(rule, TitleAtLeastRule) and inp.choice_rank(rule.title) == 0:
        yield ("warning", "title", t("lint.always_title", id=ind.id, title=rule.title, name=inp.name))
    elif isinstance(rule, GradedRule):
        yield from _graded_findings(ind, rule, inp.name, low, high)


def _thresholds(rule: object) -> Iterator[tuple[str, float]]:
    """The numbers a rule compares its input with, by their path below the rule."""
    if isinstance(rule, AtLeastRule):
        yield "value", rule.value
    elif isinstance(rule, GradedRule):
        yield from ((f"table[{k}].at_least", row.at_least) for k, row in enumerate(rule.table))


def _looks_like_a_fraction(inp: Input, value: float) -> bool:
    """0 < value < 1 against a share written in % (0–100): 'at_least: 0.8' is 0,8 %, surely 80 % was meant."""
    unit = inp.unit.vi if isinstance(inp.unit, Text) else inp.unit
    return unit == "%" and (inp.min or 0) == 0 and inp.max == 100 and 0 < value < 1


def _graded_findings(ind: Indicator, rule: GradedRule, name: str, low: float | None,
                     high: float | None) -> Iterator[tuple[Severity, str | None, str]]:
    for k, row in enumerate(rule.table):
        where = f"table[{k}].at_least"
        if high is not None and row.at_least > high:
            yield ("error", where, t("lint.row_never", row=k + 1, id=ind.id, at_least=f"{row.at_least:g}", name=name, high=f"{high:g}"))
        upper = rule.table[k - 1].at_least if k else None
        if low is not None and upper is not None and upper <= low:
            yield ("warning", where, t("lint.row_shadowed", row=k + 1, id=ind.id, name=name, low=f"{low:g}", above=k))


# --- labels ---------------------------------------------------------------------------------

def _labels(pack: Pack) -> Iterator[Finding]:
    """If any label has English, every label (title, criteria, indicators, inputs, choices,
    outcomes) should, and so should every hint and evidence text: a report or form in English would
    otherwise mix languages. (A reference's note is one plain text, in no language in particular.)"""
    labels, guides = list(_all_labels(pack)), list(_guide_texts(pack))
    if not any(text.en for _, text in labels + guides):
        return
    for path, text in labels:
        if not text.en:
            yield ("warning", f"{path}.en" if path != "title" else "title.en",
                   t("lint.no_en"))
    for path, text in guides:
        if not text.en:
            yield ("warning", f"{path}.en", t("lint.no_en_" + path.rsplit(".", 1)[1]))
    for k, inp in enumerate(pack.inputs):   # a unit in words ('chương trình'), not a sign ('%'), needs English too
        if isinstance(inp.unit, str) and any(ch.isalpha() for ch in inp.unit):
            yield ("warning", f"inputs[{k}].unit", t("lint.unit_no_en", unit=inp.unit))


def _guide_texts(pack: Pack) -> Iterator[tuple[str, Text]]:
    """The hints and evidence texts: shown on forms and in 'hoctap check', beside the labels."""
    for k, inp in enumerate(pack.inputs):
        if inp.hint:
            yield f"inputs[{k}].hint", inp.hint
    for c, crit in enumerate(pack.criteria):
        for i, ind in enumerate(crit.indicators):
            for key in ("hint", "evidence"):
                if getattr(ind, key):
                    yield f"criteria[{c}].indicators[{i}].{key}", getattr(ind, key)


def _all_labels(pack: Pack) -> Iterator[tuple[str, Text]]:
    yield "title", pack.title
    for k, inp in enumerate(pack.inputs):
        if inp.label:
            yield f"inputs[{k}].label", inp.label
        if isinstance(inp.unit, Text):
            yield f"inputs[{k}].unit", inp.unit
        for j, choice in enumerate(inp.choices):
            yield f"inputs[{k}].choices[{j}].label", choice.label
    for c, crit in enumerate(pack.criteria):
        yield f"criteria[{c}].label", crit.label
        for i, ind in enumerate(crit.indicators):
            yield f"criteria[{c}].indicators[{i}].label", ind.label
    out = pack.outcome
    if isinstance(out, BandsOutcome):
        for k, band in enumerate(out.bands):
            yield f"outcome.bands[{k}].label", band.label
    else:
        for k, level in enumerate(out.levels):
            yield f"outcome.levels[{k}].label", level.label
        yield "outcome.otherwise.label", out.otherwise.label
