"""`upskill schema NAME`: the JSON Schemas, checked with a real validator (the `jsonschema` library).

Every example profile, the bundled catalog and the example settings validate; invalid files are
rejected by the schema and by upskill alike; every JSON document a command writes validates
against its schema.
"""

from __future__ import annotations

import csv
import datetime
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from tests.helpers import CATALOG_DIR, EXAMPLES, ROOT, START
from upskill.cli import cli
from upskill.cli.schema import NAMES, schema_path, settings_text


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        json.loads(schema_path(name).read_text(encoding="utf-8")), format_checker=FormatChecker()
    )


def plain(value: Any) -> Any:
    """A parsed YAML or TOML document as an editor's schema checker sees it: dates are their ISO text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def errors(name: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(plain(data))]


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_draft_2020_12_schema_and_the_command_prints_the_shipped_file(runner, name):
    shipped = schema_path(name).read_text(encoding="utf-8")
    data = json.loads(shipped)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(data)
    result = runner.invoke(cli, ["schema", name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == shipped


def test_an_unknown_schema_name_is_a_usage_error(runner):
    result = runner.invoke(cli, ["schema", "profiles"])
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_the_settings_schema_is_the_commands_options():
    shipped = schema_path("settings").read_text(encoding="utf-8")
    assert shipped == settings_text(cli), "an option changed: run `make golden` (it rewrites the settings schema)"


# --- the files upskill reads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_profile_validates(profile):
    assert errors("profile", yaml.safe_load(profile.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("part", sorted(CATALOG_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_the_bundled_catalog_validates(part):
    assert errors("catalog", yaml.safe_load(part.read_text(encoding="utf-8"))) == []


def test_the_example_settings_and_the_projects_own_validate():
    assert errors("settings", tomllib.loads((EXAMPLES / "upskill.toml").read_text(encoding="utf-8"))) == []
    every = {"hours-per-week": 5, "closed": ["2026-12-21..2027-01-01"], "plan": {"format": "json", "top": 3}}
    assert errors("settings", {**every, "team": {"min_group": 5}, "catalogs": ["default"]}) == []


PROGRESS = "employee: {id: E1, target_role: ai-content-strategist}\nprogress:\n"
RESOURCE = "skills:\n  - id: a\n    name: A\n    resources:\n      - "

# Each invalid file: (schema, file name, text). `upskill validate` (or, for settings, reading the file) must
# reject it too: the schema never passes what upskill refuses here.
INVALID = [
    ("profile", "no-employee.yaml", "skills:\n  prompt-engineering: 2\n"),
    ("profile", "unknown-key.yaml", "employee: {id: E1, target_role: ai-content-strategist}\nskils: {}\n"),
    ("profile", "employee-key.yaml", "employee: {id: E1, target_role: ai-content-strategist, hours: 4}\n"),
    ("profile", "hours-zero.yaml", "employee: {id: E1, target_role: ai-content-strategist, hours_per_week: 0}\n"),
    ("profile", "hours-text.yaml", "employee: {id: E1, target_role: ai-content-strategist, hours_per_week: lots}\n"),
    ("profile", "bad-date.yaml", "employee: {id: E1, target_role: ai-content-strategist, deadline: 30/06/2027}\n"),
    (
        "profile",
        "level-list.yaml",
        "employee: {id: E1, target_role: ai-content-strategist}\nskills:\n  prompting: [2]\n",
    ),
    (
        "profile",
        "level-and-ratings.yaml",
        "employee: {id: E1, target_role: ai-content-strategist}\nskills:\n"
        "  prompting: {level: 2, ratings: [{level: 2}]}\n",
    ),
    (
        "profile",
        "rating-key.yaml",
        "employee: {id: E1, target_role: ai-content-strategist}\nskills:\n  prompting: {level: 2, when: 2026-01-01}\n",
    ),
    ("profile", "technologies.yaml", "employee: {id: E1, target_role: ai-content-strategist}\ntechnologies: Python\n"),
    (
        "profile",
        "progress-key.yaml",
        PROGRESS + "  - {skill: prompt-engineering, level: 3, date: 2026-11-20, proof: x}\n",
    ),
    (
        "profile",
        "progress-no-date.yaml",
        PROGRESS + "  - {skill: prompt-engineering, level: 3}\n",
    ),
    (
        "profile",
        "progress-mapping.yaml",
        PROGRESS + "  prompt-engineering: 3\n",
    ),
    (
        "profile",
        "progress-date.yaml",
        PROGRESS + "  - {skill: prompt-engineering, level: 3, date: 20/11/2026}\n",
    ),
    ("catalog", "top-key.yaml", "skill:\n  - {id: a, name: A}\n"),
    (
        "catalog",
        "resource-no-hours.yaml",
        RESOURCE + "{title: T, kind: formal, to: 2}\n",
    ),
    (
        "catalog",
        "resource-no-to.yaml",
        RESOURCE + "{title: T, kind: formal, hours: 3}\n",
    ),
    (
        "catalog",
        "evidence-formal.yaml",
        RESOURCE + "{title: T, kind: formal, hours: 3, to: 2, evidence: a quiz}\n",
    ),
    (
        "catalog",
        "needs-text.yaml",
        RESOURCE + "{title: T, kind: experience, hours: 3, to: 2, needs: U}\n",
    ),
    ("catalog", "release-list.yaml", "skills:\n  - {id: a, name: A, refs: {onet: x}, release: [29]}\n"),
    ("catalog", "overlay-no-skill.yaml", "resources:\n  - {title: T, kind: formal, hours: 3, to: 2}\n"),
    (
        "catalog",
        "overlay-key.yaml",
        "resources:\n  - {skill: python, title: T, kind: formal, hours: 3, to: 2, match: x}\n",
    ),
    ("catalog", "skill-no-name.yaml", "skills:\n  - {id: a}\n"),
    ("catalog", "skill-key.yaml", "skills:\n  - {id: a, name: A, demand_score: 0.5}\n"),
    ("catalog", "demand.yaml", "skills:\n  - {id: a, name: A, demand: {score: 2}}\n"),
    ("catalog", "trend.yaml", "skills:\n  - {id: a, name: A, demand: {score: 0.5, trend: up}}\n"),
    (
        "catalog",
        "resource-kind.yaml",
        RESOURCE + "{title: T, kind: course, hours: 3}\n",
    ),
    ("catalog", "role-no-requires.yaml", "roles:\n  - {id: r, name: R}\n"),
    ("catalog", "weights.yaml", "priority_weights: {gap: -1}\n"),
    ("catalog", "planning.yaml", "planning: {parallel: 0}\n"),
    ("catalog", "planning-key.yaml", "planning: {paralel: 2}\n"),
    ("catalog", "scale.yaml", "scale: [only]\n"),
    ("settings", "unknown.toml", "hours_per_weak = 4\n"),
    ("settings", "type.toml", 'hours_per_week = "four"\n'),
    ("settings", "table.toml", "[plan]\nroster = 3\n"),
    ("settings", "choice.toml", '[plan]\nformat = "pdf"\n'),
    ("settings", "writes.toml", 'out = "elsewhere"\n'),
]


@pytest.mark.parametrize(("kind", "name", "text"), INVALID, ids=[f"{k}-{n}" for k, n, _ in INVALID])
def test_schema_and_upskill_both_reject_an_invalid_file(runner, tmp_path, kind, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if kind == "settings":
        assert errors(kind, tomllib.loads(text)), "the schema passes a settings file upskill refuses"
        result = runner.invoke(cli, ["--config", str(path), "validate", str(EXAMPLES / "ana-ruiz.yaml")])
    else:
        assert errors(kind, yaml.safe_load(text)), f"the schema passes a {kind} upskill refuses"
        args = ["--catalog", "default", str(path)] if kind == "catalog" else [str(path)]
        result = runner.invoke(cli, ["validate", *args])
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


# --- the JSON every command writes ---------------------------------------------------------------------------

PLAN_OPTIONS = ["--start", START, "--as-of", "2026-11-20"]


def json_of(runner, *args: str) -> Any:
    result = runner.invoke(cli, ["--no-config", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("profile", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_plan_validates(runner, profile):
    assert errors("plan", json_of(runner, "plan", str(profile), "--format", "json", *PLAN_OPTIONS)) == []
    closed = ["--closed", "2026-12-21..2027-01-01", "--top", "2", "--deadline", "2027-02-01"]
    assert errors("plan", json_of(runner, "plan", str(profile), "--format", "json", *PLAN_OPTIONS, *closed)) == []


def test_a_plan_for_a_role_with_technologies_validates(runner):
    fit = json_of(runner, "fit", str(EXAMPLES / "ana-ruiz.yaml"), "--format", "json", "--start", START)
    assert errors("fit", fit) == []
    role = fit["roles"][0]["role"]
    plan = json_of(runner, "plan", str(EXAMPLES / "ana-ruiz.yaml"), "--role", role, "--format", "json", *PLAN_OPTIONS)
    assert errors("plan", plan) == []


def test_fit_json_validates_for_one_person_with_terms_and_for_a_roster(runner):
    one = json_of(runner, "fit", str(EXAMPLES / "ana-ruiz.yaml"), "--format", "json", "--explain", "--start", START)
    assert errors("fit", one) == []
    roster = json_of(runner, "fit", str(EXAMPLES / "roster.csv"), "--format", "json", "--start", START)
    assert "people" in roster and errors("fit", roster) == []
    assert errors("fit", {"schema": "upskill.fit/1"}), "the schema must say what a fit holds"


@pytest.mark.parametrize("extra", [[], ["--anonymize", "--group-by", "department", "--min-group", "1"]])
def test_team_json_validates(runner, extra):
    found = json_of(runner, "team", str(EXAMPLES), "--format", "json", "--start", START, *extra)
    assert errors("team", found) == []


def test_catalog_listings_validate(runner):
    assert errors("catalog-list", json_of(runner, "catalog", "list", "--format", "json")) == []
    assert (
        errors("catalog-list", json_of(runner, "catalog", "list", "--format", "json", "--category", "soft-skill")) == []
    )
    assert errors("catalog-roles", json_of(runner, "catalog", "roles", "--format", "json")) == []


@pytest.mark.slow
def test_batch_json_files_team_json_and_jsonl_lines_validate(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        ["--no-config", "batch", str(EXAMPLES), "--out", str(out), "--format", "json", "--jobs", "1", *PLAN_OPTIONS],
    )
    assert result.exit_code == 0, result.stderr
    plans = [p for p in out.glob("*.json") if p.name != "team.json" and not p.name.startswith(".")]
    assert len(plans) >= 5
    for plan in plans:
        assert errors("plan", json.loads(plan.read_text(encoding="utf-8"))) == [], plan.name
    assert errors("team", json.loads((out / "team.json").read_text(encoding="utf-8"))) == []
    lines = runner.invoke(
        cli, ["--no-config", "batch", str(EXAMPLES / "roster.csv"), "--out", "-", "--format", "jsonl", *PLAN_OPTIONS]
    )
    assert lines.exit_code == 0, lines.stderr
    assert lines.stdout.strip()
    for line in lines.stdout.splitlines():
        assert errors("plan", json.loads(line)) == []


@pytest.mark.slow
def test_the_catalog_update_report_validates(runner, tmp_path):
    from tests.taxonomy.helpers import ESCO, run_import
    from tests.taxonomy.releases import esco_next

    old = tmp_path / "old.yaml"
    assert run_import(runner, "esco", str(ESCO), "--occupation", "data scientist", "-o", str(old)).exit_code == 0
    people = tmp_path / "people"
    people.mkdir()
    (people / "ana.yaml").write_text("employee: {id: E1, name: Ana}\nskills:\n  Manage open publications: 2\n")
    report = tmp_path / "changes.json"
    result = run_import(
        runner,
        "esco",
        str(esco_next(tmp_path)),
        *("--update", str(old), "--check-profiles", str(people), "--report", str(report)),
        *("-o", str(tmp_path / "new.yaml")),
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["changes"] and data["affected"]
    assert errors("catalog-update", data) == []
    updated = yaml.safe_load((tmp_path / "new.yaml").read_text(encoding="utf-8"))
    assert updated["skills"] and errors("catalog", updated) == [], "the catalog an --update import writes"


DONE = "\nprogress:\n  - {skill: prompt-engineering, level: 3, date: 2026-11-20, evidence: course certificate}\n"


def _rosters(tmp_path: Path) -> tuple[Path, Path]:
    """examples/roster.csv with a department column, then the same people a level up in prompt engineering."""
    rows = list(csv.reader((EXAMPLES / "roster.csv").read_text(encoding="utf-8").splitlines()))
    column = rows[0].index("Prompt engineering")
    old = [[*rows[0], "department"]] + [[*row, "Sales" if n % 3 else "Legal"] for n, row in enumerate(rows[1:])]
    new = [list(row) for row in old]
    for row in new[1:]:
        if row[column].isdigit() and int(row[column]) < 5:
            row[column] = str(int(row[column]) + 1)
    paths = tmp_path / "september.csv", tmp_path / "december.csv"
    for path, table in zip(paths, (old, new), strict=True):
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(table)
    return paths


def test_diff_json_validates_for_two_profiles_two_plans_and_two_rosters(runner, tmp_path):
    older = tmp_path / "old.yaml"
    newer = tmp_path / "new.yaml"
    text = (EXAMPLES / "ana-ruiz.yaml").read_text(encoding="utf-8")
    older.write_text(text, encoding="utf-8")
    newer.write_text(text + DONE, encoding="utf-8")
    dates = ["--as-of", "2026-12-07"]
    profiles = json_of(runner, "diff", str(older), str(newer), "--since", "2026-09-01", *dates, "--format", "json")
    assert profiles["kind"] == "employee" and profiles["steps"] and profiles["gaps_closed"]
    assert errors("diff", profiles) == []
    for profile, day in ((older, "2026-09-01"), (newer, "2026-12-07")):
        result = runner.invoke(cli, ["--no-config", "plan", str(profile), "--as-of", day, "-o", f"{profile}.json"])
        assert result.exit_code == 0, result.stderr
    plans = json_of(runner, "diff", f"{older}.json", f"{newer}.json", *dates, "--format", "json")
    assert plans["kind"] == "employee" and errors("diff", plans) == []
    old_roster, new_roster = _rosters(tmp_path)
    for extra in ([], ["--group-by", "department", "--min-group", "1"], ["--anonymize", "--group-by", "department"]):
        rosters = json_of(runner, "diff", str(old_roster), str(new_roster), *extra, "--format", "json")
        assert rosters["kind"] == "roster" and rosters["moved"], extra
        assert errors("diff", rosters) == [], extra
    grouped = json_of(
        runner,
        "diff",
        str(old_roster),
        str(new_roster),
        "--group-by",
        "department",
        "--min-group",
        "1",
        "--format",
        "json",
    )
    assert grouped["groups"], "the groups are checked too"


def test_the_diff_schema_tells_the_kinds_apart(runner, tmp_path):
    old_roster, new_roster = _rosters(tmp_path)
    rosters = json_of(runner, "diff", str(old_roster), str(new_roster), "--format", "json")
    assert errors("diff", {**rosters, "kind": "employee"}), "a roster diff is no employee diff"
    assert errors("diff", {k: v for k, v in rosters.items() if k != "moved"})
    assert errors("diff", {"schema": "upskill.diff/1", "kind": "employee"})


def test_the_schemas_ship_in_the_package():
    config = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "schemas/*.json" in config
    assert sorted(p.name for p in Path(schema_path("plan")).parent.glob("*.json")) == sorted(
        f"{name}.schema.json" for name in NAMES
    )


def test_the_output_schemas_catch_a_missing_key_or_a_wrong_type(runner):
    plan = json_of(runner, "plan", str(EXAMPLES / "ana-ruiz.yaml"), "--format", "json", *PLAN_OPTIONS)
    assert errors("plan", {k: v for k, v in plan.items() if k != "steps"})
    assert errors("plan", {**plan, "met": [m["skill"] for m in plan["met"]] or ["python"]}), (
        "met[] holds {skill, flags}"
    )
    assert errors(
        "plan", {**plan, "checkins": [{k: v for k, v in c.items() if k != "agenda"} for c in plan["checkins"]]}
    )
    assert errors("plan", {**plan, "summary": {k: v for k, v in plan["summary"].items() if k != "order_reason"}})
    plan["steps"][0]["hours"] = "ten"
    assert errors("plan", plan)
    assert errors("plan", {**plan, "schema": "upskill.plan/2"})
    listing = json_of(runner, "catalog", "roles", "--format", "json")
    listing["roles"][0]["requires"][0]["level"] = "advanced"
    assert errors("catalog-roles", listing)


@pytest.mark.slow
def test_the_catalogs_upskill_writes_validate(runner, tmp_path):
    """`catalog import onet|esco` and `catalog resources import` write catalogs the catalog schema accepts."""
    from tests.taxonomy.courses import COURSES, esco_analyst, run_courses
    from tests.taxonomy.helpers import ONET, run_import

    onet = tmp_path / "onet.yaml"
    result = run_import(
        runner, "onet", str(ONET), "--occupation", "15-2051.00", "--occupation", "11-1021", "-o", str(onet)
    )
    assert result.exit_code == 0, result.stderr
    esco = esco_analyst(runner, tmp_path)
    courses = tmp_path / "courses.yaml"
    found = run_courses(
        runner,
        "coursera",
        str(COURSES / "coursera.csv"),
        "--catalog",
        "default",
        "--catalog",
        str(esco),
        "-o",
        str(courses),
    )
    assert found.exit_code == 0, found.stderr
    for written in (onet, esco, courses):
        data = yaml.safe_load(written.read_text(encoding="utf-8"))
        assert errors("catalog", data) == [], written.name
    assert yaml.safe_load(courses.read_text(encoding="utf-8"))["resources"]


def test_a_toml_and_a_json_profile_with_every_field_validate(runner, tmp_path):
    toml_profile = """
