"""Ratings acted on, enablers first, check-ins with an agenda, a credential route (issue 25, parts 2-4).

- A stale (12 months+) or disputed (2 levels apart) rating starts its step with a calibration
  conversation; a skill already at target with such a rating shows its flags in every format and
  is on the first check-in's agenda.
- Enablers (`enabler: true`) start in the first weeks when the role needs them.
- Each check-in has an agenda (due, evidence to bring, the decision); one falls on the deadline;
  long plans thin them; consecutive check-ins never repeat an agenda word for word.
- Personal coaching to intermediate follows ICF's ACC: training, mentor coaching, 100 h of
  coaching, and the evaluation and exam at the end.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import EXAMPLES
from tests.planning.test_properties import Bundled, plan_options, profiles
from upskill.api import read_profile, render_plan
from upskill.model import Assessment, Employee, Profile, Rating
from upskill.planning.checkins import DECIDE, MOST_CHECKINS
from upskill.planning.plan import Options, build_plan

MONDAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _disputed_and_stale() -> Profile:
    employee = Employee(id="E9", name="Rae Doe", target_role="ai-augmented-professional", hours_per_week=4)
    skills = {
        # at target (the role asks 3), but self 1 and manager 4: two views to reconcile
        "communication": Assessment(
            "communication",
            4,
            "manager",
            date(2026, 10, 1),
            (Rating(1, "self", date(2026, 9, 1)), Rating(4, "manager", date(2026, 10, 1))),
        ),
        "critical-thinking": Assessment("critical-thinking", 4, "self", date(2021, 5, 1)),  # at target, 2021
        "time-management": Assessment("time-management", 1, "self", date(2021, 5, 1)),  # a gap, stale
    }
    return Profile(employee, skills, {})


def test_at_target_flags_show_in_every_format_and_open_the_first_check_in(catalog):
    plan = build_plan(_disputed_and_stale(), catalog, Options(start=MONDAY))
    met = dict(zip(plan.met, plan.met_flags, strict=True))
    assert met["communication"] == ("talk about this",) and met["critical-thinking"] == ("stale",)
    data = json.loads(render_plan(plan, catalog, "json"))
    assert {"skill": "communication", "flags": ["talk about this"]} in data["met"]
    for fmt in ("markdown", "html", "table"):
        text = render_plan(plan, catalog, fmt)
        assert "Communication (talk about this)" in text, fmt
        assert "Critical thinking (stale)" in text, fmt
    first = plan.checkins[0].agenda
    assert any(line.startswith("Agree the level of Communication") for line in first)
    assert any(line.startswith("Agree the level of Critical thinking") for line in first)
    assert first[-1].startswith(DECIDE)


def test_a_stale_gap_starts_with_a_calibration_conversation(catalog):
    plan = build_plan(_disputed_and_stale(), catalog, Options(start=MONDAY))
    step = next(s for s in plan.steps if s.skill == "time-management")
    first = step.placed[0]
    assert first.resource.title.startswith("Calibrate current level: Time management")
    assert first.first_week == step.first_week


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_enablers_start_first_and_check_ins_carry_an_agenda(bundled, data):
    profile = data.draw(profiles(bundled), label="profile")
    days = data.draw(st.integers(min_value=7, max_value=500), label="days to the deadline")
    profile = profile._replace(employee=profile.employee._replace(deadline=MONDAY + timedelta(days=days)))
    options = data.draw(plan_options(), label="options")
    plan = build_plan(profile, bundled.catalog, options)
    catalog = bundled.catalog
    enablers = [s for s in plan.steps if catalog.skills[s.skill].enabler]
    others = [s for s in plan.steps if not catalog.skills[s.skill].enabler]
    for step in enablers:  # enablers have no prerequisites: none waits behind the other skills
        assert all(step.first_week <= o.first_week for o in others), (step.name, step.first_week)
    _check_checkins(plan)


def _check_checkins(plan) -> None:
    if not plan.steps:
        return
    weeks = [c.week for c in plan.checkins]
    assert weeks == sorted(set(weeks)) and weeks[-1] >= plan.summary.weeks
    assert len(plan.checkins) <= MOST_CHECKINS + 2  # the regular ones, the deadline's and the end's
    for c in plan.checkins:
        assert c.agenda and c.agenda[-1].startswith(DECIDE)
        if c.ended:
            assert any(line.startswith("Evidence to bring for step") for line in c.agenda)
    for a, b in zip(plan.checkins, plan.checkins[1:], strict=False):
        assert a.agenda != b.agenda, (a.week, b.week)
    deadline = plan.summary.deadline
    if deadline is not None and plan.summary.completion and plan.summary.completion > deadline + timedelta(days=7):
        assert any(line.startswith("The deadline") for c in plan.checkins for line in c.agenda)


@pytest.mark.parametrize("name", ["ana-ruiz", "kwame-mensah", "priya-raman", "sofia-lindqvist", "yusuf-demir"])
def test_the_examples_check_ins_have_agendas_and_enablers_lead(catalog, name):
    plan = build_plan(read_profile(EXAMPLES / f"{name}.yaml", catalog), catalog, Options(start=MONDAY))
    _check_checkins(plan)
    enablers = [s for s in plan.steps if catalog.skills[s.skill].enabler]
    assert all(s.first_week <= 4 for s in enablers)  # in the first weeks (Kwame's came in weeks 19-25)
    assert plan.summary.order_reason.startswith("Why this order:")


def test_kwames_deadline_has_its_own_check_in(catalog):
    plan = build_plan(read_profile(EXAMPLES / "kwame-mensah.yaml", catalog), catalog, Options(start=MONDAY))
    on_deadline = [c for c in plan.checkins if any(a.startswith("The deadline (2027-03-31)") for a in c.agenda)]
    assert len(on_deadline) == 1 and on_deadline[0].date >= date(2027, 3, 31) - timedelta(days=4)


def test_sofias_coaching_follows_icfs_acc(catalog):
    plan = build_plan(read_profile(EXAMPLES / "sofia-lindqvist.yaml", catalog), catalog, Options(start=MONDAY))
    step = next(s for s in plan.steps if s.skill == "coaching")
    titles = [p.resource.title for p in step.placed]
    assert any("Associate Certified Coach (ACC)" in t for t in titles)  # the plan names the credential
    assert any(t.startswith("Coach training accredited by the International Coaching Federation") for t in titles)
    assert any(t.startswith("Mentor coaching") for t in titles)
    exam = next(p for p in step.placed if p.resource.title.startswith("ACC performance evaluation"))
    assert exam.last_week == step.last_week  # the evaluation and exam close the route
    assert not any("harder cases" in t for t in titles)
    hours = {p.resource.title.split(":")[0]: p.resource.hours for p in step.placed}
    assert hours["Coach training accredited by the International Coaching Federation (entry level)"] == 60
    assert "ACC" in step.done_when and "8 clients" in step.done_when


def test_the_advanced_caseload_comes_with_supervision(catalog):
    employee = Employee(id="E8", name="Lee Chan", target_role="ld-coach", hours_per_week=6)
    skills = {"coaching": Assessment("coaching", 3), "interpersonal-skills": Assessment("interpersonal-skills", 4)}
    plan = build_plan(Profile(employee, skills, {}), catalog, Options(start=MONDAY))
    step = next(s for s in plan.steps if s.skill == "coaching")
    titles = [r.title for r in step.activities]
    assert any(t.startswith("Coach a regular caseload") for t in titles)
    assert any(t.startswith("Coaching supervision") for t in titles)


def test_ratings_to_agree_on_skills_at_target_come_in_the_first_week(catalog):
    plan = build_plan(_disputed_and_stale(), catalog, Options(start=MONDAY))
    first = plan.checkins[0]
    assert first.week == 1 and any(line.startswith("Agree the level of") for line in first.agenda)
    plain = build_plan(read_profile(EXAMPLES / "ana-ruiz.yaml", catalog), catalog, Options(start=MONDAY))
    assert plain.checkins[0].week == 4  # nothing to agree: the first check-in is the regular one
