"""Load catalogs: files or folders of skills, roles, sources and a level scale, merged by id.

Later files extend and override earlier ones: an entry whose id is already known replaces
the earlier entry whole, so a company overlay can redefine a skill or role and add its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from upskill.errors import Problem, Problems, UpskillError, did_you_mean
from upskill.load import cache
from upskill.load.describe import kind_of
from upskill.load.document import Document, read_document
from upskill.load.fields import Fields, join, looks_like_number
from upskill.model import (
    KINDS,
    TRENDS,
    Catalog,
    Citation,
    Demand,
    Prerequisite,
    Requirement,
    Resource,
    Role,
    Scale,
    Skill,
    Weights,
    normalize,
)
from upskill.paths import data_dir

DEFAULT = "default"
SUFFIXES = (".yaml", ".yml", ".toml", ".json")
TOP_KEYS = ("scale", "sources", "skills", "roles", "priority_weights", "defaults")
SKILL_KEYS = ("id", "name", "category", "aliases", "description", "demand", "prerequisites", "resources")
RESOURCE_KEYS = ("title", "kind", "format", "provider", "hours", "from", "to", "url", "cost")
ROLE_KEYS = ("id", "name", "description", "requires")
SOURCE_KEYS = ("id", "publisher", "title", "date", "url", "note")
DEMAND_KEYS = ("score", "trend", "source", "figure")
DEFAULT_PREREQUISITE_LEVEL = 2
_ID = re.compile(r"^[a-z0-9][a-z0-9.+-]*$")


def catalog_files(specs: Sequence[str | Path]) -> list[str]:
    """Expand catalog arguments (`default`, files, folders) into the files to read, in order."""
    files: list[str] = []
    for spec in specs or (DEFAULT,):
        path = data_dir("catalog") if str(spec) == DEFAULT else Path(spec)
        if path.is_dir():
            found = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            if not found:
                raise UpskillError(
                    Problem("the folder holds no .yaml, .yml, .toml or .json catalog files", file=str(spec))
                )
            files.extend(found)
        elif path.exists():
            files.append(str(path))
        else:
            raise UpskillError(
                Problem(
                    "no such catalog file or folder (use a path, or 'default' for the bundled catalog)", file=str(spec)
                )
            )
    return files


class _Merged:
    """The raw entries of every file, merged by id; parsed once the final scale is known."""

    def __init__(self) -> None:
        self.scale = Scale()
        self.weights: dict[str, float] = {}
        self.defaults: dict[str, float] = {}
        self.sources: dict[str, Citation] = {}
        self.skills: dict[str, tuple[Fields, dict[str, Any], str]] = {}
        self.roles: dict[str, tuple[Fields, dict[str, Any], str]] = {}


def load_catalog(specs: Sequence[str | Path] = (DEFAULT,), problems: Problems | None = None) -> Catalog:
    """Read, merge and check catalogs; raise `UpskillError` listing every problem found.

    A catalog that loaded cleanly before, from files with the same contents, comes from
    the per-user cache (load/cache.py). Passing `problems` (as `validate` does) always
    parses afresh.
    """
    files = catalog_files(specs)
    if problems is None:
        cached = cache.load("catalog", files)
        if isinstance(cached, Catalog):
            return cached
    catalog = _parse(files, problems if problems is not None else Problems())
    cache.store("catalog", files, catalog)
    return catalog


def _parse(files: list[str], problems: Problems) -> Catalog:
    merged = _Merged()
    for file in files:
        try:
            doc = read_document(file)
        except UpskillError as exc:
            problems.extend(exc.problems)
            continue
        _read_file(Fields(doc, problems), merged)
    problems.raise_if_errors()
    catalog = _build(merged, problems, tuple(files))
    problems.raise_if_errors()
    return catalog


def _read_file(f: Fields, merged: _Merged) -> None:
    data = f.doc.data
    f.check_keys(data, TOP_KEYS, "")
    if "scale" in data:
        scale = _read_scale(f, data)
        if scale is not None:
            merged.scale = scale
    weights = f.mapping(data, "priority_weights", "")
    if weights is not None:
        f.check_keys(weights, ("gap", "demand", "unlocks"), "priority_weights")
        for key in ("gap", "demand", "unlocks"):
            value = f.number(weights, key, "priority_weights", minimum=0, maximum=1000)
            if value is not None:
                merged.weights[key] = value
    defaults = f.mapping(data, "defaults", "")
    if defaults is not None:
        f.check_keys(defaults, ("hours_per_week", "hours_per_level"), "defaults")
        hours_per_week = f.weekly_hours(defaults, "hours_per_week", "defaults")
        hours_per_level = f.number(defaults, "hours_per_level", "defaults", positive=True)
        for key, value in (("hours_per_week", hours_per_week), ("hours_per_level", hours_per_level)):
            if value is not None:
                merged.defaults[key] = value
    for index, entry in enumerate(f.sequence(data, "sources", "")):
        source = _read_source(f, entry, f"sources[{index}]", data["sources"], index)
        if source is not None:
            merged.sources[source.id] = source
    for section, target in (("skills", merged.skills), ("roles", merged.roles)):
        _collect_entries(f, data, section, target)


def _read_scale(f: Fields, data: dict[str, Any]) -> Scale | None:
    """The file's `scale`, or None (and a problem) when it is not a list of distinct level names."""
    names = data["scale"]
    if not isinstance(names, list) or len(names) < 2 or not all(isinstance(n, str) and n.strip() for n in names):
        f.error(
            "expected a list of at least two level names, lowest first "
            "(e.g. [none, awareness, beginner, intermediate, advanced, expert])",
            data,
            "scale",
            "scale",
        )
    elif len({normalize(n) for n in names}) != len(names):
        f.error("level names must be different", data, "scale", "scale")
    elif numeric := [n for n in names if looks_like_number(n)]:
        # A profile's `3` (or a roster's `3.0`) is level number 3, so such a name could never be chosen.
        f.error(
            f"the level name '{numeric[0].strip()}' looks like a number, and a number means a level's "
            "place on the scale (0 = the first); name each level with words",
            data,
            "scale",
            "scale",
        )
    else:
        return Scale(tuple(n.strip() for n in names))
    return None


