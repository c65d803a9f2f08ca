"""The weekly load with the roster's mentoring (attend.mentored_load), as a batch's Markdown shows it in
"Your weekly ask" and the plan's week-by-week table.

The load is worked out from the plan's runs, cut where a mentoring stretch begins or ends, not week by week
(issue 29); these check it against the week-by-week pass it replaces (`_dense`), on the plans' own runs
and on any runs and mentoring stretches, some before week 1 or after the plan.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from upskill.model import LoadRun, MentorRef
from upskill.planning.attend import Assignment, mentored_load, mentored_runs
from upskill.planning.cycle import load_runs
from upskill.planning.mentored import _dense, _span, _split
from upskill.planning.mentored import with_mentoring as _with_mentoring
from upskill.render.ask import ask_lines

START = date(2027, 1, 4)
MINUTES = st.sampled_from([0, 1, 3, 30, 57, 60, 63, 90, 120, 123, 240])
TENTHS = st.sampled_from([0.0, 0.1, 0.5, 1.0, 1.5, 2.0, 2.3, 4.0, 7.5])


def _weeks(start: date, day: date) -> int:
    return (day - start).days // 7 + 1


def _old(
    runs: tuple[LoadRun, ...], learning: list[tuple[date, date, float]], job: list[tuple[date, date, float]]
) -> tuple[LoadRun, ...]:
    """The path before: every week's minutes in a list, then `load_runs` over the weeks."""
    if not learning and not job:
        return runs
    weeks = max([r.to_week for r in runs] + [_weeks(START, end) for _, end, _ in (*learning, *job)])
    # as the dense pass was called before: every week's minutes in a list
    added = [(_weeks(START, b), _weeks(START, e), round(h * 60)) for b, e, h in learning]
    added_job = [(_weeks(START, b), _weeks(START, e), round(h * 60)) for b, e, h in job]
    return _dense(runs, added, added_job, weeks)


def _stretch(first_week: int, weeks: int, hours: float, friday: bool) -> tuple[date, date, float]:
    begin = START + timedelta(weeks=first_week - 1)
    end = begin + timedelta(weeks=weeks - 1, days=4 if friday else 0)
    return (begin, end, hours)


STRETCHES = st.lists(st.builds(_stretch, st.integers(-3, 40), st.integers(-2, 30), TENTHS, st.booleans()), max_size=4)


@given(st.lists(st.tuples(MINUTES, MINUTES), max_size=40), STRETCHES, STRETCHES)
def test_plan_runs_with_mentoring_as_week_by_week(weeks, learning, job):
    runs = load_runs([w[0] for w in weeks], [w[1] for w in weeks])
    assert _with_mentoring(runs, START, learning, job) == _old(runs, learning, job)


@given(st.lists(st.tuples(st.integers(1, 30), st.integers(-1, 12), TENTHS, TENTHS), max_size=8), STRETCHES, STRETCHES)
def test_any_runs_even_overlapping_or_empty_as_week_by_week(runs, learning, job):
    load = tuple([LoadRun(a, a + n, lh, jh) for a, n, lh, jh in runs])
    assert _with_mentoring(load, START, learning, job) == _old(load, learning, job)


def test_two_mentees_over_a_plan_the_hours_a_reader_adds_up():
    # 2 h learning weeks 1-4, then 1 h weeks 5-6; mentoring 1.5 h as job time in weeks 3-8
    runs = load_runs([120] * 4 + [60] * 2, [0] * 6)
    mentoring = [_stretch(3, 6, 1.5, True)]
    assert _with_mentoring(runs, START, [], mentoring) == (
        LoadRun(1, 2, 2.0, 0.0),
        LoadRun(3, 4, 2.0, 1.5),
        LoadRun(5, 6, 1.0, 1.5),
        LoadRun(7, 8, 0.0, 1.5),
    )


@given(st.lists(st.tuples(MINUTES, MINUTES), min_size=1, max_size=40), STRETCHES, STRETCHES)
def test_plan_runs_are_cut_not_walked_week_by_week_when_mentoring_starts_in_the_plan(weeks, learning, job):
    runs = load_runs([w[0] for w in weeks], [w[1] for w in weeks])
    added = [_span(START, *m) for m in learning]
    added_job = [_span(START, *m) for m in job]
    if all(first >= 1 or first > last for first, last, _ in (*added, *added_job)):
        n = max([len(weeks), *[last for _, last, _ in (*added, *added_job)]])
        assert _split(runs, added, added_job, n) == _dense(runs, added, added_job, n)


@given(st.lists(st.tuples(MINUTES, MINUTES), max_size=40), STRETCHES, STRETCHES, st.booleans())
def test_a_batch_s_markdown_asks_of_the_plain_runs_what_the_plan_shows(weeks, learning, job, own_mentoring):
    # A batch's Markdown keeps the runs as plain tuples and fills its weekly ask from `mentored_runs` (no
    # LoadRun made); a plan with the share written in has `mentored_load`'s records: the same runs, the same ask
    runs = load_runs([w[0] for w in weeks], [w[1] for w in weeks])
    mentors = tuple((f"skill-{n}", MentorRef("M1", "Ana", *m, f"skill-{n}")) for n, m in enumerate(learning))
    mentees = tuple(MentorRef("L1", "Kwame", *m, "python", "Python") for m in job)
    given = Assignment(mentors=mentors, mentees=mentees)
    own = {"skill-0"} if own_mentoring else set()
    plain = mentored_runs(tuple(map(tuple, runs)), START, given, own)
    load = mentored_load(runs, START, given, own)
    assert plain == load == _old(runs, [m for n, m in enumerate(learning) if f"skill-{n}" not in own], job)
    assert all(type(run) is LoadRun for run in load)
    end = START + timedelta(weeks=len(weeks))
    assert ask_lines(plain, START, end, 0.5, 3.0, "", "", ()) == ask_lines(load, START, end, 0.5, 3.0, "", "", ())
