"""Imported courses in use: the overlay adds to a skill without replacing it, a plan against an imported ESCO
role takes the courses for the bands they cover and says which it cannot, and `catalog coverage` lists gaps."""

from __future__ import annotations

import json

from tests.helpers import EXAMPLES, START, check
from tests.taxonomy.courses import COURSES, GENERIC_COLUMNS, esco_analyst, run_courses
from upskill.cli import cli
from upskill.load.catalog import load_catalog

OVERLAY = """\
resources:
  - skill: deep-learning
    title: In-house deep learning clinic
    kind: social
    hours: 6
    from: 2
    to: 4
    matched: added by hand
"""


def test_an_overlay_adds_to_the_skill_and_never_replaces_it(tmp_path, write):
    bundled = load_catalog(["default"]).skills["deep-learning"]
    overlay = write(tmp_path, "extra.yaml", OVERLAY)
    skill = load_catalog(["default", overlay]).skills["deep-learning"]
    assert skill._replace(resources=()) == bundled._replace(resources=())
    assert skill.resources[: len(bundled.resources)] == bundled.resources
    assert skill.resources[-1].title == "In-house deep learning clinic" and skill.resources[-1].kind == "social"


def test_an_overlay_naming_an_unknown_skill_is_a_located_error(runner, tmp_path, write):
    overlay = write(tmp_path, "extra.yaml", OVERLAY.replace("skill: deep-learning", "skill: deep-lerning"))
    result = check(
        runner.invoke(cli, ["catalog", "show", "deep-learning", "--catalog", "default", "--catalog", str(overlay)])
    )
    assert result.exit_code == 1
    assert f"{overlay}:2:" in result.stderr and "did you mean" in result.stderr


def test_a_plan_against_an_esco_role_uses_the_courses_and_says_which_bands_have_none(runner, tmp_path):
    esco = esco_analyst(runner, tmp_path)
    courses = []
    for preset, name, extra in (
        ("coursera", "coursera.csv", ()),
        ("linkedin", "linkedin.csv", ()),
        ("csv", "generic.csv", GENERIC_COLUMNS),
    ):
        out = tmp_path / f"{preset}.yaml"
        result = run_courses(
            runner, preset, str(COURSES / name), *extra, "--catalog", "default", "--catalog", str(esco), "-o", str(out)
        )
        assert result.exit_code == 0, result.stderr
        courses += ["--catalog", str(out)]
    # One cycle of the whole role: every level of every skill planned now (no next cycle), so each
    # band's resource is visible in the steps
    whole = tmp_path / "whole-role.yaml"
    whole.write_text("planning:\n  max_levels_per_cycle: 3\n  horizon_weeks: 156\n", encoding="utf-8")
    catalogs = ["--catalog", "default", "--catalog", str(esco), *courses, "--catalog", str(whole)]
    pace = ["--hours-per-week", "20", "--parallel", "6"]
    result = check(
        runner.invoke(
            cli,
            [
                "plan",
                str(EXAMPLES / "ana-ruiz.yaml"),
                *catalogs,
                "--role",
                "data-analyst",
                "--start",
                START,
                "--format",
                "json",
                *pace,
            ],
        )
    )
    assert json.loads(result.stdout)["later"] == []
    assert result.exit_code == 0, result.stderr
    steps = {s["skill"]: s for s in json.loads(result.stdout)["steps"]}
    titles = {skill: [a["title"] for a in s["activities"]] for skill, s in steps.items()}
    # statistics: the shorter of two beginner courses (0-2); no intermediate one; the advanced one is past level 3
    assert "Statistics Foundations: Probability" in titles["statistics"]
    assert steps["statistics"]["uncovered"] == {"from": 2, "to": 3}  # said honestly: no intermediate course
    # visual presentation: the intermediate course covers 2-3, nothing covers 0-2
    assert "Visual storytelling with charts" in titles["visual-presentation-techniques"]
    assert steps["visual-presentation-techniques"]["uncovered"] == {"from": 0, "to": 2}
    # perform data cleansing: imported course with the provider's hours
    cleansing = next(
        a for a in steps["perform-data-cleansing"]["activities"] if a["title"] == "Data Cleansing Essentials"
    )
    assert cleansing["hours"] == 12
    # a skill no course matched still needs one, as before
    assert steps["documentation-types"]["uncovered"] == {"from": 0, "to": 3}
    markdown = check(
        runner.invoke(
            cli, ["plan", str(EXAMPLES / "ana-ruiz.yaml"), *catalogs, "--role", "data-analyst", "--start", START, *pace]
        )
    )
    assert "Data Cleansing Essentials" in markdown.stdout and "Needs a resource" in markdown.stdout


def test_coverage_lists_bands_without_resources_and_strict_fails(runner, tmp_path):
    esco = esco_analyst(runner, tmp_path)
    out = tmp_path / "coursera.yaml"
    run_courses(
        runner,
        "coursera",
        str(COURSES / "coursera.csv"),
        "--catalog",
        "default",
        "--catalog",
        str(esco),
        "-o",
        str(out),
    )
    catalogs = ["--catalog", "default", "--catalog", str(esco)]
    before = check(runner.invoke(cli, ["catalog", "coverage", *catalogs, "--role", "data-analyst"]))
    after = check(
        runner.invoke(cli, ["catalog", "coverage", *catalogs, "--catalog", str(out), "--role", "Data analyst"])
    )
    assert before.exit_code == after.exit_code == 0

    def line(text, skill):
        return [row.split() for row in text.splitlines() if row.strip().startswith(skill + " ")]

    assert line(before.stdout, "statistics") == [["statistics", "none", "→", "intermediate", "no", "resource"]]
    assert line(after.stdout, "statistics") == [
        ["statistics", "none", "→", "beginner", "only", "formal"],
        ["statistics", "beginner", "→", "intermediate", "no", "resource"],
    ]
    strict = check(runner.invoke(cli, ["catalog", "coverage", *catalogs, "--catalog", str(out), "--strict"]))
    assert strict.exit_code == 1 and "(--strict)" in strict.stderr
    unknown = check(runner.invoke(cli, ["catalog", "coverage", "--role", "astronaut"]))
    assert unknown.exit_code == 2


def test_coverage_of_a_fully_covered_role_passes_strict(runner, tmp_path, write):
    catalog = write(
        tmp_path,
        "c.yaml",
        """\
skills:
  - id: knitting
    name: Knitting
    resources:
      - {title: Knitting course, kind: formal, hours: 4, from: 0, to: 3}
      - {title: Knit a scarf, kind: experience, hours: 6, from: 0, to: 3}
roles:
  - id: knitter
    name: Knitter
    requires: {knitting: 3}
""",
    )
    result = check(runner.invoke(cli, ["catalog", "coverage", "--catalog", str(catalog), "--strict"]))
    assert result.exit_code == 0, result.stderr
    assert "1 of 1 required skill(s)" in result.stdout and "0 level band(s) without a resource, 0 with" in result.stdout


def test_validate_checks_an_overlay_given_as_a_file_on_top_of_its_catalog(runner, tmp_path, write):
    good = write(tmp_path, "good.yaml", OVERLAY)
    bad = write(tmp_path, "bad.yaml", OVERLAY.replace("hours: 6", "hours: -6"))
    assert check(runner.invoke(cli, ["validate", str(good), "--catalog", "default"])).exit_code == 0
    result = check(runner.invoke(cli, ["validate", str(bad), "--catalog", "default"]))
    assert result.exit_code == 1 and f"{bad}:5:" in result.stderr
