"""The plan as GitHub-flavoured Markdown.

Written line by line in Python rather than through a Jinja2 template (as the team report, the
index and the HTML plan are): a batch renders this once per employee, and the template's
per-expression overhead made it the largest part of planning one employee (README, "Batch
speed"). Every value from an input file goes through `md_text` (escape.py's `md`, cached: most
values are catalog words that recur in every plan), which escapes Markdown and table pipes;
`tests/golden/plan/` holds the exact output.

A plan is rendered as pieces (`markdown_pieces`): text, and holes where a roster scheduled
together shows (each activity's session, each step's mentor, the Mentoring section, the weekly ask
with the mentoring hours, --explain's group reasons), which `fill_markdown` fills. `render_markdown`
fills them from the plan's own fields; a batch with sessions renders the pieces in its first pass,
before the roster is scheduled, keeps them, and fills them from each employee's share of the schedule
in the second (batch/kept.py): the same text as the plan with its share written in, without the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any, Literal, overload

from upskill.model import Catalog, Plan, Scale
from upskill.planning.memo import IdentityMemo
from upskill.render import common
from upskill.render.ask import ask_lines, later_line
from upskill.render.escape import md, md_piece, md_text, plain
from upskill.render.front_matter import front_matter_lines
from upskill.render.markdown_steps import (
    encoded,
    evidence_lines,
    own_mentoring,
    shared_keys,
    step_block,
    step_pieces,
)
from upskill.render.mermaid import gantt_lines
from upskill.render.roster_words import (
    PlanFields,
    RosterFields,
    personal,
    why_of_placement,
    words_of_mentees,
    words_of_mentor,
    words_of_session,
)

# Text, or a hole: `(kind, ...)`, with what fills it besides the roster in plain values (`_FILL`)
Piece = str | tuple[Any, ...]


def render_markdown(
    plan: Plan, catalog: Catalog, *, explain: bool = False, mermaid: bool = False, front_matter: bool = False
) -> str:
    """Render `plan`; `catalog` supplies the demand evidence behind each planned skill.

    `mermaid` adds the schedule as a Mermaid chart after the steps; `front_matter` opens the file
    with YAML front matter for static sites.
    """
    pieces = markdown_pieces(plan, catalog, explain=explain, mermaid=mermaid, front_matter=front_matter)
    return fill_markdown(pieces, PlanFields(plan))


def fill_markdown(pieces: tuple[Piece, ...], roster: RosterFields) -> str:
    """The Markdown of `pieces`, each hole filled from `roster`."""
    return "".join([piece if isinstance(piece, str) else _FILL[piece[0]](piece, roster) for piece in pieces])


def encode_pieces(pieces: tuple[Piece, ...]) -> tuple[bytes | tuple[Any, ...], ...]:
    """`pieces` with their text in UTF-8, for `fill_markdown_utf8`."""
    return tuple([piece.encode("utf-8") if isinstance(piece, str) else piece for piece in pieces])


def fill_markdown_utf8(pieces: tuple[bytes | tuple[Any, ...], ...], roster: RosterFields) -> bytes:
    """`fill_markdown` of the pieces `encode_pieces` gave, in UTF-8: a batch keeps the text of its plans
    encoded, as it writes it, and encodes only what fills the holes."""
    return b"".join(
        [piece if isinstance(piece, bytes) else _FILL[piece[0]](piece, roster).encode("utf-8") for piece in pieces]
    )


@overload
def markdown_pieces(
    plan: Plan,
    catalog: Catalog,
    *,
    explain: bool = ...,
    mermaid: bool = ...,
    front_matter: bool = ...,
    utf8: Literal[False] = ...,
) -> tuple[Piece, ...]: ...


@overload
def markdown_pieces(
    plan: Plan,
    catalog: Catalog,
    *,
    explain: bool = ...,
    mermaid: bool = ...,
    front_matter: bool = ...,
    utf8: Literal[True],
) -> tuple[bytes | tuple[Any, ...], ...]: ...


def markdown_pieces(
    plan: Plan,
    catalog: Catalog,
    *,
    explain: bool = False,
    mermaid: bool = False,
    front_matter: bool = False,
    utf8: bool = False,
) -> tuple[Piece, ...] | tuple[bytes | tuple[Any, ...], ...]:
    """The Markdown of `plan` as pieces: runs of lines, and holes for what a roster scheduled together writes
    into it (its fields in `plan` are not read here). Plain values only: a batch keeps them with `marshal`.

    `utf8`: the text in UTF-8, as `encode_pieces` gives it. A batch keeps and writes its plans so; each step's
    text is then kept encoded with the step (markdown_steps.step_block), so only the plan's own lines are
    encoded: encoding the whole text again for every plan cost as much as making half of it (issue 29).

    The plan's own text is made in a few runs of lines, each joined once, and the steps' pieces (text and holes)
    added as they are: two text pieces may follow one another (a step's last and the next step's first), which
    filling joins alike. Lines one by one, then encoded, joined and scanned for holes, cost a third of the whole."""
    employee, role, summary, scale, gaps = plan.employee, plan.role, plan.summary, plan.scale, plan.gaps
    hours, day = common.hours, common.day
    level = _levels(scale).__getitem__
    lines: list[str] = [*front_matter_lines(plan)] if front_matter else []
    # A list, not a two-column table: GitHub shows a table's first row as its header, and this
    # header has no column names to give (an empty, shaded header row).
    lines += [
        f"# Learning plan: {md_text(employee.title)}",
        "",
        f"- **Target role:** {md_text(role.name)} (`{role.id}`)",
    ]
    if employee.role:
        lines.append(f"- **Current role:** {md_text(employee.role)}")
    lines.append(
        f"- **Learning time:** {hours(summary.hours_per_week)} h/week from {day(summary.start)}, "
        f"{common.side_by_side(summary.parallel)}"
    )
    if summary.deadline:
        lines.append(f"- **Deadline:** {day(summary.deadline)}")

    lines += ["", "## Gaps", ""]
    if gaps:
        lines += ["| # | Skill | Current | Target | Gap | Priority | Why |", "|---:|---|---|---|---:|---:|---|"]
        lines += [
            f"| {number} | {md_text(g.name)} | {common.current(g, level)} | {level(g.target)} | {g.target - g.current} "
            f"| {g.priority:.2f} | {md_text(g.reason)} |"
            for number, g in enumerate(gaps, start=1)
        ]
    else:
        lines.append(f"No gaps: {md_text(employee.name)} already meets every requirement of {md_text(role.name)}.")
    if explain and gaps:
        lines += _priorities(plan)

    # Which steps have their own mentoring activity (sessions.mentoring_activity), asked once a step: the
    # mentor holes and the weekly ask both need it
    own = [own_mentoring(step.placed) for step in plan.steps]
    # a skill in two steps: whether an activity can be shared is looked up over the plan (else in its step)
    shared = shared_keys(plan.steps) if len({step.skill for step in plan.steps}) < len(plan.steps) else None
    if plan.steps:
        lines += ["", "## Steps"]
    text = _text_utf8 if utf8 else _text  # the steps' pieces come encoded; the plan's own text encoded run by run
    pieces: list[Any] = [text(lines)]
    if plan.steps:
        pieces += _steps(plan, level, catalog, own, shared, utf8)
        if explain:
            pieces.append(_reasons_hole(plan))
        if mermaid:
            pieces.append(text(["", "## Schedule", "", *gantt_lines(plan)]))
    pieces.append(("mentees",))
    lines = _checkins(plan)
    lines += _summary(plan)
    pieces += (text(lines), _ask_hole(plan, own))
    lines = _closing(plan, catalog, level)
    if lines:
        pieces.append(text(lines))
    return tuple(pieces)


def _closing(plan: Plan, catalog: Catalog, level: Callable[[int], str]) -> list[str]:
    """The lines after the weekly ask: the rest of the Summary, the deadline and pace, the next cycle, the sources."""
    lines = _summary_tail(plan, catalog)
    notes = [*plan.warnings, *(b.advice for b in plan.bridges)]
    pace = common.pace_advice(plan)
    if notes or pace:
        lines += ["", "## Deadline and pace", ""]
        lines += [f"- ⚠ {md_text(text)}" for text in plan.warnings]
        lines += [f"- ⚠ {md(common.bridge_line(plan, b))}" for b in plan.bridges]  # unique: not cached
        if pace:
            lines += ["", pace]

    lines += _next_cycle(plan, level)

    evidence = evidence_lines(plan, catalog)
    technologies = _technologies(plan) if plan.role.technologies else []
    if evidence or technologies:
        lines += ["", "## Why these skills: sources of the demand figures"]
        lines += ["", *evidence] if evidence else []
        lines += technologies
    return lines


def _text(lines: list[str]) -> str:
    """Whole lines as text, each ended by a line break."""
    return "\n".join(lines) + "\n"


def _text_utf8(lines: list[str]) -> bytes:
    """`_text` in UTF-8."""
    return ("\n".join(lines) + "\n").encode("utf-8")


def _steps(
    plan: Plan,
    level: Callable[[int], str],
    catalog: Catalog,
    own: list[bool],
    shared: set[tuple[str, str]] | None,
    utf8: bool,
) -> list[Any]:
    pieces: list[Any] = []
    share = catalog.planning.experience_share
    if shared is None:  # each step's pieces made once for all the plans that have that very step
        for at, step in enumerate(plan.steps):
            pieces += step_block(at, step, level, catalog, share, own[at], utf8)
    else:
        for at, step in enumerate(plan.steps):
            found = step_pieces(at, step, level, catalog, share, own[at], shared)
            pieces += encoded(found) if utf8 else found
    return pieces


def _lines(lines: list[str]) -> str:
    """A hole's whole lines, each ended by a line break."""
    return "".join([f"{line}\n" for line in lines])


