"""Files as a council clerk's Windows and Excel leave them: a result file still open in Excel, a
read-only folder, a name too long; the system's English ('Permission denied', 'File name too
long') and the name of a temporary file never reach the user, and it is said before the work."""
import errno
import os

import pytest

from conftest import ROOT
from scoring.errors import OutputFileError, os_reason
from scoring.messages import t

EXAMPLE = str(ROOT / "examples" / "cong-dan-hoc-tap.csv")
DENIED = ("không có quyền: tệp hoặc thư mục chỉ đọc, hoặc tệp đang mở trong chương trình khác (Excel?): "
          "đóng tệp, hoặc chọn thư mục khác")


def test_a_result_file_open_in_excel_is_said_before_anything_is_read(runner, cli, tmp_path, monkeypatch):
    """Windows refuses to write a workbook Excel has open; with --ghi-de the run went to its end,
    then said 'không đọc hay ghi được '.kq.xlsx.….tmp': Permission denied' of a file the user never saw."""
    from scoring.results import output
    mine = tmp_path / "kq.xlsx"
    mine.write_bytes(b"bang cua hoi dong")
    real_open = open

    def excel_has_it(file, *args, **kwargs):
        if str(file) == str(mine) and "+" in (args[0] if args else kwargs.get("mode", "r")):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr(output, "open", excel_has_it, raising=False)
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", EXAMPLE, "-o", str(mine), "--ghi-de"])
    assert result.exit_code == 2
    assert result.stderr == (f"lỗi: {mine}: không ghi được kết quả vào tệp này: {DENIED} "
                             "(kết quả chưa được ghi; tệp cũ vẫn nguyên)\n")   # no 'đã đọc …': nothing was read
    assert mine.read_bytes() == b"bang cua hoi dong" and sorted(p.name for p in tmp_path.iterdir()) == ["kq.xlsx"]


def test_a_file_opened_in_excel_during_the_run_is_named_not_the_temporary_file(tmp_path, monkeypatch):
    from scoring.results import output
    target = tmp_path / "Kết quả xã Tân Lập.csv"
    target.write_text("cũ", encoding="utf-8")

    def sharing_violation(src, dst):
        raise PermissionError(errno.EACCES, "Access is denied", str(src), None, str(dst))
    monkeypatch.setattr(output.os, "replace", sharing_violation)
    with pytest.raises(OutputFileError) as caught:
        with output.atomic_text(target, bom=True) as out:
            out.write("mới")
    assert t("error", "vi", message=str(caught.value)) == (
        f"lỗi: {target}: không ghi được kết quả vào tệp này: {DENIED} (kết quả chưa được ghi; tệp cũ vẫn nguyên)")
    assert ".tmp" not in str(caught.value) and [p.name for p in tmp_path.iterdir()] == [target.name]
    assert target.read_text(encoding="utf-8") == "cũ"


def test_a_name_too_long_is_said_in_vietnamese_before_anything_is_read(runner, cli, tmp_path):
    out = tmp_path / ("Kết quả chấm " * 30 + ".xlsx")   # over 255 bytes: Linux and Windows refuse the name
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", EXAMPLE, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"lỗi: {out}: không ghi được vào '{tmp_path}': tên tệp hoặc đường dẫn quá dài: đặt tên "
                             "tệp ngắn hơn, hoặc chuyển vào thư mục gần gốc ổ đĩa hơn (ví dụ D:\\HoSo)\n")


def test_a_read_only_folder_is_said_before_anything_is_read(runner, cli, tmp_path, monkeypatch):
    from scoring.results import output
    real = os.open

    def read_only(path, flags, *args):
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args)
    monkeypatch.setattr(output.os, "open", read_only)
    out = tmp_path / "kq.xlsx"
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", EXAMPLE, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"lỗi: {out}: không ghi được vào '{tmp_path}': {DENIED}\n"


