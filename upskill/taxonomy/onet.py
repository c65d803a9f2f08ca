"""`upskill catalog import onet`: roles and skills from the O*NET database's tab-delimited text files.

Reads `Occupation Data.txt`, `Skills.txt` and `Knowledge.txt` (`Abilities.txt` with --abilities),
and when present `Technology Skills.txt`, `Level Scale Anchors.txt`, `Scales Reference.txt` and
`Read Me.txt` (for the release number in the credit line). Each occupation becomes one role:

- an element is required when both its IM (importance 1-5) and LV (level 0-7) rows are there, and
  neither is marked Recommend Suppress = Y or Not Relevant = Y, and IM >= --min-importance;
- the required level is LV mapped onto the catalog scale: round(LV / 7 x top level), at least 1;
- the weight is IM mapped onto 0.5-2.0 (the bundled roles' range): 0.5 + 1.5 x (IM - 1) / 4.

docs/taxonomies.md explains these choices to users.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from upskill.errors import Problem, UsageError, did_you_mean
from upskill.model import Catalog, Citation, Technology
from upskill.taxonomy.output import NO_EARLIER, Earlier, Imported, Names, NewRole, NewSkill, catalog_yaml, role_weight
from upskill.taxonomy.tables import Column, Download, Report, Table, cell, flag, number

DEFAULT_MIN_IMPORTANCE = 3.0  # O*NET's own "important" threshold on the 1-5 importance scale
LV_TOP = 7.0
# (file, category, the qualifier that tells apart two elements of one name, e.g. Mathematics)
ELEMENT_FILES = (
    ("Skills.txt", "onet-skill", "skill"),
    ("Knowledge.txt", "onet-knowledge", "knowledge"),
    ("Abilities.txt", "onet-ability", "ability"),
)
# Skills and knowledge are learned on the job beside someone who has them; abilities are
# lasting capacities (reasoning, perception), where a coach helps more than a pairing.
BRIDGES = {"onet-skill": "pairing", "onet-knowledge": "pairing", "onet-ability": "coach"}
DEFAULT_SCALES = {"IM": (1.0, 5.0), "LV": (0.0, 7.0)}

_CODE = Column("O*NET-SOC Code", ("onetsoc_code", "SOC Code", "Code"))
_ELEMENT_ID = Column("Element ID", ("element_id",))
_SCALE_ID = Column("Scale ID", ("scale_id",))
OCCUPATION_COLUMNS = (_CODE, Column("Title", ("Occupation", "Occupation Title")), Column("Description", required=False))
ELEMENT_COLUMNS = (
    _CODE,
    _ELEMENT_ID,
    Column("Element Name", ("element_name",)),
    _SCALE_ID,
    Column("Data Value", ("data_value", "Value")),
    Column("Recommend Suppress", ("recommend_suppress", "Suppress"), required=False),
    Column("Not Relevant", ("not_relevant",), required=False),
)
TECHNOLOGY_COLUMNS = (
    _CODE,
    Column("Example", ("example_name", "Technology", "Technology Name")),
    Column("Hot Technology", ("hot_technology", "Hot"), required=False),
    Column("In Demand", ("in_demand",), required=False),
)
ANCHOR_COLUMNS = (
    _ELEMENT_ID,
    _SCALE_ID,
    Column("Anchor Value", ("anchor_value",)),
    Column("Anchor Description", ("anchor_description", "Description")),
)
SCALE_COLUMNS = (_SCALE_ID, Column("Minimum", ("minimum", "Min")), Column("Maximum", ("maximum", "Max")))
_SOC = re.compile(r"^\d\d-\d{4}(\.\d\d)?$")
_RELEASE = re.compile(r"O\*NET\s+(\d+(?:\.\d+)*)\s+Database", re.IGNORECASE)
_RELEASE_MONTH = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\s+Release",
    re.IGNORECASE,
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


class OnetOptions(NamedTuple):
    """What `upskill catalog import onet` was asked for."""

    occupations: tuple[str, ...]
    min_importance: float = DEFAULT_MIN_IMPORTANCE
    abilities: bool = False
    release: str = ""  # e.g. "29.2"; "" = read it from Read Me.txt
    encoding: str = "utf-8"
    earlier: Earlier = NO_EARLIER  # `--update OLD`: the catalog whose ids to keep


class Occupation(NamedTuple):
    code: str
    title: str
    description: str


class _Rating(NamedTuple):
    importance: float
    level: float


def to_level(value: float, top: int, scale_top: float = LV_TOP) -> int:
    """An O*NET level (0-7) on a catalog scale 0..top: the nearest level, halves rounded up."""
    return min(top, math.floor(value / scale_top * top + 0.5))


def to_weight(importance: float) -> float:
    """O*NET importance 1-5 as a role weight 0.5-2.0."""
    return role_weight(0.5 + 1.5 * (importance - 1) / 4)


def import_onet(paths: Sequence[str], base: Catalog, options: OnetOptions, report: Report) -> Imported:
    """Read the download at `paths` and return the catalog of the chosen occupations."""
    download = Download(paths)
    occupations = _occupations(
        Table(
            download.require("occupations", "Occupation Data.txt"),
            OCCUPATION_COLUMNS,
            report,
            tab=True,
            encoding=options.encoding,
        ),
        options.occupations,
        options.earlier,
    )
    scales = _scales(download, report, options.encoding)
    element_files = [item for item in ELEMENT_FILES if options.abilities or item[2] != "ability"]
    present = [(download.find(name), category, qualifier) for name, category, qualifier in element_files]
    if options.abilities and present[-1][0] is None:
        download.require("abilities (--abilities)", "Abilities.txt")
    if all(entry is None for entry, _, _ in present):
        download.require("skills", "Skills.txt", "Knowledge.txt")
    ratings: dict[str, dict[str, _Rating]] = {code: {} for code in occupations}
    elements: dict[str, tuple[str, str, str]] = {}  # element id -> (name, category, qualifier)
    seen: set[str] = set()  # every element id the release rates, to tell a retired element from an unrated one
    for entry, category, qualifier in present:
        if entry is not None:
            table = Table(entry, ELEMENT_COLUMNS, report, tab=True, encoding=options.encoding)
            for element, name in _ratings(table, ratings, scales, seen).items():
                elements.setdefault(element, (name, category, qualifier))
    anchors = _anchors(download, report, options.encoding, set(elements))
    technologies = _technologies(download, report, options.encoding, set(occupations))
    report.problems.raise_if_errors()
    release, month = _release(download, options.release, report)
    source = Citation(
        id=f"onet-{release}" if release else "onet",
        publisher="USDOL/ETA",
        title=f"O*NET {release} Database" if release else "O*NET Database",
        date=month,
        url="https://www.onetcenter.org/database.html",
        note=_credit(release, [occupations[c].title for c in occupations]),
    )
    build = _Build(base, report, source, options, anchors, release)
    roles = [build.role(occupations[code], ratings[code], elements, technologies.get(code, ())) for code in occupations]
    _warn_empty(roles, occupations, ratings, options.min_importance, report)
    header = [
        f"Imported from {source.title} by `upskill catalog import onet` (modified: see the source's note).",
        f"Occupations: {', '.join(occupations)}. Min importance {options.min_importance:g}.",
        "Load it on top of the catalog it was imported against, e.g. --catalog default --catalog THIS_FILE.",
    ]
    text = catalog_yaml(header, [source], BRIDGES, build.skills, roles)
    earlier = {element for taxonomy, element in options.earlier.skills if taxonomy == "onet"}
    return Imported(
        text,
        len(roles),
        len(build.skills),
        tuple(build.matched),
        report.rows,
        tuple(build.skills),
        tuple(roles),
        tuple(sorted(build.ids.items())),
        frozenset(earlier & seen),
        release=release,
    )


def _warn_empty(
    roles: Sequence[NewRole],
    occupations: dict[str, Occupation],
    ratings: dict[str, dict[str, _Rating]],
    min_importance: float,
    report: Report,
) -> None:
    """One warning per occupation that became a role requiring nothing (a plan for it has nothing to learn)."""
    for role, code in zip(roles, occupations, strict=True):
        if role.requires:
            continue
        rated = len(ratings[code])
        why = (
            f"none of its {rated} rated elements is at least --min-importance {min_importance:g}; "
            "lower --min-importance, or leave it out"
            if rated
            else "the download rates no element for it (O*NET has no data for some occupations); leave it out"
        )
        report.warn(f"--occupation {code} ({occupations[code].title}) yields no requirements: {why}")


def _occupations(table: Table, requests: Sequence[str], earlier: Earlier = NO_EARLIER) -> dict[str, Occupation]:
    """The requested occupations by code, in the order asked; an unknown one is a usage error with a hint.

    An occupation of the catalog being updated (`earlier`) that the release no longer has is left
    out, not an error: the update's report says it is retired.
    """
    wanted: dict[str, str] = {}  # code or folded title -> the request as typed
    for request in requests:
        text = request.strip()
        if _SOC.match(text):
            wanted[text if "." in text else f"{text}.00"] = request
        else:
            wanted[text.casefold()] = request
    found: dict[str, Occupation] = {}
    titles: list[str] = []
    for _line, cells in table.rows():
        code, title = cell(table, cells, "O*NET-SOC Code"), cell(table, cells, "Title")
        titles.append(title)
        for key in (code, title.casefold()):
            if key in wanted:
                found[wanted[key]] = Occupation(code, title, cell(table, cells, "Description"))
    missing = [r for r in requests if r not in found and ("onet", r) not in earlier.roles]
    if missing:
        raise UsageError(
            [
                Problem(
                    f"--occupation: no occupation '{r}' in {table.label}{did_you_mean(r, titles)}; "
                    "give an O*NET-SOC code (15-2051.00) or an exact title"
                )
                for r in missing
            ]
        )
    return {o.code: o for o in (found[r] for r in requests if r in found)}


def _scales(download: Download, report: Report, encoding: str) -> dict[str, tuple[float, float]]:
    """Each scale's range, from Scales Reference.txt when the download has it."""
    entry = download.find("Scales Reference.txt")
    if entry is None:
        return dict(DEFAULT_SCALES)
    table = Table(entry, SCALE_COLUMNS, report, tab=True, encoding=encoding)
    scales: dict[str, tuple[float, float]] = {}
    for line, cells in table.rows():
        low = number(table, line, cells, "Minimum", -1e9, 1e9)
        high = number(table, line, cells, "Maximum", -1e9, 1e9)
        if low is not None and high is not None:
            scales[cell(table, cells, "Scale ID")] = (low, high)
    return {**DEFAULT_SCALES, **scales}


