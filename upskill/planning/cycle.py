"""A plan's bounds and its weekly ask: one cycle of at most `max_levels_per_cycle` levels per skill
and `horizon_weeks` weeks (the rest listed as the next cycle), each activity's weeks, and the
learning and job hours of every week (docs/planning.md, "Bounded plans" and "The weekly ask")."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from itertools import accumulate, compress, count, islice
from operator import ne

from upskill.model import Catalog, Gap, Later, LoadRun, Placement, Planning, Resource, Skill, Step, Summary
from upskill.planning.activities import job_minutes, place_activities
from upskill.planning.closed import Calendar
from upskill.planning.memo import IdentityMemo, hundredths
from upskill.planning.schedule import choose_activities, week_end, week_start
from upskill.planning.tracks import Timeline, Work, lay_out, unlimited_end


def capped(gaps: Sequence[Gap], most: int) -> tuple[Gap, ...]:
    """The gaps as this cycle plans them: at most `most` levels above the current one."""
    # _make with the fields in order rather than _replace, which maps every field through a dict
    return tuple([Gap._make((*g[:3], g.current + most, *g[4:])) if g.target - g.current > most else g for g in gaps])


def waiting_for_next_cycle(cycle: Sequence[Gap], catalog: Catalog) -> set[int]:
    """The gaps (indices into `cycle`) whose prerequisite this cycle does not raise to the level
    they need: they wait for the next cycle (with every gap that waits for them)."""
    index = {g.skill: i for i, g in enumerate(cycle)}
    out = set()
    for i, gap in enumerate(cycle):
        for p in catalog.skills[gap.skill].prerequisites:
            if p.skill in index and cycle[index[p.skill]].target < p.level:
                out.add(i)
    return out


def within_horizon(
    work: Sequence[Work], budget: int, parallel: int, horizon: int, waiting: AbstractSet[int] = frozenset()
) -> tuple[list[int], Timeline]:
    """The steps kept (indices into `work`) and their layout: a step ending past open week `horizon`
    is left for the next cycle with every step after it, and the rest laid out again; so are the
    steps `waiting` (and those after them). The first step in learning order always stays, so a
    plan always has something to start with."""
    dropped = _with_dependents(work, waiting)
    keep = [i for i in range(len(work)) if i not in dropped]
    while True:
        timeline = lay_out(subset(work, keep), budget, parallel)
        past = {keep[k] for k, p in enumerate(timeline.placed) if p.last_week > horizon and keep[k] != 0}
        if keep and keep[0] == 0 and timeline.placed[0].last_week > horizon:
            past |= set(keep[1:])  # the first step alone does not fit: it stays, alone, with all the time
        if not past:
            return keep, timeline
        dropped |= _with_dependents(work, past)
        keep = [i for i in keep if i not in dropped]


def subset(work: Sequence[Work], keep: list[int]) -> list[Work]:
    """The steps `keep` (indices into `work`, ascending), their prerequisites numbered among them."""
    if not keep or keep[-1] == len(keep) - 1:  # the first steps (the usual plan keeps all): the same numbers
        return list(work[: len(keep)])
    new = {old: k for k, old in enumerate(keep)}
    out = []
    for i in keep:  # Work(...) rather than _replace: this runs for every layout of the cycle
        w = work[i]
        out.append(Work(w.minutes, w.weeks, tuple([new[a] for a in w.after]) if w.after else ()))
    return out


def _with_dependents(work: Sequence[Work], dropped: AbstractSet[int]) -> set[int]:
    """`dropped` and every step that waits, directly or not, for one of them."""
    out = set(dropped)
    if not out:  # the usual plan: nothing waits for the next cycle
        return out
    for i, w in enumerate(work):  # prerequisites come first in learning order
        if not out.isdisjoint(w.after):
            out.add(i)
    return out


def placements(
    activities: tuple[Resource, ...],
    current: int,
    open_first: int,
    open_last: int,
    calendar: Calendar,
    start: date,
    planning: Planning,
    parallel: int,
) -> tuple[Placement, ...]:
    """Each activity of a step laid out in open weeks `open_first..open_last`, with calendar weeks and dates."""
    # The same step over the same weeks recurs across a batch: found by the identity of its
    # activities and planning (memo.py), not by hashing them, before any placement is built.
    key = (id(activities), id(planning), current, open_first, open_last, calendar.closed, start, parallel)
    found = _PLACED.get(key)
    if found is None:  # (enrich.py's tries recur as the very same tuples too: enrich.with_resource)
        found = _PLACED.put(
            key,
            (activities, planning),
            _placements(activities, current, open_first, open_last, calendar, start, planning, parallel),
        )
    return found


_PLACED: IdentityMemo[tuple[Placement, ...]] = IdentityMemo()


def _placements(
    activities: tuple[Resource, ...],
    current: int,
    open_first: int,
    open_last: int,
    calendar: Calendar,
    start: date,
    planning: Planning,
    parallel: int,
) -> tuple[Placement, ...]:
    out = []
    weeks = open_last - open_first + 1
    key = (id(activities), id(planning), current, weeks, parallel)
    in_step = _IN_STEP.get(key)
    if in_step is None:
        in_step = _IN_STEP.put(key, (activities, planning), _in_step(activities, current, weeks, planning, parallel))
    new = tuple.__new__
    for r, a, b, charged, job in in_step:
        first, last = open_first + a - 1, open_first + b - 1
        if calendar.closed:  # else open weeks are calendar weeks
            first, last = calendar.week(first), calendar.week(last)
        # from its fields in order (the defaults written out): Placement(...) parses its arguments in Python
        out.append(
            new(Placement, (r, first, last, week_start(start, first), week_end(start, last), charged, job, *_UNSHARED))
        )
    return tuple(out)


_UNSHARED = (
    Placement._field_defaults["session"],
    Placement._field_defaults["alone"],
    Placement._field_defaults["alone_why"],
)

# The same step over the same number of weeks recurs across a batch, with other first weeks
_IN_STEP: IdentityMemo[tuple[tuple[Resource, int, int, float, float], ...]] = IdentityMemo()


def _in_step(
    activities: tuple[Resource, ...], current: int, weeks: int, planning: Planning, parallel: int
) -> tuple[tuple[Resource, int, int, float, float], ...]:
    """`place_activities`, with each activity's charged and job hours a week, to two decimals."""
    share = planning.experience_share
    return tuple(
        (
            r,
            a,
            b,
            hundredths(r.hours * share if r.kind == "experience" else r.hours),
            hundredths(job_minutes(r, planning) / 60),
        )
        for r, a, b in place_activities(activities, current, weeks, planning, parallel)
    )


