"""A plan's week-by-week load with the roster's mentoring added (attend.mentored_load, mentored_runs).

A learner's mentoring adds learning time and a mentor's adds job time, each over a stretch of weeks.
The plan's load is runs of equal weeks, so the mentoring is added by cutting the runs where a stretch
begins or ends (`_split`), not week by week; `_dense`, the week-by-week pass, is kept for the cases
`_split` leaves and as its reference (tests/planning/test_mentored_load_sparse.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from operator import itemgetter

from upskill.model import LoadRun
from upskill.plan_records import RunFields
from upskill.planning.cycle import TENTHS, in_tenths, load_runs


def with_mentoring(
    runs: Sequence[RunFields],
    start: date,
    learning: Sequence[tuple[date, date, float]],
    job: Sequence[tuple[date, date, float]],
) -> Sequence[RunFields]:
    """The week-by-week load with mentoring added: the learner's as learning, the mentor's as job time."""
    if not learning and not job:
        return runs
    added = [_span(start, *m) for m in learning]
    added_job = [_span(start, *m) for m in job]
    weeks = max([*map(_second, runs), *map(_second, added), *map(_second, added_job)])
    found = _split(runs, added, added_job, weeks) if weeks >= 1 else None
    return _dense(runs, added, added_job, weeks) if found is None else found


_second = itemgetter(1)


@lru_cache(maxsize=4096)  # a batch's mentoring stretches recur: a few dozen (first, last, hours) a roster
def _span(start: date, begin: date, end: date, hours: float) -> tuple[int, int, int]:
    """A mentoring stretch as its first and last week and its minutes a week."""
    return _week(start, begin), _week(start, end), round(hours * 60)


def _dense(
    runs: Sequence[RunFields], added: list[tuple[int, int, int]], added_job: list[tuple[int, int, int]], weeks: int
) -> tuple[LoadRun, ...]:
    """The load week by week: what `_split` does by runs, kept for the cases it leaves (runs not in a row
    from week 1, a stretch before week 1) and as its reference (tests/planning/test_mentored_load_sparse.py)."""
    # Each week's minutes as the change from the week before, summed once at the end (in C, by
    # `accumulate`): a run or a mentoring stretch costs two entries, not one per week.
    learn, work = [0] * (weeks + 1), [0] * (weeks + 1)
    for first, last, learning_hours, job_hours in runs:  # runs of equal weeks, one after the other
        if first <= last:  # `_add` of both, inlined
            minutes = round(learning_hours * 60)
            learn[first - 1] += minutes
            learn[last] -= minutes
            minutes = round(job_hours * 60)
            work[first - 1] += minutes
            work[last] -= minutes
    for extra, into in ((added, learn), (added_job, work)):
        for first, last, minutes in extra:
            _add(into, first, last, minutes)
    return load_runs(list(itertools.accumulate(learn))[:weeks], list(itertools.accumulate(work))[:weeks])


def _split(
    runs: Sequence[RunFields], learning: list[tuple[int, int, int]], job: list[tuple[int, int, int]], weeks: int
) -> tuple[RunFields, ...] | None:
    """`_dense` without its weeks: the plan's runs cut where a mentoring stretch begins or ends (the added
    minutes change only there), each piece's minutes its run's plus the mentoring's then, the pieces
    merged into runs by their tenths of an hour as they come (as `load_runs` merges weeks: equal minutes
    round alike). Whole minutes, so exact: each week gets the minutes `_dense` sums for it. ~25 pieces a
    plan, not the dense pass's two lists of weeks and its loop over the weeks that change; a batch's
    Markdown asks this of 149 plans in 150. The runs as plain tuples (`mentored_runs`).
    None for what it leaves to `_dense`: runs not one after the other from week 1, a stretch before week 1."""
    changes = _changes(learning, job)
    if changes is None:
        return None
    add_l, add_j = changes
    cuts = sorted({*add_l, *add_j})
    cuts.append(weeks + 2)  # past every week: the walks below stop on it
    at, cut, now_l, now_j, expected = 0, cuts[0], 0, 0, 1
    found: list[RunFields] = []
    tenths = TENTHS  # (learning, job) minutes -> their hours to a tenth (cycle.load_runs')
    begin, hours = 1, None  # the run being made: its first week and its hours, while pieces round alike
    after = (0, weeks, 0.0, 0.0)  # the weeks after the runs, if any: no minutes of their own
    for run in (*runs, after):
        first, last, learning_hours, job_hours = run
        if run is after:
            first = expected
            if first > weeks:
                break
        elif first != expected or last < first:
            return None
        expected = last + 1
        own_l, own_j = round(learning_hours * 60), round(job_hours * 60)
        week = first
        while True:  # the piece of the run from `week` to the next cut
            while cut <= week:
                now_l += add_l.get(cut, 0)
                now_j += add_j.get(cut, 0)
                at += 1
                cut = cuts[at]
            pair = (own_l + now_l, own_j + now_j)
            now = tenths.get(pair) or in_tenths(pair)
            if now != hours:
                if hours is not None:  # (the fields one by one: `*hours` builds a list first)
                    found.append((begin, week - 1, hours[0], hours[1]))
                begin, hours = week, now
            if cut > last:
                break
            week = cut
    if hours is not None:
        found.append((begin, weeks, hours[0], hours[1]))
    return tuple(found)


def _changes(
    learning: list[tuple[int, int, int]], job: list[tuple[int, int, int]]
) -> tuple[dict[int, int], dict[int, int]] | None:
    """For `_split`: week -> change of the added learning (then job) minutes from that week on; None when a
    stretch begins before week 1."""
    add_l: dict[int, int] = {}
    add_j: dict[int, int] = {}
    for extra, into in ((learning, add_l), (job, add_j)):
        for first, last, minutes in extra:
            if first <= last:
                if first < 1:
                    return None
                into[first] = into.get(first, 0) + minutes
                into[last + 1] = into.get(last + 1, 0) - minutes
    return add_l, add_j


def _add(changes: list[int], first: int, last: int, minutes: int) -> None:
    """`minutes` more in weeks `first` to `last` (1-based), written as changes from week to week."""
    if first <= last:
        changes[first - 1] += minutes
        changes[last] -= minutes


def _week(start: date, day: date) -> int:
    """The 1-based calendar week of `day` (a Monday or the Friday of its week)."""
    return (day - start).days // 7 + 1
