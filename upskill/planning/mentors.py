"""Mentors from the roster (sessions.py's second read of the learners): who mentors whom, within both caps.

For each step of each learner, in input order, someone assessed at or above the level aimed for, on
a current, undisputed rating; within the learner's `--group-by` value first. A mentor gives at most
`mentor_hours_per_week` in any week to all learners together and takes at most
`mentor_max_learners` learners; with their own on-the-job work, within `max_job_hours_per_week`.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import add

from upskill.model import Planning
from upskill.planning.roster_arrays import Rows, Table, Tagged, columns
from upskill.planning.roster_records import Learner, Need, Pair

QUARTER = 15  # mentoring is given in quarter hours (minutes)
SCAN = 64  # at most this many mentors are tried for one step (the nearest levels first)
_new = tuple.__new__


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
        # made from its fields in order: `Pair(...)` parses its arguments in Python, and each pair is read twice
        return _new(Pair, (mentor, learner, skill, level, self.minutes[i], self.first[i], self.last[i], name))


NO_ONE = "no one in the roster holds this skill at the level you aim for"
NO_ROOM = "your weekly learning time has no room for mentoring in these weeks"
ALL_BUSY = "everyone in the roster at the level already mentors as much as they can"


class Mentors:
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
        self.levels: dict[str, set[int]] = defaultdict(set)  # skill -> the levels held (`ready`)
        self.count = array("I")  # person -> learners taken (`ready`: everyone's 0)
        self.latest = array("i")  # person -> their latest pair as a mentor, or -1
        # Person n's weeks whose own job minutes leave less than `cap` for mentoring: tight[at[n]:at[n + 1]],
        # each week << 16 | minutes (in the other weeks, no mentoring within `limit` can go over `job_cap`)
        self.tight, self.tight_at = array("I"), array("Q", [0])
        # (skill, level) -> the levels held at or above it, in order, and up to two people holding one of them:
        # every step of every learner asks, and there are few (skill, level)s. Filled as asked.
        self.above: dict[tuple[str, int], tuple[list[int], tuple[int, ...]]] = {}
        self.pairs = Pairs(keep)
        self.unmatched = Tagged(Table())
        self.unmatched_count = 0
        self.keep = keep

    @property
    def made(self) -> int:
        return self.pairs.made

    def add(self, number: int, learner: Learner) -> None:
        """Read `learner` (number `number`, in order) as a possible mentor.

        Only the queues are filled here, a few times a person: what is known of each (skill, level) and each
        person is made once they are all read (`ready`).
        """
        if learner.held:
            floor, job = self.job_cap - self.cap, learner.job
            if max(job, default=0) > floor:  # (rare: the weeks are walked in Python only when one is tight)
                self.tight.extend(w << 16 | own for w, own in enumerate(job, 1) if own > floor)
        self.tight_at.append(len(self.tight))
        at, group = self.at, learner.group
        for skill, level in learner.held:
            at[(skill, level, None)].append(number)
            if group:
                at[(skill, level, group)].append(number)

    def ready(self) -> None:
        """Every learner read: the levels held of each skill, and each person's count and latest pair."""
        self.at = dict(self.at)  # (no more keys: a lookup of a level nobody holds adds none)
        for skill, level, group in self.at:
            if group is None:
                self.levels[skill].add(level)
        people = len(self.tight_at) - 1
        self.count, self.latest = array("I", [0]) * people, array("i", [-1]) * people
        self.above.clear()  # (answers from before every learner was added: none are kept)

    def _above(self, skill: str, level: int) -> tuple[list[int], tuple[int, ...]]:
        found = self.above.get((skill, level))
        if found is None:
            levels = sorted(lv for lv in self.levels.get(skill, ()) if lv >= level)
            holders: list[int] = []
            for lv in levels:  # (the first two holders of a level: the first two in its queue)
                holders += [m for m in self.at[(skill, lv, None)][:2] if m not in holders]
            found = self.above[(skill, level)] = (levels, tuple(holders[:2]))
        return found

    def candidates(self, skill: str, level: int, group: str, learner: int) -> Iterator[int]:
        """Those who may mentor `learner` in `skill` at `level` or above, in the order they are tried."""
        levels = self._above(skill, level)[0]
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

    def first_fit(self, need: Need, levels: list[int], group: str, learner: int, minutes: int) -> int:
        """The first of `candidates` who `fits` `minutes` in the weeks of `need`, or -1.

        The same walk as `candidates`, as one loop: every step of every learner with room searches,
        and a generator's resumption and a call per place passed cost more than the checks themselves.
        The full mentors are passed here as `_open` passes them, without a call and a list of the places passed.
        """
        skill, first, last = need.skill, need.first_week, need.last_week
        at, jumps, count, most, fits = self.at, self.jump, self.count, self.most, self.fits
        # Most candidates are turned down by their latest pair, which `fits` reads first: in these weeks, at the cap
        # with these minutes. That answer is read here without the call (4 in 5 candidates tried, in a roster)
        latest, pairs = self.latest, self.pairs
        pair_first, pair_last, pair_minutes = pairs.first, pairs.last, pairs.minutes
        room = self.limit - minutes if first <= last else -1  # (-1: no week, nothing read here)
        tried = 0
        for key_group in (group, None) if group else (None,):
            for lv in levels:
                key = (skill, lv, key_group)
                queue = at.get(key)
                if not queue:
                    continue
                jump = jumps.get(key) or self._jump(key, queue)
                i, n = 0, len(queue)
                while True:
                    end = jump[i]
                    if end != i:  # full from i to `end` (and on, when that place is passed too): passed
                        i = end if jump[end] == end else _pass(jump, i)
                    if i == n:
                        break
                    mentor = queue[i]
                    if count[mentor] >= most:  # full: never tried again
                        jump[i] = i + 1
                    elif mentor != learner:
                        j = latest[mentor]
                        at_cap = (
                            j >= 0 and pair_minutes[j] > room >= 0 and pair_first[j] <= last and first <= pair_last[j]
                        )
                        if not at_cap and fits(mentor, minutes, first, last):
                            return mentor
                        tried += 1
                        if tried >= SCAN:
                            return -1
                    i += 1
        return -1

    def _jump(self, key: tuple[str, int, str | None], queue: array[int]) -> array[int]:
        """Where to go on from each place of `queue` (and its end): the place itself until its mentor is full."""
        jump = self.jump[key] = array("I", range(len(queue) + 1))
        return jump

    def _open(self, key: tuple[str, int, str | None], queue: array[int], i: int) -> int:
        """The first place from `i` on in `queue` whose mentor is not full (or its length).

        A full mentor stays full, so each place remembers where to go on from (`jump`, shortened
        as it is walked): a million learners never walk the same full mentors again and again.
        """
        jump = self.jump.get(key) or self._jump(key, queue)
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
        """Does anyone but `learner` hold `skill` at `level` or above (full or not)?

        (Two different people holding it are enough to know: one of them is not `learner`.)
        """
        return any(m != learner for m in self._above(skill, level)[1])

    def fits(self, mentor: int, minutes: int, first: int, last: int) -> bool:
        """Can `mentor` give `minutes` more in each week `first`..`last`, within both caps?"""
        pairs, limit = self.pairs, self.limit
        pair_first, pair_last, pair_minutes, previous = pairs.first, pairs.last, pairs.minutes, pairs.previous
        inside: list[tuple[int, int, int]] = []  # (first, last week, minutes) of the mentor's pairs in these weeks
        j = self.latest[mentor]
        while j >= 0:
            a, b = pair_first[j], pair_last[j]
            if a < first:
                a = first
            if b > last:
                b = last
            if a <= b:
                if minutes + pair_minutes[j] > limit:  # (the usual answer: one pair at the cap already)
                    return False
                inside.append((a, b, pair_minutes[j]))
            j = previous[j]
        tight_from, tight_to = self.tight_at[mentor], self.tight_at[mentor + 1]
        if len(inside) <= 1 and tight_from == tight_to:  # none or one pair in these weeks (then within the cap)
            return minutes <= limit if not inside else True
        given: dict[int, int] = {}  # week -> minutes the mentor gives already, where any
        for a, b, given_minutes in inside:
            for w in range(a, b + 1):
                given[w] = given.get(w, 0) + given_minutes
        if minutes + max(given.values(), default=0) > limit:
            return False
        tight = self.tight
        for i in range(tight_from, tight_to):
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


