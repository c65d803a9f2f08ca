"""Find a download's files (a folder, the files themselves, or the zip) and stream their rows by header name.

Publishers add, rename and reorder columns between releases (ESCO v1.2 adds label columns to its
relations; O*NET's database also ships with snake_case headers), so a column is found by its
header, folded to letters and digits (`O*NET-SOC Code` = `onetsoc_code`), or by one of its known
synonyms. Each file is read once, row by row, never held whole: the full downloads are 10-30 MB.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, NamedTuple

from upskill.errors import Problem, Problems, UpskillError, UsageError

MAX_ERRORS = 20  # a broken 100,000-row file gets 20 located errors and a count, not 100,000
MAX_LINE = 1024 * 1024  # characters in one line, as for CSV rosters; the excerpts' longest line is 574 bytes
BLOCK = 1 << 16  # bytes read at a time
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """Fold a header so `O*NET-SOC Code`, `onetsoc_code` and `ONET SOC code` are one key."""
    return _NOT_ALNUM.sub("", text.casefold())


class Entry(NamedTuple):
    """One file of a download: on disk, or a member of a zip."""

    label: str  # what messages name: `path/Skills.txt` or `db.zip:db_29_2_text/Skills.txt`
    path: str
    member: str = ""

    @contextlib.contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        """The file's bytes, streamed (a zip member is decompressed as it is read)."""
        try:
            if not self.member:
                with open(self.path, "rb") as fh:
                    yield fh
                return
            with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as fh:
                yield fh
        except (OSError, zipfile.BadZipFile) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise UpskillError(Problem(f"cannot read: {message}", file=self.label)) from None


class Download:
    """The files of a download, found by name (any case) in the folders, files and zips given."""

    def __init__(self, paths: Sequence[str]):
        self.paths = tuple(paths)
        self.entries: dict[str, Entry] = {}  # folded file name -> the first file of that name
        for path in paths:
            if os.path.isdir(path):
                self._folder(path)
            elif zipfile.is_zipfile(path):
                self._zip(path)
            elif os.path.isfile(path):
                self._add(Entry(path, path))
            else:
                raise UsageError(Problem("no such file or folder", file=path))

    def _add(self, entry: Entry) -> None:
        name = (entry.member or entry.path).replace("\\", "/").rsplit("/", 1)[-1]
        self.entries.setdefault(name.casefold(), entry)

    def _folder(self, path: str) -> None:
        for root, folders, files in os.walk(path):
            folders.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                if zipfile.is_zipfile(full):
                    self._zip(full)
                else:
                    self._add(Entry(full, full))

    def _zip(self, path: str) -> None:
        try:
            with zipfile.ZipFile(path) as archive:
                members = sorted(i.filename for i in archive.infolist() if not i.is_dir())
        except (OSError, zipfile.BadZipFile) as exc:
            raise UpskillError(Problem(f"cannot read the zip archive: {exc}", file=path)) from None
        for member in members:
            self._add(Entry(f"{path}:{member}", path, member))

    def find(self, *names: str) -> Entry | None:
        """The first file named one of `names` (any case), or None."""
        for name in names:
            found = self.entries.get(name.casefold())
            if found is not None:
                return found
        return None

    def require(self, what: str, *names: str) -> Entry:
        """Like `find`, but a missing file is an error that names what was looked for and where."""
        found = self.find(*names)
        if found is None:
            where = ", ".join(self.paths)
            raise UpskillError(
                Problem(
                    f"no {' or '.join(repr(n) for n in names)} ({what}) in {where}; give the download's folder or zip"
                )
            )
        return found


class Column(NamedTuple):
    """A column to find: its publisher's header, other headers that mean it, and whether it must be there."""

    name: str
    synonyms: tuple[str, ...] = ()
    required: bool = True


class Report:
    """Problems found while importing: errors stop the import after MAX_ERRORS, warnings are kept."""

    def __init__(self) -> None:
        self.problems = Problems()
        self.rows = 0  # data rows read, over every file (for the summary and the speed figures)

    def error(
        self, message: str, file: str, line: int | None = None, column: int | None = None, path: str = ""
    ) -> None:
        self.problems.add(Problem(message, file, line, column, path))
        if len(self.problems.errors) >= MAX_ERRORS:
            self.problems.add(Problem(f"stopped after {MAX_ERRORS} errors; fix these first", file))
            raise UpskillError(self.problems.errors)

    def warn(self, message: str, file: str = "", line: int | None = None, path: str = "") -> None:
        self.problems.add(Problem(message, file, line, None, path, warning=True))


