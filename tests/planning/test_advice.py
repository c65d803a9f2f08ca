"""What a plan advises beyond its steps (issue "plans an L&D professional would sign"): not-assessed
skills, stale and disagreeing ratings, outside help that fits the skill, slips, pace, priorities
that weigh how critical a skill is to the role, and what `--top` leaves out."""

from __future__ import annotations

from datetime import date

from tests.helpers import changed
from upskill.model import DISAGREE, NOT_ASSESSED, STALE, Assessment, Demand, Employee, Profile, Rating, Requirement
from upskill.planning.plan import Options, build_plan
from upskill.render.json import plan_to_dict

MONDAY = date(2026, 11, 23)


def person(role: str, levels: dict[str, int | Assessment], **employee) -> Profile:
    skills = {s: v if isinstance(v, Assessment) else Assessment(s, v) for s, v in levels.items()}
    return Profile(Employee(id="E1", name="Ada Lovelace", target_role=role, **employee), skills, {})


CONTENT = {
    "prompt-engineering": 2,
    "ai-workflow-integration": 1,
    "content-creation": 3,
    "critical-thinking": 2,
    "collaboration": 3,
    "time-management": 3,
}  # communication is not listed: not assessed


def test_a_skill_not_listed_is_not_assessed_not_zero(catalog):
    plan = build_plan(person("ai-content-strategist", CONTENT), catalog, Options(start=MONDAY))
    gap = next(g for g in plan.gaps if g.skill == "communication")
    assert (gap.current, gap.assessed, gap.flags) == (0, False, (NOT_ASSESSED,))
    step = next(s for s in plan.steps if s.skill == "communication")
    assert step.activities[0].title == "Assess current level: Communication"
    data = plan_to_dict(plan, catalog)
    found = next(g for g in data["gaps"] if g["skill"] == "communication")
    assert (found["current"], found["assumed"], found["gap"], found["rating"]) == (None, 0, 4, None)
    assert data["schema"] == "upskill.plan/3"


def test_assessed_at_zero_is_not_flagged(catalog):
    plan = build_plan(person("ai-content-strategist", {**CONTENT, "communication": 0}), catalog, Options(start=MONDAY))
    gap = next(g for g in plan.gaps if g.skill == "communication")
    assert (gap.current, gap.assessed, gap.flags) == (0, True, ())
    step = next(s for s in plan.steps if s.skill == "communication")
    assert not step.activities[0].title.startswith("Assess current level")


def rated(*ratings: Rating) -> Assessment:
    counts = ratings[0]
    return Assessment("critical-thinking", counts.level, counts.source, counts.date, ratings)


def test_old_ratings_are_stale_and_far_apart_ones_talked_about(catalog):
    old = rated(Rating(2, "manager", date(2025, 11, 23)))  # 12 months before the start
    recent = rated(Rating(2, "manager", date(2025, 11, 24)))
    apart = rated(Rating(1, "manager", date(2026, 9, 1)), Rating(3, "self", date(2026, 10, 1)))
    close = rated(Rating(2, "manager", date(2026, 9, 1)), Rating(3, "self", date(2026, 10, 1)))
    flags = {}
    for name, found in (("old", old), ("recent", recent), ("apart", apart), ("close", close)):
        plan = build_plan(
            person("ai-content-strategist", {**CONTENT, "critical-thinking": found}), catalog, Options(start=MONDAY)
        )
        flags[name] = next(g.flags for g in plan.gaps if g.skill == "critical-thinking")
    assert flags == {"old": (STALE,), "recent": (), "apart": (DISAGREE,), "close": ()}
    plan = build_plan(
        person("ai-content-strategist", {**CONTENT, "critical-thinking": old}), catalog, Options(start=MONDAY)
    )
    found = next(g for g in plan_to_dict(plan, catalog)["gaps"] if g["skill"] == "critical-thinking")
    assert found["rating"] == {"source": "manager", "date": "2025-11-23", "stale": True}
    assert found["flags"] == ["stale"]


def late_plan(catalog, role, levels, deadline=date(2027, 2, 26), hours=2):
    return build_plan(person(role, levels, hours_per_week=hours, deadline=deadline), catalog, Options(start=MONDAY))


def test_outside_help_fits_the_skill(catalog):
    kinds = {}
    # one long cycle, so the late skills of every category are steps (not the next cycle) to bridge
    catalog = changed(catalog, planning=catalog.planning._replace(horizon_weeks=520, max_levels_per_cycle=5))
    for role in sorted(catalog.roles):
        plan = late_plan(catalog, role, {})
        for bridge in plan.bridges:
            category = catalog.skills[bridge.skill].category
            kinds.setdefault(category, set()).add(bridge.kind)
            if category == "soft-skill":
                assert "freelance" not in bridge.advice and "specialist" not in bridge.advice
    assert kinds["ai-lifecycle"] == {"specialist"}
    assert kinds["soft-skill"] == {"manager"}
    assert kinds["learning-to-learn"] == {"coach"}
    assert kinds["ai-in-every-role"] == {"pairing"}


def test_a_slip_under_two_weeks_is_noted_not_bridged(catalog):
    plan = late_plan(catalog, "ai-content-strategist", CONTENT, deadline=None)
    end = max(s.end for s in plan.steps)
    slipping = late_plan(catalog, "ai-content-strategist", CONTENT, deadline=date.fromordinal(end.toordinal() - 3))
    assert slipping.summary.late_steps >= 1
    late = [s for s in slipping.steps if s.late]
    assert all((s.end - slipping.summary.deadline).days < 14 for s in late)
    assert slipping.bridges == ()
    assert any("days after the deadline" in w for w in slipping.warnings)


