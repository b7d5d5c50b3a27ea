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

A name opening 'P. ', 'X. ', 'H. ', 'Q. ' (phường, xã, huyện, quận) and then a name in capitals, not a group's
('P. Tân Phong', not 'X. Khối GDTX'), is a place's abbreviated when the row has figures, its letter does not follow
the last heading's ('X' after 'IX' is the tenth group) and no plainly named unit is right under it (a ward
heading its schools, its figures their subtotal): the caller reads it; otherwise rejected, saying how to
have it read (its name in full, a 'TT' column).

A **subtotal or total** row opens with 'Cộng', 'Tổng', 'Tổng cộng' or 'Tổng số', alone or followed by a
group, or the unit or place its rows are of: 'Cộng:', 'Cộng I', 'Cộng (II)', 'Cộng khối Mầm non', 'Tổng các
trường', 'Cộng xã Tân Lập', 'Cộng X. Tân Lập', 'Cộng TT. Đồng Văn' — never 'Cộng đồng …', 'Tổng công ty …' or
'Cộng Hòa' (a commune), which are names. It is skipped whatever its figures (they are the units' again). A bare
one ('Cộng', 'Tổng số') is a group's subtotal or the total: the caller tells which by the rows below it.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

from scoring.records.footer import TOTAL_WORDS, footer_phrase
from scoring.records.headers import row_number_column
from scoring.records.raw import RawRow

_ROMAN = r"(?=[IVX])X{0,2}(?:IX|IV|V?I{0,3})"   # I … XXIX, written in capitals as headings are
_MARK = re.compile(rf"(?:{_ROMAN}|[A-Z])[.)]?")
_OPENS = re.compile(rf"(?P<mark>{_ROMAN}(?=\s*[.):–-]\s*|\s+)|[A-Z](?=\s*[.)]))(?P<sep>\s*[.):–-]\s*|\s+)(?=\S)")
_GROUP_WORD = re.compile(r"khối\b")
# what a group is named after its mark ('I. Khối …', 'A. Mầm non', 'II. Trung học', 'B. Các xã', 'A. Cấp huyện'),
# compared at the start of the name's rest; a unit's kind ('Trường', 'Phòng', 'Trung tâm') is not one
_GROUPS = re.compile(r"(?:khối|cấp|bậc|nhóm|các|ngành|lĩnh vực|cụm|khu vực|vùng|mầm non|mẫu giáo|nhà trẻ|tiểu học|"
                     r"trung học|thcs|thpt|gdtx|gdnn|giáo dục|phổ thông|liên cấp|đơn vị|cơ quan|phường|xã|thị trấn|"
                     r"thị xã|huyện|quận|thành phố|tp)\b")
_PLACE_MARKS = ("P", "X", "H", "Q")   # phường, xã, huyện, quận, written 'P. Tân Phong', 'X. Phú Lợi'
_ABBREVIATED = re.compile(r"(?:P|X|H|Q|TT|TX|TP)\.\s*\w")   # phường, xã, huyện, quận, thị trấn, thị xã, thành phố
# From the records' list of total words (``footer.TOTAL_WORDS``), accented only (see there), the two questions this
# reader asks of them: is a row named by one alone a group's subtotal or the table's total, told by the rows below
# ('Cộng', 'Tổng số:' — not 'Tổng cộng', always the table's total); does a name open with one ('Cộng khối …')
_BARE_TOTAL = re.compile(rf"(?:{'|'.join(w for w in TOTAL_WORDS if w != 'tổng cộng')})\s*[:.]?")
_TOTAL_WORD = re.compile(rf"(?:{'|'.join(w for w in TOTAL_WORDS if ' ' not in w)})\b")
# a subtotal names its group ('Cộng khối Mầm non', 'Cộng I'), or the unit or place its rows are of: 'Cộng xã Tân
# Lập', 'Cộng X. Tân Lập', 'Cộng TT. Đồng Văn', 'Tổng trường MN A' (read as units, their rows were added twice);
# a name after 'Cộng' that is none of these ('Cộng Hòa', a commune) stays a name
_SUBTOTAL = re.compile(r"(?:cộng|tổng cộng|tổng số|tổng)\s*[:.–-]?\s*"
                       r"(?:\(?\s*(?:[ivx]+|[a-z])\s*[.)]?\s*\)?:?|(?:khối|nhóm|toàn|các|cấp)\b.*|"
                       r"(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|trường|phòng|đơn vị|cơ quan)\b.*|"
                       r"(?:p|x|h|q|tt|tx|tp)\.\s*\w.*)")


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


class Heading(NamedTuple):
    """A group heading row (see the module): its words ('I Khối Mầm non'), whether its name says it is a group's
    ('I. …', 'Khối …'; not a mark alone in 'TT': 'I | Phòng GD&ĐT'), its mark ('I', 'A', 'P'), whether the name
    after the mark names a group ('Khối …', 'Mầm non', 'Các xã'), and whether it may be a place's name
    abbreviated ('P. Tân Phong', 'X. Phú Lợi': a ward, a commune)."""
    words: str
    named: bool
    mark: str | None = None
    group: bool = False
    place: bool = False


def group_heading(row: RawRow, unit: str | None) -> Heading | None:
    """The row as a group heading ('I | Khối Mầm non', 'II. Tiểu học', 'I | Phòng GD&ĐT'), or None for any
    other row (see the module)."""
    if row.problem:
        return None
    mark = next((text for key, value in row.data.items() if row_number_column(key) and isinstance(value, str)
                 and (text := cell_text(value)) and _MARK.fullmatch(text)), None)
    texts = [t for v in row.data.values() if isinstance(v, str) and (t := cell_text(v)) and t != mark]
    name = unit or (texts[0] if texts else None)
    if name is None:
        return Heading(mark, False, mark.rstrip(".)")) if mark else None
    # a unit numbered 1, 2 in its row-number cell may open like a group ('3 | P. Tân Phong', 'X. Bản Giang':
    # a ward, a commune abbreviated); its figures were rejected as a heading's
    numbered = any(row_number_column(key) and (text := cell_text(value)) and text.isdigit() for key, value in row.data.items())
    opens = None if numbered else _OPENS.match(unicodedata.normalize("NFC", name))
    khoi = bool(_GROUP_WORD.match(_folded(name)))
    if mark is None and not opens and not khoi:
        return None
    words = _short(f"{mark} {name}" if mark else name)
    if not opens:
        return Heading(words, khoi, mark.rstrip(".)") if mark else None, khoi)
    rest = name[opens.end():]
    group = khoi or bool(_GROUPS.match(_folded(rest)))
    place = (not group and opens["mark"] in _PLACE_MARKS and "." in opens["sep"]
             and all(w[0].isupper() or w[0].isdigit() for w in rest.split()))
    return Heading(words, True, opens["mark"], group, place)


def in_order(before: str | None, mark: str) -> bool:
    """Does a heading marked ``mark`` follow one marked ``before`` ('IX' then 'X', 'O' then 'P')? Groups are
    marked in order: an 'X.' after 'IX.' is the tenth group, not a commune."""
    if before is None:
        return False
    if len(before) == len(mark) == 1 and ord(before) + 1 == ord(mark):
        return True
    numerals = [_roman(n) for n in range(1, 30)]
    return before in numerals and mark in numerals and numerals.index(mark) == numerals.index(before) + 1


def _roman(n: int) -> str:
    tens, ones = divmod(n, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[ones]


def abbreviated(name: str | None) -> bool:
    """Does a unit's name open with a place's kind abbreviated ('P. Tân Phong', 'TT. Tam Đường', 'TX. Lai Châu')?"""
    return name is not None and _ABBREVIATED.match(unicodedata.normalize("NFC", name)) is not None


def first_text(row: RawRow, fields: dict[str, Any]) -> str | None:
    """The row's name: its unit cell, else its first text."""
    texts = [str(v).strip() for v in row.data.values() if isinstance(v, str) and v.strip()]
    return cell_text(fields.get("don_vi")) or (texts[0] if texts else None)


def total_word(text: str) -> bool:
    """Does a row so named hold a total or a subtotal ('Tổng cộng', 'Cộng', 'Cộng khối Mầm non'), not a
    signature, a date or a note?"""
    return subtotal(text) is not None or (footer_phrase(text) is not None and bool(_TOTAL_WORD.match(_folded(text))))


def footer_text(row: RawRow, fields: dict[str, Any], code: str | None, under: bool) -> tuple[str, bool | None] | None:
    """(What a row under the table says, whether the table ends there) — 'Tổng cộng', 'Người lập biểu',
    'Lai Châu, ngày … tháng …' end it; a group's subtotal within it ('Cộng khối Mầm non', 'Cộng I') does
    not, as the next group's units follow (a unit's row of a note alone, read as a signer's name, was
    dropped); a bare 'Cộng' ('Cộng:', 'Tổng', 'Tổng số') may be either: None, for the caller to tell from
    the rows below it. None for a row of figures: a row without an item code whose unit (or first text)
    opens like a total or a signature; below the table's end, the rows without a code or a number (the
    signer's name) and the rows of one text alone (a note, digits and all). ``code`` is what the item column
    holds: a row with an item code ('1.1') is an activity's; a word there ('Cộng' typed in the 'Mục' column
    of a row without a unit) is not one, and the row is told by its words as any other. A row that could not be
    read is a total still when so named ('Cộng | =SUM(C5:C9)' never calculated): its figures are never added."""
    if code and code[0].isdigit():   # item codes open with a digit ('1.1', '4.3', '11')
        return None
    first = first_text(row, fields)
    if row.problem and not (first is not None and total_word(first)):   # a total's unsaved formula: not read anyway
        return None
    if first is not None and (footer_phrase(first) or subtotal(first)):
        ends = False if subtotal(first) else None if _BARE_TOTAL.fullmatch(_folded(first)) else True
        return footer_phrase(first) or subtotal(first), ends
    if under and (_note_alone(row) or not any(isinstance(v, (int, float)) or (isinstance(v, str) and any(c.isdigit() for c in v))
                                              for v in row.data.values())):
        return (footer_phrase(first) if first and footer_phrase(first) else _short(first or "…")), True
    return None


def _note_alone(row: RawRow) -> bool:
    """A row holding one text and nothing else: under the table, a note ('(Số liệu tính đến 15/10/2023)'),
    whatever digits it holds; a unit's row has figures beside its name."""
    filled = [v for v in row.data.values() if cell_text(v) is not None]
    return len(filled) == 1 and isinstance(filled[0], str)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29].rstrip() + "…"
