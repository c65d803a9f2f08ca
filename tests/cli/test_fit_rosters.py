"""`upskill fit ROSTER` reads the HR exports `upskill batch` reads (roster options, the settings file's column
mapping, .xlsx), writes nothing when nobody could be ranked, and leaves out roles that require nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import EXAMPLES, START, check
from upskill.cli import cli

ANA = str(EXAMPLES / "ana-ruiz.yaml")
# An export as HR systems write it: a column no synonym names, a typo'd skill, dates day first
HR_EXPORT = [
    ["Personnel no.", "Full name", "Target role", "Personnel area", "Prompting", "Comunication", "Due date"],
    ["P1", "Ana Ruiz", "ai-content-strategist", "Sales", 2, 3, "30/06/2027"],
    ["P2", "Bo Chen", "ld-coach", "HR", 1, 4, "15/01/2028"],
]
HR_FLAGS = ("--column", "Personnel area=attribute", "--column", "Comunication=communication")
HR_FLAGS += ("--date-format", "%d/%m/%Y")
EMPTY_ROLES = """\
roles:
  - id: empty-role
    name: Empty role
    requires: {}
  - id: bare-role
    name: Bare role
    requires: {}
"""


def fit(runner, *args):
    return check(runner.invoke(cli, ["--no-config", "fit", *map(str, args), "--start", START]))


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def people(text: str) -> list[str]:
    return list(dict.fromkeys(row["employee_id"] for row in csv.DictReader(io.StringIO(text))))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_fit_reads_the_hr_export_with_batchs_roster_options(runner, tmp_path, suffix):
    path = tmp_path / f"export{suffix}"
    if suffix == ".xlsx":
        workbook(path, HR_EXPORT)
    else:
        path.write_text("\n".join(",".join(map(str, row)) for row in HR_EXPORT) + "\n", encoding="utf-8")
    result = fit(runner, path, *HR_FLAGS, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert people(result.stdout) == ["P1", "P2"]
    batch = check(runner.invoke(cli, ["--no-config", "batch", str(path), "--out", str(tmp_path / "plans"), *HR_FLAGS]))
    assert batch.exit_code == 0, batch.stderr  # the same flags read the same export


def test_fit_reads_the_settings_files_column_mapping(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "export.xlsx", HR_EXPORT)
    (tmp_path / "upskill.toml").write_text(
        'date_format = "%d/%m/%Y"\n[columns]\n"Personnel area" = "attribute"\nComunication = "communication"\n',
        encoding="utf-8",
    )
    result = check(runner.invoke(cli, ["fit", "export.xlsx", "--start", START, "-o", "closest.csv"]))
    assert result.exit_code == 0, result.stderr
    assert people((tmp_path / "closest.csv").read_text(encoding="utf-8")) == ["P1", "P2"]


def test_an_export_batch_would_stop_on_writes_nothing_and_says_each_column(runner, tmp_path):
    path = workbook(tmp_path / "export.xlsx", HR_EXPORT)
    out = tmp_path / "closest.csv"
    result = fit(runner, path, "-o", out)
    assert result.exit_code == 1 and not out.exists() and "wrote" not in result.stderr
    prefix = f"upskill: error: {path}:"
    located = [line.removeprefix(prefix).split(":")[:2] for line in result.stderr.splitlines() if prefix in line]
    assert located == [["1", "4"], ["1", "6"], ["2", "7"]]  # the two columns, then the day-first dates


def test_a_header_only_roster_writes_nothing_and_keeps_the_old_file(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("id,name,target_role,prompting\n", encoding="utf-8")
    out = tmp_path / "fit.csv"
    out.write_text("last week's\n", encoding="utf-8")
    result = fit(runner, roster, "-o", out)
    assert result.exit_code == 1 and "wrote" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"upskill: {roster} holds no employee; nothing written"]
    assert out.read_text(encoding="utf-8") == "last week's\n"


def test_a_roster_of_failed_rows_only_writes_nothing(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("id,name,target_role,prompting\nE1,Ann,x,eleven\n", encoding="utf-8")
    result = fit(runner, roster, "-o", tmp_path / "fit.csv")
    assert result.exit_code == 1 and not (tmp_path / "fit.csv").exists() and "wrote" not in result.stderr
    assert f"{roster}:2:4: employee E1: prompting:" in result.stderr  # the row's employee, not "(no id)"


def test_an_xlsx_is_a_roster_and_other_names_are_told_the_roster_extensions(runner, tmp_path):
    damaged = tmp_path / "x.xlsx"
    damaged.write_text("not a zip", encoding="utf-8")
    result = fit(runner, damaged)
    assert result.exit_code == 1 and "YAML" not in result.stderr and f"upskill: error: {damaged}:" in result.stderr
    text = tmp_path / "people.txt"
    text.write_text("id,name,target_role\nE1,Ann,ai-content-strategist\n", encoding="utf-8")
    result = fit(runner, text)
    assert result.exit_code == 1 and ".csv" in result.stderr and ".xlsx" in result.stderr


def test_roles_that_require_nothing_are_left_out_with_one_warning(runner, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(EMPTY_ROLES, encoding="utf-8")
    result = fit(runner, ANA, "--catalog", "default", "--catalog", extra, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["roles_ranked"] == 7 and not {"empty-role", "bare-role"} & {r["role"] for r in data["roles"]}
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("upskill: warning: ") and "'Empty role'" in warning and "'Bare role'" in warning
    assert f"{extra}:2" in warning  # where each is defined
    roster = fit(runner, EXAMPLES / "roster.csv", "--catalog", "default", "--catalog", extra, "--format", "csv")
    assert roster.exit_code == 0 and "empty-role" not in roster.stdout and roster.stderr.count("warning") == 1
    strict = fit(runner, ANA, "--catalog", "default", "--catalog", extra, "--strict", "-o", tmp_path / "f.json")
    assert strict.exit_code == 1 and not (tmp_path / "f.json").exists()


def test_a_catalog_whose_roles_all_require_nothing_is_one_error(runner, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(EMPTY_ROLES, encoding="utf-8")
    result = fit(runner, ANA, "--catalog", extra, "--format", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "no role that requires any skill" in result.stderr


def test_every_command_that_reads_rosters_has_the_same_roster_options():
    """One group (`options.roster_options`): a roster option added later reaches them all."""
    roster = {"encoding", "columns", "ignore_unknown_columns", "sheet", "date_format"}
    for name in ("batch", "team", "fit", "validate"):
        command = cli.commands[name]
        assert roster <= {p.name for p in command.params}, name
