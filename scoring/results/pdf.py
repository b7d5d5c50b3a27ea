"""Council documents and the self-check result as PDF (fpdf2: pure Python, embeds TrueType fonts).

The font is Liberation Serif 2.1.5, shipped in ``fonts/`` with its licence (SIL Open Font
License 1.1): metric-compatible with Times New Roman, the font Nghị định 30/2020/NĐ-CP sets for
administrative documents, and it has every Vietnamese letter and tone. Shipping it makes the PDF
the same on every machine, Windows or Linux, whatever fonts are installed.

A document is drawn as it is printed from the workbook: the heading (issuing body left, national
heading right, underlined motto, place and date), the title, the table on A4 — portrait, or
landscape when it is wide — with its header row repeated on every page, the totals row, and the
signature block (kept whole on one page); "Trang x/y" at the foot of each page.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from scoring.results.council import Document, Letterhead, cell_text, recognition_list
from scoring.results.output import atomic_path

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "LiberationSerif"
MARGINS = (20.0, 15.0, 15.0, 15.0)     # left, top, right, bottom in mm (Nghị định 30: about 2 cm, 1.5 cm right)
FIXED_DATE = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)   # as the workbooks: "no date"
CHAR_MM = 2.15                         # one Excel width unit of 12-point Times, in mm


class _Pages(FPDF):
    """A4 pages in the shipped serif font, numbered at the foot."""

    def __init__(self, lang: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang = lang
        self.set_margins(MARGINS[0], MARGINS[1], MARGINS[2])
        self.set_auto_page_break(True, margin=MARGINS[3])
        for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
            self.add_font(FAMILY, style, str(FONTS / f"LiberationSerif-{name}.ttf"))
        self.set_font(FAMILY, size=12)
        self.set_creation_date(FIXED_DATE)   # the same document gives the same bytes
        self.set_creator("hoctap")
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 9)
        word = "Trang" if self.lang == "vi" else "Page"
        self.cell(0, 5, f"{word} {self.page_no()}/{{nb}}", align="C", new_x="LMARGIN", new_y="NEXT")

    @property
    def usable(self) -> float:
        return self.w - self.l_margin - self.r_margin


def write_list_pdf(path: str | Path, summary: Any, letterhead: Letterhead, keep: tuple[str, ...] = (),
                   sort: tuple[str, ...] = ()) -> None:
    """The recognition list as a PDF, written atomically."""
    with atomic_path(path) as tmp:
        write_documents(tmp, [recognition_list(summary, letterhead, keep, sort)])


def write_documents(path: str | Path, documents: Iterable[Document]) -> None:
    """Each document from a new page, in one PDF file."""
    docs = list(documents)
    pdf = _Pages(docs[0].letterhead.lang if docs else "vi")
    for doc in docs:
        draw(pdf, doc)
    pdf.output(str(path))


def draw(pdf: _Pages, doc: Document) -> None:
    pdf.add_page(orientation="landscape" if doc.landscape else "portrait")
    size = _font_size(pdf, doc)
    _heading(pdf, doc)
    _title(pdf, doc)
    closing: list[tuple[str, str]] = []   # the lines under the table, known once its rows are through
    _table(pdf, doc, size, closing)
    for text, style in closing:
        pdf.set_font(FAMILY, style, 12)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    if doc.signed:
        signatures(pdf, doc.letterhead.signer_titles(), doc.letterhead.w["sign"])


def _closing_height(pdf: _Pages, doc: Document, closing: list[tuple[str, str]]) -> float:
    """What follows the table (warnings, notes, signatures), in mm: it is kept on the page of the
    table's last row, so that a signature never stands alone on a page of its own."""
    height = SIGNATURES if doc.signed else 0.0
    for text, style in closing:
        pdf.set_font(FAMILY, style, 12)
        height += 6 * len(pdf.multi_cell(0, 6, text, dry_run=True, output="LINES"))
    return height


