"""The team picture: the rollups L&D staff act on, computed from the members of a batch.

`build_team` turns the members (members.py: one small record per employee's plan) into a
`Team`: the heatmap's columns, per-skill gaps and hours, cohorts for group training, single
points of failure, and build-or-buy advice, with privacy applied (pseudonyms, and figures over
fewer than `min_group` people hidden). Everything here is a pure function of its arguments; the
renderers in `render/team.py` only lay it out.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from upskill.model import Catalog, Plan, Scale
from upskill.planning.members import Member, SkillIndex, iter_levels, iter_steps
from upskill.planning.schedule import choose_activities

NEAR = 1  # "near" a level: at most this many levels below it


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
class TeamBridge:
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
    bridges: tuple[TeamBridge, ...]
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
    return Person(
        employee_id, name, member.role, f"{name} ({employee_id})" if name and name != employee_id else employee_id
    )


def anonymized(plan: Plan, settings: TeamSettings) -> Plan:
    """The plan as `--anonymize` writes it: the pseudonym for both id and name, and no current role."""
    alias = settings.shown_id(plan.employee.id)
    return plan._replace(employee=plan.employee._replace(id=alias, name=alias, role=""))


def build_team(
    members: Sequence[Member],
    catalog: Catalog,
    settings: TeamSettings = TeamSettings(),
    failures: Sequence[tuple[str, str]] = (),
) -> Team:
    """Compute the rollup of `members` (each planned against `catalog`).

    Anonymized, the people whose target role fewer than `min_group` share are left out of the
    whole report, figures included: a pseudonym in a role of one is no pseudonym, and a total
    that counted them would give their figures back once the visible people's are subtracted.
    """
    index = SkillIndex(catalog)
    k = max(1, settings.min_group)
    planned = len(members)
    members = _in_groups_of_k(members, settings, k)
    shown = [person(m, settings) for m in members]
    # Displayed by target role, then id: the id order re-sorted by role (the sort is stable).
    by_id = sorted(range(len(members)), key=lambda i: (shown[i].id.casefold(), shown[i].id))
    order = sorted(by_id, key=lambda i: members[i].target_role)
    ordered = [members[i] for i in order]
    # Below, a member's number is their place in id order, so cohorts list members by id by
    # sorting plain numbers.
    place = [0] * len(members)
    for number, i in enumerate(by_id):
        place[i] = number
    tally = _Tally(len(index.ids), catalog.scale.max_level + 1)
    for i in order:
        tally.add(members[i], place[i])
    names = {s.id: s.name for s in catalog.skills.values()}
    findings = _Findings(catalog, settings, tally, names, [shown[i] for i in by_id])
    for s, skill in enumerate(index.ids):
        if tally.need[s]:
            findings.add(s, skill)
    return Team(
        members=ordered,
        people=[shown[i] for i in order],
        columns=tuple(skill for s, skill in enumerate(index.ids) if tally.need[s]),
        left_out=planned - len(members),
        rows=tuple(findings.rows),
        cohorts=tuple(findings.cohorts),
        single_points=tuple(findings.points),
        bridges=tuple(findings.bridges),
        totals=_totals(ordered, k),
        hidden=findings.hidden,
        settings=settings,
        scale=catalog.scale,
        skill_names=names,
        role_names={r.id: r.name for r in catalog.roles.values()},
        failures=tuple(failures),
        index=index,
        hidden_bridges=frozenset(findings.hidden_bridges),
    )


def _in_groups_of_k(members: Sequence[Member], settings: TeamSettings, k: int) -> Sequence[Member]:
    """Anonymized, the members whose target role at least `k` share; else all of them."""
    if settings.anonymize and k > 1:
        roles = Counter(m.target_role for m in members)
        if any(n < k for n in roles.values()):
            return [m for m in members if roles[m.target_role] >= k]
    return members


def _totals(ordered: Sequence[Member], k: int) -> Totals | None:
    total_hours = round(sum(m.total_hours for m in ordered), 2)
    if ordered and len(ordered) >= k:
        return Totals(
            len(ordered), total_hours, sum(1 for m in ordered if m.late_steps), round(total_hours / len(ordered), 1)
        )
    return None


# A gap of one person in one skill, packed into one number that sorts by current level, then
# target, then person: cohorts group a skill's gaps by sorting plain numbers.
def _pack_gap(current: int, target: int, number: int) -> int:
    return (current << 40) | (target << 32) | number


def _unpack_gap(value: int) -> tuple[int, int, int]:
    return value >> 40, (value >> 32) & 0xFF, value & 0xFFFFFFFF


class _Tally:
    """Counts per skill (by skill index) over the members shown, gathered in one pass over them."""

    def __init__(self, n_skills: int, top: int):
        self.top = top  # levels 0 .. top - 1
        self.need = [0] * n_skills  # people whose target includes the skill
        self.with_gap = [0] * n_skills
        self.gap_sum = [0] * n_skills
        self.level = [0] * n_skills  # the highest level anyone's target asks for
        self.held = [[0] * top for _ in range(n_skills)]  # people at each current level
        self.first_holder: list[list[int]] = [[-1] * top for _ in range(n_skills)]  # by number, at each level
        self.gapped = [array("Q") for _ in range(n_skills)]  # each gap, _pack_gap(current, target, number)
        self.hours = [0.0] * n_skills
        self.late = [0] * n_skills  # people whose step in the skill ends after their deadline
        self.late_hours = [0.0] * n_skills

    def add(self, member: Member, number: int) -> None:
        """Count one member, `number` in id order."""
        top, held, level = self.top, self.held, self.level
        for skill, current, target in iter_levels(member):
            current = min(current, top - 1)
            counts = held[skill]
            counts[current] += 1
            if counts[current] == 1:
                self.first_holder[skill][current] = number
            if target:
                self.need[skill] += 1
                if target > level[skill]:
                    level[skill] = target
                if target > current:
                    self.with_gap[skill] += 1
                    self.gap_sum[skill] += target - current
                    self.gapped[skill].append(_pack_gap(current, target, number))
        for skill, planned, after in iter_steps(member):
            self.hours[skill] += planned
            if after:
                self.late[skill] += 1
                self.late_hours[skill] += after

    def best(self, s: int) -> int:
        """The highest current level on the team."""
        return max((lv for lv in range(self.top) if self.held[s][lv]), default=0)


class _Findings:
    """The rows and findings of the report, skill by skill, with what privacy hides counted."""

    def __init__(
        self,
        catalog: Catalog,
        settings: TeamSettings,
        tally: _Tally,
        names: dict[str, str],
        by_number: Sequence[Person],
    ):
        self.catalog, self.settings, self.tally, self.names, self.by_number = catalog, settings, tally, names, by_number
        self.k = max(1, settings.min_group)
        self.rows: list[SkillRow] = []
        self.cohorts: list[Cohort] = []
        self.points: list[SinglePoint] = []
        self.bridges: list[TeamBridge] = []
        self.hidden_bridges: list[str] = []
        self.hidden = 0  # findings left out: over fewer than min_group people

    def add(self, s: int, skill: str) -> None:
        """The findings about skill `s` (`skill` its id), which someone's target needs."""
        t, k = self.tally, self.k
        best = t.best(s)
        shown_gap = t.with_gap[s] >= k or k == 1  # --min-group 1 shows everything, a count of 0 too
        self.rows.append(
            SkillRow(
                skill=skill,
                name=self.names[skill],
                level=t.level[s],
                need=t.need[s] if t.need[s] >= k else None,
                with_gap=t.with_gap[s] if shown_gap else None,
                mean_gap=(round(t.gap_sum[s] / t.with_gap[s], 2) if t.with_gap[s] else 0.0) if shown_gap else None,
                hours=round(t.hours[s], 2) if shown_gap else None,
                best=best,
            )
        )
        self._single_point(s, skill)
        self._bridge(s, skill, best, shown_gap)
        found, small = _cohorts(self.catalog, skill, self.names[skill], t.gapped[s], self.by_number, self.settings)
        self.cohorts.extend(found)
        self.hidden += small
        t.gapped[s] = array("Q")  # free as we go

    def _single_point(self, s: int, skill: str) -> None:
        t = self.tally
        level = t.level[s]
        if sum(t.held[s][level:]) > 1:
            return
        if t.need[s] >= self.k:
            who = next((t.first_holder[s][lv] for lv in range(level, t.top) if t.held[s][lv]), -1)
            self.points.append(
                SinglePoint(skill, self.names[skill], level, t.need[s], self.by_number[who] if who >= 0 else None)
            )
        else:
            self.hidden += 1

    def _bridge(self, s: int, skill: str, best: int, shown_gap: bool) -> None:
        # Build or buy speaks of a group: everyone with the gap when nobody is near the level (all their
        # hours), else the people who are late (their hours after the deadline). Either must be K or more;
        # a late count under K is left out of a bridge shown for nobody being near.
        t, k, name = self.tally, self.k, self.names[skill]
        nobody_near = best < t.level[s] - NEAR
        if not (t.with_gap[s] and (t.late[s] or nobody_near)):
            return
        if nobody_near and shown_gap:
            self.bridges.append(
                TeamBridge(
                    skill, name, t.level[s], t.late[s] if t.late[s] >= k else None, True, best, round(t.hours[s], 2)
                )
            )
        elif not nobody_near and shown_gap and t.late[s] >= k:
            self.bridges.append(TeamBridge(skill, name, t.level[s], t.late[s], False, best, round(t.late_hours[s], 2)))
        else:
            self.hidden += 1
            self.hidden_bridges.append(skill)


