"""The main process's side of a batch: each worker's `Outcome` accepted, refused or reported, in input order.

Only here is it decided what a temporary plan file becomes: two employees whose ids are equal
ignoring case both fail (neither keeps a plan), a file upskill did not write is not replaced,
and the rest are renamed into place by the output folder (write/folder.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from upskill.batch.progress import Reporter
from upskill.batch.store import MemberStore
from upskill.errors import Problem, UpskillError
from upskill.planning.members import Member
from upskill.planning.team import TeamSettings
from upskill.render import PLAN_FORMATS
from upskill.write.folder import OutputFolder, file_stem

if TYPE_CHECKING:
    from upskill.planning.attend import Assignment
    from upskill.planning.roster_records import Learner
    from upskill.planning.sessions import Schedule

TEMPLATE = "template"  # `--template NAME.md.j2`: the format "template.md", whose files end in `.md`


def plan_suffix(fmt: str) -> str:
    """The file extension of a plan format: `.md` for markdown, and for a user template's "template.md"."""
    known = PLAN_FORMATS.get(fmt)
    return known.suffixes[0] if known is not None else fmt.removeprefix(TEMPLATE)


class Outcome(NamedTuple):
    """What a worker sends back for one source: small, whatever the size of the plan."""

    label: str
    member: Member | None  # None: failed (or a notice)
    problems: tuple[Problem, ...] = ()  # the errors when failed, else warnings
    files: tuple[tuple[str, str], ...] = ()  # (temporary name, final name) in the output folder
    line: str = ""  # the plan as one JSON line (JSON Lines mode)
    fatal: bool = False  # the output folder cannot be written: stop the run
    notice: bool = False  # warnings about an input as a whole, not an employee
    learner: tuple[object, ...] | None = None  # the two parts of `attend.plain`, then the plan kept for the second pass


class Planned(NamedTuple):
    """The second pass of a roster scheduled together: a plan made in the first, and its share of the schedule."""

    label: str
    member: Member
    plan: Any  # the pickled plan (bytes), or its Markdown pieces (kept.py's `dump_markdown`: Markdown only)
    share: Assignment


@dataclass(frozen=True)
class Roster:
    """The roster's schedule, the learners it was made from, and each learner's share, in member order."""

    schedule: Schedule
    learners: Sequence[Learner]
    shares: Iterator[Assignment]  # made one at a time, in member order (read once, by the second pass)


@dataclass
class BatchResult:
    """The outcome of a run: the members planned (input order), the failures, the files written."""

    # A Sequence of members in input order, kept in a temporary file (store.py): a million take a few MB
    members: MemberStore = field(default_factory=MemberStore)
    failures: list[tuple[str, tuple[Problem, ...]]] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # index.md, team.md, ... written
    roster: Roster | None = None  # the roster scheduled together (sessions and mentors), unless --no-sessions

    @property
    def labels(self) -> list[str]:
        """Where each member came from (input order)."""
        return list(self.members.labels())

    @property
    def exit_code(self) -> int:
        return 1 if self.failures or not self.members else 0  # nobody planned is never a success

    def failures_count(self) -> str:
        """`57 failed`."""
        return f"{len(self.failures):,} failed"

    def summary(self, one: str = "plan written", many: str = "plans written") -> str:
        """`1,998 plans written, 2 failed`."""
        count = len(self.members)
        return f"{count:,} {one if count == 1 else many}, {len(self.failures):,} failed"


def _plan_names(members: Iterable[Member], formats: Sequence[str], team: TeamSettings) -> Iterator[str]:
    for member in members:
        stem = file_stem(team.shown_id(member.id))
        for fmt in formats:
            yield stem + plan_suffix(fmt)


def collect_outcomes(
    outcomes: Iterator[Outcome],
    result: BatchResult,
    folder: OutputFolder | None,
    reporter: Reporter,
    stream: IO[str] | None,
    formats: Sequence[str],
    team: TeamSettings,
) -> None:
    """Decide each outcome in input order: accept, refuse (duplicate id, foreign file) or record the failure.

    Ids are compared as they are, and shown in messages as every output shows them (`team.shown_id`).
    """
    collector = _Collector(result, folder, reporter, stream, formats, team)
    for outcome in outcomes:
        collector.take(outcome)


_UNIQUE = "ids must be unique, ignoring case"


