"""The team report's group-training actions come from the sessions scheduled together (issue 26): each
figure re-derives from the team JSON's sessions, their sum from the savings, and under --no-sessions
the cohorts stay, worded as a proposal."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from tests.batch.test_roster_sessions import batch, roster
from tests.helpers import START
from upskill.cli import cli


def _team(runner, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / "out"
    result = batch(runner, roster(tmp_path), "--out", out, "--format", "json", "--min-group", "1", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads((out / "team.json").read_text(encoding="utf-8"))


def test_each_group_training_action_recomputes_from_the_sessions_and_savings(runner, tmp_path):
    team = _team(runner, tmp_path)
    assert team["sessions"], "eight people with the same plan share their courses"
    assert team["cohorts"] == [], "the proposal from gaps alone is not shown beside the scheduled sessions"
    by_activity: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for s in team["sessions"]:
        by_activity[(s["skill"], s["activity"])].append(s)
    saved = {
        key: round((sum(s["size"] for s in group) - len(group)) * group[0]["hours"], 2)
        for key, group in by_activity.items()
    }
    trainings = [a for a in team["actions"] if a["kind"] == "session"]
    assert trainings, "sessions of more than one person save delivery hours"
    assert not [a for a in team["actions"] if a["kind"] == "training"]
    for action in trainings:  # the text names the activity; its figure is (people - sessions) x hours
        (key,) = [k for k in by_activity if k[0] == action["skill"] and f"({k[1]})" in action["text"]]
        assert action["figure"] == saved[key]
        assert "saves" in action["text"]
    figures = [a["figure"] for a in trainings]
    assert figures == sorted(figures, reverse=True), "ranked by hours saved"
    savings = team["savings"]
    # all activities' savings together are the report's alone - planned (actions show the first few)
    assert round(sum(saved.values()), 2) == round(savings["alone_hours"] - savings["planned_hours"], 2)
    for gap in (a for a in team["actions"] if a["kind"] == "gap"):
        assert gap["figure"] == round(savings["planned_hours"] - savings["lower_bound_hours"], 2)


def test_without_sessions_the_cohorts_are_a_proposal(runner, tmp_path):
    team = _team(runner, tmp_path, "--no-sessions", "--format", "markdown")
    assert team["sessions"] == [] and team["savings"] is None
    assert team["cohorts"], "eight people with the same gaps make a proposed group training"
    assert [a for a in team["actions"] if a["kind"] == "training"]
    report = (tmp_path / "out" / "team.md").read_text(encoding="utf-8")
    assert "A proposal of trainings to organise: the plans were not scheduled together" in report
    assert "Organise one group training in" in report


def test_group_by_groups_show_no_proposed_cohorts_beside_the_sessions(runner, tmp_path):
    args = ["--no-config", "team", str(roster(tmp_path)), "--start", START, "-j", "1", "--min-group", "1"]
    result = runner.invoke(cli, [*args, "--format", "json", "--group-by", "role"])
    assert result.exit_code == 0, result.stderr
    team = json.loads(result.stdout)
    assert team["sessions"]
    assert team["groups"], "two roles, each a group"
    for group in team["groups"]:
        assert not [a for a in group["actions"] if a["kind"] == "training"]
