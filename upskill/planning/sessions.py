"""A roster's plans scheduled together: group sessions people can attend, and mentors from the roster.

Each plan is made alone first (plan.py); this module then reads a small `Learner` record of each
(`learner_of`) and decides, for the whole roster at once:

- Sessions. A shareable activity (`shareable`) taken by several people in the same weeks becomes
  one group session, split into sessions of at most `cohort_max` people. A session's weeks are the
  weeks each member's own plan gives that activity, so it lies inside every member's window and
  after every member's prerequisites (the plan put the activity there), and nobody's weekly hours
  change: a learner's hours do not drop by learning in a group, only the delivery hours do.
  Whoever takes the activity in weeks nobody else does learns alone, and the plan says so.
- Mentors. A step's learner gets a mentor who holds the skill at or above the step's target level,
  on a current, undisputed assessment; within the learner's `--group-by` value first. A mentor
  gives at most `mentor_hours_per_week` in any week to all learners together, and mentors at most
  `mentor_max_learners` people over the run. The mentoring hours count in the learner's weekly
  budget (they are added only where the budget has room, to the minute) and as the mentor's job time:
  with the mentor's own on-the-job work, within `max_job_hours_per_week` in every week.
- Savings, in delivery hours of shareable activities: alone (everyone taught one to one), planned
  (one delivery per session, plus one per person learning alone) and a lower bound (each activity's
  learners in as few sessions as `cohort_max` allows, whatever their weeks): lower <= planned <= alone.

Everything is decided in input order and sorted keys: the same roster gives the same schedule.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from upskill.model import Placement, Planning, Resource, Step
from upskill.planning.mentors import Mentors, match_mentors
from upskill.planning.roster_arrays import Rows, Table, Tagged
from upskill.planning.roster_records import Activity, Learner, Pair, Savings, Session
from upskill.planning.session_sizes import alone_why, fewest_deliveries, split


def shareable(resource: Resource) -> bool:
    """Can people take this activity together? `group:` when the catalog says; else courses and reading only.

    On-the-job work (a project, coaching one's own caseload, shadowing) and learning from others
    (one-to-one coaching, mentoring) are personal unless the catalog marks them `group: true`.
    """
    if resource.group is not None:
        return resource.group
    return resource.kind == "formal"


def mentoring_activity(step: Step) -> Placement | None:
    """The step's own mentoring (`format: mentoring`: someone more experienced works through it with
    you), which a mentor from the roster gives: its hours are already in the learner's budget."""
    return next((p for p in step.placed if p.resource.format == "mentoring"), None)


class Schedule(NamedTuple):
    """The roster's schedule. Its lists are arrays of numbers (roster_arrays.py), read as tuples.

    Made with `keep=False` (`upskill team` past `LISTED` people), `alone`, `pairs` and `unmatched` are
    empty: only their `counts` are kept, and `activities` gives what the report says of each activity.
    """

    sessions: Sessions
    alone: Sequence[tuple[int, str, str, str]]  # (learner, skill, title, why) learning a shareable activity alone
    pairs: Sequence[Pair]
    unmatched: Sequence[tuple[int, str, str]]  # (learner, skill, why no mentor)
    savings: Savings
    counts: tuple[int, int, int]  # mentor pairs, activities learned alone, steps without a mentor
    activities: tuple[Activity, ...]  # in the order first met in the roster


def schedule(
    learners: Iterable[Learner],
    planning: Planning,
    cohort_max: int,
    *,
    sessions: bool = True,
    keep: bool = True,
    cohort_min: int = 2,
    askers: Iterable[Learner] | None = None,
) -> Schedule:
    """The roster's sessions, mentor pairs and savings (`sessions=False`: everyone learns alone, no mentors).

    `learners` is read twice, in order (a batch reads it back from its member store each time); `askers`, when
    given, serves the second read, the mentor search: the same learners in order, with at least their group,
    budget, load and needs (a batch's store decodes only that part of each record: `attend.asker`), and then
    `learners` is read once and needs only ids, names, groups, shared activities, levels held and job time.
    `keep=False`: the people learning alone, the pairs and the steps without a mentor are counted, not kept.
    A session runs with `cohort_min` to `cohort_max` people: at least 2 (`cohort_max` 1: no sessions), and a
    minimum above the maximum is the maximum.
    """
    cohort_max = max(1, cohort_max)
    cohort_min = min(max(2, cohort_min), max(2, cohort_max))
    seen = _Seen(learners, planning, sessions, keep)  # the first read
    if sessions:
        found, alone = _sessions(seen.by_weeks, seen.per_activity, cohort_min, cohort_max)
        book = (
            match_mentors(learners if askers is None else askers, seen.book) if seen.book is not None else None
        )  # the second read
    else:
        found, alone, book = Sessions(), seen.everyone, None
    savings, activities = _savings(seen, found, alone, cohort_min, cohort_max)
    counts = (book.made if book else 0, len(alone), book.unmatched_count if book else 0)
    pairs: Sequence[Pair] = book.pairs if book and keep else ()
    unmatched: Sequence[tuple[int, str, str]] = book.unmatched if book and keep else ()
    return Schedule(found, alone if keep else (), pairs, unmatched, savings, counts, activities)


