"""`upskill catalog import esco`: roles and skills from ESCO's CSV download (English).

Reads `occupations_en.csv`, `skills_en.csv` and the occupation-skill relations
(`occupationSkillRelations.csv` in v1.1, `occupationSkillRelations_en.csv` in v1.2), each once,
in that order: the occupations asked for, then their relations, then only the skills those name.
ESCO has no proficiency levels, so each essential skill requires --level (default: the
catalog's middle level) with weight 1; optional skills are left out, or with
`--optional include` required at the same level with weight 0.5. Alternative labels become aliases.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import NamedTuple

from upskill.errors import Problem, UpskillError, UsageError, did_you_mean
from upskill.model import Catalog, Citation
from upskill.taxonomy.output import NO_EARLIER, Earlier, Imported, Names, NewRole, NewSkill, catalog_yaml
from upskill.taxonomy.tables import Column, Download, Entry, Report, Table, cell

CREDIT = "This service uses the ESCO classification of the European Commission."
OPTIONAL_WEIGHT = 0.5
RELATIONS = ("essential", "optional")
BRIDGES = {"esco-skill": "pairing", "esco-knowledge": "pairing"}
_URI = Column("conceptUri", ("uri", "concept uri"))
_LABEL = Column("preferredLabel", ("preferred label", "label"))
_ALT = Column("altLabels", ("alt labels", "alternative labels"), required=False)
_DESCRIPTION = Column("description", ("definition",), required=False)
_MODIFIED = Column("modifiedDate", ("modified date",), required=False)
OCCUPATION_COLUMNS = (_URI, _LABEL, _ALT, _DESCRIPTION, _MODIFIED)
SKILL_COLUMNS = (_URI, _LABEL, _ALT, _DESCRIPTION, _MODIFIED, Column("skillType", ("skill type",), required=False))
RELATION_COLUMNS = (
    Column("occupationUri", ("occupation uri",)),
    Column("relationType", ("relation type", "relation")),
    Column("skillUri", ("skill uri",)),
)
_VERSION = re.compile(r"v(\d+(?:\.\d+)+)", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


class EscoOptions(NamedTuple):
    """What `upskill catalog import esco` was asked for."""

    occupations: tuple[str, ...]
    level: int  # the level every imported skill requires, on the base catalog's scale
    optional: str = "exclude"  # or "include"
    release: str = ""  # e.g. "1.1.1"; "" = from the download's name
    encoding: str = "utf-8"
    earlier: Earlier = NO_EARLIER  # `--update OLD`: the catalog whose ids to keep


class Occupation(NamedTuple):
    uri: str
    label: str
    description: str


class _Relation(NamedTuple):
    occupation: str
    skill: str
    essential: bool
    line: int


class _SkillRow(NamedTuple):
    line: int
    uri: str
    label: str
    aliases: tuple[str, ...]
    knowledge: bool
    description: str


def import_esco(paths: Sequence[str], base: Catalog, options: EscoOptions, report: Report) -> Imported:
    """Read the download at `paths` and return the catalog of the chosen occupations."""
    download = Download(paths)
    files = _required(download, options.occupations)
    dates: list[str] = []
    table = Table(files["occupations"], OCCUPATION_COLUMNS, report, tab=False, encoding=options.encoding)
    occupations = _occupations(table, options.occupations, dates, options.earlier)
    table = Table(files["relations"], RELATION_COLUMNS, report, tab=False, encoding=options.encoding)
    every = _relations(table, set(occupations))
    relations = [r for r in every if r.essential or options.optional == "include"]
    table = Table(files["skills"], SKILL_COLUMNS, report, tab=False, encoding=options.encoding)
    earlier = {uri for taxonomy, uri in options.earlier.skills if taxonomy == "esco"}
    skills = _skills(table, {r.skill for r in relations} | earlier, dates)
    for relation in relations:
        if relation.skill not in skills:
            report.error(
                f"unknown skill '{relation.skill}': no such conceptUri in {files['skills'].label}",
                files["relations"].label,
                relation.line,
                None,
                "skillUri",
            )
    report.problems.raise_if_errors()
    release = options.release or _version(download)
    title = f"ESCO classification v{release}" if release else "ESCO classification"
    source = Citation(
        id=f"esco-v{release}" if release else "esco",
        publisher="European Commission",
        title=title,
        date=max((d[:10] for d in dates if _DAY.match(d)), default=""),
        url="https://esco.ec.europa.eu/",
        note=f"{CREDIT} Modified by upskill: {len(occupations)} occupation(s) and their skills selected, "
        "and a proficiency level added to each requirement (ESCO has none).",
    )
    build = _Build(base, report, source, skills, files["skills"].label, options.earlier, release)
    build.name_all(relations, occupations)
    roles = [
        build.role(occupations[uri], [r for r in relations if r.occupation == uri], options.level)
        for uri in occupations
    ]
    for role, occupation in zip(roles, occupations.values(), strict=True):
        if not role.requires:
            which = "skill" if options.optional == "include" else "essential skill (add --optional include)"
            report.warn(
                f"--occupation '{occupation.label}' yields no requirements: "
                f"{files['relations'].label} relates no {which} to {occupation.uri}"
            )
    header = [
        f"Imported from the {title} by `upskill catalog import esco` (modified: see the source's note).",
        f"{CREDIT}",
        "Load it on top of the catalog it was imported against, e.g. --catalog default --catalog THIS_FILE.",
    ]
    text = catalog_yaml(header, [source], BRIDGES, build.skills, roles)
    return Imported(
        text,
        len(roles),
        len(build.skills),
        tuple(build.matched),
        report.rows,
        tuple(build.skills),
        tuple(roles),
        tuple(sorted(build.ids.items())),
        frozenset(uri for uri in earlier if uri in skills),
        tuple(sorted({(r.occupation, r.skill) for r in every if not r.essential})),
        release,
    )


RELATION_FILES = ("occupationSkillRelations.csv", "occupationSkillRelations_en.csv")


def _required(download: Download, occupations: Sequence[str]) -> dict[str, Entry]:
    """The three files; a download holding only one side of ESCO's two-download layout is said to be so.

    ESCO publishes a language's occupations and skills in one download and the relations between
    them in a language-independent one: given one of the two, the user needs to hear of the other.
    """
    relations, labels = download.find(*RELATION_FILES), download.find("occupations_en.csv")
    if (relations is None) != (labels is None):
        what = (
            f"no {RELATION_FILES[0]} (the occupation-skill relations)"
            if relations is None
            else "no occupations_en.csv (the occupations, in English)"
        )
        other = "language-independent" if relations is None else "English"
        given = " ".join(shlex.quote(path) for path in download.paths)
        both = f"{given} ESCO-LANGUAGE-INDEPENDENT.zip" if relations is None else f"ESCO-EN.zip {given}"
        asked = " ".join(f"--occupation {shlex.quote(o)}" for o in occupations)
        raise UpskillError(
            Problem(
                f"{what} in {', '.join(download.paths)}: ESCO publishes the relations in a language-independent "
                "download and the occupations and skills in one download per language; download the "
                f"{other} one too and give both: upskill catalog import esco {both} {asked}"
            )
        )
    return {
        "occupations": download.require("occupations", "occupations_en.csv"),
        "relations": download.require("occupation-skill relations", *RELATION_FILES),
        "skills": download.require("skills", "skills_en.csv"),
    }


def _labels(text: str) -> tuple[str, ...]:
    """A multi-value cell (one value per line) as its distinct values.

    Some of ESCO's values end in a stray comma (`OttoQL,` beside `OttoQL`): it is not part of the name.
    """
    values = (v.strip().strip(",;").strip() for v in text.splitlines())
    return tuple(dict.fromkeys(v for v in values if v))


def _occupations(
    table: Table, requests: Sequence[str], dates: list[str], earlier: Earlier = NO_EARLIER
) -> dict[str, Occupation]:
    """The requested occupations by URI, in the order asked: by URI, preferred label, or an alt label only one has.

    An occupation of the catalog being updated (`earlier`) that the release no longer has is left
    out, not an error: the update's report says it is retired.
    """
    wanted = {r.strip().casefold(): r for r in requests}
    by_label: dict[str, Occupation] = {}
    by_alt: dict[str, list[Occupation]] = {}
    labels: list[str] = []
    for _line, cells in table.rows():
        uri, label = cell(table, cells, "conceptUri"), cell(table, cells, "preferredLabel")
        labels.append(label)
        occupation = Occupation(uri, label, " ".join(cell(table, cells, "description").split()))
        for key in (uri.casefold(), label.casefold()):
            if key in wanted:
                by_label[key] = occupation
        for alt in _labels(cell(table, cells, "altLabels")):
            if alt.casefold() in wanted:
                by_alt.setdefault(alt.casefold(), []).append(occupation)
        if uri.casefold() in wanted or label.casefold() in wanted:
            dates.append(cell(table, cells, "modifiedDate"))
    found: dict[str, Occupation] = {}
    problems = []
    retired = {k for k, r in wanted.items() if ("esco", r) in earlier.roles and k not in by_label}
    for key, request in wanted.items():
        if key in retired:
            continue
        if key in by_label:
            found[by_label[key].uri] = by_label[key]
        elif len(by_alt.get(key, ())) == 1:
            found[by_alt[key][0].uri] = by_alt[key][0]
        else:
            problems.append(_unknown(request, by_alt.get(key, []), labels, table))
    if problems:
        raise UsageError(problems)
    return found


def _unknown(request: str, others: list[Occupation], labels: list[str], table: Table) -> Problem:
    """An --occupation that names no occupation, or is another name of several."""
    if others:
        names = ", ".join(sorted(o.label for o in others))
        return Problem(f"--occupation: '{request}' is another name of several occupations ({names}); give one")
    return Problem(
        f"--occupation: no occupation '{request}' in {table.label}{did_you_mean(request, labels)}; "
        "give its URI or its label"
    )


def _relations(table: Table, occupations: set[str]) -> list[_Relation]:
    """The chosen occupations' relations, essential and optional (every row's relation type is checked)."""
    found: list[_Relation] = []
    rows = table.rows()  # reads the header, which `at` needs
    at_occupation, at_type, at_skill = table.at("occupationUri"), table.at("relationType"), table.at("skillUri")
    for line, cells in rows:
        relation = cells[at_type].strip().casefold()
        if relation not in RELATIONS:
            table.bad(line, "relationType", f"unknown relation type '{relation[:40]}'; ESCO's are essential, optional")
            continue
        occupation = cells[at_occupation].strip()
        if occupation in occupations:
            skill = cells[at_skill].strip()
            if not skill:
                table.bad(line, "skillUri", "the skill URI is empty")
                continue
            found.append(_Relation(occupation, skill, relation == "essential", line))
    return found


def _skills(table: Table, wanted: set[str], dates: list[str]) -> dict[str, _SkillRow]:
    """The rows of the skills the relations name, by URI."""
    found: dict[str, _SkillRow] = {}
    rows = table.rows()  # reads the header, which `at` needs
    at_uri = table.at("conceptUri")
    for line, cells in rows:
        uri = cells[at_uri].strip()
        if uri in wanted and uri not in found:
            found[uri] = _SkillRow(
                line,
                uri,
                cell(table, cells, "preferredLabel"),
                _labels(cell(table, cells, "altLabels")),
                cell(table, cells, "skillType").casefold() == "knowledge",
                " ".join(cell(table, cells, "description").split()),
            )
            dates.append(cell(table, cells, "modifiedDate"))
    return found


def _version(download: Download) -> str:
    """The release from the download's name (`ESCO dataset - v1.1.1 - ...zip`), or ""."""
    for path in download.paths:
        found = _VERSION.search(path.replace("\\", "/").rsplit("/", 1)[-1]) or _VERSION.search(path)
        if found:
            return found.group(1)
    return ""


