"""Audit: read a stored result back, and replay stored runs to prove they still reproduce.

``verify`` re-scores every stored row from its stored normalised inputs (and claims, and member
shares) with the stored pack *text* (not today's pack file), rebuilds its result JSON and its
explanation, and checks them against what the run produced (``output_sha256``) and against the
stored columns (outcome, total, record id, result id, input hash). The members' own rows of a
--members run are replayed too, and each unit's shares recounted from them. Then it recomputes the
run's seal from the stored rows and compares it with the seal stored at the end of the run (and
with the HMAC signature, when ``HOCTAP_AUDIT_KEY`` is set), or, for a run that never finished, with
its last checkpoint: such a run is never reported whole. Before the runs, the store as a whole:
results of a run not in it, and every stored pack text against its SHA-256. The engine versions are the one thing
allowed to differ (a newer hoctap must give the same results); the report names both when they do.

``against`` (``scoring.audit.against``) compares a run with its original files.
"""
from __future__ import annotations

import datetime as dt
import hmac
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from scoring.audit.store import (KEY_VARIABLE, RunStore, StoredRun, in_earlier_words, output_sha256, row_place, seal_checkpoint, seal_head,
                                 seal_link, seal_tail, sign, stored_values, has_key)
from scoring.engine.adapter import RulesEngine
from scoring.engine.evaluate import Scorer
from scoring.errors import (CriteriaError, CriteriaErrors, EngineError, RecordError, StoredRowError,
                            StoreError)
from scoring.messages import Msg, fmt_num, get_lang, t, text
from scoring.packs.catalog import InForce, validity
from scoring.packs.model import LoadedPack
from scoring.packs.pack import load_pack_text
from scoring.records.dates import date_source, date_warnings, in_force_words
from scoring.records.validate import Record
from scoring.results.aggregate import Result
from scoring.results.tree import Explanation, MemberShare, in_groups
from scoring.results.provenance import (Provenance, engine_versions, input_sha256, raw_sha256,
                                        result_id, sha256_text)
from scoring.results.render import render_explanation, result_dict
from scoring.results.shares import input_title, share_figure
from scoring.results.claims import claims_from_dict
from scoring.results.verify import ClaimReader

if TYPE_CHECKING:   # loaded only when a stored row has shares computed from members
    from scoring.results.explain import Notes


@dataclass(frozen=True)
class Difference:
    run_id: str
    row_no: int
    record_id: str | None
    result_id: str
    problems: tuple[Msg, ...]
    member: bool = False       # a member's row of a --members run, not a unit's

    def text(self, lang: str | None = None) -> str:
        head = t("au.differs_member" if self.member else "au.differs", lang, result_id=self.result_id, run=self.run_id,
                 row=self.row_no, record=self.record_id)
        return "\n".join([head, *(f"  - {text(p, lang)}" for p in self.problems)])


EXAMPLES = 3   # rows named as examples of the many a store-wide problem touches


@dataclass
class RunCheck:
    run: StoredRun
    reproduced: int = 0
    not_replayed: int = 0          # rejected rows: no normalised record to replay
    scored_rows: int = 0           # stored rows with inputs (scored), whether they reproduce or not
    members: int = 0               # members' rows replayed
    members_reproduced: int = 0    # … of which reproduce
    # the members' packs (id, version) whose stored text was altered: their rows are not replayed,
    # so the units' shares of them cannot be recounted (said once, not as each unit differing)
    members_altered: set[tuple[str, str]] = field(default_factory=set)
    shares_unchecked: int = 0
    units_unchecked: int = 0       # units' rows scored with an altered pack text (not members')
    # rows (units, members) whose one difference is their output hash, when the run's header was
    # edited and its rows are proven unchanged: the header's run time and engine are in every result
    header_explained: tuple[int, int] = (0, 0)
    differences: list[Difference] = field(default_factory=list)
    seal: str | None = None        # recomputed from the stored rows (None: the run never finished)
    seal_problems: list[Msg] = field(default_factory=list)
    # a sealed run's own hashes (head, final checkpoint) that its sealed header and rows do not give
    columns: list[Msg] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    # rows scored with a stored pack text that no longer hashes to its SHA-256, by pack: counted,
    # with a few examples, rather than each listed (the pack is what changed, not the rows)
    unchecked: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    gaps: "_Gaps" = field(default_factory=lambda: _Gaps())

    def not_checked(self, row: dict[str, Any]) -> None:
        sha = row["pack_sha256"]
        self.unchecked[sha] = self.unchecked.get(sha, 0) + 1
        if len(self.examples.setdefault(sha, [])) < EXAMPLES:
            self.examples[sha].append(row)

    @property
    def ok(self) -> bool:
        return not self.differences and not self.seal_problems and not self.unchecked and not self.columns \
            and not any(self.header_explained)

    @property
    def differ(self) -> int:
        """Stored rows that do not reproduce, listed or not."""
        return len(self.differences) + sum(self.header_explained)

    @property
    def unfinished(self) -> bool:
        """Not sealed: whatever its stored rows show, the run cannot be proven whole."""
        return self.run.status != "complete"


class Checks(list):
    """The checks of ``verify``, one per run, and what was found in the store as a whole: results
    of a run that is not in it, run numbers missing, stored pack texts altered."""

    def __init__(self, checks: Iterable[RunCheck] = (), problems: Iterable[Msg] = (),
                 altered: dict[str, tuple[str, str]] | None = None):
        super().__init__(checks)
        self.problems, self.altered = list(problems), dict(altered or {})

    @property
    def ok(self) -> bool:
        return not self.problems and all(c.ok for c in self) and not count_mismatch(self)

    @property
    def unfinished(self) -> int:
        return sum(c.unfinished for c in self)


