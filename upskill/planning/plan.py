"""From a profile and a catalog to a scheduled plan: the core function the CLI wraps."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from datetime import date
from functools import lru_cache
from itertools import chain, count
from operator import attrgetter
from typing import NamedTuple

from upskill.errors import Problem, UpskillError, did_you_mean
from upskill.load.deadlines import far_deadline
from upskill.model import (
    KINDS,
    Catalog,
    Gap,
    Plan,
    Planning,
    Profile,
    Resource,
    Role,
    Step,
    Summary,
    Weights,
)
from upskill.planning.activities import step_fewest_weeks
from upskill.planning.advice import bridges, deadline_warnings
from upskill.planning.checkins import checkins
from upskill.planning.choices import charged_hours as charged_hours
from upskill.planning.choices import choose, fewest_weeks, worker
from upskill.planning.closed import Calendar, closed_weeks
from upskill.planning.cycle import (
    capped,
    cycle_warnings,
    job_by_step,
    late_counts,
    learning_by_week,
    length_reason,
    load_runs,
    next_cycle,
    order_reason,
    placements,
    subset,
    waiting_for_next_cycle,
    within_horizon,
)
from upskill.planning.deadline import Options as DeadlineOptions
from upskill.planning.deadline import deadline_options, role_required
from upskill.planning.enrich import enrich
from upskill.planning.evidence import done_when, talk_lines
from upskill.planning.gaps import blockers, find_gaps, flags, learning_order, with_prerequisites
from upskill.planning.memo import hundredths
from upskill.planning.schedule import Choice, week_end, week_start, weeks_until
from upskill.planning.tracks import MAX_WEEKS, Timeline, Work, ends_within


class Options(NamedTuple):
    """What the command line can change about a plan; None means "from the profile or catalog"."""

    start: date
    deadline: date | None = None
    hours_per_week: float | None = None
    top: int | None = None
    weights: Weights | None = None
    parallel: int | None = None  # skills side by side; None: the catalog's planning.parallel
    as_of: date | None = None  # the day the plan is made (front matter, calendar stamps); None: unknown
    closed: tuple[tuple[date, date], ...] = ()  # (first, last) days with no work: --closed FROM..TO


def build_plan(profile: Profile, catalog: Catalog, options: Options, *, advice: bool = True) -> Plan:
    """Compute the gaps of `profile` to its target role and schedule the activities that close them.

    `advice=False` gives the schedule alone: no pace searches (`needed_hours_per_week` is None),
    check-ins, warnings or bridges, and none of what only a plan's own text shows: each step's
    "done when", the summary's mix and order reason, the skills already met, the demand sources
    (left at their defaults). That is all a team report and a role fit read of a plan (members.py,
    attend.learner_of, fit.py), and the pace searches are about half the cost of a plan.
    """
    employee = profile.employee
    role = catalog.roles.get(employee.target_role)
    if role is None:
        raise UpskillError(
            Problem(
                f"unknown target role '{employee.target_role}'"
                f"{did_you_mean(employee.target_role, catalog.roles)}; "
                "see `upskill catalog roles`",
                file=profile.file,
            )
        )
    planning, skills = catalog.planning, catalog.skills
    weights = options.weights or catalog.weights
    all_gaps = find_gaps(profile, role, catalog, weights, options.start)
    gaps = all_gaps
    if options.top is not None:
        gaps = with_prerequisites(list(all_gaps[: options.top]), all_gaps)
    kept = set(map(_SKILL, gaps))
    ordered = learning_order(gaps, frozenset([g.skill for g in gaps if catalog.skills[g.skill].enabler]))

    hours_per_week = options.hours_per_week or employee.hours_per_week or catalog.hours_per_week
    parallel = options.parallel or planning.parallel
    deadline = options.deadline if options.deadline is not None else employee.deadline
    if far_deadline(options.start, deadline):  # 9999-12-31, HR's "none": no deadline (the CLI warns)
        deadline = None
    _check_inputs(profile, options, hours_per_week, deadline)
    calendar = Calendar(closed_weeks(options.start, options.closed))
    cycle = capped(ordered, planning.max_levels_per_cycle)
    choices = choose(cycle, catalog)
    index = dict(zip(map(_SKILL, cycle), count()))
    needs = blockers(cycle)

    make_work = worker(planning, parallel)
    all_work = [
        make_work(c, g.current, tuple(sorted([index[b] for b in needs[g.skill]])) if needs[g.skill] else ())
        for g, c in zip(cycle, choices, strict=True)
    ]
    budget = round(hours_per_week * 60)
    bounds = (calendar, calendar.open_until(planning.horizon_weeks), waiting_for_next_cycle(cycle, catalog))
    keep, timeline = _lay_out_cycle(
        all_work,
        budget,
        parallel,
        bounds,
        profile,
        options,
        # the hours in words only when they are too many (not for every plan)
        lambda: f"{sum(c.hours for c in choices):g} hours at {hours_per_week:g} a week from {options.start}",
    )
    work = subset(all_work, keep)
    kept_gaps = tuple(map(cycle.__getitem__, keep))
    kept_choices, work, timeline, mix_reason = enrich(
        kept_gaps, list(map(choices.__getitem__, keep)), work, timeline, catalog, budget, parallel, make_work
    )
    # by first week, ties in learning order (a stable sort of the indices: as the key (first week, index))
    by_start = sorted(range(len(keep)), key=list(map(_FIRST_WEEK, timeline.placed)).__getitem__)
    context = _Context(options.start, deadline, catalog, calendar, parallel, advice)
    steps = _steps(kept_gaps, kept_choices, work, timeline, by_start, context)
    later = next_cycle(ordered, cycle, set(keep), catalog)
    total = hundredths(sum(map(_STEP_HOURS, steps)))
    late, late_later = late_counts(steps, later, deadline, options.start, planning.horizon_weeks)
    weeks = max(map(_LAST_WEEK, steps), default=0)
    open_deadline = calendar.open_until(weeks_until(options.start, deadline)) if deadline else 0
    ahead = (
        _deadline_options(kept_gaps, kept_choices, work, parallel, open_deadline, hours_per_week, planning)
        if advice and late and deadline
        else None
    )
    pace = ahead.pace if ahead is not None and not late_later else None
    learning = learning_by_week(timeline.load, calendar, weeks)
    job = job_by_step(steps, calendar, planning, weeks)
    open_weeks = calendar.open_until(weeks)
    summary = Summary(
        total_hours=total,
        weeks=weeks,
        hours_per_week=hours_per_week,
        start=options.start,
        completion=week_end(options.start, weeks) if steps else None,
        deadline=deadline,
        late_steps=late,
        needed_hours_per_week=pace,
        activity_hours=hundredths(sum(map(_ACTIVITY_HOURS, steps))),
        mix=mix(chain.from_iterable(map(_ACTIVITIES, steps))) if advice else _NO_MIX,
        parallel=parallel,
        as_of=options.as_of,
        load=load_runs(learning, job),
        budget_use=round(sum(learning) / (open_weeks * budget), 2) if open_weeks else 0.0,
        length_reason=length_reason(work, parallel, weeks, calendar, hours_per_week, timeline.load, budget)
        if advice
        else "",
        closed_weeks=tuple([w for w in calendar.closed if w <= weeks]) if calendar.closed else (),
        mix_reason=mix_reason,
        late_next_cycle=late_later,
        order_reason=order_reason(steps, {s.skill for s in steps if skills[s.skill].enabler}) if advice else "",
    )
    # (what only the plan's text shows: not worked out for the schedule alone)
    met = _met(profile, role, all_gaps, catalog, options.start) if advice else []
    demands = [skills[s.skill].demand for s in steps] if advice else []
    source_ids = sorted({d.source for d in demands if d and d.source})
    return Plan(
        employee=employee,
        role=role,
        gaps=gaps,
        steps=steps,
        summary=summary,
        scale=catalog.scale,
        sources=tuple([catalog.sources[i] for i in source_ids if i in catalog.sources]),
        weights=weights,
        met=tuple([m for m, _ in met]),
        met_flags=tuple([f for _, f in met]),
        checkins=checkins(steps, options.start, planning.checkin_weeks, calendar, deadline, talk_lines(met, catalog))
        if advice
        else (),
        warnings=(
            *cycle_warnings(summary, later, planning),
            *deadline_warnings(steps, summary, planning, ahead, by_start),
        )
        if advice
        else (),
        bridges=bridges(steps, catalog, employee, deadline, _helpable(ahead, kept_gaps, by_start)) if advice else (),
        not_planned=tuple([g for g in all_gaps if g.skill not in kept]) if len(kept) < len(all_gaps) else (),
        later=later,
    )


def _lay_out_cycle(
    work: list[Work],
    budget: int,
    parallel: int,
    bounds: tuple[Calendar, int, AbstractSet[int]],
    profile: Profile,
    options: Options,
    hours: Callable[[], str],
) -> tuple[list[int], Timeline]:
    """The steps within the horizon (in open weeks) and not waiting for the next cycle (`bounds`),
    and their layout; absurd hours (a catalog's, or thousands of skills) and dates past 9999-12-31
    are located errors."""
    try:
        calendar, horizon, waiting = bounds
        keep, timeline = within_horizon(work, budget, parallel, horizon, waiting)
    except OverflowError:
        raise UpskillError(
            Problem(f"the plan would take more than {MAX_WEEKS // 52} years: {hours()}", file=profile.file)
        ) from None
    try:  # week dates past 9999-12-31 overflow
        week_end(
            options.start,
            calendar.week(max((p.last_week for p in timeline.placed), default=0)),
        )
    except OverflowError:  # a start near year 9999
        raise UpskillError(
            Problem(
                f"the plan would run past the last date the calendar knows (9999-12-31): {hours()}", file=profile.file
            )
        ) from None
    return keep, timeline


# The fields a plan reads of each of its gaps, steps and placements, read by map in C rather than by a
# comprehension's loop in Python (a dozen such passes a plan, for every plan of a batch)
_SKILL, _FIRST_WEEK, _LAST_WEEK = attrgetter("skill"), attrgetter("first_week"), attrgetter("last_week")
_STEP_HOURS, _ACTIVITY_HOURS, _ACTIVITIES = attrgetter("hours"), attrgetter("activity_hours"), attrgetter("activities")


class _Context(NamedTuple):
    start: date
    deadline: date | None
    catalog: Catalog
    calendar: Calendar
    parallel: int
    evidence: bool  # each step's "done when" (advice: the schedule alone leaves it out)


def _check_inputs(profile: Profile, options: Options, hours_per_week: float, deadline: date | None) -> None:
    """A weekly budget under a minute, or a profile's deadline before the start, is bad data (exit 1)."""
    if round(hours_per_week * 60) < 1:
        raise UpskillError(
            Problem(
                f"{hours_per_week:g} hours a week is less than a minute; plan at least a few hours a week",
                file=profile.file,
            )
        )
    if deadline is not None and options.deadline is None and deadline < options.start:
        raise UpskillError(
            Problem(
                f"the deadline {deadline} is before the start {options.start}; "
                "correct the deadline or plan from an earlier start",
                file=profile.file,
            )
        )


def _steps(
    ordered: tuple[Gap, ...],
    choices: list[Choice],
    work: list[Work],
    timeline: Timeline,
    by_start: list[int],
    context: _Context,
) -> tuple[Step, ...]:
    """The steps, numbered in the order they start (tracks start them in learning order); weeks
    are calendar weeks (the layout's open weeks mapped past the closed ones)."""
    start, calendar, catalog = context.start, context.calendar, context.catalog
    planning, parallel, deadline, evidence = catalog.planning, context.parallel, context.deadline, context.evidence
    planned = set(map(_SKILL, ordered))
    closed = calendar.closed
    steps: list[Step] = []
    append = steps.append
    for number, i in enumerate(by_start, start=1):
        gap, choice, place = ordered[i], choices[i], timeline.placed[i]
        open_first, open_last = place.first_week, place.last_week
        first, last = open_first, open_last
        if closed:  # else open weeks are calendar weeks
            first, last = calendar.week(first), calendar.week(last)
        end = week_end(start, last)
        activities, skill, current, target = choice.activities, gap.skill, gap.current, gap.target
        # By position, in Step's field order, made by tuple.__new__: a plan builds a step per skill, and
        # Step's own __new__ (a Python function) costs more than the tuple (the fields after `placed`
        # keep their defaults: _STEP_TAIL; tests/planning/test_plan_parts_same.py checks the record)
        append(
            _new(
                Step,
                (
                    number,
                    skill,
                    gap.name,
                    current,  # from_level
                    target,  # to_level
                    activities,
                    _hours_of(work[i].minutes),  # hours
                    first,  # first_week
                    last,  # last_week
                    week_start(start, first),  # start
                    end,
                    choice.uncovered,
                    tuple([d for d in gap.prerequisite_of if d in planned]) if gap.prerequisite_of else (),
                    deadline is not None and end > deadline,  # late
                    place.track,
                    hundredths(choice.hours),  # activity_hours
                    done_when(catalog, skill, target, activities) if evidence else "",
                    gap.assessment is not None,  # assessed
                    placements(activities, current, open_first, open_last, calendar, start, planning, parallel),
                    *_STEP_TAIL,
                ),
            )
        )
    return tuple(steps)


_new = tuple.__new__
_NO_MIX = Summary._field_defaults["mix"]
# Step's fields after `placed` (the mentor a roster scheduled together adds), at their defaults
_STEP_TAIL = tuple([Step._field_defaults[f] for f in Step._fields[Step._fields.index("placed") + 1 :]])


# minutes -> hours to the hundredth. round(x, 2) of a float goes through its decimal digits,
# several times the cost of a look-up, and a batch's steps take the same few thousand minutes.
_HOURS: dict[int, float] = {}


def _hours_of(minutes: int) -> float:
    found = _HOURS.get(minutes)
    if found is None:
        if len(_HOURS) >= 8192:  # bounded: emptied when full
            _HOURS.clear()
        found = _HOURS[minutes] = round(minutes / 60, 2)
    return found


def _met(
    profile: Profile, role: Role, all_gaps: tuple[Gap, ...], catalog: Catalog, start: date
) -> list[tuple[str, tuple[str, ...]]]:
    """Required skills already at target, with their rating flags (stale, talk about this): not when a
    prerequisite raises the target, nor when nobody assessed it."""
    raised = set(map(_SKILL, all_gaps))
    met = sorted(
        r.skill
        for r in role.requires
        if profile.level(r.skill) >= r.level and r.skill not in profile.targets and r.skill not in raised
    )
    return [(s, flags(profile.skills.get(s), catalog.planning, start)) for s in met]


def span_weeks(activities: tuple[Resource, ...], planning: Planning) -> int:
    """The fewest weeks a step runs at the catalog's `parallel` (activities.py: bands one after the other)."""
    current = min((r.from_level for r in activities), default=0)
    return step_fewest_weeks(activities, current, planning, planning.parallel)


def mix(activities: Iterable[Resource]) -> tuple[float, float, float]:
    """The shares of activity hours by kind (experience, social, formal), to two decimals."""
    totals = dict.fromkeys(KINDS, 0.0)
    for r in activities:
        totals[r.kind] += r.hours
    whole = sum(totals.values())
    if not whole:
        return (0.0, 0.0, 0.0)
    experience, social, formal = [hundredths(totals[k] / whole) for k in KINDS]
    return (experience, social, formal)


def _finishes_by(work: list[Work], parallel: int, hours_per_week: float, weeks: int) -> bool:
    return ends_within(work, round(hours_per_week * 60), parallel, weeks)


def pace_within(work: list[Work], parallel: int, weeks: int, maximum: float) -> float | None:
    """The fewest hours a week, in half hours up to `maximum`, that end every step within `weeks`."""
    return _pace_within(tuple(work), parallel, weeks, maximum)


@lru_cache(maxsize=4096)  # people of a batch with the same role and levels ask the same question
def _pace_within(work: tuple[Work, ...], parallel: int, weeks: int, maximum: float) -> float | None:
    """The least half hour a week that ends every step within `weeks` (open weeks).

    The end week is not monotone in the pace (a step ending sooner can free a track for another
    step), so a binary search can miss the least pace. The paces are tried upwards from the
    least one that fits every minute into the weeks (no lower pace can): the first that fits is
    the answer, exactly. Each try stops at the first week past `weeks` (`ends_within`), and most
    plans fit within a few tries of that bound.
    """
    steps = list(work)
    if weeks <= 0 or not _ends_at_max(steps, parallel, maximum, weeks):
        return None
    low = max(1, math.ceil(sum(w.minutes for w in work) / weeks / 30))
    high = int(maximum * 2)  # finishes in time
    for pace in range(low, high):
        if _finishes_by(steps, parallel, pace / 2, weeks):
            return pace / 2
    return high / 2


def _ends_at_max(work: list[Work], parallel: int, maximum: float, weeks: int) -> bool:
    """`_finishes_by` at the maximum pace: most searches stop here (the plan is late even then),
    and a probe stops as soon as its end is sure to pass `weeks` (no other search lays the plan
    out at this pace, so a whole layout would not be shared)."""
    return _finishes_by(work, parallel, maximum, weeks)


def _deadline_options(
    gaps: tuple[Gap, ...],
    choices: list[Choice],
    work: list[Work],
    parallel: int,
    weeks: int,
    hours_per_week: float,
    planning: Planning,
) -> DeadlineOptions:
    """More time, more skills side by side, a narrower scope (deadline.py), within `weeks` open weeks."""
    most = max(planning.max_hours_per_week, hours_per_week)  # more than their own budget is not on offer

    def rework(side: int) -> list[Work]:
        return [
            Work(w.minutes, fewest_weeks(c.activities, g.current, planning, side), w.after)
            for w, c, g in zip(work, choices, gaps, strict=True)
        ]

    return deadline_options(gaps, work, parallel, weeks, most, lambda w, p: pace_within(w, p, weeks, most), rework)


def _helpable(options: DeadlineOptions | None, gaps: tuple[Gap, ...], by_start: list[int]) -> frozenset[int]:
    """The step numbers outside help may serve: the role's own work left out of the narrower scope,
    once more time and more skills side by side have failed (deadline.py)."""
    if options is None or options.scope is None:
        return frozenset()
    return frozenset(n for n, i in enumerate(by_start, start=1) if i not in options.scope and role_required(gaps[i]))
