"""Between one plan and the roster's schedule (sessions.py): a plan read as a `Learner`, and a schedule written back.

`learner_of` takes what scheduling needs from a plan made alone; `assignments` gives each learner
its share of the roster's schedule (`Assignment`: a few small tuples, so a batch can keep them on
disk); `attend` writes one into the plan: each activity's session (or "alone"), each step's mentor
(or why none), the people the employee mentors, and the mentoring hours in the week-by-week load.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date
from functools import partial
from itertools import count, repeat
from operator import lshift, or_, rshift
from typing import Any, NamedTuple

from upskill.model import DISAGREE, STALE, LoadRun, MentorRef, Placement, Plan, Planning, Profile, SessionRef, Step
from upskill.plan_records import RunFields
from upskill.planning.gaps import flags
from upskill.planning.memo import IdentityMemo
from upskill.planning.mentored import with_mentoring
from upskill.planning.mentors import Pairs
from upskill.planning.roster_arrays import Table, Tagged
from upskill.planning.roster_records import Learner, Need, Pair, Shared
from upskill.planning.schedule import week_end, week_start
from upskill.planning.sessions import Schedule, Sessions, mentoring_activity, shareable

_DOUBTED = frozenset({STALE, DISAGREE})  # a level rated so is not one to mentor from
_ROUNDING = 3  # the load's hours are to a tenth: a week's minutes are at most 3 more than shown


def learner_of(plan: Plan, profile: Profile, planning: Planning, shown_id: str, group: str = "") -> Learner:
    """What the roster's schedule needs of `plan` (made alone from `profile`)."""
    return from_plain(*learner_parts(plan, profile, planning, shown_id, group))


def learner_parts(
    plan: Plan, profile: Profile, planning: Planning, shown_id: str, group: str = ""
) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """`plain(learner_of(...))`, made as plain values from the start: a batch keeps only these (in its member
    store), and the records it made first (a `Need` a step, the `Learner`) were taken apart again at once."""
    summary = plan.summary
    budget = round(summary.hours_per_week * 60)
    steps = plan.steps
    weeks = max([s.last_week for s in steps], default=0)
    load, job = [0] * weeks, [0] * weeks
    # Each run's minutes worked out once, then its weeks set at once (the run unpacked as the tuple it is,
    # and the budget as a comparison, not `min`: a dozen runs in every plan of a batch)
    for first, last, learning, work in summary.load:  # (from_week, to_week, learning_hours, job_hours)
        first -= 1
        if last > weeks:
            last = weeks
        if first < last:
            minutes = round(learning * 60) + _ROUNDING
            load[first:last] = [minutes if minutes < budget else budget] * (last - first)
            if work:  # (weeks with no job hours stay 0)
                job[first:last] = [round(work * 60) + _ROUNDING] * (last - first)
    for w in summary.closed_weeks:  # no mentoring in a closed week: it has no room
        if w <= weeks:
            load[w - 1] = budget
    shared: list[tuple[object, ...]] = []
    needs: list[tuple[object, ...]] = []
    for step in steps:
        skill, placed = step.skill, step.placed
        parts = _PARTS.get((id(placed), skill))
        if parts is None:
            parts = _PARTS.put((id(placed), skill), (placed,), _parts(skill, placed))
        shared += parts[0]
        own = parts[1]
        if own is None:  # (a `Need`'s fields)
            needs.append((skill, step.to_level, step.first_week, step.last_week, step.name, 0))
        else:
            needs.append((skill, step.to_level, own.first_week, own.last_week, step.name, parts[2]))
    start = summary.start
    # A level with no date and no ratings (every roster cell, most profiles) is never stale nor disputed: `flags`,
    # which makes a list and a tuple of the ratings' levels, is asked only of the others
    held = tuple(
        [
            (skill, a.level)
            for skill, a in sorted(profile.skills.items())
            if a.level > 0
            and ((a.assessed is None and not a.ratings) or _DOUBTED.isdisjoint(flags(a, planning, start)))
        ]
    )
    # (the weeks as the bytes of their array, as `plain` gives them)
    return (
        (group, budget, _weeks(load).tobytes(), tuple(needs)),
        (shown_id, plan.employee.name, group, tuple(shared), held, _weeks(job).tobytes()),
    )


