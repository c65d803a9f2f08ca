"""enrich.py works a plan's mix out once and adds each resource's hours to its kind (issue 29), rather
than summing every activity again after each resource added. Only hours that are whole numbers of
1/1024 h are added that way (their sums are exact, so the order does not matter); the mix and the
reason line must be the ones summing again in the activities' new order gives, to the last bit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import Bundled, draw_plan
from upskill.model import KINDS, Resource
from upskill.planning import enrich as enrich_module
from upskill.planning.enrich import _kind_hours, _shares_of, _why, _with_hours, shares
from upskill.planning.plan import build_plan
from upskill.planning.schedule import Choice

hours = st.one_of(
    st.integers(0, 200).map(float),
    st.integers(0, 4000).map(lambda q: q / 4),
    st.integers(0, 10**6).map(lambda q: q / 1024),
    st.floats(0, 500, allow_nan=False),
    st.sampled_from([0.1, 0.2, 1 / 3, 2.0**31, 1e300]),
)
resources = st.builds(
    lambda kind, h, n: Resource(f"{kind}-{h}-{n}", kind, h, 0, 1), st.sampled_from(KINDS), hours, st.integers(0, 9)
)


def _choices(draw, count: int) -> list[Choice]:
    out = []
    for _ in range(count):
        activities = tuple(draw(st.lists(resources, max_size=6)))
        out.append(Choice(activities, 0, sum(r.hours for r in activities)))
    return out


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_hours_added_one_by_one_are_the_activities_summed_again(data):
    choices = _choices(data.draw, data.draw(st.integers(0, 8)))
    used, kinds = _kind_hours(choices)
    assert used == {r.title for c in choices for r in c.activities}
    for _ in range(data.draw(st.integers(0, 4))):
        if not choices:
            break
        i = data.draw(st.integers(0, len(choices) - 1))
        r = data.draw(resources)
        position = data.draw(st.integers(0, len(choices[i].activities)))  # enrich sorts it in somewhere
        activities = (*choices[i].activities[:position], r, *choices[i].activities[position:])
        choices[i] = Choice(activities, 0, choices[i].hours + r.hours)
        kinds = _with_hours(kinds, r)
    everything = [r for c in choices for r in c.activities]
    if kinds is not None:
        assert _shares_of(kinds) == shares(everything)
        assert sum(kinds) == sum(r.hours for r in everything)
    target = dict(zip(KINDS, (0.7, 0.2, 0.1), strict=True))
    longer = set(data.draw(st.lists(st.sampled_from(KINDS), max_size=2)))
    assert _why(choices, target, longer, 240, kinds) == _why(choices, target, longer, 240, None)


def test_hours_that_are_not_exact_are_summed_again():
    exact = Choice((Resource("a", "social", 1.5, 0, 1), Resource("b", "formal", 2.0, 0, 1)), 0, 3.5)
    assert _kind_hours([exact])[1] == (0.0, 1.5, 2.0)
    assert _kind_hours([exact._replace(activities=(Resource("c", "social", 0.1, 0, 1),))])[1] is None
    assert _with_hours((0.0, 1.5, 2.0), Resource("d", "social", 1 / 3, 0, 1)) is None
    assert _with_hours((0.0, 1.5, 2.0), Resource("e", "experience", 40.0, 0, 1)) == (40.0, 1.5, 2.0)


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_plans_are_the_ones_summing_again_gives(bundled, data):
    """Whole plans of the bundled catalog, with the mix worked out once and summed again each time."""
    profile, options, plan = draw_plan(bundled, data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(enrich_module, "_with_hours", lambda hours, r: None)
        patch.setattr(enrich_module, "_kind_hours", lambda choices: (_kind_hours(choices)[0], None))
        again = build_plan(profile, bundled.catalog, options)
    assert again == plan


def _kind_hours_one_by_one(choices: list[Choice]) -> tuple[set[str], tuple[float, float, float] | None]:
    """`_kind_hours` as it was written before each step's sums were kept (`_step_hours`): every
    activity of every step added in turn."""
    used = set()
    experience = social = formal = 0.0
    exact = True
    for c in choices:
        for r in c.activities:
            used.add(r.title)
            kind, hours = r.kind, r.hours
            if not (hours * 1024 % 1 == 0 and -(2.0**30) < hours < 2.0**30):
                exact = False
            if kind == "experience":
                experience += hours
            elif kind == "social":
                social += hours
            elif kind == "formal":
                formal += hours
            else:
                exact = False
    return used, (experience, social, formal) if exact else None


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_each_steps_sums_add_up_to_every_activity_added_in_turn(data):
    odd = st.builds(lambda h: Resource(f"odd-{h}", "unknown", h, 0, 1), hours)
    steps = [
        tuple(data.draw(st.lists(st.one_of(resources, odd), max_size=6))) for _ in range(data.draw(st.integers(0, 4)))
    ]
    for _ in range(3):  # the very same steps again and in another order, as a batch's plans share them
        picked = data.draw(st.lists(st.sampled_from(steps), max_size=8)) if steps else []
        choices = [Choice(activities, 0, 0.0) for activities in picked]
        assert _kind_hours(choices) == _kind_hours_one_by_one(choices)
