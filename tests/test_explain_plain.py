"""An explanation as a dict (what the run store hashes and keeps) is ``dataclasses.asdict``'s, on
every shipped pack, though ``tree._plain`` looks each class's fields up once (issue 14)."""
import dataclasses
import random

import pytest

from reference import random_values
from scoring import Record, Scorer, shipped_packs
from scoring.results.explain import explain


def asdict_of(expl) -> dict:
    data = dataclasses.asdict(expl)
    for key in ("members", "warnings"):   # as Explanation.to_dict leaves them out when empty
        if not data[key]:
            data.pop(key)
    return data


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_an_explanation_as_a_dict_is_asdicts(pack_id):
    loaded = shipped_packs()[pack_id]
    rng, scorer = random.Random(pack_id), Scorer(loaded)
    for i in range(100):
        scored = scorer.score(Record(f"R{i}", random_values(loaded.pack, rng)))
        for lang in ("vi", "en"):
            expl = explain(scored, loaded, lang)
            assert expl.to_dict() == asdict_of(expl)
            assert repr(expl.to_dict()) == repr(asdict_of(expl))   # tuples stay tuples, 1.0 stays 1.0
