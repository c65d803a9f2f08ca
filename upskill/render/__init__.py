"""Renderers: one module per output format, and `render_plan`, the one place a plan format is chosen.

Every plan renderer has the signature `(plan, catalog, *, explain=False) -> str`. To add a
format: write `upskill/render/NAME.py` with such a function and add one line to `PLAN_FORMATS`
(CONTRIBUTING.md, "Adding an output format"). Renderers are imported only when used, so a
format's dependencies (rich, Jinja2) cost nothing to the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from upskill.model import Catalog, Plan


class PlanFormat:
    """One plan format: where its renderer is, the extensions that pick it, and where it is offered.
    (A plain class: a NamedTuple's typed fields cost the CLI's start-up more than the rest of this module.)"""

    def __init__(
        self,
        module: str,
        function: str,  # `(plan, catalog, *, explain=False, **extras) -> str`
        suffixes: tuple[str, ...] = (),  # `plan -o FILE` extensions that pick it; batch names its files with the first
        batch: bool = False,  # `upskill batch --format` writes one file per employee in it
        extras: tuple[str, ...] = (),  # the `Extras` it takes beyond `explain` (render_plan passes only these)
    ) -> None:
        self.module, self.function, self.suffixes, self.batch, self.extras = module, function, suffixes, batch, extras


# The one list of plan formats, in the order `--format` lists them: `plan --format`'s choices, the
# extensions `-o` reads, `batch --format`'s choices and file names all come from here.
PLAN_FORMATS: dict[str, PlanFormat] = {
    "table": PlanFormat("upskill.render.terminal", "render_table_text", (".txt",)),
    "markdown": PlanFormat(
        "upskill.render.markdown",
        "render_markdown",
        (".md", ".markdown"),
        batch=True,
        extras=("mermaid", "front_matter"),
    ),
    "json": PlanFormat("upskill.render.json", "render_json", (".json",), batch=True),
    "html": PlanFormat(
        "upskill.render.html", "render_plan_html", (".html", ".htm"), batch=True, extras=("index_page",)
    ),
    "ics": PlanFormat("upskill.render.ics", "render_ics", (".ics",), batch=True),
}


# The team report's and `upskill fit`'s formats -> the `-o FILE` extensions that pick them, in `--format`'s order
TEAM_FORMATS = {
    "table": (".txt",),
    "markdown": (".md", ".markdown"),
    "json": (".json",),
    "csv": (".csv",),
    "html": (".html", ".htm"),
}
FIT_FORMATS = {"table": (".txt",), "markdown": (".md", ".markdown"), "json": (".json",), "csv": (".csv",)}


def plan_suffixes() -> dict[str, str]:
    """`upskill plan -o FILE`: the extension -> the format it picks."""
    return suffix_map({name: fmt.suffixes for name, fmt in PLAN_FORMATS.items()})


def suffix_map(formats: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """format -> extensions, turned into extension -> format."""
    return {suffix: name for name, suffixes in formats.items() for suffix in suffixes}


def batch_formats() -> tuple[str, ...]:
    """The formats `upskill batch` writes plan files in, in the registry's order (the index links the first)."""
    return tuple(name for name, fmt in PLAN_FORMATS.items() if fmt.batch)


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
    applied where the format has them (`PlanFormat.extras`) and ignored elsewhere.
    """
    try:
        chosen_format = PLAN_FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown plan format {format!r}; use one of {', '.join(PLAN_FORMATS)}") from None
    render = getattr(importlib.import_module(chosen_format.module), chosen_format.function)
    chosen = {name: getattr(extras, name) for name in chosen_format.extras}
    text: str = render(plan, catalog, explain=explain, **chosen)
    return text
