"""Properties that hold for any profile against the bundled catalog (Hypothesis).

Profiles are random: a subset of the skills at random levels, a random target role, random
weekly hours, optional personal targets, deadline, --top and priority weights.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.helpers import changed
from upskill.model import Assessment, Catalog, Demand, Employee, Profile, Requirement, Resource, Skill, Weights
from upskill.planning import tracks
from upskill.planning.gaps import find_gaps
from upskill.planning.plan import Options, build_plan, span_weeks
from upskill.planning.schedule import choose_activities
from upskill.planning.tracks import Work, lay_out
from upskill.render.json import render_json

START = date(2026, 11, 23)
LEVELS = st.integers(min_value=0, max_value=5)
WEIGHT = st.floats(min_value=0, max_value=10, allow_nan=False, allow_infinity=False)


class Bundled:
    """The bundled catalog, with a short repr so Hypothesis' reports stay readable."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def __repr__(self) -> str:
        return "<bundled catalog>"


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


@st.composite
def profiles(draw, bundled: Bundled) -> Profile:
    catalog = bundled.catalog
    skill_ids = sorted(catalog.skills)
    assessed = draw(st.dictionaries(st.sampled_from(skill_ids), LEVELS, max_size=len(skill_ids)))
    targets = draw(st.one_of(st.just({}), st.dictionaries(st.sampled_from(skill_ids), LEVELS, max_size=4)))
    employee = Employee(
        id="P1",
        name="Prop Person",
        target_role=draw(st.sampled_from(sorted(catalog.roles))),
        hours_per_week=draw(st.floats(min_value=0.5, max_value=20, allow_nan=False)),
        deadline=draw(st.one_of(st.none(), st.dates(min_value=START, max_value=date(2030, 12, 31)))),
    )
    return Profile(
        employee=employee, skills={s: Assessment(s, level) for s, level in assessed.items()}, targets=targets
    )


@st.composite
def plan_options(draw) -> Options:
    weights = draw(st.one_of(st.none(), st.builds(Weights, gap=WEIGHT, demand=WEIGHT, unlocks=WEIGHT)))
    return Options(
        start=START,
        top=draw(st.one_of(st.none(), st.integers(min_value=1, max_value=8))),
        weights=weights,
        parallel=draw(st.one_of(st.none(), st.integers(min_value=1, max_value=4))),
    )


def draw_plan(bundled, data):
    profile = data.draw(profiles(bundled), label="profile")
    options = data.draw(plan_options(), label="options")
    return profile, options, build_plan(profile, bundled.catalog, options)


# --- the schedule ------------------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_tracks_spans_and_prerequisites_hold_in_every_plan(bundled, data):
    """Read off the plan alone: never more than `parallel` steps in a week, no step shorter than
    its calendar-bound activities, prerequisites end before their dependents start, and no step
    charges more minutes than its weeks can hold."""
    _, _, plan = draw_plan(bundled, data)
    # The fewest weeks depend on the plan's own `parallel`: on-the-job work gets the job-hours cap
    # divided among the tracks, so one track lets an activity run in fewer weeks than the catalog's two
    planning = bundled.catalog.planning._replace(parallel=plan.summary.parallel)
    budget = round(plan.summary.hours_per_week * 60)
    weeks = plan.summary.weeks
    for week in range(1, weeks + 1):
        running = [s for s in plan.steps if s.first_week <= week <= s.last_week]
        assert len(running) <= plan.summary.parallel
        assert len({s.track for s in running}) == len(running)  # one step per track
    by_skill = {s.skill: s for s in plan.steps}
    for step in plan.steps:
        length = step.last_week - step.first_week + 1
        assert length >= span_weeks(step.activities, planning)
        assert round(step.hours * 60) <= budget * length
        for dependent in step.prerequisite_for:
            assert by_skill[dependent].first_week > step.last_week
        assert step.start == START + timedelta(weeks=step.first_week - 1)
        assert step.end == START + timedelta(weeks=step.last_week - 1, days=4)
    assert plan.summary.weeks == max((s.last_week for s in plan.steps), default=0)
    assert abs(plan.summary.total_hours - sum(s.hours for s in plan.steps)) < 0.01


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_no_week_is_over_budget(bundled, data):
    """The plan's own steps, laid out again week by week: each week holds at most the budget, in minutes."""
    _, _, plan = draw_plan(bundled, data)
    planning = bundled.catalog.planning._replace(parallel=plan.summary.parallel)  # as in the test above
    number = {s.skill: i for i, s in enumerate(plan.steps)}
    work = [
        Work(
            max(1, round(s.hours * 60)),
            span_weeks(s.activities, planning),
            tuple(sorted(number[p.skill] for p in plan.steps if s.skill in p.prerequisite_for)),
        )
        for s in plan.steps
    ]
    if not work:
        return
    timeline = lay_out(work, round(plan.summary.hours_per_week * 60), plan.summary.parallel)
    assert max(timeline.load) <= round(plan.summary.hours_per_week * 60)
    assert sum(timeline.load) == sum(w.minutes for w in work)


