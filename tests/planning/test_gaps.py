"""upskill.planning.gaps: which skills are gaps, their priorities (numbers computed by hand from the TINY catalog
in conftest.py), prerequisites that become gaps, and the learning order."""

from __future__ import annotations

import pytest

from tests.helpers import changed
from upskill.model import Assessment, Employee, Profile, Weights
from upskill.planning.gaps import find_gaps, learning_order, with_prerequisites


def make(levels=None, targets=None, role="r") -> Profile:
    levels = levels or {}
    return Profile(
        employee=Employee(id="E1", name="Test Person", target_role=role),
        skills={s: Assessment(s, level) for s, level in levels.items()},
        targets=dict(targets or {}),
    )


def by_skill(gaps):
    return {g.skill: g for g in gaps}


# Profile used throughout: top 1, mid 1, side 2 (meets the role), base and extra unassessed.
LEVELS = {"top": 1, "mid": 1, "side": 2}


def test_priorities_by_hand(tiny):
    gaps = find_gaps(make(LEVELS), tiny.roles["r"], tiny)
    # priority = 2 x weight x gap + 1 x demand + 0.5 x unlocks
    expected = {
        "top": (1, 4, 2.0, 13.0),  # 2 x 2 x 3 + 1.0 + 0
        "mid": (1, 3, 1.0, 5.3),  # 2 x 1 x 2 + 0.8 + 0.5 x 1: prerequisite of top at 3
        "base": (0, 2, 1.0, 5.0),  # 2 x 1 x 2 + 0.5 + 0.5 x 1: prerequisite of mid at 2, not assessed = 0
        "extra": (0, 1, 0.5, 1.2),  # 2 x 0.5 x 1 + 0.2 + 0
    }
    assert {g.skill: (g.current, g.target, g.weight, g.priority) for g in gaps} == expected
    assert [g.skill for g in gaps] == ["top", "mid", "base", "extra"]  # highest priority first


def test_terms_add_up_to_the_priority(tiny):
    for gap in find_gaps(make(LEVELS), tiny.roles["r"], tiny):
        terms = gap.gap_term + gap.demand_term + gap.unlocks_term
        assert gap.priority == pytest.approx(terms, abs=0.005)
        assert gap.gap_term == pytest.approx(2 * gap.weight * gap.size)
        assert gap.size == gap.target - gap.current


def test_unlocks_and_reasons(tiny):
    gaps = by_skill(find_gaps(make(LEVELS), tiny.roles["r"], tiny))
    assert (gaps["mid"].unlocks, gaps["base"].unlocks, gaps["top"].unlocks) == (1, 1, 0)
    assert gaps["top"].reason == "role"
    assert gaps["mid"].reason == "prerequisite of Top"  # the name, as the catalog writes it
    assert gaps["base"].reason == "prerequisite of Mid"


def test_met_skill_is_not_a_gap(tiny):
    assert "side" not in by_skill(find_gaps(make(LEVELS), tiny.roles["r"], tiny))
    assert "side" in by_skill(find_gaps(make({**LEVELS, "side": 1}), tiny.roles["r"], tiny))


def test_above_target_is_not_a_gap(tiny):
    gaps = by_skill(find_gaps(make({"top": 5, "side": 5, "extra": 5}), tiny.roles["r"], tiny))
    assert gaps == {}


def test_prerequisite_at_its_level_is_not_a_gap(tiny):
    gaps = by_skill(find_gaps(make({"top": 1, "mid": 3}), tiny.roles["r"], tiny))
    assert "mid" not in gaps
    assert "base" not in gaps  # mid is not being learned, so its own prerequisite is not needed


def test_prerequisite_chain_is_followed(tiny):
    gaps = by_skill(find_gaps(make({"side": 2}), tiny.roles["r"], tiny))
    assert {s: gaps[s].target for s in ("top", "mid", "base")} == {"top": 4, "mid": 3, "base": 2}


def test_prerequisite_raises_a_lower_role_target(tiny):
    role = changed(
        tiny.roles["r"],
        requires=(*tiny.roles["r"].requires, changed(tiny.roles["r"].requires[0], skill="mid", level=1, weight=1.5)),
    )
    gap = by_skill(find_gaps(make({**LEVELS, "mid": 0}), role, tiny))["mid"]
    assert gap.target == 3  # the prerequisite needs more than the role asks
    assert gap.weight == 1.5  # and keeps the role's weight
    assert gap.reason == "role; prerequisite of Top"


def test_personal_target_overrides_and_adds(tiny):
    gaps = by_skill(find_gaps(make(LEVELS, targets={"top": 2, "side": 4}), tiny.roles["r"], tiny))
    assert (gaps["top"].target, gaps["top"].weight, gaps["top"].reason) == (2, 2.0, "personal target")
    assert (gaps["side"].target, gaps["side"].weight, gaps["side"].reason) == (4, 1.0, "personal target")
    assert gaps["mid"].target == 3  # learning top at all needs mid at 3


