"""A profile's `progress:` block: what the employee has done since the levels were assessed.

Each entry is `{skill, level, date, evidence}`. A level reached on or before the day the plan is
made (`--as-of`; unknown: every entry) counts as the skill's current level from that date, so a
re-plan leaves what is done out and plans only what remains (docs/planning.md, "Progress").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from upskill.errors import did_you_mean
from upskill.load.describe import kind_of
from upskill.load.fields import Fields, join
from upskill.model import Assessment, Catalog, Progress, Rating

PROGRESS_KEYS = ("skill", "level", "date", "evidence")


def read_progress(f: Fields, data: dict[str, Any], catalog: Catalog) -> tuple[Progress, ...]:
    """Every well-formed entry of `progress:`, a located error for each bad one."""
    found: list[Progress] = []
    for index, item in enumerate(f.sequence(data, "progress", "")):
        path = f"progress[{index}]"
        if not isinstance(item, dict):
            f.error(f"expected {{skill, level, date, evidence}}, found {kind_of(item)}", data, "progress", path)
            continue
        entry = _read_entry(f, item, path, catalog)
        if entry is not None:
            found.append(entry)
    return tuple(found)


def _read_entry(f: Fields, item: dict[str, Any], path: str, catalog: Catalog) -> Progress | None:
    f.check_keys(item, PROGRESS_KEYS, path)
    for key in ("skill", "level", "date"):
        if key not in item:
            f.error(f"missing '{key}'", item, None, path)
    name = f.text(item, "skill", path) or ""
    skill = catalog.find_skill(name) if name else None
    if name and skill is None:
        hint = did_you_mean(name.lower(), list(catalog.names)) or did_you_mean(name.lower(), catalog.skills)
        f.error(f"'{name}' matches no skill in the catalog{hint}", item, "skill", join(path, "skill"))
    level = f.level(item["level"], catalog.scale, item, "level", join(path, "level")) if "level" in item else None
    when = f.date(item, "date", path)
    evidence = f.text(item, "evidence", path) or ""
    if skill is None or level is None or when is None:
        return None
    return Progress(skill, level, when, evidence.strip())


def apply_progress(
    skills: dict[str, Assessment], progress: tuple[Progress, ...], as_of: date | None
) -> dict[str, Assessment]:
    """The current levels with each level reached by `as_of` counted; a lower level never lowers one."""
    out = dict(skills)
    for entry in sorted(progress, key=lambda e: e.date):
        if as_of is not None and entry.date > as_of:
            continue  # not reached yet on the day the plan is made
        held = out.get(entry.skill)
        if held is not None and held.level >= entry.level:
            continue
        earlier = held.ratings if held is not None else ()
        out[entry.skill] = Assessment(
            entry.skill, entry.level, "", entry.date, (*earlier, Rating(entry.level, "", entry.date))
        )
    return out
