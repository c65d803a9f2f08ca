"""Words and numbers every team renderer shows the same way: hours, hidden figures, cohorts, the heatmap.

Shared by render/team.py (Markdown, HTML, JSON, CSV) and render/terminal.py (the rich view);
like render/common.py for plans. Imports neither Jinja2 nor rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from upskill.planning.members import Member, iter_levels
from upskill.render import common

if TYPE_CHECKING:
    from upskill.planning.cohorts import Cohort
    from upskill.planning.team import Team
    from upskill.planning.team_records import Person


# Once per distinct figure: the roster's mentor rows (~3 an employee in a batch's team.md) show a handful of
# weekly hours over and over, and the text costs a partition, an int() and a format each time
@lru_cache(maxsize=1024)
def hours_grouped(value: float) -> str:
    """`common.hours` with thousands separators: `513,218`, `2,039.5`, `12`."""
    text = common.hours(value)
    whole, dot, fraction = text.partition(".")
    return f"{int(whole):,}{dot}{fraction}" if whole.lstrip("-").isdigit() else text


def level(team: Team, value: int) -> str:
    return common.level(team.scale, value)


def levels_needed(team: Team, row: Any, names_only: bool = False) -> str:
    """`3 intermediate`, or `2 beginner to 4 advanced` when people's targets differ: the highest
    alone read as if everyone needed it. `up to 4 advanced` when the lowest is hidden (min_group)."""
    show = team.scale.name if names_only else (lambda value: level(team, value))  # names: the terminal's
    if row.lowest is None:
        return f"up to {show(row.level)}"
    return show(row.level) if row.lowest == row.level else f"{show(row.lowest)} to {show(row.level)}"


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


def hours_text(value: float) -> str:
    """Hours, the one way every team output writes them: `1,089 h` (the report says once that hours are estimates).

    Rounded as far as an estimate supports (`common.approx`): `1,290 h`, never `1,289.53 h`.
    """
    return f"{hours_grouped(common.approx(value))} h"


def hours_figure(team: Team, value: float | None) -> str:
    """`h`, or the words saying the figure is hidden."""
    return hidden(team) if value is None else hours_text(value)


_HELP = {
    "specialist": "Bring in an experienced freelance or contract specialist as a bridge while the team learns",
    "coach": "Bring in an external coach while the team learns",
}


def bridge_advice(team: Team, b: Any) -> str:
    reasons = []
    if b.nobody_near:
        reasons.append(
            f"nobody on the team is near {level(team, b.level)} (the best assessed is {level(team, b.best)})"
        )
    if b.late:  # None: fewer than --min-group people, left unsaid
        reasons.append(f"{b.late:,} {'person' if b.late == 1 else 'people'} cannot close the gap by their deadline")
    return (
        "; ".join(reasons)
        + f". {_HELP.get(b.kind, _HELP['specialist'])}: {hours_text(b.outside_hours)} of outside help."
    )


def _levels(team: Team, c: Any) -> str:
    return team.scale.name(c.low) if c.low == c.high else f"{team.scale.name(c.low)}–{team.scale.name(c.high)}"


def cohort_title(team: Team, c: Any) -> str:
    if c.session == 0:  # a head count, for all the sessions
        session = f" in {c.sessions:,} sessions" if c.sessions > 1 else ""
    else:
        session = f", session {c.session} of {c.sessions}" if c.sessions > 1 else ""
    return f"{c.name}: {_levels(team, c)} → {team.scale.name(c.to)} ({c.size:,} people{session})"


def dates(c: Any) -> str:
    """`from 2027-01-04 to 2027-03-26`, or "" without a start date."""
    return f"{c.start.isoformat()} to {c.end.isoformat()}" if c.start and c.end else ""


def cohort_groups(team: Team) -> Iterator[dict[str, Any]]:
    """The cohorts with their sessions together: one heading and one suggestion per group training."""
    from upskill.planning.actions import saved_hours, session_count, training_groups

    for sessions in training_groups(team.cohorts):
        first = sessions[0]
        people, n = sum(c.size for c in sessions), session_count(sessions)
        count = f"{people:,} people" + (f" in {n:,} sessions" if n > 1 else "")
        yield {
            "title": f"{first.name}: {_levels(team, first)} → {team.scale.name(first.to)} ({count})",
            "activities": first.activities,
            "hours": first.hours,
            "sessions": sessions,
            "dates": dates(first),
            "saved": saved_hours(sessions),
            "head_count": session_sizes(sessions),
        }


def session_sizes(sessions: tuple[Cohort, ...]) -> str:
    """`10,000 people in 400 sessions of 25`, `51 people in 3 sessions of 17`, `52 ... of 17 or 18`, `12 people`."""
    from upskill.planning.actions import session_count

    people, count = sum(c.size for c in sessions), session_count(sessions)
    if count == 1:
        return f"{people:,} people"
    low, high = people // count, -(-people // count)  # near-equal sizes, as the sessions are split
    sizes = f"{low:,}" if low == high else f"{low:,} or {high:,}"
    return f"{people:,} people in {count:,} sessions of {sizes}"


MEMBER_SEPARATOR = "; "  # names hold commas ("Okafor, Chidi"), so a list of them never uses one


def member_list(c: Any) -> str:
    """The people of a cohort session, `; `-separated (names may hold commas)."""
    return MEMBER_SEPARATOR.join(p.label for p in c.members)


def point_text(team: Team, s: Any) -> str:
    """`advanced: needed by 2, held by nobody (2 not assessed); 6 more need beginner (held by 3)`."""
    need = figure(team, s.need)
    holder = "nobody" if s.holder is None else f"only {s.holder.label}"
    unrated = f" ({s.not_assessed:,} not assessed)" if s.not_assessed else ""
    text = f"{level(team, s.level)}: needed by {need}, held by {holder}{unrated}"
    for lv, count, holders in s.others:
        text += f"; {count:,} more need {team.scale.name(lv)} (held by {holders:,})"
    return text


def action_text(team: Team, a: Any) -> str:
    """One action of the ranked list, with its figure first."""
    if a.kind == "training":
        from upskill.planning.actions import session_count

        first = a.training[0]
        people = sum(c.size for c in a.training)
        sessions = session_count(a.training)
        when = f", proposed for {dates(first)}" if first.start else ""  # nobody's plan holds these dates
        each = common.approx(first.hours)  # the sum spelt out adds up in the rounded hours it shows
        return (
            f"Organise one group training in {first.name} ({_levels(team, first)} → {team.scale.name(first.to)}) "
            f"for {people:,} people in {sessions:,} session{'' if sessions == 1 else 's'}{when}: "
            f"saves {hours_grouped((people - sessions) * each)} h of training time, ({people:,} people − {sessions:,} "
            f"session{'' if sessions == 1 else 's'}) × {hours_text(each)}."
        )
    if a.kind == "session":
        return session_action_text(a.sessions)
    if a.kind == "gap":
        _, name, activity, more = a.gap
        return (
            f"{hours_text(a.figure)} more of delivery could be saved if people took the same activities in the "
            f"same weeks: the most, {hours_text(more)}, in {name} ({activity})."
        )
    if a.kind == "outside":
        b = a.bridge
        who = "a specialist" if b.kind == "specialist" else "a coach"
        return f"Bring in {who} for {b.name} ({level(team, b.level)}): {hours_text(b.outside_hours)} of outside help."
    s = a.point
    unrated = f" ({s.not_assessed:,} of them not assessed)" if s.not_assessed else ""
    return f"Key-person risk in {s.name}: {level(team, s.level)} needed by {s.need:,}{unrated}, held by nobody."


def session_action_text(sessions: Any) -> str:
    """One activity's scheduled sessions: dates, sizes and the delivery hours saved, spelt out."""
    first = sessions[0]
    people, n = sum(s.size for s in sessions), len(sessions)
    each = common.approx(first.hours)
    shown = sessions[:3]
    if n == 1:  # its size is said just before
        when = f"{first.start.isoformat()} to {first.end.isoformat()}"
    else:
        when = "; ".join(f"{s.start.isoformat()} to {s.end.isoformat()} ({s.size:,} people)" for s in shown)
    if n > 3:
        when += f"; and {n - 3:,} more"
    plural = "" if n == 1 else "s"
    return (
        f"Run the group training in {first.name} ({first.activity}) as scheduled, {n:,} session{plural} "
        f"for {people:,} people: {when}. It saves {hours_grouped((people - n) * each)} h of delivery, "
        f"({people:,} people − {n:,} session{plural}) × {hours_text(each)}."
    )


