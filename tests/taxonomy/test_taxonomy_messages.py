"""What `catalog import` tells a user about a download that is only half there, or an occupation with no data."""

from __future__ import annotations

import shlex
import shutil
import zipfile

from tests.taxonomy.helpers import ESCO, ONET, copy_of, imported, run_import

QUALITY = "http://data.europa.eu/esco/occupation/7086d0ca-1e77-4690-89c9-7ed1a0478fa3"  # data quality specialist


def one_error(result):
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("upskill: error: "), lines
    return lines[0]


def esco_halves(tmp_path):
    """ESCO's two downloads: the English one (a zip, as published) and the language-independent one (a folder)."""
    english = tmp_path / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
    with zipfile.ZipFile(english, "w") as zf:
        for name in ("occupations_en.csv", "skills_en.csv"):
            zf.write(ESCO / name, name)
    independent = tmp_path / "independent"
    independent.mkdir()
    shutil.copy(ESCO / "occupationSkillRelations.csv", independent)
    return english, independent


def test_the_language_download_alone_says_the_relations_are_in_the_other_and_how_to_give_both(runner, tmp_path):
    english, independent = esco_halves(tmp_path)
    line = one_error(run_import(runner, "esco", str(english), "--occupation", "data scientist"))
    assert "no occupationSkillRelations.csv" in line and "language-independent download" in line
    command = f"upskill catalog import esco {shlex.quote(str(english))} ESCO-LANGUAGE-INDEPENDENT.zip"
    assert line.endswith(f"give both: {command} --occupation 'data scientist'"), line
    result = run_import(runner, "esco", str(english), str(independent), "--occupation", "data scientist")
    assert result.exit_code == 0, result.stderr  # the command it gives works


def test_the_language_independent_download_alone_asks_for_the_english_one(runner, tmp_path):
    _, independent = esco_halves(tmp_path)
    line = one_error(run_import(runner, "esco", str(independent), "--occupation", "data scientist"))
    assert "no occupations_en.csv" in line and "download the English one too" in line
    assert line.endswith(f"upskill catalog import esco ESCO-EN.zip {independent} --occupation 'data scientist'")


def test_imported_esco_aliases_have_no_stray_commas(runner, tmp_path):
    data, _ = imported(runner, tmp_path, "esco", str(ESCO), "--occupation", "data analyst")
    aliases = [alias for skill in data["skills"] for alias in skill.get("aliases", ())]
    assert "OttoQL" in aliases and "OPath" in aliases  # `OttoQL,` and `OPath,` in skills_en.csv
    assert [a for a in aliases if a != a.strip(" ,;")] == []


def test_an_onet_occupation_with_no_requirements_is_one_warning(runner, tmp_path):
    result = run_import(runner, "onet", str(ONET), "--occupation", "11-1011.00", "--occupation", "15-2051.00")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("upskill: warning:")]
    assert len(warnings) == 1 and "11-1011.00 (Chief Executives) yields no requirements" in warnings[0]
    result = run_import(runner, "onet", str(ONET), "--occupation", "15-2041.00", "--min-importance", "5")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("upskill: warning:")]
    assert len(warnings) == 1 and "15-2041.00" in warnings[0] and "--min-importance" in warnings[0]
    strict = run_import(runner, "onet", str(ONET), "--occupation", "11-1011.00", "--strict", "-o", str(tmp_path / "x"))
    assert strict.exit_code == 1 and not (tmp_path / "x").exists()


def test_an_esco_occupation_with_no_essential_skill_is_one_warning(runner, tmp_path):
    folder = copy_of(ESCO, tmp_path)
    path = folder / "occupationSkillRelations.csv"
    rows = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join(r for r in rows if not r.startswith(f"{QUALITY},essential".encode())))
    result = run_import(runner, "esco", str(folder), "--occupation", "data quality specialist")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("upskill: warning:")]
    assert len(warnings) == 1, result.stderr
    assert "'data quality specialist' yields no requirements" in warnings[0] and "--optional include" in warnings[0]
    result = run_import(runner, "esco", str(folder), "--occupation", "data quality specialist", "--optional", "include")
    assert "upskill: warning:" not in result.stderr
