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
