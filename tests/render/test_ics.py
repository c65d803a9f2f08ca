"""`--format ics`: a calendar file that a real parser (icalendar) reads back as the plan."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest

from tests.helpers import EXAMPLES, START
from upskill.api import build_plan, read_profile
from upskill.cli import cli
from upskill.render import render_plan
from upskill.render.ics import fold

NASTY = "Data, ethics; and \\ law\nin practice — «été» 🚀"


@pytest.fixture(scope="module")
def ana(catalog):
    profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
    return build_plan(profile, catalog, start=date.fromisoformat(START))


def events(text):
    return [c for c in icalendar.Calendar.from_ical(text).walk("VEVENT")]


def test_every_activity_check_in_and_the_deadline_is_an_event(ana, catalog):
    found = events(render_plan(ana, catalog, "ics"))
    assert len(found) == sum(len(s.placed) for s in ana.steps) + len(ana.checkins) + 1
    by_uid = {str(e["UID"]): e for e in found}
    assert len(by_uid) == len(found)  # UIDs are unique
    for step in ana.steps:
        for k, placed in enumerate(step.placed, start=1):
            event = by_uid[f"E1042.{step.skill}-{k}.activity@upskill"]
            assert event.decoded("DTSTART") == placed.start  # a date, not a datetime: an all-day event
            assert event.decoded("DTEND") == placed.end + timedelta(days=1)  # DTEND is exclusive
            assert step.start <= placed.start <= placed.end <= step.end
            assert step.name in str(event["SUMMARY"]) and placed.resource.title in str(event["SUMMARY"])
            assert step.done_when in str(event["DESCRIPTION"])
    checkin = by_uid["E1042.checkin-1.checkin@upskill"]
    assert checkin.decoded("DTSTART") == ana.checkins[0].date


def test_output_is_deterministic_and_stamped_with_the_plan_start(ana, catalog):
    first, second = render_plan(ana, catalog, "ics"), render_plan(ana, catalog, "ics")
    assert first == second
    for event in events(first):
        assert event.decoded("DTSTAMP").isoformat() == f"{START}T00:00:00+00:00"


def test_a_changed_plan_keeps_its_uids(ana, catalog):
    """A re-import updates the same events: UIDs depend on who and what, not on the dates."""
    later = build_plan(
        read_profile(EXAMPLES / "ana-ruiz.yaml", catalog), catalog, start=date.fromisoformat(START) + timedelta(weeks=3)
    )
    uids = {str(e["UID"]) for e in events(render_plan(ana, catalog, "ics"))}
    assert uids == {str(e["UID"]) for e in events(render_plan(later, catalog, "ics"))}


def test_text_is_escaped_and_lines_are_folded(ana, catalog):
    step = ana.steps[0]._replace(name=NASTY)
    plan = ana._replace(steps=(step, *ana.steps[1:]), employee=ana.employee._replace(name="A,B;C"))
    text = render_plan(plan, catalog, "ics")
    raw = text.encode("utf-8")
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line ends CRLF
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    summary = str(events(text)[0]["SUMMARY"])
    assert summary.startswith(f"Learn {NASTY}:")  # commas, semicolons, backslash, newline and emoji survive
    assert "X-WR-CALNAME:Learning plan: A\\,B\\;C (E1042)\r\n" in text  # an extension property: TEXT too


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é🚀" * 60
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_plan_writes_a_calendar_from_the_output_suffix(runner, tmp_path):
    out = tmp_path / "plan.ics"
    result = runner.invoke(cli, ["plan", str(EXAMPLES / "yusuf-demir.yaml"), "--start", START, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and calendar.walk("VEVENT")
