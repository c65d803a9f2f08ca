"""The team picture: a small summary of each employee's plan, and the rollups L&D staff act on.

A batch keeps one `Member` per employee (a few hundred bytes: levels and step hours packed
into `bytes`), never the plans, so memory stays flat as the workforce grows. `build_team`
turns the members into a `Team`: the heatmap's columns, per-skill gaps and hours, cohorts for
group training, single points of failure, and build-or-buy advice, with privacy applied
(pseudonyms, and figures over fewer than `min_group` people hidden). Everything here is a
pure function of its arguments; the renderers in `render/team.py` only lay it out.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import struct
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from upskill.model import Catalog, Plan, Profile, Scale
from upskill.planning.schedule import choose_activities, weeks_until

LEVEL = struct.Struct("<HBB")  # skill index, current level, target level (0: not needed)
STEP = struct.Struct("<HII")  # skill index, planned hours x 100, hours after the deadline x 100
NEAR = 1  # "near" a level: at most this many levels below it


class Member(NamedTuple):
    """What the team report needs of one employee's plan (not the plan itself)."""

    id: str
    name: str
    role: str  # current role, free text
    target_role: str  # catalog role id
    levels: bytes  # LEVEL records, by skill index
    steps: bytes  # STEP records, in plan order
    total_hours: float
    weeks: int
    completion: str  # ISO date or ""
    deadline: str
    late_steps: int
    gaps: int


class SkillIndex:
    """Catalog skill ids as small numbers, so a member's levels pack into a few bytes."""

    def __init__(self, catalog: Catalog):
        self.ids: tuple[str, ...] = tuple(catalog.skills)
        self.number = {skill: i for i, skill in enumerate(self.ids)}


def summarize(profile: Profile, plan: Plan, index: SkillIndex) -> Member:
    """Reduce a plan to the member record the team report and the index need."""
    # The targets as gaps.targets_for sets them (the role's, then personal ones on top),
    # raised where a prerequisite below its needed level made a gap of its own.
    targets = {r.skill: r.level for r in plan.role.requires}
    targets.update(profile.targets)
    for gap in plan.gaps:
        if gap.target > targets.get(gap.skill, 0):
            targets[gap.skill] = gap.target
    number = index.number
    held = {s: a.level for s, a in profile.skills.items() if a.level > 0}
    pack = LEVEL.pack
    levels = b"".join([pack(number[s], min(held.get(s, 0), 255), min(targets.get(s, 0), 255))
                       for s in sorted(held.keys() | targets.keys(), key=number.__getitem__)])
    summary = plan.summary
    steps = b"".join([STEP.pack(number[s.skill], round(s.hours * 100), round(after * 100))
                      for s, after in zip(plan.steps, hours_after_deadline(plan), strict=True)])
    employee = plan.employee
    return Member(
        id=employee.id, name=employee.name, role=employee.role, target_role=plan.role.id,
        levels=levels, steps=steps, total_hours=summary.total_hours, weeks=summary.weeks,
        completion=summary.completion.isoformat() if summary.completion else "",
        deadline=summary.deadline.isoformat() if summary.deadline else "",
        late_steps=summary.late_steps, gaps=len(plan.gaps),
    )


def hours_after_deadline(plan: Plan) -> list[float]:
    """For each step, the learning hours that fall after the deadline (0 when on time).

    Mirrors `schedule.schedule`: steps laid end to end in whole minutes at the weekly budget;
    the weeks that end on or before the deadline hold `weeks_until(start, deadline) x budget`.
    """
    summary = plan.summary
    if summary.deadline is None:
        return [0.0] * len(plan.steps)
    budget = round(summary.hours_per_week * 60)
    available = weeks_until(summary.start, summary.deadline) * budget
    used = 0
    out = []
    for step in plan.steps:
        minutes = max(1, round(step.hours * 60))
        out.append(max(0, used + minutes - max(used, available)) / 60)
        used += minutes
    return out


