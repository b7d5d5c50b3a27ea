"""Composite scoring: unit inputs computed from the unit's members' own scored records.

A criteria-pack input with ``from_members`` (e.g. Thông tư 24's "≥ 90% of members hold Công dân
học tập") is filled, for each unit row, from the members file: each member row names its unit
(``don_vi``), is scored with the member pack (rejected member rows are reported, never dropped),
and the unit input gets the share of members whose outcome counts. A value typed into the unit's
row keeps working as before; typing it in *and* giving members for the same unit is a conflict
the unit is rejected for, since silently preferring one would hide the other.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scoring.results.aggregate import Counts, Result
from scoring.run.api import Batch, Inputs, Sheets, known_headers
from scoring.results.verify import ClaimReader
from scoring.packs.catalog import BY_RECORD, InForce, choose_pack, resolve_pack
from scoring.errors import CriteriaError, InputFileError, UsageError, did_you_mean
from scoring.messages import Msg, get_lang, text
from scoring.results.shares import file_name, files_said, input_title, outcome_labels, share_figure, typed_differs
from scoring.results.tree import GROUP_INPUT, MemberShare, in_groups
from scoring.records.raw import PercentCell, RawRow, clean_id
from scoring.packs.model import Input, LoadedPack, Pack
from scoring.results.provenance import RunInfo, raw_sha256
from scoring.records.validate import RecordValidator, header_key

UNIT_COLUMNS = ("don_vi", "đơn vị", "don vi", "mã đơn vị", "ma don vi", "ma_don_vi", "unit")
_UNIT_KEYS = {header_key(c) for c in UNIT_COLUMNS}


@dataclass
class Members:
    """Member rows scored with one pack, grouped by unit id."""

    loaded: LoadedPack
    source: str
    by_unit: dict[str, list[Result]] = field(default_factory=dict)
    no_unit: list[Result] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    rows: list[tuple[str | None, Result]] = field(default_factory=list)   # (unit id, result) in file order
    warnings: list[str] = field(default_factory=list)   # what the readers noticed (hidden rows, sheets not read)
    after: list[Msg] = field(default_factory=list)      # shares written as fractions, said after the run
    _folded: dict[str, list[str]] | None = field(default=None, repr=False)   # ``alike``'s index, made when first asked

    def alike(self, unit: str) -> list[str]:
        """The units members name that differ from ``unit`` only by capitals or spaces ('dv-102 ' for 'DV-102')."""
        if self._folded is None:
            self._folded = {}
            for name in self.by_unit:
                self._folded.setdefault(_fold(name), []).append(name)
        return [name for name in self._folded.get(_fold(unit), ()) if name != unit]

    @property
    def rejected(self) -> list[Result]:
        return [r for rs in self.by_unit.values() for r in rs if not r.ok] + self.no_unit


def read_members(loaded: LoadedPack, paths: Iterable[str | Path], lang: str = "vi", sheet: str | None = None,
                 run: RunInfo | None = None) -> Members:
    paths = [str(p) for p in paths]
    members = Members(loaded, ", ".join(paths))
    inputs = Inputs(paths, sheet)
    rows = list(inputs)
    members.warnings = inputs.warnings
    _check_unit_column(paths, rows)
    _refuse_ids_alike(rows, RecordValidator(loaded.pack))
    units = [_unit_id(row) for row in rows]
    for row, unit in zip(rows, units):
        if unit is None and not row.problem:
            row.problem = Msg("members.no_unit_id", column=UNIT_COLUMNS[0])
    batch = Batch(loaded, rows, lang, run=run or RunInfo.new())
    for unit, result in zip(units, batch.results()):
        (members.by_unit.setdefault(unit, []) if unit else members.no_unit).append(result)
        members.rows.append((unit, result))
    members.counts = batch.counts
    members.after = batch.shares.messages(paths)   # said as 'hoctap score' says them of these files
    return members


def _check_unit_column(paths: list[str], rows: list[RawRow]) -> None:
    """A members file with no unit column at all is the wrong file or a renamed column: one clear
    error, rather than every member rejected and every unit scored as if it had no members."""
    for path in paths:
        first = next((r for r in rows if r.file == path and r.data), None)
        if first is not None and not any(header_key(k) in _UNIT_KEYS for k in first.data):
            raise InputFileError(path, Msg("members.no_unit_column", column=UNIT_COLUMNS[0],
                                           others=", ".join(repr(c) for c in UNIT_COLUMNS[1:])))


def _refuse_ids_alike(rows: list[RawRow], validator: RecordValidator) -> None:
    """A member whose id differs from an earlier member's of the same file (and sheet) only by capitals or spaces
    ('CB01', 'cb01 ', 'CB 01') is the same person typed twice: counted twice, the unit's share was wrong (10/11
    for 10 people). Rejected as a repeated id is (the run rejects an id typed exactly alike: 'rec.duplicate'),
    which rejects the unit's share, naming the row, until the list is put right."""
    first: dict[tuple[str | None, str], tuple[str, str]] = {}
    for row in rows:
        rid = None if row.problem else validator.raw_id(row.data)
        if not rid:
            continue
        seen = first.setdefault((row.source, _fold(rid)), (rid, row.where))
        if seen[0] != rid:
            row.problem = Msg("members.id_alike", id=rid, other=seen[0], first=seen[1])


