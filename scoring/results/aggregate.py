"""Step 6: per-row results and the counts of a run (records in = scored + rejected)."""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any

from scoring.engine.evaluate import Scored
from scoring.results.explain import explain, short_reason
from scoring.packs.model import LoadedPack
from scoring.packs.catalog import InForce
from scoring.results.provenance import Provenance

if TYPE_CHECKING:   # loaded by what makes them (an explanation, a record's claims), not at every start
    from scoring.results.claims import Verification
    from scoring.results.tree import Explanation, MemberShare


@dataclass(frozen=True)
class Result:
    """One input row's fate: ``scored`` + ``explanation``, or ``error`` (rejected)."""

    id: str | None
    where: str
    scored: Scored | None = None
    error: str | None = None
    loaded: LoadedPack | None = field(default=None, repr=False, compare=False)
    lang: str = "vi"
    provenance: Provenance | None = field(default=None, compare=False)
    in_force: InForce | None = field(default=None, repr=False, compare=False)
    raw: dict[str, Any] | None = field(default=None, repr=False, compare=False)  # the row as read
    members: tuple[MemberShare, ...] = ()   # inputs computed from the unit's members, if any
    verification: Verification | None = None      # set when the record carries its own claimed result
    extra: dict[str, Any] = field(default_factory=dict, compare=False)   # columns carried on request (--by)
    given_reason: str | None = field(default=None, repr=False, compare=False)  # computed by a worker process
    warnings: tuple[str, ...] = ()    # e.g. a district pack used after the district tier was abolished (warn_after)
    source: str | None = field(default=None, repr=False, compare=False)   # the file (and sheet) of the row
    # its JSON line (UTF-8 bytes from a worker), made where it was scored (``Batch.lines``): then only the line, id and
    # the place are kept, not the scores (they were written into the line where they were made)
    given_line: str | bytes | None = field(default=None, repr=False, compare=False)
    # what the run store keeps of it that costs most to make (``audit.store.stored_here``), made where it was scored
    given_stored: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def quick(cls, id: str | None, where: str, **given: Any) -> "Result":
        """``Result(id, where, **given)``, the same object, made without the frozen dataclass's
        ``__init__``: it sets each of the 18 fields through ``object.__setattr__``, and a batch makes
        one result per row. Only the fields given (and those made by a factory) are put in the
        object's own dict, a new plain one: a field left out reads its default from the class, where
        the dataclass leaves it. ``tests/test_quick.py`` compares the two ways field by field."""
        made = object.__new__(cls)
        kept = {"id": id, "where": where}
        for name, factory in _RESULT_FACTORIES:
            kept[name] = factory()
        kept.update(given)
        _set(made, "__dict__", kept)
        return made

    @classmethod
    def lined(cls, id: str, where: str, line: str | bytes, in_force: InForce, lang: str, raw: dict[str, Any],
              source: str, warnings: tuple[str, ...] = ()) -> "Result":
        """``quick`` of a scored row whose JSON line was made where it was scored (``given_line``),
        its fields given in one dict, without keywords: one is made per row of a JSON Lines run."""
        made = object.__new__(cls)
        _set(made, "__dict__", {"id": id, "where": where, "extra": {}, "loaded": in_force.loaded, "lang": lang,
                                "in_force": in_force, "raw": raw, "warnings": warnings, "source": source,
                                "given_line": line})
        return made

    @property
    def ok(self) -> bool:
        return self.error is None

    @cached_property
    def explanation(self) -> Explanation | None:
        """Built on first use: a batch written as a table or CSV never needs most of it."""
        if self.scored is None or self.loaded is None:
            return None
        return explain(self.scored, self.loaded, self.lang, self.in_force, self.members, self.warnings)

    @cached_property
    def reason(self) -> str:
        return self.reason_now()

    def reason_now(self) -> str:
        """``reason``, kept if already asked for, else worked out without keeping it (a cached
        property costs a lock per call on Python 3.11; a JSON line asks once)."""
        if "reason" in self.__dict__:
            return self.__dict__["reason"]
        if self.scored is None or self.loaded is None:
            return self.error or ""
        if self.given_reason is not None:
            return self.given_reason
        return short_reason(self.scored, self.loaded.pack, self.lang)

    @property
    def label(self) -> str:
        return self.loaded.pack.outcome_label(self.scored.outcome, self.lang) if self.scored and self.loaded else ""



_RESULT_FACTORIES = [(f.name, f.default_factory) for f in fields(Result) if f.default_factory is not MISSING]
_set = object.__setattr__   # a frozen dataclass refuses its own


class LineBlock:
    """Rows one after another, scored (or rejected) and written as JSON lines where they were
    read (``run.parts``): ``given_line`` holds their lines joined, as a result's JSON line is
    given (the writer writes it and a line end); ``rows`` how many, ``scored`` how many of them
    were scored. A batch gives these among its results only when asked (``Batch.blocks``)."""

    __slots__ = ("given_line", "rows", "scored")

    def __init__(self, lines: bytes, rows: int, scored: int):
        self.given_line, self.rows, self.scored = lines, rows, scored


@dataclass
class Counts:
    """Rows read = scored + rejected + skipped (rows under a table that are not records)."""

    read: int = 0
    scored: int = 0
    rejected: int = 0
    skipped: int = 0
    skipped_rows: list[tuple[str, str]] = field(default_factory=list, repr=False, compare=False)  # (where, what)

    def add(self, result: Result) -> None:
        self.read += 1
        if result.error is None:   # result.ok, without a property's call (once per row, twice in a file's run)
            self.scored += 1
        else:
            self.rejected += 1

    def add_lines(self, block: "LineBlock") -> None:
        """``add`` of each row of a block of rows written where they were scored."""
        self.read += block.rows
        self.scored += block.scored
        self.rejected += block.rows - block.scored

    def add_scored(self) -> None:
        """``add`` of a scored result, for a caller that makes none (a goal report's records)."""
        self.read += 1
        self.scored += 1

    def skip(self, rows: list[tuple[str, str]]) -> None:
        self.read += len(rows)
        self.skipped += len(rows)
        self.skipped_rows.extend(rows)

    @property
    def records(self) -> int:
        """Rows that gave a result (scored or rejected): what a run store holds."""
        return self.read - self.skipped

    @property
    def balanced(self) -> bool:
        return self.read == self.scored + self.rejected + self.skipped
