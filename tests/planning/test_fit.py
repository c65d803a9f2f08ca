"""Role fit (`upskill fit`): readiness by hand on the TINY catalog, the ranking, and what comes from the plan."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import changed
from upskill.model import Assessment, Employee, Profile, Requirement, Role
from upskill.planning.fit import rank_roles, readiness
from upskill.planning.plan import Options, build_plan

START = date(2026, 11, 23)


def make(levels=None, targets=None, **employee) -> Profile:
    levels = levels or {}
    return Profile(
        employee=Employee(id="E1", name="Test", target_role="r", **employee),
        skills={s: Assessment(s, n) for s, n in levels.items()},
        targets=targets or {},
    )


def with_roles(tiny, *roles):
    return changed(tiny, roles={**tiny.roles, **{r.id: r for r in roles}})


def test_readiness_by_hand(tiny):
    # r requires top 4 (weight 2), side 2, extra 1 (weight 0.5); held: top 2, side 3; extra not listed = 0
    share, terms = readiness(make({"top": 2, "side": 3}), tiny.roles["r"], tiny)
    assert share == pytest.approx((2 * 2 + 1 * 2 + 0.5 * 0) / (2 * 4 + 1 * 2 + 0.5 * 1))
    assert [(t.skill, t.held, t.required, t.weight) for t in terms] == [
        ("extra", 0, 1, 0.5),
        ("side", 3, 2, 1.0),
        ("top", 2, 4, 2.0),
    ]


def test_a_role_fully_held_is_ready_and_has_nothing_to_close(tiny):
    fit = rank_roles(make({"top": 5, "side": 5, "extra": 5}), tiny, Options(start=START))
    (only,) = fit.ranked
    assert (only.readiness, only.hours, only.gaps, only.late_steps) == (1.0, 0, 0, 0)


def test_hours_gaps_and_late_steps_are_those_of_the_plan(tiny):
    profile = make({"top": 1}, deadline=date(2026, 12, 31), hours_per_week=2)
    (fit,) = rank_roles(profile, tiny, Options(start=START)).ranked
    plan = build_plan(profile, tiny, Options(start=START))
    # the next cycle counts too: its learning hours, and its skills as late when the deadline needs them
    hours = round(plan.summary.total_hours + sum(x.learning_hours for x in plan.later), 2)
    late = plan.summary.late_steps + plan.summary.late_next_cycle
    assert plan.later and (fit.hours, fit.gaps, fit.late_steps) == (hours, len(plan.gaps), late)
    assert fit.late_steps > 0  # prerequisites (mid, base) included, at 2 h a week


def test_personal_targets_do_not_count(tiny):
    plain = rank_roles(make({"top": 1}), tiny, Options(start=START)).ranked[0]
    targeted = rank_roles(make({"top": 1}, targets={"side": 5}), tiny, Options(start=START)).ranked[0]
    assert targeted == plain


def test_ranked_by_readiness_then_hours_then_id(tiny):
    easy = Role("easy", "Easy", (Requirement("side", 2),))
    same_but_longer = Role("long", "Long", (Requirement("base", 2),))
    same_again = Role("again", "Again", (Requirement("side", 2),))
    catalog = with_roles(tiny, easy, same_but_longer, same_again)
    fit = rank_roles(make({"side": 1, "base": 1, "top": 4, "extra": 1}), catalog, Options(start=START))
    ids = [f.role.id for f in fit.ranked]
    assert ids[0] == "r"  # (4x2 + 1 + 0.5) / 10.5
    assert ids[1:] == ["again", "easy", "long"]  # all 50%; side closes in fewer hours than base; then by id
    assert fit.roles == 4
    top = rank_roles(make({"side": 1, "base": 1, "top": 4, "extra": 1}), catalog, Options(start=START), top=2)
    assert [f.role.id for f in top.ranked] == ids[:2] and top.roles == 4


def test_sources_are_the_citations_of_the_shown_roles_skills(tiny):
    fit = rank_roles(make(), tiny, Options(start=START))
    assert [s.id for s in fit.sources] == ["s1"]
