"""A number typed in `hoctap check` picks a choice from the list shown, while a file reads the same number as a
choice's code or alias. The list is numbered by the choices' own numbers where each choice has exactly one
(cong-dong-hoc-tap-xa's levels 0–3, vung_kho_khan's 1 and 0), so that 2 is 'Mức độ 2' in both; otherwise 1…n,
and where a number of that list is another choice's name in a file (a pack author's custom pack), the self-check
does not guess and `hoctap validate` warns."""
import pytest

from scoring import RecordValidator, load_pack_text, resolve_pack
from scoring.packs.model import menu_clashes, menu_numbers
from scoring.selfcheck.questionnaire import Questionnaire

XA = "cong-dong-hoc-tap-xa"
SHIPPED_CHOICES = '''      - code: co
        label: {vi: Xã thuộc vùng khó khăn, en: In a disadvantaged area}
        aliases: [Có, Co, "Yes", "True", "1"]
      - code: khong
        label: {vi: Xã không thuộc vùng khó khăn, en: Not in a disadvantaged area}
        aliases: [Không, Khong, "No", "False", "0"]
'''
# a custom pack: 'khong' listed first without its "0", so the list is 1…2 and its 1 is 'khong', while a file's 1 is 'co'
KHONG_FIRST = '''      - code: khong
        label: {vi: Xã không thuộc vùng khó khăn, en: Not in a disadvantaged area}
        aliases: [Không, Khong, "No", "False"]
      - code: co
        label: {vi: Xã thuộc vùng khó khăn, en: In a disadvantaged area}
        aliases: [Có, Co, "Yes", "True", "1"]
'''


def custom(choices: str = KHONG_FIRST):
    loaded = resolve_pack(XA)
    text = open(loaded.source, encoding="utf-8").read()
    assert SHIPPED_CHOICES in text
    return load_pack_text(text.replace(SHIPPED_CHOICES, choices).replace(f'version: "{loaded.pack.version}"', 'version: "x"'),
                          "xa.yaml")


def khong_first():
    return custom()


def at(q: Questionnaire, name: str) -> Questionnaire:
    """The questionnaire moved to the question for ``name``."""
    q.position = [x.name for x in q.questions].index(name)
    return q


@pytest.mark.parametrize("lang,said", [
    ("vi", "Chưa rõ: 1 là lựa chọn số 1 trong danh sách («Xã không thuộc vùng khó khăn»), nhưng trong tệp hồ sơ 1 có "
           "nghĩa là «Xã thuộc vùng khó khăn». Hãy gõ tên hoặc mã của lựa chọn (khong, co)."),
    ("en", "Not clear: 1 is choice 1 in the list ('Not in a disadvantaged area'), but in a records file 1 means "
           "'In a disadvantaged area'. Type the name or the code of the choice (khong, co)."),
])
def test_a_menu_number_a_file_reads_as_another_choice_is_asked_again(lang, said):
    q = Questionnaire(khong_first(), lang)
    assert q.current.name == "vung_kho_khan"
    reply = q.reply("1")
    assert (reply.kind, reply.message) == ("invalid", said)
    assert q.current.name == "vung_kho_khan" and "vung_kho_khan" not in q.answers
    assert q.reply("có" if lang == "vi" else "co").kind == "next" and q.answers["vung_kho_khan"] == "co"


def test_a_menu_number_no_file_reads_otherwise_is_still_the_nth_choice():
    q = Questionnaire(khong_first())
    assert q.reply("2").kind == "next" and q.answers["vung_kho_khan"] == "co"


@pytest.mark.parametrize("lang,said", [
    ("vi", "inputs[0].choices[1].aliases[4]: cảnh báo: '1' là một tên khác của lựa chọn 'co' của 'vung_kho_khan', nhưng "
           "'hoctap check' đánh số lựa chọn từ 1, và lựa chọn số 1 là 'khong': người gõ 1 khi tự kiểm tra được 'khong', "
           "còn 1 trong tệp là 'co' — hãy xếp 'co' ở vị trí 1, bỏ tên '1', hoặc cho mỗi lựa chọn đúng một số riêng "
           "(danh sách khi đó đánh số theo các số ấy)"),
    ("en", "inputs[0].choices[1].aliases[4]: warning: '1' is another name for choice 'co' of 'vung_kho_khan', but "
           "'hoctap check' numbers the choices from 1 and choice 1 is 'khong': typing 1 in the self-check gives 'khong', "
           "while 1 in a file means 'co' — list 'co' at position 1, drop the name '1', or give every choice exactly one "
           "number of its own (the list is then numbered by those numbers)"),
])
def test_validate_warns_the_author_of_a_number_read_two_ways(runner, cli, tmp_path, lang, said):
    loaded = resolve_pack(XA)
    text = open(loaded.source, encoding="utf-8").read().replace(SHIPPED_CHOICES, KHONG_FIRST)
    path = tmp_path / "xa.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["--lang", lang, "validate", str(path)])
    assert result.exit_code == 0   # a warning: the pack still loads and scores
    line = text[:text.index(KHONG_FIRST)].count("\n") + 6   # the line of co's aliases, 6th of the block
    assert f"xa.yaml:{line}: {said}\n" in result.output


