"""Plain-text views of a catalog for `upskill catalog ...`: aligned columns that pipe cleanly."""

from __future__ import annotations

from collections.abc import Sequence

from upskill.model import NO_TREND, Catalog
from upskill.render.common import number
from upskill.render.escape import md_text, visible


def _columns(rows: Sequence[tuple[str, ...]]) -> str:
    rows = [tuple(visible(cell) for cell in row) for row in rows]  # escaped before measuring: columns stay aligned
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)
    return "".join(f"{line}\n" for line in lines)


def _trend(trend: str, before: str) -> str:
    """The trend after `before`, or nothing when the source states none (`unstated`)."""
    return "" if trend == NO_TREND else before + trend


def skills_listing(catalog: Catalog, category: str | None = None) -> str:
    """One line per skill: id, name, category, demand score and trend."""
    skills = sorted(catalog.skills.values(), key=lambda s: (s.category, s.id))
    if category:
        skills = [s for s in skills if s.category == category]
    rows = [("ID", "NAME", "CATEGORY", "DEMAND")]
    for s in skills:
        demand = f"{s.demand.score:.2f}{_trend(s.demand.trend, ' ')}" if s.demand else "-"
        rows.append((s.id, s.name, s.category or "-", demand))
    if len(rows) == 1:
        if not catalog.skills:
            return "the catalog has no skills\n"
        categories = ", ".join(sorted({s.category or "-" for s in catalog.skills.values()}))
        return visible(f"no skills in category '{category}'; categories: {categories}") + "\n"
    return _columns(rows) + f"\n{len(rows) - 1} skills. Details: upskill catalog show SKILL_ID\n"


def roles_listing(catalog: Catalog) -> str:
    """Each role with the levels it requires (and weights other than 1)."""
    out = []
    for role in catalog.roles.values():
        out.append(f"{role.id}  {role.name}\n")
        if role.description:
            out.append(f"  {role.description}\n")
        for r in sorted(role.requires, key=lambda r: (-r.level, r.skill)):
            weight = f" (weight {r.weight:g})" if r.weight != 1 else ""
            out.append(f"  - {r.skill}: {r.level} {catalog.scale.name(r.level)}{weight}\n")
        out.append("\n")
    return visible("".join(out)) + f"{len(catalog.roles)} roles.\n"


def skill_details(catalog: Catalog, skill_id: str) -> str:
    """Everything the catalog says about one skill."""
    s = catalog.skills[skill_id]
    scale = catalog.scale
    lines = [f"{s.name} ({s.id})", f"category: {s.category or '-'}"]
    if s.aliases:
        lines.append(f"aliases: {', '.join(s.aliases)}")
    if s.description:
        lines.append(s.description)
    if s.demand:
        lines.append(f"demand: {s.demand.score:.2f}{_trend(s.demand.trend, ', ')}")
        if s.demand.figure:
            lines.append(f"  {s.demand.figure}")
        source = catalog.sources.get(s.demand.source)
        if source:
            lines.append(
                f"  source: {source.publisher}, {source.date}: {source.title}"
                + (f" <{source.url}>" if source.url else "")
            )
    if s.enabler:
        lines.append("enabler: protects the learning time itself")
    if s.prerequisites:
        lines.append(
            "prerequisites: " + ", ".join(f"{p.skill} at {p.level} {scale.name(p.level)}" for p in s.prerequisites)
        )
    lines.append("resources (hours are estimates):")
    for r in sorted(s.resources, key=lambda r: (r.from_level, r.to_level, r.title)):
        lines.append(
            f"  - {r.title} [{r.kind}{', ' + r.format if r.format else ''}] "
            f"levels {r.from_level}->{r.to_level}, ~{r.hours:g} h" + (f", {r.cost}" if r.cost else "")
        )
        if r.url:
            lines.append(f"    {r.url}")
    roles = [
        f"{role.id} ({req.level} {scale.name(req.level)})"
        for role in catalog.roles.values()
        for req in role.requires
        if req.skill == skill_id
    ]
    lines.append("needed by: " + (", ".join(roles) if roles else "no role"))
    return visible("\n".join(lines)) + "\n"


