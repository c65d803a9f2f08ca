"""A batch's roster scheduled together: plan everyone, schedule the roster, then write (docs/team.md).

Co-scheduling needs the whole roster before any plan is written, so a batch with sessions runs in
two passes over its inputs. The first plans each employee and keeps, beside the member in the
member store (a temporary file), the small `Learner` record the schedule reads. The schedule
(planning/sessions.py) is then made from the store, and each member's share of it (`Assignment`)
is sent with its input to the second pass, which plans again, writes the share in, and writes the
files. Both passes read the inputs in the same order, so the k-th member of the first is found again
by its input label; standard input is kept in a temporary file so it can be read twice.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, overload

from upskill.batch.store import MemberStore
from upskill.load.rosters.sources import InputSource
from upskill.model import Catalog, Planning
from upskill.planning.attend import Assignment, assignments, from_plain
from upskill.planning.roster_report import RosterReport, roster_report
from upskill.planning.sessions import Learner, Schedule, schedule


class StoredLearners(Sequence[Learner]):
    """The learners kept in a member store, read back from its file (one sequential read to iterate)."""

    def __init__(self, store: MemberStore):
        self.store = store

    def __len__(self) -> int:
        return len(self.store)

    @overload
    def __getitem__(self, index: int) -> Learner: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Learner]: ...
    def __getitem__(self, index: int | slice) -> Learner | Sequence[Learner]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return from_plain(self.store.extra(index))

    def __iter__(self) -> Iterator[Learner]:
        for value in self.store.extras():
            yield from_plain(value)


@dataclass(frozen=True)
class Roster:
    """The roster's schedule, the learners it was made from, and each learner's share, in member order."""

    schedule: Schedule
    learners: Sequence[Learner]
    shares: list[Assignment]


def schedule_store(store: MemberStore, planning: Planning, cohort_max: int, start: date) -> Roster:
    """Schedule the members of `store` (each kept with its learner record) together."""
    learners = StoredLearners(store)
    found = schedule(learners, planning, cohort_max)
    return Roster(found, learners, assignments(found, learners, start))


def paired(
    sources: Iterable[InputSource], labels: Iterator[str], shares: Sequence[Assignment]
) -> Iterator[tuple[InputSource, Assignment | None]]:
    """Each source of the second pass with its member's share (None: it failed or was refused the first time)."""
    number = 0
    label = next(labels, None)
    for source in sources:
        if label is not None and source.label == label:
            yield source, shares[number]
            number += 1
            label = next(labels, None)
        else:
            yield source, None


def spooled(stdin: IO[bytes] | None) -> IO[bytes]:
    """Standard input copied to a temporary file, so both passes can read it (the caller closes it)."""
    import sys

    copy = tempfile.TemporaryFile(prefix="upskill-stdin-")  # noqa: SIM115
    shutil.copyfileobj(stdin if stdin is not None else sys.stdin.buffer, copy)
    copy.seek(0)
    return copy


def roster_of(roster: Roster | None, catalog: Catalog, min_group: int, start: date) -> RosterReport | None:
    """What the team report shows of the roster's schedule (None: not scheduled together)."""
    if roster is None:
        return None
    names = {skill: entry.name for skill, entry in catalog.skills.items()}
    return roster_report(roster.schedule, roster.learners, names, start, min_group)
