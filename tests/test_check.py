"""`hoctap check`: the questionnaire as a person meets it (typed lines, typos, going back, stopping
half-way) and as a program uses it (--answers, --format json), checked against `hoctap score`."""
import io
import signal
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT, without_run
from scoring import load_pack_text, resolve_pack, score_files
import scoring.results.render as render
from scoring.errors import AnswerError
from scoring.records.rows import read_records
from scoring.records.validate import RecordValidator, header_key
from scoring.selfcheck.questionnaire import Questionnaire, check_answers

CDHT = "cong-dan-hoc-tap"
IDS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
EIGHTY_WITH_A_FOUR = [9, 9, 8, 8, 9, 4, 9, 8, 8, 8]   # 80 in all, 2.2 = 4


def lines(*answers):
    return "".join(f"{a}\n" for a in answers)


def cdht_answers(points, group="1"):
    return {"group": group, **dict(zip(IDS, points))}


# --- the questionnaire (library) ---------------------------------------------------------

def test_questions_come_from_the_pack_group_first_then_inputs_in_order():
    q = Questionnaire(resolve_pack(CDHT))
    assert [x.name for x in q.questions] == ["group", *IDS]
    first, twenty_two = q.questions[0], q.questions[6]
    assert first.choices[0] == "Người dân trong xã" and len(first.choices) == 4
    assert twenty_two.title == "Chỉ số 2.2: Sử dụng ngoại ngữ theo yêu cầu công việc"
    assert twenty_two.instruction.startswith("Nhập điểm từ 0 đến 10")
    assert twenty_two.section == "Năng lực sử dụng các công cụ học tập và làm việc (công cụ tương tác)"


@pytest.mark.parametrize("typed,message", [
    ("11", "11 lớn hơn mức tối đa 10"),
    ("-1", "-1 nhỏ hơn mức tối thiểu 0"),
    ("tám", "«tám» không phải là một số"),
    ("", "câu này cần câu trả lời"),
])
def test_a_bad_answer_is_refused_with_the_reason_and_the_question_stays(typed, message):
    q = Questionnaire(resolve_pack(CDHT))
    q.reply("1")
    reply = q.reply(typed)
    assert reply.kind == "invalid"
    assert message in reply.message and "Nhập điểm từ 0 đến 10" in reply.message
    assert q.current.name == "1.1" and "1.1" not in q.answers


@pytest.mark.parametrize("lang,typed,message", [
    ("vi", "10,5", "Chưa hợp lệ: 10,5 lớn hơn mức tối đa 10."),
    ("vi", "99999999999999999999", "Chưa hợp lệ: 100000000000000000000 lớn hơn mức tối đa 10."),
    ("vi", "-0.25", "Chưa hợp lệ: -0,25 nhỏ hơn mức tối thiểu 0."),
    ("en", "10,5", "Not valid: 10.5 is above the maximum 10."),
])
def test_a_refused_number_is_written_as_the_person_writes_numbers(lang, typed, message):
    """Not '10.5' in a Vietnamese sentence nor '1e+20', which no farmer reads as a number."""
    q = Questionnaire(resolve_pack(CDHT), lang)
    q.reply("1")
    assert q.reply(typed).message.startswith(message)


@pytest.mark.parametrize("lang,refused", [
    ("vi", "Chưa hợp lệ: 7,5 lớn hơn mức tối đa 5. Nhập điểm từ 0 đến 5 (có thể lẻ, ví dụ 3,5)."),
    ("en", "Not valid: 7.5 is above the maximum 5. Enter the points from 0 to 5 (decimals allowed, e.g. 3.5)."),
])
def test_the_example_of_a_decimal_is_one_the_question_accepts(lang, refused):
    """TT 22's 2b is worth 5 points: 'ví dụ 7,5' beside 'từ 0 đến 5' showed the very number it refused."""
    q = Questionnaire(resolve_pack("don-vi-hoc-tap-tt22"), lang)
    q.reply("1")   # the unit type
    while q.current.name != "2b":
        q.reply("5")
    assert q.reply("7,5").message == refused
    assert q.reply("3,5" if lang == "vi" else "3.5").kind == "next" and q.answers["2b"] == 3.5


def test_a_previous_decimal_answer_is_shown_as_it_is_typed():
    q = Questionnaire(resolve_pack(CDHT))
    q.reply("1"), q.reply("7.25"), q.reply("<")
    assert "Trả lời trước: 7,25 (nhấn Enter để giữ)" in q.screen()
    assert q.reply("").kind == "next" and q.answers["1.1"] == 7.25


@pytest.mark.parametrize("typed,value", [("7,5", 7.5), ("7.5", 7.5), ("10", 10.0), ("0", 0.0)])
def test_numbers_follow_the_batch_rules(typed, value):
    q = Questionnaire(resolve_pack(CDHT))
    q.reply("1")
    assert q.reply(typed).kind == "next"
    assert q.answers["1.1"] == value


@pytest.mark.parametrize("typed,code", [("2", "2"), ("Nhóm 3", "3"), ("người lao động", "2")])
def test_a_choice_is_its_number_in_the_list_or_any_name_a_record_may_use(typed, code):
    q = Questionnaire(resolve_pack(CDHT))
    assert q.reply(typed).kind == "next" and q.answers["group"] == code


def test_a_choice_outside_the_list_is_refused():
    q = Questionnaire(resolve_pack(CDHT))
    reply = q.reply("5")
    assert reply.kind == "invalid" and "«5» không có trong danh sách" in reply.message


