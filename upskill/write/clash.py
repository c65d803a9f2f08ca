"""Refuse an output that is one of the command's own inputs, before anything is written.

`-o` is written through a temporary file and a rename, so writing onto an input replaces it: the
catalog, template or profile the run has just read is gone. Paths are compared as the file system
sees them (device and inode), so a hard link, a symbolic link, `./x` beside `x` and a different
case on a case-insensitive disk are all caught, which comparing names cannot do.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from upskill.errors import Problem, UsageError


def refuse_overwrite(
    outputs: str | Iterable[str] | None,
    inputs: Iterable[tuple[str, str]],
    option: str = "-o",
    advice: str = "choose another file",
) -> None:
    """A usage error (exit 2) when a file to be written is one of `inputs`, each (path, what it is: "the catalog").

    `outputs` is `-o`'s file, or the files a run may replace (batch's). A new file, or a device
    or FIFO (written in place, never replaced), cannot be an input file.
    """
    written = {}
    for output in [outputs] if isinstance(outputs, str) or outputs is None else outputs:
        if not output or output == "-":
            continue
        try:
            info = os.stat(output)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            written[info.st_dev, info.st_ino] = output
    if not written:  # the usual case: a new file, and the inputs are not even listed
        return
    for path, what in inputs:
        if path == "-":
            continue
        try:
            read = os.stat(path)
        except OSError:  # not there: its reader says so, in its own words
            continue
        if (read.st_dev, read.st_ino) in written:
            raise UsageError(Problem(f"{option} would overwrite an input: {path} ({what}); {advice}"))
