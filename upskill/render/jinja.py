"""The Jinja2 environments behind the templated documents: the team report and index in Markdown
(escaped by the `md` filter), and every HTML page (autoescaped); and the context the HTML plan sees.
(The Markdown plan, rendered once per employee, is written in Python: render/markdown.py.)

Each environment is built once per process (compiling dominates the cost of a render) from the
bundled `templates/` folder only; template names are constants, never derived from input data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import jinja2

from upskill.model import Catalog, Plan, Scale
from upskill.paths import data_dir
from upskill.render import common
from upskill.render.ask import later_lines, placed_when, weekly_ask
from upskill.render.escape import link, md, safe_url, squeeze, url
from upskill.render.roster_words import group_reasons, mentee_lines, mentor_line, session_words


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja2's own per-user cache of compiled templates, in the temp folder.

    Compiling a template costs more than everything else `upskill plan` does; the cache is
    keyed on the template's source, so an edited template is recompiled, and output is the
    same with or without it. None when the temp folder is unusable.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def _level(value: int, scale: Scale) -> str:
    return common.level(scale, value)


@cache
def _environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=html,  # Markdown is escaped by the `md` filter instead
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # bundled templates do not change under a running process: no stat per render
    )
    # Filters, not context functions: Jinja2 calls a filter directly, a function through
    # Context.call, which costs several microseconds a call (~50 calls a plan).
    env.filters.update(
        {
            "md": md,
            "cell": md,  # `md` already escapes the table pipe
            "url": url,
            "link": link,
            "safe_url": safe_url,
            "hours": common.hours,
            "about": common.about,  # an estimate's total, rounded (docs/planning.md, "Hours in text")
            "level": _level,
            "activity": lambda resource, share=1.0: common.activity_line(resource, share=share),
            "placed_when": placed_when,
            "session_words": session_words,
        }
    )
    return env


def markdown_template(name: str) -> jinja2.Template:
    return _environment(False).get_template(name)


def html_template(name: str) -> jinja2.Template:
    return _environment(True).get_template(name)


def plan_context(plan: Plan, catalog: Catalog, *, explain: bool) -> dict[str, Any]:
    """What `plan.html.j2` sees; `catalog` supplies the evidence behind each planned skill."""
    evidence = []
    for step in plan.steps:
        found = common.evidence(catalog, step.skill)
        if found:
            evidence.append({"name": step.name, **found._asdict()})
    return {
        "employee": plan.employee,
        "role": plan.role,
        "scale": plan.scale,
        "gaps": plan.gaps,
        "steps": plan.steps,
        "summary": plan.summary,
        "weights": plan.weights,
        "met": common.met_names(plan, catalog),
        "bridges": [common.bridge_line(plan, b) for b in plan.bridges],
        "warnings": plan.warnings,
        "checkins": common.checkin_lines(plan),
        "agendas": [common.agenda_lines(c) for c in plan.checkins],
        "mix": common.mix_line(plan.summary, catalog.planning) if plan.summary.activity_hours else "",
        "not_planned": common.not_planned_line(plan),
        "when": {s.number: common.when_line(s, catalog.skills) for s in plan.steps},
        "mentor": {s.number: mentor_line(s) for s in plan.steps},  # a roster scheduled together
        "mentoring": mentee_lines(plan),
        "group_reasons": group_reasons(plan) if explain else [],  # --explain, a roster scheduled together
        "can_do": {s.number: catalog.skills[s.skill].describe_level(s.to_level) for s in plan.steps},
        "share": catalog.planning.experience_share,
        "side_by_side": common.side_by_side(plan.summary.parallel),
        "current": [common.current(g, lambda n: common.level(plan.scale, n)) for g in plan.gaps],
        "pace": common.pace_advice(plan),
        "evidence": evidence,
        "technologies": _technologies(plan),
        "explain": explain,
        "hours_per_level": catalog.hours_per_level,
        "ask": weekly_ask(plan),
        "deadline_status": common.deadline_status(plan),
        "later": later_lines(plan, lambda n: common.level(plan.scale, n)),
    }


def squeeze_stream(chunks: Iterable[str], block: int = 1 << 16) -> Iterator[str]:
    """`squeeze` for streamed output: the same text as squeezing the whole, without holding it.

    Trailing newlines of each block are carried into the next, so a blank run that spans
    blocks still collapses; the result starts with no blank line and ends with one newline.
    """
    carry = ""
    started = False
    buffer: list[str] = []
    size = 0

    def process(text: str) -> Iterator[str]:
        nonlocal carry, started
        text = carry + text
        body = text.rstrip("\n")
        carry = text[len(body) :]
        if not started:
            body = body.lstrip("\n")
            started = bool(body)
        if body:
            yield squeeze(body)

    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= block:
            yield from process("".join(buffer))
            buffer, size = [], 0
    yield from process("".join(buffer))
    if started:
        yield "\n"


def _technologies(plan: Plan) -> dict[str, Any] | None:
    """The role's in-demand and hot technologies for the HTML plan, or None."""
    if not plan.role.technologies:
        return None
    from upskill.planning.technologies import SHOWN, flagged_technologies

    found = flagged_technologies(plan.role, plan.employee.technologies)
    if not found.flagged:
        return None
    return {
        "intro": common.TECHNOLOGIES_INTRO,
        "items": [{"name": t.name, "label": found.label(t)} for t in found.flagged[:SHOWN]],
        "more": max(0, len(found.flagged) - SHOWN),
    }
