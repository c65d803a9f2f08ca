"""upskill.planning.schedule (activities and weeks) and upskill.planning.plan.build_plan (the whole plan), with dates
computed by hand. Week 1 starts on Monday 2026-11-23; a step ends on the Friday of its last week."""

from __future__ import annotations

from datetime import date

import pytest

from upskill.model import Assessment, Employee, Profile, Resource, Skill, Weights
from upskill.planning.plan import Options, build_plan
from upskill.planning.schedule import choose_activities, next_monday, weeks_until
from upskill.planning.tracks import Work, lay_out

MONDAY = date(2026, 11, 23)


def res(title, kind, hours, low, high):
    return Resource(title=title, kind=kind, hours=hours, from_level=low, to_level=high)


def skill(*resources):
    return Skill(id="s", name="S", resources=tuple(resources))


def titles(choice):
    return sorted(r.title for r in choice.activities)


# --- choose_activities ---------------------------------------------------------------------------


def test_takes_the_fewest_hours_with_an_on_the_job_activity_reaching_the_target():
    s = skill(
        res("F", "formal", 2, 0, 2),
        res("S", "social", 10, 0, 2),
        res("E", "experience", 30, 0, 2),
        res("E dear", "experience", 40, 0, 2),
    )
    choice = choose_activities(s, 0, 2, 10.0)
    assert titles(choice) == ["E"]  # E alone covers both levels; adding F or S only adds hours
    assert choice.hours == 30
    assert choice.uncovered is None


def test_without_an_on_the_job_activity_takes_the_fewest_hours():
    s = skill(
        res("F", "formal", 2, 0, 2),
        res("F cheap", "formal", 1, 0, 2),
        res("S", "social", 10, 0, 2),
    )
    assert titles(choose_activities(s, 0, 2, 10.0)) == ["F cheap"]


def test_an_on_the_job_activity_below_the_target_is_not_required():
    s = skill(res("E low", "experience", 20, 0, 1), res("F", "formal", 3, 0, 3))
    assert titles(choose_activities(s, 0, 3, 10.0)) == ["F"]


def test_coverage_comes_before_everything():
    s = skill(
        res("A", "formal", 1, 0, 1),
        res("B", "experience", 1, 1, 2),
        res("C", "formal", 50, 0, 2),
        res("Cheap but short", "social", 1, 0, 1),
    )
    choice = choose_activities(s, 0, 2, 10.0)
    assert choice.uncovered is None
    assert titles(choice) == ["A", "B"]  # 2 h, with the on-the-job activity reaching the target


def test_resources_planned_for_another_skill_are_not_chosen_again():
    s = skill(res("Shared", "formal", 1, 0, 2), res("Own", "formal", 5, 0, 2))
    assert titles(choose_activities(s, 0, 2, 10.0)) == ["Shared"]
    assert titles(choose_activities(s, 0, 2, 10.0, frozenset({"Shared"}))) == ["Own"]


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
    plan = choose_activities(s, 0, 3, 10.0)
    assert [r.title for r in plan.activities] == ["F", "E2"]  # formal first, then the job
    s = skill(res("E", "experience", 3, 0, 1), res("S", "social", 1, 0, 1), res("F", "formal", 1, 0, 1))
    by_kind = sorted(s.resources, key=lambda r: (r.from_level, -("experience", "social", "formal").index(r.kind)))
    assert [r.title for r in by_kind] == ["F", "S", "E"]


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


# --- tracks: the week-by-week layout -------------------------------------------------------------


def test_steps_run_side_by_side_and_share_the_budget():
    # two independent steps of 4 h and 2 h on 2 h/week with two tracks: 1 h each a week, then all to the first
    placed = lay_out([Work(240, 1, ()), Work(120, 1, ())], 120, 2)
    assert [(p.track, p.first_week, p.last_week) for p in placed.placed] == [(1, 1, 3), (2, 1, 2)]
    assert placed.load == (120, 120, 120)


