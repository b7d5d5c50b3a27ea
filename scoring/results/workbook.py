"""Step 7 (Excel): write results and reports as ``.xlsx`` workbooks, streaming.

Sheets are written row by row (openpyxl's write-only mode keeps no cells in memory). Every
text is written as text, never as a formula, whatever it starts with; and the file carries a
fixed date (in the zip and in its properties) so that the same results give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

from scoring.results.aggregate import Result
from scoring.packs.model import LevelsOutcome, LoadedPack, Pack
from scoring.results.explain import WORDS, has_points, indicator_titles, show_value
from scoring.results.render import num, verification_text, warning_cell
from scoring.records.headers import column_title
from scoring.results.report import Summary
from scoring.results.verify import parse_number
from scoring.messages import col, t

FIXED_TIME = (1980, 1, 1, 0, 0, 0)   # the zip format's first day: "no date"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_BOLD = Font(bold=True)
_WRAPPED = Alignment(wrap_text=True, vertical="top")


def write_results(results: Iterable[Result], path: Path, loaded: LoadedPack, summary: Summary,
                  claims: bool = False, keep: tuple[str, ...] = (),
                  warnings: Callable[[], Iterable[str]] | None = None) -> None:
    """Sheets 'Kết quả' (scored records), 'Bị loại' (where, id, error) and 'Tổng hợp' (in
    English: Results, Rejected, Summary). ``claims``: add the claimed total and outcome and the
    verification to the results. ``warnings``: what the run warned of that no row carries (hidden
    rows scored, a share written as a fraction), asked once every result is through (some are
    known only then): a last sheet 'Cảnh báo' (Warnings) when there is any."""
    pack, lang = loaded.pack, summary.lang
    book = Workbook(write_only=True)
    scored_sheet, rejected_sheet, summary_sheet = (book.create_sheet(t(n, lang)) for n in ("sheet.results", "sheet.rejected", "sheet.summary"))
    ids = [i.id for i in pack.indicators]
    # A level pack gives no points: each indicator's column holds the value read, and a status
    # column beside the others says which indicators are met (so every blocker is visible).
    levels = isinstance(pack.outcome, LevelsOutcome)
    named = [indicator_titles(pack, lang)[i] for i in ids]   # names, not codes (tc2_ct1_md1)
    statuses = [t("col.status_of", lang, id=i) for i in named] if levels else []
    points = has_points(pack)   # a pack without points gets no total and maximum columns, always empty
    header = ([col(c, lang) for c in ("id", "outcome", "label", *(("total", "max") if points else ()))] + named + statuses
              + [col("reason", lang), col("where", lang)])
    if claims:
        header += [col(c, lang) for c in ("claimed_total", "claimed_outcome", "verification")]
    warned = pack.warn_after is not None   # e.g. a district pack: each row says whether it is warned
    if warned:
        header.append(col("warning_col", lang))
    header[1:1] = [column_title(k, lang) for k in keep]   # the columns kept on request (names, villages) beside the id
    n = len(ids) + len(statuses) + len(keep) + (5 if points else 3)
    _header(scored_sheet, header, widths={0: 16, **{1 + k: 24 for k in range(len(keep))}, len(keep) + 2: 30,
                                          n: 60, n + 1: 40})
    _header(rejected_sheet, [col(c, lang) for c in ("where", "id", "error")], widths={0: 40, 1: 16, 2: 80})
    try:
        for r in results:
            summary.add(r)
            if r.ok and r.scored is not None:
                s = r.scored
                row = [s.id, *(r.extra.get(name) for name in keep), s.outcome, r.label,
                       *((num(s.total), num(s.max_total)) if points else ()),
                       *(indicator_cells(pack, s, r.lang) if levels else (num(i.points) for i in s.indicators)),
                       r.reason, r.where]
                if claims:
                    row += _claim_cells(r)
                if warned:
                    row.append(warning_cell(r) or None)
                _append(scored_sheet, row)
            else:
                _append(rejected_sheet, [r.where, r.id, r.error])
    except BaseException:
        _discard(book)
        raise
    _summary(summary_sheet, summary)
    _warnings(book, list(warnings() if warnings else ()), lang)
    _save(book, path)


def _warnings(book: Workbook, said: list[str], lang: str) -> None:
    """One warning a row, wrapped in one wide column, as the other sheets are laid out: a bold
    header row repeated on every printed page, A4 one page wide (``_header``)."""
    if not said:
        return
    ws = book.create_sheet(t("sheet.warnings", lang))
    _header(ws, [col("warning_col", lang)], widths={0: 120})
    for warning in said:
        cell = WriteOnlyCell(ws, value=_clean(warning))
        cell.data_type, cell.alignment = "s", _WRAPPED   # text, never a formula; the whole of it on paper
        ws.append([cell])


def indicator_cells(pack: Pack, s: Any, lang: str) -> list[Any]:
    """A level pack's indicators: the value each read (a number, có/không, the title's label), then
    each one's status in words (đạt, chưa đạt, thiếu dữ liệu, không áp dụng)."""
    by_id = {i.id: i for i in pack.indicators}
    values = []
    for i in s.indicators:
        value = s.values.get(by_id[i.id].input_name)
        values.append(num(value) if isinstance(value, (int, float)) and not isinstance(value, bool)
                      else None if value is None else show_value(pack, by_id[i.id].input_name, value, lang))
    return [*values, *(WORDS[lang][i.status] for i in s.indicators)]


