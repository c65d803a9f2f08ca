"""Typed access to the fields of a parsed document, recording a located problem for each bad one.

Each getter returns a usable value or None; it never raises, so one pass over a file
reports every problem in it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from upskill.errors import Problem, Problems, did_you_mean
from upskill.load.describe import kind_of, not_finite, shorten
from upskill.load.document import Document
from upskill.model import Scale, is_web_url, normalize

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Fields:
    """Read fields of one document into typed values, collecting problems."""

    def __init__(self, doc: Document, problems: Problems):
        self.doc = doc
        self.problems = problems

    def error(self, message: str, container: object = None, key: Any = None, path: str = "") -> None:
        self.problems.add(self.doc.problem(message, container, key, path))

    def warn(self, message: str, container: object = None, key: Any = None, path: str = "") -> None:
        self.problems.add(self.doc.problem(message, container, key, path, warning=True))

    def origin(self, container: object, key: Any = None) -> str:
        pos = self.doc.where(container, key)
        return f"{self.doc.name}:{pos[0]}" if pos else self.doc.name

    def check_keys(self, mapping: dict[Any, Any], allowed: Iterable[str], path: str) -> None:
        allowed = tuple(allowed)
        for key in mapping:
            if key not in allowed:
                self.error(
                    f"unknown key '{key}'{did_you_mean(str(key), allowed)}; allowed keys: {', '.join(allowed)}",
                    mapping,
                    key,
                    join(path, key),
                )

    def mapping(self, container: dict[Any, Any], key: str, path: str, required: bool = False) -> dict[Any, Any] | None:
        value = container.get(key)
        if value is None:
            if required:
                self.error(f"missing '{key}' (a mapping)", container, None, path or key)
            return None
        if not isinstance(value, dict):
            self.error(f"expected a mapping, found {kind_of(value)}", container, key, join(path, key))
            return None
        return value

    def sequence(self, container: dict[Any, Any], key: str, path: str) -> list[Any]:
        value = container.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"expected a list, found {kind_of(value)}", container, key, join(path, key))
            return []
        return value

    def text(self, container: dict[Any, Any], key: str, path: str, required: bool = False) -> str | None:
        value = container.get(key)
        if value is None:
            if required:
                self.error(f"missing '{key}'", container, None, path)
            return None
        if isinstance(value, (bool, dict, list)):
            self.error(f"expected text, found {kind_of(value)}", container, key, join(path, key))
            return None
        if isinstance(value, float):
            self.error(f"expected text, found the number {value}; quote it", container, key, join(path, key))
            return None
        text = str(value).strip()
        if required and not text:
            self.error(f"'{key}' is empty", container, key, join(path, key))
            return None
        return text

    def url(self, container: dict[Any, Any], key: str, path: str) -> str:
        """An address shown as a link: anything but http(s) (`javascript:`, `data:`, `file:`) is kept as
        text, since no output makes it a link (escape.safe_url), and `validate` warns about it."""
        text = self.text(container, key, path) or ""
        if text and not is_web_url(text):
            self.warn(
                f"'{text}' is not an http:// or https:// address; plans show it as text, never as a link",
                container,
                key,
                join(path, key),
            )
        return text

    def number(
        self,
        container: dict[Any, Any],
        key: str,
        path: str,
        *,
        positive: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        value = container.get(key)
        if value is None:
            return None
        return self.as_number(
            value, container, key, join(path, key), positive=positive, minimum=minimum, maximum=maximum
        )

    def as_number(
        self,
        value: Any,
        container: object,
        key: Any,
        path: str,
        *,
        positive: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        written = value
        if isinstance(value, str):  # a roster cell, or a quoted number
            try:
                value = float(value.strip())
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(f"expected a number, found {kind_of(value)}", container, key, path)
            return None
        if not _finite(value):
            self.error(
                not_finite(shorten(written.strip()))
                if isinstance(written, str)
                else "expected a number, found one too large to use",
                container,
                key,
                path,
            )
            return None
        if positive and value <= 0:
            self.error(f"must be greater than 0, found {number_text(value)}", container, key, path)
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            if minimum is None:
                bounds = f"at most {maximum:g}"
            elif maximum is None:
                bounds = f"at least {minimum:g}"
            else:
                bounds = f"between {minimum:g} and {maximum:g}"
            self.error(f"must be {bounds}, found {number_text(value)}", container, key, path)
            return None
        return float(value)

    def weekly_hours(
        self, container: dict[Any, Any], key: str, path: str, maximum: float | None = None
    ) -> float | None:
        """Hours a week to learn: more than 0, and at least a minute once scheduled in whole minutes."""
        hours = self.number(container, key, path, positive=True, maximum=maximum)
        if hours is not None and round(hours * 60) < 1:  # what the schedule would round to nothing
            self.error(
                f"{number_text(hours)} hours a week is less than a minute; plan at least a few hours a week",
                container,
                key,
                join(path, key),
            )
            return None
        return hours

    def level(self, value: Any, scale: Scale, container: object, key: Any, path: str) -> int | None:
        """Parse a level: a whole number on the scale or a level name, any case."""
        level = parse_level(value, scale)
        if level is None:
            hint = did_you_mean(str(value), scale.names) if isinstance(value, str) else ""
            shown = kind_of(value)
            self.error(f"{shown} is not a level{hint}; use {scale.describe()}", container, key, path)
        return level

    def date(self, container: dict[Any, Any], key: str, path: str) -> date | None:
        value = container.get(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(f"'{value}' is not a date; write it as YYYY-MM-DD", container, key, join(path, key))
        return parsed

    def problem(self, message: str, container: object = None, key: Any = None, path: str = "") -> Problem:
        return self.doc.problem(message, container, key, path)


def number_text(value: float) -> str:
    """A number as short as `:g` writes it, unless that would show another number (80.0000001 is not 80)."""
    short = f"{value:g}"
    return short if float(short) == value else repr(float(value))


def _finite(value: float) -> bool:
    """True for an ordinary number; False for inf, nan and an int too large for a float (1e400)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def looks_like_number(text: str) -> bool:
    """True for a name a profile or roster reads as a number: `3`, ` 03 `, `3.0`, `3,5`, `1e3`."""
    text = text.strip()
    if not any(c.isdigit() for c in text):  # `nan` and `inf` are read as names everywhere
        return False
    try:
        float(text.replace(",", "."))
    except ValueError:
        return text.isdecimal()
    return True