def cohort_min(settings: TeamSettings) -> int:
    """The fewest people a group training lists: --cohort-min, and never fewer than --min-group."""
    return max(1, settings.cohort_min, settings.min_group)


def _cohorts(
    catalog: Catalog, skill: str, name: str, packed: array[int], people: Sequence[Person], settings: TeamSettings
) -> tuple[list[Cohort], int]:
    """Group the people with a gap in `skill` by similar current level; and count the groups hidden.

    A band is one current level, widened to the next level up when everyone at the lower
    level needs at least two levels more, so one training from the lower level serves all.
    Bands of at least `cohort_min(settings)` people become cohorts (those of at least
    --cohort-min but under --min-group are counted as hidden); those above `cohort_max` are
    split into sessions of near-equal size. `packed` holds (current, target, number) per
    person with the gap; `people[number]` is that person, numbered in id order.
    """
    by_level: dict[int, list[tuple[int, int]]] = {}
    for value in sorted(packed):  # by current level, then target, then number
        current, target, number = _unpack_gap(value)
        by_level.setdefault(current, []).append((target, number))
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
        for session in range(1, sessions + 1):
            end = start + size + (1 if session <= extra else 0)
            out.append(
                Cohort(
                    skill,
                    name,
                    low,
                    high,
                    to,
                    tuple(members[start:end]),
                    titles,
                    round(choice.hours, 2),
                    session,
                    sessions,
                )
            )
            start = end
    return out, hidden
