"""Survey every roster before a run: one stop-or-go decision, before any file is written.

What would otherwise surface row by row, or as a quiet wrong answer, is decided here for the
file as a whole: a header that names no skill or field, a file that is not in the declared
encoding (one error with a guess, not one per row), a date column in day/month/year order (one
error suggesting --date-format). A skill a target role requires that has no column is a
warning, given once, as are deadlines so far away that they mean none (9999-12-31). Each roster
is streamed (a CSV's bytes, then its rows), never held.
"""

from __future__ import annotations

import codecs
import glob
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import NamedTuple

from upskill.errors import Problem, UsageError, apply_strict
from upskill.load.deadlines import far_deadline, far_deadline_words
from upskill.load.rosters.columns import RosterSettings, map_header
from upskill.load.rosters.roster import WORKBOOK_SUFFIXES, roster_records, workbook_signature
from upskill.load.rosters.sources import Broken, Layout, Record, cell_text
from upskill.load.text import check_encoding
from upskill.model import Catalog

_GLOB_CHARS = re.compile(r"[*?\[]")
_SLASHED_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_BLOCK = 1 << 20


class Survey(NamedTuple):
    """What the rosters say before the run: errors stop it; notes are warnings to show first."""

    errors: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()


def survey_rosters(
    inputs: Sequence[str],
    catalog: Catalog,
    settings: RosterSettings,
    *,
    strict: bool = False,
    shown_id: Callable[[str], str] = str,
    start: date | None = None,
) -> Survey:
    """Survey each roster among `inputs` (CSV, TSV, .xlsx; named or matched by a glob).

    `start` is the plans' first day, when the rosters' deadlines count (no --deadline): deadline
    cells too far after it to mean anything but "none" get one warning per roster."""
    errors: list[Problem] = []
    notes: list[Problem] = []
    for path in roster_paths(inputs):
        found = _survey(path, catalog, settings, strict, shown_id, start)
        errors.extend(found.errors)
        notes.extend(found.notes)
    return Survey(tuple(errors), tuple(notes))


def roster_paths(inputs: Iterable[str]) -> Iterator[str]:
    """The roster files the inputs name, once each, in order (folders hold profiles only)."""
    from upskill.load.rosters.inputs import ROSTER_SUFFIXES

    seen: set[str] = set()
    for spec in inputs:
        if spec == "-":
            continue
        paths = [spec] if os.path.exists(spec) or not _GLOB_CHARS.search(spec) else sorted(glob.iglob(spec))
        for path in paths:
            if os.path.splitext(path)[1].lower() in ROSTER_SUFFIXES and os.path.isfile(path):
                real = os.path.realpath(path)
                if real not in seen:
                    seen.add(real)
                    yield path


def _survey(
    path: str,
    catalog: Catalog,
    settings: RosterSettings,
    strict: bool,
    shown_id: Callable[[str], str],
    start: date | None = None,
) -> Survey:
    if os.path.splitext(path)[1].lower() not in WORKBOOK_SUFFIXES:
        wrong = _workbook_named_csv(path) or encoding_problem(path, settings.encoding)
        if wrong is not None:
            return Survey((wrong,))
    records = roster_records(path, settings)
    first = next(records, None)
    if first is None or isinstance(first, Broken):
        return Survey(first.problems if first else ())
    try:
        layout, problems = map_header(path, first.cells, first.line, catalog, settings)
    except UsageError as exc:
        return Survey(exc.problems)
    errors = tuple(p for p in apply_strict(problems, strict) if not p.warning)
    if layout is None:
        # Unknown columns stop the run; read the rows without them, so that one run says all that must change
        layout = map_header(path, first.cells, first.line, catalog, settings._replace(ignore_unknown=True))[0]
    if layout is None:
        return Survey(errors)
    rows = _Rows(layout, catalog, settings, shown_id, start)
    # A workbook's damaged part or impossible cell stops the run (a damaged file, fixed once, then
    # read whole); a CSV row that cannot be read fails alone, as it always has.
    workbook = os.path.splitext(path)[1].lower() in WORKBOOK_SUFFIXES
    broken: list[Problem] = []
    for record in records:
        if isinstance(record, Record):
            rows.take(record)
        elif workbook:
            broken.extend(record.problems)
    dates = rows.date_problem(first.cells)
    notes = apply_strict(rows.missing_skills(path), strict) if not errors else []
    far = rows.far_note(first.cells)  # a warning even with --strict: 9999-12-31 is how HR writes "none"
    return Survey(
        errors + tuple(broken) + tuple(p for p in notes if not p.warning) + ((dates,) if dates else ()),
        tuple(p for p in notes if p.warning) + ((far,) if far else ()),
    )


