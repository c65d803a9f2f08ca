"""`attend` (issue 29's faster form) writes a roster's schedule into a plan exactly as the plain way does.

The plain way, kept here as the reference: every step and every placement remade with `_replace`,
and the week-by-week load with mentoring added week by week. The faster form makes records from
their fields in order and adds mentoring as changes from week to week; plans must not change.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import Bundled
from tests.planning.test_sessions import plan_roster, rosters
from upskill.model import LoadRun, Placement, Plan, Step
from upskill.planning.attend import Assignment, assignments, attend
from upskill.planning.cycle import load_runs


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _week(start: date, day: date) -> int:
    return (day - start).days // 7 + 1


def _plain_load(runs: tuple[LoadRun, ...], start: date, learning: list, job: list) -> tuple[LoadRun, ...]:
    if not learning and not job:
        return runs
    weeks = max([r.to_week for r in runs] + [_week(start, end) for _, end, _ in (*learning, *job)])
    learn, work = [0] * weeks, [0] * weeks
    for r in runs:
        for w in range(r.from_week, r.to_week + 1):
            learn[w - 1], work[w - 1] = round(r.learning_hours * 60), round(r.job_hours * 60)
    for added, into in ((learning, learn), (job, work)):
        for begin, end, hours in added:
            for w in range(_week(start, begin), _week(start, end) + 1):
                into[w - 1] += round(hours * 60)
    return load_runs(learn, work)


def plain_attend(plan: Plan, given: Assignment) -> Plan:
    sessions = {(skill, title): ref for skill, title, ref in given.sessions}
    alone = {(skill, title): why for skill, title, why in given.alone}
    mentors, why = dict(given.mentors), dict(given.no_mentor)
    steps = tuple(
        step._replace(
            placed=tuple(
                p._replace(
                    session=sessions.get((step.skill, p.resource.title)),
                    alone=(step.skill, p.resource.title) in alone,
                    alone_why=alone.get((step.skill, p.resource.title), ""),
                )
                for p in step.placed
            ),
            mentor=mentors.get(step.skill),
            no_mentor=why.get(step.skill, ""),
        )
        for step in plan.steps
    )
    own = {s.skill for s in plan.steps if any(p.resource.format == "mentoring" for p in s.placed)}
    learning = [(m.start, m.end, m.hours_per_week) for skill, m in given.mentors if skill not in own]
    job = [(m.start, m.end, m.hours_per_week) for m in given.mentees]
    summary = plan.summary
    load = _plain_load(summary.load, summary.start, learning, job)
    return plan._replace(steps=steps, mentees=given.mentees, summary=summary._replace(load=load))


def test_the_fields_attend_writes_come_last_in_their_records():
    assert Placement._fields[-3:] == ("session", "alone", "alone_why")
    assert Step._fields[-3:] == ("placed", "mentor", "no_mentor")


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_attend_gives_the_plan_the_plain_way_gives(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    cohort_max = data.draw(st.integers(min_value=1, max_value=6), label="cohort_max")
    plans, learners, found = plan_roster(catalog, people, [""] * len(people), cohort_max)
    for plan, share in zip(plans, assignments(found, learners, plans[0].summary.start), strict=True):
        assert repr(attend(plan, share)) == repr(plain_attend(plan, share))
        # written into a plan that already has a schedule (a plan kept by an earlier pass): the same
        assert repr(attend(attend(plan, share), share)) == repr(plain_attend(plain_attend(plan, share), share))
    empty = Assignment()
    for plan in plans:
        assert repr(attend(plan, empty)) == repr(plain_attend(plan, empty))
