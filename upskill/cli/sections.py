"""Option groups: options declared together, given to the command as ONE settings object, and shown
under their own heading in `--help` ("Planning options", "Roster options", ...).

`group("roster", "Roster options", build, *decorators)` applies the options to a command and, when
it runs, calls `build(**their values)` and passes the result as the argument `roster`. A command
that declares a group gets every option added to it later, without a change to its signature.
Click has no sections of its own: `SectionedCommand` writes one per group.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
SECTION = "upskill_section"  # the attribute of a click.Option that names its heading in --help
OTHER = "Options"  # the heading of options in no group (and of --help)


def group(name: str, title: str, build: Callable[..., Any], *decorators: Callable[[F], F]) -> Callable[[F], F]:
    """The options `decorators` declare (top to bottom, as in --help), given as `name=build(**values)`."""

    def apply(command: F) -> F:
        @functools.wraps(command)
        def with_group(*args: Any, **kwargs: Any) -> Any:
            values = {param: kwargs.pop(param) for param in names}
            kwargs[name] = build(**values)
            return command(*args, **kwargs)

        with_group.__dict__["__click_params__"] = list(getattr(command, "__click_params__", []))
        before = len(with_group.__dict__["__click_params__"])
        wrapped: Any = with_group
        for decorator in reversed(decorators):
            wrapped = decorator(wrapped)
        added = wrapped.__click_params__[before:]
        for param in added:
            setattr(param, SECTION, title)
        names = [str(param.name) for param in added]
        return wrapped  # type: ignore[no-any-return]

    return apply


class SectionedCommand(click.Command):
    """A command whose --help lists its options under one heading per group, in the order declared."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        sections: dict[str, list[tuple[str, str]]] = {OTHER: []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                sections.setdefault(getattr(param, SECTION, OTHER), []).append(record)
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
