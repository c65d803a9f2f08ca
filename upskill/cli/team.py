"""`upskill team`: the team picture of many employees (heatmap, cohorts, key-person risks, build or buy)."""

from __future__ import annotations

import io
import sys
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.batch import check_many, no_report_line, run_many
from upskill.cli.edge import finish, reports_errors, to_stdout, write_out
from upskill.cli.options import TEAM_SUFFIXES, Output, SectionedCommand
from upskill.errors import Problem, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upskill.load.rosters.columns import RosterSettings
    from upskill.planning.request import PlanRequest
    from upskill.planning.team import Team, TeamSettings
    from upskill.render.custom import UserTemplate


@click.command(cls=SectionedCommand, short_help="Team picture: heatmap, cohorts, key-person risks, build or buy.")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@options.catalog
@options.strict
@options.jobs
@options.planning()
@options.roster_options
@options.team_options()
@options.output(
    options.team_format,
    options.team_output,
    options.template,
    click.option(
        "--csv-table",
        type=click.Choice(("skills", "gaps", "heatmap", "sessions", "mentoring")),
        default="skills",
        show_default=True,
        help="Which table --format csv writes: per skill, one row per employee and gap, the heatmap, the group "
        "sessions, or the mentor pairs.",
    ),
    click.option(
        "--csv-dialect",
        type=click.Choice(("excel", "excel-eu")),
        help="The CSV --format csv writes: excel (',') or excel-eu (';' and a BOM, for spreadsheets that use a "
        "decimal comma). Default: the dialect of the input roster, else excel.",
    ),
    options.color,
    click.option(
        "--pager/--no-pager",
        default=True,
        help="Show a terminal view taller than the terminal through $PAGER (else less -FRX); --no-pager prints "
        "it directly.",
    ),
)
@reports_errors
def team(
    inputs: tuple[str, ...],
    catalogs: tuple[str, ...],
    strict: bool,
    jobs: int | None,
    request: PlanRequest,
    roster: RosterSettings,
    team: TeamSettings,
    output: Output,
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
    from upskill.planning.team import build_team
    from upskill.write.clash import refuse_overwrite

    path, template = output.path, output.template
    templates = [(template, "the template")] if template else []
    refuse_overwrite(path, [*employee_inputs(inputs), *templates, *catalog_inputs(catalogs), *settings_inputs()])
    fmt, user = _format(output)
    catalog, plan_options = check_many(inputs, catalogs, roster, request)
    settings = BatchSettings(
        options=plan_options,
        formats=(),
        jobs=jobs or default_jobs(),
        strict=strict,
        roster=roster,
        team=options.team_settings(team, plan_options.start),
    )
    csv_dialect = output.csv_dialect
    if fmt == "csv" and csv_dialect is None:
        from upskill.load.rosters.roster import roster_dialect
        from upskill.load.rosters.survey import roster_paths

        csv_dialect = roster_dialect(roster_paths(inputs), roster.encoding)
    terminal = False
    if path is None:
        with to_stdout() as out:  # closed: say so before planning a whole team for nobody
            terminal = out.isatty()
    result = run_many(inputs, catalog, settings)
    if not result.members:  # a report of nobody would say "No gaps"
        finish(result, no_report_line(result))
    report = build_team(result.members, catalog, settings.team, failure_lines(result.failures))
    from upskill.batch.roster import with_schedule

    report = with_schedule(report, result.roster, catalog, settings.team, settings.options.start)
    color = options.chosen_color(output.color)
    if user is not None:
        from upskill.render.custom import render_team_template

        write_out(render_team_template(user, report), path)
        finish(result, f"upskill: {result.summary('employee in the team report', 'employees in the team report')}")
    if fmt is None:
        fmt = "table" if path is None and (terminal or color) else "markdown"
    show_report(report, fmt, output.csv_table, path, color, csv_dialect or "excel", pager=output.pager)
    finish(result, f"upskill: {result.summary('employee in the team report', 'employees in the team report')}")


def _format(output: Output) -> tuple[str | None, UserTemplate | None]:
    """The format, and the user's template compiled before any planning (a mistake in it costs nothing)."""
    if output.template is None:
        return options.format_from(output.path, output.fmt, TEAM_SUFFIXES), None

    if output.fmt is not None:
        raise UsageError(Problem("--template writes what the template says: drop --format"))
    from upskill.render.custom import check_output, load_template

    user = load_template(output.template)
    check_output(user, output.path)
    return "template", user


def show_report(
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
