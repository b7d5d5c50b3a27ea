"""The assessment date of a record (its own date or year column), and the pack in force on it."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from scoring.errors import NotInForce, RecordError
from scoring.messages import LANGS, Msg, template
from scoring.packs.catalog import InForce, resolve_in_force, stored_period, validity
from scoring.packs.model import Pack
from scoring.records.validate import header_key


DATE_COLUMNS = ("ngay_danh_gia", "ngày đánh giá", "assessment_date")
YEAR_COLUMNS = ("nam_danh_gia", "năm đánh giá", "assessment_year")
TODAY = "today"   # a self-check's date source (it has no assessment date: it is about now), kept as '--as-of' is
DATE_FORMS = "YYYY-MM-DD, DD/MM/YYYY or a year YYYY"


EXCEL_EPOCH = dt.date(1899, 12, 30)   # Excel's day 0 (its serial numbers count days from here, 1900 system)
SERIAL_RANGE = (32874, 73415)          # 1990-01-01 … 2100-12-31 as Excel serial numbers
_TIME = r"(?:[T ]0{1,2}:00(?::00(?:\.0+)?)?)?"   # a date-time at midnight, as Excel and ISO write it


def parse_assessment_date(value: Any) -> dt.date:
    """A date, or a year meaning its last day: an assessment year's evidence runs from
    1 January to 31 December, so the rules of a year are those in force at its end.

    Councils type dates in Excel, so a date cell, a date-time at midnight (``2023-06-30T00:00:00``,
    ``30/06/2023 00:00``), ``dd/mm/yyyy`` (also with ``-`` or ``.``) and a date cell formatted as a
    number (Excel's serial day number, 45107 = 30/06/2023) all read as the date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and _is_serial(value):
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            if not 1900 <= year <= 2100:
                raise ValueError
            return dt.date(year, 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME, text):
            return dt.date(*map(int, m.groups()))
        if m := re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})" + _TIME, text):
            day, _, month, year = m.groups()
            return dt.date(int(year), int(month), int(day))
    except ValueError:
        pass
    raise ValueError(Msg("date.not_a_date", value=value))


def _is_serial(value: float) -> bool:
    """An Excel serial day number (a whole day, at midnight) in a plausible range for an assessment."""
    return float(value).is_integer() and SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]


def has_date_column(data: dict[str, Any]) -> bool:
    """Whether a row (its file's header) has a column that gives its assessment date or year."""
    keys = {header_key(c) for c in (*DATE_COLUMNS, *YEAR_COLUMNS)}
    return any(header_key(k) in keys for k in data)


def assessment_date(data: dict[str, Any]) -> tuple[dt.date, str] | None:
    """The record's own assessment date and the column it came from (a date column wins
    over a year column), or None when the record has neither."""
    found: dict[str, tuple[str, Any]] = {}
    for key, value in data.items():
        k = header_key(key)
        kind = ("date" if k in map(header_key, DATE_COLUMNS) else
                "year" if k in map(header_key, YEAR_COLUMNS) else None)
        if kind and value not in (None, "") and not (isinstance(value, str) and not value.strip()):
            found[kind] = (key, value)
    for kind in ("date", "year"):
        if kind in found:
            column, value = found[kind]
            try:
                return parse_assessment_date(value), column
            except ValueError as exc:
                raise RecordError([Msg("date.column", column=column, problem=exc.args[0])]) from None
    return None


class ByRecordDate:
    """Chooses each record's pack from its own assessment date column (``ngay_danh_gia``
    or ``nam_danh_gia``). A record without one, or on a date no pack covers, is rejected."""

    def __init__(self, model: str):
        self.model = model
        self._cache: dict[tuple[dt.date, str], InForce] = {}

    def __call__(self, data: dict[str, Any]) -> InForce:
        found = assessment_date(data)
        if found is None:
            raise RecordError([Msg("date.none", model=self.model, date=DATE_COLUMNS[0], year=YEAR_COLUMNS[0])])
        if found not in self._cache:
            try:
                self._cache[found] = resolve_in_force(self.model, found[0], source=found[1])
            except NotInForce as exc:
                raise RecordError([Msg("date.no_pack", column=found[1], on=found[0], model=self.model,
                                       nearest=Msg("list", items=exc.nearest, sep="; ") if exc.nearest else Msg("none"))]) from None
        return self._cache[found]


def in_force_words(as_of: str, source: str | None, pack: str, validity: str | None) -> Msg:
    """Why a pack was used, in the reader's words, from what an explanation or provenance keeps (an
    ISO date, where it came from as hoctap wrote it, ``validity``'s text; all hashed, so no words):
    '01/05/2025 (ngày ghi ở --as-of) — bộ tiêu chí …, có hiệu lực từ 26/01/2024'."""
    try:
        date: Msg | str = Msg("date", d=dt.date.fromisoformat(as_of))
    except (TypeError, ValueError):
        date = str(as_of)
    return Msg("in_force.line", date=date, source=date_source(source), pack=pack, period=stored_period(validity))


