"""Deadline advice in the order a professional gives it (issue 25, part 1).

More time first (up to the realistic maximum, or the budget the employee already has), then more
skills side by side, then a narrower scope, and only then outside help: for work the target role
requires, never a hire for a personal target or a prerequisite. The sentences agree with each
other and with the figures.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import EXAMPLES
from tests.planning.test_properties import Bundled, plan_options, profiles
from upskill.api import read_profile
from upskill.planning.deadline import role_required
from upskill.planning.plan import Options, build_plan

MONDAY = date(2026, 11, 23)
HIRES = {"specialist", "coach"}
ORDER = ("More learning time", "More skills side by side", "Nor would more skills", "A narrower scope")


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _check_advice(plan) -> None:
    """Every rule of part 1 that the plan alone shows."""
    reasons = {g.skill: g for g in plan.gaps}
    for bridge in plan.bridges:
        if bridge.kind in HIRES:  # a hire only ever for the role's own work
            assert role_required(reasons[bridge.skill]), (bridge, reasons[bridge.skill].reason)
    text = list(plan.warnings)
    joined = " ".join(text)
    assert "help above" not in joined and "--" not in joined
    if plan.summary.needed_hours_per_week is not None or "More skills side by side would" in joined:
        assert plan.bridges == ()  # more time or more skills side by side meets it: no outside help
        assert "A narrower scope" not in joined
    slipping = {int(w.split("(step ")[1].split(")")[0]) for w in text if "a short slip" in w}
    assert not slipping & {b.step for b in plan.bridges}  # a short slip is never bridged
    found = [
        next(i for i, w in enumerate(text) if w.startswith(lead))
        for lead in ORDER
        if any(w.startswith(lead) for w in text)
    ]
    assert found == sorted(found)  # the options in order
    if "More learning time alone is not enough" in joined or "not on offer" in joined:
        assert plan.summary.needed_hours_per_week is None
    assert all(a != b for a, b in re.findall(r"Most steps \((\d+) of (\d+)\)", joined))  # "All N steps" instead


@pytest.mark.slow
@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_deadline_advice_follows_the_order_and_hires_only_for_the_role(bundled, data):
    profile = data.draw(profiles(bundled), label="profile")
    days = data.draw(st.integers(min_value=7, max_value=400), label="days to the deadline")
    employee = profile.employee._replace(deadline=MONDAY + timedelta(days=days))
    options = data.draw(plan_options(), label="options")
    _check_advice(build_plan(profile._replace(employee=employee), bundled.catalog, options))


@pytest.mark.parametrize("hours", [1, 3, 8, 40])
@pytest.mark.parametrize("deadline", [date(2027, 2, 1), date(2027, 3, 31), date(2027, 6, 30)])
@pytest.mark.parametrize("name", ["ana-ruiz", "kwame-mensah", "priya-raman", "sofia-lindqvist", "yusuf-demir"])
def test_the_examples_follow_the_order(catalog, name, hours, deadline):
    profile = read_profile(EXAMPLES / f"{name}.yaml", catalog)
    plan = build_plan(profile, catalog, Options(start=MONDAY, deadline=deadline, hours_per_week=hours))
    _check_advice(plan)


def test_kwame_is_told_four_skills_side_by_side_not_a_contractor(catalog):
    """Kwame at 3 h a week: more time alone does not do it, four skills side by side does; no
    contractor for data quality analysis, which is only his personal target."""
    profile = read_profile(EXAMPLES / "kwame-mensah.yaml", catalog)
    plan = build_plan(profile, catalog, Options(start=MONDAY))
    joined = " ".join(plan.warnings)
    assert "More skills side by side would" in joined
    assert not any(b.kind in HIRES for b in plan.bridges)
    assert not any(b.skill == "data-quality-analysis" for b in plan.bridges)
    side = int(re.findall(r"with (\d+) skills at a time", joined)[0])
    wider = build_plan(profile, catalog, Options(start=MONDAY, parallel=side))
    assert all(not s.late for s in wider.steps)  # the figure holds: every step of this cycle in time


def test_forty_hours_a_week_is_not_told_eight_is_the_most(catalog):
    profile = read_profile(EXAMPLES / "yusuf-demir.yaml", catalog)
    plan = build_plan(profile, catalog, Options(start=MONDAY, deadline=date(2027, 2, 1), hours_per_week=40))
    joined = " ".join(plan.warnings)
    assert "Even at 8" not in joined and "even at 8" not in joined
    assert "your 40 h a week is already" in joined
    prerequisites = {g.skill for g in plan.gaps if not role_required(g)}
    assert not any(b.skill in prerequisites and b.kind in HIRES for b in plan.bridges)
