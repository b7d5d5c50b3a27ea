"""A checked pack as plain Python objects: what every later step reads.

``scoring.packs.pack`` checks a criteria file with pydantic models (the schema); the pack it hands
on is made of the plain classes below, built from the checked data. The same classes are built
from the data kept in the pack cache (``scoring.packs.cache``), so a pack read from its YAML and
one read from the cache are the same objects, and scoring a CSV file starts without pydantic's
models nor the YAML reader (issue 14: start in a blink).

Each class lists its fields once (``FIELDS``: name → kind and default). ``build`` makes an object
from plain data (JSON's types), checking every kind as it goes; ``to_data`` gives that data back.
The methods and properties here are shared with the pydantic models, which subclass these classes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from typing import Any

from scoring.messages import Msg, did_you_mean, t, template

REQUIRED = object()
DATE = "date"   # a date, kept in data as its ISO text
TEXT_OR_STR = "text or str"   # a plain string, or a Text ({vi, en}) where older packs wrote a string


class Opt:
    """A field that may be None."""

    def __init__(self, kind: Any):
        self.kind = kind


class ListOf:
    def __init__(self, kind: Any):
        self.kind = kind


class OneOf:
    """A tagged union: the ``kind`` key of the data names the class."""

    def __init__(self, *classes: type):
        self.classes = {cls.FIELDS["kind"][1]: cls for cls in classes}


class Data:
    """A frozen record of named fields. Pydantic's models of the same names subclass these (and
    their own methods come first), so the methods below serve only the plain objects."""

    __slots__ = ()
    # no annotations here: pydantic would take annotated class attributes for fields
    FIELDS = {}    # name -> (kind, default)
    ALIASES = {}   # field -> its key in a criteria file, where they differ

    def __init__(self, **values: Any):
        for name, (_, default) in self.FIELDS.items():
            if name in values:
                value = values.pop(name)
            elif default is REQUIRED:
                raise TypeError(f"{type(self).__name__}: '{name}' is required")
            else:
                value = list(default) if isinstance(default, list) else default
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}: unknown field(s) {sorted(values)}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: Any) -> bool:
        return type(other) is type(self) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def model_copy(self, update: dict[str, Any] | None = None) -> Any:
        """A copy with some fields changed, unchecked: pydantic's name, so that one call serves a
        plain object and a pydantic model alike (goal packs stay pydantic models)."""
        return type(self)(**{**self.__dict__, **(update or {})})


# --- the classes of a pack (their fields and meaning: scoring.packs.pack) -------------------

class Text(Data):
    FIELDS = {"vi": (str, REQUIRED), "en": (Opt(str), None)}

    def get(self, lang: str = "vi") -> str:
        return (self.en if lang == "en" and self.en else self.vi)


class Reference(Data):
    FIELDS = {"document": (str, REQUIRED), "article": (Opt(str), None), "date": (Opt(DATE), None),
              "issuer": (Opt(str), None), "url": (Opt(str), None), "note": (Opt(str), None)}

    def cite(self) -> str:
        return ", ".join(p for p in (self.document, self.article) if p)


class Choice(Data):
    FIELDS = {"code": (str, REQUIRED), "label": (Text, REQUIRED), "aliases": (ListOf(str), [])}


class FromMembers(Data):
    FIELDS = {"pack": (str, REQUIRED), "outcome": (ListOf(str), REQUIRED), "gives": (str, "share"),
              "groups": (ListOf(str), [])}


class Input(Data):
    FIELDS = {"name": (str, REQUIRED), "type": (str, REQUIRED), "label": (Opt(Text), None), "unit": (Opt(TEXT_OR_STR), None),
              "min": (Opt(float), None), "max": (Opt(float), None), "whole": (bool, False), "choices": (ListOf(Choice), []),
              "ordered": (bool, False), "required": (bool, True), "aliases": (ListOf(str), []),
              "hint": (Opt(Text), None), "read_by_rules": (bool, True), "from_members": (Opt(FromMembers), None)}

    def choice_rank(self, code: str) -> int:
        return [c.code for c in self.choices].index(code)

    def unit_in(self, lang: str = "vi") -> str | None:
        """The unit as ``lang`` writes it ('chương trình', 'programmes'); a plain string, as packs
        wrote units before they had an English form, reads the same in every language (so a run
        stored with such a pack replays in its own words)."""
        unit = self.unit
        return unit.get(lang) if isinstance(unit, Text) else unit


class PointsRule(Data):
    FIELDS = {"kind": (str, "points"), "input": (Opt(str), None), "max": (float, REQUIRED), "pass_at": (Opt(float), None)}

    @property
    def threshold(self) -> float:
        return self.max if self.pass_at is None else self.pass_at


class AtLeastRule(Data):
    FIELDS = {"kind": (str, "at_least"), "input": (Opt(str), None), "value": (float, REQUIRED),
              "strict": (bool, False), "points": (Opt(float), None)}


class YesNoRule(Data):
    FIELDS = {"kind": (str, "yes_no"), "input": (Opt(str), None), "expected": (bool, True), "points": (Opt(float), None)}


class TitleAtLeastRule(Data):
    FIELDS = {"kind": (str, "title_at_least"), "input": (Opt(str), None), "title": (str, REQUIRED),
              "points": (Opt(float), None)}


class GradeRow(Data):
    FIELDS = {"at_least": (float, REQUIRED), "points": (float, REQUIRED)}


class GradedRule(Data):
    FIELDS = {"kind": (str, "graded"), "input": (Opt(str), None), "table": (ListOf(GradeRow), REQUIRED)}

    @property
    def max(self) -> float:
        return self.table[0].points


class AppliesTo(Data):
    FIELDS = {"input": (str, REQUIRED), "values": (ListOf(str), REQUIRED)}


class Indicator(Data):
    FIELDS = {"id": (str, REQUIRED), "label": (Text, REQUIRED), "reference": (Opt(Reference), None),
              "rule": (OneOf(PointsRule, AtLeastRule, YesNoRule, TitleAtLeastRule, GradedRule), REQUIRED),
              "applies_to": (Opt(AppliesTo), None), "levels": (ListOf(str), []), "hint": (Opt(Text), None),
              "evidence": (Opt(Text), None)}

    @property
    def input_name(self) -> str:
        return self.rule.input or self.id

    @property
    def max_points(self) -> float | None:
        if isinstance(self.rule, (PointsRule, GradedRule)):
            return self.rule.max
        return self.rule.points


class Criterion(Data):
    FIELDS = {"id": (str, REQUIRED), "label": (Text, REQUIRED), "reference": (Opt(Reference), None),
              "indicators": (ListOf(Indicator), REQUIRED)}


class Band(Data):
    FIELDS = {"code": (str, REQUIRED), "label": (Text, REQUIRED), "min_total": (Opt(float), None),
              "all_met": (bool, False), "reference": (Opt(Reference), None)}


class BandsOutcome(Data):
    FIELDS = {"kind": (str, "bands"), "bands": (ListOf(Band), REQUIRED)}


class Level(Data):
    FIELDS = {"code": (str, REQUIRED), "label": (Text, REQUIRED), "reference": (Opt(Reference), None)}


class LevelsOutcome(Data):
    FIELDS = {"kind": (str, "levels"), "levels": (ListOf(Level), REQUIRED), "otherwise": (Level, REQUIRED)}


class DateWarning(Data):
    FIELDS = {"after": (DATE, REQUIRED), "text": (Text, REQUIRED), "reference": (Opt(Reference), None)}

    def applies(self, on: dt.date | None) -> bool:
        return on is not None and on > self.after


class Check(Data):
    """A relation between two number inputs that every record must hold (``input`` ≤ ``at_most``):
    TT 25's share of citizens with a university degree is 'of them' (trong đó) the share trained."""
    FIELDS = {"input": (str, REQUIRED), "at_most": (str, REQUIRED), "reference": (Opt(Reference), None)}


