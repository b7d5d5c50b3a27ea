"""Step 6: per-row results and the counts of a run (records in = scored + rejected)."""
from __future__ import annotations

from dataclasses import dataclass

from .evaluate import Scored
from .explain import Explanation


@dataclass(frozen=True)
class Result:
    """One input row's fate: ``scored`` + ``explanation``, or ``error`` (rejected)."""

    id: str | None
    where: str
    scored: Scored | None = None
    explanation: Explanation | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Counts:
    read: int = 0
    scored: int = 0
    rejected: int = 0

    def add(self, result: Result) -> None:
        self.read += 1
        if result.ok:
            self.scored += 1
        else:
            self.rejected += 1

    @property
    def balanced(self) -> bool:
        return self.read == self.scored + self.rejected
