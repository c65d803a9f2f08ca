"""The records a roster's schedule is made from and of (sessions.py, mentors.py): small NamedTuples.

A `Learner` is what scheduling reads of one member's plan (attend.py makes it); `Session`, `Pair`,
`Savings` and `Activity` are what the schedule holds, read from its arrays (roster_arrays.py).
"""

from __future__ import annotations

from collections.abc import Sequence
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
    load: Sequence[int]  # learning minutes of calendar weeks 1, 2, ... (at most; closed weeks: the budget)
    shared: tuple[Shared, ...]
    needs: tuple[Need, ...]
    held: tuple[tuple[str, int], ...]  # (skill, level) on a current, undisputed assessment: who can mentor
    job: Sequence[int] = ()  # the person's own on-the-job minutes of calendar weeks 1, 2, ... (at least)
    # (`learner_of` and the member store give both as arrays of 4-byte numbers: one object to keep and read back)


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