def test_one_track_runs_steps_end_to_end():
    placed = lay_out([Work(240, 1, ()), Work(120, 1, ())], 120, 1)
    assert [(p.first_week, p.last_week) for p in placed.placed] == [(1, 2), (3, 3)]


def test_a_step_waits_for_its_prerequisite_to_end_and_a_ready_one_goes_ahead():
    placed = lay_out([Work(240, 1, ()), Work(60, 1, (0,)), Work(60, 1, ())], 120, 2)
    first, dependent, other = placed.placed
    assert (first.first_week, first.last_week) == (1, 3)
    assert dependent.first_week == first.last_week + 1
    assert other.first_week == 1  # the blocked step does not hold the free track


def test_a_calendar_bound_step_keeps_its_cadence():
    # 6 h over at least 12 weeks: 30 minutes a week, not squeezed into 2 weeks of a 4 h budget
    placed = lay_out([Work(360, 12, ()), Work(600, 1, ())], 240, 2)
    cadenced, course = placed.placed
    assert (cadenced.first_week, cadenced.last_week) == (1, 12)
    assert course.last_week == 3  # the course takes what the cadence leaves: 210 min a week
    assert max(placed.load) <= 240


def test_a_step_whose_minutes_are_done_still_runs_its_span():
    placed = lay_out([Work(10, 6, ())], 600, 1)
    assert (placed.placed[0].first_week, placed.placed[0].last_week) == (1, 6)


@pytest.mark.parametrize("budget", [1, 7, 90, 241])
@pytest.mark.parametrize("parallel", [1, 2, 3])
def test_the_weekly_budget_always_holds(budget, parallel):
    work = [Work(m, w, a) for m, w, a in [(18, 1, ()), (102, 3, ()), (135, 1, (0,)), (6, 12, ()), (303, 2, (1, 2))]]
    placed = lay_out(work, budget, parallel)
    assert max(placed.load) <= budget
    assert sum(placed.load) == sum(w.minutes for w in work)
    for w, p in zip(work, placed.placed, strict=True):
        assert p.last_week - p.first_week + 1 >= w.weeks
        assert all(placed.placed[a].last_week < p.first_week for a in w.after)


def test_zero_budget_is_refused():
    with pytest.raises(ValueError):
        lay_out([Work(1, 1, ())], 0, 1)


def test_weeks_until():
    assert weeks_until(MONDAY, date(2026, 11, 26)) == 0  # Thursday: week 1 ends Friday
    assert weeks_until(MONDAY, date(2026, 11, 27)) == 1
    assert weeks_until(MONDAY, date(2026, 12, 3)) == 1
    assert weeks_until(MONDAY, date(2026, 12, 4)) == 2
    assert weeks_until(MONDAY, date(2027, 6, 30)) == 31
    assert weeks_until(MONDAY, date(2026, 1, 1)) == 0


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


