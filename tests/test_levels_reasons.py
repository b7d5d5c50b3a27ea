"""The one-line reason of a pack with levels (mức độ: TT 24, TT 25) is written by
``_LevelReasons`` (the sentence cut once per outcome around its parts, each part kept per
indicator and value): it must be what ``general_reason``, its definition, writes, on every
shipped pack with levels, in both languages, for records of every outcome of the pack."""
import dataclasses
import random

import pytest

from reference import _any_value, _passing_value, random_values
from scoring import Record, Scorer, shipped_packs
import scoring.results.explain as explain

LEVEL_PACKS = sorted(p for p, loaded in shipped_packs().items()
                     if not isinstance(loaded.pack.outcome, explain.BandsOutcome))


def varied_records(loaded, n: int, seed: str) -> list:
    """Scored records of every kind: plain random ones (mostly the lowest outcome), and ones that
    meet every rule but for a few inputs (0 to 3) set at random or left out, which reach the
    upper levels with one or a few indicators short of the next."""
    pack = loaded.pack
    rng = random.Random(seed)
    scorer = Scorer(loaded)
    records = []
    for i in range(n):
        if i % 3 == 0:
            values = random_values(pack, rng)
        else:
            values = {inp.name: _passing_value(pack, inp, rng) for inp in pack.inputs}
            for inp in rng.sample(pack.inputs, rng.randint(0, 3)):
                if not inp.required and rng.random() < 0.3:
                    values.pop(inp.name)   # missing: its indicators say so
                else:
                    values[inp.name] = _any_value(pack, inp, rng)
        records.append(scorer.score(Record(f"R{i}", values)))
    return records


@pytest.mark.parametrize("pack_id", LEVEL_PACKS)
def test_level_reasons_are_the_general_reason(pack_id):
    loaded = shipped_packs()[pack_id]
    records = varied_records(loaded, 600, "levels " + pack_id)
    assert {s.outcome for s in records} == set(loaded.pack.outcome_codes)   # every outcome is met
    assert any(r.status == "missing" for s in records for r in s.indicators)
    for lang in ("vi", "en"):
        plan = explain._LevelReasons(loaded.pack, lang)
        texts = [plan.reason(s) for s in records]
        explain._MEMO.clear()   # the general way works its pieces out afresh
        assert texts == [explain.general_reason(s, loaded.pack, lang) for s in records]
        # the second time, from the pieces the plan keeps
        assert [plan.reason(s) for s in records] == texts
        assert [explain.short_reason(s, loaded.pack, lang) for s in records] == texts
    assert len(set(texts)) > 20


def test_level_results_out_of_the_packs_order_take_the_general_way():
    loaded = shipped_packs()[LEVEL_PACKS[0]]
    s = next(r for r in varied_records(loaded, 60, "order") if r.outcome != loaded.pack.outcome_codes[0])
    shuffled = dataclasses.replace(s, indicators=tuple(reversed(s.indicators)))
    assert explain._LevelReasons(loaded.pack, "vi").reason(shuffled) is None
    assert explain.short_reason(shuffled, loaded.pack, "vi") == explain.general_reason(shuffled, loaded.pack, "vi")


def test_there_are_packs_with_levels():
    assert {"don-vi-hoc-tap-tt24-tinh", "don-vi-hoc-tap-tt24-huyen"} <= set(LEVEL_PACKS)


def _reason(pack_id: str, lang: str, **values) -> str:
    """The reason of a record that meets every rule of the pack but for ``values``."""
    loaded = shipped_packs()[pack_id]
    rng = random.Random(pack_id)
    passing = {inp.name: _passing_value(loaded.pack, inp, rng) for inp in loaded.pack.inputs}
    scored = Scorer(loaded).score(Record("R", {**passing, **values}))
    return explain.short_reason(scored, loaded.pack, lang)


@pytest.mark.parametrize("lang, named", [
    ("en", "because Criterion 2 – Indicator 3 (coordination mechanism) is no, it needs yes"),
    ("vi", "vì Tiêu chí 2 – Chỉ tiêu 3 (cơ chế phối hợp) là không, cần có")])
def test_a_reason_names_an_article_with_its_capitals_and_what_it_measures(lang, named):
    """It said 'because criterion 2 – Indicator 3 is no': a name half lower-cased, and in English no
    word of what the indicator is about."""
    assert named in _reason("cong-dong-hoc-tap-xa", lang, tc2_ct3=False)


@pytest.mark.parametrize("pack_id", ["don-vi-hoc-tap-tt24-tinh", "don-vi-hoc-tap-tt24-huyen"])
@pytest.mark.parametrize("lang, said", [
    ("en", "share of members whose foreign-language or ethnic-minority-language proficiency meets the job's "
           "needs (level 2) is 60%, it needs at least 70%"),
    ("vi", "tỷ lệ thành viên có trình độ ngoại ngữ hoặc tiếng dân tộc thiểu số đáp ứng yêu cầu công việc "
           "(mức độ 2) là 60%, cần ít nhất 70%")])
def test_a_reason_says_the_level_of_a_share_in_brackets_not_after_its_unit(pack_id, lang, said):
    """It said '… meets the job's needs (%) — level 2 is 60%': the column header's unit and dash mid-sentence."""
    reason = _reason(pack_id, lang, ty_le_trinh_do_ngoai_ngu=60)
    assert said in reason and "(%)" not in reason and "—" not in reason
