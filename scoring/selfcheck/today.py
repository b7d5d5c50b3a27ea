"""The day a self-check is about: today. A self-check has no assessment date (it asks how things
stand now), so a pack that warns records dated after a day (``warn_after``: TT 24/25's district tier,
gone from 1 July 2025) warns by today's date, and a model name (``don-vi-hoc-tap-huyen``) means its
pack in force today, as ``hoctap score --as-of`` would choose it for that day."""
from __future__ import annotations

import datetime as dt

from scoring.errors import NotInForce, UsageError
from scoring.messages import Msg
from scoring.packs.catalog import InForce, models, resolve_in_force, resolve_pack, shipped_packs, validity
from scoring.packs.model import LoadedPack
from scoring.records.dates import TODAY


def check_day() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when it is set: the one clock a run's time already
    reads (``provenance.source_date_epoch``), so a test or a reproducible printout can fix the day."""
    from scoring.results.provenance import source_date_epoch
    epoch = source_date_epoch()
    return epoch.date() if epoch else dt.date.today()


def in_force_today(loaded: LoadedPack, today: dt.date) -> InForce:
    """A pack named outright is checked as named; only a pack that can warn by date (``warn_after``)
    is given today's date, so its warning and the day it was judged on are said. Any other pack's
    result stays what it was (no date: the same result id and provenance as before)."""
    if loaded.pack.warn_after is None:
        return InForce(loaded)
    return InForce(loaded, today, TODAY, validity(loaded.pack))


def check_pack(name: str, today: dt.date) -> InForce:
    """What ``hoctap check -c NAME`` checks: a model name that is not also a pack id means the model's
    pack in force today (said so in the result's in-force line); anything else, that pack."""
    if name in models() and name not in shipped_packs():
        try:
            return resolve_in_force(name, today, source=TODAY)
        except NotInForce as exc:
            raise UsageError(Msg("check.no_pack_today", model=name, on=Msg("date", d=today),
                                 nearest=Msg("list", items=exc.nearest, sep="; ") if exc.nearest else Msg("none"))) from None
    return in_force_today(resolve_pack(name), today)
