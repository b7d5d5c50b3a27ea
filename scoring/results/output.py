"""Step 7 (files): write results, tables and reports to a file whose format follows its
extension, atomically — into a temporary file beside the target, renamed over it only once
complete. An interrupted run (error, Ctrl-C, SIGTERM) leaves the target as it was."""
from __future__ import annotations

import errno
import io
import json
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import scoring.results.render as render
from scoring.results.aggregate import Counts, LineBlock, Result
from scoring.errors import OutputFileError, UsageError, os_reason
from scoring.messages import Msg, col, t
from scoring.packs.model import LoadedPack

if TYPE_CHECKING:   # loaded where a summary is made (below), not at every start
    from scoring.results.report import Summary

RESULT_FILE_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
REPORT_FILE_FORMATS = {".xlsx": "xlsx", ".json": "json", ".md": "markdown", ".txt": "text"}


WHAT = {"results": "out.what_results", "a table": "out.what_table", "a report": "out.what_report", "a list": "out.what_list"}


def file_format(path: str | Path, formats: dict[str, str], what: str = "results") -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in formats:
        raise OutputFileError(str(path), Msg("out.cannot_write_as", what=Msg(WHAT.get(what, "out.what_results")),
                                             suffix=suffix or Msg("out.no_extension"),
                                             names=", ".join(sorted(set(formats)))))
    return formats[suffix]


@contextmanager
def block_stdout() -> Iterator[TextIO]:
    """stdout for results, written in blocks of whole lines when stdout itself would pass on
    every write at once: under PYTHONUNBUFFERED (set on many servers, containers and CI
    machines) a run sent to a file or a pipe made one system call per line (100,000 records:
    0.57 s of system time, against 0.12 s written with -o). A terminal keeps stdout as it is
    (lines show as they come). The blocks go through a copy of stdout's descriptor, closed at the
    end: stdout itself stays open, and a write that fails (a closed pipe, a full disk) fails as it
    would on stdout."""
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if not isinstance(out, io.TextIOWrapper) or not isinstance(raw, io.RawIOBase) or out.isatty():
        yield out
        return
    out.flush()
    # newline=None: "\n" written as the platform's line end, as Python's own stdout writes it
    blocks = open(os.dup(raw.fileno()), "w", encoding=out.encoding, errors=out.errors, newline=None,
                  buffering=1 << 16)
    try:
        yield blocks
        blocks.flush()
    finally:
        try:
            blocks.close()   # after a failed write: what was left cannot be written either
        except (OSError, ValueError):
            pass


# Formats people expect to open in another program: a file of that name holding a text table
# would not open (Excel refuses a text .xls; a PDF reader, a text .pdf), so the name is refused.
NOT_WRITTEN_AS_NAMED = {".xls", ".xlsm", ".xlsb", ".ods", ".pdf", ".doc", ".docx", ".odt", ".rtf", ".htm", ".html",
                        ".zip", ".xlsx", ".csv"}
def refuse_unwritten(path: str | Path | None, writes: Iterable[str]) -> None:
    """Before anything is read: an output named .pdf, .xls, .docx… that this command cannot write
    in that format is refused, with the name to use, instead of getting a text table under it."""
    if not path:
        return
    suffix = Path(path).suffix.lower()
    writes = set(writes)
    if suffix in writes or suffix not in NOT_WRITTEN_AS_NAMED:
        return
    if suffix == ".pdf":
        raise UsageError(Msg("usage.pdf_only_list", path=path))
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods") and ".xlsx" in writes:
        raise UsageError(Msg("usage.xls", path=path, suffix=suffix, kind=Msg(f"fmt{suffix}")))
    raise UsageError(Msg("usage.not_written", path=path, suffix=suffix, names=", ".join(sorted(writes))))


