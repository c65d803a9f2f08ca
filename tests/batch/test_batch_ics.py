"""`upskill batch --format ics`: one calendar per employee, the very file `upskill plan -o x.ics` writes."""

from __future__ import annotations

import json

from tests.helpers import EXAMPLES, START
from upskill.cli import cli


def test_batch_writes_each_employees_calendar_byte_for_byte_as_plan_does(runner, tmp_path):
    out = tmp_path / "out"
    options = ["--start", START, "--as-of", "2026-11-20", "--deadline", "2027-06-30"]
    # Planned alone, as `upskill plan` plans: the same bytes. With the roster scheduled together
    # (sessions, mentors) the text says so, but every event keeps the id `upskill plan` gives it.
    batch = ["batch", str(EXAMPLES), "--format", "ics", "--jobs", "1", *options]
    result = runner.invoke(cli, [*batch, "--out", str(out), "--no-sessions"])
    assert result.exit_code == 0, result.stderr
    together = tmp_path / "together"
    assert runner.invoke(cli, [*batch, "--out", str(together)]).exit_code == 0
    profiles = sorted(EXAMPLES.glob("*.yaml"))
    assert len(profiles) >= 5, "the bundled example profiles are missing"
    for profile in profiles:
        single = tmp_path / "single.ics"
        written = runner.invoke(cli, ["plan", str(profile), "-o", str(single), *options])
        assert written.exit_code == 0, written.stderr
        plan = json.loads(runner.invoke(cli, ["plan", str(profile), "--format", "json", *options]).stdout)
        calendar = out / f"{plan['employee']['id']}.ics"
        assert calendar.read_bytes() == single.read_bytes(), profile.name
        uids = [line for line in single.read_text(encoding="utf-8").splitlines() if line.startswith("UID:")]
        scheduled = (together / calendar.name).read_text(encoding="utf-8").splitlines()
        assert uids and uids == [line for line in scheduled if line.startswith("UID:")], profile.name
        assert b"BEGIN:VCALENDAR" in calendar.read_bytes()


def test_batch_offers_ics_in_its_help(runner):
    assert "ics" in runner.invoke(cli, ["batch", "--help"]).stdout
