"""A roster's plans scheduled together: group sessions people can attend, and mentors from the roster.

Each plan is made alone first (plan.py); this module then reads a small `Learner` record of each
(`learner_of`) and decides, for the whole roster at once:

- Sessions. A shareable activity (`shareable`) taken by at least `cohort_min` people in the same
  weeks becomes a group session, split into sessions of `cohort_min` to `cohort_max` people (`split`).
  A session's weeks are the
  weeks each member's own plan gives that activity, so it lies inside every member's window and
  after every member's prerequisites (the plan put the activity there), and nobody's weekly hours
  change: a learner's hours do not drop by learning in a group, only the delivery hours do.
  Whoever takes the activity in weeks too few others do learns alone, and the plan says why.
- Mentors. A step's learner gets a mentor who holds the skill at or above the step's target level,
  on a current, undisputed assessment; within the learner's `--group-by` value first. A mentor
  gives at most `mentor_hours_per_week` in any week to all learners together, and mentors at most
  `mentor_max_learners` people over the run. The mentoring hours count in the learner's weekly
  budget (they are added only where the budget has room, to the minute) and as the mentor's job time:
  with the mentor's own on-the-job work, within `max_job_hours_per_week` in every week.
- Savings, in delivery hours of shareable activities: alone (everyone taught one to one), planned
  (one delivery per session, plus one per person learning alone) and a lower bound (each activity's
  learners in as few deliveries as sessions of `cohort_min` to `cohort_max` allow, whatever their
  weeks: `fewest_deliveries`): lower <= planned <= alone.

Everything is decided in input order and sorted keys: the same roster gives the same schedule.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from upskill.model import Planning, Resource

QUARTER = 15  # mentoring is given in quarter hours (minutes)
SCAN = 64  # at most this many mentors are tried for one step (the nearest levels first)


def shareable(resource: Resource) -> bool:
    """Can people take this activity together? `group:` when the catalog says; else courses and reading only.

    On-the-job work (a project, coaching one's own caseload, shadowing) and learning from others
    (one-to-one coaching, mentoring) are personal unless the catalog marks them `group: true`.
    """
    if resource.group is not None:
        return resource.group
    return resource.kind == "formal"


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


class Learner(NamedTuple):
    """What scheduling needs of one member's plan (a few hundred bytes, whatever the plan's size)."""

    id: str  # as the outputs show it (the pseudonym under --anonymize)
    name: str
    group: str  # the --group-by value ("" when none)
    budget: int  # weekly learning budget, minutes
    load: tuple[int, ...]  # learning minutes of calendar weeks 1, 2, ... (at most; closed weeks: the budget)
    shared: tuple[Shared, ...]
    needs: tuple[Need, ...]
    held: tuple[tuple[str, int], ...]  # (skill, level) on a current, undisputed assessment: who can mentor
    job: tuple[int, ...] = ()  # the person's own on-the-job minutes of calendar weeks 1, 2, ... (at least)


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


class Schedule(NamedTuple):
    sessions: tuple[Session, ...]
    alone: tuple[tuple[int, str, str, str], ...]  # (learner, skill, title, why) learning a shareable activity alone
    pairs: tuple[Pair, ...]
    unmatched: tuple[tuple[int, str, str], ...]  # (learner, skill, why no mentor)
    savings: Savings


def schedule(
    learners: Sequence[Learner], planning: Planning, cohort_max: int, *, sessions: bool = True, cohort_min: int = 2
) -> Schedule:
    """The roster's sessions, mentor pairs and savings (`sessions=False`: everyone learns alone, no mentors).

    A session runs with `cohort_min` to `cohort_max` people: at least 2 (`cohort_max` 1: no sessions), and a
    minimum above the maximum is the maximum.
    """
    cohort_max = max(1, cohort_max)
    cohort_min = min(max(2, cohort_min), max(2, cohort_max))
    found, alone = _sessions(learners, cohort_min, cohort_max) if sessions else ((), _everyone_alone(learners))
    pairs, unmatched = _mentors(learners, planning) if sessions else ((), ())
    return Schedule(found, alone, pairs, unmatched, _savings(learners, found, alone, cohort_min, cohort_max))


def _everyone_alone(learners: Sequence[Learner]) -> tuple[tuple[int, str, str, str], ...]:
    return tuple((n, s.skill, s.title, "") for n, learner in enumerate(learners) for s in learner.shared)


def split(count: int, cohort_min: int, cohort_max: int) -> tuple[int, ...]:
    """The sizes of the sessions `count` people in the same weeks form; whoever is left over learns alone.

    As few sessions as `cohort_max` allows, of near-equal size, each of at least `cohort_min`. When
    that many sessions cannot all reach the minimum (4 people, sessions of 3 to 3), as many full
    sessions as the minimum allows, and the rest (fewer than the minimum) alone.
    """
    parts = min(math.ceil(count / cohort_max), count // cohort_min)
    if parts == 0 or cohort_min > cohort_max:
        return ()
    if parts * cohort_max < count:
        return (cohort_max,) * parts
    size, extra = divmod(count, parts)
    return tuple(size + (part < extra) for part in range(parts))


def fewest_deliveries(count: int, cohort_min: int, cohort_max: int) -> int:
    """The fewest deliveries of an activity `count` people take, whatever their weeks: the lower bound's count."""
    sizes = split(count, cohort_min, cohort_max)
    return len(sizes) + count - sum(sizes)


