"""The plan as an iCalendar file (RFC 5545) that calendar applications import (`--format ics`).

One event per activity (its own first to last day, inside its step's weeks), one per check-in
and one for the deadline, all of them all-day: a plan knows dates, not hours, and a timed event
without a time zone would land at a different hour for each reader. They are marked free (`TRANSP:TRANSPARENT`), so a
weeks-long step does not block anyone's diary.

Re-importing a changed plan updates its events instead of adding copies: each UID is made of the
employee id, the skill and the activity's place in its step (or the check-in's number) and the
kind of event. (Plans before activities had their own weeks had one event per step: a calendar
that imported one keeps those events; delete them there.), and its SEQUENCE grows
with the day the plan is made (`sequence`). DTSTAMP is that day too (`--as-of`; the plan's first
day when unknown), not the time of the run, so the same inputs give the same file. Text is escaped
(`\\`, `;`, `,`, newlines) and lines are folded at 75 octets with CRLF endings, as the RFC asks.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote

from upskill.model import Catalog, Plan, Step
from upskill.render import common
from upskill.render.ask import placed_when
from upskill.render.escape import safe_url
from upskill.render.roster_words import mentor_line, session_words

PRODID = "-//upskill//learning plan//EN"
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_CONTROL = {c: None for c in (*range(9), *range(11, 32), 127)}  # not allowed in TEXT values; tab and newline are


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped, controls dropped."""
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL).translate(_TEXT_ESCAPES)


def fold(line: str) -> str:
    """Fold a content line at 75 octets (3.1), never inside a UTF-8 character; CRLF after each piece."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    pieces, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte: step back
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # a continuation line starts with a space, which counts
    return "\r\n ".join(pieces) + "\r\n"


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def uid(plan: Plan, what: str, kind: str) -> str:
    """`E1042.prompt-engineering.step@upskill`: stable across runs, distinct within and across plans."""
    # Dots are quoted too: they separate the parts, so `a.b` + `c` and `a` + `b.c` stay apart
    return f"{_part(plan.employee.id)}.{_part(what)}.{kind}@upskill"


def _part(value: str) -> str:
    return quote(value, safe="").replace(".", "%2E")


def made(plan: Plan) -> date:
    """The day the plan was made (`--as-of`), else its first day."""
    return plan.summary.as_of or plan.summary.start


def sequence(plan: Plan) -> int:
    """SEQUENCE (RFC 5545 3.8.7.4): a calendar replaces an event by one with the same UID and a higher
    sequence, and may ignore one whose sequence is not higher. A counter of revisions would need
    the previous file; the days from 1970-01-01 to the day the plan is made need nothing, rise with
    every later plan, and are the same for the same inputs (two plans made the same day share it:
    pass a later --as-of to replace the first). Under 3 million up to 9999, far inside the 32 bits
    clients store it in."""
    return (made(plan) - _EPOCH).days


_EPOCH = date(1970, 1, 1)


def _event(plan: Plan, key: str, first: date, last: date, summary: str, description: str) -> list[str]:
    what, kind = key.rsplit(".", 1)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid(plan, what, kind)}",
        f"DTSTAMP:{_day(made(plan))}T000000Z",
        f"SEQUENCE:{max(sequence(plan), 0)}",
        f"DTSTART;VALUE=DATE:{_day(first)}",
        _end(first, last),
        f"SUMMARY:{text(summary)}",
        *([f"DESCRIPTION:{text(description)}"] if description else []),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _end(first: date, last: date) -> str:
    """DTEND of an all-day event is the day after its last; after 9999-12-31 there is no day to name (nor
    a four-digit year), so such an event gives its length instead, as RFC 5545 also allows (3.6.1)."""
    if last < date.max:
        return f"DTEND;VALUE=DATE:{_day(last + timedelta(days=1))}"
    return f"DURATION:P{(last - first).days + 1}D"


def _step_description(step: Step, catalog: Catalog, plan: Plan) -> str:
    share = catalog.planning.experience_share
    lines = [common.when_line(step, catalog.skills), ""]
    lines += [
        f"- {p.resource.title} ({common.activity_line(p.resource, share=share)}; {placed_when(p)}{session_words(p)})"
        for p in step.placed
    ]
    lines += [line for line in (mentor_line(step),) if line]  # a roster scheduled together
    for a in step.activities:
        if safe_url(a.url):
            lines.append(f"  {a.url}")
    can = catalog.skills[step.skill].describe_level(step.to_level)
    if can:
        lines += ["", f"At {common.level(plan.scale, step.to_level)}: {can}"]
    lines += ["", f"Done when: {step.done_when}"]
    return "\n".join(lines)


def render_ics(plan: Plan, catalog: Catalog, *, explain: bool = False) -> str:
    """The plan's steps, check-ins and deadline as VEVENTs of one VCALENDAR (`explain` changes nothing)."""
    employee = plan.employee
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(f'Learning plan: {employee.title}')}",
    ]
    for step in plan.steps:
        late = " (late)" if step.late else ""
        about = _step_description(step, catalog, plan)
        for k, p in enumerate(step.placed, start=1):
            title = f"Learn {step.name}: {p.resource.title} (level {step.from_level} → {step.to_level}){late}"
            key = f"{step.skill}-{k}.activity"
            lines += _event(plan, key, p.start, p.end, title, f"{placed_when(p)}\n\n{about}")
    for number, (checkin, line) in enumerate(zip(plan.checkins, common.checkin_lines(plan), strict=True), start=1):
        summary = f"Learning plan check-in (week {checkin.week})"
        agenda = "".join(f"\n- {a}" for a in common.agenda_lines(checkin))
        lines += _event(plan, f"checkin-{number}.checkin", checkin.date, checkin.date, summary, line + agenda)
    if plan.summary.deadline:
        deadline = plan.summary.deadline
        status = common.deadline_status(plan)
        lines += _event(plan, f"{plan.role.id}.deadline", deadline, deadline, f"Learning plan deadline: {status}", "")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
