"""The team report's issue-15 rules: actions first, not assessed, single points of failure per level,
build or buy for outside help only, --group-by, proposed dates, and readable output at any width
(terminal pages, HTML in a real browser, CSV dialects, unambiguous member lists).
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

from tests.browser import load
from tests.golden_cases import ROSTER
from tests.helpers import START, member
from upskill.cli import cli
from upskill.planning.team import TeamSettings, build_team, pseudonym
from upskill.render.team import render_team
from upskill.render.team_common import hours_text


def team_of(catalog, members, **settings):
    return build_team(members, catalog, TeamSettings(**{"min_group": 1, **settings}))


# --- content ---------------------------------------------------------------------------------------------


def test_not_assessed_people_need_the_skill_and_never_hold_it(catalog):
    # Two hold data mining at 3; three were never assessed in it (current 0, but unknown).
    people = [member(catalog, f"A{i}", {"data-mining": (3, 3)}) for i in range(2)]
    people += [member(catalog, f"N{i}", {"data-mining": (0, 3)}, not_assessed=("data-mining",)) for i in range(3)]
    team = team_of(catalog, people)
    (row,) = team.rows
    assert (row.need, row.with_gap, row.not_assessed) == (5, 3, 3)
    unrated = [member(catalog, f"N{i}", {"data-mining": (0, 3)}, not_assessed=("data-mining",)) for i in range(3)]
    (point,) = team_of(catalog, unrated).single_points
    assert point.holder is None and point.not_assessed == 3
    markdown = render_team(team_of(catalog, unrated), "markdown")
    assert "held by nobody (3 not assessed)" in markdown
    assert "**?/3**" in markdown  # the heatmap says unknown, not 0
    data = json.loads(render_team(team, "json"))
    assert data["schema"] == "upskill.team/3" and data["skills"][0]["not_assessed"] == 3
    assert data["employees"][-1]["not_assessed"] == ["data-mining"]


def test_single_points_of_failure_are_per_level(catalog):
    # 2 need advanced and nobody holds it; 6 need beginner, which 3 hold.
    people = [member(catalog, f"P{i}", {"data-annotation": (1, 4)}) for i in range(2)]
    people += [member(catalog, f"B{i}", {"data-annotation": (2 if i < 3 else 0, 2)}) for i in range(6)]
    (point,) = team_of(catalog, people).single_points
    assert (point.level, point.need, point.holder, point.others) == (4, 2, None, ((2, 6, 3),))
    markdown = render_team(team_of(catalog, people), "markdown")
    assert "at 4 advanced: needed by 2, held by nobody; 6 more need beginner (held by 3)" in markdown
    assert "nobody (needed by 8)" not in markdown


def test_build_or_buy_lists_outside_help_only_ranked_by_hours(catalog):
    def late(skill, hours):
        return {skill: (1, 4)}, {skill: (hours, hours)}

    people = []
    for i in range(5):
        levels, steps = {}, {}
        for skill, hours in (("data-mining", 10.0), ("deep-learning", 30.0), ("collaboration", 50.0)):
            more, more_steps = late(skill, hours)
            levels.update(more)
            steps.update(more_steps)
        steps["prompt-engineering"] = (40.0, 40.0)
        levels["prompt-engineering"] = (0, 3)
        people.append(member(catalog, f"E{i}", levels, steps=steps))
    team = team_of(catalog, people)
    assert [b.skill for b in team.bridges] == ["deep-learning", "data-mining"]  # 150 h, then 50 h
    assert all(b.kind == "specialist" for b in team.bridges)
    markdown = render_team(team, "markdown")
    section = markdown[markdown.index("## Build or buy") :]
    assert "Collaboration" not in section and "Prompt engineering" not in section
    assert "150 h of outside help" in section and "~" not in section


def test_actions_come_first_with_figures_a_reader_can_check(catalog):
    people = [member(catalog, f"E{i:02}", {"data-mining": (1, 3)}) for i in range(12)]
    team = team_of(catalog, people, cohort_max=5, start=date(2027, 1, 4))
    (action,) = [a for a in team.actions if a.kind == "training"]
    sessions = action.training
    assert len(sessions) == 3 and action.figure == round((12 - 3) * sessions[0].hours, 2)
    markdown = render_team(team, "markdown")
    assert markdown.index("## Actions") < markdown.index("## Heatmap")
    first = markdown.split("## Actions")[1].split("##")[0]
    assert "12 people in 3 sessions, proposed for 2027-01-04 to " in first and "(12 people − 3 sessions)" in first
    assert sessions[0].start == date(2027, 1, 4) and sessions[0].end > sessions[0].start
    assert "Proposed dates: 2027-01-04 to" in markdown


def test_group_by_gives_figures_and_actions_per_group_with_privacy_within_each(catalog):
    sales = [member(catalog, f"S{i}", {"data-mining": (1, 3)}, group="Sales") for i in range(5)]
    legal = [member(catalog, f"L{i}", {"data-mining": (1, 3)}, group="Legal") for i in range(5)]
    tax = [member(catalog, f"T{i}", {"data-mining": (1, 3)}, group="Tax") for i in range(5)]
    team = build_team(sales + legal + tax, catalog, TeamSettings(min_group=5, group_by="department"))
    assert [g.name for g in team.groups] == ["Legal", "Sales", "Tax"] and team.hidden_groups == 0
    assert len(team.groups[0].team.members) == 5 and team.groups[0].team.totals is not None
    # Two of Legal: a group under K, and the smallest other (Sales, before Tax by name) beside it,
    # so neither is the whole team minus the groups shown (tests/planning/test_privacy_groups.py)
    team = build_team(sales + legal[:2] + tax, catalog, TeamSettings(min_group=5, group_by="department"))
    assert [g.name for g in team.groups] == ["Tax"] and team.hidden_groups == 2
    markdown = render_team(team, "markdown")
    assert "## By department" in markdown and "### Tax" in markdown and "Legal" not in markdown
    assert "1 group of fewer than 5 people is not shown on its own" in markdown
    data = json.loads(render_team(team, "json"))
    assert data["groups"][0]["name"] == "Tax" and data["hidden_groups"] == 2


def test_group_by_manager_is_pseudonymized_when_anonymizing(catalog):
    people = [member(catalog, f"S{i}", {"data-mining": (1, 3)}, group="Jane Doe") for i in range(5)]
    team = build_team(people, catalog, TeamSettings(min_group=5, group_by="manager", anonymize=True))
    assert [g.name for g in team.groups] == [pseudonym("Jane Doe")]
    assert "Jane Doe" not in render_team(team, "markdown")


@pytest.mark.slow
def test_group_by_department_from_a_roster(runner, tmp_path):
    roster = tmp_path / "roster.csv"
    rows = ["id,name,department,target_role,Prompt engineering"]
    departments = ["Sales"] * 7 + ["Ops"] * 2 + ["Tax"] * 6  # Ops under 5, and Tax hidden beside it
    rows += [f"E{i},P {i},{dept},ai-content-strategist,1" for i, dept in enumerate(departments)]
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["team", str(roster), "--start", START, "--group-by", "department", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "## By department" in result.stdout and "### Sales" in result.stdout and "### Ops" not in result.stdout
    assert "### Tax" not in result.stdout


# --- readable wherever it is read ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 80, 120])
def test_terminal_heatmap_drops_no_skill_and_cuts_no_id(runner, width):
    result = runner.invoke(
        cli, ["team", ROSTER, "--start", START, "--format", "table", "-j", "1"], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for line in text.splitlines():
        assert len(line.rstrip()) <= width
    flat = re.sub(r"\s+", " ", text)
    for employee_id in ("E1042", "E1077", "E2117", "E3305", "E5121"):
        assert f"({employee_id})" in flat
    legend = set(re.findall(r"(?:^|\s)(\d+) [A-Z]", text))
    assert {str(n) for n in range(1, 18)} <= legend  # all 17 skills, on some page
    assert "…" not in text


@pytest.mark.parametrize("width", [80, 100])
def test_terminal_skills_table_breaks_no_word_and_keeps_every_column(runner, width):
    result = runner.invoke(
        cli, ["team", ROSTER, "--start", START, "--format", "json", "-j", "1"], env={"COLUMNS": str(width)}
    )
    report = json.loads(result.stdout)
    table = runner.invoke(
        cli, ["team", ROSTER, "--start", START, "--format", "table", "-j", "1"], env={"COLUMNS": str(width)}
    ).stdout
    section = table.split("Skills: the team's gaps")[1].split("Group training")[0]
    words = set(section.split())
    assert len(report["skills"]) >= 5, "the roster's skills table is missing"
    for row in report["skills"]:
        assert set(row["name"].split()) <= words  # wrapped at spaces, never inside a word
        assert report["scale"][row["level"]] in words
        if row["hours"] is not None:  # the last column is there, its figure whole with its unit
            assert hours_text(float(row["hours"])) in section, row["hours"]


def test_csv_dialect_follows_the_roster_and_lists_are_unambiguous(runner, tmp_path):
    roster = tmp_path / "roster.csv"
    with open(ROSTER, encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    roster.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    base = ["team", str(roster), "--start", START, "--format", "csv", "-j", "1"]
    eu = runner.invoke(cli, base)
    assert eu.exit_code == 0, eu.stderr
    assert eu.stdout.startswith("\ufeffskill;name;")
    plain = runner.invoke(cli, [*base, "--csv-dialect", "excel"])
    assert plain.stdout.startswith("skill,name,")
    default = runner.invoke(cli, ["team", ROSTER, "--start", START, "--format", "csv", "-j", "1"])
    assert default.stdout.startswith("skill,name,")  # a `,` roster gives `,`
    # (the cohorts' member lists: a proposal, shown when the plans were not scheduled together)
    markdown = runner.invoke(
        cli, ["team", ROSTER, "--start", START, "--format", "markdown", "-j", "1", "--no-sessions"]
    ).stdout
    assert "Okafor, Chidi (E1077); " in markdown and "Okafor, Chidi (E1077), " not in markdown


def test_a_large_team_shows_the_heatmap_per_role(catalog):
    people = [member(catalog, f"E{i:04}", {"data-mining": (1 if i % 2 else 3, 3)}) for i in range(600)]
    team = team_of(catalog, people, min_group=5)
    markdown = render_team(team, "markdown")
    assert "one row per target role" in markdown and "E0001" not in markdown.split("## Skills")[0]
    assert "| AI content strategist | 600 | 300/600 |" in markdown


def _wide_team(catalog, n_skills=20):
    skills = list(catalog.skills)[:n_skills]
    return [
        member(catalog, f"E{i}", {s: (i % 3, 3) for s in skills}, name=f"Person with a long name {i}") for i in range(8)
    ]


@pytest.mark.slow
def test_html_heatmap_of_20_skills_is_readable_at_1200_px(catalog, tmp_path):
    team = team_of(catalog, _wide_team(catalog))
    assert len(team.columns) == 20
    html = render_team(team, "html")
    assert html.count('<tr class="role">') == 1  # the role once per group, not on every row
    page = tmp_path / "team.html"
    page.write_text(html, encoding="utf-8")
    seen = load(page, width=1200)
    assert seen.console == []
    assert seen.scroll_width <= seen.viewport_width  # the page itself never scrolls sideways
    assert "position: sticky" in html
