"""The run store: an embedded SQLite file that keeps every scoring run for audits.

What is stored, per run: the command (criteria, date, file names, language), the exact text
of every pack used (once per SHA-256), and per input row its result, explanation, provenance,
hashes, and the *normalised* inputs needed to replay it: the record id and the values of the
pack's declared inputs (points, yes/no answers, choice codes). Names, addresses and any other
column are not stored unless ``store_inputs`` is asked for (then the full raw row is kept).

Crash safety: the run row is committed first as 'incomplete'; results go in one transaction
per chunk; the last chunk and the 'complete' mark share one transaction. A process killed
mid-way leaves whole chunks only (SQLite rolls back the unfinished transaction) and an
'incomplete' run, which ``audit verify`` reports as such.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring.results.aggregate import Counts, Result
from scoring.errors import StoreError
from scoring.records.rows import RECORD_FORMATS
from scoring.results.provenance import RunInfo, canonical_json, engine_versions, record_json
from scoring.records.validate import Record
from scoring.results.render import result_dict
from scoring.results.verify import claims_dict

DEFAULT_PATH = "hoctap.sqlite3"
SCHEMA_VERSION = "1"
CHUNK = 256

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS packs (
    sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('incomplete', 'complete')),
    command TEXT NOT NULL, engine TEXT NOT NULL, store_inputs INTEGER NOT NULL,
    n_read INTEGER, n_scored INTEGER, n_rejected INTEGER);
CREATE TABLE IF NOT EXISTS results (
    run_id TEXT NOT NULL REFERENCES runs(run_id), row_no INTEGER NOT NULL,
    result_id TEXT NOT NULL, record_id TEXT, where_ TEXT NOT NULL,
    pack_sha256 TEXT REFERENCES packs(sha256), as_of TEXT, as_of_source TEXT,
    outcome TEXT, error TEXT, input_sha256 TEXT, raw_sha256 TEXT NOT NULL,
    inputs TEXT, raw TEXT, result TEXT NOT NULL, explanation TEXT,
    PRIMARY KEY (run_id, row_no));
CREATE INDEX IF NOT EXISTS results_by_id ON results (result_id);
"""


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
    stored: int


