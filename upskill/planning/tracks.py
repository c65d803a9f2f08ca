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

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from upskill.planning.steady import MAX_WEEKS as MAX_WEEKS  # the callers' limit too
from upskill.planning.steady import in_spare_time as _in_spare_time
from upskill.planning.steady import run_even as _run_even
from upskill.planning.steady import shares as _shares
from upskill.planning.steady import skip_steady_weeks as _skip_steady_weeks  # tests patch it here


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


def lay_out(work: Sequence[Work], budget: int, parallel: int) -> Timeline:
    """Place every step; raise OverflowError past MAX_WEEKS."""
    return _lay_out(tuple(work), budget, parallel)[0]


# Where a layout stood at the start of a week in which steps started, before they started: the
# week and every step's minutes left (the rest follows from the layout's weeks).
Note = tuple[int, tuple[int, ...]]
Noted = tuple[Timeline, tuple[Note, ...]]  # a layout, and per step the note of the week it started


def lay_out_noted(work: Sequence[Work], budget: int, parallel: int) -> Noted:
    """`lay_out`, and per step where the layout stood at the start of the week it started (for `lay_out_again`)."""
    return _lay_out(tuple(work), budget, parallel)


# A batch lays the same steps out again: people with the same gaps and hours, and the pace
# searches and the deadline warning of one plan at the same (maximum) pace; enrich.py starts
# from the plan's layout, which the cycle has just made.
@lru_cache(maxsize=1024)
def _lay_out(work: tuple[Work, ...], budget: int, parallel: int) -> Noted:
    notes: list[Note | None] = [None] * len(work)
    found = _place(work, budget, parallel, MAX_WEEKS + 1, notes)
    assert found is not None  # within MAX_WEEKS + 1 weeks, _past raises rather than say None
    return found, tuple(n for n in notes if n is not None)  # every step started


def lay_out_again(
    work: Sequence[Work], budget: int, parallel: int, weeks: int, base: Noted, changed: int
) -> Noted | None:
    """`lay_out_within(work, budget, parallel, weeks)`, with its notes, when `work` differs from the
    steps of `base` (laid out at the same budget and parallel) in step `changed` alone, and only in
    its minutes and fewest weeks: up to the week that step started, nothing reads them, so the
    layout goes on from there (enrich.py tries a resource in one step at a time)."""
    timeline, notes = base
    if len(timeline.load) <= weeks:  # the usual try that fits, worked out without a layout (steady.py)
        spare = _in_spare_time(
            work[changed].minutes, work[changed].weeks, budget, timeline.placed, timeline.load, notes, changed
        )
        if spare is not None:
            return Timeline(timeline.placed, spare[0]), spare[1]
    new: list[Note | None] = list(notes)  # the steps started before that week keep theirs
    try:
        found = _place(work, budget, parallel, weeks, new, _Resume(notes[changed], timeline, notes, changed))
    except OverflowError:
        return None
    return None if found is None else (found, tuple(n for n in new if n is not None))


class _Resume(NamedTuple):
    """Where `lay_out_again` goes on from: the note of the week the step changed started, and the
    layout it was taken in with all its notes."""

    note: Note
    timeline: Timeline
    notes: tuple[Note, ...]
    changed: int


def ends_within(work: Sequence[Work], budget: int, parallel: int, weeks: int) -> bool:
    """Whether every step ends within `weeks` weeks: stops at the first week past them (the pace
    search asks this many times, at paces that mostly differ)."""
    try:
        return _place(work, budget, parallel, weeks) is not None
    except OverflowError:
        return False


def lay_out_within(work: Sequence[Work], budget: int, parallel: int, weeks: int) -> Timeline | None:
    """The layout when every step ends within `weeks` weeks, else None: stops at the first week past
    them (a try that would lengthen a plan costs only the weeks up to its end)."""
    try:
        return _place(work, budget, parallel, weeks)
    except OverflowError:
        return None


