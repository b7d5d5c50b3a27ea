"""Council documents: the recognition list and the results as papers a chairman can sign.

A Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I) opens with the issuing
body on the left (in capitals) and the national heading on the right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA
VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc", underlined), then the place and date line; a title; the
table with a number (STT) per row; a totals row; and the signature block ("(Ký, ghi rõ họ tên)").
Parts the council did not give are dotted lines, to be filled in by hand.

``Document`` is that layout as data; ``scoring.results.pdf`` draws it on A4 pages and
``write_sheet`` below lays it out on an Excel sheet (with print setup: A4, header row repeated on
every page, fit to the page width).
"""
from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scoring.errors import UsageError
from scoring.messages import LANGS, Msg, col, fmt_date, fmt_num, plural_format, t, words_table
from scoring.packs.model import Pack
from scoring.results.collation import name_key, vi_key
from scoring.results.explain import has_points, indicator_titles
from scoring.results.pages import Pages, page_room
from scoring.results.render import count_line, verify_line
from scoring.results.report import column_title, listed_source, shows_source, source_name

DOTS = "……………"   # a blank to fill in by hand

def _council_words(lang: str) -> dict[str, Any]:
    w: dict[str, Any] = words_table("council.", lang)
    w["signers"] = (w.pop("signers_1"), w.pop("signers_2"))   # left to right
    w["share"] = col("recognised_share", lang)   # the summary's column, said as every table says it
    return w


WORDS = {lang: _council_words(lang) for lang in LANGS}


def words(lang: str) -> dict[str, Any]:
    return WORDS.get(lang, WORDS["vi"])


@dataclass(frozen=True)
class Letterhead:
    """Who issues the document, where and when, and who signs. ``None``: a dotted line."""

    issuer: str | None = None      # e.g. "HỘI ĐỒNG XÉT CÔNG NHẬN XÃ TÂN LẬP" (printed in capitals)
    parent: str | None = None      # the body above it, e.g. "UBND XÃ TÂN LẬP" (the line above)
    place: str | None = None       # the place name of the date line, e.g. "Tân Lập"
    locality: str | None = None    # the locality the list covers, e.g. "xã Tân Lập" [default: place]
    date: dt.date | None = None
    signers: tuple[str, ...] = ()  # signers' titles, left to right [default: NGƯỜI LẬP BIỂU, CHỦ TỊCH HỘI ĐỒNG]
    lang: str = "vi"

    @property
    def w(self) -> dict[str, Any]:
        return words(self.lang)

    def left(self) -> list[tuple[str, str]]:
        """The issuing body: (text, style) lines; the body itself in bold capitals."""
        lines = [(_caps(self.parent), "caps")] if self.parent else []
        return lines + [(_caps(self.issuer) if self.issuer else DOTS, "bold")]

    def right(self) -> list[tuple[str, str]]:
        return [(self.w["country"], "bold"), (self.w["motto"], "motto")]

    def date_line(self) -> str:
        d = self.date
        if d is None:
            return self.w["date"].format(place=self.place or DOTS, d="……", m="……", y="………")
        # Nghị định 30/2020/NĐ-CP, Phụ lục I: a day below 10 and the months 1 and 2 take a leading 0
        # ('ngày 05 tháng 02'), the other months none ('tháng 5', never 'tháng 05'); English: 2026-05-05,
        # ISO as every English message writes a date (fmt_date)
        month = str(d.month) if self.lang == "vi" and d.month > 2 else f"{d.month:02d}"
        return self.w["date"].format(place=self.place or DOTS, d=f"{d.day:02d}", m=month, y=d.year)

    def where_when(self) -> str:
        shown = fmt_date(self.date, self.lang) if self.date else self.w["no_date"]
        return self.w["where_when"].format(locality=self.locality or self.place or DOTS, date=shown)

    def signer_titles(self) -> tuple[str, ...]:
        return tuple(_caps(s) for s in self.signers) or self.w["signers"]


def _caps(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip().upper())


@dataclass(frozen=True)
class Column:
    title: str
    width: float                 # in characters of the body font (Excel's column width unit)
    align: str = "left"          # left, center, right
    percent: bool = False        # a share (0.467): shown as 46,7%
    count: bool = False          # a count: 12345 shown as 12.345 (Excel's thousands separator, in the reader's locale)


