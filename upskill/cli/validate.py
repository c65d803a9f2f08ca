"""`upskill validate`: check profiles and catalogs and report every problem."""

from __future__ import annotations

import click

from upskill.cli import options
from upskill.cli.edge import echo_out, finish, print_problem, reports_errors


@click.command(short_help="Check profiles and catalogs; report every problem.")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))  # a missing one is reported
@options.catalog
@options.input_format
@options.strict
@reports_errors
def validate(files: tuple[str, ...], catalogs: tuple[str, ...], input_format: str | None, strict: bool) -> None:
    """Check profiles and catalogs and report every problem found.

    Catalog files among FILES are checked together as one catalog, in the order given
    (on top of --catalog when it is given); profiles are checked against that catalog,
    or against --catalog / the bundled one when no catalog file is given.

    \b
    Examples:
      upskill validate examples/*.yaml
      upskill validate --catalog default ours.yaml examples/ana-ruiz.yaml
      cat profile.toml | upskill validate - --input-format toml
    """
    from upskill.load.validate import validate_files

    report = validate_files(list(files), list(catalogs), strict=strict, input_format=input_format)
    if report.ok:
        echo_out("".join(f"{name}: ok\n" for name in report.ok), nl=False)
    for problem in report.problems:
        print_problem(problem)
    finish(report, report.summary())
