"""An explanation as a dict (what the run store hashes and keeps) is ``dataclasses.asdict``'s, on
every shipped pack, though ``tree._plain`` looks each class's fields up once (issue 14)."""
import dataclasses
import random

import pytest

from reference import random_values
from scoring import Record, Scorer, shipped_packs
from scoring.packs.model import PointsRule
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


def test_explain_says_why_an_indicator_does_not_apply_and_the_packs_reading_note(runner, cli, tmp_path):
    """A TT 24 enterprise: the detail names, under each indicator that does not apply, the unit types it
    leaves out (the shorter list) and the record's own type, and the pack's note on its reading; the
    text for people says in one line which indicators do not apply and why; JSON, the tree a stored run
    is checked against, is unchanged."""
    import json
    head = ("id,loai_don_vi,tc1_ct1,tc1_ct2,tc1_ct3,tc1_ct4,tc1_ct5,ty_le_chap_hanh_ky_luat,ty_le_hoan_thanh_boi_duong,"
            "ty_le_chuyen_doi_so,ty_le_chung_chi_ngoai_ngu,ty_le_trinh_do_ngoai_ngu,ty_le_lao_dong_tien_tien,"
            "ty_le_thanh_vien_cdht,tc3_ct2,danh_hieu_thi_dua\n")
    path = tmp_path / "dn.csv"
    path.write_text(head + "DN1,doanh_nghiep,có,có,,có,có,100,100,100,,,100,100,có,khong_co\n", encoding="utf-8")
    pack = "don-vi-hoc-tap-tt24-tinh"
    detail = runner.invoke(cli, ["explain", "-c", pack, str(path), "-f", "detail"]).stdout
    block = detail[detail.index("  tc2_ct4_md1 "):detail.index("  tc2_ct4_md2 ")]
    assert "giá trị —;" in block and "thiếu dữ liệu" not in block   # nothing was asked of it: no gap to fill
    enterprise = "Doanh nghiệp, hợp tác xã, tổ chức kinh tế khác thuộc cấp tỉnh"
    assert f"↳ không áp dụng khi Loại đơn vị là một trong: {enterprise}; hồ sơ ghi {enterprise}" in block
    assert "↳ ghi chú của bộ tiêu chí: Không áp dụng với Thành viên của đơn vị là tổ chức kinh tế" in block
    text = runner.invoke(cli, ["explain", "-c", pack, str(path)]).stdout
    assert f"Không áp dụng vì Loại đơn vị là “{enterprise}” (10 chỉ tiêu): " in text
    as_json = runner.invoke(cli, ["explain", "-c", pack, str(path), "-f", "json"]).stdout
    assert "↳" not in as_json and "ghi chú của bộ tiêu chí" not in as_json and json.loads(as_json)[0]["record"] == "DN1"


def _examples():
    from conftest import EXAMPLES
    for pack_id in sorted(shipped_packs()):
        found = [p for p in EXAMPLES.glob(f"{pack_id}.*") if p.suffix in (".csv", ".json", ".jsonl")]
        if found:
            yield pack_id, found[0]


@pytest.mark.parametrize("pack_id,path", list(_examples()))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_what_would_change_it_names_each_indicator_plainly_and_distinctly(runner, cli, pack_id, path, lang):
    """Each 'to reach' line says which indicator (its number and what it measures, not the requirement
    written as a sentence: 'Ít nhất 90% số huyện … là 25%'), its value and what it needs; the
    not-applicable line names each indicator so that no two read alike (md1 and md2 of one indicator)."""
    from scoring.results.explain import has_points, indicator_titles
    pack = shipped_packs()[pack_id].pack
    requirements = {i.label.get(lang) for i in pack.indicators if not numbered_id(i.id)} - set(indicator_titles(pack, lang).values())
    text = runner.invoke(cli, ["--lang", lang, "explain", "-c", pack_id, str(path)]).stdout
    needs = ", cần " if lang == "vi" else ", it needs "
    bullets = [line[4:] for line in text.splitlines() if line.startswith("  - ") and needs in line]
    assert bullets or has_points(pack)   # every circular's example (levels) has a unit short of a level
    for line in bullets:
        name = line.split(needs)[0].rsplit(": ", 1)[0]
        assert name not in requirements and not any(name.startswith(r) for r in requirements), line
    listed = [line.split("): ", 1)[1].split("; ") for line in text.splitlines()
              if line.startswith(("Không áp dụng vì", "Not applicable because"))]
    for names in listed:
        assert len(set(names)) == len(names), names


def numbered_id(indicator_id: str) -> bool:
    from scoring.results.explain import numbered
    return numbered(indicator_id)


