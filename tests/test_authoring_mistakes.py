"""What a provincial pack author gets wrong in a text editor on Windows, and what hoctap says:
each mistake on a copy of a shipped pack, checked against the message (file, line, what to write)."""
import pytest

from conftest import ROOT
from scoring import CriteriaError, load_pack
from scoring.messages import set_lang

BASE = (ROOT / "tests" / "valid_base_pack.yaml").read_text(encoding="utf-8")


def refusal(path) -> CriteriaError:
    with pytest.raises(CriteriaError) as err:
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
