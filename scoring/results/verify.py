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
from scoring.messages import fmt_points, t
from scoring.results.explain import WORDS, condition_text, need_text, next_step
from scoring.packs.model import BandsOutcome, Pack
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
            differences += self._outcome_difference(claims.outcome, scored)
        return Verification(claims, tuple(differences))

    def _total_difference(self, claimed: Any, scored: Scored, earlier: bool = False) -> list[Difference]:
        from scoring.results.claims import Difference
        number = parse_number(claimed, earlier)
        if number is None:
            return [Difference("total", claimed, scored.total, t("verify.total_not_number", self.lang))]
        if abs(number - (scored.total or 0)) > TOLERANCE:
            return [Difference("total", number, scored.total, "")]
        return []

    def _outcome_difference(self, claimed: Any, scored: Scored) -> list[Difference]:
        from scoring.results.claims import Difference
        code = self.outcome_code(claimed)
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
        parts += [t("verify.blocker", self.lang, id=b.indicator, value=_value(b.value, self.lang),
                    needs=need_text(self.pack, by_id[b.indicator], self.lang)) for b in step.blockers]
        return [Difference("outcome", code, scored.outcome, "; ".join(parts), tuple(b.indicator for b in step.blockers),
                           self._labels(code, scored.outcome))]

    def _labels(self, claimed: str, computed: str) -> tuple[str, str]:
        return self.pack.outcome_label(claimed, self.lang), self.pack.outcome_label(computed, self.lang)

    def outcome_code(self, claimed: Any) -> str | None:
        word = fold(str(claimed))
        if word in self._outcomes:
            return self._outcomes[word]
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
            r = results[ind.id]
            if r.status == "not_applicable":
                out.append(Difference(ind.id, claimed, None, t("verify.not_applicable", self.lang)))
                continue
            number = parse_number(claimed, earlier) if ind.max_points is not None else None
            if number is not None:
                if abs(number - (r.points or 0)) > TOLERANCE:
                    out.append(Difference(ind.id, number, r.points, condition_text(self.pack, ind, self.lang)))
                continue
            met = parse_yes_no(claimed)
            if met is None:
                out.append(Difference(ind.id, claimed, r.status, t("verify.neither", self.lang)))
            elif met != (r.status == "met"):
                out.append(Difference(ind.id, WORDS[self.lang]["met" if met else "not_met"],
                                      WORDS[self.lang][r.status], condition_text(self.pack, ind, self.lang)))
        return out


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


def _value(value: Any, lang: str) -> str:
    if value is None:
        return WORDS[lang]["missing"]
    if isinstance(value, bool):
        return WORDS[lang]["yes" if value else "no"]
    from scoring.results.claims import show_claimed
    return show_claimed(value)
