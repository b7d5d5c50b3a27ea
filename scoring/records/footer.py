"""Rows of a table that are not records: totals, signatures, dates and notes under it; row
numbers typed ahead and group headings within it.

A council's sheet ends the way an official table ends — "Tổng cộng", "Người lập biểu", "Chủ tịch
UBND xã", "Tân Lập, ngày 15 tháng 12 năm 2024", the signer's name — and none of it is a record.
A row is told apart by its structure, never by a word alone (a citizen may be called Cộng):

* a row with an id is a record, whatever its other cells say (an id has no spaces: 'KT.01' is an id),
  but for a count typed in the id column of a total row ('7 | Tổng cộng': ``total_count``);
* a row without an id (or whose id cell holds the footer word itself) whose first text starts
  with a footer phrase is a footer row: skipped and reported;
* the rows without an id that follow a footer row (the signer's name, a blank line's stray
  text) are footer rows too when no record follows them; if a record does follow, they are given
  back as ordinary rows (and rejected for having no id, as before), so nothing is hidden.
  The signers' names typed in the id column (``signers_names``) are held the same way.

Within the table, two kinds of rows are layout too (``layout``), whatever comes after them:

* a row whose only cells are its row number (STT 3…10 typed before the people are listed), with
  perhaps formulas that found nothing to compute (the workbook reader drops those: ``excel``);
* a group heading: 'I | Thôn Đoài', 'B | Khối THCS' — see ``group_heading`` for the narrow rule;
* the header row again, part-way down (a second commune's list pasted under the first, a table
  going on after a page break): each filled cell holding its own column's header
  (``repeated_header``). The rows after it are read with the same columns, as they are the same.
  A row naming the table's columns in other places is a second table laid out otherwise: its rows
  would be read into the wrong columns, so the file is refused, naming the row. A header of two rows
  repeated after a page break, and the page's title line above it, are skipped too, when the header
  row comes right under them (``header_part``).

Skipped rows are counted (records read = scored + rejected + skipped) and named, one line a kind.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any

from scoring.errors import InputFileError
from scoring.messages import Msg, fmt_num, t
from scoring.records.raw import RawRow, filled
from scoring.records.headers import MIN_HEADER_MATCHES, header_key, id_like, row_number_column

# Phrases that open a footer cell, compared without case at the start of the text, accents kept
# ("Tống Văn Minh" is a name, "Tổng" a total); unaccented spellings only of phrases of two words or more.
FOOTER_PHRASES = (
    "tong cong", "nguoi lap bieu", "nguoi lap", "chu tich", "xac nhan", "thu truong", "truong ban", "ghi chu",
    "noi nhan", "ky ten", "so nguoi", "so luong", "ty le", "ti le",
    "tổng cộng", "tổng số", "tổng", "cộng", "người lập biểu", "người lập bảng", "người lập", "người tổng hợp",
    "chủ tịch", "phó chủ tịch", "xác nhận", "thủ trưởng", "trưởng ban", "phó trưởng ban", "giám đốc", "kế toán",
    "tm.", "t/m", "tm ", "kt.", "kt ", "thay mặt", "ký tên", "(ký", "ký,", "nơi nhận", "ghi chú", "lưu ý", "chú thích",
    "hiệu trưởng", "bí thư", "trưởng thôn", "trưởng khu", "tổ trưởng", "thư ký",
    "số người", "số lượng", "tỷ lệ", "tỉ lệ",   # a summary under the list: 'Số người | Đạt | Chưa đạt'
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
        self.held: list[tuple[RawRow, str | None]] = []   # rows after a footer row: (row, its footer text or None)
        above: list[tuple[RawRow, Msg]] = []   # a page title, a header's upper row: so if a header row comes next
        id_of = self.id_of
        for row in self.rows:
            if above and (row.sheet != above[0][0].sheet or row.file != above[0][0].file):
                yield from self._flush(above)
            if self.held:
                self._sheet_ended(row)
            rid = id_of(row.data)
            may = may_repeat_header(rid, row.data)
            plain = _plain_id(rid) and not (rid.isdigit() and total_count(row, rid))
            if may or not plain:   # a record's usual id ('KT.01') is neither, decided at once
                if repeated_header(row, refuse=may):
                    self.skipped += [(r.where, what) for r, what in above] + [(row.where, Msg("skip.header"))]
                    above.clear()
                    continue
                part = header_part(row, rid)
                if part is not None:   # the next row tells: part of a header, or a row as before
                    if any(w.code != "skip.title" for _, w in above):   # only titles stand above an upper row
                        yield from self._flush(above)
                    above.append((row, part))
                    if len(above) > MAX_ABOVE:
                        yield from self._take(above.pop(0)[0], None)
                    continue
            if above:
                yield from self._flush(above)
            if plain and not self.held:
                yield row   # the usual record, as ``_take`` gives it
            else:
                yield from self._take(row, rid)
        yield from self._flush(above)
        self.skipped += [(row.where, word or _first_text(row)) for row, word in self.held]

    def _flush(self, above: list[tuple[RawRow, Msg]]) -> Iterator[RawRow]:
        """No header row came under them: the rows held as a header's upper part are rows as before."""
        for row, _ in above:
            yield from self._take(row, None)
        above.clear()

    def _take(self, row: RawRow, rid: str | None) -> Iterator[RawRow]:
        """One row through the footer rules (a footer row held back, a record giving back the rows
        held); ``rid``: its id, or None to read it here."""
        held = self.held
        if held:
            self._sheet_ended(row)
        rid = rid if rid is not None else self.id_of(row.data)
        what = None if _plain_id(rid) else layout(row)
        if what is not None:   # a row number alone, a group heading: never a record, wherever it is
            self.skipped.append((row.where, what))
            return
        if held and (summary_counts(held[-1], row) or signers_names(held, row, rid)):
            held.append((row, None))   # held as the signer's name is: a record after gives it back
            return
        total = total_count(row, rid)
        if total is not None:   # a footer row, skipped even when records follow (as a subtotal is)
            held.append((row, total))
            return
        if is_record(rid):
            if held:
                yield from self._release(held)
                held.clear()
            yield row
            return
        word = footer_word(row)
        if word is not None:
            held.append((row, word))
        elif held and len(held) < MAX_TRAILING:
            held.append((row, None))
        else:
            yield from self._release(held)
            held.clear()
            yield row

    def _sheet_ended(self, row: RawRow) -> None:
        """The sheet held from ended under its footer: a record of the next sheet does not make its
        signer's name a row (the same sheet read alone or with others gives the same rows)."""
        held = self.held
        if row.sheet != held[0][0].sheet or row.file != held[0][0].file:
            self.skipped += [(r.where, word or _first_text(r)) for r, word in held]
            held.clear()

    def _release(self, held: list[tuple[RawRow, str | None]]) -> Iterator[RawRow]:
        """A record follows: footer-word rows (subtotals) are still skipped; the others were not a footer."""
        for row, word in held:
            if word is not None:
                self.skipped.append((row.where, word))
            else:
                yield row


