"""Step 2 (criteria side): the criteria file format v1 as strict pydantic models.

A pack is data: its identity, legal reference, status, the inputs it reads, its indicators
grouped into criteria, and its outcome model (point bands or levels). ``load_pack`` turns a
YAML file into a validated ``Pack`` or a ``CriteriaErrors`` naming file, line and YAML path.

No ``from __future__ import annotations`` here: pydantic would compile every field's annotation
from its text when the classes are made, at every start (issue 14: about 100 small compiles).
"""
import datetime as dt
import hashlib
import re
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scoring.errors import CriteriaError, CriteriaErrors
from scoring.messages import Msg, did_you_mean, t
from scoring.packs.validation import pydantic_problem
from scoring.packs.extend import check_child, merge, overridden_indicators, overridden_outcomes, parent_path
from scoring.packs.yamlfile import YamlDocument, parse_yaml, read_yaml_file, yaml_path

FORMAT = "hoctap/criteria@1"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)  # .nan would compare false with everything

    @model_validator(mode="before")
    @classmethod
    def _no_boolean_numbers(cls, data: Any) -> Any:
        """pydantic reads true as 1, and YAML reads yes/no/on/off as booleans: 'min_total: yes' would be 1."""
        if not isinstance(data, dict):
            return data
        for name, field in cls.model_fields.items():
            value = data.get(field.alias or name)
            if not _wants_number(field.annotation):
                continue
            bad = value if isinstance(value, bool) else next(
                (v for v in value.values() if isinstance(v, bool)), None) if isinstance(value, dict) else None
            if bad is not None:
                raise ValueError(t("pk.boolean_number", name=field.alias or name, value=str(bad).lower()))
        return data


def _wants_number(annotation: Any) -> bool:
    """float, int, float | None, dict[int, float]: a number is expected, and a boolean is not one of the choices."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is dict:
        return _wants_number(args[1]) if len(args) == 2 else False
    kinds = set(args) if args else {annotation}
    return bool(kinds & {int, float}) and bool not in kinds


Code = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", min_length=1, max_length=64)]


class Text(Strict):
    """A label in Vietnamese, optionally English."""

    vi: str = Field(min_length=1)
    en: str | None = None

    def get(self, lang: str = "vi") -> str:
        return (self.en if lang == "en" and self.en else self.vi)


class Reference(Strict):
    """Where a rule comes from: document, and optionally its article and issuer."""

    document: str = Field(min_length=1)
    article: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    url: str | None = None
    note: str | None = None

    def cite(self) -> str:
        return ", ".join(p for p in (self.document, self.article) if p)


class Choice(Strict):
    code: str = Field(min_length=1)
    label: Text
    aliases: list[str] = []


class FromMembers(Strict):
    """The input can be computed from the unit's members (``hoctap score --members``): each member
    is scored with criteria pack ``pack``, and a member counts when its outcome is one of ``outcome``.
    ``gives: share``: the input gets the share of counted members, in percent (0..100).
    ``gives: full_points_at_100``: the input (read by a points rule) gets its maximum when every
    member counts; otherwise the points awarded must be typed in, since no partial-credit method is given."""

    pack: Code
    outcome: list[Code] = Field(min_length=1)
    gives: Literal["share", "full_points_at_100"] = "share"


class Input(Strict):
    """A value the pack reads from a record.

    ``number``: decimal, within min..max; ``boolean``: yes/no; ``choice``: one code of
    ``choices`` (for ``ordered: true``, listed from lowest to highest).
    """

    name: str = Field(min_length=1, max_length=64)
    type: Literal["number", "boolean", "choice"]
    label: Text | None = None
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    choices: list[Choice] = []
    ordered: bool = False
    required: bool = True
    aliases: list[str] = []
    hint: Text | None = None
    read_by_rules: bool = True    # false: checked and kept with the record, but no rule reads it (lint knows)
    from_members: FromMembers | None = None

    @model_validator(mode="after")
    def _shape(self) -> "Input":
        if self.type == "choice" and not self.choices:
            raise ValueError(t("pk.choice_needs_choices"))
        if self.type != "choice" and (self.choices or self.ordered):
            raise ValueError(t("pk.choices_only_choice", type=self.type))
        if self.type != "number" and (self.min is not None or self.max is not None):
            raise ValueError(t("pk.minmax_only_number", type=self.type))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(t("pk.min_gt_max", min=self.min, max=self.max))
        codes = [c.code for c in self.choices]
        if len(codes) != len(set(codes)):
            raise ValueError(t("pk.choice_codes_repeat", codes=str(codes)))
        return self

    def choice_rank(self, code: str) -> int:
        return [c.code for c in self.choices].index(code)


# --- rules: one per indicator ------------------------------------------------------------

class PointsRule(Strict):
    """Awarded points 0..max read from the input; met when points >= pass_at (default: max)."""

    kind: Literal["points"]
    input: str | None = None
    max: float = Field(gt=0)
    pass_at: float | None = None

    @model_validator(mode="after")
    def _pass_at(self) -> "PointsRule":
        if self.pass_at is not None and not 0 <= self.pass_at <= self.max:
            raise ValueError(t("pk.pass_at_range", pass_at=self.pass_at, max=self.max))
        return self

    @property
    def threshold(self) -> float:
        return self.max if self.pass_at is None else self.pass_at


class AtLeastRule(Strict):
    """A number or percentage compared with a threshold; ``points`` are awarded when met."""

    kind: Literal["at_least"]
    input: str | None = None
    value: float
    strict: bool = False          # true: '>' instead of '>='
    points: float | None = None


class YesNoRule(Strict):
    """A yes/no input; met when it equals ``expected``."""

    kind: Literal["yes_no"]
    input: str | None = None
    expected: bool = True
    points: float | None = None


class TitleAtLeastRule(Strict):
    """An ordered choice (e.g. emulation titles); met when the record's title ranks at least ``title``."""

    kind: Literal["title_at_least"]
    input: str | None = None
    title: str
    points: float | None = None


