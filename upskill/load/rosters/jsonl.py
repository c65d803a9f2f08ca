"""JSON Lines (standard input or a .jsonl file): one `LineSource` per line, one profile each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from upskill.errors import Problem
from upskill.load.rosters.sources import MAX_LINE, Broken, InputSource, LineSource


def read_lines(stream: IO[bytes], name: str) -> Iterator[InputSource]:
    """One `LineSource` per non-blank line; a line that is not UTF-8 or too long is `Broken`."""
    number = 0
    while True:
        try:
            raw = stream.readline(MAX_LINE + 1)
        except OSError as exc:
            yield Broken(name, (Problem(f"cannot read: {exc.strerror or exc}", file=name),))
            return
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            yield Broken(
                f"{name}:{number}",
                (
                    Problem(
                        f"the line is longer than {MAX_LINE // 1024} KB; is this JSON Lines?", file=name, line=number
                    ),
                ),
            )
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = stream.readline(MAX_LINE + 1)
            continue
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Broken(
                f"{name}:{number}",
                (
                    Problem(
                        f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); JSON Lines must be UTF-8",
                        file=name,
                        line=number,
                        column=exc.start + 1,
                    ),
                ),
            )
            continue
        if text.strip():
            yield LineSource(name, number, text.strip())
