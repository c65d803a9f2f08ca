"""Group trainings: people with a gap in the same skill at similar levels, with proposed dates.

Split from team.py, which calls `cohorts` once per skill with that skill's gaps packed into
numbers (`pack_gap`), so grouping is a sort of plain integers.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from upskill.planning.plan import span_weeks
from upskill.planning.schedule import choose_activities, week_end

if TYPE_CHECKING:
    from upskill.model import Catalog
    from upskill.planning.team import Person, TeamSettings


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
    session: int = 1
    sessions: int = 1
    size: int = 0  # people in this session
    start: date | None = None  # proposed: --start, and the end its activities' cadence gives
    end: date | None = None


def pack_gap(current: int, target: int, number: int) -> int:
    """A gap of one person in one skill as one number that sorts by current level, then target, then person."""
    return (current << 40) | (target << 32) | number


def _unpack_gap(value: int) -> tuple[int, int, int]:
    return value >> 40, (value >> 32) & 0xFF, value & 0xFFFFFFFF


def cohort_min(settings: TeamSettings) -> int:
    """The fewest people a group training lists: --cohort-min, and never fewer than --min-group."""
    return max(1, settings.cohort_min, settings.min_group)


def cohorts(
    catalog: Catalog,
    skill: str,
    name: str,
    packed: array[int],
    people: Sequence[Person] | None,
    settings: TeamSettings,
    start: date | None,
) -> tuple[list[Cohort], int]:
    """Group the people with a gap in `skill` by similar current level; and count the groups hidden.

    A band is one current level, widened to the next level up when everyone at the lower
    level needs at least two levels more, so one training from the lower level serves all.
    Bands of at least `cohort_min(settings)` people become cohorts (those of at least
    --cohort-min but under --min-group are counted as hidden); those above `cohort_max` are
    split into sessions of near-equal size. `packed` holds (current, target, number) per
    person with the gap; `people[number]` is that person, numbered in id order (None: too
    many people to list, only counted). Every session is proposed from `start` for as many
    weeks as the longest cadence of its activities.
    """
    by_level: dict[int, list[tuple[int, int]]] = {}
    for value in sorted(packed):  # by current level, then target, then number
        current, target, number = _unpack_gap(value)
        by_level.setdefault(current, []).append((target, number))
    out: list[Cohort] = []
    fewest = cohort_min(settings)
    hidden = 0
    levels = sorted(by_level)
    i = 0
    while i < len(levels):
        low = levels[i]
        band = by_level[low]
        high = low
        if i + 1 < len(levels) and levels[i + 1] == low + 1 and all(t >= low + 2 for t, _ in band):
            high = low + 1
            band = band + by_level[high]
            i += 1
        i += 1
        if len(band) < fewest:
            hidden += len(band) >= settings.cohort_min
            continue
        to = min(t for t, _ in band)
        choice = choose_activities(catalog.skills[skill], low, to, catalog.hours_per_level)
        titles = tuple(a.title for a in choice.activities)
        end = week_end(start, span_weeks(choice.activities, catalog.planning)) if start else None
        numbers = sorted(m for _, m in band)  # in id order
        sessions = max(1, math.ceil(len(numbers) / max(1, settings.cohort_max)))
        size, extra = divmod(len(numbers), sessions)
        first = 0
        for session in range(1, sessions + 1):
            last = first + size + (1 if session <= extra else 0)
            listed = tuple(people[m] for m in numbers[first:last]) if people is not None else ()
            out.append(
                Cohort(
                    skill,
                    name,
                    low,
                    high,
                    to,
                    listed,
                    titles,
                    round(choice.hours, 2),
                    session,
                    sessions,
                    last - first,
                    start,
                    end,
                )
            )
            first = last
    return out, hidden