def same_file(a: str | Path, b: str | Path) -> bool:
    """Do two paths name one file: through a symbolic link, a hard link, '..', or a case difference
    on a file system that ignores case? (Only the file system can tell, so ask it first.)"""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist (yet): compare what the names resolve to
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_inputs_as_outputs(outputs: dict[str, str | None], inputs: Iterable[str | Path], lang: str = "vi") -> None:
    """Before anything is read: no output (``{option: path}``) may be one of the input files,
    under any name. A council's dossier must never be replaced by results."""
    inputs = list(inputs)
    for option, output in outputs.items():
        if not output:
            continue
        for given in inputs:
            if same_file(output, given):
                raise UsageError(t("out.not_an_input", lang, option=option, output=output, input=given))


def check_outputs(outputs: dict[str, str | None], inputs: Iterable[str | Path], lang: str = "vi",
                  replace: bool = False) -> None:
    """Before anything is read, every output check a command writing files makes: no output is an
    input (``refuse_inputs_as_outputs``) or, unless ``replace``, a file already there (``refuse_existing``)."""
    refuse_inputs_as_outputs(outputs, inputs, lang)
    refuse_existing(outputs, replace)
    for output in outputs.values():
        if output:
            check_writable(output)


def refuse_existing(outputs: dict[str, str | None], replace: bool = False) -> None:
    """Before anything is read: an output (``{option: path}``) that is already a file is refused
    unless ``replace`` (``--ghi-de``) says to replace it: a council's own workbook or last week's
    signed list must not be lost to a name typed twice. A device (/dev/null) is written to as ever."""
    if replace:
        return
    for output in outputs.values():
        if output and os.path.isfile(output):
            raise UsageError(Msg("usage.output_exists", path=output))


def check_writable(target: str | Path) -> None:
    """Before the work that ends in ``target`` (questions answered, a long run): that the file can
    be written there, as ``atomic_path`` will, so that a missing or read-only folder is said now,
    not once the work is done and lost. The folder is asked by making (and removing) an empty
    temporary file in it: permissions alone do not tell (Windows' read-only folders, ACLs, a
    read-only disk)."""
    target = Path(target)
    probe = _new_file_beside(target)
    if probe is not None:
        _make_empty(probe, target)
        probe.unlink()
        if target.is_file():
            _check_replaceable(target)


def _check_replaceable(target: Path) -> None:
    """A file about to be replaced (--ghi-de) that cannot be: read-only, or open in Excel, which on
    Windows keeps other programs from writing or renaming over it. Said before the work, not after."""
    try:
        with open(target, "r+b"):
            pass
    except OSError as exc:
        raise OutputFileError(str(target), Msg("out.cannot_replace", reason=os_reason(exc))) from None


def _new_file_beside(target: Path) -> Path | None:
    """The path of a temporary file to make beside ``target``, or None for a device (written to
    directly). Refuses a missing folder, and a folder, FIFO or socket as the target."""
    if not target.parent.is_dir():
        if target.parent.exists():   # '-o ds.csv/kq.xlsx': "does not exist" would puzzle whoever sees ds.csv there
            raise OutputFileError(str(target), Msg("out.folder_is_file", folder=target.parent,
                                                   beside=target.parent.parent / target.name))
        raise OutputFileError(str(target), Msg("out.no_folder", folder=target.parent))
    if _special(target):
        # a device (/dev/null, /dev/stdout) is written to, never renamed over: replacing it
        # with a file would break it for every program on the machine
        return None
    # The random part makes a clash impossible.
    return target.parent / f".{target.name}.{secrets.token_hex(8)}.tmp"


def _make_empty(tmp: Path, target: Path) -> None:
    """Create ``tmp``, owner-only (half-written personal data is never shared), or say why not."""
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise OutputFileError(str(target), Msg("out.cannot_write", folder=target.parent, reason=_why_not(exc))) from None


