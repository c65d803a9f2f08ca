"""The budget used, the mix per plan: after the fewest hours, learning from others and courses
where the budget has room (docs/planning.md, "The budget used and the mix").

The fewest-hours choice (schedule.choose_activities) leaves most plans almost all on the job and
much of the learning time unused. Going through the steps in learning order, a resource of a kind
the plan has less of than `target_mix` (mentoring, feedback, a course) that covers the step's
levels is added when the plan does not end later for it. Each try lays the plan out once, so the
tries are bounded (`MAX_TRIES`) and every layout is cached (a batch's people with the same gaps
share them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from upskill.model import KINDS, Catalog, Gap, Resource, Skill
from upskill.planning.memo import IdentityMemo
from upskill.planning.schedule import Choice
from upskill.planning.tracks import Timeline, Work, lay_out_again, lay_out_noted

MAX_TRIES = 6  # layouts one plan may spend on its mix
KIND_WORDS = {"experience": "on-the-job work", "social": "learning from others", "formal": "courses and reading"}


def shares(activities: list[Resource]) -> dict[str, float]:
    # Three sums in locals rather than a dict's items (enrich asks after every resource it adds);
    # each kind's hours added in the same order, so the same floats.
    experience = social = formal = 0.0
    for r in activities:
        kind = r.kind
        if kind == "experience":
            experience += r.hours
        elif kind == "social":
            social += r.hours
        elif kind == "formal":
            formal += r.hours
        else:
            raise KeyError(kind)
    return _shares_of((experience, social, formal))


def _shares_of(hours: tuple[float, float, float]) -> dict[str, float]:
    experience, social, formal = hours
    whole = experience + social + formal or 1.0
    return {"experience": experience / whole, "social": social / whole, "formal": formal / whole}


# A float that is a whole number of 1/1024 hours under 2**30 h: sums of a plan's such hours are
# exact, so the same in any order (`_kind_hours`).
_FINE = 1024
_MOST = 2.0**30


def _kind_hours(choices: list[Choice]) -> tuple[set[str], tuple[float, float, float] | None]:
    """The titles planned, and each kind's hours (experience, social, formal) when every hours is a
    whole number of 1/1024 h under 2**30 h (None otherwise, and for a kind `shares` does not know).
    Sums of such floats are exact: adding a resource's hours to its kind's sum later gives what
    `shares` summing the activities again in their new order gives, to the last bit, so enrich
    works the mix out once a plan rather than once for each resource it adds. For the same reason
    each step's sums (`_step_hours`) add up to what adding every activity one by one gives."""
    used: set[str] = set()
    experience = social = formal = 0.0
    exact = True
    for c in choices:
        titles, step_experience, step_social, step_formal, step_exact = _step_hours(c.activities)
        used.update(titles)
        experience += step_experience
        social += step_social
        formal += step_formal
        exact = exact and step_exact
    return used, (experience, social, formal) if exact else None


_STEP_HOURS: IdentityMemo[tuple[tuple[str, ...], float, float, float, bool]] = IdentityMemo()


def _step_hours(activities: tuple[Resource, ...]) -> tuple[tuple[str, ...], float, float, float, bool]:
    """One step's titles, each kind's hours and whether they are all exact (`_kind_hours`): found by
    the activities' identity, as a batch's plans share their steps' cached choices."""
    key = (id(activities),)
    found = _STEP_HOURS.get(key)
    if found is not None:
        return found
    experience = social = formal = 0.0
    exact = True
    for r in activities:
        kind, hours = r.kind, r.hours
        if not (hours * _FINE % 1 == 0 and -_MOST < hours < _MOST):
            exact = False
        if kind == "experience":
            experience += hours
        elif kind == "social":
            social += hours
        elif kind == "formal":
            formal += hours
        else:
            exact = False
    titles = tuple(r.title for r in activities)
    return _STEP_HOURS.put(key, (activities,), (titles, experience, social, formal, exact))


def _with_hours(hours: tuple[float, float, float] | None, r: Resource) -> tuple[float, float, float] | None:
    """`_kind_hours` with `r` added: None when its hours are not as exact (enrich then sums again)."""
    if hours is None or not (r.hours * _FINE % 1 == 0 and -_MOST < r.hours < _MOST) or r.kind not in KINDS:
        return None
    experience, social, formal = hours
    if r.kind == "experience":
        return experience + r.hours, social, formal
    if r.kind == "social":
        return experience, social + r.hours, formal
    return experience, social, formal + r.hours


def _candidates(gap: Gap, catalog: Catalog, used: set[str], wanted: list[str], most: int) -> list[Resource]:
    """The first `most` unplanned resources of the wanted kinds covering some of the step's levels,
    the kind most wanted first, then fewest hours, then title."""
    found = []
    for r in _covering(catalog.skills[gap.skill], gap.current, gap.target, tuple(wanted)):
        if r.title not in used:
            found.append(r)
            if len(found) == most:  # a skill may offer dozens; enrich tries two
                break
    return found


@lru_cache(maxsize=4096)  # a batch asks the same of each skill; `used` is left out afterwards (the order stays)
def _covering(skill: Skill, current: int, target: int, wanted: tuple[str, ...]) -> tuple[Resource, ...]:
    found = [
        r
        for r in skill.resources
        if r.kind in wanted and max(r.from_level, current) < min(r.to_level, target) and r.from_level < r.to_level
    ]
    return tuple(sorted(found, key=lambda r: (wanted.index(r.kind), r.hours, r.title)))


