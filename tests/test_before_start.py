"""A record assessed outside the period of the pack named for it (TT 25 is in force from 12/02/2024; a
commune assessed in 2023 scored with '-c cong-dong-hoc-tap-xa') is scored as named, but its result says so,
and the run says it once per pack, with the record's date, the pack's period and how to choose by date
('--as-of record'). A year means its last day, as where a record's date chooses its pack. A run stored
before this warning existed still verifies (tests/stores/xa-before-start.sqlite3)."""
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from scoring import shipped_packs
from scoring.records.dates import date_warnings

STORES = Path(__file__).parent / "stores"
# Written by hoctap at 2520636 (before this warning), in tests/stores:
# 'hoctap score -c cong-dong-hoc-tap-xa xa-before-start.csv --store=xa-before-start.sqlite3 --store-inputs -f json -o …'
# (SOURCE_DATE_EPOCH 1764892800). xa-before-start.csv is examples/cong-dong-hoc-tap-xa.csv with XA-01…XA-03 of 2023.
BEFORE = STORES / "xa-before-start.sqlite3"
BEFORE_CSV = STORES / "xa-before-start.csv"
BEFORE_RUN = "20251205T000000Z-352bd2"
XA = "cong-dong-hoc-tap-xa"

KEPT = {"vi": "Hồ sơ được đánh giá ngoài thời gian hiệu lực của bộ tiêu chí 'cong-dong-hoc-tap-xa' (từ 12/02/2024) "
              "nhưng vẫn được chấm theo bộ này vì bộ được ghi rõ tên. Để chọn bộ tiêu chí có hiệu lực vào ngày đánh giá "
              "của từng hồ sơ, ghi tên mô hình (ví dụ cong-dong-hoc-tap-xa; 'hoctap packs' liệt kê các mô hình) với "
              "--as-of record. (ngày đánh giá 2023-12-31, theo nam_danh_gia)",
        "en": "The record was assessed outside the period of criteria pack 'cong-dong-hoc-tap-xa' (from 2024-02-12) but "
              "is still scored with it because the pack was named. To choose the pack in force on each record's "
              "assessment date, name the model (e.g. cong-dong-hoc-tap-xa; 'hoctap packs' lists the models) with "
              "--as-of record. (assessment date 2023-12-31, from nam_danh_gia)"}
RUN_LINE = {"vi": "cảnh báo: Có hồ sơ được đánh giá ngoài thời gian hiệu lực của bộ tiêu chí 'cong-dong-hoc-tap-xa' "
                  "(từ 12/02/2024), như XA-01 (ngày đánh giá 31/12/2023, theo ngày cuối của năm đánh giá ghi ở cột "
                  "'nam_danh_gia' của hồ sơ): vẫn được chấm theo 'cong-dong-hoc-tap-xa' vì bộ được ghi rõ tên, nhưng kèm "
                  "cảnh báo (trường 'warnings' trong JSON). Để chọn bộ tiêu chí có hiệu lực vào ngày đánh giá của từng "
                  "hồ sơ, ghi tên mô hình (ví dụ cong-dong-hoc-tap-xa; 'hoctap packs' liệt kê các mô hình) với --as-of record.",
            "en": "warning: Some records were assessed outside the period of criteria pack 'cong-dong-hoc-tap-xa' "
                  "(from 2024-02-12), such as XA-01 (assessment date 2023-12-31, from the last day of the assessment "
                  "year in the record's column 'nam_danh_gia'): they are still scored with 'cong-dong-hoc-tap-xa' "
                  "because the pack was named, but carry a warning ('warnings' in JSON). To choose the pack in force "
                  "on each record's assessment date, name the model (e.g. cong-dong-hoc-tap-xa; 'hoctap packs' lists "
                  "the models) with --as-of record."}


def pack(pid):
    return next(p.pack for p in shipped_packs().values() if p.pack.id == pid)


