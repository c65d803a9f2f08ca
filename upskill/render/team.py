"""The team report in every format: Markdown and HTML (templates), JSON, CSV, and a rich terminal view.

Each renderer yields text chunks, so a 100,000-person report streams to its file. Hidden
figures (`None` in the `Team`: computed over fewer than `min_group` people) show as
"fewer than K" (or null in JSON, empty in CSV).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from upskill.batch.team import LEVEL, Member, Person, Team, cohort_min, levels_of
from upskill.render import common
from upskill.render.escape import md, md_text
from upskill.render.jinja import html_template, markdown_template, squeeze_stream

SCHEMA = "upskill.team/1"
CSV_TABLES = ("skills", "gaps", "heatmap")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection");
# the full-width forms too, in some. Such cells get a leading apostrophe, which shows as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(value: object) -> str:
    """A value as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return common.hours(value) if isinstance(value, float) else str(value)
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def team_chunks(team: Team, fmt: str, csv_table: str = "skills") -> Iterator[str]:
    """The report as text chunks in `fmt`: markdown, json, html or csv."""
    if fmt == "markdown":
        yield from squeeze_stream(markdown_template("team.md.j2").generate(_context(team, markdown=True)))
    elif fmt == "html":
        yield from html_template("team.html.j2").generate(_context(team, markdown=False))
    elif fmt == "json":
        yield from _json_chunks(team)
    elif fmt == "csv":
        yield from csv_chunks(team, csv_table)
    else:  # pragma: no cover - the CLI offers only the formats above
        raise ValueError(f"unknown team report format {fmt!r}")


def render_team(team: Team, fmt: str, csv_table: str = "skills") -> str:
    return "".join(team_chunks(team, fmt, csv_table))


# --- shared wording --------------------------------------------------------------------------------------


def hours(value: float) -> str:
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
    return fmt.format(hours(value) if isinstance(value, float) else f"{value:,}")


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
    return ("; ".join(reasons) + ". Bring in an experienced freelance or contract specialist as a bridge while "
            f"the team learns: about {hours(b.outside_hours)} h of outside help.")


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
        sessions = cohorts[i:i + first.sessions]
        i += first.sessions
        people = sum(len(c.members) for c in sessions)
        levels = (team.scale.name(first.low) if first.low == first.high
                  else f"{team.scale.name(first.low)}–{team.scale.name(first.high)}")
        count = f"{people:,} people" + (f" in {len(sessions)} sessions" if len(sessions) > 1 else "")
        yield {"title": f"{first.name}: {levels} → {team.scale.name(first.to)} ({count})",
               "activities": first.activities, "hours": first.hours, "sessions": sessions}


def _context(team: Team, markdown: bool) -> dict[str, Any]:
    anonymized = team.settings.anonymize
    labels = _Labels()
    return {
        "team": team,
        "totals": team.totals,
        "settings": team.settings,
        "anonymized": anonymized,
        "k": team.settings.min_group,
        "head_count": head_count(team),
        "cohort_min": cohort_min(team.settings),
        "columns": [team.skill_names[s] for s in team.columns],
        "heatmap": _markdown_heatmap(team, labels) if markdown else _html_heatmap(team),
        "level": lambda value: level(team, value),
        "figure": lambda value, fmt="{}": figure(team, value, fmt),
        "hours": hours,
        "cohort_groups": lambda: cohort_groups(team),
        "who": lambda p: p.label,
        "members": (lambda c: ", ".join([labels[p.label] for p in c.members])) if markdown
                   else (lambda c: ", ".join(p.label for p in c.members)),
        "advice": lambda b: bridge_advice(team, b),
        "cohort_title": lambda c: cohort_title(team, c),
        "role_name": lambda r: team.role_names.get(r, r),
        "scale": ", ".join(f"{i} {n}" for i, n in enumerate(team.scale.names)),
    }


class _Labels(dict):  # type: ignore[type-arg]
    """label -> its Markdown, escaped once per report: a person appears in the heatmap and in
    several cohorts, and a large team has more people than `md_text`'s cache holds."""

    def __missing__(self, label: str) -> str:
        self[label] = text = md(label)
        return text


# --- heatmap ----------------------------------------------------------------------------------------------


