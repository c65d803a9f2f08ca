"""Where each key of a document sits: `Position`, and the positions of TOML and JSON found lazily.

YAML's loader records positions as it builds the data (yaml_loader.py). The standard library's
TOML and JSON parsers keep none, so `LazyPositions` walks the text again (toml_reader's
`toml_positions`, json_reader's `json_positions`), and only when a problem asks for a line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

Position = tuple[int, int]  # 1-based line and column

Found = dict[int, dict[Any, Position]]  # (line, column) of each key, by id() of the dict holding it


class LazyPositions(Mapping[int, Mapping[Any, Position]]):
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


def line_column(text: str, at: int) -> Position:
    """The 1-based (line, column) of offset `at` in `text`."""
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1
