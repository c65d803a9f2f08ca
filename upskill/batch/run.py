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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING

from upskill.batch.collect import (
    TEMPLATE,
    BatchResult,
    Outcome,
    Planned,
    collect_outcomes,
    failure_lines,
    plan_suffix,
)
from upskill.batch.kept import ShareFields, dump_markdown, dump_plan, load_markdown, load_plan
from upskill.batch.progress import Reporter
from upskill.batch.store import MemberStore
from upskill.batch.workers import ordered_map
from upskill.errors import Problem, Problems, TemplateBudgetError, UpskillError, UsageError, apply_strict
from upskill.load.profile import far_deadline_warning, read_profile
from upskill.load.rosters.columns import RosterSettings
from upskill.load.rosters.inputs import expand_inputs
from upskill.load.rosters.plain_rows import row_profile
from upskill.load.rosters.sources import InputSource, Notice, RowSource, column_names
from upskill.load.rosters.survey import survey_rosters
from upskill.model import Catalog, Plan
from upskill.planning.attend import Assignment, attend, learner_parts
from upskill.planning.members import SkillIndex, summarize
from upskill.planning.plan import Options, build_plan
from upskill.planning.team import TeamSettings, anonymous
from upskill.render import Extras, batch_formats, render_plan
from upskill.write.folder import TEMP_PREFIX, TEMP_SUFFIX, OutputFolder, file_stem, write_new

if TYPE_CHECKING:
    from upskill.render.custom import UserTemplate

_BACK_TO_INDEX = Extras(index_page="index.html")  # an HTML plan links to the index.html written beside it


# --- settings, outcomes, reporting ------------------------------------------------------------------


@dataclass(frozen=True)
class BatchSettings:
    """What `upskill batch` (and `upskill team`) was asked to do."""

    options: Options
    out: Path | None = None  # None: no plan files (the team report only, or JSON Lines to `stream`)
    formats: tuple[str, ...] = ("markdown",)  # render.batch_formats(), "template.EXT" for `template`, or ("jsonl",)
    jobs: int = 1
    strict: bool = False
    explain: bool = False
    force: bool = False
    roster: RosterSettings = RosterSettings()  # how to read rosters: encoding, columns, sheet, dates
    team: TeamSettings = TeamSettings()
    template: str | None = None  # the user's template file (`--template`); its format is "template" + suffix


# --- the worker: one employee in, one Outcome out ----------------------------------------------------


@dataclass(frozen=True)
class _Job:
    catalog: Catalog
    settings: BatchSettings
    index: SkillIndex
    run: str  # this run's mark in temporary file names
    fsync_each: bool  # no os.sync() on this platform: make each file durable itself
    first_pass: bool = False  # plan only, for the roster's schedule: no files, no lines, a learner record
    keep_plans: bool = False  # first pass: send each plan back (pickled) for the second pass to write
    keep_markdown: bool = False  # first pass: send each plan's Markdown pieces back instead (`_markdown_only`)


_job: _Job | None = None
_temp_prefix = ""  # this process's temporary file names: the run, then the process id
_counter = itertools.count()
_stopped: tuple[Problem, ...] = ()  # why this process stopped rendering (a template out of budget)


def _init_worker(job: _Job) -> None:
    """Keep the job in this process (each worker's copy: the catalog is loaded once per process)."""
    global _job, _temp_prefix, _stopped
    _job, _stopped = job, ()
    _temp_prefix = f"{TEMP_PREFIX}{job.run}-{os.getpid()}-"


_KEPT = 2  # the part of a member's record that holds the plan kept between the passes (`_plan_one`)


class _WriteError(Exception):
    pass


