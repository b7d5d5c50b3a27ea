"""District packs after the two-tier reform (no district tier from 01/07/2025): a record dated after
30/06/2025 is still scored but warned, by its own date column or by --as-of, in every output; the
mechanism is the pack's own 'warn_after' key, so any district pack can use it."""
import json
import sqlite3

import pytest

from scoring import score_records, shipped_packs
from scoring.errors import CriteriaErrors
from scoring.packs.pack import load_pack_text
from test_tt24 import unit

HUYEN, TINH = "don-vi-hoc-tap-tt24-huyen", "don-vi-hoc-tap-tt24-tinh"


def write(tmp_path, *records):
    path = tmp_path / "units.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("dated, warned", [
    ({"ngay_danh_gia": "2025-09-01"}, True),
    ({"ngay_danh_gia": "01/07/2025"}, True),      # the first day without a district tier
    ({"ngay_danh_gia": "2025-06-30"}, False),     # the last day with one
    ({"nam_danh_gia": 2025}, True),               # an assessment year means its 31 December
    ({"nam_danh_gia": 2024}, False),
    ({}, False),                                  # no date: scored as before
    ({"ngay_danh_gia": "không rõ"}, False),       # an unreadable date does not reject a named pack's record
])
def test_a_record_s_own_date_decides_the_warning(dated, warned):
    [r] = score_records(HUYEN, [{**unit(HUYEN), **dated}])
    assert r.ok and r.scored.outcome == "muc_do_2"           # scored all the same: a warning, not a refusal
    assert bool(r.warnings) is warned
    if warned:
        assert "Từ 01/07/2025 chính quyền địa phương không còn cấp huyện" in r.warnings[0]
        assert "ngày đánh giá 2025" in r.warnings[0]


def test_the_province_pack_is_never_warned():
    [r] = score_records(TINH, [{**unit(TINH), "ngay_danh_gia": "2026-03-01"}])
    assert r.ok and r.warnings == ()


def test_as_of_warns_the_model_s_district_pack_in_json_text_and_stderr(runner, cli, tmp_path):
    path = write(tmp_path, unit(HUYEN))
    scored = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-huyen", "--as-of", "2025-09-01", path, "-f", "jsonl"])
    assert scored.exit_code == 0, scored.output
    line = json.loads(scored.stdout)
    assert line["criteria"]["id"] == HUYEN and "(ngày đánh giá 2025-09-01, theo --as-of)" in line["warnings"][0]
    assert scored.stderr.count("cảnh báo: Từ 01/07/2025") == 1 and "sau 30/06/2025 (như U)" in scored.stderr
    text = runner.invoke(cli, ["explain", "-c", HUYEN, "--as-of", "2025-09-01", path])
    assert "Cảnh báo: Từ 01/07/2025 chính quyền địa phương không còn cấp huyện" in text.stdout
    english = runner.invoke(cli, ["explain", "-c", HUYEN, "--as-of", "2025-09-01", path, "--lang", "en", "-f", "json", "-r", "U"])
    assert english.exit_code == 0, english.output
    assert json.loads(english.stdout)["warnings"][0].startswith("From 1 July 2025 local government has no district tier")
    assert "warning: From 1 July 2025" in english.stderr
    before = runner.invoke(cli, ["score", "-c", HUYEN, "--as-of", "2025-06-30", path, "-f", "jsonl"])
    assert "warnings" not in json.loads(before.stdout) and "cảnh báo" not in before.stderr


def test_many_dated_records_warn_once_on_stderr(runner, cli, tmp_path):
    path = write(tmp_path, *[{**unit(HUYEN), "id": f"U{i}", "nam_danh_gia": 2025} for i in range(3)])
    scored = runner.invoke(cli, ["score", "-c", HUYEN, path, "-f", "jsonl"])
    assert scored.stderr.count("cảnh báo:") == 1
    assert all(json.loads(x)["warnings"] for x in scored.stdout.splitlines())


def test_a_stored_run_with_warnings_verifies(runner, cli, tmp_path):
    path = write(tmp_path, {**unit(HUYEN), "ngay_danh_gia": "2025-09-01"})
    for n, extra in enumerate(([], ["--store-inputs"], ["--as-of", "2025-12-31"])):
        db = str(tmp_path / f"s{n}.sqlite3")
        scored = runner.invoke(cli, ["score", "-c", HUYEN, path, "--store", db, *extra, "-f", "jsonl"])
        assert json.loads(scored.stdout)["warnings"], scored.output
        with sqlite3.connect(db) as c:
            [(inputs,)] = c.execute("SELECT inputs FROM results").fetchall()
        # the record's own date is kept (it is what gave the warning); with --as-of the run's date is
        assert ("dated" in json.loads(inputs)) is (n < 2)
        checked = runner.invoke(cli, ["audit", "verify", "--store", db])
        assert checked.exit_code == 0, checked.output


