"""The engine's decisions, remembered: each distinct situation is put to durable-rules once.

Every generated rule has one pattern on one fact, and reads only a few of its fields: an
indicator's rules read its own input (and rank) field and its applicability inputs; the outcome
rules read the summary's total and unmet counts. So two facts that agree on the fields an
indicator's rules read fire the same rule of that indicator. The fields come from the compiled
rules themselves (not from a second reading of the pack), and a fact is keyed by exactly them.

Nothing is decided here: a key seen before gives back the rule names the engine itself fired
for it; an unseen key sends the record fact to the engine, flagged to ask about that indicator
(``compile.ask_field``). The counting proof (one status per indicator, one outcome per record)
runs on every record in ``evaluate`` whatever the source.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scoring.engine.compile import CompiledPack

MAX_KEYS = 200_000      # per kind of fact: past it, new situations are asked every time (memory stays flat)
_ABSENT = object()      # a field the fact does not carry (rules such as "missing" test for absence)
_LOGIC = ("$and", "$or", "$all", "$any")


class Unreadable(Exception):
    """A rule pattern this module cannot read the fields of: the pack is scored without the cache."""


def fields_of(pattern: Any) -> set[str]:
    """The fact fields a durable-rules pattern reads, e.g. {"$and": [{"t": "rec"}, {"$gte": {"v3": 5}}]}."""
    if isinstance(pattern, list):
        return set().union(*map(fields_of, pattern)) if pattern else set()
    if not isinstance(pattern, dict):
        raise Unreadable(repr(pattern))
    found: set[str] = set()
    for key, value in pattern.items():
        if key in _LOGIC:
            found |= fields_of(value)
        elif key.startswith("$"):   # a comparison: {"$gte": {field: constant}}
            if not isinstance(value, dict) or any(isinstance(v, (dict, list)) for v in value.values()):
                raise Unreadable(f"{key}: {value!r}")
            found |= set(value)
        elif isinstance(value, (dict, list)):   # a reference to another fact, or a nested test
            raise Unreadable(f"{key}: {value!r}")
        else:
            found.add(key)
    return found


def rule_fields(definition: dict[str, Any]) -> set[str]:
    conditions = definition.get("all")
    if not isinstance(conditions, list) or len(conditions) != 1 or set(conditions[0]) != {"m"}:
        raise Unreadable("a rule over more than one fact")
    return fields_of(conditions[0]["m"])


class Decisions:
    """Rule names the engine fired, by indicator and by the values of the fields its rules read."""

    def __init__(self, compiled: CompiledPack):
        reads: dict[str, set[str]] = {}
        outcome: set[str] = set()
        for name, ref in compiled.rules.items():
            fields = rule_fields(compiled.definition[name])
            if ref.kind == "indicator":
                reads.setdefault(ref.target, set()).update(fields)
            else:
                outcome |= fields
        # 't' (the kind of fact) is the same for every fact of a kind, and an indicator's flag is
        # what asks the engine about it (``compile.ask_field``): neither is part of a key
        constant = {"t", *compiled.asks.values()}
        self._reads = {target: tuple(sorted(f - constant)) for target, f in reads.items()}
        self._outcome_reads = tuple(sorted(outcome - {"t"}))
        self._single = [(target, fields[0]) for target, fields in self._reads.items() if len(fields) == 1]
        self._several = [(target, fields) for target, fields in self._reads.items() if len(fields) != 1]
        self._targets = {name: ref.target for name, ref in compiled.rules.items() if ref.kind == "indicator"}
        self._indicators: dict[tuple, tuple[str, ...]] = {}
        self._outcomes: dict[tuple, tuple[str, ...]] = {}

    def fields_read(self, target: str) -> tuple[str, ...]:
        """The fact fields the rules of indicator ``target`` read ('t' aside)."""
        return self._reads.get(target, ())

    def indicator_keys(self, fact: dict[str, Any]) -> list[tuple]:
        """One key per indicator: its id and the values (or absence) of the fields its rules read."""
        get = fact.get
        keys = [(target, get(f, _ABSENT)) for target, f in self._single]
        keys += [(target, *[get(f, _ABSENT) for f in fields]) for target, fields in self._several]
        return keys

    def indicators(self, keys: list[tuple]) -> tuple[list[str], list[tuple]]:
        """The names fired for the keys seen before, and the keys not seen yet (the engine is
        then asked about their indicators)."""
        known = self._indicators
        fired: list[str] = []
        new: list[tuple] = []
        for key in keys:
            names = known.get(key)
            if names is None:
                new.append(key)
            else:
                fired += names
        return fired, new

    def learn_indicators(self, keys: list[tuple], fired: Iterable[str]) -> None:
        """Remember what the engine fired for a record fact asking about these keys' indicators,
        indicator by indicator (a rule's name says its indicator)."""
        by_target: dict[str, list[str]] = {key[0]: [] for key in keys}
        for name in fired:
            target = self._targets.get(name)
            if target not in by_target:
                return  # not an indicator rule of this pack: the counting proof will say so
            by_target[target].append(name)
        if len(self._indicators) < MAX_KEYS:
            for key in keys:
                self._indicators.setdefault(key, tuple(by_target[key[0]]))

    @property
    def outcome_reads(self) -> tuple[str, ...]:
        """The summary fact's fields the outcome rules read ('t' aside), in the order of a key."""
        return self._outcome_reads

    def outcome_key(self, fact: dict[str, Any]) -> tuple:
        return tuple(fact.get(f, _ABSENT) for f in self._outcome_reads)

    def outcomes(self, key: tuple) -> list[str] | None:
        names = self._outcomes.get(key)
        return None if names is None else list(names)

    def learn_outcomes(self, key: tuple, fired: Iterable[str]) -> None:
        if len(self._outcomes) < MAX_KEYS:
            self._outcomes.setdefault(key, tuple(fired))