def _ratings(
    table: Table, ratings: dict[str, dict[str, _Rating]], scales: dict[str, tuple[float, float]], seen: set[str]
) -> dict[str, str]:
    """Fill `ratings` (occupation -> element -> IM and LV) from one element file; return element id -> name.

    Every row is checked (its scale, its number); only the chosen occupations' rows are kept.
    """
    names: dict[str, str] = {}
    partial: dict[tuple[str, str], dict[str, float]] = {}
    rows = table.rows()  # reads the header, which `at` needs
    at_code, at_scale, at_element = table.at("O*NET-SOC Code"), table.at("Scale ID"), table.at("Element ID")
    for line, cells in rows:
        seen.add(cells[at_element].strip())
        scale = cells[at_scale].strip()
        if scale not in scales:
            table.bad(
                line,
                "Scale ID",
                f"unknown scale '{scale[:20]}'{did_you_mean(scale, scales)}; O*NET's are {', '.join(sorted(scales))}",
            )
            continue
        value = number(table, line, cells, "Data Value", *scales[scale])
        code = cells[at_code].strip()
        if value is None or code not in ratings or scale not in ("IM", "LV"):
            continue
        if flag(table, line, cells, "Recommend Suppress") or flag(table, line, cells, "Not Relevant"):
            continue
        element = cell(table, cells, "Element ID")
        names.setdefault(element, cell(table, cells, "Element Name"))
        partial.setdefault((code, element), {})[scale] = value
    for (code, element), values in partial.items():
        if "IM" in values and "LV" in values:
            ratings[code][element] = _Rating(values["IM"], values["LV"])
    return names


