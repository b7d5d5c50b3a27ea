"""Reading a criteria file's text, without the YAML reader: the pack cache (scoring.packs.cache)
needs the text, not its parse, to find a pack it has already checked."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from scoring.errors import CriteriaError, not_a_regular_file, os_reason
from scoring.messages import Msg


# Notepad's "Unicode" is UTF-16 with its byte order mark: unambiguous, so read, as records files are
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def read_text(path: str | Path) -> str:
    """The file's text (UTF-8 with or without a BOM, or UTF-16/32 with theirs); a file that cannot
    be read is a CriteriaError naming it, the line of the first byte that is not text, and what to fix."""
    path = Path(path)
    special = not_a_regular_file(path)
    if special:
        raise CriteriaError(str(path), "", special)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CriteriaError(str(path), "", Msg("file.cannot_read", reason=os_reason(exc))) from None
    encoding = next((enc for bom, enc in BOMS if raw.startswith(bom)), "utf-8-sig")
    if encoding == "utf-8-sig" and raw.count(b"\x00") * 10 > len(raw):   # valid UTF-8, but not text
        raise CriteriaError(str(path), "", Msg("yaml.utf16_no_bom"))
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _not_text(str(path), raw, exc) from None


def _not_text(file: str, raw: bytes, exc: UnicodeDecodeError) -> CriteriaError:
    """A file that is not UTF-8: UTF-16 without its mark (NUL bytes between the letters), or an
    ANSI code page (Windows-1258, TCVN3): the message names the line and how to save it again."""
    if not exc.encoding.startswith("utf-8"):   # a byte order mark, then bytes that do not follow it
        return CriteriaError(file, "", Msg("yaml.not_utf8", byte=f"{raw[exc.start]:#04x}", offset=exc.start))
    if b"\x00" in raw:
        return CriteriaError(file, "", Msg("yaml.utf16_no_bom"))
    line = raw.count(b"\n", 0, exc.start) + 1
    return CriteriaError(file, "", Msg("yaml.not_utf8_at", byte=f"{raw[exc.start]:#04x}"), line)


def normalized(text: str) -> str:
    """The text as a pack keeps it (and hashes it): in NFC, so that the same words typed on two
    keyboards are the same pack."""
    return unicodedata.normalize("NFC", text)
