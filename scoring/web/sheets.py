"""The sheet typed in a form, looked for in the uploaded workbook when the form is sent.

The council's job reads the workbook later, in the background: a sheet it has not was said on the
job's failure page, the form and what was typed in it gone. The workbook's list of sheets is read
here at once, as the records reader lists them and in its words, from the workbook part alone (no
shared strings, styles or cells: a large upload costs the request nothing), so that the form says it
by the sheet box.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.exceptions import InvalidFileException

from scoring.errors import InputFileError, UsageError
from scoring.messages import Msg
from scoring.records.excel import _check_sizes as check_sizes, _pick_sheets as pick_sheets, _Sheet as Sheet
from scoring.records.excel import _unreadable as unreadable
from scoring.web.boxes import about, sheet_box
from scoring.web.council import for_the_page
from scoring.web.uploads import Saved

# what opening a workbook raises when it is not one, as the records reader catches it (``excel._Book``)
UNREADABLE = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, IndexError, AttributeError,
              ParseError, EOFError, zlib.error, NotImplementedError, RuntimeError)


def check_sheet(records: Saved, sheet: str | None, lang: str) -> None:
    """The form's ``sheet`` (None: the first visible one) looked for in an uploaded workbook as the
    job will look for it. A sheet it has not is said as the job says it (the sheets it has, listed),
    about the sheet box; a file that is no workbook, as the job says it, about the file's box. A CSV
    with a sheet typed is the job's to warn of, as ``hoctap score --sheet`` warns. Raises UsageError."""
    if records.path.suffix.lower() != ".xlsx":
        return
    try:
        pick_sheets(sheets_of(records.path), sheet, str(records.path))
    except InputFileError as exc:
        said = for_the_page(exc.render(lang).replace(str(records.path), records.name))
        raise about(UsageError(said), sheet_box(exc)) from None


def sheets_of(path: Path) -> list[Sheet]:
    """The sheets of a workbook as the records reader lists them (``excel._Book``: chart sheets and
    parts the file lacks left out), read from its workbook part alone. Raises InputFileError."""
    reader = None
    try:
        reader = ExcelReader(path, read_only=True, data_only=True)
        check_sizes(reader.archive, str(path))
        reader.read_manifest()
        reader.read_workbook()
        return [Sheet(s.name, s.state or "visible", rel.target) for s, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    except OSError as exc:
        raise InputFileError(str(path), Msg("file.cannot_read", reason=str(exc.strerror or exc))) from None
    except UNREADABLE as exc:
        raise InputFileError(str(path), unreadable(path, exc)) from None
    finally:
        if reader is not None:
            reader.archive.close()
