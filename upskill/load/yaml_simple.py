"""A fast reader for the plainest YAML: nested `key: value` lines of plain words, as most profiles are.

Reading a 300-byte profile through PyYAML cost ~0.44 M instructions (issue 29), most of it not
libyaml's parsing but the Python objects PyYAML makes of it: two marks, a Python-level node and a
resolver call per value, then the walk that turns nodes into data. A profile that is only block
mappings of plain words needs none of that: each line is one regular expression match, and the
line and column of every key come with it.

`read_simple_yaml` accepts a strict subset of YAML and returns None for anything else (quotes,
lists, flow style, anchors, tags, tabs, multi-line values, unusual characters, a duplicate key, a
value the full reader would refuse...), and the full reader (yaml_loader.py) then reads the text,
with every check and message it has. So for any text this module accepts, the data and positions
are those the full reader gives (tests/load/test_yaml_simple.py compares the two on generated
documents); it never reports a problem itself.
"""

from __future__ import annotations

import re
from typing import Any

Position = tuple[int, int]

# A plain word character: letters and digits of any script, and punctuation that means nothing to
# YAML inside a plain scalar in block context. `:` and `#` are left out (`a:b`, `a #b`), and so
# are the quote, anchor, alias, tag and flow characters.
_CHAR = r"[\w.,'()/+-]"
# Words of those separated by spaces, ending in a word character: YAML drops trailing spaces, and
# so does the pattern. One character class repeated, then one step back, is several times faster
# in `re` than repeating a group (word, then spaces).
_MORE = rf"(?:[\w.,'()/+ -]*{_CHAR})?"
# A key starts with a letter, digit, `_`, `(`, `+` or `/`: never `-` (a list), `.` (`...` ends a
# document), `?`, `&`, `*`, `!` or a quote. A value may also start with `.`, or `-` followed by a
# word character (`-1`; `- x` is a list).
_KEY = rf"[\w(+/]{_MORE}"
_VALUE = rf"(?:[\w(.+/]|-(?={_CHAR})){_MORE}"
_ENTRY = re.compile(rf"( *)({_KEY}):(?: +({_VALUE}))? *(?: #.*)?")
_BLANK = re.compile(r" *(?:#.*)?")
# libyaml allows a simple key of up to 1,024 characters (or bytes): far longer keys go the full way.
_MAX_KEY = 200
_MAX_DEPTH = 16  # deeper documents go the full way (which bounds nesting itself)

_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset(("null", "Null", "NULL"))


class _NotSimple(Exception):
    """The text is outside the subset: the full reader reads it."""


def read_simple_yaml(text: str) -> tuple[dict[str, Any], dict[int, dict[Any, Position]]] | None:
    """The data and key positions of `text` when it is nested `key: value` lines of plain words, else None."""
    # Characters the full reader treats specially anywhere (a tab, line breaks other than \n, a
    # byte-order mark, controls YAML does not allow) are not printable: such text goes the full way.
    if not text.replace("\n", " ").isprintable():
        return None
    try:
        return _read(text)
    except _NotSimple:
        return None


def _read(text: str) -> tuple[dict[str, Any], dict[int, dict[Any, Position]]] | None:
    root: dict[str, Any] = {}
    positions: dict[int, dict[Any, Position]] = {id(root): {}}
    # The open mappings, innermost last: (indent, mapping, its key positions).
    stack: list[tuple[int, dict[str, Any], dict[Any, Position]]] = [(0, root, positions[id(root)])]
    pending: str | None = None  # a key written with no value yet: a nested mapping may follow
    entry, blank = _ENTRY.fullmatch, _BLANK.fullmatch
    for number, line in enumerate(text.split("\n"), 1):
        found = entry(line)
        if found is None:
            if blank(line):
                continue
            raise _NotSimple
        spaces, key, value = found.groups()
        indent = len(spaces)
        top = stack[-1]
        if pending is not None and indent > top[0]:  # the pending key's value is a mapping
            if len(stack) >= _MAX_DEPTH:
                raise _NotSimple
            inner: dict[str, Any] = {}
            marks: dict[Any, Position] = {}
            top[1][pending] = inner
            positions[id(inner)] = marks
            top = (indent, inner, marks)
            stack.append(top)
        else:
            while indent < top[0]:
                stack.pop()
                top = stack[-1]
            if indent != top[0]:  # an indentation no open mapping has, or a value going on
                raise _NotSimple
        if key in top[1] or len(key) > _MAX_KEY:
            raise _NotSimple  # the full reader names both lines of a duplicate
        top[1][key] = None if value is None else _plain(value)
        top[2][key] = (number, indent + 1)
        pending = key if value is None else None
    return (root, positions) if root else None


def _plain(value: str) -> Any:
    """A plain value typed as the full reader types it (yaml_loader: YAML 1.2's core types)."""
    first = value[0]
    if first in "-+0123456789.":
        if _DECIMAL_INT.fullmatch(value):
            try:
                return int(value)
            except ValueError:  # too many digits: the full reader says so at its place
                raise _NotSimple from None
        if _DECIMAL_FLOAT.fullmatch(value):
            number = float(value)
            if number - number != 0:  # not finite: the full reader refuses it at its place
                raise _NotSimple
            return number
        return value
    if first in "tTfF":
        return _BOOLS.get(value, value)
    if first in "nN" and value in _NULLS:
        return None
    return value
