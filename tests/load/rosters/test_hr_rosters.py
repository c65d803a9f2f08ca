"""Rosters as HR systems export them (load/rosters/columns.py, xlsx.py, survey.py): HR headers and their synonyms,
--column, unknown columns, .xlsx workbooks, day-first dates, the file's encoding, blank cells as not assessed,
and the one stop-or-go decision made before any file is written."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import openpyxl
import pytest

from upskill.cli import cli
from upskill.errors import Problems
from upskill.load.profile import read_profile
from upskill.load.rosters import xlsx
from upskill.load.rosters.columns import SYNONYMS, RosterSettings, folded
from upskill.load.rosters.inputs import expand_inputs
from upskill.load.rosters.sources import Broken, RowSource
from upskill.load.rosters.survey import encoding_problem, survey_rosters

START = "2027-01-04"
HR_HEADER = ["Employee ID", "Full name", "Job title", "Target role", "Department", "Line manager", "Due date"]


def rows_of(path: Path, catalog, **settings):
    return list(expand_inputs([str(path)], catalog, roster=RosterSettings(**settings)))


def profile(source, catalog):
    problems = Problems()
    found = read_profile(source.document(), catalog, problems)
    assert problems.errors == [], problems.errors
    return found


def workbook(path: Path, rows: list[list[object]], title: str = "Export", more: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name in more:
        book.create_sheet(name).append(["nothing"])
    book.save(path)
    return path


def batch(runner, *args):
    return runner.invoke(cli, ["--no-config", "batch", *map(str, args), "--start", START, "--jobs", "1"])


# --- headers ---------------------------------------------------------------------------------------------


def test_hr_headers_are_read_by_their_synonyms_and_attributes_kept(tmp_path, catalog):
    path = tmp_path / "r.csv"
    path.write_text(
        "Employee ID;Full name;Job title;Target role;Department;Line manager;Cost center;Due date;Prompt engineering\n"
        "E1;Ana Ruiz;Analyst;ai-content-strategist;Sales;Bo;CC-12;2027-06-30;2\n",
        encoding="utf-8",
    )
    (row,) = rows_of(path, catalog)
    found = profile(row, catalog)
    assert (found.employee.id, found.employee.name, found.employee.role) == ("E1", "Ana Ruiz", "Analyst")
    assert found.employee.deadline == datetime.date(2027, 6, 30)
    assert found.employee.attributes == (("department", "Sales"), ("manager", "Bo"), ("cost_centre", "CC-12"))


def test_synonyms_match_whatever_the_case_spaces_and_punctuation():
    assert folded("EMPLOYEE_ID") == folded("Employee-ID.") == "employee id" == SYNONYMS["id"][1]
    assert "hours" not in SYNONYMS["hours_per_week"]  # contracted hours are not learning hours


def test_first_and_last_name_make_the_name(tmp_path, catalog):
    path = tmp_path / "r.csv"
    path.write_text("Surname,Worker ID,Given name,Target role\nRuiz,E1,Ana,ld-coach\n", encoding="utf-8")
    (row,) = rows_of(path, catalog)
    assert profile(row, catalog).employee.name == "Ana Ruiz"


def test_column_maps_any_header_to_a_field_an_attribute_a_skill_or_nothing(tmp_path, catalog):
    path = tmp_path / "r.csv"
    path.write_text(
        "Personnel no.,Goal,Division,Salary,Prompting (self-rated)\nP7,ld-coach,North,50000,3\n", encoding="utf-8"
    )
    columns = (
        ("Personnel no.", "id"),
        ("Goal", "target role"),
        ("Division", "attribute"),
        ("Salary", "ignore"),
        ("Prompting (self-rated)", "prompt-engineering"),
    )
    (row,) = rows_of(path, catalog, columns=columns)
    found = profile(row, catalog)
    assert found.employee.id == "P7" and found.employee.target_role == "ld-coach"
    assert found.employee.attributes == (("Division", "North"),)
    assert found.level("prompt-engineering") == 3


def test_a_column_target_that_names_nothing_is_a_usage_error(runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,target_role\nE1,ld-coach\n", encoding="utf-8")
    result = batch(runner, path, "--out", tmp_path / "out", "--column", "Division=atribute")
    assert result.exit_code == 2 and "did you mean 'attribute'?" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_typo_in_a_skill_header_stops_the_run_before_any_file_is_written(runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Employee ID,Target role,Comunication,Email\nE1,ld-coach,3,a@b.c\n", encoding="utf-8")
    result = batch(runner, path, "--out", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"upskill: error: {path}:1:3: column 'Comunication'")
    assert "did you mean 'Communication'?" in errors[0] and ":1:4: column 'Email'" in errors[1]
    ignored = batch(runner, path, "--out", tmp_path / "out", "--ignore-unknown-columns")
    assert ignored.exit_code == 0 and (tmp_path / "out" / "E1.md").exists()
    assert ignored.stderr.count("--ignore-unknown-columns") == 1 and "'Comunication' (3), 'Email' (4)" in ignored.stderr


# --- not assessed ------------------------------------------------------------------------------------------


def test_blank_means_not_assessed_and_zero_or_none_means_assessed_zero(tmp_path, catalog):
    path = tmp_path / "r.csv"
    path.write_text("id,target_role,Prompting,Communication,Collaboration\nE1,ld-coach,,0,none\n", encoding="utf-8")
    (row,) = rows_of(path, catalog)
    found = profile(row, catalog)
    assert "prompt-engineering" not in found.skills
    assert found.skills["communication"].level == 0 and found.skills["collaboration"].level == 0


def test_a_required_skill_without_a_column_is_reported_once(tmp_path, catalog):
    path = tmp_path / "r.csv"
    path.write_text(
        "id,target_role,Prompting\n" + "".join(f"E{i},ai-content-strategist,2\n" for i in range(30)), encoding="utf-8"
    )
    survey = survey_rosters([str(path)], catalog, RosterSettings())
    assert survey.errors == () and len(survey.notes) == 1
    assert "nobody was assessed in " in survey.notes[0].message and "(30 need it)" in survey.notes[0].message
    assert "Prompt engineering" not in survey.notes[0].message  # it has its column


# --- dates -------------------------------------------------------------------------------------------------


def test_day_first_dates_are_one_error_and_date_format_reads_them(runner, tmp_path, catalog):
    path = tmp_path / "r.csv"
    path.write_text(
        "id,target_role,deadline\n" + "".join(f"E{i},ld-coach,{i + 1:02d}/06/2027\n" for i in range(20)),
        encoding="utf-8",
    )
    result = batch(runner, path, "--out", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    (line,) = result.stderr.splitlines()
    assert f"{path}:14:3: column 'deadline' holds dates in day/month/year order" in line
    assert "employee E12" in line and "--date-format %d/%m/%Y" in line and "20 rows" in line
    rows = rows_of(path, catalog, date_format="%d/%m/%Y")
    assert profile(rows[-1], catalog).employee.deadline == datetime.date(2027, 6, 20)
    assert batch(runner, path, "--out", tmp_path / "out", "--date-format", "%d/%m/%Y").exit_code == 0


def test_month_first_and_ambiguous_dates_are_told_apart(tmp_path, catalog):
    path = tmp_path / "r.csv"
    path.write_text("id,target_role,deadline\nE1,ld-coach,06/30/2027\n", encoding="utf-8")
    (error,) = survey_rosters([str(path)], catalog, RosterSettings()).errors
    assert "month/day/year" in error.message and "%m/%d/%Y" in error.message
    path.write_text("id,target_role,deadline\nE1,ld-coach,05.06.27\n", encoding="utf-8")
    (error,) = survey_rosters([str(path)], catalog, RosterSettings()).errors
    assert "--date-format %d.%m.%y if the day comes first" in error.message


def test_a_bad_date_under_date_format_names_the_row_and_the_employee(runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,target_role,deadline\nE1,ld-coach,31/02/2027\nE2,ld-coach,01/03/2027\n", encoding="utf-8")
    result = batch(runner, path, "--out", tmp_path / "out", "--date-format", "%d/%m/%Y")
    assert result.exit_code == 1 and (tmp_path / "out" / "E2.md").exists()
    assert f"{path}:2:3: employee E1: deadline: '31/02/2027' is not a date" in result.stderr
    anonymous = batch(runner, path, "--out", tmp_path / "anon", "--date-format", "%d/%m/%Y", "--anonymize")
    assert "employee anon-" in anonymous.stderr and "E1" not in anonymous.stderr


def test_a_date_format_without_day_month_and_year_is_a_usage_error(runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,target_role\nE1,ld-coach\n", encoding="utf-8")
    assert batch(runner, path, "--out", tmp_path / "out", "--date-format", "%d/%m").exit_code == 2


# --- encodings ---------------------------------------------------------------------------------------------


def test_a_file_not_in_the_declared_encoding_is_one_error_with_a_guess(runner, tmp_path):
    path = tmp_path / "r.csv"
    rows = "".join(f"E{i},Ren\xe9e {i},ld-coach\n" for i in range(40))
    path.write_bytes(f"id,name,target_role\n{rows}".encode("cp1252"))
    result = batch(runner, path, "--out", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    (line,) = result.stderr.splitlines()
    assert f"{path}:2:" in line and "not valid UTF-8" in line and "try --encoding cp1252" in line
    assert batch(runner, path, "--out", tmp_path / "out", "--encoding", "cp1252").exit_code == 0


def test_utf8_read_as_cp1252_is_refused(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,name,target_role\nE1,Renée,ld-coach\n", encoding="utf-8")
    problem = encoding_problem(str(path), "cp1252")
    assert problem is not None and "--encoding utf-8" in problem.message
    assert encoding_problem(str(path), "utf-8") is None


# --- workbooks ---------------------------------------------------------------------------------------------


def test_an_xlsx_roster_keeps_numbers_and_dates_as_excel_stores_them(tmp_path, catalog):
    path = workbook(
        tmp_path / "r.xlsx",
        [
            [*HR_HEADER, "Learning hours", "Prompt engineering", "Communication"],
            [
                1042,
                "Ana Ruiz",
                "Analyst",
                "ai-content-strategist",
                "Sales",
                "Bo",
                datetime.datetime(2027, 6, 30),
                2.5,
                3,
                None,
            ],
            [None] * 10,  # a blank row is skipped
            [1043, "Bo", "Analyst", "ai-content-strategist", None, None, None, 4, 2.0, 0],
        ],
    )
    first, second = rows_of(path, catalog)
    assert isinstance(first, RowSource) and first.label == f"{path}:2" and second.label == f"{path}:4"
    ana, bo = profile(first, catalog), profile(second, catalog)
    assert ana.employee.id == "1042" and ana.employee.deadline == datetime.date(2027, 6, 30)
    assert ana.employee.hours_per_week == 2.5 and ana.level("prompt-engineering") == 3
    assert "communication" not in ana.skills and bo.skills["communication"].level == 0
    assert bo.level("prompt-engineering") == 2 and bo.employee.attributes == (("department", ""), ("manager", ""))


def test_sheet_picks_a_sheet_and_a_wrong_name_gets_the_closest(tmp_path, catalog):
    path = workbook(tmp_path / "r.xlsx", [["id", "target_role"], ["E1", "ld-coach"]], title="Roster", more=("Notes",))
    assert isinstance(rows_of(path, catalog, sheet="Roster")[0], RowSource)
    (broken,) = rows_of(path, catalog, sheet="roster")
    assert isinstance(broken, Broken) and "did you mean 'Roster'?" in broken.problems[0].message
    (broken,) = rows_of(path, catalog, sheet="Notes")
    assert any("no id column" in p.message for p in broken.problems)


def test_a_workbook_that_would_expand_too_far_is_refused_before_parsing(tmp_path, catalog, monkeypatch):
    path = workbook(tmp_path / "r.xlsx", [["id", "target_role"], ["E1", "ld-coach"]])
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED", 1000)
    parsed = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: parsed.append(a))
    (broken,) = rows_of(path, catalog)
    assert isinstance(broken, Broken) and "would expand to" in broken.problems[0].message and parsed == []


def test_a_zip_bomb_is_refused(tmp_path, catalog, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED", 4 * 1024 * 1024)  # the real limit, 256 MB, takes seconds to pack
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (xlsx.MAX_UNCOMPRESSED + 1))
    assert path.stat().st_size < 64 * 1024
    (broken,) = rows_of(path, catalog)
    assert isinstance(broken, Broken) and "would expand to" in broken.problems[0].message


def test_too_many_cells_are_refused_while_streaming(tmp_path, catalog, monkeypatch):
    path = workbook(tmp_path / "r.xlsx", [["id", "target_role"]] + [[f"E{i}", "ld-coach"] for i in range(20)])
    monkeypatch.setattr(xlsx, "MAX_CELLS", 10)
    found = rows_of(path, catalog)
    assert isinstance(found[-1], Broken) and "more than 10 cells" in found[-1].problems[0].message


@pytest.mark.parametrize("data", [b"not a zip", b"PK\x03\x04 broken"])
def test_a_file_that_is_no_workbook_is_one_clear_error(tmp_path, catalog, data):
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    (broken,) = rows_of(path, catalog)
    assert isinstance(broken, Broken) and "is not an Excel workbook" in broken.problems[0].message


def test_old_spreadsheet_formats_are_named(tmp_path, catalog):
    path = tmp_path / "r.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    (broken,) = rows_of(path, catalog)
    assert "Excel 97-2003" in broken.problems[0].message and "save it as .xlsx or CSV" in broken.problems[0].message


# --- a run in which nobody could be read ------------------------------------------------------------------


def test_nobody_read_writes_no_report_saying_no_gaps(runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,target_role\nE1,no-such-role\nE2,no-such-role\n", encoding="utf-8")
    result = batch(runner, path, "--out", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out" / "team.md").exists()
    assert result.stderr.splitlines()[-1] == "upskill: no employee could be read (2 failed); no report written"
    team = runner.invoke(cli, ["--no-config", "team", str(path), "--jobs", "1"])
    assert team.exit_code == 1 and team.stdout == "" and "no report written" in team.stderr


# --- the done-when ------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_2000_row_hr_export_goes_through_with_one_stop_or_go_decision(runner, tmp_path):
    """HR headers, a typo'd skill column, blank cells and day-first dates: one stop, then one clean go."""
    header = [*HR_HEADER, "Prompt engineering", "Comunication", "Critical thinking"]
    rows: list[list[object]] = [header]
    for i in range(2000):
        due = datetime.datetime(2027, 6, 30) if i % 2 else f"{i % 28 + 1:02d}/06/2027"
        rows.append([f"E{i:04d}", f"Person {i}", "Analyst", "ai-augmented-professional", "Sales", "Bo", due])
        rows[-1] += [i % 4, None if i % 3 else 2, None]
    path = workbook(tmp_path / "export.xlsx", rows)
    stop = batch(runner, path, "--out", tmp_path / "out")
    assert stop.exit_code == 1 and not (tmp_path / "out").exists()
    errors = [line for line in stop.stderr.splitlines() if line.startswith("upskill: error:")]
    assert len(errors) == 2  # the typo'd column (with its closest skill) and the date order, nothing per row
    assert "did you mean 'Communication'?" in errors[0] and "--date-format %d/%m/%Y" in errors[1]
    go = batch(
        runner, path, "--out", tmp_path / "out", "--column", "Comunication=Communication", "--date-format", "%d/%m/%Y"
    )
    assert go.exit_code == 0, go.stderr
    assert go.stderr.splitlines()[-1].startswith("upskill: 2,000 plans written, 0 failed")
    assert len(list((tmp_path / "out").glob("E*.md"))) == 2000
