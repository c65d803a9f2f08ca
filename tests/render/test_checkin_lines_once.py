"""Each step's `step N NAME` is made once a plan for its check-in lines, and a check-in's agenda joined once per
agenda (render/common.py, render/markdown.py, issue 29): the lines must read as when each was made in turn."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.model import Checkin
from upskill.render.common import checkin_lines, day
from upskill.render.markdown import _agenda, _agenda_text

NUMBERS = st.lists(st.integers(min_value=1, max_value=4), max_size=3).map(tuple)
CHECKINS = st.lists(
    st.builds(
        lambda w, e, r: Checkin(date(2027, 1, 8) + timedelta(weeks=w), w + 1, e, r),
        st.integers(0, 40),
        NUMBERS,
        NUMBERS,
    ),
    max_size=6,
)
NAMES = st.lists(st.text(max_size=8), min_size=4, max_size=4)


class _Plan:
    def __init__(self, checkins: list[Checkin], names: list[str]):
        self.checkins = checkins
        self.steps = [_Step(n, name) for n, name in enumerate(names, start=1)]


class _Step:
    def __init__(self, number: int, name: str):
        self.number, self.name = number, name


def _made_in_turn(plan: _Plan, names: dict[int, str] | None = None) -> list[str]:
    """checkin_lines as it was: each check-in's parts made from the step names it mentions."""
    if names is None:
        names = {s.number: s.name for s in plan.steps}
    out = []
    for c in plan.checkins:
        parts = []
        if c.ended:
            parts.append("due: " + ", ".join([f"step {n} {names[n]}" for n in c.ended]))
        if c.running:
            parts.append("under way: " + ", ".join([f"step {n} {names[n]}" for n in c.running]))
        out.append(f"{day(c.date)} (week {c.week}): {'; '.join(parts) or 'review progress'}")
    return out


@settings(max_examples=300)
@given(CHECKINS, NAMES)
def test_check_in_lines_read_as_made_in_turn(checkins, names):
    plan = _Plan(checkins, names)
    assert checkin_lines(plan) == _made_in_turn(plan)  # type: ignore[arg-type]
    shown = {n: f"*{name}*" for n, name in enumerate(names, start=1)}
    assert checkin_lines(plan, shown) == _made_in_turn(plan, shown)  # type: ignore[arg-type]


@given(st.lists(st.sampled_from(["Due: step 1", "Bring: *notes*", "Decide | next", "", "a_b"]), max_size=5))
def test_an_agenda_joined_once_is_its_lines_each_after_a_line_break(items):
    agenda = tuple(items)
    assert _agenda_text(agenda) == "".join("\n" + line for line in _agenda(agenda))
    assert f"- x{_agenda_text(agenda)}" == "\n".join(["- x", *_agenda(agenda)])
