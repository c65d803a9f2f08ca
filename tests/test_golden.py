"""Golden files: the Markdown and JSON plans of every bundled example, and the other outputs, byte for byte.

When an output change is intended, regenerate with `make golden` and review the diff.
"""

from __future__ import annotations

import json

import pytest

from tests.golden_cases import CASES, OUTPUTS, render_case, render_output


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("fmt,suffix", [("markdown", ".md"), ("json", ".json")])
def test_plan_matches_golden(case, fmt, suffix):
    expected = case.golden(suffix).read_text(encoding="utf-8")
    assert render_case(case, fmt) == expected, f"run `make golden` if this change is intended ({case.name}{suffix})"


@pytest.mark.slow
@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: o.name)
def test_output_matches_golden(output):
    """The terminal tables at 100 columns, the HTML plan, index.md and the team CSV tables, byte for byte."""
    expected = output.golden.read_bytes().decode("utf-8")  # bytes: the calendar's CRLF line ends count
    assert render_output(output) == expected, f"run `make golden` if this change is intended ({output.name})"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_golden_json_has_documented_keys(case):
    plan = json.loads(case.golden(".json").read_text(encoding="utf-8"))
    assert plan["employee"]["id"]
    assert {"skill", "current", "target", "gap", "priority"} <= set(plan["gaps"][0])
    assert {"skill", "hours", "start", "end", "activities"} <= set(plan["steps"][0])
    assert {"total_hours", "completion"} <= set(plan["summary"])


def test_every_example_role_is_different():
    """The bundled examples cover several catalog roles, not one role five times."""
    roles = {json.loads(c.golden(".json").read_text(encoding="utf-8"))["role"]["id"] for c in CASES}
    assert len(roles) >= 5


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_terminal_table_fits_80_columns_without_cropping(case, monkeypatch):
    """A manager's terminal is often 80 columns: every word of the plan must still be there, whole."""
    monkeypatch.setenv("COLUMNS", "80")
    table = render_case(case, "table")
    plan = json.loads(render_case(case, "json"))
    assert "…" not in table
    assert max(len(line) for line in table.splitlines()) <= 80
    words = set(table.split())
    for step in plan["steps"]:
        for activity in step["activities"]:
            # a cropped cell leaves a word cut short ("Claud" for "Claude"): every word must be there whole
            missing = [w for w in activity["title"].split() if w not in words]
            assert not missing, (activity["title"], missing)
    for gap in plan["gaps"]:
        assert all(w in words for w in gap["name"].split()), gap["name"]
