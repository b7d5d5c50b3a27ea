"""Every error the library raises on purpose, in one place.

Each exception carries structured fields (file, YAML path, row, field) and builds
its own message, so the CLI only has to print ``str(error)`` and pick an exit code.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class HoctapError(Exception):
    """Base class: a user-facing error whose message says what to fix."""


class UsageError(HoctapError):
    """The command was called with arguments that cannot work."""


class CriteriaError(HoctapError):
    """A criteria or goal file is invalid. ``path`` is the YAML path, e.g. ``criteria[0].indicators[2].rule.max``."""

    def __init__(self, file: str, path: str, problem: str, line: int | None = None):
        self.file, self.path, self.problem, self.line = file, path, problem, line
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {path or '(top)'}: {problem}")


class CriteriaErrors(HoctapError):
    """Several problems found in one criteria file; all are reported at once."""

    def __init__(self, errors: list[CriteriaError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class PackNotFound(HoctapError):
    def __init__(self, name: str, known: Iterable[str]):
        known = sorted(known)
        self.name = name
        super().__init__(
            f"no criteria pack '{name}'{did_you_mean(name, known)}: give a shipped pack id "
            f"({', '.join(known)}) or the path of a .yaml file"
        )


class InputFileError(HoctapError):
    """A records file cannot be read at all (missing, empty, not UTF-8, not CSV/JSON)."""

    def __init__(self, file: str, problem: str):
        self.file, self.problem = file, problem
        super().__init__(f"{file}: {problem}")


class RecordError(HoctapError):
    """One record is invalid; the batch goes on without it."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


class EngineError(HoctapError):
    """The rules engine broke its contract (a bug, not a user error): never silenced."""


class OutputFileError(HoctapError):
    """The output file cannot be written (missing folder, no permission, unknown format)."""

    def __init__(self, file: str, problem: str):
        self.file, self.problem = file, problem
        super().__init__(f"{file}: {problem}")
