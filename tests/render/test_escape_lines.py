"""Lines unique to a plan escaped by their pieces (issue 29) show exactly what escaping them whole showed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.api import build_plan, load_catalog, read_profile
from upskill.render import common
from upskill.render.escape import md, md_piece
from upskill.render.markdown import render_markdown

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ana-ruiz.yaml"
# What can make escaping a line differ from escaping its pieces: specials, controls, odd whitespace.
HOSTILE = st.text(alphabet=st.sampled_from(list("ab :*_[]<>#|~`\\\t\n\x00\x1b\x7f\x85\xa0\u2028 ")), max_size=12)


@settings(max_examples=400)
@given(names=st.lists(HOSTILE, min_size=1, max_size=3))
def test_a_checkin_line_built_from_escaped_names_reads_as_escaped_whole(names):
    line = "2027-01-22 (week 3): due: " + ", ".join(f"step {n} {{}}" for n in range(1, len(names) + 1))
    pieces = [md_piece(name) for name in names]
    if "" not in pieces:  # else the line is escaped whole, as before
        assert line.format(*pieces) == md(line.format(*names))


def _plan_with_names(*names: str):
    catalog = load_catalog("default")
    profile = read_profile(EXAMPLE, catalog)
    plan = build_plan(profile, catalog, start=date(2027, 1, 4))
    steps = tuple(s._replace(name=names[i % len(names)]) for i, s in enumerate(plan.steps))
    return plan._replace(steps=steps), catalog


def _checkins_section(markdown: str) -> list[str]:
    section = markdown.split("## Check-ins\n\n", 1)[1].split("\n\n", 1)[0]
    return section.splitlines()


def test_the_checkins_section_shows_step_names_escaped_as_before():
    for names in (("Data *mining*", "A|B"), ("  padded name ", "tab\tname"), ("",), ("ok name",)):
        plan, catalog = _plan_with_names(*names)
        shown = _checkins_section(render_markdown(plan, catalog))
        expected = []
        for checkin, line in zip(plan.checkins, common.checkin_lines(plan), strict=True):
            expected += [f"- {md(line)}", *(f"  - {md(a)}" for a in common.agenda_lines(checkin))]
        assert shown == expected
        assert plan.checkins and shown[0].startswith("- 2027-")
    plan, catalog = _plan_with_names("Data *mining*")
    assert "step 1 Data \\*mining\\*" in render_markdown(plan, catalog)
