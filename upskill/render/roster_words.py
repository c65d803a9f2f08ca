"""A roster scheduled together (planning/sessions.py) in words every plan format shows the same way.

Each activity's group session, or that it is taken alone; each step's mentor from the roster, or why
there is none; the people the employee mentors. Names come from the roster: each format escapes them.
"""

from __future__ import annotations

from upskill.model import MentorRef, Placement, Plan, Resource, Step
from upskill.planning.sessions import mentoring_activity
from upskill.render.common import day, hours


def session_words(p: Placement) -> str:
    """`; group session S3: 5 people from the team, the same weeks`, or `; on your own: ...`, or ""."""
    if p.session is not None:
        return f"; group session {p.session.id}: {p.session.size} people from the team, these same weeks"
    if p.alone:
        return f"; on your own: {_alone(p)}"
    return ""


def _alone(p: Placement) -> str:
    """Why the activity is taken alone (a plan of an earlier version carries no reason: no one else)."""
    return p.alone_why or "no one else in the team takes it in these weeks"


def _who(m: MentorRef) -> str:
    return m.name if m.name == m.id else f"{m.name} ({m.id})"


def mentor_line(step: Step) -> str:
    """`Mentor: Ana Ruiz (E1042), 1 h a week, 2026-11-23 to 2027-01-15`, or why there is none, or ""."""
    m = step.mentor
    own = mentoring_activity(step) is not None  # the mentor gives that activity, within its hours
    if m is not None:
        said = "Your mentor for the mentoring above" if own else "Mentor"
        return f"{said}: {_who(m)}, {hours(m.hours_per_week)} h a week, {day(m.start)} to {day(m.end)}"
    if step.no_mentor:
        said = " for the mentoring above" if own else ""
        return f"No mentor from the team{said}: {step.no_mentor}"
    return ""


def mentee_lines(plan: Plan) -> list[str]:
    """`You mentor Kwame Mensah (E1077) in Python: 1 h a week, ... (job time, not learning time)`."""
    return [
        f"You mentor {_who(m)} in {m.skill_name or m.skill}: {hours(m.hours_per_week)} h a week, "
        f"{day(m.start)} to {day(m.end)} (part of your job time, not your learning time)"
        for m in plan.mentees
    ]


def scheduled(plan: Plan) -> bool:
    """Was the plan scheduled with its roster (sessions, mentors), not made alone?"""
    return bool(plan.mentees) or any(
        s.mentor is not None or s.no_mentor or any(p.session is not None or p.alone for p in s.placed)
        for s in plan.steps
    )


def _personal(resource: Resource) -> str:
    """Why an activity is never taken in a group (planning/sessions.py: shareable)."""
    if resource.group is False:
        return "the catalog marks it as taken by each person on their own"
    if resource.kind == "experience":
        return "on-the-job work is your own"
    return "it is one to one with a colleague, a coach or your manager"


def _why(p: Placement) -> str:
    weeks = f"weeks {p.first_week}-{p.last_week}" if p.last_week > p.first_week else f"week {p.first_week}"
    if p.session is not None:
        others = p.session.size - 1
        people = "person" if others == 1 else "people"
        return f"in group session {p.session.id}: {others} other {people} in the team take it in {weeks} too"
    if p.alone:
        return f"taken alone in {weeks}: {_alone(p)}"
    return f"not shared: {_personal(p.resource)}"


def group_reasons(plan: Plan) -> list[str]:
    """--explain: why each activity is in a group session or not, once the roster was scheduled together.

    `Python: Intro course: taken alone in weeks 5-8: no one else in the team takes it in these weeks`; nothing for a
    plan made alone (a single profile, or a roster planned without sessions).
    """
    if not scheduled(plan):
        return []
    return [f"{s.name}: {p.resource.title}: {_why(p)}" for s in plan.steps for p in s.placed]