class BlankNotMet(Data):
    """Why a blank optional value counts as not met: ``basis: text`` when the document says so
    (``reference``: its article, e.g. TT 24 Điều 9.3), ``basis: reading`` when it is the pack's
    own reading (TT 25 has no such clause). Shown where a blank decides; no result changes."""
    FIELDS = {"basis": (str, REQUIRED), "reference": (Opt(Reference), None)}


class Pack(Data):
    FIELDS = {"format": (str, REQUIRED), "id": (str, REQUIRED), "version": (str, REQUIRED),
              "models": (ListOf(str), []), "title": (Text, REQUIRED), "valid_from": (DATE, REQUIRED),
              "valid_to": (Opt(DATE), None), "reference": (Reference, REQUIRED), "status": (str, REQUIRED),
              "notes": (ListOf(str), []), "inputs": (ListOf(Input), REQUIRED), "criteria": (ListOf(Criterion), REQUIRED),
              "outcome": (OneOf(BandsOutcome, LevelsOutcome), REQUIRED), "extends": (Opt(str), None),
              "declared_max_total": (Opt(float), None), "tiers": (ListOf(str), []),
              "warn_after": (Opt(DateWarning), None), "checks": (ListOf(Check), []),
              "blank_not_met": (Opt(BlankNotMet), None)}
    ALIASES = {"declared_max_total": "max_total"}

    # --- derived views, used by the later steps ---
    @property
    def indicators(self) -> list[Indicator]:
        return [ind for crit in self.criteria for ind in crit.indicators]

    def input(self, name: str) -> Input:
        return next(i for i in self.inputs if i.name == name)

    @property
    def max_total(self) -> float | None:
        points = [i.max_points for i in self.indicators]
        return sum(p for p in points if p is not None) if any(p is not None for p in points) else None

    @property
    def outcome_codes(self) -> list[str]:
        if isinstance(self.outcome, BandsOutcome):
            return [b.code for b in self.outcome.bands]
        return [lv.code for lv in self.outcome.levels] + [self.outcome.otherwise.code]

    def outcome_label(self, code: str, lang: str = "vi") -> str:
        items = (self.outcome.bands if isinstance(self.outcome, BandsOutcome)
                 else [*self.outcome.levels, self.outcome.otherwise])
        return next(x.label.get(lang) for x in items if x.code == code)