# --- the holes: what each is made of, and how it is filled --------------------------------------------


def _fill_activity(hole: tuple[Any, ...], roster: RosterFields) -> str:
    """An activity's session words (only in a roster scheduled together), inside its line."""
    _, step, at, skill, title = hole
    session, alone, why = roster.placement(step, at, skill, title)
    return words_of_session(session, alone, why) if session is not None or alone else ""


def _fill_mentor(hole: tuple[Any, ...], roster: RosterFields) -> str:
    """A step's mentor or why there is none (a roster scheduled together), or nothing."""
    _, step, skill, own = hole
    m, none = roster.mentor(step, skill)
    if m is None:
        return _no_mentor(none, own) if none else ""
    mentor = words_of_mentor(m, none, own)
    # a mentor's line is unique to the plan: left out of the cache (plain: nothing to escape)
    return f"- {mentor if plain(m.id, m.name) else md(mentor)}\n"


@lru_cache(maxsize=1024)
def _no_mentor(why: str, own: bool) -> str:
    """Why a step has no mentor, as its line: the schedule gives a few reasons, the same in every plan."""
    return f"- {md_text(words_of_mentor(None, why, own))}\n"


def _fill_mentees(hole: tuple[Any, ...], roster: RosterFields) -> str:
    """The people this employee mentors (a roster scheduled together), or nothing."""
    mentees = roster.mentees()
    lines = [
        f"- {line if plain(m.id, m.name, m.skill_name or m.skill) else md(line)}"
        for m, line in zip(mentees, words_of_mentees(mentees), strict=True)
    ]
    return _lines(["", "## Mentoring", "", *lines]) if lines else ""


