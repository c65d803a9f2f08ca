"""The team report on a terminal (rich): nothing dropped or cut at any width.

The heatmap pages its skill columns: as many as fit beside the full names, then the next page
with the names again, each page saying which skills it shows. Ids are never cut: a name too
long for its column wraps. Over `READABLE` people the heatmap has one row per target role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from upskill.planning.cohorts import cohort_min
from upskill.render.team_common import (
    action_text,
    bridge_advice,
    cohort_groups,
    figure,
    head_count,
    heatmap,
    hidden_groups_note,
    hours_text,
    levels_needed,
    member_list,
    per_person,
    point_text,
    role_heatmap,
)
from upskill.render.terminal import _item, _pack_lines

if TYPE_CHECKING:
    from collections.abc import Sequence

    from upskill.planning.team import Team

_HEAT_STYLES = {2: "bold white on red", 1: "black on yellow", 0: "green"}  # by levels below target (2: two or more)
CELL = 4  # a skill column: `2/4` or `?/3` and one space
_COLOURS = "red: 2+ levels below target · yellow: 1 below · green: at target · ?: not assessed · grey: held, not needed"


def print_team(team: Team, console: Console) -> None:
    """Print the report to a rich console: the actions, the heatmap coloured by gap, then the findings."""
    _heading(team, console)
    _actions(team, console)
    _heatmap(team, console)
    _skills(team, console)
    _cohorts(team, console)
    _sessions(team, console)
    console.print()
    _single_points(team, console)
    console.print()
    _build_or_buy(team, console)
    _groups(team, console)
    if team.hidden:
        console.print(
            Text(
                f"{team.hidden} finding(s) about groups of fewer than {team.settings.min_group} people "
                "are hidden (--min-group).",
                style="dim",
            )
        )
    if team.failures:
        console.print(Text(f"{len(team.failures)} input(s) could not be read and are not included.", style="red"))


def _heading(team: Team, console: Console) -> None:
    totals = team.totals
    console.print(Text("Team skills report", style="bold"))
    if totals is not None:
        console.print(
            Text(
                f"{head_count(team)} · {hours_text(totals.hours)} of learning planned "
                f"({hours_text(totals.hours_per_employee)} each) · {totals.late:,} with steps after "
                "their deadline · hours are estimates",
                style="dim",
            )
        )
    else:
        console.print(
            Text(
                f"{head_count(team)}: team figures hidden (fewer than {team.settings.min_group}; see --min-group)",
                style="dim",
            )
        )
    console.print()


def _actions(team: Team, console: Console, title: str = "Actions") -> None:
    console.print(Text(title, style="bold"))
    found = team.actions
    if not found:
        console.print(Text(f"  none about {team.settings.min_group} or more people", style="dim"))
    for number, action in enumerate(found, start=1):
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(f"{number}.", Text(action_text(team, action)))
        console.print(grid)
    console.print()


def pages(count: int, name_width: int, width: int) -> list[range]:
    """The skill columns of each heatmap page: as many as fit beside a name column of `name_width`."""
    per_page = max(1, (width - name_width - 1) // CELL)
    return [range(first, min(count, first + per_page)) for first in range(0, count, per_page)]


def _heatmap(team: Team, console: Console) -> None:
    if not team.columns:
        console.print(Text("Heatmap: no one's target asks for any skill", style="dim"))
        return
    if not per_person(team):
        _role_heatmap(team, console)
        return
    rows = list(heatmap(team))
    labels = [" " + who.label for _, who, _ in rows]
    # The names keep their full width (up to half the screen; longer ones wrap, never cut); role rows wrap.
    name_width = min(max(cell_len(t) for t in [*labels, "Employee"]), max(21, console.width // 2))
    found = pages(len(team.columns), name_width, console.width)
    for number, page in enumerate(found, start=1):
        title = "Heatmap: current/target level"
        if len(found) > 1:
            title += f" (page {number} of {len(found)}: skills {page.start + 1}–{page.stop} of {len(team.columns)})"
        # The legends come first: after a heatmap of 1,000 people they would be 1,000 lines away.
        console.print(Text(title, style="italic"))
        console.print(Text(_COLOURS, style="dim"))
        legend = [f"{i + 1} {team.skill_names[team.columns[i]]}" for i in page]
        for line in _pack_lines(legend, console.width):
            console.print(Text(line, style="dim"))
        heat = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0), show_edge=False)
        heat.add_column("Employee", width=name_width, overflow="fold")
        for i in page:
            heat.add_column(str(i + 1), justify="center", no_wrap=True, min_width=CELL - 1)
        role = None
        for (member, _, cells), label in zip(rows, labels, strict=True):
            if member.target_role != role:
                role = member.target_role
                heat.add_row(Text(team.role_names.get(role, role), style="bold"), *[""] * len(page))
            heat.add_row(Text(label), *[_cell(cells[i]) for i in page])
        console.print(heat)
        console.print()
    if team.left_out:
        console.print(
            Text(
                f"{team.left_out} people in target roles held by fewer than {team.settings.min_group} "
                "are left out of this report (they would be recognisable), and of every figure in it.",
                style="dim",
            )
        )
    console.print()


def _cell(cell: tuple[int, int, bool, bool]) -> Text:
    current, target, needed, assessed = cell
    if not needed:
        return Text(str(current) if current else "·", style="dim")
    return Text(f"{current if assessed else '?'}/{target}", style=_HEAT_STYLES[min(2, max(0, target - current))])


def _role_heatmap(team: Team, console: Console) -> None:
    """Per target role (or --group-by value), per skill: people with a gap / people needing it (any width)."""
    console.print(
        Text(
            f"Heatmap by {team.heat_by} ({len(team.members):,} people are too many to list): "
            "people with a gap / people whose target includes the skill",
            style="bold",
        )
    )
    for role, count, cells in role_heatmap(team):
        console.print(Text(f"{role} ({count:,} people)", style="bold"))
        entries = [
            f"{team.skill_names[skill]} {c[0]:,}/{c[1]:,}"
            for skill, c in zip(team.columns, cells, strict=True)
            if c is not None
        ]
        for line in _pack_lines(entries, console.width - 2):
            console.print(Text("  " + line))
    console.print(Text("--format csv --csv-table heatmap lists everyone", style="dim"))
    console.print()


def _skills(team: Team, console: Console) -> None:
    def short(value: float | None, fmt: str = "{}") -> str:
        return f"<{team.settings.min_group}" if value is None else figure(team, value, fmt)

    rows = [
        (
            r.name,
            levels_needed(team, r, names_only=True),
            short(r.need),
            short(r.not_assessed),
            short(r.with_gap),
            short(r.mean_gap),
            f"<{team.settings.min_group}" if r.hours is None else hours_text(r.hours),
        )
        for r in team.rows
    ]
    headers = ("Skill", "Levels needed", "Need it", "Not assessed", "With a gap", "Mean gap", "Hours to close")
    skills = Table(title="Skills: the team's gaps", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for i, (name, width) in enumerate(zip(headers, _skill_widths(headers, rows, console.width), strict=True)):
        skills.add_column(name, justify="left" if i < 2 else "right", overflow="fold", width=width)
    for row in rows:
        skills.add_row(*row)
    console.print(skills)


def _skill_widths(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], width: int) -> list[int | None]:
    """Column widths that break no word: the figures as wide as their headers if the skill names
    still fit beside them, else as their widest cell (the headers wrap at spaces); the levels as
    their longest cell, else their longest word ("intermediate to advanced" wraps at spaces); the
    skill the rest. None (rich's own layout, which may fold words) when even that does not fit."""
    columns = list(zip(headers, *rows, strict=True))
    skill_word = max(cell_len(w) for cell in columns[0] for w in cell.split())
    longest_skill = max(cell_len(cell) for cell in columns[0])
    levels = (max(cell_len(cell) for cell in columns[1]), max(cell_len(w) for cell in columns[1] for w in cell.split()))
    for whole_headers, level in ((True, levels[0]), (False, levels[0]), (True, levels[1]), (False, levels[1])):
        fixed = [
            max(
                [cell_len(head) if whole_headers else max(cell_len(w) for w in head.split())]
                + [cell_len(c) for c in cells]
            )
            for head, *cells in columns[2:]
        ]
        # A space of padding either side of the space between two columns, and the table's edges
        skill = width - sum(fixed) - level - 3 * (len(headers) - 1) - 2
        if skill >= skill_word:
            return [min(skill, longest_skill), level, *fixed]
    return [None] * len(headers)


def _cohorts(team: Team, console: Console) -> None:
    found = team.roster
    if found is not None:  # scheduled together: the sessions are the group trainings
        console.print(Text("Group training", style="bold"))
        saved = found.savings.alone_hours - found.savings.planned_hours
        said = (
            f"  the {len(found.sessions):,} scheduled sessions below, saving {hours_text(saved)} of delivery"
            if found.sessions
            else f"  none: no {team.settings.cohort_min} people take a shareable activity in the same weeks"
        )
        console.print(Text(said, style="dim"))
        return
    console.print(Text("Group training proposed (plans not scheduled together)", style="bold"))
    if not team.cohorts:
        console.print(Text(f"  none: no {cohort_min(team.settings)} people share a gap at similar levels", style="dim"))
    for group in cohort_groups(team):
        _item(console, group["title"])
        if group["activities"]:
            _item(console, f"suggested: {'; '.join(group['activities'])} ({hours_text(group['hours'])} each)", "dim", 1)
        if group["dates"]:
            _item(console, f"proposed dates: {group['dates']}", "dim", 1)
        if not group["sessions"][0].members:  # a head count: too many people to list
            _item(console, group["head_count"], depth=1)
            continue
        for c in group["sessions"]:
            label = f"session {c.session} ({c.size:,}): " if c.sessions > 1 else ""
            _item(console, label + member_list(c), depth=1)


NOT_TOGETHER = (
    "The plans were not scheduled together: each person was planned alone, so there are no group sessions "
    "and no mentors from the team."
)


def _sessions(team: Team, console: Console) -> None:
    """The roster scheduled together: the savings, then each session and mentor pair (docs/team.md)."""
    found = team.roster
    if found is None:
        if not team.settings.sessions:
            console.print()
            console.print(Text("Sessions and mentors", style="bold"))
            _item(console, NOT_TOGETHER, "dim")
        return
    console.print()
    console.print(Text("Sessions and mentors (the plans scheduled together)", style="bold"))
    saved = found.savings
    _item(
        console,
        f"delivery hours: {hours_text(saved.alone_hours)} alone, {hours_text(saved.planned_hours)} as planned, "
        f"at least {hours_text(saved.lower_bound_hours)} whatever the weeks; {found.pairs:,} mentor pairs",
    )
    for s in found.sessions:
        members = f": {', '.join(s.members)}" if s.members else ""
        _item(console, f"{s.id} {s.name}: {s.activity}, {s.start} to {s.end} ({s.size}){members}", "dim", 1)
    for m in found.mentoring:
        _item(console, f"{m.mentor} mentors {m.learner} in {m.name}, {m.start} to {m.end}", "dim", 1)


def _single_points(team: Team, console: Console) -> None:
    console.print(Text("Single points of failure", style="bold"))
    if not team.single_points:
        console.print(Text("  none found", style="dim"))
    for s in team.single_points:
        _item(console, f"{s.name} at {point_text(team, s)}", "red" if s.holder is None else "yellow")


def _build_or_buy(team: Team, console: Console) -> None:
    console.print(Text("Build or buy (outside help, by hours)", style="bold"))
    if not team.bridges and team.hidden_bridges:
        console.print(Text(f"  none about {team.settings.min_group} or more people", style="dim"))
    elif not team.bridges:
        console.print(Text("  every gap can close in time, and someone is near each level needed", style="dim"))
    for b in team.bridges:
        _item(console, f"{b.name}: {bridge_advice(team, b)}")


def _groups(team: Team, console: Console) -> None:
    if not team.settings.group_by:
        return
    console.print()
    console.print(Text(f"By {team.settings.group_by}", style="bold"))
    for g in team.groups:
        totals = g.team.totals
        figures = f"{hours_text(totals.hours)} planned, {totals.late:,} late" if totals else "figures hidden"
        console.print()
        _actions(g.team, console, f"{g.name or '(none given)'}: {len(g.team.members):,} people, {figures}")
    if team.hidden_groups:
        console.print(Text(hidden_groups_note(team), style="dim"))
