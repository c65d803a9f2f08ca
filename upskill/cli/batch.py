"""`upskill batch`: plan a whole workforce into a folder. Also what `upskill team` shares with it:
reading many inputs (`check_many`) and running them with a progress bar (`run_many`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.edge import finish, print_problem, reports_errors, run_state, to_stdout
from upskill.cli.options import Output, SectionedCommand
from upskill.cli.types import PathType
from upskill.errors import Problem, UsageError, printable

if TYPE_CHECKING:
    from typing import IO

    from upskill.batch.collect import BatchResult
    from upskill.batch.run import BatchSettings
    from upskill.load.rosters.columns import RosterSettings
    from upskill.model import Catalog
    from upskill.planning.plan import Options
    from upskill.planning.request import PlanRequest
    from upskill.planning.team import TeamSettings


@click.command(cls=SectionedCommand, short_help="Plan a whole workforce: a plan each, index.md and team.md.")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@options.catalog
@options.strict
@options.jobs
@options.planning()
@options.roster_options
@options.team_options("cohort_min", "cohort_max", "min_group", "anonymize", "sessions")
@options.output(
    click.option(
        "--out",
        required=True,
        metavar="DIR",
        type=PathType(),
        help="Folder for the plans, index.md and team.md (created if needed); - writes JSON Lines to stdout.",
    ),
    options.batch_formats_option,
    options.template,
    click.option(
        "--force/--no-force",
        default=False,
        help="Replace files in DIR that upskill did not write (its own need no flag).",
    ),
    options.explain("Show each term of each gap's priority in the plans."),
)
@reports_errors
def batch(
    inputs: tuple[str, ...],
    catalogs: tuple[str, ...],
    strict: bool,
    jobs: int | None,
    request: PlanRequest,
    roster: RosterSettings,
    team: TeamSettings,
    output: Output,
) -> None:
    """Plan every employee in INPUT...: one plan file each, plus index.md and team.md.

    INPUT is any mix of profile files, folders of them (*.yaml, *.yml, *.toml, *.json), glob
    patterns, rosters (.csv or .xlsx, as HR systems export them: an employee id and target role
    column, one column per skill holding levels; see docs/rosters.md) and - for JSON Lines on
    standard input. An employee that
    fails is reported with its file and row, and the others still run (exit 1 at the end).

    \b
    Examples:
      upskill batch roster.csv --out plans --start 2027-01-04
      upskill batch profiles/ 'more/*.yaml' --out plans --format markdown --format html
      cat profiles.jsonl | upskill batch - --format jsonl --out - > plans.jsonl
      upskill batch roster.csv --out notes --template examples/templates/one-on-one.md.j2
    """
    from upskill.batch.run import BatchSettings
    from upskill.batch.workers import default_jobs

    out, template = str(output.path), output.template
    formats = plan_formats(out, output.formats, template)
    refuse_overwrite(out, formats, inputs, catalogs, template)
    catalog, plan_options = check_many(inputs, catalogs, roster, request)
    settings = BatchSettings(
        options=plan_options,
        out=None if out == "-" else Path(out),
        formats=formats,
        jobs=jobs or default_jobs(),
        strict=strict,
        explain=output.explain,
        force=output.force,
        roster=roster,
        team=options.team_settings(team, plan_options.start),
        template=template,
    )
    if out == "-":
        with to_stdout() as stream:  # flushed here, so that a reader who left is reported by reports_errors
            result = run_many(inputs, catalog, settings, stream=stream)
    else:
        result = run_many(inputs, catalog, settings)
    index = f" (see {Path(out) / 'index.md'})" if out != "-" and result.members else ""
    finish(result, no_report_line(result) or f"upskill: {result.summary()}{index}")


def no_report_line(result: BatchResult) -> str:
    """The closing line of a run in which no employee could be planned (no report was written), else ''."""
    if result.members:
        return ""
    if result.failures:
        return f"upskill: no employee could be read ({result.failures_count()}); no report written"
    return "upskill: the inputs hold no employee; no report written"


def plan_formats(out: str, formats: tuple[str, ...], template: str | None = None) -> tuple[str, ...]:
    """The plan formats asked for, once each: jsonl goes to stdout (`--out -`) and the others to a folder.

    `--template NAME.md.j2` adds the format "template.md" (alone, or beside formats whose files
    end differently); the template is compiled here, so a mistake in it stops the run before any work.
    """

    chosen = tuple(dict.fromkeys(formats))
    if out == "-":
        if template is not None:
            raise UsageError(Problem("--template writes one file per employee: give --out a folder"))
        if chosen not in ((), ("jsonl",)):
            raise UsageError(
                Problem(
                    "--out - writes JSON Lines to standard output: use --format jsonl (the other formats need a folder)"
                )
            )
        return ("jsonl",)
    if "jsonl" in chosen:
        raise UsageError(Problem("--format jsonl writes to standard output: use --out -"))
    if template is None:
        return chosen or ("markdown",)
    from upskill.batch.collect import TEMPLATE, plan_suffix
    from upskill.render.custom import load_template

    suffix = load_template(template).suffix
    clash = [f for f in chosen if plan_suffix(f) == suffix]
    if clash:
        raise UsageError(
            Problem(f"--template {template} writes {suffix} files, as --format {clash[0]} does; drop one of them")
        )
    return (*chosen, TEMPLATE + suffix)


def refuse_overwrite(
    out: str, formats: tuple[str, ...], inputs: tuple[str, ...], catalogs: tuple[str, ...], template: str | None
) -> None:
    """Exit 2 when a file the run may replace in DIR (a plan or report of the formats asked for) is an input."""
    import os

    from upskill.batch.collect import plan_suffix
    from upskill.batch.run import report_names
    from upskill.cli.inputs import catalog_inputs, employee_inputs, settings_inputs
    from upskill.write import clash

    if out == "-" or not os.path.isdir(out):
        return
    suffixes = {plan_suffix(fmt) for fmt in formats}
    reports = set(report_names(formats))
    try:
        with os.scandir(out) as entries:
            written = [e.path for e in entries if e.name in reports or os.path.splitext(e.name)[1].lower() in suffixes]
    except OSError:  # the output folder says what is wrong with it when it is opened
        return
    templates = [(template, "the template")] if template else []
    clash.refuse_overwrite(
        written,
        [*employee_inputs(inputs), *templates, *catalog_inputs(catalogs), *settings_inputs()],
        "--out",
        "move it out of the output folder or choose another --out",
    )


def check_many(
    inputs: tuple[str, ...], catalogs: tuple[str, ...], roster: RosterSettings, request: PlanRequest
) -> tuple[Catalog, Options]:
    """Refuse, before any work, inputs and options that cannot work; load the catalog; the planning options."""
    from upskill.load.rosters.columns import check_columns
    from upskill.load.rosters.inputs import check_inputs
    from upskill.load.text import check_encoding

    check_encoding(roster.encoding)
    check_inputs(inputs)
    catalog = options.load_catalogs(catalogs)
    plan_options = options.planned(catalog, request)
    check_columns(roster.columns, catalog)  # a --column naming no field or skill: exit 2, before any work
    return catalog, plan_options


def run_many(
    inputs: tuple[str, ...], catalog: Catalog, settings: BatchSettings, stream: IO[str] | None = None
) -> BatchResult:
    """Run a batch with problems and a progress bar on stderr; Ctrl-C or SIGTERM leave no partial file
    (`reports_errors` says so)."""
    from upskill.batch.progress import StderrReporter
    from upskill.batch.run import collect_members, run_batch
    from upskill.load.rosters.inputs import count_employees

    if settings.roster.sheet is None:
        name_sheets(inputs)
    show_bar = sys.stderr.isatty()
    total = count_employees(inputs) if show_bar else None
    if settings.out:
        run_state()["interrupted"] = f"; nothing half-written is left in {settings.out}"
    with StderrReporter(print_problem, show_bar, total) as reporter:
        if settings.out is None and not settings.formats:
            return collect_members(inputs, catalog, settings, reporter)
        return run_batch(inputs, catalog, settings, reporter, stream=stream)


def name_sheets(inputs: tuple[str, ...]) -> None:
    """Say which sheet of each workbook is read (the active one, else the first visible: never a hidden one)."""
    from upskill.load.rosters.roster import WORKBOOK_SUFFIXES
    from upskill.load.rosters.survey import roster_paths

    for path in roster_paths(inputs):
        if os.path.splitext(path)[1].lower() not in WORKBOOK_SUFFIXES:
            continue
        from upskill.load.rosters.xlsx import sheet_to_read

        found = sheet_to_read(path)
        if found is not None:
            name, hidden = found
            skipped = (
                f" ({hidden} hidden sheet{'s' if hidden > 1 else ''} not read; name one with --sheet)" if hidden else ""
            )
            click.echo(printable(f"upskill: reading sheet '{name}' of {path}{skipped}"), err=True)
