"""`catalog import ... --update OLD`: what changed between the catalog OLD and its re-import from a newer release.

The re-import keeps OLD's ids (output.Names matches on each skill's and role's source id), so a
change is found by comparing the two by id: a skill whose name changed was renamed; a skill of OLD
whose source id the new release no longer has was retired, or replaced when a new skill carries its
name (as its name or an alternative label); a role's requirement that appeared, went, or changed
between essential and optional (ESCO: weight 1 and 0.5) or in level and weight (O*NET) is listed
under its role. Files that name an affected skill (profiles, plans) are found by their text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from upskill.model import Catalog, Role, Skill, normalize
from upskill.taxonomy.output import Earlier, Imported, NewRole

SCHEMA = "upskill.catalog-update/1"
# The kinds of change, in the order the report lists them.
KINDS = (
    "renamed",
    "retired",
    "replaced",
    "new role",
    "role renamed",
    "role retired",
    "new requirement",
    "no longer required",
    "essential to optional",
    "optional to essential",
    "requirement changed",
)
_WORD = re.compile(r"[a-z0-9]")


class Change(NamedTuple):
    """One change: `kind` (of KINDS), the role it is in ("" for a skill's own), the skill, and the line."""

    kind: str
    role: str
    skill: str
    text: str


class Previous(NamedTuple):
    """The catalog being updated: the merged catalog, and which of its skills and roles its own file defines."""

    catalog: Catalog
    skills: tuple[str, ...]  # ids of the skills OLD defines (not its base's)
    roles: tuple[str, ...]

    def earlier(self, taxonomy: str) -> Earlier:
        """The ids to keep, by source id: OLD's own skills and roles with a ref in `taxonomy`."""
        skills = {
            (t, ref): (skill.id, skill.name) for skill in self.own_skills() for t, ref in skill.refs if t == taxonomy
        }
        roles = {(t, ref): role.id for role in self.own_roles() for t, ref in role.refs if t == taxonomy}
        return Earlier(skills, roles)

    def own_skills(self) -> list[Skill]:
        return [self.catalog.skills[s] for s in self.skills]

    def own_roles(self) -> list[Role]:
        return [self.catalog.roles[r] for r in self.roles]

    def occupations(self, taxonomy: str) -> tuple[str, ...]:
        """The source ids of OLD's roles made from `taxonomy`, in OLD's order: what a re-import asks for."""
        return tuple(ref for role in self.own_roles() for t, ref in role.refs if t == taxonomy)

    def release(self, taxonomy: str) -> str:
        """OLD's release of `taxonomy`, from its roles' `release` (or its skills'), or ""."""
        releases = [role.release for role in self.own_roles()] + [skill.release for skill in self.own_skills()]
        for release in releases:
            found = dict(release).get(taxonomy, "")
            if found:
                return found
        return ""


class Report(NamedTuple):
    """Everything `--update` tells: the releases, the changes, and the files that name an affected skill."""

    taxonomy: str
    before: str  # OLD's release ("" = not recorded)
    after: str
    changes: tuple[Change, ...]
    affected: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (file, the affected skills' ids it names)


def compare(taxonomy: str, previous: Previous, imported: Imported) -> tuple[Change, ...]:
    """The changes from OLD to the re-import, in KINDS order, then by role and skill id."""
    old = previous.catalog
    names = {skill.id: skill.name for skill in old.skills.values()}
    names.update({skill.id: skill.name for skill in imported.new_skills})
    by_ref = dict(imported.ids)
    gone: dict[str, str] = {}  # OLD skill id the release no longer has -> the id that replaced it, or ""
    changes: list[Change] = []
    for skill in previous.own_skills():
        ref = dict(skill.refs).get(taxonomy)
        if ref is None:
            continue
        if ref in by_ref:
            if by_ref[ref] == skill.id and normalize(names[skill.id]) != normalize(skill.name):
                changes.append(
                    Change("renamed", "", skill.id, f"'{skill.name}' ({skill.id}) is now '{names[skill.id]}'")
                )
        elif ref not in imported.found:
            gone[skill.id] = _replacement(skill, imported) or ""
            if gone[skill.id]:
                text = f"'{skill.name}' ({skill.id}) is replaced by '{names[gone[skill.id]]}' ({gone[skill.id]})"
                changes.append(Change("replaced", "", skill.id, text))
            else:
                changes.append(
                    Change("retired", "", skill.id, f"'{skill.name}' ({skill.id}) is no longer in the release")
                )
    own_roles = {role.id: role for role in previous.own_roles()}
    refs = {skill.id: ref for skill in old.skills.values() for t, ref in skill.refs if t == taxonomy}
    context = _Context(taxonomy, names, gone, set(imported.optional), refs)
    for role in imported.new_roles:
        changes.extend(_role_changes(context, role, own_roles.get(role.id)))
    kept = {role.id for role in imported.new_roles}
    for old_role in own_roles.values():
        if old_role.id not in kept and taxonomy in dict(old_role.refs):
            text = f"'{old_role.name}' ({old_role.id}) is no longer in the release"
            changes.append(Change("role retired", old_role.id, "", text))
    return tuple(sorted(changes, key=lambda c: (KINDS.index(c.kind), c.role, c.skill)))


def _replacement(skill: Skill, imported: Imported) -> str | None:
    """The new skill that carries a retired skill's name as its name or an alias (ESCO moves a concept so)."""
    key = normalize(skill.name)
    for new in imported.new_skills:
        if new.id != skill.id and key in {normalize(n) for n in (new.name, *new.aliases)}:
            return new.id
    return None


class _Context(NamedTuple):
    taxonomy: str
    names: Mapping[str, str]  # skill id -> name (the new one where it changed)
    gone: Mapping[str, str]  # OLD's skills the release no longer has -> the replacement's id, or ""
    optional: set[tuple[str, str]]  # (occupation, skill) source ids of the release's optional relations
    refs: Mapping[str, str]  # OLD's skill id -> its source id


def _role_changes(context: _Context, role: NewRole, before: Role | None) -> list[Change]:
    names, gone = context.names, context.gone
    if before is None:
        return [Change("new role", role.id, "", f"'{role.name}' ({role.id}) is new")]
    found: list[Change] = []
    if normalize(before.name) != normalize(role.name):
        found.append(Change("role renamed", role.id, "", f"'{before.name}' is now '{role.name}'"))
    old = {r.skill: (r.level, r.weight) for r in before.requires}
    new = {skill: (level, weight) for skill, level, weight in role.requires}
    occupation = dict(role.refs).get(context.taxonomy, "")
    where = f"role '{role.name}' ({role.id})"
    for skill in sorted(set(new) - set(old)):
        if skill in gone.values() and any(gone.get(o) == skill for o in old):
            continue  # said once, as the replacement below
        level = new[skill][0]
        found.append(Change("new requirement", role.id, skill, f"{where} requires '{names[skill]}' at level {level}"))
    for skill in sorted(set(old) - set(new)):
        if gone.get(skill):
            text = f"{where} requires '{names[gone[skill]]}' in place of '{names[skill]}'"
            found.append(Change("replaced", role.id, skill, text))
        elif skill in gone:
            text = f"{where} no longer requires '{names[skill]}' (retired)"
            found.append(Change("no longer required", role.id, skill, text))
        elif (occupation, context.refs.get(skill, "")) in context.optional:
            text = f"{where}: '{names[skill]}' moved from essential to optional (optional skills are left out)"
            found.append(Change("essential to optional", role.id, skill, text))
        else:
            found.append(Change("no longer required", role.id, skill, f"{where} no longer requires '{names[skill]}'"))
    for skill in sorted(set(old) & set(new)):
        found.extend(_requirement_change(context.taxonomy, where, role.id, skill, names[skill], old[skill], new[skill]))
    return found


def _requirement_change(
    taxonomy: str,
    where: str,
    role: str,
    skill: str,
    name: str,
    old: tuple[int, float],
    new: tuple[int, float],
) -> list[Change]:
    if taxonomy == "esco" and (old[1] >= 1) != (new[1] >= 1):
        kind = "essential to optional" if old[1] >= 1 else "optional to essential"
        before, after = kind.split(" to ")
        return [Change(kind, role, skill, f"{where}: '{name}' moved from {before} to {after}")]
    if old != new:
        text = f"{where}: '{name}' from level {old[0]}, weight {old[1]:g} to level {new[0]}, weight {new[1]:g}"
        return [Change("requirement changed", role, skill, text)]
    return []


def affected_terms(previous: Previous, changes: Iterable[Change]) -> dict[str, tuple[str, ...]]:
    """Each affected skill's id, and the words a file would name it by: its id, its old name and aliases."""
    found: dict[str, tuple[str, ...]] = {}
    for change in changes:
        if change.kind == "role retired":
            gone = previous.catalog.roles[change.role]
            found[gone.id] = tuple(dict.fromkeys(normalize(w) for w in (gone.id, gone.name)))
        if not change.skill or change.kind == "new requirement":
            continue
        skill = previous.catalog.skills.get(change.skill)
        words = (change.skill, *((skill.name, *skill.aliases) if skill else ()))
        found[change.skill] = tuple(dict.fromkeys(normalize(w) for w in words))
    return found


def mentions(text: str, terms: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The skills of `terms` that `text` names, as a whole word or phrase in any case, spaces, hyphens
    or underscores (a profile writes `data mining` or `data-mining`, a plan 'Data mining')."""
    folded = normalize(text.replace("\n", " "))
    found = []
    for skill, words in terms.items():
        for word in words:
            start = folded.find(word)
            while start >= 0:
                end = start + len(word)
                if not (start and _WORD.match(folded[start - 1])) and not (
                    end < len(folded) and _WORD.match(folded[end])
                ):
                    found.append(skill)
                    break
                start = folded.find(word, start + 1)
            if found and found[-1] == skill:
                break
    return tuple(found)


def markdown(report: Report, names: Mapping[str, str]) -> str:
    """The report as Markdown (also what stderr shows)."""
    label = {"esco": "ESCO", "onet": "O*NET"}.get(report.taxonomy, report.taxonomy)
    before, after = report.before or "an unrecorded release", report.after or "an unrecorded release"
    lines = [f"# Changes from {label} {before} to {after}", ""]
    if not report.changes:
        lines.append("No changes to these roles and skills.")
    for kind in KINDS:
        items = [c for c in report.changes if c.kind == kind]
        if items:
            lines.append(f"## {kind[:1].upper()}{kind[1:]} ({len(items)})")
            lines.append("")
            lines.extend(f"- {c.text}" for c in items)
            lines.append("")
    if report.affected:
        lines.append("## Files that name an affected skill")
        lines.append("")
        for path, skills in report.affected:
            lines.append(f"- {path}: {', '.join(f'{names.get(s, s)} ({s})' for s in skills)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(report: Report) -> str:
    """The report as JSON (`upskill.catalog-update/1`), keys in a fixed order."""
    data = {
        "schema": SCHEMA,
        "taxonomy": report.taxonomy,
        "from": report.before,
        "to": report.after,
        "changes": [c._asdict() for c in report.changes],
        "affected": [{"file": path, "skills": list(skills)} for path, skills in report.affected],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def previous_of(catalog: Catalog, base: Catalog) -> Previous:
    """OLD's own entries: those of the merged catalog its base does not have (an overlay only adds)."""
    return Previous(
        catalog,
        tuple(s for s in catalog.skills if s not in base.skills),
        tuple(r for r in catalog.roles if r not in base.roles),
    )
