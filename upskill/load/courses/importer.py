"""Stream a course export's rows into an overlay of catalog resources (YAML), with a located error per broken cell.

The rows are read by load/rosters (CSV in any delimiter and encoding, or a workbook's sheet), one at a
time; each course becomes one resource per matched skill and is written at once to a spooled temporary
file, so memory stays flat however long the export. The YAML is written by hand (JSON-quoted strings are
valid YAML), in input order: the same export always gives the same bytes, and 100,000 courses take
seconds where a YAML library's emitter takes minutes. Nothing is written unless every row reads.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO, NamedTuple

from upskill.errors import Problem, Problems, UpskillError, printable
from upskill.load.courses.fields import (
    DEFAULT_BAND,
    PRESETS,
    CellError,
    Duration,
    bands,
    fold,
    map_columns,
    read_active,
    read_duration,
    read_kind,
    read_level,
    read_number,
    read_skills,
)
from upskill.load.courses.match import Match, Matcher
from upskill.load.rosters.columns import RosterSettings
from upskill.load.rosters.roster import roster_records
from upskill.load.rosters.sources import Broken, Record, cell_text
from upskill.model import Catalog, is_web_url

SPOOL = 1 << 20  # bytes of output kept in memory before the spool moves to a temporary file
MAX_ERRORS = 20  # reading stops after this many errors, as the taxonomy importers do
MAX_WARNINGS = 20  # warnings listed one by one; the rest are counted
MAX_SHOWN = 5  # unmatched courses named on stderr (all are listed in the output)
# what YAML may not hold raw in a quoted scalar, or would fold as a line break (C0 and C1 controls, DEL,
# NEL, the line and paragraph separators, U+FEFF, non-characters, lone surrogates): written as \uXXXX
_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")  # JSON escapes or _NOT_YAML
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


class CourseSettings(NamedTuple):
    preset: str  # coursera, linkedin, moodle or csv
    columns: tuple[tuple[str, str], ...] = ()  # --column HEADER=FIELD
    encoding: str = "utf-8"
    sheet: str | None = None


class Tally:
    """What the import did, for the summary line and the output's closing comment."""

    def __init__(self) -> None:
        self.courses = 0  # data rows read
        self.resources = 0
        self.matched = 0  # courses with at least one skill
        self.inactive = 0
        self.unmatched = 0
        self.warnings = 0
        self.shown: list[str] = []  # the first unmatched courses, for stderr


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes, plus \\uXXXX for what YAML may not hold raw."""
    if not _ESCAPED.search(text):  # most titles: only a backslash or quote to escape, done without json
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def hours_text(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".")


class _Row:
    """One data row's cells by field, and where each is (for a located problem)."""

    __slots__ = ("columns", "file", "line", "values")

    def __init__(self, record: Record, columns: dict[str, int], file: str):
        cells = record.cells
        self.values = {field: cell_text(cells[i]) for field, i in columns.items() if i < len(cells)}
        self.line = record.line
        self.columns = columns
        self.file = file

    def text(self, field: str) -> str:
        return self.values.get(field, "")

    def where(self, field: str) -> int | None:
        index = self.columns.get(field)
        return None if index is None else index + 1


