"""The imported catalog: ids and names that fit beside the base catalog, and its YAML, written deterministically.

An imported element that is already in the base catalog (by a `refs` id, or by its name being
a bundled skill's id, name or alias) maps to that skill instead of becoming a new one. A new
skill's name that another imported skill already has gets its category added (`Mathematics
(knowledge)`); an alias that would clash with any other name or alias is dropped with a warning,
so the result always loads on top of the base catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import yaml

from upskill.model import Catalog, Citation, Technology, normalize
from upskill.taxonomy.tables import Report

MAX_ID = 60  # ESCO labels run to 80 characters; an id that long is hard to type in a profile
_NOT_ID = re.compile(r"[^a-z0-9]+")


class NewSkill(NamedTuple):
    """A skill the import adds to the catalog."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    levels: tuple[tuple[int, str], ...] = ()  # (level, what someone at that level can do)
    refs: tuple[tuple[str, str], ...] = ()
    source: str = ""  # the citation id of `figure`
    figure: str = ""  # why the skill is here, citing the taxonomy: shows the credit in plans
    release: str = ""  # the taxonomy's release the refs are from ("1.1.1", "29.2"); "" = unknown


class NewRole(NamedTuple):
    """A role made from one occupation."""

    id: str
    name: str
    description: str
    requires: tuple[tuple[str, int, float], ...]  # (skill id, level, weight), by skill id
    technologies: tuple[Technology, ...] = ()
    refs: tuple[tuple[str, str], ...] = ()
    release: str = ""


class Imported(NamedTuple):
    """An import's catalog text and what went into it (for the command's summary line and `--update`'s report)."""

    text: str
    roles: int
    skills: int  # new skills
    matched: tuple[tuple[str, str, str], ...]  # (the taxonomy's name, the base skill id, "reference" or "name")
    rows: int  # data rows read
    new_skills: tuple[NewSkill, ...] = ()
    new_roles: tuple[NewRole, ...] = ()
    ids: tuple[tuple[str, str], ...] = ()  # (source id, skill id) of every imported element, matched ones too
    found: frozenset[str] = frozenset()  # the previous catalog's source ids that the release still has
    optional: tuple[tuple[str, str], ...] = ()  # ESCO: (occupation URI, skill URI) of each optional relation
    release: str = ""


class Earlier(NamedTuple):
    """The catalog `--update` re-imports: its ids by source id, so the new release keeps them."""

    skills: Mapping[tuple[str, str], tuple[str, str]]  # (taxonomy, source id) -> (skill id, name)
    roles: Mapping[tuple[str, str], str]  # (taxonomy, source id) -> role id


NO_EARLIER = Earlier({}, {})


def slug(text: str) -> str:
    """An id made of a label: lowercase words joined by hyphens, cut at a word boundary."""
    found = _NOT_ID.sub("-", text.casefold()).strip("-") or "item"
    if len(found) > MAX_ID:
        found = found[:MAX_ID].rsplit("-", 1)[0]
    return found


