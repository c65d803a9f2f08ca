"""A try worked out without a layout (issue 29) is the layout the resumed walk gives.

`lay_out_again` answers the usual try that fits (more minutes in a step's own weeks, where the plan
left time free) from the base layout alone (`steady.in_spare_time`): its weeks and notes must be
what walking the weeks from the step's first one gives, and the whole layout's.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_tracks import steps
from upskill.planning.steady import in_spare_time
from upskill.planning.tracks import Noted, Work, _place, _Resume, lay_out_again, lay_out_noted, lay_out_within


def _walked(work: list[Work], budget: int, parallel: int, weeks: int, base: Noted, changed: int) -> Noted | None:
    """`lay_out_again` the long way: the weeks walked from the note of the step changed."""
    timeline, notes = base
    new: list = list(notes)
    try:
        found = _place(work, budget, parallel, weeks, new, _Resume(notes[changed], timeline, notes, changed))
    except OverflowError:
        return None
    return None if found is None else (found, tuple(new))


def _read(noted: Noted | None) -> object:
    """The layout, and of each note the week and the minutes left of the steps started before it
    (what a later try reads)."""
    if noted is None:
        return None
    timeline, notes = noted
    return timeline, [
        (n[0], [left for left, p in zip(n[1], timeline.placed, strict=True) if p.first_week < n[0]]) for n in notes
    ]


@st.composite
def tries(draw) -> tuple[list[Work], int, list[Work]]:
    """Steps, one of them, and the steps with that one taking more (or fewer) minutes, over the
    span it ran or its own (the shapes in_spare_time tells apart)."""
    work = draw(steps().filter(bool))
    i = draw(st.integers(0, len(work) - 1))
    extra = draw(st.one_of(st.integers(-40, 40), st.integers(0, 600), st.integers(0, 5000)))
    minutes = max(0, work[i].minutes + extra)
    return work, i, [*work[:i], Work(minutes, work[i].weeks, work[i].after), *work[i + 1 :]]


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(case=tries(), budget=st.one_of(st.integers(1, 90), st.integers(60, 4800)), parallel=st.integers(1, 4))
def test_a_try_in_spare_time_is_the_walked_and_the_whole_layout(case, budget, parallel):
    work, i, trial = case
    try:
        base = lay_out_noted(work, budget, parallel)
    except OverflowError:
        return
    timeline, notes = base
    p = timeline.placed[i]
    for weeks in {trial[i].weeks, p.last_week - p.first_week + 1}:  # its span, or the weeks it ran
        shaped = [*trial[:i], Work(trial[i].minutes, weeks, trial[i].after), *trial[i + 1 :]]
        spare = in_spare_time(shaped[i].minutes, weeks, budget, timeline.placed, timeline.load, notes, i)
        walked = _walked(shaped, budget, parallel, len(timeline.load), base, i)
        if spare is not None:
            assert walked is not None
            assert _read((timeline._replace(load=spare[0]), spare[1])) == _read(walked)
        assert _read(lay_out_again(shaped, budget, parallel, len(timeline.load), base, i)) == _read(walked)
        whole = lay_out_within(shaped, budget, parallel, len(timeline.load))
        assert (walked and walked[0]) == whole


def test_more_minutes_in_a_cadences_free_weeks_are_worked_out_without_a_walk():
    # Two 10-week cadences using 180 of 240 minutes a week, then two courses: 300 minutes more in
    # the first cadence fit its weeks (30 a week more, 210 of 240), so the plan keeps its weeks.
    work = [Work(600, 10, ()), Work(1200, 10, ()), Work(300, 1, (0,)), Work(300, 1, (1,))]
    timeline, notes = base = lay_out_noted(work, 240, 2)
    trial = [Work(900, 10, ()), *work[1:]]
    spare = in_spare_time(900, 10, 240, timeline.placed, timeline.load, notes, 0)
    assert spare is not None
    assert spare[0][:10] == (210,) * 10
    assert _read(lay_out_again(trial, 240, 2, len(timeline.load), base, 0)) == _read(lay_out_noted(trial, 240, 2))
    # 1,500 minutes more would pass the budget in those weeks: left to the walk
    assert in_spare_time(2100, 10, 240, timeline.placed, timeline.load, notes, 0) is None
    assert in_spare_time(900, 11, 240, timeline.placed, timeline.load, notes, 0) is None  # a longer span