# --- the team ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamSettings:
    """How the rollup groups people and what it hides."""

    cohort_min: int = 3  # people sharing a gap at similar levels before a group training is suggested
    cohort_max: int = 25  # larger cohorts are split into sessions of at most this many
    min_group: int = 5  # a figure, list or finding over fewer people is hidden
    anonymize: bool = False
    key: str = ""  # secret mixed into pseudonyms (UPSKILL_ANONYMIZE_KEY), so ids cannot be guessed back

    def shown_id(self, employee_id: str) -> str:
        """The id as every output shows it: the pseudonym when anonymizing (file names, messages too)."""
        return pseudonym(employee_id, self.key) if self.anonymize else employee_id


class Person(NamedTuple):
    """An employee as the report shows them: real, or a pseudonym for both id and name."""

    id: str
    name: str
    role: str
    label: str  # how the report names them: `Ana Ruiz (E1042)`, or the id alone (and every pseudonym)


@dataclass(frozen=True)
class SkillRow:
    """One skill the team needs. A None figure is hidden (computed over fewer than min_group people)."""

    skill: str
    name: str
    level: int  # the highest level anyone's target asks for
    need: int | None  # people whose target includes the skill
    with_gap: int | None
    mean_gap: float | None
    hours: float | None  # planned learning hours to close everyone's gap
    best: int  # the highest current level on the team


@dataclass(frozen=True)
class Cohort:
    """People with a gap in the same skill at similar levels: one group training instead of many."""

    skill: str
    name: str
    low: int  # lowest current level in the group
    high: int  # highest current level (low or low + 1)
    to: int  # the level every member needs at least
    members: tuple[Person, ...]
    activities: tuple[str, ...]  # what the group could take, from the catalog
    hours: float  # hours of those activities, per person
    session: int = 1
    sessions: int = 1


@dataclass(frozen=True)
class SinglePoint:
    """A needed skill that at most one person on the team holds at the level needed."""

    skill: str
    name: str
    level: int
    need: int
    holder: Person | None  # None: nobody


@dataclass(frozen=True)
class Bridge:
    """Build or buy: a skill to bring a specialist in for while the team learns."""

    skill: str
    name: str
    level: int
    late: int | None  # people whose step in this skill ends after their deadline; None: fewer than min_group
    nobody_near: bool  # nobody is within one level of `level`
    best: int
    outside_hours: float


@dataclass(frozen=True)
class Totals:
    """Over the people shown only (`Team.left_out` more were planned): nothing left out is recoverable
    by subtracting the figures of the people shown from these."""

    employees: int
    hours: float
    late: int  # employees with at least one step after their deadline
    hours_per_employee: float


@dataclass(frozen=True)
class Team:
    members: Sequence[Member]  # the per-person views, in display order: target role, then id (or pseudonym)
    people: Sequence[Person]  # parallel to members, anonymized when asked
    columns: tuple[str, ...]  # skill ids of the heatmap: every skill someone's target includes
    rows: tuple[SkillRow, ...]
    cohorts: tuple[Cohort, ...]
    single_points: tuple[SinglePoint, ...]
    bridges: tuple[Bridge, ...]
    totals: Totals | None  # None: the team shown is smaller than min_group
    hidden: int  # findings (group trainings, single points, bridges) left out: over fewer than min_group people
    settings: TeamSettings
    scale: Scale
    skill_names: dict[str, str]
    role_names: dict[str, str]
    failures: tuple[tuple[str, str], ...] = ()  # (input label, first problem): not in the report
    index: SkillIndex | None = field(default=None, repr=False, compare=False)
    left_out: int = 0  # anonymized: people left out of the report (a target role under min_group)
    hidden_bridges: frozenset[str] = frozenset()  # skills whose build-or-buy finding is hidden


def pseudonym(employee_id: str, key: str = "") -> str:
    """A stable pseudonym: the same id (and key) always gives the same `anon-` name."""
    digest = hmac.new(key.encode(), employee_id.encode(), hashlib.sha256).hexdigest()
    return f"anon-{digest[:12]}"


def person(member: Member, settings: TeamSettings) -> Person:
    if settings.anonymize:
        alias = settings.shown_id(member.id)
        return Person(alias, alias, "", alias)
    name, employee_id = member.name, member.id
    return Person(employee_id, name, member.role,
                  f"{name} ({employee_id})" if name and name != employee_id else employee_id)


