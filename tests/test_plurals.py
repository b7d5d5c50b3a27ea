"""English counts as English does: '1 record', '2 records', never 'record(s)'; Vietnamese, which has
no plural, says the same words as before."""
from __future__ import annotations

import re

import openpyxl
import pytest

from scoring.goals.report import REASONS
from scoring.messages import CATALOGUE, plural_format, t
from scoring.records.footer import skipped_line
from scoring.web.texts import TEXT

CDHT_HEADER = "id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2"
CDHT_ROW = ",1,8,8,8,8,8,8,8,8,8,8"


def test_no_english_sentence_writes_a_plural_as_s_in_brackets():
    english = {f"catalogue {code}": en for code, (_vi, en) in CATALOGUE.items()}
    english |= {f"goals {key}": text for key, text in REASONS["en"].items()}
    english |= {f"web {key}": text for key, text in TEXT["en"].items()}
    assert {where: text for where, text in english.items() if re.search(r"[a-z]\(s\)", text)} == {}


@pytest.mark.parametrize("code, fields, one, two", [
    ("skip.group_line", {"rows": "x"}, "skipped 1 group heading row (not records)", "skipped 2 group heading rows"),
    ("skip.footer_line", {"rows": "x"}, "skipped 1 row below the table", "skipped 2 rows below the table"),
    ("goals.unsure", {}, "1 unevaluable record", "2 unevaluable records"),
    ("goals.unevaluable", {"ids": "A"}, "1 rejected record stays in the denominator",
     "2 rejected records stay in the denominator"),
    ("validate.provisional", {"source": "p.yaml"}, "provisional — 1 note on what", "provisional — 2 notes on what"),
    ("au.tail_unfinished", {}, "but 1 unfinished run cannot", "but 2 unfinished runs cannot"),
    ("vf.text_short", {}, "at least 1 character", "at least 2 characters"),
    ("vf.text_long", {}, "at most 1 character", "at most 2 characters"),
    ("goal.no_column", {"name": "a", "label": "A", "targets": "t", "accepted": "'a'", "unread": ""},
     "which target t needs;", "which targets t need;"),
    ("xl.unread", {"file": "f.xlsx", "names": "'B'", "read": "A", "fix": "x"},
     "f.xlsx: sheet 'B' also holds a table but was NOT read", "f.xlsx: sheets 'B' also hold a table but were NOT read"),
    ("gp.form_repeat", {"codes": "c"}, "item code c appears more than once", "item codes c appear more than once"),
    ("members.strangers", {"files": "file m.csv", "unit": "X", "hint": ""},
     "1 member row names unit 'X', which is not in the units file: it was scored",
     "2 member rows name unit 'X', which is not in the units file: they were scored"),
])
def test_each_counted_message_says_one_and_two_in_english_and_vietnamese_is_unchanged(code, fields, one, two):
    assert re.search(re.escape(one) + r"(?!\w)", t(code, "en", n=1, **fields))   # 'character', not 'characters'
    assert re.search(re.escape(two) + r"(?!\w)", t(code, "en", n=2, **fields))
    vi = CATALOGUE[code][0]
    assert t(code, "vi", n=1, **fields) == vi.format(n=1, **fields)   # no plural forms in Vietnamese


def test_the_targets_page_counts_the_unevaluable_records_in_words():
    gap = TEXT["en"]["gap_unsure"]   # as scoring.web.goals words a target that is undetermined
    assert plural_format(gap, n="1") == "depends on 1 unevaluable (rejected) record: fix it and evaluate again"
    assert plural_format(gap, n="2") == "depends on 2 unevaluable (rejected) records: fix them and evaluate again"
    assert plural_format(TEXT["vi"]["gap_unsure"], n="1") == TEXT["vi"]["gap_unsure"].format(n="1")


def test_the_rows_below_the_table_are_counted_in_words(runner, cli, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text(f"{CDHT_HEADER}\nA{CDHT_ROW}\nTổng cộng,,,,\n", encoding="utf-8")
    one = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "--lang", "en"])
    assert "skipped 1 row below the table (not records): Tổng cộng" in one.output
    path.write_text(f"{CDHT_HEADER}\nA{CDHT_ROW}\nTổng cộng,,,,\nNgười lập biểu,,,,\n", encoding="utf-8")
    two = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "--lang", "en"])
    assert "skipped 2 rows below the table (not records): Tổng cộng, Người lập biểu" in two.output
    vi = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path)])
    assert "bỏ qua 2 dòng cuối bảng (không phải hồ sơ): Tổng cộng, Người lập biểu" in vi.output
    assert skipped_line([("a.csv:3", "Tổng cộng")], "vi") == "bỏ qua 1 dòng cuối bảng (không phải hồ sơ): Tổng cộng"


def test_one_rejected_record_in_a_goal_s_denominator_is_one_record(runner, cli, tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text("id,cong_dan_hoc_tap,ky_nang_so\nA,dat,có\nB,maybe,có\nC,chua_dat,có\n", encoding="utf-8")
    args = ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(staff)]
    en = runner.invoke(cli, [*args, "--lang", "en"]).stdout
    assert "- cdht: 1 rejected record stays in the denominator as not evaluable: B" in en
    assert "(if the 1 unevaluable record fails) to 2/3 = 66.67% (if it qualifies), needs ≥ 60%" in en
    assert "  1 unevaluable record\n" in en
    vi = runner.invoke(cli, args).stdout
    assert "- cdht: 1 hồ sơ bị loại vẫn thuộc mẫu số, tính là không đánh giá được: B" in vi
    assert "(nếu 1 hồ sơ không đánh giá được đều không đạt) đến 2/3 = 66,67% (nếu đều đạt)" in vi


def test_one_target_and_one_unread_sheet_are_said_in_the_singular(runner, cli, tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text("id,cong_dan_hoc_tap,ky_nang_so\nA,dat,có\n", encoding="utf-8")
    en = runner.invoke(cli, ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(staff), "--lang", "en"])
    assert "which target thanh-thao-ky-nang-so needs;" in en.stderr, en.output
    book = openpyxl.Workbook()
    book.active.title = "A"
    for ws in (book.active, book.create_sheet("B")):
        ws.append(CDHT_HEADER.split(","))
        ws.append(("A" + CDHT_ROW).split(","))
    book.save(tmp_path / "ds.xlsx")
    one = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(tmp_path / "ds.xlsx"), "--lang", "en"])
    assert "sheet 'B' also holds a table but was NOT read (only 'A' was)" in one.output


def test_a_provisional_pack_s_notes_are_counted_in_words(runner, cli):
    result = runner.invoke(cli, ["validate", "criteria/don-vi-hoc-tap-tt22-dia-phuong-vi-du.yaml", "--lang", "en"])
    assert "notes: warning: provisional — 5 notes on what the official text leaves uncertain" in result.output
