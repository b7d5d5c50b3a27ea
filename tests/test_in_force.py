"""The rules in force on the assessment date: a model name plus a date picks one pack, the day
a pack ends and the day the next begins are both honoured, and a date no pack covers is an
error naming the packs on either side."""
import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st

from conftest import CRITERIA
from scoring import score_records, shipped_packs
from scoring.packs.catalog import choose_pack, models, resolve_in_force
from scoring.errors import CriteriaError, NotInForce, UsageError
from scoring.packs.pack import load_pack_text
from scoring.records.dates import parse_assessment_date

D = dt.date.fromisoformat
POINTS = {k: 8 for k in "1.1 1.2 1.3 1.4 2.1 2.2 2.3 2.4 3.1 3.2".split()}


def test_every_model_lists_its_packs_oldest_first():
    found = {m: [p.pack.id for p in ps] for m, ps in models().items()}
    assert found == {
        "cong-dan-hoc-tap": ["cong-dan-hoc-tap-qd244", "cong-dan-hoc-tap"],
        "cong-dong-hoc-tap-huyen": ["cong-dong-hoc-tap-huyen"],
        "cong-dong-hoc-tap-tinh": ["cong-dong-hoc-tap-tinh"],
        "cong-dong-hoc-tap-xa": ["cong-dong-hoc-tap-xa"],
        "don-vi-hoc-tap-huyen": ["don-vi-hoc-tap-tt22", "don-vi-hoc-tap-tt24-huyen"],
        "don-vi-hoc-tap-tinh": ["don-vi-hoc-tap-tt22", "don-vi-hoc-tap-tt24-tinh"],
    }


@pytest.mark.parametrize("model,on,pack", [
    ("cong-dan-hoc-tap", "2022-07-28", "cong-dan-hoc-tap-qd244"),      # QĐ 244's first day
    ("cong-dan-hoc-tap", "2023-10-24", "cong-dan-hoc-tap-qd244"),      # its last day
    ("cong-dan-hoc-tap", "2023-10-25", "cong-dan-hoc-tap"),            # QĐ 324's first day
    ("cong-dan-hoc-tap", "2030-01-01", "cong-dan-hoc-tap"),            # open-ended
    ("don-vi-hoc-tap-tinh", "2023-06-30", "don-vi-hoc-tap-tt22"),
    ("don-vi-hoc-tap-tinh", "2023-12-31", "don-vi-hoc-tap-tt22"),      # the 2023 assessment year (its 31 December)
    ("don-vi-hoc-tap-tinh", "2024-01-10", "don-vi-hoc-tap-tt22"),      # once a gap: TT22 runs to its repeal
    ("don-vi-hoc-tap-tinh", "2024-01-25", "don-vi-hoc-tap-tt22"),      # TT22's last day (TT 24 Art. 22.1)
    ("don-vi-hoc-tap-tinh", "2024-01-26", "don-vi-hoc-tap-tt24-tinh"),  # TT24 in force
    ("don-vi-hoc-tap-huyen", "2024-01-26", "don-vi-hoc-tap-tt24-huyen"),
    ("don-vi-hoc-tap-huyen", "2024-06-30", "don-vi-hoc-tap-tt24-huyen"),
    ("don-vi-hoc-tap-huyen", "2021-12-31", "don-vi-hoc-tap-tt22"),
])
def test_the_pack_in_force_on_a_date(model, on, pack):
    chosen = resolve_in_force(model, D(on))
    assert chosen.loaded.pack.id == pack
    p = chosen.loaded.pack
    assert chosen.reason == f"{p.valid_from} → {p.valid_to or ''}".rstrip()
    assert (chosen.as_of, chosen.source) == (D(on), "--as-of")


def test_the_shipped_unit_packs_leave_no_gap_at_the_repeal():
    """TT 22 ends on 2024-01-25 and TT 24 starts on 2024-01-26 (TT 24 Art. 22.1): no date between them."""
    for model in ("don-vi-hoc-tap-tinh", "don-vi-hoc-tap-huyen"):
        old, new = models()[model]
        assert old.pack.valid_to + dt.timedelta(days=1) == new.pack.valid_from == D("2024-01-26")


