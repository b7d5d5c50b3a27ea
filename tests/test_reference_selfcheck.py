"""Self-checks of the reference evaluator and record generator in tests/reference.py."""
from __future__ import annotations

import random

import pytest

from reference import random_values, reference_score
from scoring.packs.pack import load_pack_text

POINT_IDS = [f"d{i}" for i in range(1, 11)]

BANDS_YAML = """
format: hoctap/criteria@1
id: test-bands
version: "1"
title: {vi: Gói thử theo điểm}
valid_from: 2024-01-01
reference: {document: Thông tư thử}
status: provisional
inputs:
""" + "".join(f"""  - {{name: {i}, type: number, min: 0, max: 10}}
""" for i in POINT_IDS) + """  - {name: co_bao_cao, type: boolean, required: false}
  - {name: ty_le, type: number, min: 0, max: 100, required: false}
criteria:
  - id: c1
    label: {vi: Tiêu chí 1}
    indicators:
""" + "".join(f"""      - id: {i}
        label: {{vi: Chỉ số {i}}}
        rule: {{kind: points, max: 10, pass_at: 5}}
""" for i in POINT_IDS) + """  - id: c2
    label: {vi: Tiêu chí 2}
    indicators:
      - id: bao_cao
        label: {vi: Có báo cáo}
        rule: {kind: yes_no, input: co_bao_cao}
      - id: ty_le_cao
        label: {vi: Tỷ lệ trên 50%}
        rule: {kind: at_least, input: ty_le, value: 50, strict: true, points: 0}
outcome:
  kind: bands
  bands:
    - {code: xuat_sac, label: {vi: Xuất sắc}, min_total: 90, all_met: true}
    - {code: dat, label: {vi: Đạt}, min_total: 80, all_met: true}
    - {code: kha, label: {vi: Khá}, min_total: 50}
    - {code: khong_dat, label: {vi: Không đạt}}
"""

LEVELS_YAML = """
format: hoctap/criteria@1
id: test-levels
version: "1"
title: {vi: Gói thử theo mức}
valid_from: 2024-01-01
reference: {document: Quyết định thử}
status: official
inputs:
  - name: loai_hinh
    type: choice
    choices:
      - {code: xa, label: {vi: Xã}}
      - {code: phuong, label: {vi: Phường}}
  - name: danh_hieu
    type: choice
    ordered: true
    choices:
      - {code: khong, label: {vi: Không}}
      - {code: tien_tien, label: {vi: Tiên tiến}}
      - {code: xuat_sac, label: {vi: Xuất sắc}}
  - {name: ty_le, type: number, min: 0, max: 100}
  - {name: co_ke_hoach, type: boolean, required: false}
criteria:
  - id: c1
    label: {vi: Tiêu chí 1}
    indicators:
      - id: ty_le_co_ban
        label: {vi: Tỷ lệ từ 50%}
        rule: {kind: at_least, input: ty_le, value: 50}
        levels: [muc_3, muc_2, muc_1]
      - id: ty_le_xa
        label: {vi: Tỷ lệ ở xã trên 70%}
        rule: {kind: at_least, input: ty_le, value: 70, strict: true}
        applies_to: {input: loai_hinh, values: [xa]}
        levels: [muc_3]
      - id: danh_hieu_tt
        label: {vi: Danh hiệu từ Tiên tiến}
        rule: {kind: title_at_least, input: danh_hieu, title: tien_tien}
        levels: [muc_3, muc_2]
      - id: ke_hoach
        label: {vi: Có kế hoạch}
        rule: {kind: yes_no, input: co_ke_hoach}
        levels: [muc_3, muc_2, muc_1]
outcome:
  kind: levels
  levels:
    - {code: muc_3, label: {vi: Mức 3}}
    - {code: muc_2, label: {vi: Mức 2}}
    - {code: muc_1, label: {vi: Mức 1}}
  otherwise: {code: chua_dat, label: {vi: Chưa đạt}}
"""


@pytest.fixture(scope="module")
def bands_pack():
    return load_pack_text(BANDS_YAML).pack


@pytest.fixture(scope="module")
def levels_pack():
    return load_pack_text(LEVELS_YAML).pack


def bands_record(points, **extra):
    return {**dict(zip(POINT_IDS, points)), "co_bao_cao": True, "ty_le": 60.0, **extra}


# --- bands --------------------------------------------------------------------------------

def test_bands_80_with_one_indicator_below_pass_is_not_recognised(bands_pack):
    res = reference_score(bands_pack, bands_record([8.5] * 8 + [8.0, 4.0]))
    assert res["total"] == 80.0
    assert res["indicators"]["d10"] == {"status": "not_met", "points": 4.0}
    assert res["outcome"] == "kha"


def test_bands_80_with_all_indicators_at_least_5_is_recognised(bands_pack):
    res = reference_score(bands_pack, bands_record([8.0] * 10))
    assert res["total"] == 80.0
    assert all(res["indicators"][i]["status"] == "met" for i in POINT_IDS)
    assert res["outcome"] == "dat"


