"""The parts of a workbook around a sheet's rows: which sheet to read, the shared strings, the date
styles, and the one XML parser every part goes through (xlsx.py streams the rows themselves).

Every part is parsed with expat directly, a chunk at a time, never held whole. A DOCTYPE (the
only place entities can be declared, hence "billion laughs") is refused; an undefined entity is
a parse error; each error names the part, its line and its column. Nothing is sized by what the
file declares (a count, a dimension, a row number): a table grows only as elements are actually
read, and a shared string is parsed only when a cell of the sheet asks for it, so the work
follows what the file holds and what the sheet uses.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from array import array
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any, NamedTuple
from xml.parsers import expat

CHUNK = 1 << 16  # bytes of XML fed to the parser at a time
MAX_ENTRIES = 10_000  # sheets or relationships one workbook may list (as many as the parts it may hold)
MAX_SHARED = 10_000_000  # shared strings: no roster holds more distinct texts than its cells (xlsx.MAX_CELLS)
MAX_TEXT = 1024 * 1024  # characters in one cell or shared string (Excel's limit is 32,767), as a CSV line
_BLOCK = 1024  # shared strings stored per block of joined text
_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DATE_IDS = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)))  # built-in date formats
# What a number format shows literally (quoted text, [colours] but not [h] spans, escaped or padding
# characters) cannot make it a date format; a d, m, y, h or s left over does (as openpyxl decides).
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[(?!(?:hh?|mm?|ss?)\])[^\]]*\]|\\.|_.|\*.')
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)


class Damaged(Exception):
    """A part that cannot be read: not well-formed XML, a DOCTYPE, a zip member that does not inflate."""

    def __init__(self, part: str, why: str, line: int | None = None, column: int | None = None):
        super().__init__(why)
        self.part, self.why, self.line, self.column = part, why, line, column

    def __str__(self) -> str:
        where = f" (line {self.line}, column {self.column})" if self.line is not None else ""
        return f"{self.part}{where}: {self.why}"


class _Doctype(Exception):
    pass


def _refuse_doctype(*_: Any) -> None:
    raise _Doctype


class LocalNames(dict[str, str]):
    """`names["x:row"]` is `row`: parts are read without namespaces (some writers add a prefix). A dict
    rather than a function: a name seen before costs a lookup, not a call (a call per element is a
    third of the parse)."""

    def __missing__(self, name: str) -> str:
        local = self[name] = name[name.rfind(":") + 1 :]
        return local


def parse(
    archive: zipfile.ZipFile,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Feed the zip member `part` to a new expat parser with these handlers; yield after each chunk.

    Raises `Damaged` (bad XML, a DOCTYPE, a member that is missing or does not inflate); an
    exception raised by a handler passes through unchanged.
    """
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        stream = archive.open(part)
    except KeyError:
        raise Damaged(part, "is missing from the workbook") from None
    except Exception as exc:  # zipfile raises many kinds (NotImplementedError, RuntimeError, BadZipFile)
        raise Damaged(part, f"cannot be unpacked ({type(exc).__name__}: {exc})") from None
    with stream:
        while True:
            try:
                chunk = stream.read(CHUNK)
            except Exception as exc:  # a bad CRC, broken deflate data, a truncated file: zipfile, zlib, lzma...
                raise Damaged(part, f"cannot be unpacked ({type(exc).__name__}: {exc})") from None
            try:
                parser.Parse(chunk, not chunk)
            except expat.ExpatError as exc:
                raise Damaged(part, expat.ErrorString(exc.code), exc.lineno, exc.offset + 1) from None
            except _Doctype:
                raise Damaged(
                    part,
                    "declares a DOCTYPE (entities), which no workbook holds",
                    parser.CurrentLineNumber,
                    parser.CurrentColumnNumber + 1,
                ) from None
            if not chunk:
                return
            yield


def read_all(archive: zipfile.ZipFile, part: str, start: Callable[[str, dict[str, str]], None]) -> None:
    for _ in parse(archive, part, start):
        pass


class Sheet(NamedTuple):
    name: str
    part: str | None  # the zip member holding its cells; None for a chart or dialog sheet
    hidden: bool


class Book(NamedTuple):
    """What the workbook part says: its sheets in order, the active one, the date system, the other parts."""

    sheets: tuple[Sheet, ...]
    active: int  # index into sheets (the tab shown when the file was saved)
    date1904: bool
    shared: str | None  # the shared strings part
    styles: str | None

    def default_sheet(self) -> Sheet | None:
        """The active sheet when it is visible, else the first visible one (None: every sheet is hidden)."""
        if 0 <= self.active < len(self.sheets) and not self.sheets[self.active].hidden:
            return self.sheets[self.active]
        return next((s for s in self.sheets if not s.hidden), None)


