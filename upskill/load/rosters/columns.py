"""A roster's header row -> a `Layout`: which column holds which employee field, skill or HR attribute.

HR systems name their columns in their own words (`Employee ID`, `Job title`, `Line manager`), so
each employee field and each kept attribute has built-in synonyms (`SYNONYMS`, documented in
docs/rosters.md), matched after folding case, spaces and punctuation. `--column "HEADER=TARGET"`
maps anything else. Every other header must name a catalog skill: a header that names nothing is
an error (a typo'd skill column would otherwise read as "not assessed" for everyone), unless
--ignore-unknown-columns drops it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from upskill.errors import Problem, UsageError
from upskill.load.rosters.sources import Layout
from upskill.model import Catalog

# What the rows need; `first_name` and `last_name` make the name when there is no name column.
REQUIRED = ("id", "target_role")
FIELDS = ("id", "name", "first_name", "last_name", "role", "target_role", "hours_per_week", "deadline")
ATTRIBUTES = ("department", "manager", "location", "cost_centre")
IGNORE, ATTRIBUTE = "ignore", "attribute"
MAX_LISTED = 20  # a header of 30,000 unknown columns names 20 and counts the rest

# Built-in header synonyms, written folded (`folded`): lower case, one space between words.
# Deliberately absent: "hours" and "weekly hours" (contracted working time in most HR exports,
# not learning time) and "employee" alone (an id in one system, a name in another).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "employee id",
        "employee number",
        "employee no",
        "emp id",
        "emp no",
        "worker id",
        "worker number",
        "staff id",
        "staff number",
        "staff no",
        "personnel number",
        "personnel no",
        "person id",
        "person number",
        "associate id",
    ),
    "name": ("name", "full name", "employee name", "worker name", "staff name", "display name"),
    "first_name": ("first name", "given name", "forename"),
    "last_name": ("last name", "surname", "family name"),
    "role": (
        "role",
        "job title",
        "title",
        "position",
        "position title",
        "job",
        "job role",
        "job name",
        "current role",
        "business title",
    ),
    "target_role": (
        "target role",
        "target",
        "target position",
        "target job",
        "future role",
        "desired role",
        "next role",
    ),
    "hours_per_week": (
        "hours per week",
        "learning hours per week",
        "learning hours",
        "learning hours week",
        "training hours per week",
        "study hours per week",
        "weekly learning hours",
        "weekly training hours",
        "weekly study hours",
        "learning hours a week",
        "learning time per week",
    ),
    "deadline": (
        "deadline",
        "due date",
        "due by",
        "target date",
        "completion date",
        "complete by",
        "learning deadline",
    ),
    "department": (
        "department",
        "dept",
        "department name",
        "org unit",
        "organizational unit",
        "organisational unit",
    ),
    "manager": (
        "manager",
        "manager name",
        "manager id",
        "line manager",
        "direct manager",
        "people manager",
        "supervisor",
        "supervisor name",
        "reports to",
    ),
    "location": ("location", "work location", "office", "office location", "site", "work site"),
    "cost_centre": ("cost centre", "cost center", "cost centre code", "cost center code", "cost centre name"),
}
_BY_HEADER = {header: target for target, headers in SYNONYMS.items() for header in headers}
_FOLD = re.compile(r"[\W_]+")


def folded(header: str) -> str:
    """`Employee ID`, `employee_id` and `EMPLOYEE-ID.` all fold to `employee id`."""
    return _FOLD.sub(" ", str(header).casefold()).strip()


class RosterSettings(NamedTuple):
    """How to read rosters: --encoding, --column, --ignore-unknown-columns, --sheet, --date-format."""

    encoding: str = "utf-8"
    columns: tuple[tuple[str, str], ...] = ()  # (header, target) from --column, in order
    ignore_unknown: bool = False
    sheet: str | None = None
    date_format: str | None = None


def parse_column(spec: str) -> tuple[str, str]:
    """`"Personnel no.=id"` -> ("Personnel no.", "id"); a `UsageError` without `=`, header or target."""
    header, sep, target = str(spec).rpartition("=")
    if not sep or not header.strip() or not target.strip():
        raise UsageError(
            Problem(
                f"--column '{spec}': write HEADER=TARGET, e.g. --column 'Personnel no.=id' "
                f"(TARGET: {', '.join(FIELDS)}, attribute, ignore or a skill)"
            )
        )
    return header.strip(), target.strip()


def check_columns(columns: Sequence[tuple[str, str]], catalog: Catalog) -> dict[str, str]:
    """The --column mapping as folded header -> target (a field, `attribute`, `ignore` or a skill id).

    A target that names nothing is a `UsageError` with the closest name.
    """
    mapping: dict[str, str] = {}
    problems = []
    for header, target in columns:
        key = folded(target)
        if key.replace(" ", "_") in FIELDS + ATTRIBUTES:
            mapping[folded(header)] = key.replace(" ", "_")
        elif key in (IGNORE, ATTRIBUTE):
            mapping[folded(header)] = key
        elif catalog.find_skill(target) is not None:
            mapping[folded(header)] = "skill:" + str(catalog.find_skill(target))
        else:
            hint = closest(target, catalog, FIELDS + ATTRIBUTES + (IGNORE, ATTRIBUTE))
            problems.append(
                Problem(
                    f"--column '{header}={target}': '{target}' is no employee field, 'attribute', "
                    f"'ignore' or skill in the catalog{hint}"
                )
            )
    if problems:
        raise UsageError(problems)
    return mapping


def closest(text: str, catalog: Catalog, extra: Sequence[str] = (), cutoff: float = 0.6) -> str:
    """` (did you mean 'Communication'?)`: the nearest skill name or alias (or `extra` word), or ''."""
    import difflib  # only when something is wrong

    choices: dict[str, str] = {folded(name): name for name in extra}
    for skill in catalog.skills.values():
        for name in (skill.name, skill.id, *skill.aliases):
            choices.setdefault(folded(name), skill.name)
    found = difflib.get_close_matches(folded(text), sorted(choices), n=1, cutoff=cutoff)
    return f" (did you mean '{choices[found[0]]}'?)" if found else ""


# Words that say a column holds hours: such a header is suggested as hours_per_week (never
# mapped: `Hours` and `Weekly hours` are contracted working time in most HR exports).
_HOURS_WORDS = frozenset(("hours", "hour", "hrs", "hr", "h"))


def header_hint(text: str, catalog: Catalog) -> str:
    """What an unknown header most likely means, as ` (did you mean ...?)`, or ''.

    Employee fields and their HR synonyms come before skills: `Weekly learning hours` is far more
    likely the learning time than the skill `Deep learning`, which difflib alone would offer.
    """
    import difflib  # only when something is wrong

    near_skill = closest(text, catalog, cutoff=0.85)  # a typo'd skill (`Comunication`) stays a skill
    if near_skill:
        return near_skill
    key = folded(text)
    if set(key.split()) & _HOURS_WORDS:
        return (
            f" (did you mean hours_per_week, the learning hours a week? if so, map it with "
            f"--column '{text}=hours_per_week'; contracted working hours are not learning time)"
        )
    found = difflib.get_close_matches(key, sorted(_BY_HEADER), n=1, cutoff=0.75)
    if found:
        field = _BY_HEADER[found[0]]
        return f" (did you mean {field}? map it with --column '{text}={field}')"
    return closest(text, catalog)


class _Mapper:
    """The state of one header's mapping: what each column became, and the problems found."""

    def __init__(self, path: str, line: int, catalog: Catalog, settings: RosterSettings):
        self.path, self.line, self.catalog = path, line, catalog
        self.explicit = check_columns(settings.columns, catalog)
        self.ignore_unknown = settings.ignore_unknown
        self.problems: list[Problem] = []
        self.fields: dict[str, int] = {}
        self.skills: dict[str, int] = {}
        self.skill_columns: list[tuple[int, str]] = []
        self.attributes: list[tuple[int, str]] = []
        self.unknown: list[tuple[int, str]] = []
        self.headers: list[str] = []

    def at(self, message: str, index: int, warning: bool = False) -> Problem:
        return Problem(message, file=self.path, line=self.line, column=index + 1, warning=warning)

    def target(self, text: str) -> str | None:
        """What a header maps to: `--column` first, then the synonyms, then a skill; None for nothing."""
        key = folded(text)
        if key in self.explicit:
            return self.explicit[key]
        if key in _BY_HEADER:
            return _BY_HEADER[key]
        skill = self.catalog.find_skill(text)
        return None if skill is None else "skill:" + skill

    def take(self, index: int, text: str) -> None:
        target = self.target(text)
        if target is None:
            self.unknown.append((index, text))
        elif target == IGNORE:
            pass
        elif target == ATTRIBUTE:
            self.attributes.append((index, text))
        elif target in ATTRIBUTES:
            self.attributes.append((index, target))
        elif target.startswith("skill:"):
            self.skill(index, text, target[6:])
        elif target in self.fields:
            first = self.fields[target]
            self.problems.append(
                self.at(
                    f"columns '{self.headers[first]}' ({first + 1}) and '{text}' ({index + 1}) are both "
                    f"the employee's {target}; keep one, or map one elsewhere with --column",
                    index,
                )
            )
        else:
            self.fields[target] = index

    def skill(self, index: int, text: str, skill: str) -> None:
        if skill in self.skills:
            first = self.skills[skill]
            self.problems.append(
                self.at(f"columns '{self.headers[first]}' and '{text}' are the same skill ({skill}); keep one", index)
            )
            return
        self.skills[skill] = index
        # The row keeps the header as its key when it names the skill by itself (messages then say
        # `Prompting`, as the file does); a header mapped by --column keeps the skill's id.
        self.skill_columns.append((index, text if self.catalog.find_skill(text) == skill else skill))