@pytest.mark.parametrize("exc, key", [
    (PermissionError(errno.EACCES, "Permission denied"), "os.denied"),
    (OSError(errno.EROFS, "Read-only file system"), "os.read_only_disk"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "os.name_too_long"),
    (OSError(errno.ENOSPC, "No space left on device"), "os.disk_full"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "file.no_such"),
])
def test_the_system_s_reasons_are_said_in_the_user_s_words(exc, key):
    assert os_reason(exc).code == key


def test_a_windows_sharing_violation_is_said_as_a_file_open_elsewhere():
    exc = OSError(errno.EINVAL, "The process cannot access the file because it is being used by another process")
    exc.winerror = 32
    assert os_reason(exc).code == "os.denied"
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"   # unknown: the system's words


ROWS = ["id;ho_ten;group;1.1;1.2;1.3;1.4;2.1;2.2;2.3;2.4;3.1;3.2",
        "CD-001;Nguyễn Thị Hoa;1;9;8;8;9;7;5;8;8;9;9", "CD-002;Trần Văn Hùng;2;8;7;7;8;6;5;8;7;9;9",
        "CD-003;Lê Thu;3;10;9;9;9;10;8;9;9;10;10"]


def ansi(text):
    """What Excel's 'CSV (Comma delimited)' writes on a Vietnamese Windows: Windows-1258, where a
    letter the code page lacks ('ễ') is its letter ('ê') and the tone as a combining mark."""
    import unicodedata

    def letter(ch):
        if ch.encode("cp1258", "ignore"):
            return ch.encode("cp1258")
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in TONES)
        return (unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONES)) + tones).encode("cp1258")
    return b"".join(letter(ch) for ch in text)


TONES = "\u0300\u0301\u0303\u0309\u0323"


def test_a_csv_saved_in_the_windows_code_page_is_refused_once_saying_how_to_save_it(runner, cli, tmp_path):
    """Its header is plain ASCII, so every row was read and rejected, each one 'dòng này có byte không
    phải UTF-8': 0 scored, 2 000 rejections to read for one mistake in saving the file."""
    source = tmp_path / "Danh sách xã Tân Lập.csv"
    source.write_bytes(ansi("\r\n".join(ROWS) + "\r\n"))
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"lỗi: {source}: tệp không phải UTF-8 mà theo một bảng mã cũ (ANSI, Windows-1258 hoặc TCVN3; Excel lưu "
        "'CSV (Comma delimited)' như vậy): dòng 2 có byte 0xea, và mọi dòng có dấu tiếng Việt đều thế. Chưa hồ sơ "
        "nào được chấm: mở tệp trong Excel, chọn Tệp > Lưu thành > 'CSV UTF-8 (Comma delimited)', rồi chạy lại "
        "với tệp mới\n")


def test_stray_bytes_in_a_utf8_file_still_reject_only_their_rows(runner, cli, tmp_path):
    source = tmp_path / "ds.csv"
    source.write_bytes(b"\r\n".join([ROWS[0].encode(), ansi(ROWS[1]), ansi(ROWS[2]), ROWS[3].encode("utf-8")]) + b"\r\n")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source)])
    assert result.exit_code == 1
    assert result.output.count("dòng này có byte không phải UTF-8") == 2
    assert "đã đọc 3 hồ sơ: 1 được chấm, 2 bị loại" in result.output


@pytest.mark.parametrize("name, said", [
    ("Danh sách.txt", "tệp văn bản '.txt' không đọc được (Excel lưu 'Văn bản Unicode' thành .txt): mở tệp trong Excel "
                      "và lưu thành 'CSV UTF-8 (Comma delimited)' hoặc 'Excel Workbook (.xlsx)'"),
    ("ds.ods", "định dạng OpenDocument (.ods) không đọc được: mở tệp trong LibreOffice Calc, chọn Tệp > Lưu thành, "
               "kiểu 'Excel 2007-365 (.xlsx)'"),
    ("ds.xlsb", "định dạng Excel nhị phân (.xlsb) không đọc được: mở tệp trong Excel và lưu thành 'Excel Workbook "
                "(.xlsx)' hoặc 'CSV UTF-8'"),
])
def test_a_file_an_office_program_saves_in_a_format_not_read_says_how_to_save_it(runner, cli, tmp_path, name, said):
    """Excel's 'Unicode Text' is a .txt, LibreOffice's own a .ods: 'dùng .csv, .json, .jsonl hoặc .xlsx'
    left a clerk to find how to get one."""
    source = tmp_path / name
    source.write_text("\t".join(ROWS[0].split(";")) + "\n", encoding="utf-16")
    for command in (["score", "-c", "cong-dan-hoc-tap"], ["goals", "-g", "muc-tieu-qd677", "-y", "2025"]):
        result = runner.invoke(cli, [*command, str(source)])
        assert result.exit_code == 2 and result.stderr.endswith(f"lỗi: {source}: {said}\n"), result.output


