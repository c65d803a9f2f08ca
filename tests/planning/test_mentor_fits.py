"""The mentor search's check of a candidate (issue 29, fourth session): `Mentors.fits` sums the mentor's pairs in the
step's weeks only when more than one is there (or a week of the mentor's own job is tight), and `first_fit` turns
down a mentor whose latest pair is at the cap in those weeks without calling it. Both must answer as the plain
reading does: every week of the step, the minutes the mentor gives already, against both caps.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_mentor_busy_weeks import _book, _learners
from upskill.model import Planning
from upskill.planning.mentors import Mentors, match_mentors
from upskill.planning.roster_records import Learner, Need


def _plain_fits(book: Mentors, mentor: int, minutes: int, first: int, last: int) -> bool:
    """Week by week: the mentor's minutes given so far, within the cap, and with their job time within its cap."""
    pairs = book.pairs
    chain, j = [], book.latest[mentor]
    while j >= 0:
        chain.append(j)
        j = pairs.previous[j]
    tight = {
        book.tight[i] >> 16: book.tight[i] & 0xFFFF for i in range(book.tight_at[mentor], book.tight_at[mentor + 1])
    }
    for week in range(first, last + 1):
        given = sum(pairs.minutes[j] for j in chain if pairs.first[j] <= week <= pairs.last[j])
        if minutes + given > book.limit:
            return False
        if week in tight and tight[week] + given + minutes > book.job_cap:
            return False
    return True


def _plain_first_fit(book: Mentors, need: Need, levels: list[int], group: str, learner: int, minutes: int) -> int:
    for mentor in book.candidates(need.skill, need.level, group, learner):
        if _plain_fits(book, mentor, minutes, need.first_week, need.last_week):
            return mentor
    return -1


class _PlainMentors(Mentors):
    first_fit = _plain_first_fit


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    count=st.integers(min_value=1, max_value=60),
    mentor_hours=st.sampled_from([0.25, 0.5, 1.0, 2.0, 4.0]),
    job_hours=st.sampled_from([1.0, 9.0, 10.0, 40.0]),
    most=st.integers(min_value=1, max_value=4),
)
def test_the_pairs_are_those_the_week_by_week_check_makes(seed, count, mentor_hours, job_hours, most):
    learners = _learners(seed, count)
    planning = Planning(mentor_hours_per_week=mentor_hours, max_job_hours_per_week=job_hours, mentor_max_learners=most)
    book, plain = _book(learners, planning), _book(learners, planning)
    plain.__class__ = _PlainMentors
    found, want = match_mentors(learners, book), match_mentors(learners, plain)
    assert list(found.pairs) == list(want.pairs)
    assert list(found.unmatched) == list(want.unmatched)
    assert found.made == want.made and found.unmatched_count == want.unmatched_count


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    count=st.integers(min_value=2, max_value=40),
    mentor_hours=st.sampled_from([0.5, 1.0, 2.0]),
    job_hours=st.sampled_from([1.0, 9.0, 10.0]),
    data=st.data(),
)
def test_fits_answers_as_every_week_read_does(seed, count, mentor_hours, job_hours, data):
    """After a search has made pairs, `fits` of anyone for any weeks and minutes is the week-by-week answer."""
    learners = _learners(seed, count)
    planning = Planning(mentor_hours_per_week=mentor_hours, max_job_hours_per_week=job_hours, mentor_max_learners=4)
    book = match_mentors(learners, _book(learners, planning))
    for _ in range(20):
        mentor = data.draw(st.integers(min_value=0, max_value=count - 1))
        first = data.draw(st.integers(min_value=1, max_value=40))
        last = first + data.draw(st.integers(min_value=0, max_value=10))
        minutes = data.draw(st.sampled_from([15, 30, 45, 60, 120, 240]))
        assert book.fits(mentor, minutes, first, last) == _plain_fits(book, mentor, minutes, first, last)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6), count=st.integers(min_value=1, max_value=40), data=st.data())
def test_the_first_read_counts_each_shared_activity_as_its_fields_say(seed, count, data):
    """`_Seen` groups by each `Shared` itself and counts the activities from the grouping, once per weeks: its
    tallies are those read field by field, learner by learner."""
    from collections import Counter

    from upskill.planning.roster_records import Shared
    from upskill.planning.sessions import _Seen

    titles = st.sampled_from(["Course A", "Course B", "Book"])
    shared = st.builds(
        lambda skill, title, hours, first, length: Shared(skill, title, hours, first, first + length),
        st.sampled_from(["python", "sql"]),
        titles,
        st.sampled_from([2.0, 6.5]),
        st.integers(1, 9),
        st.integers(0, 4),
    )
    learners = [
        learner._replace(shared=tuple(data.draw(st.lists(shared, max_size=4)))) for learner in _learners(seed, count)
    ]
    for sessions in (True, False):
        seen = _Seen(learners, Planning(), sessions, True)
        by_weeks: dict[tuple[str, str, float, int, int], list[int]] = {}
        per_activity, activities = Counter(), Counter()
        last_hours = {}
        for number, learner in enumerate(learners):
            for s in learner.shared:
                by_weeks.setdefault((s.skill, s.title, s.hours, s.first_week, s.last_week), []).append(number)
                per_activity[(s.skill, s.title, s.hours)] += 1
                activities[(s.skill, s.title)] += 1
                last_hours[(s.skill, s.title)] = s.hours
        assert {k: list(v) for k, v in seen.by_weeks.items()} == (by_weeks if sessions else {})
        # (in the order first met too: the savings are sums of hours in this order)
        assert list(seen.per_activity.items()) == list(per_activity.items())
        assert list(seen.count.items()) == list(activities.items())  # (in the order first met)
        assert list(seen.last_hours.items()) == list(last_hours.items())


def _crowd(seed: int, count: int) -> list[Learner]:
    """Many people holding the same two skills and asking for them: mentors fill up all along their queues (long
    ways past full mentors), and a step's search often tries `SCAN` mentors and stops."""
    rng = random.Random(seed)
    people = []
    for n in range(count):
        needs = []
        for skill in rng.sample(("python", "sql"), rng.randint(1, 2)):
            first = rng.randint(1, 4)  # (all in the same few weeks: a mentor's one pair puts them at the cap)
            needs.append(Need(skill, rng.randint(1, 3), first, first + rng.randint(0, 6), "", rng.choice((0, 0, 30))))
        held = tuple((s, rng.randint(2, 4)) for s in ("python", "sql") if rng.random() < 0.8)
        job = tuple(rng.choice((0, 0, 0, 590)) for _ in range(12))
        people.append(Learner(f"E{n}", f"P{n}", rng.choice(("", "a")), 120, (), (), tuple(needs), held, job))
    return people


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    count=st.integers(min_value=100, max_value=400),
    most=st.integers(min_value=1, max_value=3),
)
def test_the_walk_past_full_mentors_is_the_plain_walk(seed, count, most):
    """`first_fit` passes the full mentors in line (each way it walks sent to where it ends), as `_open` does."""
    learners = _crowd(seed, count)
    planning = Planning(mentor_hours_per_week=0.5, max_job_hours_per_week=10.0, mentor_max_learners=most)
    book, plain = _book(learners, planning), _book(learners, planning)
    plain.__class__ = _PlainMentors
    found, want = match_mentors(learners, book), match_mentors(learners, plain)
    assert list(found.pairs) == list(want.pairs)
    assert list(found.unmatched) == list(want.unmatched)
