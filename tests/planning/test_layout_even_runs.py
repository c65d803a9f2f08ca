"""A layout's even runs (steady.run_even, issue 29): when every step gets all it asks, the weeks up to
the first span's last week are worked out in one go, that week included. The weeks must be the ones
stepping week by week gives (tests/planning/test_tracks.py's reference), whatever the budget."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_tracks import steps, week_by_week
from upskill.planning.steady import run_even
from upskill.planning.tracks import Work, lay_out, lay_out_within


def _stepped(left: list[int], last: list[int], week: int, first: int) -> list[int]:
    """Each week from `week` to `first`: every step asks ceil(minutes left / weeks left in its span)."""
    loads = []
    for now in range(week, first + 1):
        used = 0
        for i, minutes in enumerate(left):
            ask = -(-minutes // (last[i] - now + 1))
            left[i] -= ask
            used += ask
        loads.append(used)
    return loads


@st.composite
def even_weeks(draw) -> tuple[list[int], list[int], int]:
    """Steps within their spans (minutes left, last week), at week 5."""
    count = draw(st.integers(1, 4))
    left = draw(st.lists(st.one_of(st.integers(0, 12), st.integers(0, 5000)), min_size=count, max_size=count))
    last = draw(st.lists(st.integers(6, 60), min_size=count, max_size=count))
    return left, last, 5


@settings(max_examples=500, deadline=None)
@given(case=even_weeks())
def test_an_even_run_is_the_weeks_stepped(case):
    left, last, week = case
    first = min(last)
    fast_left, slow_left = list(left), list(left)
    loads = run_even(list(range(len(left))), fast_left, last, week, first)
    assert loads == _stepped(slow_left, last, week, first)
    assert fast_left == slow_left
    assert all(fast_left[i] == 0 for i in range(len(left)) if last[i] == first)  # it ends there


def test_an_even_run_in_a_plain_case():
    # 100 over 3 weeks: 34, 33, 33; 7 over 5 weeks: 2, 2, 1 in the run's three weeks
    left = [100, 7]
    assert run_even([0, 1], left, [3, 5], 1, 3) == [36, 35, 34]
    assert left == [0, 2]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(work=steps(), budget=st.one_of(st.integers(60, 600), st.integers(600, 20_000)), parallel=st.integers(1, 4))
def test_layouts_with_even_runs_are_the_weeks_stepped(work, budget, parallel):
    """Large budgets make most weeks even runs; small ones mix them with shared weeks."""
    assert lay_out(work, budget, parallel) == week_by_week(work, budget, parallel)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(work=steps(), budget=st.integers(60, 20_000), parallel=st.integers(1, 3), weeks=st.integers(0, 80))
def test_a_probe_with_even_runs_stops_where_the_whole_layout_ends(work, budget, parallel, weeks):
    """A probe stops at the first week past `weeks`; an even run may pass it in one go."""
    whole = week_by_week(work, budget, parallel)
    end = max((p.last_week for p in whole.placed), default=0)
    assert lay_out_within(work, budget, parallel, weeks) == (whole if end <= weeks else None)


def test_a_run_that_passes_the_weeks_asked_is_a_probe_that_fails():
    work = [Work(600, 10, ()), Work(60, 3, ())]
    assert lay_out_within(work, 600, 2, 9) is None
    assert lay_out_within(work, 600, 2, 10) == week_by_week(work, 600, 2)
