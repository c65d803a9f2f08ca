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
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple, Union

from upskill.errors import Problem, UpskillError
from upskill.load.document import Document, read_document
from upskill.load.fields import SHORT_TEXT
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
    skills: tuple[tuple[int, str], ...]  # (column index, header as written, or the skill id it is mapped to)
    width: int  # the number of header cells
    attributes: tuple[tuple[int, str], ...] = ()  # (column index, attribute name)
    date_format: str | None = None  # --date-format, for date cells written as text


# A cell as the file holds it: text (CSV, and text cells of a workbook), or a workbook's number or date.
Cell = Union[str, int, float, date]


class Record(NamedTuple):
    """A roster row as read: its line (CSV) or row (workbook) number, and its cells."""

    line: int
    cells: tuple[Cell, ...]


def cell_text(cell: Cell | None) -> str:
    """The cell as stripped text: '' for blank, a date as YYYY-MM-DD, a whole number without `.0`."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


class RowSource(NamedTuple):
    """One row of a roster (CSV or workbook)."""

    layout: Layout
    line: int
    cells: tuple[Cell, ...]

    @property
    def label(self) -> str:
        return f"{self.layout.file}:{self.line}"

    def employee_id(self) -> str:
        """The id cell as written ('' when blank or absent), for naming the row in messages."""
        index = next((i for i, key in self.layout.employee if key == "id"), None)
        return cell_text(self.cells[index]) if index is not None and index < len(self.cells) else ""

    def document(self) -> Document:
        """The row as a profile document, each key located at its cell (line, column)."""
        layout, line, cells = self.layout, self.line, self.cells
        extra = [i for i in range(layout.width, len(cells)) if cell_text(cells[i])]
        if extra:
            raise UpskillError(
                Problem(
                    f"this row has {len(cells)} cells but the header has {layout.width}; is a cell missing its quotes?",
                    file=layout.file,
                    line=line,
                    column=extra[0] + 1,
                )
            )
        employee, employee_at = self._employee()
        skills: dict[str, Any] = {}
        skills_at: dict[Any, tuple[int, int]] = {}
        for index, header in layout.skills:
            cell = cells[index] if index < len(cells) else ""
            # Blank: not assessed, exactly as a skill a profile does not list. A text cell (every cell of a CSV)
            # is stripped here, once, rather than by `cell_text` and again for `_level_cell`: a row has a cell a skill
            if isinstance(cell, str):
                text = cell.strip()
                if text:
                    skills[header] = _level_cell(text)
                    skills_at[header] = (line, index + 1)
            elif cell_text(cell):
                skills[header] = _number(cell)
                skills_at[header] = (line, index + 1)
        data: dict[str, Any] = {"employee": employee, "skills": skills}
        first_skill = layout.skills[0][0] + 1 if layout.skills else 1
        positions = {
            id(data): {"employee": (line, 1), "skills": (line, first_skill)},
            id(employee): employee_at,
            id(skills): skills_at,
        }
        if layout.attributes:
            employee["attributes"] = attributes = {
                name: cell_text(cells[i]) if i < len(cells) else "" for i, name in layout.attributes
            }
            positions[id(attributes)] = {name: (line, i + 1) for i, name in layout.attributes}
        return Document(layout.file, data, positions)

    def _employee(self) -> tuple[dict[str, Any], dict[Any, tuple[int, int]]]:
        """The employee mapping of the row and where each key sits (first and last names joined)."""
        layout, line, cells = self.layout, self.line, self.cells
        employee: dict[str, Any] = {}
        employee_at: dict[Any, tuple[int, int]] = {}
        parts: dict[str, tuple[str, int]] = {}
        for index, key in layout.employee:
            cell = cells[index] if index < len(cells) else ""
            text = cell_text(cell)
            if key in ("first_name", "last_name"):
                parts[key] = (text, index)
                continue
            employee_at[key] = (line, index + 1)
            if not text:
                continue
            if key == "hours_per_week":
                employee[key] = (
                    _number(cell)
                    if not isinstance(cell, str)
                    else _DECIMAL_COMMA.sub(lambda m: m.group(0).replace(",", "."), text)
                )
            elif key == "deadline":
                employee[key] = _date_cell(cell, text, layout.date_format, layout.file, line, index + 1)
            else:
                employee[key] = text  # an id of 1042 is the text '1042'
        if parts and "name" not in employee_at:  # no name column: "First name" and "Last name" make it
            name = " ".join(parts[key][0] for key in ("first_name", "last_name") if key in parts and parts[key][0])
            employee_at["name"] = (line, min(i for _, i in parts.values()) + 1)
            if name:
                employee["name"] = name
        return employee, employee_at


def column_names(source: object, problems: Iterable[Problem], shown_id: str = "") -> tuple[Problem, ...]:
    """For a roster row, name the column (`target_role`, `Prompting`), not the profile key path, and the
    employee (`shown_id`: the id as the outputs show it, a pseudonym under --anonymize)."""
    if not isinstance(source, RowSource):
        return tuple(problems)
    out = []
    who = f"employee {shown_id}" if shown_id else "employee (no id)"
    for p in problems:
        head, _, rest = p.path.partition(".")
        path = rest if head in ("employee", "skills") else p.path
        if path.startswith("attributes."):
            path = path[len("attributes.") :]
        out.append(Problem(p.message, p.file, p.line, p.column, f"{who}: {path}" if path else who, p.warning))
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


def _number(cell: Cell) -> Any:
    """A workbook's number as it is stored (3.0 is the level 3); a date stays a date (and is refused)."""
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def _date_cell(cell: Cell, text: str, date_format: str | None, file: str, line: int, column: int) -> Any:
    """A deadline cell: a workbook's date as it is, ISO text as it is, other text read with --date-format."""
    if isinstance(cell, date):
        return cell.date() if isinstance(cell, datetime) else cell
    if not date_format or _ISO_DATE.match(text):
        return text  # read_profile checks it
    try:
        return datetime.strptime(text, date_format).date()
    except ValueError:
        raise UpskillError(
            Problem(
                f"'{text}' is not a date in the format {date_format} (--date-format) or YYYY-MM-DD",
                file=file,
                line=line,
                column=column,
                path="deadline",
            )
        ) from None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _level_cell(cell: str) -> str:
    """`3.0` and `3,0` (a spreadsheet's number format) mean level 3; names pass through. A roster's level cells
    are a few short texts (`3`, `advanced`) met again in every row: their answers are kept; a long cell (it
    may be megabytes) is worked out each time, never kept."""
    return _short_level_cell(cell) if len(cell) <= SHORT_TEXT else _level_text(cell)


@lru_cache(maxsize=1024)
def _short_level_cell(cell: str) -> str:
    return _level_text(cell)


def _level_text(cell: str) -> str:
    if _WHOLE_NUMBER.match(cell):  # no int(): a cell of 5,000 digits is not a level, and int() refuses it
        return re.split(r"[.,]", cell)[0].lstrip("0") or "0"
    return cell
