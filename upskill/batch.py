"""Plan a whole workforce: many employees in parallel processes, written safely into one folder.

The flow, for each employee: `roster.expand` yields a source; a worker reads it (the same
`read_profile` as `upskill plan`), plans it, renders each format into a temporary file in the
output folder, and returns a small `team.Member` summary. The main process alone decides
what a temporary file becomes: it checks the id (duplicates, case-only clashes), refuses to
replace a file upskill did not write, and renames. The plans are never held in memory.

Safety rules (README, "What `batch` writes, and the safety rules"):
- atomic: every file is written as `.upskill-*.tmp` in the output folder and renamed into place
  once its contents are on disk (`os.sync` once per `SYNC_EVERY` files, else `fsync` per
  file), so a crash or kill never leaves a half-written plan; temporary files are removed on
  any failure, and a run removes those a killed run left behind;
- ids become file names through `file_stem`, an injective, portable encoding, and nothing is
  written outside the folder;
- two employees whose ids are equal ignoring case are both errors, and neither keeps a plan;
- `.upskill-manifest` lists the files upskill wrote; any other file is replaced only with `force`.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import os
import re
import secrets
import signal
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Callable, NamedTuple

from .errors import Problem, Problems, UpskillError, UsageError
from .model import Catalog, Plan
from .output import write_atomic
from .plan import Options, build_plan
from .profile import read_profile
from .roster import Notice, Source, as_error, column_names, expand
from .team import Member, SkillIndex, TeamSettings, summarize

MANIFEST = ".upskill-manifest"
MANIFEST_HEADER = "# Files written by `upskill batch` in this folder; it replaces only these (or any with --force).\n"
TEMP_PREFIX = ".upskill-"
TEMP_SUFFIX = ".tmp"
SUFFIXES = {"markdown": ".md", "json": ".json", "html": ".html"}
PLAN_FORMATS = ("markdown", "json", "html")
SYNC_EVERY = 512  # files made durable with one os.sync() before they are renamed into place
FLUSH_SECONDS = 1.0  # ... or fewer, at least this often, so plans appear (and the manifest grows) as the run goes
CHUNK = 16  # employees sent to a worker at a time
MAX_STEM = 120  # characters of an encoded id: leaves room for a suffix within any file system's 255
# Names Windows reserves in any folder, with any extension; and the names of our own reports.
RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
                      "index", "team"})
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
# An id that is its own file name (`E1042`, `ana.ruiz`): safe characters, no dot at either end.
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def file_stem(employee_id: str) -> str:
    """The file name (without suffix) for an employee id: portable, never a path, one per id.

    Letters, digits, `-`, `_` and inner dots are kept; every other character (`/`, `\\`, `%`,
    spaces, non-ASCII) becomes `%XX` per UTF-8 byte; a leading or trailing dot, and the first
    letter of a reserved name (`CON`, `nul.txt`, `index`, `team`), too. Distinct ids give
    distinct names, and ids that differ only in ASCII case give names that differ only in case.
    Raises `ValueError` for an id holding control characters or too long for a file name.
    """
    if (_PLAIN_ID.fullmatch(employee_id) and len(employee_id) <= MAX_STEM
            and employee_id.split(".", 1)[0].casefold() not in RESERVED):
        return employee_id  # the common case, without the walk below
    return _encoded_stem(employee_id)


def _encoded_stem(employee_id: str) -> str:
    if any(unicodedata.category(ch) == "Cc" for ch in employee_id):
        raise ValueError("the employee id holds a control character (e.g. a tab or line break); fix the id")
    out = []
    last = len(employee_id) - 1
    for i, ch in enumerate(employee_id):
        if ch in _SAFE and not (ch == "." and i in (0, last)):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", errors="surrogatepass"))
    stem = "".join(out)
    if stem.split(".", 1)[0].casefold() in RESERVED:
        stem = f"%{ord(stem[0]):02X}{stem[1:]}"
    if not stem:
        raise ValueError("the employee id is empty")
    if len(stem) > MAX_STEM:
        raise ValueError(f"the employee id is too long to name a file ({len(stem)} characters once encoded, "
                         f"at most {MAX_STEM})")
    return stem


def id_key(employee_id: str) -> str:
    """Ids equal under this key are the same employee: `E1`, `e1` and `Ｅ1` clash."""
    return unicodedata.normalize("NFKC", employee_id).casefold()


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


class Reporter:
    """Receives progress and problems as they happen; the CLI prints them. The default is silent."""

    def problems(self, problems: Sequence[Problem]) -> None:
        """Errors or warnings: each one line, already located (file:line: ...)."""

    def advance(self) -> None:
        """One more employee (or input) handled."""


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
_counter = itertools.count()


def _init_worker(job: _Job) -> None:
    """Worker start: keep the job (catalog loaded once per process); leave Ctrl-C to the main process."""
    global _job
    _job = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: stop when the main process dies (even by SIGKILL), instead of planning on for nobody."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the call
            os._exit(1)
    except (OSError, AttributeError):
        pass


class _WriteError(Exception):
    pass


def _work(source: Source) -> Outcome:
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
        found = column_names(source, [as_error(p) for p in problems.items] if settings.strict else problems.items)
        if any(not p.warning for p in found):
            return Outcome(label, None, found)
        plan = build_plan(profile, job.catalog, settings.options)
        member = summarize(profile, plan, job.index)
        if settings.out is not None and settings.formats:
            try:
                stem = file_stem(plan.employee.id)
            except ValueError as exc:
                employee = doc.data.get("employee")
                raise UpskillError(doc.problem(str(exc), employee, "id", "employee.id")) from None
            return Outcome(label, member, found, files=_write(job, stem, plan))
        line = ""
        if "jsonl" in settings.formats:
            from .render.json import plan_to_dict

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


def render_plan(plan: Plan, catalog: Catalog, fmt: str, explain: bool = False) -> str:
    """The plan in one of PLAN_FORMATS: the same text `upskill plan --format FMT` prints."""
    if fmt == "markdown":
        from .render.markdown import render_markdown

        return render_markdown(plan, catalog, explain=explain)
    if fmt == "json":
        from .render.json import render_json

        return render_json(plan)
    from .render.html import render_plan_html

    return render_plan_html(plan, catalog, explain=explain)


def _write(job: _Job, stem: str, plan: Plan) -> tuple[tuple[str, str], ...]:
    out = job.settings.out
    assert out is not None
    written: list[tuple[str, str]] = []
    try:
        for fmt in job.settings.formats:
            data = render_plan(plan, job.catalog, fmt, job.settings.explain).encode("utf-8")
            temp = f"{TEMP_PREFIX}{job.run}-{os.getpid()}-{next(_counter)}{TEMP_SUFFIX}"
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


def write_new(path: str | Path, data: bytes, fsync: bool = False) -> None:
    """Create `path` (it must not exist) with `data`; permissions as for any new file (0666 - umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)


