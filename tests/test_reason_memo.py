"""The one-line reason is put together from pieces remembered per pack, language and value
(issue 14): a remembered piece is the text worked out afresh, on every shipped pack, in both
languages, with values that compare equal but read differently (0, 0.0, -0.0)."""
import random

import pytest

from reference import random_values
from scoring import Record, Scorer, shipped_packs
import scoring.results.explain as explain


def scored_records(loaded, n: int, seed: str) -> list:
    rng = random.Random(seed)
    scorer = Scorer(loaded)
    return [scorer.score(Record(f"R{i}", random_values(loaded.pack, rng))) for i in range(n)]


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_remembered_reasons_are_the_fresh_ones(pack_id):
    loaded = shipped_packs()[pack_id]
    records = scored_records(loaded, 300, pack_id)
    for lang in ("vi", "en"):
        warm = [explain.short_reason(s, loaded.pack, lang) for s in records]
        for s, text in zip(records, warm):
            explain._MEMO.clear()
            assert explain.short_reason(s, loaded.pack, lang) == text
    assert len(set(warm)) > 5   # the records differ, so their reasons do


def test_zeros_that_compare_equal_stay_apart():
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    scorer = Scorer(loaded)
    values = {inp.name: 9.0 for inp in loaded.pack.inputs} | {"group": "1"}
    texts = []
    for zero in (0.0, -0.0, 0.0):
        texts.append(explain.short_reason(scorer.score(Record("Z", {**values, "1.1": zero})), loaded.pack, "vi"))
    explain._MEMO.clear()
    fresh = explain.short_reason(scorer.score(Record("Z", {**values, "1.1": -0.0})), loaded.pack, "vi")
    assert texts[1] == fresh and texts[0] == texts[2]


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_the_fast_reason_of_a_pack_with_bands_is_the_general_one(pack_id):
    """``short_reason`` (pieces kept per pack and language) writes what ``general_reason`` writes,
    for the records of every shipped pack, in both languages; zeros of either sign included."""
    loaded = shipped_packs()[pack_id]
    records = scored_records(loaded, 400, f"fast-{pack_id}")
    zero = Scorer(loaded)
    for sign in (0.0, -0.0):
        values = {inp.name: sign if inp.type == "number" else None for inp in loaded.pack.inputs}
        records.append(zero.score(Record("Z", {**random_values(loaded.pack, random.Random(1)), **{
            k: v for k, v in values.items() if v is not None}})))
    for lang in ("vi", "en"):
        fast = [explain.short_reason(s, loaded.pack, lang) for s in records]
        assert fast == [explain.general_reason(s, loaded.pack, lang) for s in records]
    assert len(set(fast)) > 5


def test_results_out_of_the_packs_order_take_the_general_way():
    import dataclasses
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    s = next(r for r in scored_records(loaded, 50, "order") if r.outcome != loaded.pack.outcome_codes[0])
    shuffled = dataclasses.replace(s, indicators=tuple(reversed(s.indicators)))
    assert explain.short_reason(shuffled, loaded.pack, "vi") == explain.general_reason(shuffled, loaded.pack, "vi")


@pytest.mark.parametrize("pack_id", sorted(p for p, loaded in shipped_packs().items()
                                           if isinstance(loaded.pack.outcome, explain.BandsOutcome)))
def test_band_reasons_are_the_general_reason(pack_id):
    """``_BandReasons`` (pieces kept, the sentence cut around its parts once per outcome) writes
    what ``general_reason``, its definition, writes: every outcome of the pack, both languages."""
    loaded = shipped_packs()[pack_id]
    records = scored_records(loaded, 400, "general " + pack_id)
    for lang in ("vi", "en"):
        plan = explain._BandReasons(loaded.pack, lang)
        for s in records:
            assert plan.reason(s) == explain.general_reason(s, loaded.pack, lang), s.id
    assert len({s.outcome for s in records}) > 1
