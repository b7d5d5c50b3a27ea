"""A unit input computed from the unit's members (``--members``), in words a person reads.

The ``MemberShare`` kept in the explanation tree holds codes (the input's name, the outcome codes,
the members' pack id) and a note written when the run was scored: both are hashed into stored
runs, so they stay as they are. What a council member or a unit's head reads is written here, at
display time, from the share's fields and the packs: the indicator's number and what its input
measures, the outcomes' labels, the members' pack by its title, the files by their names."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from scoring.errors import HoctapError
from scoring.messages import Msg, first_of, fmt_num, text
from scoring.packs.catalog import shipped_by_id
from scoring.packs.model import Pack
from scoring.results.explain import CRITERION_NAMED, measured_label, shown_id
from scoring.results.tree import GROUP_INPUT, MemberShare

SHOWN_FAILED = 20       # ids of members not counted shown on the line, then how many more


def share_figure(n: int, d: int, share: float, lang: str) -> str:
    """'19/20 = 95%': the count and the share, as the note and the line both write it."""
    return f"{n}/{d} = {fmt_num(share, lang, decimals=2)}%"


def typed_differs(typed: Any, top: float | None, n: int, d: int) -> str | None:
    """For points typed in beside a 'full points at 100%' input: the message that says they differ
    from what the members alone would give (None: they agree, or are no number)."""
    points = as_number(typed)
    if points is None or (points == top) == (n == d):
        return None
    return "members.typed_differs_full" if n == d else "members.typed_differs_less"


def as_number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None  # the unit's validator rejects it with the usual message


def member_lines(shares: Iterable[MemberShare], unit: Pack | None, lang: str,
                 packs: Mapping[str, Pack] | None = None) -> list[str]:
    """One line per share. ``unit``: the pack that scored the unit (None when it is not known);
    ``packs``: the members' packs by id (else the shipped pack of that id). A share whose packs
    are not known is said in the words it was stored with."""
    lines = []
    for m in shares:
        member = (packs or {}).get(m.members_pack) or shipped_pack(m.members_pack)
        said = _people_line(m, unit, member, lang) if unit is not None and member is not None else None
        lines.append((said or _stored_line(m, lang)) + _failed(m, lang))
    return lines


def shipped_pack(pack_id: str, version: str | None = None) -> Pack | None:
    """The shipped pack ``pack_id`` (of ``version``, when given), or None: a stored run may name a
    pack this copy of hoctap does not ship, or no longer in that version."""
    try:
        loaded = shipped_by_id(pack_id)   # an id, never a path: a stored run's words open no other file
    except HoctapError:
        return None
    if loaded is None or (version is not None and loaded.pack.version != version):
        return None
    return loaded.pack


def _people_line(m: MemberShare, unit: Pack, member: Pack, lang: str) -> str | None:
    names = [i.name for i in unit.inputs]
    if m.input not in names or (m.outcomes and not set(m.outcomes) <= set(member.outcome_codes)):
        return None   # not the packs the share was computed with
    inp = unit.input(m.input)
    note = _note(m, inp.max, member, lang)
    if note is None:
        return None
    return text(Msg("members.line", what=input_title(unit, m.input, lang), note=note, pack=member.title.get(lang),
                    files=files_said(m.source)), lang)


def _note(m: MemberShare, top: float | None, member: Pack, lang: str) -> str | None:
    """The share's note in people's words: the same sentences as the stored note, with the
    outcomes' labels for their codes, no pack id and no file path."""
    if m.share is None or not m.denominator:
        return text(Msg("members.people_none"), lang)
    figure, outcomes = share_figure(m.numerator, m.denominator, m.share, lang), outcome_labels(member, m.outcomes, lang)
    if m.gives == "share":
        groups = _groups(member, m.groups, lang)
        if m.groups and groups is None:
            return None
        return text(Msg("members.share_groups", figure=figure, outcomes=outcomes, groups=groups) if m.groups
                    else Msg("members.share", figure=figure, outcomes=outcomes), lang)
    if m.typed is not None:
        said = text(Msg("members.people_typed_used", figure=figure, outcomes=outcomes, typed=m.typed), lang)
        differs = typed_differs(m.typed, top, m.numerator, m.denominator)
        return said + (text(Msg(differs, top=format(top, "g")), lang) if differs else "")
    if m.value is not None:
        return text(Msg("members.all_qualify", figure=figure, top=format(m.value, "g")), lang)
    return None


def outcome_labels(member: Pack, codes: Iterable[str], lang: str) -> str:
    """'“Đạt danh hiệu Công dân học tập”'; several: '“Mức độ 1” hoặc “Mức độ 2”'."""
    quoted = [f"“{member.outcome_label(code, lang)}”" for code in codes]
    if len(quoted) < 2:
        return "".join(quoted)
    return text(Msg("members.either", first=", ".join(quoted[:-1]), last=quoted[-1]), lang)


def _groups(member: Pack, groups: Iterable[str], lang: str) -> str | None:
    """'nhóm 1 (Người dân trong xã), …' as the members' pack names its groups (None: it has not these)."""
    if GROUP_INPUT not in [i.name for i in member.inputs]:
        return None
    choices = {c.code: c for c in member.input(GROUP_INPUT).choices}
    if not set(groups) <= set(choices):
        return None
    return ", ".join(text(Msg("members.group", group=g, label=choices[g].label.get(lang)), lang) for g in groups)


def input_title(unit: Pack, input_name: str, lang: str) -> str:
    """What the input measures, after the number of the indicators that read it: '3.1 Tỷ lệ thành
    viên đạt danh hiệu Công dân học tập' (the label without its unit, as the reasons name it). A
    label that only repeats the number (TT 22: 'Chỉ số 3a') gives way to the indicator's own."""
    readers = [i for i in unit.indicators if i.input_name == input_name]
    numbers = list(dict.fromkeys(n for n in map(shown_id, (i.id for i in readers)) if n))
    label = measured_label(unit.input(input_name), lang) or (readers[0].label.get(lang) if readers else None) or input_name
    if any(re.search(rf"(?<![\w.]){re.escape(n)}(?![\w.])", label) for n in numbers):
        if len(readers) != 1:
            return label
        label = readers[0].label.get(lang) or label
    label = label[:1].upper() + label[1:]
    return label if not numbers or CRITERION_NAMED.match(label) else f"{', '.join(numbers)} {label}"


_DIRS = re.compile(r"[\\/]")


def files_said(source: str) -> Msg:
    """'tệp members.csv', 'các tệp a.csv, b.csv': the members files by their names."""
    files = file_names(source)
    return Msg("members.files" if len(files) > 1 else "members.file", files=", ".join(files))


def file_names(source: str) -> list[str]:
    """The members files by their names, as papers name a file (the path is the computer's): the
    store keeps the paths joined by ', ' (``read_members``)."""
    return [file_name(p) for p in source.split(", ")] if source else []


def file_name(place: str) -> str:
    """'members.csv:4' for '/home/x/members.csv:4': a file, or a row's place in it, by the file's name."""
    return _DIRS.split(place)[-1]


def _stored_line(m: MemberShare, lang: str) -> str:
    """The share as it was stored, for a run whose packs this copy of hoctap cannot name."""
    return text(Msg("members.stored_line", input=m.input, note=m.note, pack=m.members_pack, source=m.source), lang)


def _failed(m: MemberShare, lang: str) -> str:
    if not m.not_qualifying:
        return ""
    return text(Msg("members.failed", ids=first_of(m.not_qualifying, SHOWN_FAILED)), lang)
