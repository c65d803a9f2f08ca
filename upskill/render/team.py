"""The team report as files: Markdown and HTML (templates), JSON and CSV (the rich view: render/terminal.py).

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

from upskill.planning.members import iter_steps, levels_of
from upskill.planning.team import Team, cohort_min
from upskill.render import common
from upskill.render.escape import md, md_text
from upskill.render.jinja import html_template, markdown_template, squeeze_stream
from upskill.render.team_common import (
    MEMBER_SEPARATOR,
    Cell,
    action_text,
    bridge_advice,
    cohort_groups,
    cohort_title,
    dates,
    figure,
    head_count,
    heat_by,
    heatmap,
    hidden_groups_note,
    hours_figure,
    hours_grouped,
    hours_text,
    level,
    levels_needed,
    member_list,
    per_person,
    point_text,
    role_heatmap,
)
from upskill.render.team_roster import roster_json, roster_rows

SCHEMA = "upskill.team/3"
# The CSV a spreadsheet opens as columns: Excel in English-speaking locales reads `,` and a decimal
# point; in most of Europe (decimal comma) it reads `;`, a decimal comma (`16.25` there is text, or
# a date) and needs the BOM to take the file as UTF-8. (delimiter, BOM, decimal mark)
CSV_DIALECTS = {"excel": (",", "", "."), "excel-eu": (";", "\ufeff", ",")}
CSV_TABLES = ("skills", "gaps", "heatmap", "sessions", "mentoring")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection");
# the full-width forms too, in some. Such cells get a leading apostrophe, which shows as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(value: object, decimal: str = ".") -> str:
    """A value as a CSV cell that a spreadsheet reads back as the same value, never runs as a formula.

    Numbers are plain (no exponent, no thousands separator), with `decimal` as the decimal mark.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # `:g` would write 1234567.5 as `1.23457e+06`; six places hold every figure the report rounds.
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text.replace(".", decimal)
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def team_chunks(team: Team, fmt: str, csv_table: str = "skills", csv_dialect: str = "excel") -> Iterator[str]:
    """The report as text chunks in `fmt`: markdown, json, html or csv (in `csv_dialect`)."""
    if fmt == "markdown":
        yield from squeeze_stream(markdown_template("team.md.j2").generate(_context(team, markdown=True)))
    elif fmt == "html":
        yield from html_template("team.html.j2").generate(_context(team, markdown=False))
    elif fmt == "json":
        yield from _json_chunks(team)
    elif fmt == "csv":
        yield from csv_chunks(team, csv_table, csv_dialect)
    else:  # pragma: no cover - the CLI offers only the formats above
        raise ValueError(f"unknown team report format {fmt!r}")


def render_team(team: Team, fmt: str, csv_table: str = "skills", csv_dialect: str = "excel") -> str:
    return "".join(team_chunks(team, fmt, csv_table, csv_dialect))


def _context(team: Team, markdown: bool) -> dict[str, Any]:
    anonymized = team.settings.anonymize
    labels = _Labels()
    people = per_person(team)
    return {
        "actions": [action_text(team, a) for a in team.actions],
        "per_person": people,
        "role_heatmap": role_heatmap(team) if not people else [],
        "heat_by": heat_by(team),
        "point_text": lambda p: point_text(team, p),
        "dates": dates,
        "hours_text": hours_text,
        "group_by": team.settings.group_by,
        "groups": [(g.name, g.team, [action_text(g.team, a) for a in g.team.actions]) for g in team.groups],
        "hidden_groups_note": hidden_groups_note(team),
        "team": team,
        "totals": team.totals,
        "settings": team.settings,
        "anonymized": anonymized,
        "k": team.settings.min_group,
        "head_count": head_count(team),
        "cohort_min": cohort_min(team.settings),
        "columns": [team.skill_names[s] for s in team.columns],
        "heatmap": (_markdown_heatmap(team, labels) if markdown else _html_heatmap(team)) if people else iter(()),
        "level": lambda value: level(team, value),
        "levels_needed": lambda row: levels_needed(team, row),
        "figure": lambda value, fmt="{}": figure(team, value, fmt),
        "hours_figure": lambda value: hours_figure(team, value),
        "hours": hours_grouped,
        "cohort_groups": lambda: cohort_groups(team),
        "who": lambda p: p.label,
        "members": (lambda c: MEMBER_SEPARATOR.join([labels[p.label] for p in c.members])) if markdown else member_list,
        "advice": lambda b: bridge_advice(team, b),
        "cohort_title": lambda c: cohort_title(team, c),
        "role_name": lambda r: team.role_names.get(r, r),
        "scale": ", ".join(f"{i} {n}" for i, n in enumerate(team.scale.names)),
        "roster": team.roster,
        # The roster's tables, a row per session and per mentor pair (a few per person), made here as whole lines:
        # through the template each row was a dozen chunks
        "session_rows": _session_rows(team, labels) if markdown else iter(()),
        "mentor_rows": _mentor_rows(team, labels) if markdown else iter(()),
    }


