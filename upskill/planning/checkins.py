"""Check-ins a manager can run: when they fall, and the agenda of each.

Each check-in has an agenda: what is due, the evidence to bring (each due step's "done when"),
and the decision to take (on track, adjust or re-plan). One falls on the deadline when the plan
runs past it; long plans thin them to at most `MOST_CHECKINS`; a check-in with nothing due and
the same steps under way as the one before says so in fewer words rather than repeating it.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from itertools import compress
from operator import attrgetter

from upskill.model import Checkin, Step
from upskill.planning.closed import Calendar
from upskill.planning.schedule import week_end

MOST_CHECKINS = 12  # a year of monthly one-on-ones; longer plans space them out
DECIDE = "Decide: on track, adjust or re-plan"
_ALWAYS_OPEN = Calendar()


def checkin_weeks(last: int, every: int, deadline_week: int = 0) -> list[int]:
    """The weeks of the check-ins: every `every` weeks (spaced out past `MOST_CHECKINS`), one on the
    deadline's week when the plan runs past it, and one at the end. A regular check-in half an
    interval or less before the end, or a week from the deadline's, is left out."""
    every = max(every, math.ceil(last / MOST_CHECKINS))
    weeks = list(range(every, last, every))
    if weeks and (last - weeks[-1]) * 2 <= every:
        weeks.pop()
    if 0 < deadline_week < last:
        weeks = [w for w in weeks if abs(w - deadline_week) > 1]
        weeks.append(deadline_week)
    weeks.append(last)
    return sorted(set(weeks))


def checkins(
    steps: tuple[Step, ...],
    start: date,
    every: int,
    calendar: Calendar = _ALWAYS_OPEN,
    deadline: date | None = None,
    talk: Sequence[str] = (),
) -> tuple[Checkin, ...]:
    """A one-on-one every `every` weeks while the plan runs, one on the deadline, one when it ends.

    `talk`: agenda lines for the first check-in (ratings to agree on skills already at target),
    which is then in the first week. One in a closed week moves to the next open week.
    """
    if not steps:
        return ()
    last = max(map(_LAST_WEEK, steps))
    due_week = (deadline - start).days // 7 + 1 if deadline is not None and deadline >= start else 0
    # ratings to agree on skills at target: in the first week, before anyone relies on them
    kickoff = [1] if talk and last > 1 else []
    weeks = [*kickoff, *checkin_weeks(last, every, due_week)]
    weeks = sorted({calendar.next_open(w) for w in weeks} if calendar.closed else set(weeks))
    # (the steps' fields read by map in C rather than a comprehension's Python loop: once per plan, but
    # every plan of a batch)
    by_number = dict(zip(map(_NUMBER, steps), steps, strict=True))
    late = set(compress(map(_NUMBER, steps), map(_LATE, steps)))
    ended_at, running_at = _buckets(steps, weeks)
    out = []
    previous: Checkin | None = None
    for week, ended, running in zip(weeks, ended_at, running_at, strict=True):
        agenda = _agenda(ended, running, by_number, late, previous, week == due_week, deadline)
        if previous is None and talk:
            agenda = (*agenda[:-1], *talk, agenda[-1])
        # from its fields in order: Checkin(...) parses its arguments in Python, once per check-in
        checkin = _new(Checkin, (week_end(start, week), week, ended, running, agenda))
        out.append(checkin)
        previous = checkin
    return tuple(out)


_new = tuple.__new__
_NUMBER, _LAST_WEEK, _LATE = attrgetter("number"), attrgetter("last_week"), attrgetter("late")


def _buckets(steps: tuple[Step, ...], weeks: list[int]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """For each check-in week, the steps that ended since the one before, and those under way, in
    step order: one pass over the steps (a check-in week by week would scan them all twice)."""
    ended: list[list[int]] = [[] for _ in weeks]
    running: list[list[int]] = [[] for _ in weeks]
    for s in steps:
        at = bisect_left(weeks, s.last_week)  # the first check-in on or after its last week
        if at < len(weeks):
            ended[at].append(s.number)
        for k in range(bisect_left(weeks, s.first_week), at):  # first week <= check-in < last week
            running[k].append(s.number)
    return list(map(tuple, ended)), list(map(tuple, running))  # (in C)


def _agenda(
    ended: tuple[int, ...],
    running: tuple[int, ...],
    steps: dict[int, Step],
    late_steps: set[int],
    previous: Checkin | None,
    on_deadline: bool,
    deadline: date | None,
) -> tuple[str, ...]:
    lines = []
    if on_deadline and deadline is not None:
        lines.append(f"The deadline ({deadline.isoformat()}): what is done, and what the rest needs")
    if ended:
        lines.append("Due: " + ", ".join([f"step {n} {steps[n].name}" for n in ended]))
        lines += [f"Evidence to bring for step {n}: {steps[n].done_when}" for n in ended]
    if running and not ended and previous is not None and previous.running == running and not on_deadline:
        names = ", ".join(str(n) for n in running)
        lines.append(f"Still under way since week {previous.week} (steps {names}): what you have done since then")
    elif running:
        lines.append("For the steps under way: what you have done so far, and what is in the way")
    late = [n for n in (*ended, *running) if n in late_steps] if late_steps else []  # most plans have none
    if late:
        which = f"steps {', '.join(map(str, late))} end" if len(late) > 1 else f"step {late[0]} ends"
        lines.append(f"{DECIDE} ({which} after the deadline)")
    else:
        lines.append(DECIDE)
    return tuple(lines)
