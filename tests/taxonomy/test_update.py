"""`catalog import onet|esco ... --update OLD -o NEW`: ids kept by source id, nothing duplicated, and a report
that names exactly the changes between two releases (tests/taxonomy/releases.py makes the second one)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.taxonomy.helpers import ESCO, ONET, run_import
from tests.taxonomy.releases import esco_next, onet_next
from upskill.load.catalog import load_catalog

ROLE = "role 'Data scientist' (data-scientist)"


def _old(runner, tmp_path: Path, taxonomy: str, download: Path, occupation: str) -> Path:
    out = tmp_path / f"old-{taxonomy}.yaml"
    result = run_import(runner, taxonomy, str(download), "--occupation", occupation, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def _changes(stderr: str) -> list[str]:
    return [line[2:] for line in stderr.splitlines() if line.startswith("- ")]


def _ids(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: [entry["id"] for entry in data.get(key, ())] for key in ("skills", "roles")}


def test_each_imported_skill_and_role_keeps_its_source_id_and_release(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    data = yaml.safe_load(old.read_text(encoding="utf-8"))
    assert all(s["release"] == {"esco": "1.1.1"} and "esco" in s["refs"] for s in data["skills"])
    assert data["roles"][0]["release"] == {"esco": "1.1.1"}
    onet = _old(runner, tmp_path, "onet", ONET, "15-2051.00")
    text = onet.read_text(encoding="utf-8")
    assert "release:\n    onet: '29.2'" in text  # quoted: a release is text, never the number 29.2
    role = load_catalog(["default", onet]).roles["data-scientists"]
    assert role.refs == (("onet", "15-2051.00"),) and role.release == (("onet", "29.2"),)


def test_esco_update_reports_exactly_the_four_changes_and_keeps_ids(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    new = tmp_path / "new.yaml"
    result = run_import(runner, "esco", str(esco_next(tmp_path)), "--update", str(old), "-o", str(new))
    assert result.exit_code == 0, result.stderr
    assert "# Changes from ESCO 1.1.1 to 1.2.0" in result.stderr
    assert sorted(_changes(result.stderr)) == sorted(
        [
            "'build recommender systems' (build-recommender-systems) is now 'design recommender systems'",
            "'manage open publications' (manage-open-publications) is no longer in the release",
            f"{ROLE} requires 'analyse big data' at level 3",
            f"{ROLE} no longer requires 'manage open publications' (retired)",
            f"{ROLE}: 'think abstractly' moved from essential to optional (optional skills are left out)",
        ]
    )
    before, after = _ids(old), _ids(new)
    assert after["roles"] == before["roles"] == ["data-scientist"]
    assert set(after["skills"]) == set(before["skills"]) - {"manage-open-publications", "think-abstractly"} | {
        "analyse-big-data"
    }
    assert len(after["skills"]) == len(set(after["skills"]))  # nothing duplicated
    catalog = load_catalog(["default", new])
    renamed = catalog.skills["build-recommender-systems"]
    assert renamed.name == "design recommender systems" and renamed.release == (("esco", "1.2.0"),)
    assert catalog.find_skill("build recommender systems") == "build-recommender-systems"  # the old name still works


def test_an_update_with_optional_skills_says_the_relation_moved(runner, tmp_path):
    out = tmp_path / "old.yaml"
    args = ("--occupation", "data scientist", "--optional", "include")
    assert run_import(runner, "esco", str(ESCO), *args, "-o", str(out)).exit_code == 0
    new = tmp_path / "new.yaml"
    result = run_import(
        runner, "esco", str(esco_next(tmp_path)), "--optional", "include", "--update", str(out), "-o", str(new)
    )
    assert result.exit_code == 0, result.stderr
    assert f"{ROLE}: 'think abstractly' moved from essential to optional" in _changes(result.stderr)
    assert yaml.safe_load(new.read_text())["roles"][0]["requires"]["think-abstractly"]["weight"] == 0.5


def test_onet_update_reports_exactly_the_four_changes(runner, tmp_path):
    old = _old(runner, tmp_path, "onet", ONET, "15-2051.00")
    new = tmp_path / "new.yaml"
    result = run_import(runner, "onet", str(onet_next(tmp_path)), "--update", str(old), "-o", str(new))
    assert result.exit_code == 0, result.stderr
    assert "# Changes from O*NET 29.2 to 29.3" in result.stderr
    role = "role 'Data Scientists' (data-scientists)"
    assert sorted(_changes(result.stderr)) == sorted(
        [
            "'Reading Comprehension' (reading-comprehension) is now 'Reading Comprehension and Analysis'",
            "'Programming' (programming) is no longer in the release",
            f"{role} requires 'Speaking' at level 3",
            f"{role} no longer requires 'Programming' (retired)",
            f"{role}: 'Critical thinking' from level 3, weight 1.72 to level 4, weight 1.72",
        ]
    )
    assert _ids(new)["roles"] == _ids(old)["roles"]


def test_the_same_release_again_reports_no_changes(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    new = tmp_path / "new.yaml"
    result = run_import(runner, "esco", str(ESCO), "--update", str(old), "-o", str(new))
    assert result.exit_code == 0, result.stderr
    assert "No changes to these roles and skills." in result.stderr
    assert new.read_bytes() == old.read_bytes()


def test_profiles_and_plans_naming_an_affected_skill_are_listed(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    people = tmp_path / "people"
    people.mkdir()
    (people / "ana.yaml").write_text("employee: {id: E1, name: Ana}\nskills:\n  Manage open publications: 2\n")
    (people / "bo.yaml").write_text("employee: {id: E2, name: Bo}\nskills:\n  statistics: 2\n")
    plan = tmp_path / "plan.md"
    plan.write_text("1. Build recommender systems: pair with a colleague\n")
    report = tmp_path / "changes.json"
    result = run_import(
        runner,
        "esco",
        str(esco_next(tmp_path)),
        "--update",
        str(old),
        "--check-profiles",
        str(people),
        "--check-profiles",
        str(plan),
        "--report",
        str(report),
        "-o",
        str(tmp_path / "new.yaml"),
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(report.read_text())
    assert data["schema"] == "upskill.catalog-update/1" and (data["from"], data["to"]) == ("1.1.1", "1.2.0")
    assert data["affected"] == [
        {"file": str(people / "ana.yaml"), "skills": ["manage-open-publications"]},
        {"file": str(plan), "skills": ["build-recommender-systems"]},
    ]
    assert len(data["changes"]) == 5
    assert f"- {people / 'ana.yaml'}: manage open publications (manage-open-publications)" in result.stderr


def test_update_never_writes_over_an_input(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    before = old.read_bytes()
    result = run_import(runner, "esco", str(esco_next(tmp_path)), "--update", str(old), "-o", str(old))
    assert result.exit_code == 2
    assert "--update" in result.stderr and old.read_bytes() == before
    result = run_import(runner, "esco", str(ESCO), "--update", str(old), "--report", str(old), "-o", "x.yaml")
    assert result.exit_code == 2 and old.read_bytes() == before


def test_update_of_a_catalog_from_the_other_taxonomy_is_a_located_usage_error(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    result = run_import(runner, "onet", str(ONET), "--update", str(old))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"upskill: error: {old}: it has no role imported from onet")


def test_update_options_without_update_and_no_occupation_are_usage_errors(runner, tmp_path):
    assert run_import(runner, "esco", str(ESCO), "--occupation", "data scientist", "--report", "r.md").exit_code == 2
    result = run_import(runner, "esco", str(ESCO))
    assert result.exit_code == 2 and "missing --occupation" in result.stderr


def test_a_release_naming_no_ref_is_a_located_catalog_error(tmp_path):
    import pytest

    from upskill.errors import UpskillError

    path = tmp_path / "c.yaml"
    path.write_text("skills:\n- id: x\n  name: X\n  refs: {esco: 'http://e/1'}\n  release: {onet: '29.2'}\n")
    with pytest.raises(UpskillError) as caught:
        load_catalog(["default", path])
    assert caught.value.problems[0].line == 5 and "refs" in caught.value.problems[0].message


def test_a_skill_moved_to_a_new_uri_is_reported_replaced_once(runner, tmp_path):
    from tests.taxonomy.releases import esco_replaced

    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    new = tmp_path / "new.yaml"
    result = run_import(runner, "esco", str(esco_replaced(tmp_path)), "--update", str(old), "-o", str(new))
    assert result.exit_code == 0, result.stderr
    assert _changes(result.stderr) == [
        "'manage open publications' (manage-open-publications) is replaced by "
        "'manage open access publications' (manage-open-access-publications)",
        f"{ROLE} requires 'manage open access publications' in place of 'manage open publications'",
    ]


def test_an_occupation_added_to_an_update_is_a_new_role(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    new = tmp_path / "new.yaml"
    result = run_import(runner, "esco", str(ESCO), "--update", str(old), "--occupation", "data analyst", "-o", str(new))
    assert result.exit_code == 0, result.stderr
    assert _changes(result.stderr) == ["'Data analyst' (data-analyst) is new"]
    assert _ids(new)["roles"] == ["data-scientist", "data-analyst"]


def test_validate_accepts_an_imported_catalog_with_its_releases(runner, tmp_path):
    from tests.helpers import check
    from upskill.cli import cli

    old = _old(runner, tmp_path, "onet", ONET, "15-2051.00")
    result = check(runner.invoke(cli, ["validate", "--catalog", "default", str(old)]))
    assert result.exit_code == 0, result.stderr
    old.write_text(old.read_text().replace("release:\n    onet:", "release:\n    esco:", 1))
    result = check(runner.invoke(cli, ["validate", "--catalog", "default", str(old)]))
    errors = [line for line in result.stderr.splitlines() if line.startswith("upskill: error:")]
    assert result.exit_code == 1 and len(errors) == 1 and errors[0].startswith(f"upskill: error: {old}:")
    assert "a release of 'esco', which `refs` does not name" in errors[0]


def test_an_occupation_the_new_release_drops_is_reported_retired_not_an_error(runner, tmp_path):
    import shutil

    from tests.taxonomy.releases import read_rows, write_rows

    out = tmp_path / "old.yaml"
    args = ("--occupation", "data scientist", "--occupation", "data analyst", "-o", str(out))
    assert run_import(runner, "esco", str(ESCO), *args).exit_code == 0
    release = tmp_path / "esco-v1.2.0"
    shutil.copytree(ESCO, release)
    header, rows = read_rows(ESCO / "occupations_en.csv")
    write_rows(release / "occupations_en.csv", header, [row for row in rows if row["preferredLabel"] != "data analyst"])
    people = tmp_path / "bo.yaml"
    people.write_text("employee: {id: E2, name: Bo, target_role: data-analyst}\n")
    new = tmp_path / "new.yaml"
    result = run_import(
        runner, "esco", str(release), "--update", str(out), "--check-profiles", str(people), "-o", str(new)
    )
    assert result.exit_code == 0, result.stderr
    assert _changes(result.stderr) == [
        "'Data analyst' (data-analyst) is no longer in the release",
        f"{people}: Data analyst (data-analyst)",
    ]
    assert _ids(new)["roles"] == ["data-scientist"]


def test_a_checked_file_that_is_not_utf8_is_still_searched(runner, tmp_path):
    old = _old(runner, tmp_path, "esco", ESCO, "data scientist")
    roster = tmp_path / "roster.csv"
    roster.write_bytes("id,name,manage_open_publications\r\nE1,Ren\xe9e,2\r\n".encode("cp1252"))
    args = ("--update", str(old), "--check-profiles", str(roster), "-o", str(tmp_path / "new.yaml"))
    result = run_import(runner, "esco", str(esco_next(tmp_path)), *args)
    assert result.exit_code == 0, result.stderr
    assert f"- {roster}: manage open publications (manage-open-publications)" in result.stderr
