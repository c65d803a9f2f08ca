"""`upskill catalog resources import`: each preset's export, and a generic CSV, become a resources overlay."""

from __future__ import annotations

import yaml

from tests.helpers import EXAMPLES, check
from tests.taxonomy.courses import COURSES, GENERIC_COLUMNS, esco_analyst, run_courses
from upskill.cli import cli
from upskill.load.catalog import load_catalog


def imported(runner, tmp_path, preset, *args):
    base = esco_analyst(runner, tmp_path)
    out = tmp_path / f"{preset}.yaml"
    result = run_courses(runner, preset, *args, "--catalog", "default", "--catalog", str(base), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    return result, out, data, load_catalog(["default", base, out])


def by_title(data):
    return {entry["title"]: entry for entry in data["resources"]}


def test_coursera_export_becomes_resources_with_reasons_and_validates(runner, tmp_path):
    result, out, data, catalog = imported(runner, tmp_path, "coursera", str(COURSES / "coursera.csv"))
    entries = by_title(data)
    deep = entries["Deep Learning Specialization"]
    assert deep["skill"] == "deep-learning"  # not learning-to-learn, by the generic word "learning"
    assert deep["matched"] == "name 'Deep learning' in title"
    assert (deep["hours"], deep["hours_basis"], deep["kind"]) == (
        60,
        "provider: Approx. 60 hours to complete",
        "formal",
    )
    cleansing = entries["Data Cleansing Essentials"]
    assert (cleansing["skill"], cleansing["hours"], cleansing["weeks"]) == ("perform-data-cleansing", 12, 4)
    assert entries["Learning How to Learn"]["skill"] == "learning-to-learn"
    assert "Old Course Retired" not in entries  # IsActive false: skipped
    # the unmatched course: listed in the output and on stderr, with its line
    assert "#   coursera.csv:7: Excel Skills for Business" in out.read_text(encoding="utf-8")
    assert "coursera.csv:7: Excel Skills for Business" in result.stderr
    assert "7 course(s) read: 5 resource(s) for 5 course(s), 1 not matched to a skill, 1 inactive skipped" in (
        result.stderr
    )
    # the bundled skill keeps its own resources and gains the course
    titles = [r.title for r in catalog.skills["deep-learning"].resources]
    assert "Deep Learning Specialization" in titles and len(titles) > 1
    validated = check(
        runner.invoke(
            cli,
            [
                "validate",
                "--catalog",
                "default",
                "--catalog",
                str(tmp_path / "esco.yaml"),
                "--catalog",
                str(out),
                str(EXAMPLES / "ana-ruiz.yaml"),
            ],
        )
    )
    assert validated.exit_code == 0, validated.stderr


def test_linkedin_classifications_name_the_skills_and_levels_set_the_band(runner, tmp_path):
    _, _, data, catalog = imported(runner, tmp_path, "linkedin", str(COURSES / "linkedin.csv"))
    entries = by_title(data)
    prompt = entries["Prompt Engineering: How to Talk to the AIs"]
    assert prompt["skill"] == "prompt-engineering"
    assert prompt["matched"] == "skill 'Prompt Engineering' in the skills column"
    assert (prompt["from"], prompt["to"], prompt["hours"]) == (0, 2, 1.2)  # BEGINNER, 1h 12m
    assert (entries["Data Mining in Practice"]["from"], entries["Data Mining in Practice"]["to"]) == (2, 3)
    assert (entries["Statistics: Advanced Regression"]["from"], entries["Statistics: Advanced Regression"]["to"]) == (
        3,
        4,
    )
    assert (entries["Time Management Fundamentals"]["from"], entries["Time Management Fundamentals"]["to"]) == (0, 2)
    assert "Leading with Empathy" not in entries  # only a topic, no skill: unmatched
    assert all(e["provider"] == "LinkedIn Learning" for e in data["resources"])
    assert any(r.title == "Statistics: Advanced Regression" for r in catalog.skills["statistics"].resources)


def test_moodle_course_list_without_durations_gets_estimates_it_says_are_estimates(runner, tmp_path):
    _, out, data, _ = imported(runner, tmp_path, "moodle", str(COURSES / "moodle.csv"))
    entries = by_title(data)
    quality = entries["Data quality in practice"]
    assert quality["skill"] == "data-quality-analysis"
    assert quality["hours"] == 20 and quality["hours_basis"].startswith("estimate: ")  # 2 levels x 10 h
    assert "Archived induction" not in entries and "Archived induction" not in out.read_text(encoding="utf-8")
    assert "#   moodle.csv:6: Welcome to the company" in out.read_text(encoding="utf-8")


def test_generic_csv_with_column_mappings_and_skills_column(runner, tmp_path):
    _, _, data, _ = imported(runner, tmp_path, "csv", str(COURSES / "generic.csv"), *GENERIC_COLUMNS)
    entries = by_title(data)
    charts = entries["Visual storytelling with charts"]
    assert charts["skill"] == "visual-presentation-techniques"
    assert charts["matched"] == "skill 'visual presentation techniques' in the skills column"
    assert (charts["hours"], charts["hours_basis"], charts["from"], charts["to"]) == (
        2.5,
        "provider: 150 minutes",
        2,
        3,
    )
    assert entries["Big data analysis on a budget"]["skill"] == "analyse-big-data"
    assert "Draft course" not in entries  # Status draft: inactive


def test_xlsx_export_reads_as_its_csv(runner, tmp_path):
    import csv

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    with open(COURSES / "coursera.csv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            sheet.append(row)
    book.save(tmp_path / "coursera.xlsx")
    _, _, from_csv, _ = imported(runner, tmp_path, "coursera", str(COURSES / "coursera.csv"))
    _, _, from_xlsx, _ = imported(runner, tmp_path, "coursera", str(tmp_path / "coursera.xlsx"))
    assert from_xlsx == from_csv


def test_the_same_export_gives_the_same_bytes(runner, tmp_path):
    outputs = []
    for name in ("a.yaml", "b.yaml"):
        result = run_courses(runner, "linkedin", str(COURSES / "linkedin.csv"), "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_output_onto_the_export_is_refused_and_the_export_kept(runner, tmp_path):
    export = tmp_path / "coursera.csv"
    export.write_bytes((COURSES / "coursera.csv").read_bytes())
    result = run_courses(runner, "coursera", str(export), "-o", str(export))
    assert result.exit_code == 2
    assert export.read_bytes() == (COURSES / "coursera.csv").read_bytes()


def test_hostile_titles_stay_one_yaml_value(runner, tmp_path, write):
    titles = ['Deep learning: "quoted" \\ back', "Deep learning\u0085next\u2028line", "Deep learning #1 - [x]: {y}"]
    rows = "".join(
        f'{i},"{t.replace(chr(34), chr(34) * 2)}",https://e.example/{i},true,,,,1h,\n' for i, t in enumerate(titles)
    )
    export = write(
        tmp_path, "x.csv", "ID,Title,URL,IsActive,Description,Languages,LastModifiedUTC,Duration,Subjects\n" + rows
    )
    out = tmp_path / "x.yaml"
    result = run_courses(runner, "coursera", str(export), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert [e["title"] for e in yaml.safe_load(out.read_text(encoding="utf-8"))["resources"]] == titles
    load_catalog(["default", out])
