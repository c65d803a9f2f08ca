"""Where the output goes and where the input comes from, when they are not ordinary files: empty paths,
a full disk, closed standard streams, options that are not numbers, encodings that are not text, and
Ctrl-C or SIGTERM outside a write (`-o` onto a FIFO or a device, and signals while `-o` writes, are
in tests/write/test_atomic.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers import EXAMPLES, ROOT, START
from upskill.cli import cli

ANA = str(EXAMPLES / "ana-ruiz.yaml")
ROSTER = str(EXAMPLES / "roster.csv")
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, device nodes and signals as on POSIX")


def run(*args: str, **kwargs):
    """upskill in a real process (its own file descriptors), from the repository root."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "upskill", *args], cwd=ROOT, timeout=60, **kwargs)


def shell(command: str):
    """A bash command line with $UPSKILL standing for the program, for redirections like `>&-`."""
    env = {**os.environ, "UPSKILL": f"'{sys.executable}' -m upskill"}
    return subprocess.run(
        ["bash", "-c", command.replace("$UPSKILL", env["UPSKILL"])], cwd=ROOT, env=env, capture_output=True, timeout=60
    )


def one_error_line(stderr: bytes, *, last: str | None = None) -> str:
    """stderr is one `upskill: error:` line (and, for commands that always end with one, a summary)."""
    text = stderr.decode()
    assert "Traceback" not in text and "internal error" not in text, text
    lines = text.splitlines()
    if last is not None:
        assert lines and lines[-1].startswith(last), text
        lines = lines[:-1]
    assert len(lines) == 1 and lines[0].startswith("upskill: error: "), text
    return lines[0]


