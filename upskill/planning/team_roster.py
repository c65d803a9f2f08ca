"""A team report with its roster scheduled together: its group-training actions become the sessions.

Apart from team.py and actions.py, which it joins (neither imports the other's caller).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from upskill.planning.actions import gap_action, rank_actions, session_actions

if TYPE_CHECKING:
    from upskill.planning.roster_report import RosterReport
    from upskill.planning.team import Team


def with_roster(team: Team, found: RosterReport | None) -> Team:
    """The team with its roster scheduled together: its group trainings are the scheduled sessions (the
    cohorts proposed from gaps alone are dropped: nobody could follow them as dated), then the gap to
    the lower bound, then outside help and key-person risks as before."""
    if found is None:
        return team
    rest = rank_actions((), team.bridges, team.single_points)
    actions = (*session_actions(found), *gap_action(found), *rest)
    # --group-by: each group's own actions lose their proposed cohorts too (the sessions are the
    # roster's, scheduled across groups), keeping its outside help and key-person risks
    groups = tuple(g._replace(team=_without_cohorts(g.team)) for g in team.groups)
    return replace(team, roster=found, cohorts=(), actions=actions, groups=groups)


def _without_cohorts(team: Team) -> Team:
    return replace(team, cohorts=(), actions=rank_actions((), team.bridges, team.single_points))
