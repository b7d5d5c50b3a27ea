"""The run store: an embedded SQLite file that keeps every scoring run for audits.

What is stored, per run: the command (criteria, date, file names, language), each input file's
name, size and SHA-256, the exact text of every pack used (once per SHA-256; a local variant's
parent too), and per input row (members' rows included, with --members) its outcome, hashes
and the *normalised* inputs needed to replay it: the record id, the values of the pack's declared
inputs, the self-assessment claims read from the row and the member shares. Names, addresses and
any other column are not stored unless ``store_inputs`` is asked for (then the full raw row is kept).

Compact: the result JSON and the explanation are not stored; they are a function of the stored
inputs, the pack text, the date and the run, so ``audit show`` and ``audit verify`` rebuild them,
and the SHA-256 of what was produced (``output_sha256``) proves the rebuild is byte for byte what
the run gave. Hashes are stored as 32 raw bytes.

Sealed: each run's rows are chained (SHA-256 of the previous link and the row's stored fields)
from a head over the run, the files' hashes and the engine versions; the last link and the counts
give the run's seal, printed at the end of the run; with ``HOCTAP_AUDIT_KEY`` set it is also signed
(HMAC-SHA256). As the run goes, its checkpoint (the chain over the rows committed so far, signed too)
is written with each chunk, so that a run that never finished still proves the rows it stored, and
a finished run marked as stopped is told from one. See docs/AUDIT.md for what each proves.

Crash safety: the run row is committed first as 'incomplete'; results go in one transaction
per chunk; the last chunk, the seal and the 'complete' mark share one transaction. A process killed
mid-way leaves whole chunks only (SQLite rolls back the unfinished transaction) and an
'incomplete' run, which ``audit verify`` reports as such.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import hmac
import json
import os
import sqlite3
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring.errors import CriteriaError, StoredRowError, StoreError
from scoring.messages import Msg
from scoring.packs.model import LoadedPack
from scoring.packs.yamlfile import parse_yaml
from scoring.records.dates import assessment_date
from scoring.records.rows import RECORD_FORMATS
from scoring.results.aggregate import Counts, Result
from scoring.results.provenance import RunInfo, canonical_json, engine_versions, now_text
from scoring.results.render import canonical_result
from scoring.results.claims import claims_dict

DEFAULT_PATH = "hoctap.sqlite3"
SCHEMA_VERSION = "2"
CHUNK = 256
KEY_VARIABLE = "HOCTAP_AUDIT_KEY"
SEAL_SCHEMA = "hoctap.seal/1"
BUSY_SECONDS = 60          # another run writing the same store: wait for its chunk, do not fail

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS packs (
    pack_no INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, id TEXT NOT NULL, version TEXT NOT NULL,
    text TEXT NOT NULL, base TEXT);
CREATE TABLE IF NOT EXISTS runs (
    run_no INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE, started_at TEXT NOT NULL, finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('incomplete', 'complete')),
    command TEXT NOT NULL, engine TEXT NOT NULL, store_inputs INTEGER NOT NULL, files TEXT NOT NULL,
    n_read INTEGER, n_scored INTEGER, n_rejected INTEGER, n_members INTEGER, seal TEXT, signature TEXT,
    head TEXT, checkpoint_rows INTEGER, checkpoint TEXT, checkpoint_signature TEXT);
CREATE TABLE IF NOT EXISTS results (
    run_no INTEGER NOT NULL, row_no INTEGER NOT NULL, member INTEGER NOT NULL,
    result_id TEXT NOT NULL, record_id TEXT, where_ TEXT NOT NULL, pack_no INTEGER,
    as_of TEXT, as_of_source TEXT, outcome TEXT, total REAL, error TEXT,
    input_sha256 BLOB, raw_sha256 BLOB NOT NULL, output_sha256 BLOB NOT NULL, inputs TEXT, raw TEXT,
    PRIMARY KEY (run_no, row_no)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS results_by_id ON results (result_id);
CREATE INDEX IF NOT EXISTS results_by_record ON results (record_id);
"""

# Columns of 'runs' added after stores were first written: a store without them is given them when
# a run is stored into it, and read as if they were empty (NULL) until then. 'head' is the seal's
# head (the run's header hashed) and the checkpoint the chain over the rows committed so far, both
# written as the run goes, so that what the seal covers can be told apart when it fails, and an
# unfinished run still carries a hash (signed with the key) of every row it committed.
LATER_COLUMNS = (("head", "TEXT"), ("checkpoint_rows", "INTEGER"), ("checkpoint", "TEXT"), ("checkpoint_signature", "TEXT"))

# the stored fields of a row, in the order the seal hashes them
ROW_FIELDS = ("row_no", "member", "result_id", "record_id", "where_", "pack_sha256", "as_of", "as_of_source",
              "outcome", "total", "error", "input_sha256", "raw_sha256", "output_sha256", "inputs", "raw")