def test_a_date_between_packs_names_both_neighbours():
    old = shipped_packs()["don-vi-hoc-tap-tt22"]
    text = old.text.replace("valid_to: 2024-01-25", "valid_to: 2023-12-31")
    packs = [load_pack_text(text, "tt22-shorter.yaml"), shipped_packs()["don-vi-hoc-tap-tt24-tinh"]]
    with pytest.raises(NotInForce) as err:
        resolve_in_force("don-vi-hoc-tap-tinh", D("2024-01-25"), packs=packs)
    msg = str(err.value)
    # dates as a council writes them, and no raw count of days (issue: '11532 ngày sau ngày đó')
    assert "không có bộ tiêu chí nào của mô hình 'don-vi-hoc-tap-tinh' có hiệu lực vào ngày 25/01/2024" in msg
    assert "don-vi-hoc-tap-tt22 (hiệu lực từ 21/09/2020 đến 31/12/2023: đã hết hiệu lực trước ngày đó)" in msg
    assert "don-vi-hoc-tap-tt24-tinh (hiệu lực từ 26/01/2024: chỉ bắt đầu có hiệu lực sau ngày đó)" in msg


def test_a_date_before_every_pack_names_the_first():
    with pytest.raises(NotInForce) as err:
        resolve_in_force("cong-dan-hoc-tap", D("2022-07-27"))
    assert [str(m) for m in err.value.nearest] == [
        "cong-dan-hoc-tap-qd244 (hiệu lực từ 28/07/2022 đến 24/10/2023: chỉ bắt đầu có hiệu lực sau ngày đó)"]


def test_a_date_long_before_every_pack_is_said_with_dates_not_a_count_of_days(runner, cli, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("id,group\nA,1\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", "--as-of", "1990", str(path)])
    assert result.exit_code == 2
    assert ("có hiệu lực vào ngày 31/12/1990: gần nhất cong-dan-hoc-tap-qd244 (hiệu lực từ 28/07/2022 đến 24/10/2023: "
            "chỉ bắt đầu có hiệu lực sau ngày đó)") in result.output
    assert "11532" not in result.output and "1990-12-31" not in result.output
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", "--as-of", "1990", "--lang", "en", str(path)])
    assert "in force on 1990-12-31: nearest cong-dan-hoc-tap-qd244 (valid 2022-07-28 → 2023-10-24, starts 11,532 days later)" in result.output


def test_an_unknown_model_suggests_the_close_one():
    with pytest.raises(UsageError, match="không có mô hình 'don-vi-hoc-tap-tnh' \\(có phải là 'don-vi-hoc-tap-tinh'\\?\\)"):
        resolve_in_force("don-vi-hoc-tap-tnh", D("2024-06-30"))


def test_overlapping_packs_are_a_catalog_error_not_a_silent_choice():
    old = shipped_packs()["cong-dan-hoc-tap-qd244"]
    text = old.text.replace("valid_to: 2023-10-24", "valid_to: 2023-11-30").replace("version: \"1.0\"", "version: \"1.1\"")
    overlapping = load_pack_text(text, "qd244-longer.yaml")
    packs = [overlapping, shipped_packs()["cong-dan-hoc-tap"]]
    assert resolve_in_force("cong-dan-hoc-tap", D("2023-10-24"), packs=packs).loaded is overlapping
    with pytest.raises(CriteriaError, match="cùng có hiệu lực vào ngày 01/11/2023: hãy sửa thời hạn để chúng không chồng lên nhau"):
        resolve_in_force("cong-dan-hoc-tap", D("2023-11-01"), packs=packs)


def test_choose_pack_keeps_a_pack_id_a_pack_and_checks_a_named_pack_s_period():
    assert choose_pack("cong-dan-hoc-tap").loaded.pack.id == "cong-dan-hoc-tap"       # unchanged meaning
    assert choose_pack("cong-dan-hoc-tap").as_of is None
    assert choose_pack("cong-dan-hoc-tap", D("2023-01-01")).loaded.pack.id == "cong-dan-hoc-tap-qd244"
    assert choose_pack("don-vi-hoc-tap-tinh") is None                                  # each record's date decides
    assert choose_pack("cong-dan-hoc-tap", "record") is None
    with pytest.raises(UsageError, match="'don-vi-hoc-tap-tt22' không phải mô hình"):
        choose_pack("don-vi-hoc-tap-tt22", "record")
    assert choose_pack(str(CRITERIA / "don-vi-hoc-tap-tt22.yaml"), D("2023-12-31")).loaded.pack.id == "don-vi-hoc-tap-tt22"
    with pytest.raises(NotInForce) as err:
        choose_pack("don-vi-hoc-tap-tt22", D("2024-06-30"))
    assert err.value.render("en").startswith("criteria pack 'don-vi-hoc-tap-tt22' (valid 2020-09-21 → 2024-01-25) is not in "
                                     "force on 2024-06-30; in force then: don-vi-hoc-tap-tt24-tinh (model don-vi-hoc-tap-tinh)")


