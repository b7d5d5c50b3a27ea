"""Step 2 (records side): turn a raw row into a typed, normalised record, or say why not.

The engine compares whatever it is given ("70" >= 50 is true to it, True is a number), so
every value is parsed and range-checked here, by one parser per input built from the pack.
Only the id and the pack's declared inputs survive: other columns (names, addresses) are
personal data the scoring does not need.
"""
from __future__ import annotations

import math
import re
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, Callable

from scoring.errors import RecordError, did_you_mean
from scoring.messages import Msg, fmt_num
from scoring.packs.model import Input, LevelsOutcome, Pack
from scoring.records.raw import clean_id, clean_text
from scoring.records.shares import Shares, bare_fraction, percent_column
from scoring.records.headers import (ID_ALIASES, ID_KEYS, ColumnMap, HeaderCheck, bare_key, choice_texts, column_shown,
                                     header_key, id_like)

__all__ = ["ID_ALIASES", "ID_KEYS", "Record", "RecordValidator", "bare_key", "header_key", "raw_id", "value_parser"]

# a tick typed or pasted into a yes/no column ('✓', '✔', '☑') is a yes, as a box ticked on paper is
TRUE_WORDS = {"true", "yes", "y", "có", "co", "x", "1", "đạt", "dat", "đúng", "c", "✓", "✔", "☑"}
DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")   # 7, 7.5, .5, -1: what a person types as a number
FALSE_WORDS = {"false", "no", "n", "không", "khong", "0", "chưa", "chua", "chưa đạt", "k", "không đạt", "khong dat", "ko"}


@dataclass(frozen=True)
class Record:
    """A validated record: its id, where it came from, and input name -> value (None = missing)."""

    id: str
    values: dict[str, Any]
    where: str = ""

    @classmethod
    def quick(cls, id: str, values: dict[str, Any], where: str = "") -> "Record":
        """``Record(id, values, where)``, the same object, made without the frozen dataclass's
        ``__init__`` (which sets each field through ``object.__setattr__``; one is made per row)."""
        return _quick_record(id, values, where, cls)


def _quick_record(id: str, values: dict[str, Any], where: str, cls: type = Record) -> Record:
    made = _new(cls)
    _set(made, "__dict__", {"id": id, "values": values, "where": where})
    return made


_new, _set = object.__new__, object.__setattr__


def _fmt(x: float) -> str:
    return fmt_num(x)


class _Bad(ValueError):
    """A value refused, with the message that says why (a Msg, put into words when shown)."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg)


_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
# '1.234', '12.500': a point before groups of three digits separates thousands to a Vietnamese eye
# (Excel's Vietnamese settings write 1.234,5) and is a decimal point to an English one: read either
# way, one of the two people gets a wrong score without a word, so such a text is refused when both
# readings are in the column's range (``_in_range``).
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+")


def _unit_words(inp: Input) -> tuple[str, ...]:
    """The unit words a person may type after a number ('9 điểm', '8đ'), longest first: the
    input's unit in either language, and 'đ' for 'điểm' (as point columns are headed: '1.1 (10đ)')."""
    words = {w.casefold() for w in (inp.unit_in("vi"), inp.unit_in("en")) if w}
    if "điểm" in words:
        words.add("đ")
    return tuple(sorted(words, key=len, reverse=True))


def without_unit(text: str, units: tuple[str, ...]) -> str:
    folded = text.casefold()
    for word in units:
        if folded.endswith(word) and folded[:-len(word)].rstrip()[-1:].isdigit():
            return text[:-len(word)].rstrip()
    return text


def _number(inp: Input) -> Callable[[Any], float | None]:
    # in a column of percentages, a text read as a share from 0 to 1 ('0,95') is not remembered: a
    # row holding one is then validated the general way, where it is noted (``RecordValidator._noted``)
    parse = _remembered(_number_parser(inp), _not_fraction if percent_column(inp) else None)
    low, high = inp.min, inp.max
    if low is None or high is None or inp.whole:   # a count's float must be looked at (3.5 is refused)
        return parse

    def number(value: Any) -> float | None:
        # a JSON number in range, the usual value of a JSON record: what ``parse`` gives it (a float
        # as itself), without its checks (NaN and the infinities fail the comparison: parse refuses them)
        if value.__class__ is float and low <= value <= high:
            return value
        return parse(value)
    number.known = parse.known   # type: ignore[attr-defined]   # what it gives a text or a blank: parse's
    return number


