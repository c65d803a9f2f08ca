"""A probe stopped by its bound (issue 29) answers what the whole layout answers.

`ends_within`, `lay_out_within` and `lay_out_again` give up as soon as a lower bound on the last
week (each running step's span or minutes, the tracks' fewest weeks) passes the weeks asked: the
answer at the plan's own length and one week short of it is where a wrong bound would show.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_fast_layouts import changes
from tests.planning.test_tracks import steps, week_by_week
from upskill.planning.cycle import subset
from upskill.planning.plan import _ends_at_max
from upskill.planning.tracks import (
    MAX_WEEKS,
    Noted,
    Work,
    ends_within,
    lay_out,
    lay_out_again,
    lay_out_noted,
    lay_out_within,
)


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


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(case=changes(), budget=st.one_of(st.integers(1, 90), st.integers(60, 4800)), parallel=st.integers(1, 4))
def test_a_try_laid_out_again_has_the_whole_layouts_weeks_and_notes(case, budget, parallel):
    # Within the base plan's weeks, as enrich.py asks: a try that fits often stands where the base
    # stood once the step changed has ended, and takes the base's weeks from there.
    work, tries = case
    try:
        base = lay_out_noted(work, budget, parallel)
    except OverflowError:
        return
    for i, trial in tries:
        weeks = len(base[0].load)
        again = lay_out_again(trial, budget, parallel, weeks, base, i)
        whole = lay_out_noted(trial, budget, parallel) if ends_within(trial, budget, parallel, weeks) else None
        assert _read(again) == _read(whole)
        if again is None:
            return
        base = again


def _read(noted: Noted | None) -> object:
    """The layout, and of each step's note what a later try reads: the week, and the minutes left
    of the steps started before it (a note keeps the minutes a step not started had then)."""
    if noted is None:
        return None
    timeline, notes = noted
    started = [
        [left for left, p in zip(note[1], timeline.placed, strict=True) if p.first_week < note[0]] for note in notes
    ]
    return timeline, [(note[0], kept) for note, kept in zip(notes, started, strict=True)]


def test_a_try_using_time_the_plan_left_free_takes_the_plans_weeks():
    # Two 10-week cadences, then two courses: more minutes in a cadence's weeks, the same plan
    work = [Work(600, 10, ()), Work(1200, 10, ()), Work(300, 1, (0,)), Work(300, 1, (1,))]
    base = lay_out_noted(work, 240, 2)
    trial = [Work(900, 10, ()), *work[1:]]
    again = lay_out_again(trial, 240, 2, len(base[0].load), base, 0)
    assert _read(again) == _read(lay_out_noted(trial, 240, 2))
    assert again is not None
    assert again[0].placed == base[0].placed


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(work=steps(), maximum=st.integers(1, 80), parallel=st.integers(1, 4), weeks=st.integers(1, 400))
def test_the_pace_search_at_its_maximum_answers_as_the_whole_layout(work, maximum, parallel, weeks):
    # The search's first question (is the plan late even at the most time a week?) is a probe
    try:
        laid = lay_out(work, round(maximum / 2 * 60), parallel)
        fits = max((p.last_week for p in laid.placed), default=0) <= weeks
    except OverflowError:
        fits = False
    assert _ends_at_max(work, parallel, maximum / 2, weeks) == fits


@pytest.mark.parametrize(
    "keep",
    [[0, 1, 2, 3], [0, 1], [], [0, 2, 3], [1, 3]],
)
def test_the_steps_kept_are_numbered_among_themselves(keep):
    work = [Work(60, 1, ()), Work(90, 2, (0,)), Work(30, 1, ()), Work(45, 3, (2,))]
    expected = [
        Work(work[i].minutes, work[i].weeks, tuple(keep.index(a) for a in work[i].after))
        for i in keep
        if all(a in keep for a in work[i].after)
    ]
    if len(expected) == len(keep):
        assert subset(work, keep) == expected
