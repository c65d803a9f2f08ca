"""The lines of a plan's steps in Markdown (markdown.py's pieces): a step's title, its activities with a hole
for the roster's session words where the schedule can fill one, a hole for its mentor, its closing lines.

Most of a step's text is the same for every plan with the same step (the catalog's skill, levels and
activities): made once per batch and found by the records' identity (planning/memo.py), issue 29.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from upskill.model import Catalog, Placement, Resource, Skill, Step
from upskill.planning.memo import IdentityMemo
from upskill.planning.sessions import shareable
from upskill.render import common
from upskill.render.ask import placed_when
from upskill.render.escape import md_text, url

# A whole line, a hole of whole lines, or [head, a hole inside the line, tail] (markdown.py's _runs)
_Line = str | bytes | tuple[Any, ...] | list[Any]


def own_mentoring(placed: tuple[Placement, ...]) -> bool:
    """`sessions.mentoring_activity(step) is not None`, a list made in C rather than a generator stepped by `next`."""
    return "mentoring" in [p.resource.format for p in placed]


def _placed(at: int, step: Step, share: float, shared: set[tuple[str, str]] | None) -> tuple[_Line, ...]:
    """The lines of the step's activities, a hole in each that the roster's schedule can fill.

    An activity no one can share (no shareable one of its skill has its title) is never in a session or taken
    alone by the schedule, which shares only those (attend.learner_of): its line is whole, no hole to fill. A
    hole stays where the plan itself says otherwise (a plan read back from a file).

    A step's placements recur across a batch as the very same tuple (cycle.placements' memo): their lines are
    made once for each place of the step in a plan, found by identity. Their holes, lists, are only read."""
    if shared is not None:
        return tuple(_activity_lines(at, step.skill, step.placed, share, shared))
    key = (id(step.placed), at, step.skill, share)
    found = _PLACED.get(key)
    if found is None:
        own = shared_keys((step,))
        found = _PLACED.put(key, (step.placed,), tuple(_activity_lines(at, step.skill, step.placed, share, own)))
    return found


_PLACED: IdentityMemo[tuple[_Line, ...]] = IdentityMemo(4096)


def _activity_lines(
    at: int, skill: str, placed: tuple[Placement, ...], share: float, shared: set[tuple[str, str]]
) -> list[_Line]:
    return [
        f"{_checklist_item(p.resource, share)}; {placed_when(p)})"
        if p.session is None and not p.alone and (skill, p.resource.title) not in shared
        else [
            f"{_checklist_item(p.resource, share)}; {placed_when(p)}",
            ("activity", at, k, skill, p.resource.title),
            ")",
        ]
        for k, p in enumerate(placed)
    ]


def shared_keys(steps: tuple[Step, ...]) -> set[tuple[str, str]]:
    """The skill and title of each activity of `steps` that people can take together (`sessions.shareable`)."""
    return {(step.skill, p.resource.title) for step in steps for p in step.placed if shareable(p.resource)}


def step_lines(
    at: int,
    step: Step,
    level: Callable[[int], str],
    catalog: Catalog,
    share: float,
    own: bool | None = None,
    shared: set[tuple[str, str]] | None = None,
) -> list[_Line]:
    """`own`: whether the step has its own mentoring activity (`own_mentoring`), when the caller knows;
    `shared`: `shared_keys` of the plan's steps when a skill is in two of them."""
    if own is None:
        own = own_mentoring(step.placed)
    start = level(step.from_level) if step.assessed else "not assessed"
    title = f"### {step.number}. {md_text(step.name)}: {start} → {level(step.to_level)}"
    # when_line holds numbers, dates and catalog ids only: nothing to escape
    lines: list[_Line] = ["", title + (" (late)" if step.late else ""), "", common.when_line(step, catalog.skills), ""]
    checklist_item = _checklist_item
    if step.placed:  # a hole in a line for its session words where the roster can fill one (`_placed`)
        lines += _placed(at, step, share, shared)
    else:
        lines += [f"{checklist_item(r, share)})" for r in step.activities]
    if step.uncovered:
        low, high = step.uncovered
        lines.append(
            f"- [ ] **Needs a resource:** nothing in the catalog covers {level(low)} → "
            f"{level(high)}; ~{common.hours(catalog.hours_per_level * (high - low))} h is a placeholder "
            "estimate"
        )
    # a roster scheduled together: a mentor or why there is none
    lines.append(("mentor", at, step.skill, own))
    record = catalog.skills[step.skill]
    # the labels: the scale's `_Levels`, shared by the plans of the scale (its `__getitem__` is made anew for each)
    labels = getattr(level, "__self__", level)
    key = (id(record), step.to_level, step.done_when, id(labels))
    found = _TAILS.get(key)
    lines += found if found is not None else _TAILS.put(key, (record, labels), _tail(record, step, level))
    return lines


