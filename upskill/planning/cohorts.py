"""Group trainings proposed from shared gaps: people with a gap in the same skill at similar levels, with dates.

What the team report proposes when the plans were not scheduled together (`--no-sessions`, or an
anonymized report that leaves people out, whose roster figures would count them); scheduled
together, its group trainings are the sessions (sessions.py, team_roster.py). Split from team.py,
which calls `cohorts` once per skill with that skill's gaps by current level (tally.py's
`GapsByLevel`), listing people in id order or, for a team too large to list anyone, counting them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from upskill.planning.plan import span_weeks
from upskill.planning.schedule import choose_activities, week_end
from upskill.planning.sessions import shareable

if TYPE_CHECKING:
    from upskill.model import Catalog
    from upskill.planning.tally import GapsByLevel
    from upskill.planning.team_records import Person, TeamSettings


class Cohort(NamedTuple):
    """People with a gap in the same skill at similar levels: one group training instead of many."""

    skill: str
    name: str
    low: int  # lowest current level in the group
    high: int  # highest current level (low or low + 1)
    to: int  # the level every member needs at least
    members: tuple[Person, ...]  # empty when the team is too large to list people (then `size` counts them)
    activities: tuple[str, ...]  # what the group could take, from the catalog
    hours: float  # hours of those activities, per person
    session: int = 1  # 0: all the sessions at once (a head count: too many people to list)
    sessions: int = 1
    size: int = 0  # people in this session (session 0: in all of them)
    start: date | None = None  # proposed: --start, and the end at the catalog's usual weekly hours
    end: date | None = None

    @property
    def counted(self) -> int:
        """The sessions this entry stands for: 1, or all of them for a head count (session 0)."""
        return self.sessions if self.session == 0 else 1


def cohort_min(settings: TeamSettings) -> int:
    """The fewest people a group training lists: --cohort-min, and never fewer than --min-group."""
    return max(1, settings.cohort_min, settings.min_group)


def cohorts(
    catalog: Catalog,
    skill: str,
    name: str,
    gaps: GapsByLevel,
    people: Sequence[Person] | None,
    settings: TeamSettings,
    start: date | None,
) -> tuple[list[Cohort], int]:
    """Group the people with a gap in `skill` by similar current level; and count the groups hidden.

    A band is one current level, widened to the next level up when everyone at the lower
    level needs at least two levels more, so one training from the lower level serves all.
    Bands of at least `cohort_min(settings)` people become cohorts (those of at least
    --cohort-min but under --min-group are counted as hidden); those above `cohort_max` are
    split into sessions of near-equal size (a head count is one entry standing for all its
    sessions: `Cohort.session` 0). `gaps` holds the people with the gap by current
    level; `people[number]` is that person, numbered in id order (None: too many people to
    list, only counted). Every session is proposed from `start` for as many
    weeks as the longest cadence of its activities.
    """
    by_level = gaps.targets
    out: list[Cohort] = []
    fewest = cohort_min(settings)
    hidden = 0
    levels = sorted(by_level)
    i = 0
    while i < len(levels):
        low = levels[i]
        band = [low]
        if i + 1 < len(levels) and levels[i + 1] == low + 1 and min(by_level[low]) >= low + 2:
            band.append(low + 1)
            i += 1
        i += 1
        high = band[-1]
        count = sum(sum(by_level[lv].values()) for lv in band)
        if count < fewest:
            hidden += count >= settings.cohort_min
            continue
        to = min(min(by_level[lv]) for lv in band)
        # Only what people can take together: one's own on-the-job work or one-to-one coaching saves nothing
        whole = catalog.skills[skill]
        together = choose_activities(
            whole._replace(resources=tuple(r for r in whole.resources if shareable(r))),
            low,
            to,
            catalog.hours_per_level,
        ).activities
        if not together:
            continue
        titles = tuple(a.title for a in together)
        hours = round(sum(a.hours for a in together), 2)
        # At the catalog's usual weekly hours: a 30-hour course is not taken in its fewest week
        weeks = max(span_weeks(together, catalog.planning), math.ceil(hours / max(0.25, catalog.hours_per_week)))
        end = week_end(start, weeks) if start else None
        # In id order, to list them; counted only past READABLE people
        numbers = sorted(n for lv in band for n in gaps.numbers[lv]) if gaps.numbers is not None else None
        sessions = max(1, math.ceil(count / max(1, settings.cohort_max)))
        if numbers is None or people is None:  # a head count: one entry for all the sessions (session 0)
            out.append(Cohort(skill, name, low, high, to, (), titles, hours, 0, sessions, count, start, end))
            continue
        size, extra = divmod(count, sessions)
        first = 0
        for session in range(1, sessions + 1):
            last = first + size + (1 if session <= extra else 0)
            listed = tuple(people[m] for m in numbers[first:last])
            out.append(
                Cohort(
                    skill,
                    name,
                    low,
                    high,
                    to,
                    listed,
                    titles,
                    hours,
                    session,
                    sessions,
                    last - first,
                    start,
                    end,
                )
            )
            first = last
    return out, hidden