def results(runner, cli, *args, lang="vi"):
    out = runner.invoke(cli, ["--lang", lang, "score", *args, "-f", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    return {r["id"]: r.get("warnings", []) for r in (doc if isinstance(doc, list) else doc["results"])}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_record_assessed_before_the_pack_named_for_it_carries_the_warning(runner, cli, lang):
    warned = results(runner, cli, "-c", XA, str(BEFORE_CSV), lang=lang)
    assert warned == {"XA-01": [KEPT[lang]], "XA-02": [KEPT[lang]], "XA-03": [KEPT[lang]],
                      **{f"XA-0{n}": [] for n in range(4, 9)}}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_run_says_it_once_with_the_date_the_period_and_what_to_do(runner, cli, lang):
    out = runner.invoke(cli, ["--lang", lang, "score", "-c", XA, str(BEFORE_CSV)])
    assert out.exit_code == 0, out.output
    assert out.stderr.splitlines().count(RUN_LINE[lang]) == 1
    assert out.stderr.count("--as-of record") == 1


@pytest.mark.parametrize("lang, label, said", [
    ("vi", "Cảnh báo:", "(ngày đánh giá 31/12/2023, theo ngày cuối của năm đánh giá ghi ở cột 'nam_danh_gia' của hồ sơ)"),
    ("en", "Warning:", "(assessment date 2023-12-31, from the last day of the assessment year in the record's column "
                       "'nam_danh_gia')")])
def test_explain_says_the_warning_in_words(runner, cli, lang, label, said):
    out = runner.invoke(cli, ["--lang", lang, "explain", "-c", XA, str(BEFORE_CSV), "--record", "XA-01"])
    assert out.exit_code == 0, out.output
    text = KEPT[lang][:KEPT[lang].rindex(" (")]
    assert f"{label} {text} {said}" in out.stdout.splitlines()
    inside = runner.invoke(cli, ["--lang", lang, "explain", "-c", XA, str(BEFORE_CSV), "--record", "XA-04"])
    assert label not in inside.stdout


def test_the_examples_own_year_is_inside_the_period_and_not_warned(runner, cli):
    # a year means its last day: 2024 is 31/12/2024, after TT 25 came into force on 12/02/2024
    out = runner.invoke(cli, ["score", "-c", XA, str(EXAMPLES / "cong-dong-hoc-tap-xa.csv"), "-f", "json"])
    assert out.exit_code == 0, out.output
    assert "warnings" not in out.stdout and "cảnh báo" not in out.stderr


@pytest.mark.parametrize("data, warned", [
    ({"nam_danh_gia": "2024"}, False), ({"nam_danh_gia": "2023"}, True),
    ({"ngay_danh_gia": "11/02/2024"}, True), ({"ngay_danh_gia": "12/02/2024"}, False), ({}, False)])
def test_the_first_day_in_force_and_a_year_s_last_day_are_inside(data, warned):
    assert bool(date_warnings(pack(XA), None, None, data)) is warned


@pytest.mark.parametrize("on, warned", [("2023-10-24", False), ("2023-10-25", True), ("2022-07-27", True)])
def test_a_record_after_the_pack_ended_is_warned_too(on, warned):
    qd244 = pack("cong-dan-hoc-tap-qd244")   # in force 28/07/2022 – 24/10/2023
    said = date_warnings(qd244, None, None, {"ngay_danh_gia": on}, "en")
    assert bool(said) is warned
    if warned:
        assert "criteria pack 'cong-dan-hoc-tap-qd244' (from 2022-07-28 to 2023-10-24)" in said[0]
        assert "(e.g. cong-dan-hoc-tap;" in said[0]


def test_a_date_that_chose_the_pack_gives_no_such_warning():
    import datetime as dt
    assert date_warnings(pack(XA), dt.date(2024, 6, 1), "--as-of", {"nam_danh_gia": "2023"}) == ()


def test_a_run_stored_before_the_warning_still_verifies_and_against_its_file(runner, cli, tmp_path):
    db = tmp_path / "kho.sqlite3"
    shutil.copy(BEFORE, db)
    out = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert out.exit_code == 0, out.output
    assert "8 dòng đã lưu: 8 tái lập đúng, 0 khác" in out.output
    out = runner.invoke(cli, ["audit", "verify", "--store", str(db), BEFORE_RUN, "--against", str(BEFORE_CSV)])
    assert out.exit_code == 0, out.output
    assert "so với tệp gốc: 8 dòng khớp với các dòng đã lưu" in out.output


def test_a_run_stored_now_keeps_the_warning_and_verifies(runner, cli, tmp_path):
    db, csv = tmp_path / "kho.sqlite3", tmp_path / "xa.csv"
    shutil.copy(BEFORE_CSV, csv)
    stored = runner.invoke(cli, ["score", "-c", XA, str(csv), f"--store={db}"])
    assert stored.exit_code == 0, stored.output
    out = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert out.exit_code == 0 and "8 tái lập đúng, 0 khác" in out.output, out.output
    shown = runner.invoke(cli, ["audit", "show", "--store", str(db), "XA-01"])
    assert "Cảnh báo: Hồ sơ được đánh giá ngoài thời gian hiệu lực" in shown.output
    # a name changed in the file: the date did not move, so no date is named beside it
    csv.write_text(BEFORE_CSV.read_text(encoding="utf-8").replace("Xã Hòa Bình", "Xã Hoà Bình"), encoding="utf-8")
    run_id = re.search(r"đã lưu lượt chấm (\S+) vào", stored.output)[1]
    out = runner.invoke(cli, ["audit", "verify", "--store", str(db), run_id, "--against", str(csv)])
    assert "XA-01" in out.output and "ngày đánh giá của hồ sơ" not in out.output
    # the year moved into the period: the warning it decides is named
    csv.write_text(BEFORE_CSV.read_text(encoding="utf-8").replace("Xã Hòa Bình,2023", "Xã Hòa Bình,2024"), encoding="utf-8")
    out = runner.invoke(cli, ["audit", "verify", "--store", str(db), run_id, "--against", str(csv)])
    assert "lúc chấm là 31/12/2023, nay là 31/12/2024" in out.output, out.output


def test_a_report_says_the_warning_in_words_once_with_its_count(runner, cli):
    out = runner.invoke(cli, ["report", "-c", XA, str(BEFORE_CSV)])
    assert out.exit_code == 0, out.output
    said = ("Cảnh báo (3 hồ sơ): " + KEPT["vi"][:KEPT["vi"].rindex(" (")] + " (ngày đánh giá 31/12/2023, theo ngày cuối"
            " của năm đánh giá ghi ở cột 'nam_danh_gia' của hồ sơ)")
    assert said in out.stdout.splitlines()