def _ask_hole(plan: Plan, mentoring: list[bool]) -> tuple[Any, ...]:
    s = plan.summary
    own = tuple([step.skill for step, has in zip(plan.steps, mentoring, strict=True) if has])
    done = s.completion.toordinal() if s.completion is not None else None
    load = tuple(map(tuple, s.load))  # dates as day numbers, records as tuples: plain values
    tail = (s.budget_use, s.hours_per_week, s.length_reason, s.order_reason, s.closed_weeks)
    return ("ask", load, own, s.start.toordinal(), done, *tail)


def _fill_ask(hole: tuple[Any, ...], roster: RosterFields) -> str:
    """The weekly ask, with the mentoring hours of a roster scheduled together."""
    _, load, own, start, done, *tail = hole
    begin = date.fromordinal(start)
    runs = roster.load(load, begin, own)  # the runs as the plain tuples kept: no record needed
    end = date.fromordinal(done) if done is not None else None
    return "".join([f"- {line}\n" for line in ask_lines(runs, begin, end, *tail)])


def _reasons_hole(plan: Plan) -> tuple[Any, ...]:
    steps = tuple((at, s.skill) for at, s in enumerate(plan.steps))
    placed = tuple(
        (
            at,
            k,
            s.skill,
            p.resource.title,
            f"{s.name}: {p.resource.title}: ",
            p.first_week,
            p.last_week,
            personal(p.resource),
        )
        for at, s in enumerate(plan.steps)
        for k, p in enumerate(s.placed)
    )
    return ("reasons", steps, placed)


