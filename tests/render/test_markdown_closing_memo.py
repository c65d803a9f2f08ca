"""The next cycle's lines and the sources of the demand figures, found again by key across a batch (issue 29):
the same lines as made anew (`later_lines`, `_evidence_item`: the paths they replace), the first time and when
found again, for any plan."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import Bundled, draw_plan
from upskill.model import Catalog, Plan
from upskill.render.ask import later_lines
from upskill.render.escape import md_text
from upskill.render.markdown import _levels, _next_cycle
from upskill.render.markdown_steps import _evidence_item, evidence_lines


def _anew(plan: Plan, catalog: Catalog) -> tuple[list[str], list[str]]:
    level = _levels(plan.scale).__getitem__
    later = ["", "## Next cycle", "", "Planned when this cycle ends, from the levels you reach in it:", ""]
    later = [*later, *(f"- {line}" for line in later_lines(plan, level, md_text))] if plan.later else []
    evidence = [_evidence_item(s.skill, s.name, catalog) for s in plan.steps]
    return later, [line for line in evidence if line]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_found_lines_are_the_lines_made_anew(catalog, data):
    _, _, plan = draw_plan(Bundled(catalog), data)
    level = _levels(plan.scale).__getitem__
    expected = _anew(plan, catalog)
    for _ in range(2):  # made, then found
        assert (_next_cycle(plan, level), evidence_lines(plan, catalog)) == expected
