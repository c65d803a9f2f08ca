"""From a profile and a catalog to a scheduled plan: the core function the CLI wraps."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from upskill.errors import Problem, UpskillError, did_you_mean
from upskill.model import Catalog, Plan, Profile, Summary, Weights, new_step
from upskill.planning.gaps import find_gaps, learning_order, with_prerequisites
from upskill.planning.schedule import choose_activities, needed_hours_per_week, schedule


class Options(NamedTuple):
    """What the command line can change about a plan; None means "from the profile or catalog"."""

    start: date
    deadline: date | None = None
    hours_per_week: float | None = None
    top: int | None = None
    weights: Weights | None = None


def build_plan(profile: Profile, catalog: Catalog, options: Options) -> Plan:
    """Compute the gaps of `profile` to its target role and schedule the activities that close them."""
    employee = profile.employee
    role = catalog.roles.get(employee.target_role)
    if role is None:
        raise UpskillError(
            Problem(
                f"unknown target role '{employee.target_role}'"
                f"{did_you_mean(employee.target_role, catalog.roles)}; "
                "see `upskill catalog roles`",
                file=profile.file,
            )
        )
    weights = options.weights or catalog.weights
    all_gaps = find_gaps(profile, role, catalog, weights)
    gaps = all_gaps
    if options.top is not None:
        gaps = with_prerequisites(list(all_gaps[: options.top]), all_gaps)
    ordered = learning_order(gaps)

    hours_per_week = options.hours_per_week or employee.hours_per_week or catalog.hours_per_week
    deadline = options.deadline or employee.deadline
    choices = [
        choose_activities(catalog.skills[g.skill], g.current, g.target, catalog.hours_per_level) for g in ordered
    ]
    if round(hours_per_week * 60) < 1:
        raise UpskillError(
            Problem(
                f"{hours_per_week:g} hours a week is less than a minute; plan at least a few hours a week",
                file=profile.file,
            )
        )
    try:
        slots = schedule([c.hours for c in choices], hours_per_week, options.start)
    except OverflowError:  # a start near year 9999, or absurd hours in a catalog
        raise UpskillError(
            Problem(
                f"the plan would run past the last date the calendar knows (9999-12-31): "
                f"{sum(c.hours for c in choices):g} hours at {hours_per_week:g} a week "
                f"from {options.start}",
                file=profile.file,
            )
        ) from None
    planned = {g.skill for g in ordered}
    steps = []
    for number, (gap, choice, slot) in enumerate(zip(ordered, choices, slots, strict=True), start=1):
        dependents = tuple(d for d in gap.prerequisite_of if d in planned)
        steps.append(
            new_step(
                number=number,
                skill=gap.skill,
                name=gap.name,
                from_level=gap.current,
                to_level=gap.target,
                activities=choice.activities,
                hours=round(choice.hours, 2),
                first_week=slot.first_week,
                last_week=slot.last_week,
                start=slot.start,
                end=slot.end,
                uncovered=choice.uncovered,
                prerequisite_for=dependents,
                late=deadline is not None and slot.end > deadline,
            )
        )
    total = round(sum(s.hours for s in steps), 2)
    late = sum(1 for s in steps if s.late)
    summary = Summary(
        total_hours=total,
        weeks=steps[-1].last_week if steps else 0,
        hours_per_week=hours_per_week,
        start=options.start,
        completion=steps[-1].end if steps else None,
        deadline=deadline,
        late_steps=late,
        needed_hours_per_week=needed_hours_per_week(total, options.start, deadline) if late and deadline else None,
    )
    demands = (catalog.skills[s.skill].demand for s in steps)
    source_ids = sorted({d.source for d in demands if d and d.source})
    # A requirement met at the role's level is still not "met" when a prerequisite raises its target.
    raised = {g.skill for g in all_gaps}
    met = tuple(
        sorted(
            r.skill
            for r in role.requires
            if profile.level(r.skill) >= r.level and r.skill not in profile.targets and r.skill not in raised
        )
    )
    return Plan(
        employee=employee,
        role=role,
        gaps=gaps,
        steps=tuple(steps),
        summary=summary,
        scale=catalog.scale,
        sources=tuple(catalog.sources[i] for i in source_ids if i in catalog.sources),
        weights=weights,
        met=met,
    )