_INSERT_FIELDS = tuple(f if f != "pack_sha256" else "pack_no" for f in ROW_FIELDS)


@dataclass(frozen=True)
class StoredRun:
    run_id: str
    started_at: str
    finished_at: str | None
    status: str
    command: dict[str, Any]
    engine: dict[str, str]
    store_inputs: bool
    counts: tuple[int | None, int | None, int | None]
    stored: int                  # rows of the run's own records (members' rows not counted)
    run_no: int = 0
    files: tuple[dict[str, Any], ...] = ()
    n_members: int | None = None
    seal: str | None = None
    signature: str | None = None
    members_stored: int = 0
    head: str | None = None
    checkpoint_rows: int | None = None
    checkpoint: str | None = None
    checkpoint_signature: str | None = None


class RunStore:
    """One SQLite file of runs. ``RunStore.create`` for scoring, ``RunStore.open`` to read."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn, self.path = conn, path
        self.chunk = CHUNK
        self._packs: dict[str, int] = {}
        self._pending: list[tuple] = []
        self._run: RunInfo | None = None
        self._run_no = 0
        self._rows = 0
        self._members = 0
        self._chain = ""
        self._use_given, self._given_checked = True, False   # see _given
        self._store_inputs = False
        self._columns: set[str] | None = None
        self.notices: list[Msg] = []   # warnings for whoever stores the run (a pack text changed, same version)
        self._used: set[str] = set()   # the packs of this run, each checked once against the stored ones

    # --- opening ---
    @classmethod
    def create(cls, path: str | Path, chunk: int = CHUNK) -> "RunStore":
        """Open for writing, creating the file if needed."""
        path = str(path)
        if Path(path).suffix.lower() in RECORD_FORMATS:
            raise StoreError(Msg("au.store_is_records", path=path, default=DEFAULT_PATH))
        if Path(path).is_file() and not os.access(path, os.W_OK):   # said before SQLite leaves its files beside it
            raise StoreError(Msg("au.store_read_only", path=path))
        store = cls(_connect(path, create=True), path)
        store.chunk = chunk
        with store.guard():
            store._init_schema()
        return store

    @classmethod
    def open(cls, path: str | Path) -> "RunStore":
        """Open an existing store (never creates one: a typo must not look like an empty store)."""
        path = str(path)
        if not Path(path).is_file():
            raise StoreError(Msg("au.no_store", path=path))
        if Path(path).stat().st_size == 0:   # SQLite would take it for a new database and write into it
            raise StoreError(Msg("au.empty_store", path=path))
        store = cls(_connect(path, create=False), path)
        with store.guard():
            store._check_schema()
        return store

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def guard(self) -> Iterator[None]:
        """A damaged, locked or foreign database is a clear error, never a traceback."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(Msg("au.store_busy", path=self.path, seconds=BUSY_SECONDS, error=str(exc))) from None
            if "readonly" in str(exc):   # not damaged: the file or its folder cannot be written
                raise StoreError(Msg("au.store_read_only", path=self.path)) from None
            if "disk is full" in str(exc):   # SQLITE_FULL: not damaged either, the transaction was rolled back
                raise StoreError(Msg("au.store_full", path=self.path)) from None
            raise StoreError(_damaged(self.path, exc)) from None
        except (sqlite3.DatabaseError, IndexError, KeyError) as exc:  # a dropped table, a renamed column, bad pages
            raise StoreError(_damaged(self.path, exc)) from None

    def _init_schema(self) -> None:
        version = self._schema()
        if version is None:
            with _transaction(self.conn):   # two runs creating one store at once: one waits for the other
                for statement in filter(str.strip, SCHEMA.split(";")):
                    self.conn.execute(statement)
                self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        self._check_schema()
        if not {name for name, _ in LATER_COLUMNS} <= self._run_columns():
            with _transaction(self.conn):   # another run may be adding them at the same moment
                self._columns = None
                for name, kind in LATER_COLUMNS:
                    if name not in self._run_columns():
                        self.conn.execute(f"ALTER TABLE runs ADD COLUMN {name} {kind}")
            self._columns = None

    def _run_columns(self) -> set[str]:
        if self._columns is None:
            self._columns = {r[1] for r in self.conn.execute("PRAGMA table_info(runs)")}
        return self._columns

    def _schema(self) -> str | None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "meta" not in tables:
            raise StoreError(Msg("au.store_other_tables", path=self.path, tables=", ".join(sorted(tables)[:5])))
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else "?"

    def _check_schema(self) -> None:
        version = self._schema()
        if version == SCHEMA_VERSION:
            return
        if version == "1":
            raise StoreError(Msg("au.store_schema_1", path=self.path, schema=SCHEMA_VERSION))
        if version is None:
            raise StoreError(Msg("au.store_without_wal" if _in_wal_mode(self.path) else "au.store_no_tables", path=self.path))
        raise StoreError(Msg("au.store_schema", path=self.path, version=version, schema=SCHEMA_VERSION))

    # --- writing a run ---
    def begin_run(self, run: RunInfo, command: dict[str, Any], store_inputs: bool = False,
                  engine: dict[str, str] | None = None) -> None:
        """Commit the run row first, as 'incomplete': whatever happens next, the run is on record."""
        engine = engine or engine_versions()
        files = [dict(f) for f in run.files]
        self._chain = head = seal_head(run.run_id, run.run_at, command, engine, files, store_inputs)
        with self.guard(), _transaction(self.conn):
            if self.conn.execute("SELECT 1 FROM runs WHERE run_id = ?", (run.run_id,)).fetchone():
                raise StoreError(Msg("au.run_exists", run=run.run_id, path=self.path))
            cur = self.conn.execute(
                "INSERT INTO runs (run_id, started_at, status, command, engine, store_inputs, files, head) "
                "VALUES (?, ?, 'incomplete', ?, ?, ?, ?, ?)",
                (run.run_id, run.run_at, canonical_json(command), canonical_json(engine), int(store_inputs),
                 canonical_json(files), head))
            self._run_no = int(cur.lastrowid or 0)
            self._checkpoint(final=False)   # the header, signed from the start
            self._packs = {r[0]: r[1] for r in self.conn.execute("SELECT sha256, pack_no FROM packs")}
        self._run, self._store_inputs = run, store_inputs

    def record(self, results: Iterable[Result]) -> Iterator[Result]:
        """Pass results through, storing each; a chunk is committed every ``chunk`` rows."""
        for result in results:
            self._add(result)
            yield result

    def record_members(self, members: Iterable[tuple[str | None, Result]]) -> None:
        """The members' rows of a --members run (unit id, result), after the units: the shares are
        recounted from them on replay."""
        for unit, result in members:
            self._add(result, member=True, unit=unit)

    def finish(self, counts: Counts, finished_at: str | None = None) -> str:
        """The last chunk, the seal and the 'complete' mark in one transaction; returns the seal."""
        finished_at = finished_at or now_text()
        seal = seal_tail(self._chain, finished_at, (counts.read, counts.scored, counts.rejected, self._members))
        signature = sign(seal)
        with self.guard(), _transaction(self.conn):
            self._flush()
            self._checkpoint(final=True)    # tells a finished run later marked as stopped from a stopped one
            self.conn.execute("UPDATE runs SET status = 'complete', finished_at = ?, n_read = ?, n_scored = ?, "
                              "n_rejected = ?, n_members = ?, seal = ?, signature = ? WHERE run_no = ?",
                              (finished_at, counts.read, counts.scored, counts.rejected, self._members, seal,
                               signature, self._run_no))
        return seal

    def _add(self, r: Result, member: bool = False, unit: str | None = None) -> None:
        assert r.provenance is not None and self._run is not None, "store results of a Batch, after begin_run"
        self._rows += 1
        self._members += member
        fields = stored_fields(r, self._rows, member, self._store_inputs, unit, self._given(r, member, unit))
        self._chain = seal_link(self._chain, fields)
        loaded = r.loaded or (r.in_force.loaded if r.in_force else None)
        pack_no = self._pack_no(loaded) if loaded is not None else None
        values = [pack_no if f == "pack_sha256" else fields[f] for f in ROW_FIELDS]
        self._pending.append((self._run_no, *(_blob(f, v) for f, v in zip(ROW_FIELDS, values))))
        if len(self._pending) >= self.chunk:
            with self.guard(), _transaction(self.conn):
                self._flush()
                self._checkpoint(final=False)

    def _given(self, r: Result, member: bool, unit: str | None) -> tuple[str, str] | None:
        """The store fields made where the row was scored, if they are to be used: a scored row of
        the run itself. The first of a run is made here too and compared: should the two ever
        differ, none given is used for the rest of the run."""
        given = r.given_stored
        if given is None or member or unit is not None or not r.ok or not self._use_given:
            return None
        if not self._given_checked:
            self._given_checked = True
            if given != stored_here(r):
                self._use_given = False
                return None
        return given

    def _pack_no(self, loaded: LoadedPack) -> int:
        """The pack's number in the store, adding its text (and its parent's, for a local variant)."""
        if loaded.sha256 not in self._used:   # the first row of this run scored with it
            self._used.add(loaded.sha256)
            with self.guard():
                self._same_version(loaded)
        if loaded.sha256 not in self._packs:
            base = None
            if loaded.base is not None:
                self._pack_no(loaded.base)
                base = loaded.base.sha256
            with self.guard(), _transaction(self.conn):
                self.conn.execute("INSERT OR IGNORE INTO packs (sha256, id, version, text, base) VALUES (?, ?, ?, ?, ?)",
                                  (loaded.sha256, loaded.pack.id, loaded.pack.version, loaded.text, base))
                row = self.conn.execute("SELECT pack_no FROM packs WHERE sha256 = ?", (loaded.sha256,)).fetchone()
            self._packs[loaded.sha256] = row[0]
        return self._packs[loaded.sha256]

    def _checkpoint(self, final: bool) -> None:
        """The chain over every row committed so far, with the same transaction as those rows: a
        run that stops keeps a hash (signed with the key) of all it stored."""
        checkpoint = seal_checkpoint(self._chain, self._rows, final)
        self.conn.execute("UPDATE runs SET checkpoint_rows = ?, checkpoint = ?, checkpoint_signature = ? WHERE run_no = ?",
                          (self._rows, checkpoint, sign(checkpoint), self._run_no))

    def _same_version(self, loaded: LoadedPack) -> None:
        """A pack id and version already stored with another text: the file was edited without a new
        version, so two runs 'under version X' may give different results. Said, not refused (the
        run is scored with the text as it is, and both texts are kept)."""
        others = [r[0] for r in self.conn.execute("SELECT sha256 FROM packs WHERE id = ? AND version = ? AND sha256 != ?",
                                                  (loaded.pack.id, loaded.pack.version, loaded.sha256))]
        if others:
            self.notices.append(Msg("au.pack_same_version", id=loaded.pack.id, version=loaded.pack.version,
                                    old=", ".join(f"{sha[:12]}…" for sha in others), new=loaded.sha256[:12]))

    def _flush(self) -> None:
        marks = ", ".join("?" * (len(_INSERT_FIELDS) + 1))
        self.conn.executemany(f"INSERT INTO results (run_no, {', '.join(_INSERT_FIELDS)}) VALUES ({marks})",
                              self._pending)
        self._pending = []

    # --- reading ---
    def runs(self, run_id: str | None = None) -> list[StoredRun]:
        with self.guard():
            return self._runs(run_id)

    def _runs(self, run_id: str | None) -> list[StoredRun]:
        later = ", ".join(name if name in self._run_columns() else "NULL" for name, _ in LATER_COLUMNS)
        sql = ("SELECT r.run_id, started_at, finished_at, status, command, engine, store_inputs, n_read, n_scored, "
               "n_rejected, (SELECT count(*) FROM results x WHERE x.run_no = r.run_no AND NOT member), run_no, files, "
               "n_members, seal, signature, (SELECT count(*) FROM results x WHERE x.run_no = r.run_no AND member), "
               f"{later} FROM runs r")
        rows = self.conn.execute(sql + (" WHERE r.run_id = ?" if run_id else "") + " ORDER BY started_at, run_no",
                                 (run_id,) if run_id else ()).fetchall()
        if run_id and not rows:
            known = [r[0] for r in self.conn.execute("SELECT run_id FROM runs ORDER BY started_at DESC, run_no DESC LIMIT 5")]
            raise StoreError(Msg("au.no_run", run=run_id, path=self.path,
                                 known=Msg("au.latest_runs", runs=", ".join(known)) if known else Msg("au.no_runs")))
        return [StoredRun(r[0], r[1], r[2], r[3], _loads(r[4]), _loads(r[5]), bool(r[6]), (r[7], r[8], r[9]), r[10],
                          r[11], tuple(_loads(r[12]) or ()), r[13], r[14], r[15], r[16], *r[17:]) for r in rows]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: the runs and their rows as of one moment, though a run being stored
        commits a chunk (and moves its checkpoint) meanwhile."""
        with self.guard():
            self.conn.execute("BEGIN")
            try:
                yield
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")

    def results(self, run_no: int) -> Iterator[sqlite3.Row]:
        cur = self.conn.execute(f"SELECT {_SELECT} FROM results x LEFT JOIN packs p USING (pack_no) "
                                "WHERE run_no = ? ORDER BY row_no", (run_no,))
        cur.row_factory = _row
        yield from cur

    def find(self, key: str, file: str | None = None, run_id: str | None = None) -> list[sqlite3.Row]:
        """Every stored row whose result id or record id is ``key`` (in ``file``, in ``run_id``),
        newest run first. Result ids are content-derived, so re-scoring the same input under the same
        pack and date stores the same id again; a record id is the one in the council's file."""
        sql = (f"SELECT {_SELECT}, runs.run_id, runs.started_at, runs.status FROM results x JOIN runs USING (run_no) "
               "LEFT JOIN packs p USING (pack_no) WHERE (result_id = ? OR record_id = ?)")
        args: list[Any] = [key, key]
        if run_id:
            sql += " AND runs.run_id = ?"
            args.append(run_id)
        with self.guard():
            rows = self.conn.execute(sql + " ORDER BY runs.started_at DESC, run_no DESC, row_no", args)
            rows.row_factory = _row
            found = rows.fetchall()
        if file:
            found = [r for r in found if _in_file(r["where_"], file)]
        if not found:
            where = [Msg("au.in_file", file=file)] * bool(file) + [Msg("au.in_run", run=run_id)] * bool(run_id)
            raise StoreError(Msg("au.no_result", key=key, path=self.path, where=Msg("list", items=where, sep=""),
                                 rows=self._rows_hint(run_id)))
        return found

    def _rows_hint(self, run_id: str | None) -> Msg:
        """Where to look for a result not found: the command listing the rows of the run asked for
        (else of the newest run), with the run's own id, and 'audit verify', which names a row deleted
        from a run. A run asked for that the store does not have is the error instead."""
        if run_id:
            self._runs(run_id)   # raises au.no_run, naming the latest runs
            return Msg("au.rows_of_run", run=run_id, path=self.path, verify=f"{run_id} ")
        with self.guard():
            runs = [r[0] for r in self.conn.execute("SELECT run_id FROM runs ORDER BY started_at DESC, run_no DESC")]
        if not runs:
            return Msg("au.no_runs_yet")
        which = Msg("au.rows_only_run") if len(runs) == 1 else Msg("au.rows_newest_run", n=Msg("num", x=len(runs)), path=self.path)
        return Msg("au.rows_of_newest", run=runs[0], path=self.path, which=which)

    def orphans(self) -> list[tuple[int, int]]:
        """(run number, rows) of the stored rows whose run is not in the store: hoctap never deletes
        a run, so these are what is left of one deleted by hand."""
        with self.guard():
            return self.conn.execute("SELECT run_no, count(*) FROM results WHERE run_no NOT IN (SELECT run_no FROM runs) "
                                     "GROUP BY run_no ORDER BY run_no").fetchall()

    def runs_count(self) -> int:
        with self.guard():
            return self.conn.execute("SELECT count(*) FROM runs").fetchone()[0]

    def packs_count(self) -> int:
        with self.guard():
            return self.conn.execute("SELECT count(*) FROM packs").fetchone()[0]

    def missing_runs(self) -> list[int]:
        """The run numbers missing below the highest: SQLite numbers a new run one above the highest
        and hoctap never deletes one, so a gap is a run deleted by hand (the last one leaves none)."""
        with self.guard():
            numbers = [r[0] for r in self.conn.execute("SELECT run_no FROM runs ORDER BY run_no")]
        present = set(numbers)
        return [n for n in range(1, (numbers[-1] if numbers else 0) + 1) if n not in present]

    def altered_packs(self) -> dict[str, tuple[str, str]]:
        """{SHA-256: (id, version)} of the stored pack texts that no longer hash to their SHA-256, and
        of the variants whose parent is one of them: checked once, before any row is replayed."""
        with self.guard():
            packs = self.conn.execute("SELECT sha256, id, version, text, base FROM packs").fetchall()
        altered = {sha: (pid, version) for sha, pid, version, text, base in packs
                   if hashlib.sha256((text if base is None else f"{text}\n{base}").encode("utf-8")).hexdigest() != sha}
        grown = True
        while grown:   # a variant's hash covers its parent's hash, not its text: it is unusable all the same
            grown = False
            for sha, pid, version, _, base in packs:
                if base in altered and sha not in altered:
                    altered[sha], grown = (pid, version), True
        return altered

    def schema_problems(self) -> list[Msg]:
        """What the store holds beyond, or lacks of, what hoctap creates (``SCHEMA``): a trigger on
        'results' would silently edit the rows later runs store, an added column or index, a dropped
        index. Columns are compared by name: a store from before ``LATER_COLUMNS`` gets them when a
        run is next stored into it, so their absence is no finding."""
        with self.guard():
            found = _schema_of(self.conn)
        expected = _expected_schema()
        problems = [Msg("au.schema_extra", kind=Msg(f"au.kind_{kind}"), name=name, sql=sql or "")
                    for (kind, name), (sql, _) in found.items() if (kind, name) not in expected]
        problems += [Msg("au.schema_missing", kind=Msg(f"au.kind_{kind}"), name=name)
                     for kind, name in expected if (kind, name) not in found]
        later = {name for name, _ in LATER_COLUMNS}
        for key, (_, columns) in expected.items():
            if key in found and key[0] == "table":
                extra = [c for c in found[key][1] if c not in columns]
                missing = [c for c in columns if c not in found[key][1] and not (key[1] == "runs" and c in later)]
                problems += [Msg("au.schema_columns", table=key[1], columns=", ".join(extra))] * bool(extra)
                problems += [Msg("au.schema_no_columns", table=key[1], columns=", ".join(missing))] * bool(missing)
        return problems

    def pack_identity_problems(self, altered: dict[str, tuple[str, str]]) -> list[Msg]:
        """Stored packs whose 'id' or 'version' column is not what their own (unaltered) text says:
        the columns are what 'audit show' and the run list name a pack by, and the hash covers only the text."""
        with self.guard():
            packs = self.conn.execute("SELECT sha256, id, version, text FROM packs").fetchall()
        problems = []
        for sha, pid, version, text in packs:
            if sha in altered:
                continue
            try:
                data = parse_yaml(text, "packs", stored=True).data
            except CriteriaError:
                continue   # a stored text that does not parse: the replay of its rows says so
            own = (str(data.get("id")), str(data.get("version"))) if isinstance(data, dict) else None
            if own is not None and own != (pid, version):
                problems.append(Msg("au.pack_identity", sha=sha[:12], id=pid, version=version, own_id=own[0],
                                    own_version=own[1]))
        return problems

    def pack_row(self, sha256: str) -> tuple[str, str | None] | None:
        """The stored text of a pack and the SHA-256 of the pack it extends (if any)."""
        with self.guard():
            row = self.conn.execute("SELECT text, base FROM packs WHERE sha256 = ?", (sha256,)).fetchone()
        return (row[0], row[1]) if row else None


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str | None, list[str]]]:
    """{(kind, name): (its SQL, its columns for a table)} of a database, SQLite's own objects left out."""
    objects = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(kind, name): (sql, [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')] if kind == "table" else [])
            for kind, name, sql in objects}


@functools.lru_cache(maxsize=1)
def _expected_schema() -> dict[tuple[str, str], tuple[str | None, list[str]]]:
    """What ``SCHEMA`` creates, read from an empty database made with it."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(SCHEMA)
        return _schema_of(conn)
    finally:
        conn.close()


_SELECT = ("x.run_no, row_no, member, result_id, record_id, where_, p.sha256 AS pack_sha256, p.id AS pack_id, "
           "p.version AS pack_version, as_of, as_of_source, outcome, total, error, input_sha256, raw_sha256, "
           "output_sha256, inputs, raw")


def _row(cursor: sqlite3.Cursor, values: tuple) -> dict[str, Any]:
    """A stored row as a dict, hashes back as hex."""
    row = {d[0]: v for d, v in zip(cursor.description, values)}
    for name in ("input_sha256", "raw_sha256", "output_sha256"):
        if isinstance(row.get(name), bytes):
            row[name] = row[name].hex()
    return row


def _in_file(where: str, file: str) -> bool:
    """Whether the row at ``where`` is in ``file``: a file (by its path or its name), or a file
    and a sheet of it as 'FILE:SHEET' (the part of ``where`` before the row's number)."""
    name, place = where.rsplit(":", 1)[0], row_place(where)
    return any(file == stored or Path(file).name == Path(stored).name for stored in (name, place))


def row_place(where: str) -> str:
    """The file, and the sheet of a workbook, of a stored row's place: 'ho-so.xlsx:Xã A' for
    'ho-so.xlsx:Xã A!4', 'ho-so.csv' for 'ho-so.csv:4' (what 'audit show --file' takes)."""
    name, line = where.rsplit(":", 1)
    return f"{name}:{line.rsplit('!', 1)[0]}" if "!" in line else name


def stored_fields(r: Result, row_no: int, member: bool, store_inputs: bool, unit: str | None = None,
                  given: tuple[str, str] | None = None) -> dict[str, Any]:
    """What the store keeps of one result (hashes as hex), as the seal hashes it. ``given``: its
    ``stored_here``, made where the row was scored."""
    p = r.provenance
    assert p is not None
    loaded = r.loaded or (r.in_force.loaded if r.in_force else None)
    s = r.scored if r.ok else None
    output, inputs = given or (output_sha256(r), canonical_json(replay_inputs(r, unit)) if s else None)
    return {
        "row_no": row_no, "member": int(member), "result_id": p.result_id, "record_id": r.id, "where_": r.where,
        "pack_sha256": loaded.sha256 if loaded else None, "as_of": p.as_of, "as_of_source": p.as_of_source,
        "outcome": s.outcome if s else None, "total": None if s is None or s.total is None else float(s.total),
        "error": r.error, "input_sha256": p.input_sha256, "raw_sha256": p.raw_sha256,
        "output_sha256": output, "inputs": inputs,
        "raw": canonical_json(r.raw) if store_inputs and r.raw is not None else None}


def stored_here(r: Result) -> tuple[str, str]:
    """A scored result's ``output_sha256`` and replay inputs, as ``stored_fields`` makes them for a
    row that is not a member's: what storing a row costs most. With ``--jobs``, a worker makes them
    where it scores the row, and the parent, which stores every row, only checks them (``_given``)."""
    return output_sha256(r), canonical_json(replay_inputs(r))


def output_sha256(r: Result) -> str:
    """The SHA-256 of what the run produced for a row: its result JSON and its explanation tree."""
    return hashlib.sha256(_output_text(r).encode("utf-8")).hexdigest()


def _output_text(r: Result) -> str:
    # = canonical_json({"result": result_dict(r), "explanation": expl.to_dict() or None}), whose keys sort this way
    expl = r.explanation.canonical() if r.ok and r.explanation else "null"
    return '{"explanation":' + expl + ',"result":' + canonical_result(r) + "}"


# hoctap's own words in a stored output that a later version writes otherwise, as (now, before). A run
# stored before the change hashed the earlier words: its replay is the same result in the words of
# its day, not a changed result. Only hoctap's wording is listed here, never a value or an outcome.
# Newest change first: a run stored between two changes reads as the text with the pairs up to its
# day replaced (``in_earlier_words`` tries each such prefix), an older one with all of them.
EARLIER_WORDINGS: tuple[tuple[str, str], ...] = (
    # Reasons up to hoctap 7560b63 dropped a short bracket ending a label as if it were a unit,
    # though it says what is measured ('Tiêu chí 1 – Chỉ tiêu 1 (tuyên truyền)', TT 25's three packs)
    ("Tiêu chí 1 – Chỉ tiêu 1 (tuyên truyền)", "Tiêu chí 1 – Chỉ tiêu 1"),
    # and kept a unit's bracket longer than 12 characters (TT 25 huyện's English label of its employment rate)
    *((f"employment rate on the year before {then}", f"employment rate on the year before (percentage points) {then}")
      for then in ("is ", "has no value")),
    # Reasons before 6 December 2026 lower-cased an article's name ('because criterion 2 – Indicator 3')
    ("because Criterion ", "because criterion "), ("; Criterion ", "; criterion "),
    ("vì Tiêu chí ", "vì tiêu chí "), ("; Tiêu chí ", "; tiêu chí "),
    # and kept a unit written before the level mid-sentence ('… (%) — level 2 is 60%', now '… (level 2) is 60%')
    *((f" ({level} {n}) {then}", f" (%) — {level} {n} {then}")
      for level, thens in (("level", ("is ", "has no value")), ("mức độ", ("là ", "chưa có số liệu")))
      for n in (1, 2, 3) for then in thens),
    ("(1 point short)", "(1 points short)"),              # English reasons before 5 December 2026
    (" has 1 point, it needs ", " has 1 points, it needs "),
)


def in_earlier_words(r: Result, stored: str) -> bool:
    """Whether the row's output, in the words of an earlier hoctap (``EARLIER_WORDINGS``), hashes to
    ``stored``: a replay that differs from the stored output only there reproduces it. The pairs are
    replaced one after the other, newest first, and each step's text is tried: a run stored between
    two changes has the earlier words of the older change only (all at once, 'vì Tiêu chí' would be
    lower-cased in a run stored after article names kept their capitals)."""
    before = _output_text(r)
    for now, earlier in EARLIER_WORDINGS:
        step = before.replace(now, earlier)
        if step != before and hmac.compare_digest(hashlib.sha256(step.encode("utf-8")).hexdigest(), str(stored)):
            return True
        before = step
    return False


def replay_inputs(r: Result, unit: str | None = None) -> dict[str, Any]:
    """What a replay needs besides the pack text: the normalised record, the claims read from
    the row (self-assessment columns) and the unit inputs computed from members, exactly.
    Values are listed in the pack's input order (the names are in the stored pack)."""
    assert r.scored is not None
    values = dict(r.scored.values)
    names = [i.name for i in r.loaded.pack.inputs] if r.loaded else []
    doc: dict[str, Any] = {"id": r.scored.id}
    doc["v"] = [values[n] for n in names] if set(values) == set(names) else values
    if r.verification is not None:
        doc["claims"] = claims_dict(r.verification.claims)
    if r.members:
        doc["members"] = [_member_doc(m) for m in r.members]
    if unit is not None:
        doc["unit"] = unit
    dated = _own_date(r)
    if dated is not None:
        doc["dated"] = dated
    return doc



def _member_doc(m: Any) -> dict[str, Any]:
    """A member share as stored (its groups only when the pack counts some groups: stores made
    before groups existed hold none, and read back the same)."""
    doc = {**vars(m), "outcomes": list(m.outcomes), "not_qualifying": list(m.not_qualifying)}
    if m.groups:
        doc["groups"] = list(m.groups)
    else:
        doc.pop("groups", None)
    return doc

def _own_date(r: Result) -> list[str] | None:
    """The record's own assessment date when it (not --as-of) gave the row a warn_after warning:
    the one value outside the normalised record that a replay needs to give the warning again."""
    if not r.warnings or r.raw is None or (r.in_force is not None and r.in_force.as_of is not None):
        return None
    found = assessment_date(r.raw)
    return None if found is None else [found[0].isoformat(), found[1]]


def stored_values(doc: dict[str, Any], loaded: LoadedPack) -> dict[str, Any]:
    v = doc.get("v", doc.get("values"))
    if isinstance(v, list):
        names = [i.name for i in loaded.pack.inputs]
        if len(v) != len(names):
            raise StoredRowError(Msg("au.values_count", n=len(v), inputs=len(names)))
        return dict(zip(names, v))
    if not isinstance(v, dict):
        raise StoredRowError(Msg("au.no_values"))
    return dict(v)


# --- the seal ---
def seal_head(run_id: str, started_at: str, command: dict[str, Any], engine: dict[str, str],
              files: list[dict[str, Any]], store_inputs: bool) -> str:
    return _sha(canonical_json({"schema": SEAL_SCHEMA, "run_id": run_id, "started_at": started_at, "command": command,
                                "engine": engine, "files": files, "store_inputs": bool(store_inputs)}))


def seal_link(previous: str, fields: dict[str, Any]) -> str:
    return _sha(previous + canonical_json([fields[f] for f in ROW_FIELDS]))


def seal_checkpoint(chain: str, rows: int, final: bool) -> str:
    """The chain after ``rows`` stored rows, and whether the run finished there."""
    return _sha(chain + canonical_json({"checkpoint": rows, "final": final}))


def seal_tail(chain: str, finished_at: str, counts: tuple) -> str:
    return _sha(chain + canonical_json({"status": "complete", "finished_at": finished_at, "counts": list(counts)}))


def sign(seal: str, key: str | None = None) -> str | None:
    """HMAC-SHA256 of the seal with the key in HOCTAP_AUDIT_KEY (None when it is not set)."""
    key = os.environ.get(KEY_VARIABLE) if key is None else key
    if not key:
        return None
    return hmac.new(key.encode("utf-8"), seal.encode("ascii"), hashlib.sha256).hexdigest()


def has_key() -> bool:
    return bool(os.environ.get(KEY_VARIABLE))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _blob(name: str, value: Any) -> Any:
    return bytes.fromhex(value) if name.endswith("_sha256") and name != "pack_sha256" and value is not None else value


def _damaged(path: str, exc: BaseException) -> Msg:
    return Msg("au.damaged", path=path, error=str(exc))


class _Connection(sqlite3.Connection):
    """A store's connection, weakly referable (``_OPEN``), as sqlite3's own is not."""


# Every store's connection not yet closed. Python's sqlite3 connection is in a reference cycle with
# its statement cache, so one a command dropped without closing stays open until the cycle
# collector or Python's teardown finds it, and its write-ahead log stays beside the store until then.
_OPEN: weakref.WeakSet[_Connection] = weakref.WeakSet()


@atexit.register
def _close_open_stores() -> None:
    """Every store still open is closed as the process ends, which folds its write-ahead log back
    into the file: one file to copy or hand over, never a '-wal' beside it holding the last runs.
    The ``hoctap`` command ends without Python's teardown (``hoctap_main.console``), which did it
    before; its exit functions, this one among them, still run."""
    for conn in list(_OPEN):
        conn.close()


def _connect(path: str, create: bool) -> sqlite3.Connection:
    try:
        mode = "rwc" if create else "ro&immutable=1" if _read_only(path) else "rw"
        uri = f"file:{Path(path).resolve()}?mode={mode}"
        # autocommit mode: transactions are opened and closed explicitly, one per chunk
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_SECONDS, factory=_Connection)
        _OPEN.add(conn)
        if create:   # switching to WAL writes the file: a store opened to be read (runs, audit) is left as it is
            _write_ahead(conn)
            conn.execute("PRAGMA synchronous = NORMAL")   # WAL + NORMAL: consistent after a crash of the process
        return conn
    except sqlite3.OperationalError as exc:
        folder = Path(path).resolve().parent
        if create and not folder.is_dir():   # sqlite says only 'unable to open database file'
            raise StoreError(Msg("au.cannot_open_folder", path=path, why=Msg("out.no_folder", folder=folder))) from None
        raise StoreError(Msg("au.cannot_open", path=path, error=str(exc))) from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(_damaged(path, exc)) from None


def _in_wal_mode(path: str) -> bool:
    """Whether the file's header marks it a WAL database (bytes 18 and 19 are 2). hoctap switches a new
    store to WAL before it makes the tables, and keeps what a run writes in the '-wal' file until the
    run ends: such a file without tables is a store copied without that file while a run was stored."""
    with open(path, "rb") as f:
        header = f.read(20)
    return header[18:20] == b"\x02\x02"


def _read_only(path: str) -> bool:
    """Whether a store to be read sits where it cannot be written (an archived copy, a read-only
    folder or share) with no write-ahead log beside it. SQLite reads a WAL store through a '-shm' file
    it must create beside it, and fails there; without a '-wal' file everything is in the store file
    itself, so it is read as a file that cannot change. With a '-wal' file (its last runs may be in
    it) SQLite's own reading is kept: it reads both where it can."""
    file = Path(path).resolve()
    if Path(f"{file}-wal").exists():
        return False
    return not os.access(file, os.W_OK) or not os.access(file.parent, os.W_OK)


def _write_ahead(conn: sqlite3.Connection) -> None:
    """Switch the store to WAL. Two runs opening a new store at the same moment may both try: SQLite
    then answers 'database is locked' at once to one of them, without waiting (it does not wait
    where waiting could deadlock), so that one tries again here, for up to BUSY_SECONDS."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class _transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _loads(text: str | None) -> Any:
    try:
        return json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {"unreadable": text}
