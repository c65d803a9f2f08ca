"""Ratings in a profile: several views of one skill, the one that counts by the catalog's precedence,
and the mistakes a person makes writing them; and the catalog's `planning:` block that sets the rules."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import TINY, write_file
from upskill.errors import Problems, UpskillError
from upskill.load.catalog import load_catalog
from upskill.load.document import read_document
from upskill.load.profile import read_profile
from upskill.model import Planning

RATINGS = """\
employee: {id: E1, target_role: ai-content-strategist}
skills:
  communication:
    ratings:
      - {level: 4, source: self, date: 2026-05-01}
      - {level: 2, source: manager, date: 2026-09-01}
      - {level: 3, source: peer, date: 2026-10-01}
"""


def read(catalog, text):
    problems = Problems()
    profile = read_profile(read_document("p.yaml", text=text), catalog, problems)
    return profile, [str(p) for p in problems.errors]


def test_the_most_trusted_source_counts(catalog):
    profile, errors = read(catalog, RATINGS)
    assert errors == []
    found = profile.skills["communication"]
    assert (found.level, found.source, found.assessed) == (2, "manager", date(2026, 9, 1))
    assert [r.source for r in found.ratings] == ["self", "manager", "peer"]


def test_the_latest_rating_of_the_same_source_counts(catalog):
    text = RATINGS.replace("source: manager", "source: self")
    found = read(catalog, text)[0].skills["communication"]
    assert (found.level, found.source) == (3, "peer")  # peer outranks self
    text = RATINGS.replace("source: peer", "source: self").replace("source: manager", "source: self")
    assert read(catalog, text)[0].skills["communication"].level == 3  # the latest self rating


def test_an_assessment_outranks_a_manager(catalog):
    text = RATINGS.replace("{level: 4, source: self", "{level: 4, source: assessment")
    assert read(catalog, text)[0].skills["communication"].level == 4


def test_the_single_level_forms_keep_working(catalog):
    text = (
        "employee: {id: E1, target_role: ml-engineer}\nskills:\n"
        "  communication: {level: 3, source: peer-review, assessed: 2026-07-01}\n  collaboration: 2\n"
    )
    profile, errors = read(catalog, text)
    assert errors == []
    assert (profile.skills["communication"].level, profile.skills["communication"].source) == (3, "peer")
    assert profile.skills["collaboration"].ratings == ()  # a bare level: who rated it is unknown


@pytest.mark.parametrize(
    "skills,message",
    [
        ("communication: {ratings: []}", "'ratings' is empty"),
        ("communication: {ratings: [{level: 3, source: boss}]}", "unknown rating source 'boss'"),
        ("communication: {ratings: [{source: self}]}", "missing 'level'"),
        ("communication: {ratings: [3]}", "expected {level, source, date}"),
        ("communication: {level: 3, ratings: [{level: 2}]}", "either 'level' or 'ratings'"),
        ("communication: {ratings: [{level: 3, when: 2026-01-01}]}", "unknown key 'when'"),
        ("communication: {ratings: [{level: 3, date: 01/02/2026}]}", "is not a date"),
    ],
)
def test_mistakes_are_located_errors(catalog, skills, message):
    _, errors = read(catalog, f"employee: {{id: E1, target_role: ml-engineer}}\nskills:\n  {skills}\n")
    assert len(errors) == 1 and message in errors[0], errors
    assert errors[0].startswith("p.yaml:3:")


# --- the planning: block ---------------------------------------------------------------------------


def test_planning_settings_merge_key_by_key(tmp_path):
    first = write_file(tmp_path, "a.yaml", TINY + "planning: {parallel: 3, checkin_weeks: 6}\n")
    overlay = write_file(
        tmp_path,
        "b.yaml",
        "planning:\n  parallel: 1\n  precedence: [manager, assessment]\n"
        "  bridges: {soft-skill: coach, default: manager}\n"
        "  target_mix: {experience: 0.6, social: 0.3, formal: 0.1}\n  evidence: {advanced: a demo to the team}\n",
    )
    planning = load_catalog([first, overlay]).planning
    assert (planning.parallel, planning.checkin_weeks) == (1, 6)
    assert planning.precedence == ("manager", "assessment", "peer", "self")
    assert planning.bridge_kind("soft-skill") == "coach"
    assert planning.bridge_kind("ai-lifecycle") == "specialist"  # the default for the rest stays
    assert planning.bridge_kind("anything else") == "manager"
    assert planning.target_mix == (0.6, 0.3, 0.1)
    assert planning.evidence_for("advanced") == "a demo to the team"
    assert planning.evidence_for("beginner") == Planning().evidence_for("beginner")


@pytest.mark.parametrize(
    "block,message",
    [
        ("{parallel: 0}", "must be between 1 and 10"),
        ("{parallel: 1.5}", "whole number"),
        ("{paralel: 2}", "did you mean 'parallel'"),
        ("{experience_share: 2}", "between 0 and 1"),
        ("{target_mix: {experience: 0.7, social: 0.2, formal: 0.2}}", "add up to 1"),
        ("{target_mix: {experience: 1}}", "give a share for each"),
        ("{precedence: [self, self]}", "each rating source once"),
        ("{precedence: [boss]}", "unknown rating source 'boss'"),
        ("{bridges: {soft-skill: hire}}", "unknown bridge kind 'hire'"),
        ("{evidence: {guru: x}}", "is not a level"),
    ],
)
def test_bad_planning_settings_are_located_errors(tmp_path, block, message):
    path = write_file(tmp_path, "c.yaml", TINY + f"planning: {block}\n")
    with pytest.raises(UpskillError) as caught:
        load_catalog([path])
    problems = [str(p) for p in caught.value.problems]
    assert any(message in p for p in problems), problems
    assert all(p.startswith(f"{path}:") for p in problems)


def test_every_mistake_in_a_rating_is_reported(catalog):
    text = (
        "employee: {id: E1, target_role: ml-engineer}\nskills:\n"
        "  communication: {ratings: [{level: 3, source: boss, date: 2026-13-01}]}\n"
    )
    _, errors = read(catalog, text)
    assert len(errors) == 2 and "not a date" in " ".join(errors) and "rating source 'boss'" in " ".join(errors)
