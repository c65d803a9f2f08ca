"""The command line: a thin layer of click commands over the library.

`cli` is the click group and `main` the console script (setup.cfg: `upskill = upskill.cli:main`).
Each command lives in a module of its own (`plan`, `validate`, `catalog`, `batch`, `team`, `fit`) and is
added to the group below; the options they share are in `options`, and `edge` is the one place
that prints problems and picks the exit status. A command's module is imported only when that command is asked for
(`LazyCommands`), and it imports the library modules it needs when it runs, so `upskill --help`
costs little more than importing click (README, "Speed").
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import click

from upskill.cli.edge import color_option, discard_stdout, print_problem
from upskill.cli.types import PathType
from upskill.errors import UpskillError
from upskill.version import __version__

__all__ = ["cli", "main"]

# name -> (module, attribute, the command's `short_help`). `upskill --help` lists these lines without
# importing a command's module (about a quarter of its start-up); tests/cli/test_lazy_commands.py
# checks each line against the command's own and that the help reads the same either way.
COMMANDS = {
    "batch": ("upskill.cli.batch", "batch", "Plan a whole workforce: a plan each, index.md and team.md."),
    "catalog": ("upskill.cli.catalog", "catalog", "Browse a catalog's skills and roles, or import O*NET or ESCO."),
    "diff": ("upskill.cli.diff", "diff", "Progress between two profiles, two JSON plans or two rosters."),
    "fit": ("upskill.cli.fit", "fit", "Rank every role by how ready a person (or a roster) is for it."),
    "init": ("upskill.cli.init", "init", "Write a starter profile, upskill.toml or roster template."),
    "plan": ("upskill.cli.plan", "plan", "Plan one employee: the gaps to a target role, week by week."),
    "schema": ("upskill.cli.schema", "schema", "Print the JSON Schema of a file upskill reads or writes."),
    "team": ("upskill.cli.team", "team", "Team picture: heatmap, cohorts, key-person risks, build or buy."),
    "validate": ("upskill.cli.validate", "validate", "Check profiles, catalogs and rosters; report every problem."),
}


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands, each imported the first time it is looked up (click reads `Group.commands`
    as a mapping: `get`, `sorted(...)`, assignment), so listing names imports nothing."""

    def __init__(self) -> None:
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            module, attribute, _ = COMMANDS[name]
            self.loaded[name] = getattr(importlib.import_module(module), attribute)
        return self.loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self.loaded

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(COMMANDS) | set(self.loaded)))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self.loaded))


class OneLineErrors(click.Group):
    """Click's usage errors as one line, like every other problem: `upskill: error: ...; see --help`.

    Click prints a usage block, a blank line and `Error: ...` (four lines on stderr); a script
    or a person scanning a log expects the one `upskill: error:` line the rest of upskill gives.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "upskill"
            click.echo(f"upskill: error: {exc.format_message().rstrip('.')}; see '{where} --help'", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"upskill: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:  # Ctrl-C while click itself was running (commands handle their own)
            click.echo("upskill: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `upskill --help | head -1`
            discard_stdout()
            sys.exit(0)
        # Without standalone mode click returns the code of `ctx.exit(code)` (--help, --version)
        # instead of exiting; commands themselves return None or exit.
        sys.exit(code if isinstance(code, int) else 0)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands' one-line help as click writes it, from `COMMANDS` for those not yet imported."""
        commands = self.commands
        loaded = commands.loaded if isinstance(commands, LazyCommands) else commands
        rows = []
        for name in self.list_commands(ctx):
            if name in loaded:
                command = loaded[name]
                if not command.hidden:
                    rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
            else:
                rows.append((name, COMMANDS[name][2]))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"upskill {__version__}")
        ctx.exit()


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
@color_option
@click.option("--debug/--no-debug", default=False, help="Show a traceback for errors (for bug reports).")
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    type=PathType(exists=True, dir_okay=False),
    help="Read option defaults from FILE. Default: ./upskill.toml, else [tool.upskill] in ./pyproject.toml.",
)
@click.option("--no-config", is_flag=True, help="Read no settings file.")
@click.pass_context
def cli(ctx: click.Context, color: bool | None, debug: bool, config_file: str | None, no_config: bool) -> None:
    """Plan how employees close the gap to in-demand AI roles.

    \b
    Examples:
      upskill plan examples/ana-ruiz.yaml
      upskill plan examples/ana-ruiz.yaml -o plan.md --start 2027-01-04
      upskill batch examples/roster.csv --out plans
      upskill team examples/roster.csv
      upskill catalog roles
      upskill fit examples/ana-ruiz.yaml --top 5
    """
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    ctx.obj = {"color": color, "debug": debug}  # read back by `edge.run_state`
    if config_file is not None and no_config:
        raise click.UsageError("--config and --no-config contradict each other; give one")
    if not ctx.resilient_parsing:
        _use_settings(ctx, config_file, no_config)


def _use_settings(ctx: click.Context, config_file: str | None, no_config: bool) -> None:
    """Make the settings file's values the commands' defaults (click's `default_map`); exit 1 when it is wrong."""
    from upskill.cli.config import find_config, load_config

    found = find_config(config_file, no_config)
    if found is None:
        return

    try:
        config = load_config(cli, *found)
    except UpskillError as exc:
        for problem in exc.problems:
            print_problem(problem)
        sys.exit(exc.exit_code)
    if config is not None:
        click.echo(f"upskill: using settings from {config.path}", err=True)
        ctx.default_map = config.default_map
        ctx.obj["settings"] = config  # read by `config.said_from_settings`, and an input `-o` must not replace


cli.commands = LazyCommands()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="upskill")
