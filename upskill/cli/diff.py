"""`upskill diff OLD NEW`: one employee's progress between two profiles or two JSON plans, or a team's
movement between two rosters (read as `batch` reads them, with the team report's privacy rules)."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from upskill.cli import options
from upskill.cli.edge import report_problems, reports_errors, write_out
from upskill.cli.options import Output, SectionedCommand
from upskill.cli.types import DateType
from upskill.errors import Problem, Problems, UsageError

if TYPE_CHECKING:
    from upskill.load.rosters.columns import RosterSettings
    from upskill.model import Catalog
    from upskill.planning.request import PlanRequest
    from upskill.planning.team_records import TeamSettings


@click.command(cls=SectionedCommand, short_help="Progress between two profiles, two JSON plans or two rosters.")
@click.argument("old", type=click.Path(exists=True))
@click.argument("new", type=click.Path(exists=True))
@options.catalog
@options.strict
@options.planning("as_of")
@click.option(
    "--since",
    type=DateType(),
    help="The day OLD (a profile) was current: its plan starts the Monday after. Default: as NEW's.",
)
@options.roster_options
@options.team_options("min_group", "anonymize", "group_by")
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
    roster: RosterSettings,
    team: TeamSettings,
    output: Output,
) -> None:
    """Compare OLD and NEW: two profiles of one employee, two plans (`upskill plan --format json`) or two rosters.

    For one employee: the levels gained per skill, the gaps closed, the earlier plan's steps done or
    late on --as-of, the hours remaining and whether they are ahead of or behind schedule. For two
    rosters: the movement per skill and per --group-by value, and who moved.

    \b
    Examples:
      upskill diff ana-2026-09.yaml ana-2026-12.yaml --since 2026-09-01
      upskill diff plan-september.json plan-december.json -o progress.md
      upskill diff roster-2026-09.csv roster-2026-12.csv --group-by department --anonymize
    """
    from upskill.load.rosters.profiles import is_roster
    from upskill.render.diff import DIFF_SUFFIXES, render_diff
    from upskill.write.clash import refuse_overwrite

    refuse_overwrite(output.path, [(old, "OLD"), (new, "NEW")])
    fmt = options.format_from(output.path, output.fmt, DIFF_SUFFIXES) or "markdown"
    if is_roster(old) or is_roster(new):
        if not (is_roster(old) and is_roster(new)):
            raise UsageError(Problem("give two rosters, or two profiles or plans of one employee: not one of each"))
        result, failed = _rosters(old, new, catalogs, strict, roster, team)
        write_out(render_diff(result, fmt), output.path)
        if failed:  # as `fit`: the comparison of the others is written, the status says some were not read
            click.echo(f"upskill: {failed:,} input(s) failed (see above) and are left out of the comparison", err=True)
            sys.exit(1)
        return
    write_out(render_diff(_employee(old, new, catalogs, strict, request, since), fmt), output.path)


def _employee(
    old: str, new: str, catalogs: tuple[str, ...], strict: bool, request: PlanRequest, since: date | None
) -> dict[str, Any]:
    """Each side as a plan (a JSON plan as it is, a profile planned on its day), then compared."""
    from dataclasses import replace

    from upskill.planning.diff import diff_plans
    from upskill.planning.request import made_on

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
    return diff_plans(old_plan, new_plan, as_of, (old_levels, new_levels))


def _rosters(
    old: str, new: str, catalogs: tuple[str, ...], strict: bool, roster: RosterSettings, team: TeamSettings
) -> tuple[dict[str, Any], int]:
    """Both rosters read as `fit` reads them (the survey's stop-or-go first); a row that fails is said and left out."""
    from upskill.cli.edge import print_problem
    from upskill.load.rosters.profiles import read_profiles, survey
    from upskill.planning.diff_team import diff_rosters

    catalog = options.load_catalogs(catalogs)
    settings = options.team_settings(team, date.today())
    sides = []
    failed = 0
    for path in (old, new):
        for note in survey([path], catalog, roster, strict=strict):
            print_problem(_as_shown(note, settings))
        profiles = []
        for read in read_profiles([path], catalog, roster, strict=strict):
            for problem in read.problems:
                print_problem(_as_shown(problem, settings))
            failed += read.failed
            if read.profile is not None:
                profiles.append(read.profile)
        sides.append(profiles)
    return diff_rosters(sides[0], sides[1], catalog, settings), failed


def _as_shown(problem: Problem, team: TeamSettings) -> Problem:
    """A row's message naming the employee as the output does: by pseudonym under --anonymize."""
    head = "employee "
    if not team.anonymize or not problem.path.startswith(head) or problem.path.startswith("employee (no id)"):
        return problem
    who, sep, rest = problem.path[len(head) :].partition(": ")
    return problem._replace(path=f"{head}{team.shown_id(who)}{sep}{rest}")


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
