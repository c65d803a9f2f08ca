"""`escape._needs_escape` (issue 29) says whether Markdown escaping changes a text exactly as the one regular
expression it replaced (`_NEEDS_ESCAPE`), for any text: Markdown specials, control characters, every kind of
Unicode whitespace, spaces at either end or doubled, line breaks at the end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.render.escape import _NEEDS_ESCAPE, _needs_escape, md

# What the check looks at, and what it must not mistake for it
_ALPHABET = [
    *"ab Z09.,;:()-'\"",
    *"\\`*_[]<>#|~",
    *"\t\n\r\x0b\x0c\x00\x1b\x1c\x1f\x7f\x80\x85\xa0",
    *"é–→⚠\u1680\u2000\u2028\u2029\u202f\u3000",
]
HOSTILE = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=16)


@settings(max_examples=3000)
@given(HOSTILE)
def test_the_check_is_the_regular_expression(text):
    assert _needs_escape(text) == (_NEEDS_ESCAPE.search(text) is not None)


@given(st.text(max_size=24))
def test_any_text_alike(text):
    assert _needs_escape(text) == (_NEEDS_ESCAPE.search(text) is not None)
    if not _needs_escape(text):
        assert md(text) == text


def test_the_edges():
    for text in ("", " ", "a ", " a", "a  b", "a\n", "a \n", "a\tb", "a\xa0b", "a\u2028", "plain words", "é", "–"):
        assert _needs_escape(text) == (_NEEDS_ESCAPE.search(text) is not None), repr(text)
