"""The weekly ask ("Your weekly ask: ~3 h of learning time ... at the busiest, weeks 5–8 ...") as every plan
format shows it.

ask_lines works out the averages and the busiest stretch in one walk over the runs (issue 29); these
check its lines against the four passes it replaced, written out here as they were.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from upskill.model import LoadRun
from upskill.planning.schedule import week_end, week_start
from upskill.render.ask import ask_lines
from upskill.render.common import about, day, hours

START = date(2027, 1, 4)
TENTHS = st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0, 1.1, 2.0, 2.3, 3.0, 3.1, 4.0, 7.5])


def _old_busiest(runs: list[LoadRun]) -> tuple[int, int, float, float]:
    peak = max([r.learning_hours + r.job_hours for r in runs])
    stretch: list[LoadRun] = []
    for r in runs:
        if r.learning_hours + r.job_hours >= peak - 1:
            if stretch and r.from_week != stretch[-1].to_week + 1:
                break
            stretch.append(r)
        elif stretch:
            break
    return (
        stretch[0].from_week,
        stretch[-1].to_week,
        max([r.learning_hours for r in stretch]),
        max([r.job_hours for r in stretch]),
    )


def _old_first_line(runs: list[LoadRun]) -> str | None:
    open_weeks = sum([r.to_week - r.from_week + 1 for r in runs if r.learning_hours or r.job_hours])
    if not runs or not open_weeks:
        return None
    learning = sum([(r.to_week - r.from_week + 1) * r.learning_hours for r in runs]) / open_weeks
    job = sum([(r.to_week - r.from_week + 1) * r.job_hours for r in runs]) / open_weeks
    first, last, peak_learning, peak_job = _old_busiest(runs)
    weeks = f"week {first}" if first == last else f"weeks {first}–{last}"
    span = f"{weeks} ({day(week_start(START, first))} to {day(week_end(START, last))})"
    return (
        f"Your weekly ask: ~{about(learning)} h of learning time and ~{about(job)} h of on-the-job work a week "
        f"on average; at the busiest, {span}, ~{about(peak_learning)} h of learning time and "
        f"~{about(peak_job)} h of on-the-job work, which your manager releases from your usual work"
    )


# Runs in a row from week 1, or with gaps between them (a closed stretch the runs skip): lengths and hours
RUNS = st.lists(st.tuples(st.integers(0, 2), st.integers(1, 9), TENTHS, TENTHS), max_size=14)


@given(RUNS)
def test_weekly_ask_the_same_as_the_four_passes(shape):
    runs, week = [], 1
    for gap, length, learning, job in shape:
        week += gap
        runs.append(LoadRun(week, week + length - 1, learning, job))
        week += length
    lines = ask_lines(runs, START, date(2028, 1, 1), 0.5, 3.0, "", "", ())
    old = _old_first_line(runs)
    if old is None:
        assert lines == []
    else:
        assert lines[0] == old
        assert lines[1] == f"Learning time used: 50% of your {hours(3.0)} h a week"


def test_busiest_stretch_is_the_first_within_an_hour_of_the_peak():
    runs = [LoadRun(1, 2, 1.0, 0.0), LoadRun(3, 4, 3.0, 1.5), LoadRun(5, 5, 2.0, 2.0), LoadRun(6, 9, 4.0, 0.5)]
    assert (
        "at the busiest, weeks 3–9 (2027-01-18 to 2027-03-05), ~4 h of learning time and ~2 h of"
        in (ask_lines(runs, START, date(2027, 3, 5), 0.9, 4.0, "", "", ())[0])
    )
