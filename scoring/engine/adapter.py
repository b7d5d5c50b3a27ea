"""The only module that imports durable-rules: a small adapter with the traps handled.

- no background dispatcher threads (they race with synchronous calls);
- facts, not events (an event is consumed by the first matching rule only);
- one session per record, always deleted in ``finally`` (a ruleset holds 1,024 live sessions);
- rulesets registered once per host under a content-derived name, from a deep copy
  (registration mutates the dict it is given);
- actions only append the rule's name: anything more could raise inside the engine,
  where exceptions can be swallowed.
"""
from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from durable import engine as _durable

from scoring.errors import EngineError

MessageNotHandled = _durable.MessageNotHandledException


class _QuietHost(_durable.Host):
    def _run(self) -> None:  # do not start the timer threads
        pass


class RulesEngine:
    """One durable-rules host. Use one per process (hosts hold C state; not thread-safe)."""

    def __init__(self) -> None:
        self._host = _QuietHost()
        self._registered: set[str] = set()
        self._fired: dict[str, list[str]] = {}
        self._sids = itertools.count(1)

    def register(self, name: str, definition: dict[str, dict]) -> None:
        if name in self._registered:
            return
        rules = copy.deepcopy(definition)
        for rule_name, rule in rules.items():
            rule["run"] = self._action(rule_name)
        try:
            self._host.register_rulesets({name: rules})
        except Exception as exc:  # the C engine raises bare Exceptions with codes
            raise EngineError(f"the rules engine refused ruleset '{name}': {exc}") from exc
        self._registered.add(name)

    def _action(self, rule_name: str):
        fired = self._fired

        def action(c: Any) -> None:
            fired[c.m._d["sid"]].append(rule_name)
        return action

    @contextmanager
    def session(self, ruleset: str) -> Iterator["Session"]:
        sid = str(next(self._sids))
        self._fired[sid] = []
        try:
            yield Session(self, ruleset, sid)
        finally:
            self._fired.pop(sid, None)
            try:
                self._host.delete_state(ruleset, sid)
            except Exception:  # deleting a session that never opened is harmless
                pass

    def _assert(self, ruleset: str, sid: str, fact: dict[str, Any]) -> list[str]:
        before = len(self._fired[sid])
        try:
            self._host.assert_fact(ruleset, {**fact, "sid": sid})
        except MessageNotHandled:
            raise EngineError(f"no rule of '{ruleset}' matched a '{fact.get('t')}' fact: the compiled rules are not exhaustive") from None
        except MemoryError:
            raise EngineError("the rules engine ran out of sessions (1,024 live at most): restart the run") from None
        return self._fired[sid][before:]


class Session:
    def __init__(self, engine: RulesEngine, ruleset: str, sid: str):
        self._engine, self._ruleset, self.sid = engine, ruleset, sid

    def assert_fact(self, fact: dict[str, Any]) -> list[str]:
        """Assert one fact; return the names of the rules it fired, in firing order."""
        return self._engine._assert(self._ruleset, self.sid, fact)


VENDORED_DURABLE = "2.0.28"   # vendor/durable-rules-2.0.28, built into hoctap's wheel on Python 3.13+


def durable_version() -> str:
    """The installed durable-rules version, part of every result's provenance. On Python 3.13+ the
    same release is built from vendor/ into hoctap's own wheel (see setup.py), so no distribution
    of that name exists: the ``durable`` package then belongs to hoctap."""
    from importlib.metadata import PackageNotFoundError, packages_distributions, version
    try:
        return version("durable-rules")
    except PackageNotFoundError:
        if "hoctap" in packages_distributions().get("durable", []):
            return VENDORED_DURABLE
        return "unknown"  # pragma: no cover - a source checkout without metadata
