"""`--closed FROM..TO`: a period with no learning, as click reads it (kept out of options.py, which
declares the option, to keep that module short)."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

LONGEST = 366  # days: a break, a leave; anything longer is a mistake or a plan of its own (below)


class ClosedType(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """`2026-12-21..2027-01-01`: the first and last day of a closed period (both included)."""

    name = "FROM..TO"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[date, date]:
        if isinstance(value, tuple):
            return value
        first, dots, last = str(value).partition("..")
        try:
            span = (date.fromisoformat(first.strip()), date.fromisoformat(last.strip()))
        except ValueError:
            span = None
        if not dots or span is None:
            self.fail(f"'{value}' is not a period; write it as YYYY-MM-DD..YYYY-MM-DD", param, ctx)
        if span[1] < span[0]:
            self.fail(f"'{value}' ends before it starts; write the first day first", param, ctx)
        days = (span[1] - span[0]).days + 1
        if days > LONGEST:
            # A plan covers at most a year (one cycle), so a longer closed period only stretches it over
            # decades of idle weeks (a typo such as 9999-12-01 did that): plan from the return instead.
            self.fail(
                f"'{value}' closes {days:,} days, more than a year; for a longer leave, plan from the "
                "day learning starts again (--start)",
                param,
                ctx,
            )
        return span
