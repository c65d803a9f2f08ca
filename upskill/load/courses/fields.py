"""Course fields: the presets' headers, `--column` mappings, and the cells read as hours, levels and flags.

Every reading function returns a value, or raises `CellError` with what is wrong and how to fix it;
the importer locates it (file:line:column).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from upskill.errors import Problem, UsageError
from upskill.load.catalog_entries import MAX_WEEKS
from upskill.model import KINDS, Scale, normalize

FIELDS = (
    "id",
    "title",
    "url",
    "description",
    "duration",
    "minutes",
    "hours",
    "level",
    "skills",
    "active",
    "kind",
    "provider",
)
IGNORE = "ignore"


class Preset(NamedTuple):
    """An export's known headers (folded, see `fold`) -> fields, and the provider its courses come from."""

    headers: tuple[tuple[str, str], ...]
    provider: str = ""


PRESETS = {
    # Coursera's catalog feed (for business and campus customers)
    "coursera": Preset(
        (
            ("id", "id"),
            ("title", "title"),
            ("url", "url"),
            ("isactive", "active"),
            ("description", "description"),
            ("duration", "duration"),
        ),
        "Coursera",
    ),
    # LinkedIn Learning's learning-asset export; `classifications` lists its skills and topics
    "linkedin": Preset(
        (
            ("urn", "id"),
            ("title", "title"),
            ("level", "level"),
            ("duration", "duration"),
            ("classifications", "skills"),
            ("url", "url"),
            ("description", "description"),
        ),
        "LinkedIn Learning",
    ),
    # Moodle's course list (Site administration > Courses > Download courses), with tags as skills
    "moodle": Preset(
        (
            ("shortname", "id"),
            ("fullname", "title"),
            ("summary", "description"),
            ("visible", "active"),
            ("tags", "skills"),
            ("url", "url"),
            ("courseurl", "url"),
            ("duration", "duration"),
            ("hours", "hours"),
        ),
    ),
    # anything else: headers that are a field's name, and --column for the rest
    "csv": Preset(tuple((name, name) for name in FIELDS)),
}

_FOLD = re.compile(r"[\W_]+")


def fold(header: str) -> str:
    """`Is Active` and `is_active` and `IsActive` are one header."""
    return _FOLD.sub("", header.casefold())


class Columns(NamedTuple):
    """Which cell (by index) holds each field; `ignored` lists the headers no field reads."""

    positions: tuple[tuple[str, int], ...]
    ignored: tuple[str, ...]

    def get(self, field: str) -> int | None:
        return next((i for name, i in self.positions if name == field), None)


def check_columns(columns: Sequence[tuple[str, str]]) -> None:
    """`--column HEADER=FIELD`: each FIELD is a course field or `ignore` (exit 2 otherwise)."""
    from upskill.errors import did_you_mean

    for header, field in columns:
        if field.casefold() not in (*FIELDS, IGNORE):
            raise UsageError(
                Problem(
                    f"--column '{header}={field}': '{field}' is not a course field{did_you_mean(field, FIELDS)}; "
                    f"use one of {', '.join(FIELDS)} or ignore"
                )
            )


def map_columns(header: Sequence[object], preset: Preset, columns: Sequence[tuple[str, str]]) -> Columns:
    """The header's cells mapped onto fields: `--column` first, then the preset's names. A field two headers
    map to is read from the first of them."""
    given = {fold(h): f.casefold() for h, f in columns}
    known = dict(preset.headers)
    index: dict[str, int] = {}
    ignored = []
    for position, cell in enumerate(header):
        name = fold(str(cell))
        field = given.get(name) or known.get(name)
        if field is None or field == IGNORE:
            if str(cell).strip():
                ignored.append(str(cell).strip())
            continue
        index.setdefault(field, position)
    return Columns(tuple(sorted(index.items(), key=lambda item: item[1])), tuple(ignored))


class CellError(Exception):
    """A cell that cannot be read: the message says what it holds and what would work."""


# --- durations -> hours ---------------------------------------------------------------------------------