def test_going_back_keeps_or_changes_an_answer():
    q = Questionnaire(resolve_pack(CDHT))
    assert q.reply("<").kind == "first" and q.position == 0
    for typed in ["1", "9", "9"]:
        q.reply(typed)
    assert q.current.name == "1.3"
    assert q.reply("<").kind == "back" and q.current.name == "1.2"
    assert "Trả lời trước: 9 (nhấn Enter để giữ)" in q.screen()
    assert q.reply("").kind == "next" and q.answers["1.2"] == 9     # Enter keeps it
    q.reply("<")
    q.reply("6")                                                    # a change of mind
    assert q.answers["1.2"] == 6 and q.current.name == "1.3"


def test_help_shows_the_condition_the_hint_and_the_reference():
    q = Questionnaire(resolve_pack(CDHT))
    q.reply("1")
    reply = q.reply("?")
    assert reply.kind == "help" and q.current.name == "1.1"
    assert "Cần: ít nhất 5" in reply.message
    assert "Căn cứ: Quyết định 324/QĐ-KHVN" in reply.message


def test_help_names_an_indicator_by_its_number_in_the_circular_never_its_code():
    """A commune clerk's '?' on primary-school universalisation read '[tc4_ct2_md1] Đạt chuẩn phổ cập …'."""
    q = Questionnaire(resolve_pack("cong-dong-hoc-tap-xa"))
    for answer in ["0", *["có"] * 10]:   # not a disadvantaged commune, criteria 1 to 3, pre-school
        q.reply(answer)
    assert q.current.name == "pcgd_tieu_hoc"
    shown = q.reply("?").message.splitlines()
    assert "[4.2] Đạt chuẩn phổ cập giáo dục tiểu học mức độ 2" in shown
    assert "[4.2] Đạt chuẩn phổ cập giáo dục tiểu học mức độ 3" in shown
    assert not any("tc4_" in line for line in shown), shown


def test_the_wording_lives_in_the_pack_so_a_council_can_change_it_without_code():
    text = (ROOT / "criteria" / f"{CDHT}.yaml").read_text(encoding="utf-8")
    assert "vi: Sử dụng ngoại ngữ theo yêu cầu công việc" in text
    edited = text.replace("vi: Sử dụng ngoại ngữ theo yêu cầu công việc", "vi: Dùng được tiếng Anh hoặc ngoại ngữ khác")
    q = Questionnaire(load_pack_text(edited, "edited.yaml"))
    for typed in ["1", "9", "9", "8", "8", "9"]:
        q.reply(typed)
    assert q.current.title == "Chỉ số 2.2: Dùng được tiếng Anh hoặc ngoại ngữ khác"
    assert "Minh chứng: Ví dụ (gợi ý, không phải danh mục chính thức): chứng chỉ ngoại ngữ" in q.reply("?").message


def test_the_unit_type_decides_which_questions_follow_and_a_change_drops_stale_answers():
    q = Questionnaire(resolve_pack("don-vi-hoc-tap-tt24-tinh"))
    q.reply("1")                                          # co_quan_tinh_uy: an agency
    names = [x.name for x in q.questions]
    assert "tc1_ct3" in names and "muc_do_chuyen_doi_so" not in names
    for typed in ["có", "có", "c"]:                        # tc1_ct1, tc1_ct2, tc1_ct3
        q.reply(typed)
    assert q.answers["tc1_ct3"] is True
    for _ in range(4):
        q.reply("<")
    assert q.current.name == "loai_don_vi"
    q.reply("doanh_nghiep")                               # a business: CT3 (state budget) does not apply
    names = [x.name for x in q.questions]
    assert "tc1_ct3" not in names and "ty_le_nguoi_hoc_cdht" not in names
    assert q.current.name == "tc1_ct1" and q.previous_answer("tc1_ct1") == "có"
    assert q.answers["tc1_ct3"] is True and "tc1_ct3" not in q.record()


def test_optional_questions_may_be_left_blank():
    q = Questionnaire(resolve_pack("don-vi-hoc-tap-tt24-huyen"))
    q.reply("5")                                          # to_chuc_khac
    assert q.current.optional and "để trống nếu chưa biết" in q.current.instruction
    assert q.reply("").kind == "next" and q.answers["tc1_ct1"] is None
    reply = q.reply("có lẽ")
    assert reply.kind == "invalid" and "«có lẽ» không phải có hay không" in reply.message


OTHER_RULES = """
format: hoctap/criteria@1
id: thu-nghiem
version: "1"
title: {vi: Bộ thử nghiệm}
valid_from: 2024-01-01
reference: {document: Thử nghiệm}
status: official
inputs:
  - {name: gio_hoc, type: number, unit: giờ}
  - {name: vi_pham, type: boolean}
criteria:
  - id: "1"
    label: {vi: Học tập}
    indicators:
      - {id: h, label: {vi: Số giờ học}, rule: {kind: at_least, input: gio_hoc, value: 40, strict: true, points: 5}}
      - {id: v, label: {vi: Vi phạm}, rule: {kind: yes_no, input: vi_pham, expected: false, points: 5}}
outcome:
  kind: bands
  bands:
    - {code: dat, label: {vi: Đạt}, min_total: 10}
    - {code: chua_dat, label: {vi: Chưa đạt}}
"""


def test_other_rule_kinds_are_asked_and_explained_in_plain_words():
    loaded = load_pack_text(OTHER_RULES, "thu-nghiem.yaml")
    q = Questionnaire(loaded)
    assert q.current.instruction == "Nhập một số"            # no range declared
    assert "Cần: trên 40 giờ" in q.reply("?").message
    assert q.reply("40").kind == "next"
    assert q.current.instruction == "Trả lời có hoặc không (c/k)"
    assert "Cần: không" in q.reply("?").message
    assert q.reply("có").kind == "next" and q.done
    text = render.check_text(q.result().explanation, loaded.pack)
    assert "Tổng điểm: 0/10" in text and "cần ít nhất 10, còn thiếu 10 điểm" in text


