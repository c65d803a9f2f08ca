"""Small records of a plan that need nothing else from model.py: a group session and a mentor from
the roster, the weekly ask as runs of weeks, and the levels left for the next cycle.

model.py imports and re-exports them (`from upskill.model import LoadRun` works as before); they
follow the speed rules in model.py's docstring.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class SessionRef(NamedTuple):
    """A group session of the roster that one activity of a plan is taken in (planning/sessions.py)."""

    id: str
    start: date
    end: date
    size: int


class MentorRef(NamedTuple):
    """A mentor from the roster for one step (or, in a mentor's plan, one of the people mentored)."""

    id: str  # the roster id, or its pseudonym under --anonymize
    name: str
    start: date
    end: date
    hours_per_week: float
    skill: str = ""  # in a mentor's plan: the skill id, and its name as the catalog writes it
    skill_name: str = ""


class LoadRun(NamedTuple):
    """Weeks in a row that ask the same of the employee: learning hours and job hours a week."""

    from_week: int
    to_week: int
    learning_hours: float
    job_hours: float


# A LoadRun's fields as a plain tuple: what a batch's Markdown computes its weekly ask from (attend.mentored_runs)
RunFields = tuple[int, int, float, float]


class Later(NamedTuple):
    """Levels left for the next cycle: past `max_levels_per_cycle` or the horizon, estimated, not scheduled."""

    skill: str
    name: str
    from_level: int
    to_level: int
    hours: float  # all hours of its activities, estimated
    learning_hours: float = 0.0  # of them, what the learning budget pays (as a step's `hours`)