@pytest.fixture(scope="module")
def tiny(tiny):
    """The tiny catalog with a cycle of 3 levels: the hand-worked layouts below keep Top 1 -> 4 in
    one plan (tests/planning/test_cycle.py tests the default cycle of 2)."""
    return tiny._replace(planning=tiny.planning._replace(max_levels_per_cycle=3))


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
    # Learning order: base (prerequisite of mid), mid, top, extra; base and extra are not assessed,
    # so each starts with a 1 h assessment. base 0->2: assess + circle (5 h); extra 0->1: assess +
    # video (3 h); mid 1->3: course (10 h); top 1->4: intro + 2 uncovered levels x 10 h (25 h).
    # 5 h/week = 300 minutes, two tracks: base and extra share weeks 1-2 (150 + 150, then 150 + 30);
    # mid waits for base and runs weeks 3-4 alone; top waits for mid: 1,500 minutes, weeks 5-9.
    assert steps_of(plan) == [
        ("base", 0, 2, 5, 1, 2, date(2026, 11, 23), date(2026, 12, 4)),
        ("extra", 0, 1, 3, 1, 2, date(2026, 11, 23), date(2026, 12, 4)),
        ("mid", 1, 3, 10, 3, 4, date(2026, 12, 7), date(2026, 12, 18)),
        ("top", 1, 4, 25, 5, 9, date(2026, 12, 21), date(2027, 1, 22)),
    ]
    assert [s.track for s in plan.steps] == [1, 2, 1, 1]
    assert [s.number for s in plan.steps] == [1, 2, 3, 4]
    assert plan.steps[0].activities[0].title == "Assess current level: Base"
    assert plan.steps[3].uncovered == (2, 4)
    assert plan.steps[0].prerequisite_for == ("mid",)
    assert plan.steps[2].prerequisite_for == ("top",)
    summary = plan.summary
    assert (summary.total_hours, summary.weeks, summary.hours_per_week, summary.parallel) == (43, 9, 5, 2)
    assert (summary.start, summary.completion, summary.deadline) == (MONDAY, date(2027, 1, 22), None)
    assert (summary.late_steps, summary.needed_hours_per_week) == (0, None)
    assert plan.met == ("side",)
    assert [s.id for s in plan.sources] == ["s1"]
    # a check-in every 4 weeks, and one when the plan ends; week 8's moves to the end, a week later
    assert [(c.week, c.ended, c.running) for c in plan.checkins] == [(4, (1, 2, 3), ()), (9, (4,), ())]


def test_on_the_job_hours_count_in_part_and_run_in_calendar_time(tiny):
    # base 2->4 (a personal target): only the 20 h project reaches level 4. 25% of it (5 h) is learning
    # time, and it runs at least 6 weeks (the catalog's experience_weeks). The budget has room, so the
    # 4 h Base circle (learning from others) is added beside it: 5 + 4 h charged, 24 h of activities.
    plan = build_plan(
        make({"base": 2, "top": 4, "side": 2, "extra": 1}, targets={"base": 4}), tiny, Options(start=MONDAY)
    )
    (step,) = plan.steps
    assert [r.title for r in step.activities] == ["Base circle", "Base project"]
    assert (step.hours, step.activity_hours) == (9, 24)
    assert (step.first_week, step.last_week) == (1, 6)
    assert plan.summary.mix == (0.83, 0.17, 0.0)


def test_deadline_flags_late_steps_and_the_pace_needed(tiny):
    plan = build_plan(make(hours=5, deadline=date(2027, 1, 15)), tiny, Options(start=MONDAY))
    assert [s.late for s in plan.steps] == [False, False, False, True]
    assert plan.summary.late_steps == 1
    assert plan.summary.deadline == date(2027, 1, 15)
    # by the Friday of week 8, along the chain base -> mid -> top (40 h): at 6.5 h/week base ends in
    # week 2, mid in week 4, top (1,500 minutes at 390 a week) in week 8; at 6 h top ends in week 9
    assert plan.summary.needed_hours_per_week == 6.5
    faster = build_plan(make(hours=6.5, deadline=date(2027, 1, 15)), tiny, Options(start=MONDAY))
    assert faster.summary.late_steps == 0


def test_a_slip_under_two_weeks_is_noted_not_bridged(tiny):
    plan = build_plan(make(hours=5, deadline=date(2027, 1, 15)), tiny, Options(start=MONDAY))
    assert plan.bridges == ()  # top ends 7 days late
    assert any("7 days after the deadline" in w for w in plan.warnings)


def test_option_deadline_and_hours_override_the_profile(tiny):
    plan = build_plan(
        make(hours=5, deadline=date(2030, 1, 1)),
        tiny,
        Options(start=MONDAY, deadline=date(2026, 11, 27), hours_per_week=10),
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
    steps = [(s.skill, s.from_level, s.to_level) for s in plan.steps]
    assert steps.index(("base", 1, 2)) < steps.index(("mid", 2, 3))


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