class GradeRow(Strict):
    """One row of a partial-credit table: a value of at least ``at_least`` gives ``points``."""

    at_least: float
    points: float = Field(ge=0)


class GradedRule(Strict):
    """A number (e.g. a share of members, in %) turned into points by a table listed best
    first: the first row whose ``at_least`` the value reaches gives its points; below the last
    row, 0. Met only at the first row (full points); any other row is 'not_met' with its points."""

    kind: Literal["graded"]
    input: str | None = None
    table: list[GradeRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _best_first(self) -> "GradedRule":
        shares = [row.at_least for row in self.table]
        points = [row.points for row in self.table]
        if any(a <= b for a, b in zip(shares, shares[1:])):
            raise ValueError(t("pk.table_order", shares=str(shares)))
        if any(a < b for a, b in zip(points, points[1:])):
            raise ValueError(t("pk.table_points", points=str(points)))
        if points[0] <= 0:
            raise ValueError(t("pk.table_first"))
        return self

    @property
    def max(self) -> float:
        return self.table[0].points


Rule = Annotated[Union[PointsRule, AtLeastRule, YesNoRule, TitleAtLeastRule, GradedRule], Field(discriminator="kind")]


class AppliesTo(Strict):
    """The indicator applies only when ``input`` has one of ``values``; otherwise 'not applicable'."""

    input: str
    values: list[str] = Field(min_length=1)


class Indicator(Strict):
    id: str = Field(min_length=1, max_length=40)
    label: Text
    reference: Reference | None = None
    rule: Rule
    applies_to: AppliesTo | None = None
    levels: list[str] = []          # level packs: the levels this indicator counts for
    hint: Text | None = None
    evidence: Text | None = None

    @property
    def input_name(self) -> str:
        return self.rule.input or self.id

    @property
    def max_points(self) -> float | None:
        if isinstance(self.rule, (PointsRule, GradedRule)):
            return self.rule.max
        return self.rule.points


class Criterion(Strict):
    id: str = Field(min_length=1, max_length=40)
    label: Text
    reference: Reference | None = None
    indicators: list[Indicator] = Field(min_length=1)


# --- outcome models --------------------------------------------------------------------

class Band(Strict):
    """A point band. Bands are listed best first; a record gets the first band whose
    conditions all hold. The last band has no conditions (the fallback)."""

    code: Code
    label: Text
    min_total: float | None = None
    all_met: bool = False
    reference: Reference | None = None


class BandsOutcome(Strict):
    kind: Literal["bands"]
    bands: list[Band] = Field(min_length=2)


class Level(Strict):
    code: Code
    label: Text
    reference: Reference | None = None


class LevelsOutcome(Strict):
    """Levels listed best first; a level is reached when every applicable indicator listed
    for it is met. ``otherwise`` is the outcome when no level is reached."""

    kind: Literal["levels"]
    levels: list[Level] = Field(min_length=1)
    otherwise: Level


Outcome = Annotated[Union[BandsOutcome, LevelsOutcome], Field(discriminator="kind")]


class Validity(Strict):
    valid_from: dt.date
    valid_to: dt.date | None = None


Tier = Literal["ca_nhan", "thon", "xa", "huyen", "tinh"]
TIER_LABELS = {"ca_nhan": Text(vi="cá nhân", en="individual"), "thon": Text(vi="thôn, tổ dân phố", en="village"),
               "xa": Text(vi="cấp xã", en="commune"), "huyen": Text(vi="cấp huyện", en="district"),
               "tinh": Text(vi="cấp tỉnh", en="province")}


class DateWarning(Strict):
    """Every record dated after ``after`` is still scored but carries ``text``: for rules whose text
    is unchanged while the world around it moved (e.g. a tier of government abolished), so that a
    refusal would block councils that still have to use them, and silence would mislead."""

    after: dt.date
    text: Text
    reference: Reference | None = None

    def applies(self, on: dt.date | None) -> bool:
        return on is not None and on > self.after


class Pack(Strict):
    format: Literal["hoctap/criteria@1"]
    id: Code
    version: str = Field(min_length=1)
    models: list[Code] = []
    title: Text
    valid_from: dt.date
    valid_to: dt.date | None = None
    reference: Reference
    status: Literal["official", "provisional"]
    notes: list[str] = []
    inputs: list[Input] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    outcome: Outcome
    # added with issue 7 (optional, so every earlier pack stays valid):
    extends: str | None = None    # the parent pack (id or relative path) this one overrides
    declared_max_total: float | None = Field(default=None, gt=0, alias="max_total")  # the total the text states
    # added with issue 11 (optional): the tiers the pack assesses, and a warning for records dated after a day
    tiers: list[Tier] = []
    warn_after: DateWarning | None = None

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

    @model_validator(mode="after")
    def _consistent(self) -> "Pack":
        problems = list(_consistency_problems(self))
        if problems:
            raise ValueError(problems[0])
        return self


def _consistency_problems(pack: Pack):
    """Cross-references a schema cannot express: every problem names what to change."""
    if pack.valid_to and pack.valid_to < pack.valid_from:
        yield t("pk.valid_to", end=pack.valid_to, start=pack.valid_from)
    if pack.warn_after and not pack.valid_from <= pack.warn_after.after < (pack.valid_to or dt.date.max):
        yield t("pk.warn_after", after=pack.warn_after.after, start=pack.valid_from, end=pack.valid_to or Msg("pk.open"))
    names = [i.name for i in pack.inputs]
    if len(names) != len(set(names)):
        yield t("pk.input_names_repeat", names=str(sorted({n for n in names if names.count(n) > 1})))
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
    if len(codes) != len(set(codes)):
        yield t("pk.outcome_codes_repeat", codes=str(codes))
    if isinstance(out, BandsOutcome):
        *ranked, last = out.bands
        if last.min_total is not None or last.all_met:
            yield t("pk.fallback_band", band=last.code)
        mins = [b.min_total for b in ranked if b.min_total is not None]
        if mins != sorted(mins, reverse=True):
            yield t("pk.bands_order", mins=str(mins))
        for b in ranked:
            if b.min_total is None and not b.all_met:
                yield t("pk.band_no_condition", band=b.code)
        if pack.max_total is None:
            yield "a bands outcome needs indicators that give points"
    else:
        for level in out.levels:
            if not any(level.code in ind.levels for ind in pack.indicators):
                yield t("pk.level_unlisted", level=level.code)


# --- loading -------------------------------------------------------------------------

def pack_from_document(doc: YamlDocument) -> Pack:
    if not isinstance(doc.data, dict):
        raise CriteriaError(doc.file, "", Msg("pk.not_mapping"))
    try:
        return Pack.model_validate(doc.data)
    except ValidationError as exc:
        raise CriteriaErrors([_criteria_error(doc, err) for err in exc.errors()]) from None


def validation_errors(doc: YamlDocument, errors: list[Any], root: type[BaseModel], prefix: tuple = ()) -> CriteriaErrors:
    """Pydantic errors on (part of) a YAML document as messages with file, line, YAML path and
    fix; used for the other YAML files of the format too (test cases). ``prefix`` is where the
    validated part sits in the document, ``root`` the model of the whole document."""
    return CriteriaErrors([_criteria_error(doc, {**err, "loc": (*prefix, *err["loc"])}, root) for err in errors])


def _criteria_error(doc: YamlDocument, err: dict[str, Any], root: type[BaseModel] | None = None) -> CriteriaError:
    loc = _data_path(doc.data, err["loc"])
    if loc[-1:] == ["[key]"]:   # a mapping's key, not its value, is wrong ('values: {năm: 60}')
        return _key_error(doc, {**err, "loc": tuple(loc[:-1])}, root)
    path = yaml_path(loc) or _locate(doc.data, str(err.get("msg", "")).removeprefix("Value error, "))
    file, line = doc.where(path)
    return CriteriaError(file, path, _friendly(err, doc, loc, root or Pack), line)


def _key_error(doc: YamlDocument, err: dict[str, Any], root: type[BaseModel] | None) -> CriteriaError:
    path = yaml_path(err["loc"])
    file, line = doc.where(path)
    problem = _friendly(err, doc, list(err["loc"]), root or Pack)
    return CriteriaError(file, path, Msg("vf.key", key=repr(err["loc"][-1]), problem=problem), line)


def _locate(data: Any, message: str) -> str:
    """A whole-pack problem ("mã chỉ số '1.1' được dùng hai lần") has no place of its own: point at
    the item it names (the last one, for a repeat), so that the message still gets a line."""
    found = re.match(r"(?:indicator(?: id)?|band|level|(?:mã )?chỉ số|mức) '([^']+)'"
                     r"|(?:the last band|mức cuối) \('([^']+)'\)|(valid_to) ", message)   # in either language
    if not found or not isinstance(data, dict):
        return ""
    if found.group(3):
        return "valid_to"
    name = found.group(1) or found.group(2)
    places = [f"criteria[{c}].indicators[{i}]" for c, crit in enumerate(_list(data.get("criteria")))
              for i, ind in enumerate(_list(crit.get("indicators") if isinstance(crit, dict) else None))
              if isinstance(ind, dict) and str(ind.get("id")) == name]
    outcome = data.get("outcome") if isinstance(data.get("outcome"), dict) else {}
    for key in ("bands", "levels"):
        places += [f"outcome.{key}[{k}]" for k, item in enumerate(_list(outcome.get(key)))
                   if isinstance(item, dict) and item.get("code") == name]
    return places[-1] if places else ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _data_path(data: Any, loc: tuple) -> list:
    """Pydantic puts a tagged union's tag in the location ('rule.points.max'); the user's
    file has no such key, so drop every part that is the 'kind' of the mapping it is in."""
    out = []
    for i, part in enumerate(loc):
        is_tag = isinstance(data, dict) and data.get("kind") == part
        if is_tag and (part not in data or loc[i + 1:i + 2] == (part,)):
            continue
        out.append(part)
        data = data[part] if isinstance(data, (dict, list)) and _has(data, part) else None
    return out


def _has(data: Any, part: Any) -> bool:
    return part in data if isinstance(data, dict) else isinstance(part, int) and 0 <= part < len(data)


def _friendly(err: dict[str, Any], doc: YamlDocument, loc: list, root: Any = None) -> str:
    kind, msg = err["type"], err["msg"]
    given = err.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc, doc, root or Pack)
        return Msg("pk.unknown_key", key=loc[-1], hint=did_you_mean(str(loc[-1]), allowed))
    if kind == "missing":
        return Msg("pk.required", key=loc[-1])
    if kind == "string_type" and isinstance(given, bool):
        return Msg("pk.text_bool", value=str(given).lower())
    if kind == "string_type" and isinstance(given, (int, float)):
        return Msg("pk.text_number", value=repr(given), given=given)
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        return Msg("pk.not_number", value=repr(given))
    if kind == "finite_number":
        return Msg("pk.not_finite", value=repr(given))
    if kind == "literal_error":
        expected = msg.removeprefix("Input should be ")
        return Msg("pk.literal", vi_expected=expected.replace(" or ", " hoặc "), en_expected=expected, value=repr(given))
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        return Msg("pk.unknown_kind", tag=repr(ctx.get("tag")), hint=did_you_mean(str(ctx.get("tag")), tags), tags=", ".join(f"'{tag}'" for tag in tags))
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return pydantic_problem(err)


