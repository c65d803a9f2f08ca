"""Gaps between a profile and a target, their priorities, and the order that respects prerequisites.

Priority (README, "Priority"):

    priority = weight x (W_gap x gap + W_demand x demand + W_unlocks x unlocks)

`gap` is target minus current level, `weight` the role's weight for the skill (1 when the
role gives none), `demand` the catalog's 0..1 demand score, `unlocks` the number of other
gaps that list the skill as a prerequisite. All terms and weights are >= 0, so a larger gap,
weight or demand never lowers a priority.
"""

from __future__ import annotations

import heapq
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from upskill.model import Catalog, Gap, Profile, Role, Weights, new_gap


# A NamedTuple: see the speed rules in upskill/model.py's docstring.
class Target(NamedTuple):
    """A level to reach in one skill, its weight and why."""

    level: int
    weight: float
    reason: str


def targets_for(profile: Profile, role: Role) -> dict[str, Target]:
    """The levels the employee aims at: the role's requirements, with personal targets added or overriding."""
    targets = _role_targets(role).copy()
    for skill, level in profile.targets.items():
        weight = targets[skill].weight if skill in targets else 1.0
        targets[skill] = Target(level, weight, "personal target")
    return targets


@lru_cache(maxsize=256)  # a batch plans thousands of people for a handful of roles
def _role_targets(role: Role) -> MappingProxyType[str, Target]:
    """The role's targets, read-only (shared by every caller): `.copy()` gives a dict to change."""
    return MappingProxyType({r.skill: Target(r.level, r.weight, "role") for r in role.requires})


def find_gaps(profile: Profile, role: Role, catalog: Catalog, weights: Weights | None = None) -> tuple[Gap, ...]:
    """Return every gap, prerequisites included, highest priority first (ties by skill id)."""
    weights = weights or catalog.weights
    wanted = targets_for(profile, role)
    level = {s: a.level for s, a in profile.skills.items()}.get  # as profile.level, without a method call each
    targets = {s: t for s, t in wanted.items() if t.level > level(s, 0)}
    required_by: dict[str, set[str]] = {}
    # A prerequisite below its needed level becomes a gap of its own; follow the chain to a fixed point.
    # Only such binding prerequisites count: one the employee already meets neither unlocks
    # anything nor holds its dependent back.
    pending = sorted(targets)
    while pending:
        skill = pending.pop()
        for prerequisite in catalog.skills[skill].prerequisites:
            if level(prerequisite.skill, 0) >= prerequisite.level:
                continue
            required_by.setdefault(prerequisite.skill, set()).add(skill)
            known = targets.get(prerequisite.skill)
            if known is None or known.level < prerequisite.level:
                reason = known.reason if known else "prerequisite"
                # A skill the role weighs keeps its weight even when the role's own level is met,
                # so raising that level never lowers the priority (README, "Priority").
                listed = wanted.get(prerequisite.skill)
                weight = known.weight if known else listed.weight if listed else 1.0
                targets[prerequisite.skill] = Target(prerequisite.level, weight, reason)
                pending.append(prerequisite.skill)
    gaps = []
    for skill_id, target in targets.items():
        entry = catalog.skills[skill_id]
        current = level(skill_id, 0)
        demand = entry.demand.score if entry.demand else 0.0
        dependents = tuple(sorted(required_by.get(skill_id, ())))
        unlocks = len(dependents)
        gap_term = weights.gap * (target.level - current)
        demand_term = weights.demand * demand
        unlocks_term = weights.unlocks * unlocks
        reason = target.reason
        if dependents:
            names = ", ".join(dependents)
            reason = f"prerequisite of {names}" if reason == "prerequisite" else f"{reason}; prerequisite of {names}"
        gaps.append(
            new_gap(
                skill=skill_id,
                name=entry.name,
                current=current,
                target=target.level,
                weight=target.weight,
                demand=demand,
                unlocks=unlocks,
                gap_term=gap_term,
                demand_term=demand_term,
                unlocks_term=unlocks_term,
                priority=round(target.weight * (gap_term + demand_term + unlocks_term), 2),
                reason=reason,
                prerequisite_of=dependents,
            )
        )
    return tuple(sorted(gaps, key=lambda g: (-g.priority, g.skill)))


def blockers(gaps: tuple[Gap, ...]) -> dict[str, set[str]]:
    """For each gap, the gaps that must close first (its binding prerequisites)."""
    needs: dict[str, set[str]] = {g.skill: set() for g in gaps}
    for gap in gaps:
        for dependent in gap.prerequisite_of:
            if dependent in needs:
                needs[dependent].add(gap.skill)
    return needs


def with_prerequisites(chosen: list[Gap], gaps: tuple[Gap, ...]) -> tuple[Gap, ...]:
    """Add to `chosen` every gap it needs as a prerequisite, transitively; keep priority order."""
    needs = blockers(gaps)
    keep = {g.skill for g in chosen}
    pending = list(keep)
    while pending:
        for need in needs[pending.pop()]:
            if need not in keep:
                keep.add(need)
                pending.append(need)
    return tuple(g for g in gaps if g.skill in keep)


def learning_order(gaps: tuple[Gap, ...]) -> tuple[Gap, ...]:
    """Order gaps so every prerequisite comes first; among the ready ones, highest priority first.

    Kahn's algorithm with a heap keyed on (-priority, id): deterministic, and a high-priority
    skill waits only for its own prerequisites.
    """
    by_id = {g.skill: g for g in gaps}
    waiting = blockers(gaps)
    ready = [(-g.priority, g.skill) for g in gaps if not waiting[g.skill]]
    heapq.heapify(ready)
    ordered = []
    while ready:
        _, skill = heapq.heappop(ready)
        ordered.append(by_id[skill])
        for dependent in by_id[skill].prerequisite_of:
            if dependent not in waiting:
                continue
            waiting[dependent].discard(skill)
            if not waiting[dependent]:
                heapq.heappush(ready, (-by_id[dependent].priority, dependent))
    if len(ordered) != len(gaps):  # the catalog loader rejects cycles, so this is a bug
        raise AssertionError("prerequisite cycle among gaps")
    return tuple(ordered)
