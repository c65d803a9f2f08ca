"""A worker killed while it sends its results (the pipe ends inside a message) is reported like one killed
between two messages: one located error, no traceback (a CI run once showed `OSError: got end of file
during message` escaping `upskill batch`)."""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import struct
from types import SimpleNamespace

import pytest

from upskill.batch.workers import _gather
from upskill.errors import UpskillError


class _Killed:
    """What `_gather` asks of a worker's process: gone, killed by SIGKILL."""

    exitcode = -signal.SIGKILL

    def join(self, timeout: float | None = None) -> None:
        return None


@pytest.mark.parametrize("sent", [b"", struct.pack("!i", 1000) + b"x" * 10], ids=["between", "inside"])
def test_a_worker_killed_while_sending_is_an_error_not_a_traceback(sent):
    reader, writer = multiprocessing.Pipe(duplex=False)
    os.write(writer.fileno(), sent)  # a message's length says 1,000 bytes; 10 come, then the pipe ends
    writer.close()
    worker = SimpleNamespace(process=_Killed(), results=reader, tasks=None)
    announced: queue.SimpleQueue[bool | None] = queue.SimpleQueue()
    announced.put(True)
    with pytest.raises(UpskillError) as caught:
        list(_gather([worker], announced, []))
    assert "a worker process stopped unexpectedly (killed by SIGKILL)" in str(caught.value)
    reader.close()