def _alone_why(together: int, cohort_min: int, elsewhere: int) -> str:
    """Why someone of `together` people taking an activity in the same weeks learns it alone (plan text);
    `elsewhere`: how many others take it in other weeks (nobody is moved to meet them: docs/team.md)."""
    if together >= cohort_min:
        return "the group sessions in these weeks are full, and too few people are left for another"
    if together == 1:
        why = "no one else in the team takes it in these weeks"
    else:
        others = "1 other person" if together == 2 else f"{together - 1} others"
        why = (
            f"too few people take it in these weeks: only you and {others} in the team, "
            f"and a group session needs at least {cohort_min}"
        )
    if elsewhere:
        why += f", though {'1 other person does' if elsewhere == 1 else f'{elsewhere} others do'} in other weeks"
    return why


def _sessions(
    learners: Sequence[Learner], cohort_min: int, cohort_max: int
) -> tuple[tuple[Session, ...], tuple[tuple[int, str, str, str], ...]]:
    # Learner numbers as 4-byte arrays: a million people's few activities each stay a few MB
    by_weeks: dict[tuple[str, str, float, int, int], array[int]] = defaultdict(lambda: array("I"))
    for number, learner in enumerate(learners):
        for s in learner.shared:
            by_weeks[(s.skill, s.title, s.hours, s.first_week, s.last_week)].append(number)
    found: list[Session] = []
    alone: list[tuple[int, str, str, str]] = []
    whys: dict[tuple[int, int], str] = {}  # one string per (size, others elsewhere), not one per person alone
    takers: dict[tuple[str, str, float], int] = defaultdict(int)  # everyone taking each activity, in any weeks
    for (skill, title, hours, _, _), people in by_weeks.items():
        takers[(skill, title, hours)] += len(people)
    for key in sorted(by_weeks):
        skill, title, hours, first, last = key
        people = by_weeks[key]
        at = 0
        for size in split(len(people), cohort_min, cohort_max):
            found.append(Session(f"S{len(found) + 1}", skill, title, hours, first, last, people[at : at + size]))
            at += size
        if at < len(people):
            together, elsewhere = len(people), takers[(skill, title, hours)] - len(people)
            why = whys.get((together, elsewhere))
            if why is None:
                why = whys[(together, elsewhere)] = _alone_why(together, cohort_min, elsewhere)
            alone.extend((number, skill, title, why) for number in people[at:])
    alone.sort()
    return tuple(found), tuple(alone)


def _savings(
    learners: Sequence[Learner],
    found: Sequence[Session],
    alone: Sequence[tuple[int, str, str, str]],
    cohort_min: int,
    cohort_max: int,
) -> Savings:
    per_activity: dict[tuple[str, str, float], int] = defaultdict(int)
    for learner in learners:
        for s in learner.shared:
            per_activity[(s.skill, s.title, s.hours)] += 1
    alone_total = sum(hours * count for (_, _, hours), count in per_activity.items())
    lower = sum(
        hours * fewest_deliveries(count, cohort_min, cohort_max) for (_, _, hours), count in per_activity.items()
    )
    hours_of = {(skill, title): hours for skill, title, hours in per_activity}
    planned = sum(s.hours for s in found) + sum(hours_of[(a[1], a[2])] for a in alone)
    return Savings(round(alone_total, 2), round(planned, 2), round(lower, 2))


