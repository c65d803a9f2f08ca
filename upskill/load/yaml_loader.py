"""The strict YAML loader: text -> plain data, with the position of every mapping key.

YAML is read with a stricter loader than PyYAML's default, because the YAML 1.1 rules
silently change data a person typed (docs/robustness.md):
- only the safe constructors (no `!!python/object`);
- a duplicate key is an error naming both lines (PyYAML keeps the last one);
- `no`, `on`, `yes`, `off` stay strings, `0012` stays a string, dates stay strings
  (we parse and check them ourselves); only `true`/`false`, decimal numbers and `null`
  are implicitly typed, as in YAML 1.2;
- anchors and aliases are allowed, but a document whose aliases would expand past
  `MAX_EXPANDED_NODES` is refused before anything walks it ("billion laughs").
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from upskill.errors import Problem, UpskillError
from upskill.load.describe import not_finite, too_many_digits
from upskill.load.positions import Position, line_column
from upskill.load.yaml_simple import read_simple_yaml

try:  # libyaml's parser is several times faster; the constructor stays Python-side either way
    from yaml import CSafeLoader as _BaseLoader

    _LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    _LIBYAML = False

MAX_EXPANDED_NODES = 200_000


class _PythonComposer(yaml.composer.Composer):
    """PyYAML's Python composer, placed before the C parser in the loader's bases.

    libyaml's composer builds nodes with recursive C calls, so a deeply nested document
    (`a: [[[[...` 40,000 deep, 80 KB) overflows the C stack and kills the process. Fed
    by the same fast C parser, the Python composer stops with a RecursionError instead
    (reported by `parse_yaml`). It is much slower than the C composer, so
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
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_DECIMAL_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# The only implicit types, as in YAML 1.2's core schema (docs/robustness.md): keyed by first character.
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _tag, _pattern, _firsts in (
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_INT, _DECIMAL_INT, "-+0123456789"),
    (_FLOAT, _DECIMAL_FLOAT, "-+0123456789."),
    (_NULL, re.compile(r"^(?:~|null|Null|NULL)$"), "~nN"),
):
    for _first in _firsts:
        _IMPLICIT[_first] = (*_IMPLICIT.get(_first, ()), (_tag, _pattern))
_IMPLICIT[""] = ((_NULL, re.compile("^$")),)


class _StrictLoader(_PythonComposer, _BaseLoader):
    """Safe loader with YAML 1.2-like implicit types, duplicate-key errors and key positions.

    `resolve` and `construct_object` take the common case (plain text, decimal numbers,
    true/false, null, lists) in a few lines instead of PyYAML's general machinery, which
    is most of the Python-side cost of reading a profile; every other tag goes the general way.
    """

    def __init__(self, stream: str) -> None:
        _BaseLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        self.positions: dict[int, dict[Any, Position]] = {}

    # PyYAML's path resolvers (`add_path_resolver`) are never used, yet the composer calls these two
    # Python methods for every node, where they return at once: built-ins that return at once instead
    # (each ignores what it is given) take ~4% off reading a profile.
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]  # (parent, index)
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # ()

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
        elif tag == _SEQ and type(node) is yaml.SequenceNode:
            # Not memoised per node: two aliases of one list give equal lists, not the same
            # one, which plain data cannot tell apart. A recursive alias is refused earlier.
            return [self.construct_object(child, deep=True) for child in node.value]
        elif tag == _MAP and type(node) is yaml.MappingNode:  # likewise
            return _construct_map(self, node)
        return self._construct_tagged(node, deep)

    def _construct_tagged(self, node: yaml.Node, deep: bool) -> Any:
        """Any other tag, the general (PyYAML's) way: `!!timestamp`, `!!float .inf`, `!!int 0x1F`..."""
        # PyYAML assumes a !!timestamp matches its pattern, and fails with AttributeError if not.
        if (
            node.tag == _TIMESTAMP
            and type(node) is yaml.ScalarNode
            and not yaml.constructor.SafeConstructor.timestamp_regexp.match(node.value)
        ):
            raise _YamlDataError(f"!!timestamp '{node.value}' is not a date or time", node.start_mark)
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
            raise _YamlDataError(f"duplicate key '{key}' (first defined on line {first}); remove one of them", mark)
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
            raise _YamlDataError(
                f"aliases expand this document past {MAX_EXPANDED_NODES:,} values "
                "(an alias bomb?); write the data out instead",
                node.start_mark,
            )
        sizes[key] = total
        return total

    return size(root)


def parse_yaml(text: str, name: str) -> tuple[Any, dict[int, dict[Any, Position]]]:
    # Most profiles are nested `key: value` lines of plain words: read those without PyYAML's
    # node objects (yaml_simple.py, same data and positions); anything else the full way.
    simple = read_simple_yaml(text)
    if simple is not None:
        return simple
    return parse_full_yaml(text, name)


def parse_full_yaml(text: str, name: str) -> tuple[Any, dict[int, dict[Any, Position]]]:
    """Any YAML text, with every check: PyYAML's libyaml parser and this module's strict loader."""
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
            raise UpskillError(
                _located(f"the YAML tag {tag} is not allowed: upskill reads plain data only", mark, name)
            ) from None
        raise UpskillError(_located(f"YAML syntax error: {message}", mark, name)) from None
    except yaml.reader.ReaderError as exc:  # a control character; its message spans lines
        line, column = line_column(text, min(max(exc.position, 0), len(text)))
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
