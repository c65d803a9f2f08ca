"""Read one YAML, TOML or JSON file into plain Python data, safely, remembering where each key sits.

Everything that can go wrong with the bytes or the syntax of a file is turned into
an `UpskillError` naming the file and, where the parser knows it, the line and column.
What the data *means* is checked later, by `catalog` and `profile`.

YAML is read with a stricter loader than PyYAML's default, because the YAML 1.1 rules
silently change data a person typed (docs/robustness.md):
- only the safe constructors (no `!!python/object`);
- a duplicate key is an error naming both lines (PyYAML keeps the last one);
- `no`, `on`, `yes`, `off` stay strings, `0012` stays a string, dates stay strings
  (we parse and check them ourselves); only `true`/`false`, decimal numbers and `null`
  are implicitly typed, as in YAML 1.2;
- anchors and aliases are allowed, but a document whose aliases would expand past
  `MAX_EXPANDED_NODES` is refused before anything walks it ("billion laughs").

TOML and JSON are read by the standard library, which keeps no key positions: those are
found by walking the text again (`_toml_walk`, `_json_walk`), only when a problem asks.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, NamedTuple

import yaml

from upskill.errors import Problem, UpskillError
from upskill.model import NO_ENTRIES

try:  # libyaml's parser is several times faster; the constructor stays Python-side either way
    from yaml import CSafeLoader as _BaseLoader
    _LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]
    _LIBYAML = False

MAX_BYTES = 10 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000
STDIN = "-"

Position = tuple[int, int]  # 1-based line and column


class Document(NamedTuple):
    """The data of one file plus the position of each mapping key, where the format gives it."""

    name: str  # as shown to the user: the path given, or "<stdin>"
    data: dict[str, Any]
    positions: Mapping[int, Mapping[Any, Position]] = NO_ENTRIES  # by id() of the dict holding the key (lazy)

    def where(self, container: object, key: Any = None) -> Position | None:
        """Return the (line, column) of `key` in `container`, or None when unknown."""
        marks = self.positions.get(id(container))
        if marks is None:
            return None
        if key is None:
            return next(iter(marks.values()), None)
        return marks.get(key)

    def problem(self, message: str, container: object = None, key: Any = None, path: str = "",
                warning: bool = False) -> Problem:
        """Build a `Problem` located at `key` of `container` in this document."""
        pos = self.where(container, key) if container is not None else None
        return Problem(message, file=self.name, line=pos[0] if pos else None,
                       column=pos[1] if pos else None, path=path, warning=warning)


def read_document(path: str | Path, text: str | None = None) -> Document:
    """Read and parse one file (or `-`, standard input) into a `Document` whose top level is a mapping.

    The format comes from the extension: `.yaml`/`.yml`, `.toml`, `.json`; standard input and
    unknown extensions are read as JSON when the text starts with `{`, otherwise as YAML.
    `text` bypasses the file system (used for stdin and for tests).
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    if text is None:
        text = decode(read_bytes(path), name)
    suffix = os.path.splitext(name)[1].lower() if name != "<stdin>" else ""
    if not text.strip():
        raise UpskillError(Problem("the file is empty; expected a YAML, TOML or JSON mapping", file=name))
    positions: Mapping[int, Mapping[Any, Position]] = NO_ENTRIES
    if suffix == ".toml":
        data = _parse_toml(text, name)
        positions = _LazyPositions(text, data, _toml_walk)  # found only if a problem asks
    elif suffix == ".json" or (suffix not in (".yaml", ".yml") and text.lstrip().startswith("{")):
        data = _parse_json(text, name)
        positions = _LazyPositions(text, data, _json_walk)  # found only if a problem asks
    else:
        data, positions = _parse_yaml(text, name)
    if data is None:
        raise UpskillError(Problem("the file holds only comments; expected a mapping of keys", file=name))
    if not isinstance(data, dict):
        raise UpskillError(Problem(f"expected a mapping of keys at the top level, found {kind_of(data)}",
                                   file=name, line=1, column=1))
    return Document(name, data, positions)


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes (or stdin's for `-`), refusing directories and oversized files."""
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        if str(path) == STDIN:
            raw = read_limited(standard_input(), MAX_BYTES)
        else:
            with open(path, "rb", buffering=0) as fh:  # read_limited reads whole blocks: no buffer needed
                raw = read_limited(fh, MAX_BYTES)
    except IsADirectoryError:
        raise UpskillError(Problem("is a directory, expected a file", file=name)) from None
    except FileNotFoundError:
        raise UpskillError(Problem("no such file", file=name)) from None
    except PermissionError:  # Windows says this of a directory
        if os.path.isdir(path):
            raise UpskillError(Problem("is a directory, expected a file", file=name)) from None
        raise UpskillError(Problem("permission denied", file=name)) from None
    except OSError as exc:
        raise UpskillError(Problem(f"cannot read: {exc.strerror or exc}", file=name)) from None
    if len(raw) > MAX_BYTES:
        raise UpskillError(Problem(f"is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                                   "is it really a profile or catalog?", file=name))
    return raw


def standard_input() -> IO[bytes]:
    """Standard input, as bytes; an error when it is closed (`<&-`: Python then sets sys.stdin to None)."""
    import sys

    if sys.stdin is None:
        raise UpskillError(Problem("standard input is closed; pipe the input in, or name a file", file="<stdin>"))
    return sys.stdin.buffer


def read_limited(stream: IO[bytes], limit: int) -> bytes:
    """Up to `limit` + 1 bytes (one more than allowed tells the caller the input is too large).

    Not `stream.read(limit + 1)`: that allocates the whole limit (10 MB) up front, which
    cost more than parsing a profile. Reads in blocks sized from the file's length when known.
    """
    try:
        info = os.fstat(stream.fileno())
        size, regular = info.st_size, stat.S_ISREG(info.st_mode)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's BytesIO)
        size, regular = 0, False
    block = min(size + 1 if size else 1 << 16, limit + 1)
    chunks = []
    total = 0
    while total <= limit:
        wanted = min(block, limit + 1 - total)
        chunk = stream.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if regular and total >= size and len(chunk) < wanted:  # the end fstat reported: no read to confirm it
            break
    return b"".join(chunks)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), explaining binary and other encodings."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UpskillError(Problem("is UTF-16 encoded; save it as UTF-8", file=name))
    if b"\x00" in raw:
        raise UpskillError(Problem("looks like a binary file (it contains NUL bytes); "
                                   "expected YAML, TOML or JSON text", file=name))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UpskillError(Problem(f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                   "save it as UTF-8", file=name, line=line, column=column)) from None


def too_many_digits(written: str) -> str:
    """The problem with a whole number too long for Python to convert (more than 4,300 digits)."""
    digits = sum(c.isdigit() for c in written)
    return (f"a number of {digits:,} digits is too long to read (at most {sys.get_int_max_str_digits():,}); "
            "write an ordinary number")


def not_finite(written: str) -> str:
    """The problem with NaN, an infinity, or a number too large for a float (1e400), as written."""
    return f"expected a number, found '{written}', which is infinite or not a number; write a finite number"


def kind_of(value: object) -> str:
    """Name a parsed value's type the way a YAML author thinks of it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int) and not -10**20 < value < 10**20:
        return f"a number of {len(str(abs(value))):,} digits"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return f"'{shorten(value)}'" if isinstance(value, str) else type(value).__name__


def shorten(text: str, limit: int = 60) -> str:
    """`text`, or its start and its length when it is long (a 5,000-digit cell makes no readable message)."""
    return text if len(text) <= limit else f"{text[:limit - 20]}... ({len(text):,} characters)"


# --- YAML -------------------------------------------------------------------------------------


class _PythonComposer(yaml.composer.Composer):
    """PyYAML's Python composer, placed before the C parser in the loader's bases.

    libyaml's composer builds nodes with recursive C calls, so a deeply nested document
    (`a: [[[[...` 40,000 deep, 80 KB) overflows the C stack and kills the process. Fed
    by the same fast C parser, the Python composer stops with a RecursionError instead
    (reported by `_parse_yaml`). It costs a third of the time of reading a profile, so
    documents that cannot nest deeply take the C composer (`_compose`).
    """


# Every collection node starts at one of these characters (a flow `[` or `{`, a block
# sequence's `-`, a mapping key's `:` or `?`), so a document holding N of them nests at most
# N deep. libyaml's composer survived 20,000 levels on an 8 MB stack; 2,000 leaves room for
# far smaller stacks. Every profile is far below it; a large catalog may not be (and is cached).
_C_COMPOSER_MAX_INDICATORS = 2_000
_INDICATORS = "[{-?:"


def _compose(loader: _StrictLoader, text: str) -> yaml.Node | None:
    if _LIBYAML and sum(map(text.count, _INDICATORS)) <= _C_COMPOSER_MAX_INDICATORS:
        return _BaseLoader.get_single_node(loader)
    return loader.get_single_node()


_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP, _TIMESTAMP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))
_DECIMAL_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# The only implicit types, as in YAML 1.2's core schema (docs/robustness.md): keyed by first character.
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _tag, _pattern, _firsts in (
        (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
        (_INT, _DECIMAL_INT, "-+0123456789"),
        (_FLOAT, _DECIMAL_FLOAT, "-+0123456789."),
        (_NULL, re.compile(r"^(?:~|null|Null|NULL)$"), "~nN")):
    for _first in _firsts:
        _IMPLICIT[_first] = (*_IMPLICIT.get(_first, ()), (_tag, _pattern))
_IMPLICIT[""] = ((_NULL, re.compile("^$")),)


class _StrictLoader(_PythonComposer, _BaseLoader):
    """Safe loader with YAML 1.2-like implicit types, duplicate-key errors and key positions.

    `resolve` and `construct_object` take the common case (plain text, decimal numbers,
    true/false, null, lists) in a few lines instead of PyYAML's general machinery, which
    roughly halves the Python-side cost of a profile; every other tag goes the general way.
    """

    def __init__(self, stream: str) -> None:
        _BaseLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        self.positions: dict[int, dict[Any, Position]] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        tag = node.tag
        if type(node) is yaml.ScalarNode:
            value = node.value
            if tag == _STR:
                return value
            # An explicit tag may hold what the patterns refuse (`!!int 0x1F`): that goes to PyYAML.
            if tag == _INT and _DECIMAL_INT.match(value):
                try:
                    return int(value)
                except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
                    raise _YamlDataError(too_many_digits(value), node.start_mark) from None
            if tag == _FLOAT and _DECIMAL_FLOAT.match(value):
                number = float(value)
                if number - number == 0:  # finite: inf - inf and nan - nan are nan
                    return number
                raise _YamlDataError(not_finite(value), node.start_mark)
            if tag == _BOOL and value.lower() in ("true", "false"):
                return value.lower() == "true"
            if tag == _NULL and value in _NULLS:
                return None
            # PyYAML assumes a !!timestamp matches its pattern, and fails with AttributeError if not.
            if tag == _TIMESTAMP and not yaml.constructor.SafeConstructor.timestamp_regexp.match(value):
                raise _YamlDataError(f"!!timestamp '{value}' is not a date or time", node.start_mark)
        elif tag == _SEQ and type(node) is yaml.SequenceNode:
            # Not memoised per node: two aliases of one list give equal lists, not the same
            # one, which plain data cannot tell apart. A recursive alias is refused earlier.
            return [self.construct_object(child, deep=True) for child in node.value]
        elif tag == _MAP and type(node) is yaml.MappingNode:  # likewise
            return _construct_map(self, node)
        data = super().construct_object(node, deep=deep)
        if type(data) is float and data - data != 0:  # an explicit `!!float .nan` or `!!float .inf`
            raise _YamlDataError(not_finite(str(node.value)), node.start_mark)
        return data


class _YamlDataError(Exception):
    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.message = message
        self.mark = mark


# A key with one of these tags is kept as the text it was written as (see `_construct_map`).
_TEXT_KEY_TAGS = frozenset((_STR, _INT, _FLOAT, _BOOL, _NULL))


def _construct_map(loader: _StrictLoader, node: yaml.MappingNode) -> dict[str, Any]:
    """A mapping whose keys are all text, as written: every key upskill reads is a name, and
    `{1: a, true: b}` or `{1: a, 1.0: b}` are different names, not one Python key twice."""
    if not isinstance(node, yaml.MappingNode):
        raise _YamlDataError("expected a mapping", node.start_mark)
    data: dict[str, Any] = {}
    marks: dict[Any, Position] = {}
    construct = loader.construct_object
    for key_node, value_node in node.value:
        mark = key_node.start_mark
        if type(key_node) is not yaml.ScalarNode:
            raise _YamlDataError("a mapping key must be a plain value", mark)
        key = key_node.value
        if key_node.tag not in _TEXT_KEY_TAGS:  # construct it anyway, to refuse `!!python/...`
            construct(key_node, deep=True)
        if key in data:
            first = marks[key][0]
            raise _YamlDataError(f"duplicate key '{key}' (first defined on line {first}); "
                                 "remove one of them", mark)
        data[key] = construct(value_node, deep=True)
        marks[key] = (mark.line + 1, mark.column + 1)
    loader.positions[id(data)] = marks
    return data


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _expanded_size(root: yaml.Node) -> int:
    """Count the nodes the document has once every alias is expanded, stopping past the limit."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise _YamlDataError("an alias refers to its own anchor (a recursive structure)", node.start_mark)
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
        in_progress.discard(key)
        if total > MAX_EXPANDED_NODES:
            raise _YamlDataError(f"aliases expand this document past {MAX_EXPANDED_NODES:,} values "
                                 "(an alias bomb?); write the data out instead", node.start_mark)
        sizes[key] = total
        return total

    return size(root)


def _parse_yaml(text: str, name: str) -> tuple[Any, dict[int, dict[Any, Position]]]:
    loader = _StrictLoader(text)
    try:
        node = _compose(loader, text)
        if node is None:
            return None, {}
        if "*" in text:  # no alias without a `*`: only then can the document expand
            _expanded_size(node)
        data = loader.construct_document(node)
        return data, loader.positions
    except _YamlDataError as exc:
        raise UpskillError(_located(exc.message, exc.mark, name)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if "could not determine a constructor" in str(exc.problem):
            tag = str(exc.problem).rpartition(" for the tag ")[2]
            raise UpskillError(_located(f"the YAML tag {tag} is not allowed: upskill reads plain data only",
                                        mark, name)) from None
        raise UpskillError(_located(f"YAML syntax error: {message}", mark, name)) from None
    except yaml.reader.ReaderError as exc:  # a control character; its message spans lines
        at = min(max(exc.position, 0), len(text))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        char = f" (character #x{exc.character:04x})" if isinstance(exc.character, int) else ""
        raise UpskillError(Problem(f"YAML error: {exc.reason}{char}", file=name, line=line, column=column)) from None
    except yaml.YAMLError as exc:
        raise UpskillError(Problem(f"YAML error: {' '.join(str(exc).split())}", file=name)) from None
    except (ValueError, TypeError, OverflowError, LookupError) as exc:  # !!timestamp 0000-00-00, !!bool x
        raise UpskillError(Problem(f"YAML value error: {exc}", file=name)) from None
    except RecursionError:
        raise UpskillError(Problem("the YAML is nested too deeply", file=name)) from None
    finally:
        loader.dispose()


def _located(message: str, mark: Any, name: str) -> Problem:
    if mark is None:
        return Problem(message, file=name)
    return Problem(message, file=name, line=mark.line + 1, column=mark.column + 1)


# --- TOML and JSON ----------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _parse_toml(text: str, name: str) -> Any:
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
            return_problem = Problem(said or f"TOML syntax error: {message[:m.start()]}", file=name,
                                     line=line, column=int(m.group(2)))
        else:
            return_problem = Problem(f"TOML syntax error: {message}", file=name)
        raise UpskillError(return_problem) from None
    except RecursionError:
        raise UpskillError(Problem("the TOML is nested too deeply", file=name)) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise UpskillError(_toml_long_integer(text, name, exc)) from None
    if refused:  # located at the key holding the first one (tomllib keeps no positions)
        where = _first_key_holding(data, lambda value: type(value) is float and value - value != 0)
        pos = _LazyPositions(text, data, _toml_walk).get(id(where[0]), {}).get(where[1]) if where else None
        raise UpskillError(Problem(not_finite(refused[0]), file=name, line=pos[0] if pos else None,
                                   column=pos[1] if pos else None))
    return data


_TOML_LONG_INTEGER = re.compile(r"(?:^|[=\[,])[ \t]*([+-]?[0-9][0-9_]*)", re.MULTILINE)


def _toml_long_integer(text: str, name: str, exc: ValueError) -> Problem:
    """The problem for an integer too long to convert, located at the first one written as a value."""
    limit = sys.get_int_max_str_digits()
    for match in _TOML_LONG_INTEGER.finditer(text):
        written = match.group(1)
        if limit and len(written) - written.count("_") > limit:
            at = match.start(1)
            line = text.count("\n", 0, at) + 1
            return Problem(too_many_digits(written), file=name, line=line,
                           column=at - (text.rfind("\n", 0, at) + 1) + 1)
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
        first = next((n for n, text_line in enumerate(lines[:line - 1], start=1)
                      if (h := _TOML_HEADER.match(text_line)) and _spaceless(h.group(2)) == name), None)
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


def _parse_json(text: str, name: str) -> Any:
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
        raise UpskillError(Problem(f"JSON syntax error: {exc.msg}", file=name,
                                   line=exc.lineno, column=exc.colno)) from None
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
        word = written.group() if written else text[at:at + 9]
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
_JSON_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                          r"|(u[dD][89a-fA-F][0-9a-fA-F]{2})|.)", re.DOTALL)


def _json_surrogates(text: str, name: str) -> None:
    """Refuse a `\\ud800` escape without its other half: Python keeps it as a lone surrogate, a
    string that cannot be written as UTF-8, so plans, reports and messages would fail to print it."""
    for match in _JSON_ESCAPE.finditer(text):
        if match.group(1):
            at = match.start()
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            raise UpskillError(Problem(f"the escape \\{match.group(1)} is half of a UTF-16 surrogate pair, not a "
                                       "character; write the character itself, or both halves of its pair",
                                       file=name, line=line, column=column))


Found = dict[int, dict[Any, Position]]  # (line, column) of each key, by id() of the dict holding it


class _LazyPositions(Mapping[int, Mapping[Any, Position]]):
    """Where each key of a parsed TOML or JSON document sits, found on first use.

    The parsers that read TOML and JSON keep no positions, and almost every document is
    valid: so the text is walked again (`locate`) only when a problem needs a line.
    """

    def __init__(self, text: str, data: Any, locate: Callable[[str, Any, Found], None]):
        self._text = text
        self._data = data
        self._locate = locate
        self._found: Found | None = None

    def _positions(self) -> Found:
        if self._found is None:
            self._found = {}
            try:
                self._locate(self._text, self._data, self._found)
            except (ValueError, IndexError, KeyError, TypeError, RecursionError):  # a position is a nicety
                pass
        return self._found

    def __getitem__(self, key: int) -> Mapping[Any, Position]:
        return self._positions()[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


def _json_walk(text: str, data: Any, found: Found) -> None:
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
        return Problem(f"duplicate key '{dup.key}' (first defined {first}); remove one of them",
                       file=name, line=dup.again[0], column=dup.again[1])
    except (ValueError, IndexError, RecursionError):
        pass
    return Problem("an object holds the same key twice; remove one of them", file=name)


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


def _toml_walk(text: str, data: Any, found: Found) -> None:
    """Locate the keys of a TOML document line by line: tables, arrays of tables, dotted keys and
    the keys of inline tables. Keys it cannot place stay unknown; lines inside multi-line strings
    and arrays are skipped."""

    def mark(container: Any, key: str, line: int, column: int) -> None:
        if isinstance(container, dict):
            found.setdefault(id(container), {}).setdefault(key, (line, column + 1))

    def step(container: Any, key: str) -> Any:  # [a.b]: a names the last table so far of an array of tables
        value = container[key]
        return value[-1] if isinstance(value, list) and value and isinstance(value[-1], dict) else value

    seen: dict[tuple[int, str], int] = {}  # ([[a]]: id of the parent, "a") -> tables of that array seen

    def next_table(container: Any, key: str) -> Any:
        index = seen.get((id(container), key), 0)
        seen[(id(container), key)] = index + 1
        return container[key][index]

    def inline(value: dict[str, Any], line: str, number: int, start: int) -> None:
        """The keys of an inline table (`{level = 3, weight = 1.5}`), searched for from `start` on."""
        for key, item in value.items():
            found_key = re.compile(rf"[{{,][ \t]*({re.escape(key)}|\"{re.escape(key)}\")[ \t]*=").search(line, start)
            if found_key:
                mark(value, key, number, found_key.start(1))
                if isinstance(item, dict):
                    inline(item, line, number, found_key.end())

    table = data
    closing = ""  # the delimiter of the multi-line string being skipped
    depth = 0  # open brackets of a multi-line array being skipped
    for number, line in enumerate(text.split("\n"), start=1):  # TOML's line breaks only, as tomllib counts
        line = line.removesuffix("\r")
        if closing:
            if closing in line:
                closing = ""
            continue
        if depth:
            depth += _bracket_change(line)
            continue
        header = _TOML_HEADER.match(line)
        if header:
            keys = _toml_keys(header.group(2), header.start(2))
            table = data
            for key, column in keys[:-1]:
                mark(table, key, number, column)
                table = step(table, key)
            last, column = keys[-1]
            mark(table, last, number, column)
            table = step(table, last) if header.group(1) == "[" else next_table(table, last)
            continue
        assign = _TOML_ASSIGN.match(line)
        if not assign:
            continue
        container = table
        keys = _toml_keys(assign.group(1), assign.start(1))
        for key, column in keys[:-1]:
            mark(container, key, number, column)
            container = container[key]
        last, column = keys[-1]
        mark(container, last, number, column)
        rest = line[assign.end():]
        value = container.get(last) if isinstance(container, dict) else None
        if rest.startswith(('"""', "'''")) and rest[:3] not in rest[3:]:
            closing = rest[:3]
        elif rest.startswith("["):
            depth = _bracket_change(rest)
        elif rest.startswith("{") and isinstance(value, dict):
            inline(value, line, number, assign.end())


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