# A step's placements recur across a batch as the very same tuple (cycle.placements' memo): what
# the schedule needs of them is found by identity rather than worked out for each learner.
_PARTS: IdentityMemo[tuple[tuple[tuple[object, ...], ...], Placement | None, int]] = IdentityMemo()


def _parts(skill: str, placed: tuple[Placement, ...]) -> tuple[tuple[tuple[object, ...], ...], Placement | None, int]:
    """The step's shareable activities with their weeks (a `Shared`'s fields); its own mentoring activity (or
    None) and that activity's minutes a week: a mentor is wanted for its weeks when it has one, else the step's."""
    kept = [p for p in placed if shareable(p.resource)]
    shared = tuple([(skill, p.resource.title, p.resource.hours, p.first_week, p.last_week) for p in kept])
    own = next((p for p in placed if p.resource.format == "mentoring"), None)  # as `mentoring_activity`
    minutes = round(own.resource.hours * 60 / (own.last_week - own.first_week + 1)) if own is not None else 0
    return shared, own, minutes


def plain(learner: Learner) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """`learner` as plain tuples (what `marshal` keeps in a batch's member store), in two parts: what the mentor
    search reads (`asker`), then what the schedule's first read does (`offerer`; the group is in both). Kept
    apart, each read decodes only its part."""
    id_, name, group, budget, load, shared, needs, held, job = learner
    # (each made in C; the weeks as the bytes of their array: one object to write and read, not ~35 numbers each)
    return (
        (group, budget, _weeks(load).tobytes(), tuple(map(tuple, needs))),
        (id_, name, group, tuple(map(tuple, shared)), held, _weeks(job).tobytes()),
    )


def from_plain(asks: tuple[Any, ...], rest: tuple[Any, ...]) -> Learner:
    """The `Learner` that `plain` gave."""
    _, budget, load, needs = asks
    id_, name, group, shared, held, job = rest
    # Each record is read once per pass and dropped: made as tuples of the fields already in order
    # (no argument parsing per field: a million learners are read back twice in a team report), mapped in C
    shared, needs = tuple(map(_shared, shared)), tuple(map(_need, needs))
    return _new(Learner, (id_, name, group, budget, _weeks(load), shared, needs, held, _weeks(job)))


def asker(asks: tuple[Any, ...]) -> Learner:
    """The learner of `plain`'s first part, as the mentor search reads it: its group, budget, load and needs
    (id, name, shared activities, levels held and job time left empty: the search never reads them)."""
    group, budget, load, needs = asks
    return _new(Learner, ("", "", group, budget, _weeks(load), (), tuple(map(_need, needs)), (), ()))


def offerer(rest: tuple[Any, ...]) -> Learner:
    """The learner of `plain`'s second part, as the schedule's first read takes it: its id, name, group, shared
    activities, levels held and job time (budget, load and needs left empty: that read never reads them)."""
    id_, name, group, shared, held, job = rest
    return _new(Learner, (id_, name, group, 0, (), tuple(map(_shared, shared)), (), held, _weeks(job)))


_new = tuple.__new__
_weeks = partial(array, "I")  # a learner's minutes a week (its load, its job time): from a list, an array or bytes
_shared = partial(_new, Shared)
_need = partial(_new, Need)


class Assignment(NamedTuple):
    """One learner's share of the schedule, with dates."""

    sessions: tuple[tuple[str, str, SessionRef], ...] = ()  # (skill, activity title, session)
    alone: tuple[tuple[str, str, str], ...] = ()  # (skill, activity title, why) learned alone
    mentors: tuple[tuple[str, MentorRef], ...] = ()  # (skill, mentor)
    no_mentor: tuple[tuple[str, str], ...] = ()  # (skill, why none)
    mentees: tuple[MentorRef, ...] = ()  # the people this learner mentors, with the skill


