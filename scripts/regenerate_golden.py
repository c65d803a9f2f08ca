"""Regenerate the golden files (make golden): tests/golden/plan/ from examples/*.yaml, and
tests/golden/team/ from examples/roster.csv.

Each case in tests/golden_cases.py gives NAME.md and NAME.json, made by `upskill plan` or
`upskill team` against the default catalog from a fixed start date; each of its OUTPUTS (terminal
tables at 100 columns, the HTML plan, index.md, the team CSV tables) one file. It also rewrites
upskill/schemas/settings.schema.json, which is derived from the commands' options. Review the diff
before committing: a changed golden file is a changed output for every user.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden_cases import CASES, FORMATS, OUTPUTS, TEAM_CASES, render_case, render_output  # noqa: E402


def main() -> int:
    for case in (*CASES, *TEAM_CASES):
        for fmt, suffix in FORMATS:
            update(case.golden(suffix), render_case(case, fmt))
    for output in OUTPUTS:
        update(output.golden, render_output(output))
    from upskill.cli import cli
    from upskill.cli.schema import schema_path, settings_text

    update(schema_path("settings"), settings_text(cli))
    return 0


def update(path: Path, text: str) -> None:
    old = path.read_bytes().decode("utf-8") if path.exists() else None  # CRLF (calendars) kept
    if old != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"updated {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
