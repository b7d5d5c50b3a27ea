"""A district council checking TT 24 units' self-assessment workbooks, as units fill them: a level
written short ('Mức 2', 'MĐ 1') is that level, and every disagreement is said in the words of the
results (the indicator's number and what it measures, the value read, what the rule needs, its
article), never by the pack's codes ('tc2_ct1_md2', 'dap_ung_co_ban'); JSON keeps the codes."""
import csv
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLES
from scoring import resolve_pack
from scoring.results.verify import ClaimReader

HUYEN = EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv"
CLAIMS = ["Tự đánh giá (kết quả)", "Tự đánh giá tc1_ct1", "TĐG tc1_ct2_mam_non", "Tự đánh giá tc2_ct1_md2"]
# Written by hoctap at ddcbd0e, which read 'Mức 2' and 'Mức 1' as no outcome of the pack, from the first three
# units of examples/don-vi-hoc-tap-tt24-huyen.csv claiming 'Mức 2', 'Mức 1', 'Mức độ 2' (column 'Tự đánh giá
# (kết quả)'): 'hoctap verify -c don-vi-hoc-tap-tt24-huyen units.csv --store=…' (SOURCE_DATE_EPOCH 1764979200).
LEVELS_SHORT_BEFORE = Path(__file__).parent / "stores" / "levels-short-before.sqlite3"
CODE = re.compile(r"tc\d_ct\d|muc_do|dap_ung|mam_non|co_quan")


def units_workbook(path, claims):
    """The huyện example's units in two sheets (offices, schools), each with the claims given by id."""
    rows = list(csv.DictReader(HUYEN.open(encoding="utf-8-sig")))
    book = openpyxl.Workbook()
    offices = book.active
    offices.title = "Phòng ban"
    schools = book.create_sheet("Trường học")
    for sheet in (offices, schools):
        sheet.append(["DANH SÁCH TỰ ĐÁNH GIÁ ĐƠN VỊ HỌC TẬP NĂM 2024"])
        sheet.append([*rows[0], *CLAIMS])
    for r in rows:
        if r["id"] in claims:
            sheet = schools if "non" in r["loai_don_vi"] or "thong" in r["loai_don_vi"] else offices
            sheet.append([v or None for v in r.values()] + claims[r["id"]])
    book.save(path)
    return path


def test_a_level_written_short_is_that_level():
    reader = ClaimReader(resolve_pack("don-vi-hoc-tap-tt24-huyen").pack)
    assert [reader.outcome_code(w) for w in ("Mức 2", "mức 1", "MĐ 2", "MĐ1", "Mức độ 2", "Mức 3", "Mức")] == \
        ["muc_do_2", "muc_do_1", "muc_do_2", "muc_do_1", "muc_do_2", None, None]
    assert reader.outcome_code("Mức 2", earlier=True) is None   # as a run stored before read it


def test_a_unit_claiming_mức_2_that_reaches_level_2_agrees(runner, cli, tmp_path):
    """DV-001 reaches level 2: its claim 'Mức 2' holds; DV-002 ('Mức 2', level 1) is told what level 2 lacks."""
    book = units_workbook(tmp_path / "dv.xlsx", {"DV-001": ["Mức 2", None, None, None],
                                                   "DV-002": ["Mức 2", None, None, None]})
    out = tmp_path / "v.json"
    result = runner.invoke(cli, ["verify", "-c", "don-vi-hoc-tap-tt24-huyen", str(book), "-o", str(out)])
    assert result.exit_code == 1, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["verification"] == {"checked": 2, "agree": 1, "disagree": 1}
    [dv2] = doc["disagreements"]
    assert dv2["id"] == "DV-002" and dv2["indicators"] == "tc3_ct1_md2"   # JSON keeps the codes
    assert dv2["differences"] == ("kết quả: tự đánh giá Mức độ 2, tính được Mức độ 1 (tỷ lệ thành viên đạt danh hiệu "
                                  "Công dân học tập là 91%, cần ít nhất 95%)")


