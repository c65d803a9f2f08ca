"""Plan a whole workforce: many employees in parallel processes, written safely into one folder.

The flow, for each employee: `inputs.expand_inputs` yields a source; a worker (`workers.ordered_map`)
reads it (the same `read_profile` as `upskill plan`), plans it, renders each format into a
temporary file in the output folder, and returns an `Outcome` holding a small `team.Member`
summary. The main process alone decides what a temporary file becomes: it checks the id
(two employees whose ids are equal ignoring case are both errors, and neither keeps a plan),
refuses to replace a file upskill did not write, and renames (`folder.OutputFolder`, which
holds the safety rules). The plans are never held in memory; at the end the index and the
team report are written from the members.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, NamedTuple

from upskill.batch.inputs import expand_inputs
from upskill.batch.sources import InputSource, Notice, column_names
from upskill.batch.workers import ordered_map
from upskill.errors import Problem, Problems, UpskillError, UsageError, apply_strict
from upskill.load.profile import read_profile
from upskill.model import Catalog, Plan
from upskill.planning.members import Member, SkillIndex, summarize
from upskill.planning.plan import Options, build_plan
from upskill.planning.team import TeamSettings, anonymized
from upskill.render import render_plan
from upskill.render.progress import Reporter
from upskill.write.folder import TEMP_PREFIX, TEMP_SUFFIX, OutputFolder, file_stem, id_key, write_new

SUFFIXES = {"markdown": ".md", "json": ".json", "html": ".html"}
PLAN_FORMATS = ("markdown", "json", "html")


# --- settings, outcomes, reporting ------------------------------------------------------------------


@dataclass(frozen=True)
class BatchSettings:
    """What `upskill batch` (and `upskill team`) was asked to do."""

    options: Options
    out: Path | None = None  # None: no plan files (the team report only, or JSON Lines to `stream`)
    formats: tuple[str, ...] = ("markdown",)  # PLAN_FORMATS, or ("jsonl",) with out None
    jobs: int = 1
    strict: bool = False
    explain: bool = False
    force: bool = False
    encoding: str = "utf-8"
    team: TeamSettings = TeamSettings()


class Outcome(NamedTuple):
    """What a worker sends back for one source: small, whatever the size of the plan."""

    label: str
    member: Member | None  # None: failed (or a notice)
    problems: tuple[Problem, ...] = ()  # the errors when failed, else warnings
    files: tuple[tuple[str, str], ...] = ()  # (temporary name, final name) in the output folder
    line: str = ""  # the plan as one JSON line (JSON Lines mode)
    fatal: bool = False  # the output folder cannot be written: stop the run
    notice: bool = False  # warnings about an input as a whole, not an employee


@dataclass
class BatchResult:
    """The outcome of a run: the members planned (input order), the failures, the files written."""

    members: list[Member] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # parallel to members: where each came from
    failures: list[tuple[str, tuple[Problem, ...]]] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # index.md, team.md, ... written

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def summary(self, one: str = "plan written", many: str = "plans written") -> str:
        """`1,998 plans written, 2 failed`."""
        count = len(self.members)
        return f"{count:,} {one if count == 1 else many}, {len(self.failures):,} failed"


# --- the worker: one employee in, one Outcome out ----------------------------------------------------


@dataclass(frozen=True)
class _Job:
    catalog: Catalog
    settings: BatchSettings
    index: SkillIndex
    run: str  # this run's mark in temporary file names
    fsync_each: bool  # no os.sync() on this platform: make each file durable itself


_job: _Job | None = None
_temp_prefix = ""  # this process's temporary file names: the run, then the process id
_counter = itertools.count()


def _init_worker(job: _Job) -> None:
    """Keep the job in this process (each worker's copy: the catalog is loaded once per process)."""
    global _job, _temp_prefix
    _job = job
    _temp_prefix = f"{TEMP_PREFIX}{job.run}-{os.getpid()}-"


class _WriteError(Exception):
    pass


def _work(source: InputSource) -> Outcome:
    job = _job
    assert job is not None, "worker not initialised"
    label = source.label
    if isinstance(source, Notice):
        return Outcome(label, None, source.problems, notice=True)
    settings = job.settings
    try:
        doc = source.document()
        problems = Problems()
        profile = read_profile(doc, job.catalog, problems)
        found = column_names(source, apply_strict(problems.items, settings.strict))
        if any(not p.warning for p in found):
            return Outcome(label, None, found)
        plan = build_plan(profile, job.catalog, settings.options)
        member = summarize(profile, plan, job.index)  # the real id: duplicates are found by it
        if settings.team.anonymize:  # plan files, their names and JSON lines carry the pseudonym
            plan = anonymized(plan, settings.team)
        if settings.out is not None and settings.formats:
            try:
                stem = file_stem(plan.employee.id)
            except ValueError as exc:
                employee = doc.data.get("employee")
                raise UpskillError(doc.problem(str(exc), employee, "id", "employee.id")) from None
            return Outcome(label, member, found, files=_write(job, stem, plan))
        line = ""
        if "jsonl" in settings.formats:
            from upskill.render.json import plan_to_dict

            line = json.dumps(plan_to_dict(plan), ensure_ascii=False, separators=(",", ":")) + "\n"
        return Outcome(label, member, found, line=line)
    except UpskillError as exc:
        return Outcome(label, None, column_names(source, exc.problems))
    except _WriteError as exc:
        return Outcome(label, None, (Problem(str(exc), file=str(settings.out)),), fatal=True)
    except RecursionError:
        return Outcome(label, None, (Problem("the input is nested too deeply", file=label),))
    except Exception as exc:  # a bug: report it against this employee and keep going with the others
        return Outcome(label, None, (Problem(f"internal error ({type(exc).__name__}: {exc}); "
                                             "please report this bug", file=label),))


def _write(job: _Job, stem: str, plan: Plan) -> tuple[tuple[str, str], ...]:
    out = job.settings.out
    assert out is not None
    written: list[tuple[str, str]] = []
    try:
        for fmt in job.settings.formats:
            data = render_plan(plan, job.catalog, fmt, explain=job.settings.explain).encode("utf-8")
            temp = f"{_temp_prefix}{next(_counter)}{TEMP_SUFFIX}"
            written.append((temp, stem + SUFFIXES[fmt]))
            write_new(os.path.join(out, temp), data, fsync=job.fsync_each)
    except BaseException as exc:
        for temp, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(out, temp))
        if isinstance(exc, OSError):
            raise _WriteError(f"cannot write in the output folder: {exc.strerror or exc}") from None
        raise
    return tuple(written)


