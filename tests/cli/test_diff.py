"""`upskill diff OLD NEW`: one employee's progress between two profiles or two JSON plans."""

from __future__ import annotations

import json
from pathlib import Path

from upskill.cli import cli

ANA = Path(__file__).resolve().parents[2] / "examples" / "ana-ruiz.yaml"
DONE = "\nprogress:\n  - {skill: prompt-engineering, level: 3, date: 2026-11-20, evidence: course certificate}\n"


def _profiles(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "ana-2026-09.yaml"
    new = tmp_path / "ana-2026-12.yaml"
    old.write_text(ANA.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(ANA.read_text(encoding="utf-8") + DONE, encoding="utf-8")
    return old, new


def _diff(runner, *args: str) -> dict:
    result = runner.invoke(cli, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_two_profiles_say_levels_gained_gaps_closed_and_steps(runner, tmp_path: Path) -> None:
    old, new = _profiles(tmp_path)
    diff = _diff(runner, str(old), str(new), "--since", "2026-09-01", "--as-of", "2026-12-07")
    assert diff["schema"] == "upskill.diff/1"
    skills = {s["skill"]: s for s in diff["skills"]}
    assert (skills["prompt-engineering"]["old"], skills["prompt-engineering"]["new"]) == (2, 3)
    assert diff["gaps_closed"] == ["prompt-engineering"]
    status = {s["skill"]: s["status"] for s in diff["steps"]}
    assert status["prompt-engineering"] == "done"
    assert status["ai-workflow-integration"] == "late"  # due 2026-11-13 on the plan of 2026-09-01, not done
    summary = diff["summary"]
    assert summary["steps_done"] == 1 and summary["steps_late"] == 1
    assert summary["schedule"] == "behind" and summary["hours_ahead"] < 0
    assert summary["hours_remaining"] < summary["hours_planned_before"]


def test_two_json_plans_compare_like_the_profiles(runner, tmp_path: Path) -> None:
    old, new = _profiles(tmp_path)
    for profile, day, out in ((old, "2026-09-01", "old.json"), (new, "2026-12-07", "new.json")):
        result = runner.invoke(cli, ["plan", str(profile), "--as-of", day, "-o", str(tmp_path / out)])
        assert result.exit_code == 0, result.stderr
    diff = _diff(runner, str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--as-of", "2026-12-07")
    assert diff["gaps_closed"] == ["prompt-engineering"]
    assert diff["summary"]["steps_late"] == 1


def test_markdown_and_table_say_the_pace_in_words(runner, tmp_path: Path) -> None:
    old, new = _profiles(tmp_path)
    args = ["diff", str(old), str(new), "--since", "2026-09-01", "--as-of", "2026-12-07"]
    markdown = runner.invoke(cli, [*args, "--format", "markdown"])
    table = runner.invoke(cli, [*args, "-o", str(tmp_path / "progress.txt")])
    assert markdown.exit_code == 0 and table.exit_code == 0
    assert markdown.stdout.startswith("# Progress: Ana Ruiz (E1042) as of 2026-12-07")
    assert (
        "behind schedule by" in markdown.stdout
        and "| Prompt engineering | 2 | 3 | +1 | 3 | closed |" in markdown.stdout
    )
    text = (tmp_path / "progress.txt").read_text(encoding="utf-8")
    assert "1 step done, 1 late" in text
    again = runner.invoke(cli, [*args, "--format", "markdown"])
    assert again.stdout == markdown.stdout


def test_two_different_employees_is_one_usage_error(runner, tmp_path: Path) -> None:
    old, _ = _profiles(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text(ANA.read_text(encoding="utf-8").replace("id: E1042", "id: E7"), encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(old), str(other)])
    assert result.exit_code == 2
    assert result.stderr.count("upskill: error:") == 1 and "'E1042'" in result.stderr and "'E7'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_older_plan_schema_is_one_usage_error(runner, tmp_path: Path) -> None:
    old, _ = _profiles(tmp_path)
    plan = tmp_path / "old.json"
    plan.write_text(json.dumps({"schema": "upskill.plan/2", "employee": {"id": "E1042"}}), encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(plan), str(old)])
    assert result.exit_code == 2
    assert "upskill.plan/2" in result.stderr and "upskill.plan/3" in result.stderr
    assert "Traceback" not in result.stderr
