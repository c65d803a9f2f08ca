"""The activity choice (issue 29: levels worked out once, titles sorted only on a tie) against
the plain search it replaced: every subset, every key built in full."""

from __future__ import annotations

from itertools import combinations

import pytest

from upskill.load.catalog import load_catalog
from upskill.model import KINDS, Resource, Skill
from upskill.planning.schedule import MAX_CANDIDATES, Choice, _with_needs, choose_activities


def plain_choice(skill: Skill, current: int, target: int, hours_per_level: float, exclude: frozenset[str]) -> Choice:
    needed = set(range(current, target))
    top = target - 1

    def covers(r: Resource) -> set[int]:
        return needed & set(range(r.from_level, r.to_level))

    candidates = [r for r in skill.resources if r.title not in exclude and covers(r)]
    if len(candidates) > MAX_CANDIDATES:
        candidates.sort(key=lambda r: (r.hours / len(covers(r)), r.title))
        candidates = candidates[:MAX_CANDIDATES]
    on_the_job = any(r.kind == "experience" and r.from_level <= top < r.to_level for r in candidates)
    by_title = {r.title: r for r in skill.resources if r.title not in exclude}
    best = None
    best_subset: tuple[Resource, ...] = ()
    for size in range(1, len(candidates) + 1):
        for subset in combinations(candidates, size):
            if on_the_job and not any(r.kind == "experience" and r.from_level <= top < r.to_level for r in subset):
                continue
            if any(r.needs for r in subset):
                subset = _with_needs(subset, by_title)
            covered = set().union(*(covers(r) for r in subset))
            key = (-len(covered), sum(r.hours for r in subset), size, sorted(r.title for r in subset))
            if best is None or key < best:
                best, best_subset = key, subset
    covered = set().union(*(covers(r) for r in best_subset)) if best_subset else set()
    missing = sorted(needed - covered)
    activities = tuple(sorted(best_subset, key=lambda r: (r.from_level, -KINDS.index(r.kind), r.title)))
    hours = sum(r.hours for r in activities) + hours_per_level * len(missing)
    return Choice(activities, (missing[0], missing[-1] + 1) if missing else None, hours)


@pytest.mark.slow
def test_every_choice_of_the_bundled_catalog_is_the_plain_searchs():
    catalog = load_catalog(["default"])
    asked = 0
    for skill in catalog.skills.values():
        excludes = [frozenset(), *(frozenset({r.title}) for r in skill.resources[:3])]
        for current in range(5):
            for target in range(current + 1, 6):
                for exclude in excludes:
                    fast = choose_activities.__wrapped__(skill, current, target, catalog.hours_per_level, exclude)
                    assert fast == plain_choice(skill, current, target, catalog.hours_per_level, exclude)
                    asked += 1
    assert asked > 1000
