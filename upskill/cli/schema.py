"""`upskill schema NAME`: the JSON Schema (draft 2020-12) of a file upskill reads or a JSON it writes.

The schemas ship as files in `upskill/schemas/` (an editor or another program can point at them
without running upskill), and the command prints them byte for byte. Every schema is written by
hand from docs/json.md and the loaders, except the settings file's: its keys are the commands'
options, so `settings_schema` derives it from the click commands (as cli/config.py checks the
file), and a test keeps the shipped file equal to what it derives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from upskill.cli.edge import echo_out, reports_errors

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
# The files upskill reads, then the JSON documents its commands write (`catalog-update`: the --report of
# `catalog import --update`)
NAMES = (
    "profile",
    "catalog",
    "settings",
    "plan",
    "team",
    "fit",
    "diff",
    "catalog-list",
    "catalog-roles",
    "catalog-update",
)


def schema_path(name: str) -> Path:
    """The shipped file of schema `name` (one of NAMES)."""
    return SCHEMAS / f"{name}.schema.json"


@click.command(short_help="Print the JSON Schema of a file upskill reads or writes.")
@click.argument("name", type=click.Choice(NAMES))
@reports_errors
def schema(name: str) -> None:
    """Print the JSON Schema (draft 2020-12) of NAME: a file upskill reads (profile, catalog,
    settings) or a JSON document a command writes (plan, team, fit, diff, catalog-list,
    catalog-roles, catalog-update).

    Editors check a profile as you type with it (docs/editors.md).

    \b
    Examples:
      upskill schema profile > profile.schema.json
      upskill schema plan > plan.schema.json
    """
    echo_out(schema_path(name).read_text(encoding="utf-8"), nl=False)


# --- the settings file's schema, from the commands' options ------------------------------------------------

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def settings_schema(group: click.Group) -> dict[str, Any]:
    """The schema of `upskill.toml` (and `[tool.upskill]`): what cli/config.py accepts, key for key.

    A top-level key sets that option for every command that has it; a table named after a
    command (`[plan]`, `[catalog]`) sets it for that command only.
    """
    from upskill.cli.config import _leaves

    leaves = list(_leaves(group))
    values: dict[str, Any] = {}  # each option's values, once; the keys that set it refer to them
    shared = _options([command for _, command in leaves], values)
    properties: dict[str, Any] = dict(shared)
    for name in sorted(group.commands):
        table = {
            "type": "object",
            "description": f"settings for `upskill {name}` only; they win over the top-level ones",
            "properties": _options([c for path, c in leaves if path[0] == name], values),
            "additionalProperties": False,
        }
        properties[name] = {"anyOf": [properties[name], table]} if name in properties else table
    return {
        "$schema": _DRAFT,
        "$id": "urn:upskill:schema:settings",
        "title": "upskill settings (upskill.toml, or [tool.upskill] in pyproject.toml)",
        "description": (
            "Defaults for the commands' options: a key is an option's long name (`hours_per_week` or "
            "`hours-per-week`; a repeatable option also by its plural). A flag on the command line wins "
            '(docs/planning.md, README "Settings file").'
        ),
        "type": "object",
        "properties": dict(sorted(properties.items())),
        "additionalProperties": False,
        "$defs": dict(sorted(values.items())),
    }


def settings_text(group: click.Group) -> str:
    """The settings schema as the shipped file holds it (`upskill/schemas/settings.schema.json`)."""
    import json

    return json.dumps(settings_schema(group), indent=2, ensure_ascii=False) + "\n"


def _options(commands: list[click.Command], values: dict[str, Any]) -> dict[str, Any]:
    """Every key that sets an option of `commands`, in both spellings (`_` and `-`), referring to the
    option's values in `values` (added there the first time). A key several commands share must
    suit each of them (cli/config.py checks it against every one), hence `allOf`."""
    from upskill.cli.config import _keys

    found: dict[str, list[dict[str, str]]] = {}
    for command in commands:
        for key, param in _keys(command).items():
            name, value, number = str(param.name), _value(param), 1
            while values.setdefault(name, value) != value:  # another command's option of that name (its own choices)
                number += 1
                name = f"{param.name}-{number}"
            for spelling in (key, key.replace("_", "-")):
                refs = found.setdefault(spelling, [])
                if {"$ref": f"#/$defs/{name}"} not in refs:
                    refs.append({"$ref": f"#/$defs/{name}"})
    return {key: refs[0] if len(refs) == 1 else {"allOf": refs} for key, refs in sorted(found.items())}


def _value(param: click.Parameter) -> dict[str, Any]:
    """The TOML values an option takes (cli/config.py `_expected`): one, a list, or a KEY = VALUE table."""
    from upskill.cli.config import _expected

    kinds = _expected(param.type)[0]
    one: dict[str, Any]
    if bool in kinds:
        one = {"type": "boolean"}
    elif float in kinds:
        one = {"type": "number"}
    elif int in kinds:
        one = {"type": "integer"}
    elif getattr(param.type, "name", "") == "YYYY-MM-DD":
        one = {"type": "string", "format": "date"}
    else:
        one = {"type": "string"}
    if isinstance(param.type, click.Choice):
        one["enum"] = [str(choice) for choice in param.type.choices]
    if isinstance(param.type, (click.IntRange, click.FloatRange)):
        one.update({k: v for k, v in (("minimum", param.type.min), ("maximum", param.type.max)) if v is not None})
    help_text = " ".join((getattr(param, "help", None) or "").split())
    if not param.multiple:
        return {**one, "description": help_text} if help_text else one
    many: dict[str, Any] = {
        "anyOf": [
            one,
            {"type": "array", "items": one},
            {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
        ]
    }
    return {**many, "description": help_text} if help_text else many
