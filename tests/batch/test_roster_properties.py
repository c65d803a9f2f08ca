"""An HR export through `upskill batch` with the roster scheduled together: every property of issue 26 read off
the files a user gets (plans and team.json), not off the scheduler's records.

`check_folder` is what was run on a 2,000-row export for docs/performance.md; the test runs it on 240 rows.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import START
from upskill.cli import cli

SKILLS = ["Prompting", "Communication", "Content creation", "Critical thinking", "Python programming", "AI modelling"]
ROLES = ["ai-content-strategist", "ai-augmented-professional", "ml-engineer"]


def hr_export(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    lines = ["Employee ID;Full name;Job title;Target role;Department;Weekly learning hours;" + ";".join(SKILLS)]
    for n in range(rows):
        levels = [str(rng.choice(["", "0", "1", "2", "3", "4", "5"])) for _ in SKILLS]
        lines.append(
            f"E{n:05d};Person {n};Analyst;{rng.choice(ROLES)};{rng.choice(['Sales', 'Ops', 'IT'])};"
            f"{rng.choice([2, 3, 4, 5])};" + ";".join(levels)
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _monday(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def check_folder(
    out: Path, cohort_max: int = 25, cap: float = 1.0, most: int = 3, cohort_min: int = 3
) -> dict[str, int]:
    """Every property, from the files; the counts it saw."""
    team = json.loads((out / "team.json").read_text(encoding="utf-8"))
    plans = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json") if p.stem != "team"}
    held = {e["id"]: e["levels"] for e in team["employees"]}
    sessions = {s["id"]: s for s in team["sessions"]}
    seen = defaultdict(int)
    given: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    learners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for employee, plan in plans.items():
        budget = plan["employee"]["hours_per_week"]
        for run in plan["summary"]["load"]:  # within the budget, mentoring included (shown to a tenth)
            assert run["learning_hours"] <= budget + 0.05, (employee, run)
        ends = {s["name"]: s["end"] for s in plan["steps"]}
        for step in plan["steps"]:
            before = [
                ends[name]
                for name, s in ((x["name"], x) for x in plan["steps"])
                if step["name"] in s["prerequisite_for"]
            ]
            for activity in step["activities"]:
                found = activity["session"]
                if found is None:
                    if activity["alone"]:  # learning a shareable activity alone: the plan says why
                        seen["alone"] += 1
                        assert activity["alone_reason"], (employee, activity["title"])
                    continue
                seen["in a session"] += 1
                assert (found["start"], found["end"]) == (activity["start"], activity["end"])  # the member's own window
                assert all(end < found["start"] for end in before)  # after the member's prerequisites
                assert activity["kind"] != "experience"  # the bundled catalog marks no on-the-job work `group: true`
                listed = sessions[found["id"]]
                assert cohort_min <= listed["size"] <= cohort_max and (
                    not listed["members"] or employee in listed["members"]
                )
            mentor = step["mentor"]
            if mentor is not None:
                seen["mentored steps"] += 1
                current, _ = held[mentor["id"]].get(step["skill"], [0, 0])
                assert current >= step["to"]  # never below the level aimed for
                learners[mentor["id"]].add((employee, step["skill"]))
                week = _monday(mentor["start"])
                while week <= date.fromisoformat(mentor["end"]):
                    given[mentor["id"]][week] += mentor["hours_per_week"]
                    week += timedelta(weeks=1)
    for mentor, taken in learners.items():
        assert len(taken) <= most, mentor
        assert max(given[mentor].values()) <= cap + 1e-9, mentor
    savings = team["savings"]
    assert savings["lower_bound_hours"] <= savings["planned_hours"] <= savings["alone_hours"]
    seen["sessions"] = len(sessions)
    seen["mentors"] = len(learners)
    return dict(seen)


@pytest.mark.slow
def test_an_hr_export_keeps_every_property_in_the_files(runner, tmp_path):
    roster = tmp_path / "hr.csv"
    hr_export(roster, 240)
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            *("--no-config", "batch", str(roster), "--out", str(out), "--start", START, "--jobs", "1"),
            *("--format", "json", "--min-group", "1", "--cohort-min", "4", "--cohort-max", "6"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    seen = check_folder(out, cohort_max=6, cohort_min=4)
    assert seen["sessions"] and seen["mentors"] and seen["in a session"] and seen["mentored steps"] and seen["alone"]
