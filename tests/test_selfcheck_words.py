"""The self-check's words live in the message catalogue (``q.*``), where tests/test_vietnamese.py and
tests/test_plurals.py check every sentence in both languages; questionnaire.py kept its own (vi, en)
table, which no test read, and English said 'with 1 questions left'."""
from __future__ import annotations

import ast
import re

from fastapi.testclient import TestClient

import scoring
from scoring.messages import CATALOGUE, set_lang
from scoring.selfcheck import questionnaire
from scoring.selfcheck.questionnaire import Questionnaire
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