class Replayer:
    """Rebuilds stored rows; one rules engine, one scorer per stored pack text."""

    def __init__(self, store: RunStore):
        self.store = store
        self.engine = RulesEngine()
        self._packs: dict[str, LoadedPack | Msg] = {}
        self._scorers: dict[str, Scorer] = {}
        self._claims: dict[tuple[str, str], ClaimReader] = {}

    def pack(self, sha: str) -> LoadedPack | Msg:
        """The stored pack, or a problem saying why it cannot be used."""
        if sha not in self._packs:
            self._packs[sha] = self._load(sha)
        return self._packs[sha]

    def _load(self, sha: str) -> LoadedPack | Msg:
        stored = self.store.pack_row(sha)
        if stored is None:
            return Msg("au.pack_missing", sha=sha[:12])
        pack_text, base_sha = stored
        base = self.pack(base_sha) if base_sha else None
        if isinstance(base, Msg):
            return Msg("au.base_pack", sha=sha[:12], problem=base)
        try:
            loaded = load_pack_text(pack_text, t("au.stored_pack_file", sha=sha[:12]), base=base, stored=True)
        except (CriteriaError, CriteriaErrors) as exc:
            return Msg("au.pack_unloadable", sha=sha[:12], error=exc)
        if loaded.sha256 != sha:
            return Msg("au.pack_hash", got=loaded.sha256[:12], want=sha[:12])
        return loaded

    def scorer(self, loaded: LoadedPack) -> Scorer:
        if loaded.sha256 not in self._scorers:
            # an audit asks the engine for every stored record, never a remembered decision
            self._scorers[loaded.sha256] = Scorer(loaded, self.engine, cache=False)
        return self._scorers[loaded.sha256]

    def claims(self, loaded: LoadedPack, lang: str) -> ClaimReader:
        key = (loaded.sha256, lang)
        if key not in self._claims:
            self._claims[key] = ClaimReader(loaded.pack, lang)
        return self._claims[key]

    def rebuild(self, row: dict[str, Any], run: StoredRun, lang: str | None = None) -> tuple[Result | None, list[Msg]]:
        """The row's result as the run produced it, rebuilt from what is stored, and the problems
        found on the way (the result is None when it cannot be rebuilt at all). ``lang``: rebuild
        it in another language than the run's, to show it (its hash then differs, by design)."""
        try:
            if row["inputs"] is None:
                return self._rejected(row, run)
            return self._scored(row, run, lang)
        except StoredRowError as exc:
            return None, [exc.message]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            return None, [Msg("au.row_unreadable", error=str(exc))]
        except (EngineError, RecordError) as exc:
            return None, [Msg("au.cannot_rescore", error=exc)]

    def _chosen(self, row: dict[str, Any]) -> InForce | Msg | None:
        if not row["pack_sha256"]:
            return None
        loaded = self.pack(row["pack_sha256"])
        if isinstance(loaded, Msg):
            return loaded
        as_of = dt.date.fromisoformat(row["as_of"]) if row["as_of"] else None
        return InForce(loaded, as_of, row["as_of_source"], validity(loaded.pack) if as_of else None)

    def _scored(self, row: dict[str, Any], run: StoredRun, lang: str | None) -> tuple[Result | None, list[Msg]]:
        chosen = self._chosen(row)
        if not isinstance(chosen, InForce):
            return None, [chosen or Msg("au.scored_no_pack")]
        loaded = chosen.loaded
        doc = json.loads(row["inputs"])
        record = Record(str(doc["id"]), stored_values(doc, loaded), row["where_"])
        problems = []
        digest = input_sha256(record)
        if digest != row["input_sha256"]:
            problems.append(Msg("au.input_hash", got=digest[:12], want=str(row["input_sha256"])[:12]))
        scored = self.scorer(loaded).score(record)
        lang = lang or run.command.get("lang", "vi")
        claims = doc.get("claims")
        verification = self.claims(loaded, lang).check(claims_from_dict(claims), scored) if claims else None
        members = tuple(MemberShare.from_dict(m) for m in doc.get("members", ()))
        prov = _provenance(row, run, chosen, result_id(loaded.sha256, chosen.as_of, digest), digest)
        dated = doc.get("dated")   # the record's own date, when it gave a warn_after warning
        warnings = date_warnings(loaded.pack, chosen.as_of, chosen.source, {dated[1]: dated[0]} if dated else None, lang)
        return Result(record.id, row["where_"], scored, loaded=loaded, lang=lang, provenance=prov, in_force=chosen,
                      verification=verification, members=members, warnings=warnings), problems

    def _rejected(self, row: dict[str, Any], run: StoredRun) -> tuple[Result | None, list[Msg]]:
        """A rejected row cannot be replayed (it has no normalised record), but its result id is
        derived from its raw row and place: a scored row dressed up as rejected does not match."""
        chosen = self._chosen(row)
        if isinstance(chosen, Msg):
            return None, [chosen]
        if row["error"] is None or row["outcome"] is not None:
            return None, [Msg("au.no_inputs_not_rejected")]
        key = sha256_text(f"{row['raw_sha256']}@{row['where_']}")
        rid = result_id(chosen.loaded.sha256 if chosen else None, chosen.as_of if chosen else None, key)
        if rid != row["result_id"]:
            return None, [Msg("au.not_rejected_id")]
        prov = _provenance(row, run, chosen, rid, None)
        return Result(row["record_id"], row["where_"], error=row["error"], provenance=prov, in_force=chosen), []


def _provenance(row: dict[str, Any], run: StoredRun, chosen: InForce | None, rid: str, digest: str | None) -> Provenance:
    return Provenance(
        result_id=rid, run_id=run.run_id, run_at=run.started_at,
        criteria=chosen.loaded.identity() if chosen else None, engine=run.engine or engine_versions(),
        as_of=row["as_of"], as_of_source=row["as_of_source"], in_force=chosen.reason if chosen else None,
        input_sha256=digest, raw_sha256=row["raw_sha256"])


def row_problems(fresh: Result | None, row: dict[str, Any]) -> list[Msg]:
    """What the stored row says against the rebuilt result."""
    if fresh is None:
        return []
    problems = []
    if row["raw"] is not None and raw_sha256(json.loads(row["raw"])) != row["raw_sha256"]:
        problems.append(Msg("au.raw_hash"))
    s = fresh.scored
    expected = {"outcome": s.outcome if s else None, "total": None if s is None or s.total is None else float(s.total),
                "record_id": fresh.id, "result_id": fresh.provenance.result_id if fresh.provenance else None}
    problems += [Msg("au.column", column=Msg(f"au.col_{col}"), stored=_value(row[col]), fresh=_value(want))
                 for col, want in expected.items() if row[col] != want]
    digest = output_sha256(fresh)
    if digest != row["output_sha256"] and not in_earlier_words(fresh, row["output_sha256"]) \
            and not _in_earlier_reading(fresh, row["output_sha256"]):
        problems.append(Msg("au.output_hash", got=digest[:12], want=str(row["output_sha256"])[:12]))
    return problems


