"""JSON text -> plain data (the standard library's json), located problems, and key positions on demand.

json.loads keeps no positions: a duplicate key, a refused number (NaN, 1e400) or half a
surrogate pair is located by walking the text (`_JsonWalk`), and so are the keys when a
problem asks (`json_positions`, through positions.LazyPositions).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from upskill.errors import Problem, UpskillError
from upskill.load.describe import not_finite, too_many_digits
from upskill.load.positions import Found, Position, line_column


def parse_json(text: str, name: str) -> Any:
    import json

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) < len(pairs):  # rare: walk the text to say where both are
            raise UpskillError(_json_duplicate(text, name))
        return out

    def finite(word: str) -> float:  # called for each number with a fraction or exponent: 1e400 is inf
        number = float(word)
        if number - number != 0:
            raise _BadNumber()
        return number

    def no_constant(word: str) -> Any:  # NaN, Infinity, -Infinity
        raise _BadNumber()

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_float=finite, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise UpskillError(
            Problem(f"JSON syntax error: {exc.msg}", file=name, line=exc.lineno, column=exc.colno)
        ) from None
    except RecursionError:
        raise UpskillError(Problem("the JSON is nested too deeply", file=name)) from None
    except (_BadNumber, ValueError) as exc:  # NaN, 1e400, or an integer of more than 4,300 digits
        raise UpskillError(_json_bad_number(text, name, exc)) from None
    if "\\u" in text:  # a \uXXXX escape may stand for half a UTF-16 pair, which no output can encode
        _json_surrogates(text, name)
    return data


class _BadNumber(Exception):
    """A JSON number upskill refuses: NaN, an infinity, or one too large for a float."""


def _json_bad_number(text: str, name: str, exc: Exception) -> Problem:
    """The problem for the first number json.loads refused, located by walking the text to it."""
    walk = _JsonWalk(text, check_numbers=True)
    try:
        walk.walk()
    except _BadNumber as bad:
        at = bad.args[0]
        written = _JSON_NUMBER.match(text, at)
        word = written.group() if written else text[at : at + 9]
        line, column = walk.position(at)
        digits = isinstance(exc, ValueError) and word.lstrip("-").isdigit()
        message = too_many_digits(word) if digits else not_finite(word)
        return Problem(message, file=name, line=line, column=column)
    except (ValueError, IndexError, RecursionError):
        pass
    if isinstance(exc, _BadNumber):
        return Problem("NaN and infinite numbers are not allowed; write a finite number", file=name)
    return Problem(f"JSON value error: {exc}", file=name)


_JSON_NUMBER = re.compile(r"-?(?:Infinity|NaN|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)")
# Each backslash escape of a JSON string in turn: a UTF-16 pair (fine), half of one (group 1), or any other.
_JSON_ESCAPE = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    r"|(u[dD][89a-fA-F][0-9a-fA-F]{2})|.)",
    re.DOTALL,
)


def _json_surrogates(text: str, name: str) -> None:
    """Refuse a `\\ud800` escape without its other half: Python keeps it as a lone surrogate, a
    string that cannot be written as UTF-8, so plans, reports and messages would fail to print it."""
    for match in _JSON_ESCAPE.finditer(text):
        if match.group(1):
            line, column = line_column(text, match.start())
            raise UpskillError(
                Problem(
                    f"the escape \\{match.group(1)} is half of a UTF-16 surrogate pair, not a "
                    "character; write the character itself, or both halves of its pair",
                    file=name,
                    line=line,
                    column=column,
                )
            )


def json_positions(text: str, data: Any, found: Found) -> None:
    _JsonWalk(text, found).walk(data)


class _DuplicateKey(Exception):
    def __init__(self, key: str, first: Position, again: Position):
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


class _JsonWalk:
    """Walk JSON text that json.loads accepted (up to a duplicate key), beside the data it gave,
    recording the (line, column) of each object's keys by id() of the dict holding them."""

    def __init__(self, text: str, found: Found | None = None, check_numbers: bool = False):
        import json.decoder

        self.text = text
        self.found = found
        self.check_numbers = check_numbers  # stop with _BadNumber(offset) at a number upskill refuses
        self.raw_decode = json.decoder.JSONDecoder().raw_decode
        self._space = re.compile(r"[ \t\n\r]*").match
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, at: int) -> Position:
        line = bisect.bisect_right(self.line_starts, at)
        return line, at - self.line_starts[line - 1] + 1

    def skip(self, at: int) -> int:
        """Where the first character that is not JSON white space is, from `at` on."""
        match = self._space(self.text, at)
        return match.end() if match else at

    def walk(self, data: Any = None) -> None:
        self.value(self.skip(0), data)

    def value(self, at: int, data: Any) -> int:
        """Walk the value starting at `at` (`data` is what it parsed to, or None); return where it ends."""
        text = self.text
        if text[at] == "{":
            marks: dict[Any, Position] = {}
            if self.found is not None and isinstance(data, dict):
                self.found[id(data)] = marks
            at = self.skip(at + 1)
            while text[at] != "}":
                key, end = self.raw_decode(text, at)
                if key in marks:
                    raise _DuplicateKey(key, marks[key], self.position(at))
                marks[key] = self.position(at)
                at = self.skip(self.skip(end) + 1)  # past the colon
                at = self.skip(self.value(at, data.get(key) if isinstance(data, dict) else None))
                if text[at] == ",":
                    at = self.skip(at + 1)
            return at + 1
        if text[at] == "[":
            at = self.skip(at + 1)
            index = 0
            while text[at] != "]":
                item = data[index] if isinstance(data, list) and index < len(data) else None
                at = self.skip(self.value(at, item))
                index += 1
                if text[at] == ",":
                    at = self.skip(at + 1)
            return at + 1
        if self.check_numbers and text[at] in "-0123456789NI":
            try:
                number, end = self.raw_decode(text, at)
            except ValueError:  # an integer of more digits than Python converts
                raise _BadNumber(at) from None
            if isinstance(number, float) and number - number != 0:
                raise _BadNumber(at)
            return end
        return self.raw_decode(text, at)[1]


def _json_duplicate(text: str, name: str) -> Problem:
    """The problem for a JSON object with a key twice, located at the second one."""
    try:
        _JsonWalk(text).walk()
    except _DuplicateKey as dup:
        first = f"at column {dup.first[1]}" if dup.first[0] == dup.again[0] else f"on line {dup.first[0]}"
        return Problem(
            f"duplicate key '{dup.key}' (first defined {first}); remove one of them",
            file=name,
            line=dup.again[0],
            column=dup.again[1],
        )
    except (ValueError, IndexError, RecursionError):
        pass
    return Problem("an object holds the same key twice; remove one of them", file=name)
