"""A group session runs with at least `cohort_min` people (planning/sessions.py): fewer learn alone, with the reason,
and the lower bound counts the minimum too, so the gap to it is only what a common timing could save."""

from __future__ import annotations

from upskill.model import Planning
from upskill.planning.roster_records import Learner, Shared
from upskill.planning.session_sizes import fewest_deliveries, split
from upskill.planning.sessions import schedule

COURSE = Shared("python", "Course", 10.0, 1, 4)


def _learners(*shared: Shared) -> list[Learner]:
    return [Learner(f"E{n}", f"P{n}", "", 120, (60,) * 10, (s,), (), ()) for n, s in enumerate(shared)]


def test_two_in_the_same_weeks_learn_alone_under_a_minimum_of_three_and_the_bound_agrees():
    found = schedule(_learners(COURSE, COURSE), Planning(), 25, cohort_min=3)
    assert found.sessions == ()
    why = (
        "too few people take it in these weeks: only you and 1 other person in the team, "
        "and a group session needs at least 3"
    )
    assert found.alone == ((0, "python", "Course", why), (1, "python", "Course", why))
    # two people can never be a session of three: the best possible is what was planned
    assert found.savings == (20.0, 20.0, 20.0)


def test_three_in_the_same_weeks_form_a_session_under_a_minimum_of_three():
    found = schedule(_learners(COURSE, COURSE, COURSE), Planning(), 25, cohort_min=3)
    assert [tuple(s.members) for s in found.sessions] == [(0, 1, 2)]
    assert found.savings == (30.0, 10.0, 10.0)


def test_people_left_over_from_full_sessions_learn_alone_and_are_told_so():
    found = schedule(_learners(*[COURSE] * 4), Planning(), 3, cohort_min=3)
    assert [tuple(s.members) for s in found.sessions] == [(0, 1, 2)]
    assert found.alone == (
        (3, "python", "Course", "the group sessions in these weeks are full, and too few people are left for another"),
    )
    assert found.savings == (40.0, 20.0, 20.0)


def test_the_gap_to_the_bound_is_only_what_a_common_timing_could_save():
    later = COURSE._replace(first_week=5, last_week=8)
    found = schedule(_learners(COURSE, COURSE, later, later), Planning(), 25, cohort_min=3)
    assert found.sessions == ()  # two and two: neither pair reaches three
    assert found.savings == (40.0, 40.0, 10.0)  # all four in the same weeks would be one session


def test_someone_alone_is_told_when_others_take_it_in_other_weeks():
    later = COURSE._replace(first_week=5, last_week=8)
    found = schedule(_learners(COURSE, later, later, later), Planning(), 25, cohort_min=3)
    assert [tuple(s.members) for s in found.sessions] == [(1, 2, 3)]
    only = "no one else in the team takes it in these weeks, though 3 others do in other weeks"
    assert found.alone == ((0, "python", "Course", only),)
    found = schedule(_learners(COURSE, COURSE, later), Planning(), 25, cohort_min=3)
    pair = (
        "too few people take it in these weeks: only you and 1 other person in the team, "
        "and a group session needs at least 3, though 1 other person does in other weeks"
    )
    single = "no one else in the team takes it in these weeks, though 2 others do in other weeks"
    assert [a[3] for a in found.alone] == [pair, pair, single]


def test_sessions_are_near_equal_and_within_both_limits():
    for cohort_min in range(2, 7):
        for cohort_max in range(cohort_min, 9):
            for count in range(0, 40):
                sizes = split(count, cohort_min, cohort_max)
                assert all(cohort_min <= s <= cohort_max for s in sizes)
                assert not sizes or max(sizes) - min(sizes) <= 1 or set(sizes) == {cohort_max}
                left = count - sum(sizes)
                assert left >= 0 and (left == 0 or left < cohort_min)
                # no way of forming sessions within the limits delivers fewer times
                best = min(k + max(0, count - k * cohort_max) for k in range(0, count // cohort_min + 1))
                assert fewest_deliveries(count, cohort_min, cohort_max) == best
