"""Rosters (a spreadsheet export): one `RowSource` per data row, the header mapped once to a `Layout`.

`read_roster` reads a CSV file here, or a workbook (xlsx.py), as `Record`s, and maps the header
with columns.py. For CSV it accepts what spreadsheets write: a UTF-8 byte-order mark, `,`, `;`
or tab between cells (read from the header), CRLF or CR line ends, quoted cells, a `sep=;` first
line, another encoding named by --encoding. A problem with the whole file is one `Broken` source; with one row, that
row's; an ignored column is a `Notice`.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from collections.abc import Generator, Iterable, Iterator
from typing import IO

from upskill.errors import Problem, UsageError, apply_strict
from upskill.load.rosters.columns import RosterSettings, map_header
from upskill.load.rosters.sources import MAX_LINE, Broken, InputSource, Notice, Record, RowSource
from upskill.load.text import check_encoding
from upskill.model import Catalog

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
HEADER_HINT = "expected the header row first (employee id, target role, ..., then one column per skill)"
_SEP_LINE = re.compile(r"^sep=(.)\s*$")


def read_roster(
    path: str,
    catalog: Catalog,
    *,
    encoding: str = "utf-8",
    strict: bool = False,
    settings: RosterSettings | None = None,
) -> Iterator[InputSource]:
    """One `RowSource` per data row of a roster (CSV, or a workbook's sheet); blank rows are skipped.

    The header is mapped first (columns.py): its warnings come as one `Notice`, its errors as a
    `Broken` source and no rows. `settings` (else `encoding` alone) says how to read it.
    """
    settings = settings or RosterSettings(encoding=encoding)
    records = roster_records(path, settings)
    first = next(records, None)
    if first is None or isinstance(first, Broken):
        yield first or Broken(path, (Problem(f"the roster is empty; {HEADER_HINT}", file=path),))
        return
    try:
        layout, problems = map_header(path, first.cells, first.line, catalog, settings)
    except UsageError as exc:  # a --column naming nothing (the CLI checks it first; this guards library callers)
        yield Broken(path, tuple(p._replace(file=path) for p in exc.problems))
        return
    problems = apply_strict(problems, strict)
    warnings = tuple(p for p in problems if p.warning)
    if warnings:
        yield Notice(path, warnings)
    if layout is None or len(warnings) < len(problems):
        yield Broken(path, tuple(p for p in problems if not p.warning))
        return
    for record in records:
        yield record if isinstance(record, Broken) else RowSource(layout, record.line, record.cells)


def roster_records(path: str, settings: RosterSettings) -> Iterator[Record | Broken]:
    """The header row, then each non-blank data row, of a CSV roster or a workbook (by extension)."""
    if os.path.splitext(path)[1].lower() in WORKBOOK_SUFFIXES:
        from upskill.load.rosters.xlsx import xlsx_records  # imported only when a workbook is read

        yield from xlsx_records(path, settings.sheet)
        return
    try:
        with open(path, "rb") as fh:
            workbook = workbook_signature(fh.read(8), path)
            if workbook is not None:
                yield Broken(path, (workbook,))
                return
            fh.seek(0)
            yield from _csv_records(fh, path, settings.encoding)
    except OSError as exc:
        yield Broken(path, (Problem(f"cannot read: {exc.strerror or exc}", file=path),))


def workbook_signature(head: bytes, path: str) -> Problem | None:
    """A workbook saved under a text roster's name (`.csv`): said so, rather than "not UTF-8, pass --encoding"."""
    if head.startswith(b"PK\x03\x04"):  # a zip: .xlsx (or .ods, .numbers) renamed, or saved as "CSV" by a script
        what = "a workbook (a zip file, such as .xlsx), not CSV text"
        fix = "rename it to .xlsx if Excel saved it, or save it as CSV UTF-8"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Excel 97-2003 (.xls)
        what = "an Excel 97-2003 workbook (.xls), not CSV text"
        fix = "save it as .xlsx or CSV UTF-8"
    else:
        return None
    return Problem(f"is {what}; {fix}", file=path)


class _Lines:
    """Decoded physical lines of a roster, remembering which ones were not valid in `encoding`."""

    def __init__(self, fh: IO[bytes], path: str, encoding: str):
        self.path = path
        self.encoding = encoding
        self.number = 0
        self.bad: dict[int, Problem] = {}  # line number -> why it could not be decoded
        self.ended = False  # True once the csv reader asked past the last line (an unclosed quote)
        head = fh.peek(1 << 16)[: 1 << 16] if hasattr(fh, "peek") else b""
        self.terminator = b"\r" if b"\n" not in head and b"\r" in head else b"\n"
        self.fh = fh
        self.decode = codecs.getdecoder(encoding)
        self.utf8 = codecs.lookup(encoding).name == "utf-8"

    def __iter__(self) -> Iterator[str]:
        for raw in self._raw():
            self.number += 1
            if self.number == 1 and self.utf8 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                text: str = self.decode(raw)[0]
            except UnicodeDecodeError as exc:
                name = "UTF-8" if self.utf8 else self.encoding
                self.bad[self.number] = Problem(
                    f"is not valid {name} (byte 0x{raw[exc.start]:02x}); save the roster as UTF-8 "
                    '("CSV UTF-8" in Excel) or pass --encoding with the file\'s encoding '
                    "(e.g. --encoding cp1252)",
                    file=self.path,
                    line=self.number,
                )
                text = raw.decode(self.encoding, errors="replace")
            if not self.utf8 and not text.isascii():  # UTF-8 never decodes to a surrogate; utf-7 can
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    self.bad[self.number] = Problem(
                        f"decoded as {self.encoding}, this line holds a lone UTF-16 surrogate "
                        f"(U+{ord(text[exc.start]):04X}), which is not a character; check --encoding",
                        file=self.path,
                        line=self.number,
                    )
                    text = text.encode("utf-8", errors="replace").decode("utf-8")
            yield text
        self.ended = True

    def _raw(self) -> Iterator[bytes]:
        if self.terminator == b"\n":
            while True:
                raw = self.fh.readline(MAX_LINE + 1)
                if not raw:
                    return
                if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                    raise _TooLong(self.number + 1)
                yield raw
        else:  # old Mac exports end lines with CR only
            buffer = b""
            while True:
                block = self.fh.read(1 << 16)
                if not block:
                    break
                buffer += block
                *lines, buffer = buffer.split(b"\r")
                for line in lines:
                    yield line + b"\r"
                if len(buffer) > MAX_LINE:
                    raise _TooLong(self.number + 1)
            if buffer:
                yield buffer


class _TooLong(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def _csv_records(fh: IO[bytes], path: str, encoding: str) -> Iterator[Record | Broken]:
    refused = _refused_encoding(fh, path, encoding)
    if refused is not None:
        yield refused
        return
    lines = _Lines(fh, path, encoding)
    physical = iter(lines)
    try:
        header = yield from _header(physical, lines, path)
        if header is not None:
            yield from _data_rows(physical, lines, path, header)
    except _TooLong as exc:
        yield Broken(
            f"{path}:{exc.line}",
            (
                Problem(
                    f"the line is longer than {MAX_LINE // 1024} KB; is this a CSV roster?", file=path, line=exc.line
                ),
            ),
        )
    except csv.Error as exc:
        yield Broken(
            f"{path}:{lines.number}",
            (Problem(f"{_csv_error(exc)}; the rest of the file is not read", file=path, line=lines.number),),
        )


def _refused_encoding(fh: IO[bytes], path: str, encoding: str) -> Broken | None:
    """The roster as one `Broken` source when `encoding` is unknown, or the file is UTF-16 or UTF-32."""
    try:
        codec = check_encoding(encoding)  # the CLI checks --encoding first; this guards library callers
    except UsageError as exc:
        return Broken(path, tuple(p._replace(file=path) for p in exc.problems))
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    if codec.startswith(("utf-16", "utf-32")) or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Broken(
            path,
            (Problem('is UTF-16 (or UTF-32) encoded; save it as UTF-8 ("CSV UTF-8" in Excel)', file=path, line=1),),
        )
    return None


def _header(physical: Iterator[str], lines: _Lines, path: str) -> Generator[Record | Broken, None, str | None]:
    """Yield the header row (after an optional `sep=` line) as a `Record`, or `Broken` when it cannot be read.

    Returns the delimiter, or None when the rows cannot be read.
    """
    first = next(physical, None)
    header_line = 1
    delimiter = None
    sep = _SEP_LINE.match(first.strip("\r\n")) if first else None
    if sep:  # Excel's hint line, e.g. `sep=;`
        delimiter = sep.group(1)
        first = next(physical, None)
        header_line = 2
    if first is None or not first.strip():
        what = "the roster is empty" if first is None else f"row {header_line} is blank"
        yield Broken(path, (Problem(f"{what}; {HEADER_HINT}", file=path),))
        return None
    if lines.bad:
        yield Broken(path, (next(iter(lines.bad.values())),))
        return None
    delimiter = delimiter or _sniff(first)
    yield Record(header_line, tuple(next(csv.reader([first], delimiter=delimiter), [])))
    return delimiter


def _data_rows(physical: Iterator[str], lines: _Lines, path: str, delimiter: str) -> Iterator[Record | Broken]:
    """One record per non-blank row after the header, or `Broken` with the reason."""
    reader = csv.reader(physical, delimiter=delimiter)
    previous = lines.number
    for cells in reader:
        start, end = previous + 1, lines.number  # the reader never reads past the record it yields
        previous = end
        if not any(c.strip() for c in cells):
            continue
        found = [lines.bad.pop(n) for n in range(start, end + 1) if n in lines.bad]  # pop: memory stays flat
        problem = found[0] if found else _broken_record(cells, start, end, lines.ended, path, delimiter)
        if problem is not None:
            yield Broken(f"{path}:{start}", (problem,))
        else:
            yield Record(start, tuple(cells))


def _broken_record(cells: list[str], start: int, end: int, ended: bool, path: str, delimiter: str) -> Problem | None:
    """What is wrong with a record of physical lines `start` to `end` that a quote made wrong, if anything."""
    if ended:  # the reader ran out of lines inside a quoted cell, and kept what it had
        span = f"line {start}" if end == start else f"from line {start} to line {end}"
        return Problem(
            f"the quote that opens cell {len(cells)} is never closed, so the rest of "
            f"the file ({span}) became one cell; add the closing quote",
            file=path,
            line=start,
            column=len(cells),
        )
    if end > start and any(delimiter in c and ("\n" in c or "\r" in c) for c in cells):
        return Problem(
            f"a quoted cell runs from line {start} to line {end} and holds what "
            "look like rows: is a closing quote missing?",
            file=path,
            line=start,
        )
    return None


def _csv_error(exc: csv.Error) -> str:
    """What the csv module refused, in upskill's words where we know them."""
    if "field limit" in str(exc):  # the module's one limit: the length of a cell (131,072 characters)
        return (
            f"a cell is longer than {csv.field_size_limit() // 1024} KB, the most a roster cell may hold; "
            "is a closing quote missing?"
        )
    return f"CSV error: {exc}"


def _sniff(line: str) -> str:
    """The delimiter that splits the header into the most cells: `,`, `;` or tab."""
    best, count = ",", 0
    for delimiter in (",", ";", "\t"):
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:  # split by the wrong delimiter, a wide header is one cell past the module's limit
            continue
        if len(cells) > count:
            best, count = delimiter, len(cells)
    return best


def roster_dialect(paths: Iterable[str], encoding: str = "utf-8") -> str | None:
    """The CSV dialect of the first CSV roster: `excel-eu` when its cells are `;`-separated, else `excel`.

    What `upskill team --format csv` writes by default, so the file opens in the same spreadsheet
    the roster came from. None when no CSV roster is among `paths` (a workbook says nothing).
    """
    for path in paths:
        if os.path.splitext(path)[1].lower() in WORKBOOK_SUFFIXES:
            continue
        try:
            with open(path, "rb") as fh:
                head = fh.read(1 << 16)
        except OSError:
            return None
        text = head.removeprefix(codecs.BOM_UTF8).decode(encoding, errors="replace")
        first = text.splitlines()[0] if text else ""
        sep = _SEP_LINE.match(first)
        delimiter = sep.group(1) if sep else _sniff(first)
        return "excel-eu" if delimiter == ";" else "excel"
    return None
