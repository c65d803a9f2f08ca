"""The roster read from a batch's member store keeps each learner's id and name on its first read (issue 29).

The shares (each mentor's and mentee's id and name) and the team report's lists (each session's members,
each pair's ids) then come from those, not from reading every learner back again: they must be what reading
the learners again gives.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import Bundled
from tests.planning.test_sessions import START, plan_roster, rosters
from upskill.batch.roster import StoredLearners, schedule_store, with_schedule
from upskill.batch.store import MemberStore
from upskill.planning.attend import assignments, plain
from upskill.planning.members import SkillIndex, summarize
from upskill.planning.roster_report import roster_report
from upskill.planning.team import TeamSettings, build_team


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_shares_and_lists_from_the_kept_names_are_those_of_another_read(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    cohort_max = data.draw(st.integers(min_value=1, max_value=6), label="cohort_max")
    plans, learners, found = plan_roster(catalog, people, [""] * len(people), cohort_max)
    store = MemberStore()
    index = SkillIndex(catalog)
    for profile, plan, learner in zip(people, plans, learners, strict=True):
        store.append(summarize(profile, plan, index), profile.employee.id, *plain(learner), b"")
    roster = schedule_store(store, catalog.planning, cohort_max, START, shares=True)
    assert isinstance(roster.learners, StoredLearners) and roster.learners.names is not None
    assert list(roster.shares) == list(assignments(found, learners, START))
    names = {skill: entry.name for skill, entry in catalog.skills.items()}
    team = TeamSettings(cohort_max=cohort_max, min_group=1)
    report = roster_report(found, learners, names, START, team.min_group, team.cohort_max, team.cohort_min)
    shown = with_schedule(build_team(store, catalog, team, []), roster, catalog, team, START)
    assert shown.roster == report
