"""Expand batch inputs into a stream of employees: profile files, folders, globs, CSV rosters, JSON Lines.

`expand` yields one `Source` per employee, lazily, so a 100,000-row roster is never held in
memory. A source knows its label (`roster.csv:17`, `profiles/ana.yaml`, `<stdin>:3`) and
turns into a `Document` only when `document()` is called: in a worker process, because a
`Document` locates keys by object identity, which does not survive pickling. Every employee
then goes through `read_profile`, exactly as `upskill plan` does, so a row of a spreadsheet
gets the same validation as a profile file.

A problem that stops a whole input (an unreadable file, a CSV without an `id` column) is a
`Broken` source: it counts as one failure and the other inputs still run. Warnings about a
whole input (a roster column that names no skill) come as a `Notice`, reported once.
"""

from __future__ import annotations

import codecs
import csv
import glob
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, NamedTuple, Union

from upskill.errors import Problem, UpskillError, UsageError, apply_strict, did_you_mean
from upskill.load.document import Document, read_document
from upskill.load.profile import EMPLOYEE_KEYS
from upskill.load.text import standard_input
from upskill.model import NO_ENTRIES, Catalog

PROFILE_SUFFIXES = (".yaml", ".yml", ".toml", ".json")
ROSTER_SUFFIXES = (".csv", ".tsv")
LINES_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
MAX_LINE = 1024 * 1024  # a CSV or JSON Lines line longer than this is not a roster row
REQUIRED_COLUMNS = ("id", "target_role")
MAX_COLUMN_WARNINGS = 20  # a header of 30,000 unknown columns gets 20 warnings and a count, not 30,000
_GLOB_CHARS = re.compile(r"[*?\[]")
_WHOLE_NUMBER = re.compile(r"^\d+(?:[.,]0*)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_SEP_LINE = re.compile(r"^sep=(.)\s*$")


# --- sources: one employee each, cheap to pickle ---------------------------------------------------


class FileSource(NamedTuple):
    """A profile file (YAML, TOML or JSON)."""

    path: str

    @property
    def label(self) -> str:
        return self.path

    def document(self) -> Document:
        return read_document(self.path)


class LineSource(NamedTuple):
    """One line of JSON Lines (standard input or a .jsonl file): one profile."""

    name: str
    line: int
    text: str

    @property
    def label(self) -> str:
        return f"{self.name}:{self.line}"

    def document(self) -> Document:
        if not self.text.lstrip().startswith("{"):
            raise UpskillError(Problem("expected a JSON object ({...}): JSON Lines hold one profile per line",
                                       file=self.name, line=self.line))
        try:
            # Without key positions: they would count lines from this line, and the label has its number.
            return read_document(self.label, text=self.text)._replace(positions=NO_ENTRIES)
        except UpskillError as exc:  # a JSON syntax error is on "line 1" of the line: say which line
            raise UpskillError([Problem(p.message, file=self.name, line=self.line, column=p.column, path=p.path)
                                if p.file == self.label and p.line == 1 else p for p in exc.problems]) from None


class Layout(NamedTuple):
    """How a roster's columns map to a profile: shared by all its rows (pickled once per chunk)."""

    file: str
    employee: tuple[tuple[int, str], ...]  # (column index, employee key)
    skills: tuple[tuple[int, str], ...]  # (column index, header as written)
    width: int  # the number of header cells


class RowSource(NamedTuple):
    """One row of a CSV roster."""

    layout: Layout
    line: int
    cells: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.layout.file}:{self.line}"

    def document(self) -> Document:
        """The row as a profile document, each key located at its cell (line, column)."""
        layout, line, cells = self.layout, self.line, self.cells
        extra = [i for i in range(layout.width, len(cells)) if cells[i].strip()]
        if extra:
            raise UpskillError(Problem(f"this row has {len(cells)} cells but the header has {layout.width}; "
                                       "is a cell missing its quotes?", file=layout.file, line=line,
                                       column=extra[0] + 1))
        employee: dict[str, Any] = {}
        employee_at: dict[Any, tuple[int, int]] = {}
        for index, key in layout.employee:
            employee_at[key] = (line, index + 1)
            cell = cells[index].strip() if index < len(cells) else ""
            if cell:
                employee[key] = _DECIMAL_COMMA.sub(lambda m: m.group(0).replace(",", "."), cell) \
                    if key == "hours_per_week" else cell
        skills: dict[str, Any] = {}
        skills_at: dict[Any, tuple[int, int]] = {}
        for index, header in layout.skills:
            cell = cells[index].strip() if index < len(cells) else ""
            if cell:
                skills[header] = _level_cell(cell)
                skills_at[header] = (line, index + 1)
        data: dict[str, Any] = {"employee": employee, "skills": skills}
        first_skill = layout.skills[0][0] + 1 if layout.skills else 1
        positions = {id(data): {"employee": (line, 1), "skills": (line, first_skill)},
                     id(employee): employee_at, id(skills): skills_at}
        return Document(layout.file, data, positions)


