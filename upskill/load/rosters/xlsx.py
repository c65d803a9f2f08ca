"""Workbook rosters (.xlsx, .xlsm): one sheet's rows as `Record`s, read by a small streaming reader.

A workbook is a zip of XML parts. The sheet's XML is parsed a chunk at a time (xlsx_parts.py,
expat with no DOCTYPE), and each row comes out as it is read, with the row number Excel shows.
Cells keep what Excel stores: a number is an int or float, a date cell a `date`, text is text.

The work follows what the file holds, never what it declares. A zip part may expand to
gigabytes: before anything is parsed, the sum of the parts' uncompressed sizes (which bounds
what Python's zipfile will inflate) is checked, and the cells are counted as they are read.
A sheet's `<dimension>` is ignored (a stale one would cut rows and columns), a row numbered
2,000,000,000 is one row (no empty rows are made up before it), and the shared strings are
parsed only as far as the sheet's cells ask. (openpyxl's read-only mode, used before, did all
three, and loaded every shared string: 239 s and 1.16 GB for a 500 KB file.)

A damaged part, a cell that holds what its type forbids or a date Excel cannot show is one
`Broken` source naming the sheet, the row and the cell; hidden sheets are read only when
--sheet names them.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from upskill.errors import Problem, did_you_mean
from upskill.load.rosters.sources import Broken, Cell, Record, cell_text
from upskill.load.rosters.xlsx_parts import (
    MAX_SHARED,
    MAX_TEXT,
    Book,
    Damaged,
    LocalNames,
    SharedStrings,
    Sheet,
    parse,
    read_book,
)

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # bytes, all members together: a 100,000-row roster is ~60 MB
MAX_CELLS = 10_000_000  # cells in the sheet read: 100,000 employees x 100 columns
MAX_MEMBERS = 10_000  # files inside the zip
MAX_COLUMN = 16_384  # XFD, Excel's last column
REPAIR = "open it in Excel and save it again, or export the sheet as CSV UTF-8"
_REF = re.compile(r"([A-Z]{1,3})(\d{1,10})")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,4})?")
_LAST_SERIAL = 2_958_466  # 10000-01-01 in Excel's 1900 date system: its dates end with 9999


def check_workbook(path: str) -> Problem | None:
    """Why the workbook must not be parsed (not a zip, too large once expanded), or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except OSError as exc:
        return Problem(f"cannot read: {exc.strerror or exc}", file=path)
    except (zipfile.BadZipFile, ValueError, EOFError):
        return Problem(
            "is not an Excel workbook (.xlsx files are zip archives; a password-protected workbook is not "
            "one either): open it in Excel and save it as .xlsx without a password, or as CSV UTF-8",
            file=path,
        )
    size = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or size > MAX_UNCOMPRESSED:
        return Problem(
            f"the workbook would expand to {size / 1024 / 1024:,.0f} MB in {len(members):,} parts, more than "
            f"the {MAX_UNCOMPRESSED // 1024 // 1024} MB (or {MAX_MEMBERS:,} parts) a roster may hold; "
            "is it a roster? Export the one sheet as CSV",
            file=path,
        )
    return None


def xlsx_records(path: str, sheet: str | None = None) -> Iterator[Record | Broken]:
    """The non-blank rows of `sheet` (else the active sheet, else the first visible one) as `Record`s,
    numbered as Excel numbers them. A damaged part ends the reading with a `Broken`; a cell that holds
    what its type forbids makes its row a `Broken`, and the reading goes on."""
    refused = check_workbook(path)
    if refused is not None:
        yield Broken(path, (refused,))
        return
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                book = read_book(archive)
            except Damaged as exc:
                yield Broken(path, (Problem(f"the workbook is damaged: {exc}; {REPAIR}", file=path),))
                return
            chosen = pick_sheet(book, sheet, path)
            if isinstance(chosen, Problem):
                yield Broken(path, (chosen,))
                return
            yield from _SheetReader(archive, book, chosen, path).records()
    except OSError as exc:  # the file went away or failed between the check and the read
        yield Broken(path, (Problem(f"cannot read: {exc.strerror or exc}", file=path),))