@dataclass
class Document:
    """One printable document: heading, title lines, a table, its totals and the signatures.
    ``rows`` may be a stream (the results of a large run); ``totals`` is then asked for once
    the rows are through."""

    letterhead: Letterhead
    title: tuple[str, ...]
    columns: list[Column]
    rows: Iterable[list[Any]]
    totals: Callable[[], list[Any] | None] = lambda: None
    sheet: str = "Danh sách"
    signed: bool = True
    notes: tuple[str, ...] = ()   # lines under the table, before the signatures (what the counts rest on)
    # warnings the results carry (e.g. the district tier's end), above the notes; asked for once the
    # rows are through, as ``totals``
    warnings: Callable[[], list[str]] = lambda: []

    @property
    def width(self) -> float:
        return sum(c.width for c in self.columns)

    @property
    def landscape(self) -> bool:
        """A4 portrait holds about 95 characters of 12-point Times across; wider tables turn the page."""
        return self.width > 95


# --- the documents ---------------------------------------------------------------------


def fit_widths(titles: list[str], rows: list[list[Any]], lang: str, limits: dict[int, float] | None = None,
               floor: float = 5, ceiling: float = 40) -> list[float]:
    """Column widths that show every cell: the longest line of a column (a heading's longest word,
    wrapped headings allowed), between ``floor`` and ``ceiling`` characters; longer text wraps."""
    widths = []
    for i, title in enumerate(titles):
        longest_word = max((measure(w, bold=True) for w in title.split()), default=0)
        cells = [measure(cell_text(r[i], lang)) for r in rows if i < len(r)]
        want = max([longest_word + 2, min(measure(title, bold=True), 18) + 2, *(n + 2 for n in cells)])
        widths.append(max(floor, min((limits or {}).get(i, ceiling), want)))
    return widths


