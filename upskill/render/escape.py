"""Text from input files made safe for the documents it lands in: Markdown, link targets, URLs."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from upskill.errors import printable
from upskill.model import is_web_url

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_CONTROL = {c: " " for c in (*range(32), 127)}
# Text `md_text` would change: a Markdown special, a control character, whitespace other than single inner spaces.
# The reference for `_needs_escape`, which asks the same (tests/render/test_escape_check.py).
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>#|~\x00-\x1f\x7f]|[^\S ]|  |^ | $")
# `_needs_escape`'s parts: one class (the regex engine scans for it by its bitmap), and whitespace other than a space
_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~\x00-\x1f\x7f]")
_OTHER_SPACE = re.compile(r"[^\S ]")
_URL_UNSAFE = str.maketrans(
    {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", **{chr(c): "" for c in (*range(32), 127)}}
)


def visible(text: str) -> str:
    """Text for a terminal: every control character (C0, C1, DEL, a bidi override) shown escaped, as
    error messages show them (`printable`: `\\x1b`, `\\u202e`), line breaks kept. A name holding
    `ESC]0;...BEL` or `ESC[2J` would otherwise retitle or clear the reader's terminal."""
    if text.isprintable():
        return text
    return "\n".join(printable(line) for line in text.split("\n"))


def md(value: object) -> str:
    """Escape text from input files so it shows literally in Markdown (no links, HTML or emphasis injected)."""
    return _escape(value if type(value) is str else str(value))


# A plan escapes ~60 values, most of them catalog words (titles, providers, skill names) that
# recur in every plan of a batch: caching them, and passing plain text through untouched,
# made the Markdown of a batch several times faster (README, "Batch speed and memory").
# `md` itself is uncached: the index and the team report escape each person's id, name and
# label once, and thousands of those would only push the catalog words out of the cache.
@lru_cache(maxsize=8192)
def md_text(text: str) -> str:
    """`md` for a string that recurs across a batch (catalog words): cached."""
    return _escape(text)


# A piece that `md` changes in its spaces (the ends, doubled or other whitespace) or empties: a line made
# of such pieces is not the pieces escaped one by one.
_ODD_SPACE = re.compile(r"[\x00-\x1f\x7f]|[^\S ]|  |^ | $|^$")


@lru_cache(maxsize=4096)
def md_piece(text: str) -> str:
    """A name escaped for a line built around it (a check-in's `step 2 NAME`), or "" when escaping the
    whole line would not give the pieces escaped one by one (odd spaces or an empty name): then escape it whole."""
    return "" if _ODD_SPACE.search(text) else _escape(text)


def plain(*pieces: str) -> bool:
    """Does a line made of these pieces and our own words come out of `md` as it is?

    True when no piece is empty or holds what `md` changes (a Markdown special, a control character,
    spaces at an end, doubled or other whitespace), and so the line is itself the escaped line, provided
    its own words hold none of those either. A line unique to its plan (a mentor's name and dates) is
    then neither scanned as a whole nor put in `md_text`'s cache, where it would push out the
    recurring words."""
    return all(map(_plain_piece, pieces))


@lru_cache(maxsize=8192)
def _plain_piece(piece: str) -> bool:
    """`plain` of one piece, asked once per string: a person's id and name recur in the lines of every plan that
    names them (as a mentor, as a mentee), and the scan costs more than the look-up."""
    return piece != "" and not _needs_escape(piece)


def _needs_escape(text: str) -> bool:
    """`_NEEDS_ESCAPE.search(text) is not None`, several times cheaper: the alternatives of that one pattern are each
    tried at every position of the text (~350 instructions a character under callgrind), these each scan it once in
    C. An ASCII text's whitespace other than a space is all in \\x00-\\x1f, which `_SPECIAL` holds; `str.isascii` reads
    a flag. (`$` matches before a final line break too: a line break is in `_SPECIAL`.)"""
    return (
        _SPECIAL.search(text) is not None
        or "  " in text
        or text[:1] == " "
        or text[-1:] == " "
        or (not text.isascii() and _OTHER_SPACE.search(text) is not None)
    )


def _escape(text: str) -> str:
    if not _needs_escape(text):
        return text
    # A newline inside a value would break a list or table; other control characters
    # (an escape sequence, say) have no business in a document.
    text = " ".join(text.translate(_CONTROL).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def url(value: object) -> str:
    """Make an http(s) URL safe inside `(...)` of a Markdown link; "" for any other scheme."""
    return safe_url(str(value)).translate(_URL_UNSAFE)


def safe_url(value: str) -> str:
    """The address as a link target, or "" when it must not become a link (not http(s))."""
    return value if is_web_url(value) else ""


def link(name: str) -> str:
    """A file name as a relative link target: `a%2Fb.md` must be written `a%252Fb.md`."""
    return quote(name, safe="")


def squeeze(text: str) -> str:
    """Collapse runs of blank lines (left by template conditionals) to one blank line.

    str.replace in a loop, not a regex: several times faster on a plan, and a run of n
    newlines needs only log(n) passes.
    """
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
