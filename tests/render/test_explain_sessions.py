"""`--explain` on a roster scheduled together (issue 26): each plan says why each activity is in a group
session or not, in words for the employee; a plan made alone (--no-sessions) says nothing of groups."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import START
from upskill.cli import cli

HEADER = "id,name,role,target_role,hours_per_week,deadline,Prompting,Communication,Content creation,Critical thinking\n"
HEADING = "In a group or on your own"


def roster(tmp_path: Path) -> Path:
    """Eight people with the same plan, one with another budget and deadline (weeks of their own), two experts."""
    rows = [f"E{n:03d},Quentin {n},analyst,ai-content-strategist,4,2027-12-31,1,2,1,2\n" for n in range(8)]
    rows += ["E100,Solo,analyst,ai-content-strategist,3,2027-06-30,0,1,0,1\n"]
    rows += [f"X{n},Zelda {n},lead,ai-content-strategist,4,2027-12-31,5,5,5,5\n" for n in range(2)]
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def batch(runner, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out"
    base = ["--no-config", "batch", str(roster(tmp_path)), "--out", str(out), "--start", START, "--jobs", "1"]
    result = runner.invoke(cli, [*base, "--format", "markdown", *args])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


def reasons(text: str) -> list[str]:
    part = text.split(f"### {HEADING}\n\n", 1)[1].split("\n\n", 1)[0]
    return [line.removeprefix("- ") for line in part.splitlines()]


def test_explain_says_why_each_activity_is_in_a_session_or_not(runner, tmp_path):
    out = batch(runner, tmp_path, "--explain")
    shared = reasons((out / "E000.md").read_text(encoding="utf-8"))
    assert any("in group session S" in r and "other people in the team take it in week" in r for r in shared)
    assert any(r.endswith("not shared: on-the-job work is your own") for r in shared)
    assert any(r.endswith("not shared: it is one to one with a colleague, a coach or your manager") for r in shared)
    solo = reasons((out / "E100.md").read_text(encoding="utf-8"))
    # nobody else in their weeks, and those who take it in other weeks are said (nobody is moved to meet them)
    elsewhere = "no one else in the team takes it in these weeks, though 10 others do in other weeks"
    assert any("taken alone in week" in r and r.endswith(elsewhere) for r in solo)
    for r in shared + solo:  # plan text: no CLI flags
        assert "--" not in r


def test_explain_without_sessions_or_without_explain_says_nothing_of_groups(runner, tmp_path):
    for args in (("--explain", "--no-sessions"), ()):
        out = batch(runner, tmp_path, *args)
        assert HEADING not in (out / "E000.md").read_text(encoding="utf-8")


def test_explain_in_html_plans_too_escaped(runner, tmp_path):
    out = batch(runner, tmp_path, "--explain", "--format", "html")
    text = (out / "E000.html").read_text(encoding="utf-8")
    assert f"<h3>{HEADING}</h3>" in text
    assert "not shared: on-the-job work is your own</li>" in text
    assert "in group session S" in text
