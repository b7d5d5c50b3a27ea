"""Lifelong Learning Week statistics: activity records counted into a plan's statistics table.

The table (e.g. Phụ lục II of Lai Châu's Kế hoạch 3693/KH-UBND, 2023) is data — a YAML "form"
(``criteria/thongke/*.yaml``, format ``hoctap/thong-ke@1``) listing its items (TT 1–11) with the
unit each counts in, whether it has a "Người" column, whether one activity row counts as one
when no number is given, and which heading rows are totals of their sub-items.

Records come in one of two shapes, told apart by their header:
- **one row per activity** (a ``muc`` column): unit, item code, number, people, note, date;
- **one row per unit** (item columns such as ``Mục 1.1`` and ``Mục 1.1 người``).

Every row is either counted or rejected with a Vietnamese message naming its file, row and column
(English with ``lang="en"``): rows read = counted + rejected, always.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from scoring.errors import CriteriaError, CriteriaErrors, InputFileError, StatsFormNotFound, UsageError, did_you_mean
from scoring.messages import Msg, first_of, fmt_date, t, text
from scoring.packs.catalog import by_id, resolve_named
from scoring.packs.pack import Code, Reference, Strict, Text, _criteria_error
from scoring.packs.shipped import shipped_dir
from scoring.packs.yamlfile import YamlDocument, read_yaml_file
from scoring.goals.tuan_le_rows import (abbreviated, cell_text as _text, first_text, footer_text, group_heading, in_order,
                                       total_word)
from scoring.records.dates import parse_assessment_date
from scoring.records.footer import footer_phrase
from scoring.records.headers import InLanguage, close_header, looks_like_record
from scoring.records.raw import RawRow
from scoring.packs.model import Input
from scoring.records.validate import header_key, value_parser
from scoring.run.api import Inputs

FORMAT = "hoctap/thong-ke@1"
ItemCode = Field(pattern=r"^[0-9]+(\.[0-9]+)?[a-z]?$", max_length=12)


class FormItem(Strict):
    """One row of the statistics table."""

    code: str = ItemCode
    label: str | Text             # the form's row: {vi: (the form's words), en: …}; a plain string in every language
    unit: str | Text              # what the number counts: {vi: Lớp, en: classes}; a plain string in every language
    people: bool = False          # the row has a "Người" figure
    counts_rows: bool = False     # an activity row without a number counts as one (a class, a contest…)
    sum_of: list[str] = []        # a heading row filled with the total of these items
    heading: bool = False         # a heading only: no figure of its own
    free_text: bool = False       # "các nội dung khác": the note says what was done

    def unit_in(self, lang: str = "vi") -> str:
        return self.unit.get(lang) if isinstance(self.unit, Text) else self.unit

    def label_in(self, lang: str = "vi") -> str:
        return self.label.get(lang) if isinstance(self.label, Text) else self.label

    @property
    def direct(self) -> bool:
        """Can a record be filed against this item itself?"""
        return not self.heading and (not self.sum_of or self.counts_rows)


class Week(Strict):
    first: dt.date
    last: dt.date


class StatsForm(Strict):
    format: Literal["hoctap/thong-ke@1"]
    id: Code
    version: str = Field(min_length=1)
    title: Text
    reference: Reference
    week: Week
    deadline: dt.date
    notes: list[str] = []
    items: list[FormItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _links(self) -> "StatsForm":
        codes = [i.code for i in self.items]
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        if repeated:
            raise ValueError(t("gp.form_repeat", codes=", ".join(repeated), n=len(repeated)))
        for item in self.items:
            for part in item.sum_of:
                if part not in codes:
                    raise ValueError(t("gp.form_sum_of", item=item.code, part=part, hint=did_you_mean(part, codes)))
        return self

    def item(self, code: str) -> FormItem | None:
        return next((i for i in self.items if i.code == code), None)


@dataclass
class LoadedForm:
    form: StatsForm
    source: str

    @property
    def pack(self) -> StatsForm:  # what catalog.by_id keys on
        return self.form


def load_form(path: str | Path) -> LoadedForm:
    doc = read_yaml_file(path)
    return LoadedForm(_form_from(doc), str(path))


def _form_from(doc: YamlDocument) -> StatsForm:
    if not isinstance(doc.data, dict) or doc.data.get("format") != FORMAT:
        raise CriteriaError(doc.file, "format", Msg("gp.form_format", format=FORMAT), doc.line_of("format"))
    try:
        return StatsForm.model_validate(doc.data)
    except ValidationError as exc:
        raise CriteriaErrors([_criteria_error(doc, err, StatsForm) for err in exc.errors()]) from None


def forms_dir() -> Path:
    return shipped_dir() / "thongke"


@lru_cache(maxsize=None)
def shipped_forms() -> dict[str, LoadedForm]:
    return by_id(sorted(forms_dir().glob("*.yaml")), lambda p: LoadedForm(_form_from(read_yaml_file(p)), str(p)))


def resolve_form(name: str) -> LoadedForm:
    """A shipped form id, or the path of a form YAML file."""
    return resolve_named(name, load_form, shipped_forms, StatsFormNotFound)


# --- reading records ----------------------------------------------------------------------

COLUMNS = {  # field -> accepted headers (compared with header_key: case, spaces, underscores folded)
    "don_vi": ("don_vi", "Đơn vị", "Don vi", "Tên đơn vị", "Ten don vi", "unit"),   # as shown when it is missing
    "muc": ("muc", "mục", "mã mục", "ma muc", "tt", "item"),
    "so_luong": ("so_luong", "số lượng", "so luong", "số lớp/số cuộc", "số lớp", "số cuộc", "số lớp/số cuộc thi"),
    "so_nguoi": ("so_nguoi", "số người", "so nguoi", "người", "nguoi"),
    "ghi_chu": ("ghi_chu", "ghi chú", "ghi chu", "nội dung", "noi dung"),
    "ngay": ("ngay", "ngày", "ngày tổ chức", "ngay to chuc"),
}
_KEYS = {header_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}
_WIDE = re.compile(r"^(?:mục|muc|tt)?\s*(\d+(?:\.\d+)?b?)\s*(người|nguoi|số người|so nguoi)?$")


@lru_cache(maxsize=4096)
def _field(header: str) -> str | None:
    """The field a column header names (every row of a file repeats the same headers: fold them once)."""
    return _KEYS.get(header_key(header))


@lru_cache(maxsize=4096)
def _item_column(header: str) -> tuple[str, bool] | None:
    """('1.1', False) for 'Mục 1.1', ('1.1', True) for 'Mục 1.1 người'; None for any other header."""
    match = _WIDE.match(header_key(header))
    return (match.group(1), bool(match.group(2))) if match else None


@lru_cache(maxsize=1024)
def _columns(headers: tuple[str, ...]) -> dict[str, str]:
    """Field -> the header of its column in a file. 'TT' is the form's own item column, but the row
    number of a list of units ('TT | Tên đơn vị | Mục 1.1 …', as the Sở's templates are): it is the
    item column only in a file with no other ('Mục') and no item columns ('Mục 1.1'); there, reading
    TT 1, 2, 3 as items 1, 2, 3 filed every unit's row under them and dropped its figures."""
    columns: dict[str, str] = {}
    numbered = None
    for header in headers:
        name = _field(header)
        if name == "muc" and header_key(header) == "tt":
            numbered = header
        elif name is not None:
            columns[name] = header
    if numbered is not None and "muc" not in columns and not any(_item_column(h) for h in headers):
        columns["muc"] = numbered
    return columns


def _fields(row: RawRow) -> tuple[dict[str, Any], dict[str, str]]:
    """A row's values by field, and each field's column as the file heads it ('Mục', 'Số lượng'; one
    the file lacks: the name to add)."""
    columns = _columns(tuple(row.data))
    return {name: row.data[header] for name, header in columns.items()}, {name: name for name in COLUMNS} | columns


def known_header(text: str) -> bool:
    return _field(text) is not None or _item_column(text) is not None


@dataclass
class Entry:
    unit: str
    code: str
    quantity: float = 0
    people: int = 0
    note: str | None = None


@dataclass
class Rejected:
    where: str
    error: str


@dataclass
class Tally:
    """What the records add up to: per unit, item code -> figures; and every rejected row."""

    form: StatsForm
    units: dict[str, dict[str, Entry]] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (where, text): totals, signatures under the table
    warnings: list[str] = field(default_factory=list)   # what the readers noticed (sheets not read, merged cells)
    paths: list[str] = field(default_factory=list)      # the files as given: the workbook names them by name alone
    read: int = 0
    counted: int = 0

    def add(self, entry: Entry) -> None:
        got = self.units.setdefault(entry.unit, {}).setdefault(entry.code, Entry(entry.unit, entry.code))
        got.quantity += entry.quantity
        got.people += entry.people
        if entry.note:
            got.note = f"{got.note}; {entry.note}" if got.note else entry.note

    def figures(self, unit: str | None, code: str) -> tuple[float | None, int | None, str | None]:
        """(number, people, note) of an item for one unit (None: every unit), heading totals included."""
        item = self.form.item(code)
        assert item is not None
        if item.heading:
            return None, None, None
        books = [self.units[unit]] if unit is not None else list(self.units.values())
        own = [b[code] for b in books if code in b]
        quantity = sum(e.quantity for e in own)
        people = sum(e.people for e in own)
        for part in item.sum_of:
            q, p, _ = self.figures(unit, part)
            quantity += q or 0
            people += p or 0
        # the total names whose each note is ('Trường MN A: …; Trường TH B: …'): joined bare, no one could tell
        notes = "; ".join(e.note if unit is not None else f"{e.unit}: {e.note}" for e in own if e.note) or None
        return quantity, (people if item.people else None), notes


def tally(form: StatsForm, paths: Iterable[str | Path], sheet: str | tuple[str, ...] | None = None,
          lang: str = "vi") -> Tally:
    paths = list(paths)
    _refuse_copies(paths)   # a file given twice would add every figure twice
    result = Tally(form, paths=list(map(str, paths)))
    # the readers every command shares: sheets not read are said, in the run's language
    inputs = Inputs(paths, sheet, InLanguage(known_header, lang))
    result.warnings = inputs.warnings   # filled as the sheets are read
    seen_units: dict[str, str] = {}  # one-row-per-unit files: unit -> where its row is
    files_of: dict[str, dict[str, None]] = {}   # unit -> the files its rows are in
    as_numbers: dict[str, list[str]] = {}   # item code -> rows that gave it as a number ('1.1' or '1.10'?)
    for i, path in enumerate(paths):
        _tally_file(result, form, str(path), inputs.rows_of(i), lang, seen_units, files_of, as_numbers)
    # rows the shared readers left out (a header row repeated, a row number alone): read, and said
    for where, what in inputs.skipped:
        result.skipped.append((where, text(what, lang)))
        result.read += 1
    result.warnings += [t("tl.unit_in_files", lang, unit=unit, n=len(files), files=", ".join(files))
                        for unit, files in files_of.items() if len(files) > 1]
    result.warnings += [t("tl.item_as_number", lang, item=code, longer=code + "0", n=len(rows), rows=first_of(rows, 5))
                        for code, rows in as_numbers.items()]
    return result


def _number_of_two_items(form: StatsForm, value: Any) -> str | None:
    """The item code a number cell gives when a longer code reads as the same number: Excel keeps the
    number 1.10 as 1.1, so a cell typed '1.10' (Phổ cập THCS) arrives as item 1.1, and nothing in the
    file tells them apart. None for a code given as text, or one no other item collides with."""
    if not isinstance(value, float):
        return None
    code = _code(value)
    return code if code and form.item(code) and form.item(code + "0") else None


def _tally_file(result: Tally, form: StatsForm, path: str, rows: Iterable[RawRow], lang: str,
                seen_units: dict[str, str], files_of: dict[str, dict[str, None]],
                as_numbers: dict[str, list[str]]) -> None:
    headers: dict[str, None] = {}   # of rows without a unit column, for the error below
    with_unit = 0
    rows = list(rows)   # a bare 'Cộng' is told by the rows below it (a unit's sheet: tens of rows)
    place = _Place()
    for i, row in enumerate(rows):
        result.read += 1
        if row.sheet != place.sheet:   # each sheet is a table of its own: one's total does not end the next
            place = _Place(row.sheet)
        fields, names = _fields(row)
        skipped = _not_figures(rows, i, fields, place, lang)   # a 'Cộng' row counted as a unit would add its units twice
        if isinstance(skipped, Rejected):
            result.rejected.append(skipped)
            continue
        if skipped is not None:
            words, ends = skipped
            result.skipped.append((row.where, words))
            place.under = place.under or ends
            continue
        if "don_vi" in fields:
            with_unit += 1
        elif not headers.keys() >= row.data.keys():
            headers.update(dict.fromkeys(row.data))
        try:
            entries = list(_row_entries(form, row, fields, names, lang, seen_units))
        except _RowError as exc:
            result.rejected.append(Rejected(row.where, str(exc)))
            continue
        for entry in entries:
            result.add(entry)
            files_of.setdefault(entry.unit, {})[path] = None
        result.counted += 1
        ambiguous = _number_of_two_items(form, fields.get("muc"))
        if ambiguous:
            as_numbers.setdefault(ambiguous, []).append(row.where)
    if headers and not with_unit:
        raise _no_unit_column(path, headers)


def _refuse_copies(paths: list[str | Path]) -> None:
    """The same file named twice, or a copy of it beside it (a unit's file sent again): refused, naming
    both, since each would add its every figure twice to the total."""
    seen: dict[Any, str] = {}
    for path in map(str, paths):
        try:
            resolved = Path(path).resolve()
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except (OSError, RuntimeError):
            continue   # reading it says what is wrong
        if resolved in seen:
            raise UsageError(Msg("tl.given_twice", path=path))
        if digest in seen:
            raise UsageError(Msg("tl.same_content", first=seen[digest], second=path))
        seen[resolved] = seen[digest] = path


def _no_unit_column(file: str, headers: Iterable[str]) -> InputFileError:
    """Every row of a file rejected for one header ('Đơn vị báo cáo' for 'Đơn vị'): one error, naming
    the headers accepted, rather than a table of zeros and a line per row."""
    unread = [h for h in headers if h and not known_header(h)]
    found = close_header(COLUMNS["don_vi"], unread)
    cause = (Msg("column.close", header=found[0], name="don_vi", alias=found[1]) if found else
             Msg("column.unread_record", what=Msg("header.record_like")) if looks_like_record(unread) else
             Msg("column.unread", headers=", ".join(f"'{h}'" for h in unread)) if unread else "")
    return InputFileError(file, Msg("tl.no_unit_column", accepted=", ".join(f"'{a}'" for a in COLUMNS["don_vi"]),
                                    cause=cause))


class _RowError(Exception):
    pass


@dataclass
class _Place:
    """Where the reading of a sheet is: whether its table has ended (a total or a signature seen: rows
    without figures below it are its part), and its last group heading's mark ('IX': an 'X.' is the tenth)."""
    sheet: str | None = None
    under: bool = False
    mark: str | None = None


def _not_figures(rows: list[RawRow], i: int, fields: dict[str, Any], place: _Place,
                 lang: str) -> tuple[str, bool] | Rejected | None:
    """What a row holding no unit's figures says, and whether rows below it without figures are its
    part (after a total or signature, not after a group heading or subtotal): ``tuan_le_rows``; a group heading
    with figures, rejected; None for a row of figures."""
    row = rows[i]
    heading = group_heading(row, _text(fields.get("don_vi")))
    if heading is not None:
        before = place.mark
        if not _has_figures(row, fields):
            place.mark = heading.mark or before
            return heading.words, False
        if heading.named:
            if heading.place and not in_order(before, heading.mark) and not _unit_below(rows, i):
                return None   # 'P. Tân Phong | 2': a ward's row, its name abbreviated
            place.mark = heading.mark or before
            return Rejected(row.where, t("tl.heading_figures" if heading.group else "tl.heading_or_unit", lang,
                                         heading=heading.words))
    found = footer_text(row, fields, _code(fields.get("muc")), place.under)
    if found is not None and found[1] is None:   # a bare 'Cộng': a group's subtotal if units follow, else the total
        return found[0], _table_ends(rows, i)
    return found


def _unit_below(rows: list[RawRow], i: int) -> bool:
    """Is the next row of the sheet a unit's, plainly named ('Trường MN Tân Phong | 2'), not another place
    ('X. Phú Lợi', 'TT. Tam Đường')? A row named 'P. Tân Phong' over it may be its commune's heading, its
    figures the commune's subtotal: not added."""
    below = rows[i + 1] if i + 1 < len(rows) else None
    if below is None or below.sheet != rows[i].sheet:
        return False
    fields, _ = _fields(below)
    return (group_heading(below, _text(fields.get("don_vi"))) is None and not abbreviated(first_text(below, fields))
            and footer_text(below, fields, _code(fields.get("muc")), False) is None)


def _table_ends(rows: list[RawRow], i: int) -> bool:
    """Does the table end at a bare 'Cộng' (row ``i``)? Not when a unit's row (a code, a number), a group
    heading or another total follows it before the signatures: it was a group's subtotal; so it does when
    only signatures, dates, notes or texts without a number follow (the rows read as before)."""
    for below in rows[i + 1:]:
        if below.sheet != rows[i].sheet:
            break
        fields, _ = _fields(below)
        if group_heading(below, _text(fields.get("don_vi"))) is not None:
            return False
        if footer_text(below, fields, _code(fields.get("muc")), True) is None:
            return False
        first = first_text(below, fields)
        if first is not None and total_word(first):
            return False
        if first is not None and footer_phrase(first):
            return True
    return True


def _has_figures(row: RawRow, fields: dict[str, Any]) -> bool:
    """Does the row hold anything the table reads besides its name: an item code, a number, people, a
    date, a note, an item column ('Mục 1.1')? (A heading's mark in a 'TT' read as the item column is none.)"""
    code = _code(fields.get("muc"))
    return (bool(code) and code[0].isdigit()) or any(
        _text(fields.get(name)) is not None for name in ("so_luong", "so_nguoi", "ngay", "ghi_chu")) or any(
        _item_column(k) is not None and _text(v) is not None for k, v in row.data.items())


def _row_entries(form: StatsForm, row: RawRow, fields: dict[str, Any], names: dict[str, str], lang: str,
                 seen_units: dict[str, str]) -> Iterator[Entry]:
    if row.problem:
        raise _RowError(row.problem)
    unit = _text(fields.get("don_vi"))
    if not unit:
        raise _RowError(t("tl.unit_missing", lang, column=names["don_vi"]))
    if "muc" in fields:
        if _code(fields["muc"]) is None:   # which column, as the file heads it, and what to write there
            raise _RowError(t("tl.item_blank", lang, column=names["muc"], examples=_examples(form)))
        yield _activity(form, unit, fields, names, lang)
        return
    first = seen_units.setdefault(unit, row.where)
    if first != row.where:  # one row per unit: a second row would count the unit twice
        raise _RowError(t("tl.unit_repeated", lang, column=names["don_vi"], unit=unit, first=first))
    yield from _unit_row(form, unit, row.data, lang)


def _examples(form: StatsForm) -> str:
    """Three item codes of the form, first, middle and last ('1.1, 5.1, 11'): enough to show what a code
    looks like; the printed table lists them all in its first column."""
    codes = [i.code for i in form.items if i.direct]
    return ", ".join(dict.fromkeys((codes[0], codes[len(codes) // 2], codes[-1])))


def _activity(form: StatsForm, unit: str, fields: dict[str, Any], names: dict[str, str], lang: str) -> Entry:
    code = _code(fields.get("muc"))
    item = form.item(code) if code else None
    if item is None:   # a code typed wrong: every code, to find the one meant
        codes = ", ".join(i.code for i in form.items if i.direct)
        raise _RowError(t("tl.item_unknown", lang, column=names["muc"], item=fields.get("muc"), codes=codes))
    if not item.direct:
        parts = ", ".join(item.sum_of) or ", ".join(i.code for i in form.items if i.code.startswith(item.code + "."))
        raise _RowError(t("tl.item_heading", lang, column=names["muc"], item=code, parts=parts))
    _check_date(form, fields.get("ngay"), names["ngay"], lang)
    quantity = _quantity(item, fields.get("so_luong"), names["so_luong"], lang, blank_is_one=item.counts_rows)
    people = _people(item, fields.get("so_nguoi"), names["so_nguoi"], lang)
    note = _text(fields.get("ghi_chu"))
    if item.free_text and not note:
        raise _RowError(t("tl.note_needed", lang, column=names["ghi_chu"], item=code))
    return Entry(unit, code, quantity, people, note)


def _unit_row(form: StatsForm, unit: str, data: dict[str, Any], lang: str) -> Iterator[Entry]:
    found = False
    for header, value in data.items():
        column = _item_column(header)
        if column is None or _text(value) is None:
            continue
        code, is_people = column
        item = form.item(code)
        if item is None or not item.direct:
            raise _RowError(t("tl.not_an_item", lang, column=header, item=code))
        found = True
        if is_people:
            yield Entry(unit, code, 0, _people(item, value, header, lang))
        elif item.free_text:
            yield Entry(unit, code, 1, 0, _text(value))  # one "other activity", described
        else:
            yield Entry(unit, code, _quantity(item, value, header, lang, blank_is_one=False), 0)
    if not found:
        raise _RowError(t("tl.no_figures", lang))


def _code(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    code = re.sub(r"^(?:mục|muc|tt)\s*", "", header_key(text)).strip()
    return re.sub(r"^(\d+),(\d+)", r"\1.\2", code)   # '1,1': the Vietnamese decimal comma, as Excel may show it


_THOUSANDS = re.compile(r"^\d{1,3}([.,\s])\d{3}(\1\d{3})*$")
# The number reader records use: 'inf', 'NaN', '1e3', '1_000', a negative number and true/false are
# refused here as they are in a record, and '7,5' is 7.5 (then refused below as not whole).
_COUNT = value_parser(Input(name="count", type="number", min=0))


def _whole(value: Any, column: str, what: str, lang: str) -> int:
    """A non-negative whole number; Vietnamese thousands separators (1.500.000) and a trailing
    'đồng' on money are the form's own allowances, read before the records' number reader."""
    read = value
    if isinstance(value, str):
        text = re.sub(r"\s*(đồng|đ|vnđ|vnd)$", "", value.strip(), flags=re.IGNORECASE)
        read = re.sub(r"[.,\s]", "", text) if _THOUSANDS.match(text) else text
    try:
        number = _COUNT(read)
    except ValueError:
        number = None
    if number is None or not number.is_integer():
        raise _RowError(t("tl.not_whole", lang, column=column, value=value, what=what))
    return int(number)


def _quantity(item: FormItem, value: Any, column: str, lang: str, blank_is_one: bool) -> int:
    if _text(value) is None:
        if blank_is_one:
            return 1
        raise _RowError(t("tl.quantity_needed", lang, column=column, item=item.code, unit=item.unit_in(lang)))
    return _whole(value, column, t("tl.what_quantity", lang, unit=item.unit_in(lang)), lang)


def _people(item: FormItem, value: Any, column: str, lang: str) -> int:
    if _text(value) is None:
        return 0
    if not item.people:
        raise _RowError(t("tl.no_people_column", lang, column=column, item=item.code))
    return _whole(value, column, t("tl.what_people", lang), lang)


def _check_date(form: StatsForm, value: Any, column: str, lang: str) -> None:
    if _text(value) is None:
        return
    try:
        day = value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else (
            value.date() if isinstance(value, dt.datetime) else parse_assessment_date(str(value).strip()))
    except ValueError:
        raise _RowError(t("tl.not_a_date", lang, column=column, value=value)) from None
    if not form.week.first <= day <= form.week.last:   # dd/mm/yyyy in Vietnamese, ISO in English (fmt_date)
        raise _RowError(t("tl.outside_week", lang, column=column, day=fmt_date(day, lang),
                          first=fmt_date(form.week.first, lang), last=fmt_date(form.week.last, lang)))


OUTPUT_SUFFIXES = (".xlsx", ".json")


def check_output(output: str | None) -> None:
    """Before anything is read: the output is a kind we write (that it is no input, nor a file
    already there, is ``output.check_outputs``'s, as for every command writing files)."""
    if output is None:
        return
    if Path(output).suffix.lower() not in OUTPUT_SUFFIXES:
        raise UsageError(Msg("gp.form_output_ext", output=output))
