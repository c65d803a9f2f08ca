"""The options the commands share, each defined once, and the groups that give a command ONE settings object each
(`@options.planning()` -> `request: PlanRequest`, `@options.roster_options` -> `roster: RosterSettings`,
`@options.team_options()` -> `team: TeamSettings`, `@options.output(...)` -> `output: Output`), with what their
values mean to the library (`load_catalogs`, `planned`, `format_from`). `SectionedCommand` lists each group's
options under its own heading in --help (click has no sections of its own).

An option used by one command only (`plan --role`, `batch --out`) stays with its command. Nothing here
imports more than click at start-up: the library is imported inside the functions that need it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from upskill.cli.edge import color_option, print_problem, run_state
from upskill.cli.periods import ClosedType
from upskill.cli.types import ColumnType, DateFormatType, DateType, FormatChoice, HoursType, PathType, WeightType
from upskill.errors import Problem, UsageError
from upskill.render import FIT_FORMATS, PLAN_FORMATS, TEAM_FORMATS, batch_formats, plan_suffixes, suffix_map

if TYPE_CHECKING:
    from upskill.load.rosters.columns import RosterSettings
    from upskill.model import Catalog
    from upskill.planning.plan import Options
    from upskill.planning.request import PlanRequest
    from upskill.planning.team import TeamSettings

F = TypeVar("F", bound=Callable[..., Any])

# `upskill team -o FILE` and `upskill fit -o FILE`: the extension -> the format it picks (plan's: `plan_suffixes()`)
TEAM_SUFFIXES = suffix_map(TEAM_FORMATS)
FIT_SUFFIXES = suffix_map(FIT_FORMATS)


# --- option groups: options given to the command as ONE settings object, under one --help heading ----------

SECTION = "upskill_section"  # the attribute of a click.Option that names its heading in --help
OTHER = "Options"  # the heading of options in no group (and of --help)


def group(name: str, title: str, build: Callable[..., Any], *decorators: Callable[[F], F]) -> Callable[[F], F]:
    """The options `decorators` declare (top to bottom, as in --help), given as `name=build(**values)`."""

    def apply(command: F) -> F:
        @functools.wraps(command)
        def with_group(*args: Any, **kwargs: Any) -> Any:
            values = {param: kwargs.pop(param) for param in names}
            kwargs[name] = build(**values)
            return command(*args, **kwargs)

        with_group.__dict__["__click_params__"] = list(getattr(command, "__click_params__", []))
        before = len(with_group.__dict__["__click_params__"])
        wrapped: Any = with_group
        for decorator in reversed(decorators):
            wrapped = decorator(wrapped)
        added = wrapped.__click_params__[before:]
        for param in added:
            setattr(param, SECTION, title)
        names = [str(param.name) for param in added]
        return wrapped  # type: ignore[no-any-return]

    return apply


class SectionedCommand(click.Command):
    """A command whose --help lists its options under one heading per group, in the order declared."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        sections: dict[str, list[tuple[str, str]]] = {OTHER: []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                sections.setdefault(getattr(param, SECTION, OTHER), []).append(record)
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


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
color = color_option
strict = click.option("--strict/--no-strict", default=False, help="Treat warnings (e.g. an unknown skill) as errors.")
input_format = click.option(
    "--input-format",
    type=click.Choice(("yaml", "toml", "json")),
    help="How to read PROFILE (for - or an unusual extension). Default: from the extension, or from the text.",
)
jobs = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1, max=256),
    metavar="N",
    help="Plan in N parallel processes. Default: the number of cores.",
)


# --- planning: `request: PlanRequest` ---------------------------------------------------------------

_PLANNING = {
    # the day the plan is made, from which --start's default follows
    "as_of": click.option(
        "--as-of",
        type=DateType(),
        help="The day the plan is made (front matter's date, a calendar's stamp). "
        "Default: today, or the day of SOURCE_DATE_EPOCH when it is set.",
    ),
    "start": click.option("--start", type=DateType(), help="First day of week 1. Default: the Monday after --as-of."),
    "deadline": click.option(
        "--deadline", type=DateType(), help="Flag steps that end after this date (overrides each profile's)."
    ),
    "hours_per_week": click.option(
        "--hours-per-week", type=HoursType(), help="Learning hours per week (overrides each profile's)."
    ),
    "top": click.option(
        "--top",
        type=click.IntRange(min=1),
        help="Plan only the N highest-priority gaps of each plan (and their prerequisites).",
    ),
    "parallel": click.option(
        "--parallel",
        type=click.IntRange(min=1, max=10),
        metavar="N",
        help="Skills in progress at once, side by side (default: the catalog's planning.parallel, 2).",
    ),
    "closed": click.option(
        "--closed",
        multiple=True,
        type=ClosedType(),
        help="A period with no learning nor check-in, e.g. 2026-12-21..2027-01-01; repeat for more.",
    ),
    "weights": click.option(
        "--weight",
        "weights",
        multiple=True,
        type=WeightType(),
        help="Override a priority weight, e.g. --weight demand=3 (terms: gap, demand, unlocks).",
    ),
}


