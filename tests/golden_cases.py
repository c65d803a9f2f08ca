"""The golden cases shared by tests/test_golden.py and scripts/regenerate_golden.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from upskill.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "plan"
START = "2026-11-23"  # a Monday; every golden plan starts here


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]

    def golden(self, suffix: str) -> Path:
        return GOLDEN / f"{self.name}{suffix}"


CASES = [
    *(Case(p.stem, (str(p.relative_to(ROOT)),)) for p in sorted((ROOT / "examples").glob("*.yaml"))),
    Case("ana-ruiz-explain-top2", ("examples/ana-ruiz.yaml", "--explain", "--top", "2")),
]


def render_case(case: Case, fmt: str) -> str:
    """Run `upskill plan` as a user would and return its stdout; fail loudly on any error."""
    result = CliRunner().invoke(cli, ["plan", *case.args, "--start", START, "--format", fmt,
                                      "--catalog", "default"], catch_exceptions=False)
    if result.exit_code != 0:
        raise AssertionError(f"{case.name}: exit {result.exit_code}: {result.stderr}")
    return result.stdout
