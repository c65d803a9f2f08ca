"""O*NET's Hot Technology and In Demand flags in plans and `fit`, and a profile's `technologies:` list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ROOT, check
from tests.taxonomy.helpers import ONET, run_import
from upskill.cli import cli

ROLE = "general-and-operations-managers"


@pytest.fixture
def catalog(runner, tmp_path) -> Path:
    out = tmp_path / "onet.yaml"
    assert run_import(runner, "onet", str(ONET), "--occupation", "11-1021", "-o", str(out)).exit_code == 0
    return out


def _profile(tmp_path: Path, technologies: str) -> Path:
    text = (ROOT / "examples" / "ana-ruiz.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ana.yaml"
    path.write_text(f"{text}\ntechnologies: {technologies}\n", encoding="utf-8")
    return path


def _run(runner, *args: str):
    return check(runner.invoke(cli, list(args)))


def test_a_plan_lists_the_roles_hot_technologies_and_marks_those_in_use(runner, tmp_path, catalog):
    profile = _profile(tmp_path, "[microsoft excel, Adobe-Acrobat]")
    result = _run(
        runner,
        "plan",
        str(profile),
        "--catalog",
        "default",
        "--catalog",
        str(catalog),
        "--role",
        ROLE,
        "--format",
        "markdown",
    )
    assert result.exit_code == 0, result.stderr
    why = result.stdout.split("## Why these skills", 1)[1]
    assert "- **Microsoft Excel**: in demand, hot; you already use it" in why
    assert "- **Adobe Acrobat**: hot; you already use it" in why
    assert "- **Microsoft PowerPoint**: in demand, hot\n" in why
    assert "- and 37 more" in why  # 49 flagged, 12 shown


def test_the_html_plan_lists_them_too(runner, tmp_path, catalog):
    profile = _profile(tmp_path, "[Microsoft Excel]")
    out = tmp_path / "plan.html"
    result = _run(
        runner, "plan", str(profile), "--catalog", "default", "--catalog", str(catalog), "--role", ROLE, "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert "<li><strong>Microsoft Excel</strong>: in demand, hot; you already use it</li>" in out.read_text()


def test_a_plan_for_a_role_without_technologies_has_no_such_list(runner, tmp_path):
    profile = _profile(tmp_path, "[Microsoft Excel]")
    result = _run(runner, "plan", str(profile), "--format", "markdown")
    assert result.exit_code == 0 and "you already use it" not in result.stdout and "job postings" not in result.stdout


def test_fit_counts_the_technologies_in_use(runner, tmp_path, catalog):
    profile = _profile(tmp_path, "[Microsoft Excel, Cobol]")
    base = ["fit", str(profile), "--catalog", "default", "--catalog", str(catalog), "--top", "20"]
    result = _run(runner, *base, "--format", "json")
    assert result.exit_code == 0, result.stderr
    roles = {r["role"]: r for r in json.loads(result.stdout)["roles"]}
    assert roles[ROLE]["technologies"] == {"in_demand_or_hot": 49, "used": ["Microsoft Excel"]}
    assert "technologies" not in roles["ai-content-strategist"]  # a bundled role lists none
    result = _run(runner, *base, "--format", "markdown")
    assert "uses 1 of its 49 in-demand or hot technologies: Microsoft Excel" in result.stdout
    result = _run(runner, *base, "--format", "table")
    assert "uses 1 of its 49 in-demand or hot technologies: Microsoft Excel" in result.stdout


@pytest.mark.parametrize(
    ("value", "expected"),
    [("[Python, 3]", "a technology is a name (text), found"), ("Python", "expected a list")],
)
def test_a_technologies_entry_that_is_not_a_list_of_names_is_a_located_error(runner, tmp_path, value, expected):
    profile = _profile(tmp_path, value)
    result = _run(runner, "validate", str(profile))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("upskill: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"upskill: error: {profile}:")
    assert expected in errors[0] and "technologies" in errors[0]


def test_a_profile_with_technologies_validates(runner, tmp_path):
    result = _run(runner, "validate", str(_profile(tmp_path, "[Python, python, Microsoft Excel]")))
    assert result.exit_code == 0, result.stderr


def test_the_json_plan_lists_them_on_the_role(runner, tmp_path, catalog):
    profile = _profile(tmp_path, "[Microsoft Excel]")
    args = ["plan", str(profile), "--catalog", "default", "--catalog", str(catalog), "--role", ROLE, "--format", "json"]
    result = _run(runner, *args)
    assert result.exit_code == 0, result.stderr
    technologies = json.loads(result.stdout)["role"]["technologies"]
    assert len(technologies) == 49
    assert technologies[0] == {"name": "Microsoft Excel", "in_demand": True, "hot": True, "used": True}
    assert sum(t["used"] for t in technologies) == 1
