"""The identity memo (planning/memo.py) and the plan parts it serves give what the plain computation gives."""

from __future__ import annotations

from datetime import date

from upskill.load.catalog import load_catalog
from upskill.model import Planning, Resource
from upskill.planning.choices import _shape, charged_hours
from upskill.planning.closed import Calendar
from upskill.planning.cycle import _placements, placements
from upskill.planning.memo import IdentityMemo
from upskill.planning.schedule import Choice


def test_memo_is_bounded_and_keeps_its_records() -> None:
    memo: IdentityMemo[int] = IdentityMemo(size=2)
    records = [(k,) for k in range(3)]
    for k, r in enumerate(records):
        memo.put((id(r),), (r,), k)
    assert memo.get((id(records[2]),)) == 2
    assert memo.get((id(records[0]),)) is None  # emptied when full, then the third stored


def test_equal_records_that_are_not_the_same_objects_give_the_same_answers() -> None:
    catalog = load_catalog(["default"])
    skill = next(s for s in catalog.skills.values() if len(s.resources) >= 2)
    activities = tuple(skill.resources[:2])
    copy = tuple(Resource(*r) for r in activities)
    planning, other = catalog.planning, Planning(*catalog.planning)
    for acts, plan in ((activities, planning), (copy, other), (activities, planning)):
        choice = Choice(acts, None, sum(r.hours for r in acts) + 10)
        charged, hours, _ = _shape(acts, 0, plan, 2)
        assert charged + (choice.hours - hours) == charged_hours(choice, plan)
        start, calendar = date(2027, 1, 4), Calendar((3,))
        assert placements(acts, 0, 2, 9, calendar, start, plan, 2) == _placements(
            acts, 0, 2, 9, calendar, start, plan, 2
        )


def test_job_minutes_by_week_spread_over_runs_as_the_week_by_week_loop() -> None:
    """The differences at the ends of each activity's weeks give what adding week by week gives."""
    import random

    from upskill.model import Placement
    from upskill.planning.activities import job_minutes
    from upskill.planning.cycle import job_by_week

    def weekly(placed: list[Placement], planning: Planning, weeks: int) -> list[int]:
        out = [0] * (weeks + 1)
        for p in placed:
            minutes = job_minutes(p.resource, planning)
            if minutes:
                q, r = divmod(minutes, p.last_week - p.first_week + 1)
                for k, w in enumerate(range(p.first_week, p.last_week + 1)):
                    if w <= weeks:
                        out[w] += q + (k < r)
        return out[1:]

    draw, planning, day = random.Random(29), Planning(), date(2027, 1, 4)
    for _ in range(2000):
        placed = []
        for _ in range(draw.randint(0, 8)):
            first = draw.randint(1, 40)
            kind = draw.choice(["experience", "social", "formal"])
            hours = draw.choice([0.01, 0.5, 3.0, 7.3, 40.0, 120.0])
            resource = Resource("t", kind, hours, 0, 1)
            placed.append(Placement(resource, first, first + draw.randint(0, 20), day, day, 0.0, 0.0))
        weeks = draw.randint(0, 60)
        assert job_by_week(placed, Calendar(), planning, weeks) == weekly(placed, planning, weeks)
