"""Where a result comes from: its id, the pack text it was scored with, the engine, the
assessment date, a hash of the normalised input, and the run.

Everything except ``run_id`` and ``run_at`` is a function of the pack text, the input and
the engine version, so two runs over the same data give byte-identical results apart from
those two fields; with ``SOURCE_DATE_EPOCH`` set, those two as well (see ``RunInfo``). Hashes are SHA-256 of canonical JSON (sorted keys, no spaces, UTF-8).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from scoring.engine.adapter import durable_version, one_shot
from scoring.errors import UsageError
from scoring.version import __version__
from scoring.records.validate import Record

SCHEMA = "hoctap.provenance/1"


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
_ENCODE = one_shot(_CANONICAL)   # _CANONICAL.encode, its C encoder made once


def canonical_json(obj: Any) -> str:
    return _ENCODE(obj)  # one encoder for every call: json.dumps builds one per call


def sha256_text(text: str) -> str:
    # surrogatepass: a raw row may carry undecodable bytes (it is then rejected, but still hashed)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record_json(record: Record) -> dict[str, Any]:
    """The normalised record as stored and hashed: the id and the pack's declared inputs only."""
    return {"id": record.id, "values": dict(record.values)}


def input_sha256(record: Record) -> str:
    return sha256_text(_ENCODE({"id": record.id, "values": record.values}))  # = record_json, without a copy


def raw_sha256(data: dict[str, Any]) -> str:
    """Hash of the row as read, so that whoever holds the original file can show which row
    a stored result came from without the store keeping the row itself."""
    return sha256_text(_general(data))


_TEXT = json.encoder.encode_basestring   # what the canonical encoder writes for a str (ensure_ascii=False)


def _as_it_is(text: str) -> bool:
    """Whether ``_TEXT`` writes ``text`` between quotes as it is: it escapes the control characters
    below a space, the quote and the backslash (json.encoder.ESCAPE), and a printable text has no
    control character. A text that is not printable for another reason (a zero-width space) is
    simply escaped character by character: the same text, a little slower. Not a regular
    expression: this runs on every row, and these three checks are loops in C."""
    return text.isprintable() and '"' not in text and "\\" not in text


_KEPT_TYPES = {str, float}   # the values whose pieces ``Canonical`` keeps by value
_SCALARS = {str: _TEXT, float: float.__repr__, int: int.__repr__,
            bool: lambda b: "true" if b else "false", type(None): lambda _: "null"}
_KEPT_MAX = 4096   # pieces kept per key: memory stays flat past it
_TRIAL = 256       # rows of a layout after which keeping pieces that do not serve ends (``flat``, ``_kept``)


def canonical_scalar(x: Any) -> str:
    """``canonical_json(x)`` for a text, a number, a yes/no or a blank, without the encoder's
    call; anything else (and a float that is not finite, which it refuses) goes to the encoder."""
    kind = x.__class__
    if kind is str:
        return _TEXT(x)
    if kind is float and not math.isfinite(x):
        return canonical_json(x)   # raises, as the encoder does for any NaN or infinity
    write = _SCALARS.get(kind)
    return write(x) if write is not None else canonical_json(x)


class Canonical:
    """``canonical_json`` of the flat dicts a batch hashes for every record (a row as read, a
    record's values; keys as ``str(key)``, as ``raw_sha256`` writes them). Two kinds are put
    together from pieces kept per layout of keys, since a file's columns and a pack's inputs
    repeat on every row, and so do most values: a row of texts (a CSV row) from a template, and
    a record's texts and floats from pieces kept per key and value. Anything else goes to json's
    C encoder, which writes it faster than pieces could be put together: yes/no, blanks and whole
    numbers (a JSON record's, a workbook's), and a layout with a key new in every row (the id of
    a JSON row). The same text, byte for byte (``tests/test_provenance.py``)."""

    def __init__(self) -> None:
        # a dict's keys (text keys only; at most 256 layouts) -> [its text with a %s per value, its
        # values in that order, and its text with a "%s" per value (for texts with nothing to
        # escape): None once a value was not a text; its values in that order; per key, the pieces
        # kept by value (None once they do not serve); per key, its text and colon; the values' types
        # last found to be kept by value (``_kept_by_value``); the rows written piece by piece; the
        # rows not texts and floats only]. One look-up a dict: a tuple of keys is hashed anew each time
        self._plans: dict[tuple, list] = {}

    def flat(self, d: dict[str, Any]) -> str:
        keys = tuple(d)
        plan = self._plans.get(keys)
        if plan is None:
            plan = self._plan(keys)
            if plan is None:
                return _general(d)
        template = plan[0]
        if template is not None:
            values = template[1](d)
            try:
                # texts with nothing to escape (most are): written between quotes as they are
                if _as_it_is("".join(values)):
                    return template[2] % values
                return template[0] % tuple(map(_TEXT, values))
            except TypeError:   # a value that is not a text (a record's number, a workbook's cell): not again
                plan[0] = None
        if plan[2] is not None:
            values = plan[1](d)
            types = tuple(map(type, values))
            # only texts and floats: their pieces are kept by value, and 1 == 1.0 == True would share one
            if types == plan[4] or _kept_by_value(plan, types):
                try:
                    return "{" + ",".join(map(dict.__getitem__, plan[2], values)) + "}"
                except KeyError:   # a value not met yet, or never kept (a zero, not finite, past the cap)
                    return _kept(plan, values, d)
            plan[6] += 1
            if plan[6] >= _TRIAL and plan[4] is None:   # not one row of texts and floats only (a JSON unit's yes/no)
                plan[2] = None
        return _ENCODE(d)   # text keys only (``_plan``): ``_general`` without its copy

    def _plan(self, keys: tuple) -> list | None:
        """A new layout's plan (see ``__init__``), kept for the next dict; None for keys that are
        not all texts (a number as a key reads differently), fewer than two (itemgetter of one key
        gives the value, not a tuple; a rejected row has none) or past 256 layouts."""
        if len(keys) < 2 or len(self._plans) >= 256 or not all(k.__class__ is str for k in keys):
            return None
        order = sorted(keys)   # as json's sort_keys sorts them
        heads = [_TEXT(k) + ":" for k in order]
        getter = itemgetter(*order)
        text = "{" + ",".join(head.replace("%", "%%") + "%s" for head in heads) + "}"
        quoted = "{" + ",".join(head.replace("%", "%%") + '"%s"' for head in heads) + "}"
        plan = [(text, getter, quoted), getter, [{} for _ in order], heads, None, 0, 0]
        self._plans[keys] = plan
        return plan

    def record(self, record: Record) -> str:
        """``canonical_json(record_json(record))``."""
        return '{"id":' + _SCALARS[str](record.id) + ',"values":' + self.flat(record.values) + "}" \
            if record.id.__class__ is str else canonical_json({"id": record.id, "values": record.values})


