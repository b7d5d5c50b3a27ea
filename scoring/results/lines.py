"""JSON Lines, fast: the same text as ``dumps(result_dict(r))``, byte for byte, with the parts
that repeat from line to line encoded once.

A batch writes one line per record, and most of each line repeats: the outcome and its label,
the criteria, the run and the engine in the provenance, and the ten or so indicator objects
(one per indicator status and value, and a batch has few of them). Encoding a whole result
dict per record cost more than scoring it, so each line is put together from encoded pieces.

The general way (``general``, given by the renderer) stays the definition: a result of an
unusual shape (rejected, with members, a verification or warnings) is written by it, and the
first line of each pack is written both ways and compared; if they differ (the result contract
changed and this module did not), every line is written the general way from then on.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from scoring.engine.adapter import one_shot
from scoring.results.aggregate import Result

# compact JSON, its C encoder made once: what ``render.dumps`` writes, and the pieces of a line here
compact = one_shot(json.JSONEncoder(ensure_ascii=False, separators=(",", ":")))
_text = json.encoder.encode_basestring   # what that encoder writes for a str (ensure_ascii=False)
_KEEP = 50_000   # pieces kept per kind (memory stays flat past it)


def _str(x: Any) -> str:
    return _text(x) if x.__class__ is str else compact(x)   # a hash, or null


def _number(x: Any) -> str:
    """``num`` (80.0 -> 80) then JSON, as result_dict and dumps write a total or points."""
    if x is None:
        return "null"
    if x.__class__ is float and math.isfinite(x):
        return int.__repr__(int(x)) if x.is_integer() else float.__repr__(x)
    return compact(int(x) if float(x).is_integer() else x)


class JsonLines:
    """One writer per output: ``line(r)`` is ``general(r)``, faster."""

    def __init__(self, general: Callable[[Result], str], fast: bool = True):
        self.general = general
        self.fast = fast
        self._checked: set[str] = set()
        self._heads: dict[tuple, tuple[str, str]] = {}
        self._indicators: dict[tuple, str] = {}
        self._by_object: dict[int, str] = {}   # id of an indicator result -> its piece (see _indicator_pieces)
        self._utf8_by_object: dict[int, bytes] = {}   # … and as UTF-8 bytes
        self._kept: list[Any] = []              # those results, alive while this writer is
        self._encoded: dict[str, bytes] = {}    # a piece that repeats from line to line -> its UTF-8 bytes
        self._runs: dict[tuple, str] = {}
        self._last_run: tuple | None = None
        self._last_head: tuple = (None,) * 5   # (outcome, loaded, lang, max, its pieces) of the last line (see scored)

    def line(self, r: Result) -> str:
        if r.given_line is not None:   # written by a worker, the same way
            return r.given_line
        s, p, loaded = r.scored, r.provenance, r.loaded
        if (not self.fast or s is None or p is None or loaded is None or r.error is not None or r.members
                or r.verification is not None or r.warnings):
            return self.general(r)
        if loaded.sha256 not in self._checked:
            return self._first(r)
        return self.scored(s, loaded, r.lang, r.where, r.reason_now(), p.result_id, self.run(p), p.input_sha256,
                           p.raw_sha256, p.schema)

    def scored(self, s: Any, loaded: Any, lang: str, where: str, reason: str | bytes, result_id: str, run: str,
               input_sha256: str | None, raw_sha256: str | None, schema: str, utf8: bool = False) -> str | bytes:
        """The line of a plain scored result from its parts (``line`` once its shape is checked;
        ``run`` is ``run(p)`` of its provenance): a worker writes it without making the result.

        ``utf8``: as UTF-8 bytes, for the writer to write as they are (``_utf8``; a line that is no
        valid UTF-8, a lone surrogate in an id, stays a str). ``reason`` is the reason, or its JSON
        text already in UTF-8 bytes (``explain.reasons_for(..., utf8=True)``)."""
        last = self._last_head   # most lines have the outcome, pack and language of the line before
        if last[0] is s.outcome and last[1] is loaded and last[2] is lang and last[3] == s.max_total:
            head, middle = last[4]
        else:
            head, middle = self._head(s, loaded, lang)
            self._last_head = (s.outcome, loaded, lang, s.max_total, (head, middle))
        if utf8:
            try:
                return self._utf8(s, head, middle, self._criteria(loaded), where, reason, result_id, run, input_sha256,
                                  raw_sha256, schema)
            except UnicodeEncodeError:   # a lone surrogate (an id read from bytes that are no UTF-8): a str
                pass
        try:   # each indicator result by the object itself (the scorer shares one per rule and value)
            parts = list(map(self._by_object.__getitem__, map(id, s.indicators)))
        except KeyError:
            parts = self._indicator_pieces(s.indicators)
        reason_text = reason.decode("utf-8") if reason.__class__ is bytes else _text(reason)
        return "".join(('{"id":', _text(s.id), head, _number(s.total), middle, ",".join(parts), '],"explanation":',
                        reason_text, self._criteria(loaded), _text(where), ',"provenance":{"result_id":',
                        _text(result_id), run, ',"input_sha256":', _str(input_sha256), ',"raw_sha256":',
                        _str(raw_sha256), ',"schema":', _text(schema), "}}"))

    def _utf8(self, s: Any, head: str, middle: str, criteria: str, where: str, reason: str | bytes, result_id: str, run: str,
              input_sha256: str | None, raw_sha256: str | None, schema: str) -> bytes:
        """``scored``'s line as UTF-8 bytes: the pieces that repeat from line to line (the outcome
        and its label, the indicators, the criteria, the run) are kept encoded, and only the
        record's own texts are encoded here."""
        try:
            parts = list(map(self._utf8_by_object.__getitem__, map(id, s.indicators)))
        except KeyError:
            parts = [piece.encode("utf-8") for piece in self._indicator_pieces(s.indicators)]
        encoded = self._encoded
        try:
            pieces = encoded[head], encoded[middle], encoded[criteria], encoded[run]
        except KeyError:
            pieces = tuple(map(self._encode_kept, (head, middle, criteria, run)))
        return b"".join((b'{"id":', _text(s.id).encode("utf-8"), pieces[0], _number(s.total).encode("utf-8"), pieces[1],
                         b",".join(parts), b'],"explanation":',
                         reason if reason.__class__ is bytes else _text(reason).encode("utf-8"), pieces[2],
                         f'{_text(where)},"provenance":{{"result_id":{_text(result_id)}'.encode("utf-8"), pieces[3],
                         f',"input_sha256":{_str(input_sha256)},"raw_sha256":{_str(raw_sha256)},"schema":'
                         f'{_text(schema)}}}}}'.encode("utf-8")))

    def _encode_kept(self, piece: str) -> bytes:
        encoded = piece.encode("utf-8")
        if len(self._encoded) < _KEEP:
            self._encoded[piece] = encoded
        return encoded

    def _indicator_pieces(self, indicators: Any) -> list[str]:
        """Each indicator result's piece, by its values; kept by the object's id too (and the object
        kept alive with it, so that no other object can come to have that id)."""
        inds, by_object = self._indicators, self._by_object
        parts = []
        for i in indicators:
            key = (i.id, i.points, i.max, i.status)
            piece = inds.get(key)
            if piece is None:
                piece = (f'{{"id":{_text(i.id)},"points":{_number(i.points)},"max":{_number(i.max)},'
                         f'"status":{_text(i.status)}}}')
                if len(inds) < _KEEP:
                    inds[key] = piece
            if id(i) not in by_object and len(by_object) < _KEEP:
                by_object[id(i)] = piece
                self._utf8_by_object[id(i)] = piece.encode("utf-8")
                self._kept.append(i)
            parts.append(piece)
        return parts

    def _first(self, r: Result) -> str:
        """The first line of a pack, both ways: the general one is written, and if the fast one
        differs, the fast way is given up for the rest of the output."""
        assert r.loaded is not None
        self._checked.add(r.loaded.sha256)
        fast, general = self.line(r), self.general(r)
        if fast != general:
            self.fast = False
        return general

    def _head(self, s: Any, loaded: Any, lang: str) -> tuple[str, str]:
        """The outcome and its label (before the total), and the maximum (after it)."""
        key = (loaded.sha256, lang, s.outcome, s.max_total)
        pieces = self._heads.get(key)
        if pieces is None:
            label = loaded.pack.outcome_label(s.outcome, lang)   # as Result.label
            pieces = (f',"outcome":{_text(s.outcome)},"label":{_text(label)},"total":',
                      f',"max":{_number(s.max_total)},"indicators":[')
            if len(self._heads) < _KEEP:
                self._heads[key] = pieces
        return pieces

    def _criteria(self, loaded: Any) -> str:
        key = ("criteria", loaded.sha256, loaded.pack.id, loaded.pack.version)
        piece = self._runs.get(key)
        if piece is None:
            piece = self._runs[key] = f',"criteria":{compact(loaded.identity())},"where":'
        return piece

    def run(self, p: Any) -> str:
        """The provenance between the result id and the input hash: the run, the pack, the engine
        and the date that chose the pack (the same for every record of a run and pack)."""
        last = self._last_run   # most records share the last one's (the same objects, not only equal ones)
        if (last is not None and last[0] is p.criteria and last[1] is p.engine
                and last[2] == (p.run_id, p.run_at, p.as_of, p.as_of_source, p.in_force)):
            return last[3]
        key = (p.run_id, p.run_at, _items(p.criteria), _items(p.engine), p.as_of, p.as_of_source, p.in_force)
        piece = self._runs.get(key)
        if piece is None:
            whole = compact({"run_id": p.run_id, "run_at": p.run_at, "criteria": p.criteria, "engine": p.engine,
                             "as_of": p.as_of, "as_of_source": p.as_of_source, "in_force": p.in_force})
            piece = "," + whole[1:-1]
            if len(self._runs) < _KEEP:
                self._runs[key] = piece
        if p.criteria is not None and p.engine is not None:   # kept: a dict's identity is checked only while it lives
            self._last_run = (p.criteria, p.engine, (p.run_id, p.run_at, p.as_of, p.as_of_source, p.in_force), piece)
        return piece


def _items(d: dict[str, Any] | None) -> tuple | None:
    return None if d is None else tuple(d.items())
