"""A step's activities placed from the shape worked out once per step's activities (activities._shape,
issue 29, sixth session) against the plain computation it replaced (kept below as it was): the same
weeks for every span, current level and number of tracks, for the bundled catalog's skills."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.load.catalog import load_catalog
from upskill.model import Planning, Resource
from upskill.planning.activities import (
    band_fewest,
    bands,
    charged_minutes,
    fewest_weeks,
    is_check,
    is_final,
    place_activities,
    split,
    step_fewest_weeks,
)
from upskill.planning.evidence import assess_first

CATALOG = load_catalog(["default"])
SKILLS = [s for s in CATALOG.skills.values() if s.resources]


# The reference: place_activities as it was before the shape (no memo).
def plain_place_activities(
    activities: tuple[Resource, ...], current: int, weeks: int, planning: Planning, parallel: int
) -> tuple[tuple[Resource, int, int], ...]:
    out: list[tuple[Resource, int, int]] = [(r, 1, 1) for r in activities if is_check(r)]
    groups = bands(activities, current)
    sizes = split(weeks, [(band_fewest(b, planning, parallel), _stretch(b[0] + b[1], planning)) for b in groups])
    at = 1
    for (first, second), size in zip(groups, sizes, strict=True):
        out += _band(first, second, at, size, planning, parallel)
        at += size
    order = {id(r): k for k, r in enumerate(activities)}
    return tuple(sorted(out, key=lambda p: (p[1], order[id(p[0])])))


def _band(
    first: list[Resource], second: list[Resource], at: int, size: int, planning: Planning, parallel: int
) -> list[tuple[Resource, int, int]]:
    """One band of `size` weeks from week `at`: the courses one after the other from its first week,
    over the share of its weeks their minutes take (a step's minutes are spread evenly over its
    weeks, so a 30 h course in a 36 h step takes most of them); the rest alongside from the week
    after the course starts, to the band's end."""
    out = []
    if first:
        minutes = sum(charged_minutes(r, planning) for r in first + second) or 1
        share = round(size * sum(charged_minutes(r, planning) for r in first) / minutes)
        low = sum(fewest_weeks(r, planning, parallel) for r in first)
        courses = min(size, max(low, share))
        lengths = split(courses, [(fewest_weeks(r, planning, parallel), _stretch([r], planning)) for r in first])
        start = at
        for r, length in zip(first, lengths, strict=True):
            out.append((r, start, start + length - 1))
            start += length
    if second:
        skip = 1 if first else 0
        out += _second(second, at + skip, size - skip, planning, parallel)
    return out


def _stretch(activities: list[Resource], planning: Planning) -> int:
    """How much a part of a step takes of the weeks beyond its fewest: its charged minutes, but
    none for activities with a cadence ("over 4 weeks" stays 4 weeks, leaving no idle week)."""
    return sum(charged_minutes(r, planning) for r in activities if not r.weeks)


def _second(
    second: list[Resource], at: int, length: int, planning: Planning, parallel: int
) -> list[tuple[Resource, int, int]]:
    """The on-the-job work of a band one after the other over `length` weeks from week `at`, and
    learning from others alongside: a cadence keeps its weeks, the rest spans the phase."""
    jobs = [r for r in second if r.kind == "experience"]
    out = []
    if jobs:
        sizes = split(length, [(fewest_weeks(r, planning, parallel), round(r.hours * 60)) for r in jobs])
        start = at
        for r, size in zip(jobs, sizes, strict=True):
            out.append((r, start, start + size - 1))
            start += size
    for r in second:
        if is_final(r):
            out.append((r, at + length - 1, at + length - 1))
        elif r.kind != "experience":
            span = r.weeks if r.weeks else length
            out.append((r, at, at + min(span, length) - 1))
    return out


@settings(max_examples=300, deadline=None)
@given(
    skill=st.sampled_from(SKILLS),
    picks=st.lists(st.integers(0, 40), min_size=1, max_size=6, unique=True),
    current=st.integers(0, 4),
    extra=st.integers(0, 30),
    parallel=st.integers(1, 4),
)
def test_the_weeks_from_the_shape_are_the_weeks_worked_out_plainly(skill, picks, current, extra, parallel):
    activities = tuple(skill.resources[k % len(skill.resources)] for k in sorted(set(picks)))
    activities = tuple(dict.fromkeys(activities))  # each resource once, as a choice has it
    planning = CATALOG.planning
    fewest = step_fewest_weeks(activities, current, planning, parallel)
    for weeks in (fewest, fewest + extra, fewest + extra // 2, fewest + 1):  # asked again: the shape found
        want = plain_place_activities(activities, current, weeks, planning, parallel)
        got = place_activities(activities, current, weeks, planning, parallel)
        assert got == want
        assert [id(r) for r, _, _ in got] == [id(r) for r, _, _ in want]  # the very records


def test_every_skills_resources_together_at_every_level():
    planning = CATALOG.planning
    for skill in SKILLS:
        for current in range(4):
            # with the "assess your current level" check first, as an unassessed gap's choice has it
            activities = (assess_first(skill.name, current), *skill.resources) if current % 2 else skill.resources
            for parallel in (1, 2, 3):
                fewest = step_fewest_weeks(activities, current, planning, parallel)
                for weeks in range(fewest, fewest + 9, 2):
                    want = plain_place_activities(activities, current, weeks, planning, parallel)
                    assert place_activities(activities, current, weeks, planning, parallel) == want
