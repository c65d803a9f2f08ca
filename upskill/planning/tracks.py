"""Lay steps out in weeks: up to N skills side by side, within the weekly learning budget.

A step is a piece of work: the minutes it charges to the learning budget, the fewest weeks it
runs (an on-the-job project or a cadence such as "1 h a week for 12 weeks" cannot be squeezed
into fewer), and the steps that must end first (its prerequisites). Each week:

1. Free tracks take the next steps in learning order whose prerequisites ended in an earlier
   week (a blocked step lets the next ready one go ahead).
2. The budget is shared out in whole minutes: a step with a minimum span asks for an even
   share of what it has left over the weeks left in its span (so it keeps its cadence); any
   other step asks for all it has left. Every step gets an equal part, and what a step does
   not need goes to the others, earliest first. No week is ever over budget.
3. A step ends in the week its minutes run out, but not before its span is over.

Whole minutes keep the arithmetic exact, and the same inputs always give the same weeks.
"""

from __future__ import annotations

from typing import NamedTuple

# The longest schedule computed: a plan this long is a data problem (hours absurd for the
# budget), reported by the caller rather than looped over for ever.
MAX_WEEKS = 52 * 200


# NamedTuples: see the speed rules in upskill/model.py's docstring.
class Work(NamedTuple):
    """One step to schedule."""

    minutes: int  # charged to the weekly budget
    weeks: int  # the fewest weeks it runs (1 = as fast as the budget allows)
    after: tuple[int, ...]  # indices of the steps that must end first


class Placed(NamedTuple):
    """Where one step fell: its track and its first and last week (1-based)."""

    track: int
    first_week: int
    last_week: int


class Timeline(NamedTuple):
    """The steps placed, and the minutes used in each week (for the budget invariant's tests)."""

    placed: tuple[Placed, ...]
    load: tuple[int, ...]  # minutes used in week 1, 2, ...


def lay_out(work: list[Work], budget: int, parallel: int) -> Timeline:
    """Place every step; raise OverflowError past MAX_WEEKS."""
    found = _place(work, budget, parallel, MAX_WEEKS + 1)
    assert found is not None
    return found


def ends_within(work: list[Work], budget: int, parallel: int, weeks: int) -> bool:
    """Whether every step ends within `weeks` weeks: stops at the first week past them (the pace
    search asks this many times, and most of its answers are "no")."""
    try:
        return _place(work, budget, parallel, weeks) is not None
    except OverflowError:
        return False


def _place(work: list[Work], budget: int, parallel: int, within: int) -> Timeline | None:
    """The timeline, or None once a week past `within` is needed."""
    if budget <= 0 or parallel < 1:
        raise ValueError("the weekly budget and the number of tracks must be positive")
    left = [w.minutes for w in work]
    start = [0] * len(work)
    track = [0] * len(work)
    end = [0] * len(work)
    pending = list(range(len(work)))
    active: list[int] = []
    load: list[int] = []
    week = 0
    while pending or active:
        week += 1
        if week > within:
            return None
        if week > MAX_WEEKS:
            raise OverflowError("schedule too long")
        _start_ready(work, pending, active, end, week, parallel, start, track)
        want = _wants(work, active, left, start, week)
        given = _shares(active, want, budget)
        skipped = _skip_steady_weeks(work, active, left, start, week, budget, want, given)
        if skipped:
            load.extend(skipped)
            week += len(skipped)
            if week > within:
                return None
            if week > MAX_WEEKS:
                raise OverflowError("schedule too long")
            want = _wants(work, active, left, start, week)
            given = _shares(active, want, budget)
        for i in active:
            left[i] -= given[i]
        load.append(sum(given.values()))
        for i in [i for i in active if left[i] == 0 and week >= start[i] + work[i].weeks - 1]:
            end[i] = week
            active.remove(i)
    placed = tuple(Placed(track[i], start[i], end[i]) for i in range(len(work)))
    return Timeline(placed, tuple(load))


