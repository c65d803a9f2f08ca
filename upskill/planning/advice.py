"""What a plan advises beyond its steps: help for late skills, and words about the plan as a whole.

Outside help fits what the skill is (the catalog's `planning.bridges`, by skill category): the
sources recommend freelance and contract experts for specialised AI work and for coaching and
training, never to stand in for a person's own soft skills.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import date

from upskill.model import Bridge, Catalog, Employee, Planning, Step, Summary
from upskill.planning.deadline import MOST_SIDE_BY_SIDE
from upskill.planning.deadline import Options as DeadlineOptions

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


def bridges(
    steps: tuple[Step, ...],
    catalog: Catalog,
    employee: Employee,
    deadline: date | None,
    helpable: AbstractSet[int],
) -> tuple[Bridge, ...]:
    """Help for each step in `helpable` that ends well after the deadline (a slip under
    `slip_weeks` is only noted).

    `helpable`: the steps of work the target role requires that still end late after more time,
    more skills side by side and a narrower scope (deadline.py); empty when one of those meets the
    deadline. A hire (`specialist`, `coach`) only ever stands in for the role's work: never for a
    personal target or a prerequisite, which wait for after the deadline instead.
    """
    if deadline is None:
        return ()
    out = []
    for step in steps:
        if step.number not in helpable or not step.late or slip_days(step, deadline) < catalog.planning.slip_weeks * 7:
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


def _names(steps: Sequence[Step]) -> str:
    names = [s.name for s in steps]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _steps_count(late: int, total: int) -> str:
    """`All 3 steps`, `Most steps (4 of 6)`."""
    return f"All {total} steps" if late == total else f"Most steps ({late} of {total})"


def deadline_warnings(
    steps: tuple[Step, ...],
    summary: Summary,
    planning: Planning,
    options: DeadlineOptions | None,
    by_start: Sequence[int],
) -> list[str]:
    """Short slips, a role out of reach by the deadline, and what would meet it, in order: more
    time, more skills side by side, a narrower scope (outside help follows, as bridges).

    `options`: what deadline.py found (None when the plan is not late); `by_start[n - 1]` is the
    index, in the options' work, of step n.
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
    when = f"at {summary.hours_per_week:g} h a week"
    if summary.late_steps * 2 > len(steps):
        out.append(
            f"{_steps_count(summary.late_steps, len(steps))} end after {deadline.isoformat()} {when}: the target role "
            "as a whole is out of reach by then at this pace."
        )
    if options is not None:
        out += _options(steps, summary, planning, options, by_start)
    return out


def _options(
    steps: tuple[Step, ...], summary: Summary, planning: Planning, options: DeadlineOptions, by_start: Sequence[int]
) -> list[str]:
    deadline = summary.deadline
    assert deadline is not None
    every = "every step of this cycle" if summary.late_next_cycle else "every step"  # "not every step ..."
    have = summary.hours_per_week
    if options.pace is not None:
        # common.pace_advice writes the figure (from needed_hours_per_week) when there is no next cycle.
        if summary.late_next_cycle:
            return [
                f"More learning time: at {options.pace:g} h a week instead of {have:g}, {every} ends by {deadline}."
            ]
        return []
    if have >= planning.max_hours_per_week:
        out = [
            f"More learning time is not on offer: your {have:g} h a week is already "
            f"{'more than the' if have > planning.max_hours_per_week else 'the'} {planning.max_hours_per_week:g} h "
            f"a plan asks for at most, and not {every} ends by {deadline} at it."
        ]
    else:
        out = [
            f"More learning time alone is not enough: even at {options.most:g} h a week (the most a plan asks "
            f"for) not {every} ends by {deadline}."
        ]
    if options.side_by_side is not None:
        side, pace = options.side_by_side
        at = f"your {have:g} h a week is enough" if pace <= have else f"at {pace:g} h a week"
        out.append(
            f"More skills side by side would meet it: with {side} skills at a time instead of {summary.parallel}, "
            f"{every} ends by {deadline} ({at})."
        )
        return out
    if len(steps) > summary.parallel:
        out.append(
            f"Nor would more skills side by side (up to {max(MOST_SIDE_BY_SIDE, summary.parallel + 1)} at a time)."
        )
    index = {i: n for n, i in enumerate(by_start, start=1)}
    kept = {index[i] for i in options.scope or ()}
    first = [s for s in steps if s.number in kept]
    rest = [s for s in steps if s.number not in kept]
    if first:
        out.append(
            f"A narrower scope, the role's most critical gaps first: at {options.most:g} h a week, "
            f"{_names(first)} would end by {deadline}; {_names(rest)} would follow after it."
        )
    else:
        out.append(
            f"A narrower scope does not meet it either: even the role's most critical gap alone does not end "
            f"by {deadline} at {options.most:g} h a week. What is left: a later deadline, or help with the role's "
            "own work (below, where the role needs it)."
        )
    return out
