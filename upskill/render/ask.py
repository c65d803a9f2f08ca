"""What a plan asks of the employee, in words every plan format shows the same way: each
activity's weeks, the learning and job hours of a week, the budget used, the next cycle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

from upskill.model import Placement, Plan
from upskill.plan_records import Later, RunFields
from upskill.planning.schedule import week_end, week_start
from upskill.render.common import about, day, hours


def placed_when(p: Placement) -> str:
    """`weeks 3–8, 2026-12-07 to 2027-01-15` (or `week 1, 2026-11-23 to 2026-11-27`)."""
    return _when(p.first_week, p.last_week, p.start, p.end)


@lru_cache(maxsize=4096)  # ~23 a plan; the plans of a batch share their start and so these weeks and days
def _when(first_week: int, last_week: int, start: date, end: date) -> str:
    weeks = f"week {first_week}" if first_week == last_week else f"weeks {first_week}–{last_week}"
    return f"{weeks}, {day(start)} to {day(end)}"


def _busiest(runs: Sequence[RunFields], peak: float) -> tuple[int, int, float, float]:
    """The first stretch of weeks asking within an hour of `peak`, the most the plan asks in a week: its
    weeks and the most learning and job hours of a week in it."""
    floor = peak - 1
    begin = to = -1
    most_learning = most_job = 0.0
    # One walk, the maxima kept as it goes (a later run only when strictly more, as `max` keeps the first)
    for first, last, learning_hours, job_hours in runs:
        if learning_hours + job_hours >= floor:
            if begin == -1:
                begin, most_learning, most_job = first, learning_hours, job_hours
            elif first != to + 1:
                break
            else:
                if learning_hours > most_learning:
                    most_learning = learning_hours
                if job_hours > most_job:
                    most_job = job_hours
            to = last
        elif begin != -1:
            break
    return begin, to, most_learning, most_job


def weekly_ask(plan: Plan) -> list[str]:
    """The whole weekly ask, on average and in the busiest weeks, addressed to the employee; then
    the learning time used and what sets the plan's length."""
    s = plan.summary
    return ask_lines(
        s.load, s.start, s.completion, s.budget_use, s.hours_per_week, s.length_reason, s.order_reason, s.closed_weeks
    )


def ask_lines(
    runs: Sequence[RunFields],
    start: date,
    end: date | None,
    budget_use: float,
    hours_per_week: float,
    length_reason: str,
    order_reason: str,
    closed_weeks: tuple[int, ...],
) -> list[str]:
    """`weekly_ask` from the summary's fields: a batch's Markdown fills it in with the load that the
    roster's mentoring changes, the rest kept from the first pass (render/markdown.py)."""
    if not runs:
        return []
    # The weeks with load, the sums of hours and the most of a week in one walk over the runs, not four:
    # a batch's Markdown asks this of every plan with its mentoring. The sums are still `sum`'s over the same
    # products in the same order (whose float sum differs between Python versions), so the same floats.
    open_weeks = 0
    learnings: list[float] = []
    jobs: list[float] = []
    peak = runs[0][2] + runs[0][3]  # (a LoadRun, or its fields as a plain tuple: attend.mentored_runs)
    for first, last, learning_hours, job_hours in runs:
        n = last - first + 1
        if learning_hours or job_hours:
            open_weeks += n
        learnings.append(n * learning_hours)
        jobs.append(n * job_hours)
        if learning_hours + job_hours > peak:
            peak = learning_hours + job_hours
    if not open_weeks:
        return []
    learning = sum(learnings) / open_weeks
    job = sum(jobs) / open_weeks
    first, last, peak_learning, peak_job = _busiest(runs, peak)
    assert end is not None  # a plan with load has steps
    weeks = f"week {first}" if first == last else f"weeks {first}–{last}"
    span = f"{weeks} ({day(week_start(start, first))} to {day(week_end(start, last))})"
    lines = [
        f"Your weekly ask: ~{about(learning)} h of learning time and ~{about(job)} h of on-the-job work a week "
        f"on average; at the busiest, {span}, ~{about(peak_learning)} h of learning time and "
        f"~{about(peak_job)} h of on-the-job work, which your manager releases from your usual work"
    ]
    used = round(budget_use * 100)
    lines.append(
        f"Learning time used: {used}% of your {hours(hours_per_week)} h a week"
        + (f". {length_reason}" if length_reason else "")
    )
    if order_reason:
        lines.append(order_reason)
    if closed_weeks:
        lines.append(f"Closed: {_closed(closed_weeks, start)}: no learning, no on-the-job work and no check-in")
    return lines


def _closed(weeks: tuple[int, ...], start: date) -> str:
    """`weeks 5–6 (2026-12-21 to 2027-01-01)`, runs of closed weeks with their days."""
    runs: list[list[int]] = []
    for w in weeks:
        if runs and runs[-1][1] == w - 1:
            runs[-1][1] = w
        else:
            runs.append([w, w])
    return ", ".join(
        (f"week {a}" if a == b else f"weeks {a}–{b}") + f" ({day(week_start(start, a))} to {day(week_end(start, b))})"
        for a, b in runs
    )


def later_lines(plan: Plan, level: Callable[[int], str], escape: Callable[[str], str] = str) -> list[str]:
    """`Deep learning: 3 intermediate → 4 advanced, ~80 h of activities, ~20 h of it learning time`, one
    per skill of the next cycle (estimates)."""
    return [later_line(x, level, escape) for x in plan.later]


def later_line(x: Later, level: Callable[[int], str], escape: Callable[[str], str] = str) -> str:
    """`later_lines`' line of one skill of the next cycle."""
    text = f"{escape(x.name)}: {level(x.from_level)} → {level(x.to_level)}, ~{about(x.hours)} h of activities"
    if x.learning_hours != x.hours:
        text += f", ~{about(x.learning_hours)} h of it learning time"
    return text