def date_source(source: str | None) -> Msg | str:
    """Where an assessment date came from: '--as-of', or the record's date or year column (a year
    means its last day, see ``parse_assessment_date``)."""
    if not source:
        return Msg("none")
    if source == "--as-of":
        return Msg("in_force.option")
    if source == TODAY:
        return Msg("in_force.today")
    key = header_key(source)
    if key in map(header_key, YEAR_COLUMNS):
        return Msg("in_force.year_column", column=source)
    return Msg("in_force.date_column", column=source) if key in map(header_key, DATE_COLUMNS) else source


# how a result keeps its warn_after warning: hashed into stored runs, so never reworded (a person reads
# ``warning_words``, written from it at display time)
WARNING_FORM = {lang: template("dated.kept", lang) for lang in LANGS}
_KEPT_WARNING = [re.compile(re.escape(form).replace(re.escape("{text}"), "(?P<text>.*)")
                            .replace(re.escape("{on}"), r"(?P<on>\d{4}-\d{2}-\d{2})")
                            .replace(re.escape("{source}"), "(?P<source>.+)"), re.DOTALL)
                 for form in WARNING_FORM.values()]


def date_warnings(pack: Pack, as_of: dt.date | None, source: str | None, data: dict[str, Any] | None,
                  lang: str = "vi") -> tuple[str, ...]:
    """The record's dated warnings: the pack's ``warn_after`` warning when the record's assessment date
    is after its day (the date that chose the pack, ``--as-of`` or the record's column, else the
    record's own date column when the pack was named outright), and, for a pack named outright, when
    the record's own date is outside the pack's period (``out_of_period``). No date, or one that
    cannot be read, gives no warning (the pack was named, so the record is scored as before)."""
    on = as_of
    if on is None and data is not None:
        try:
            found = assessment_date(data)
        except RecordError:
            found = None
        if found is not None:
            on, source = found
    warning = pack.warn_after
    said = [warning.text.get(lang)] if warning is not None and warning.applies(on) else []
    if as_of is None and on is not None and out_of_period(pack, on):
        said.append(Msg("dated.out_of_period", pack=pack.id, period=_period(pack), model=_model(pack)).render(lang))
    return tuple(WARNING_FORM[lang].format(text=text, on=on, source=source) for text in said)


def out_of_period(pack: Pack, on: dt.date) -> bool:
    """Whether a date is before the pack came into force or after it ended: a record assessed then is
    scored with it only because the pack was named (``--as-of record`` would not choose it)."""
    return on < pack.valid_from or (pack.valid_to is not None and on > pack.valid_to)


def warns_on(pack: Pack, on: dt.date) -> bool:
    """Whether a record's own date gives a result of a pack named outright a dated warning."""
    return (pack.warn_after is not None and pack.warn_after.applies(on)) or out_of_period(pack, on)


def may_warn(pack: Pack, as_of: dt.date | None, firsts: Iterable[Any] | None = None) -> bool:
    """Whether a record's own date may give a result of this pack a warning: a pack that warns after
    a day, or one named outright (no date chose it) when a file has a date column (``firsts``: each
    file's first row, None when not known)."""
    if pack.warn_after is not None:
        return True
    if as_of is not None:
        return False
    return firsts is None or any(first is not None and has_date_column(first.data) for first in firsts)


def _period(pack: Pack) -> Msg | str:
    """The pack's period in the in-force line's words: 'từ 12/02/2024', 'from 2022-07-28 to 2023-10-24'."""
    return stored_period(validity(pack))


def _model(pack: Pack) -> str:
    """The model to name in the advice: the pack's first, else its id (a pack that is its own model)."""
    return pack.models[0] if pack.models else pack.id


def warning_words(kept: str, lang: str) -> str:
    """A result's warning as a person reads it. The pack's dated warning is kept in ``WARNING_FORM``
    (an ISO date, '--as-of' or the column's name: hashed, so never reworded); it is said here with the
    date and its source in the in-force line's words: '… (ngày đánh giá 01/07/2025, theo ngày ghi ở
    --as-of)'. Any other warning is said as it was kept."""
    found = kept_parts(kept)
    if found is None:
        return kept
    text, on, source = found
    return Msg("dated.warning", text=text, on=Msg("date", d=on), source=date_source(source)).render(lang)


def kept_parts(kept: str) -> tuple[str, dt.date, str] | None:
    """A warning kept in ``WARNING_FORM``: its text, the record's date and where that date came from."""
    for form in _KEPT_WARNING:
        if m := form.fullmatch(kept):
            try:
                return m["text"], dt.date.fromisoformat(m["on"]), m["source"]
            except ValueError:
                return None
    return None


def out_of_period_notice(pack: Pack, rid: str | None, kept: tuple[str, ...]) -> Msg | None:
    """What a run says once for a pack named outright when a record's own date is outside its period
    (its result carries ``date_warnings``' warning): the pack, its period, the first such record with
    its date, and how to choose by date instead. None when none of ``kept`` is that warning."""
    w = pack.warn_after
    said = {w.text.get(lang) for lang in LANGS} if w is not None else set()
    for warning in kept:
        found = kept_parts(warning)
        if found is not None and found[0] not in said and out_of_period(pack, found[1]):
            return Msg("run.out_of_period", pack=pack.id, period=_period(pack), id=rid, on=Msg("date", d=found[1]),
                       source=date_source(found[2]), model=_model(pack))
    return None
