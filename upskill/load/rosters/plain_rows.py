"""A plain roster row read straight into a `Profile`, without its `Document` (batch and team, issue 29).

`read_profile(row.document(), ...)` builds a mapping of the row, locates each key at its cell, and
reads the mapping back field by field: 0.2 M instructions a row, most of them for the problems a
plain row never has. `row_profile` reads the cells into the same `Profile`, and gives up (None) at
the first cell that might make a problem (an error or a warning: a blank id, an unknown role,
hours out of bounds, a date to parse with --date-format, a level cell that names no level, an
extra cell, a skill written twice): the caller then reads the row the old way, which says what is
wrong, at the same file, row and column. tests/load/rosters/test_plain_rows.py holds the two paths
equal over many generated rows, odd ones among them.

A roster writes the same few texts again and again (`3`, `advanced`, a role, `4` hours, a deadline):
each is worked out once, and a level cell's answer is the `Assessment` itself, shared by every row
that writes it (a record nothing changes).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, NamedTuple, Union

from upskill.load.fields import SHORT_TEXT, parse_date
from upskill.load.profile import EMPLOYEE_KEYS, MAX_HOURS_PER_WEEK, _plain_level
from upskill.load.rosters.sources import _DECIMAL_COMMA, _ISO_DATE, Layout, RowSource, _level_cell, _number, cell_text
from upskill.model import Assessment, Catalog, Employee, Profile

_NAME_PARTS = ("first_name", "last_name")
_KEPT = 256  # answers kept per skill, and texts kept per field: a roster's few, never a list that grows with rows
_BLANK = Assessment("", -1)  # a level cell's answer when it is blank (not assessed); never in a profile
_new = tuple.__new__

# A cell's answer: the assessment, `_BLANK`, or None when the old path has something to say about it.
_Answer = Union[Assessment, None]


class _Reader(NamedTuple):
    """How a layout's rows are read against a catalog: worked out once per layout."""

    layout: Layout
    catalog: Catalog
    # (column index, skill id, that skill's answers by cell text); None: a skill column the old path
    # warns about (no skill) or refuses (a skill twice) whenever its cell is filled
    skills: tuple[tuple[int, str, dict[str, Assessment]], ...] | None
    roles: dict[str, str | None]  # target role as written -> catalog role id


def row_profile(row: RowSource, catalog: Catalog) -> Profile | None:
    """The profile `read_profile(row.document(), catalog, problems)` gives with no problem at all, or None
    when the row might have one (then read it that way). No `role` override and no `progress` (a row has none)."""
    layout, cells = row.layout, row.cells
    width = len(cells)
    if width > layout.width:  # (an extra cell with text is an error; a blank one is not, but rare)
        return None
    reader = _reader(layout, catalog)
    if reader.skills is None:
        return None
    employee = _employee(reader, cells)
    if employee is None:
        return None
    levels: dict[str, Assessment] = {}
    for index, skill, known in reader.skills:
        cell = cells[index] if index < width else ""
        found = known.get(cell) if type(cell) is str else None
        if found is None:
            found = _level(cell, skill, known, catalog)
            if found is None:
                return None
        if found is not _BLANK:
            levels[skill] = found
    return _new(Profile, (employee, levels, {}, layout.file, ()))


def _level(cell: Any, skill: str, known: dict[str, Assessment], catalog: Catalog) -> _Answer:
    """A level cell's answer as `RowSource.document` and `_read_levels` make it (kept in `known` when short)."""
    if isinstance(cell, str):
        text = cell.strip()
        if not text:
            found: _Answer = _BLANK
        else:
            level = _plain_level(_level_cell(text), catalog.scale)
            found = Assessment(skill, level) if level is not None else None
        if found is not None and type(cell) is str and len(cell) <= SHORT_TEXT and len(known) < _KEPT:
            known[cell] = found
        return found
    if not cell_text(cell):
        return _BLANK
    level = _plain_level(_number(cell), catalog.scale)
    return Assessment(skill, level) if level is not None else None


# Readers by identity (a worker has one layout per chunk of rows, the same object in one process), then by
# what they are made of (a new chunk's copy of the layout finds its reader); each holds its layout and catalog,
# so no other object takes their ids while it is kept.
_BY_ID: dict[tuple[int, int], _Reader] = {}
_BY_VALUE: dict[tuple[Layout, int], _Reader] = {}
# Each skill's answers by cell text, per catalog (by identity; each entry holds its catalog)
_ANSWERS: dict[int, tuple[Catalog, dict[str, dict[str, Assessment]]]] = {}


