"""`upskill plan`: one employee's gaps to a target role, scheduled week by week."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from upskill.cli import options
from upskill.cli.completion import complete_roles
from upskill.cli.edge import print_problem, report_problems, reports_errors, to_stdout, write_out
from upskill.cli.options import Output, SectionedCommand
from upskill.errors import Problem, Problems, UsageError

if TYPE_CHECKING:
    from upskill.model import Catalog, Plan
    from upskill.planning.request import PlanRequest
    from upskill.render import Extras
    from upskill.render.custom import UserTemplate


@click.command(cls=SectionedCommand, short_help="Plan one employee: the gaps to a target role, week by week.")
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@options.catalog
@click.option(
    "--role",
    metavar="ROLE_ID",
    shell_complete=complete_roles,
    help="Plan for this catalog role instead of the profile's target_role.",
)
@options.input_format
@options.strict
@options.planning()
@options.plan_output
@reports_errors
def plan(
    profile: str,
    catalogs: tuple[str, ...],
    role: str | None,
    input_format: str | None,
    strict: bool,
    request: PlanRequest,
    output: Output,
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
    from upskill.load.document import read_document
    from upskill.load.profile import far_deadline_warning, read_profile
    from upskill.planning.plan import build_plan
    from upskill.planning.request import find_role, flag, made_on
    from upskill.write.clash import refuse_overwrite

    path, template = output.path, output.template
    templates = [(template, "the template")] if template else []
    refuse_overwrite(path, [(profile, "the profile"), *templates, *catalog_inputs(catalogs), *settings_inputs()])
    fmt, extras, user = _output_choice(output)
    catalog = options.load_catalogs(catalogs)
    target = find_role(catalog, role, flag) if role is not None else None
    problems = Problems()
    document = read_document(profile, format=input_format)
    parsed = read_profile(document, catalog, problems, role=target, as_of=made_on(request.as_of))
    report_problems(problems.items, strict)
    plan_options = options.planned(catalog, request)
    far = far_deadline_warning(document, parsed, plan_options.start) if request.deadline is None else None
    if far is not None:  # said, not an error even with --strict: 9999-12-31 is how HR writes "none"
        print_problem(far)
    result = build_plan(parsed, catalog, plan_options)
    if user is not None:
        from upskill.render.custom import render_template

        write_out(render_template(user, result, catalog), path)
        return
    show_plan(result, catalog, fmt, path, output.explain, options.chosen_color(output.color), extras)


def _output_choice(output: Output) -> tuple[str | None, Extras, UserTemplate | None]:
    """The format, its extras and the user's template (compiled before any work); exit 2 for a mix that cannot be."""
    from upskill.render import Extras, plan_suffixes

    fmt, mermaid, front_matter, template = output.fmt, output.mermaid, output.front_matter, output.template

    if template is not None:
        if fmt is not None or mermaid or front_matter:
            raise UsageError(
                Problem("--template writes what the template says: drop --format, --mermaid and --front-matter")
            )
        from upskill.render.custom import check_output, load_template

        user = load_template(template)
        check_output(user, output.path)
        return None, Extras(), user
    fmt = options.format_from(output.path, fmt, plan_suffixes())
    if (mermaid or front_matter) and fmt not in ("markdown", None):
        flag = "--mermaid" if mermaid else "--front-matter"
        raise UsageError(Problem(f"{flag} adds to the Markdown plan: use it with --format markdown or -o FILE.md"))
    if mermaid or front_matter:
        fmt = "markdown"  # a terminal would otherwise get the table, which has neither
    return fmt, Extras(mermaid=mermaid, front_matter=front_matter), None


def show_plan(
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
