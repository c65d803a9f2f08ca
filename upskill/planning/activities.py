"""Activities inside a step: their order, their fewest weeks and their own weeks (docs/planning.md).

A step's activities run in band order: work for a higher band (the levels an activity starts
from) starts when the band below is done. Within a band, courses and reading come first; then the
on-the-job project, with learning from others (mentoring, feedback) alongside it. On-the-job
activities of one band run one after the other, so a step has at most one running in any week.

On-the-job hours are mostly the job itself: only `experience_share` of them is charged to the
learning budget, the rest is time the manager releases (the "job hours"). Each on-the-job
activity runs at least the weeks that keep its job hours within `max_job_hours_per_week / parallel`
a week: at most `parallel` steps run at once, each with one such activity, so all of them
together stay within `max_job_hours_per_week` whatever the tracks hold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from upskill.model import Planning, Resource
from upskill.planning.memo import IdentityMemo

# Calendar phrases of a catalog's `hours_basis`, and the weeks they imply ("a quarter of
# part-time ownership" cannot be done in 7 weeks). An explicit "N weeks" wins; the first match counts.
_BASIS_WEEKS = (
    (re.compile(r"\b(\d{1,3}) weeks\b"), 0),
    (re.compile(r"\bquarter\b"), 13),
    (re.compile(r"\bseveral months\b"), 16),
    (re.compile(r"\b(a few|few|three) months\b"), 12),
    (re.compile(r"\b(two|a couple of) months\b"), 8),
    (re.compile(r"\ba month\b"), 4),
    (re.compile(r"\bseveral weeks\b"), 3),
)


@lru_cache(maxsize=1024)
def basis_weeks(basis: str) -> int:
    """The calendar weeks an `hours_basis` text implies, or 0 when it names none."""
    text = basis.lower()
    for pattern, weeks in _BASIS_WEEKS:
        found = pattern.search(text)
        if found:
            return int(found.group(1)) if weeks == 0 else weeks
    return 0


def job_minutes(r: Resource, planning: Planning) -> int:
    """The minutes of an on-the-job activity not charged to the learning budget (0 for the others)."""
    if r.kind != "experience":
        return 0
    return round(r.hours * 60) - round(r.hours * planning.experience_share * 60)


def charged_minutes(r: Resource, planning: Planning) -> int:
    """What an activity takes from the weekly learning budget, in minutes."""
    return round(r.hours * 60) - job_minutes(r, planning)


def job_cap(planning: Planning, parallel: int) -> int:
    """The job minutes one on-the-job activity may take a week (see the module docstring)."""
    return max(1, math.floor(planning.max_job_hours_per_week * 60 / parallel))


def fewest_weeks(r: Resource, planning: Planning, parallel: int) -> int:
    """The fewest weeks one activity runs: its cadence, or for on-the-job work the most of the
    catalog's minimum, the per-activity cap, the job-hours cap and its hours basis."""
    if r.kind != "experience":
        return max(1, r.weeks)
    return max(
        r.weeks,
        planning.experience_weeks,
        math.ceil(r.hours / planning.experience_hours_per_week),
        math.ceil(job_minutes(r, planning) / job_cap(planning, parallel)),
        basis_weeks(r.hours_basis),
    )


def is_check(r: Resource) -> bool:
    """The "assess your current level" activity: it covers no level and comes first."""
    return r.from_level == r.to_level


def is_final(r: Resource) -> bool:
    """A formal assessment (a credential's evaluation and exam): it closes its band, in its last week."""
    return r.kind == "formal" and r.format == "assessment"


def bands(activities: Sequence[Resource], current: int) -> list[tuple[list[Resource], list[Resource]]]:
    """The activities by band, lowest first: (courses and reading, the rest) of each.

    An activity's band is the level it starts from, but not below the `current` level (mentoring
    from beginner to advanced, for someone at intermediate, runs beside the intermediate project).
    A course that covers the band of an on-the-job or social activity is that band's instruction
    (the lowest such band): a course from none to beginner comes first in the band of the project
    from awareness, not alone in weeks of its own.
    """
    others = sorted({max(r.from_level, current) for r in activities if not is_check(r) and r.kind != "formal"})
    by_level: dict[int, tuple[list[Resource], list[Resource]]] = {}
    for r in activities:
        if is_check(r):
            continue
        band = max(r.from_level, current)
        if r.kind == "formal":
            band = next((b for b in others if r.from_level <= b < r.to_level), band)
        first, second = by_level.setdefault(band, ([], []))
        (first if r.kind == "formal" and not is_final(r) else second).append(r)
    return [by_level[level] for level in sorted(by_level)]


def _second_fewest(second: list[Resource], planning: Planning, parallel: int) -> int:
    """The fewest weeks of a band's second phase: on-the-job work one after the other, learning
    from others alongside it."""
    jobs = sum(fewest_weeks(r, planning, parallel) for r in second if r.kind == "experience")
    others = max((fewest_weeks(r, planning, parallel) for r in second if r.kind != "experience"), default=0)
    return max(jobs, others)


def band_fewest(band: tuple[list[Resource], list[Resource]], planning: Planning, parallel: int) -> int:
    """Courses one after the other from the band's first week; the rest from its second week (after
    the first week of the course) or its first (no course), to its end."""
    first, second = band
    courses = sum(fewest_weeks(r, planning, parallel) for r in first)
    if not second:
        return courses
    return max(courses, (1 if first else 0) + _second_fewest(second, planning, parallel))


@lru_cache(maxsize=4096)
def step_fewest_weeks(activities: tuple[Resource, ...], current: int, planning: Planning, parallel: int) -> int:
    """The fewest weeks a step from level `current` runs: its bands one after the other."""
    return max(1, sum(band_fewest(b, planning, parallel) for b in bands(activities, current)))


