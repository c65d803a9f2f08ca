"""The settings file: `upskill.toml` in the working folder, or `[tool.upskill]` in its `pyproject.toml`.

It gives the commands' options their defaults, through click's `default_map`: a flag on the
command line wins over the file, the file over the catalog's own settings, and those over the
built-in defaults. Nothing here knows one option from another: a key is any option's long name
(`hours_per_week` or `hours-per-week`; a repeatable option also by its plural, `catalogs`), so an
option added later is settable without code here. Top-level keys apply to every command that
has the option; a table named after a command (`[plan]`, `[batch]`, `[team]`) to that command.

Every key and value is checked when the file is read, so a typo is one located error (exit 1)
naming the closest key, never a silently ignored setting. Only tomllib is imported.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any, NamedTuple

import click

from upskill.errors import Problem, UpskillError, did_you_mean

CONFIG_FILE = "upskill.toml"
PYPROJECT = "pyproject.toml"
# Options a file must not set: each would write or overwrite a user's files with no flag typed
# (a checkout's `[batch] out = "/elsewhere"` would fill any folder its reader may write in)
NOT_IN_CONFIG = frozenset({"force", "output", "out", "help"})
WRITES = {"force": "--force", "output": "-o", "out": "--out"}  # how to say them on the command line instead
# Options whose value a file sets is said on stderr: a checkout's settings choose what is read
SAID = frozenset({"template"})
# Commands a file does not configure: `init` writes the starter files, this one among them
NOT_CONFIGURED = frozenset({"init"})


class Config(NamedTuple):
    """The file read (as named on stderr) and the defaults it gives, as click's `default_map`."""

    path: str
    default_map: dict[str, Any]
    # (command names..., option) -> the key that set it (`plan.template`), for the options in SAID
    origins: dict[tuple[str, ...], str] = {}


def said_from_settings(ctx: click.Context, name: str, value: Any) -> None:
    """One line on stderr when the settings file, not the command line, gave option `name` its value."""
    from click.core import ParameterSource

    config = (ctx.obj or {}).get("settings")
    if value is None or config is None or ctx.get_parameter_source(name) is not ParameterSource.DEFAULT_MAP:
        return
    path: list[str] = []
    at: click.Context | None = ctx
    while at is not None and at.parent is not None:
        path.insert(0, str(at.info_name))
        at = at.parent
    key = config.origins.get((*path, name), name)
    flag = f"--{name.replace('_', '-')}"
    click.echo(f"upskill: {flag} {value} is set by '{key}' in the settings file {config.path}", err=True)


def find_config(explicit: str | None = None, disabled: bool = False) -> tuple[str, bool] | None:
    """(path, is it a pyproject.toml) of the settings file to use, or None."""
    if disabled:
        return None
    if explicit is not None:
        return explicit, os.path.basename(explicit) == PYPROJECT
    if os.path.isfile(CONFIG_FILE):
        return CONFIG_FILE, False
    if os.path.isfile(PYPROJECT):
        return PYPROJECT, True
    return None


def load_config(group: click.Group, path: str, pyproject: bool) -> Config | None:
    """Read and check the settings file; None for a pyproject.toml without `[tool.upskill]`.

    Raises `UpskillError` (exit 1) with every unknown key and wrong value, located.
    """
    from upskill.load.positions import LazyPositions
    from upskill.load.text import decode, read_bytes
    from upskill.load.toml_reader import parse_toml, toml_positions

    text = decode(read_bytes(path), path)
    data = parse_toml(text, path)
    table, prefix = data, ""
    if pyproject:
        table = data.get("tool", {}).get("upskill") if isinstance(data.get("tool"), dict) else None
        if table is None:
            return None
        prefix = "tool.upskill."
    checker = _Checker(path, prefix, LazyPositions(text, data, toml_positions))
    if not isinstance(table, dict):
        raise UpskillError(checker.problem(f"'{prefix[:-1]}' must be a table", data.get("tool", {}), "upskill"))
    default_map = checker.read(group, table)
    if checker.problems:  # once each: a top-level key is checked for every command that has it
        raise UpskillError(sorted(dict.fromkeys(checker.problems), key=lambda p: (p.line or 0, p.column or 0)))
    return Config(path, default_map, checker.origins)


def _keys(command: click.Command) -> dict[str, click.Parameter]:
    """The keys that set `command`'s options: the parameter name and each long flag, `_` for `-`."""
    keys: dict[str, click.Parameter] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in NOT_IN_CONFIG or param.hidden or not param.name:
            continue
        keys[param.name] = param
        for opt in param.opts:
            if opt.startswith("--"):
                keys[opt[2:].replace("-", "_")] = param
        if param.multiple:
            keys[param.name.rstrip("s") + "s"] = param
    return keys


