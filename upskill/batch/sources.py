"""The kinds of batch input source: one employee each (or one problem), cheap to pickle to a worker.

A source knows its label (`roster.csv:17`, `profiles/ana.yaml`, `<stdin>:3`) and turns into a
`Document` only when `document()` is called: in a worker process, because a `Document` locates
keys by object identity, which does not survive pickling. Every employee then goes through
`read_profile`, exactly as `upskill plan` does, so a row of a spreadsheet gets the same
validation as a profile file.

A problem that stops a whole input (an unreadable file, a CSV without an `id` column) is a
`Broken` source: it counts as one failure and the other inputs still run. Warnings about a
whole input (a roster column that names no skill) come as a `Notice`, reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple, Union

from upskill.errors import Problem, UpskillError
from upskill.load.document import Document, read_document
from upskill.model import NO_ENTRIES

MAX_LINE = 1024 * 1024  # a CSV or JSON Lines line longer than this is not a roster row
_WHOLE_NUMBER = re.compile(r"^\d+(?:[.,]0*)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")


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
            raise UpskillError(
                Problem(
                    "expected a JSON object ({...}): JSON Lines hold one profile per line",
                    file=self.name,
                    line=self.line,
                )
            )
        try:
            # Without key positions: they would count lines from this line, and the label has its number.
            return read_document(self.label, text=self.text)._replace(positions=NO_ENTRIES)
        except UpskillError as exc:  # a JSON syntax error is on "line 1" of the line: say which line
            raise UpskillError(
                [
                    Problem(p.message, file=self.name, line=self.line, column=p.column, path=p.path)
                    if p.file == self.label and p.line == 1
                    else p
                    for p in exc.problems
                ]
            ) from None


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
            raise UpskillError(
                Problem(
                    f"this row has {len(cells)} cells but the header has {layout.width}; is a cell missing its quotes?",
                    file=layout.file,
                    line=line,
                    column=extra[0] + 1,
                )
            )
        employee: dict[str, Any] = {}
        employee_at: dict[Any, tuple[int, int]] = {}
        for index, key in layout.employee:
            employee_at[key] = (line, index + 1)
            cell = cells[index].strip() if index < len(cells) else ""
            if cell:
                employee[key] = (
                    _DECIMAL_COMMA.sub(lambda m: m.group(0).replace(",", "."), cell)
                    if key == "hours_per_week"
                    else cell
                )
        skills: dict[str, Any] = {}
        skills_at: dict[Any, tuple[int, int]] = {}
        for index, header in layout.skills:
            cell = cells[index].strip() if index < len(cells) else ""
            if cell:
                skills[header] = _level_cell(cell)
                skills_at[header] = (line, index + 1)
        data: dict[str, Any] = {"employee": employee, "skills": skills}
        first_skill = layout.skills[0][0] + 1 if layout.skills else 1
        positions = {
            id(data): {"employee": (line, 1), "skills": (line, first_skill)},
            id(employee): employee_at,
            id(skills): skills_at,
        }
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


InputSource = Union[FileSource, LineSource, RowSource, Broken, Notice]


def _level_cell(cell: str) -> str:
    """`3.0` and `3,0` (a spreadsheet's number format) mean level 3; names pass through."""
    if _WHOLE_NUMBER.match(cell):  # no int(): a cell of 5,000 digits is not a level, and int() refuses it
        return re.split(r"[.,]", cell)[0].lstrip("0") or "0"
    return cell
