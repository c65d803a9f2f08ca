"""`read_profile(..., as_of=)`: the library counts a `progress:` level from the day the plan is made,
as `upskill plan --as-of` does. It counted every entry, dated later or not, so the same profile gave
the library one plan and the command line another."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import EXAMPLES
from upskill import UsageError, build_plan, load_catalog, read_profile, render_plan
from upskill.cli import cli

PROGRESS = "progress:\n  - {skill: critical-thinking, level: 3, date: 2027-03-01}\n"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "ana.yaml"
    path.write_text((EXAMPLES / "ana-ruiz.yaml").read_text(encoding="utf-8") + PROGRESS, encoding="utf-8")
    return path


def _level(profile, skill="critical-thinking"):
    return profile.skills[skill].level


def test_a_level_counts_from_its_date(catalog, profile_file):
    assert _level(read_profile(profile_file, catalog, as_of=date(2027, 2, 28))) == 2  # the manager's rating
    assert _level(read_profile(profile_file, catalog, as_of=date(2027, 3, 1))) == 3


def test_by_default_the_day_the_plan_is_made_not_any_day(catalog, profile_file, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01: before the entry
    assert _level(read_profile(profile_file, catalog)) == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1804464000")  # 2027-03-08: after it
    assert _level(read_profile(profile_file, catalog)) == 3


@pytest.mark.parametrize("as_of", ["2027-02-01", "2027-03-02"])
def test_the_library_and_the_command_line_give_the_same_plan(runner, catalog, profile_file, as_of):
    day = date.fromisoformat(as_of)
    profile = read_profile(profile_file, catalog, as_of=day)
    text = render_plan(build_plan(profile, catalog, start=date(2027, 3, 8), as_of=day), catalog, "markdown")
    args = ["--no-config", "plan", str(profile_file), "--start", "2027-03-08", "--as-of", as_of]
    result = runner.invoke(cli, [*args, "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == text
    assert ("| Critical thinking |" in text) == (as_of < "2027-03-01")  # a gap until the level counts


def test_an_as_of_that_is_not_a_date_is_a_usage_error(catalog, profile_file):
    with pytest.raises(UsageError, match=r"as_of.*is not a date"):
        read_profile(profile_file, catalog, as_of="2027-03-01")  # type: ignore[arg-type]