_COUNT = re.compile(r"\d{1,7}(?:[.,]\d+)?\s*%?")


def summary_counts(last: tuple[RawRow, str | None], row: RawRow) -> bool:
    """Is ``row`` the numbers of a summary table under the list ('Số người | Đạt | Chưa đạt' over
    '20 | 15 | 5')? Only the one row right under such a heading: a footer row of two texts or more
    and no number, and only numbers in the row, each under a text of the heading. A record there
    (an id, a name) has a text; and as the signer's name, the row is given back as an ordinary row
    when a record follows (so a list of numeric ids under a subtotal loses none of them)."""
    heading, word = last
    if word is None or heading.problem is not None or row.problem is not None:
        return False
    titled = {k for k, v in heading.data.items() if filled(v)}
    if len(titled) < 2 or not all(heading.data[k].__class__ is str and not _is_count(heading.data[k]) for k in titled):
        return False
    numbers = [k for k, v in row.data.items() if filled(v)]
    return bool(numbers) and all(k in titled and _is_count(row.data[k]) for k in numbers)


def signers_names(held: list[tuple[RawRow, str | None]], row: RawRow, rid: str | None) -> bool:
    """Are these the signers' names under the signature titles, one of them in the id column
    ('Người lập biểu | … | Trưởng thôn' over 'Nguyễn Thị Hoa | … | Bùi Văn Khánh')? The id is then a
    name of several words, every filled cell a text without a digit, and the row fills no more cells
    than a footer row above it: a record fills its inputs, and an id with a digit ('CD 01') stays one.
    As the signer's name in another column is, the row is given back when a record follows."""
    if rid is None or _plain_id(rid) or " " not in rid.strip() or row.problem is not None:
        return False
    cells = [v for v in row.data.values() if filled(v)]
    if any(v.__class__ is not str or any(ch.isdigit() for ch in v) for v in cells):
        return False
    widest = max((sum(1 for v in r.data.values() if filled(v)) for r, word in held if word is not None), default=0)
    return len(cells) <= widest


