"""Self-check for a person to keep: what the points are and who grades them, the answers saved to
load again, and the result on one printed page."""
from __future__ import annotations

import json
import re

import pytest

import yaml
from pypdf import PdfReader

from scoring import resolve_pack
from scoring.selfcheck.printout import points_note
from scoring.selfcheck.questionnaire import Questionnaire

ANSWERS = {"group": 2, "1.1": 9, "1.2": 9, "1.3": 8, "1.4": 8, "2.1": 9, "2.2": 4, "2.3": 9, "2.4": 8, "3.1": 8,
           "3.2": "7,5"}
UNIT = {"loai_don_vi": "Doanh nghiệp", "tc1_ct1": "có", "tc1_ct2": True, "tc1_ct4": "có", "tc1_ct5": "không",
        "ty_le_chap_hanh_ky_luat": 95, "ty_le_hoan_thanh_boi_duong": "92,5", "ty_le_chuyen_doi_so": 96,
        "ty_le_lao_dong_tien_tien": 91, "tc3_ct2": "có", "danh_hieu_thi_dua": "Tập thể lao động tiên tiến"}


def flat(path):
    reader = PdfReader(str(path))
    return len(reader.pages), " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_the_points_are_said_to_come_from_the_grading_under_the_pack_text():
    citizen = points_note(resolve_pack("cong-dan-hoc-tap").pack)
    assert "Quyết định 324/QĐ-KHVN" in citizen and "Hội Khuyến học cơ sở" in citizen
    assert "từ 0 đến 10 điểm, tổng 100 điểm" in citizen and "không chấm thay" in citizen
    assert "Quyết định 244/QĐ-KHVN" in points_note(resolve_pack("cong-dan-hoc-tap-qd244").pack)
    unit = points_note(resolve_pack("don-vi-hoc-tap-tt22").pack)
    assert "UBND cấp tỉnh" in unit and "Điều 8, khoản 1, điểm b" in unit and "Hội Khuyến học" not in unit
    levels = points_note(resolve_pack("don-vi-hoc-tap-tt24-huyen").pack)
    assert levels.startswith("Bộ tiêu chí này không chấm điểm") and "Thông tư 24/2023/TT-BGDĐT" in levels
    assert "graded" in points_note(resolve_pack("cong-dan-hoc-tap").pack, "en")
    # said before the first question, too
    assert citizen in Questionnaire(resolve_pack("cong-dan-hoc-tap")).intro()


def test_answers_saved_load_again_to_the_same_result(runner, cli, tmp_path):
    given = tmp_path / "tra-loi.json"
    given.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")
    saved = tmp_path / "luu.yaml"
    first = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(given), "--luu", str(saved), "-f", "json"])
    assert first.exit_code == 0, first.output
    assert f"đã lưu câu trả lời vào {saved} (chạy lại: hoctap check -c cong-dan-hoc-tap --answers {saved})" in first.stderr
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Câu trả lời tự kiểm tra — Công dân học tập")
    assert f"--answers {saved.name}" in text.splitlines()[1]
    assert yaml.safe_load(text) == {**ANSWERS, "group": "2", "3.2": 7.5}
    again = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(saved), "-f", "json"])
    one, two = json.loads(first.stdout), json.loads(again.stdout)
    assert {k: v for k, v in one.items() if k not in ("where", "provenance")} == \
        {k: v for k, v in two.items() if k not in ("where", "provenance")}
    assert one["total"] == 79.5
    # a user's file is never overwritten; the answers go to .yaml or .json
    for name, says in (("luu.yaml", "đã có"), ("luu.txt", ".yaml hoặc .json")):
        refused = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(given), "--luu", str(tmp_path / name)])
        assert refused.exit_code == 2 and says in refused.output
    assert saved.read_text(encoding="utf-8") == text


def test_answers_typed_in_the_terminal_are_saved(runner, cli, tmp_path):
    saved = tmp_path / "tu-kiem-tra.json"
    typed = "\n".join(["1", "9", "9", "8", "8", "9", "4", "9", "8", "8", "8"]) + "\n"
    result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "--save", str(saved)], input=typed)
    assert result.exit_code == 0, result.output
    assert "Hội Khuyến học cơ sở" in result.stdout          # the intro says where the points come from
    assert json.loads(saved.read_text(encoding="utf-8"))["2.2"] == 4


