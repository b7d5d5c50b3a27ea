"""Where a blank decides a result, the explanation says whose rule counts it as not met: TT 24 says so
itself (Art. 9.3 / 15.3: no evidence, not met), TT 25 has no such clause, so there it is the pack's
reading (the packs' ``blank_not_met``). Display only: results, reasons and the explanation tree, hashed
into stored runs, are unchanged, so a run stored before the field still verifies."""
import json
import shutil
from pathlib import Path

import pytest

from conftest import CRITERIA, EXAMPLES, sql
from scoring.errors import CriteriaErrors
from scoring.packs.pack import load_pack
from scoring.results.render import check_text
from scoring.selfcheck.questionnaire import check_answers

TT25_XA = "cong-dong-hoc-tap-xa"
TT24_HUYEN = "don-vi-hoc-tap-tt24-huyen"
READING_VI = ("Chỉ tiêu để trống (chưa có số liệu) được tính là không đạt theo cách hiểu của bộ tiêu chí, không phải "
              "theo văn bản: Thông tư 25/2023/TT-BGDĐT không có quy định “không có minh chứng thì không đạt”.")
READING_EN = ("An indicator left blank (no value) counts as not met by this pack's reading, not by the text: "
              "Thông tư 25/2023/TT-BGDĐT has no “no evidence = not met” clause.")
TEXT_VI = "Chỉ tiêu để trống (chưa có số liệu) được tính là không đạt theo Thông tư 24/2023/TT-BGDĐT, Điều 9, khoản 3."
# Written by hoctap b9f4e94 (before blank_not_met) from tests/stores/xa-o-trong.csv (a commune whose TC1 CT3 is
# blank), examples/cong-dong-hoc-tap-huyen.csv, -tinh.csv and don-vi-hoc-tap-tt24-huyen.csv (blank cells), each:
# 'hoctap score -c PACK FILE --store=blank-before.sqlite3' (SOURCE_DATE_EPOCH 1764892800).
BLANK_BEFORE = Path(__file__).parent / "stores" / "blank-before.sqlite3"
HEADER = ("id,ten_xa,nam_danh_gia,vung_kho_khan,tc1_ct1,tc1_ct2,tc1_ct3,tc2_ct1,tc2_ct2,tc2_ct3,tc3_ct1,tc3_ct2,tc3_ct3,"
          "pcgd_mam_non_5_tuoi,pcgd_tieu_hoc,pcgd_thcs,xoa_mu_chu,ty_le_cong_dan_cdht,ty_le_dao_tao_cmkt,ty_le_dai_hoc_tro_len")


def commune(tmp_path, tc1_ct3):
    path = tmp_path / "xa.csv"
    path.write_text(f"{HEADER}\nXA-01,Xã Hòa Bình,2024,không,có,có,{tc1_ct3},có,có,có,có,có,có,có,muc_do_3,muc_do_3,"
                    "muc_do_2,84.2,63.5,16.1\n", encoding="utf-8")
    return str(path)


def explain(runner, cli, *args):
    result = runner.invoke(cli, [*args[:2], "explain", *args[2:]] if args[0] == "--lang" else ["explain", *args])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return result.stdout


ARTICLE = "(Điều 6, khoản 1, điểm c (mức độ 2: Điều 7, khoản 1))"   # the indicator's own, after what it lacks


def test_a_tt25_blank_that_decides_is_said_to_be_the_packs_reading(runner, cli, tmp_path):
    text = explain(runner, cli, "-c", TT25_XA, commune(tmp_path, ""))
    assert ("Để đạt “Mức độ 1”:\n  - Tiêu chí 1 – Chỉ tiêu 3 (Tuần lễ hưởng ứng học tập suốt đời): chưa có số liệu, "
            f"cần có {ARTICLE}\n{READING_VI}\n") in text
    english = explain(runner, cli, "--lang", "en", "-c", TT25_XA, commune(tmp_path, ""))
    assert f"  - Criterion 1 – Indicator 3 (Lifelong Learning Week): no value, it needs yes {ARTICLE}\n{READING_EN}\n" in english
    detail = explain(runner, cli, "-f", "detail", "-c", TT25_XA, commune(tmp_path, ""))
    assert detail.rstrip("\n").endswith(": thiếu dữ liệu, cần = có\n" + READING_VI)


def test_nothing_is_said_when_no_blank_decides(runner, cli, tmp_path):
    text = explain(runner, cli, "-c", TT25_XA, commune(tmp_path, "không"))
    assert "Tiêu chí 1 – Chỉ tiêu 3 (Tuần lễ hưởng ứng học tập suốt đời): không, cần có" in text
    assert "để trống" not in text
    # DV-001 has blank cells, but none among what its next level lacks
    assert "để trống" not in explain(runner, cli, "-c", TT24_HUYEN, str(EXAMPLES / f"{TT24_HUYEN}.csv"), "--record", "DV-001")


