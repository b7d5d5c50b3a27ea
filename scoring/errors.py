"""Every error the library raises on purpose, in one place.

Each exception carries structured fields (file, YAML path, row, field) and a message from the
catalogue (``scoring.messages``): a code and fields, put into words only when shown, in the
language asked for. The CLI prints ``str(error)`` (the current language) and picks an exit code;
a batch renders a record's error in the batch's own language (``render(lang)``).
"""
from __future__ import annotations

import errno
from collections.abc import Iterable
from typing import Any

from scoring.messages import Msg, did_you_mean, text

__all__ = ["did_you_mean", "Msg"]


# Why the operating system refused to open, make or replace a file, in the user's words: ``strerror``
# is the C library's English ('Permission denied', 'File name too long') on Linux and on Windows alike;
# shown as it is, a council clerk reads English with no idea what to do. The usual causes are named
# with their fix; anything else keeps the system's own words.
WINDOWS_SHARING = (32, 33)   # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has the file open
ERROR_FILENAME_EXCED_RANGE = 206   # Windows: the name or path is too long

BY_ERRNO = {errno.EACCES: "os.denied", errno.EPERM: "os.denied", errno.EROFS: "os.read_only_disk",
            errno.ENAMETOOLONG: "os.name_too_long", errno.ENOSPC: "os.disk_full", errno.EDQUOT: "os.disk_full",
            errno.ENOENT: "file.no_such", errno.EISDIR: "os.is_folder", errno.EBUSY: "os.denied",
            errno.ETXTBSY: "os.denied"}


def os_reason(exc: OSError) -> Msg | str:
    """What went wrong, said so that the user knows what to do (the system's words when unknown)."""
    winerror = getattr(exc, "winerror", None)
    if winerror in WINDOWS_SHARING:
        return Msg("os.denied")
    if winerror == ERROR_FILENAME_EXCED_RANGE:
        return Msg("os.name_too_long")
    key = BY_ERRNO.get(exc.errno or 0)
    return Msg(key) if key else str(exc.strerror or exc)


def not_a_regular_file(path: Any) -> Msg | None:
    """Why ``path`` cannot be read as a file (a folder, a FIFO or device that could block the run
    forever, a symbolic-link loop), or None for an ordinary file or a missing one."""
    import os
    import stat
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None   # the reader's own open says so, in the words it always used
    except OSError as exc:
        return Msg("vf.cannot_open", reason=os_reason(exc))
    if stat.S_ISDIR(mode):
        return Msg("vf.a_folder")
    if not stat.S_ISREG(mode):
        return Msg("vf.special", kind=Msg("vf.fifo" if stat.S_ISFIFO(mode) else "vf.device"))
    return None


class HoctapError(Exception):
    """Base class: a user-facing error whose message says what to fix. ``message`` is a Msg
    (or, from older callers, a plain string)."""

    def __init__(self, message: Any = ""):
        self.message = message
        super().__init__(message)

    def render(self, lang: str | None = None) -> str:
        return text(self.message, lang)

    def __str__(self) -> str:
        return self.render()


class UsageError(HoctapError):
    """The command was called with arguments that cannot work."""


class CriteriaError(HoctapError):
    """A criteria or goal file is invalid. ``path`` is the YAML path, e.g. ``criteria[0].indicators[2].rule.max``
    ('' the top of the file; None: the file as a whole, which could not be read)."""

    def __init__(self, file: str, path: str | None, problem: Any, line: int | None = None):
        self.file, self.path, self.problem, self.line = file, path, problem, line
        super().__init__(problem)

    def render(self, lang: str | None = None) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.path is None:
            return Msg("where_message", where=where, message=self.problem).render(lang)
        return Msg("criteria_error", where=where, path=self.path or Msg("top"), problem=self.problem).render(lang)


class CriteriaErrors(HoctapError):
    """Several problems found in one criteria file; all are reported at once."""

    def __init__(self, errors: list[CriteriaError]):
        self.errors = errors
        super().__init__()

    def render(self, lang: str | None = None) -> str:
        return "\n".join(e.render(lang) for e in self.errors)


class PackNotFound(HoctapError):
    kind = "kind_criteria"   # a catalogue code, put into words in the language shown

    def __init__(self, name: str, known: Iterable[str]):
        known = sorted(known)
        self.name = name
        super().__init__(Msg("pack_not_found", kind=Msg(self.kind), name=name, hint=did_you_mean(name, known),
                             known=", ".join(known)))


class StatsFormNotFound(PackNotFound):
    kind = "kind_stats_form"