def _allowed_keys(loc: list, doc: YamlDocument, root: Any = None) -> list[str]:
    """The keys the model at ``loc[:-1]`` accepts, for 'did you mean'."""
    model: Any = root or Pack
    data = doc.data
    for part in loc[:-1]:
        data = data[part] if isinstance(data, (dict, list)) else None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return []
        model = _model_of(field.annotation, data)
    return [f.alias or n for n, f in model.model_fields.items()] if hasattr(model, "model_fields") else []


def _model_of(annotation: Any, data: Any) -> Any:
    from typing import get_args
    for arg in (annotation, *get_args(annotation)):
        for inner in (arg, *get_args(arg)):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                kind = data.get("kind") if isinstance(data, dict) else None
                if kind is None or "kind" not in inner.model_fields or kind in get_args(inner.model_fields["kind"].annotation):
                    return inner
    return None


def load_pack(path: str | Path) -> "LoadedPack":
    return _loaded(read_yaml_file(path), ())


def load_pack_text(text: str, file: str = "<text>", base: "LoadedPack | None" = None) -> "LoadedPack":
    """A pack from its text. ``base``: the parent a local variant extends, given rather than looked
    up by its ``extends`` path (a stored variant is replayed with its stored parent)."""
    doc = parse_yaml(text, file)
    if base is not None and isinstance(doc.data, dict) and "extends" in doc.data:
        return _load_child(doc, (), base)
    return _loaded(doc, ())