@pytest.mark.parametrize("text,date", [
    ("2023", "2023-12-31"), ("2024-06-30", "2024-06-30"), ("30/06/2024", "2024-06-30"), ("1/2/2024", "2024-02-01"),
    (2024, "2024-12-31"), (2024.0, "2024-12-31"),
])
def test_assessment_dates_and_years(text, date):
    assert parse_assessment_date(text) == D(date)


@pytest.mark.parametrize("text", ["31/02/2024", "2024-13-01", "24", "năm 2024", "1800", ""])
def test_bad_assessment_dates_say_how_to_write_one(text):
    with pytest.raises(ValueError, match="không phải một ngày: ghi YYYY-MM-DD, DD/MM/YYYY hoặc một năm YYYY"):
        parse_assessment_date(text)


def test_each_record_s_own_date_picks_its_pack_and_each_result_names_it():
    rows = [{"id": "A", "group": "1", "ngay_danh_gia": "2023-10-24", **POINTS},
            {"id": "B", "group": "1", "Năm đánh giá": "2024", **POINTS},
            {"id": "C", "group": "1", **POINTS},
            {"id": "D", "group": "4", "nam_danh_gia": "2023", **POINTS},     # group 4 exists from QĐ 324 only
            {"id": "E", "group": "4", "ngay_danh_gia": "01/06/2023", **POINTS},
            {"id": "F", "group": "1", "ngay_danh_gia": "2021-01-01", **POINTS}]
    results = {r.id: r for r in score_records("cong-dan-hoc-tap", rows, as_of="record")}
    assert results["A"].loaded.pack.id == "cong-dan-hoc-tap-qd244"
    assert results["A"].provenance.as_of == "2023-10-24" and results["A"].provenance.as_of_source == "ngay_danh_gia"
    assert results["B"].loaded.pack.id == "cong-dan-hoc-tap"
    assert results["B"].provenance.as_of == "2024-12-31" and results["B"].provenance.as_of_source == "Năm đánh giá"
    assert "không có ngày đánh giá: 'cong-dan-hoc-tap' là một mô hình" in results["C"].error
    assert results["C"].provenance.criteria is None
    assert results["D"].ok and results["D"].loaded.pack.id == "cong-dan-hoc-tap"
    assert "'Nhóm đối tượng' (group) là '4', không phải một trong: Nông dân, người lao động ở nông thôn; " in results["E"].error
    assert results["E"].provenance.criteria["id"] == "cong-dan-hoc-tap-qd244"
    assert results["F"].error.startswith("'ngay_danh_gia' là 2021-01-01, khi không có bộ tiêu chí nào của mô hình 'cong-dan-hoc-tap' có hiệu lực")
    assert results["B"].explanation.in_force == "2023-10-25 →"


def test_a_pure_model_name_without_as_of_reads_each_record_s_date():
    unit = {"id": "U", "nam_danh_gia": 2023, "1a": 10, "1b": 10, "1c": 10, "2a": 10, "2b": 5, "2c": 10, "2d": 5,
            "3a": 20, "3b": 10, "3c": 4}
    [r] = score_records("don-vi-hoc-tap-huyen", [unit])
    assert (r.loaded.pack.id, r.scored.outcome, r.scored.total) == ("don-vi-hoc-tap-tt22", "tot", 94)