def split(weeks: int, parts: Sequence[tuple[int, int]]) -> list[int]:
    """Share `weeks` among parts of (fewest weeks, weight): each its fewest, the rest by weight
    (largest remainder, earlier parts first on ties). The parts' fewest never add up to more."""
    lengths = [low for low, _ in parts]
    extra = weeks - sum(lengths)
    whole = sum(weight for _, weight in parts)
    if extra <= 0 or not parts:
        return lengths
    if not whole:
        lengths[-1] += extra
        return lengths
    shares = [extra * weight / whole for _, weight in parts]
    given = [math.floor(s) for s in shares]
    left = extra - sum(given)
    order = sorted(range(len(parts)), key=lambda k: (-(shares[k] - given[k]), k))
    for k in order[:left]:
        given[k] += 1
    return [a + b for a, b in zip(lengths, given, strict=True)]


@lru_cache(maxsize=4096)
def place_activities(
    activities: tuple[Resource, ...], current: int, weeks: int, planning: Planning, parallel: int
) -> tuple[tuple[Resource, int, int], ...]:
    """Each activity with its first and last week, counted from 1 within the step's `weeks` (open
    weeks: the caller maps them onto the calendar), in the order they start."""
    # What does not depend on `weeks` (the bands, each activity's fewest weeks and charged minutes)
    # is worked out once per step's activities (`_shape`): a batch places the same activities over
    # many spans, three in four of its new spans for activities it has placed before.
    key = (id(activities), id(planning), current, parallel)
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES.put(key, (activities, planning), _shape(activities, current, planning, parallel))
    checks, parts, groups, order = shape
    out: list[tuple[Resource, int, int]] = [(r, 1, 1) for r in checks]
    at = 1
    for (first, second), size in zip(groups, split(weeks, parts), strict=True):
        # one band of `size` weeks from week `at`: the courses one after the other from its first
        # week, over the share of its weeks their minutes take (a step's minutes are spread evenly
        # over its weeks, so a 30 h course in a 36 h step takes most of them); the rest alongside
        # from the week after the course starts, to the band's end
        if first is not None:
            courses_, minutes, own, low, course_parts = first
            courses = min(size, max(low, round(size * own / minutes)))
            start = at
            for r, length in zip(courses_, split(courses, course_parts), strict=True):
                out.append((r, start, start + length - 1))
                start += length
        if second is not None:
            skip = 1 if first is not None else 0
            out += _second(second, at + skip, size - skip)
        at += size
    return tuple(sorted(out, key=lambda p: (p[1], order[id(p[0])])))


# A band's courses: (them, the band's charged minutes (at least 1), theirs, their fewest weeks,
# (fewest weeks, stretch) of each); the rest: (the on-the-job work, (fewest weeks, minutes) of each,
# (activity, is a final assessment, its weeks) of the others in the band's order)
_Courses = tuple[list[Resource], int, int, int, list[tuple[int, int]]]
_Rest = tuple[list[Resource], list[tuple[int, int]], list[tuple[Resource, bool, int]]]
_Shape = tuple[
    list[Resource],  # the checks ("assess your current level"), in week 1
    list[tuple[int, int]],  # (fewest weeks, stretch) of each band
    list[tuple[_Courses | None, _Rest | None]],
    dict[int, int],  # each activity's position, by identity (ties in the order they start)
]
_SHAPES: IdentityMemo[_Shape] = IdentityMemo()


def _shape(activities: tuple[Resource, ...], current: int, planning: Planning, parallel: int) -> _Shape:
    """What `place_activities` reads of a step's activities whatever its weeks: its bands, their
    fewest weeks and stretch, each course's and on-the-job activity's fewest weeks and weight."""
    groups = bands(activities, current)
    parts = [(band_fewest(b, planning, parallel), _stretch(b[0] + b[1], planning)) for b in groups]
    shaped: list[tuple[_Courses | None, _Rest | None]] = []
    for first, second in groups:
        courses: _Courses | None = None
        if first:
            courses = (
                first,
                sum(charged_minutes(r, planning) for r in first + second) or 1,
                sum(charged_minutes(r, planning) for r in first),
                sum(fewest_weeks(r, planning, parallel) for r in first),
                [(fewest_weeks(r, planning, parallel), _stretch([r], planning)) for r in first],
            )
        rest: _Rest | None = None
        if second:
            jobs = [r for r in second if r.kind == "experience"]
            rest = (
                jobs,
                [(fewest_weeks(r, planning, parallel), round(r.hours * 60)) for r in jobs],
                [(r, is_final(r), r.weeks) for r in second if r.kind != "experience"],
            )
        shaped.append((courses, rest))
    checks = [r for r in activities if is_check(r)]
    return checks, parts, shaped, {id(r): k for k, r in enumerate(activities)}


def _stretch(activities: list[Resource], planning: Planning) -> int:
    """How much a part of a step takes of the weeks beyond its fewest: its charged minutes, but
    none for activities with a cadence ("over 4 weeks" stays 4 weeks, leaving no idle week)."""
    return sum(charged_minutes(r, planning) for r in activities if not r.weeks)


def _second(rest: _Rest, at: int, length: int) -> list[tuple[Resource, int, int]]:
    """The on-the-job work of a band one after the other over `length` weeks from week `at`, and
    learning from others alongside: a cadence keeps its weeks, the rest spans the phase."""
    jobs, job_parts, others = rest
    out = []
    if jobs:
        start = at
        for r, size in zip(jobs, split(length, job_parts), strict=True):
            out.append((r, start, start + size - 1))
            start += size
    for r, final, weeks in others:
        if final:
            out.append((r, at + length - 1, at + length - 1))
        else:
            span = weeks if weeks else length
            out.append((r, at, at + min(span, length) - 1))
    return out