def column_names(source: object, problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """For a roster row, name the column (`target_role`, `Prompting`), not the profile key path."""
    if not isinstance(source, RowSource):
        return tuple(problems)
    out = []
    for p in problems:
        head, _, rest = p.path.partition(".")
        path = rest if head in ("employee", "skills") else p.path
        out.append(Problem(p.message, p.file, p.line, p.column, path, p.warning))
    return tuple(out)


class Broken(NamedTuple):
    """An input that yields no employee: reading it failed as a whole (counts as one failure)."""

    label: str
    problems: tuple[Problem, ...]

    def document(self) -> Document:
        raise UpskillError(self.problems)


class Notice(NamedTuple):
    """Warnings about an input as a whole (e.g. an ignored roster column): reported once, not an employee."""

    label: str
    problems: tuple[Problem, ...]

    def document(self) -> Document:  # pragma: no cover - never planned
        raise UpskillError(self.problems)


Source = Union[FileSource, LineSource, RowSource, Broken, Notice]


def _level_cell(cell: str) -> str:
    """`3.0` and `3,0` (a spreadsheet's number format) mean level 3; names pass through."""
    if _WHOLE_NUMBER.match(cell):  # no int(): a cell of 5,000 digits is not a level, and int() refuses it
        return re.split(r"[.,]", cell)[0].lstrip("0") or "0"
    return cell


# --- expanding the arguments -------------------------------------------------------------------------


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse, before any work, arguments that name nothing: a missing file or a glob matching nothing."""
    problems = []
    if list(inputs).count(STDIN) > 1:
        problems.append(Problem("'-' (standard input) is given more than once"))
    for spec in inputs:
        if not spec:  # '' is not the current folder
            problems.append(Problem("an input is an empty path; name a file, a folder or - (standard input)"))
            continue
        if spec == STDIN or os.path.exists(spec):
            continue
        if _GLOB_CHARS.search(spec):
            if not any(True for _ in glob.iglob(spec, recursive=True)):
                problems.append(Problem("the pattern matches no file", file=spec))
        else:
            problems.append(Problem("no such file or folder", file=spec))
    if problems:
        raise UsageError(problems)
    if STDIN in inputs:
        standard_input()  # closed (`<&-`): say so now, before any work, not as a failed employee


# Text encodings by Python's count that are not a file's character set: host names (idna,
# punycode), Python string escapes (unicode-escape turns a cell's `\n` into a line break), and
# `undefined`, which refuses everything.
NOT_FILE_ENCODINGS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})


def check_encoding(name: str) -> str:
    """The codec's name for --encoding; a `UsageError` when unknown, or not one that turns bytes into text.

    `codecs.lookup` also knows bytes-to-bytes (base64, zlib) and str-to-str (rot13) codecs,
    which fail on the first line or half-way through the file.
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UsageError(Problem(f"--encoding: unknown encoding '{name}' (e.g. utf-8, cp1252, latin-1)")) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_FILE_ENCODINGS:
        raise UsageError(Problem(f"--encoding: '{name}' is not a character encoding for text files "
                                 "(e.g. utf-8, cp1252, latin-1)"))
    return info.name


def expand(inputs: Sequence[str], catalog: Catalog, *, encoding: str = "utf-8", strict: bool = False,
           stdin: IO[bytes] | None = None) -> Iterator[Source]:
    """Yield one source per employee in the order given; folders and globs in sorted order.

    A file named twice (say by a folder and a glob) is read once. Never raises: a problem with
    an input as a whole comes out as a `Broken` source. `strict` makes a roster's file-level
    warnings (an unknown column) errors.
    """
    seen: set[str] = set()
    for spec in inputs:
        try:
            if spec == STDIN:
                yield from read_lines(stdin if stdin is not None else standard_input(), "<stdin>")
            elif os.path.isdir(spec):
                yield from _files(_folder(spec), seen, catalog, encoding, strict)
            elif os.path.exists(spec) or not _GLOB_CHARS.search(spec):
                yield from _files([spec], seen, catalog, encoding, strict)
            else:
                matches = sorted(glob.iglob(spec, recursive=True))
                if not matches:
                    yield Broken(spec, (Problem("the pattern matches no file", file=spec),))
                for match in matches:
                    names = _folder(match) if os.path.isdir(match) else [match]
                    yield from _files(names, seen, catalog, encoding, strict)
        except UpskillError as exc:  # standard input is closed
            yield Broken(spec, exc.problems)
        except Exception as exc:  # a bug must not stop the other inputs
            yield Broken(spec, (Problem(f"internal error reading this input ({type(exc).__name__}: {exc}); "
                                        "please report this bug", file=spec),))


def _files(paths: Iterable[str | tuple[str, str] | Broken], seen: set[str], catalog: Catalog, encoding: str,
           strict: bool) -> Iterator[Source]:
    """The sources of each file; a path is a name as given, or (name, resolved) from `_folder`."""
    for item in paths:
        if isinstance(item, Broken):
            yield item
            continue
        path, real = item if isinstance(item, tuple) else (item, os.path.realpath(item))
        if real in seen:
            yield Notice(path, (Problem("is given more than once; read once", file=path, warning=True),))
            continue
        seen.add(real)
        suffix = os.path.splitext(path)[1].lower()
        if suffix in PROFILE_SUFFIXES:  # the common case, without a generator per file
            yield FileSource(path)
        else:
            yield from _file(path, suffix, catalog, encoding, strict)


def _folder(path: str) -> list[str | tuple[str, str] | Broken]:
    """The profile files in a folder, sorted, each with its resolved path (one realpath per folder)."""
    try:
        real = os.path.realpath(path)
        with os.scandir(path) as entries:
            names = sorted(e.name for e in entries
                           if os.path.splitext(e.name)[1].lower() in PROFILE_SUFFIXES and e.is_file())
    except OSError as exc:
        return [Broken(path, (Problem(f"cannot list the folder: {exc.strerror or exc}", file=path),))]
    inside, real_inside = os.path.join(path, ""), os.path.join(real, "")  # each ends with one separator
    found: list[str | tuple[str, str] | Broken] = [(inside + n, real_inside + n) for n in names]
    return found or [Broken(path, (Problem("the folder holds no .yaml, .yml, .toml or .json profile", file=path),))]


def _file(path: str, suffix: str, catalog: Catalog, encoding: str, strict: bool) -> Iterator[Source]:
    if suffix in ROSTER_SUFFIXES:
        yield from read_roster(path, catalog, encoding=encoding, strict=strict)
    elif suffix in LINES_SUFFIXES:
        try:
            with open(path, "rb") as fh:
                yield from read_lines(fh, path)
        except OSError as exc:
            yield Broken(path, (Problem(f"cannot read: {exc.strerror or exc}", file=path),))
    else:
        yield FileSource(path)


# --- JSON Lines ---------------------------------------------------------------------------------------


def read_lines(stream: IO[bytes], name: str) -> Iterator[Source]:
    """One `LineSource` per non-blank line; a line that is not UTF-8 or too long is `Broken`."""
    number = 0
    while True:
        try:
            raw = stream.readline(MAX_LINE + 1)
        except OSError as exc:
            yield Broken(name, (Problem(f"cannot read: {exc.strerror or exc}", file=name),))
            return
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            yield Broken(f"{name}:{number}", (Problem(f"the line is longer than {MAX_LINE // 1024} KB; "
                                                      "is this JSON Lines?", file=name, line=number),))
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = stream.readline(MAX_LINE + 1)
            continue
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Broken(f"{name}:{number}", (Problem(f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                                      "JSON Lines must be UTF-8", file=name, line=number,
                                                      column=exc.start + 1),))
            continue
        if text.strip():
            yield LineSource(name, number, text.strip())


# --- CSV rosters --------------------------------------------------------------------------------------


def read_roster(path: str, catalog: Catalog, *, encoding: str = "utf-8", strict: bool = False) -> Iterator[Source]:
    """One `RowSource` per data row of a spreadsheet export; blank rows are skipped.

    Accepts what spreadsheets write: a UTF-8 byte-order mark, `,`, `;` or tab between cells
    (read from the header), CRLF or CR line ends, quoted cells, a `sep=;` first line.
    """
    try:
        with open(path, "rb") as fh:
            yield from _roster_rows(fh, path, catalog, encoding, strict)
    except OSError as exc:
        yield Broken(path, (Problem(f"cannot read: {exc.strerror or exc}", file=path),))


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
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                text: str = self.decode(raw)[0]
            except UnicodeDecodeError as exc:
                name = "UTF-8" if self.utf8 else self.encoding
                self.bad[self.number] = Problem(
                    f"is not valid {name} (byte 0x{raw[exc.start]:02x}); save the roster as UTF-8 "
                    "(\"CSV UTF-8\" in Excel) or pass --encoding with the file's encoding "
                    "(e.g. --encoding cp1252)", file=self.path, line=self.number)
                text = raw.decode(self.encoding, errors="replace")
            if not self.utf8 and not text.isascii():  # UTF-8 never decodes to a surrogate; utf-7 can
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    self.bad[self.number] = Problem(
                        f"decoded as {self.encoding}, this line holds a lone UTF-16 surrogate "
                        f"(U+{ord(text[exc.start]):04X}), which is not a character; check --encoding",
                        file=self.path, line=self.number)
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


def _roster_rows(fh: IO[bytes], path: str, catalog: Catalog, encoding: str, strict: bool) -> Iterator[Source]:
    try:
        codec = check_encoding(encoding)  # the CLI checks --encoding first; this guards library callers
    except UsageError as exc:
        yield Broken(path, tuple(p._replace(file=path) for p in exc.problems))
        return
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    if codec.startswith(("utf-16", "utf-32")) or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield Broken(path, (Problem("is UTF-16 (or UTF-32) encoded; save it as UTF-8 (\"CSV UTF-8\" in Excel)",
                                    file=path, line=1),))
        return
    lines = _Lines(fh, path, encoding)
    physical = iter(lines)
    try:
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
            yield Broken(path, (Problem(f"{what}; expected the header row first ({','.join(EMPLOYEE_KEYS)}, "
                                        "then one column per skill)", file=path),))
            return
        if lines.bad:
            yield Broken(path, (next(iter(lines.bad.values())),))
            return
        delimiter = delimiter or _sniff(first)
        header = next(csv.reader([first], delimiter=delimiter), [])
        layout, problems = _layout(path, header, header_line, catalog)
        problems = apply_strict(problems, strict)
        warnings = tuple(p for p in problems if p.warning)
        errors = tuple(p for p in problems if not p.warning)
        if warnings:
            yield Notice(path, warnings)
        if errors or layout is None:
            yield Broken(path, errors)
            return
        reader = csv.reader(physical, delimiter=delimiter)
        previous = lines.number
        for cells in reader:
            start, end = previous + 1, lines.number  # the reader never reads past the record it yields
            previous = end
            if not any(c.strip() for c in cells):
                continue
            found = [lines.bad.pop(n) for n in range(start, end + 1) if n in lines.bad]  # pop: memory stays flat
            bad = found[0] if found else None
            label = f"{path}:{start}"
            if bad is not None:
                yield Broken(label, (bad,))
            elif lines.ended:  # the reader ran out of lines inside a quoted cell, and kept what it had
                span = f"line {start}" if end == start else f"from line {start} to line {end}"
                yield Broken(label, (Problem(f"the quote that opens cell {len(cells)} is never closed, so the rest of "
                                             f"the file ({span}) became one cell; add the closing quote",
                                             file=path, line=start, column=len(cells)),))
            elif end > start and any(delimiter in c and ("\n" in c or "\r" in c) for c in cells):
                yield Broken(label, (Problem(f"a quoted cell runs from line {start} to line {end} and holds what "
                                             "look like rows: is a closing quote missing?", file=path,
                                             line=start),))
            else:
                yield RowSource(layout, start, tuple(cells))
    except _TooLong as exc:
        yield Broken(f"{path}:{exc.line}", (Problem(f"the line is longer than {MAX_LINE // 1024} KB; "
                                                    "is this a CSV roster?", file=path, line=exc.line),))
    except csv.Error as exc:
        yield Broken(f"{path}:{lines.number}", (Problem(f"{_csv_error(exc)}; the rest of the file is not read",
                                                        file=path, line=lines.number),))


def _csv_error(exc: csv.Error) -> str:
    """What the csv module refused, in upskill's words where we know them."""
    if "field limit" in str(exc):  # the module's one limit: the length of a cell (131,072 characters)
        return (f"a cell is longer than {csv.field_size_limit() // 1024} KB, the most a roster cell may hold; "
                "is a closing quote missing?")
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


def column_key(header: str) -> str:
    """`Target role`, `target-role` and `TARGET_ROLE` all name the `target_role` column."""
    return re.sub(r"[\s\-]+", "_", header.strip().casefold())


def _layout(path: str, header: list[str], line: int, catalog: Catalog) -> tuple[Layout | None, list[Problem]]:
    """Map header cells to employee keys and catalog skills, reporting what cannot be mapped."""
    problems: list[Problem] = []
    employee: dict[str, int] = {}
    skills: dict[str, int] = {}
    skill_columns: list[tuple[int, str]] = []
    ignored: list[int] = []  # the columns whose cells are ignored
    last = max((i for i, h in enumerate(header) if h.strip()), default=-1)
    for index, raw in enumerate(header):
        text = raw.strip()

        def at(message: str, warning: bool = False, column: int = index + 1) -> Problem:
            return Problem(message, file=path, line=line, column=column, warning=warning)

        if not text:
            if index < last:
                ignored.append(index)
                if len(ignored) <= MAX_COLUMN_WARNINGS:
                    problems.append(at(f"column {index + 1} has no header; its cells are ignored", warning=True))
            continue
        key = column_key(text)
        if key in EMPLOYEE_KEYS:
            if key in employee:
                problems.append(at(f"two '{key}' columns ({employee[key] + 1} and {index + 1}); keep one"))
            employee[key] = index
            continue
        skill = catalog.find_skill(text)
        if skill is None:
            ignored.append(index)
            if len(ignored) > MAX_COLUMN_WARNINGS:  # counted below (did_you_mean is slow, 30,000 times)
                continue
            hint = did_you_mean(text.lower(), catalog.names) or did_you_mean(key, EMPLOYEE_KEYS)
            problems.append(at(f"column '{text}' matches no skill in the catalog and is not one of "
                               f"{', '.join(EMPLOYEE_KEYS)}{hint}; its cells are ignored", warning=True))
            continue
        if skill in skills:
            problems.append(at(f"columns '{header[skills[skill]].strip()}' and '{text}' are the same skill "
                               f"({skill}); keep one"))
            continue
        skills[skill] = index
        skill_columns.append((index, text))
    if len(ignored) > MAX_COLUMN_WARNINGS:
        more = ignored[MAX_COLUMN_WARNINGS:]
        problems.append(Problem(f"{len(more):,} more columns (from column {more[0] + 1} on) have no header or match "
                                "no skill in the catalog; their cells are ignored", file=path, line=line,
                                column=more[0] + 1, warning=True))
    missing = [c for c in REQUIRED_COLUMNS if c not in employee]
    if missing:
        problems.append(Problem(f"no {' or '.join(repr(c) for c in missing)} column; the first row must be the "
                                f"header: {','.join(EMPLOYEE_KEYS)}, then one column per skill",
                                file=path, line=line))
    if any(not p.warning for p in problems):
        return None, problems
    layout = Layout(path, tuple(sorted((i, k) for k, i in employee.items())), tuple(skill_columns), len(header))
    return layout, problems


def count_employees(inputs: Iterable[str]) -> int | None:
    """A quick upper bound on the number of employees, for a progress bar; None when unknowable (stdin)."""
    total = 0
    for spec in inputs:
        if spec == STDIN:
            return None
        paths = [spec] if os.path.exists(spec) else sorted(glob.iglob(spec, recursive=True))
        for path in paths:
            if os.path.isdir(path):
                try:
                    total += sum(1 for n in os.listdir(path) if os.path.splitext(n)[1].lower() in PROFILE_SUFFIXES)
                except OSError:
                    pass
            elif os.path.splitext(path)[1].lower() in ROSTER_SUFFIXES + LINES_SUFFIXES:
                try:
                    with open(path, "rb") as fh:
                        total += sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
                except OSError:
                    pass
            else:
                total += 1
    return total


