"""`upskill diff`: one employee's progress between an earlier plan and now (schema `upskill.diff/1`).

Both sides are plans as plain data (`upskill.plan/3`, docs/json.md): a JSON plan is read as it is,
and a profile is planned first (cli/diff.py), so one comparison serves both. The earlier plan's
steps are judged on `as_of`: done when the skill's level now reaches the step's `to`, late when
the step should have ended by then and is not done. The schedule compares the hours of the steps
done with the hours the earlier plan had scheduled to end by `as_of`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

SCHEMA = "upskill.diff/1"


def diff_plans(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    as_of: date,
    levels: tuple[Mapping[str, int] | None, Mapping[str, int] | None] = (None, None),
) -> dict[str, Any]:
    """The comparison as plain data, keys in a fixed order (docs/json.md, `upskill.diff/1`).

    `levels` are each side's current levels when known (profiles); a plan says only the levels of
    its gaps, and a skill that is no gap any more is at least at its earlier target.
    """
    old_levels = _levels(old, levels[0])
    new_levels = _levels(new, levels[1])
    targets = {g["skill"]: g["target"] for g in (*new.get("gaps", []), *old.get("gaps", []))}
    names = {g["skill"]: g["name"] for g in (*new.get("gaps", []), *old.get("gaps", []))}
    open_now = {g["skill"] for g in new.get("gaps", [])}
    for skill in old_levels:
        if skill not in new_levels and skill not in open_now:
            new_levels[skill] = max(targets.get(skill, 0), old_levels[skill])  # closed: at its target at least
    skills = []
    for skill in sorted(set(old_levels) | set(new_levels) | set(targets)):
        before, after = old_levels.get(skill, 0), new_levels.get(skill, 0)
        if skill not in targets and before == after:
            continue  # neither a gap nor moved: nothing to say
        target = targets.get(skill)
        skills.append(
            {
                "skill": skill,
                "name": names.get(skill, skill),
                "old": before,
                "new": after,
                "gained": after - before,
                "target": target,
                "closed": target is not None and before < target <= after,
            }
        )
    steps = [_step(step, new_levels, as_of) for step in old.get("steps", [])]
    return {
        "schema": SCHEMA,
        "kind": "employee",
        "employee": {"id": new["employee"]["id"], "name": new["employee"]["name"]},
        "as_of": as_of.isoformat(),
        "target_role": new["employee"]["target_role"],
        "skills": skills,
        "gaps_closed": [s["skill"] for s in skills if s["closed"]],
        "steps": steps,
        "summary": _summary(old, new, steps),
    }


def _levels(plan: Mapping[str, Any], known: Mapping[str, int] | None) -> dict[str, int]:
    found = {g["skill"]: g["assumed"] for g in plan.get("gaps", [])}
    if known is not None:
        found.update(known)
    return found


def _step(step: Mapping[str, Any], levels: Mapping[str, int], as_of: date) -> dict[str, Any]:
    done = levels.get(step["skill"], 0) >= step["to"]
    due = date.fromisoformat(step["end"]) <= as_of
    status = "done" if done else "late" if due else "open"
    return {
        "number": step["number"],
        "skill": step["skill"],
        "name": step["name"],
        "from": step["from"],
        "to": step["to"],
        "end": step["end"],
        "hours": step["hours"],
        "due": due,
        "status": status,
    }


def _summary(old: Mapping[str, Any], new: Mapping[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    done = sum(s["hours"] for s in steps if s["status"] == "done")
    due = sum(s["hours"] for s in steps if s["due"])
    ahead = round(done - due, 1)
    return {
        "steps_done": sum(1 for s in steps if s["status"] == "done"),
        "steps_late": sum(1 for s in steps if s["status"] == "late"),
        "steps_open": sum(1 for s in steps if s["status"] == "open"),
        "hours_done": round(done, 1),
        "hours_due": round(due, 1),
        "hours_remaining": new["summary"]["total_hours"],
        "hours_planned_before": old["summary"]["total_hours"],
        "completion_before": old["summary"]["completion"],
        "completion_now": new["summary"]["completion"],
        "schedule": "ahead" if ahead > 0 else "behind" if ahead < 0 else "on schedule",
        "hours_ahead": ahead,
    }
