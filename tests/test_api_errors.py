"""The API's bad arguments, checked as the command line checks its flags (upskill/planning/request.py):
an `UsageError` (an `UpskillError`) whose problems say what is wrong and how to fix it, never a bare
ValueError or a plan built on nonsense; and the same words as the command line, which names the flag."""

from __future__ import annotations

import math
import warnings
from datetime import date

import pytest

import upskill
from tests.helpers import EXAMPLES
from upskill import Catalog, Plan, Problem, Profile, UpskillError, UsageError, build_plan, load_catalog, read_profile
from upskill.cli import cli

START = date(2026, 11, 23)


@pytest.fixture(scope="module")
def ana(catalog):
    return read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)


def refused(**kwargs):
    """The one problem `build_plan(ana, **kwargs)` raises, as a library user reads it."""
    catalog = load_catalog()
    profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
    with pytest.raises(UsageError) as info:
        build_plan(profile, catalog, **{"start": START, **kwargs})
    assert isinstance(info.value, UpskillError)  # one `except UpskillError` catches every bad argument
    assert len(info.value.problems) == 1, info.value.problems
    return str(info.value.problems[0])


def test_a_misspelled_weight_names_the_closest_term():
    assert refused(weights={"demnd": 3}) == (
        "weights 'demnd=3': the term must be gap, demand or unlocks (did you mean 'demand'?)"
    )


@pytest.mark.parametrize("value", [math.nan, math.inf, -1, 1001, "3"])
def test_a_weight_that_is_not_a_sensible_number_is_refused(value):
    assert refused(weights={"demand": value}).startswith(f"weights 'demand={value}': the weight must be")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (math.nan, "'nan' is not a number of hours"),
        (math.inf, "'inf' is not a number of hours"),
        (-5, "-5 is out of range: give more than 0 and at most 80 hours a week"),
        (0, "0 is out of range: give more than 0 and at most 80 hours a week"),
        (0.001, "0.001 hours a week is less than a minute"),
        ("5", "'5' is not a number of hours"),
    ],
)
def test_hours_that_are_not_a_pace_are_refused(value, says):
    assert refused(hours_per_week=value).startswith(f"hours_per_week: {says}")


def test_a_deadline_before_the_start_is_refused():
    assert refused(deadline=date(2026, 11, 1)) == "deadline 2026-11-01 is before the start 2026-11-23"


@pytest.mark.parametrize(("name", "value"), [("top", 0), ("parallel", 11), ("parallel", 2.5), ("top", True)])
def test_counts_out_of_range_are_refused(name, value):
    assert refused(**{name: value}).startswith(f"{name}: ")


def test_a_date_that_is_not_a_date_is_refused():
    assert refused(deadline="2027-01-01").startswith("deadline: '2027-01-01' is not a date")


def test_every_problem_is_said_at_once(ana, catalog):
    with pytest.raises(UsageError) as info:
        build_plan(ana, catalog, weights={"demnd": 3}, hours_per_week=math.nan, top=0)
    assert [p.message.split()[0] for p in info.value.problems] == ["weights", "hours_per_week:", "top:"]


def test_an_unknown_role_names_the_closest_one(catalog):
    with pytest.raises(UsageError) as info:
        read_profile(EXAMPLES / "ana-ruiz.yaml", catalog, role="ml-enginer")
    assert str(info.value.problems[0]) == (
        "role: unknown role 'ml-enginer' (did you mean 'ml-engineer'?); see `upskill catalog roles`"
    )


def test_a_far_deadline_is_planned_as_none_with_a_warning(ana, catalog):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plan = build_plan(ana, catalog, start=START, deadline=date(9999, 12, 31))
    assert plan.summary.deadline is None
    assert [w.category for w in caught] == [upskill.UpskillWarning]
    assert "deadline 9999-12-31 is more than 50 years after the start 2026-11-23" in str(caught[0].message)


def test_a_malformed_source_date_epoch_is_a_usage_error(ana, catalog, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError) as info:
        build_plan(ana, catalog)
    assert info.value.problems[0].message.endswith("fix it, unset it, or pass as_of")


def test_good_arguments_still_plan(ana, catalog):
    plan = build_plan(ana, catalog, start=START, weights={"demand": 3}, hours_per_week=4, top=2, parallel=1)
    assert isinstance(plan, Plan) and plan.summary.hours_per_week == 4 and plan.summary.parallel == 1


def test_the_types_a_caller_handles_are_exported(ana, catalog):
    assert isinstance(catalog, Catalog) and isinstance(ana, Profile)
    assert issubclass(UsageError, UpskillError) and Problem("x").message == "x"
    assert {"Catalog", "Plan", "Problem", "Profile", "UsageError"} <= set(upskill.__all__)


@pytest.mark.parametrize(
    ("flags", "keywords"),
    [
        (["--weight", "demnd=3"], {"weights": {"demnd": 3}}),
        (["--hours-per-week", "nan"], {"hours_per_week": math.nan}),
        (["--deadline", "2026-11-01"], {"deadline": date(2026, 11, 1)}),
        (["--role", "ml-enginer"], {"role": "ml-enginer"}),
    ],
    ids=["weight", "hours", "deadline", "role"],
)
def test_the_api_and_the_command_line_say_the_same(runner, catalog, flags, keywords):
    """One check behind both: the command line's line says what the API's problem says, naming the flag."""
    result = runner.invoke(cli, ["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--start", str(START), *flags])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    with pytest.raises(UsageError) as info:
        if "role" in keywords:
            read_profile(EXAMPLES / "ana-ruiz.yaml", catalog, **keywords)
        else:
            profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
            build_plan(profile, catalog, start=START, **keywords)
    api_words = str(info.value.problems[0]).split(" ", 1)[1].lstrip()  # without the keyword's name
    assert api_words.removeprefix("'demnd=3': ") in result.stderr.splitlines()[0]


def test_a_closed_period_is_checked_and_kept_out_of_the_plan(ana, catalog):
    assert refused(closed=[(date(2027, 1, 2), date(2026, 12, 21))]) == (
        "closed: 2027-01-02..2026-12-21 ends before it starts; give the first day first"
    )
    assert refused(closed=[("2026-12-21", "2027-01-01")]).startswith("closed: ")
    break_ = (date(2026, 12, 21), date(2027, 1, 1))
    plan = build_plan(ana, catalog, start=START, closed=[break_])
    assert plan.summary.closed_weeks, "the year-end break closes weeks of a plan that starts in November"
    assert all(not (break_[0] <= c.date <= break_[1]) for c in plan.checkins)
