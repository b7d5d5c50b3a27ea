"""Output files: the format follows the extension; workbooks have results, rejected and
summary sheets; text from records never becomes a formula; the same results give the same bytes."""
import os
import io
import json
import zipfile

import pytest
import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from books import SHEET, citizen, council_workbook
from conftest import ROOT
from scoring.results.render import write_json_array

IND = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                           max_leaves=10)


@given(st.lists(json_values, max_size=5))
def test_streamed_json_array_is_the_same_text_as_json_dumps(items):
    out = io.StringIO()
    write_json_array(iter(items), out)
    assert out.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def sheet_rows(path, name):
    return [list(r) for r in openpyxl.load_workbook(path)[name].iter_rows(values_only=True)]


def test_results_workbook_has_results_rejected_and_summary(runner, cli, tmp_path):
    source = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9), citizen("CD-2", [8] * 9 + [7.5]),
                                                     None, citizen("CD-3", ["tám"] + [8] * 9)])
    out = tmp_path / "kq.xlsx"
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(out)])
    title_note = f"cảnh báo: {source}:Tự đánh giá: bỏ qua 1 dòng phía trên dòng tiêu đề cột (dòng 1: "
    assert result.exit_code == 1 and result.stderr.startswith(title_note)   # the title row is skipped, saying so
    assert result.stderr.splitlines()[1:] == ["đã đọc 3 hồ sơ: 2 được chấm, 1 bị loại", f"đã ghi {out}"]
    assert openpyxl.load_workbook(out).sheetnames == ["Kết quả", "Bị loại", "Tổng hợp", "Cảnh báo"]
    # the screen's warning is kept for the secretary who opens the file later, the file named, not its folders
    assert sheet_rows(out, "Cảnh báo") == [["Cảnh báo"], [title_note.removeprefix(f"cảnh báo: {tmp_path}/")
                                                          + "'DANH SÁCH TỰ ĐÁNH GIÁ CÔNG DÂN HỌC TẬP N…')"]]
    results = sheet_rows(out, "Kết quả")
    assert results[0] == ["Mã", "Mã kết quả", "Kết quả", "Tổng điểm", "Điểm tối đa", *IND, "Lý do", "Vị trí",
                          "Tự đánh giá (tổng điểm)", "Tự đánh giá (kết quả)", "Đối chiếu"]  # the source has claim columns
    assert results[1][:16] == ["CD-1", "dat", "Đạt danh hiệu Công dân học tập", 90, 100, *[9] * 10,
                              "Đạt danh hiệu Công dân học tập: tổng điểm 90/100, từ 80 trở lên, mọi chỉ số đạt mức tối thiểu"]
    assert results[2][3:15] == [79.5, 100, *[8] * 9, 7.5]
    assert results[2][16] == f"{source}:{SHEET}!5"
    assert sheet_rows(out, "Bị loại") == [["Vị trí", "Mã", "Lỗi"],
                                           [f"{source}:{SHEET}!7", "CD-3", "'1.1' phải là một số từ 0 đến 10, không phải 'tám'"]]
    summary = {row[0]: row[1:] for row in sheet_rows(out, "Tổng hợp") if row[0]}
    assert summary["Số hồ sơ đã đọc"][0] == 3 and summary["Được chấm"][0] == 2 and summary["Bị loại"][0] == 1
    assert summary["Đã đọc = được chấm + bị loại + bỏ qua"][0] == "có"
    assert summary["dat"][:3] == ["Đạt danh hiệu Công dân học tập", 1, 0.5]
    assert summary["chua_dat"][1:3] == [1, 0.5]


def test_text_that_looks_like_a_formula_stays_text(runner, cli, tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("id,group," + ",".join(IND) + "\n=1+2,1," + ",".join(["8"] * 10)
                      + '\n"=HYPERLINK(""x"")\x07",1,' + ",".join(["11"] * 10) + "\n", encoding="utf-8")
    out = tmp_path / "kq.xlsx"
    runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(out)])
    book = openpyxl.load_workbook(out)
    cell = book["Kết quả"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+2", "s")
    cell = book["Bị loại"]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")?', "s")  # the control character cannot go in XML


def test_workbooks_carry_no_date_so_the_same_results_give_the_same_bytes(runner, cli, tmp_path):
    source = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 9)])
    out = tmp_path / "kq.xlsx"
    runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(out)])
    with zipfile.ZipFile(out) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert openpyxl.load_workbook(out).properties.created.year == 1980


def test_extension_picks_the_format_and_others_get_the_table(runner, cli, tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("id,group," + ",".join(IND) + "\nA,1," + ",".join(["8"] * 10) + "\n", encoding="utf-8")
    for name, starts in [("o.csv", "Mã,Mã kết quả,Kết quả,Tổng điểm,Điểm tối đa,1.1,"), ("o.jsonl", '{"id":"A","outcome":"dat"'),
                         ("o.json", '[\n  {\n    "id": "A",'), ("o.txt", "Mã    Kết quả")]:
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / name)])
        assert result.exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8-sig").startswith(starts), name


