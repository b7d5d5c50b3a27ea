"""What a provincial pack author gets wrong in a text editor on Windows, and what hoctap says:
each mistake on a copy of a shipped pack, checked against the message (file, line, what to write)."""
import pytest

from conftest import ROOT
from scoring import CriteriaError, CriteriaErrors, load_pack
from scoring.messages import set_lang

BASE = (ROOT / "tests" / "valid_base_pack.yaml").read_text(encoding="utf-8")


def refusal(path) -> CriteriaError:
    with pytest.raises((CriteriaError, CriteriaErrors)) as err:
        load_pack(path)
    return err.value


# --- how the file was saved ------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_file_saved_as_notepads_unicode_is_read(tmp_path, encoding):
    """Notepad's "Unicode" is UTF-16 with its byte order mark: unambiguous, read as records files are."""
    path = tmp_path / "p.yaml"
    raw = BASE.encode(encoding)
    path.write_bytes(raw if encoding != "utf-16-be" else b"\xfe\xff" + raw)
    assert load_pack(path).pack == load_pack(ROOT / "tests" / "valid_base_pack.yaml").pack


def test_utf16_without_its_mark_says_how_to_save_it(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(BASE.encode("utf-16-le"))
    assert str(refusal(path)) == (f"{path}: (đầu tệp): tệp có byte NUL giữa các chữ: có lẽ lưu dạng UTF-16 không có dấu BOM; "
                                  "hãy lưu lại dạng UTF-8 — Notepad: Lưu thành…, Mã hoá: UTF-8; Notepad++: Mã hoá > Chuyển sang UTF-8")


def test_an_ansi_file_names_the_line_of_its_first_byte_that_is_not_utf8(tmp_path):
    path = tmp_path / "p.yaml"
    line = next(i for i, row in enumerate(BASE.splitlines(), 1) if not row.isascii())   # the title, line 4
    path.write_bytes(BASE.encode("cp1258", errors="replace"))
    err = refusal(path)
    assert err.line == line
    assert str(err).startswith(f"{path}:{line}: (đầu tệp): có byte 0x") and "(tệp lưu dạng ANSI, Windows-1258 hoặc TCVN3?)" in str(err)
    set_lang("en")
    assert "save it again as UTF-8 — Notepad: Save As…, Encoding: UTF-8" in str(err)


# --- a local variant (extends) -----------------------------------------------------------------

def variant(tmp_path, head: str, body: str = ""):
    (tmp_path / "thu-nghiem.yaml").write_text(BASE, encoding="utf-8")
    path = tmp_path / "con.yaml"
    path.write_text("format: hoctap/criteria@1\n" + head + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("typed", ["vérsion", "Version", "versoin"])
def test_a_mistyped_version_of_a_variant_is_named_at_its_line(tmp_path, typed):
    path = variant(tmp_path, f'extends: thu-nghiem\nid: con\n{typed}: "1"\n')
    err = refusal(path)
    assert (err.line, err.path) == (4, typed)
    assert str(err) == (f"{path}:4: {typed}: bộ tiêu chí mở rộng 'thu-nghiem' cần 'version' riêng: khoá '{typed}' ở đây "
                        "có phải là 'version'? Hãy viết đúng 'version' (chữ thường, không dấu)")


def test_an_indicator_written_twice_in_a_variant_is_named_at_the_second(tmp_path):
    path = variant(tmp_path, 'extends: thu-nghiem\nid: con\nversion: "1"\n',
                   'criteria:\n  - id: "1"\n    indicators:\n      - id: "1.1"\n        rule: {pass_at: 6}\n'
                   '      - id: "1.1"\n        rule: {pass_at: 7}\n')
    err = refusal(path)
    assert str(err) == f"{path}:10: criteria[0].indicators[1]: id '1.1' được ghi hai lần trong danh sách này: hãy gộp hai mục làm một"


@pytest.mark.parametrize("ref", ["thu-nghiem@1.0", "thu-nghiem 1.0"])
def test_extends_with_a_version_says_a_pack_is_named_by_its_id(tmp_path, ref):
    err = refusal(variant(tmp_path, f'extends: {ref}\nid: con\nversion: "1"\n'))
    assert err.line == 2
    assert str(err).endswith(f"extends: '{ref}': 'extends' ghi mã bộ tiêu chí, không kèm phiên bản — hãy viết extends: thu-nghiem "
                             "(luôn dùng bộ 'thu-nghiem' hiện có; kết quả ghi rõ phiên bản của nó)")


def test_extends_naming_a_shipped_pack_as_a_file_says_to_write_its_id(tmp_path):
    path = tmp_path / "con.yaml"
    path.write_text('format: hoctap/criteria@1\nextends: don-vi-hoc-tap-tt22.yaml\nid: con\nversion: "1"\n', encoding="utf-8")
    assert str(refusal(path)).endswith(
        "'don-vi-hoc-tap-tt22' là một bộ có sẵn: để mở rộng nó, viết mã của nó: extends: don-vi-hoc-tap-tt22")


# --- what Word and a Vietnamese keyboard put in ------------------------------------------------

def test_a_version_between_curly_quotes_is_refused_not_kept_with_its_quotes(tmp_path):
    """Before: 'version: “2”' loaded, and results named the version “2” with its quotes."""
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace('version: "1"', "version: “2”"), encoding="utf-8")
    err = refusal(path)
    assert str(err) == (f"{path}:3: version: “2” được viết trong dấu ngoặc cong (chép từ Word?): YAML chỉ hiểu dấu ngoặc "
                        "thẳng \" và ', nên dấu ngoặc cong sẽ nằm trong giá trị — hãy viết \"2\"")
    set_lang("en")
    assert str(err).endswith("so the curly ones would be part of the value — write \"2\"")


def test_curly_quotes_inside_a_text_are_kept(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace("{vi: Đạt}", "{vi: Đạt “Công dân học tập”}"), encoding="utf-8")
    assert load_pack(path).pack.outcome_label("dat") == "Đạt “Công dân học tập”"


@pytest.mark.parametrize("written, line", [("{kind: points, max: 10, pass_at: 4,5}", 24),
                                           ("{kind: points, pass_at: 4,5, max: 10}", 24)])
def test_a_decimal_comma_inside_braces_says_to_write_a_point(tmp_path, written, line):
    """Before: 'pass_at: 4,5' inside { } was read as pass_at 4 and a key 5, and the message was
    'the value 5 is not valid here … (technical detail: «Keys should be strings»)'."""
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace("{kind: points, max: 10, pass_at: 5}", written, 1), encoding="utf-8")
    assert str(refusal(path)) == (f"{path}:{line}: criteria[0].indicators[0].rule: 4,5: trong {{ }} dấu phẩy ngăn cách "
                                  "các khoá, nên 4,5 bị đọc thành hai thứ — viết số thập phân bằng dấu chấm: 4.5")