def test_the_same_unit_on_two_dates_gets_the_two_rule_sets(runner, cli, tmp_path):
    unit = {"id": "DV-9", "loai_don_vi": "co_quan_nha_nuoc", "tc1_ct1": True, "tc1_ct2": True, "tc1_ct3": True,
            "tc1_ct4": True, "tc1_ct5": True, "ty_le_chap_hanh_ky_luat": 100, "ty_le_hoan_thanh_boi_duong": 100,
            "ty_le_chuyen_doi_so": 100, "ty_le_chung_chi_ngoai_ngu": 80, "ty_le_trinh_do_ngoai_ngu": 75,
            "ty_le_lao_dong_tien_tien": 100, "ty_le_thanh_vien_cdht": 97, "tc3_ct2": True, "danh_hieu_thi_dua": "tap_the_lao_dong_xuat_sac",
            "1a": 10, "1b": 10, "1c": 10, "2a": 10, "2b": 5, "2c": 10, "2d": 5, "3a": 20, "3b": 10, "3c": 4}
    f = tmp_path / "unit.jsonl"
    f.write_text(json.dumps(unit) + "\n", encoding="utf-8")
    seen = {}
    for on in ("2023-06-30", "2024-06-30"):
        result = runner.invoke(cli, ["explain", "-c", "don-vi-hoc-tap-tinh", "--as-of", on, str(f), "-f", "detail"])
        assert result.exit_code == 0, result.output
        seen[on] = result.stdout
    assert "— don-vi-hoc-tap-tt22 1.4 (Thông tư 22/2020/TT-BGDĐT" in seen["2023-06-30"]
    assert ("Áp dụng theo ngày: 30/06/2023 (ngày ghi ở --as-of) — bộ tiêu chí don-vi-hoc-tap-tt22, "
            "có hiệu lực từ 21/09/2020 đến 25/01/2024") in seen["2023-06-30"]
    assert "Kết quả: Tốt (tot)" in seen["2023-06-30"]
    assert "— don-vi-hoc-tap-tt24-tinh 2.7 (Thông tư 24/2023/TT-BGDĐT" in seen["2024-06-30"]
    assert ("Áp dụng theo ngày: 30/06/2024 (ngày ghi ở --as-of) — bộ tiêu chí don-vi-hoc-tap-tt24-tinh, "
            "có hiệu lực từ 26/01/2024") in seen["2024-06-30"]
    assert "Kết quả: Mức độ 2 (muc_do_2)" in seen["2024-06-30"]
    scored = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tinh", "--as-of", "2024-06-30", str(f), "-f", "jsonl"])
    line = json.loads(scored.stdout)
    assert line["criteria"]["id"] == "don-vi-hoc-tap-tt24-tinh" and line["provenance"]["as_of"] == "2024-06-30"
    assert "bộ tiêu chí có hiệu lực vào ngày 30/06/2024: don-vi-hoc-tap-tt24-tinh 2.7 (từ 26/01/2024)" in scored.stderr