def step_block(
    at: int, step: Step, level: Callable[[int], str], catalog: Catalog, share: float, own: bool, utf8: bool = False
) -> tuple[_Line, ...]:
    """`step_lines` of a plan whose skills are each in one step, its whole lines in a row joined into one (what
    markdown.py's `_runs` would make of them), made once for each step with the same inputs.

    A step's text depends only on its own fields (its number, skill, levels, weeks, hours, activities and their
    weeks), the catalog, the scale's labels, the share of on-the-job time and whether it has its own mentoring:
    the key holds all of them, the records by identity. Steps recur across a batch (the same role, gaps and
    start give the same step in the same place: ~40% of the steps of 300 generated profiles), and a step found
    costs a key and a look-up instead of ~13 lines made, each then joined and scanned for holes by `_runs`.
    `utf8`: its text in UTF-8 (`encoded`), kept apart from the text itself."""
    labels = getattr(level, "__self__", level)
    key = (
        at,
        id(step.activities),
        id(step.placed),
        id(catalog),
        id(labels),
        share,
        own,
        utf8,
        *step[:_SKIP],
        *step[_SKIP + 1 : _ROSTER],
    )
    found = _BLOCKS.get(key)
    if found is None:
        records = (step.activities, step.placed, catalog, labels)
        block = joined(step_lines(at, step, level, catalog, share, own))
        found = _BLOCKS.put(key, records, encoded(block) if utf8 else block)
    return found


# The fields of a step its text reads, besides `activities` and `placed` (keyed by identity): all but its roster's
_SKIP = Step._fields.index("activities")
_ROSTER = Step._fields.index("placed")
assert Step._fields[_ROSTER:] == ("placed", "mentor", "no_mentor")
_BLOCKS: IdentityMemo[tuple[_Line, ...]] = IdentityMemo(4096)


def joined(lines: list[_Line]) -> tuple[_Line, ...]:
    """`lines` with each row of whole lines joined by line breaks into one: `_runs` joins its lines so, and
    `"\\n".join` gives the same text whether the lines come one by one or some of them already joined."""
    out: list[_Line] = []
    row: list[str] = []
    for line in lines:
        if isinstance(line, str):
            row.append(line)
            continue
        if row:
            out.append("\n".join(row))
            row = []
        out.append(line)
    if row:
        out.append("\n".join(row))
    return tuple(out)


def encoded(block: tuple[_Line, ...]) -> tuple[_Line, ...]:
    """`block` with its text in UTF-8: each whole line, and the text around a hole inside a line."""
    return tuple(
        [
            line.encode("utf-8")
            if isinstance(line, str)
            else [line[0].encode("utf-8"), line[1], line[2].encode("utf-8")]
            if isinstance(line, list)
            else line
            for line in block
        ]
    )


# A step's closing lines and its activities' checklist heads recur in every plan with the same step: made once
# each, found by the catalog records' identity (an `lru_cache` hashes a `Resource` field by field on each call).
_TAILS: IdentityMemo[tuple[str, ...]] = IdentityMemo(1024)
_ITEMS: IdentityMemo[str] = IdentityMemo(2048)


def _tail(skill: Skill, step: Step, level: Callable[[int], str]) -> tuple[str, ...]:
    """The step's at-level and done-when lines (the caller's key: the skill, the level reached, the done-when text)."""
    can = skill.describe_level(step.to_level)
    lines = ["", f"**At {level(step.to_level)}:** {md_text(can)}"] if can else []
    return (*lines, "", f"**Done when:** {md_text(step.done_when)}")


def _checklist_item(resource: Resource, share: float) -> str:
    key = (id(resource), share)
    found = _ITEMS.get(key)
    return found if found is not None else _ITEMS.put(key, (resource,), _checklist_text(resource, share))


def _checklist_text(resource: Resource, share: float) -> str:
    target = url(resource.url)  # "" unless http(s): a `javascript:` link must not go live in a wiki
    title = f"[{md_text(resource.title)}]({target})" if target else md_text(resource.title)
    return f"- [ ] {title} ({common.activity_line(resource, md_text, share)}"  # the caller closes it
