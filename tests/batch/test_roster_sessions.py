"""`upskill batch` and `upskill team` with the roster scheduled together (issue 26): plans name their group
sessions and mentors, the team report lists sessions, pairs and savings, and the bytes do not depend on --jobs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import START
from upskill.cli import cli

HEADER = "id,name,role,target_role,hours_per_week,deadline,Prompting,Communication,Content creation,Critical thinking\n"
UPSKILL = str(Path(sys.executable).parent / "upskill")


def roster(tmp_path: Path) -> Path:
    """Eight people with the same gaps and budget (their plans give the same weeks), and two experts."""
    rows = [f"E{n:03d},Quentin {n},analyst,ai-content-strategist,4,2027-12-31,1,2,1,2\n" for n in range(8)]
    rows += [f"X{n},Zelda {n},lead,ai-content-strategist,4,2027-12-31,5,5,5,5\n" for n in range(2)]
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def batch(runner, *args):
    return runner.invoke(cli, ["--no-config", "batch", *map(str, args), "--start", START, "--jobs", "1"])


def plans(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json") if p.stem != "team"}


def test_plans_name_their_sessions_and_mentors_and_the_team_report_lists_them(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(
        runner, roster(tmp_path), "--out", out, "--format", "json", "--format", "markdown", "--min-group", "1"
    )
    assert result.exit_code == 0, result.stderr
    team = json.loads((out / "team.json").read_text(encoding="utf-8"))
    assert team["schema"] == "upskill.team/3"
    assert team["sessions"], "eight people with the same plan share their courses"
    by_id = {s["id"]: s for s in team["sessions"]}
    written = plans(out)
    for employee, plan in written.items():
        for step in plan["steps"]:
            for activity in step["activities"]:
                session = activity["session"]
                if session is not None:  # the plan's dates are the session's, and the report lists the person
                    listed = by_id[session["id"]]
                    assert (session["start"], session["end"], session["size"]) == (
                        listed["start"],
                        listed["end"],
                        listed["size"],
                    )
                    assert employee in listed["members"]
                    assert activity["kind"] != "experience"
    mentors = [(e, s["mentor"]) for e, p in written.items() for s in p["steps"] if s["mentor"]]
    assert mentors and {m["id"] for _, m in mentors} <= {"X0", "X1"}
    assert len(team["mentoring"]) == len(mentors) == team["mentor_pairs"]
    expert = written["X0"]["mentoring"]
    assert 0 < len(expert) <= 3  # mentor_max_learners
    savings = team["savings"]
    assert savings["lower_bound_hours"] <= savings["planned_hours"] < savings["alone_hours"]
    text = (out / "E000.md").read_text(encoding="utf-8")
    assert "group session S" in text and "Mentor: Zelda" in text
    assert "## Sessions and mentors" in (out / "team.md").read_text(encoding="utf-8")


def test_no_sessions_plans_each_person_alone(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, roster(tmp_path), "--out", out, "--format", "json", "--no-sessions")
    assert result.exit_code == 0, result.stderr
    team = json.loads((out / "team.json").read_text(encoding="utf-8"))
    assert (team["sessions"], team["mentoring"], team["savings"]) == ([], [], None)
    for plan in plans(out).values():
        assert all(s["mentor"] is None for s in plan["steps"])
        assert all(a["session"] is None for s in plan["steps"] for a in s["activities"])


def test_anonymized_plans_name_mentors_by_pseudonym_only(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, roster(tmp_path), "--out", out, "--format", "json", "--format", "markdown", "--anonymize")
    assert result.exit_code == 0, result.stderr
    for path in out.iterdir():
        if path.suffix in (".json", ".md"):
            text = path.read_text(encoding="utf-8")
            assert "Zelda" not in text and "Quentin" not in text and "X0" not in text, path.name
    mentors = [s["mentor"] for p in plans(out).values() for s in p["steps"] if s["mentor"]]
    assert mentors and all(m["id"].startswith("anon-") and m["name"] == m["id"] for m in mentors)


def test_a_roster_with_no_one_at_the_level_gets_no_mentor_and_says_so(runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "E1,Ana,analyst,ai-content-strategist,4,2027-12-31,1,2,1,2\n", encoding="utf-8")
    out = tmp_path / "out"
    assert batch(runner, path, "--out", out, "--format", "markdown").exit_code == 0
    assert "No mentor from the team: no one in the roster holds this skill" in (out / "E1.md").read_text("utf-8")


@pytest.mark.slow
def test_the_same_roster_gives_the_same_bytes_whatever_jobs_and_json_lines_come_after_scheduling(tmp_path):
    path = roster(tmp_path)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        subprocess.run(
            [
                *(UPSKILL, "--no-config", "batch", str(path), "--out", str(out), "--start", START, "--jobs", jobs),
                *("--format", "json", "--format", "markdown", "--format", "html"),
            ],
            check=True,
            capture_output=True,
        )
        outs.append({p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")})
    assert outs[0] == outs[1]
    # JSON Lines from standard input: read twice (kept in a temporary file), each line as its JSON file
    lines = "".join(
        json.dumps({"employee": {"id": f"E{n}", "name": f"P{n}", "target_role": "ai-content-strategist"}}) + "\n"
        for n in range(4)
    )
    done = subprocess.run(
        [UPSKILL, "--no-config", "batch", "-", "--out", "-", "--format", "jsonl", "--start", START],
        input=lines.encode(),
        check=True,
        capture_output=True,
    )
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["employee"]["id"] for r in records] == ["E0", "E1", "E2", "E3"]
    assert any(a["session"] for r in records for s in r["steps"] for a in s["activities"])


def test_team_figures_have_the_sessions_and_no_sessions_turns_them_off(runner, tmp_path):
    path = roster(tmp_path)
    on = runner.invoke(cli, ["--no-config", "team", str(path), "--start", START, "--format", "json", "--jobs", "1"])
    off = runner.invoke(
        cli, ["--no-config", "team", str(path), "--start", START, "--format", "json", "--jobs", "1", "--no-sessions"]
    )
    assert on.exit_code == 0 and off.exit_code == 0, on.stderr + off.stderr
    assert json.loads(on.stdout)["savings"] is not None
    assert json.loads(off.stdout)["savings"] is None


@pytest.mark.parametrize(
    ("block", "said"),
    [
        ("resources:\n      - {title: T, kind: formal, hours: 2, to: 1, group: 'yes'}", "expected true or false"),
        ("", "mentor_max_learners"),
    ],
)
def test_catalog_group_and_mentor_settings_are_checked(runner, tmp_path, block, said):
    if block:
        text = f"skills:\n  - id: s1\n    name: S1\n    {block}\n"
    else:
        text = "planning:\n  mentor_max_learners: 0\n"
    catalog = tmp_path / "c.yaml"
    catalog.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["--no-config", "catalog", "list", "--catalog", str(catalog)])
    assert result.exit_code == 1
    assert said in result.stderr and "c.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_the_terminal_team_report_shows_the_savings_and_the_pairs(runner, tmp_path):
    result = runner.invoke(
        cli,
        [*("--no-config", "team", str(roster(tmp_path)), "--start", START, "--format", "table", "--jobs", "1")],
    )
    assert result.exit_code == 0, result.stderr
    assert "Sessions and mentors" in result.stdout and re.search(r"X\d mentors E\d{3}", result.stdout)
