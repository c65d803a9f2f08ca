"""Write files so that a crash or a kill never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import Problem, UpskillError


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder, then rename it into place.

    The rename is atomic on POSIX and Windows, so readers see the old file or the new one,
    never a mix; the temporary file is removed if anything fails.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UpskillError(Problem(f"cannot write here: {exc.strerror or exc}", file=str(path))) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            os.chmod(temp, _mode(path))  # mkstemp makes the file private (0600); a plan is an ordinary file
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        try:
            os.unlink(temp)
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
