"""Local variants: 'extends' merges a child over its parent by a small rule, the merged pack is
validated like any other, and explanations name the local and the national reference."""
import hashlib

import pytest

from conftest import ROOT
from scoring import CriteriaErrors, load_pack, score_records, shipped_packs
from scoring.packs.model import to_data
from scoring.results.render import render_explanation

BASE = (ROOT / "tests" / "valid_base_pack.yaml").read_text(encoding="utf-8")


def child(tmp_path, body: str, name="child.yaml"):
    (tmp_path / "thu-nghiem.yaml").write_text(BASE, encoding="utf-8")
    path = tmp_path / name
    path.write_text("format: hoctap/criteria@1\nextends: thu-nghiem\nid: thu-nghiem-con\nversion: \"1\"\n" + body,
                    encoding="utf-8")
    return load_pack(path)


def test_a_child_with_no_changes_is_its_parent_under_its_own_id(tmp_path):
    loaded = child(tmp_path, "")
    parent = load_pack(tmp_path / "thu-nghiem.yaml")
    def data(pack):
        return {k: v for k, v in to_data(pack).items() if k not in ("id", "extends")}
    assert data(loaded.pack) == data(parent.pack)
    assert (loaded.pack.id, loaded.pack.extends, loaded.base.pack.id) == ("thu-nghiem-con", "thu-nghiem", "thu-nghiem")
    assert loaded.overridden == frozenset()
    # the hash covers the parent too: a changed national pack changes the local pack's identity
    assert loaded.sha256 != hashlib.sha256(loaded.text.encode()).hexdigest()


def test_items_merge_by_key_and_a_rule_of_the_same_kind_keeps_what_it_does_not_say(tmp_path):
    loaded = child(tmp_path, """\
criteria:
  - id: "1"
    indicators:
      - id: "1.2"
        rule: {pass_at: 6}
      - id: "1.3"
        label: {vi: Chỉ số mới của địa phương}
        rule: {kind: points, max: 10, pass_at: 5}
inputs:
  - {name: "1.3", type: number, min: 0, max: 10}
""")
    ind = {i.id: i for i in loaded.pack.indicators}
    assert list(ind) == ["1.1", "1.2", "dh", "1.3"]                    # changed in place, new one added at the end
    assert (ind["1.2"].rule.kind, ind["1.2"].rule.max, ind["1.2"].rule.pass_at) == ("points", 10, 6)
    assert ind["1.2"].label.vi == "Kế hoạch học tập"                    # kept from the parent
    assert [i.name for i in loaded.pack.inputs] == ["1.1", "1.2", "danh_hieu", "1.3"]
    assert loaded.overridden == {"1.2"}                                  # 1.3 is new, not an override


