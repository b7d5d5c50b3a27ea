"""hoctap command line: a thin click layer over the ``scoring`` library.

Errors become exit codes in one place (``HoctapGroup.invoke``):
0 every record scored; 1 the run finished but some records were rejected;
2 usage error, invalid criteria or unreadable input (nothing scored).
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click
from tabulate import tabulate

import scoring
from scoring import render, render_goals
from scoring.errors import CriteriaError, CriteriaErrors, HoctapError, UsageError

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


def members_options(command):
    """--members / --members-criteria: unit inputs computed from the members' own records."""
    command = click.option("--members-criteria", metavar="PACK",
                           help="Criteria pack that scores the members [default: the one the unit pack names].")(command)
    return click.option("--members", "-m", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
                        help="Members file (one row per member, its unit's id in 'don_vi'); "
                             "fills the unit inputs that declare 'from_members'. Repeatable.")(command)


def _unit_batch(loaded: scoring.LoadedPack, records: tuple[str, ...], members: tuple[str, ...],
                members_criteria: str | None, lang: str):
    if not members:
        if members_criteria:
            raise UsageError("--members-criteria goes with --members FILE")
        return scoring.score_files(loaded, records, lang)
    return scoring.score_units(loaded, records, members, lang, members_criteria)


def _report_members(batch) -> bool:
    """Member rows rejected and members of unknown units, on stderr; True if any member row was rejected."""
    rejected = False
    for members in getattr(batch, "members", {}).values():
        for r in members.rejected:
            click.echo(f"member rejected {r.where} (id {r.id}): {r.error}", err=True)
        click.echo(f"members ({members.loaded.pack.id}): {render.count_line(members.counts)}", err=True)
        rejected = rejected or bool(members.counts.rejected)
    for warning in getattr(batch, "warnings", []):
        click.echo(f"warning: {warning}", err=True)
    return rejected


@cli.command()
@criteria_option
@click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "-f", "fmt", type=click.Choice(render.RESULT_FORMATS),
              help="Output format [default: from --output's extension, else table].")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write results to this file (atomically).")
@lang_option
@members_options
@click.pass_context
def score(ctx: click.Context, criteria: str, records: tuple[str, ...], fmt: str | None, output: str | None, lang: str,
          members: tuple[str, ...], members_criteria: str | None) -> None:
    """Score RECORDS (CSV, JSON or JSON Lines files) against a criteria pack."""
    loaded = scoring.resolve_pack(criteria)
    _warn_provisional(loaded)
    batch = _unit_batch(loaded, records, members, members_criteria, lang)
    with _output(output) as out:
        render.write_results(batch.results(), _format_from(output, fmt), out, loaded.pack, batch.counts)
    if output or _format_from(output, fmt) != "table":
        click.echo(render.count_line(batch.counts), err=True)
    member_rejected = _report_members(batch)
    ctx.exit(EXIT_REJECTED if batch.counts.rejected or member_rejected else EXIT_OK)


@cli.command()
@criteria_option
@click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--record", "-r", "record_id", help="Explain only the record with this id.")
@click.option("--format", "-f", "fmt", type=click.Choice(render.EXPLAIN_FORMATS), default="text", show_default=True)
@lang_option
@members_options
@click.pass_context
def explain(ctx: click.Context, criteria: str, records: tuple[str, ...], record_id: str | None, fmt: str, lang: str,
            members: tuple[str, ...], members_criteria: str | None) -> None:
    """Explain how each record (or one, with --record) got its outcome."""
    loaded = scoring.resolve_pack(criteria)
    _warn_provisional(loaded)
    batch = _unit_batch(loaded, records, members, members_criteria, lang)
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
    member_rejected = _report_members(batch)
    ctx.exit(EXIT_REJECTED if any(not r.ok for r in results) or member_rejected else EXIT_OK)


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
    """Check criteria packs (default: every shipped criteria pack) or goal packs named by id or path; exit 2 on any error."""
    names = list(packs) or [str(p) for p in scoring.catalog.shipped_files()]
    failed = False
    for name in names:
        try:
            if scoring.goalpack.is_goal_pack(name):
                goals = scoring.resolve_goals(name)
                click.echo(f"{goals.source}: ok — {goals.pack.id} {goals.pack.version}, {len(goals.pack.targets)} targets, "
                           f"{goals.pack.status} (goal pack)")
                continue
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


@cli.command()
@click.option("--goals", "-g", "goals_pack", required=True, metavar="PACK",
              help="Shipped goal pack id (see 'hoctap goal-packs') or path of a goal-pack YAML file.")
@click.option("--year", "-y", type=int, help="Target year [default: the next target year on or after today].")
@click.argument("records", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "-f", "fmt", type=click.Choice(render_goals.GOAL_FORMATS), default="table", show_default=True)
@click.option("--check", is_flag=True, help="Exit 1 when some target is not met or cannot be evaluated.")
@lang_option
@click.pass_context
def goals(ctx: click.Context, goals_pack: str, year: int | None, records: tuple[str, ...], fmt: str,
          check: bool, lang: str) -> None:
    """Evaluate a goal pack's targets for one year over the population in RECORDS."""
    loaded = scoring.resolve_goals(goals_pack)
    if loaded.pack.status == "provisional":
        click.echo(f"warning: goal pack '{loaded.pack.id}' is provisional — some targets rest on uncertain "
                   "sources; they are marked in the report", err=True)
    if year is None:
        click.echo(f"year: {scoring.choose_year(loaded.pack, None)} (the next target year on or after today; "
                   "choose another with --year)", err=True)
    report = scoring.goal_report(loaded, records, year, lang)
    click.echo(render_goals.render_goals(report, fmt))
    if fmt != "table":
        click.echo(render_goals.count_line(report), err=True)
    failed = check and not report.all_met
    ctx.exit(EXIT_REJECTED if report.rejected or failed else EXIT_OK)


@cli.command("goal-packs")
def goal_packs() -> None:
    """List the shipped goal packs and their target years."""
    rows = [[g.pack.id, g.pack.version, g.pack.status, ", ".join(str(y) for y in _year_span(g.pack.years())), g.pack.title.vi]
            for g in scoring.shipped_goals().values()]
    click.echo(tabulate(rows, headers=["id", "version", "status", "years", "title"], disable_numparse=True))


def _year_span(years: list[int]) -> list[str]:
    """2026, 2027, 2028 -> 2026–2028: runs of consecutive years in one item."""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][-1] + 1:
            spans[-1].append(y)
        else:
            spans.append([y])
    return [f"{s[0]}–{s[-1]}" if len(s) > 2 else ", ".join(map(str, s)) for s in spans]


def main() -> None:
    cli(prog_name="hoctap")


if __name__ == "__main__":
    main()
