"""`--template FILE`: the user's own Jinja2 template, sandboxed, with located errors and nothing half-written."""

from __future__ import annotations

import pytest

from tests.helpers import EXAMPLES, ROOT, START
from upskill.cli import cli

TEMPLATES = sorted(p for p in (ROOT / "examples" / "templates").glob("*.j2") if not p.name.startswith("team-"))
TEAM_TEMPLATES = sorted((ROOT / "examples" / "templates").glob("team-*.j2"))


def test_the_example_templates_the_docs_name_are_there():
    """The parametrized tests below run once per template found: with none, they would check nothing."""
    assert {"one-on-one.md.j2", "ticket.md.j2"} <= {p.name for p in TEMPLATES}
    assert "team-brief.md.j2" in {p.name for p in TEAM_TEMPLATES}


def plan(runner, template, *extra, profile="ana-ruiz.yaml"):
    return runner.invoke(cli, ["plan", str(EXAMPLES / profile), "--start", START, "--template", str(template), *extra])


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
@pytest.mark.parametrize("profile", ["ana-ruiz.yaml", "yusuf-demir.yaml", "sofia-lindqvist.yaml"])
def test_the_bundled_examples_render_every_example(runner, template, profile):
    result = plan(runner, template, profile=profile)
    assert result.exit_code == 0, result.stderr
    assert "Learning plan" in result.stdout or "One-on-one" in result.stdout


def test_a_template_sees_the_json_fields(runner, tmp_path, write):
    template = write(tmp_path, "note.md.j2", "{{ employee.id }} {{ plan.schema }} {{ steps[0].skill }}\n")
    result = plan(runner, template)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "E1042 upskill.plan/3 content-creation\n"


def test_a_misspelt_name_is_an_error_at_its_line_and_nothing_is_written(runner, tmp_path, write):
    template = write(tmp_path, "note.md.j2", "# {{ employee.name }}\n\n{{ employe.id }}\n")
    out = tmp_path / "note.md"
    result = plan(runner, template, "-o", str(out))
    assert result.exit_code == 1
    assert f"{template}:3: 'employe' is undefined" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_syntax_error_names_the_template_and_line(runner, tmp_path, write):
    template = write(tmp_path, "note.md.j2", "ok\n{% for s in steps %}\n{{ s.name }\n")
    result = plan(runner, template)
    assert result.exit_code == 1
    assert f"{template}:3: template syntax error" in result.stderr


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ employee.__class__.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ 'x' * 100000000 }}",
        "{{ 10 ** 100000000 }}",
    ],
)
def test_the_sandbox_refuses_internals_and_huge_values(runner, tmp_path, write, escape):
    template = write(tmp_path, "evil.txt.j2", f"line one\n{escape}\n")
    result = plan(runner, template)
    assert result.exit_code == 1, result.stdout[:200]
    assert f"{template}:2:" in result.stderr and "Traceback" not in result.stderr


def test_output_stops_at_ten_megabytes(runner, tmp_path, write):
    template = write(tmp_path, "big.txt.j2", "{% for i in range(99999) %}{{ 'x' * 200 }}{% endfor %}\n")
    out = tmp_path / "big.txt"
    result = plan(runner, template, "-o", str(out))
    assert result.exit_code == 1 and "more than 10 MB" in result.stderr
    assert not out.exists()