class InputFileError(HoctapError):
    """A records file cannot be read at all (missing, empty, not UTF-8, not CSV/JSON)."""

    def __init__(self, file: str, problem: Any):
        self.file, self.problem = file, problem
        super().__init__(Msg("where_message", where=file, message=problem))


class RecordError(HoctapError):
    """One record is invalid; the batch goes on without it. ``problems``: Msgs or strings."""

    def __init__(self, problems: list[Any]):
        self.problems = problems
        super().__init__(list(problems))


class EngineError(HoctapError):
    """The rules engine broke its contract (a bug, not a user error): never silenced. The
    technical detail (for whoever fixes it) is framed, once here, by a sentence in the run's
    language saying it is hoctap's fault and what to do."""

    def __init__(self, detail: Any = ""):
        self.detail = detail
        super().__init__(Msg("engine.internal", detail=detail))


class WorkerStopped(HoctapError):
    """A scoring process of ``--jobs N`` died (killed, out of memory, could not start): not the
    data's fault nor a rule's, and nothing was written; the run can simply be repeated."""

    def __init__(self) -> None:
        super().__init__(Msg("engine.worker"))


class EngineLimitError(HoctapError):
    """A pack's compiled rules do not fit the rules engine's fixed tables, even split into groups
    (one indicator alone is too wide). Reported by ``validate`` before anything is scored."""

    def __init__(self, rule: str, problem: Msg):
        self.rule, self.problem = rule, problem
        super().__init__(Msg("engine.limit", rule=rule, problem=problem))


class AnswerError(HoctapError):
    """A self-check answers file gives an answer that cannot be used. ``question`` is the input
    name (or the unknown key) it concerns."""

    def __init__(self, file: str, question: str, problem: Any):
        self.file, self.question, self.problem = file, question, problem
        super().__init__(Msg("where_message", where=file, message=problem))


class NotInForce(HoctapError):
    """No pack of a model (or not the pack named) is in force on the assessment date."""

    def __init__(self, name: str, on: Any, nearest: list[Any], named_pack: Any = None):
        self.name, self.on, self.nearest = name, str(on), nearest
        on = Msg("date", d=on)   # 31/12/1990 for a council, as its documents write dates
        if named_pack:
            then = Msg("in_force_then", packs=Msg("list", items=nearest)) if nearest else ""
            msg = Msg("not_in_force_named", name=name, pack=named_pack, on=on, then=then)
        else:
            msg = Msg("not_in_force_model", name=name, on=on, nearest=Msg("list", items=nearest, sep="; ") if nearest else Msg("none"))
        super().__init__(msg)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) that stopped a run whose files are not 'nothing written' (a run store holds
    the run as unfinished; the results file may be whole): ``message`` says what is left, in the
    place of the plain 'interrupted'. Still a KeyboardInterrupt: every handler of one stops the same."""

    def __init__(self, message: Msg):
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return text(self.message)


class StoreError(HoctapError):
    """The run store cannot be opened or does not hold what was asked for."""


class StoredRowError(StoreError):
    """A stored row that cannot be read back as hoctap wrote it (its stored inputs altered in the store)."""


class GoalPackNotFound(PackNotFound):
    kind = "kind_goals"


class GoalPackGivenAsCriteria(PackNotFound):
    """'hoctap score -c muc-tieu-qd1373': no criteria pack of that name, but a goal pack: said so."""

    def __init__(self, name: str):
        self.name = name
        HoctapError.__init__(self, Msg("wrong_kind.goals", name=name))


class CriteriaGivenAsGoalPack(GoalPackNotFound):
    """'hoctap goals -g cong-dan-hoc-tap': no goal pack of that name, but a criteria pack: said so."""

    def __init__(self, name: str):
        self.name = name
        HoctapError.__init__(self, Msg("wrong_kind.criteria", name=name))


class GoalYearError(UsageError):
    """The year asked for has no target in the goal pack."""

    def __init__(self, pack_id: str, year: int | None, years: list[int], problem: Any = ""):
        self.pack_id, self.year, self.years = pack_id, year, years
        listed = ", ".join(str(y) for y in years)
        problem = self.problem = problem or Msg("goal_no_year", pack=pack_id, year=year)
        super().__init__(Msg("goal_year", problem=problem, years=listed))


class OutputFileError(HoctapError):
    """The output file cannot be written (missing folder, no permission, unknown format)."""

    def __init__(self, file: str, problem: Any):
        self.file, self.problem = file, problem
        super().__init__(Msg("where_message", where=file, message=problem))
