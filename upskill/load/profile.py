"""Read an employee's skills profile and resolve its names against a catalog."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from upskill.errors import Problem, Problems, did_you_mean
from upskill.load.describe import kind_of
from upskill.load.document import Document
from upskill.load.fields import Fields, join, text_level
from upskill.load.progress import apply_progress, read_progress
from upskill.model import RATING_SOURCES, Assessment, Catalog, Employee, Profile, Rating, Scale, normalize

PROFILE_KEYS = ("employee", "skills", "targets", "technologies", "progress")
EMPLOYEE_KEYS = ("id", "name", "role", "target_role", "hours_per_week", "deadline")
EMPLOYEE_EXTRA_KEYS = ("attributes",)  # optional: HR fields kept with the employee (department, manager, ...)
ASSESSMENT_KEYS = ("level", "source", "assessed", "ratings")
RATING_KEYS = ("level", "source", "date")
MAX_HOURS_PER_WEEK = 80.0


def read_profile(
    doc: Document, catalog: Catalog, problems: Problems, *, role: str | None = None, as_of: date | None = None
) -> Profile:
    """Turn a parsed profile document into a `Profile`, adding a located problem for each bad field.

    `role` (the `--role` flag) replaces the profile's target role. A `progress:` level reached by
    `as_of` (the day the plan is made; None: any day) counts as the current level. Callers check
    `problems` afterwards: the returned profile is only meaningful when it has no errors.
    """
    f = Fields(doc, problems)
    data = doc.data
    f.check_keys(data, PROFILE_KEYS, "")
    employee = _read_employee(f, catalog, role)
    if "technologies" in data:
        employee = employee._replace(technologies=_read_technologies(f, data))
    skills = _read_levels(f, data, "skills", catalog, assessments=True)
    targets = _read_levels(f, data, "targets", catalog, assessments=False)
    current = {sid: a for sid, a in skills.items() if isinstance(a, Assessment)}
    progress = read_progress(f, data, catalog) if "progress" in data else ()
    return Profile(
        employee=employee,
        skills=apply_progress(current, progress, as_of) if progress else current,
        targets={sid: a.level if isinstance(a, Assessment) else a for sid, a in targets.items()},
        file=doc.name,
        progress=progress,
    )


def far_deadline_warning(doc: Document, profile: Profile, start: date) -> Problem | None:
    """A warning at `employee.deadline` when it is so far after `start` that it means none (9999-12-31)."""
    from upskill.load.deadlines import far_deadline, far_deadline_words

    deadline = profile.employee.deadline
    if deadline is None or not far_deadline(start, deadline):
        return None
    employee = doc.data.get("employee")
    words = far_deadline_words(str(deadline), start)
    return doc.problem(words, employee, "deadline", "employee.deadline", warning=True)


def _read_employee(f: Fields, catalog: Catalog, role_override: str | None) -> Employee:
    data = f.doc.data
    emp = f.mapping(data, "employee", "", required=True) or {}
    f.check_keys(emp, EMPLOYEE_KEYS + EMPLOYEE_EXTRA_KEYS, "employee")
    employee_id = f.text(emp, "id", "employee", required=True) or ""
    target = role_override or f.text(emp, "target_role", "employee") or ""
    found = catalog.find_role(target) if target else None
    if role_override is None:
        if not target:
            f.error(
                "missing 'target_role': name a catalog role (see `upskill catalog roles`) or pass --role",
                emp,
                None,
                "employee",
            )
        elif found is None:
            f.error(
                f"unknown target role '{target}'{did_you_mean(target, catalog.roles)}; see `upskill catalog roles`",
                emp,
                "target_role",
                "employee.target_role",
            )
    hours = None
    if "hours_per_week" in emp:
        hours = f.weekly_hours(emp, "hours_per_week", "employee", maximum=MAX_HOURS_PER_WEEK)
    return Employee(
        id=employee_id,
        name=f.text(emp, "name", "employee") or employee_id,
        role=f.text(emp, "role", "employee") or "",
        target_role=found or target,
        hours_per_week=hours,
        deadline=f.date(emp, "deadline", "employee"),
        attributes=_read_attributes(f, emp),
    )


def _read_technologies(f: Fields, data: dict[str, Any]) -> tuple[str, ...]:
    """`technologies: [Python, Tableau]`: the tools the person already uses, by name (plans and `fit` mark
    the role's in-demand and hot technologies among them); a repeat is kept once."""
    found: dict[str, str] = {}
    for index, item in enumerate(f.sequence(data, "technologies", "")):
        if isinstance(item, str) and item.strip():
            found.setdefault(normalize(item), " ".join(item.split()))
        else:
            f.error(
                f"a technology is a name (text), found {kind_of(item)}", data, "technologies", f"technologies[{index}]"
            )
    return tuple(found.values())


def _read_attributes(f: Fields, emp: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """`employee.attributes`: a mapping of names to short texts (numbers and dates written as text)."""
    attributes = f.mapping(emp, "attributes", "employee")
    if not attributes:
        return ()
    out = []
    for key, value in attributes.items():
        if value is None or isinstance(value, (dict, list)):
            f.error(f"expected text, found {kind_of(value)}", attributes, key, join("employee.attributes", key))
            continue
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        out.append((str(key), text.strip()))
    return tuple(out)


def _read_levels(
    f: Fields, data: dict[str, Any], section: str, catalog: Catalog, assessments: bool
) -> dict[str, Assessment | int]:
    """Read `skills` (current levels) or `targets`: skill name -> level, keyed by catalog id."""
    levels = f.mapping(data, section, "")
    out: dict[str, Assessment | int] = {}
    written_as: dict[str, str] = {}
    if levels is None:
        return out
    scale = catalog.scale
    for name, value in levels.items():
        skill_id = catalog.find_skill(str(name))
        if skill_id is not None and skill_id not in written_as and (plain := _plain_level(value, scale)) is not None:
            written_as[skill_id] = str(name)
            out[skill_id] = Assessment(skill_id, plain) if assessments else plain
            continue
        path = join(section, name)
        if skill_id is None:
            choices = list(catalog.names)
            hint = did_you_mean(str(name).lower(), choices) or did_you_mean(str(name).lower(), catalog.skills)
            f.warn(f"'{name}' matches no skill in the catalog{hint}; it is ignored", levels, name, path)
            continue
        if skill_id in written_as:
            f.error(
                f"'{name}' and '{written_as[skill_id]}' are the same skill ({skill_id}); keep one", levels, name, path
            )
            continue
        written_as[skill_id] = str(name)
        if isinstance(value, dict) and assessments:
            found = _read_assessment(f, value, path, catalog, skill_id)
            if found is not None:
                out[skill_id] = found
            continue
        if isinstance(value, dict):
            f.check_keys(value, ("level",), path)
            if "level" not in value:
                f.error("missing 'level'", levels, name, path)
                continue
            level = f.level(value["level"], catalog.scale, value, "level", join(path, "level"))
        elif isinstance(value, list):
            f.error(f"expected a level or {{level, source, assessed}}, found {kind_of(value)}", levels, name, path)
            continue
        else:
            level = f.level(value, catalog.scale, levels, name, path)
        if level is not None:
            out[skill_id] = Assessment(skill_id, level) if assessments else level
    return out


def _plain_level(value: Any, scale: Scale) -> int | None:
    """The level of a value written plainly: a number on the scale, or a text naming a level (`text_level`: each
    text worked out once, as every roster row writes the same few); else None, and `_read_levels` checks it."""
    if type(value) is int:
        return value if 0 <= value <= scale.max_level else None
    return text_level(value, scale) if type(value) is str else None


def _read_assessment(f: Fields, value: dict[str, Any], path: str, catalog: Catalog, skill_id: str) -> Assessment | None:
    """`{level, source, assessed}` or `{ratings: [{level, source, date}, ...]}`: the rating that counts, and all."""
    f.check_keys(value, ASSESSMENT_KEYS, path)
    ratings: list[Rating] = []
    if "ratings" in value:
        if "level" in value:
            f.error("give either 'level' or 'ratings', not both", value, "level", join(path, "level"))
            return None
        for index, item in enumerate(f.sequence(value, "ratings", path)):
            item_path = f"{join(path, 'ratings')}[{index}]"
            if not isinstance(item, dict):
                f.error(f"expected {{level, source, date}}, found {kind_of(item)}", value, "ratings", item_path)
                continue
            f.check_keys(item, RATING_KEYS, item_path)
            rating = _read_rating(f, item, item_path, catalog, "date")
            if rating is not None:
                ratings.append(rating)
        if not ratings:
            if "ratings" in value and isinstance(value["ratings"], list) and not value["ratings"]:
                f.error("'ratings' is empty: give at least one {level, source, date}", value, "ratings", path)
            return None
    else:
        if "level" not in value:
            f.error("missing 'level'", value, None, path)
            return None
        rating = _read_rating(f, value, path, catalog, "assessed")
        if rating is None:
            return None
        ratings.append(rating)
    counts = current_rating(ratings, catalog.planning.precedence)
    return Assessment(skill_id, counts.level, counts.source, counts.date, tuple(ratings))


def _read_rating(f: Fields, item: dict[str, Any], path: str, catalog: Catalog, date_key: str) -> Rating | None:
    level = f.level(item["level"], catalog.scale, item, "level", join(path, "level")) if "level" in item else None
    if "level" not in item:
        f.error("missing 'level'", item, None, path)
    when = f.date(item, date_key, path)  # read first, so a bad date is reported beside a bad source
    source = (f.text(item, "source", path) or "").strip().lower()
    # `peer-review`, `self assessment`, `manager's view`: the first word says whose rating it is.
    first = re.split(r"[^a-z]+", source, maxsplit=1)[0]
    source = first if first in RATING_SOURCES else source
    if source and source not in RATING_SOURCES:
        f.error(
            f"unknown rating source '{source}'{did_you_mean(source, RATING_SOURCES)}; use {', '.join(RATING_SOURCES)}",
            item,
            "source",
            join(path, "source"),
        )
        return None
    return Rating(level, source, when) if level is not None else None


def current_rating(ratings: list[Rating], precedence: tuple[str, ...]) -> Rating:
    """The rating that counts: from the most trusted source, the latest of its ratings.

    A rating without a source ranks below every named one; one without a date is older than any dated one.
    """
    rank = {source: place for place, source in enumerate(precedence)}
    return min(ratings, key=lambda r: (rank.get(r.source, len(rank)), -(r.date.toordinal() if r.date else 0)))
