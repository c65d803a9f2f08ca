"""A step whose own activity is mentoring ("Work through an analysis with a senior analyst") gets its
mentor from the roster for that activity: the same weeks, within its hours, and no time added to the
week; a mentor beside a step's activities adds their hours to the learner's week (issue 26)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.helpers import ROOT
from upskill.cli import cli

START = "2026-11-23"


def _batch(runner, out: Path, *extra: str) -> None:
    """The example roster through `upskill batch` into `out`."""
    roster = str(ROOT / "examples" / "roster.csv")
    args = ["--no-config", "batch", roster, "--out", str(out), "--start", START, "--as-of", START, "--min-group", "1"]
    result = runner.invoke(cli, [*args, *extra])
    assert result.exit_code == 0, result.output


def _plans(runner, out: Path, *extra: str) -> dict[str, dict]:
    _batch(runner, out, "--format", "json", *extra)
    plans = (json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json")))
    return {p["employee"]["id"]: p for p in plans if "steps" in p}


def _learning_minutes(plan: dict) -> int:
    return sum(round(r["learning_hours"] * 60) * (r["to_week"] - r["from_week"] + 1) for r in plan["summary"]["load"])


def test_a_mentor_gives_the_steps_own_mentoring_within_its_weeks_and_hours(runner, tmp_path):
    together = _plans(runner, tmp_path / "together")
    alone = _plans(runner, tmp_path / "alone", "--no-sessions")
    given = 0
    for person, plan in together.items():
        added = 0  # minutes a week x weeks of mentors beside the steps' activities
        for step in plan["steps"]:
            mentor, own = step["mentor"], [a for a in step["activities"] if a["format"] == "mentoring"]
            if mentor is None:
                continue
            if own:
                given += 1
                assert (mentor["start"], mentor["end"]) == (own[0]["start"], own[0]["end"])
                per_week = own[0]["hours"] / (own[0]["last_week"] - own[0]["first_week"] + 1)
                assert mentor["hours_per_week"] <= max(per_week, 0.25)
            else:
                added += round(mentor["hours_per_week"] * 60) * _weeks(mentor["start"], mentor["end"])
        # the week-by-week learning time grows only by the mentors beside the steps' activities (to the
        # tenth of an hour each week shows: 3 minutes either way, in each plan)
        weeks = plan["summary"]["load"][-1]["to_week"] if plan["summary"]["load"] else 0
        assert abs(_learning_minutes(plan) - _learning_minutes(alone[person]) - added) <= 6 * weeks
    assert given, "the example roster has steps whose own mentoring a colleague at the level gives"


def _weeks(first: str, last: str) -> int:
    start = date.fromisoformat(START)
    return (date.fromisoformat(last) - start).days // 7 - (date.fromisoformat(first) - start).days // 7 + 1


def test_the_plan_says_whose_mentoring_it_is(runner, tmp_path):
    out = tmp_path / "md"
    _batch(runner, out)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("E*.md")))
    assert "Your mentor for the mentoring above: " in text
