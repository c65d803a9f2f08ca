"""`--cohort-min` with the roster scheduled together (issue 26): a group session runs with at least that many
people; fewer taking an activity in the same weeks learn it alone, and their plans say why."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import START
from upskill.cli import cli

HEADER = "id,name,role,target_role,hours_per_week,deadline,Prompting,Communication,Content creation,Critical thinking\n"


def roster(tmp_path: Path) -> Path:
    """Two people with the same plan (the same weeks for every activity), and one with weeks of their own."""
    rows = [f"E{n:03d},Quentin {n},analyst,ai-content-strategist,4,2027-12-31,1,2,1,2\n" for n in range(2)]
    rows += ["E100,Solo,analyst,ai-content-strategist,3,2027-06-30,0,1,0,1\n"]
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def batch(runner, tmp_path: Path, *args: str):
    out = tmp_path / "out"
    base = ["--no-config", "batch", str(roster(tmp_path)), "--out", str(out), "--start", START, "--jobs", "1"]
    return runner.invoke(cli, [*base, "--format", "markdown", "--format", "json", *args]), out


def test_two_people_in_the_same_weeks_learn_alone_under_a_minimum_of_three_and_the_plan_says_why(runner, tmp_path):
    result, out = batch(runner, tmp_path, "--cohort-min", "3", "--explain")
    assert result.exit_code == 0, result.stderr
    team = json.loads((out / "team.json").read_text(encoding="utf-8"))
    assert all(s["size"] >= 3 for s in team["sessions"])  # all three start with the same book in week 1
    text = (out / "E000.md").read_text(encoding="utf-8")
    # the third takes the same activities in weeks of their own: said, since nobody is moved to meet
    why = (
        "too few people take it in these weeks: only you and 1 other person in the team, "
        "and a group session needs at least 3, though 1 other person does in other weeks"
    )
    assert f"; on your own: {why}" in text  # the activity's line
    assert f": {why}" in text.split("### In a group or on your own", 1)[1]  # --explain
    assert "--" not in why  # plan text: no command-line flag
    plan = json.loads((out / "E000.json").read_text(encoding="utf-8"))
    alone = [a for s in plan["steps"] for a in s["activities"] if a["alone"]]
    assert alone and all(a["alone_reason"] == why and a["session"] is None for a in alone)
    savings = team["savings"]
    assert savings["lower_bound_hours"] <= savings["planned_hours"] < savings["alone_hours"]


def test_the_same_two_form_a_session_under_a_minimum_of_two(runner, tmp_path):
    result, out = batch(runner, tmp_path, "--cohort-min", "2")
    assert result.exit_code == 0, result.stderr
    team = json.loads((out / "team.json").read_text(encoding="utf-8"))
    assert sorted(s["size"] for s in team["sessions"]) == [2, 2, 2, 3]  # the pair's three activities, and the book
    assert "people from the team, these same weeks" in (out / "E000.md").read_text(encoding="utf-8")
    assert "on your own: no one else in the team takes it in these weeks" in (out / "E100.md").read_text(
        encoding="utf-8"
    )
    savings = team["savings"]
    assert savings["lower_bound_hours"] <= savings["planned_hours"] < savings["alone_hours"]


def test_a_minimum_above_the_maximum_is_refused_before_anything_is_written(runner, tmp_path):
    result, out = batch(runner, tmp_path, "--cohort-min", "6", "--cohort-max", "5")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "upskill: error: --cohort-min 6 is more than --cohort-max 5: no group session could run; "
        "lower --cohort-min or raise --cohort-max"
    ] or (len(lines) == 1 and "--cohort-min 6 is more than --cohort-max 5" in lines[0])
    assert "Traceback" not in result.stderr
    assert not out.exists()
    # with each plan made alone nothing is scheduled together: the proposal keeps its own meaning
    result, _ = batch(runner, tmp_path, "--cohort-min", "6", "--cohort-max", "5", "--no-sessions")
    assert result.exit_code == 0, result.stderr
