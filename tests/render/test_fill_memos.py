"""The second pass of a batch fills each plan's holes (render/markdown.py, issue 29): whether a person's id or
name needs escaping is asked once per string, and a step's line saying why it has no mentor once per reason.
Both must read as the text the first way gave: each piece scanned, each line made and escaped anew."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.model import MentorRef
from upskill.render.escape import _NEEDS_ESCAPE, md, md_text, plain
from upskill.render.markdown import _fill_mentor
from upskill.render.roster_words import words_of_mentor

HOSTILE = st.text(alphabet=st.sampled_from(list("ab :*_[]<>#|~`\\\t\n\x00\x1b\x7f\x85\xa0\u2028 é")), max_size=12)
START, END = date(2027, 1, 4), date(2027, 3, 12)


def _plain_scanned(*pieces: str) -> bool:
    return all(p != "" and _NEEDS_ESCAPE.search(p) is None for p in pieces)


def _mentor_line_made(m: MentorRef | None, none: str, own: bool) -> str:
    """The mentor hole as it was filled before: the line made and escaped each time."""
    mentor = words_of_mentor(m, none, own) if m is not None or none else ""
    if not mentor:
        return ""
    return f"- {md_text(mentor) if m is None else mentor if plain(m.id, m.name) else md(mentor)}\n"


class _Roster:
    def __init__(self, m: MentorRef | None, none: str):
        self.m, self.none = m, none

    def mentor(self, step: int, skill: str) -> tuple[MentorRef | None, str]:
        return self.m, self.none


@settings(max_examples=300)
@given(st.lists(HOSTILE, max_size=4))
def test_a_piece_asked_again_is_plain_as_when_scanned(pieces):
    assert plain(*pieces) == _plain_scanned(*pieces)
    assert plain(*pieces) == _plain_scanned(*pieces)  # the kept answers


@settings(max_examples=300)
@given(
    mentor=st.one_of(
        st.none(), st.builds(lambda i, n: MentorRef(i, n, START, END, 1.5, "python", ""), HOSTILE, HOSTILE)
    ),
    none=st.one_of(st.just(""), st.sampled_from(["no one in the roster holds this skill", "a *b* | c"]), HOSTILE),
    own=st.booleans(),
)
def test_a_mentor_hole_reads_as_the_line_made_anew(mentor, none, own):
    hole = ("mentor", 0, "python", own)
    for _ in range(2):  # the second time from the kept line
        assert _fill_mentor(hole, _Roster(mentor, none)) == _mentor_line_made(mentor, none, own)  # type: ignore[arg-type]
