"""The typed data everything else passes around: catalogs, profiles and plans, all immutable.

The speed rules, stated once here (other modules point to this docstring; the figures and
their history are in docs/performance.md, never in docstrings):

- Records are `typing.NamedTuple`s, not frozen dataclasses. They are just as typed and
  immutable, but a dataclass compiles its methods when its module is imported, and records
  sit on the start-up path of every command, whose time is mostly start-up (README, "Speed").
  Use `record._replace(...)` where a dataclass would use `replace()`. Records built in the
  hot loop of a batch (a `Gap` and a `Step` per skill per employee) are built from their fields
  in order by `tuple.__new__`, which skips the Python `__new__` of a plain call (`new_gap` and
  `new_step` skip only its keyword handling). Frozen dataclasses are
  fine where their module loads only when it is used (the team rollup, batch settings).
- Caches: where a batch asks the same question for every employee (a role's targets, a
  skill's activities, a week's dates, an hour figure or catalog word formatted), the answer
  is computed once with a bounded `functools.lru_cache`. A cached value is shared by every
  caller, so it is immutable: a str, a tuple, a record, or a `MappingProxyType` view that a
  caller copies before changing. A record used as a cache key hashes cheaply (`Skill`
  hashes by its id).
- Heavy imports (rich, Jinja2) happen inside the function that needs them, so a command
  that does not print a table or render a template never loads them.
- A batch keeps one small `Member` per employee (planning/members.py), never the plans,
  so memory stays flat as the workforce grows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache, partial
from types import MappingProxyType
from typing import Any, NamedTuple

# Records of a plan that need nothing else from here, kept apart so this module stays readable
from upskill.plan_records import Later as Later
from upskill.plan_records import LoadRun as LoadRun
from upskill.plan_records import MentorRef as MentorRef
from upskill.plan_records import SessionRef as SessionRef

DEFAULT_SCALE = ("none", "awareness", "beginner", "intermediate", "advanced", "expert")
NO_ENTRIES: Mapping[Any, Any] = MappingProxyType({})  # an immutable, shareable empty default
KINDS = ("experience", "social", "formal")  # the 70-20-10 model, in that order
TRENDS = ("rising", "steady", "falling", "unstated")  # unstated: the source gives none; printed as nothing
NO_TREND = "unstated"
RATING_SOURCES = ("assessment", "manager", "peer", "self")  # the default precedence, most trusted first
BRIDGE_KINDS = ("specialist", "coach", "pairing", "manager")


_SEPARATORS = re.compile(r"[\s_\-]+")


def normalize(name: str) -> str:
    """Fold a skill, role or level name so `Data Quality_analysis` matches `data-quality-analysis`."""
    return _normalized(name if type(name) is str else str(name))


@lru_cache(maxsize=4096)  # the same few hundred names recur in every profile of a batch
def _normalized(name: str) -> str:
    return _SEPARATORS.sub("-", name.strip().casefold())


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links in any output: `javascript:` or `data:` from a catalog
    would run or load something in the reader's browser or docs site."""
    return url[:8].lower().startswith(("https://", "http://"))


class Scale(NamedTuple):
    """Level names by number: level N is `names[N]`."""

    names: tuple[str, ...] = DEFAULT_SCALE

    @property
    def max_level(self) -> int:
        return len(self.names) - 1

    def name(self, level: int) -> str:
        return self.names[level] if 0 <= level < len(self.names) else str(level)

    def describe(self) -> str:
        """The scale as a user would type it: `0-5 or none, awareness, ...`."""
        return f"0-{self.max_level} or {', '.join(self.names)}"


class Citation(NamedTuple):
    """Where a demand figure comes from."""

    id: str
    publisher: str
    title: str
    date: str
    url: str = ""
    note: str = ""


class Demand(NamedTuple):
    """How in-demand a skill is: `score` in 0..1, its trend, and the evidence."""

    score: float
    trend: str = "unstated"  # what the cited source says; "unstated" (the default) prints nothing
    source: str = ""
    figure: str = ""


class Prerequisite(NamedTuple):
    """A skill that must reach `level` before the dependent skill is planned."""

    skill: str
    level: int


class Resource(NamedTuple):
    """One learning activity that takes a learner from `from_level` to `to_level` of a skill."""

    title: str
    kind: str  # experience | social | formal
    hours: float  # an estimate
    from_level: int
    to_level: int
    format: str = ""
    provider: str = ""
    url: str = ""
    cost: str = ""
    weeks: int = 0  # the calendar weeks it is spread over ("1 h a week for 12 weeks"); 0 = no cadence
    hours_basis: str = ""  # where `hours` comes from: "provider: 15 h" or "estimate: <reason>"
    evidence: str = ""  # on-the-job work: the artefact, the criterion and who reviews it ("done when")
    needs: tuple[str, ...] = ()  # titles of the skill's resources planned with this one (a credential's parts)
    group: bool | None = None  # `group:` in the catalog: True/False, or None (formal ones are shared, others not)


