"""The explanation's tree: frozen nodes (outcome <- rule <- criteria <- indicators <- inputs,
the next step, members' shares) and their JSON forms (``Explanation.to_dict``, ``canonical``).

Apart from ``explain``, which builds it, so that a run writing no explanation (JSON Lines, CSV,
one record checked) never makes these classes: on Python 3.11 each dataclass costs about a
millisecond at every start (its methods are compiled by ``exec``), and these are a third of a
command's (issue 14, cold start).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from scoring.results.provenance import canonical_json, canonical_scalar

KEPT_NODES = 10_000   # nodes (and their texts) kept: memory stays flat past it (``explain._kept_node``)


@dataclass(frozen=True)
class IndicatorNode:
    id: str
    label: str
    status: str
    points: float | None
    max: float | None
    input: str
    value: Any
    shown: str              # the value as a person reads it (choice label, có/không, 7.5)
    condition: str          # what "met" requires, e.g. "≥ 5"
    rule: str               # the engine rule that fired
    reference: str | None
    base_reference: str | None = None   # local variants: the parent's (national) reference of an overridden indicator


@dataclass(frozen=True)
class CriterionNode:
    id: str
    label: str
    points: float | None
    max: float | None
    indicators: tuple[IndicatorNode, ...]


@dataclass(frozen=True)
class Blocker:
    indicator: str
    label: str
    value: Any
    shown: str              # the value as a person reads it (choice label, có/không, 7.5)
    needs: str


@dataclass(frozen=True)
class NextStep:
    outcome: str
    label: str
    points_needed: float | None
    blockers: tuple[Blocker, ...]
    reachable: bool


@dataclass(frozen=True)
class MemberShare:
    """How a unit input was computed from the unit's members (``hoctap score --members``)."""

    input: str
    members_pack: str                 # the criteria pack that scored the members
    outcomes: tuple[str, ...]         # member outcomes that count
    gives: str                        # share | full_points_at_100
    numerator: int
    denominator: int
    share: float | None               # percent, None without members
    value: float | None               # what the input received from the members (None: typed in or not computed)
    typed: Any                        # the value typed in the unit's row, if any
    not_qualifying: tuple[str, ...]   # ids of members whose outcome does not count
    source: str                       # the members file(s)
    note: str
    groups: tuple[str, ...] = ()      # member groups counted (the member pack's 'group'); empty: every member

    @classmethod
    def from_dict(cls, m: dict[str, Any]) -> "MemberShare":
        """A share read back from a run store or an explanation's JSON (lists for its tuples)."""
        return cls(**{**m, "outcomes": tuple(m["outcomes"]), "not_qualifying": tuple(m["not_qualifying"]),
                      "groups": tuple(m.get("groups", ()))})


GROUP_INPUT = "group"   # the member packs' input that names a member's group (QĐ 324: 1–4)


def in_groups(result: Any, groups: tuple[str, ...] | list[str]) -> bool:
    """Whether a scored member counts for a share limited to ``groups`` (none: every member)."""
    return not groups or (result.scored is not None and str(result.scored.values.get(GROUP_INPUT)) in groups)


