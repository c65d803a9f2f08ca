"""build_plan's parts outside the layouts, made faster in issue 29's third round, against the plain
computation they replace: a plan shows every one of these figures, so they must agree exactly."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.load.catalog import load_catalog
from upskill.model import Resource
from upskill.planning.closed import Calendar
from upskill.planning.cycle import _placements, placements

CATALOG = load_catalog(["default"])
SKILLS = [s for s in CATALOG.skills.values() if len(s.resources) >= 2]


@settings(max_examples=60)
@given(
    st.sampled_from(SKILLS),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(1, 6),
    st.integers(0, 12),
    st.sampled_from([(), (3,), (2, 3, 9)]),
)
def test_placements_of_equal_activities_in_new_tuples_are_those_worked_out_afresh(
    skill, count, current, first, length, closed
):
    """enrich.py's choices come as new tuples equal to ones placed before: found again by equality,
    the placements are what working them out afresh gives."""
    activities = tuple(skill.resources[:count])
    start, calendar, planning = date(2027, 1, 4), Calendar(closed), CATALOG.planning
    expected = _placements(activities, current, first, first + length, calendar, start, planning, 2)
    for acts in (activities, tuple(Resource(*r) for r in activities), tuple(list(activities))):
        assert placements(acts, current, first, first + length, calendar, start, planning, 2) == expected


def test_records_made_from_their_fields_in_order_are_the_records_their_constructors_make():
    """Placements, check-ins and load runs are made by tuple.__new__ (their NamedTuple constructors
    parse arguments in Python): the same type, fields and defaults as the constructor's."""
    from upskill.model import Checkin, Employee, LoadRun, Placement, Profile
    from upskill.planning.checkins import checkins
    from upskill.planning.cycle import load_runs
    from upskill.planning.plan import Options, build_plan

    role = next(iter(CATALOG.roles))
    profile = Profile(Employee(id="e1", name="E", role="x", target_role=role, hours_per_week=3.0), {}, {})
    plan = build_plan(profile, CATALOG, Options(start=date(2027, 1, 4), deadline=date(2027, 5, 7)))
    assert plan.steps and plan.checkins and plan.summary.load
    for record in (*plan.steps, *plan.gaps, *plan.checkins, *plan.summary.load):
        kind = type(record)
        assert len(record) == len(kind._fields) and record == kind(**record._asdict())
    assert plan.steps[0].mentor is None and plan.steps[0].no_mentor == ""
    for step in plan.steps:
        for p in step.placed:
            assert type(p) is Placement and p == Placement(*p[:7]) and p._asdict() == Placement(*p[:7])._asdict()
    again = checkins(plan.steps, date(2027, 1, 4), CATALOG.planning.checkin_weeks, deadline=date(2027, 5, 7))
    assert again == plan.checkins
    assert all(type(c) is Checkin and c == Checkin(*c) for c in again)
    runs = load_runs([60, 60, 90, 0], [0, 0, 30, 30])
    assert runs == (LoadRun(1, 2, 1.0, 0.0), LoadRun(3, 3, 1.5, 0.5), LoadRun(4, 4, 0.0, 0.5))
    assert all(type(r) is LoadRun for r in runs)


@settings(max_examples=40)
@given(st.sampled_from(SKILLS), st.integers(0, 2), st.integers(1, 3))
def test_the_next_cycle_found_again_is_the_record_worked_out_afresh(skill, low, more):
    from upskill.model import Gap, Later
    from upskill.planning.cycle import _later_hours, next_cycle

    gap = Gap(skill.id, skill.name, low, low + more, 1.0, 0.0, 0, 0.0, 0.0, 0.0, 1.0, "role", (), None, ())
    expected = Later(
        skill.id,
        skill.name,
        low,
        low + more,
        *_later_hours(skill, low, low + more, CATALOG.hours_per_level, CATALOG.planning),
    )
    for _ in range(2):  # worked out, then found again
        assert next_cycle((gap,), (gap,), set(), CATALOG) == (expected,)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(sorted(CATALOG.roles)),
    st.sampled_from([1.5, 3.0, 6.0, 12.0]),
    st.sampled_from([1, 2, 3]),
    st.sampled_from([(), ((date(2027, 2, 1), date(2027, 2, 19)),)]),
)
def test_job_hours_added_up_by_step_are_those_of_every_placement(role, hours, parallel, closed):
    """The weekly job minutes from each step's changes at its activities' ends (found again by the
    placements' identity) are those worked out from every placement of the plan."""
    from upskill.model import Employee, Profile
    from upskill.planning.cycle import job_by_step, job_by_week
    from upskill.planning.plan import Options, build_plan

    profile = Profile(Employee(id="e1", name="E", role="x", target_role=role, hours_per_week=hours), {}, {})
    options = Options(start=date(2027, 1, 4), parallel=parallel, closed=closed)
    plan = build_plan(profile, CATALOG, options)
    calendar = Calendar(plan.summary.closed_weeks)
    weeks, planning = plan.summary.weeks, CATALOG.planning
    flat = [p for s in plan.steps for p in s.placed]
    for _ in range(2):  # worked out, then found again
        assert job_by_step(plan.steps, calendar, planning, weeks) == job_by_week(flat, calendar, planning, weeks)
    assert job_by_step(plan.steps, Calendar(), planning, weeks) == job_by_week(flat, Calendar(), planning, weeks)