def _in_earlier_reading(fresh: Result, stored: str) -> bool:
    """Whether the row's output, with its claims read as an earlier hoctap read them (a claimed total
    '80 điểm' was no number before 5 December 2026: ``verify.parse_number``), hashes to ``stored``:
    the same claims and result, read then, not a changed one."""
    v = fresh.verification
    if v is None or fresh.scored is None or fresh.loaded is None:
        return False
    earlier = ClaimReader(fresh.loaded.pack, fresh.lang).check(v.claims, fresh.scored, earlier=True)
    if earlier == v:
        return False
    then = replace(fresh, verification=earlier)
    return output_sha256(then) == stored or in_earlier_words(then, stored)


def _value(value: Any) -> Any:
    """A stored or rebuilt column value in a sentence: a number as people write it (every digit
    kept: 73 and 73.00001 must not look the same), a code quoted, nothing as '(trống)'."""
    if value is None:
        return Msg("au.blank")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Msg("num", x=value, decimals=12)
    return repr(value)


# --- verify ---
Rechecked = Callable[[Replayer, StoredRun, Iterable[dict[str, Any]]], Iterator[tuple[dict[str, Any], Any, list[Msg]]]]


def verify(store: RunStore, run_id: str | None = None, seal: str | None = None,
           progress: Callable[[int, int], None] | None = None, rechecked: Rechecked | None = None) -> list[RunCheck]:
    """Replay one run (or every run) of the store; ``seal``: the seal written in the minutes.
    ``progress(done, total)`` hears every ``PROGRESS_ROWS`` rows how many of all the stored rows
    were re-checked (an auditor's run of a province takes minutes: the command line shows it).
    ``rechecked``: what re-checks a run's rows, ``rechecked_here`` by default (``scoring.run.replay``
    gives one that shares them out among processes)."""
    with store.snapshot():
        replayer = Replayer(store)
        runs = store.runs(run_id)
        counter = _Counter(sum(run.stored + run.members_stored for run in runs), progress)
        altered = store.altered_packs()
        checks = Checks([_verify_run(store, replayer, run, counter, rechecked or rechecked_here, altered) for run in runs],
                        _store_problems(store, altered), altered)
    if seal is not None:
        _check_given_seal(checks, seal.strip(), run_id)
    return checks


def _check_given_seal(checks: Checks, given: str, run_id: str | None) -> None:
    """The seal written in the minutes: the named run's, or, without a run id, one run's of the store (each
    run has its own seal, so comparing every run with it called every other run not that store's)."""
    if run_id is None:
        if checks and not any(c.seal == given.lower() for c in checks):
            checks.problems.append(Msg("au.seal_in_no_run", given=given))
        return
    for c in checks:
        if c.seal != given.lower():
            c.seal_problems.append(Msg("au.seal_given", seal=c.seal or Msg("au.no_seal_unfinished"), given=given))


def _store_problems(store: RunStore, altered: dict[str, tuple[str, str]]) -> list[Msg]:
    """What the store as a whole shows of a hand edit, once, before the runs."""
    orphans = dict(store.orphans())
    problems = [Msg("au.orphans", n=Msg("num", x=n), run_no=run_no) for run_no, n in orphans.items()]
    problems += [Msg("au.run_missing", run_no=run_no) for run_no in store.missing_runs() if run_no not in orphans]
    if not store.runs_count() and store.packs_count():   # a pack is stored only once its run is: the runs were deleted
        problems.append(Msg("au.packs_without_runs", n=Msg("num", x=store.packs_count())))
    problems += [Msg("au.pack_altered", id=pid, version=version, sha=sha[:12]) for sha, (pid, version) in altered.items()]
    return problems + store.pack_identity_problems(altered) + store.schema_problems()


PROGRESS_ROWS = 200   # rows re-checked between two calls of ``verify``'s progress


