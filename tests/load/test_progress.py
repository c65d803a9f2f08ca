"""A profile's `progress:` block: levels reached count from their date, and bad entries are located."""

from __future__ import annotations

import json
from pathlib import Path

from upskill.cli import cli

ANA = Path(__file__).resolve().parents[2] / "examples" / "ana-ruiz.yaml"
DONE = """
progress:
  - {skill: prompt engineering, level: 3, date: 2026-11-20, evidence: "course certificate, reviewed prompts"}
  - {skill: critical-thinking, level: 3, date: 2027-03-01}
"""


def _plan(runner, path: Path, as_of: str) -> dict:
    result = runner.invoke(cli, ["plan", str(path), "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _planned_skills(plan: dict) -> set[str]:
    return {step["skill"] for step in plan["steps"]}


def test_progress_reached_by_the_as_of_day_leaves_the_plan(runner, tmp_path: Path) -> None:
    profile = tmp_path / "ana.yaml"
    profile.write_text(ANA.read_text(encoding="utf-8") + DONE, encoding="utf-8")
    before = _planned_skills(_plan(runner, ANA, "2026-12-07"))
    now = _plan(runner, profile, "2026-12-07")
    assert "prompt-engineering" in before
    assert "prompt-engineering" not in _planned_skills(now)
    assert "prompt-engineering" in [m["skill"] for m in now["met"]]
    assert "critical-thinking" in _planned_skills(now)  # reached in March: not yet on 2026-12-07
    later = _plan(runner, profile, "2027-03-02")
    assert "critical-thinking" not in _planned_skills(later)


def test_progress_errors_are_located(runner, tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    bad = "\nprogress:\n  - {skill: promt-engineering, level: 9}\n  - 3\n  - {skill: teamwork, level: 3, date: soon}\n"
    profile.write_text(ANA.read_text(encoding="utf-8") + bad, encoding="utf-8")
    result = runner.invoke(cli, ["plan", str(profile), "--as-of", "2026-12-07"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any("bad.yaml:" in line and "progress[0]: missing 'date'" in line for line in lines)
    assert any("progress[0].skill" in line and "did you mean 'prompt-engineering'" in line for line in lines)
    assert any("progress[0].level" in line for line in lines)
    assert any("progress[1]" in line and "a number (3)" in line for line in lines)
    assert any("progress[2].date" in line for line in lines)
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_validate_checks_progress(runner, tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(ANA.read_text(encoding="utf-8") + "\nprogress: {skill: teamwork}\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(profile)])
    assert result.exit_code == 1
    assert "progress: expected a list" in result.stderr


def test_batch_counts_progress_as_plan_does(runner, tmp_path: Path) -> None:
    profile = tmp_path / "ana.yaml"
    profile.write_text(ANA.read_text(encoding="utf-8") + DONE, encoding="utf-8")
    planned = {}
    for day in ("2027-02-01", "2027-03-02"):
        result = runner.invoke(cli, ["batch", str(profile), "--format", "jsonl", "--out", "-", "--as-of", day])
        assert result.exit_code == 0, result.stderr
        planned[day] = _planned_skills(json.loads(result.stdout.splitlines()[0]))
    assert "critical-thinking" in planned["2027-02-01"] and "critical-thinking" not in planned["2027-03-02"]