def anonymized(plan: Plan, settings: TeamSettings) -> Plan:
    """The plan as `--anonymize` writes it: the pseudonym for both id and name, and no current role."""
    alias = settings.shown_id(plan.employee.id)
    return plan._replace(employee=plan.employee._replace(id=alias, name=alias, role=""))


def levels_of(member: Member) -> dict[int, tuple[int, int]]:
    """skill index -> (current, target) for the skills the member holds or needs."""
    return {skill: (current, target) for skill, current, target in LEVEL.iter_unpack(member.levels)}


def build_team(members: Sequence[Member], catalog: Catalog, settings: TeamSettings = TeamSettings(),
               failures: Sequence[tuple[str, str]] = ()) -> Team:
    """Compute the rollup of `members` (each planned against `catalog`).

    Anonymized, the people whose target role fewer than `min_group` share are left out of the
    whole report, figures included: a pseudonym in a role of one is no pseudonym, and a total
    that counted them would give their figures back once the visible people's are subtracted.
    """
    index = SkillIndex(catalog)
    k = max(1, settings.min_group)
    planned = len(members)
    if settings.anonymize and k > 1:
        roles = Counter(m.target_role for m in members)
        if any(n < k for n in roles.values()):
            members = [m for m in members if roles[m.target_role] >= k]
    left_out = planned - len(members)
    shown = [person(m, settings) for m in members]
    # Displayed by target role, then id: the id order re-sorted by role (the sort is stable).
    by_id = sorted(range(len(members)), key=lambda i: (shown[i].id.casefold(), shown[i].id))
    order = sorted(by_id, key=lambda i: members[i].target_role)
    ordered = [members[i] for i in order]
    people = [shown[i] for i in order]
    # Below, a member's number is their place in id order, so cohorts list members by id by
    # sorting plain numbers.
    place = [0] * len(members)
    for number, i in enumerate(by_id):
        place[i] = number
    by_number = [shown[i] for i in by_id]

    n_skills = len(index.ids)
    top = catalog.scale.max_level + 1
    need = [0] * n_skills
    with_gap = [0] * n_skills
    gap_sum = [0] * n_skills
    level = [0] * n_skills
    held = [[0] * top for _ in range(n_skills)]  # people at each current level
    first_holder: list[list[int]] = [[-1] * top for _ in range(n_skills)]
    gapped = [array("Q") for _ in range(n_skills)]  # (current, target, member) packed into one number
    hours = [0.0] * n_skills
    late = [0] * n_skills
    late_hours = [0.0] * n_skills
    for i in order:
        member, number = members[i], place[i]
        for skill, current, target in LEVEL.iter_unpack(member.levels):
            current = min(current, top - 1)
            counts = held[skill]
            counts[current] += 1
            if counts[current] == 1:
                first_holder[skill][current] = number
            if target:
                need[skill] += 1
                if target > level[skill]:
                    level[skill] = target
                if target > current:
                    with_gap[skill] += 1
                    gap_sum[skill] += target - current
                    gapped[skill].append((current << 40) | (target << 32) | number)
        for skill, planned, after in STEP.iter_unpack(member.steps):
            hours[skill] += planned / 100
            if after:
                late[skill] += 1
                late_hours[skill] += after / 100

    columns = tuple(index.ids[s] for s in range(n_skills) if need[s])
    names = {s.id: s.name for s in catalog.skills.values()}
    rows: list[SkillRow] = []
    cohorts: list[Cohort] = []
    points, bridges = [], []
    hidden_bridges: list[str] = []
    hidden = 0
    for s in range(n_skills):
        if not need[s]:
            continue
        skill = index.ids[s]
        best = max((lv for lv in range(top) if held[s][lv]), default=0)
        shown_gap = with_gap[s] >= k or k == 1  # --min-group 1 shows everything, a count of 0 too
        rows.append(SkillRow(
            skill=skill, name=names[skill], level=level[s], need=need[s] if need[s] >= k else None,
            with_gap=with_gap[s] if shown_gap else None,
            mean_gap=(round(gap_sum[s] / with_gap[s], 2) if with_gap[s] else 0.0) if shown_gap else None,
            hours=round(hours[s], 2) if shown_gap else None, best=best,
        ))
        holders = sum(held[s][level[s]:])
        if holders <= 1:
            if need[s] >= k:
                who = next((first_holder[s][lv] for lv in range(level[s], top) if held[s][lv]), -1)
                points.append(SinglePoint(skill, names[skill], level[s], need[s], by_number[who] if who >= 0 else None))
            else:
                hidden += 1
        # Build or buy speaks of a group: everyone with the gap when nobody is near the level (all their
        # hours), else the people who are late (their hours after the deadline). Either must be K or more;
        # a late count under K is left out of a bridge shown for nobody being near.
        nobody_near = best < level[s] - NEAR
        if with_gap[s] and (late[s] or nobody_near):
            if nobody_near and shown_gap:
                bridges.append(Bridge(skill, names[skill], level[s], late[s] if late[s] >= k else None, True, best,
                                      round(hours[s], 2)))
            elif not nobody_near and shown_gap and late[s] >= k:
                bridges.append(Bridge(skill, names[skill], level[s], late[s], False, best, round(late_hours[s], 2)))
            else:
                hidden += 1
                hidden_bridges.append(skill)
        found, small = _cohorts(catalog, skill, names[skill], gapped[s], by_number, settings)
        cohorts.extend(found)
        hidden += small
        gapped[s] = array("Q")  # free as we go
    total_hours = round(sum(m.total_hours for m in ordered), 2)
    totals = None
    if ordered and len(ordered) >= k:
        totals = Totals(len(ordered), total_hours, sum(1 for m in ordered if m.late_steps),
                        round(total_hours / len(ordered), 1))
    return Team(
        members=ordered, people=people, columns=columns, left_out=left_out, rows=tuple(rows), cohorts=tuple(cohorts),
        single_points=tuple(points), bridges=tuple(bridges), totals=totals, hidden=hidden, settings=settings,
        scale=catalog.scale, skill_names=names, role_names={r.id: r.name for r in catalog.roles.values()},
        failures=tuple(failures), index=index, hidden_bridges=frozenset(hidden_bridges),
    )