# --- running the workers ---------------------------------------------------------------------------


@contextlib.contextmanager
def _outcomes(sources: Iterable[Source], job: _Job, jobs: int) -> Iterator[Iterator[Outcome]]:
    """Outcomes in input order: in this process for one job, else from `jobs` worker processes.

    Not `multiprocessing.Pool`: its queues share locks between processes, and stopping it early
    (`--out - | head`, Ctrl-C) deadlocks now and then when a worker dies holding one, or holds one
    while blocked writing results nobody reads. Here each worker has its own two pipes and
    nothing is shared, so stopping is always the same two steps: kill the workers, reap them.
    Chunk n goes to worker n % jobs, which answers its chunks in order, so reading the workers
    in turn gives the input order back. The pipes fill and block, so at most a few chunks are in
    flight: a huge roster is never read into memory.
    """
    global _job
    if jobs <= 1:
        _job = job
        yield map(_work, sources)
        return
    import multiprocessing
    import queue
    import threading

    # fork (Linux) starts workers in milliseconds with the catalog already loaded; elsewhere the
    # platform default (spawn) pickles the job to each worker once.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    # Forked workers share the parent's memory copy-on-write; a garbage collection in a worker
    # would touch every tracked object (the catalog's) and copy its pages. Freezing moves them
    # out of the collector's reach (the documented advice for forking servers).
    gc.freeze()
    workers: list[_Worker] = []
    finished = False
    try:
        workers.extend(_Worker.start(context, job) for _ in range(jobs))
        # Sent chunks are announced in order on `sent`; None ends the input, an exception is re-raised here.
        sent: queue.SimpleQueue[bool | BaseException | None] = queue.SimpleQueue()
        # The feeder is a thread so that reading the input never waits on planning, nor the reverse.
        threading.Thread(target=_feed, args=(sources, workers, sent), name="upskill-feeder", daemon=True).start()
        yield _gather(workers, sent)
        for worker in workers:
            worker.tasks.send(None)  # no more work: the worker returns
        finished = True
    finally:
        for worker in workers:
            if not finished:
                worker.process.kill()
            worker.process.join()
            worker.results.close()
            if finished:  # else the feeder may still hold `tasks`: it goes with the feeder
                worker.tasks.close()
        gc.unfreeze()  # a library caller's later garbage is collectable again


