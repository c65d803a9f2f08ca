"""Workbooks that are damaged, stale, hostile or just unusual (issue 22, load/rosters/xlsx.py, xlsx_parts.py):
one located line and exit 1, every row and column that is there, work bounded by what the file
holds, never a hidden sheet unless --sheet names it. Each workbook is built part by part with
zipfile (tests/load/rosters/workbooks.py), so its XML is exactly what the test means."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest

from tests.load.rosters.workbooks import DATE_STYLES, MAIN, build, many_shared_strings, row, shared_strings, sheet_xml
from upskill.cli import cli
from upskill.load.rosters import xlsx
from upskill.load.rosters.columns import RosterSettings
from upskill.load.rosters.inputs import expand_inputs
from upskill.load.rosters.sources import Broken, RowSource

HEADER = row(1, "id", "target_role")
GOOD = [row(n, f"E{n}", "ld-coach") for n in range(2, 300)]  # enough rows that the trouble comes mid-stream


def rows_of(path: Path, catalog, **settings):
    return list(expand_inputs([str(path)], catalog, roster=RosterSettings(**settings)))


def run(runner, command: str, path: Path, *args: str):
    if command == "batch":
        args = ("--out", str(path.parent / "out"), "--start", "2027-01-04", *args)
    return runner.invoke(cli, ["--no-config", command, str(path), "--jobs", "1", *args])


def one_sheet(path: Path, body: bytes, **parts) -> Path:
    return build(path, [("Roster", body, "")], **parts)


LOL = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i + 1} "' + f"&lol{i if i else ''};" * 10 + '">' for i in range(9))
    + "]>"
)
# name -> (the workbook's parts, what the one error line says: its place and its cause)
HOSTILE = {
    "damaged XML": (
        {"body": sheet_xml([HEADER, *GOOD]).replace(b'<row r="299">', b'<row r="299"><c r=')},
        (":299: ", "sheet 'Roster' is damaged in row 299", "xl/worksheets/sheet1.xml (line 1, column"),
    ),
    "shared string out of range": (
        {
            "body": sheet_xml([HEADER, *GOOD, '<row r="300"><c r="A300" t="s"><v>7</v></c></row>']),
            "strings": shared_strings("E1"),
        },
        (":300:1: ", "cell A300 of sheet 'Roster'", "shared string 7, but the workbook holds 1"),
    ),
    "non-numeric number": (
        {"body": sheet_xml([HEADER, *GOOD, '<row r="300"><c r="B300" t="n"><v>abc</v></c></row>'])},
        (":300:2: ", "cell B300 of sheet 'Roster'", "'abc' where a number belongs"),
    ),
    "undefined entity": (
        {"body": sheet_xml([HEADER, *GOOD, '<row r="300"><c r="A300" t="inlineStr"><is><t>&foo;</t></is></c></row>'])},
        (":300: ", "sheet 'Roster' is damaged in row 300", "undefined entity"),
    ),
    "billion laughs in the sheet": (
        {"body": sheet_xml([HEADER, row(2, "&lol9;", "ld-coach")], prolog=LOL)},
        ("r.xlsx: ", "sheet 'Roster' is damaged", "declares a DOCTYPE"),
    ),
    "billion laughs in the shared strings": (
        {
            "body": sheet_xml([HEADER, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>']),
            "strings": f'<?xml version="1.0"?>{LOL}<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'.encode(),
        },
        (":2: ", "xl/sharedStrings.xml (line 1", "declares a DOCTYPE"),
    ),
    "billion laughs in the workbook part": (
        {"body": sheet_xml([HEADER]), "workbook_prolog": LOL},
        ("r.xlsx: ", "the workbook is damaged: xl/workbook.xml", "declares a DOCTYPE"),
    ),
    "date cell past 9999": (
        {
            "body": sheet_xml(
                [row(1, "id", "target_role", "deadline"), '<row r="2"><c r="C2" s="1"><v>1e20</v></c></row>']
            ),
            "styles": DATE_STYLES,
        },
        (":2:3: ", "cell C2 of sheet 'Roster'", "holds 1e+20 in a date format"),
    ),
    "negative date cell": (
        {
            "body": sheet_xml(
                [row(1, "id", "target_role", "deadline"), '<row r="2"><c r="C2" s="1"><v>-5</v></c></row>']
            ),
            "styles": DATE_STYLES,
        },
        (":2:3: ", "cell C2 of sheet 'Roster'", "holds -5 in a date format"),
    ),
    "ISO date cell that is no date": (
        {
            "body": sheet_xml(
                [row(1, "id", "target_role", "deadline"), '<row r="2"><c r="C2" t="d"><v>2027-02-30</v></c></row>']
            )
        },
        (":2:3: ", "cell C2 of sheet 'Roster'", "'2027-02-30' where a date belongs"),
    ),
    "column past XFD": (
        {"body": sheet_xml([HEADER, '<row r="2"><c r="XFE2"><v>1</v></c></row>'])},
        (":2: ", "damaged in row 2", "past column XFD"),
    ),
    "rows out of order": (
        {"body": sheet_xml([HEADER, row(5, "E5", "ld-coach"), row(3, "E3", "ld-coach")])},
        (":5: ", "damaged after row 5", "numbered '3' (after row 5), out of order"),
    ),
}


@pytest.mark.parametrize("command", ["team", "batch"])
@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_workbook_is_one_located_line_and_exit_1(runner, tmp_path, case, command):
    parts, expected = HOSTILE[case]
    path = one_sheet(tmp_path / "r.xlsx", **parts)
    result = run(runner, command, path)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("upskill: error:")]
    assert len(errors) == 1, result.stderr
    assert all(part in errors[0] for part in expected), errors[0]
    assert str(path) in errors[0]
    assert not (tmp_path / "out").exists()  # the stop-or-go survey: no plan of the rows before the damage


def test_a_stale_dimension_hides_no_row_and_no_column(runner, tmp_path, catalog):
    header = row(1, "id", "target_role", "Department", "Manager", "Location", "Prompting")
    people = [row(n, f"E{n}", "ld-coach", "Sales", "Bo", "Paris", 2) for n in range(2, 22)]
    path = one_sheet(tmp_path / "r.xlsx", sheet_xml([header, *people], before='<dimension ref="A1:D3"/>'))
    found = rows_of(path, catalog, ignore_unknown=True)
    assert len(found) == 20 and all(isinstance(r, RowSource) and len(r.cells) == 6 for r in found)
    result = run(runner, "team", path, "--format", "csv", "--ignore-unknown-columns")
    assert result.exit_code == 0 and "20 employees in the team report" in result.stderr


@pytest.mark.parametrize(
    "make",
    [
        # 5 KB: one row numbered 2,000,000,000 (openpyxl made up every empty row before it: it never ended)
        lambda: sheet_xml([HEADER, row(2, "E2", "ld-coach"), row(2_000_000_000, "E3", "ld-coach")]),
        # a <dimension> claiming the whole sheet, over three real rows
        lambda: sheet_xml(
            [HEADER, row(2, "E2", "ld-coach"), row(3, "E3", "ld-coach")], '<dimension ref="A1:XFD1048576"/>'
        ),
    ],
    ids=["a row numbered 2 billion", "a dimension claiming every cell"],
)
def test_row_numbers_and_dimensions_cost_nothing(tmp_path, catalog, make):
    path = one_sheet(tmp_path / "r.xlsx", make())
    began = time.monotonic()
    found = rows_of(path, catalog)
    assert time.monotonic() - began < 3
    assert [r.employee_id() for r in found] == ["E2", "E3"]
    assert found[-1].label.endswith((":2000000000", ":3"))


def test_millions_of_shared_strings_cost_only_those_the_sheet_uses(tmp_path, catalog):
    """3 M shared strings in 120 KB: openpyxl read them all (~25 s here; 12 M took 239 s and 1.16 GB)."""
    path = one_sheet(
        tmp_path / "r.xlsx",
        sheet_xml(
            [
                '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>target_role</t></is></c></row>',
                row(2, "E2", "ld-coach"),
            ]
        ),
        strings=many_shared_strings(3_000_000),
    )
    assert path.stat().st_size < 200_000
    began = time.monotonic()
    found = rows_of(path, catalog)
    assert time.monotonic() - began < 3
    assert [r.employee_id() for r in found] == ["E2"]


def test_a_shared_string_past_the_limit_is_refused_without_reading_the_table(tmp_path, catalog):
    body = sheet_xml([HEADER, f'<row r="2"><c r="A2" t="s"><v>{xlsx.MAX_CELLS}</v></c></row>'])
    path = one_sheet(tmp_path / "r.xlsx", body, strings=many_shared_strings(3_000_000))
    began = time.monotonic()
    (broken,) = rows_of(path, catalog)
    assert time.monotonic() - began < 3
    assert isinstance(broken, Broken) and "past the 10,000,000 a roster may hold" in broken.problems[0].message


def test_wide_rows_count_towards_the_cell_limit(tmp_path, catalog, monkeypatch):
    """A cell in column XFD makes a row 16,384 cells wide: 30 bytes of XML cannot make a million; and
    empty rows (6 bytes each) count too."""
    monkeypatch.setattr(xlsx, "MAX_CELLS", 50_000)
    body = sheet_xml([HEADER, *(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 10))])
    found = rows_of(path := one_sheet(tmp_path / "r.xlsx", body), catalog)
    assert isinstance(found[-1], Broken) and "more than 50,000 cells" in found[-1].problems[0].message
    assert path.stat().st_size < 5_000
    empty_rows = sheet_xml([HEADER, row(2, "E2", "ld-coach"), *("<row/>" for _ in range(60_000))])
    found = rows_of(one_sheet(tmp_path / "empty.xlsx", empty_rows), catalog)
    assert isinstance(found[-1], Broken) and "more than 50,000 cells" in found[-1].problems[0].message


# --- which sheet ----------------------------------------------------------------------------------------------


def three_sheets(tmp_path: Path, active: int | None, states=("hidden", "", "")) -> Path:
    sheets = [
        (name, sheet_xml([HEADER, row(2, f"{name}-1", "ld-coach")]), state)
        for name, state in zip(("Old", "Roster", "Notes"), states, strict=True)
    ]
    return build(tmp_path / "r.xlsx", sheets, active=active)


@pytest.mark.parametrize(
    ("active", "states", "read"),
    [
        (None, ("hidden", "", ""), "Roster"),  # no active tab: the first visible sheet, not the hidden first one
        (0, ("hidden", "", ""), "Roster"),  # the active tab is hidden (Excel never saves that): the first visible
        (2, ("hidden", "", ""), "Notes"),  # the active sheet
        (None, ("veryHidden", "hidden", ""), "Notes"),
    ],
)
def test_the_active_sheet_else_the_first_visible_one_is_read(tmp_path, catalog, active, states, read):
    path = three_sheets(tmp_path, active, states)
    assert [r.employee_id() for r in rows_of(path, catalog)] == [f"{read}-1"]


def test_a_hidden_sheet_is_read_only_when_sheet_names_it_and_the_sheet_read_is_named(runner, tmp_path, catalog):
    path = three_sheets(tmp_path, None)
    assert [r.employee_id() for r in rows_of(path, catalog, sheet="Old")] == ["Old-1"]
    result = run(runner, "team", path, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert (
        f"upskill: reading sheet 'Roster' of {path} (1 hidden sheet not read; name one with --sheet)" in result.stderr
    )
    assert "Roster-1" in result.stdout or "1 employee" in result.stderr
    named = run(runner, "team", path, "--format", "csv", "--sheet", "Old")
    assert named.exit_code == 0 and "reading sheet" not in named.stderr


def test_every_sheet_hidden_is_one_error(tmp_path, catalog):
    (broken,) = rows_of(three_sheets(tmp_path, None, ("hidden", "hidden", "veryHidden")), catalog)
    assert isinstance(broken, Broken) and "every sheet is hidden; name the one to read with --sheet" in str(
        broken.problems[0]
    )


# --- a workbook under a text roster's name --------------------------------------------------------------------


@pytest.mark.parametrize("command", ["team", "batch"])
def test_a_workbook_named_csv_is_said_to_be_one(runner, tmp_path, command):
    path = one_sheet(tmp_path / "r.xlsx", sheet_xml([HEADER, row(2, "E2", "ld-coach")]))
    path = path.rename(tmp_path / "roster.csv")
    result = run(runner, command, path)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("upskill: error:")]
    assert len(errors) == 1 and "--encoding" not in errors[0]
    assert f"{path}: is a workbook" in errors[0] and "rename it to .xlsx" in errors[0]


# --- cells as Excel stores them, whatever wrote the XML ----------------------------------------------------------


def test_cells_are_read_as_excel_shows_them(tmp_path, catalog):
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
        '<numFmt numFmtId="165" formatCode="&quot;Level &quot;0"/></numFmts>'
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    header = row(1, "id", "target_role", "deadline", "Prompting", "Communication", "department", "manager", "location")
    cells = (
        '<x:row r="2">'
        '<x:c r="A2" t="s"><x:v>0</x:v></x:c>'  # a prefixed namespace, a rich shared string with a phonetic run
        # no r=: the next column; an inline string in two runs
        '<x:c t="inlineStr"><x:is><x:r><x:t>ld-</x:t></x:r><x:r><x:t>coach</x:t></x:r></x:is></x:c>'
        '<x:c s="1"><x:v>46568</x:v></x:c>'  # a custom date format: 2027-06-30
        '<x:c s="2"><x:v>3</x:v></x:c>'  # "Level "0 shows text, not a date
        '<x:c t="str"><x:f>1+1</x:f><x:v>2</x:v></x:c>'  # a formula: its cached result
        '<x:c r="F2" t="b"><x:v>1</x:v></x:c>'
        '<x:c r="G2" t="e"><x:v>#N/A</x:v></x:c>'
        '<x:c r="H2" t="d"><x:v>2027-03-01T00:00:00</x:v></x:c>'
        "</x:row>"
    )
    header = header.replace("<", "<x:").replace("<x:/", "</x:")
    body = f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>{header}{cells}</x:sheetData></x:worksheet>'
    strings = f'<sst xmlns="{MAIN}"><si><r><t>E</t></r><r><t>7</t></r><rPh><t>ignored</t></rPh></si></sst>'.encode()
    path = one_sheet(tmp_path / "r.xlsx", body.encode(), strings=strings, styles=styles)
    (found,) = rows_of(path, catalog)
    assert found.cells == (
        "E7",
        "ld-coach",
        datetime.date(2027, 6, 30),
        3,
        "2",
        "TRUE",
        "#N/A",
        datetime.date(2027, 3, 1),
    )


@pytest.mark.parametrize(
    ("serial", "date1904", "shown"),
    [
        (1, False, datetime.date(1900, 1, 1)),
        (59, False, datetime.date(1900, 2, 28)),
        (61, False, datetime.date(1900, 3, 1)),  # after the 29 February 1900 Excel counts but never was
        (46568, False, datetime.date(2027, 6, 30)),
        (46568.5, False, datetime.datetime(2027, 6, 30, 12)),
        (1, True, datetime.date(1904, 1, 2)),
        (45106, True, datetime.date(2027, 6, 30)),
    ],
)
def test_date_cells_of_both_date_systems(tmp_path, serial, date1904, shown):
    sheet = sheet_xml(
        [row(1, "id", "target_role", "deadline"), f'<row r="2"><c r="C2" s="1"><v>{serial}</v></c></row>']
    )
    path = one_sheet(tmp_path / "r.xlsx", sheet, styles=DATE_STYLES, date1904=date1904)
    assert list(xlsx.xlsx_records(str(path)))[1].cells[2] == shown


def test_a_cell_or_shared_string_past_a_megabyte_is_refused(tmp_path, catalog, monkeypatch):
    from upskill.load.rosters import xlsx_parts

    monkeypatch.setattr(xlsx, "MAX_TEXT", 100)
    monkeypatch.setattr(xlsx_parts, "MAX_TEXT", 100)
    inline = one_sheet(tmp_path / "inline.xlsx", sheet_xml([HEADER, row(2, "x" * 101, "ld-coach")]))
    (broken,) = rows_of(inline, catalog)
    assert isinstance(broken, Broken) and "cell A2 holds more than 100 characters" in broken.problems[0].message
    body = sheet_xml([HEADER, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'])
    shared = one_sheet(tmp_path / "shared.xlsx", body, strings=shared_strings("x" * 101))
    (broken,) = rows_of(shared, catalog)
    assert "xl/sharedStrings.xml: holds a string of more than 100 characters" in broken.problems[0].message


def test_what_a_spreadsheet_library_writes_is_read_as_it_reads_it(tmp_path):
    """openpyxl as the oracle: text (XML's special characters, spaces, any script), numbers, booleans,
    dates and date-times, blank cells and rows, many sheets; the reader sees the values openpyxl sees."""
    import random

    import openpyxl

    rng = random.Random(22)
    values = [
        "a < b & c > d", "  spaced  ", "Ünïcødé ✓ 日本", "'quoted'", '"double"', "x" * 300, "line\nbreak",
        0, 7, -3, 2.5, 1e-7, 123456789012, True, False, None, None,
        datetime.datetime(2027, 6, 30), datetime.datetime(2027, 6, 30, 9, 15), datetime.datetime(1900, 3, 1),
    ]  # fmt: skip
    book = openpyxl.Workbook()
    book.active.title = "First"
    book.create_sheet("Second").append(["other"])
    sheet = book["First"]
    for _ in range(200):
        sheet.append([rng.choice(values) for _ in range(rng.randint(0, 12))])
    path = tmp_path / "r.xlsx"
    book.save(path)

    def expected(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
            return value.date()
        return value

    oracle = []
    for number, cells in enumerate(
        openpyxl.load_workbook(path, data_only=True)["First"].iter_rows(values_only=True), 1
    ):
        shown = [expected(v) for v in cells]
        while shown and shown[-1] == "":
            shown.pop()
        if any(str(v).strip() for v in shown):
            oracle.append((number, tuple(shown)))
    assert [(r.line, r.cells) for r in xlsx.xlsx_records(str(path))] == oracle
