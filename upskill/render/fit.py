"""`upskill fit` as text: one person's ranked roles, or each person's top roles, in table, Markdown, JSON or CSV.

The JSON shape is `upskill.fit/1` (docs/taxonomies.md): `roles[]` with `rank`, `role`, `name`,
`readiness` (0..1), `hours`, `gaps` and `late_steps`; a role with in-demand or hot technologies
(O*NET's flags) has `technologies: {in_demand_or_hot, used}`; `--explain` adds each role's `terms`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from upskill.model import Citation, Scale
from upskill.planning.fit import Fit, RoleFit
from upskill.planning.technologies import Technologies, flagged_technologies
from upskill.render import FIT_FORMATS
from upskill.render.common import hours, number
from upskill.render.escape import md_text, visible

SCHEMA = "upskill.fit/1"
FORMATS = tuple(FIT_FORMATS)
READINESS = (
    "readiness = the weighted share of the role's required levels already held; "
    "hours, gaps and late steps are those of the plan for that role"
)
CSV_COLUMNS = ("employee_id", "employee_name", "rank", "role", "role_name", "readiness", "hours", "gaps", "late_steps")


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _columns(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    rows = [[visible(cell) for cell in row] for row in rows]  # escaped before measuring: the columns stay aligned
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _role_row(rank: int, fit: RoleFit) -> list[str]:
    return [
        str(rank),
        fit.role.id,
        fit.role.name,
        percent(fit.readiness),
        hours(fit.hours),
        str(fit.gaps),
        str(fit.late_steps),
    ]


def fit_to_dict(fit: Fit, explain: bool = False) -> dict[str, Any]:
    """One person's fit as plain data, keys in a fixed order."""
    roles = []
    for rank, found in enumerate(fit.ranked, start=1):
        item: dict[str, Any] = {
            "rank": rank,
            "role": found.role.id,
            "name": found.role.name,
            "readiness": round(found.readiness, 4),
            "hours": number(found.hours),
            "gaps": found.gaps,
            "late_steps": found.late_steps,
        }
        technologies = _technologies(fit, found)
        if technologies is not None:
            item["technologies"] = {
                "in_demand_or_hot": len(technologies.flagged),
                "used": [t.name for t in technologies.flagged if technologies.uses(t)],
            }
        if explain:
            item["terms"] = [
                {"skill": t.skill, "name": t.name, "held": t.held, "required": t.required, "weight": number(t.weight)}
                for t in found.terms
            ]
        roles.append(item)
    employee = fit.employee
    return {
        "schema": SCHEMA,
        "employee": {"id": employee.id, "name": employee.name, "role": employee.role},
        "roles_ranked": fit.roles,
        "roles": roles,
        "sources": [_source(s) for s in fit.sources],
    }


def _source(source: Citation) -> dict[str, str]:
    return {"id": source.id, "publisher": source.publisher, "title": source.title, "note": source.note}


