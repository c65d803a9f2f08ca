"""The team picture: the rollups L&D staff act on, computed from the members of a batch.

`build_team` turns the members (members.py: one small record per employee's plan) into a
`Team`: the heatmap's columns, per-skill gaps and hours, cohorts for group training (cohorts.py),
single points of failure per level needed, build-or-buy advice for the skills that need outside
help, and the same per group (`--group-by`), with privacy applied (pseudonyms, and figures over
fewer than `min_group` people hidden). Everything here is a pure function of its arguments; the
renderers in `render/team.py` only lay it out.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from upskill.model import Catalog, Employee, Scale
from upskill.planning.actions import Action, rank_actions
from upskill.planning.cohorts import Cohort, cohort_min, cohorts
from upskill.planning.members import Member, SkillIndex
from upskill.planning.roster_report import RosterReport
from upskill.planning.tally import Tally, Totals
from upskill.planning.team_records import Person, SinglePoint, SkillRow, TeamBridge, TeamSettings, pseudonym
from upskill.planning.views import Mapped, Sorted, Subset

__all__ = ["Cohort", "Team", "TeamSettings", "Totals", "build_team", "cohort_min", "pseudonym"]

NEAR = 1  # "near" a level: at most this many levels below it
READABLE = 500  # more people than anyone reads one by one: heatmap per role, group trainings as head counts


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
    groups: tuple[Group, ...] = ()  # --group-by: one rollup per value of the attribute, by name
    hidden_groups: int = 0  # groups not shown on their own: under min_group people, and `complement_groups`
    complement_groups: int = 0  # of those, groups of min_group or more hidden so no small one is a difference
    # Over READABLE people, the heatmap's rows: one per --group-by value (else per target role)
    heat_rows: tuple[HeatRow, ...] = ()
    heat_by: str = "target role"  # what a heat row stands for: "target role", or the --group-by attribute
    actions: tuple[Action, ...] = ()  # the ranked actions the report opens with (actions.py), computed once here
    roster: RosterReport | None = None  # the roster scheduled together (sessions.py); None: --no-sessions


class HeatRow(NamedTuple):
    """One row of the heatmap for a team too large to list: a group of people and, per column, their gaps."""

    name: str  # the target role's name, or the --group-by value ("" where the roster gives none)
    people: int
    cells: tuple[tuple[int, int] | None, ...]  # per heatmap column: (people with a gap, people needing it), or None


class Group(NamedTuple):
    """One value of the --group-by attribute and its own rollup (privacy applied within it)."""

    name: str  # the attribute's value ("" where the roster gives none), or its pseudonym
    team: Team


def person(member: Member, settings: TeamSettings) -> Person:
    if settings.anonymize:
        alias = settings.shown_id(member.id)
        return Person(alias, alias, "", alias)
    name, employee_id = member.name, member.id
    return Person(
        employee_id, name, member.role, f"{name} ({employee_id})" if name and name != employee_id else employee_id
    )


def anonymous(employee: Employee, settings: TeamSettings) -> Employee:
    """The employee as `--anonymize` plans and writes them: the pseudonym for both id and name, no
    current role and no HR attributes (a manager's name is one).

    A batch plans from this record, not the real one, so that no text of the plan (the advice
    says "Communication is Ana's own skill") can hold a name: whatever a plan's wording comes to
    say about its employee, it can only say the pseudonym.
    """
    alias = settings.shown_id(employee.id)
    return employee._replace(id=alias, name=alias, role="", attributes=())


def build_team(
    members: Sequence[Member],
    catalog: Catalog,
    settings: TeamSettings = TeamSettings(),
    failures: Sequence[tuple[str, str]] = (),
) -> Team:
    """Compute the rollup of `members` (each planned against `catalog`), and one per group with --group-by.

    Anonymized, the people whose target role fewer than `min_group` share are left out of the
    whole report, figures included: a pseudonym in a role of one is no pseudonym, and a total
    that counted them would give their figures back once the visible people's are subtracted.
    """
    team = _rollup(members, catalog, settings, failures)
    if not settings.group_by:
        return team
    # The people the whole report shows, in the order given (team.members would sort them)
    shown = _in_groups_of_k(members, settings, max(1, settings.min_group))
    groups, hidden, complement = _groups(shown, catalog, settings)
    return replace(team, groups=groups, hidden_groups=hidden, complement_groups=complement)


def _groups(members: Sequence[Member], catalog: Catalog, settings: TeamSettings) -> tuple[tuple[Group, ...], int, int]:
    """One rollup per value of the --group-by attribute, over the people the whole report shows;
    the groups not shown on their own, and how many of those are hidden only as a complement.

    A group of fewer than `min_group` people is not shown on its own (its people still count in
    the whole team's figures): a department of two would give its two people's figures away.
    Anonymized, a group named after a person (a manager) is shown by pseudonym.
    """
    by_value: dict[str, array[int]] = {}  # numbers, not members: a group of a large team stays where it is
    for i, m in enumerate(members):
        by_value.setdefault(m.group, array("I")).append(i)
    k = max(1, settings.min_group)
    hidden = hidden_rows({value: len(found) for value, found in by_value.items()}, k)
    within = replace(settings, group_by="")
    out = [
        Group(group_name(value, settings), _rollup(Subset(members, by_value[value]), catalog, within, ()))
        for value in sorted(by_value, key=lambda v: (v == "", v.casefold(), v))
        if value not in hidden
    ]
    return tuple(out), len(hidden), sum(len(by_value[v]) >= k for v in hidden)


def hidden_rows(sizes: dict[str, int], k: int) -> set[str]:
    """The rows (groups, or heatmap rows) not shown on their own: those of fewer than `k` people and,
    when those hold 1 to k-1 people between them, the smallest other row too.

    The whole team's figures are shown, so whatever the rows shown leave out of them is known:
    the whole minus the rows shown. Hiding a row of 1 alone hid nothing (its hours and late count
    were exactly that difference). With a second row hidden beside it (complementary
    suppression), the difference is the figure of K or more people together, which the report
    may show anyway, and no hidden row's own figure. The smallest other row is the one hidden,
    as it takes the least out of the report.
    """
    hidden = {row for row, n in sizes.items() if n < k}
    if 0 < sum(sizes[row] for row in hidden) < k:
        rest = sorted((row for row in sizes if row not in hidden), key=lambda r: (sizes[r], r.casefold(), r))
        hidden.update(rest[:1])
    return hidden


# Attributes whose values name a person: anonymized, a group so named is shown by pseudonym.
PERSONAL_ATTRIBUTES = frozenset({"manager", "line manager", "supervisor", "reports to"})


def group_name(value: str, settings: TeamSettings) -> str:
    """A --group-by value as the report shows it: its pseudonym when anonymizing and it names a person."""
    personal = settings.anonymize and settings.group_by.strip().casefold() in PERSONAL_ATTRIBUTES
    return pseudonym(value, settings.key) if personal and value else value


def _rollup(
    members: Sequence[Member], catalog: Catalog, settings: TeamSettings, failures: Sequence[tuple[str, str]]
) -> Team:
    """The rollup of `members`: with their names up to READABLE people, else figures only.

    Up to READABLE people, the members are held in memory and every list names them. Past it,
    they are read once, in the order given (a batch's are in a temporary file: store.py), and
    only counted, so memory does not grow with the team; the per-person outputs (JSON
    employees, CSV tables) read them again, in display order (`views.Sorted`).
    """
    index = SkillIndex(catalog)
    k = max(1, settings.min_group)
    planned = len(members)
    members = _in_groups_of_k(members, settings, k)
    tally = Tally(len(index.ids), catalog.scale.max_level + 1, by_group=bool(settings.group_by))
    if len(members) <= READABLE:
        members = list(members)
        shown = [person(m, settings) for m in members]
        # Displayed by target role, then id: the id order re-sorted by role (the sort is stable).
        by_id = sorted(range(len(members)), key=lambda i: (shown[i].id.casefold(), shown[i].id))
        order = sorted(by_id, key=lambda i: members[i].target_role)
        # Below, a member's number is their place in id order, so cohorts list members by id by
        # sorting plain numbers.
        place = [0] * len(members)
        for number, i in enumerate(by_id):
            place[i] = number
        for i in order:
            tally.add(members[i], place[i])
        listed: Sequence[Person] | None = [shown[i] for i in by_id]
        ordered: Sequence[Member] = [members[i] for i in order]
        people: Sequence[Person] = [shown[i] for i in order]
    else:
        # A group training is a head count (100,000 names help nobody plan a session), and a
        # person is looked up by number only as the one holder of a level.
        tally.counting = True
        for i, member in enumerate(members):
            tally.add(member, i)
        listed = None
        ordered = Sorted(members, lambda m: _display_key(m, settings))
        people = Mapped(ordered, lambda m: person(m, settings))
    names = {s.id: s.name for s in catalog.skills.values()}
    holder = listed.__getitem__ if listed is not None else (lambda n: person(members[n], settings))
    findings = _Findings(catalog, settings, tally, names, listed, holder)
    for s, skill in enumerate(index.ids):
        if tally.need[s]:
            findings.add(s, skill)
    # Ranked: the most outside hours first (the figure a budget holder acts on), then by name.
    bridges = sorted(findings.bridges, key=lambda b: (-b.outside_hours, b.name.casefold(), b.skill))
    cohorts = tuple(findings.cohorts)
    points = tuple(findings.points)
    columns = tuple(skill for s, skill in enumerate(index.ids) if tally.need[s])
    return Team(
        members=ordered,
        people=people,
        columns=columns,
        left_out=planned - len(members),
        rows=tuple(findings.rows),
        cohorts=cohorts,
        single_points=points,
        bridges=tuple(bridges),
        actions=rank_actions(cohorts, bridges, points),
        totals=tally.totals(k),
        hidden=findings.hidden,
        settings=settings,
        scale=catalog.scale,
        skill_names=names,
        role_names={r.id: r.name for r in catalog.roles.values()},
        failures=tuple(failures),
        index=index,
        hidden_bridges=frozenset(findings.hidden_bridges),
        heat_rows=_heat_rows(tally, columns, index, catalog, settings) if listed is None else (),
        heat_by=settings.group_by or "target role",
    )


def _display_key(member: Member, settings: TeamSettings) -> str:
    """Sorts as (target role, id casefolded, id) would, in one string (NUL sorts first): the display order."""
    shown = settings.shown_id(member.id)
    return f"{member.target_role}\0{shown.casefold()}\0{shown}"


def _in_groups_of_k(members: Sequence[Member], settings: TeamSettings, k: int) -> Sequence[Member]:
    """Anonymized, the members whose target role at least `k` share; else all of them."""
    if settings.anonymize and k > 1:
        roles = Counter(m.target_role for m in members)
        if any(n < k for n in roles.values()):
            return Subset(members, array("I", (i for i, m in enumerate(members) if roles[m.target_role] >= k)))
    return members


def _heat_rows(
    tally: Tally, columns: tuple[str, ...], index: SkillIndex, catalog: Catalog, settings: TeamSettings
) -> tuple[HeatRow, ...]:
    """One heatmap row per target role (or --group-by value) of at least --min-group people.

    A row of fewer people is left out (its people count in the skill table), and beside it the
    smallest other row when it alone would be the skill table minus the rows shown
    (`hidden_rows`); a cell's figures are over the row's people, so they are shown whole.
    """
    k = max(1, settings.min_group)
    numbers = [index.number[skill] for skill in columns]
    roles = {r.id: r.name for r in catalog.roles.values()}
    rows = []
    hidden = hidden_rows({key: count[0] for key, (count, _, _) in tally.heat.items()}, k)
    for key, (count, gap, need) in tally.heat.items():
        if key in hidden:
            continue
        name = group_name(key, settings) if tally.by_group else roles.get(key, key)
        cells = tuple((gap[n], need[n]) if need[n] else None for n in numbers)
        rows.append(HeatRow(name, count[0], cells))
    return tuple(sorted(rows, key=lambda r: (r.name == "", r.name.casefold(), r.name)))


OUTSIDE_HELP = ("specialist", "coach")  # the bridge kinds build-or-buy speaks of; pairing and manager stay in-house


class _Findings:
    """The rows and findings of the report, skill by skill, with what privacy hides counted."""

    def __init__(
        self,
        catalog: Catalog,
        settings: TeamSettings,
        tally: Tally,
        names: dict[str, str],
        by_number: Sequence[Person] | None,
        holder: Callable[[int], Person],
    ):
        self.catalog, self.settings, self.tally, self.names, self.by_number = catalog, settings, tally, names, by_number
        self.holder = holder  # the person numbered so in the tally
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
        kind = self.catalog.planning.bridge_kind(self.catalog.skills[skill].category)
        self.rows.append(
            SkillRow(
                skill=skill,
                name=self.names[skill],
                level=t.level[s],
                lowest=next((lv for lv in range(1, t.top) if t.need_at[s][lv]), t.level[s]) if t.need[s] >= k else None,
                need=t.need[s] if t.need[s] >= k else None,
                with_gap=t.with_gap[s] if shown_gap else None,
                mean_gap=(round(t.gap_sum[s] / t.with_gap[s], 2) if t.with_gap[s] else 0.0) if shown_gap else None,
                hours=round(t.hours[s], 2) if shown_gap else None,
                best=best,
                not_assessed=t.not_assessed[s] if t.need[s] >= k else None,
                kind=kind,
            )
        )
        self._single_point(s, skill)
        if kind in OUTSIDE_HELP:
            self._bridge(s, skill, best, shown_gap, kind)
        found, small = cohorts(
            self.catalog,
            skill,
            self.names[skill],
            t.gaps(s),
            self.by_number,
            self.settings,
            self.settings.start,
        )
        self.cohorts.extend(found)
        self.hidden += small

    def _single_point(self, s: int, skill: str) -> None:
        """The highest level needed that at most one (assessed) person holds; the other levels needed beside it."""
        t, k = self.tally, self.k
        needed = [lv for lv in range(t.top - 1, 0, -1) if t.need_at[s][lv]]
        holders = {lv: sum(t.held[s][lv:]) for lv in needed}
        short = [lv for lv in needed if holders[lv] <= 1]
        if not short:
            return
        if t.need[s] < k:
            self.hidden += 1
            return
        level = short[0]
        who = next((t.first_holder[s][lv] for lv in range(level, t.top) if t.held[s][lv]), -1)
        need = t.need_at[s][level]
        self.points.append(
            SinglePoint(
                skill,
                self.names[skill],
                level,
                need if need >= k else None,
                self.holder(who) if who >= 0 else None,
                t.unrated_at[s][level] if need >= k else None,
                tuple((lv, t.need_at[s][lv], holders[lv]) for lv in needed if lv != level and t.need_at[s][lv] >= k),
            )
        )

    def _bridge(self, s: int, skill: str, best: int, shown_gap: bool, kind: str) -> None:
        # Build or buy speaks of a group: everyone with the gap when nobody is near the level (all their
        # hours), else the people who are late (their hours after the deadline). Either must be K or more;
        # a late count under K is left out of a bridge shown for nobody being near.
        t, k, name = self.tally, self.k, self.names[skill]
        nobody_near = best < t.level[s] - NEAR
        if not (t.with_gap[s] and (t.late[s] or nobody_near)):
            return
        late = t.late[s] if t.late[s] >= k else None
        if nobody_near and shown_gap:
            self.bridges.append(TeamBridge(skill, name, t.level[s], late, True, best, round(t.hours[s], 2), kind))
        elif not nobody_near and shown_gap and t.late[s] >= k:
            self.bridges.append(
                TeamBridge(skill, name, t.level[s], t.late[s], False, best, round(t.late_hours[s], 2), kind)
            )
        else:
            self.hidden += 1
            self.hidden_bridges.append(skill)
