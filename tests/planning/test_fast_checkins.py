"""Check-ins bucket the steps by week in one pass (issue 29): the same steps due and under way as
scanning every step at every check-in."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.model import new_step
from upskill.planning.checkins import _buckets


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(1, 60), st.integers(0, 30)), max_size=10),
    weeks=st.lists(st.integers(1, 100), min_size=1, max_size=14, unique=True).map(sorted),
)
def test_the_steps_due_and_under_way_at_each_checkin_are_the_scans(spans, weeks):
    day = date(2027, 1, 4)
    steps = tuple(
        new_step(
            number=n, skill="s", name="S", from_level=0, to_level=1, activities=(), hours=1.0,
            first_week=first, last_week=first + length, start=day, end=day,
        )
        for n, (first, length) in enumerate(spans, start=1)
    )  # fmt: skip
    ended, running = _buckets(steps, weeks)
    since = 0
    for k, week in enumerate(weeks):
        assert ended[k] == tuple(s.number for s in steps if since < s.last_week <= week)
        assert running[k] == tuple(s.number for s in steps if s.first_week <= week < s.last_week)
        since = week
