"""`ordered_map` with items given by a function: called once the workers run, so what it builds is not theirs.

A batch with sessions schedules its roster this way (batch/run.py): the second pass's workers are
forked before the schedule is made, so none holds a copy of its pages (issue 26 item 5).
"""

from __future__ import annotations

import os
import sys

import pytest

from upskill.batch.workers import ordered_map

_built: list[int] = []  # what the items' function builds, in the process that calls it


def _setup(state: None) -> None:
    pass


def _seen(item: int) -> tuple[int, int, int]:
    """(item, the process, how much of the built list this process holds)."""
    return item, os.getpid(), len(_built)


def _items() -> list[int]:
    _built.extend(range(1000))  # the schedule, say: made in the main process, after the fork
    return list(range(40))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_the_workers_do_not_hold_what_the_items_function_built():
    _built.clear()
    with ordered_map(_seen, _items, 2, _setup, None) as results:
        got = list(results)
    assert [item for item, _, _ in got] == list(range(40))  # all of them, in order
    assert {pid for _, pid, _ in got} - {os.getpid()}  # done in worker processes
    assert {held for _, _, held in got} == {0}  # none of them saw the list built after they started
    assert len(_built) == 1000
    _built.clear()


def test_one_job_calls_the_function_in_this_process():
    _built.clear()
    with ordered_map(_seen, _items, 1, _setup, None) as results:
        got = list(results)
    assert [item for item, _, _ in got] == list(range(40)) and {held for _, _, held in got} == {1000}
    _built.clear()