def _why_not(exc: OSError) -> Msg | str:
    """Why a file cannot be made: a read-only disk and a full one in the output's own words (write
    elsewhere with -o), anything else as ``os_reason`` says it."""
    code = {errno.EROFS: "out.read_only_disk", errno.ENOSPC: "out.no_space"}.get(exc.errno)   # type: ignore[arg-type]
    return Msg(code) if code else os_reason(exc)


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed to ``target`` when the block ends without error."""
    target = Path(target)
    tmp = _new_file_beside(target)
    if tmp is None:
        yield target
        return
    # Named before it is created, inside the one try: a signal (Ctrl-C, SIGTERM) arriving at any
    # point after creation still finds the name to remove.
    try:
        _make_empty(tmp, target)
        yield tmp
        os.chmod(tmp, _mode_for(target))
        _replace(tmp, target)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(target)   # a write that failed (a full disk) names no file: the user's is the one
        raise


def _replace(tmp: Path, target: Path) -> None:
    """Rename the finished file over ``target``, or say, naming ``target`` (not the temporary file
    the user never saw), why not: on Windows, usually that ``target`` is open in Excel."""
    try:
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputFileError(str(target), Msg("out.cannot_replace", reason=os_reason(exc))) from None


def _remove(tmp: Path) -> None:
    """Remove the temporary file, if it was made. Never raises: on a read-only disk removing even a
    file that is not there fails (EROFS, not 'not found'), and that error, naming the hidden
    temporary file, would replace the one that says why nothing could be written."""
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def _special(target: Path) -> bool:
    """True for a character device; a folder, FIFO or socket as output is refused."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False   # absent (the usual case), or unreadable: the write below will say why
    if stat.S_ISCHR(mode):
        return True
    if not stat.S_ISREG(mode):
        what = "một thư mục" if stat.S_ISDIR(mode) else "một FIFO hay socket"
        raise OutputFileError(str(target), f"đây là {what}, không phải một tệp: ghi kết quả vào một tệp thường (-o TỆP)")
    return False


def _mode_for(target: Path) -> int:
    """The permissions an ordinary write would give: the replaced file's own, else the umask's
    (the temporary file is created owner-only so that half-written personal data is never shared)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


WRITE_BUFFER_BYTES = 1 << 18


@contextmanager
def atomic_text(target: str | Path, bom: bool = False) -> Iterator[TextIO]:
    """``bom``: start with the UTF-8 byte order mark, which Excel needs to read a CSV as UTF-8."""
    # a 256 KB buffer: with the default 8 KB, a 100,000-record JSON Lines file (160 MB) took 20,000
    # system calls to write, about twice the time of writing it in 256 KB blocks.
    # Opened without O_TRUNC (``atomic_path`` made it, empty): on ext4, a file truncated on opening is
    # written out to disk in full when it is closed (its guard for files replaced in place), and the
    # run waited for that: 49 ms at the end of 100,000 citizens (160 MB; strace -T), for nothing here,
    # where the file is new and is renamed over the target, not rewritten. (O_BINARY: on Windows, as
    # open() does, else the C library would turn each line end into two.)
    with atomic_path(target) as tmp:
        made = os.open(tmp, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        with open(made, "w", encoding="utf-8-sig" if bom else "utf-8", newline="", buffering=WRITE_BUFFER_BYTES) as out:
            yield out


def write_results_file(path: str | Path, results: Iterable[Result], loaded: LoadedPack, counts: Counts,
                       fmt: str | None = None, claims: bool = False, lang: str = "vi",
                       csv_dialect: str = "excel", keep: tuple[str, ...] = (),
                       warnings: Callable[[], Iterable[str]] | None = None) -> Summary:
    """Write results to ``path``; return the run's summary. The format is ``fmt``, else it follows
    the extension (.xlsx, .csv, .jsonl, .json; any other extension gets the text table). ``warnings``:
    the run's (``run.notices.run_warnings``), which a workbook keeps on a sheet of their own (a CSV
    file or JSON lines hold one table of records, with no place for them)."""
    from scoring.results.report import Summary
    fmt = fmt or RESULT_FILE_FORMATS.get(Path(path).suffix.lower(), "table")
    summary = Summary(loaded, lang=lang)
    if fmt == "xlsx":
        import scoring.results.workbook as workbook  # openpyxl: imported only when a workbook is written
        with atomic_path(path) as tmp:
            workbook.write_results(_then_skipped(results, counts, summary), tmp, loaded, summary, claims, keep,
                                   warnings)
        return summary

    def counted() -> Iterator[Result]:
        for r in results:
            if r.__class__ is LineBlock:   # rows written as lines where they were scored (``Batch.blocks``)
                summary.counts.add_lines(r)
            else:
                summary.add(r)
            yield r
    with atomic_text(path, bom=fmt == "csv" and csv_dialect != "utf8") as out:
        render.write_results(counted(), fmt, out, loaded.pack, counts, claims=claims, csv_dialect=csv_dialect, keep=keep)
    return summary


def _then_skipped(results: Iterable[Result], counts: Counts, summary: Summary) -> Iterator[Result]:
    """The results; once they are all through, the run's skipped rows (known only then) join the summary."""
    yield from results
    summary.counts.skip(counts.skipped_rows)


