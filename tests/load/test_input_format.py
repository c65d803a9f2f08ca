"""TOML, YAML and JSON on standard input: recognised from the text (`sniff_format`), or named with --input-format."""

from __future__ import annotations

import pytest

from tests.helpers import START
from upskill.cli import cli
from upskill.load.document import sniff_format

TOML_PROFILE = """\
# Ana's profile
[employee]
id = "E7"
name = "Tom L"
target_role = "ai-content-strategist"

[skills]
prompt-engineering = 1
"""


@pytest.mark.parametrize(
    "text,expected",
    [
        (TOML_PROFILE, "toml"),
        ('employee.id = "E7"\n', "toml"),
        ("[[skills]]\nname = 'x'\n", "toml"),
        ("\n\n# comment\n[employee] # the person\nid = 1\n", "toml"),
        ('{"employee": {}}', "json"),
        ("employee:\n  id: E7\n", "yaml"),
        ("---\nemployee: {id: E7}\n", "yaml"),
        ("- [employee]\n", "yaml"),
        ("# only a comment\n", "yaml"),
    ],
)
def test_the_format_is_recognised_from_the_text(text, expected):
    assert sniff_format(text) == expected


def test_plan_reads_toml_on_standard_input(runner):
    result = runner.invoke(cli, ["plan", "-", "--start", START, "--format", "json"], input=TOML_PROFILE)
    assert result.exit_code == 0, result.stderr
    assert '"id": "E7"' in result.stdout


def test_validate_reads_toml_on_standard_input(runner):
    result = runner.invoke(cli, ["validate", "-"], input=TOML_PROFILE)
    assert result.exit_code == 0, result.stderr


def test_a_toml_mistake_on_standard_input_is_located_as_toml(runner):
    result = runner.invoke(cli, ["plan", "-", "--start", START], input=TOML_PROFILE.replace('"E7"', '"E7'))
    assert result.exit_code == 1
    assert "<stdin>:3" in result.stderr and "YAML" not in result.stderr


def test_input_format_overrides_the_guess(runner):
    result = runner.invoke(cli, ["plan", "-", "--start", START, "--input-format", "yaml"], input=TOML_PROFILE)
    assert result.exit_code == 1  # read as YAML on request: [employee] is a list there, not a profile
    result = runner.invoke(
        cli, ["plan", "-", "--start", START, "--input-format", "json"], input="employee:\n  id: E7\n"
    )
    assert result.exit_code == 1 and "<stdin>:1" in result.stderr


def test_validate_takes_input_format_too(runner):
    assert runner.invoke(cli, ["validate", "-", "--input-format", "toml"], input=TOML_PROFILE).exit_code == 0
    result = runner.invoke(cli, ["validate", "-", "--input-format", "yaml"], input=TOML_PROFILE)
    assert result.exit_code == 1 and "<stdin>" in result.stderr  # read as YAML on request, and reported
