"""`workers.ordered_map`: results in input order, whatever the number of processes; stopping early never hangs."""

from __future__ import annotations

import errno
import itertools
import multiprocessing
import os
import time

import pytest

from upskill.batch import workers
from upskill.batch.workers import CHUNK, ordered_map
from upskill.errors import UpskillError

_offset = 0


def _set_offset(offset: int) -> None:
    global _offset
    _offset = offset


def _shifted(n: int) -> tuple[int, int]:
    return n + _offset, os.getpid()


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_back_in_input_order(jobs):
    with ordered_map(_shifted, range(1000), jobs, _set_offset, 7) as results:
        out = list(results)
    assert [n for n, _ in out] == [n + 7 for n in range(1000)]
    used = {pid for _, pid in out}
    assert len(used) == jobs and (jobs == 1) == (used == {os.getpid()})  # the work really ran in the workers
    assert multiprocessing.active_children() == []


@pytest.mark.slow
def test_an_error_reading_the_input_reaches_the_caller_and_stops_the_workers():
    def items():
        yield from range(5 * CHUNK)
        raise ValueError("the roster broke")

    mapped = ordered_map(_shifted, items(), 2, _set_offset, 0)
    with pytest.raises(ValueError, match="the roster broke"), mapped as results:
        assert [n for n, _ in itertools.islice(results, 5 * CHUNK)] == list(range(5 * CHUNK))
        next(results)
    assert multiprocessing.active_children() == []


@pytest.mark.slow
def test_leaving_early_stops_the_workers_at_once():
    start = time.monotonic()
    with ordered_map(_shifted, itertools.count(), 2, _set_offset, 0) as results:  # an endless input
        assert next(results)[0] == 0
    assert multiprocessing.active_children() == []
    assert time.monotonic() - start < 20


def test_workers_that_cannot_start_are_an_error_not_a_traceback(monkeypatch):
    started = []

    def start(context, work, setup, state):
        if started:  # the second fork fails, as at a process limit
            raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
        started.append(real(context, work, setup, state))
        return started[-1]

    real = workers._Worker.start
    monkeypatch.setattr(workers._Worker, "start", start)
    mapped = ordered_map(_shifted, range(10), 2, _set_offset, 0)
    refused = r"cannot start 2 worker processes \(Resource temporarily unavailable\); try fewer with --jobs"
    with pytest.raises(UpskillError, match=refused), mapped:
        pass
    assert multiprocessing.active_children() == []  # the one that started is stopped
