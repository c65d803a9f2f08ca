"""Course exports' cells: durations, levels and flags read, broken rows reported as file:line:column."""

from __future__ import annotations

import pytest
import yaml

from tests.taxonomy.courses import run_courses
from upskill.load.catalog import load_catalog
from upskill.load.courses.fields import CellError, bands, read_duration, read_level
from upskill.model import Scale

HEADER = "ID,Title,URL,IsActive,Description,Languages,LastModifiedUTC,Duration,Subjects\n"


@pytest.mark.parametrize(
    ("text", "hours", "weeks"),
    [
        ("1h 30m", 1.5, 0),
        ("PT1H30M", 1.5, 0),
        ("90 min", 1.5, 0),
        ("1:30", 1.5, 0),
        ("Approx. 20 hours to complete", 20, 0),
        ("2 weeks at 3 h", 6, 2),
        ("3 hours/week for 2 weeks", 6, 2),
        ("4 weeks, 5 hours per week", 20, 4),
        ("PT45M", 0.75, 0),
    ],
)
def test_durations_in_the_forms_exports_use(text, hours, weeks):
    assert read_duration(text) == (hours, weeks)


@pytest.mark.parametrize("text", ["90", "2 weeks", "soon", "PT0M", "P2W"])
def test_durations_without_hours_are_refused(text):
    with pytest.raises(CellError):
        read_duration(text)


def test_levels_map_to_the_bundled_scale_and_a_missing_level_is_beginner():
    assert bands(Scale()) == {"beginner": (0, 2), "intermediate": (2, 3), "advanced": (3, 4)}
    assert [read_level(t) for t in ("BEGINNER", "Intermediate", "advanced", "", "All levels")] == [
        "beginner",
        "intermediate",
        "advanced",
        "",
        "",
    ]


def test_a_scale_without_those_names_gets_the_same_shares():
    assert bands(Scale(tuple(str(n) for n in range(8)))) == {
        "beginner": (0, 3),
        "intermediate": (3, 4),
        "advanced": (4, 6),
    }


def test_broken_rows_are_located_errors_and_nothing_is_written(runner, tmp_path, write):
    export = write(
        tmp_path,
        "c.csv",
        HEADER
        + "1,Deep learning,https://e.example/1,true,,,,an hour or so,\n"
        + "2,Statistics,https://e.example/2,maybe,,,,1h,\n"
        + "3,,https://e.example/3,true,,,,1h,\n",
    )
    out = tmp_path / "out.yaml"
    result = run_courses(runner, "coursera", str(export), "-o", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"upskill: error: {export}:2:8: duration: 'an hour or so'") for line in lines), lines
    assert any(line.startswith(f"upskill: error: {export}:3:4: active: ") for line in lines), lines
    assert any(line.startswith(f"upskill: error: {export}:4:2: title: ") for line in lines), lines
    assert not out.exists()


def test_an_unclosed_quote_is_located(runner, tmp_path, write):
    export = write(tmp_path, "c.csv", HEADER + '1,"Deep learning,https://e.example/1,true,,,,1h,\n2,x,,true,,,,1h,\n')
    result = run_courses(runner, "coursera", str(export))
    assert result.exit_code == 1
    assert f"{export}:2:" in result.stderr and "never closed" in result.stderr


def test_only_web_addresses_are_kept_strict_refuses_others(runner, tmp_path, write):
    export = write(tmp_path, "c.csv", HEADER + "1,Deep learning,javascript:alert(1),true,,,,1h,\n")
    result = run_courses(runner, "coursera", str(export))
    assert result.exit_code == 0
    assert f"upskill: warning: {export}:2:3: url: " in result.stderr
    assert "javascript" not in result.stdout.split("resources:", 1)[1]
    assert run_courses(runner, "coursera", str(export), "--strict").exit_code == 1


def test_a_missing_title_column_names_the_header_and_column_option(runner, tmp_path, write):
    export = write(tmp_path, "c.csv", "Course name,Length\nDeep learning,1h\n")
    result = run_courses(runner, "csv", str(export))
    assert result.exit_code == 1
    assert f"{export}:1: " in result.stderr and "--column 'HEADER=title'" in result.stderr
    mapped = run_courses(runner, "csv", str(export), "--column", "Course name=title", "--column", "Length=duration")
    assert mapped.exit_code == 0 and "skill: deep-learning" in mapped.stdout


def test_an_unknown_field_is_a_usage_error(runner, tmp_path, write):
    export = write(tmp_path, "c.csv", "Title\nDeep learning\n")
    result = run_courses(runner, "csv", str(export), "--column", "Title=titel")
    assert result.exit_code == 2 and "did you mean" in result.stderr


def test_kind_column_and_default_band_and_several_files(runner, tmp_path, write):
    first = write(tmp_path, "a.csv", "title,hours,kind,level\nDeep learning reading group,6,social,\n")
    second = write(tmp_path, "b.csv", "title,minutes\nPython for beginners,90\n")
    result = run_courses(runner, "csv", str(first), str(second))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(result.stdout)["resources"]
    assert [(e["skill"], e["kind"], e["from"], e["to"], e["hours"]) for e in data] == [
        ("deep-learning", "social", 0, 2, 6),  # no level: the beginner band
        ("python-programming", "formal", 0, 2, 1.5),
    ]
    assert "2 course(s) read" in result.stderr


def test_an_export_with_only_a_header_gives_an_empty_overlay_that_loads(runner, tmp_path, write):
    export = write(tmp_path, "c.csv", HEADER)
    out = tmp_path / "out.yaml"
    result = run_courses(runner, "coursera", str(export), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["resources"] == []
    load_catalog(["default", out])


def test_a_row_longer_than_the_header_is_located(runner, tmp_path, write):
    export = write(tmp_path, "m.csv", "shortname,fullname,summary,visible\nDB,Databases,<p>Tables, keys</p>,1\n")
    result = run_courses(runner, "moodle", str(export))
    assert result.exit_code == 1
    assert f"upskill: error: {export}:2:5: the row has 5 cells and the header 4" in result.stderr


def test_an_export_in_another_encoding_reads_with_encoding(runner, tmp_path, write):
    export = write(tmp_path, "c.csv", "title;hours\nPython für Einsteiger – Café;2\n".encode("cp1252"))
    assert run_courses(runner, "csv", str(export)).exit_code == 1  # not UTF-8: said, located
    result = run_courses(runner, "csv", str(export), "--encoding", "cp1252")
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(result.stdout)["resources"][0]["title"] == "Python für Einsteiger – Café"


def test_output_onto_a_catalog_it_reads_is_refused(runner, tmp_path, write):
    catalog = write(tmp_path, "ours.yaml", "skills:\n  - id: knitting\n    name: Knitting\n")
    export = write(tmp_path, "c.csv", "title,hours\nKnitting,2\n")
    before = catalog.read_bytes()
    result = run_courses(runner, "csv", str(export), "--catalog", str(catalog), "-o", str(catalog))
    assert result.exit_code == 2 and catalog.read_bytes() == before


def test_a_column_option_naming_no_header_is_said(runner, tmp_path, write):
    export = write(tmp_path, "c.csv", "title,hours\nPython basics,2\n")
    result = run_courses(runner, "csv", str(export), "--column", "Lenght=minutes")
    assert result.exit_code == 0
    assert (
        f"upskill: warning: {export}:1: --column 'Lenght=minutes': the header has no column 'Lenght'" in result.stderr
    )
    assert run_courses(runner, "csv", str(export), "--column", "Lenght=minutes", "--strict").exit_code == 1