def _work(item: tuple[InputSource, Assignment | None] | Planned) -> Outcome:
    global _stopped
    job = _job
    assert job is not None, "worker not initialised"
    if isinstance(item, Planned):
        return _write_planned(job, item)
    source, share = item
    label = source.label
    if isinstance(source, Notice):
        return Outcome(label, None, source.problems, notice=True)
    if _stopped:  # the rest of this worker's chunk, after the template ran out of budget: not read
        return Outcome(label, None, _stopped, fatal=True)
    # A roster row's problems name its employee beside file:row:col (as every output shows the id)
    row_id = source.employee_id() if isinstance(source, RowSource) else ""
    who = job.settings.team.shown_id(row_id) if row_id else ""
    try:
        return _plan_one(job, source, who, share)
    except TemplateBudgetError as exc:  # every other render would cost the same: stop the run
        said = "; the batch stops here, as every other plan would take as long"
        _stopped = tuple(p._replace(message=p.message + said) for p in column_names(source, exc.problems, who))
        return Outcome(label, None, _stopped, fatal=True)
    except UpskillError as exc:
        return Outcome(label, None, column_names(source, exc.problems, who))
    except _WriteError as exc:
        return Outcome(label, None, (Problem(str(exc), file=str(job.settings.out)),), fatal=True)
    except RecursionError:
        return Outcome(label, None, (Problem("the input is nested too deeply", file=label),))
    except Exception as exc:  # a bug: report it against this employee and keep going with the others
        return Outcome(
            label, None, (Problem(f"internal error ({type(exc).__name__}: {exc}); please report this bug", file=label),)
        )


def _plan_one(job: _Job, source: InputSource, who: str, share: Assignment | None) -> Outcome:
    """One employee read, planned, summarised for the team, and written (or made a JSON line)."""
    settings, label = job.settings, source.label
    # A plain roster row is read straight into its profile; a row with anything to say, the old way (plain_rows.py)
    profile = row_profile(source, job.catalog) if isinstance(source, RowSource) else None
    doc = None
    found: tuple[Problem, ...] = ()
    if profile is None:
        doc = source.document()
        problems = Problems()
        profile = read_profile(doc, job.catalog, problems, as_of=settings.options.as_of)
        found = column_names(source, apply_strict(problems.items, settings.strict), who)
        if any(not p.warning for p in found):
            return Outcome(label, None, found)
        if settings.options.deadline is None and not isinstance(source, RowSource):  # rows: the survey says it once
            far = far_deadline_warning(doc, profile, settings.options.start)
            found += (far,) if far is not None else ()
    employee = profile.employee
    if settings.team.anonymize:  # planned as the pseudonym: no name can reach any text of the plan
        profile = profile._replace(employee=anonymous(employee, settings.team))
    # A team-only run (no formats) reads only the schedule of each plan: no advice to compute.
    plan = build_plan(profile, job.catalog, settings.options, advice=bool(settings.formats))
    # The member has the real id (duplicates are found by it) and attributes (--group-by)
    # (the plan's employee is the profile's: a new plan only when --anonymize planned the pseudonym)
    real = plan if plan.employee is employee else plan._replace(employee=employee)
    member = summarize(profile, real, job.index, settings.team.group_by)
    if settings.out is not None and settings.formats:
        try:
            stem = file_stem(plan.employee.id)
        except ValueError as exc:
            doc = doc or source.document()
            raise UpskillError(doc.problem(str(exc), doc.data.get("employee"), "id", "employee.id")) from None
    if job.first_pass:  # the roster is scheduled before anything is written: the plan is kept for the second pass
        learner = learner_parts(plan, profile, job.catalog.planning, settings.team.shown_id(employee.id), member.group)
        if job.keep_markdown:  # the text of the plan, the roster's parts left open: no plan to keep
            from upskill.render.markdown import markdown_pieces

            # in UTF-8, as it is written: each step's text encoded once for all the plans with that step
            kept: object = dump_markdown(stem, markdown_pieces(plan, job.catalog, explain=settings.explain, utf8=True))
        else:
            kept = dump_plan(plan, job.catalog) if job.keep_plans else b""
        return Outcome(label, member, found, learner=(*learner, kept))
    if share is not None:
        plan = attend(plan, share)
    if settings.out is not None and settings.formats:
        return Outcome(label, member, found, files=_write(job, stem, plan))
    return Outcome(label, member, found, line=_line(job, plan))


