"""The only module that imports durable-rules: a small adapter with the traps handled.

- no background dispatcher threads (they race with synchronous calls);
- facts, not events (an event is consumed by the first matching rule only);
- one session per ruleset, kept open across records (opening one costs more than scoring a
  record: the C engine allocates and clears 8 KB per rule for it); every fact asserted in it is
  retracted in ``finally``, so each record meets an empty session; a session left in doubt (an
  error inside the engine) is deleted and the next record gets a new one (a ruleset holds 1,024
  live sessions);
- rulesets registered once per host under a content-derived name, from a deep copy
  (registration mutates the dict it is given);
- the rules a fact fires are read straight from the C engine's action queue, in its order
  (``_fire``): durable's Python dispatcher (a closure, a JSON copy of the session state written
  back, per firing) spent most of a record's time; its actions are never called, so nothing
  can raise inside the engine and be swallowed there;
- the C engine's fixed tables are respected by splitting (``_plan``): a fact of one kind
  (``{"t": "rec", …}``) whose rules would overflow them is asserted as several smaller facts,
  each carrying a group number ``g`` and only the fields its group's rules read.

The engine's limits (durable-rules 2.0.28, src/rules; measured in tests/test_big_packs.py):
- one fact may have at most 255 properties (``MAX_OBJECT_PROPERTIES``; error 302);
- matching one fact walks the alpha network depth first with a fixed stack of 64 nodes
  (``MAX_STACK_SIZE`` in events.c): more than 64 matching sibling conditions gives error 303
  and then heap corruption (the process aborts, exit 134, or segfaults);
- one alpha node has at most 128 "field missing" (``$nex``) children (``NEXT_LIST_LENGTH``:
  error 107), 512 children in its hash set (``NEXT_BUCKET_LENGTH``: a full set can loop forever
  when matching) and 256 rules ending on it (``BETA_LIST_LENGTH``).
"""
from __future__ import annotations

import copy
import functools
import itertools
import json
from json.decoder import scanstring
import math
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from durable import engine as _durable

from scoring.errors import EngineError, EngineLimitError
from scoring.messages import Msg

_C = _durable.durable_rules_engine   # the C engine durable.engine wraps (part of the same distribution)
_HANDLED, _NOT_HANDLED = 0, 1        # assert_fact's result codes (rules.h: RULES_OK, ERR_EVENT_NOT_HANDLED)


class _QuietHost(_durable.Host):
    def _run(self) -> None:  # do not start the timer threads
        pass


_PLANS: dict[str, tuple[dict[str, dict], dict[str, "_Layout"]]] = {}


