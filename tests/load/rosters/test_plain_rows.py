"""A plain roster row read straight into its profile (plain_rows.row_profile, issue 29, sixth session) is the
profile the old path reads from the row's document (`read_profile(row.document(), ...)`, kept as the reference),
and a row the old path says anything about (an error or a warning) is left to it: random rows of random layouts
(CSV text cells and workbook values, odd cells among them) are read both ways."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upskill.errors import Problems, UpskillError
from upskill.load.profile import read_profile
from upskill.load.rosters.columns import RosterSettings
from upskill.load.rosters.plain_rows import row_profile
from upskill.load.rosters.roster import read_roster
from upskill.load.rosters.sources import Layout, RowSource

# Header cells: employee fields, HR attributes, skills by id, name or alias, a skill twice, a column naming nothing
EMPLOYEE = ["id", "name", "Full name", "First name", "Last name", "role", "target_role", "hours_per_week", "deadline"]
ATTRIBUTES = ["department", "manager", "Location"]
SKILLS = ["prompt-engineering", "Communication", "machine learning", "ai-modelling", "Deep learning", "Collaboration"]
UNKNOWN = ["Favourite colour", "Notes"]

# Cells by column: (plain ones, odd ones). Plain ones are read straight (the bench's and the example roster's);
# odd ones, some straight and some not, the old path has something to say about
LEVELS = (
    ["", " ", "3", " 3 ", "03", "3.0", "3,0", "0", "5", "advanced", "Advanced", "awareness", " beginner ", " " * 70],
    ["3,5", "6", "9", "-1", "adv", "x", "nan", "inf", "1e3", "²", "3.", "٣", "7" * 70, "expert ", "3" + " " * 70],
)
CELLS = {
    "id": (["E1", " E2 ", "1042", "ana"], ["", " "]),
    "target_role": (["ai-content-strategist", "AI content strategist", "ml-engineer", " ML Engineer"], ["", "pilot"]),
    "hours_per_week": (
        ["", "4", "4,5", "4.5", " 3 ", "80", "0.02", "1e1", "1_0"],
        ["0", "-1", "81", "80.0000001", "0.001", "0.008", "nan", "inf", "abc", "3,000", "4 h"],
    ),
    "deadline": (["", "2027-06-30", " 2027-06-30 "], ["2027-02-30", "2027-6-30", "30/06/2027", "06/30/2027", "soon"]),
}
TEXTS = (["", " ", "Ana", "  Ruiz ", "Sales", "1042", "x" * 80], [""])
WORKBOOK = [3, 3.0, 3.5, 0, -1, 9, 10**400, 1.5e300, float("nan"), True, False,
            datetime.date(2027, 6, 30), datetime.datetime(2027, 6, 30, 9, 30)]  # fmt: skip


def _cells_for(header: str) -> tuple[list[str], list[str]]:
    return LEVELS if header in SKILLS or header in UNKNOWN else CELLS.get(header, TEXTS)


@st.composite
def _rosters(draw: st.DrawFn) -> tuple[list[str], RosterSettings]:
    """A header: an id and a target role (else no row is read at all), some other columns, in any order."""
    others = draw(st.lists(st.sampled_from(EMPLOYEE[1:6] + EMPLOYEE[7:] + ATTRIBUTES + SKILLS), max_size=9))
    skills = draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=4, unique=draw(st.booleans())))
    unknown = draw(st.lists(st.sampled_from(UNKNOWN), max_size=1))
    header = draw(st.permutations(["id", "target_role", *others, *skills, *unknown]))
    date_format = draw(st.sampled_from([None, "%d/%m/%Y", "%m/%d/%Y"]))
    return header, RosterSettings(ignore_unknown=bool(unknown), date_format=date_format)


def _layout(tmp_path: Path, header: list[str], roster: RosterSettings, catalog) -> Layout | None:
    path = tmp_path / "roster.csv"
    # (a data row, else there is no source to take the layout from)
    path.write_text(",".join(f'"{h}"' for h in header) + "\n" + ",".join("x" for _ in header) + "\n")
    sources = [s for s in read_roster(str(path), catalog, settings=roster) if isinstance(s, RowSource)]
    return sources[0].layout if sources else None


def _old(row: RowSource, catalog) -> tuple[str | None, list[object]]:
    problems = Problems()
    try:
        found = read_profile(row.document(), catalog, problems)
    except UpskillError as exc:
        return None, list(exc.problems)
    return repr(found), problems.items


def _check(row: RowSource, catalog) -> bool:
    """The new path's profile, when it gives one, is the old path's (repr: every value's type and the skills'
    order), and the old path said nothing; True when the new path gave one."""
    new = row_profile(row, catalog)
    if new is None:
        return False
    old, problems = _old(row, catalog)
    assert problems == []
    assert repr(new) == old
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(roster=_rosters(), data=st.data())
def test_a_row_read_straight_is_the_row_read_as_a_document(tmp_path: Path, catalog, roster, data) -> None:
    header, roster_settings = roster
    layout = _layout(tmp_path, header, roster_settings, catalog)
    if layout is None:  # (a header the survey refuses: no row is read)
        return
    for _ in range(8):
        cells: list[object] = [data.draw(st.sampled_from(_cells_for(h)[0])) for h in header]
        for i in data.draw(st.lists(st.integers(0, len(cells) - 1), max_size=2)):  # odd cells
            cells[i] = data.draw(st.sampled_from(_cells_for(header[i])[1]))
        for i in data.draw(st.lists(st.integers(0, len(cells) - 1), max_size=2)):  # a workbook's values
            cells[i] = data.draw(st.sampled_from(WORKBOOK))
        cells = cells[: data.draw(st.sampled_from([len(cells), len(cells), len(cells) - 1]))]  # a short row
        cells += data.draw(st.sampled_from([[], [], [""], [" ", ""], ["3"]]))  # cells past the header
        _check(RowSource(layout, 7, tuple(cells)), catalog)


def test_plain_rows_are_read_straight_and_odd_ones_the_old_way(tmp_path: Path, catalog) -> None:
    """Plain rows (the bench's, the example roster's) never fall back; a cell with something to say always does."""
    header = ["id", "First name", "Last name", "role", "target_role", "hours_per_week", "deadline", "department",
              *SKILLS[:3], "Collaboration"]  # fmt: skip
    layout = _layout(tmp_path, header, RosterSettings(), catalog)
    assert layout is not None
    plain = ("E1", "Ana", "Ruiz", "Sales", "AI content strategist", "4,5", "2027-06-30", "Ops", "3", "", "advanced")
    assert _check(RowSource(layout, 2, (*plain, " 2 ")), catalog)
    assert _check(RowSource(layout, 2, (*plain[:6], "", "", "", "", "", "")), catalog)
    assert _check(RowSource(layout, 2, (*plain[:5], 4, datetime.date(2027, 6, 30), "Ops", 3.0, 0, "", "")), catalog)
    assert _check(RowSource(layout, 2, plain), catalog)  # a short row: the last cell blank
    for at, odd in [(0, ""), (4, "pilot"), (4, ""), (5, "0"), (5, "81"), (6, "2027-02-30"), (8, "9"), (10, "adv")]:
        cells = [*plain, "1"]
        cells[at] = odd
        assert row_profile(RowSource(layout, 2, tuple(cells)), catalog) is None, (at, odd)
    assert row_profile(RowSource(layout, 2, (*plain, "1", "")), catalog) is None  # an extra cell
    for repeat in range(3):  # the texts worked out once answer the same the next time
        assert _check(RowSource(layout, 3 + repeat, (*plain, "1")), catalog)


@pytest.mark.parametrize(
    "header",
    [
        ["id", "target_role", "Communication", "communication"],
        ["id", "target_role", "ai-modelling", "machine learning"],
    ],
)
def test_a_skill_written_twice_is_left_to_the_old_path(tmp_path: Path, catalog, header: list[str]) -> None:
    layout = _layout(tmp_path, header, RosterSettings(), catalog)
    if layout is None:
        return
    assert row_profile(RowSource(layout, 2, ("E1", "ml-engineer", "3", "")), catalog) is None


@pytest.mark.parametrize("date_format", [None, "%d/%m/%Y"])
@pytest.mark.parametrize("named", [True, False])
def test_each_cell_of_a_plain_row_made_odd(tmp_path: Path, catalog, date_format: str | None, named: bool) -> None:
    """Every column of a wide roster, each of its cells in turn given every plain, odd and workbook value."""
    header = ["id", *(["name"] if named else []), "First name", "Last name", "role", "target_role", "hours_per_week",
              "deadline", "department", "Location", *SKILLS[:3], *SKILLS[4:]]  # fmt: skip
    layout = _layout(tmp_path, header, RosterSettings(date_format=date_format), catalog)
    assert layout is not None
    base = [_cells_for(h)[0][1] for h in header]
    assert _check(RowSource(layout, 2, tuple(base)), catalog)
    straight = 0
    for at, h in enumerate(header):
        plain, odd = _cells_for(h)
        for value in [*plain, *odd, *WORKBOOK]:
            cells = list(base)
            cells[at] = value
            straight += _check(RowSource(layout, 2, tuple(cells)), catalog)
    assert straight > 100
