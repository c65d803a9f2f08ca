"""The command line: wiring only. Each command imports the library modules it needs when it runs,
so `upskill --help` costs little more than importing click (README, "Speed")."""

from __future__ import annotations

import contextlib
import functools
import math
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from upskill import __version__
from upskill.render import PLAN_SUFFIXES

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from upskill.errors import Problem
    from upskill.model import Catalog, Plan

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "markdown", "json")


# --- shared options, defined once (as pip-tools does) -------------------------------------------

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


catalog_option = click.option(
    "--catalog", "catalogs", multiple=True, metavar="PATH", type=PathType(),
    help="Catalog file or folder; repeat to overlay (later files override earlier ones by id). "
         "'default' names the bundled catalog, which is used when the flag is absent.")
color_option = click.option(
    "--color/--no-color", default=None,
    help="Colour the terminal table. Default: colour when stdout is a terminal and NO_COLOR is unset.")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings (e.g. an unknown skill) as errors.")


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


# --- error reporting: the one place that prints problems and picks the exit status -------------


def _settings() -> dict[str, Any]:
    """The group's options (--color, --debug), set in `cli` below."""
    return click.get_current_context().find_root().obj or {}


def reports_errors(command: F) -> F:
    """Print each `UpskillError` problem as one line on stderr and exit 1 (data) or 2 (usage).

    Also the one place for the other ways a command ends early: Ctrl-C and SIGTERM unwind (so
    `finally` blocks remove temporary files), then print one line and exit 130 or 143; a
    reader that left (`| head`) exits 0 quietly.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from upskill.cli.interrupt import Terminated, stop_on_sigterm
        from upskill.errors import UpskillError

        try:
            with stop_on_sigterm():
                return command(*args, **kwargs)
        except UpskillError as exc:
            if _settings().get("debug"):
                raise
            for problem in exc.problems:
                print_problem(problem)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `upskill ... | head`: the reader left early, which is fine
            _discard_stdout()
            sys.exit(0)
        except (KeyboardInterrupt, Terminated) as exc:
            click.echo(f"upskill: interrupted{_settings().get('interrupted', '')}", err=True)
            sys.exit(exc.code if isinstance(exc, Terminated) else 130)

    return wrapper  # type: ignore[return-value]


def _discard_stdout() -> None:
    """Point stdout at /dev/null: else Python's flush of what is left in its buffer fails again at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a real file (a test's buffer)
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


@contextlib.contextmanager
def to_stdout() -> Iterator[TextIO]:
    """Standard output for the block, flushed at its end. A write that fails (a full disk, an I/O
    error) or a closed stdout (`>&-`) is one line and exit 1; a reader that left is `reports_errors`'."""
    from upskill.errors import Problem, UpskillError

    if sys.stdout is None:  # Python's view of a closed stdout: click.echo would drop the output silently
        raise UpskillError(Problem("cannot write to standard output: it is closed; redirect it to a file"))
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _discard_stdout()
        raise UpskillError(Problem(f"cannot write to standard output: {exc.strerror or exc}")) from None


def echo_out(text: str, nl: bool = True) -> None:
    """click.echo to stdout, which fails out loud (`to_stdout`)."""
    with to_stdout() as out:
        click.echo(text, file=out, nl=nl)


def print_problem(problem: Problem) -> None:
    label = "warning" if problem.warning else "error"
    click.echo(f"upskill: {label}: {problem}", err=True)


def report_problems(problems: list[Problem], strict: bool) -> None:
    """Stop with every problem (exit 1) if any is an error, else print the warnings and go on.

    With --strict a warning counts as an error.
    """
    from upskill.errors import UpskillError

    if strict:
        problems = [p._replace(warning=False) for p in problems]
    if any(not p.warning for p in problems):
        raise UpskillError(problems)
    for problem in problems:
        print_problem(problem)


def load(catalogs: tuple[str, ...]) -> Catalog:
    from upskill.load.catalog import load_catalog

    return load_catalog(catalogs or ("default",))


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"upskill {__version__}")
        ctx.exit()


# --- commands ---------------------------------------------------------------------------------


