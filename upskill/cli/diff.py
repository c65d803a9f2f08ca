"""`upskill diff OLD NEW`: one employee's progress between two profiles or two JSON plans."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from upskill.cli import options
from upskill.cli.edge import report_problems, reports_errors, write_out
from upskill.cli.options import Output, SectionedCommand
from upskill.cli.types import DateType
from upskill.errors import Problem, Problems, UsageError

if TYPE_CHECKING:
    from upskill.model import Catalog
    from upskill.planning.request import PlanRequest


@click.command(cls=SectionedCommand, short_help="Progress between two profiles or two JSON plans of one employee.")
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@options.catalog
@options.strict
@options.planning("as_of")
@click.option(
    "--since",
    type=DateType(),
    help="The day OLD (a profile) was current: its plan starts the Monday after. Default: as NEW's.",
)
@options.output(
    options.format_option(lambda: ("table", "markdown", "json")),
    options.output_option({".md": "markdown", ".json": "json", ".txt": "table"}),
)
@reports_errors
def diff(
    old: str,
    new: str,
    catalogs: tuple[str, ...],
    strict: bool,
    request: PlanRequest,
    since: date | None,
    output: Output,
) -> None:
    """Compare OLD and NEW, two profiles of one employee or two plans (`upskill plan --format json`).

    Says the levels gained per skill, the gaps closed, the earlier plan's steps done or late on
    --as-of, the hours remaining and whether the employee is ahead of or behind schedule.

    \b
    Examples:
      upskill diff ana-2026-09.yaml ana-2026-12.yaml --since 2026-09-01
      upskill diff plan-september.json plan-december.json -o progress.md
    """
    from dataclasses import replace

    from upskill.planning.diff import diff_plans
    from upskill.planning.request import made_on
    from upskill.render.diff import DIFF_SUFFIXES, render_diff
    from upskill.write.clash import refuse_overwrite

    refuse_overwrite(output.path, [(old, "OLD"), (new, "NEW")])
    fmt = options.format_from(output.path, output.fmt, DIFF_SUFFIXES) or "markdown"
    as_of = made_on(request.as_of)
    catalog: Catalog | None = None
    sides: list[tuple[dict[str, Any], dict[str, int] | None]] = []
    for path, day in ((old, since or as_of), (new, as_of)):
        plan = _read_plan(path)
        if plan is not None:
            sides.append((plan, None))
            continue
        catalog = catalog or options.load_catalogs(catalogs)
        sides.append(_planned(path, catalog, replace(request, as_of=day), strict))
    (old_plan, old_levels), (new_plan, new_levels) = sides
    if old_plan["employee"]["id"] != new_plan["employee"]["id"]:
        raise UsageError(
            Problem(
                f"OLD is employee '{old_plan['employee']['id']}' and NEW is '{new_plan['employee']['id']}': "
                "compare two files of one employee"
            )
        )
    result = diff_plans(old_plan, new_plan, as_of, (old_levels, new_levels))
    write_out(render_diff(result, fmt), output.path)


def _read_plan(path: str) -> dict[str, Any] | None:
    """A JSON plan (`upskill.plan/3`) as it is; None for anything else (a profile)."""
    import json

    if not path.lower().endswith(".json"):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None  # read as a profile, whose reader says what is wrong, located
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("upskill.plan/"):
        return None
    if data["schema"] != "upskill.plan/3":
        raise UsageError(
            Problem(
                f"{path}: a plan of schema {data['schema']}; make it again with `upskill plan --format json` "
                "(upskill.plan/3)"
            )
        )
    return data


def _planned(path: str, catalog: Catalog, request: PlanRequest, strict: bool) -> tuple[dict[str, Any], dict[str, int]]:
    """A profile planned as `upskill plan` would, on its day; with its current levels."""
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile
    from upskill.planning.plan import build_plan
    from upskill.render.json import plan_to_dict

    problems = Problems()
    profile = read_profile(read_document(path), catalog, problems, as_of=request.as_of)
    report_problems(problems.items, strict)
    plan = build_plan(profile, catalog, options.planned(catalog, request))
    return plan_to_dict(plan, catalog), {sid: a.level for sid, a in profile.skills.items()}
