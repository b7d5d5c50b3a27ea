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
    # two indicators or more not met: their order shows in the sentence
    s = next(r for r in scored_records(loaded, 200, "order") if sum(i.status == "not_met" for i in r.indicators) >= 2)
    explain.short_reason(s, loaded.pack, "vi")   # its results now known, each at its own place
    results = s.indicators
    for odd in (tuple(reversed(results)), results[1:] + results[:1], results + results[:1]):
        other = dataclasses.replace(s, indicators=odd)
        assert explain.short_reason(other, loaded.pack, "vi") == explain.general_reason(other, loaded.pack, "vi")


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


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_a_reason_as_a_json_line_holds_it_is_the_reason_encoded(pack_id):
    """``reasons_for(..., utf8=True)`` (a worker's JSON line: the reason's JSON text in UTF-8, put
    together from pieces kept encoded) is the reason's JSON text encoded, for the records of every
    shipped pack, in both languages, in the pack's order and out of it; the second time (from the
    pieces kept) as the first."""
    import dataclasses
    import json
    loaded = shipped_packs()[pack_id]
    records = scored_records(loaded, 300, f"utf8-{pack_id}")
    records += [dataclasses.replace(s, indicators=tuple(reversed(s.indicators))) for s in records[:20]]
    for lang in ("vi", "en"):
        explain._MEMO.clear()
        text, utf8 = explain.reasons_for(loaded.pack, lang), explain.reasons_for(loaded.pack, lang, utf8=True)
        for _ in range(2):
            for s in records:
                assert utf8(s) == json.encoder.encode_basestring(text(s)).encode("utf-8"), s.id
    assert len({utf8(s) for s in records}) > 5


def test_a_reason_that_cannot_be_encoded_is_given_as_text():
    """A reason holding a lone surrogate (a value read from bytes that are no UTF-8) cannot be
    UTF-8: it is given as the text, which the line writer then writes the usual way."""
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    s = next(r for r in scored_records(loaded, 50, "surrogate") if r.outcome != loaded.pack.outcome_codes[0])
    explain._MEMO.clear()
    plan = explain._once(loaded.pack, ("band reasons", "vi"), lambda: explain._BandReasons(loaded.pack, "vi"))
    plan.labels = {code: label + "\udc81" for code, label in plan.labels.items()}
    plan.plans.clear()
    text = explain.reasons_for(loaded.pack, "vi")(s)
    assert "\udc81" in text and explain.reasons_for(loaded.pack, "vi", utf8=True)(s) == text
    explain._MEMO.clear()
