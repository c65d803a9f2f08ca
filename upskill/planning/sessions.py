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

import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from upskill.model import Planning, Resource
from upskill.planning.roster_arrays import Rows, Table, Tagged, columns

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


class Activity(NamedTuple):
    """One shareable activity over the roster (skill and title): what the team report's gap action reads."""

    skill: str
    title: str
    hours: float  # as the last plan to take it gives them
    learners: int
    deliveries: int  # its sessions, plus the people who learn it alone


class Schedule(NamedTuple):
    """The roster's schedule. Its lists are arrays of numbers (roster_arrays.py), read as tuples.

    Made with `keep=False` (`upskill team` past `LISTED` people), `alone`, `pairs` and `unmatched` are
    empty: only their `counts` are kept, and `activities` gives what the report says of each activity.
    """

    sessions: Sequence[Session]
    alone: Sequence[tuple[int, str, str]]  # (learner, skill, title) learning a shareable activity alone
    pairs: Sequence[Pair]
    unmatched: Sequence[tuple[int, str, str]]  # (learner, skill, why no mentor)
    savings: Savings
    counts: tuple[int, int, int]  # mentor pairs, activities learned alone, steps without a mentor
    activities: tuple[Activity, ...]  # in the order first met in the roster


def schedule(
    learners: Iterable[Learner], planning: Planning, cohort_max: int, *, sessions: bool = True, keep: bool = True
) -> Schedule:
    """The roster's sessions, mentor pairs and savings (`sessions=False`: everyone learns alone, no mentors).

    `learners` is read twice, in order (a batch reads it back from its member store each time).
    `keep=False`: the people learning alone, the pairs and the steps without a mentor are counted, not kept.
    """
    cohort_max = max(1, cohort_max)
    seen = _Seen(learners, planning, sessions, keep)  # the first read
    if sessions:
        found, alone = _sessions(seen.by_weeks, cohort_max)
        book = _mentors(learners, seen.book) if seen.book is not None else None  # the second read
    else:
        found, alone, book = Sessions(), seen.everyone, None
    savings, activities = _savings(seen, found, alone, cohort_max)
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
        self.book = _Mentors(planning, keep) if sessions else None
        by_weeks, per_activity, last_hours, count, book = (
            self.by_weeks,
            self.per_activity,
            self.last_hours,
            self.count,
            self.book,
        )
        for number, learner in enumerate(learners):
            for s in learner.shared:
                skill, title, hours = s.skill, s.title, s.hours
                if sessions:
                    by_weeks[(skill, title, hours, s.first_week, s.last_week)].append(number)
                else:
                    self.everyone.append(number, self.everyone.tags.number((skill, title)))
                per_activity[(skill, title, hours)] += 1
                count[(skill, title)] += 1
                last_hours[(skill, title)] = hours
            if book is not None:
                book.add(number, learner)
        if book is not None:
            book.ready()


def _sessions(by_weeks: dict[tuple[str, str, float, int, int], array[int]], cohort_max: int) -> tuple[Sessions, Tagged]:
    found = Sessions()
    # (skill, title) numbered as the sorted keys first meet them: in their sorted order
    alone = Tagged(Table())
    for key in sorted(by_weeks):
        skill, title = key[:2]
        people = by_weeks.pop(key)  # (the grouping is read once: each array freed as it is done)
        count = len(people)
        parts = math.ceil(count / cohort_max)
        size, extra = divmod(count, parts)
        at = 0
        for part in range(parts):
            chunk = people[at : at + size + (part < extra)]
            at += len(chunk)
            if len(chunk) == 1:
                alone.append(chunk[0], alone.tags.number((skill, title)))
            else:
                found.add(key, chunk)
    alone.sort()
    return found, alone


def _savings(seen: _Seen, found: Sessions, alone: Tagged, cohort_max: int) -> tuple[Savings, tuple[Activity, ...]]:
    per_activity = seen.per_activity
    alone_total = sum(hours * count for (_, _, hours), count in per_activity.items())
    lower = sum(hours * math.ceil(count / cohort_max) for (_, _, hours), count in per_activity.items())
    hours_of = {(skill, title): hours for skill, title, hours in per_activity}
    planned = sum(found.activity(i)[2] for i in range(len(found)))
    planned += sum(hours_of[alone.tag(i)] for i in range(len(alone)))
    deliveries: dict[tuple[str, str], int] = defaultdict(int)
    for i in range(len(found)):
        deliveries[found.activity(i)[:2]] += 1
    for i in range(len(alone)):
        deliveries[alone.tag(i)] += 1
    activities = tuple(
        Activity(skill, title, seen.last_hours[(skill, title)], n, deliveries[(skill, title)])
        for (skill, title), n in seen.count.items()
    )
    return Savings(round(alone_total, 2), round(planned, 2), round(lower, 2)), activities