def _loaded(doc: YamlDocument, chain: tuple[str, ...]) -> "LoadedPack":
    if isinstance(doc.data, dict) and "extends" in doc.data:
        return _load_child(doc, chain)
    return LoadedPack(pack_from_document(doc), source=doc.file, text=doc.text, document=doc)


def _load_child(doc: YamlDocument, chain: tuple[str, ...], parent: "LoadedPack | None" = None) -> "LoadedPack":
    """A local variant: load the parent, merge this file over it, validate the result."""
    ref = doc.data["extends"]
    if parent is None:
        path = parent_path(ref, doc)
        me = str(Path(doc.file).resolve())
        if str(path.resolve()) in (*chain, me):
            # reported at the file the loop comes back to, which is the one the user asked for
            names = " → ".join(Path(p).name for p in (*chain, me, str(path.resolve())))
            again = read_yaml_file(path)
            raise CriteriaError(again.file, "extends", Msg("ext.loop", names=names), again.line_of("extends"))
        parent = _loaded(read_yaml_file(path), (*chain, me))
    else:
        path = Path(str(ref))
    if not ref.endswith((".yaml", ".yml")) and "/" not in ref and parent.pack.id != ref:
        raise CriteriaError(doc.file, "extends", Msg("ext.holds", path=str(path), id=parent.pack.id, ref=ref),
                            doc.line_of("extends"))
    check_child(doc, parent.pack.id)
    merged = merge(parent.document, doc)
    touched = overridden_indicators(doc) & {i.id for i in parent.pack.indicators}
    outcomes = overridden_outcomes(doc) & set(parent.pack.outcome_codes)
    return LoadedPack(pack_from_document(merged), source=doc.file, text=doc.text, document=merged,
                      base=parent, overridden=frozenset(touched), overridden_outcomes=frozenset(outcomes))


class LoadedPack:
    """A validated pack together with the exact text it came from (for hashes and audits).

    For a local variant, ``base`` is the parent it extends, ``overridden`` the ids of the
    indicators it changes and ``overridden_outcomes`` the codes of the bands or levels it changes;
    its hash covers its own text and the parent's hash."""

    def __init__(self, pack: Pack, source: str, text: str, document: YamlDocument | None = None,
                 base: "LoadedPack | None" = None, overridden: frozenset[str] = frozenset(),
                 overridden_outcomes: frozenset[str] = frozenset()):
        self.pack, self.source, self.text = pack, source, text
        self.document, self.base, self.overridden = document, base, overridden
        self.overridden_outcomes = overridden_outcomes
        hashed = text if base is None else f"{text}\n{base.sha256}"
        self.sha256 = hashlib.sha256(hashed.encode("utf-8")).hexdigest()

    def identity(self) -> dict[str, str]:
        return {"id": self.pack.id, "version": self.pack.version, "sha256": self.sha256}