def _not_fraction(value: float | None) -> bool:
    return value is None or not 0 < value <= 1


def _remembered(parse: Callable[[Any], Any], kept: Callable[[Any], bool] | None = None) -> Callable[[Any], Any]:
    """``parse``, with the value of every text it accepted kept: a batch repeats the same few
    texts ('7.5', 'có', 'Nhóm 1') in every row, so each is parsed once. Only texts are kept (1, 1.0
    and True are equal as keys), and only accepted ones (and, given ``kept``, those whose value it
    keeps): a refusal is worked out, and worded, anew."""
    known: dict[Any, Any] = {None: None}   # blank: every parser gives None (``_absent``)

    def remembered(value: Any) -> Any:
        if value is None:   # blank: every parser gives None (``_absent``)
            return None
        if value.__class__ is str:
            try:
                return known[value]
            except KeyError:
                parsed = parse(clean_text(value))
                if len(known) < 4096 and (parsed is not None or _blank(value)) and (kept is None or kept(parsed)):
                    known[value] = parsed
                return parsed
        return parse(value)
    remembered.known = known   # type: ignore[attr-defined]   # read directly by RecordValidator.validate
    return remembered


def _number_parser(inp: Input) -> Callable[[Any], float | None]:
    units = _unit_words(inp)

    def parse(value: Any) -> float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return _absent(inp)
        if isinstance(value, bool):
            raise _Bad(Msg("rec.bool_not_number", name=inp.name, shown=column_shown(inp), value=Msg("rec.true" if value else "rec.false")))
        if isinstance(value, str):
            text = without_unit(value.strip().replace("\u00a0", "").rstrip("%").strip(), units)
            if "," in text and _DECIMAL_COMMA.fullmatch(text):  # Vietnamese decimal comma: 7,5
                text = text.replace(",", ".")
            elif "." in text and _THOUSANDS.fullmatch(text) and _in_range(inp, float(text.replace(".", ""))):
                raise _Bad(Msg("rec.thousands", name=inp.name, shown=column_shown(inp), value=value,
                               whole=text.replace(".", ""), decimal=text.replace(".", ",")))
            # Plain decimals only: float() would also read '1_0' as 10, '1e1', 'inf' and ' nan'.
            if not DECIMAL.fullmatch(text):
                raise _Bad(Msg("rec.not_number", name=inp.name, shown=column_shown(inp), range=_range(inp), value=value))
            value = float(text)
        if not isinstance(value, (int, float)) or math.isnan(value) or math.isinf(value):
            raise _Bad(Msg("rec.not_number", name=inp.name, shown=column_shown(inp), range=_range(inp), value=value))
        if inp.whole and not float(value).is_integer():   # a count: 3, '3,0' or Excel's 3.0, never 3.5
            raise _Bad(Msg("rec.not_whole", name=inp.name, shown=column_shown(inp), value=Msg("num", x=value, decimals=10)))
        if inp.min is not None and value < inp.min:
            raise _Bad(Msg("rec.below", name=inp.name, shown=column_shown(inp), value=_Num(value), min=_Num(inp.min)))
        if inp.max is not None and value > inp.max:
            raise _Bad(Msg("rec.above", name=inp.name, shown=column_shown(inp), value=_Num(value), max=_Num(inp.max)))
        return float(value)
    return parse


def _in_range(inp: Input, value: float) -> bool:
    """Whether ``value`` is one the column accepts: '10.000' in a column of points up to 10 can only
    be 10 (ten thousand is out of range), as hoctap always read it; '1.500' programmes could be either."""
    return (inp.min is None or value >= inp.min) and (inp.max is None or value <= inp.max)


