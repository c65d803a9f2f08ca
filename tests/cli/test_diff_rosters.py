"""`upskill diff OLD_ROSTER NEW_ROSTER`: movement per skill and per group, who moved, the team's privacy rules."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from upskill.cli import cli

HEAD = ["id", "name", "target_role", "department", "Prompt engineering", "Critical thinking"]


def _roster(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEAD, *rows])
    return path


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    """Six people in Sales, two in Legal; three in Sales and one in Legal gain a level of prompt engineering."""
    people = [(f"E{n}", f"Person {n}", "Sales" if n < 6 else "Legal") for n in range(8)]
    old = [[i, name, "ai-content-strategist", dept, 2, 2] for i, name, dept in people]
    new = [
        [i, name, "ai-content-strategist", dept, 3 if n in (0, 1, 2, 6) else 2, 2]
        for n, (i, name, dept) in enumerate(people)
    ]
    return _roster(tmp_path / "september.csv", old), _roster(tmp_path / "december.csv", new)


def _json(runner, *args: str) -> dict:
    result = runner.invoke(cli, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_movement_per_skill_and_who_moved(runner, tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    diff = _json(runner, str(old), str(new))
    assert diff["schema"] == "upskill.diff/1" and diff["kind"] == "roster"
    assert diff["people"] == {"compared": 8, "only_old": 0, "only_new": 0, "moved": 4}
    (skill,) = diff["skills"]
    assert (skill["skill"], skill["moved_up"], skill["moved_down"], skill["levels_gained"]) == (
        "prompt-engineering",
        4,
        0,
        4,
    )
    assert skill["gaps_closed"] == 4  # the role asks for 3
    assert [m["id"] for m in diff["moved"]] == ["E0", "E1", "E2", "E6"]
    assert diff["moved"][0]["name"] == "Person 0"


def test_groups_under_min_group_are_hidden_and_anonymize_hides_names(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("UPSKILL_ANONYMIZE_KEY", "secret")
    old, new = _pair(tmp_path)
    diff = _json(runner, str(old), str(new), "--group-by", "department", "--anonymize", "--min-group", "5")
    assert [g["name"] for g in diff["groups"]] == ["Sales"] and diff["hidden_groups"] == 1
    assert diff["groups"][0]["moved_up"] == 3
    text = json.dumps(diff)
    assert "Person" not in text and "E6" not in text
    assert all(m["id"].startswith("anon-") and m["name"] == m["id"] for m in diff["moved"])


def test_a_skill_figure_over_fewer_than_min_group_is_hidden(runner, tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    diff = _json(runner, str(old), str(new), "--min-group", "20")
    assert diff["skills"][0]["moved_up"] is None and diff["skills"][0]["gaps_closed"] is None
    markdown = runner.invoke(cli, ["diff", str(old), str(new), "--min-group", "20", "--format", "markdown"])
    assert "Figures over fewer than 20 people are hidden." in markdown.stdout
    assert "| Prompt engineering | 8 | hidden | hidden | hidden | hidden |" in markdown.stdout


def test_a_roster_and_a_profile_is_one_usage_error(runner, tmp_path: Path) -> None:
    old, _ = _pair(tmp_path)
    profile = Path(__file__).resolve().parents[2] / "examples" / "ana-ruiz.yaml"
    result = runner.invoke(cli, ["diff", str(old), str(profile)])
    assert result.exit_code == 2 and result.stderr.count("upskill: error:") == 1
    assert "two rosters" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_row_is_said_left_out_and_exits_1(runner, tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    lines = new.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("ai-content-strategist", "no-such-role")
    new.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1
    assert "december.csv:2" in result.stderr and "no-such-role" in result.stderr
    assert json.loads(result.stdout)["people"]["compared"] == 7


def test_anonymize_hides_the_id_in_a_bad_row_s_message(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("UPSKILL_ANONYMIZE_KEY", "secret")
    old, new = _pair(tmp_path)
    lines = new.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("ai-content-strategist", "no-such-role")
    new.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(old), str(new), "--anonymize", "--format", "json"])
    assert result.exit_code == 1
    assert "employee anon-" in result.stderr and "E0" not in result.stderr