def _reader(layout: Layout, catalog: Catalog) -> _Reader:
    found = _BY_ID.get((id(layout), id(catalog)))
    if found is not None:
        return found
    found = _BY_VALUE.get((layout, id(catalog)))
    if found is None or found.catalog is not catalog:
        if len(_BY_VALUE) >= 16:
            _BY_VALUE.clear()
            _ANSWERS.clear()
        found = _BY_VALUE[layout, id(catalog)] = _Reader(layout, catalog, _skills(layout, catalog), {})
    if len(_BY_ID) >= 64:
        _BY_ID.clear()
    _BY_ID[id(layout), id(catalog)] = found = found._replace(layout=layout)
    return found


def _skills(layout: Layout, catalog: Catalog) -> tuple[tuple[int, str, dict[str, Assessment]], ...] | None:
    headers = [header for _, header in layout.skills]
    if len(set(headers)) < len(headers):  # (the row's mapping would keep one cell of the two)
        return None
    out: list[tuple[int, str, dict[str, Assessment]]] = []
    held = _ANSWERS.get(id(catalog))
    if held is None or held[0] is not catalog:
        held = _ANSWERS[id(catalog)] = (catalog, {})
    for index, header in layout.skills:
        skill = catalog.find_skill(str(header))
        if skill is None or any(skill == s for _, s, _ in out):
            return None
        out.append((index, skill, held[1].setdefault(skill, {})))
    return tuple(out)


def _employee(reader: _Reader, cells: tuple[Any, ...]) -> Employee | None:
    """The row's employee as `read_profile` reads it from `RowSource._employee`'s mapping, or None."""
    layout = reader.layout
    width = len(cells)
    fields: dict[str, Any] = {}
    parts: dict[str, str] = {}
    named = False
    for index, key in layout.employee:
        cell = cells[index] if index < width else ""
        text = cell.strip() if type(cell) is str else cell_text(cell)
        if key in _NAME_PARTS:
            parts[key] = text
            continue
        if key not in EMPLOYEE_KEYS:  # (an unknown key: the old path says so)
            return None
        named = named or key == "name"
        if text:
            value: Any
            if key == "hours_per_week":
                value = _hours(cell, text)
            elif key == "deadline":
                value = _deadline(cell, text)
            else:
                value = text
            if value is None:
                return None
            fields[key] = value
    if parts and not named:
        name = " ".join(parts[key] for key in _NAME_PARTS if parts.get(key))
        if name:
            fields["name"] = name
    employee_id = fields.get("id")
    found = _role(reader, fields.get("target_role"))
    if not employee_id or found is None:
        return None
    attributes: tuple[tuple[str, str], ...] = ()
    if layout.attributes:
        # (as the row's mapping holds them: a name given twice keeps its first place and its last cell)
        mapping = {name: cell_text(cells[i]) if i < width else "" for i, name in layout.attributes}
        attributes = tuple([(str(name), value) for name, value in mapping.items()])
    return _new(
        Employee,
        (
            employee_id,
            fields.get("name") or employee_id,
            fields.get("role") or "",
            found,
            fields.get("hours_per_week"),
            fields.get("deadline"),
            attributes,
            (),
        ),
    )


def _role(reader: _Reader, target: str | None) -> str | None:
    """The catalog id of the target role as written, or None (none written, or no such role)."""
    if not target:
        return None
    roles = reader.roles
    found = roles.get(target)
    if found is None:
        found = reader.catalog.find_role(target)
        if found is not None and len(roles) < _KEPT:
            roles[target] = found
    return found


_HOURS: dict[str, float] = {}  # hours cells as written -> hours (only those the old path takes without a word)
_DATES: dict[str, date] = {}  # ISO deadline cells -> the date (likewise)


def _hours(cell: Any, text: str) -> float | None:
    """`Fields.weekly_hours` of the cell as `RowSource` writes it, when it has nothing to say; else None."""
    if type(cell) is str:
        found = _HOURS.get(text)
        if found is not None:
            return found
        try:
            value = float(_DECIMAL_COMMA.sub(lambda m: m.group(0).replace(",", "."), text))
        except ValueError:
            return None
    elif type(cell) in (int, float):
        try:
            value = float(cell)
        except OverflowError:  # (an int too large for a float)
            return None
    else:
        return None
    if not math.isfinite(value) or value <= 0 or value > MAX_HOURS_PER_WEEK or round(value * 60) < 1:
        return None
    if type(cell) is str and len(text) <= SHORT_TEXT:
        if len(_HOURS) >= _KEPT:
            _HOURS.clear()
        _HOURS[text] = value
    return value


def _deadline(cell: Any, text: str) -> date | None:
    """`Fields.date` of the cell as `RowSource` writes it, when it has nothing to say; else None."""
    if type(cell) is str:
        found = _DATES.get(text)
        if found is None and _ISO_DATE.match(text):
            found = parse_date(text)
            if found is not None:
                if len(_DATES) >= _KEPT:
                    _DATES.clear()
                _DATES[text] = found
        return found
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    return None  # (a number, or a date --date-format reads: the old path)