def test_the_shipped_packs_read_every_menu_number_one_way():
    from scoring.packs.catalog import shipped_packs
    clashes = {(pid, i.name): menu_clashes(i) for pid, lp in shipped_packs().items() for i in lp.pack.inputs}
    assert {k: v for k, v in clashes.items() if v} == {}


def test_one_means_co_in_the_self_check_and_in_a_file():
    loaded = resolve_pack(XA)
    q = Questionnaire(loaded)
    assert q.current.choices[0] == "Xã thuộc vùng khó khăn"
    assert q.reply("1").kind == "next" and q.answers["vung_kho_khan"] == "co"
    assert RecordValidator(loaded.pack).validate({"id": "XA", "vung_kho_khan": "1"}).values["vung_kho_khan"] == "co"


# --- a list numbered by the choices' own numbers -------------------------------------------------------------

LEVELS_SCREEN = {
    "vi": ("  0. Chưa đạt chuẩn\n  1. Mức độ 1\n  2. Mức độ 2\n  3. Mức độ 3\n", "  Chọn một số từ 0 đến 3; để trống nếu chưa biết."),
    "en": ("  0. Not reached\n  1. Level 1\n  2. Level 2\n  3. Level 3\n", "  Choose a number from 0 to 3; leave blank if you do not know yet."),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_levels_list_is_numbered_0_to_3_as_a_file_reads_them(lang):
    q = at(Questionnaire(resolve_pack(XA), lang), "pcgd_tieu_hoc")
    choices, instruction = LEVELS_SCREEN[lang]
    screen = q.screen()
    assert choices in screen and screen.endswith(instruction)


@pytest.mark.parametrize("typed,code", [("2", "muc_do_2"), ("0", "chua_dat"), ("3", "muc_do_3"), ("1", "muc_do_1")])
def test_a_level_typed_as_its_number_is_that_level_in_the_self_check_and_in_a_file(typed, code):
    loaded = resolve_pack(XA)
    q = at(Questionnaire(loaded), "pcgd_tieu_hoc")
    assert q.reply(typed).kind == "next" and q.answers["pcgd_tieu_hoc"] == code
    validator = RecordValidator(loaded.pack)
    for written in (typed, int(typed), float(typed)):   # a text cell, an Excel number, Excel's 2.0
        assert validator.validate({"id": "XA", "vung_kho_khan": "khong", "pcgd_tieu_hoc": written}).values["pcgd_tieu_hoc"] == code


def test_going_back_shows_the_levels_number_not_its_place():
    q = at(Questionnaire(resolve_pack(XA)), "pcgd_tieu_hoc")
    q.reply("0")
    q.back()
    assert q.previous_answer("pcgd_tieu_hoc") == "0" and "Trả lời trước: 0 (nhấn Enter để giữ)" in q.screen()


@pytest.mark.parametrize("lang,name,typed,said", [
    ("vi", "pcgd_tieu_hoc", "4", "Chưa hợp lệ: «4» không có trong danh sách. Chọn một số từ 0 đến 3; để trống nếu chưa biết."),
    ("en", "pcgd_tieu_hoc", "4", "Not valid: '4' is not in the list. Choose a number from 0 to 3; leave blank if you do not know yet."),
    ("vi", "xoa_mu_chu", "3", "Chưa hợp lệ: «3» không có trong danh sách. Chọn một số từ 0 đến 2; để trống nếu chưa biết."),
    ("vi", "vung_kho_khan", "2", "Chưa hợp lệ: «2» không có trong danh sách. Chọn một số: 1 hoặc 0."),
    ("en", "vung_kho_khan", "2", "Not valid: '2' is not in the list. Choose a number: 1 or 0."),
])
def test_a_number_not_in_the_list_is_asked_again_naming_the_numbers(lang, name, typed, said):
    q = at(Questionnaire(resolve_pack(XA), lang), name)
    assert (q.reply(typed).kind, q.reply(typed).message) == ("invalid", said)
    assert q.current.name == name and name not in q.answers


def test_the_area_type_is_listed_1_for_co_and_0_for_khong():
    loaded = resolve_pack(XA)
    q = Questionnaire(loaded)
    assert "  1. Xã thuộc vùng khó khăn\n  0. Xã không thuộc vùng khó khăn\n" in q.screen()
    assert q.screen().endswith("  Chọn một số: 1 hoặc 0.")
    assert q.reply("0").kind == "next" and q.answers["vung_kho_khan"] == "khong"
    assert RecordValidator(loaded.pack).validate({"id": "XA", "vung_kho_khan": 0}).values["vung_kho_khan"] == "khong"


def test_a_custom_pack_listing_khong_first_with_its_0_reads_its_own_numbers():
    """The order of cong-dong-hoc-tap-xa 1.7 ('khong' first), with both numbers: no longer a clash."""
    pack = custom(KHONG_FIRST.replace('"False"]', '"False", "0"]'))
    inp = pack.pack.input("vung_kho_khan")
    assert [c.code for c in inp.choices] == ["khong", "co"] and menu_numbers(inp) == [0, 1] and menu_clashes(inp) == []
    q = Questionnaire(pack)
    assert "  0. Xã không thuộc vùng khó khăn\n  1. Xã thuộc vùng khó khăn\n" in q.screen()
    assert q.screen().endswith("  Chọn một số từ 0 đến 1.")
    assert q.reply("1").kind == "next" and q.answers["vung_kho_khan"] == "co"


def _choices(*names: list[str]):
    """A choice input whose i-th choice has the code c<i> and the aliases ``names[i]``."""
    from scoring.packs.model import Choice, Input, Text
    return Input(name="x", type="choice", choices=[Choice(code=f"c{i}", label=Text(vi=f"C{i}"), aliases=list(a))
                                                   for i, a in enumerate(names)])


@pytest.mark.parametrize("names,numbers", [
    ((["1"], ["3"], ["7"]), [1, 3, 7]),            # each its own number, in the pack's order
    ((["3"], ["1"], [" 2 "]), [3, 1, 2]),           # after strip
    ((["1", "Mức 1"], ["2"]), [1, 2]),
    ((["1"], ["2"], ["Ba"]), [1, 2, 3]),            # one choice without a number: 1…n
    ((["1"], ["1"]), [1, 2]),                       # two choices with the same number
    ((["0", "1"], ["2"]), [1, 2]),                  # a choice with two numbers
    ((["01"], ["2"]), [1, 2]),                      # '01' is not a bare number
    ((["-1"], ["2"]), [1, 2]),
])
def test_menu_numbers_are_the_choices_own_only_when_each_has_exactly_one(names, numbers):
    assert menu_numbers(_choices(*names)) == numbers


def test_a_list_with_gaps_says_each_number():
    from scoring.selfcheck.questionnaire import build_question
    inp = _choices(["1"], ["3"], ["7"])
    pack = resolve_pack(XA).pack
    question = build_question(pack, inp)
    assert question.numbers == (1, 3, 7) and question.instruction == "Chọn một số: 1, 3 hoặc 7"
    assert build_question(pack, inp, "en").instruction == "Choose a number: 1, 3 or 7"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_validate_says_nothing_of_menu_numbers_for_the_shipped_commune_pack(runner, cli, lang):
    result = runner.invoke(cli, ["--lang", lang, "validate", resolve_pack(XA).source])
    assert result.exit_code == 0
    assert ("cảnh báo" if lang == "vi" else "warning") not in result.output


def test_the_web_start_page_numbers_the_area_type_as_the_terminal_does():
    from fastapi.testclient import TestClient
    from scoring.web.app import Settings, create_app
    with TestClient(create_app(Settings()), base_url="http://127.0.0.1") as client:
        page = client.get("/tu-kiem-tra").text
    assert ('<option value="co">1. Xã thuộc vùng khó khăn</option><option value="khong">0. Xã không thuộc vùng khó khăn'
            '</option>') in page
    assert '<option value="1">1. Người dân trong xã</option><option value="2">2. Người lao động</option>' in page
