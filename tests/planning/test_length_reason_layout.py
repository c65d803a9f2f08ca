"""The plan's length reason read off its own layout when no week of it took the whole budget (issue 29,
sixth session): that layout is then the unlimited one, so `unlimited_end` would end where it ends. The
same reason as the walk gives, for layouts of every shape and for whole plans of generated profiles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import generated_profiles
from tests.planning.test_tracks import steps
from upskill.load.catalog import load_catalog
from upskill.planning import plan as plan_module
from upskill.planning.closed import Calendar
from upskill.planning.cycle import length_reason
from upskill.planning.plan import Options, build_plan
from upskill.planning.tracks import MAX_WEEKS, lay_out, unlimited_end

ROOT = Path(__file__).resolve().parents[2]


@settings(max_examples=400, deadline=None)
@given(
    work=steps(),
    budget=st.one_of(st.integers(1, 90), st.integers(60, 4800)),
    parallel=st.integers(min_value=1, max_value=4),
    closed=st.sampled_from([(), (2,), (1, 5, 6, 30)]),
)
def test_a_layout_that_never_took_the_whole_budget_ends_where_the_unlimited_one_does(work, budget, parallel, closed):
    try:
        timeline = lay_out(work, budget, parallel)
    except OverflowError:
        return
    load = timeline.load
    if load and max(load) < budget:
        assert unlimited_end(work, parallel, MAX_WEEKS) == len(load)
        assert unlimited_end(work, parallel, len(load) - 1) is None
    calendar = Calendar(closed)
    weeks = calendar.week(max((p.last_week for p in timeline.placed), default=0))
    assert length_reason(work, parallel, weeks, calendar, 3.0, load, budget) == length_reason(
        work, parallel, weeks, calendar, 3.0
    )


@pytest.mark.slow
@pytest.mark.parametrize("closed", [(), ((date(2027, 3, 1), date(2027, 3, 14)),)])
def test_whole_plans_give_the_reason_the_walk_gives(closed, monkeypatch):
    catalog = load_catalog(["default"])
    options = Options(start=date(2027, 1, 4), as_of=date(2027, 1, 1), closed=closed)
    profiles = generated_profiles(catalog, 120, options.as_of)
    read_off = [build_plan(p, catalog, options).summary.length_reason for p in profiles]
    monkeypatch.setattr(plan_module, "length_reason", lambda *args: length_reason(*args[:5]))  # always the walk
    walked = [build_plan(p, catalog, options).summary.length_reason for p in profiles]
    assert read_off == walked
    assert sum(r.startswith("More learning time") for r in read_off) >= 20
