"""Step 6b: the summary of a run — counts and shares by outcome, by any column, the results of
verification, and the recognition list. Built one result at a time, so it can follow a stream.

"Recognised" means any outcome except the pack's last one (the fallback band, or ``otherwise``
for a levels pack): ``dat`` for Công dân học tập; ``tot``, ``kha``, ``trung_binh`` for TT22;
``muc_do_1`` and ``muc_do_2`` for TT24.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scoring.results.aggregate import Counts, Result
from scoring.packs.model import LoadedPack, Pack
from scoring.packs.yamlfile import display_path
from scoring.records.dates import warning_words
from scoring.records.headers import column_title, source_kind
from scoring.results.explain import has_points
from scoring.records.validate import RecordValidator, header_key
from scoring.messages import col, fmt_num, t
from scoring.results.collation import vi_key

REJECTED = "rejected"


@dataclass(frozen=True)
class Listed:
    """One line of the recognition list."""

    position: int             # order in the input: the list keeps it within an outcome
    id: str
    outcome: str
    total: float | None
    columns: tuple[Any, ...]  # the --by columns (e.g. the locality), in the order asked
    kept: tuple[Any, ...] = ()   # the columns kept on request (--giu-cot: names, villages)
    source: str | None = None    # the file (and sheet) of the row: ids are per file and sheet
    claimed: str | None = None   # the outcome the record claimed, when it is not the one listed (its label)


@dataclass
class Summary:
    """Counts of one run. ``by``: columns to break the counts down by (they must be carried
    in ``Result.extra``); ``listing``: keep the recognition list (it grows with the input)."""

    loaded: LoadedPack
    by: tuple[str, ...] = ()
    lang: str = "vi"
    listing: bool = False
    counts: Counts = field(default_factory=Counts)
    outcomes: Counter = field(default_factory=Counter)
    groups: dict[str, Counter] = field(default_factory=dict)
    checked: int = 0            # records that carried a claimed result
    disagreements: int = 0      # … and the rules gave another one
    recognised: list[Listed] = field(default_factory=list)
    keep: tuple[str, ...] = ()  # columns kept on request, shown in the list beside the id
    several: bool = False       # rows from several files or sheets: each listed row says which (ids may repeat)
    warned: Counter = field(default_factory=Counter)   # a warning the results carry -> the records that carry it

    def __post_init__(self) -> None:
        self.groups = {name: Counter() for name in self.by}
        self._labels = _choice_labels(self.loaded.pack, self.by, self.lang)

    @property
    def pack(self) -> Pack:
        return self.loaded.pack

    def add(self, result: Result) -> None:
        self.counts.add(result)
        outcome = result.scored.outcome if result.error is None and result.scored else REJECTED   # error None: ok
        if outcome != REJECTED:
            self.outcomes[outcome] += 1
        for name in self.by:
            self.groups[name][(self.group_of(result, name), outcome)] += 1
        if result.warnings:
            self._warned(result.warnings)
        if result.verification is not None:
            self.checked += 1
            self.disagreements += not result.verification.agrees
        if self.listing and outcome != REJECTED and self.is_recognised(outcome):
            assert result.id is not None and result.scored is not None
            self.recognised.append(Listed(self.counts.read, result.id, outcome, result.scored.total,
                                          tuple(result.extra.get(n) for n in self.by),
                                          tuple(result.extra.get(n) for n in self.keep), result.source,
                                          _claimed_other(result)))

    def _warned(self, warnings: tuple[str, ...]) -> None:
        """Count a record's warnings; the pack's dated warning (``warn_after``) by its text alone, since
        each record's copy ends with its own date, and a document says the warning once."""
        w = self.pack.warn_after
        said = w.text.get(self.lang) if w is not None else None
        for text in warnings:
            self.warned[said if said and text.startswith(said) else warning_words(text, self.lang)] += 1

    def warning_lines(self) -> list[str]:
        """The warnings the results carry, once each with how many records carry it: what a
        document of these results must say beside them (e.g. the district tier's end)."""
        return [t("doc.warning", self.lang, n=fmt_num(n, self.lang), text=text) for text, n in self.warned.items()]

    def group_of(self, result: Result, name: str) -> str:
        return self.group_of_value(name, result.extra.get(name))

    def group_of_value(self, name: str, value: Any) -> str:
        """How a value of a --by column is shown: the choice label beside a code."""
        if value is None or value == "":
            return "(trống)" if self.lang == "vi" else "(blank)"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        label = self._labels.get(name, {}).get(text)
        return f"{text} · {label}" if label else text

    def is_recognised(self, outcome: str) -> bool:
        return outcome != self.pack.outcome_codes[-1]

    # --- tables (plain rows, rendered by render/workbook) ---

    def outcome_rows(self) -> list[list[Any]]:
        """[code, label, count, share of scored] for every outcome, best first."""
        scored = self.counts.scored
        return [[code, self.pack.outcome_label(code, self.lang), self.outcomes[code], _share(self.outcomes[code], scored)]
                for code in self.pack.outcome_codes]

    def group_header(self, name: str) -> list[str]:
        return [name, *self.pack.outcome_codes, REJECTED, "total", "recognised share"]

    def title(self, name: str) -> str:
        """A carried column's heading for people (``column_title``)."""
        return column_title(name, self.lang)

    def display_header(self, name: str) -> list[str]:
        """``group_header`` for people: outcome labels, not codes."""
        return [self.title(name), *(self.pack.outcome_label(o, self.lang) for o in self.pack.outcome_codes), col("rejected", self.lang),
                col("all", self.lang), col("recognised_share", self.lang)]

    def group_rows(self, name: str) -> list[list[Any]]:
        """One row per value of ``name`` (sorted): counts per outcome, rejected, total, and the
        share of its scored records that are recognised."""
        by_value: dict[str, Counter] = {}
        for (value, outcome), n in self.groups[name].items():
            by_value.setdefault(value, Counter())[outcome] += n
        rows = []
        for value in sorted(by_value, key=vi_key):
            c = by_value[value]
            scored = sum(n for o, n in c.items() if o != REJECTED)
            recognised = sum(n for o, n in c.items() if o != REJECTED and self.is_recognised(o))
            rows.append([value, *(c[o] for o in self.pack.outcome_codes), c[REJECTED], sum(c.values()),
                         _share(recognised, scored)])
        return rows

    def listed(self) -> list[Listed]:
        """The recognition list: best outcome first, then in input order (the council's own)."""
        rank = {code: i for i, code in enumerate(self.pack.outcome_codes)}
        return sorted(self.recognised, key=lambda x: (rank[x.outcome], x.position))

    def listing_table(self, display: bool = False) -> tuple[list[str], list[list[Any]]]:
        """The recognition list as a header and rows: number, id, outcome label, total, --by
        columns. ``display``: headings for people, the carried columns beside the id."""
        if display:
            carried = (*self.keep, *self.by)
            sources = [col("file", self.lang)] if shows_source(self.several, carried) else []
            points = has_points(self.pack)   # a levels pack: no 'Tổng điểm' column, always empty
            header = [col("stt", self.lang), *sources, col("id", self.lang), *map(self.title, carried),
                      col("label", self.lang), *([col("total", self.lang)] if points else [])]
            rows = [[n, *([listed_source(x.source, carried, (*x.kept, *x.columns))] if sources else []), x.id, *("" if v is None else v for v in x.kept), *(self.group_of_value(name, v) for name, v in zip(self.by, x.columns)),
                     self.pack.outcome_label(x.outcome, self.lang), *([_num(x.total)] if points else [])]
                    for n, x in enumerate(self.listed(), start=1)]
            return header, rows
        header = ["stt", "id", "kết quả" if self.lang == "vi" else "outcome", "total", *self.by, *self.keep]
        rows = [[n, x.id, self.pack.outcome_label(x.outcome, self.lang), _num(x.total),
                 *(self.group_of_value(name, v) for name, v in zip(self.by, x.columns)), *x.kept]
                for n, x in enumerate(self.listed(), start=1)]
        return header, rows


