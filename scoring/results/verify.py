"""Step 4b: verify a self-assessment — compare what a record claims with what the rules give.

A unit or citizen often fills in their own total and result ("tự đánh giá") beside the points.
Those claims are read from reserved optional columns, the same for every pack (no pack needs
editing), and never change the score:

- claimed total: ``tu_danh_gia_tong`` or "Tự đánh giá (tổng điểm)", "Tổng điểm tự đánh giá", …
- claimed outcome: ``tu_danh_gia_ket_qua`` or "Tự đánh giá (kết quả)", "Tự xếp loại", … given as the
  outcome's code or label ("dat", "Đạt", "Khá", "Mức độ 1")
- claimed points (or đạt/không for a yes/no indicator) per indicator: ``tu_danh_gia_<indicator id>``
  or "Tự đánh giá 1.1", "Tự đánh giá (1.1)", "TĐG 1.1".

A record with none of those values has no verification. Otherwise every claim is checked; an
outcome claimed better than the one computed lists the indicators that block it.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from scoring.engine.evaluate import Scored
from scoring.messages import fmt_num, fmt_points, t
from scoring.results.explain import (REASON, WORDS, blocker_text, condition_text, need_text, next_step, numbered,
                                     short_titles, shown_id, show_value)
from scoring.packs.model import BandsOutcome, Indicator, LevelsOutcome, Pack
from scoring.records.raw import clean_text
from scoring.records.validate import DECIMAL, FALSE_WORDS, TRUE_WORDS, header_key, without_unit

if TYPE_CHECKING:   # the claims' module is loaded by a record that makes claims, not at every start
    from scoring.results.claims import Claims, Difference, Verification

TOTAL_HEADERS = ("tu danh gia tong", "tu danh gia tong diem", "tong diem tu danh gia", "diem tu danh gia",
                 "tdg tong", "tdg tong diem", "claimed total")
OUTCOME_HEADERS = ("tu danh gia ket qua", "ket qua tu danh gia", "tu xep loai", "tu danh gia xep loai",
                   "tdg ket qua", "tdg xep loai", "claimed outcome")
INDICATOR_PREFIXES = ("tu danh gia ", "tdg ", "claimed ")
INDICATOR_INFIXES = ("", "chi so ", "chi tieu ")
TOLERANCE = 1e-6
# A claimed total or claimed points written with their unit ('80 điểm', '8đ', '80 points'), read as
# the records' reader reads a points column (``validate.without_unit``), longest word first
POINT_UNITS = ("points", "điểm", "đ")
# a level written short, as units write it: 'Mức 2', 'MĐ 2', 'MĐ2' for the pack's 'Mức độ 2' (read since
# 6 December 2026: a run stored before read them as no outcome, ``check(earlier=True)``)
SHORT_LEVEL = re.compile(r"(?:muc|md)\s*(\d+)")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """'Tự đánh giá (Tổng điểm)' -> 'tu danh gia tong diem': headers and outcome words are
    compared without case, accents, brackets or underscores, as people type them. Kept: each run
    makes its claim reader more than once, each folding the same hundred headers."""
    text = header_key(text).replace("đ", "d")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", re.sub(r"[()\[\]:]", " ", text)).strip()


class ClaimReader:
    """Finds the claim columns of a row (headers matched loosely) and checks them."""

    def __init__(self, pack: Pack, lang: str = "vi"):
        self.pack, self.lang = pack, lang
        self.targets: dict[str, str] = {h: "total" for h in TOTAL_HEADERS}
        self.targets.update({h: "outcome" for h in OUTCOME_HEADERS})
        for ind in pack.indicators:
            for prefix in INDICATOR_PREFIXES:
                for infix in INDICATOR_INFIXES:
                    self.targets[fold(prefix + infix + ind.id)] = ind.id
        self._outcomes = self._outcome_words(pack)
        self._by_header: dict[tuple[str, ...], dict[str, str]] = {}
        self._names: tuple[tuple[str, str], ...] | None = None

    @staticmethod
    def _outcome_words(pack: Pack) -> dict[str, str]:
        words: dict[str, str] = {}
        items = (pack.outcome.bands if isinstance(pack.outcome, BandsOutcome)
                 else [*pack.outcome.levels, pack.outcome.otherwise])
        for item in items:
            for word in (item.code, item.label.vi, item.label.en or item.code):
                words[fold(word)] = item.code
        return words

    def is_claim(self, header: str) -> bool:
        return fold(header) in self.targets

    def _columns(self, data: dict[str, Any]) -> dict[str, str]:
        key = tuple(data)
        if key not in self._by_header:  # one lookup per file layout, not per row
            self._by_header[key] = {h: self.targets[fold(h)] for h in data if fold(h) in self.targets}
        return self._by_header[key]

    def read(self, data: dict[str, Any]) -> Claims | None:
        columns = self._by_header.get(tuple(data))   # _columns, asked once per row
        if columns is None:
            columns = self._columns(data)
        if not columns:   # the usual file: no claimed result to read
            return None
        found: dict[str, Any] = {}
        for header, target in columns.items():
            value = data[header]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                found[target] = value.strip() if isinstance(value, str) else value
        if not found:
            return None
        indicators = tuple((i.id, found[i.id]) for i in self.pack.indicators if i.id in found)
        from scoring.results.claims import Claims
        return Claims(found.get("total"), found.get("outcome"), indicators)

    def verify(self, data: dict[str, Any], scored: Scored) -> Verification | None:
        claims = self.read(data)
        return None if claims is None else self.check(claims, scored)

    def check(self, claims: Claims, scored: Scored, earlier: bool = False) -> Verification:
        """Every claim against the scored record (also used to replay stored claims; ``earlier``:
        numbers read as hoctap read them before 5 December 2026, see ``parse_number``)."""
        from scoring.results.claims import Verification
        differences = [*self._indicator_differences(claims, scored, earlier)]
        if claims.total is not None and scored.total is not None:
            differences += self._total_difference(claims.total, scored, earlier)
        if claims.outcome is not None:
            differences += self._outcome_difference(claims.outcome, scored, earlier)
        return Verification(claims, tuple(differences), self._short_names())

    def _total_difference(self, claimed: Any, scored: Scored, earlier: bool = False) -> list[Difference]:
        from scoring.results.claims import Difference
        number = parse_number(claimed, earlier)
        if number is None:
            return [Difference("total", claimed, scored.total, t("verify.total_not_number", self.lang))]
        if abs(number - (scored.total or 0)) > TOLERANCE:
            return [Difference("total", number, scored.total, "")]
        return []

    def _outcome_difference(self, claimed: Any, scored: Scored, earlier: bool = False) -> list[Difference]:
        from scoring.results.claims import Difference
        code = self.outcome_code(claimed, earlier)
        if code is None:   # the outcomes as a person writes them (their labels), and the codes
            known = "; ".join(self.pack.outcome_label(c, self.lang) for c in self.pack.outcome_codes)
            return [Difference("outcome", claimed, scored.outcome,
                               t("verify.outcome_unknown", self.lang, known=known, codes=", ".join(self.pack.outcome_codes)),
                               shown=(str(claimed), self.pack.outcome_label(scored.outcome, self.lang)))]
        if code == scored.outcome:
            return []
        codes = self.pack.outcome_codes
        if codes.index(code) > codes.index(scored.outcome):
            return [Difference("outcome", code, scored.outcome, shown=self._labels(code, scored.outcome))]  # nothing blocks it
        step = next_step(scored, self.pack, self.lang, target=code)
        assert step is not None  # a target was given
        parts = [t("verify.more_points", self.lang, n=fmt_points(step.points_needed, self.lang))] if step.points_needed else []
        by_id = {i.id: i for i in self.pack.indicators}
        said = [*parts, *(blocker_text(self.pack, by_id[b.indicator], b.value, REASON[self.lang], self.lang)
                          for b in step.blockers)]
        parts += [t("verify.blocker", self.lang, id=b.indicator, value=_value(b.value, self.lang),
                    needs=need_text(self.pack, by_id[b.indicator], self.lang)) for b in step.blockers]
        # a blocker's code that is no number people use ('tc3_ct1_md2') is said as the reasons say it
        coded = any(not numbered(b.indicator) for b in step.blockers)
        return [Difference("outcome", code, scored.outcome, "; ".join(parts), tuple(b.indicator for b in step.blockers),
                           self._labels(code, scored.outcome), said="; ".join(said) if coded else "")]

    def _labels(self, claimed: str, computed: str) -> tuple[str, str]:
        return self.pack.outcome_label(claimed, self.lang), self.pack.outcome_label(computed, self.lang)

    def outcome_code(self, claimed: Any, earlier: bool = False) -> str | None:
        word = fold(str(claimed))
        if word in self._outcomes:
            return self._outcomes[word]
        short = None if earlier else SHORT_LEVEL.fullmatch(word)
        if short and f"muc do {short[1]}" in self._outcomes:
            return self._outcomes[f"muc do {short[1]}"]
        if word.startswith("khong "):  # "Không đạt" is written for the pack's "Chưa đạt"
            word = "chua " + word[len("khong "):]
            if word in self._outcomes:
                return self._outcomes[word]
        # the start of one outcome's label, cut at a word ("Đạt danh hiệu" for "Đạt danh hiệu Công dân học tập")
        codes = {code for label, code in self._outcomes.items() if label.startswith(word + " ")}
        return codes.pop() if len(codes) == 1 else None

    def _indicator_differences(self, claims: Claims, scored: Scored, earlier: bool = False) -> list[Difference]:
        from scoring.results.claims import Difference
        results = {r.id: r for r in scored.indicators}
        out = []
        for ind in self.pack.indicators:
            claimed = dict(claims.indicators).get(ind.id)
            if claimed is None:
                continue
            r, name = results[ind.id], self._name(ind)
            if r.status == "not_applicable":
                out.append(Difference(ind.id, claimed, None, t("verify.not_applicable", self.lang), name=name,
                                      said=self._not_applicable(ind, scored),
                                      shown=(_shown_claim(claimed), WORDS[self.lang]["not_applicable"])))
                continue
            number = parse_number(claimed, earlier) if ind.max_points is not None else None
            if number is not None:
                if abs(number - (r.points or 0)) > TOLERANCE:
                    out.append(Difference(ind.id, number, r.points, condition_text(self.pack, ind, self.lang), name=name,
                                          said=self._rule_said(ind, r.value)))
                continue
            met = parse_yes_no(claimed)
            if met is None:
                out.append(Difference(ind.id, claimed, r.status, t("verify.neither", self.lang), name=name,
                                      shown=(_shown_claim(claimed), WORDS[self.lang][r.status])))
            elif met != (r.status == "met"):
                out.append(Difference(ind.id, WORDS[self.lang]["met" if met else "not_met"],
                                      WORDS[self.lang][r.status], condition_text(self.pack, ind, self.lang), name=name,
                                      said=self._rule_said(ind, r.value)))
        return out

    def _name(self, ind: Indicator) -> str:
        """How a sentence names an indicator: 'chỉ số 2.2' (a number people use), else its short title
        as the results' columns head it, after 'chỉ tiêu' when it opens with its number."""
        if numbered(ind.id):
            return t("verify.numbered", self.lang, id=ind.id)
        title = short_titles(self.pack, self.lang)[ind.id]
        return t("verify.item", self.lang, title=title) if title[:1].isdigit() else title

    def _short_names(self) -> tuple[tuple[str, str], ...]:
        """Each indicator in a list of them (a table's column): its number ('2.2'; '2.4 (Mức độ 2)' for
        one level's), or its short title when it has no number. Two may read alike (tc1_ct2 and
        tc1_ct2_mam_non are both 1.2): the sentence beside the list names each in full."""
        if self._names is None:
            levels = isinstance(self.pack.outcome, LevelsOutcome) and len(self.pack.outcome_codes) > 2
            names = {}
            for ind in self.pack.indicators:
                number = ind.id if numbered(ind.id) else shown_id(ind.id)
                one = levels and len(ind.levels) == 1 and not numbered(ind.id)
                names[ind.id] = number + (f" ({self.pack.outcome_label(ind.levels[0], self.lang)})" if one else "")
            short = short_titles(self.pack, self.lang)
            self._names = tuple((i, n if n.strip() and n[:1].isdigit() else short[i]) for i, n in names.items())
        return self._names

    def _rule_said(self, ind: Indicator, value: Any) -> str:
        """What the record gives for the indicator and what the rule asks, with the article."""
        needs = need_text(self.pack, ind, self.lang)
        cite = ind.reference.article if ind.reference is not None and ind.reference.article else ""
        if value is None:
            said = t("verify.said_blank", self.lang, needs=needs)
        else:
            said = t("verify.said_value", self.lang, value=self._value_shown(ind, value), needs=needs)
        return f"{said}; {cite}" if cite else said

    def _value_shown(self, ind: Indicator, value: Any) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            unit = self.pack.input(ind.input_name).unit_in(self.lang) or ""
            return fmt_num(value, self.lang) + (unit if unit == "%" else f" {unit}".rstrip())
        return show_value(self.pack, ind.input_name, value, self.lang)

    def _not_applicable(self, ind: Indicator, scored: Scored) -> str:
        """Why the indicator is not considered for this record (its unit type), and what to do."""
        app = ind.applies_to
        if app is None:
            return t("verify.not_applicable", self.lang)
        by = self.pack.input(app.input)
        others = [c.code for c in by.choices if c.code not in app.values]
        code, listed = (("explain.applies_only", app.values) if len(app.values) <= len(others)
                        else ("explain.applies_except", others))
        why = t(code, self.lang, input=by.label.get(self.lang) if by.label else by.name,
                value=show_value(self.pack, app.input, scored.values.get(app.input), self.lang),
                values="; ".join(show_value(self.pack, app.input, v, self.lang) for v in listed))
        return t("verify.not_applicable_said", self.lang, why=why)


def parse_number(value: Any, earlier: bool = False) -> float | None:
    """A claimed number ('80', '7,5', '80 điểm'). ``earlier``: as hoctap read it before 5 December
    2026, with no unit nor invisible character taken off ('80 điểm' was no number), so that a stored
    run's claims replay as they were read (``audit.replay.row_problems``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if earlier:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    else:
        text = without_unit(clean_text(str(value)).strip().replace("\u00a0", ""), POINT_UNITS).replace(" ", "")
    if re.fullmatch(r"-?\d+,\d+", text):  # Vietnamese decimal comma
        text = text.replace(",", ".")
    return float(text) if DECIMAL.fullmatch(text) else None  # not float(): it reads '1_0' as 10


def parse_yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    word = header_key(str(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _shown_claim(value: Any) -> str:
    from scoring.results.claims import show_claimed
    return show_claimed(value)


def _value(value: Any, lang: str) -> str:
    if value is None:
        return WORDS[lang]["missing"]
    if isinstance(value, bool):
        return WORDS[lang]["yes" if value else "no"]
    from scoring.results.claims import show_claimed
    return show_claimed(value)
