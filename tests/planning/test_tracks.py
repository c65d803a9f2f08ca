"""The layout of steps in weeks against a plain week-by-week reference.

`upskill.planning.tracks` jumps over runs of steady weeks, starts steps only when one ends, and
works the shares of two steps out directly: the plans must be the ones that stepping week by week
under the rules of its docstring gives. `week_by_week` below is those rules and nothing else.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.planning.tracks import MAX_WEEKS, Placed, Timeline, Work, ends_within, lay_out


def week_by_week(work: list[Work], budget: int, parallel: int) -> Timeline:
    """The rules of upskill/planning/tracks.py's docstring, one week at a time, no shortcut."""
    left = [w.minutes for w in work]
    start, end, track = [0] * len(work), [0] * len(work), [0] * len(work)
    active: list[int] = []
    load: list[int] = []
    week = 0
    while not all(end):
        week += 1
        if week > MAX_WEEKS:
            raise OverflowError("schedule too long")
        for i, w in enumerate(work):  # 1. free tracks take the ready steps in learning order
            if len(active) < parallel and not start[i] and all(0 < end[p] < week for p in w.after):
                busy = {track[a] for a in active}
                track[i] = min(t for t in range(1, parallel + 1) if t not in busy)
                start[i] = week
                active.append(i)
        want = {}  # 2. an even share over the weeks left in its span, or all it has left
        for i in active:
            weeks_left = start[i] + work[i].weeks - week  # this one included
            want[i] = -(-left[i] // weeks_left) if weeks_left > 1 else left[i]
        given = shares(active, want, budget)
        for i in active:
            left[i] -= given[i]
        load.append(sum(given.values()))
        for i in list(active):  # 3. ends when its minutes run out, not before its span is over
            if not left[i] and week >= start[i] + work[i].weeks - 1:
                end[i] = week
                active.remove(i)
    return Timeline(tuple(Placed(track[i], start[i], end[i]) for i in range(len(work))), tuple(load))


def shares(active: list[int], want: dict[int, int], budget: int) -> dict[int, int]:
    """An equal part each, in whole minutes; what one does not need goes to the others, earliest first."""
    given = dict.fromkeys(active, 0)
    spare = budget
    asking = [i for i in active if want[i] > 0]
    while spare > 0 and asking:
        share = max(1, spare // len(asking))
        for i in asking:
            part = min(share, want[i] - given[i], spare)
            given[i] += part
            spare -= part
        asking = [i for i in asking if want[i] > given[i]]
    return given


@st.composite
def steps(draw) -> list[Work]:
    """Steps of every shape the rules tell apart: tiny and large, with and without a span,
    blocked by earlier steps or not."""
    out = []
    for i in range(draw(st.integers(min_value=0, max_value=8))):
        minutes = draw(st.one_of(st.integers(0, 40), st.integers(1, 3000), st.integers(1, 20_000)))
        weeks = draw(st.one_of(st.just(1), st.integers(1, 40)))
        after = draw(st.lists(st.integers(0, i - 1), max_size=2, unique=True)) if i else []
        out.append(Work(minutes, weeks, tuple(sorted(after))))
    return out


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    work=steps(),
    budget=st.one_of(st.integers(1, 90), st.integers(60, 4800)),
    parallel=st.integers(min_value=1, max_value=4),
    weeks=st.integers(min_value=0, max_value=400),
)
def test_the_layout_is_the_week_by_week_one(work, budget, parallel, weeks):
    try:
        expected = week_by_week(work, budget, parallel)
    except OverflowError:
        with pytest.raises(OverflowError):
            lay_out(work, budget, parallel)
        return
    assert lay_out(work, budget, parallel) == expected
    assert ends_within(work, budget, parallel, weeks) == (len(expected.load) <= weeks)


@pytest.mark.parametrize(
    "work,budget,parallel",
    [
        # a cadence that gets all it asks beside a course that gets the rest, for weeks on end
        ([Work(360, 12, ()), Work(5000, 20, ()), Work(600, 1, (0,))], 240, 2),
        # both short of what they ask, then one past its span beside the other's cadence
        ([Work(3000, 4, ()), Work(4000, 6, ()), Work(90, 3, (1,))], 300, 2),
        # three side by side at a budget that does not split evenly, one blocked behind two
        ([Work(700, 1, ()), Work(500, 5, ()), Work(900, 9, ()), Work(50, 1, (0, 1))], 301, 3),
        # a minute a week: years of steady weeks
        ([Work(200, 1, ()), Work(150, 30, ())], 1, 2),
    ],
)
def test_steady_weeks_are_skipped_without_changing_the_plan(work, budget, parallel):
    assert lay_out(work, budget, parallel) == week_by_week(work, budget, parallel)


def test_a_plan_past_the_last_week_computed_is_an_overflow_even_when_weeks_are_skipped():
    # 909,935 minutes at 30 a week: steady weeks run past MAX_WEEKS in one go
    work = [Work(39_759, 1, ()), Work(909_935, 50, (0,))]
    with pytest.raises(OverflowError):
        lay_out(work, 30, 2)
    assert not ends_within(work, 30, 2, MAX_WEEKS + 1)


def test_a_step_that_can_never_start_is_an_overflow_not_a_hang():
    with pytest.raises(OverflowError):
        lay_out([Work(60, 1, (1,)), Work(60, 1, (0,))], 60, 1)  # each waits for the other
    assert not ends_within([Work(60, 1, (1,)), Work(60, 1, (0,))], 60, 1, 10)