def test_labels_references_and_a_new_rule_kind_are_replaced_whole(tmp_path):
    (tmp_path / "parent.yaml").write_text(BASE.replace(
        "        label: {vi: Kế hoạch học tập}\n",
        "        label: {vi: Kế hoạch học tập, en: Study plan}\n        reference: {document: Quyết định 324/QĐ-KHVN, article: Chỉ số 1.2}\n"),
        encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text("""\
extends: parent.yaml
id: thu-nghiem-con
version: "1"
inputs:
  - {name: "1.2", max: 100, unit: "%"}
criteria:
  - id: "1"
    indicators:
      - id: "1.2"
        label: {vi: Kế hoạch học tập (tỷ lệ)}
        reference: {document: Hướng dẫn 01/HD-UBND}
        rule:
          kind: graded
          table: [{at_least: 100, points: 10}, {at_least: 80, points: 5}]
""", encoding="utf-8")
    ind = {i.id: i for i in load_pack(path).pack.indicators}["1.2"]
    assert ind.label.en is None                           # not the parent's English for another wording
    assert ind.reference.article is None                  # not the parent's article under a local document
    assert ind.rule.kind == "graded" and not hasattr(ind.rule, "pass_at")


def test_an_error_in_the_merged_pack_names_the_line_of_the_file_it_comes_from(tmp_path):
    with pytest.raises(CriteriaErrors) as err:
        child(tmp_path, "outcome:\n  bands:\n    - {code: dat, min_total: 16 điểm}\n")
    assert str(err.value) == (f"{tmp_path / 'child.yaml'}:7: outcome.bands[0].min_total: phải là một số, "
                              "không phải '16 điểm': chỉ viết chữ số (ví dụ 80, không viết '80 điểm')")


def test_a_child_may_not_reuse_its_parents_id(tmp_path):
    (tmp_path / "thu-nghiem.yaml").write_text(BASE, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("extends: thu-nghiem\nid: thu-nghiem\nversion: \"2\"\n", encoding="utf-8")
    with pytest.raises(Exception, match="c.yaml:2: id: bộ tiêu chí mở rộng 'thu-nghiem' cần một mã \\(id\\) khác"):
        load_pack(path)


def test_the_shipped_local_example():
    local = shipped_packs()["don-vi-hoc-tap-tt22-dia-phuong-vi-du"]
    pack = local.pack
    assert pack.status == "provisional" and pack.title.vi.startswith("[Ví dụ hướng dẫn địa phương]")
    assert pack.notes[0].startswith("VÍ DỤ VỀ HƯỚNG DẪN CỦA ĐỊA PHƯƠNG, KHÔNG PHẢI QUY ĐỊNH CHÍNH THỨC.") and "(EN) EXAMPLE OF LOCAL GUIDANCE, NOT AN OFFICIAL RULE" in pack.notes[0]
    assert local.base.pack.id == "don-vi-hoc-tap-tt22" and local.overridden == {"2a", "2b", "2c", "2d", "3a"}
    kinds = {i.id: i.rule.kind for i in pack.indicators}
    assert kinds == {"1a": "points", "1b": "points", "1c": "points", "2a": "graded", "2b": "graded",
                     "2c": "graded", "2d": "graded", "3a": "graded", "3b": "points", "3c": "points"}
    assert (pack.max_total, pack.outcome_codes) == (100, ["tot", "kha", "trung_binh", "chua_dat"])


def test_the_explanation_names_the_local_and_the_national_rule():
    local = shipped_packs()["don-vi-hoc-tap-tt22-dia-phuong-vi-du"]
    [result] = score_records(local, [{"id": "DV-X", "1a": 10, "1b": 10, "1c": 10, "2a": 95, "2b": 100, "2c": 80,
                                      "2d": 49.9, "3a": 70, "3b": 10, "3c": 5}])
    # 30 + (2a 95% → 8, 2b 100% → 5, 2c 80% → 6, 2d 49.9% → 0) + (3a 70% → 10, 10, 5) = 30 + 19 + 25 = 74
    assert (result.scored.outcome, result.scored.total) == ("kha", 74)
    nodes = {n.id: n for c in result.explanation.criteria for n in c.indicators}
    assert nodes["2a"].rule == "2a__not_met__row2" and nodes["2a"].points == 8
    assert nodes["2d"].rule == "2d__not_met__below" and nodes["2d"].points == 0
    assert nodes["2a"].reference == "Ví dụ hướng dẫn địa phương (không phải văn bản thật), Bảng quy đổi, chỉ số 2a"
    assert nodes["2a"].base_reference == "Thông tư 22/2020/TT-BGDĐT, Điều 5, khoản 2, điểm a (tối đa 10 điểm)"
    assert nodes["1a"].base_reference is None                      # not overridden: its reference is the national one
    assert result.explanation.base_pack["id"] == "don-vi-hoc-tap-tt22"
    text = render_explanation(result.explanation, "detail")
    assert "Dựa trên: don-vi-hoc-tap-tt22 1.4" in text
    assert ("chỉ số 2a (văn bản gốc: Thông tư 22/2020/TT-BGDĐT, Điều 5, khoản 2, điểm a (tối đa 10 điểm))" in text)
    assert "≥ 100% → 10; ≥ 90% → 8; ≥ 80% → 6; ≥ 70% → 4; ≥ 50% → 2; < 50% → 0  [2a__not_met__row2]" in text


def test_an_overridden_band_names_the_local_and_the_national_reference(tmp_path):
    path = tmp_path / "tt22-tinh-x.yaml"
    path.write_text("""\
extends: don-vi-hoc-tap-tt22
id: tt22-tinh-x
version: "1"
outcome:
  bands:
    - {code: tot, min_total: 90, reference: {document: Hướng dẫn 01/HD-UBND, article: Mục 3}}
""", encoding="utf-8")
    loaded = load_pack(path)
    assert loaded.overridden_outcomes == {"tot"} and loaded.pack.outcome.bands[0].min_total == 90
    scores = {"1a": 10, "1b": 10, "1c": 10, "2a": 10, "2b": 5, "2c": 10, "2d": 5, "3a": 25, "3b": 5, "3c": 0}   # 90
    [top, below] = score_records(loaded, [{"id": "A", **scores}, {"id": "B", **scores, "3b": 0}])           # 90, 85
    assert (top.scored.outcome, below.scored.outcome) == ("tot", "kha")
    assert top.explanation.rule_reference == "Hướng dẫn 01/HD-UBND, Mục 3"
    assert top.explanation.rule_base_reference == "Thông tư 22/2020/TT-BGDĐT, Điều 6, khoản 3 (xếp loại)"
    assert below.explanation.rule_base_reference is None          # 'kha' is the national band, not overridden


def test_schema_command(runner, cli, tmp_path):
    import json
    out = tmp_path / "criteria.schema.json"
    result = runner.invoke(cli, ["schema", "--output", str(out)])
    assert result.exit_code == 0, result.output
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["$id"] == "urn:hoctap:schema:criteria-1" and schema["title"].startswith("hoctap criteria pack")
    defs = schema["$defs"]
    assert defs["Pack"]["additionalProperties"] is False                # a typo'd key is flagged as it is typed
    assert {"format", "id", "version", "outcome"} <= set(defs["Pack"]["required"])
    assert {"max_total", "extends"} <= set(defs["Pack"]["properties"])
    assert defs["GradedRule"]["properties"]["kind"]["const"] == "graded"
    assert defs["PackOverride"]["required"] == ["extends"] and defs["IndicatorOverride"]["required"] == ["id"]
    # every key a shipped pack uses is a property the schema knows
    import yaml
    for path in (ROOT / "criteria").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) <= set(defs["Pack"]["properties"]), path
    cases = runner.invoke(cli, ["schema", "--cases"])
    assert json.loads(cases.stdout)["$id"] == "urn:hoctap:schema:cases-1"
