"""A plan kept between the two passes of a roster scheduled together: pickled, made cheap to pickle.

The first pass sends each plan back pickled and the second pass loads it (batch/run.py). Two
things made that a tenth of a plan's cost (issue 29):

- the catalog's own records that a plan holds (its role, the activities' resources, the scale,
  the cited sources) were copied into every pickle, although both passes hold the same catalog:
  they are pickled as a reference to the catalog (`("role", id)`, `("resource", skill, n)`),
  looked up by identity, so a record the planner made anew is pickled whole as before;
- a NamedTuple is pickled through its `__getnewargs__` and loaded through its `__new__`, both
  Python functions called once per record: `tuple.__new__(cls, fields)` does it in C.

Loading gives a plan equal to the one dumped, its records of the same types (tests/batch/test_kept.py).
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Hashable
from typing import Any

from upskill import model, plan_records
from upskill.model import Catalog, Plan

_Reduced = tuple[Callable[..., object], tuple[object, ...]]

# The catalog whose records are pickled by reference in this process, and its two lookup tables.
_catalog: Catalog | None = None
_keys: dict[int, Hashable] = {}
_records: dict[Hashable, object] = {}


def _use(catalog: Catalog) -> None:
    global _catalog, _keys, _records
    if _catalog is catalog:
        return
    records: dict[Hashable, object] = {("scale",): catalog.scale, ("weights",): catalog.weights}
    records.update({("role", key): role for key, role in catalog.roles.items()})
    records.update({("source", key): source for key, source in catalog.sources.items()})
    for key, skill in catalog.skills.items():
        records.update({("resource", key, n): resource for n, resource in enumerate(skill.resources)})
    _catalog, _records = catalog, records
    _keys = {id(record): key for key, record in records.items()}


def catalog_record(key: Hashable) -> object:
    """The catalog record a pickle refers to (by name in the pickle: keep it here)."""
    return _records[key]


_new = tuple.__new__


def _reduce(record: tuple[Any, ...]) -> _Reduced:
    key = _keys.get(id(record))
    if key is not None:
        return catalog_record, (key,)
    return _new, (type(record), tuple(record))


_TABLE: dict[type, Callable[[Any], _Reduced]] = {
    kind: _reduce
    for module in (model, plan_records)
    for kind in vars(module).values()
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields")
}


def dump_plan(plan: Plan, catalog: Catalog) -> bytes:
    """`plan` pickled, the records of `catalog` in it by reference."""
    _use(catalog)
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _TABLE
    pickler.dump(plan)
    return out.getvalue()


def load_plan(data: bytes, catalog: Catalog) -> Plan:
    """A plan `dump_plan` pickled against the same catalog (equal: another process's copy of it)."""
    _use(catalog)
    plan: Plan = pickle.loads(data)
    return plan