def usage_error(result) -> None:
    """Exit 2, no traceback, nothing on stdout (CliRunner)."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr and result.stdout == ""


# --- empty paths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["plan", ANA, "-o", ""],
        ["plan", ANA, "--output", ""],
        ["team", ROSTER, "-o", ""],
        ["batch", ROSTER, "--out", ""],
        ["plan", ANA, "--catalog", ""],
        ["team", "", "--format", "csv"],
        ["batch", "", "--out", "plans"],
    ],
    ids=["plan-o", "plan-output", "team-o", "batch-out", "catalog", "team-input", "batch-input"],
)
def test_an_empty_path_is_a_usage_error(runner, tmp_path, monkeypatch, args):
    """`--out ""` wrote the plans into the current folder; `-o ''` said "Device or resource busy"."""
    monkeypatch.chdir(tmp_path)
    usage_error(runner.invoke(cli, args))
    assert list(tmp_path.iterdir()) == []


# --- a full disk, closed standard streams --------------------------------------------------------------

WRITERS = {
    "plan": ["plan", ANA, "--format", "markdown"],
    "plan-table": ["plan", ANA, "--format", "table"],
    "team": ["team", ROSTER, "--format", "markdown"],
    "team-table": ["team", ROSTER, "--format", "table"],
    "batch": ["batch", ROSTER, "--out", "-"],
    "validate": ["validate", ANA],
    "catalog": ["catalog", "list"],
}
SUMMARY = {
    "team": "upskill: 12 employees",
    "team-table": "upskill: 12 employees",
    "batch": "upskill: 12 plans",
    "validate": "upskill: 1 file checked",
}


@pytest.mark.slow
@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("name", WRITERS)
def test_a_full_disk_on_stdout_is_one_line_exit_1(name):
    with open("/dev/full", "w") as full:
        proc = run(*WRITERS[name], stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 1
    line = one_error_line(proc.stderr)
    assert "standard output" in line


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize("name", WRITERS)
def test_a_closed_stdout_is_one_line_exit_1(name):
    proc = shell(f"$UPSKILL {' '.join(WRITERS[name])} >&-")
    assert proc.returncode == 1
    assert "standard output" in one_error_line(proc.stderr)


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize("command", ["plan -", "batch - --out {out}", "team -", "validate -"])
def test_a_closed_stdin_is_one_line_exit_1(tmp_path, command):
    proc = shell(f"$UPSKILL {command.format(out=tmp_path / 'out')} <&-")
    assert proc.returncode == 1
    assert "standard input" in one_error_line(proc.stderr, last="upskill: 1 file" if "validate" in command else None)
    assert not (tmp_path / "out").exists()  # said before any work


@pytest.mark.slow
def test_validate_names_a_bad_profile_on_stdin_as_not_ok(runner):
    result = runner.invoke(cli, ["validate", "-"], input="employee: {id: E1, target_role: nope}\n")
    assert result.exit_code == 1 and result.stdout == ""
    assert "1 with errors" in result.stderr


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize("name", ["plan", "team", "batch"])
def test_a_reader_that_left_still_exits_quietly(name):
    proc = shell(f"set -o pipefail; $UPSKILL {' '.join(WRITERS[name])} --start {START} | head -1")
    assert proc.returncode == 0
    assert b"error" not in proc.stderr and b"Traceback" not in proc.stderr  # at most the usual summary
    assert proc.stdout.count(b"\n") == 1


# --- numbers that are not numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["plan", ANA], ["team", ROSTER], ["batch", ROSTER, "--out", "plans"]], ids=["plan", "team", "batch"]
)
@pytest.mark.parametrize(
    "option",
    [
        ["--hours-per-week", "nan"],
        ["--hours-per-week", "NaN"],
        ["--hours-per-week", "inf"],
        ["--hours-per-week", "-inf"],
        ["--weight", "demand=nan"],
        ["--weight", "gap=inf"],
        ["--weight", "unlocks=-inf"],
        ["--weight", "demand=infinity"],
    ],
)
def test_nan_and_infinity_in_an_option_are_usage_errors(runner, tmp_path, monkeypatch, command, option):
    monkeypatch.chdir(tmp_path)
    usage_error(runner.invoke(cli, [*command, *option, "--start", START]))
    assert list(tmp_path.iterdir()) == []


# --- encodings that are not text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["rot13", "base64", "hex", "zlib", "idna", "punycode", "unicode_escape", "undefined"]
)
@pytest.mark.parametrize("command", ["team", "batch"])
def test_an_encoding_that_is_not_a_text_encoding_is_a_usage_error(runner, tmp_path, monkeypatch, command, encoding):
    monkeypatch.chdir(tmp_path)
    args = [command, ROSTER, "--encoding", encoding, "--start", START]
    result = runner.invoke(cli, [*args, "--out", "plans"] if command == "batch" else args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "--encoding" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig", "mac_roman"])
def test_character_encodings_still_read_a_roster(runner, tmp_path, encoding):
    roster = tmp_path / "roster.csv"
    roster.write_text((ROOT / ROSTER).read_text(encoding="utf-8"), encoding=encoding)
    result = runner.invoke(cli, ["team", str(roster), "--encoding", encoding, "--format", "csv", "--start", START])
    assert result.exit_code == 0, result.stderr


# --- Ctrl-C and SIGTERM outside a write ---------------------------------------------------------------


def test_validate_and_catalog_interrupted_exit_130(runner, monkeypatch):
    """Every command goes through the same handler: Ctrl-C is one line and 130, not click's "Aborted!" and 1."""
    import upskill.load.validate

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(upskill.load.validate, "validate_files", interrupted)
    result = runner.invoke(cli, ["validate", ANA])
    assert result.exit_code == 130 and result.stderr == "upskill: interrupted\n"


@POSIX
def test_sigterm_is_raised_as_terminated_and_restored():
    from upskill.cli.interrupt import Terminated, stop_on_sigterm

    before = signal.getsignal(signal.SIGTERM)
    if before is not signal.SIG_DFL:
        pytest.skip("another SIGTERM handler is installed")
    with pytest.raises(Terminated) as caught, stop_on_sigterm():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises on the next bytecode
    assert caught.value.code == 143
    assert signal.getsignal(signal.SIGTERM) is before
