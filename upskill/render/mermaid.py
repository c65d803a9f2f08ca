"""The plan's schedule as a Mermaid `gantt` chart, for Markdown that GitHub, GitLab or a docs site
renders (`upskill plan --mermaid`).

Tracks are sections and each activity a bar (its own weeks, named after its step); check-ins
(and the deadline) are milestones. Mermaid has no escaping for task names, and `:`, `;`, `#` or
`%%` in one would end it or start a comment, so names keep only letters, digits, spaces and plain
punctuation (`_label`). A long plan is summarised: past `MAX_ITEMS` bars and milestones, each
track becomes one bar, so the chart stays legible and far below the renderers' limits (Mermaid's `maxTextSize`, 50,000
characters by default on GitHub and GitLab).
"""

from __future__ import annotations

import re
from datetime import date

from upskill.model import Checkin, Plan, Step

MAX_ITEMS = 40  # bars plus milestones in one chart; a longer plan is summarised per track
_UNSAFE = re.compile(r"[^\w .,()/'+-]+")


def _label(text: str) -> str:
    """Text Mermaid shows as it is: anything that could end a task name or start a comment becomes a space."""
    return " ".join(_UNSAFE.sub(" ", text).split()) or "-"


def _days(start: date, end: date) -> str:
    return f"{(end - start).days + 1}d"  # `end` is the last day of the step: Mermaid's duration includes it


def gantt_lines(plan: Plan) -> list[str]:
    """The fenced ```mermaid block (its lines), or [] for a plan with nothing to schedule."""
    if not plan.steps:
        return []
    lines = [
        "```mermaid",
        "gantt",
        f"    title Learning plan {_label(plan.employee.name)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m-%d",
    ]
    bars = sum(len(s.placed) or 1 for s in plan.steps)
    checkins = _checkins(plan.checkins, MAX_ITEMS - bars)
    summarise = bars + len(checkins) > MAX_ITEMS
    if summarise:
        checkins = _checkins(plan.checkins, MAX_ITEMS - len({s.track for s in plan.steps}))
    for track in sorted({s.track for s in plan.steps}):
        steps = [s for s in plan.steps if s.track == track]
        lines.append(f"    section Track {track}")
        if summarise:
            lines.append(_summary_bar(track, steps))
        else:
            lines += [bar for s in steps for bar in _bars(s)]
    milestones = [f"    Check-in week {c.week} :milestone, c{c.week}, {c.date.isoformat()}, 0d" for c in checkins]
    deadline = plan.summary.deadline
    if deadline:
        late = "crit, " if plan.summary.late_steps else ""
        milestones.append(f"    Deadline :{late}milestone, deadline, {deadline.isoformat()}, 0d")
    if milestones:
        lines += ["    section Check-ins", *milestones]
    return [*lines, "```"]


def _bars(step: Step) -> list[str]:
    """One bar per activity, `1. Deep learning - Pair with a deep learning...` over its own weeks."""
    if not step.placed:
        return [_bar(step)]
    tags = "crit, " if step.late else ""
    out = []
    for k, p in enumerate(step.placed, start=1):
        title = p.resource.title if len(p.resource.title) <= 40 else p.resource.title[:39].rstrip() + "..."
        name = _label(f"{step.number}. {step.name} - {title}")
        out.append(f"    {name} :{tags}s{step.number}a{k}, {p.start.isoformat()}, {_days(p.start, p.end)}")
    return out


def _bar(step: Step) -> str:
    tags = "crit, " if step.late else ""
    name = _label(f"{step.number}. {step.name}")
    return f"    {name} :{tags}s{step.number}, {step.start.isoformat()}, {_days(step.start, step.end)}"


def _summary_bar(track: int, steps: list[Step]) -> str:
    first, last = min(s.start for s in steps), max(s.end for s in steps)
    late = sum(s.late for s in steps)
    tags = "crit, " if late else ""
    name = f"{len(steps)} skills" + (f", {late} late" if late else "")
    return f"    {name} :{tags}t{track}, {first.isoformat()}, {_days(first, last)}"


def _checkins(checkins: tuple[Checkin, ...], room: int) -> list[Checkin]:
    """At most `room` check-ins, evenly spread (the first and last kept) when there are more."""
    if len(checkins) <= room:
        return list(checkins)
    if room <= 1:
        return list(checkins[-1:]) if room == 1 else []
    stride = (len(checkins) - 1) / (room - 1)
    return [checkins[round(i * stride)] for i in range(room)]
