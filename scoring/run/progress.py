"""A long run's progress line: how many records of how many, and the time left, in words.

The readers say how far they are in their files (``records.raw.Position``); this turns that
into a total (declared by a workbook, else estimated from the part read) and a line. Pure
functions, apart from asking the positions: the command line redraws the line on a terminal at
most twice a second, and writes it to a log (stderr piped or redirected) at most every
``LOG_SECONDS``.
"""
from __future__ import annotations

from typing import NamedTuple

from scoring.messages import fmt_num, t
from scoring.records.raw import Position

SETTLE_SECONDS = 2.0   # the rate of the first moments (opening files, starting workers) says little
# In a log each line stays: one at most this often keeps a long scheduled run's log readable, and a
# shorter run writes none, so that its lines (and every documented output) stay as they are.
LOG_SECONDS = 30.0


class Progress(NamedTuple):
    """The part of the input read (0 to 1, None when unknown) and the rows in all (None when
    unknown); ``estimated`` when that total is worked out from the part read."""

    fraction: float | None
    total: int | None
    estimated: bool = True


def progress_of(done: int, read: int, positions: list[Position], reading: int) -> Progress:
    """``done`` rows of ``read`` rows read (the reader may run ahead: worker processes) have come out.
    Files are read in order: those before ``reading`` are read, those after it not yet. Each
    file weighs its size on disk. The total is the rows the files declare (workbooks) when all of
    them do, else the rows read scaled up by the part read; the fraction is ``done`` of that."""
    weights = [p.size for p in positions]
    whole = sum(weights)
    if not whole or not done:
        return Progress(None, None)
    declared = [p.rows for p in positions]
    if all(rows is not None for rows in declared):
        total = max(done, sum(declared))   # blank rows and a footer under a table are no records
        return Progress(done / total, total, estimated=False)
    shares = [1.0] * reading + [p.share() for p in positions[reading:reading + 1]]
    part = min(1.0, sum(w * s for w, s in zip(weights, shares)) / whole)
    if not part:
        return Progress(None, None)
    read = max(done, read)
    return Progress(part * (done / read), max(read, _about(read / part)))


def _about(estimate: float) -> int:
    """An estimate to three significant digits (59.782 → 59.800): the last ones would only flicker."""
    digits = len(str(int(estimate)))
    return int(round(estimate, -max(0, digits - 3)))


def time_left(elapsed: float, fraction: float | None) -> float | None:
    """Seconds left at the pace so far: elapsed × (1 − fraction) / fraction; None in the first
    seconds (too early to tell) or without a fraction."""
    if fraction is None or fraction <= 0 or elapsed < SETTLE_SECONDS:
        return None
    return elapsed * (1 - min(fraction, 1.0)) / fraction


def duration(seconds: float, lang: str | None = None) -> str:
    """Seconds in words, rounded as a person would say them: 5-second steps under a minute, then
    10 seconds under 10 minutes, whole minutes under an hour, 5 minutes beyond ('1 phút 20 giây')."""
    step = 5 if seconds < 60 else 10 if seconds < 600 else 60 if seconds < 3600 else 300
    rounded = max(5, int(seconds / step + 0.5) * step)   # half up: 65 s is 1 min 10 s
    hours, rest = divmod(rounded, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [t(code, lang, n=fmt_num(n, lang)) for code, n in (("time.h", hours), ("time.min", minutes), ("time.s", secs)) if n]
    return " ".join(parts)


def line(done: int, progress: Progress, elapsed: float, lang: str | None = None, code: str = "progress.total") -> str | None:
    """'đang chấm: 12.000/≈100.000 hồ sơ (12%), còn khoảng 1 phút 20 giây', or None when the
    total is not known (the caller then shows the count alone). ``code``: the words before the
    time left ('progress.verify': 'đang kiểm tra lại: 12.000/20.000 dòng (60%)')."""
    if progress.total is None or progress.fraction is None:
        return None
    total = fmt_num(progress.total, lang)
    shown = t(code, lang, n=fmt_num(done, lang), percent=int(progress.fraction * 100),
              total=t("progress.about", lang, total=total) if progress.estimated else total)
    left = time_left(elapsed, progress.fraction)
    return shown if left is None else t("progress.left", lang, line=shown, time=duration(left, lang))
