"""What a plan advises beyond its steps: help for late skills, and words about the plan as a whole.

Outside help fits what the skill is (the catalog's `planning.bridges`, by skill category): the
sources recommend freelance and contract experts for specialised AI work and for coaching and
training, never to stand in for a person's own soft skills.
"""

from __future__ import annotations

from datetime import date

from upskill.model import Bridge, Catalog, Employee, Planning, Step, Summary

_ADVICE = {
    "specialist": (
        "Bring in an experienced freelance or contract {skill} specialist for the {skill} work due before "
        "{deadline}, and have {who} work alongside them; their reviews count as practice."
    ),
    "coach": (
        "Engage a freelance coach or trainer for the coaching and training due before {deadline}, "
        "with {who} co-delivering so the practice hours still count."
    ),
    "pairing": (
        "Pair {who} with a colleague who already has {skill} at the level needed for the work due before {deadline}."
    ),
    "manager": (
        "{skill_cap} is {who}'s own skill: no outside hire can stand in for it. The manager agrees what is needed "
        "before {deadline}, gives feedback in the check-ins, and keeps the work that needs it with support until then."
    ),
}


def first_name(employee: Employee) -> str:
    return employee.name.split()[0] if employee.name.strip() else employee.id


def slip_days(step: Step, deadline: date | None) -> int:
    return (step.end - deadline).days if deadline is not None else 0


def bridges(steps: tuple[Step, ...], catalog: Catalog, employee: Employee, deadline: date | None) -> tuple[Bridge, ...]:
    """Help for each step that ends well after the deadline; a slip under `slip_weeks` is only noted."""
    if deadline is None:
        return ()
    out = []
    for step in steps:
        if not step.late or slip_days(step, deadline) < catalog.planning.slip_weeks * 7:
            continue
        kind = catalog.planning.bridge_kind(catalog.skills[step.skill].category)
        text = _ADVICE[kind].format(
            # The name as the catalog writes it: lower-casing made "collect ICT data" "collect ict data".
            skill=step.name,
            skill_cap=step.name[:1].upper() + step.name[1:],  # it starts a sentence
            who=first_name(employee),
            deadline=deadline.isoformat(),
        )
        out.append(Bridge(step.number, step.skill, kind, text))
    return tuple(out)


def deadline_warnings(
    steps: tuple[Step, ...], summary: Summary, planning: Planning, on_time_at_max: tuple[int, ...] | None
) -> list[str]:
    """Short slips, a role out of reach by the deadline, and a pace nobody could keep.

    `on_time_at_max`: the step numbers that would end by the deadline at `planning.max_hours_per_week`
    (None when the plan is not late, or the realistic pace meets the deadline).
    """
    deadline = summary.deadline
    if deadline is None or not summary.late_steps:
        return []
    out = []
    for step in steps:
        days = slip_days(step, deadline)
        if step.late and days < planning.slip_weeks * 7:
            out.append(
                f"{step.name} (step {step.number}) ends {days} day{'s' if days != 1 else ''} after the deadline: "
                "a short slip to agree in a check-in, not a reason for outside help."
            )
    if summary.late_steps * 2 > len(steps):
        out.append(
            f"Most steps ({summary.late_steps} of {len(steps)}) end after {deadline.isoformat()}: the target role "
            "as a whole is out of reach by then at this pace. Move the deadline, or plan the most critical gaps "
            "first (--top N) and bridge the rest."
        )
    if on_time_at_max is not None:
        fits = [s for s in steps if s.number in on_time_at_max]
        rest = [s for s in steps if s.number not in on_time_at_max]
        fitting = ", ".join(s.name for s in fits) or "none of the steps"
        out.append(
            f"Even at {planning.max_hours_per_week:g} h/week (the most learning time a plan asks for), not "
            f"everything fits by {deadline.isoformat()}: {fitting} would close in time; "
            f"{', '.join(s.name for s in rest)} would need the help above or a later deadline."
        )
    return out
