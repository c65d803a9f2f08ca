"""A plan kept between the two passes of a roster scheduled together: pickled, made cheap to pickle.

The first pass sends each plan back pickled and the second pass loads it (batch/run.py). Two
things made that a tenth of a plan's cost (issue 29):

- the catalog's own records that a plan holds (its role, the activities' resources, the scale,
  the cited sources) were copied into every pickle, although both passes hold the same catalog:
  they are pickled as a reference to the catalog (`("role", id)`, `("resource", skill, n)`),
  looked up by identity, so a record the planner made anew is pickled whole as before;
- a NamedTuple is pickled through its `__getnewargs__` and loaded through its `__new__`, both
  Python functions called once per record: `tuple.__new__(cls, fields)` does it in C.

- every record still went through that Python function and named its type in the pickle (looked up
  again on loading): the plan's many records of a few kinds (its steps and their placements, gaps,
  check-ins, the weekly load, the next cycle) are pickled as plain tuples instead, and made records
  again on loading (`_flat`, `_unflat`); any other record goes the way above.

Loading gives a plan equal to the one dumped, its records of the same types (tests/batch/test_kept.py).

A batch that writes Markdown only keeps no plan at all: the first pass renders it into pieces (text, and
holes where the roster's schedule shows: render/markdown.py), `dump_markdown` keeps them, and the second
pass fills them from the employee's share of the schedule (`ShareFields`), as `attend` would write it into
the plan: loading the plan, writing the share in and rendering cost four times as much (docs/performance.md).
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Collection, Hashable, Sequence
from datetime import date
from typing import Any

from upskill import model, plan_records
from upskill.model import Catalog, Checkin, Gap, MentorRef, Placement, Plan, SessionRef, Step, Summary
from upskill.plan_records import Later, LoadRun, RunFields
from upskill.planning.attend import Assignment, mentored_runs

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
    pickler.dump(_flat(plan))
    return out.getvalue()


def load_plan(data: bytes, catalog: Catalog) -> Plan:
    """A plan `dump_plan` pickled against the same catalog (equal: another process's copy of it)."""
    _use(catalog)
    return _unflat(pickle.loads(data))


# Where the records pickled as plain tuples sit (by name: a field added anywhere is pickled as before).
_GAPS, _STEPS, _SUMMARY, _CHECKINS, _NOT_PLANNED, _LATER = map(
    Plan._fields.index, ("gaps", "steps", "summary", "checkins", "not_planned", "later")
)
_PLACED, _LOAD = Step._fields.index("placed"), Summary._fields.index("load")


def _flat(plan: Plan) -> tuple[object, ...]:
    """`plan` as a tuple, its many records of a few kinds as plain tuples (the records inside those, such as
    a placement's resource or a gap's assessment, are left as they are)."""
    fields: list[Any] = list(plan)
    fields[_GAPS] = tuple(map(tuple, plan.gaps))
    fields[_NOT_PLANNED] = tuple(map(tuple, plan.not_planned))
    fields[_CHECKINS] = tuple(map(tuple, plan.checkins))
    fields[_LATER] = tuple(map(tuple, plan.later))
    fields[_STEPS] = tuple(_with(step, _PLACED, tuple(map(tuple, step.placed))) for step in plan.steps)
    fields[_SUMMARY] = _with(plan.summary, _LOAD, tuple(map(tuple, plan.summary.load)))
    return tuple(fields)


def _unflat(flat: tuple[Any, ...]) -> Plan:
    """The plan `_flat` gave: each record made from its fields in order (in C, no argument parsing)."""
    fields = list(flat)
    fields[_GAPS] = tuple([_new(Gap, g) for g in flat[_GAPS]])
    fields[_NOT_PLANNED] = tuple([_new(Gap, g) for g in flat[_NOT_PLANNED]])
    fields[_CHECKINS] = tuple([_new(Checkin, c) for c in flat[_CHECKINS]])
    fields[_LATER] = tuple([_new(Later, x) for x in flat[_LATER]])
    fields[_STEPS] = tuple(
        [_new(Step, _with(step, _PLACED, tuple([_new(Placement, p) for p in step[_PLACED]]))) for step in flat[_STEPS]]
    )
    summary = flat[_SUMMARY]
    fields[_SUMMARY] = _new(Summary, _with(summary, _LOAD, tuple([_new(LoadRun, r) for r in summary[_LOAD]])))
    return _new(Plan, tuple(fields))


def _with(record: tuple[Any, ...], at: int, value: object) -> tuple[Any, ...]:
    """The fields of `record` as a plain tuple, the one at `at` replaced by `value`."""
    return (*record[:at], value, *record[at + 1 :])


# --- a plan's Markdown, kept instead of the plan -------------------------------------------------------


KeptMarkdown = tuple[str, tuple[bytes | tuple[Any, ...], ...]]


def dump_markdown(stem: str, pieces: tuple[bytes | tuple[Any, ...], ...]) -> KeptMarkdown:
    """The plan's file name (without its extension) and its Markdown pieces, their text in UTF-8
    (render/markdown.py's `encode_pieces`): plain values, which the member store marshals with the member's
    record. Marshalled here first, the text of each plan (~16 KB) was copied three times more on its way
    (into the record's bytes, and out of them twice)."""
    return stem, pieces


def load_markdown(kept: KeptMarkdown) -> KeptMarkdown:
    """What `dump_markdown` kept, as the member store gives it back."""
    stem, pieces = kept
    return stem, pieces


class ShareFields:
    """The roster's fields of a plan made alone (render/roster_words.RosterFields), read from its share of the
    schedule as `attend` writes them in: by skill and activity title, the load with the mentoring added."""

    def __init__(self, given: Assignment):
        self.given = given
        self.sessions = {(skill, title): ref for skill, title, ref in given.sessions}
        self.alone = {(skill, title): why for skill, title, why in given.alone}
        self.mentors = dict(given.mentors)
        self.why = dict(given.no_mentor)

    def placement(self, step: int, at: int, skill: str, title: str) -> tuple[SessionRef | None, bool, str]:
        why = self.alone.get((skill, title))
        return self.sessions.get((skill, title)), why is not None, why or ""

    def mentor(self, step: int, skill: str) -> tuple[MentorRef | None, str]:
        return self.mentors.get(skill), self.why.get(skill, "")

    def mentees(self) -> Sequence[MentorRef]:
        return self.given.mentees

    def load(self, load: Sequence[RunFields], start: date, own: Collection[str]) -> Sequence[RunFields]:
        return mentored_runs(load, start, self.given, own)
