"""Step 4: score validated records through the compiled rules, and prove by counting that
every indicator of every record got exactly one status and the record got an outcome."""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from itertools import chain, repeat
from operator import call, itemgetter
from typing import Any

from scoring.engine.compile import CompiledPack, compile_pack, rank_field
from scoring.engine.adapter import RulesEngine
from scoring.engine.decisions import Decisions, Unreadable
from scoring.errors import EngineError
from scoring.messages import Msg
from scoring.packs.model import BandsOutcome, GradedRule, Indicator, LoadedPack, PointsRule
from scoring.records.validate import Record

TOTAL_DIGITS = 4  # totals are rounded so that 8.1 + 7.9 + … compares as the 80 it is
MAX_RESULTS = 100_000   # indicator results kept for reuse (memory stays flat past it)
NO_OUTCOME = Msg("engine.no_outcome")   # a defect of hoctap's rules
MAX_KNOWN = 200_000     # answers kept by value, all indicators and outcomes together (as ``decisions.MAX_KEYS``)


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    status: str               # met | not_met | missing | not_applicable
    points: float | None
    max: float | None
    value: Any                # the input value read (None when missing)
    rule: str                 # the engine rule that fired, e.g. "2.2__not_met"


@dataclass(frozen=True)
class Scored:
    """One record's result: what the engine decided, with everything needed to explain it."""

    id: str
    outcome: str
    outcome_rule: str
    outcomes_reached: tuple[str, ...]     # every band/level whose rule fired, best first
    total: float | None
    max_total: float | None
    indicators: tuple[IndicatorResult, ...]
    values: dict[str, Any] = field(repr=False)
    where: str = ""


def value_key(v: Any) -> Any:
    """A value as a key that tells apart what compares equal but reads differently: a non-zero
    float as itself (most values), else with its type (True == 1 == 1.0) and, for a zero, its
    text (-0.0 == 0.0)."""
    if v.__class__ is float and v:
        return v
    return (v.__class__, v) if v else (v.__class__, repr(v))


_TRUE, _FALSE, _NONE = value_key(True), value_key(False), value_key(None)
_OWN_KEYS = frozenset((float, str))   # the types of the values that are their own keys when not zero or blank
_new, _set = object.__new__, object.__setattr__
_get = dict.get


def rounded_total(total: Any) -> Any:
    """``round(total, TOTAL_DIGITS)``. A float in sixteenths (points in halves and quarters, as
    most scores are) has at most four decimals: it is its own rounding, and round() would cost as
    much as the sum (it writes the number out in decimal and reads it back)."""
    if total.__class__ is float and (total * 16).is_integer():
        return total
    return round(total, TOTAL_DIGITS)


def value_keys(values: dict[str, Any], names: tuple[str, ...]) -> list[Any]:
    """``value_key`` of each named value, the usual ones without a call: a text as itself too (a
    text equals no value of another type, nor any key made with a type), yes/no and blank as
    ``value_key`` makes them. Two values get equal keys exactly when they read the same."""
    return [v if (c := v.__class__) is float and v or c is str else
            _TRUE if v is True else _FALSE if v is False else _NONE if v is None else value_key(v)
            for v in map(values.get, names)]


@dataclass(frozen=True)
class _Known:
    """A run of neighbouring indicators whose rules read the same record inputs, and the engine's
    answers remembered for them by those inputs' values: key -> (firings, results, their points,
    the bits of the unmet ones' places)."""

    key: Callable[[list[Any]], Any]    # the run's key from the record's keyed values (one value: itself)
    inputs: tuple[str, ...]            # the record inputs its rules read
    places: tuple[int, ...]            # the indicators' places in the pack
    asks: tuple[str, ...]              # their flags (``compile.ask_field``)
    known: dict[Any, tuple[int, tuple[IndicatorResult, ...], tuple[float, ...], int]]