def _request(**values: Any) -> PlanRequest:
    from upskill.planning.request import PlanRequest

    given: dict[str, Any] = {name: tuple(v) if name in ("weights", "closed") else v for name, v in values.items()}
    return PlanRequest(**given)


def planning(*names: str) -> Callable[[F], F]:
    """The planning options (all, or those named: `fit` has its own --top), given as `request: PlanRequest`."""
    return group("request", "Planning options", _request, *(_PLANNING[n] for n in names or _PLANNING))


def planned(catalog: Catalog, request: PlanRequest) -> Options:
    """The planner's options from the command line's, checked as the API checks its keywords
    (`upskill.planning.request`); the day the plan is made is always known here (`made_on`)."""
    from dataclasses import replace

    from upskill.planning.request import flag, made_on, plan_options

    request = replace(request, as_of=made_on(request.as_of, flag))
    return plan_options(catalog, request, said=flag, warn=print_problem)


# --- roster reading: `roster: RosterSettings` (docs/rosters.md) --------------------------------------

encoding = click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    metavar="NAME",
    help="Text encoding of CSV rosters, e.g. cp1252 for an older Excel export.",
)
sheet = click.option(  # rosters, and `catalog resources import`'s course exports
    "--sheet",
    metavar="NAME",
    help="The .xlsx sheet to read (hidden or not). Default: the active sheet, else the first visible one.",
)
roster_options = group(
    "roster",
    "Roster options",
    lambda **values: roster_settings(**values),
    encoding,
    click.option(
        "--column",
        "columns",
        multiple=True,
        type=ColumnType(),
        help="Map a roster column: 'Personnel no.=id', 'Division=attribute', 'Salary=ignore' or "
        "'Prompting=SKILL'; repeat for more.",
    ),
    click.option(
        "--ignore-unknown-columns/--no-ignore-unknown-columns",
        default=False,
        help="Drop roster columns that name no skill or employee field (one warning lists them) instead of stopping.",
    ),
    sheet,
    click.option(
        "--date-format",
        metavar="FORMAT",
        type=DateFormatType(),
        help="Read roster dates written as text in this order, e.g. %d/%m/%Y (ISO dates and Excel dates always work).",
    ),
)


def roster_settings(
    encoding: str,
    columns: tuple[tuple[str, str], ...],
    ignore_unknown_columns: bool,
    sheet: str | None,
    date_format: str | None,
) -> RosterSettings:
    """How batch, team, fit and validate read rosters (`roster_options`' values)."""
    from upskill.load.rosters.columns import RosterSettings

    return RosterSettings(encoding, tuple(columns), ignore_unknown_columns, sheet, date_format)


# --- the team and its privacy: `team: TeamSettings` --------------------------------------------------

_TEAM = {
    "cohort_min": click.option(
        "--cohort-min",
        type=click.IntRange(min=2),
        default=3,
        show_default=True,
        metavar="N",
        help="A group session runs with at least N people: fewer taking an activity in the same weeks learn "
        "it alone, and their plans say why (--no-sessions: propose a group training where N or more people "
        "share a gap at similar levels).",
    ),
    "cohort_max": click.option(
        "--cohort-max",
        type=click.IntRange(min=2),
        default=25,
        show_default=True,
        metavar="N",
        help="Split larger cohorts into sessions of at most N people.",
    ),
    "sessions": click.option(
        "--sessions/--no-sessions",
        default=True,
        help="Schedule the roster together: group sessions people can attend and mentors from the roster, "
        "named in each plan (--no-sessions: each plan made alone).",
    ),
    "min_group": click.option(
        "--min-group",
        type=click.IntRange(min=1),
        default=5,
        show_default=True,
        metavar="K",
        help="Hide any team figure computed over fewer than K people (1 shows everything).",
    ),
    "anonymize": click.option(
        "--anonymize/--no-anonymize",
        default=False,
        help="Replace names and ids with pseudonyms: in the team report, and in batch's plan files, their "
        "names, index and messages too. Set UPSKILL_ANONYMIZE_KEY to a secret for the same pseudonyms every "
        "run (without it they are random for each run).",
    ),
    "group_by": click.option(
        "--group-by",
        metavar="ATTRIBUTE",
        help="Figures and actions per value of a roster attribute (department, manager, location, cost_centre, "
        "or a column mapped with --column X=attribute); privacy rules apply within each group.",
    ),
}


def _team(**values: Any) -> TeamSettings:
    from upskill.planning.team import TeamSettings

    return TeamSettings(**{**values, "group_by": (values.get("group_by") or "").strip()})


def team_options(*names: str) -> Callable[[F], F]:
    """The team report's options (all, or those named), given as `team: TeamSettings`: its pseudonyms'
    key and first day are set when the run starts (`team_settings`)."""
    return group("team", "Team options", _team, *(_TEAM[n] for n in names or _TEAM))


