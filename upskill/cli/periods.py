"""`--closed FROM..TO`: a period with no learning, as click reads it (kept out of options.py, which
declares the option, to keep that module short)."""

from __future__ import annotations

from datetime import date
from typing import Any

import click


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
        return span
