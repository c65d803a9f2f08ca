"""Ctrl-C and SIGTERM: stop so that `finally` blocks run and no half-written file is left.

Python turns Ctrl-C (SIGINT) into `KeyboardInterrupt`; SIGTERM, by default, kills the process
on the spot, before any clean-up. `stop_on_sigterm` makes it raise `Terminated` instead, so
both unwind the same way; the CLI (`upskill.cli.edge.reports_errors`) then prints one line and exits 130
or 143. Kept apart from `batch` so that every command can use it without importing the batch
machinery.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from typing import Any


class Terminated(SystemExit):
    """SIGTERM was received: unwinds like Ctrl-C; exits 128 + 15 = 143 unless the CLI reports it first.

    A `SystemExit`, so the `except Exception` handlers that keep one employee's bug from
    stopping a batch do not swallow it.
    """


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into `Terminated` for the duration, so `finally` blocks clean up (main thread only).

    A handler someone else installed (an embedding program, a test runner) is left alone.
    """
    if not hasattr(signal, "SIGTERM") or signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise Terminated(128 + signum)

    try:
        previous: Callable[..., Any] | int | None = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
