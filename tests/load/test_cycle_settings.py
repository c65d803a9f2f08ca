"""The planning settings of one cycle: horizon_weeks (which replaced long_plan_weeks),
max_levels_per_cycle and max_job_hours_per_week, with their defaults and their checks."""

from __future__ import annotations

import pytest

from tests.helpers import TINY, write_file
from upskill.errors import UpskillError
from upskill.load.catalog import load_catalog
from upskill.model import Planning


def test_the_defaults_are_those_docs_planning_md_gives():
    planning = Planning()
    assert (planning.horizon_weeks, planning.max_levels_per_cycle, planning.max_job_hours_per_week) == (52, 2, 10.0)


def test_a_catalog_sets_them_and_long_plan_weeks_still_reads_as_the_horizon(tmp_path):
    path = write_file(
        tmp_path, "a.yaml", TINY + "planning: {horizon_weeks: 26, max_levels_per_cycle: 3, max_job_hours_per_week: 6}\n"
    )
    planning = load_catalog([path]).planning
    assert (planning.horizon_weeks, planning.max_levels_per_cycle, planning.max_job_hours_per_week) == (26, 3, 6)
    old = write_file(tmp_path, "b.yaml", TINY + "planning: {long_plan_weeks: 40}\n")
    assert load_catalog([old]).planning.horizon_weeks == 40


@pytest.mark.parametrize(
    "block,message",
    [
        ("{horizon_weeks: 2}", "between 4 and 520"),
        ("{max_levels_per_cycle: 0}", "between 1 and 10"),
        ("{max_levels_per_cycle: 1.5}", "whole number"),
        ("{max_job_hours_per_week: 0}", "between 0.5 and 40"),
        ("{horizon_week: 26}", "did you mean 'horizon_weeks'"),
    ],
)
def test_bad_cycle_settings_are_located_errors(tmp_path, block, message):
    path = write_file(tmp_path, "c.yaml", TINY + f"planning: {block}\n")
    with pytest.raises(UpskillError) as caught:
        load_catalog([path])
    problems = [str(p) for p in caught.value.problems]
    assert any(message in p for p in problems), problems
    assert all(p.startswith(f"{path}:") for p in problems)
