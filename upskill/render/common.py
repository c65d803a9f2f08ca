"""Words and numbers every renderer shows the same way: hours, levels, deadline advice."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from upskill.model import (
    KINDS,
    NO_TREND,
    NOT_ASSESSED,
    Bridge,
    Catalog,
    Checkin,
    Citation,
    Demand,
    Gap,
    Plan,
    Planning,
    Resource,
    Scale,
    Skill,
    Step,
    Summary,
)

# `2027-03-08`, each date formatted once: the plans of a batch share their week dates.
day: Callable[[date], str] = lru_cache(maxsize=4096)(date.isoformat)


@lru_cache(maxsize=4096)  # the same few dozen figures (activity hours, weekly budgets) recur in every plan
def hours(value: float) -> str:
    """`12`, `1.5`: hours without a useless `.0`."""
    return f"{value:g}" if value != int(value) else str(int(value))


def approx(value: float) -> float:
    """Hours as far as an estimate supports them: whole hours from 10 h, half hours below.

    The rule of docs/planning.md ("Hours in text"). A non-zero figure never rounds to 0, and a
    half is rounded up, so 12.5 h reads `13` and 6.25 h `6.5`. JSON and CSV keep the exact figure.
    """
    if value >= 9.75:  # 9.75 would read `10` either way
        return float(math.floor(value + 0.5))
    if value <= 0:
        return value
    return max(math.floor(value * 2 + 0.5) / 2, 0.5)


@lru_cache(maxsize=4096)  # a plan shows ~30 such figures, most of them recurring across a batch's plans
def about(value: float) -> str:
    """`approx` hours as text: `13`, `6.5`."""
    return hours(approx(value))


def number(value: float) -> float | int:
    """A JSON number: an int when whole, so `12.0` prints as `12`."""
    return int(value) if float(value).is_integer() else value


def level(scale: Scale, value: int) -> str:
    return f"{value} {scale.name(value)}"


def activity_line(resource: Resource, escape: Callable[[str], str] = str, share: float = 1.0) -> str:
    """`formal · course · ~6 h · free`: what a person needs to know before starting it.

    `escape` is applied to the catalog's words (not to our `~`), e.g. Markdown escaping. An
    on-the-job activity says how much of it counts as learning time (`share`); a cadenced one
    says over how many weeks it runs.
    """
    parts = [escape(p) for p in (resource.kind, resource.format, resource.provider) if p]
    if resource.kind == "experience":
        charged = about(resource.hours * share)
        parts.append(f"~{hours(resource.hours)} h in the job, ~{charged} h of it learning time")
    else:
        parts.append(f"~{hours(resource.hours)} h")
    if resource.weeks:
        parts.append(f"over {resource.weeks} weeks")
    if resource.cost:
        parts.append(escape(resource.cost))
    return " · ".join(parts)


def side_by_side(parallel: int) -> str:
    return "one skill at a time" if parallel == 1 else f"up to {parallel} skills at a time"


def current(gap: Gap, level: Callable[[int], str]) -> str:
    """`2 beginner`, `not assessed (0 assumed)`, `3 intermediate (stale; talk about this)`."""
    if not gap.assessed:
        return f"not assessed ({gap.current} assumed)"
    flags = [f for f in gap.flags if f != NOT_ASSESSED]
    return f"{level(gap.current)} ({'; '.join(flags)})" if flags else level(gap.current)


def when_line(step: Step, skills: Mapping[str, Skill]) -> str:
    """`Track 1 · weeks 1–7 · 2026-11-30 to 2027-01-15 · ~10 h of learning time (40 h of activities in all)`,
    and the skills of the plan it is a prerequisite for, by their names."""
    weeks = _track_weeks(step.track, step.first_week, step.last_week, step.start, step.end)
    text = f"{weeks} · ~{about(step.hours)} h of learning time"
    if step.activity_hours != step.hours:
        text += f" ({about(step.activity_hours)} h of activities in all)"
    if step.prerequisite_for:
        names = [skills[s].name if s in skills else s for s in step.prerequisite_for]
        text += f" · prerequisite for {', '.join(names)}"
    return text


@lru_cache(maxsize=4096)  # the plans of a batch share their start, and so their steps' weeks and days
def _track_weeks(track: int, first_week: int, last_week: int, start: date, end: date) -> str:
    return f"Track {track} · weeks {first_week}–{last_week} · {day(start)} to {day(end)}"


KIND_WORDS = {"experience": "on the job", "social": "learning from others", "formal": "courses and reading"}


def mix_line(summary: Summary, planning: Planning) -> str:
    """`Activities: ~85 h in all: 70% on the job, 20% learning from others, 10% courses and reading (aim 70/20/10)`.

    The aim holds across many plans, not in each (docs/planning.md): a plan far from it says what
    makes up for the kind it lacks, so the share does not read as a failing.
    """
    shares = ", ".join(
        [f"{round(share * 100)}% {KIND_WORDS[kind]}" for kind, share in zip(KINDS, summary.mix, strict=True)]
    )
    aim = "/".join([str(round(t * 100)) for t in planning.target_mix])
    line = (
        f"Activities: ~{about(summary.activity_hours)} h in all: {shares} (aim {aim} across plans); "
        f"{round(planning.experience_share * 100)}% of on-the-job hours count as learning time"
    )
    experience, social, formal = summary.mix
    _, social_aim, formal_aim = planning.target_mix
    if summary.mix_reason:
        line += f". {summary.mix_reason}"
    if social < social_aim - 0.1:
        line += (
            ". Little of it is learning from others: ask someone already at the target level to look at "
            "your on-the-job work as you go, not only at the end"
        )
    elif formal > formal_aim + 0.1 and experience < planning.target_mix[0]:
        line += ". Much of it is courses and reading: try each one out on a real task the same week"
    return line


def deadline_status(plan: Plan) -> str:
    """`on track`, `2 steps cannot finish in time`, `... and 1 skill needs a next cycle after it`."""
    steps = plan.summary.late_steps
    later = plan.summary.late_next_cycle
    parts = [f"{steps} step{'' if steps == 1 else 's'} cannot finish in time"] if steps else []
    if later > 0:
        parts.append(f"{later} skill{' needs' if later == 1 else 's need'} a next cycle after it")
    return " and ".join(parts) or "on track"


def not_planned_line(plan: Plan) -> str:
    return ", ".join(f"{g.name} (gap {g.size}, priority {g.priority:.2f})" for g in plan.not_planned)


def checkin_lines(plan: Plan, names: Mapping[int, str] | None = None) -> list[str]:
    """`2026-12-25 (week 4): due: step 2 Prompt engineering; under way: step 1 ...`, one per check-in.

    `names`: each step's name as the line shows it (Markdown: escaped); by default as the plan has it.
    """
    if names is None:
        names = {s.number: s.name for s in plan.steps}
    out = []
    # Lists, not generators, inside join and sum throughout this module and ask.py: the same result, and a
    # generator's start and resume per item cost more than the item itself (a batch renders each of these
    # for every employee).
    # Each step's `step 2 NAME` made once a plan, not once a check-in that names it (~3 each), and looked up in C
    label = {n: f"step {n} {name}" for n, name in names.items()}.__getitem__
    for c in plan.checkins:
        ended, running = c.ended, c.running
        if ended and running:
            said = f"due: {', '.join(map(label, ended))}; under way: {', '.join(map(label, running))}"
        elif ended:
            said = "due: " + ", ".join(map(label, ended))
        else:
            said = "under way: " + ", ".join(map(label, running)) if running else "review progress"
        out.append(f"{day(c.date)} (week {c.week}): {said}")
    return out


def met_flags(plan: Plan) -> tuple[tuple[str, ...], ...]:
    """Each met skill's flags (a plan built before they were kept has none)."""
    return plan.met_flags if len(plan.met_flags) == len(plan.met) else tuple(() for _ in plan.met)


