"""The plan as JSON: a stable, documented shape (README, "JSON output") for other programs."""

from __future__ import annotations

import json
from typing import Any

from upskill.model import KINDS, STALE, Catalog, Gap, MentorRef, Placement, Plan, Resource, Step
from upskill.render import common
from upskill.render.common import number

SCHEMA = "upskill.plan/3"


def plan_to_dict(plan: Plan, catalog: Catalog | None = None) -> dict[str, Any]:
    """Return the plan as plain data: keys in a fixed order, dates as ISO strings (docs/json.md).

    `catalog` adds each step's level descriptor (`can_do`); without it that key is "".
    """
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
        "role": _role(plan),
        "gaps": [
            {
                "skill": g.skill,
                "name": g.name,
                "current": g.current if g.assessed else None,
                "assumed": g.current,
                "target": g.target,
                "gap": g.size,
                "priority": number(g.priority),
                "weight": number(g.weight),
                "demand": number(g.demand),
                "unlocks": g.unlocks,
                "prerequisite_of": list(g.prerequisite_of),
                "reason": g.reason,
                "rating": _rating(g),
                "flags": list(g.flags),
                "terms": {
                    "gap": number(round(g.gap_term, 4)),
                    "demand": number(round(g.demand_term, 4)),
                    "unlocks": number(round(g.unlocks_term, 4)),
                },
            }
            for g in plan.gaps
        ],
        "not_planned": [
            {"skill": g.skill, "name": g.name, "gap": g.size, "priority": number(g.priority)} for g in plan.not_planned
        ],
        "steps": [
            {
                "number": s.number,
                "skill": s.skill,
                "name": s.name,
                "from": s.from_level,
                "to": s.to_level,
                "hours": number(s.hours),
                "activity_hours": number(s.activity_hours),
                "track": s.track,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "weeks": [s.first_week, s.last_week],
                "late": s.late,
                "needs_resource": s.uncovered is not None,
                "uncovered": {"from": s.uncovered[0], "to": s.uncovered[1]} if s.uncovered else None,
                "prerequisite_for": list(s.prerequisite_for),
                "activities": [_placed(p) for p in s.placed] or [_activity(a) for a in s.activities],
                "can_do": catalog.skills[s.skill].describe_level(s.to_level) if catalog else "",
                "done_when": s.done_when,
                **_mentor_of(s),
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
            "activity_hours": number(summary.activity_hours),
            "mix": {kind: number(share) for kind, share in zip(KINDS, summary.mix, strict=True)},
            "parallel": summary.parallel,
            "load": [
                {
                    "from_week": run.from_week,
                    "to_week": run.to_week,
                    "learning_hours": number(run.learning_hours),
                    "job_hours": number(run.job_hours),
                }
                for run in summary.load
            ],
            "budget_use": number(summary.budget_use),
            "length_reason": summary.length_reason,
            "order_reason": summary.order_reason,
            "mix_reason": summary.mix_reason,
            "late_next_cycle": summary.late_next_cycle,
            "closed_weeks": list(summary.closed_weeks),
        },
        "later": [
            {
                "skill": x.skill,
                "name": x.name,
                "from": x.from_level,
                "to": x.to_level,
                "hours": number(x.hours),
                "learning_hours": number(x.learning_hours),
            }
            for x in plan.later
        ],
        "checkins": [
            {
                "date": c.date.isoformat(),
                "week": c.week,
                "due": list(c.ended),
                "under_way": list(c.running),
                "agenda": list(c.agenda),
            }
            for c in plan.checkins
        ],
        "warnings": list(plan.warnings),
        "bridges": [{"skill": b.skill, "step": b.step, "kind": b.kind, "advice": b.advice} for b in plan.bridges],
        "met": [{"skill": s, "flags": list(f)} for s, f in zip(plan.met, common.met_flags(plan), strict=True)],
        "weights": {
            "gap": number(plan.weights.gap),
            "demand": number(plan.weights.demand),
            "unlocks": number(plan.weights.unlocks),
        },
        "sources": [
            {"id": s.id, "publisher": s.publisher, "title": s.title, "date": s.date, "url": s.url} for s in plan.sources
        ],
        "mentoring": [{**_mentor(m), "skill": m.skill} for m in plan.mentees],
    }


def render_json(plan: Plan, catalog: Catalog | None = None, *, explain: bool = False) -> str:
    """The plan as JSON (schema upskill.plan/3). It always holds every priority term, so `explain`
    changes nothing; `catalog` supplies the level descriptors."""
    return json.dumps(plan_to_dict(plan, catalog), indent=2, ensure_ascii=False) + "\n"


def _activity(resource: Resource) -> dict[str, Any]:
    return {
        "title": resource.title,
        "kind": resource.kind,
        "format": resource.format,
        "provider": resource.provider,
        "hours": number(resource.hours),
        "hours_estimated": not resource.hours_basis.startswith("provider"),
        "hours_basis": resource.hours_basis,
        "weeks": resource.weeks or None,
        "from": resource.from_level,
        "to": resource.to_level,
        "url": resource.url,
        "cost": resource.cost,
        "evidence": resource.evidence,
    }


def _placed(p: Placement) -> dict[str, Any]:
    """An activity with its own weeks and dates, and the hours it charges to the learning budget."""
    return {
        **_activity(p.resource),
        "first_week": p.first_week,
        "last_week": p.last_week,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "charged_hours": number(p.charged_hours),
        "job_hours": number(p.job_hours),
        **_session_of(p),
    }


# --- a roster scheduled together (planning/sessions.py): sessions and mentors ----------------------------


def _session_of(p: Placement) -> dict[str, Any]:
    """The group session the activity is taken in (null: none), and whether it is taken alone, and why."""
    found = p.session
    session = (
        {"id": found.id, "start": found.start.isoformat(), "end": found.end.isoformat(), "size": found.size}
        if found is not None
        else None
    )
    return {"session": session, "alone": p.alone, "alone_reason": p.alone_why}


def _mentor(m: MentorRef) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "start": m.start.isoformat(),
        "end": m.end.isoformat(),
        "hours_per_week": number(m.hours_per_week),
    }


def _mentor_of(step: Step) -> dict[str, Any]:
    """A step's mentor from the roster (null: none), and why none when the roster was scheduled."""
    return {"mentor": _mentor(step.mentor) if step.mentor is not None else None, "no_mentor": step.no_mentor}


def _rating(gap: Gap) -> dict[str, Any] | None:
    """The rating that counts: who gave it, when, and whether it is stale."""
    found = gap.assessment
    if found is None:
        return None
    return {"source": found.source or None, "date": _date(found.assessed), "stale": STALE in gap.flags}


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _role(plan: Plan) -> dict[str, Any]:
    """`{id, name}`, and `technologies` when the role has in-demand or hot ones (O*NET's flags)."""
    found: dict[str, Any] = {"id": plan.role.id, "name": plan.role.name}
    if plan.role.technologies:
        from upskill.planning.technologies import flagged_technologies

        technologies = flagged_technologies(plan.role, plan.employee.technologies)
        if technologies.flagged:
            found["technologies"] = [
                {"name": t.name, "in_demand": t.in_demand, "hot": t.hot, "used": technologies.uses(t)}
                for t in technologies.flagged
            ]
    return found
