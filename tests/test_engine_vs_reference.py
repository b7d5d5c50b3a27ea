"""The durable-rules engine and the plain-Python reference evaluator must agree on every
outcome, total, status and point, for thousands of generated records per shipped pack."""
import random

import pytest

from reference import random_values, reference_score
from scoring import Record, Scorer, shipped_packs
from scoring.authoring.coverage import reachable_targets

N = 3000


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_engine_agrees_with_reference(pack_id):
    loaded = shipped_packs()[pack_id]
    scorer = Scorer(loaded)
    rng = random.Random(f"hoctap-{pack_id}")
    outcomes, fired = set(), set()
    for n in range(N):
        values = random_values(loaded.pack, rng)
        values = {inp.name: values.get(inp.name) for inp in loaded.pack.inputs}
        scored = scorer.score(Record(id=str(n), values=values))
        ref = reference_score(loaded.pack, values)
        got = {i.id: {"status": i.status, "points": i.points} for i in scored.indicators}
        assert (scored.outcome, scored.total, got) == (ref["outcome"], ref["total"], ref["indicators"]), values
        outcomes.add(scored.outcome)
        fired |= {i.rule for i in scored.indicators}
    # the generator must reach every outcome, or the comparison proves little
    assert outcomes == set(loaded.pack.outcome_codes)
    # … and every indicator rule a record can fire (each row of a graded table included)
    assert {t.rule for t in reachable_targets(loaded) if t.path.startswith("criteria")} <= fired


def test_sessions_are_freed_past_the_engine_limit():
    """durable-rules holds 1,024 live sessions per ruleset; scoring more records than that
    on one scorer only works if every session is deleted."""
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    scorer = Scorer(loaded)
    values = {inp.name: 5.0 for inp in loaded.pack.inputs}
    values["group"] = "1"
    results = [scorer.score(Record(id=str(i), values=values)) for i in range(2500)]
    assert {r.outcome for r in results} == {"chua_dat"}  # 50 points