def test_personal_target_for_a_skill_the_role_does_not_need(tiny):
    gaps = by_skill(find_gaps(make({"top": 4, "side": 2, "extra": 1}, targets={"base": 3}), tiny.roles["r"], tiny))
    assert list(gaps) == ["base"]
    assert (gaps["base"].target, gaps["base"].weight, gaps["base"].reason) == (3, 1.0, "personal target")


def test_custom_weights(tiny):
    gaps = by_skill(find_gaps(make(LEVELS), tiny.roles["r"], tiny, Weights(gap=0, demand=0, unlocks=1)))
    assert {s: g.priority for s, g in gaps.items()} == {"top": 0.0, "mid": 1.0, "base": 1.0, "extra": 0.0}
    gaps = by_skill(find_gaps(make(LEVELS), tiny.roles["r"], tiny, Weights(gap=1, demand=0, unlocks=0)))
    assert {s: g.priority for s, g in gaps.items()} == {
        "top": 6.0,
        "mid": 2.0,
        "base": 2.0,
        "extra": 0.5,
    }  # weight x gap


def test_catalog_weights_are_the_default(tiny):
    custom = changed(tiny, weights=Weights(gap=0, demand=1, unlocks=0))
    assert by_skill(find_gaps(make(LEVELS), custom.roles["r"], custom))["top"].priority == 1.0  # demand alone


def test_ties_break_by_weight_then_skill_id(tiny):
    gaps = find_gaps(make(LEVELS), tiny.roles["r"], tiny, Weights(gap=0, demand=0, unlocks=0))
    assert [g.skill for g in gaps] == ["top", "base", "mid", "extra"]  # weights 2, 1, 1, 0.5


def test_learning_order_puts_prerequisites_first(tiny):
    gaps = find_gaps(make(LEVELS), tiny.roles["r"], tiny)
    assert [g.skill for g in learning_order(gaps)] == ["base", "mid", "top", "extra"]


def test_learning_order_takes_the_highest_ready_gap(tiny):
    # top ranks first but waits for its prerequisites; extra is ready and outranks base, so it goes first
    gaps = find_gaps(make(LEVELS, targets={"extra": 5}), tiny.roles["r"], tiny, Weights(gap=1, demand=0, unlocks=0))
    assert {g.skill: g.priority for g in gaps} == {"top": 6.0, "extra": 2.5, "mid": 2.0, "base": 2.0}
    assert [g.skill for g in learning_order(gaps)] == ["extra", "base", "mid", "top"]


def test_learning_order_of_nothing(tiny):
    assert learning_order(()) == ()


def test_with_prerequisites_adds_the_chain(tiny):
    gaps = find_gaps(make(LEVELS), tiny.roles["r"], tiny)
    top = [g for g in gaps if g.skill == "top"]
    assert [g.skill for g in with_prerequisites(top, gaps)] == ["top", "mid", "base"]
    extra = [g for g in gaps if g.skill == "extra"]
    assert [g.skill for g in with_prerequisites(extra, gaps)] == ["extra"]
    assert with_prerequisites([], gaps) == ()


def test_default_catalog_gaps_for_an_example(catalog):
    """Ana Ruiz (examples/ana-ruiz.yaml), by hand: content creation 3 -> 4 at weight 2; human
    oversight of AI output, which her profile does not list, from an assumed 0 to 3."""
    ana = make(
        {
            "prompt-engineering": 2,
            "communication": 4,
            "content-creation": 3,
            "ai-workflow-integration": 1,
            "critical-thinking": 2,
            "collaboration": 3,
            "time-management": 3,
            "data-quality-analysis": 1,
        },
        role="ai-content-strategist",
    )
    gaps = find_gaps(ana, catalog.roles["ai-content-strategist"], catalog)
    demand = {g.skill: catalog.skills[g.skill].demand.score for g in gaps}
    # 2 x weight x gap + demand: oversight 2 x 1 x 3, workflow 2 x 1 x 2, content 2 x 2 x 1,
    # prompts 2 x 1.5 x 1, thinking 2 x 1 x 1
    assert [(g.skill, g.priority) for g in gaps] == [
        ("ai-output-oversight", round(6 + demand["ai-output-oversight"], 2)),
        # a tie (both demands 0.85): the role-critical skill (weight 2) first
        ("content-creation", round(4 + demand["content-creation"], 2)),
        ("ai-workflow-integration", round(4 + demand["ai-workflow-integration"], 2)),
        ("prompt-engineering", round(3 + demand["prompt-engineering"], 2)),
        ("critical-thinking", round(2 + demand["critical-thinking"], 2)),
    ]