def pick_sheet(book: Book, wanted: str | None, path: str) -> Sheet | Problem:
    """The sheet `wanted` (by --sheet, hidden or not), else the book's default; a Problem when there is none."""
    names = [s.name for s in book.sheets]
    shown = ", ".join(f"'{n}'" for n in names[:10]) + (f" and {len(names) - 10:,} more" if len(names) > 10 else "")
    if not book.sheets:
        return Problem(f"the workbook has no sheet; {REPAIR}", file=path)
    if wanted is not None:
        found = next((s for s in book.sheets if s.name == wanted), None)
        if found is None:
            return Problem(f"no sheet named '{wanted}'{did_you_mean(wanted, names)}; the sheets are {shown}", file=path)
    else:
        found = book.default_sheet()
        if found is None:
            return Problem(
                f"every sheet is hidden; name the one to read with --sheet (the sheets are {shown})", file=path
            )
    if found.part is None:  # a chart sheet (or a sheet whose part the workbook does not list)
        return Problem(
            f"sheet '{found.name}' holds no cells; name one with --sheet (the sheets are {shown})", file=path
        )
    return found


def sheet_to_read(path: str, wanted: str | None = None) -> tuple[str, int] | None:
    """The name of the sheet `xlsx_records` would read and the number of hidden sheets; None when it
    cannot tell (reading the workbook then reports why)."""
    if check_workbook(path) is not None:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            book = read_book(archive)
    except (OSError, zipfile.BadZipFile, Damaged):
        return None
    chosen = pick_sheet(book, wanted, path)
    return None if isinstance(chosen, Problem) else (chosen.name, sum(s.hidden for s in book.sheets))