def assignments(
    found: Schedule, learners: Sequence[Learner], start: date, names: Names | None = None
) -> Iterator[Assignment]:
    """Each learner's sessions, mentors and mentees, in learner order, made one at a time.

    `names`: every learner's id and name, when the caller has them (else the learners are read once more).

    Nothing per learner is held: the schedule's lists are indexed by learner in sorted arrays of
    8-byte numbers, walked alongside the learners, and the ids and names the pairs show are kept as
    UTF-8 text end to end (a batch of 100,000 keeps a few MB, not a share each).
    """
    who = names if names is not None else _names(found, learners)
    sessions_, pairs = found.sessions, _pairs(found.pairs)
    alone_, unmatched_ = _tagged(found.alone), _tagged(found.unmatched)
    in_session, as_learner, as_mentor, alone_at, unmatched_at = _indexes(sessions_, pairs, alone_, unmatched_)
    # Each record is made from its fields in order, read straight from the schedule's arrays (`SessionRef(...)`,
    # `MentorRef(...)` and `Assignment(...)` parse their arguments in Python, and a `Session` or `Pair` read through
    # `Rows` is made only to be taken apart); the dates are worked out once per session key and per pair's weeks
    key, keys, ends = sessions_.key, sessions_.keys.values, sessions_.ends
    dated: dict[int, tuple[str, str, date, date]] = {}  # session key number -> (skill, title, start, end)
    mentor, learner, need, needs = pairs.mentor, pairs.learner, pairs.need, pairs.needs.values
    first, last, minutes = pairs.first, pairs.last, pairs.minutes
    spans: dict[tuple[int, int, int], tuple[date, date, float]] = {}  # (first, last week, minutes) -> dates, hours
    alone_rows, alone_tags = alone_.rows, alone_.tags.values
    unmatched_rows, unmatched_tags = unmatched_.rows, unmatched_.tags.values
    s = p = q = a = u = 0
    for number in range(len(learners)):
        below = (number + 1) << 32
        sessions = []
        while in_session[s] < below:
            i = in_session[s] & _LOW
            s += 1
            k = key[i]
            when = dated.get(k)
            if when is None:
                skill, title, _, from_week, to_week = keys[k]
                when = dated[k] = (skill, title, week_start(start, from_week), week_end(start, to_week))
            ref = _new(SessionRef, (f"S{i + 1}", when[2], when[3], ends[i + 1] - ends[i]))
            sessions.append((when[0], when[1], ref))
        mentors = []
        while as_learner[p] < below:
            i = as_learner[p] & _LOW
            p += 1
            weeks = (first[i], last[i], minutes[i])
            span = spans.get(weeks) or spans.setdefault(weeks, _dates(start, *weeks))
            skill = needs[need[i]][0]
            mentors.append((skill, _new(MentorRef, (*who[mentor[i]], *span, skill, ""))))
        mentees = []
        while as_mentor[q] < below:
            i = as_mentor[q] & _LOW
            q += 1
            weeks = (first[i], last[i], minutes[i])
            span = spans.get(weeks) or spans.setdefault(weeks, _dates(start, *weeks))
            skill, _, name = needs[need[i]]
            mentees.append(_new(MentorRef, (*who[learner[i]], *span, skill, name)))
        alone = []  # (skill, title, why): the tag itself
        while alone_at[a] < below:
            alone.append(alone_tags[alone_rows[alone_at[a] & _LOW] & _LOW])
            a += 1
        why = []  # (skill, why none): the tag itself
        while unmatched_at[u] < below:
            why.append(unmatched_tags[unmatched_rows[unmatched_at[u] & _LOW] & _LOW])
            u += 1
        yield _new(Assignment, (tuple(sessions), tuple(alone), tuple(mentors), tuple(why), tuple(mentees)))


