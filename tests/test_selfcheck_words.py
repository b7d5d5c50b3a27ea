"""The self-check's words live in the message catalogue (``q.*`` the questionnaire's, ``p.*`` the
printout's), where tests/test_vietnamese.py and tests/test_plurals.py check every sentence in both
languages; questionnaire.py and printout.py kept their own (vi, en) tables, which no test read, and
English said 'with 1 questions left'."""
from __future__ import annotations

import ast
import re

from fastapi.testclient import TestClient

import scoring
from scoring.messages import CATALOGUE, set_lang, t
from scoring.selfcheck import answers, printout, questionnaire, today
from scoring.selfcheck.printout import points_note
from scoring.selfcheck.questionnaire import Questionnaire
from scoring.results import pdf
from scoring.web.app import Settings, create_app

SOURCE = questionnaire.__file__


def _vi_en_tables(path: str) -> list[int]:
    """The lines of every dict literal keyed by 'vi' or 'en' (a words table outside the catalogue)."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Dict)
            and any(isinstance(k, ast.Constant) and k.value in ("vi", "en") for k in node.keys)]


def test_the_questionnaire_keeps_no_words_table_of_its_own():
    assert not hasattr(questionnaire, "TEXT")
    assert _vi_en_tables(SOURCE) == []


def test_every_self_check_message_is_used_and_every_one_used_exists():
    used = set(re.findall(r"""t\(\s*["'](q\.\w+)["']""", open(SOURCE, encoding="utf-8").read()))
    used |= {"q.yes", "q.no"}   # chosen by the answer: t("q.yes" if value else "q.no", …)
    assert used == {code for code in CATALOGUE if code.startswith("q.")}


def test_the_printout_and_the_other_self_check_modules_keep_no_words_table_of_their_own():
    assert not any(hasattr(printout, name) for name in ("POINTS", "SAVED", "PAGE"))
    for module in (printout, answers, today):
        assert _vi_en_tables(module.__file__) == [], module.__name__


def test_every_printout_message_is_used_and_every_one_used_exists():
    used = set(re.findall(r"""t\(\s*["'](p\.\w+)["']""", open(printout.__file__, encoding="utf-8").read()))
    assert used == {code for code in CATALOGUE if code.startswith("p.")}


def test_the_pdf_is_given_every_word_it_draws():
    """draw_result_page reads its words by name: one left out of page_words would stop the PDF."""
    drawn = set(re.findall(r"""words\[["'](\w+)["']\]""", open(pdf.__file__, encoding="utf-8").read()))
    assert drawn and drawn <= set(printout.page_words("vi")) and set(printout.page_words("en")) == set(printout.page_words("vi"))


def test_the_points_note_keeps_its_words():
    """Moved to the catalogue word for word: the check's intro, its printout and the PDF say what they said."""
    pack = scoring.resolve_pack("cong-dan-hoc-tap").pack
    assert points_note(pack, "en") == (
        "The points here are those graded under Quyết định 324/QĐ-KHVN (Trung ương Hội Khuyến học Việt Nam): each "
        "indicator from 0 to 10 points, 100 in all. Citizens grade themselves on their group's self-assessment form, "
        "with evidence, and file it with the local Hội Khuyến học branch, which reviews and verifies it. Enter the "
        "points graded: your own, or those the branch verified if there are any. hoctap does not grade and has no "
        "detailed rubric per indicator: it adds up the points you enter and applies the criteria's recognition rule.")
    assert points_note(pack, "vi").startswith(
        "Điểm ở đây là điểm chấm theo Quyết định 324/QĐ-KHVN (Trung ương Hội Khuyến học Việt Nam): mỗi chỉ số từ 0 "
        "đến 10 điểm, tổng 100 điểm. Công dân tự chấm")


def test_english_says_a_top_of_1_point_as_one_point():
    """A pack whose indicators go from 0 to 1 would have read 'from 0 to 1 points' in English."""
    fields = {"doc": "D", "issuer": "Hội Khuyến học", "max": "5"}
    assert "each indicator from 0 to 1 point, 5 in all." in t("p.note_kh", "en", top="1", **fields)
    assert "each indicator from 0 to 10 points, 5 in all." in t("p.note_kh", "en", top="10", **fields)
    assert "mỗi chỉ số từ 0 đến 1 điểm, tổng 5 điểm." in t("p.note_kh", "vi", top="1", **fields)


def test_english_counts_one_question_left_as_one_question():
    loaded = scoring.resolve_pack("cong-dan-hoc-tap")
    check = Questionnaire(loaded, "en")
    while len(check.questions) - check.position > 1:
        assert check.give(check.pack.input(check.current.name).choices[0].code if check.current.choices else "8").kind == "next"
    assert check.stopped(interrupted=False) == "Input ended (Ctrl-D) with 1 question left. No result; nothing was saved."
    check.back()
    assert "with 2 questions left." in check.stopped(interrupted=False)
    assert Questionnaire(loaded, "vi").stopped(interrupted=False).startswith("Hết dữ liệu vào (Ctrl-D) khi còn 11 câu.")


def test_an_english_self_check_on_a_vietnamese_server_suggests_the_name_in_english():
    """The 'did you mean' hint was put into words in the process's language (Vietnamese on the server),
    not the request's: an English API caller read '(có phải là '1.1'?)'."""
    set_lang("vi")
    try:
        with TestClient(create_app(Settings(max_upload=1 << 20)), base_url="http://127.0.0.1") as client:
            for lang, said in (("en", "no question is called '1.11' (did you mean '1.1'?): use the column names"),
                               ("vi", "không có câu hỏi nào tên '1.11' (có phải là '1.1'?): dùng tên cột")):
                got = client.post("/api/self-check", json={"pack": "cong-dan-hoc-tap", "answers": {"1.11": 8}, "lang": lang})
                assert got.status_code == 422 and said in got.json()["message"], got.json()
    finally:
        set_lang(None)