class _Counter:
    """The rows re-checked so far, told to ``progress`` every ``PROGRESS_ROWS``."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None):
        self.done, self.total, self.progress = 0, total, progress

    def one(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_ROWS == 0:
            self.progress(self.done, max(self.total, self.done))


def rechecked_here(replayer: Replayer, run: StoredRun, rows: Iterable[dict[str, Any]]
                   ) -> Iterator[tuple[dict[str, Any], Result | None, list[Msg]]]:
    """Each stored row with its rebuilt result and what differs, re-checked in this process."""
    for row in rows:
        fresh, problems = replayer.rebuild(row, run)
        yield row, fresh, problems + row_problems(fresh, row)


def _verify_run(store: RunStore, replayer: Replayer, run: StoredRun, counter: _Counter, rechecked: Rechecked,
                altered: dict[str, tuple[str, str]]) -> RunCheck:
    check = RunCheck(run)
    head = seal_head(run.run_id, run.started_at, run.command, run.engine, list(run.files), run.store_inputs)
    chains = _Chains(head, run.head)
    units: list[tuple[dict[str, Any], Result | None]] = []
    members: dict[tuple[str, str], list[Result]] = {}
    for row, fresh, problems in rechecked(replayer, run, store.results(run.run_no)):
        counter.one()
        chains.link(row)
        check.gaps.see(row)
        if row["member"]:
            check.members += 1
            unit = json.loads(row["inputs"]).get("unit") if row["inputs"] else None
            if fresh is not None and fresh.loaded is not None and unit is not None:
                members.setdefault((fresh.loaded.pack.id, str(unit)), []).append(fresh)
        else:
            check.scored_rows += row["inputs"] is not None
            if run.members_stored and fresh is not None and fresh.members:   # kept only to recount shares
                units.append((row, replace(fresh, members=fresh.members)))
        if row["pack_sha256"] in altered:
            check.not_checked(row)
            if row["member"]:
                check.members_altered.add(altered[row["pack_sha256"]])
            else:
                check.units_unchecked += 1
        elif problems:
            check.differences.append(_difference(run, row, problems))
        elif row["member"]:
            check.members_reproduced += 1
        else:
            check.reproduced += row["inputs"] is not None
            check.not_replayed += row["inputs"] is None
    _check_shares(check, units, members)
    if run.status == "complete":
        _check_seal(check, chains)
    else:
        _check_unfinished(check, chains)
    if chains.header_changed and run.checkpoint is not None \
            and chains.checkpoint(final=run.status == "complete") == run.checkpoint:
        _header_explains(check)
    return check


def _header_explains(check: RunCheck) -> None:
    """The run's header was edited and its rows are the ones it stored (the checkpoint over them alone
    matches): a row whose one difference is its output hash differs because the header's run time and
    engine are in every result. Counted, and said once beside the header, rather than listed row by row
    (a province's run gave a line for each of its rows, hiding the one thing that was edited)."""
    explained, kept = [], []
    for d in check.differences:   # one pass: a province's run has millions of rows
        (explained if all(p.code == "au.output_hash" for p in d.problems) else kept).append(d)
    if explained:
        members = sum(d.member for d in explained)
        check.header_explained = (len(explained) - members, members)
        check.differences[:] = kept


class _Chains:
    """The seal's chain over the stored rows from the head the header gives now, and, when the
    stored head differs (the header was edited), from the stored head too: the rows are then
    checked against the checkpoint on their own, and the report names the part that changed."""

    def __init__(self, head: str, stored_head: str | None):
        self.head, self.stored_head = head, stored_head
        self.header_changed = stored_head is not None and stored_head != head
        self.chain = head
        self.rows_chain = stored_head if self.header_changed else None
        self.rows = 0

    def link(self, row: dict[str, Any]) -> None:
        self.rows += 1
        self.chain = seal_link(self.chain, row)
        if self.rows_chain is not None:
            self.rows_chain = seal_link(self.rows_chain, row)

    def checkpoint(self, final: bool) -> str:
        return seal_checkpoint(self.rows_chain or self.chain, self.rows, final)


def _difference(run: StoredRun, row: dict[str, Any], problems: list[Msg]) -> Difference:
    return Difference(run.run_id, row["row_no"], row["record_id"], row["result_id"], tuple(problems), bool(row["member"]))


def _check_shares(check: RunCheck, units: list, members: dict[tuple[str, str], list[Result]]) -> None:
    """Each unit's member shares, recounted from the members' stored (and replayed) rows."""
    if not check.members:
        return
    for row, fresh in units:
        if fresh is None:
            continue
        problems = []
        if any(m.members_pack in {pid for pid, _ in check.members_altered} for m in fresh.members):
            check.shares_unchecked += 1   # the members' rows were not replayed: nothing to recount
            continue
        for m in fresh.members:
            rows = [r for r in members.get((m.members_pack, str(fresh.id)), []) if r.scored is not None
                    and in_groups(r, m.groups)]
            counted = [r for r in rows if r.scored.outcome in m.outcomes]  # type: ignore[union-attr]
            failed = tuple(r.id or "" for r in rows if r not in counted)
            if (len(counted), len(rows), failed) != (m.numerator, m.denominator, m.not_qualifying):
                problems.append(Msg("au.members_share", input=m.input, name=_input_words(fresh.loaded, m.input),
                                    stored=f"{m.numerator}/{m.denominator}", counted=f"{len(counted)}/{len(rows)}"))
        if problems:
            if check.reproduced and all(d.row_no != row["row_no"] for d in check.differences):
                check.reproduced -= 1
            check.differences.append(_difference(check.run, row, problems))


def _input_words(loaded: LoadedPack | None, name: str) -> Msg:
    """What a unit's input measures, in each language (its label), for a sentence; its name when it has none."""
    from scoring.results.explain import measured_label
    inp = next((i for i in loaded.pack.inputs if i.name == name), None) if loaded is not None else None
    return Msg("au.in_words", vi=measured_label(inp, "vi") or name, en=measured_label(inp, "en") or name)


def _check_seal(check: RunCheck, chains: _Chains) -> None:
    run = check.run
    read, scored, rejected = run.counts
    check.seal = seal_tail(chains.chain, run.finished_at or "", (read, scored, rejected, run.n_members))
    if check.seal != run.seal:
        check.seal_problems.append(Msg("au.seal_differs", seal=check.seal, stored=run.seal, why=_seal_why(run, chains)))
    signature = sign(check.seal)
    if signature is None:
        if run.signature:
            check.notes.append(Msg("au.signed_no_key", var=KEY_VARIABLE))
    elif run.signature is None:
        check.seal_problems.append(Msg("au.not_signed", var=KEY_VARIABLE))
    elif not hmac.compare_digest(signature, run.signature):
        check.seal_problems.append(Msg("au.bad_signature", var=KEY_VARIABLE))
    if not check.seal_problems:
        check.columns += _sealed_columns(run, chains)


def _sealed_columns(run: StoredRun, chains: _Chains) -> list[Msg]:
    """A sealed run's head and final checkpoint against what its header and rows give. The seal
    matched, so these are proven: a column that differs was edited (or the run was edited and sealed
    again). Kept apart from the seal, they are what names the part that changed when a seal fails,
    so an edit of them must not pass in silence. A run stored before the checkpoints has none."""
    if run.head is None and run.checkpoint is None and run.checkpoint_rows is None:
        return []
    checkpoint = seal_checkpoint(chains.chain, chains.rows, final=True)
    expected: dict[str, Any] = {"head": chains.head, "checkpoint_rows": chains.rows, "checkpoint": checkpoint}
    if run.signature is not None and sign(checkpoint) is not None:   # signed, and the seal's signature matched
        expected["checkpoint_signature"] = sign(checkpoint)
    return [Msg("au.run_column", column=name, what=Msg(f"au.run_col_{name}"), stored=_hash_or_value(getattr(run, name)),
                fresh=_hash_or_value(want))
            for name, want in expected.items() if getattr(run, name) != want]


def _hash_or_value(value: Any) -> Any:
    """A hash cut to its first 12 digits (as the other findings show them), a count as a number."""
    return f"{value[:12]}…" if isinstance(value, str) and len(value) > 12 else _value(value)


def _seal_why(run: StoredRun, chains: _Chains) -> Msg:
    """Which part of what the seal covers changed: the header (its hash is kept apart), the rows
    (the last checkpoint covers them alone) or else the end record. A run stored before the
    checkpoints has one hash over all: the header or the rows, no more can be told."""
    if run.head is None or run.checkpoint is None:
        return Msg("au.why_unknown")
    rows_changed = chains.checkpoint(final=True) != run.checkpoint
    parts = [Msg("au.why_header")] * chains.header_changed + [Msg("au.why_rows")] * rows_changed
    return Msg("list", items=parts, sep="; ") if parts else Msg("au.why_end")


def _check_unfinished(check: RunCheck, chains: _Chains) -> None:
    """An unfinished run has no seal: its stored rows are checked against its last checkpoint, and
    whatever it shows, the run cannot be proven whole (the rows after it are not in the store)."""
    run = check.run
    check.notes.append(Msg("au.unsealed"))
    if chains.header_changed:
        check.seal_problems.append(Msg("au.why_header"))
    if run.checkpoint is not None:
        _check_checkpoint(check, chains)
    elif has_key():
        check.seal_problems.append(Msg("au.checkpoint_not_signed", var=KEY_VARIABLE))


def _check_checkpoint(check: RunCheck, chains: _Chains) -> None:
    run = check.run
    if run.checkpoint_rows != chains.rows:
        check.seal_problems.append(Msg("au.checkpoint_rows", rows=Msg("num", x=run.checkpoint_rows), stored=Msg("num", x=chains.rows)))
    elif chains.checkpoint(final=True) == run.checkpoint:
        check.seal_problems.append(Msg("au.finished_marked_unfinished"))
    elif chains.checkpoint(final=False) != run.checkpoint:
        check.seal_problems.append(Msg("au.checkpoint_edited", rows=Msg("num", x=chains.rows)))
    signature = sign(run.checkpoint)
    if signature is not None and run.checkpoint_signature is None:
        check.seal_problems.append(Msg("au.checkpoint_not_signed", var=KEY_VARIABLE))
    elif signature is not None and not hmac.compare_digest(signature, run.checkpoint_signature):
        check.seal_problems.append(Msg("au.checkpoint_bad_signature", var=KEY_VARIABLE))
    elif not check.seal_problems:
        signed = Msg("au.signed_ok") if signature else Msg("au.signed_unchecked", var=KEY_VARIABLE) if run.checkpoint_signature else ""
        check.notes.append(Msg("au.checkpoint_ok", rows=Msg("num", x=chains.rows), signed=signed))


def verify_report(checks: list[RunCheck], lang: str | None = None) -> list[str]:
    lang = lang or get_lang()
    problems, altered = getattr(checks, "problems", []), getattr(checks, "altered", {})
    lines = [t("au.store_problem", lang, problem=p) for p in problems]
    now = engine_versions()
    for c in checks:
        lines += _run_report(c, now, lang, altered)
    lines.append(t("au.checked", lang, n=fmt_num(len(checks), lang), tail=_tail(checks, problems, lang)))
    return lines


def _tail(checks: list[RunCheck], problems: list[Msg], lang: str) -> str:
    """The last line's verdict: every kind of failure found, or that all reproduces."""
    differ = sum(c.differ for c in checks)
    sealed = any(c.seal_problems for c in checks)
    counts = count_mismatch(checks)
    # an unfinished run has no seal: what failed there is its checkpoint
    broken = t(_broken(checks), lang)
    parts = ([t("au.tail_counts", lang)] * counts + [t("au.tail_differ", lang, n=fmt_num(differ, lang))] * bool(differ)
             + [t("au.tail_pack_altered", lang)] * (any(c.unchecked for c in checks)
                                                    or any(p.code == "au.pack_altered" for p in problems))
             + [t("au.tail_pack_identity", lang)] * any(p.code == "au.pack_identity" for p in problems)
             + [t("au.tail_store", lang)] * any(p.code in ("au.orphans", "au.run_missing", "au.packs_without_runs")
                                                for p in problems)
             + [t("au.tail_seal_in_no_run", lang)] * any(p.code == "au.seal_in_no_run" for p in problems)
             + [t("au.tail_run_columns", lang)] * any(c.columns for c in checks)
             + [t("au.tail_schema", lang)] * any(p.code.startswith("au.schema_") for p in problems))
    if not parts and not sealed and any(c.unfinished for c in checks):
        parts = [t("au.tail_unfinished", lang, n=fmt_num(sum(c.unfinished for c in checks), lang))]
    if not parts:
        parts = [t("au.tail_all_reproduce" if sealed else "au.tail_ok" if checks else "au.tail_no_runs", lang)]
    return "; ".join(parts) + (broken if sealed and not counts else "")


SIGNATURE = ("au.bad_signature", "au.not_signed")   # the seal's signature, not the seal


def _broken(checks: list[RunCheck]) -> str:
    """What failed, for the last line: a seal, only a seal's signature (the seal itself matching), or the
    checkpoint of an unfinished run (which has no seal)."""
    sealed = [p for c in checks if not c.unfinished for p in c.seal_problems]
    if not sealed:
        return "au.tail_checkpoint"
    return "au.tail_signature" if all(p.code in SIGNATURE for p in sealed) else "au.tail_seal"


def _run_report(c: RunCheck, now: dict[str, str], lang: str, altered: dict[str, tuple[str, str]]) -> list[str]:
    run = c.run
    state = Msg("au.state_complete" if run.status == "complete" else "au.state_incomplete")
    n = _counts(lang)
    # a member's row that differs is counted with the members, so that each part adds up
    members_differ = sum(d.member for d in c.differences) + c.header_explained[1]
    members = "" if not c.members else t("au.run_members", lang, n=n(c.members)) if not members_differ else \
        t("au.run_members_differ", lang, n=n(c.members), reproduced=n(c.members_reproduced), differ=n(members_differ))
    lines = [t("au.run_line", lang, run=run.run_id, state=state, stored=n(run.stored), reproduced=n(c.reproduced),
               differ=n(c.differ - members_differ), not_replayed=n(c.not_replayed))
             + (t("au.run_unchecked", lang, n=n(c.units_unchecked)) if c.units_unchecked else "") + members]
    if c.seal and not c.seal_problems:
        signed = run.signature and sign(c.seal)
        lines.append(t("au.seal_signed_ok" if signed else "au.seal_ok", lang, seal=c.seal))
    lines.extend(f"  {text(n, lang)}" for n in c.notes)
    lines.extend(f"  {text(p, lang)}" for p in [*c.seal_problems, *c.columns])
    if run.engine and run.engine != now:
        lines.append(t("au.engines", lang, then=_engine(run.engine), now=_engine(now)))
    if _counts_differ(c):
        read, scored, rejected = run.counts
        lines.append(t("au.counts_differ", lang, read=n(read), scored=n(scored), rejected=n(rejected), stored=n(run.stored),
                       stored_scored=n(c.scored_rows), stored_rejected=n(run.stored - c.scored_rows)))
    lines.extend(c.gaps.report(_expected_rows(c), lang))
    lines.extend(_unchecked(c, altered, lang))
    if c.shares_unchecked:
        packs = ", ".join(f"{pid} {version}" for pid, version in sorted(c.members_altered))
        lines.append(t("au.shares_unchecked", lang, n=n(c.shares_unchecked), packs=packs))
    if any(c.header_explained):
        lines.append(t("au.header_explains", lang, n=n(sum(c.header_explained))))
    lines.extend(d.text(lang) for d in c.differences)
    return lines


def _unchecked(c: RunCheck, altered: dict[str, tuple[str, str]], lang: str) -> list[str]:
    """One line per altered pack the run used: how many rows it leaves unchecked, and a few of them."""
    lines = []
    for sha, n in c.unchecked.items():
        pid, version = altered[sha]
        rows = [Msg("au.example_row", row=r["row_no"], record=r["record_id"] or "-") for r in c.examples[sha]]
        lines.append(t("au.pack_rows_unchecked", lang, n=fmt_num(n, lang), id=pid, version=version,
                       examples=Msg("list", items=rows, sep="; ")))
    return lines


def _counts(lang: str):
    """Counts in sentences as the language writes them (1.234 dòng / 1,234 rows); None stays '?'."""
    return lambda x: "?" if x is None else fmt_num(x, lang)


def count_mismatch(checks: list[RunCheck]) -> bool:
    """A complete run whose stored rows do not add up to the rows it read, scored and rejected."""
    return any(_counts_differ(c) for c in checks)


def _counts_differ(c: RunCheck) -> bool:
    if c.run.status != "complete":
        return False
    read, scored, rejected = c.run.counts
    return (read not in (None, c.run.stored) or scored not in (None, c.scored_rows)
            or rejected not in (None, c.run.stored - c.scored_rows)
            or (c.run.n_members or 0) != c.run.members_stored)


class _Gaps:
    """The row numbers missing from a run's stored rows, seen in order (rows are numbered 1, 2, … as the
    run stores them, members' rows after the units): each gap with the places of the rows around it, so
    that a row deleted by hand is named, not only counted. A few are kept; the others counted."""

    def __init__(self) -> None:
        self.last, self.last_where = 0, None
        self.found: list[tuple[int, int, str | None, str | None]] = []   # first, last missing, place before, after
        self.more = 0

    def see(self, row: dict[str, Any]) -> None:
        if row["row_no"] > self.last + 1:
            self._add(self.last + 1, row["row_no"] - 1, self.last_where, row["where_"])
        self.last, self.last_where = max(self.last, row["row_no"]), row["where_"]

    def _add(self, first: int, last: int, before: str | None, after: str | None) -> None:
        if len(self.found) < EXAMPLES:
            self.found.append((first, last, before, after))
        else:
            self.more += 1

    def report(self, expected: int | None, lang: str) -> list[str]:
        """The lines that name the missing rows: ``expected`` is how many rows the run recorded (None
        for a run that did not finish: the rows after the last stored may never have been scored)."""
        if expected is not None and expected > self.last:
            self._add(self.last + 1, expected, self.last_where, None)
        # a row numbered past what the run recorded (renumbered, or added): the numbers between were never rows
        found = [(first, min(last, expected), before, after if last <= expected else None)
                 for first, last, before, after in self.found if first <= expected] if expected is not None else self.found
        lines = []
        if found:
            more = Msg("au.gaps_more", n=Msg("num", x=self.more)) if self.more else ""
            lines.append(t("au.gaps", lang, gaps=Msg("list", items=[self._words(*gap) for gap in found], sep="; "), more=more))
        if expected is not None and self.last > expected:
            lines.append(t("au.rows_beyond", lang, last=Msg("num", x=self.last), expected=Msg("num", x=expected)))
        return lines

    @staticmethod
    def _words(first: int, last: int, before: str | None, after: str | None) -> Msg:
        rows = Msg("au.gap_row", row=Msg("num", x=first)) if first == last else \
            Msg("au.gap_rows", first=Msg("num", x=first), last=Msg("num", x=last))
        if before and after:
            return Msg("au.gap_between", rows=rows, before=before, after=after)
        if not before and not after:
            return rows
        return Msg("au.gap_after", rows=rows, before=before) if before else Msg("au.gap_before", rows=rows, after=after)


def _expected_rows(c: RunCheck) -> int | None:
    """How many rows a complete run recorded (units read and members), None when it did not finish."""
    read = c.run.counts[0]
    if c.run.status != "complete" or read is None:
        return None
    return read + (c.run.n_members or 0)


def _engine(e: dict[str, str]) -> str:
    return f"hoctap {e.get('hoctap')}, durable-rules {e.get('durable_rules')}"


# --- show ---
def show(store: RunStore, key: str, fmt: str = "text", file: str | None = None, run_id: str | None = None,
         lang: str | None = None) -> str:
    with store.guard():
        return _show(store, key, fmt, file, run_id, lang or get_lang())


def _show(store: RunStore, key: str, fmt: str, file: str | None, run_id: str | None, lang: str) -> str:
    """The explanation of a stored result, rebuilt from the store and checked against the hash of
    what the run produced, headed by where it came from."""
    rows = store.find(key, file, run_id)
    row = rows[0]
    same_run = [r for r in rows if r["run_no"] == row["run_no"] and not r["member"]] or rows[:1]
    if len({r["where_"] for r in same_run}) > 1 and row["result_id"] != key:
        raise _ambiguous(store, key, same_run, run_id)
    [run] = store.runs(row["run_id"])
    replayer = Replayer(store)
    fresh, problems = replayer.rebuild(row, run)
    problems += row_problems(fresh, row)
    run_lang = run.command.get("lang", "vi")
    if fresh is not None and fmt != "json" and lang != run_lang:
        # checked in the run's language (its hash), shown in the reader's: the same rows, other words
        fresh = replayer.rebuild(row, run, lang)[0] or fresh
    result = result_dict(fresh) if fresh else None
    expl = fresh.explanation if fresh and fresh.ok else None
    unit = _member_of(store, replayer, row, fresh) if row["member"] else None
    if fmt == "json":
        return json.dumps({"result": result, "explanation": expl.to_dict() if expl else None, "run_status": row["status"],
                           "seal": run.seal, "problems": [text(p, lang) for p in problems],
                           "also_in_runs": [r["run_id"] for r in rows[1:]],
                           "also_differs": {r["run_id"]: [text(m, lang) for m in _also_marks(r, row)]
                                            for r in _other_runs(rows, row) if _also_marks(r, row)},
                           **({"member_of": unit.as_json()} if unit else {})},
                          ensure_ascii=False, indent=2)
    head = _show_head(row, rows, run, result, problems, lang)
    if unit is not None:
        head.insert(1, unit.line(replayer, lang))
    if lang != run_lang and expl is not None:
        head.append(t("au.head_lang", lang, run_lang=Msg(f"au.lang_{run_lang}")))
    if fresh is None:
        body = t("au.not_rebuilt", lang)
    elif expl is None:
        body = t("au.rejected", lang, error=row["error"])
    else:
        body = render_explanation(Explanation.from_dict(expl.to_dict()), "markdown" if fmt == "markdown" else "detail",
                                  notes=_stored_notes(fresh, expl.lang))
    return "\n".join(head) + "\n\n" + body


@dataclass(frozen=True)
class _MemberOf:
    """A member's row of a --members run: the unit it was read for (its id in the members file) and that
    unit's row in the run, and the unit's shares it counted in, each with whether it counted as
    qualifying. ``unit`` is None for a rejected row (the store keeps no inputs, so no unit, for it)."""

    unit: str | None
    unit_row: dict[str, Any] | None = None
    shares: tuple[tuple[MemberShare, bool], ...] = ()

    def as_json(self) -> dict[str, Any]:
        row = self.unit_row
        return {"unit": self.unit, "unit_row": row["row_no"] if row else None, "unit_where": row["where_"] if row else None,
                "shares": [{"input": m.input, "qualifying": ok} for m, ok in self.shares]}

    def line(self, replayer: Replayer, lang: str) -> str:
        row = self.unit_row
        if self.unit is None:
            return t("au.head_member_rejected", lang)
        if row is None:
            return t("au.head_member_stranger", lang, unit=self.unit)
        loaded = replayer.pack(row["pack_sha256"]) if row["pack_sha256"] else None
        pack = loaded.pack if isinstance(loaded, LoadedPack) else None   # None: an altered text, said by its code
        counted = [_counted_words(m, ok, pack, lang) for m, ok in self.shares]
        none = Msg("au.member_in_no_share" if row["inputs"] else "au.member_unit_rejected")
        return t("au.head_member", lang, unit=self.unit, place=Msg("au.member_unit_row", row=row["row_no"], where=row["where_"]),
                 counted=Msg("list", items=counted, sep="; ") if counted else none)


def _counted_words(m: MemberShare, qualifying: bool, unit_pack: Any, lang: str) -> Msg:
    """'được tính là thành viên đạt trong 3.1 Tỷ lệ … (19/20 = 95%)': the share by what it measures."""
    what = input_title(unit_pack, m.input, lang) if unit_pack is not None else m.input
    figure = share_figure(m.numerator, m.denominator, m.share, lang) if m.share is not None else "-"
    return Msg("au.member_counted" if qualifying else "au.member_not_counted", what=what, figure=figure)


def _member_of(store: RunStore, replayer: Replayer, row: dict[str, Any], fresh: Result | None) -> _MemberOf | None:
    """The unit a member's row was read for, its row in the same run, and the shares of it that counted
    this member: those computed with the member's pack, for the member's group (the stored shares, as
    the unit's explanation shows them; 'audit verify' recounts them). A row edited past reading gives
    what could be read (nothing, when its inputs cannot be read: the warning at the head says so)."""
    unit = _stored_unit(row)
    if unit is None:
        return _MemberOf(None) if row["inputs"] is None else None
    try:
        found = store.find(unit, run_id=row["run_id"])
    except StoreError:
        found = []
    unit_row = next((r for r in found if not r["member"] and r["run_no"] == row["run_no"] and r["record_id"] == unit), None)
    if unit_row is None or not unit_row["inputs"]:
        return _MemberOf(unit, unit_row)
    try:
        shares = [MemberShare.from_dict(m) for m in json.loads(unit_row["inputs"]).get("members", ())]
        mine = [m for m in shares if m.members_pack == row["pack_id"]
                and (in_groups(fresh, m.groups) if fresh is not None else not m.groups)]
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return _MemberOf(unit, unit_row)
    return _MemberOf(unit, unit_row, tuple((m, row["outcome"] in m.outcomes) for m in mine))


def _stored_unit(row: dict[str, Any]) -> str | None:
    """The unit id a member's row keeps in its inputs (None: a rejected row keeps none, or the row was edited)."""
    try:
        unit = json.loads(row["inputs"]).get("unit") if row["inputs"] else None
    except (json.JSONDecodeError, AttributeError):
        return None
    return None if unit is None else str(unit)


def _stored_notes(fresh: Result, lang: str) -> Notes | None:
    """From the stored pack the row was scored with: the shares computed from members, in people's
    words, and whose rule makes a blank not met (its ``blank_not_met``: a run stored with a pack
    without one says nothing of it). Left to the renderer, the pack would be looked up among the
    shipped packs by id and version, and a run stored before a pack's next version shown in codes
    ('kết quả dat') once that version ships."""
    if fresh.loaded is None:
        return None
    from scoring.results.explain import Notes, blank_words
    blank = blank_words(fresh.loaded.pack, lang)
    if not fresh.members:
        return None if blank is None else Notes({}, [], blank=blank)
    from scoring.results.shares import member_lines       # only runs with --members need it
    return Notes({}, [], members=member_lines(fresh.members, fresh.loaded.pack, lang), blank=blank)


def _ambiguous(store: RunStore, key: str, rows: list[dict[str, Any]], run_id: str | None) -> StoreError:
    """A record id on several rows of one run (two sheets, two files, or a repeat the run rejected):
    beside each row, the command that shows it alone: --file FILE or FILE:SHEET where that place has
    the id once, else the row's result id. Double quotes: Windows' cmd knows no single ones."""
    places = Counter(row_place(r["where_"]) for r in rows)
    tail = f' --store "{store.path}"' + (f" --run {run_id}" if run_id else "")
    choices = [f'  {r["where_"]}: hoctap audit show ' +
               (f'"{key}" --file "{row_place(r["where_"])}"' if places[row_place(r["where_"])] == 1 else r["result_id"])
               + tail for r in rows]
    return StoreError(Msg("au.id_in_rows", key=key, run=rows[0]["run_id"], choices="\n".join(choices)))


def _show_head(row: dict[str, Any], rows: list, run: StoredRun, result: dict[str, Any] | None, problems: list[Msg],
               lang: str) -> list[str]:
    prov = result.get("provenance", {}) if result else {}
    status = Msg("au.state_complete" if row["status"] == "complete" else "au.state_incomplete_short")
    head = [t("au.head_result", lang, result_id=row["result_id"], run=row["run_id"], status=status, row=row["row_no"],
              where=row["where_"]),
            t("au.head_pack", lang, pack=_identity(prov.get("criteria")) if result else _stored_identity(row)),
            t("au.head_engine", lang, engine=_engine(prov.get("engine") or run.engine)),
            t("au.head_as_of", lang, in_force=in_force_words(prov["as_of"], prov["as_of_source"],
                                                          (prov.get("criteria") or {}).get("id", ""), prov["in_force"]))
            if prov.get("as_of") else _stored_as_of(row, lang) if result is None and row["as_of"]
            else _no_as_of(row, run, lang),
            t("au.head_hashes", lang, input=row["input_sha256"] or "-", raw=row["raw_sha256"]),
            t("au.head_seal", lang, seal=run.seal or Msg("au.no_seal_yet"))]
    others = _other_runs(rows, row)
    if others:
        head.append(t("au.head_also", lang, runs=Msg("list", items=[_also(r, row) for r in others])))
    return head + [t("au.warning", lang, problem=p) for p in problems]


def _stored_identity(row: dict[str, Any]) -> Msg:
    """The pack a row was scored with, from the row's own columns, when its result cannot be rebuilt
    (its inputs edited past reading): said as stored, not as checked."""
    if not row["pack_id"]:
        return Msg("au.no_identity")
    return Msg("au.identity_stored", id=row["pack_id"], version=row["pack_version"], sha=row["pack_sha256"] or "-")


def _stored_as_of(row: dict[str, Any], lang: str) -> str:
    """The assessment date a row keeps, when its result cannot be rebuilt to say it in full."""
    try:
        date: Msg | str = Msg("date", d=dt.date.fromisoformat(row["as_of"]))
    except (TypeError, ValueError):
        date = str(row["as_of"])
    return t("au.head_as_of", lang, in_force=Msg("au.as_of_stored", date=date, source=date_source(row["as_of_source"])))


def _no_as_of(row: dict[str, Any], run: StoredRun, lang: str) -> str:
    """Why a result has no assessment date: a pack was named (none is needed), or, with --as-of
    record, the record gave none and the model it named cannot choose a pack without one."""
    if run.command.get("as_of") == "record" and not row["pack_sha256"]:
        return t("au.head_no_record_date", lang, criteria=run.command.get("criteria", ""))
    return t("au.head_no_as_of", lang)


def _other_runs(rows: list[dict[str, Any]], row: dict[str, Any]) -> list[dict[str, Any]]:
    """The first row of each other run that has the record, newest run first."""
    firsts: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["run_no"] != row["run_no"]:
            firsts.setdefault(r["run_id"], r)
    return list(firsts.values())


def _also(other: dict[str, Any], row: dict[str, Any]) -> Msg | str:
    """Another run that has the record, marked where it tells another story: the same pack id and
    version with another text (a pack edited without a new version), or another outcome."""
    marks = _also_marks(other, row)
    return Msg("au.also_run", run=other["run_id"], marks=Msg("list", items=marks, sep="; ")) if marks else other["run_id"]


def _also_marks(other: dict[str, Any], row: dict[str, Any]) -> list[Msg]:
    same_version = (other["pack_id"], other["pack_version"]) == (row["pack_id"], row["pack_version"])
    marks = [Msg("au.also_pack_differs", sha=other["pack_sha256"][:12])] * bool(
        same_version and other["pack_sha256"] and other["pack_sha256"] != row["pack_sha256"])
    return marks + [Msg("au.also_outcome_differs", outcome=_value(other["outcome"]))] * (other["outcome"] != row["outcome"])


def _identity(c: dict[str, str] | None) -> Msg:
    return Msg("au.identity", id=c["id"], version=c["version"], sha=c["sha256"]) if c else Msg("au.no_identity")


# --- the rows of a run ---
def run_rows(store: RunStore, run_id: str) -> tuple[StoredRun, list[dict[str, Any]]]:
    with store.guard():
        [run] = store.runs(run_id)
        return run, list(store.results(run.run_no))


def run_table(store: RunStore, run_id: str, lang: str | None = None) -> tuple[StoredRun, list[list[str]]]:
    """The rows of a run as 'hoctap runs RUN' shows them, one list of cells per row under
    ``run_table_headers``: the outcome in words (its label in the stored pack; the code only when
    that text cannot be read), the total as a number in the reader's language (79,5)."""
    run, cells, _ = run_listing(store, run_id, lang)
    return run, cells


def run_listing(store: RunStore, run_id: str, lang: str | None = None) -> tuple[StoredRun, list[list[str]], str]:
    """``run_table``, and the line that says what these are: the values as stored, not re-scored, with
    whether the run's seal still matches its stored rows (the hash chain alone: cheap, no replay)."""
    run, rows = run_rows(store, run_id)
    replayer = Replayer(store)
    cells = [[str(r["row_no"]), _row_kind(r, lang), r["where_"], r["record_id"] or "",
              _outcome_words(replayer, r, lang), fmt_num(r["total"], lang), r["result_id"], r["error"] or ""]
             for r in rows]
    return run, cells, t(_seal_state(run, rows), lang, run=run.run_id, path=store.path)


def _row_kind(row: dict[str, Any], lang: str | None) -> str:
    """'' for a row of the run's own records; a member's row names its unit ('thành viên DV-101'),
    read from its stored inputs (a rejected member's row keeps none)."""
    if not row["member"]:
        return ""
    unit = _stored_unit(row)
    return t("cli.member_of", lang, unit=unit) if unit is not None else t("cli.member", lang)


def _seal_state(run: StoredRun, rows: list[dict[str, Any]]) -> str:
    """Which 'runs.as_stored_*' line goes under a run's rows: its seal recomputed from the stored rows
    (as 'audit verify' does, without re-scoring them) matches or not, or the run has none."""
    if run.status != "complete" or not run.seal:
        return "runs.as_stored_unsealed"
    chains = _Chains(seal_head(run.run_id, run.started_at, run.command, run.engine, list(run.files), run.store_inputs),
                     None)
    for row in rows:
        chains.link(row)
    read, scored, rejected = run.counts
    sealed = seal_tail(chains.chain, run.finished_at or "", (read, scored, rejected, run.n_members)) == run.seal
    return "runs.as_stored_sealed" if sealed else "runs.as_stored_seal_differs"


def run_table_headers(lang: str | None = None) -> list[str]:
    return t("cli.rows_headers", lang).split("|")


def _outcome_words(replayer: Replayer, row: dict[str, Any], lang: str | None) -> str:
    if not row["outcome"] or not row["pack_sha256"]:
        return row["outcome"] or ""
    loaded = replayer.pack(row["pack_sha256"])
    if isinstance(loaded, Msg) or row["outcome"] not in loaded.pack.outcome_codes:   # an altered text or row
        return row["outcome"]
    return loaded.pack.outcome_label(row["outcome"], lang or get_lang())
