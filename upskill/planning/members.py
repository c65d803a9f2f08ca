"""One employee's plan reduced to a `Member`: the few hundred bytes the team report and the index need.

A batch keeps one `Member` per employee, never the plans, so memory stays flat as the workforce
grows. A member's levels and step hours are packed into `bytes` (fixed-size records, skill ids
as small numbers from `SkillIndex`); `pack_levels`/`iter_levels` and `pack_steps`/`iter_steps`
are the only code that knows the record layouts.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import NamedTuple

from upskill.model import Catalog, Plan, Profile, Role
from upskill.planning.memo import IdentityMemo
from upskill.planning.schedule import weeks_until

_LEVEL = struct.Struct("<HBB")  # skill index, current level, target level (0: not needed) | NOT_ASSESSED
# The target byte's top bit marks a skill nobody assessed (a blank roster cell): such a person needs
# the skill and never holds it. Levels stop at 127, far above any scale.
NOT_ASSESSED = 0x80
_TOP = 0x7F
_STEP = struct.Struct("<HII")  # skill index, planned hours x 100, hours after the deadline x 100


class Member(NamedTuple):
    """What the team report needs of one employee's plan (not the plan itself)."""

    id: str
    name: str
    role: str  # current role, free text
    target_role: str  # catalog role id
    levels: bytes  # (skill, current, target, assessed) by skill index: pack_levels, iter_levels
    steps: bytes  # (skill, hours, hours after the deadline) in plan order: pack_steps, iter_steps
    total_hours: float
    weeks: int
    completion: str  # ISO date or ""
    deadline: str
    late_steps: int
    gaps: int
    group: str = ""  # the value of the --group-by attribute ("" when not grouping or not given)


class SkillIndex:
    """Catalog skill ids as small numbers, so a member's levels pack into a few bytes."""

    def __init__(self, catalog: Catalog):
        self.ids: tuple[str, ...] = tuple(catalog.skills)
        self.number = {skill: i for i, skill in enumerate(self.ids)}


def pack_levels(levels: Iterable[tuple[int, int, int, bool]]) -> bytes:
    """(skill index, current, target, assessed) records as bytes; levels above 127 are stored as 127."""
    pack = _LEVEL.pack
    # (comparisons rather than `min`: a dozen records in every member of a batch)
    return b"".join(
        [
            pack(
                skill,
                current if current < _TOP else _TOP,
                (target if target < _TOP else _TOP) | (0 if assessed else NOT_ASSESSED),
            )
            for skill, current, target, assessed in levels
        ]
    )


def iter_levels(member: Member) -> Iterator[tuple[int, int, int, bool]]:
    """(skill index, current, target, assessed) for each skill the member holds or needs; target 0: not needed.

    Not assessed: nobody rated the skill; current is 0 and the member never counts as holding it.
    """
    for skill, current, target in _LEVEL.iter_unpack(member.levels):
        if target & NOT_ASSESSED:
            yield skill, current, target & _TOP, False
        else:
            yield skill, current, target, True


def levels_of(member: Member) -> dict[int, tuple[int, int, bool]]:
    """skill index -> (current, target, assessed) for the skills the member holds or needs."""
    return {skill: (current, target, assessed) for skill, current, target, assessed in iter_levels(member)}


def pack_steps(steps: Iterable[tuple[int, float, float]]) -> bytes:
    """(skill index, planned hours, hours after the deadline) records as bytes, hours to the hundredth."""
    pack = _STEP.pack
    return b"".join([pack(skill, round(hours * 100), round(after * 100)) for skill, hours, after in steps])


def iter_steps(member: Member) -> Iterator[tuple[int, float, float]]:
    """(skill index, planned hours, hours after the deadline) for each step of the member's plan, in plan order."""
    for skill, planned, after in _STEP.iter_unpack(member.steps):
        yield skill, planned / 100, after / 100


def summarize(profile: Profile, plan: Plan, index: SkillIndex, group_by: str = "") -> Member:
    """Reduce a plan to the member record the team report and the index need.

    `group_by` names the roster attribute (department, manager, ...) whose value the member
    carries for `upskill team --group-by`.
    """
    # The targets as gaps.targets_for sets them (the role's, then personal ones on top),
    # raised where a prerequisite below its needed level made a gap of its own.
    targets = _role_levels(plan.role).copy()
    if profile.targets:
        targets.update(profile.targets)
    for gap in plan.gaps:
        if gap.target > targets.get(gap.skill, 0):
            targets[gap.skill] = gap.target
    number = index.number
    assessed = profile.skills
    held = {s: a.level for s, a in assessed.items() if a.level > 0}
    levels = pack_levels(
        [
            (number[s], held.get(s, 0), targets.get(s, 0), s in assessed)
            for s in sorted(held.keys() | targets.keys(), key=number.__getitem__)
        ]
    )
    summary = plan.summary
    steps = plan.steps
    if summary.deadline is None:  # (no hours after a deadline: `hours_after_deadline`'s zeros)
        packed = pack_steps([(number[s.skill], s.hours, 0.0) for s in steps])
    else:
        packed = pack_steps(
            [(number[s.skill], s.hours, after) for s, after in zip(steps, hours_after_deadline(plan), strict=True)]
        )
    employee = plan.employee
    # Made from its fields in order (`Member(...)` parses its thirteen arguments in Python, for every member)
    return _new(
        Member,
        (
            employee.id,
            employee.name,
            employee.role,
            plan.role.id,
            levels,
            packed,
            round(summary.total_hours + sum([x.learning_hours for x in plan.later]), 2),  # next cycle too
            summary.weeks,
            summary.completion.isoformat() if summary.completion else "",
            summary.deadline.isoformat() if summary.deadline else "",
            summary.late_steps + summary.late_next_cycle,
            len(plan.gaps),
            _attribute(employee.attributes, group_by),
        ),
    )


_new = tuple.__new__
_ROLE_LEVELS: IdentityMemo[MappingProxyType[str, int]] = IdentityMemo(256)


def _role_levels(role: Role) -> MappingProxyType[str, int]:
    """The levels the role requires, by skill, read-only (shared: a caller copies it to change it).
    A batch has a handful of roles, found by identity rather than built again for every member."""
    found = _ROLE_LEVELS.get((id(role),))
    if found is None:
        found = _ROLE_LEVELS.put((id(role),), (role,), MappingProxyType({r.skill: r.level for r in role.requires}))
    return found


def _attribute(attributes: tuple[tuple[str, str], ...], key: str) -> str:
    """The value of attribute `key` ("" when not grouping, or when the roster gives none)."""
    if key:
        for name, value in attributes:
            if name == key:
                return value
    return ""


def hours_after_deadline(plan: Plan) -> list[float]:
    """For each step, the learning hours that fall after the deadline (0 when on time).

    Steps share each week's budget with the steps beside them, so a step's hours are taken as
    spread evenly over its weeks: the share of its weeks that end after the deadline is the share
    of its hours that outside help would have to cover.
    """
    summary = plan.summary
    if summary.deadline is None:
        return [0.0] * len(plan.steps)
    in_time = weeks_until(summary.start, summary.deadline)  # weeks ending on or before the deadline
    out = []
    for step in plan.steps:
        length = step.last_week - step.first_week + 1
        after = step.last_week - max(step.first_week - 1, in_time)
        out.append(round(step.hours * max(0, after) / length, 2))
    return out