def _fold(rid: str) -> str:
    """An id as a person reads it: no spaces, no capitals ('CB 01 ', 'cb01' and 'CB01' are one)."""
    return "".join(rid.split()).casefold()


def _unit_id(row: RawRow) -> str | None:
    for key, value in row.data.items():
        if header_key(key) in _UNIT_KEYS and value not in (None, "") and str(value).strip():
            value = int(value) if isinstance(value, float) and value.is_integer() else value
            return clean_id(str(value))   # as the unit's own id is read (``validate._record_id``)
    return None


@dataclass
class UnitBatch:
    """A unit scoring run with members: iterate ``results()``, then read ``counts``, ``members``
    and ``strangers`` (member rows of units that are not in the units file). ``warnings``: what
    the readers of the units' and the members' files noticed on opening (sheets not read, hidden
    rows); ``after``: shares written as fractions in either, known once every row is read (also
    added to ``warnings`` then, as ``Batch`` does)."""

    loaded: LoadedPack
    rows: Iterable[RawRow]
    members: dict[str, Members]            # member pack id -> its scored members
    pack_for: dict[str, str]               # composite input name -> member pack id
    lang: str = "vi"
    counts: Counts = field(default_factory=Counts)
    warnings: list[str] = field(default_factory=list)
    strangers: list[str] = field(default_factory=list)
    run: RunInfo = field(default_factory=RunInfo.new)   # provenance and the run store, as for Batch
    in_force: InForce | None = None                     # the unit pack in force on --as-of, if a date was given
    claims: bool = False                                # the units carry claimed results (see 'hoctap verify')
    carry: tuple[str, ...] = ()                         # columns kept for reports (see Batch)
    after: list[Msg] = field(default_factory=list)      # said after the results (``run.notices.said_after``)

    def results(self) -> Iterator[Result]:
        inputs = composite_inputs(self.loaded)
        validator = RecordValidator(self.loaded.pack)
        shares: dict[str, tuple[MemberShare, ...]] = {}
        as_read: dict[str, dict[str, Any]] = {}   # a filled row's data as read, for its raw hash
        seen_units: set[str] = set()

        def filled() -> Iterator[RawRow]:
            for row in self.rows:
                unit = validator.raw_id(row.data)
                if unit:
                    seen_units.add(unit)
                original = row.data
                row, row_shares = self._fill(row, unit, inputs, validator)
                shares[row.where] = row_shares
                if row.data is not original:
                    as_read[row.where] = original
                yield row

        batch = Batch(self.loaded, filled(), self.lang, self.counts, run=self.run, in_force=self.in_force,
                      carry=self.carry)
        for result in batch.results():
            row_shares = shares.pop(result.where, ())
            original = as_read.pop(result.where, None)
            if original is not None and result.provenance is not None:
                # raw_sha256 names the row as it is in the file (what 'audit verify --against' re-reads),
                # not the row with the member-derived values filled in
                prov = replace(result.provenance, raw_sha256=raw_sha256(original))
                result = replace(result, provenance=prov, raw=original)
            yield replace(result, members=row_shares) if result.ok else result
        self.counts.skip(list(getattr(self.rows, "skipped", [])))
        self.strangers = self._strangers(seen_units)
        # the units' files, then the members' (read once for every member pack: each said once)
        said = [*batch.shares.messages(getattr(self.rows, "paths", ())), *(m for ms in self.members.values() for m in ms.after)]
        self.after = list({text(m, self.lang): m for m in said}.values())
        self.warnings += [text(m, self.lang) for m in self.after]

    def _fill(self, row: RawRow, unit: str | None, inputs: list[Input],
              validator: RecordValidator) -> tuple[RawRow, tuple[MemberShare, ...]]:
        if row.problem or unit is None:
            return row, ()
        data, problems, out = dict(row.data), [], []
        for inp in inputs:
            members = self.members[self.pack_for[inp.name]]
            key, typed = _typed(row.data, inp, validator)
            share, problem = member_share(inp, members, unit, typed, self.lang, self.loaded.pack)
            if problem:
                problems.append(problem)
                continue
            if share is None:
                continue  # typed in, no members: exactly as without --members
            if share.value is not None:   # a share under 1 % (1 of 200) is a percentage, never a fraction written as one
                data[key or inp.name] = PercentCell(share.value) if 0 < share.value <= 1 else share.value
            out.append(share)
        if problems:
            return replace(row, problem="; ".join(problems)), ()
        return replace(row, data=data), tuple(out)

    def _strangers(self, units: set[str]) -> list[str]:
        warnings = []
        for members in self.members.values():
            for unit, results in members.by_unit.items():
                if unit not in units:
                    warnings.append(text(Msg("members.strangers", files=files_said(members.source), n=len(results),
                                             unit=unit, hint=did_you_mean(unit, units)), self.lang))   # the run's
        return warnings