def _anchors(
    download: Download, report: Report, encoding: str, elements: set[str]
) -> dict[str, list[tuple[float, str]]]:
    """Level Scale Anchors.txt: what an LV value means for each imported element, lowest first."""
    entry = download.find("Level Scale Anchors.txt")
    if entry is None:
        return {}
    table = Table(entry, ANCHOR_COLUMNS, report, tab=True, encoding=encoding)
    found: dict[str, list[tuple[float, str]]] = {}
    for line, cells in table.rows():
        value = number(table, line, cells, "Anchor Value", -1e9, 1e9)
        element = cell(table, cells, "Element ID")
        if value is not None and element in elements and cell(table, cells, "Scale ID") == "LV":
            found.setdefault(element, []).append((value, " ".join(cell(table, cells, "Anchor Description").split())))
    return {element: sorted(items) for element, items in found.items()}


def _technologies(
    download: Download, report: Report, encoding: str, codes: set[str]
) -> dict[str, tuple[Technology, ...]]:
    """Technology Skills.txt: each chosen occupation's technologies (by name, once), hot ones first."""
    entry = download.find("Technology Skills.txt")
    if entry is None:
        return {}
    table = Table(entry, TECHNOLOGY_COLUMNS, report, tab=True, encoding=encoding)
    found: dict[str, dict[str, Technology]] = {}
    rows = table.rows()  # reads the header, which `at` needs
    at_code = table.at("O*NET-SOC Code")
    for line, cells in rows:
        code = cells[at_code].strip()
        hot, in_demand = flag(table, line, cells, "Hot Technology"), flag(table, line, cells, "In Demand")
        name = cell(table, cells, "Example")
        if code in codes and name:
            known = found.setdefault(code, {}).get(name)
            found[code][name] = Technology(
                name, hot or bool(known and known.hot), in_demand or bool(known and known.in_demand)
            )
    return {
        code: tuple(sorted(items.values(), key=lambda t: (not t.in_demand, not t.hot, t.name.casefold())))
        for code, items in found.items()
    }


