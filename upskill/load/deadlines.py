"""Deadlines HR systems write for "none" (9999-12-31): read as no deadline, with one warning.

Reading a profile or a roster (load/) warns about such a date and planning (planning/plan.py)
plans it as none; the rule lives here, on the reading side, so both use it without load/
importing planning/.
"""

from __future__ import annotations

from datetime import date, timedelta

# HR systems write 9999-12-31 (or 2099-12-31) where a person has no deadline. A date this far after
# the start is read as no deadline (one warning says so): planned against, it would only stretch the
# charts over millennia and push date arithmetic past the calendar's last day.
FAR_DEADLINE_YEARS = 50


def far_deadline(start: date, deadline: date | None) -> bool:
    """Whether `deadline` is more than FAR_DEADLINE_YEARS years after `start` (then read as no deadline)."""
    if deadline is None or start.year + FAR_DEADLINE_YEARS > date.max.year:
        return False  # nothing after such a start is that far: the calendar ends first
    # 29 February has no day in most years: 1 March, the day after 28 February, is the same limit
    limit = date(start.year + FAR_DEADLINE_YEARS, start.month, 28) + timedelta(days=start.day - 28)
    return deadline > limit


def far_deadline_words(what: str, start: date) -> str:
    """The warning for a deadline read as none; `what` names it (`--deadline 9999-12-31`)."""
    return (
        f"{what} is more than {FAR_DEADLINE_YEARS} years after the start {start} (HR systems write such "
        'a date for "no deadline"): planned without a deadline'
    )
