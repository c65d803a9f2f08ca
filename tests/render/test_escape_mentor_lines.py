"""A mentor's or mentee's line (unique to its plan) is shown without escaping when its names are plain,
and that is exactly what escaping it whole showed (issue 29: such lines no longer fill the escape cache)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.model import MentorRef, Placement, Resource, Step
from upskill.render.escape import md, plain
from upskill.render.markdown import _fill_mentees, _step, fill_markdown
from upskill.render.roster_words import PlanFields, mentee_lines, mentor_line

HOSTILE = st.text(alphabet=st.sampled_from(list("ab :*_[]<>#|~`\\\t\n\x00\x1b\x7f\x85\xa0\u2028 ")), max_size=12)
START, END = date(2027, 1, 4), date(2027, 3, 12)


def _mentor(name: str, id_: str, skill_name: str = "Python") -> MentorRef:
    return MentorRef(id_, name, START, END, 1.0, "python", skill_name)


@settings(max_examples=400)
@given(name=HOSTILE, id_=HOSTILE, skill=HOSTILE)
def test_a_line_of_plain_names_is_its_own_escaped_line(name, id_, skill):
    m = _mentor(name, id_, skill)
    plan_line = mentee_lines(_PlanLike((m,)))[0]
    if plain(m.id, m.name, m.skill_name or m.skill):
        assert md(plan_line) == plan_line


class _PlanLike:
    def __init__(self, mentees: tuple[MentorRef, ...], steps: tuple[Step, ...] = ()):
        self.mentees, self.steps = mentees, steps


def _mentoring(plan: _PlanLike) -> list[str]:
    """The Mentoring section's lines, its hole filled from the plan."""
    return _fill_mentees(("mentees",), PlanFields(plan)).splitlines()  # type: ignore[arg-type]


def _step_lines(step: Step) -> list[str]:
    """A step's lines, its holes filled from the step."""
    pieces = tuple(_step(0, step, str, _Catalog(), 0.25))  # type: ignore[arg-type]
    return fill_markdown(pieces, PlanFields(_PlanLike((), (step,)))).split("\n")  # type: ignore[arg-type]


def _a_step(mentor: MentorRef) -> Step:
    course = Resource("Course", "formal", 6.0, 0, 2, format="course")
    placed = Placement(course, 1, 3, START, END, 6.0, 0.0)
    return Step(1, "python", "Python", 0, 2, (course,), 6.0, 1, 3, START, END, placed=(placed,), mentor=mentor)


def test_mentor_and_mentee_lines_read_as_escaped_whole():
    for name, id_ in (("Ana Ruiz", "E1"), ("Ana *Ruiz*", "E|1"), (" Ana", "E1"), ("", "E1"), ("Ana  Ruiz", "E1")):
        m = _mentor(name, id_)
        shown = _mentoring(_PlanLike((m,)))
        assert shown[-1] == f"- {md(mentee_lines(_PlanLike((m,)))[0])}"
        step = _a_step(m)
        lines = [line for line in _step_lines(step) if line.startswith("- ") and "ntor" in line]
        assert lines == [f"- {md(mentor_line(step))}"]
    assert "Ana \\*Ruiz\\* (E\\|1)" in _mentoring(_PlanLike((_mentor("Ana *Ruiz*", "E|1"),)))[-1]


class _Catalog:
    """What `_step` reads of a catalog."""

    hours_per_level = 10.0

    def __init__(self) -> None:
        from upskill.model import Skill

        self.skills = {"python": Skill("python", "Python")}
