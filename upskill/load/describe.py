"""How problems name what a file holds: `kind_of` a value, a long text `shorten`ed, refused numbers.

Shared by the format readers (yaml_loader, toml_reader, json_reader) and by `fields`, so a
value is described in the same words whichever file format it came from.
"""

from __future__ import annotations

import sys


def too_many_digits(written: str) -> str:
    """The problem with a whole number too long for Python to convert (more than 4,300 digits)."""
    digits = sum(c.isdigit() for c in written)
    return (
        f"a number of {digits:,} digits is too long to read (at most {sys.get_int_max_str_digits():,}); "
        "write an ordinary number"
    )


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
    if isinstance(value, int) and not -(10**20) < value < 10**20:
        return f"a number of {len(str(abs(value))):,} digits"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return f"'{shorten(value)}'" if isinstance(value, str) else type(value).__name__


def shorten(text: str, limit: int = 60) -> str:
    """`text`, or its start and its length when it is long (a 5,000-digit cell makes no readable message)."""
    return text if len(text) <= limit else f"{text[: limit - 20]}... ({len(text):,} characters)"
