"""Shell completion through click's own protocol (`_UPSKILL_COMPLETE`, COMP_WORDS, COMP_CWORD): commands,
options, formats, and the catalog's role and skill ids; never an error or a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from upskill.cli import cli


def complete(runner, words: str, shell: str = "bash", env: dict[str, str] | None = None) -> list[str]:
    """What the shell would offer for the last word of `words` (bash: COMP_CWORD is its index)."""
    parts = words.split(" ")
    result = runner.invoke(
        cli,
        [],
        prog_name="upskill",
        env={
            "_UPSKILL_COMPLETE": f"{shell}_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        },
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.stderr == ""
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if "," in line]


def test_role_ids_complete_after_role(runner):
    assert complete(runner, "upskill plan p.yaml --role ai-c") == ["ai-chatbot-developer", "ai-content-strategist"]
    assert "ml-engineer" in complete(runner, "upskill init --role ")
    assert "ml-engineer" in complete(runner, "upskill catalog coverage --role ")


def test_skill_ids_complete_for_catalog_show(runner):
    assert complete(runner, "upskill catalog show prompt") == ["prompt-engineering"]


def test_commands_options_and_formats_complete(runner):
    commands = complete(runner, "upskill ")
    assert {"plan", "batch", "team", "fit", "validate", "catalog", "init"} <= set(commands)
    assert "--hours-per-week" in complete(runner, "upskill plan p.yaml --hours")
    assert {"markdown", "json", "html", "ics"} <= set(complete(runner, "upskill plan p.yaml --format "))


def test_a_catalog_typed_on_the_line_gives_its_roles_and_a_broken_one_the_bundled(runner, tmp_path):
    ours = tmp_path / "ours.yaml"
    ours.write_text(
        "skills:\n  - {id: knitting, name: Knitting, category: craft}\n"
        "roles:\n  - {id: knitter, name: Knitter, requires: {knitting: 3}}\n",
        encoding="utf-8",
    )
    assert complete(runner, f"upskill plan p.yaml --catalog {ours} --role kn") == ["knitter"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("skills: [\n", encoding="utf-8")
    assert "ml-engineer" in complete(runner, f"upskill plan p.yaml --catalog {broken} --role ")


def test_completion_never_fails_even_without_a_readable_catalog(runner, monkeypatch):
    import upskill.load.catalog as loader

    def fail(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(loader, "load_catalog", fail)
    assert complete(runner, "upskill plan p.yaml --role ") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script(runner, shell):
    result = runner.invoke(cli, [], prog_name="upskill", env={"_UPSKILL_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0
    assert "_UPSKILL_COMPLETE" in result.stdout


@pytest.mark.slow
def test_the_installed_command_completes_role_ids():
    """Through the console script, as a shell runs it on Tab."""
    upskill = os.path.join(os.path.dirname(sys.executable), "upskill")
    env = {
        **os.environ,
        "_UPSKILL_COMPLETE": "bash_complete",
        "COMP_WORDS": "upskill init --role ml",
        "COMP_CWORD": "3",
    }
    done = subprocess.run([upskill], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.splitlines() == ["plain,ml-engineer"]


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("bash"), reason="needs bash")
def test_the_readme_bash_line_completes_role_ids_in_bash():
    """README's bash line, evaluated in a real bash, fills COMPREPLY on Tab (bash passes the command as $1)."""
    folder = os.path.dirname(sys.executable)
    script = (
        'eval "$(_UPSKILL_COMPLETE=bash_source upskill)"; '
        "COMP_WORDS=(upskill init --role ml); COMP_CWORD=3; _upskill_completion upskill; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {**os.environ, "PATH": folder + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run(["bash", "--norc", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ml-engineer"]
