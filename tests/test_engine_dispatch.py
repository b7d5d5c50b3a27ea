"""The adapter reads the rules a fact fires straight from the C engine's action queue (issue 14),
not through durable's own Python dispatcher: both must give the same rule names in the same order,
for every fact a record or its summary makes, on every shipped pack and on a pack split into groups."""
import json
import random

import pytest

from durable import engine as durable
from reference import random_values
from test_big_packs import _values, big_pack

from scoring import Record, Scorer, shipped_packs
from scoring.engine.adapter import _C, RulesEngine, _plan
from scoring.errors import EngineError
from scoring.packs.pack import load_pack_text

N = 150


class _Host(durable.Host):
    def _run(self) -> None:
        pass


def _durable_dispatcher(name: str, definition: dict):
    """durable's own way: a Python action per rule, recording the rule by the fact's session."""
    planned, layouts = _plan(definition)
    fired: dict[str, list[str]] = {}

    def action(rule):
        return lambda c: fired[c.m._d["sid"]].append(rule)
    host = _Host()
    host.register_rulesets({name: {rule: {**body, "run": action(rule)} for rule, body in planned.items()}})

    def fire(sid: str, fact: dict) -> list[str]:
        layout = layouts.get(fact["t"])
        fired[sid] = []
        try:
            for part in layout.split(fact) if layout else [fact]:
                try:
                    host.assert_fact(name, {**part, "sid": sid})
                except durable.MessageNotHandledException:
                    pass
            return fired[sid]
        finally:
            host.delete_state(name, sid)
    return fire


def _compare(loaded, values_list) -> int:
    scorer = Scorer(loaded, RulesEngine(), cache=False)
    fire = _durable_dispatcher(scorer.compiled.name, scorer.compiled.definition)
    firings = 0
    for k, values in enumerate(values_list):
        record = Record(str(k), values)
        fact = {**scorer._record_fact(record), **scorer._ask_all}   # a record fact asking about every indicator
        with scorer.engine.session(scorer.compiled.name) as session:
            ours = session.assert_fact(fact)
        assert ours == fire(f"d{k}", fact), values
        indicators = scorer._indicator_results(record, ours)
        summary = scorer._summary_fact(indicators, scorer._total(indicators))
        with scorer.engine.session(scorer.compiled.name) as session:
            assert session.assert_fact(summary) == fire(f"s{k}", summary), values
        firings += len(ours)
    return firings


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_the_same_rules_fire_as_with_durables_dispatcher(pack_id):
    loaded = shipped_packs()[pack_id]
    rng = random.Random(f"dispatch-{pack_id}")
    values = [random_values(loaded.pack, rng) for _ in range(N)]
    assert _compare(loaded, values) == N * len(loaded.pack.indicators)


def test_the_same_rules_fire_on_a_pack_split_into_groups():
    loaded = load_pack_text(big_pack(100, "levels"), "lon.yaml")
    rng = random.Random("dispatch-big")
    assert _compare(loaded, [_values(loaded.pack, rng, k) for k in range(40)]) == 40 * 100



def test_one_session_serves_every_record_and_is_left_empty():
    """The adapter keeps one session per ruleset across records (opening one costs more than a
    record) and retracts each record's facts: the same record twice is not 'seen before', and
    nothing stays behind."""
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    scorer = Scorer(loaded, cache=False)
    rng = random.Random("one-session")
    records = [Record(str(k), random_values(loaded.pack, rng)) for k in range(200)]
    first = [scorer.score(r) for r in records]
    assert [scorer.score(r) for r in records] == first
    engine, name = scorer.engine, scorer.compiled.name
    assert engine.asked == 400 and next(engine._sids) == 2   # asked once per record (its fact and summary), in one session
    assert json.loads(_C.get_facts(engine._handles[name], engine._kept[name])) == []


def test_a_session_the_engine_failed_in_is_replaced():
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    scorer = Scorer(loaded, cache=False)
    values = random_values(loaded.pack, random.Random("fail"))
    before = scorer.score(Record("a", values))
    engine, name = scorer.engine, scorer.compiled.name
    kept = engine._kept[name]
    with pytest.raises(EngineError, match="không nhận một dữ kiện"):
        with engine.session(name) as session:
            session.assert_fact({"t": "sum", "unmet": 0, "total": 1.0})
            session.assert_fact({"t": "sum", "unmet": 0, "total": 1.0})   # the same fact twice
    assert name not in engine._kept
    assert scorer.score(Record("a", values)) == before
    assert engine._kept[name] != kept
