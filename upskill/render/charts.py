"""The HTML plan's two charts as inline SVG: each skill's current against its target level, and
the schedule as a timeline of tracks with the check-ins and the deadline.

Inline SVG, not a script or an image file: the page stays one file that needs no JavaScript and
prints. Each chart is a `role="img"` with a `<title>` and a `<desc>` that says in words what it
shows (for screen readers; the tables and lists of the page hold the same figures), and its
meaning never rests on colour alone: current levels are filled bars and targets outlined ones,
late steps say "late", check-ins are dotted lines with their week. Every text from input files
is escaped here with `html.escape`, as the chart is handed to the template as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from upskill.model import Plan, Step

WIDTH = 760  # the viewBox; the SVG scales to the page (and the paper) from it
LABEL = 230  # the column of row labels
ROW = 26
_LABEL_CHARS = 32  # longer names are cut, the full name kept in the row's <title>


def _short(name: str, room: int = _LABEL_CHARS) -> str:
    """`name` in at most `room` characters (the row label's column), cut with an ellipsis."""
    return name if len(name) <= room else name[: room - 1].rstrip() + "…"


def _svg(name: str, height: int, title: str, desc: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{name}-title {name}-desc" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{name}-title">{escape(title)}</title>',
            f'<desc id="{name}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def levels_chart(plan: Plan) -> str:
    """Current (filled) against target (outlined) level of each gap; "" when there is no gap."""
    if not plan.gaps:
        return ""
    top = plan.scale.max_level or 1
    right = WIDTH - 70
    unit = (right - LABEL) / top
    body = []
    for n in range(top + 1):  # the level grid, with the level names under it
        x = LABEL + n * unit
        body.append(f'<line class="grid" x1="{x:.1f}" y1="8" x2="{x:.1f}" y2="{8 + ROW * len(plan.gaps)}"/>')
        body.append(
            f'<text class="axis" x="{x:.1f}" y="{24 + ROW * len(plan.gaps)}" text-anchor="middle">'
            f"{n} {escape(plan.scale.name(n))}</text>"
        )
    words = []
    for i, gap in enumerate(plan.gaps):
        y = 8 + i * ROW
        now = "not assessed" if not gap.assessed else f"{gap.current}"
        words.append(f"{gap.name}: {now} now, {gap.target} needed")
        body += [
            f"<g><title>{escape(gap.name)}: level {escape(now)} now, {gap.target} needed</title>",
            f'<text class="label" x="{LABEL - 8}" y="{y + 17}" text-anchor="end">{escape(_short(gap.name))}</text>',
            f'<rect class="target" x="{LABEL}" y="{y + 4}" width="{gap.target * unit:.1f}" height="{ROW - 8}"/>',
        ]
        if gap.current:
            css = "current" if gap.assessed else "current assumed"
            body.append(
                f'<rect class="{css}" x="{LABEL}" y="{y + 7}" width="{gap.current * unit:.1f}" height="{ROW - 14}"/>'
            )
        body.append(
            f'<text class="value" x="{right + 8}" y="{y + 17}">{"?" if not gap.assessed else gap.current}'
            f" → {gap.target}</text></g>"
        )
    return _svg(
        "levels",
        8 + ROW * len(plan.gaps) + 32,
        "Current and target level of each skill",
        "Filled bar: the level now; outlined bar: the level the role needs. " + "; ".join(words) + ".",
        body,
    )


def _weeks(plan: Plan) -> tuple[date, int]:
    """The chart's first day and its length in days: the whole plan, and the deadline if later.

    Counted in days, never as the date after the last one: a plan may end on 9999-12-31, the
    calendar's last day, and the day after it is an OverflowError."""
    start = plan.summary.start
    days = max((s.end - start).days for s in plan.steps) + 1
    if plan.summary.deadline:
        days = max(days, (plan.summary.deadline - start).days + 1)
    return start, max(days, 7)


# The plot ends this far before the right edge: an axis label starts at its grid line, and the
# last one ("week 1248", "Jan 2031") must fit in the picture rather than be cut off at the edge.
_AXIS_ROOM = 60


def timeline_chart(plan: Plan) -> str:
    """The steps as bars on a calendar, one band per track, with check-ins and the deadline; "" without steps."""
    if not plan.steps:
        return ""
    start, days = _weeks(plan)
    right = WIDTH - _AXIS_ROOM
    scale = (right - LABEL) / days

    def x(day: date, after: int = 0) -> float:
        """Where `day` starts, or `after` days later (the end of a last day, which may be 9999-12-31)."""
        return LABEL + ((day - start).days + after) * scale

    tracks = sorted({s.track for s in plan.steps})
    rows: list[tuple[int, Step | None]] = []
    for track in tracks:
        rows.append((track, None))
        rows += [(track, s) for s in plan.steps if s.track == track]
    height = 24 + ROW * len(rows) + 30
    bottom = 24 + ROW * len(rows)
    body = _axis(start, days, x, bottom)
    for i, (track, step) in enumerate(rows):
        y = 24 + i * ROW
        if step is None:
            body.append(f'<text class="track" x="8" y="{y + 17}">Track {track}</text>')
            continue
        body += _step_bar(step, x, y)
    body += _markers(plan, x, bottom, right)
    return _svg("timeline", height, "Schedule: each skill's weeks, by track", _timeline_words(plan), body)


_MAX_TICKS = 12  # axis labels, at most: about 40 units apart, room for "week 1248" or "Jan 2031"
_WEEK_STEPS = (1, 2, 4, 8, 13)  # up to 3 years the axis counts weeks, as the plan's text does
# Past that, calendar months, quarters, years, decades...: every duration a plan can have (up to
# the calendar's ~8,000 years) has one with at most _MAX_TICKS labels.
_MONTH_STEPS = (3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000, 60000, 120000)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _axis(start: date, days: int, x: Callable[[date], float], bottom: int) -> list[str]:
    """Grid lines with their labels: weeks for a plan of up to three years, else calendar months or years."""
    weeks = -(-days // 7)
    every = next((n for n in _WEEK_STEPS if weeks / n <= _MAX_TICKS), 0)
    if every:
        ticks = [(start + timedelta(weeks=week - 1), f"week {week}") for week in range(1, weeks + 1, every)]
    else:
        ticks = _calendar_ticks(start, days)
    out = []
    for day, label in ticks:
        left = x(day)
        out.append(f'<line class="grid" x1="{left:.1f}" y1="20" x2="{left:.1f}" y2="{bottom}"/>')
        out.append(f'<text class="axis" x="{left:.1f}" y="14">{label}</text>')
    return out


def _calendar_ticks(start: date, days: int) -> list[tuple[date, str]]:
    """The first days of every Nth month within the chart (N from _MONTH_STEPS, the fewest that fit)."""
    first = start.year * 12 + start.month - 1 + (start.day > 1)  # months counted from year 0
    last_day = start + timedelta(days=days - 1)
    last = last_day.year * 12 + last_day.month - 1
    months = next(n for n in _MONTH_STEPS if (last // n) - (-(-first // n)) + 1 <= _MAX_TICKS)
    ticks = []
    for month in range(-(-first // months) * months, last + 1, months):
        year, number = divmod(month, 12)
        label = str(year) if months % 12 == 0 else f"{_MONTHS[number]} {year}"
        ticks.append((date(year, number + 1, 1), label))
    return ticks


def _step_bar(step: Step, x: Callable[..., float], y: int) -> list[str]:
    left, end = x(step.start), x(step.end, 1)
    css = "bar late" if step.late else "bar"
    late = " (late)" if step.late else ""
    number = f"{step.number}. "
    name = _short(step.name, _LABEL_CHARS - len(number) - len(late))  # the whole label fits the column
    return [
        f"<g><title>{escape(step.name)}: weeks {step.first_week}–{step.last_week}, "
        f"{step.start.isoformat()} to {step.end.isoformat()}{late}</title>",
        f'<text class="label" x="{LABEL - 8}" y="{y + 17}" text-anchor="end">{number}{escape(name)}{late}</text>',
        f'<rect class="{css}" x="{left:.1f}" y="{y + 5}" width="{max(end - left, 2):.1f}" height="{ROW - 10}" rx="3"/>',
        *_activity_bars(step, x, y),
        "</g>",
    ]


def _activity_bars(step: Step, x: Callable[..., float], y: int) -> list[str]:
    """Each activity as a thin line inside its step's bar, over its own weeks (up to three lanes, so
    activities side by side stay apart), titled with its dates."""
    out = []
    for k, p in enumerate(step.placed):
        left, end = x(p.start), x(p.end, 1)
        top = y + 8 + 4 * (k % 3)
        out.append(
            f'<rect class="activity" x="{left + 1:.1f}" y="{top}" width="{max(end - left - 2, 1):.1f}" height="2">'
            f"<title>{escape(p.resource.title)}: weeks {p.first_week}–{p.last_week}, "
            f"{p.start.isoformat()} to {p.end.isoformat()}</title></rect>"
        )
    return out


_CHECKIN_GAP = 10  # fewer units than this between check-ins (a plan of years): the lines would be one smear


def _markers(plan: Plan, x: Callable[[date], float], bottom: int, right: float) -> list[str]:
    out = []
    dense = len(plan.checkins) * _CHECKIN_GAP > right - LABEL  # the description still lists their weeks
    for c in () if dense else plan.checkins:
        at = x(c.date)
        out += [
            f'<line class="checkin" x1="{at:.1f}" y1="20" x2="{at:.1f}" y2="{bottom}"/>',
            f'<path class="checkin-mark" d="M{at:.1f} {bottom - 2} l5 7 l-5 7 l-5 -7 z">'
            f"<title>Check-in {c.date.isoformat()} (week {c.week})</title></path>",
        ]
    deadline = plan.summary.deadline
    if deadline:
        at = x(deadline)
        # Its label ends at the line, or starts there when the line is near the plot's left edge
        side = (
            f'x="{at - 4:.1f}" y="{bottom + 24}" text-anchor="end"'
            if at - LABEL > 130
            else f'x="{at + 4:.1f}" y="{bottom + 24}"'
        )
        out += [
            f'<line class="deadline" x1="{at:.1f}" y1="20" x2="{at:.1f}" y2="{bottom + 6}"/>',
            f'<text class="deadline-label" {side}>deadline {deadline.isoformat()}</text>',
        ]
    return out


def _timeline_words(plan: Plan) -> str:
    parts = []
    for track in sorted({s.track for s in plan.steps}):
        steps = ", ".join(
            f"{s.name} weeks {s.first_week} to {s.last_week}{' (late)' if s.late else ''}"
            for s in plan.steps
            if s.track == track
        )
        parts.append(f"Track {track}: {steps}")
    if plan.checkins:
        parts.append("check-ins in weeks " + ", ".join(str(c.week) for c in plan.checkins))
    if plan.summary.deadline:
        parts.append(f"deadline {plan.summary.deadline.isoformat()}")
    return "; ".join(parts) + "."
