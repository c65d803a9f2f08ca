"""The text of a plan's steps in Markdown (markdown.py's pieces): a step's title, its activities with a hole
for the roster's session words where the schedule can fill one, a hole for its mentor, its closing lines; and
each step's line among the sources of the demand figures (`evidence_lines`).

Most of a step's text is the same for every plan with the same step (the catalog's skill, levels and
activities): made once per batch and found by the records' identity (planning/memo.py), issue 29.

A step is made as pieces, not lines: its text between two holes one string, each of its lines ended by its line
break, so that a plan's pieces are its steps' pieces one after the other, with no pass over their lines to join
them and find the holes (tests/render/test_markdown_step_blocks.py keeps the line-by-line way as the reference).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from upskill.model import Catalog, Placement, Plan, Resource, Skill, Step
from upskill.planning.memo import IdentityMemo
from upskill.planning.sessions import shareable
from upskill.render import common
from upskill.render.ask import placed_when
from upskill.render.escape import md_text, url

# Text (each of its lines ended by a line break; a hole inside a line splits it), or a hole: `(kind, ...)`
Piece = str | bytes | tuple[Any, ...]


def own_mentoring(placed: tuple[Placement, ...]) -> bool:
    """`sessions.mentoring_activity(step) is not None`, a list made in C rather than a generator stepped by `next`."""
    return "mentoring" in [p.resource.format for p in placed]


def _placed(at: int, step: Step, share: float, shared: set[tuple[str, str]] | None) -> tuple[Any, ...]:
    """The text of the step's activities, a hole in each line that the roster's schedule can fill: text and
    holes in turn, text first and last (an empty text when a hole opens the first line).

    An activity no one can share (no shareable one of its skill has its title) is never in a session or taken
    alone by the schedule, which shares only those (attend.learner_of): its line is whole, no hole to fill. A
    hole stays where the plan itself says otherwise (a plan read back from a file).

    A step's placements recur across a batch as the very same tuple (cycle.placements' memo): their text is
    made once for each place of the step in a plan, found by identity."""
    if shared is not None:
        return _activity_pieces(at, step.skill, step.placed, share, shared)
    key = (id(step.placed), at, step.skill, share)
    found = _PLACED.get(key)
    if found is None:
        own = shared_keys((step,))
        found = _PLACED.put(key, (step.placed,), _activity_pieces(at, step.skill, step.placed, share, own))
    return found


_PLACED: IdentityMemo[tuple[Any, ...]] = IdentityMemo(4096)


def _activity_pieces(
    at: int, skill: str, placed: tuple[Placement, ...], share: float, shared: set[tuple[str, str]]
) -> tuple[Any, ...]:
    pieces: list[Any] = []
    text = ""  # the text since the last hole
    for k, p in enumerate(placed):
        line = f"{_checklist_item(p.resource, share)}; {placed_when(p)}"
        if p.session is None and not p.alone and (skill, p.resource.title) not in shared:
            text += f"{line})\n"
        else:
            pieces += (text + line, ("activity", at, k, skill, p.resource.title))
            text = ")\n"
    pieces.append(text)
    return tuple(pieces)


def shared_keys(steps: tuple[Step, ...]) -> set[tuple[str, str]]:
    """The skill and title of each activity of `steps` that people can take together (`sessions.shareable`)."""
    return {(step.skill, p.resource.title) for step in steps for p in step.placed if shareable(p.resource)}


def step_pieces(
    at: int,
    step: Step,
    level: Callable[[int], str],
    catalog: Catalog,
    share: float,
    own: bool | None = None,
    shared: set[tuple[str, str]] | None = None,
) -> list[Piece]:
    """The step's text and holes in turn, text first and last.

    `own`: whether the step has its own mentoring activity (`own_mentoring`), when the caller knows;
    `shared`: `shared_keys` of the plan's steps when a skill is in two of them."""
    if own is None:
        own = own_mentoring(step.placed)
    start = level(step.from_level) if step.assessed else "not assessed"
    late = " (late)" if step.late else ""
    # when_line holds numbers, dates and catalog ids only: nothing to escape
    head = (
        f"\n### {step.number}. {md_text(step.name)}: {start} → {level(step.to_level)}{late}\n\n"
        f"{common.when_line(step, catalog.skills)}\n\n"
    )
    placed: tuple[Any, ...]
    if step.placed:  # a hole in a line for its session words where the roster can fill one (`_placed`)
        placed = _placed(at, step, share, shared)
    else:
        placed = ("".join([f"{_checklist_item(r, share)})\n" for r in step.activities]),)
    if step.uncovered:
        low, high = step.uncovered
        last = (
            f"{placed[-1]}- [ ] **Needs a resource:** nothing in the catalog covers {level(low)} → "
            f"{level(high)}; ~{common.hours(catalog.hours_per_level * (high - low))} h is a placeholder "
            "estimate\n"
        )
    else:
        last = placed[-1]
    pieces: list[Piece] = [head + last] if len(placed) == 1 else [head + placed[0], *placed[1:-1], last]
    # a roster scheduled together: a mentor or why there is none
    pieces.append(("mentor", at, step.skill, own))
    record = catalog.skills[step.skill]
    # the labels: the scale's `_Levels`, shared by the plans of the scale (its `__getitem__` is made anew for each)
    labels = getattr(level, "__self__", level)
    key = (id(record), step.to_level, step.done_when, id(labels))
    found = _TAILS.get(key)
    pieces.append(found if found is not None else _TAILS.put(key, (record, labels), _tail(record, step, level)))
    return pieces