class _Worker(NamedTuple):
    """A worker process and this process's ends of its two pipes."""

    process: Any  # multiprocessing.Process
    tasks: Any  # Connection: lists of sources to plan, then None
    results: Any  # Connection: one list of outcomes per list of sources, in the same order

    @classmethod
    def start(cls, context: Any, job: _Job) -> _Worker:
        task_reader, task_writer = context.Pipe(duplex=False)
        result_reader, result_writer = context.Pipe(duplex=False)
        process = context.Process(target=_serve, args=(job, task_reader, result_writer), name="upskill-worker",
                                  daemon=True)
        process.start()
        # Only the worker keeps these ends: its death then shows here as end-of-file, not a hang.
        task_reader.close()
        result_writer.close()
        return cls(process, task_writer, result_reader)


def _serve(job: _Job, tasks: Any, results: Any) -> None:
    """A worker process: plan each list of sources it is sent, until None (or the main process is gone)."""
    _init_worker(job)
    with contextlib.suppress(EOFError, BrokenPipeError):
        for chunk in iter(tasks.recv, None):
            results.send([_work(source) for source in chunk])


def _feed(sources: Iterable[Source], workers: Sequence[_Worker], sent: Any) -> None:
    """Feeder thread: read the input, send chunk n to worker n % len(workers), announce each on `sent`."""
    try:
        iterator = iter(sources)
        chunks = iter(lambda: list(itertools.islice(iterator, CHUNK)), [])
        for number, chunk in enumerate(chunks):
            try:
                workers[number % len(workers)].tasks.send(chunk)
            except OSError:  # the worker is gone: announce the chunk, and reading its answer reports it
                sent.put(True)
                return
            sent.put(True)
        sent.put(None)
    except BaseException as exc:  # reading the input failed: re-raised in the main thread
        sent.put(exc)


def _gather(workers: Sequence[_Worker], sent: Any) -> Iterator[Outcome]:
    for number in itertools.count():
        announced = sent.get()
        if announced is None:
            return
        if isinstance(announced, BaseException):
            raise announced
        worker = workers[number % len(workers)]
        try:
            yield from worker.results.recv()
        except EOFError:  # killed from outside (the out-of-memory killer, say): its employees are unknown
            worker.process.join(5)
            code = worker.process.exitcode
            how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
            raise UpskillError(Problem(f"a worker process stopped unexpectedly ({how}); "
                                       "the plans written so far are complete; run the batch again (with --jobs 1 "
                                       "to find an employee that stops it)")) from None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# --- the output folder -------------------------------------------------------------------------------


