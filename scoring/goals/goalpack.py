"""Goal packs (format ``hoctap/goals@1``): a plan's population targets as data.

A goal pack names its population (what one record is), the inputs its targets read, and its
targets. A target is a share: among the records that meet ``population`` (every record when
empty), how many meet ``count``; it is compared (``>=``, ``>``, ``=``) with a percentage given
per target year (``values``) or for every year of a range (``every_year``). A target without
``compare`` is a figure the plan asks to report but sets no number for.

Loading is as strict as for criteria packs (``pack.py``): the safe YAML loader, duplicate keys
rejected, unknown keys rejected, every problem named by file, line and YAML path.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from scoring.packs.catalog import by_id, resolve_named, shipped_by_id, shipped_packs
from scoring.packs.shipped import goals_dir
from scoring.errors import CriteriaError, CriteriaErrors, CriteriaGivenAsGoalPack, GoalPackNotFound, not_a_regular_file
from scoring.messages import Msg, did_you_mean, fmt_num, t
from scoring.packs.textfile import read_text
from scoring.packs.yamlfile import YamlDocument, parse_yaml, read_yaml_file
from scoring.packs.pack import Code, Input, Reference, Strict, Text, _criteria_error

FORMAT = "hoctap/goals@1"
COMPARISONS = (">=", ">", "=")
YEARS = (2000, 2100)


class GoalInput(Input):
    """An input as in criteria packs, plus two keys. ``scored_by`` (choice inputs only) names the
    criteria pack whose outcome this input is: a record that leaves it blank but carries that
    pack's own columns is scored on the way and gets the outcome code. ``if_blank`` is the value
    a blank cell stands for (e.g. ``false`` for "belongs to this group"); without it a blank is
    unknown, and the report names the records."""

    scored_by: Code | None = None
    if_blank: bool | float | str | None = None

    @model_validator(mode="after")
    def _blank(self) -> "GoalInput":
        if self.from_members is not None:
            raise ValueError(t("gp.from_members"))
        if self.if_blank is None:
            return self
        if self.required:
            raise ValueError(t("gp.if_blank_required"))
        ok = {"boolean": isinstance(self.if_blank, bool),
              "number": isinstance(self.if_blank, (int, float)) and not isinstance(self.if_blank, bool),
              "choice": self.if_blank in [c.code for c in self.choices]}[self.type]
        if not ok:
            raise ValueError(t("gp.if_blank_value", type=self.type, value=repr(self.if_blank)))
        return self


class Condition(Strict):
    """One test on one input; exactly one operator, matching the input's type:
    ``one_of`` (choice codes), ``equals`` (boolean), ``at_least`` / ``below`` (number). Or, in a
    target's population only, ``any_of``: tests of that kind of which at least one must hold (a
    plan's "cadres, whether they live here or not": a row marked as a cadre, or of the kind of row
    that only cadres have)."""

    input: str | None = Field(default=None, min_length=1)
    one_of: list[str] | None = Field(default=None, min_length=1)
    equals: bool | None = None
    at_least: float | None = None
    below: float | None = None
    any_of: list["Condition"] | None = Field(default=None, min_length=2)

    @model_validator(mode="after")
    def _one_operator(self) -> "Condition":
        given = [k for k in ("one_of", "equals", "at_least", "below") if getattr(self, k) is not None]
        if self.any_of is not None:
            if self.input is not None or given:
                raise ValueError(t("gp.any_of_alone"))
            if any(c.any_of is not None for c in self.any_of):
                raise ValueError(t("gp.any_of_nested"))
            return self
        if self.input is None:
            raise ValueError(t("gp.needs_input"))
        if len(given) != 1:
            raise ValueError(t("gp.one_operator", given=", ".join(given) or t("none")))
        return self

    @property
    def operator(self) -> str:
        return next(k for k in ("one_of", "equals", "at_least", "below", "any_of") if getattr(self, k) is not None)

    def inputs(self) -> list[str]:
        """The inputs the condition reads (one, or those of its alternatives)."""
        return [c.input for c in self.any_of] if self.any_of is not None else [self.input]


class EveryYear(Strict):
    """The same value for every year from ``first`` to ``last`` (both included)."""

    first: int = Field(ge=YEARS[0], le=YEARS[1])
    last: int = Field(ge=YEARS[0], le=YEARS[1])
    value: float | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _order(self) -> "EveryYear":
        if self.last < self.first:
            raise ValueError(t("gp.last_before_first", last=self.last, first=self.first))
        return self


class Target(Strict):
    id: Code
    label: Text
    reference: Reference
    provisional: bool = False
    note: str | None = None
    population: list[Condition] = []
    population_label: Text | None = None
    count: list[Condition] = Field(min_length=1)
    counted: Text | None = None
    compare: Literal[">=", ">", "="] | None = None
    values: dict[int, float] | None = None
    every_year: EveryYear | None = None

    @model_validator(mode="after")
    def _shape(self) -> "Target":
        if (self.values is None) == (self.every_year is None):
            raise ValueError(t("gp.values_or_every_year"))
        for year, value in (self.values or {}).items():
            if not YEARS[0] <= year <= YEARS[1]:
                raise ValueError(t("gp.year_range", year=year, first=YEARS[0], last=YEARS[1]))
            if not 0 <= value <= 100:
                raise ValueError(t("gp.value_range", year=year, value=fmt_num(value)))
        has_value = self.values is not None or (self.every_year is not None and self.every_year.value is not None)
        if self.compare is None and has_value:
            raise ValueError(t("gp.needs_compare"))
        if self.compare is not None and not has_value:
            raise ValueError(t("gp.compare_needs_value"))
        if self.provisional and not self.note:
            raise ValueError(t("gp.provisional_note"))
        return self

    @property
    def reported_only(self) -> bool:
        return self.compare is None

    def years(self) -> list[int]:
        if self.values is not None:
            return sorted(self.values)
        assert self.every_year is not None
        return list(range(self.every_year.first, self.every_year.last + 1))

    def value_for(self, year: int) -> float | None:
        """The required percentage for ``year`` (None for a reported-only target)."""
        if self.values is not None:
            return self.values[year]
        assert self.every_year is not None
        return self.every_year.value


class GoalPack(Strict):
    format: Literal["hoctap/goals@1"]
    id: Code
    version: str = Field(min_length=1)
    title: Text
    reference: Reference
    status: Literal["official", "provisional"]
    population: Text
    notes: list[str] = []
    inputs: list[GoalInput] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)

    @property
    def indicators(self) -> list:
        # RecordValidator asks which indicators read an input; a goal pack has none, so every
        # required input is needed by every record.
        return []

    def input(self, name: str) -> GoalInput:
        return next(i for i in self.inputs if i.name == name)

    def years(self) -> list[int]:
        return sorted({y for target in self.targets for y in target.years()})


def _problems(pack: GoalPack):
    """Cross-references a schema cannot express, as (YAML path, problem) pairs."""
    names = [i.name for i in pack.inputs]
    for i, inp in enumerate(pack.inputs):
        if names.index(inp.name) != i:
            yield f"inputs[{i}].name", Msg("gp.input_twice", name=inp.name)
        if inp.name == "id":
            yield f"inputs[{i}].name", Msg("gp.id_reserved")
        if inp.scored_by and inp.type != "choice":
            yield f"inputs[{i}].scored_by", Msg("gp.scored_by_choice", type=inp.type)
    ids = [target.id for target in pack.targets]
    for n, target in enumerate(pack.targets):
        where = f"targets[{n}]"
        if ids.index(target.id) != n:
            yield f"{where}.id", Msg("gp.target_twice", id=target.id)
        if target.provisional and pack.status != "provisional":
            yield f"{where}.provisional", Msg("gp.target_provisional", id=target.id)
        for part in ("population", "count"):
            for c, cond in enumerate(getattr(target, part)):
                if cond.any_of is not None and part == "count":   # a count's conditions are each counted apart
                    yield f"{where}.{part}[{c}].any_of", Msg("gp.target", id=target.id, problem=Msg("gp.any_of_count"))
                    continue
                for a, alone in enumerate(cond.any_of or [cond]):
                    path = f"{where}.{part}[{c}]" + (f".any_of[{a}]" if cond.any_of is not None else "")
                    for problem in _condition_problems(pack, alone, names):
                        yield path, Msg("gp.target", id=target.id, problem=problem)


def _condition_problems(pack: GoalPack, cond: Condition, names: list[str]):
    if cond.input not in names:
        yield Msg("gp.undeclared", input=cond.input, hint=did_you_mean(cond.input, names))
        return
    inp = pack.input(cond.input)
    wanted = {"one_of": "choice", "equals": "boolean", "at_least": "number", "below": "number"}[cond.operator]
    if inp.type != wanted:
        yield Msg("gp.operator_type", operator=cond.operator, wanted=wanted, name=inp.name, type=inp.type)
    elif cond.one_of:
        codes = [c.code for c in inp.choices]
        for code in cond.one_of:
            if code not in codes:
                yield Msg("gp.not_choice", value=code, name=inp.name, hint=did_you_mean(code, codes))


# --- loading ------------------------------------------------------------------------

class LoadedGoals:
    """A validated goal pack with the exact text it came from (for hashes and audits)."""

    def __init__(self, pack: GoalPack, source: str, text: str):
        self.pack, self.source, self.text = pack, source, text
        self.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()

    def identity(self) -> dict[str, str]:
        return {"id": self.pack.id, "version": self.pack.version, "sha256": self.sha256}


def goals_from_document(doc: YamlDocument) -> GoalPack:
    if not isinstance(doc.data, dict):
        raise CriteriaError(doc.file, "", Msg("gp.not_mapping"))
    if doc.data.get("format") == "hoctap/criteria@1":
        raise CriteriaError(doc.file, "format", Msg("gp.is_criteria"), doc.line_of("format"))
    try:
        pack = GoalPack.model_validate(doc.data)
    except ValidationError as exc:
        raise CriteriaErrors([_criteria_error(doc, err, GoalPack) for err in exc.errors()]) from None
    problems = [CriteriaError(doc.file, path, problem, doc.line_of(path)) for path, problem in _problems(pack)]
    if problems:  # every cross-reference problem at once, each at its own line
        raise CriteriaErrors(problems)
    _check_scored_by(pack, doc)
    return pack


def _check_scored_by(pack: GoalPack, doc: YamlDocument) -> None:
    """A scored_by input's codes must be exactly the criteria pack's outcome codes, so that
    every scored record maps onto a code and every code can come from scoring."""
    errors = []
    for i, inp in enumerate(pack.inputs):
        if not inp.scored_by:
            continue
        path = f"inputs[{i}].scored_by"
        known = shipped_packs()
        if inp.scored_by not in known:
            errors.append(CriteriaError(doc.file, path, Msg("gp.no_pack", name=inp.scored_by,
                                                            hint=did_you_mean(inp.scored_by, known)), doc.line_of(path)))
            continue
        outcomes = known[inp.scored_by].pack.outcome_codes
        codes = [c.code for c in inp.choices]
        if sorted(codes) != sorted(outcomes):
            errors.append(CriteriaError(doc.file, f"inputs[{i}].choices",
                                        Msg("gp.choices_outcomes", name=inp.name, codes=", ".join(codes),
                                            pack=inp.scored_by, outcomes=", ".join(outcomes)),
                                        doc.line_of(f"inputs[{i}].choices")))
    if errors:
        raise CriteriaErrors(errors)


def load_goals(path: str | Path) -> LoadedGoals:
    try:
        doc = read_yaml_file(path)
    except CriteriaError as exc:
        raise _goal_wording(exc) from None
    return LoadedGoals(goals_from_document(doc), source=str(path), text=doc.text)


def load_goals_text(text: str, file: str = "<text>") -> LoadedGoals:
    try:
        doc = parse_yaml(text, file)
    except CriteriaError as exc:
        raise _goal_wording(exc) from None
    return LoadedGoals(goals_from_document(doc), source=file, text=doc.text)


def _goal_wording(exc: CriteriaError) -> CriteriaError:
    if isinstance(exc.problem, Msg) and exc.problem.code == "yaml.empty":
        return CriteriaError(exc.file, "", Msg("yaml.empty_goals"))
    return exc


def shipped_goal_files() -> list[Path]:
    return sorted(goals_dir().glob("*.yaml"))


@lru_cache(maxsize=None)
def shipped_goals() -> dict[str, LoadedGoals]:
    return by_id(shipped_goal_files(), load_goals)


def resolve_goals(name: str) -> LoadedGoals:
    """A shipped goal pack id, or the path of a goal-pack YAML file."""
    try:
        return resolve_named(name, load_goals, shipped_goals, GoalPackNotFound)
    except GoalPackNotFound:
        if shipped_by_id(name) is not None:   # 'hoctap goals -g cong-dan-hoc-tap': a criteria pack's id
            raise CriteriaGivenAsGoalPack(name) from None
        raise


def is_goal_pack(name: str) -> bool:
    """A shipped goal pack id, or a YAML file that declares the goal format (for 'hoctap validate')."""
    path = Path(name)
    if not path.exists():
        return name in {p.stem for p in shipped_goal_files()}
    if not_a_regular_file(path):   # a FIFO would block here: the loader refuses it with its reason
        return False
    try:   # as the loaders read it (UTF-16 with its mark too), or a goal pack saved by Notepad passes for criteria
        head = read_text(path)[:4000]
    except CriteriaError:
        return False
    return any(line.split("#")[0].strip().replace(" ", "") == f"format:{FORMAT}" for line in head.splitlines())
