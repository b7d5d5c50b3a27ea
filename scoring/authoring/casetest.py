"""Named test cases of a criteria pack, run like a compiler runs its checks.

A pack's cases live beside it in ``cases/<pack id>.yaml`` (format: criteria/README.md,
"Test cases"). Each case gives a record (or several) and what the pack must make of it: an
outcome, a total, some indicators' status and points — or a rejection. ``run_cases`` scores
every case through the same validator and engine as ``hoctap score`` and reports every
difference as ``FILE:LINE: case "name": expected …, got …`` followed by the explanation.

A pack that ``extends`` another inherits the parent's cases and runs them against itself; its
own case file may replace an inherited case by giving a case of the same ``name`` (the keys it
writes replace the parent's: typically a new ``expect``), or drop it with ``skip: <reason>``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scoring.authoring.coverage import Target, reachable_targets
from scoring.engine.adapter import RulesEngine
from scoring.errors import CriteriaError, RecordError
from scoring.messages import LANGS, Msg, did_you_mean, fmt_num, fmt_share, get_lang, t, text
from scoring.engine.evaluate import Scored, Scorer
from scoring.results.explain import explain
from scoring.packs.yamlfile import YamlDocument, display_path, read_yaml_file
from scoring.packs.model import LoadedPack, Pack
from scoring.packs.pack import validation_errors
from scoring.records.validate import RecordValidator
from scoring.results.render import render_explanation

TOLERANCE = 1e-6   # the scorer rounds totals to 4 digits; expectations are written by hand


# --- the case file format ---------------------------------------------------------------

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectIndicator(_Strict):
    status: Literal["met", "not_met", "missing", "not_applicable"] | None = None
    points: float | None = None


class Expect(_Strict):
    """What the pack must give: an outcome (with optional total and indicators), or a rejection
    whose message contains the text of ``rejected``."""

    outcome: str | None = None
    total: float | None = None
    indicators: dict[str, ExpectIndicator] = {}
    rejected: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Expect":
        if (self.outcome is None) == (self.rejected is None):
            raise ValueError(t("case.outcome_or_rejected"))
        if self.rejected is not None and (self.total is not None or self.indicators):
            raise ValueError(t("case.rejected_extra"))
        return self


class Case(_Strict):
    name: str = Field(min_length=1)
    record: dict[str, Any] | None = None
    records: list[dict[str, Any]] | None = None
    as_of: dt.date | None = None        # the day assessed: the pack must be in force then
    expect: Expect | None = None
    skip: str | None = None             # drop an inherited case, saying why

    @model_validator(mode="after")
    def _complete(self) -> "Case":
        if self.skip is None:
            if (self.record is None) == (self.records is None):
                raise ValueError(t("case.record_or_records"))
            if self.expect is None:
                raise ValueError(t("case.expect_required"))
        return self

    @property
    def all_records(self) -> list[dict[str, Any]]:
        return [self.record] if self.record is not None else list(self.records or [])


class CaseFile(_Strict):
    """The whole file; used for messages ('did you mean') and the JSON Schema."""

    pack: str = Field(min_length=1)
    cases: list[Case] = Field(min_length=1)


class _Head(_Strict):
    pack: str = Field(min_length=1)
    cases: list[dict[str, Any]] = Field(min_length=1)


# --- loading ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoadedCase:
    case: Case
    file: str
    line: int | None
    inherited_from: str | None = None   # the pack whose case file it comes from, when not this one
    overrides: str | None = None        # the pack whose case of the same name this one changes

    @property
    def where(self) -> str:
        return f"{display_path(self.file)}:{self.line}" if self.line else display_path(self.file)


@dataclass(frozen=True)
class _Raw:
    data: dict[str, Any]
    doc: YamlDocument
    index: int
    inherited_from: str | None = None
    overrides: str | None = None


def cases_file_for(loaded: LoadedPack) -> Path:
    """Where a pack's cases live: ``cases/<id>.yaml`` in the pack's folder."""
    return Path(loaded.source).parent / "cases" / f"{loaded.pack.id}.yaml"


def load_cases(loaded: LoadedPack, file: str | Path | None = None) -> list[LoadedCase]:
    """The cases that run against ``loaded``: inherited ones (with this pack's overrides), then
    its own, from ``file`` or from its usual place (skipped ones included: ``run_cases`` counts them)."""
    out = []
    for raw in _collect(loaded, Path(file) if file else None):
        lc = _validated(raw)
        _check_against_pack(lc, raw, loaded.pack)
        out.append(lc)
    return out


def case_files(loaded: LoadedPack, file: str | Path | None = None) -> list[str]:
    """The case files that ``load_cases`` reads, parents first."""
    files = case_files(loaded.base) if loaded.base else []
    path = Path(file) if file else cases_file_for(loaded)
    return files + ([str(path)] if path.is_file() else [])


def _collect(loaded: LoadedPack, file: Path | None) -> list[_Raw]:
    inherited = [replace(r, inherited_from=r.inherited_from or loaded.base.pack.id)
                 for r in _collect(loaded.base, None)] if loaded.base else []
    path = file or cases_file_for(loaded)
    own = _read(path, loaded.pack.id) if file or path.is_file() else []
    by_name = {r.data["name"]: r for r in own}
    out = []
    for r in inherited:
        child = by_name.pop(r.data["name"], None)
        out.append(r if child is None else replace(child, data=_merge_case(r.data, child.data),
                                                   overrides=r.inherited_from))
    return out + [r for r in own if r.data["name"] in by_name]


def _merge_case(parent: dict, child: dict) -> dict:
    """The keys a child's case writes replace the parent's ('record' and 'records' count as one)."""
    gives_records = bool({"record", "records"} & set(child))
    base = {k: v for k, v in parent.items() if not (gives_records and k in ("record", "records"))}
    return {**base, **child}


def _read(path: Path, pack_id: str) -> list[_Raw]:
    if path.is_file() and not path.read_text(encoding="utf-8", errors="replace").strip():
        raise CriteriaError(str(path), "", Msg("case.empty", pack=pack_id))
    doc = read_yaml_file(path)
    if not isinstance(doc.data, dict):
        raise CriteriaError(doc.file, "", Msg("case.not_mapping"))
    try:
        _Head.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_errors(doc, exc.errors(), CaseFile) from None
    if doc.data["pack"] != pack_id:
        raise CriteriaError(doc.file, "pack", Msg("case.other_pack", tests=doc.data["pack"], pack=pack_id), doc.line_of("pack"))
    seen: dict[str, int | None] = {}
    out = []
    for i, data in enumerate(doc.data["cases"]):
        name = data.get("name")
        where = f"cases[{i}].name"
        if not isinstance(name, str) or not name.strip():
            raise CriteriaError(doc.file, where, Msg("case.no_name"),
                                doc.line_of(f"cases[{i}]"))
        if name in seen:
            raise CriteriaError(doc.file, where, Msg("case.name_twice", name=name, first=seen[name]), doc.line_of(where))
        seen[name] = doc.line_of(f"cases[{i}]")
        out.append(_Raw(data, doc, i))
    return out


def _validated(raw: _Raw) -> LoadedCase:
    try:
        case = Case.model_validate(raw.data)
    except ValidationError as exc:
        raise validation_errors(raw.doc, exc.errors(), CaseFile, prefix=("cases", raw.index)) from None
    return LoadedCase(case, raw.doc.file, raw.doc.line_of(f"cases[{raw.index}]"), raw.inherited_from, raw.overrides)


def _check_against_pack(lc: LoadedCase, raw: _Raw, pack: Pack) -> None:
    """Codes and ids in an expectation must exist in the pack, or the case could never pass."""
    expect, base = lc.case.expect, f"cases[{raw.index}].expect"
    if expect is None:
        return
    problems: list[tuple[str, Msg]] = []
    if expect.outcome is not None and expect.outcome not in pack.outcome_codes:
        problems.append(("outcome", Msg("case.not_outcome", outcome=expect.outcome, pack=pack.id, codes=", ".join(pack.outcome_codes),
                                         hint=did_you_mean(expect.outcome, pack.outcome_codes))))
    if expect.total is not None and pack.max_total is None:
        problems.append(("total", Msg("case.no_points", pack=pack.id)))
    ids = [i.id for i in pack.indicators]
    for ind_id in expect.indicators:
        if ind_id not in ids:
            problems.append((f"indicators.{ind_id}", Msg("case.not_indicator", id=ind_id, pack=pack.id, hint=did_you_mean(ind_id, ids))))
    if problems:
        path, problem = problems[0]
        where = f"{base}.{path}"
        raise CriteriaError(raw.doc.file, where, problem, raw.doc.line_of(where))


# --- running ------------------------------------------------------------------------------

@dataclass
class CaseResult:
    case: LoadedCase
    failures: list[str] = field(default_factory=list)   # "expected outcome 'tot', got 'kha'"
    details: list[str] = field(default_factory=list)    # the explanation or rejection behind a failure
    reached: set[str] = field(default_factory=set)      # engine rules the case's records decided by

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class PackReport:
    loaded: LoadedPack
    files: list[str]
    results: list[CaseResult]
    targets: list[Target]
    skipped: list[LoadedCase] = field(default_factory=list)

    @property
    def failed(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]

    @property
    def uncovered(self) -> list[Target]:
        reached = set().union(*(r.reached for r in self.results)) if self.results else set()
        return [t for t in self.targets if t.rule not in reached]

    @property
    def coverage(self) -> float:
        return 100.0 * (len(self.targets) - len(self.uncovered)) / len(self.targets) if self.targets else 100.0


def test_pack(loaded: LoadedPack, file: str | Path | None = None, engine: RulesEngine | None = None) -> PackReport:
    """Load a pack's cases and run them (the library form of ``hoctap test``)."""
    return run_cases(loaded, load_cases(loaded, file), case_files(loaded, file), engine)


test_pack.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite its name


def run_cases(loaded: LoadedPack, cases: list[LoadedCase], files: list[str] | None = None,
              engine: RulesEngine | None = None) -> PackReport:
    validator, scorer = RecordValidator(loaded.pack), Scorer(loaded, engine)
    results = [_run(lc, loaded, validator, scorer) for lc in cases if lc.case.skip is None]
    skipped = [lc for lc in cases if lc.case.skip is not None]
    return PackReport(loaded, files or [], results, reachable_targets(loaded), skipped)


def _run(lc: LoadedCase, loaded: LoadedPack, validator: RecordValidator, scorer: Scorer) -> CaseResult:
    result = CaseResult(lc)
    records = lc.case.all_records
    for n, data in enumerate(records, start=1):
        prefix = t("case.record_n", n=n) if len(records) > 1 else ""
        data = {"id": f"case-{n}", **data}
        scored, rejection = _score(data, lc.case.as_of, loaded.pack, validator, scorer)
        before = len(result.failures)
        _compare(lc.case.expect, scored, rejection, result)     # type: ignore[arg-type]
        result.failures[before:] = [prefix + f for f in result.failures[before:]]
        if scored is not None:
            result.reached |= {i.rule for i in scored.indicators} | {scored.outcome_rule}
            if len(result.failures) > before:
                result.details.append(render_explanation(explain(scored, loaded, get_lang()), "detail"))
        elif len(result.failures) > before:
            result.details.append(t("case.rejected_detail", rejection=str(rejection)))
    return result


def _score(data: dict[str, Any], as_of: dt.date | None, pack: Pack, validator: RecordValidator,
           scorer: Scorer) -> tuple[Scored | None, Any]:
    if as_of is not None and (as_of < pack.valid_from or (pack.valid_to and as_of > pack.valid_to)):
        if pack.valid_to:
            return None, Msg("case.not_in_force_until", on=as_of, start=pack.valid_from, end=pack.valid_to)
        return None, Msg("case.not_in_force", on=as_of, start=pack.valid_from)
    try:
        return scorer.score(validator.validate(data)), None
    except RecordError as exc:
        return None, exc  # compared in both languages (cases are written in either), shown in the current one


def _in(rejection: Any, lang: str) -> str:
    return rejection.render(lang) if isinstance(rejection, RecordError) else text(rejection, lang)


def _compare(expect: Expect, scored: Scored | None, rejection: Any, result: CaseResult) -> None:
    fail = result.failures.append
    if expect.rejected is not None:
        if scored is not None:
            fail(t("case.want_rejected", want=expect.rejected, outcome=scored.outcome))
        elif not any(expect.rejected in _in(rejection, lang) for lang in LANGS):
            fail(t("case.want_rejection_text", want=expect.rejected, got=str(rejection)))
        return
    if scored is None:
        fail(t("case.want_outcome_rejected", want=expect.outcome, got=str(rejection)))
        return
    if scored.outcome != expect.outcome:
        fail(t("case.want_outcome", want=expect.outcome, got=scored.outcome))
    if expect.total is not None and (scored.total is None or abs(scored.total - expect.total) > TOLERANCE):
        fail(t("case.want_total", want=_points(expect.total), got=_points(scored.total)))
    got = {i.id: i for i in scored.indicators}
    for ind_id, want in expect.indicators.items():
        have = got[ind_id]
        if want.status is not None and have.status != want.status:
            fail(t("case.want_status", id=ind_id, want=want.status, got=have.status))
        if want.points is not None and (have.points is None or abs(have.points - want.points) > TOLERANCE):
            fail(t("case.want_points", id=ind_id, want=_points(want.points), got=_points(have.points)))


def _points(x: float | None) -> str:
    """Points as the reader's language writes them (89,9 in Vietnamese), as the coverage line does."""
    return "—" if x is None else fmt_num(x)


# --- the report, as lines ---------------------------------------------------------------------

def failure_lines(report: PackReport) -> list[str]:
    lines = []
    for r in report.failed:
        origin = (t("case.inherited_from", file=r.case.inherited_from) if r.case.inherited_from
                  else t("case.overrides", file=r.case.overrides) if r.case.overrides else "")
        lines += [t("case.failure", where=r.case.where, name=r.case.case.name, origin=origin, failure=f) for f in r.failures]
        lines += ["    " + line if line else "" for d in r.details for line in d.splitlines()]
    return lines


def summary_line(report: PackReport) -> str:
    pack, n = report.loaded.pack, len(report.results)
    if not n:
        return t("case.none", pack=pack.id, file=display_path(cases_file_for(report.loaded)))
    line = t("cases.summary", pack=pack.id, n=fmt_num(n), passed=fmt_num(n - len(report.failed)),
             failed=fmt_num(len(report.failed)))
    kept = sum(1 for r in report.results if r.case.inherited_from)
    changed = sum(1 for r in report.results if r.case.overrides)
    if kept or changed or report.skipped:
        line += t("cases.inherited", kept=fmt_num(kept), changed=fmt_num(changed), skipped=fmt_num(len(report.skipped)))
    return line


def coverage_text(report: PackReport) -> str:
    """The rule coverage as people read a share: '95,5%' in Vietnamese, '95.5%' in English."""
    return fmt_share(report.coverage / 100)


def coverage_lines(report: PackReport) -> list[str]:
    doc = report.loaded.document
    lines = []
    for target in report.uncovered:
        file, line = doc.where(target.path) if doc else (report.loaded.source, None)
        file = display_path(file)
        lines.append(t("case.unreached", where=f"{file}:{line}" if line else file, path=target.path, rule=target.rule))
    reached = len(report.targets) - len(report.uncovered)
    lines.append(t("case.coverage", pack=report.loaded.pack.id, share=coverage_text(report), reached=fmt_num(reached),
                    n=fmt_num(len(report.targets))))
    return lines
