"""`--no-sessions` (issue 26): the team report says plainly that the plans were not scheduled together and
shows no sessions, in every format; scheduled together, it never says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import START
from upskill.cli import cli

HEADER = "id,name,role,target_role,hours_per_week,deadline,Prompting,Communication,Content creation,Critical thinking\n"
PLAINLY = "The plans were not scheduled together"


def roster(tmp_path: Path) -> Path:
    rows = [f"E{n:03d},Quentin {n},analyst,ai-content-strategist,4,2027-12-31,1,2,1,2\n" for n in range(6)]
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def team(runner, tmp_path: Path, fmt: str, *args: str) -> str:
    base = ["--no-config", "team", str(roster(tmp_path)), "--start", START, "--jobs", "1", "--format", fmt]
    result = runner.invoke(cli, [*base, "--min-group", "1", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_no_sessions_says_so_and_lists_no_session(runner, tmp_path, fmt):
    text = team(runner, tmp_path, fmt, "--no-sessions")
    assert PLAINLY in text
    assert "S1" not in text
    assert PLAINLY not in team(runner, tmp_path, fmt)


def test_no_sessions_in_json_is_empty_and_in_batch_team_md_says_so(runner, tmp_path):
    found = json.loads(team(runner, tmp_path, "json", "--no-sessions"))
    assert (found["sessions"], found["mentoring"], found["savings"]) == ([], [], None)
    out = tmp_path / "out"
    args = ["--no-config", "batch", str(roster(tmp_path)), "--out", str(out), "--start", START, "--jobs", "1"]
    result = runner.invoke(cli, [*args, "--no-sessions", "--min-group", "1"])
    assert result.exit_code == 0, result.stderr
    assert PLAINLY in (out / "team.md").read_text(encoding="utf-8")
