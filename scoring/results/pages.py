"""Where a signed paper's printed Excel pages break: chosen here, so that the end of the table and the
signatures under it are printed on one page. Excel has no "keep with next": left to itself it may
print the signatures alone at the top of the last page (a page that could be stapled to any list).

Each page break is written as a manual break (a sheet printed "fit to one page wide" keeps them),
where an estimate of the printed page says the page is full, taken a little short (``SLACK``): no
page then overflows and gets a break of the printer's own, so the pages are as estimated, in Excel
as in LibreOffice, and the last of them can be chosen to begin a few table rows before the end.

The estimate, in the sheet's points: an A4 page holds its height less the top and bottom margins,
divided by the scale of "fit to one page wide" — the page's width less the side margins, over the
columns' width (a whole percent, rounded down, as Excel takes it; a column ``w`` characters wide is
``7 * w`` pixels of 0.75 point, the digit width of the workbook's default font, Calibri 11; where a
program measures the columns wider, it prints smaller, and a page holds more than estimated, never
less). Every row's height is known (``write_sheet`` sets each one), taken up to a whole pixel as
Excel draws it; from the second page on, the header row is printed again at the top.
"""
from __future__ import annotations

import math
from typing import Any

A4 = (595.3, 841.9)   # points, portrait
SLACK = 0.04          # of a page: what the estimate may be off by (the footer, rounding)
PIXEL = 0.75          # points
MAX_BREAKS = 1000     # Excel keeps at most 1,026 manual page breaks in a sheet


def printed_scale(ws: Any, width: float) -> float:
    """The scale a sheet ``width`` characters wide is printed at, fit to one page wide (at most 1)."""
    m = ws.page_margins
    page_width = A4[1] if ws.page_setup.orientation == "landscape" else A4[0]
    columns = 7 * width * PIXEL
    room = page_width - (m.left + m.right) * 72
    return max(0.1, min(1.0, math.floor(100 * room / columns) / 100)) if columns else 1.0


def page_room(ws: Any, width: float) -> float:
    """The height a printed page holds, in the sheet's points (the scale undone), taken short by SLACK."""
    m = ws.page_margins
    page_height = A4[0] if ws.page_setup.orientation == "landscape" else A4[1]
    return (page_height - (m.top + m.bottom) * 72) / printed_scale(ws, width) * (1 - SLACK)


class Pages:
    """The pages a sheet's rows fall on, row by row, as a printer fills them."""

    def __init__(self, room: float) -> None:
        self.room = room
        self.repeat = 0.0   # the header row, printed again at the top of each following page
        self.page, self.used, self.above = 1, 0.0, 0.0
        self.breaks: list[int] = []   # the last row of each page but the last

    def add(self, row: int, height: float) -> tuple[int, int, float]:
        """Row ``row``, ``height`` points tall: (row, its page, the height of the rows above it)."""
        height = math.ceil(height / PIXEL - 1e-9) * PIXEL
        if self.used + height > self.room and self.used > self.repeat:
            self.page += 1
            self.used = self.repeat
            if len(self.breaks) <= MAX_BREAKS:
                self.breaks.append(row - 1)
        placed = (row, self.page, self.above)
        self.used += height
        self.above += height
        return placed

    def kept_with_the_end(self, first: tuple[int, int, float] | None, header_row: int) -> list[int]:
        """The page breaks, the last one moved before the row ``first`` when the rows from it to the
        end would otherwise be split across two pages and fit on one; unless it would leave the
        header row alone at the foot of the first page. A sheet of more pages than Excel keeps manual
        breaks for gets only that one (its other pages as the printer makes them: estimated)."""
        breaks = self.breaks if len(self.breaks) <= MAX_BREAKS else []
        if first is None:
            return breaks
        row, page, above = first
        if page != self.page and row - 1 > header_row and self.repeat + self.above - above <= self.room:
            breaks = [b for b in breaks if b < row - 1] + [row - 1]
        return breaks