TIER_LABELS = {tier: Text(vi=template(f"tier.{tier}", "vi"), en=template(f"tier.{tier}", "en"))
               for tier in ("ca_nhan", "thon", "xa", "huyen", "tinh")}   # pack.py's Tier


# --- plain data <-> objects --------------------------------------------------------------

def build(cls: type, data: Any) -> Any:
    """The object of class ``cls`` that ``data`` (what ``to_data`` gives) describes. Every key and
    the kind of every value is checked: anything else is a ValueError, never a half-made pack."""
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__}: not a mapping")
    unknown = set(data) - set(cls.FIELDS)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown keys {sorted(unknown)}")
    values = {name: _value(kind, data[name], name) for name, (kind, _) in cls.FIELDS.items() if name in data}
    try:
        return cls(**values)
    except TypeError as exc:   # a required field missing
        raise ValueError(str(exc)) from None


def _value(kind: Any, value: Any, name: str) -> Any:
    if isinstance(kind, Opt):
        return None if value is None else _value(kind.kind, value, name)
    if isinstance(kind, ListOf):
        if not isinstance(value, list):
            raise ValueError(f"'{name}': not a list")
        return [_value(kind.kind, v, name) for v in value]
    if isinstance(kind, OneOf):
        tag = value.get("kind") if isinstance(value, dict) else None
        if tag not in kind.classes:
            raise ValueError(f"'{name}': unknown kind {tag!r}")
        return build(kind.classes[tag], value)
    if kind is TEXT_OR_STR:
        return value if isinstance(value, str) else build(Text, value)
    if kind is DATE:
        if not isinstance(value, str):
            raise ValueError(f"'{name}': not a date")
        return dt.date.fromisoformat(value)
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"'{name}': not a finite number")
        return float(value)
    if kind is str or kind is bool:
        if type(value) is not kind:
            raise ValueError(f"'{name}': not a {kind.__name__}")
        return value
    return build(kind, value)