def _collect_entries(f: Fields, data: dict[str, Any], section: str, target: dict[str, Any]) -> None:
    """Each skill or role entry of this file by id, to be read once every file is merged; an id twice is an error."""
    seen: set[str] = set()
    for index, entry in enumerate(f.sequence(data, section, "")):
        path = f"{section}[{index}]"
        if not isinstance(entry, dict):
            f.error(f"expected a mapping with an 'id', found {kind_of(entry)}", data, section, path)
            continue
        entry_id = _read_id(f, entry, path)
        if entry_id is None:
            continue
        if entry_id in seen:
            f.error(f"'{entry_id}' is defined twice in this file; remove one", entry, "id", path)
            continue
        seen.add(entry_id)
        target[entry_id] = (f, entry, f"{section}.{entry_id}")


def _read_id(f: Fields, entry: dict[str, Any], path: str) -> str | None:
    entry_id = f.text(entry, "id", path, required=True)
    if entry_id is not None and not _ID.match(entry_id):
        f.error(
            f"'{entry_id}' is not a valid id: use lowercase letters, digits and hyphens (e.g. '{normalize(entry_id)}')",
            entry,
            "id",
            join(path, "id"),
        )
        return None
    return entry_id


def _read_source(f: Fields, entry: Any, path: str, container: Any, index: int) -> Citation | None:
    if not isinstance(entry, dict):
        f.error(f"expected a mapping, found {kind_of(entry)}", container, None, path)
        return None
    f.check_keys(entry, SOURCE_KEYS, path)
    source_id = _read_id(f, entry, path)
    publisher = f.text(entry, "publisher", path, required=True)
    title = f.text(entry, "title", path) or ""
    when = f.date(entry, "date", path)
    if source_id is None or publisher is None:
        return None
    return Citation(
        source_id,
        publisher,
        title,
        when.isoformat() if when else "",
        f.url(entry, "url", path),
        f.text(entry, "note", path) or "",
    )


