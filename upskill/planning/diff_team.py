"""`upskill diff OLD_ROSTER NEW_ROSTER`: a team's movement between two rosters (`upskill.diff/1`, kind `roster`).

People are matched by employee id; each person's targets are their role's requirements with their
personal targets (as plans take them). Privacy follows the team report (docs/team.md): a figure
over fewer than `min_group` people is None, a group under `min_group` is not shown on its own
(counted in `hidden_groups`), and with `anonymize` people are named by their pseudonyms only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from upskill.model import Catalog, Profile
from upskill.planning.gaps import targets_for
from upskill.planning.team_records import TeamSettings

SCHEMA = "upskill.diff/1"


class Moved(NamedTuple):
    """One person seen in both rosters: their levels then and now, and their targets."""

    id: str
    name: str
    group: str
    old: dict[str, int]
    new: dict[str, int]
    targets: dict[str, int]


def diff_rosters(
    old: Sequence[Profile], new: Sequence[Profile], catalog: Catalog, team: TeamSettings
) -> dict[str, Any]:
    """The movement as plain data, keys in a fixed order (docs/json.md)."""
    before = {p.employee.id: p for p in old}
    people = [_moved(before[p.employee.id], p, catalog, team) for p in new if p.employee.id in before]
    people.sort(key=lambda m: m.id)
    now = {p.employee.id for p in new}
    moved = [m for m in people if any(m.new.get(s, 0) != m.old.get(s, 0) for s in {*m.old, *m.new})]
    groups, hidden = _groups(people, team)
    return {
        "schema": SCHEMA,
        "kind": "roster",
        "settings": {"min_group": team.min_group, "anonymize": team.anonymize, "group_by": team.group_by},
        "people": {
            "compared": len(people),
            "only_old": sum(1 for i in before if i not in now),
            "only_new": sum(1 for i in now if i not in before),
            "moved": len(moved),
        },
        "skills": _skills(people, catalog, team.min_group),
        "groups": groups,
        "hidden_groups": hidden,
        "moved": [
            {
                "id": m.id,
                "name": m.name,
                "skills": [
                    {
                        "skill": s,
                        "name": catalog.skills[s].name if s in catalog.skills else s,
                        "old": m.old.get(s, 0),
                        "new": m.new.get(s, 0),
                        "target": m.targets.get(s),
                    }
                    for s in sorted({*m.old, *m.new})
                    if m.old.get(s, 0) != m.new.get(s, 0)
                ],
            }
            for m in moved
        ],
    }


def _moved(old: Profile, new: Profile, catalog: Catalog, team: TeamSettings) -> Moved:
    role = catalog.roles.get(new.employee.target_role)
    targets = {s: t.level for s, t in targets_for(new, role).items()} if role is not None else dict(new.targets)
    shown = team.shown_id(new.employee.id)
    return Moved(
        id=shown,
        name=shown if team.anonymize else new.employee.name,
        group=dict(new.employee.attributes).get(team.group_by, "") if team.group_by else "",
        old={s: a.level for s, a in old.skills.items()},
        new={s: a.level for s, a in new.skills.items()},
        targets=targets,
    )


def _closed(m: Moved, skill: str) -> bool:
    target = m.targets.get(skill)
    return target is not None and m.old.get(skill, 0) < target <= m.new.get(skill, 0)


def _skills(people: Sequence[Moved], catalog: Catalog, min_group: int) -> list[dict[str, Any]]:
    out = []
    for skill in sorted({s for m in people for s in (*m.targets, *m.old, *m.new)}):
        concerned = [m for m in people if skill in m.targets or skill in m.old or skill in m.new]
        up = sum(1 for m in concerned if m.new.get(skill, 0) > m.old.get(skill, 0))
        down = sum(1 for m in concerned if m.new.get(skill, 0) < m.old.get(skill, 0))
        if not up and not down:
            continue
        shown = len(concerned) >= min_group
        gained = sum(m.new.get(skill, 0) - m.old.get(skill, 0) for m in concerned)
        out.append(
            {
                "skill": skill,
                "name": catalog.skills[skill].name if skill in catalog.skills else skill,
                "people": len(concerned),
                "moved_up": up if shown else None,
                "moved_down": down if shown else None,
                "levels_gained": gained if shown else None,
                "gaps_closed": sum(1 for m in concerned if _closed(m, skill)) if shown else None,
            }
        )
    return out


def _groups(people: Sequence[Moved], team: TeamSettings) -> tuple[list[dict[str, Any]], int]:
    if not team.group_by:
        return [], 0
    by: dict[str, list[Moved]] = {}
    for m in people:
        by.setdefault(m.group or "(none)", []).append(m)
    shown, hidden = [], 0
    for name in sorted(by):
        members = by[name]
        if len(members) < team.min_group:
            hidden += 1
            continue
        shown.append(
            {
                "name": name,
                "people": len(members),
                "moved_up": sum(1 for m in members if any(m.new.get(s, 0) > m.old.get(s, 0) for s in m.new)),
                "levels_gained": sum(m.new.get(s, 0) - m.old.get(s, 0) for m in members for s in {*m.old, *m.new}),
                "gaps_closed": sum(1 for m in members for s in m.targets if _closed(m, s)),
            }
        )
    return shown, hidden