def test_output_folder_must_exist(runner, cli, tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("id,group," + ",".join(IND) + "\nA,1," + ",".join(["8"] * 10) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / "no" / "o.xlsx")])
    assert result.exit_code == 2
    assert result.stderr == (f"lỗi: {tmp_path}/no/o.xlsx: thư mục '{tmp_path}/no' không tồn tại: hãy tạo thư mục đó "
                             "trước, hoặc chọn một thư mục có sẵn\n")   # what to do, not only what is wrong


def test_an_output_file_gets_ordinary_permissions(runner, cli, tmp_path):
    """Created owner-only while being written, then as an ordinary write would leave it."""
    from conftest import EXAMPLES
    old = os.umask(0o022)
    try:
        out = tmp_path / "kq.csv"
        runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "-o", str(out)])
        assert out.stat().st_mode & 0o777 == 0o644
        out.chmod(0o640)   # a file replaced keeps the permissions it had
        runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "-o", str(out)])
        assert out.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_a_text_output_is_written_through_the_file_made_for_it_never_truncated(tmp_path, monkeypatch):
    """The temporary file is created empty (O_EXCL) and written through that same name opened
    without O_TRUNC: on ext4 a file truncated on opening is flushed to disk in full when closed,
    and a large run waited for it (49 ms for 160 MB). The BOM and the text are as before."""
    import builtins
    from scoring.results import output
    flags, given = [], []
    real_open, real_os_open = builtins.open, os.open
    monkeypatch.setattr(os, "open", lambda path, how, *a: flags.append(how) or real_os_open(path, how, *a))
    monkeypatch.setattr(output, "open", lambda file, *a, **k: given.append(file) or real_open(file, *a, **k), raising=False)
    with output.atomic_text(tmp_path / "ket-qua.csv", bom=True) as out:
        out.write("mã,kết quả\nCD-1,đạt\n")
    assert (tmp_path / "ket-qua.csv").read_bytes() == "\ufeffmã,kết quả\nCD-1,đạt\n".encode("utf-8")
    assert len(flags) == 2 and flags[0] & os.O_EXCL and not any(how & os.O_TRUNC for how in flags)
    assert [type(file) for file in given] == [int]   # the descriptor, not the name opened again
    assert [p.name for p in tmp_path.iterdir()] == ["ket-qua.csv"]


@pytest.mark.parametrize("name", ["giai-thich.xlsx", "giai-thich.csv"])
def test_explain_refuses_a_workbook_or_csv_name_it_would_fill_with_text(runner, cli, tmp_path, name):
    """An explanation is text (.txt, .md, .json): under a .xlsx name Excel would call the file corrupt."""
    out = tmp_path / name
    result = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", str(ROOT / "examples" / "cong-dan-hoc-tap.csv"),
                                 "-o", str(out)])
    assert result.exit_code == 2
    assert "lệnh này không ghi được tệp" in result.stderr and ".txt" in result.stderr
    assert not out.exists()


def test_csv_on_stdout_is_for_excel_by_default_as_in_a_file(runner, cli):
    """'hoctap score … -f csv > kq.csv' is how a Windows user makes a file: the same BOM, headings and
    statuses in words as '-o kq.csv'; '--csv utf8' keeps the codes, for programs."""
    example = str(ROOT / "examples" / "cong-dan-hoc-tap.csv")
    excel = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", example, "-f", "csv"])
    assert excel.exit_code == 0, excel.output
    assert excel.stdout.startswith("\ufeff") and not excel.stdout.startswith("\ufeffid,")
    assert ",outcome," not in excel.stdout.splitlines()[0]
    plain = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", example, "-f", "csv", "--csv", "utf8"])
    assert plain.stdout.startswith("id,outcome,label,")