def _kept_by_value(plan: list, types: tuple) -> bool:
    """Whether values of these types have their pieces kept by value (texts and floats only); if
    so, remembered in ``plan`` for the next dict, whose types are then compared, not collected."""
    if set(types) <= _KEPT_TYPES:
        plan[4] = types
        return True
    return False


def _kept(plan: list, values: tuple, d: dict[str, Any]) -> str:
    """A dict of texts and floats written piece by piece, each new piece kept for the next (a
    zero float never: -0.0 equals it and reads differently). A key with a new value in every
    such row, ``_TRIAL`` rows on (an id), ends the keeping for this layout: the encoder is faster."""
    parts = []
    for texts, head, v in zip(plan[2], plan[3], values):
        piece = texts.get(v)
        if piece is None:
            if v.__class__ is str:
                piece = head + _TEXT(v)
            elif v - v == 0.0:   # finite (the encoder refuses a NaN or an infinity, as it always has)
                piece = head + float.__repr__(v)
                if not v:
                    parts.append(piece)
                    continue
            else:
                return _ENCODE(d)
            if len(texts) < _KEPT_MAX:
                texts[v] = piece
        parts.append(piece)
    plan[5] += 1
    if plan[5] >= _TRIAL and max(map(len, plan[2])) >= plan[5]:
        plan[2] = None
    return "{" + ",".join(parts) + "}"


def _general(d: dict[Any, Any]) -> str:
    return canonical_json({str(k): v for k, v in d.items()})


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
    """One scoring run: a sortable id (start time + 6 hex digits) and its start time.

    The time is now, or ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention).
    The 6 digits hash the time, the input files' hashes and the command; without
    ``SOURCE_DATE_EPOCH`` a random nonce joins them, so two runs in one second differ. With it,
    two runs of the same files and command are byte-identical, run id and time included."""

    run_id: str
    run_at: str
    files: tuple[dict[str, Any], ...] = ()     # every input file: name, size, sha256
    command: dict[str, Any] | None = None      # what was asked (criteria, date, files, language…)

    @classmethod
    def new(cls, files: tuple[dict[str, Any], ...] = (), command: dict[str, Any] | None = None) -> "RunInfo":
        epoch = source_date_epoch()
        now = epoch or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        at = now.isoformat().replace("+00:00", "Z")
        nonce = None if epoch else secrets.token_hex(8)
        key = canonical_json({"at": at, "files": [f.get("sha256") for f in files], "command": command, "nonce": nonce})
        return cls(f"{now:%Y%m%dT%H%M%SZ}-{sha256_text(key)[:6]}", at, files, command)

    @classmethod
    def for_files(cls, paths: Iterable[str | Path], command: dict[str, Any] | None = None) -> "RunInfo":
        return cls.new(tuple(file_hash(p) for p in paths), command)


def now_text() -> str:
    """The time a run finishes (``SOURCE_DATE_EPOCH`` when set)."""
    now = source_date_epoch() or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return now.isoformat().replace("+00:00", "Z")


def source_date_epoch() -> dt.datetime | None:
    text = os.environ.get("SOURCE_DATE_EPOCH")
    if text is None or not text.strip():
        return None
    try:
        return dt.datetime.fromtimestamp(int(text.strip()), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH={text!r} không phải một số giây kể từ 1970-01-01 (ví dụ 1735689600): "
                         "sửa hoặc bỏ biến môi trường này") from None


def file_hash(path: str | Path) -> dict[str, Any]:
    """Name, size and SHA-256 of an input file. Only a regular file is read here (a FIFO or a
    device would hang or never end): anything else is left for the reader to report."""
    entry: dict[str, Any] = {"file": str(path), "size": None, "sha256": None}
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return entry
        digest = hashlib.sha256()
        size = 0
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
                size += len(block)
    except OSError:
        return entry
    return {**entry, "size": size, "sha256": digest.hexdigest()}


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
        return {name: (dict(v) if isinstance(v := getattr(self, name), dict) else v) for name in _PROVENANCE_FIELDS}


_PROVENANCE_FIELDS = tuple(f.name for f in fields(Provenance))   # fields() is slow, and asked once per result
