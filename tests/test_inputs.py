"""Bad input gets a clear error and loses nothing: rows in = scored + rejected."""
import json

import pytest

from scoring import InputFileError, score_files

HEADER = "id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2"


def good(rid, points="8", group="1"):
    return ",".join([rid, group] + [points] * 10)


def run(tmp_path, text, name="r.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    batch = score_files("cong-dan-hoc-tap", [path])
    results = list(batch.results())
    assert batch.counts.read == batch.counts.scored + batch.counts.rejected == len(results)
    return results


def errors(results):
    return {r.id: r.error for r in results if not r.ok}


@pytest.mark.parametrize("row,message", [
    ("B,1,11,8,8,8,8,8,8,8,8,8", "'1.1' là 11, lớn hơn mức tối đa 10"),
    ("B,1,-1,8,8,8,8,8,8,8,8,8", "'1.1' là -1, nhỏ hơn mức tối thiểu 0"),
    ("B,1,tám,8,8,8,8,8,8,8,8,8", "'1.1' phải là một số từ 0 đến 10, không phải 'tám'"),
    ("B,1,,8,8,8,8,8,8,8,8,8", "thiếu '1.1': ghi một số từ 0 đến 10"),
    ("B,7,8,8,8,8,8,8,8,8,8,8", "'Nhóm đối tượng' (group) là '7', không phải một trong: Người dân trong xã; Người lao động; Cán bộ, công nhân viên, doanh nhân; Học sinh, sinh viên, học viên"),
    ("B,1,8,8,8,8,8,8,8,8,8", "dòng có 11 giá trị nhưng tiêu đề có 12 cột"),
    ("B,1,8,8,8,8,8,8,8,8,8,8,9", "dòng có 13 giá trị nhưng tiêu đề có 12 cột"),
])
def test_a_bad_row_is_rejected_and_the_others_scored(tmp_path, row, message):
    results = run(tmp_path, "\n".join([HEADER, good("A"), row, good("C")]) + "\n")
    assert [r.id for r in results] == ["A", "B", "C"]
    assert [r.ok for r in results] == [True, False, True]
    assert message in results[1].error
    assert results[1].where.endswith(":3")


def test_duplicate_id_is_rejected_with_the_first_row(tmp_path):
    results = run(tmp_path, "\n".join([HEADER, good("A"), good("A")]) + "\n")
    assert results[1].error.startswith("mã 'A' trùng với hồ sơ ở ")
    assert results[1].error.split("trùng với hồ sơ ở ")[1].startswith(str(tmp_path))


def test_empty_file_is_an_input_error(tmp_path):
    with pytest.raises(InputFileError, match="tệp trống"):
        run(tmp_path, "")


def test_wrong_encoding_rejects_only_the_bad_rows(tmp_path):
    text = "\n".join([HEADER, good("A"), "B,1,8,8,8,8,8,8,8,8,8,8", good("C")]) + "\n"
    raw = text.encode("utf-8").replace(b"B,1", "Bé,1".encode("cp1258"))
    results = run(tmp_path, raw)
    assert [r.ok for r in results] == [True, False, True]
    assert "không phải UTF-8" in results[1].error and "CSV UTF-8" in results[1].error


def test_bom_semicolons_and_decimal_commas_from_excel(tmp_path):
    text = "\ufeff" + "\n".join([HEADER.replace(",", ";"), "A;1;" + ";".join(["8,5"] * 10)]) + "\n"
    [result] = run(tmp_path, text)
    assert result.ok and result.scored.total == 85


@pytest.mark.parametrize("title", ["UBND XÃ TÂN LẬP", "DANH SÁCH TỰ ĐÁNH GIÁ, NĂM 2024"])
def test_semicolons_under_a_title_line_without_them(tmp_path, title):
    # The delimiter was taken from the first line: a title typed without ';' (or holding a comma) made
    # every row one value, each rejected as 'dòng có 2 giá trị nhưng tiêu đề có 1 cột'
    text = "\ufeff" + "\r\n".join([title, "", HEADER.replace(",", ";"), "A;1;" + ";".join(["8,5"] * 10),
                                     "B;1;" + ";".join(["7"] * 10)]) + "\r\n"
    results = run(tmp_path, text)
    assert [(r.id, r.ok) for r in results] == [("A", True), ("B", True)]
    assert [r.scored.total for r in results] == [85, 70]


def test_aliases_and_extra_columns(tmp_path):
    header = "Mã số,Nhóm đối tượng,Họ và tên," + ",".join(f"Chỉ số {i}" for i in HEADER.split(",")[2:])
    [result] = run(tmp_path, header + "\nA,1,Nguyễn Văn An," + ",".join(["9"] * 10) + "\n")
    assert result.ok and result.scored.outcome == "dat"
    assert "Họ và tên" not in result.scored.values  # personal columns are not carried


def test_json_and_jsonl(tmp_path):
    rec = {"id": "A", "group": "2", **{k: 8 for k in HEADER.split(",")[2:]}}
    bad = {**rec, "id": "B", "2.2": "8"}
    bad["1.1"] = True
    results = run(tmp_path, json.dumps([rec, bad, [1]]), name="r.json")
    assert [r.ok for r in results] == [True, False, False]
    assert "'1.1' phải là một số, không phải TRUE (đúng)" in results[1].error   # was 'true': the English word
    assert "hồ sơ 3 là một danh sách JSON" in results[2].error
    lines = "\n".join([json.dumps(rec), "{not json", json.dumps({**rec, "id": "C"})])
    results = run(tmp_path, lines, name="r.jsonl")
    assert [r.ok for r in results] == [True, False, True]
    assert "không phải JSON hợp lệ" in results[1].error


def test_unknown_extension(tmp_path):
    with pytest.raises(InputFileError, match="loại tệp '.docx' không đọc được"):
        run(tmp_path, "x", name="r.docx")


def test_a_file_for_another_pack_is_one_clear_error(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("id,1a,1b\nDV-1,10,10\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="không cột nào của tệp được bộ tiêu chí 'cong-dan-hoc-tap' đọc"):
        run(tmp_path, path.read_text(encoding="utf-8"), name="units.csv")


PERSON = ("Nguyễn Thị Hoa", "12/03/1961", "0912345678", "001161012345", "Thôn Đông")


@pytest.mark.parametrize("lang,said", [("vi", "tệp có thiếu dòng tiêu đề không?"), ("en", "is the header row missing?")])
def test_a_file_without_its_header_row_is_refused_without_echoing_the_first_record(tmp_path, lang, said):
    # the first record, read as the header, was quoted whole: a name, birth date, phone and ID card number
    path = tmp_path / "ds.csv"
    scores = ",1,9,8,7,6,5,4,3,2,10,0\n"   # no two alike: else the header is refused for a name given twice
    path.write_text("CD-1," + ",".join(PERSON) + scores + "CD-2,Trần An,01/01/1970,0987654321,0,Xóm" + scores,
                    encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        score_files("cong-dan-hoc-tap", [path], lang=lang)
    message = err.value.render(lang)
    assert said in message and not any(value in message for value in PERSON), message


def test_a_wrong_header_is_still_quoted(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("STT,Tên,Ghi chú\n1,An,x\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="tệp có 'STT', 'Tên', 'Ghi chú'"):
        score_files("cong-dan-hoc-tap", [path])


def test_an_unclosed_quote_refuses_the_file_instead_of_losing_rows(tmp_path):
    rows = [good("Q1"), 'Q2,1,"8,8,8,8,8,8,8,8,8,8'] + [good(f"Q{i}") for i in range(3, 50)]
    with pytest.raises(InputFileError, match=r"dòng 3: một dấu ngoặc kép mở ở dòng này không bao giờ đóng, nên các dòng 3–50"):
        run(tmp_path, "\n".join([HEADER, *rows]) + "\n")


def test_a_long_text_value_is_read(tmp_path):
    """The csv module's 128 KiB default would raise a bare error on a long name."""
    text = "id,ho_ten,group," + HEADER.split(",", 2)[2] + "\nL1," + "a" * 200_000 + ",1," + ",".join(["8"] * 10) + "\n"
    [result] = run(tmp_path, text)
    assert result.ok and result.scored.total == 80


def test_a_row_is_plain_text_exactly_when_each_value_is():
    """A CSV row is looked at whole for NFC and stray bytes (issue 14): the answer must be each
    value's, even where one value's end would compose with the next one's start ('e' + U+0301)."""
    import random
    import unicodedata
    from scoring.records.rows import _bad_bytes, _plain_text
    pieces = ["e", "\u0301", "\u0323", "ễ", unicodedata.normalize("NFD", "ễ"), "Nguyễn", "a", "\x00", "\udc80",
              "\ud800", "\u1100", "\u1161", "가", "\u0f73", "Å", "\u212b", " ", "7,5"]
    rng = random.Random(14)
    seen = {True: 0, False: 0}
    for _ in range(5000):
        values = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(1, 4))]
        each = all(unicodedata.normalize("NFC", v) == v and not _bad_bytes(v) for v in values)
        assert _plain_text(values) == each, values
        seen[each] += 1
    assert min(seen.values()) > 500   # both answers were tried often


def test_vietnamese_rows_read_as_before(tmp_path):
    """Rows that are not ASCII (NFD text, a stray byte) come out normalised, or rejected, as ever."""
    import unicodedata
    nfd = unicodedata.normalize("NFD", "Nhóm 1")
    path = tmp_path / "vi.csv"
    path.write_bytes((HEADER + ",ghi chú\n" + good("A") + f",{nfd}\n" + good("B") + ",Nguyễn Văn A\n").encode()
                     + (good("C") + ",").encode() + b"\xff\n")
    from scoring.records.rows import read_records
    rows = list(read_records(path))
    assert rows[0].data["ghi chú"] == "Nhóm 1" and rows[0].problem is None
    assert rows[1].data["ghi chú"] == "Nguyễn Văn A" and rows[1].problem is None
    assert rows[2].problem is not None