[employee]
id = "E9"
name = "Jo"
role = "analyst"
target_role = "ai-content-strategist"
hours_per_week = 3.5
deadline = 2027-06-30
attributes = { department = "Sales", grade = 7, remote = true, started = 2020-01-06 }

[skills]
prompt-engineering = 2
Communication = "advanced"
critical-thinking = { ratings = [{ level = 3, source = "self", date = 2026-05-01 }, { level = "beginner" }] }
ai-output-oversight = { level = 2, source = "peer review", assessed = 2026-09-01 }

[targets]
deep-learning = 2
python = { level = "intermediate" }
"""
    assert errors("profile", tomllib.loads(toml_profile)) == []
    (tmp_path / "jo.toml").write_text(toml_profile, encoding="utf-8")
    assert runner.invoke(cli, ["validate", str(tmp_path / "jo.toml")]).exit_code == 0, "upskill accepts it too"
    as_json = json.loads(json.dumps(plain(tomllib.loads(toml_profile))))
    assert errors("profile", {**as_json, "technologies": ["Python", "Tableau"]}) == []


def test_a_profile_with_progress_and_technologies_validates_and_upskill_accepts_it(runner, tmp_path):
    text = (EXAMPLES / "ana-ruiz.yaml").read_text(encoding="utf-8") + (
        "\ntechnologies: [Python, Tableau]\nprogress:\n"
        "  - {skill: prompt-engineering, level: 3, date: 2026-11-20, evidence: course certificate}\n"
        "  - {skill: Critical thinking, level: intermediate, date: 2026-10-01}\n"
    )
    assert errors("profile", yaml.safe_load(text)) == []
    (tmp_path / "ana.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["--no-config", "validate", str(tmp_path / "ana.yaml")])
    assert result.exit_code == 0, result.stderr


@pytest.mark.slow
def test_plan_and_fit_json_with_a_roles_technologies_validate(runner, tmp_path):
    """An O*NET role flags in-demand and hot technologies: the plan's `role.technologies` and fit's
    `technologies` are there, and the schemas check them."""
    from tests.taxonomy.helpers import ONET, run_import

    onet = tmp_path / "onet.yaml"
    assert run_import(runner, "onet", str(ONET), "--occupation", "11-1021", "-o", str(onet)).exit_code == 0
    assert errors("catalog", yaml.safe_load(onet.read_text(encoding="utf-8"))) == []
    profile = tmp_path / "ana.yaml"
    text = (EXAMPLES / "ana-ruiz.yaml").read_text(encoding="utf-8")
    profile.write_text(text + "\ntechnologies: [Microsoft Excel]\n", encoding="utf-8")
    catalogs = ["--catalog", "default", "--catalog", str(onet)]
    role = "general-and-operations-managers"
    plan = json_of(runner, "plan", str(profile), *catalogs, "--role", role, "--format", "json", *PLAN_OPTIONS)
    assert any(t["used"] for t in plan["role"]["technologies"])
    assert errors("plan", plan) == []
    plan["role"]["technologies"][0]["used"] = "yes"
    assert errors("plan", plan)
    fit = json_of(runner, "fit", str(profile), *catalogs, "--format", "json", "--explain", "--start", START)
    assert any("technologies" in r for r in fit["roles"])
    assert errors("fit", fit) == []


def test_the_starter_files_init_writes_validate(runner, tmp_path):
    """`upskill init`'s profile for every role, and its upskill.toml with every default uncommented."""
    roles = json_of(runner, "catalog", "roles", "--format", "json")["roles"]
    for role in roles:
        profile = runner.invoke(cli, ["--no-config", "init", "--role", role["id"]])
        assert profile.exit_code == 0, profile.stderr
        assert errors("profile", yaml.safe_load(profile.stdout)) == [], role["id"]
    starter = runner.invoke(cli, ["--no-config", "init", "--config"])
    assert starter.exit_code == 0, starter.stderr
    lines, placeholder = [], False
    for line in starter.stdout.splitlines():
        if line.startswith("# --"):
            placeholder = "placeholder" in line
        elif line.startswith("# [") or (line.startswith("# ") and " = " in line and not placeholder):
            line = line[2:]
        lines.append(line)
    text = "\n".join(lines) + "\n"
    settings = tomllib.loads(text)
    assert len(settings) > 10 and errors("settings", settings) == []
    (tmp_path / "upskill.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(
        cli, ["--config", str(tmp_path / "upskill.toml"), "validate", str(EXAMPLES / "ana-ruiz.yaml")]
    )
    assert result.exit_code == 0, result.stderr
