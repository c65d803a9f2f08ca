"""Names holding terminal escape sequences print escaped in every table upskill shows on a terminal.

A skill, role, resource or person named `ESC]0;...BEL` retitled the reader's terminal, `ESC[2J`
cleared it, C1 controls (U+009B is CSI on some terminals) and bidi overrides (U+202E) reorder what
is shown. Tables now print them escaped, as error messages do (`\\x1b`, `\\u202e`).
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import START
from upskill.cli import cli

# Each sequence a name can hold, in YAML's double-quoted escapes.
SEQUENCES = {
    "title": r"\e]0;pwned\a",
    "clear": r"\e[2J",
    "colour": r"\x1b[31m",
    "csi-c1": r"\x9b2J",
    "osc-c1": r"\x9d0;t\x9c",
    "delete": r"\x7f",
    "nul": r"\0",
    "bidi": r"\u202e",
    "isolate": r"\u2066",
}
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours rich itself writes, with --color only


def hostile_files(tmp_path, sequence):
    (tmp_path / "cat.yaml").write_text(
        f"""\
sources:
  - {{id: s1, publisher: "Pub{sequence}", title: "Study{sequence}", date: 2025-01-01}}
skills:
  - id: base
    name: "Base{sequence}"
    category: "cat{sequence}"
    demand: {{score: 0.5, source: s1}}
    resources:
      - {{title: "Book{sequence}", kind: formal, hours: 6, from: 0, to: 5}}
roles:
  - id: r
    name: "Role{sequence}"
    requires:
      base: 3
""",
        encoding="utf-8",
    )
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "p.yaml").write_text(
        f'employee: {{id: E1, name: "Eve{sequence}", target_role: r, deadline: 2027-01-04}}\nskills: {{base: 1}}\n',
        encoding="utf-8",
    )
    return str(tmp_path / "people" / "p.yaml"), str(tmp_path / "cat.yaml")


def controls(text):
    """The characters that drive a terminal: C0 but the line feed, DEL, C1, and the bidi controls."""
    return [hex(ord(c)) for c in text if not c.isprintable() and c != "\n"]


COMMANDS = {
    "plan": ["plan", "{p}", "--catalog", "{c}", "--format", "table", "--explain", "--start", START],
    "fit": ["fit", "{p}", "--catalog", "{c}", "--format", "table", "--explain", "--start", START],
    "fit-roster": ["fit", "{folder}", "--catalog", "{c}", "--format", "table", "--start", START],
    "team": ["team", "{p}", "--catalog", "{c}", "--format", "table", "--start", START, "--min-group", "1"],
    "catalog-list": ["catalog", "list", "--catalog", "{c}"],
    "catalog-roles": ["catalog", "roles", "--catalog", "{c}"],
    "catalog-show": ["catalog", "show", "base", "--catalog", "{c}"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_no_control_character_reaches_the_terminal(runner, tmp_path, command, name):
    profile, catalog = hostile_files(tmp_path, SEQUENCES[name])
    args = [a.format(p=profile, c=catalog, folder=str(tmp_path / "people")) for a in COMMANDS[command]]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert controls(result.stdout) == [], result.stdout
    assert "\\x" in result.stdout or "\\u" in result.stdout  # escaped, visibly


@pytest.mark.parametrize("command", ["plan", "team"])
def test_with_colour_on_only_rich_s_own_colours_are_escape_codes(runner, tmp_path, command):
    profile, catalog = hostile_files(tmp_path, SEQUENCES["title"] + SEQUENCES["clear"] + SEQUENCES["csi-c1"])
    args = [a.format(p=profile, c=catalog, folder=str(tmp_path / "people")) for a in COMMANDS[command]]
    result = runner.invoke(cli, ["--color", *args])
    assert result.exit_code == 0, result.stderr
    assert SGR.search(result.stdout), "colour was asked for"
    assert controls(SGR.sub("", result.stdout)) == []
    assert "Eve\\x1b]0;pwned" in SGR.sub("", result.stdout)


def test_escaping_keeps_the_styles_on_their_characters():
    import io

    from rich.text import Text

    from upskill.render.terminal import make_console

    buffer = io.StringIO()
    console = make_console(file=buffer, color=True, width=80)
    console.print(Text.assemble(("A\x1b[2J", "bold"), " ", ("B", "red")))
    out = buffer.getvalue()
    assert "\x1b[1mA\\x1b[2J\x1b[0m" in out and "\x1b[31mB\x1b[0m" in out