def test_disagreements_are_said_without_codes_with_the_value_and_the_article(runner, cli, tmp_path):
    book = units_workbook(tmp_path / "dv.xlsx", {
        "DV-003": ["Mức độ 2", "đạt", "Đạt", "Không đạt"],   # tc1_ct2_mam_non is for public preschools only
        "DV-004": ["Mức 1", "Không đạt", None, None],
        "DV-013": ["Mức độ 2", "x", None, None],              # its digital transformation is 'basic' only
    })
    out = tmp_path / "v.xlsx"
    result = runner.invoke(cli, ["verify", "-c", "don-vi-hoc-tap-tt24-huyen", str(book), "--sheet", "*", "-o", str(out)])
    assert result.exit_code == 1, result.output
    sheet = openpyxl.load_workbook(out)["Không khớp"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert not CODE.search(" ".join(str(c) for r in rows.values() for c in r if c is not None)), rows
    assert rows["DV-003"][6] == "1.2, 2.1 (Mức độ 2), 2.4 (Mức độ 2), 3.1 (Mức độ 2)"
    said = rows["DV-003"][7].split("; kết quả: ")[0]
    assert said == (
        "Tiêu chí 1 – Chỉ tiêu 2 (mầm non công lập): tham…: tự đánh giá Đạt, tính được không áp dụng (không xét cho "
        "hồ sơ này: chỉ áp dụng khi Loại đơn vị là một trong: Nhà trẻ, trường mẫu giáo, trường mầm non công lập; hồ sơ "
        "ghi Cơ quan, đơn vị thuộc, trực thuộc UBND cấp huyện (phòng, ban, đơn vị sự nghiệp công lập; không phải cơ sở "
        "giáo dục); để trống ô tự đánh giá này); chỉ tiêu 2.1 Tỷ lệ thành viên tuân thủ kỷ luật lao động… — Mức độ 2: "
        "tự đánh giá chưa đạt, tính được đạt (hồ sơ ghi 100%, cần ít nhất 95%; Điều 7, khoản 2, điểm a)")
    assert rows["DV-004"][7].startswith("Tiêu chí 1 – Chỉ tiêu 1: kế hoạch học tập thường…: tự đánh giá chưa đạt, "
                                        "tính được đạt (hồ sơ ghi có, cần có; Điều 6, khoản 1, điểm a; Điều 7, khoản 1); "
                                        "kết quả: tự đánh giá Mức độ 1, tính được Chưa đạt (")
    assert rows["DV-013"][7] == ("kết quả: tự đánh giá Mức độ 2, tính được Mức độ 1 (mức độ chuyển đổi số (Quyết định "
                                 "4725/QĐ-BGDĐT) là Mức đáp ứng cơ bản, cần Mức đáp ứng tốt trở lên)")


def test_the_council_workbook_and_english_say_no_code(runner, cli, tmp_path):
    book = units_workbook(tmp_path / "dv.xlsx", {"DV-003": ["Mức độ 2", "đạt", "Đạt", "Không đạt"]})
    out = tmp_path / "hs.xlsx"
    result = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt24-huyen", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Khác tự đánh giá"]
    cells = [str(c) for r in sheet.iter_rows(values_only=True) for c in r if c is not None]
    assert any(c.startswith("Tiêu chí 1 – Chỉ tiêu 2 (mầm non công lập)") for c in cells), cells
    assert not CODE.search(" ".join(cells)), cells
    en = tmp_path / "v.json"
    result = runner.invoke(cli, ["--lang", "en", "verify", "-c", "don-vi-hoc-tap-tt24-huyen", str(book), "-o", str(en)])
    [row] = json.loads(en.read_text(encoding="utf-8"))["disagreements"]
    assert "indicator 2.1 Share of members who keep discipline and… — Level 2: claimed not met" in row["differences"], row["differences"]
    assert "claimed not met, computed met (the record has 100%, it needs at least 95%; Điều 7, khoản 2, điểm a)" \
        in row["differences"]
    assert not CODE.search(row["differences"]) and "không xét" not in row["differences"]