def _release(download: Download, given: str, report: Report) -> tuple[str, str]:
    """The release number (`29.2`) and the first day of its month, from --release or Read Me.txt."""
    entry = download.find("Read Me.txt")
    head = ""
    if entry is not None:
        with entry.open() as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    found = _RELEASE.search(head)
    month = _RELEASE_MONTH.search(head)
    date = f"{month.group(2)}-{_MONTHS.index(month.group(1).lower()) + 1:02d}-01" if month else ""
    if given:  # the Read Me's month only belongs to the release it names
        return given, date if found and found.group(1) == given else ""
    if found is None:
        report.warn(
            "cannot tell the O*NET release (no Read Me.txt names it), so the credit says 'O*NET Database'; "
            "pass --release, e.g. --release 29.2"
        )
        return "", ""
    return found.group(1), date


def _credit(release: str, titles: Sequence[str]) -> str:
    database = f"O*NET {release} Database" if release else "O*NET Database"
    return (
        f"This product includes information from the {database} by the U.S. Department of Labor, Employment "
        "and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of "
        f"USDOL/ETA. Modified by upskill: {len(titles)} occupation(s) selected, importance and level mapped onto "
        "this catalog's scale and weights. USDOL/ETA has not approved, endorsed, or tested these modifications."
    )


class _Build:
    """The skills and roles of the import, each element made a skill once."""

    def __init__(
        self,
        base: Catalog,
        report: Report,
        source: Citation,
        options: OnetOptions,
        anchors: dict[str, list[tuple[float, str]]],
        release: str,
    ):
        self.names = Names(base, report, options.earlier)
        self.top = base.scale.max_level
        self.source = source
        self.release = release
        self.min_importance = options.min_importance
        self.anchors = anchors
        self.skills: list[NewSkill] = []
        self.matched: list[tuple[str, str, str]] = []
        self.ids: dict[str, str] = {}  # element id -> skill id

    def role(
        self,
        occupation: Occupation,
        ratings: dict[str, _Rating],
        elements: dict[str, tuple[str, str, str]],
        technologies: tuple[Technology, ...],
    ) -> NewRole:
        requires: dict[str, tuple[int, float]] = {}
        for element in sorted(ratings):
            rating = ratings[element]
            if rating.importance < self.min_importance:
                continue
            skill_id = self._skill(element, elements[element], rating, occupation.title)
            level = max(1, to_level(rating.level, self.top))
            known = requires.get(skill_id, (0, 0.0))
            requires[skill_id] = (max(level, known[0]), max(to_weight(rating.importance), known[1]))
        return NewRole(
            id=self.names.new_role(occupation.title, ("onet", occupation.code)),
            name=occupation.title,
            description=occupation.description,
            requires=tuple((s, level, weight) for s, (level, weight) in sorted(requires.items())),
            technologies=technologies,
            refs=(("onet", occupation.code),),
            release=self.release,
        )

    def _skill(self, element: str, about: tuple[str, str, str], rating: _Rating, title: str) -> str:
        if element in self.ids:
            return self.ids[element]
        name, category, qualifier = about
        refs = (("onet", element),)
        match = self.names.match(refs, name)
        if match is not None:
            self.matched.append((name, *match))
            self.ids[element] = match[0]
            return match[0]
        skill_id, skill_name = self.names.new_skill(name, qualifier, refs[0])
        levels: dict[int, str] = {}
        for value, text in self.anchors.get(element, ()):
            level = to_level(value, self.top)
            if level >= 1 and text:
                levels.setdefault(level, text)
        figure = (
            f"importance {rating.importance:.2f} of 5, level {rating.level:.2f} of 7 for {title} in {self.source.title}"
        )
        self.skills.append(
            NewSkill(
                skill_id,
                skill_name,
                category,
                aliases=self.names.aliases(skill_id, skill_name, self.names.former(refs[0], skill_name), "", 0),
                levels=tuple(sorted(levels.items())),
                refs=refs,
                source=self.source.id,
                figure=figure,
                release=self.release,
            )
        )
        self.ids[element] = skill_id
        return skill_id