class Skill(NamedTuple):
    """An in-demand skill: what it is, how in-demand, what it needs first, how to learn it."""

    id: str
    name: str
    category: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""
    demand: Demand | None = None
    prerequisites: tuple[Prerequisite, ...] = ()
    resources: tuple[Resource, ...] = ()
    origin: str = ""  # "file:line" where it was defined
    levels: tuple[str, ...] = ()  # what someone at level N can do, by level number ("" where none is given)
    evidence: tuple[str, ...] = ()  # what shows level N is reached, by level number ("" = the planning default)
    refs: tuple[tuple[str, str], ...] = ()  # ids in public taxonomies: (("esco", "http://..."), ("onet", "2.A.1.a"))
    enabler: bool = False  # protects the learning time itself (time management, learning to learn)
    release: tuple[tuple[str, str], ...] = ()  # the taxonomy release each ref is from: (("esco", "1.1.1"),)

    def describe_level(self, level: int) -> str:
        return self.levels[level] if 0 <= level < len(self.levels) else ""

    def __hash__(self) -> int:
        # By id (equal skills have equal ids): a tuple's hash walks every resource, and a batch
        # looks skills up in caches (choose_activities) thousands of times.
        return hash(self.id)


class Requirement(NamedTuple):
    """The level a role needs in one skill, and how much that skill weighs in priorities."""

    skill: str
    level: int
    weight: float = 1.0


class Technology(NamedTuple):
    """A tool or technology a role works with (from O*NET's Technology Skills)."""

    name: str
    hot: bool = False
    in_demand: bool = False


class Role(NamedTuple):
    """A target role: the skill levels it requires."""

    id: str
    name: str
    requires: tuple[Requirement, ...]
    description: str = ""
    origin: str = ""
    technologies: tuple[Technology, ...] = ()
    refs: tuple[tuple[str, str], ...] = ()  # e.g. (("onet", "15-2051.00"),); a tuple, so a Role stays hashable
    release: tuple[tuple[str, str], ...] = ()  # e.g. (("onet", "29.2"),): the release of each ref


class Weights(NamedTuple):
    """The weights of the priority formula (see README, "Priority")."""

    gap: float = 2.0
    demand: float = 1.0
    unlocks: float = 0.5


# What shows that a level is reached, by default, for the default scale (a skill's `evidence`
# overrides it per level). Higher levels ask for more independent evidence.
# Pairs, not dicts: a Catalog is pickled into the per-user cache, and mapping proxies do not pickle.
DEFAULT_EVIDENCE = (
    ("awareness", "you can explain it to your manager in your own words"),
    ("beginner", "you have done it on a real task with guidance, and your manager agrees"),
    (
        "intermediate",
        "a piece of your own work, reviewed by someone at intermediate level or above and by your manager",
    ),
    ("advanced", "work you led, reviewed by someone at advanced level or above, and your manager's sign-off"),
    ("expert", "an assessment by an expert, or recognised work others rely on, and your manager's sign-off"),
)
DEFAULT_BRIDGES = (
    ("ai-in-every-role", "pairing"),
    ("ai-lifecycle", "specialist"),
    ("learning-to-learn", "coach"),
    ("soft-skill", "manager"),
)


class Planning(NamedTuple):
    """The planner's settings that a catalog's `planning:` block can change (docs/planning.md)."""

    parallel: int = 2  # skills in progress at once
    experience_share: float = 0.25  # the share of on-the-job hours charged to the weekly learning budget
    experience_hours_per_week: float = 8.0  # at most this much of a working week goes to one on-the-job activity
    experience_weeks: int = 6  # an on-the-job activity runs at least this many weeks
    target_mix: tuple[float, float, float] = (0.7, 0.2, 0.1)  # experience, social, formal hours
    checkin_weeks: int = 4  # a check-in with the manager every N weeks
    horizon_weeks: int = 52  # a plan covers at most this many calendar weeks; the rest is the next cycle
    max_levels_per_cycle: int = 2  # a plan raises a skill by at most this many levels; the rest is the next cycle
    max_job_hours_per_week: float = 10.0  # all on-the-job work of a week together stays within this
    precedence: tuple[str, ...] = RATING_SOURCES
    stale_months: int = 12  # older ratings are flagged stale
    disagreement: int = 2  # ratings this many levels apart are flagged "talk about this"
    max_hours_per_week: float = 8.0  # pace advice never asks for more
    slip_weeks: int = 2  # a shorter slip past the deadline is noted, not bridged
    bridges: tuple[tuple[str, str], ...] = DEFAULT_BRIDGES  # (skill category, bridge kind)
    default_bridge: str = "pairing"  # for a category `bridges` does not name
    evidence: tuple[tuple[str, str], ...] = DEFAULT_EVIDENCE  # (level name, what shows it is reached)
    mentor_hours_per_week: float = 1.0  # a mentor from the roster gives at most this much a week, all learners together
    mentor_max_learners: int = 3  # and mentors at most this many learners over a run

    def bridge_kind(self, category: str) -> str:
        return dict(self.bridges).get(category, self.default_bridge)

    def evidence_for(self, level_name: str) -> str:
        return dict(self.evidence).get(level_name, "")