def job_by_week(placed: Sequence[Placement], calendar: Calendar, planning: Planning, weeks: int) -> list[int]:
    """The job minutes of calendar weeks 1..`weeks`: each on-the-job activity's spread evenly over
    its open weeks (the first ones take the odd minutes)."""
    if not calendar.closed:
        return _job_by_open_week(placed, planning, weeks)
    out = [0] * (weeks + 1)
    for p in placed:
        minutes = job_minutes(p.resource, planning)
        if not minutes:
            continue
        open_weeks: Sequence[int] = range(p.first_week, p.last_week + 1)
        if calendar.closed:
            open_weeks = [w for w in open_weeks if calendar.is_open(w)]
        q, r = divmod(minutes, len(open_weeks))
        for k, w in enumerate(open_weeks):
            if w <= weeks:
                out[w] += q + (k < r)
    return out[1:]


def _job_by_open_week(placed: Sequence[Placement], planning: Planning, weeks: int) -> list[int]:
    """`job_by_week` with every week open: each activity's weeks are a run, so its minutes go in as
    the differences at the ends of two runs (q a week over all its weeks, one more over the first r),
    and one running sum gives the weeks, rather than a loop over every week of every activity."""
    ends = [0] * (weeks + 2)  # week w's minutes: the sum of ends[1..w]
    for p in placed:
        if p.resource.kind != "experience":  # job_minutes is 0: no call
            continue
        minutes = job_minutes(p.resource, planning)
        first = p.first_week
        if not minutes or first > weeks:
            continue
        q, r = divmod(minutes, p.last_week - first + 1)
        ends[first] += q
        ends[min(p.last_week, weeks) + 1] -= q
        if r:
            ends[first] += 1
            ends[min(first + r - 1, weeks) + 1] -= 1
    return list(accumulate(ends))[1 : weeks + 1]


def job_by_step(steps: Sequence[Step], calendar: Calendar, planning: Planning, weeks: int) -> list[int]:
    """`job_by_week` of every step's placements, for `weeks` at least the steps' last week (a plan's
    length): with every week open, each step's changes at the ends of its activities' runs are worked
    out once per placements tuple (placements() finds most of a batch's again) and added up."""
    if calendar.closed or max([s.last_week for s in steps], default=0) > weeks:
        return job_by_week([p for s in steps for p in s.placed], calendar, planning, weeks)
    ends = [0] * (weeks + 2)  # week w's minutes: the sum of ends[1..w]
    for step in steps:
        key = (id(step.placed), id(planning))
        changes = _JOB_ENDS.get(key)
        if changes is None:
            changes = _JOB_ENDS.put(key, (step.placed, planning), _job_ends(step.placed, planning))
        for at, change in changes:
            ends[at] += change
    return list(accumulate(ends))[1 : weeks + 1]


