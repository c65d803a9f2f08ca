"""build_plan's parts outside the layouts, made faster in issue 29's third round, against the plain
computation they replace: a plan shows every one of these figures, so they must agree exactly."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.load.catalog import load_catalog
from upskill.model import Resource
from upskill.planning.closed import Calendar
from upskill.planning.cycle import _placements, placements

CATALOG = load_catalog(["default"])
SKILLS = [s for s in CATALOG.skills.values() if len(s.resources) >= 2]


@settings(max_examples=60)
@given(
    st.sampled_from(SKILLS),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(1, 6),
    st.integers(0, 12),
    st.sampled_from([(), (3,), (2, 3, 9)]),
)
def test_placements_of_equal_activities_in_new_tuples_are_those_worked_out_afresh(
    skill, count, current, first, length, closed
):
    """enrich.py's choices come as new tuples equal to ones placed before: found again by equality,
    the placements are what working them out afresh gives."""
    activities = tuple(skill.resources[:count])
    start, calendar, planning = date(2027, 1, 4), Calendar(closed), CATALOG.planning
    expected = _placements(activities, current, first, first + length, calendar, start, planning, 2)
    for acts in (activities, tuple(Resource(*r) for r in activities), tuple(list(activities))):
        assert placements(acts, current, first, first + length, calendar, start, planning, 2) == expected