def source_name(source: str | None) -> str:
    """Where a row comes from, as ``score`` shows it: 'huyen.xlsx:Xã A' (the file's name and sheet)."""
    return os.path.basename(source or "")


def paper_words(warnings: Iterable[str], paths: Iterable[Any]) -> tuple[str, ...]:
    """The warnings as a paper to sign prints them: each file by its name alone ('can-bo.xlsx'), not the path
    typed on the command line ('C:\\Users\\...\\can-bo.xlsx'): a signed paper is no place for the folders of
    someone's computer; and without the command-line instruction that ends some of them ('thêm --sheet '*' …'):
    the paper states what was read, its reader has no terminal (the screen keeps the instruction). A path is
    sought as typed and as the readers show it (``display_path``: './d/a.xlsx' or its full path is 'd/a.xlsx')."""
    shown = {form: os.path.basename(p) for p in paths for form in (str(p), display_path(p))}
    typed = sorted((form for form, name in shown.items() if form != name), key=len, reverse=True)   # 'd/a' before 'a'
    said = []
    for warning in map(str, warnings):
        for path in typed:
            warning = warning.replace(path, shown[path])
        for lang in ("vi", "en"):
            warning = warning.replace(": " + t("xl.unread_fix", lang), "")
        said.append(warning)
    return tuple(said)


