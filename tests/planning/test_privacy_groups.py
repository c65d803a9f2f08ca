"""`--group-by`: no figure of a group left out comes back as the whole team's minus the groups shown.

A department of one was left out of the group table, but the whole team's people, hours and late
count were shown beside the other groups': subtracting gave that one person's figures exactly.
The attacker here does that subtraction for every figure the report shows, per group and per
heatmap row, and must never land on a hidden group's own figures.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import START, member
from upskill.cli import cli
from upskill.planning.team import READABLE, TeamSettings, build_team, hidden_rows
from upskill.render.team import render_team

K = 5
# Group sizes: one small group beside big ones (the case that leaked), several small ones that
# together are still under K, small ones that together reach K, and no small group at all.
SIZES = [
    (1, 5, 6),
    (1, 5),
    (2, 9),
    (1, 1, 1, 9, 7),
    (2, 3, 8),
    (4, 4, 4, 6),
    (5, 6, 7),
    (3,),
    (1, 20, 5, 5),
]


def _members(catalog, sizes: tuple[int, ...]):
    people = []
    for g, size in enumerate(sizes):
        for _ in range(size):
            n = len(people)
            late = 3.0 if n % 3 == 0 else 0.0  # a third of them late, at different hours from everyone else
            steps = {"data-mining": (10.0 + n * 1.25, late)}
            people.append(member(catalog, f"E{n:03}", {"data-mining": (1, 3)}, steps=steps, group=f"Dept {g}"))
    return people


def _figures(people) -> tuple[int, float, int]:
    return len(people), round(sum(m.total_hours for m in people), 2), sum(1 for m in people if m.late_steps)


@pytest.mark.parametrize("sizes", SIZES)
def test_totals_minus_the_groups_shown_never_give_a_hidden_group(catalog, sizes):
    people = _members(catalog, sizes)
    team = build_team(people, catalog, TeamSettings(min_group=K, group_by="department"))
    shown = {g.name for g in team.groups}
    hidden = {f"Dept {g}" for g in range(len(sizes))} - shown
    assert team.hidden_groups == len(hidden)
    if team.totals is None:  # the whole team under K: nothing to subtract from
        assert sum(sizes) < K
        return
    difference = (
        team.totals.employees - sum(len(g.team.members) for g in team.groups),
        round(team.totals.hours - sum(g.team.totals.hours for g in team.groups if g.team.totals), 2),
        team.totals.late - sum(g.team.totals.late for g in team.groups if g.team.totals),
    )
    # What the subtraction gives is about nobody, or about K or more people together
    assert difference[0] == 0 or difference[0] >= K, difference
    for name in hidden:
        own = _figures([m for m in people if m.group == name])
        if own[0] < K:
            assert difference != own and difference[0] != own[0], (name, own, difference)
    # and never a single hidden group, whatever its size
    assert len(hidden) != 1


def test_a_lone_person_in_a_department_leaves_the_next_smallest_group_out_too(catalog):
    team = build_team(_members(catalog, (1, 5, 6)), catalog, TeamSettings(min_group=K, group_by="department"))
    assert [g.name for g in team.groups] == ["Dept 2"] and team.hidden_groups == 2 and team.complement_groups == 1
    markdown = render_team(team, "markdown")
    assert "1 group of fewer than 5 people is not shown on its own, nor is the next smallest 1" in markdown
    assert "Dept 0" not in markdown and "Dept 1" not in markdown
    assert json.loads(render_team(team, "json"))["hidden_groups"] == 2


def test_small_groups_that_reach_k_together_hide_nothing_more(catalog):
    team = build_team(_members(catalog, (2, 3, 8)), catalog, TeamSettings(min_group=K, group_by="department"))
    assert [g.name for g in team.groups] == ["Dept 2"] and team.complement_groups == 0
    assert "nor is" not in render_team(team, "markdown")


def test_hidden_rows_picks_the_smallest_other_row():
    assert hidden_rows({"a": 1, "b": 9, "c": 6}, 5) == {"a", "c"}
    assert hidden_rows({"a": 2, "b": 3, "c": 6}, 5) == {"a", "b"}
    assert hidden_rows({"a": 5, "b": 6}, 5) == set()
    assert hidden_rows({"a": 1}, 5) == {"a"}
    assert hidden_rows({"b": 1, "x": 5, "a": 5}, 5) == {"b", "a"}  # a tie: by name


def test_the_large_teams_heatmap_rows_follow_the_same_rule(catalog):
    """Past READABLE people the heatmap has a row per group, each cell (with a gap, needing)."""
    sizes = (1, 5, READABLE)
    people = _members(catalog, sizes)
    team = build_team(people, catalog, TeamSettings(min_group=K, group_by="department"))
    assert [r.name for r in team.heat_rows] == ["Dept 2"]
    column = team.columns.index("data-mining")
    row = next(r for r in team.rows if r.skill == "data-mining")
    shown_need = sum(r.cells[column][1] for r in team.heat_rows if r.cells[column])
    assert row.need is not None and row.need - shown_need >= K


def test_without_group_by_heatmap_rows_by_role_follow_it_too(catalog):
    people = [
        member(catalog, f"E{i:03}", {"data-mining": (1, 3)}, role=role)
        for i, role in enumerate(["ml-engineer"] + ["data-quality-analyst"] * 5 + ["ai-content-strategist"] * READABLE)
    ]
    team = build_team(people, catalog, TeamSettings(min_group=K))
    assert [r.name for r in team.heat_rows] == ["AI content strategist"]


@pytest.mark.slow
def test_team_anonymize_group_by_department_from_a_roster(runner, tmp_path):
    """The report as a user runs it: a department of one, one of five and one of six."""
    rows = ["id,name,department,target_role,hours_per_week,deadline,Prompt engineering,Communication"]
    departments = ["Legal"] + ["Sales"] * 5 + ["Ops"] * 6
    for i, dept in enumerate(departments):
        rows.append(f"E{i},P {i},{dept},ai-content-strategist,{1 + i % 4},2027-02-26,{i % 3},1")
    roster = tmp_path / "roster.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ["team", str(roster), "--start", START, "--group-by", "department", "--anonymize", "-j", "1"]
    result = runner.invoke(cli, [*args, "--format", "json"], env={"UPSKILL_ANONYMIZE_KEY": "k"})
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [g["name"] for g in data["groups"]] == ["Ops"] and data["hidden_groups"] == 2
    people = len(data["employees"]) - sum(g["people"] for g in data["groups"])
    assert people >= K
    # Legal's own figures, from the one person's row of the employees (only this test knows it is theirs)
    legal = next(e for e in data["employees"] if e["id"] == _pseudonym("E0", "k"))
    hours = sum(e["total_hours"] for e in data["employees"]) - sum(g["hours"] for g in data["groups"])
    assert round(hours, 2) != legal["total_hours"]


def _pseudonym(employee_id: str, key: str) -> str:
    from upskill.planning.team import pseudonym

    return pseudonym(employee_id, key)
