"""The texts `upskill init` writes: a starter profile, a starter settings file, a roster template's rows.

The settings file is derived from the commands' own options (the ones cli/config.py accepts), so
an option added later appears in it with no code here. The profile and the roster are derived from
the catalog, so they name its roles and skills as it writes them, and read back as written.
"""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from upskill.model import Catalog

# The HR headers of a roster template, each one of the built-in synonyms (load/rosters/columns.py)
ROSTER_HEADERS = (
    "Employee ID",
    "Name",
    "Job title",
    "Target role",
    "Learning hours per week",
    "Deadline",
    "Department",
    "Manager",
    "Location",
)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def profile_text(catalog: Catalog, role_id: str) -> str:
    """A commented YAML profile for `role_id` with every skill the role needs at level 0: it validates as written."""
    role = catalog.roles[role_id]
    scale = catalog.scale
    lines = [
        f"# A starter profile for the role {role.name} ({role.id}), written by `upskill init`.",
        "# Fill in the employee, then rate each skill: a number or a level name,",
        f"# {scale.describe()}. A skill left at 0 is one not learned yet.",
        "# Check it with `upskill validate FILE`, then plan with `upskill plan FILE`.",
        "employee:",
        "  id: E0001                   # the employee's id in your HR system",
        "  name: New Employee",
        "  # role: Marketing specialist  # the current job (optional)",
        f"  target_role: {role.id}  # see `upskill catalog roles` for the others",
        f"  hours_per_week: {_number(catalog.hours_per_week)}           # learning hours a week",
        "  # deadline: 2027-06-30      # when the target role should be reached (optional)",
        "skills:",
    ]
    for need in role.requires:
        skill = catalog.skills.get(need.skill)
        name = skill.name if skill else need.skill
        lines.append(f"  # {name}: the role needs {need.level} ({scale.name(need.level)})")
        lines.append(f"  {need.skill}: 0")
    return "\n".join(lines) + "\n"


def roster_rows(catalog: Catalog, role_id: str) -> list[list[str]]:
    """A roster template: the HR headers and every catalog skill's name, then one example employee to replace."""
    skills = list(catalog.skills.values())
    header = [*ROSTER_HEADERS, *(skill.name for skill in skills)]
    example = ["E0001", "New Employee", "", role_id, _number(catalog.hours_per_week), "", "", "", ""]
    return [header, example + [""] * len(skills)]


# --- the settings file ------------------------------------------------------------------------


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value) if isinstance(value, float) and not value.is_integer() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string is a JSON string


def _example(param: click.Option) -> str:
    """A value to show for an option without a default: what its type takes."""
    kind = param.type
    if isinstance(kind, click.types.BoolParamType):
        value: str = "true"
    elif isinstance(kind, click.Choice):
        value = _toml(str(next(iter(kind.choices))))
    elif getattr(kind, "name", "") == "YYYY-MM-DD":
        value = "2027-01-04"
    elif isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        value = "1"
    else:
        value = _toml(param.metavar or str(getattr(kind, "name", "")).upper() or "VALUE")
    return f"[{value}]" if param.multiple else value


_VALUES = (bool, int, float, str, datetime.date, list, tuple)


def _unset(param: click.Option) -> bool:
    """No default value: None, a callable, an empty list, or click's own "unset" marker (a flag's is false)."""
    default = param.default
    if param.is_flag and not isinstance(default, bool) and not param.secondary_opts:
        return False
    return not isinstance(default, _VALUES) or (param.multiple and not default)


def _default(param: click.Option) -> str:
    if _unset(param):
        return _example(param)
    if param.is_flag and not isinstance(param.default, bool):
        return "false"
    default: Any = param.default
    return _toml(list(default) if param.multiple else default)


def _entry(param: click.Option, commands: frozenset[str] = frozenset()) -> list[str]:
    """An option as two commented lines: its help, then `# key = default`.

    The key is the long flag's name, or the parameter's where that names a command too (`catalogs`:
    a top-level `catalog = [...]` and a `[catalog]` table cannot both be in one file).
    """
    flag = next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
    key = flag[2:].replace("-", "_")
    if key in commands:
        key = str(param.name)
    words = " ".join((param.help or "").split())
    note = " (no default: the value shown is a placeholder)" if _unset(param) else ""
    return [f"# {flag}: {words}{note}", f"# {key} = {_default(param)}"]


def _meaning(param: click.Option) -> tuple[object, ...]:
    """What must agree for one top-level key to serve several commands: help, default and choices."""
    choices = tuple(param.type.choices) if isinstance(param.type, click.Choice) else ()
    return (*_entry(param), choices)


def config_text(group: click.Group) -> str:
    """Every option a settings file can set, commented with its default: shared ones first, the rest per command."""
    from upskill.cli.config import CONFIG_FILE, _keys, _leaves

    owners: dict[str, list[tuple[str, click.Option]]] = {}
    for path, command in _leaves(group):
        for name, param in _keys(command).items():
            if name == param.name and isinstance(param, click.Option):
                owners.setdefault(name, []).append((path[0], param))
    commands = frozenset(group.commands)
    shared: list[click.Option] = []
    per_command: dict[str, dict[str, click.Option]] = {}
    for name, users in sorted(owners.items()):
        if len({top for top, _ in users}) > 1 and len({_meaning(p) for _, p in users}) == 1:
            shared.append(users[0][1])  # one meaning and one default everywhere: one top-level key
            continue
        for top, param in users:
            per_command.setdefault(top, {}).setdefault(name, param)
    lines = [
        f"# {CONFIG_FILE}: upskill reads it from the folder it runs in (or [tool.upskill] in pyproject.toml).",
        "# Every setting is here, commented out, with its default; uncomment a line to change it.",
        "# A flag on the command line wins over this file. A key at the top applies to every command",
        "# that has the option; a key in a [command] table to that command only.",
        "",
    ]
    for param in shared:
        lines += [*_entry(param, commands), ""]
    for top in sorted(per_command):
        lines += [f"[{top}]", ""]
        for param in per_command[top].values():
            lines += [*_entry(param, commands), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
