"""`upskill catalog coverage`: for each role, the level bands of its required skills that no resource covers,
or that only one kind of resource covers (70-20-10: a course alone, or the job alone, is a thin plan)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from upskill.model import Catalog, Role


class Hole(NamedTuple):
    """Levels `low` to `high` of a skill a role requires, and the kinds of resource that cover them."""

    role: str
    skill: str
    low: int
    high: int
    kinds: tuple[str, ...]  # () where nothing covers the band; one kind where only that one does


class RoleCoverage(NamedTuple):
    role: Role
    skills: int  # required skills
    covered: int  # of them, those with two kinds or more at every level up to the required one
    holes: tuple[Hole, ...]


def coverage(catalog: Catalog, roles: Iterable[str] = ()) -> list[RoleCoverage]:
    """Each role's coverage (all roles, or those named), by role id; within a role, by skill id and level."""
    found = []
    for role_id in sorted(roles or catalog.roles):
        role = catalog.roles[role_id]
        holes: list[Hole] = []
        covered = 0
        for requirement in sorted(role.requires, key=lambda r: r.skill):
            skill_holes = _holes(catalog, role_id, requirement.skill, requirement.level)
            holes.extend(skill_holes)
            covered += not skill_holes
        found.append(RoleCoverage(role, len(role.requires), covered, tuple(holes)))
    return found


def _holes(catalog: Catalog, role: str, skill_id: str, required: int) -> list[Hole]:
    """The skill's levels 0 to `required`, runs of the same kinds joined, where fewer than two kinds cover them."""
    resources = catalog.skills[skill_id].resources
    runs: list[Hole] = []
    for level in range(required):  # level n is the step from n to n + 1, as in the planner
        kinds = tuple(sorted({r.kind for r in resources if r.from_level <= level < r.to_level}))
        if runs and runs[-1].kinds == kinds and runs[-1].high == level:
            runs[-1] = runs[-1]._replace(high=level + 1)
        else:
            runs.append(Hole(role, skill_id, level, level + 1, kinds))
    return [run for run in runs if len(run.kinds) < 2]


def holes_in(found: Iterable[RoleCoverage]) -> tuple[int, int]:
    """(bands with no resource, bands with one kind only), over every role."""
    holes = [hole for role in found for hole in role.holes]
    return sum(not h.kinds for h in holes), sum(len(h.kinds) == 1 for h in holes)
