"""A `Learner`'s load and job time kept as runs (roster_records.py): the same answers as week by week.

The reference is the week-by-week form the schedule read before (`_weekly`: a list per week, each run's
minutes set over its weeks, closed weeks at the budget), and its readers (`room`, the mentors' tight weeks).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from upskill.model import LoadRun, Planning
from upskill.planning.attend import _ROUNDING, _runs, from_plain, plain
from upskill.planning.mentors import Mentors, room
from upskill.planning.roster_records import Learner, Need, Shared, runs_of, week_minutes


def _weekly(runs, closed, budget: int, weeks: int) -> tuple[list[int], list[int]]:
    """The load and job minutes of weeks 1..`weeks`, as `learner_of` made them week by week."""
    load, job = [0] * weeks, [0] * weeks
    for r in runs:
        for w in range(r.from_week, min(r.to_week, weeks) + 1):
            load[w - 1] = min(round(r.learning_hours * 60) + _ROUNDING, budget)
            if r.job_hours:
                job[w - 1] = round(r.job_hours * 60) + _ROUNDING
    for w in closed:
        if w <= weeks:
            load[w - 1] = budget
    return load, job


@st.composite
def plan_loads(draw):
    """A plan's load runs as `load_runs` makes them (from week 1, in a row), closed weeks, budget, last week."""
    runs, week = [], 1
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        length = draw(st.integers(min_value=1, max_value=12))
        learning = draw(st.integers(min_value=0, max_value=100)) / 10
        job = draw(st.sampled_from([0.0, 0.0, 2.0, 9.5, 10.0]))
        runs.append(LoadRun(week, week + length - 1, learning, job))
        week += length
    closed = draw(st.lists(st.integers(min_value=1, max_value=week + 3), max_size=4, unique=True))
    budget = draw(st.integers(min_value=0, max_value=600))
    weeks = draw(st.integers(min_value=0, max_value=week + 3))
    return runs, sorted(closed), budget, weeks


@given(plan_loads())
def test_the_runs_are_the_weekly_minutes(case):
    runs, closed, budget, weeks = case
    load, job = _runs(runs, closed, budget, weeks)
    want_load, want_job = _weekly(runs, closed, budget, weeks)
    assert week_minutes(load, 1, weeks) == want_load
    assert week_minutes(job, 1, weeks) == want_job
    assert week_minutes(load, weeks + 1, weeks + 5) == [0] * 5  # past the last step: nothing


@given(
    plan_loads(),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=8),
    st.dictionaries(st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=120), max_size=4),
)
def test_room_reads_the_runs_as_it_read_the_weeks(case, first, length, extra):
    runs, closed, budget, weeks = case
    load, _ = _runs(runs, closed, budget, weeks)
    weekly, _ = _weekly(runs, closed, budget, weeks)
    last = first + length
    want = min(budget - (weekly[w - 1] if w <= weeks else 0) - extra.get(w, 0) for w in range(first, last + 1))
    learner = Learner("E1", "A", "", budget, load, (), (), ())
    busy = [(weekly[w - 1] if w <= weeks else 0) + extra.get(w, 0) for w in range(1, last + 1)] if extra else None
    assert room(learner, busy, first, last) == want


@given(plan_loads(), st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=12))
def test_a_mentors_tight_weeks_are_found_from_the_runs(case, job_hours, mentor_hours):
    runs, closed, budget, weeks = case
    load, job = _runs(runs, closed, budget, weeks)
    _, weekly_job = _weekly(runs, closed, budget, weeks)
    planning = Planning(max_job_hours_per_week=job_hours, mentor_hours_per_week=mentor_hours)
    book = Mentors(planning)
    book.add(0, Learner("E1", "A", "", budget, load, (), (), (("python", 3),), job))
    floor = book.job_cap - book.cap
    # (a week with no job time of its own is never tight: a week's mentoring stays within `limit`, at most
    # the job cap, so the weeks kept before with 0 minutes, when the job cap is under the mentoring cap, never said no)
    assert list(book.tight) == [w << 16 | own for w, own in enumerate(weekly_job, 1) if own > floor and own]


@given(st.lists(st.integers(min_value=0, max_value=600), max_size=30))
def test_runs_of_keeps_every_week(weekly):
    assert week_minutes(runs_of(weekly), 1, len(weekly)) == list(weekly)


def test_a_learner_read_back_is_the_learner_kept():
    learner = Learner(
        "E1",
        "A",
        "g",
        300,
        (1, 4, 120, 7, 7, 300),
        (Shared("python", "Course", 6.0, 1, 3),),
        (Need("python", 3, 1, 4, "Python", 0), Need("sql", 2, 5, 9, "SQL", 60)),
        (("excel", 4),),
        (2, 3, 600),
    )
    back = from_plain(plain(learner))
    assert back == learner
    assert [type(s) for s in back.shared] == [Shared]
    assert [type(n) for n in back.needs] == [Need, Need]
