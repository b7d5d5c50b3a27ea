"""Audit: read a stored result back, and replay stored runs to prove they still reproduce.

``verify`` re-scores every stored scored row from its stored normalised inputs with the
stored pack *text* (not today's pack file), and compares everything the store says about
the row: its columns (outcome, record id, result id, input hash), the result JSON and the
explanation JSON. The engine versions are the one thing allowed to differ (a newer hoctap
must give the same results); the report names both when they do.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from scoring.results.aggregate import Result
from scoring.packs.catalog import validity
from scoring.engine.adapter import RulesEngine
from scoring.errors import CriteriaError, CriteriaErrors, EngineError, StoreError
from scoring.engine.evaluate import Scorer
from scoring.results.explain import Explanation, MemberShare
from scoring.results.verify import ClaimReader, claims_from_dict
from scoring.packs.pack import LoadedPack, load_pack_text
from scoring.packs.catalog import InForce
from scoring.results.provenance import (Provenance, canonical_json, engine_versions, input_sha256, raw_sha256, result_id, sha256_text)
from scoring.records.validate import Record
from scoring.results.render import render_explanation, result_dict
from scoring.audit.store import RunStore, StoredRun


@dataclass(frozen=True)
class Difference:
    run_id: str
    row_no: int
    record_id: str | None
    result_id: str
    problems: tuple[str, ...]

    def text(self) -> str:
        head = f"DIFFERS {self.result_id} (run {self.run_id}, row {self.row_no}, id {self.record_id})"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


@dataclass
class RunCheck:
    run: StoredRun
    reproduced: int = 0
    not_replayed: int = 0          # rejected rows: no normalised record to replay
    scored_rows: int = 0           # stored rows with inputs (scored), whether they reproduce or not
    differences: list[Difference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


class Replayer:
    """Re-scores stored rows; one rules engine and one scorer per stored pack text."""

    def __init__(self, store: RunStore):
        self.store = store
        self.engine = RulesEngine()
        self._packs: dict[str, LoadedPack | str] = {}
        self._scorers: dict[str, Scorer] = {}
        self._claims: dict[tuple[str, str], ClaimReader] = {}

    def pack(self, sha: str) -> LoadedPack | str:
        """The stored pack, or a problem saying why it cannot be used."""
        if sha not in self._packs:
            self._packs[sha] = self._load(sha)
        return self._packs[sha]

    def _load(self, sha: str) -> LoadedPack | str:
        text = self.store.pack_text(sha)
        if text is None:
            return f"the pack text {sha[:12]}… is not in the store"
        try:
            loaded = load_pack_text(text, f"<stored pack {sha[:12]}>")
        except (CriteriaError, CriteriaErrors) as exc:
            return f"the stored pack text {sha[:12]}… no longer loads: {exc}"
        if loaded.sha256 != sha:
            return f"the stored pack text hashes to {loaded.sha256[:12]}…, not {sha[:12]}… (edited in the store?)"
        return loaded

    def scorer(self, loaded: LoadedPack) -> Scorer:
        if loaded.sha256 not in self._scorers:
            self._scorers[loaded.sha256] = Scorer(loaded, self.engine)
        return self._scorers[loaded.sha256]

    def replay(self, row: sqlite3.Row, run: StoredRun) -> list[str]:
        """The problems found with one stored scored row ([] when it reproduces)."""
        loaded = self.pack(row["pack_sha256"] or "")
        if isinstance(loaded, str):
            return [loaded]
        try:
            inputs = json.loads(row["inputs"])
            record = Record(str(inputs["id"]), dict(inputs["values"]), row["where_"])
            stored = json.loads(row["result"])
            stored_expl = json.loads(row["explanation"]) if row["explanation"] else None
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            return [f"the stored row is not readable JSON ({exc}): edited in the store?"]
        problems = []
        digest = input_sha256(record)
        if digest != row["input_sha256"]:
            problems.append(f"input_sha256: the stored inputs hash to {digest[:12]}…, not {str(row['input_sha256'])[:12]}… "
                            "(inputs edited in the store?)")
        if row["raw"] is not None and raw_sha256(json.loads(row["raw"])) != row["raw_sha256"]:
            problems.append("raw_sha256: the stored raw row does not hash to raw_sha256 (edited in the store?)")
        try:
            fresh = self._rescore(row, run, loaded, record, digest, stored)
        except (EngineError, ValueError) as exc:
            return problems + [f"re-scoring failed: {exc}"]
        problems += _compare_columns(row, fresh)
        problems += _compare("result", stored, _with_engine(result_dict(fresh), stored))
        expl = fresh.explanation.to_dict() if fresh.explanation else None
        problems += _compare("explanation", stored_expl, json.loads(canonical_json(expl)))
        return problems

    def _rescore(self, row: sqlite3.Row, run: StoredRun, loaded: LoadedPack, record: Record, digest: str,
                 stored: dict[str, Any]) -> Result:
        as_of = dt.date.fromisoformat(row["as_of"]) if row["as_of"] else None
        in_force = InForce(loaded, as_of, row["as_of_source"], validity(loaded.pack) if as_of else None)
        scored = self.scorer(loaded).score(record)
        prov = Provenance(
            result_id=result_id(loaded.sha256, as_of, digest), run_id=run.run_id, run_at=run.started_at,
            criteria=loaded.identity(), engine=engine_versions(), as_of=row["as_of"],
            as_of_source=row["as_of_source"], in_force=in_force.reason, input_sha256=digest,
            raw_sha256=row["raw_sha256"])
        lang = run.command.get("lang", "vi")
        inputs = json.loads(row["inputs"])
        claims = inputs.get("claims")
        verification = self.claims(loaded, lang).check(claims_from_dict(claims), scored) if claims else None
        members = tuple(_member_share(m) for m in inputs.get("members", ()))
        return Result(record.id, row["where_"], scored, loaded=loaded, lang=lang, provenance=prov, in_force=in_force,
                      verification=verification, members=members)

    def claims(self, loaded: LoadedPack, lang: str) -> ClaimReader:
        key = (loaded.sha256, lang)
        if key not in self._claims:
            self._claims[key] = ClaimReader(loaded.pack, lang)
        return self._claims[key]


def _member_share(m: dict[str, Any]) -> MemberShare:
    return MemberShare(**{**m, "outcomes": tuple(m["outcomes"]), "not_qualifying": tuple(m["not_qualifying"])})


def _with_engine(fresh: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    """Compare results regardless of the engine version that produced them."""
    engine = (stored.get("provenance") or {}).get("engine") if isinstance(stored, dict) else None
    if "provenance" in fresh and engine is not None:
        fresh = {**fresh, "provenance": {**fresh["provenance"], "engine": engine}}
    return json.loads(canonical_json(fresh))


def _compare_columns(row: sqlite3.Row, fresh: Result) -> list[str]:
    assert fresh.scored is not None and fresh.provenance is not None
    expected = {"outcome": fresh.scored.outcome, "record_id": fresh.id, "result_id": fresh.provenance.result_id}
    return [f"{col}: stored {row[col]!r}, re-scored {want!r}" for col, want in expected.items() if row[col] != want]


def _compare(what: str, stored: Any, fresh: Any) -> list[str]:
    if stored == fresh:
        return []
    if not (isinstance(stored, dict) and isinstance(fresh, dict)):
        return [f"{what}: stored {_short(stored)}, re-scored {_short(fresh)}"]
    keys = sorted(set(stored) | set(fresh), key=lambda k: (k not in fresh, k))
    return [f"{what}.{k}: stored {_short(stored.get(k))}, re-scored {_short(fresh.get(k))}"
            for k in keys if stored.get(k) != fresh.get(k)]


def _short(value: Any, width: int = 100) -> str:
    text = canonical_json(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def verify(store: RunStore, run_id: str | None = None) -> list[RunCheck]:
    """Replay one run (or every run) of the store."""
    with _damage_is_an_error(store):
        return _verify(store, run_id)


@contextmanager
def _damage_is_an_error(store: RunStore) -> Iterator[None]:
    try:
        yield
    except (sqlite3.DatabaseError, IndexError, KeyError) as exc:  # a dropped table, a renamed column
        raise StoreError(f"{store.path}: the run store is damaged or not a hoctap run store ({exc}): "
                         "restore it from a copy") from None


def _verify(store: RunStore, run_id: str | None) -> list[RunCheck]:
    replayer = Replayer(store)
    checks = []
    for run in store.runs(run_id):
        check = RunCheck(run)
        for row in store.results(run.run_id):
            check.scored_rows += row["inputs"] is not None
            problems = _rejected_problems(row) if row["inputs"] is None else replayer.replay(row, run)
            if problems:
                check.differences.append(Difference(run.run_id, row["row_no"], row["record_id"], row["result_id"],
                                                    tuple(problems)))
            elif row["inputs"] is None:
                check.not_replayed += 1
            else:
                check.reproduced += 1
        checks.append(check)
    return checks


def _rejected_problems(row: sqlite3.Row) -> list[str]:
    """A rejected row cannot be replayed (it has no normalised record), but its result id is
    derived from its raw row and place: a scored row dressed up as rejected does not match."""
    as_of = dt.date.fromisoformat(row["as_of"]) if row["as_of"] else None
    key = sha256_text(f"{row['raw_sha256']}@{row['where_']}")
    if row["error"] is None or row["outcome"] is not None:
        return ["a row without inputs must be a rejected row (an error and no outcome): edited in the store?"]
    if result_id(row["pack_sha256"] or None, as_of, key) != row["result_id"]:
        return ["the result id is not that of a rejected row: a scored result was turned into a rejection "
                "or its inputs were removed (edited in the store?)"]
    return []


def verify_report(checks: list[RunCheck]) -> list[str]:
    lines = []
    now = engine_versions()
    for c in checks:
        run = c.run
        state = "complete" if run.status == "complete" else "INCOMPLETE (the scoring process stopped before the end)"
        lines.append(f"run {run.run_id}: {state}; {run.stored} rows stored: {c.reproduced} reproduced, "
                     f"{len(c.differences)} differ, {c.not_replayed} rejected rows not replayed")
        if run.engine and run.engine != now:
            lines.append(f"  scored with {_engine(run.engine)}; re-scored with {_engine(now)}")
        if _counts_differ(c):
            read, scored, rejected = run.counts
            lines.append(f"  the run recorded {read} rows read ({scored} scored, {rejected} rejected) but the store "
                         f"holds {run.stored} ({c.scored_rows} scored, {run.stored - c.scored_rows} rejected): "
                         "rows deleted or edited?")
        lines.extend(d.text() for d in c.differences)
    differ = sum(len(c.differences) for c in checks)
    if count_mismatch(checks):
        lines.append(f"{len(checks)} run(s) checked: the stored rows do not add up to what the run recorded"
                     + (f"; {differ} result(s) differ" if differ else ""))
    else:
        lines.append(f"{len(checks)} run(s) checked: " + ("every stored result reproduces" if not differ
                                                           else f"{differ} result(s) differ"))
    return lines


def count_mismatch(checks: list[RunCheck]) -> bool:
    """A complete run whose stored rows do not add up to the rows it read, scored and rejected."""
    return any(_counts_differ(c) for c in checks)


def _counts_differ(c: RunCheck) -> bool:
    if c.run.status != "complete":
        return False
    read, scored, rejected = c.run.counts
    return (read not in (None, c.run.stored) or scored not in (None, c.scored_rows)
            or rejected not in (None, c.run.stored - c.scored_rows))


def _engine(e: dict[str, str]) -> str:
    return f"hoctap {e.get('hoctap')}, durable-rules {e.get('durable_rules')}"


def show(store: RunStore, rid: str, fmt: str = "text") -> str:
    with _damage_is_an_error(store):
        return _show(store, rid, fmt)


def _show(store: RunStore, rid: str, fmt: str = "text") -> str:
    """The stored explanation of a result, headed by where it came from."""
    rows = store.find(rid)
    row = rows[0]
    result = json.loads(row["result"])
    prov = result.get("provenance", {})
    expl = json.loads(row["explanation"]) if row["explanation"] else None
    if fmt == "json":
        return json.dumps({"result": result, "explanation": expl, "run_status": row["status"],
                           "also_in_runs": [r["run_id"] for r in rows[1:]]}, ensure_ascii=False, indent=2)
    head = [f"Result {rid}: run {row['run_id']} ({row['status']}), row {row['row_no']}, {row['where_']}",
            f"Criteria: {_identity(prov.get('criteria'))}",
            f"Engine: {_engine(prov.get('engine') or {})}",
            f"Assessment date: {prov['as_of']} ({prov['as_of_source']}) — {prov['in_force']}" if prov.get("as_of")
            else "Assessment date: none given (the pack was named)",
            f"Input sha256: {row['input_sha256'] or '-'}; raw row sha256: {row['raw_sha256']}"]
    if len(rows) > 1:
        head.append(f"Also stored in runs: {', '.join(r['run_id'] for r in rows[1:])}")
    if expl is None:
        body = f"Rejected: {row['error']}"
    else:
        body = render_explanation(Explanation.from_dict(expl), "markdown" if fmt == "markdown" else "text")
    return "\n".join(head) + "\n\n" + body


def _identity(c: dict[str, str] | None) -> str:
    return f"{c['id']} {c['version']} (sha256 {c['sha256']})" if c else "none (rejected before a pack was chosen)"
