"""Goal targets over a population: read the records, then evaluate every target of a year.

Reading validates each row against the goal pack's inputs (the same parsers as criteria
records) and, for an input with ``scored_by``, scores the row with that criteria pack when the
input is blank. Every row read is either in the population or rejected with a reason.

Evaluating a target is counting, exactly (fractions, never floats): the denominator is the
records that meet the target's ``population`` conditions; the numerator, those of them that
meet every ``count`` condition. ``gap`` is the smallest number of records of the denominator
that would have to move from not counted to counted for the target to be met.
"""
from __future__ import annotations

import csv
import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from fractions import Fraction
from operator import itemgetter
from pathlib import Path
from typing import Any

from scoring.results.aggregate import Counts, Result
from scoring.results.report import paper_words
from scoring.packs.catalog import shipped_packs
from scoring.errors import GoalYearError, RecordError
from scoring.messages import LANGS, Msg, first_of, fmt_num, plural_format, text, words_table
from scoring.engine.evaluate import Scorer
from scoring.goals.goalpack import Condition, GoalInput, GoalPack, LoadedGoals, Target, resolve_goals
from scoring.goals.plaincsv import ALONE, BIG, PlainCsv, is_plain
from scoring.records.footer import may_repeat_header, total_among
from scoring.records.headers import HeaderCheck, choice_texts, close_header, column_name, column_shown, looks_like_record
from scoring.records.raw import HeaderTest, RawRow
from scoring.packs.model import Input
from scoring.records.validate import Record, RecordValidator, header_key, value_parser
from scoring.run.api import Inputs, Sheets

SCHEMA = "hoctap.goals/3"   # 2: rejected rows stay in the denominator; status "undetermined" with both bounds
#                            3: 'low', 'high': records whose population value is blank may decide it too
MET, NOT_MET, NOT_EVALUABLE, REPORTED = "met", "not_met", "not_evaluable", "reported"
UNDETERMINED = "undetermined"   # the unknown rows decide it: rejected rows (met if they all qualify, not met if
#                                  none does), or rows whose population value is blank (in or out of the denominator)

WORDS = {lang: words_table("goal_word.", lang) for lang in LANGS}


# --- reading the population ------------------------------------------------------------

@dataclass(frozen=True)
class GoalRecord:
    id: str
    where: str
    values: dict[str, Any]


@dataclass
class Population:
    """The records read, the rows rejected (with reasons), and how many values were scored on the way.

    A record counted is kept as its id and its group: the index of its values in ``values``
    (a staff file has a few dozen distinct sets of the values targets read), so that a target
    is counted once per group (``sizes``: the records of each) and ids are named in file order.

    A rejected row is still one of the population (a staff member whose row cannot be read is
    still on the staff): ``unevaluable`` keeps, for each, whatever of its values could be read,
    so that a target whose population it certainly is not in can leave it out."""

    rejected: list[Result] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    scored: dict[str, int] = field(default_factory=dict)
    unevaluable: list[GoalRecord] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    headers: dict[str, None] = field(default_factory=dict)   # every header of the files read, for ``missing_columns``
    # a notes or status column no target reads ('Ghi chú: nghỉ hưu'): header -> (id, text) of each row that
    # writes in it, for ``noted_rows``; such a row is counted as any other, and the report says so
    noted: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    note_headers: list[str] = field(default_factory=list)
    # a year column no target reads ('Năm', 'Năm đánh giá'): header -> how many rows write each year in it,
    # for ``mixed_years``: a file joining two years' lists counts each person twice, and the report says so
    years: dict[str, dict[str, int]] = field(default_factory=dict)
    _group_of: dict[tuple, int] = field(default_factory=dict, repr=False)

    def group(self, values: dict[str, Any]) -> int:
        """The group of these values (in the pack's input order; a new one if first seen)."""
        key = tuple(values.values())
        gid = self._group_of.get(key)
        if gid is None:
            gid = self._group_of[key] = len(self.values)
            self.values.append(values)
            self.sizes.append(0)
        return gid

    def add(self, rid: str, gid: int) -> None:
        self.ids.append(rid)
        self.groups.append(gid)
        self.sizes[gid] += 1

    def ids_of(self, groups: set[int]) -> list[str]:
        """The ids of the records in these groups, in file order."""
        if not groups:
            return []
        return [rid for rid, g in zip(self.ids, self.groups) if g in groups]


MEMO = 10_000   # rows' read values remembered per file (a staff file repeats a few dozen)


class _Seen:
    """Where each record (file and sheet, id) was first read: a place, or a CSV line of that file."""

    def __init__(self) -> None:
        self.by_source: dict[str, dict[str, str | int]] = {}

    def first(self, source: str, file: str, rid: str) -> str | None:
        where = self.by_source.get(source, {}).get(rid)
        return f"{file}:{where}" if isinstance(where, int) else where