class Scorer:
    """Scores records against one pack. Build once, call ``score`` per record.

    With ``cache`` (the default) each distinct situation is put to the engine once and its
    answer reused (see ``decisions``); ``cache=False`` asks the engine for every record (audits,
    tests). Both give the same results."""

    def __init__(self, loaded: LoadedPack, engine: RulesEngine | None = None, cache: bool = True):
        self.loaded, self.pack = loaded, loaded.pack
        self.compiled: CompiledPack = compile_pack(loaded)
        self.engine = engine or RulesEngine()
        self.engine.register(self.compiled.name, self.compiled.definition)
        self.decisions: Decisions | None = None
        if cache:
            try:
                self.decisions = Decisions(self.compiled)
            except Unreadable:  # a rule shape the cache cannot key: every record goes to the engine
                self.decisions = None
        self._choice_ranks = {inp.name: {c.code: i for i, c in enumerate(inp.choices)}
                              for inp in self.pack.inputs if inp.ordered}
        # how each input is written into the record fact: (input, field, rank field, ranks)
        self._fact_plan = [(inp.name, self.compiled.field_of[inp.name],
                            rank_field(self.compiled.field_of[inp.name]) if inp.name in self._choice_ranks else None,
                            self._choice_ranks.get(inp.name)) for inp in self.pack.inputs]
        self._levels_of = {ind.id: ind.levels for ind in self.pack.indicators}
        self._ask_all = dict.fromkeys(self.compiled.asks.values(), 1)   # flags asking about every indicator
        self._max_total = self.pack.max_total
        self._n_indicators = len(self.pack.indicators)
        self._plan = self._indicator_plan()
        self._outcome_names = frozenset(n for n, ref in self.compiled.rules.items() if ref.kind == "outcome")
        self._codes = list(self.pack.outcome_codes)
        self._bands = isinstance(self.pack.outcome, BandsOutcome)   # else levels
        self._rule_prefix = "band" if self._bands else "level"
        # An IndicatorResult is immutable and a function of the rule that fired and the value it read:
        # one object per (rule, value) serves every record that has them (a batch repeats them endlessly).
        self._results: dict[tuple, IndicatorResult] = {}
        # The engine's remembered answers, keyed by the record's own values (see ``_score_known``).
        self._key_inputs: tuple[str, ...] = ()
        self._known = self._known_plan() if self.decisions is not None else None
        # each run's answers and what picks its key, for one look-up of them all in C calls (``_score_known``)
        self._lookups = ([run.known for run in self._known or ()], [run.key for run in self._known or ()])
        self._single = self._single_plan()
        self._fact_of = {name: step for step in self._fact_plan for name in step[:1]}
        # the outcomes reached, by the summary fact's key (``Decisions.outcome_key``), made from the
        # unmet indicators' places (and total) without the fact: see ``_outcome_masks``
        self._outcome_masks = self._outcome_key_plan()
        self._total_then_unmet = self._outcome_masks == [None, (1 << self._n_indicators) - 1]
        self._outcomes_known: dict[tuple, tuple[tuple[str, ...], str]] = {}
        self._known_count = 0
        # the answers this process's engine gave, kept to be shared with the run's other processes
        # (``learned``, ``absorb``): (runs' answers, outcomes'); None until a run of several asks for it
        self.journal: tuple[list, list] | None = None

    def _indicator_plan(self) -> dict[str, tuple]:
        """Per indicator rule: its indicator's place, and what its firing gives (worked out once
        with ``_result``; only a points rule's met/not_met points depend on the record's value)."""
        place = {ind.id: i for i, ind in enumerate(self.pack.indicators)}
        plan = {}
        for name, ref in self.compiled.rules.items():
            if ref.kind != "indicator" or ref.target not in place:
                continue
            ind = self.pack.indicators[place[ref.target]]
            status = ref.status or ""
            from_value = isinstance(ind.rule, PointsRule) and status in ("met", "not_met")
            fixed = self._result(ind, status, 0.0 if from_value else None, name, ref.row)
            plan[name] = (place[ref.target], ind.id, ind.input_name, status, fixed.points, fixed.max, from_value)
        return plan

    def _known_plan(self) -> list[_Known] | None:
        """The indicators in runs of neighbours whose rules read the same record inputs (a TT 24
        criterion's two levels read one percentage and the unit type), each run with the answers
        remembered for it. A fact's fields are a function of the record's values (``_record_fact``),
        so equal values mean equal fields read, hence the engine's answer for identical facts:
        keying by the values skips building the fact. None when a rule reads a field no input writes."""
        assert self.decisions is not None
        input_of = {f: name for name, f in self.compiled.field_of.items()}
        input_of.update({rank_field(f): name for name, f in self.compiled.field_of.items() if name in self._choice_ranks})
        runs: list[tuple[tuple[str, ...], list[int]]] = []
        for place, ind in enumerate(self.pack.indicators):
            fields = self.decisions.fields_read(ind.id)
            if any(f not in input_of for f in fields):
                return None
            names = tuple(dict.fromkeys([ind.input_name, *(input_of[f] for f in fields)]))
            if runs and runs[-1][0] == names:
                runs[-1][1].append(place)
            else:
                runs.append((names, [place]))
        # every input read is keyed once per record (``value_key``); a run's key is picked from those
        self._key_inputs = tuple(dict.fromkeys(name for names, _ in runs for name in names))
        at = {name: i for i, name in enumerate(self._key_inputs)}
        return [_Known(itemgetter(*(at[n] for n in names)), names, tuple(places),
                       tuple(self.compiled.asks[self.pack.indicators[p].id] for p in places), {})
                for names, places in runs]

    def _single_plan(self) -> tuple[list[dict], Any, Any] | None:
        """When every run reads one input (as a citizen's indicators each read their own), a run's
        key is that input's keyed value: the runs' answers dicts, what picks their keys from a
        record's keyed values, and what picks their values from a record's values (most are their
        own keys), for one lookup of them all in C (``_score_known``). Else None."""
        runs = self._known or []
        if len(runs) < 2 or any(len(run.inputs) != 1 for run in runs):
            return None
        at = {name: i for i, name in enumerate(self._key_inputs)}
        return ([run.known for run in runs], itemgetter(*(at[run.inputs[0]] for run in runs)),
                itemgetter(*(run.inputs[0] for run in runs)))

    def _outcome_key_plan(self) -> list[int | None] | None:
        """Per field of the summary fact that the outcome rules read, in ``Decisions.outcome_key``'s
        order: the places of the indicators it counts as bits (``unmet``: every indicator; ``u3``:
        those of the fourth level), or None for the total. The summary fact's key is then made
        from a record's unmet bits. None when a field is not one of those (the fact is made)."""
        if self.decisions is None:
            return None
        every = (1 << self._n_indicators) - 1
        masks: dict[str, int | None] = {"unmet": every}
        if self._bands:
            masks["total"] = None
        else:
            for i, level in enumerate(self.pack.outcome.levels):   # type: ignore[union-attr]
                masks[f"u{i}"] = sum(1 << p for p, ind in enumerate(self.pack.indicators) if level.code in ind.levels)
        if any(f not in masks for f in self.decisions.outcome_reads):
            return None
        return [masks[f] for f in self.decisions.outcome_reads]

    def score(self, record: Record) -> Scored:
        if self._known is not None:
            return self._score_known(record, self._known)
        if self.decisions is None:
            with self.engine.session(self.compiled.name) as session:
                fired = session.assert_fact({**self._record_fact(record), **self._ask_all})
                indicators = self._indicator_results(record, fired)
                total = self._total(indicators)
                summary = self._summary_fact(indicators, total)
                reached = self._outcomes_reached(session.assert_fact(summary))
        else:
            indicators, total, reached = self._score_remembered(record, self.decisions)
        return Scored(
            id=record.id, outcome=reached[0], outcome_rule=self._outcome_rule(reached[0]),
            outcomes_reached=tuple(reached), total=total, max_total=self._max_total,
            indicators=tuple(indicators), values=record.values, where=record.where)

    def _score_known(self, record: Record, plan: list[_Known]) -> Scored:
        """``score`` from the engine's remembered answers, keyed by the record's values: the engine
        is asked (``_ask_new``) only about the runs of indicators whose values are new, and about
        the summary when the unmet indicators (and total) are. The counting proof runs on every
        record: the firings remembered or given add up to one per indicator, and an outcome."""
        values = record.values
        single = self._single
        keys = None
        if single is not None:
            try:
                picked = single[2](values)
            except KeyError:   # a record without some input (validation gives every one): its keys
                picked = ()
            # a non-zero float and a text are their own keys (``value_keys``): the usual record's values
            if picked and all(picked) and _OWN_KEYS.issuperset(map(type, picked)):
                answers = list(map(_get, single[0], picked))
            else:
                keys = value_keys(values, self._key_inputs)
                answers = list(map(_get, single[0], single[1](keys)))
        else:
            keys = value_keys(values, self._key_inputs)
            answers = list(map(_get, self._lookups[0], map(call, self._lookups[1], repeat(keys))))
        if None in answers:
            self._ask_new(record, plan, keys if keys is not None else value_keys(values, self._key_inputs), answers)
        counts, results, run_points, bits = zip(*answers)
        out = tuple(chain.from_iterable(results))
        if sum(counts) != self._n_indicators:
            self._checked_results(record, [r.rule for r in out] * 2)   # raises, naming what fired
        # the points in the pack's order, added as ``_total`` adds them
        total = rounded_total(sum(chain.from_iterable(run_points))) if self._bands else None
        unmet = sum(bits)   # each run's bits are its own indicators' places: added, they are or-ed
        masks = self._outcome_masks
        if masks is None:
            key = self.decisions.outcome_key(self._summary_fact(out, total))   # type: ignore[union-attr]
        elif self._total_then_unmet:   # a pack with bands, as most are: no loop over one mask
            key = (total, unmet.bit_count())
        else:
            key = tuple([total if m is None else (unmet & m).bit_count() for m in masks])
        known = self._outcomes_known.get(key)
        if known is None:
            known = self._learn_outcome(list(out), total, key)
        reached, rule = known
        if not reached:
            raise EngineError(NO_OUTCOME)
        scored = _new(Scored)   # as Scored(...) makes it, without a frozen dataclass's setattr per field
        _set(scored, "__dict__", {"id": record.id, "outcome": reached[0], "outcome_rule": rule, "outcomes_reached": reached,
                                  "total": total, "max_total": self._max_total, "indicators": out, "values": values,
                                  "where": record.where})
        return scored

    def _ask_new(self, record: Record, plan: list[_Known], keys: list[Any], answers: list[Any]) -> None:
        """Fill in ``answers`` for the runs whose key is new: the record fact, flagged for their
        indicators only, put to the engine; each of those indicators must fire exactly one rule,
        and none other may fire. What it answered is remembered (up to ``MAX_KNOWN`` entries).

        The fact carries only the fields those indicators' rules read (the others' rules cannot
        match without their flags): the engine decides them from exactly what it reads in the
        whole record fact, at a quarter less of its time."""
        new = [i for i, answer in enumerate(answers) if answer is None]
        fact_of = self._fact_of
        steps = [fact_of[name] for name in dict.fromkeys(name for i in new for name in plan[i].inputs)]
        asked = self._record_fact(record, steps)
        for i in new:
            asked.update(dict.fromkeys(plan[i].asks, 1))
        with self.engine.session(self.compiled.name) as session:
            fired = session.assert_fact(asked)
        by_place: dict[int, str] = {}
        wanted = {p for i in new for p in plan[i].places}
        for name in fired:
            step = self._plan.get(name)
            if step is None or step[0] not in wanted or step[0] in by_place:
                break
            by_place[step[0]] = name
        if len(by_place) != len(fired) or len(by_place) != len(wanted):
            remembered = [r.rule for answer in answers if answer is not None for r in answer[1]]
            self._checked_results(record, remembered + fired)   # raises, naming what fired
            raise EngineError(Msg("engine.firings", id=record.id, fired=fired))   # pragma: no cover
        values = record.values
        journal = self.journal
        for i in new:
            run = plan[i]
            names = tuple(by_place[p] for p in run.places)
            answers[i] = answer = self._answer(run, names, values)
            if self._known_count < MAX_KNOWN:
                self._known_count += 1
                key = run.key(keys)
                run.known.setdefault(key, answer)
                if journal is not None:
                    journal[0].append((i, key, names, {name: values.get(name) for name in run.inputs}))

    def _answer(self, run: _Known, names: tuple[str, ...], values: dict[str, Any]) -> tuple:
        """What a run's indicators' rules ``names`` (one per place) give for a record with ``values``:
        (their count, their results, their points, the bits of the unmet ones' places)."""
        results = tuple(self._made(name, values) for name in names)
        bits = sum(1 << p for p, r in zip(run.places, results) if r.status != "met" and r.status != "not_applicable")
        return (len(results), results, tuple(r.points for r in results if r.points is not None), bits)

    def keep_learned(self) -> None:
        """From now on, keep what this process's engine answers, for ``learned``."""
        if self.journal is None:
            self.journal = ([], [])

    def learned(self) -> tuple[list, list] | None:
        """The engine's answers this process was given since the last call (kept only once
        ``journal`` is set): for ``absorb`` in another process scoring the same run. None if none."""
        journal = self.journal
        if journal is None or not (journal[0] or journal[1]):
            return None
        self.journal = ([], [])
        return journal

    def absorb(self, learned: tuple[list, list] | None) -> None:
        """Remember the answers another process's engine gave for this pack (its ``learned``), as
        if this one's had given them: the engine is then not asked again here about situations it
        has decided there. Each is the engine's own answer for a key, and a key is exactly the
        values its rules read (equal keys, values that read the same: ``value_keys``), so the
        results are those this process would have been given; the counting proof still runs on
        every record. A rule that is not the one of its place is a defect, and said so."""
        if learned is None or self._known is None:
            return
        runs, outcomes = learned
        plan = self._plan
        for i, key, names, values in runs:
            if self._known_count >= MAX_KNOWN:
                return
            run = self._known[i]
            if key in run.known:
                continue
            if len(names) != len(run.places) or any(plan.get(n, (None,))[0] != p for n, p in zip(names, run.places)):
                raise EngineError(Msg("engine.shared", fired=list(names)))
            run.known[key] = self._answer(run, names, values)
            self._known_count += 1
        for key, answer in outcomes:
            if self._known_count >= MAX_KNOWN:
                return
            if key not in self._outcomes_known:
                self._outcomes_known[key] = answer
                self._known_count += 1

    def _made(self, name: str, values: dict[str, Any]) -> IndicatorResult:
        """The result of indicator rule ``name`` firing on a record with these values (one object
        per rule and value, shared by every record that has them)."""
        _, ind_id, input_name, status, points, mx, from_value = self._plan[name]
        value = values.get(input_name)
        # the value's type is part of the key (True == 1 == 1.0), and so is a zero's sign (-0.0 == 0.0)
        key = (name, value.__class__, value) if value else (name, value.__class__, repr(value))
        result = self._results.get(key)
        if result is None:
            result = IndicatorResult(ind_id, status, float(value) if from_value else points, mx, value, name)
            if len(self._results) < MAX_RESULTS:
                self._results[key] = result
        return result

    def _learn_outcome(self, indicators: list[IndicatorResult], total: float | None, key: tuple) -> tuple[tuple[str, ...], str]:
        """The outcomes reached for a summary fact with a key not met before: the engine's answer
        for that fact, and the rule named (remembered up to ``MAX_KNOWN`` entries)."""
        summary = self._summary_fact(indicators, total)
        if self.decisions.outcome_key(summary) != key:   # type: ignore[union-attr]   # a defect of _outcome_key_plan
            raise EngineError(Msg("engine.summary_key", summary=summary, key=key))
        with self.engine.session(self.compiled.name) as session:
            reached = tuple(self._outcomes_reached(session.assert_fact(summary)))
        answer = (reached, self._outcome_rule(reached[0]))
        if self._known_count < MAX_KNOWN:
            self._known_count += 1
            self._outcomes_known[key] = answer
            if self.journal is not None:
                self.journal[1].append((key, answer))
        return answer

    def _score_remembered(self, record: Record, decisions: Decisions) -> tuple[list[IndicatorResult], float | None, list[str]]:
        """As ``score``, asking the engine only about the indicators whose situation it has not
        decided yet: the record fact, flagged for those indicators only. Every rule has one
        pattern on one fact, and an indicator's flag is the only thing its rules read that the
        flags change, so each fires what it fires with every flag; the counting proof runs on
        every record, remembered or not."""
        fact = self._record_fact(record)
        keys = decisions.indicator_keys(fact)
        fired, new = decisions.indicators(keys)
        if new:
            asks = self.compiled.asks
            asked = {**fact, **{asks[key[0]]: 1 for key in new}}
            learned = self._decided(asked, None, lambda f: decisions.learn_indicators(new, f))
            fired += learned
        indicators = self._indicator_results(record, fired)
        total = self._total(indicators)
        summary = self._summary_fact(indicators, total)
        key = decisions.outcome_key(summary)
        outcome_fired = self._decided(summary, decisions.outcomes(key), lambda f: decisions.learn_outcomes(key, f))
        return indicators, total, self._outcomes_reached(outcome_fired)

    def _decided(self, fact: dict[str, Any], known: Any, learn: Callable[[Any], None]) -> Any:
        """The rules fired for ``fact``: remembered ones, or the engine's answer, then remembered."""
        if known is None:
            with self.engine.session(self.compiled.name) as session:
                known = session.assert_fact(fact)
            learn(known)
        return known

    def _record_fact(self, record: Record, steps: list[tuple] | None = None) -> dict[str, Any]:
        """The record fact (only the fields of ``steps``, parts of ``_fact_plan``, when given)."""
        fact: dict[str, Any] = {"t": "rec"}
        values = record.values
        for name, f, rank, ranks in self._fact_plan if steps is None else steps:
            value = values.get(name)
            if value is None:
                continue
            # written as ``fact_value`` writes it (booleans as 1/0), inline: this runs for every value
            fact[f] = (1 if value else 0) if value.__class__ is bool else value
            if rank is not None:
                fact[rank] = ranks[value]
        return fact

    def _indicator_results(self, record: Record, fired: list[str]) -> list[IndicatorResult]:
        """One result per indicator, in the pack's order, from the rules that fired: exactly one
        per indicator (as many firings as indicators, each on a different one), else an error."""
        plan, n = self._plan, self._n_indicators
        chosen: list[tuple | None] = [None] * n
        if len(fired) == n:
            for name in fired:
                step = plan.get(name)
                if step is None or chosen[step[0]] is not None:
                    break
                chosen[step[0]] = (name, *step)
        if len(fired) != n or None in chosen:
            return self._checked_results(record, fired)  # raises, naming what fired
        values = record.values
        return [self._made(step[0], values) for step in chosen]   # type: ignore[index]

    def _checked_results(self, record: Record, fired: list[str]) -> list[IndicatorResult]:
        by_indicator: dict[str, list[str]] = {}
        for name in fired:
            ref = self.compiled.rules.get(name)
            if ref is None or ref.kind != "indicator":
                raise EngineError(Msg("engine.rule_on_record", name=name))
            by_indicator.setdefault(ref.target, []).append(name)
        results = []
        for ind in self.pack.indicators:
            names = by_indicator.pop(ind.id, [])
            if len(names) != 1:
                raise EngineError(Msg("engine.statuses", id=record.id, indicator=ind.id, n=len(names),
                                      names=", ".join(names) or "-"))
            ref = self.compiled.rules[names[0]]
            results.append(self._result(ind, ref.status or "", record.values.get(ind.input_name), names[0], ref.row))
        return results

    @staticmethod
    def _result(ind: Indicator, status: str, value: Any, rule: str, row: int | None = None) -> IndicatorResult:
        if status == "not_applicable":
            points = None
        elif isinstance(ind.rule, GradedRule):   # the row of the rule that fired gives the points
            points = ind.rule.table[row].points if row is not None and status != "missing" else 0.0
        elif isinstance(ind.rule, PointsRule):
            points = float(value) if status in ("met", "not_met") else 0.0
        else:
            points = None if ind.rule.points is None else (ind.rule.points if status == "met" else 0.0)
        return IndicatorResult(ind.id, status, points, ind.max_points if status != "not_applicable" else None, value, rule)

    def _total(self, indicators: list[IndicatorResult]) -> float | None:
        if not self._bands:
            return None
        return round(sum([r.points for r in indicators if r.points is not None]), TOTAL_DIGITS)

    def _summary_fact(self, indicators: list[IndicatorResult], total: float | None) -> dict[str, Any]:
        unmet = [r.id for r in indicators if r.status != "met" and r.status != "not_applicable"]
        fact: dict[str, Any] = {"t": "sum", "unmet": len(unmet)}
        if total is not None:
            fact["total"] = total
        if not self._bands:
            for i, level in enumerate(self.pack.outcome.levels):
                fact[f"u{i}"] = sum(1 for r in unmet if level.code in self._levels_of[r])
        return fact

    def _outcomes_reached(self, fired: list[str]) -> list[str]:
        """The outcomes whose rules fired, best first: each outcome rule at most once, and only
        outcome rules (checked on every record)."""
        if len(set(fired)) != len(fired) or not self._outcome_names.issuperset(fired):
            raise EngineError(Msg("engine.outcome_firings", fired=fired))
        rules = self.compiled.rules
        reached = {rules[n].target for n in fired}
        ordered = [code for code in self._codes if code in reached]
        if not ordered:
            raise EngineError(NO_OUTCOME)
        return ordered

    def _outcome_rule(self, code: str) -> str:
        return f"{self._rule_prefix}__{code}"
