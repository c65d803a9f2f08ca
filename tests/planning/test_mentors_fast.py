"""The mentor search's faster answers (issue 29) are the plain ones: who can mentor a skill at a level
(`able`, from the first two holders of each skill and level), and a learner's room in a span of weeks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import Bundled
from tests.planning.test_sessions import plan_roster, rosters
from upskill.planning.mentors import Mentors, room
from upskill.planning.roster_records import Learner


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _plain_able(book: Mentors, skill: str, level: int, learner: int) -> bool:
    """Anyone but `learner` among all the holders of the skill at `level` or above."""
    return any(
        m != learner
        for (held, lv, group), queue in book.at.items()
        if (held, group) == (skill, None) and lv >= level
        for m in queue
    )


def _plain_room(learner: Learner, extra: dict[int, int], first: int, last: int) -> int:
    weeks = len(learner.load)
    return min(
        learner.budget - (learner.load[w - 1] if w <= weeks else 0) - extra.get(w, 0) for w in range(first, last + 1)
    )


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_able_is_the_plain_answer(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    _, learners, _ = plan_roster(catalog, people, [""] * len(people), 3)
    book = Mentors(catalog.planning)
    for number, learner in enumerate(learners):
        book.add(number, learner)
    book.ready()
    for skill in sorted(catalog.skills):
        for level in range(0, 7):
            for number in range(len(learners)):
                assert book.able(skill, level, number) == _plain_able(book, skill, level, number)


@given(
    load=st.lists(st.integers(min_value=0, max_value=600), max_size=12),
    budget=st.integers(min_value=0, max_value=600),
    first=st.integers(min_value=1, max_value=15),
    length=st.integers(min_value=0, max_value=6),
    extra=st.dictionaries(st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=120), max_size=3),
)
def test_room_is_the_plain_answer(load, budget, first, length, extra):
    learner = Learner("E1", "A", "", budget, tuple(load), (), (), ())
    last = first + length
    # (with mentoring so far, `room` reads the weeks with it added: `busy`, through the step's last week)
    busy = [(load[w - 1] if w <= len(load) else 0) + extra.get(w, 0) for w in range(1, last + 1)] if extra else None
    assert room(learner, busy, first, last) == _plain_room(learner, extra, first, last)
