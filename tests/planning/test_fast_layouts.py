"""The fast paths of the layout (issue 29) against the layouts they stand for.

Each shortcut here answers a question a whole layout answers too; the plans must not change.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_tracks import steps
from upskill.planning.tracks import Work, lay_out_again, lay_out_noted, lay_out_within, unlimited_end


def _end_of(work: list[Work], budget: int, parallel: int, weeks: int) -> int | None:
    laid = lay_out_within(work, budget, parallel, weeks)
    return None if laid is None else max((p.last_week for p in laid.placed), default=0)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(work=steps(), parallel=st.integers(1, 4), weeks=st.integers(0, 400))
def test_the_end_with_unlimited_time_is_the_layouts(work, parallel, weeks):
    budget = max(1, sum(w.minutes for w in work))
    assert unlimited_end(work, parallel, weeks) == _end_of(work, budget, parallel, weeks)


@pytest.mark.parametrize(
    "work,parallel,weeks",
    [
        ([Work(600, 12, ()), Work(60, 1, ()), Work(90, 3, (1,)), Work(30, 1, (0, 2))], 2, 40),
        ([Work(600, 12, ()), Work(60, 1, ())], 1, 12),  # one track: past the weeks
        ([Work(0, 0, ()), Work(60, 1, (0,))], 2, 5),  # no minutes and no weeks still takes a week
        ([Work(60, 1, (1,)), Work(60, 1, (0,))], 2, 10),  # each waits for the other: never
    ],
)
def test_the_end_with_unlimited_time_in_plain_cases(work, parallel, weeks):
    budget = max(1, sum(w.minutes for w in work))
    assert unlimited_end(work, parallel, weeks) == _end_of(work, budget, parallel, weeks)


def _change(draw, work: list[Work]) -> tuple[int, list[Work]]:
    i = draw(st.integers(0, len(work) - 1))
    minutes = draw(st.one_of(st.integers(0, 40), st.integers(1, 20_000)))
    return i, [*work[:i], Work(minutes, draw(st.integers(1, 40)), work[i].after), *work[i + 1 :]]


@st.composite
def changes(draw) -> tuple[list[Work], list[tuple[int, list[Work]]]]:
    """Steps, and those steps with one step's minutes and fewest weeks changed, one change after
    another (what enrich.py tries: a resource more in one step, then in another)."""
    work = draw(steps().filter(bool))
    out = []
    for _ in range(draw(st.integers(1, 3))):
        out.append(_change(draw, out[-1][1] if out else work))
    return work, out


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    case=changes(),
    budget=st.one_of(st.integers(1, 90), st.integers(60, 4800)),
    parallel=st.integers(1, 4),
    weeks=st.integers(0, 400),
)
def test_a_changed_step_laid_out_again_from_the_week_it_started_is_the_whole_layout(case, budget, parallel, weeks):
    work, tries = case
    try:
        base = lay_out_noted(work, budget, parallel)
    except OverflowError:
        return
    for i, trial in tries:  # each from the layout of the one before, as enrich.py goes on from a kept try
        again = lay_out_again(trial, budget, parallel, max(weeks, len(base[0].load)), base, i)
        assert (again and again[0]) == lay_out_within(trial, budget, parallel, max(weeks, len(base[0].load)))
        if again is None:
            return
        base = again


def test_a_changed_step_laid_out_again_in_a_plain_case():
    work = [Work(600, 12, ()), Work(300, 1, ()), Work(900, 3, (1,)), Work(120, 1, (0, 2))]
    base = lay_out_noted(work, 180, 2)
    trial = [*work[:2], Work(1500, 4, (1,)), work[3]]
    again = lay_out_again(trial, 180, 2, 30, base, 2)
    assert again is not None
    assert again[0] == lay_out_within(trial, 180, 2, 30)
    assert lay_out_again(trial, 180, 2, 12, base, 2) is None  # past 12 weeks, as the whole layout
    assert lay_out_within(trial, 180, 2, 12) is None
