"""A batch's roster scheduled together: plan everyone, schedule the roster, then write (docs/team.md).

Co-scheduling needs the whole roster before any plan is written, so a batch with sessions works in
two passes. The first reads and plans each employee (reporting every problem, finding duplicate ids)
and keeps, beside the member in the member store (a temporary file), the small `Learner` record the
schedule reads and the pickled plan (a batch writing Markdown only keeps the plan's Markdown instead,
its roster's parts left open: batch/kept.py). The schedule (planning/sessions.py) is then made from the
store, and the second pass sends each kept plan with its share of the schedule (`Assignment`) to the
workers, which write the share in and render the files (or fill the Markdown's open parts from it).
The inputs are read once, so standard input works as before, and memory stays flat: the plans wait on
disk, not in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, overload

from upskill.batch.collect import Planned, Roster
from upskill.batch.store import MemberStore
from upskill.model import Catalog, Planning
from upskill.planning.attend import Assignment, Names, asker, assignments, from_plain, offerer
from upskill.planning.roster_records import Learner
from upskill.planning.roster_report import LISTED, roster_report
from upskill.planning.sessions import schedule

if TYPE_CHECKING:
    from upskill.planning.team import Team
    from upskill.planning.team_records import TeamSettings


class StoredLearners(Sequence[Learner]):
    """The learners kept in a member store, read back from its file (one sequential read to iterate).

    `names`: the first read that goes through them all also keeps each one's id and name (`names`), which
    the shares and the team report's lists show: else each would read all the learners back once more.
    """

    def __init__(self, store: MemberStore, names: bool = False):
        self.store = store
        self.names: Names | None = None  # every learner's id and name, once a read went through them all
        self._record = names

    def __len__(self) -> int:
        return len(self.store)

    @overload
    def __getitem__(self, index: int) -> Learner: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Learner]: ...
    def __getitem__(self, index: int | slice) -> Learner | Sequence[Learner]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return from_plain(self.store.extra(index, 0), self.store.extra(index, 1))

    def __iter__(self) -> Iterator[Learner]:
        if not self._record:
            for asks, rest in self.store.both(0, 1):
                yield from_plain(asks, rest)
            return
        names = Names()
        for asks, rest in self.store.both(0, 1):
            learner = from_plain(asks, rest)
            names.add(learner.id, learner.name)
            yield learner
        self.names, self._record = names, False

    def offers(self) -> Iterator[Learner]:
        """The learners as the schedule's first read takes them (`attend.offerer`: the shared activities, levels
        held, job time): only that part of each record is decoded. It keeps the names as `iter` does."""
        if not self._record:
            for rest in self.store.extras(1):
                yield offerer(rest)
            return
        names = Names()
        for rest in self.store.extras(1):
            names.add(rest[0], rest[1])
            yield offerer(rest)
        self.names, self._record = names, False

    def askers(self) -> Iterator[Learner]:
        """The learners as the mentor search reads them (`attend.asker`): only that part of each record is decoded."""
        for asks in self.store.extras(0):
            yield asker(asks)


def schedule_store(
    store: MemberStore, planning: Planning, cohort_max: int, start: date, *, shares: bool, cohort_min: int = 2
) -> Roster:
    """Schedule the members of `store` (each kept with its learner record) together.

    `shares`: each member's share too, for plans to be written (`upskill team` needs none: past the
    people a report lists, it keeps only the schedule's counts, sessions and figures).
    """
    listed = len(store) <= LISTED  # the team report lists people: their ids are shown
    learners = StoredLearners(store, names=shares or listed)
    # Each of the schedule's two reads decodes only its part of each learner record
    found = schedule(
        learners.offers(), planning, cohort_max, keep=shares or listed, cohort_min=cohort_min, askers=learners.askers()
    )
    return Roster(found, learners, assignments(found, learners, start, learners.names) if shares else iter(()))


def planned(store: MemberStore, shares: Iterator[Assignment]) -> Iterator[Planned]:
    """The second pass's items: each member's plan of the first pass with its share, in input order."""
    for (label, member, extra), share in zip(store.triples(2), shares, strict=True):
        yield Planned(label, member, extra, share)


def with_schedule(report: Team, roster: Roster | None, catalog: Catalog, team: TeamSettings, start: date) -> Team:
    """The team report with the roster's schedule (sessions, mentors, savings) in it; as it was when the
    roster was not scheduled together, or when an anonymized report leaves people out (they would come
    back through the sessions and their figures)."""
    if roster is None or (team.anonymize and report.left_out):
        return report
    from upskill.planning.team_roster import with_roster

    names = {skill: entry.name for skill, entry in catalog.skills.items()}
    learners = roster.learners
    kept = learners.names if isinstance(learners, StoredLearners) else None  # the ids, without another read
    found = roster_report(
        roster.schedule,
        learners,
        names,
        start,
        team.min_group,
        team.cohort_max,
        team.cohort_min,
        ids=kept.ids() if kept is not None else None,
    )
    return with_roster(report, found)
