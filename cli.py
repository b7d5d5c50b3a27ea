"""hoctap command line: a thin click layer over the ``scoring`` library.

Errors become exit codes in one place (``HoctapGroup.invoke``):
0 every record scored; 1 the run finished but some records were rejected;
2 usage error, invalid criteria or unreadable input (nothing scored).
"""
from __future__ import annotations

import datetime as dt
import errno
import functools
import itertools
import os
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import scoring
from hoctap_main import by_interrupt
from scoring.errors import CriteriaError, CriteriaErrors, HoctapError, Interrupted, UsageError, os_reason
from scoring.helptext import metavar as _metavar, tr
from scoring.messages import ENV as LANG_VARIABLE, LANGS, Msg, first_of, fmt_date, fmt_num, get_lang, set_lang, t

# Start in a blink (issue 14): this module imports only click and the message catalogue. Each command
# imports the library modules it uses inside its function, so that 'hoctap score' on a CSV file loads
# neither openpyxl, nor the run store, nor the goal reports, and 'hoctap --help' loads no pack model.
# The choices an option offers must be known before any of that is loaded: they are written here,
# and tests/test_startup.py checks that they are the library's own.
RESULT_FORMATS = ("table", "json", "jsonl", "csv")          # scoring.results.render.RESULT_FORMATS
EXPLAIN_FORMATS = ("text", "detail", "markdown", "json")    # scoring.results.render.EXPLAIN_FORMATS
CSV_DIALECTS = ("excel", "excel-vi", "utf8")                # scoring.results.render.CSV_DIALECTS
GOAL_FORMATS = ("table", "json")                            # scoring.goals.render.GOAL_FORMATS
STORE_DEFAULT = "hoctap.sqlite3"                            # scoring.audit.store.DEFAULT_PATH

if TYPE_CHECKING:
    from scoring.audit.store import RunStore
    from scoring.results.council import Letterhead
    from scoring.selfcheck.questionnaire import Questionnaire

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2
DEFAULT_WEEK_FORM = "tuan-le-hoc-tap-suot-doi-laichau-2023"
EXIT_UNFINISHED = 3      # audit verify: all stored rows reproduce, but a run did not finish (docs/AUDIT.md)
EXIT_INTERRUPTED = 130   # the shell's code for Ctrl-C (128 + SIGINT); SIGTERM is reported the same way