_LOW = 0xFFFFFFFF
_END = 0xFFFFFFFFFFFFFFFF  # above every (learner << 32 | entry): where each walk in `assignments` stops


def _indexes(sessions: Sessions, pairs: Pairs, alone: Tagged, unmatched: Tagged) -> tuple[array[int], ...]:
    """Each kind's entries as (learner << 32 | entry), sorted and ended by `_END`: a learner's entries are those
    below (learner + 1) << 32, which `assignments` walks in line (a call per kind and learner cost more than the
    walks). In order: places in sessions, pairs by learner, pairs by mentor, activities alone, steps unmatched."""
    owner = array("I")  # the session of each place in the members, end to end
    for i in range(len(sessions)):
        owner.extend(array("I", [i]) * sessions.size(i))
    return (
        _by_learner(sessions.members, owner),
        _by_learner(pairs.learner),
        _by_learner(pairs.mentor),
        _by_learner(map(rshift, alone.rows, repeat(32))),
        _by_learner(map(rshift, unmatched.rows, repeat(32))),
    )


def _by_learner(learners: Iterable[int], entries: Iterable[int] | None = None) -> array[int]:
    """(learner << 32 | entry) of each entry (`entries`: their numbers, else 0, 1, ... in order), sorted, then
    `_END`: in learner order, each learner's in entry order. Made and sorted in C."""
    packed = array("Q", sorted(map(or_, map(lshift, learners, repeat(32)), count() if entries is None else entries)))
    packed.append(_END)
    return packed


def _pairs(pairs: Sequence[Pair]) -> Pairs:
    """`pairs` as the schedule keeps them (a schedule that keeps none has them as an empty tuple)."""
    if isinstance(pairs, Pairs):
        return pairs
    kept = Pairs()
    for p in pairs:
        kept.add(p.mentor, p.learner, Need(p.skill, p.level, p.first_week, p.last_week, p.name), p.minutes_per_week, -1)
    return kept


def _tagged(rows: Sequence[tuple[Any, ...]]) -> Tagged:
    """(learner, skill, text, ...) rows as the schedule keeps them (a schedule that keeps none: an empty tuple)."""
    if isinstance(rows, Tagged):
        return rows
    kept = Tagged(Table())
    for learner, *tag in rows:
        kept.append(learner, kept.tags.number(tuple(tag)))
    return kept


def _dates(start: date, first: int, last: int, minutes: int) -> tuple[date, date, float]:
    """A pair's start and end dates, and its hours a week."""
    return week_start(start, first), week_end(start, last), minutes / 60


class Names:
    """The id and name of each learner (by number), as UTF-8 text end to end: 16 bytes and the text a learner."""

    def __init__(self) -> None:
        self.text = bytearray()
        self.at = array("Q", [0])  # learner n's id is text[at[2n]:at[2n + 1]], its name up to at[2n + 2]

    def add(self, id_: str, name: str) -> None:
        """The next learner's id and name."""
        self.text += id_.encode("utf-8")
        self.at.append(len(self.text))
        self.text += name.encode("utf-8")
        self.at.append(len(self.text))

    def skip(self) -> None:
        """The next learner, whose id and name are not wanted."""
        self.at.append(len(self.text))
        self.at.append(len(self.text))

    def __len__(self) -> int:
        return len(self.at) // 2

    def __getitem__(self, number: int) -> tuple[str, str]:
        at, text = self.at, self.text
        first, middle, end = at[2 * number], at[2 * number + 1], at[2 * number + 2]
        return text[first:middle].decode("utf-8"), text[middle:end].decode("utf-8")

    def ids(self) -> list[str]:
        return [self[n][0] for n in range(len(self))]