def _build(merged: _Merged, problems: Problems, files: tuple[str, ...]) -> Catalog:
    scale = merged.scale
    skills = {
        sid: _read_skill(f, entry, path, scale, merged) for sid, (f, entry, path) in sorted(merged.skills.items())
    }
    roles = {rid: _read_role(f, entry, path, scale, merged) for rid, (f, entry, path) in sorted(merged.roles.items())}
    names: dict[str, str] = {}
    for skill in skills.values():
        for name in (skill.id, skill.name, *skill.aliases):
            key = normalize(name)
            other = names.setdefault(key, skill.id)
            if other != skill.id:
                f, entry, path = merged.skills[skill.id]
                # located at the key that says this name (an entry without `name` is named by its id)
                written = "id" if name == skill.id else "name" if name == skill.name and "name" in entry else "aliases"
                f.error(
                    f"the name '{name}' also belongs to skill '{other}'; names and aliases must be unique",
                    entry,
                    written,
                    join(path, written),
                )
    role_names: dict[str, str] = {}
    for role in roles.values():  # by id: where a name equals another role's id, the first role keeps it
        role_names.setdefault(role.id, role.id)
        role_names.setdefault(normalize(role.name), role.id)
    _check_cycles(skills, merged, problems)
    defaults = merged.defaults
    return Catalog(
        scale=scale,
        skills=skills,
        roles=roles,
        sources=dict(sorted(merged.sources.items())),
        weights=Weights(**merged.weights),
        hours_per_week=defaults.get("hours_per_week", 4.0),
        hours_per_level=defaults.get("hours_per_level", 10.0),
        files=files,
        names=names,
        role_names=role_names,
    )


def _read_skill(f: Fields, entry: dict[str, Any], path: str, scale: Scale, merged: _Merged) -> Skill:
    f.check_keys(entry, SKILL_KEYS, path)
    aliases = []
    for alias in f.sequence(entry, "aliases", path):
        if isinstance(alias, (str, int)) and not isinstance(alias, bool) and str(alias).strip():
            aliases.append(str(alias).strip())
        else:
            f.error(f"an alias must be text, found {kind_of(alias)}", entry, "aliases", join(path, "aliases"))
    prerequisites = []
    for index, item in enumerate(f.sequence(entry, "prerequisites", path)):
        prerequisite = _read_prerequisite(f, item, entry, f"{path}.prerequisites[{index}]", scale, merged)
        if prerequisite is not None:
            prerequisites.append(prerequisite)
    resources = []
    for index, item in enumerate(f.sequence(entry, "resources", path)):
        resource = _read_resource(f, item, entry, f"{path}.resources[{index}]", scale)
        if resource is not None:
            resources.append(resource)
    return Skill(
        id=entry["id"],
        name=f.text(entry, "name", path, required=True) or entry["id"],
        category=f.text(entry, "category", path) or "",
        aliases=tuple(aliases),
        description=f.text(entry, "description", path) or "",
        demand=_read_demand(f, entry, path, merged),
        prerequisites=tuple(prerequisites),
        resources=tuple(resources),
        origin=f.origin(entry, "id"),
    )


def _read_demand(f: Fields, entry: dict[str, Any], path: str, merged: _Merged) -> Demand | None:
    demand = f.mapping(entry, "demand", path)
    if demand is None:
        return None
    path = join(path, "demand")
    f.check_keys(demand, DEMAND_KEYS, path)
    score = f.number(demand, "score", path, minimum=0, maximum=1)
    if "score" not in demand:
        f.error("missing 'score' (0.0 to 1.0)", entry, "demand", path)
    trend = f.text(demand, "trend", path) or "steady"
    if trend not in TRENDS:
        f.error(
            f"unknown trend '{trend}'{did_you_mean(trend, TRENDS)}; use {', '.join(TRENDS)}",
            demand,
            "trend",
            join(path, "trend"),
        )
    source = f.text(demand, "source", path) or ""
    if source and source not in merged.sources:
        f.error(
            f"unknown source '{source}'{did_you_mean(source, merged.sources)}; define it under 'sources'",
            demand,
            "source",
            join(path, "source"),
        )
    return Demand(score or 0.0, trend, source, f.text(demand, "figure", path) or "")


def _read_prerequisite(
    f: Fields, item: Any, entry: dict[str, Any], path: str, scale: Scale, merged: _Merged
) -> Prerequisite | None:
    level: int | None = min(DEFAULT_PREREQUISITE_LEVEL, scale.max_level)
    if isinstance(item, dict):
        f.check_keys(item, ("skill", "level"), path)
        skill = f.text(item, "skill", path, required=True)
        if "level" in item:
            level = f.level(item["level"], scale, item, "level", join(path, "level"))
    elif isinstance(item, str):
        skill = item.strip()
    else:
        f.error(f"expected a skill id or {{skill, level}}, found {kind_of(item)}", entry, "prerequisites", path)
        return None
    if skill is None or level is None:
        return None
    if skill not in merged.skills:
        f.error(
            f"unknown prerequisite skill '{skill}'{did_you_mean(skill, merged.skills)}", entry, "prerequisites", path
        )
        return None
    if skill == entry["id"]:
        f.error("a skill cannot be its own prerequisite", entry, "prerequisites", path)
        return None
    return Prerequisite(skill, level)