@pytest.mark.parametrize("command", [
    ["score", "-c", "cong-dan-hoc-tap", "{example}"],
    ["report", "-c", "cong-dan-hoc-tap", "{example}"],
    ["explain", "-c", "cong-dan-hoc-tap", "{example}"],
    ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", "{example}"],
    ["schema"],
    ["thong-ke-tuan-le", str(ROOT / "examples" / "tuan-le" / "hoat-dong-tuan-le-2023.csv")],
])
def test_an_existing_file_is_never_overwritten_unless_asked(runner, cli, tmp_path, command):
    """A council's own file (last week's signed list, a plan) given as -o by mistake is refused before
    anything is read; --ghi-de replaces it."""
    example = str(ROOT / "examples" / "cong-dan-hoc-tap.csv")
    command = [part.format(example=example) for part in command]
    mine = tmp_path / ("ke-hoach.xlsx" if command[0] == "report" else "ke-hoach.json" if command[0] != "explain"
                       else "ke-hoach.txt")
    mine.write_text("của tôi", encoding="utf-8")
    refused = runner.invoke(cli, [*command, "-o", str(mine)])
    assert refused.exit_code == 2 and "đã có: hoctap không ghi đè tệp có sẵn" in refused.stderr
    assert "--ghi-de" in refused.stderr and mine.read_text(encoding="utf-8") == "của tôi"
    replaced = runner.invoke(cli, [*command, "-o", str(mine), "--ghi-de"])
    assert replaced.exit_code in (0, 1), replaced.output
    assert mine.read_bytes() != "của tôi".encode("utf-8") and f"đã ghi {mine}" in replaced.stderr


def test_a_device_is_written_to_as_ever(runner, cli):
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(ROOT / "examples" / "cong-dan-hoc-tap.csv"),
                                 "-o", os.devnull, "-f", "jsonl"])
    assert result.exit_code == 0, result.output


def test_an_opendocument_or_binary_workbook_name_is_refused_naming_its_own_format(runner, cli, tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("id,group," + ",".join(IND) + "\nA,1," + ",".join(["8"] * 10) + "\n", encoding="utf-8")
    for name, said in [("kq.ods", "định dạng OpenDocument (LibreOffice, OpenOffice) (.ods)"),
                       ("kq.xlsb", "định dạng Excel nhị phân (.xlsb)"), ("kq.xls", "định dạng Excel cũ (.xls)")]:
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(tmp_path / name)])
        assert result.exit_code == 2
        assert result.stderr == f"lỗi: '{tmp_path / name}': không ghi được {said}: hãy đặt tên tệp .xlsx\n"


def test_an_output_under_a_file_says_it_is_a_file_not_a_missing_folder(runner, cli, tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("id,group," + ",".join(IND) + "\nA,1," + ",".join(["8"] * 10) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(source / "kq.xlsx")])
    assert result.exit_code == 2
    assert result.stderr == (f"lỗi: {source}/kq.xlsx: '{source}' là một tệp, không phải thư mục: hãy ghi -o vào một "
                             f"thư mục có sẵn (ví dụ '{tmp_path}/kq.xlsx')\n")


def test_a_full_disk_is_said_in_vietnamese_only():
    from cli import failure
    from scoring.messages import set_lang
    set_lang("vi")
    message = failure(OSError(28, "No space left on device", "kq.xlsx"))[1]
    assert message.startswith("lỗi: không ghi được 'kq.xlsx': ổ đĩa đầy; không tệp nào bị ghi dở") and "No space" not in message
    set_lang("en")
    try:
        assert "the disk is full" in failure(OSError(28, "No space left on device", "kq.xlsx"))[1]
    finally:
        set_lang(None)


def test_a_levels_pack_s_result_files_name_each_indicator_and_carry_no_empty_points(runner, cli, tmp_path):
    """Before, 'score -c don-vi-hoc-tap-tt24-huyen … -o x.xlsx' (or .csv) headed its columns
    'tc1_ct1 … tc3_ct5' and 'tc2_ct1_md1 tình trạng', and 'Tổng điểm'/'Điểm tối đa' stayed empty on
    every row (the pack gives no points). Now each column is the indicator's name, saying its level;
    the machine CSV (--csv utf8) and JSON keep the codes; a pack with points keeps its columns."""
    import csv
    from scoring import resolve_pack
    from scoring.results.explain import indicator_titles
    source = str(ROOT / "examples" / "don-vi-hoc-tap-tt24-huyen.csv")
    pack = resolve_pack("don-vi-hoc-tap-tt24-huyen").pack
    for lang in ("vi", "en"):
        named = indicator_titles(pack, lang)
        assert len(set(named.values())) == len(pack.indicators)   # unique headings
        book, table = tmp_path / f"x-{lang}.xlsx", tmp_path / f"x-{lang}.csv"
        for out in (book, table):
            assert runner.invoke(cli, ["--lang", lang, "score", "-c", pack.id, source, "-o", str(out)]).exit_code == 0
        xlsx_header = [h for h in sheet_rows(book, "Results" if lang == "en" else "Kết quả")[0]]
        csv_header = next(csv.reader(table.open(encoding="utf-8-sig")))
        for header in (xlsx_header, csv_header):
            assert not [h for h in header if "tc1_" in h or "tc2_" in h or "tc3_" in h]
            assert not {"Tổng điểm", "Điểm tối đa", "Total", "Maximum"} & set(header)
            assert header[3:3 + len(named)] == list(named.values())
        assert named["tc2_ct1_md1"] != named["tc2_ct1_md2"]
    vi = indicator_titles(pack, "vi")
    assert vi["tc2_ct1_md1"].startswith("2.1 Tỷ lệ thành viên tuân thủ") and vi["tc2_ct1_md1"].endswith("— Mức độ 1")
    assert f"Tình trạng: {vi['tc2_ct1_md2']}" in csv_header_of(runner, cli, tmp_path, pack.id, source)
    assert runner.invoke(cli, ["score", "-c", pack.id, source]).stdout.splitlines()[0].split() == ["Mã", "Kết", "quả", "Lý", "do"]
    listed = runner.invoke(cli, ["report", "-c", pack.id, source]).stdout.splitlines()
    assert listed[listed.index("Danh sách đề nghị công nhận (9)") + 2].split() == ["STT", "Mã", "Kết", "quả"]
    machine = runner.invoke(cli, ["score", "-c", pack.id, source, "-f", "csv", "--csv", "utf8"]).stdout.splitlines()[0]
    assert machine.startswith("id,outcome,label,total,max,tc1_ct1,") and ",tc2_ct1_md1 status," in machine
    citizens = str(ROOT / "examples" / "cong-dan-hoc-tap.csv")   # numbered indicators, with points: as before
    kept = tmp_path / "cd.csv"
    assert runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", citizens, "-o", str(kept)]).exit_code == 0
    assert next(csv.reader(kept.open(encoding="utf-8-sig")))[:15] == ["Mã", "Mã kết quả", "Kết quả", "Tổng điểm",
                                                                       "Điểm tối đa", *IND]