def _font_size(pdf: _Pages, doc: Document) -> float:
    """12 points, smaller (down to 8) when the table is wider than the page, as 'fit to width' does."""
    fits = pdf.usable / CHAR_MM
    return max(8.0, min(12.0, 12.0 * fits / max(doc.width, 1)))


def heading(pdf: _Pages, left: list[tuple[str, str]], right: list[tuple[str, str]], date_line: str) -> None:
    """The issuing body (left third) beside the national heading; the place and date under it."""
    x0, top = pdf.l_margin, pdf.get_y()
    left_w = min(0.45 * pdf.usable, 100.0)   # the issuing body on two lines at most
    right_w = pdf.usable - left_w
    y_left = _block(pdf, x0, top, left_w, left, rule=True)
    y_right = _block(pdf, x0 + left_w, top, right_w, right)
    pdf.set_xy(x0 + left_w, y_right + 2)
    pdf.set_font(FAMILY, "I", 12)
    pdf.multi_cell(right_w, 6, date_line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(y_left, pdf.get_y()) + 4)


def _heading(pdf: _Pages, doc: Document) -> None:
    lh = doc.letterhead
    heading(pdf, lh.left(), lh.right(), lh.date_line())


STYLE = {"caps": ("", 12), "bold": ("B", 12), "motto": ("B", 13), "italic": ("I", 12)}


