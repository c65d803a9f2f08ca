"""`-o` (and batch's `--out`) never replaces a file the command reads: refused before anything is written.

Files are compared as the file system sees them, so a hard link, a symbolic link and another
spelling of the same path are all caught (upskill/write/clash.py).
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile

import pytest
import yaml

from tests.helpers import EXAMPLES, ROOT, START
from tests.taxonomy.helpers import ONET
from upskill.cli import cli

ANA = EXAMPLES / "ana-ruiz.yaml"
ROSTER = EXAMPLES / "roster.csv"
TEMPLATE = EXAMPLES / "templates" / "one-on-one.md.j2"
CATALOG = ROOT / "catalog"


def refused(result, name, what, option="-o"):
    """Exit 2, nothing on stdout, one line naming the input and what it is; no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"upskill: error: {option} would overwrite an input: "), lines[0]
    assert str(name) in lines[0] and f"({what})" in lines[0], lines[0]


def snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_ino) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def files(tmp_path):
    shutil.copy(ANA, tmp_path / "ana.yaml")
    shutil.copytree(CATALOG, tmp_path / "catalog")
    shutil.copy(TEMPLATE, tmp_path / "one-on-one.md.j2")
    shutil.copy(ROSTER, tmp_path / "roster.csv")
    return tmp_path


def test_plan_output_onto_a_catalog_file_is_refused(runner, files):
    before = snapshot(files / "catalog")
    skills = files / "catalog" / "skills.yaml"
    for catalog in (str(files / "catalog"), str(skills)):
        result = runner.invoke(
            cli, ["plan", str(files / "ana.yaml"), "--catalog", catalog, "--format", "json", "-o", str(skills)]
        )
        refused(result, skills, "the catalog")
    assert snapshot(files / "catalog") == before


def test_plan_output_onto_the_template_is_refused(runner, files):
    template = files / "one-on-one.md.j2"
    before = template.read_bytes()
    result = runner.invoke(cli, ["plan", str(files / "ana.yaml"), "--template", str(template), "-o", str(template)])
    refused(result, template, "the template")
    assert template.read_bytes() == before


def test_plan_output_onto_a_hard_link_symlink_or_other_spelling_of_the_profile_is_refused(runner, files):
    profile = files / "ana.yaml"
    os.link(profile, files / "hard.yaml")
    os.symlink(profile, files / "soft.yaml")
    (files / "sub").mkdir()
    before = snapshot(files)
    for target in ("hard.yaml", "soft.yaml", "sub/../ana.yaml", "./ana.yaml"):
        result = runner.invoke(cli, ["plan", str(profile), "--format", "json", "-o", str(files / target)])
        refused(result, profile, "the profile")
    assert snapshot(files) == before  # the hard link still shares the profile's inode: nothing was replaced


def test_plan_output_onto_a_new_file_or_another_file_is_fine(runner, files):
    (files / "old.json").write_text("{}", encoding="utf-8")
    for target in ("new.json", "old.json"):
        result = runner.invoke(cli, ["plan", str(files / "ana.yaml"), "--start", START, "-o", str(files / target)])
        assert result.exit_code == 0, result.stderr
        assert json.loads((files / target).read_text(encoding="utf-8"))


def test_fit_output_onto_its_inputs_is_refused(runner, files):
    skills = files / "catalog" / "skills.yaml"
    result = runner.invoke(
        cli, ["fit", str(files / "ana.yaml"), "--catalog", str(files / "catalog"), "--format", "csv", "-o", str(skills)]
    )
    refused(result, skills, "the catalog")
    os.link(files / "roster.csv", files / "roster-link.csv")
    result = runner.invoke(cli, ["fit", str(files / "roster.csv"), "-o", str(files / "roster-link.csv")])
    refused(result, files / "roster.csv", "the roster")
    folder = files / "profiles"
    folder.mkdir()
    shutil.copy(ANA, folder / "ana.json")
    result = runner.invoke(cli, ["fit", str(folder), "--format", "json", "-o", str(folder / "ana.json")])
    refused(result, folder / "ana.json", "the profile")
    assert (folder / "ana.json").read_bytes() == ANA.read_bytes()


def test_team_output_onto_its_inputs_is_refused(runner, files):
    template = files / "one-on-one.md.j2"
    roster = files / "roster.csv"
    before = snapshot(files)
    result = runner.invoke(cli, ["team", str(roster), "--template", str(template), "-o", str(template)])
    refused(result, template, "the template")
    os.link(roster, files / "team.csv")
    result = runner.invoke(cli, ["team", str(roster), "-o", str(files / "team.csv")])
    refused(result, roster, "the roster")
    skills = files / "catalog" / "skills.yaml"
    result = runner.invoke(cli, ["team", str(roster), "--catalog", str(files / "catalog"), "-o", str(skills)])
    refused(result, skills, "the catalog")
    assert {k: v for k, v in snapshot(files).items() if k != "team.csv"} == before


def test_batch_never_replaces_an_input_in_its_output_folder(runner, files):
    out = files / "out"
    out.mkdir()
    profile = out / "E1042.json"
    profile.write_text(json.dumps(yaml.safe_load(ANA.read_text(encoding="utf-8")), default=str), encoding="utf-8")
    before = profile.read_bytes()
    result = runner.invoke(cli, ["batch", str(profile), "--out", str(out), "--format", "json", "--force"])
    refused(result, profile, "the profile", option="--out")
    catalog = out / "team.json"  # the name of batch's team report in JSON
    shutil.copy(files / "catalog" / "skills.yaml", catalog)
    args = ["--catalog", str(catalog), "--format", "json", "--force"]
    result = runner.invoke(cli, ["batch", str(files / "ana.yaml"), "--out", str(out), *args])
    refused(result, catalog, "the catalog", option="--out")
    assert profile.read_bytes() == before and sorted(p.name for p in out.iterdir()) == ["E1042.json", "team.json"]


def test_catalog_import_onto_its_download_or_base_catalog_is_refused(runner, files):
    archive = files / "onet.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(ONET.iterdir()):
            zf.write(path, f"db_29_2_text/{path.name}")
    folder = files / "onet"
    shutil.copytree(ONET, folder)
    skills = files / "catalog" / "skills.yaml"
    before = archive.read_bytes(), snapshot(folder), snapshot(files / "catalog")
    base = ["--catalog", str(files / "catalog"), "--occupation", "15-2051.00"]
    for source, target, name, what in (
        (archive, archive, archive, "the download"),
        (folder, folder / "Skills.txt", folder / "Skills.txt", "the download"),
        (folder, skills, skills, "the base catalog"),
    ):
        result = runner.invoke(cli, ["catalog", "import", "onet", str(source), *base, "-o", str(target)])
        refused(result, name, what)
    assert (archive.read_bytes(), snapshot(folder), snapshot(files / "catalog")) == before


def test_output_onto_the_settings_file_is_refused(runner, files, monkeypatch):
    monkeypatch.chdir(files)
    settings = files / "upskill.toml"
    settings.write_text("[plan]\nhours_per_week = 3\n", encoding="utf-8")
    before = settings.read_bytes()
    result = runner.invoke(cli, ["plan", "ana.yaml", "--format", "json", "-o", "upskill.toml"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "upskill: using settings from upskill.toml",
        "upskill: error: -o would overwrite an input: upskill.toml (the settings file); choose another file",
    ]
    assert settings.read_bytes() == before
