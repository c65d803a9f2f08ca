"""The records a roster's schedule is made from and of (sessions.py, mentors.py): small NamedTuples.

A `Learner` is what scheduling reads of one member's plan (attend.py makes it); `Session`, `Pair`,
`Savings` and `Activity` are what the schedule holds, read from its arrays (roster_arrays.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import NamedTuple


class Shared(NamedTuple):
    """One shareable activity in one learner's plan, with the weeks the plan gives it."""

    skill: str
    title: str
    hours: float
    first_week: int
    last_week: int


class Need(NamedTuple):
    """One step of a learner's plan: the skill, the level aimed for, and the step's weeks."""

    skill: str
    level: int
    first_week: int
    last_week: int
    name: str = ""  # the skill's name, as the catalog writes it
    own: int = 0  # minutes a week of the step's own mentoring activity (then the weeks are its weeks); 0: none


class Learner(NamedTuple):
    """What scheduling needs of one member's plan (a few hundred bytes, whatever the plan's size)."""

    id: str  # as the outputs show it (the pseudonym under --anonymize)
    name: str
    group: str  # the --group-by value ("" when none)
    budget: int  # weekly learning budget, minutes
    # Learning minutes of calendar weeks (at most; closed weeks: the budget), as runs: (first week, last week,
    # minutes) end to end, a week in no run 0, in several the most (`week_minutes`). A plan's dozen runs
    # rather than its hundred-odd weeks: less to make, keep in the member store, read back and scan.
    load: tuple[int, ...]
    shared: tuple[Shared, ...]
    needs: tuple[Need, ...]
    held: tuple[tuple[str, int], ...]  # (skill, level) on a current, undisputed assessment: who can mentor
    job: tuple[int, ...] = ()  # the person's own on-the-job minutes a week (at least), as runs the same way


class Session(NamedTuple):
    """A group session: the same activity, the same weeks, at most `cohort_max` people."""

    id: str
    skill: str
    title: str
    hours: float
    first_week: int
    last_week: int
    members: Sequence[int]  # learner numbers (input order): an array of 4-byte numbers


class Pair(NamedTuple):
    """A mentor from the roster and one learner, for one step's weeks."""

    mentor: int
    learner: int
    skill: str
    level: int
    minutes_per_week: int
    first_week: int
    last_week: int
    name: str = ""  # the skill's name


class Savings(NamedTuple):
    """Delivery hours of shareable activities (docs/team.md)."""

    alone_hours: float
    planned_hours: float
    lower_bound_hours: float


class Activity(NamedTuple):
    """One shareable activity over the roster (skill and title): what the team report's gap action reads."""

    skill: str
    title: str
    hours: float  # as the last plan to take it gives them
    learners: int
    deliveries: int  # its sessions, plus the people who learn it alone


def week_minutes(runs: Sequence[int], first: int, last: int) -> list[int]:
    """The minutes of weeks `first`..`last` from `runs` (a `Learner`'s `load` or `job`)."""
    found = [0] * (last - first + 1)
    for i in range(0, len(runs), 3):
        a, b = max(runs[i], first) - first, min(runs[i + 1], last) - first + 1
        if a < b:  # the run's weeks at its minutes, or more (the week by week maximum, in C)
            found[a:b] = map(max, found[a:b], repeat(runs[i + 2]))
    return found


def runs_of(weekly: Sequence[int]) -> tuple[int, ...]:
    """Week-by-week minutes (of weeks 1, 2, ...) as runs (`Learner.load`): the weeks with minutes, in order."""
    runs: list[int] = []
    for w, minutes in enumerate(weekly, 1):
        if not minutes:
            continue
        if runs and runs[-2] == w - 1 and runs[-1] == minutes:
            runs[-2] = w
        else:
            runs += (w, w, minutes)
    return tuple(runs)