def _discard(book: Workbook) -> None:
    """After an interruption: close each sheet's temporary file and delete it now (openpyxl
    would delete it only when the program ends, and it holds personal data)."""
    for ws in book.worksheets:
        try:
            ws.close()
        except Exception:  # a sheet that never started has nothing to close
            pass
        out = getattr(getattr(ws, "_writer", None), "out", None)  # openpyxl internals: the temporary file
        if isinstance(out, str):
            Path(out).unlink(missing_ok=True)


def _claim_cells(r: Result) -> list[Any]:
    v = r.verification
    if v is None:
        return [None, None, None]
    total = parse_number(v.claims.total) if v.claims.total is not None else None
    return [v.claims.total if total is None else num(total), v.claims.outcome, verification_text(r)]


def summary_rows(summary: Summary) -> Iterator[list[Any]]:
    """The summary as rows: what was scored, the counts, the outcomes, the verification."""
    c, pack, loaded, lang = summary.counts, summary.pack, summary.loaded, summary.lang
    yield [t("sum.pack", lang), f"{pack.id} {pack.version}", pack.title.get(lang)]
    yield [t("sum.status", lang), t("status." + pack.status, lang), "sha256 " + loaded.sha256]
    yield []
    yield [t("sum.read", lang), c.read]
    yield [t("sum.scored", lang), c.scored]
    yield [t("sum.rejected", lang), c.rejected]
    yield [t("sum.skipped", lang), c.skipped]
    yield [t("sum.balanced", lang), t("yes" if c.balanced else "no_caps", lang)]
    yield []
    yield [col("outcome", lang), col("label", lang), col("records", lang), col("share_scored", lang)]
    for row in summary.outcome_rows():
        yield row
    if summary.checked:
        yield []
        yield [t("sum.checked", lang), summary.checked]
        yield [t("sum.agree", lang), summary.checked - summary.disagreements]
        yield [t("sum.disagree", lang), summary.disagreements]


def _summary(ws: Any, summary: Summary) -> None:
    _widths(ws, {0: 26, 1: 36, 2: 16, 3: 16})
    for row in summary_rows(summary):
        _append(ws, row, percent_from=3 if len(row) == 4 and isinstance(row[3], float) else None, counts=True)


def write_report(path: Path, summary: Summary) -> None:
    """Sheets 'Tổng hợp', one 'Theo <column>' per --by column, and 'Danh sách công nhận' (the
    recognition list; in English: Summary, By <column>, Recognised)."""
    lang = summary.lang
    book = Workbook(write_only=True)
    _summary(book.create_sheet(t("sheet.summary", lang)), summary)
    for name in summary.by:
        ws = book.create_sheet(_sheet_title(t("sheet.by", lang, name=summary.title(name))))
        header = summary.display_header(name)
        _header(ws, header, widths={0: 30})
        for row in summary.group_rows(name):
            _append(ws, row, percent_from=len(header) - 1, counts=True)
    ws = book.create_sheet(t("sheet.recognised", lang))
    listed_header, listed_rows = summary.listing_table(display=True)
    _header(ws, listed_header, widths={0: 6, 1: 16, 2: 36})
    for row in listed_rows:
        _append(ws, row)
    _save(book, path)