def _leaves(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every runnable command under `command` with its path of names (`("catalog", "roles")`)."""
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            if name not in NOT_CONFIGURED:
                yield from _leaves(sub, (*path, name))
    else:
        yield path, command


class _Checker:
    """Checks a settings table against the commands' options, collecting located problems."""

    def __init__(self, path: str, prefix: str, positions: Any):
        self.path, self.prefix, self.positions = path, prefix, positions
        self.problems: list[Problem] = []
        self.origins: dict[tuple[str, ...], str] = {}

    def problem(self, message: str, container: object, key: Any) -> Problem:
        pos = self.positions.get(id(container), {}).get(key)
        return Problem(message, file=self.path, line=pos[0] if pos else None, column=pos[1] if pos else None)

    def read(self, group: click.Group, table: dict[str, Any]) -> dict[str, Any]:
        leaves = list(_leaves(group))
        default_map: dict[str, Any] = {}
        shared: dict[str, Any] = {}
        for key, value in table.items():
            name = str(key).replace("-", "_")
            if name in group.commands and isinstance(value, dict):  # `[plan]`; `catalog = [...]` is the option
                section = [(path, c) for path, c in leaves if path[0] == name]
                self.apply(f"{self.prefix}{key}.", value, value, section, default_map, wins=True)
            else:
                shared[key] = value
        # after the sections: a command's own table wins over a top-level key, whatever their order
        self.apply(self.prefix, shared, table, leaves, default_map, wins=False)
        return default_map

    def apply(
        self,
        prefix: str,
        table: dict[str, Any],
        container: dict[str, Any],
        commands: list[tuple[tuple[str, ...], click.Command]],
        default_map: dict[str, Any],
        *,
        wins: bool,
    ) -> None:
        """Check each key of `table` against `commands`' options; set it for those that have it."""
        for key, value in table.items():
            name = str(key).replace("-", "_")
            users = [(path, c, _keys(c)[name]) for path, c in commands if name in _keys(c)]
            if not users and name in WRITES:
                self.problems.append(
                    self.problem(
                        f"'{prefix}{key}' cannot be set in a settings file: a file must not choose what upskill "
                        f"writes; give {WRITES[name]} on the command line",
                        container,
                        key,
                    )
                )
                continue
            if not users:
                known = {k for _, c in commands for k in _keys(c)}
                where = (
                    f"`upskill {commands[0][0][0]}` has no such option" if wins and commands else "no command has it"
                )
                hint = did_you_mean(name, known if wins else known | {p[0] for p, _ in commands})
                self.problems.append(self.problem(f"unknown setting '{prefix}{key}': {where}{hint}", container, key))
                continue
            checked: dict[int, Any] = {}
            for path, _, param in users:
                if id(param) not in checked:
                    checked[id(param)] = self.value(param, value, f"{prefix}{key}", container, key)
                if checked[id(param)] is None:
                    continue
                target = default_map
                for part in path:
                    target = target.setdefault(part, {})
                if wins or str(param.name) not in target:
                    target[str(param.name)] = checked[id(param)]
                    if param.name in SAID:
                        self.origins[(*path, str(param.name))] = f"{prefix}{key}"

    def value(self, param: click.Parameter, value: Any, name: str, container: object, key: Any) -> Any:
        """`value` checked against the option's type (the raw value: click converts it when used)."""
        if param.multiple:
            if isinstance(value, dict):  # `[columns]` / `weights = {demand = 3}`: KEY=VALUE items
                value = [f"{k}={v}" for k, v in value.items()]
            elif not isinstance(value, list):
                value = [value]
            items = [self.item(param, v, name, container, key) for v in value]
            return None if any(i is _BAD for i in items) else items
        checked = self.item(param, value, name, container, key)
        return None if checked is _BAD else checked

    def item(self, param: click.Parameter, value: Any, name: str, container: object, key: Any) -> Any:
        expected = _expected(param.type)
        if not isinstance(value, expected[0]) or (isinstance(value, bool) and bool not in expected[0]):
            self.problems.append(self.problem(f"'{name}' must be {expected[1]}, found {_kind(value)}", container, key))
            return _BAD
        if isinstance(param.type, click.Path) and isinstance(value, str):
            value = self.relative(value)
        try:
            param.type.convert(value, param, None)
        except click.BadParameter as exc:
            self.problems.append(self.problem(f"'{name}': {exc.format_message()}", container, key))
            return _BAD
        return value

    def relative(self, value: str) -> str:
        """A path in the file is relative to the file's folder (`default` is the bundled catalog)."""
        folder = os.path.dirname(self.path)
        if not folder or value in ("default", "-") or os.path.isabs(value):
            return value
        return os.path.join(folder, value)


_BAD = object()


def _expected(kind: click.ParamType) -> tuple[tuple[type, ...], str]:  # type: ignore[type-arg,unused-ignore]
    """The TOML types an option takes, and how to say so."""
    if isinstance(kind, click.types.BoolParamType):
        return (bool,), "true or false"
    if isinstance(kind, click.types.IntParamType):
        return (int,), "a whole number"
    if isinstance(kind, click.types.FloatParamType):
        return (int, float), "a number"
    if getattr(kind, "name", "") == "YYYY-MM-DD":
        return (str, datetime.date), "a date (2027-01-04)"
    return (str,), "text (in quotes)"


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a table"}
    return next((word for t, word in names.items() if isinstance(value, t)), type(value).__name__)