def _write_planned(job: _Job, item: Planned) -> Outcome:
    """The second pass: a plan of the first with its share of the schedule written in, then written out."""
    global _stopped
    label, settings = item.label, job.settings
    if _stopped:
        return Outcome(label, None, _stopped, fatal=True)
    try:
        if _markdown_only(settings):  # the Markdown of the first pass, its roster's parts filled from the share
            from upskill.render.markdown import fill_markdown_utf8

            stem, pieces = load_markdown(item.plan)
            data = fill_markdown_utf8(pieces, ShareFields(item.share))
            return Outcome(label, item.member, files=_write_texts(job, stem, (("markdown", data),)))
        plan = attend(load_plan(item.plan, job.catalog), item.share)
        if settings.out is not None and settings.formats:
            return Outcome(label, item.member, files=_write(job, file_stem(plan.employee.id), plan))
        return Outcome(label, item.member, line=_line(job, plan))
    except TemplateBudgetError as exc:
        said = "; the batch stops here, as every other plan would take as long"
        _stopped = tuple(p._replace(message=p.message + said, file=p.file or label) for p in exc.problems)
        return Outcome(label, None, _stopped, fatal=True)
    except _WriteError as exc:
        return Outcome(label, None, (Problem(str(exc), file=str(settings.out)),), fatal=True)
    except UpskillError as exc:
        return Outcome(label, None, exc.problems)
    except Exception as exc:  # a bug: report it against this employee and keep going with the others
        return Outcome(
            label, None, (Problem(f"internal error ({type(exc).__name__}: {exc}); please report this bug", file=label),)
        )


def _line(job: _Job, plan: Plan) -> str:
    """The plan as one JSON line (JSON Lines mode), or ""."""
    if "jsonl" not in job.settings.formats:
        return ""
    from upskill.render.json import plan_to_dict

    return json.dumps(plan_to_dict(plan, job.catalog), ensure_ascii=False, separators=(",", ":")) + "\n"


def _markdown_only(settings: BatchSettings) -> bool:
    """Plan files in Markdown alone: a roster scheduled together keeps each plan's Markdown between its two
    passes, not the plan (batch/kept.py)."""
    return settings.out is not None and settings.formats == ("markdown",)


def _write(job: _Job, stem: str, plan: Plan) -> tuple[tuple[str, str], ...]:
    return _write_texts(job, stem, ((fmt, _render(job, plan, fmt).encode("utf-8")) for fmt in job.settings.formats))


def _render(job: _Job, plan: Plan, fmt: str) -> str:
    if fmt.startswith(TEMPLATE):
        assert job.settings.template is not None
        from upskill.render.custom import render_template

        return render_template(_user_template(job.settings.template), plan, job.catalog)
    return render_plan(plan, job.catalog, fmt, explain=job.settings.explain, extras=_BACK_TO_INDEX)


def _write_texts(job: _Job, stem: str, texts: Iterable[tuple[str, bytes]]) -> tuple[tuple[str, str], ...]:
    """Each (format, text in UTF-8) into a temporary file of the output folder: (temporary, final name) of each."""
    out = job.settings.out
    assert out is not None
    written: list[tuple[str, str]] = []
    try:
        for fmt, data in texts:  # rendered one at a time: a failed render leaves no file behind
            temp = f"{_temp_prefix}{next(_counter)}{TEMP_SUFFIX}"
            written.append((temp, stem + plan_suffix(fmt)))
            write_new(os.path.join(out, temp), data, fsync=job.fsync_each)
    except BaseException as exc:
        for temp, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(out, temp))
        if isinstance(exc, OSError):
            raise _WriteError(f"cannot write in the output folder: {exc.strerror or exc}") from None
        raise
    return tuple(written)


