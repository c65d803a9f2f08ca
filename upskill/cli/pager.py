"""Long terminal output through a pager, as git does: `team` prints ~1,000 lines for a large team.

Only when standard output is a terminal and the text is taller than it: `$PAGER` (run by the
shell, as git runs it; empty or `cat` means no pager), else `less -FRX` when it is installed
(`-F` quits at once if the text fits after all, `-R` shows the colours, `-X` leaves the text on
the screen). `--no-pager` prints directly. Nothing here decides what is printed, only where.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

# git's defaults for less and lv, set only when the user has not set them.
_PAGER_ENV = {"LESS": "FRX", "LV": "-c"}


def pager_command() -> str | None:
    """The pager to run (a shell command line), or None for none."""
    chosen = os.environ.get("PAGER")
    if chosen is not None:
        return None if chosen.strip() in ("", "cat") else chosen
    return "less -FRX" if shutil.which("less") else None


def page(text: str, height: int) -> bool:
    """Show `text` through the pager when stdout is a terminal and `text` has more than `height`
    lines; False when it did not (the caller then prints the text itself)."""
    if not sys.stdout.isatty() or text.count("\n") < height:
        return False
    command = pager_command()
    if command is None:
        return False
    env = {**os.environ, **{k: v for k, v in _PAGER_ENV.items() if k not in os.environ}}
    sys.stdout.flush()
    try:
        # A shell runs it: $PAGER is a command line ("less -S", "most"), as git runs it.
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search), as under git.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
            pager.stdin.close()
        except BrokenPipeError:  # the reader quit before the end: what it saw is all it wanted
            try:
                pager.stdin.close()
            except BrokenPipeError:
                pass
        status = pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return status != 127  # the shell found no such command: print the text rather than nothing
