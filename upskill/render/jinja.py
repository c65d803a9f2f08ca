"""The Jinja2 environments of the batch reports: one for Markdown, one for HTML (autoescaped).

Each is built once per process (compiling dominates the cost of a render) from the bundled
`templates/` folder only; template names are constants, never derived from input data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from urllib.parse import quote

import jinja2

from ..paths import data_dir
from .markdown import md, url

_BLANK_RUNS = re.compile(r"\n{3,}")
# Text `md` would change: a Markdown special character, whitespace other than single inner spaces.
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>#|~]|[^\S ]|  |^ | $")


def md_fast(value: object) -> str:
    """`markdown.md`, with a fast path for text it would leave alone (most names and ids).

    Reports of 100,000 rows escape several values per row; one regex search is much cheaper
    than `md`'s split, join and substitution. The result is always exactly `md(value)`.
    """
    text = str(value)
    return text if _NEEDS_ESCAPE.search(text) is None else md(text)


def link(name: str) -> str:
    """A file name as a relative link target: `a%2Fb.md` must be written `a%252Fb.md`."""
    return quote(name, safe="")


@cache
def _environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=html,  # Markdown is escaped by the `md` filter instead
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_fast
    env.filters["cell"] = md_fast
    env.filters["url"] = url
    env.filters["link"] = link
    return env


def markdown_template(name: str) -> jinja2.Template:
    return _environment(False).get_template(name)


def html_template(name: str) -> jinja2.Template:
    return _environment(True).get_template(name)


def squeeze(text: str) -> str:
    """Collapse runs of blank lines left by template conditionals (as render_markdown does)."""
    return _BLANK_RUNS.sub("\n\n", text)


def squeeze_stream(chunks: Iterable[str], block: int = 1 << 16) -> Iterator[str]:
    """`squeeze` for streamed output: the same text as squeezing the whole, without holding it.

    Trailing newlines of each block are carried into the next, so a blank run that spans
    blocks still collapses; the result starts with no blank line and ends with one newline.
    """
    carry = ""
    started = False
    buffer: list[str] = []
    size = 0

    def process(text: str) -> Iterator[str]:
        nonlocal carry, started
        text = carry + text
        body = text.rstrip("\n")
        carry = text[len(body):]
        if not started:
            body = body.lstrip("\n")
            started = bool(body)
        if body:
            yield _BLANK_RUNS.sub("\n\n", body)

    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= block:
            yield from process("".join(buffer))
            buffer, size = [], 0
    yield from process("".join(buffer))
    if started:
        yield "\n"
