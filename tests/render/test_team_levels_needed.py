"""The team's Skills table shows the levels people need, not the highest as if everyone needed it.

In examples/roster.csv, 9 people need Content creation: some at 2 beginner, some at 4 advanced.
The table said "4 advanced"; it now says "2 beginner to 4 advanced". Under --min-group people,
which levels a few people need is hidden: "up to 4 advanced".
"""

from __future__ import annotations

import json

import pytest

from tests.golden_cases import ROSTER
from tests.helpers import START
from upskill.cli import cli


def _team(runner, fmt: str, *more: str) -> str:
    result = runner.invoke(cli, ["team", ROSTER, "--start", START, "--jobs", "1", "--format", fmt, *more])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_shows_the_range_of_targets(runner):
    text = _team(runner, "markdown")
    assert "| Content creation | 2 beginner to 4 advanced | 9 |" in text
    assert "| Prompt engineering | 3 intermediate | 9 |" in text  # everyone at the same level: that level
    assert "| Deep learning | up to 4 advanced | fewer than 5 |" in text  # the lowest of under 5 people: hidden


def test_json_and_csv_give_the_lowest_level_too(runner):
    skills = {s["skill"]: s for s in json.loads(_team(runner, "json"))["skills"]}
    assert (skills["content-creation"]["lowest_level"], skills["content-creation"]["level"]) == (2, 4)
    assert skills["deep-learning"]["lowest_level"] is None
    header, *rows = _team(runner, "csv").splitlines()
    assert header.startswith("skill,name,level_needed,lowest_level_needed,")
    assert any(r.startswith("content-creation,Content creation,4,2,9,") for r in rows)


def test_min_group_one_shows_every_range(runner):
    text = _team(runner, "markdown", "--min-group", "1")
    assert "up to" not in text.split("## Skills")[1].split("##")[0]


@pytest.mark.parametrize("width", [80, 100, 140])
def test_the_terminal_table_never_breaks_a_level_name(runner, width):
    result = runner.invoke(
        cli, ["team", ROSTER, "--start", START, "--format", "table", "--jobs", "1"], env={"COLUMNS": str(width)}
    )
    table = result.stdout.split("Skills: the team's gaps")[1].split("\n\n\n")[0]
    words = {w for line in table.splitlines() for w in line.split()}
    assert "intermediate" in words and "advanced" in words
    assert not [w for w in words if w in ("intermed", "iate", "advan", "ced")]
    assert "beginner to advanced" in table or width < 100