class Catalog(NamedTuple):
    """Everything the planner knows about skills, roles and demand, merged from catalog files."""

    scale: Scale
    skills: Mapping[str, Skill]
    roles: Mapping[str, Role]
    sources: Mapping[str, Citation]
    weights: Weights = Weights()
    hours_per_week: float = 4.0  # used when a profile gives none
    hours_per_level: float = 10.0  # placeholder estimate for a gap no resource covers
    files: tuple[str, ...] = ()
    names: Mapping[str, str] = NO_ENTRIES  # normalized name/alias -> id
    role_names: Mapping[str, str] = NO_ENTRIES  # role id and normalized name -> id
    planning: Planning = Planning()

    def find_skill(self, name: str) -> str | None:
        """Return the id of the skill whose id, name or alias matches `name` (any case), else None."""
        return self.names.get(normalize(name))

    def find_role(self, name: str) -> str | None:
        """Return the id of the role whose id or name matches `name` (any case), else None."""
        return self.role_names.get(normalize(name))


class Rating(NamedTuple):
    """One view of a skill's level: who gave it and when."""

    level: int
    source: str = ""  # assessment | manager | peer | self, or "" when the profile does not say
    date: date | None = None


class Assessment(NamedTuple):
    """A skill's current level from a profile: the rating that counts, and every rating given.

    `level`, `source` and `assessed` are those of the rating that counts under the catalog's
    precedence (planning.ratings.current); `ratings` holds them all, for the flags.
    """

    skill: str
    level: int
    source: str = ""
    assessed: date | None = None
    ratings: tuple[Rating, ...] = ()


class Employee(NamedTuple):
    """Who the plan is for, and the time and deadline they have."""

    id: str
    name: str
    role: str = ""
    target_role: str = ""
    hours_per_week: float | None = None
    deadline: date | None = None
    # HR columns kept as they are (department, manager, location, cost_centre, or any mapped with
    # --column "X=attribute"): (key, value) pairs in column order, for grouping a team report.
    attributes: tuple[tuple[str, str], ...] = ()
    technologies: tuple[str, ...] = ()  # the tools the person already works with (a profile's `technologies:`)

    @property
    def title(self) -> str:
        """'Name (ID)' for a plan's heading; the id once when there is no other name (a pseudonym is both)."""
        return f"{self.name} ({self.id})" if self.name and self.name != self.id else self.id


class Progress(NamedTuple):
    """One entry of a profile's `progress:` block: a level reached on a day, and what shows it."""

    skill: str  # catalog id
    level: int
    date: date
    evidence: str = ""


class Profile(NamedTuple):
    """An employee's current levels and personal targets, resolved to catalog ids."""

    employee: Employee
    skills: Mapping[str, Assessment]  # by skill id; a `progress:` level reached by the as-of day counts here
    targets: Mapping[str, int]  # personal targets by skill id
    file: str = ""
    progress: tuple[Progress, ...] = ()  # every entry read, counted or not

    def level(self, skill: str) -> int:
        """The assessed level of a skill; an unassessed skill is level 0."""
        found = self.skills.get(skill)
        return found.level if found else 0


# What a gap can be flagged with (Gap.flags), for the manager to raise in the one-on-one.
NOT_ASSESSED, STALE, DISAGREE = "not assessed", "stale", "talk about this"
FLAGS = (NOT_ASSESSED, STALE, DISAGREE)


class Gap(NamedTuple):
    """A skill the target needs above the current level, and why it ranks where it does."""

    skill: str
    name: str
    current: int
    target: int
    weight: float
    demand: float
    unlocks: int  # how many other gaps this skill is a prerequisite of
    gap_term: float
    demand_term: float
    unlocks_term: float
    priority: float
    reason: str  # "role", "personal target" or "prerequisite of X, Y"
    prerequisite_of: tuple[str, ...] = ()  # the gaps that need this one closed first (`unlocks` of them)
    assessment: Assessment | None = None  # None: not assessed, planned from `current` = 0
    flags: tuple[str, ...] = ()  # FLAGS, in that order

    @property
    def assessed(self) -> bool:
        return self.assessment is not None

    @property
    def size(self) -> int:
        return self.target - self.current


