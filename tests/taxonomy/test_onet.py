"""`upskill catalog import onet` on O*NET 29.2 excerpts in the official layout (tests/data/taxonomies/README.md)."""

from __future__ import annotations

import zipfile

import pytest

from tests.helpers import EXAMPLES, START
from tests.taxonomy.helpers import ONET, copy_of, edit_line, imported, run_import
from upskill.cli import cli
from upskill.taxonomy.onet import to_level, to_weight

OCCUPATIONS = ("--occupation", "15-2051.00", "--occupation", "statisticians", "--occupation", "11-1021")


def requires(catalog, role):
    return {r.skill: (r.level, r.weight) for r in catalog.roles[role].requires}


def test_three_occupations_become_roles_that_overlay_the_bundled_catalog(runner, tmp_path):
    data, catalog = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    assert [r["id"] for r in data["roles"]] == ["data-scientists", "statisticians", "general-and-operations-managers"]
    assert catalog.roles["data-scientists"].refs == (("onet", "15-2051.00"),)
    assert "ml-engineer" in catalog.roles  # the bundled roles are still there
    # LV 4.75 of 7 on the 0-5 scale is 3.39 -> 3; LV 5.12 -> 3.66 -> 4; IM 4.50 -> weight 0.5 + 1.5 x 3.5 / 4
    ds = requires(catalog, "data-scientists")
    assert ds["mathematics"] == (3, to_weight(4.12))
    assert ds["mathematics-knowledge"] == (4, 1.81)
    assert catalog.skills["mathematics"].refs == (("onet", "2.A.1.e"),)
    assert catalog.skills["mathematics-knowledge"].refs == (("onet", "2.C.4.a"),)
    assert catalog.skills["mathematics-knowledge"].name == "Mathematics (knowledge)"  # one name, two elements
    assert catalog.skills["programming"].category == "onet-skill"
    assert catalog.skills["mathematics-knowledge"].category == "onet-knowledge"


def test_level_and_weight_mappings():
    assert [to_level(v, 5) for v in (0, 0.7, 0.71, 3.5, 7)] == [0, 1, 1, 3, 5]
    assert to_weight(1) == 0.5 and to_weight(3) == 1.25 and to_weight(5) == 2.0


def test_suppressed_not_relevant_and_unimportant_rows_are_left_out(runner, tmp_path):
    _, catalog = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    ds = requires(catalog, "data-scientists")
    assert "active-learning" not in catalog.skills  # its LV row says Recommend Suppress = Y
    assert "speaking" not in ds  # importance 2.75 < 3
    assert "programming" not in requires(catalog, "general-and-operations-managers")  # Not Relevant = Y
    _, lower = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS, "--min-importance", "2.5")
    assert "speaking" in requires(lower, "data-scientists")


def test_elements_that_match_a_bundled_skill_map_onto_it(runner, tmp_path):
    data, catalog = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    assert "critical-thinking" in requires(catalog, "data-scientists")
    assert "critical-thinking" not in [s["id"] for s in data["skills"]]  # not redefined: its resources stay
    assert catalog.skills["critical-thinking"].resources


def test_level_anchors_become_level_descriptors(runner, tmp_path):
    _, catalog = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    programming = catalog.skills["programming"]
    assert programming.describe_level(3) == "Write a program that cleans and summarises a data file"  # anchor 4
    assert programming.describe_level(1).startswith("Change a setting")  # anchor 2
    assert programming.describe_level(2) == ""


def test_technology_skills_are_listed_on_the_role_with_their_flags(runner, tmp_path):
    _, catalog = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    technologies = {t.name: t for t in catalog.roles["general-and-operations-managers"].technologies}
    assert technologies["Microsoft Excel"].hot and technologies["Microsoft Excel"].in_demand
    assert technologies["Atlassian JIRA"].hot and not technologies["Atlassian JIRA"].in_demand
    assert not technologies["Blackbaud The Raiser's Edge"].hot
    assert catalog.roles["data-scientists"].technologies == ()  # the excerpt has none for it


def test_abilities_only_with_the_flag(runner, tmp_path):
    _, without = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    assert "deductive-reasoning" not in without.skills
    data, catalog = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS, "--abilities")
    assert catalog.skills["deductive-reasoning"].category == "onet-ability"
    assert data["planning"]["bridges"]["onet-ability"] == "coach"


def test_the_credit_line_and_the_modification_note_are_in_the_sources(runner, tmp_path):
    data, catalog = imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    source = catalog.sources["onet-29.2"]
    assert source.title == "O*NET 29.2 Database"
    assert "Used under the CC BY 4.0 license" in source.note
    assert "has not approved, endorsed, or tested these modifications" in source.note
    assert data["planning"] == {
        "bridges": {"onet-ability": "coach", "onet-knowledge": "pairing", "onet-skill": "pairing"}
    }