class Names:
    """The ids and names an imported catalog may still use: the base catalog's are taken."""

    def __init__(self, base: Catalog, report: Report, earlier: Earlier = NO_EARLIER):
        self.base = base
        self.report = report
        self.earlier = earlier
        self.taken: dict[str, str] = dict(base.names)  # normalized id, name or alias -> skill id
        # An earlier import's ids are kept for their source ids, so no other element may take one.
        self.ids: set[str] = set(base.skills) | {skill_id for skill_id, _ in earlier.skills.values()}
        self.by_ref = {ref: skill.id for skill in base.skills.values() for ref in skill.refs}
        self.role_ids: set[str] = set(base.roles) | set(earlier.roles.values())

    def match(self, refs: Iterable[tuple[str, str]], name: str) -> tuple[str, str] | None:
        """The base skill this element is, and how it was matched ("reference" or "name"), or None."""
        for ref in refs:
            if ref in self.by_ref:
                return self.by_ref[ref], "reference"
        found = self.base.find_skill(name)
        return (found, "name") if found is not None else None

    def new_skill(self, label: str, qualifier: str, ref: tuple[str, str] = ("", "")) -> tuple[str, str]:
        """A free (id, name) for a new skill labelled `label`; `qualifier` tells apart two of one name.

        The skill an earlier import made of the same source id (`ref`) keeps its id.
        """
        name = label
        if normalize(name) in self.taken:
            name = f"{label} ({qualifier})"
        number = 2
        while normalize(name) in self.taken:
            name = f"{label} ({qualifier} {number})"
            number += 1
        base_id = slug(name)
        skill_id, number = base_id, 2
        while skill_id in self.ids or normalize(skill_id) in self.taken:
            skill_id = f"{base_id}-{number}"
            number += 1
        if ref in self.earlier.skills:
            skill_id = self.earlier.skills[ref][0]
        self.ids.add(skill_id)
        self.taken[normalize(name)] = skill_id
        self.taken.setdefault(normalize(skill_id), skill_id)
        return skill_id, name

    def aliases(self, skill_id: str, name: str, aliases: Iterable[str], where: str, line: int) -> tuple[str, ...]:
        """The aliases that clash with no other skill's name or alias; each dropped one is a warning."""
        kept: list[str] = []
        for alias in aliases:
            key = normalize(alias)
            owner = self.taken.get(key)
            if owner == skill_id:
                continue  # the name itself, or a repeat
            if owner is not None:
                self.report.warn(
                    f"skill '{name}': dropped the alias '{alias}', which is also a name or alias of '{owner}'",
                    where,
                    line or None,
                    "altLabels" if where else "",  # O*NET has no alternative labels: the old name of a renamed skill
                )
                continue
            self.taken[key] = skill_id
            kept.append(alias)
        return tuple(kept)

    def former(self, ref: tuple[str, str], name: str) -> tuple[str, ...]:
        """The name an earlier import gave the skill, when the release renamed it: kept as an alias,
        so a profile that names the skill the old way still finds it."""
        old = self.earlier.skills.get(ref)
        return (old[1],) if old is not None and normalize(old[1]) != normalize(name) else ()

    def new_role(self, title: str, ref: tuple[str, str] = ("", "")) -> str:
        """A free id for a role made from the occupation `title` (never a base role's: that would replace it).

        The role an earlier import made of the same occupation (`ref`) keeps its id.
        """
        if ref in self.earlier.roles:
            return self.earlier.roles[ref]
        base_id = slug(title)
        role_id, number = base_id, 2
        while role_id in self.role_ids:
            role_id = f"{base_id}-{number}"
            number += 1
        self.role_ids.add(role_id)
        return role_id


def role_weight(value: float) -> float:
    """A weight rounded to two decimals, written without trailing zeros."""
    return round(value, 2)


def catalog_yaml(
    header: Sequence[str],
    sources: Sequence[Citation],
    bridges: Mapping[str, str],
    skills: Sequence[NewSkill],
    roles: Sequence[NewRole],
) -> str:
    """The catalog as YAML: the same inputs give the same bytes (keys in a fixed order, no anchors)."""
    data: dict[str, Any] = {
        "sources": [_source(s) for s in sources],
        "planning": {"bridges": dict(sorted(bridges.items()))},
        "skills": [_skill(s) for s in sorted(skills, key=lambda s: (s.category, s.id))],
        "roles": [_role(r) for r in roles],
    }
    if not skills:
        del data["skills"]
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header)
    return comment + text


class _Dumper(yaml.SafeDumper):
    """SafeDumper without anchors: the catalog loader refuses aliases, and a reader should see every value."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Flow(dict):  # type: ignore[type-arg]
    """A small mapping written on one line: `{level: 3, weight: 1.5}`."""


_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)
)


def _source(source: Citation) -> dict[str, Any]:
    found: dict[str, Any] = {"id": source.id, "publisher": source.publisher, "title": source.title}
    for key in ("date", "url", "note"):
        if getattr(source, key):
            found[key] = getattr(source, key)
    return found


def _skill(skill: NewSkill) -> dict[str, Any]:
    found: dict[str, Any] = {"id": skill.id, "name": skill.name, "category": skill.category}
    if skill.aliases:
        found["aliases"] = list(skill.aliases)
    if skill.description:
        found["description"] = skill.description
    if skill.figure:
        # Importance to a job is not market demand: the score stays 0 so imported skills do not
        # outrank the bundled ones' sourced demand; the figure carries the credit into plans.
        found["demand"] = {"score": 0, "source": skill.source, "figure": skill.figure}
    if skill.levels:
        found["levels"] = dict(skill.levels)
    if skill.refs:
        found["refs"] = dict(skill.refs)
        if skill.release:
            found["release"] = {taxonomy: skill.release for taxonomy, _ in skill.refs}
    return found


def _role(role: NewRole) -> dict[str, Any]:
    found: dict[str, Any] = {"id": role.id, "name": role.name}
    if role.description:
        found["description"] = role.description
    found["requires"] = {
        skill: level if weight == 1 else _Flow(level=level, weight=weight) for skill, level, weight in role.requires
    }
    if role.technologies:
        found["technologies"] = [_Flow(name=t.name, hot=t.hot, in_demand=t.in_demand) for t in role.technologies]
    if role.refs:
        found["refs"] = dict(role.refs)
        if role.release:
            found["release"] = {taxonomy: role.release for taxonomy, _ in role.refs}
    return found