def test_every_shipped_example_gives_the_same_result_through_check_and_score():
    """For every pack: each example record, answered through the questionnaire, scores exactly
    like `score` scores it (the `where` aside: it names the file read)."""
    for path in sorted(EXAMPLES.glob("*.*")):
        loaded = resolve_pack(path.stem)
        columns = RecordValidator(loaded.pack).columns
        batch = {r.id: render.result_dict(r) for r in score_files(loaded, [path]).results()}
        for row in read_records(path):
            answers = {k: v for k, v in row.data.items() if header_key(k) in columns}  # no names, addresses
            result = render.result_dict(check_answers(loaded, answers, "answers"))
            assert result["id"] in batch
            assert without_run(result) == without_run(batch[result["id"]]), (path.name, result["id"])


def test_an_answers_mapping_names_the_question_that_fails():
    loaded = resolve_pack(CDHT)
    with pytest.raises(AnswerError) as bad:
        check_answers(loaded, {**cdht_answers(EIGHTY_WITH_A_FOUR), "2.2": "11"}, "a.yaml")
    assert str(bad.value).startswith("a.yaml: câu '2.2' (Chỉ số 2.2: Sử dụng ngoại ngữ")
    assert "11 lớn hơn mức tối đa 10" in str(bad.value)
    with pytest.raises(AnswerError) as missing:
        check_answers(loaded, {k: v for k, v in cdht_answers(EIGHTY_WITH_A_FOUR).items() if k != "3.2"}, "a.yaml")
    assert "câu '3.2'" in str(missing.value) and "câu này cần câu trả lời" in str(missing.value)
    with pytest.raises(AnswerError) as typo:
        check_answers(loaded, {**cdht_answers(EIGHTY_WITH_A_FOUR), "2,3": 8}, "a.yaml")
    assert "không có câu hỏi nào tên '2,3' (có phải là '2.3'?)" in str(typo.value)


UNIT_ANSWERS = {"loai_don_vi": "Doanh nghiệp", "tc1_ct1": "có", "tc1_ct2": True, "tc1_ct4": "có", "tc1_ct5": "không",
                "ty_le_chap_hanh_ky_luat": 95, "tc3_ct2": "có", "danh_hieu_thi_dua": "Tập thể lao động tiên tiến"}


def test_answers_saved_for_another_pack_name_the_pack_they_are_for():
    """A unit's answers given to Công dân học tập (or the other way): 'không có câu hỏi nào tên
    loai_don_vi: dùng tên cột như trong bộ tiêu chí' did not say the file was for another pack."""
    with pytest.raises(AnswerError) as unit:
        check_answers(resolve_pack(CDHT), UNIT_ANSWERS, "don-vi.json")
    assert str(unit.value) == (
        "don-vi.json: không có câu hỏi nào tên 'loai_don_vi' trong bộ tiêu chí này: các câu trả lời là của bộ tiêu chí "
        "'don-vi-hoc-tap-tt24-huyen' (Đơn vị học tập cấp huyện (Thông tư 24/2023/TT-BGDĐT)) hoặc "
        "'don-vi-hoc-tap-tt24-tinh' (Đơn vị học tập cấp tỉnh (Thông tư 24/2023/TT-BGDĐT))")
    with pytest.raises(AnswerError) as citizen:
        check_answers(resolve_pack("don-vi-hoc-tap-tt22"), cdht_answers(EIGHTY_WITH_A_FOUR), "a.yaml", "en")
    assert str(citizen.value).endswith(
        "no question is called 'group' in this criteria pack: the answers are for the criteria pack "
        "'cong-dan-hoc-tap' (Learning citizen (Decision 324/QĐ-KHVN)) or "
        "'cong-dan-hoc-tap-qd244' (Learning citizen (Decision 244/QĐ-KHVN))")
    with pytest.raises(AnswerError) as named:   # a key no pack asks: the usual message
        check_answers(resolve_pack(CDHT), {**cdht_answers(EIGHTY_WITH_A_FOUR), "ho_ten": "Nguyễn Văn A"}, "a.yaml")
    assert str(named.value) == "a.yaml: không có câu hỏi nào tên 'ho_ten': dùng tên cột như trong bộ tiêu chí"


# --- the command, typed as a person would (CliRunner) --------------------------------------

def test_eighty_points_with_one_indicator_at_four_names_that_indicator(runner, cli):
    result = runner.invoke(cli, ["check", "-c", CDHT], input=lines(1, *EIGHTY_WITH_A_FOUR))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Kết quả: Chưa đạt danh hiệu Công dân học tập" in out
    assert "Tổng điểm: 80/100" in out
    missing = out.split("Còn thiếu để đạt “Đạt danh hiệu Công dân học tập”:")[1]
    assert "  - Chỉ số 2.2 (Sử dụng ngoại ngữ theo yêu cầu công việc): 4/10, cần ít nhất 5\n" in missing
    assert "tổng điểm" not in missing          # 80 is enough: only the indicator at 4 is missing
    assert missing.count("  - ") == 1


