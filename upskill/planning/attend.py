"""Between one plan and the roster's schedule (sessions.py): a plan read as a `Learner`, and a schedule written back.

`learner_of` takes what scheduling needs from a plan made alone; `assignments` gives each learner
its share of the roster's schedule (`Assignment`: a few small tuples, so a batch can keep them on
disk); `attend` writes one into the plan: each activity's session (or "alone"), each step's mentor
(or why none), the people the employee mentors, and the mentoring hours in the week-by-week load.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from upskill.model import DISAGREE, STALE, LoadRun, MentorRef, Plan, Planning, Profile, SessionRef
from upskill.planning.cycle import load_runs
from upskill.planning.gaps import flags
from upskill.planning.schedule import week_end, week_start
from upskill.planning.sessions import Learner, Need, Schedule, Shared, shareable

_ROUNDING = 3  # the load's hours are to a tenth: a week's minutes are at most 3 more than shown


def learner_of(plan: Plan, profile: Profile, planning: Planning, shown_id: str, group: str = "") -> Learner:
    """What the roster's schedule needs of `plan` (made alone from `profile`)."""
    summary = plan.summary
    budget = round(summary.hours_per_week * 60)
    weeks = max((s.last_week for s in plan.steps), default=0)
    load = [0] * weeks
    for run in summary.load:
        for w in range(run.from_week, min(run.to_week, weeks) + 1):
            load[w - 1] = min(budget, round(run.learning_hours * 60) + _ROUNDING)
    for w in summary.closed_weeks:  # no mentoring in a closed week: it has no room
        if w <= weeks:
            load[w - 1] = budget
    shared = tuple(
        Shared(step.skill, p.resource.title, p.resource.hours, p.first_week, p.last_week)
        for step in plan.steps
        for p in step.placed
        if shareable(p.resource)
    )
    needs = tuple(Need(s.skill, s.to_level, s.first_week, s.last_week, s.name) for s in plan.steps)
    held = tuple(
        (skill, a.level)
        for skill, a in sorted(profile.skills.items())
        if a.level > 0 and not {STALE, DISAGREE} & set(flags(a, planning, summary.start))
    )
    return Learner(shown_id, plan.employee.name, group, budget, tuple(load), shared, needs, held)


def plain(learner: Learner) -> tuple[object, ...]:
    """`learner` as plain tuples (what `marshal` keeps in a batch's member store)."""
    *head, shared, needs, held = learner
    return (*head, tuple(tuple(s) for s in shared), tuple(tuple(n) for n in needs), held)


def from_plain(value: tuple[Any, ...]) -> Learner:
    """The `Learner` that `plain` gave."""
    id_, name, group, budget, load, shared, needs, held = value
    return Learner(
        id_, name, group, budget, load, tuple(Shared(*s) for s in shared), tuple(Need(*n) for n in needs), held
    )


class Assignment(NamedTuple):
    """One learner's share of the schedule, with dates."""

    sessions: tuple[tuple[str, str, SessionRef], ...] = ()  # (skill, activity title, session)
    alone: tuple[tuple[str, str], ...] = ()  # (skill, activity title) learned alone
    mentors: tuple[tuple[str, MentorRef], ...] = ()  # (skill, mentor)
    no_mentor: tuple[tuple[str, str], ...] = ()  # (skill, why none)
    mentees: tuple[MentorRef, ...] = ()  # the people this learner mentors, with the skill


def assignments(found: Schedule, learners: Sequence[Learner], start: date) -> list[Assignment]:
    """Each learner's sessions, mentors and mentees, in learner order."""
    sessions: list[list[tuple[str, str, SessionRef]]] = [[] for _ in learners]
    alone: list[list[tuple[str, str]]] = [[] for _ in learners]
    mentors: list[list[tuple[str, MentorRef]]] = [[] for _ in learners]
    no_mentor: list[list[tuple[str, str]]] = [[] for _ in learners]
    mentees: list[list[MentorRef]] = [[] for _ in learners]
    for s in found.sessions:
        ref = SessionRef(s.id, week_start(start, s.first_week), week_end(start, s.last_week), len(s.members))
        for m in s.members:
            sessions[m].append((s.skill, s.title, ref))
    for m, skill, title in found.alone:
        alone[m].append((skill, title))
    wanted = {p.mentor for p in found.pairs} | {p.learner for p in found.pairs}
    # One pass over the learners for the names the pairs need (a batch reads them back from a file)
    who = {n: (x.id, x.name) for n, x in enumerate(learners) if n in wanted} if wanted else {}
    for p in found.pairs:
        begin, end, hours = week_start(start, p.first_week), week_end(start, p.last_week), p.minutes_per_week / 60
        (mentor_id, mentor_name), (learner_id, learner_name) = who[p.mentor], who[p.learner]
        mentors[p.learner].append((p.skill, MentorRef(mentor_id, mentor_name, begin, end, hours, p.skill)))
        mentees[p.mentor].append(MentorRef(learner_id, learner_name, begin, end, hours, p.skill, p.name))
    for m, skill, why in found.unmatched:
        no_mentor[m].append((skill, why))
    return [
        Assignment(tuple(a), tuple(b), tuple(c), tuple(d), tuple(e))
        for a, b, c, d, e in zip(sessions, alone, mentors, no_mentor, mentees, strict=True)
    ]


def attend(plan: Plan, given: Assignment) -> Plan:
    """`plan` with its share of the roster's schedule written in."""
    sessions = {(skill, title): ref for skill, title, ref in given.sessions}
    alone = set(given.alone)
    mentors = dict(given.mentors)
    why = dict(given.no_mentor)
    steps = tuple(
        step._replace(
            placed=tuple(
                p._replace(
                    session=sessions.get((step.skill, p.resource.title)),
                    alone=(step.skill, p.resource.title) in alone,
                )
                for p in step.placed
            ),
            mentor=mentors.get(step.skill),
            no_mentor=why.get(step.skill, ""),
        )
        for step in plan.steps
    )
    extra_learning = [(m.start, m.end, m.hours_per_week) for _, m in given.mentors]
    extra_job = [(m.start, m.end, m.hours_per_week) for m in given.mentees]
    summary = plan.summary
    load = _with_mentoring(summary.load, summary.start, extra_learning, extra_job)
    return plan._replace(steps=steps, mentees=given.mentees, summary=summary._replace(load=load))


def _with_mentoring(
    runs: tuple[LoadRun, ...],
    start: date,
    learning: Sequence[tuple[date, date, float]],
    job: Sequence[tuple[date, date, float]],
) -> tuple[LoadRun, ...]:
    """The week-by-week load with mentoring added: the learner's as learning, the mentor's as job time."""
    if not learning and not job:
        return runs
    weeks = max([r.to_week for r in runs] + [_week(start, end) for _, end, _ in (*learning, *job)])
    learn, work = [0] * weeks, [0] * weeks
    for r in runs:
        for w in range(r.from_week, r.to_week + 1):
            learn[w - 1], work[w - 1] = round(r.learning_hours * 60), round(r.job_hours * 60)
    for added, into in ((learning, learn), (job, work)):
        for begin, end, hours in added:
            for w in range(_week(start, begin), _week(start, end) + 1):
                into[w - 1] += round(hours * 60)
    return load_runs(learn, work)


def _week(start: date, day: date) -> int:
    """The 1-based calendar week of `day` (a Monday or the Friday of its week)."""
    return (day - start).days // 7 + 1
