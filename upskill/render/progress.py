"""What a batch shows on stderr while it runs: problems as they happen, and a progress bar on a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from upskill.batch.run import Reporter
from upskill.errors import Problem


class StderrReporter(Reporter):
    """Print each problem as one line on stderr; with `total` known or not, a rich bar when stderr is a terminal.

    The bar refreshes from this thread only (no refresh thread), so worker processes are never
    forked while another thread holds a lock.
    """

    def __init__(self, echo: Callable[[Problem], None], show_bar: bool | None = None,
                 total: int | None = None, noun: str = "employees"):
        self.echo = echo
        self.show_bar = sys.stderr.isatty() if show_bar is None else show_bar
        self.total = total
        self.noun = noun
        self.progress: Any = None
        self.task: Any = None
        self.last = 0.0

    def __enter__(self) -> StderrReporter:
        if self.show_bar:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            from upskill.render.terminal import make_console

            console = make_console(file=sys.stderr)
            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn(self.noun), TimeElapsedColumn(), console=console,
                                     auto_refresh=False, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("planning", total=self.total)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def problems(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            if self.progress is not None:
                from rich.text import Text

                label = "warning" if problem.warning else "error"
                self.progress.console.print(Text(f"upskill: {label}: {problem}"), soft_wrap=True)
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