def test_html_templates_are_autoescaped(runner, tmp_path, write, make_profile):
    profile = write(tmp_path, "p.yaml", make_profile({"prompt-engineering": 1}, name="<script>alert(1)</script>"))
    template = write(tmp_path, "page.html.j2", "<h1>{{ employee.name }}</h1>\n")
    result = runner.invoke(cli, ["plan", str(profile), "--start", START, "--template", str(template)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>\n"


@pytest.mark.parametrize("name", ["note.j2", "note.md", "note.docx.j2"])
def test_the_name_must_say_what_the_template_writes(runner, tmp_path, write, name):
    template = write(tmp_path, name, "x\n")
    result = plan(runner, template)
    assert result.exit_code == 2 and "NAME.md.j2" in result.stderr


def test_a_template_does_not_mix_with_format(runner, tmp_path, write):
    template = write(tmp_path, "note.md.j2", "x\n")
    result = plan(runner, template, "--format", "json")
    assert result.exit_code == 2 and "--template" in result.stderr


# --- in batch -------------------------------------------------------------------------------------------


def test_batch_writes_each_employee_s_file_with_the_template_s_suffix(runner, tmp_path):
    template = ROOT / "examples" / "templates" / "one-on-one.md.j2"
    out = tmp_path / "notes"
    args = ["batch", str(EXAMPLES / "roster.csv"), "--out", str(out), "--template", str(template), "--jobs", "2"]
    result = runner.invoke(cli, [*args, "--format", "json", "--start", START])
    assert result.exit_code == 0, result.stderr
    assert (out / "E1042.md").read_text(encoding="utf-8").startswith("# One-on-one: Ana Ruiz")
    assert (out / "E1042.json").exists()
    assert "[E1042](E1042.json)" in (out / "index.md").read_text(encoding="utf-8")


def test_batch_refuses_a_template_whose_files_clash_with_a_format(runner, tmp_path, write):
    template = write(tmp_path, "note.md.j2", "x\n")
    args = ["batch", str(EXAMPLES / "ana-ruiz.yaml"), "--out", str(tmp_path / "o"), "--template", str(template)]
    result = runner.invoke(cli, [*args, "--format", "markdown"])
    assert result.exit_code == 2 and "writes .md files, as --format markdown does" in result.stderr
    assert not (tmp_path / "o").exists()


def test_batch_stops_before_any_work_on_a_template_mistake(runner, tmp_path, write):
    template = write(tmp_path, "note.txt.j2", "{% if %}\n")
    result = runner.invoke(
        cli, ["batch", str(EXAMPLES / "ana-ruiz.yaml"), "--out", str(tmp_path / "o"), "--template", str(template)]
    )
    assert result.exit_code == 1 and f"{template}:1: template syntax error" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_mistake_at_render_time_fails_that_employee_with_its_line(runner, tmp_path, write):
    template = write(tmp_path, "note.txt.j2", "{{ employee.name }}\n{{ steps[0].nope }}\n")
    out = tmp_path / "o"
    result = runner.invoke(
        cli, ["batch", str(EXAMPLES / "ana-ruiz.yaml"), "--out", str(out), "--template", str(template)]
    )
    assert result.exit_code == 1 and f"{template}:2:" in result.stderr
    assert not (out / "E1042.txt").exists()


# --- upskill team --template ----------------------------------------------------------------------


def team(runner, template, *extra):
    roster = str(EXAMPLES / "roster.csv")
    return runner.invoke(cli, ["team", roster, "--start", START, "--template", str(template), *extra])


@pytest.mark.parametrize("template", TEAM_TEMPLATES, ids=lambda p: p.name)
def test_the_bundled_team_template_renders_the_example_roster(runner, template):
    result = team(runner, template)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Team brief: 17 people")
    # scheduled together, the example roster's first action is its cohort's group session
    assert "## What to do\n1. Run the group training in Python programming" in result.stdout


def test_a_team_template_sees_the_team_json(runner, tmp_path, write):
    template = write(tmp_path, "t.txt.j2", "{{ team.schema }} {{ totals.employees }} {{ actions | length }}\n")
    result = team(runner, template)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("upskill.team/3 17 ")


def test_a_team_template_mistake_is_located_and_nothing_is_written(runner, tmp_path, write):
    template = write(tmp_path, "t.md.j2", "# Team\n\n{{ totlas.employees }}\n")
    out = tmp_path / "brief.md"
    result = team(runner, template, "-o", str(out))
    assert result.exit_code == 1
    assert f"{template}:3:" in result.stderr and "totlas" in result.stderr
    assert not out.exists()


def test_a_team_template_does_not_mix_with_format(runner, tmp_path, write):
    template = write(tmp_path, "t.md.j2", "x\n")
    assert team(runner, template, "--format", "json").exit_code == 2