def map_header(
    path: str, header: Sequence[object], line: int, catalog: Catalog, settings: RosterSettings
) -> tuple[Layout | None, list[Problem]]:
    """Map the header cells to a `Layout`; the problems (errors stop the roster, warnings do not)."""
    mapper = _Mapper(path, line, catalog, settings)
    texts = ["" if cell is None else str(cell).strip() for cell in header]
    mapper.headers = texts
    last = max((i for i, h in enumerate(texts) if h), default=-1)
    blank = []
    for index, text in enumerate(texts):
        if text:
            mapper.take(index, text)
        elif index < last:
            blank.append(index)
    problems = mapper.problems
    if blank:
        shown = ", ".join(str(i + 1) for i in blank[:MAX_LISTED])
        more = f" and {len(blank) - MAX_LISTED:,} more" if len(blank) > MAX_LISTED else ""
        problems.append(
            mapper.at(
                f"column{'s' if len(blank) > 1 else ''} {shown}{more} ha{'ve' if len(blank) > 1 else 's'} "
                "no header; their cells are ignored",
                blank[0],
                warning=True,
            )
        )
    problems.extend(_unknown(mapper))
    problems.extend(_missing(mapper))
    if any(not p.warning for p in problems):
        return None, problems
    fields = tuple(sorted((i, k) for k, i in mapper.fields.items()))
    layout = Layout(
        path,
        fields,
        tuple(mapper.skill_columns),
        len(texts),
        attributes=tuple(mapper.attributes),
        date_format=settings.date_format,
    )
    return layout, problems


