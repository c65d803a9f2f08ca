"""What the course import tests share: the fixtures' folder, an ESCO data-analyst catalog, and a runner."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import ROOT, check
from tests.taxonomy.helpers import ESCO
from upskill.cli import cli

COURSES = ROOT / "tests" / "data" / "courses"
GENERIC_COLUMNS = (
    "--column",
    "Course name=title",
    "--column",
    "Length (min)=minutes",
    "--column",
    "Difficulty=level",
    "--column",
    "Link=url",
    "--column",
    "Skill=skills",
    "--column",
    "Status=active",
)


def esco_analyst(runner, tmp_path: Path) -> Path:
    """The ESCO excerpt's data analyst, imported as a catalog (on top of the bundled one)."""
    out = tmp_path / "esco.yaml"
    result = check(
        runner.invoke(cli, ["catalog", "import", "esco", str(ESCO), "--occupation", "data analyst", "-o", str(out)])
    )
    assert result.exit_code == 0, result.stderr
    return out


def run_courses(runner, preset: str, *args: str):
    """`upskill catalog resources import PRESET ARGS...`, checked against the no-traceback contract."""
    return check(runner.invoke(cli, ["catalog", "resources", "import", preset, *args]))
