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
from scoring.errors import CriteriaError, RecordError, did_you_mean_en
from scoring.messages import LANGS, t
from scoring.engine.evaluate import Scored, Scorer
from scoring.results.explain import explain
from scoring.packs.yamlfile import YamlDocument, display_path, read_yaml_file
from scoring.packs.pack import LoadedPack, Pack, validation_errors
from scoring.records.validate import RecordValidator
from scoring.results.render import num, render_explanation

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
            raise ValueError("give either 'outcome' (the band or level code) or 'rejected' (text of the rejection)")
        if self.rejected is not None and (self.total is not None or self.indicators):
            raise ValueError("a rejected record has no 'total' or 'indicators': remove them")
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
                raise ValueError("give 'record' (one record) or 'records' (a list of records), not both or neither")
            if self.expect is None:
                raise ValueError("'expect' is required: say what the pack must give")
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
        raise CriteriaError(str(path), "", f"the case file is empty: write 'pack: {pack_id}' and a list of 'cases'")
    doc = read_yaml_file(path)
    if not isinstance(doc.data, dict):
        raise CriteriaError(doc.file, "", "a case file is a YAML mapping with 'pack' and 'cases'")
    try:
        _Head.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_errors(doc, exc.errors(), CaseFile) from None
    if doc.data["pack"] != pack_id:
        raise CriteriaError(doc.file, "pack", f"this file tests pack '{doc.data['pack']}', not '{pack_id}': "
                            "fix 'pack' or give the case file of this pack", doc.line_of("pack"))
    seen: dict[str, int | None] = {}
    out = []
    for i, data in enumerate(doc.data["cases"]):
        name = data.get("name")
        where = f"cases[{i}].name"
        if not isinstance(name, str) or not name.strip():
            raise CriteriaError(doc.file, where, "every case needs a 'name': a sentence saying what it shows",
                                doc.line_of(f"cases[{i}]"))
        if name in seen:
            raise CriteriaError(doc.file, where, f"case name '{name}' is used twice (first at line {seen[name]}): "
                                "give each case its own name", doc.line_of(where))
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
    problems: list[tuple[str, str]] = []
    if expect.outcome is not None and expect.outcome not in pack.outcome_codes:
        problems.append(("outcome", f"'{expect.outcome}' is not an outcome of pack '{pack.id}' "
                         f"({', '.join(pack.outcome_codes)}){did_you_mean_en(expect.outcome, pack.outcome_codes)}"))
    if expect.total is not None and pack.max_total is None:
        problems.append(("total", f"pack '{pack.id}' gives no points (it has levels): remove 'total'"))
    ids = [i.id for i in pack.indicators]
    for ind_id in expect.indicators:
        if ind_id not in ids:
            problems.append((f"indicators.{ind_id}", f"'{ind_id}' is not an indicator of pack '{pack.id}'{did_you_mean_en(ind_id, ids)}"))
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
        prefix = f"record {n}: " if len(records) > 1 else ""
        data = {"id": f"case-{n}", **data}
        scored, rejection = _score(data, lc.case.as_of, loaded.pack, validator, scorer)
        before = len(result.failures)
        _compare(lc.case.expect, scored, rejection, result)     # type: ignore[arg-type]
        result.failures[before:] = [prefix + f for f in result.failures[before:]]
        if scored is not None:
            result.reached |= {i.rule for i in scored.indicators} | {scored.outcome_rule}
            if len(result.failures) > before:
                result.details.append(render_explanation(explain(scored, loaded), "detail"))
        elif len(result.failures) > before:
            result.details.append(f"rejected: {rejection}")
    return result


def _score(data: dict[str, Any], as_of: dt.date | None, pack: Pack, validator: RecordValidator,
           scorer: Scorer) -> tuple[Scored | None, str | None]:
    if as_of is not None and (as_of < pack.valid_from or (pack.valid_to and as_of > pack.valid_to)):
        until = f"to {pack.valid_to}" if pack.valid_to else "on"
        return None, f"the pack does not apply on {as_of}: it applies from {pack.valid_from} {until}"
    try:
        return scorer.score(validator.validate(data)), None
    except RecordError as exc:
        return None, exc  # compared in both languages (cases are written in either), shown in the current one


def _in(rejection: Any, lang: str) -> str:
    return rejection.render(lang) if isinstance(rejection, RecordError) else str(rejection or "")


def _compare(expect: Expect, scored: Scored | None, rejection: Any, result: CaseResult) -> None:
    fail = result.failures.append
    if expect.rejected is not None:
        if scored is not None:
            fail(f"expected the record to be rejected (\"{expect.rejected}\"), got outcome '{scored.outcome}'")
        elif not any(expect.rejected in _in(rejection, lang) for lang in LANGS):
            fail(f"expected a rejection containing \"{expect.rejected}\", got: {rejection}")
        return
    if scored is None:
        fail(f"expected outcome '{expect.outcome}', but the record was rejected: {rejection}")
        return
    if scored.outcome != expect.outcome:
        fail(f"expected outcome '{expect.outcome}', got '{scored.outcome}'")
    if expect.total is not None and (scored.total is None or abs(scored.total - expect.total) > TOLERANCE):
        fail(f"expected total {num(expect.total)}, got {num(scored.total)}")
    got = {i.id: i for i in scored.indicators}
    for ind_id, want in expect.indicators.items():
        have = got[ind_id]
        if want.status is not None and have.status != want.status:
            fail(f"indicator {ind_id}: expected status '{want.status}', got '{have.status}'")
        if want.points is not None and (have.points is None or abs(have.points - want.points) > TOLERANCE):
            fail(f"indicator {ind_id}: expected {num(want.points)} points, got {num(have.points)}")


# --- the report, as lines ---------------------------------------------------------------------

def failure_lines(report: PackReport) -> list[str]:
    lines = []
    for r in report.failed:
        origin = (f" (inherited from {r.case.inherited_from})" if r.case.inherited_from
                  else f" (changes the case of {r.case.overrides})" if r.case.overrides else "")
        lines += [f"{r.case.where}: case \"{r.case.case.name}\"{origin}: {f}" for f in r.failures]
        lines += ["    " + line if line else "" for d in r.details for line in d.splitlines()]
    return lines


def summary_line(report: PackReport) -> str:
    pack, n = report.loaded.pack, len(report.results)
    if not n:
        return (f"{pack.id}: no test cases (looked for {display_path(cases_file_for(report.loaded))}): "
                "write some, see criteria/README.md")
    line = t("cases.summary", pack=pack.id, n=n, passed=n - len(report.failed), failed=len(report.failed))
    kept = sum(1 for r in report.results if r.case.inherited_from)
    changed = sum(1 for r in report.results if r.case.overrides)
    if kept or changed or report.skipped:
        line += t("cases.inherited", kept=kept, changed=changed, skipped=len(report.skipped))
    return line


def coverage_lines(report: PackReport) -> list[str]:
    doc = report.loaded.document
    lines = []
    for t in report.uncovered:
        file, line = doc.where(t.path) if doc else (report.loaded.source, None)
        file = display_path(file)
        lines.append(f"{file}:{line}: {t.path}: no case reaches {t.rule}" if line else f"{file}: {t.path}: no case reaches {t.rule}")
    reached = len(report.targets) - len(report.uncovered)
    lines.append(f"{report.loaded.pack.id}: coverage {report.coverage:.1f}% "
                 f"({reached} of {len(report.targets)} rule outcomes reached)")
    return lines
