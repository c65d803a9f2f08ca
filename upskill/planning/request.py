"""What a caller asks of a plan, checked once: the command line's planning options and the API's keywords.

`upskill plan`, `batch`, `team`, `fit` and `upskill.api.build_plan` all turn what they were given into
`Options` here, so a misspelled weight, a NaN of hours or a deadline before the start is the same located
`UsageError` (exit 2) whichever way it came in. Only the way an option is named differs: `--deadline` on
the command line (`flag`), `deadline` in Python (`keyword`). Nothing here prints: a warning (a deadline so
far away that it means none) goes to the caller's `warn`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from upskill.errors import Problem, UsageError, did_you_mean
from upskill.model import Catalog, Weights
from upskill.planning.plan import Options

WEIGHT_TERMS = Weights._fields  # gap, demand, unlocks
MAX_WEIGHT = 1000
MAX_HOURS = 80
MAX_PARALLEL = 10

Said = Callable[[str], str]  # an option's name as the caller wrote it
Warn = Callable[[Problem], None]


def flag(name: str) -> str:
    """`deadline` as the command line writes it: `--deadline`."""
    return "--" + name.replace("_", "-")


def keyword(name: str) -> str:
    """`deadline` as Python writes it: `deadline`."""
    return name


@dataclass(frozen=True)
class PlanRequest:
    """The planning options as given; None means "from the profile or the catalog"."""

    as_of: date | None = None  # the day the plan is made; None: unknown (the plan's first day stands in)
    start: date | None = None  # None: the Monday after as_of (or after today)
    deadline: date | None = None
    hours_per_week: float | None = None
    top: int | None = None
    parallel: int | None = None
    weights: tuple[tuple[str, float], ...] = ()  # term -> weight, over the catalog's
    closed: tuple[tuple[date, date], ...] = ()  # (first, last) days with no learning nor check-in


def weight_problem(term: str, weight: object, given: str = "") -> str:
    """What is wrong with the weight `term=weight` (`given` as typed, `demand=x`), or ''; --weight says it too."""
    shown = f"'{given or f'{term}={weight}'}'"
    if term not in WEIGHT_TERMS:
        hint = did_you_mean(term, WEIGHT_TERMS) or " (e.g. demand=3)"
        return f"{shown}: the term must be {', '.join(WEIGHT_TERMS[:-1])} or {WEIGHT_TERMS[-1]}{hint}"
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not math.isfinite(weight):
        return f"{shown}: the weight must be a number (e.g. {term}=1.5)"  # float() reads nan and inf too
    if not 0 <= weight <= MAX_WEIGHT:
        return f"{shown}: the weight must be between 0 and {MAX_WEIGHT}"
    return ""


def hours_problem(hours: object) -> str:
    """What is wrong with a number of learning hours a week, or ''."""
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not math.isfinite(hours):
        return f"'{hours}' is not a number of hours"
    if not 0 < hours <= MAX_HOURS:
        return f"{hours:g} is out of range: give more than 0 and at most {MAX_HOURS} hours a week"
    if round(hours * 60) < 1:  # the schedule counts whole minutes
        return f"{hours} hours a week is less than a minute; plan at least a few hours a week"
    return ""


def _whole(value: object, low: int, high: int | None) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"'{value}' is not a whole number"
    if value < low or (high is not None and value > high):
        return f"{value} is not between {low} and {high}" if high is not None else f"{value} is less than {low}"
    return ""


def _problems(request: PlanRequest, said: Said) -> Iterable[Problem]:
    for term, weight in request.weights:
        if wrong := weight_problem(str(term), weight):
            yield Problem(f"{said('weights')} {wrong}")
    checks = (
        ("hours_per_week", request.hours_per_week, hours_problem),
        ("top", request.top, lambda v: _whole(v, 1, None)),
        ("parallel", request.parallel, lambda v: _whole(v, 1, MAX_PARALLEL)),
    )
    for name, value, check in checks:
        if value is not None and (wrong := check(value)):
            yield Problem(f"{said(name)}: {wrong}")
    for name in ("as_of", "start", "deadline"):
        value = getattr(request, name)
        if value is not None and not isinstance(value, date):
            yield Problem(
                f"{said(name)}: '{value}' is not a date; give a datetime.date (or YYYY-MM-DD on the command line)"
            )
    for period in request.closed:
        if not (isinstance(period, tuple) and len(period) == 2 and all(isinstance(d, date) for d in period)):
            yield Problem(f"{said('closed')}: '{period}' is not a period; give (first, last) dates")
        elif period[1] < period[0]:
            yield Problem(f"{said('closed')}: {period[0]}..{period[1]} ends before it starts; give the first day first")


def made_on(as_of: date | None, said: Said = flag) -> date:
    """`as_of`; else the day (UTC) of SOURCE_DATE_EPOCH, which reproducible builds set; else today."""
    if as_of is not None:
        return as_of
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    from datetime import UTC, datetime

    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    except (ValueError, OverflowError, OSError):  # the spec asks to stop on a malformed value, not guess
        raise UsageError(
            Problem(
                f"SOURCE_DATE_EPOCH '{epoch[:40]}' is not a number of seconds since 1970-01-01; "
                f"fix it, unset it, or pass {said('as_of')}"
            )
        ) from None


def plan_options(catalog: Catalog, request: PlanRequest, *, said: Said = keyword, warn: Warn | None = None) -> Options:
    """`request` checked (every problem at once, as a `UsageError`) and made the planner's `Options`.

    The first day is `start`, or the Monday after the day the plan is made (`made_on`); a deadline
    before it is an error, one so far after it that it means "no deadline" (9999-12-31) a warning.
    """
    from upskill.load.deadlines import far_deadline, far_deadline_words
    from upskill.planning.schedule import next_monday

    problems = list(_problems(request, said))
    if problems:
        raise UsageError(problems)
    start = request.start or next_monday(made_on(request.as_of, said))
    deadline = request.deadline
    if deadline is not None and deadline < start:
        raise UsageError(Problem(f"{said('deadline')} {deadline} is before the start {start}"))
    if warn is not None and far_deadline(start, deadline):  # build_plan plans it as no deadline
        warn(Problem(far_deadline_words(f"{said('deadline')} {deadline}", start), warning=True))
    return Options(
        start=start,
        deadline=deadline,
        hours_per_week=request.hours_per_week,
        top=request.top,
        weights=catalog.weights._replace(**dict(request.weights)) if request.weights else None,
        parallel=request.parallel,
        as_of=request.as_of,
        closed=tuple(request.closed),
    )


def find_role(catalog: Catalog, role: str, said: Said = keyword) -> str:
    """The id of the catalog's role `role` (an id or a name, in any case); a `UsageError` naming the closest one."""
    found = catalog.find_role(role)
    if found is None:
        raise UsageError(
            Problem(
                f"{said('role')}: unknown role '{role}'{did_you_mean(role, catalog.roles)}; see `upskill catalog roles`"
            )
        )
    return found