def test_a_run_stored_when_mức_2_was_no_outcome_still_reproduces(runner, cli, tmp_path, monkeypatch):
    """The stored run read 'Mức 2' as no outcome of the pack; read now it is Mức độ 2: the replay
    reads the stored claims as they were read then, so audit verify raises no false alarm."""
    from scoring.audit import replay
    db = tmp_path / "levels.sqlite3"
    shutil.copy(LEVELS_SHORT_BEFORE, db)
    clean = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert clean.exit_code == 0 and "3 dòng đã lưu: 3 tái lập đúng, 0 khác" in clean.stdout, clean.output
    monkeypatch.setattr(replay, "_in_earlier_reading", lambda fresh, stored: False)
    alarmed = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
    assert alarmed.exit_code == 1 and "1 tái lập đúng, 2 khác" in alarmed.stdout, alarmed.output


def test_the_recognition_list_notes_a_unit_listed_at_another_level_than_it_claimed(runner, cli, tmp_path):
    """DV-008 asked for level 1 and reaches level 2; DV-002 asked for level 2 and reaches level 1: the
    signer reads both in the list's Ghi chú; DV-001's claim ('Mức 2') holds and leaves the cell for the pen."""
    book = units_workbook(tmp_path / "dv.xlsx", {"DV-001": ["Mức 2", None, None, None],
                                                   "DV-002": ["Mức độ 2", None, None, None],
                                                   "DV-008": ["Mức độ 1", None, None, None], "DV-009": [None] * 4})
    for lang, out, note in (("vi", "hs.xlsx", "Tự đánh giá: "), ("en", "en.xlsx", "Self-assessed: ")):
        result = runner.invoke(cli, ["--lang", lang, "report", "-c", "don-vi-hoc-tap-tt24-huyen", str(book),
                                     "-o", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
        sheet = openpyxl.load_workbook(tmp_path / out).worksheets[0]
        rows = [r for r in sheet.iter_rows(values_only=True) if r[1] in ("DV-001", "DV-002", "DV-008")]
        level = {"vi": "Mức độ {}", "en": "Level {}"}[lang].format
        assert [(r[1], r[-2], r[-1]) for r in rows] == [("DV-001", level(2), None), ("DV-008", level(2), note + level(1)),
                                                         ("DV-002", level(1), note + level(2))]


def test_the_disagreements_sheet_of_a_levels_pack_has_no_total_columns(runner, cli, tmp_path):
    """TT 24 gives no points: 'Tổng điểm' and 'Tự đánh giá (tổng điểm)' would be empty on every row."""
    book = units_workbook(tmp_path / "dv.xlsx", {"DV-002": ["Mức độ 2", None, None, None]})
    result = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt24-huyen", str(book), "-o", str(tmp_path / "hs.xlsx")])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "hs.xlsx")["Khác tự đánh giá"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] in ("STT", 1)]
    assert rows[0] == ("STT", "Vị trí trong tệp", "Mã", "Kết quả", "Tự đánh giá (kết quả)", "Khác nhau ở")
    assert rows[1][:5] == (1, "dv.xlsx:Phòng ban!3", "DV-002", "Mức độ 1", "Mức độ 2")


def test_the_recognition_list_adds_up_to_the_records_read(runner, cli, tmp_path):
    """Under the list: read = listed + scored but not reached + rejected, so the signer need not count."""
    book = units_workbook(tmp_path / "dv.xlsx", {i: [None] * 4 for i in ("DV-001", "DV-002", "DV-003", "DV-004")})
    sheet = openpyxl.load_workbook(book)["Phòng ban"]
    sheet["K4"] = "chín mươi"   # DV-002's share of members keeping discipline: rejected
    sheet.parent.save(book)
    for lang, line in (("vi", "Không có trong danh sách: 2 hồ sơ được chấm nhưng chưa đạt, 1 hồ sơ bị loại"),
                       ("en", "Not on the list: scored but not recognised 2, rejected 1")):
        out = tmp_path / f"{lang}.xlsx"
        result = runner.invoke(cli, ["--lang", lang, "report", "-c", "don-vi-hoc-tap-tt24-huyen", str(book), "-o", str(out)])
        assert result.exit_code == 1, result.output
        cells = [r[0] for r in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True)]
        at = cells.index(line)
        assert cells[at - 1] == {"vi": "Đã đọc 4 hồ sơ: 3 được chấm, 1 bị loại", "en": "4 records read: 3 scored, 1 rejected"}[lang]
        assert cells[at - 2] == {"vi": "Tổng cộng", "en": "Total"}[lang]   # DV-001, listed alone


def _claimed_levels(tmp_path: Path) -> Path:
    """The district example with each unit's claimed level, as a unit types it."""
    rows = list(csv.reader(HUYEN.open(encoding="utf-8-sig")))
    rows[0].append("Tự đánh giá (kết quả)")
    for i, row in enumerate(rows[1:]):
        row.append(("Mức độ 2", "Mức độ 1", "Chưa đạt")[i % 3])
    path = tmp_path / "tu-danh-gia.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_the_verify_screen_of_a_levels_pack_has_no_empty_total_columns(runner, cli, tmp_path):
    """TT 24 and TT 25 give levels, no points: 'Tổng điểm' and 'Tự đánh giá (tổng điểm)' were empty on every row
    of the screen's table, their width taken from what differs. A points pack keeps them."""
    result = runner.invoke(cli, ["verify", "-c", "don-vi-hoc-tap-tt24-huyen", str(_claimed_levels(tmp_path))])
    head = result.stdout.splitlines()[0].split()
    assert head[:6] == ["Vị", "trí", "Mã", "Kết", "quả", "Tự"] and "Tổng" not in head, result.stdout
    assert "(tổng điểm)" not in result.stdout.splitlines()[1]
    citizens = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"),
                                   "--sheet", "Tự đánh giá"])
    assert "Tổng" in citizens.stdout.splitlines()[0], citizens.output


