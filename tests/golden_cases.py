"""The golden cases: tests/test_golden.py and tests/test_team.py compare against them, and
scripts/regenerate_golden.py (`make golden`) rewrites them.

Each case is one `upskill plan` or `upskill team` command line; its Markdown and JSON output,
byte for byte, are the golden files `tests/golden/<command>/<name>.md` and `.json`. The other
outputs (the terminal tables at a fixed width, the HTML plan, index.md, the team CSV tables) are
`OUTPUTS`: one command line and the one file it writes, or its stdout.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from upskill.cli import cli

ROOT = Path(__file__).resolve().parent.parent
START = "2026-11-23"  # a Monday; every golden plan starts here
AS_OF = "2026-11-16"  # the day every golden plan is made (front matter, calendar stamps): never today
ROSTER = "examples/roster.csv"


@dataclass(frozen=True)
class Case:
    command: str  # "plan" or "team"
    name: str
    args: tuple[str, ...]

    def golden(self, suffix: str) -> Path:
        return ROOT / "tests" / "golden" / self.command / f"{self.name}{suffix}"


CASES = [
    *(Case("plan", p.stem, (str(p.relative_to(ROOT)),)) for p in sorted((ROOT / "examples").glob("*.yaml"))),
    Case("plan", "ana-ruiz-explain-top2", ("examples/ana-ruiz.yaml", "--explain", "--top", "2")),
]
TEAM_CASES = [
    Case("team", "roster", (ROSTER,)),
    Case("team", "roster-anonymized", (ROSTER, "--anonymize", "--min-group", "3")),
]
FORMATS = (("markdown", ".md"), ("json", ".json"))
GOLDEN_KEY = "upskill-golden"  # UPSKILL_ANONYMIZE_KEY of every golden run: the same pseudonyms every time


def render_case(case: Case, fmt: str) -> str:
    """Run the command as a user would and return its stdout; fail loudly on any error.

    A set pseudonym key, not the environment's (pseudonyms must not depend on who runs the tests;
    without a key they would be random),
    one job (the report is the same with more; this keeps the tests light).
    """
    extra = ["--catalog", "default"] if case.command == "plan" else ["--jobs", "1"]
    result = CliRunner(env={"UPSKILL_ANONYMIZE_KEY": GOLDEN_KEY}).invoke(
        cli,
        [case.command, *case.args, "--start", START, "--as-of", AS_OF, "--format", fmt, *extra],
        catch_exceptions=False,
    )
    if result.exit_code != 0:
        raise AssertionError(f"{case.name}: exit {result.exit_code}: {result.stderr}")
    return result.stdout


@dataclass(frozen=True)
class Output:
    """One golden file: `upskill ARGS` run as a user would, and what it printed or the file `read` it wrote.

    `read` names a file inside `--out` (the command gets `--out TEMP`); `columns` fixes the
    terminal width, so a table's layout is part of what is compared.
    """

    name: str  # the golden file, under tests/golden/
    args: tuple[str, ...]
    read: str = ""
    columns: int | None = None

    @property
    def golden(self) -> Path:
        return ROOT / "tests" / "golden" / self.name


OUTPUTS = [
    Output("plan/ana-ruiz.txt", ("plan", "examples/ana-ruiz.yaml", "--format", "table"), columns=100),
    Output(
        "plan/yusuf-demir.txt", ("plan", "examples/yusuf-demir.yaml", "--format", "table", "--explain"), columns=100
    ),
    Output("plan/ana-ruiz.html", ("batch", "examples/ana-ruiz.yaml", "--format", "html"), read="E1042.html"),
    Output("plan/yusuf-demir.html", ("plan", "examples/yusuf-demir.yaml", "--format", "html")),
    Output("plan/ana-ruiz-site.md", ("plan", "examples/ana-ruiz.yaml", "--mermaid", "--front-matter")),
    Output("plan/ana-ruiz.ics", ("plan", "examples/ana-ruiz.yaml", "--format", "ics")),
    Output("batch/index.md", ("batch", ROSTER, "examples/sofia-lindqvist.yaml"), read="index.md"),
    # a plan of the roster scheduled together: its group sessions, its mentors and why (one of a cohort of five)
    Output("batch/E3312.md", ("batch", ROSTER, "--explain"), read="E3312.md"),
    Output("team/roster.txt", ("team", ROSTER, "--format", "table"), columns=100),
    *(
        Output(f"team/roster-{table}.csv", ("team", ROSTER, "--format", "csv", "--csv-table", table))
        for table in ("skills", "gaps", "heatmap")
    ),
]


def render_output(output: Output) -> str:
    """Run the command of `output` and return the golden file's text; fail loudly on any error."""
    env = {"UPSKILL_ANONYMIZE_KEY": GOLDEN_KEY, "COLUMNS": str(output.columns) if output.columns else None}
    args = [*output.args, "--start", START, "--as-of", AS_OF]
    args += ["--catalog", "default"] if output.args[0] == "plan" else ["--jobs", "1"]
    with tempfile.TemporaryDirectory() as temp:
        if output.read:
            args += ["--out", temp]
        result = CliRunner(env=env).invoke(cli, args, catch_exceptions=False)
        if result.exit_code != 0:
            raise AssertionError(f"{output.name}: exit {result.exit_code}: {result.stderr}")
        if output.read:
            return (Path(temp) / output.read).read_text(encoding="utf-8")
    return result.stdout
