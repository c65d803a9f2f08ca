"""A batch keeps each learner record in the member store as two parts beside the plan (issue 29, fourth
session): the mentor search's read decodes only its part (`attend.asker`: group, budget, load, needs), the
schedule's first read only the other (`attend.offerer`).

Every read of the parts gives what was appended, and the schedule made with that read is the one made
from the whole learners (the same pairs, in the same order, the same steps without a mentor).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.test_properties import Bundled
from tests.planning.test_sessions import START, plan_roster, rosters
from upskill.batch.roster import StoredLearners, planned, schedule_store
from upskill.batch.store import MemberStore
from upskill.planning.attend import asker, assignments, from_plain, offerer, plain
from upskill.planning.members import Member, SkillIndex, summarize
from upskill.planning.sessions import schedule


def _member(number: int) -> Member:
    return Member(f"E{number}", f"Person {number}", "", "role", bytes([number % 256]), b"", 1.5, 3, "", "", 0, 1)


@pytest.mark.parametrize("block", [64, 1 << 20])  # records larger than a block, and many records a block
def test_each_part_reads_back_as_appended(monkeypatch, block):
    import upskill.batch.store as module

    monkeypatch.setattr(module, "_BLOCK", block)
    store = MemberStore()
    parts = [((f"g{n}", n, b"\x01" * n, ()), (f"E{n}", "x" * n), b"plan" * n) for n in range(200)]
    for n, record in enumerate(parts):
        store.append(_member(n), f"in/{n}.csv", *record)
    store.drop(3)
    live = [n for n in range(200) if n != 3]
    for k in range(3):
        assert list(store.extras(k)) == [parts[n][k] for n in live]
        assert [store.extra(i, k) for i in range(len(store))] == [parts[n][k] for n in live]
        assert list(store.triples(k)) == [(f"in/{n}.csv", _member(n), parts[n][k]) for n in live]
    assert list(store.both(0, 1)) == [parts[n][:2] for n in live]
    assert list(store.extras()) == list(store.extras(0))  # `extra` is part 0
    assert list(store) == [_member(n) for n in live]
    store.close()


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_the_schedule_from_the_mentor_part_is_that_of_the_whole_learners(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    cohort_max = data.draw(st.integers(min_value=1, max_value=6), label="cohort_max")
    plans, learners, found = plan_roster(catalog, people, [""] * len(people), cohort_max)
    store = MemberStore()
    index = SkillIndex(catalog)
    for profile, plan, learner in zip(people, plans, learners, strict=True):
        store.append(
            summarize(profile, plan, index),
            profile.employee.id,
            *plain(learner),
            f"kept {profile.employee.id}".encode(),
        )
    stored = StoredLearners(store)
    # the whole record and the search's part, as kept
    assert list(stored) == [from_plain(*plain(learner)) for learner in learners]
    for read, learner in zip(stored.askers(), learners, strict=True):
        assert (read.group, read.budget, list(read.load), read.needs) == (
            learner.group,
            learner.budget,
            list(learner.load),
            learner.needs,
        )
        assert read == asker(plain(learner)[0])
    for read, learner in zip(StoredLearners(store).offers(), learners, strict=True):
        assert (read.id, read.name, read.group, read.shared, read.held, list(read.job)) == (
            learner.id,
            learner.name,
            learner.group,
            learner.shared,
            learner.held,
            list(learner.job),
        )
        assert read == offerer(plain(learner)[1])
    # the schedule with the search reading its part only, against the whole learners read twice
    for first in (list(stored), StoredLearners(store).offers()):
        again = schedule(first, catalog.planning, cohort_max, askers=stored.askers())
        assert list(again.pairs) == list(found.pairs)
        assert list(again.unmatched) == list(found.unmatched)
        assert list(again.sessions) == list(found.sessions) and list(again.alone) == list(found.alone)
        assert again.counts == found.counts and again.savings == found.savings
        assert again.activities == found.activities
    roster = schedule_store(store, catalog.planning, cohort_max, START, shares=True)
    assert isinstance(roster.learners, StoredLearners) and roster.learners.names is not None
    assert [roster.learners.names[n] for n in range(len(learners))] == [(x.id, x.name) for x in learners]
    shares = list(assignments(found, learners, START))
    assert list(roster.shares) == shares
    # the plan kept beside each learner is what the second pass gets
    assert [p.plan for p in planned(store, iter(shares))] == [f"kept {p.employee.id}".encode() for p in people]
    store.close()