def unlimited_end(work: Sequence[Work], parallel: int, within: int) -> int | None:
    """The week the last step ends when every step gets all it asks (a budget of at least all their
    minutes), or None past `within` weeks: what `lay_out_within(work, max(1, total minutes),
    parallel, within)` gives, without its weeks. Every step then runs exactly its fewest weeks, so
    only the weeks a step ends need visiting (the plan's length reason asks this once per plan)."""
    if parallel < 1:
        raise ValueError("the number of tracks must be positive")
    waiting, dependents = _prerequisites(work)
    pending = list(range(len(work)))
    running: list[tuple[int, int]] = []  # (last week, step)
    limit = min(within, MAX_WEEKS)
    week = 1
    last = 0
    while pending or running:
        still: list[int] = []
        for n, i in enumerate(pending):  # in learning order, as _start_ready
            if len(running) >= parallel:
                still += pending[n:]
                break
            if waiting[i]:
                still.append(i)
            else:
                running.append((week + max(1, work[i].weeks) - 1, i))
        pending = still
        if not running:  # nothing running and nothing ready
            return None
        last = min(e for e, _ in running)
        if last > limit:
            return None
        for e, i in running:
            if e == last:
                for d in dependents[i]:
                    waiting[d] -= 1
        running = [(e, i) for e, i in running if e != last]
        week = last + 1
    return last


def _place(
    work: Sequence[Work],
    budget: int,
    parallel: int,
    within: int,
    notes: list[Note | None] | None = None,
    resume: _Resume | None = None,
) -> Timeline | None:
    """The timeline, or None once a week past `within` is needed.

    `notes`: filled with, per step, the note of the week it started (`Note`).
    `resume`: such a note and the layout it was taken in: this layout goes on from that week, and
    takes that layout's weeks from the first week it stands where that layout stood (`_rejoined`).
    """
    # Lists indexed by step, and the active steps' asks and shares as lists in the order they
    # started (the order "earliest first" means): this loop runs for every pace the search tries.
    week, left, start, track, end, last, waiting, dependents, pending, active = _begin(work, budget, parallel, resume)
    load = list(resume.timeline.load[: resume.note[0] - 1]) if resume else []
    limit = min(within, MAX_WEEKS)
    # A probe (a pace tried, a resource tried) mostly fails: a bound stops it in a week steps start
    # rather than at the first week past `within` (`_past_bound`); a full layout needs no bound.
    bound, rest = _bound(work, pending, budget, within)
    ended = True  # steps start only in week 1 and in the week after one ends (a track and maybe a step free up)
    while pending or active:
        week += 1
        if ended and pending:
            running = len(active)
            pending = _start_ready(work, pending, active, waiting, week, parallel, start, track, last, notes, left)
            rest = bound(work, active, running, left, last, week, budget, parallel, limit, rest)
            if rest < 0:
                return _past(within)
            if resume is not None and end[resume.changed]:  # (see _rejoined)
                joined = _rejoined(resume, week, left, start, track, end, load, limit)
                if joined is not None:
                    return joined
        if not active:  # nothing running and nothing ready: every later week would be idle
            return _past(within)
        want, given = _asks(active, left, last, week, budget)
        if given is want and (first := min(map(last.__getitem__, active))) > week:
            # Every step gets all it asks (`_asks` gives the asks themselves) and is within its span:
            # the weeks up to the first span's last week, where its step ends, run in one go
            # (`run_even`). Most weeks of a layout are such runs; stepping them cost an ask, a skip
            # and an ask again for each.
            load += _run_even(active, left, last, week, first)
            week = first
            ended = True
        else:
            week, ended = _shared_weeks(active, left, last, week, budget, want, given, load)
        if week > limit:  # checked after the weeks run, which may pass it (the layout is then dropped)
            return _past(within)
        if ended:
            _end(active, left, last, week, end, dependents, waiting)
    return Timeline(tuple(map(Placed, track, start, end)), tuple(load))


def _shared_weeks(
    active: list[int],
    left: list[int],
    last: list[int],
    week: int,
    budget: int,
    want: list[int],
    given: list[int],
    load: list[int],
) -> tuple[int, bool]:
    """The weeks from `week` when not every step gets all it asks, or one is past its span: a run of
    steady weeks (`_skip_steady_weeks`), if any, then one week stepped. Returns the week stepped and
    whether a step ended in it (its minutes ran out and its span is over)."""
    skipped = _skip_steady_weeks(active, left, last, week, budget, want, given)
    if skipped:
        load.extend(skipped)
        week += len(skipped)
        want, given = _asks(active, left, last, week, budget)
    ended = False
    used = 0
    for i, part in zip(active, given, strict=False):  # one share per active step (`_asks`)
        left[i] -= part
        used += part
        if not left[i] and week >= last[i]:
            ended = True
    load.append(used)
    return week, ended