def _pass(jump: array[int], i: int) -> int:
    """Where the way of full places from `i` ends in `jump` (`Mentors._open`); each place on it is sent there."""
    end = i
    while jump[end] != end:
        end = jump[end]
    while jump[i] != end:
        on = jump[i]
        jump[i] = end
        i = on
    return end


def room(learner: Learner, busy: list[int] | None, first: int, last: int) -> int:
    """The fewest minutes left in the learner's budget over weeks `first`..`last`.

    `busy`: the learner's minutes of weeks 1, 2, ... with the mentoring given so far (`_busy`), through the
    last week of every step; None while there is none (most steps): the load is read instead.
    """
    if busy is not None and 1 <= first <= last:  # the most loaded week with mentoring, found in C
        return learner.budget - max(busy[first - 1 : last])
    load = learner.load
    if 1 <= first <= last:  # no mentoring yet: the most loaded week, found in C
        most = max(load[first - 1 : last], default=0)
        return learner.budget - (max(most, 0) if last > len(load) else most)
    raise AssertionError("a step has at least one week")


def _busy(learner: Learner) -> list[int]:
    """The learner's load week by week through its steps' last week (0 past the load): where mentoring is added."""
    load = learner.load
    return [*load, *[0] * (max([n.last_week for n in learner.needs]) - len(load))]