def render_fit(fit: Fit, scale: Scale, fmt: str, *, explain: bool = False) -> str:
    """One person's ranked roles in `fmt` (FORMATS)."""
    if fmt == "json":
        return json.dumps(fit_to_dict(fit, explain), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return roster_csv([fit])
    if fmt == "markdown":
        return _markdown(fit, scale, explain)
    return _table(fit, scale, explain)


def _table(fit: Fit, scale: Scale, explain: bool) -> str:
    employee = fit.employee
    lines = [f"Role fit for {employee.title}: {len(fit.ranked)} of {fit.roles} roles", ""]
    rows = [["#", "ROLE", "NAME", "READY", "HOURS", "GAPS", "LATE"]]
    rows += [_role_row(rank, found) for rank, found in enumerate(fit.ranked, start=1)]
    lines += _columns(rows, right=(0, 3, 4, 5, 6))
    if explain:
        for rank, found in enumerate(fit.ranked, start=1):
            lines += ["", f"{rank}. {found.role.name}: {_sum(found)}"]
            lines += [f"   {_term(t, scale)}" for t in found.terms]
    lines += _technology_lines(fit, str)
    lines += ["", READINESS + "."]
    lines += [f"Source: {_cited(s)}" for s in fit.sources]
    return visible("\n".join(lines)) + "\n"


def _cited(source: Citation) -> str:
    """`title (publisher, date)`: the JSON output carries each source's note too (an imported catalog's credit)."""
    return f"{source.title} ({', '.join(p for p in (source.publisher, source.date) if p)})"


def _sum(found: RoleFit) -> str:
    counted = sum(t.counted for t in found.terms)
    possible = sum(t.possible for t in found.terms)
    return f"{number(round(counted, 2))} of {number(round(possible, 2))} weighted levels = {percent(found.readiness)}"


def _term(term: Any, scale: Scale) -> str:
    weight = f"{number(term.weight)} x " if term.weight != 1 else ""
    return (
        f"{term.name}: holds {term.held} {scale.name(term.held)}, needs {term.required} {scale.name(term.required)}"
        f" -> {weight}{min(term.held, term.required)} of {weight}{term.required}"
    )


def _markdown(fit: Fit, scale: Scale, explain: bool) -> str:
    employee = fit.employee
    lines = [
        f"# Role fit: {md_text(employee.title)}",
        "",
        f"{len(fit.ranked)} of {fit.roles} roles, closest first. {md_text(READINESS[0].upper() + READINESS[1:])}.",
        "",
        "| # | Role | Readiness | Hours to close | Gaps | Late steps |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {rank} | {md_text(f.role.name)} (`{f.role.id}`) | {percent(f.readiness)} | {hours(f.hours)} | {f.gaps} "
        f"| {f.late_steps} |"
        for rank, f in enumerate(fit.ranked, start=1)
    ]
    if explain:
        lines += ["", "## How readiness was computed"]
        for rank, found in enumerate(fit.ranked, start=1):
            lines += ["", f"**{rank}. {md_text(found.role.name)}**: {_sum(found)}", ""]
            lines += [f"- {md_text(_term(t, scale))}" for t in found.terms]
    found_lines = _technology_lines(fit, md_text)
    if found_lines:
        lines += ["", "## Technologies in demand or hot", "", *found_lines[2:]]
    if fit.sources:
        lines += ["", "## Sources of the skills' figures", ""]
        lines += [f"- {md_text(_cited(s))}" for s in fit.sources]
    return "\n".join(lines) + "\n"


def render_roster(fits: Sequence[Fit], fmt: str) -> str:
    """Each person's top roles: a table, Markdown, CSV (one row per person and role) or JSON."""
    if fmt == "csv":
        return roster_csv(fits)
    if fmt == "json":
        people = [fit_to_dict(f) for f in fits]
        return json.dumps({"schema": SCHEMA, "people": people}, indent=2, ensure_ascii=False) + "\n"
    rows = [["ID", "NAME", "#", "ROLE", "READY", "HOURS", "GAPS", "LATE"]]
    for fit in fits:
        for rank, found in enumerate(fit.ranked, start=1):
            who = [fit.employee.id, fit.employee.name] if rank == 1 else ["", ""]
            rows.append([*who, *_role_row(rank, found)[:2], *_role_row(rank, found)[3:]])
    if fmt == "markdown":
        lines = ["# Closest roles", "", "| ID | Name | # | Role | Readiness | Hours | Gaps | Late steps |"]
        lines.append("|---|---|---:|---|---:|---:|---:|---:|")
        lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows[1:]]
        return "\n".join(lines) + "\n"
    return "\n".join(_columns(rows, right=(2, 4, 5, 6, 7))) + "\n"


def roster_csv(fits: Sequence[Fit]) -> str:
    """One row per person and ranked role, for a spreadsheet (cells escaped against formula injection)."""
    from upskill.render.team import csv_cell as _cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for fit in fits:
        for rank, found in enumerate(fit.ranked, start=1):
            writer.writerow(
                [
                    _cell(fit.employee.id),
                    _cell(fit.employee.name),
                    rank,
                    found.role.id,
                    _cell(found.role.name),
                    f"{found.readiness:.4f}",
                    hours(found.hours),
                    found.gaps,
                    found.late_steps,
                ]
            )
    return out.getvalue()


def _technologies(fit: Fit, found: RoleFit) -> Technologies | None:
    """The role's in-demand and hot technologies and those the person uses, or None when it has none."""
    if not found.role.technologies:
        return None
    technologies = flagged_technologies(found.role, fit.employee.technologies)
    return technologies if technologies.flagged else None


def _technology_lines(fit: Fit, text: Callable[[str], str]) -> list[str]:
    """One line per shown role with in-demand or hot technologies: how many the person uses, and which."""
    lines = []
    for rank, found in enumerate(fit.ranked, start=1):
        technologies = _technologies(fit, found)
        if technologies is None:
            continue
        used = [t.name for t in technologies.flagged if technologies.uses(t)]
        names = f": {', '.join(used)}" if used else ""
        lines.append(
            f"- {rank}. {text(found.role.name)}: uses {len(used)} of its {len(technologies.flagged)} "
            f"in-demand or hot technologies{text(names)}"
        )
    return ["", "Technologies in demand or hot:", *lines] if lines else []