def test_bands_79_5_is_not_recognised(bands_pack):
    res = reference_score(bands_pack, bands_record([8.0] * 9 + [7.5]))
    assert res["total"] == 79.5
    assert res["outcome"] == "kha"


def test_bands_top_band_and_fallback(bands_pack):
    assert reference_score(bands_pack, bands_record([9.0] * 10))["outcome"] == "xuat_sac"
    assert reference_score(bands_pack, bands_record([4.5] * 10))["outcome"] == "khong_dat"


def test_bands_missing_and_unpointed_indicators(bands_pack):
    res = reference_score(bands_pack, bands_record([8.0] * 10, co_bao_cao=None, ty_le=None))
    assert res["indicators"]["bao_cao"] == {"status": "missing", "points": None}
    assert res["indicators"]["ty_le_cao"] == {"status": "missing", "points": 0.0}
    assert res["outcome"] == "kha"                       # a missing indicator is not met
    record = bands_record([8.0] * 10)
    del record["d1"]                                     # absent counts as missing too
    res = reference_score(bands_pack, record)
    assert res["indicators"]["d1"] == {"status": "missing", "points": 0.0}
    assert res["total"] == 72.0


def test_bands_strict_at_least(bands_pack):
    assert reference_score(bands_pack, bands_record([8.0] * 10, ty_le=50.0))["indicators"]["ty_le_cao"] == {
        "status": "not_met", "points": 0.0}
    assert reference_score(bands_pack, bands_record([8.0] * 10, ty_le=50.5))["indicators"]["ty_le_cao"] == {
        "status": "met", "points": 0.0}


# --- levels -------------------------------------------------------------------------------

def levels_record(**changes):
    return {"loai_hinh": "phuong", "danh_hieu": "tien_tien", "ty_le": 60.0, "co_ke_hoach": True, **changes}


def test_levels_not_applicable_does_not_block(levels_pack):
    res = reference_score(levels_pack, levels_record())
    assert res["indicators"]["ty_le_xa"] == {"status": "not_applicable", "points": None}
    assert res["outcome"] == "muc_3"
    assert res["total"] is None


def test_levels_applicable_and_not_met_blocks(levels_pack):
    res = reference_score(levels_pack, levels_record(loai_hinh="xa", ty_le=70.0))
    assert res["indicators"]["ty_le_xa"]["status"] == "not_met"      # strict: 70 is not > 70
    assert res["outcome"] == "muc_2"
    assert reference_score(levels_pack, levels_record(loai_hinh="xa", ty_le=70.5))["outcome"] == "muc_3"


def test_levels_missing_value_blocks(levels_pack):
    res = reference_score(levels_pack, levels_record(co_ke_hoach=None))
    assert res["indicators"]["ke_hoach"] == {"status": "missing", "points": None}
    assert res["outcome"] == "chua_dat"
    record = levels_record()
    del record["co_ke_hoach"]
    assert reference_score(levels_pack, record)["outcome"] == "chua_dat"


def test_levels_title_one_rank_too_low(levels_pack):
    res = reference_score(levels_pack, levels_record(danh_hieu="khong"))
    assert res["indicators"]["danh_hieu_tt"]["status"] == "not_met"
    assert res["outcome"] == "muc_1"
    assert reference_score(levels_pack, levels_record(danh_hieu="xuat_sac"))["outcome"] == "muc_3"


def test_levels_applies_to_input_missing_is_not_applicable(levels_pack):
    res = reference_score(levels_pack, levels_record(loai_hinh=None))
    assert res["indicators"]["ty_le_xa"]["status"] == "not_applicable"


# --- random_values --------------------------------------------------------------------------

def check_in_range(pack, values):
    assert set(values) <= {i.name for i in pack.inputs}
    for inp in pack.inputs:
        v = values.get(inp.name)
        if v is None:
            assert not inp.required, f"required input {inp.name} is missing"
        elif inp.type == "number":
            assert isinstance(v, (int, float)) and not isinstance(v, bool)
            assert inp.min is None or v >= inp.min, (inp.name, v)
            assert inp.max is None or v <= inp.max, (inp.name, v)
        elif inp.type == "boolean":
            assert isinstance(v, bool)
        else:
            assert v in [c.code for c in inp.choices]


@pytest.mark.parametrize("which", ["bands_pack", "levels_pack"])
def test_random_values_stay_valid_and_cover_outcomes(which, request):
    pack = request.getfixturevalue(which)
    rng = random.Random(1234)
    outcomes, totals = set(), []
    for _ in range(2000):
        values = random_values(pack, rng)
        check_in_range(pack, values)
        res = reference_score(pack, values)
        outcomes.add(res["outcome"])
        totals.append(res["total"])
    assert outcomes == set(pack.outcome_codes)
    if which == "bands_pack":
        # records land exactly on band boundaries, and just below them
        for edge in (90.0, 80.0, 50.0):
            assert totals.count(edge) >= 10, edge
            assert totals.count(edge - 0.5) >= 3, edge