def team_settings(team: TeamSettings, start: date) -> TeamSettings:
    """The team's settings for a run from `start`; the pseudonyms' secret comes from UPSKILL_ANONYMIZE_KEY."""
    from dataclasses import replace

    if team.sessions and team.cohort_min > team.cohort_max:
        raise UsageError(
            Problem(
                f"--cohort-min {team.cohort_min} is more than --cohort-max {team.cohort_max}: no group session "
                "could run; lower --cohort-min or raise --cohort-max"
            )
        )
    return replace(team, key=anonymize_key() if team.anonymize else "", start=start)


# --- output: `output: Output` ------------------------------------------------------------------------


class Output:
    """Where and how a command writes: each command's output group fills the fields it has.

    A plain class, not a NamedTuple: one of twelve typed fields costs `upskill --help` ~1% more
    instructions to create (typing compiles each field's annotation).
    """

    def __init__(
        self,
        fmt: str | None = None,  # --format; None: from -o's extension, else from where stdout goes
        path: str | None = None,  # -o FILE (batch: --out DIR); None: stdout
        template: str | None = None,  # --template FILE
        explain: bool = False,
        color: bool | None = None,
        mermaid: bool = False,
        front_matter: bool = False,
        csv_table: str = "skills",
        csv_dialect: str | None = None,
        pager: bool = True,
        formats: tuple[str, ...] = (),  # batch: the plan formats (repeatable --format)
        force: bool = False,
    ) -> None:
        self.fmt, self.path, self.template, self.explain, self.color = fmt, path, template, explain, color
        self.mermaid, self.front_matter, self.csv_table, self.csv_dialect = (
            mermaid,
            front_matter,
            csv_table,
            csv_dialect,
        )
        self.pager, self.formats, self.force = pager, tuple(formats), force


def _suffix_list(suffixes: Mapping[str, str]) -> str:
    """`.md, .json or .txt`: the first extension of each format, for help and messages."""
    first: dict[str, str] = {}
    for suffix, fmt in suffixes.items():
        first.setdefault(fmt, suffix)
    *most, last = first.values()
    return f"{', '.join(most)} or {last}"


def format_option(formats: Callable[[], Iterable[str]], help: str = "") -> Callable[[F], F]:
    """`--format`, its choices read from a format registry (`formats`)."""
    return click.option(
        "--format",
        "fmt",
        type=FormatChoice(formats),
        help=help or "Output format. Default: a table in a terminal, Markdown when piped, or from -o's extension.",
    )


def output_option(suffixes: Mapping[str, str] | None = None, help: str = "") -> Callable[[F], F]:
    """`-o FILE`: the extensions in `suffixes` pick the format."""
    return click.option(
        "-o",
        "--output",
        type=PathType(dir_okay=False, writable=True),
        callback=_dash_is_stdout,
        help=help or f"Write to this file ({_suffix_list(suffixes or {})} picks the format). Default (or -): stdout.",
    )


def _dash_is_stdout(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`-o -` is standard output, as for every Unix tool (it wrote a file named '-', or asked for a format)."""
    return None if value == "-" else value


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


def explain(what: str) -> Callable[[F], F]:
    return click.option("--explain/--no-explain", default=False, help=what)


def _output(output: str | None = None, out: str | None = None, **values: Any) -> Output:
    return Output(path=output if out is None else out, **values)  # -o FILE, or batch's --out DIR


def output(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """A command's output options, given as `output: Output`."""
    return group("output", "Output options", _output, *decorators)


plan_output = output(
    format_option(lambda: tuple(PLAN_FORMATS)),
    output_option(plan_suffixes()),
    click.option(
        "--mermaid/--no-mermaid",
        default=False,
        help="Markdown: add the schedule as a Mermaid gantt chart (GitHub and GitLab draw it).",
    ),
    click.option(
        "--front-matter/--no-front-matter",
        default=False,
        help="Markdown: start with YAML front matter for Jekyll, Hugo or MkDocs.",
    ),
    template,
    explain("Show each term of each gap's priority."),
    color,
)
team_format = format_option(lambda: tuple(TEAM_FORMATS))
team_output = output_option(TEAM_SUFFIXES)
fit_format = format_option(lambda: tuple(FIT_FORMATS))
fit_output = output_option(FIT_SUFFIXES)
batch_formats_option = click.option(
    "--format",
    "formats",
    multiple=True,
    type=FormatChoice(lambda: (*batch_formats(), "jsonl")),
    help="Plan format; repeat for several (default markdown). jsonl (one JSON plan per line) with --out -.",
)


# --- what the values mean -------------------------------------------------------------------------


def format_from(output: str | None, fmt: str | None, suffixes: Mapping[str, str]) -> str | None:
    """--format; else the format -o's extension picks (`suffixes`); else None (decided by where stdout goes)."""
    if not output or fmt is not None:
        return fmt
    guessed = suffixes.get(os.path.splitext(output)[1].lower())
    if guessed is None:
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

    print_problem(
        Problem(
            f"{KEY_VARIABLE} is not set: the pseudonyms come from a random key and differ from run to run; "
            f"set {KEY_VARIABLE} to a secret of your own (and keep it) for the same pseudonyms every run",
            warning=True,
        )
    )
    return secrets.token_hex(32)
