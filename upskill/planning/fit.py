"""Which role is a person closest to: every catalog role ranked by readiness (`upskill fit`).

Readiness is the weighted share of the role's required levels already held:

    readiness = sum(weight x min(held, required)) / sum(weight x required)

over the role's requirements, where `held` is the profile's level (0 for a skill it does not
list). Roles rank by readiness (highest first), then by the hours a plan needs to close the
gaps, then by id. Hours, gaps and late steps come from the plan `build_plan` makes for the
role, so they follow whatever the planner does (prerequisites, pace, deadline); the profile's
personal targets are left out, as they are not part of any role. A role that requires nothing
(an imported occupation that yielded no skills) is not ranked: it would be "100% ready" for anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from upskill.model import Catalog, Citation, Employee, Profile, Role
from upskill.planning.plan import Options, build_plan


class Term(NamedTuple):
    """One requirement's part in readiness: `weight x min(held, required)` of `weight x required`."""

    skill: str
    name: str
    held: int
    required: int
    weight: float

    @property
    def counted(self) -> float:
        return self.weight * min(self.held, self.required)

    @property
    def possible(self) -> float:
        return self.weight * self.required


class RoleFit(NamedTuple):
    """How ready a person is for one role, and what closing the rest would take."""

    role: Role
    readiness: float  # 0..1
    hours: float  # the plan's total hours
    gaps: int  # the plan's gaps (prerequisites included)
    late_steps: int  # steps that end after the deadline, at the profile's pace
    terms: tuple[Term, ...]  # by skill id


class Fit(NamedTuple):
    """Every role of a catalog ranked for one person (`ranked` may be cut to the top N)."""

    employee: Employee
    ranked: tuple[RoleFit, ...]
    roles: int  # how many roles were ranked before the cut
    sources: tuple[Citation, ...]  # the citations behind the shown roles' skills (credits included)


def readiness(profile: Profile, role: Role, catalog: Catalog) -> tuple[float, tuple[Term, ...]]:
    """The weighted share of `role`'s required levels that `profile` holds, and its terms."""
    terms = tuple(
        Term(r.skill, catalog.skills[r.skill].name, profile.level(r.skill), r.level, r.weight)
        for r in sorted(role.requires, key=lambda r: r.skill)
    )
    possible = sum(t.possible for t in terms)
    return (sum(t.counted for t in terms) / possible if possible else 1.0), terms


def fit_role(profile: Profile, role: Role, catalog: Catalog, options: Options) -> RoleFit:
    """How ready `profile` is for `role`, with the hours, gaps and late steps of its plan."""
    employee = profile.employee._replace(target_role=role.id)
    # the schedule alone: fit reads hours and late steps, never the deadline advice (its pace searches)
    plan = build_plan(
        profile._replace(employee=employee, targets={}), catalog, options._replace(top=None), advice=False
    )
    share, terms = readiness(profile, role, catalog)
    hours = round(plan.summary.total_hours + sum(x.learning_hours for x in plan.later), 2)  # the next cycle too
    late = plan.summary.late_steps + plan.summary.late_next_cycle
    return RoleFit(role, share, hours, len(plan.gaps), late, terms)


def rank_roles(
    profile: Profile, catalog: Catalog, options: Options, *, top: int | None = None, roles: Iterable[str] = ()
) -> Fit:
    """Every role (or those named in `roles`) ranked for `profile`: readiness, then hours, then id.

    Roles with no requirements are left out (`unrankable` names them).
    """
    chosen = [catalog.roles[r] for r in roles] if roles else list(catalog.roles.values())
    chosen = [role for role in chosen if role.requires]
    fits = sorted(
        (fit_role(profile, role, catalog, options) for role in chosen),
        key=lambda f: (-round(f.readiness, 6), f.hours, f.role.id),  # rounded: 0.1 + 0.2 must tie with 0.3
    )
    shown = tuple(fits[:top] if top else fits)
    return Fit(profile.employee, shown, len(fits), _sources(shown, catalog))


def unrankable(catalog: Catalog) -> tuple[Role, ...]:
    """The roles that require nothing, which `rank_roles` leaves out, in catalog order."""
    return tuple(role for role in catalog.roles.values() if not role.requires)


def _sources(fits: tuple[RoleFit, ...], catalog: Catalog) -> tuple[Citation, ...]:
    """The citations of the demand figures of the shown roles' skills: an imported catalog's credit line."""
    cited = set()
    for fit in fits:
        for term in fit.terms:
            demand = catalog.skills[term.skill].demand
            if demand and demand.source in catalog.sources:
                cited.add(demand.source)
    return tuple(catalog.sources[s] for s in sorted(cited))
