"""The one error type users see, and the problems it carries.

The core never prints and never exits: it raises `UpskillError` (bad data, exit 1)
or `UsageError` (bad command line, exit 2), and the CLI prints each problem as one
line on stderr.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with one input, located as precisely as we know."""

    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    path: str = ""  # the key path inside the document, e.g. "skills.prompt-engineering"
    warning: bool = False

    def __str__(self) -> str:
        where = self.file
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [p for p in (where, self.path) if p]
        prefix = ": ".join(parts)
        return printable(f"{prefix}: {self.message}" if prefix else self.message)


def printable(text: str) -> str:
    """Escape newlines and other control characters (e.g. a terminal escape in a quoted key),
    so a problem always prints as one line and input data cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def apply_strict(problems: list[Problem], strict: bool) -> list[Problem]:
    """Return `problems` with every warning made an error when `strict` (what --strict means, everywhere)."""
    return [p._replace(warning=False) for p in problems] if strict else problems


class UpskillError(Exception):
    """Bad input data: one or more problems, exit status 1."""

    exit_code = 1

    def __init__(self, problems: Problem | str | Sequence[Problem]):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateBudgetError(UpskillError):
    """A user template ran out of steps or time (render/template_guard.py). The template, not one
    person's data, is at fault and the next render would cost as much again, so `batch` stops at
    the first instead of paying the budget once per employee."""


class UsageError(UpskillError):
    """A bad command-line value (a flag, not a file's content): exit status 2."""

    exit_code = 2


class Problems:
    """Collect problems while reading, so one run reports all of them, not the first."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise UpskillError(self.errors)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean X?)' for the closest choice, or '' when none is close."""
    import difflib  # only when something is wrong: keep it off the start-up path

    close = difflib.get_close_matches(str(word).lower(), sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
