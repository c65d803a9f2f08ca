"""The public API: upskill as a library, for a notebook, a scheduler task or another tool.

    from datetime import date
    from upskill import load_catalog, read_profile, build_plan, render_plan, UpskillError

    catalog = load_catalog()                                  # the bundled catalog
    profile = read_profile("examples/ana-ruiz.yaml", catalog)
    plan = build_plan(profile, catalog, start=date(2026, 11, 23), hours_per_week=5)
    print(render_plan(plan, catalog, format="markdown"))

Every function raises `UpskillError` (its `.problems` lists each located `Problem`) for bad data,
and `UsageError` (an `UpskillError`) for a bad argument, exactly as the command line reports them:
both go through the same checks (`upskill.planning.request` for the planning options). These are
thin wrappers over the modules the CLI uses (`upskill.load`, `upskill.planning`, `upskill.render`),
which stay free to change; this module and `upskill/__init__.py` are the promise.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from datetime import date

from upskill.errors import Problem, Problems, UpskillError, UsageError, apply_strict
from upskill.model import Catalog, Plan, Profile  # the records a caller handles, exported below


class UpskillWarning(UserWarning):
    """A problem that does not stop the plan (an unknown skill name, say): `warnings.warn`-ed."""


def load_catalog(*paths: str | os.PathLike[str]) -> Catalog:
    """Read and merge catalog files or folders, later ones overlaying earlier ones by id.

    No path: the bundled catalog. `"default"` names it too, so `load_catalog("default", "ours.yaml")`
    adds a company's skills and roles to it.
    """
    from upskill.load.catalog import load_catalog as load

    return load([os.fspath(p) for p in paths] or ["default"])


def read_profile(
    source: str | os.PathLike[str],
    catalog: Catalog,
    *,
    role: str | None = None,
    strict: bool = False,
    as_of: date | None = None,
) -> Profile:
    """Read a profile from a file (YAML, TOML or JSON, by extension) or from text.

    `source` is a path (`pathlib.Path`, or a string without a line break), or the profile itself
    as YAML or JSON text (a string holding a line break). `role` replaces the profile's target
    role. A `progress:` level dated on or before `as_of` (the day the plan is made: by default
    today, or the day of SOURCE_DATE_EPOCH, as `upskill plan --as-of` has it) counts as the
    skill's current level; one dated later does not yet. Raises `UpskillError` with every problem
    found; warnings (a skill name the catalog does not know) are issued as `UpskillWarning`, or
    raised as errors with `strict=True`.
    """
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile as read
    from upskill.planning.request import find_role, keyword, made_on

    if as_of is not None and not isinstance(as_of, date):  # as build_plan checks it
        raise UsageError(Problem(f"{keyword('as_of')}: '{as_of}' is not a date; give a datetime.date"))

    if isinstance(source, str) and "\n" in source:
        document = read_document("<text>", text=source)
    else:
        document = read_document(os.fspath(source))
    found = find_role(catalog, role) if role is not None else None
    problems = Problems()
    profile = read(document, catalog, problems, role=found, as_of=made_on(as_of, keyword))
    problems.items = apply_strict(problems.items, strict)
    problems.raise_if_errors()
    for problem in problems.warnings:
        _warn(problem)
    return profile


def build_plan(
    profile: Profile,
    catalog: Catalog,
    *,
    start: date | None = None,
    deadline: date | None = None,
    hours_per_week: float | None = None,
    top: int | None = None,
    weights: Mapping[str, float] | None = None,
    parallel: int | None = None,
    as_of: date | None = None,
    closed: Sequence[tuple[date, date]] = (),
) -> Plan:
    """Compute the gaps of `profile` to its target role and schedule the activities that close them.

    `as_of` is the day the plan is made (front matter's date, a calendar's DTSTAMP and SEQUENCE;
    without it they use the plan's first day); `start` defaults to the Monday after it (or after
    today, or the day of SOURCE_DATE_EPOCH); `deadline` and `hours_per_week` override the profile's;
    `top` plans only the N highest-priority gaps (and their prerequisites); `weights` overrides
    priority weights by term (`{"demand": 3}`; terms gap, demand, unlocks); `parallel` is how
    many skills run side by side (default: the catalog's `planning.parallel`); `closed` lists
    (first, last) days with no learning and no check-in (a year-end break).

    The options are checked as the command line checks its flags: a misspelled weight, hours that
    are not a number, a deadline before the start raise `UsageError` (an `UpskillError`) naming the
    keyword; a deadline so far away that it means none (9999-12-31) is an `UpskillWarning`.
    """
    from upskill.planning.plan import build_plan as build
    from upskill.planning.request import PlanRequest, plan_options

    request = PlanRequest(
        as_of=as_of,
        start=start,
        deadline=deadline,
        hours_per_week=hours_per_week,
        top=top,
        parallel=parallel,
        weights=tuple(weights.items()) if weights else (),
        closed=tuple(closed),
    )
    return build(profile, catalog, plan_options(catalog, request, warn=_warn))


def _warn(problem: Problem) -> None:
    warnings.warn(UpskillWarning(str(problem)), stacklevel=3)


def render_plan(
    plan: Plan,
    catalog: Catalog,
    format: str = "markdown",
    *,
    explain: bool = False,
    mermaid: bool = False,
    front_matter: bool = False,
) -> str:
    """The plan as text: `markdown`, `json`, `html`, `ics` (a calendar) or `table` (the terminal table,
    120 columns). `mermaid` and `front_matter` add a Mermaid chart and YAML front matter to Markdown."""
    from upskill.render import Extras
    from upskill.render import render_plan as render

    return render(plan, catalog, format, explain=explain, extras=Extras(mermaid=mermaid, front_matter=front_matter))


__all__ = [
    "Catalog",
    "Plan",
    "Problem",
    "Profile",
    "UpskillError",
    "UpskillWarning",
    "UsageError",
    "build_plan",
    "load_catalog",
    "read_profile",
    "render_plan",
]
