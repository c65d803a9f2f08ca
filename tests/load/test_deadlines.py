"""load/deadlines.py: a deadline more than 50 years after the start is HR's "no deadline"."""

from __future__ import annotations

from datetime import date

from upskill.load.deadlines import far_deadline, far_deadline_words


def test_fifty_years_is_the_limit():
    assert not far_deadline(date(2026, 12, 14), date(2076, 12, 14))
    assert far_deadline(date(2026, 12, 14), date(2076, 12, 15))
    assert not far_deadline(date(2028, 2, 29), date(2078, 3, 1))  # no 29 February in 2078: 1 March is the limit
    assert far_deadline(date(2028, 2, 29), date(2078, 3, 2))
    assert not far_deadline(date(9990, 1, 4), date(9999, 12, 31))  # near the calendar's end nothing is that far
    assert not far_deadline(date(2026, 12, 14), None)


def test_the_warning_says_the_limit_and_the_start():
    words = far_deadline_words("--deadline 9999-12-31", date(2026, 12, 14))
    assert words.startswith("--deadline 9999-12-31 is more than 50 years after the start 2026-12-14")
