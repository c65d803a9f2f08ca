"""The plan as a standalone HTML page (`upskill plan --format html`, `upskill batch --format html`):
the Markdown plan's content with two inline SVG charts (charts.py), from `templates/plan.html.j2`
in an autoescaping Jinja2 environment. One file: inline CSS, no script, nothing fetched."""

from __future__ import annotations

from upskill.model import Catalog, Plan
from upskill.render.jinja import html_template, plan_context


def render_plan_html(plan: Plan, catalog: Catalog, *, explain: bool = False, index_page: str = "") -> str:
    """Render `plan` as HTML; every value from input files is escaped by the environment.

    `index_page` is the file name of the batch's index page, linked at the top ("" for none).
    """
    from markupsafe import Markup

    from upskill.render.charts import levels_chart, timeline_chart

    context = plan_context(plan, catalog, explain=explain)
    # The charts escape their own text (charts.py); Markup keeps autoescape from escaping the SVG
    context["levels_chart"] = Markup(levels_chart(plan))
    context["timeline_chart"] = Markup(timeline_chart(plan))
    context["index"] = index_page
    return html_template("plan.html.j2").render(context)
