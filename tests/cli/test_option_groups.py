"""Options declared once, in groups (cli/options.py): each group reaches its command as
one settings object, so no command function grows past 12 parameters; long commands' --help is in
sections; and every on/off option has both forms, so the settings file's `true` can be turned off."""

from __future__ import annotations

import ast
import inspect
from collections import Counter
from pathlib import Path

import click
import pytest

import upskill.cli
from tests.helpers import EXAMPLES
from upskill.cli import cli

CLI = Path(upskill.cli.__file__).parent
MAX_PARAMETERS = 12
# Flags declared twice on purpose, because they mean something else: batch's --format is repeatable and
# names the plan files' formats (with jsonl); fit's --top counts roles, not a plan's gaps.
# course fields; coverage's role filter; init's role for a starter file, its --config (write a starter
# upskill.toml, not read one) and its --force (replace a file that exists, not batch's files upskill did not write)
DIFFERENT = {"--format": 2, "--top": 2, "--column": 2, "--role": 3, "--config": 2, "--force": 2, "--no-force": 2}
# Not on/off switches of a command's behaviour: the help, the version, --no-config (whose "on"
# form is reading the settings file, the default, or --config FILE), and init's --config, which
# picks the file init writes
NOT_SWITCHES = {"help", "version", "no_config", "starter_config"}


def leaves(command: click.Command, path: str = "upskill"):
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from leaves(sub, f"{path} {name}")
    else:
        yield path, command


COMMANDS = dict(leaves(cli))


def test_the_commands_are_all_found():
    assert {"upskill plan", "upskill batch", "upskill team", "upskill fit", "upskill catalog import"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_command_function_takes_more_than_12_parameters(name):
    callback = COMMANDS[name].callback
    assert callback is not None
    count = len(inspect.signature(callback).parameters)  # the function as written (functools.wraps' __wrapped__)
    assert count <= MAX_PARAMETERS, f"{name} takes {count} parameters: give a group of options one settings object"


def declared_flags() -> Counter[str]:
    """Each flag as declared in cli/ (`click.option("--start", ...)`), counted."""
    found: Counter[str] = Counter()
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "option":
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and str(arg.value).startswith("-"):
                        found.update(str(arg.value).split("/"))  # `--color/--no-color`: both
    return found


def test_no_option_is_declared_twice():
    counts = declared_flags()
    assert {"--start", "--deadline", "--hours-per-week", "--weight", "--anonymize"} <= set(counts)
    twice = {flag: n for flag, n in counts.items() if n > 1 and DIFFERENT.get(flag) != n}
    assert not twice, f"declared more than once (declare it once in cli/options.py and apply it by name): {twice}"


def test_the_commands_that_plan_share_the_planning_options():
    def flags(name: str) -> set[str]:
        return {opt for p in COMMANDS[name].params for opt in p.opts}

    planning = {"--as-of", "--start", "--deadline", "--hours-per-week", "--top", "--parallel", "--weight"}
    roster = {"--encoding", "--column", "--ignore-unknown-columns", "--sheet", "--date-format"}
    for name in ("upskill plan", "upskill batch", "upskill team"):
        assert planning <= flags(name), name
    for name in ("upskill batch", "upskill team", "upskill fit", "upskill validate"):
        assert roster <= flags(name), name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_on_off_option_has_both_forms(name):
    single = [
        p.opts[0]
        for p in [*COMMANDS[name].params, *cli.params]
        if isinstance(p, click.Option) and p.is_bool_flag and p.name not in NOT_SWITCHES and not p.secondary_opts
    ]
    assert not single, f"{name}: give {single} a --no- form (`--strict/--no-strict`)"


def test_long_commands_show_their_options_in_sections(runner):
    result = runner.invoke(cli, ["team", "--help"])
    assert result.exit_code == 0
    headings = [line for line in result.stdout.splitlines() if line.endswith(" options:") or line == "Options:"]
    assert headings == ["Options:", "Planning options:", "Roster options:", "Team options:", "Output options:"]
    sections = result.stdout.split("\nPlanning options:")[1]
    assert sections.index("--hours-per-week") < sections.index("Roster options:") < sections.index("--sheet")
    assert sections.index("Team options:") < sections.index("--min-group") < sections.index("Output options:")
    assert "INPUT..." not in result.stdout.split("Options:")[1]  # the argument is in the usage line only


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_true_in_the_settings_file_is_turned_off_on_the_command_line(runner, here, make_profile):
    """strict, explain (plan) and anonymize (team) set in upskill.toml, each turned off by its --no- form."""
    (here / "p.yaml").write_text(make_profile({"Prompting": 1, "promt engineering": 2}), encoding="utf-8")
    (here / "upskill.toml").write_text("strict = true\n[plan]\nexplain = true\n", encoding="utf-8")
    assert runner.invoke(cli, ["plan", "p.yaml", "--format", "markdown"]).exit_code == 1  # the warning, strict
    result = runner.invoke(cli, ["plan", "p.yaml", "--format", "markdown", "--no-strict"])
    assert result.exit_code == 0, result.stderr
    assert "How the priorities were computed" in result.stdout  # explain = true
    plain = runner.invoke(cli, ["plan", "p.yaml", "--format", "markdown", "--no-strict", "--no-explain"])
    assert plain.exit_code == 0 and "How the priorities were computed" not in plain.stdout

    (here / "upskill.toml").write_text("[team]\nanonymize = true\n", encoding="utf-8")
    roster = str(EXAMPLES / "roster.csv")
    hidden = runner.invoke(
        cli, ["team", roster, "--format", "markdown", "--jobs", "1"], env={"UPSKILL_ANONYMIZE_KEY": "k"}
    )
    shown = runner.invoke(cli, ["team", roster, "--format", "markdown", "--jobs", "1", "--no-anonymize"])
    assert hidden.exit_code == 0 and shown.exit_code == 0, hidden.stderr + shown.stderr
    assert "Ana Ruiz" not in hidden.stdout and "Ana Ruiz" in shown.stdout


def test_the_pager_can_be_turned_off_in_the_settings_file(runner, here):
    (here / "upskill.toml").write_text("[team]\npager = false\n", encoding="utf-8")
    result = runner.invoke(cli, ["team", str(EXAMPLES / "roster.csv"), "--format", "csv", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