def heatmap(team: Team) -> Iterator[tuple[Member, Person, list[tuple[int, int, bool]]]]:
    """Each member shown, as a person, with (current, target, needed) per heatmap column.

    Target 0 and needed False where the member's role does not ask for the skill.
    """
    assert team.index is not None
    column = {team.index.number[skill]: i for i, skill in enumerate(team.columns)}
    blank = [(0, 0, False)] * len(team.columns)
    for member, who in zip(team.members, team.people, strict=True):
        cells = blank.copy()
        for skill, current, target in LEVEL.iter_unpack(member.levels):
            i = column.get(skill)
            if i is not None:
                cells[i] = (current, target, target > 0)
        yield member, who, cells


def _markdown_heatmap(team: Team, labels: _Labels) -> Iterator[str]:
    for member, who, found in heatmap(team):
        role = md_text(team.role_names.get(member.target_role, member.target_role))
        yield f"| {labels[who.label]} | {role} | {' | '.join(map(_markdown_cell, found))} |\n"


@lru_cache(maxsize=1024)  # a few dozen (current, target, needed) cells recur across the whole team
def _markdown_cell(cell: tuple[int, int, bool]) -> str:
    current, target, needed = cell
    if not needed:
        return str(current) if current else ""
    return f"**{current}/{target}**" if current < target else f"{current}/{target}"


def _html_heatmap(team: Team) -> Iterator[dict[str, Any]]:
    for member, who, found in heatmap(team):
        cells = []
        for current, target, needed in found:
            if needed:
                gap = target - current
                css = "gap2" if gap >= 2 else "gap1" if gap == 1 else "met"
                cells.append({"text": f"{current}/{target}", "css": css})
            else:
                cells.append({"text": str(current) if current else "", "css": "none"})
        yield {"who": who.label,
               "role": team.role_names.get(member.target_role, member.target_role), "cells": cells}


# --- JSON -------------------------------------------------------------------------------------------------


def _json_chunks(team: Team) -> Iterator[str]:
    """Indented JSON with one employee per line, streamed (the employees list can be long)."""
    settings = team.settings
    anonymized = settings.anonymize

    def dump(value: Any) -> str:
        text = json.dumps(value, indent=2, ensure_ascii=False)
        return text.replace("\n", "\n  ")

    totals = team.totals
    head: dict[str, Any] = {
        "schema": SCHEMA,
        "settings": {"cohort_min": settings.cohort_min, "cohort_max": settings.cohort_max,
                     "min_group": settings.min_group, "anonymized": anonymized},
        "scale": list(team.scale.names),
        "totals": None if totals is None else {
            "employees": totals.employees, "hours": common.number(totals.hours), "late": totals.late,
            "hours_per_employee": common.number(totals.hours_per_employee)},
        "skills": [{"skill": r.skill, "name": r.name, "level": r.level, "need": r.need, "with_gap": r.with_gap,
                    "mean_gap": None if r.mean_gap is None else common.number(r.mean_gap),
                    "hours": None if r.hours is None else common.number(r.hours), "best": r.best,
                    "hidden": r.with_gap is None or r.need is None} for r in team.rows],
        "cohorts": [{"skill": c.skill, "name": c.name, "from": [c.low, c.high], "to": c.to,
                     "session": c.session, "sessions": c.sessions, "activities": list(c.activities),
                     "hours": common.number(c.hours), "members": [p.id for p in c.members]} for c in team.cohorts],
        "single_points_of_failure": [{"skill": s.skill, "name": s.name, "level": s.level, "need": s.need,
                                      "holder": None if s.holder is None else s.holder.id}
                                     for s in team.single_points],
        "build_or_buy": [{"skill": b.skill, "name": b.name, "level": b.level, "late": b.late,
                          "nobody_near": b.nobody_near, "best": b.best,
                          "outside_hours": common.number(b.outside_hours), "advice": bridge_advice(team, b)}
                         for b in team.bridges],
        "hidden_findings": team.hidden,
        "left_out_of_employees": team.left_out,
        "not_included": [] if anonymized else [{"input": label, "problem": problem}
                                               for label, problem in team.failures],
        "not_included_count": len(team.failures),
    }
    yield "{\n"
    for key, value in head.items():
        yield f"  {json.dumps(key)}: {dump(value)},\n"
    yield '  "employees": ['
    first = True
    for member, who in zip(team.members, team.people, strict=True):
        assert team.index is not None
        record = {
            "id": who.id, "name": who.name, "role": who.role, "target_role": member.target_role,
            "total_hours": common.number(member.total_hours), "weeks": member.weeks,
            "completion": member.completion or None, "deadline": member.deadline or None,
            "late_steps": member.late_steps,
            "levels": {team.index.ids[s]: [c, t] for s, (c, t) in sorted(levels_of(member).items())},
        }
        yield ("\n    " if first else ",\n    ") + json.dumps(record, ensure_ascii=False)
        first = False
    yield "\n  ]\n}\n" if not first else "]\n}\n"


