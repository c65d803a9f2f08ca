"""build_plan and checkins read their steps' and gaps' fields by map in C (issue 29, fourth session):
the figures, the order of the steps and the check-ins are those the plain comprehensions they
replaced give, on generated profiles (40% with deadlines), with closed weeks and without."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import generated_profiles
from upskill.load.catalog import load_catalog
from upskill.model import Plan, Step
from upskill.planning.checkins import _buckets, checkin_weeks
from upskill.planning.memo import hundredths
from upskill.planning.plan import Options, build_plan, mix
from upskill.planning.schedule import week_end

ROOT = Path(__file__).resolve().parents[2]


def old_checkins(steps: tuple[Step, ...], start: date, every: int, calendar, deadline, talk) -> tuple:
    """planning/checkins.checkins as main f1f20c7 wrote it (comprehensions over the steps)."""
    from upskill.planning import checkins as module

    if not steps:
        return ()
    last = max(s.last_week for s in steps)
    due_week = (deadline - start).days // 7 + 1 if deadline is not None and deadline >= start else 0
    kickoff = [1] if talk and last > 1 else []
    weeks = [*kickoff, *checkin_weeks(last, every, due_week)]
    weeks = sorted({calendar.next_open(w) for w in weeks} if calendar.closed else set(weeks))
    by_number = {s.number: s for s in steps}
    late = {s.number for s in steps if s.late}
    ended_at, running_at = _buckets(steps, weeks)
    ended_at, running_at = [tuple(e) for e in ended_at], [tuple(r) for r in running_at]
    out = []
    previous = None
    for week, ended, running in zip(weeks, ended_at, running_at, strict=True):
        agenda = module._agenda(ended, running, by_number, late, previous, week == due_week, deadline)
        if previous is None and talk:
            agenda = (*agenda[:-1], *talk, agenda[-1])
        checkin = module.Checkin(week_end(start, week), week, ended, running, agenda)
        out.append(checkin)
        previous = checkin
    return tuple(out)


def _plans(closed: tuple[tuple[date, date], ...]) -> list[tuple[Plan, object]]:
    catalog = load_catalog(["default"])
    options = Options(start=date(2027, 1, 4), as_of=date(2027, 1, 1), closed=closed)
    return [
        (build_plan(profile, catalog, options), catalog) for profile in generated_profiles(catalog, 120, options.as_of)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("closed", [(), ((date(2027, 3, 1), date(2027, 3, 14)),)])
def test_the_figures_order_and_checkins_are_those_of_the_plain_comprehensions(closed):
    from upskill.planning.closed import Calendar, closed_weeks

    start = date(2027, 1, 4)
    calendar = Calendar(closed_weeks(start, closed))
    for plan, catalog in _plans(closed):
        steps, summary = plan.steps, plan.summary
        assert summary.total_hours == hundredths(sum([s.hours for s in steps]))
        assert summary.weeks == max((s.last_week for s in steps), default=0)
        assert summary.activity_hours == hundredths(sum([s.activity_hours for s in steps]))
        assert summary.mix == mix([r for s in steps for r in s.activities])
        talk = tuple(a for c in plan.checkins[:1] for a in c.agenda if a.startswith("Agree the level"))
        assert plan.checkins == old_checkins(
            steps, start, catalog.planning.checkin_weeks, calendar, summary.deadline, talk
        )


@pytest.mark.slow
@given(st.lists(st.integers(1, 8), max_size=12))
def test_steps_ordered_by_a_stable_sort_on_the_first_week_are_ordered_as_by_first_week_then_index(firsts):
    """build_plan's `by_start`: the stable sort by first week alone is the sort by (first week, index)."""
    n = len(firsts)
    assert sorted(range(n), key=firsts.__getitem__) == sorted(range(n), key=lambda i: (firsts[i], i))
