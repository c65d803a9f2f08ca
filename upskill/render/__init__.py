"""Renderers: one module per output format, and `render_plan`, the one place a plan format is chosen.

Every plan renderer has the signature `(plan, catalog, *, explain=False) -> str`. To add a
format: write `upskill/render/NAME.py` with such a function and add one line to `PLAN_RENDERERS`
(CONTRIBUTING.md, "Adding an output format"). Renderers are imported only when used, so a
format's dependencies (rich, Jinja2) cost nothing to the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from upskill.model import Catalog, Plan

# format -> (module, function), in the order `--format` lists them
PLAN_RENDERERS = {
    "markdown": ("upskill.render.markdown", "render_markdown"),
    "json": ("upskill.render.json", "render_json"),
    "html": ("upskill.render.html", "render_plan_html"),
    "table": ("upskill.render.terminal", "render_table_text"),
    "ics": ("upskill.render.ics", "render_ics"),
}
# `upskill plan -o FILE`: the extension -> the format it picks
PLAN_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
    ".ics": "ics",
}
# The extras a format takes beyond `explain` (render_plan passes each only to the formats listed)
PLAN_EXTRAS = {"markdown": ("mermaid", "front_matter"), "html": ("index_page",)}


class Extras(NamedTuple):
    """What some formats add on request: a Mermaid chart and front matter (Markdown), a link back to
    the batch's index page (HTML)."""

    mermaid: bool = False
    front_matter: bool = False
    index_page: str = ""  # the index page's file name, relative to the plan's


NO_EXTRAS = Extras()


def render_plan(
    plan: Plan, catalog: Catalog, format: str = "markdown", *, explain: bool = False, extras: Extras = NO_EXTRAS
) -> str:
    """The plan as text in `format` (markdown, json, html, table or ics): what `upskill plan --format` prints.

    `table` is the terminal table as plain text, 120 columns wide, without colour. `extras` are
    applied where the format has them (PLAN_EXTRAS) and ignored elsewhere.
    """
    try:
        module, function = PLAN_RENDERERS[format]
    except KeyError:
        raise ValueError(f"unknown plan format {format!r}; use one of {', '.join(PLAN_RENDERERS)}") from None
    render = getattr(importlib.import_module(module), function)
    chosen = {name: getattr(extras, name) for name in PLAN_EXTRAS.get(format, ())}
    text: str = render(plan, catalog, explain=explain, **chosen)
    return text
