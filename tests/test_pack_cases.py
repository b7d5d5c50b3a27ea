"""Every shipped pack's own named cases (criteria/cases/<pack>.yaml, with the cases a local
variant inherits from its parent), through the engine and through the independent reference
evaluator. The runner behind `hoctap test` (scoring/authoring/casetest.py) only supplies the cases here;
the comparison below is this test's own."""
import pytest
import yaml

from conftest import CRITERIA
from reference import reference_score
from scoring import RecordError, RecordValidator, Scorer, shipped_packs
from scoring.authoring.casetest import load_cases

CASE_FILES = sorted((CRITERIA / "cases").glob("*.yaml"))


def _cases():
    for pack_id, loaded in sorted(shipped_packs().items()):
        for lc in load_cases(loaded):
            if lc.case.skip is None:
                for record in lc.case.all_records:
                    yield pytest.param(pack_id, record, lc.case, id=f"{pack_id}: {lc.case.name}")


def test_every_shipped_pack_has_cases():
    with_cases = {yaml.safe_load(p.read_text(encoding="utf-8"))["pack"] for p in CASE_FILES}
    assert set(shipped_packs()) <= with_cases


_scorers: dict = {}


def _scorer(pack_id):
    if pack_id not in _scorers:
        _scorers[pack_id] = Scorer(shipped_packs()[pack_id])
    return _scorers[pack_id]


def _in_force(pack, day):
    return pack.valid_from <= day and (pack.valid_to is None or day <= pack.valid_to)


@pytest.mark.parametrize("pack_id,record,case", list(_cases()))
def test_case(pack_id, record, case):
    loaded = shipped_packs()[pack_id]
    validator = RecordValidator(loaded.pack)
    expect = case.expect
    if case.as_of is not None and not _in_force(loaded.pack, case.as_of):
        assert expect.rejected is not None and "does not apply" in expect.rejected
        return
    if expect.rejected is not None:
        with pytest.raises(RecordError) as err:
            validator.validate(record)
        assert expect.rejected in err.value.render("en")  # cases are written in English
        return
    record = validator.validate(record)
    scored = _scorer(pack_id).score(record)
    ref = reference_score(loaded.pack, record.values)
    assert scored.outcome == expect.outcome == ref["outcome"]
    if expect.total is not None:
        assert scored.total == pytest.approx(expect.total) and ref["total"] == pytest.approx(expect.total)
    got = {i.id: i for i in scored.indicators}
    for ind_id, want in expect.indicators.items():
        if want.status is not None:
            assert got[ind_id].status == want.status == ref["indicators"][ind_id]["status"]
        if want.points is not None:
            assert got[ind_id].points == pytest.approx(want.points) == ref["indicators"][ind_id]["points"]


# Thông tư 22/2020, Art. 5 (official-texts.md §3): the words each indicator asks for. A label that drops one
# (2b read "chấp hành kỷ luật lao động, hợp tác, chia sẻ", without the unit's rules or unity) tells a
# council to score less than the text asks.
TT22_WORDS = {
    "2b": ["kỷ luật lao động", "nội quy", "hợp tác", "đoàn kết", "trao đổi"],   # Art. 5.2.b
    "2c": ["học tập, bồi dưỡng bắt buộc"],                                      # Art. 5.2.c
    "3a": ["đầy đủ", "năng lực", "phẩm chất"],                                  # Art. 5.3.a
}


@pytest.mark.parametrize("indicator", sorted(TT22_WORDS))
def test_tt22_labels_say_what_article_5_asks(indicator):
    pack = shipped_packs()["don-vi-hoc-tap-tt22"].pack
    [label] = [i.label.vi for c in pack.criteria for i in c.indicators if i.id == indicator]
    assert [w for w in TT22_WORDS[indicator] if w not in label] == []
    # the local example reads 2b as a share of members: its column names the same duties
    local = shipped_packs()["don-vi-hoc-tap-tt22-dia-phuong-vi-du"].pack
    if indicator == "2b":
        [column] = [i.label.vi for i in local.inputs if i.name == "2b"]
        assert [w for w in TT22_WORDS["2b"] if w not in column] == []


def test_tt22_states_its_scope():
    # Art. 1.2 names agencies and mass organisations only; schools, enterprises, armed forces, commune
    # People's Committees are out of scope, and the pack (no unit-type column) must say so
    notes = " ".join(shipped_packs()["don-vi-hoc-tap-tt22"].pack.notes)
    assert "Điều 1.2" in notes
    assert all(w in notes for w in ("Trường học", "doanh nghiệp", "lực lượng vũ trang", "UBND cấp xã"))
