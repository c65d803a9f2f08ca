"""Read one skill or role entry of a catalog, once every file is merged and the scale is known.

`known` is every skill id in the merged catalog (prerequisites and role requirements must name
one); `sources` every citation id (a demand figure must cite one).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from upskill.errors import did_you_mean
from upskill.load.describe import kind_of
from upskill.load.fields import Fields, join
from upskill.model import (
    KINDS,
    NO_TREND,
    TRENDS,
    Demand,
    Prerequisite,
    Requirement,
    Resource,
    Role,
    Scale,
    Skill,
    Technology,
)

SKILL_KEYS = (
    "id",
    "name",
    "category",
    "aliases",
    "description",
    "demand",
    "prerequisites",
    "resources",
    "levels",
    "evidence",
    "refs",
    "enabler",
    "release",
)
RESOURCE_KEYS = (
    "title",
    "kind",
    "format",
    "provider",
    "hours",
    "hours_basis",
    "weeks",
    "from",
    "to",
    "url",
    "cost",
    "evidence",
    "needs",
    "group",
)
ADDED_RESOURCE_KEYS = ("skill", "matched", "course")  # an overlay's resource: its skill, the match, the course id
ROLE_KEYS = ("id", "name", "description", "requires", "technologies", "refs", "release")
DEMAND_KEYS = ("score", "trend", "source", "figure")
TECHNOLOGY_KEYS = ("name", "hot", "in_demand")
DEFAULT_PREREQUISITE_LEVEL = 2
MAX_WEEKS = 520  # ten years: a cadence longer than that is a typo


def read_skill(
    f: Fields, entry: dict[str, Any], path: str, scale: Scale, known: Collection[str], sources: Collection[str]
) -> Skill:
    f.check_keys(entry, SKILL_KEYS, path)
    aliases = []
    for alias in f.sequence(entry, "aliases", path):
        if isinstance(alias, (str, int)) and not isinstance(alias, bool) and str(alias).strip():
            aliases.append(str(alias).strip())
        else:
            f.error(f"an alias must be text, found {kind_of(alias)}", entry, "aliases", join(path, "aliases"))
    prerequisites = []
    for index, item in enumerate(f.sequence(entry, "prerequisites", path)):
        prerequisite = _read_prerequisite(f, item, entry, f"{path}.prerequisites[{index}]", scale, known)
        if prerequisite is not None:
            prerequisites.append(prerequisite)
    resources = []
    for index, item in enumerate(f.sequence(entry, "resources", path)):
        resource = _read_resource(f, item, entry, f"{path}.resources[{index}]", scale)
        if resource is not None:
            resources.append(resource)
    _check_needs(f, entry, path, resources)
    return Skill(
        id=entry["id"],
        name=f.text(entry, "name", path, required=True) or entry["id"],
        category=f.text(entry, "category", path) or "",
        aliases=tuple(aliases),
        description=f.text(entry, "description", path) or "",
        demand=_read_demand(f, entry, path, sources),
        prerequisites=tuple(prerequisites),
        resources=tuple(resources),
        origin=f.origin(entry, "id"),
        levels=_by_level(f, entry, "levels", path, scale),
        evidence=_by_level(f, entry, "evidence", path, scale),
        refs=read_refs(f, entry, path),
        enabler=_read_flag(f, entry, "enabler", path),
        release=read_refs(f, entry, path, "release"),
    )


def _read_flag(f: Fields, entry: dict[str, Any], key: str, path: str) -> bool:
    """`enabler: true|false` (absent = false); anything else is a located error, never a truthy guess."""
    value = entry.get(key, False)
    if not isinstance(value, bool):
        f.error(f"expected true or false, found {kind_of(value)}", entry, key, join(path, key))
        return False
    return value


def _by_level(f: Fields, entry: dict[str, Any], key: str, path: str, scale: Scale) -> tuple[str, ...]:
    """A `{level: text}` mapping (levels by name or number) as a tuple indexed by level number."""
    found = f.mapping(entry, key, path)
    if not found:
        return ()
    texts = [""] * len(scale.names)
    for name in found:
        item_path = join(join(path, key), name)
        level = f.level(name, scale, found, name, item_path)
        text = f.text(found, name, join(path, key))
        if level is not None and text is not None:
            texts[level] = " ".join(text.split())
    return tuple(texts)


def read_refs(f: Fields, entry: dict[str, Any], path: str, key: str = "refs") -> tuple[tuple[str, str], ...]:
    """`refs: {onet: 2.A.1.a, esco: http://...}`: the entry's ids in public taxonomies, by taxonomy name.

    `release: {onet: "29.2"}` (the same shape) says which release of each taxonomy a ref is from,
    so `catalog import --update` can tell what changed; a release names a taxonomy of `refs`.
    """
    found = f.mapping(entry, key, path)
    if not found:
        return ()
    refs = []
    named = found if key == "refs" else entry.get("refs")
    for name in sorted(found, key=str):
        if isinstance(named, dict) and name not in named:
            message = f"a release of '{name}', which `refs` does not name; add refs: {{{name}: ID}} or remove it"
            f.error(message, found, name, join(join(path, key), name))
            continue
        text = f.text(found, name, join(path, key))
        if text:
            refs.append((str(name), text))
    return tuple(refs)


def _read_demand(f: Fields, entry: dict[str, Any], path: str, sources: Collection[str]) -> Demand | None:
    demand = f.mapping(entry, "demand", path)
    if demand is None:
        return None
    path = join(path, "demand")
    f.check_keys(demand, DEMAND_KEYS, path)
    score = f.number(demand, "score", path, minimum=0, maximum=1)
    if "score" not in demand:
        f.error("missing 'score' (0.0 to 1.0)", entry, "demand", path)
    trend = f.text(demand, "trend", path) or NO_TREND  # a figure without a trend states none
    if trend not in TRENDS:
        f.error(
            f"unknown trend '{trend}'{did_you_mean(trend, TRENDS)}; use {', '.join(TRENDS)}",
            demand,
            "trend",
            join(path, "trend"),
        )
    source = f.text(demand, "source", path) or ""
    if source and source not in sources:
        f.error(
            f"unknown source '{source}'{did_you_mean(source, sources)}; define it under 'sources'",
            demand,
            "source",
            join(path, "source"),
        )
    return Demand(score or 0.0, trend, source, f.text(demand, "figure", path) or "")


def _read_prerequisite(
    f: Fields, item: Any, entry: dict[str, Any], path: str, scale: Scale, known: Collection[str]
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
    if skill not in known:
        f.error(f"unknown prerequisite skill '{skill}'{did_you_mean(skill, known)}", entry, "prerequisites", path)
        return None
    if skill == entry["id"]:
        f.error("a skill cannot be its own prerequisite", entry, "prerequisites", path)
        return None
    return Prerequisite(skill, level)


def _check_needs(f: Fields, entry: dict[str, Any], path: str, resources: list[Resource]) -> None:
    """`needs` names other resources of the same skill, by title (a credential's parts)."""
    titles = {r.title for r in resources}
    items = f.sequence(entry, "resources", path)
    for index, resource in enumerate(resources):
        for title in resource.needs:
            if title not in titles:
                where = f"{path}.resources[{index}].needs"
                item = next((i for i in items if isinstance(i, dict) and i.get("title") == resource.title), entry)
                f.error(
                    f"'needs' names '{title}', which is not a resource of this skill; use the exact title of one",
                    item,
                    "needs",
                    where,
                )


def _read_resource(
    f: Fields, item: Any, entry: dict[str, Any], path: str, scale: Scale, keys: tuple[str, ...] = RESOURCE_KEYS
) -> Resource | None:
    if not isinstance(item, dict):
        f.error(
            f"expected a mapping with title, kind, hours, from, to; found {kind_of(item)}", entry, "resources", path
        )
        return None
    f.check_keys(item, keys, path)
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
    weeks = f.number(item, "weeks", path, minimum=1, maximum=MAX_WEEKS) if "weeks" in item else 0
    if weeks and weeks != int(weeks):
        f.error(f"expected a whole number of weeks, found {weeks:g}", item, "weeks", join(path, "weeks"))
    low = f.level(item.get("from"), scale, item, "from", join(path, "from")) if "from" in item else 0
    high = f.level(item.get("to"), scale, item, "to", join(path, "to")) if "to" in item else None
    if "to" not in item:
        f.error("missing 'to' (the level the resource takes a learner to)", entry, "resources", path)
    if low is not None and high is not None and low >= high:
        f.error(f"'from' ({low}) must be below 'to' ({high})", item, "to", join(path, "to"))
        return None
    listed = f.sequence(item, "needs", path)
    needs = tuple(t.strip() for t in listed if isinstance(t, str) and t.strip())
    if len(needs) != len(listed):
        f.error("expected a list of resource titles (text) in 'needs'", item, "needs", join(path, "needs"))
    evidence = f.text(item, "evidence", path) or ""
    if evidence and kind is not None and kind != "experience":
        f.error(
            "'evidence' is for on-the-job (experience) activities: what the work produces, the criterion "
            "and who reviews it; remove it here",
            item,
            "evidence",
            join(path, "evidence"),
        )
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
        weeks=int(weeks or 0),
        hours_basis=f.text(item, "hours_basis", path) or "",
        evidence=evidence,
        needs=needs,
        group=_group(f, item, path),
    )


