"""The progress bar's total is the number of employees it will count: 3,000 rows show 3,000, not 3,001."""

from __future__ import annotations

import pytest

from tests.golden_cases import ROSTER
from upskill.load.rosters.inputs import count_employees


def _roster(rows: int, newline: str = "\n", last: bool = True, prefix: str = "") -> str:
    lines = ["id,name,target_role"] + [f"E{i},Person {i},ld-coach" for i in range(rows)]
    return prefix + newline.join(lines) + (newline if last else "")


@pytest.mark.parametrize(
    "text",
    [
        _roster(3000),
        _roster(3000, newline="\r\n"),
        _roster(3000, last=False),
        _roster(3000, prefix="\ufeff"),
        _roster(3000, prefix="sep=,\n"),
        _roster(3000, prefix="\ufeffsep=,\r\n", newline="\r\n"),
    ],
    ids=["lf", "crlf", "no-final-newline", "bom", "sep-line", "bom-sep-crlf"],
)
def test_a_3000_row_roster_counts_3000(tmp_path, text):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert count_employees([str(path)]) == 3000


def test_json_lines_have_no_header(tmp_path):
    path = tmp_path / "people.jsonl"
    path.write_text('{"id": "E1"}\n{"id": "E2"}\n{"id": "E3"}', encoding="utf-8")
    assert count_employees([str(path)]) == 3


def test_the_example_roster_counts_the_employees_a_run_reads(runner):
    from upskill.cli import cli

    result = runner.invoke(cli, ["team", ROSTER, "--format", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert "17 employees in the team report" in result.stderr
    assert count_employees([ROSTER]) == 17


def test_a_header_only_roster_counts_nobody(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("id,name,target_role\n", encoding="utf-8")
    assert count_employees([str(path)]) == 0
