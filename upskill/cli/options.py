"""The options the commands share, each defined once and applied by name (`@options.catalog`), and what their
values mean to the library (`load_catalogs`, `first_day`, `plan_options`, `team_settings`, `format_from`).

An option used by one command only (`plan --role`, `batch --out`) stays with its command. Nothing here
imports more than click at start-up: the library is imported inside the functions that need it.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from upskill.cli.edge import print_problem, run_state
from upskill.cli.periods import ClosedType
from upskill.render import PLAN_SUFFIXES

if TYPE_CHECKING:
    from upskill.batch.columns import RosterSettings
    from upskill.model import Catalog
    from upskill.planning.plan import Options
    from upskill.planning.team import TeamSettings

F = TypeVar("F", bound=Callable[..., Any])
Weights = tuple[tuple[str, float], ...]  # what repeated --weight TERM=NUMBER gives

# `upskill team -o FILE`: the extension -> the format it picks (plan's is `upskill.render.PLAN_SUFFIXES`)
TEAM_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}


# --- parameter types ----------------------------------------------------------------------------


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
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"'{value}' is not a number of hours", param, ctx)
        if round(number * 60) < 1:  # the schedule counts whole minutes: a flag's problem, so exit 2
            self.fail(f"{value} hours a week is less than a minute; plan at least a few hours a week", param, ctx)
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
        term, _, number = str(value).partition("=")
        if term not in ("gap", "demand", "unlocks"):
            self.fail(f"'{value}': the term must be gap, demand or unlocks (e.g. demand=3)", param, ctx)
        try:
            weight = float(number)
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight):  # float() also reads nan and inf
            self.fail(f"'{value}': the weight must be a number (e.g. {term}=1.5)", param, ctx)
        if not 0 <= weight <= 1000:
            self.fail(f"'{value}': the weight must be between 0 and 1000", param, ctx)
        return term, weight


class ColumnType(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    name = "HEADER=TARGET"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        from upskill.batch.columns import parse_column
        from upskill.errors import UsageError

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


# --- the shared options ---------------------------------------------------------------------------

catalog = click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    metavar="PATH",
    type=PathType(),
    help="Catalog file or folder; repeat to overlay (later files override earlier ones by id). "
    "'default' names the bundled catalog, which is used when the flag is absent.",
)
color = click.option(
    "--color/--no-color",
    default=None,
    help="Colour the terminal table. Default: colour when stdout is a terminal and NO_COLOR is unset.",
)
strict = click.option("--strict", is_flag=True, help="Treat warnings (e.g. an unknown skill) as errors.")
weight = click.option(
    "--weight",
    "weights",
    multiple=True,
    type=WeightType(),
    help="Override a priority weight, e.g. --weight demand=3 (terms: gap, demand, unlocks).",
)

# `upskill plan`, `batch` and `team`: the day the plan is made, from which --start's default follows
as_of = click.option(
    "--as-of",
    type=DateType(),
    help="The day the plan is made (front matter's date, a calendar's stamp). "
    "Default: today, or the day of SOURCE_DATE_EPOCH when it is set.",
)

# `upskill plan`: one employee
start = click.option("--start", type=DateType(), help="First day of week 1. Default: the Monday after --as-of.")
deadline = click.option(
    "--deadline", type=DateType(), help="Flag steps that end after this date (overrides the profile's)."
)
hours_per_week = click.option(
    "--hours-per-week", type=HoursType(), help="Learning hours per week (overrides the profile's)."
)
top = click.option(
    "--top", type=click.IntRange(min=1), help="Plan only the N highest-priority gaps (and their prerequisites)."
)

closed = click.option(
    "--closed", multiple=True, type=ClosedType(), help="A period with no learning nor check-in: 2026-12-21..2027-01-01."
)

parallel = click.option(
    "--parallel",
    type=click.IntRange(min=1, max=10),
    metavar="N",
    help="Skills in progress at once, side by side (default: the catalog's planning.parallel, 2).",
)

# `upskill batch` and `upskill team`: the same options, with help that speaks of many employees
start_many = click.option(
    "--start", type=DateType(), help="First day of week 1 for everyone. Default: the Monday after --as-of."
)
deadline_many = click.option(
    "--deadline", type=DateType(), help="Flag steps that end after this date (overrides profiles')."
)
hours_per_week_many = click.option(
    "--hours-per-week", type=HoursType(), help="Learning hours per week for everyone (overrides profiles')."
)
top_many = click.option(
    "--top",
    type=click.IntRange(min=1),
    help="Plan only each employee's N highest-priority gaps (and their prerequisites).",
)
encoding = click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    metavar="NAME",
    help="Text encoding of CSV rosters, e.g. cp1252 for an older Excel export.",
)

# `upskill batch` and `upskill team`: how rosters are read (docs/rosters.md)
column = click.option(
    "--column",
    "columns",
    multiple=True,
    type=ColumnType(),
    help="Map a roster column: 'Personnel no.=id', 'Division=attribute', 'Salary=ignore' or 'Prompting=SKILL'; "
    "repeat for more.",
)
ignore_unknown_columns = click.option(
    "--ignore-unknown-columns",
    is_flag=True,
    help="Drop roster columns that name no skill or employee field (one warning lists them) instead of stopping.",
)
sheet = click.option("--sheet", metavar="NAME", help="The sheet of .xlsx rosters to read. Default: the first.")
date_format = click.option(
    "--date-format",
    metavar="FORMAT",
    type=DateFormatType(),
    help="Read roster dates written as text in this order, e.g. %d/%m/%Y (ISO dates and Excel dates always work).",
)


_ROSTER_PARAMS = ("encoding", "columns", "ignore_unknown_columns", "sheet", "date_format")  # roster_settings'


def roster_options(command: F) -> F:
    """--encoding, --column, --ignore-unknown-columns, --sheet and --date-format, in that order, given to the
    command as one `roster: RosterSettings` argument: every command that reads rosters (batch, team, fit)
    declares this one group, so a new roster option reaches them all without touching their signatures."""

    @functools.wraps(command)
    def with_roster(*args: Any, **kwargs: Any) -> Any:
        kwargs["roster"] = roster_settings(**{name: kwargs.pop(name) for name in _ROSTER_PARAMS})
        return command(*args, **kwargs)

    wrapped: Any = with_roster
    for option in (date_format, sheet, ignore_unknown_columns, column, encoding):
        wrapped = option(wrapped)
    return wrapped  # type: ignore[no-any-return]


jobs = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1, max=256),
    metavar="N",
    help="Plan in N parallel processes. Default: the number of cores.",
)
cohort_min = click.option(
    "--cohort-min",
    type=click.IntRange(min=2),
    default=3,
    show_default=True,
    metavar="N",
    help="Suggest a group training where N or more people share a gap at similar levels.",
)
cohort_max = click.option(
    "--cohort-max",
    type=click.IntRange(min=2),
    default=25,
    show_default=True,
    metavar="N",
    help="Split larger cohorts into sessions of at most N people.",
)
min_group = click.option(
    "--min-group",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    metavar="K",
    help="Hide any team figure computed over fewer than K people (1 shows everything).",
)
anonymize = click.option(
    "--anonymize",
    is_flag=True,
    help="Replace names and ids with pseudonyms: in the team report, and in batch's plan files, their "
    "names, index and messages too. Set UPSKILL_ANONYMIZE_KEY to a secret for the same pseudonyms every run "
    "(without it they are random for each run).",
)


def _suffix_list(suffixes: Mapping[str, str]) -> str:
    """`.md, .json or .txt`: the first extension of each format, for help and messages."""
    first: dict[str, str] = {}
    for suffix, fmt in suffixes.items():
        first.setdefault(fmt, suffix)
    *most, last = first.values()
    return f"{', '.join(most)} or {last}"


def _format(choices: tuple[str, ...]) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        help="Output format. Default: a table in a terminal, Markdown when piped, or from -o's extension.",
    )


def _output(suffixes: Mapping[str, str]) -> Callable[[F], F]:
    return click.option(
        "-o",
        "--output",
        type=PathType(dir_okay=False, writable=True),
        help=f"Write to this file ({_suffix_list(suffixes)} picks the format). Default: stdout.",
    )


# `--format` and `-o` of plan and team: one report to stdout or a file, the format guessed from -o's extension
plan_format = _format(("table", "markdown", "json", "html", "ics"))
mermaid = click.option(
    "--mermaid", is_flag=True, help="Markdown: add the schedule as a Mermaid gantt chart (GitHub and GitLab draw it)."
)
front_matter = click.option(
    "--front-matter", is_flag=True, help="Markdown: start with YAML front matter for Jekyll, Hugo or MkDocs."
)


def _said_if_from_settings(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    from upskill.cli.config import said_from_settings

    said_from_settings(ctx, str(param.name), value)
    return value


template = click.option(
    "--template",
    metavar="FILE",
    type=PathType(exists=True, dir_okay=False),
    callback=_said_if_from_settings,  # a checkout's settings file choosing the template is said on stderr
    help="Render with your own Jinja2 template: NAME.md.j2, NAME.html.j2 or NAME.txt.j2 (docs/outputs.md).",
)
input_format = click.option(
    "--input-format",
    type=click.Choice(("yaml", "toml", "json")),
    help="How to read PROFILE (for - or an unusual extension). Default: from the extension, or from the text.",
)
plan_output = _output(PLAN_SUFFIXES)
team_format = _format(("table", "markdown", "json", "csv", "html"))
team_output = _output(TEAM_SUFFIXES)


# --- what the values mean -------------------------------------------------------------------------


def format_from(output: str | None, fmt: str | None, suffixes: Mapping[str, str]) -> str | None:
    """--format; else the format -o's extension picks (`suffixes`); else None (decided by where stdout goes)."""
    if not output or fmt is not None:
        return fmt
    guessed = suffixes.get(Path(output).suffix.lower())
    if guessed is None:
        from upskill.errors import Problem, UsageError

        raise UsageError(
            Problem(f"cannot tell the format from '{output}'; use {_suffix_list(suffixes)}, or pass --format")
        )
    return guessed