_JOB_ENDS: IdentityMemo[tuple[tuple[int, int], ...]] = IdentityMemo()


def _job_ends(placed: Sequence[Placement], planning: Planning) -> tuple[tuple[int, int], ...]:
    """What _job_by_open_week adds at the ends of each on-the-job activity's run, as (week, change)."""
    out = []
    for p in placed:
        if p.resource.kind != "experience":  # job_minutes is 0
            continue
        minutes = job_minutes(p.resource, planning)
        if not minutes:
            continue
        first = p.first_week
        q, r = divmod(minutes, p.last_week - first + 1)
        out += [(first, q), (p.last_week + 1, -q)]
        if r:
            out += [(first, 1), (first + r, -1)]
    return tuple(out)


def learning_by_week(load: Sequence[int], calendar: Calendar, weeks: int) -> list[int]:
    """The learning minutes of calendar weeks 1..`weeks` (the layout's load, in open weeks)."""
    if not calendar.closed:  # every week open: the layout's weeks are the calendar's
        out = list(load[:weeks])
        return out + [0] * (weeks - len(out))
    out = [0] * weeks
    for k, minutes in enumerate(load, start=1):
        week = calendar.week(k)
        if week <= weeks:
            out[week - 1] = minutes
    return out


def load_runs(learning: Sequence[int], job: Sequence[int]) -> tuple[LoadRun, ...]:
    """Weeks in a row asking the same hours (to a tenth of an hour) as runs."""
    weeks = list(zip(learning, job, strict=True))
    if not weeks:
        return ()
    # Only the weeks whose minutes differ from the week before can start a run: found by comparing the
    # list with itself shifted, in C (a plan at a few hours a week runs for a year or two of weeks)
    changed = compress(count(2), map(ne, islice(weeks, 1, None), weeks))
    runs: list[LoadRun] = []
    tenths = TENTHS  # the hours of (learning, job) minutes: a dict lookup costs less than two round()s
    new = tuple.__new__  # a run from its fields in order: LoadRun(...) parses its arguments in Python
    first, hours = 1, tenths.get(weeks[0]) or in_tenths(weeks[0])
    for week in changed:
        pair = weeks[week - 1]
        now = tenths.get(pair) or in_tenths(pair)
        if now != hours:
            runs.append(new(LoadRun, (first, week - 1, *hours)))
            first, hours = week, now
    runs.append(new(LoadRun, (first, len(weeks), *hours)))
    return tuple(runs)


# (learning, job) minutes of a week -> its hours to a tenth: a cache, read by mentored._split too
TENTHS: dict[tuple[int, int], tuple[float, float]] = {}


def in_tenths(pair: tuple[int, int]) -> tuple[float, float]:
    """The hours of (learning, job) minutes to a tenth, kept in `TENTHS`. Each figure is found by its
    minutes (`_TENTH`): a batch's weeks make thousands of pairs but only a few hundred minute figures,
    and `round(x, 1)` (~4,500 instructions, a decimal conversion) was most of a missed pair's cost."""
    if len(TENTHS) >= 8192:  # bounded: emptied when full
        TENTHS.clear()
    learning, job = pair
    tenth = _TENTH
    now = TENTHS[pair] = (
        tenth[learning] if learning in tenth else _tenth(learning),
        tenth[job] if job in tenth else _tenth(job),
    )
    return now


# Minutes -> `round(minutes / 60, 1)`: the same float as computing it (a memo of that very expression)
_TENTH: dict[int, float] = {}


def _tenth(minutes: int) -> float:
    if len(_TENTH) >= 8192:  # bounded: emptied when full
        _TENTH.clear()
    now = _TENTH[minutes] = round(minutes / 60, 1)
    return now


def length_reason(
    work: Sequence[Work],
    parallel: int,
    weeks: int,
    calendar: Calendar,
    hours_per_week: float,
    load: Sequence[int] = (),
    budget: int = 0,
) -> str:
    """What sets the plan's length, in one plain line: the weekly learning time, or (when no
    amount of it would shorten the plan) the fewest weeks of its activities and their order.

    `load`, `budget`: the plan's own layout of `work` (its minutes in each open week) and the weekly
    budget it was laid out at. When no week of it took the whole budget, no week shared the budget
    out (shares give all of it out whenever the asks pass it): every step got all it asked every
    week, as with unlimited time, so the unlimited layout is that very layout and ends in its last
    week; no walk is needed (two plans in five of a generated batch)."""
    if not work:
        return ""
    if budget and load and max(load) < budget:
        fewest = weeks
    else:
        # Every step getting all it asks: stops as soon as that would not end sooner (the usual answer)
        unlimited = unlimited_end(work, parallel, calendar.open_until(weeks) - 1)
        fewest = weeks if unlimited is None else calendar.week(unlimited)
    if fewest >= weeks:
        return (
            f"More learning time would not shorten it: its on-the-job work and activities with a set "
            f"number of weeks need at least {weeks} weeks"
        )
    return (
        f"Your {hours_per_week:g} h a week of learning time sets its length: with more, it could end "
        f"as early as week {fewest}, where its on-the-job work allows"
    )


