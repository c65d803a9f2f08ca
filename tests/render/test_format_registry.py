"""One registry of plan formats (`upskill.render.PLAN_FORMATS`): a format registered there, as CONTRIBUTING's
"Adding an output format" says, is offered by `plan --format`, picked by `-o`'s extension, written by
`batch --format`, and rendered by the API, with nothing else to edit."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from tests.helpers import EXAMPLES
from upskill import build_plan, read_profile, render_plan
from upskill.cli import cli
from upskill.render import PLAN_FORMATS, PlanFormat, batch_formats, plan_suffixes

ANA = str(EXAMPLES / "ana-ruiz.yaml")
START = "2026-11-23"


@pytest.fixture
def jsonish(monkeypatch):
    """A new format, `jsonish`: the JSON renderer under another name, files ending in .jsn, offered to batch."""
    monkeypatch.setitem(
        PLAN_FORMATS, "jsonish", PlanFormat("upskill.render.json", "render_json", (".jsn",), batch=True)
    )
    return "jsonish"


def test_the_registry_is_what_the_commands_offer(runner):
    assert list(PLAN_FORMATS) == ["table", "markdown", "json", "html", "ics"]
    assert batch_formats() == ("markdown", "json", "html", "ics")
    assert plan_suffixes()[".htm"] == "html"
    assert "[table|markdown|json|html|ics]" in runner.invoke(cli, ["plan", "--help"]).stdout


def test_a_registered_format_is_a_choice_of_plan_and_batch(runner, jsonish):
    assert "|ics|jsonish]" in runner.invoke(cli, ["plan", "--help"]).stdout
    assert "jsonish" in runner.invoke(cli, ["batch", "--help"]).stdout
    result = runner.invoke(cli, ["plan", ANA, "--start", START, "--format", "jsonish"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["employee"]["id"] == "E1042"


def test_a_registered_format_is_picked_by_its_extension(runner, jsonish, tmp_path):
    out = tmp_path / "ana.jsn"
    result = runner.invoke(cli, ["plan", ANA, "--start", START, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["start"] == START
    refused = runner.invoke(cli, ["plan", ANA, "-o", str(tmp_path / "ana.pdf")])
    assert refused.exit_code == 2 and ".jsn" in refused.stderr  # the message lists it among the extensions


def test_batch_writes_a_registered_format(runner, jsonish, tmp_path):
    out = tmp_path / "plans"
    args = ["batch", str(EXAMPLES / "roster.csv"), "--out", str(out), "--format", jsonish, "--jobs", "1"]
    result = runner.invoke(cli, [*args, "--start", START])
    assert result.exit_code == 0, result.stderr
    plans = sorted(name for name in os.listdir(out) if name.endswith(".jsn"))
    assert "E1042.jsn" in plans and len(plans) == 17
    assert "E1042.jsn" in (out / "index.md").read_text(encoding="utf-8")  # the index links the plans


def test_the_api_renders_a_registered_format(jsonish, catalog):
    plan = build_plan(read_profile(ANA, catalog), catalog, start=date(2026, 11, 23))
    assert render_plan(plan, catalog, jsonish) == render_plan(plan, catalog, "json")