def _fill_reasons(hole: tuple[Any, ...], roster: RosterFields) -> str:
    """--explain: why each activity is in a group session or not, once the roster was scheduled together
    (roster_words.group_reasons); nothing for a plan made alone."""
    _, steps, placed = hole
    fields = [
        (roster.placement(at, k, skill, title), head, first, last, own)
        for at, k, skill, title, head, first, last, own in placed
    ]
    scheduled = (
        bool(roster.mentees())
        or any(m is not None or none for m, none in (roster.mentor(at, skill) for at, skill in steps))
        or any(session is not None or alone for (session, alone, _), *_ in fields)
    )
    if not scheduled or not fields:
        return ""
    reasons = [f"{head}{why_of_placement(*f, first, last, own)}" for f, head, first, last, own in fields]
    return _lines(["", "### In a group or on your own", "", *(f"- {md_text(r)}" for r in reasons)])


_FILL: dict[str, Callable[[tuple[Any, ...], RosterFields], str]] = {
    "activity": _fill_activity,
    "mentor": _fill_mentor,
    "mentees": _fill_mentees,
    "ask": _fill_ask,
    "reasons": _fill_reasons,
}


def _next_cycle(plan: Plan, level: Callable[[int], str]) -> list[str]:
    if not plan.later:
        return []
    lines = ["", "## Next cycle", "", "Planned when this cycle ends, from the levels you reach in it:", ""]
    # Each skill's line found by its record's value and the scale's labels (`_Levels`, by identity): the same
    # skill, levels and hours recur across a batch, and the line costs ~10 K instructions to make (a look-up ~1 K)
    labels = getattr(level, "__self__", level)
    get, held = _LATER.get, id(labels)
    found = [get((x, held)) for x in plan.later]
    if None in found:
        found = [
            _LATER.put((x, held), (labels,), f"- {later_line(x, level, md_text)}") if line is None else line
            for x, line in zip(plan.later, found, strict=True)
        ]
    return lines + found  # type: ignore[operator]


_LATER: IdentityMemo[str] = IdentityMemo(4096)


def _technologies(plan: Plan) -> list[str]:
    """The role's in-demand and hot technologies, those the person already uses marked."""
    from upskill.planning.technologies import SHOWN, flagged_technologies

    found = flagged_technologies(plan.role, plan.employee.technologies)
    if not found.flagged:
        return []
    lines = ["", f"{md_text(common.TECHNOLOGIES_INTRO)}", ""]
    lines += [f"- **{md_text(t.name)}**: {found.label(t)}" for t in found.flagged[:SHOWN]]
    if len(found.flagged) > SHOWN:
        lines.append(f"- and {len(found.flagged) - SHOWN} more")
    return lines


@lru_cache(maxsize=64)
def _levels(scale: Scale) -> _Levels:
    return _Levels(scale)


class _Levels(dict):  # type: ignore[type-arg]
    """`3 intermediate` for level 3 of a scale, each label formatted once.

    A dict, cached by `_levels` and so shared: safe because it is only read (`render_markdown`
    takes its `__getitem__`), and `__missing__` returns a label without storing it.
    """

    def __init__(self, scale: Scale):
        super().__init__((n, common.level(scale, n)) for n in range(len(scale.names)))
        self.scale = scale

    def __missing__(self, value: int) -> str:  # off the scale: not cached, shown as the number
        return common.level(self.scale, value)