class _Build:
    """The skills and roles of the import: each ESCO skill named once, then used by every role."""

    def __init__(
        self,
        base: Catalog,
        report: Report,
        source: Citation,
        rows: dict[str, _SkillRow],
        where: str,
        earlier: Earlier,
        release: str,
    ):
        self.names = Names(base, report, earlier)
        self.release = release
        self.source = source
        self.rows = rows
        self.where = where
        self.skills: list[NewSkill] = []
        self.matched: list[tuple[str, str, str]] = []
        self.ids: dict[str, str] = {}  # URI -> skill id

    def name_all(self, relations: list[_Relation], occupations: dict[str, Occupation]) -> None:
        """Map or name every skill first, then add aliases, so an alias never takes a later skill's name."""
        first: dict[str, _Relation] = {}
        for relation in relations:
            first.setdefault(relation.skill, relation)
        rows = sorted((self.rows[uri] for uri in first if uri in self.rows), key=lambda r: (r.label.casefold(), r.uri))
        new: list[tuple[_SkillRow, str, str]] = []
        for row in rows:
            match = self.names.match((("esco", row.uri),), row.label)
            if match is not None:
                self.matched.append((row.label, *match))
                self.ids[row.uri] = match[0]
                continue
            ref = ("esco", row.uri)
            skill_id, name = self.names.new_skill(row.label, "knowledge" if row.knowledge else "skill", ref)
            self.ids[row.uri] = skill_id
            new.append((row, skill_id, name))
        for row, skill_id, name in new:
            relation = first[row.uri]
            kind = "essential" if relation.essential else "optional"
            self.skills.append(
                NewSkill(
                    id=skill_id,
                    name=name,
                    category="esco-knowledge" if row.knowledge else "esco-skill",
                    aliases=self.names.aliases(
                        skill_id,
                        name,
                        (*row.aliases, *self.names.former(("esco", row.uri), name)),
                        self.where,
                        row.line,
                    ),
                    description=row.description,
                    refs=(("esco", row.uri),),
                    source=self.source.id,
                    figure=f"{kind} for {occupations[relation.occupation].label} in the {self.source.title}",
                    release=self.release,
                )
            )
        self.skills.sort(key=lambda s: s.id)

    def role(self, occupation: Occupation, relations: list[_Relation], level: int) -> NewRole:
        requires: dict[str, float] = {}
        for relation in relations:
            skill_id = self.ids[relation.skill]
            requires[skill_id] = max(requires.get(skill_id, 0.0), 1.0 if relation.essential else OPTIONAL_WEIGHT)
        return NewRole(
            id=self.names.new_role(occupation.label, ("esco", occupation.uri)),
            name=occupation.label[:1].upper() + occupation.label[1:],
            description=occupation.description,
            requires=tuple((s, level, weight) for s, weight in sorted(requires.items())),
            refs=(("esco", occupation.uri),),
            release=self.release,
        )
