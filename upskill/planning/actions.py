"""The actions a team report opens with: a short ranked list, each with the figure it is ranked by.

Three kinds, each ranked by its own figure and cut to the first few, in this order:

- `training`: a group training, ranked by the hours of training it saves: one session per group
  instead of one per person, so (people - sessions) x hours each.
- `outside`: a skill to bring outside help in for (build or buy), ranked by outside hours.
- `risk`: a key-person risk (a single point of failure), ranked by the people needing the level
  that at most one person holds.

The figures come straight from the sections below the list, so a reader can check each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from upskill.planning.cohorts import Cohort
    from upskill.planning.team_records import SinglePoint, TeamBridge

EACH = 3  # actions of each kind at most: the list is for deciding, the sections below hold the rest


class Action(NamedTuple):
    kind: str  # training | outside | risk
    figure: float  # hours saved, outside hours, or people needing the level
    training: tuple[Cohort, ...] = ()  # the sessions of one group training
    bridge: TeamBridge | None = None
    point: SinglePoint | None = None


def saved_hours(sessions: tuple[Cohort, ...]) -> float:
    """Training hours a group training saves: (people - sessions) x hours each."""
    people = sum(c.size for c in sessions)
    return round((people - session_count(sessions)) * sessions[0].hours, 2)


def session_count(sessions: tuple[Cohort, ...]) -> int:
    """How many sessions a group training has (a head count's one entry stands for all of them)."""
    return sum(c.counted for c in sessions)


def training_groups(found: Sequence[Cohort]) -> list[tuple[Cohort, ...]]:
    """The cohorts with their sessions together: one tuple per group training."""
    out = []
    i = 0
    while i < len(found):
        entries = 1 if found[i].session == 0 else found[i].sessions
        out.append(tuple(found[i : i + entries]))
        i += entries
    return out


def rank_actions(
    cohorts: Sequence[Cohort], bridges: Sequence[TeamBridge], single_points: Sequence[SinglePoint]
) -> tuple[Action, ...]:
    """The ranked actions of a team's findings (see the module docstring); team.py calls it once, when
    it builds the team, and every renderer shows `Team.actions`."""
    trainings = [Action("training", saved_hours(g), training=g) for g in training_groups(cohorts)]
    trainings = [a for a in trainings if a.figure > 0]
    trainings.sort(key=lambda a: (-a.figure, a.training[0].name.casefold(), a.training[0].low))
    outside = [Action("outside", b.outside_hours, bridge=b) for b in bridges if b.outside_hours > 0]
    outside.sort(key=lambda a: -a.figure)  # bridges are already by name within equal hours
    risks = [Action("risk", p.need, point=p) for p in single_points if p.holder is None and p.need]
    risks.sort(key=lambda a: (-a.figure, a.point.name.casefold() if a.point else ""))
    return (*trainings[:EACH], *outside[:EACH], *risks[:EACH])
