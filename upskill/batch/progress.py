"""What a long run reports as it goes: the `Reporter` a batch calls, and `StderrReporter`, the CLI's.

It reports on stderr and renders no plan or team, so it lives with the run that calls it, not with
the renderers; the CLI passes a `StderrReporter` in. This module imports no rich: the bar
(render/terminal.py) is imported only when shown.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from upskill.errors import Problem


class Reporter:
    """Receives progress and problems as they happen; the CLI prints them. The default is silent."""

    def problems(self, problems: Sequence[Problem]) -> None:
        """Errors or warnings: each one line, already located (file:line: ...)."""

    def advance(self) -> None:
        """One more employee (or input) handled."""

    def stage(self, text: str) -> None:
        """Planning is over and `text` (e.g. writing the reports) follows: seconds for a large team."""


class StderrReporter(Reporter):
    """Print each problem as one line on stderr; with `total` known or not, a rich bar when stderr is a terminal.

    The bar refreshes from this thread only (no refresh thread), so worker processes are never
    forked while another thread holds a lock.
    """

    def __init__(
        self,
        echo: Callable[[Problem], None],
        show_bar: bool | None = None,
        total: int | None = None,
        noun: str = "employees",
    ):
        self.echo = echo
        self.show_bar = sys.stderr.isatty() if show_bar is None else show_bar
        self.total = total
        self.noun = noun
        self.progress: Any = None  # rich's Progress, while the bar shows
        self.task: Any = None
        self.last = 0.0

    def __enter__(self) -> StderrReporter:
        if self.show_bar:
            from upskill.render.terminal import progress_bar

            self.progress, self.task = progress_bar("planning", self.noun, self.total)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def problems(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            if self.progress is not None:
                from upskill.render.terminal import print_above_bar

                label = "warning" if problem.warning else "error"
                print_above_bar(self.progress, f"upskill: {label}: {problem}")
            else:
                self.echo(problem)

    def stage(self, text: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=text)
            self.progress.refresh()

    def advance(self) -> None:
        if self.progress is None:
            return
        self.progress.advance(self.task)
        now = time.monotonic()
        if now - self.last > 0.1:
            self.last = now
            self.progress.refresh()