class _Labels(dict):  # type: ignore[type-arg]
    """label -> its Markdown, escaped once per report: a person appears in the heatmap and in
    several cohorts, and a large team has more people than `md_text`'s cache holds."""

    def __missing__(self, label: str) -> str:
        self[label] = text = md(label)
        return text


# --- the roster scheduled together -----------------------------------------------------------------------


def _session_rows(team: Team, labels: _Labels) -> Iterator[str]:
    """The Markdown rows of the roster's sessions: ids escaped once per report, catalog words through the cache."""
    k = team.settings.min_group
    for s in team.roster.sessions if team.roster else ():
        if s.members:
            who = ", ".join([labels[m] for m in s.members])
        else:
            who = f"fewer than {k}: not listed" if s.size < k else "not listed"
        yield f"| {s.id} | {md_text(s.name)} | {md_text(s.activity)} | {s.start} to {s.end} | {s.size} | {who} |\n"


def _mentor_rows(team: Team, labels: _Labels) -> Iterator[str]:
    """The Markdown rows of the roster's mentor pairs."""
    for m in team.roster.mentoring if team.roster else ():
        yield (
            f"| {labels[m.mentor]} | {labels[m.learner]} | {md_text(m.name)} | {hours_grouped(m.hours_per_week)} | "
            f"{m.start} to {m.end} |\n"
        )


# --- heatmap ----------------------------------------------------------------------------------------------


def _markdown_heatmap(team: Team, labels: _Labels) -> Iterator[str]:
    # The role heads its group of rows once (a row of its own), not on every row.
    role = None
    blank = " |" * len(team.columns)
    for member, who, found in heatmap(team):
        if member.target_role != role:
            role = member.target_role
            yield f"| **{md_text(team.role_names.get(role, role))}** |{blank}\n"
        yield f"| {labels[who.label]} | {' | '.join(map(_markdown_cell, found))} |\n"


def cell_text(cell: Cell) -> str:
    """`2/4`; `?/3` for a skill nobody assessed (counted as 0); a bare level held but not needed."""
    current, target, needed, assessed = cell
    if not needed:
        return str(current) if current else ""
    return f"{current if assessed else '?'}/{target}"


@lru_cache(maxsize=1024)  # a few dozen cells recur across the whole team
def _markdown_cell(cell: Cell) -> str:
    text = cell_text(cell)
    return f"**{text}**" if cell[2] and cell[0] < cell[1] else text


