"""The records a team rollup is made of: its settings, a person as shown, and the findings' rows.

They sit apart from team.py so that cohorts.py and actions.py, which team.py calls, can name
them without importing team.py back (no import cycle, not even for type hints).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


@dataclass(frozen=True)
class TeamSettings:
    """How the rollup groups people and what it hides."""

    cohort_min: int = 3  # people sharing a gap at similar levels before a group training is suggested
    cohort_max: int = 25  # larger cohorts are split into sessions of at most this many
    min_group: int = 5  # a figure, list or finding over fewer people is hidden
    anonymize: bool = False
    key: str = ""  # secret mixed into pseudonyms (UPSKILL_ANONYMIZE_KEY), so ids cannot be guessed back
    group_by: str = ""  # a roster attribute (department, manager, ...): figures and findings per group
    start: date | None = None  # the plans' first Monday: group trainings are proposed from it
    sessions: bool = True  # schedule the roster together: sessions and mentors (planning/sessions.py)

    def shown_id(self, employee_id: str) -> str:
        """The id as every output shows it: the pseudonym when anonymizing (file names, messages too)."""
        return pseudonym(employee_id, self.key) if self.anonymize else employee_id


class Person(NamedTuple):
    """An employee as the report shows them: real, or a pseudonym for both id and name."""

    id: str
    name: str
    role: str
    label: str  # how the report names them: `Ana Ruiz (E1042)`, or the id alone (and every pseudonym)


@dataclass(frozen=True)
class SkillRow:
    """One skill the team needs. A None figure is hidden (computed over fewer than min_group people)."""

    skill: str
    name: str
    level: int  # the highest level anyone's target asks for
    # The lowest: people need the skill at levels `lowest` to `level`, not all at `level`. None
    # under min_group people (which levels a few people need would point at them).
    lowest: int | None
    need: int | None  # people whose target includes the skill
    with_gap: int | None
    mean_gap: float | None
    hours: float | None  # planned learning hours to close everyone's gap
    best: int  # the highest assessed level on the team
    not_assessed: int | None = 0  # people who need the skill and were never assessed in it (counted in with_gap)
    kind: str = "pairing"  # the bridge kind of its category: specialist, coach, pairing or manager


@dataclass(frozen=True)
class SinglePoint:
    """A needed skill that at most one person on the team holds at a level needed (the highest such level)."""

    skill: str
    name: str
    level: int
    need: int | None  # people whose target is exactly `level`; None: fewer than min_group
    holder: Person | None  # None: nobody (people never assessed in the skill never hold it)
    not_assessed: int | None = 0  # of `need`, never assessed in the skill; None: fewer than min_group
    others: tuple[tuple[int, int, int], ...] = ()  # other levels needed: (level, people needing it, holders)


@dataclass(frozen=True)
class TeamBridge:
    """Build or buy: a skill to bring outside help in for (a specialist or a coach) while the team learns."""

    skill: str
    name: str
    level: int
    late: int | None  # people whose step in this skill ends after their deadline; None: fewer than min_group
    nobody_near: bool  # nobody is within one level of `level`
    best: int
    outside_hours: float
    kind: str = "specialist"  # specialist or coach: the bridge kind of the skill's category


def pseudonym(employee_id: str, key: str = "") -> str:
    """A stable pseudonym: the same id (and key) always gives the same `anon-` name."""
    digest = hmac.new(key.encode(), employee_id.encode(), hashlib.sha256).hexdigest()
    return f"anon-{digest[:12]}"
