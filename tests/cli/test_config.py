"""The settings file (cli/config.py): upskill.toml or [tool.upskill] in pyproject.toml, --config, --no-config;
every key checked against the commands' options (located, with did-you-mean); precedence flag > file > catalog
> built-in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from upskill.cli import cli

CATALOG = """\
defaults:
  hours_per_week: 6
"""


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A working folder with a profile (no hours of its own) and a catalog overlay that sets 6 hours a week."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.yaml").write_text(
        "employee: {id: E1, name: Ana, target_role: ai-content-strategist}\nskills: {Prompting: 1}\n", encoding="utf-8"
    )
    (tmp_path / "six.yaml").write_text(CATALOG, encoding="utf-8")
    return tmp_path


def hours(runner, *args: str) -> tuple[float, str]:
    """(the plan's hours per week, stderr) of `upskill [args before plan] plan p.yaml [args after]`."""
    split = args.index("plan")
    result = runner.invoke(cli, [*args[:split], "plan", "p.yaml", "--format", "json", *args[split + 1 :]])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["summary"]["hours_per_week"], result.stderr


def test_precedence_flag_then_file_then_catalog_then_built_in(runner, here):
    assert hours(runner, "plan")[0] == 4  # built in
    assert hours(runner, "plan", "--catalog", "default", "--catalog", "six.yaml")[0] == 6  # the catalog
    (here / "upskill.toml").write_text('catalogs = ["default", "six.yaml"]\n', encoding="utf-8")
    assert hours(runner, "plan")[0] == 6  # the catalogs from the file
    (here / "upskill.toml").write_text('catalogs = ["default", "six.yaml"]\n[plan]\nhours_per_week = 3\n')
    found, stderr = hours(runner, "plan")
    assert found == 3 and stderr.splitlines()[0] == "upskill: using settings from upskill.toml"
    assert hours(runner, "plan", "--hours-per-week", "5")[0] == 5  # the flag
    assert hours(runner, "--no-config", "plan")[0] == 4


def test_a_command_table_wins_over_a_top_level_key_whatever_their_order(runner, here):
    (here / "upskill.toml").write_text("hours-per-week = 2\n[plan]\nhours_per_week = 3\n", encoding="utf-8")
    assert hours(runner, "plan")[0] == 3
    (here / "upskill.toml").write_text("hours-per-week = 2\n", encoding="utf-8")
    assert hours(runner, "plan")[0] == 2


def test_pyproject_tool_upskill_and_config_file(runner, here):
    (here / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    found, stderr = hours(runner, "plan")
    assert found == 4 and "using settings" not in stderr  # a pyproject.toml without [tool.upskill]
    (here / "pyproject.toml").write_text("[tool.upskill.plan]\nhours_per_week = 2\n", encoding="utf-8")
    found, stderr = hours(runner, "plan")
    assert found == 2 and "using settings from pyproject.toml" in stderr
    (here / "conf").mkdir()
    (here / "conf" / "team.toml").write_text('catalogs = ["default", "../six.yaml"]\n', encoding="utf-8")
    found, stderr = hours(runner, "--config", "conf/team.toml", "plan")  # paths are relative to the file
    assert found == 6 and "using settings from conf/team.toml" in stderr


@pytest.mark.parametrize(
    "text,where,words",
    [
        ("date_fromat = '%d/%m/%Y'\n", "upskill.toml:1:1:", "unknown setting 'date_fromat'"),
        ("[batch]\nhours_per_weak = 3\n", "upskill.toml:2:1:", "did you mean 'hours_per_week'?"),
        ("[plan]\nhours_per_week = 'three'\n", "upskill.toml:2:1:", "'plan.hours_per_week' must be a number"),
        ("[plan]\nhours_per_week = 300\n", "upskill.toml:2:1:", "'plan.hours_per_week'"),
        ("[team]\njobs = 2.5\n", "upskill.toml:2:1:", "must be a whole number"),
        ("strict = 'yes'\n", "upskill.toml:1:1:", "must be true or false"),
        ("[team]\nformat = 'pdf'\n", "upskill.toml:2:1:", "'team.format'"),
        ("[plan]\nforce = true\n", "upskill.toml:2:1:", "'plan.force' cannot be set in a settings file"),
        ("[plan\n", "upskill.toml:1:", "TOML syntax error"),
    ],
)
def test_a_bad_settings_file_is_located_errors_and_exit_1(runner, here, text, where, words):
    (here / "upskill.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["plan", "p.yaml"])
    assert result.exit_code == 1 and result.stdout == ""
    line = result.stderr.splitlines()[0]
    assert line.startswith(f"upskill: error: {where}") and words in line


def test_roster_settings_in_the_file(runner, here):
    (here / "r.csv").write_text(
        "Personnel no.,Target role,Comunication,Due\nP1,ld-coach,3,30/06/2027\n", encoding="utf-8"
    )
    (here / "upskill.toml").write_text(
        'date_format = "%d/%m/%Y"\n[columns]\n"Personnel no." = "id"\nComunication = "communication"\n'
        'Due = "deadline"\n[batch]\nformats = ["markdown", "json"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["batch", "r.csv", "--out", "out", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    plan = json.loads((here / "out" / "P1.json").read_text(encoding="utf-8"))
    assert plan["employee"]["deadline"] == "2027-06-30" and Path("out/P1.md").exists()


def test_config_and_no_config_together_are_a_usage_error(runner, here):
    (here / "upskill.toml").write_text("", encoding="utf-8")
    assert runner.invoke(cli, ["--config", "upskill.toml", "--no-config", "plan", "p.yaml"]).exit_code == 2
