"""The fast paths of the layout (issue 29) against the layouts they stand for.

Each shortcut here answers a question a whole layout answers too; the plans must not change.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_tracks import steps
from upskill.planning.tracks import Work, lay_out_within, unlimited_end


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