@pytest.mark.parametrize("pack_id,path", list(_examples()))
def test_the_text_for_people_is_plain_vietnamese_on_every_shipped_example(runner, cli, pack_id, path):
    """`hoctap explain` on each pack's shipped example: no machine code, no rule name, no compact
    condition, no raw float; and each 'what would change it' line gives the value in the unit of
    what is needed ('0 điểm %, cần trên 0 điểm %', not '0%, cần trên 0 điểm%')."""
    import re
    result = runner.invoke(cli, ["explain", "-c", pack_id, str(path)])
    assert result.exit_code in (0, 1), result.output
    text = result.stdout.replace("hoctap explain -f detail", "")
    assert not re.search(r"\b[a-z]+\d*_[a-z0-9_]+\b", text), re.search(r".*\b[a-z]+\d*_[a-z0-9_]+\b.*", text)[0]
    for bad in ("__", "= có", "= không", "≥"):   # rule names ([2.2__met]) and compact conditions
        assert bad not in text, bad
    assert not re.search(r"\d\.\d{3,}", text)
    bullets = [line for line in text.splitlines() if line.startswith("  - ") and ", cần " in line]
    assert all(": " in line for line in bullets), bullets   # 'which indicator: its value, what it needs'
    for line in bullets:
        value, need = line.rsplit(", cần ", 1)[0].rsplit(": ", 1)[1], line.rsplit(", cần ", 1)[1]
        need = re.sub(r" \(Điều .*\)$", "", need)   # the indicator's article, when its text cites one
        need = need.removeprefix("từ ").removeprefix("trên ").removesuffix(" trở lên")
        if re.match(r"[\d.,]+", value) and re.match(r"[\d.,]+", need):
            assert re.sub(r"^[\d.,]+", "", value) == re.sub(r"^[\d.,]+", "", need), line


def _english_outputs(loaded, n: int = 150) -> list[str]:
    """The English a person and an auditor read of ``n`` random records: the one-line reason, the
    plain text and the detail (without the pack's reading notes: prose quoting the law)."""
    from scoring.results.explain import indicator_notes, short_reason
    from scoring.results.render import render_explanation
    rng, scorer, out = random.Random(loaded.pack.id), Scorer(loaded), []
    for i in range(n):
        scored = scorer.score(Record(f"R{i}", random_values(loaded.pack, rng)))
        expl, reason = explain(scored, loaded, "en"), short_reason(scored, loaded.pack, "en")
        notes = indicator_notes(loaded, scored, "en")
        out += [reason, render_explanation(expl, "text", reason, notes=notes), render_explanation(expl, "detail")]
    return out


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_english_explanations_give_every_unit_in_english(pack_id):
    """'it needs at least 4 programmes', never '4 chương trình': every unit in words of a shipped pack
    has an English form, and no number in English output is followed by a unit's Vietnamese word."""
    import re
    pack = shipped_packs()[pack_id].pack
    worded = [i for i in pack.inputs if i.unit and re.search(r"[^\W\d_]", i.unit_in("vi"))]
    assert all(i.unit_in("en") != i.unit_in("vi") for i in worded), [i.name for i in worded]
    cites = {i.reference.cite() for p in shipped_packs().values() for i in p.pack.indicators if i.reference}   # as the law says them
    texts = _english_outputs(shipped_packs()[pack_id])
    for cite in cites:
        texts = [t.replace(cite, "") for t in texts]
    for i in worded:
        vietnamese = re.compile(rf"\d %?{re.escape(i.unit_in('vi'))}(?!\w)")
        bad = next((t for t in texts if vietnamese.search(t)), None)
        assert bad is None, vietnamese.search(bad).group(0)
    if any(not isinstance(i.rule, PointsRule) for i in pack.indicators if pack.input(i.input_name) in worded):
        english = "|".join(re.escape(i.unit_in("en")) for i in worded)
        assert any(re.search(rf"\d ({english})\b", t) for t in texts)   # the units are said, in English


def test_a_unit_written_as_a_plain_word_still_works(runner, cli, tmp_path):
    """A pack written before units had two languages (`unit: chương trình`) loads, scores and explains
    as before: the same word in both languages."""
    from scoring import load_pack
    pack = tmp_path / "p.yaml"
    pack.write_text(PLAIN_UNIT_PACK, encoding="utf-8")
    assert load_pack(pack).pack.inputs[0].unit == "chương trình"
    data = tmp_path / "r.csv"
    data.write_text("id,so_chuong_trinh\nT1,3\n", encoding="utf-8")
    vi = runner.invoke(cli, ["explain", "-c", str(pack), str(data)])
    en = runner.invoke(cli, ["--lang", "en", "explain", "-c", str(pack), str(data)])
    assert vi.exit_code == en.exit_code == 0, vi.output + en.output
    assert "là 3 chương trình, cần ít nhất 4 chương trình" in vi.stdout
    assert "is 3 chương trình, it needs at least 4 chương trình" in en.stdout


