"""A roster scheduled together (planning/sessions.py, attend.py): the properties of issue 26, for drawn rosters.

Rosters are drawn as a few drawn profiles, each copied to several people with their own levels,
budgets and group, so people share activities in the same weeks (as a real team does) and mentors
exist at some levels and not at others. Every property is read off the plans and the schedule.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import START, Bundled, profiles
from upskill.model import Assessment, Catalog, Profile, Resource
from upskill.planning.attend import assignments, attend, learner_of
from upskill.planning.plan import Options, build_plan
from upskill.planning.roster_records import Learner, Need, Shared
from upskill.planning.sessions import schedule, shareable


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


@st.composite
def rosters(draw, bundled: Bundled) -> list[Profile]:
    catalog = bundled.catalog
    seeds = draw(st.lists(profiles(bundled), min_size=1, max_size=3))
    people = []
    for number in range(draw(st.integers(min_value=2, max_value=14))):
        seed = seeds[draw(st.integers(min_value=0, max_value=len(seeds) - 1))]
        skills = dict(seed.skills)
        if draw(st.booleans()):  # an expert in a few skills: someone who could mentor
            for skill in draw(st.lists(st.sampled_from(sorted(catalog.skills)), max_size=3)):
                skills[skill] = Assessment(skill, draw(st.integers(min_value=1, max_value=5)))
        employee = seed.employee._replace(
            id=f"E{number:03d}",
            name=f"Person {number}",
            hours_per_week=draw(st.sampled_from([seed.employee.hours_per_week, 2.0, 5.0])),
            deadline=None,
        )
        people.append(seed._replace(employee=employee, skills=skills))
    return people


def plan_roster(catalog: Catalog, people: list[Profile], groups: list[str], cohort_max: int, cohort_min: int = 2):
    options = Options(start=START)
    plans = [build_plan(p, catalog, options) for p in people]
    learners = [
        learner_of(plan, p, catalog.planning, p.employee.id, g)
        for plan, p, g in zip(plans, people, groups, strict=True)
    ]
    found = schedule(learners, catalog.planning, cohort_max, cohort_min=cohort_min)
    return plans, learners, found


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_property_holds_for_a_drawn_roster(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    groups = data.draw(st.lists(st.sampled_from(["", "a", "b"]), min_size=len(people), max_size=len(people)))
    cohort_max = data.draw(st.integers(min_value=1, max_value=6), label="cohort_max")
    cohort_min = data.draw(st.integers(min_value=2, max_value=max(2, cohort_max)), label="cohort_min")
    plans, learners, found = plan_roster(catalog, people, groups, cohort_max, cohort_min)
    planning = catalog.planning
    # sessions: at most cohort_max, in every member's window, after their prerequisites, never on-the-job
    for s in found.sessions:
        assert cohort_min <= len(s.members) <= cohort_max
        for m in s.members:
            step = next(st_ for st_ in plans[m].steps if st_.skill == s.skill)
            placed = next(p for p in step.placed if p.resource.title == s.title)
            assert (placed.first_week, placed.last_week) == (s.first_week, s.last_week)
            assert shareable(placed.resource)
            assert placed.resource.kind != "experience" or placed.resource.group is True
            for before in plans[m].steps:
                if s.skill in before.prerequisite_for:
                    assert before.last_week < s.first_week
    # everyone taking a shareable activity is in exactly one session or alone
    taken = sorted((m, sh.skill, sh.title) for m, learner in enumerate(learners) for sh in learner.shared)
    placed_in = sorted(
        [(m, s.skill, s.title) for s in found.sessions for m in s.members] + [a[:3] for a in found.alone]
    )
    assert placed_in == taken
    _alone_only_when_too_few_or_full(found, learners, cohort_min, cohort_max)
    _mentors_within_their_caps(found, people, learners, planning)
    for m, learner in enumerate(learners):
        own = {n.skill: n for n in learner.needs if n.own}  # steps whose own mentoring activity the mentor gives
        for p in found.pairs:
            if p.learner == m and p.skill in own:  # inside that activity's weeks and hours: no time added
                n = own[p.skill]
                assert (p.first_week, p.last_week) == (n.first_week, n.last_week)
                assert p.minutes_per_week <= max(n.own, 15)
        mine = [p for p in found.pairs if p.learner == m and p.skill not in own]
        for week in range(1, len(learner.load) + 1):
            extra = sum(p.minutes_per_week for p in mine if p.first_week <= week <= p.last_week)
            assert learner.load[week - 1] + extra <= learner.budget  # to the minute
    # the figures
    savings = found.savings
    assert savings.lower_bound_hours <= savings.planned_hours + 1e-9 <= savings.alone_hours + 2e-9
    # the same roster, the same schedule and the same plans
    again = plan_roster(catalog, people, groups, cohort_max, cohort_min)[2]
    assert again == found
    given_ = assignments(found, learners, plans[0].summary.start)
    attended = [attend(plan, a) for plan, a in zip(plans, given_, strict=True)]
    for plan, learner in zip(attended, learners, strict=True):
        for run in plan.summary.load:  # the shown load, mentoring included, within the budget (to a tenth)
            assert run.learning_hours <= learner.budget / 60 + 0.05
            if plan.mentees:  # a mentor's job time, mentoring included, within the cap (to a tenth)
                assert run.job_hours <= max(planning.max_job_hours_per_week, _alone_job(plans, plan)) + 0.05


def _alone_only_when_too_few_or_full(found, learners, cohort_min, cohort_max) -> None:
    """Someone learns a shareable activity alone only when fewer than cohort_min take it in their weeks, or
    every session in those weeks is full and the people left over are fewer than cohort_min; the reason says which."""
    together: dict[tuple, int] = {}
    for learner in learners:
        for sh in learner.shared:
            together[tuple(sh)] = together.get(tuple(sh), 0) + 1
    for number, skill, title, why in found.alone:
        sh = next(x for x in learners[number].shared if (x.skill, x.title) == (skill, title))
        count = together[tuple(sh)]
        in_sessions = [
            s for s in found.sessions if (s.skill, s.title, s.first_week, s.last_week) == (skill, title, *sh[3:])
        ]
        if cohort_max == 1:  # no sessions at all (the command line asks for at least 2)
            assert not found.sessions
        elif count < cohort_min:
            assert not in_sessions
            assert why.startswith("no one else" if count == 1 else "too few people take it in these weeks")
        else:
            assert in_sessions and all(len(s.members) == cohort_max for s in in_sessions)
            left = count - sum(len(s.members) for s in in_sessions)
            assert 0 < left < cohort_min
            assert why.startswith("the group sessions in these weeks are full")


def _mentors_within_their_caps(found, people, learners, planning) -> None:
    """Never over either cap (nor, with their own on-the-job work, max_job_hours_per_week), never below the
    target, never themselves."""
    cap = round(planning.mentor_hours_per_week * 60)
    by_mentor: dict[int, list] = {}
    for p in found.pairs:
        by_mentor.setdefault(p.mentor, []).append(p)
        assert p.mentor != p.learner
        assessment = people[p.mentor].skills[p.skill]
        assert assessment.level >= p.level
    job_cap = round(planning.max_job_hours_per_week * 60)
    for mentor, pairs in by_mentor.items():
        assert len(pairs) <= planning.mentor_max_learners
        own = learners[mentor].job
        for week in range(1, 600):
            given_ = sum(p.minutes_per_week for p in pairs if p.first_week <= week <= p.last_week)
            assert given_ <= cap
            # mentoring is the mentor's job time: with their own on-the-job work, within max_job_hours_per_week
            assert given_ + (own[week - 1] if week <= len(own) else 0) <= job_cap


def _alone_job(plans, plan) -> float:
    """The most job hours a week the plan had before mentoring (a plan made alone keeps its own)."""
    alone = next(p for p in plans if p.employee.id == plan.employee.id)
    return max((r.job_hours for r in alone.summary.load), default=0.0)


def test_on_the_job_work_and_coaching_stay_personal_unless_marked():
    course = Resource("Course", "formal", 10, 0, 1)
    assert shareable(course)
    assert not shareable(course._replace(group=False))
    assert not shareable(Resource("Coach your caseload", "experience", 190, 0, 1))
    assert not shareable(Resource("One-to-one coaching", "social", 6, 0, 1))
    assert shareable(Resource("Peer study circle", "social", 6, 0, 1, group=True))


def _learner(shared=(), needs=(), held=(), budget=120, load=(60,) * 10, group=""):
    return Learner("x", "X", group, budget, load, tuple(shared), tuple(needs), tuple(held))


def test_a_session_holds_at_most_cohort_max_and_the_one_left_over_learns_alone():
    share = Shared("python", "Course", 10.0, 1, 4)
    learners = [_learner([share]) for _ in range(5)]
    found = schedule(learners, _planning(), 2)
    assert [tuple(s.members) for s in found.sessions] == [(0, 1), (2, 3)]
    assert found.alone == ((4, "python", "Course", FULL),)
    assert found.savings == (50.0, 30.0, 30.0)


FULL = "the group sessions in these weeks are full, and too few people are left for another"


def test_different_weeks_make_different_sessions_and_the_bound_shows_the_gap():
    a, b = Shared("python", "Course", 10.0, 1, 4), Shared("python", "Course", 10.0, 3, 6)
    found = schedule([_learner([a]), _learner([a]), _learner([b]), _learner([b])], _planning(), 4)
    assert len(found.sessions) == 2
    assert found.savings == (40.0, 20.0, 10.0)


def test_no_one_at_the_level_means_no_mentor_and_the_plan_says_so():
    learner = _learner(needs=[Need("python", 3, 1, 4)])
    novice = _learner(held=[("python", 2)])
    found = schedule([learner, novice], _planning(), 4)
    assert found.pairs == ()
    assert found.unmatched == ((0, "python", "no one in the roster holds this skill at the level you aim for"),)


def test_a_mentor_takes_at_most_max_learners_and_the_weekly_cap():
    expert = _learner(held=[("python", 4)])
    learners = [expert] + [_learner(needs=[Need("python", 3, 1, 4)]) for _ in range(5)]
    found = schedule(learners, _planning(), 4)
    assert [p.learner for p in found.pairs] == [1]  # 60 minutes a week: one learner at an hour a week
    busy = [why for _, _, why in found.unmatched]
    assert busy == ["everyone in the roster at the level already mentors as much as they can"] * 4
    found = schedule(learners, _planning(mentor_hours_per_week=10), 4)
    assert [p.learner for p in found.pairs] == [1, 2, 3]  # mentor_max_learners: 3


def test_mentoring_fits_the_learners_budget_to_the_minute():
    learner = _learner(needs=[Need("python", 3, 1, 2)], budget=120, load=(100, 75))
    found = schedule([learner, _learner(held=[("python", 3)])], _planning(), 4)
    assert [p.minutes_per_week for p in found.pairs] == [15]  # 20 minutes of room: one quarter hour


def test_a_mentor_s_own_job_hours_and_mentoring_stay_within_max_job_hours_per_week():
    learner = _learner(needs=[Need("python", 3, 1, 3)])
    busy = _learner(held=[("python", 4)])._replace(job=(0, 600, 0))  # 10 h of their own job work in week 2
    free = _learner(held=[("python", 4)])
    found = schedule([busy, free, learner], _planning(), 4)
    assert [(p.mentor, p.learner) for p in found.pairs] == [(1, 2)]
    found = schedule([busy, learner], _planning(), 4)
    assert found.pairs == ()
    assert found.unmatched == (
        (1, "python", "everyone in the roster at the level already mentors as much as they can"),
    )
    roomy = busy._replace(job=(0, 540, 0))  # 9 h: one hour of room, the weekly mentoring cap
    assert [p.mentor for p in schedule([roomy, learner], _planning(), 4).pairs] == [0]


def test_within_the_group_first():
    learners = [
        _learner(held=[("python", 4)], group="a"),
        _learner(held=[("python", 4)], group="b"),
        _learner(needs=[Need("python", 3, 1, 2)], group="b"),
    ]
    assert [p.mentor for p in schedule(learners, _planning(), 4).pairs] == [1]


def _planning(**changes):
    from upskill.model import Planning

    return Planning()._replace(**changes)
