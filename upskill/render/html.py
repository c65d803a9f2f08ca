"""The plan as a standalone HTML page (`upskill batch --format html`): the Markdown plan's content,
from `templates/plan.html.j2` in an autoescaping Jinja2 environment."""

from __future__ import annotations

from upskill.model import Catalog, Plan
from upskill.render.jinja import html_template, plan_context


def render_plan_html(plan: Plan, catalog: Catalog, *, explain: bool = False) -> str:
    """Render `plan` as HTML; every value from input files is escaped by the environment."""
    return html_template("plan.html.j2").render(plan_context(plan, catalog, explain=explain))