def test_a_comma_and_a_space_inside_braces_still_separate_keys(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace("{kind: points, max: 10, pass_at: 5}", "{kind: points, max: 10, 5}", 1), encoding="utf-8")
    assert "4,5" not in str(refusal(path)) and "dấu chấm" not in str(refusal(path))


# --- a version not raised ------------------------------------------------------------------------

def test_an_edited_copy_of_a_shipped_pack_under_its_version_is_warned(tmp_path):
    """'One id and version never name two texts': a province's copy of TT 22 with Tốt from 80
    but still 'don-vi-hoc-tap-tt22 1.4' would score under the national pack's name."""
    from scoring.authoring.lint import lint
    text = (ROOT / "criteria" / "don-vi-hoc-tap-tt22.yaml").read_text(encoding="utf-8")
    path = tmp_path / "don-vi-hoc-tap-tt22.yaml"
    path.write_text(text, encoding="utf-8")
    assert lint(load_pack(path)) == []                      # the same text: nothing to say
    path.write_text(text.replace("min_total: 85", "min_total: 80"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("version:"))
    assert [str(m) for m in lint(load_pack(path))] == [
        f"{path}:{line}: version: cảnh báo: 'don-vi-hoc-tap-tt22' phiên bản 1.4 là bộ tiêu chí có sẵn, nhưng nội dung tệp "
        "này khác nó: kết quả sẽ mang tên bộ có sẵn cho những quy tắc nó không có — hãy nâng 'version' hoặc đặt mã (id) "
        "riêng cho bộ của địa phương"]
    path.write_text(text.replace("min_total: 85", "min_total: 80").replace('version: "1.4"', 'version: "1.4-tinh-x"'), encoding="utf-8")
    assert lint(load_pack(path)) == []                      # raised: a text of its own


@pytest.mark.parametrize("typed, problem", [
    ("85,5", "phải là một số, không phải '85,5': viết số thập phân bằng dấu chấm: 85.5"),
    ("80%", "phải là một số, không phải '80%': viết số không kèm dấu %: 80"),
    ("80 %", "phải là một số, không phải '80 %': viết số không kèm dấu %: 80"),
    ("15 điểm", "phải là một số, không phải '15 điểm': chỉ viết chữ số (ví dụ 80, không viết '80 điểm')"),
])
def test_a_threshold_typed_as_people_write_it_says_the_digits_to_write(tmp_path, typed, problem):
    """Before: '85,5' and '80%' were told 'write only the digits (e.g. 80, not 80 điểm)'."""
    path = tmp_path / "p.yaml"
    band = "    - code: dat\n      label: {vi: Đạt}\n      min_total: %s\n      all_met: true\n" % typed
    path.write_text(BASE.replace("    - {code: dat, label: {vi: Đạt}, min_total: 16, all_met: true}\n", band), encoding="utf-8")
    assert str(refusal(path)) == f"{path}:36: outcome.bands[0].min_total: {problem}"


def test_a_goal_pack_saved_as_notepads_unicode_is_validated_as_a_goal_pack(tmp_path, runner, cli):
    """Criteria and goal files are read alike: a UTF-16 goal pack is not mistaken for criteria."""
    path = tmp_path / "g.yaml"
    path.write_bytes((ROOT / "tests" / "valid_base_goals.yaml").read_text(encoding="utf-8").encode("utf-16"))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{path}: đạt — thu-nghiem-muc-tieu 1,")


# --- indentation ----------------------------------------------------------------------------

PACK_HEAD = 'format: hoctap/criteria@1\nid: x\nversion: "1"\ncriteria:\n  - id: a\n    indicators:\n'


@pytest.mark.parametrize("item", ["    - id: b\n     label: c\n", "      - id: b\n      label: c\n"])
def test_a_key_indented_a_space_off_says_so_without_the_readers_token_names(tmp_path, item):
    """PyYAML says "expected <block end>, but found '<block mapping start>'" (or '?'): the author hears of the indent."""
    path = tmp_path / "p.yaml"
    path.write_text(PACK_HEAD + item, encoding="utf-8")
    err = refusal(path)
    assert (err.line, str(err).splitlines()[0].split(": ", 1)[1]) == (8, "(đầu tệp): không phải YAML hợp lệ: thụt lề không khớp: dòng này "
            "thụt vào khác các dòng cùng cấp phía trên (thừa hoặc thiếu dấu cách ở đầu dòng): căn thẳng nó với khoá cùng cấp")
    set_lang("en")
    assert str(err).splitlines()[0].endswith("not valid YAML: indentation does not match: this line is indented differently from the "
                             "lines at its level above (a space too many or too few at its start): line it up with the keys at its level")


def test_a_key_indented_a_space_too_far_names_the_indent_first(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PACK_HEAD + "      - id: b\n         label: c\n", encoding="utf-8")
    assert str(refusal(path)).splitlines()[0].endswith("không được có cặp 'khoá: giá trị' ở đây (thụt lề sai, hay thiếu dấu ngoặc kép "
                                       "quanh một chữ có dấu ':'?)")


def test_a_key_twice_on_one_line_names_the_line_once(tmp_path):
    """'{at_least: 80, at_least: 90}': not '(dòng 8 và 8)'."""
    path = tmp_path / "p.yaml"
    path.write_text(PACK_HEAD.replace("indicators:\n", "indicators: [{id: b, id: c}]\n"), encoding="utf-8")
    err = refusal(path)
    assert err.line == 6 and "khoá 'id' xuất hiện hai lần trên dòng 6: giữ một" in str(err)
    set_lang("en")
    assert "key 'id' appears twice on line 6: keep one" in str(err)


def test_yamls_merge_key_is_named_as_what_was_written(tmp_path):
    """'<<: *base' is no '!' tag: the author is told to write the keys out, not to remove a tag they never wrote."""
    path = tmp_path / "p.yaml"
    path.write_text("format: hoctap/criteria@1\nid: x\nbase: &b {a: 1}\nother:\n  <<: *b\n", encoding="utf-8")
    err = refusal(path)
    assert err.line == 5 and ("khoá gộp '<<' của YAML không được dùng: viết đủ từng khoá ở đây (tệp là dữ liệu, mỗi giá "
                              "trị ghi ở chỗ của nó)") in str(err)


# --- characters a paste from Word brings ----------------------------------------------------------

NBSP_LINE = "  - {name: \"1.2\", type: number, min: 0, max: 10}\n"


@pytest.mark.parametrize("before, after, line, column", [
    ("status: official", "status:\u00a0official", 7, 8),          # after a colon: PyYAML stopped at line 8, "thiếu dấu ':'"
    ("    ordered: true", "\u00a0   ordered: true", 13, 1),      # in the indent: PyYAML stopped at line 14, "cặp 'khoá: giá trị'"
    ("  bands:", "  bands:\u00a0", 33, 9),
])
def test_a_non_breaking_space_is_named_at_its_own_line(tmp_path, before, after, line, column):
    """Before: the reader's puzzle ('thiếu dấu ':' sau khoá') at the line after it, the character never named."""
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace(before, after, 1), encoding="utf-8")
    err = refusal(path)
    assert err.line == line
    assert str(err).splitlines()[0] == (f"{path}:{line}: (đầu tệp): không phải YAML hợp lệ: có dấu cách không ngắt (U+00A0, chép "
                                        f"từ Word) ở cột {column}: trông như dấu cách nhưng YAML không coi nó là dấu cách — hãy "
                                        "xoá nó và gõ một dấu cách thường")
    assert str(err).splitlines()[1:] == [f"    {after}", "    " + " " * (column - 1) + "^"]
    set_lang("en")
    assert str(err).splitlines()[0].endswith(f"not valid YAML: there is a non-breaking space (U+00A0, pasted from Word) at column "
                                             f"{column}: it looks like a space but YAML does not take it as one — delete it and "
                                             "type an ordinary space")


