"""Counting a team's members in one pass: per skill and level, what the team report's findings need.

team.py feeds each member to a `Tally` once, then reads the counts skill by skill. Nothing per
person is kept past READABLE people (`counting`): a gap is counted by (current, target) level;
up to it, each gap keeps the member's number (`pack_gap`), so a group training can name its people.
`Tally.gaps` gives one skill's gaps by current level (`GapsByLevel`), what cohorts.py proposes from.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from upskill.planning.members import Member, iter_levels, iter_steps


def pack_gap(current: int, target: int, number: int) -> int:
    """A gap of one person in one skill as one number that sorts by current level, then target, then person."""
    return (current << 40) | (target << 32) | number


def _unpack_gap(value: int) -> tuple[int, int, int]:
    return value >> 40, (value >> 32) & 0xFF, value & 0xFFFFFFFF


class GapsByLevel(NamedTuple):
    """The gaps in one skill by current level: how many people need each target, and who they are."""

    targets: dict[int, Counter[int]]  # current level -> target -> people
    numbers: dict[int, list[int]] | None  # current level -> the people's numbers (id order); None: counted only


def gaps_by_level(gaps: array[int] | Counter[tuple[int, int]]) -> GapsByLevel:
    """From pack_gap numbers (people known), or from counts by (current, target) (a team too large to list)."""
    targets: dict[int, Counter[int]] = {}
    if isinstance(gaps, Counter):
        for (current, target), count in gaps.items():
            targets.setdefault(current, Counter())[target] += count
        return GapsByLevel(targets, None)
    numbers: dict[int, list[int]] = {}
    for value in sorted(gaps):  # by current level, then target, then number
        current, target, number = _unpack_gap(value)
        counts = targets.get(current)
        if counts is None:  # not setdefault: its default Counter (a Python __init__) would be made per gap
            counts = targets[current] = Counter()
            numbers[current] = []
        counts[target] += 1
        numbers[current].append(number)
    return GapsByLevel(targets, numbers)


@dataclass(frozen=True)
class Totals:
    """Over the people shown only (`Team.left_out` more were planned): nothing left out is recoverable
    by subtracting the figures of the people shown from these."""

    employees: int
    hours: float
    late: int  # employees with at least one step after their deadline
    hours_per_employee: float


class Tally:
    """Counts per skill (by skill index) over the members shown, gathered in one pass over them.

    Counting (past READABLE people), a gap is counted by (current, target) level; else it is
    kept with the member's number, so a group training can name its people.
    """

    def __init__(self, n_skills: int, top: int, by_group: bool = False):
        self.top = top  # levels 0 .. top - 1
        self.by_group = by_group  # heat rows per --group-by value rather than per target role
        self.counting = False
        self.need = [0] * n_skills  # people whose target includes the skill
        self.need_at = [[0] * top for _ in range(n_skills)]  # people whose target is each level
        self.unrated_at = [[0] * top for _ in range(n_skills)]  # of those, never assessed in the skill
        self.not_assessed = [0] * n_skills
        self.with_gap = [0] * n_skills
        self.gap_sum = [0] * n_skills
        self.level = [0] * n_skills  # the highest level anyone's target asks for
        self.held = [[0] * top for _ in range(n_skills)]  # assessed people at each current level
        self.first_holder: list[list[int]] = [[-1] * top for _ in range(n_skills)]  # by number, at each level
        self.gapped = [array("Q") for _ in range(n_skills)]  # each gap, pack_gap(current, target, number)
        self.gap_counts: list[Counter[tuple[int, int]]] = [Counter() for _ in range(n_skills)]  # counting
        self.hours = [0.0] * n_skills
        self.late = [0] * n_skills  # people whose step in the skill ends after their deadline
        self.late_hours = [0.0] * n_skills
        self.people = 0
        self.total_hours = 0.0
        self.late_people = 0  # people with at least one step after their deadline
        # Per heat row (role or group): people, and per skill people with a gap and people needing it
        self.heat: dict[str, tuple[list[int], list[int], list[int]]] = {}

    def add(self, member: Member, number: int) -> None:
        """Count one member, `number` their place in id order (counting: in the order read)."""
        key = member.group if self.by_group else member.target_role
        row = self.heat.get(key)
        if row is None:  # not setdefault: its default would be built for every member
            row = self.heat[key] = ([0], [0] * len(self.need), [0] * len(self.need))
        count, gap_at, need_at = row
        count[0] += 1
        self.people += 1
        self.total_hours += member.total_hours
        self.late_people += member.late_steps > 0
        self._levels(member, number, gap_at, need_at)
        hours, late, late_hours = self.hours, self.late, self.late_hours
        for skill, planned, after in iter_steps(member):
            hours[skill] += planned
            if after:
                late[skill] += 1
                late_hours[skill] += after

    def _levels(self, member: Member, number: int, gap_at: list[int], need_at: list[int]) -> None:
        """Count one member's levels (`gap_at`, `need_at`: their heat row's counts)."""
        held, level = self.held, self.level
        # Every list this reads as a local (each member has a dozen levels, and every team report counts
        # every member): the same counts as reading them off `self` each time
        need, need_by_level, first_holder = self.need, self.need_at, self.first_holder
        not_assessed, unrated_at = self.not_assessed, self.unrated_at
        with_gap, gap_sum, counting, gap_counts, gapped = (
            self.with_gap,
            self.gap_sum,
            self.counting,
            self.gap_counts,
            self.gapped,
        )
        highest = self.top - 1
        for skill, current, target, assessed in iter_levels(member):
            if current > highest:
                current = highest
            if assessed:  # someone nobody assessed never counts as holding a skill
                counts = held[skill]
                counts[current] += 1
                if counts[current] == 1:
                    first_holder[skill][current] = number
            if target:
                if target > highest:
                    target = highest
                need[skill] += 1
                need_by_level[skill][target] += 1
                need_at[skill] += 1
                if not assessed:
                    not_assessed[skill] += 1
                    unrated_at[skill][target] += 1
                if target > level[skill]:
                    level[skill] = target
                if target > current:
                    gap_at[skill] += 1
                    with_gap[skill] += 1
                    gap_sum[skill] += target - current
                    if counting:
                        gap_counts[skill][current, target] += 1
                    else:
                        gapped[skill].append(current << 40 | target << 32 | number)  # `pack_gap`, inline

    def best(self, s: int) -> int:
        """The highest assessed level on the team."""
        return max((lv for lv in range(self.top) if self.held[s][lv]), default=0)

    def gaps(self, s: int) -> GapsByLevel:
        """Skill `s`'s gaps for `cohorts`, and frees them (the findings take each skill once)."""
        if self.counting:
            found = gaps_by_level(self.gap_counts[s])
            self.gap_counts[s] = Counter()
        else:
            found = gaps_by_level(self.gapped[s])
            self.gapped[s] = array("Q")
        return found

    def totals(self, k: int) -> Totals | None:
        """The whole team's figures, or None under `k` people."""
        if not self.people or self.people < k:
            return None
        hours = round(self.total_hours, 2)
        return Totals(self.people, hours, self.late_people, round(hours / self.people, 1))
