"""Rows of a Tuần lễ sheet that hold no unit's figures: group headings, subtotals, the total and the
signatures under the table.

A Sở's template groups its units, as an officer's sheet does:

    TT  | Tên đơn vị         | Mục 1.1 | Mục 1.1 người
    I   | Khối Mầm non       |         |                 <- a group heading: skipped, said
    1   | Trường MN A        | 2       | 40
    2   | Trường MN B        | 1       | 20
        | Cộng khối Mầm non  | 3       | 60              <- the group's subtotal: skipped (else added twice)
    II  | Khối Tiểu học      |         |
    …
        | Tổng cộng          | 4       | 90              <- the total, then the signatures: skipped

A **group heading** is a row whose name (the unit cell, else the row's first text) is a group's:

* the row-number cell ('TT', 'STT') holds a Roman numeral or one capital letter ('I', 'II.', 'B'), or
  the name opens with one followed by a separator ('I. Khối Mầm non', 'II - Tiểu học', 'A) …'; a
  letter needs the '.' or ')', as 'A Lưới' is a place), unless its row-number cell holds 1, 2, …: then it is a
  unit whose name is abbreviated ('3 | P. Tân Phong', '4 | X. Bản Giang'); or
* the name opens with the word 'Khối' ('Khối Mầm non', 'KHỐI THCS').

and that holds nothing the table counts (``has_figures`` is the caller's: an item code, a number, people,
a date, a note, an item column). A heading row with figures is rejected, never added: its figures are a
group's subtotal (added twice if counted) or a group's own, to be filed under a unit; a row whose mark
sits in the row-number cell alone ('I | Phòng GD&ĐT | 3') is a unit numbered that way, read as any row.

A **subtotal or total** row opens with 'Cộng', 'Tổng', 'Tổng cộng' or 'Tổng số', alone or followed by a
group: 'Cộng:', 'Cộng I', 'Cộng (II)', 'Cộng khối Mầm non', 'Tổng các trường' — never 'Cộng đồng …' or
'Tổng công ty …', which are names. It is skipped whatever its figures (they are the units' again).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from scoring.records.footer import footer_phrase
from scoring.records.headers import row_number_column
from scoring.records.raw import RawRow

_ROMAN = r"(?=[IVX])X{0,2}(?:IX|IV|V?I{0,3})"   # I … XXIX, written in capitals as headings are
_MARK = re.compile(rf"(?:{_ROMAN}|[A-Z])[.)]?")
_OPENS = re.compile(rf"(?:{_ROMAN}(?:\s*[.):–-]\s*|\s+)|[A-Z]\s*[.)]\s*)(?=\S)")
_GROUP_WORD = re.compile(r"khối\b")
_SUBTOTAL = re.compile(r"(?:cộng|tổng cộng|tổng số|tổng)\s*[:.–-]?\s*"
                       r"(?:\(?\s*(?:[ivx]+|[a-z])\s*[.)]?\s*\)?:?|(?:khối|nhóm|toàn|các|cấp)\b.*)")


def cell_text(value: Any) -> str | None:
    """A cell as text (a whole number without '.0'), None when blank."""
    if value is None:
        return None
    text = str(int(value) if isinstance(value, float) and value.is_integer() else value).strip()
    return text or None


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def subtotal(text: str) -> str | None:
    """The words of a subtotal row's name ('Cộng khối Mầm non', 'Cộng I'), or None (see the module)."""
    return _short(text) if _SUBTOTAL.fullmatch(_folded(text)) else None


def group_heading(row: RawRow, unit: str | None) -> tuple[str, bool] | None:
    """(its words, whether its name says it is a group) of a group heading row: ('I Khối Mầm non', True),
    ('II. Tiểu học', True), ('I Phòng GD&ĐT', False); None for any other row (see the module)."""
    if row.problem:
        return None
    mark = next((text for key, value in row.data.items() if row_number_column(key) and isinstance(value, str)
                 and (text := cell_text(value)) and _MARK.fullmatch(text)), None)
    texts = [t for v in row.data.values() if isinstance(v, str) and (t := cell_text(v)) and t != mark]
    name = unit or (texts[0] if texts else None)
    if name is None:
        return (mark, False) if mark else None
    # a unit numbered 1, 2 in its row-number cell may open like a group ('3 | P. Tân Phong', 'X. Bản Giang':
    # a ward, a commune abbreviated); its figures were rejected as a heading's
    numbered = any(row_number_column(key) and (text := cell_text(value)) and text.isdigit() for key, value in row.data.items())
    opens = _OPENS.match(unicodedata.normalize("NFC", name)) and not numbered
    named = bool(opens) or bool(_GROUP_WORD.match(_folded(name)))
    if mark is None and not named:
        return None
    return _short(f"{mark} {name}" if mark else name), named


def footer_text(row: RawRow, fields: dict[str, Any], code: str | None, under: bool) -> tuple[str, bool] | None:
    """(What a row under the table says, whether the table ends there) — 'Tổng cộng', 'Người lập biểu',
    'Lai Châu, ngày … tháng …' end it; a group's subtotal within it ('Cộng khối Mầm non', 'Cộng I') does
    not, as the next group's units follow (a unit's row of a note alone, read as a signer's name, was
    dropped). None for a row of figures: a row without an item code whose unit (or first text) opens like
    a total or a signature; below the table's end, the rows without a code or a number (the signer's name)."""
    if row.problem or code:
        return None
    texts = [str(v).strip() for v in row.data.values() if isinstance(v, str) and v.strip()]
    first = cell_text(fields.get("don_vi")) or (texts[0] if texts else None)
    if first is not None and (footer_phrase(first) or subtotal(first)):
        return footer_phrase(first) or subtotal(first), subtotal(first) is None
    if under and not any(isinstance(v, (int, float)) or (isinstance(v, str) and any(c.isdigit() for c in v))
                         for v in row.data.values()):
        return (footer_phrase(first) if first and footer_phrase(first) else _short(first or "…")), True
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29].rstrip() + "…"