def test_a_line_separator_pasted_from_a_web_page_is_named_at_its_line(tmp_path):
    """YAML reads U+2028 as a new line, an editor does not: before, 'thiếu dấu ':'' at line 9 of the reader's count."""
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace("status: official", "status:\u2028official"), encoding="utf-8")
    err = refusal(path)
    assert err.line == 7 and str(err).splitlines()[0].endswith(
        "có ký tự ngắt dòng lạ (U+2028, chép từ Word hay trang web) ở cột 8: YAML coi nó là xuống dòng, trình soạn thảo thì "
        "không — hãy xoá nó (xuống dòng bằng phím Enter nếu cần)")


@pytest.mark.parametrize("char, says", [
    ("\u200b", "có một ký tự vô hình (U+200B, chép từ Word hay trang web): không nhìn thấy nhưng YAML đọc nó như một chữ — "
               "hãy xoá nó (xoá cả chữ bên cạnh rồi gõ lại)"),
    ("\ufeff", "có một ký tự vô hình (U+FEFF, chép từ Word hay trang web): không nhìn thấy nhưng YAML đọc nó như một chữ — "
               "hãy xoá nó (xoá cả chữ bên cạnh rồi gõ lại)"),
    ("\u00a0", "có dấu cách không ngắt (U+00A0, chép từ Word): trông như dấu cách nhưng YAML không coi nó là dấu cách — "
               "hãy xoá nó và gõ một dấu cách thường"),
])
def test_a_key_with_an_invisible_character_names_the_character(tmp_path, char, says):
    """Before: "khoá 'status' không hợp lệ (có phải là 'status'?)": the two looked the same."""
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace("status: official", f"{char}status: official"), encoding="utf-8")
    assert f"{path}:7: {char}status: khoá '{char}status' không hợp lệ: {says}" in str(refusal(path)).splitlines()