def _is_count(value: Any) -> bool:
    if value.__class__ in (int, float):
        return True
    return value.__class__ is str and _COUNT.fullmatch(value.strip()) is not None


def passes(row: RawRow, rid: str | None) -> bool:
    """Would ``FooterFilter``, holding no row, give this row (whose ``raw_id`` is ``rid``) at once
    and still hold none? True for every record and for a row that is not a footer row: a reader
    of part of a file (a worker, see ``run.parts``) then knows it gives the same rows. (A row
    that may be a repeated header's title or upper row is held too, until the next row is seen.)"""
    if may_repeat_header(rid, row.data) or not _plain_id(rid):
        if repeated_header(row, refuse=False) is not None or header_part(row, rid) is not None:
            return False
    if _plain_id(rid):
        return total_count(row, rid) is None
    return layout(row) is None and (is_record(rid) or footer_word(row) is None)


# The words a total row is named by, alone ('Tổng cộng', 'Cộng:'): one list, read here and by the Tuần lễ reader
# (``goals.tuan_le_rows``), which takes from it its own two patterns. Here a count in the id column says the row is a
# total already ('7 | Tong cong'), so the words unaccented are taken too; the Tuần lễ reader decides by the words
# alone and keeps their accents, as FOOTER_PHRASES does for one word ('Tống' is a name).
TOTAL_WORDS = ("tổng cộng", "tổng số", "tổng", "cộng")
_TOTAL = re.compile(rf"(?:{'|'.join(TOTAL_WORDS + tuple(_bare(w) for w in TOTAL_WORDS))})\s*[:.]?")


def total_count(row: RawRow, rid: str | None) -> str | None:
    """'Tổng cộng' (or 'Tổng số', 'Cộng') in the row's first text, beside a count typed in the id
    column ('7 | Tổng cộng'): a total row, not the record numbered 7, which a goal report would keep
    in its denominator as not assessed. Its words, or None. A person's name is never 'Tổng cộng'."""
    return total_among(row.data.values(), rid)


def total_among(values: Iterable[Any], rid: str | None) -> str | None:
    """``total_count`` of a row's values (a goal report's quick way reads lines as lists of texts)."""
    if rid is None or not rid.isdigit():
        return None
    first = next((v for v in values if v.__class__ is str and v.strip() and v.strip() != rid), None)
    if first is None or not _TOTAL.fullmatch(unicodedata.normalize("NFC", first.casefold().strip())):
        return None
    return _short(first)


def is_record(rid: str | None) -> bool:
    """Whether a row whose ``raw_id`` is ``rid`` is a record, whatever its other cells say (but
    see ``layout``: a group heading's name may stand in the id column)."""
    # the common case, decided at once: an ASCII id without spaces is no footer text
    return _plain_id(rid) or (rid is not None and not _id_is_footer(rid))


def _plain_id(rid: str | None) -> bool:
    """An ASCII id without spaces ('KT.01'): a record, decided without looking at the row."""
    return rid is not None and rid.isascii() and " " not in rid


# Every id header ('id', 'Mã', 'Mã số', 'Mã đơn vị': ``headers.id_like``) folds to a text opening
# with one of these: a row whose id opens otherwise ('CD-001', 'KT.01') holds no id header, decided
# from one letter (this is asked of every row).
_ID_HEADER_OPENS = ("i", "m")


