"""Counts are whole numbers: a number input with ``whole: true`` (TT 25's programmes of a province's museum
and broadcaster) takes 3, '3,0' and Excel's 3.0 as 3 and refuses 3.5 in a file, in the self-check and in
the template's own check; a run stored before the packs said so still verifies."""
import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import sql
from scoring import load_pack_text, resolve_pack
from scoring.authoring.template import DATA_SHEET, FIRST_ROW, HEADER_ROW
from scoring.errors import CriteriaErrors
from scoring.selfcheck.questionnaire import Questionnaire

TINH = "cong-dong-hoc-tap-tinh"
STORES = Path(__file__).parent / "stores"
# Written by hoctap at 6f02594 (before 'whole'; vung_kho_khan listed 'khong' first) from tests/stores/whole-before/,
# in that folder: 'hoctap score -c cong-dong-hoc-tap-tinh tinh.csv --store=../whole-before.sqlite3' and the same
# with '-c cong-dong-hoc-tap-xa xa.csv' (SOURCE_DATE_EPOCH 1764892800). tinh.csv has '3,5' museum programmes
# (scored then), xa.csv a commune whose vung_kho_khan is '1'.
WHOLE_BEFORE = STORES / "whole-before.sqlite3"
COUNTS = ("so_chuong_trinh_bao_tang", "so_chuong_trinh_dai_pt_th")