def _below(mix: dict[str, float], target: dict[str, float]) -> list[str]:
    """Learning from others and courses where the mix is below the target, the kind furthest below
    first (on a tie, learning from others): a sort of two without its key calls."""
    wanted = [k for k in ("social", "formal") if mix[k] < target[k]]
    if len(wanted) == 2 and mix["formal"] - target["formal"] < mix["social"] - target["social"]:
        return ["formal", "social"]
    return wanted


_WITH: IdentityMemo[tuple[Resource, ...]] = IdentityMemo()


def with_resource(activities: tuple[Resource, ...], r: Resource) -> tuple[Resource, ...]:
    """The step's activities with `r` added: the checks first, then by first level, social before formal
    before on the job, and title. The same pair gives the very same tuple (found by identity), as a
    batch's plans try the same resources on the same cached choices: the memos of a step's work and
    placements (choices.py, cycle.py) then find it by identity too, instead of hashing every resource."""
    key = (id(activities), id(r))
    found = _WITH.get(key)
    if found is None:
        checks = tuple(a for a in activities if a.from_level == a.to_level)
        rest = sorted(
            (*(a for a in activities if a.from_level != a.to_level), r),
            key=lambda a: (a.from_level, -KINDS.index(a.kind), a.title),
        )
        found = _WITH.put(key, (activities, r), (*checks, *rest))
    return found


def enrich(
    gaps: tuple[Gap, ...],
    choices: list[Choice],
    work: list[Work],
    timeline: Timeline,
    catalog: Catalog,
    budget: int,
    parallel: int,
    make_work: Callable[[Choice, int, tuple[int, ...]], Work],
) -> tuple[list[Choice], list[Work], Timeline, str]:
    """The choices, work and layout with the resources added, and, when the plan's mix stays more
    than 20 points off the target or has none of a kind it asks for, one plain line saying why
    ("" otherwise)."""
    target = dict(zip(KINDS, catalog.planning.target_mix, strict=True))
    end = max((p.last_week for p in timeline.placed), default=0)
    used, hours = _kind_hours(choices)  # (hours: None when they must be summed again each time)
    choices, work = list(choices), list(work)
    base = lay_out_noted(work, budget, parallel)  # `timeline`, with where it stood when each step started
    tries = MAX_TRIES
    longer: set[str] = set()
    now: dict[str, float] | None = None  # the shares, worked out again only when a resource is added
    total = sum(w.minutes for w in work)
    for i, gap in enumerate(gaps):
        if not tries:
            break
        if now is None:
            now = _shares_of(hours) if hours is not None else shares([r for c in choices for r in c.activities])
        mix = now
        wanted = _below(mix, target)
        if gap.current <= 1 and "formal" in wanted and not any(r.kind == "formal" for r in choices[i].activities):
            wanted = ["formal", *(k for k in wanted if k != "formal")]  # from awareness: a course first
        if not wanted:
            break
        for r in _candidates(gap, catalog, used, wanted, 2):
            if not tries:
                break
            choice = Choice(with_resource(choices[i].activities, r), choices[i].uncovered, choices[i].hours + r.hours)
            step = make_work(choice, gap.current, work[i].after)
            laid = trial = None
            # The weeks before the step starts do not change, so it starts in the same week: a step
            # whose fewest weeks from there pass the plan's end, or minutes past all the weeks' budget,
            # would lengthen the plan. Only a try that passes these costs a layout.
            minutes = total - work[i].minutes + step.minutes
            if timeline.placed[i].first_week + step.weeks - 1 <= end and minutes <= end * budget:
                tries -= 1
                trial = [*work[:i], step, *work[i + 1 :]]
                laid = lay_out_again(trial, budget, parallel, end, base, i)
            if laid is None or trial is None:
                longer.add(r.kind)
                continue
            total = minutes
            choices[i], work, base = choice, trial, laid
            timeline = base[0]
            used.add(r.title)
            hours = _with_hours(hours, r)
            now = None
            break
    return choices, work, timeline, _why(choices, target, longer, budget, hours)


def _why(
    choices: list[Choice],
    target: dict[str, float],
    longer: set[str],
    budget: int,
    hours: tuple[float, float, float] | None,
) -> str:
    """`hours`: each kind's hours (`_kind_hours`), or None to sum them here."""
    if hours is None:
        activities = [r for c in choices for r in c.activities]
        if sum(r.hours for r in activities) < 20:
            return ""
        now = shares(activities)
    else:  # exact sums: their total is the activities' hours summed in order, to the last bit
        if sum(hours) < 20:
            return ""
        now = _shares_of(hours)
    off = [k for k in KINDS if abs(now[k] - target[k]) > 0.2]
    # A kind the target asks for and the plan has none of is worth a word even within 20 points
    # (0% courses against an aim of 10%): the employee would otherwise ask where the courses went.
    missing = [k for k in KINDS if target[k] > 0 and now[k] == 0]
    if not off and not missing:
        return ""
    lacking = [k for k in KINDS if now[k] < target[k] - 0.2] or missing
    if not lacking:
        return f"The mix leans to {KIND_WORDS[off[0]]}: the catalog offers little else for these skills at these levels"
    kind = lacking[0]
    words, none = KIND_WORDS[kind], now[kind] == 0
    if kind in longer:
        more = "adding some" if none else "more of it"
        return f"{'No' if none else 'Little'} {words}: {more} would make the plan longer at {budget / 60:g} h a week"
    if none:
        return f"No {words}: the catalog offers none for these skills at these levels"
    return f"Little {words}: the catalog offers no more of it for these skills at these levels"