def met_names(plan: Plan, catalog: Catalog) -> list[str]:
    """`Communication (talk about this)`: skills already at target, with the flags their ratings carry."""
    return [
        catalog.skills[s].name + (f" ({', '.join(f)})" if f else "")
        for s, f in zip(plan.met, met_flags(plan), strict=True)
    ]


def agenda_lines(checkin: Checkin) -> list[str]:
    """The agenda beyond the line `checkin_lines` gives (which says what is due and under way)."""
    return [line for line in checkin.agenda if not line.startswith("Due: ")]


def bridge_line(plan: Plan, bridge: Bridge) -> str:
    step = plan.steps[bridge.step - 1]
    deadline = plan.summary.deadline
    after = f", after the deadline {day(deadline)}" if deadline else ""
    return f"{step.name} (step {step.number}) ends {day(step.end)}{after}. {bridge.advice}"


class Evidence(NamedTuple):
    """The catalog's demand figure behind a planned skill, and who published it."""

    trend: str
    figure: str
    source: str  # "publisher, date", or the source id when the catalog does not list it
    url: str


def states_trend(trend: str) -> bool:
    """False for `unstated`: a trend no source gives is printed as nothing, not as a word."""
    return trend != NO_TREND


def evidence(catalog: Catalog, skill: str) -> Evidence | None:
    """The demand figure for `skill`, or None when the catalog gives none."""
    demand = catalog.skills[skill].demand
    if not demand or not demand.figure:
        return None
    return _evidence(demand, catalog.sources.get(demand.source))


@lru_cache(maxsize=1024)  # every plan of a batch cites the same few catalog figures
def _evidence(demand: Demand, source: Citation | None) -> Evidence:
    cited = f"{source.publisher}, {source.date}" if source else demand.source
    return Evidence(demand.trend, demand.figure, cited, source.url if source else "")


def pace_advice(plan: Plan) -> str:
    """One sentence on the pace needed to meet the deadline, when it is at risk and a realistic pace meets it."""
    summary = plan.summary
    if not summary.late_steps or summary.deadline is None or summary.needed_hours_per_week is None:
        return ""  # with a next cycle the deadline needs, no pace does it: needed_hours_per_week is None
    return (
        f"To finish everything by {summary.deadline.isoformat()}, learning time would need to rise from "
        f"{hours(summary.hours_per_week)} to {hours(summary.needed_hours_per_week)} h/week."
    )


# The line before a plan's list of the role's flagged technologies (Markdown and HTML say the same).
TECHNOLOGIES_INTRO = (
    "The role's technologies that are in demand (often asked for in its job postings) "
    "or hot (often asked for across all job postings):"
)