def to_data(obj: Any, by_alias: bool = False, exclude_none: bool = False) -> Any:
    """The plain data of ``obj`` (JSON's types; dates as ISO text), which ``build`` reads back."""
    if isinstance(obj, Data):
        out = {}
        for name in type(obj).FIELDS:
            value = getattr(obj, name)
            if value is None and exclude_none:
                continue
            out[type(obj).ALIASES.get(name, name) if by_alias else name] = to_data(value, by_alias, exclude_none)
        return out
    if isinstance(obj, list):
        return [to_data(v, by_alias, exclude_none) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


# --- what a schema cannot say: checked on every pack, whichever way it was read -------------

class Placed(str):
    """A problem found by a check of a whole pack (or input), with the place in the YAML it is
    about, as parts of a path below the checked item (a repeat: its second occurrence), so that
    the message gets that path and its line rather than the top of the file."""

    place: tuple


def placed(problem: str, *place: str | int) -> Placed:
    found = Placed(problem)
    found.place = place
    return found


def _second(values: list[str]) -> tuple[int, str] | None:
    """The index and value of the first value that repeats an earlier one."""
    return next(((i, v) for i, v in enumerate(values) if values.index(v) != i), None)


def gate_names(pack: Pack) -> list[str]:
    """Choice inputs that decide what applies (read by an ``applies_to``, or the subject
    ``group``): a self-check asks them first, so later questions can be skipped when they do
    not apply, and its result names the answers given to them."""
    gating = {i.applies_to.input for i in pack.indicators if i.applies_to}
    return [i.name for i in pack.inputs if i.type == "choice" and (i.name in gating or i.name == "group")]


def _number_name(word: str) -> int | None:
    """The whole number a choice's code or alias is, bare ('2', not 'Mức 2' nor '02'), else None."""
    text = word.strip()
    return int(text) if text.isascii() and text.isdigit() and str(int(text)) == text else None


def menu_numbers(inp: Input) -> list[int]:
    """The numbers ``hoctap check`` shows before an input's choices, in the pack's order. Where every
    choice has exactly one bare whole number among its code and aliases, and no two share one, those
    numbers (a level's 0. Chưa đạt chuẩn … 3. Mức độ 3; vung_kho_khan's 1. có, 0. không), so that a
    number typed there and written in a file pick the same choice; otherwise 1, 2, … n."""
    own = [{n for word in (c.code, *c.aliases) if (n := _number_name(word)) is not None} for c in inp.choices]
    numbers = [min(names) for names in own if len(names) == 1]
    if len(numbers) == len(inp.choices) and len(set(numbers)) == len(numbers):
        return numbers
    return list(range(1, len(inp.choices) + 1))


def menu_clashes(inp: Input) -> list[tuple[int, int, int, int | None]]:
    """Numbers read two ways: ``hoctap check`` shows each choice with its menu number (``menu_numbers``),
    while a file reads a choice's code or alias; where a menu number n is the code or an alias of another
    choice than the one shown as n, typing n means one choice in the self-check and another in a file.
    Each clash as (n, index of the choice shown as n, index of the other choice, index of the alias or
    None for its code). Numbers taken from the choices' own names never clash; only a 1…n menu can."""
    clashes = []
    for shown, n in enumerate(menu_numbers(inp)):
        for j, other in enumerate(inp.choices):
            words = [other.code, *other.aliases]
            hit = next((k for k, word in enumerate(words) if _number_name(word) == n), None)
            if j != shown and hit is not None:
                clashes.append((n, shown, j, None if hit == 0 else hit - 1))
    return clashes


def input_problem(inp: Input) -> str | None:
    if inp.type not in ("number", "boolean", "choice"):
        return f"unknown input type {inp.type!r}"
    if inp.type == "choice" and not inp.choices:
        return t("pk.choice_needs_choices")
    if inp.type != "choice" and (inp.choices or inp.ordered):
        return t("pk.choices_only_choice", type=inp.type)
    if inp.type != "number" and (inp.min is not None or inp.max is not None):
        return t("pk.minmax_only_number", type=inp.type)
    if inp.type != "number" and inp.whole:
        return t("pk.whole_only_number", type=inp.type)
    if inp.min is not None and inp.max is not None and inp.min > inp.max:
        return t("pk.min_gt_max", min=inp.min, max=inp.max)
    twice = _second([c.code for c in inp.choices])
    if twice:
        return placed(t("pk.choice_code_twice", choice=twice[1]), "choices", twice[0], "code")
    return None


def points_rule_problem(rule: PointsRule) -> str | None:
    if rule.pass_at is not None and not 0 <= rule.pass_at <= rule.max:
        return t("pk.pass_at_range", pass_at=rule.pass_at, max=rule.max)
    return None


def graded_rule_problem(rule: GradedRule) -> str | None:
    """A table out of order is said at the first row that breaks it, with the numbers as people
    write them (0,8, not 0.8: the slip is often a share typed as a fraction) and what to write."""
    shares = [row.at_least for row in rule.table]
    points = [row.points for row in rule.table]
    k = next((k for k in range(1, len(shares)) if shares[k] >= shares[k - 1]), None)
    if k is not None:
        return placed(t("pk.table_order", row=k + 1, value=Msg("num", x=shares[k]), above=Msg("num", x=shares[k - 1]),
                        shares=_numbers(shares)), "table", k, "at_least")
    k = next((k for k in range(1, len(points)) if points[k] > points[k - 1]), None)
    if k is not None:
        return placed(t("pk.table_points", row=k + 1, value=Msg("num", x=points[k]), above=Msg("num", x=points[k - 1]),
                        points=_numbers(points)), "table", k, "points")
    if points[0] <= 0:
        return t("pk.table_first")
    return None


def _bands_out_of_order(ranked: list[Any]) -> Placed | None:
    """Bands out of order, said at the first one whose min_total is not below the one above it, with the
    numbers as people write them (as a graded table's rows are)."""
    places = [k for k, b in enumerate(ranked) if b.min_total is not None]
    mins = [ranked[k].min_total for k in places]
    i = next((i for i in range(1, len(mins)) if mins[i] > mins[i - 1]), None)
    if i is None:
        return None
    band = ranked[places[i]]
    return placed(t("pk.bands_order", band=band.code, value=Msg("num", x=mins[i]), above=Msg("num", x=mins[i - 1]),
                    mins=_numbers(mins)), "outcome", "bands", places[i], "min_total")


def _numbers(values: list[float]) -> Msg:
    """'100; 90; 0,8': a list of numbers as people write them (';' between them, since ',' is the decimal comma)."""
    return Msg("list", items=[Msg("num", x=v) for v in values], sep="; ")


def consistency_problems(pack: Pack):
    """Cross-references a schema cannot express: every problem names what to change."""
    if pack.valid_to and pack.valid_to < pack.valid_from:
        yield t("pk.valid_to", end=pack.valid_to, start=pack.valid_from)
    if pack.warn_after and not pack.valid_from <= pack.warn_after.after < (pack.valid_to or dt.date.max):
        yield t("pk.warn_after", after=pack.warn_after.after, start=pack.valid_from, end=pack.valid_to or Msg("pk.open"))
    names = [i.name for i in pack.inputs]
    twice = _second(names)
    if twice:
        yield placed(t("pk.input_name_twice", name=twice[1]), "inputs", twice[0], "name")
    if "id" in names:
        yield "'id' is reserved for the record id: do not declare it as an input"
    ids = [i.id for i in pack.indicators]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        yield t("pk.indicator_twice", id=dupes[0])
    for ind in pack.indicators:
        yield from _indicator_problems(pack, ind, names)
    yield from _outcome_problems(pack)
    for inp in pack.inputs:
        yield from _from_members_problems(pack, inp)
    for i, check in enumerate(pack.checks):
        for name in (check.input, check.at_most):
            if name not in names:
                yield t("pk.check_undeclared", i=i, input=name, hint=did_you_mean(name, names))
            elif pack.input(name).type != "number":
                yield t("pk.check_number", i=i, input=name, type=pack.input(name).type)


def _from_members_problems(pack: Pack, inp: Input):
    fm = inp.from_members
    if fm is None:
        return
    where = t("pk.fm_where", name=inp.name)
    if inp.type != "number":
        yield t("pk.fm_number", where=where, type=inp.type)
    elif fm.gives == "share" and (inp.min != 0 or inp.max != 100):
        yield t("pk.fm_share", where=where, min=inp.min, max=inp.max)
    elif fm.gives == "full_points_at_100" and not any(
            isinstance(i.rule, PointsRule) and i.input_name == inp.name for i in pack.indicators):
        yield t("pk.fm_full", where=where, name=inp.name)


def _indicator_problems(pack: Pack, ind: Indicator, names: list[str]):
    where = t("pk.ind_where", id=ind.id)
    if ind.input_name not in names:
        yield t("pk.undeclared", where=where, input=ind.input_name, hint=did_you_mean(ind.input_name, names))
        return
    inp, rule = pack.input(ind.input_name), ind.rule
    wanted = {"points": "number", "at_least": "number", "yes_no": "boolean", "title_at_least": "choice",
              "graded": "number"}[rule.kind]
    if inp.type != wanted:
        yield t("pk.rule_input_type", where=where, kind=rule.kind, wanted=wanted, name=inp.name, type=inp.type)
    if isinstance(rule, PointsRule) and (inp.min != 0 or inp.max != rule.max):
        yield t("pk.points_range", where=where, name=inp.name, max=rule.max, has_min=inp.min, has_max=inp.max)
    if isinstance(rule, TitleAtLeastRule):
        codes = [c.code for c in inp.choices]
        if not inp.ordered:
            yield t("pk.ordered", where=where, name=inp.name)
        if rule.title not in codes:
            yield t("pk.title_not_choice", where=where, title=rule.title, name=inp.name, hint=did_you_mean(rule.title, codes))
    if ind.applies_to:
        app = ind.applies_to
        if app.input not in names:
            yield t("pk.applies_undeclared", where=where, input=app.input, hint=did_you_mean(app.input, names))
        elif pack.input(app.input).type != "choice" or not pack.input(app.input).required:
            yield t("pk.applies_choice", where=where, input=app.input)
        else:
            codes = [c.code for c in pack.input(app.input).choices]
            for v in app.values:
                if v not in codes:
                    yield t("pk.applies_value", where=where, value=v, input=app.input, hint=did_you_mean(v, codes))
    if isinstance(pack.outcome, LevelsOutcome):
        known = [lv.code for lv in pack.outcome.levels]
        if not ind.levels:
            yield t("pk.levels_list", where=where, known=", ".join(known))
        for lv in ind.levels:
            if lv not in known:
                yield t("pk.level_unknown", where=where, level=lv, hint=did_you_mean(lv, known))
    elif ind.levels:
        yield t("pk.levels_only", where=where)


def _outcome_problems(pack: Pack):
    out = pack.outcome
    codes = pack.outcome_codes
    twice = _second(codes)
    if twice:
        kind = "bands" if isinstance(out, BandsOutcome) else "levels"
        place = ("outcome", kind, twice[0], "code") if twice[0] < len(getattr(out, kind)) else ("outcome", "otherwise", "code")
        yield placed(t("pk.outcome_code_twice", outcome=twice[1]), *place)
    if isinstance(out, BandsOutcome):
        *ranked, last = out.bands
        if last.min_total is not None or last.all_met:
            yield t("pk.fallback_band", band=last.code)
        found = _bands_out_of_order(ranked)
        if found is not None:
            yield found
        for b in ranked:
            if b.min_total is None and not b.all_met:
                yield t("pk.band_no_condition", band=b.code)
        if pack.max_total is None:
            yield "a bands outcome needs indicators that give points"
    else:
        for level in out.levels:
            if not any(level.code in ind.levels for ind in pack.indicators):
                yield t("pk.level_unlisted", level=level.code)


def problems(pack: Pack) -> list[str]:
    """Every rule of the format that plain data can break once its kinds are right: the checks the
    pydantic models make beyond kinds, for a pack read back from the cache (a damaged or edited
    entry is refused, never scored with)."""
    found = [p for p in (input_problem(i) for i in pack.inputs) if p]
    for ind in pack.indicators:
        rule = ind.rule
        found += [p for p in (points_rule_problem(rule) if isinstance(rule, PointsRule) else
                              graded_rule_problem(rule) if isinstance(rule, GradedRule) else None,) if p]
    return found + list(consistency_problems(pack))


# --- a loaded pack --------------------------------------------------------------------------

class LoadedPack:
    """A validated pack together with the exact text it came from (for hashes and audits).

    For a local variant, ``base`` is the parent it extends, ``overridden`` the ids of the
    indicators it changes and ``overridden_outcomes`` the codes of the bands or levels it changes;
    its hash covers its own text and the parent's hash. ``document`` (the parsed YAML, with the
    line of every key) is read from the text when first asked for, if the pack came from the cache."""

    def __init__(self, pack: Pack, source: str, text: str, document: Any = None,
                 base: "LoadedPack | None" = None, overridden: frozenset[str] = frozenset(),
                 overridden_outcomes: frozenset[str] = frozenset()):
        self.pack, self.source, self.text = pack, source, text
        self._document, self.base, self.overridden = document, base, overridden
        self.overridden_outcomes = overridden_outcomes
        hashed = text if base is None else f"{text}\n{base.sha256}"
        self.sha256 = hashlib.sha256(hashed.encode("utf-8")).hexdigest()

    @property
    def document(self) -> Any:
        if self._document is None and self.base is None:
            from scoring.packs.yamlfile import parse_yaml
            self._document = parse_yaml(self.text, self.source)
        return self._document

    def identity(self) -> dict[str, str]:
        return {"id": self.pack.id, "version": self.pack.version, "sha256": self.sha256}