def _priorities(plan: Plan) -> list[str]:
    """--explain: the terms of each gap's priority."""
    hours, w = common.hours, plan.weights
    return [
        "",
        "### How the priorities were computed",
        "",
        f"priority = {hours(w.gap)} × weight × gap + {hours(w.demand)} × demand + {hours(w.unlocks)} × unlocks",
        "",
        "| Skill | Gap term | Demand term | Unlocks term | Weight | Priority |",
        "|---|---:|---:|---:|---:|---:|",
        *[
            f"| {md_text(g.name)} | {g.gap_term:.2f} | {g.demand_term:.2f} ({g.demand}) | {g.unlocks_term:.2f} "
            f"({g.unlocks}) | {g.weight} | {g.priority:.2f} |"
            for g in plan.gaps
        ],
    ]


def _summary(plan: Plan) -> list[str]:
    """The Summary section up to the weekly ask (a hole): hours and pace."""
    summary, hours = plan.summary, common.hours
    return [
        "",
        "## Summary",
        "",
        f"- Learning time: ~{common.about(summary.total_hours)} h over {summary.weeks} "
        f"week{'' if summary.weeks == 1 else 's'} "
        f"at {hours(summary.hours_per_week)} h/week, {common.side_by_side(summary.parallel)} (hours are estimates)",
    ]


def _summary_tail(plan: Plan, catalog: Catalog) -> list[str]:
    """The Summary section after the weekly ask: the mix, completion, deadline, skills already at target."""
    summary, day = plan.summary, common.day
    lines = []
    if summary.activity_hours:
        lines.append(f"- {common.mix_line(summary, catalog.planning)}")
    if summary.completion:
        lines.append(f"- Completion: {day(summary.completion)}")
    if summary.deadline:
        status = common.deadline_status(plan)
        lines.append(f"- Deadline: {day(summary.deadline)}: {status}")
    if plan.met:
        lines.append(f"- Already at target: {', '.join([md_text(n) for n in common.met_names(plan, catalog)])}")
    if plan.not_planned:
        lines.append(
            f"- Not planned now, to keep the plan to the most important gaps: {md_text(common.not_planned_line(plan))}"
        )
    return lines


def _checkins(plan: Plan) -> list[str]:
    """Each check-in, with its agenda (the evidence to bring, the decision to take) under it."""
    if not plan.checkins:
        return []
    lines = ["", "## Check-ins", ""]
    # Each line is unique to the plan (its weeks and step numbers): the step names are escaped, through a
    # cache, rather than the whole line, which would miss the cache and be scanned (md_piece says when
    # that gives the same text). Agenda lines mostly recur across plans: cached whole.
    names = {s.number: md_piece(s.name) for s in plan.steps}
    if "" in names.values():
        shown = [md(line) for line in common.checkin_lines(plan)]
    else:
        shown = common.checkin_lines(plan, names)
    # each check-in and its agenda one item (`_agenda_text`): a third as many to join
    lines += [f"- {line}{_agenda_text(checkin.agenda)}" for checkin, line in zip(plan.checkins, shown, strict=True)]
    return lines


@lru_cache(maxsize=4096)
def _agenda(agenda: tuple[str, ...]) -> tuple[str, ...]:
    """A check-in's agenda lines (common.agenda_lines), escaped: the same agenda recurs across the plans of a batch
    (its words name the step's skill and levels, not the person), so a tuple of a few cached strings is hashed
    instead of each item being tested and escaped again."""
    return tuple([f"  - {md_text(item)}" for item in agenda if not item.startswith("Due: ")])


@lru_cache(maxsize=4096)
def _agenda_text(agenda: tuple[str, ...]) -> str:
    """`_agenda`'s lines, each after a line break: what follows its check-in's line."""
    return "".join([f"\n{line}" for line in _agenda(agenda)])


_step = step_pieces  # by its former name (tests render one step's pieces)
