"""Who can mentor (`learner_of`'s `held`, issue 29, fourth session): a level with no date and no ratings is taken
without asking `flags`; the skills held must be those the flags' reading gives, whatever the dates and ratings."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.errors import Problems
from upskill.load.catalog import load_catalog
from upskill.load.document import Document
from upskill.load.profile import read_profile
from upskill.model import DISAGREE, STALE, Assessment, Rating
from upskill.planning.attend import learner_of
from upskill.planning.gaps import flags
from upskill.planning.plan import Options, build_plan

CATALOG = load_catalog()
START = date(2027, 1, 4)
_DATA = {"employee": {"id": "e", "target_role": "ai-content-strategist"}, "skills": {"Communication": 2}}
PROFILE = read_profile(Document("p.yaml", _DATA), CATALOG, Problems())
PLAN = build_plan(PROFILE, CATALOG, Options(start=START))

DATES = st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 6, 1)))
RATINGS = st.lists(st.builds(Rating, st.integers(0, 5), st.sampled_from(["", "manager", "self"]), DATES), max_size=3)
ASSESSMENTS = st.builds(
    lambda skill, level, when, ratings: Assessment(skill, level, "", when, tuple(ratings)),
    st.just(""),
    st.integers(0, 5),
    DATES,
    RATINGS,
)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(CATALOG.skills)[:12]), ASSESSMENTS, max_size=8))
def test_held_is_what_the_flags_allow(skills: dict[str, Assessment]) -> None:
    skills = {s: a._replace(skill=s) for s, a in skills.items()}
    profile = PROFILE._replace(skills=skills)
    learner = learner_of(PLAN, profile, CATALOG.planning, "e")
    want = tuple(
        (s, a.level)
        for s, a in sorted(skills.items())
        if a.level > 0 and not {STALE, DISAGREE} & set(flags(a, CATALOG.planning, PLAN.summary.start))
    )
    assert learner.held == want