def cell_text(value: Any, lang: str = "vi") -> str:
    """A cell as a person reads it: 79.5 as '79,5' in Vietnamese, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return fmt_num(value, lang)
    return str(value)


def recognition_list(summary: Any, letterhead: Letterhead, keep: tuple[str, ...] = (),
                     sort: tuple[str, ...] = ()) -> Document:
    """The "danh sách đề nghị công nhận": every recognised record, best outcome first; within an
    outcome in the order of the input (the council's own), or by the ``sort`` columns in
    Vietnamese alphabetical order (a name column by given name first, as Vietnamese lists are)."""
    pack, lang, w = summary.pack, letterhead.lang, letterhead.w
    by = tuple(summary.by)
    listed = summary.listed()
    values = {x.position: dict(zip(keep, _kept(x, keep))) | dict(zip(by, x.columns)) for x in listed}
    if sort:
        rank = {code: i for i, code in enumerate(pack.outcome_codes)}
        listed = sorted(listed, key=lambda x: (rank[x.outcome], *(sort_key(name, values[x.position].get(name))
                                                                   for name in sort), x.position))
    points = has_points(pack)
    sources = [w["file"]] if shows_source(summary.several, (*keep, *by)) else []
    titles = [w["stt"], *sources, w["id"], *_titles((*keep, *by), lang), w["outcome"], *([w["total"]] if points else []),
              w["note"]]
    rows = []
    for n, x in enumerate(listed, start=1):
        shown = values[x.position]
        where = listed_source(x.source, (*keep, *by), tuple(shown.get(k) for k in (*keep, *by)))
        rows.append([n, *([where] if sources else []), x.id, *(shown.get(k) for k in keep),
                     *(summary.group_of_value(name, shown.get(name)) for name in by),
                     pack.outcome_label(x.outcome, lang), *([_num(x.total)] if points else []),
                     t("council.claimed_other", lang, claimed=x.claimed) if x.claimed else None])
    widths = fit_widths(titles, rows, lang, limits={len(titles) - 1: 14})
    widths[-1] = 14   # Ghi chú: room to write by hand
    columns = [Column(t, wd, align=_align(i, titles, w)) for i, (t, wd) in enumerate(zip(titles, widths))]
    counts = [(pack.outcome_label(code, lang), sum(1 for x in listed if x.outcome == code))
              for code in pack.outcome_codes if summary.is_recognised(code)]
    totals: list[Any] = [w["totals"], *([None] * (len(titles) - 1))]
    totals[titles.index(w["outcome"])] = _count_text(len(listed), counts, w, lang)
    title = (w["list_title"], pack.title.get(lang), letterhead.where_when())
    # the paper says what the list was drawn from: read = scored + rejected (+ skipped)
    c = summary.counts
    not_listed = t("council.not_listed", lang, n=fmt_num(c.scored - len(listed), lang), rejected=fmt_num(c.rejected, lang))
    return Document(letterhead, title, columns, rows, totals=lambda: totals, sheet=_sheet("list", lang),
                    warnings=summary.warning_lines, notes=_sentences(count_line(c, lang), not_listed))


def _titles(names: tuple[str, ...], lang: str) -> list[str]:
    """The headings of the carried columns (--giu-cot, --by), as people read them."""
    return [column_title(name, lang) for name in names]


def _kept(x: Any, keep: tuple[str, ...]) -> tuple[Any, ...]:
    """The kept columns of a listed record (``Listed.kept``, once carried), else nothing."""
    kept = getattr(x, "kept", ())
    return tuple(kept) + (None,) * (len(keep) - len(kept))


def _count_text(n: int, counts: list[tuple[str, int]], w: dict[str, Any], lang: str) -> str:
    """'1.234 hồ sơ (Tốt: 1.000; Khá: 234)': counts as Vietnamese documents write them."""
    text = plural_format(w["count"], n=fmt_num(n, lang))
    if len(counts) > 1:
        text += " (" + "; ".join(f"{label}: {fmt_num(k, lang)}" for label, k in counts) + ")"
    return text


def sort_key(column: str, value: Any) -> tuple:
    """Vietnamese order of one column's value; a person's name by given name first."""
    if value is None or value == "":
        return ((2,),)   # blanks last
    if is_name_column(column):
        return (1, name_key(str(value)))
    return (1, vi_key(value))


def is_name_column(column: str) -> bool:
    key = unicodedata.normalize("NFC", column).casefold().replace("_", " ")
    return key in {"họ và tên", "họ tên", "ho ten", "ho va ten", "tên", "ten", "name", "full name"}


def _align(i: int, titles: list[str], w: dict[str, Any]) -> str:
    return "center" if titles[i] in (w["stt"], w["total"]) else "left"


def _num(x: float | None) -> float | int | None:
    return int(x) if x is not None and float(x).is_integer() else x


SHEETS = {lang: words_table("council_sheet.", lang) for lang in LANGS}


def _sheet(kind: str, lang: str, **fields: str) -> str:
    return SHEETS.get(lang, SHEETS["vi"])[kind].format(**fields)


def results_document(results: Iterable[Any], summary: Any, letterhead: Letterhead,
                     keep: tuple[str, ...] = ()) -> Document:
    """Every scored record, in input order, streamed: STT, id, the kept and --by columns, the
    outcome, the total and the points per indicator — or, for a levels pack (TT 24, 25: thirty
    yes/no indicators would not fit a page), the indicators not met — and the reason. Each result
    passes through ``summary.add``; rejected ones go to the summary only (their own sheet lists them)."""
    pack, lang, w = summary.pack, letterhead.lang, letterhead.w
    by = tuple(summary.by)
    points = has_points(pack)
    ids = [i.id for i in pack.indicators] if points else [w["unmet"]]
    sources = [w["file"]] if shows_source(summary.several, (*keep, *by)) else []
    titles = [w["stt"], *sources, w["id"], *_titles((*keep, *by), lang), w["outcome"], *([w["total"]] if points else []),
              *ids, w["reason"]]
    widths = [5, *([22] * len(sources)), 13, *([22] * len(keep)), *([14] * len(by)), 18, *([7] * points),
              *([5.5] * len(ids) if points else [40]), 34 if points else 44]
    named = indicator_titles(pack, lang)   # names, not codes: a council signs this
    centred = {w["stt"], w["total"], *ids} if points else {w["stt"]}
    columns = [Column(t, wd, align="center" if t in centred else "left") for t, wd in zip(titles, widths)]

    def rows() -> Iterator[list[Any]]:
        n = 0
        for r in results:
            summary.add(r)
            if not (r.ok and r.scored is not None):
                continue
            n += 1
            s = r.scored
            # one indicator a line: their names hold commas and semicolons
            cells = ([_num(i.points) for i in s.indicators] if points else
                     ["\n".join(named[i.id] for i in s.indicators if i.status in ("not_met", "missing"))])
            carried = tuple(r.extra.get(k) for k in (*keep, *by))
            yield [n, *([listed_source(r.source, (*keep, *by), carried)] if sources else []), s.id, *(_value(r.extra.get(k)) for k in keep),
                   *(summary.group_of(r, name) for name in by), r.label, *([_num(s.total)] if points else []),
                   *cells, r.reason]

    def totals() -> list[Any]:
        row: list[Any] = [w["totals"], *([None] * (len(titles) - 1))]
        counts = [(pack.outcome_label(code, lang), summary.outcomes[code]) for code in pack.outcome_codes]
        row[-1] = _count_text(summary.counts.scored, counts, w, lang)   # the widest column: the reason's
        return row
    title = (w["results_title"], pack.title.get(lang), letterhead.where_when())
    return Document(letterhead, title, columns, rows(), totals=totals, sheet=_sheet("results", lang),
                    warnings=summary.warning_lines)


def _value(v: Any) -> Any:
    return "" if v is None else v


def rejected_document(rejected: list[tuple[str, str | None, str]], letterhead: Letterhead, pack: Pack) -> Document:
    w, lang = letterhead.w, letterhead.lang
    titles = [w["stt"], w["where"], w["id"], w["error"]]
    # the file's name and row ('xa.xlsx:Tự đánh giá!13'), not the folders of the secretary's computer
    rows = [[n, source_name(where), rid, error] for n, (where, rid, error) in enumerate(rejected, start=1)]
    columns = [Column(titles[0], 6, "center"), Column(titles[1], 28), Column(titles[2], 14), Column(titles[3], 60)]
    totals = [w["totals"], None, None, plural_format(w["count"], n=fmt_num(len(rows), lang))]
    return Document(letterhead, (w["rejected_title"], pack.title.get(lang), letterhead.where_when()), columns, rows,
                    totals=lambda: totals, sheet=_sheet("rejected", lang))


def disagreements_document(rows_in: list[list[Any]], letterhead: Letterhead, pack: Pack,
                           keep: tuple[str, ...] = ()) -> Document:
    """``rows_in``: [where, id, *kept, outcome label, total, claimed total, claimed outcome, differences]:
    where as the rejected sheet gives it, the row to go back to with the unit (ids repeat across sheets)."""
    w, lang = letterhead.w, letterhead.lang
    titles = [w["stt"], w["where"], w["id"], *_titles(keep, lang), w["outcome"], w["total"], w["claimed_total"],
              w["claimed_outcome"], w["differences"]]
    rows = [[n, *row] for n, row in enumerate(rows_in, start=1)]
    widths = [6, 24, 14, *([24] * len(keep)), 22, 9, 12, 14, 46]
    if not has_points(pack):   # a levels pack (TT 24, TT 25) gives no total: two empty columns, room for the words
        cut = 4 + len(keep)
        titles, widths = titles[:cut] + titles[cut + 2:], widths[:cut] + [14, 67]
        rows = [row[:cut] + row[cut + 2:] for row in rows]
    columns = [Column(t, wd, "center" if t in (w["stt"], w["total"], w["claimed_total"]) else "left")
               for t, wd in zip(titles, widths)]
    totals: list[Any] = [w["totals"], *([None] * (len(titles) - 1))]
    totals[3 + len(keep)] = plural_format(w["count"], n=fmt_num(len(rows), lang))
    return Document(letterhead, (w["disagree_title"], pack.title.get(lang), letterhead.where_when()), columns, rows,
                    totals=lambda: totals, sheet=_sheet("disagreements", lang))


def by_column_document(summary: Any, name: str, letterhead: Letterhead) -> Document:
    """Counts per value of one column (Vietnamese order), per outcome, with a totals row."""
    w, lang, pack = letterhead.w, letterhead.lang, summary.pack
    titles = [w["stt"], column_title(name, lang), *(pack.outcome_label(o, lang) for o in pack.outcome_codes), w["rejected"], w["all"],
              w["share"]]
    rows = [[n, *row] for n, row in enumerate(summary.group_rows(name), start=1)]
    rows.sort(key=lambda r: sort_key(name, r[1]))
    for n, row in enumerate(rows, start=1):
        row[0] = n
    sums = [sum(r[i] for r in rows) for i in range(2, len(titles) - 1)]
    recognised = sum(sums[i] for i, code in enumerate(pack.outcome_codes) if summary.is_recognised(code))
    scored = sum(sums[:len(pack.outcome_codes)])
    totals = [w["totals"], None, *sums, recognised / scored if scored else None]
    widths = fit_widths(titles, rows, lang, floor=9, ceiling=36)
    widths[0] = 6
    columns = [Column(t, wd, "left" if i == 1 else "center", percent=i == len(titles) - 1,
                      count=1 < i < len(titles) - 1) for i, (t, wd) in enumerate(zip(titles, widths))]
    shown = column_title(name, lang)
    return Document(letterhead, (w["by_title"].format(name=shown.upper()), pack.title.get(lang),
                                 letterhead.where_when()), columns, rows, totals=lambda: totals,
                    sheet=_sheet("by", lang, name=shown), warnings=summary.warning_lines)


def summary_document(summary: Any, letterhead: Letterhead) -> Document:
    """The "Tổng hợp": records per outcome (labels, never codes) with their share of the scored,
    the rejected, the total; under it the counts as the screen gives them and the pack used."""
    from scoring.messages import t
    w, lang, pack = letterhead.w, letterhead.lang, summary.pack
    titles = [w["stt"], w["item"], w["records"], w["share_scored"]]
    rows = [[n, label, count, share] for n, (_, label, count, share) in enumerate(summary.outcome_rows(), start=1)]
    rows.append([len(rows) + 1, w["rejected_row"], summary.counts.rejected, None])
    totals = [w["totals"], None, summary.counts.scored + summary.counts.rejected, None]
    # the last two columns as wide as the national heading needs (see _split), the left two for the issuer
    columns = [Column(titles[0], 6, "center"), Column(titles[1], 38), Column(titles[2], 16, "center", count=True),
               Column(titles[3], 28, "center", percent=True)]
    status = t("status." + pack.status, lang)
    notes = _sentences(count_line(summary.counts, lang), *([verify_line(summary)] if summary.checked else []),
                       f"{t('sum.pack', lang)}: {pack.id} {pack.version} ({status}); sha256 {summary.loaded.sha256}")
    return Document(letterhead, (w["summary_title"], pack.title.get(lang), letterhead.where_when()), columns, rows,
                    totals=lambda: totals, sheet=_sheet("summary", lang), notes=notes, warnings=summary.warning_lines)


def _sentences(*lines: str) -> tuple[str, ...]:
    """Lines under a table, as sentences of a document: each opens with a capital (also the line
    of skipped rows a count line carries under it)."""
    return tuple("\n".join(part[:1].upper() + part[1:] for part in line.split("\n")) for line in lines)


@dataclass
class Collected:
    """What a council workbook gathers while the results stream past: rejected rows and
    disagreements (a few, kept in memory); the scored rows go straight to their sheet."""

    rejected: list[tuple[str, str | None, str]] = field(default_factory=list)
    disagreements: list[list[Any]] = field(default_factory=list)


# --- Excel --------------------------------------------------------------------------------

FONT = "Times New Roman"   # Nghị định 30/2020/NĐ-CP: the font of administrative documents
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
KEEP = 2      # the table's last rows printed on the page of the signatures (with the totals and notes)
LINE = 16     # points: a row of one line of 12-point text
GAP = 15      # points: an empty row between the parts of a document


def write_sheet(ws: Any, doc: Document) -> int:
    """Lay ``doc`` out on a write-only sheet: heading, title, table (header row repeated on every
    printed page), totals, signatures; A4, fit to the page width, page breaks set so that the signatures
    are printed with the table's last rows (``scoring.results.pages``). Returns the rows of the table."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    n = len(doc.columns)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    styles = {
        "caps": Font(name=FONT, size=12), "bold": Font(name=FONT, size=12, bold=True),
        "motto": Font(name=FONT, size=13, bold=True, underline="single"),
        "italic": Font(name=FONT, size=12, italic=True), "title": Font(name=FONT, size=14, bold=True),
        "body": Font(name=FONT, size=12), "head": Font(name=FONT, size=12, bold=True),
    }
    for i, column in enumerate(doc.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    split = _split(doc.columns)
    row = 0

    percent = {i for i, c in enumerate(doc.columns) if c.percent}
    counts = {i for i, c in enumerate(doc.columns) if c.count}

    def put(cells: list[tuple[int, int, Any, str, str]], height: float | None = None,
            border: bool = False, wrap: bool = False) -> None:
        """One row: (first column, last column, value, style, alignment) per block; merged when wide."""
        nonlocal row
        row += 1
        if border:   # a table row: as tall as its longest wrapped cell (no program fits it on opening)
            height = 15.75 * max(wrapped_lines(_text(v, lang), _width(doc.columns[a:b + 1]), bold=s == "head")
                                 for a, b, v, s, _ in cells) + 2
        place(height or LINE)
        values: list[Any] = [None] * n
        for first, last, value, style, align in cells:
            cell = _cell(ws, value)
            # a share of 1.0 reaches here as the int 1 (``_plain``): still 100,0%, not '1'
            number = ("0.0%" if first in percent and isinstance(value, (int, float)) and not isinstance(value, bool) else
                      "#,##0" if first in counts and isinstance(value, int) else None)
            cell._style = styled(style, align, border, wrap or last > first, number)
            values[first] = cell
            if last > first:
                ws.merged_cells.add(f"{get_column_letter(first + 1)}{row}:{get_column_letter(last + 1)}{row}")
        if border:
            for i, value in enumerate(values):
                if value is None:
                    blank = _cell(ws, None)
                    blank._style = styled("body", "left", True, False, None)
                    values[i] = blank
        ws.append(values)

    placed: list[tuple[int, int, float]] = []   # (row, page, height of the rows above it) of the last rows put

    def place(height: float) -> None:
        """The row's height, set (every row's: the pages are laid out from them), and its page."""
        ws.row_dimensions[row].height = height
        placed.append(pages.add(row, height))
        del placed[:-KEEP - 2]   # the last rows only: a results sheet may have a million

    def gap() -> None:
        nonlocal row
        row += 1
        place(GAP)
        ws.append([])

    cache: dict[tuple, Any] = {}

    def styled(style: str, align: str, border: bool, wrap: bool, number: str | None) -> Any:
        """The style of a cell, made once per kind: openpyxl hashes a style object each time one is
        set, which took most of the time of a large sheet."""
        key = (style, align, border, wrap, number)
        if key not in cache:
            model = WriteOnlyCell(ws)
            model.font = styles[style]
            model.alignment = Alignment(horizontal=align, vertical="top" if border else "center", wrap_text=wrap)
            if border:
                model.border = box
            if number:
                model.number_format = number
            cache[key] = model._style
        return copy.copy(cache[key])

    lh = doc.letterhead
    lang = lh.lang
    left, right = lh.left(), lh.right()
    header_row = max(len(left), len(right)) + 2 + len(doc.title) + 2
    _print_setup(ws, doc, header_row)   # before the first row: the sheet's properties are written first
    pages = Pages(page_room(ws, doc.width))
    left_width, right_width = _width(doc.columns[:split]), _width(doc.columns[split:])
    for i in range(max(len(left), len(right))):
        l_text, l_style = left[i] if i < len(left) else (None, "caps")
        r_text, r_style = right[i] if i < len(right) else (None, "bold")
        lines = max(_lines(l_text, left_width), _lines(r_text, right_width))
        put([(0, split - 1, l_text, l_style, "center"), (split, n - 1, r_text, r_style, "center")],
            height=16 * lines, wrap=True)
    put([(split, n - 1, lh.date_line(), "italic", "center")], height=18)
    gap()
    for i, line in enumerate(doc.title):
        put([(0, n - 1, line, "title" if i == 0 else "bold" if i == 1 else "italic", "center")],
            height=18 * _lines(line, doc.width))
    gap()
    assert row + 1 == header_row
    put([(i, i, c.title, "head", "center") for i, c in enumerate(doc.columns)], border=True, wrap=True)
    pages.repeat = pages.above - placed[-1][2]   # the header row, printed again on every page
    count = 0
    for values in doc.rows:
        count += 1
        put([(i, i, _plain(v), "body", c.align) for i, (c, v) in enumerate(zip(doc.columns, values))],
            border=True, wrap=True)
    # what goes with the signatures: the table's last KEEP rows (or the totals row of an empty table)
    kept = placed[-min(count, KEEP):] if count else []
    totals = doc.totals()
    if totals:   # its label spans the STT and id columns
        span = 1 if len(totals) > 1 and totals[1] is None else 0
        put([(i, i + (span if i == 0 else 0), _plain(v), "head", "center" if i == 0 else c.align)
             for i, (c, v) in enumerate(zip(doc.columns, totals)) if v is not None], border=True, wrap=True)
        kept = kept or placed[-1:]
    for warning in doc.warnings():
        put([(0, n - 1, warning, "bold", "left")], height=16 * _lines(warning, doc.width), wrap=True)
    for note in doc.notes:
        put([(0, n - 1, note, "italic", "left")], height=16 * _lines(note, doc.width), wrap=True)
    if doc.signed:
        gap()
        signers = lh.signer_titles()
        blocks = _signature_blocks(doc.columns, len(signers))
        # Excel does not fit a merged cell's row to its text: a long title would show one line
        lines = max(_lines(title, _width(doc.columns[a:b + 1])) for (a, b), title in zip(blocks, signers))
        put([(a, b, title, "bold", "center") for (a, b), title in zip(blocks, signers)], height=16 * lines, wrap=True)
        put([(a, b, lh.w["sign"], "italic", "center") for a, b in blocks])
        # the pages as laid out (scoring.results.pages), the table's last rows on the signatures' page
        _page_breaks(ws, pages.kept_with_the_end(kept[0] if kept else None, header_row))
    return count


def _page_breaks(ws: Any, rows: list[int]) -> None:
    """Manual page breaks after these rows (Excel's break 'id' is the last row of a page)."""
    from openpyxl.worksheet.pagebreak import Break
    for row in rows:
        ws.row_breaks.append(Break(id=row))


def _print_setup(ws: Any, doc: Document, header_row: int) -> None:
    """A4, portrait or landscape as the width needs, fit to one page wide, the table's header row
    on every page, page numbers at the foot, margins near Nghị định 30's (2 cm, 1.5 cm right)."""
    fit_page(ws, doc.landscape, doc.letterhead.lang)
    ws.print_title_rows = f"{header_row}:{header_row}"


def fit_page(ws: Any, landscape: bool, lang: str) -> None:
    """A4 one page wide, margins, page numbers; before the sheet's first row is written."""
    from scoring.results.workbook import print_setup
    ws.print_options.horizontalCentered = True
    print_setup(ws, landscape, words(lang)["page"])


def _split(columns: list[Column]) -> int:
    """Where the issuing body's block ends and the national heading's begins: the heading takes
    the right half, and at least the 40 characters "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" needs."""
    total, acc = _width(columns), 0.0
    want = min(max(40.0, total / 2), total - columns[0].width)
    for i in range(len(columns) - 1, 0, -1):
        acc += columns[i].width
        if acc >= want:
            return i
    return 1


def _signature_blocks(columns: list[Column], k: int) -> list[tuple[int, int]]:
    """k column ranges of about equal width, left to right, each of one column at least (a very
    wide last column must not swallow a signer); one signer signs on the right."""
    if k <= 1:
        return [(_split(columns), len(columns) - 1)]
    k = min(k, len(columns))
    edges = [0.0]   # edges[e]: the width left of column e
    for c in columns:
        edges.append(edges[-1] + c.width)
    bounds, start = [], 0
    for j in range(1, k):
        last_end = len(columns) - (k - j)   # leave a column for each signer to come
        end = next((e for e in range(start + 1, last_end + 1) if edges[e] >= edges[-1] * j / k - 1e-9), last_end)
        bounds.append((start, end - 1))
        start = end
    bounds.append((start, len(columns) - 1))
    return bounds


def _width(columns: list[Column]) -> float:
    return sum(c.width for c in columns)


def _lines(text: str | None, width: float) -> int:
    return wrapped_lines(text or "", width, bold=True)


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes, wrapped at spaces, in a column ``width`` characters wide
    (Excel's unit; 12-point Times is about as wide, bold a little wider, capitals wider still)."""
    room = max(1.0, width - 1.5)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = measure(word, bold)
            if used and used + 1 + size > room:
                lines += 1
                used = 0.0
            while size > room:    # a word longer than the column breaks where it must
                lines += 1
                size -= room
            used += size + (1 if used else 0)
    return max(1, lines)


def measure(text: str, bold: bool = False) -> float:
    """Width of a text in Excel's unit (the width of a digit): 12-point Times capitals are wider."""
    return sum(1.25 if ch.isupper() else 1.0 for ch in text) * (1.1 if bold else 1.0)


def _text(value: Any, lang: str) -> str:
    return cell_text(value, lang)


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _cell(ws: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell
    if isinstance(value, str):
        value = _NOT_XML.sub("?", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"   # text from a record, never a formula to run
    return cell


# --- the council workbook -------------------------------------------------------------------


def write_council_workbook(path: Any, results: Iterable[Any], summary: Any, letterhead: Letterhead,
                           keep: tuple[str, ...] = (), sort: tuple[str, ...] = (),
                           skipped: Callable[[], list[tuple[str, str]]] = list) -> None:
    """One workbook for the council, every sheet ready to print and sign (``write_sheet``): the recognition list,
    the results (streamed: a large run is never held in memory), the rejected records, the records
    whose self-assessment differs, the summary and one sheet per --by column. ``skipped``: the
    rows under the tables that were not records, known once the results are through."""
    from openpyxl import Workbook

    import scoring.results.workbook as workbook

    book = Workbook(write_only=True)
    lang, pack = letterhead.lang, summary.pack
    list_sheet = book.create_sheet(_sheet("list", lang))
    results_sheet = book.create_sheet(_sheet("results", lang))
    collected = Collected()
    try:
        write_sheet(results_sheet, results_document(_collect(results, collected, keep, lang), summary, letterhead,
                                                    keep))
        summary.counts.skip(skipped())
        write_sheet(list_sheet, recognition_list(summary, letterhead, keep, sort))
        write_sheet(book.create_sheet(_sheet("rejected", lang)), rejected_document(collected.rejected, letterhead, pack))
        if summary.checked:
            write_sheet(book.create_sheet(_sheet("disagreements", lang)),
                        disagreements_document(collected.disagreements, letterhead, pack, keep))
        write_sheet(book.create_sheet(_sheet("summary", lang)), summary_document(summary, letterhead))
        for name in summary.by:
            write_sheet(book.create_sheet(workbook._sheet_title(_sheet("by", lang, name=column_title(name, lang)))),
                        by_column_document(summary, name, letterhead))
    except BaseException:
        workbook._discard(book)
        raise
    workbook._save(book, path)


def _collect(results: Iterable[Any], collected: Collected, keep: tuple[str, ...], lang: str) -> Iterator[Any]:
    """The results, unchanged; the rejected ones and the disagreements noted on the way."""
    for r in results:
        if not r.ok or r.scored is None:
            collected.rejected.append((r.where, r.id, r.error))
        elif r.verification is not None and not r.verification.agrees:
            v = r.verification
            collected.disagreements.append([source_name(r.where), r.id, *(_value(r.extra.get(k)) for k in keep), r.label,
                                            _num(r.scored.total), _claimed(v.claims.total), v.claims.outcome, v.text(lang)])
        yield r


def _claimed(total: Any) -> Any:
    """A claimed total typed as text ('84', '80 điểm') as the number it reads as, as ``score -o`` writes
    it: a number the sheet can add up, not a text cell Excel marks; a word stays as typed."""
    from scoring.results.verify import parse_number
    number = parse_number(total) if total is not None else None
    return total if number is None else _num(number)


# --- from the command line ------------------------------------------------------------------

TODAY = {"hom-nay", "hôm nay", "homnay", "today"}


def parse_day(text: str, today: dt.date | None = None) -> dt.date:
    """The document's date: dd/mm/yyyy, yyyy-mm-dd, or 'hom-nay' (today)."""
    value = text.strip()
    if value.casefold() in TODAY:
        return today or dt.date.today()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(Msg("usage.bad_day", text=text))


def check_sort(sort: tuple[str, ...], carried: tuple[str, ...]) -> tuple[str, ...]:
    """A list can be sorted only by the columns it carries (--by, --giu-cot): each sort column as
    carried, compared as headers are ('--sap-xep xa' with '--by Xã')."""
    from scoring.records.headers import header_key
    named = {header_key(name): name for name in reversed(carried)}
    for name in sort:
        if header_key(name) not in named:
            raise UsageError(Msg("usage.sort_column", name=name, columns=", ".join(carried) or Msg("none")))
    return tuple(named[header_key(name)] for name in sort)


def write_council_file(path: Any, results: Iterable[Any], summary: Any, letterhead: Letterhead,
                       keep: tuple[str, ...] = (), sort: tuple[str, ...] = (),
                       skipped: Callable[[], list[tuple[str, str]]] = list) -> None:
    """The council workbook (``write_council_workbook``), written atomically."""
    from scoring.results.output import atomic_path
    with atomic_path(path) as tmp:
        write_council_workbook(tmp, results, summary, letterhead, keep, sort, skipped)