@dataclass
class _Title:
    """How a usual file gives a scored_by input's criteria pack: its inputs' columns and parsers,
    and the texts each parser accepted (a file repeats '7', '8', 'Nhóm 1')."""

    input: GoalInput
    columns: list[int]
    parsers: list[Callable[[Any], Any]]
    inputs: list[Input]
    known: list[dict[str, Any]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.names = [i.name for i in self.inputs]
        self.known = [{} for _ in self.inputs]
        self.texts = itemgetter(*self.columns) if len(self.columns) > 1 else lambda row: (row[self.columns[0]],)
        self.scorer: Scorer | None = None


@dataclass
class _Layout:
    """Where a usual file's rows are read from (see ``PopulationReader._plain_layout``)."""

    id_at: int
    goal_columns: list[int]
    titles: list[_Title] | None   # None: a title to score goes the general way


class PopulationReader:
    """Validates rows against a goal pack. Build once per pack; ``read`` a run's rows."""

    def __init__(self, loaded: LoadedGoals):
        self.pack = loaded.pack
        # A scored_by input may be blank in the row (it is then scored), so the validator must
        # not reject it for that; _fill checks 'required' afterwards.
        relaxed = [i.model_copy(update={"required": False}) if i.scored_by else i for i in self.pack.inputs]
        self.validator = RecordValidator(self.pack.model_copy(update={"inputs": relaxed}))  # type: ignore[arg-type]
        self.scored_inputs = [i for i in self.pack.inputs if i.scored_by]
        self.field_of = {inp.name: f"f{i}" for i, inp in enumerate(self.pack.inputs)}   # the validator's names
        self._criteria: dict[str, tuple[RecordValidator, Scorer | None]] = {}
        self._criteria_keys: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    def known(self, text: str) -> bool:
        """Is this header one the goal pack reads (or, for a scored_by input, its criteria pack)? So that
        a title row above the table is never taken for the header."""
        key = header_key(text)
        return key in self.validator.columns or any(
            key in self._criteria_for(i.scored_by)[0].columns for i in self.scored_inputs if i.scored_by)

    def header_check(self, lang: str = "vi") -> HeaderCheck:
        """``known`` that also says, once per file, how loose headers were read ('Mã CB' as the id).
        It requires the id column only: what else a target needs is said in the report."""
        return replace(self.validator.header_check(also=self.known, lang=lang), required=["id"], optional=[])

    def read(self, rows: Iterable[RawRow]) -> Population:
        """The population of ``rows``, each row validated on its own (the general way)."""
        population = Population(scored={i.name: 0 for i in self.scored_inputs})
        seen = _Seen()
        for row in rows:
            self._take(row, seen, population)
        self._finish(population, list(getattr(rows, "skipped", [])))
        return population

    def read_inputs(self, inputs: Inputs, known: HeaderTest) -> Population:
        """``read`` of opened record files; a usual CSV file the quick way (``plaincsv``), with
        the same records, rejections and skipped rows, in the same order. ``known``: the header
        test the files were opened with."""
        population = Population(scored={i.name: 0 for i in self.scored_inputs})
        seen = _Seen()
        skipped = inputs.skipped   # rows skipped while each file's first record was looked for
        for first, rows in inputs.started:
            plain = PlainCsv.open(first, known)
            layout = self._plain_layout(plain.header) if plain is not None else None
            if plain is not None and layout is not None:
                rows.close()   # the records layer's reader of this file: read here instead
                self._read_plain(plain, layout, seen, population, skipped)
                continue
            if plain is not None:
                plain.close()
            before = len(inputs.skipped)
            if first is not None:
                for row in itertools.chain((first,), rows):
                    self._take(row, seen, population)
            skipped += inputs.skipped[before:]
        self._finish(population, skipped)
        return population

    def _finish(self, population: Population, skipped: list[tuple[str, str]]) -> None:
        population.counts.read += len(population.ids)   # no Result made for a record only counted
        population.counts.scored += len(population.ids)
        population.counts.skip(skipped)

    def _plain_layout(self, header: list[str]) -> _Layout | None:
        """Where a usual file's rows are read from, if each field has one column and every pack
        reads the same id column (then a row's values are a function of those columns, the id
        apart); else None."""
        goal = self._fields(self.validator, header)
        if goal is None:
            return None
        id_at, goal_columns = goal
        titles: list[_Title] | None = []
        for inp in self.scored_inputs:
            assert inp.scored_by is not None
            validator = self._criteria_for(inp.scored_by)[0]
            criteria = self._fields(validator, header)
            if criteria is None or criteria[0] != id_at:
                return None
            at = {validator.fields[f]: i for i, f in enumerate(self._field_names(validator, header)) if f not in (None, "id")}
            if titles is not None and all(i.name in at for i in validator.pack.inputs):
                titles.append(_Title(inp, [at[i.name] for i in validator.pack.inputs],
                                     [value_parser(i) for i in validator.pack.inputs], validator.pack.inputs))
            else:
                titles = None   # a criteria input without a column: such rows go the general way
        return _Layout(id_at, goal_columns, titles)

    @staticmethod
    def _field_names(validator: RecordValidator, header: list[str]) -> list[str | None]:
        return [validator.columns.get(header_key(h)) for h in header]

    def _fields(self, validator: RecordValidator, header: list[str]) -> tuple[int, list[int]] | None:
        """The id column and the other columns ``validator`` reads, if each of its fields has one column."""
        fields = self._field_names(validator, header)
        named = [f for f in fields if f is not None]
        ids = [i for i, f in enumerate(fields) if f == "id"]
        if len(named) != len(set(named)) or len(ids) != 1:
            return None
        return ids[0], [i for i, f in enumerate(fields) if f not in (None, "id")]

    def _read_plain(self, plain: PlainCsv, layout: _Layout, seen: _Seen, population: Population,
                    skipped: list[tuple[str, str]]) -> None:
        """The rows of a usual CSV file. A row whose goal columns were read before, whose id is new
        and whose title, when scored, is read as the criteria pack's validator reads it, is counted
        here; any other goes the general way (``_take``), which rejects what is to be rejected."""
        file, header, width, reader = plain.file, plain.header, len(plain.header), plain.reader
        self._headers(population, header)
        notes_at = [i for i, h in enumerate(header) if h in population.note_headers]
        years_at = [(i, population.years[h]) for i, h in enumerate(header) if h in population.years]
        id_at, id_columns = layout.id_at, plain.id_columns
        key_of = itemgetter(*layout.goal_columns) if layout.goal_columns else (lambda values: ())
        memo: dict[Any, tuple[dict[str, Any], int | None, dict[tuple, int]]] = {}
        firsts = seen.by_source.setdefault(file, {})
        ids, groups, sizes = population.ids, population.groups, population.sizes
        line, taken = 1, 0
        heads = frozenset(header)   # a row repeating them is the records layer's to skip (``footer``)
        alone_id = id_columns == [id_at]   # the usual header: one id column, read by the footer test and the packs
        try:
            for values in reader:
                line += 1
                if reader.line_num != line:   # a quoted line break: the records layer checks its quotes
                    break
                joined = "".join(values)
                if not joined.strip() and len(values) <= width:
                    continue   # blank lines are layout, not records (as the records layer has it)
                if len(values) != width or len(joined) > BIG:
                    break
                if not joined.isascii() and not is_plain("\0".join(values)):
                    break
                given = values[id_at] if alone_id else next((values[i] for i in id_columns if values[i]), None)
                if not given:
                    break
                rid = given.strip()
                if (" " in rid or (not rid.isascii() and rid.rstrip(":").casefold() in ALONE) or may_repeat_header(rid, heads)
                        or (rid.isdigit() and total_among(values, rid))):
                    break   # it may be a footer text typed in the id column, a total's count, or the header row again
                if not alone_id:
                    rid = values[id_at].strip()
                start = line
                taken += 1
                key = key_of(values)
                known = memo.get(key)
                gid = None
                if known is not None and rid and rid not in firsts:
                    gid = known[1]
                    if gid is None:
                        gid = self._titled(known, values, rid, f"{file}:{start}", layout.titles, population)
                if gid is None:
                    self._take(RawRow(file, start, dict(zip(header, values))), seen, population, memo, key)
                    continue
                firsts[rid] = start
                ids.append(rid)
                groups.append(gid)
                sizes[gid] += 1
                for i in notes_at:
                    if values[i].strip():
                        population.noted[header[i]].append((rid, values[i].strip()))
                for i, counted in years_at:
                    _count_year(counted, values[i])
            else:
                plain.close()
                return
        except csv.Error:
            values = None
        for row in plain.rest(taken, line, values, skipped):
            self._take(row, seen, population)

    def _titled(self, known: tuple[dict[str, Any], int | None, dict[tuple, int]], row: list[str], rid: str,
                where: str, titles: list[_Title] | None, population: Population) -> int | None:
        """The group of a row whose goal values (``known[0]``) leave a title to score: each blank
        title scored from the row's criteria columns, as ``_values`` does; None when the general way
        must decide (a column blank or new and refused: the general way rejects the row and says why).
        ``known[2]``: the group of each set of titles scored, for these goal values."""
        if titles is None:
            return None
        base, outcomes = known[0], []
        for title in titles:
            outcome = None
            raw = title.texts(row)
            if base[title.input.name] is None and any(raw):
                parsed = list(map(dict.get, title.known, raw))   # the texts read before: most of a row
                if None in parsed and not self._parse_new(title, raw, parsed):
                    return None
                record = Record(id=rid, values=dict(zip(title.names, parsed)), where=where)
                if title.scorer is None:
                    title.scorer = self._scorer(title.input.scored_by)
                outcome = title.scorer.score(record).outcome
            elif base[title.input.name] is None and title.input.required:
                return None   # nothing to score it from: rejected, the general way
            outcomes.append(outcome)
        key = tuple(outcomes)
        gid = known[2].get(key)
        if gid is None:
            values = dict(base)
            for title, outcome in zip(titles, outcomes):
                if outcome is not None:
                    values[title.input.name] = outcome
            for inp in self.pack.inputs:
                if values[inp.name] is None and inp.if_blank is not None:
                    values[inp.name] = inp.if_blank
            gid = known[2][key] = population.group(values)
        for title, outcome in zip(titles, outcomes):
            if outcome is not None:
                population.scored[title.input.name] += 1
        return gid

    def _take(self, row: RawRow, seen: _Seen, population: Population,
              memo: dict[Any, tuple[dict[str, Any], int | None, dict[tuple, int]]] | None = None,
              key: Any = None) -> None:
        """One row the general way: counted in its group, or rejected (with what can be read of it)."""
        error: Any   # kept as messages: put into words in the report's language (a web page's may not be the process's)
        if not population.headers.keys() >= row.data.keys():   # a new layout (a JSON row's own keys)
            self._headers(population, row.data)
        for header in population.note_headers:
            note = row.data.get(header)
            if note is not None and str(note).strip():
                population.noted[header].append((self.validator.raw_id(row.data) or row.where, str(note).strip()))
        for header, counted in population.years.items():
            _count_year(counted, row.data.get(header))
        try:
            if row.problem:
                raise RecordError([row.problem])
            rid, values, base = self._values(row, population.scored)
        except RecordError as exc:
            error = row.problem if row.problem else [self._as_headed(p, row) for p in exc.problems]
        else:
            gid = population.group(values)
            if memo is not None and len(memo) < MEMO:   # the group, unless a title is scored (see _titled)
                memo[key] = (base, gid if all(base[i.name] is not None for i in self.scored_inputs) else None, {})
            firsts = seen.by_source.setdefault(row.source, {})
            first = seen.first(row.source, row.file, rid)
            if first is None:
                firsts[rid] = row.where
                population.add(rid, gid)
                return
            error = Msg("rec.duplicate", id=rid, first=first)
        result = Result(self.validator.raw_id(row.data), row.where, error=error)
        population.counts.add(result)
        population.rejected.append(result)
        population.unevaluable.append(GoalRecord(result.id or "", row.where, self._readable(row)))

    def _headers(self, population: Population, headers: Iterable[str]) -> None:
        """Remember the headers of a new layout, and which of them are notes or a status no target reads."""
        population.headers.update(dict.fromkeys(headers))
        for header in headers:
            if header and header not in population.noted and _is_note(header) and not self.known(header):
                population.noted[header] = []
                population.note_headers.append(header)
            elif header and header not in population.years and header_key(header) in YEAR_HEADERS and not self.known(header):
                population.years[header] = {}

    def _as_headed(self, problem: Any, row: RawRow) -> Any:
        """A value missing or not one of the choices, named by the row's own header for it ('thiếu 'CDHT'',
        ''Danh hiệu CDHT' là 'x'', as the file heads the column) rather than the pack's ('Công dân học tập'),
        when the file names it another way: the person looks for the column they see."""
        if not (isinstance(problem, Msg) and problem.code in HEADED):
            return problem
        inp = next((i for i in self.pack.inputs if i.name == problem.fields.get("name")), None)
        header = next((h for h in row.data if inp is not None and
                       self.validator.columns.get(header_key(h)) == self.field_of[inp.name]), None)
        if inp is None or header is None or header_key(header) in (header_key(inp.name), header_key(column_name(inp))):
            return problem
        return Msg(problem.code, **{**problem.fields, "shown": f"'{header}'", "name": header})

    def _readable(self, row: RawRow) -> dict[str, Any]:
        """The values of a rejected row that can be read on their own (None for the others)."""
        values: dict[str, Any] = {inp.name: None for inp in self.pack.inputs}
        if row.problem and not row.data:
            return values
        # a column the file does not have is blank in every row, and a blank stands for ``if_blank`` in a
        # rejected row as in a record read ('not a member' when no column lists members): not unknown
        values.update({inp.name: inp.if_blank for inp in self.pack.inputs
                       if inp.if_blank is not None and not inp.scored_by})
        for key, value in row.data.items():
            field_name = self.validator.columns.get(header_key(key))
            if field_name is None or field_name == "id":
                continue
            inp = self.pack.inputs[int(field_name[1:])]
            try:
                values[inp.name] = value_parser(inp)(value)
            except (ValueError, TypeError):
                values[inp.name] = None   # written but not readable: unknown, whatever a blank would stand for
                continue
            if values[inp.name] is None and inp.if_blank is not None and not inp.scored_by:
                values[inp.name] = inp.if_blank
        return values

    @staticmethod
    def _parse_new(title: _Title, raw: tuple[str, ...], parsed: list[Any]) -> bool:
        """Parse the texts not read before in place, and remember them; False if one is refused or blank."""
        for i, value in enumerate(parsed):
            if value is None:
                try:
                    value = parsed[i] = title.parsers[i](raw[i])
                except ValueError:
                    return False
                if value is None:   # blank: whether that is allowed is the validator's to say
                    return False
                if len(title.known[i]) < 4096:
                    title.known[i][raw[i]] = value
        return True

    def _values(self, row: RawRow, scored: dict[str, int]) -> tuple[str, dict[str, Any], dict[str, Any]]:
        """The row's id, its values (titles scored, blanks filled) and its values as validated
        (before that); each title scored is counted in ``scored`` (a repeated id's too: its title
        was scored). RecordError if the row cannot be read."""
        record = self.validator.validate(row.data, row.where)
        values = dict(record.values)
        base = dict(values)
        for inp in self.scored_inputs:
            if values[inp.name] is None and self._fill(inp, row, values):
                scored[inp.name] += 1
        for inp in self.pack.inputs:
            if values[inp.name] is None and inp.if_blank is not None:
                values[inp.name] = inp.if_blank
        return record.id, values, base

    def _fill(self, inp: GoalInput, row: RawRow, values: dict[str, Any]) -> bool:
        """Score the row with ``inp.scored_by`` when it carries that pack's columns; True if scored."""
        assert inp.scored_by is not None
        validator, scorer = self._criteria_for(inp.scored_by)
        if not any(row.data[k] not in (None, "") for k in self._criteria_columns(inp.scored_by, validator, row)):
            if inp.required:
                raise RecordError([_missing_title(inp, validator)])
            return False
        try:
            criteria_record = validator.validate(row.data, row.where)
        except RecordError as exc:
            raise RecordError([Msg("goal.scored_blank", name=inp.name, pack=inp.scored_by, problem=p)
                               for p in exc.problems]) from None
        values[inp.name] = self._scorer(inp.scored_by).score(criteria_record).outcome
        return True

    def _scorer(self, pack_id: str) -> Scorer:
        validator, scorer = self._criteria_for(pack_id)
        if scorer is None:
            scorer = Scorer(shipped_packs()[pack_id])
            self._criteria[pack_id] = (validator, scorer)
        return scorer

    def _criteria_columns(self, pack_id: str, validator: RecordValidator, row: RawRow) -> list[str]:
        """The row's columns that give one of the criteria pack's inputs (worked out once per layout)."""
        layout = tuple(row.data)
        keys = self._criteria_keys.get((pack_id, layout))
        if keys is None:
            keys = [k for k in layout if validator.columns.get(header_key(k)) not in (None, "id")]
            if len(self._criteria_keys) < 256:
                self._criteria_keys[(pack_id, layout)] = keys
        return keys

    def _criteria_for(self, pack_id: str) -> tuple[RecordValidator, Scorer | None]:
        if pack_id not in self._criteria:
            self._criteria[pack_id] = (RecordValidator(shipped_packs()[pack_id].pack), None)
        return self._criteria[pack_id]


NOTE_HEADERS = ("ghi chú", "ghi chu", "tình trạng", "tinh trang", "trạng thái", "trang thai", "note", "status", "remark")


HEADED = ("rec.missing", "goal.missing_title", "rec.not_choice", "rec.bool_not_choice")   # said of a column


def _is_note(header: str) -> bool:
    """'Ghi chú', 'Tình trạng công tác', 'Status': where a file says who retired, left or is on long leave."""
    return header_key(header).startswith(NOTE_HEADERS)


YEAR_HEADERS = frozenset(map(header_key, ("năm", "nam", "năm đánh giá", "nam danh gia", "năm báo cáo", "nam bao cao",
                                           "năm học", "nam hoc", "year", "assessment year", "reporting year", "school year")))


def _count_year(counted: dict[str, int], value: Any) -> None:
    """One row's value of a year column, as the file shows it (2024 from Excel's 2024.0 too); blank: none."""
    if value is None or value.__class__ is bool:
        return
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = str(value).strip()
    if shown:
        counted[shown] = counted.get(shown, 0) + 1


def mixed_years(population: Population, lang: str = "vi") -> list[str]:
    """Per year column no target reads, when its rows write more than one year: the years and their rows.
    A list of 2024 and 2025 joined in one file was counted as one staff of twice the size without a word."""
    said = []
    for header, counted in population.years.items():
        if len(counted) > 1:
            years = "; ".join(Msg("goal.year_rows", year=y, n=n).render(lang) for y, n in sorted(counted.items()))
            said.append(Msg("goal.mixed_years", header=header, k=len(counted), years=years).render(lang))
    return said


def noted_rows(population: Population, lang: str = "vi") -> list[str]:
    """Per notes or status column no target reads, the rows that write in it ('nghỉ hưu', 'chuyển công tác'):
    they are counted as every row is, since neither the plans nor the packs say who on a list does not count
    (retired, transferred, on long leave during the year); the office is told, to remove them if it does not
    count them. Without it a 'Ghi chú: nghỉ hưu' was silently one of the denominator."""
    said = []
    for header, rows in population.noted.items():
        if rows:
            shown = first_of([f"{rid}: {note[:40]}" for rid, note in rows], 5, sep="; ")
            said.append(Msg("goal.noted_rows", n=len(rows), header=header, rows=shown).render(lang))
    return said


# --- years -----------------------------------------------------------------------------

def _missing_title(inp: GoalInput, validator: RecordValidator) -> Msg:
    """A blank title with none of its criteria pack's columns: in Vietnamese, the column as the file
    names it, what to write in words and the pack by its title, as any missing value is said."""
    title = validator.pack.title
    return Msg("goal.missing_title", name=inp.name, shown=column_shown(inp), codes=" / ".join(c.code for c in inp.choices),
               labels="; ".join(choice_texts(inp)), pack=inp.scored_by, title=title.vi if title else inp.scored_by,
               title_en=title.get("en") if title else inp.scored_by, columns=", ".join(i.name for i in validator.pack.inputs))


def choose_year(pack: GoalPack, year: int | None, today: dt.date | None = None) -> int:
    """``year`` if the pack has targets for it; without a year, the first target year on or after today."""
    years = pack.years()
    if year is not None:
        if year not in years:
            raise GoalYearError(pack.id, year, years)
        return year
    this_year = (today or dt.date.today()).year
    upcoming = [y for y in years if y >= this_year]
    if not upcoming:
        raise GoalYearError(pack.id, None, years, Msg("goal_years_past", pack=pack.id, year=this_year))
    return upcoming[0]


# --- evaluating ------------------------------------------------------------------------

@dataclass(frozen=True)
class ConditionCount:
    """How many records of the denominator meet one ``count`` condition (and how many have no value)."""

    input: str
    condition: str
    met: int
    unknown: int
    # the column as a sentence names it (as the file heads it, else its label; the code in English): not in the JSON
    shown: str = field(default="", compare=False)


@dataclass(frozen=True)
class TargetResult:
    id: str
    label: str
    reference: str
    provisional: bool
    note: str | None
    status: str                      # met | not_met | undetermined | not_evaluable | reported
    met: bool | None                 # None when undetermined, not evaluable or reported only
    comparison: str | None           # ">=", ">", "="
    required_pct: float | None
    required_count: int | None       # smallest numerator that meets the target for this denominator
    actual_pct: float | None         # rounded to 2 decimals for show; 'met' is decided exactly
    numerator: int                   # records known to count
    denominator: int                 # every record of the population, the unevaluable ones included
    unevaluable: tuple[str, ...]     # ids (or places) of rejected rows that may be in the denominator: not evaluable
    upper_pct: float | None          # the share in the best case, 'high' (actual_pct: if no unevaluable row counted)
    gap: int | None                  # more records needed; 0 when met; None when no number of records can do it
    population: str                  # the denominator, in words
    condition: str                   # what a record of it must meet to count, in words
    counted: str
    conditions: tuple[ConditionCount, ...]
    unknown_population: tuple[str, ...]   # ids left out of the denominator: a population value is blank
    unknown_count: tuple[str, ...]        # ids in the denominator counted as not qualifying: a count value is blank
    reason: str
    # the share's worst and best case, (numerator, denominator): every unevaluable row failing / qualifying, and
    # every unplaced record (unknown_population) in or out of the denominator, whichever is worse / better. A
    # record left out because its population value is blank may still be one of the population the plan means.
    low: tuple[int, int] | None = None
    high: tuple[int, int] | None = None


@dataclass(frozen=True)
class GoalReport:
    schema: str
    goals: dict[str, str]
    title: str
    status: str
    reference: str
    population: str
    year: int
    counts: dict[str, int]
    scored: dict[str, dict[str, Any]]       # input -> {pack, records}: values scored on the way
    rejected: tuple[dict[str, Any], ...]
    targets: tuple[TargetResult, ...]
    lang: str = "vi"
    warnings: tuple[str, ...] = ()          # what the readers noticed (visible sheets that were not read)
    # the same warnings naming targets by their labels, for the paper an office head signs (it shows no id);
    # not in the JSON, whose 'warnings' are the screen's
    paper_warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        said = asdict(self)
        del said["paper_warnings"]
        for target in said["targets"]:
            for condition in target["conditions"]:
                del condition["shown"]
        return said

    @property
    def all_met(self) -> bool:
        """For --check: every target with a number is met (reported-only figures do not count);
        undetermined and not evaluable targets fail it."""
        return all(t.status in (MET, REPORTED) for t in self.targets)


def evaluate_goals(loaded: LoadedGoals, population: Population, year: int, lang: str = "vi") -> GoalReport:
    pack = loaded.pack
    targets = tuple(evaluate_target(pack, t, population, year, lang) for t in pack.targets if year in t.years())
    counts = {"read": population.counts.read, "evaluated": population.counts.scored,
              "rejected": population.counts.rejected, "skipped": population.counts.skipped}
    scored = {i.name: {"pack": i.scored_by, "records": population.scored[i.name],
                       "label": i.label.get(lang) if i.label else i.name}   # what the count line names it by
              for i in pack.inputs if i.scored_by}
    rejected = tuple({"id": r.id, "where": r.where, "error": text(r.error, lang)} for r in population.rejected)
    return GoalReport(SCHEMA, loaded.identity(), pack.title.get(lang), pack.status, pack.reference.cite(),
                      pack.population.get(lang), year, counts, scored, rejected, targets, lang)


def evaluate_target(pack: GoalPack, target: Target, population: Population, year: int, lang: str = "vi") -> TargetResult:
    """The target over the whole population, each group of equal values tested once. The
    population's ``unevaluable`` rows (rejected) stay in the denominator unless what can be read
    of them puts them outside it: the target is met only if it is met when none of them counts,
    not met only if it fails when all of them count, and otherwise undetermined, with both bounds."""
    sizes = population.sizes
    inside: list[int] = []          # groups in the denominator
    unplaced: set[int] = set()      # groups whose population values are blank
    blank: set[str] = set()
    for gid, values in enumerate(population.values):
        if not sizes[gid]:
            continue   # values only a repeated id had: no record counted has them
        belongs = _all(target.population, values)
        if belongs is None:
            unplaced.add(gid)
            blank.update(i for c in target.population for i in c.inputs() if values.get(i) is None)
        elif belongs:
            inside.append(gid)
    unknown_population = population.ids_of(unplaced)
    unsure = tuple(r.id or r.where for r in population.unevaluable if _all(target.population, r.values) is not False)
    tests = [_all(target.count, population.values[g]) for g in inside]
    outside = [(sizes[g], _all(target.count, population.values[g])) for g in unplaced]
    out_yes = sum(n for n, t in outside if t)       # unplaced records that would count, were they in it
    out_no = sum(n for n, t in outside if not t)    # and those that would not (a blank counts as not qualifying)
    numerator = sum(sizes[g] for g, t in zip(inside, tests) if t)
    unknown_count = tuple(population.ids_of({g for g, t in zip(inside, tests) if t is None}))
    inside_n = sum(sizes[g] for g in inside)
    conditions = tuple(_condition_count(pack, c, population, inside, lang) for c in target.count)
    value = target.value_for(year)
    denominator = inside_n + len(unsure)
    figures = _figures(target.compare, value, numerator, denominator, len(unsure), out_yes, out_no)
    blank_inputs = list(dict.fromkeys(i for c in target.population for i in c.inputs() if i in blank))
    problem = _not_evaluable(pack, target, inside_n, len(unsure), unknown_population, blank_inputs, conditions, lang)
    status = (NOT_EVALUABLE if problem else REPORTED if target.reported_only else
              MET if figures["met"] else UNDETERMINED if figures["met"] is None and (unsure or outside) else NOT_MET)
    if status in (NOT_EVALUABLE, REPORTED, UNDETERMINED):
        figures.update(met=None)
    if status in (NOT_EVALUABLE, REPORTED):
        figures.update(gap=None)
    if status == NOT_EVALUABLE:
        figures.update(actual_pct=None, required_count=None, upper_pct=None, low=None, high=None)
    result = TargetResult(
        id=target.id, label=target.label.get(lang), reference=target.reference.cite(), provisional=target.provisional,
        note=target.note, status=status, comparison=target.compare, required_pct=value,
        numerator=numerator, denominator=denominator, unevaluable=unsure,
        population=_population_text(pack, target, lang), condition=_conditions_text(pack, target.count, lang),
        counted=target.counted.get(lang) if target.counted else WORDS[lang]["records"], conditions=conditions,
        unknown_population=tuple(unknown_population), unknown_count=unknown_count, reason=problem or "", **figures)
    return result if problem else _with_reason(result, lang)


def _test(cond: Condition, value: Any) -> bool | None:
    if value is None:
        return None
    if cond.one_of is not None:
        return value in cond.one_of
    if cond.equals is not None:
        return value is cond.equals
    if cond.at_least is not None:
        return value >= cond.at_least
    assert cond.below is not None
    return value < cond.below


def _all(conditions: list[Condition], values: dict[str, Any]) -> bool | None:
    """All conditions hold: True; one fails: False (even if another is unknown); else None (unknown)."""
    unknown = False
    for c in conditions:   # a loop, not lists and any(): asked for every record of every target
        test = _test(c, values.get(c.input)) if c.any_of is None else _any(c.any_of, values)
        if test is False:
            return False
        unknown = unknown or test is None
    return None if unknown else True


def _any(conditions: list[Condition], values: dict[str, Any]) -> bool | None:
    """One of the alternatives holds: True (even if another is unknown); all fail: False; else None."""
    unknown = False
    for c in conditions:
        test = _test(c, values.get(c.input))
        if test:
            return True
        unknown = unknown or test is None
    return None if unknown else False


def _condition_count(pack: GoalPack, cond: Condition, population: Population, inside: list[int],
                     lang: str) -> ConditionCount:
    tests = [(population.sizes[g], _test(cond, population.values[g].get(cond.input))) for g in inside]
    return ConditionCount(cond.input, condition_text(pack, cond, lang),
                          sum(n for n, t in tests if t), sum(n for n, t in tests if t is None),
                          _column_shown(pack, cond.input, population, lang))


def _figures(compare: str | None, value: float | None, numerator: int, denominator: int,
             unsure: int = 0, out_yes: int = 0, out_no: int = 0) -> dict[str, Any]:
    """The share if no unevaluable row counts (``actual_pct``); its worst and best case (``low``,
    ``high``: the ``unsure`` rows all failing / all qualifying, and of the records left out for a
    blank population value, those that would not count in the denominator / those that would);
    ``met``: True if met even in the worst case, False if not met even in the best, None if the
    unknown rows decide it."""
    low, high = (numerator, denominator + out_no), (numerator + unsure + out_yes, denominator + out_yes)
    actual = shown_pct(numerator, denominator, value)
    upper = shown_pct(*high, value) if denominator else None
    if compare is None or value is None or denominator == 0:
        return {"met": None, "required_count": None, "actual_pct": actual, "upper_pct": upper, "gap": None,
                "low": low, "high": high}
    need = required_count(compare, value, denominator)
    if not (unsure or out_yes or out_no):
        met: bool | None = share_meets(compare, value, numerator, denominator)
    elif compare == "=":   # not monotone: met only if every possible count meets it
        possible = [share_meets(compare, value, numerator + k, denominator) for k in range(unsure + 1)]
        met = (None if out_yes or out_no   # in or out of the denominator as well: left undecided
               else True if all(possible) else False if not any(possible) else None)
    else:
        met = True if share_meets(compare, value, *low) else False if not share_meets(compare, value, *high) else None
    gap = 0 if met else (need - numerator if need is not None and need > numerator else None)
    return {"met": met, "required_count": need, "actual_pct": actual, "upper_pct": upper, "gap": gap,
            "low": low, "high": high}


PCT_DIGITS = 8   # decimals a share may need not to read as its target: 8 tell apart shares of 10⁸ records


def shown_pct(part: int, whole: int, required: float | None = None, digits: int = 2) -> float | None:
    """100·part/whole rounded to ``digits`` decimals for show, with as many more as it takes not to
    read as the required figure when it is not it: 6.001/10.002 is 59,998%, never '60%' beside
    'chưa đạt' (nor 90,004% '90%' beside 'đạt' for '> 90%'). Rounding keeps the side otherwise."""
    if not whole:
        return None
    exact = Fraction(100 * part, whole)
    shown = round(float(exact), digits)
    while required is not None and shown == required and exact != Fraction(str(required)) and digits < PCT_DIGITS:
        digits += 1
        shown = round(float(exact), digits)
    return shown


def share_meets(compare: str, pct: float, numerator: int, denominator: int) -> bool:
    """numerator/denominator compared with pct %, exactly: 100·n against pct·d as fractions."""
    left, right = 100 * numerator, Fraction(str(pct)) * denominator
    return left >= right if compare == ">=" else left > right if compare == ">" else left == right


def required_count(compare: str, pct: float, denominator: int) -> int | None:
    """The smallest numerator n in 0..denominator that meets the comparison, or None if none does
    (e.g. '= 60%' of 7 records: 4.2 is not a whole number of records)."""
    x = Fraction(str(pct)) * denominator / 100
    if compare == ">=":
        n: int | None = math.ceil(x)
    elif compare == ">":
        n = math.floor(x) + 1
    else:
        n = int(x) if x.denominator == 1 else None
    return n if n is not None and n <= denominator else None


def _not_evaluable(pack: GoalPack, target: Target, inside: int, unsure: int, unknown_population: list[str],
                   blank_inputs: list[str], conditions: tuple[ConditionCount, ...], lang: str) -> str | None:
    """Why the target cannot be evaluated (an empty denominator, or a count field nobody gives), or
    None. ``inside``: how many records are in the denominator, rejected rows apart; ``unsure``: the
    rejected rows in it, which keep it from being empty even when every row is rejected (the
    bounds then say 0 … all of them)."""
    words = REASONS[lang]
    if not inside and not unsure:
        if unknown_population:
            blank = ", ".join(f"'{name}'" for name in dict.fromkeys(blank_inputs))
            return plural_format(words["unplaced"], pop=_population_text(pack, target, lang), n=fmt_num(len(unknown_population), lang),
                                            blank=blank)
        if not target.population:
            return words["empty"]
        return words["no_one"].format(pop=_population_text(pack, target, lang))
    for c in conditions:
        if inside and c.unknown == inside:
            return plural_format(words["no_value"], n=fmt_num(inside, lang), input=c.input, label=_input_label(pack, c.input, lang))
    return None


def _with_reason(r: TargetResult, lang: str) -> TargetResult:
    from dataclasses import replace
    return replace(r, reason=reason_text(r, lang))


REASONS = {lang: words_table("goal_reason.", lang) for lang in LANGS}   # once per language: said per target


def reason_text(r: TargetResult, lang: str = "vi") -> str:
    """One line: the figure, the comparison, and what is missing."""
    def n(x: int | None) -> str:   # a count as people write it: 1.234 (vi), 1,234 (en)
        return fmt_num(x, lang)
    def fraction(part: int, whole: int) -> str:
        return f"{n(part)}/{n(whole)} = {_pct(shown_pct(part, whole, r.required_pct), lang)}%"
    share = f"{n(r.numerator)}/{n(r.denominator)} = {_pct(r.actual_pct, lang)}%"
    u, p = len(r.unevaluable), len(r.unknown_population)
    low = fraction(*(r.low or (r.numerator, r.denominator)))
    high = fraction(*(r.high or (r.numerator + u, r.denominator)))
    sign = {">=": "≥", ">": ">", "=": "="}.get(r.comparison or "", "")
    if r.status == REPORTED:
        key = "reported"
    elif r.status == UNDETERMINED:
        key = "undetermined_both" if p and u else "undetermined_blank" if p else "undetermined"
    elif r.status == MET:
        key = "met_blank" if p else "met_anyway" if u else "met"
    elif r.gap is not None:
        key = "not_met_anyway" if u and r.comparison != "=" else "gap"
    elif r.comparison == "=" and r.required_count is not None and r.numerator > r.required_count:
        key = "above"
    else:
        key = "fraction"
    if key == "gap" and r.gap == 1:
        key = "gap_one"  # "1 more needed (holders)": no guessing at English singulars (Vietnamese says it as 'gap')
    return plural_format(REASONS[lang][key], share=share, sign=sign, req=_pct(r.required_pct, lang), d=n(r.denominator),
                                     gap=n(r.gap), counted=r.counted, low=low, high=high, u=n(u), p=n(p))


def _pct(x: float | None, lang: str = "vi") -> str:
    """A percentage figure: 76.92 -> '76,92' in Vietnamese, '76.92' in English."""
    if x is None:
        return "—"
    return fmt_num(x, lang, PCT_DIGITS)   # as many decimals as ``shown_pct`` kept


# --- texts ---------------------------------------------------------------------------

def _input_label(pack: GoalPack, name: str, lang: str) -> str:
    inp = pack.input(name)
    return inp.label.get(lang) if inp.label else name


def _column_shown(pack: GoalPack, name: str, population: Population, lang: str) -> str:
    """A column named in a note: as the files head it ('Kỹ năng số'), the column the person sees; when no
    file has it, by its label in Vietnamese (a code is no word of a Vietnamese sentence), its code in English."""
    accepted = {header_key(a) for a in _accepted(pack.input(name))}
    header = next((h for h in population.headers if h and header_key(h) in accepted), None)
    return header or Msg("goals.column_unheaded", label=_input_label(pack, name, lang), name=name).render(lang)


def condition_text(pack: GoalPack, cond: Condition, lang: str = "vi") -> str:
    if cond.any_of is not None:
        return "(" + WORDS[lang]["or"].join(condition_text(pack, c, lang) for c in cond.any_of) + ")"
    inp = pack.input(cond.input)
    label = _input_label(pack, cond.input, lang)
    if cond.one_of is not None:
        names = [c.label.get(lang) for c in inp.choices if c.code in cond.one_of]
        return f"{label}: {' / '.join(names)}"
    if cond.equals is not None:
        return f"{label} = {WORDS[lang]['yes'] if cond.equals else WORDS[lang]['no']}"
    if cond.at_least is not None:
        return f"{label} ≥ {cond.at_least:g}"
    return f"{label} < {cond.below:g}"


def _conditions_text(pack: GoalPack, conditions: list[Condition], lang: str) -> str:
    return WORDS[lang]["and"].join(condition_text(pack, c, lang) for c in conditions)


def _population_text(pack: GoalPack, target: Target, lang: str) -> str:
    if target.population_label:
        return target.population_label.get(lang)
    if not target.population:
        return pack.population.get(lang)
    return _conditions_text(pack, target.population, lang)


# --- columns no file has -----------------------------------------------------------------

def _unread(headers: list[str], left: str) -> Msg:
    """The headers read as nothing, or, when they are a record's values (no header row), not them."""
    return Msg("column.unread_record", what=Msg("header.record_like")) if looks_like_record(headers) else \
        Msg("column.unread", headers=left)


def missing_columns(reader: PopulationReader, population: Population, years: Iterable[int],
                    lang: str = "vi", by_label: bool = False) -> list[str]:
    """Once per run, each input a target of ``years`` reads that no file has a column for: its
    accepted headers and the files' headers read as nothing. Without it, a header written another
    way ('Kết quả CDHT' for 'CDHT') shows only as every row rejected, or every target unevaluable.
    The targets are named by id, as the table of ``hoctap goals`` names them, or ``by_label``, as a
    page that shows no id names them."""
    headers = [h for h in population.headers if h]
    if not headers:
        return []   # nothing was read: the report says so
    pack, years = reader.pack, set(years)
    needed = dict.fromkeys(i for t in pack.targets if years & set(t.years()) for c in (*t.population, *t.count)
                           for i in c.inputs())
    missing = [i for i in pack.inputs if i.name in needed and not _has_column(reader, i, headers)]
    unread = [h for h in headers if not reader.known(h)]
    close = {i.name: close_header(_accepted(i), unread) for i in missing}
    claimed = {found[0] for found in close.values() if found}
    # each header named for one cause; a notes column is no target's column misspelt ('Ghi chú'): its own
    # warning (``noted_rows``) names it, with the rows that write in it
    left = ", ".join(f"'{h}'" for h in unread if h not in claimed and h not in population.note_headers)
    notes = []
    for inp in missing:
        targets = [_target_name(t, lang, by_label) for t in pack.targets if years & set(t.years()) and
                   any(inp.name in c.inputs() for c in (*t.population, *t.count))]
        found = close[inp.name]
        cause = (Msg("column.close", header=found[0], name=inp.name, alias=found[1]) if found else
                 _unread(unread, left) if left else "")
        notes.append(Msg("goal.no_column", name=inp.name, label=inp.label.get(lang) if inp.label else inp.name,
                         targets=", ".join(targets), n=len(targets), accepted=", ".join(f"'{a}'" for a in _accepted(inp)),
                         unread=cause).render(lang))
    return notes


def _target_name(target: Target, lang: str, by_label: bool) -> str:
    if not by_label:
        return target.id
    return WORDS[lang]["named"].format(label=target.label.get(lang))


def _accepted(inp: GoalInput) -> list[str]:
    """The headers an input is read from, as GOALS.md lists them: its name, its label, its aliases."""
    return list(dict.fromkeys([inp.name, *((inp.label.vi,) if inp.label else ()), *inp.aliases]))


def _has_column(reader: PopulationReader, inp: GoalInput, headers: list[str]) -> bool:
    """A header of the files gives ``inp``, or, for a title scored on the way, its criteria pack's inputs."""
    if any(reader.validator.columns.get(header_key(h)) == reader.field_of[inp.name] for h in headers):
        return True
    if inp.scored_by is None:
        return False
    criteria = reader._criteria_for(inp.scored_by)[0].columns
    return any(criteria.get(header_key(h)) not in (None, "id") for h in headers)


# --- the public entry point -------------------------------------------------------------

def goal_report(goals: str | LoadedGoals, paths: Iterable[str | Path], year: int | None = None,
                lang: str = "vi", today: dt.date | None = None, sheet: Sheets = None,
                by_label: bool = False) -> GoalReport:
    """Read the population files and evaluate every target of ``year`` (default: the next
    target year on or after today). Unknown year → ``GoalYearError`` before any file is read.
    ``sheet``: the workbook sheet(s) to read, as for scoring (a name, several, or '*');
    ``by_label``: the warnings name targets by their labels (a page), not their ids (the table)."""
    loaded = resolve_goals(goals) if isinstance(goals, str) else goals
    chosen = choose_year(loaded.pack, year, today)
    reader = PopulationReader(loaded)
    known = reader.header_check(lang)
    inputs = Inputs(paths, sheet, known)
    population = reader.read_inputs(inputs, known)
    report = evaluate_goals(loaded, population, chosen, lang)
    return replace(report, warnings=(*inputs.warnings, *missing_columns(reader, population, [chosen], lang, by_label),
                                     *noted_rows(population, lang), *mixed_years(population, lang)))


def goal_report_records(goals: str | LoadedGoals, records: Iterable[dict[str, Any]], year: int | None = None,
                        lang: str = "vi", today: dt.date | None = None) -> GoalReport:
    """The same over in-memory records (dicts keyed by input name or column alias)."""
    loaded = resolve_goals(goals) if isinstance(goals, str) else goals
    chosen = choose_year(loaded.pack, year, today)
    rows = (RawRow("<records>", i, dict(r)) for i, r in enumerate(records, start=1))
    return evaluate_goals(loaded, PopulationReader(loaded).read(rows), chosen, lang)


def goal_reports(goals: str | LoadedGoals, paths: Iterable[str | Path], years: Iterable[int] = (),
                 lang: str = "vi", today: dt.date | None = None, sheet: Sheets = None) -> list[GoalReport]:
    """``goal_report`` for several years (none: the next target year), the files read once: one
    population, each year's targets evaluated over it. Unknown years fail before any file is read."""
    loaded = resolve_goals(goals) if isinstance(goals, str) else goals
    chosen = list(dict.fromkeys(choose_year(loaded.pack, y, today) for y in (years or [None])))
    reader = PopulationReader(loaded)
    known = reader.header_check(lang)
    paths = list(paths)
    inputs = Inputs(paths, sheet, known)
    population = reader.read_inputs(inputs, known)
    said = {by_label: (*inputs.warnings, *missing_columns(reader, population, chosen, lang, by_label),
                       *noted_rows(population, lang), *mixed_years(population, lang)) for by_label in (False, True)}
    said[True] = paper_words(said[True], paths)
    return [replace(evaluate_goals(loaded, population, year, lang), warnings=said[False], paper_warnings=said[True])
            for year in chosen]
