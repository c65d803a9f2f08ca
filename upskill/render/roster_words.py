"""A roster scheduled together (planning/sessions.py) in words every plan format shows the same way.

Each activity's group session, or that it is taken alone; each step's mentor from the roster, or why
there is none; the people the employee mentors. Names come from the roster: each format escapes them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Protocol

from upskill.model import MentorRef, Placement, Plan, Resource, SessionRef, Step
from upskill.plan_records import RunFields
from upskill.planning.sessions import mentoring_activity
from upskill.render.common import day, hours


def session_words(p: Placement) -> str:
    """`; group session S3: 5 people from the team, the same weeks`, or `; on your own: ...`, or ""."""
    return words_of_session(p.session, p.alone, p.alone_why)


def words_of_session(session: SessionRef | None, alone: bool, alone_why: str) -> str:
    """`session_words` from a placement's three roster fields."""
    if session is not None:
        return f"; group session {session.id}: {session.size} people from the team, these same weeks"
    if alone:
        return f"; on your own: {_alone(alone_why)}"
    return ""


def _alone(why: str) -> str:
    """Why the activity is taken alone (a plan of an earlier version carries no reason: no one else)."""
    return why or "no one else in the team takes it in these weeks"


def _who(m: MentorRef) -> str:
    return m.name if m.name == m.id else f"{m.name} ({m.id})"


def mentor_line(step: Step) -> str:
    """`Mentor: Ana Ruiz (E1042), 1 h a week, 2026-11-23 to 2027-01-15`, or why there is none, or ""."""
    # own: the mentor gives the step's own mentoring activity, within its hours
    return words_of_mentor(step.mentor, step.no_mentor, mentoring_activity(step) is not None)


def words_of_mentor(m: MentorRef | None, no_mentor: str, own: bool) -> str:
    """`mentor_line` from a step's two roster fields and whether it has its own mentoring activity."""
    if m is not None:
        said = "Your mentor for the mentoring above" if own else "Mentor"
        return f"{said}: {_who(m)}, {hours(m.hours_per_week)} h a week, {day(m.start)} to {day(m.end)}"
    if no_mentor:
        said = " for the mentoring above" if own else ""
        return f"No mentor from the team{said}: {no_mentor}"
    return ""


def mentee_lines(plan: Plan) -> list[str]:
    """`You mentor Kwame Mensah (E1077) in Python: 1 h a week, ... (job time, not learning time)`."""
    return words_of_mentees(plan.mentees)


def words_of_mentees(mentees: Sequence[MentorRef]) -> list[str]:
    """`mentee_lines` from the plan's mentees."""
    return [
        f"You mentor {_who(m)} in {m.skill_name or m.skill}: {hours(m.hours_per_week)} h a week, "
        f"{day(m.start)} to {day(m.end)} (part of your job time, not your learning time)"
        for m in mentees
    ]


def scheduled(plan: Plan) -> bool:
    """Was the plan scheduled with its roster (sessions, mentors), not made alone?"""
    return bool(plan.mentees) or any(
        s.mentor is not None or s.no_mentor or any(p.session is not None or p.alone for p in s.placed)
        for s in plan.steps
    )


def personal(resource: Resource) -> str:
    """Why an activity is never taken in a group (planning/sessions.py: shareable)."""
    if resource.group is False:
        return "the catalog marks it as taken by each person on their own"
    if resource.kind == "experience":
        return "on-the-job work is your own"
    return "it is one to one with a colleague, a coach or your manager"


def why_of_placement(
    session: SessionRef | None, alone: bool, alone_why: str, first_week: int, last_week: int, own_reason: str
) -> str:
    """Why an activity is in a group session or not, from its roster fields, its weeks and `personal`'s reason."""
    weeks = f"weeks {first_week}-{last_week}" if last_week > first_week else f"week {first_week}"
    if session is not None:
        others = session.size - 1
        people = "person" if others == 1 else "people"
        return f"in group session {session.id}: {others} other {people} in the team take it in {weeks} too"
    if alone:
        return f"taken alone in {weeks}: {_alone(alone_why)}"
    return f"not shared: {own_reason}"


def _why(p: Placement) -> str:
    # personal(p.resource) only when shown: it is asked of the activities neither shared nor alone
    own = personal(p.resource) if p.session is None and not p.alone else ""
    return why_of_placement(p.session, p.alone, p.alone_why, p.first_week, p.last_week, own)


def group_reasons(plan: Plan) -> list[str]:
    """--explain: why each activity is in a group session or not, once the roster was scheduled together.

    `Python: Intro course: taken alone in weeks 5-8: no one else in the team takes it in these weeks`; nothing for a
    plan made alone (a single profile, or a roster planned without sessions).
    """
    if not scheduled(plan):
        return []
    return [f"{s.name}: {p.resource.title}: {_why(p)}" for s in plan.steps for p in s.placed]


class RosterFields(Protocol):
    """What a roster scheduled together writes into a plan, asked where the Markdown shows it (markdown.py's holes).

    `PlanFields` reads it from a plan; a batch asks its share of the schedule instead, before it is written into
    any plan (batch/kept.py): the same text either way, as `attend` writes the share in (planning/attend.py).
    """

    def placement(self, step: int, at: int, skill: str, title: str) -> tuple[SessionRef | None, bool, str]:
        """The session, whether alone and why, of activity `at` of step `step` (its skill, its title)."""
        ...

    def mentor(self, step: int, skill: str) -> tuple[MentorRef | None, str]:
        """The mentor of step `step` (of `skill`), or why none."""
        ...

    def mentees(self) -> Sequence[MentorRef]:
        """The people the employee mentors."""
        ...

    def load(self, load: Sequence[RunFields], start: date, own: Collection[str]) -> Sequence[RunFields]:
        """The week-by-week load, from the plan's made alone (`own`: the skills of steps with their own mentoring)."""
        ...


class PlanFields:
    """The roster's fields as written in `plan` (one scheduled together, or made alone: all empty)."""

    def __init__(self, plan: Plan):
        self.plan = plan

    def placement(self, step: int, at: int, skill: str, title: str) -> tuple[SessionRef | None, bool, str]:
        p = self.plan.steps[step].placed[at]
        return p.session, p.alone, p.alone_why

    def mentor(self, step: int, skill: str) -> tuple[MentorRef | None, str]:
        s = self.plan.steps[step]
        return s.mentor, s.no_mentor

    def mentees(self) -> Sequence[MentorRef]:
        return self.plan.mentees

    def load(self, load: Sequence[RunFields], start: date, own: Collection[str]) -> Sequence[RunFields]:
        return self.plan.summary.load