_UNITS = {
    "w": 0.0,  # weeks are a cadence, not hours: "2 weeks at 3 h"
    "d": 0.0,
    "h": 1.0,
    "m": 1 / 60,
    "s": 1 / 3600,
}
_WORD_UNITS = {
    **{w: "h" for w in ("h", "hr", "hrs", "hour", "hours", "std", "stunden")},
    **{w: "m" for w in ("m", "min", "mins", "minute", "minutes")},
    **{w: "s" for w in ("s", "sec", "secs", "second", "seconds")},
    **{w: "w" for w in ("w", "wk", "wks", "week", "weeks")},
}
_ISO = re.compile(r"^P(?:(\d+(?:\.\d+)?)W)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)")
_PER_WEEK = re.compile(r"(?:per|a|/|each)\s*(?:week|wk|w)\b|\bweekly\b")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
EXAMPLES = "1h 30m, 90 min, PT1H30M, 1:30, 20 hours, or 2 weeks at 3 h"


class Duration(NamedTuple):
    hours: float
    weeks: int = 0  # the weeks it is spread over, when the export gives a cadence


def read_duration(text: str) -> Duration:
    """`1h 30m`, `90 min`, `PT1H30M`, `1:30` (h:mm), `Approx. 20 hours to complete`, `2 weeks at 3 h`
    (also `3 hours/week for 2 weeks`) -> hours. A bare number says no unit: map the column to
    `minutes` or `hours` instead."""
    cleaned = text.strip()
    if _NUMBER.match(cleaned):
        raise CellError(
            f"'{cleaned}' gives no unit; map the column with --column 'HEADER=minutes' or 'HEADER=hours', "
            f"or write it as {EXAMPLES}"
        )
    iso = _ISO.match(cleaned.upper())
    if iso and any(iso.groups()):
        weeks, hours, minutes, seconds = (float(g) if g else 0.0 for g in iso.groups())
        if weeks:
            raise CellError(f"'{cleaned}' gives weeks but no hours; write it as {EXAMPLES}")
        return _positive(hours + minutes / 60 + seconds / 3600, cleaned)
    clock = _CLOCK.match(cleaned)
    if clock:
        hours_part, minutes_part, seconds_part = clock.groups()
        return _positive(int(hours_part) + int(minutes_part) / 60 + int(seconds_part or 0) / 3600, cleaned)
    return _worded(cleaned)


def _worded(cleaned: str) -> Duration:
    lowered = cleaned.casefold()
    weekly = bool(_PER_WEEK.search(lowered)) or " at " in f" {lowered} "
    hours = 0.0
    weeks = 0.0
    found = False
    for number, word in _PART.findall(lowered.replace(",", ".")):
        unit = _WORD_UNITS.get(word)
        if unit is None:
            continue
        found = True
        if unit == "w":
            weeks += float(number)
        else:
            hours += float(number) * _UNITS[unit]
    if not found:
        raise CellError(f"'{cleaned}' is not a duration; write it as {EXAMPLES}")
    if weeks and not (weekly and hours):
        raise CellError(f"'{cleaned}' gives weeks but no hours per week; write it as {EXAMPLES}")
    if weeks != int(weeks):
        raise CellError(f"'{cleaned}': give whole weeks")
    return _positive(hours * weeks if weeks else hours, cleaned, int(weeks))


def _positive(hours: float, text: str, weeks: int = 0) -> Duration:
    hours = round(hours, 2)
    if hours <= 0:
        raise CellError(f"'{text}' is no time at all; give the course's length, e.g. {EXAMPLES}")
    if weeks > MAX_WEEKS:
        raise CellError(f"'{text}' runs over {MAX_WEEKS} weeks; is the unit right?")
    return Duration(hours, weeks)


def read_number(text: str, unit: str) -> float:
    """A `minutes` or `hours` cell: a positive number (a decimal comma is accepted)."""
    cleaned = text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text.strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise CellError(f"expected a number of {unit}, found '{text.strip()}'") from None
    hours = round(value / 60 if unit == "minutes" else value, 2)
    if not hours > 0 or hours == float("inf"):
        raise CellError(f"expected a positive number of {unit}, found '{text.strip()}'")
    return hours


