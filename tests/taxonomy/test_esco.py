"""`upskill catalog import esco` on an ESCO v1.1.1 excerpt as published (tests/data/taxonomies/README.md)."""

from __future__ import annotations

import csv
import io
import zipfile

from tests.helpers import EXAMPLES, START
from tests.taxonomy.helpers import ESCO, copy_of, edit_line, imported, run_import
from upskill.cli import cli

SCIENTIST = "http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30"
QUALITY = "http://data.europa.eu/esco/skill/cc7370dd-69fa-4c67-a96f-d4d135d38700"
ALL = ("--occupation", "data scientist", "--occupation", "data analyst", "--occupation", "data quality specialist")


def requires(catalog, role):
    return {r.skill: (r.level, r.weight) for r in catalog.roles[role].requires}


def test_occupations_become_roles_of_essential_skills_at_the_default_level(runner, tmp_path):
    data, catalog = imported(runner, tmp_path, "esco", str(ESCO), *ALL)
    assert [r["id"] for r in data["roles"]] == ["data-scientist", "data-analyst", "data-quality-specialist"]
    assert catalog.roles["data-scientist"].refs == (("esco", SCIENTIST),)
    levels = requires(catalog, "data-scientist")
    assert set(levels.values()) == {(3, 1.0)}  # the middle of the 0-5 scale, weight 1
    skill = catalog.skills["perform-data-cleansing"]
    assert skill.category == "esco-skill" and skill.refs[0][0] == "esco"
    assert catalog.skills["data-models"].category == "esco-knowledge"
    assert "data cleansing performance" in skill.aliases  # alt labels become aliases
    assert data["planning"] == {"bridges": {"esco-knowledge": "pairing", "esco-skill": "pairing"}}


def test_level_and_optional_skills(runner, tmp_path):
    _, essential = imported(runner, tmp_path, "esco", str(ESCO), *ALL)
    _, both = imported(runner, tmp_path, "esco", str(ESCO), *ALL, "--optional", "include", "--level", "advanced")
    only, every = requires(essential, "data-scientist"), requires(both, "data-scientist")
    assert set(only) < set(every)
    optional = set(every) - set(only)
    assert {every[s] for s in optional} == {(4, 0.5)}
    assert {every[s] for s in only} == {(4, 1.0)}


def test_bundled_skills_are_matched_by_reference(runner, tmp_path):
    data, catalog = imported(runner, tmp_path, "esco", str(ESCO), *ALL)
    assert "data-quality-analysis" in requires(catalog, "data-analyst")  # by its refs, not a new skill
    assert QUALITY not in [dict(s.get("refs", {})).get("esco") for s in data["skills"]]
    assert catalog.skills["data-quality-analysis"].refs == (("esco", QUALITY),)


def test_an_alias_that_clashes_is_dropped_with_a_warning_strict_makes_it_an_error(runner, tmp_path):
    args = (str(ESCO), "--occupation", "data scientist", "--optional", "include")
    _, catalog = imported(runner, tmp_path, "esco", *args)
    query = catalog.skills["resource-description-framework-query-language"]
    assert "SPARQL" not in query.aliases and catalog.find_skill("sparql") == "sparql"
    result = run_import(runner, "esco", *args)
    assert (
        "warning: " in result.stderr
        and "skills_en.csv:" in result.stderr
        and "dropped the alias 'SPARQL'" in result.stderr
    )
    assert run_import(runner, "esco", *args, "--strict").exit_code == 1


def test_occupations_by_uri_or_alternative_label_and_a_hint_for_a_typo(runner, tmp_path):
    data, _ = imported(
        runner, tmp_path, "esco", str(ESCO), "--occupation", SCIENTIST, "--occupation", "data quality expert"
    )
    assert [r["id"] for r in data["roles"]] == ["data-scientist", "data-quality-specialist"]
    result = run_import(runner, "esco", str(ESCO), "--occupation", "data scientst")
    assert result.exit_code == 2 and "did you mean 'data scientist'" in result.stderr


def test_the_credit_sentence_and_the_modification_note(runner, tmp_path):
    _, catalog = imported(runner, tmp_path, "esco", str(ESCO), *ALL)
    source = catalog.sources["esco-v1.1.1"]  # the release from the folder's name
    assert source.note.startswith("This service uses the ESCO classification of the European Commission.")
    assert "Modified by upskill" in source.note
    result = runner.invoke(
        cli,
        [
            "plan",
            str(EXAMPLES / "ana-ruiz.yaml"),
            "--catalog",
            "default",
            "--catalog",
            str(tmp_path / "esco.yaml"),
            "--role",
            "data-analyst",
            "--format",
            "markdown",
            "--start",
            START,
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "in the ESCO classification v1.1.1 (European Commission, 2022-08-25)" in result.stdout


def test_v1_2_layout_zip_with_reordered_extra_columns(runner, tmp_path):
    relations = list(csv.reader(io.StringIO((ESCO / "occupationSkillRelations.csv").read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["occupationUri", "occupationLabel", "skillUri", "skillLabel", "relationType", "skillType"])
    for occupation, relation, kind, skill in relations[1:]:
        writer.writerow([occupation, "x, with a comma", skill, "y", relation, kind])
    archive = tmp_path / "ESCO dataset - v1.2.0 - classification - en - csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("occupations_en.csv", "skills_en.csv"):
            zf.write(ESCO / name, name)
        zf.writestr("occupationSkillRelations_en.csv", out.getvalue())
    data, catalog = imported(runner, tmp_path, "esco", str(archive), *ALL)
    assert len(data["roles"]) == 3 and "esco-v1.2.0" in catalog.sources


def test_an_unknown_skill_uri_is_an_error_at_its_relation_line(runner, tmp_path):
    folder = copy_of(ESCO, tmp_path)
    edit_line(folder / "occupationSkillRelations.csv", 3, "skill/", "skill/0000")
    result = run_import(runner, "esco", str(folder), *ALL)
    assert result.exit_code == 1
    assert (
        "occupationSkillRelations.csv:3: skillUri: unknown skill 'http://data.europa.eu/esco/skill/0000"
        in result.stderr
    )


def test_an_unknown_relation_type_is_located(runner, tmp_path):
    folder = copy_of(ESCO, tmp_path)
    edit_line(folder / "occupationSkillRelations.csv", 5, "essential", "vital")
    result = run_import(runner, "esco", str(folder), *ALL)
    assert (
        result.exit_code == 1
        and "occupationSkillRelations.csv:5:2: relationType: unknown relation type" in result.stderr
    )


def test_a_row_after_multi_line_cells_is_located_at_its_first_line(runner, tmp_path):
    folder = copy_of(ESCO, tmp_path)
    path = folder / "skills_en.csv"
    lines = path.read_bytes().split(b"\n")  # as an editor counts lines: a cell's own line feeds too
    starts = [n for n, line in enumerate(lines, start=1) if line.startswith(b"KnowledgeSkillCompetence,")]
    record = starts[10]  # the 11th record, after records whose quoted cells span several lines
    assert record > 12
    lines[record - 1] = lines[record - 1].replace(b"KnowledgeSkillCompetence,", b"KnowledgeSkillCompetence,extra,", 1)
    path.write_bytes(b"\n".join(lines))
    result = run_import(runner, "esco", str(folder), *ALL)
    assert result.exit_code == 1
    assert f"skills_en.csv:{record}: this row has 14 comma-separated cells but the header has 13" in result.stderr