def chosen_color(color: bool | None) -> bool | None:
    """The command's --color/--no-color, else the group's (`upskill --no-color plan ...`, or NO_COLOR)."""
    return color if color is not None else run_state().get("color")


def load_catalogs(catalogs: tuple[str, ...]) -> Catalog:
    """The catalog that --catalog names (overlaid in order), or the bundled one."""
    from upskill.load.catalog import load_catalog

    return load_catalog(catalogs or ("default",))


def made_on(as_of: date | None) -> date:
    """--as-of; else the day (UTC) of SOURCE_DATE_EPOCH, which reproducible builds set; else today."""
    if as_of is not None:
        return as_of
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    from datetime import UTC, datetime

    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    except (ValueError, OverflowError, OSError):  # the spec asks to stop on a malformed value, not guess
        from upskill.errors import Problem, UsageError

        raise UsageError(
            Problem(
                f"SOURCE_DATE_EPOCH '{epoch[:40]}' is not a number of seconds since 1970-01-01; "
                "fix it, unset it, or pass --as-of"
            )
        ) from None


def first_day(start: date | None, deadline: date | None, as_of: date | None = None) -> date:
    """--start, or the Monday after the day the plan is made (`made_on`); a usage error when --deadline
    is before it, a warning when it is so far away that it means "no deadline" (`far_deadline`)."""
    from upskill.errors import Problem, UsageError
    from upskill.planning.schedule import far_deadline, far_deadline_words, next_monday

    start = start or next_monday(made_on(as_of))
    if deadline is not None and deadline < start:
        raise UsageError(Problem(f"--deadline {deadline} is before the start {start}"))
    if far_deadline(start, deadline):
        print_problem(Problem(far_deadline_words(f"--deadline {deadline}", start), warning=True))
    return start