def composite_inputs(loaded: LoadedPack) -> list[Input]:
    return [i for i in loaded.pack.inputs if i.from_members]


def _typed(data: dict[str, Any], inp: Input, validator: RecordValidator) -> tuple[str | None, Any]:
    """The unit row's own value for ``inp`` (column key, value), or (None, None) when blank."""
    field_name = next(f for f, name in validator.fields.items() if name == inp.name)
    for key, value in data.items():
        if validator.columns.get(header_key(key)) == field_name:
            blank = value is None or (isinstance(value, str) and not value.strip())
            return key, (None if blank else value)
    return None, None


def member_share(inp: Input, members: Members, unit: str, typed: Any, lang: str | None = None,
                 unit_pack: Pack | None = None) -> tuple[MemberShare | None, str | None]:
    """The input's value from the unit's members, or a problem that rejects the unit's row, in
    ``lang`` (the run's: a web request's may differ from the server's). ``unit_pack``: the pack
    scoring the unit, whose indicator a problem names beside the input's name."""
    lang = lang or get_lang()
    fm = inp.from_members
    assert fm is not None
    problem = _unit_alike(inp, members, unit, unit_pack, lang)
    if problem:
        return None, problem
    results = members.by_unit.get(unit, [])
    if fm.groups and results:
        results = [r for r in results if not r.ok or in_groups(r, fm.groups)]   # a rejected row's group is unknown
        if not results:   # members, none in these groups (TT 24: a unit without learners): the input stays as typed
            return None, None
    if not results:
        if typed is not None:
            return None, None  # typed in, no members: exactly as before --members existed
        none = text(Msg("members.none", unit=unit, files=files_said(members.source)), lang)
        return _share(inp, members, 0, 0, (), None, None, none), None
    rejected = [file_name(r.where) for r in results if not r.ok]   # 'members.csv:4', not the path
    if rejected:
        return None, text(Msg("members.rejected", name=inp.name, what=_what(inp, unit_pack, lang), n=len(rejected),
                              unit=unit, rows=", ".join(rejected[:5]) + (", …" if len(rejected) > 5 else "")), lang)
    scored = [r for r in results if r.scored is not None]
    counted = [r for r in scored if r.scored.outcome in fm.outcome]  # type: ignore[union-attr]
    failed = tuple(r.id or "" for r in scored if r not in counted)
    n, d = len(counted), len(scored)
    share = 100 * n / d  # n*100 first, then one division: exact for the comparisons a pack makes
    figure = share_figure(n, d, share, lang)
    if fm.gives == "share":
        if typed is not None:
            return None, text(Msg("members.typed_and_computed", name=inp.name, typed=typed,
                                  files=files_said(members.source), **_said(inp, members, figure, unit_pack, lang)), lang)
        note = (Msg("members.share_groups", figure=figure, outcomes=" / ".join(fm.outcome), groups=_groups(members, fm.groups, lang))
                if fm.groups else Msg("members.share", figure=figure, outcomes=" / ".join(fm.outcome)))
        return _share(inp, members, n, d, failed, share, share, text(note, lang)), None
    if typed is None and n != d:   # full points or nothing: below 100% the council gives the points
        return None, text(Msg("members.partial", name=inp.name, top=format(inp.max, "g"),
                              **_said(inp, members, figure, unit_pack, lang)), lang)
    return _full_points(inp, members, n, d, failed, share, typed, figure, lang)


