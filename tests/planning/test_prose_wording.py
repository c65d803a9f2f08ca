"""Names as the catalog writes them, and hours no more exact than their estimates (issue 22).

Advice lower-cased names ("a colleague who already has collect ict data", "python programming
specialist"); prose printed "~40.25 of 89" and "1,289.53 h of outside help" for figures that
are estimates. The rule (docs/planning.md, "Hours in text"): whole hours from 10 h, half hours
below; JSON and CSV keep the exact figure.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.helpers import EXAMPLES, changed
from upskill.model import Employee, Profile
from upskill.planning.plan import Options, build_plan
from upskill.render import common
from upskill.render.json import plan_to_dict
from upskill.render.markdown import render_markdown

MONDAY = date(2026, 11, 23)


def _renamed(catalog, **names):
    skills = dict(catalog.skills)
    for skill, name in names.items():
        skills[skill.replace("_", "-")] = changed(skills[skill.replace("_", "-")], name=name)
    return changed(catalog, skills=skills)


def _late_plan(catalog, role):
    employee = Employee(id="E1", name="Ada Lovelace", target_role=role, hours_per_week=2, deadline=date(2027, 2, 26))
    return build_plan(Profile(employee, {}, {}), catalog, Options(start=MONDAY))


def test_advice_keeps_names_as_the_catalog_writes_them(catalog):
    renamed = _renamed(catalog, ai_workflow_integration="collect ICT data", data_mining="Data mining in Python")
    advice = {b.skill: b.advice for role in sorted(renamed.roles) for b in _late_plan(renamed, role).bridges}
    assert "a colleague who already has collect ICT data at the level" in advice["ai-workflow-integration"]
    assert "contract Data mining in Python specialist for the Data mining in Python work" in advice["data-mining"]
    assert not any("collect ict data" in a or "data mining in python" in a for a in advice.values())


def test_a_name_that_starts_a_sentence_gets_a_capital_and_nothing_else_changes(catalog):
    renamed = _renamed(catalog, collaboration="collaboration across ICT teams")
    advice = [b.advice for b in _late_plan(renamed, "ai-augmented-professional").bridges if b.skill == "collaboration"]
    assert advice[0].startswith("Collaboration across ICT teams is Ada's own skill")


@pytest.mark.parametrize(
    "value,text",
    [
        (40.25, "40"),
        (89.0, "89"),
        (1289.53, "1290"),
        (12.5, "13"),
        (6.25, "6.5"),
        (8.75, "9"),
        (2.5, "2.5"),
        (0.25, "0.5"),
        (0.1, "0.5"),
        (0.0, "0"),
        (9.8, "10"),
    ],
)
def test_prose_hours_round_as_the_rule_says(value, text):
    assert common.about(value) == text


def test_plan_text_has_no_quarter_hours_and_json_keeps_them(catalog):
    plan = _late_plan(catalog, "ai-content-strategist")
    text = render_markdown(plan, catalog)
    estimates = re.findall(r"~([\d,.]+) h", text)
    assert estimates and not [e for e in estimates if re.search(r"\.\d*[^05]|\.\d\d", e)]
    from upskill.api import read_profile

    ana = build_plan(read_profile(str(EXAMPLES / "ana-ruiz.yaml"), catalog), catalog, Options(start=MONDAY))
    exact = [a["charged_hours"] for s in plan_to_dict(ana, catalog)["steps"] for a in s["activities"]]
    assert any(h != int(h) and h * 2 != int(h * 2) for h in exact)  # quarter hours are still in the data


def test_team_prose_hours_are_whole(runner):
    from tests.golden_cases import ROSTER
    from upskill.cli import cli

    result = runner.invoke(cli, ["team", ROSTER, "--format", "markdown", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    hours = re.findall(r"([\d,.]+) h\b", result.stdout)
    assert hours and not [h for h in hours if "." in h]  # 840.25 h, 122.25 h, 1,289.53 h: never
