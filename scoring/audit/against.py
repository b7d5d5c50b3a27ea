"""Audit against the original files: ``hoctap audit verify RUN --against FILE…``.

``against`` re-reads the files a run scored and pairs each file row with its stored row (by record
id within its file and sheet, else by line), then reports every stored row whose input row does not
match (``raw_sha256``, and the normalised input once re-validated with the stored pack), saying what
changed where it can: a value the pack reads, a self-assessment, a record's own date, a column the
pack does not read. Rows only moved, rows an earlier hoctap rejected that this one skips, and the
rows an unfinished run never reached are said apart.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring.audit.replay import Replayer
from scoring.audit.store import RunStore, StoredRun, stored_values
from scoring.errors import HoctapError, RecordError, StoreError
from scoring.messages import Msg, fmt_num, get_lang, t, text
from scoring.packs.model import LoadedPack
from scoring.records.raw import clean_id
from scoring.records.rows import read_records
from scoring.records.validate import Record, RecordValidator, raw_id
from scoring.results.provenance import input_sha256, raw_sha256
from scoring.results.verify import ClaimReader


@dataclass
class Against:
    """What 'audit verify --against' found: rows that do not match (``problems``), rows only moved
    to another line with the same id and content (``moved``, information), and rows compared."""

    problems: list[str]
    moved: list[str]
    notes: list[str]
    compared: int

    @property
    def ok(self) -> bool:
        return not self.problems


def against(store: RunStore, run_id: str, paths: Iterable[str], lang: str | None = None) -> Against:
    """Re-read the original files of a run and pair each file row with its stored row: by record id
    within its file and sheet (ids are unique there: the batch rejects a second one), else, for a row
    without an id (or with a repeated one), by its line. Lists every pair whose content differs, every
    stored record missing from the file, every file row not in the run, and, apart, rows only moved."""
    with store.guard():
        [run] = store.runs(run_id)
        rows = list(store.results(run.run_no))
    stored_files = [f["file"] for f in run.files] or list(run.command.get("records", []))
    paths = list(paths)
    found = Against([], [], [], 0)
    replayer = Replayer(store)
    validators: dict[str, RecordValidator] = {}
    known = _headers_read(replayer, rows)
    # ids as this hoctap reads them: a run stored before invisible characters were taken out of ids
    # keeps 'CD-002' with a zero-width space, which the file row now gives without it
    stored_at = _by_place(rows, lambda r: r["where_"], lambda r: r["record_id"] and clean_id(r["record_id"]))
    reach = _Reach(run, rows)
    for i, path in enumerate(paths):
        name = _stored_name(path, i, paths, stored_files)
        if Path(name).name != Path(path).name:   # paired by its place among the files: say which it stands for
            found.notes.append(text(Msg("au.file_as", path=path, name=name), lang))
        found.notes += [text(m, lang) for m in _file_hash_note(path, name, run)]
        skipped: list[tuple[str, Any]] = []
        raws = read_records(path, _sheets(run, name), None if name in run.command.get("members", []) else known,
                            skipped=skipped)
        ids = _IdReader(rows, name, replayer, validators)
        in_file = _by_place([(r.where.replace(r.file, name, 1), r) for r in raws], lambda p: p[0], lambda p: ids(p[1]))
        now_skipped = {_renamed(where, path, name) for where, _ in skipped}
        for place in stored_at:
            stored_at[place] = _not_now_skipped(stored_at[place], now_skipped, found, lang)
        new = [place for place in in_file if place not in stored_at and place.endswith("!")]
        for place, file_rows in in_file.items():
            file_rows = reach.reached(place, file_rows, stored_at.get(place, []), found, path, lang)
            _compare_place(file_rows, stored_at.pop(place, []), found, replayer, validators, lang)
        gone = [place for place in stored_at if place.startswith(name + ":") and place.endswith("!")]
        if gone and new:   # a sheet renamed, or another workbook: its rows are listed below, the cause here
            found.notes.append(text(Msg("au.sheets_differ", path=path, gone=_sheet_names(gone), new=_sheet_names(new)), lang))
    names = {_stored_name(p, i, paths, stored_files) for i, p in enumerate(paths)}
    for place, left in stored_at.items():   # a sheet (or file) of the run that the file no longer has
        if place.rsplit(":", 1)[0] in names:
            _compare_place([], left, found, replayer, validators, lang)
    return found


class _Reach:
    """How far a run that did not finish read its files: it reads them in order and stores each row in turn,
    so the rows after its last stored row were never reached. Those rows are said once per file and sheet
    (how many, from where), not each as "in the file but not in the run": 51,000 such lines buried the
    report of a run stopped at its 9,000th row. A finished run (or one with members, read apart) reached all."""

    def __init__(self, run: StoredRun, rows: list[dict[str, Any]]):
        units = [r for r in rows if not r["member"]]
        self.last = units[-1]["where_"] if run.status != "complete" and units and not run.command.get("members") \
            else None
        self.last_id = units[-1]["record_id"] and clean_id(units[-1]["record_id"]) if self.last else None
        self.beyond = False   # past the last stored row's place: nothing here was reached

    def reached(self, place: str, file_rows: list, stored: list, found: "Against", path: str, lang: str | None) -> list:
        """The rows of ``place`` the run reached (a row whose id the run stored there is reached: a row moved)."""
        if self.last is None:
            return file_rows
        at_last = self.last.startswith(place) and self.last[len(place):].isdigit()
        if not self.beyond and not at_last:
            return file_rows   # a place the run read before its last stored row's
        self.beyond = True
        # the file row of the last stored row: by its id (rows above it deleted or added move it), else its line
        at = next((k for k, (_, rid, _) in enumerate(file_rows) if at_last and rid is not None and rid == self.last_id), None)
        if at is None:
            line = int(self.last[len(place):]) if at_last else 0
            at = sum(int(where[len(place):]) <= line for where, _, _ in file_rows) - 1
        ids = {rid for _, rid, _ in stored if rid is not None}
        kept, left = file_rows[:at + 1], []
        for item in file_rows[at + 1:]:
            (kept if item[1] in ids else left).append(item)
        if left:
            found.notes.append(text(Msg("au.not_reached", n=Msg("num", x=len(left)), first=left[0][2][1].where,
                                        last=self.last), lang))
        return kept


def _sheet_names(places: list[str]) -> str:
    """'ho-so.xlsx:Xã Hòa Bình!' → "'Xã Hòa Bình'", for each place of a workbook."""
    return ", ".join(f"'{p.split(':', 1)[1][:-1]}'" for p in places)


def _renamed(where: str, path: str, name: str) -> str:
    return name + where[len(path):] if where.startswith(path) else where


def _not_now_skipped(stored: list, skipped: set[str], found: Against, lang: str | None) -> list:
    """The stored rows of a place but those the run rejected that this hoctap reads as no record at
    all (a header row or page title repeated down the sheet, a totals row: see ``records.footer``),
    which are said apart: the same line of the file gave no result then and gives none now; it is not
    a row missing from the file."""
    kept = []
    for item in stored:
        where, _, row = item
        if where in skipped and row["inputs"] is None and row["error"]:
            found.notes.append(text(Msg("au.now_skipped", where=where, id=row["record_id"] or "-"), lang))
        else:
            kept.append(item)
    return kept


def _by_place(items: Iterable[Any], where: Callable[[Any], str], rid: Callable[[Any], str | None]
              ) -> dict[str, list[tuple[str, str | None, Any]]]:
    """Items grouped by file and sheet (their place: ``where`` without its line number), each as
    (where, record id, item), in order."""
    places: dict[str, list[tuple[str, str | None, Any]]] = {}
    for item in items:
        w = where(item)
        places.setdefault(w.rstrip("0123456789"), []).append((w, rid(item), item))
    return places


class _IdReader:
    """A file row's record id as the run read it: by the header test of the pack its stored rows of
    that file were scored with (any pack's id header when none is known). A whole number read as
    1.0 from a workbook is the record '1', as validation makes it."""

    def __init__(self, rows: list[dict[str, Any]], name: str, replayer: Replayer,
                 validators: dict[str, RecordValidator]):
        sha = next((r["pack_sha256"] for r in rows if r["pack_sha256"] and r["where_"].startswith(name + ":")), None)
        loaded = replayer.pack(sha) if sha else None
        self.read = raw_id if loaded is None or isinstance(loaded, Msg) else \
            validators.setdefault(loaded.sha256, RecordValidator(loaded.pack)).raw_id

    def __call__(self, raw: Any) -> str | None:
        rid = self.read(raw.data)
        return rid[:-2] if rid and rid.endswith(".0") and rid[:-2].lstrip("-").isdigit() else rid


def _compare_place(file_rows: list, stored: list, found: Against, replayer: Replayer,
                   validators: dict[str, RecordValidator], lang: str | None) -> None:
    """Pair and compare the rows of one file and sheet (see ``against``)."""
    file_ids, stored_ids = _unique_ids(file_rows), _unique_ids(stored)
    stored_by_id = {rid: row for _, rid, row in stored if rid in stored_ids}
    stored_by_where = {where: row for where, rid, row in stored if rid not in stored_ids or rid not in file_ids}
    paired: set[int] = set()
    problems: list[Msg] = []
    for where, rid, (_, raw) in file_rows:
        by_id = rid in file_ids and rid in stored_ids
        row = stored_by_id[rid] if by_id else stored_by_where.get(where)
        if row is None or (not by_id and rid in file_ids and row["record_id"] in stored_ids):
            problems.append(Msg("au.in_file_not_store", where=raw.where, id=rid or "-"))   # two ids: not the same record
            continue
        paired.add(row["row_no"])
        found.compared += 1
        differs = _row_against(raw.data, row, replayer, validators, lang)
        moved = row["where_"] != where
        problems += [Msg("au.row_moved_of" if moved else "au.row_of", where=row["where_"], id=row["record_id"] or "-",
                         now=raw.where, problem=p) for p in differs]
        if moved and not differs:
            found.moved.append(text(Msg("au.row_moved", where=row["where_"], id=row["record_id"], now=raw.where), lang))
    problems += [Msg("au.row_of", where=where, id=row["record_id"] or "-", problem=Msg("au.in_store_not_file"))
                 for where, _, row in stored if row["row_no"] not in paired]
    found.problems += [text(p, lang) for p in problems]


def _unique_ids(rows: list[tuple[str, str | None, Any]]) -> set[str]:
    """The ids that name one row only (a repeated id was rejected on its second row: line matching)."""
    seen: dict[str, int] = {}
    for _, rid, _ in rows:
        if rid is not None:
            seen[rid] = seen.get(rid, 0) + 1
    return {rid for rid, n in seen.items() if n == 1}


def against_report(found: Against, lang: str | None = None) -> list[str]:
    """The lines 'audit verify --against' prints: the files that differ from those scored, the rows
    that do not match, the rows only moved, then how many rows match, or not."""
    lines = [*found.notes, *found.problems, *found.moved]
    if found.moved:
        lines.append(t("au.against_moved", lang, n=fmt_num(len(found.moved), lang)))
    if found.ok:
        return lines + [t("au.against_ok", lang, n=fmt_num(found.compared, lang))]
    return lines + [t("au.against_bad", lang, n=fmt_num(len(found.problems), lang))]


def _headers_read(replayer: Replayer, rows: list[dict[str, Any]]) -> Any:
    """The header test the run read its files with (its pack's columns and claims), so that a
    file is read again as it was scored: same header row, title rows and two-row header."""
    sha = next((r["pack_sha256"] for r in rows if r.get("pack_sha256")), None)
    loaded = replayer.pack(sha) if sha else None
    if loaded is None or isinstance(loaded, Msg):
        return None
    check = RecordValidator(loaded.pack).header_check(also=ClaimReader(loaded.pack).is_claim)
    return lambda text: check(text)   # the test alone: a file is compared, never refused, here


def _sheets(run: StoredRun, name: str) -> str | tuple[str, ...] | None:
    """The sheets the run read in this file: the members' sheet for a members file."""
    if name in run.command.get("members", []):
        return run.command.get("members_sheet")
    sheet = run.command.get("sheet")
    return tuple(sheet) if isinstance(sheet, list) else sheet


def _stored_name(path: str, i: int, paths: list[str], stored_files: list[str]) -> str:
    """Which stored file name ``path`` stands for: the same name, else the same position."""
    for name in stored_files:
        if name == path or Path(name).name == Path(path).name:
            return name
    if len(paths) == len(stored_files):
        return stored_files[i]
    raise StoreError(Msg("au.not_run_file", path=path, files=", ".join(stored_files)))


def _file_hash_note(path: str, name: str, run: StoredRun) -> list[Msg]:
    from scoring.results.provenance import file_hash
    stored = next((f for f in run.files if f.get("file") == name), None)
    if stored is None or stored.get("sha256") is None:
        return []
    if file_hash(path)["sha256"] != stored["sha256"]:
        return [Msg("au.file_changed", path=path, sha=stored["sha256"][:12])]
    return []


def _row_against(data: dict[str, Any], stored: dict[str, Any], replayer: Replayer,
                 validators: dict[str, RecordValidator], lang: str | None = None) -> list[Msg]:
    """What differs between a file row and the stored row it is paired with. A row that differs from
    the one scored is re-read with the stored pack, so that the auditor is told what changed: the
    values that are scored (each named, then and now), or only columns the pack does not read."""
    raw_changed = raw_sha256(data) != stored["raw_sha256"]
    if stored["inputs"] is None or not stored["pack_sha256"]:
        return [_raw_differs(data, stored)] if raw_changed else []
    loaded = replayer.pack(stored["pack_sha256"])
    if isinstance(loaded, Msg):
        return [loaded]
    doc = json.loads(stored["inputs"])
    if doc.get("members"):   # values computed from members are not in the row: the raw hash is the check
        return [_raw_differs(data, stored)] if raw_changed else []
    validator = validators.setdefault(loaded.sha256, RecordValidator(loaded.pack))
    try:
        record = validator.validate(data, stored["where_"])
    except (RecordError, HoctapError) as exc:
        return [Msg("au.row_invalid", error=exc)]
    same = input_sha256(record) == stored["input_sha256"] or input_sha256(_as_stored(record, stored)) == stored["input_sha256"]
    if not raw_changed:
        return [] if same else [Msg("au.inputs_differ")]
    changes = [] if same else _values_changed(record, doc, loaded, lang) or [Msg("au.inputs_differ")]
    changes += _claims_changed(data, doc, loaded) + _date_changed(data, stored) + _warning_date_changed(data, stored, doc, loaded)
    if changes:
        return [Msg("au.raw_differs_values", changes=Msg("list", items=changes, sep="; "))]
    return [Msg("au.raw_differs_unscored", columns=_columns_changed(data, stored))]


def _raw_differs(data: dict[str, Any], stored: dict[str, Any]) -> Msg:
    """A row that differs, where no stored inputs tell which values: the columns, when the raw row was kept."""
    columns = _columns_changed(data, stored)
    return Msg("au.raw_differs_in", columns=columns) if stored["raw"] is not None else Msg("au.raw_differs")


def _columns_changed(data: dict[str, Any], stored: dict[str, Any]) -> Msg:
    """The columns whose text differs from the raw row kept by --store-inputs, or, without it, words
    saying which kind of column they can be."""
    if stored["raw"] is None:
        return Msg("au.unscored_columns")
    then = json.loads(stored["raw"])   # its keys sorted: the file's order is the row's
    names = [c for c in [*data, *(c for c in then if c not in data)] if then.get(c) != data.get(c)]
    return Msg("au.columns_named", names=", ".join(f"'{c}'" for c in names))


def _values_changed(record: Record, doc: dict[str, Any], loaded: LoadedPack, lang: str | None) -> list[Msg]:
    lang = lang or get_lang()
    then = stored_values(doc, loaded)
    changes = [Msg("au.value_changed", name=name, then=_shown(loaded, name, then.get(name), lang),
                   now=_shown(loaded, name, record.values.get(name), lang))
               for name in (i.name for i in loaded.pack.inputs) if then.get(name) != record.values.get(name)]
    if clean_id(str(doc.get("id"))) != record.id:
        changes.append(Msg("au.value_changed", name="id", then=repr(doc.get("id")), now=repr(record.id)))
    return changes


def _shown(loaded: LoadedPack, name: str, value: Any, lang: str) -> str:
    from scoring.results.explain import show_value
    if isinstance(value, float):
        return fmt_num(value, lang, 12)
    return show_value(loaded.pack, name, value, lang)


def _date_changed(data: dict[str, Any], stored: dict[str, Any]) -> list[Msg]:
    """The record's own assessment date, when it chose the pack (--as-of record): not among the values
    scored, but it chose the rules and is in the result, so a changed date is no column 'the pack does
    not read'."""
    from scoring.records.dates import assessment_date
    if not stored["as_of"] or not stored["as_of_source"] or stored["as_of_source"].startswith("--"):
        return []
    try:
        found = assessment_date(data)
    except RecordError as exc:
        return [Msg("au.date_changed", then=Msg("date", d=dt.date.fromisoformat(stored["as_of"])), now=exc)]
    now = found[0].isoformat() if found else None
    if now == stored["as_of"]:
        return []
    return [Msg("au.date_changed", then=Msg("date", d=dt.date.fromisoformat(stored["as_of"])),
                now=Msg("date", d=found[0]) if found else Msg("au.blank"))]


def _warning_date_changed(data: dict[str, Any], stored: dict[str, Any], doc: dict[str, Any], loaded: LoadedPack) -> list[Msg]:
    """A pack named outright: the record's own date column decides the dated warning in its result (after the
    pack's ``warn_after`` day, or outside its period), so a date moved across such a day (or one that warned,
    moved) is named."""
    if stored["as_of"]:
        return []
    from scoring.records.dates import assessment_date, warns_on
    try:
        found = assessment_date(data)
    except RecordError:
        found = None
    then = dt.date.fromisoformat(doc["dated"][0]) if doc.get("dated") else None
    now = found[0] if found is not None and warns_on(loaded.pack, found[0]) else None
    if now == then:
        return []
    return [Msg("au.warning_date_changed", then=Msg("date", d=then) if then else Msg("au.no_warning_date"),
                now=Msg("date", d=found[0]) if found else Msg("au.blank"))]


def _claims_changed(data: dict[str, Any], doc: dict[str, Any], loaded: LoadedPack) -> list[Msg]:
    """The self-assessment (claims) read from the file row now, against those stored."""
    from scoring.results.claims import claims_dict
    claims = ClaimReader(loaded.pack).read(data)
    now = claims_dict(claims) if claims is not None else None
    return [Msg("au.claims_changed")] if now != doc.get("claims") else []


def _as_stored(record: Record, stored: dict[str, Any]) -> Record:
    """``record`` with the id the run stored, when this hoctap reads that id without the invisible
    characters an earlier one kept ('CD-002' and a zero-width space): the same record, read then."""
    rid = stored["record_id"]
    if rid and rid != record.id and clean_id(rid) == record.id:
        return Record(rid, record.values, record.where)
    return record


