"""The edge of the program: the one place that prints problems, writes the output and picks the exit status.

The library never prints and never exits; it raises `UpskillError` or returns a result with an
`exit_code`. Commands hand both to the functions here: `reports_errors` turns an error (or Ctrl-C,
SIGTERM, a reader that left) into one line on stderr and an exit status, `finish` ends a command
that has a result, and `to_stdout` / `write_out` make a failed write an error instead of a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TextIO, TypeVar

import click

from upskill.errors import Problem, UpskillError, apply_strict

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


F = TypeVar("F", bound=Callable[..., Any])


class Result(Protocol):
    """What a command that reports a summary ends with (validate's `Report`, batch's `BatchResult`)."""

    @property
    def exit_code(self) -> int:
        """0 when everything went well, 1 when something failed."""


# Here, not in options.py, because the group needs it at start-up and options.py imports the renderers' formats
color_option = click.option(
    "--color/--no-color",
    default=None,
    help="Colour the terminal table. Default: colour when stdout is a terminal and NO_COLOR is unset.",
)


def run_state() -> dict[str, Any]:
    """The group's options (--color, --debug, set by `upskill.cli.cli`) and what to add to `interrupted`."""
    return click.get_current_context().find_root().obj or {}


def reports_errors(command: F) -> F:
    """Print each `UpskillError` problem as one line on stderr and exit 1 (data) or 2 (usage).

    Also the one place for the other ways a command ends early: Ctrl-C and SIGTERM unwind (so
    `finally` blocks remove temporary files), then print one line and exit 130 or 143; a
    reader that left (`| head`) exits 0 quietly.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from upskill.cli.interrupt import Terminated, stop_on_sigterm

        try:
            with stop_on_sigterm():
                return command(*args, **kwargs)
        except UpskillError as exc:
            if run_state().get("debug"):
                raise
            for problem in exc.problems:
                print_problem(problem)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `upskill ... | head`: the reader left early, which is fine
            discard_stdout()
            sys.exit(0)
        except (KeyboardInterrupt, Terminated) as exc:
            click.echo(f"upskill: interrupted{run_state().get('interrupted', '')}", err=True)
            sys.exit(exc.code if isinstance(exc, Terminated) else 130)

    return wrapper  # type: ignore[return-value]


def finish(result: Result, summary: str) -> NoReturn:
    """End a command: its one summary line on stderr, then the result's exit status."""
    click.echo(summary, err=True)
    sys.exit(result.exit_code)


def discard_stdout() -> None:
    """Point stdout at /dev/null: else Python's flush of what is left in its buffer fails again at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a real file (a test's buffer)
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


@contextlib.contextmanager
def to_stdout() -> Iterator[TextIO]:
    """Standard output for the block, flushed at its end. A write that fails (a full disk, an I/O
    error) or a closed stdout (`>&-`) is one line and exit 1; a reader that left is `reports_errors`'."""

    if sys.stdout is None:  # Python's view of a closed stdout: click.echo would drop the output silently
        raise UpskillError(Problem("cannot write to standard output: it is closed; redirect it to a file"))
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        discard_stdout()
        raise UpskillError(Problem(f"cannot write to standard output: {exc.strerror or exc}")) from None


def echo_out(text: str, nl: bool = True) -> None:
    """click.echo to stdout, which fails out loud (`to_stdout`)."""
    with to_stdout() as out:
        click.echo(text, file=out, nl=nl)


def write_out(text: str | Iterable[str], output: str | None) -> None:
    """Text (or chunks of it) to stdout, or to the file `output` (atomically when it is a regular file)."""
    if output is None:
        with to_stdout() as out:
            for chunk in (text,) if isinstance(text, str) else text:
                out.write(chunk)
        return
    from upskill.write.atomic import write_output

    write_output(Path(output), text)
    click.echo(f"upskill: wrote {output}", err=True)


def print_problem(problem: Problem) -> None:
    """One problem as one line on stderr: `upskill: error: FILE:LINE: ...` (or `warning`)."""
    label = "warning" if problem.warning else "error"
    click.echo(f"upskill: {label}: {problem}", err=True)


def report_problems(problems: list[Problem], strict: bool) -> None:
    """Stop with every problem (exit 1) if any is an error, else print the warnings and go on.

    With --strict a warning counts as an error.
    """

    problems = apply_strict(problems, strict)
    if any(not p.warning for p in problems):
        raise UpskillError(problems)
    for problem in problems:
        print_problem(problem)