def test_warn_after_outside_the_pack_s_period_is_an_error():
    text = shipped_packs()[HUYEN].text.replace("after: 2025-06-30", "after: 2023-06-30")
    with pytest.raises(CriteriaErrors, match="warn_after.after 2023-06-30 nằm ngoài thời hạn của bộ tiêu chí"):
        load_pack_text(text, "early.yaml")


def test_packs_lists_tier_dates_status_and_what_is_provisional(runner, cli):
    out = runner.invoke(cli, ["packs"]).stdout
    assert out.splitlines()[0].split()[:3] == ["mã", "mô", "hình,"]
    row = next(line for line in out.splitlines() if line.startswith(HUYEN))
    assert "cấp huyện" in row and "từ 26/01/2024; cảnh báo" in row and f"{shipped_packs()[HUYEN].pack.version} chính thức" in row
    tt22 = next(line for line in out.splitlines() if line.startswith("don-vi-hoc-tap-tt22 "))
    assert "21/09/2020 – 25/01/2024" in tt22
    local = next(line for line in out.splitlines() if line.startswith("don-vi-hoc-tap-tt22-dia-phuong-vi-du"))
    assert "TẠM THỜI" in local and "chỉ số theo hướng dẫn địa phương" in local and "2a, 2b, 2c, 2d, 3a" in out
    english = runner.invoke(cli, ["packs", "--lang", "en"]).stdout
    assert "warns" in english and "2025-06-30" in english and "individual" in english


def test_csv_and_excel_results_of_a_district_pack_carry_the_warning_per_row(runner, cli, tmp_path):
    import openpyxl
    path = write(tmp_path, {**unit(HUYEN), "id": "OLD", "nam_danh_gia": 2024}, {**unit(HUYEN), "id": "NEW", "nam_danh_gia": 2025})
    out = runner.invoke(cli, ["score", "-c", HUYEN, path, "-f", "csv", "--csv", "utf8"]).stdout.splitlines()
    header = out[0].split(",")
    assert header[-1] == "warning"
    assert out[1].startswith("OLD,") and out[1].endswith(",")
    assert out[2].startswith("NEW,") and "Từ 01/07/2025 chính quyền địa phương không còn cấp huyện" in out[2]
    xlsx = tmp_path / "kq.xlsx"
    assert runner.invoke(cli, ["score", "-c", HUYEN, path, "-o", str(xlsx)]).exit_code == 0
    rows = list(openpyxl.load_workbook(xlsx)["Kết quả"].values)
    column = rows[0].index("Cảnh báo")
    assert rows[1][column] is None and "cấp huyện" in rows[2][column]
    province = runner.invoke(cli, ["score", "-c", TINH, write(tmp_path, unit(TINH)), "-f", "csv", "--csv", "utf8"]).stdout
    assert "warning" not in province.splitlines()[0]


def test_a_run_after_the_reform_of_a_file_without_a_year_column_says_its_results_carry_no_warning(runner, cli, tmp_path,
                                                                                               monkeypatch):
    """An undated record is scored as before (no per-result warning: the pack was named), but a run made
    after 30/06/2025 says once that the file has no year column, so the district results are not taken
    as unquestioned; a dated file, or a run before the reform, says nothing of the kind."""
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    undated = write(tmp_path / "a", {k: v for k, v in unit(HUYEN).items() if k != "nam_danh_gia"})
    after = runner.invoke(cli, ["score", "-c", HUYEN, undated, "-f", "jsonl"])
    assert "không có cột năm (hoặc ngày) đánh giá (nam_danh_gia)" in after.stderr
    assert json.loads(after.stdout.splitlines()[0]).get("warnings") in (None, [])
    dated = runner.invoke(cli, ["score", "-c", HUYEN, write(tmp_path / "b", {**unit(HUYEN), "nam_danh_gia": 2024}),
                                "-f", "jsonl"])
    assert "không có cột năm" not in dated.stderr
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719792000")   # 1 July 2024: before the reform
    before = runner.invoke(cli, ["score", "-c", HUYEN, undated, "-f", "jsonl"])
    assert before.exit_code == 0 and "không có cột năm" not in before.stderr
