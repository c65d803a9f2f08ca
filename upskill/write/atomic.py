"""Write files so that a crash or a kill never leaves a half-written one behind."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from upskill.errors import Problem, UpskillError


def write_output(path: Path, chunks: str | Iterable[str]) -> None:
    """Write `-o FILE`: atomically when FILE is new or a regular file, else in place.

    A rename replaces whatever the name held, so only a regular file is replaced (through a
    symbolic link, the file it names: the link stays). Anything else - a device (`/dev/null`,
    which a rename run as root would have replaced), a FIFO, `/dev/stdout` - is opened and
    written to, as the shell's `>` does. So is any name in /dev or /proc: those hold devices
    and this process's open files (`/dev/stdout` may lead to a regular file), never a place
    for a temporary file.
    """
    target = _replaceable(path)
    if target is not None:
        write_atomic(target, chunks)
        return
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            if isinstance(chunks, str):
                fh.write(chunks)
            else:
                fh.writelines(chunks)
    except BrokenPipeError:  # a FIFO's or /dev/stdout's reader left: as for `| head`, not an error
        raise
    except OSError as exc:
        raise UpskillError(Problem(f"cannot write: {exc.strerror or exc}", file=str(path))) from None


def _replaceable(path: Path) -> Path | None:
    """The regular file to replace atomically for `path` (resolved through links), or None to write in place."""
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    if folder.startswith(("/dev/", "/proc/")) or folder in ("/dev", "/proc"):
        return None
    resolved = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        info = os.stat(resolved)
    except OSError:  # a new file (through a dangling link: the file it names); else write_atomic says what is wrong
        return resolved
    return resolved if stat.S_ISREG(info.st_mode) else None


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
