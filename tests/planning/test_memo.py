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
