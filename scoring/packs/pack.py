"""Step 2 (criteria side): the criteria file format v1 as strict pydantic models.

A pack is data: its identity, legal reference, status, the inputs it reads, its indicators
grouped into criteria, and its outcome model (point bands or levels). ``load_pack`` turns a
YAML file into a validated pack or a ``CriteriaErrors`` naming file, line and YAML path.

The models here are the schema: each subclasses the plain class of the same name in
``scoring.packs.model`` (whose methods it shares), and a checked pack is handed on as those plain
objects, built from the checked data (``pack_from_document``). Code that reads a loaded pack
imports its classes from ``scoring.packs.model``: an ``isinstance`` against a model here would
not match a plain object.

No ``from __future__ import annotations`` here: pydantic would compile every field's annotation
from its text when the classes are made, at every start (issue 14: about 100 small compiles).
"""
import datetime as dt
import re
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scoring.errors import CriteriaError, CriteriaErrors
from scoring.messages import Msg, did_you_mean, t
from scoring.packs import model as plain
from scoring.packs.model import LoadedPack, consistency_problems
from scoring.packs.validation import pydantic_problem
from scoring.packs.extend import check_child, merge, overridden_indicators, overridden_outcomes, parent_path
from scoring.packs.yamlfile import YamlDocument, hidden_char, invisible, parse_yaml, read_yaml_file, yaml_path

FORMAT = "hoctap/criteria@1"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)  # .nan would compare false with everything

    @model_validator(mode="before")
    @classmethod
    def _no_boolean_numbers(cls, data: Any) -> Any:
        """pydantic reads true as 1, and YAML reads yes/no/on/off as booleans: 'min_total: yes' would be 1,
        'values: {2025: yes}' a 1 % target, and a year written 'on:' the year 1."""
        if not isinstance(data, dict):
            return data
        for name, field in cls.model_fields.items():
            key = field.alias or name
            value = data.get(key)
            if isinstance(value, bool) and _wants_number(field.annotation):
                raise ValueError(t("pk.boolean_number", name=key, value=str(value).lower()))
            if isinstance(value, dict):
                _no_boolean_items(key, value, _mapping_of(field.annotation))
        return data


def _no_boolean_items(name: str, mapping: dict, kinds: tuple[Any, Any] | None) -> None:
    """A mapping of numbers by number (a goal's 'values' by year): neither a key nor a value may be a boolean."""
    if kinds is None:
        return
    for key, value in mapping.items():
        if isinstance(key, bool) and _wants_number(kinds[0]):
            raise ValueError(t("pk.boolean_key", name=name, value=str(key).lower()))
        if isinstance(value, bool) and _wants_number(kinds[1]):
            raise ValueError(t("pk.boolean_number", name=f"{name}: {key}", value=str(value).lower()))


def _mapping_of(annotation: Any) -> tuple[Any, Any] | None:
    """The key and value types of ``dict[K, V]`` or ``dict[K, V] | None``; None for anything else."""
    if typing.get_origin(annotation) is dict:
        args = typing.get_args(annotation)
        return (args[0], args[1]) if len(args) == 2 else None
    inner = [a for a in typing.get_args(annotation) if a is not type(None)]
    return _mapping_of(inner[0]) if len(inner) == 1 and typing.get_origin(annotation) is not None else None


def _wants_number(annotation: Any) -> bool:
    """float, int, float | None: a number is expected, and a boolean is not one of the choices."""
    args = typing.get_args(annotation)
    kinds = set(args) if args else {annotation}
    return bool(kinds & {int, float}) and bool not in kinds


Code = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", min_length=1, max_length=64)]


class Text(Strict, plain.Text):
    """A label in Vietnamese, optionally English."""

    vi: str = Field(min_length=1)
    en: str | None = None


class Reference(Strict, plain.Reference):
    """Where a rule comes from: document, and optionally its article and issuer."""

    document: str = Field(min_length=1)
    article: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    url: str | None = None
    note: str | None = None


class Choice(Strict, plain.Choice):
    code: str = Field(min_length=1)
    label: Text
    aliases: list[str] = []