class RunStore:
    """One SQLite file of runs. ``RunStore.create`` for scoring, ``RunStore.open`` to read."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn, self.path = conn, path
        self._packs: set[str] = set()
        self._pending: list[tuple] = []
        self._pending_packs: dict[str, tuple] = {}
        self._run: str | None = None
        self._rows = 0

    # --- opening ---
    @classmethod
    def create(cls, path: str | Path, chunk: int = CHUNK) -> "RunStore":
        """Open for writing, creating the file if needed."""
        path = str(path)
        if Path(path).suffix.lower() in RECORD_FORMATS:
            raise StoreError(f"--store {path}: that looks like a records file, not a run store. Write --store=PATH "
                             f"with a .sqlite3 name, or put --store after the records (default {DEFAULT_PATH})")
        store = cls(_connect(path, create=True), path)
        store.chunk = chunk
        store._init_schema()
        return store

    @classmethod
    def open(cls, path: str | Path) -> "RunStore":
        """Open an existing store (never creates one: a typo must not look like an empty store)."""
        path = str(path)
        if not Path(path).is_file():
            raise StoreError(f"no run store at {path}: score with 'hoctap score --store {path} …' first, "
                             f"or give the right --store PATH")
        store = cls(_connect(path, create=False), path)
        store._check_schema()
        return store

    def close(self) -> None:
        self.conn.close()

    def _init_schema(self) -> None:
        try:
            self.conn.executescript(SCHEMA)
            self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a hoctap run store ({exc})") from None
        self._check_schema()

    def _check_schema(self) -> None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a hoctap run store ({exc})") from None
        if row is None or row[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: run store schema {row[0] if row else '?'}, this hoctap reads {SCHEMA_VERSION}")

    # --- writing a run ---
    def begin_run(self, run: RunInfo, command: dict[str, Any], store_inputs: bool = False,
                  engine: dict[str, str] | None = None) -> None:
        """Commit the run row first, as 'incomplete': whatever happens next, the run is on record."""
        engine = engine or engine_versions()
        with _transaction(self.conn):
            self.conn.execute("INSERT INTO runs (run_id, started_at, status, command, engine, store_inputs) "
                              "VALUES (?, ?, 'incomplete', ?, ?, ?)",
                              (run.run_id, run.run_at, canonical_json(command), canonical_json(engine), int(store_inputs)))
        self._run, self._store_inputs = run.run_id, store_inputs
        self._packs = {r[0] for r in self.conn.execute("SELECT sha256 FROM packs")}

    def record(self, results: Iterable[Result]) -> Iterator[Result]:
        """Pass results through, storing each; a chunk is committed every ``chunk`` rows."""
        for result in results:
            self._add(result)
            if len(self._pending) >= self.chunk:
                with _transaction(self.conn):
                    self._flush()
            yield result

    def finish(self, counts: Counts, finished_at: str | None = None) -> None:
        """The last chunk and the 'complete' mark in one transaction."""
        finished_at = finished_at or RunInfo.new().run_at
        with _transaction(self.conn):
            self._flush()
            self.conn.execute("UPDATE runs SET status = 'complete', finished_at = ?, n_read = ?, n_scored = ?, "
                              "n_rejected = ? WHERE run_id = ?",
                              (finished_at, counts.read, counts.scored, counts.rejected, self._run))

    def _add(self, r: Result) -> None:
        self._rows += 1
        p = r.provenance
        assert p is not None and self._run is not None, "store results of a Batch, after begin_run"
        loaded = r.loaded or (r.in_force.loaded if r.in_force else None)
        if loaded is not None and loaded.sha256 not in self._packs:
            self._pending_packs[loaded.sha256] = (loaded.sha256, loaded.pack.id, loaded.pack.version, loaded.text)
        s = r.scored
        inputs = canonical_json(replay_inputs(r)) if s else None
        raw = canonical_json(r.raw) if self._store_inputs and r.raw is not None else None
        explanation = canonical_json(r.explanation.to_dict()) if r.explanation else None
        self._pending.append((
            self._run, self._rows, p.result_id, r.id, r.where, loaded.sha256 if loaded else None, p.as_of,
            p.as_of_source, s.outcome if s else None, r.error, p.input_sha256, p.raw_sha256, inputs, raw,
            canonical_json(result_dict(r)), explanation))

    def _flush(self) -> None:
        self.conn.executemany("INSERT INTO packs VALUES (?, ?, ?, ?)", self._pending_packs.values())
        self.conn.executemany("INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              self._pending)
        self._packs.update(self._pending_packs)
        self._pending, self._pending_packs = [], {}

    # --- reading ---
    def runs(self, run_id: str | None = None) -> list[StoredRun]:
        sql = ("SELECT r.run_id, started_at, finished_at, status, command, engine, store_inputs, n_read, n_scored, "
               "n_rejected, (SELECT count(*) FROM results x WHERE x.run_id = r.run_id) FROM runs r")
        rows = self.conn.execute(sql + (" WHERE r.run_id = ?" if run_id else "") + " ORDER BY started_at, r.rowid",
                                 (run_id,) if run_id else ()).fetchall()
        if run_id and not rows:
            known = [r[0] for r in self.conn.execute("SELECT run_id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 5")]
            raise StoreError(f"no run '{run_id}' in {self.path}: 'hoctap runs --store {self.path}' lists them"
                             + (f" (latest: {', '.join(known)})" if known else " (the store has no runs)"))
        return [StoredRun(r[0], r[1], r[2], r[3], _loads(r[4]), _loads(r[5]), bool(r[6]), (r[7], r[8], r[9]), r[10])
                for r in rows]

    def results(self, run_id: str) -> Iterator[sqlite3.Row]:
        cur = self.conn.execute("SELECT * FROM results WHERE run_id = ? ORDER BY row_no", (run_id,))
        cur.row_factory = sqlite3.Row
        yield from cur

    def find(self, result_id: str) -> list[sqlite3.Row]:
        """Every stored occurrence of a result id, newest run first (ids are content-derived,
        so re-scoring the same input under the same pack and date stores the same id again)."""
        cur = self.conn.execute("SELECT results.*, runs.started_at, runs.status FROM results JOIN runs USING (run_id) "
                                "WHERE result_id = ? ORDER BY runs.started_at DESC, runs.rowid DESC, row_no", (result_id,))
        cur.row_factory = sqlite3.Row
        rows = cur.fetchall()
        if not rows:
            raise StoreError(f"no result '{result_id}' in {self.path}: result ids are in each result's "
                             f"provenance.result_id (e.g. 'hoctap score … -f jsonl')")
        return rows

    def pack_text(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT text FROM packs WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None


def replay_inputs(r: Result) -> dict[str, Any]:
    """What a replay needs besides the pack text: the normalised record, the claims read from
    the row (self-assessment columns) and the unit inputs computed from members, exactly."""
    assert r.scored is not None
    doc = record_json(Record(r.scored.id, r.scored.values))
    if r.verification is not None:
        doc["claims"] = claims_dict(r.verification.claims)
    if r.members:
        doc["members"] = [{**vars(m), "outcomes": list(m.outcomes), "not_qualifying": list(m.not_qualifying)}
                          for m in r.members]
    return doc


def _connect(path: str, create: bool) -> sqlite3.Connection:
    try:
        uri = f"file:{Path(path).resolve()}?mode={'rwc' if create else 'rw'}"
        # autocommit mode: transactions are opened and closed explicitly, one per chunk
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")   # WAL + NORMAL: consistent after a crash of the process
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot open the run store {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a hoctap run store ({exc})") from None


class _transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def _loads(text: str | None) -> Any:
    try:
        return json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {"unreadable": text}
