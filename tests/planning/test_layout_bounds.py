"""A probe stopped by its bound (issue 29) answers what the whole layout answers.

`ends_within`, `lay_out_within` and `lay_out_again` give up as soon as a lower bound on the last
week (each running step's span or minutes, the tracks' fewest weeks) passes the weeks asked: the
answer at the plan's own length and one week short of it is where a wrong bound would show.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_tracks import steps, week_by_week
from upskill.planning.tracks import MAX_WEEKS, Work, ends_within, lay_out_noted, lay_out_within


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    work=steps(),
    budget=st.one_of(st.integers(1, 90), st.integers(60, 4800)),
    parallel=st.integers(min_value=1, max_value=4),
)
def test_a_probe_at_the_plans_length_fits_and_one_week_short_does_not(work, budget, parallel):
    try:
        expected = week_by_week(work, budget, parallel)
    except OverflowError:
        assert not ends_within(work, budget, parallel, MAX_WEEKS)
        return
    weeks = len(expected.load)
    assert ends_within(work, budget, parallel, weeks)
    assert lay_out_within(work, budget, parallel, weeks) == expected
    assert lay_out_noted(work, budget, parallel)[0] == expected
    assert not ends_within(work, budget, parallel, weeks - 1) or not work


@pytest.mark.parametrize(
    "work,budget,parallel,weeks",
    [
        # a 13-week cadence on one track and 40 h on the other: the tracks' weeks pass 20 at once
        ([Work(600, 13, ()), Work(2400, 1, ()), Work(600, 10, (0,))], 120, 2, 22),
        # the minutes alone need 10 weeks at the budget
        ([Work(900, 1, ()), Work(900, 1, ())], 180, 2, 9),
        # a step started in week 8 with a 6-week span
        ([Work(420, 7, ()), Work(60, 6, (0,))], 60, 1, 12),
    ],
)
def test_a_probe_past_the_weeks_is_no_in_plain_cases(work, budget, parallel, weeks):
    expected = week_by_week(work, budget, parallel)
    assert ends_within(work, budget, parallel, weeks) == (len(expected.load) <= weeks)
    assert ends_within(work, budget, parallel, len(expected.load))
    assert not ends_within(work, budget, parallel, len(expected.load) - 1)
