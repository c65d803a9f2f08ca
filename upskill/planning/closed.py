"""Closed weeks (`--closed FROM..TO`, a year-end break): no work and no check-in in them.

A week is closed when more than half of its five working days (the days from its first day, see
schedule.week_start) fall in a closed range: two days off before Christmas leave the week open.
The layout runs in open weeks only; `Calendar` maps an open week (1, 2, ...) to its calendar week.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from upskill.planning.tracks import MAX_WEEKS

_DAY = timedelta(days=1)


def closed_weeks(start: date, ranges: Iterable[tuple[date, date]]) -> tuple[int, ...]:
    """The calendar weeks (1-based from `start`) that `ranges` close, ascending."""
    weeks: set[int] = set()
    for first, last in ranges:
        if last < start:
            continue
        week = max(1, (first - start).days // 7 + 1)
        while week <= MAX_WEEKS:  # no plan runs longer; a period to 9999-12-31 stops here
            monday = start + timedelta(weeks=week - 1)
            if monday > last:
                break
            off = sum(1 for k in range(5) if first <= monday + _DAY * k <= last)
            if off >= 3:
                weeks.add(week)
            week += 1
    return tuple(sorted(weeks))


class Calendar(NamedTuple):
    """Open weeks <-> calendar weeks."""

    closed: tuple[int, ...] = ()

    def week(self, open_week: int) -> int:
        """The calendar week of the `open_week`-th open week: the least week w with `open_week` open
        weeks up to it (w - closed weeks up to w); a run of closed weeks is passed in one step."""
        if not self.closed:
            return open_week
        week = open_week
        while True:
            later = open_week + bisect_right(self.closed, week)
            if later == week:
                return week
            week = later

    def open_until(self, week: int) -> int:
        """How many open weeks there are in calendar weeks 1..`week`."""
        return week - bisect_right(self.closed, week)

    def is_open(self, week: int) -> bool:
        at = bisect_right(self.closed, week)
        return not (at and self.closed[at - 1] == week)

    def next_open(self, week: int) -> int:
        """`week`, or the first open week after it."""
        return self.week(self.open_until(week - 1) + 1)