@cache
def _user_template(path: str) -> UserTemplate:
    """The user's template, compiled once per worker process (Jinja2 templates do not travel between processes)."""
    from upskill.render.custom import load_template

    return load_template(path)


# --- the run -----------------------------------------------------------------------------------------


def report_names(formats: Sequence[str]) -> list[str]:
    """The report files a batch writes next to the plans."""
    names = ["index.md", "team.md"]
    if "json" in formats:
        names.append("team.json")
    if "html" in formats:
        names += ["index.html", "team.html"]
    return names


def run_batch(
    inputs: Sequence[str],
    catalog: Catalog,
    settings: BatchSettings,
    reporter: Reporter | None = None,
    *,
    stream: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
) -> BatchResult:
    """Plan every employee in `inputs`; write plans, index and team report to `settings.out`.

    With `settings.out` None and `("jsonl",)` formats, each plan goes to `stream` as one JSON
    line as soon as it is made; with no formats at all, nothing is written (`upskill team`).
    Failures are collected, never raised: only a problem with the output folder stops the run.
    """
    reporter = reporter or Reporter()
    options = settings.options
    survey = survey_rosters(
        inputs,
        catalog,
        settings.roster,
        strict=settings.strict,
        shown_id=settings.team.shown_id,
        start=options.start if options.deadline is None else None,  # --deadline overrides the rosters'
    )
    if survey.errors:  # the stop-or-go decision: before the output folder is touched
        raise UpskillError(survey.errors)
    reporter.problems(survey.notes)
    if settings.out is not None and settings.out.is_dir():
        for spec in inputs:
            if spec != "-" and os.path.isdir(spec) and os.path.samefile(spec, settings.out):
                raise UsageError(
                    Problem(
                        "--out is also an input folder: plans would mix with the profiles; choose another --out folder",
                        file=spec,
                    )
                )
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
        job = _Job(
            catalog,
            settings,
            SkillIndex(catalog),
            folder.run if folder else "stream",
            folder.fsync_each if folder else False,
        )
        result = _plan_and_write(inputs, catalog, settings, job, reporter, folder, stream, stdin)
        if folder is not None:
            reporter.stage("writing the reports")
            folder.flush()
            if result.members:  # else no report: a team.md of nobody would say "No gaps"
                _write_reports(folder, catalog, settings, result)
        ok = True
    finally:
        if folder is not None:
            folder.close(ok)
    return result