# --- the run -----------------------------------------------------------------------------------------


def report_names(formats: Sequence[str]) -> list[str]:
    """The report files a batch writes next to the plans."""
    names = ["index.md", "team.md"]
    if "json" in formats:
        names.append("team.json")
    if "html" in formats:
        names += ["index.html", "team.html"]
    return names


def run_batch(inputs: Sequence[str], catalog: Catalog, settings: BatchSettings, reporter: Reporter | None = None,
              *, stream: IO[str] | None = None, stdin: IO[bytes] | None = None) -> BatchResult:
    """Plan every employee in `inputs`; write plans, index and team report to `settings.out`.

    With `settings.out` None and `("jsonl",)` formats, each plan goes to `stream` as one JSON
    line as soon as it is made; with no formats at all, nothing is written (`upskill team`).
    Failures are collected, never raised: only a problem with the output folder stops the run.
    """
    reporter = reporter or Reporter()
    if settings.out is not None and settings.out.is_dir():
        for spec in inputs:
            if spec != "-" and os.path.isdir(spec) and os.path.samefile(spec, settings.out):
                raise UsageError(Problem("--out is also an input folder: plans would mix with the profiles; "
                                         "choose another --out folder", file=spec))
    if settings.out is not None:
        folder: OutputFolder | None = OutputFolder(settings.out, force=settings.force)
        assert folder is not None
        folder.open()
    else:
        folder = None
    ok = False
    result = BatchResult()
    try:
        if folder is not None:
            folder.refuse_foreign(report_names(settings.formats))
        job = _Job(catalog, settings, SkillIndex(catalog), folder.run if folder else "stream",
                   folder.fsync_each if folder else False)
        sources = expand_inputs(inputs, catalog, encoding=settings.encoding, strict=settings.strict, stdin=stdin)
        with ordered_map(_work, sources, settings.jobs, _init_worker, job) as outcomes:
            _collect(outcomes, result, folder, reporter, stream, settings.formats, settings.team)
        if folder is not None:
            reporter.stage("writing the reports")
            folder.flush()
            _write_reports(folder, catalog, settings, result)
        ok = True
    finally:
        if folder is not None:
            folder.close(ok)
    return result


