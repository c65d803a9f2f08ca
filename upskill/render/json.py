"""The plan as JSON: a stable, documented shape (README, "JSON output") for other programs."""

from __future__ import annotations

import json
from typing import Any

from upskill.model import Catalog, Plan, Resource
from upskill.render.common import bridges, number

SCHEMA = "upskill.plan/1"


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """Return the plan as plain data: keys in a fixed order, dates as ISO strings."""
    employee, summary = plan.employee, plan.summary
    return {
        "schema": SCHEMA,
        "employee": {
            "id": employee.id,
            "name": employee.name,
            "role": employee.role,
            "target_role": plan.role.id,
            "hours_per_week": number(summary.hours_per_week),
            "deadline": _date(summary.deadline),
        },
        "role": {"id": plan.role.id, "name": plan.role.name},
        "gaps": [
            {
                "skill": g.skill,
                "name": g.name,
                "current": g.current,
                "target": g.target,
                "gap": g.size,
                "priority": number(g.priority),
                "weight": number(g.weight),
                "demand": number(g.demand),
                "unlocks": g.unlocks,
                "prerequisite_of": list(g.prerequisite_of),
                "reason": g.reason,
                "terms": {
                    "gap": number(round(g.gap_term, 4)),
                    "demand": number(round(g.demand_term, 4)),
                    "unlocks": number(round(g.unlocks_term, 4)),
                },
            }
            for g in plan.gaps
        ],
        "steps": [
            {
                "number": s.number,
                "skill": s.skill,
                "name": s.name,
                "from": s.from_level,
                "to": s.to_level,
                "hours": number(s.hours),
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "weeks": [s.first_week, s.last_week],
                "late": s.late,
                "needs_resource": s.uncovered is not None,
                "uncovered": {"from": s.uncovered[0], "to": s.uncovered[1]} if s.uncovered else None,
                "prerequisite_for": list(s.prerequisite_for),
                "activities": [_activity(a) for a in s.activities],
            }
            for s in plan.steps
        ],
        "summary": {
            "total_hours": number(summary.total_hours),
            "weeks": summary.weeks,
            "hours_per_week": number(summary.hours_per_week),
            "start": summary.start.isoformat(),
            "completion": _date(summary.completion),
            "deadline": _date(summary.deadline),
            "late_steps": summary.late_steps,
            "needed_hours_per_week": (
                number(summary.needed_hours_per_week) if summary.needed_hours_per_week is not None else None
            ),
        },
        "bridges": [{"skill": b.step.skill, "step": b.step.number, "advice": b.text} for b in bridges(plan)],
        "met": list(plan.met),
        "weights": {
            "gap": number(plan.weights.gap),
            "demand": number(plan.weights.demand),
            "unlocks": number(plan.weights.unlocks),
        },
        "sources": [
            {"id": s.id, "publisher": s.publisher, "title": s.title, "date": s.date, "url": s.url} for s in plan.sources
        ],
    }


def render_json(plan: Plan, catalog: Catalog | None = None, *, explain: bool = False) -> str:
    """The plan as JSON (schema upskill.plan/1). It always holds every priority term, so `explain`
    changes nothing; `catalog` is unused (the plan carries its sources): the renderers' one signature."""
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"


def _activity(resource: Resource) -> dict[str, Any]:
    return {
        "title": resource.title,
        "kind": resource.kind,
        "format": resource.format,
        "provider": resource.provider,
        "hours": number(resource.hours),
        "hours_estimated": True,
        "from": resource.from_level,
        "to": resource.to_level,
        "url": resource.url,
        "cost": resource.cost,
    }


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