class FromMembers(Strict, plain.FromMembers):
    """The input can be computed from the unit's members (``hoctap score --members``): each member
    is scored with criteria pack ``pack``, and a member counts when its outcome is one of ``outcome``.
    ``gives: share``: the input gets the share of counted members, in percent (0..100).
    ``gives: full_points_at_100``: the input (read by a points rule) gets its maximum when every
    member counts; otherwise the points awarded must be typed in, since no partial-credit method is given.
    ``groups``: only members whose ``group`` (the member pack's input) is one of these are counted, in
    the share and in its denominator (TT 24: Thành viên are staff and workers, Người học the pupils and
    students; one list of everyone gives both); empty: every member."""

    pack: Code
    outcome: list[Code] = Field(min_length=1)
    gives: Literal["share", "full_points_at_100"] = "share"
    groups: list[Code] = []


class Input(Strict, plain.Input):
    """A value the pack reads from a record.

    ``number``: decimal, within min..max (``whole: true``: a whole number, a count); ``boolean``: yes/no; ``choice``: one code of
    ``choices`` (for ``ordered: true``, listed from lowest to highest).
    """

    name: str = Field(min_length=1, max_length=64)
    type: Literal["number", "boolean", "choice"]
    label: Text | None = None
    unit: str | Text | None = None   # '%', or {vi: chương trình, en: programmes}; a plain word reads the same in English
    min: float | None = None
    max: float | None = None
    whole: bool = False           # a count: 3 or 3,0, never 3,5 (a number input only)
    choices: list[Choice] = []
    ordered: bool = False
    required: bool = True
    aliases: list[str] = []
    hint: Text | None = None
    read_by_rules: bool = True    # false: checked and kept with the record, but no rule reads it (lint knows)
    from_members: FromMembers | None = None

    @model_validator(mode="after")
    def _shape(self) -> "Input":
        problem = plain.input_problem(self)
        if problem:
            raise ValueError(problem)
        return self


# --- rules: one per indicator ------------------------------------------------------------

class PointsRule(Strict, plain.PointsRule):
    """Awarded points 0..max read from the input; met when points >= pass_at (default: max)."""

    kind: Literal["points"]
    input: str | None = None
    max: float = Field(gt=0)
    pass_at: float | None = None

    @model_validator(mode="after")
    def _pass_at(self) -> "PointsRule":
        problem = plain.points_rule_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class AtLeastRule(Strict, plain.AtLeastRule):
    """A number or percentage compared with a threshold; ``points`` are awarded when met."""

    kind: Literal["at_least"]
    input: str | None = None
    value: float
    strict: bool = False          # true: '>' instead of '>='
    points: float | None = None


class YesNoRule(Strict, plain.YesNoRule):
    """A yes/no input; met when it equals ``expected``."""

    kind: Literal["yes_no"]
    input: str | None = None
    expected: bool = True
    points: float | None = None


class TitleAtLeastRule(Strict, plain.TitleAtLeastRule):
    """An ordered choice (e.g. emulation titles); met when the record's title ranks at least ``title``."""

    kind: Literal["title_at_least"]
    input: str | None = None
    title: str
    points: float | None = None


class GradeRow(Strict, plain.GradeRow):
    """One row of a partial-credit table: a value of at least ``at_least`` gives ``points``."""

    at_least: float
    points: float = Field(ge=0)