def match_mentors(learners: Iterable[Learner], book: Mentors) -> Mentors:
    for number, learner in enumerate(learners):
        # The learner's weeks with mentoring added, made at its first mentor beside its activities (the
        # load serves until then), each mentor's minutes added by a slice: a step's room is then read off
        # it in C (a week -> minutes dict was walked week by week at every later step), and added in C
        busy: list[int] | None = None
        for need in learner.needs:
            minutes = _match(book, number, learner, need, busy)
            if minutes < 0:
                book.no_mentor(number, need.skill, _WHY[minutes])
            elif not need.own:  # time beside the step's activities: less room for the next steps' mentors
                if busy is None:
                    busy = _busy(learner)
                first, last = need.first_week - 1, need.last_week
                busy[first:last] = map(add, busy[first:last], repeat(minutes, last - first))
    return book


_WHY = {-1: NO_ONE, -2: NO_ROOM, -3: ALL_BUSY}


def _match(book: Mentors, number: int, learner: Learner, need: Need, busy: list[int] | None) -> int:
    """Pair `learner`'s `need` with a mentor (kept in `book`): the minutes a week it gives, or why not (< 0)."""
    levels, holders = book.above.get((need.skill, need.level)) or book._above(need.skill, need.level)
    # `able`, inline: of the (up to) two people kept as holding it, one is not the learner
    if not holders or (len(holders) == 1 and holders[0] == number):
        return -1
    if need.own:  # the mentor gives the step's own mentoring: time the plan already counts
        minutes = min(book.cap, max(QUARTER, need.own // QUARTER * QUARTER))
    else:  # mentoring beside the step's activities: only where the learner's budget has room
        minutes = min(book.cap, room(learner, busy, need.first_week, need.last_week)) // QUARTER * QUARTER
    if minutes <= 0:
        return -2
    mentor = book.first_fit(need, levels, learner.group, number, minutes)
    if mentor < 0:
        return -3
    book.take(mentor, number, need, minutes)
    return minutes