def declared_rows(path: str) -> int:
    """About the number of rows of the sheet read by default, for a progress bar; 0 when unknown.

    Read from the sheet's `<dimension>` (the start of its part) and capped by the part's size, so a
    stale or made-up figure costs nothing but a wrong total on the bar.
    """
    if check_workbook(path) is not None:
        return 0
    found: list[int] = []
    local = LocalNames()

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local[name]
        if tag == "dimension":
            refs = [_REF.fullmatch(part) for part in attrs.get("ref", "").split(":")]
            found.extend(int(m.group(2)) for m in refs if m)
        if tag in ("dimension", "sheetData"):
            raise _Enough  # the rest of the sheet is not needed

    try:
        with zipfile.ZipFile(path) as archive:
            chosen = pick_sheet(read_book(archive), None, path)
            if isinstance(chosen, Problem) or chosen.part is None:
                return 0
            size = archive.getinfo(chosen.part).file_size
            for _ in parse(archive, chosen.part, start):
                pass
    except _Enough:
        pass
    except (OSError, KeyError, zipfile.BadZipFile, Damaged):
        return 0
    return max(min(max(found, default=1), size // 20) - 1, 0) if found else 0


class _Enough(Exception):
    pass


class _TooMany(Exception):
    pass


class _BadCell(Exception):
    pass


class _BadSheet(Exception):
    pass


class _SheetReader:
    """expat handlers for one worksheet: each row's cells as (column, value), converted as Excel stores them."""

    def __init__(self, archive: zipfile.ZipFile, book: Book, sheet: Sheet, path: str):
        from upskill.load.rosters.xlsx_parts import date_styles

        assert sheet.part is not None
        self.archive, self.sheet, self.part, self.path = archive, sheet, sheet.part, path
        self.strings = SharedStrings(archive, book.shared)
        self.dates = date_styles(archive, book.styles)
        self.epoch = datetime(1904, 1, 1) if book.date1904 else None
        self.local = LocalNames()
        self.done: list[tuple[int, list[tuple[int, Cell]], Problem | None]] = []  # rows read, not yet yielded
        self.row = 0  # the row being read (its number)
        self.in_row = False  # between <row> and </row>
        self.cells: list[tuple[int, Cell]] = []
        self.problem: Problem | None = None
        self.column = -1  # of the cell being read
        self.kind = "n"
        self.style = ""
        self.text: list[str] = []
        self.length = 0  # characters in self.text
        self.collect = False  # inside <v>, or an inline string's <t>
        self.phonetic = False  # inside <rPh>: a reading aid, not the cell's text
        self.seen = 0  # <c> elements
        self.rows = 0  # <row> elements
        self.width = 0  # cells of the rows made (blank ones in between count)

    def records(self) -> Iterator[Record | Broken]:
        try:
            for _ in parse(self.archive, self.part, self._start, self._end, self._chars):
                yield from self._flush()
            yield from self._flush()
        except _TooMany:
            yield Broken(self.path, (_too_many(self.path),))
        except (Damaged, _BadSheet) as exc:
            after = f" {'in' if self.in_row else 'after'} row {self.row}" if self.row else ""
            line = self.row or None
            yield Broken(
                self._label(),
                (Problem(f"sheet '{self.sheet.name}' is damaged{after}: {exc}; {REPAIR}", file=self.path, line=line),),
            )

    def _label(self) -> str:
        return f"{self.path}:{self.row}" if self.row else self.path

    def _flush(self) -> Iterator[Record | Broken]:
        done, self.done = self.done, []
        for number, cells, problem in done:
            if problem is not None:
                yield Broken(f"{self.path}:{number}", (problem,))
                continue
            if not cells:
                continue
            row: list[Cell] = [""] * (max(column for column, _ in cells) + 1)
            self.width += len(row)
            if self.width > MAX_CELLS:
                raise _TooMany
            for column, value in cells:
                row[column] = value
            if any(cell_text(v) for v in row):
                yield Record(number, tuple(row))

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.local[name]
        if tag == "c":
            self.seen += 1
            if self.seen > MAX_CELLS:
                raise _TooMany
            self.column = self._column(attrs.get("r"))
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s", "")
            self.text, self.length = [], 0
        elif tag == "v" or (tag == "t" and not self.phonetic):
            self.collect = True
        elif tag == "row":
            self._open_row(attrs.get("r"))
        elif tag == "rPh":
            self.phonetic = True

    def _end(self, name: str) -> None:
        tag = self.local[name]
        if tag == "v" or tag == "t":
            self.collect = False
        elif tag == "c":
            self._close_cell()
        elif tag == "row":
            self.done.append((self.row, self.cells, self.problem))
            self.cells, self.in_row = [], False
        elif tag == "rPh":
            self.phonetic = False

    def _chars(self, text: str) -> None:
        if self.collect:
            self.text.append(text)
            self.length += len(text)
            if self.length > MAX_TEXT:
                raise _BadSheet(f"cell {_name(self.column)}{self.row} holds more than {MAX_TEXT:,} characters")

    def _open_row(self, number: str | None) -> None:
        self.rows += 1
        if self.rows > MAX_CELLS:  # empty <row/> elements: 6 bytes each, a callback each
            raise _TooMany
        if number is None:
            self.row += 1
        elif number.isdigit() and len(number) <= 10 and int(number) > self.row:
            self.row = int(number)
        else:
            raise _BadSheet(f"a row is numbered '{number[:20]}' (after row {self.row}), out of order")
        self.cells, self.problem, self.column, self.in_row = [], None, -1, True

    def _column(self, ref: str | None) -> int:
        """The cell's column (0 for A) from its reference, else the one after the previous cell."""
        if ref is None:
            column = self.column + 1
        else:
            match = _REF.fullmatch(ref)
            if match is None:
                raise _BadSheet(f"a cell of row {self.row} is named '{ref[:20]}', which is no cell reference")
            column = 0
            for letter in match.group(1):
                column = column * 26 + ord(letter) - 64
            column -= 1
        if column >= MAX_COLUMN:
            raise _BadSheet(f"a cell of row {self.row} lies past column XFD, Excel's last")
        return column

    def _close_cell(self) -> None:
        text = "".join(self.text)
        self.text = []
        if not text:
            return
        try:
            value = self._value(text)
        except _BadCell as exc:
            if self.problem is None:  # one problem a row: the row is refused as a whole
                self.problem = Problem(
                    f"cell {_name(self.column)}{self.row} of sheet '{self.sheet.name}' {exc}",
                    file=self.path,
                    line=self.row,
                    column=self.column + 1,
                )
            return
        if value != "":
            self.cells.append((self.column, value))

    def _value(self, text: str) -> Cell:
        kind = self.kind
        if kind == "s":
            return self._shared(text)
        if kind in ("inlineStr", "str", "e"):  # text, a formula's text result, an error such as #N/A
            return text
        if kind == "n":
            number = _number(text)
            style = int(self.style) if self.style.isdigit() and len(self.style) < 10 else -1
            return self._date(number) if 0 <= style < len(self.dates) and self.dates[style] else number
        if kind == "b":
            if text.strip() in ("0", "1", "true", "false"):
                return "TRUE" if text.strip() in ("1", "true") else "FALSE"
            raise _BadCell(f"holds '{text[:40]}' where TRUE or FALSE belongs; the workbook is damaged: {REPAIR}")
        if kind == "d":
            return _iso_date(text)
        raise _BadCell(f"has the unknown type '{kind[:20]}'; the workbook is damaged: {REPAIR}")

    def _shared(self, text: str) -> str:
        index = text.strip()
        if not (index.isdigit() and len(index) < 10):
            raise _BadCell(
                f"points at shared string '{index[:20]}', which is no number; the workbook is damaged: {REPAIR}"
            )
        found = self.strings.get(int(index))
        if found is None:
            held = (
                f"past the {MAX_SHARED:,} a roster may hold"
                if int(index) >= MAX_SHARED
                else f"but the workbook holds {len(self.strings):,}"
            )
            raise _BadCell(f"points at shared string {int(index):,}, {held}; the workbook is damaged: {REPAIR}")
        return found

    def _date(self, serial: float) -> Cell:
        """A number in a date format as Excel shows it (its 1900 leap-year bug included, as openpyxl reads it)."""
        epoch = self.epoch or datetime(1899, 12, 30)
        limit = _LAST_SERIAL - (1462 if self.epoch else 0)
        if not 0 <= serial < limit:
            raise _BadCell(
                f"holds {serial:g} in a date format, which is no date Excel can show (its dates run from 1900 "
                "to 9999); type the date again, or export the sheet as CSV UTF-8"
            )
        days, fraction = divmod(serial, 1)
        moment = timedelta(milliseconds=round(fraction * 86_400_000))
        if serial < 1 and moment.days == 0:  # a time of day alone
            return (datetime.min + moment).time().isoformat()
        if self.epoch is None and 0 < serial < 60:  # Excel counts a 29 February 1900 that never was
            days += 1
        value = epoch + timedelta(days=days) + moment
        return value.date() if value.time() == time(0) else value


def _number(text: str) -> int | float:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        raise _BadCell(f"holds '{text[:40]}' where a number belongs; the workbook is damaged: {REPAIR}")
    if "." in text or "e" in text or "E" in text or len(text) > 18:
        number = float(text)
        if not math.isfinite(number):
            raise _BadCell(f"holds '{text[:40]}', a number too large; the workbook is damaged: {REPAIR}")
        return number
    return int(text)


def _iso_date(text: str) -> Cell:
    try:
        value = datetime.fromisoformat(text.strip()).replace(tzinfo=None)
    except ValueError:
        raise _BadCell(
            f"holds '{text[:40]}' where a date belongs (YYYY-MM-DD); type the date again, or export the sheet as "
            "CSV UTF-8"
        ) from None
    return value.date() if value.time() == time(0) else value


def _name(column: int) -> str:
    """0 -> A, 26 -> AA: the column as Excel names it."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _too_many(path: str) -> Problem:
    return Problem(
        f"the sheet holds more than {MAX_CELLS:,} cells; is it a roster? Export the roster's rows and columns alone",
        file=path,
    )