class Step(NamedTuple):
    """One gap scheduled: the activities that close it and the weeks they take."""

    number: int
    skill: str
    name: str
    from_level: int
    to_level: int
    activities: tuple[Resource, ...]
    hours: float
    first_week: int  # 1-based
    last_week: int
    start: date
    end: date
    uncovered: tuple[int, int] | None = None  # levels no resource covers: "needs a resource"
    prerequisite_for: tuple[str, ...] = ()
    late: bool = False  # cannot finish by the deadline
    track: int = 1  # which of the plan's parallel tracks it runs in
    activity_hours: float = 0.0  # all hours of its activities; `hours` is what the weekly budget pays
    done_when: str = ""  # the evidence that shows the target level is reached
    assessed: bool = True  # False: nobody assessed the skill; `from_level` is an assumption
    placed: tuple[Placement, ...] = ()  # each activity with its own weeks, in the order they start
    mentor: MentorRef | None = None  # a mentor from the roster (a roster scheduled together)
    no_mentor: str = ""  # why there is none, when the roster was scheduled together


class Placement(NamedTuple):
    """One activity of a step with its own weeks (1-based calendar weeks, inside the step's)."""

    resource: Resource
    first_week: int
    last_week: int
    start: date
    end: date
    charged_hours: float  # what it takes from the weekly learning budget
    job_hours: float  # on-the-job hours not charged to the budget: the time the manager releases
    session: SessionRef | None = None  # the group session it is taken in (a roster scheduled together)
    alone: bool = False  # shareable, but too few others in the roster take it in these weeks
    alone_why: str = ""  # why, in the employee's words (sessions.py): no one else, too few, sessions full


# `Step(number=1, ...)` with keywords goes through type.__call__, which packs the keywords into a
# dict: several times the cost of calling the record's own __new__. A plan builds a Gap and
# a Step per skill, thousands of times in a batch, so those two are built through these (the
# same keywords and the same record; mypy checks the arguments alike).
new_gap = partial(Gap.__new__, Gap)
new_step = partial(Step.__new__, Step)


class Summary(NamedTuple):
    """The totals of a plan: hours, weeks, completion and deadline risk."""

    total_hours: float
    weeks: int
    hours_per_week: float
    start: date
    completion: date | None
    deadline: date | None
    late_steps: int
    needed_hours_per_week: float | None  # to finish by the deadline, when it is at risk
    activity_hours: float = 0.0  # every activity's full hours, on-the-job ones included
    mix: tuple[float, float, float] = (0.0, 0.0, 0.0)  # shares of activity hours by KINDS
    parallel: int = 1  # skills in progress at once, at most
    as_of: date | None = None  # the day the plan was made (`--as-of`), when known
    load: tuple[LoadRun, ...] = ()  # learning and job hours week by week, as runs of equal weeks
    budget_use: float = 0.0  # charged hours / (open weeks x weekly budget)
    length_reason: str = ""  # what sets the plan's length, in one plain line
    late_next_cycle: int = 0  # skills whose next cycle a deadline inside the horizon cannot see done
    mix_reason: str = ""  # why the mix stays >20 points off the target or lacks a kind of it, in one line
    closed_weeks: tuple[int, ...] = ()  # calendar weeks with no work (--closed)
    order_reason: str = ""  # why the steps come in this order, in one plain line


class Checkin(NamedTuple):
    """A dated one-on-one to review progress: the steps due by then and those under way."""

    date: date
    week: int
    ended: tuple[int, ...]  # step numbers that end since the previous check-in
    running: tuple[int, ...]  # step numbers under way
    agenda: tuple[str, ...] = ()  # what is due, the evidence to bring, the decision to take


class Bridge(NamedTuple):
    """Help while a late step is still being learned (BRIDGE_KINDS)."""

    step: int
    skill: str
    kind: str
    advice: str


class Plan(NamedTuple):
    """A prioritized, scheduled learning plan for one employee."""

    employee: Employee
    role: Role
    gaps: tuple[Gap, ...]
    steps: tuple[Step, ...]
    summary: Summary
    scale: Scale
    sources: tuple[Citation, ...]  # the sources behind the planned skills' demand figures
    weights: Weights
    met: tuple[str, ...] = ()  # required skills already at target
    met_flags: tuple[tuple[str, ...], ...] = ()  # each met skill's rating flags (stale, talk about this)
    checkins: tuple[Checkin, ...] = ()
    warnings: tuple[str, ...] = ()  # about the plan as a whole (too long, mostly late, ...)
    bridges: tuple[Bridge, ...] = ()
    not_planned: tuple[Gap, ...] = ()  # gaps `--top` left out
    later: tuple[Later, ...] = ()  # the next cycle: levels past max_levels_per_cycle or the horizon
    mentees: tuple[MentorRef, ...] = ()  # the people this employee mentors (their job time), each with its skill
