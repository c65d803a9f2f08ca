"""`upskill init`: a starter profile for a role, a starter settings file, or a roster template.

A new user's first file is the hardest: these are written from the catalog and the commands' own
options, so each reads back as written (`upskill validate` passes on it). `init` never writes over
a file that exists unless --force says so, and never over one of its inputs even then.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.completion import complete_roles
from upskill.cli.edge import reports_errors, write_out
from upskill.cli.types import PathType
from upskill.errors import Problem, UsageError

if TYPE_CHECKING:
    from upskill.model import Catalog

ROSTER_SUFFIXES = (".csv", ".xlsx")


@click.command(short_help="Write a starter profile, upskill.toml or roster template.")
@click.option(
    "--role",
    metavar="ROLE_ID",
    shell_complete=complete_roles,
    help="The catalog role the profile (or the roster's example row) aims for; see `upskill catalog roles`.",
)
@click.option(
    "--config",
    "starter_config",
    is_flag=True,
    help="Write a starter upskill.toml instead: every setting, commented out, with its default.",
)
@click.option(
    "--roster",
    metavar="FILE.xlsx|FILE.csv",
    type=PathType(dir_okay=False),
    help="Write a roster template to FILE instead: HR headers, the catalog's skill columns, one example row.",
)
@options.catalog
@options.output_option(help="Write to this file. Default: stdout.")
@click.option("--force/--no-force", default=False, help="Replace the file if it exists.")
@reports_errors
def init(
    role: str | None,
    starter_config: bool,
    roster: str | None,
    catalogs: tuple[str, ...],
    output: str | None,
    force: bool,
) -> None:
    """Write a starter file to standard output or to -o FILE.

    \b
    Examples:
      upskill init --role ai-content-strategist -o ana.yaml
      upskill init --config -o upskill.toml
      upskill init --roster roster.xlsx --role ml-engineer
    """
    if starter_config and roster is not None:
        raise UsageError(Problem("--config and --roster write different files; give one"))
    if roster is not None and output is not None:
        raise UsageError(Problem("--roster names the file to write; drop -o"))
    if roster is not None and roster != "-" and not roster.lower().endswith(ROSTER_SUFFIXES):
        raise UsageError(Problem(f"--roster {roster}: name a .csv or .xlsx file (the extension picks the format)"))
    target = roster if roster is not None else output
    if target == "-" and roster is None:
        target = None  # `-o -`: standard output, as `--roster -` is
    _check_target(target, catalogs, force, "--roster" if roster is not None else "-o")
    if starter_config:
        from upskill.cli.starters import config_text

        root = click.get_current_context().find_root().command
        assert isinstance(root, click.Group)
        write_out(config_text(root), target)
        return
    from upskill.planning.request import find_role, flag

    catalog = options.load_catalogs(catalogs)
    if roster is not None:
        role_id = find_role(catalog, role, flag) if role is not None else next(iter(catalog.roles), "")
        _write_roster(catalog, role_id, roster)
        return
    if role is None:
        raise UsageError(
            Problem("give --role ROLE_ID: the role the profile aims for (`upskill catalog roles` lists them)")
        )
    from upskill.cli.starters import profile_text

    write_out(profile_text(catalog, find_role(catalog, role, flag)), target)


def _check_target(target: str | None, catalogs: tuple[str, ...], force: bool, option: str) -> None:
    """A usage error (exit 2) before anything is written: an existing file without --force, or an input."""
    if target is None or target == "-":
        return
    from upskill.cli.inputs import catalog_inputs, settings_inputs
    from upskill.write.clash import refuse_overwrite

    refuse_overwrite(target, [*catalog_inputs(catalogs), *settings_inputs()], option=option)
    if os.path.lexists(target) and not force and os.path.isfile(target):
        raise UsageError(Problem(f"{target} exists; give --force to replace it, or choose another file"))


def _write_roster(catalog: Catalog, role_id: str, path: str) -> None:
    from upskill.cli.starters import roster_rows

    rows = roster_rows(catalog, role_id)
    suffix = os.path.splitext(path)[1].lower()
    if path == "-" or suffix == ".csv":
        import csv
        import io

        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        write_out(buffer.getvalue(), None if path == "-" else path)
        return
    from upskill.write.xlsx import workbook_bytes, write_workbook

    write_workbook(path, workbook_bytes(rows))
    click.echo(f"upskill: wrote {path}", err=True)