class Pairs(Rows[Pair]):
    """Mentor pairs as arrays, each pair also linked to the same mentor's previous one (what a mentor gives).

    `keep=False`: only what the mentors' caps are checked against (weeks, minutes, the link).
    """

    def __init__(self, keep: bool = True):
        self.keep = keep
        self.needs: Table[tuple[str, int, str]] = Table()  # (skill, level, skill name)
        self.mentor, self.learner, self.need, self.minutes = columns("I", "I", "I", "I")
        self.first, self.last, self.previous = columns("H", "H", "i")
        self.made = 0

    def add(self, mentor: int, learner: int, need: Need, minutes: int, previous: int) -> int:
        """Append a pair (`previous`: the mentor's last pair, or -1); its number."""
        if self.keep:
            self.mentor.append(mentor)
            self.learner.append(learner)
            self.need.append(self.needs.number((need.skill, need.level, need.name)))
        self.minutes.append(minutes)
        self.first.append(need.first_week)
        self.last.append(need.last_week)
        self.previous.append(previous)
        self.made += 1
        return self.made - 1

    def __len__(self) -> int:
        return len(self.mentor)

    def _row(self, i: int) -> Pair:
        skill, level, name = self.needs.values[self.need[i]]
        mentor, learner = self.mentor[i], self.learner[i]
        return Pair(mentor, learner, skill, level, self.minutes[i], self.first[i], self.last[i], name)


NO_ONE = "no one in the roster holds this skill at the level you aim for"
NO_ROOM = "your weekly learning time has no room for mentoring in these weeks"
ALL_BUSY = "everyone in the roster at the level already mentors as much as they can"