def test_the_result_prints_on_one_page(runner, cli, tmp_path):
    given = tmp_path / "a.json"
    given.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ket-qua.pdf"
    result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(given), "--pdf", str(out)])
    assert result.exit_code == 0, result.output
    assert "Điểm lấy từ đâu: Điểm ở đây là điểm chấm theo Quyết định 324/QĐ-KHVN" in result.stdout
    pages, text = flat(out)
    assert pages == 1
    for part in ("PHIẾU KẾT QUẢ TỰ KIỂM TRA", "Công dân học tập (Quyết định 324/QĐ-KHVN)",
                 "Kết quả: Chưa đạt danh hiệu Công dân học tập", "Sử dụng ngoại ngữ theo yêu cầu công việc", "4/10",
                 "7,5/10", "chưa đạt", "Điểm lấy từ đâu", "Hội Khuyến học cơ sở", "chưa phải quyết định công nhận",
                 "NGƯỜI TỰ KIỂM TRA", "(Ký, ghi rõ họ tên)"):
        assert part in text, part
    bad = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(given), "--pdf", str(tmp_path / "x.txt")])
    assert bad.exit_code == 2 and ".pdf" in bad.output


def _unit_pdf(runner, cli, tmp_path, answers: dict) -> tuple[int, str]:
    """A TT 24 unit's answers through ``hoctap check --pdf``: the printout's pages and text."""
    given = tmp_path / "don-vi.json"
    given.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "don-vi.pdf"
    result = runner.invoke(cli, ["check", "-c", "don-vi-hoc-tap-tt24-huyen", "-a", str(given), "--pdf", str(out)])
    assert result.exit_code == 0, result.output
    return flat(out)


def test_a_unit_with_many_indicators_still_gets_one_page(runner, cli, tmp_path):
    pages, text = _unit_pdf(runner, cli, tmp_path, UNIT)
    assert pages == 1
    # state budget: not asked of a business, named by its number and words, never by the code tc1_ct3
    assert "Không áp dụng cho đơn vị này (không tính): 1.2 (Nhà trẻ" in text and "1.3 (Bố trí đủ kinh phí" in text
    assert "không chấm điểm" in text
    assert re.findall(r"\btc\d+_ct\w*", text) == []


def test_a_unit_far_from_every_level_still_gets_one_page_to_sign(runner, cli, tmp_path):
    """Every indicator short: the table and the long 'still missing' list both fill the page, and
    the signature must not fall on a second sheet."""
    low = {"loai_don_vi": "ubnd_xa", **{f"tc1_ct{n}": "có" for n in range(1, 6)}, "tc3_ct2": "có",
           "danh_hieu_thi_dua": "khong_co", **{name: 1 for name in (
               "ty_le_chap_hanh_ky_luat", "ty_le_hoan_thanh_boi_duong", "ty_le_chuyen_doi_so",
               "ty_le_chung_chi_ngoai_ngu", "ty_le_trinh_do_ngoai_ngu", "ty_le_lao_dong_tien_tien",
               "ty_le_thanh_vien_cdht")}}
    pages, text = _unit_pdf(runner, cli, tmp_path, low)
    assert pages == 1
    assert "2.1 Tối thiểu 90% Thành viên tuân thủ" in text and "NGƯỜI TỰ KIỂM TRA" in text
    assert re.findall(r"\btc\d+_ct\w*", text) == []


def _asked(result):
    """Did the questionnaire start (its intro says where the points come from)?"""
    return "Hội Khuyến học cơ sở" in result.output


@pytest.mark.parametrize("option,name", [("--luu", "tra-loi.yaml"), ("--pdf", "ket-qua.pdf")])
def test_a_file_that_cannot_be_written_is_refused_before_the_first_question(runner, cli, tmp_path, option, name):
    # a missing folder was found only once every question had been answered, and the answers were lost
    target = tmp_path / "khong-co" / name
    result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", option, str(target)], input="")
    assert result.exit_code == 2 and not _asked(result), result.output
    assert f"thư mục '{tmp_path / 'khong-co'}' không tồn tại" in result.stderr


