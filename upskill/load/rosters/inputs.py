"""Expand the arguments of `upskill batch` into a stream of sources, one per employee.

An argument is a profile file, a folder of them, a glob, a CSV or .xlsx roster (roster.py), a JSON Lines
file or `-` for JSON Lines on standard input (jsonl.py). `expand_inputs` yields the sources
(sources.py) lazily, so a 100,000-row roster is never held in memory.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from upskill.errors import Problem, UpskillError, UsageError
from upskill.load.rosters.columns import RosterSettings
from upskill.load.rosters.jsonl import read_lines
from upskill.load.rosters.roster import WORKBOOK_SUFFIXES, read_roster
from upskill.load.rosters.sources import Broken, FileSource, InputSource, Notice
from upskill.load.text import STDIN, standard_input
from upskill.load.validate import SETTINGS
from upskill.model import Catalog

PROFILE_SUFFIXES = (".yaml", ".yml", ".toml", ".json")
ROSTER_SUFFIXES = (".csv", ".tsv", *WORKBOOK_SUFFIXES)
# Spreadsheets that are not read: said so, rather than read as a profile
OTHER_SPREADSHEETS = {
    ".xls": "an Excel 97-2003 workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers file",
}
LINES_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = re.compile(r"[*?\[]")


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


def expand_inputs(
    inputs: Sequence[str],
    catalog: Catalog,
    *,
    encoding: str = "utf-8",
    strict: bool = False,
    stdin: IO[bytes] | None = None,
    roster: RosterSettings | None = None,
) -> Iterator[InputSource]:
    """Yield one source per employee in the order given; folders and globs in sorted order.

    A file named twice (say by a folder and a glob) is read once. Never raises: a problem with
    an input as a whole comes out as a `Broken` source. `strict` makes a roster's file-level
    warnings (an ignored column) errors. `roster` says how to read rosters (else `encoding` alone).
    """
    settings = roster or RosterSettings(encoding=encoding)
    seen: set[str] = set()
    for spec in inputs:
        try:
            if spec == STDIN:
                yield from read_lines(stdin if stdin is not None else standard_input(), "<stdin>")
            elif os.path.isdir(spec):
                yield from _files(_folder(spec), seen, catalog, settings, strict)
            elif os.path.exists(spec) or not _GLOB_CHARS.search(spec):
                yield from _files([spec], seen, catalog, settings, strict)
            else:
                matches = sorted(glob.iglob(spec, recursive=True))
                if not matches:
                    yield Broken(spec, (Problem("the pattern matches no file", file=spec),))
                for match in matches:
                    names = _folder(match) if os.path.isdir(match) else [match]
                    yield from _files(names, seen, catalog, settings, strict)
        except UpskillError as exc:  # standard input is closed
            yield Broken(spec, exc.problems)
        except Exception as exc:  # a bug must not stop the other inputs
            yield Broken(
                spec,
                (
                    Problem(
                        f"internal error reading this input ({type(exc).__name__}: {exc}); please report this bug",
                        file=spec,
                    ),
                ),
            )


def _files(
    paths: Iterable[str | tuple[str, str] | Broken],
    seen: set[str],
    catalog: Catalog,
    settings: RosterSettings,
    strict: bool,
) -> Iterator[InputSource]:
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
            yield from _file(path, suffix, catalog, settings, strict)


def _folder(path: str) -> list[str | tuple[str, str] | Broken]:
    """The profile files in a folder, sorted, each with its resolved path (one realpath per folder); not
    its settings file (upskill.toml, pyproject.toml: cli/config.py reads them), which is no profile."""
    try:
        real = os.path.realpath(path)
        with os.scandir(path) as entries:
            names = sorted(
                e.name
                for e in entries
                if os.path.splitext(e.name)[1].lower() in PROFILE_SUFFIXES and e.name not in SETTINGS and e.is_file()
            )
    except OSError as exc:
        return [Broken(path, (Problem(f"cannot list the folder: {exc.strerror or exc}", file=path),))]
    inside, real_inside = os.path.join(path, ""), os.path.join(real, "")  # each ends with one separator
    found: list[str | tuple[str, str] | Broken] = [(inside + n, real_inside + n) for n in names]
    return found or [Broken(path, (Problem("the folder holds no .yaml, .yml, .toml or .json profile", file=path),))]


def _file(path: str, suffix: str, catalog: Catalog, settings: RosterSettings, strict: bool) -> Iterator[InputSource]:
    if suffix in ROSTER_SUFFIXES:
        yield from read_roster(path, catalog, settings=settings, strict=strict)
    elif suffix in OTHER_SPREADSHEETS:
        yield Broken(
            path,
            (
                Problem(
                    f"is {OTHER_SPREADSHEETS[suffix]}, which upskill does not read; save it as .xlsx or CSV", file=path
                ),
            ),
        )
    elif suffix in LINES_SUFFIXES:
        try:
            with open(path, "rb") as fh:
                yield from read_lines(fh, path)
        except OSError as exc:
            yield Broken(path, (Problem(f"cannot read: {exc.strerror or exc}", file=path),))
    else:
        yield FileSource(path)


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
                    names = os.listdir(path)
                    total += sum(1 for n in names if os.path.splitext(n)[1].lower() in PROFILE_SUFFIXES)
                except OSError:
                    pass
            elif os.path.splitext(path)[1].lower() in WORKBOOK_SUFFIXES:
                total += _workbook_rows(path)
            elif os.path.splitext(path)[1].lower() in ROSTER_SUFFIXES + LINES_SUFFIXES:
                total += _record_lines(path, header=os.path.splitext(path)[1].lower() in ROSTER_SUFFIXES)
            else:
                total += 1
    return total


def _record_lines(path: str, header: bool) -> int:
    """The lines of a roster (less its header and a `sep=` line) or of a JSON Lines file; 0 when unreadable.

    Counting newlines alone gave 3,001 for a 3,000-row roster: its header is no employee.
    """
    lines, first, last = 0, b"", b"\n"
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                first = first or block[:8]
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 0
    lines += last != b"\n"  # a last line without its newline
    if header:
        lines -= 1 + first.lstrip(b"\xef\xbb\xbf").lower().startswith(b"sep=")
    return max(lines, 0)


def _workbook_rows(path: str) -> int:
    """The rows a workbook's first sheet declares (its <dimension>), or 0 when it cannot tell."""
    from upskill.load.rosters.xlsx import declared_rows

    return declared_rows(path)