def _html_heatmap(team: Team) -> Iterator[dict[str, Any]]:
    role = None
    for member, who, found in heatmap(team):
        cells = []
        for cell in found:
            current, target, needed, _ = cell
            if needed:
                gap = target - current
                css = "gap2" if gap >= 2 else "gap1" if gap == 1 else "met"
            else:
                css = "none"
            cells.append({"text": cell_text(cell), "css": css})
        head = None
        if member.target_role != role:
            role = member.target_role
            head = team.role_names.get(role, role)
        yield {"who": who.label, "role": head, "cells": cells}


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
        "settings": {
            "cohort_min": settings.cohort_min,
            "cohort_max": settings.cohort_max,
            "min_group": settings.min_group,
            "anonymized": anonymized,
            "group_by": settings.group_by or None,
            "start": settings.start.isoformat() if settings.start else None,
        },
        "actions": [_json_action(team, a) for a in team.actions],
        "scale": list(team.scale.names),
        "totals": None
        if totals is None
        else {
            "employees": totals.employees,
            "hours": common.number(totals.hours),
            "late": totals.late,
            "hours_per_employee": common.number(totals.hours_per_employee),
        },
        "skills": [
            {
                "skill": r.skill,
                "name": r.name,
                "level": r.level,
                "lowest_level": r.lowest,
                "need": r.need,
                "with_gap": r.with_gap,
                "mean_gap": None if r.mean_gap is None else common.number(r.mean_gap),
                "hours": None if r.hours is None else common.number(r.hours),
                "best": r.best,
                "not_assessed": r.not_assessed,
                "bridge_kind": r.kind,
                "hidden": r.with_gap is None or r.need is None,
            }
            for r in team.rows
        ],
        "cohorts": [
            {
                "skill": c.skill,
                "name": c.name,
                "from": [c.low, c.high],
                "to": c.to,
                "session": c.session or None,  # None: one entry for all the sessions (too many people to list)
                "sessions": c.sessions,
                "activities": list(c.activities),
                "hours": common.number(c.hours),
                "size": c.size,
                "start": c.start.isoformat() if c.start else None,
                "end": c.end.isoformat() if c.end else None,
                "members": [p.id for p in c.members],
            }
            for c in team.cohorts
        ],
        **roster_json(team),
        "single_points_of_failure": [
            {
                "skill": s.skill,
                "name": s.name,
                "level": s.level,
                "need": s.need,
                "not_assessed": s.not_assessed,
                "holder": None if s.holder is None else s.holder.id,
                "other_levels": [{"level": lv, "need": n, "held_by": held} for lv, n, held in s.others],
            }
            for s in team.single_points
        ],
        "build_or_buy": [
            {
                "skill": b.skill,
                "name": b.name,
                "level": b.level,
                "late": b.late,
                "nobody_near": b.nobody_near,
                "best": b.best,
                "outside_hours": common.number(b.outside_hours),
                "kind": b.kind,
                "advice": bridge_advice(team, b),
            }
            for b in team.bridges
        ],
        "hidden_findings": team.hidden,
        "left_out_of_employees": team.left_out,
        "not_included": []
        if anonymized
        else [{"input": label, "problem": problem} for label, problem in team.failures],
        "not_included_count": len(team.failures),
        "groups": [
            {
                "name": g.name,
                "people": len(g.team.members),
                "hours": None if g.team.totals is None else common.number(g.team.totals.hours),
                "late": None if g.team.totals is None else g.team.totals.late,
                "actions": [_json_action(g.team, a) for a in g.team.actions],
            }
            for g in team.groups
        ],
        "hidden_groups": team.hidden_groups,
    }
    yield "{\n"
    for key, value in head.items():
        yield f"  {json.dumps(key)}: {dump(value)},\n"
    yield '  "employees": ['
    first = True
    for member, who in zip(team.members, team.people, strict=True):
        assert team.index is not None
        record = {
            "id": who.id,
            "name": who.name,
            "role": who.role,
            "target_role": member.target_role,
            "total_hours": common.number(member.total_hours),
            "weeks": member.weeks,
            "completion": member.completion or None,
            "deadline": member.deadline or None,
            "late_steps": member.late_steps,
            "levels": {team.index.ids[s]: [c, t] for s, (c, t, _) in sorted(levels_of(member).items())},
            "not_assessed": [team.index.ids[s] for s, (_, t, a) in sorted(levels_of(member).items()) if t and not a],
        }
        yield ("\n    " if first else ",\n    ") + json.dumps(record, ensure_ascii=False)
        first = False
    yield "\n  ]\n}\n" if not first else "]\n}\n"