class _Mentors:
    """Who can mentor each skill, by level (and --group-by value), and what each mentor has given so far.

    A learner's mentor is looked for at the level aimed for first, then each level above (the
    nearest level keeps the most expert people for the most advanced learners), each in input
    order; within the learner's group first. Mentors who have all the learners they may take are
    dropped from the lists as they are met, and at most `SCAN` mentors are tried for one step, so
    a roster of a million is scheduled in linear time. Per person it keeps 12 bytes and the weeks in
    which its own job time leaves less than `mentor_hours_per_week` (rare); per pair 12 bytes more.
    """

    def __init__(self, planning: Planning, keep: bool = True):
        self.cap = round(planning.mentor_hours_per_week * 60)
        # Mentoring is the mentor's job time: with their own on-the-job work, within this in every week
        self.job_cap = round(planning.max_job_hours_per_week * 60)
        self.limit = min(self.cap, self.job_cap)  # a week's mentoring never goes over this
        self.most = planning.mentor_max_learners
        # (skill, level, group or None) -> holders in input order
        self.at: dict[tuple[str, int, str | None], array[int]] = defaultdict(lambda: array("I"))
        self.jump: dict[tuple[str, int, str | None], array[int]] = {}  # see `_open`
        self.levels: dict[str, set[int]] = defaultdict(set)
        self.held: dict[tuple[str, int], list[int]] = defaultdict(list)  # the first two holders of each level
        self.count = array("I")  # person -> learners taken
        self.latest = array("i")  # person -> their latest pair as a mentor, or -1
        # Person n's weeks whose own job minutes leave less than `cap` for mentoring: tight[at[n]:at[n + 1]],
        # each week << 16 | minutes (in the other weeks, no mentoring within `limit` can go over `job_cap`)
        self.tight, self.tight_at = array("I"), array("Q", [0])
        self.pairs = Pairs(keep)
        self.unmatched = Tagged(Table())
        self.unmatched_count = 0
        self.keep = keep

    @property
    def made(self) -> int:
        return self.pairs.made

    def add(self, number: int, learner: Learner) -> None:
        """Read `learner` (number `number`, in order) as a possible mentor."""
        self.count.append(0)
        self.latest.append(-1)
        if learner.held:
            floor = self.job_cap - self.cap
            self.tight.extend(w << 16 | own for w, own in enumerate(learner.job, 1) if own > floor)
        self.tight_at.append(len(self.tight))
        for skill, level in learner.held:
            self.at[(skill, level, None)].append(number)
            if len(self.held[(skill, level)]) < 2:
                self.held[(skill, level)].append(number)
            if learner.group:
                self.at[(skill, level, learner.group)].append(number)
            self.levels[skill].add(level)

    def ready(self) -> None:
        self.at = dict(self.at)  # (no more keys: a lookup of a level nobody holds adds none)

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
                i = self._open(key, queue, 0)
                while i < len(queue):
                    mentor = queue[i]
                    if mentor != learner:
                        yield mentor
                        tried += 1
                        if tried >= SCAN:
                            return
                    i = self._open(key, queue, i + 1)

    def _open(self, key: tuple[str, int, str | None], queue: array[int], i: int) -> int:
        """The first place from `i` on in `queue` whose mentor is not full (or its length).

        A full mentor stays full, so each place remembers where to go on from (`jump`, shortened
        as it is walked): a million learners never walk the same full mentors again and again.
        """
        jump = self.jump.get(key)
        if jump is None:
            jump = self.jump[key] = array("I", range(len(queue)))
        count, most, passed = self.count, self.most, []
        while i < len(queue):
            if jump[i] != i:
                passed.append(i)
                i = jump[i]
            elif count[queue[i]] >= most:  # full: never tried again
                passed.append(i)
                i += 1
            else:
                break
        for p in passed:
            jump[p] = i
        return i

    def able(self, skill: str, level: int, learner: int) -> bool:
        """Does anyone but `learner` hold `skill` at `level` or above (full or not)?"""
        return any(
            any(m != learner for m in self.held.get((skill, lv), ()))
            for lv in self.levels.get(skill, ())
            if lv >= level
        )

    def fits(self, mentor: int, minutes: int, first: int, last: int) -> bool:
        """Can `mentor` give `minutes` more in each week `first`..`last`, within both caps?"""
        pairs, limit = self.pairs, self.limit
        given: dict[int, int] = {}  # week -> minutes the mentor gives already, where any
        j = self.latest[mentor]
        while j >= 0:
            a, b = max(pairs.first[j], first), min(pairs.last[j], last)
            if a <= b:
                if minutes + pairs.minutes[j] > limit:  # (the usual answer: one pair at the cap already)
                    return False
                for w in range(a, b + 1):
                    given[w] = given.get(w, 0) + pairs.minutes[j]
            j = pairs.previous[j]
        if minutes + max(given.values(), default=0) > limit:
            return False
        tight = self.tight
        for i in range(self.tight_at[mentor], self.tight_at[mentor + 1]):
            w = tight[i] >> 16
            if first <= w <= last and (tight[i] & 0xFFFF) + given.get(w, 0) + minutes > self.job_cap:
                return False
        return True

    def take(self, mentor: int, learner: int, need: Need, minutes: int) -> None:
        self.count[mentor] += 1
        self.latest[mentor] = self.pairs.add(mentor, learner, need, minutes, self.latest[mentor])

    def no_mentor(self, learner: int, skill: str, why: str) -> None:
        self.unmatched_count += 1
        if self.keep:
            self.unmatched.append(learner, self.unmatched.tags.number((skill, why)))


def room(learner: Learner, extra: dict[int, int], first: int, last: int) -> int:
    """The fewest minutes left in the learner's budget over weeks `first`..`last` (extra: mentoring so far)."""
    load = learner.load
    return min(
        learner.budget - (load[w - 1] if w <= len(load) else 0) - extra.get(w, 0) for w in range(first, last + 1)
    )


def _mentors(learners: Iterable[Learner], book: _Mentors) -> _Mentors:
    for number, learner in enumerate(learners):
        extra: dict[int, int] = {}
        for need in learner.needs:
            why = _match(book, number, learner, need, extra)
            if why:
                book.no_mentor(number, need.skill, why)
    return book


def _match(book: _Mentors, number: int, learner: Learner, need: Need, extra: dict[int, int]) -> str:
    """Pair `learner`'s `need` with a mentor (kept in `book`), or say why not."""
    if not book.able(need.skill, need.level, number):
        return NO_ONE
    minutes = min(book.cap, room(learner, extra, need.first_week, need.last_week)) // QUARTER * QUARTER
    if minutes <= 0:
        return NO_ROOM
    for mentor in book.candidates(need.skill, need.level, learner.group, number):
        if book.fits(mentor, minutes, need.first_week, need.last_week):
            book.take(mentor, number, need, minutes)
            for w in range(need.first_week, need.last_week + 1):
                extra[w] = extra.get(w, 0) + minutes
            return ""
    return ALL_BUSY
