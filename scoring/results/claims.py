"""A self-assessment's claims and how they differ from the computed result: the values
(``verify.ClaimReader`` reads and checks them).

Apart from the reader, which every run makes, so that a file without claims (most) never makes
these classes: on Python 3.11 each dataclass costs about a millisecond at every start.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring.messages import LANGS, words_table

CLAIM_WORDS = {lang: words_table("claim.", lang) for lang in LANGS}


@dataclass(frozen=True)
class Claims:
    total: Any = None
    outcome: Any = None
    indicators: tuple[tuple[str, Any], ...] = ()


def claims_dict(claims: Claims) -> dict[str, Any]:
    """The claims as read, for the run store (the values exactly as they were in the file)."""
    return {"total": claims.total, "outcome": claims.outcome, "indicators": [list(x) for x in claims.indicators]}


def claims_from_dict(data: dict[str, Any]) -> Claims:
    return Claims(data.get("total"), data.get("outcome"), tuple((str(i), v) for i, v in data.get("indicators", [])))


@dataclass(frozen=True)
class Difference:
    what: str            # "total", "outcome" or an indicator id
    claimed: Any
    computed: Any
    note: str = ""       # why, e.g. what the claimed outcome would need
    blockers: tuple[str, ...] = ()   # indicators that block a claimed outcome
    shown: tuple[str, str] = ()      # the claimed and computed outcomes' labels, for people (not in JSON)
    # For people, not in JSON (whose ``note`` keeps the words stored runs were hashed with): the
    # indicator as the reasons name it ('2.4 Tỷ lệ thành viên … — Mức độ 2', never 'tc2_ct4_md2') and
    # the note in those words, with the value read, what the rule needs and its article
    name: str = ""
    said: str = ""


@dataclass(frozen=True)
class Verification:
    """The result of checking one record's claims. ``agrees`` when every claim holds."""

    claims: Claims
    differences: tuple[Difference, ...]
    names: tuple[tuple[str, str], ...] = ()   # indicator id -> its short name for a list (not in JSON)

    @property
    def agrees(self) -> bool:
        return not self.differences

    @property
    def indicators(self) -> tuple[str, ...]:
        """Ids of the indicators that differ from a claim or block the claimed outcome."""
        ids: list[str] = []
        for d in self.differences:
            ids += [d.what] if d.what not in ("total", "outcome") else list(d.blockers)
        return tuple(dict.fromkeys(ids))

    @property
    def shown_indicators(self) -> tuple[str, ...]:
        """``indicators`` as a person reads them in a list: '2.2', '2.4 (Mức độ 2)', not 'tc2_ct4_md2'."""
        names = dict(self.names)
        return tuple(names.get(i, i) for i in self.indicators)

    def text(self, lang: str = "vi") -> str:
        """E.g. 'kết quả: tự đánh giá dat, tính được chua_dat (+4; 3.2 = 4, cần ≥ 5/10)'."""
        words = CLAIM_WORDS[lang]
        return "; ".join(f"{d.name or words.get(d.what, words['indicator'] + ' ' + d.what)}: "
                         f"{words['claimed']} {d.shown[0] if d.shown else _shown(d.claimed, lang)}, "
                         f"{words['computed']} {d.shown[1] if d.shown else _shown(d.computed, lang)}"
                         + (f" ({d.said or d.note})" if d.said or d.note else "")
                         for d in self.differences)

    def to_dict(self) -> dict[str, Any]:
        return {"agrees": self.agrees,
                "claimed": {"total": self.claims.total, "outcome": self.claims.outcome,
                            "indicators": dict(self.claims.indicators)},
                "differences": [{"what": d.what, "claimed": d.claimed, "computed": d.computed, "note": d.note}
                                for d in self.differences],
                "indicators": list(self.indicators)}


class ShownIndicators(str):
    """The indicators of a disagreement as people read them in a table ('2.4 (Mức độ 2), 3.1 (Mức độ 2)'),
    keeping their codes for a file read by programs (``codes``: 'tc2_ct4_md2, tc3_ct1_md2'), as JSON keeps codes."""

    codes: str

    def __new__(cls, v: Verification) -> "ShownIndicators":
        made = super().__new__(cls, ", ".join(v.shown_indicators))
        made.codes = ", ".join(v.indicators)
        return made


def _shown(value: Any, lang: str) -> str:
    """A claimed or computed value in a sentence: a number as the language writes it (73,5)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from scoring.messages import fmt_num
        return fmt_num(value, lang)
    return show_claimed(value)


def show_claimed(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
