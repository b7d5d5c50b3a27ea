"""hoctap command line: a thin click layer over the ``scoring`` library.

Errors become exit codes in one place (``HoctapGroup.invoke``):
0 every record scored; 1 the run finished but some records were rejected;
2 usage error, invalid criteria or unreadable input (nothing scored).
"""
from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import click
from tabulate import tabulate

import scoring
from scoring import render
from scoring.batch import default_jobs
from scoring.errors import CriteriaError, CriteriaErrors, HoctapError, UsageError
from scoring.output import (REPORT_FILE_FORMATS, RESULT_FILE_FORMATS, file_format, write_report_file,
                            write_results_file, write_table_file)

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2


class HoctapGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except HoctapError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was written", err=True)
            ctx.exit(130)


@click.group(cls=HoctapGroup)
@click.version_option(scoring.__version__, prog_name="hoctap")
def cli() -> None:
    """Score learning-society records (Công dân học tập, Đơn vị học tập) against criteria packs."""


def _warn_provisional(loaded: scoring.LoadedPack) -> None:
    if loaded.pack.status == "provisional":
        click.echo(f"warning: criteria pack '{loaded.pack.id}' is provisional — parts of the official text "
                   f"were not available; see its notes ('hoctap validate {loaded.pack.id}')", err=True)


@contextmanager
def _output(path: str | None):
    """stdout, or a file written atomically (a temporary file renamed at the end)."""
    if not path:
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def _format_from(output: str | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in render.RESULT_FORMATS else "table"


criteria_option = click.option("--criteria", "-c", "criteria", required=True, metavar="PACK",
                               help="Shipped pack id (see 'hoctap packs') or path of a criteria YAML file.")
lang_option = click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
                           help="Language of labels (English where the pack has it).")


sheet_option = click.option("--sheet", metavar="NAME",
                            help="Sheet to read in Excel workbooks [default: the first visible sheet].")
jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
                           help="Processes to score with [default: all cores for inputs of 1 MiB or more, else 1]. "
                                "The output is the same for any N.")


def _batch(loaded: scoring.LoadedPack, records: tuple[str, ...], lang: str, sheet: str | None, jobs: int | None,
           carry: tuple[str, ...] = ()) -> scoring.Batch:
    jobs = jobs or default_jobs(records)
    return scoring.score_files(loaded, records, lang, sheet=sheet, jobs=jobs, carry=carry)


def _progress(results: Iterator[scoring.Result]) -> Iterator[scoring.Result]:
    """A running count on stderr when it is a terminal (never when piped or redirected)."""
    if not sys.stderr.isatty():
        yield from results
        return
    start = last = time.monotonic()
    n = 0
    for n, result in enumerate(results, start=1):
        if n % 200 == 0 and time.monotonic() - last >= 0.5:
            last = time.monotonic()
            click.echo(f"\r{n:,} records… {n / (last - start):,.0f}/s", err=True, nl=False)
        yield result
    if last > start:
        click.echo("\r" + " " * 40 + "\r", err=True, nl=False)


@cli.command()
@criteria_option
@click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "-f", "fmt", type=click.Choice(render.RESULT_FORMATS),
              help="Output format [default: from --output's extension, else table].")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write results to this file, atomically; .xlsx, .csv, .jsonl or .json.")
@sheet_option
@jobs_option
@lang_option
@click.pass_context
def score(ctx: click.Context, criteria: str, records: tuple[str, ...], fmt: str | None, output: str | None,
          sheet: str | None, jobs: int | None, lang: str) -> None:
    """Score RECORDS (CSV, JSON, JSON Lines or Excel files) against a criteria pack."""
    loaded = scoring.resolve_pack(criteria)
    _warn_provisional(loaded)
    batch = _batch(loaded, records, lang, sheet, jobs)
    with closing(_progress(batch.results())) as results:
        if output:
            write_results_file(output, results, loaded, batch.counts, fmt, claims=batch.claims, lang=lang)
        else:
            render.write_results(results, _format_from(output, fmt), sys.stdout, loaded.pack, batch.counts)
    if output or _format_from(output, fmt) != "table":
        click.echo(render.count_line(batch.counts), err=True)
    ctx.exit(EXIT_REJECTED if batch.counts.rejected else EXIT_OK)


