"""The types of the commands' option values: click checks each value with one of these when it is given
(and the settings file's values too, cli/config.py), so a wrong one is a one-line usage error (exit 2)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import click

from upskill.errors import UsageError


class PathType(click.Path):
    """A path that is not empty: `''` would mean the current folder to the file system, never what was meant."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            self.fail("the path is empty", param, ctx)
        return super().convert(value, param, ctx)


class HoursType(click.FloatRange):
    """Hours per week: a number in (0, 80]. NaN compares false with both bounds, so FloatRange lets it through."""

    def __init__(self) -> None:
        super().__init__(min=0, min_open=True, max=80)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from upskill.planning.request import hours_problem  # the rule the API applies too

        number = super().convert(value, param, ctx)
        wrong = hours_problem(number)
        if wrong:  # NaN, or less than the minute the schedule counts in: a flag's problem, so exit 2
            self.fail(wrong, param, ctx)
        return number


class DateType(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date; write it as YYYY-MM-DD", param, ctx)


class WeightType(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    name = "TERM=NUMBER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, float]:
        from upskill.planning.request import weight_problem  # the rule the API applies too

        term, _, number = str(value).partition("=")
        try:
            weight = float(number)
        except ValueError:
            weight = math.nan
        wrong = weight_problem(term, weight, str(value))
        if wrong:
            self.fail(wrong, param, ctx)
        return term, weight


class FormatChoice(click.Choice):  # type: ignore[type-arg,unused-ignore]
    """--format's choices, read from a format registry whenever asked: a format registered there is offered."""

    def __init__(self, formats: Callable[[], Iterable[str]]) -> None:
        self.formats = formats
        super().__init__(tuple(formats()))

    @property  # type: ignore[override,unused-ignore]
    def choices(self) -> tuple[str, ...]:
        return tuple(self.formats())

    @choices.setter
    def choices(self, value: Any) -> None:  # click.Choice sets it once; the registry has the say
        pass


class ColumnType(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    name = "HEADER=TARGET"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        from upskill.load.rosters.columns import parse_column

        try:
            return parse_column(str(value))
        except UsageError as exc:
            self.fail(exc.problems[0].message.removeprefix(f"--column '{value}': "), param, ctx)


class DateFormatType(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    name = "FORMAT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from datetime import datetime

        text = str(value)
        try:  # a format that writes a day, a month and a year reads them back
            sample = datetime(2027, 6, 30)
            ok = datetime.strptime(sample.strftime(text), text) == sample
        except ValueError:
            ok = False
        if not ok:
            self.fail(f"'{text}' is not a date format with a day, a month and a year (e.g. %d/%m/%Y)", param, ctx)
        return text
