"""`upskill --help` lists the commands without importing their modules (issue 29: start-up within 1.2x
of `import click`); the lines it shows are each command's own, and help reads the same either way."""

from __future__ import annotations

import ast
import subprocess
import sys

import click
import pytest

from upskill.cli import COMMANDS, cli


def test_each_listed_line_is_the_commands_own_short_help():
    assert sorted(COMMANDS) == list(cli.list_commands(click.Context(cli)))
    for name, (_, _, line) in COMMANDS.items():
        command = cli.commands[name]
        assert command.name == name and not command.hidden
        assert line == command.get_short_help_str(100), name


def test_help_reads_the_same_with_every_command_imported():
    lazy = cli.get_help(cli.make_context("upskill", [], resilient_parsing=True))
    eager = click.Group(
        name="upskill",
        commands=[cli.commands[n] for n in COMMANDS],
        params=cli.params,
        help=cli.help,
        context_settings=cli.context_settings,
    )
    assert lazy == eager.get_help(eager.make_context("upskill", [], resilient_parsing=True))


@pytest.mark.slow
def test_upskill_help_imports_no_command_module():
    code = (
        "import sys; from upskill.cli import main; sys.argv = ['upskill', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('upskill.cli.')), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Commands:" in result.stdout and "validate" in result.stdout
    loaded = ast.literal_eval(result.stderr.strip().splitlines()[-1])
    assert not set(loaded) & {f"upskill.cli.{name}" for name in COMMANDS} and "upskill.cli.options" not in loaded


def test_an_unknown_command_still_says_so(runner):
    result = runner.invoke(cli, ["plann"])
    assert result.exit_code == 2 and "plann" in result.output
