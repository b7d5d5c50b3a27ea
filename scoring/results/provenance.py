"""Where a result comes from: its id, the pack text it was scored with, the engine, the
assessment date, a hash of the normalised input, and the run.

Everything except ``run_id`` and ``run_at`` is a function of the pack text, the input and
the engine version, so two runs over the same data give byte-identical results apart from
those two fields. Hashes are SHA-256 of canonical JSON (sorted keys, no spaces, UTF-8).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from scoring.engine.adapter import durable_version
from scoring.version import __version__
from scoring.records.validate import Record

SCHEMA = "hoctap.provenance/1"


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def sha256_text(text: str) -> str:
    # surrogatepass: a raw row may carry undecodable bytes (it is then rejected, but still hashed)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record_json(record: Record) -> dict[str, Any]:
    """The normalised record as stored and hashed: the id and the pack's declared inputs only."""
    return {"id": record.id, "values": dict(record.values)}


def input_sha256(record: Record) -> str:
    return sha256_text(canonical_json(record_json(record)))


def raw_sha256(data: dict[str, Any]) -> str:
    """Hash of the row as read, so that whoever holds the original file can show which row
    a stored result came from without the store keeping the row itself."""
    return sha256_text(canonical_json({str(k): v for k, v in data.items()}))


def result_id(pack_sha256: str | None, as_of: dt.date | None, content_sha256: str) -> str:
    """Content-derived: the same pack text, date and input give the same id in every run,
    so an id names 'this input under these rules', and a re-score can be matched to it."""
    key = f"{pack_sha256 or '-'}\n{as_of or '-'}\n{content_sha256}"
    return "r-" + sha256_text(key)[:24]


@lru_cache(maxsize=1)
def engine_versions() -> dict[str, str]:
    return {"hoctap": __version__, "durable_rules": durable_version()}


@dataclass(frozen=True)
class RunInfo:
    """One scoring run: a sortable id (start time + random suffix) and its start time."""

    run_id: str
    run_at: str

    @classmethod
    def new(cls) -> "RunInfo":
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        return cls(f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}", now.isoformat().replace("+00:00", "Z"))


@dataclass(frozen=True)
class Provenance:
    result_id: str
    run_id: str
    run_at: str
    criteria: dict[str, str] | None     # pack id, version, sha256 (None: no pack could be chosen)
    engine: dict[str, str]
    as_of: str | None                   # the assessment date used (None: no date was asked for)
    as_of_source: str | None            # '--as-of' or the record's column
    in_force: str | None                # why the pack was chosen: its period of validity
    input_sha256: str | None            # normalised record (None for a rejected row)
    raw_sha256: str | None              # the row as read
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        # not dataclasses.asdict: it deep-copies every value, and this runs once per result
        return {f.name: (dict(v) if isinstance(v := getattr(self, f.name), dict) else v) for f in fields(self)}