# --- levels -> bands ------------------------------------------------------------------------------------

LEVEL_WORDS = {
    "beginner": (
        "beginner",
        "beginning",
        "introductory",
        "introduction",
        "intro",
        "basic",
        "foundational",
        "foundation",
        "novice",
        "entry",
        "entry level",
        "elementary",
        "level 1",
        "101",
    ),
    "intermediate": ("intermediate", "medium", "level 2", "beginner intermediate", "beginner to intermediate"),
    "advanced": ("advanced", "expert", "proficient", "level 3", "intermediate advanced", "intermediate to advanced"),
    "": ("", "mixed", "all", "all levels", "any", "general", "none", "n/a", "na", "-", "unspecified"),
}
_LEVEL = {normalize(word): band for band, words in LEVEL_WORDS.items() for word in words}
DEFAULT_BAND = "beginner"  # a course that names no level is taken as an introduction: most catalog courses are


def bands(scale: Scale) -> dict[str, tuple[int, int]]:
    """Each course level's (from, to) on the catalog's scale.

    On a scale that names beginner, intermediate and advanced (the bundled one: 0 none ...
    5 expert), a beginner course takes a learner from none to beginner (0-2), an intermediate
    one from beginner to intermediate (2-3), an advanced one from intermediate to advanced
    (3-4). On another scale, the same shares of its top level (2/5, 3/5 and 4/5), rounded.
    """
    names = [normalize(n) for n in scale.names]
    top = scale.max_level
    tops = []
    for band, share in (("beginner", 2), ("intermediate", 3), ("advanced", 4)):
        tops.append(names.index(band) if band in names else max(1, round(top * share / 5)))
    found: dict[str, tuple[int, int]] = {}
    low = 0
    for band, high in zip(("beginner", "intermediate", "advanced"), tops, strict=True):
        high = max(high, low + 1) if low < top else top
        found[band] = (min(low, high - 1), high)
        low = high
    return found


def read_level(text: str) -> str:
    """A course's level as written -> beginner, intermediate or advanced ("" for none or all levels)."""
    band = _LEVEL.get(normalize(text.replace("_", " ").replace("+", " ")))
    if band is None:
        raise CellError(
            f"unknown level '{text.strip()}'; use beginner, intermediate or advanced "
            "(or leave it blank for the default band)"
        )
    return band


# --- flags and kinds ------------------------------------------------------------------------------------

_ACTIVE = {
    **{w: True for w in ("", "1", "true", "yes", "y", "active", "visible", "shown", "published", "t", "live", "open")},
    **{
        w: False
        for w in (
            "0",
            "false",
            "no",
            "n",
            "inactive",
            "hidden",
            "retired",
            "archived",
            "unpublished",
            "f",
            "draft",
            "closed",
        )
    },
}
_KIND_WORDS = {**{k: k for k in KINDS}, "course": "formal", "on-the-job": "experience", "mentoring": "social"}


def read_active(text: str) -> bool:
    value = _ACTIVE.get(text.strip().casefold())
    if value is None:
        raise CellError(f"expected true or false (yes/no, 1/0, active/inactive), found '{text.strip()}'")
    return value


def read_kind(text: str) -> str:
    kind = _KIND_WORDS.get(normalize(text)) if text.strip() else "formal"
    if kind is None:
        raise CellError(f"unknown kind '{text.strip()}'; use {', '.join(KINDS)} (default formal)")
    return kind


_SPLIT = re.compile(r"[;|\n]+")


def read_skills(text: str) -> list[str]:
    """A skills cell (`Python; Data Science`, `SKILL: Python | TOPIC: Data Science`, one per line) -> the
    names it lists, each without a `Type:` prefix; commas separate too when no other separator is used."""
    parts = _SPLIT.split(text) if _SPLIT.search(text) else text.split(",")
    names = []
    for part in parts:
        label, colon, rest = part.partition(":")
        name = rest if colon and not rest.startswith("//") and " " not in label.strip() else part
        if name.strip():
            names.append(name.strip())
    return names
