"""`upskill validate`: check profiles, catalogs and rosters and report every problem."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.edge import echo_out, finish, print_problem, reports_errors
from upskill.cli.options import SectionedCommand
from upskill.errors import Problem

if TYPE_CHECKING:
    from upskill.load.rosters.columns import RosterSettings
    from upskill.model import Catalog


@click.command(cls=SectionedCommand, short_help="Check profiles, catalogs and rosters; report every problem.")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))  # a missing one is reported
@options.catalog
@options.input_format
@options.strict
@options.roster_options
@reports_errors
def validate(
    files: tuple[str, ...], catalogs: tuple[str, ...], input_format: str | None, strict: bool, roster: RosterSettings
) -> None:
    """Check profiles, catalogs and rosters and report every problem found.

    Catalog files among FILES are checked together as one catalog, in the order given
    (on top of --catalog when it is given); profiles are checked against that catalog,
    or against --catalog / the bundled one when no catalog file is given. Rosters (.csv,
    .tsv, .xlsx, .xlsm, .jsonl, .ndjson) are checked as `upskill batch` reads them, row by row.

    \b
    Examples:
      upskill validate examples/*.yaml
      upskill validate --catalog default ours.yaml examples/ana-ruiz.yaml
      upskill validate hr-export.xlsx --column "Personnel no.=id"
      cat profile.toml | upskill validate - --input-format toml
    """
    from upskill.load.rosters.profiles import ROSTER_LIKE, roster_hint, roster_problems
    from upskill.load.validate import RosterCheck, validate_files

    def is_roster(path: str) -> bool:
        return os.path.splitext(path)[1].lower() in ROSTER_LIKE and not os.path.isdir(path)

    def check(path: str, catalog: Catalog) -> list[Problem]:
        return roster_problems(path, catalog, roster, strict=strict)

    report = validate_files(
        list(files),
        list(catalogs),
        strict=strict,
        input_format=input_format,
        rosters=RosterCheck(is_roster, check, roster_hint),
    )
    if report.ok:
        echo_out("".join(f"{name}: ok\n" for name in report.ok), nl=False)
    for problem in report.problems:
        print_problem(problem)
    finish(report, report.summary())
