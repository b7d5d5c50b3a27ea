"""The self-check's words live in the message catalogue (``q.*`` the questionnaire's, ``p.*`` the
printout's), where tests/test_vietnamese.py and tests/test_plurals.py check every sentence in both
languages; questionnaire.py and printout.py kept their own (vi, en) tables, which no test read, and
English said 'with 1 questions left'. So did the explanation, the council's documents, the goals report,
the packs list and others (``head.*``, ``reason.*``, ``council.*``, ``goal_reason.*`` …): moved word for word."""
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


# --- the other modules that kept their own (vi, en) words: now in the catalogue, said as before ------------

from scoring.goals import report as goals_report   # noqa: E402
from scoring.authoring import template as authoring_template   # noqa: E402
from scoring.packs import catalog as packs_catalog, model as packs_model   # noqa: E402
from scoring.records import dates as record_dates   # noqa: E402
from scoring.results import claims, council, explain, output, render   # noqa: E402

# what may stay in each module, word for word (an empty list: nothing); anything else is a table come back
KEPT_TABLES = {
    render: ['{"vi": "{met}/{n} chỉ tiêu đạt", "en": "{met}/{n} indicators met"}'],   # the catalogue's count check would reword it
    authoring_template: ['{"vi": "Năm đánh giá"}'],   # a pack input's label (Text data); the template is Vietnamese only
    packs_model: ['{"vi": (str, REQUIRED), "en": (Opt(str), None)}'],   # Text's fields: the pack schema, not words
    goals_report: [], council: [], explain: [], claims: [], output: [], packs_catalog: [], record_dates: [],
}
KEPT_BRANCHES = {   # a language compared in code that picks no words
    council: ['self.lang == "vi"'],       # Nghị định 30's month without a leading 0 ('tháng 5'), Vietnamese dates only
    packs_catalog: ['lang != "en"'],      # which half of a pack's own "… EN: …" note
    packs_model: ['lang == "en"'],        # Text.get: a pack's own English text, if it has one
}


def _by_language(path: str) -> tuple[list[str], list[str]]:
    """The dict literals keyed by 'vi' or 'en', and the comparisons with 'vi' or 'en' (an ``if lang == "en"``
    that picks words), as their source."""
    source = open(path, encoding="utf-8").read()
    tables, branches = [], []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in ("vi", "en") for k in node.keys):
            tables.append(ast.get_source_segment(source, node))
        if isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in ("vi", "en")
                                                 for c in (node.left, *node.comparators)):
            branches.append(ast.get_source_segment(source, node))
    return tables, branches


def test_the_modules_that_said_their_own_words_keep_no_vi_en_table_or_branch():
    for module, kept in KEPT_TABLES.items():
        tables, branches = _by_language(module.__file__)
        assert tables == kept, module.__name__
        assert branches == KEPT_BRANCHES.get(module, []), module.__name__


def test_the_scan_finds_a_table_and_a_branch(tmp_path):
    path = tmp_path / "m.py"
    path.write_text('W = {"vi": "có", "en": "yes"}\ndef f(lang):\n    return "khớp" if lang == "vi" else "agrees"\n',
                    encoding="utf-8")
    assert _by_language(str(path)) == (['{"vi": "có", "en": "yes"}'], ['lang == "vi"'])


def test_the_moved_words_are_said_as_before():
    """Word for word in both languages: REASON and the tree's words are hashed into stored runs (tests/stores
    still verify), the others are what the commands print and the documents show."""
    assert explain.REASON["vi"]["because"] == "{label} vì {parts}"
    assert explain.REASON["en"]["not_next"] == "{label}; not “{next}” because {parts}"
    assert explain.WORDS["vi"]["level_all"] == "mọi chỉ số áp dụng của mức này đều đạt"
    assert explain.NEEDS["en"]["full"] == "the full {x}"
    assert render.HEAD["vi"]["in_force"] == "Áp dụng theo ngày" and render.HEAD["en"]["ref"] == "Reference"
    assert render.CHECK["en"]["lang"] == "en" and render.CHECK["vi"]["met_count"] == "{met}/{n} chỉ tiêu đạt"
    assert render.PLAIN["vi"]["least_which"] == ("chỉ số trên", "các chỉ số trên")
    assert render.PLAIN["en"]["least_which"] == ("the indicator above", "the indicators above")
    assert council.WORDS["vi"]["signers"] == ("NGƯỜI LẬP BIỂU", "CHỦ TỊCH HỘI ĐỒNG")
    assert council.WORDS["en"]["share"] == "Recognised share (of scored)"
    assert council._sheet("by", "vi", name="Nhóm") == "Theo Nhóm"
    assert claims.CLAIM_WORDS["en"] == {"total": "total", "outcome": "outcome", "indicator": "indicator",
                                        "claimed": "claimed", "computed": "computed"}
    assert packs_catalog.SUMMARY["en"]["headers"] == ["id", "model, document", "tier", "outcomes", "in force", "status",
                                                      "provisional"]
    assert record_dates.WARNING_FORM == {"vi": "{text} (ngày đánh giá {on}, theo {source})",
                                         "en": "{text} (assessment date {on}, from {source})"}
    assert packs_model.TIER_LABELS["thon"].get("vi") == "thôn, tổ dân phố" and packs_model.TIER_LABELS["tinh"].get("en") == "province"
    assert goals_report.REASONS["vi"]["gap_one"] == goals_report.REASONS["vi"]["gap"]   # only English says '1 more'


def test_what_was_a_language_branch_reads_as_before(tmp_path):
    import datetime as dt
    from scoring.errors import UsageError
    from scoring.results.render import _plain_need
    assert _plain_need("≥ 5/10", render.PLAIN["vi"], "vi") == "từ 5 điểm trở lên"
    assert _plain_need("≥ 5/10", render.PLAIN["en"], "en") == "5 or more"
    assert _plain_need("≥ 90 %", render.PLAIN["vi"], "vi") == "từ 90% trở lên"
    for lang, day, blank in (("vi", "05/02/2026", "……/……/………"), ("en", "2026-02-05", "………-……-……")):
        assert council.Letterhead(lang=lang, date=dt.date(2026, 2, 5)).where_when().endswith(day)
        assert council.Letterhead(lang=lang).where_when().endswith(blank)
    assert council.words("vi")["page"] == "Trang &P/&N" and council.words("en")["page"] == "Page &P/&N"
    same = tmp_path / "a.csv"
    same.write_text("id\n", encoding="utf-8")
    for lang, said in (("vi", "-o {p} chính là tệp đầu vào {p}: ghi vào đó sẽ xoá mất hồ sơ gốc."),
                       ("en", "-o {p} is the input file {p}: writing it would destroy the original.")):
        try:
            output.refuse_inputs_as_outputs({"-o": str(same)}, [same], lang)
        except UsageError as e:
            assert said.format(p=same) in str(e)
        else:
            raise AssertionError("not refused")