def test_no_claim_column_for_a_levels_pack_names_no_total_to_add(runner, cli):
    result = runner.invoke(cli, ["verify", "-c", "don-vi-hoc-tap-tt24-huyen", str(HUYEN)])
    assert result.exit_code == 2
    assert result.stderr == (f"lỗi: không có cột tự đánh giá trong {HUYEN}: thêm cột tu_danh_gia_ket_qua (Tự đánh giá "
                             "(kết quả)) hoặc tu_danh_gia_<mã chỉ số> (Tự đánh giá 1.1); bộ tiêu chí này xếp theo mức, "
                             "không cho điểm\n")


@pytest.mark.parametrize("lang, said", [
    ("vi", "cảnh báo: 3 hồ sơ ghi tổng điểm tự đánh giá (DV-001, DV-002, DV-003) mà bộ tiêu chí này xếp theo mức, không "
           "cho điểm: tổng điểm đó không được đối chiếu; ghi mức tự đánh giá vào cột 'Tự đánh giá (kết quả)' (ví dụ "
           "'Mức độ 1') và đạt/không đạt từng chỉ tiêu vào các cột 'Tự đánh giá <mã chỉ số>'"),
    ("en", "warning: 3 records give a self-assessed total (DV-001, DV-002, DV-003) but this pack grades by levels and "
           "gives no points: that total is not compared; write the claimed level in the column 'Tự đánh giá (kết quả)' "
           "(e.g. 'Mức độ 1') and each indicator's met/not met in the columns 'Tự đánh giá <indicator id>'")])
def test_a_claimed_total_on_a_levels_pack_is_said_not_set_aside_in_silence(runner, cli, tmp_path, lang, said):
    """A unit's '9,5' under 'Tự đánh giá (tổng điểm)' was read and then ignored without a word: TT 24 gives levels."""
    path = _claimed_levels(tmp_path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[0].append("Tự đánh giá (tổng điểm)")
    for i, row in enumerate(rows[1:]):
        row.append("9,5" if i < 3 else "")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    result = runner.invoke(cli, ["--lang", lang, "verify", "-c", "don-vi-hoc-tap-tt24-huyen", str(path)])
    assert said in result.stderr.splitlines(), result.stderr
    plain = runner.invoke(cli, ["verify", "-c", "don-vi-hoc-tap-tt24-huyen", str(_claimed_levels(tmp_path))])
    assert "tổng điểm tự đánh giá" not in plain.stderr