def may_repeat_header(rid: str | None, heads: Container[str]) -> bool:
    """Could a row whose ``raw_id`` is ``rid`` be its table's header again (``heads``: the header's
    texts as read, a row's keys)? Its id cell then holds a header: the id column's in any spelling
    ('MÃ SỐ'), or, copied as it is, another column's (a second table laid out otherwise)."""
    return rid is not None and (rid in heads or (rid[:1].casefold().startswith(_ID_HEADER_OPENS)
                                                 and id_like(header_key(rid))))


def repeated_header(row: RawRow, refuse: bool = True) -> bool | None:
    """True when every filled cell of the row holds its own column's header (compared as headers
    are, ``header_key``), two of them at least; None when the row is no header. A row whose cells
    are all the table's headers, some in another column, is a second table laid out otherwise:
    refused (``refuse``), else False."""
    if not _readable(row) or not row.data:
        return None
    keys = {header_key(k) for k in row.data if k}
    same = moved = 0
    for key, value in row.data.items():
        if value.__class__ is float and value.is_integer():
            value = int(value)   # a header '2' read back from a number cell, as the header is read
        text = "" if value is None else str(value)
        if not text.strip():
            continue
        folded = header_key(text)
        if folded == header_key(key):
            same += 1
        elif folded in keys:
            moved += 1
        else:
            return None   # a value that names no column: data
    if same + moved < MIN_HEADER_MATCHES:
        return None
    if moved and refuse:
        place = Msg("place.row", row=row.row) if row.sheet is None else Msg("place.sheet_row", sheet=row.sheet, row=row.row)
        raise InputFileError(row.file, Msg("vf.header_moved", place=place))
    return not moved


def _readable(row: RawRow) -> bool:
    """Read without a problem, or only short: a CSV line with fewer values than the header has
    columns (a title or header line written without the empty cells at its end)."""
    problem = row.problem
    return problem is None or (problem.__class__ is Msg and problem.code == "csv.width"
                               and problem.fields["values"] < problem.fields["columns"])


MAX_ABOVE = 3   # rows held above a possible repeated header: a page title or two, the header's upper row


def header_part(row: RawRow, rid: str | None) -> Msg | None:
    """What a row is if a repeated header row (``repeated_header``) comes right under it, or None:

    * ``skip.title``: one text alone, no id ('DANH SÁCH … (tiếp theo)', printed above the header
      on each page);
    * ``skip.header``: the upper row of a two-row header ('STT | Mã CB | Họ và tên | Năng lực 1 …'
      over '1.1 | 1.2 …'): texts only, no id (the id cell blank or holding its header), one of them
      at least its own column's header.

    A row with an id and values ('CB-01 | Nguyễn An | 8 …') is never one: it stays a record."""
    data = row.data
    if _plain_id(rid) or not data or not _readable(row):   # (a short line holds no key for its empty cells)
        return None
    texts = [(k, v) for k, v in data.items() if filled(v)]
    if not texts or any(v.__class__ is not str for _, v in texts):
        return None   # a number: a record's value (the header's texts were read as texts)
    if len(texts) == 1:
        if layout(row) is not None or footer_word(row) is not None:
            return None   # a row number, a group heading, a footer: their own rules
        return Msg("skip.title", text=_short(texts[0][1]))
    if rid is not None and not may_repeat_header(rid, data):
        return None   # an id and values: a record
    return Msg("skip.header") if any(header_key(v) == header_key(k) for k, v in texts) else None


_ROMAN = re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})[.)]?", re.IGNORECASE)
_ROW_NUMBER = re.compile(r"\d{1,6}\.?")


def layout(row: RawRow) -> Msg | None:
    """What a row of the table that is no record is (``skip.numbered``, ``skip.group``), or None.

    Only rows of a table of records (one with an id column), read without a problem, and holding
    nothing but a row number, or a group heading, are layout: a row with anything else in it (an
    id shaped like one, a name next to a number, any input) stays a record, scored or rejected."""
    data = row.data
    if not data or row.problem is not None or not any(id_like(header_key(k)) for k in data):
        return None
    number = mark = text = None
    for key, value in data.items():
        if value is None or (value.__class__ is str and not value.strip()):
            continue
        if row_number_column(key) and number is None and mark is None:
            if _is_row_number(value):
                number = value
                continue
            if value.__class__ is str and (_ROMAN.fullmatch(value.strip()) or _is_letter(value.strip())):
                mark = value.strip()
                continue
        if value.__class__ is str and text is None:
            text = value
            continue
        return None   # a second text, a number outside the STT column: data
    if mark is not None:
        return group_heading(mark, text)
    if number is not None and text is None:
        return Msg("skip.numbered")
    return None