def step_block(
    at: int, step: Step, level: Callable[[int], str], catalog: Catalog, share: float, own: bool, utf8: bool = False
) -> tuple[Piece, ...]:
    """`step_pieces` of a plan whose skills are each in one step, made once for each step with the same inputs.

    A step's text depends only on its own fields (its number, skill, levels, weeks, hours, activities and their
    weeks), the catalog, the scale's labels, the share of on-the-job time and whether it has its own mentoring:
    the key holds all of them, the records by identity. Steps recur across a batch (the same role, gaps and
    start give the same step in the same place: ~40% of the steps of 300 generated profiles), and a step found
    costs a key and a look-up instead of ~13 lines made.
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
        block = step_pieces(at, step, level, catalog, share, own)
        found = _BLOCKS.put(key, records, encoded(block) if utf8 else tuple(block))
    return found


# The fields of a step its text reads, besides `activities` and `placed` (keyed by identity): all but its roster's
_SKIP = Step._fields.index("activities")
_ROSTER = Step._fields.index("placed")
assert Step._fields[_ROSTER:] == ("placed", "mentor", "no_mentor")
_BLOCKS: IdentityMemo[tuple[Piece, ...]] = IdentityMemo(4096)


def encoded(pieces: list[Any] | tuple[Any, ...]) -> tuple[Any, ...]:
    """`pieces` with their text in UTF-8."""
    return tuple([piece.encode("utf-8") if type(piece) is str else piece for piece in pieces])


# A step's closing lines and its activities' checklist heads recur in every plan with the same step: made once
# each, found by the catalog records' identity (an `lru_cache` hashes a `Resource` field by field on each call).
_TAILS: IdentityMemo[str] = IdentityMemo(1024)
_ITEMS: IdentityMemo[str] = IdentityMemo(2048)


def _tail(skill: Skill, step: Step, level: Callable[[int], str]) -> str:
    """The step's at-level and done-when lines (the caller's key: the skill, the level reached, the done-when text)."""
    can = skill.describe_level(step.to_level)
    at_level = f"\n**At {level(step.to_level)}:** {md_text(can)}\n" if can else ""
    return f"{at_level}\n**Done when:** {md_text(step.done_when)}\n"


def _checklist_item(resource: Resource, share: float) -> str:
    key = (id(resource), share)
    found = _ITEMS.get(key)
    return found if found is not None else _ITEMS.put(key, (resource,), _checklist_text(resource, share))


def _checklist_text(resource: Resource, share: float) -> str:
    target = url(resource.url)  # "" unless http(s): a `javascript:` link must not go live in a wiki
    title = f"[{md_text(resource.title)}]({target})" if target else md_text(resource.title)
    return f"- [ ] {title} ({common.activity_line(resource, md_text, share)}"  # the caller closes it


def evidence_lines(plan: Plan, catalog: Catalog) -> list[str]:
    """The "Why these skills" section's lines: each step's `_evidence_item`, found by the catalog's identity and
    the skill and its name (a look-up, not the catalog's records hashed field by field in two `lru_cache`s, ~7 K
    instructions a step); "" left out."""
    get, held = _EVIDENCE.get, id(catalog)
    found = [get((held, step.skill, step.name)) for step in plan.steps]
    if None in found:
        found = [
            _EVIDENCE.put((held, s.skill, s.name), (catalog,), _evidence_item(s.skill, s.name, catalog))
            if line is None
            else line
            for s, line in zip(plan.steps, found, strict=True)
        ]
    return [line for line in found if line]


_EVIDENCE: IdentityMemo[str] = IdentityMemo(4096)


def _evidence_item(skill: str, name: str, catalog: Catalog) -> str:
    """`- **Skill** (rising): the demand figure (publisher, date)`, or "" when the catalog has no figure.

    A trend the source does not state (`unstated`) prints nothing: `- **Skill**: the figure (...)`."""
    found = common.evidence(catalog, skill)
    return _evidence_line(name, found) if found else ""


@lru_cache(maxsize=1024)
def _evidence_line(name: str, found: common.Evidence) -> str:
    trend = f" ({found.trend})" if common.states_trend(found.trend) else ""
    return f"- **{md_text(name)}**{trend}: {md_text(found.figure)} ({md_text(found.source)})"
