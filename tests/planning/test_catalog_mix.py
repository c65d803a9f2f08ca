"""The bundled catalog gives plans an L&D professional would sign: 70-20-10 by hours over many
employees, hours that never grow as someone gets closer to a target, and believable lengths.

The planner's rule is fixed (fewest hours, with an on-the-job activity reaching the target);
these tests hold the catalog to it, so a resource edited or added in catalog/skills.yaml that
tips the mix or makes a path implausible fails here with the figures in the message.
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from datetime import date

import pytest

from upskill import api
from upskill.model import KINDS, Assessment, Catalog, Employee, Profile
from upskill.planning.schedule import choose_activities

START = date(2026, 11, 23)
PROFILES_PER_ROLE = 40
TOLERANCE = 0.10  # each share within 10 points of the target mix


def generated_profiles(catalog: Catalog, seed: int = 12) -> list[Profile]:
    """For every default role, profiles whose current level in each required skill is drawn from 0 to the target."""
    rng = random.Random(seed)
    profiles = []
    for role_id, role in sorted(catalog.roles.items()):
        for n in range(PROFILES_PER_ROLE):
            levels = {r.skill: Assessment(r.skill, rng.randint(0, r.level)) for r in role.requires}
            employee = Employee(f"G{n}", f"Generated {n}", target_role=role_id, hours_per_week=4)
            profiles.append(Profile(employee, levels, {}))
    return profiles


def hours_by_kind(catalog: Catalog, profiles: list[Profile]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for profile in profiles:
        plan = api.build_plan(profile, catalog, start=START)
        for step in plan.steps:
            for activity in step.activities:
                totals[activity.kind] += activity.hours
    return totals


def test_activity_hours_over_generated_profiles_land_near_70_20_10(catalog):
    totals = hours_by_kind(catalog, generated_profiles(catalog))
    whole = sum(totals.values())
    shares = {kind: totals[kind] / whole for kind in KINDS}
    target = dict(zip(KINDS, catalog.planning.target_mix, strict=True))
    measured = ", ".join(f"{k} {shares[k]:.1%} (target {target[k]:.0%})" for k in KINDS)
    assert all(abs(shares[k] - target[k]) <= TOLERANCE for k in KINDS), f"mix over {whole:,.0f} h: {measured}"


@pytest.mark.parametrize("role_id", ["ai-augmented-professional", "ld-coach", "ml-engineer"])
def test_each_role_on_its_own_keeps_some_of_every_kind(catalog, role_id):
    profiles = [p for p in generated_profiles(catalog) if p.employee.target_role == role_id]
    totals = hours_by_kind(catalog, profiles)
    whole = sum(totals.values())
    assert all(totals[kind] / whole >= 0.03 for kind in KINDS), {k: round(totals[k] / whole, 3) for k in KINDS}


def test_a_higher_current_level_never_needs_more_hours(catalog):
    for skill in catalog.skills.values():
        for target in range(1, catalog.scale.max_level + 1):
            hours = [choose_activities(skill, c, target, catalog.hours_per_level).hours for c in range(target)]
            assert hours == sorted(hours, reverse=True), f"{skill.id} to level {target}: {hours} h from 0, 1, ..."


def test_every_band_from_beginner_up_has_an_on_the_job_activity(catalog):
    for skill in catalog.skills.values():
        for band in range(1, catalog.scale.max_level):  # band n: from level n to n + 1
            assert any(r.kind == "experience" and r.from_level <= band < r.to_level for r in skill.resources), (
                f"{skill.id}: nothing on the job from level {band} to {band + 1}"
            )


def test_every_level_is_covered_without_placeholders(catalog):
    for skill in catalog.skills.values():
        choice = choose_activities(skill, 0, catalog.scale.max_level, catalog.hours_per_level)
        assert choice.uncovered is None, skill.id


def test_hours_are_believable(catalog):
    """A full 0->4 path of a technical skill is about 100-250 h, soft skills take less, and a
    single-level step above awareness is never a token few hours."""
    full = {s.id: choose_activities(s, 0, 4, catalog.hours_per_level).hours for s in catalog.skills.values()}
    technical = [full[s.id] for s in catalog.skills.values() if s.category == "ai-lifecycle"]
    soft = [full[s.id] for s in catalog.skills.values() if s.category == "soft-skill"]
    assert all(80 <= h <= 250 for h in technical), sorted(technical)
    assert 100 <= statistics.median(technical) <= 250, sorted(technical)
    assert max(soft) < statistics.median(technical), (sorted(soft), sorted(technical))
    for skill in catalog.skills.values():
        for current in range(1, catalog.scale.max_level):
            hours = choose_activities(skill, current, current + 1, catalog.hours_per_level).hours
            assert hours >= 4, f"{skill.id} {current}->{current + 1}: {hours} h"


def test_prompt_engineering_for_non_developers_needs_no_programming(catalog):
    """HR and business staff learn prompting without a Python or API course."""
    for role_id in ("ai-augmented-professional", "ld-coach", "ai-content-strategist"):
        employee = Employee("N1", "New Starter", target_role=role_id, hours_per_week=4)
        plan = api.build_plan(Profile(employee, {}, {}), catalog, start=START)
        steps = [s for s in plan.steps if s.skill == "prompt-engineering"]
        assert steps, role_id
        for activity in steps[0].activities:
            text = f"{activity.title} {activity.provider}".lower()
            assert not any(word in text for word in ("developer", "api", "python", "code")), (role_id, activity.title)
