"""The weekly load as runs (cycle.load_runs): what the plan's "Week by week" table shows.

load_runs finds the weeks whose minutes change by comparing the weeks with themselves shifted (issue
29); these check the runs against the weeks one by one, as a person reading the table would.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from upskill.planning import cycle
from upskill.planning.cycle import load_runs

MINUTES = st.sampled_from([0, 1, 2, 3, 57, 60, 62, 63, 120, 123, 240])


def hours(minutes: int) -> float:
    return round(minutes / 60, 1)


@given(st.lists(st.tuples(MINUTES, MINUTES), max_size=40))
def test_each_week_falls_in_one_run_with_its_own_hours_and_runs_next_to_each_other_differ(weeks):
    learning, job = [w[0] for w in weeks], [w[1] for w in weeks]
    runs = load_runs(learning, job)
    if not weeks:
        assert runs == ()
        return
    # The runs cover weeks 1..N in order, without gaps or overlaps
    assert runs[0].from_week == 1
    assert runs[-1].to_week == len(weeks)
    for before, after in pairwise(runs):
        assert after.from_week == before.to_week + 1
        # Two runs in a row never show the same hours: they would be one run
        assert (before.learning_hours, before.job_hours) != (after.learning_hours, after.job_hours)
    for run in runs:
        for week in range(run.from_week, run.to_week + 1):
            assert (run.learning_hours, run.job_hours) == (hours(learning[week - 1]), hours(job[week - 1]))


def test_a_year_at_the_same_minutes_is_one_run_and_a_change_to_the_minute_that_rounds_alike_is_not_a_new_one():
    learning = [120] * 30 + [121] * 22 + [180] * 3
    job = [60] * 55
    runs = load_runs(learning, job)
    assert [(r.from_week, r.to_week, r.learning_hours, r.job_hours) for r in runs] == [
        (1, 52, 2.0, 1.0),
        (53, 55, 3.0, 1.0),
    ]


@given(st.lists(st.tuples(st.integers(-100, 20_000), st.integers(-100, 20_000)), max_size=40))
def test_a_pairs_hours_are_rounds_of_its_minutes_whether_the_minutes_were_seen_before_or_not(pairs):
    # in_tenths finds each figure through a memo of minutes (cycle._TENTH): the same floats as rounding anew
    for pair in [*pairs, *pairs]:
        cycle.TENTHS.pop(pair, None)
        assert cycle.in_tenths(pair) == (hours(pair[0]), hours(pair[1]))
        assert cycle.TENTHS[pair] == (hours(pair[0]), hours(pair[1]))


def test_every_minute_of_a_week_rounds_as_round_does_through_the_memo():
    cycle._TENTH.clear()
    for minutes in range(7 * 24 * 60 + 1):
        cycle.TENTHS.pop((minutes, minutes), None)
        learning, job = cycle.in_tenths((minutes, minutes))
        assert learning == job == round(minutes / 60, 1)
        assert str(learning) == str(round(minutes / 60, 1))  # the very float, -0.0 included