PLAIN_UNIT_PACK = """\
format: hoctap/criteria@1
id: thu-nghiem-don-vi
version: "1"
title: {vi: Thử nghiệm, en: Test}
valid_from: 2024-01-26
reference: {document: Thông tư 25/2023/TT-BGDĐT}
status: official
inputs:
  - {name: so_chuong_trinh, type: number, min: 0, unit: chương trình, label: {vi: Số chương trình, en: Number of programmes}}
criteria:
  - id: tc1
    label: {vi: Tiêu chí 1, en: Criterion 1}
    indicators:
      - id: so_chuong_trinh
        label: {vi: Ít nhất 4 chương trình, en: At least 4 programmes}
        rule: {kind: at_least, value: 4}
        levels: [muc_do_1]
outcome:
  kind: levels
  levels:
    - {code: muc_do_1, label: {vi: Mức độ 1, en: Level 1}}
  otherwise: {code: chua_dat, label: {vi: Chưa đạt, en: Not met}}
"""


def test_a_labels_own_short_bracket_stays_and_only_its_unit_goes(runner, cli, tmp_path):
    """A reason names an input by its label without the unit at its end: '(%)' or the input's own
    unit ('(chương trình)', '(programmes)') goes, but a bracket that says what is measured stays
    ('(tuyên truyền)', '(nữ)'), though short enough to have passed for a unit before."""
    pack = tmp_path / "p.yaml"
    pack.write_text(BRACKETS_PACK, encoding="utf-8")
    data = tmp_path / "r.csv"
    data.write_text("id,tuyen_truyen,so_chuong_trinh,ty_le,ty_le_nu\nT1,không,3,55,40\n", encoding="utf-8")
    vi = runner.invoke(cli, ["explain", "-c", str(pack), str(data)])
    en = runner.invoke(cli, ["--lang", "en", "explain", "-c", str(pack), str(data)])
    assert vi.exit_code == en.exit_code == 0, vi.output + en.output
    assert ("Lý do: Chưa đạt vì chỉ tiêu 1 (tuyên truyền) là không, cần có; số chương trình là 3 chương trình, "
            "cần ít nhất 4 chương trình; tỷ lệ người học (mức độ 1) là 55%, cần ít nhất 60%; "
            "tỷ lệ học viên (nữ) — mức độ 1 là 40%, cần ít nhất 50%.") in vi.stdout
    assert ("Why: Not met because indicator 1 (outreach) is no, it needs yes; programmes run is 3 programmes, "
            "it needs at least 4 programmes; share of learners (level 1) is 55%, it needs at least 60%; "
            "share of learners (women) — level 1 is 40%, it needs at least 50%.") in en.stdout


def test_the_shipped_community_packs_name_awareness_raising_in_their_reasons():
    """TT 25's 'Tiêu chí 1 – Chỉ tiêu 1 (tuyên truyền)' (an input with no unit) keeps its bracket."""
    from scoring.results.explain import WORDS, _plain_name
    for pack_id in ("cong-dong-hoc-tap-xa", "cong-dong-hoc-tap-huyen", "cong-dong-hoc-tap-tinh"):
        pack = shipped_packs()[pack_id].pack
        [tc1] = [i for i in pack.indicators if i.id == "tc1_ct1"]
        assert _plain_name(pack, tc1, WORDS["vi"], "vi") == "Tiêu chí 1 – Chỉ tiêu 1 (tuyên truyền)"
        assert _plain_name(pack, tc1, WORDS["en"], "en") == "Criterion 1 – Indicator 1 (awareness-raising)"