class GradedRule(Strict, plain.GradedRule):
    """A number (e.g. a share of members, in %) turned into points by a table listed best
    first: the first row whose ``at_least`` the value reaches gives its points; below the last
    row, 0. Met only at the first row (full points); any other row is 'not_met' with its points."""

    kind: Literal["graded"]
    input: str | None = None
    table: list[GradeRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _best_first(self) -> "GradedRule":
        problem = plain.graded_rule_problem(self)
        if problem:
            raise ValueError(problem)
        return self


Rule = Annotated[Union[PointsRule, AtLeastRule, YesNoRule, TitleAtLeastRule, GradedRule], Field(discriminator="kind")]


class AppliesTo(Strict, plain.AppliesTo):
    """The indicator applies only when ``input`` has one of ``values``; otherwise 'not applicable'."""

    input: str
    values: list[str] = Field(min_length=1)


class Indicator(Strict, plain.Indicator):
    id: str = Field(min_length=1, max_length=40)
    label: Text
    reference: Reference | None = None
    rule: Rule
    applies_to: AppliesTo | None = None
    levels: list[str] = []          # level packs: the levels this indicator counts for
    hint: Text | None = None
    evidence: Text | None = None


class Criterion(Strict, plain.Criterion):
    id: str = Field(min_length=1, max_length=40)
    label: Text
    reference: Reference | None = None
    indicators: list[Indicator] = Field(min_length=1)


# --- outcome models --------------------------------------------------------------------

class Band(Strict, plain.Band):
    """A point band. Bands are listed best first; a record gets the first band whose
    conditions all hold. The last band has no conditions (the fallback)."""

    code: Code
    label: Text
    min_total: float | None = None
    all_met: bool = False
    reference: Reference | None = None


class BandsOutcome(Strict, plain.BandsOutcome):
    kind: Literal["bands"]
    bands: list[Band] = Field(min_length=2)


class Level(Strict, plain.Level):
    code: Code
    label: Text
    reference: Reference | None = None


class LevelsOutcome(Strict, plain.LevelsOutcome):
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


class DateWarning(Strict, plain.DateWarning):
    """Every record dated after ``after`` is still scored but carries ``text``: for rules whose text
    is unchanged while the world around it moved (e.g. a tier of government abolished), so that a
    refusal would block councils that still have to use them, and silence would mislead."""

    after: dt.date
    text: Text
    reference: Reference | None = None


class Check(Strict, plain.Check):
    """Every record must hold ``input`` ≤ ``at_most`` (two number inputs), else it is refused with
    both values named: a share 'of them' (trong đó) cannot exceed the share it is part of."""

    input: str = Field(min_length=1, max_length=64)
    at_most: str = Field(min_length=1, max_length=64)
    reference: Reference | None = None


class BlankNotMet(Strict, plain.BlankNotMet):
    """Why a blank optional value (status ``missing``) counts as not met, said where a blank decides:
    ``text``, the document's own clause (``reference`` required: TT 24 Điều 9.3), or ``reading``,
    the pack's reading where the document says nothing (TT 25). Display only."""

    basis: Literal["text", "reading"]
    reference: Reference | None = None

    @model_validator(mode="after")
    def _cited(self) -> "BlankNotMet":
        if self.basis == "text" and self.reference is None:
            raise ValueError(t("pk.blank_not_met_reference"))
        return self


class Pack(Strict, plain.Pack):
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
    checks: list[Check] = []   # relations every record must hold (optional)
    blank_not_met: BlankNotMet | None = None   # why a blank counts as not met: the text's clause or the pack's reading

    @model_validator(mode="after")
    def _consistent(self) -> "Pack":
        problems = list(consistency_problems(self))
        if problems:
            raise ValueError(problems[0])
        return self


# --- loading -------------------------------------------------------------------------

def pack_from_document(doc: YamlDocument) -> plain.Pack:
    """The pack ``doc`` holds, checked, as plain objects built from the checked data: the very
    objects the pack cache gives back from the same data (scoring.packs.cache)."""
    if not isinstance(doc.data, dict):
        raise CriteriaError(doc.file, "", Msg("pk.not_mapping"))
    try:
        checked = Pack.model_validate(doc.data)
    except ValidationError as exc:
        raise CriteriaErrors([_criteria_error(doc, err) for err in exc.errors()]) from None
    return plain.build(plain.Pack, checked.model_dump(mode="json"))


def validation_errors(doc: YamlDocument, errors: list[Any], root: type[BaseModel], prefix: tuple = ()) -> CriteriaErrors:
    """Pydantic errors on (part of) a YAML document as messages with file, line, YAML path and
    fix; used for the other YAML files of the format too (test cases). ``prefix`` is where the
    validated part sits in the document, ``root`` the model of the whole document."""
    return CriteriaErrors([_criteria_error(doc, {**err, "loc": (*prefix, *err["loc"])}, root) for err in errors])


def _criteria_error(doc: YamlDocument, err: dict[str, Any], root: type[BaseModel] | None = None) -> CriteriaError:
    loc = _data_path(doc.data, err["loc"])
    if loc[-1:] == ["[key]"]:   # a mapping's key, not its value, is wrong ('values: {năm: 60}')
        return _key_error(doc, {**err, "loc": tuple(loc[:-1])}, root)
    cause = (err.get("ctx") or {}).get("error")
    problem = cause.args[0] if isinstance(cause, ValueError) and cause.args else None
    if isinstance(problem, plain.Placed):   # a repeat found by a whole-item check: at its second place
        loc = [*loc, *problem.place]
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
        hidden = hidden_char(str(loc[-1]))
        if hidden is not None:   # 'status' with a character pasted from Word in it: say the character, by name
            return Msg("pk.hidden_key", key=loc[-1], problem=invisible(hidden))
        return Msg("pk.unknown_key", key=loc[-1], hint=_key_hint(str(loc[-1]), allowed))
    if kind == "missing":
        return Msg("pk.required", key=loc[-1])
    if kind == "string_type" and isinstance(given, bool):
        return Msg("pk.text_bool", value=str(given).lower())
    if kind == "string_type" and isinstance(given, (int, float)):
        return Msg("pk.text_number", value=repr(given), given=given)
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        return _not_number(given)
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


# Keys an author may type in Vietnamese, by their words (written without accents, '_' or '-' as a
# space, in lower case, so 'Tối_đa', 'toi da' and 'tối-đa' are one); each gives the format's keys
# it may stand for, the first one the model at that place accepts is suggested. The keys
# themselves come from the pack model (``_allowed_keys``): this is a table of words only.
VI_KEY_WORDS = {
    "dinh dang": ("format",), "ma": ("id", "code", "name"), "ma so": ("id", "code"), "phien ban": ("version",),
    "tieu de": ("title",), "ten": ("name", "label", "title"), "nhan": ("label",), "hieu luc tu": ("valid_from",),
    "hieu luc den": ("valid_to",), "can cu": ("reference",), "tham chieu": ("reference",), "van ban": ("document", "reference"),
    "dieu": ("article",), "ngay": ("date",), "co quan ban hanh": ("issuer",), "ghi chu": ("note", "notes"),
    "trang thai": ("status",), "dau vao": ("inputs",), "du lieu": ("inputs",), "loai": ("kind", "type"), "kieu": ("type", "kind"),
    "don vi": ("unit",), "toi thieu": ("min",), "toi da": ("max",), "so nguyen": ("whole",), "lua chon": ("choices",),
    "co thu tu": ("ordered",), "bat buoc": ("required",), "ten khac": ("aliases",), "goi y": ("hint",), "huong dan": ("hint",),
    "minh chung": ("evidence",), "tieu chi": ("criteria",), "chi so": ("indicators",), "quy tac": ("rule",), "diem": ("points",),
    "diem toi da": ("max", "max_total"), "dat tu": ("pass_at",), "nguong": ("value", "pass_at", "min_total"),
    "gia tri": ("value", "values"), "bang": ("table",), "ap dung cho": ("applies_to",), "muc": ("levels", "bands"),
    "cac muc": ("levels", "bands"), "ket qua": ("outcome",), "xep loai": ("outcome",), "tong diem toi thieu": ("min_total",),
    "tong diem toi da": ("max_total",), "dat tat ca": ("all_met",), "mo rong": ("extends",), "cap": ("tiers",),
}


def _key_hint(key: str, allowed: list[str]) -> Msg | str:
    """The key meant by an unknown key: the format's key for its Vietnamese words ('nhãn' → 'label'),
    else the allowed key spelt closest to it."""
    meant = next((k for k in VI_KEY_WORDS.get(_plain_words(key), ()) if k in allowed), None)
    return Msg("pk.vi_key", key=key, meant=meant) if meant else did_you_mean(key, allowed)


def _plain_words(key: str) -> str:
    """'Tối_đa' -> 'toi da': lower case, no accents, '_' and '-' read as spaces."""
    import unicodedata
    bare = unicodedata.normalize("NFD", key.lower().replace("đ", "d"))
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return " ".join(bare.replace("_", " ").replace("-", " ").split())


def _not_number(given: Any) -> Msg:
    """A number typed as people write it: '85,5' (a decimal comma), '80%' or '80 %' (a sign): say the
    exact digits to write; anything else gets the general sentence."""
    typed = given.strip() if isinstance(given, str) else ""
    if re.fullmatch(r"-?[0-9]+,[0-9]+", typed):
        return Msg("pk.decimal_comma", value=repr(given), fixed=typed.replace(",", "."))
    if re.fullmatch(r"-?[0-9]+([.,][0-9]+)?\s*%", typed):
        return Msg("pk.percent_sign", value=repr(given), fixed=typed.rstrip("% ").replace(",", "."))
    return Msg("pk.not_number", value=repr(given))


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


def load_pack_text(text: str, file: str = "<text>", base: "LoadedPack | None" = None,
                   stored: bool = False) -> "LoadedPack":
    """A pack from its text. ``base``: the parent a local variant extends, given rather than looked
    up by its ``extends`` path (a stored variant is replayed with its stored parent). ``stored``: a
    text from a run store, read as when it was stored (``yamlfile.parse_yaml``)."""
    doc = parse_yaml(text, file, stored)
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