@dataclass(frozen=True)
class Explanation:
    schema: str
    record: str
    criteria_pack: dict[str, str]
    pack_title: str
    pack_status: str
    pack_reference: str
    outcome: str
    outcome_label: str
    rule: str
    rule_condition: str
    rule_reference: str | None
    total: float | None
    max: float | None
    criteria: tuple[CriterionNode, ...]
    next: NextStep | None
    lang: str = "vi"
    base_pack: dict[str, str] | None = None   # local variants: the identity of the pack extended
    rule_base_reference: str | None = None    # local variants: the parent's reference of an overridden band/level
    as_of: str | None = None            # the assessment date that chose the pack (None: the pack was named)
    as_of_source: str | None = None     # '--as-of' or the record's column
    in_force: str | None = None         # the chosen pack's period of validity
    members: tuple[MemberShare, ...] = ()   # unit inputs computed from the unit's members (--members)
    warnings: tuple[str, ...] = ()          # the pack's warn_after text, when the record is dated after its day

    def to_dict(self) -> dict[str, Any]:
        data = _plain(self)
        for key in _LEFT_OUT_EMPTY:  # the same JSON as before when there is nothing to say
            if not data[key]:
                data.pop(key)
        return data

    def canonical(self) -> str:
        """``canonical_json(self.to_dict())``, byte for byte, written from the tree itself: storing
        a run hashes this for every record (``output_sha256``), and the pieces that repeat from
        record to record (an indicator's node for a given result, a blocker) are encoded once."""
        try:
            return _canonical(self)
        except _General:
            return canonical_json(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Explanation":
        """The inverse of ``to_dict`` (for explanations read back from a run store)."""
        criteria = tuple(CriterionNode(**{**c, "indicators": tuple(IndicatorNode(**i) for i in c["indicators"])})
                         for c in d["criteria"])
        nxt = d.get("next")
        step = None if nxt is None else NextStep(**{**nxt, "blockers": tuple(Blocker(**b) for b in nxt["blockers"])})
        members = tuple(MemberShare.from_dict(m) for m in d.get("members", ()))   # a unit scored with --members
        return cls(**{**d, "criteria": criteria, "next": step, "members": members})


EXPLANATION_FIELDS = tuple(f.name for f in fields(Explanation))
_LEFT_OUT_EMPTY = ("members", "warnings")   # Explanation's fields to_dict leaves out when empty
_FIELDS: dict[type, tuple[str, ...] | None] = {}   # a class -> its instances' dataclass fields (None: not a dataclass)


def _plain(obj: Any) -> Any:
    """Like dataclasses.asdict, without its deep copy of every leaf value (the tree holds only
    str, numbers, bool, None and tuples), which made it the slowest step of storing a run. The
    fields are looked up once per class: ``dataclasses.fields`` filters them at every call."""
    if obj is None or isinstance(obj, (str, int, float)):
        return obj
    kind = obj.__class__
    if kind not in _FIELDS:
        _FIELDS[kind] = (tuple(f.name for f in fields(obj)) if is_dataclass(obj) and not isinstance(obj, type)
                         else None)
    names = _FIELDS[kind]
    if names is not None:
        return {name: _plain(getattr(obj, name)) for name in names}
    if isinstance(obj, (tuple, list)):
        return type(obj)(_plain(x) for x in obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


class _General(Exception):
    """A value ``_canonical`` does not write itself: the general encoder writes the whole tree."""


_TEXT = json.encoder.encode_basestring   # what the canonical encoder writes for a str (ensure_ascii=False)
_SCALAR_KINDS = frozenset({str, int, float, bool, type(None)})   # written by canonical_scalar
_HEADS: dict[type, tuple[tuple[str, str, bool], ...]] = {}   # a node class -> its fields, sorted: key encoded, left out empty
_SHARED = (IndicatorNode, Blocker)   # nodes made once per result and shared (``_indicator_node``): kept encoded
ENCODED: dict[int, tuple[Any, str]] = {}   # id of a shared node -> (the node, kept alive with it; its text)


def _canonical(obj: Any) -> str:
    """``canonical_json(_plain(obj))`` (an Explanation: its ``to_dict``) for the values an
    explanation holds: exact str, int, float, bool, None, tuples, lists, dicts and these frozen
    nodes. Anything else raises ``_General``."""
    kind = obj.__class__
    if kind in _SCALAR_KINDS:
        return canonical_scalar(obj)
    if kind is tuple or kind is list:
        items = []
        for x in obj:   # texts, and nodes already written (an explanation's indicators): without a call
            if x.__class__ is str:
                items.append(_TEXT(x))
                continue
            hit = ENCODED.get(id(x))
            items.append(hit[1] if hit is not None and hit[0] is x else _canonical(x))
        return "[" + ",".join(items) + "]"
    if kind is dict:
        return canonical_json(_plain(obj))
    hit = ENCODED.get(id(obj))
    if hit is not None and hit[0] is obj:
        return hit[1]
    heads = _HEADS.get(kind)
    if heads is None:
        if not is_dataclass(obj) or isinstance(obj, type):
            raise _General
        heads = _HEADS[kind] = tuple((name, _TEXT(name) + ":", kind is Explanation and name in _LEFT_OUT_EMPTY)
                                     for name in sorted(f.name for f in fields(obj)))
    parts = []
    for name, head, optional in heads:
        v = getattr(obj, name)
        if optional and not v:   # as to_dict leaves it out
            continue
        # most values are texts, blanks and finite floats (v - v is 0.0 for those only): written here, without a call
        of = v.__class__
        parts.append(head + (_TEXT(v) if of is str else "null" if v is None else
                             float.__repr__(v) if of is float and v - v == 0.0 else _canonical(v)))
    text = "{" + ",".join(parts) + "}"
    if kind in _SHARED and len(ENCODED) < KEPT_NODES:   # emptied with _NODES (_kept_node)
        ENCODED[id(obj)] = (obj, text)
    return text
