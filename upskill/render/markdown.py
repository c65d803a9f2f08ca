"""The plan as GitHub-flavoured Markdown, from the Jinja2 template in `templates/`."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2

from ..model import Catalog, Plan
from ..paths import data_dir
from . import common

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_CONTROL = {c: " " for c in (*range(32), 127)}
_BLANK_RUNS = re.compile(r"\n{3,}")
_URL_UNSAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E",
                             **{chr(c): "" for c in (*range(32), 127)}})


def md(value: object) -> str:
    """Escape text from input files so it shows literally (no links, HTML or emphasis injected)."""
    # A newline inside a value would break a list or table; other control characters
    # (an escape sequence, say) have no business in a document.
    text = " ".join(str(value).translate(_CONTROL).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def url(value: object) -> str:
    """Make a URL safe inside `(...)` of a Markdown link."""
    return str(value).translate(_URL_UNSAFE)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja2's own per-user cache of compiled templates, in the temp folder.

    Compiling the template costs more than everything else `upskill plan` does; the cache
    is keyed on the template's source, so an edited template is recompiled, and output is
    the same with or without it. None when the temp folder is unusable.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def _template(name: str) -> jinja2.Template:
    # Built once per process (batches render many plans with one compiled template).
    env = jinja2.Environment(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: escaping is done by the `md` filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["cell"] = md  # `md` already escapes the table pipe
    env.filters["url"] = url
    return env.get_template(name)


def render_markdown(plan: Plan, catalog: Catalog, *, explain: bool = False) -> str:
    """Render `plan`; `catalog` supplies the demand evidence behind each planned skill."""
    evidence = []
    for step in plan.steps:
        demand = catalog.skills[step.skill].demand
        if demand and demand.figure:
            source = catalog.sources.get(demand.source)
            cited = f"{source.publisher}, {source.date}" if source else demand.source
            evidence.append({"name": step.name, "trend": demand.trend, "figure": demand.figure, "source": cited})
    context: dict[str, Any] = {
        "employee": plan.employee,
        "role": plan.role,
        "gaps": plan.gaps,
        "steps": plan.steps,
        "summary": plan.summary,
        "weights": plan.weights,
        "met": [catalog.skills[s].name for s in plan.met],
        "bridges": common.bridges(plan),
        "pace": common.pace_advice(plan),
        "evidence": evidence,
        "explain": explain,
        "hours_per_level": catalog.hours_per_level,
        "hours": common.hours,
        "level": lambda value: common.level(plan.scale, value),
        "activity_line": lambda resource: common.activity_line(resource, md),
    }
    text = _template("plan.md.j2").render(context)
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"
