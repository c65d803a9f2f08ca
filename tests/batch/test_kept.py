"""A plan kept between the passes of a roster scheduled together comes back equal, and smaller (issue 29)."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

from upskill.api import build_plan, load_catalog, read_profile
from upskill.batch.kept import dump_plan, load_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _same_types(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple | list):
        return all(_same_types(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[call-overload]
    return True


def test_a_kept_plan_loads_equal_in_another_copy_of_the_catalog():
    catalog = load_catalog("default")
    other = pickle.loads(pickle.dumps(catalog))  # a worker's own copy of the same catalog
    plans = [
        build_plan(read_profile(path, catalog), catalog, start=date(2027, 1, 4))
        for path in sorted(EXAMPLES.glob("*.yaml"))
    ]
    assert len(plans) >= 2
    for plan in plans:
        data = dump_plan(plan, catalog)
        back = load_plan(data, other)
        assert back == plan
        assert _same_types(back, plan)
        assert back.role is other.roles[plan.role.id]  # the catalog's record, not a copy of it
        assert len(data) < len(pickle.dumps(plan, pickle.HIGHEST_PROTOCOL))


def test_a_record_the_planner_made_anew_is_kept_whole():
    catalog = load_catalog("default")
    plan = build_plan(read_profile(EXAMPLES / "ana-ruiz.yaml", catalog), catalog, start=date(2027, 1, 4))
    changed = plan._replace(role=plan.role._replace(name="Renamed role"))  # equal id, not the catalog's record
    assert load_plan(dump_plan(changed, catalog), catalog).role.name == "Renamed role"
