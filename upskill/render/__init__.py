"""Renderers: one module per output format, and `render_plan`, the one place a plan format is chosen.

Every plan renderer has the signature `(plan, catalog, *, explain=False) -> str`. To add a
format: write `upskill/render/NAME.py` with such a function and add one line to `PLAN_RENDERERS`
(CONTRIBUTING.md, "Adding an output format"). Renderers are imported only when used, so a
format's dependencies (rich, Jinja2) cost nothing to the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from upskill.model import Catalog, Plan

# format -> (module, function), in the order `--format` lists them
PLAN_RENDERERS = {
    "markdown": ("upskill.render.markdown", "render_markdown"),
    "json": ("upskill.render.json", "render_json"),
    "html": ("upskill.render.html", "render_plan_html"),
    "table": ("upskill.render.terminal", "render_table_text"),
}
# `upskill plan -o FILE`: the extension -> the format it picks (HTML plans come from `batch` for now)
PLAN_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "table"}


def render_plan(plan: Plan, catalog: Catalog, format: str = "markdown", *, explain: bool = False) -> str:
    """The plan as text in `format` (markdown, json, html or table): what `upskill plan --format` prints.

    `table` is the terminal table as plain text, 120 columns wide, without colour.
    """
    try:
        module, function = PLAN_RENDERERS[format]
    except KeyError:
        raise ValueError(f"unknown plan format {format!r}; use one of {', '.join(PLAN_RENDERERS)}") from None
    render = getattr(importlib.import_module(module), function)
    text: str = render(plan, catalog, explain=explain)
    return text
