"""Uploaded files: saved into a private temporary folder, checked by their first bytes.

A file is only ever *read* as data by the same readers as ``hoctap score`` (CSV, JSON, JSON
Lines, Excel through openpyxl): nothing from an upload is executed. The extension must be one
the readers know, and the first bytes must agree with it, so that a PDF renamed ``.csv`` or a
zip renamed ``.xlsx`` is refused with a clear message before any reading starts.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from scoring.web.texts import words

SUFFIXES = (".csv", ".xlsx", ".json", ".jsonl", ".ndjson")
TEXT_SUFFIXES = (".csv", ".json", ".jsonl", ".ndjson")
SNIFF = 8192

# First bytes of file kinds people rename by mistake (or on purpose), with their names.
MAGIC: tuple[tuple[bytes, dict[str, str]], ...] = (
    (b"%PDF", {"vi": "một tệp PDF", "en": "a PDF file"}),
    (b"\xd0\xcf\x11\xe0", {"vi": "một tệp Office cũ (.xls/.doc)", "en": "an old Office file (.xls/.doc)"}),
    (b"PK\x03\x04", {"vi": "một tệp nén (zip, .xlsx hoặc .docx)", "en": "a zip archive (zip, .xlsx or .docx)"}),
    (b"\x89PNG", {"vi": "một ảnh PNG", "en": "a PNG image"}),
    (b"\xff\xd8\xff", {"vi": "một ảnh JPEG", "en": "a JPEG image"}),
    (b"GIF8", {"vi": "một ảnh GIF", "en": "a GIF image"}),
    (b"\x7fELF", {"vi": "một chương trình", "en": "a program"}),
    (b"MZ", {"vi": "một chương trình Windows", "en": "a Windows program"}),
    (b"Rar!", {"vi": "một tệp nén RAR", "en": "a RAR archive"}),
    (b"\x1f\x8b", {"vi": "một tệp nén gzip", "en": "a gzip archive"}),
    (b"7z\xbc\xaf", {"vi": "một tệp nén 7z", "en": "a 7z archive"}),
)
# Zip files that are not workbooks, by a member only they have: what a person renamed '.xlsx'.
ZIPPED: tuple[tuple[str, dict[str, str]], ...] = (
    ("word/document.xml", {"vi": "một tài liệu Word (.docx)", "en": "a Word document (.docx)"}),
    ("ppt/presentation.xml", {"vi": "một bản trình chiếu PowerPoint (.pptx)", "en": "a PowerPoint presentation (.pptx)"}),
    ("content.xml", {"vi": "một tệp OpenDocument của LibreOffice (.ods, .odt)", "en": "a LibreOffice OpenDocument file (.ods, .odt)"}),
)
EXPECTED = {".csv": "CSV", ".xlsx": "Excel .xlsx", ".json": "JSON", ".jsonl": "JSON Lines", ".ndjson": "JSON Lines"}


class UploadError(Exception):
    """An upload refused before reading; the message is for the person, in their language."""


@dataclass(frozen=True)
class Saved:
    path: Path
    name: str          # the name shown in messages (the file's own name, cleaned)
    size: int


def safe_name(name: str | None, default: str) -> str:
    """The uploaded file's own name, without any folder, so that rejected-row messages say
    'Hồ sơ xã Tân Lập.csv:12' as the person named it: letters (composed first: a name from a Mac
    or a phone comes with its accents as separate marks, which were cut off), digits, spaces and
    '.', '-', '_', '(', ')', ','; anything else becomes '_'."""
    base = Path(unicodedata.normalize("NFC", name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\-(), ]+", "_", re.sub(r"\s+", " ", base)).strip("._ ")[:100]
    return base or default


def save_upload(stream: BinaryIO, name: str | None, folder: Path, limit: int, lang: str, what: str) -> Saved:
    """Copy an upload into ``folder`` under its cleaned name and check it; raises UploadError."""
    w = words(lang)
    if not name:
        raise UploadError(w["no_file"].format(what=what))
    shown = safe_name(name, "tep")
    suffix = Path(shown).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError(w["bad_type"].format(name=shown, suffix=suffix or "(không có)" if lang == "vi" else suffix or "(none)"))
    path = folder / shown
    size = 0
    with open(path, "wb") as out:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > limit:  # the request limit normally stops it before: this is the last guard
                raise UploadError(w["too_large"].format(mb=_mb(limit)))
            out.write(chunk)
    if size == 0:
        raise UploadError(w["empty_file"].format(name=shown))
    check_kind(path, shown, suffix, lang)
    return Saved(path, shown, size)


def check_kind(path: Path, shown: str, suffix: str, lang: str) -> None:
    """The first bytes must agree with the extension."""
    w = words(lang)
    with open(path, "rb") as f:
        head = f.read(SNIFF)
    if suffix == ".xlsx":
        if not head.startswith(b"PK\x03\x04"):
            kind = _kind(head, lang)
            if kind:
                raise UploadError(w["looks_like"].format(name=shown, kind=kind, expected=EXPECTED[suffix]))
            raise UploadError(w["not_xlsx"].format(name=shown))
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            raise UploadError(w["not_xlsx"].format(name=shown)) from None
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            kind = next((kinds[lang] for member, kinds in ZIPPED if member in names), None)
            if kind:
                raise UploadError(w["looks_like"].format(name=shown, kind=kind, expected=EXPECTED[suffix]))
            raise UploadError(w["not_xlsx"].format(name=shown))
        return
    kind = _kind(head, lang)
    if kind:
        raise UploadError(w["looks_like"].format(name=shown, kind=kind, expected=EXPECTED[suffix]))
    if b"\x00" in head:  # UTF-16 or a binary file: the readers want UTF-8 text
        raise UploadError(w["binary"].format(name=shown))


def _kind(head: bytes, lang: str) -> str | None:
    return next((names[lang] for magic, names in MAGIC if head.startswith(magic)), None)


def _mb(limit: int) -> str:
    return f"{limit / (1 << 20):g}"


PREFIX = "hoctap-web-"
STALE_AFTER = 24 * 3600   # seconds: no job or document lives that long in a running server


class Workdir:
    """A private temporary folder (owner-only) for one job; ``close`` deletes it and all in it. Its
    name carries the server's process id, so that the next server can tell a folder left by a
    server killed outright (``sweep_stale``) from one a running server still uses."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def remove(self, *paths: Path) -> None:
        for p in paths:
            p.unlink(missing_ok=True)


def sweep_stale(folder: str | Path | None = None) -> int:
    """Delete the job folders (uploads, kept documents: personal data) that a server killed outright
    (power cut, ``kill -9``) could not delete: this user's ``hoctap-web-*`` folders whose server
    process is gone, or, where that cannot be asked (Windows, where signal 0 would be Ctrl-C, or an
    older name without a process id), which nothing has touched for ``STALE_AFTER``. Returns how many."""
    removed = 0
    for path in Path(folder or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            info = path.lstat()
            if not path.is_dir() or path.is_symlink() or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                continue
            if _server_gone(path.name) or time.time() - _last_touched(path) > STALE_AFTER:
                shutil.rmtree(path)
                removed += 1
        except OSError:
            continue   # another server's, or already gone: never a reason not to start
    return removed


def _server_gone(name: str) -> bool:
    found = re.match(rf"{PREFIX}(\d+)-", name)
    if not found or sys.platform == "win32":
        return False
    pid = int(found[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False   # alive, another user's process: keep
    return False


def _last_touched(path: Path) -> float:
    return max([path.stat().st_mtime] + [p.stat().st_mtime for p in path.rglob("*")])
