"""Which box of a form an error is about. The form page marks that box (``aria-invalid``, described
by the error) and puts the keyboard's focus in it (``templates/_box.html``), so a person on the
keyboard alone, or hearing the page, lands where the correction is typed: not at the page's start
with the error a line at the top, tied to no box."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from scoring.errors import HoctapError, InputFileError
from scoring.web.uploads import UploadError

E = TypeVar("E", bound=Exception)


def about(exc: E, box: str | None) -> E:
    """``exc``, said to be about the form's ``box`` (None: not known here). A box named already, by
    code nearer the cause, is kept: the outer one is the default."""
    if box and not getattr(exc, "field", None):
        exc.field = box   # type: ignore[attr-defined]
    return exc


def box_of(exc: BaseException, default: str) -> str:
    """The form's box ``exc`` is about (``about``), else ``default`` (the form's file box)."""
    return getattr(exc, "field", None) or default


@contextmanager
def at_box(box: str) -> Iterator[None]:
    """An error raised inside is about the form's ``box``, unless it names its own already."""
    try:
        yield
    except (UploadError, HoctapError) as exc:
        about(exc, box)
        raise


def sheet_box(exc: BaseException) -> str | None:
    """'sheet' when a workbook has no sheet of the name typed in the form's sheet box, else None
    (anything else about the file is the file box's)."""
    problem = getattr(exc, "problem", None)
    return "sheet" if isinstance(exc, InputFileError) and getattr(problem, "code", "") == "xlsx.unknown_sheet" else None
