"""`upskill validate ROSTER`: a .csv, .xlsx or .jsonl roster is checked as `upskill batch` reads it, every problem
located (file, row, column, employee), beside profiles and catalogs."""

from __future__ import annotations

import openpyxl

from tests.helpers import EXAMPLES, check
from upskill.cli import cli

ANA = str(EXAMPLES / "ana-ruiz.yaml")


def validate(runner, *args):
    return check(runner.invoke(cli, ["--no-config", "validate", *map(str, args)]))


def test_the_example_roster_is_ok(runner):
    result = validate(runner, EXAMPLES / "roster.csv", ANA)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"{EXAMPLES / 'roster.csv'}: ok", f"{ANA}: ok"]


def test_every_row_problem_is_located_and_the_good_files_still_ok(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,name,target_role,prompting\nE1,Ann,ai-content-strategist,3\nE2,Bob,nope,eleven\nE3,Cy,ld-coach,9\n",
        encoding="utf-8",
    )
    result = validate(runner, roster, ANA)
    assert result.exit_code == 1 and result.stdout.splitlines() == [f"{ANA}: ok"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("upskill: error: ")]
    assert [e.split(": ")[2] for e in errors] == [f"{roster}:3:3", f"{roster}:3:4", f"{roster}:4:4"]
    assert all("employee E" in e for e in errors)


def test_an_xlsx_roster_is_read_with_the_roster_options(runner, tmp_path):
    path = tmp_path / "export.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Personnel no.", "Target role", "Division", "Prompting"])
    book.active.append(["P1", "ld-coach", "Sales", 2])
    book.save(path)
    stopped = validate(runner, path)
    assert stopped.exit_code == 1 and f"upskill: error: {path}:1:3: column 'Division'" in stopped.stderr
    result = validate(runner, path, "--column", "Division=attribute")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"


def test_json_lines_and_a_header_only_roster(runner, tmp_path):
    lines = tmp_path / "people.jsonl"
    lines.write_text('{"employee": {"id": "E1", "name": "A", "target_role": "ld-coach"}}\n[1]\n', encoding="utf-8")
    result = validate(runner, lines)
    assert result.exit_code == 1 and f"upskill: error: {lines}:2:" in result.stderr
    header = tmp_path / "r.csv"
    header.write_text("id,name,target_role\n", encoding="utf-8")
    empty = validate(runner, header)
    assert empty.exit_code == 0 and f"upskill: warning: {header}: holds no employee" in empty.stderr
    assert validate(runner, header, "--strict").exit_code == 1


def test_a_file_of_another_name_is_told_the_roster_extensions(runner, tmp_path):
    text = tmp_path / "people.txt"
    text.write_text("id,name,target_role\nE1,Ann,ai-content-strategist\n", encoding="utf-8")
    result = validate(runner, text)
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 2  # the error and the summary
    assert ".csv" in result.stderr and ".xlsx" in result.stderr


def test_an_id_used_twice_is_an_error_at_its_second_row(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("id,name,target_role\nE1,Ann,ld-coach\ne1,Bob,ld-coach\nE2,Cy,ld-coach\n", encoding="utf-8")
    result = validate(runner, roster)
    assert result.exit_code == 1  # batch would plan neither
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("upskill: error: ")]
    assert error.startswith(f"upskill: error: {roster}:3: ") and f"{roster}:2" in error
