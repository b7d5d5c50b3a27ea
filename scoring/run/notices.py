"""What a run says to its user beside the results, once each: a provisional pack, a record dated
after its pack's ``warn_after`` day or outside the period of a pack named for it, and after the results, a share written as a fraction in a
column of percentages (``records.shares``). One place for ``hoctap score``/``report``/… and ``hoctap
serve``, so the council page warns of exactly what the command line warns of."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any

from scoring.messages import Msg, fmt_date
from scoring.packs.catalog import typed_name
from scoring.packs.model import LoadedPack
from scoring.records.dates import may_warn, out_of_period_notice
from scoring.results.aggregate import Result

Warn = Callable[[Msg], None]


def warned(batch: Any, warn: Warn) -> Iterator[Result]:
    """The batch's results (a ``Batch`` or a ``UnitBatch``), after ``warn`` once for each
    provisional pack as it is first used (when each record's date chooses its pack, several may
    be), and once for each pack whose ``warn_after`` day a record's date passes (e.g. a district
    pack after the district tier ended)."""
    if batch.loaded and getattr(batch, "chooser", None) is None and not may_warn_here(batch):
        # one pack, and no record's date can pass its last day or fall outside its period: nothing to look at per result
        provisional(batch.loaded, warn)
        return _then_said(batch, batch.results(), warn)
    return _each_warned(batch, warn)


def _then_said(batch: Any, results: Iterator[Result], warn: Warn) -> Iterator[Result]:
    with closing(results):   # closed early (an error, a stopped server): the batch's workers stop now
        yield from results
    said_after(batch, warn)


def said_after(batch: Any, warn: Warn) -> None:
    """What the batch could say only once every row was read: shares written as fractions."""
    for message in getattr(batch, "after", ()):
        warn(message)


def run_warnings(batch: Any) -> list[str]:
    """What the run warned of that no result carries, once every result is through: what the
    readers noticed (hidden rows and columns scored, a two-row header joined, a sheet not read), a
    share written as a fraction, members of units not in the units' file. (A record dated after its
    pack's day is said on its own row, a provisional pack in the summary.)"""
    return list(dict.fromkeys([*batch.warnings, *getattr(batch, "strangers", ())]))


def file_warnings(batch: Any) -> list[str]:
    """``run_warnings`` as a file kept for later says them (the data workbook of ``score -o``):
    each file by its name, not the folders typed on the command line (``paper_words``)."""
    from scoring.results.report import paper_words   # only when a file is written (it loads the packs' models)
    paths = [*(f["file"] for f in batch.run.files), *getattr(batch.rows, "paths", ())]
    return list(paper_words(run_warnings(batch), paths))


def provisional(loaded: LoadedPack, warn: Warn) -> None:
    if loaded.pack.status == "provisional":
        warn(Msg("provisional_pack", pack=loaded.pack.id, name=typed_name(loaded)))


def _each_warned(batch: Any, warn: Warn) -> Iterator[Result]:
    warned_of: set[str] = set()
    dated: set[str] = set()
    outside: set[str] = set()   # packs named outright that a record's own date fell outside of
    if batch.loaded:  # one pack for the run: warn before the first record, even if there is none
        warned_of.add(batch.loaded.sha256)
        provisional(batch.loaded, warn)
    results = batch.results()
    with closing(results):   # closed early (an error, a stopped server): the batch's workers stop now
        for r in results:
            loaded = r.loaded or (r.in_force.loaded if r.in_force else batch.loaded)
            if loaded is not None and loaded.sha256 not in warned_of:
                warned_of.add(loaded.sha256)
                provisional(loaded, warn)
            if r.warnings and loaded is not None:
                _once(dated, loaded, dated_warning(loaded, r, batch.lang), warn)
                _once(outside, loaded, out_of_period_notice(loaded.pack, r.id, r.warnings), warn)
            yield r
    said_after(batch, warn)


def _once(said: set[str], loaded: LoadedPack, notice: Msg | None, warn: Warn) -> None:
    if notice is not None and loaded.sha256 not in said:
        said.add(loaded.sha256)
        warn(notice)


def may_warn_here(batch: Any) -> bool:
    """Whether a record's date may give a result of the batch's one pack a warning (``may_warn``)."""
    fixed = getattr(batch, "in_force", None)
    rows = getattr(batch, "rows", None)
    firsts = [first for first, _ in rows.started] if hasattr(rows, "started") else None
    return may_warn(batch.loaded.pack, fixed.as_of if fixed is not None else None, firsts)


def dated_warning(loaded: LoadedPack, result: Result, lang: str) -> Msg | None:
    """The ``warn_after`` notice, when the result carries that warning (not only one of its period)."""
    w = loaded.pack.warn_after
    if w is None or not any(k.startswith(w.text.get(lang)) for k in result.warnings):
        return None
    return Msg("run.dated", text=w.text.get(lang), day=fmt_date(w.after, lang), id=result.id, pack=loaded.pack.id)