def collect_members(inputs: Sequence[str], catalog: Catalog, settings: BatchSettings,
                    reporter: Reporter | None = None, *, stdin: IO[bytes] | None = None) -> BatchResult:
    """Plan everyone without writing anything: the members for `upskill team`."""
    return run_batch(inputs, catalog, replace(settings, out=None, formats=()), reporter, stdin=stdin)


def _plan_names(members: Iterable[Member], formats: Sequence[str], team: TeamSettings) -> Iterator[str]:
    for member in members:
        stem = file_stem(team.shown_id(member.id))
        for fmt in formats:
            yield stem + SUFFIXES[fmt]


def _collect(outcomes: Iterator[Outcome], result: BatchResult, folder: OutputFolder | None, reporter: Reporter,
             stream: IO[str] | None, formats: Sequence[str], team: TeamSettings) -> None:
    """Decide each outcome in input order: accept, refuse (duplicate id, foreign file) or record the failure.

    Ids are compared as they are, and shown in messages as every output shows them (`team.shown_id`).
    """
    collector = _Collector(result, folder, reporter, stream, formats, team)
    for outcome in outcomes:
        collector.take(outcome)
    collector.finish()


_UNIQUE = "ids must be unique, ignoring case"


class _Collector:
    """The state of `_collect`: the ids seen so far, and the members retracted as duplicates."""

    def __init__(self, result: BatchResult, folder: OutputFolder | None, reporter: Reporter,
                 stream: IO[str] | None, formats: Sequence[str], team: TeamSettings):
        self.result, self.folder, self.reporter, self.stream = result, folder, reporter, stream
        self.formats, self.team = formats, team
        self.seen: dict[str, int] = {}  # id key -> index in result.members, or -1 once the id is known duplicated
        self.dropped: set[int] = set()  # members retracted as duplicates (removed at the end: indexes stay stable)

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
        key = id_key(member.id)
        first = self.seen.get(key)
        if first is not None:
            if self.folder is not None:
                self.folder.discard(outcome.files)
            self._duplicate(member, label, key, first)
        elif not self._refused_by_folder(outcome):
            self._accept(member, outcome, key)

    def _duplicate(self, member: Member, label: str, key: str, first: int) -> None:
        """`member`'s id was seen before, at `first` (-1: it is already known to be duplicated)."""
        shown, result = self.team.shown_id, self.result
        if first < 0:
            self.fail(label, (Problem(f"employee id '{shown(member.id)}' appears again ({_UNIQUE}); no plan written",
                                      file=label),))
        elif self.stream is not None:  # the first plan has gone out already: only this one can be refused
            self.fail(label, (Problem(f"employee id '{shown(member.id)}' is also used at {result.labels[first]}, "
                                      f"whose plan was already written ({_UNIQUE}); this one is skipped",
                                      file=label),))
        else:  # neither keeps a plan: nothing silently overwrites or shadows the other
            earlier, where = result.members[first], result.labels[first]
            if self.folder is not None:
                self.folder.retract(list(_plan_names([earlier], self.formats, self.team)))
            self.dropped.add(first)
            self.seen[key] = -1
            self.fail(where, (Problem(f"employee id '{shown(earlier.id)}' is also used at {label} ({_UNIQUE}); "
                                      "no plan written for either", file=where),))
            self.fail(label, (Problem(f"employee id '{shown(member.id)}' is also used at {where} ({_UNIQUE}); "
                                      "no plan written for either", file=label),))

    def _refused_by_folder(self, outcome: Outcome) -> bool:
        """Refuse (and report) plan files whose names are taken by a link, a folder or a file upskill did not write."""
        folder, label = self.folder, outcome.label
        if folder is None:
            return False
        unusable = folder.unusable(final for _, final in outcome.files)
        if unusable:  # a link or a folder where the plan goes: kept, even with --force
            folder.discard(outcome.files)
            what = "; ".join(f"{where} is {kind}" for where, kind in unusable)
            self.fail(label, (Problem(f"{what}; no plan written (upskill writes only plain files in "
                                      "the output folder, never through or over a link or a folder: remove it, or "
                                      "choose another --out folder)", file=label),))
            return True
        clash = folder.clashes(final for _, final in outcome.files)
        if clash:
            folder.discard(outcome.files)
            one = len(clash) == 1
            self.fail(label, (Problem(f"{', '.join(clash)} already exist{'s' if one else ''} in {folder.path} and "
                                      f"upskill did not write {'it' if one else 'them'}; not replaced (pass --force "
                                      f"to replace {'it' if one else 'them'})", file=label),))
            return True
        return False

    def _accept(self, member: Member, outcome: Outcome, key: str) -> None:
        result = self.result
        if outcome.problems:
            self.reporter.problems(outcome.problems)
        self.seen[key] = len(result.members)
        # Roles and dates repeat across a workforce; each arrives from a worker as a new string.
        member = member._replace(role=sys.intern(member.role), target_role=sys.intern(member.target_role),
                                 completion=sys.intern(member.completion), deadline=sys.intern(member.deadline))
        result.members.append(member)
        result.labels.append(outcome.label)
        if self.folder is not None:
            self.folder.stage(outcome.files)
        elif self.stream is not None and outcome.line:
            self.stream.write(outcome.line)

    def finish(self) -> None:
        """Remove the members retracted as duplicates."""
        result, dropped = self.result, self.dropped
        if dropped:
            result.members = [m for i, m in enumerate(result.members) if i not in dropped]
            result.labels = [x for i, x in enumerate(result.labels) if i not in dropped]