@pytest.mark.parametrize("lang, said", [
    ("vi", "tên tệp hoặc đường dẫn quá dài: đặt tên tệp ngắn hơn, hoặc chuyển vào thư mục gần gốc ổ đĩa hơn"),
    ("en", "the file name or path is too long: give the file a shorter name, or move it to a folder nearer the top")])
def test_a_records_file_whose_name_is_too_long_is_said_in_the_user_s_words(runner, cli, tmp_path, lang, said):
    """The command's own catch-all for the system's refusals said 'File name too long' in English (strerror)."""
    long_name = str(tmp_path / ("k" * 300 + ".csv"))
    result = runner.invoke(cli, ["--lang", lang, "score", "-c", "cong-dan-hoc-tap", long_name])
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "File name too long" not in result.stderr


@pytest.mark.parametrize("lang, said", [
    ("vi", "lỗi: không tạo được kho lưu lượt chấm {path}: thư mục '{folder}' không tồn tại: hãy tạo thư mục đó trước, "
           "hoặc chọn một thư mục có sẵn\n"),
    ("en", "error: cannot make the run store {path}: the folder '{folder}' does not exist: create it first, or choose "
           "a folder that exists\n")])
def test_a_store_in_a_folder_that_does_not_exist_says_so(runner, cli, tmp_path, lang, said):
    """sqlite3 says only 'unable to open database file'; the clerk is told the folder is missing, before any work."""
    store = tmp_path / "khong-co" / "kho.sqlite3"
    result = runner.invoke(cli, ["--lang", lang, "score", "-c", "cong-dan-hoc-tap", EXAMPLE, "--store", str(store)])
    assert result.exit_code == 2, result.output
    assert result.stderr == said.format(path=store, folder=store.parent)
    assert not store.parent.exists()


def test_excel_s_lock_file_picked_by_a_wildcard_beside_its_workbook_is_skipped_and_said(runner, cli, tmp_path):
    """'*.xlsx' (click expands it on Windows) picks '~$ds.xlsx' while Excel has 'ds.xlsx' open: the lock file
    stopped the whole run (exit 2) although the workbook itself was given. It is skipped, said so, and the workbook
    scored; a lock file given alone is still refused, naming its workbook."""
    import shutil
    from conftest import EXAMPLES
    book = tmp_path / "ds.xlsx"
    shutil.copy(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx", book)
    lock = tmp_path / "~$ds.xlsx"
    lock.write_bytes(b"\x08Nguyen Van A")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(lock), str(book), "--sheet", "Tự đánh giá",
                                 "-f", "jsonl"])
    assert result.exit_code == 1, result.output   # the example's two rows rejected on purpose, nothing else
    assert result.stderr.splitlines()[0] == (f"cảnh báo: bỏ qua '{lock}': tệp khoá Excel tạo ra khi sổ 'ds.xlsx' đang mở; "
                                             "sổ 'ds.xlsx' vẫn được đọc như đã lưu (thay đổi chưa lưu trong Excel không có "
                                             "trong kết quả: lưu sổ rồi chấm lại)")
    assert "đã đọc 10 hồ sơ: 8 được chấm, 2 bị loại" in result.stderr
    alone = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(lock)])
    assert alone.exit_code == 2 and "đây là tệp khoá mà Excel tạo ra khi sổ 'ds.xlsx' đang mở" in alone.stderr