def shows_source(several: bool, carried: tuple[str, ...]) -> bool:
    """Whether a list needs its 'Tệp' column: rows from several files or sheets, unless the carried
    columns already say both ('--by sheet --giu-cot tệp')."""
    return several and not {"file", "sheet"} <= {source_kind(name) for name in carried}


def _claimed_other(result: Any) -> str | None:
    """The outcome a record claimed, as a person reads it, when it differs from the one computed: a
    signed list says that a unit is listed at a level other than the one it asked for."""
    v = result.verification
    d = next((d for d in v.differences if d.what == "outcome"), None) if v is not None else None
    if d is None:
        return None
    return d.shown[0] if d.shown else str(d.claimed)


def listed_source(source: str | None, carried: tuple[str, ...], values: tuple[Any, ...]) -> str:
    """The 'Tệp' cell of a list row: 'huyen.xlsx:Xã A', or 'huyen.xlsx' alone when a carried column
    (``carried``, with the row's ``values``) is the sheet: a signed list says it once."""
    shown = source_name(source)
    for name, value in zip(carried, values):
        if source_kind(name) == "sheet" and value and shown.endswith(f":{value}"):
            return shown[:-len(str(value)) - 1]
    return shown


def several_sources(paths: Any, sheet: Any) -> bool:
    """Whether a run's rows may come from more than one file or sheet, known before any is read
    (the results sheet is written as the results come): then ids may repeat, and rows say where from."""
    return len(list(paths)) > 1 or sheet == "*" or (isinstance(sheet, (tuple, list)) and len(sheet) > 1)


def kept_besides(keep: tuple[str, ...], by: tuple[str, ...]) -> tuple[str, ...]:
    """The --giu-cot columns not also given with --by (compared as headers are: 'xa' is 'Xã'):
    a --by column is already in the list and the results, with its choice label."""
    grouped = {header_key(name) for name in by}
    return tuple(name for name in dict.fromkeys(keep) if header_key(name) not in grouped)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _natural(text: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in re.split(r"(\d+)", text) if p)


def _choice_labels(pack: Pack, names: tuple[str, ...], lang: str) -> dict[str, dict[str, str]]:
    """For a --by column that is a choice input (under any alias): code -> label."""
    columns = RecordValidator(pack).columns
    inputs = {f"f{i}": inp for i, inp in enumerate(pack.inputs)}
    out: dict[str, dict[str, str]] = {}
    for name in names:
        inp = inputs.get(columns.get(header_key(name), ""))
        if inp is not None and inp.type == "choice":
            out[name] = {c.code: c.label.get(lang) for c in inp.choices}
    return out


def _num(x: float | None) -> float | int | None:
    return int(x) if x is not None and float(x).is_integer() else x


def share_text(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.1f}%"