def test_a_plan_for_an_imported_role_shows_the_credit(runner, tmp_path):
    imported(runner, tmp_path, "onet", str(ONET), *OCCUPATIONS)
    result = runner.invoke(
        cli,
        [
            "plan",
            str(EXAMPLES / "ana-ruiz.yaml"),
            "--catalog",
            "default",
            "--catalog",
            str(tmp_path / "onet.yaml"),
            "--role",
            "statisticians",
            "--format",
            "markdown",
            "--start",
            START,
        ],
    )
    assert result.exit_code == 0, result.stderr
    sources = result.stdout.split("## Why these skills")[1]
    assert "O\\*NET 29.2 Database (USDOL/ETA, 2025-02-01)" in sources


def test_the_same_download_gives_the_same_bytes(runner, tmp_path):
    for name in ("a.yaml", "b.yaml"):
        assert run_import(runner, "onet", str(ONET), *OCCUPATIONS, "-o", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()


def test_the_zip_as_downloaded_and_single_files_work(runner, tmp_path):
    archive = tmp_path / "db_29_2_text.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in ONET.iterdir():
            out.write(path, f"db_29_2_text/{path.name}")
    from_zip, _ = imported(runner, tmp_path, "onet", str(archive), *OCCUPATIONS)
    files = [str(ONET / n) for n in ("Occupation Data.txt", "Skills.txt", "Knowledge.txt", "Read Me.txt")]
    from_files, _ = imported(runner, tmp_path, "onet", *files, "--occupation", "15-2051.00")
    assert from_zip["roles"][0]["id"] == from_files["roles"][0]["id"] == "data-scientists"


def test_columns_are_found_by_header_name_reordered_added_or_snake_case(runner, tmp_path):
    folder = copy_of(ONET, tmp_path)
    skills = folder / "Skills.txt"
    rows = [line.split(b"\t") for line in skills.read_bytes().split(b"\r\n") if line]
    rows[0] = [h.lower().replace(b" ", b"_").replace(b"o*net-soc", b"onetsoc") for h in rows[0]]
    reordered = [[r[4], r[3], *r[:3], b"extra", *r[5:]] for r in rows]
    skills.write_bytes(b"\r\n".join(b"\t".join(r) for r in reordered) + b"\r\n")
    _, catalog = imported(runner, tmp_path, "onet", str(folder), *OCCUPATIONS)
    assert requires(catalog, "data-scientists")["mathematics"] == (3, to_weight(4.12))


def test_a_missing_column_is_an_error_naming_it(runner, tmp_path):
    folder = copy_of(ONET, tmp_path)
    edit_line(folder / "Skills.txt", 1, "Data Value", "Datum")
    result = run_import(runner, "onet", str(folder), *OCCUPATIONS)
    assert result.exit_code == 1
    assert "Skills.txt:1: missing the column 'Data Value'" in result.stderr


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ("\tIM\t4.00", "\tXX\t4.00", "Skills.txt:2:4: Scale ID: unknown scale 'XX'"),
        ("\tIM\t4.00", "\tIM\tfour", "Skills.txt:2:5: Data Value: expected a number, found 'four'"),
        ("\tIM\t4.00", "\tIM\t9.00", "Skills.txt:2:5: Data Value: 9.00 is outside 1-5"),
        ("\tAnalyst", "", "Skills.txt:2: this row has 12 tab-separated cells but the header has 13"),
        ("\tn/a\t", "\tmaybe\t", "Skills.txt:2:11: Not Relevant: expected Y or N, found 'MAYBE'"),
    ],
)
def test_a_bad_row_is_one_located_error(runner, tmp_path, old, new, expected):
    folder = copy_of(ONET, tmp_path)
    edit_line(folder / "Skills.txt", 2, old, new)
    result = run_import(runner, "onet", str(folder), *OCCUPATIONS, "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_an_unknown_occupation_is_a_usage_error_with_a_hint(runner):
    result = run_import(runner, "onet", str(ONET), "--occupation", "Data Scientist")
    assert result.exit_code == 2
    assert "no occupation 'Data Scientist'" in result.stderr and "did you mean 'Data Scientists'" in result.stderr


def test_without_a_read_me_the_release_is_a_warning_and_strict_makes_it_an_error(runner, tmp_path):
    folder = copy_of(ONET, tmp_path)
    (folder / "Read Me.txt").unlink()
    result = run_import(runner, "onet", str(folder), *OCCUPATIONS, "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 0 and "warning: cannot tell the O*NET release" in result.stderr
    assert run_import(runner, "onet", str(folder), *OCCUPATIONS, "--strict").exit_code == 1
    assert run_import(runner, "onet", str(folder), *OCCUPATIONS, "--release", "29.2", "--strict").exit_code == 0


def test_esco_options_are_refused_for_onet(runner):
    result = run_import(runner, "onet", str(ONET), *OCCUPATIONS, "--level", "3")
    assert result.exit_code == 2 and "--level does not apply" in result.stderr
