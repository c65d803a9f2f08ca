"""`upskill plan`: one employee's gaps to a target role, scheduled week by week."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.edge import print_problem, report_problems, reports_errors, to_stdout, write_out
from upskill.cli.options import Weights
from upskill.render import PLAN_SUFFIXES

if TYPE_CHECKING:
    from upskill.model import Catalog, Plan
    from upskill.render import Extras
    from upskill.render.custom import UserTemplate


@click.command(short_help="Plan one employee: the gaps to a target role, week by week.")
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@options.catalog
@click.option("--role", metavar="ROLE_ID", help="Plan for this catalog role instead of the profile's target_role.")
@options.plan_format
@options.plan_output
@options.mermaid
@options.front_matter
@options.template
@options.input_format
@options.as_of
@options.start
@options.deadline
@options.hours_per_week
@options.top
@options.parallel
@options.closed
@click.option("--explain", is_flag=True, help="Show each term of each gap's priority.")
@options.weight
@options.strict
@options.color
@reports_errors
def plan(
    profile: str,
    catalogs: tuple[str, ...],
    role: str | None,
    fmt: str | None,
    output: str | None,
    mermaid: bool,
    front_matter: bool,
    template: str | None,
    input_format: str | None,
    as_of: date | None,
    start: date | None,
    deadline: date | None,
    hours_per_week: float | None,
    top: int | None,
    parallel: int | None,
    closed: tuple[tuple[date, date], ...],
    explain: bool,
    weights: Weights,
    strict: bool,
    color: bool | None,
) -> None:
    """Compute the skill gaps in PROFILE and print a scheduled learning plan.

    PROFILE is a YAML, TOML or JSON file, or - for standard input (its format recognised from
    the text, or named with --input-format).

    \b
    Examples:
      upskill plan examples/ana-ruiz.yaml
      upskill plan examples/ana-ruiz.yaml --format markdown > plan.md
      upskill plan profile.toml --catalog default --catalog ours.yaml --role ml-engineer -o plan.json
      upskill plan examples/ana-ruiz.yaml -o plan.html
      upskill plan examples/ana-ruiz.yaml --mermaid --front-matter -o docs/plans/ana.md
      upskill plan examples/ana-ruiz.yaml -o plan.ics
      upskill plan examples/ana-ruiz.yaml --template examples/templates/one-on-one.md.j2
    """
    from upskill.cli.inputs import catalog_inputs, settings_inputs
    from upskill.errors import Problem, Problems, UsageError, did_you_mean
    from upskill.load.document import read_document
    from upskill.load.profile import far_deadline_warning, read_profile
    from upskill.planning.plan import build_plan
    from upskill.write.clash import refuse_overwrite

    templates = [(template, "the template")] if template else []
    refuse_overwrite(output, [(profile, "the profile"), *templates, *catalog_inputs(catalogs), *settings_inputs()])
    fmt, extras, user = _output_choice(output, fmt, mermaid, front_matter, template)
    catalog = options.load_catalogs(catalogs)
    if role is not None and catalog.find_role(role) is None:
        raise UsageError(
            Problem(f"--role: unknown role '{role}'{did_you_mean(role, catalog.roles)}; see `upskill catalog roles`")
        )
    problems = Problems()
    document = read_document(profile, format=input_format)
    parsed = read_profile(document, catalog, problems, role=catalog.find_role(role) if role else None)
    report_problems(problems.items, strict)
    as_of = options.made_on(as_of)
    start = options.first_day(start, deadline, as_of)
    far = far_deadline_warning(document, parsed, start) if deadline is None else None
    if far is not None:  # said, not an error even with --strict: 9999-12-31 is how HR writes "none"
        print_problem(far)
    result = build_plan(
        parsed,
        catalog,
        options.plan_options(catalog, start, deadline, hours_per_week, top, weights, parallel, as_of, closed),
    )
    if user is not None:
        from upskill.render.custom import render_template

        write_out(render_template(user, result, catalog), output)
        return
    emit(result, catalog, fmt, output, explain, options.chosen_color(color), extras)


def _output_choice(
    output: str | None, fmt: str | None, mermaid: bool, front_matter: bool, template: str | None
) -> tuple[str | None, Extras, UserTemplate | None]:
    """The format, its extras and the user's template (compiled before any work); exit 2 for a mix that cannot be."""
    from upskill.errors import Problem, UsageError
    from upskill.render import Extras

    if template is not None:
        if fmt is not None or mermaid or front_matter:
            raise UsageError(
                Problem("--template writes what the template says: drop --format, --mermaid and --front-matter")
            )
        from upskill.render.custom import check_output, load_template

        user = load_template(template)
        check_output(user, output)
        return None, Extras(), user
    fmt = options.format_from(output, fmt, PLAN_SUFFIXES)
    if (mermaid or front_matter) and fmt not in ("markdown", None):
        flag = "--mermaid" if mermaid else "--front-matter"
        raise UsageError(Problem(f"{flag} adds to the Markdown plan: use it with --format markdown or -o FILE.md"))
    if mermaid or front_matter:
        fmt = "markdown"  # a terminal would otherwise get the table, which has neither
    return fmt, Extras(mermaid=mermaid, front_matter=front_matter), None


def emit(
    result: Plan,
    catalog: Catalog,
    fmt: str | None,
    output: str | None,
    explain: bool,
    color: bool | None,
    extras: Extras | None = None,
) -> None:
    """Render in the chosen format to stdout or to the file `output` (`write_out`)."""
    if fmt is None:  # neither --format nor -o: it depends on where stdout goes
        with to_stdout() as out:
            fmt = "table" if out.isatty() or color else "markdown"
    if fmt == "table" and output is None:  # a live terminal: its own width, colour as decided
        from upskill.render.terminal import make_console, render_table

        with to_stdout():
            render_table(result, make_console(color=color), catalog, explain=explain)
        return
    from upskill.render import Extras, render_plan

    text = render_plan(result, catalog, fmt, explain=explain, extras=extras or Extras())
    write_out(text, output)