def test_typos_out_of_range_and_a_change_of_mind(runner, cli):
    typed = lines("9", "1",                     # group 9 does not exist, then 1
                  "9", "9", "8", "8",           # competency 1: 34
                  "chín", "9",                  # a word, then the number
                  "4",                          # 2.2 = 4 …
                  "12", "9",                    # 2.3: out of range, then 9
                  "<", "<",                     # back to 2.2 …
                  "6",                          # … changed to 6
                  "",                           # 2.3: Enter keeps 9
                  "?", "8",                     # 2.4: a hint, then 8
                  "8", "7,5")                   # 3.1, 3.2 with a decimal comma
    result = runner.invoke(cli, ["check", "-c", CDHT], input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Chưa hợp lệ: «9» không có trong danh sách. Chọn một số từ 1 đến 4." in out
    assert "Chưa hợp lệ: «chín» không phải là một số." in out
    assert "Chưa hợp lệ: 12 lớn hơn mức tối đa 10." in out
    assert out.count("Quay lại câu trước.") == 2
    assert "Trả lời trước: 4 (nhấn Enter để giữ)" in out
    assert "Cần: ít nhất 5" in out             # the hint for 2.4
    # 34 + (9 + 6 + 9 + 8) + (8 + 7.5) = 81.5, every indicator at 5 or more
    assert "Kết quả: Đạt danh hiệu Công dân học tập" in out and "Tổng điểm: 81,5/100" in out
    assert "Đã đạt mức cao nhất của bộ tiêu chí." in out
    assert "Traceback" not in result.output


def test_input_ending_half_way_stops_cleanly_with_exit_1(runner, cli):
    result = runner.invoke(cli, ["check", "-c", CDHT], input=lines(1, 9, 9))
    assert result.exit_code == 1
    assert "Hết dữ liệu vào (Ctrl-D) khi còn 8 câu. Chưa có kết quả" in result.stderr
    assert "Kết quả:" not in result.stdout and "Traceback" not in result.output


def test_ctrl_c_stops_cleanly_with_exit_130(runner, cli, monkeypatch):
    """CliRunner cannot send a signal: the third line read raises KeyboardInterrupt, as Ctrl-C
    does in input(). The real signal is sent in test_a_real_terminal_session below."""
    real = Questionnaire.reply
    calls = []

    def reply(self, text):
        calls.append(text)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, text)
    monkeypatch.setattr(Questionnaire, "reply", reply)
    result = runner.invoke(cli, ["check", "-c", CDHT], input=lines(1, 9, 9, 9))
    assert result.exit_code == 130
    assert "Đã dừng (Ctrl-C). Chưa có kết quả; không có gì được lưu." in result.stderr
    assert "Traceback" not in result.output


def test_english_where_the_pack_has_it(runner, cli):
    result = runner.invoke(cli, ["check", "-c", CDHT, "--lang", "en"], input=lines(2, *EIGHTY_WITH_A_FOUR))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Question 7/11 · Indicator 2.2: Uses a foreign language as the job requires" in out
    assert "Enter the points from 0 to 10" in out
    assert "Outcome: Not recognised" in out
    assert "Indicator 2.2 (Uses a foreign language as the job requires): 4/10, needs at least 5" in out


def test_a_learning_unit_self_checks_before_submitting(runner, cli):
    typed = lines("8",                          # doanh_nghiep: no question on the state budget nor on languages
                  "có", "c", "có", "không",     # TC1 CT1, CT2, CT4, CT5
                  "95", "92,5", "95", "95", "", # TC2 shares (CT1, CT2, CT3, CT5); the CDHT share is not known yet
                  "có", "2")                    # TC3 CT2; title: Tập thể lao động tiên tiến
    result = runner.invoke(cli, ["check", "-c", "don-vi-hoc-tap-tt24-huyen"], input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Tiêu chí 1 – Chỉ tiêu 3" not in out and "ngoại ngữ" not in out
    assert "Câu 12/12" in out and "TẠM THỜI" not in out and "provisional" not in result.stderr
    assert "Kết quả: Chưa đạt" in out
    assert "Còn thiếu để đạt “Mức độ 1”:" in out
    assert "  - Tiêu chí 1 – Chỉ tiêu 5 — phục vụ học tập suốt đời cho người dân: không, cần có" in out
    assert "  - 3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập: chưa trả lời, cần ít nhất 90%" in out   # not tc3_ct1_md1
    assert "tc3_ct1_md1" not in out
    assert "(như nhau ở mức độ 1 và mức độ 2)  3/4 chỉ tiêu đạt" in out


def test_a_points_band_pack_says_how_many_points_are_missing(runner, cli):
    typed = lines(7, 10, 10, 10, 5, 10, 5, 15, 10, 0)    # TT22: 27 + 30 + 25 = 82 → khá
    result = runner.invoke(cli, ["check", "-c", "don-vi-hoc-tap-tt22"], input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Kết quả: Khá" in out and "Tổng điểm: 82/100" in out
    assert "  - tổng điểm 82/100: cần ít nhất 85, còn thiếu 3 điểm" in out
    assert ("  Có thể tăng điểm ở (nhiều nhất trước): chỉ số 3a 100% thành viên đáp ứng đầy đủ năng lực… (còn 10 điểm); "
            "chỉ số 3c Đơn vị góp phần xây dựng môi trường chia sẻ… (còn 5 điểm); "
            "chỉ số 1a Đơn vị có chủ trương, kế hoạch về việc học… (còn 3 điểm)") in out.splitlines()


# --- the command, non-interactive ---------------------------------------------------------

def test_answers_json_is_one_score_jsonl_line(runner, cli, tmp_path):
    answers = {"id": "CD-9", **cdht_answers(EIGHTY_WITH_A_FOUR)}
    yaml_file = tmp_path / "a.yaml"
    yaml_file.write_text("".join(f'"{k}": {v}\n' for k, v in answers.items()), encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(answers) + "\n", encoding="utf-8")

    checked = runner.invoke(cli, ["check", "-c", CDHT, "--answers", str(yaml_file), "--format", "json"])
    scored = runner.invoke(cli, ["score", "-c", CDHT, str(records), "--format", "jsonl"])
    assert checked.exit_code == 0 and scored.exit_code == 0, checked.output + scored.output
    assert len(checked.stdout.splitlines()) == 1
    one, other = json.loads(checked.stdout), json.loads(scored.stdout)
    assert (one.pop("where"), other.pop("where")) == (f"{yaml_file}:1", f"{records}:1")
    assert without_run(one) == without_run(other)
    assert one["outcome"] == "chua_dat" and one["total"] == 80
    assert "chỉ số 2.2 được 4 điểm, cần 5 điểm trở lên" in one["explanation"]


def test_answers_text_with_aliases_and_json_file(runner, cli, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"Nhóm đối tượng": "Nhóm 2", **{f"Chỉ số {k}": 10 for k in IDS}}), encoding="utf-8")
    result = runner.invoke(cli, ["check", "-c", CDHT, "-a", str(path)])
    assert result.exit_code == 0, result.output
    assert "Kết quả: Đạt danh hiệu Công dân học tập" in result.stdout and "Tổng điểm: 100/100" in result.stdout
    assert "Câu 1/" not in result.output      # no questions asked