class _Collector:
    """The state of `collect_outcomes`: the members so far (whose ids the store looks up) and the failures."""

    def __init__(
        self,
        result: BatchResult,
        folder: OutputFolder | None,
        reporter: Reporter,
        stream: IO[str] | None,
        formats: Sequence[str],
        team: TeamSettings,
    ):
        self.result, self.folder, self.reporter, self.stream = result, folder, reporter, stream
        self.formats, self.team = formats, team

    def fail(self, label: str, problems: tuple[Problem, ...]) -> None:
        self.result.failures.append((label, problems))
        self.reporter.problems(problems)

    def take(self, outcome: Outcome) -> None:
        if outcome.fatal:  # the caller reports it and stops: the folder cannot take more files
            raise UpskillError(outcome.problems)
        if outcome.notice:
            self.reporter.problems(outcome.problems)
            return
        self.reporter.advance()
        member, label = outcome.member, outcome.label
        if member is None:
            self.fail(label, outcome.problems)
            return
        first = self.result.members.find(member.id)
        if first is not None:
            if self.folder is not None:
                self.folder.discard(outcome.files)
            self._duplicate(member, label, first)
        elif not self._refused_by_folder(outcome):
            self._accept(member, outcome)

    def _duplicate(self, member: Member, label: str, first: int) -> None:
        """`member`'s id was seen before, in record `first` of the store (dropped: known to be duplicated)."""
        shown, store = self.team.shown_id, self.result.members
        where, earlier = store.record(first)
        if store.is_dropped(first):
            self.fail(
                label,
                (Problem(f"employee id '{shown(member.id)}' appears again ({_UNIQUE}); no plan written", file=label),),
            )
        elif self.stream is not None:  # the first plan has gone out already: only this one can be refused
            self.fail(
                label,
                (
                    Problem(
                        f"employee id '{shown(member.id)}' is also used at {where}, "
                        f"whose plan was already written ({_UNIQUE}); this one is skipped",
                        file=label,
                    ),
                ),
            )
        else:  # neither keeps a plan: nothing silently overwrites or shadows the other
            if self.folder is not None:
                self.folder.retract(list(_plan_names([earlier], self.formats, self.team)))
            store.drop(first)
            self.fail(
                where,
                (
                    Problem(
                        f"employee id '{shown(earlier.id)}' is also used at {label} ({_UNIQUE}); "
                        "no plan written for either",
                        file=where,
                    ),
                ),
            )
            self.fail(
                label,
                (
                    Problem(
                        f"employee id '{shown(member.id)}' is also used at {where} ({_UNIQUE}); "
                        "no plan written for either",
                        file=label,
                    ),
                ),
            )

    def _refused_by_folder(self, outcome: Outcome) -> bool:
        """Refuse (and report) plan files whose names are taken by a link, a folder or a file upskill did not write."""
        folder, label = self.folder, outcome.label
        if folder is None:
            return False
        unusable = folder.unusable(final for _, final in outcome.files)
        if unusable:  # a link or a folder where the plan goes: kept, even with --force
            folder.discard(outcome.files)
            what = "; ".join(f"{where} is {kind}" for where, kind in unusable)
            self.fail(
                label,
                (
                    Problem(
                        f"{what}; no plan written (upskill writes only plain files in "
                        "the output folder, never through or over a link or a folder: remove it, or "
                        "choose another --out folder)",
                        file=label,
                    ),
                ),
            )
            return True
        clash = folder.clashes(final for _, final in outcome.files)
        if clash:
            folder.discard(outcome.files)
            one = len(clash) == 1
            self.fail(
                label,
                (
                    Problem(
                        f"{', '.join(clash)} already exist{'s' if one else ''} in {folder.path} and "
                        f"upskill did not write {'it' if one else 'them'}; not replaced (pass --force "
                        f"to replace {'it' if one else 'them'})",
                        file=label,
                    ),
                ),
            )
            return True
        return False

    def _accept(self, member: Member, outcome: Outcome) -> None:
        if outcome.problems:
            self.reporter.problems(outcome.problems)
        if outcome.learner is None:
            self.result.members.append(member, outcome.label)
        else:  # (each part kept alone: a read decodes only the part it needs)
            self.result.members.append(member, outcome.label, *outcome.learner)
        if self.folder is not None:
            self.folder.stage(outcome.files)
        elif self.stream is not None and outcome.line:
            self.stream.write(outcome.line)


def failure_lines(failures: Sequence[tuple[str, Sequence[Problem]]]) -> list[tuple[str, str]]:
    """(input label, one line about its first problem) for the reports' lists of what failed."""
    return [
        (
            label,
            (str(problems[0]) + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
            if problems
            else label,
        )
        for label, problems in failures
    ]