def cohort_min(settings: TeamSettings) -> int:
    """The fewest people a group training lists: --cohort-min, and never fewer than --min-group."""
    return max(1, settings.cohort_min, settings.min_group)


def _cohorts(catalog: Catalog, skill: str, name: str, packed: array[int], people: Sequence[Person],
             settings: TeamSettings) -> tuple[list[Cohort], int]:
    """Group the people with a gap in `skill` by similar current level; and count the groups hidden.

    A band is one current level, widened to the next level up when everyone at the lower
    level needs at least two levels more, so one training from the lower level serves all.
    Bands of at least `cohort_min(settings)` people become cohorts (those of at least
    --cohort-min but under --min-group are counted as hidden); those above `cohort_max` are
    split into sessions of near-equal size. `packed` holds (current, target, number) per
    person with the gap; `people[number]` is that person, numbered in id order.
    """
    entries = sorted(packed)
    by_level: dict[int, list[tuple[int, int]]] = {}
    for value in entries:
        by_level.setdefault(value >> 40, []).append(((value >> 32) & 0xFF, value & 0xFFFFFFFF))
    out: list[Cohort] = []
    fewest = cohort_min(settings)
    hidden = 0
    levels = sorted(by_level)
    i = 0
    while i < len(levels):
        low = levels[i]
        band = list(by_level[low])
        high = low
        if i + 1 < len(levels) and levels[i + 1] == low + 1 and all(t >= low + 2 for t, _ in band):
            high = low + 1
            band += by_level[high]
            i += 1
        i += 1
        if len(band) < fewest:
            hidden += len(band) >= settings.cohort_min
            continue
        to = min(t for t, _ in band)
        choice = choose_activities(catalog.skills[skill], low, to, catalog.hours_per_level)
        titles = tuple(a.title for a in choice.activities)
        members = [people[m] for m in sorted(m for _, m in band)]  # in id order
        sessions = max(1, math.ceil(len(members) / max(1, settings.cohort_max)))
        size, extra = divmod(len(members), sessions)
        start = 0
        for number in range(1, sessions + 1):
            end = start + size + (1 if number <= extra else 0)
            out.append(Cohort(skill, name, low, high, to, tuple(members[start:end]), titles,
                              round(choice.hours, 2), number, sessions))
            start = end
    return out, hidden