@st.composite
def works(draw) -> list[Work]:
    count = draw(st.integers(min_value=0, max_value=10))
    out = []
    for i in range(count):
        after = draw(st.lists(st.integers(min_value=0, max_value=max(0, i - 1)), max_size=2, unique=True)) if i else []
        out.append(Work(draw(st.integers(1, 20_000)), draw(st.integers(1, 30)), tuple(sorted(after))))
    return out


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(work=works(), budget=st.integers(min_value=60, max_value=4800), parallel=st.integers(min_value=1, max_value=4))
def test_lay_out_keeps_every_rule(work, budget, parallel):
    timeline = lay_out(work, budget, parallel)
    assert all(minutes <= budget for minutes in timeline.load)
    assert sum(timeline.load) == sum(w.minutes for w in work)
    for w, p in zip(work, timeline.placed, strict=True):
        assert p.last_week - p.first_week + 1 >= w.weeks
        assert all(timeline.placed[a].last_week < p.first_week for a in w.after)
    for week in range(1, len(timeline.load) + 1):
        running = [p for p in timeline.placed if p.first_week <= week <= p.last_week]
        assert len(running) <= parallel
        # a free track never idles while a step is ready
        ready = [
            i
            for i, (w, p) in enumerate(zip(work, timeline.placed, strict=True))
            if p.first_week > week and all(timeline.placed[a].last_week < week for a in w.after)
        ]
        assert not ready or len(running) == parallel


# --- what gets planned ------------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_prerequisites_come_before_their_dependents(bundled, data):
    catalog = bundled.catalog
    profile, _, plan = draw_plan(bundled, data)
    planned = {s.skill: s for s in plan.steps}
    for step in plan.steps:
        for prerequisite in catalog.skills[step.skill].prerequisites:
            if profile.level(prerequisite.skill) >= prerequisite.level:
                continue
            if prerequisite.skill not in profile.skills and profile.level(step.skill) >= prerequisite.level:
                continue  # not assessed, but shown by holding the dependent skill at that level (docs/planning.md)
            assert prerequisite.skill in planned, (step.skill, prerequisite)
            earlier = planned[prerequisite.skill]
            assert earlier.number < step.number
            assert earlier.to_level >= prerequisite.level
            assert earlier.last_week < step.first_week


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_met_skills_are_never_planned(bundled, data):
    catalog = bundled.catalog
    profile, _, plan = draw_plan(bundled, data)
    planned = {s.skill for s in plan.steps}
    assert not planned & set(plan.met)
    role = catalog.roles[profile.employee.target_role]
    for requirement in role.requires:
        if requirement.skill in plan.met:
            assert profile.level(requirement.skill) >= requirement.level
    for step in plan.steps:
        assert step.from_level == profile.level(step.skill)
        assert step.to_level > step.from_level


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_every_step_reaches_its_gap_target_within_the_cycle(bundled, data):
    _, options, plan = draw_plan(bundled, data)
    gaps = {g.skill: g for g in plan.gaps}
    later = {x.skill: x for x in plan.later}
    # one step per gap, or its levels all in the next cycle
    assert sorted(gaps) == sorted({*(s.skill for s in plan.steps), *later})
    most = bundled.catalog.planning.max_levels_per_cycle
    for step in plan.steps:
        gap = gaps[step.skill]
        assert (step.from_level, step.to_level) == (gap.current, min(gap.target, gap.current + most))
        if step.to_level < gap.target:  # the rest is the next cycle
            assert (later[step.skill].from_level, later[step.skill].to_level) == (step.to_level, gap.target)
        covered = {level for r in step.activities for level in range(r.from_level, r.to_level)}
        missing = set(range(step.from_level, step.to_level)) - covered
        if step.uncovered is None:
            assert not missing
        else:
            assert missing and min(missing) == step.uncovered[0] and max(missing) + 1 == step.uncovered[1]
    if options.top is not None:
        assert len(plan.gaps) >= min(options.top, len(plan.gaps))


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_same_inputs_same_json(bundled, data):
    catalog = bundled.catalog
    profile, options, plan = draw_plan(bundled, data)
    first = render_json(plan)
    choose_activities.cache_clear()  # the second plan computes everything afresh
    assert render_json(build_plan(profile, catalog, options)) == first


