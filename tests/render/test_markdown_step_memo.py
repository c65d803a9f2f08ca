"""A step's closing lines and its activities' checklist heads are made once per catalog record (render/markdown.py's
identity memos, issue 29): a plan rendered against another catalog, whose skill says other things, shows that
catalog's words, never the text kept for the first one."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.errors import Problems
from upskill.load.document import read_document
from upskill.load.profile import read_profile
from upskill.model import Catalog, Checkin
from upskill.planning.plan import Options, build_plan
from upskill.render.common import agenda_lines
from upskill.render.escape import md_text
from upskill.render.markdown import _agenda, render_markdown

PROFILE = "employee: {id: E1, name: Ana, target_role: ai-content-strategist}\nskills: {communication: 4}\n"


def _text(catalog: Catalog) -> str:
    plan = build_plan(
        read_profile(read_document("p.yaml", text=PROFILE), catalog, Problems()),
        catalog,
        Options(start=date(2027, 1, 4)),
    )
    return render_markdown(plan, catalog)


def test_a_catalog_with_other_level_words_and_titles_shows_its_own(catalog: Catalog) -> None:
    before = _text(catalog)
    skill = catalog.skills["prompt-engineering"]
    levels = tuple(f"{words} (reworded)" if words else words for words in skill.levels)
    resources = tuple(r._replace(title=f"{r.title} II") for r in skill.resources)
    other = catalog._replace(
        skills=MappingProxyType(
            {**catalog.skills, "prompt-engineering": skill._replace(levels=levels, resources=resources)}
        )
    )
    after = _text(other)
    assert "(reworded)" not in before and " II" not in before
    assert "(reworded)" in after
    assert f"- [ ] {resources[0].title}" in after or f"[{resources[0].title}](" in after
    # and the first catalog again: its own words, as the first time
    assert _text(catalog) == before


def test_a_session_the_plan_gives_an_activity_no_one_shares_is_still_shown(catalog: Catalog) -> None:
    """Only shareable activities are scheduled together, so the others are written whole in the first pass; a
    plan read back from a file that says otherwise still shows what it says."""
    from upskill.model import SessionRef
    from upskill.planning.sessions import shareable

    plan = build_plan(
        read_profile(read_document("p.yaml", text=PROFILE), catalog, Problems()),
        catalog,
        Options(start=date(2027, 1, 4)),
    )
    at, step = next((at, s) for at, s in enumerate(plan.steps) if any(not shareable(p.resource) for p in s.placed))
    k, p = next((k, p) for k, p in enumerate(step.placed) if not shareable(p.resource))
    placed = list(step.placed)
    placed[k] = p._replace(session=SessionRef("S9", p.start, p.end, 4))
    steps = list(plan.steps)
    steps[at] = step._replace(placed=tuple(placed))
    text = render_markdown(plan._replace(steps=tuple(steps)), catalog)
    assert "; group session S9: 4 people from the team, these same weeks)" in text
    assert "group session" not in render_markdown(plan, catalog)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["Due: step 1", "Bring: *notes*", "Decide | next", "Due: x", "", "a_b"]), max_size=6))
def test_an_agenda_kept_once_reads_as_each_item_escaped(items: list[str]) -> None:
    agenda = tuple(items)
    expected = [f"  - {md_text(line)}" for line in agenda_lines(Checkin(date(2027, 1, 8), 1, (), (), agenda))]
    assert list(_agenda(agenda)) == expected
    assert list(_agenda(agenda)) == expected  # the kept answer: the same