class Table:
    """One delimited file of a download, opened by header: `rows()` streams (line, cells) pairs.

    `tab` files (O*NET) have no quoting; `csv` files (ESCO) quote cells, which may hold line
    breaks, so a record's line is where it starts. Every row must have as many cells as the header.
    """

    def __init__(self, entry: Entry, columns: Sequence[Column], report: Report, *, tab: bool, encoding: str = "utf-8"):
        self.entry = entry
        self.label = entry.label
        self.columns = tuple(columns)
        self.report = report
        self.tab = tab
        self.encoding = encoding
        self.index: dict[str, int] = {}  # column name -> position; -1 when an optional column is absent
        self.width = 0

    def at(self, name: str) -> int:
        return self.index[name]

    def bad(self, line: int, name: str, message: str) -> None:
        """A located error about one cell: `file:line:column: Column Name: message`."""
        position = self.index.get(name, -1)
        self.report.error(message, self.label, line, position + 1 if position >= 0 else None, name)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Read the header now (so `at` works), and return the data rows with the line each starts on.

        Blank lines are skipped; a row with more or fewer cells than the header is an error.
        """
        stack = contextlib.ExitStack()
        raw = stack.enter_context(self.entry.open())
        encoding = "utf-8-sig" if self.encoding == "utf-8" else self.encoding  # a BOM is not part of the header
        text = _lines(raw, encoding, self.label)
        records = self._guarded(_tab_records(text) if self.tab else _csv_records(text))
        try:
            line, cells = next(records)
        except StopIteration:
            stack.close()
            names = ", ".join(c.name for c in self.columns if c.required)
            raise UpskillError(
                Problem(f"the file is empty; expected a header row with {names}", file=self.label)
            ) from None
        except BaseException:
            stack.close()
            raise
        self._header(cells, line)
        return self._data(stack, records)

    def _data(
        self, stack: contextlib.ExitStack, records: Iterator[tuple[int, list[str]]]
    ) -> Iterator[tuple[int, list[str]]]:
        with stack:
            for line, cells in records:
                if len(cells) != self.width:
                    if len(cells) == 1 and not cells[0].strip():
                        continue
                    what = "tab-separated" if self.tab else "comma-separated"
                    self.report.error(
                        f"this row has {len(cells)} {what} cells but the header has {self.width}", self.label, line
                    )
                    continue
                self.report.rows += 1
                yield line, cells

    def _guarded(self, records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
        """The records, with a decoding or CSV error turned into a located problem."""
        line = 0
        try:
            for line, cells in records:
                yield line, cells
        except csv.Error as exc:
            raise UpskillError(Problem(f"cannot read this row as CSV: {exc}", file=self.label, line=line + 1)) from None

    def _header(self, cells: list[str], line: int) -> None:
        found = {header_key(cell): position for position, cell in reversed(list(enumerate(cells)))}
        missing = []
        for column in self.columns:
            keys = [header_key(name) for name in (column.name, *column.synonyms)]
            position = next((found[k] for k in keys if k in found), -1)
            if position < 0 and column.required:
                also = f" (or {', '.join(column.synonyms)})" if column.synonyms else ""
                missing.append(f"'{column.name}'{also}")
            self.index[column.name] = position
        if missing:
            shown = ", ".join(cells[:20]) + (", ..." if len(cells) > 20 else "")
            raise UpskillError(
                Problem(
                    f"missing the column {' and '.join(missing)}; the header has: {shown}",
                    file=self.label,
                    line=line,
                )
            )
        self.width = len(cells)


def _lines(raw: IO[bytes], encoding: str, label: str) -> Iterator[str]:
    """The text's lines, each with its line feed, decoded as they are read.

    Never more than `MAX_LINE` characters are held: a 400 KB zip can hold one 400 MB line, which a
    text file's line iterator reads whole (838 MB at its peak). Bytes that are not `encoding` are an
    error on their own line (a text wrapper decodes 8 KB ahead, so the error named the line before).
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = ""  # the start of a line whose end is not read yet
    number = 0  # the lines yielded so far
    while True:
        block = raw.read(BLOCK)
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            raise _not_text(exc, encoding, label, number + 1 + (pending + _before(exc, encoding)).count("\n")) from None
        *ended, pending = (pending + text).split("\n")
        for line in ended:
            number += 1
            yield line + "\n"
        if len(pending) > MAX_LINE:
            raise UpskillError(
                Problem(
                    f"the line is longer than {MAX_LINE // 1024} KB; is this the download's file?",
                    file=label,
                    line=number + 1,
                )
            )
        if not block:
            break
    if pending:
        yield pending


def _before(exc: UnicodeDecodeError, encoding: str) -> str:
    """The text decoded before the byte at fault, to count the lines it ends."""
    return bytes(exc.object[: exc.start]).decode(encoding, errors="replace")


def _not_text(exc: UnicodeDecodeError, encoding: str, label: str, line: int) -> UpskillError:
    return UpskillError(
        Problem(
            f"is not {encoding.removesuffix('-sig')} text (byte 0x{exc.object[exc.start]:02x} on this line); "
            "pass --encoding with the file's encoding, e.g. --encoding cp1252",
            file=label,
            line=line,
        )
    )


def _tab_records(text: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(text, start=1):
        yield number, line.rstrip("\r\n").split("\t")


def _csv_records(text: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(text)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def number(table: Table, line: int, cells: list[str], name: str, low: float, high: float) -> float | None:
    """The cell of column `name` as a number in [low, high]; a located error (and None) otherwise."""
    text = cells[table.at(name)].strip()
    try:
        value = float(text)
    except ValueError:
        table.bad(line, name, f"expected a number, found '{text[:40]}'")
        return None
    if not low <= value <= high:  # also refuses nan
        table.bad(line, name, f"{text} is outside {low:g}-{high:g}")
        return None
    return value


def flag(table: Table, line: int, cells: list[str], name: str) -> bool:
    """A Y/N cell (O*NET's flags): True for Y; an empty, `n/a` or N cell is False, anything else an error."""
    position = table.at(name)
    if position < 0:
        return False
    text = cells[position].strip().upper()
    if text in ("Y", "YES", "TRUE"):
        return True
    if text not in ("N", "NO", "FALSE", "", "N/A", "NA"):
        table.bad(line, name, f"expected Y or N, found '{text[:40]}'")
    return False


def cell(table: Table, cells: list[str], name: str) -> str:
    """The stripped text of column `name`, or "" when the optional column is absent."""
    position = table.at(name)
    return cells[position].strip() if position >= 0 else ""