class _Translated:
    """Help in the language asked for: the English help written below is shown through the
    Vietnamese catalogue (scoring.helptext) when the language is Vietnamese."""

    @contextmanager
    def _in_language(self, ctx: click.Context):
        saved = [(self, "help", self.help), (self, "options_metavar", self.options_metavar)]
        if isinstance(self, click.Group):
            saved.append((self, "subcommand_metavar", self.subcommand_metavar))
            self.subcommand_metavar = _metavar(self.subcommand_metavar)
        saved += [(p, "help", getattr(p, "help", None)) for p in self.get_params(ctx)]
        self.help, self.options_metavar = tr(self.help), _metavar(self.options_metavar)
        for p in self.get_params(ctx):   # the parameters' placeholders: see _metavar_in_language
            if getattr(p, "help", None):
                p.help = tr(p.help)
        try:
            yield
        finally:
            for owner, name, value in saved:
                setattr(owner, name, value)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with self._in_language(ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        saved = self.help
        self.help = tr(self.help)
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = saved

    def get_usage(self, ctx: click.Context) -> str:
        with self._in_language(ctx):
            return super().get_usage(ctx)


class HoctapCommand(_Translated, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(p.name == "lang" for p in self.params):
            # every command takes --lang after its name, as its neighbours do, whether or not its code reads it
            self.params.append(click.Option(["--lang"], type=click.Choice(LANGS), expose_value=False,
                                            callback=lambda ctx, param, value: _set_lang(ctx, param, value),
                                            help=LANG_HELP))


class HoctapGroup(_Translated, click.Group):
    """Every error a command raises becomes a message and an exit code here, and only here."""

    command_class = HoctapCommand

    def make_context(self, *args, **kwargs) -> click.Context:
        # Ctrl-C (or SIGTERM) while the command line is still being read: as anywhere else, 130
        # and our words; left to click it would be its "Aborted!" and exit code 1
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            code, message = failure(KeyboardInterrupt())
            _say("\n" + message)
            sys.exit(code)

    def invoke(self, ctx: click.Context):
        # the language of this command line (its --lang, else HOCTAP_LANG), before the command
        # parses its options: its --help and click's own errors come before --lang is read
        given = _lang_in([*getattr(ctx, "_protected_args", ()), *ctx.args])
        set_lang(given or _lang_before_command(ctx))
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BaseException as exc:  # noqa: BLE001 - sorted by failure() below; SystemExit passes
            if isinstance(exc, SystemExit):
                raise
            code, message = failure(exc)
            _say(message)
            ctx.exit(code)


def failure(exc: BaseException) -> tuple[int, str]:
    """The exit code and the message for an exception that ends a run."""
    if isinstance(exc, HoctapError):
        try:
            return EXIT_ERROR, t("error", message=str(exc))
        except Exception as broken:  # noqa: BLE001 - a message that cannot be put into words is our bug:
            exc = broken             # said as one below, never as a traceback
    if by_interrupt(exc):
        # The half-written output is discarded; its writers (openpyxl's row generator on Python 3.13)
        # may still complain when they are finalised at exit, which would print a traceback.
        sys.unraisablehook = lambda unraisable: None
        return EXIT_INTERRUPTED, str(exc) if isinstance(exc, Interrupted) else t("interrupted")
    if isinstance(exc, BrokenPipeError):
        _quiet_stdout()
        return EXIT_ERROR, t("error", message=Msg("cli.broken_pipe"))
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        _quiet_stdout()
        where = f" '{exc.filename}'" if exc.filename else ""
        return EXIT_ERROR, t("error", message=Msg("cli.disk_full", where=where))
    if isinstance(exc, OSError):
        where = f" '{exc.filename}'" if exc.filename else ""
        return EXIT_ERROR, t("error", message=Msg("cli.os_error", where=where, reason=os_reason(exc)))
    if isinstance(exc, MemoryError):
        return EXIT_ERROR, t("error", message=Msg("cli.memory"))
    if isinstance(exc, RecursionError):
        return EXIT_ERROR, t("error", message=Msg("cli.too_deep"))
    if os.environ.get("HOCTAP_DEBUG"):
        traceback.print_exception(exc)
    return EXIT_ERROR, t("cli.internal", kind=type(exc).__name__, detail=exc)


def _say(message: str) -> None:
    try:
        click.echo(message, err=True)
    except OSError:
        pass   # stderr is closed too: the exit code is all that is left


def _quiet_stdout() -> None:
    """stdout cannot take more: point it at /dev/null, so that the interpreter's last flush at exit
    does not fail a second time with its own traceback-like message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


HoctapGroup.group_class = HoctapGroup


# Words click puts into words once, when the commands are made (before --lang is read), stay English
# there and are translated where shown: the help through tr(), a path type's name ('file') in its
# placeholder through the metavars, the version line through _AtUse.
_MADE_AT_IMPORT = {"Show this message and exit.", "Show the version and exit.", "file", "directory", "path"}


def _click_words(text: str) -> str:
    return text if text in _MADE_AT_IMPORT else tr(text) or text


class _AtUse(str):
    """A message click keeps from the start and fills with '%' when shown: translated then."""

    def __mod__(self, values: Any) -> str:
        return (tr(str(self)) or str(self)) % values


def _click_plural(singular: str, plural: str, n: int) -> str:
    return _click_words(singular if n == 1 else plural)


for _module in (click.core, click.exceptions, click.formatting, click.parser, click.types, click.decorators):
    _module._ = _click_words  # click says its own words (Usage, Options, Error…) through gettext's '_'
    _module.ngettext = _click_plural   # and those with a count ('is not one of', 'extra arguments') through ngettext


def _metavar_in_language(make_metavar: Callable[..., str]) -> Callable[..., str]:
    """A parameter's placeholder (RECORDS..., TEXT, INTEGER RANGE) in the language shown, wherever
    click writes it: the help, the usage line, and the errors that name an argument by it."""
    @functools.wraps(make_metavar)
    def translated(self: click.Parameter, ctx: click.Context) -> str:
        return _metavar(make_metavar(self, ctx)) or ""
    return translated


for _kind in (click.Option, click.Argument):
    _kind.make_metavar = _metavar_in_language(_kind.make_metavar)


@click.group(cls=HoctapGroup)
@click.version_option(scoring.__version__, prog_name="hoctap", message=_AtUse("%(prog)s, version %(version)s"))
@click.option("--lang", type=click.Choice(LANGS), expose_value=False, is_eager=True,
              callback=lambda ctx, param, value: _set_lang(ctx, param, value),   # defined below
              help="Language of every message, for all commands (also HOCTAP_LANG).")
def cli() -> None:
    """Score learning-society records (Công dân học tập, Đơn vị học tập, Cộng đồng học tập) against criteria packs."""


def _pack(criteria: str) -> scoring.LoadedPack:
    """The pack named on the command line, with the provisional warning a user must see."""
    loaded = scoring.resolve_pack(criteria)
    _warn_provisional(loaded)
    return loaded


def _warn_provisional(loaded: scoring.LoadedPack) -> None:
    from scoring.run.notices import provisional
    provisional(loaded, _warn)


def _warn(message: Msg) -> None:
    click.echo(t("warning", message=message), err=True)


@contextmanager
def _output(path: str | None):
    """stdout, or a file written atomically (a temporary file renamed at the end)."""
    from scoring.results.output import atomic_text, block_stdout
    if not path:
        with block_stdout() as out:
            yield out
        return
    with atomic_text(path) as out:
        yield out


def _wrote(path: str) -> None:
    """A file written is confirmed by its name, on stderr (stdout may be piped to another file)."""
    click.echo(t("out.wrote", path=path), err=True)


def _format_from(output: str | None, fmt: str | None) -> str:
    """--format, else the output file's extension (.xlsx, .csv, .jsonl, .json), else the table."""
    from scoring.results.output import RESULT_FILE_FORMATS
    if fmt:
        return fmt
    return RESULT_FILE_FORMATS.get(Path(output).suffix.lower(), "table") if output else "table"


records_argument = click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
criteria_option = click.option("--criteria", "-c", "criteria", required=True, metavar="PACK",
                               help="Shipped pack id (see 'hoctap packs') or path of a criteria YAML file.")
as_of_option = click.option(
    "--as-of", "as_of", metavar="DATE|record", callback=lambda ctx, param, value: _as_of(value),
    help="Assessment date (YYYY-MM-DD, DD/MM/YYYY, or a year = its 31 December): a model name in --criteria "
         "resolves to the pack in force on that date; a named pack must be in force on it. 'record': each "
         "record's own ngay_danh_gia or nam_danh_gia column chooses.")


def _as_of(value: str | None):
    if value is None:
        return value
    from scoring.packs.catalog import BY_RECORD
    from scoring.records.dates import parse_assessment_date
    if value == BY_RECORD:
        return value
    try:
        return parse_assessment_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """``hoctap --lang en score …`` and ``hoctap score --lang en …`` alike: a command's own
    --lang wins; without it, the one given before the command name, else HOCTAP_LANG."""
    if value is None:
        _check_lang_variable()
        value = _lang_before_command(ctx)
    elif ctx is ctx.find_root():
        ctx.meta[_LANG_KEY] = value
    return set_lang(value)


_LANG_KEY = "hoctap.lang"


def _check_lang_variable() -> None:
    """A HOCTAP_LANG that names no language is said to be the variable's fault: read by --lang's
    own choice, click blamed '--lang', which the user never typed."""
    value = os.environ.get(LANG_VARIABLE, "").strip()
    if value and value[:2].lower() not in LANGS:
        raise click.UsageError(t("cli.bad_lang_variable", value=value, langs=", ".join(LANGS)))


def _lang_before_command(ctx: click.Context) -> str | None:
    """The --lang given before the command name (``hoctap --lang en score``), if any."""
    return ctx.find_root().meta.get(_LANG_KEY)


LANG_HELP = "Language of labels (English where the pack has it)."
lang_option = click.option("--lang", type=click.Choice(LANGS), callback=_set_lang, help=LANG_HELP)

sheet_option = click.option("--sheet", metavar="NAME", multiple=True,
                            help="Sheet to read in Excel workbooks [default: the first visible sheet]; repeat it for "
                                 "several, or '*' for every visible sheet (the sheet is named in every result).")
jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
                           help="Processes to score with [default: all cores for inputs of 1 MiB or more, else 1]. "
                                "The output is the same for any N.")
no_cache_option = click.option("--no-cache", "no_cache", is_flag=True,
                               help="Ask the rules engine for every record, not once per distinct situation (for "
                                    "audits and tests; the results are the same, only slower).")


class _Ticker:
    """A progress line on stderr. On a terminal it is redrawn in place at most twice a second
    (``due``) and erased at the end (``close``); in a log (stderr piped or redirected: a scheduled
    task) each is a line of its own, at most every ``progress.LOG_SECONDS`` and none in a run
    shorter than that."""

    def __init__(self) -> None:
        from scoring.run import progress
        self.terminal = sys.stderr.isatty()
        self.every = 0.5 if self.terminal else progress.LOG_SECONDS
        self.start = self.last = time.monotonic()
        self.width = 0

    def due(self) -> bool:
        if time.monotonic() - self.last < self.every:
            return False
        self.last = time.monotonic()
        return True

    def show(self, text: str) -> None:
        if not self.terminal:
            click.echo(text, err=True)
            return
        self.width = max(self.width, len(text))
        click.echo("\r" + text.ljust(self.width), err=True, nl=False)   # over a longer line shown before

    def close(self) -> None:
        if self.width:
            click.echo("\r" + " " * self.width + "\r", err=True, nl=False)
            self.width = 0


def _progress(results: Iterator[scoring.Result], rows: Any = None) -> Iterator[scoring.Result]:
    """The count of the total and the time left when ``rows`` tells how far it is
    (``Inputs.progress``), else a running count and rate (see ``_Ticker``)."""
    from scoring.results.aggregate import LineBlock
    from scoring.run.progress import line
    ticker = _Ticker()
    n, check = 0, 200
    for result in results:
        n += result.rows if result.__class__ is LineBlock else 1   # a block: rows a worker read and scored
        if n >= check:
            check = n + 200
            if ticker.due():
                elapsed = ticker.last - ticker.start
                shown = line(n, rows.progress(n), elapsed) if hasattr(rows, "progress") else None
                ticker.show(shown or t("progress", n=fmt_num(n), rate=fmt_num(round(n / elapsed))))
        yield result
    ticker.close()


def _verify_progress(ticker: "_Ticker") -> Callable[[int, int], None]:
    """``audit verify``'s progress: rows re-checked of the rows stored, and the time left."""
    from scoring.run.progress import Progress, line

    def tell(done: int, total: int) -> None:
        if ticker.due():
            ticker.show(line(done, Progress(done / total, total, estimated=False), ticker.last - ticker.start,
                             code="progress.verify") or "")
    return tell



def members_options(command):
    """--members / --members-criteria: unit inputs computed from the members' own records."""
    command = click.option("--members-criteria", metavar="PACK",
                           help="Criteria pack that scores the members [default: the one the unit pack names].")(command)
    command = click.option("--members-sheet", metavar="NAME",
                           help="Sheet of the members table when --members is an Excel workbook (it may be the "
                                "units' own workbook) [default: the first visible sheet].")(command)
    return click.option("--members", "-m", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
                        help="Members file (one row per member, its unit's id in 'don_vi'); "
                             "fills the unit inputs that declare 'from_members'. Repeatable.")(command)


store_run_option = click.option(
    "--store", "store_path", is_flag=False, flag_value=STORE_DEFAULT, default=None, metavar="[PATH]",
    help=f"Save the run (results, explanations, hashes, normalised inputs, pack text) in this SQLite "
         f"file [{STORE_DEFAULT} when no PATH is given].")
store_inputs_option = click.option("--store-inputs", is_flag=True,
                                   help="With --store: also keep each full input row, names included (personal data).")


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    from scoring.results.council import parse_day
    try:
        return parse_day(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


_COUNCIL_OPTIONS = (
    click.option("--don-vi", "--issuer", "issuer", metavar="TEXT",
                 help="Issuing body, printed top left in capitals (e.g. 'Hội đồng xét công nhận xã Tân Lập') "
                      "[default: a dotted line to fill in by hand]."),
    click.option("--co-quan", "--parent-body", "parent", metavar="TEXT",
                 help="The body above it, printed on the line above (e.g. 'UBND xã Tân Lập')."),
    click.option("--dia-danh", "--place", "place", metavar="TEXT",
                 help="Place name of the date line (e.g. 'Tân Lập' gives 'Tân Lập, ngày … tháng … năm …')."),
    click.option("--dia-ban", "--locality", "locality", metavar="TEXT",
                 help="Locality the documents cover, under the title [default: --dia-danh]."),
    click.option("--ngay", "--date", "day", metavar="DATE", callback=_day,
                 help="Date of the documents: dd/mm/yyyy, yyyy-mm-dd or hom-nay (today) [default: blank, to fill in "
                      "by hand]."),
    click.option("--ky", "--signer", "signers", multiple=True, metavar="TITLE",
                 help="Title of a signer, left to right; repeat for each [default: 'Prepared by' and 'Chair of "
                      "the council' (for targets and the Lifelong Learning Week form: 'Head of the office')]."),
)
_SORT_OPTION = click.option(
    "--sap-xep", "--sort", "sort", multiple=True, metavar="COLUMN",
    help="Sort the recognition list by this column (a --by or --giu-cot column) in Vietnamese alphabetical order, "
         "a name column by given name first; repeat for more [default: the order of the input].")


def council_options(command):
    """The heading, date and signers of printed documents, handed to the command as one
    ``letterhead`` (and ``sort``, the order of the recognition list)."""
    return _SORT_OPTION(letterhead_options(command))


def letterhead_options(command):
    """The heading, date and signers of a printed document, handed to the command as one ``letterhead``
    (the goal and Lifelong Learning Week reports are signed papers too)."""
    names = ("issuer", "parent", "place", "locality", "day", "signers")

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        given = {n: kwargs.pop(n) for n in names}
        given["date"] = given.pop("day")
        given["signers"] = tuple(given["signers"])
        from scoring.results.council import Letterhead
        return command(*args, letterhead=Letterhead(**given), **kwargs)
    for option in reversed(_COUNCIL_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


@dataclass(frozen=True)
class RunOptions:
    """The options every scoring command shares (score, verify, report, explain): one definition,
    so that the commands cannot drift apart (a model name, --as-of, --members, --sheet, --store)."""

    criteria: str
    records: tuple[str, ...]
    sheet: tuple[str, ...]
    jobs: int | None
    lang: str
    as_of: Any
    members: tuple[str, ...]
    members_criteria: str | None
    members_sheet: str | None
    store_path: str | None
    store_inputs: bool
    overwrite: bool

    @property
    def sheets(self) -> str | tuple[str, ...] | None:
        return sheets_read(self.sheet)


def sheets_read(sheet: tuple[str, ...]) -> str | tuple[str, ...] | None:
    """What the library reads of repeated --sheet: one name, several, '*' (every visible sheet), or
    None (the first): one reading for every command that takes --sheet."""
    return None if not sheet else sheet[0] if len(sheet) == 1 else sheet


overwrite_option = click.option(
    "--ghi-de", "--overwrite", "overwrite", is_flag=True,
    help="Replace the output file (-o) if it exists; without this an existing file is never overwritten.")


_RUN_OPTIONS = (criteria_option, records_argument, sheet_option, jobs_option, lang_option, as_of_option,
                members_options, store_run_option, store_inputs_option, overwrite_option)


def run_options(command):
    """Adds the shared options to a command, and hands them to it as one ``opts: RunOptions``."""
    names = [f.name for f in fields(RunOptions)]

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        opts = RunOptions(**{n: kwargs.pop(n) for n in names})
        return command(*args, opts=replace(opts, records=_without_lock_files(opts.records, opts.lang)), **kwargs)
    for option in reversed(_RUN_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def _without_lock_files(records: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The records files less Excel's lock files ('~$ds.xlsx', made while 'ds.xlsx' is open) whose
    workbook is given too: a wildcard ('*.xlsx', which click expands on Windows) picks both, and the
    lock file stopped the whole run. One given alone is still refused, naming its workbook."""
    given = {Path(r) for r in records}
    locks = [r for r in records if Path(r).name.startswith("~$") and Path(r).with_name(Path(r).name[2:]) in given]
    for lock in locks:
        click.echo(t("warning", message=Msg("xlsx.lock_skipped", lock=lock, real=Path(lock).name[2:]), lang=lang), err=True)
    return tuple(r for r in records if r not in locks)


def _verify_table(rows: list[list[Any]], points: bool, lang: str) -> None:
    """``verify``'s table on screen; a levels pack's (TT 24, TT 25) without the total and the claimed
    total, empty on every row, their width given to what differs (as the council's sheet does)."""
    import scoring.results.render as render
    from scoring.results.render import tabulate
    headers, widths, header_widths = render.verify_header(lang), render.VERIFY_WIDTHS, render.VERIFY_HEADER_WIDTHS
    if not points:
        kept = [i for i in range(len(headers)) if i not in (3, 4)]
        rows, headers = [[row[i] for i in kept] for row in rows], [headers[i] for i in kept]
        wider = (widths[3] or 0) + (widths[4] or 0)
        widths, header_widths = [*widths[:3], *widths[5:-1], widths[-1] + wider], [*header_widths[:3], *header_widths[5:]]
    click.echo(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                        maxcolwidths=widths, maxheadercolwidths=header_widths))


def _batch_for(opts: RunOptions, criteria: str | scoring.LoadedPack | None = None, jobs: int | None = None,
               carry: tuple[str, ...] = (), cache: bool = True):
    """The scoring run: records against the pack (or the pack in force), or, with --members,
    units whose member-derived inputs are computed from the members files. The run's id and time
    come from the files' hashes and the command (and SOURCE_DATE_EPOCH, when set)."""
    from scoring.run.batch import default_jobs
    criteria = criteria or opts.criteria
    jobs = jobs or opts.jobs
    run = scoring.RunInfo.for_files([*opts.records, *opts.members], _command(opts, criteria))
    if not opts.members:
        if opts.members_criteria:
            raise UsageError(Msg("usage.members_criteria"))
        return scoring.score_files(criteria, opts.records, opts.lang, as_of=opts.as_of, run=run, sheet=opts.sheets,
                                   jobs=jobs or default_jobs(opts.records), carry=carry, cache=cache)
    if not cache:
        raise UsageError(Msg("usage.no_cache_members"))
    return scoring.score_units(criteria, opts.records, opts.members, opts.lang, opts.members_criteria,
                               sheet=opts.sheets, members_sheet=opts.members_sheet, as_of=opts.as_of, run=run,
                               carry=carry)


def _command(opts: RunOptions, criteria: str | scoring.LoadedPack) -> dict:
    """What names a run in the store: enough to score its files again the same way."""
    name = criteria if isinstance(criteria, str) else criteria.pack.id
    command = {"criteria": name, "as_of": str(opts.as_of) if opts.as_of else None, "records": list(opts.records),
               "lang": opts.lang}
    extra = {"sheet": opts.sheets, "members": list(opts.members), "members_criteria": opts.members_criteria,
             "members_sheet": opts.members_sheet}
    return {**command, **{k: v for k, v in extra.items() if v}}


def _check_files(opts: RunOptions, output: str | None = None) -> None:
    """Before anything is read: no output may be an input (records or members), under any name, nor a file
    already there unless --ghi-de."""
    from scoring.results.output import check_outputs
    if opts.store_inputs and not opts.store_path:
        raise UsageError(Msg("usage.store_inputs"))
    inputs = [*opts.records, *opts.members]
    check_outputs({"-o": output}, inputs, opts.lang, opts.overwrite)
    if opts.store_path:
        _check_store_path(opts.store_path, inputs, output)


class _Run:
    """A batch being scored, passed through the run store when --store is given. ``writing``: the
    file the command writes inside ``running`` (whole once the command's part there is done)."""

    def __init__(self, opts: RunOptions, batch):
        self.opts, self.batch = opts, batch
        self.store = _begin_store(opts.store_path, batch, opts.store_inputs) if opts.store_path else None
        if self.store is not None and isinstance(batch, scoring.Batch):
            batch.stored = True   # with --jobs, the workers make what the store keeps of each row
        self.seal: str | None = None
        self.writing: str | None = None

    def results(self) -> Iterator[scoring.Result]:
        results = _started(_warned(self.batch))
        return _progress(self.store.record(results) if self.store else results, getattr(self.batch, "rows", None))

    @contextmanager
    def running(self):
        store, batch = self.store, self.batch
        written = None
        try:
            yield
            written = self.writing
            if store:
                for member_rows in getattr(batch, "members", {}).values():
                    store.record_members(member_rows.rows)
                counts = batch.counts   # the store holds one row per result: rows skipped as not records gave none
                self.seal = store.finish(replace(counts, read=counts.records, skipped=0, skipped_rows=[]))
        except BaseException as exc:   # Ctrl-C, and as much a full disk or a file unreadable half-way: the run is not finished
            if store:
                self._unfinished(exc, written)
            raise
        if store:
            store.close()
            click.echo(t("stored_run", run=batch.run.run_id, path=self.opts.store_path), err=True)
            for notice in store.notices:
                click.echo(t("warning", message=notice), err=True)

    def _unfinished(self, exc: BaseException, written: str | None) -> None:
        """The store failed or the run was stopped after the rows: the results file, if written, is
        whole and said by name first; the run stays unfinished in the store; an interruption's last
        line says both (not 'nothing was written': the store was)."""
        path = self.opts.store_path
        if written:
            _wrote(written)
        click.echo(t("run_incomplete", run=self.batch.run.run_id, path=path), err=True)
        if by_interrupt(exc):
            stopped = Msg("interrupted.written", output=written, path=path) if written else Msg("interrupted.stored", path=path)
            raise Interrupted(stopped) from exc

    def print_seal(self) -> None:
        """Last, so that it can be copied into the minutes."""
        if self.store:
            click.echo(t("cli.seal", self.opts.lang, seal=self.seal), err=True)


def _report_members(batch) -> bool:
    """Member rows rejected and members of unknown units, on stderr; True if any member row was rejected."""
    import scoring.results.render as render
    rejected = False
    for members in getattr(batch, "members", {}).values():
        for r in members.rejected:
            click.echo(t("member_rejected", where=r.where, id=r.id, error=r.error), err=True)
        click.echo(t("members_line", pack=members.loaded.pack.title.get(get_lang()), counts=render.count_line(members.counts)),
                   err=True)
        rejected = rejected or bool(members.counts.rejected)
    for warning in getattr(batch, "strangers", []):
        click.echo(t("warning", message=warning), err=True)
    return rejected


keep_option = click.option(
    "--giu-cot", "--keep", "keep", multiple=True, metavar="COLUMN",
    help="Keep this column of the records (e.g. 'Họ và tên', 'Thôn/xóm') beside the id in the results and the list; "
         "repeat for more. Nothing else of a row is kept; --store keeps these only with --store-inputs.")

csv_option = click.option(
    "--csv", "csv_dialect", type=click.Choice(CSV_DIALECTS), default="excel", show_default=True,
    help="CSV files for Excel: 'excel' is UTF-8 with a BOM (diacritics open right in Excel); 'excel-vi' also uses "
         "';' and the decimal comma, as a Vietnamese Excel expects; 'utf8' is plain UTF-8 without a BOM.")


@cli.command()
@run_options
@click.option("--format", "-f", "fmt", type=click.Choice(RESULT_FORMATS),
              help="Output format [default: from --output's extension, else table].")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write results to this file, atomically; .xlsx, .csv, .jsonl or .json.")
@keep_option
@csv_option
@no_cache_option
@click.pass_context
def score(ctx: click.Context, opts: RunOptions, fmt: str | None, output: str | None, keep: tuple[str, ...],
          csv_dialect: str, no_cache: bool) -> None:
    """Score RECORDS (CSV, JSON, JSON Lines or Excel files) against a criteria pack.

    --criteria may also name a model (cong-dan-hoc-tap, don-vi-hoc-tap-tinh, don-vi-hoc-tap-huyen):
    with --as-of DATE it resolves to the pack in force on that date; with --as-of record (the
    default for the two don-vi-hoc-tap models) each record's own ngay_danh_gia (date) or
    nam_danh_gia (year) column chooses. Without --as-of, cong-dan-hoc-tap is the QĐ 324 pack."""
    import scoring.results.render as render
    from scoring.results.output import RESULT_FILE_FORMATS, refuse_unwritten
    started = time.monotonic()
    _check_files(opts, output=output)
    refuse_unwritten(output, RESULT_FILE_FORMATS)
    fmt = _format_from(output, fmt)
    batch = _batch_for(opts, cache=not no_cache, carry=keep)
    if fmt == "jsonl" and not keep and not opts.store_path and isinstance(batch, scoring.Batch):
        batch.lines = True   # lines are made where rows are scored (with --jobs, in the workers too): the parent checks ids
        batch.blocks = True  # plain files may be read in parts, by the workers with --jobs (``run.parts``)
    if batch.loaded is None and fmt in ("csv", "xlsx"):
        raise UsageError(Msg("usage.model_csv", criteria=opts.criteria))
    _note_in_force(batch)
    run = _Run(opts, batch)
    run.writing = output
    with run.running(), closing(run.results()) as shown:
        _write_scored(shown, batch, output, fmt, opts.lang, csv_dialect, keep)
    if output or fmt != "table":
        click.echo(render.count_line(batch.counts) + _took(started), err=True)
    if output:
        _wrote(output)
    member_rejected = _report_members(batch)
    run.print_seal()
    ctx.exit(EXIT_REJECTED if batch.counts.rejected or member_rejected else EXIT_OK)


def _took(started: float) -> str:
    """' (mất khoảng 2 phút 10 giây)' after the counts, for whoever watched the progress line on a
    terminal and re-runs after each fix; never in a pipe or a log, whose lines stay the same run to run."""
    if not sys.stderr.isatty():
        return ""
    from scoring.run.progress import duration
    return t("cli.took", time=duration(time.monotonic() - started))


def _started(results: Iterator[scoring.Result]) -> Iterator[scoring.Result]:
    """The first result is taken now, before the output file is opened: the worker processes
    are up by then, so an interruption never catches one half-started (it would print its
    own traceback), and the temporary output file exists only while rows are being written."""
    first = next(results, None)
    return itertools.chain(() if first is None else (first,), results)


def _write_scored(results: Iterator[scoring.Result], batch, output: str | None, fmt: str, lang: str,
                  csv_dialect: str = "excel", keep: tuple[str, ...] = ()) -> None:
    """To a file (its extension chooses: .xlsx, .csv, .jsonl, .json) or to stdout."""
    import scoring.results.render as render
    from scoring.results.output import write_results_file
    from scoring.run.notices import file_warnings
    if output and batch.loaded is not None:   # a workbook keeps the run's warnings too: its reader has no screen
        write_results_file(output, results, batch.loaded, batch.counts, fmt, claims=batch.claims, lang=lang,
                           csv_dialect=csv_dialect, keep=keep, warnings=lambda: file_warnings(batch))
        return
    with _output(output) as out:  # records whose dates chose their packs: JSON or JSON Lines only
        if fmt == "csv" and csv_dialect != "utf8" and not output and not out.isatty() and _utf8(out):
            out.write("\ufeff")   # '-f csv > kq.csv' is how a Windows user makes a file: Excel needs the BOM
        render.write_results(results, fmt, out, batch.loaded.pack if batch.loaded else None, batch.counts,
                             claims=batch.claims, csv_dialect=csv_dialect, keep=keep)


def _utf8(out: Any) -> bool:
    return (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "") == "utf8"


def _note_in_force(batch: scoring.Batch) -> None:
    """Before the results: what the readers noticed (sheets not read), and the pack chosen by date."""
    for warning in getattr(batch, "warnings", []):
        click.echo(t("warning", message=warning), err=True)
    chosen = getattr(batch, "in_force", None)
    if chosen and chosen.as_of:
        from scoring.packs.catalog import period
        # dates as the reader writes them (30/06/2024 in Vietnamese); the results keep ISO in their provenance
        click.echo(t("in_force_note", on=Msg("date", d=chosen.as_of), pack=chosen.loaded.pack.id,
                     version=chosen.loaded.pack.version, reason=period(chosen.loaded.pack)), err=True)


def _begin_store(path: str, batch: scoring.Batch, store_inputs: bool) -> RunStore:
    from scoring.audit.store import RunStore
    store = RunStore.create(path)
    store.begin_run(batch.run, batch.run.command or {}, store_inputs)
    return store


def _check_store_path(store: str, inputs: list[str], output: str | None) -> None:
    """The store is never one of the input files, nor the output: refused before anything is read."""
    target = Path(store)
    for path in inputs:
        if _same_file(target, Path(path)):
            raise UsageError(Msg("cli.store_is_input", store=store, path=path, default=STORE_DEFAULT))
    if output and _same_file(target, Path(output)):
        raise UsageError(Msg("cli.store_is_output", store=store, output=output))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):   # RuntimeError: a symbolic-link loop
        return False


def _warned(batch: scoring.Batch) -> Iterator[scoring.Result]:
    """The batch's results, with the run's warnings (a provisional pack, a record dated after its
    pack's last day) on stderr as they come: ``run.notices``, which the web pages share."""
    from scoring.run.notices import warned
    return warned(batch, _warn)


def _one_pack(batch, opts: RunOptions, what: str) -> scoring.LoadedPack:
    """The pack of a run that counts outcomes: a model must resolve to one pack (--as-of DATE)."""
    if batch.loaded is None:
        raise UsageError(Msg("cli.model_one_pack", name=opts.criteria, what=what))
    return batch.loaded


@cli.command()
@run_options
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Also write the disagreements, the records that could not be checked and the counts to this "
                   "file, atomically; .xlsx, .csv, .jsonl or .json.")
@csv_option
@click.pass_context
def verify(ctx: click.Context, opts: RunOptions, output: str | None, csv_dialect: str) -> None:
    """List every record whose claimed result (tự đánh giá) differs from what the rules give.

    Claims are read from the columns tu_danh_gia_tong (total), tu_danh_gia_ket_qua (outcome) and
    tu_danh_gia_<indicator> (points), or their Vietnamese headers. Exit 1 when any record disagrees
    or is rejected."""
    import scoring.results.render as render
    from scoring.results.explain import has_points
    from scoring.results.output import RESULT_FILE_FORMATS, file_format, refuse_unwritten, write_verify_file
    _check_files(opts, output=output)
    refuse_unwritten(output, RESULT_FILE_FORMATS)
    if output:
        file_format(output, RESULT_FILE_FORMATS, "a table")  # a wrong name fails now, not after the run
    batch = _batch_for(opts)
    loaded = _one_pack(batch, opts, "verify")
    points = has_points(loaded.pack)   # a levels pack (TT 24, TT 25) has no total to claim
    if not batch.claims:
        raise UsageError(Msg("no_claims" if points else "no_claims_levels", files=", ".join(opts.records)))
    _note_in_force(batch)
    summary = scoring.Summary(loaded, lang=opts.lang)
    rows, rejected, totals = [], [], []   # totals: records claiming a total a levels pack never gives
    run = _Run(opts, batch)
    with run.running(), closing(run.results()) as results:
        for r in results:
            summary.add(r)
            if not points and r.verification is not None and r.verification.claims.total is not None:
                totals.append(r.id or r.where)
            if r.verification is not None and not r.verification.agrees:
                rows.append(render.disagreement_row(r))
            elif not r.ok:
                rejected.append((r.where, r.id, r.error))
                click.echo(t("rejected_line", where=r.where, id=r.id, error=r.error), err=True)
    summary.counts.skip(batch.counts.skipped_rows)
    if totals:   # read, then set aside in silence: the unit's figure is no claim this pack can check
        click.echo(t("warning", message=Msg("verify.total_of_levels", n=len(totals), ids=first_of(totals, 5))), err=True)
    if output:
        write_verify_file(output, render.verify_header(opts.lang), render.VERIFY_HEADER, rows, rejected, summary,
                          csv_dialect=csv_dialect)
        _wrote(output)
    if rows:   # on screen the totals read as the language writes numbers (the file keeps them as numbers)
        _verify_table([[*row[:3], fmt_num(row[3], opts.lang), *row[4:]] for row in rows], points, opts.lang)
    click.echo(render.count_line(summary.counts), err=True)
    click.echo(render.verify_line(summary), err=True)
    member_rejected = _report_members(batch)
    run.print_seal()
    ctx.exit(EXIT_REJECTED if rows or summary.counts.rejected or member_rejected else EXIT_OK)


@cli.command()
@run_options
@click.option("--by", "by", multiple=True, metavar="COLUMN",
              help="Break the counts down by this column (any column, e.g. group, xa); repeat for more.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Also write the report to this file, atomically: .xlsx (the council workbook, ready to print and "
                   "sign), .pdf (the recognition list), .json, .md or .txt.")
@keep_option
@council_options
@click.pass_context
def report(ctx: click.Context, opts: RunOptions, by: tuple[str, ...], output: str | None, keep: tuple[str, ...],
           letterhead: Letterhead, sort: tuple[str, ...]) -> None:
    """Counts and shares by outcome (and by --by columns), and the recognition list.

    With -o FILE.xlsx: one workbook for the council, each sheet ready to print and sign (heading,
    title, STT, totals, signatures; A4): the recognition list, the results, the rejected records,
    the disagreements with self-assessments, the summary and one sheet per --by column.
    With -o FILE.pdf: the recognition list as a PDF."""
    import scoring.results.council as council
    import scoring.results.render as render
    from scoring.results.output import REPORT_FILE_FORMATS, file_format, refuse_unwritten, write_report_file
    from scoring.results.report import kept_besides, several_sources
    _check_files(opts, output=output)
    refuse_unwritten(output, [*REPORT_FILE_FORMATS, ".pdf"])
    kind = Path(output).suffix.lower() if output else None
    if output and kind != ".pdf":
        file_format(output, REPORT_FILE_FORMATS, "a report")  # a wrong name fails now, not after the run
    keep = kept_besides(keep, by)   # a column given with both --giu-cot and --by is shown once
    sort = council.check_sort(sort, tuple(dict.fromkeys((*keep, *by))))
    batch = _batch_for(opts, carry=tuple(dict.fromkeys((*keep, *by))))
    loaded = _one_pack(batch, opts, "report")
    _note_in_force(batch)
    summary = scoring.Summary(loaded, by=by, lang=opts.lang, listing=True, keep=keep,
                              several=several_sources(opts.records, opts.sheets))
    letterhead = replace(letterhead, lang=opts.lang)
    run = _Run(opts, batch)
    with run.running(), closing(run.results()) as results:
        first = next(results, None)
        results = itertools.chain(() if first is None else (first,), results)
        if kind == ".xlsx" and first is not None:   # the workbook takes the results as they come (it streams)
            run.writing = output
            council.write_council_file(output, results, summary, letterhead, keep=keep, sort=sort,
                                       skipped=lambda: batch.counts.skipped_rows)
        else:
            for r in results:
                summary.add(r)
            summary.counts.skip(batch.counts.skipped_rows)
    signing = kind in (".pdf", ".xlsx")
    empty = signing and first is None   # a list to sign with no one on it is not written, but said
    if kind == ".pdf" and not empty:
        from scoring.results.pdf import write_list_pdf   # fpdf2: imported only when a PDF is written
        write_list_pdf(output, summary, letterhead, keep=keep, sort=sort)
    elif output and not signing:
        write_report_file(output, summary)
    click.echo(render.render_report(summary))
    if output and not empty:
        _wrote(output)
    member_rejected = _report_members(batch)
    run.print_seal()
    if empty:
        raise UsageError(Msg("usage.no_records", files=", ".join(opts.records), path=output))
    ctx.exit(EXIT_REJECTED if summary.counts.rejected or member_rejected else EXIT_OK)


@cli.command()
@run_options
@click.option("--record", "-r", "record_id", help="Explain only the record with this id.")
@click.option("--format", "-f", "fmt", type=click.Choice(EXPLAIN_FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write the explanations to this file (atomically) instead of the screen.")
@click.pass_context
def explain(ctx: click.Context, opts: RunOptions, record_id: str | None, fmt: str, output: str | None) -> None:
    """Explain how each record (or one, with --record) got its outcome."""
    import scoring.results.render as render
    from scoring.results.output import refuse_unwritten
    from scoring.results.explain import indicator_notes
    from scoring.results.report import several_sources
    from scoring.results.shares import member_lines
    _check_files(opts, output=output)
    refuse_unwritten(output, (".txt", ".md", ".json"))
    several = several_sources(opts.records, opts.sheets)   # ids may repeat: each heading says where its row is
    batch = _batch_for(opts, jobs=1)
    member_packs = {pid: m.loaded.pack for pid, m in getattr(batch, "members", {}).items()}   # --members: the run's own
    _note_in_force(batch)
    run = _Run(opts, batch)
    # Streamed: each explanation is written as soon as it is made, so memory does not grow with
    # the input (30,000 explanations held for one JSON array took 1.7 GiB).
    found = shown = rejected = 0
    many = fmt == "json" and record_id is None
    run.writing = output
    with run.running(), closing(run.results()) as all_results, _output(output) as out:
        if many:
            out.write("[")
        for r in all_results:
            if record_id is not None and r.id != record_id:
                continue
            found += 1
            if not (r.ok and r.explanation):
                rejected += 1
                click.echo(t("rejected_line", where=r.where, id=r.id, error=r.error), err=True)
                continue
            if fmt == "json" and record_id is not None and shown:
                continue   # one record asked for: one JSON object
            separator = ("\n" if many else "") if not shown else (",\n" if fmt == "json" else "\n\n")
            notes = indicator_notes(r.loaded, r.scored, opts.lang) if r.loaded and r.scored else None
            if notes is not None and r.members:   # said with the packs of this run, a --members-criteria file too
                notes = replace(notes, members=member_lines(r.members, r.loaded.pack, opts.lang, member_packs))
            out.write(separator + render.render_explanation(r.explanation, fmt, r.reason, r.where if several else None,
                                                            notes))
            shown += 1
        if record_id is not None and not found:
            raise UsageError(Msg("no_record", id=record_id, files=", ".join(opts.records)))
        if many:
            out.write(("\n" if shown else "\n\n") + "]\n")
        else:
            out.write(("" if shown else "null" if fmt == "json" else "") + "\n")
    if output:
        _wrote(output)
    member_rejected = _report_members(batch)
    run.print_seal()
    ctx.exit(EXIT_REJECTED if rejected or member_rejected else EXIT_OK)


@cli.command()
@lang_option
def packs(lang: str) -> None:
    """List the shipped criteria packs: model, tier, outcomes, dates of force, status, what is provisional."""
    from scoring.packs.catalog import summary_rows
    from scoring.results.render import tabulate
    headers, rows = summary_rows(scoring.shipped_packs().values(), lang)
    click.echo(tabulate(rows, headers=headers, disable_numparse=True, maxcolwidths=[None, 34, 12, 22, 24, 14, 34]))


@cli.command()
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.option("--notes", "show_notes", is_flag=True, help="Print each pack's notes in full (what the text leaves open and how the pack reads it).")
@lang_option
@click.pass_context
def validate(ctx: click.Context, packs: tuple[str, ...], show_notes: bool, lang: str) -> None:
    """Check criteria packs (default: every shipped criteria pack) or goal packs named by id or path, and lint
    them; exit 2 on any error, 0 with warnings only."""
    from scoring.authoring.lint import lint
    from scoring.packs.catalog import note_in
    from scoring.goals.goalpack import is_goal_pack
    from scoring.packs.shipped import shipped_files
    names = list(packs) or [_shown(p) for p in shipped_files()]
    failed = False
    for name in names:
        try:
            if is_goal_pack(name):
                goals = scoring.resolve_goals(name)
                click.echo(t("validate.ok_goals", source=goals.source, pack=goals.pack.id, version=goals.pack.version,
                             n=len(goals.pack.targets), status=t(f"status.{goals.pack.status}")))
                continue
            loaded = scoring.resolve_pack(name)
        except (CriteriaError, CriteriaErrors) as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        p = loaded.pack
        messages = lint(loaded)
        errors = [m for m in messages if m.severity == "error"]
        if not errors:
            click.echo(t("validate.ok", source=loaded.source, pack=p.id, version=p.version, n=len(p.indicators),
                         status=t(f"status.{p.status}")))
        for message in messages:
            click.echo(str(message), err=message.severity == "error")
        failed = failed or bool(errors)
        if p.status == "provisional":
            click.echo(t("validate.provisional", source=loaded.source, n=len(p.notes)) + ("" if show_notes else t("validate.add_notes")))
        elif show_notes and p.notes:   # an official pack's notes hold its readings of what the text leaves open
            click.echo(t("validate.notes", source=loaded.source, n=len(p.notes)))
        for note in p.notes if show_notes else []:
            click.echo(f"  - {note_in(note, lang)}")
    ctx.exit(EXIT_ERROR if failed else EXIT_OK)


@cli.command()
@criteria_option
@click.option("--answers", "-a", type=click.Path(dir_okay=False),
              help="Take the answers from this YAML or JSON file instead of asking (no questions shown).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: the same object as one line of 'hoctap score --format jsonl'.")
@click.option("--luu", "--save", "save", type=click.Path(dir_okay=False), metavar="FILE",
              help="Save the answers in this new .yaml or .json file, to run the check again with --answers FILE.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write the result on one A4 page to this .pdf file, to print and sign.")
@lang_option
@click.pass_context
def check(ctx: click.Context, criteria: str, answers: str | None, fmt: str, save: str | None, pdf: str | None,
          lang: str) -> None:
    """Self-check: answer the pack's questions, see the result and what is still missing."""
    import scoring.results.render as render
    from scoring.results.output import refuse_inputs_as_outputs
    from scoring.selfcheck import printout   # the questionnaire: imported only for 'check'
    from scoring.selfcheck.answers import read_answers
    from scoring.selfcheck.questionnaire import Questionnaire, check_answers
    if save:
        printout.check_save_path(save)
    if pdf:
        printout.check_pdf_path(pdf)
    refuse_inputs_as_outputs({"--luu": save, "--pdf": pdf}, [answers] if answers else [], lang)
    from scoring.selfcheck.today import check_day, check_pack
    today = check_day()   # a self-check has no assessment date: it is about today
    chosen = check_pack(criteria, today)
    loaded = chosen.loaded
    _warn_provisional(loaded)
    if answers:
        result = check_answers(loaded, read_answers(answers), answers, lang, chosen)
    else:
        result = _ask(ctx, Questionnaire(loaded, lang, chosen), err=fmt == "json")
    text = render.check_text(result.explanation, loaded.pack)
    if fmt == "json":
        click.echo(render.dumps(render.result_dict(result)))
    else:
        click.echo(printout.page_text(result, loaded, text, lang))
    if save:
        printout.save_answers(save, result, loaded, lang)
        click.echo(t("ans.saved", path=save, pack=loaded.pack.id), err=True)
    if pdf:
        printout.write_result_pdf(pdf, result, loaded, text, lang, today)
        _wrote(pdf)


def _ask(ctx: click.Context, questionnaire: "Questionnaire", err: bool) -> scoring.Result:
    """Drive the questionnaire in the terminal. click.prompt turns Ctrl-C and Ctrl-D into the
    same Abort, so lines are read with click's own line reader, which raises them apart."""
    click.echo(questionnaire.intro(), err=err)
    shown = None
    try:
        while (question := questionnaire.current) is not None:
            if question.name != shown:
                click.echo(questionnaire.screen(), err=err)
            click.echo("> ", nl=False, err=err)
            reply = questionnaire.reply(click.termui.visible_prompt_func(""))
            if reply.message:
                click.echo(reply.message, err=err)
            shown = question.name if reply.kind in ("invalid", "help", "first") else None
    except KeyboardInterrupt:
        click.echo("\n" + questionnaire.stopped(interrupted=True), err=True)
        ctx.exit(130)
    except EOFError:
        click.echo("\n" + questionnaire.stopped(interrupted=False), err=True)
        ctx.exit(EXIT_REJECTED)
    click.echo("", err=err)
    return questionnaire.result()


def _shown(path: Path) -> str:
    """A shipped pack's path as the user can find it: relative to here when possible."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@cli.command()
@criteria_option
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE.xlsx",
              help="Write the template to this new file [default: mau-nhap-PACK.xlsx]; an existing file is never "
                   "overwritten.")
def template(criteria: str, output: str | None) -> None:
    """Write an Excel template for entering a pack's records: the columns the reader reads, drop-down
    lists, number checks and an instructions sheet (in Vietnamese)."""
    from scoring.authoring.template import DATA_SHEET, FIRST_ROW, default_name, write_template   # openpyxl: only here
    loaded = _pack(criteria)
    path = output or default_name(loaded)
    cols = write_template(loaded, path, criteria)
    shown = ", ".join(c.header for c in cols[:6]) + (", …" if len(cols) > 6 else "")
    click.echo(t("template.wrote", path=path, n=len(cols), columns=shown, row=FIRST_ROW, sheet=DATA_SHEET,
                 pack=criteria), err=True)


@cli.command("test")
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.option("--cases", "cases_file", type=click.Path(dir_okay=False, exists=True),
              help="Case file to run (default: cases/<pack id>.yaml beside the pack). Needs exactly one PACK.")
@click.option("--coverage", is_flag=True, help="Also list the rule outcomes no case reaches, with a percentage per pack.")
@click.option("--min-coverage", type=click.FloatRange(0, 100), metavar="N",
              help="Fail (exit 1) when a pack's coverage is below N%. Implies --coverage.")
@lang_option
@click.pass_context
def test_cases(ctx: click.Context, packs: tuple[str, ...], cases_file: str | None, coverage: bool,
               min_coverage: float | None, lang: str) -> None:
    """Run the named test cases of criteria packs (default: every shipped pack); exit 1 if any fails."""
    from scoring.authoring.lint import lint
    import scoring.authoring.casetest as casetest
    from scoring.engine.adapter import RulesEngine
    names = list(packs) or list(scoring.shipped_packs())
    if cases_file and len(names) != 1:
        raise UsageError(Msg("usage.cases_one"))
    engine, failed = RulesEngine(), False
    for name in names:
        loaded = scoring.resolve_pack(name)
        errors = [m for m in lint(loaded) if m.severity == "error"]
        if errors:  # cases run against a pack with a lint error would only show its symptoms
            for message in errors:
                click.echo(str(message), err=True)
            ctx.exit(EXIT_ERROR)
        report = casetest.test_pack(loaded, cases_file, engine)
        for line in casetest.failure_lines(report):
            click.echo(line)
        click.echo(casetest.summary_line(report))
        if coverage or min_coverage is not None:
            for line in casetest.coverage_lines(report):
                click.echo(line)
        low = min_coverage is not None and report.coverage < min_coverage
        if low:
            click.echo(t("case.coverage_low", pack=report.loaded.pack.id, share=casetest.coverage_text(report),
                         least=f"{fmt_num(min_coverage)}%"))
        failed = failed or bool(report.failed) or not report.results or low
    ctx.exit(EXIT_REJECTED if failed else EXIT_OK)


@cli.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the schema to this file (atomically).")
@click.option("--cases", "of_cases", is_flag=True, help="The schema of test-case files instead of criteria packs.")
@overwrite_option
def schema(output: str | None, of_cases: bool, overwrite: bool) -> None:
    """Write the JSON Schema of the criteria format, for editors (see criteria/README.md)."""
    import scoring.authoring.schema as schemas
    from scoring.results.output import refuse_existing
    refuse_existing({"-o": output}, overwrite)
    text = schemas.dumps(schemas.cases_schema() if of_cases else schemas.criteria_schema())
    with _output(output) as out:
        out.write(text)
    if output:
        _wrote(output)


store_option = click.option("--store", "store_path", default=STORE_DEFAULT, show_default=True, metavar="PATH",
                            type=click.Path(dir_okay=False), help="The run store written by 'hoctap score --store'.")


@cli.command()
@click.argument("run_id", required=False)
@store_option
def runs(run_id: str | None, store_path: str) -> None:
    """List the runs saved in a run store, or the rows of RUN_ID."""
    from scoring.audit.store import RunStore
    from scoring.results.render import tabulate
    store = RunStore.open(store_path)
    if run_id:
        run, rows, as_stored = scoring.audit.run_listing(store, run_id)
        click.echo(tabulate(rows, headers=scoring.audit.run_table_headers(), disable_numparse=True))
        click.echo(as_stored, err=True)   # beside the table, as the counts of 'score' are: the table stays a table
        click.echo(t("cli.seal", seal=run.seal or t("cli.no_seal")))
        return
    rows = [[r.run_id, r.started_at, t(f"run.{r.status}"), r.command.get("criteria", ""), _as_of_words(r.command.get("as_of")),
             ", ".join(r.command.get("records", [])), *(("" if n is None else fmt_num(n)) for n in (*r.counts, r.stored))]
            for r in store.runs()]
    click.echo(tabulate(rows, headers=t("runs.headers").split("|"), disable_numparse=True))
    if rows:
        click.echo(t("runs.as_stored", path=store.path), err=True)


def _as_of_words(as_of: str | None) -> str:
    """A run's --as-of as the reader writes dates (30/06/2024), and 'record' in words; as stored otherwise."""
    if as_of == "record":
        return t("runs.as_of_record")
    try:
        return fmt_date(dt.date.fromisoformat(as_of)) if as_of else ""
    except ValueError:
        return as_of


@cli.group()
def audit() -> None:
    """Read stored results back and check that stored runs still reproduce."""


@audit.command("show")
@click.argument("key", metavar="ID")
@store_option
@click.option("--file", "file", metavar="FILE[:SHEET]",
              help="The records file the id is in, or FILE:SHEET for one sheet of a workbook (when several files or "
                   "sheets use the id), e.g. --file \"ho-so.xlsx:Tân Lập\".")
@click.option("--run", "run_id", metavar="RUN", help="Look in this run only [default: the newest run that has it].")
@click.option("--format", "-f", "fmt", type=click.Choice(EXPLAIN_FORMATS), default="text", show_default=True)
@lang_option
def audit_show(key: str, store_path: str, file: str | None, run_id: str | None, fmt: str, lang: str) -> None:
    """Print the explanation of a stored result: ID is the record's own id (the 'id' column of the
    file) or its result id (provenance.result_id). It is rebuilt from the store and checked
    against the hash of what the run produced."""
    from scoring.audit.store import RunStore
    click.echo(scoring.audit.show(RunStore.open(store_path), key, fmt, file, run_id, lang))


@audit.command("verify")
@click.argument("run_id", required=False)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@store_option
@click.option("--against", is_flag=True,
              help="Re-read the original FILES of RUN_ID and list every stored row whose input does not match.")
@click.option("--seal", metavar="SEAL", help="The run's seal as written in the minutes: fail unless it matches.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes to re-score with [default: all cores for a run of 5,000 rows or more, else 1]. "
                   "The report is the same for any N.")
@lang_option
@click.pass_context
def audit_verify(ctx: click.Context, run_id: str | None, files: tuple[str, ...], store_path: str, against: bool,
                 seal: str | None, jobs: int | None, lang: str) -> None:
    """Re-score the stored inputs of RUN_ID (default: every run) with the stored pack text, compare with
    what the run produced and recompute the run's seal; exit 1 when anything differs.

    hoctap audit verify RUN --against FILE… also compares the stored rows with the original files."""
    from scoring.audit.store import RunStore
    if files and not against:
        raise UsageError(Msg("au.against_files"))
    if against and (not run_id or not files):
        raise UsageError(Msg("au.against_needs"))
    store = RunStore.open(store_path)
    from scoring.run.replay import verify
    ticker = _Ticker()
    try:
        checks = verify(store, run_id, seal, _verify_progress(ticker), jobs)
    finally:
        ticker.close()
    click.echo("\n".join(scoring.audit.verify_report(checks)))
    failed = not checks.ok   # a run that differs, or the store itself (a run removed, a pack text altered)
    if against:
        # rows only moved (same id, same content) are told, not failed: no result depends on a row's line
        found = scoring.audit.against(store, run_id, files)
        click.echo("\n".join(scoring.audit.against_report(found)))
        failed = failed or not found.ok
    # 3, not 0: every stored row reproduces, but a run that never finished cannot be proven whole
    ctx.exit(EXIT_REJECTED if failed else EXIT_UNFINISHED if checks.unfinished else EXIT_OK)


@cli.command()
@click.option("--goals", "-g", "goals_pack", required=True, metavar="GOALS",
              help="Shipped goal pack id (see 'hoctap goal-packs') or path of a goal-pack YAML file.")
@click.option("--year", "-y", "years", type=int, multiple=True, metavar="YEAR",
              help="Target year [default: the next target year on or after today]; repeat it for several years "
                   "(each gets its table; the workbook's charts show them side by side).")
@records_argument
@click.option("--format", "-f", "fmt", type=click.Choice(GOAL_FORMATS),
              help="Format of the report on the screen and in a .json or .txt --output [default: table; a .json "
                   "output: json].")
@click.option("--check", is_flag=True, help="Exit 1 when some target is not met or cannot be evaluated.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Also write the report to this file (atomically): .xlsx gets the targets table and a chart of "
                   "each target (actual vs required, per year); .json the JSON report; .txt the table.")
@overwrite_option
@sheet_option
@letterhead_options
@lang_option
@click.pass_context
def goals(ctx: click.Context, goals_pack: str, years: tuple[int, ...], records: tuple[str, ...], fmt: str | None,
          check: bool, output: str | None, overwrite: bool, sheet: tuple[str, ...], letterhead: Any, lang: str) -> None:
    """Evaluate a goal pack's targets for one year (or several) over the population in RECORDS."""
    import scoring.goals.render as render_goals
    from scoring.results.output import check_outputs, file_format, refuse_unwritten
    check_outputs({"-o": output}, records, lang, overwrite)
    refuse_unwritten(output, render_goals.GOAL_FILE_FORMATS)   # a .pdf or .xls gets its own advice
    written = file_format(output, render_goals.GOAL_FILE_FORMATS, "a report") if output else None
    loaded = scoring.resolve_goals(goals_pack)
    if loaded.pack.status == "provisional":
        click.echo(t("warning", message=Msg("provisional_goals", pack=loaded.pack.id)), err=True)
    if not years:
        click.echo(t("goal_year_note", year=scoring.choose_year(loaded.pack, None)), err=True)
    reports = scoring.goal_reports(loaded, records, years, lang, sheet=sheets_read(sheet))
    for warning in reports[0].warnings:
        click.echo(t("warning", message=warning), err=True)
    if written == "xlsx":
        from scoring.goals.workbook import write_goals_workbook   # openpyxl: only when a workbook is written
        write_goals_workbook(reports, output, letterhead)
        # the targets of every year: 2026 may have 1 target and 2030 ten, all of them in the workbook
        n = len({target.id for r in reports for target in r.targets})
        click.echo(t("goals.wrote", path=output, n=n, years=", ".join(str(r.year) for r in reports)), err=True)
    elif output:
        with _output(output) as out:
            out.write(_goals_text(reports, fmt or written) + "\n")
        _wrote(output)
    fmt = fmt or "table"
    click.echo(_goals_text(reports, fmt))
    if fmt != "table":
        click.echo(render_goals.count_line(reports[0]), err=True)
    failed = check and not all(r.all_met for r in reports)
    ctx.exit(EXIT_REJECTED if reports[0].rejected or failed else EXIT_OK)


def _goals_text(reports: list, fmt: str) -> str:
    """The reports of every year asked for, as one table text or one JSON document."""
    import scoring.goals.render as render_goals
    if fmt == "json" and len(reports) > 1:
        return "[\n" + ",\n".join(render_goals.render_goals(r, fmt) for r in reports) + "\n]"
    return "\n\n".join(render_goals.render_goals(r, fmt) for r in reports)


@cli.command("goal-packs")
def goal_packs() -> None:
    """List the shipped goal packs and their target years."""
    from scoring.results.render import tabulate
    lang = get_lang()
    rows = [[g.pack.id, g.pack.version, t(f"status.{g.pack.status}"), ", ".join(str(y) for y in _year_span(g.pack.years())),
             g.pack.title.get(lang)] for g in scoring.shipped_goals().values()]
    click.echo(tabulate(rows, headers=t("goal_packs.headers").split("|"), disable_numparse=True))


@cli.command("thong-ke-tuan-le")
@records_argument
@click.option("--mau", "form", default=DEFAULT_WEEK_FORM, show_default=True, metavar="FORM",
              help="Statistics form: a shipped form's id or the path of a form YAML file.")
@click.option("--ngay-bao-cao", "report_date", metavar="DATE",
              help="Report date, dd/mm/yyyy or yyyy-mm-dd [default: today].")
@click.option("--output", "-o", metavar="FILE", help="Also write the report to this .xlsx or .json file.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@overwrite_option
@sheet_option
@letterhead_options
@lang_option
@click.pass_context
def thong_ke_tuan_le(ctx: click.Context, records: tuple[str, ...], form: str, report_date: str | None,
                     output: str | None, fmt: str, overwrite: bool, sheet: str | None, letterhead: Any,
                     lang: str) -> None:
    """Lifelong Learning Week statistics: fills the Appendix II table (items 1–11) per unit and in
    total, from activity rows (one row per activity) or one row per unit."""
    import scoring.goals.tuan_le_output as tuan_le_output
    from scoring.goals.tuan_le import check_output, resolve_form, tally
    from scoring.results.output import check_outputs
    check_outputs({"-o": output}, records, lang, overwrite)
    check_output(output)
    from scoring.selfcheck.today import check_day   # the one clock of papers (SOURCE_DATE_EPOCH fixes it)
    day = _as_date(report_date) if report_date else check_day()
    loaded = resolve_form(form)
    counted = tally(loaded.form, records, sheets_read(sheet), lang)
    for warning in counted.warnings:   # a sheet not read: its units are missing from the total
        click.echo(t("warning", message=warning), err=True)
    if fmt == "json":
        click.echo(tuan_le_output.render_json(counted, day))
        click.echo(tuan_le_output.count_line(counted, lang), err=True)
    else:
        click.echo(tuan_le_output.render_text(counted, day, lang))
    if output:
        tuan_le_output.write_file(output, counted, day, lang, letterhead)
        _wrote(output)
    ctx.exit(EXIT_REJECTED if counted.rejected else EXIT_OK)


def _as_date(value: str) -> dt.date:
    from scoring.records.dates import parse_assessment_date
    try:
        return parse_assessment_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--ngay-bao-cao") from None


def _year_span(years: list[int]) -> list[str]:
    """2026, 2027, 2028 -> 2026–2028: runs of consecutive years in one item."""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][-1] + 1:
            spans[-1].append(y)
        else:
            spans.append([y])
    return [f"{s[0]}–{s[-1]}" if len(s) > 2 else ", ".join(map(str, s)) for s in spans]


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs --allow-remote.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--store", "store_path", is_flag=False, flag_value=STORE_DEFAULT, default=None, metavar="[PATH]",
              help=f"Save council runs in this run store (SQLite) [{STORE_DEFAULT} when no PATH is given]. "
                   "Without it nothing uploaded is kept once scored.")
@click.option("--max-upload-mb", default=50, show_default=True, type=click.IntRange(1, 4096), metavar="MB",
              help="Largest request (upload) accepted, in MB.")
@click.option("--allow-remote", "--cho-phep-mang", "allow_remote", is_flag=True,
              help="Allow listening on an address other people can reach (records are personal data).")
def serve(host: str, port: int, store_path: str | None, max_upload_mb: int, allow_remote: bool) -> None:
    """Run the web pages (self-check, council uploads, plan targets) and the JSON API on this machine."""
    from scoring.web.app import Settings, listening_socket, serve as run_server
    from scoring.web.uploads import sweep_stale
    if host not in LOOPBACK and not allow_remote:
        raise UsageError(Msg("cli.remote_refused", host=host))
    sock = listening_socket(host, port)   # a busy port is said now, and "running" only once it is ours
    swept = sweep_stale()   # personal data a server killed outright left behind
    if swept:
        click.echo(t("cli.swept", n=swept), err=True)
    if host not in LOOPBACK:
        click.echo(t("cli.remote_warning", host=host), err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(t("cli.serving", url=f"http://{shown}:{sock.getsockname()[1]}/"), err=True)
    run_server(sock, Settings(max_upload=max_upload_mb << 20, store=store_path, host=host))


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so that SIGTERM, too, removes the temporary output file and stops the workers


def utf8_streams() -> None:
    """Vietnamese must reach stdout and stderr whatever the locale says (LANG=C, a Windows code
    page, PYTHONIOENCODING=latin-1): a stream that cannot encode it is switched to UTF-8, the
    encoding of every file hoctap writes, rather than failing on the first 'ệ'."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "ệ".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            except (AttributeError, ValueError, OSError):
                pass


def _lang_in(argv: list[str]) -> str | None:
    """--lang as written on the command line, read before click parses it, so that --help and
    click's own errors (which come before --lang is processed) speak it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    """The console entry point: signals, streams, and the last flush of stdout (where a full disk
    or a closed pipe shows itself when the output was small) mapped to exit codes like any error."""
    signal.signal(signal.SIGTERM, _terminate)
    set_lang(_lang_in(sys.argv[1:]))
    # openpyxl's notes on a workbook (a date cell beyond Excel's dates, a part it drops) are English lines
    # naming its own source; what matters of them reaches the user as the row's own error, in Vietnamese
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
    utf8_streams()
    try:
        cli(prog_name="hoctap")
    except SystemExit as done:
        try:
            sys.stdout.flush()
        except BaseException as exc:  # noqa: BLE001 - the same mapping as inside the commands
            code, message = failure(exc)
            _say(message)
            raise SystemExit(code) from None
        raise done


if __name__ == "__main__":
    main()