def _unit_alike(inp: Input, members: Members, unit: str, unit_pack: Pack | None, lang: str) -> str | None:
    """Members (of the groups the input counts) whose unit is written as the unit's id in other capitals or
    spaces ('dv-102 ' for 'DV-102'): left out, the share was of the other members only, a warning after the
    table the one trace. The unit's share is refused, naming the rows, until they are put right."""
    fm = inp.from_members
    assert fm is not None
    others = members.alike(unit)
    rows = [r for other in others for r in members.by_unit[other] if not fm.groups or not r.ok or in_groups(r, fm.groups)]
    if not rows:
        return None
    places = [file_name(r.where) for r in rows]
    return text(Msg("members.unit_alike", name=inp.name, what=_what(inp, unit_pack, lang), n=len(rows), other=others[0],
                    unit=unit, rows=", ".join(places[:5]) + (", …" if len(places) > 5 else "")), lang)


def _said(inp: Input, members: Members, figure: str, unit_pack: Pack | None, lang: str) -> dict[str, str]:
    """A problem's words for people: the indicator the input feeds, the share, the outcomes' labels
    and the members' pack by its title (the codes stay in the JSON of the rows that are scored)."""
    member = members.loaded.pack
    assert inp.from_members is not None
    return {"what": _what(inp, unit_pack, lang), "figure": figure,
            "outcomes": outcome_labels(member, inp.from_members.outcome, lang), "pack": member.title.get(lang)}


def _what(inp: Input, unit_pack: Pack | None, lang: str) -> str:
    """The indicator the input feeds, beside its name (the column the user fills)."""
    return input_title(unit_pack, inp.name, lang) if unit_pack else inp.name


def _full_points(inp: Input, members: Members, n: int, d: int, failed: tuple[str, ...], share: float,
                 typed: Any, figure: str, lang: str) -> tuple[MemberShare, None]:
    """TT22-style indicator: full marks when every member counts and nothing is typed in; points
    typed in by the council are always used. TT 22 judges 3a by its own qualities (Art. 2.2, 5.3.a),
    not by a Hội Khuyến học criteria set, so the members' outcome is evidence beside the council's
    points, never a reason to refuse them."""
    top = inp.max
    pack_id = members.loaded.pack.id
    if typed is not None:
        note = text(Msg("members.typed_used", figure=figure, pack=pack_id, typed=typed), lang)
        differs = typed_differs(typed, top, n, d)   # one test with the line people read (results.shares)
        if differs:
            note += text(Msg(differs, top=format(top, "g")), lang)
        return _share(inp, members, n, d, failed, share, None, note, typed), None
    return _share(inp, members, n, d, failed, share, top, text(Msg("members.all_qualify", figure=figure, top=format(top, "g")), lang)), None


def _groups(members: Members, groups: list[str], lang: str) -> str:
    """The groups counted, as the member pack names them: 'nhóm 1 (Người dân trong xã), …'."""
    choices = {c.code: c for c in members.loaded.pack.input(GROUP_INPUT).choices}
    return ", ".join(text(Msg("members.group", group=g, label=choices[g].label.get(lang)), lang) for g in groups)