def read_book(archive: zipfile.ZipFile) -> Book:
    """The workbook's sheets and parts, found as Excel finds them (relationships), with the usual names as fallback."""
    names = set(archive.namelist())
    main = _relations(archive, "_rels/.rels", "", names).get("officeDocument", {})
    workbook = next(iter(main.values()), "xl/workbook.xml")
    folder = posixpath.dirname(workbook)
    rels = _relations(archive, posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels"), folder, names)
    sheets: list[tuple[str, str, bool]] = []  # name, relationship id, hidden
    view: dict[str, str] = {}
    flags: dict[str, str] = {}
    local = LocalNames()

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local[name]
        if tag == "sheet":
            if len(sheets) >= MAX_ENTRIES:
                raise Damaged(workbook, f"lists more than {MAX_ENTRIES:,} sheets")
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            sheets.append((attrs.get("name", ""), rid, attrs.get("state", "visible") != "visible"))
        elif tag == "workbookView" and not view:
            view.update(attrs, seen="1")
        elif tag == "workbookPr":
            flags.update(attrs)

    read_all(archive, workbook, start)
    worksheets = rels.get("worksheet", {})
    try:
        active = int(view.get("activeTab", "0"))
    except ValueError:
        active = 0
    return Book(
        tuple(Sheet(name, worksheets.get(rid), hidden) for name, rid, hidden in sheets),
        active,
        flags.get("date1904", "0").lower() in ("1", "true"),
        next(iter(rels.get("sharedStrings", {}).values()), None),
        next(iter(rels.get("styles", {}).values()), None),
    )


def _relations(archive: zipfile.ZipFile, part: str, folder: str, names: set[str]) -> dict[str, dict[str, str]]:
    """Relationship type (its last word: worksheet, styles...) -> id -> the zip member it points at."""
    found: dict[str, dict[str, str]] = {}
    if part not in names:
        return found
    count = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        if not name.endswith("Relationship") or attrs.get("TargetMode") == "External":
            return
        count[0] += 1
        if count[0] > MAX_ENTRIES:
            raise Damaged(part, f"lists more than {MAX_ENTRIES:,} relationships")
        kind = attrs.get("Type", "").rpartition("/")[2]
        target = attrs.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.setdefault(kind, {})[attrs.get("Id", "")] = posixpath.normpath(member)

    read_all(archive, part, start)
    return found


def date_styles(archive: zipfile.ZipFile, part: str | None) -> bytearray:
    """One byte per cell style (the `s` of a cell): 1 when its number format shows a date or time."""
    styles = bytearray()
    if part is None or part not in archive.namelist():
        return styles
    dates: set[int] = set(_DATE_IDS)
    depth = {"cellXfs": 0}
    local = LocalNames()

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local[name]
        if tag == "numFmt" and len(dates) < MAX_ENTRIES:
            code = attrs.get("formatCode", "").split(";")[0]
            if _DATE_CODE.search(_FORMAT_LITERALS.sub("", code)):
                dates.add(_int(attrs.get("numFmtId")))
        elif tag == "cellXfs":
            depth["cellXfs"] = 1
        elif tag == "xf" and depth["cellXfs"]:
            styles.append(_int(attrs.get("numFmtId")) in dates)

    def end(name: str) -> None:
        if local[name] == "cellXfs":
            depth["cellXfs"] = 0

    for _ in parse(archive, part, start, end):
        pass
    return styles


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else -1


class SharedStrings:
    """The shared strings table, parsed only as far as the cells asked so far need.

    Stored compactly (each block of 1,024 strings joined, with their offsets) so a table of
    millions of short strings costs about its own text, not 60 bytes a string.
    """

    def __init__(self, archive: zipfile.ZipFile, part: str | None):
        self.part = part or "xl/sharedStrings.xml"
        self._blocks: list[tuple[str, array[int]]] = []
        self._open: list[str] = []  # the block being filled
        has_part = part is not None and part in archive.namelist()
        self._feed: Iterator[None] | None = parse(archive, self.part, *self._handlers()) if has_part else None

    def _handlers(self) -> tuple[Callable[[str, dict[str, str]], None], Callable[[str], None], Callable[[str], None]]:
        """expat's handlers as closures over plain locals: the fastest Python has for millions of calls."""
        local = LocalNames()
        runs: list[str] = []  # the text runs of the string being read
        inside = [False, False]  # in a <t>; in a phonetic run <rPh> (a reading aid, not the text)

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = local[name]
            if tag == "t":
                inside[0] = not inside[1]
            elif tag == "si":
                runs.clear()
            elif tag == "rPh":
                inside[1] = True

        def end(name: str) -> None:
            tag = local[name]
            if tag == "t":
                inside[0] = False
            elif tag == "si":
                self._finish("".join(runs))
            elif tag == "rPh":
                inside[1] = False

        def text(data: str) -> None:
            if inside[0]:
                runs.append(data)

        return start, end, text

    def __len__(self) -> int:
        return len(self._blocks) * _BLOCK + len(self._open)

    def get(self, index: int) -> str | None:
        """The string at `index`, or None when the table holds fewer (raises `Damaged` for a bad table)."""
        if index >= MAX_SHARED:
            return None
        while index >= len(self) and self._feed is not None:
            if next(self._feed, StopIteration) is StopIteration:
                self._feed = None
        block, at = divmod(index, _BLOCK)
        if block < len(self._blocks):
            text, ends = self._blocks[block]
            return text[ends[at] : ends[at + 1]]
        return self._open[at] if at < len(self._open) else None

    def _finish(self, text: str) -> None:
        if len(text) > MAX_TEXT:  # (held a moment: the part is at most MAX_UNCOMPRESSED)
            raise Damaged(self.part, f"holds a string of more than {MAX_TEXT:,} characters")
        self._open.append(text)
        if len(self._open) == _BLOCK:
            self._close_block()

    def _close_block(self) -> None:
        """Store the full block as one string and its offsets; stop reading past MAX_SHARED strings."""
        text = "".join(self._open)
        self._blocks.append((text, array("q", accumulate(map(len, self._open), initial=0))))
        self._open.clear()
        if len(self._blocks) * _BLOCK >= MAX_SHARED:  # past what any cell may ask for: stop reading
            self._feed = None