class _Mentors:
    """Who can mentor each skill, by level (and --group-by value), and what each mentor has given so far.

    A learner's mentor is looked for at the level aimed for first, then each level above (the
    nearest level keeps the most expert people for the most advanced learners), each in input
    order; within the learner's group first. Mentors who have all the learners they may take are
    dropped from the lists as they are met, and at most `SCAN` mentors are tried for one step, so
    a roster of a million is scheduled in linear time.
    """

    def __init__(self, learners: Sequence[Learner], planning: Planning):
        self.cap = round(planning.mentor_hours_per_week * 60)
        # Mentoring is the mentor's job time: with their own on-the-job work, within this in every week
        self.job_cap = round(planning.max_job_hours_per_week * 60)
        self.learners = learners
        self.most = planning.mentor_max_learners
        # (skill, level, group or None) -> holders in input order, and how many at its front are full
        self.at: dict[tuple[str, int, str | None], array[int]] = defaultdict(lambda: array("I"))
        self.head: dict[tuple[str, int, str | None], int] = defaultdict(int)
        self.levels: dict[str, set[int]] = defaultdict(set)
        self.held: dict[tuple[str, int], list[int]] = defaultdict(list)  # the first two holders of each level
        for number, learner in enumerate(learners):
            for skill, level in learner.held:
                self.at[(skill, level, None)].append(number)
                if len(self.held[(skill, level)]) < 2:
                    self.held[(skill, level)].append(number)
                if learner.group:
                    self.at[(skill, level, learner.group)].append(number)
                self.levels[skill].add(level)
        self.count: dict[int, int] = {}  # mentor -> learners taken (only those who took any)
        self.given: dict[int, dict[int, int]] = defaultdict(dict)  # mentor -> week -> minutes

    def candidates(self, skill: str, level: int, group: str, learner: int) -> Iterator[int]:
        """Those who may mentor `learner` in `skill` at `level` or above, in the order they are tried."""
        levels = sorted(lv for lv in self.levels.get(skill, ()) if lv >= level)
        tried = 0
        for key_group in (group, None) if group else (None,):
            for lv in levels:
                key = (skill, lv, key_group)
                queue = self.at.get(key)
                if not queue:
                    continue
                head, count, most = self.head[key], self.count, self.most
                while head < len(queue) and count.get(queue[head], 0) >= most:  # full: never tried again
                    head += 1
                self.head[key] = head
                for i in range(head, len(queue)):
                    mentor = queue[i]
                    if mentor != learner and count.get(mentor, 0) < most:
                        yield mentor
                        tried += 1
                        if tried >= SCAN:
                            return

    def able(self, skill: str, level: int, learner: int) -> bool:
        """Does anyone but `learner` hold `skill` at `level` or above (full or not)?"""
        return any(
            any(m != learner for m in self.held.get((skill, lv), ()))
            for lv in self.levels.get(skill, ())
            if lv >= level
        )

    def fits(self, mentor: int, minutes: int, first: int, last: int) -> bool:
        given = self.given.get(mentor, {})
        job = self.learners[mentor].job
        for w in range(first, last + 1):
            mentoring = given.get(w, 0) + minutes
            own = job[w - 1] if w <= len(job) else 0
            if mentoring > self.cap or own + mentoring > self.job_cap:
                return False
        return True

    def take(self, mentor: int, minutes: int, first: int, last: int) -> None:
        self.count[mentor] = self.count.get(mentor, 0) + 1
        given = self.given[mentor]
        for w in range(first, last + 1):
            given[w] = given.get(w, 0) + minutes


def room(learner: Learner, extra: dict[int, int], first: int, last: int) -> int:
    """The fewest minutes left in the learner's budget over weeks `first`..`last` (extra: mentoring so far)."""
    load = learner.load
    return min(
        learner.budget - (load[w - 1] if w <= len(load) else 0) - extra.get(w, 0) for w in range(first, last + 1)
    )


def _mentors(
    learners: Sequence[Learner], planning: Planning
) -> tuple[tuple[Pair, ...], tuple[tuple[int, str, str], ...]]:
    book = _Mentors(learners, planning)
    pairs: list[Pair] = []
    unmatched: list[tuple[int, str, str]] = []
    for number, learner in enumerate(learners):
        extra: dict[int, int] = {}
        for need in learner.needs:
            why = _match(book, number, learner, need, extra, pairs)
            if why:
                unmatched.append((number, need.skill, why))
    return tuple(pairs), tuple(unmatched)


def _match(book: _Mentors, number: int, learner: Learner, need: Need, extra: dict[int, int], pairs: list[Pair]) -> str:
    """Pair `learner`'s `need` with a mentor (appended to `pairs`), or say why not."""
    if not book.able(need.skill, need.level, number):
        return "no one in the roster holds this skill at the level you aim for"
    minutes = min(book.cap, room(learner, extra, need.first_week, need.last_week)) // QUARTER * QUARTER
    if minutes <= 0:
        return "your weekly learning time has no room for mentoring in these weeks"
    for mentor in book.candidates(need.skill, need.level, learner.group, number):
        if book.fits(mentor, minutes, need.first_week, need.last_week):
            book.take(mentor, minutes, need.first_week, need.last_week)
            for w in range(need.first_week, need.last_week + 1):
                extra[w] = extra.get(w, 0) + minutes
            pairs.append(
                Pair(mentor, number, need.skill, need.level, minutes, need.first_week, need.last_week, need.name)
            )
            return ""
    return "everyone in the roster at the level already mentors as much as they can"
