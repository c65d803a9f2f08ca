"""`upskill team`: the team picture of many employees (heatmap, cohorts, key-person risks, build or buy)."""

from __future__ import annotations

import io
import sys
from datetime import date
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.batch import check_many, nobody, run_many
from upskill.cli.edge import finish, reports_errors, to_stdout, write_out
from upskill.cli.options import TEAM_SUFFIXES, Weights

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upskill.batch.columns import RosterSettings
    from upskill.planning.team import Team


@click.command(short_help="Team picture: heatmap, cohorts, key-person risks, build or buy.")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@options.team_format
@options.team_output
@options.template
@click.option(
    "--csv-table",
    type=click.Choice(("skills", "gaps", "heatmap")),
    default="skills",
    show_default=True,
    help="Which table --format csv writes: per skill, one row per employee and gap, or the heatmap.",
)
@click.option(
    "--csv-dialect",
    type=click.Choice(("excel", "excel-eu")),
    help="The CSV --format csv writes: excel (',') or excel-eu (';' and a BOM, for spreadsheets that use a "
    "decimal comma). Default: the dialect of the input roster, else excel.",
)
@click.option(
    "--group-by",
    metavar="ATTRIBUTE",
    help="Figures and actions per value of a roster attribute (department, manager, location, cost_centre, or "
    "a column mapped with --column X=attribute); privacy rules apply within each group.",
)
@options.catalog
@options.as_of
@options.start_many
@options.deadline_many
@options.hours_per_week_many
@options.top_many
@options.parallel
@options.closed
@options.weight
@options.strict
@options.roster_options
@options.jobs
@options.cohort_min
@options.cohort_max
@options.min_group
@options.anonymize
@options.color
@click.option(
    "--no-pager",
    is_flag=True,
    help="Print the terminal view directly. Default: through $PAGER (else less -FRX) when it is taller than the "
    "terminal.",
)
@reports_errors
def team(
    inputs: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    template: str | None,
    csv_table: str,
    csv_dialect: str | None,
    group_by: str | None,
    catalogs: tuple[str, ...],
    as_of: date | None,
    start: date | None,
    deadline: date | None,
    hours_per_week: float | None,
    top: int | None,
    parallel: int | None,
    closed: tuple[tuple[date, date], ...],
    weights: Weights,
    strict: bool,
    roster: RosterSettings,
    jobs: int | None,
    cohort_min: int,
    cohort_max: int,
    min_group: int,
    anonymize: bool,
    color: bool | None,
    no_pager: bool,
) -> None:
    """Show the team picture of INPUT...: heatmap, gaps per skill, cohorts, single points of failure, build or buy.

    INPUT is read as by `upskill batch` (profiles, folders, globs, .csv and .xlsx rosters, - for JSON Lines).
    Figures over fewer than --min-group people are hidden; --anonymize uses pseudonyms.

    \b
    Examples:
      upskill team roster.csv
      upskill team profiles/ --format csv --csv-table gaps -o gaps.csv
      upskill team roster.csv --anonymize --min-group 5 -o team.html
      upskill team roster.csv --group-by department -o team.md
      upskill team roster.csv --template examples/templates/team-brief.md.j2 -o brief.md
    """
    from upskill.batch.collect import failure_lines
    from upskill.batch.run import BatchSettings
    from upskill.batch.workers import default_jobs
    from upskill.cli.inputs import catalog_inputs, employee_inputs, settings_inputs
    from upskill.errors import Problem, UsageError
    from upskill.planning.team import build_team
    from upskill.write.clash import refuse_overwrite

    templates = [(template, "the template")] if template else []
    refuse_overwrite(output, [*employee_inputs(inputs), *templates, *catalog_inputs(catalogs), *settings_inputs()])
    user = None
    if template is not None:  # compiled before any planning: a mistake costs nothing
        if fmt is not None:
            raise UsageError(Problem("--template writes what the template says: drop --format"))
        from upskill.render.custom import check_output, load_template

        user = load_template(template)
        check_output(user, output)
        fmt = "template"
    else:
        fmt = options.format_from(output, fmt, TEAM_SUFFIXES)
    catalog, start = check_many(inputs, catalogs, roster, start, deadline, as_of)
    settings = BatchSettings(
        options=options.plan_options(catalog, start, deadline, hours_per_week, top, weights, parallel, closed=closed),
        formats=(),
        jobs=jobs or default_jobs(),
        strict=strict,
        roster=roster,
        team=options.team_settings(cohort_min, cohort_max, min_group, anonymize, start, group_by or ""),
    )
    if fmt == "csv" and csv_dialect is None:
        from upskill.batch.roster import roster_dialect
        from upskill.batch.survey import roster_paths

        csv_dialect = roster_dialect(roster_paths(inputs), roster.encoding)
    terminal = False
    if output is None:
        with to_stdout() as out:  # closed: say so before planning a whole team for nobody
            terminal = out.isatty()
    result = run_many(inputs, catalog, settings)
    if not result.members:  # a report of nobody would say "No gaps"
        finish(result, nobody(result))
    report = build_team(result.members, catalog, settings.team, failure_lines(result.failures))
    color = options.chosen_color(color)
    if user is not None:
        from upskill.render.custom import render_team_template

        write_out(render_team_template(user, report), output)
        finish(result, f"upskill: {result.summary('employee in the team report', 'employees in the team report')}")
    if fmt is None:
        fmt = "table" if output is None and (terminal or color) else "markdown"
    emit(report, fmt, csv_table, output, color, csv_dialect or "excel", pager=not no_pager)
    finish(result, f"upskill: {result.summary('employee in the team report', 'employees in the team report')}")


def emit(
    report: Team,
    fmt: str,
    csv_table: str,
    output: str | None,
    color: bool | None,
    csv_dialect: str = "excel",
    pager: bool = False,
) -> None:
    """Render the report in `fmt` to stdout or to the file `output` (`write_out`); with `pager`, a
    terminal view taller than the terminal goes through the pager (cli/pager.py)."""
    from upskill.render.team import team_chunks

    chunks: Iterable[str]
    if fmt == "table":
        from upskill.render.team_terminal import print_team
        from upskill.render.terminal import make_console

        if output is None and pager and sys.stdout.isatty():
            _paged(report, color)
            chunks = ()
        elif output is None:  # a live terminal: its own width, colour as decided
            with to_stdout():
                print_team(report, make_console(color=color))
            chunks = ()
        else:
            buffer = io.StringIO()
            print_team(report, make_console(file=buffer, color=color, width=160))
            chunks = (buffer.getvalue(),)
    else:
        chunks = team_chunks(report, fmt, csv_table, csv_dialect)
    write_out(chunks, output)


def _paged(report: Team, color: bool | None) -> None:
    """The terminal view at the terminal's size, through the pager when taller than the screen."""
    from upskill.cli.pager import page
    from upskill.render.team_terminal import print_team
    from upskill.render.terminal import make_console

    screen = make_console(color=color)
    buffer = io.StringIO()
    print_team(report, make_console(file=buffer, color=color, width=screen.width, terminal=screen.is_terminal))
    text = buffer.getvalue()
    if not page(text, screen.height):
        write_out(text, None)
