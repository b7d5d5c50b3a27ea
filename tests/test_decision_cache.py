"""The engine's decisions, remembered (issue 14): scoring with the cache and without it gives the
same bytes in every output format, for every shipped pack, on generated records; and the cache
really spares the engine (or this comparison would prove nothing)."""
import io
import random

import pytest

from scoring.errors import EngineError

from reference import random_values
from scoring import Record, Scorer, shipped_packs
from scoring.engine.decisions import Unreadable, fields_of
from scoring.records.raw import RawRow
from scoring.results.provenance import RunInfo
from scoring.run.api import Batch
import scoring.results.render as render

N = 600
RUN = RunInfo("20261201T000000Z-abcdef", "2026-12-01T00:00:00Z")


def generated_rows(loaded, n: int, seed: str) -> list[RawRow]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        values = random_values(loaded.pack, rng)
        if i % 97 == 13:  # some rows rejected on the way, as in real files
            values[loaded.pack.inputs[-1].name] = "không rõ"
        rows.append(RawRow("gen.jsonl", i + 1, {"id": f"R{i % (n - 7)}", **values}))  # a few duplicate ids too
    return rows


def outputs(loaded, rows: list[RawRow], cache: bool) -> dict[str, str]:
    batch = Batch(loaded, rows, run=RUN, cache=cache)
    results = list(batch.results())
    texts = {}
    for fmt in ("jsonl", "csv", "json", "table"):
        out = io.StringIO()
        render.write_results(results, fmt, out, loaded.pack, batch.counts)
        texts[fmt] = out.getvalue()
    texts["explanations"] = "\n".join(render.render_explanation(r.explanation, fmt)
                                      for r in results if r.ok for fmt in ("text", "json"))
    return texts


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_cached_and_uncached_runs_write_the_same_bytes(pack_id):
    loaded = shipped_packs()[pack_id]
    rows = generated_rows(loaded, N, f"cache-{pack_id}")
    cached, uncached = outputs(loaded, rows, True), outputs(loaded, rows, False)
    assert cached["jsonl"].count("\n") == N
    for fmt in cached:
        assert cached[fmt] == uncached[fmt], fmt


def test_the_engine_is_asked_once_per_situation():
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    values = {inp.name: 7.0 for inp in loaded.pack.inputs} | {"group": "2"}
    cached, uncached = Scorer(loaded), Scorer(loaded, cache=False)
    for i in range(300):
        record = Record(str(i), {**values, "3.2": 5.0 + (i % 3)})
        assert cached.score(record) == uncached.score(record)
    # times the engine was asked: 3 distinct record facts (+ their 3 summaries) vs once per record
    assert cached.engine.asked == 6
    assert uncached.engine.asked == 300


def test_the_engine_is_asked_only_about_the_indicators_whose_situation_is_new():
    """A TT 24 unit whose one percentage is new: the engine fires that indicator's rule only
    (not one per indicator), and the answer is the one it gives for the whole record."""
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    rng = random.Random("one-new")
    base = _typed(loaded, random_values(loaded.pack, rng))
    assert base is not None
    cached, uncached = Scorer(loaded), Scorer(loaded, cache=False)
    asked: list[tuple[dict, list[str]]] = []
    engine_assert = cached.engine._assert
    cached.engine._assert = lambda session, fact: asked.append((fact, engine_assert(session, fact))) or asked[-1][1]
    number = next(inp.name for inp in loaded.pack.inputs if inp.type == "number" and base.get(inp.name) is not None)
    for value in (base[number], 50.5, 51.5):
        record = Record("x", {**base, number: value})
        assert cached.score(record) == uncached.score(record)
    record_facts = [fired for fact, fired in asked if fact["t"] == "rec"]
    assert len(record_facts[0]) == len(loaded.pack.indicators)
    reading = [ind.id for ind in loaded.pack.indicators if ind.input_name == number]
    assert [len(fired) for fired in record_facts[1:]] == [len(reading)] * 2
    assert {cached.compiled.rules[name].target for fired in record_facts[1:] for name in fired} == set(reading)


def test_the_counting_proof_runs_on_remembered_decisions():
    """A remembered answer is still checked: a record fact whose indicator fired twice is refused
    every time, not only the first."""
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    scorer = Scorer(loaded)
    record = Record("A", {inp.name: 7.0 for inp in loaded.pack.inputs} | {"group": "1"})
    scorer.score(record)
    from scoring.errors import EngineError
    known = scorer._known[0].known   # the first indicators' answers, remembered by value
    (key, (count, *rest)), = known.items()
    known[key] = (count + 1, *rest)   # as if two statuses had fired for that value
    with pytest.raises(EngineError, match="nhận 2 trạng thái"):
        scorer.score(record)
    with pytest.raises(EngineError, match="nhận 2 trạng thái"):
        scorer.score(record)
    known.clear()   # and in the engine's own answer about a new situation
    engine_assert = scorer.engine._assert
    scorer.engine._assert = lambda session, fact: (lambda fired: fired + fired[:1])(engine_assert(session, fact))
    with pytest.raises(EngineError, match="nhận 2 trạng thái"):
        scorer.score(record)
    assert not known   # a refused answer is not remembered


