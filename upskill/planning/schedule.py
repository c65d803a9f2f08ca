"""Choose the activities that close each gap, and lay the steps out week by week."""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from upskill.model import KINDS, Resource, Skill

# Exhaustive search over subsets stays instant up to here (2^12 subsets); beyond, we
# keep the candidates with the fewest hours per level, which a catalog rarely needs.
MAX_CANDIDATES = 12
WORKDAYS = 4  # a step ends on the fifth day of its last week: Friday for a Monday start
_WORKDAYS = timedelta(days=WORKDAYS)


# A NamedTuple: see the speed rules in upskill/model.py's docstring.
class Choice(NamedTuple):
    """The activities chosen for one gap."""

    activities: tuple[Resource, ...]
    uncovered: tuple[int, int] | None  # (from, to) levels no resource covers
    hours: float


@lru_cache(maxsize=4096)  # batches ask the same (skill, levels) questions again and again
def choose_activities(
    skill: Skill, current: int, target: int, hours_per_level: float, exclude: frozenset[str] = frozenset()
) -> Choice:
    """Pick the resources that cover every level from `current` to `target`.

    Preference, in order: cover as many of the levels as the catalog allows; include an
    on-the-job (experience) activity that reaches the target where the catalog has one, since
    in 70-20-10 the job is where most learning happens and is what shows the level; fewest
    hours; fewest activities; then title, so the choice is deterministic. Resources whose
    title is in `exclude` (already planned for another skill) are not chosen again.

    Fewest hours makes the choice monotone: a set that serves a lower current level, less
    the resources below a higher one, still serves the higher one, and the experience
    activity it needs is one reaching the same target. So being closer never costs more.
    Levels nothing covers get `hours_per_level` each and mark the step as needing a resource.
    """
    needed = set(range(current, target))  # level n means the step from n to n + 1
    top = target - 1

    def covers(r: Resource) -> set[int]:
        return needed & set(range(r.from_level, r.to_level))

    candidates = [r for r in skill.resources if r.title not in exclude and covers(r)]
    if len(candidates) > MAX_CANDIDATES:
        candidates.sort(key=lambda r: (r.hours / len(covers(r)), r.title))
        candidates = candidates[:MAX_CANDIDATES]
    tops = {id(r) for r in candidates if r.kind == "experience" and r.from_level <= top < r.to_level}
    with_needs = {id(r) for r in candidates if r.needs}
    by_title = {r.title: r for r in skill.resources if r.title not in exclude}
    memo: dict[int, set[int]] = {}  # each resource's levels, worked out once (not once per subset)

    def levels(r: Resource) -> set[int]:
        found = memo.get(id(r))
        if found is None:
            found = memo[id(r)] = covers(r)
        return found

    # The least (-levels covered, hours, size, sorted titles); the titles are sorted only when
    # the rest ties or wins.
    best: tuple[int, float, int] | None = None
    best_titles: list[str] = []
    best_subset: tuple[Resource, ...] = ()
    for size in range(1, len(candidates) + 1):
        for subset in combinations(candidates, size):
            if tops and tops.isdisjoint(map(id, subset)):
                continue
            if with_needs and not with_needs.isdisjoint(map(id, subset)):  # a credential's parts come with it
                subset = _with_needs(subset, by_title)
            head = (-len(set().union(*map(levels, subset))), sum(r.hours for r in subset), size)
            if best is not None and head > best:
                continue
            titles = sorted(r.title for r in subset)
            if best is None or head < best or titles < best_titles:
                best, best_titles, best_subset = head, titles, subset
    covered = set().union(*(covers(r) for r in best_subset)) if best_subset else set()
    missing = sorted(needed - covered)
    uncovered = (missing[0], missing[-1] + 1) if missing else None
    # Courses and reading first, then learning from others, then the job: the order people do them in.
    activities = tuple(sorted(best_subset, key=lambda r: (r.from_level, -KINDS.index(r.kind), r.title)))
    hours = sum(r.hours for r in activities) + hours_per_level * len(missing)
    return Choice(activities, uncovered, hours)


def _with_needs(subset: tuple[Resource, ...], by_title: dict[str, Resource]) -> tuple[Resource, ...]:
    """`subset` and the resources its members name in `needs`, transitively (not those excluded)."""
    out = list(subset)
    seen = {r.title for r in out}
    for r in out:  # grows as it goes: the needs of what is added are followed too
        for title in r.needs:
            if title in by_title and title not in seen:
                seen.add(title)
                out.append(by_title[title])
    return tuple(out)


# A NamedTuple: see the speed rules in upskill/model.py's docstring.
class Slot(NamedTuple):
    """Where a step falls in the calendar."""

    first_week: int
    last_week: int
    start: date
    end: date


def schedule(hours: list[float], hours_per_week: float, start: date) -> list[Slot]:
    """Lay steps of the given hours end to end, never more than `hours_per_week` in a week.

    Counting in whole minutes keeps the arithmetic exact: no week is ever over budget
    by a rounding error, and the same inputs always give the same weeks.
    """
    budget = round(hours_per_week * 60)
    if budget <= 0:
        raise ValueError("hours_per_week must be positive")
    used = 0  # minutes used so far, over all weeks
    slots = []
    for step_hours in hours:
        minutes = max(1, round(step_hours * 60))
        first = used // budget + 1
        used += minutes
        last = (used - 1) // budget + 1
        slots.append(Slot(first, last, week_start(start, first), week_end(start, last)))
    return slots


_WEEK = timedelta(weeks=1)  # multiplied, not built per call: timedelta(weeks=n) costs several times more


@lru_cache(maxsize=4096)  # the plans of a batch share a start date, so their week dates recur
def week_start(start: date, week: int) -> date:
    return start + _WEEK * (week - 1)


@lru_cache(maxsize=4096)
def week_end(start: date, week: int) -> date:
    """The day a step ending in `week` ends: the fifth day of that week."""
    return week_start(start, week) + _WORKDAYS


def weeks_until(start: date, deadline: date) -> int:
    """How many whole weeks end (on their fifth day) on or before `deadline`."""
    days = (deadline - start).days - WORKDAYS
    return days // 7 + 1 if days >= 0 else 0


def needed_hours_per_week(total_hours: float, start: date, deadline: date) -> float | None:
    """Weekly hours that would finish `total_hours` by `deadline` (rounded up to the half hour), or None."""
    weeks = weeks_until(start, deadline)
    if weeks == 0:
        return None
    return math.ceil(total_hours / weeks * 2) / 2


def next_monday(today: date) -> date:
    """The first Monday after `today`."""
    return today + timedelta(days=7 - today.weekday())