# --- priorities --------------------------------------------------------------------------------------


@st.composite
def priority_cases(draw, bundled: Bundled):
    """A profile, a role whose requirement weights are random (0.5..3), and weights."""
    catalog = bundled.catalog
    profile = draw(profiles(bundled))
    role = catalog.roles[profile.employee.target_role]
    weights = tuple(draw(st.floats(min_value=0.5, max_value=3, allow_nan=False)) for _ in role.requires)
    role = changed(role, requires=tuple(changed(r, weight=w) for r, w in zip(role.requires, weights, strict=True)))
    return profile, role, draw(st.builds(Weights, gap=WEIGHT, demand=WEIGHT, unlocks=WEIGHT))


def priority_of(skill, profile, role, catalog, weights):
    return {g.skill: g.priority for g in find_gaps(profile, role, catalog, weights)}.get(skill)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_raising_a_target_never_lowers_its_priority(bundled, data):
    catalog = bundled.catalog
    profile, role, weights = data.draw(priority_cases(bundled))
    gaps = find_gaps(profile, role, catalog, weights)
    in_role = [g for g in gaps if any(r.skill == g.skill for r in role.requires)]
    assume(in_role)
    gap = data.draw(st.sampled_from(in_role))
    index = next(i for i, r in enumerate(role.requires) if r.skill == gap.skill)
    requirement = role.requires[index]
    assume(requirement.level < catalog.scale.max_level)
    higher = data.draw(st.integers(min_value=requirement.level + 1, max_value=catalog.scale.max_level))
    raised = changed(
        role, requires=(*role.requires[:index], changed(requirement, level=higher), *role.requires[index + 1 :])
    )
    after = priority_of(gap.skill, profile, raised, catalog, weights)
    assert after is not None and after >= gap.priority


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_raising_a_role_weight_never_lowers_its_priority(bundled, data):
    catalog = bundled.catalog
    profile, role, weights = data.draw(priority_cases(bundled))
    index = data.draw(st.integers(min_value=0, max_value=len(role.requires) - 1))
    requirement = role.requires[index]
    before = priority_of(requirement.skill, profile, role, catalog, weights)
    assume(before is not None)
    heavier = changed(requirement, weight=requirement.weight + data.draw(st.floats(min_value=0.01, max_value=5)))
    raised = changed(role, requires=(*role.requires[:index], heavier, *role.requires[index + 1 :]))
    after = priority_of(requirement.skill, profile, raised, catalog, weights)
    assert after is not None and after >= before


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_raising_demand_never_lowers_its_priority(bundled, data):
    catalog = bundled.catalog
    profile, role, weights = data.draw(priority_cases(bundled))
    gaps = find_gaps(profile, role, catalog, weights)
    assume(gaps)
    gap = data.draw(st.sampled_from(gaps))
    skill = catalog.skills[gap.skill]
    old = skill.demand or Demand(0.0)
    new_score = data.draw(st.floats(min_value=old.score, max_value=1.0))
    richer = changed(catalog, skills={**catalog.skills, skill.id: changed(skill, demand=changed(old, score=new_score))})
    after = priority_of(gap.skill, profile, role, richer, weights)
    assert after is not None and after >= gap.priority


def test_met_role_requirement_keeps_its_weight_when_it_becomes_a_prerequisite(catalog):
    """A case the property above can reach but rarely draws: ai-modelling is met at the role's level 2
    (weight 0.5) but needed at 3 to learn deep learning. Raising the role's level to 3 used to drop its
    weight from 1 (a bare prerequisite) to 0.5 and halve its priority."""
    role = catalog.roles["data-quality-analyst"]
    reweighed = changed(
        role, requires=tuple(changed(r, weight=0.5) if r.skill == "ai-modelling" else r for r in role.requires)
    )
    profile = Profile(
        employee=Employee(id="P1", name="P", target_role=role.id),
        skills={"ai-modelling": Assessment("ai-modelling", 2)},
        targets={"deep-learning": 4},
    )
    weights = Weights()
    before = priority_of("ai-modelling", profile, reweighed, catalog, weights)
    raised = changed(
        reweighed,
        requires=tuple(
            Requirement(r.skill, 3, r.weight) if r.skill == "ai-modelling" else r for r in reweighed.requires
        ),
    )
    after = priority_of("ai-modelling", profile, raised, catalog, weights)
    assert before is not None and after is not None
    assert after >= before