class OneLineErrors(click.Group):
    """Click's usage errors as one line, like every other problem: `upskill: error: ...; see --help`.

    Click prints a usage block, a blank line and `Error: ...` (four lines on stderr); a script
    or a person scanning a log expects the one `upskill: error:` line the rest of upskill gives.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "upskill"
            click.echo(f"upskill: error: {exc.format_message().rstrip('.')}; see '{where} --help'", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"upskill: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:  # Ctrl-C while click itself was running (commands handle their own)
            click.echo("upskill: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `upskill --help | head -1`
            _discard_stdout()
            sys.exit(0)
        # Without standalone mode click returns the code of `ctx.exit(code)` (--help, --version)
        # instead of exiting; commands themselves return None or exit.
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
@color_option
@click.option("--debug", is_flag=True, help="Show a traceback for errors (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, color: bool | None, debug: bool) -> None:
    """Plan how employees close the gap to in-demand AI roles.

    \b
    Examples:
      upskill plan examples/ana-ruiz.yaml
      upskill plan examples/ana-ruiz.yaml -o plan.md --start 2027-01-04
      upskill batch examples/roster.csv --out plans
      upskill team examples/roster.csv
      upskill catalog roles
    """
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    ctx.obj = {"color": color, "debug": debug}


@cli.command(short_help="Plan one employee: the gaps to a target role, week by week.")
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@catalog_option
@click.option("--role", metavar="ROLE_ID", help="Plan for this catalog role instead of the profile's target_role.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format. Default: a table in a terminal, Markdown when piped, or from -o's extension.")
@click.option("-o", "--output", type=PathType(dir_okay=False, writable=True),
              help="Write to this file (.md, .json or .txt picks the format). Default: stdout.")
@click.option("--start", type=DateType(), help="First day of week 1. Default: next Monday.")
@click.option("--deadline", type=DateType(), help="Flag steps that end after this date (overrides the profile's).")
@click.option("--hours-per-week", type=HoursType(),
              help="Learning hours per week (overrides the profile's).")
@click.option("--top", type=click.IntRange(min=1),
              help="Plan only the N highest-priority gaps (and their prerequisites).")
@click.option("--explain", is_flag=True, help="Show each term of each gap's priority.")
@click.option("--weight", "weights", multiple=True, type=WeightType(),
              help="Override a priority weight, e.g. --weight demand=3 (terms: gap, demand, unlocks).")
@strict_option
@color_option
@reports_errors
def plan(profile: str, catalogs: tuple[str, ...], role: str | None, fmt: str | None, output: str | None,
         start: date | None, deadline: date | None, hours_per_week: float | None, top: int | None,
         explain: bool, weights: tuple[tuple[str, float], ...], strict: bool, color: bool | None) -> None:
    """Compute the skill gaps in PROFILE and print a scheduled learning plan.

    PROFILE is a YAML, TOML or JSON file, or - for YAML/JSON on standard input.

    \b
    Examples:
      upskill plan examples/ana-ruiz.yaml
      upskill plan examples/ana-ruiz.yaml --format markdown > plan.md
      upskill plan profile.toml --catalog default --catalog ours.yaml --role ml-engineer -o plan.json
    """
    from upskill.errors import Problem, Problems, UsageError, did_you_mean
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile
    from upskill.planning.plan import Options, build_plan
    from upskill.planning.schedule import next_monday

    if output and fmt is None:
        fmt = PLAN_SUFFIXES.get(Path(output).suffix.lower())
        if fmt is None:
            raise UsageError(Problem(f"cannot tell the format from '{output}'; use .md, .json or .txt, "
                                     "or pass --format"))
    if output and profile != "-" and Path(output).resolve() == Path(profile).resolve():
        raise UsageError(Problem(f"-o {output} would overwrite the profile it reads; choose another file"))
    catalog = load(catalogs)
    if role is not None and catalog.find_role(role) is None:
        raise UsageError(Problem(f"--role: unknown role '{role}'{did_you_mean(role, catalog.roles)}; "
                                 "see `upskill catalog roles`"))
    problems = Problems()
    document = read_document(profile)
    parsed = read_profile(document, catalog, problems, role=catalog.find_role(role) if role else None)
    report_problems(problems.items, strict)
    start = start or next_monday(date.today())
    if deadline is not None and deadline < start:
        raise UsageError(Problem(f"--deadline {deadline} is before the start {start}"))
    options = Options(start=start, deadline=deadline, hours_per_week=hours_per_week, top=top,
                      weights=catalog.weights._replace(**dict(weights)) if weights else None)
    result = build_plan(parsed, catalog, options)
    if color is not None:
        _settings()["color"] = color
    emit(result, catalog, fmt, output, explain)


def emit(result: Plan, catalog: Catalog, fmt: str | None, output: str | None, explain: bool) -> None:
    """Render in the chosen format to stdout or to the file `output` (`write_out`)."""
    color = _settings().get("color")
    if fmt is None:  # neither --format nor -o: it depends on where stdout goes
        with to_stdout() as out:
            fmt = "table" if out.isatty() or color else "markdown"
    if fmt == "table" and output is None:  # a live terminal: its own width, colour as decided
        from upskill.render.terminal import make_console, render_table

        with to_stdout():
            render_table(result, make_console(color=color), explain=explain)
        return
    from upskill.render import render_plan

    text = render_plan(result, catalog, fmt, explain=explain)
    write_out(text, output)


def write_out(text: str | Iterable[str], output: str | None) -> None:
    """Text (or chunks of it) to stdout, or to the file `output` (atomically when it is a regular file)."""
    if output is None:
        with to_stdout() as out:
            for chunk in (text,) if isinstance(text, str) else text:
                out.write(chunk)
        return
    from upskill.write.atomic import write_output

    write_output(Path(output), text)
    click.echo(f"upskill: wrote {output}", err=True)


@cli.command(short_help="Check profiles and catalogs; report every problem.")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))  # a missing one is reported
@catalog_option
@strict_option
@reports_errors
def validate(files: tuple[str, ...], catalogs: tuple[str, ...], strict: bool) -> None:
    """Check profiles and catalogs and report every problem found.

    Catalog files among FILES are checked together as one catalog, in the order given
    (on top of --catalog when it is given); profiles are checked against that catalog,
    or against --catalog / the bundled one when no catalog file is given.

    \b
    Examples:
      upskill validate examples/*.yaml
      upskill validate --catalog default ours.yaml examples/ana-ruiz.yaml
    """
    from upskill.load.validate import validate_files

    report = validate_files(list(files), list(catalogs), strict=strict)
    if report.ok:
        echo_out("".join(f"{name}: ok\n" for name in report.ok), nl=False)
    for problem in report.problems:
        print_problem(problem)
    click.echo(report.summary(), err=True)
    sys.exit(report.exit_code)


@cli.group()
def catalog() -> None:
    """Browse the skills and roles of a catalog.

    \b
    Examples:
      upskill catalog list
      upskill catalog show prompting
      upskill catalog roles --catalog default --catalog ours.yaml
    """


@catalog.command("list")
@catalog_option
@click.option("--category", help="Only skills in this category.")
@reports_errors
def catalog_list(catalogs: tuple[str, ...], category: str | None) -> None:
    """List the skills with their category and market demand.

    \b
    Example:
      upskill catalog list --category soft-skill
    """
    from upskill.render.catalog import skills_listing

    echo_out(skills_listing(load(catalogs), category), nl=False)


@catalog.command("show")
@click.argument("skill")
@catalog_option
@reports_errors
def catalog_show(skill: str, catalogs: tuple[str, ...]) -> None:
    """Show one skill: its demand and source, prerequisites, resources and the roles that need it.

    SKILL is a skill id, name or alias, in any case.

    \b
    Example:
      upskill catalog show prompt-engineering
    """
    from upskill.errors import Problem, UsageError, did_you_mean
    from upskill.render.catalog import skill_details

    found = load(catalogs)
    skill_id = found.find_skill(skill)
    if skill_id is None:
        raise UsageError(Problem(f"unknown skill '{skill}'{did_you_mean(skill.lower(), found.names)}; "
                                 "see `upskill catalog list`"))
    echo_out(skill_details(found, skill_id), nl=False)


@catalog.command("roles")
@catalog_option
@reports_errors
def catalog_roles(catalogs: tuple[str, ...]) -> None:
    """List the roles and the skill levels each requires.

    \b
    Example:
      upskill catalog roles
    """
    from upskill.render.catalog import roles_listing

    echo_out(roles_listing(load(catalogs)), nl=False)


# --- batch and team (many employees at once) --------------------------------------------------------

BATCH_FORMATS = ("markdown", "json", "html", "jsonl")
TEAM_FORMATS = ("table", "markdown", "json", "csv", "html")
TEAM_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv", ".html": "html",
                 ".htm": "html", ".txt": "table"}


def many_options(command: F) -> F:
    """The options of `upskill plan` that make sense for many employees, plus --encoding and --jobs."""
    options = [
        catalog_option,
        click.option("--start", type=DateType(), help="First day of week 1 for everyone. Default: next Monday."),
        click.option("--deadline", type=DateType(), help="Flag steps that end after this date (overrides profiles')."),
        click.option("--hours-per-week", type=HoursType(),
                     help="Learning hours per week for everyone (overrides profiles')."),
        click.option("--top", type=click.IntRange(min=1),
                     help="Plan only each employee's N highest-priority gaps (and their prerequisites)."),
        click.option("--weight", "weights", multiple=True, type=WeightType(),
                     help="Override a priority weight, e.g. --weight demand=3 (terms: gap, demand, unlocks)."),
        strict_option,
        click.option("--encoding", default="utf-8", show_default=True, metavar="NAME",
                     help="Text encoding of CSV rosters, e.g. cp1252 for an older Excel export."),
        click.option("--jobs", "-j", type=click.IntRange(min=1, max=256), metavar="N",
                     help="Plan in N parallel processes. Default: the number of cores."),
        click.option("--cohort-min", type=click.IntRange(min=2), default=3, show_default=True, metavar="N",
                     help="Suggest a group training where N or more people share a gap at similar levels."),
        click.option("--cohort-max", type=click.IntRange(min=2), default=25, show_default=True, metavar="N",
                     help="Split larger cohorts into sessions of at most N people."),
        click.option("--min-group", type=click.IntRange(min=1), default=5, show_default=True, metavar="K",
                     help="Hide any team figure computed over fewer than K people (1 shows everything)."),
        click.option("--anonymize", is_flag=True,
                     help="Replace names and ids with stable pseudonyms: in the team report, and in batch's plan "
                          "files, their names, index and messages too (set UPSKILL_ANONYMIZE_KEY to a secret so "
                          "they cannot be guessed back)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _many_settings(inputs: tuple[str, ...], kw: dict[str, Any], **fields: Any) -> tuple[Catalog, Any]:
    """Check the inputs and options shared by batch and team; load the catalog; build BatchSettings."""
    from upskill.batch.inputs import check_encoding, check_inputs
    from upskill.batch.run import BatchSettings
    from upskill.batch.team import TeamSettings
    from upskill.batch.workers import default_jobs
    from upskill.errors import Problem, UsageError
    from upskill.planning.plan import Options
    from upskill.planning.schedule import next_monday

    check_encoding(kw["encoding"])
    check_inputs(inputs)
    start = kw["start"] or next_monday(date.today())
    if kw["deadline"] is not None and kw["deadline"] < start:
        raise UsageError(Problem(f"--deadline {kw['deadline']} is before the start {start}"))
    catalog = load(kw["catalogs"])
    weights = kw["weights"]
    options = Options(start=start, deadline=kw["deadline"], hours_per_week=kw["hours_per_week"], top=kw["top"],
                      weights=catalog.weights._replace(**dict(weights)) if weights else None)
    team = TeamSettings(cohort_min=kw["cohort_min"], cohort_max=kw["cohort_max"], min_group=kw["min_group"],
                        anonymize=kw["anonymize"], key=os.environ.get("UPSKILL_ANONYMIZE_KEY", ""))
    return catalog, BatchSettings(options=options, jobs=kw["jobs"] or default_jobs(), strict=kw["strict"],
                                  encoding=kw["encoding"], team=team, **fields)


def _run_many(inputs: tuple[str, ...], catalog: Catalog, settings: Any, stream: Any = None) -> Any:
    """Run a batch with problems and a progress bar on stderr; Ctrl-C or SIGTERM leave no partial file
    (`reports_errors` says so)."""
    from upskill.batch.inputs import count_employees
    from upskill.batch.run import collect_members, run_batch
    from upskill.render.progress import StderrReporter

    show_bar = sys.stderr.isatty()
    total = count_employees(inputs) if show_bar else None
    if settings.out:
        _settings()["interrupted"] = f"; nothing half-written is left in {settings.out}"
    with StderrReporter(print_problem, show_bar, total) as reporter:
        if settings.out is None and not settings.formats:
            return collect_members(inputs, catalog, settings, reporter)
        return run_batch(inputs, catalog, settings, reporter, stream=stream)


@cli.command(short_help="Plan a whole workforce: a plan each, index.md and team.md.")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", required=True, metavar="DIR", type=PathType(),
              help="Folder for the plans, index.md and team.md (created if needed); - writes JSON Lines to stdout.")
@click.option("--format", "formats", multiple=True, type=click.Choice(BATCH_FORMATS),
              help="Plan format; repeat for several (default markdown). jsonl (one JSON plan per line) with --out -.")
@click.option("--force", is_flag=True, help="Replace files in DIR that upskill did not write (its own need no flag).")
@click.option("--explain", is_flag=True, help="Show each term of each gap's priority in the plans.")
@many_options
@reports_errors
def batch(inputs: tuple[str, ...], out: str, formats: tuple[str, ...], force: bool, explain: bool,
          **kw: Any) -> None:
    """Plan every employee in INPUT...: one plan file each, plus index.md and team.md.

    INPUT is any mix of profile files, folders of them (*.yaml, *.yml, *.toml, *.json), glob
    patterns, CSV rosters (header id,name,role,target_role,hours_per_week,deadline, then one
    column per skill holding levels) and - for JSON Lines on standard input. An employee that
    fails is reported with its file and row, and the others still run (exit 1 at the end).

    \b
    Examples:
      upskill batch roster.csv --out plans --start 2027-01-04
      upskill batch profiles/ 'more/*.yaml' --out plans --format markdown --format html
      cat profiles.jsonl | upskill batch - --format jsonl --out - > plans.jsonl
    """
    from upskill.errors import Problem, UsageError

    chosen = tuple(dict.fromkeys(formats))
    if out == "-":
        if chosen not in ((), ("jsonl",)):
            raise UsageError(Problem("--out - writes JSON Lines to standard output: use --format jsonl "
                                     "(the other formats need a folder)"))
        chosen = ("jsonl",)
    elif "jsonl" in chosen:
        raise UsageError(Problem("--format jsonl writes to standard output: use --out -"))
    catalog, settings = _many_settings(inputs, kw, out=None if out == "-" else Path(out),
                                       formats=chosen or ("markdown",), force=force, explain=explain)
    if out == "-":
        with to_stdout() as stream:  # flushed here, so that a reader who left is reported by reports_errors
            result = _run_many(inputs, catalog, settings, stream=stream)
    else:
        result = _run_many(inputs, catalog, settings)
    index = f" (see {Path(out) / 'index.md'})" if out != "-" else ""
    click.echo(f"upskill: {result.summary()}{index}", err=True)
    sys.exit(result.exit_code)


@cli.command(short_help="Team picture: heatmap, cohorts, key-person risks, build or buy.")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--format", "fmt", type=click.Choice(TEAM_FORMATS),
              help="Output format. Default: a table in a terminal, Markdown when piped, or from -o's extension.")
@click.option("-o", "--output", type=PathType(dir_okay=False, writable=True),
              help="Write to this file (.md, .json, .csv, .html or .txt picks the format). Default: stdout.")
@click.option("--csv-table", type=click.Choice(("skills", "gaps", "heatmap")), default="skills", show_default=True,
              help="Which table --format csv writes: per skill, one row per employee and gap, or the heatmap.")
@many_options
@color_option
@reports_errors
def team(inputs: tuple[str, ...], fmt: str | None, output: str | None, csv_table: str, color: bool | None,
         **kw: Any) -> None:
    """Show the team picture of INPUT...: heatmap, gaps per skill, cohorts, single points of failure, build or buy.

    INPUT is read as by `upskill batch` (profiles, folders, globs, CSV rosters, - for JSON Lines).
    Figures over fewer than --min-group people are hidden; --anonymize uses pseudonyms.

    \b
    Examples:
      upskill team roster.csv
      upskill team profiles/ --format csv --csv-table gaps -o gaps.csv
      upskill team roster.csv --anonymize --min-group 5 -o team.html
    """
    from upskill.batch.run import failure_lines
    from upskill.batch.team import build_team
    from upskill.errors import Problem, UsageError
    from upskill.render.team import team_chunks

    if output and fmt is None:
        fmt = TEAM_SUFFIXES.get(Path(output).suffix.lower())
        if fmt is None:
            raise UsageError(Problem(f"cannot tell the format from '{output}'; use .md, .json, .csv, .html or "
                                     ".txt, or pass --format"))
    if output and any(spec != "-" and Path(spec).exists() and Path(spec).resolve() == Path(output).resolve()
                      for spec in inputs):
        raise UsageError(Problem(f"-o {output} would overwrite an input; choose another file"))
    catalog, settings = _many_settings(inputs, kw, formats=())
    terminal = False
    if output is None:
        with to_stdout() as out:  # closed: say so before planning a whole team for nobody
            terminal = out.isatty()
    result = _run_many(inputs, catalog, settings)
    report = build_team(result.members, catalog, settings.team, failure_lines(result.failures))
    if color is not None:
        _settings()["color"] = color
    color = _settings().get("color")
    if fmt is None:
        fmt = "table" if output is None and (terminal or color) else "markdown"
    if fmt == "table":
        import io

        from upskill.render.team import print_team
        from upskill.render.terminal import make_console

        if output is None:
            with to_stdout():
                print_team(report, make_console(color=color))
            chunks: Any = ()
        else:
            buffer = io.StringIO()
            print_team(report, make_console(file=buffer, color=color, width=160))
            chunks = (buffer.getvalue(),)
    else:
        chunks = team_chunks(report, fmt, csv_table)
    write_out(chunks, output)
    click.echo(f"upskill: {result.summary('employee in the team report', 'employees in the team report')}",
               err=True)
    sys.exit(result.exit_code)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="upskill")