def _rejoined(
    resume: _Resume,
    week: int,
    left: list[int],
    start: list[int],
    track: list[int],
    end: list[int],
    load: list[int],
    limit: int,
) -> Timeline | None:
    """The layout, when at the start of `week` (steps started), the step changed having ended, it
    stands where the layout resumed stood then: every step has the same minutes left, started in
    the same week on the same track, and ended in the same week or not yet. From there on it runs
    as that one did, so its steps fall where they fell and its weeks take what they took (the
    usual try that fits: the resource added uses time the plan left free, in the step's own
    weeks). None when it does not stand there (or that layout ends past `limit`)."""
    timeline, notes = resume.timeline, resume.notes
    if len(timeline.load) > limit:
        return None
    for note in notes:  # that layout stood at `week` when a step started then
        if note[0] == week:
            break
    else:
        return None
    if note[1] != tuple(left):
        return None
    for i, p in enumerate(timeline.placed):
        if start[i]:
            if p.first_week != start[i] or p.track != track[i] or (end[i] or p.last_week) != p.last_week:
                return None
            if not end[i] and p.last_week < week:  # ended there, not here
                return None
        elif p.first_week <= week:  # started there, not here
            return None
    return Timeline(timeline.placed, (*load, *timeline.load[week - 1 :]))


def _bound(work: Sequence[Work], pending: list[int], budget: int, within: int) -> tuple[Any, int]:
    """The bound a layout checks in the weeks steps start, and what it starts from: past
    MAX_WEEKS, the layout's own check, with nothing to sum."""
    if within <= MAX_WEEKS:
        return _past_bound, _fewest_weeks(work, pending, budget)
    return _no_bound, 0


