"""`upskill catalog coverage` as text: one block per role, one line per thin band."""

from __future__ import annotations

from upskill.model import Catalog
from upskill.planning.coverage import RoleCoverage, holes_in


def coverage_text(found: list[RoleCoverage], catalog: Catalog) -> str:
    level = catalog.scale.name
    lines = []
    for entry in found:
        role = entry.role
        lines.append(
            f"{role.id} ({role.name}): {entry.covered} of {entry.skills} required skill(s) have two kinds "
            "of resource or more at every level"
        )
        width = max((len(h.skill) for h in entry.holes), default=0)
        for hole in entry.holes:
            what = f"only {hole.kinds[0]}" if hole.kinds else "no resource"
            band = f"{level(hole.low)} → {level(hole.high)}"
            lines.append(f"  {hole.skill:<{width}}  {band:<28}  {what}")
    empty, thin = holes_in(found)
    lines.append(f"{empty} level band(s) without a resource, {thin} with one kind only, over {len(found)} role(s)")
    return "\n".join(lines) + "\n"
