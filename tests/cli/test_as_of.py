"""`--as-of DATE`: the day a plan is made. Front matter is dated by it (a static site skips pages dated
in the future, which the plan's first day is), calendars stamp and sequence their events with it,
and --start defaults to the Monday after it; SOURCE_DATE_EPOCH sets it for reproducible builds."""

from __future__ import annotations

import json
import re

import yaml

from tests.helpers import EXAMPLES, check
from upskill.cli import cli

ANA = str(EXAMPLES / "ana-ruiz.yaml")
ROSTER = str(EXAMPLES / "roster.csv")


def front_matter(text):
    return yaml.safe_load(text[4:].partition("\n---\n")[0])


def test_front_matter_is_dated_the_day_the_plan_is_made(runner):
    result = check(runner.invoke(cli, ["plan", ANA, "--front-matter", "--as-of", "2026-12-09"]))
    assert result.exit_code == 0, result.stderr
    assert str(front_matter(result.stdout)["date"]) == "2026-12-09"  # was the start, a future date
    assert "from 2026-12-14" in result.stdout  # --start defaults to the Monday after (a Wednesday here)


def test_start_keeps_its_meaning_beside_as_of(runner):
    args = ["plan", ANA, "--format", "json", "--as-of", "2026-12-09", "--start", "2027-01-04"]
    result = check(runner.invoke(cli, args))
    assert json.loads(result.stdout)["summary"]["start"] == "2027-01-04"
    result = check(runner.invoke(cli, ["plan", ANA, "--format", "json", "--as-of", "2026-12-14"]))
    assert json.loads(result.stdout)["summary"]["start"] == "2026-12-21"  # a Monday's next Monday, as before


def test_source_date_epoch_makes_the_output_reproducible(runner):
    env = {"SOURCE_DATE_EPOCH": "1796256000"}  # 2026-12-03T00:00:00Z, a Thursday
    first = check(runner.invoke(cli, ["plan", ANA, "--front-matter", "--mermaid"], env=env))
    again = check(runner.invoke(cli, ["plan", ANA, "--front-matter", "--mermaid"], env=env))
    assert first.exit_code == 0 and first.stdout == again.stdout
    assert str(front_matter(first.stdout)["date"]) == "2026-12-03"
    assert "from 2026-12-07" in first.stdout
    flag = check(runner.invoke(cli, ["plan", ANA, "--front-matter", "--as-of", "2026-11-30"], env=env))
    assert str(front_matter(flag.stdout)["date"]) == "2026-11-30"  # the flag wins


def test_a_malformed_source_date_epoch_is_a_usage_error(runner):
    result = check(runner.invoke(cli, ["plan", ANA], env={"SOURCE_DATE_EPOCH": "yesterday"}))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "SOURCE_DATE_EPOCH" in line and "--as-of" in line


def ics(runner, as_of):
    result = check(runner.invoke(cli, ["plan", ANA, "--format", "ics", "--start", "2027-01-04", "--as-of", as_of]))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def field(text, name):
    return re.findall(rf"^{name}:(.*?)\r?$", text, re.M)


def test_a_calendar_is_stamped_and_sequenced_by_the_day_it_is_made(runner):
    first, later = ics(runner, "2026-12-09"), ics(runner, "2027-02-01")
    assert set(field(first, "DTSTAMP")) == {"20261209T000000Z"}  # was the start, 20270104
    (one,), (two,) = set(field(first, "SEQUENCE")), set(field(later, "SEQUENCE"))
    assert int(two) > int(one) >= 0  # a later plan replaces the earlier one's events
    assert field(first, "UID") == field(later, "UID")
    assert ics(runner, "2026-12-09") == first  # byte-identical for the same inputs


def test_batch_and_team_take_as_of(runner, tmp_path):
    out = tmp_path / "plans"
    args = ["batch", ROSTER, "--out", str(out), "--format", "json", "--as-of", "2026-12-09", "--jobs", "1"]
    result = check(runner.invoke(cli, args))
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "E1042.json").read_text(encoding="utf-8"))["summary"]["start"] == "2026-12-14"
    result = check(runner.invoke(cli, ["team", ROSTER, "--format", "json", "--as-of", "2026-12-09", "--jobs", "1"]))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["settings"]["start"] == "2026-12-14"


def test_as_of_in_the_settings_file(runner, tmp_path):
    config = tmp_path / "upskill.toml"
    config.write_text("as_of = 2026-12-09\n", encoding="utf-8")
    result = check(runner.invoke(cli, ["--config", str(config), "plan", ANA, "--front-matter"]))
    assert result.exit_code == 0, result.stderr
    assert str(front_matter(result.stdout)["date"]) == "2026-12-09"
    config.write_text('[plan]\nas-of = "someday"\n', encoding="utf-8")
    result = check(runner.invoke(cli, ["--config", str(config), "plan", ANA]))
    # A settings file's content is data (exit 1), located at its line, not a flag typed (exit 2)
    assert result.exit_code == 1 and f"{config}:2:" in result.stderr and "as-of" in result.stderr


def test_the_api_takes_as_of(catalog):
    from datetime import date

    from upskill.api import build_plan, read_profile
    from upskill.render import Extras, render_plan

    plan = build_plan(read_profile(EXAMPLES / "ana-ruiz.yaml", catalog), catalog, as_of=date(2026, 12, 9))
    assert plan.summary.start == date(2026, 12, 14) and plan.summary.as_of == date(2026, 12, 9)
    text = render_plan(plan, catalog, "markdown", extras=Extras(front_matter=True))
    assert str(front_matter(text)["date"]) == "2026-12-09"