def test_a_non_breaking_space_inside_a_text_still_loads_as_before(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace("{vi: Đạt}", "{vi: \"Đạt\u00a0loại 1\"}"), encoding="utf-8")
    assert load_pack(path).pack.outcome_label("dat") == "Đạt\u00a0loại 1"


# --- keys typed in Vietnamese ------------------------------------------------------------------------

@pytest.mark.parametrize("before, typed, line, path, meant", [
    ('version: "1"', 'phiên bản: "1"', 3, "phiên bản", "version"),
    ("label: {vi: Tìm kiếm thông tin}", "nhãn: {vi: Tìm kiếm thông tin}", 23, "criteria[0].indicators[0].nhãn", "label"),
    ("max: 10, pass_at: 5}", "tối_đa: 10, pass_at: 5}", 24, "criteria[0].indicators[0].rule.tối_đa", "max"),
    ("min_total: 16", "ngưỡng: 16", 34, "outcome.bands[0].ngưỡng", "min_total"),
    ("    indicators:", "    chỉ số:", 21, "criteria[0].chỉ số", "indicators"),
    ("criteria:", "Tiêu_chí:", 18, "Tiêu_chí", "criteria"),
])
def test_a_key_typed_in_vietnamese_names_the_formats_key(tmp_path, before, typed, line, path, meant):
    """Before: "khoá 'nhãn' không hợp lệ: xoá khoá này hoặc sửa lại chính tả", with no suggestion."""
    file = tmp_path / "p.yaml"
    file.write_text(BASE.replace(before, typed, 1), encoding="utf-8")
    key = path.rsplit(".", 1)[-1]
    err = refusal(file)
    assert (f"{file}:{line}: {path}: khoá '{key}' không hợp lệ (khoá viết bằng tiếng Anh như trong mẫu: '{key}' → '{meant}'): "
            "xoá khoá này hoặc sửa lại chính tả") in str(err).splitlines()
    set_lang("en")
    assert f"unknown key '{key}' (keys are written in English, as in the template: '{key}' → '{meant}')" in str(err)