def _unknown(mapper: _Mapper) -> list[Problem]:
    """Headers that name no field or skill: an error each, or one warning under --ignore-unknown-columns."""
    unknown = mapper.unknown
    if not unknown:
        return []
    if mapper.ignore_unknown:
        shown = ", ".join(f"'{text}' ({i + 1})" for i, text in unknown[:MAX_LISTED])
        more = f" and {len(unknown) - MAX_LISTED:,} more" if len(unknown) > MAX_LISTED else ""
        return [
            mapper.at(
                f"ignored {len(unknown):,} column{'s that name' if len(unknown) > 1 else ' that names'} no skill "
                f"or employee field (--ignore-unknown-columns): {shown}{more}",
                unknown[0][0],
                warning=True,
            )
        ]
    problems = [
        mapper.at(
            f"column '{text}' names no skill in the catalog and no employee field"
            f"{header_hint(text, mapper.catalog)}; fix the header, map it with "
            f"--column '{text}=SKILL' (or =attribute, =ignore), or pass --ignore-unknown-columns",
            index,
        )
        for index, text in unknown[:MAX_LISTED]
    ]
    if len(unknown) > MAX_LISTED:
        rest = unknown[MAX_LISTED:]
        problems.append(mapper.at(f"{len(rest):,} more columns name no skill or employee field", rest[0][0]))
    return problems


def _missing(mapper: _Mapper) -> list[Problem]:
    """The required fields no column holds, with the headers that would have named them."""
    problems = []
    for field in REQUIRED:
        if field in mapper.fields:
            continue
        names = ", ".join(f"'{h}'" for h in SYNONYMS[field][:4])
        problems.append(
            Problem(
                f"no {field} column: name one {names}, ... (see docs/rosters.md), or map yours with "
                f"--column 'YOUR HEADER={field}'; the first row must be the header",
                file=mapper.path,
                line=mapper.line,
            )
        )
    return problems