Rejected = tuple[str, "str | None", str]   # where, id, error: a record that was not scored


def write_verify_file(path: str | Path, header: list[str], keys: list[str], rows: list[list[Any]],
                      rejected: list[Rejected], summary: Summary, csv_dialect: str = "excel") -> None:
    """``verify``'s file: the disagreements (``rows``, columns ``header`` for people, ``keys`` in
    JSON), and every record it could not check (``rejected``: where, id, error), so that a council
    filing only this file does not read 'every other record agrees'. Excel: sheets 'Không khớp',
    'Bị loại' and 'Tổng hợp' (the counts); CSV and JSON Lines: the rejected records as rows with a
    status; JSON: an object with the disagreements, the rejected records and the counts."""
    lang = summary.lang
    fmt = file_format(path, RESULT_FILE_FORMATS, "a table")
    if fmt == "xlsx":
        import scoring.results.workbook as workbook  # openpyxl: imported only when a workbook is written
        with atomic_path(path) as tmp:
            workbook.write_verify(tmp, header, rows, rejected, summary)
        return
    with atomic_text(path, bom=fmt == "csv" and csv_dialect != "utf8") as out:
        if fmt == "csv":
            status = {k: t(f"verify.{k}", lang) for k in ("disagrees", "unchecked")}
            writer = render.csv_writer(out, csv_dialect)
            writer.writerow([*header, col("status", lang), col("error", lang)])
            writer.writerows([*row, status["disagrees"], ""] for row in rows)
            blank = [""] * (len(header) - 2)
            writer.writerows([where, rid or "", *blank, status["unchecked"], error] for where, rid, error in rejected)
        elif fmt == "jsonl":
            for row in rows:
                out.write(render.dumps({**_coded(keys, row), "status": "disagrees"}) + "\n")
            for where, rid, error in rejected:
                out.write(render.dumps({"where": where, "id": rid, "status": "rejected", "error": error}) + "\n")
        else:
            c = summary.counts
            out.write(json.dumps({
                "disagreements": [_coded(keys, row) for row in rows],
                "rejected": [{"where": where, "id": rid, "error": error} for where, rid, error in rejected],
                "counts": {"read": c.read, "scored": c.scored, "rejected": c.rejected, "skipped": c.skipped},
                "verification": {"checked": summary.checked, "agree": summary.checked - summary.disagreements,
                                 "disagree": summary.disagreements},
            }, ensure_ascii=False, indent=2) + "\n")


def _coded(keys: list[str], row: list[Any]) -> dict[str, Any]:
    """A disagreement for JSON: the indicators by their codes, as JSON names them (a table shows their names)."""
    return {k: getattr(v, "codes", v) for k, v in zip(keys, row)}


def write_report_file(path: str | Path, summary: Summary) -> None:
    fmt = file_format(path, REPORT_FILE_FORMATS, "a report")
    if fmt == "xlsx":
        import scoring.results.workbook as workbook  # openpyxl: imported only when a workbook is written
        with atomic_path(path) as tmp:
            workbook.write_report(tmp, summary)
        return
    with atomic_text(path) as out:
        if fmt == "json":
            out.write(json.dumps(render.report_dict(summary), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(render.render_report(summary, markdown=fmt == "markdown") + "\n")