class CourseImport:
    """One import: the catalog's matcher and bands, and the spooled YAML of every resource so far."""

    def __init__(self, catalog: Catalog, settings: CourseSettings):
        self.catalog = catalog
        self.settings = settings
        self.preset = PRESETS[settings.preset]
        self.problems = Problems()
        self.matcher = Matcher(catalog)
        self.bands = bands(catalog.scale)
        self.tally = Tally()
        # closed by close(), once the overlay is written: they outlive this method
        self.body: IO[str] = tempfile.SpooledTemporaryFile(SPOOL, mode="w+", encoding="utf-8")  # noqa: SIM115
        self.unmatched: IO[str] = tempfile.SpooledTemporaryFile(SPOOL, mode="w+", encoding="utf-8")  # noqa: SIM115

    def read(self, path: str) -> None:
        """Every row of one export file: resources to the spool, located problems to `problems`."""
        records = roster_records(path, RosterSettings(encoding=self.settings.encoding, sheet=self.settings.sheet))
        header = next(records, None)
        if header is None or isinstance(header, Broken):
            problems = header.problems if header else (Problem("the export is empty; expected a header row", path),)
            for problem in problems:
                self._error(problem.message, problem.file or path, problem.line, problem.column)
            return
        columns = map_columns(header.cells, self.preset, self.settings.columns)
        present = {fold(cell_text(c)) for c in header.cells}
        for given, field in self.settings.columns:
            if fold(given) not in present:  # a typo in --column would otherwise leave its field unread, unsaid
                self.problems.add(
                    Problem(
                        f"--column '{given}={field}': the header has no column '{given}'",
                        path,
                        header.line,
                        warning=True,
                    )
                )
        if columns.get("title") is None:
            shown = ", ".join(cell_text(c) for c in header.cells[:20]) or "nothing"
            self._error(
                f"no column holds the course title (the header has: {shown}); name it with "
                "--column 'HEADER=title', or pick the export's preset",
                path,
                header.line,
            )
            return
        fields = dict(columns.positions)
        width = len(header.cells)
        for record in records:
            if isinstance(record, Broken):
                for problem in record.problems:
                    self._error(problem.message, problem.file or path, problem.line, problem.column)
                continue
            self.tally.courses += 1
            if len(record.cells) > width and any(cell_text(c) for c in record.cells[width:]):
                self._error(
                    f"the row has {len(record.cells)} cells and the header {width}: is a cell holding a comma "
                    "not quoted?",
                    path,
                    record.line,
                    width + 1,
                )
                continue
            self._course(_Row(record, fields, path))

    def _course(self, row: _Row) -> None:
        try:
            if not read_active(row.text("active")):
                self.tally.inactive += 1
                return
        except CellError as exc:
            self._bad(row, "active", str(exc))
            return
        title = row.text("title")
        if not title:
            self._bad(row, "title", "the course has no title")
            return
        read = self._cells(row)
        if read is None:
            return
        duration, basis, level, kind = read
        low, high = self.bands[level or DEFAULT_BAND]
        if duration is None:
            duration = Duration(round((high - low) * self.catalog.hours_per_level, 2))
            basis = (
                f"estimate: the export gives no length; {hours_text(self.catalog.hours_per_level)} h per level, "
                "the catalog's default"
            )
        skills = row.text("skills")
        matches = self.matcher.named(read_skills(skills)) if skills else []
        if not matches:
            found = self.matcher.match(title, row.text("description"))
            matches = [found] if found else []
        if not matches:
            self._unmatched(row, title)
            return
        self.tally.matched += 1
        url = self._url(row)
        for match in matches:
            self._write(row, match, title, duration, basis, (low, high), kind, url)

    def _cells(self, row: _Row) -> tuple[Duration | None, str, str, str] | None:
        """The row's length (and where it comes from), level and kind; None after a located error."""
        field = "level"
        try:
            level = read_level(row.text("level"))
            field = "kind"
            kind = read_kind(row.text("kind"))
            for field in ("hours", "minutes", "duration"):
                text = row.text(field)
                if text:
                    if field == "duration":
                        return read_duration(text), f"provider: {text}", level, kind
                    return Duration(read_number(text, field)), f"provider: {text} {field}", level, kind
        except CellError as exc:
            self._bad(row, field, str(exc))
            return None
        return None, "", level, kind

    def _url(self, row: _Row) -> str:
        url = row.text("url")
        if url and not is_web_url(url):
            self._warn(row, "url", f"'{url}' is not an http:// or https:// address; the course is kept without it")
            return ""
        return url

    def _write(
        self,
        row: _Row,
        match: Match,
        title: str,
        duration: Duration,
        basis: str,
        band: tuple[int, int],
        kind: str,
        url: str,
    ) -> None:
        provider = row.text("provider") or self.preset.provider
        lines = [
            f"- skill: {match.skill}",
            f"  title: {quoted(title)}",
            f"  kind: {kind}",
            "  format: course",
            *((f"  provider: {quoted(provider)}",) if provider else ()),
            f"  hours: {hours_text(duration.hours)}",
            f"  hours_basis: {quoted(basis)}",
            *((f"  weeks: {duration.weeks}",) if duration.weeks else ()),
            f"  from: {band[0]}",
            f"  to: {band[1]}",
            *((f"  url: {quoted(url)}",) if url else ()),
            *((f"  course: {quoted(row.text('id'))}",) if row.text("id") else ()),
            f"  matched: {quoted(match.reason)}",
        ]
        self.body.write("\n".join(lines) + "\n")
        self.tally.resources += 1

    def _unmatched(self, row: _Row, title: str) -> None:
        self.tally.unmatched += 1
        where = f"{os.path.basename(row.file)}:{row.line}"
        self.unmatched.write(f"#   {printable(where)}: {printable(title)}\n")
        if len(self.tally.shown) < MAX_SHOWN:
            self.tally.shown.append(f"{row.file}:{row.line}: {printable(title)}")

    def _error(self, message: str, file: str, line: int | None = None, column: int | None = None) -> None:
        self.problems.add(Problem(message, file, line, column))
        if len(self.problems.errors) >= MAX_ERRORS:
            self.problems.add(Problem(f"stopped after {MAX_ERRORS} errors; fix these first", file))
            raise UpskillError(self.problems.errors)

    def _bad(self, row: _Row, field: str, message: str) -> None:
        self._error(f"{field}: {message}", row.file, row.line, row.where(field))

    def _warn(self, row: _Row, field: str, message: str) -> None:
        self.tally.warnings += 1
        if self.tally.warnings <= MAX_WARNINGS:
            self.problems.add(Problem(f"{field}: {message}", row.file, row.line, row.where(field), warning=True))

    def chunks(self, paths: Sequence[str]) -> Iterator[str]:
        """The overlay's YAML, in pieces: a header comment, the resources, then the unmatched courses."""
        names = ", ".join(os.path.basename(p) for p in paths)
        band_text = ", ".join(f"{name} from {low} to {high}" for name, (low, high) in self.bands.items())
        yield (
            f"# Course resources from {printable(names)} ({self.settings.preset} export), made by "
            "`upskill catalog resources import`.\n"
            "# Load it after the catalog its skills come from, e.g. --catalog default --catalog THIS_FILE.\n"
            "# Each entry is added to the resources of the skill it names; `matched` says why: keep the entry,\n"
            "# change its skill, or delete it.\n"
            f"# Course levels on the catalog's scale: {band_text}; a course without a level: {DEFAULT_BAND}.\n"
        )
        self.body.seek(0)
        yield "resources:\n" if self.tally.resources else "resources: []\n"
        yield from iter(lambda: self.body.read(1 << 16), "")
        t = self.tally
        yield (
            f"# {t.courses} course(s) read: {t.resources} resource(s) for {t.matched} course(s), "
            f"{t.unmatched} not matched to a skill, {t.inactive} inactive skipped.\n"
        )
        if t.unmatched:
            yield "# Not matched to any skill (add an alias to the skill, or a resource by hand):\n"
            self.unmatched.seek(0)
            yield from iter(lambda: self.unmatched.read(1 << 16), "")

    def close(self) -> None:
        self.body.close()
        self.unmatched.close()


def import_courses(paths: Sequence[str], catalog: Catalog, settings: CourseSettings) -> CourseImport:
    """Read every export file; raise `UpskillError` with the located errors (up to 20) when a row is broken.
    The warnings are left in `.problems` for the caller to print (or, with --strict, to refuse)."""
    course_import = CourseImport(catalog, settings)
    try:
        for path in paths:
            course_import.read(path)
        if course_import.tally.warnings > MAX_WARNINGS:
            more = course_import.tally.warnings - MAX_WARNINGS
            course_import.problems.add(Problem(f"{more} more warning(s) like these", warning=True))
        course_import.problems.raise_if_errors()
    except BaseException:
        course_import.close()
        raise
    return course_import
