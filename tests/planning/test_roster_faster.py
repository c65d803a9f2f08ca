"""The roster's faster paths (issue 29, third session) give what the plain ones gave: the mentor search
as one loop (`Mentors.first_fit`) picks whom `candidates` and `fits` picked, and `learner_of` and
`summarize` read a plan as the plain readings below do."""

from __future__ import annotations

import struct
from array import array
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import START, Bundled
from tests.planning.test_sessions import plan_roster, rosters
from upskill.model import DISAGREE, STALE, Plan, Planning, Profile
from upskill.planning.attend import learner_of, learner_parts, plain
from upskill.planning.gaps import flags
from upskill.planning.members import Member, SkillIndex, hours_after_deadline, summarize
from upskill.planning.mentors import Mentors, match_mentors
from upskill.planning.plan import Options, build_plan
from upskill.planning.roster_records import Learner, Need, Shared
from upskill.planning.sessions import mentoring_activity, shareable


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _plain_first_fit(book: Mentors, need: Need, levels: list[int], group: str, learner: int, minutes: int) -> int:
    for mentor in book.candidates(need.skill, need.level, group, learner):
        if book.fits(mentor, minutes, need.first_week, need.last_week):
            return mentor
    return -1


class _PlainMentors(Mentors):
    first_fit = _plain_first_fit


def _book(learners: list[Learner], planning: Planning, kind: type[Mentors] = Mentors) -> Mentors:
    book = kind(planning)
    for number, learner in enumerate(learners):
        book.add(number, learner)
    book.ready()
    return book


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_the_mentor_search_picks_whom_the_plain_walk_picks(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    groups = data.draw(st.lists(st.sampled_from(["", "a", "b"]), min_size=len(people), max_size=len(people)))
    most = data.draw(st.integers(min_value=1, max_value=3), label="mentor_max_learners")
    planning = catalog.planning._replace(mentor_max_learners=most)
    _, learners, _ = plan_roster(catalog, people, groups, 3)
    fast = match_mentors(learners, _book(learners, planning))
    plain = match_mentors(learners, _book(learners, planning, _PlainMentors))
    assert list(fast.pairs) == list(plain.pairs)
    assert list(fast.unmatched) == list(plain.unmatched)


def _plain_learner(plan: Plan, profile: Profile, planning: Planning, shown_id: str, group: str) -> Learner:
    """The reading `learner_of` replaced, a week and a step at a time."""
    summary = plan.summary
    budget = round(summary.hours_per_week * 60)
    weeks = max((s.last_week for s in plan.steps), default=0)
    load, job = [0] * weeks, [0] * weeks
    for run in summary.load:
        for w in range(run.from_week, min(run.to_week, weeks) + 1):
            load[w - 1] = min(budget, round(run.learning_hours * 60) + 3)
            job[w - 1] = round(run.job_hours * 60) + 3 if run.job_hours else 0
    for w in summary.closed_weeks:
        if w <= weeks:
            load[w - 1] = budget
    shared = [
        Shared(step.skill, p.resource.title, p.resource.hours, p.first_week, p.last_week)
        for step in plan.steps
        for p in step.placed
        if shareable(p.resource)
    ]
    needs = []
    for step in plan.steps:
        own = mentoring_activity(step)
        if own is None:
            needs.append(Need(step.skill, step.to_level, step.first_week, step.last_week, step.name))
        else:
            minutes = round(own.resource.hours * 60 / (own.last_week - own.first_week + 1))
            needs.append(Need(step.skill, step.to_level, own.first_week, own.last_week, step.name, minutes))
    held = tuple(
        (skill, a.level)
        for skill, a in sorted(profile.skills.items())
        if a.level > 0 and not {STALE, DISAGREE} & set(flags(a, planning, summary.start))
    )
    return Learner(
        shown_id, plan.employee.name, group, budget, tuple(load), tuple(shared), tuple(needs), held, tuple(job)
    )


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_learner_of_reads_a_plan_as_the_plain_reading_does(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    closed = data.draw(st.booleans(), label="closed weeks")
    options = Options(start=START, closed=((START + timedelta(days=14), START + timedelta(days=27)),) if closed else ())
    for profile in people:
        plan = build_plan(profile, catalog, options)
        found = learner_of(plan, profile, catalog.planning, profile.employee.id, "g")
        weekly = found._replace(load=tuple(found.load), job=tuple(found.job))  # (kept as arrays)
        assert weekly == _plain_learner(plan, profile, catalog.planning, profile.employee.id, "g")
        assert type(found.needs[0]) is Need if found.needs else True
        # what a batch keeps (made as plain values, no record first) is the reading's, taken apart
        reference = _plain_learner(plan, profile, catalog.planning, profile.employee.id, "g")
        kept = learner_parts(plan, profile, catalog.planning, profile.employee.id, "g")
        assert kept == plain(reference._replace(load=array("I", reference.load), job=array("I", reference.job)))


def _plain_member(profile: Profile, plan: Plan, index: SkillIndex, group_by: str) -> Member:
    """The member as `summarize` made it before: every field by name, each level through `min`."""
    targets = {r.skill: r.level for r in plan.role.requires}
    targets.update(profile.targets)
    for gap in plan.gaps:
        targets[gap.skill] = max(targets.get(gap.skill, 0), gap.target)
    held = {s: a.level for s, a in profile.skills.items() if a.level > 0}
    order = sorted(held.keys() | targets.keys(), key=lambda s: index.number[s])
    levels = b"".join(
        struct.pack(
            "<HBB",
            index.number[s],
            min(held.get(s, 0), 127),
            min(targets.get(s, 0), 127) | (0 if s in profile.skills else 0x80),
        )
        for s in order
    )
    after = hours_after_deadline(plan)
    steps = b"".join(
        struct.pack("<HII", index.number[s.skill], round(s.hours * 100), round(a * 100))
        for s, a in zip(plan.steps, after, strict=True)
    )
    summary = plan.summary
    return Member(
        id=plan.employee.id,
        name=plan.employee.name,
        role=plan.employee.role,
        target_role=plan.role.id,
        levels=levels,
        steps=steps,
        total_hours=round(summary.total_hours + sum(x.learning_hours for x in plan.later), 2),
        weeks=summary.weeks,
        completion=summary.completion.isoformat() if summary.completion else "",
        deadline=summary.deadline.isoformat() if summary.deadline else "",
        late_steps=summary.late_steps + summary.late_next_cycle,
        gaps=len(plan.gaps),
        group=dict(plan.employee.attributes).get(group_by, "") if group_by else "",
    )


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_summarize_makes_the_member_the_plain_reading_makes(bundled, data):
    catalog = bundled.catalog
    index = SkillIndex(catalog)
    people = data.draw(rosters(bundled), label="roster")
    deadline = data.draw(st.sampled_from([None, START + timedelta(weeks=10), START + timedelta(weeks=40)]))
    options = Options(start=START, deadline=deadline)
    for profile in people:
        profile = profile._replace(employee=profile.employee._replace(attributes=(("department", "Data"),)))
        plan = build_plan(profile, catalog, options)
        for group_by in ("", "department", "manager"):
            found = summarize(profile, plan, index, group_by)
            assert found == _plain_member(profile, plan, index, group_by)
            assert type(found) is Member
