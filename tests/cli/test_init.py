"""`upskill init`: a starter profile, settings file and roster template that read back as written."""

from __future__ import annotations

import re

import pytest

from upskill.cli import cli
from upskill.cli.config import _keys, _leaves


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_profile_for_a_role_validates_and_plans_as_written(runner, here):
    made = runner.invoke(cli, ["init", "--role", "ai-content-strategist", "-o", "new.yaml"])
    assert made.exit_code == 0, made.stderr
    text = (here / "new.yaml").read_text(encoding="utf-8")
    assert text.startswith("# A starter profile for the role AI content strategist")
    assert "target_role: ai-content-strategist" in text
    assert "  prompt-engineering: 0" in text and "# Prompt engineering: the role needs 3 (intermediate)" in text
    checked = runner.invoke(cli, ["validate", "new.yaml"])
    assert checked.exit_code == 0, checked.stderr
    assert "warning" not in checked.stderr
    planned = runner.invoke(cli, ["plan", "new.yaml", "--format", "markdown", "--start", "2026-11-23"])
    assert planned.exit_code == 0, planned.stderr
    assert planned.stdout.startswith("# Learning plan: New Employee (E0001)")


def test_profile_to_standard_output_by_role_name(runner, here):
    made = runner.invoke(cli, ["init", "--role", "AI content strategist"])
    assert made.exit_code == 0, made.stderr
    assert "target_role: ai-content-strategist" in made.stdout
    assert list(here.iterdir()) == []
    dashed = runner.invoke(cli, ["init", "--role", "ml-engineer", "-o", "-"])
    assert dashed.exit_code == 0 and "target_role: ml-engineer" in dashed.stdout
    assert list(here.iterdir()) == []


def test_unknown_role_is_one_line_with_did_you_mean(runner, here):
    made = runner.invoke(cli, ["init", "--role", "ai-content-strat"])
    assert made.exit_code == 2
    assert made.stderr.strip().splitlines() == [
        "upskill: error: --role: unknown role 'ai-content-strat' (did you mean 'ai-content-strategist'?); "
        "see `upskill catalog roles`"
    ]
    assert made.stdout == ""


def test_profile_needs_a_role(runner, here):
    made = runner.invoke(cli, ["init"])
    assert made.exit_code == 2
    assert "give --role ROLE_ID" in made.stderr and "Traceback" not in made.stderr