def failure_lines(failures: Sequence[tuple[str, Sequence[Problem]]]) -> list[tuple[str, str]]:
    """(input label, one line about its first problem) for the reports' lists of what failed."""
    return [(label, (str(problems[0]) + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
             if problems else label) for label, problems in failures]


def _write_reports(folder: OutputFolder, catalog: Catalog, settings: BatchSettings, result: BatchResult) -> None:
    from upskill.planning.team import build_team
    from upskill.render.index import index_chunks
    from upskill.render.team import team_chunks

    failures = failure_lines(result.failures)
    team = build_team(result.members, catalog, settings.team, failures)
    plans_link = next((f for f in ("markdown", "json", "html") if f in settings.formats), "markdown")
    start, formats = settings.options.start, settings.formats
    folder.write_report("index.md", index_chunks(result.members, failures, start=start, formats=formats,
                                                 fmt="markdown", plan_file=_plan_file(SUFFIXES[plans_link]),
                                                 team=team))
    folder.write_report("team.md", team_chunks(team, "markdown"))
    if "json" in settings.formats:
        folder.write_report("team.json", team_chunks(team, "json"))
    if "html" in settings.formats:
        folder.write_report("index.html", index_chunks(result.members, failures, start=start, formats=formats,
                                                       fmt="html", plan_file=_plan_file(".html"), team=team))
        folder.write_report("team.html", team_chunks(team, "html"))
    result.reports = report_names(settings.formats)


def _plan_file(suffix: str) -> Callable[[str], str]:
    """The name of a plan's file from the id the outputs show: what the index links to."""
    return lambda shown_id: file_stem(shown_id) + suffix
