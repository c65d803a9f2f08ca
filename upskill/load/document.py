"""Read one YAML, TOML or JSON file into a `Document`: plain Python data, and where each key sits.

The data flow, one module per stage:
- text.py: the file's bytes (size limit, standard input) decoded as UTF-8;
- yaml_loader.py, toml_reader.py, json_reader.py: the text parsed by the format the file's
  extension names (`read_document` picks it), every syntax problem located;
- positions.py: the (line, column) of each key, recorded by the YAML loader as it reads and
  found for TOML and JSON only when a problem asks.

What the data *means* is checked later, by `catalog` and `profile`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from upskill.errors import Problem, UpskillError
from upskill.load.describe import kind_of
from upskill.load.positions import LazyPositions, Position
from upskill.load.text import STDIN, decode, read_bytes
from upskill.load.yaml_loader import parse_yaml
from upskill.model import NO_ENTRIES


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

    def problem(
        self, message: str, container: object = None, key: Any = None, path: str = "", warning: bool = False
    ) -> Problem:
        """Build a `Problem` located at `key` of `container` in this document."""
        pos = self.where(container, key) if container is not None else None
        return Problem(
            message,
            file=self.name,
            line=pos[0] if pos else None,
            column=pos[1] if pos else None,
            path=path,
            warning=warning,
        )


_SUFFIX_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}
# A first line that is a TOML table header (`[employee]`, `[[skills]]`) or a `key = value` pair.
# Neither can start a YAML profile: YAML reads the first as a list and the second as one string.
_TOML_START = re.compile(r"""\[\[?\s*[\w"'.-][^\]]*\]\]?\s*(#.*)?|[\w"'.-]+\s*=.*""")


def sniff_format(text: str) -> str:
    """The format of text without a telling extension: json when it starts with `{`; toml when its
    first line that is not blank or a `#` comment is a `[table]` header or a `key = value` pair;
    yaml otherwise."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    for line in stripped.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return "toml" if _TOML_START.fullmatch(line) else "yaml"
    return "yaml"


def read_document(path: str | Path, text: str | None = None, format: str | None = None) -> Document:
    """Read and parse one file (or `-`, standard input) into a `Document` whose top level is a mapping.

    The format is `format` (yaml, toml or json) when given, else the extension's: `.yaml`/`.yml`,
    `.toml`, `.json`; standard input and unknown extensions are recognised from the text
    (`sniff_format`). `text` bypasses the file system (used for stdin and for tests).
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    if text is None:
        text = decode(read_bytes(path), name)
    suffix = os.path.splitext(name)[1].lower() if name != "<stdin>" else ""
    if not text.strip():
        raise UpskillError(Problem("the file is empty; expected a YAML, TOML or JSON mapping", file=name))
    format = format or _SUFFIX_FORMATS.get(suffix) or sniff_format(text)
    positions: Mapping[int, Mapping[Any, Position]] = NO_ENTRIES
    # TOML and JSON readers are imported when used: most files are YAML, and start-up counts.
    if format == "toml":
        from upskill.load.toml_reader import parse_toml, toml_positions

        data = parse_toml(text, name)
        positions = LazyPositions(text, data, toml_positions)  # found only if a problem asks
    elif format == "json":
        from upskill.load.json_reader import json_positions, parse_json

        data = parse_json(text, name)
        positions = LazyPositions(text, data, json_positions)  # found only if a problem asks
    else:
        data, positions = parse_yaml(text, name)
    if data is None:
        raise UpskillError(Problem("the file holds only comments; expected a mapping of keys", file=name))
    if not isinstance(data, dict):
        raise UpskillError(
            Problem(f"expected a mapping of keys at the top level, found {kind_of(data)}", file=name, line=1, column=1)
        )
    return Document(name, data, positions)