Cell = tuple[int, int, bool, bool]  # current, target, needed, assessed


def heatmap(team: Team) -> Iterator[tuple[Member, Person, list[Cell]]]:
    """Each member shown, as a person, with (current, target, needed, assessed) per heatmap column.

    Target 0 and needed False where the member's role does not ask for the skill.
    """
    assert team.index is not None
    column = {team.index.number[skill]: i for i, skill in enumerate(team.columns)}
    blank = [(0, 0, False, True)] * len(team.columns)
    for member, who in zip(team.members, team.people, strict=True):
        cells = blank.copy()
        for skill, current, target, assessed in iter_levels(member):
            i = column.get(skill)
            if i is not None:
                cells[i] = (current, target, target > 0, assessed)
        yield member, who, cells


def per_person(team: Team) -> bool:
    """Whether the heatmap lists people (else one row per target role: `role_heatmap`)."""
    from upskill.planning.team import READABLE

    return len(team.members) <= READABLE


def role_heatmap(team: Team) -> list[tuple[str, int, tuple[tuple[int, int] | None, ...]]]:
    """The heatmap of a team too large to list: (row name, people, per column (with a gap, needing) or None).

    One row per target role, or per --group-by value (`team.heat_by`); rows of fewer than
    --min-group people are left out by the rollup (planning/team.py).
    """
    return [(row.name or "(none given)", row.people, row.cells) for row in team.heat_rows]


def heat_by(team: Team) -> tuple[str, str]:
    """What a row of the large team's heatmap stands for: (in a sentence, as a column header)."""
    return team.heat_by, team.heat_by[:1].upper() + team.heat_by[1:]


def hidden_groups_note(team: Team) -> str:
    """The sentence saying which --group-by groups are not shown on their own, and why ("" when none)."""
    n, k, extra = team.hidden_groups, team.settings.min_group, team.complement_groups
    if not n:
        return ""
    small = n - extra
    note = f"{small:,} group{'' if small == 1 else 's'} of fewer than {k:,} people {'is' if small == 1 else 'are'}"
    note += f" not shown on {'its' if small == 1 else 'their'} own"
    if extra:
        note += (
            f", nor {'is' if extra == 1 else 'are'} the next smallest {extra:,}, so that no small group's figures "
            "are the whole team's minus the groups shown"
        )
    return note + " (their people count in the figures above)."