def _json_action(team: Team, a: Any) -> dict[str, Any]:
    if a.kind == "gap":
        skill = a.gap[0]  # the activity above its bound the most (the figure is the whole roster's)
    elif a.sessions:
        skill = a.sessions[0].skill
    else:
        skill = a.training[0].skill if a.training else a.bridge.skill if a.bridge else a.point.skill
    return {"kind": a.kind, "skill": skill, "figure": common.number(a.figure), "text": action_text(team, a)}


# --- CSV --------------------------------------------------------------------------------------------------


def csv_chunks(team: Team, table: str = "skills", dialect: str = "excel") -> Iterator[str]:
    """One of CSV_TABLES as CSV text in `dialect` (CSV_DIALECTS), every cell escaped against formula injection."""
    delimiter, bom, decimal = CSV_DIALECTS[dialect]
    buffer = io.StringIO()
    buffer.write(bom)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")

    def rows() -> Iterable[Sequence[object]]:
        if table == "skills":
            yield from _skill_rows(team)
        elif table == "gaps":
            yield from _gap_rows(team)
        elif table in ("sessions", "mentoring"):
            yield from roster_rows(team, table)
        else:
            yield from _heatmap_rows(team)

    for row in rows():
        writer.writerow([csv_cell(v, decimal) for v in row])
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _skill_rows(team: Team) -> Iterator[Sequence[object]]:
    points = {s.skill: s for s in team.single_points}
    bridges = {b.skill: b for b in team.bridges}
    yield (
        "skill",
        "name",
        "level_needed",
        "lowest_level_needed",
        "people_needing",
        "people_with_gap",
        "mean_gap",
        "hours_to_close",
        "best_level_on_team",
        "single_point_of_failure",
        "build_or_buy",
        "outside_help_hours",
        "not_assessed",
        "bridge_kind",
    )
    for r in team.rows:
        bridge = bridges.get(r.skill)
        # A finding about a group under --min-group is hidden: say nothing rather than "no".
        point = None if r.need is None else r.skill in points
        buy = None if r.with_gap is None or r.skill in team.hidden_bridges else bridge is not None
        yield (
            r.skill,
            r.name,
            r.level,
            r.lowest,
            r.need,
            r.with_gap,
            r.mean_gap,
            r.hours,
            r.best,
            point,
            buy,
            bridge.outside_hours if bridge else None,
            r.not_assessed,
            r.kind,
        )


def _gap_rows(team: Team) -> Iterator[Sequence[object]]:
    assert team.index is not None
    yield (
        "employee_id",
        "name",
        "target_role",
        "skill",
        "skill_name",
        "current",
        "target",
        "gap",
        "hours",
        "hours_after_deadline",
        "assessed",
    )
    for member, who in zip(team.members, team.people, strict=True):
        steps = {s: (h, a) for s, h, a in iter_steps(member)}
        for s, (current, target, assessed) in sorted(levels_of(member).items()):
            if target > current:
                skill = team.index.ids[s]
                planned, after = steps.get(s, (None, None))
                yield (
                    who.id,
                    who.name,
                    member.target_role,
                    skill,
                    team.skill_names[skill],
                    current,
                    target,
                    target - current,
                    planned,
                    after,
                    assessed,
                )


def _heatmap_rows(team: Team) -> Iterator[Sequence[object]]:
    """Current and target as two number columns per skill: a cell `1/3` would open as a date.

    An empty current beside a target: nobody assessed the person (planned from 0); an empty
    target: the person's role does not ask for the skill.
    """
    yield (
        "employee_id",
        "name",
        "target_role",
        *(f"{s} ({end})" for s in team.columns for end in ("current", "target")),
    )
    for member, who, found in heatmap(team):
        cells: list[int | None] = []
        for current, target, needed, assessed in found:
            cells += [current if assessed and (needed or current) else None, target if needed else None]
        yield (who.id, who.name, member.target_role, *cells)
