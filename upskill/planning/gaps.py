"""Gaps between a profile and a target, their priorities, and the order that respects prerequisites.

Priority (README, "Priority"):

    priority = W_gap x weight x gap + W_demand x demand + W_unlocks x unlocks

`gap` is target minus current level, `weight` how critical the skill is to the role (1 when
the role gives none; 1.5 or more is "critical"), `demand` the catalog's 0..1 market demand
score, `unlocks` the number of other gaps that list the skill as a prerequisite. How critical a
skill is to the role scales its gap; market demand is added, not multiplied, so with the
default weights (2, 1, 0.5) a critical skill outranks a non-critical one with the same gap
and unlocks whatever their demand (a tie goes to the higher weight). All terms and weights are
>= 0, so a larger gap, weight or demand never lowers a priority.
"""

from __future__ import annotations

import heapq
from collections.abc import Set as AbstractSet
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from upskill.model import (
    DISAGREE,
    NOT_ASSESSED,
    STALE,
    Assessment,
    Catalog,
    Gap,
    Planning,
    Profile,
    Role,
    Weights,
)
from upskill.planning.memo import hundredths


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


def find_gaps(
    profile: Profile, role: Role, catalog: Catalog, weights: Weights | None = None, today: date | None = None
) -> tuple[Gap, ...]:
    """Return every gap, prerequisites included, highest priority first (ties: higher weight, then skill id).

    A skill the profile does not list is not assessed: planned from 0, and flagged. `today`
    (the plan's start) dates the ratings: older than the catalog's `stale_months` are flagged.
    """
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
            # Nobody assessed the prerequisite, but the employee already holds the skill that
            # needs it at that level or above: they have shown it in use, so it is not planned.
            if prerequisite.skill not in profile.skills and level(skill, 0) >= prerequisite.level:
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
    planning, assessments = catalog.planning, profile.skills
    for skill_id, target in targets.items():
        entry = catalog.skills[skill_id]
        current = level(skill_id, 0)
        demand = entry.demand.score if entry.demand else 0.0
        needed_by = required_by.get(skill_id)
        dependents = tuple(sorted(needed_by)) if needed_by else ()
        unlocks = len(dependents)
        gap_term = weights.gap * target.weight * (target.level - current)
        demand_term = weights.demand * demand
        unlocks_term = weights.unlocks * unlocks
        assessment = assessments.get(skill_id)
        reason = target.reason
        if dependents:
            names = ", ".join(catalog.skills[d].name for d in dependents)  # as the catalog writes them
            reason = f"prerequisite of {names}" if reason == "prerequisite" else f"{reason}; prerequisite of {names}"
        # By position, in Gap's field order, made by tuple.__new__: Gap's own __new__ (a Python function)
        # costs more than the tuple (tests/planning/test_plan_parts_same.py checks the record)
        gaps.append(
            _new(
                Gap,
                (
                    skill_id,
                    entry.name,
                    current,
                    target.level,  # target
                    target.weight,  # weight
                    demand,
                    unlocks,
                    gap_term,
                    demand_term,
                    unlocks_term,
                    hundredths(gap_term + demand_term + unlocks_term),  # priority
                    reason,
                    dependents,  # prerequisite_of
                    assessment,
                    _UNASSESSED if assessment is None else flags(assessment, planning, today),
                ),
            )
        )
    return tuple(sorted(gaps, key=lambda g: (-g.priority, -g.weight, g.skill)))


def flags(assessment: Assessment | None, planning: Planning, today: date | None) -> tuple[str, ...]:
    """What the manager should raise about a current level: not assessed, stale, or ratings that disagree."""
    if assessment is None:
        return _UNASSESSED
    out = []
    if (
        today is not None
        and assessment.assessed is not None
        and _months(assessment.assessed, today) >= planning.stale_months
    ):
        out.append(STALE)
    levels = [r.level for r in assessment.ratings]
    if levels and max(levels) - min(levels) >= planning.disagreement:
        out.append(DISAGREE)
    return tuple(out)


_UNASSESSED = (NOT_ASSESSED,)
_new = tuple.__new__


def _months(then: date, now: date) -> float:
    """Whole months from `then` to `now`: a rating of 2025-11-30 is 12 months old on 2026-11-30, not on the 29th."""
    return (now.year - then.year) * 12 + now.month - then.month - (now.day < then.day)


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


def learning_order(gaps: tuple[Gap, ...], enablers: AbstractSet[str] = frozenset()) -> tuple[Gap, ...]:
    """Order gaps so every prerequisite comes first; among the ready ones, enablers first, then
    highest priority first.

    Enablers (the catalog's `enabler: true`: time management, learning to learn) protect the
    learning time itself and are cheap, so a plan that needs them starts with them rather than
    reaching them after months. Kahn's algorithm with a heap keyed on (not enabler, -priority,
    -weight, id): deterministic, and a high-priority skill waits only for its own prerequisites.
    """
    by_id = {g.skill: g for g in gaps}
    waiting = blockers(gaps)
    ready = [(g.skill not in enablers, -g.priority, -g.weight, g.skill) for g in gaps if not waiting[g.skill]]
    heapq.heapify(ready)
    ordered = []
    while ready:
        *_, skill = heapq.heappop(ready)
        ordered.append(by_id[skill])
        for dependent in by_id[skill].prerequisite_of:
            if dependent not in waiting:
                continue
            waiting[dependent].discard(skill)
            if not waiting[dependent]:
                later = by_id[dependent]
                heapq.heappush(ready, (dependent not in enablers, -later.priority, -later.weight, dependent))
    if len(ordered) != len(gaps):  # the catalog loader rejects cycles, so this is a bug
        raise AssertionError("prerequisite cycle among gaps")
    return tuple(ordered)
