"""enrich.py's faster forms (issue 29) give what the plain ones gave: the kinds' shares summed in
locals, the first two candidates without filtering the rest, the kinds wanted without a sort."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.model import KINDS, Gap, Resource
from upskill.planning.enrich import _below, _candidates, _covering, shares


def _plain_shares(activities: list[Resource]) -> dict[str, float]:
    """The shares as first written: a dict of totals, summed in the activities' order."""
    totals = dict.fromkeys(KINDS, 0.0)
    for r in activities:
        totals[r.kind] += r.hours
    whole = sum(totals.values()) or 1.0
    return {k: v / whole for k, v in totals.items()}


hours = st.one_of(
    st.integers(0, 200).map(float), st.floats(0, 500, allow_nan=False), st.sampled_from([0.1, 0.2, 1 / 3])
)
resources = st.builds(lambda kind, h: Resource(f"{kind}-{h}", kind, h, 0, 1), st.sampled_from(KINDS), hours)


@settings(max_examples=300, deadline=None)
@given(activities=st.lists(resources, max_size=30))
def test_the_shares_are_the_plain_sums_to_the_last_bit(activities):
    got = shares(activities)
    assert list(got) == list(KINDS)
    assert got == _plain_shares(activities)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), most=st.integers(1, 4), current=st.integers(0, 2))
def test_the_first_candidates_are_the_first_of_all_of_them(catalog, data, most, current):
    for skill in list(catalog.skills.values())[:30]:
        titles = sorted(r.title for r in skill.resources)
        used = set(data.draw(st.lists(st.sampled_from(titles), max_size=len(titles)))) if titles else set()
        gap = cast(Gap, SimpleNamespace(skill=skill.id, current=current, target=current + 2))
        wanted = data.draw(st.sampled_from([["social", "formal"], ["formal", "social"], ["formal"]]))
        everything = [r for r in _covering(skill, current, current + 2, tuple(wanted)) if r.title not in used]
        assert _candidates(gap, catalog, used, wanted, most) == everything[:most]


share = st.one_of(st.floats(0, 1, allow_nan=False), st.sampled_from([0.0, 0.1, 0.2, 0.3]))


@settings(max_examples=300, deadline=None)
@given(mix=st.tuples(share, share, share), target=st.tuples(share, share, share))
def test_the_kinds_wanted_are_the_sorted_ones(mix, target):
    m, t = dict(zip(KINDS, mix, strict=True)), dict(zip(KINDS, target, strict=True))
    plain = sorted((k for k in ("social", "formal") if m[k] < t[k]), key=lambda k: m[k] - t[k])
    assert _below(m, t) == plain


def test_a_resource_added_to_the_same_activities_gives_the_very_same_tuple_in_order():
    """A batch's plans try the same resources on the same cached choices: the tuple tried is found again,
    so the step's work and placements are found by identity (choices.py, cycle.py), and it is the order
    a step's activities always had: checks first, then first level, social before formal, title."""
    from upskill.load.catalog import load_catalog
    from upskill.planning.choices import charged_hours, worker
    from upskill.planning.enrich import with_resource
    from upskill.planning.schedule import Choice, choose_activities

    catalog = load_catalog(["default"])
    skill = catalog.skills["prompt-engineering"]
    choice = choose_activities(skill, 0, 3, catalog.hours_per_level, frozenset())
    check = Resource("Assess current level", "social", 1.0, 0, 0)
    activities = (check, *choice.activities)
    for r in [r for r in skill.resources if r not in choice.activities][:3]:
        first = with_resource(activities, r)
        assert with_resource(activities, r) is first
        rest = sorted([*choice.activities, r], key=lambda a: (a.from_level, -KINDS.index(a.kind), a.title))
        assert first == (check, *rest)
        tried = Choice(first, choice.uncovered, choice.hours + r.hours)
        work = worker(catalog.planning, 2)(tried, 0, ())
        assert work.minutes == max(1, round(charged_hours(tried, catalog.planning) * 60))