class OutputFolder:
    """The folder plans go to: locked for one run, with a manifest of what upskill wrote.

    Renames are grouped: the temporary files of up to SYNC_EVERY plans are made durable with
    one `os.sync()`, their final names are appended to the manifest, then they are renamed.
    """

    def __init__(self, path: Path, *, force: bool = False):
        self.path = path
        self.force = force
        self.run = f"{os.getpid()}{secrets.token_hex(3)}"
        self.owned: dict[str, str] = {}  # lower-case name -> name, from the manifest
        self.others: dict[str, str] = {}  # lower-case name -> name, of the files here upskill did not write
        self.pending: list[tuple[str, str]] = []  # (temporary, final) not yet renamed
        self.fsync_each = not hasattr(os, "sync")
        self.flushed = time.monotonic()
        self._lock: int | None = None
        self._manifest: IO[str] | None = None
        self.written: set[str] = set()  # final names renamed into place by this run (small: reports only)

    # opening and closing

    def open(self) -> None:
        path = self.path
        if path.exists() and not path.is_dir():
            raise UsageError(Problem("--out must be a folder; this is a file", file=str(path)))
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._lock = _lock_folder(path)
        except BlockingIOError:
            raise UpskillError(Problem("another `upskill batch` is writing to this folder; wait for it "
                                       "to finish", file=str(path))) from None
        except OSError as exc:
            raise UpskillError(Problem(f"cannot use the output folder: {exc.strerror or exc}",
                                       file=str(path))) from None
        manifest = path / MANIFEST
        try:
            if manifest.exists():
                for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
                    name = line.strip()
                    if name and not name.startswith("#") and "/" not in name and "\\" not in name:
                        self.owned[name.lower()] = name
            # One listing says which names are someone else's, instead of a lookup per plan. Lower
            # case, so that on a case-insensitive disk `E1.md` never replaces someone's `e1.md`.
            # (A file added by hand during the run is not seen; a lookup then rename did not
            # make that safe either.)
            for entry in os.scandir(path):
                name = entry.name
                if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                    if self._lock is not None:  # no other run can be using it: a killed run left it
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                elif name.lower() not in self.owned:
                    self.others[name.lower()] = name
            fresh = not manifest.exists()
            self._manifest = open(manifest, "a", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in close()
            if fresh:
                self._manifest.write(MANIFEST_HEADER)
                self._manifest.flush()
        except OSError as exc:
            self.close(ok=False)
            raise UpskillError(Problem(f"cannot write the manifest: {exc.strerror or exc}",
                                       file=str(manifest))) from None

    def close(self, ok: bool, keep: Iterable[str] = ()) -> None:
        """Finish the run: on failure remove this run's temporary files; compact the manifest; unlock.

        `keep` lists the plan files this run wrote (it is consumed lazily).
        """
        try:
            if not ok:
                self.discard_pending()
                with contextlib.suppress(OSError):
                    for entry in os.scandir(self.path):  # temporary files of workers that were stopped
                        if entry.name.startswith(f"{TEMP_PREFIX}{self.run}-"):
                            with contextlib.suppress(OSError):
                                os.unlink(entry.path)
            if self._manifest is not None:
                self._manifest.close()
                self._manifest = None
                if ok:  # after a failure the appended manifest already lists every file renamed so far
                    with contextlib.suppress(OSError):
                        self._compact(keep)
            with contextlib.suppress(OSError):
                _sync_folder(self.path)
        finally:
            if self._lock is not None:
                with contextlib.suppress(OSError):
                    os.close(self._lock)
                self._lock = None

    def _compact(self, keep: Iterable[str]) -> None:
        names = {name for name in self.owned.values() if os.path.lexists(self.path / name)}
        names.update(keep)
        names.update(self.written)
        text = MANIFEST_HEADER + "".join(f"{name}\n" for name in sorted(names))
        temp = f"{TEMP_PREFIX}{self.run}-manifest{TEMP_SUFFIX}"
        try:
            write_new(self.path / temp, text.encode("utf-8"), fsync=True)
            os.replace(self.path / temp, self.path / MANIFEST)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(self.path / temp)
            raise

    # what may be written

    def foreign(self, name: str) -> str | None:
        """The file upskill did not write that writing `name` would replace (so it stays, unless force)."""
        return None if self.force else self.others.get(name.lower())

    def refuse_foreign(self, names: Sequence[str]) -> None:
        """Stop before any work if a report file would replace a file upskill did not write."""
        clash = [found for found in map(self.foreign, names) if found]
        if clash:
            one = len(clash) == 1
            raise UsageError(Problem(f"{', '.join(clash)} already exist{'s' if one else ''} here and upskill did "
                                     f"not write {'it' if one else 'them'}; choose another --out folder, or pass "
                                     f"--force to replace {'it' if one else 'them'}", file=str(self.path)))

    # staging and renaming

    def stage(self, files: Sequence[tuple[str, str]]) -> None:
        self.pending.extend(files)
        if len(self.pending) >= SYNC_EVERY or time.monotonic() - self.flushed >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Make the pending files durable, record them in the manifest, rename them into place."""
        self.flushed = time.monotonic()
        if not self.pending:
            return
        if not self.fsync_each:
            os.sync()
        assert self._manifest is not None
        try:
            self._manifest.write("".join(f"{final}\n" for _, final in self.pending))
            self._manifest.flush()
            folder = str(self.path)
            for temp, final in self.pending:
                os.replace(os.path.join(folder, temp), os.path.join(folder, final))
        except OSError as exc:
            raise UpskillError(Problem(f"cannot write in the output folder: {exc.strerror or exc}",
                                       file=str(self.path))) from None
        self.pending.clear()

    def discard(self, files: Iterable[tuple[str, str]]) -> None:
        for temp, _ in files:
            with contextlib.suppress(OSError):
                os.unlink(self.path / temp)

    def discard_pending(self) -> None:
        self.discard(self.pending)
        self.pending.clear()

    def retract(self, finals: Sequence[str]) -> None:
        """Remove plans this run accepted (pending or renamed), e.g. when their id turns out duplicated.

        The final file goes too, even if the rename is still pending (it is then an earlier run's plan
        for the same id): the folder ends the same whatever the timing of the renames.
        """
        self.discard([(t, f) for t, f in self.pending if f in finals])
        self.pending = [(t, f) for t, f in self.pending if f not in finals]
        for final in finals:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path / final)

    def write_report(self, name: str, chunks: Iterable[str]) -> None:
        """Write a report (index.md, team.md, ...) atomically from text chunks, without holding it whole."""
        assert self._manifest is not None
        self._manifest.write(f"{name}\n")
        self._manifest.flush()
        write_atomic(self.path / name, chunks, temp=f"{TEMP_PREFIX}{self.run}-report{TEMP_SUFFIX}")
        self.written.add(name)


def _lock_folder(path: Path) -> int | None:
    """Hold an exclusive lock on the folder for this run (POSIX); raises BlockingIOError when taken."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, and stale temporary files are kept
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise
    except OSError:  # a file system without locks (some network mounts): run unlocked
        os.close(fd)
        return None
    return fd


def _sync_folder(path: Path) -> None:
    """Make the renames themselves durable (POSIX: fsync the directory)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
        sources = expand(inputs, catalog, encoding=settings.encoding, strict=settings.strict, stdin=stdin)
        with _outcomes(sources, job, settings.jobs) as outcomes:
            _collect(outcomes, result, folder, reporter, stream, settings.formats)
        if folder is not None:
            folder.flush()
            _write_reports(folder, catalog, settings, result)
        ok = True
    finally:
        if folder is not None:
            folder.close(ok, keep=_plan_names(result.members, settings.formats) if ok else ())
    return result


def collect_members(inputs: Sequence[str], catalog: Catalog, settings: BatchSettings,
                    reporter: Reporter | None = None, *, stdin: IO[bytes] | None = None) -> BatchResult:
    """Plan everyone without writing anything: the members for `upskill team`."""
    return run_batch(inputs, catalog, replace(settings, out=None, formats=()), reporter, stdin=stdin)


def _plan_names(members: Iterable[Member], formats: Sequence[str]) -> Iterator[str]:
    for member in members:
        stem = file_stem(member.id)
        for fmt in formats:
            yield stem + SUFFIXES[fmt]


def _collect(outcomes: Iterator[Outcome], result: BatchResult, folder: OutputFolder | None, reporter: Reporter,
             stream: IO[str] | None, formats: Sequence[str]) -> None:
    """Decide each outcome in input order: accept, refuse (duplicate id, foreign file) or record the failure."""
    seen: dict[str, int] = {}  # id key -> index in result.members, or -1 once the id is known to be duplicated
    dropped: set[int] = set()  # members retracted as duplicates (removed at the end, keeping indexes stable)
    unique = "ids must be unique, ignoring case"

    def fail(label: str, problems: tuple[Problem, ...]) -> None:
        result.failures.append((label, problems))
        reporter.problems(problems)

    for outcome in outcomes:
        if outcome.fatal:  # the caller reports it and stops: the folder cannot take more files
            raise UpskillError(outcome.problems)
        if outcome.notice:
            reporter.problems(outcome.problems)
            continue
        reporter.advance()
        member, label = outcome.member, outcome.label
        if member is None:
            fail(label, outcome.problems)
            continue
        key = id_key(member.id)
        first = seen.get(key)
        if first is not None:
            if folder is not None:
                folder.discard(outcome.files)
            if first < 0:
                fail(label, (Problem(f"employee id '{member.id}' appears again ({unique}); no plan written",
                                     file=label),))
            elif stream is not None:  # the first plan has gone out already: only this one can be refused
                fail(label, (Problem(f"employee id '{member.id}' is also used at {result.labels[first]}, whose plan "
                                     f"was already written ({unique}); this one is skipped", file=label),))
            else:  # neither keeps a plan: nothing silently overwrites or shadows the other
                earlier, where = result.members[first], result.labels[first]
                if folder is not None:
                    folder.retract(list(_plan_names([earlier], formats)))
                dropped.add(first)
                seen[key] = -1
                fail(where, (Problem(f"employee id '{earlier.id}' is also used at {label} ({unique}); "
                                     "no plan written for either", file=where),))
                fail(label, (Problem(f"employee id '{member.id}' is also used at {where} ({unique}); "
                                     "no plan written for either", file=label),))
            continue
        if folder is not None:
            clash = [found for found in (folder.foreign(final) for _, final in outcome.files) if found]
            if clash:
                folder.discard(outcome.files)
                one = len(clash) == 1
                fail(label, (Problem(f"{', '.join(clash)} already exist{'s' if one else ''} in {folder.path} and "
                                     f"upskill did not write {'it' if one else 'them'}; not replaced (pass --force "
                                     f"to replace {'it' if one else 'them'})", file=label),))
                continue
        if outcome.problems:
            reporter.problems(outcome.problems)
        seen[key] = len(result.members)
        # Roles and dates repeat across a workforce; each arrives from a worker as a new string.
        member = member._replace(role=sys.intern(member.role), target_role=sys.intern(member.target_role),
                                 completion=sys.intern(member.completion), deadline=sys.intern(member.deadline))
        result.members.append(member)
        result.labels.append(label)
        if folder is not None:
            folder.stage(outcome.files)
        elif stream is not None and outcome.line:
            stream.write(outcome.line)
    if dropped:
        result.members = [m for i, m in enumerate(result.members) if i not in dropped]
        result.labels = [x for i, x in enumerate(result.labels) if i not in dropped]


def failure_lines(failures: Sequence[tuple[str, Sequence[Problem]]]) -> list[tuple[str, str]]:
    """(input label, one line about its first problem) for the reports' lists of what failed."""
    return [(label, (str(problems[0]) + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
             if problems else label) for label, problems in failures]


def _write_reports(folder: OutputFolder, catalog: Catalog, settings: BatchSettings, result: BatchResult) -> None:
    from .render.index import index_chunks
    from .render.team import team_chunks
    from .team import build_team

    failures = failure_lines(result.failures)
    team = build_team(result.members, catalog, settings.team, failures)
    plans_link = next((f for f in ("markdown", "json", "html") if f in settings.formats), "markdown")
    folder.write_report("index.md", index_chunks(result.members, failures, settings, "markdown",
                                                 SUFFIXES[plans_link], team))
    folder.write_report("team.md", team_chunks(team, "markdown"))
    if "json" in settings.formats:
        folder.write_report("team.json", team_chunks(team, "json"))
    if "html" in settings.formats:
        folder.write_report("index.html", index_chunks(result.members, failures, settings, "html", ".html", team))
        folder.write_report("team.html", team_chunks(team, "html"))
    result.reports = report_names(settings.formats)


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into SystemExit for the duration, so `finally` blocks clean up (main thread only)."""
    if not hasattr(signal, "SIGTERM") or signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    try:
        previous: Callable[..., Any] | int | None = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
