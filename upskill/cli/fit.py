"""`upskill fit`: rank the catalog's roles by how ready one person is for each, or list each person's top roles."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.edge import reports_errors, to_stdout, write_out
from upskill.cli.options import Weights

if TYPE_CHECKING:
    from upskill.model import Catalog, Profile
    from upskill.planning.fit import Fit
    from upskill.planning.plan import Options

FORMATS = ("table", "markdown", "json", "csv")
FIT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv", ".txt": "table"}
ROSTER_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
ROSTER_TOP = 3


@click.command(short_help="Rank every role by how ready a person (or a roster) is for it.")
@click.argument("source", metavar="PROFILE|ROSTER", type=options.PathType(exists=True, allow_dash=True))
@options.catalog
@click.option(
    "--top",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"Show the N closest roles. Default: every role for a profile, {ROSTER_TOP} per person for a roster.",
)
@click.option("--explain", is_flag=True, help="Show how each role's readiness adds up, requirement by requirement.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format. Default: a table in a terminal, Markdown when piped, or from -o's extension.",
)
@click.option(
    "-o",
    "--output",
    type=options.PathType(dir_okay=False, writable=True),
    help="Write to this file (.md, .json, .csv or .txt picks the format). Default: stdout.",
)
@options.start
@options.deadline
@options.hours_per_week
@options.weight
@options.strict
@options.encoding
@reports_errors
def fit(
    source: str,
    catalogs: tuple[str, ...],
    top: int | None,
    explain: bool,
    fmt: str | None,
    output: str | None,
    start: date | None,
    deadline: date | None,
    hours_per_week: float | None,
    weights: Weights,
    strict: bool,
    encoding: str,
) -> None:
    """Rank every role in the catalog by how ready the person in PROFILE is for it.

    Readiness is the weighted share of a role's required levels already held (a skill the
    profile does not list counts as 0); ties go to the role with fewer hours to close. The
    hours, gaps and late steps are those of the plan for that role, at the profile's pace.
    Given a ROSTER (CSV, JSON Lines or a folder of profiles), it lists each person's top roles.

    \b
    Examples:
      upskill fit examples/ana-ruiz.yaml --top 5
      upskill fit ana.yaml --catalog default --catalog onet.yaml --explain --format markdown
      upskill fit examples/roster.csv --format csv -o closest-roles.csv
    """
    from upskill.cli.inputs import catalog_inputs, employee_inputs, settings_inputs
    from upskill.errors import Problem, UpskillError
    from upskill.write.clash import refuse_overwrite

    refuse_overwrite(output, [*employee_inputs((source,)), *catalog_inputs(catalogs), *settings_inputs()])
    fmt = options.format_from(output, fmt, FIT_SUFFIXES)
    catalog = options.load_catalogs(catalogs)
    if not catalog.roles:
        raise UpskillError(Problem("the catalog has no roles to rank; add --catalog default or a catalog with roles"))
    plan_options = options.plan_options(
        catalog, options.first_day(start, deadline), deadline, hours_per_week, None, weights
    )
    if fmt is None:
        with to_stdout() as out:
            fmt = "table" if out.isatty() else "markdown"
    roster = source != "-" and (os.path.isdir(source) or os.path.splitext(source)[1].lower() in ROSTER_SUFFIXES)
    if roster:
        _fit_roster(source, catalog, plan_options, top or ROSTER_TOP, fmt, output, strict, encoding)
        return
    from upskill.planning.fit import rank_roles
    from upskill.render.fit import render_fit

    profile = _read(source, catalog, strict)
    write_out(
        render_fit(rank_roles(profile, catalog, plan_options, top=top), catalog.scale, fmt, explain=explain), output
    )


def _read(path: str, catalog: Catalog, strict: bool) -> Profile:
    """The profile, its target role ignored (fit ranks every role): a missing or unknown one is no error here."""
    from upskill.cli.edge import report_problems
    from upskill.errors import Problems
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile

    problems = Problems()
    profile = read_profile(read_document(path), catalog, problems, role=next(iter(catalog.roles)))
    report_problems(problems.items, strict)
    return profile


def _fit_roster(
    source: str,
    catalog: Catalog,
    plan_options: Options,
    top: int,
    fmt: str,
    output: str | None,
    strict: bool,
    encoding: str,
) -> None:
    """Each person's top roles; a bad row is reported and skipped, and the exit status is 1 if any was."""
    from upskill.batch.inputs import check_inputs, expand_inputs
    from upskill.batch.roster import check_encoding
    from upskill.batch.sources import Broken, Notice, column_names
    from upskill.cli.edge import print_problem
    from upskill.errors import Problems, UpskillError, apply_strict
    from upskill.load.profile import read_profile
    from upskill.planning.fit import rank_roles
    from upskill.render.fit import render_roster

    check_inputs([source])
    fits: list[Fit] = []
    failed = 0
    any_role = next(iter(catalog.roles))
    for item in expand_inputs([source], catalog, encoding=check_encoding(encoding), strict=strict):
        if isinstance(item, (Broken, Notice)):
            found = apply_strict(list(item.problems), strict)
            failed += isinstance(item, Broken) or any(not p.warning for p in found)
            for problem in found:
                print_problem(problem)
            continue
        problems = Problems()
        try:
            profile = read_profile(item.document(), catalog, problems, role=any_role)
        except UpskillError as exc:
            problems.extend(exc.problems)
        found = apply_strict(list(column_names(item, problems.items)), strict)
        for problem in found:
            print_problem(problem)
        if any(not p.warning for p in found):
            failed += 1
            continue
        fits.append(rank_roles(profile, catalog, plan_options, top=top))
    write_out(render_roster(fits, fmt), output)
    click.echo(
        f"upskill: closest roles of {len(fits)} {'person' if len(fits) == 1 else 'people'}"
        + (f"; {failed} input(s) failed (see above)" if failed else ""),
        err=True,
    )
    if failed:
        sys.exit(1)