def test_an_answer_about_an_indicator_not_asked_is_refused():
    """Asked about one new percentage of a TT 24 unit, the engine must fire only that
    percentage's indicators: a firing of another indicator (already remembered) is refused."""
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    values = _typed(loaded, random_values(loaded.pack, random.Random("not-asked")))
    scorer = Scorer(loaded)
    scorer.score(Record("A", values))
    number = next(inp.name for inp in loaded.pack.inputs if inp.type == "number" and values.get(inp.name) is not None)
    reads = {ind.id: ind.input_name for ind in loaded.pack.indicators}
    other = next(name for name, ref in scorer.compiled.rules.items()
                 if ref.kind == "indicator" and reads[ref.target] != number)
    engine_assert = scorer.engine._assert
    scorer.engine._assert = lambda session, fact: engine_assert(session, fact) + ([other] if fact["t"] == "rec" else [])
    with pytest.raises(EngineError, match="nhận 2 trạng thái"):
        scorer.score(Record("B", {**values, number: 50.25}))


def test_fields_read_by_a_pattern():
    pattern = {"$and": [{"t": "rec"}, {"$or": [{"v0": "a"}, {"v0": "b"}]}, {"$ex": {"v3": 1}}, {"$lt": {"r3": 2}}]}
    assert fields_of(pattern) == {"t", "v0", "v3", "r3"}
    with pytest.raises(Unreadable):   # a comparison with another fact's field: not keyed by constants
        fields_of({"$and": [{"t": "rec"}, {"$gte": {"v1": {"$m": "v2"}}}]})


def test_no_cache_on_the_command_line_gives_the_same_file(runner, cli, tmp_path):
    from conftest import EXAMPLES
    source = EXAMPLES / "cong-dan-hoc-tap.csv"
    for name, extra in (("cached.csv", []), ("uncached.csv", ["--no-cache"])):
        done = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / name), *extra])
        assert done.exit_code in (0, 1), done.output
    assert (tmp_path / "cached.csv").read_bytes() == (tmp_path / "uncached.csv").read_bytes()
    assert (tmp_path / "cached.csv").read_text(encoding="utf-8").count("\n") > 5


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_answers_remembered_by_value_are_the_engines_for_the_same_fact(pack_id):
    """The answers kept by the record's values (``Scorer._known``) and by the summary's key made
    without the fact are the ones the engine gives for the facts themselves."""
    loaded = shipped_packs()[pack_id]
    cached, fresh = Scorer(loaded), Scorer(loaded, cache=False)
    rng = random.Random(f"known-{pack_id}")
    records = [Record(f"R{i}", values) for i in range(300)
               if (values := _typed(loaded, random_values(loaded.pack, rng))) is not None]
    for record in records * 2:   # the second time every answer comes from memory
        assert cached.score(record) == fresh.score(record)
    if cached._known is not None:
        assert all(run.known for run in cached._known)
        for record in records:
            s = cached.score(record)
            summary = cached._summary_fact(list(s.indicators), s.total)
            key = cached.decisions.outcome_key(summary)
            assert cached._outcomes_known[key][0] == s.outcomes_reached


def _typed(loaded, raw: dict):
    from scoring.records.validate import RecordValidator
    from scoring.errors import RecordError
    try:
        return RecordValidator(loaded.pack).validate({"id": "x", **raw}).values
    except RecordError:
        return None


def test_answers_kept_by_value_stop_growing_at_their_limit(monkeypatch):
    """Past MAX_KNOWN entries nothing more is kept (memory stays flat on values that never
    repeat), and records are still scored as the engine scores them."""
    import scoring.engine.evaluate as evaluate
    monkeypatch.setattr(evaluate, "MAX_KNOWN", 50)
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    cached, fresh = Scorer(loaded), Scorer(loaded, cache=False)
    rng = random.Random("limit")
    records = [Record(f"R{i}", values) for i in range(200)
               if (values := _typed(loaded, random_values(loaded.pack, rng))) is not None]
    for record in records:
        assert cached.score(record) == fresh.score(record)
    kept = sum(len(run.known) for run in cached._known) + len(cached._outcomes_known)
    assert 0 < kept <= 50


