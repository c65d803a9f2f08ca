"""`upskill catalog resources import` (a course export -> catalog resources) and `upskill catalog coverage`."""

from __future__ import annotations

import click

from upskill.cli import options
from upskill.cli.completion import complete_roles
from upskill.cli.edge import echo_out, reports_errors
from upskill.cli.options import SectionedCommand
from upskill.cli.types import ColumnType, PathType
from upskill.errors import Problem, UpskillError, UsageError, did_you_mean, printable


@click.group(short_help="Make catalog resources from a learning platform's course export.")
def resources() -> None:
    """Make catalog resources from the course catalog your learning platform exports.

    \b
    Example:
      upskill catalog resources import coursera catalog.csv --catalog default -o courses.yaml
    """


@resources.command(
    "import", cls=SectionedCommand, short_help="Turn a course export (CSV or .xlsx) into catalog resources."
)
@click.argument("preset", type=click.Choice(("coursera", "linkedin", "moodle", "csv")))
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=PathType(exists=True, dir_okay=False))
@click.option(
    "--column",
    "columns",
    multiple=True,
    type=ColumnType(),
    help="Map an export column onto a course field: 'Course name=title', 'Length (min)=minutes', 'Notes=ignore' "
    "(fields: id, title, url, description, duration, minutes, hours, level, skills, active, kind, provider).",
)
@options.catalog
@options.output_option(help="Write the resources (YAML) to this file. Default: stdout.")
@options.encoding
@options.sheet
@options.strict
@reports_errors
def resources_import(
    preset: str,
    files: tuple[str, ...],
    columns: tuple[tuple[str, str], ...],
    catalogs: tuple[str, ...],
    output: str | None,
    encoding: str,
    sheet: str | None,
    strict: bool,
) -> None:
    """Turn the course export FILE (CSV or .xlsx) of PRESET (coursera, linkedin, moodle, or csv for any
    other) into resources of the catalog's skills.

    Each course goes to the skill it matches best (or to each skill its skills column names); each
    entry says why (`matched:`), for a reviewer to keep or delete. Courses that match no skill are
    listed at the end of the output; inactive ones are skipped. Load the result after the catalog
    it was matched against (--catalog, default: the bundled one).

    \b
    Examples:
      upskill catalog resources import coursera coursera.csv -o courses.yaml
      upskill catalog resources import csv lms.xlsx --column 'Course name=title' --column 'Length=minutes' \\
          --catalog default --catalog esco.yaml -o courses.yaml
      upskill plan ana.yaml --catalog default --catalog esco.yaml --catalog courses.yaml --role data-analyst
    """
    import time

    from upskill.cli.edge import report_problems, write_out
    from upskill.load.courses.fields import check_columns
    from upskill.load.courses.importer import CourseSettings, import_courses
    from upskill.load.text import check_encoding

    started = time.perf_counter()
    check_columns(columns)
    encoding = check_encoding(encoding)
    _refuse_overwrite(output, files, catalogs)
    base = options.load_catalogs(catalogs)
    imported = import_courses(files, base, CourseSettings(preset, columns, encoding, sheet))
    try:
        report_problems(imported.problems.items, strict)
        write_out(imported.chunks(files), output)
    finally:
        imported.close()
    tally = imported.tally
    for shown in tally.shown:
        click.echo(f"upskill: not matched to a skill: {shown}", err=True)
    if tally.unmatched > len(tally.shown):
        click.echo(
            f"upskill: ... and {tally.unmatched - len(tally.shown)} more, listed at the end of the output", err=True
        )
    click.echo(
        f"upskill: {tally.courses:,} course(s) read: {tally.resources:,} resource(s) for {tally.matched:,} "
        f"course(s), {tally.unmatched:,} not matched to a skill, {tally.inactive:,} inactive skipped "
        f"({time.perf_counter() - started:.1f} s)",
        err=True,
    )


def _refuse_overwrite(output: str | None, files: tuple[str, ...], catalogs: tuple[str, ...]) -> None:
    """-o onto an export file or onto a catalog it is matched against: exit 2."""
    from upskill.cli.inputs import catalog_inputs, settings_inputs
    from upskill.write.clash import refuse_overwrite

    if output is not None:
        refuse_overwrite(
            output,
            [
                *((path, "the course export") for path in files),
                *catalog_inputs(catalogs, "the catalog"),
                *settings_inputs(),
            ],
        )


@click.command(
    "coverage",
    cls=SectionedCommand,
    short_help="List the level bands of each role that no resource (or one kind) covers.",
)
@options.catalog
@click.option(
    "--role",
    "roles",
    multiple=True,
    metavar="ROLE",
    shell_complete=complete_roles,
    help="Only this role (repeat for more). Default: all.",
)
@options.strict
@reports_errors
def coverage(catalogs: tuple[str, ...], roles: tuple[str, ...], strict: bool) -> None:
    """List, per role, each required skill's level bands that no resource covers, or only one kind does.

    With --strict any such band is an error (exit 1), for CI on a catalog repository.

    \b
    Examples:
      upskill catalog coverage --catalog default --catalog esco.yaml --catalog courses.yaml --role data-analyst
      upskill catalog coverage --catalog catalog/ --strict
    """
    from upskill.planning.coverage import coverage as find_coverage
    from upskill.planning.coverage import holes_in
    from upskill.render.coverage import coverage_text

    found = options.load_catalogs(catalogs)
    chosen = []
    for role in roles:
        role_id = found.find_role(role)
        if role_id is None:
            raise UsageError(
                Problem(
                    f"unknown role '{printable(role)}'{did_you_mean(role.lower(), found.roles)}; "
                    "see `upskill catalog roles`"
                )
            )
        chosen.append(role_id)
    result = find_coverage(found, chosen)
    echo_out(coverage_text(result, found), nl=False)
    empty, thin = holes_in(result)
    if strict and empty + thin:
        raise UpskillError(
            Problem(f"coverage: {empty} level band(s) without a resource and {thin} with one kind only (--strict)")
        )
