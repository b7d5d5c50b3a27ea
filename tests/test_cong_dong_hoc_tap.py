"""Thông tư 25/2023 community packs: a district's share of recognised communes (and a province's
share of districts) computed from the member records, scored with the lower tier's own pack, must
give exactly what the council gets by typing the shares in — counted here by hand from the files."""
import csv
import json
import re

import pytest

from conftest import EXAMPLES, without_run
from scoring import score_files, score_records, score_units
from scoring.results.render import result_dict

DISTRICTS = EXAMPLES / "members" / "cong-dong-hoc-tap-huyen.csv"
COMMUNES = EXAMPLES / "members" / "xa.csv"


def comparable(result):
    d = without_run(result_dict(result))
    d.pop("members", None)
    return d


def typed_copy(tmp_path, source, shares):
    """The units file with the shares typed in by hand (id -> {column: value})."""
    with open(source, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row.update(shares[row["id"]])
    out = tmp_path / "typed.csv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return str(out)


def test_district_shares_from_commune_records_equal_the_shares_counted_by_hand(tmp_path):
    # Hand count from examples/members/xa.csv, commune by commune (Art. 6/7 of TT 25):
    # HU-01: XA-01 level 2; XA-02 level 1 (THCS level 2, 72.6 % CDHT); XA-03 level 1 (52.3 % trained);
    #        XA-04 none (library answers 'không'); XA-05 level 2 (disadvantaged: 51.2 ≥ 50, 12.4 ≥ 12, 80.5 ≥ 80)
    #        -> level 1 or higher 4/5 = 80 %, level 2 2/5 = 40 %  -> the district reaches no level (needs 90 %)
    # HU-02: all five communes level 2 (XA-13 disadvantaged exactly at 80 / 50 / 12) -> 100 % and 100 %
    by_hand = {"HU-01": {"ty_le_xa_md1": "80", "ty_le_xa_md2": "40"},
               "HU-02": {"ty_le_xa_md1": "100", "ty_le_xa_md2": "100"}}
    composite = list(score_units("cong-dong-hoc-tap-huyen", [DISTRICTS], [COMMUNES]).results())
    typed = list(score_files("cong-dong-hoc-tap-huyen", [typed_copy(tmp_path, DISTRICTS, by_hand)]).results())
    assert [comparable(r) for r in composite] == [comparable(r) for r in typed]
    assert {r.id: r.scored.outcome for r in composite} == {"HU-01": "chua_dat", "HU-02": "muc_do_2"}
    shares = {(r.id, m.input): (m.numerator, m.denominator) for r in composite for m in r.members}
    assert shares == {("HU-01", "ty_le_xa_md1"): (4, 5), ("HU-01", "ty_le_xa_md2"): (2, 5),
                      ("HU-02", "ty_le_xa_md1"): (5, 5), ("HU-02", "ty_le_xa_md2"): (5, 5)}


DISTRICT_HEAD = ["id", "don_vi", "tc1_ct1", "tc1_ct2", "tc1_ct3", "tc2_ct1", "tc2_ct2", "tc2_ct3", "tc2_ct4", "tc3_ct1",
                 "tc3_ct2", "tc3_ct3", "ty_le_xa_md1", "ty_le_xa_md2", "muc_tang_thu_nhap_binh_quan",
                 "muc_tang_ty_le_lao_dong_co_viec_lam"]
PROVINCE_HEAD = ["id", "tc1_ct1", "tc1_ct2", "tc1_ct3", "tc2_ct1", "tc2_ct2", "tc2_ct3", "tc2_ct4", "tc2_ct5", "tc3_ct1",
                 "tc3_ct2", "tc3_ct3", "so_chuong_trinh_bao_tang", "dai_pt_th_chu_de_hoc_lieu", "so_chuong_trinh_dai_pt_th",
                 "dai_pt_th_tai_nguyen_so", "ty_le_huyen_md1", "ty_le_huyen_md2", "muc_giam_ty_le_ho_ngheo", "muc_tang_grdp"]


def _write(path, head, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(head)
        writer.writerows(rows)
    return str(path)


def test_province_at_exactly_nine_districts_of_ten(tmp_path):
    """9 of 10 districts at level 2 (the 10th's employment rate did not rise) is exactly 90 %: level 2;
    8 of 9 is 88.9 %: no level."""
    yes = ["có"] * 10
    districts = [[f"H{i}", "T1", *yes, "95", "92", "6", "0.2" if i else "0"] for i in range(10)]
    districts += [[f"K{i}", "T2", *yes, "95", "92", "6", "0.2" if i else "0"] for i in range(9)]
    members = _write(tmp_path / "huyen.csv", DISTRICT_HEAD, districts)
    province = ["có"] * 11 + ["5", "có", "6", "có", "", "", "1.2", "7"]
    units = _write(tmp_path / "tinh.csv", PROVINCE_HEAD, [["T1", *province], ["T2", *province]])
    results = list(score_units("cong-dong-hoc-tap-tinh", [units], [members]).results())
    assert {r.id: r.scored.outcome for r in results} == {"T1": "muc_do_2", "T2": "chua_dat"}
    shares = {(r.id, m.input): (m.numerator, m.denominator) for r in results for m in r.members}
    assert shares[("T1", "ty_le_huyen_md2")] == (9, 10)
    assert shares[("T2", "ty_le_huyen_md1")] == (8, 9)


# --- the two-tier reform (no district tier from 01/07/2025): scored, but warned --------------------------

YES = dict.fromkeys(["tc1_ct1", "tc1_ct2", "tc1_ct3", "tc2_ct1", "tc2_ct2", "tc2_ct3", "tc2_ct4", "tc3_ct1", "tc3_ct2",
                     "tc3_ct3"], True)
DISTRICT = {"id": "HU", **YES, "ty_le_xa_md1": 100, "ty_le_xa_md2": 90, "muc_tang_thu_nhap_binh_quan": 5,
            "muc_tang_ty_le_lao_dong_co_viec_lam": 0.2}
COMMUNE = {"id": "XA", "vung_kho_khan": "khong", **dict.fromkeys(["tc1_ct1", "tc1_ct2", "tc1_ct3", "tc2_ct1", "tc2_ct2",
                                                                  "tc2_ct3", "tc3_ct1", "tc3_ct2", "tc3_ct3"], True),
           "pcgd_mam_non_5_tuoi": True, "pcgd_tieu_hoc": "muc_do_3", "pcgd_thcs": "muc_do_3", "xoa_mu_chu": "muc_do_2",
           "ty_le_cong_dan_cdht": 80, "ty_le_dao_tao_cmkt": 60, "ty_le_dai_hoc_tro_len": 15}
PROVINCE = {"id": "TI", **dict.fromkeys(["tc1_ct1", "tc1_ct2", "tc1_ct3", "tc2_ct1", "tc2_ct2", "tc2_ct3", "tc2_ct4",
                                          "tc2_ct5", "tc3_ct1", "tc3_ct2", "tc3_ct3", "dai_pt_th_chu_de_hoc_lieu",
                                          "dai_pt_th_tai_nguyen_so"], True),
            "so_chuong_trinh_bao_tang": 4, "so_chuong_trinh_dai_pt_th": 4, "ty_le_huyen_md1": 100,
            "ty_le_huyen_md2": 90, "muc_giam_ty_le_ho_ngheo": 1, "muc_tang_grdp": 6}


@pytest.mark.parametrize("pack_id,record,words", [
    ("cong-dong-hoc-tap-huyen", DISTRICT, 'không rõ "Cộng đồng học tập" cấp huyện (Điều 10–14) còn được đánh giá'),
    ("cong-dong-hoc-tap-xa", COMMUNE, 'không rõ ai nhận hồ sơ và công nhận "Cộng đồng học tập" cấp xã'),
    ("cong-dong-hoc-tap-tinh", PROVINCE, "Tiêu chí 4 chỉ tiêu 1"),
])
@pytest.mark.parametrize("dated,warned", [({"ngay_danh_gia": "2025-09-01"}, True), ({"ngay_danh_gia": "2025-06-30"}, False),
                                          ({"ngay_danh_gia": "2025-07-01"}, True), ({"ngay_danh_gia": "01/07/2025"}, True),
                                          ({"nam_danh_gia": 2025}, True), ({}, False)])
def test_records_dated_after_the_reform_are_scored_and_warned(pack_id, record, words, dated, warned):
    [r] = score_records(pack_id, [{**record, **dated}])
    assert r.ok and r.scored.outcome == "muc_do_2"      # a warning, not a refusal
    assert bool(r.warnings) is warned
    if warned:
        assert r.warnings[0].startswith("Từ 01/07/2025 chính quyền địa phương không còn cấp huyện")
        assert words in r.warnings[0]


def test_as_of_after_the_reform_warns_the_district_model(runner, cli, tmp_path):
    path = tmp_path / "huyen.jsonl"
    path.write_text(json.dumps(DISTRICT, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-huyen", "--as-of", "2025-09-01", str(path), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert line["criteria"]["id"] == "cong-dong-hoc-tap-huyen" and "không còn cấp huyện" in line["warnings"][0]
    assert "cảnh báo: Từ 01/07/2025" in result.stderr


@pytest.mark.parametrize("university, trained, ok", [(15, 60, True), (60, 60, True), (60.01, 60, False),
                                                     (61, 60, False), (None, 60, True), (15, None, True)])
def test_university_graduates_cannot_outnumber_the_trained(university, trained, ok):
    """TT 25 Điều 6.5.b / 7.5.b: citizens trained, 'trong đó' (of them) with a university degree: both
    are shares of every citizen, so the second above the first is a data error, refused with both named."""
    record = {**COMMUNE, "ty_le_dai_hoc_tro_len": university, "ty_le_dao_tao_cmkt": trained}
    [r] = score_records("cong-dong-hoc-tap-xa", [record])
    assert r.ok is ok, r.error
    if not ok:
        assert r.error.startswith("'TC5 CT2 đại học' (ty_le_dai_hoc_tro_len) là ")   # the template's headers
        assert "lớn hơn 'Tỷ lệ được đào tạo' (ty_le_dao_tao_cmkt) (60), trong khi đây là một phần của nó" in r.error
        assert "kiểm tra lại số liệu (Thông tư 25/2023/TT-BGDĐT, Điều 6, khoản 5, điểm b" in r.error


def test_a_check_naming_an_undeclared_or_non_number_input_is_a_pack_error():
    from scoring.errors import CriteriaErrors
    from scoring.packs.pack import load_pack_text
    from scoring import shipped_packs
    text = shipped_packs()["cong-dong-hoc-tap-xa"].text
    with pytest.raises(CriteriaErrors, match="checks\\[0\\] đọc giá trị đầu vào 'ty_le_dao_tao'"):
        load_pack_text(text.replace("at_most: ty_le_dao_tao_cmkt", "at_most: ty_le_dao_tao"), "x.yaml")
    with pytest.raises(CriteriaErrors, match="checks\\[0\\] so sánh hai giá trị số, nhưng 'vung_kho_khan'"):
        load_pack_text(text.replace("at_most: ty_le_dao_tao_cmkt", "at_most: vung_kho_khan"), "x.yaml")


def test_the_commune_readings_of_the_missing_definitions_are_said_under_their_indicators(runner, cli):
    """TT 25's snapshot lacks Art. 2: 'công dân trong xã' (TC5 CT1) and 'xã thuộc vùng khó khăn' (the lower
    thresholds of TC5 CT2) are undefined there; the detail says so under each indicator they decide."""
    detail = runner.invoke(cli, ["explain", "-c", "cong-dong-hoc-tap-xa", str(EXAMPLES / "cong-dong-hoc-tap-xa.csv"),
                                 "-f", "detail"]).stdout
    rows, current = {}, None
    for line in detail[:detail.index("\nHồ sơ: XA-02")].splitlines():   # the first commune's rows
        if re.match(r"  \S", line):
            current = line.split()[0] if line.startswith("  tc5_") else None
            rows[current] = ""
        elif current and line.startswith("   "):
            rows[current] += line
    rows.pop(None, None)
    citizens = ('↳ ghi chú của bộ tiêu chí: Cách đọc: bản pháp điển của Thông tư 25 thiếu Điều 2, nên "công dân trong xã" '
                "(độ tuổi nào) chưa được định nghĩa; tỷ lệ do xã tính và ghi theo cách đếm đã chọn.")
    disadvantaged = ('↳ ghi chú của bộ tiêu chí: Xã thuộc vùng khó khăn. Cách đọc: bản pháp điển của Thông tư 25 thiếu '
                     'Điều 2, nên "xã thuộc vùng khó khăn" chưa được định nghĩa; cột \'vung_kho_khan\' do hội đồng ghi '
                     "theo quyết định phân loại hiện hành.")
    assert len(rows) == 10
    for ind, lines in rows.items():
        said = " ".join(lines.split())
        assert (citizens in said) == ind.startswith("tc5_ct1_"), ind
        assert (disadvantaged in said) == ind.endswith("_vkk"), ind


@pytest.mark.parametrize("lang,said", [
    ("vi", "Không áp dụng vì Loại xã theo vùng khó khăn là “Xã không thuộc vùng khó khăn” (4 chỉ tiêu): "),
    ("en", "Not applicable because Commune type (disadvantaged area or not) is “Not in a disadvantaged area” (4 indicators): "),
])
def test_the_area_type_is_named_as_a_question_where_the_other_thresholds_are_set_aside(runner, cli, lang, said):
    """A council member reads why four TC5 CT2 thresholds (TT 25 Điều 6.5.b, 7.5.b) are not applied: the column's
    name comes before the answer, so it must name the question; 2.0 named one answer ('vì Xã thuộc vùng khó khăn là
    “Xã không thuộc vùng khó khăn”'), a sentence that contradicts itself."""
    out = runner.invoke(cli, ["explain", "-c", "cong-dong-hoc-tap-xa", str(EXAMPLES / "cong-dong-hoc-tap-xa.csv"),
                              "--lang", lang]).stdout
    first = out[:out.index("\n\n")]
    assert said in first, first
    assert "vì Xã thuộc vùng khó khăn là" not in out and "because Commune in a disadvantaged area is" not in out


@pytest.mark.parametrize("pack_id,words", [
    ("cong-dong-hoc-tap-xa", ['Điều 9.4 chỉ nói công nhận lại, không nói "nâng mức độ"', "(Điều 5.4) không nói",
                              "văn bản không có điều\nkhoản chuyển tiếp cho năm đánh giá 2023"]),
    ("cong-dong-hoc-tap-huyen", ["(Điều 10.4) không nói", "Thông tư 44/2014, Điều 25.1) chỉ quy định cấp xã"]),
    ("cong-dong-hoc-tap-tinh", ["(Điều 15.4) không nói", "Thông tư 44/2014, Điều 25.1) chỉ quy định cấp xã"]),
])
def test_each_community_pack_says_what_the_text_leaves_open_on_validity_upgrade_and_the_2023_year(pack_id, words):
    """TT 25 open points (official-texts.md §5.2.8 'same wording in TT 25', §5.3.5) and the missing transitional
    clause are said in the pack's own notes, not left for a council to discover."""
    from scoring import shipped_packs
    notes = " ".join(" ".join(n.split()) for n in shipped_packs()[pack_id].pack.notes)
    for w in words:
        assert " ".join(w.split()) in notes, w
