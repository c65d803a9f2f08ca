"""The deadline options' fewest weeks at more skills side by side (plan._deadline_options), found again
by identity (choices.fewest_weeks, issue 29): the same weeks `step_fewest_weeks` works out, asked once
or many times, and the same deadline advice in whole plans."""

from __future__ import annotations

from datetime import date

from upskill.model import Assessment, Employee, Profile
from upskill.planning import plan as plan_module
from upskill.planning.activities import step_fewest_weeks
from upskill.planning.choices import fewest_weeks
from upskill.planning.plan import Options, build_plan


def test_the_fewest_weeks_found_again_are_the_ones_worked_out(catalog):
    planning = catalog.planning
    for skill in catalog.skills.values():
        for k in range(len(skill.resources)):
            activities = skill.resources[k : k + 3]
            current = min((r.from_level for r in activities), default=0)
            for parallel in (1, 2, 3, 4, 2, 3):  # asked again: found by identity
                want = step_fewest_weeks(activities, current, planning, parallel)
                assert fewest_weeks(activities, current, planning, parallel) == want


def test_late_plans_get_the_advice_the_worked_out_weeks_give(catalog, monkeypatch):
    """Plans late even at the most learning time: their side-by-side and scope options read the memo;
    the same plans with every fewest weeks worked out again (the path before)."""
    plans = []
    for role in sorted(catalog.roles)[:6]:
        skills = {s: Assessment(skill=s, level=0) for s in sorted(catalog.skills)[:12]}
        employee = Employee(id="P1", name="P", target_role=role, hours_per_week=2.0, deadline=date(2027, 3, 1))
        plans.append((Profile(employee, skills, {}), Options(start=date(2027, 1, 4))))
    fast = [build_plan(profile, catalog, options) for profile, options in plans]
    monkeypatch.setattr(plan_module, "fewest_weeks", step_fewest_weeks)
    assert [build_plan(profile, catalog, options) for profile, options in plans] == fast
    assert sum(1 for p in fast if p.summary.late_steps and p.summary.needed_hours_per_week is None) >= 2
