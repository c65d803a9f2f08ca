"""The ranked actions a team report opens with are computed once, when the team is built (build_team,
per group too), and every format shows those same actions: no renderer ranks them again."""

from __future__ import annotations

import io

import pytest

import upskill.planning.actions
import upskill.planning.team
from tests.helpers import member
from upskill.planning.team import TeamSettings, build_team
from upskill.render.team import render_team


def _team(catalog):
    # Six people short of data mining in two departments: one group training, and a key-person risk.
    people = [
        member(catalog, f"E{i}", {"data-mining": (1, 3)}, group="Sales" if i % 2 else "Support") for i in range(6)
    ]
    return build_team(people, catalog, TeamSettings(min_group=1, group_by="department"))


def test_build_team_ranks_the_actions_of_the_team_and_of_each_group(catalog, monkeypatch):
    calls = []
    real = upskill.planning.actions.rank_actions

    def counted(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(upskill.planning.team, "rank_actions", counted)
    team = _team(catalog)
    assert team.actions, "the team has no action to show"
    assert {a.kind for a in team.actions} >= {"training"}
    assert len(team.groups) == 2 and all(g.team.actions for g in team.groups)
    assert len(calls) == 1 + len(team.groups)  # the whole team, then each group: once each


@pytest.mark.parametrize("fmt", ["markdown", "json", "html", "table"])
def test_no_renderer_ranks_the_actions_again(catalog, monkeypatch, fmt):
    team = _team(catalog)

    def refused(*args):
        raise AssertionError("a renderer ranked the actions again")

    monkeypatch.setattr(upskill.planning.actions, "rank_actions", refused)
    monkeypatch.setattr(upskill.planning.team, "rank_actions", refused)
    if fmt == "table":
        from upskill.render.team_terminal import print_team
        from upskill.render.terminal import make_console

        out = io.StringIO()
        print_team(team, make_console(out, width=100, color=False))
        text = out.getvalue()
    else:
        text = render_team(team, fmt)
    assert "data" in text.casefold()  # the report was written, actions section included
