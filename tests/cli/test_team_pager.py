"""`upskill team` in a terminal: paged as git pages, with the heatmap's legends before it.

A team of 300 printed ~1,000 lines, the colour legend after all of them. Now, when standard
output is a terminal and the view is taller than it, the text goes through $PAGER (else
`less -FRX`); `--no-pager` prints it directly, and output that is not a terminal never pages.
The slow tests run the command on a real pseudo-terminal with PAGER set to a command that keeps
what it was given.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.golden_cases import ROSTER
from tests.helpers import START
from upskill.cli import cli
from upskill.cli.pager import pager_command

UPSKILL = str(Path(sys.executable).with_name("upskill"))
COLOURS = "red: 2+ levels below target"


def _on_a_terminal(args: list[str], env: dict[str, str], rows: int, cols: int = 100) -> tuple[int, str]:
    """Run upskill with stdout on a pseudo-terminal of `rows` x `cols`: (exit status, what the screen got)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PAGER", "NO_COLOR")}
    process = subprocess.Popen(
        [UPSKILL, *args], stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, env={**full_env, **env}
    )
    os.close(slave)
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError("no output for 60 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    return process.wait(timeout=60), screen.decode("utf-8", "replace")


TEAM = ["team", ROSTER, "--start", START, "--jobs", "1"]


@pytest.mark.slow
def test_a_view_taller_than_the_terminal_goes_through_the_pager(tmp_path):
    paged = tmp_path / "paged.txt"
    status, screen = _on_a_terminal(TEAM, {"PAGER": f"cat > '{paged}'"}, rows=20)
    assert status == 0
    text = paged.read_text(encoding="utf-8")
    assert "Team skills report" in text and "Team skills report" not in screen
    assert text.index(COLOURS) < text.index("Kwame Mensah")  # the legend before the heatmap
    assert "\x1b[" in text  # the colours, which `less -R` shows


@pytest.mark.slow
@pytest.mark.parametrize(
    "args,env,rows",
    [
        (["--no-pager"], {}, 20),  # asked not to
        ([], {"PAGER": ""}, 20),  # an empty PAGER means none, as for git
        ([], {}, 1000),  # it fits on the screen
    ],
    ids=["no-pager", "empty-PAGER", "fits"],
)
def test_no_pager_when_asked_or_when_it_fits(tmp_path, args, env, rows):
    paged = tmp_path / "paged.txt"
    status, screen = _on_a_terminal([*TEAM, *args], {"PAGER": f"cat > '{paged}'", **env}, rows=rows)
    assert status == 0
    assert not paged.exists()
    assert "Team skills report" in screen and COLOURS in screen


@pytest.mark.slow
def test_a_pager_that_is_not_there_prints_the_view_itself(tmp_path):
    status, screen = _on_a_terminal(TEAM, {"PAGER": "no-such-pager-here"}, rows=20)
    assert status == 0 and "Team skills report" in screen


@pytest.mark.slow
def test_never_a_pager_when_stdout_is_not_a_terminal(tmp_path):
    marker = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"touch '{marker}'", "LINES": "5"}
    result = subprocess.run([UPSKILL, *TEAM, "--format", "table"], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0 and b"Team skills report" in result.stdout
    assert not marker.exists()


def test_the_legends_come_before_the_heatmap(runner):
    result = runner.invoke(cli, [*TEAM, "--format", "table"], env={"COLUMNS": "100", "PAGER": "false"})
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    heatmap = text.index("Heatmap: current/target level")
    assert heatmap < text.index(COLOURS) < text.index("17 Time management") < text.index("Kwame Mensah")


@pytest.mark.parametrize(
    "pager,expected", [(None, "less -FRX"), ("", None), ("cat", None), ("most -s", "most -s"), ("  ", None)]
)
def test_pager_command_honours_pager(monkeypatch, pager, expected):
    if pager is None:
        monkeypatch.delenv("PAGER", raising=False)
        monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/less")
    else:
        monkeypatch.setenv("PAGER", pager)
    assert pager_command() == expected
