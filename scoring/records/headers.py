"""Column headers as people write them, matched to what a pack reads.

Workbooks arrive with ``Mã đơn vị`` for the id, ``1.1 (10đ)`` or ``Chỉ số 1.1 (10 điểm)`` for an
input, ``Ma don vi`` typed without accents. A header is matched in this order, and the first way
that gives one field wins:

1. exactly (NFC, case and spaces folded) as the input's name, an alias or its label;
2. the same with a point or value annotation taken off the end (``(10đ)``, ``(10 điểm)``,
   ``(tối đa 10đ)``, ``(có/không)``, ``(%)``) and a ``Chỉ số``/``Chỉ tiêu`` prefix taken off the front;
3. the same without Vietnamese diacritics, only where that spelling names one field (never
   where two names differ only by their accents);
4. for the id: the common id headers of the pack's tier (``Mã đơn vị`` for a unit, ``Mã CB`` for
   a person, ``Mã xã`` for a commune), never a citizen identity number (``Số CCCD``): a record id
   is copied into results, reports and the run store, and an identity number is personal data the
   scoring does not need (Nghị định 13/2023/NĐ-CP).

Once per file (and sheet), ``HeaderCheck.diagnose`` says how loose headers were read, and refuses
the file, naming the header to use, when a column every record needs is missing.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring.errors import InputFileError
from scoring.messages import CATALOGUE, col, get_lang, plural_format
from scoring.records.raw import clean_text


@functools.lru_cache(maxsize=4096)   # the same few headers are compared for every row
def header_key(text: str) -> str:
    """Compare column headers loosely: NFC, case-insensitive, spaces/underscores folded."""
    text = clean_text(str(text)).casefold().strip()
    return re.sub(r"[\s_]+", " ", text)


def bare_key(text: str) -> str:
    """``header_key`` without Vietnamese diacritics ('Xã' -> 'xa'), for a name a person typed on
    the command line; never for matching data columns, where 'Mã' and 'Má' are not the same."""
    text = unicodedata.normalize("NFD", header_key(text)).replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Columns no file holds, filled from where each row was read ('--by sheet', '--giu-cot tệp')
SOURCE_COLUMNS = {"sheet": ("sheet", "trang", "trang tính", "trang tinh", "sheet name"),
                  "file": ("file", "tệp", "tep", "tập tin", "tap tin", "file name")}
SOURCE_KEYS = {header_key(a): kind for kind, names in SOURCE_COLUMNS.items() for a in names}


def source_kind(name: str) -> str | None:
    """'sheet' or 'file' when ``name`` asks for the sheet or file a row came from, else None."""
    return SOURCE_KEYS.get(header_key(name))


def column_title(name: str, lang: str) -> str:
    """How a carried column (--by, --giu-cot) is headed for people: the sheet or file each row came
    from in the reader's words ('--by sheet': 'Trang tính'), any other column as the council named
    it. (The option's value, and the JSON's keys, stay as typed.)"""
    kind = source_kind(name)
    return col(kind, lang) if kind else name


ID_ALIASES = ("id", "mã", "mã số", "ma", "ma_so", "mã hồ sơ")
ID_KEYS = frozenset(header_key(a) for a in ID_ALIASES)   # the id column under any of its names, any pack

# 'Mã …' headers that name the record itself, by the tier a pack assesses. A citizen file's
# 'Mã xã' is where the person lives, not the person: so each tier has its own words.
PERSON = ("cb", "cán bộ", "công chức", "viên chức", "cbcc", "cbccvc", "nhân viên", "nv", "người lao động", "nld",
          "công dân", "cd", "cá nhân", "hội viên", "học viên", "người", "đối tượng")
UNIT = ("đơn vị", "đv", "dv", "cơ quan", "cq", "cơ sở", "trường", "tổ chức", "doanh nghiệp", "dn")
ID_WORDS: dict[str, tuple[str, ...]] = {
    "ca_nhan": PERSON,
    "thon": ("thôn", "tổ dân phố", "tdp", "khu phố", "bản", "ấp", *UNIT),
    "xa": ("xã", "phường", "thị trấn", "đơn vị hành chính", "đvhc", *UNIT),
    "huyen": ("huyện", "quận", "thị xã", "thành phố", "đơn vị hành chính", "đvhc", *UNIT),
    "tinh": ("tỉnh", "thành phố", "đơn vị hành chính", "đvhc", *UNIT),
}
ID_EXAMPLE = {"ca_nhan": "Mã CB", "thon": "Mã thôn", "xa": "Mã đơn vị", "huyen": "Mã đơn vị", "tinh": "Mã đơn vị"}
# Headers of personal identity numbers: never taken as the record id.
IDENTITY_NUMBERS = ("số cccd", "cccd", "số cmnd", "cmnd", "căn cước", "số căn cước", "căn cước công dân",
                    "số định danh", "mã định danh", "số định danh cá nhân", "mã định danh cá nhân", "cmnd/cccd",
                    "số cmnd/cccd", "hộ chiếu", "số hộ chiếu")

# A trailing annotation: '(10đ)', '(10 điểm)', '(tối đa 10 điểm)', '(0-10)', '(%)', '(có/không)', '- 10đ'.
_POINTS = r"(?:tối đa|toi da|max|thang điểm|thang diem)?\s*[\d.,]*\s*(?:[-–/]\s*[\d.,]+)?\s*(?:đ|d|điểm|diem|%)?\.?"
_YESNO = r"(?:có|co|đạt|dat|x)\s*/\s*(?:không|khong|chưa|chua|không đạt|khong dat)(?:\s*(?:đạt|dat))?"
_ANNOTATION = re.compile(rf"\s*(?:[(\[]\s*(?:{_POINTS}|{_YESNO})\s*[)\]]|[-–:]\s*[\d.,]+\s*(?:đ|d|điểm|diem)\.?)\s*$")
_PREFIX = re.compile(r"^(?:chỉ số|chi so|chỉ tiêu|chi tieu|cs)(?:\s+|\.?(?=\d))")
_MA = re.compile(r"^(?:mã|ma)(?:\s+(?:số|so))?\s+(.+)$")


def strip_annotation(key: str) -> str:
    """A folded header without its point/value annotation and its 'Chỉ số' prefix: '1.1 (10đ)' -> '1.1'."""
    text = key
    while True:
        cut = _ANNOTATION.sub("", text)
        if cut == text or not cut:
            break
        text = cut
    return _PREFIX.sub("", text).strip()


class ColumnMap(dict):
    """Header (folded by ``header_key``) -> field, with the exact names as keys; a header that is
    not one of them is matched loosely (see the module's doc) on lookup, and the answer kept.
    ``loose(key)`` tells whether and how a header was matched loosely."""

    def __init__(self, exact: dict[str, str], tiers: Iterable[str] = ()):
        super().__init__(exact)
        words = {header_key(w) for t in tiers for w in ID_WORDS.get(t, ())}
        self._id_words = words | {bare_key(w) for w in words}
        bare: dict[str, set[str]] = {}
        for key, fld in exact.items():
            bare.setdefault(bare_key(key), set()).add(fld)
        self._bare = {k: next(iter(v)) for k, v in bare.items() if len(v) == 1}
        self._loose: dict[str, str | None] = {}

    def get(self, key, default=None):   # noqa: ANN001 - dict's own signature
        found = dict.get(self, key)
        if found is None:
            found = self.loose(key)
        return default if found is None else found

    def __contains__(self, key) -> bool:   # noqa: ANN001
        return self.get(key) is not None

    def __missing__(self, key):   # noqa: ANN001 - columns[key] after 'key in columns'
        found = self.loose(key)
        if found is None:
            raise KeyError(key)
        return found

    def loose(self, key: str) -> str | None:
        """The field a header not listed exactly names, or None."""
        if dict.__contains__(self, key):
            return None
        if key not in self._loose:
            if len(self._loose) > 10_000:   # headers of a hostile file: do not keep them all
                self._loose.clear()
            self._loose[key] = self._match(key)
        return self._loose[key]

    def _match(self, key: str) -> str | None:
        if is_identity_number(key):
            return None
        core = strip_annotation(key)
        for text in dict.fromkeys((core, key)):
            found = dict.get(self, text)
            if found is None and _PREFIX.match(key):
                found = dict.get(self, _PREFIX.sub("", key).strip())
            if found is None:
                found = self._bare.get(bare_key(text))
            if found is None and _names_record(text, self._id_words):
                found = dict.get(self, "id")
            if found is not None:
                return found
        return None


@functools.lru_cache(maxsize=4096)
def is_identity_number(key: str) -> bool:
    text = strip_annotation(header_key(key))
    return text in _IDENTITY or bare_key(text) in _IDENTITY


_IDENTITY = {header_key(w) for w in IDENTITY_NUMBERS} | {bare_key(w) for w in IDENTITY_NUMBERS}


@functools.lru_cache(maxsize=4096)   # asked of every column of every row (footer rows, rejected rows)
def id_like(key: str) -> bool:
    """Does a folded header look like a record id of any tier ('Mã đơn vị', 'Mã CB')? For telling
    a table of records (whose footer rows may be skipped) from a statistics form, before any pack."""
    if key in ID_KEYS:
        return True
    return not is_identity_number(key) and _names_record(strip_annotation(key), _ALL_ID_WORDS)


def _names_record(text: str, words: set[str]) -> bool:
    """Is ``text`` 'Mã' (or 'Mã số') followed by one of ``words`` ('Mã đơn vị', 'Ma so CB')?"""
    match = _MA.match(text) or _MA.match(bare_key(text))
    return bool(match) and match.group(1).strip() in words


_ALL_ID_WORDS = {header_key(w) for words in ID_WORDS.values() for w in words} | {
    bare_key(w) for words in ID_WORDS.values() for w in words}


# The row-number column councils put first ('STT', 'TT', 'Số TT', 'Số thứ tự', 'No.'): its numbers are
# typed (or filled down) before anyone is listed, so a number there alone makes no record.
ROW_NUMBER_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu", "no", "#"})


@functools.lru_cache(maxsize=4096)   # asked of the columns of rows that have no id
def row_number_column(text: str) -> bool:
    """Is this header a row-number (STT) column? Compared without accents, case, dots."""
    return bare_key(text).replace(".", "").strip() in ROW_NUMBER_HEADERS


HEADER_SEARCH_ROWS = 20   # title and note rows a header may sit below
MIN_HEADER_MATCHES = 2    # e.g. the id column and one input: a title row never names two columns


# --- two-row headers ----------------------------------------------------------------------------

Near = tuple[int, Sequence[str]]   # a row near the header: its number and its texts


def two_row_header(header: list[str], above: Near | None, below: Near | None,
                   known: Callable[[str], bool] | None) -> tuple[list[str], int | None]:
    """The header row, joined with the row just above or below it when the two make one header
    (a council's 'Năng lực 1' over '1.1 1.2 1.3', with 'Mã' and 'Họ tên' merged down both rows),
    and the number of the row joined (None: none). A row joins only when it names, in columns
    the header leaves blank, a column that is read."""
    if known is None:
        return header, None
    if above is not None and _fills_blanks(header, above[1], known):
        return _join(above[1], header), above[0]
    if below is not None and _fills_blanks(header, below[1], known, below=True):
        return _join(header, below[1]), below[0]
    return header, None


def _fills_blanks(header: list[str], other: list[str], known: Callable[[str], bool], below: bool = False) -> bool:
    """Does ``other`` name read columns where ``header`` is blank (and, below the header, name at
    least two read columns)?"""
    adds = [t for i, t in enumerate(other) if t and (i >= len(header) or not header[i]) and known(t)]
    if below:   # a record's values are not column names: two of them would be
        return bool(adds) and sum(1 for t in other if t and known(t)) >= MIN_HEADER_MATCHES
    return bool(adds)


def _join(upper: list[str], lower: list[str]) -> list[str]:
    """One header from two rows: the lower row's text where it has one, else the upper row's."""
    width = max(len(upper), len(lower))
    return [(lower[i] if i < len(lower) and lower[i] else upper[i] if i < len(upper) else "") for i in range(width)]



def close_header(accepted: Sequence[str], unread: Sequence[str]) -> tuple[str, str] | None:
    """A header read as nothing that looks like one of ``accepted`` ('CDHT' inside 'Kết quả CDHT',
    'Đơn vị' inside 'Đơn vị báo cáo', or a near spelling), with that accepted header: the
    did-you-mean of a column no file has."""
    import difflib   # only when a column is missing
    keys = {header_key(a): a for a in accepted}
    for header in unread:
        key = header_key(header)
        close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6)
        within = [k for k in keys if re.search(rf"(?<!\w){re.escape(k)}(?!\w)", key)]
        if close or within:
            return header, keys[(close or within)[0]]
    return None


# --- a header row that is a record -------------------------------------------------------------

_VALUE = re.compile(r"\d{3}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")   # an id, phone or ID card number, a year; a date
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")                   # a score


def looks_like_record(cells: Iterable[Any]) -> bool:
    """Do these cells, taken for a header row, look like a record's values (a file without its
    header row)? Three digits in a row (an id, a phone or ID card number, a year), a date, or two
    plain numbers (scores). A message then says so instead of quoting them: they would be a
    person's name, birth date and numbers. A real header with a year in it is not quoted either;
    the message still says what to fix."""
    texts = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    return any(_VALUE.search(t) for t in texts) or sum(1 for t in texts if _NUMBER.fullmatch(t)) >= 2


def quoted_headers(cells: Sequence[str], limit: int | None = None) -> str:
    """The headers quoted for a message: 'STT', 'Tên', …"""
    return ", ".join(f"'{c}'" for c in list(cells)[:limit])


# --- the file-level diagnosis -------------------------------------------------------------------

@dataclass(frozen=True)
class InLanguage:
    """A caller's own header test, with the language of its run (``reader_lang``): the readers' warnings
    (a sheet not read, rows above the header) are said in it, not in the process's (a web server's)."""

    test: Callable[[str], bool]
    lang: str

    def __call__(self, text: str) -> bool:
        return self.test(text)


def reader_lang(known: Any) -> str | None:
    """The language of the run a header test (``HeaderCheck.__call__`` or a caller's) belongs to, for
    what the readers say: a web request's may differ from the server's; None: the process's."""
    return getattr(known, "lang", None)


def header_words(lang: str | None = None) -> dict[str, str]:
    """The sentences of the header diagnosis in ``lang`` (default: the run's), from the catalogue."""
    i = 0 if (lang or get_lang()) == "vi" else 1
    return {code.removeprefix("header."): pair[i] for code, pair in CATALOGUE.items() if code.startswith("header.")}


def titles_note(words: dict[str, str], where: str, titles: list[tuple[int, str]]) -> str:
    """'bỏ qua 2 dòng phía trên dòng tiêu đề cột (dòng 1–2: '…')': the same note for a sheet and a CSV file."""
    rows = [n for n, _ in titles]
    span = f"{rows[0]}" if len(rows) == 1 else f"{rows[0]}–{rows[-1]}"
    first = titles[0][1]
    return plural_format(words["titles"], where=where, n=len(rows), rows=span,
                         first=f"'{first[:40]}…'" if len(first) > 40 else f"'{first}'")


MAX_LISTED = 5


@dataclass
class HeaderCheck:
    """What a pack reads, for finding a header row (``check(text)``: is this a header the pack
    reads?) and diagnosing it once per file (``diagnose``)."""

    pack: str
    columns: ColumnMap
    names: dict[str, str]                  # field -> the input's name, as the template writes it
    required: list[str]                    # fields every record needs (the id first)
    optional: list[str] = field(default_factory=list)   # fields whose absence leaves every record blank
    blank_fails: bool = False              # a blank cell fails its indicator (TT 24/25: no evidence)
    also: Callable[[str], bool] | None = None          # other headers read (self-assessment claims)
    lang: str | None = None                # None: the language of the run (``messages``)
    tiers: Sequence[str] = ()              # the tiers assessed: which 'Mã …' headers name the record

    def __call__(self, text: str) -> bool:
        key = header_key(text)
        return key in self.columns or bool(self.also and self.also(text))

    def diagnose(self, where: str, header: Sequence[str], near: Sequence[tuple[int, Sequence[str]]] = (),
                 letters: bool = False) -> list[str]:
        """Notes on how the header row was read; raises ``InputFileError`` (naming the headers to
        use and the likely cause) when a column every record needs is missing, or when two columns
        give one field. ``near``: the rows just above and below the header, as (row number, texts),
        for guessing the cause; ``letters``: columns are named as Excel names them (C, M), else by
        their number (a CSV file)."""
        words = header_words(self.lang)
        found: dict[str, list[str]] = {}
        columns: dict[str, list[int]] = {}   # field -> the columns (0-based) that give it
        loose: list[tuple[str, str]] = []
        notes: list[str] = []
        for i, text in enumerate(header):
            if not text:
                continue
            key = header_key(text)
            fld = self.columns.get(key)
            if fld is None:
                if is_identity_number(key):
                    notes.append(words["identity"].format(where=where, header=text))
                continue
            found.setdefault(fld, []).append(text)
            columns.setdefault(fld, []).append(i)
            if self.columns.loose(key) is not None:
                loose.append((text, fld))
        for fld, texts in found.items():
            # Said once for the file, as two identical headers are: else every row that fills both
            # ('2.2' and 'Chỉ số 2.2', 'Mã' and 'Mã số') would be rejected, each with the same words.
            if len(texts) > 1:
                a, b = (_column(words, columns[fld][n], texts[n], letters) for n in (0, 1))
                raise InputFileError(where, words["twice"].format(where=where, a=a, b=b, name=self._name(fld, words)))
        if loose:
            pairs = [words["pair" if i == 0 else "next_pair"].format(header=h, name=self._name(f, words))
                     for i, (h, f) in enumerate(loose[:MAX_LISTED])]
            more = words["more"].format(n=len(loose) - MAX_LISTED) if len(loose) > MAX_LISTED else ""
            notes.insert(0, words["read_as"].format(where=where, pairs=", ".join(pairs) + more))
        if not any(f != "id" for f in found):
            return notes   # not this pack's file at all: the caller says so in its own words
        missing = [f for f in self.required if f not in found]
        if "id" in missing:
            identity = next((t for t in header if t and is_identity_number(header_key(t))), None)
            other = next((t for t in header if t and id_like(header_key(t))), None)   # 'Mã CB' in a units file
            if identity:
                cause = "; " + words["identity"].format(where=where, header=identity).split(": ", 1)[1]
            elif other:
                cause = words["cause_close"].format(header=other, name="Mã")
            else:
                cause = self._cause(["id"], header, near, words)
            examples = ["Mã", "id", *(ID_EXAMPLE[t] for t in self.tiers if t in ID_EXAMPLE)]
            names = words["or"].join(f"'{n}'" for n in dict.fromkeys(examples))
            raise InputFileError(where, words["no_id"].format(names=names) + cause)
        if missing:
            names = ", ".join(self.names[f] for f in missing[:MAX_LISTED]) + (", …" if len(missing) > MAX_LISTED else "")
            template = words["template"].format(pack=self.pack)
            raise InputFileError(where, words["missing"].format(where=where, names=names, template=template)
                                 + self._cause(missing, header, near, words))
        absent = [self.names[f] for f in self.optional if f not in found]
        if absent:
            names = ", ".join(absent[:MAX_LISTED * 2]) + (", …" if len(absent) > MAX_LISTED * 2 else "")
            notes.append(words["optional"].format(where=where, names=names,
                                                  meaning=words["blank_means"] if self.blank_fails else ""))
        return notes

    def _name(self, fld: str, words: dict[str, str]) -> str:
        return words["id"] if fld == "id" else self.names.get(fld, fld)

    def _cause(self, missing: list[str], header: Sequence[str], near: Sequence[tuple[int, Sequence[str]]],
               words: dict[str, str]) -> str:
        """The likely cause: a two-row header, or a header that is close to a missing name."""
        for number, texts in near:
            if any(self.columns.get(header_key(t)) in missing for t in texts if t):
                return words["cause_two_rows"].format(row=number)
        import difflib   # only when columns are missing
        unread = [t for t in header if t and self.columns.get(header_key(t)) is None]
        for fld in missing:
            name = self.names.get(fld, fld)
            close = difflib.get_close_matches(name, unread, n=1, cutoff=0.6)
            if close:
                return words["cause_close"].format(header=close[0], name=name)
            containing = next((t for t in unread if name != "id" and re.search(
                rf"(?<![\w.]){re.escape(name)}(?![\w.])", header_key(t))), None)
            if containing:
                return words["cause_close"].format(header=containing, name=name)
        if looks_like_record(header):
            return "; " + words["record_like"]
        shown = quoted_headers([t for t in header if t])
        return words["cause_seen"].format(headers=shown[:300] + ("…" if len(shown) > 300 else ""))


def _column(words: dict[str, str], index: int, text: str, letters: bool) -> str:
    """'M ('Chỉ số 2.2')' in a workbook, 'thứ 13 ('Chỉ số 2.2')' in a CSV file."""
    if letters:
        from openpyxl.utils import get_column_letter   # openpyxl only where a workbook is read
        return words["col_letter"].format(col=get_column_letter(index + 1), header=text)
    return words["col_number"].format(col=index + 1, header=text)


def column_name(inp: Any) -> str:
    """The header a person writes for an input (the template's): its name when that is an
    indicator number ('1.1', '2a'), else its first Vietnamese alias ('Nhóm đối tượng' reads better
    than 'group'), else its name."""
    if re.fullmatch(r"[\d.]+[a-z]?", inp.name):
        return inp.name
    vietnamese = [a for a in inp.aliases if not a.isascii() and len(a) <= 40]
    return vietnamese[0] if vietnamese else inp.name


def column_shown(inp: Any) -> str:
    """An input named in a Vietnamese sentence: its header, then its code when they differ
    ("'Loại đơn vị' (loai_don_vi)"): the header is what the person sees in the file, the code
    what a pack author or the English messages use."""
    header = column_name(inp)
    return f"'{header}'" if header == inp.name else f"'{header}' ({inp.name})"


def choice_texts(inp: Any) -> list[str]:
    """What a person may write for a choice, as the template's drop-down offers it: each choice's
    Vietnamese label, or its code where two labels read alike (every text offered must map back to
    one choice)."""
    keys = [header_key(c.label.vi) for c in inp.choices]
    return [c.label.vi if keys.count(header_key(c.label.vi)) == 1 else c.code for c in inp.choices]
