"""Team CSV cells a spreadsheet reads back as the same value, in either dialect.

`excel-eu` is for spreadsheets in decimal-comma locales: there `16.25` opens as text (or a date)
and a heatmap cell `1/3` opens as a date in most locales. So numbers carry the dialect's decimal
mark, and the heatmap writes current and target as two number columns. Where LibreOffice is
installed, the slow test converts the files with it and reads the cell types back.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.golden_cases import ROSTER
from tests.helpers import START
from upskill.cli import cli
from upskill.render.team import csv_cell

NUMBER_COLUMNS = {
    "skills": ("level_needed", "people_needing", "people_with_gap", "mean_gap", "hours_to_close", "not_assessed"),
    "gaps": ("current", "target", "gap", "hours", "hours_after_deadline"),
}


def _table(runner, table: str, dialect: str, out: Path | None = None) -> list[dict[str, str]]:
    args = ["team", ROSTER, "--start", START, "--jobs", "1", "--format", "csv", "--csv-table", table]
    result = runner.invoke(cli, [*args, "--csv-dialect", dialect, *(["-o", str(out)] if out else [])])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8-sig") if out else result.stdout.lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if dialect == "excel-eu" else ","))


def _read_number(cell: str, decimal: str) -> float:
    """A cell as a spreadsheet in a locale with `decimal` reads it: a number or a ValueError."""
    other = "," if decimal == "." else "."
    if other in cell or "/" in cell:
        raise ValueError(f"{cell!r} is not a number where the decimal mark is {decimal!r}")
    return float(cell.replace(decimal, "."))


@pytest.mark.parametrize(
    "value,decimal,cell",
    [(16.25, ",", "16,25"), (16.25, ".", "16.25"), (12.0, ",", "12"), (1234567.5, ".", "1234567.5"), (3, ",", "3")],
)
def test_numbers_are_plain_with_the_dialects_decimal_mark(value, decimal, cell):
    assert csv_cell(value, decimal) == cell


@pytest.mark.parametrize("table", ["skills", "gaps"])
def test_excel_eu_numbers_read_back_as_the_excel_ones(runner, table):
    eu = _table(runner, table, "excel-eu")
    en = _table(runner, table, "excel")
    assert len(eu) == len(en) > 0
    decimals = 0
    for row_eu, row_en in zip(eu, en, strict=True):
        for column in NUMBER_COLUMNS[table]:
            if row_en[column]:
                assert _read_number(row_eu[column], ",") == _read_number(row_en[column], "."), (column, row_eu)
                decimals += "," in row_eu[column]
    assert decimals > 0  # the roster's figures do have fractions: 16.25 is written 16,25


def test_heatmap_writes_current_and_target_as_two_number_columns(runner):
    rows = _table(runner, "heatmap", "excel-eu")
    header = list(rows[0])
    assert header[3:5] == ["ai-modelling (current)", "ai-modelling (target)"]
    cells = [row[c] for row in rows for c in header[3:]]
    assert not [c for c in cells if not re.fullmatch(r"\d*", c)]  # no `1/3`, no `?`: numbers or empty
    kwame = next(r for r in rows if r["employee_id"] == "E2117")
    assert (kwame["ai-workflow-integration (current)"], kwame["ai-workflow-integration (target)"]) == ("1", "3")
    rahul = next(r for r in rows if r["employee_id"] == "E2166")  # never assessed in oversight: empty current
    assert (rahul["ai-output-oversight (current)"], rahul["ai-output-oversight (target)"]) == ("", "3")


# --- the real thing: LibreOffice in a decimal-comma locale -----------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _cell_types(fods: Path) -> list[list[str | None]]:
    rows = []
    for row in ET.parse(fods).getroot().iter(f"{_TABLE}table-row"):
        cells: list[str | None] = []
        for cell in row.findall(f"{_TABLE}table-cell"):
            repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
            cells += [cell.get(f"{_OFFICE}value-type")] * min(repeat, 1000)
        rows.append(cells)
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("table", ["skills", "gaps", "heatmap"])
def test_libreoffice_in_german_reads_excel_eu_numbers_as_numbers(runner, tmp_path, table):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    csv_file = tmp_path / f"{table}.csv"
    rows = _table(runner, table, "excel-eu", out=csv_file)
    # 59 ';', 34 '"', 76 UTF-8, from line 1, locale 1031 (de-DE: decimal comma, dates D.M.Y)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    in_filter = "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1031"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "fods", in_filter, "--outdir", str(tmp_path), str(csv_file)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    types = _cell_types(tmp_path / f"{table}.fods")
    header = list(rows[0])
    numeric = NUMBER_COLUMNS.get(table) or tuple(header[3:])
    for row, found in zip(rows, types[1:], strict=False):
        for i, column in enumerate(header):
            if column in numeric and row[column]:
                assert found[i] == "float", (column, row[column], found[i])
