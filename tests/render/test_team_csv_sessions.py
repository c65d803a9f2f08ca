"""`upskill team --format csv --csv-table sessions|mentoring` (issue 26): the roster's group sessions and
mentor pairs as a spreadsheet opens them, the same rows as the team JSON, numbers in the dialect's decimal
mark, names escaped as every other CSV table; with --no-sessions the header alone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.helpers import START
from upskill.cli import cli

HEADER = "id,name,role,target_role,hours_per_week,deadline,Prompting,Communication,Content creation,Critical thinking\n"


def roster(tmp_path: Path) -> Path:
    """Eight learners with the same plan (one shares a name that would run as a formula) and two experts."""
    rows = [f"E{n:03d},Quentin {n},analyst,ai-content-strategist,4,2027-12-31,1,2,1,2\n" for n in range(7)]
    rows += ["E007,=HYPERLINK(1),analyst,ai-content-strategist,4,2027-12-31,1,2,1,2\n"]
    rows += [f"X{n},Zelda {n},lead,ai-content-strategist,4,2027-12-31,5,5,5,5\n" for n in range(2)]
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def team(runner, path: Path, *args: str) -> str:
    base = ["--no-config", "team", str(path), "--start", START, "--jobs", "1", "--min-group", "1"]
    result = runner.invoke(cli, [*base, *args])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def table(runner, path: Path, name: str, dialect: str, *args: str) -> list[dict[str, str]]:
    text = team(runner, path, "--format", "csv", "--csv-table", name, "--csv-dialect", dialect, *args)
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if dialect == "excel-eu" else ","))


def test_sessions_table_lists_the_team_json_sessions_in_both_dialects(runner, tmp_path):
    path = roster(tmp_path)
    listed = json.loads(team(runner, path, "--format", "json"))["sessions"]
    assert listed, "eight people with the same plan share their courses"
    for dialect, mark in (("excel", "."), ("excel-eu", ",")):
        rows = table(runner, path, "sessions", dialect)
        assert [r["session"] for r in rows] == [s["id"] for s in listed]
        for row, s in zip(rows, listed, strict=True):
            assert (row["skill"], row["activity"], row["start"], row["end"]) == (
                s["skill"],
                s["activity"],
                s["start"],
                s["end"],
            )
            assert int(row["size"]) == s["size"]
            assert float(row["hours"].replace(mark, ".")) == s["hours"]
            other = "," if mark == "." else "."
            assert other not in row["hours"]
            assert row["members"].split() == s["members"]


def test_mentoring_table_lists_the_pairs(runner, tmp_path):
    path = roster(tmp_path)
    pairs = json.loads(team(runner, path, "--format", "json"))["mentoring"]
    assert pairs
    rows = table(runner, path, "mentoring", "excel-eu")
    assert [(r["mentor"], r["learner"], r["skill"], r["start"], r["end"]) for r in rows] == [
        (m["mentor"], m["learner"], m["skill"], m["start"], m["end"]) for m in pairs
    ]
    assert {r["mentor"] for r in rows} <= {"X0", "X1"}


def test_no_cell_runs_as_a_formula(runner, tmp_path):
    for name in ("sessions", "mentoring"):
        for row in table(runner, roster(tmp_path), name, "excel"):
            assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values() if v), row


def test_no_sessions_gives_the_header_alone(runner, tmp_path):
    for name, first in (("sessions", "session"), ("mentoring", "mentor")):
        rows = table(runner, roster(tmp_path), name, "excel", "--no-sessions")
        assert rows == []
        text = team(runner, roster(tmp_path), "--format", "csv", "--csv-table", name, "--no-sessions")
        assert text.splitlines()[0].split(",")[0] == first