def _range(inp: Input) -> Msg | str:
    if inp.min is not None and inp.max is not None:
        return Msg("rec.range", min=_Num(inp.min), max=_Num(inp.max))
    return ""


def _Num(x: float) -> Msg:
    """A number shown in the message's language (7,5 in Vietnamese)."""
    return Msg("num", x=x)


def _boolean(inp: Input) -> Callable[[Any], bool | None]:
    parse = _remembered(_boolean_parser(inp))

    def boolean(value: Any) -> bool | None:
        return value if value.__class__ is bool else parse(value)   # JSON true/false: as parse gives them
    boolean.known = parse.known   # type: ignore[attr-defined]   # what it gives a text or a blank: parse's
    return boolean


def _boolean_parser(inp: Input) -> Callable[[Any], bool | None]:
    def parse(value: Any) -> bool | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return _absent(inp)
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = header_key(str(value))
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise _Bad(Msg("rec.not_yes_no", name=inp.name, shown=column_shown(inp), value=value))
    return parse


def _choice(inp: Input) -> Callable[[Any], str | None]:
    return _remembered(_choice_parser(inp))


def _choice_parser(inp: Input) -> Callable[[Any], str | None]:
    lookup: dict[str, str] = {}
    for choice in inp.choices:
        for word in (choice.code, choice.label.vi, *choice.aliases):
            lookup[header_key(word)] = choice.code
    codes = [c.code for c in inp.choices]
    labels = "; ".join(choice_texts(inp))   # what the template's drop-down offers, as a person writes it

    def parse(value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return _absent(inp)
        if isinstance(value, bool):
            # JSON true/false reach a choice only through its own "true"/"false" aliases (a yes/no choice
            # such as 'vung_kho_khan'); any other choice refuses them.
            if header_key(str(value)) not in lookup:
                raise _Bad(Msg("rec.bool_not_choice", name=inp.name, shown=column_shown(inp), codes=", ".join(codes),
                               labels=labels, value=Msg("rec.true" if value else "rec.false")))
            return lookup[header_key(str(value))]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        code = lookup.get(header_key(str(value)))
        if code is None:
            raise _Bad(Msg("rec.not_choice", name=inp.name, shown=column_shown(inp), value=value, codes=", ".join(codes),
                           labels=labels,
                           hint=did_you_mean(str(value), codes)))
        return code
    return parse


# Every text a parser remembered as blank (None), and None: a row none of whose values is in it
# has no value missing. A blank is blank to every parser, so one set serves them all.
_BLANKS: set[Any] = {None}


def _blank(text: str) -> bool:
    """Keep ``text`` (which a parser gave None: it is blank) in ``_BLANKS``; False when that is full."""
    if len(_BLANKS) >= 4096:
        return False
    _BLANKS.add(text)
    return True


def _absent(inp: Input) -> None:
    return None  # whether a missing value is allowed depends on the whole record: see _missing_required


def _what(inp: Input) -> Msg:
    if inp.type == "number":
        return Msg("rec.what_whole" if inp.whole else "rec.what_number", range=_range(inp))
    if inp.type == "boolean":
        return Msg("rec.what_bool")
    return Msg("rec.what_choice", codes=", ".join(c.code for c in inp.choices), labels="; ".join(choice_texts(inp)))


def _record_id(value: Any) -> str:
    if value is None or isinstance(value, bool) or not str(value).strip():
        raise _Bad(Msg("rec.no_id"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_id(str(value))


_PARSERS = {"number": _number, "boolean": _boolean, "choice": _choice}


def _values_at(places: list[int]) -> Callable[[list[Any]], tuple[Any, ...]] | None:
    """What gives a list's values at ``places``, as a tuple (None: no place)."""
    if len(places) > 1:
        return itemgetter(*places)
    return (lambda values: (values[places[0]],)) if places else None
_LOOKUP = dict.__getitem__
MISSES = 1_000   # accepted rows whose values were not all remembered, before RecordValidator stops looking them up
_NO_COLUMN = object()   # a layout's field that no column of the row gives (never a key of a row)


class RecordValidator:
    """Validates raw rows against one pack. Build once per pack; call for every row."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.fields = {"id": "id", **{f"f{i}": inp.name for i, inp in enumerate(pack.inputs)}}
        # One parser per field, called directly: the cheapest correct way to validate a row (a
        # pydantic model around the same parsers gave the same messages and cost more than them).
        self._parsers: list[tuple[str, Callable[[Any], Any]]] = [("id", _record_id)]
        self._parsers += [(f"f{i}", _PARSERS[inp.type](inp)) for i, inp in enumerate(pack.inputs)]
        self._key_field: dict[str, str | None] = {}   # a header as written -> its field (None: not read)
        self._layouts: dict[tuple[str, ...], tuple[list[Any] | bool, Any]] = {}   # see _layout
        self._names = [inp.name for inp in pack.inputs]
        self._required = [inp for inp in pack.inputs if inp.required]
        self._checks = tuple(getattr(pack, "checks", ()))   # a goal pack's inputs have none
        self.columns = self._column_map(pack)
        self._readers = {inp.name: [i for i in pack.indicators if i.input_name == inp.name] for inp in pack.inputs}
        # each value parser's remembered answers (text or blank -> value), read directly (see ``validate``)
        knowns = [getattr(parse, "known", None) for _, parse in self._parsers[1:]]
        self._knowns: list[dict[Any, Any]] | None = knowns if all(k is not None for k in knowns) else None
        self._misses = 0
        # the columns of percentages (0–100), by place in a row's values, and how each is named
        self._percent = [(i + 1, inp, column_shown(inp)) for i, inp in enumerate(pack.inputs) if percent_column(inp)]
        self._shares_of = _values_at([at for at, _, _ in self._percent])   # their values in a row's, in one call
        self.shares = Shares()   # the rows whose share was written as a fraction (``shares``)

    @staticmethod
    def _column_map(pack: Pack) -> ColumnMap:
        """Header (loosely compared) -> model field name; headers such as 'Mã đơn vị' or '1.1 (10đ)'
        are matched on lookup (see ``headers``)."""
        columns = dict.fromkeys(ID_KEYS, "id")
        for i, inp in enumerate(pack.inputs):
            for word in (inp.name, *inp.aliases, *((inp.label.vi,) if inp.label else ())):
                columns[header_key(word)] = f"f{i}"
        return ColumnMap(columns, getattr(pack, "tiers", ()))   # a goal pack has no tiers

    def header_check(self, also: Callable[[str], bool] | None = None, lang: str = "vi") -> HeaderCheck:
        """What this pack reads, to find and diagnose a file's header row once per file (``headers``)."""
        required, optional = ["id"], []
        for i, inp in enumerate(self.pack.inputs):
            readers = self._readers[inp.name]
            always = not readers or any(r.applies_to is None for r in readers)
            if inp.required and always and inp.from_members is None:
                required.append(f"f{i}")
            elif inp.from_members is None and readers:
                optional.append(f"f{i}")
        return HeaderCheck(self.pack.id, self.columns, {f"f{i}": inp.name for i, inp in enumerate(self.pack.inputs)},
                           required, optional, isinstance(getattr(self.pack, "outcome", None), LevelsOutcome), also, lang,
                           tuple(getattr(self.pack, "tiers", ())))

    def unknown_columns(self, headers: list[str]) -> list[str]:
        return [h for h in headers if header_key(h) not in self.columns]

    def raw_id(self, data: dict[str, Any]) -> str | None:
        """The record's id as given, for reporting a row that cannot be validated."""
        return _given_id(data, lambda key: self.columns.get(header_key(key)) == "id")

    def _field(self, key: str) -> str | None:
        """The field a column header gives (headers repeat on every row: each is folded once)."""
        try:
            return self._key_field[key]
        except KeyError:
            field = self.columns.get(header_key(key))
            if len(self._key_field) < 10_000:
                self._key_field[key] = field
            return field

    def validate(self, data: dict[str, Any], where: str = "") -> Record:
        try:
            plan, texts = self._layouts[tuple(data)]
        except KeyError:
            plan, texts = self._layout(data)
        if plan is not False and self._knowns is not None:
            # The usual row of a CSV file: each value a text (or blank) its parser accepted before,
            # whose value is then what the parser gave, looked up without a call (a file repeats the
            # same few texts in every row). Any other row is parsed.
            got = texts(data) if texts is not None else list(map(data.get, plan))
            try:
                values = dict(zip(self._names, map(_LOOKUP, self._knowns, got[1:])))
            except (KeyError, TypeError):   # a text not met before (or a value that is none: a number, a list)
                pass
            else:
                rid = got[0]
                if rid.__class__ is str and (rid := clean_id(rid)):   # what _record_id gives a text
                    if _BLANKS.isdisjoint(got) and not self._checks:   # no value missing: no required one to look for
                        return _quick_record(rid, values, where)
                    return self._record(rid, values, where)
        if plan is False:   # two columns of one field, or too many layouts: the general way
            mapped = self._mapped(data)
            raw = [mapped.get(field) for field, _ in self._parsers]
        else:
            raw = list(map(data.get, plan))   # _NO_COLUMN is no key of a row: None
        try:   # the usual row: every value accepted
            parsed = [parse(value) for (_, parse), value in zip(self._parsers, raw)]
        except ValueError:
            raise RecordError(self._errors(raw)) from None
        # filter(None, …) leaves out blanks and 0 (0 % is 0 either way): a value of 1 or less is rare
        fractions = (self._shares_of is not None and min(filter(None, self._shares_of(parsed)), default=2) <= 1
                     and [c for c in self._percent if bare_fraction(raw[c[0]], parsed[c[0]])])
        if self._knowns is not None and not fractions:   # a fraction is never remembered: no miss
            self._missed()
        record = self._record(parsed[0], dict(zip(self._names, parsed[1:])), where)
        if fractions:
            self._noted(record, fractions)
        return record

    def _noted(self, record: Record, fractions: list[tuple[int, Input, str]]) -> None:
        """A record scored with a share from 0 to 1 written without '%' in a column of percentages."""
        for at, inp, shown in fractions:
            self.shares.note(record.where, record.id, at, inp, record.values[inp.name], shown)

    def _missed(self) -> None:
        """An accepted row not looked up (a value not met before, a number): past ``MISSES`` of them
        (numbers from a workbook or JSON, or texts that seldom repeat) the look-up is no longer tried.
        A refused row does not count: a file with a few refused values in every hundred rows keeps
        its look-up however long it is."""
        self._misses += 1
        if self._misses >= MISSES:
            self._knowns = None

    def _record(self, rid: str, values: dict[str, Any], where: str) -> Record:
        if None in values.values():
            missing = self._missing_required(values)
            if missing:
                raise RecordError([Msg("rec.missing", name=inp.name, shown=column_shown(inp), what=_what(inp)) for inp in missing])
        for check in self._checks:   # the pack's relations between inputs (``checks``), every record
            value, other = values.get(check.input), values.get(check.at_most)
            if value is not None and other is not None and value > other:
                raise RecordError([self._broken(check, value, other)])
        return _quick_record(rid, values, where)

    def _broken(self, check: Any, value: float, other: float) -> Msg:
        inp, by = self.pack.input(check.input), self.pack.input(check.at_most)
        cite = f" ({check.reference.cite()})" if check.reference else ""
        return Msg("rec.at_most", name=inp.name, shown=column_shown(inp), value=_Num(value), other_name=by.name,
                   other_shown=column_shown(by), other=_Num(other), cite=cite)

    def _errors(self, raw: list[Any]) -> list[Msg | str]:
        """What is wrong with a row's values: every field, in order, so that every error is reported."""
        errors: list[Msg | str] = []
        for (_, parse), value in zip(self._parsers, raw):
            try:
                parse(value)
            except ValueError as exc:
                errors.append(exc.msg if isinstance(exc, _Bad) else str(exc))
        return errors

    def _layout(self, data: dict[str, Any]) -> tuple[list[Any] | bool, Callable[[dict[str, Any]], tuple[Any, ...]] | None]:
        """For a row with these columns, in this order: the column each field is read from
        (``_NO_COLUMN``: none), or False when two columns give one field (each row is then read the general
        way, which says so when both are filled); and, when every field has its column, what takes
        the row's values in fields' order in one call (None otherwise)."""
        by_field: dict[str, str] = {}
        plan: list[Any] | bool = []
        for key in data:
            field = self._field(key)
            if field is None:
                continue
            if field in by_field:
                plan = False
                break
            by_field[field] = key
        if plan is not False:
            plan = [by_field.get(field, _NO_COLUMN) for field, _ in self._parsers]
        texts = None   # a field without its column: its values are taken with data.get
        if plan is not False and _NO_COLUMN not in plan and len(plan) >= 2:   # itemgetter of one column gives no tuple
            texts = itemgetter(*plan)
        if len(self._layouts) < 256:  # files have one layout (JSON records a few): the rest go the general way
            self._layouts[tuple(data)] = (plan, texts)
        return plan, texts

    def _mapped(self, data: dict[str, Any]) -> dict[str, Any]:
        mapped: dict[str, Any] = {}
        for key, value in data.items():
            field = self._field(key)
            if field is None:
                continue
            if field in mapped and mapped[field] not in (None, "") and value not in (None, ""):
                raise RecordError([Msg("rec.two_columns", name=self.fields[field], key=key)])
            if field not in mapped or value not in (None, ""):
                mapped[field] = value
        return mapped

    def _missing_required(self, values: dict[str, Any]) -> list[Input]:
        """Required inputs with no value, except those read only by indicators that do not
        apply to this record (a school need not answer a question for state agencies)."""
        def needed(inp: Input) -> bool:
            readers = self._readers[inp.name]
            return not readers or any(
                i.applies_to is None or values.get(i.applies_to.input) in i.applies_to.values for i in readers)
        return [inp for inp in self._required if values.get(inp.name) is None and needed(inp)]


def raw_id(data: dict[str, Any]) -> str | None:
    """The record's id as given, before any pack is known (for rejecting a row early, and telling
    a record from a footer row): under any id header of any pack ('id', 'Mã', 'Mã đơn vị', 'Mã CB').
    Asked of every row: each header is looked at once (``_id_header``)."""
    return _given_id(data, _id_header)


def _id_header(key: Any) -> bool:
    """``id_like(header_key(key))``, kept per header as written."""
    is_id = _ID_COLUMN.get(key)
    if is_id is None:
        is_id = id_like(header_key(key))
        if len(_ID_COLUMN) < 10_000:
            _ID_COLUMN[key] = is_id
    return is_id


_ID_COLUMN: dict[Any, bool] = {}   # a header as written -> is it an id header (``id_like``)?


def _given_id(data: dict[str, Any], is_id: Callable[[Any], bool]) -> str | None:
    """The first value, not blank, of a column ``is_id`` accepts (given the header as written)."""
    for key, value in data.items():
        if is_id(key) and value not in (None, ""):
            if value.__class__ is str and value.isascii():   # the usual id: no stray byte to look for
                return value.strip()
            if not _bad_text(value):
                return clean_id(str(value))
    return None


def _bad_text(value: Any) -> bool:
    # asked of every row's id (to tell records from footer rows): an ASCII text has no stray byte
    return isinstance(value, str) and not value.isascii() and any("\udc80" <= ch <= "\udcff" for ch in value)


def _message(err: dict[str, Any]) -> Msg | str:
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, _Bad):
        return cause.msg
    return str(err.get("msg", "")).removeprefix("Value error, ")


def value_parser(inp: Input) -> Callable[[Any], Any]:
    """The parser batch validation uses for ``inp`` (so '7,5', 'có', a choice's alias mean the
    same everywhere). It returns the normalised value, None for blank, or raises ValueError."""
    return _PARSERS[inp.type](inp)
