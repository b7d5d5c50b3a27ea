"""The sheet typed in a form, looked for in the uploaded workbook when the form is sent.

The council's job reads the workbook later, in the background: a sheet it has not was said on the
job's failure page, the form and what was typed in it gone. The records reader looks it up here at
once, from the workbook's sheet list alone (``excel.check_sheet``: no shared strings, styles or
cells, so a large upload costs the request little), in its own words, for the form to say it by the
sheet box.
"""
from __future__ import annotations

from scoring.errors import InputFileError, UsageError
from scoring.records.excel import check_sheet as reader_check
from scoring.web.boxes import about, sheet_box
from scoring.web.council import for_the_page
from scoring.web.uploads import Saved


def check_sheet(records: Saved, sheet: str | None, lang: str) -> None:
    """The form's ``sheet`` (None: the first visible one) looked for in an uploaded workbook as the
    job will look for it. A sheet it has not is said as the job says it (the sheets it has, listed),
    about the sheet box; a file that is no workbook, as the job says it, about the file's box. A CSV
    with a sheet typed is the job's to warn of, as ``hoctap score --sheet`` warns. Raises UsageError."""
    if records.path.suffix.lower() != ".xlsx":
        return
    try:
        reader_check(records.path, sheet)
    except InputFileError as exc:
        said = for_the_page(exc.render(lang).replace(str(records.path), records.name))
        raise about(UsageError(said), sheet_box(exc)) from None