@pytest.mark.parametrize("option,name", [("--luu", "tra-loi.yaml"), ("--pdf", "ket-qua.pdf")])
def test_a_folder_that_takes_no_file_is_refused_before_the_first_question(runner, cli, tmp_path, monkeypatch,
                                                                          option, name):
    # as a read-only folder answers (simulated: the tests may run as root, whom no permission stops)
    import errno
    import os
    import scoring.results.output as output

    real_open = os.open

    def refused(path, *args, **kwargs):
        if str(path).startswith(str(tmp_path)):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(output.os, "open", refused)
    result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", option, str(tmp_path / name)], input="")
    monkeypatch.setattr(output.os, "open", real_open)
    assert result.exit_code == 2 and not _asked(result), result.output
    assert f"không ghi được vào '{tmp_path}'" in result.stderr and not list(tmp_path.iterdir())


def test_an_existing_pdf_is_never_replaced(runner, cli, tmp_path):
    # the printout is the person's own document, as the saved answers are: refused before the first question
    out = tmp_path / "ket-qua.pdf"
    out.write_bytes(b"%PDF- a signed copy")
    for lang, says in (("vi", "đã có: không ghi đè lên tệp của người dùng"), ("en", "exists: a user's file is never overwritten")):
        result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "--pdf", str(out), "--lang", lang], input="")
        assert result.exit_code == 2 and says in result.stderr and not _asked(result), result.output
    assert out.read_bytes() == b"%PDF- a signed copy"


def test_the_printout_says_the_fewest_points_in_all_as_the_screen_does(runner, cli, tmp_path):
    given = tmp_path / "a.json"
    given.write_text(json.dumps({**ANSWERS, "2.2": 3, "2.3": 4}), encoding="utf-8")   # 73,5 in all
    out = tmp_path / "ket-qua.pdf"
    result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(given), "--pdf", str(out)])
    least = "Ít nhất phải thêm 6,5 điểm: 3 điểm để đưa các chỉ số trên lên mức tối thiểu, 3,5 điểm nữa ở chỉ số bất kỳ còn có thể tăng."
    assert result.exit_code == 0 and f"  {least}\n" in result.stdout
    assert least in flat(out)[1]


def test_the_result_names_the_group_or_unit_type_it_is_for(runner, cli, tmp_path):
    """Which self-assessment form (the group) or which unit type decides what applies: the page to
    sign said 'Không áp dụng cho đơn vị này' without saying which unit type was answered."""
    unit = tmp_path / "don-vi.json"
    unit.write_text(json.dumps(UNIT, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "don-vi.pdf"
    result = runner.invoke(cli, ["check", "-c", "don-vi-hoc-tap-tt24-huyen", "-a", str(unit), "--pdf", str(out)])
    kind = "Loại đơn vị: Doanh nghiệp, hợp tác xã, tổ chức kinh tế khác thuộc cấp huyện"
    assert result.stdout.startswith(
        f"Kết quả tự kiểm tra — Đơn vị học tập cấp huyện (Thông tư 24/2023/TT-BGDĐT)\n{kind}\nKết quả: Chưa đạt\n")
    assert f"{kind} Kết quả: Chưa đạt" in flat(out)[1]
    citizen = tmp_path / "a.json"
    citizen.write_text(json.dumps(ANSWERS), encoding="utf-8")
    result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(citizen), "--lang", "en"])
    assert result.stdout.splitlines()[1] == "Subject group: Workers"
    as_json = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(citizen), "-f", "json"]).stdout
    assert "Người lao động" not in as_json   # the JSON object stays 'score's, the group as its code


def test_an_indicator_that_does_not_apply_is_named_once_on_the_page(runner, cli, tmp_path):
    """A primary school: 3.1 (its learners) does not apply at level 1 nor level 2; the page said
    '3.1 (Cơ sở giáo dục cấp huyện có Người học…)' twice in the one line."""
    school = {"loai_don_vi": "pho_thong_cong_lap", **{f"tc1_ct{n}": "có" for n in range(1, 6)}}
    text = _unit_pdf(runner, cli, tmp_path, school)[1]
    line = text[text.index("Không áp dụng cho đơn vị này"):text.index("Còn thiếu")]
    assert line.count("3.1 (Cơ sở giáo dục cấp huyện có Người học…)") == 1, line
