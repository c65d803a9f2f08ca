"""What would meet a deadline the plan misses, in the order an L&D professional weighs it.

1. More learning time, up to the realistic maximum (`max_hours_per_week`, or the employee's own
   budget when it is already larger: more than that is not on offer).
2. More skills side by side, at the least pace that then meets the deadline.
3. A narrower scope: the role's most critical gaps first, the rest after the deadline.
4. Only then outside help (advice.py), for the work the role requires that still ends late.

Each option is checked on the plan's own steps (layouts, not guesses), so the sentences that
advise.py writes agree with the figures. Only late plans get here, and only as far as the first
option that works, so on-time plans pay nothing and late ones a few layouts (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from upskill.model import Gap
from upskill.planning.tracks import Work, ends_within

# The most skills side by side option 2 proposes: beyond four at once, a week is all switching.
MOST_SIDE_BY_SIDE = 4


class Options(NamedTuple):
    """The deadline options found, in order; a later one is only looked for when the earlier fail."""

    most: float  # the realistic maximum of learning time a week
    pace: float | None  # 1. the least half hour a week, up to `most`, that meets the deadline
    side_by_side: tuple[int, float] | None  # 2. (skills at a time, least pace up to `most`)
    scope: tuple[int, ...] | None  # 3. indices of the work that fits when narrowed (None: not looked for)


def role_required(gap: Gap) -> bool:
    """A gap the target role itself asks for (not only a personal target or a prerequisite)."""
    return gap.reason == "role" or gap.reason.startswith("role;")


def deadline_options(
    gaps: Sequence[Gap],
    work: Sequence[Work],
    parallel: int,
    weeks: int,
    most: float,
    pace: Callable[[list[Work], int], float | None],
    rework: Callable[[int], list[Work]],
) -> Options:
    """`pace(work, parallel)`: the least pace up to `most` ending `work` within `weeks` open weeks, or
    None; `rework(p)`: the same steps' work at `p` skills at a time (their fewest weeks change)."""
    first = pace(list(work), parallel)
    if first is not None:
        return Options(most, first, None, None)
    for side in range(parallel + 1, min(len(work), max(MOST_SIDE_BY_SIDE, parallel + 1)) + 1):
        found = pace(rework(side), side)
        if found is not None:
            return Options(most, None, (side, found), None)
    return Options(most, None, None, narrowed(gaps, work, parallel, weeks, round(most * 60)))


def narrowed(gaps: Sequence[Gap], work: Sequence[Work], parallel: int, weeks: int, budget: int) -> tuple[int, ...]:
    """The most of the role's most critical gaps (with what they need first) that end within
    `weeks` at `budget` minutes a week: role-required gaps by weight, then priority; then the rest."""
    rank = sorted(range(len(gaps)), key=lambda i: (not role_required(gaps[i]), -gaps[i].weight, -gaps[i].priority, i))

    def fits(count: int) -> list[int] | None:
        keep = _closed(set(rank[:count]), work)
        if len(keep) == len(work):
            return None  # the whole plan, which does not fit
        new = {old: k for k, old in enumerate(keep)}
        part = [Work(work[i].minutes, work[i].weeks, tuple(new[a] for a in work[i].after)) for i in keep]
        return keep if ends_within(part, budget, parallel, weeks) else None

    # Fewer gaps end no later (almost always): a binary search for the most that fit, then a
    # check of the answer, costs a few layouts rather than one per gap.
    found: tuple[int, ...] = ()
    low, high = 1, len(rank) - 1
    while low <= high:
        middle = (low + high) // 2
        keep = fits(middle)
        if keep is not None:
            low, found = middle + 1, tuple(keep)
        else:
            high = middle - 1
    return found


def _closed(chosen: set[int], work: Sequence[Work]) -> list[int]:
    """`chosen` and every step they wait for, directly or not, in learning order."""
    pending = list(chosen)
    while pending:
        for a in work[pending.pop()].after:
            if a not in chosen:
                chosen.add(a)
                pending.append(a)
    return sorted(chosen)
