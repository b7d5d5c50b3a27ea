"""What a run store hashes for each row (``output_sha256``) is the canonical JSON of its result and
explanation, though the explanation is written from its tree with the pieces that repeat encoded
once (``Explanation.canonical``, issue 14): the same bytes as ``canonical_json(to_dict())``, or a
stored run would no longer verify."""
import dataclasses
import hashlib
import math
import random

import pytest

from reference import random_values
from scoring import Record, Scorer, shipped_packs
from scoring.audit.store import output_sha256
from scoring.results.explain import explain
from scoring.results.tree import Explanation, IndicatorNode, MemberShare
from scoring.results.provenance import canonical_json
from scoring.results.render import result_dict
from scoring.run.api import score_records


def scored_records(pack_id: str, seed: str, n: int):
    """The pack and ``n`` random records scored with the cache, which gives records in the same
    situation the same result objects (what is kept per result is then shared)."""
    loaded = shipped_packs()[pack_id]
    rng, scorer = random.Random(seed), Scorer(loaded)
    return loaded, [scorer.score(Record(f"R{i}", random_values(loaded.pack, rng))) for i in range(n)]


def general_sha256(r) -> str:
    """The definition: what output_sha256 gave before it was written from pieces."""
    expl = r.explanation.to_dict() if r.ok and r.explanation else None
    return hashlib.sha256(canonical_json({"result": result_dict(r), "explanation": expl}).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_an_explanation_is_written_as_its_dict(pack_id):
    loaded, records = scored_records(pack_id, pack_id, 150)
    for scored in records:
        for lang in ("vi", "en"):
            for _ in range(2):   # the second time from the nodes and texts kept the first time
                expl = explain(scored, loaded, lang)
                assert expl.canonical() == canonical_json(expl.to_dict())


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_output_sha256_is_the_hash_of_the_canonical_result_and_explanation(pack_id):
    loaded = shipped_packs()[pack_id]
    rng = random.Random(f"hash {pack_id}")
    records = [{"id": f"R{i}", **random_values(loaded.pack, rng)} for i in range(60)]
    records.append({"id": "R-bad", **{i.name: "không phải số" for i in loaded.pack.inputs if i.type == "number"}})
    records.append({"id": "R0"})   # a duplicate id: rejected
    results = score_records(loaded, records)
    assert any(r.ok for r in results) and any(not r.ok for r in results)
    for r in results:
        assert output_sha256(r) == general_sha256(r)


def a_node(**changes) -> IndicatorNode:
    base = dict(id="1.1", label="Đọc sách", status="met", points=7.5, max=10.0, input="1.1", value=7.5,
                shown="7.5", condition="≥ 5/10", rule="1.1__met", reference=None)
    return IndicatorNode(**{**base, **changes})


def an_explanation(scored_nodes, **changes) -> Explanation:
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    scored = Scorer(loaded).score(Record("R1", random_values(loaded.pack, random.Random(1))))
    expl = explain(scored, loaded)
    criterion = dataclasses.replace(expl.criteria[0], indicators=tuple(scored_nodes))
    return dataclasses.replace(expl, criteria=(criterion,), **changes)


def test_values_that_compare_equal_but_read_differently_are_written_each_as_itself():
    # 0.0 == -0.0 and 1 == 1.0 == True: a piece kept by value would write one as the other
    nodes = [a_node(value=0.0, points=0.0), a_node(value=-0.0, points=-0.0), a_node(value=1, points=1),
             a_node(value=1.0, points=1.0), a_node(value=True, points=None), a_node(value="1", max=None)]
    expl = an_explanation(nodes)
    text = expl.canonical()
    assert text == canonical_json(expl.to_dict())
    assert '"value":-0.0' in text and '"value":0.0' in text and '"value":true' in text and '"value":"1"' in text


def test_members_and_warnings_are_written_when_there_are_some():
    share = MemberShare(input="ty_le", members_pack="cong-dan-hoc-tap", outcomes=("dat",), gives="share",
                        numerator=3, denominator=4, share=75.0, value=75.0, typed=None, not_qualifying=("A", "B"),
                        source="thanh-vien.csv", note="")
    for changes in ({"members": (share,)}, {"warnings": ("Bộ tiêu chí đã hết hiệu lực",)}, {}):
        expl = an_explanation([a_node()], **changes)
        assert expl.canonical() == canonical_json(expl.to_dict())
        assert ('"members"' in expl.canonical()) == bool(changes.get("members"))
        assert ('"warnings"' in expl.canonical()) == bool(changes.get("warnings"))


def test_a_value_of_another_kind_goes_the_general_way():
    class Code(str):
        pass

    expl = an_explanation([a_node(value=Code("x")), a_node(value=(1, "a", None)), a_node(value={"b": 1, "a": [2.5]})])
    assert expl.canonical() == canonical_json(expl.to_dict())


def test_a_number_json_cannot_hold_is_refused_as_the_general_encoder_refuses_it():
    expl = an_explanation([a_node(value=math.nan)])
    with pytest.raises(ValueError) as general:
        canonical_json(expl.to_dict())
    with pytest.raises(ValueError) as fast:
        expl.canonical()
    assert str(fast.value) == str(general.value)


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_nodes_kept_per_result_are_the_nodes_made_afresh(pack_id):
    from scoring.results import explain as module, tree
    loaded, records = scored_records(pack_id, f"nodes {pack_id}", 100)
    for scored in records:
        for lang in ("vi", "en"):
            kept = explain(scored, loaded, lang)
            module._NODES.clear()
            tree.ENCODED.clear()
            assert repr(explain(scored, loaded, lang)) == repr(kept)   # repr: 1.0 and -0.0 stay themselves


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_a_result_scored_as_of_a_date_is_written_as_its_dict(pack_id):
    import datetime as dt
    from scoring.errors import NotInForce
    from scoring.results.render import canonical_result
    loaded = shipped_packs()[pack_id]
    rng = random.Random(f"as of {pack_id}")
    records = [{"id": f"R{i}", **random_values(loaded.pack, rng)} for i in range(20)]
    for day in (dt.date(2025, 6, 1), dt.date(2023, 6, 1), dt.date(2021, 6, 1)):   # in force now, or before
        try:
            results = score_records(pack_id, records, as_of=day)   # by id: the date chooses the pack
        except NotInForce:
            continue
        assert all(r.provenance.as_of == str(day) for r in results)
        for r in results:
            assert canonical_result(r) == canonical_json(result_dict(r))
            assert output_sha256(r) == general_sha256(r)
        return
    pytest.fail(f"{pack_id} is in force on none of these days")


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_explain_makes_the_object_explanations_constructor_makes(pack_id):
    # explain() sets the fields straight into the object, the same for every record of a pack and
    # outcome worked out once: the object must be the one Explanation(**fields) makes
    loaded, records = scored_records(pack_id, f"made {pack_id}", 30)
    for i, scored in enumerate(records):
        for lang in ("vi", "en"):
            expl = explain(scored, loaded, lang, warnings=("w",) if i % 2 else ())
            made = dataclasses.replace(expl)
            assert repr(made) == repr(expl) and list(vars(made)) == list(vars(expl))
            assert expl.record == f"R{i}" and expl.outcome == scored.outcome and expl.lang == lang
            assert expl.criteria_pack == loaded.identity() and expl.criteria_pack is not explain(scored, loaded).criteria_pack


def test_the_assessment_date_of_each_record_is_its_own():
    import datetime as dt
    from scoring.packs.catalog import InForce
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    scored = Scorer(loaded).score(Record("R1", random_values(loaded.pack, random.Random(2))))
    for day, source in ((dt.date(2025, 1, 2), "--as-of"), (dt.date(2025, 3, 4), "ngay_danh_gia"), (None, None)):
        expl = explain(scored, loaded, "vi", InForce(loaded, day, source, f"hiệu lực {day}"))
        assert (expl.as_of, expl.as_of_source, expl.in_force) == (day and str(day), source, f"hiệu lực {day}")


def test_results_are_kept_by_how_they_read():
    from scoring.engine.evaluate import IndicatorResult
    from scoring.results.explain import result_key

    def result(value, points=5.0):
        return IndicatorResult(id="1.1", status="met", points=points, max=10.0, value=value, rule="1.1__met")

    assert result_key(result(7.5)) == result_key(result(7.5))   # equal results, two objects
    readings = [result(1), result(1.0), result(True), result(0.0), result(-0.0), result("1"), result(None),
                result(7.5, points=0.0), result(7.5, points=-0.0), result(7.5, points=0)]
    assert len({result_key(r) for r in readings}) == len(readings)


def test_a_workers_copies_of_results_share_the_nodes_made_here():
    # with --jobs, the parent explains results a worker scored: copies, not the scorer's own objects
    import pickle
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    scorer, rng = Scorer(loaded), random.Random(3)
    scored = [scorer.score(Record(f"R{i}", random_values(loaded.pack, rng))) for i in range(50)]
    copies = pickle.loads(pickle.dumps(scored))
    for s, c in zip(scored, copies):
        mine, theirs = explain(s, loaded), explain(c, loaded)
        assert all(a is b for x, y in zip(mine.criteria, theirs.criteria) for a, b in zip(x.indicators, y.indicators))
        assert theirs.canonical() == canonical_json(theirs.to_dict()) == mine.canonical()