def _names(found: Schedule, learners: Sequence[Learner]) -> Names:
    """The id and name of each learner in a mentor pair, read once from the learners."""
    names = Names()
    pairs = _pairs(found.pairs)
    if not pairs.made:  # no pair: no name is shown, and the learners are not read
        return names
    wanted = bytearray(len(learners))
    for n in itertools.chain(pairs.mentor, pairs.learner):
        wanted[n] = 1
    for number, learner in enumerate(learners):
        if wanted[number]:
            names.add(learner.id, learner.name)
        else:
            names.skip()
    return names


# The fields `attend` writes, last in their records: it makes each record from the fields before them (`_ATTENDED`).
_PLACEMENT_KEPT = Placement._fields.index("session")
_STEP_KEPT = Step._fields.index("placed")
assert Placement._fields[_PLACEMENT_KEPT:] == ("session", "alone", "alone_why")
assert Step._fields[_STEP_KEPT:] == ("placed", "mentor", "no_mentor")


def attend(plan: Plan, given: Assignment) -> Plan:
    """`plan` with its share of the roster's schedule written in."""
    sessions = {(skill, title): ref for skill, title, ref in given.sessions}
    alone = {(skill, title): why for skill, title, why in given.alone}
    mentors = dict(given.mentors)
    why = dict(given.no_mentor)
    steps = tuple(
        _attended(step, sessions, alone, mentors.get(step.skill), why.get(step.skill, "")) for step in plan.steps
    )
    # A mentor who gives the step's own mentoring adds no time: the plan counts that activity already
    own = {step.skill for step in plan.steps if mentoring_activity(step) is not None} if given.mentors else ()
    summary = plan.summary
    load = mentored_load(summary.load, summary.start, given, own)
    return plan._replace(steps=steps, mentees=given.mentees, summary=summary._replace(load=load))


def mentored_load(
    runs: tuple[LoadRun, ...], start: date, given: Assignment, own: Collection[str]
) -> tuple[LoadRun, ...]:
    """The load `attend` writes into a plan: `runs` with the mentoring of `given` added, a mentor of a step
    whose skill is in `own` (the step has its own mentoring activity) adding none."""
    found = mentored_runs(runs, start, given, own)
    return runs if found is runs else tuple([_new(LoadRun, run) for run in found])


def mentored_runs(
    runs: Sequence[RunFields], start: date, given: Assignment, own: Collection[str]
) -> Sequence[RunFields]:
    """`mentored_load`'s runs as plain tuples: a batch's Markdown fills its weekly ask with them, the plan itself
    not kept (render/markdown.py). A `LoadRun` made from its fields (`tuple.__new__`) costs four plain tuples:
    ~14 of them a plan, made and dropped."""
    # (start, end, hours_per_week) of each, as a slice: MentorRef's fields 2 to 4
    extra_learning = [m[2:5] for skill, m in given.mentors if skill not in own]
    extra_job = [m[2:5] for m in given.mentees]
    return with_mentoring(runs, start, extra_learning, extra_job)


def _attended(
    step: Step,
    sessions: dict[tuple[str, str], SessionRef],
    alone: dict[tuple[str, str], str],
    mentor: MentorRef | None,
    no_mentor: str,
) -> Step:
    """`step` with its activities' sessions (or why alone) and its mentor (or why none).

    Each record is made from its fields in order (`_new`), not by `_replace`, a Python function that
    takes a tenth of a plan's second pass; a placement nothing is written into is kept as it is.
    """
    skill, placed = step.skill, []
    for p in step.placed:
        key = (skill, p.resource.title)
        session, why = sessions.get(key), alone.get(key)
        if session is None and why is None and p.session is None and not p.alone and not p.alone_why:
            placed.append(p)
        else:
            placed.append(_new(Placement, (*p[:_PLACEMENT_KEPT], session, why is not None, why or "")))
    return _new(Step, (*step[:_STEP_KEPT], tuple(placed), mentor, no_mentor))
