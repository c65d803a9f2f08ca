"""TOML text -> plain data (the standard library's tomllib), located problems, and key positions on demand.

tomllib keeps no positions and words its errors as text: `parse_toml` turns its errors into
located problems (naming both lines of a key defined twice), and `toml_positions` finds each
key's line by walking the text again, only when a problem asks (positions.LazyPositions).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from upskill.errors import Problem, UpskillError
from upskill.load.describe import not_finite, too_many_digits
from upskill.load.positions import Found, LazyPositions, line_column

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def parse_toml(text: str, name: str) -> Any:
    import tomllib

    refused: list[str] = []

    def finite(word: str) -> float:  # each float as written: nan, inf, 1e400 (tomllib itself is pure Python)
        number = float(word)
        if number - number != 0:
            refused.append(word)
        return number

    try:
        data = tomllib.loads(text, parse_float=finite)
    except tomllib.TOMLDecodeError as exc:
        # tomllib only puts the position in the message text (docs/robustness.md).
        message = str(exc)
        m = _TOML_POSITION.search(message)
        if m:
            line = int(m.group(1))
            said = _toml_twice(text, line) if message.startswith(("Cannot overwrite", "Cannot declare")) else None
            # (tomllib's wording is no API: any other message is passed on as it is)
            return_problem = Problem(
                said or f"TOML syntax error: {message[: m.start()]}", file=name, line=line, column=int(m.group(2))
            )
        else:
            return_problem = Problem(f"TOML syntax error: {message}", file=name)
        raise UpskillError(return_problem) from None
    except RecursionError:
        raise UpskillError(Problem("the TOML is nested too deeply", file=name)) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise UpskillError(_toml_long_integer(text, name, exc)) from None
    if refused:  # located at the key holding the first one (tomllib keeps no positions)
        where = _first_key_holding(data, lambda value: type(value) is float and value - value != 0)
        pos = LazyPositions(text, data, toml_positions).get(id(where[0]), {}).get(where[1]) if where else None
        raise UpskillError(
            Problem(not_finite(refused[0]), file=name, line=pos[0] if pos else None, column=pos[1] if pos else None)
        )
    return data


_TOML_LONG_INTEGER = re.compile(r"(?:^|[=\[,])[ \t]*([+-]?[0-9][0-9_]*)", re.MULTILINE)


def _toml_long_integer(text: str, name: str, exc: ValueError) -> Problem:
    """The problem for an integer too long to convert, located at the first one written as a value."""
    limit = sys.get_int_max_str_digits()
    for match in _TOML_LONG_INTEGER.finditer(text):
        written = match.group(1)
        if limit and len(written) - written.count("_") > limit:
            line, column = line_column(text, match.start(1))
            return Problem(too_many_digits(written), file=name, line=line, column=column)
    return Problem(f"TOML value error: {exc}", file=name)


def _first_key_holding(data: Any, bad: Callable[[Any], bool]) -> tuple[dict[Any, Any], Any] | None:
    """The mapping and key whose value is, or holds (in lists), the first value for which `bad` is true."""

    def holds(value: Any) -> bool:
        return any(holds(item) for item in value) if isinstance(value, list) else bad(value)

    if isinstance(data, dict):
        for key, value in data.items():
            if holds(value):
                return data, key
            found = _first_key_holding(value, bad)
            if found:
                return found
    elif isinstance(data, list):
        for item in data:
            found = _first_key_holding(item, bad)
            if found:
                return found
    return None


def _toml_twice(text: str, line: int) -> str | None:
    """Say which key or table line `line` defines a second time, and where the first is (tomllib does not)."""
    lines = text.split("\n")
    header = _TOML_HEADER.match(lines[line - 1])
    if header and header.group(1) == "[":
        name = _spaceless(header.group(2))
        first = next(
            (
                n
                for n, text_line in enumerate(lines[: line - 1], start=1)
                if (h := _TOML_HEADER.match(text_line)) and _spaceless(h.group(2)) == name
            ),
            None,
        )
        if first is None:  # `a = 1` then `[a]`
            return f"[{name}] declares a table, but '{name}' already holds a value; rename one of them"
        return f"the table [{name}] is declared twice (first on line {first}); merge them into one"
    assign = _TOML_ASSIGN.match(lines[line - 1])
    if not assign:
        return None
    key = _spaceless(assign.group(1))
    first = None
    for number in range(line - 1, 0, -1):  # back to the start of this table
        text_line = lines[number - 1]
        if _TOML_HEADER.match(text_line):
            break
        earlier = _TOML_ASSIGN.match(text_line)
        if earlier and _spaceless(earlier.group(1)) == key:
            first = number
    where = f" (first defined on line {first})" if first else ""
    return f"duplicate key '{key}'{where}; remove one of them"


def _spaceless(dotted: str) -> str:
    """A dotted key as one compares it: `a . b` is `a.b`."""
    return "".join(dotted.split())


# TOML: a key as written (bare, "basic" or 'literal'), dotted keys, table and array-of-tables headers.
_TOML_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_TOML_DOTTED = rf"{_TOML_KEY}(?:[ \t]*\.[ \t]*{_TOML_KEY})*"
_TOML_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_TOML_DOTTED})[ \t]*\]")
_TOML_ASSIGN = re.compile(rf"[ \t]*({_TOML_DOTTED})[ \t]*=[ \t]*")
_TOML_PART = re.compile(_TOML_KEY)


def _toml_keys(dotted: str, start: int) -> list[tuple[str, int]]:
    """Each key of `a."b c".d` with the 0-based column it starts at (`start`: where `dotted` starts)."""
    keys = []
    for match in _TOML_PART.finditer(dotted):
        raw = match.group()
        if raw[0] == '"':
            import json

            key = json.loads(raw)  # TOML's basic-string escapes, as far as keys use them
        else:
            key = raw.strip("'")
        keys.append((key, start + match.start()))
    return keys


def toml_positions(text: str, data: Any, found: Found) -> None:
    """Locate the keys of a TOML document line by line: tables, arrays of tables, dotted keys and
    the keys of inline tables. Keys it cannot place stay unknown; lines inside multi-line strings
    and arrays are skipped."""
    _TomlWalk(data, found).walk(text)


class _TomlWalk:
    """The state of `toml_positions` as it reads the lines: the table the keys go into, and
    whether it is inside a multi-line string or array (whose lines hold no keys)."""

    def __init__(self, data: Any, found: Found):
        self.data = data
        self.found = found
        self.table = data
        self.closing = ""  # the delimiter of the multi-line string being skipped
        self.depth = 0  # open brackets of a multi-line array being skipped
        self.seen: dict[tuple[int, str], int] = {}  # ([[a]]: id of the parent, "a") -> tables of that array seen

    def walk(self, text: str) -> None:
        for number, line in enumerate(text.split("\n"), start=1):  # TOML's line breaks only, as tomllib counts
            line = line.removesuffix("\r")
            if self.closing:
                if self.closing in line:
                    self.closing = ""
                continue
            if self.depth:
                self.depth += _bracket_change(line)
                continue
            header = _TOML_HEADER.match(line)
            if header:
                self.header(header, number)
                continue
            assign = _TOML_ASSIGN.match(line)
            if assign:
                self.assignment(assign, line, number)

    def header(self, header: re.Match[str], number: int) -> None:
        """`[a.b]` or `[[a.b]]`: mark its keys, and make its table the one the next keys go into."""
        keys = _toml_keys(header.group(2), header.start(2))
        table = self.data
        for key, column in keys[:-1]:
            self.mark(table, key, number, column)
            table = self.step(table, key)
        last, column = keys[-1]
        self.mark(table, last, number, column)
        self.table = self.step(table, last) if header.group(1) == "[" else self.next_table(table, last)

    def assignment(self, assign: re.Match[str], line: str, number: int) -> None:
        """`a.b = value`: mark its keys; note a multi-line string or array that starts here."""
        container = self.table
        keys = _toml_keys(assign.group(1), assign.start(1))
        for key, column in keys[:-1]:
            self.mark(container, key, number, column)
            container = container[key]
        last, column = keys[-1]
        self.mark(container, last, number, column)
        rest = line[assign.end() :]
        value = container.get(last) if isinstance(container, dict) else None
        if rest.startswith(('"""', "'''")) and rest[:3] not in rest[3:]:
            self.closing = rest[:3]
        elif rest.startswith("["):
            self.depth = _bracket_change(rest)
        elif rest.startswith("{") and isinstance(value, dict):
            self.inline(value, line, number, assign.end())

    def mark(self, container: Any, key: str, line: int, column: int) -> None:
        if isinstance(container, dict):
            self.found.setdefault(id(container), {}).setdefault(key, (line, column + 1))

    @staticmethod
    def step(container: Any, key: str) -> Any:
        """[a.b]: a names the last table so far of an array of tables."""
        value = container[key]
        return value[-1] if isinstance(value, list) and value and isinstance(value[-1], dict) else value

    def next_table(self, container: Any, key: str) -> Any:
        """[[a]]: the next table of the array `a`."""
        index = self.seen.get((id(container), key), 0)
        self.seen[(id(container), key)] = index + 1
        return container[key][index]

    def inline(self, value: dict[str, Any], line: str, number: int, start: int) -> None:
        """The keys of an inline table (`{level = 3, weight = 1.5}`), searched for from `start` on."""
        for key, item in value.items():
            found_key = re.compile(rf"[{{,][ \t]*({re.escape(key)}|\"{re.escape(key)}\")[ \t]*=").search(line, start)
            if found_key:
                self.mark(value, key, number, found_key.start(1))
                if isinstance(item, dict):
                    self.inline(item, line, number, found_key.end())


def _bracket_change(text: str) -> int:
    """Brackets opened minus closed in one line of TOML, outside strings and comments."""
    change = 0
    quote = ""
    escaped = False
    for char in text:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char == "[":
            change += 1
        elif char == "]":
            change -= 1
    return change