# --- machine-readable listings (`--format json|csv`): every value as the catalog gives it ------------------

LIST_SCHEMA = "upskill.catalog-list/1"
ROLES_SCHEMA = "upskill.catalog-roles/1"


def listed_skills(catalog: Catalog, category: str | None = None) -> list[dict[str, object]]:
    """The skills `skills_listing` shows, in its order, as plain data."""
    skills = sorted(catalog.skills.values(), key=lambda s: (s.category, s.id))
    return [
        {
            "id": s.id,
            "name": s.name,
            "category": s.category or None,
            "demand": None if s.demand is None else round(s.demand.score, 4),
            "trend": None if s.demand is None or s.demand.trend == NO_TREND else s.demand.trend,
            "source": s.demand.source or None if s.demand else None,
        }
        for s in skills
        if not category or s.category == category
    ]


def listed_roles(catalog: Catalog) -> list[dict[str, object]]:
    """The roles `roles_listing` shows, each requirement highest level first, as plain data."""
    return [
        {
            "id": role.id,
            "name": role.name,
            "description": role.description,
            "requires": [
                {
                    "skill": r.skill,
                    "level": r.level,
                    "level_name": catalog.scale.name(r.level),
                    "weight": number(r.weight),
                }
                for r in sorted(role.requires, key=lambda r: (-r.level, r.skill))
            ],
        }
        for role in catalog.roles.values()
    ]


def skills_json(catalog: Catalog, category: str | None = None) -> str:
    import json

    data = {"schema": LIST_SCHEMA, "skills": listed_skills(catalog, category)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def roles_json(catalog: Catalog) -> str:
    import json

    data = {"schema": ROLES_SCHEMA, "roles": listed_roles(catalog)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def skills_csv(catalog: Catalog, category: str | None = None) -> str:
    """One row per skill; cells a spreadsheet reads back as written, never as a formula."""
    rows = [["id", "name", "category", "demand", "trend", "source"]]
    rows += [[_cell(v) for v in skill.values()] for skill in listed_skills(catalog, category)]
    return _csv(rows)


def roles_csv(catalog: Catalog) -> str:
    """One row per role and required skill."""
    rows = [["role", "role_name", "skill", "level", "level_name", "weight"]]
    for role in listed_roles(catalog):
        requires = role["requires"]
        assert isinstance(requires, list)
        rows += [[_cell(role["id"]), _cell(role["name"]), *(_cell(v) for v in r.values())] for r in requires]
    return _csv(rows)


def _cell(value: object) -> str:
    from upskill.render.team import csv_cell

    return csv_cell(value)


def _csv(rows: list[list[str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def skills_markdown(catalog: Catalog, category: str | None = None) -> str:
    """The skills as a Markdown table (every cell escaped)."""
    lines = ["| ID | Name | Category | Demand | Trend |", "|---|---|---|---:|---|"]
    for s in listed_skills(catalog, category):
        cells = (
            s["id"],
            s["name"],
            s["category"] or "",
            "" if s["demand"] is None else f"{s['demand']:.2f}",
            s["trend"],
        )
        lines.append("| " + " | ".join(md_text(str(c or "")) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def roles_markdown(catalog: Catalog) -> str:
    """Each role as a heading, its requirements as a Markdown table."""
    out = []
    for role in listed_roles(catalog):
        requires = role["requires"]
        assert isinstance(requires, list)
        out += [f"## {md_text(str(role['name']))} ({md_text(str(role['id']))})", ""]
        out += [md_text(str(role["description"])), ""] if role["description"] else []
        out += ["| Skill | Level | Weight |", "|---|---|---:|"]
        out += [
            f"| {md_text(r['skill'])} | {r['level']} {md_text(r['level_name'])} | {r['weight']} |" for r in requires
        ]
        out.append("")
    return "\n".join(out)