def _workbook_named_csv(path: str) -> Problem | None:
    try:
        with open(path, "rb") as fh:
            return workbook_signature(fh.read(8), path)
    except OSError:
        return None  # reading the rows says why


class _Rows:
    """What the survey learns from the rows: the deadline cells' date order, the target roles."""

    def __init__(
        self,
        layout: Layout,
        catalog: Catalog,
        settings: RosterSettings,
        shown_id: Callable[[str], str],
        start: date | None = None,
    ):
        self.layout, self.catalog, self.shown_id = layout, catalog, shown_id
        fields = {key: index for index, key in layout.employee}
        self.deadline = fields.get("deadline") if settings.date_format is None else None
        self.far = _FarDeadlines(fields.get("deadline"), settings.date_format, start)
        self.target = fields.get("target_role")
        self.id = fields.get("id")
        self.roles: Counter[str] = Counter()
        self.role_of: dict[str, str | None] = {}
        self.orders: Counter[str] = Counter()  # "day", "month", "either"
        self.examples: dict[str, tuple[int, str, str]] = {}  # order -> (row, id, text)

    def cell(self, record: Record, index: int | None) -> str:
        return cell_text(record.cells[index]) if index is not None and index < len(record.cells) else ""

    def take(self, record: Record) -> None:
        target = self.cell(record, self.target)
        if target:
            if target not in self.role_of:
                self.role_of[target] = self.catalog.find_role(target)
            role = self.role_of[target]
            if role is not None:
                self.roles[role] += 1
        if self.deadline is not None and self.deadline < len(record.cells):
            cell = record.cells[self.deadline]
            text = cell.strip() if isinstance(cell, str) else ""
            match = _SLASHED_DATE.match(text)
            if match:
                first, second = int(match.group(1)), int(match.group(3))
                order = "day" if first > 12 else "month" if second > 12 else "either"
                self.orders[order] += 1
                self.examples.setdefault(order, (record.line, self.cell(record, self.id), text))
        if self.far.column is not None and self.far.column < len(record.cells):
            self.far.take(record.cells[self.far.column], record.line, self.cell(record, self.id))

    def far_note(self, header: Sequence[object]) -> Problem | None:
        """One warning for the deadline cells read as no deadline, with the first of them."""
        far = self.far
        if not far.count or far.column is None:
            return None
        row, employee, day = far.example
        who = f", employee {self.shown_id(employee)}" if employee else ""
        more = f"; {far.count:,} rows in all" if far.count > 1 else ""
        what = f"column '{str(header[far.column]).strip()}': {day} (row {row}{who}{more})"
        assert far.start is not None
        return Problem(
            far_deadline_words(what, far.start), file=self.layout.file, line=row, column=far.column + 1, warning=True
        )

    def missing_skills(self, path: str) -> list[Problem]:
        """Once per skill a target role requires and no column holds: nobody was assessed in it."""
        have = {self.catalog.find_skill(key) for _, key in self.layout.skills}
        needed: Counter[str] = Counter()
        for role_id, count in self.roles.items():
            for requirement in self.catalog.roles[role_id].requires:
                if requirement.skill not in have:
                    needed[requirement.skill] += count
        if not needed:
            return []
        skills = self.catalog.skills
        listed = ", ".join(
            f"{skills[s].name if s in skills else s} ({count:,} need{'s' if count == 1 else ''} it)"
            for s, count in sorted(needed.items(), key=lambda item: (-item[1], item[0]))
        )
        one = len(needed) == 1
        return [
            Problem(
                f"nobody was assessed in {listed}: no column holds {'it' if one else 'them'}, so "
                f"{'it counts' if one else 'they count'} as not assessed for everyone; add "
                f"{'a column' if one else 'columns'} to record their levels",
                file=path,
                warning=True,
            )
        ]

    def date_problem(self, header: Sequence[object]) -> Problem | None:
        """One error for a deadline column written day/month/year (or month/day/year), with the flag to read it."""
        if not self.orders or self.deadline is None:
            return None
        total = sum(self.orders.values())
        order = "day" if self.orders["day"] else "month" if self.orders["month"] else "either"
        row, employee, text = self.examples[order]
        sep = _SLASHED_DATE.match(text).group(2)  # type: ignore[union-attr]
        year = "%Y" if len(text.rsplit(sep, 1)[1]) == 4 else "%y"
        day_first, month_first = f"%d{sep}%m{sep}{year}", f"%m{sep}%d{sep}{year}"
        who = f", employee {self.shown_id(employee)}" if employee else ""
        more = f"; {total:,} rows are written this way" if total > 1 else ""
        column = str(header[self.deadline]).strip()
        if self.orders["day"] and self.orders["month"]:
            other = self.examples["month"]
            message = (
                f"column '{column}' mixes day/month/year ('{text}', row {row}) and month/day/year "
                f"('{other[2]}', row {other[0]}) dates; write them all one way, ideally YYYY-MM-DD"
            )
        elif order == "either":
            message = (
                f"column '{column}' holds dates like '{text}' (row {row}{who}), not YYYY-MM-DD{more}: "
                f"pass --date-format {day_first} if the day comes first, "
                f"or --date-format {month_first} if the month does"
            )
        else:
            fmt, words = (day_first, "day/month/year") if order == "day" else (month_first, "month/day/year")
            message = (
                f"column '{column}' holds dates in {words} order, e.g. '{text}' (row {row}{who}){more}; "
                f"pass --date-format {fmt} "
                "(or date_format in upskill.toml) to read them"
            )
        return Problem(message, file=self.layout.file, line=row, column=self.deadline + 1)


