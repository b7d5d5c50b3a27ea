"""Reading a criteria file's text, without the YAML reader: the pack cache (scoring.packs.cache)
needs the text, not its parse, to find a pack it has already checked."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from scoring.errors import CriteriaError, not_a_regular_file
from scoring.messages import Msg


def read_text(path: str | Path) -> str:
    """The file's text (UTF-8, with or without a BOM); a file that cannot be read is a CriteriaError
    naming it and what to fix."""
    path = Path(path)
    special = not_a_regular_file(path)
    if special:
        raise CriteriaError(str(path), "", special)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CriteriaError(str(path), "", Msg("file.cannot_read", reason=exc.strerror)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CriteriaError(str(path), "", Msg("yaml.not_utf8", byte=f"{raw[exc.start]:#04x}", offset=exc.start)) from None


def normalized(text: str) -> str:
    """The text as a pack keeps it (and hashes it): in NFC, so that the same words typed on two
    keyboards are the same pack."""
    return unicodedata.normalize("NFC", text)
