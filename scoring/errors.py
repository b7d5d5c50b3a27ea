"""Every error the library raises on purpose, in one place.

Each exception carries structured fields (file, YAML path, row, field) and builds
its own message, so the CLI only has to print ``str(error)`` and pick an exit code.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def not_a_regular_file(path: Any) -> str | None:
    """Why ``path`` cannot be read as a file (a folder, a FIFO or device that could block the run
    forever, a symbolic-link loop), or None for an ordinary file or a missing one."""
    import os
    import stat
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None   # the reader's own open says so, in the words it always used
    except OSError as exc:
        return f"không mở được tệp ({exc.strerror}): kiểm tra đường dẫn (liên kết tượng trưng vòng tròn?)"
    if stat.S_ISDIR(mode):
        return "đây là một thư mục, không phải một tệp: chỉ ra một tệp trong thư mục đó"
    if not stat.S_ISREG(mode):
        kind = "FIFO (ống có tên)" if stat.S_ISFIFO(mode) else "tệp thiết bị hoặc socket"
        return f"đây là một {kind}, không phải một tệp thường: đọc nó có thể chờ mãi; lưu dữ liệu vào một tệp rồi chạy lại"
    return None


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
    kind = "criteria pack"

    def __init__(self, name: str, known: Iterable[str]):
        known = sorted(known)
        self.name = name
        super().__init__(
            f"no {self.kind} '{name}'{did_you_mean(name, known)}: give a shipped {self.kind} id "
            f"({', '.join(known)}) or the path of a .yaml file"
        )


class StatsFormNotFound(PackNotFound):
    kind = "statistics form (mẫu thống kê)"


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


class EngineLimitError(HoctapError):
    """A pack's compiled rules do not fit the rules engine's fixed tables, even split into groups
    (one indicator alone is too wide). Reported by ``validate`` before anything is scored."""

    def __init__(self, rule: str, problem: str):
        self.rule, self.problem = rule, problem
        super().__init__(f"quy tắc '{rule}' {problem}: giảm số giá trị trong 'applies_to' hoặc số dòng "
                         "của bảng 'graded' của chỉ số này, hoặc tách chỉ số thành nhiều chỉ số")


class AnswerError(HoctapError):
    """A self-check answers file gives an answer that cannot be used. ``question`` is the input
    name (or the unknown key) it concerns."""

    def __init__(self, file: str, question: str, problem: str):
        self.file, self.question, self.problem = file, question, problem
        super().__init__(f"{file}: {problem}")


class NotInForce(HoctapError):
    """No pack of a model (or not the pack named) is in force on the assessment date."""

    def __init__(self, name: str, on: str, nearest: list[str], named_pack: str | None = None):
        self.name, self.on, self.nearest = name, on, nearest
        if named_pack:
            msg = (f"criteria pack '{name}' ({named_pack}) is not in force on {on}"
                   + (f"; in force then: {', '.join(nearest)}" if nearest else "")
                   + ". Name the model instead to choose by date, or change --as-of")
        else:
            msg = (f"no criteria pack of model '{name}' is in force on {on}: nearest "
                   f"{'; '.join(nearest) or 'none'}. Give an --as-of date inside one of these periods, "
                   f"or name a pack explicitly (hoctap packs lists them)")
        super().__init__(msg)


class StoreError(HoctapError):
    """The run store cannot be opened or does not hold what was asked for."""


class GoalPackNotFound(PackNotFound):
    kind = "goal pack"


class GoalYearError(UsageError):
    """The year asked for has no target in the goal pack."""

    def __init__(self, pack_id: str, year: int | None, years: list[int], problem: str = ""):
        self.pack_id, self.year, self.years = pack_id, year, years
        listed = ", ".join(str(y) for y in years)
        problem = problem or f"goal pack '{pack_id}' has no target for {year}"
        super().__init__(f"{problem}: its target years are {listed}; choose one with --year")


class OutputFileError(HoctapError):
    """The output file cannot be written (missing folder, no permission, unknown format)."""

    def __init__(self, file: str, problem: str):
        self.file, self.problem = file, problem
        super().__init__(f"{file}: {problem}")