class Sessions(Rows[Session]):
    """Sessions as arrays: each its activity and weeks (a number in `keys`) and its members, end to end."""

    def __init__(self) -> None:
        self.keys: Table[tuple[str, str, float, int, int]] = Table()
        self.key, self.ends, self.members = array("I"), array("Q", [0]), array("I")

    def add(self, key: tuple[str, str, float, int, int], members: array[int]) -> None:
        self.key.append(self.keys.number(key))
        self.members.extend(members)
        self.ends.append(len(self.members))

    def __len__(self) -> int:
        return len(self.key)

    def size(self, i: int) -> int:
        return self.ends[i + 1] - self.ends[i]

    def activity(self, i: int) -> tuple[str, str, float, int, int]:
        """(skill, title, hours, first week, last week) of session `i`."""
        return self.keys.values[self.key[i]]

    def _row(self, i: int) -> Session:
        return Session(f"S{i + 1}", *self.activity(i), self.members[self.ends[i] : self.ends[i + 1]])


class _Seen:
    """The first read of the learners: the activities taken in each weeks, counted; who can mentor."""

    def __init__(self, learners: Iterable[Learner], planning: Planning, sessions: bool, keep: bool):
        # Learner numbers as 4-byte arrays: a million people's few activities each stay a few MB
        self.by_weeks: dict[tuple[str, str, float, int, int], array[int]] = defaultdict(lambda: array("I"))
        self.per_activity: dict[tuple[str, str, float], int] = defaultdict(int)
        self.last_hours: dict[tuple[str, str], float] = {}  # first met order, the hours last met
        self.count: dict[tuple[str, str], int] = defaultdict(int)
        self.everyone = Tagged(Table())  # sessions=False: each activity as learned alone, in learner order
        self.book = Mentors(planning, keep) if sessions else None
        by_weeks, per_activity, last_hours, count, book = (
            self.by_weeks,
            self.per_activity,
            self.last_hours,
            self.count,
            self.book,
        )
        for number, learner in enumerate(learners):
            # (a `Shared` is the tuple (skill, title, hours, first week, last week) itself: the grouping's key)
            for shared in learner.shared:
                by_weeks[shared].append(number)
                if not sessions:
                    self.everyone.append(number, self.everyone.tags.number((*shared[:2], "")))
                last_hours[shared[:2]] = shared[2]
            if book is not None:
                book.add(number, learner)
        if book is not None:
            book.ready()
        # Each activity's learners counted from the grouping, once per weeks, not once per learner (a key is first
        # met with its activity's first learner: the activities are counted in the order first met, as listed)
        for (skill, title, hours, _, _), people in by_weeks.items():
            per_activity[(skill, title, hours)] += len(people)
            count[(skill, title)] += len(people)
        if not sessions:
            by_weeks.clear()


def _sessions(
    by_weeks: dict[tuple[str, str, float, int, int], array[int]],
    takers: dict[tuple[str, str, float], int],
    cohort_min: int,
    cohort_max: int,
) -> tuple[Sessions, Tagged]:
    """Sessions of `cohort_min` to `cohort_max` people (`split`); whoever is left learns alone, with why."""
    found = Sessions()
    # (skill, title, why) numbered as the sorted keys first meet them: in their sorted order
    alone = Tagged(Table())
    whys: dict[tuple[int, int], str] = {}  # one string per (size, others elsewhere), not one per person alone
    for key in sorted(by_weeks):
        skill, title, hours = key[:3]
        people = by_weeks.pop(key)  # (the grouping is read once: each array freed as it is done)
        at = 0
        for size in split(len(people), cohort_min, cohort_max):
            found.add(key, people[at : at + size])
            at += size
        if at < len(people):
            together, elsewhere = len(people), takers[(skill, title, hours)] - len(people)
            why = whys.get((together, elsewhere))
            if why is None:
                why = whys[(together, elsewhere)] = alone_why(together, cohort_min, elsewhere)
            tag = alone.tags.number((skill, title, why))
            for number in people[at:]:
                alone.append(number, tag)
    alone.sort()
    return found, alone


def _activity(tag: tuple[str, ...]) -> tuple[str, str]:
    """(skill, title) of an entry learned alone (its tag: skill, title, why)."""
    return tag[0], tag[1]


def _savings(
    seen: _Seen, found: Sessions, alone: Tagged, cohort_min: int, cohort_max: int
) -> tuple[Savings, tuple[Activity, ...]]:
    per_activity = seen.per_activity
    alone_total = sum(hours * count for (_, _, hours), count in per_activity.items())
    lower = sum(
        hours * fewest_deliveries(count, cohort_min, cohort_max) for (_, _, hours), count in per_activity.items()
    )
    hours_of = {(skill, title): hours for skill, title, hours in per_activity}
    planned = sum(found.activity(i)[2] for i in range(len(found)))
    planned += sum(hours_of[_activity(alone.tag(i))] for i in range(len(alone)))
    deliveries: dict[tuple[str, str], int] = defaultdict(int)
    for i in range(len(found)):
        deliveries[found.activity(i)[:2]] += 1
    for i in range(len(alone)):
        deliveries[_activity(alone.tag(i))] += 1
    activities = tuple(
        Activity(skill, title, seen.last_hours[(skill, title)], n, deliveries[(skill, title)])
        for (skill, title), n in seen.count.items()
    )
    return Savings(round(alone_total, 2), round(planned, 2), round(lower, 2)), activities
