"""Map a function over a stream of items in worker processes, and get the results back in order.

`ordered_map` is what `upskill batch` runs its employees through. It is not
`multiprocessing.Pool`: a Pool's queues share locks between processes, and stopping it early
(`--out - | head`, Ctrl-C) deadlocked about one run in 15, when a worker died holding a lock,
or held one while blocked writing results nobody would read. Here each worker has its own two
pipes and nothing is shared, so stopping is always the same two steps: kill the workers, reap
them. Chunk n goes to worker n % jobs, which answers its chunks in order, so reading the
workers in turn gives the input order back. The pipes fill and block, so only a few chunks are
in flight: a huge input is never read into memory.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

from upskill.errors import Problem, UpskillError

CHUNK = 16  # items sent to a worker at a time

Item = TypeVar("Item")
Result = TypeVar("Result")
State = TypeVar("State")


@contextlib.contextmanager
def ordered_map(
    work: Callable[[Item], Result],
    items: Iterable[Item] | Callable[[], Iterable[Item]],
    jobs: int,
    setup: Callable[[State], None],
    state: State,
) -> Iterator[Iterator[Result]]:
    """`work` over `items`, in input order: in this process for one job, else in `jobs` processes.

    `items` may be a function giving them: it is called once the workers are started, so what it
    builds to give them (a batch's schedule) is not in the workers' memory.

    Each process first calls `setup(state)`: on Linux the workers are forked, so `state` (the
    catalog, say) is already in their memory; elsewhere it is pickled to each worker once, and
    `work` and `setup` must be module-level functions. Leaving the `with` block early, by an
    exception or Ctrl-C, kills the workers. Raises `UpskillError` if a worker is killed from
    outside.
    """
    if jobs <= 1:
        setup(state)
        # As in a forked worker (below): what is loaded so far (the catalog, the modules) is moved out of
        # the collector's reach, so the full collections of a long batch do not walk it again and again
        gc.freeze()
        try:
            yield map(work, items() if callable(items) else items)
        finally:
            gc.unfreeze()
        return
    import multiprocessing
    import queue
    import threading

    # fork (Linux) starts workers in milliseconds with the state already loaded; elsewhere the
    # platform default (spawn) pickles it to each worker once.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    # Forked workers share the parent's memory copy-on-write; a garbage collection in a worker
    # would touch every tracked object (the catalog's) and copy its pages. Freezing moves them
    # out of the collector's reach (the documented advice for forking servers).
    gc.freeze()
    workers: list[_Worker] = []
    finished = False
    try:
        try:
            workers.extend(_Worker.start(context, work, setup, state) for _ in range(jobs))
        except OSError as exc:  # fork or pipe refused: the process limit, or memory
            raise UpskillError(
                Problem(f"cannot start {jobs} worker processes ({exc.strerror or exc}); try fewer with --jobs")
            ) from None
        if callable(items):
            items = items()
        # Sent chunks are announced in order on `sent`; None ends the input, an exception is re-raised here.
        sent: queue.SimpleQueue[bool | BaseException | None] = queue.SimpleQueue()
        # The feeder is a thread so that reading the input never waits on the work, nor the reverse.
        threading.Thread(target=_feed, args=(items, workers, sent), name="upskill-feeder", daemon=True).start()
        ended: list[bool] = []  # _gather appends once every result has been read
        yield _gather(workers, sent, ended)
        finished = bool(ended)  # else the caller left early: the workers may be busy, so they are killed
        if finished:
            for worker in workers:
                worker.tasks.send(None)  # no more work: the worker returns
    finally:
        for worker in workers:
            if not finished:
                worker.process.kill()
            worker.process.join()
            worker.results.close()
            if finished:  # else the feeder may still hold `tasks`: it goes with the feeder
                worker.tasks.close()
        gc.unfreeze()  # a library caller's later garbage is collectable again


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class _Worker(NamedTuple):
    """A worker process and this process's ends of its two pipes."""

    process: Any  # multiprocessing.Process
    tasks: Any  # Connection: lists of items, then None
    results: Any  # Connection: one list of results per list of items, in the same order

    @classmethod
    def start(cls, context: Any, work: Callable[[Any], Any], setup: Callable[[Any], None], state: Any) -> _Worker:
        task_reader, task_writer = context.Pipe(duplex=False)
        result_reader, result_writer = context.Pipe(duplex=False)
        process = context.Process(
            target=_serve, args=(work, setup, state, task_reader, result_writer), name="upskill-worker", daemon=True
        )
        process.start()
        # Only the worker keeps these ends: its death then shows here as end-of-file, not a hang.
        task_reader.close()
        result_writer.close()
        return cls(process, task_writer, result_reader)


def _serve(work: Callable[[Any], Any], setup: Callable[[Any], None], state: Any, tasks: Any, results: Any) -> None:
    """A worker process: do each list of items it is sent, until None (or the main process is gone)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops us
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    setup(state)
    with contextlib.suppress(EOFError, BrokenPipeError):
        for chunk in iter(tasks.recv, None):
            results.send([work(item) for item in chunk])


def _die_with_parent() -> None:
    """Linux: stop when the main process dies (even by SIGKILL), instead of working on for nobody."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the call
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _feed(items: Iterable[Any], workers: Sequence[_Worker], sent: Any) -> None:
    """Feeder thread: read the input, send chunk n to worker n % len(workers), announce each on `sent`."""
    try:
        iterator = iter(items)
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


def _gather(workers: Sequence[_Worker], sent: Any, ended: list[bool]) -> Iterator[Any]:
    for number in itertools.count():
        announced = sent.get()
        if announced is None:
            ended.append(True)
            return
        if isinstance(announced, BaseException):
            raise announced
        worker = workers[number % len(workers)]
        try:
            results = worker.results.recv()
        # Killed from outside (the out-of-memory killer, say): its results are lost. Killed between two
        # messages, the pipe ends (EOFError); killed while sending one, it ends inside the message
        # (OSError "got end of file during message": likelier the larger a chunk's results are).
        except (EOFError, OSError):
            worker.process.join(5)
            code = worker.process.exitcode
            how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
            raise UpskillError(
                Problem(
                    f"a worker process stopped unexpectedly ({how}); "
                    "the plans written so far are complete; run the batch again (with --jobs 1 "
                    "to find an employee that stops it)"
                )
            ) from None
        yield from results
