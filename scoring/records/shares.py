"""Shares written as fractions: 0,95 in a column of percentages (0–100), read as 0,95 %.

An Excel cell ``=B2/C2`` left in General format, or a typed ``0,95``, is a share as a fraction;
the column holds a percentage, so the value is scored as it is (a person answering 1 to a
question in % means 1 %, and stored runs must read their files as before) and said, once per
file (and sheet) and column, after the run: how many rows, the first ones, and both readings.
A value typed with '%' ("0,95%") or in a cell formatted as % means what it says; 0 is 0 either way.

The validator notes such rows (``RecordValidator``); each process keeps its own ``Shares``, and
what a worker noted comes back with its answer to be merged (``run.batch``, ``run.parts``): the
count adds up and the first rows are the lowest row numbers, whichever process saw them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from scoring.messages import Msg
from scoring.packs.model import Input
from scoring.records.raw import PercentCell

FIRST = 5   # rows named in the warning (of each file and column)
_PLACE = re.compile(r"(.*)[!:](\d+)")   # a row's place: 'file:12' or 'file:Sheet!12'

Key = tuple[str, int, str]   # (file or file:sheet, the input's place in the pack, its name)


def percent_column(inp: Input) -> bool:
    """A column of percentages from 0 to 100 (unit '%'): where a bare 0,95 is likely a fraction."""
    return inp.type == "number" and inp.unit_in("vi") == "%" and inp.min == 0 and inp.max == 100


def bare_fraction(raw: Any, value: Any) -> bool:
    """Whether a value read as ``value`` from ``raw`` is a share from 0 to 1 written without its
    '%': not typed with it, not a cell formatted as %, not 0."""
    return (value is not None and 0 < value <= 1 and raw.__class__ is not PercentCell
            and not (raw.__class__ is str and "%" in raw))


class Shares:
    """The rows noted, per (source, column): how many, and the first ``FIRST`` (row, id, value)."""

    def __init__(self) -> None:
        self.noted: dict[Key, list[Any]] = {}   # key -> [count, [(row, id, value), ...], the column as shown]

    def note(self, where: str, rid: str, at: int, inp: Input, value: float, shown: str) -> None:
        found = _PLACE.fullmatch(where)
        source, row = (found[1], int(found[2])) if found else (where, 0)
        entry = self.noted.get((source, at, inp.name))
        if entry is None:
            entry = self.noted[(source, at, inp.name)] = [0, [], shown]
        entry[0] += 1
        if len(entry[1]) < FIRST or row < entry[1][-1][0]:
            entry[1] = sorted([*entry[1], (row, rid, value)])[:FIRST]

    def take(self) -> dict[Key, list[Any]] | None:
        """What was noted since the last take (None: nothing), to be merged elsewhere; forgotten here."""
        noted, self.noted = self.noted, {}
        return noted or None

    def merge(self, noted: dict[Key, list[Any]] | None) -> None:
        for key, (count, rows, shown) in (noted or {}).items():
            entry = self.noted.setdefault(key, [0, [], shown])
            entry[0] += count
            entry[1] = sorted([*entry[1], *rows])[:FIRST]

    def messages(self, files: Iterable[str] = ()) -> list[Msg]:
        """One warning per file (and sheet) and column, the files in the order given, then their
        sheets and the pack's columns in order."""
        order = [str(f) for f in files]

        def rank(key: Key) -> tuple[int, str, int]:
            source = key[0]
            at = next((i for i, f in enumerate(order) if source == f or source.startswith(f + ":")), len(order))
            return at, source, key[1]
        return [_message(source, *self.noted[(source, at, name)], name) for source, at, name
                in sorted(self.noted, key=rank)]


def _message(source: str, count: int, rows: list[tuple[int, str, float]], shown: str, name: str) -> Msg:
    value = rows[0][2]
    places = ", ".join(f"{row} ({rid})" for row, rid, _ in rows) + (", …" if count > len(rows) else "")
    return Msg("rec.fraction_share", where=source, shown=shown, name=name, n=count, rows=places,
               value=Msg("num", x=value), percent=Msg("num", x=round(value * 100, 10)))