def order_reason(steps: Sequence[Step], enablers: AbstractSet[str]) -> str:
    """Why the steps come in this order, in one plain line (gaps.learning_order)."""
    if not steps:
        return ""
    first = [s.name for s in steps if s.skill in enablers]
    then = "then the gaps that matter most to the role, each after the skills it builds on"
    if not first:
        return "Why this order: the gaps that matter most to the role first, each after the skills it builds on"
    names = first[0] if len(first) == 1 else ", ".join(first[:-1]) + " and " + first[-1]
    protect = "it protects" if len(first) == 1 else "they protect"
    return f"Why this order: {names} first, because {protect} your learning time; {then}"


def horizon_end(start: date, horizon: int) -> date:
    """The last day of the horizon's last week (the calendar's last day when that is past it)."""
    try:
        return week_end(start, horizon)
    except OverflowError:
        return date.max


def late_counts(
    steps: tuple[Step, ...], later: tuple[Later, ...], deadline: date | None, start: date, horizon: int
) -> tuple[int, int]:
    """The late steps, and the skills of the next cycle a deadline inside the horizon cannot see
    done (the deadline advice counts them late too)."""
    inside = deadline is not None and deadline <= horizon_end(start, horizon)
    return len([s for s in steps if s.late]), len(later) if inside else 0


def next_cycle(ordered: tuple[Gap, ...], cycle: tuple[Gap, ...], keep: set[int], catalog: Catalog) -> tuple[Later, ...]:
    """The next cycle: each skill's levels this plan does not schedule, with their estimated hours."""
    out = []
    skills, per_level, planning = catalog.skills, catalog.hours_per_level, catalog.planning
    for i, (gap, now) in enumerate(zip(ordered, cycle, strict=True)):
        low = now.target if i in keep else gap.current
        if low >= gap.target:
            continue
        # The whole record, found by the skill's identity: the same few for a whole batch
        key = (id(skills[gap.skill]), id(planning), gap.skill, gap.name, low, gap.target, per_level)
        later = _LATER.get(key)
        if later is None:
            hours, learning = _later_hours(skills[gap.skill], low, gap.target, per_level, planning)
            later = Later(gap.skill, gap.name, low, gap.target, hours, learning)
            later = _LATER.put(key, (skills[gap.skill], planning), later)
        out.append(later)
    return tuple(out)


_LATER: IdentityMemo[Later] = IdentityMemo()


def _later_hours(
    skill: Skill, low: int, target: int, hours_per_level: float, planning: Planning
) -> tuple[float, float]:
    """The hours of a skill's levels `low..target` in a next cycle, and those charged to learning
    time, to two decimals."""
    choice = choose_activities(skill, low, target, hours_per_level)
    share = planning.experience_share
    uncovered = choice.hours - sum(r.hours for r in choice.activities)
    learning = uncovered + sum(r.hours * (share if r.kind == "experience" else 1) for r in choice.activities)
    return round(choice.hours, 2), round(learning, 2)


def cycle_warnings(summary: Summary, later: tuple[Later, ...], planning: Planning) -> tuple[str, ...]:
    """About the plan as a whole: what it leaves for the next cycle, and why."""
    if not later:
        return ()
    levels = sum(x.to_level - x.from_level for x in later)
    out = [
        f"This plan covers one cycle (at most {planning.max_levels_per_cycle} levels of a skill and "
        f"{planning.horizon_weeks} weeks); {levels} more level{'' if levels == 1 else 's'} "
        f"(about {round(sum(x.hours for x in later)):g} h) {'is' if levels == 1 else 'are'} for the next cycle, "
        "planned when this one ends."
    ]
    deadline = summary.deadline
    if summary.late_next_cycle and deadline:
        names = ", ".join(x.name for x in later)
        out.append(
            f"The next cycle ({names}) cannot be done by the deadline {deadline.isoformat()}: agree with your "
            "manager which levels the deadline needs, or a later deadline for the rest."
        )
    return tuple(out)