class RulesEngine:
    """One durable-rules host. Use one per process (hosts hold C state; not thread-safe)."""

    def __init__(self) -> None:
        self._host = _QuietHost()
        self._registered: set[str] = set()
        self._layouts: dict[str, dict[str, "_Layout"]] = {}
        self._handles: dict[str, int] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._sids = itertools.count(1)
        self._kept: dict[str, str] = {}   # ruleset -> its open session, free for the next record
        self.asked = 0                    # times the engine was asked (``session`` entered)

    def register(self, name: str, definition: dict[str, dict]) -> None:
        if name in self._registered:
            return
        if name not in _PLANS:   # the name is derived from the pack's content: same name, same plan
            _PLANS[name] = _plan(definition)
        planned, self._layouts[name] = _PLANS[name]
        # registration takes each rule's action out of the rule's dict (``del rule['run']``) and
        # only writes the rest as JSON: each rule gets a dict of its own, its conditions are shared
        rules = {rule_name: {**rule, "run": _never_called} for rule_name, rule in planned.items()}
        try:
            self._host.register_rulesets({name: rules})
        except Exception as exc:  # the C engine raises bare Exceptions with codes
            raise EngineError(Msg("engine.refused", name=name, exc=str(exc))) from exc
        self._handles[name] = self._host.get_ruleset(name)._handle
        self._names[name] = frozenset(planned)
        self._registered.add(name)

    def session(self, ruleset: str) -> "Session":
        """The ruleset's open session, empty, as a context manager: what is asserted in it is
        retracted on the way out. (A session entered while the same ruleset's is in use gets a new
        one, deleted after.) A class rather than a generator: it is entered for every engine call."""
        return Session(self, ruleset)

    def _enter(self, session: "Session") -> None:
        self.asked += 1
        session.sid = self._kept.pop(session.ruleset, None) or str(next(self._sids))

    def _leave(self, session: "Session") -> None:
        ruleset, sid = session.ruleset, session.sid
        handle = self._handles[ruleset]
        if session.clean and ruleset not in self._kept and _retracted(handle, session.asserted):
            self._kept[ruleset] = sid
        else:
            try:
                _C.delete_state(handle, sid)
            except Exception:  # deleting a session that never opened is harmless
                pass

    def _assert(self, session: "Session", fact: dict[str, Any]) -> list[str]:
        ruleset = session.ruleset
        layout = self._layouts.get(ruleset, {}).get(fact.get("t"))
        parts = layout.split(fact) if layout else [fact]
        fired = [name for part in parts for name in self._assert_one(session, part, alone=len(parts) == 1)]
        if not fired:
            raise EngineError(Msg("engine.not_exhaustive", ruleset=ruleset, kind=str(fact.get("t"))))
        return fired

    def _assert_one(self, session: "Session", fact: dict[str, Any], alone: bool = True) -> list[str]:
        """One fact; a part of a split fact may match none of its group's rules (another group's
        rule took the record), so only the whole is required to match something."""
        ruleset = session.ruleset
        # the fact as durable's own assert_fact writes it
        text = _to_json({**_readable(fact), "sid": session.sid})
        session.asserted.append(text)
        session.clean = False   # until the engine has answered in full
        try:
            fired = _held(_fire, self._handles[ruleset], text)
        except MemoryError:
            raise EngineError(Msg("engine.sessions")) from None
        session.clean = True
        if fired is None:
            if alone:
                raise EngineError(Msg("engine.not_exhaustive", ruleset=ruleset, kind=str(fact.get("t"))))
            return []
        names = self._names[ruleset]
        for name in fired:
            if name not in names:
                raise EngineError(Msg("engine.unknown_rule", name=name, ruleset=ruleset))
        return fired


def _retracted(handle: int, asserted: list[str]) -> bool:
    """Retract the facts a session was given, leaving it empty for the next record (a fact that
    matched no rule was not kept: retracting it does nothing). False if the engine refused."""
    try:
        _held(_retract_all, handle, asserted)
    except Exception:
        return False
    return True


def _retract_all(handle: int, asserted: list[str]) -> None:
    for text in asserted:
        _C.retract_fact(handle, text)


def _never_called(c: Any) -> None:
    """durable's Ruleset wants an action per rule; ``_fire`` takes the firings from the engine
    itself, so durable's dispatcher, the only caller of actions, never runs."""


def _fire(handle: int, text: str) -> list[str] | None:
    """Assert one fact (JSON text) and take every action it queued, in the engine's order: the
    rule names that fired, or None when no rule matched it (the session is opened all the same).

    This is the loop of durable's ``Ruleset.do_actions``/``_flush_actions`` without the Python
    action: start the session's first queued action, then complete it and start the next, until
    none is left. What durable does besides (a Closure per firing, the session state copied to
    JSON and written back unchanged by ``update_state``) selects no rule: every rule here starts
    with ``{"t": …}``, which the state fact never has."""
    code, state = _C.assert_fact(handle, text)
    if code == _NOT_HANDLED:
        return None
    if code != _HANDLED:   # 2: the same fact twice in a session; 3: deferred (stores only)
        raise EngineError(Msg("engine.not_taken", number=code))
    fired: list[str] = []
    started = _C.start_action_for_state(handle, state)
    message = started[1] if started else None
    while message is not None:
        fired.append(_rule_of(message))
        message = _C.complete_and_start_action(handle, state)
    return fired