def read_added_resource(f: Fields, item: dict[str, Any], path: str, scale: Scale) -> Resource | None:
    """An entry of a top-level `resources:` list (a course import's overlay): a resource with the `skill`
    it is added to, and what the importer noted (`matched`, `course`), which a reviewer reads."""
    return _read_resource(f, item, item, path, scale, (*RESOURCE_KEYS, *ADDED_RESOURCE_KEYS))


def _group(f: Fields, item: dict[str, Any], path: str) -> bool | None:
    """`group: true` (people can take it together) or `false` (always personal); absent: None."""
    if "group" not in item:
        return None
    value = item["group"]
    if not isinstance(value, bool):
        f.error("expected true or false (can people take it together?)", item, "group", join(path, "group"))
        return None
    return value


def read_role(f: Fields, entry: dict[str, Any], path: str, scale: Scale, known: Collection[str]) -> Role:
    f.check_keys(entry, ROLE_KEYS, path)
    requires = f.mapping(entry, "requires", path, required=True) or {}
    requirements = []
    for skill, value in requires.items():
        item_path = join(join(path, "requires"), skill)
        if str(skill) not in known:
            f.error(f"unknown skill '{skill}'{did_you_mean(str(skill), known)}", requires, skill, item_path)
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
        technologies=_read_technologies(f, entry, path),
        refs=read_refs(f, entry, path),
        release=read_refs(f, entry, path, "release"),
    )


def _read_technologies(f: Fields, entry: dict[str, Any], path: str) -> tuple[Technology, ...]:
    """`technologies: [{name, hot, in_demand}]` or plain names."""
    found = []
    for index, item in enumerate(f.sequence(entry, "technologies", path)):
        item_path = f"{path}.technologies[{index}]"
        if isinstance(item, str) and item.strip():
            found.append(Technology(item.strip()))
        elif isinstance(item, dict):
            f.check_keys(item, TECHNOLOGY_KEYS, item_path)
            name = f.text(item, "name", item_path, required=True)
            flags = [item.get(key, False) for key in ("hot", "in_demand")]
            for key, flag in zip(("hot", "in_demand"), flags, strict=True):
                if not isinstance(flag, bool):
                    f.error(f"expected true or false, found {kind_of(flag)}", item, key, join(item_path, key))
            if name:
                found.append(Technology(name, flags[0] is True, flags[1] is True))
        else:
            message = f"expected a name or {{name, hot, in_demand}}, found {kind_of(item)}"
            f.error(message, entry, "technologies", item_path)
    return tuple(found)
