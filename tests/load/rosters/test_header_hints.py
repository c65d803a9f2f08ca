"""Unknown roster headers: the did-you-mean prefers employee fields and HR synonyms over skills.

`Weekly learning hours` used to be "did you mean 'Deep learning'?": difflib saw the word
"learning" and nothing else. It is now read as hours_per_week, and any header about hours that
is not (`Weekly hours`, `Hours/wk`: contracted time in most exports) suggests mapping it there.
"""

from __future__ import annotations

import pytest

from upskill.cli import cli
from upskill.load.rosters.columns import RosterSettings, map_header


def _map(catalog, *headers: str):
    return map_header("r.csv", ["id", "name", "target_role", *headers], 1, catalog, RosterSettings())


@pytest.mark.parametrize("header", ["Weekly learning hours", "weekly_training_hours", "Learning hours a week"])
def test_weekly_learning_hours_is_the_hours_field(catalog, header):
    layout, problems = _map(catalog, header)
    assert problems == [] and layout is not None
    assert (3, "hours_per_week") in layout.employee


@pytest.mark.parametrize("header", ["Weekly hours", "Hours/wk", "Learning hrs", "Hours"])
def test_an_hours_header_suggests_hours_per_week_never_a_skill(catalog, header):
    layout, problems = _map(catalog, header)
    assert layout is None and len(problems) == 1
    message = problems[0].message
    assert f"--column '{header}=hours_per_week'" in message
    assert "Deep learning" not in message and "did you mean '" not in message


@pytest.mark.parametrize(
    "header,hint",
    [
        ("Employe Name", "did you mean name? map it with --column 'Employe Name=name'"),
        ("Deprtment", "did you mean department?"),
        ("Line manger", "did you mean manager?"),
        ("Comunication", "did you mean 'Communication'?"),  # a typo'd skill is still a skill
        ("Deep lerning", "did you mean 'Deep learning'?"),
        ("Time managment", "did you mean 'Time management'?"),
    ],
)
def test_fields_come_before_skills_and_typod_skills_stay_skills(catalog, header, hint):
    _, problems = _map(catalog, header)
    assert hint in problems[0].message


def test_the_cli_reads_weekly_learning_hours_into_the_plan(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("id,name,target_role,Weekly learning hours\nE1,Ana,ld-coach,7\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", str(roster), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    plan = next((tmp_path / "out").glob("E1*.md")).read_text(encoding="utf-8")
    assert "7 h" in plan
