"""Words and numbers every team renderer shows the same way: hours, hidden figures, cohorts, the heatmap.

Shared by render/team.py (Markdown, HTML, JSON, CSV) and render/terminal.py (the rich view);
like render/common.py for plans. Imports neither Jinja2 nor rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from upskill.planning.members import Member, iter_levels
from upskill.render import common

if TYPE_CHECKING:
    from upskill.planning.team import Person, Team


def hours_grouped(value: float) -> str:
    """`common.hours` with thousands separators: `513,218`, `2,039.5`, `12`."""
    text = common.hours(value)
    whole, dot, fraction = text.partition(".")
    return f"{int(whole):,}{dot}{fraction}" if whole.lstrip("-").isdigit() else text


def level(team: Team, value: int) -> str:
    return common.level(team.scale, value)


def hidden(team: Team) -> str:
    return f"fewer than {team.settings.min_group}"


def figure(team: Team, value: float | None, fmt: str = "{}") -> str:
    """A figure, or the words saying it is hidden."""
    if value is None:
        return hidden(team)
    return fmt.format(hours_grouped(value) if isinstance(value, float) else f"{value:,}")


def head_count(team: Team) -> str:
    """`12 people`, or `9 of 12 people shown` when people are left out (no figure counts them)."""
    shown = len(team.members)
    if team.left_out:
        return f"{shown:,} of {shown + team.left_out:,} people shown"
    return f"{shown:,} {'person' if shown == 1 else 'people'}"


def bridge_advice(team: Team, b: Any) -> str:
    reasons = []
    if b.nobody_near:
        reasons.append(f"nobody on the team is near {level(team, b.level)} (the best is {level(team, b.best)})")
    if b.late:  # None: fewer than --min-group people, left unsaid
        reasons.append(f"{b.late} {'person' if b.late == 1 else 'people'} cannot close the gap by their deadline")
    return (
        "; ".join(reasons) + ". Bring in an experienced freelance or contract specialist as a bridge while "
        f"the team learns: about {hours_grouped(b.outside_hours)} h of outside help."
    )


def cohort_title(team: Team, c: Any) -> str:
    levels = team.scale.name(c.low) if c.low == c.high else f"{team.scale.name(c.low)}–{team.scale.name(c.high)}"
    session = f", session {c.session} of {c.sessions}" if c.sessions > 1 else ""
    return f"{c.name}: {levels} → {team.scale.name(c.to)} ({len(c.members)} people{session})"


def cohort_groups(team: Team) -> Iterator[dict[str, Any]]:
    """The cohorts with their sessions together: one heading and one suggestion per group training."""
    i = 0
    cohorts = team.cohorts
    while i < len(cohorts):
        first = cohorts[i]
        sessions = cohorts[i : i + first.sessions]
        i += first.sessions
        people = sum(len(c.members) for c in sessions)
        levels = (
            team.scale.name(first.low)
            if first.low == first.high
            else f"{team.scale.name(first.low)}–{team.scale.name(first.high)}"
        )
        count = f"{people:,} people" + (f" in {len(sessions)} sessions" if len(sessions) > 1 else "")
        yield {
            "title": f"{first.name}: {levels} → {team.scale.name(first.to)} ({count})",
            "activities": first.activities,
            "hours": first.hours,
            "sessions": sessions,
        }


def heatmap(team: Team) -> Iterator[tuple[Member, Person, list[tuple[int, int, bool]]]]:
    """Each member shown, as a person, with (current, target, needed) per heatmap column.

    Target 0 and needed False where the member's role does not ask for the skill.
    """
    assert team.index is not None
    column = {team.index.number[skill]: i for i, skill in enumerate(team.columns)}
    blank = [(0, 0, False)] * len(team.columns)
    for member, who in zip(team.members, team.people, strict=True):
        cells = blank.copy()
        for skill, current, target in iter_levels(member):
            i = column.get(skill)
            if i is not None:
                cells[i] = (current, target, target > 0)
        yield member, who, cells
