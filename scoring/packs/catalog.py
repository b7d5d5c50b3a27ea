"""Finding criteria packs: the shipped ones (by id) or any YAML file (by path), and the
pack of a model in force on an assessment date."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from scoring.errors import CriteriaError, GoalPackGivenAsCriteria, NotInForce, PackNotFound, UsageError, did_you_mean
from scoring.messages import LANGS, Msg, fmt_date, plural_format, t, words_table
from scoring.packs.cache import load_pack_file
from scoring.packs.model import TIER_LABELS, LoadedPack, Pack
from scoring.packs.shipped import goals_dir, shipped_dir, shipped_file, shipped_files

T = TypeVar("T")


@lru_cache(maxsize=None)
def shipped_packs() -> dict[str, LoadedPack]:
    return by_id(shipped_files(), _load_shipped)


@lru_cache(maxsize=None)
def _load_shipped(path: Path) -> LoadedPack:
    return load_pack_file(path)


def _shipped_by_name(name: str) -> LoadedPack | None:
    """The shipped pack ``name`` read alone: each shipped file is named after its pack's id (as
    'extends' expects), so naming one pack does not parse them all. None if there is no such file."""
    path = shipped_file(shipped_dir(), name)
    if path is None:
        return None
    loaded = _load_shipped(path)
    return loaded if loaded.pack.id == name else None


def shipped_by_id(pack_id: str) -> LoadedPack | None:
    """The shipped pack of this id, or None (a stored run may name a pack not shipped here)."""
    return _shipped_by_name(pack_id)


def typed_name(loaded: LoadedPack) -> str:
    """How a user names ``loaded`` on the command line: its id when it is the shipped pack of that
    id, else the file it was read from (a local pack's id is no name ``resolve_pack`` knows)."""
    shipped = _shipped_by_name(loaded.pack.id)
    return loaded.pack.id if shipped is not None and shipped.sha256 == loaded.sha256 else loaded.source


def by_id(paths: Iterable[Path], load: Callable[[Path], T]) -> dict[str, T]:
    """Each file loaded, keyed by the id of the pack it holds."""
    return {loaded.pack.id: loaded for loaded in map(load, paths)}  # type: ignore[attr-defined]


def resolve_pack(name: str) -> LoadedPack:
    """A shipped pack id, or the path of a criteria YAML file."""
    named = None if _is_path(name) else _shipped_by_name(name)
    try:
        return named or resolve_named(name, load_pack_file, shipped_packs, PackNotFound)
    except PackNotFound:
        if shipped_file(goals_dir(), name):   # 'hoctap score -c muc-tieu-qd1373': the other command's pack
            raise GoalPackGivenAsCriteria(name) from None
        raise




def resolve_named(name: str, load: Callable[[Path], T], shipped: Callable[[], dict[str, T]],
                  not_found: Callable[[str, Iterable[str]], Exception]) -> T:
    """A path (anything ending .yaml/.yml, or an existing file) is loaded; any other name is
    looked up among the shipped packs, with a 'did you mean' when it is not there."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            # the same words as a missing records file, and no place inside a file that is not there
            raise CriteriaError(name, None, Msg("file.cannot_read", reason=Msg("file.no_such")))
        return load(path)
    packs = shipped()
    if name not in packs:
        raise not_found(name, packs)
    return packs[name]


# --- rules in force on a date ----------------------------------------------------------

def validity(pack: Pack) -> str:
    """'2020-09-21 → 2024-01-25', or '2024-01-26 →' while in force: no words, since it is kept in
    each explanation and provenance, which must read the same whatever language a run used."""
    return f"{pack.valid_from} → {pack.valid_to or ''}".rstrip()


def period(pack: Pack) -> Msg:
    """``validity`` in the reader's words, for a message: 'từ 28/07/2022 đến 24/10/2023' (vi)."""
    start = Msg("date", d=pack.valid_from)
    return Msg("validity.span", start=start, end=Msg("date", d=pack.valid_to)) if pack.valid_to else Msg("validity.open", start=start)


_VALIDITY = re.compile(r"(\d{4}-\d{2}-\d{2}) →(?: (\d{4}-\d{2}-\d{2}))?")


def stored_period(kept: str | None) -> Msg | str:
    """``validity``'s text, as an explanation or provenance keeps it ('2024-01-26 →'), in the reader's
    words ('từ 26/01/2024', 'from 2024-01-26'); a text of another form as it is."""
    found = _VALIDITY.fullmatch(kept or "")
    if found is None:
        return kept or ""
    start, end = (Msg("date", d=dt.date.fromisoformat(d)) if d else None for d in found.groups())
    return Msg("in_force.span", start=start, end=end) if end else Msg("in_force.open", start=start)


def covers(pack: Pack, on: dt.date) -> bool:
    return pack.valid_from <= on and (pack.valid_to is None or on <= pack.valid_to)


def models(packs: Iterable[LoadedPack] | None = None) -> dict[str, list[LoadedPack]]:
    """Model name -> its packs, oldest first."""
    out: dict[str, list[LoadedPack]] = {}
    for loaded in (shipped_packs().values() if packs is None else packs):
        for model in loaded.pack.models:
            out.setdefault(model, []).append(loaded)
    return {m: sorted(ps, key=lambda p: p.pack.valid_from) for m, ps in sorted(out.items())}


def resolve_in_force(model: str, on: dt.date, source: str | None = "--as-of",
                     packs: Iterable[LoadedPack] | None = None) -> InForce:
    """The one pack of ``model`` valid on ``on``. Overlapping periods are a catalog error,
    not a choice to make silently; a date no pack covers names the packs on either side."""
    known = models(packs)
    if model not in known:
        raise UsageError(Msg("no_model", model=model, hint=did_you_mean(model, known), models=", ".join(known)))
    live = [p for p in known[model] if covers(p.pack, on)]
    if len(live) > 1:
        names = t("list", items=[t("validity.pack", pack=p.pack.id, validity=period(p.pack)) for p in live])
        raise CriteriaError(live[-1].source, "valid_from",
                            Msg("cat.overlap", names=names, model=model, on=Msg("date", d=on)))
    if not live:
        raise NotInForce(model, on, nearest(known[model], on))
    return InForce(live[0], on, source, validity(live[0].pack))


def nearest(candidates: list[LoadedPack], on: dt.date) -> list[Msg]:
    """The last pack that ended before ``on`` and the first that starts after it."""
    before = [p for p in candidates if p.pack.valid_to and p.pack.valid_to < on]
    after = [p for p in candidates if p.pack.valid_from > on]
    out = []
    if before:
        p = max(before, key=lambda p: p.pack.valid_to)
        out.append(Msg("validity.ended", pack=p.pack.id, validity=period(p.pack), n=Msg("num", x=(on - p.pack.valid_to).days)))
    if after:
        p = min(after, key=lambda p: p.pack.valid_from)
        out.append(Msg("validity.starts", pack=p.pack.id, validity=period(p.pack), n=Msg("num", x=(p.pack.valid_from - on).days)))
    return out


def _is_path(name: str) -> bool:
    return Path(name).suffix in (".yaml", ".yml") or Path(name).exists()


BY_RECORD = "record"   # --as-of record: each record's own assessment date column decides


def choose_pack(name: str, as_of: dt.date | str | None = None) -> InForce | None:
    """What ``--criteria NAME [--as-of DATE|record]`` means.

    - a pack id or file, no date: that pack (``cong-dan-hoc-tap`` is a pack id as well as a model);
    - a model name and a date: the model's pack in force on that date;
    - a pack id or file and a date: that pack, which must be in force on the date;
    - a model name and ``record``, or a model name that is not a pack id and no date: None,
      i.e. each record's own date decides (see ``ByRecordDate``).
    """
    if as_of is None and not _is_path(name):
        named = _shipped_by_name(name)   # a shipped pack named without a date: that pack, parsed alone
        if named is not None:
            return InForce(named)
    is_model = not _is_path(name) and name in models()
    if as_of == BY_RECORD:
        if not is_model:
            raise UsageError(Msg("cat.by_record", by=BY_RECORD, name=name, models=", ".join(models())))
        return None
    assert not isinstance(as_of, str), "as_of is a date, 'record' or None"
    if as_of is None:
        if is_model and name not in shipped_packs():
            return None
        return InForce(resolve_pack(name))
    if is_model:
        return resolve_in_force(name, as_of)
    loaded = resolve_pack(name)
    if not covers(loaded.pack, as_of):
        live = [Msg("cat.pack_of_model", id=p.pack.id, model=m) for m in loaded.pack.models for p in models().get(m, [])
                if covers(p.pack, as_of)]
        raise NotInForce(loaded.pack.id, as_of, live, named_pack=Msg("validity", validity=period(loaded.pack)))
    return InForce(loaded, as_of, "--as-of", validity(loaded.pack))


@dataclass(frozen=True)
class InForce:
    """The pack used for a record, and why: the assessment date, where that date came from
    (``--as-of`` or the record's column) and the pack's period of validity."""

    loaded: LoadedPack
    as_of: dt.date | None = None
    source: str | None = None
    reason: str | None = None


# --- the list of shipped packs (hoctap packs) -----------------------------------------------

def _summary_words(lang: str) -> dict[str, Any]:
    heads = ("id", "title", "tier", "outcomes", "in_force", "status", "provisional")
    return {"headers": [t(f"packs_head.{h}", lang) for h in heads], **words_table("packs_list.", lang)}


SUMMARY = {lang: _summary_words(lang) for lang in LANGS}


def summary_rows(packs: Iterable[LoadedPack], lang: str = "vi") -> tuple[list[str], list[list[str]]]:
    """Per pack: id, title, tiers, outcomes, dates of force (and a warn_after day), version and
    status, and what is provisional (placeholder indicators, else the notes to read)."""
    w = SUMMARY[lang]
    rows = []
    for loaded in packs:
        p = loaded.pack
        model = f" [{w['model']} {', '.join(p.models)}]" if p.models else ""
        rows.append([p.id, p.title.get(lang) + model, ", ".join(TIER_LABELS[t].get(lang) for t in p.tiers) or "—",
                     ", ".join(p.outcome_label(c, lang) for c in p.outcome_codes), _in_force(p, w, lang),
                     f"{p.version} {w[p.status]}", _provisional(loaded, w)])
    return w["headers"], rows


def _in_force(p: Pack, w: dict[str, str], lang: str) -> str:
    """The dates as every message writes them: 26/01/2024 (vi), 2024-01-26 (en)."""
    def day(d: dt.date) -> str:
        return fmt_date(d, lang)
    text = f"{day(p.valid_from)} – {day(p.valid_to)}" if p.valid_to else w["from"].format(d=day(p.valid_from))
    return text + (f"; {w['warn'].format(d=day(p.warn_after.after))}" if p.warn_after else "")


_EN_MARK = re.compile(r"\s(?:EN:|\(EN\))\s")   # where a pack's note turns to English: "… EN: …" or "… (EN) …"


def note_in(note: str, lang: str) -> str:
    """A pack's note as read in ``lang``: its Vietnamese part, or in English its English part(s), where
    the note has both (written "Vietnamese EN: English"); a note in one language only, as written."""
    parts = _EN_MARK.split(note)
    if len(parts) == 1:
        return note
    if lang != "en":
        return parts[0].strip()
    english = " ".join(p.strip() for p in parts[1:])
    return english[:1].upper() + english[1:]   # 'every criterion …' begins a sentence once alone


def _provisional(loaded: LoadedPack, w: dict[str, str]) -> str:
    p = loaded.pack
    if p.status == "official":
        return w["none"]
    marked = [i.id for i in p.indicators if i.label.vi.startswith("[Tạm]")
              or (i.reference and (i.reference.note or "").startswith("TẠM"))]
    if marked:
        return w["placeholders"].format(ids=", ".join(marked))
    if loaded.base is not None and loaded.overridden:  # a local variant: what it changes is what is not national
        return w["local"].format(ids=", ".join(sorted(loaded.overridden)))
    return plural_format(w["notes"], n=len(p.notes), id=p.id)