def csv_header_of(runner, cli, tmp_path, pack, source):
    import csv
    out = tmp_path / "header.csv"
    assert runner.invoke(cli, ["score", "-c", pack, source, "-o", str(out)]).exit_code == 0
    return next(csv.reader(out.open(encoding="utf-8-sig")))


def _fail_in_folder(monkeypatch, code: int, strerror: str) -> None:
    """Fault injection: the output's folder refuses every new file (``code``), and, as a read-only
    disk does, refuses even the removal of a file that is not there."""
    import errno as errnos
    import pathlib
    real_open, real_unlink = os.open, pathlib.Path.unlink

    def refusing_open(path, how, *args):
        if str(path).endswith(".tmp"):
            raise OSError(code, strerror, str(path))
        return real_open(path, how, *args)

    def refusing_unlink(self, missing_ok=False):
        if str(self).endswith(".tmp"):
            raise OSError(errnos.EROFS, "Read-only file system", str(self))
        return real_unlink(self, missing_ok=missing_ok)
    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(pathlib.Path, "unlink", refusing_unlink)


@pytest.mark.parametrize("lang, said", [
    ("vi", "không ghi được vào '{folder}': ổ đĩa hoặc thư mục này chỉ cho đọc: ghi ra nơi khác bằng -o TỆP"),
    ("en", "cannot write in '{folder}': the disk or folder is read-only: write elsewhere with -o FILE")])
def test_a_read_only_disk_is_said_in_words_naming_the_user_s_file_not_the_hidden_temporary_one(
        runner, cli, tmp_path, monkeypatch, lang, said):
    """On a read-only disk (a USB stick's lock, a share mounted read-only) removing the temporary
    file that could not be made fails too (EROFS, not 'not found'): that error, naming
    '.kq.csv.1f2e….tmp' in English, used to replace the one that says why nothing was written."""
    import errno as errnos
    from conftest import EXAMPLES
    _fail_in_folder(monkeypatch, errnos.EROFS, "Read-only file system")
    out = tmp_path / "kq.csv"
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"),
                                 "-o", str(out), "--lang", lang])
    assert result.exit_code == 2
    word = "lỗi" if lang == "vi" else "error"
    assert result.stderr == f"{word}: {out}: " + said.format(folder=tmp_path) + "\n"
    assert list(tmp_path.iterdir()) == []


def test_a_disk_filling_up_while_results_are_written_names_the_output_and_leaves_nothing(runner, cli, tmp_path,
                                                                                            monkeypatch):
    """A write that fails (the disk full) names no file in its error: the message named none, and the
    user could not tell whether the results or the run store filled the disk."""
    import errno as errnos
    from conftest import EXAMPLES
    from scoring.results import render

    def filling(results, *args, **kwargs):
        raise OSError(errnos.ENOSPC, "No space left on device")
    monkeypatch.setattr(render, "write_results", filling)
    out = tmp_path / "kq.jsonl"
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"lỗi: không ghi được '{out}': ổ đĩa đầy; không tệp nào bị ghi dở: giải phóng dung lượng "
                             "hoặc ghi ra nơi khác bằng -o TỆP\n")
    assert list(tmp_path.iterdir()) == []
