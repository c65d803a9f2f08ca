"""The roster scheduled together (planning/roster_report.py) in the team report's JSON and CSV tables.

Apart from team.py, which renders everything else of the report, to keep each module short.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from upskill.render import common

if TYPE_CHECKING:
    from upskill.planning.team import Team


def roster_json(team: Team) -> dict[str, Any]:
    """The roster scheduled together: sessions, mentor pairs and the savings (null and empty: --no-sessions)."""
    found = team.roster
    if found is None:
        return {"sessions": [], "mentoring": [], "savings": None}
    return {
        "sessions": [
            {
                "id": s.id,
                "skill": s.skill,
                "name": s.name,
                "activity": s.activity,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "size": s.size,
                "hours": common.number(s.hours),
                "members": list(s.members),
            }
            for s in found.sessions
        ],
        "mentoring": [
            {
                "mentor": m.mentor,
                "learner": m.learner,
                "skill": m.skill,
                "hours_per_week": common.number(m.hours_per_week),
                "start": m.start.isoformat(),
                "end": m.end.isoformat(),
            }
            for m in found.mentoring
        ],
        "mentor_pairs": found.pairs,
        "learning_alone": found.alone,
        "steps_without_mentor": found.unmatched,
        "savings": {
            "alone_hours": common.number(found.savings.alone_hours),
            "planned_hours": common.number(found.savings.planned_hours),
            "lower_bound_hours": common.number(found.savings.lower_bound_hours),
        },
    }


def roster_rows(team: Team, table: str) -> Iterator[Sequence[object]]:
    """The roster scheduled together: one row per group session, or per mentor pair (docs/team.md).

    Members and pairs are listed only where the report lists people; with --no-sessions nothing was
    scheduled together and the table is its header alone.
    """
    found = team.roster
    if table == "sessions":
        yield ("session", "skill", "skill_name", "activity", "start", "end", "size", "hours", "members")
        for s in found.sessions if found else ():
            yield (
                s.id,
                s.skill,
                s.name,
                s.activity,
                s.start.isoformat(),
                s.end.isoformat(),
                s.size,
                s.hours,
                " ".join(s.members),
            )
        return
    yield ("mentor", "learner", "skill", "skill_name", "hours_per_week", "start", "end")
    for m in found.mentoring if found else ():
        yield (m.mentor, m.learner, m.skill, m.name, m.hours_per_week, m.start.isoformat(), m.end.isoformat())
