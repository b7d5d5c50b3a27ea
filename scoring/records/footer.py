"""Rows under a table that are not records: totals, signatures, dates and notes.

A council's sheet ends the way an official table ends — "Tổng cộng", "Người lập biểu", "Chủ tịch
UBND xã", "Tân Lập, ngày 15 tháng 12 năm 2024", the signer's name — and none of it is a record.
A row is told apart by its structure, never by a word alone (a citizen may be called Cộng):

* a row with an id is a record, whatever its other cells say (an id has no spaces: 'KT.01' is an id);
* a row without an id (or whose id cell holds the footer word itself) whose first text starts
  with a footer phrase is a footer row: skipped and reported;
* the rows without an id that follow a footer row (the signer's name, a blank line's stray
  text) are footer rows too when no record follows them; if a record does follow, they are given
  back as ordinary rows (and rejected for having no id, as before), so nothing is hidden.

Skipped rows are counted (records read = scored + rejected + skipped) and named in one line.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from scoring.messages import fmt_num
from scoring.records.raw import RawRow
from scoring.records.headers import header_key, id_like

# Phrases that open a footer cell, compared without case at the start of the text, accents kept
# ("Tống Văn Minh" is a name, "Tổng" a total); unaccented spellings only of phrases of two words or more.
FOOTER_PHRASES = (
    "tong cong", "nguoi lap bieu", "nguoi lap", "chu tich", "xac nhan", "thu truong", "truong ban", "ghi chu",
    "noi nhan", "ky ten",
    "tổng cộng", "tổng số", "tổng", "cộng", "người lập biểu", "người lập bảng", "người lập", "người tổng hợp",
    "chủ tịch", "phó chủ tịch", "xác nhận", "thủ trưởng", "trưởng ban", "phó trưởng ban", "giám đốc", "kế toán",
    "tm.", "t/m", "tm ", "kt.", "kt ", "thay mặt", "ký tên", "(ký", "ký,", "nơi nhận", "ghi chú", "lưu ý", "chú thích",
    "hiệu trưởng", "bí thư", "trưởng thôn", "trưởng khu", "tổ trưởng", "thư ký",
)
DATE_LINE = re.compile(r"ngay\W*[\d.…_ ]*\W*thang\W*[\d.…_ ]*\W*nam", re.IGNORECASE)
MAX_TRAILING = 30   # rows without an id held back after a footer row, waiting to see whether a record follows


def _bare(text: str) -> str:
    text = unicodedata.normalize("NFD", text.casefold().strip()).replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_PHRASES = tuple(unicodedata.normalize("NFC", p) for p in FOOTER_PHRASES)
_ALONE = {unicodedata.normalize("NFC", p) for p in ("tổng", "cộng")}   # words that open other phrases too


def footer_phrase(text: str) -> str | None:
    """The footer text this cell opens with (as written, cut short), or None."""
    folded = unicodedata.normalize("NFC", text.casefold().strip())
    for phrase in _PHRASES:
        if not folded.startswith(phrase):
            continue
        rest = folded[len(phrase):]
        if phrase in _ALONE:   # "Cộng", "Cộng:", "Tổng (60)" — not "Cộng đồng", "Tổng hợp"
            if not rest.strip() or not rest.lstrip()[0].isalpha():
                return _short(text)
        elif not rest or not rest[0].isalnum() or not phrase[-1].isalnum():
            return _short(text)
    if DATE_LINE.search(_bare(text)):
        return _short(text)
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29].rstrip() + "…"


class FooterFilter:
    """Passes a file's rows through, holding back and dropping footer rows. ``skipped`` lists
    (where, what) of each dropped row; ``has_id`` tells whether a row carries a record id."""

    def __init__(self, rows: Iterable[RawRow], has_id: Callable[[dict[str, Any]], str | None],
                 into: list[tuple[str, str]] | None = None):
        self.rows, self.id_of = rows, has_id
        self.skipped: list[tuple[str, str]] = [] if into is None else into

    def __iter__(self) -> Iterator[RawRow]:
        held: list[tuple[RawRow, str | None]] = []   # rows after a footer row: (row, its footer text or None)
        id_of = self.id_of
        for row in self.rows:
            if held and (row.sheet != held[0][0].sheet or row.file != held[0][0].file):
                # the sheet held from ended under its footer: a record of the next sheet does not make
                # its signer's name a row (the same sheet read alone or with others gives the same rows)
                self.skipped += [(r.where, word or _first_text(r)) for r, word in held]
                held = []
            if is_record(id_of(row.data)):
                if held:
                    yield from self._release(held)
                    held = []
                yield row
                continue
            word = footer_word(row)
            if word is not None:
                held.append((row, word))
            elif held and len(held) < MAX_TRAILING:
                held.append((row, None))
            else:
                yield from self._release(held)
                held = []
                yield row
        self.skipped += [(row.where, word or _first_text(row)) for row, word in held]

    def _release(self, held: list[tuple[RawRow, str | None]]) -> Iterator[RawRow]:
        """A record follows: footer-word rows (subtotals) are still skipped; the others were not a footer."""
        for row, word in held:
            if word is not None:
                self.skipped.append((row.where, word))
            else:
                yield row


def passes(row: RawRow, rid: str | None) -> bool:
    """Would ``FooterFilter``, holding no row, give this row (whose ``raw_id`` is ``rid``) at once
    and still hold none? True for every record and for a row that is not a footer row: a reader
    of part of a file (a worker, see ``run.parts``) then knows it gives the same rows."""
    return is_record(rid) or footer_word(row) is None


def is_record(rid: str | None) -> bool:
    """Whether a row whose ``raw_id`` is ``rid`` is a record, whatever its other cells say."""
    # the common case, decided at once: an ASCII id without spaces is no footer text
    return rid is not None and ((rid.isascii() and " " not in rid) or not _id_is_footer(rid))


def footer_word(row: RawRow) -> str | None:
    """The footer text of a row without an id (or whose id cell holds the footer text itself)."""
    if not row.data:   # a line that could not be read at all (invalid JSON): rejected, never hidden
        return None
    if not any(id_like(header_key(k)) for k in row.data):
        return None   # not a table of records with ids (e.g. a statistics form): nothing is a footer
    first = next((v for v in row.data.values() if isinstance(v, str) and v.strip()), None)
    return footer_phrase(first) if first is not None else None


def _id_is_footer(rid: str) -> bool:
    """Does the id cell hold a footer text ('Tổng cộng' typed in the first column) rather than an id?
    Ids have no spaces ('KT.01', 'TM-5' are ids), so only a text of several words, or 'Tổng'/'Cộng'
    alone, is looked at: a row with a real id is a record, whatever its other cells say."""
    text = rid.strip()
    if " " not in text and text.rstrip(":").casefold() not in _ALONE:
        return False
    return footer_phrase(text) is not None


def _first_text(row: RawRow) -> str:
    first = next((str(v) for v in row.data.values() if v not in (None, "") and str(v).strip()), "")
    return _short(first) if first else "…"


def skipped_line(skipped: list[tuple[str, str]], lang: str = "vi") -> str:
    """'bỏ qua 4 dòng cuối bảng: Tổng cộng, Người lập biểu, …' — one line for the whole run."""
    names = list(dict.fromkeys(what for _, what in skipped))
    shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
    n = fmt_num(len(skipped), lang)   # one or two per sheet: past a thousand with many sheets
    if lang == "en":
        return f"skipped {n} row(s) below the table (not records): {shown}"
    return f"bỏ qua {n} dòng cuối bảng (không phải hồ sơ): {shown}"
