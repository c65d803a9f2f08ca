"""Read a file's bytes and decode them: the size limit, standard input, UTF-8 with or without a BOM.

`read_document` (document.py) calls these first; the batch readers (load/rosters/jsonl.py) use
`standard_input` too. Everything that can go wrong with the bytes of a file is turned into an
`UpskillError` naming the file, and where it helps the line and column.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import IO

from upskill.errors import Problem, UpskillError, UsageError

MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes (or stdin's for `-`), refusing directories and oversized files."""
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        if str(path) == STDIN:
            raw = read_limited(standard_input(), MAX_BYTES)
        else:
            with open(path, "rb", buffering=0) as fh:  # read_limited reads whole blocks: no buffer needed
                raw = read_limited(fh, MAX_BYTES)
    except IsADirectoryError:
        raise UpskillError(Problem("is a directory, expected a file", file=name)) from None
    except FileNotFoundError:
        raise UpskillError(Problem("no such file", file=name)) from None
    except PermissionError:  # Windows says this of a directory
        if os.path.isdir(path):
            raise UpskillError(Problem("is a directory, expected a file", file=name)) from None
        raise UpskillError(Problem("permission denied", file=name)) from None
    except OSError as exc:
        raise UpskillError(Problem(f"cannot read: {exc.strerror or exc}", file=name)) from None
    if len(raw) > MAX_BYTES:
        raise UpskillError(
            Problem(f"is larger than {MAX_BYTES // (1024 * 1024)} MB; is it really a profile or catalog?", file=name)
        )
    return raw


def standard_input() -> IO[bytes]:
    """Standard input, as bytes; an error when it is closed (`<&-`: Python then sets sys.stdin to None)."""
    import sys

    if sys.stdin is None:
        raise UpskillError(Problem("standard input is closed; pipe the input in, or name a file", file="<stdin>"))
    return sys.stdin.buffer


def read_limited(stream: IO[bytes], limit: int) -> bytes:
    """Up to `limit` + 1 bytes (one more than allowed tells the caller the input is too large).

    Not `stream.read(limit + 1)`: that allocates the whole limit (10 MB) up front, which
    cost more than parsing a profile. Reads in blocks sized from the file's length when known.
    """
    try:
        info = os.fstat(stream.fileno())
        size, regular = info.st_size, stat.S_ISREG(info.st_mode)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's BytesIO)
        size, regular = 0, False
    block = min(size + 1 if size else 1 << 16, limit + 1)
    chunks = []
    total = 0
    while total <= limit:
        wanted = min(block, limit + 1 - total)
        chunk = stream.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if regular and total >= size and len(chunk) < wanted:  # the end fstat reported: no read to confirm it
            break
    return b"".join(chunks)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), explaining binary and other encodings."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UpskillError(Problem("is UTF-16 encoded; save it as UTF-8", file=name))
    if b"\x00" in raw:
        raise UpskillError(
            Problem("looks like a binary file (it contains NUL bytes); expected YAML, TOML or JSON text", file=name)
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UpskillError(
            Problem(
                f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                file=name,
                line=line,
                column=column,
            )
        ) from None


# Text encodings by Python's count that are not a file's character set: host names (idna,
# punycode), Python string escapes (unicode-escape turns a cell's `\n` into a line break), and
# `undefined`, which refuses everything.
NOT_FILE_ENCODINGS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})


def check_encoding(name: str) -> str:
    """The codec's name for --encoding; a `UsageError` when unknown, or not one that turns bytes into text.

    `codecs.lookup` also knows bytes-to-bytes (base64, zlib) and str-to-str (rot13) codecs,
    which fail on the first line or half-way through the file.
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UsageError(Problem(f"--encoding: unknown encoding '{name}' (e.g. utf-8, cp1252, latin-1)")) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_FILE_ENCODINGS:
        raise UsageError(
            Problem(f"--encoding: '{name}' is not a character encoding for text files (e.g. utf-8, cp1252, latin-1)")
        )
    return info.name