def test_the_vietnamese_words_for_keys_name_only_keys_of_the_pack_model():
    """The table holds words; the keys come from the model: each one it names is a key of some part of a pack."""
    from pydantic import BaseModel
    from scoring.packs import pack as schema
    models = [m for m in vars(schema).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    keys = {f.alias or n for m in models for n, f in m.model_fields.items()}
    assert {k for meant in schema.VI_KEY_WORDS.values() for k in meant} <= keys


def test_a_vietnamese_word_is_suggested_only_as_a_key_allowed_there(tmp_path):
    """'mã' is 'id' for an indicator and 'code' for a band: the key the model accepts at that place."""
    file = tmp_path / "p.yaml"
    file.write_text(BASE.replace("{code: dat,", "{mã: dat,").replace('- id: "1.1"', '- mã: "1.1"'), encoding="utf-8")
    text = str(refusal(file))
    assert "khoá 'mã' không hợp lệ (khoá viết bằng tiếng Anh như trong mẫu: 'mã' → 'code')" in text
    assert "khoá 'mã' không hợp lệ (khoá viết bằng tiếng Anh như trong mẫu: 'mã' → 'id')" in text


# --- a graded table out of order ----------------------------------------------------------------------

GRADED = BASE.replace('  - {name: "1.2", type: number, min: 0, max: 10}', '  - {name: "1.2", type: number, min: 0, max: 100, unit: "%"}').replace(
    "        label: {vi: Kế hoạch học tập}\n        rule: {kind: points, max: 10, pass_at: 5}\n",
    "        label: {vi: Kế hoạch học tập}\n        rule:\n          kind: graded\n          table:\n"
    "            - {at_least: 100, points: 10}\n            - {at_least: 90, points: 8}\n            - {at_least: 80, points: 6}\n"
    "            - {at_least: 70, points: 4}\n            - {at_least: 50, points: 2}\n")


def test_a_graded_table_out_of_order_names_the_row_and_writes_numbers_as_people_do(tmp_path):
    """Before: 'at_least giảm dần: [100.0, 90.0, 0.8, 70.0, 50.0]' at the rule, and no fix."""
    path = tmp_path / "p.yaml"
    path.write_text(GRADED.replace("at_least: 80", "at_least: 0.8"), encoding="utf-8")
    err = refusal(path)
    assert str(err) == (f"{path}:33: criteria[0].indicators[1].rule.table[3].at_least: dòng 4 của bảng (at_least 70) không thấp "
                        "hơn dòng trên nó (0,8): các dòng phải xếp từ 'at_least' cao nhất xuống thấp nhất (bảng đang ghi: 100; 90; "
                        "0,8; 70; 50) — sửa số sai, hoặc xếp lại các dòng")
    set_lang("en")   # a whole-rule check words its problem as the pack is read: read it again
    assert str(refusal(path)).endswith("row 4 of the table (at_least 70) is not below the row above it (0.8): rows go from the highest "
                             "'at_least' down (the table has: 100; 90; 0.8; 70; 50) — fix the wrong number, or put the rows in that order")


def test_graded_points_going_up_name_their_row(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(GRADED.replace("points: 4}", "points: 7.5}"), encoding="utf-8")
    assert str(refusal(path)) == (f"{path}:33: criteria[0].indicators[1].rule.table[3].points: dòng 4 của bảng cho nhiều điểm hơn "
                                  "dòng trên nó (7,5 > 6): điểm không được tăng từ dòng trên xuống dòng dưới (bảng đang ghi: 10; 8; "
                                  "6; 7,5; 2)")


# --- lint: a share written as a fraction, texts in one language -----------------------------------------

def test_a_threshold_written_as_a_fraction_of_a_percentage_is_warned(tmp_path):
    from scoring.authoring.lint import lint
    path = tmp_path / "p.yaml"
    path.write_text(GRADED.replace("at_least: 50", "at_least: 0.5"), encoding="utf-8")
    found = [str(m) for m in lint(load_pack(path)) if "0,5" in str(m)]
    assert found == [f"{path}:34: criteria[0].indicators[1].rule.table[4].at_least: cảnh báo: ngưỡng 0,5 so với '1.2', một tỷ lệ "
                     "tính bằng % (0–100): 0,5 nghĩa là 0,5 %, không phải 50 % — nếu muốn 50 %, hãy viết 50"]
    set_lang("en")
    assert [str(m) for m in lint(load_pack(path)) if "0.5" in str(m)][0].endswith(
        "warning: the threshold 0.5 is compared with '1.2', a share in % (0–100): 0.5 means 0.5 %, not 50 % — if 50 % is meant, write 50")


def test_an_at_least_threshold_as_a_fraction_is_warned_but_not_on_a_plain_number(tmp_path):
    from scoring.authoring.lint import lint
    path = tmp_path / "p.yaml"
    rule = "rule: {kind: at_least, value: 0.8}"
    path.write_text(GRADED.replace(GRADED[GRADED.index("rule:\n          kind: graded"):GRADED.index("      - id: dh")], rule + "\n"),
                    encoding="utf-8")
    assert [m.path for m in lint(load_pack(path)) if m.path.endswith(".value")] == ["criteria[0].indicators[1].rule.value"]
    path.write_text(path.read_text(encoding="utf-8").replace('max: 100, unit: "%"', "max: 100"), encoding="utf-8")
    assert [m.path for m in lint(load_pack(path)) if m.path.endswith(".value")] == []


def test_a_hint_or_evidence_in_vietnamese_only_is_warned_when_the_pack_has_english(tmp_path):
    from scoring.authoring.lint import lint
    path = tmp_path / "p.yaml"
    text = BASE.replace("label: {vi: Tìm kiếm thông tin}", "label: {vi: Tìm kiếm thông tin}\n        hint: {vi: Gợi ý}\n"
                        "        evidence: {vi: Minh chứng}")
    path.write_text(text, encoding="utf-8")
    assert lint(load_pack(path))[1:] == []                  # no English anywhere: nothing to say but max_total
    path.write_text(text.replace("title: {vi: Bộ tiêu chí thử nghiệm}", "title: {vi: Bộ tiêu chí thử nghiệm, en: Test}"), encoding="utf-8")
    found = [str(m) for m in lint(load_pack(path)) if ".hint" in m.path or ".evidence" in m.path]
    assert found == [f"{path}:24: criteria[0].indicators[0].hint.en: cảnh báo: lời gợi ý (hint) chỉ có tiếng Việt, trong khi các "
                     "chữ khác của bộ tiêu chí này có tiếng Anh: hãy thêm en: …",
                     f"{path}:25: criteria[0].indicators[0].evidence.en: cảnh báo: phần minh chứng (evidence) chỉ có tiếng Việt, "
                     "trong khi các chữ khác của bộ tiêu chí này có tiếng Anh: hãy thêm en: …"]