def test_a_tt24_blank_that_decides_cites_the_circulars_own_article(runner, cli):
    source = str(EXAMPLES / f"{TT24_HUYEN}.csv")
    for fmt, blocker in (("text", "  - 2.2 Tỷ lệ thành viên hoàn thành đầy đủ chương trình học tập, bồi dưỡng: chưa có số "
                                  "liệu, cần từ 90% trở lên (Điều 6, khoản 2, điểm b)\n"),
                         ("markdown", None), ("detail", None)):
        shown = explain(runner, cli, "-f", fmt, "-c", TT24_HUYEN, source, "--record", "DV-010")
        assert TEXT_VI in shown and "cách hiểu của bộ tiêu chí" not in shown, fmt
        if blocker:
            assert blocker + TEXT_VI in shown


def test_the_self_check_says_it_under_what_is_missing():
    from scoring.packs.catalog import resolve_pack
    loaded = resolve_pack(TT24_HUYEN)
    answers = {"loai_don_vi": "doanh_nghiep", "tc1_ct1": True, "tc1_ct2": True, "tc1_ct4": True, "tc1_ct5": True,
               "ty_le_chap_hanh_ky_luat": 95, "ty_le_hoan_thanh_boi_duong": 92.5, "ty_le_chuyen_doi_so": 96,
               "ty_le_lao_dong_tien_tien": 91, "tc3_ct2": True, "danh_hieu_thi_dua": "tap_the_lao_dong_tien_tien"}
    result = check_answers(loaded, answers, "don-vi.json")
    text = check_text(result.explanation, loaded.pack)
    assert ("  - 3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập: chưa trả lời, cần ít nhất 90%\n"
            f"  {TEXT_VI}\n") in text


@pytest.mark.parametrize("pack, basis, article", [
    ("cong-dong-hoc-tap-xa", "reading", None), ("cong-dong-hoc-tap-huyen", "reading", None),
    ("cong-dong-hoc-tap-tinh", "reading", None), ("don-vi-hoc-tap-tt24-huyen", "text", "Điều 9, khoản 3"),
    ("don-vi-hoc-tap-tt24-tinh", "text", "Điều 15, khoản 3")])
def test_each_levels_pack_says_whose_rule_a_blank_is(pack, basis, article):
    blank = load_pack(CRITERIA / f"{pack}.yaml").pack.blank_not_met
    assert (blank.basis, blank.reference.article if blank.reference else None) == (basis, article)


def test_a_text_basis_without_its_article_is_refused(tmp_path):
    source = (CRITERIA / f"{TT24_HUYEN}.yaml").read_text(encoding="utf-8")
    start = source.index("blank_not_met:")
    end = source.index("\n", start)
    bad = tmp_path / f"{TT24_HUYEN}.yaml"
    bad.write_text(source[:start] + "blank_not_met: {basis: text}" + source[end:], encoding="utf-8")
    with pytest.raises(CriteriaErrors) as caught:
        load_pack(bad)
    assert "blank_not_met với basis: text cần reference" in str(caught.value)


def test_results_and_stored_runs_are_unchanged(runner, cli, tmp_path):
    """The sentence is in no result, reason or explanation tree; runs stored before the field verify."""
    result = runner.invoke(cli, ["score", "-c", TT25_XA, commune(tmp_path, ""), "-f", "json"])
    assert result.exit_code == 0 and "để trống" not in result.stdout
    tree = json.loads(explain(runner, cli, "-f", "json", "-c", TT25_XA, commune(tmp_path, "")))
    assert "để trống" not in json.dumps(tree, ensure_ascii=False)
    db = tmp_path / "before.sqlite3"
    shutil.copy(BLANK_BEFORE, db)
    assert sorted(v for [v] in sql(db, "SELECT version FROM packs")) == ["1.5", "1.5", "1.6", "2.5"]
    verified = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert verified.exit_code == 0, verified.output
    assert "4 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng" in verified.stdout


def test_a_stored_run_is_shown_in_the_words_of_its_own_pack(runner, cli, tmp_path):
    """'audit show' reads blank_not_met from the stored pack text: said for a run stored with it, not
    made up for a run stored before it."""
    db = tmp_path / "now.sqlite3"
    stored = runner.invoke(cli, ["score", "-c", TT25_XA, commune(tmp_path, ""), f"--store={db}", "-o", str(tmp_path / "o.json")])
    assert stored.exit_code == 0, stored.output
    for store, said in ((db, True), (BLANK_BEFORE, False)):
        shown = runner.invoke(cli, ["audit", "show", "--store", str(store), "XA-01"])
        assert shown.exit_code == 0, shown.output
        assert shown.stdout.rstrip("\n").endswith(READING_VI) is said
