"""Read an employee's skills profile and resolve its names against a catalog."""

from __future__ import annotations

from typing import Any

from upskill.errors import Problems, did_you_mean
from upskill.load.describe import kind_of
from upskill.load.document import Document
from upskill.load.fields import Fields, join
from upskill.model import Assessment, Catalog, Employee, Profile

PROFILE_KEYS = ("employee", "skills", "targets")
EMPLOYEE_KEYS = ("id", "name", "role", "target_role", "hours_per_week", "deadline")
ASSESSMENT_KEYS = ("level", "source", "assessed")
MAX_HOURS_PER_WEEK = 80.0


def read_profile(doc: Document, catalog: Catalog, problems: Problems, *, role: str | None = None) -> Profile:
    """Turn a parsed profile document into a `Profile`, adding a located problem for each bad field.

    `role` (the `--role` flag) replaces the profile's target role. Callers check
    `problems` afterwards: the returned profile is only meaningful when it has no errors.
    """
    f = Fields(doc, problems)
    data = doc.data
    f.check_keys(data, PROFILE_KEYS, "")
    employee = _read_employee(f, catalog, role)
    skills = _read_levels(f, data, "skills", catalog, assessments=True)
    targets = _read_levels(f, data, "targets", catalog, assessments=False)
    return Profile(
        employee=employee,
        skills={sid: a for sid, a in skills.items() if isinstance(a, Assessment)},
        targets={sid: a.level if isinstance(a, Assessment) else a for sid, a in targets.items()},
        file=doc.name,
    )


def _read_employee(f: Fields, catalog: Catalog, role_override: str | None) -> Employee:
    data = f.doc.data
    emp = f.mapping(data, "employee", "", required=True) or {}
    f.check_keys(emp, EMPLOYEE_KEYS, "employee")
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
    )


def _read_levels(
    f: Fields, data: dict[str, Any], section: str, catalog: Catalog, assessments: bool
) -> dict[str, Assessment | int]:
    """Read `skills` (current levels) or `targets`: skill name -> level, keyed by catalog id."""
    levels = f.mapping(data, section, "")
    out: dict[str, Assessment | int] = {}
    written_as: dict[str, str] = {}
    if levels is None:
        return out
    for name, value in levels.items():
        path = join(section, name)
        skill_id = catalog.find_skill(str(name))
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
        if isinstance(value, dict):
            allowed = ASSESSMENT_KEYS if assessments else ("level",)
            f.check_keys(value, allowed, path)
            if "level" not in value:
                f.error("missing 'level'", levels, name, path)
                continue
            level = f.level(value["level"], catalog.scale, value, "level", join(path, "level"))
            source = f.text(value, "source", path) or ""
            assessed = f.date(value, "assessed", path)
        elif isinstance(value, list):
            f.error(f"expected a level or {{level, source, assessed}}, found {kind_of(value)}", levels, name, path)
            continue
        else:
            level = f.level(value, catalog.scale, levels, name, path)
            source, assessed = "", None
        if level is not None:
            out[skill_id] = Assessment(skill_id, level, source, assessed) if assessments else level
    return out
