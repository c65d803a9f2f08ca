"""What a user template may read and where its text may go: includes only of real files in its folder,
a template named by a settings file said on stderr, no `out` from a settings file, and `-o` of the
template's own kind."""

from __future__ import annotations

import os

import pytest

from tests.helpers import EXAMPLES, START
from upskill.cli import cli

SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"


def plan(runner, template, *extra, profile=None):
    profile = profile or str(EXAMPLES / "ana-ruiz.yaml")
    return runner.invoke(cli, ["plan", profile, "--start", START, "--template", str(template), *extra])


@pytest.fixture
def checkout(tmp_path):
    """An untrusted checkout: a templates folder, and a secret outside it."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "repo" / "templates"
    folder.mkdir(parents=True)
    return folder, home / ".ssh" / "id_rsa"


@pytest.mark.parametrize("tag", ["include", "import", "extends"])
def test_an_include_may_not_follow_a_link_out_of_the_folder(runner, checkout, tag):
    folder, secret = checkout
    os.symlink(secret, folder / "key.txt")
    statement = "{% import 'key.txt' as k %}" if tag == "import" else f"{{% {tag} 'key.txt' %}}"
    template = folder / "plan.md.j2"
    template.write_text(f"# Plan\n{statement}\n", encoding="utf-8")
    out = folder.parent / "plan.md"
    result = plan(runner, template, "-o", str(out))
    assert result.exit_code == 1
    assert f"{template}:2: cannot include 'key.txt'" in result.stderr and "outside" in result.stderr
    assert "PRIVATE KEY" not in result.stdout + result.stderr and not out.exists()


@pytest.mark.parametrize(
    "name,words",
    [("../secret.md.j2", "`..` is not allowed"), ("/etc/hostname", "absolute path"), ("sub/../../x.j2", "`..`")],
)
def test_an_include_by_an_absolute_name_or_dot_dot_is_refused(runner, checkout, name, words):
    folder, _ = checkout
    (folder.parent / "secret.md.j2").write_text("secret\n", encoding="utf-8")
    template = folder / "plan.md.j2"
    template.write_text(f"# Plan\n{{% include '{name}' %}}\n", encoding="utf-8")
    result = plan(runner, template)
    assert result.exit_code == 1
    assert f"{template}:2: cannot include" in result.stderr and words in result.stderr
    assert "secret" not in result.stdout


def test_the_template_itself_may_not_be_a_link_out_of_its_folder(runner, checkout):
    folder, secret = checkout
    os.symlink(secret, folder / "plan.md.j2")
    result = plan(runner, folder / "plan.md.j2")
    assert result.exit_code == 1 and "outside the template's folder" in result.stderr
    assert "PRIVATE KEY" not in result.stdout + result.stderr


def test_real_files_and_links_inside_the_folder_are_included(runner, checkout):
    folder, _ = checkout
    (folder / "parts").mkdir()
    (folder / "parts" / "head.md.j2").write_text("Head for {{ employee.id }}\n", encoding="utf-8")
    os.symlink(folder / "parts" / "head.md.j2", folder / "alias.md.j2")
    template = folder / "plan.md.j2"
    template.write_text("{% include 'parts/head.md.j2' %}{% include 'alias.md.j2' %}", encoding="utf-8")
    result = plan(runner, template)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Head for E1042\nHead for E1042\n"


# --- the settings file ----------------------------------------------------------------------------------


def test_a_template_named_by_the_settings_file_is_said_on_stderr(runner, checkout, monkeypatch):
    folder, _ = checkout
    (folder / "note.md.j2").write_text("note for {{ employee.id }}\n", encoding="utf-8")
    repo = folder.parent
    (repo / "pyproject.toml").write_text('[tool.upskill.plan]\ntemplate = "templates/note.md.j2"\n', encoding="utf-8")
    monkeypatch.chdir(repo)
    result = runner.invoke(cli, ["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--start", START])
    assert result.exit_code == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "--template" in line]
    assert said == [
        f"upskill: --template {os.path.join('templates', 'note.md.j2')} is set by 'tool.upskill.plan.template' "
        "in the settings file pyproject.toml"
    ]
    result = runner.invoke(cli, ["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--template", "templates/note.md.j2"])
    assert "is set by" not in result.stderr  # typed on the command line: nothing to say


@pytest.mark.parametrize("text", ['[batch]\nout = "/elsewhere"\n', 'out = "plans"\n'])
def test_out_from_a_settings_file_is_refused_like_output(runner, tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "upskill.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["batch", str(EXAMPLES / "ana-ruiz.yaml"), "--out", "o"])
    assert result.exit_code == 1 and not (tmp_path / "o").exists()
    line = result.stderr.splitlines()[0]
    assert line.startswith(f"upskill: error: upskill.toml:{text.count(chr(10))}:1: ")
    assert "cannot be set in a settings file" in line and "--out" in line


# --- the output's kind ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,output,words",
    [
        (
            "note.md.j2",
            "x.html",
            "name the output .md, or use a NAME.html.j2 template (HTML templates are autoescaped)",
        ),
        ("note.md.j2", "x.HTM", "names an HTML file"),
        ("note.txt.j2", "x.md", "name the output .txt, or use a NAME.md.j2 template"),
        ("page.html.j2", "x.md", "name the output .html"),
        ("note.md.j2", "x.json", "name the output .md"),
    ],
)
def test_an_output_of_another_kind_than_the_template_is_refused(runner, tmp_path, write, name, output, words):
    template = write(tmp_path, name, "<img src=x onerror=alert(1)>\n")
    out = tmp_path / output
    result = plan(runner, template, "-o", str(out))
    assert result.exit_code == 2 and words in result.stderr
    assert not out.exists()
    team = runner.invoke(cli, ["team", str(EXAMPLES / "roster.csv"), "--template", str(template), "-o", str(out)])
    assert team.exit_code == 2 and words in team.stderr


@pytest.mark.parametrize("name,output", [("note.md.j2", "x.markdown"), ("page.html.j2", "x.htm"), ("n.txt.j2", "x")])
def test_an_output_of_the_template_s_kind_is_written(runner, tmp_path, write, name, output):
    template = write(tmp_path, name, "{{ employee.id }}\n")
    result = plan(runner, template, "-o", str(tmp_path / output))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / output).read_text(encoding="utf-8") == "E1042\n"


def test_a_hostile_name_in_an_html_template_is_text(runner, tmp_path, write, make_profile):
    profile = write(tmp_path, "p.yaml", make_profile({"prompt-engineering": 1}, name="<img src=x onerror=alert(1)>"))
    template = write(tmp_path, "page.html.j2", "<p>{{ employee.name }}</p>\n")
    result = plan(runner, template, "-o", str(tmp_path / "page.html"), profile=str(profile))
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert html == "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"


# --- the one-on-one example -----------------------------------------------------------------------------

ONE_ON_ONE = EXAMPLES / "templates" / "one-on-one.md.j2"


def test_the_one_on_one_note_of_a_late_plan_has_the_help_and_the_pace(runner):
    kwame = str(EXAMPLES / "kwame-mensah.yaml")
    late = plan(runner, ONE_ON_ONE, profile=kwame)
    assert late.exit_code == 0, late.stderr
    assert "## Behind the deadline\n" in late.stdout
    # Human oversight of AI output 2 -> 3 is the next cycle, after the deadline: no pace meets it
    assert "- Pace: more learning time alone does not meet the deadline." in late.stdout
    # four skills side by side meets it: no outside help is offered (issue 25: the options in order)
    assert "More skills side by side would" in late.stdout and "- Help for step" not in late.stdout
    later = plan(runner, ONE_ON_ONE, "--start", "2027-01-04", profile=kwame)  # no pace is enough
    assert "- Pace: more learning time alone does not meet the deadline." in later.stdout
    assert "- Help for step 6 (Prompt engineering): Pair Kwame with a colleague" in later.stdout
    assert "freelance" not in later.stdout  # Data quality analysis is his own target: no hire
    on_time = plan(runner, ONE_ON_ONE)
    assert on_time.exit_code == 0 and "Behind the deadline" not in on_time.stdout