def parse_level(value: Any, scale: Scale) -> int | None:
    """Return the level `value` names on `scale`, or None when it names none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 0 <= value <= scale.max_level else None
    if isinstance(value, str):
        text = value.strip()
        if text.isdecimal():  # not isdigit(): int() refuses '²'; and no int() of 5,000 digits either
            digits = text.lstrip("0") or "0"
            return int(digits) if len(digits) <= 3 and int(digits) <= scale.max_level else None
        return _level_numbers(scale).get(normalize(text))
    return None


def text_level(text: str, scale: Scale) -> int | None:
    """`parse_level` of a text, each text worked out once per scale: a batch's or a roster's level cells
    are a handful of texts (`3`, `advanced`, `none`) met again in every row, each of which `parse_level`
    strips, tests and folds again. Only texts that name a level are kept, at most `_TEXT_LEVELS` of them."""
    known = _text_levels(scale)
    level = known.get(text)
    if level is None:
        level = parse_level(text, scale)
        if level is not None and len(known) < _TEXT_LEVELS and len(text) <= SHORT_TEXT:
            known[text] = level
    return level


_TEXT_LEVELS = 1024  # texts kept per scale: the few a roster writes, never a list that grows with the rows
# Only short texts are kept: a long text that still names a level (padded, or `3,000...0`) must not stay
# in memory, 1,024 of them up to a cell's or a file's size each
SHORT_TEXT = 64


@lru_cache(maxsize=16)
def _text_levels(scale: Scale) -> dict[str, int]:
    """The texts met so far that name a level of `scale`, and their levels (`text_level`)."""
    return {}


@lru_cache(maxsize=16)
def _level_numbers(scale: Scale) -> Mapping[str, int]:
    """Normalized level name -> its number, read-only (shared by every caller)."""
    return MappingProxyType({normalize(name): number for number, name in enumerate(scale.names)})


def parse_date(value: Any) -> date | None:
    """Accept a date object (TOML) or a YYYY-MM-DD string; None for anything else or an impossible date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)