def write_verify(path: Path, header: list[str], rows: list[list[Any]], rejected: list[tuple[str, str | None, str]],
                 summary: Summary) -> None:
    """``verify``'s workbook: 'Không khớp' (the disagreements), 'Bị loại' (the records it could not
    check, with what to correct) and 'Tổng hợp' (read, scored, rejected; checked, agree, disagree)."""
    lang = summary.lang
    book = Workbook(write_only=True)
    ws = book.create_sheet(_sheet_title(t("sheet.disagreements", lang)))
    _header(ws, header, widths={0: 36, 1: 16, 2: 30, 7: 60})
    for row in rows:
        _append(ws, row)
    ws = book.create_sheet(t("sheet.rejected", lang))
    _header(ws, [col(c, lang) for c in ("where", "id", "error")], widths={0: 40, 1: 16, 2: 80})
    for row in rejected:
        _append(ws, list(row))
    _summary(book.create_sheet(t("sheet.summary", lang)), summary)
    _save(book, path)


def _sheet_title(text: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", text)[:31]  # what Excel allows in a sheet name


def _widths(ws: Any, widths: dict[int, float]) -> None:
    from openpyxl.utils import get_column_letter
    for i, width in widths.items():
        ws.column_dimensions[get_column_letter(i + 1)].width = width


def print_setup(ws: Any, landscape: bool = True, footer: str = "&P/&N") -> None:
    """A4, one page wide, page numbers at the foot; set before the sheet's first row is written
    (its properties come first in the file)."""
    ws.page_setup.paperSize = 9   # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 0.79, 0.59
    ws.page_margins.top, ws.page_margins.bottom = 0.79, 0.79
    ws.oddFooter.center.text = footer


def _header(ws: Any, names: list[str], widths: dict[int, float]) -> None:
    _widths(ws, widths)
    print_setup(ws, landscape=len(names) > 6)
    ws.print_title_rows = "1:1"   # the header row on every printed page
    ws.freeze_panes = "A2"
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=_clean(name))
        cell.font = _BOLD
        cell.data_type = "s"
        cells.append(cell)
    ws.append(cells)


def _append(ws: Any, values: list[Any], percent_from: int | None = None, counts: bool = False) -> None:
    """One row; ``counts``: its whole numbers are counts, shown with the thousands separator of the
    reader's Excel (12.345 in Vietnamese); ``percent_from``: shares from that column on."""
    row: list[Any] = []
    for i, value in enumerate(values):
        if isinstance(value, str):
            value = _clean(value)
            if value.startswith("="):  # text from a record, not a formula to run
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
                value = cell
        elif percent_from is not None and i >= percent_from and isinstance(value, float):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "0.0%"
            value = cell
        elif counts and isinstance(value, int) and not isinstance(value, bool):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "#,##0"
            value = cell
        row.append(value)
    ws.append(row)


def _clean(text: str) -> str:
    """Characters XML cannot hold (control characters, undecodable bytes) become '?'."""
    return _NOT_XML.sub("?", text) if _NOT_XML.search(text) else text


def _save(book: Workbook, path: Path) -> None:
    fixed = dt.datetime(*FIXED_TIME)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "hoctap"
    archive = _StableZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(book, archive).save()  # not save_workbook(): it stamps the current time


class _StableZip(zipfile.ZipFile):
    """A zip whose entries all carry FIXED_TIME and the same permissions."""

    def _info(self, name: str, size: int = 0) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        info.compress_type = self.compression
        info.external_attr = 0o644 << 16
        info.file_size = size
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        info = self._info(str(arcname or filename), os.path.getsize(filename))
        with open(filename, "rb") as source, self.open(info, "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)
