"""The roster's schedule as the team report shows it: sessions, mentor pairs and the savings (docs/team.md).

People are listed only where the report lists people (a team it can show one by one), and a session
of fewer than `--min-group` people gives its size, never its members. Ids are as every output shows
them (pseudonyms under --anonymize: the learners were read from plans made under them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from upskill.planning.roster_records import Learner, Savings
from upskill.planning.schedule import week_end, week_start
from upskill.planning.session_sizes import fewest_deliveries
from upskill.planning.sessions import Schedule

LISTED = 500  # as team.READABLE: more people than anyone reads one by one are counted, not listed


class SessionRow(NamedTuple):
    id: str
    skill: str
    name: str  # the skill's name
    activity: str
    start: date
    end: date
    size: int
    hours: float  # the activity's hours: one delivery
    members: tuple[str, ...]  # ids, or () where people are not listed


class MentorRow(NamedTuple):
    mentor: str  # ids as shown
    learner: str
    skill: str
    name: str
    hours_per_week: float
    start: date
    end: date


class RosterReport(NamedTuple):
    sessions: tuple[SessionRow, ...]
    mentoring: tuple[MentorRow, ...]  # () where people are not listed
    pairs: int  # mentor pairs in all
    alone: int  # people taking a shareable activity alone
    unmatched: int  # steps with no mentor from the roster
    savings: Savings
    # (skill, skill name, activity, delivery hours above the lower bound) per activity, the most first:
    # what taking it in the same weeks could still save (the team report's gap action)
    gaps: tuple[tuple[str, str, str, float], ...] = ()


def roster_report(
    found: Schedule,
    learners: Sequence[Learner],
    names: dict[str, str],
    start: date,
    min_group: int,
    cohort_max: int = 25,
    cohort_min: int = 2,
    ids: Sequence[str] | None = None,
) -> RosterReport:
    """`names`: skill id -> name as the catalog writes it; `ids`: the learners' ids, where the caller has them."""
    listed = len(learners) <= LISTED  # then the learners are few: their ids are read once, in one pass
    if not listed:
        ids = []
    elif ids is None:
        ids = [learner.id for learner in learners]
    sessions = tuple(
        SessionRow(
            s.id,
            s.skill,
            names.get(s.skill, s.skill),
            s.title,
            week_start(start, s.first_week),
            week_end(start, s.last_week),
            len(s.members),
            s.hours,
            tuple(ids[m] for m in s.members) if listed and len(s.members) >= min_group else (),
        )
        for s in found.sessions
    )
    mentoring = (
        tuple(
            MentorRow(
                ids[p.mentor],
                ids[p.learner],
                p.skill,
                names.get(p.skill, p.skill),
                p.minutes_per_week / 60,
                week_start(start, p.first_week),
                week_end(start, p.last_week),
            )
            for p in found.pairs
        )
        if listed
        else ()
    )
    pairs, alone, unmatched = found.counts
    return RosterReport(
        sessions, mentoring, pairs, alone, unmatched, found.savings, _gaps(found, names, cohort_min, cohort_max)
    )


def _gaps(
    found: Schedule, names: dict[str, str], cohort_min: int, cohort_max: int
) -> tuple[tuple[str, str, str, float], ...]:
    """Per activity: planned delivery hours (sessions, plus those alone) minus its lower bound."""
    out = []
    for a in found.activities:
        gap = round((a.deliveries - fewest_deliveries(a.learners, cohort_min, cohort_max)) * a.hours, 2)
        if gap > 0:
            out.append((a.skill, names.get(a.skill, a.skill), a.title, gap))
    out.sort(key=lambda g: (-g[3], g[1].casefold(), g[2].casefold()))
    return tuple(out)
