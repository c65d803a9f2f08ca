"""Where the output goes and where the input comes from, when they are not ordinary files: `-o` onto a
device or a FIFO, empty paths, a full disk, closed standard streams, options that are not numbers,
encodings that are not text, and Ctrl-C or SIGTERM while `-o` writes."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
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


# --- -o onto something that is not a regular file --------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    "command", [["plan", ANA, "--format", "json"], ["team", ROSTER, "--format", "csv"]], ids=["plan", "team"]
)
@pytest.mark.slow
def test_output_into_a_fifo_writes_to_it_and_keeps_it(tmp_path, command):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = run(*command, "-o", str(fifo), "--start", START)
    reader.join(30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert received and received[0] == run(*command, "--start", START).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]  # no temporary file either


@POSIX
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="making a device node (os.mknod of a character device) needs root",
)
@pytest.mark.slow
@pytest.mark.parametrize("command", [["plan", ANA], ["team", ROSTER]], ids=["plan", "team"])
def test_output_onto_a_device_writes_to_it_and_keeps_it(tmp_path, command):
    """As root, `-o /dev/null` renamed a new file over the machine's /dev/null: here a private copy of it."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is on Linux
    proc = run(*command, "-o", str(null), "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3), "the device was replaced"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.slow
@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout")
def test_output_to_dev_stdout_writes_to_standard_output(tmp_path):
    """Even when stdout is a regular file, /dev/stdout is written through, not replaced (nor made in /dev)."""
    out = tmp_path / "out.json"
    with open(out, "w") as fh:
        proc = run(
            "plan", ANA, "--format", "json", "--start", START, "-o", "/dev/stdout", stdout=fh, stderr=subprocess.PIPE
        )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == run("plan", ANA, "--format", "json", "--start", START).stdout
    assert os.path.islink("/dev/stdout")


@POSIX
def test_output_through_a_symlink_replaces_the_file_it_names(runner, tmp_path):
    (tmp_path / "real.md").write_text("old\n")
    (tmp_path / "link.md").symlink_to("real.md")
    result = runner.invoke(cli, ["plan", ANA, "--start", START, "-o", str(tmp_path / "link.md")])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text().startswith("# Learning plan: Ana Ruiz")


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


# --- Ctrl-C and SIGTERM while -o writes --------------------------------------------------------------------

# upskill in a process whose write_atomic stops after the first chunk, once the temporary file
# exists: it touches the file named by $MARK and sleeps until the signal comes.
SLOW_WRITE = """
import os, sys, time
import upskill.write.atomic as output
real = output.write_atomic
def slow(path, chunks, temp=""):
    def slowly():
        for chunk in ([chunks] if isinstance(chunks, str) else chunks):
            yield chunk
            open(os.environ["MARK"], "w").close()
            time.sleep(60)
    real(path, slowly(), temp)
output.write_atomic = slow
from upskill.cli import main
sys.argv = ["upskill", *sys.argv[1:]]
main()
"""


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
@pytest.mark.parametrize("command", [["plan", ANA], ["team", ROSTER]], ids=["plan", "team"])
def test_a_signal_while_writing_leaves_no_temporary_file(tmp_path, command, sig):
    out = tmp_path / "out" / "report.md"
    out.parent.mkdir()
    out.write_text("the previous report\n")
    mark = tmp_path / "mark"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, *command, "--start", START, "-o", str(out)],
        cwd=ROOT,
        env={**os.environ, "MARK": str(mark)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not mark.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        assert mark.exists(), process.communicate()[1]
        assert [p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")], "no temporary file to leave"
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 128 + sig
    assert stderr.decode().splitlines() == ["upskill: interrupted"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.md"]
    assert out.read_text() == "the previous report\n"


def wait_for_fifo_open(process: subprocess.Popen, timeout: float = 30) -> None:
    """Until the process waits in open() for the FIFO's reader (Linux shows it in /proc), else a few seconds."""
    wchan = f"/proc/{process.pid}/wchan"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with open(wchan) as fh:
                if fh.read().strip() == "wait_for_partner":
                    return
        except OSError:
            break
        time.sleep(0.02)
    else:
        return
    time.sleep(3)


@pytest.mark.slow
@POSIX
def test_sigterm_while_a_fifo_waits_for_its_reader_exits_143(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "upskill", "plan", ANA, "-o", str(fifo), "--format", "json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_fifo_open(process)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 143 and stderr.decode().splitlines() == ["upskill: interrupted"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


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
