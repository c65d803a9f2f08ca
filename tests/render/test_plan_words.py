"""A plan speaks to a person (issue 25, part 5): no command-line flags in its text ("--top N"
was in 20 of 39 plans), names as the catalog writes them ("Human oversight of AI output", not
"human oversight of ai output", and never the id "ai-modelling"), "All 3 steps" rather than "Most
steps (3 of 3)". Checked on every golden plan and on plans of generated profiles in every format."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT
from tests.planning.test_properties import START, Bundled, plan_options, profiles
from upskill.api import render_plan
from upskill.planning.plan import build_plan

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
ALL_OF = re.compile(r"Most steps \((\d+) of (\d+)\)")
GOLDEN_PLANS = sorted((ROOT / "tests" / "golden" / "plan").iterdir())


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _problems(text: str, catalog) -> list[str]:
    found = FLAG.findall(text)
    found += [f"{a} of {b}" for a, b in ALL_OF.findall(text) if a == b]
    prose = text
    for role in catalog.roles.values():  # "Machine-learning / deep-learning engineer" is a name
        prose = prose.replace(role.name, "")
    for skill in catalog.skills.values():
        name = skill.name
        if name[1:] != name[1:].lower() and name.lower() in text:  # "AI", "ICT": lower-cased somewhere
            found.append(name.lower())
        if "-" in skill.id and re.search(rf"(?<![\w`\"'/.:-]){re.escape(skill.id)}(?![\w`\"'-])", prose):
            found.append(skill.id)  # an id where a name belongs ("prerequisite for ai-modelling")
    return found


@pytest.mark.parametrize("path", GOLDEN_PLANS, ids=lambda p: p.name)
def test_no_golden_plan_has_a_flag_or_a_lower_cased_name(catalog, path):
    assert _problems(path.read_text(encoding="utf-8"), catalog) == []


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(data=st.data(), fmt=st.sampled_from(["markdown", "html", "table", "json", "ics"]))
def test_no_generated_plan_has_a_flag_or_a_lower_cased_name(bundled, data, fmt):
    profile = data.draw(profiles(bundled), label="profile")
    days = data.draw(st.integers(min_value=7, max_value=500), label="days to the deadline")
    profile = profile._replace(employee=profile.employee._replace(deadline=START + timedelta(days=days)))
    plan = build_plan(profile, bundled.catalog, data.draw(plan_options(), label="options"))
    assert _problems(render_plan(plan, bundled.catalog, fmt), bundled.catalog) == []