def group_heading(mark: str, text: str | None) -> Msg:
    """A group heading, the usual Vietnamese list's 'I | Thôn Đoài', 'B | Khối THCS': the STT cell
    holds a Roman numeral or one letter (records are numbered 1, 2, 3), and besides it at most one
    cell is filled, with text (the group's name). The rule is kept narrow on purpose: a number in
    the STT column, a second filled cell or any number elsewhere makes the row a record; and a name
    in the id column is a heading only when it is not shaped like an id (``_plain_id``: checked by
    the caller), so 'A | KT01' stays a record (rejected for its missing inputs, never hidden)."""
    return Msg("skip.group", mark=mark, text=_short(text) if text else "")


def _is_row_number(value: Any) -> bool:
    if value.__class__ is int or (value.__class__ is float and value.is_integer()):
        return 0 < value < 1_000_000
    return value.__class__ is str and _ROW_NUMBER.fullmatch(value.strip()) is not None


def _is_letter(text: str) -> bool:
    """'A', 'b', 'C.', 'd)': a letter numbering groups."""
    return (len(text) == 1 and text.isalpha()) or (len(text) == 2 and text[0].isalpha() and text[1] in ".)")


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


def skipped_line(skipped: list[tuple[str, Any]], lang: str = "vi") -> str:
    """'bỏ qua 4 dòng cuối bảng: Tổng cộng, Người lập biểu, …' — one line for the whole run per kind
    of row skipped (footer rows, numbered empty rows, repeated headers, group headings), each named."""
    lines = []
    footer = [what for _, what in skipped if not isinstance(what, Msg)]
    if footer:
        names = list(dict.fromkeys(footer))
        shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
        n = fmt_num(len(footer), lang)   # one or two per sheet: past a thousand with many sheets
        lines.append(t("skip.footer_line", lang, n=n, rows=shown))
    numbered = [where for where, what in skipped if isinstance(what, Msg) and what.code == "skip.numbered"]
    if numbered:
        lines.append(t("skip.numbered_line", lang, n=fmt_num(len(numbered), lang), rows=_places(numbered)))
    headers = [where for where, what in skipped if isinstance(what, Msg) and what.code == "skip.header"]
    if headers:
        lines.append(t("skip.header_line", lang, n=fmt_num(len(headers), lang), rows=_places(headers)))
    titles = [(where, what) for where, what in skipped if isinstance(what, Msg) and what.code == "skip.title"]
    if titles:
        shown = ", ".join(f"{where} ({what.render(lang)})" for where, what in titles[:6]) + (", …" if len(titles) > 6 else "")
        lines.append(t("skip.title_line", lang, n=fmt_num(len(titles), lang), rows=shown))
    groups = [(where, what) for where, what in skipped if isinstance(what, Msg) and what.code == "skip.group"]
    if groups:
        shown = ", ".join(f"{where} ({what.render(lang)})" for where, what in groups[:6]) + (", …" if len(groups) > 6 else "")
        lines.append(t("skip.group_line", lang, n=fmt_num(len(groups), lang), rows=shown))
    return "\n".join(lines)


def _places(wheres: list[str]) -> str:
    """'ds.xlsx:DS!4–11, ds.xlsx:DS!15': the rows of each file or sheet, runs of rows as one."""
    runs: list[list[Any]] = []   # [prefix, first, last]
    for where in wheres:
        cut = max(where.rfind("!"), where.rfind(":")) + 1
        prefix, number = where[:cut], where[cut:]
        if not number.isdigit():
            runs.append([where, None, None])
            continue
        n = int(number)
        if runs and runs[-1][0] == prefix and runs[-1][2] is not None and runs[-1][2] + 1 == n:
            runs[-1][2] = n
        else:
            runs.append([prefix, n, n])
    shown = [p if a is None else f"{p}{a}" if a == b else f"{p}{a}–{b}" for p, a, b in runs[:8]]
    return ", ".join(shown) + (", …" if len(runs) > 8 else "")