def _rule_of(message: str) -> str:
    """The rule name of one queued action, ``{"<rule>":{"m":{…fact…}}}``: its first key."""
    if message.startswith('{"'):
        name, end = scanstring(message, 2)
        if message[end] == ":":
            return name
    [(name, _)] = json.loads(message).items()
    return name


try:   # the C function itself: signal's wrapper of it turns the mask it returns into enums, twice a call
    from _signal import pthread_sigmask as _sigmask
except ImportError:   # pragma: no cover - a Python without it (Windows has neither)
    _sigmask = getattr(signal, "pthread_sigmask", None)
_HELD = {signal.SIGINT, signal.SIGTERM} if _sigmask is not None else set()
_BLOCK, _SETMASK = getattr(signal, "SIG_BLOCK", 0), getattr(signal, "SIG_SETMASK", 2)


def _held(call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)`` with Ctrl-C and SIGTERM held. Either, while the engine runs an action, would
    raise inside C code, where the engine swallows it (the action's rule is then lost: a false "got
    0 statuses") or leaves its state half-updated. The signals are held for the length of one call
    and delivered after it, at a point where Python can stop cleanly. (A plain function, not a
    context manager: it runs for every fact asserted and retracted.)"""
    if not _HELD or threading.current_thread() is not threading.main_thread():
        return call(*args)
    previous = _sigmask(_BLOCK, _HELD)
    try:
        return call(*args)
    finally:
        _sigmask(_SETMASK, previous)


class Session:
    """One record's session (``RulesEngine.session``): entered, it has a session id; left, the
    facts asserted in it are retracted (or the session deleted when in doubt)."""

    def __init__(self, engine: RulesEngine, ruleset: str):
        self._engine, self.ruleset, self.sid = engine, ruleset, ""
        self.asserted: list[str] = []   # the facts asserted, as sent: retracted when the session is left
        self.clean = True               # False while (or if) the engine has not answered a fact in full

    def __enter__(self) -> "Session":
        self._engine._enter(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._engine._leave(self)

    def assert_fact(self, fact: dict[str, Any]) -> list[str]:
        """Assert one fact; return the names of the rules it fired, in firing order."""
        return self._engine._assert(self, fact)


# --- numbers the engine's JSON reader takes -----------------------------------------------------

def engine_number(value: Any) -> Any:
    """durable-rules' JSON reader refuses a number with an exponent but no decimal point, as
    Python writes 1e-05, 1e+20 or 5e-324 (error 204), and would stop the run on a record that
    holds such a value. An integral one is written as an integer; any other is moved to the next
    float up, which Python writes with a point (1.0000000000000002e-05): no threshold the engine
    accepts lies between the two, so no comparison changes."""
    if type(value) is not float or not math.isfinite(value):
        return value
    text = repr(value)
    if "e" not in text or "." in text:
        return value
    if value.is_integer():
        return int(value)
    while "." not in repr(value):
        value = math.nextafter(value, math.inf)
    return value


def _readable(fact: dict[str, Any]) -> dict[str, Any]:
    """The fact with every number as ``engine_number`` writes it: the fact itself when no value is
    a float Python writes with an exponent (repr does for a magnitude below 1e-4 or from 1e16 on;
    NaN and the infinities, which ``engine_number`` leaves as they are, take the long way too)."""
    for v in fact.values():
        if v.__class__ is float and v and not 1e-4 <= abs(v) < 1e16:
            return {k: engine_number(v) for k, v in fact.items()}
    return fact


def one_shot(encoder: json.JSONEncoder) -> Callable[[Any], str]:
    """``encoder.encode``, without what it does at every call: it makes json's C encoder anew
    (and a closure, and a dict to catch cycles) before writing anything, about 2.5 µs, which a
    batch paid for every fact and every record hashed. Here the C encoder is made once, with no
    check for cycles (what hoctap writes with it, records, facts, results and explanations, are
    trees of plain values, which have none); where it is
    missing or writes a sample differently, ``encode`` itself is used."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None or encoder.indent is not None:
        return encoder.encode
    write = json.encoder.encode_basestring_ascii if encoder.ensure_ascii else json.encoder.encode_basestring
    try:
        c_encoder = make(None, encoder.default, write, None, encoder.key_separator, encoder.item_separator,
                         encoder.sort_keys, encoder.skipkeys, encoder.allow_nan)
        sample = {"b": [1, 2.5, -0.0, True, None, 'é"\\\n\u2028\x00', 10**20, 1e-7], "a": {"z": 1e300, "y": []}}
        if "".join(c_encoder(sample, 0)) != encoder.encode(sample):
            return encoder.encode
    except Exception:   # pragma: no cover - a Python whose C encoder takes other arguments
        return encoder.encode
    join = "".join

    def encode(obj: Any) -> str:
        return join(c_encoder(obj, 0))
    return encode


# json.dumps(…, ensure_ascii=False), as durable's own assert_fact calls it, without a new encoder per call
_to_json = one_shot(json.JSONEncoder(ensure_ascii=False))


def _readable_rule(cond: Any) -> Any:
    if isinstance(cond, dict):
        return {k: _readable_rule(v) for k, v in cond.items()}
    if isinstance(cond, list):
        return [_readable_rule(c) for c in cond]
    return engine_number(cond)


# --- staying inside the C engine's fixed tables ------------------------------------------------

STACK_BUDGET = 40      # matching stack per fact (the engine's is 64; room for the t and g nodes and a margin)
FIELDS_BUDGET = 200    # properties per fact (the engine's limit is 255, with t, g and sid)
RULES_BUDGET = 200     # rules per group (256 rules may end on one node)
GROUPS_LIMIT = 400     # groups per fact kind (their nodes share one 512-slot hash set)
FANOUT_BUDGET = 100    # children of one node (512 slots; a full table makes matching loop forever)
_OPERATORS = {"$and", "$or", "$ex", "$nex", "$gte", "$gt", "$lte", "$lt", "$neq", "$eq"}


@dataclass
class _Layout:
    """How a fact of one kind is split: the fields each group's rules read."""

    groups: list[frozenset[str]]
    project: bool      # one group: pass the fact on whole unless it has too many properties

    def split(self, fact: dict[str, Any]) -> list[dict[str, Any]]:
        if len(self.groups) == 1:
            if self.project and len(fact) > FIELDS_BUDGET:
                return [{"t": fact["t"], **{f: fact[f] for f in self.groups[0] if f in fact}}]
            return [fact]
        return [{"t": fact["t"], "g": g, **{f: fact[f] for f in fields if f in fact}}
                for g, fields in enumerate(self.groups)]


def check_fits(definition: dict[str, dict]) -> None:
    """Raise EngineLimitError when a compiled pack cannot be made to fit the engine's tables."""
    _plan(definition)


def _plan(rules: dict[str, dict]) -> tuple[dict[str, dict], dict[str, _Layout]]:
    """Group each fact kind's rules so that no fact overflows the engine's tables; rules of a kind
    with several groups get ``{"g": k}`` after their discriminator. Rules keep their order.
    ``rules`` is not changed: the rules planned are copies (``_readable_rule`` makes every dict
    and list anew), and only those get a group."""
    rules = {name: _readable_rule(rule) for name, rule in rules.items()}
    by_kind: dict[str, list[tuple[str, list[dict]]]] = {}
    for name, rule in rules.items():
        kind, rest = _chain(name, rule)
        by_kind.setdefault(kind, []).append((name, rest))
    layouts: dict[str, _Layout] = {}
    for kind, chains in by_kind.items():
        groups = _one_group(chains) or _groups(kind, chains)
        layouts[kind] = _Layout([fields for fields, _ in groups], project=True)
        if len(groups) > 1:
            for g, (_, names) in enumerate(groups):
                for name in names:
                    rules[name]["all"][0]["m"]["$and"].insert(1, {"g": g})
    return rules, layouts


def _chain(name: str, rule: dict) -> tuple[str, list[dict]]:
    """A rule's fact kind (its first condition, ``{"t": kind}``) and the conditions after it."""
    try:
        [pattern] = rule["all"]
        first, *rest = pattern["m"]["$and"]
        [(key, kind)] = first.items()
    except (KeyError, ValueError, TypeError):
        raise EngineError(Msg("engine.rule_shape", name=name)) from None
    if key != "t":
        raise EngineError(Msg("engine.rule_shape", name=name))
    return str(kind), rest


def _one_group(chains: list[tuple[str, list[dict]]]) -> list[tuple[frozenset[str], list[str]]] | None:
    """The usual case, checked in one pass: every rule of the kind fits in a single group."""
    trie: dict = {}
    fields: set[str] = set()
    for _, rest in chains:
        _insert(trie, rest)
        _fields(rest, fields)
    if _fits(trie) and len(fields) <= FIELDS_BUDGET and len(chains) <= RULES_BUDGET:
        return [(frozenset(fields), [name for name, _ in chains])]
    return None


def _groups(kind: str, chains: list[tuple[str, list[dict]]]) -> list[tuple[frozenset[str], list[str]]]:
    """Rules in order, cut into groups whose alpha nodes fit the engine's tables."""
    groups: list[tuple[frozenset[str], list[str]]] = []
    trie: dict = {}
    fields: set[str] = set()
    names: list[str] = []
    for name, rest in chains:
        _check_alone(name, rest)
        need_fields = _fields(rest)
        candidate = _insert(copy.deepcopy(trie), rest)
        if names and (not _fits(candidate) or len(fields | need_fields) > FIELDS_BUDGET or len(names) >= RULES_BUDGET):
            groups.append((frozenset(fields), names))
            candidate, fields, names = _insert({}, rest), set(), []
        trie = candidate
        fields |= need_fields
        names.append(name)
    groups.append((frozenset(fields), names))
    if len(groups) > GROUPS_LIMIT:
        raise EngineLimitError(kind, Msg("engine.limit_groups", n=len(groups), limit=GROUPS_LIMIT))
    return groups


def _check_alone(name: str, chain: list[dict]) -> None:
    """A rule that does not fit even in a group of its own cannot be split: say which and why."""
    trie = _insert({}, chain)
    if _fanout(trie) > FANOUT_BUDGET:
        raise EngineLimitError(name, Msg("engine.limit_fanout", n=_fanout(trie), limit=FANOUT_BUDGET))
    if _stack_need(trie) > STACK_BUDGET:
        raise EngineLimitError(name, Msg("engine.limit_stack", n=_stack_need(trie), limit=STACK_BUDGET))
    if len(_fields(chain)) > FIELDS_BUDGET:
        raise EngineLimitError(name, Msg("engine.limit_fields", n=len(_fields(chain)), limit=FIELDS_BUDGET))


def _fits(trie: dict) -> bool:
    return _stack_need(trie) <= STACK_BUDGET and _fanout(trie) <= FANOUT_BUDGET


def _insert(trie: dict, chain: list[dict]) -> dict:
    """Add a condition chain to a trie of alpha nodes (shared prefixes are shared nodes, as in the
    engine); an ``$or`` is one branch per alternative, each followed by the rest of the chain."""
    if not chain:
        return trie
    head, rest = chain[0], chain[1:]
    alternatives = head["$or"] if set(head) == {"$or"} else [head]
    for alt in alternatives:
        _insert(trie.setdefault(_sorted_json(alt), {}), rest)
    return trie


# json.dumps(…, sort_keys=True): a condition's key in the trie, without a new encoder per call
_sorted_json = json.JSONEncoder(sort_keys=True).encode


def _stack_need(trie: dict) -> int:
    """An upper bound of the matching stack below a node: every child that can match at once may
    be pending while the deepest one is walked. Equality tests of one field (``{"f": 1}``,
    ``{"f": 2}``) are exclusive, so they count once."""
    if not trie:
        return 0
    return _at_once(trie) - 1 + max(1, max(_stack_need(child) for child in trie.values()))


def _at_once(trie: dict) -> int:
    """Children that can match one fact together: of the equality tests of one field at most one
    matches, and of ``$ex`` / ``$nex`` of one field exactly one."""
    return len({_exclusive_class(key) for key in trie})


@functools.lru_cache(maxsize=4096)
def _exclusive_class(key: str) -> tuple:
    cond = json.loads(key)
    [(op, arg)] = cond.items() if len(cond) == 1 else [(key, None)]
    if op not in _OPERATORS and not isinstance(arg, (dict, list)):
        return ("=", op)
    if op in ("$ex", "$nex") and isinstance(arg, dict) and len(arg) == 1:
        return ("ex", *arg)
    return ("key", key)


def _fanout(trie: dict) -> int:
    """The most children of any one node (each node's children share a table of 512 slots)."""
    return max([len(trie), *(_fanout(child) for child in trie.values())])


def _fields(conditions: Any, out: set[str] | None = None) -> set[str]:
    """The fact fields a condition list reads (added to ``out``, one set for the whole walk)."""
    out = set() if out is None else out
    if isinstance(conditions, list):
        for c in conditions:
            _fields(c, out)
    elif isinstance(conditions, dict):
        for key, value in conditions.items():
            if key in _OPERATORS:
                _fields(value, out)
            else:
                out.add(key)
    return out


VENDORED_DURABLE = "2.0.28"   # vendor/durable-rules-2.0.28, built into hoctap's wheel on Python 3.13+


def durable_version() -> str:
    """The installed durable-rules version, part of every result's provenance. On Python 3.13+ the
    same release is built from vendor/ into hoctap's own wheel (see setup.py), so no distribution
    of that name exists: the ``durable`` package then belongs to hoctap."""
    found = _installed_beside()
    if found:
        return found
    from importlib.metadata import PackageNotFoundError, packages_distributions, version
    try:
        return version("durable-rules")
    except PackageNotFoundError:
        if "hoctap" in packages_distributions().get("durable", []):
            return VENDORED_DURABLE
        return "unknown"  # pragma: no cover - a source checkout without metadata


def _installed_beside() -> str | None:
    """The durable-rules version as the files say it, without importlib.metadata, which costs more
    than a whole record at every start (issue 14; tests/test_startup.py checks both give the same):
    the name of the durable_rules-<version>.dist-info folder pip leaves beside the ``durable``
    package, else hoctap's own copy (3.13+): from vendor/ in a checkout, or listed in the
    top_level.txt of hoctap's .dist-info beside it. None: ask importlib.metadata."""
    import os
    folder = os.path.dirname(os.path.dirname(os.path.abspath(_durable.__file__)))
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if folder == os.path.join(root, "vendor", f"durable-rules-{VENDORED_DURABLE}", "libpy"):
        return VENDORED_DURABLE
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    prefix, suffix = "durable_rules-", ".dist-info"
    found = [n[len(prefix):-len(suffix)] for n in names if n.startswith(prefix) and n.endswith(suffix)]
    if found:
        return found[0] if len(found) == 1 else None
    for name in names:
        if name.startswith("hoctap-") and name.endswith(suffix):
            try:
                with open(os.path.join(folder, name, "top_level.txt"), encoding="utf-8") as f:
                    if "durable" in f.read().split():
                        return VENDORED_DURABLE
            except OSError:
                pass
    return None
