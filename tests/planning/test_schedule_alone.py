"""build_plan(advice=False), the schedule alone, leaves out what only a plan's own text shows (each
step's "done when", the mix, the order reason, the skills already met, the demand sources; issue 29,
fourth session): what a team report and a role fit read of it is what they read of the whole plan,
on generated profiles (40% with deadlines), with closed weeks and without."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import generated_profiles
from upskill.load.catalog import load_catalog
from upskill.planning.attend import learner_of
from upskill.planning.members import SkillIndex, summarize
from upskill.planning.plan import Options, build_plan

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize("closed", [(), ((date(2027, 3, 1), date(2027, 3, 14)),)])
def test_the_team_report_and_the_fit_read_the_same_of_the_schedule_alone_as_of_the_whole_plan(closed):
    catalog = load_catalog(["default"])
    index = SkillIndex(catalog)
    options = Options(start=date(2027, 1, 4), as_of=date(2027, 1, 1), closed=closed)
    profiles = generated_profiles(catalog, 120, options.as_of)
    for profile in profiles:
        whole = build_plan(profile, catalog, options)
        alone = build_plan(profile, catalog, options, advice=False)
        # what `upskill team` keeps of each plan, and the roster's schedule reads
        assert summarize(profile, alone, index, "") == summarize(profile, whole, index, "")
        planning = catalog.planning
        assert learner_of(alone, profile, planning, "x", "g") == learner_of(whole, profile, planning, "x", "g")
        # what fit reads, and the schedule itself: the same
        assert alone.gaps == whole.gaps and alone.later == whole.later
        assert alone.not_planned == whole.not_planned
        same = ("total_hours", "weeks", "late_steps", "late_next_cycle", "load", "completion", "budget_use")
        assert [getattr(alone.summary, f) for f in same] == [getattr(whole.summary, f) for f in same]
        assert [s._replace(done_when="") for s in whole.steps] == list(alone.steps)
        # what only the plan's text shows is left at its default
        assert alone.summary.mix == (0.0, 0.0, 0.0) and alone.summary.order_reason == ""
        assert alone.met == () and alone.met_flags == () and alone.sources == () and alone.bridges == ()
        assert alone.checkins == () and alone.warnings == ()