BRACKETS_PACK = """\
format: hoctap/criteria@1
id: thu-nghiem-ngoac
version: "1"
title: {vi: Thử nghiệm, en: Test}
valid_from: 2024-01-26
reference: {document: Thông tư 25/2023/TT-BGDĐT}
status: official
inputs:
  - {name: tuyen_truyen, type: boolean, label: {vi: Chỉ tiêu 1 (tuyên truyền), en: Indicator 1 (outreach)}}
  - {name: so_chuong_trinh, type: number, min: 0, unit: {vi: chương trình, en: programmes},
     label: {vi: Số chương trình (chương trình), en: Programmes run (programmes)}}
  - {name: ty_le, type: number, min: 0, max: 100, unit: "%", label: {vi: "Tỷ lệ người học (%) — mức độ 1", en: "Share of learners (%) — level 1"}}
  - {name: ty_le_nu, type: number, min: 0, max: 100, unit: "%",
     label: {vi: "Tỷ lệ học viên (nữ) — mức độ 1", en: "Share of learners (women) — level 1"}}
criteria:
  - id: tc1
    label: {vi: Tiêu chí 1, en: Criterion 1}
    indicators:
      - {id: tuyen_truyen, label: {vi: Có tuyên truyền, en: Outreach done}, rule: {kind: yes_no}, levels: [muc_do_1]}
      - {id: so_chuong_trinh, label: {vi: Ít nhất 4 chương trình, en: At least 4 programmes}, rule: {kind: at_least, value: 4}, levels: [muc_do_1]}
      - {id: ty_le, label: {vi: Ít nhất 60%, en: At least 60%}, rule: {kind: at_least, value: 60}, levels: [muc_do_1]}
      - {id: ty_le_nu, label: {vi: Ít nhất 50%, en: At least 50%}, rule: {kind: at_least, value: 50}, levels: [muc_do_1]}
outcome:
  kind: levels
  levels:
    - {code: muc_do_1, label: {vi: Mức độ 1, en: Level 1}}
  otherwise: {code: chua_dat, label: {vi: Chưa đạt, en: Not met}}
"""


@pytest.mark.parametrize("lang,value", [("vi", "giá trị 72,6%; ≥ 60%"), ("en", "value 72.6%; ≥ 60%")])
def test_the_detail_gives_a_value_in_the_unit_of_its_condition(runner, cli, lang, value):
    """An auditor read 'giá trị 72,6; ≥ 60 %': a bare number beside a share, and '60 %' where every other
    view writes '60%'. The tree (hashed into stored runs) keeps its condition as it was."""
    args = ["--lang", lang, "explain", "-c", "cong-dong-hoc-tap-xa", "examples/cong-dong-hoc-tap-xa.csv", "-r", "XA-02"]
    detail = runner.invoke(cli, [*args, "-f", "detail"]).stdout
    assert value in detail and " %" not in detail.replace(" % ", "")
    assert ("72,6%, cần ≥ 80%" if lang == "vi" else "72.6%, needs ≥ 80%") in detail
    import json
    tree = json.loads(runner.invoke(cli, [*args, "-f", "json"]).stdout)
    node = next(i for c in tree["criteria"] for i in c["indicators"] if i["id"] == "tc5_ct1_md1")
    assert node["condition"] == "≥ 60 %"


@pytest.mark.parametrize("pack_id,path", list(_examples()))
def test_every_plain_explanation_cites_its_legal_basis(runner, cli, pack_id, path):
    """A record 'Chưa đạt' (an outcome with no article of its own) cited nothing; it now cites the pack's text."""
    for lang, word in (("vi", "Căn cứ: "), ("en", "Legal basis: ")):
        text = runner.invoke(cli, ["--lang", lang, "explain", "-c", pack_id, str(path)]).stdout
        blocks = [b for b in text.split("\n\n") if " — " in b.splitlines()[0]]
        assert blocks and all(word in b for b in blocks), next(b for b in blocks if word not in b)


@pytest.mark.parametrize("pack_id, record, line", [
    ("don-vi-hoc-tap-tt24-huyen", "DV-004", "  - Tiêu chí 1 – Chỉ tiêu 3 — kinh phí ngân sách nhà nước cho đào tạo, bồi dưỡng: "
                                            "không, cần có (Điều 6, khoản 1, điểm c; Điều 7, khoản 1)"),
    ("cong-dan-hoc-tap", "CD-2024-005", "  - Chỉ số 2.2 (Sử dụng ngoại ngữ theo yêu cầu công việc): được 4 điểm, cần từ 5 "
                                        "điểm trở lên")])
def test_what_is_lacking_names_its_article_when_the_text_cites_articles(runner, cli, pack_id, record, line):
    """A council reading 'Để đạt Mức độ 1' saw what a unit lacked but not the article that asks it (only -f detail
    said it). A circular's indicator now says its article, the document being the 'Căn cứ' line's; a criteria set
    without article numbers (QĐ 324) adds nothing to a line that names its indicator already."""
    from conftest import EXAMPLES
    path = {"don-vi-hoc-tap-tt24-huyen": "don-vi-hoc-tap-tt24-huyen.csv", "cong-dan-hoc-tap": "cong-dan-hoc-tap.csv"}[pack_id]
    result = runner.invoke(cli, ["explain", "-c", pack_id, str(EXAMPLES / path), "-r", record])
    assert line in result.stdout.splitlines(), result.stdout
