"""The team report's session and mentor tables, made as whole Markdown lines (issue 29), are what the
template's cell-by-cell rows gave: ids that need escaping, sessions listed and not, hours grouped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import Bundled
from tests.planning.test_sessions import START, plan_roster, rosters
from upskill.batch.roster import schedule_store, with_schedule
from upskill.batch.store import MemberStore
from upskill.planning.attend import plain
from upskill.planning.members import SkillIndex, summarize
from upskill.planning.team import TeamSettings, build_team
from upskill.render.jinja import _environment
from upskill.render.team import _Labels, _mentor_rows, _session_rows
from upskill.render.team_common import hours_grouped

# The rows as templates/team.md.j2 wrote them before
_OLD = (
    "{% for s in roster.sessions %}\n"
    '| {{ s.id }} | {{ s.name | cell }} | {{ s.activity | cell }} | {{ s.start }} to {{ s.end }} | {{ s.size }} | {% if s.members %}{{ s.members | map("cell") | join(", ") }}{% elif s.size < k %}fewer than {{ k }}: not listed{% else %}not listed{% endif %} |\n'  # noqa: E501
    "{% endfor %}\n"
    "{% for m in roster.mentoring %}\n"
    "| {{ m.mentor | cell }} | {{ m.learner | cell }} | {{ m.name | cell }} | {{ hours(m.hours_per_week) }} | {{ m.start }} to {{ m.end }} |\n"  # noqa: E501
    "{% endfor %}\n"
)


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_the_roster_rows_are_those_the_template_wrote(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    # ids that Markdown must escape
    people = [p._replace(employee=p.employee._replace(id=f"E|{i}_*x")) for i, p in enumerate(people)]
    cohort_max = data.draw(st.integers(min_value=1, max_value=6), label="cohort_max")
    min_group = data.draw(st.integers(min_value=1, max_value=4), label="min_group")
    plans, learners, _ = plan_roster(catalog, people, [""] * len(people), cohort_max)
    store = MemberStore()
    index = SkillIndex(catalog)
    for profile, plan, learner in zip(people, plans, learners, strict=True):
        store.append(summarize(profile, plan, index), profile.employee.id, *plain(learner), b"")
    roster = schedule_store(store, catalog.planning, cohort_max, START, shares=False)
    team = TeamSettings(cohort_max=cohort_max, min_group=min_group)
    report = with_schedule(build_team(store, catalog, team, []), roster, catalog, team, START)
    old = _environment(False).from_string(_OLD).render(roster=report.roster, k=min_group, hours=hours_grouped)
    labels = _Labels()
    assert "".join([*_session_rows(report, labels), *_mentor_rows(report, labels)]) == old