class _FarDeadlines:
    """Deadline cells more than FAR_DEADLINE_YEARS after the start: counted, the first one kept."""

    def __init__(self, column: int | None, date_format: str | None, start: date | None):
        self.column = column if start is not None else None
        self.date_format, self.start = date_format, start
        self.count = 0
        self.example = (0, "", "")  # row, id, date

    def take(self, cell: object, row: int, employee: str) -> None:
        assert self.start is not None
        day = _cell_date(cell, self.date_format)
        if day is not None and far_deadline(self.start, day):
            self.count += 1
            if self.count == 1:
                self.example = (row, employee, day.isoformat())


def _cell_date(cell: object, date_format: str | None) -> date | None:
    """A deadline cell's date as the rows are read (sources.py), or None (the row's own check reports it)."""
    if isinstance(cell, date):
        return cell.date() if isinstance(cell, datetime) else cell
    text = cell.strip() if isinstance(cell, str) else ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        return datetime.strptime(text, date_format).date() if date_format and text else None
    except ValueError:
        return None


def encoding_problem(path: str, encoding: str) -> Problem | None:
    """One problem when the file is not text in `encoding` (with a guess at what it is), else None.

    The whole file is streamed once. A file declared as another encoding that is valid UTF-8
    with non-ASCII characters is UTF-8 read wrongly (`Ã©` for `é`), so it is refused too.
    """
    try:
        codec = check_encoding(encoding)
    except UsageError:
        return None  # the roster itself reports it
    if codec.startswith(("utf-16", "utf-32")):
        return None  # refused by the roster reader, with its own message
    bad = _first_undecodable(path, codec)
    if bad is None:
        if codec not in ("utf-8", "utf-8-sig") and _is_utf8_text(path):
            return Problem(
                f"holds UTF-8 text (non-ASCII characters in UTF-8's form), not {codec}; "
                "try --encoding utf-8 (or leave --encoding out)",
                file=path,
            )
        return None
    line, byte = bad
    guess = next((c for c in ("utf-8", "cp1252") if c != codec and _first_undecodable(path, c) is None), None)
    name = "UTF-8" if codec == "utf-8" else codec
    hint = (
        f"it looks like {guess}: try --encoding {guess}"
        if guess
        else "pass --encoding with the encoding your HR system exports (e.g. latin-1, cp850)"
    )
    if guess == "cp1252":
        hint += ' (or save it from Excel as "CSV UTF-8")'
    return Problem(f"is not valid {name} text (byte 0x{byte:02x} on line {line}); {hint}", file=path, line=line)


def _first_undecodable(path: str, codec: str) -> tuple[int, int] | None:
    """(line, byte) of the first byte `codec` cannot decode, or None (also None when unreadable)."""
    decoder = codecs.getincrementaldecoder(codec)()
    lines = 1
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(_BLOCK), b""):
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as exc:
                    # exc.object is the block after the few bytes of a character the last block cut
                    # in two, which hold no line break
                    data = bytes(exc.object)
                    at = min(exc.start, len(data) - 1)
                    return lines + data[:at].count(b"\n"), data[at]
                lines += block.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:  # the file ends inside a character
        return lines, 0
    except OSError:
        return None
    return None


def _is_utf8_text(path: str) -> bool:
    """True when the file holds non-ASCII bytes and all of it is valid UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    ascii_only = True
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(_BLOCK), b""):
                ascii_only = ascii_only and block.isascii()
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except (UnicodeDecodeError, OSError):
        return False
    return not ascii_only
