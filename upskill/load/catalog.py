"""Load catalogs: files or folders of skills, roles, sources and a level scale, merged by id.

Later files extend and override earlier ones: an entry whose id is already known replaces
the earlier entry whole, so a company overlay can redefine a skill or role and add its own.
A top-level `resources:` list (what `catalog resources import` writes) only adds: each entry
names its `skill:` and joins that skill's resources, whichever file defines the skill.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from upskill.errors import Problem, Problems, UpskillError, did_you_mean
from upskill.load import cache
from upskill.load.catalog_entries import read_added_resource, read_role, read_skill
from upskill.load.describe import kind_of
from upskill.load.document import Document, read_document
from upskill.load.fields import Fields, join, looks_like_number
from upskill.load.planning_settings import build_planning, read_planning
from upskill.model import Catalog, Citation, Scale, Skill, Weights, normalize
from upskill.paths import data_dir

DEFAULT = "default"
SUFFIXES = (".yaml", ".yml", ".toml", ".json")
TOP_KEYS = ("scale", "sources", "skills", "roles", "priority_weights", "defaults", "planning", "resources")
SOURCE_KEYS = ("id", "publisher", "title", "date", "url", "note")
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
        self.planning: dict[str, Any] = {}
        self.sources: dict[str, Citation] = {}
        self.skills: dict[str, tuple[Fields, dict[str, Any], str]] = {}
        self.roles: dict[str, tuple[Fields, dict[str, Any], str]] = {}
        self.added: list[tuple[Fields, dict[str, Any], str]] = []  # top-level `resources:` entries, in file order


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
    read_planning(f, data, merged.scale, merged.planning)
    for index, entry in enumerate(f.sequence(data, "sources", "")):
        source = _read_source(f, entry, f"sources[{index}]", data["sources"], index)
        if source is not None:
            merged.sources[source.id] = source
    for section, target in (("skills", merged.skills), ("roles", merged.roles)):
        _collect_entries(f, data, section, target)
    _collect_resources(f, data, merged)


def _collect_resources(f: Fields, data: dict[str, Any], merged: _Merged) -> None:
    """The file's top-level `resources:` entries, read once the skills they name are known."""
    for index, entry in enumerate(f.sequence(data, "resources", "")):
        path = f"resources[{index}]"
        if isinstance(entry, dict):
            merged.added.append((f, entry, path))
        else:
            f.error(
                f"expected a mapping with skill, title, kind, hours, from, to; found {kind_of(entry)}",
                data,
                "resources",
                path,
            )


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
        sid: read_skill(f, entry, path, scale, merged.skills, merged.sources)
        for sid, (f, entry, path) in sorted(merged.skills.items())
    }
    _add_resources(merged, skills, scale)
    roles = {
        rid: read_role(f, entry, path, scale, merged.skills) for rid, (f, entry, path) in sorted(merged.roles.items())
    }
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
        planning=build_planning(merged.planning),
    )


def _add_resources(merged: _Merged, skills: dict[str, Skill], scale: Scale) -> None:
    """Each top-level `resources:` entry joins the resources of the skill it names (by id): it never replaces one."""
    added: dict[str, list[Any]] = {}
    for f, entry, path in merged.added:
        skill = f.text(entry, "skill", path, required=True)
        resource = read_added_resource(f, entry, path, scale)
        if skill is not None and skill not in skills:
            f.error(
                f"unknown skill '{skill}'{did_you_mean(skill, skills)}; name a skill by its id "
                "(load this file after the catalog that defines it)",
                entry,
                "skill",
                join(path, "skill"),
            )
        elif skill is not None and resource is not None:
            added.setdefault(skill, []).append(resource)
    for skill, resources in added.items():
        skills[skill] = skills[skill]._replace(resources=(*skills[skill].resources, *resources))


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