def _plan_and_write(
    inputs: Sequence[str],
    catalog: Catalog,
    settings: BatchSettings,
    job: _Job,
    reporter: Reporter,
    folder: OutputFolder | None,
    stream: IO[str] | None,
    stdin: IO[bytes] | None,
) -> BatchResult:
    """Plan and write everyone; with sessions, plan everyone first, schedule the roster, then plan and write."""

    def sources(stdin: IO[bytes] | None) -> Iterator[InputSource]:
        return expand_inputs(inputs, catalog, strict=settings.strict, stdin=stdin, roster=settings.roster)

    # With sessions, the first pass plans everyone (each plan kept on disk beside its member), the roster
    # is scheduled, and the second pass writes each plan with its share of the schedule in.

    # Under --anonymize, the members' temporary file holds them enciphered: no name reaches it readable. The
    # plan kept beside each (part 2: markdown_pieces or dump_plan) is not: made from the pseudonymous record,
    # it holds what its plan file will, and deciphering it would cost a fifth of a plan.
    private = settings.team.anonymize
    result = BatchResult(members=MemberStore(private=private, clear_from=_KEPT))
    if not settings.team.sessions:
        items = ((source, None) for source in sources(stdin))
        with ordered_map(_work, items, settings.jobs, _init_worker, job) as outcomes:
            collect_outcomes(outcomes, result, folder, reporter, stream, settings.formats, settings.team)
        return result
    from upskill.batch.roster import planned, schedule_store

    writes = folder is not None or stream is not None
    markdown = _markdown_only(settings)
    first = replace(job, first_pass=True, keep_plans=writes and not markdown, keep_markdown=writes and markdown)
    items = ((source, None) for source in sources(stdin))
    # Every problem and the progress are reported here; a duplicate id is found here, as without sessions
    with ordered_map(_work, items, settings.jobs, _init_worker, first) as outcomes:
        # (the folder: a duplicate id retracts an earlier run's plan of it; no file is staged in this pass)
        collect_outcomes(outcomes, result, folder, reporter, stream, settings.formats, settings.team)

    def scheduled() -> Iterator[Planned]:
        reporter.stage("scheduling the roster together")
        roster = schedule_store(
            result.members,
            catalog.planning,
            settings.team.cohort_max,
            settings.options.start,
            shares=writes,
            cohort_min=settings.team.cohort_min,
        )
        result.roster = written.roster = roster
        return planned(result.members, roster.shares)

    written = BatchResult(members=MemberStore(private=private, clear_from=_KEPT), failures=result.failures)
    if not writes:
        scheduled()
        return result
    # The second pass's workers are started first, then the roster is scheduled (`ordered_map` calls
    # `scheduled` once they run): forked after it, each would hold the schedule's pages too.
    with ordered_map(_work, scheduled, settings.jobs, _init_worker, job) as outcomes:
        collect_outcomes(outcomes, written, folder, _ProblemsOnly(reporter), stream, settings.formats, settings.team)
    return written


class _ProblemsOnly(Reporter):
    """The second pass reports problems (a file in the way), not progress: the first counted everyone."""

    def __init__(self, reporter: Reporter):
        self.reporter = reporter

    def problems(self, problems: Sequence[Problem]) -> None:
        self.reporter.problems(problems)


def collect_members(
    inputs: Sequence[str],
    catalog: Catalog,
    settings: BatchSettings,
    reporter: Reporter | None = None,
    *,
    stdin: IO[bytes] | None = None,
) -> BatchResult:
    """Plan everyone without writing anything: the members for `upskill team`."""
    return run_batch(inputs, catalog, replace(settings, out=None, formats=()), reporter, stdin=stdin)


def _write_reports(folder: OutputFolder, catalog: Catalog, settings: BatchSettings, result: BatchResult) -> None:
    from upskill.batch.roster import with_schedule
    from upskill.planning.team import build_team
    from upskill.render.index import index_chunks
    from upskill.render.team import team_chunks

    failures = failure_lines(result.failures)
    team = build_team(result.members, catalog, settings.team, failures)
    team = with_schedule(team, result.roster, catalog, settings.team, settings.options.start)
    linked = (*batch_formats(), *(f for f in settings.formats if f.startswith(TEMPLATE)))
    plans_link = next((f for f in linked if f in settings.formats), "markdown")
    start, formats = settings.options.start, settings.formats
    folder.write_report(
        "index.md",
        index_chunks(
            result.members,
            failures,
            start=start,
            formats=formats,
            fmt="markdown",
            plan_file=_plan_file(plan_suffix(plans_link)),
            team=team,
        ),
    )
    folder.write_report("team.md", team_chunks(team, "markdown"))
    if "json" in settings.formats:
        folder.write_report("team.json", team_chunks(team, "json"))
    if "html" in settings.formats:
        folder.write_report(
            "index.html",
            index_chunks(
                result.members,
                failures,
                start=start,
                formats=formats,
                fmt="html",
                plan_file=_plan_file(".html"),
                team=team,
            ),
        )
        folder.write_report("team.html", team_chunks(team, "html"))
    result.reports = report_names(settings.formats)


def _plan_file(suffix: str) -> Callable[[str], str]:
    """The name of a plan's file from the id the outputs show: what the index links to."""
    return lambda shown_id: file_stem(shown_id) + suffix
