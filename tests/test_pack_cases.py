"""Every shipped pack's own named cases (criteria/cases/<pack>.yaml), through the engine
and through the independent reference evaluator."""
from pathlib import Path

import pytest
import yaml

from conftest import CRITERIA
from reference import reference_score
from scoring import RecordError, RecordValidator, Scorer, shipped_packs

CASE_FILES = sorted((CRITERIA / "cases").glob("*.yaml"))


def _cases():
    for path in CASE_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["pack"], case, id=f"{doc['pack']}: {case['name']}")


def test_every_shipped_pack_has_cases():
    with_cases = {yaml.safe_load(p.read_text(encoding="utf-8"))["pack"] for p in CASE_FILES}
    assert set(shipped_packs()) <= with_cases


_scorers: dict = {}


def _scorer(pack_id):
    if pack_id not in _scorers:
        _scorers[pack_id] = Scorer(shipped_packs()[pack_id])
    return _scorers[pack_id]


@pytest.mark.parametrize("pack_id,case", list(_cases()))
def test_case(pack_id, case):
    loaded = shipped_packs()[pack_id]
    validator = RecordValidator(loaded.pack)
    expect = case["expect"]
    if "rejected" in expect:
        with pytest.raises(RecordError) as err:
            validator.validate(case["record"])
        assert expect["rejected"] in str(err.value)
        return
    record = validator.validate(case["record"])
    scored = _scorer(pack_id).score(record)
    ref = reference_score(loaded.pack, record.values)
    assert scored.outcome == expect["outcome"] == ref["outcome"]
    if "total" in expect:
        assert scored.total == pytest.approx(expect["total"]) and ref["total"] == pytest.approx(expect["total"])
    got = {i.id: i for i in scored.indicators}
    for ind_id, want in (expect.get("indicators") or {}).items():
        if "status" in want:
            assert got[str(ind_id)].status == want["status"] == ref["indicators"][str(ind_id)]["status"]
        if "points" in want:
            assert got[str(ind_id)].points == pytest.approx(want["points"])