def _start_ready(
    work: list[Work],
    pending: list[int],
    active: list[int],
    end: list[int],
    week: int,
    parallel: int,
    start: list[int],
    track: list[int],
) -> None:
    """Move ready steps, in learning order, from `pending` into free tracks."""
    for i in list(pending):
        if len(active) >= parallel:
            return
        if all(0 < end[p] < week for p in work[i].after):
            pending.remove(i)
            busy = {track[a] for a in active}
            track[i] = next(t for t in range(1, parallel + 1) if t not in busy)
            start[i] = week
            active.append(i)


def _wants(work: list[Work], active: list[int], left: list[int], start: list[int], week: int) -> dict[int, int]:
    """What each active step asks of this week: an even share of what it has left over the weeks
    left in its span, or, past its span, all it has left."""
    want = {}
    for i in active:
        weeks_left = start[i] + work[i].weeks - 1 - week  # after this one, within the span
        want[i] = -(-left[i] // (weeks_left + 1)) if weeks_left > 0 else left[i]
    return want


def _skip_steady_weeks(
    work: list[Work],
    active: list[int],
    left: list[int],
    start: list[int],
    week: int,
    budget: int,
    want: dict[int, int],
    given: dict[int, int],
) -> list[int]:
    """Run, in one go, the weeks from `week` on whose shares can be worked out without stepping.

    No step starts or ends in such weeks: a step that can start has just started, and one that
    cannot will not until some step ends. Two cases are steady enough (a plan at 1 h a week
    runs for years, and an on-the-job activity for months):

    - every step gets less than it asks for (a step past its span asks for all it has left): the
      same equal split every week, until a span's last week or a step would end;
    - every step is within its span and their even shares fit the budget: a step with L
      minutes left over w weeks gets L // w a week, one more in the first L % w weeks (what
      asking for ceil(left / weeks left) each week gives), until the first span's last week;
      one step past its span beside them takes the rest of each week until it would end.

    `want` and `given` are this week's asks and shares (`_wants`, `_shares`). Returns the minutes
    used in each week skipped: none when the weeks are not steady.
    """
    if not active:
        return []
    ends = [start[i] + work[i].weeks - 1 for i in active]  # the last week of each span
    if all(0 < given[i] < want[i] for i in active):
        # Every step wants more than it gets, and keeps wanting more (a step short of its even
        # share falls further behind it): the same equal split every week, until a span's last
        # week or a step would end.
        weeks = min([(left[i] - 1) // given[i] for i in active] + [end - week for end in ends if end > week])
        if weeks < 2:
            return []
        for i in active:
            left[i] -= given[i] * weeks
        return [sum(given.values())] * weeks
    flexible = [i for i, end in zip(active, ends, strict=True) if end <= week]
    if len(flexible) > 1:
        return []
    spans = [(i, end) for i, end in zip(active, ends, strict=True) if end > week]
    if not spans:
        return []
    weeks = min(end for _, end in spans) - week  # stop before the first span's last week: it runs step by step
    spread = [(i, *divmod(left[i], end - week + 1)) for i, end in spans]
    if weeks < 2 or sum(q + (r > 0) for _, q, r in spread) > budget:
        return []
    loads = [sum(q + (k < r) for _, q, r in spread) for k in range(weeks)]
    if flexible:
        # The shares start equal: each span's step gets all it asks only if that fits its part.
        if max(q + (r > 0) for _, q, r in spread) > budget // len(active):
            return []
        weeks, rest = _beside(left[flexible[0]], loads, budget)
        if weeks < 2:
            return []
        left[flexible[0]] = rest
        loads = [budget] * weeks
    for i, q, r in spread:
        left[i] -= q * weeks + min(weeks, r)
    return loads


def _beside(rest: int, loads: list[int], budget: int) -> tuple[int, int]:
    """A step past its span with `rest` minutes takes what the spans' steps leave of each week
    (`loads`): how many of those weeks pass before it would end, and the minutes it has left then."""
    for week, load in enumerate(loads):
        if rest - (budget - load) < 1:
            return week, rest
        rest -= budget - load
    return len(loads), rest


def _shares(active: list[int], want: dict[int, int], budget: int) -> dict[int, int]:
    """Share `budget` minutes: an equal part each, what one does not need going to the others, earliest first."""
    if sum(want.values()) <= budget:  # the usual week: everyone gets what they ask
        return want.copy()
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
