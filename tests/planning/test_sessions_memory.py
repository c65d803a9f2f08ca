"""A roster's schedule holds a few bytes a person (planning/sessions.py, roster_arrays.py; issue 26 item 5).

The schedule's lists are arrays of numbers, and `upskill team` past the people a report lists keeps
only their counts. Measured with `tracemalloc` on drawn learners (made before measuring): the peak
while scheduling, and while each learner's share is made one at a time, per person.
"""

from __future__ import annotations

import random
import tracemalloc
from datetime import date

from upskill.model import Planning
from upskill.planning.attend import assignments
from upskill.planning.roster_records import Learner, Need, Shared
from upskill.planning.sessions import schedule

SKILLS = ("python", "sql", "ml", "writing", "ethics", "data")


def drawn(count: int, seed: int = 3) -> list[Learner]:
    """`count` learners taking a few of a few activities in a few week ranges, some able to mentor."""
    rng = random.Random(seed)
    people = []
    for n in range(count):
        weeks = rng.randint(20, 40)
        shared = tuple(
            Shared(skill, f"{skill} course", 6.0, first, first + 5)
            for skill in rng.sample(SKILLS, 3)
            for first in [rng.choice((1, 7, 13))]
        ) + ((Shared("ethics", "rare workshop", 3.0, first, first),) if (first := rng.randint(1, 4000)) <= 400 else ())
        needs = tuple(
            Need(skill, rng.randint(2, 4), first, first + 5, skill.title())
            for skill in rng.sample(SKILLS, 3)
            for first in [rng.choice((1, 7, 13))]
        )
        held = tuple((skill, rng.randint(1, 5)) for skill in sorted(rng.sample(SKILLS, 2)))
        job = tuple(
            590 if rng.random() < 0.05 else rng.choice((0, 120)) for _ in range(weeks)
        )  # now and then a tight week
        people.append(
            Learner(
                f"E{n:06d}",
                f"Person {n}",
                rng.choice(("", "Sales", "IT")),
                180,
                (120,) * weeks,
                shared,
                needs,
                held,
                job,
            )
        )
    return people


def _peak(run) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_scheduling_8000_people_takes_a_few_hundred_bytes_each():
    learners = drawn(8000)
    planning = Planning()
    found = schedule(learners, planning, 25)
    # every kind of entry is there: sessions, people alone, pairs, steps without a mentor
    assert len(found.sessions) > 500 and len(found.alone) > 100 and len(found.pairs) > 5000
    assert len(found.unmatched) > 5000
    kept = _peak(lambda: schedule(learners, planning, 25))
    counted = _peak(lambda: schedule(learners, planning, 25, keep=False))
    # As tuples and a dict per mentor (before), this schedule peaked at about 660 bytes a person
    assert kept / 8000 < 200, kept / 8000
    assert counted / 8000 < 150, counted / 8000


def test_each_share_is_made_one_at_a_time_in_little_memory():
    learners = drawn(8000)
    found = schedule(learners, Planning(), 25)

    def walk():
        for _ in assignments(found, learners, date(2027, 1, 4)):
            pass

    assert _peak(walk) / 8000 < 250


def test_counting_only_gives_the_same_counts_savings_and_activities():
    learners = drawn(3000)
    kept = schedule(learners, Planning(), 25)
    counted = schedule(learners, Planning(), 25, keep=False)
    assert kept.counts == (len(kept.pairs), len(kept.alone), len(kept.unmatched))
    assert counted.counts == kept.counts and counted.counts[0] > 0
    assert counted.savings == kept.savings and counted.activities == kept.activities
    assert list(counted.sessions) == list(kept.sessions)
    assert (counted.pairs, counted.alone, counted.unmatched) == ((), (), ())
