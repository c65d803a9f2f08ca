"""Words and numbers every renderer shows the same way: hours, levels, deadline advice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from upskill.model import Catalog, Citation, Demand, Plan, Resource, Scale, Step

# `2027-03-08`, each date formatted once: the plans of a batch share their week dates.
day: Callable[[date], str] = lru_cache(maxsize=4096)(date.isoformat)


@lru_cache(maxsize=4096)  # the same few dozen figures (activity hours, weekly budgets) recur in every plan
def hours(value: float) -> str:
    """`12`, `1.5`: hours without a useless `.0`."""
    return f"{value:g}" if value != int(value) else str(int(value))


def number(value: float) -> float | int:
    """A JSON number: an int when whole, so `12.0` prints as `12`."""
    return int(value) if float(value).is_integer() else value


def level(scale: Scale, value: int) -> str:
    return f"{value} {scale.name(value)}"


def activity_line(resource: Resource, escape: Callable[[str], str] = str) -> str:
    """`formal · course · ~6 h · free`: what a person needs to know before starting it.

    `escape` is applied to the catalog's words (not to our `~`), e.g. Markdown escaping.
    """
    parts = [escape(p) for p in (resource.kind, resource.format, resource.provider) if p]
    parts.append(f"~{hours(resource.hours)} h")
    if resource.cost:
        parts.append(escape(resource.cost))
    return " · ".join(parts)


# A NamedTuple: see the speed rules in upskill/model.py's docstring.
class PlanBridge(NamedTuple):
    """A step that cannot finish by the deadline, and what to do about it."""

    step: Step
    text: str


def bridges(plan: Plan) -> list[PlanBridge]:
    """For each late step: bring in a specialist while the employee learns (the seeds' advice)."""
    out = []
    deadline = plan.summary.deadline
    first_name = plan.employee.name.split()[0] if plan.employee.name else plan.employee.id
    for step in plan.steps:
        if not step.late or deadline is None:
            continue
        out.append(
            PlanBridge(
                step,
                (
                    f"{step.name} (step {step.number}) ends {day(step.end)}, after the deadline "
                    f"{day(deadline)}. Bridge this gap with an experienced freelance or contract "
                    f"{step.name.lower()} specialist for the work due before then, while {first_name} keeps learning."
                ),
            )
        )
    return out


class Evidence(NamedTuple):
    """The catalog's demand figure behind a planned skill, and who published it."""

    trend: str
    figure: str
    source: str  # "publisher, date", or the source id when the catalog does not list it
    url: str


def evidence(catalog: Catalog, skill: str) -> Evidence | None:
    """The demand figure for `skill`, or None when the catalog gives none."""
    demand = catalog.skills[skill].demand
    if not demand or not demand.figure:
        return None
    return _evidence(demand, catalog.sources.get(demand.source))


@lru_cache(maxsize=1024)  # every plan of a batch cites the same few catalog figures
def _evidence(demand: Demand, source: Citation | None) -> Evidence:
    cited = f"{source.publisher}, {source.date}" if source else demand.source
    return Evidence(demand.trend, demand.figure, cited, source.url if source else "")


def pace_advice(plan: Plan) -> str:
    """One sentence on the pace needed to meet the deadline, when it is at risk."""
    summary = plan.summary
    if not summary.late_steps or summary.deadline is None:
        return ""
    if summary.needed_hours_per_week is None:
        return "The deadline falls before the first week ends: no pace of learning meets it."
    return (
        f"To finish everything by {summary.deadline.isoformat()}, learning time would need to rise from "
        f"{hours(summary.hours_per_week)} to {hours(summary.needed_hours_per_week)} h/week."
    )