def _province_row(museum, broadcast):
    """The first province of tests/stores/whole-before/tinh.csv, with these two programme counts."""
    with open(STORES / "whole-before" / "tinh.csv", encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    return {**row, "so_chuong_trinh_bao_tang": museum, "so_chuong_trinh_dai_pt_th": broadcast}


def province(tmp_path, museum, broadcast="4"):
    row = _province_row(museum, broadcast)
    path = tmp_path / "tinh.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(row))
        writer.writeheader()
        writer.writerow(row)
    return str(path)


def test_the_provinces_programme_counts_are_whole():
    pack = resolve_pack(TINH).pack
    assert [i.name for i in pack.inputs if i.whole] == list(COUNTS)


@pytest.mark.parametrize("lang,said", [
    ("vi", "'Số chương trình bảo tàng' (so_chuong_trinh_bao_tang) phải là một số nguyên (không có phần lẻ), không phải 3,5"),
    ("en", "'so_chuong_trinh_bao_tang' must be a whole number, not 3.5"),
])
def test_a_half_programme_in_a_file_rejects_the_row_naming_the_column(runner, cli, tmp_path, lang, said):
    result = runner.invoke(cli, ["--lang", lang, "score", "-c", TINH, province(tmp_path, "3.5"), "-f", "jsonl"])
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["id"] == "TI-01" and said in row["error"]


@pytest.mark.parametrize("museum", ["3", "3,0", "3.0"])
def test_three_written_as_three_point_nought_is_three(runner, cli, tmp_path, museum):
    result = runner.invoke(cli, ["score", "-c", TINH, province(tmp_path, museum, "4,0"), "-f", "jsonl"])
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" not in row and row["outcome"] == "chua_dat"   # 3 < 04 museum programmes (Art. 16.3.d)
    assert {i["id"]: i["status"] for i in row["indicators"]}["tc3_ct4"] == "not_met"


def test_excel_numbers_three_point_nought_is_three_and_three_point_five_is_refused(runner, cli, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    for rid, museum in (("TI-01", 4.0), ("TI-02", 3.5)):   # numbers, as Excel keeps them
        row = {**_province_row(museum, 4.0), "id": rid}
        if rid == "TI-01":
            ws.append(list(row))
        ws.append(list(row.values()))
    path = tmp_path / "tinh.xlsx"
    book.save(path)
    result = runner.invoke(cli, ["score", "-c", TINH, str(path), "-f", "jsonl"])
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["TI-01"]["outcome"] == "muc_do_2"
    assert "phải là một số nguyên (không có phần lẻ), không phải 3,5" in rows["TI-02"]["error"]


def _to_museum(q):
    while q.current.name != "so_chuong_trinh_bao_tang":
        assert q.give(True if q.pack.input(q.current.name).type == "boolean" else "4").kind == "next"
    return q


@pytest.mark.parametrize("lang,said,asked", [
    ("vi", "Chưa hợp lệ: 3,5 không phải là một số nguyên.", "Nhập một số nguyên, không có phần lẻ (ví dụ 4, không phải 3,5)"),
    ("en", "Not valid: 3.5 is not a whole number.", "Enter a whole number (e.g. 4, not 3.5)"),
])
def test_the_self_check_asks_again_for_a_half_programme(lang, said, asked):
    q = _to_museum(Questionnaire(resolve_pack(TINH), lang))
    assert q.current.instruction == asked + ("; để trống nếu chưa biết" if lang == "vi" else "; leave blank if you do not know yet")
    reply = q.reply("3,5" if lang == "vi" else "3.5")
    assert reply.kind == "invalid" and reply.message.startswith(said)
    assert q.current.name == "so_chuong_trinh_bao_tang" and "so_chuong_trinh_bao_tang" not in q.answers
    assert q.reply("3,0").kind == "next" and q.answers["so_chuong_trinh_bao_tang"] == 3


def test_the_template_lets_excel_take_whole_programmes_only(runner, cli, tmp_path):
    path = tmp_path / "mau.xlsx"
    assert runner.invoke(cli, ["template", "-c", TINH, "-o", str(path)]).exit_code == 0
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    headers = [c.value for c in ws[HEADER_ROW]]
    pack = resolve_pack(TINH).pack
    for inp in pack.inputs:
        if inp.type != "number" or inp.from_members:
            continue
        letter = openpyxl.utils.get_column_letter(headers.index(next(h for h in headers if h and (
            h == inp.name or h == (inp.label.vi if inp.label else None) or h in inp.aliases))) + 1)
        [dv] = [dv for dv in ws.data_validations.dataValidation
                if any(str(r).startswith(f"{letter}{FIRST_ROW}:") for r in dv.sqref.ranges)]
        assert dv.type == ("whole" if inp.name in COUNTS else "decimal"), inp.name
        if inp.name in COUNTS:
            assert (dv.operator, dv.formula1) == ("greaterThanOrEqual", "0")
            assert dv.prompt == "Ghi một số nguyên từ 0 chương trình trở lên; không có phần lẻ."


def test_whole_is_for_numbers_only():
    text = Path(resolve_pack(TINH).source).read_text(encoding="utf-8")
    bad = text.replace("    type: number\n    required: false\n    min: 0\n    whole: true\n",
                       "    type: boolean\n    required: false\n    whole: true\n", 1)
    assert bad != text
    with pytest.raises(CriteriaErrors) as caught:
        load_pack_text(bad, "x.yaml")
    assert "'whole' chỉ dùng với kiểu 'number', không dùng với 'boolean'" in str(caught.value)


def test_a_run_stored_before_counts_were_whole_still_verifies(runner, cli, tmp_path):
    """The stored run keeps its pack text (1.6, no 'whole'): its '3,5' programmes replay as scored then."""
    db = tmp_path / "before.sqlite3"
    shutil.copy(WHOLE_BEFORE, db)
    assert sorted(sql(db, "SELECT id, version FROM packs")) == [("cong-dong-hoc-tap-tinh", "1.6"),
                                                                 ("cong-dong-hoc-tap-xa", "1.7")]
    verified = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert verified.exit_code == 0, verified.output
    assert "2 lượt đã kiểm tra: mọi kết quả đã lưu đều tái lập đúng" in verified.stdout


def test_a_json_number_in_range_is_still_checked_for_whole():
    """A JSON float in min..max skips the text parser (a fast path): a whole input's 3.5 must not."""
    from scoring.packs.model import Input, build
    from scoring.records.validate import value_parser
    parse = value_parser(build(Input, {"name": "so", "type": "number", "min": 0.0, "max": 10.0, "whole": True}))
    assert parse(3.0) == 3
    with pytest.raises(ValueError) as refused:
        parse(3.5)
    assert refused.value.msg.render("en") == "'so' must be a whole number, not 3.5"