def test_never_over_an_existing_file_without_force(runner, here):
    (here / "mine.yaml").write_text("keep me\n", encoding="utf-8")
    refused = runner.invoke(cli, ["init", "--role", "ml-engineer", "-o", "mine.yaml"])
    assert refused.exit_code == 2
    assert (
        refused.stderr.strip() == "upskill: error: mine.yaml exists; give --force to replace it, or choose another file"
    )
    assert (here / "mine.yaml").read_text(encoding="utf-8") == "keep me\n"
    forced = runner.invoke(cli, ["init", "--role", "ml-engineer", "-o", "mine.yaml", "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert "target_role: ml-engineer" in (here / "mine.yaml").read_text(encoding="utf-8")


def test_never_over_an_input_even_with_force(runner, here, catalog):
    (here / "ours.yaml").write_text("skills: []\n", encoding="utf-8")
    refused = runner.invoke(
        cli,
        [
            "init",
            "--role",
            "ml-engineer",
            "--catalog",
            "default",
            "--catalog",
            "ours.yaml",
            "-o",
            "ours.yaml",
            "--force",
        ],
    )
    assert refused.exit_code == 2
    assert "-o would overwrite an input: ours.yaml (the catalog)" in refused.stderr
    assert (here / "ours.yaml").read_text(encoding="utf-8") == "skills: []\n"
    (here / "upskill.toml").write_text("strict = false\n", encoding="utf-8")
    refused = runner.invoke(cli, ["init", "--config", "-o", "upskill.toml", "--force"])
    assert refused.exit_code == 2
    assert "would overwrite an input: upskill.toml (the settings file)" in refused.stderr
    assert (here / "upskill.toml").read_text(encoding="utf-8") == "strict = false\n"


def _starter_config(runner) -> str:
    made = runner.invoke(cli, ["init", "--config"])
    assert made.exit_code == 0, made.stderr
    return made.stdout


def test_starter_config_names_every_setting_the_settings_file_accepts(runner, here):
    text = _starter_config(runner)
    written = set(re.findall(r"^# ([a-z_]+) = ", text, flags=re.MULTILINE))
    # every option a file can set (as cli/config.py reads them), each by one of its keys
    for path, command in _leaves(cli):
        params = {id(p): p for p in _keys(command).values()}
        for param in params.values():
            keys = {k for k, p in _keys(command).items() if p is param}
            assert keys & written, f"{' '.join(path)} --{param.name} is missing from the starter upskill.toml"
    assert "# hours_per_week = " in text and "# strict = false" in text and "[plan]" in text


def test_starter_config_reads_back_as_written_and_with_its_defaults_uncommented(runner, here):
    (here / "upskill.toml").write_text(_starter_config(runner), encoding="utf-8")
    as_written = runner.invoke(cli, ["catalog", "roles"])
    assert as_written.exit_code == 0, as_written.stderr
    lines = (here / "upskill.toml").read_text(encoding="utf-8").splitlines()
    opened = [
        line[2:] if re.match(r"# [a-z_]+ = ", line) and "no default" not in lines[i - 1] else line
        for i, line in enumerate(lines)
    ]
    assert sum(a != b for a, b in zip(lines, opened, strict=True)) > 10
    (here / "upskill.toml").write_text("\n".join(opened) + "\n", encoding="utf-8")
    uncommented = runner.invoke(cli, ["catalog", "roles"])
    assert uncommented.exit_code == 0, uncommented.stderr
    assert "upskill: using settings from upskill.toml" in uncommented.stderr


@pytest.mark.parametrize("name", ["team.csv", "team.xlsx"])
def test_roster_template_reads_back_in_validate_and_batch(runner, here, name, catalog):
    made = runner.invoke(cli, ["init", "--roster", name, "--role", "ml-engineer"])
    assert made.exit_code == 0, made.stderr
    assert made.stderr.strip() == f"upskill: wrote {name}"
    checked = runner.invoke(cli, ["validate", name])
    assert checked.exit_code == 0, checked.stderr
    assert "warning" not in checked.stderr
    planned = runner.invoke(cli, ["batch", name, "--out", "plans", "--format", "json", "--start", "2026-11-23"])
    assert planned.exit_code == 0, planned.stderr
    assert (here / "plans" / "E0001.json").exists()
    again = runner.invoke(cli, ["init", "--roster", name])
    assert again.exit_code == 2 and "exists; give --force" in again.stderr


def test_roster_template_has_hr_headers_and_every_catalog_skill(runner, here, catalog):
    made = runner.invoke(cli, ["init", "--roster", "-"])
    assert made.exit_code == 0, made.stderr
    header, example = made.stdout.splitlines()[:2]
    assert header.startswith("Employee ID,Name,Job title,Target role,Learning hours per week,Deadline")
    for skill in catalog.skills.values():
        assert skill.name in header
    assert example.startswith("E0001,New Employee,,")


def test_xlsx_template_is_a_workbook_a_spreadsheet_opens(runner, here, catalog):
    openpyxl = pytest.importorskip("openpyxl")
    assert runner.invoke(cli, ["init", "--roster", "team.xlsx"]).exit_code == 0
    sheet = openpyxl.load_workbook(here / "team.xlsx").active
    assert sheet["A1"].value == "Employee ID" and sheet["A1"].font.b
    assert sheet["A2"].value == "E0001" and sheet["E2"].value == 4
    assert sheet.max_column == 9 + len(catalog.skills)
    first = (here / "team.xlsx").read_bytes()
    assert runner.invoke(cli, ["init", "--roster", "team.xlsx", "--force"]).exit_code == 0
    assert (here / "team.xlsx").read_bytes() == first  # deterministic


def test_roster_other_extension_and_mixed_modes_are_usage_errors(runner, here):
    wrong = runner.invoke(cli, ["init", "--roster", "team.txt"])
    assert wrong.exit_code == 2 and "name a .csv or .xlsx file" in wrong.stderr
    both = runner.invoke(cli, ["init", "--config", "--roster", "team.csv"])
    assert both.exit_code == 2 and "give one" in both.stderr
    assert list(here.iterdir()) == []
