"""Workbook rosters (.xlsx, .xlsm): one sheet's rows as `Record`s, with openpyxl in read-only mode.

openpyxl is imported here only, and this module only when a workbook is read, so start-up and
CSV rosters never pay for it. Rows are streamed (read-only mode), never held as a whole sheet.
Cells keep what Excel stores: a number is an int or float, a date cell a `date`, text is text.

A workbook is a zip of XML files: one of a few kilobytes can expand to gigabytes. So before
openpyxl parses anything, the sum of the members' uncompressed sizes (which bounds what
Python's zipfile will inflate) and the sheet's declared cell count are checked against the
limits below, and cells are counted again while streaming (the declared size may be absent).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from upskill.batch.sources import Broken, Cell, Record, cell_text
from upskill.errors import Problem, did_you_mean

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # bytes, all members together: a 100,000-row roster is ~60 MB
MAX_CELLS = 10_000_000  # cells in the sheet read: 100,000 employees x 100 columns
MAX_MEMBERS = 10_000  # files inside the zip


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
    """The non-blank rows of `sheet` (else the first sheet) as `Record`s numbered as Excel does."""
    refused = check_workbook(path)
    if refused is not None:
        yield Broken(path, (refused,))
        return
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():  # "no default style" and the like: nothing the user can act on
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) for a damaged file
        yield Broken(path, (Problem(f"cannot read the workbook ({type(exc).__name__}: {exc})", file=path),))
        return
    try:
        yield from _rows(book, path, sheet)
    finally:
        book.close()


def _rows(book: Any, path: str, sheet: str | None) -> Iterator[Record | Broken]:
    names = list(book.sheetnames)
    if sheet is not None and sheet not in names:
        shown = ", ".join(f"'{n}'" for n in names[:10])
        yield Broken(
            path,
            (Problem(f"no sheet named '{sheet}'{did_you_mean(sheet, names)}; the sheets are {shown}", file=path),),
        )
        return
    worksheet = book[sheet if sheet is not None else names[0]]
    if not hasattr(worksheet, "iter_rows"):  # a chart sheet
        yield Broken(path, (Problem(f"sheet '{worksheet.title}' holds no cells; name one with --sheet", file=path),))
        return
    declared = (worksheet.max_row or 0) * (worksheet.max_column or 0)  # from the sheet's <dimension>, if any
    if declared > MAX_CELLS:
        yield Broken(path, (_too_many(path, declared),))
        return
    cells = 0
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells += len(row)
        if cells > MAX_CELLS:
            yield Broken(path, (_too_many(path, cells),))
            return
        values = tuple(_cell(value) for value in row)
        if any(cell_text(v) for v in values):
            yield Record(number, values)


def _too_many(path: str, cells: int) -> Problem:
    return Problem(
        f"the sheet holds more than {MAX_CELLS:,} cells ({cells:,}); is it a roster? Export the roster's "
        "rows and columns alone",
        file=path,
    )


def _cell(value: Any) -> Cell:
    """A cell as Excel stores it: '' for blank, numbers and dates as they are, anything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, (str, int, float, date)):
        return value
    return str(value)  # a time or a duration


def declared_rows(path: str) -> int:
    """The row count the first sheet declares, for a progress bar; 0 when unknown or unreadable."""
    if check_workbook(path) is not None:
        return 0
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
        try:
            return max(int(book.worksheets[0].max_row or 0) - 1, 0)
        finally:
            book.close()
    except Exception:  # only a progress bar's total
        return 0
