"""`upskill fit`: rank the catalog's roles by how ready one person is for each, or list each person's top roles."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.edge import reports_errors, to_stdout, write_out
from upskill.cli.options import FIT_SUFFIXES, Output, SectionedCommand
from upskill.cli.types import PathType
from upskill.errors import Problem, Problems, UpskillError

if TYPE_CHECKING:
    from upskill.load.rosters.columns import RosterSettings
    from upskill.model import Catalog, Profile
    from upskill.planning.fit import Fit
    from upskill.planning.plan import Options
    from upskill.planning.request import PlanRequest

ROSTER_TOP = 3
MAX_LISTED = 20  # roles named in the warning about roles that require nothing


@click.command(cls=SectionedCommand, short_help="Rank every role by how ready a person (or a roster) is for it.")
@click.argument("source", metavar="PROFILE|ROSTER", type=PathType(exists=True, allow_dash=True))
@options.catalog
@click.option(
    "--top",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"Show the N closest roles. Default: every role for a profile, {ROSTER_TOP} per person for a roster.",
)
@options.strict
@options.planning("start", "deadline", "hours_per_week", "weights")
@options.roster_options
@options.output(
    options.fit_format,
    options.fit_output,
    options.explain("Show how each role's readiness adds up, requirement by requirement."),
)
@reports_errors
def fit(
    source: str,
    catalogs: tuple[str, ...],
    top: int | None,
    strict: bool,
    request: PlanRequest,
    roster: RosterSettings,
    output: Output,
) -> None:
    """Rank every role in the catalog by how ready the person in PROFILE is for it.

    Readiness is the weighted share of a role's required levels already held (a skill the
    profile does not list counts as 0); ties go to the role with fewer hours to close. The
    hours, gaps and late steps are those of the plan for that role, at the profile's pace.
    Roles that require nothing are left out, with a warning.
    Given a ROSTER (read as by `upskill batch`: .csv or .xlsx as HR systems export them, JSON Lines,
    or a folder of profiles), it lists each person's top roles.

    \b
    Examples:
      upskill fit examples/ana-ruiz.yaml --top 5
      upskill fit ana.yaml --catalog default --catalog onet.yaml --explain --format markdown
      upskill fit examples/roster.csv --format csv -o closest-roles.csv
      upskill fit hr-export.xlsx --column "Personnel no.=id" --date-format %d/%m/%Y -o closest.csv
    """
    from upskill.cli.batch import check_many
    from upskill.cli.inputs import catalog_inputs, employee_inputs, settings_inputs
    from upskill.load.rosters.profiles import is_roster
    from upskill.write.clash import refuse_overwrite

    path = output.path
    refuse_overwrite(path, [*employee_inputs((source,)), *catalog_inputs(catalogs), *settings_inputs()])
    fmt = options.format_from(path, output.fmt, FIT_SUFFIXES)
    catalog, plan_options = check_many((source,), catalogs, roster, request)  # read as batch reads them
    _rankable(catalog, strict)
    if fmt is None:
        with to_stdout() as out:
            fmt = "table" if out.isatty() else "markdown"
    if is_roster(source):
        _fit_roster(source, catalog, plan_options, top or ROSTER_TOP, fmt, path, strict, roster)
        return
    from upskill.planning.fit import rank_roles
    from upskill.render.fit import render_fit

    profile = _read(source, catalog, strict)
    ranked = rank_roles(profile, catalog, plan_options, top=top)
    write_out(render_fit(ranked, catalog.scale, fmt, explain=output.explain), path)


def _rankable(catalog: Catalog, strict: bool) -> None:
    """Refuse a catalog with no role to rank; warn once about the roles that require nothing (left out)."""
    from upskill.cli.edge import report_problems
    from upskill.planning.fit import unrankable

    empty = unrankable(catalog)
    if len(empty) == len(catalog.roles):
        what = "no roles" if not catalog.roles else "no role that requires any skill"
        raise UpskillError(Problem(f"the catalog has {what} to rank; add --catalog default or a catalog with roles"))
    if empty:
        shown = ", ".join(f"'{r.name}' ({r.id}{', ' + r.origin if r.origin else ''})" for r in empty[:MAX_LISTED])
        more = f" and {len(empty) - MAX_LISTED:,} more" if len(empty) > MAX_LISTED else ""
        many = len(empty) > 1
        message = (
            f"left out {len(empty):,} role{'s' if many else ''} that require{'' if many else 's'} no skill, "
            f"so nobody can be more or less ready for {'them' if many else 'it'}: {shown}{more}; "
            "give a role its requirements to rank it"
        )
        report_problems([Problem(message, warning=True)], strict)


def _read(path: str, catalog: Catalog, strict: bool) -> Profile:
    """The profile, its target role ignored (fit ranks every role): a missing or unknown one is no error here."""
    from upskill.cli.edge import report_problems
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile
    from upskill.load.rosters.profiles import roster_hint

    try:
        document = read_document(path)
    except UpskillError as exc:  # `people.txt`: say what a roster must end in, as fit reads rosters too
        hint = roster_hint(path)
        raise UpskillError([p._replace(message=p.message + hint) for p in exc.problems]) from None
    problems = Problems()
    profile = read_profile(document, catalog, problems, role=next(iter(catalog.roles)))
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
    roster: RosterSettings,
) -> None:
    """Each person's top roles; a bad row is reported and skipped, and the exit status is 1 if any was.

    Nothing is written when nobody could be ranked (or the roster as a whole cannot be read).
    """
    from upskill.cli.edge import print_problem
    from upskill.load.rosters.profiles import read_profiles, survey
    from upskill.planning.fit import rank_roles
    from upskill.render.fit import render_roster

    for problem in survey([source], catalog, roster, strict=strict):
        print_problem(problem)
    fits: list[Fit] = []
    failed = 0
    for read in read_profiles([source], catalog, roster, strict=strict, role=next(iter(catalog.roles))):
        for problem in read.problems:
            print_problem(problem)
        failed += read.failed
        if read.profile is not None:
            fits.append(rank_roles(read.profile, catalog, plan_options, top=top))
    if not fits:
        what = f"nobody could be read ({failed:,} failed)" if failed else f"{source} holds no employee"
        click.echo(f"upskill: {what}; nothing written", err=True)
        sys.exit(1)
    write_out(render_roster(fits, fmt), output)
    click.echo(
        f"upskill: closest roles of {len(fits):,} {'person' if len(fits) == 1 else 'people'}"
        + (f"; {failed:,} input(s) failed (see above)" if failed else ""),
        err=True,
    )
    if failed:
        sys.exit(1)