# --- plan quality: activities and advice ------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_no_resource_twice_and_every_band_covered_or_marked(bundled, data):
    _, _, plan = draw_plan(bundled, data)
    titles = [r.title for s in plan.steps for r in s.activities if r.format != "assessment"]
    assert len(titles) == len(set(titles))
    for step in plan.steps:
        covered = {n for r in step.activities for n in range(r.from_level, r.to_level)}
        marked = set(range(*step.uncovered)) if step.uncovered else set()
        assert set(range(step.from_level, step.to_level)) <= covered | marked


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_advice_fits_the_skill_and_the_calendar(bundled, data):
    _, _, plan = draw_plan(bundled, data)
    catalog = bundled.catalog
    planning = catalog.planning
    for bridge in plan.bridges:
        step = plan.steps[bridge.step - 1]
        assert step.late and (step.end - plan.summary.deadline).days >= planning.slip_weeks * 7
        assert bridge.kind == planning.bridge_kind(catalog.skills[bridge.skill].category)
        if catalog.skills[bridge.skill].category == "soft-skill":
            assert bridge.kind == "manager"
    needed = plan.summary.needed_hours_per_week
    assert needed is None or needed <= planning.max_hours_per_week
    assert all(step.done_when for step in plan.steps)


RESOURCES = st.lists(
    st.builds(
        lambda kind, hours, low, span: Resource(f"{kind}-{hours}-{low}-{span}", kind, hours, low, min(5, low + span)),
        st.sampled_from(("experience", "social", "formal")),
        st.integers(min_value=1, max_value=60),
        st.integers(min_value=0, max_value=4),
        st.integers(min_value=1, max_value=3),
    ),
    max_size=7,
    unique_by=lambda r: r.title,
)


@settings(max_examples=300, deadline=None)
@given(resources=RESOURCES, target=st.integers(min_value=1, max_value=5))
@pytest.mark.slow
def test_being_closer_to_the_target_never_takes_more_hours(resources, target):
    skill = Skill(id="s", name="S", resources=tuple(resources))
    hours = [choose_activities(skill, current, target, 10.0).hours for current in range(target)]
    assert hours == sorted(hours, reverse=True), hours


def test_being_closer_never_takes_more_hours_in_the_bundled_catalog(catalog):
    for skill in catalog.skills.values():
        for target in range(1, catalog.scale.max_level + 1):
            hours = [choose_activities(skill, c, target, catalog.hours_per_level).hours for c in range(target)]
            assert hours == sorted(hours, reverse=True), (skill.id, target, hours)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(work=works(), budget=st.integers(min_value=60, max_value=4800), parallel=st.integers(min_value=1, max_value=4))
def test_skipping_steady_weeks_changes_nothing(work, budget, parallel):
    """lay_out skips runs of identical weeks arithmetically: week by week gives the same timeline."""
    fast = lay_out(work, budget, parallel)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tracks, "_skip_steady_weeks", lambda *args: [])
        slow = lay_out(work, budget, parallel)
    assert fast == slow


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_plan_without_advice_has_the_same_schedule(bundled, data):
    """`upskill team` plans with advice=False: the same gaps, steps and summary, only no advice and
    none of what only the plan's text shows (each step's "done when", the mix, the order reason)."""
    profile, options, plan = draw_plan(bundled, data)
    bare = build_plan(profile, bundled.catalog, options, advice=False)
    assert bare.steps == tuple(s._replace(done_when="") for s in plan.steps) and bare.gaps == plan.gaps
    assert bare.summary == plan.summary._replace(
        needed_hours_per_week=None, length_reason="", mix=(0.0, 0.0, 0.0), order_reason=""
    )
    assert bare.checkins == bare.warnings == bare.bridges == bare.met == bare.sources == ()


def test_one_track_lets_on_the_job_work_run_in_fewer_weeks(bundled):
    """Found by a newer Hypothesis (`make test-latest`): with `parallel=1` a data-annotation step
    ran 16 weeks where the catalog's `parallel=2` would need 17; the check now uses the plan's own."""
    skills = {s: Assessment(skill=s, level=0) for s in ("collaboration", "communication", "ai-output-oversight")}
    skills["data-annotation"] = Assessment(skill="data-annotation", level=2)
    employee = Employee(id="P1", name="P", target_role="data-annotation-specialist", hours_per_week=3.0)
    plan = build_plan(Profile(employee, skills, {}), bundled.catalog, Options(start=START, parallel=1))
    planning = bundled.catalog.planning
    step = next(s for s in plan.steps if s.skill == "data-annotation")
    length = step.last_week - step.first_week + 1
    assert length >= span_weeks(step.activities, planning._replace(parallel=1))
    assert span_weeks(step.activities, planning._replace(parallel=1)) <= span_weeks(step.activities, planning)