@pytest.mark.parametrize("text,name,message", [
    ('group: 1\n"2.2": 11\n', "a.yaml", "câu '1.1' (Chỉ số 1.1: Tìm kiếm"),
    ("group: 1\n" + "".join(f'"{k}": 8\n' for k in IDS).replace('"2.2": 8', '"2.2": 11'), "a.yaml",
     "câu '2.2' (Chỉ số 2.2: Sử dụng ngoại ngữ theo yêu cầu công việc): Chưa hợp lệ: 11 lớn hơn mức tối đa 10"),
    ("group: 7\n", "a.yaml", "câu 'group' (Nhóm đối tượng): Chưa hợp lệ: «7» không có trong danh sách"),
    ("grup: 1\n", "a.yaml", "không có câu hỏi nào tên 'grup' (có phải là 'group'?)"),
    ('group: 1\ngroup: 2\n', "a.yaml", "'group' được trả lời hai lần (dòng 1 và 2)"),
    ('group: [1\n', "a.yaml", "không phải YAML hợp lệ"),
    ("", "a.yaml", "tệp trống"),
    ("- 1\n- 2\n", "a.yaml", "cần một bảng câu hỏi → câu trả lời"),
    ('{"group": 1,}', "a.json", "không phải JSON hợp lệ ở dòng 1"),
    ("group: 1\n", "a.csv", "loại tệp '.csv' không đọc được"),
])
def test_bad_answers_files_exit_2_naming_the_question(runner, cli, tmp_path, text, name, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["check", "-c", CDHT, "--answers", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.output


def test_json_asked_in_a_pipe_keeps_stdout_for_the_result():
    typed = lines(1, *EIGHTY_WITH_A_FOUR)
    done = subprocess.run([sys.executable, "cli.py", "check", "-c", CDHT, "--format", "json"], cwd=ROOT,
                          input=typed, capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    assert "Câu 11/11" in done.stderr
    result = json.loads(done.stdout)        # stdout is the JSON line and nothing else
    assert result["outcome"] == "chua_dat" and result["where"] == "<terminal>:1"


# --- a real terminal ------------------------------------------------------------------------

def test_a_real_terminal_session():
    """In a pseudo-terminal: typos, going back, a hint, then Ctrl-C (a real SIGINT) and,
    in a second run, a finished check with 80 points and 2.2 at 4."""
    pexpect = pytest.importorskip("pexpect")
    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8",
           "HOCTAP_CACHE_DIR": os.environ["HOCTAP_CACHE_DIR"]}   # the test run's pack cache (conftest.py)
    seen = io.StringIO()                          # everything the terminal showed, all runs

    def spawn():
        # a job started in the background by a script inherits Ctrl-C ignored; a person's terminal does not
        child = pexpect.spawn(sys.executable, ["cli.py", "check", "-c", CDHT], cwd=str(ROOT), env=env,
                              encoding="utf-8", timeout=30,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        child.logfile_read = seen
        return child

    def exit_status(child):
        child.expect(pexpect.EOF)
        child.close()
        return child.exitstatus

    child = spawn()
    child.expect_exact("Câu 1/11 · Nhóm đối tượng")
    child.expect_exact("> ")
    child.sendline("9")
    child.expect_exact("«9» không có trong danh sách")
    child.sendline("1")
    child.expect_exact("Câu 2/11 · Chỉ số 1.1")
    child.sendline("11")
    child.expect_exact("11 lớn hơn mức tối đa 10")
    child.sendline("9")
    child.expect_exact("Câu 3/11")
    child.sendline("<")
    child.expect_exact("Trả lời trước: 9 (nhấn Enter để giữ)")
    child.sendline("?")
    child.expect_exact("Cần: ít nhất 5")
    child.sendintr()
    child.expect_exact("Đã dừng (Ctrl-C).")
    assert exit_status(child) == 130

    child = spawn()
    for answer in [1, *EIGHTY_WITH_A_FOUR]:
        child.expect_exact("> ")
        child.sendline(str(answer))
    child.expect_exact("Tổng điểm: 80/100")
    child.expect_exact("Chỉ số 2.2 (Sử dụng ngoại ngữ theo yêu cầu công việc): 4/10, cần ít nhất 5")
    assert exit_status(child) == 0

    child = spawn()
    child.expect_exact("> ")
    child.sendline("1")
    child.expect_exact("> ")
    child.sendeof()
    child.expect_exact("Hết dữ liệu vào (Ctrl-D) khi còn 10 câu.")
    assert exit_status(child) == 1
    assert "Traceback" not in seen.getvalue()


@pytest.mark.parametrize("points,least", [
    # 72 in all, 2.2 at 3 and 2.3 at 4: 3 of the 8 points short go to bring them to 5
    ([10, 10, 10, 10, 10, 3, 4, 5, 5, 5],
     "Ít nhất phải thêm 8 điểm: 3 điểm để đưa các chỉ số trên lên mức tối thiểu, 5 điểm nữa ở chỉ số bất kỳ còn có thể tăng."),
    # 70 in all, three indicators at 0: 10 points short, but bringing them to 5 takes 15, and that is enough
    ([10, 10, 10, 10, 10, 10, 10, 0, 0, 0],
     "Ít nhất phải thêm 15 điểm: chỉ cần đưa các chỉ số trên lên mức tối thiểu, tổng điểm sẽ đủ."),
])
def test_what_is_missing_says_the_fewest_points_in_all_when_indicators_are_under_their_minimum(points, least):
    """'còn thiếu 10 điểm' beside three indicators at 0 that need 5 read as 10 points (or 25): the
    points that bring them to 5 count in the total, so the check, its printout and the person's
    explanation say the fewest points in all, the same words in each."""
    loaded = resolve_pack(CDHT)
    result = check_answers(loaded, cdht_answers(points), "form")
    assert f"\n  {least}\n" in render.check_text(result.explanation, loaded.pack) + "\n"
    assert f"\n{least}\n" in render.render_explanation(result.explanation, "text")


def test_the_fewest_points_line_is_left_out_when_only_the_total_or_only_an_indicator_is_short():
    loaded = resolve_pack(CDHT)
    for points in ([8, 8, 7.5, 8, 8, 8, 8, 8, 8, 8], EIGHTY_WITH_A_FOUR):   # 79,5 in all; 80 with 2.2 at 4
        e = check_answers(loaded, cdht_answers(points), "form").explanation
        assert "Ít nhất phải thêm" not in render.check_text(e, loaded.pack) + render.render_explanation(e, "text")


def test_the_fewest_points_in_english():
    loaded = resolve_pack(CDHT)
    e = check_answers(loaded, cdht_answers([10, 10, 10, 10, 10, 10, 10, 10, 10, 4]), "form", "en").explanation
    assert not e.next.points_needed and "At least" not in render.check_text(e, loaded.pack)   # 94: only 3.2 is short
    e = check_answers(loaded, cdht_answers([10, 10, 10, 10, 2, 2, 10, 10, 10, 4]), "form", "en").explanation
    assert ("At least 7 points more in all: bringing the indicators above up to the minimum is enough for the total as well."
            in render.check_text(e, loaded.pack))


def test_a_yes_in_an_answers_file_for_points_is_shown_as_yes_not_as_true():
    """YAML reads 'yes' unquoted as a boolean; the refusal said «True» is not a number."""
    with pytest.raises(AnswerError) as bad:
        check_answers(resolve_pack(CDHT), {**cdht_answers(EIGHTY_WITH_A_FOUR), "2.2": True}, "a.yaml")
    assert "Chưa hợp lệ: «có» không phải là một số." in str(bad.value)


# --- a dated pack, checked today (the check has no assessment date: it is about now) -----------

DISTRICT = "don-vi-hoc-tap-tt24-huyen"
UNIT_ANSWERS = {"loai_don_vi": "doanh_nghiep", "tc1_ct1": "có", "tc1_ct2": "có", "tc1_ct4": "có", "tc1_ct5": "không",
                "ty_le_chap_hanh_ky_luat": 95, "ty_le_hoan_thanh_boi_duong": "92,5", "ty_le_chuyen_doi_so": 96,
                "ty_le_lao_dong_tien_tien": 91, "tc3_ct2": "có", "danh_hieu_thi_dua": "tap_the_lao_dong_tien_tien"}
AFTER_THE_TIER = "1764892800"    # 05/12/2025: the district tier ended on 01/07/2025
BEFORE_THE_TIER = "1748736000"   # 01/06/2025
TT22_DAYS = "1685577600"         # 01/06/2023: TT 22 still in force for the district units' model
NO_PACK_YET = "1577836800"       # 01/01/2020: no pack of the model in force


def _unit_file(tmp_path):
    path = tmp_path / "don-vi.json"
    path.write_text(json.dumps(UNIT_ANSWERS, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _district_warning(lang):
    return resolve_pack(DISTRICT).pack.warn_after.text.get(lang)


@pytest.mark.parametrize("name", [DISTRICT, "don-vi-hoc-tap-huyen"])   # the pack, or its model
def test_a_district_pack_checked_after_the_tier_ended_warns_by_todays_date(runner, cli, tmp_path, monkeypatch, name):
    """A unit head checking today reads the warning 'hoctap score' gives a record dated today, saying
    that the date is today's; a model name means its pack in force today, and says which."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_THE_TIER)
    answers = _unit_file(tmp_path)
    out = runner.invoke(cli, ["check", "-c", name, "-a", answers, "--pdf", str(tmp_path / "phieu.pdf")])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[3:5] == [
        "Áp dụng theo ngày: 05/12/2025 (ngày hôm nay) — bộ tiêu chí don-vi-hoc-tap-tt24-huyen, có hiệu lực từ 26/01/2024",
        f"Cảnh báo: {_district_warning('vi')} (ngày đánh giá 05/12/2025, theo ngày hôm nay)"]
    from pypdf import PdfReader
    printed = re.sub(r"\s+", " ", PdfReader(tmp_path / "phieu.pdf").pages[0].extract_text())
    assert "Cảnh báo: Từ 01/07/2025 chính quyền địa phương không còn cấp huyện" in printed
    assert "(ngày đánh giá 05/12/2025, theo ngày hôm nay)" in printed and "Ngày in: 05/12/2025" in printed
    as_json = json.loads(runner.invoke(cli, ["check", "-c", name, "-a", answers, "-f", "json"]).stdout)
    assert as_json["warnings"] == [f"{_district_warning('vi')} (ngày đánh giá 2025-12-05, theo today)"]
    assert (as_json["criteria"]["id"], as_json["provenance"]["as_of"], as_json["provenance"]["as_of_source"]) == \
           (DISTRICT, "2025-12-05", "today")
    en = runner.invoke(cli, ["--lang", "en", "check", "-c", name, "-a", answers]).stdout.splitlines()
    assert en[3:5] == [
        "In force on: 2025-12-05 (today's date) — criteria pack don-vi-hoc-tap-tt24-huyen, valid from 2024-01-26",
        f"Warning: {_district_warning('en')} (assessment date 2025-12-05, from today's date)"]


def test_the_questions_start_with_the_warning_when_the_pack_warns_today(runner, cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_THE_TIER)
    out = runner.invoke(cli, ["check", "-c", DISTRICT], input="").stdout.splitlines()
    assert out[2] == ("Áp dụng theo ngày: 05/12/2025 (ngày hôm nay) — bộ tiêu chí don-vi-hoc-tap-tt24-huyen, "
                      "có hiệu lực từ 26/01/2024")
    assert out[3] == f"Cảnh báo: {_district_warning('vi')} (ngày đánh giá 05/12/2025, theo ngày hôm nay)"


def test_a_district_pack_checked_before_the_tier_ended_is_not_warned(runner, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_THE_TIER)
    out = runner.invoke(cli, ["check", "-c", DISTRICT, "-a", _unit_file(tmp_path), "-f", "json"])
    assert out.exit_code == 0 and "warnings" not in json.loads(out.stdout)
    text = runner.invoke(cli, ["check", "-c", DISTRICT, "-a", _unit_file(tmp_path)]).stdout
    assert "Cảnh báo" not in text and "Áp dụng theo ngày: 01/06/2025 (ngày hôm nay)" in text


def test_a_model_checked_today_takes_the_pack_in_force_today_and_says_which(runner, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TT22_DAYS)
    answers = tmp_path / "tt22.yaml"
    answers.write_text("".join(f'"{k}": {v}\n' for k, v in zip(["1a", "1b", "1c", "2a", "2b", "2c", "2d", "3a", "3b", "3c"],
                                                               [7, 10, 10, 10, 5, 10, 5, 15, 10, 0])), encoding="utf-8")
    out = runner.invoke(cli, ["check", "-c", "don-vi-hoc-tap-huyen", "-a", str(answers)])
    assert out.exit_code == 0, out.output
    assert ("Áp dụng theo ngày: 01/06/2023 (ngày hôm nay) — bộ tiêu chí don-vi-hoc-tap-tt22, "
            "có hiệu lực từ 21/09/2020 đến 25/01/2024") in out.stdout.splitlines()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NO_PACK_YET)
    none = runner.invoke(cli, ["check", "-c", "don-vi-hoc-tap-huyen", "-a", str(answers)])
    assert none.exit_code == 2 and none.stdout == ""
    assert none.stderr == ("lỗi: không có bộ tiêu chí nào của mô hình 'don-vi-hoc-tap-huyen' có hiệu lực hôm nay "
                           "(01/01/2020): gần nhất don-vi-hoc-tap-tt22 (hiệu lực từ 21/09/2020 đến 25/01/2024: chỉ bắt "
                           "đầu có hiệu lực sau ngày đó). Hãy ghi rõ tên bộ tiêu chí muốn tự kiểm tra ('hoctap packs' "
                           "liệt kê)\n")


def test_a_pack_that_never_warns_keeps_its_result_undated(runner, cli, tmp_path, monkeypatch):
    """Only a pack that can warn by date is given today's date: a citizen's result (its result id
    and provenance) stays what it was."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_THE_TIER)
    result = check_answers(resolve_pack(CDHT), cdht_answers(EIGHTY_WITH_A_FOUR), "form")
    assert result.provenance.as_of is None and result.warnings == () and result.explanation.in_force is None


# --- where points can still be gained: one sentence in check and explain -------------------------

def test_check_and_explain_say_where_points_can_be_gained_in_the_same_sentence():
    """'hoctap check' listed every indicator as '(7,5/10)', 'hoctap explain' five as '(còn 2,5 điểm)' and
    then '…': a person comparing the two read two answers. Now one sentence, the rest in one count."""
    loaded = resolve_pack(CDHT)
    e = check_answers(loaded, cdht_answers([9, 9, 9, 6, 3, 7, 9, 9, 9, "7,5"]), "form").explanation   # 77,5 in all
    gain = ("Có thể tăng điểm ở (nhiều nhất trước): chỉ số 2.1 Sử dụng công nghệ thông tin theo yêu cầu… (còn 7 điểm); "
            "chỉ số 1.4 Động viên, giúp đỡ người thân trong gia đình… (còn 4 điểm); "
            "chỉ số 2.2 Sử dụng ngoại ngữ theo yêu cầu công việc (còn 3 điểm); "
            "chỉ số 3.2 Hợp tác, chia sẻ với đồng nghiệp và cộng… (còn 2,5 điểm); "
            "chỉ số 1.1 Tìm kiếm, đọc và cập nhật thông tin qua… (còn 1 điểm); và 5 chỉ số khác (còn 5 điểm)")
    assert f"  {gain}" in render.check_text(e, loaded.pack).splitlines()
    assert gain in render.render_explanation(e, "text").splitlines()
    en = check_answers(loaded, cdht_answers([9, 9, 9, 6, 3, 7, 9, 9, 9, "7,5"]), "form", "en").explanation
    line = "Points can still be gained at (most first): indicator 2.1 Uses information technology as the job… (7 points left);"
    assert render.check_text(en, loaded.pack).count(line) == 1 and render.render_explanation(en, "text").count(line) == 1
    assert "; and 5 more (5 points left)" in render.check_text(en, loaded.pack)
    assert "(9/10)" not in render.check_text(e, loaded.pack)


@pytest.mark.parametrize("lang, least, gain", [
    ("vi", "Ít nhất phải thêm 5,5 điểm: 3 điểm để đưa các chỉ số trên lên mức tối thiểu, 2,5 điểm nữa ở chỉ số bất kỳ còn có thể tăng.",
     "Có thể tăng điểm ở (nhiều nhất trước): chỉ số 2.1 Sử dụng công nghệ thông tin theo yêu cầu… (còn 7 điểm); "),
    ("en", "At least 5.5 points more in all: 3 points to bring the indicators above up to the minimum, 2.5 points more at any indicator that can still gain.",
     "Points can still be gained at (most first): indicator 2.1 Uses information technology as the job… (7 points left); "),
])
def test_the_detail_and_markdown_papers_say_what_the_check_says_is_missing(lang, least, gain):
    """A council member printing '-f detail' (or Markdown) for a citizen who just misses read neither the
    fewest points in all nor where to gain them, which the citizen's own check says. Display only: the
    tree (hashed into stored runs) does not change."""
    loaded = resolve_pack(CDHT)
    e = check_answers(loaded, cdht_answers([9, 9, 9, 6, 3, 4, 9, 9, 9, "7,5"]), "form", lang).explanation   # 74,5
    text = [line for line in render.check_text(e, loaded.pack).splitlines() if line.startswith((f"  {least[:8]}", f"  {gain[:8]}"))]
    said = [line.strip() for line in text]
    assert len(said) == 2 and said[0] == least and said[1].startswith(gain)
    detail = render.render_explanation(e, "detail").splitlines()
    assert detail[-2:] == said   # under the blockers, as 'hoctap explain' (text) says them
    markdown = render.render_explanation(e, "markdown").splitlines()
    assert markdown[-4:] == ["", said[0], "", said[1]]   # each its own paragraph, not part of the last list item
    assert least not in render.render_explanation(e, "json") and gain not in json.dumps(e.to_dict(), ensure_ascii=False)


TITLES = "khong_co, tap_the_lao_dong_tien_tien, tap_the_lao_dong_xuat_sac, co_thi_dua_cap_tinh, co_thi_dua_chinh_phu"


@pytest.mark.parametrize("lang, said", [
    ("vi", "Chưa hợp lệ: «2» không có trong danh sách. Trong tệp trả lời, ghi mã hoặc tên của lựa chọn: "
           f"{TITLES}; để trống nếu chưa biết."),
    ("en", "Not valid: '2' is not in the list. In an answers file, write the code or the Vietnamese name of a choice: "
           f"{TITLES}; leave blank if you do not know yet."),
])
def test_an_answers_file_is_told_what_to_write_for_a_choice_not_a_menu_number(runner, cli, tmp_path, lang, said):
    """'danh_hieu_thi_dua: 2' was refused with 'Chọn một số từ 1 đến 5': the instruction asked for a number and
    refused one (a file has no menu). It names the codes a saved file holds; a code that is a number stays one."""
    answers = tmp_path / "tra-loi.yaml"
    answers.write_text("loai_don_vi: doanh_nghiep\ndanh_hieu_thi_dua: 2\n", encoding="utf-8")
    result = runner.invoke(cli, ["--lang", lang, "check", "-c", "don-vi-hoc-tap-tt24-tinh", "--answers", str(answers)])
    assert result.exit_code == 2 and result.stderr.rstrip().endswith(f": {said}"), result.stderr
    assert "1 đến 5" not in result.stderr and "1 to 5" not in result.stderr
    answers.write_text("group: 5\n", encoding="utf-8")   # the subject group's codes are its numbers: '2' is group 2
    result = runner.invoke(cli, ["--lang", lang, "check", "-c", CDHT, "--answers", str(answers)])
    assert result.stderr.rstrip().endswith(("ghi mã hoặc tên của lựa chọn: 1, 2, 3, 4.", "name of a choice: 1, 2, 3, 4."))
    group_two = check_answers(resolve_pack(CDHT), cdht_answers(EIGHTY_WITH_A_FOUR, group=2), "a.yaml", lang)
    assert group_two.raw["group"] == "2" and render.result_dict(group_two)["outcome"] == "chua_dat"


def test_a_question_whose_input_and_indicator_say_the_same_words_says_them_once():
    """TT 25 xã's preschool question read 'Đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi: Đạt chuẩn phổ cập
    giáo dục mầm non cho trẻ em 5 tuổi' (the input's label, then its one indicator's, the same words)."""
    from scoring import shipped_packs
    from scoring.selfcheck.questionnaire import build_question
    pack = shipped_packs()["cong-dong-hoc-tap-xa"].pack
    for lang, words in (("vi", "Đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi"),
                        ("en", "Meets the universal preschool standard for 5-year-olds")):
        assert build_question(pack, pack.input("pcgd_mam_non_5_tuoi"), lang).title == words
    # different words are both said, the input's first
    assert build_question(pack, pack.input("tc1_ct1"), "vi").title.startswith("Tiêu chí 1 – Chỉ tiêu 1 (tuyên truyền): ")


def test_what_is_missing_never_leaves_a_bracket_open(runner, cli):
    """'Chỉ số 1.3 (Bố trí … học tập (nhà văn…): 4/10' left its own bracket open: the cut is made before it."""
    answers = "1\n7,5\n8\n4\n9\n10\n6\n5,5\n7\n8\n9\n"
    result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap"], input=answers)
    assert "  - Chỉ số 1.3 (Bố trí thời gian tham gia các hoạt động học tập…): 4/10, cần ít nhất 5" in result.output


def test_a_label_is_cut_before_a_bracket_it_would_leave_open():
    from scoring.results.explain import shortened
    label = "Bố trí thời gian tham gia các hoạt động học tập (nhà văn hóa, câu lạc bộ, thư viện, hội thảo)"
    assert shortened(label, 60) == "Bố trí thời gian tham gia các hoạt động học tập…"
    assert shortened("(nhà văn hóa, câu lạc bộ, thư viện, hội thảo, nhà sinh hoạt cộng đồng)", 30) == "(nhà văn hóa, câu lạc bộ, thư…"
    assert shortened(label, 200) == label
