"""The mentor search's room (mentors.py): the learner's weeks with mentoring added in one list (`busy`) give
the same pairs and the same steps without a mentor as the week -> minutes dict walked week by week before.

Also: a learner read back from the member store's plain tuples (its weeks as bytes) is the learner kept.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.model import Planning
from upskill.planning.attend import from_plain, plain
from upskill.planning.mentors import ALL_BUSY, NO_ONE, NO_ROOM, QUARTER, Mentors, match_mentors, room
from upskill.planning.roster_records import Learner, Need, Shared

SKILLS = ("python", "sql", "excel", "ml", "writing")


def _plain_room(learner: Learner, extra: dict[int, int], first: int, last: int) -> int:
    weeks = len(learner.load)
    return min(
        learner.budget - (learner.load[w - 1] if w <= weeks else 0) - extra.get(w, 0) for w in range(first, last + 1)
    )


def _plain_match_mentors(learners: list[Learner], book: Mentors) -> Mentors:
    """The search as it was: mentoring so far in a week -> minutes dict, each step's room walked week by week."""
    for number, learner in enumerate(learners):
        extra: dict[int, int] = {}
        for need in learner.needs:
            levels, holders = book._above(need.skill, need.level)
            if not holders or (len(holders) == 1 and holders[0] == number):
                book.no_mentor(number, need.skill, NO_ONE)
                continue
            if need.own:
                minutes = min(book.cap, max(QUARTER, need.own // QUARTER * QUARTER))
            else:
                minutes = min(book.cap, _plain_room(learner, extra, need.first_week, need.last_week))
                minutes = minutes // QUARTER * QUARTER
            if minutes <= 0:
                book.no_mentor(number, need.skill, NO_ROOM)
                continue
            mentor = book.first_fit(need, levels, learner.group, number, minutes)
            if mentor < 0:
                book.no_mentor(number, need.skill, ALL_BUSY)
                continue
            book.take(mentor, number, need, minutes)
            if not need.own:
                for w in range(need.first_week, need.last_week + 1):
                    extra[w] = extra.get(w, 0) + minutes
    return book


def _learners(seed: int, count: int) -> list[Learner]:
    rng = random.Random(seed)
    people = []
    for n in range(count):
        weeks = rng.randint(0, 30)
        budget = rng.choice((60, 120, 180, 300))
        load = tuple(rng.choice((0, budget // 3, budget // 2, budget - 15, budget)) for _ in range(weeks))
        needs = []
        for _ in range(rng.randint(0, 6)):
            first = rng.randint(1, 34)
            own = rng.choice((0, 0, 0, 40, 90))
            needs.append(Need(rng.choice(SKILLS), rng.randint(1, 5), first, first + rng.randint(0, 8), "", own))
        held = tuple(sorted({(s, rng.randint(1, 5)) for s in rng.sample(SKILLS, rng.randint(0, 2))}))
        job = tuple(rng.choice((0, 120, 540, 590)) for _ in range(weeks))
        group = rng.choice(("", "a", "b"))
        people.append(Learner(f"E{n}", f"P{n}", group, budget, load, (), tuple(needs), held, job))
    return people


def _book(learners: list[Learner], planning: Planning) -> Mentors:
    book = Mentors(planning)
    for number, learner in enumerate(learners):
        book.add(number, learner)
    book.ready()
    return book


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    count=st.integers(min_value=1, max_value=60),
    mentor_hours=st.sampled_from([0.5, 1.0, 2.0, 4.0]),
    most=st.integers(min_value=1, max_value=4),
)
def test_the_pairs_are_those_the_week_by_week_search_made(seed, count, mentor_hours, most):
    learners = _learners(seed, count)
    planning = Planning(mentor_hours_per_week=mentor_hours, mentor_max_learners=most)
    found = match_mentors(iter(learners), _book(learners, planning))
    want = _plain_match_mentors(learners, _book(learners, planning))
    assert list(found.pairs) == list(want.pairs)
    assert list(found.unmatched) == list(want.unmatched)
    assert found.made == want.made and found.unmatched_count == want.unmatched_count


@given(
    load=st.lists(st.integers(min_value=0, max_value=600), max_size=12),
    budget=st.integers(min_value=0, max_value=600),
    first=st.integers(min_value=1, max_value=15),
    length=st.integers(min_value=0, max_value=6),
    extra=st.dictionaries(st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=120), max_size=3),
)
def test_room_with_mentoring_added_is_the_week_by_week_answer(load, budget, first, length, extra):
    learner = Learner("E1", "A", "", budget, tuple(load), (), (), ())
    last = first + length
    # `busy`: the weeks through the step's last with the mentoring so far added (None: none yet)
    busy = [(load[w - 1] if w <= len(load) else 0) + extra.get(w, 0) for w in range(1, last + 1)] if extra else None
    assert room(learner, busy, first, last) == _plain_room(learner, extra, first, last)


def test_a_learner_read_back_is_the_learner_kept():
    learner = Learner(
        "E1",
        "A",
        "g",
        300,
        (120, 120, 300),
        (Shared("python", "Course", 6.0, 1, 3),),
        (Need("python", 3, 1, 4, "Python", 0), Need("sql", 2, 5, 9, "SQL", 60)),
        (("excel", 4),),
        (0, 600, 0),
    )
    back = from_plain(*plain(learner))
    # (the weeks come back as arrays of 4-byte numbers: the same minutes)
    assert back._replace(load=tuple(back.load), job=tuple(back.job)) == learner
    assert from_plain(*plain(back)) == back
    assert [type(s) for s in back.shared] == [Shared]
    assert [type(n) for n in back.needs] == [Need, Need]
