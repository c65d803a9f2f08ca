"""write/atomic.py's `write_output` as a user meets it through `-o`: onto a FIFO or a device (written in
place and kept), /dev/stdout, a symlink (the file it names replaced), and Ctrl-C or SIGTERM while
the temporary file is written (no temporary file left, the previous file kept)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time

import pytest

from tests.helpers import EXAMPLES, ROOT, START, ctrl_c_reaches_it
from upskill.cli import cli

ANA = str(EXAMPLES / "ana-ruiz.yaml")
ROSTER = str(EXAMPLES / "roster.csv")
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, device nodes and signals as on POSIX")


def run(*args: str, **kwargs):
    """upskill in a real process (its own file descriptors), from the repository root."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "upskill", *args], cwd=ROOT, timeout=60, **kwargs)


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
        preexec_fn=ctrl_c_reaches_it,
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