def _fewest_weeks(work: Sequence[Work], pending: list[int], budget: int) -> int:
    """The weeks the `pending` steps hold a track at the least, together: each at least its fewest
    weeks and the weeks its minutes take at the whole budget (`_past_bound`)."""
    total = 0
    for i in pending:  # no max(): this runs for every probe
        minutes, weeks, _ = work[i]
        fewest = -(-minutes // budget)
        total += (weeks if weeks > fewest else fewest) or 1
    return total


def _past_bound(
    work: Sequence[Work],
    active: list[int],
    running: int,
    left: list[int],
    last: list[int],
    week: int,
    budget: int,
    parallel: int,
    limit: int,
    rest: int,
) -> int:
    """`rest` (`_fewest_weeks` of the steps still pending) less the steps just started, or -1 when
    the layout is sure to need a week past `limit`: a running step ends no sooner than its span's
    last week or than its minutes left allow at the whole budget; and a track holds one step at a
    time, so the last week is at least the average over the tracks of where each is free (the
    running steps' ends, or this week) plus the pending steps' fewest weeks (`rest`). A bound
    only: the layout it cuts short would have gone past `limit` anyway."""
    for i in active[running:]:  # no max(): this runs in every week steps start
        w = work[i]
        fewest = -(-w.minutes // budget)
        rest -= fewest if fewest > w.weeks else w.weeks or 1
    free = (parallel - len(active)) * (week - 1)
    for i in active:
        ends = week - 1 + -(-left[i] // budget)
        if last[i] > ends:
            ends = last[i]
        if ends > limit:
            return -1
        free += ends
    return -1 if free + rest > limit * parallel else rest


def _no_bound(*args: Any) -> int:
    """`_past_bound` for a whole layout (to MAX_WEEKS): `rest` as it is, never -1."""
    return 0


def _begin(work: Sequence[Work], budget: int, parallel: int, resume: _Resume | None) -> tuple[Any, ...]:
    """The week before the first one laid out, and the lists `_place` works on: fresh, or as they
    stood at the start of a noted week (the steps started before it run as in that layout).
    Resumed, only the steps not started by then wait (`_prerequisites`), for the prerequisites not
    ended by then: one pass over the steps, as enrich.py resumes a layout for each resource tried."""
    if budget <= 0 or parallel < 1:
        raise ValueError("the weekly budget and the number of tracks must be positive")
    n = len(work)
    if resume is None:
        waiting, dependents = _prerequisites(work)
        return 0, [w.minutes for w in work], [0] * n, [0] * n, [0] * n, [0] * n, waiting, dependents, list(range(n)), []
    (week, minutes), placed = resume.note, resume.timeline.placed
    left, start, track, end, last, waiting = list(minutes), [0] * n, [0] * n, [0] * n, [0] * n, [0] * n
    # Tuples unpacked rather than fields read, and few steps wait: this runs for every try
    deps: list[tuple[int, ...]] = [()] * n
    pending, active = [], []
    for i, (on, first, final) in enumerate(placed):
        if first >= week:  # not started by then: it may be the step changed
            pending.append(i)
            left[i], _, after = work[i]
            for a in set(after) if len(after) > 1 else after:
                if placed[a][2] >= week:  # not ended
                    waiting[i] += 1
                    deps[a] = (*deps[a], i)
            continue
        start[i], track[i], last[i] = first, on, first + work[i][1] - 1
        if final < week:
            end[i] = final
        else:
            active.append(i)
    active.sort(key=start.__getitem__)  # in the order they started (stable: learning order within a week)
    return week - 1, left, start, track, end, last, waiting, deps, pending, active


def _prerequisites(work: Sequence[Work]) -> tuple[list[int], list[list[int]]]:
    """How many prerequisites each step waits for, and the steps waiting for each: a step is
    ready once its count drops to 0 (no scan of its prerequisites every week)."""
    waiting = []
    dependents: list[list[int]] = [[] for _ in work]
    for i, w in enumerate(work):
        after = set(w.after) if len(w.after) > 1 else w.after  # a step named twice waits once
        waiting.append(len(after))
        for p in after:
            dependents[p].append(i)
    return waiting, dependents


def _end(
    active: list[int],
    left: list[int],
    last: list[int],
    week: int,
    end: list[int],
    dependents: list[list[int]],
    waiting: list[int],
) -> None:
    """End the steps whose minutes ran out and whose span is over: off `active`, and one
    prerequisite fewer for the steps waiting for them."""
    for i in list(active):  # a loop, not a comprehension: two or three steps (see _asks)
        if not left[i] and week >= last[i]:
            end[i] = week
            active.remove(i)
            for d in dependents[i]:
                waiting[d] -= 1


def _past(within: int) -> Timeline | None:
    """What a week past the limit means: past `within`, None; past MAX_WEEKS first, OverflowError."""
    if within > MAX_WEEKS:
        raise OverflowError("schedule too long")
    return None


def _start_ready(
    work: Sequence[Work],
    pending: list[int],
    active: list[int],
    waiting: list[int],
    week: int,
    parallel: int,
    start: list[int],
    track: list[int],
    last: list[int],
    notes: list[Note | None] | None,
    left: list[int],
) -> list[int]:
    """Move ready steps, in learning order, from `pending` into free tracks, noting where the
    layout stood (`notes`, when given); return the steps still pending."""
    still: list[int] = []
    note = None
    busy = None
    for n, i in enumerate(pending):
        if len(active) >= parallel:
            return still + pending[n:]
        if waiting[i]:
            still.append(i)
            continue
        if busy is None:  # the tracks taken, once a step can start
            busy = list(map(track.__getitem__, active))  # no comprehension (see _asks)
        free = 1
        while free in busy:  # the lowest free track
            free += 1
        busy.append(free)
        track[i] = free
        start[i] = week
        last[i] = week + work[i].weeks - 1
        active.append(i)
        if notes is not None:
            if note is None:  # a tuple of the minutes left: cheap, as most layouts take notes
                note = (week, tuple(left))
            notes[i] = note
    return still


def _asks(active: list[int], left: list[int], last: list[int], week: int, budget: int) -> tuple[list[int], list[int]]:
    """What each active step asks of this week: an even share of what it has left over the weeks
    left in its span, or, past its span, all it has left; and what it gets (`_shares`)."""
    want = []
    total = 0
    for i in active:  # a loop: a comprehension costs more for the two or three steps of a week
        weeks = last[i] - week + 1  # this one and the rest of the span
        ask = -(-left[i] // weeks) if weeks > 1 else left[i]
        want.append(ask)
        total += ask
    return want, want if total <= budget else _shares(want, budget)
