"""The golden cases: tests/test_golden.py and tests/test_team.py compare against them, and
scripts/regenerate_golden.py (`make golden`) rewrites them.

Each case is one `upskill plan` or `upskill team` command line; its Markdown and JSON output,
byte for byte, are the golden files `tests/golden/<command>/<name>.md` and `.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from upskill.cli import cli

ROOT = Path(__file__).resolve().parent.parent
START = "2026-11-23"  # a Monday; every golden plan starts here
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


def render_case(case: Case, fmt: str) -> str:
    """Run the command as a user would and return its stdout; fail loudly on any error.

    No pseudonym key from the environment (pseudonyms must not depend on who runs the tests),
    one job (the report is the same with more; this keeps the tests light).
    """
    extra = ["--catalog", "default"] if case.command == "plan" else ["--jobs", "1"]
    result = CliRunner(env={"UPSKILL_ANONYMIZE_KEY": None}).invoke(
        cli, [case.command, *case.args, "--start", START, "--format", fmt, *extra], catch_exceptions=False)
    if result.exit_code != 0:
        raise AssertionError(f"{case.name}: exit {result.exit_code}: {result.stderr}")
    return result.stdout