def _block(pdf: _Pages, x: float, y: float, width: float, lines: list[tuple[str, str]], rule: bool = False) -> float:
    """Centred lines; the motto (or, with ``rule``, the last line) gets a short rule under it, as
    the heading of a Vietnamese document has. Returns the y under the block."""
    pdf.set_xy(x, y)
    for i, (text, style) in enumerate(lines):
        emphasis, size = STYLE[style]
        pdf.set_font(FAMILY, emphasis, size)
        pdf.set_x(x)
        pdf.multi_cell(width, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
        last = i == len(lines) - 1
        if style == "motto" or (rule and last):
            shown = min(pdf.get_string_width(text), width - 4)
            if rule:
                shown = shown / 3   # under the issuing body: a short rule, a third of its width
            y_rule = pdf.get_y() + 0.6
            pdf.set_line_width(0.3)
            pdf.line(x + (width - shown) / 2, y_rule, x + (width + shown) / 2, y_rule)
            pdf.set_y(y_rule + 0.6)
    return pdf.get_y()


def _title(pdf: _Pages, doc: Document) -> None:
    for i, line in enumerate(doc.title):
        pdf.set_font(FAMILY, "B" if i < 2 else "I", 14 if i == 0 else 12)
        pdf.multi_cell(0, 7 if i == 0 else 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _table(pdf: _Pages, doc: Document, size: float, closing: list[tuple[str, str]]) -> None:
    """The table, drawn row by row: each cell wrapped at spaces into its column, each row as tall
    as its tallest cell, the header row again at the top of each new page. (fpdf2's own table
    measures every cell twice, character by character: 2,900 rows took 36 s; this takes a few.)
    The last row is held back until the rows are through: it goes to a new page with the totals
    and ``closing`` (filled here: the warnings and notes) when the signatures would not fit under it."""
    lang = doc.letterhead.lang
    scale = pdf.usable / max(doc.width, 1)
    widths = [c.width * scale for c in doc.columns]
    grid = _Grid(pdf, widths, size, header=[(c.title, "C") for c in doc.columns])
    grid.row(grid.header, bold=True)
    last: list[tuple[Any, ...]] | None = None
    for values in doc.rows:   # the STT as typed, '1234', not '1.234'
        if last is not None:
            grid.row(last)
        last = [(str(values[0]) if isinstance(values[0], int) else _shown(values[0], doc.columns[0], lang), "C"),
                *((_shown(v, c, lang), _ALIGN[c.align]) for c, v in zip(doc.columns[1:], values[1:]))]
    totals = doc.totals()
    cells: list[tuple[Any, ...]] = []
    if totals:
        span = 1 if len(totals) > 1 and totals[1] is None else 0
        cells = [(_shown(totals[0], doc.columns[0], lang), "C", span + 1)]
        cells += [(_shown(v, c, lang), _ALIGN[c.align], 1) for c, v in zip(doc.columns[span + 1:], totals[span + 1:])]
    closing += [(warning, "B") for warning in doc.warnings()] + [(note, "I") for note in doc.notes]
    after = _closing_height(pdf, doc, closing)
    if last is not None:
        grid.row(last, keep_with=after + (grid.height(cells, bold=True) if cells else 0.0))
    if cells:
        grid.row(cells, bold=True, keep_with=after)
    pdf.set_font(FAMILY, "", 12)


_ALIGN = {"center": "C", "right": "R", "left": "L"}


class _Grid:
    """Bordered rows of wrapped text; word widths are measured once (names and labels repeat)."""

    PAD = 1.0

    def __init__(self, pdf: _Pages, widths: list[float], size: float, header: list[tuple[Any, ...]]):
        self.pdf, self.widths, self.size, self.header = pdf, widths, size, header
        self.line = size * 0.45
        self._measured: dict[tuple[str, bool], float] = {}
        self._fresh = False   # the page holds the header row and no row under it yet

    def _width(self, text: str, bold: bool) -> float:
        key = (text, bold)
        if key not in self._measured:
            self.pdf.set_font(FAMILY, "B" if bold else "", self.size)
            self._measured[key] = self.pdf.get_string_width(text)
        return self._measured[key]

    def _wrap(self, text: str, room: float, bold: bool) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split(" "):
                trial = f"{current} {word}" if current else word
                if current and self._width(trial, bold) > room:
                    lines.append(current)
                    current = word
                else:
                    current = trial
                while self._width(current, bold) > room and len(current) > 1:   # a word wider than the column
                    cut = len(current)
                    while cut > 1 and self._width(current[:cut], bold) > room:
                        cut -= 1
                    lines.append(current[:cut])
                    current = current[cut:]
            lines.append(current)
        return lines or [""]

    def _boxes(self, cells: list[tuple[Any, ...]], bold: bool) -> tuple[list[tuple[float, list[str], str]], float]:
        """Each cell's width, wrapped lines and alignment; the row's height."""
        spans = [(c[0], c[1], c[2] if len(c) > 2 else 1) for c in cells]
        boxes, i = [], 0
        for text, align, span in spans:
            width = sum(self.widths[i:i + span])
            boxes.append((width, self._wrap(text, width - 2 * self.PAD, bold), align))
            i += span
        return boxes, max(len(lines) for _, lines, _ in boxes) * self.line + 2 * self.PAD * 0.8

    def height(self, cells: list[tuple[Any, ...]], bold: bool = False) -> float:
        return self._boxes(cells, bold)[1]

    def row(self, cells: list[tuple[Any, ...]], bold: bool = False, repeat: bool = False, keep_with: float = 0.0) -> None:
        """Draw one row; on a new page, under the header row drawn again (``repeat``: this is it).
        ``keep_with``: the height of what must follow on the same page (the totals, the signatures):
        when it does not fit, the row opens a new page, unless the page holds no row of its own yet."""
        pdf, pad = self.pdf, self.PAD
        boxes, height = self._boxes(cells, bold)
        room = pdf.h - pdf.b_margin - pdf.get_y()
        if not repeat and (height > room or (height + keep_with > room and not self._fresh)):
            pdf.add_page(orientation=pdf.cur_orientation)
            self.row(self.header, bold=True, repeat=True)
        self._fresh = repeat or cells is self.header
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_font(FAMILY, "B" if bold else "", self.size)
        pdf.set_line_width(0.2)
        for width, lines, align in boxes:
            pdf.rect(x, y, width, height)
            for k, text in enumerate(lines):
                shown = self._width(text, bold)
                left = x + pad if align == "L" else x + width - pad - shown if align == "R" else x + (width - shown) / 2
                pdf.text(left, y + pad * 0.8 + (k + 0.78) * self.line, text)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)


def _shown(value: Any, column: Any, lang: str) -> str:
    if column.percent and isinstance(value, float):
        return cell_text(round(value * 100, 1), lang) + "%"
    return cell_text(value, lang)


SIGNATURES = 45.0   # mm: the signers' titles and the room to sign under them, kept on one page


def signatures(pdf: _Pages, titles: tuple[str, ...], sign: str, names: tuple[str, ...] = ()) -> None:
    """The signers side by side (one signer: on the right), each with '(Ký, ghi rõ họ tên)' and
    room to sign; moved whole to a new page when it would not fit under the table (the table's
    last row comes with it: see ``_table``)."""
    if pdf.get_y() + SIGNATURES > pdf.h - pdf.b_margin:
        pdf.add_page(orientation=pdf.cur_orientation)
    pdf.ln(6)
    k = max(1, len(titles))
    width = pdf.usable / (2 if k == 1 else k)
    x0 = pdf.l_margin + (pdf.usable / 2 if k == 1 else 0)
    top = pdf.get_y()
    for i, title in enumerate(titles):
        x = x0 + i * width
        pdf.set_xy(x, top)
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(width, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(x)
        pdf.set_font(FAMILY, "I", 12)
        pdf.multi_cell(width, 6, sign, align="C", new_x="LMARGIN", new_y="NEXT")
        if i < len(names) and names[i]:
            pdf.set_xy(x, top + 36)
            pdf.set_font(FAMILY, "B", 12)
            pdf.multi_cell(width, 6, names[i], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top + 42)


# --- one page: the self-check result ----------------------------------------------------------


def one_page(path: str | Path, lang: str, drawing: Any, sizes: tuple[float, ...] = (11, 10, 9, 8, 7.5, 7)) -> int:
    """Draw with the largest font size that keeps everything on one page; returns the pages."""
    for size in sizes:
        pdf = _Pages(lang)
        pdf.add_page()
        drawing(pdf, size)
        if pdf.page_no() == 1 or size == sizes[-1]:
            pdf.output(str(path))
            return pdf.page_no()
    raise AssertionError("unreachable")


def draw_result_page(pdf: _Pages, size: float, words: dict[str, str], pack_title: str, printed: str,
                     head: list[str], note: str, rows: list[tuple[str, str, list[str] | None]], tail: list[str],
                     levels: bool) -> None:
    """A self-check result: title, outcome and total, the indicators grouped by criterion, where
    the points come from, what is still missing, and a place to sign."""
    line = size * 0.45
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 7, words["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 12)
    pdf.multi_cell(0, 6, pack_title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "I", size)
    pdf.multi_cell(0, line, printed, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", size + 1)
    for text in head:
        pdf.multi_cell(0, line + 1, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, "", size)
    value = words["value_levels"] if levels else words["value"]
    with pdf.table(col_widths=(19, 75, 16, 16, 15), width=pdf.usable, line_height=line, v_align="TOP",
                   text_align=("C", "L", "C", "C", "C"), headings_style=FontFace(emphasis="BOLD"),
                   padding=(0.6, 1.0)) as table:
        heads = table.row()
        for title in (words["indicator"], words["content"], value, words["needs"], words["status"]):
            heads.cell(title, align="C")
        for first, second, cells in rows:
            if cells is None:   # a criterion: its label across, its points under 'Điểm'
                row = table.row(style=FontFace(emphasis="BOLD"))
                row.cell(first, colspan=2, align="L")
                row.cell(second)
                row.cell("", colspan=2)
                continue
            row = table.row()
            for text in (first, second, *cells):
                row.cell(text)
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", size)
    pdf.multi_cell(0, line, words["where"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "I", size)
    pdf.multi_cell(0, line, note, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", size)
    for paragraph in tail:
        pdf.ln(2)
        pdf.multi_cell(0, line, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    x = pdf.l_margin + pdf.usable / 2
    for text, style in ((words["date"], "I"), (words["signer"], "B"), (words["sign"], "I")):
        pdf.set_x(x)
        pdf.set_font(FAMILY, style, size)
        pdf.multi_cell(pdf.usable / 2, line + 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
