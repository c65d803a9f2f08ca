"""upskill.planning.schedule (activities and weeks) and upskill.planning.plan.build_plan (the whole plan), with dates
computed by hand. Week 1 starts on Monday 2026-11-23; a step ends on the Friday of its last week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from upskill.model import Assessment, Employee, Profile, Resource, Skill, Weights
from upskill.planning.plan import Options, build_plan
from upskill.planning.schedule import choose_activities, needed_hours_per_week, next_monday, schedule, weeks_until

MONDAY = date(2026, 11, 23)


def res(title, kind, hours, low, high):
    return Resource(title=title, kind=kind, hours=hours, from_level=low, to_level=high)


def skill(*resources):
    return Skill(id="s", name="S", resources=tuple(resources))


def titles(choice):
    return sorted(r.title for r in choice.activities)


# --- choose_activities ---------------------------------------------------------------------------


def test_prefers_the_kind_mix_over_fewer_hours():
    s = skill(res("F", "formal", 2, 0, 2), res("S", "social", 10, 0, 2), res("E", "experience", 30, 0, 2))
    choice = choose_activities(s, 0, 2, 10.0)
    assert titles(choice) == ["E", "F", "S"]
    assert choice.hours == 42
    assert choice.uncovered is None


def test_among_equal_mixes_takes_the_fewest_hours():
    s = skill(
        res("F", "formal", 2, 0, 2),
        res("F cheap", "formal", 1, 0, 2),
        res("S", "social", 10, 0, 2),
        res("S dear", "social", 12, 0, 2),
    )
    assert titles(choose_activities(s, 0, 2, 10.0)) == ["F cheap", "S"]


def test_coverage_comes_before_everything():
    s = skill(
        res("A", "formal", 1, 0, 1),
        res("B", "experience", 1, 1, 2),
        res("C", "formal", 50, 0, 2),
        res("Cheap but short", "social", 1, 0, 1),
    )
    choice = choose_activities(s, 0, 2, 10.0)
    assert choice.uncovered is None
    assert {0, 1} <= {level for r in choice.activities for level in range(r.from_level, r.to_level)}
    assert titles(choice) == ["A", "B", "Cheap but short"]  # 3 kinds, 3 h


def test_only_resources_touching_the_needed_levels_are_used():
    s = skill(res("Low", "formal", 1, 0, 2), res("High", "social", 1, 4, 5), res("Mid", "experience", 5, 2, 4))
    choice = choose_activities(s, 2, 4, 10.0)
    assert titles(choice) == ["Mid"]
    assert choice.hours == 5


def test_activities_are_listed_by_level_then_formal_social_experience():
    s = skill(
        res("E", "experience", 3, 0, 2),
        res("S", "social", 2, 0, 2),
        res("F", "formal", 1, 0, 2),
        res("E2", "experience", 1, 2, 3),
    )
    assert [r.title for r in choose_activities(s, 0, 3, 10.0).activities] == ["F", "S", "E2"]


def test_uncovered_levels_get_the_placeholder_estimate():
    s = skill(res("Intro", "formal", 5, 0, 2))
    choice = choose_activities(s, 1, 4, 10.0)
    assert titles(choice) == ["Intro"]
    assert choice.uncovered == (2, 4)
    assert choice.hours == 5 + 2 * 10


def test_no_resources_at_all():
    choice = choose_activities(skill(), 0, 3, 7.5)
    assert choice.activities == ()
    assert choice.uncovered == (0, 3)
    assert choice.hours == 22.5


def test_choice_is_deterministic_on_ties():
    s = skill(res("B", "formal", 2, 0, 1), res("A", "formal", 2, 0, 1))
    assert titles(choose_activities(s, 0, 1, 10.0)) == ["A"]


@pytest.mark.slow
def test_many_candidates_still_cover_everything():
    kinds = ("formal", "social", "experience")
    resources = [res(f"R{i:02d}", kinds[i % 3], 1 + i, i % 5, i % 5 + 1) for i in range(20)]
    choice = choose_activities(skill(*resources), 0, 5, 10.0)
    assert choice.uncovered is None


# --- schedule --------------------------------------------------------------------------------------


def test_steps_are_laid_end_to_end():
    slots = schedule([13, 52], 4, MONDAY)
    assert [(s.first_week, s.last_week) for s in slots] == [(1, 4), (4, 17)]
    assert (slots[0].start, slots[0].end) == (date(2026, 11, 23), date(2026, 12, 18))
    assert (slots[1].start, slots[1].end) == (date(2026, 12, 14), date(2027, 3, 19))


def test_a_step_filling_its_week_exactly_ends_there():
    slots = schedule([4, 4, 2, 2], 4, MONDAY)
    assert [(s.first_week, s.last_week) for s in slots] == [(1, 1), (2, 2), (3, 3), (3, 3)]
    assert slots[0].end == date(2026, 11, 27)  # the Friday


def test_budget_is_never_exceeded_with_fractions():
    hours = [0.3, 1.7, 2.25, 0.1, 5.05, 3.333]
    budget = 1.5
    slots = schedule(hours, budget, MONDAY)
    load: dict[int, int] = {}
    used = 0
    for h, slot in zip(hours, slots, strict=True):
        minutes = round(h * 60)
        for minute in range(used, used + minutes):
            load[minute // 90 + 1] = load.get(minute // 90 + 1, 0) + 1
        assert slot.first_week == used // 90 + 1
        used += minutes
        assert slot.last_week == (used - 1) // 90 + 1
    assert max(load.values()) <= budget * 60


def test_start_dates_follow_the_weeks():
    for slot in schedule([3, 7, 11, 0.5], 2.5, MONDAY):
        assert slot.start == MONDAY + timedelta(weeks=slot.first_week - 1)
        assert slot.end == MONDAY + timedelta(weeks=slot.last_week - 1, days=4)
        assert slot.start.weekday() == 0 and slot.end.weekday() == 4


def test_tiny_step_takes_a_minute_not_nothing():
    slots = schedule([0.0, 0.001], 1, MONDAY)
    assert [(s.first_week, s.last_week) for s in slots] == [(1, 1), (1, 1)]


def test_zero_budget_is_refused():
    with pytest.raises(ValueError):
        schedule([1], 0, MONDAY)
    with pytest.raises(ValueError):
        schedule([1], 0.001, MONDAY)  # rounds to no minutes


def test_weeks_until():
    assert weeks_until(MONDAY, date(2026, 11, 26)) == 0  # Thursday: week 1 ends Friday
    assert weeks_until(MONDAY, date(2026, 11, 27)) == 1
    assert weeks_until(MONDAY, date(2026, 12, 3)) == 1
    assert weeks_until(MONDAY, date(2026, 12, 4)) == 2
    assert weeks_until(MONDAY, date(2027, 6, 30)) == 31
    assert weeks_until(MONDAY, date(2026, 1, 1)) == 0


def test_needed_hours_per_week_rounds_up_to_the_half_hour():
    assert needed_hours_per_week(128, MONDAY, date(2027, 6, 30)) == 4.5  # 128 / 31 = 4.13
    assert needed_hours_per_week(62, MONDAY, date(2027, 6, 30)) == 2.0  # exactly 2
    assert needed_hours_per_week(10, MONDAY, date(2026, 11, 27)) == 10
    assert needed_hours_per_week(10, MONDAY, date(2026, 11, 25)) is None


@pytest.mark.parametrize(
    "today,monday",
    [
        (date(2026, 11, 21), date(2026, 11, 23)),  # Saturday
        (date(2026, 11, 22), date(2026, 11, 23)),  # Sunday
        (date(2026, 11, 23), date(2026, 11, 30)),  # a Monday: the next one, not today
        (date(2026, 11, 27), date(2026, 11, 30)),  # Friday
        (date(2026, 12, 31), date(2027, 1, 4)),  # across the year
    ],
)
def test_next_monday(today, monday):
    assert next_monday(today) == monday


# --- build_plan on the TINY catalog (conftest.py) ------------------------------------------------

LEVELS = {"top": 1, "mid": 1, "side": 2}


def make(levels=None, targets=None, hours=None, deadline=None) -> Profile:
    levels = LEVELS if levels is None else levels
    return Profile(
        employee=Employee(id="E1", name="Test Person", target_role="r", hours_per_week=hours, deadline=deadline),
        skills={s: Assessment(s, level) for s, level in levels.items()},
        targets=dict(targets or {}),
    )


def steps_of(plan):
    return [(s.skill, s.from_level, s.to_level, s.hours, s.first_week, s.last_week, s.start, s.end) for s in plan.steps]


def test_plan_by_hand(tiny):
    plan = build_plan(make(hours=5), tiny, Options(start=MONDAY))
    # base 0->2: book + circle (10 h); mid 1->3: course (10 h); top 1->4: intro + 2 uncovered levels
    # x 10 h (25 h); extra 0->1: video (2 h). 5 h/week = 300 minutes a week.
    assert steps_of(plan) == [
        ("base", 0, 2, 10, 1, 2, date(2026, 11, 23), date(2026, 12, 4)),
        ("mid", 1, 3, 10, 3, 4, date(2026, 12, 7), date(2026, 12, 18)),
        ("top", 1, 4, 25, 5, 9, date(2026, 12, 21), date(2027, 1, 22)),
        ("extra", 0, 1, 2, 10, 10, date(2027, 1, 25), date(2027, 1, 29)),
    ]
    assert [s.number for s in plan.steps] == [1, 2, 3, 4]
    assert plan.steps[2].uncovered == (2, 4)
    assert plan.steps[0].prerequisite_for == ("mid",)
    assert plan.steps[1].prerequisite_for == ("top",)
    summary = plan.summary
    assert (summary.total_hours, summary.weeks, summary.hours_per_week) == (47, 10, 5)
    assert (summary.start, summary.completion, summary.deadline) == (MONDAY, date(2027, 1, 29), None)
    assert (summary.late_steps, summary.needed_hours_per_week) == (0, None)
    assert plan.met == ("side",)
    assert [s.id for s in plan.sources] == ["s1"]


def test_deadline_flags_late_steps_and_the_pace_needed(tiny):
    plan = build_plan(make(hours=5, deadline=date(2027, 1, 22)), tiny, Options(start=MONDAY))
    assert [s.late for s in plan.steps] == [False, False, False, True]
    assert plan.summary.late_steps == 1
    assert plan.summary.deadline == date(2027, 1, 22)
    assert plan.summary.needed_hours_per_week == 5.5  # 47 h over the 9 weeks ending by the deadline


def test_option_deadline_and_hours_override_the_profile(tiny):
    plan = build_plan(
        make(hours=5, deadline=date(2030, 1, 1)),
        tiny,
        Options(start=MONDAY, deadline=date(2026, 12, 18), hours_per_week=10),
    )
    assert plan.summary.hours_per_week == 10
    assert [s.late for s in plan.steps] == [False, False, True, True]


def test_deadline_before_the_first_friday_has_no_pace(tiny):
    plan = build_plan(make(hours=5), tiny, Options(start=MONDAY, deadline=MONDAY))
    assert plan.summary.late_steps == 4
    assert plan.summary.needed_hours_per_week is None


def test_catalog_hours_per_week_is_the_fallback(tiny):
    assert build_plan(make(), tiny, Options(start=MONDAY)).summary.hours_per_week == tiny.hours_per_week


def test_top_keeps_the_prerequisites(tiny):
    plan = build_plan(make(hours=5), tiny, Options(start=MONDAY, top=1))
    assert [s.skill for s in plan.steps] == ["base", "mid", "top"]
    assert [g.skill for g in plan.gaps] == ["top", "mid", "base"]
    plan = build_plan(make(hours=5), tiny, Options(start=MONDAY, top=100))
    assert len(plan.steps) == 4


def test_met_skills_are_never_planned(tiny):
    plan = build_plan(make({"top": 4, "side": 3, "extra": 1}), tiny, Options(start=MONDAY))
    assert plan.steps == () and plan.gaps == ()
    assert plan.met == ("extra", "side", "top")
    assert plan.summary.total_hours == 0 and plan.summary.completion is None and plan.summary.weeks == 0


def test_unassessed_skill_is_level_zero(tiny):
    plan = build_plan(make({}), tiny, Options(start=MONDAY))
    assert {s.skill: s.from_level for s in plan.steps} == {"base": 0, "mid": 0, "top": 0, "side": 0, "extra": 0}


def test_prerequisite_below_its_level_becomes_a_step(tiny):
    plan = build_plan(make({"top": 1, "mid": 3, "side": 2, "base": 0}), tiny, Options(start=MONDAY))
    assert "mid" not in [s.skill for s in plan.steps]
    assert "base" not in [s.skill for s in plan.steps]  # mid is already at 3: no need for base
    plan = build_plan(make({"top": 1, "mid": 2, "side": 2, "base": 1}), tiny, Options(start=MONDAY))
    assert [(s.skill, s.from_level, s.to_level) for s in plan.steps][:2] == [("base", 1, 2), ("mid", 2, 3)]


def test_personal_target_below_the_role_is_not_met(tiny):
    plan = build_plan(make({"top": 1, "side": 2, "extra": 1}, targets={"side": 1}), tiny, Options(start=MONDAY))
    assert "side" not in plan.met  # a personal target replaced the role's requirement


def test_weights_option_changes_priorities(tiny):
    plan = build_plan(make(), tiny, Options(start=MONDAY, weights=Weights(gap=0, demand=0, unlocks=0)))
    assert {g.priority for g in plan.gaps} == {0}
    assert plan.weights == Weights(gap=0, demand=0, unlocks=0)


def test_unknown_target_role_is_an_upskill_error(tiny):
    from upskill.errors import UpskillError

    profile = make()
    profile = Profile(employee=Employee(id="E1", name="X", target_role="rr"), skills=profile.skills, targets={})
    with pytest.raises(UpskillError, match="unknown target role 'rr'"):
        build_plan(profile, tiny, Options(start=MONDAY))


def test_a_met_requirement_raised_by_a_prerequisite_is_not_reported_as_met(catalog):
    """AI modelling meets the chatbot role's level 2, but deep learning (a personal target) needs it at 3:
    the plan trains it, so it must not also say it is already at target."""
    profile = Profile(
        employee=Employee(id="E1", name="T", target_role="ai-chatbot-developer"),
        skills={"ai-modelling": Assessment("ai-modelling", 2)},
        targets={"deep-learning": 1},
    )
    plan = build_plan(profile, catalog, Options(start=MONDAY))
    assert "ai-modelling" in [s.skill for s in plan.steps]
    assert "ai-modelling" not in plan.met
