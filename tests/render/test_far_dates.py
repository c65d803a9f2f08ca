"""Far deadlines and long timelines: every format gives a plan, a deadline HR systems write for "none"
(9999-12-31) is read as none with one warning, and dates near the calendar's end never crash."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from tests.helpers import EXAMPLES, START, check
from upskill.cli import cli
from upskill.render.charts import WIDTH

ANA = str(EXAMPLES / "ana-ruiz.yaml")
FORMATS = ("html", "ics", "json", "markdown", "table")
AXIS = re.compile(r'<text class="axis" x="([\d.]+)" y="14">([^<]*)</text>')


def plan(runner, tmp_path, fmt, *args):
    out = tmp_path / f"plan.{fmt}"
    result = check(runner.invoke(cli, ["plan", ANA, "--start", START, "--format", fmt, "-o", str(out), *args]))
    return result, out


def warnings(result):
    return [line for line in result.stderr.splitlines() if line.startswith("upskill: warning:")]


@pytest.mark.parametrize("args", [("--deadline", "2050-12-31"), ("--hours-per-week", "0.03")])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_timeline_of_decades_gives_a_plan_in_every_format(runner, tmp_path, fmt, args):
    result, out = plan(runner, tmp_path, fmt, *args)
    assert result.exit_code == 0, result.stderr  # the HTML plan raised StopIteration past ~1,248 weeks
    assert out.stat().st_size > 0 and not warnings(result)
    if fmt == "html":
        labels = AXIS.findall(out.read_text(encoding="utf-8"))
        assert 2 <= len(labels) <= 12
        assert all(re.fullmatch(r"\d{4}", text) for _, text in labels)  # years, not "week 1249"


def test_a_long_plan_s_axis_labels_fit_in_the_chart(runner, tmp_path):
    for args in ((), ("--hours-per-week", "1"), ("--hours-per-week", "0.03"), ("--deadline", "2031-06-30")):
        _, out = plan(runner, tmp_path, "html", *args)
        labels = AXIS.findall(out.read_text(encoding="utf-8"))
        assert labels
        for x, text in labels:  # 11px text: under 6.5 units a character, starting at its grid line
            assert float(x) + 6.5 * len(text) <= WIDTH, (x, text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_deadline_9999_12_31_means_no_deadline_with_one_warning(runner, tmp_path, fmt):
    result, out = plan(runner, tmp_path, fmt, "--deadline", "9999-12-31")
    assert result.exit_code == 0, result.stderr  # OverflowError in HTML and ICS before
    (warning,) = warnings(result)
    assert "--deadline 9999-12-31" in warning and "without a deadline" in warning
    text = out.read_text(encoding="utf-8")
    assert "9999" not in text  # planned without it: no deadline line, marker or event
    if fmt == "json":
        assert json.loads(text)["summary"]["deadline"] is None


def test_a_profile_deadline_of_2099_is_no_deadline_with_a_located_warning(runner, tmp_path):
    profile = tmp_path / "far.yaml"
    profile.write_text(
        (EXAMPLES / "ana-ruiz.yaml").read_text(encoding="utf-8").replace("2027-06-30", "2099-12-31"), encoding="utf-8"
    )
    assert "2099-12-31" in profile.read_text(encoding="utf-8")
    out = tmp_path / "plan.json"
    result = check(runner.invoke(cli, ["plan", str(profile), "--start", START, "-o", str(out), "--strict"]))
    assert result.exit_code == 0, result.stderr
    (warning,) = warnings(result)
    assert re.match(rf"upskill: warning: {re.escape(str(profile))}:\d+:\d+: employee\.deadline: 2099-12-31 ", warning)
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["deadline"] is None
    # --deadline overrides it: no warning about the profile's
    result = check(runner.invoke(cli, ["plan", str(profile), "--start", START, "--deadline", "2027-06-30"]))
    assert result.exit_code == 0 and not warnings(result)


def _far_roster(tmp_path):
    roster = tmp_path / "roster.csv"
    text = (EXAMPLES / "roster.csv").read_text(encoding="utf-8")
    roster.write_text(re.sub(r"2027-\d\d-\d\d", "9999-12-31", text), encoding="utf-8")
    return roster


def test_a_roster_of_9999_12_31_deadlines_plans_everyone_with_one_warning(runner, tmp_path):
    roster = _far_roster(tmp_path)
    out = tmp_path / "plans"
    args = ["batch", str(roster), "--out", str(out), "--start", START, "--jobs", "1"]
    result = check(runner.invoke(cli, [*args, "--format", "html", "--format", "json", "--format", "markdown"]))
    assert result.exit_code == 0, result.stderr  # "internal error (OverflowError ...)" for every row before
    (warning,) = warnings(result)
    assert re.match(rf"upskill: warning: {re.escape(str(roster))}:2:\d+: column 'deadline': 9999-12-31 ", warning)
    plans = sorted(out.glob("E*.json"))
    assert len(plans) == 17
    assert all(json.loads(p.read_text(encoding="utf-8"))["summary"]["deadline"] is None for p in plans)
    result = check(runner.invoke(cli, ["team", str(roster), "--start", START, "--format", "json", "--jobs", "1"]))
    assert result.exit_code == 0 and len(warnings(result)) == 1


def test_batch_with_deadline_9999_12_31_writes_every_plan(runner, tmp_path):
    out = tmp_path / "plans"
    roster = str(EXAMPLES / "roster.csv")
    args = ["batch", roster, "--out", str(out), "--start", START, "--deadline", "9999-12-31", "--format", "html"]
    result = check(runner.invoke(cli, [*args, "--jobs", "1"]))
    assert result.exit_code == 0, result.stderr
    assert len(warnings(result)) == 1  # the flag's, not the rows' too: --deadline overrides them
    assert len(list(out.glob("*.html"))) == 17 + 2  # the plans, index.html and team.html


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plan_ending_on_9999_12_31_renders(runner, tmp_path, fmt):
    # From this Monday Ana's last step ends on Friday 9999-12-31, the calendar's last day
    weeks = json.loads(check(runner.invoke(cli, ["plan", ANA, "--start", START, "--format", "json"])).stdout)
    first = date(9999, 12, 31) - timedelta(weeks=weeks["summary"]["weeks"] - 1, days=4)
    out = tmp_path / f"plan.{fmt}"
    args = ["plan", ANA, "--start", str(first), "--deadline", "9999-12-31", "--format", fmt, "-o", str(out)]
    result = check(runner.invoke(cli, args))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "9999-12-31" in text or "99991231" in text
    if fmt == "ics":  # no DTEND of 10000-01-01: the event's length instead
        assert "DURATION:P1D" in text and "DTEND;VALUE=DATE:1000" not in text


def test_a_batch_past_the_calendar_s_end_fails_each_row_plainly(runner, tmp_path):
    out = tmp_path / "plans"
    args = ["batch", str(EXAMPLES / "roster.csv"), "--out", str(out), "--start", "9999-08-23", "--jobs", "1"]
    result = check(runner.invoke(cli, [*args, "--format", "html", "--format", "json"]))
    assert result.exit_code == 1
    assert "internal error" not in result.stderr and "would run past the last date" in result.stderr


def test_a_late_step_s_label_fits_its_column(catalog):
    from upskill.api import build_plan, read_profile
    from upskill.render.charts import timeline_chart

    profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
    ana = build_plan(profile, catalog, start=date.fromisoformat(START), deadline=date.fromisoformat(START))
    long = ana._replace(steps=tuple(s._replace(name="Human oversight of AI output " * 3) for s in ana.steps))
    labels = re.findall(r'<text class="label"[^>]*>([^<]*)</text>', timeline_chart(long))
    assert labels and all(text.endswith("… (late)") and len(text) <= 32 for text in labels)  # was cut at the left


def test_a_plan_of_centuries_says_so_not_the_calendar_s_end(runner, tmp_path):
    catalog = tmp_path / "slow.yaml"
    catalog.write_text(
        "skills:\n  - id: slow\n    name: Slow\n    resources:\n"
        "      - {title: Long course, kind: formal, hours: 250, from: 0, to: 3}\n"
        "roles:\n  - id: r\n    name: Role R\n    requires:\n      slow: 2\n",
        encoding="utf-8",
    )
    profile = tmp_path / "p.yaml"
    profile.write_text("employee:\n  id: E1\n  target_role: r\nskills: {}\n", encoding="utf-8")
    args = ["plan", str(profile), "--catalog", str(catalog), "--start", START, "--hours-per-week", "0.01"]
    result = check(runner.invoke(cli, args))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()  # 250 hours at a minute a week: 15,000 weeks
    assert "more than 200 years" in line and "9999" not in line  # it said "past 9999-12-31" of a plan ending in 2315