@cli.command()
@criteria_option
@click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Also write the disagreements to this file, atomically; .xlsx, .csv, .jsonl or .json.")
@sheet_option
@jobs_option
@lang_option
@click.pass_context
def verify(ctx: click.Context, criteria: str, records: tuple[str, ...], output: str | None, sheet: str | None,
           jobs: int | None, lang: str) -> None:
    """List every record whose claimed result (tự đánh giá) differs from what the rules give.

    Claims are read from the columns tu_danh_gia_tong (total), tu_danh_gia_ket_qua (outcome) and
    tu_danh_gia_<indicator> (points), or their Vietnamese headers. Exit 1 when any record disagrees
    or is rejected."""
    loaded = scoring.resolve_pack(criteria)
    _warn_provisional(loaded)
    if output:
        file_format(output, RESULT_FILE_FORMATS, "a table")  # a wrong name fails now, not after the run
    batch = _batch(loaded, records, lang, sheet, jobs)
    if not batch.claims:
        raise UsageError(f"no claimed-result column in {', '.join(records)}: add a column tu_danh_gia_tong "
                         "(Tự đánh giá (tổng điểm)), tu_danh_gia_ket_qua (Tự đánh giá (kết quả)) or "
                         "tu_danh_gia_<indicator id> (Tự đánh giá 1.1)")
    summary = scoring.Summary(loaded, lang=lang)
    rows = []
    with closing(_progress(batch.results())) as results:
        for r in results:
            summary.add(r)
            if r.verification is not None and not r.verification.agrees:
                rows.append(render.disagreement_row(r))
            elif not r.ok:
                click.echo(f"rejected {r.where} (id {r.id}): {r.error}", err=True)
    if output:
        write_table_file(output, render.VERIFY_HEADER, rows, sheet="disagreements")
    if rows:
        click.echo(tabulate(rows, headers=render.VERIFY_HEADER, tablefmt="simple", disable_numparse=True))
    click.echo(render.count_line(summary.counts), err=True)
    click.echo(render.verify_line(summary), err=True)
    ctx.exit(EXIT_REJECTED if rows or summary.counts.rejected else EXIT_OK)


@cli.command()
@criteria_option
@click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--by", "by", multiple=True, metavar="COLUMN",
              help="Break the counts down by this column (any column, e.g. group, xa); repeat for more.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Also write the report to this file, atomically; .xlsx, .json, .md or .txt.")
@sheet_option
@jobs_option
@lang_option
@click.pass_context
def report(ctx: click.Context, criteria: str, records: tuple[str, ...], by: tuple[str, ...], output: str | None,
           sheet: str | None, jobs: int | None, lang: str) -> None:
    """Counts and shares by outcome (and by --by columns), and the recognition list."""
    loaded = scoring.resolve_pack(criteria)
    _warn_provisional(loaded)
    if output:
        file_format(output, REPORT_FILE_FORMATS, "a report")  # a wrong name fails now, not after the run
    batch = _batch(loaded, records, lang, sheet, jobs, carry=by)
    summary = scoring.Summary(loaded, by=by, lang=lang, listing=True)
    with closing(_progress(batch.results())) as results:
        for r in results:
            summary.add(r)
    if output:
        write_report_file(output, summary)
    click.echo(render.render_report(summary))
    ctx.exit(EXIT_REJECTED if summary.counts.rejected else EXIT_OK)


@cli.command()
@criteria_option
@click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--record", "-r", "record_id", help="Explain only the record with this id.")
@click.option("--format", "-f", "fmt", type=click.Choice(render.EXPLAIN_FORMATS), default="text", show_default=True)
@sheet_option
@lang_option
@click.pass_context
def explain(ctx: click.Context, criteria: str, records: tuple[str, ...], record_id: str | None, fmt: str,
            sheet: str | None, lang: str) -> None:
    """Explain how each record (or one, with --record) got its outcome."""
    loaded = scoring.resolve_pack(criteria)
    _warn_provisional(loaded)
    batch = scoring.score_files(loaded, records, lang, sheet=sheet)
    results = [r for r in batch.results() if record_id is None or r.id == record_id]
    if record_id is not None and not results:
        raise UsageError(f"no record with id '{record_id}' in {', '.join(records)}")
    texts = []
    for r in results:
        if r.ok and r.explanation:
            texts.append(render.render_explanation(r.explanation, fmt))
        else:
            click.echo(f"rejected {r.where} (id {r.id}): {r.error}", err=True)
    if fmt == "json":
        click.echo("[\n" + ",\n".join(texts) + "\n]" if record_id is None else texts[0] if texts else "null")
    else:
        click.echo("\n\n".join(texts))
    ctx.exit(EXIT_REJECTED if any(not r.ok for r in results) else EXIT_OK)


@cli.command()
def packs() -> None:
    """List the shipped criteria packs."""
    rows = [[p.pack.id, p.pack.version, p.pack.status, p.pack.valid_from, p.pack.valid_to or "", p.pack.title.vi]
            for p in scoring.shipped_packs().values()]
    click.echo(tabulate(rows, headers=["id", "version", "status", "valid from", "valid to", "title"], disable_numparse=True))


@cli.command()
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.pass_context
def validate(ctx: click.Context, packs: tuple[str, ...]) -> None:
    """Check criteria packs (default: every shipped pack); exit 2 on any error."""
    names = list(packs) or [str(p) for p in scoring.catalog.shipped_files()]
    failed = False
    for name in names:
        try:
            loaded = scoring.resolve_pack(name)
        except (CriteriaError, CriteriaErrors) as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        p = loaded.pack
        click.echo(f"{loaded.source}: ok — {p.id} {p.version}, {len(p.indicators)} indicators, {p.status}")
        for note in p.notes if p.status == "provisional" else []:
            click.echo(f"{loaded.source}: notes: warning: {note}")
    ctx.exit(EXIT_ERROR if failed else EXIT_OK)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so that SIGTERM, too, removes the temporary output file and stops the workers


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="hoctap")


if __name__ == "__main__":
    main()