# --- CSV --------------------------------------------------------------------------------------------------


def csv_chunks(team: Team, table: str = "skills") -> Iterator[str]:
    """One of CSV_TABLES as CSV text, every cell escaped against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def rows() -> Iterable[Sequence[object]]:
        if table == "skills":
            yield from _skill_rows(team)
        elif table == "gaps":
            yield from _gap_rows(team)
        else:
            yield from _heatmap_rows(team)

    for row in rows():
        writer.writerow([csv_cell(v) for v in row])
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _skill_rows(team: Team) -> Iterator[Sequence[object]]:
    points = {s.skill: s for s in team.single_points}
    bridges = {b.skill: b for b in team.bridges}
    yield ("skill", "name", "level_needed", "people_needing", "people_with_gap", "mean_gap", "hours_to_close",
           "best_level_on_team", "single_point_of_failure", "build_or_buy", "outside_help_hours")
    for r in team.rows:
        bridge = bridges.get(r.skill)
        # A finding about a group under --min-group is hidden: say nothing rather than "no".
        point = None if r.need is None else r.skill in points
        buy = None if r.with_gap is None or r.skill in team.hidden_bridges else bridge is not None
        yield (r.skill, r.name, r.level, r.need, r.with_gap, r.mean_gap, r.hours, r.best, point, buy,
               bridge.outside_hours if bridge else None)


def _gap_rows(team: Team) -> Iterator[Sequence[object]]:
    from upskill.batch.team import STEP

    assert team.index is not None
    yield ("employee_id", "name", "target_role", "skill", "skill_name", "current", "target", "gap", "hours",
           "hours_after_deadline")
    for member, who in zip(team.members, team.people, strict=True):
        steps = {s: (h / 100, a / 100) for s, h, a in STEP.iter_unpack(member.steps)}
        for s, (current, target) in sorted(levels_of(member).items()):
            if target > current:
                skill = team.index.ids[s]
                planned, after = steps.get(s, (None, None))
                yield (who.id, who.name, member.target_role, skill, team.skill_names[skill], current, target,
                       target - current, planned, after)


def _heatmap_rows(team: Team) -> Iterator[Sequence[object]]:
    yield ("employee_id", "name", "target_role", *team.columns)
    for member, who, found in heatmap(team):
        cells = [f"{c}/{t}" if needed else (c or None) for c, t, needed in found]
        yield (who.id, who.name, member.target_role, *cells)


# --- the terminal -----------------------------------------------------------------------------------------


def _pack_lines(entries: Sequence[str], width: int, gap: str = "  ") -> list[str]:
    """Entries joined by `gap` into lines of at most `width` terminal cells, never breaking inside
    an entry (unless one alone is wider): `12 Problem-solving` stays on one line."""
    from rich.cells import cell_len  # a CJK character takes two cells

    lines: list[str] = []
    for entry in entries:
        if lines and cell_len(lines[-1]) + cell_len(gap) + cell_len(entry) <= width:
            lines[-1] += gap + entry
        else:
            lines.append(entry)
    return lines


def print_team(team: Team, console: Any) -> None:
    """Print the report to a rich console: the heatmap coloured by gap, then the findings."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    totals = team.totals
    console.print(Text("Team skills report", style="bold"))
    if totals is not None:
        console.print(Text(f"{head_count(team)} · ~{hours(totals.hours)} h of learning planned "
                           f"(~{hours(totals.hours_per_employee)} h each) · {totals.late:,} with steps after "
                           "their deadline", style="dim"))
    else:
        console.print(Text(f"{head_count(team)}: team figures hidden (fewer than "
                           f"{team.settings.min_group}; see --min-group)", style="dim"))

    # Numbered skill columns (legend below) keep 15 skills within 80 columns; rows come grouped by role.
    heat = Table(title="Heatmap: current/target level", title_justify="left", box=None, pad_edge=False,
                 padding=(0, 1, 0, 0), show_edge=False)
    # Names get whatever the skill columns leave (at least 21 characters, the rest cut with an ellipsis).
    name_width = max(21, min(48, console.width - 4 * len(team.columns) - 1))
    heat.add_column("Employee", no_wrap=True, max_width=name_width, overflow="ellipsis")
    for number, _ in enumerate(team.columns, start=1):
        heat.add_column(str(number), justify="center", no_wrap=True, min_width=3)
    styles = {2: "bold white on red", 1: "black on yellow", 0: "green"}
    role = None
    for member, who, found in heatmap(team):
        if member.target_role != role:
            role = member.target_role
            heat.add_row(Text(team.role_names.get(role, role), style="bold"), *[""] * len(team.columns))
        cells: list[str | Text] = []
        for current, target, needed in found:
            if needed:
                cells.append(Text(f"{current}/{target}", style=styles[min(2, max(0, target - current))]))
            else:
                cells.append(Text(str(current) if current else "·", style="dim"))
        heat.add_row(Text(" " + who.label), *cells)
    console.print(heat)
    legend = [f"{n} {team.skill_names[s]}" for n, s in enumerate(team.columns, start=1)]
    for line in _pack_lines(legend, console.width):
        console.print(Text(line, style="dim"))
    console.print(Text("red: 2+ levels below target · yellow: 1 below · green: at target · grey: held, not needed",
                       style="dim"))
    if team.left_out:
        console.print(Text(f"{team.left_out} people in target roles held by fewer than {team.settings.min_group} "
                           "are left out of this report (they would be recognisable), and of every figure in it.",
                           style="dim"))
    console.print()

    skills = Table(title="Skills: the team's gaps", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, justify in (("Skill", "left"), ("Level needed", "left"), ("Need it", "right"),
                          ("With a gap", "right"), ("Mean gap", "right"), ("Hours to close", "right")):
        skills.add_column(name, justify=justify)  # type: ignore[arg-type]
    def short(value: float | None, fmt: str = "{}") -> str:
        return f"<{team.settings.min_group}" if value is None else figure(team, value, fmt)

    for r in team.rows:
        skills.add_row(r.name, team.scale.name(r.level), short(r.need), short(r.with_gap), short(r.mean_gap),
                       short(r.hours, "~{}"))
    console.print(skills)

    def item(text: str, style: str = "", depth: int = 0) -> None:
        """A bullet (depth 0) or a detail line under it, its wrapped lines indented under its first."""
        console.print(Padding(Text(text, style=style), (0, 0, 0, 2), expand=False) if depth else bullet(text, style))

    def bullet(text: str, style: str) -> Table:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row("•", Text(text, style=style))
        return grid

    console.print(Text("Group training (cohorts)", style="bold"))
    if not team.cohorts:
        console.print(Text(f"  none: no {cohort_min(team.settings)} people share a gap at similar levels",
                           style="dim"))
    for group in cohort_groups(team):
        item(group["title"])
        if group["activities"]:
            item(f"suggested: {'; '.join(group['activities'])} (~{hours(group['hours'])} h each)", "dim", 1)
        for c in group["sessions"]:
            label = f"session {c.session}: " if c.sessions > 1 else ""
            item(label + ", ".join(p.label for p in c.members), depth=1)
    console.print()
    console.print(Text("Single points of failure", style="bold"))
    if not team.single_points:
        console.print(Text("  none found", style="dim"))
    for s in team.single_points:
        holder = "nobody" if s.holder is None else f"only {s.holder.label}"
        item(f"{s.name} at {level(team, s.level)}: {holder} (needed by {s.need})",
             "red" if s.holder is None else "yellow")
    console.print()
    console.print(Text("Build or buy", style="bold"))
    if not team.bridges and team.hidden_bridges:
        console.print(Text(f"  none about {team.settings.min_group} or more people", style="dim"))
    elif not team.bridges:
        console.print(Text("  every gap can close in time, and someone is near each level needed", style="dim"))
    for b in team.bridges:
        item(f"{b.name}: {bridge_advice(team, b)}")
    if team.hidden:
        console.print(Text(f"{team.hidden} finding(s) about groups of fewer than {team.settings.min_group} people "
                           "are hidden (--min-group).", style="dim"))
    if team.failures:
        console.print(Text(f"{len(team.failures)} input(s) could not be read and are not included.", style="red"))
