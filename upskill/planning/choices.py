"""Each gap's activities and its work for the layout: the choices of a plan, and the minutes and
fewest weeks each takes (tracks.Work), with the memos that find a batch's repeated answers again."""

from __future__ import annotations

from collections.abc import Callable

from upskill.model import DISAGREE, STALE, Catalog, Gap, Planning, Resource, Skill
from upskill.planning.activities import step_fewest_weeks
from upskill.planning.evidence import assess_first, calibrate_first
from upskill.planning.memo import IdentityMemo
from upskill.planning.schedule import Choice, choose_activities
from upskill.planning.tracks import Work

MakeWork = Callable[[Choice, int, tuple[int, ...]], Work]


def worker(planning: Planning, parallel: int) -> MakeWork:
    """Each choice's work: the plan's own choices and enrich's tries alike (both recur across a batch
    as the very same tuples of activities: the cached choices, and enrich.with_resource's)."""

    new = tuple.__new__

    def make_work(c: Choice, current: int, after: tuple[int, ...]) -> Work:
        charged, hours, weeks = _shape(c.activities, current, planning, parallel)
        # from its fields in order: Work(...) parses its arguments in Python, once per step of every plan
        return new(Work, (max(1, round((charged + (c.hours - hours)) * 60)), weeks, after))  # charged_hours(c)

    return make_work


def choose(ordered: tuple[Gap, ...], catalog: Catalog) -> list[Choice]:
    """The activities for each gap, in learning order: a resource serving two skills is planned (and counted) once."""
    choices = []
    used: frozenset[str] = frozenset()
    for g in ordered:
        skill = catalog.skills[g.skill]
        # Only titles this skill could choose matter; passing just those keeps the cache's hit rate.
        choice = _chosen(skill, g.current, g.target, catalog.hours_per_level, used & titles(skill))
        if choice.activities:
            used = used | _titles_of(choice.activities)
        if not g.assessed:  # find out where they really stand before planning weeks of learning
            choice = _checked(assess_first(g.name, g.current), choice)
        elif STALE in g.flags or DISAGREE in g.flags:  # an old or disputed rating: agree it first
            choice = _checked(calibrate_first(g.name, g.current, g.flags), choice)
        choices.append(choice)
    return choices


_CHOSEN: IdentityMemo[Choice] = IdentityMemo()


def _chosen(skill: Skill, current: int, target: int, hours_per_level: float, exclude: frozenset[str]) -> Choice:
    """`choose_activities`, found by the skill's identity (a Skill hashes in Python, by its id)."""
    key = (id(skill), current, target, hours_per_level, exclude)
    found = _CHOSEN.get(key)
    if found is None:
        found = _CHOSEN.put(key, (skill,), choose_activities(skill, current, target, hours_per_level, exclude))
    return found


_CHECKED: IdentityMemo[Choice] = IdentityMemo()


def _checked(check: Resource, choice: Choice) -> Choice:
    """`choice` with `check` first: both come from caches, so the same pair gives the same (cached)
    choice, whose activities _shape then finds by identity."""
    key = (id(check), id(choice))
    found = _CHECKED.get(key)
    if found is None:
        found = _CHECKED.put(
            key, (check, choice), Choice((check, *choice.activities), choice.uncovered, choice.hours + check.hours)
        )
    return found


_TITLES: IdentityMemo[frozenset[str]] = IdentityMemo(1024)


def titles(skill: Skill) -> frozenset[str]:
    """The titles of the skill's resources (by identity: a Skill hashes in Python, by its id)."""
    found = _TITLES.get((id(skill),))
    if found is None:
        found = _TITLES.put((id(skill),), (skill,), frozenset(r.title for r in skill.resources))
    return found


_ACTIVITY_TITLES: IdentityMemo[frozenset[str]] = IdentityMemo()


def _titles_of(activities: tuple[Resource, ...]) -> frozenset[str]:
    """The titles of a choice's activities: the choices are cached, so their very same tuples recur
    across a batch and are found by identity rather than read title by title for every gap."""
    found = _ACTIVITY_TITLES.get((id(activities),))
    if found is None:
        found = _ACTIVITY_TITLES.put((id(activities),), (activities,), frozenset([r.title for r in activities]))
    return found


def charged_hours(choice: Choice, planning: Planning) -> float:
    """The hours a step takes from the weekly learning budget.

    Courses, reading and learning from others take learning time. On-the-job work happens in
    the job: only `planning.experience_share` of it (preparing, reflecting, writing it up) is
    charged. Levels no resource covers are charged in full, since nobody knows yet what they take.
    """
    activity = sum(r.hours * (planning.experience_share if r.kind == "experience" else 1) for r in choice.activities)
    placeholder = choice.hours - sum(r.hours for r in choice.activities)
    return activity + placeholder


# A step's activities recur across a batch as the very same tuple (choose_activities caches its
# choices, _choices its checks): found by identity, not by hashing every resource and the planning.
_SHAPES: IdentityMemo[tuple[float, float, int]] = IdentityMemo()


def fewest_weeks(activities: tuple[Resource, ...], current: int, planning: Planning, parallel: int) -> int:
    """`step_fewest_weeks`, found again by identity (`_shape`): a late plan's deadline options ask it of
    every step at up to four skills side by side, and a batch's plans share their cached choices (two
    in three asks found again over 300 generated profiles)."""
    return _shape(activities, current, planning, parallel)[2]


def _shape(
    activities: tuple[Resource, ...], current: int, planning: Planning, parallel: int
) -> tuple[float, float, int]:
    """What `charged_hours` sums of the activities (their charged hours, their hours), and the step's fewest weeks."""
    key = (id(activities), id(planning), current, parallel)
    found = _SHAPES.get(key)
    if found is None:
        share = planning.experience_share
        found = _SHAPES.put(
            key,
            (activities, planning),
            (
                sum(r.hours * (share if r.kind == "experience" else 1) for r in activities),
                sum(r.hours for r in activities),
                step_fewest_weeks(activities, current, planning, parallel),
            ),
        )
    return found
