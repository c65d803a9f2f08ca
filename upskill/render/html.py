"""The plan as a standalone HTML page (`upskill batch --format html`): the Markdown plan's content,
from `templates/plan.html.j2` in an autoescaping Jinja2 environment."""

from __future__ import annotations

from typing import Any

from ..model import Catalog, Plan
from . import common
from .jinja import html_template


def render_plan_html(plan: Plan, catalog: Catalog, *, explain: bool = False) -> str:
    """Render `plan` as HTML; every value from input files is escaped by the environment."""
    evidence = []
    for step in plan.steps:
        demand = catalog.skills[step.skill].demand
        if demand and demand.figure:
            source = catalog.sources.get(demand.source)
            cited = f"{source.publisher}, {source.date}" if source else demand.source
            evidence.append({"name": step.name, "trend": demand.trend, "figure": demand.figure, "source": cited,
                             "url": source.url if source else ""})
    context: dict[str, Any] = {
        "employee": plan.employee,
        "role": plan.role,
        "gaps": plan.gaps,
        "steps": plan.steps,
        "summary": plan.summary,
        "weights": plan.weights,
        "met": [catalog.skills[s].name for s in plan.met],
        "bridges": common.bridges(plan),
        "pace": common.pace_advice(plan),
        "evidence": evidence,
        "explain": explain,
        "hours_per_level": catalog.hours_per_level,
        "hours": common.hours,
        "level": lambda value: common.level(plan.scale, value),
        "activity_line": common.activity_line,
        "safe_url": safe_url,
    }
    return html_template("plan.html.j2").render(context)


def safe_url(value: str) -> str:
    """Only http(s) links: a `javascript:` URL from a catalog must not become a live link."""
    return value if value.lower().startswith(("https://", "http://")) else ""
