"""Regenerate the golden team reports in tests/golden/team/ from examples/roster.csv.

    .venv/bin/python scripts/regenerate_team_golden.py

Each case in tests/test_team.py (TEAM_CASES) gives two files, NAME.md and NAME.json, made by
`upskill team` against the default catalog from the fixed start date of the tests. Review the
diff before committing: a changed golden file is a changed report for every user.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_team import GOLDEN, TEAM_CASES, render_team_case  # noqa: E402


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for case in TEAM_CASES:
        for fmt, suffix in (("markdown", ".md"), ("json", ".json")):
            path = case.golden(suffix)
            text = render_team_case(case, fmt)
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                path.write_text(text, encoding="utf-8", newline="\n")
                print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
