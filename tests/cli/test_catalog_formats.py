"""`upskill catalog list|roles --format json|csv`: the listings for other programs, from the same catalog."""

from __future__ import annotations

import csv
import io
import json

from upskill.cli import cli


def test_list_json_has_every_skill_the_table_lists(runner):
    table = runner.invoke(cli, ["catalog", "list"]).stdout
    result = runner.invoke(cli, ["catalog", "list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "upskill.catalog-list/1"
    ids = [s["id"] for s in data["skills"]]
    assert ids and all(line.split()[0] in ids for line in table.splitlines()[1 : len(ids) + 1])
    prompting = next(s for s in data["skills"] if s["id"] == "prompt-engineering")
    assert prompting["name"] == "Prompt engineering" and 0 < prompting["demand"] <= 1


def test_list_csv_one_row_per_skill_and_category_filter(runner):
    result = runner.invoke(cli, ["catalog", "list", "--format", "csv", "--category", "soft-skill"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["category"] for r in rows} == {"soft-skill"}
    assert list(rows[0]) == ["id", "name", "category", "demand", "trend", "source"]


def test_an_unknown_category_is_named_with_the_categories(runner):
    result = runner.invoke(cli, ["catalog", "list", "--format", "json", "--category", "soft-skil"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean 'soft-skill'" in result.stderr and "Traceback" not in result.stderr


def test_roles_json_and_csv_say_the_same_requirements(runner):
    data = json.loads(runner.invoke(cli, ["catalog", "roles", "--format", "json"]).stdout)
    assert data["schema"] == "upskill.catalog-roles/1"
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["catalog", "roles", "--format", "csv"]).stdout)))
    from_json = [(r["id"], q["skill"], str(q["level"])) for r in data["roles"] for q in r["requires"]]
    assert from_json == [(r["role"], r["skill"], r["level"]) for r in rows]
    strategist = next(r for r in data["roles"] if r["id"] == "ai-content-strategist")
    assert {"skill": "content-creation", "level": 4, "level_name": "advanced", "weight": 2} in strategist["requires"]


def test_csv_cells_never_run_as_formulas(runner, tmp_path, write):
    overlay = write(
        tmp_path,
        "evil.yaml",
        'skills:\n  - id: evil\n    name: "=HYPERLINK(\\"http://x\\")"\n    category: "+cmd"\n'
        'roles:\n  - id: evil-role\n    name: "@SUM(A1)"\n    requires:\n      evil: 2\n',
    )
    listed = runner.invoke(
        cli, ["catalog", "list", "--catalog", "default", "--catalog", str(overlay), "--format", "csv"]
    )
    roles = runner.invoke(
        cli, ["catalog", "roles", "--catalog", "default", "--catalog", str(overlay), "--format", "csv"]
    )
    assert listed.exit_code == 0 and roles.exit_code == 0, listed.stderr + roles.stderr
    cells = [c for r in csv.reader(io.StringIO(listed.stdout + roles.stdout)) for c in r]
    assert "evil" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@") and c != "-"]


def test_markdown_listings_are_tables(runner):
    skills = runner.invoke(cli, ["catalog", "list", "--format", "markdown"])
    roles = runner.invoke(cli, ["catalog", "roles", "--format", "markdown"])
    assert skills.exit_code == 0 and roles.exit_code == 0, skills.stderr + roles.stderr
    assert skills.stdout.startswith("| ID | Name | Category | Demand | Trend |\n|---|")
    assert "| prompt-engineering | Prompt engineering |" in skills.stdout
    assert "## AI content strategist (ai-content-strategist)" in roles.stdout
    assert "| content-creation | 4 advanced | 2 |" in roles.stdout


def test_a_settings_file_format_every_command_takes_still_applies_to_all(runner, tmp_path, monkeypatch):
    """`format = "markdown"` at the top of upskill.toml sets plan's, team's, fit's and the listings' format."""
    (tmp_path / "upskill.toml").write_text('format = "markdown"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = runner.invoke(cli, ["catalog", "list"])
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.startswith("| ID | Name |")