def _read_resource(f: Fields, item: Any, entry: dict[str, Any], path: str, scale: Scale) -> Resource | None:
    if not isinstance(item, dict):
        f.error(
            f"expected a mapping with title, kind, hours, from, to; found {kind_of(item)}", entry, "resources", path
        )
        return None
    f.check_keys(item, RESOURCE_KEYS, path)
    title = f.text(item, "title", path, required=True)
    kind = f.text(item, "kind", path, required=True)
    if kind is not None and kind not in KINDS:
        f.error(
            f"unknown kind '{kind}'{did_you_mean(kind, KINDS)}; use {', '.join(KINDS)} "
            "(on-the-job, learning from others, courses and reading)",
            item,
            "kind",
            join(path, "kind"),
        )
        kind = None
    hours = f.number(item, "hours", path, positive=True)
    if "hours" not in item:
        f.error("missing 'hours' (an estimate of learner hours)", entry, "resources", path)
    low = f.level(item.get("from"), scale, item, "from", join(path, "from")) if "from" in item else 0
    high = f.level(item.get("to"), scale, item, "to", join(path, "to")) if "to" in item else None
    if "to" not in item:
        f.error("missing 'to' (the level the resource takes a learner to)", entry, "resources", path)
    if low is not None and high is not None and low >= high:
        f.error(f"'from' ({low}) must be below 'to' ({high})", item, "to", join(path, "to"))
        return None
    if title is None or kind is None or hours is None or low is None or high is None:
        return None
    return Resource(
        title=title,
        kind=kind,
        hours=hours,
        from_level=low,
        to_level=high,
        format=f.text(item, "format", path) or "",
        provider=f.text(item, "provider", path) or "",
        url=f.url(item, "url", path),
        cost=f.text(item, "cost", path) or "",
    )


def _read_role(f: Fields, entry: dict[str, Any], path: str, scale: Scale, merged: _Merged) -> Role:
    f.check_keys(entry, ROLE_KEYS, path)
    requires = f.mapping(entry, "requires", path, required=True) or {}
    requirements = []
    for skill, value in requires.items():
        item_path = join(join(path, "requires"), skill)
        if str(skill) not in merged.skills:
            f.error(f"unknown skill '{skill}'{did_you_mean(str(skill), merged.skills)}", requires, skill, item_path)
            continue
        weight: float | None = 1.0
        if isinstance(value, dict):
            f.check_keys(value, ("level", "weight"), item_path)
            if "level" not in value:
                f.error("missing 'level'", requires, skill, item_path)
                continue
            level = f.level(value["level"], scale, value, "level", join(item_path, "level"))
            if "weight" in value:
                weight = f.number(value, "weight", item_path, minimum=0, maximum=100)
        else:
            level = f.level(value, scale, requires, skill, item_path)
        if level is not None and weight is not None:
            requirements.append(Requirement(str(skill), level, weight))
    return Role(
        id=entry["id"],
        name=f.text(entry, "name", path, required=True) or entry["id"],
        requires=tuple(requirements),
        description=f.text(entry, "description", path) or "",
        origin=f.origin(entry, "id"),
    )


def _check_cycles(skills: dict[str, Skill], merged: _Merged, problems: Problems) -> None:
    """Report each prerequisite cycle once, naming every skill on it."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(skill_id: str, path: list[str]) -> None:
        state[skill_id] = 1
        path.append(skill_id)
        for prerequisite in skills[skill_id].prerequisites:
            nxt = prerequisite.skill
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    f, entry, _where = merged.skills[nxt]
                    problems.add(
                        f.problem(
                            f"prerequisite cycle: {' -> '.join(cycle)}; remove one of these prerequisites",
                            entry,
                            "prerequisites",
                            f"skills.{nxt}",
                        )
                    )
            elif nxt in skills and state.get(nxt) is None:
                visit(nxt, path)
        path.pop()
        state[skill_id] = 2

    for skill_id in sorted(skills):
        if skill_id not in state:
            visit(skill_id, [])


def read_catalog_document(doc: Document) -> Catalog:
    """Build a catalog from one already-parsed document (used by `validate` and tests)."""
    problems = Problems()
    merged = _Merged()
    _read_file(Fields(doc, problems), merged)
    problems.raise_if_errors()
    catalog = _build(merged, problems, (doc.name,))
    problems.raise_if_errors()
    return catalog
