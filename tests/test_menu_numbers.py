"""A number typed in `hoctap check` picks the n-th item of the list shown, while a file reads the same number as a
choice's code or alias. Where the two differ (cong-dong-hoc-tap-xa 1.7: 'khong' listed first, 'co' aliased "1"),
the self-check does not guess, `hoctap validate` warns the pack's author, and the shipped pack reads 1 one way."""
import pytest

from scoring import RecordValidator, load_pack_text, resolve_pack
from scoring.packs.model import menu_clashes
from scoring.selfcheck.questionnaire import Questionnaire

XA = "cong-dong-hoc-tap-xa"
SHIPPED_CHOICES = '''      - code: co
        label: {vi: Xã thuộc vùng khó khăn, en: In a disadvantaged area}
        aliases: [Có, Co, "Yes", "True", "1"]
      - code: khong
        label: {vi: Xã không thuộc vùng khó khăn, en: Not in a disadvantaged area}
        aliases: [Không, Khong, "No", "False", "0"]
'''
# the order of cong-dong-hoc-tap-xa 1.7: 1 was 'khong' in the list and 'co' in a file
KHONG_FIRST = '''      - code: khong
        label: {vi: Xã không thuộc vùng khó khăn, en: Not in a disadvantaged area}
        aliases: [Không, Khong, "No", "False", "0"]
      - code: co
        label: {vi: Xã thuộc vùng khó khăn, en: In a disadvantaged area}
        aliases: [Có, Co, "Yes", "True", "1"]
'''


def khong_first():
    loaded = resolve_pack(XA)
    text = open(loaded.source, encoding="utf-8").read()
    assert SHIPPED_CHOICES in text
    return load_pack_text(text.replace(SHIPPED_CHOICES, KHONG_FIRST).replace('version: "1.8"', 'version: "x"'), "xa.yaml")


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
           "còn 1 trong tệp là 'co' — hãy xếp 'co' ở vị trí 1, hoặc bỏ tên '1'"),
    ("en", "inputs[0].choices[1].aliases[4]: warning: '1' is another name for choice 'co' of 'vung_kho_khan', but "
           "'hoctap check' numbers the choices from 1 and choice 1 is 'khong': typing 1 in the self-check gives 'khong', "
           "while 1 in a file means 'co' — list 'co' at position 1, or drop the name '1'"),
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
