"""A step's "done when" and a choice's titles are found by the identity of its activities (issue 29,
fourth session): the same as worked out afresh from the activities, for the catalog's tuples
found again and for equal tuples that are new objects."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.load.catalog import load_catalog
from upskill.planning.choices import _titles_of
from upskill.planning.evidence import done_when

CATALOG = load_catalog(["default"])
RESOURCES = [r for s in CATALOG.skills.values() for r in s.resources]
SKILLS = sorted(CATALOG.skills)


def plain_done_when(skill: str, level: int, activities: tuple) -> str:
    """evidence.done_when as main f1f20c7 wrote it."""
    entry = CATALOG.skills[skill]
    own = entry.evidence[level] if level < len(entry.evidence) else ""
    if own:
        return own
    shown = "; then ".join([r.evidence for r in activities if r.kind == "experience" and r.evidence])
    if shown:
        return shown
    name = CATALOG.scale.name(level)
    return CATALOG.planning.evidence_for(name) or f"your manager agrees, from your work, that you are at {name} level"


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    picks=st.lists(st.integers(0, len(RESOURCES) - 1), max_size=6),
    skill=st.sampled_from(SKILLS),
    level=st.integers(0, 6),
)
def test_done_when_and_titles_are_those_worked_out_afresh(picks, skill, level):
    activities = tuple(RESOURCES[k] for k in picks)
    # the same tuple twice (found again), then an equal one that is a new object
    for acts in (activities, activities, tuple(list(activities))):
        assert done_when(CATALOG, skill, level, acts) == plain_done_when(skill, level, acts)
        assert _titles_of(acts) == frozenset({r.title for r in acts})