def test_cli_date_errors_exit_2(runner, cli, tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("id,group,1.1\nA,1,8\n", encoding="utf-8")
    gap = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tinh", "--as-of", "2020-09-20", str(f)])
    assert gap.exit_code == 2 and "có hiệu lực vào ngày 20/09/2020: gần nhất don-vi-hoc-tap-tt22" in gap.stderr
    bad = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", "--as-of", "31/02/2024", str(f)])
    assert bad.exit_code == 2 and "'31/02/2024' không phải một ngày" in bad.stderr
    csv_out = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tinh", str(f), "-f", "csv"])
    assert csv_out.exit_code == 2 and "dùng --format jsonl hoặc json" in csv_out.stderr


@settings(max_examples=300, deadline=None)
@given(model=st.sampled_from(sorted(models())), on=st.dates(dt.date(2019, 1, 1), dt.date(2031, 12, 31)))
def test_any_date_gets_the_one_covering_pack_or_an_error_naming_neighbours(model, on):
    covering = [p for p in models()[model] if p.pack.valid_from <= on and (p.pack.valid_to is None or on <= p.pack.valid_to)]
    try:
        chosen = resolve_in_force(model, on)
    except NotInForce as exc:
        assert covering == [] and exc.nearest            # never an error while a pack covers the date
    else:
        assert [chosen.loaded] == covering               # exactly the covering pack


# --- the "Áp dụng theo ngày" line: what the explanation keeps (ISO, hashed) in the reader's words ---
XA = CRITERIA.parent / "examples" / "cong-dong-hoc-tap-xa.csv"


def detail_line(runner, cli, args, lang="vi", fmt="detail"):
    result = runner.invoke(cli, ["--lang", lang, "explain", *args, "-f", fmt])
    assert result.exit_code == 0, result.output
    return next(x for x in result.stdout.splitlines() if "Áp dụng theo ngày" in x or "In force on" in x)


def test_the_in_force_line_says_its_dates_and_where_the_date_came_from_in_words(runner, cli, tmp_path):
    by_year = ["-c", "cong-dong-hoc-tap-xa", "--as-of", "record", str(XA)]
    assert detail_line(runner, cli, by_year) == (
        "Áp dụng theo ngày: 31/12/2024 (ngày cuối của năm đánh giá ghi ở cột 'nam_danh_gia' của hồ sơ) — "
        "bộ tiêu chí cong-dong-hoc-tap-xa, có hiệu lực từ 12/02/2024")
    assert detail_line(runner, cli, by_year, "en") == (
        "In force on: 2024-12-31 (the last day of the assessment year in the record's column 'nam_danh_gia') — "
        "criteria pack cong-dong-hoc-tap-xa, valid from 2024-02-12")
    dated = tmp_path / "xa.csv"
    dated.write_text(XA.read_text(encoding="utf-8").replace("nam_danh_gia", "Ngày đánh giá").replace(",2024,", ",30/06/2024,"),
                     encoding="utf-8")
    assert detail_line(runner, cli, ["-c", "cong-dong-hoc-tap-xa", "--as-of", "record", str(dated)], fmt="markdown") == (
        "- **Áp dụng theo ngày**: 30/06/2024 (ngày đánh giá ghi ở cột 'Ngày đánh giá' của hồ sơ) — "
        "bộ tiêu chí cong-dong-hoc-tap-xa, có hiệu lực từ 12/02/2024")
    tt22 = ["-c", "don-vi-hoc-tap-huyen", "--as-of", "2023-06-30", str(CRITERIA.parent / "examples" / "don-vi-hoc-tap-tt22.csv")]
    assert detail_line(runner, cli, tt22, "en") == (
        "In force on: 2023-06-30 (the date given with --as-of) — criteria pack don-vi-hoc-tap-tt22, "
        "valid from 2020-09-21 to 2024-01-25")
    kept = json.loads(runner.invoke(cli, ["explain", *by_year, "-f", "json"]).stdout)[0]
    assert (kept["as_of"], kept["as_of_source"], kept["in_force"]) == ("2024-12-31", "nam_danh_gia", "2024-02-12 →")


def test_audit_show_says_the_assessment_date_in_words(runner, cli, tmp_path):
    db = tmp_path / "s.sqlite3"
    stored = runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-xa", "--as-of", "record", str(XA), "--store", str(db),
                                 "-o", str(tmp_path / "out.jsonl")])
    assert stored.exit_code == 0, stored.output
    vi = runner.invoke(cli, ["audit", "show", "XA-01", "--store", str(db)])
    en = runner.invoke(cli, ["--lang", "en", "audit", "show", "XA-01", "--store", str(db)])
    assert vi.exit_code == en.exit_code == 0, vi.output + en.output
    assert vi.stdout.splitlines()[3] == ("Ngày đánh giá: 31/12/2024 (ngày cuối của năm đánh giá ghi ở cột 'nam_danh_gia' "
                                         "của hồ sơ) — bộ tiêu chí cong-dong-hoc-tap-xa, có hiệu lực từ 12/02/2024")
    assert en.stdout.splitlines()[3] == ("Assessment date: 2024-12-31 (the last day of the assessment year in the record's "
                                         "column 'nam_danh_gia') — criteria pack cong-dong-hoc-tap-xa, valid from 2024-02-12")


def test_a_kept_period_reads_in_words_and_any_other_text_as_it_is():
    from scoring.messages import text
    from scoring.packs.catalog import stored_period, validity
    tt22 = shipped_packs()["don-vi-hoc-tap-tt22"].pack
    assert validity(tt22) == "2020-09-21 → 2024-01-25"   # kept in explanations and provenance: unchanged
    assert text(stored_period(validity(tt22)), "vi") == "từ 21/09/2020 đến 25/01/2024"
    assert text(stored_period("2024-01-26 →"), "en") == "from 2024-01-26"
    assert text(stored_period("2024-01-26 → later"), "vi") == "2024-01-26 → later"


def test_an_open_period_in_english_says_from_not_a_bare_arrow(runner, cli, tmp_path):
    result = runner.invoke(cli, ["--lang", "en", "score", "-c", "don-vi-hoc-tap-huyen", "--as-of", "2025-05-01",
                                 str(CRITERIA.parent / "examples" / "don-vi-hoc-tap-tt24-huyen.csv"), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    assert "criteria in force on 2025-05-01: don-vi-hoc-tap-tt24-huyen 2.8 (from 2024-01-26)\n" in result.stderr
