"""Privacy of the team report and of `batch --anonymize`, tested as an attacker would try it.

The attacker holds the report in one hand and the rows it shows in the other: whatever the
report leaves out (a person in a target role too small to hide in, a group under --min-group)
must not come back by subtraction, from a skill only that person's role needs, or from a
finding that names them. With `batch --anonymize`, no real id or name may reach the output
folder (file names and contents) or stderr.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import ROOT, START, member
from upskill.cli import cli
from upskill.planning.team import TeamSettings, build_team, pseudonym
from upskill.render.team import render_team

KEY = "test-key"  # UPSKILL_ANONYMIZE_KEY: without one, pseudonyms are random for each run
# Five AI content strategists and one machine-learning engineer, alone in their target role.
ROSTER_LINES = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8").splitlines()
# The lone person gets less time and an earlier deadline, so there are late steps to recover.
FIVE_AND_ONE = "\n".join([*ROSTER_LINES[:6], ROSTER_LINES[11].replace(",8,2027-09-30,", ",1,2027-03-31,")]) + "\n"
LONE = "E5090"  # Yusuf Demir, the only ml-engineer
# Skills the ml-engineer role needs and the content strategists' role does not (and none of them holds).
ONLY_THE_LONE_ROLE = (
    "ai-modelling",
    "AI modelling",
    "deep-learning",
    "Deep learning",
    "data-mining",
    "Data mining",
    "data-extraction",
    "Data extraction",
)
# Two rows whose ids clash ignoring case, and a row with a bad level: every message must stay pseudonymous.
BAD_ROWS = (
    "E7777,Dup Person,Clerk,ai-content-strategist,3,,1,1,1,1,1,1,1,1,,,,,\n"
    "e7777,Dup Other,Clerk,ai-content-strategist,3,,1,1,1,1,1,1,1,1,,,,,\n"
    "E8888,Bad Level,Clerk,ai-content-strategist,3,,bogus,1,1,1,1,1,1,1,,,,,\n"
)


def _real(text: str) -> list[str]:
    """Every real id and name of a roster (case as written: pseudonyms are lower-case hex), and current
    roles that no catalog text holds ("Editor" is in "Editorial mentoring")."""
    out = ["Marketing specialist", "Social media manager", "Communications officer"]
    for row in list(csv.DictReader(io.StringIO(text))):
        out += [row["id"], row["name"]]
    return out


def run(runner, *args: str):
    result = runner.invoke(cli, [*args, "--start", START, "--jobs", "1"], env={"UPSKILL_ANONYMIZE_KEY": KEY})
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "r.csv"
    path.write_text(FIVE_AND_ONE, encoding="utf-8")
    return path


# --- the team report: nothing about the person left out --------------------------------------------------


@pytest.mark.slow
def test_totals_minus_the_people_shown_recover_nobody(runner, roster):
    everyone = json.loads(run(runner, "team", str(roster), "--format", "json", "--min-group", "1").stdout)
    lone = next(e for e in everyone["employees"] if e["id"] == LONE)
    assert lone["total_hours"] > 0 and lone["late_steps"] > 0  # there is something to recover

    data = json.loads(run(runner, "team", str(roster), "--anonymize", "--format", "json").stdout)
    shown = data["employees"]
    assert len(shown) == 5 and data["left_out_of_employees"] == 1
    totals = data["totals"]
    # The attack: the totals minus the figures of the people shown.
    left_hours = totals["hours"] - sum(e["total_hours"] for e in shown)
    left_people = totals["employees"] - len(shown)
    left_late = totals["late"] - sum(1 for e in shown if e["late_steps"])
    assert abs(left_hours) < 1 and left_people == 0 and left_late == 0
    assert abs(left_hours - lone["total_hours"]) > 1

    markdown = run(runner, "team", str(roster), "--anonymize", "--format", "markdown").stdout
    assert markdown.startswith("# Team skills report\n\n5 of 6 people shown · ")
    table = run(runner, "team", str(roster), "--anonymize", "--format", "table").stdout
    assert "5 of 6 people shown" in table


@pytest.mark.parametrize(
    "fmt,table",
    [
        ("markdown", ""),
        ("html", ""),
        ("json", ""),
        ("table", ""),
        ("csv", "skills"),
        ("csv", "gaps"),
        ("csv", "heatmap"),
    ],
)
@pytest.mark.slow
def test_nothing_about_the_person_left_out_in_any_format(runner, roster, fmt, table):
    args = ["--csv-table", table] if table else []
    result = run(runner, "team", str(roster), "--anonymize", "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert pseudonym(LONE, KEY) not in text
    for skill in ONLY_THE_LONE_ROLE:  # a skill only their role needs would be a figure about them
        assert skill not in text, (fmt, table, skill)
    for real in _real(FIVE_AND_ONE):
        assert real not in text, (fmt, table, real)


def test_a_single_point_of_failure_never_names_a_person_left_out(catalog):
    # Nobody shown holds prompt engineering at 3; the lone ml-engineer (left out) does.
    five = [member(catalog, f"E{i}", {"prompt-engineering": (1, 3)}) for i in range(5)]
    lone = member(
        catalog,
        "M0",
        {"prompt-engineering": (4, 0), "deep-learning": (1, 4)},
        role="ml-engineer",
        steps={"deep-learning": (80.0, 30.0)},
    )
    team = build_team([*five, lone], catalog, TeamSettings(min_group=5, anonymize=True))
    (point,) = team.single_points
    assert point.holder is None  # among the people shown
    assert {r.skill for r in team.rows} == {"prompt-engineering"} and "deep-learning" not in team.columns
    for fmt in ("markdown", "json", "html", "csv"):
        assert pseudonym("M0", KEY) not in render_team(team, fmt), fmt


def test_min_group_1_shows_everyone(runner, roster):
    data = json.loads(run(runner, "team", str(roster), "--anonymize", "--min-group", "1", "--format", "json").stdout)
    assert len(data["employees"]) == 6 and data["left_out_of_employees"] == 0
    assert data["totals"]["employees"] == 6
    assert pseudonym(LONE, KEY) in {e["id"] for e in data["employees"]}
    assert all(s["hidden"] is False for s in data["skills"])
    assert "deep-learning" in {s["skill"] for s in data["skills"]}


# --- group trainings and build or buy: K people at least ------------------------------------------------


def test_group_trainings_and_build_or_buy_need_k_people(catalog):
    four = [member(catalog, f"E{i}", {"data-mining": (0, 2)}, steps={"data-mining": (20.0, 5.0)}) for i in range(4)]
    team = build_team(four, catalog, TeamSettings(min_group=5))
    assert team.cohorts == () and team.bridges == () and team.hidden >= 2
    markdown = render_team(team, "markdown")
    assert "Every gap can close by its deadline" not in markdown  # it cannot: the finding is hidden
    assert "(4 people)" not in markdown and "4 people cannot close" not in markdown
    shown = build_team(four, catalog, TeamSettings(min_group=4))
    assert len(shown.cohorts) == 1 and shown.bridges[0].late == 4


def test_build_or_buy_late_count_under_k_is_hidden(catalog):
    # Five people, nobody near the level: worth a bridge; but only two are late, too few to count.
    five = [
        member(
            catalog,
            f"E{i}",
            {"deep-learning": (0, 4)},
            role="ml-engineer",
            steps={"deep-learning": (80.0, 10.0 if i < 2 else 0.0)},
        )
        for i in range(5)
    ]
    team = build_team(five, catalog, TeamSettings(min_group=5))
    (bridge,) = team.bridges
    assert bridge.nobody_near and bridge.late is None and bridge.outside_hours == 400.0
    markdown = render_team(team, "markdown")
    assert "cannot close the gap" not in markdown and "nobody on the team is near" in markdown
    assert json.loads(render_team(team, "json"))["build_or_buy"][0]["late"] is None


def test_csv_says_nothing_rather_than_no_for_a_hidden_bridge(catalog):
    five = [
        member(catalog, f"E{i}", {"data-mining": (3, 4)}, steps={"data-mining": (20.0, 5.0 if i == 0 else 0.0)})
        for i in range(5)
    ]
    team = build_team(five, catalog, TeamSettings(min_group=5))
    assert team.bridges == () and team.hidden == 1
    (row,) = list(csv.DictReader(io.StringIO(render_team(team, "csv", "skills"))))
    assert row["people_with_gap"] == "5" and row["build_or_buy"] == "" and row["outside_help_hours"] == ""


# --- batch --anonymize: pseudonyms everywhere ------------------------------------------------------------


@pytest.mark.slow
def test_batch_anonymize_writes_no_real_id_or_name(runner, tmp_path, roster):
    text = FIVE_AND_ONE + BAD_ROWS
    roster.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        runner,
        "batch",
        str(roster),
        "--out",
        str(out),
        "--anonymize",
        "--format",
        "markdown",
        "--format",
        "json",
        "--format",
        "html",
    )
    assert result.exit_code == 1  # the duplicate ids and the bad level
    names = {p.name for p in out.iterdir()}
    assert {pseudonym("E1042", KEY) + s for s in (".md", ".json", ".html")} <= names
    assert {"index.md", "index.html", "team.md", "team.json", "team.html", ".upskill-manifest"} <= names
    real = _real(text)
    for path in out.iterdir():
        content = path.read_text(encoding="utf-8")
        for value in real:
            assert value not in path.name and value not in content, (path.name, value)
    for value in real:
        assert value not in result.stderr, value
    # Each message still says where (file:row) and whose (the pseudonym).
    errors = result.stderr.splitlines()
    assert any(f"{roster}:8" in line and pseudonym("E7777", KEY) in line for line in errors)
    assert any(f"{roster}:9" in line and pseudonym("e7777", KEY) in line for line in errors)
    assert any(f"{roster}:10:7" in line for line in errors)
    index = (out / "index.md").read_text(encoding="utf-8")
    # The lone engineer's role is under K, and so "another role", with the next smallest role beside it
    # (tests/planning/test_privacy_roles.py)
    assert f"[{pseudonym('E1042', KEY)}]({pseudonym('E1042', KEY)}.md) | another role |" in index
    assert "| Employee | Target role |" in index and "Current role" not in index  # no empty name columns


def test_batch_anonymize_plans_and_json_lines_use_pseudonyms(runner, tmp_path, roster):
    text = FIVE_AND_ONE + BAD_ROWS
    roster.write_text(text, encoding="utf-8")
    result = run(runner, "batch", str(roster), "--out", "-", "--format", "jsonl", "--anonymize")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["employee"]["id"] for p in lines][:1] == [pseudonym("E1042", KEY)]
    assert all(p["employee"]["name"] == p["employee"]["id"] and p["employee"]["role"] == "" for p in lines)
    for value in _real(text):
        assert value not in result.stdout and value not in result.stderr, value


def test_team_anonymize_duplicate_id_errors_are_pseudonymous(runner, roster):
    roster.write_text(FIVE_AND_ONE + BAD_ROWS, encoding="utf-8")
    result = run(runner, "team", str(roster), "--anonymize", "--format", "json")
    assert result.exit_code == 1
    assert "E7777" not in result.stderr and "e7777" not in result.stderr
    assert pseudonym("E7777", KEY) in result.stderr


@pytest.mark.slow
def test_batch_without_anonymize_still_names_ids(runner, tmp_path, roster):
    roster.write_text(FIVE_AND_ONE + BAD_ROWS, encoding="utf-8")
    out = tmp_path / "out"
    result = run(runner, "batch", str(roster), "--out", str(out))
    assert (out / "E1042.md").exists() and "employee id 'E7777'" in result.stderr
    assert "Ana Ruiz" in (out / "index.md").read_text(encoding="utf-8")