def test_pace_advice_stays_realistic(catalog):
    plan = late_plan(catalog, "ml-engineer", {}, deadline=date(2027, 1, 29), hours=1)
    maximum = catalog.planning.max_hours_per_week
    assert plan.summary.needed_hours_per_week is None  # no pace up to the maximum meets it
    # the deadline needs a next cycle, so no pace is the plan's; the options speak of this cycle's steps
    assert any("every step of this cycle" in w for w in plan.warnings)
    assert any("Most steps" in w or "All " in w for w in plan.warnings)
    reachable = late_plan(catalog, "ai-content-strategist", CONTENT, deadline=date(2027, 1, 29), hours=1)
    if reachable.summary.late_steps:
        needed = reachable.summary.needed_hours_per_week
        assert needed is None or needed <= maximum


def test_a_role_critical_soft_skill_outranks_a_non_critical_technical_one(catalog):
    # same gap, and the soft skill has no market demand at all while the technical one has the most
    soft = changed(catalog.skills["communication"], demand=Demand(0.0))
    tech = changed(catalog.skills["data-mining"], demand=Demand(1.0))
    skills = {**catalog.skills, "communication": soft, "data-mining": tech}
    role = changed(
        catalog.roles["ai-content-strategist"],
        requires=(Requirement("communication", 3, 1.5), Requirement("data-mining", 3, 1.0)),
    )
    tuned = changed(catalog, skills=skills, roles={**catalog.roles, role.id: role})
    levels = {"communication": 2, "data-mining": 2, "data-extraction": 5, "data-quality-analysis": 5}
    plan = build_plan(person(role.id, levels), tuned, Options(start=MONDAY))
    assert [g.skill for g in plan.gaps] == ["communication", "data-mining"]


def test_top_says_what_it_left_out(catalog):
    whole = build_plan(person("ai-content-strategist", CONTENT), catalog, Options(start=MONDAY))
    top = build_plan(person("ai-content-strategist", CONTENT), catalog, Options(start=MONDAY, top=2))
    planned = {s.skill for s in top.steps}
    assert [g.skill for g in top.not_planned] == [g.skill for g in whole.gaps if g.skill not in planned]
    assert {g["skill"] for g in plan_to_dict(top, catalog)["not_planned"]} == {g.skill for g in top.not_planned}


def test_every_step_says_when_it_is_done(catalog):
    plan = build_plan(person("ld-coach", {}), catalog, Options(start=MONDAY))
    for step in plan.steps:
        assert step.done_when
    own = changed(catalog.skills["coaching"], evidence=("", "", "ten sessions observed by an ICF coach", "", "", ""))
    tuned = changed(catalog, skills={**catalog.skills, "coaching": own})
    step = next(
        s for s in build_plan(person("ld-coach", {}), tuned, Options(start=MONDAY)).steps if s.skill == "coaching"
    )
    assert step.done_when == "ten sessions observed by an ICF coach"


def test_a_plan_longer_than_a_year_is_cut_at_the_horizon_and_says_what_is_left(catalog):
    plan = build_plan(person("ml-engineer", {}, hours_per_week=1), catalog, Options(start=MONDAY, parallel=1))
    assert 0 < plan.summary.weeks <= catalog.planning.horizon_weeks and plan.later
    (warning,) = [w for w in plan.warnings if w.startswith("This plan covers one cycle")]
    assert "next cycle" in warning and "--" not in warning  # no CLI flags in plan text
    short = build_plan(person("ai-content-strategist", CONTENT, hours_per_week=4), catalog, Options(start=MONDAY))
    assert not any(w.startswith("This plan runs") for w in short.warnings)


def test_an_unassessed_prerequisite_is_met_by_holding_what_needs_it(catalog):
    needs = {p.skill: p.level for p in catalog.skills["ai-modelling"].prerequisites}["python-programming"]

    def gaps(levels):
        profile = person("ai-content-strategist", levels)._replace(targets={"ai-modelling": 4})
        return {g.skill for g in build_plan(profile, catalog, Options(start=MONDAY)).gaps}

    assert "python-programming" not in gaps({"ai-modelling": needs})  # shown in use
    assert "python-programming" in gaps({"ai-modelling": needs - 1})
    assert "python-programming" in gaps({"ai-modelling": 3, "python-programming": 0})  # an assessment wins


def test_a_plan_far_from_the_mix_says_what_makes_up_for_it(catalog):
    from upskill.render.common import mix_line

    plan = build_plan(person("ai-content-strategist", CONTENT), catalog, Options(start=MONDAY))
    near = plan.summary._replace(mix=(0.7, 0.2, 0.1))
    no_others = plan.summary._replace(mix=(0.94, 0.06, 0.0))
    courses = plan.summary._replace(mix=(0.4, 0.2, 0.4))
    assert "across plans" in mix_line(near, catalog.planning)
    assert "Little of it is learning from others" not in mix_line(near, catalog.planning)
    assert "ask someone already at the target level" in mix_line(no_others, catalog.planning)
    assert "try each one out on a real task" in mix_line(courses, catalog.planning)