def test_runs_of_one_input_are_looked_up_in_one_map_with_the_same_answers():
    """When every run of indicators reads one input (citizens), their answers are looked up in one
    map (``Scorer._single``): the same answers as each run's own key and lookup."""
    from scoring.engine.evaluate import value_keys
    packs = shipped_packs()
    single = [pid for pid in sorted(packs) if Scorer(packs[pid])._single is not None]
    assert "cong-dan-hoc-tap" in single and len(single) < len(packs)   # both ways are used by shipped packs
    for pack_id in single:
        loaded = packs[pack_id]
        scorer = Scorer(loaded)
        rng = random.Random(f"single-{pack_id}")
        records = [Record(f"R{i}", values) for i in range(200)
                   if (values := _typed(loaded, random_values(loaded.pack, rng))) is not None]
        for record in records:
            scorer.score(record)
        for record in records:
            keys = value_keys(record.values, scorer._key_inputs)
            dicts, pick, pick_values = scorer._single
            assert list(map(dict.get, dicts, pick(keys))) == [known.get(key(keys)) for known, key in zip(*scorer._lookups)]
            picked = pick_values(record.values)   # the values themselves, where they are their own keys
            assert [v for v in picked if v and v.__class__ in (float, str)] == [
                k for k, v in zip(pick(keys), picked) if v and v.__class__ in (float, str)]


def test_values_that_are_not_their_own_keys_are_keyed_by_type():
    """A citizen's points are looked up by the values themselves when every one is a non-zero
    float or a text; a whole number, a yes/no, a zero or a blank among them sends the record to
    its keys (``value_keys``), so that 5 is never taken for 5.0, nor 1 for True: the results are
    those of the engine asked afresh, the cache off, every time."""
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    cached, fresh = Scorer(loaded), Scorer(loaded, cache=False)
    names = [inp.name for inp in loaded.pack.inputs if inp.name != "group"]
    base = {"group": "1", **{name: 6.0 for name in names}}
    odd = [5, 5.0, 0, 0.0, -0.0, True, False, None, 10, 10.0, 4.5, 4]
    rng = random.Random(7)
    for i in range(300):
        values = dict(base)
        for name in rng.sample(names, rng.randint(0, 3)):
            values[name] = rng.choice(odd)
        record = Record(f"R{i}", values)
        try:
            expected = fresh.score(record)
        except EngineError:
            with pytest.raises(EngineError):
                cached.score(record)
            continue
        got = cached.score(record)
        assert [(r.status, r.points, r.value.__class__) for r in got.indicators] == [
            (r.status, r.points, r.value.__class__) for r in expected.indicators], values
        assert (got.outcome, got.total) == (expected.outcome, expected.total), values


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_answers_shared_between_processes_are_the_engines_own(pack_id):
    """What one process's engine answered (``Scorer.learned``), sent as a worker sends it (pickled)
    and remembered by another process's scorer (``absorb``), spares that one's engine every question
    and gives it the same results as asking its own engine, record for record."""
    import pickle
    loaded = shipped_packs()[pack_id]
    first, second, fresh = Scorer(loaded), Scorer(loaded), Scorer(loaded, cache=False)
    rng = random.Random(f"shared-{pack_id}")
    records = [Record(f"R{i}", values) for i in range(300)
               if (values := _typed(loaded, random_values(loaded.pack, rng))) is not None]
    half = len(records) // 2
    first.journal = ([], [])
    for record in records[:half]:
        first.score(record)
    learned = first.learned()
    if first._known is None:   # a pack scored without answers kept by value: nothing to share
        assert learned is None
        return
    assert learned is not None and learned[0] and learned[1]
    assert first.learned() is None   # taken once
    second.absorb(pickle.loads(pickle.dumps(learned)))
    asked = second.engine.asked
    for record in records[:half]:
        assert second.score(record) == fresh.score(record)
    assert second.engine.asked == asked   # every answer came from the other scorer's engine
    for record in records[half:]:   # new situations are still put to this one's engine
        assert second.score(record) == fresh.score(record)
    assert second.engine.asked > asked
    # and only what this process's engine answered goes on (nothing absorbed is sent back)
    assert first.learned() is None and second.journal is None


def test_an_answer_shared_that_does_not_fit_the_pack_is_refused():
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    first, second = Scorer(loaded), Scorer(loaded)
    first.journal = ([], [])
    values = _typed(loaded, random_values(loaded.pack, random.Random("misfit")))
    first.score(Record("R1", values))
    runs, outcomes = first.learned()
    i, key, names, vals = runs[0]
    other = next(name for name, step in first._plan.items() if step[0] not in first._known[i].places)
    with pytest.raises(EngineError) as err:
        second.absorb(([(i, key, (other,) * len(names), vals)], []))
    assert "tiến trình khác" in err.value.render("vi")


def test_answers_shared_stop_at_the_limit_of_answers_kept(monkeypatch):
    import scoring.engine.evaluate as evaluate
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    first, second = Scorer(loaded), Scorer(loaded)
    first.journal = ([], [])
    rng = random.Random("shared-limit")
    for i in range(100):
        if (values := _typed(loaded, random_values(loaded.pack, rng))) is not None:
            first.score(Record(f"R{i}", values))
    monkeypatch.setattr(evaluate, "MAX_KNOWN", 20)
    second.absorb(first.learned())
    assert sum(len(run.known) for run in second._known) + len(second._outcomes_known) == 20