def plan_options(
    catalog: Catalog,
    start: date,
    deadline: date | None,
    hours_per_week: float | None,
    top: int | None,
    weights: Weights,
    parallel: int | None = None,
    as_of: date | None = None,
    closed: tuple[tuple[date, date], ...] = (),
) -> Options:
    """The planning options: --weight overrides the catalog's weights term by term."""
    from upskill.planning.plan import Options

    return Options(
        start=start,
        deadline=deadline,
        hours_per_week=hours_per_week,
        top=top,
        weights=catalog.weights._replace(**dict(weights)) if weights else None,
        parallel=parallel,
        as_of=as_of,
        closed=tuple(closed),
    )


def roster_settings(
    encoding: str,
    columns: tuple[tuple[str, str], ...],
    ignore_unknown_columns: bool,
    sheet: str | None,
    date_format: str | None,
) -> RosterSettings:
    """How batch, team and fit read rosters (`roster_options`' values)."""
    from upskill.batch.columns import RosterSettings

    return RosterSettings(encoding, tuple(columns), ignore_unknown_columns, sheet, date_format)


def team_settings(
    cohort_min: int, cohort_max: int, min_group: int, anonymize: bool, start: date | None = None, group_by: str = ""
) -> TeamSettings:
    """The team rollup's settings; the pseudonyms' secret comes from UPSKILL_ANONYMIZE_KEY, never a flag."""
    from upskill.planning.team import TeamSettings

    return TeamSettings(
        cohort_min=cohort_min,
        cohort_max=cohort_max,
        min_group=min_group,
        anonymize=anonymize,
        key=anonymize_key() if anonymize else "",
        group_by=group_by.strip(),
        start=start,
    )


KEY_VARIABLE = "UPSKILL_ANONYMIZE_KEY"


def anonymize_key() -> str:
    """The pseudonyms' secret: UPSKILL_ANONYMIZE_KEY, else a random one for this run (with one warning).

    With no secret at all, a pseudonym is a hash anyone can compute: hashing every id of the form
    H00000 to H99999 took seconds and named every person of a 300-person export. A random key
    cannot be guessed back, at the price of pseudonyms that differ from run to run.
    """
    key = os.environ.get(KEY_VARIABLE, "")
    if key:
        return key
    import secrets

    from upskill.cli.edge import print_problem
    from upskill.errors import Problem

    print_problem(
        Problem(
            f"{KEY_VARIABLE} is not set: the pseudonyms come from a random key and differ from run to run; "
            f"set {KEY_VARIABLE} to a secret of your own (and keep it) for the same pseudonyms every run",
            warning=True,
        )
    )
    return secrets.token_hex(32)
