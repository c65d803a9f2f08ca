"""Each learner's share of the roster's schedule (attend.assignments), made straight from the schedule's arrays
(issue 29, fifth session), is the share the walk it replaced made: that walk is kept below (`_plain`), and
both are asked of schedules of random learners, with and without sessions, kept or only counted."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.model import MentorRef, Planning, SessionRef
from upskill.planning.attend import Assignment, Names, assignments
from upskill.planning.roster_records import Learner, Need, Pair, Shared
from upskill.planning.schedule import week_end, week_start
from upskill.planning.sessions import Schedule, schedule

START = date(2027, 1, 4)


def _plain(found: Schedule, learners: Sequence[Learner], start: date, names: Names | None) -> Iterator[Assignment]:
    """The walk before: each kind's entries found by a call per learner, each session and pair made as a record."""
    mentors_of, learners_of = [p.mentor for p in found.pairs], [p.learner for p in found.pairs]
    if names is None:
        names = Names()
        wanted = set(mentors_of) | set(learners_of)
        for number, learner in enumerate(learners):
            if number in wanted and found.pairs:
                names.add(learner.id, learner.name)
            else:
                names.skip()
    kinds = {
        "sessions": sorted((m, i) for i, s in enumerate(found.sessions) for m in s.members),
        "learner": sorted((n, i) for i, n in enumerate(learners_of)),
        "mentor": sorted((n, i) for i, n in enumerate(mentors_of)),
        "alone": sorted((a[0], i) for i, a in enumerate(found.alone)),
        "unmatched": sorted((u[0], i) for i, u in enumerate(found.unmatched)),
    }

    def take(kind: str, learner: int) -> list[int]:
        return [i for n, i in kinds[kind] if n == learner]

    def span(p: Pair) -> tuple[date, date, float]:
        return week_start(start, p.first_week), week_end(start, p.last_week), p.minutes_per_week / 60

    for number in range(len(learners)):
        sessions = []
        for i in take("sessions", number):
            s = found.sessions[i]
            dates = week_start(start, s.first_week), week_end(start, s.last_week)
            sessions.append((s.skill, s.title, SessionRef(s.id, *dates, len(s.members))))
        mentors, mentees = [], []
        for i in take("learner", number):
            p = found.pairs[i]
            mentors.append((p.skill, MentorRef(*names[p.mentor], *span(p), p.skill, "")))
        for i in take("mentor", number):
            p = found.pairs[i]
            mentees.append(MentorRef(*names[p.learner], *span(p), p.skill, p.name))
        alone = tuple(found.alone[i][1:] for i in take("alone", number))
        why = tuple(tuple(found.unmatched[i][1:]) for i in take("unmatched", number))
        yield Assignment(tuple(sessions), alone, tuple(mentors), why, tuple(mentees))


SKILLS = st.sampled_from(["ai", "py", "sql"])
WEEK = st.integers(min_value=1, max_value=8)


@st.composite
def _learner(draw: st.DrawFn, number: int) -> Learner:
    shared = [
        Shared(skill, title, hours, first, first + length)
        for skill, title, hours, first, length in draw(
            st.lists(
                st.tuples(SKILLS, st.sampled_from(["Course", "Book"]), st.sampled_from([4.0, 6.5]), WEEK, WEEK),
                max_size=4,
            )
        )
    ]
    needs = [
        Need(skill, level, first, first + length, skill.upper(), own)
        for skill, level, first, length, own in draw(
            st.lists(
                st.tuples(SKILLS, st.integers(1, 4), WEEK, st.integers(0, 4), st.sampled_from([0, 0, 20, 45])),
                max_size=3,
                unique_by=lambda n: n[0],
            )
        )
    ]
    held = sorted(draw(st.dictionaries(SKILLS, st.integers(1, 5), max_size=3)).items())
    budget = draw(st.sampled_from([60, 120, 240]))
    load = draw(st.lists(st.integers(0, budget), max_size=12))
    job = draw(st.lists(st.sampled_from([0, 60, 540, 600]), max_size=12))
    group = draw(st.sampled_from(["", "north", "south"]))
    return Learner(f"E{number}", f"Person {number}", group, budget, load, tuple(shared), tuple(needs), tuple(held), job)


@st.composite
def _roster(draw: st.DrawFn) -> list[Learner]:
    return [draw(_learner(n)) for n in range(draw(st.integers(0, 30)))]


@settings(max_examples=150, deadline=None)
@given(
    learners=_roster(),
    cohort=st.tuples(st.integers(1, 4), st.integers(1, 5)),
    most=st.integers(1, 3),
    sessions=st.booleans(),
    keep=st.booleans(),
    named=st.booleans(),
)
def test_each_share_is_the_plain_walks(learners, cohort, most, sessions, keep, named):
    planning = Planning(mentor_max_learners=most)
    found = schedule(learners, planning, cohort[1], sessions=sessions, keep=keep, cohort_min=cohort[0])
    names = None
    if named:
        names = Names()
        for learner in learners:
            names.add(learner.id, learner.name)
    fast = list(assignments(found, learners, START, names))
    assert fast == list(_plain(found, learners, START, names))
    assert [type(a) for a in fast] == [Assignment] * len(learners)
    assert all(type(ref) is MentorRef for a in fast for ref in itertools.chain(a.mentees, (m for _, m in a.mentors)))