def _share(inp: Input, members: Members, n: int, d: int, failed: tuple[str, ...], share: float | None,
           value: float | None, note: str, typed: Any = None) -> MemberShare:
    fm = inp.from_members
    assert fm is not None
    return MemberShare(input=inp.name, members_pack=members.loaded.pack.id, outcomes=tuple(fm.outcome),
                       gives=fm.gives, numerator=n, denominator=d, share=share, value=value, typed=typed,
                       not_qualifying=failed, source=members.source, note=note, groups=tuple(fm.groups))


def score_units(unit_pack: str | LoadedPack, unit_paths: Iterable[str | Path], member_paths: Iterable[str | Path],
                lang: str = "vi", members_pack: str | LoadedPack | None = None, *, sheet: Sheets = None,
                members_sheet: str | None = None, as_of: dt.date | str | None = None,
                run: RunInfo | None = None, carry: Iterable[str] = ()) -> UnitBatch:
    """Score units whose ``from_members`` inputs come from the members files.
    ``members_pack`` overrides the pack each input names (e.g. QĐ 244 instead of QĐ 324);
    ``sheet`` and ``members_sheet`` pick the sheets of Excel workbooks (they may be one workbook).
    With an ``as_of`` date a model name resolves to its unit pack in force on that date (a named
    pack must be in force on it); ``as_of="record"`` is refused: one members file, one unit pack."""
    in_force = _unit_pack(unit_pack, as_of)
    loaded = in_force.loaded
    inputs = composite_inputs(loaded)
    if not inputs:
        raise UsageError(Msg("members.no_composite", pack=loaded.pack.id))
    override = resolve_pack(members_pack) if isinstance(members_pack, str) else members_pack
    member_packs: dict[str, LoadedPack] = {}
    pack_for: dict[str, str] = {}
    for inp in inputs:
        assert inp.from_members is not None
        member = override or resolve_pack(inp.from_members.pack)
        _check_outcomes(loaded, inp, member)
        member_packs[member.pack.id] = member
        pack_for[inp.name] = member.pack.id
    # opened first: a missing units file fails before members are scored
    run = run or RunInfo.new()
    unit_rows = Inputs(unit_paths, sheet, known_headers(loaded, lang=lang), run)
    paths = list(member_paths)
    members = {pid: read_members(p, paths, lang, members_sheet, run) for pid, p in member_packs.items()}
    claims = ClaimReader(loaded.pack)
    unit_rows.warnings += dict.fromkeys(w for m in members.values() for w in m.warnings)   # the batch's, said before the results
    return UnitBatch(loaded, unit_rows, members, pack_for, lang, run=run,
                     in_force=in_force if in_force.as_of else None, carry=tuple(carry), warnings=unit_rows.warnings,
                     claims=any(map(claims.is_claim, unit_rows.headers)))


def _unit_pack(unit_pack: str | LoadedPack, as_of: dt.date | str | None) -> InForce:
    if not isinstance(unit_pack, str):
        return InForce(unit_pack)
    if as_of == BY_RECORD:
        raise UsageError(Msg("members.as_of_record", record=BY_RECORD))
    chosen = choose_pack(unit_pack, as_of)
    if chosen is None:  # a model whose records would choose by their own dates
        raise UsageError(Msg("members.model", pack=unit_pack))
    return chosen


def _check_outcomes(unit: LoadedPack, inp: Input, member: LoadedPack) -> None:
    """The outcomes and groups a unit pack counts are the member pack's own (checked when both are known)."""
    fm = inp.from_members
    assert fm is not None
    i = [x.name for x in unit.pack.inputs].index(inp.name)
    for code in fm.outcome:
        if code not in member.pack.outcome_codes:
            raise CriteriaError(unit.source, f"inputs[{i}].from_members.outcome",
                                Msg("gp.members_outcome", value=code, pack=member.pack.id,
                                    codes=", ".join(member.pack.outcome_codes),
                                    hint=did_you_mean(code, member.pack.outcome_codes)))
    names = [x.name for x in member.pack.inputs]
    groups = [c.code for c in member.pack.input(GROUP_INPUT).choices] if GROUP_INPUT in names else []
    for code in fm.groups:
        if code not in groups:
            raise CriteriaError(unit.source, f"inputs[{i}].from_members.groups",
                                Msg("gp.members_groups", value=code, pack=member.pack.id, input=GROUP_INPUT,
                                    codes=", ".join(groups) or "—", hint=did_you_mean(code, groups)))
