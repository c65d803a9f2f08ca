"""Write files so that a crash or a kill never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem, UpskillError


def write_atomic(path: Path, chunks: str | Iterable[str], temp: str = "") -> None:
    """Write text (a string, or chunks of one) to `path` through a temporary file, then rename it.

    The temporary file is in the same folder (named `temp`, or a fresh `.NAME.*.tmp`), so the
    rename is atomic on POSIX and Windows: readers see the old file or the new one, never a
    mix. Chunks are written as they come, so a large report is never held whole. The
    temporary file is removed if anything fails; an existing file keeps its permissions.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if temp:
            temp_path = str(folder / temp)
            fd = os.open(temp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        else:
            fd, temp_path = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UpskillError(Problem(f"cannot write here: {exc.strerror or exc}", file=str(path))) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            os.chmod(temp_path, _mode(path))  # mkstemp makes the file private (0600); a plan is an ordinary file
            if isinstance(chunks, str):
                fh.write(chunks)
            else:
                fh.writelines(chunks)  # the file's own buffer gathers them into large writes
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp_path, path)
    except BaseException as exc:
        try:
            os.unlink(temp_path)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise UpskillError(Problem(f"cannot write: {exc.strerror or exc}", file=str(path))) from None
        raise


def _mode(path: Path) -> int:
    """The permissions the file would get from a plain `open(path, "w")`: kept if it exists, else 0666 - umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
