"""The plan as GitHub-flavoured Markdown, from the Jinja2 template `templates/plan.md.j2`."""

from __future__ import annotations

from ..model import Catalog, Plan
from .escape import squeeze
from .jinja import markdown_template, plan_context


def render_markdown(plan: Plan, catalog: Catalog, *, explain: bool = False) -> str:
    """Render `plan`; `catalog` supplies the demand evidence behind each planned skill."""
    text = markdown_template("plan.md.j2").render(plan_context(plan, catalog, explain=explain))
    return squeeze(text).strip() + "\n"
