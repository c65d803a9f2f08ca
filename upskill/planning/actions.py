"""The actions a team report opens with: a short ranked list, each with the figure it is ranked by.

Kinds, each ranked by its own figure and cut to the first few, in this order:

- `session` (plans scheduled together, the default): one activity's scheduled sessions, ranked by the
  delivery hours they save, (people in them - sessions) x the activity's hours; then at most one
  `gap`: the planned delivery hours above the lower bound, when large (docs/team.md).
- `training` (--no-sessions): a group training proposed from shared gaps, ranked by the hours of
  training it saves: one session per group instead of one per person, so (people - sessions) x hours each.
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
    from upskill.planning.roster_report import RosterReport, SessionRow
    from upskill.planning.team_records import SinglePoint, TeamBridge

EACH = 3  # actions of each kind at most: the list is for deciding, the sections below hold the rest


class Action(NamedTuple):
    kind: str  # training | session | gap | outside | risk
    figure: float  # hours saved, outside hours, or people needing the level
    training: tuple[Cohort, ...] = ()  # the sessions of one group training proposed (--no-sessions)
    bridge: TeamBridge | None = None
    point: SinglePoint | None = None
    sessions: tuple[SessionRow, ...] = ()  # `session`: the scheduled sessions of one activity
    gap: tuple[str, str, str, float] | None = None  # `gap`: the activity most above the lower bound


GAP_SHARE = 0.1  # the gap to the lower bound is worth an action from a tenth of the planned hours up


def session_actions(found: RosterReport) -> list[Action]:
    """The group trainings of a roster scheduled together: one per activity with sessions, ranked by
    the delivery hours they save (people in its sessions - sessions) x the activity's hours."""
    by_activity: dict[tuple[str, str], list[SessionRow]] = {}
    for s in found.sessions:
        by_activity.setdefault((s.skill, s.activity), []).append(s)
    out = [Action("session", session_saved(tuple(g)), sessions=tuple(g)) for g in by_activity.values()]
    out = [a for a in out if a.figure > 0]
    out.sort(key=lambda a: (-a.figure, a.sessions[0].name.casefold(), a.sessions[0].activity.casefold()))
    return out[:EACH]


def session_saved(sessions: tuple[SessionRow, ...]) -> float:
    """Delivery hours one activity's sessions save: (people - sessions) x its hours."""
    return round((sum(s.size for s in sessions) - len(sessions)) * sessions[0].hours, 2)


def gap_action(found: RosterReport) -> list[Action]:
    """The hours above the lower bound, when large: what taking activities in the same weeks could save."""
    savings = found.savings
    gap = round(savings.planned_hours - savings.lower_bound_hours, 2)
    if gap <= 0 or gap < GAP_SHARE * savings.planned_hours or not found.gaps:
        return []
    return [Action("gap", gap, gap=found.gaps[0])]


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
