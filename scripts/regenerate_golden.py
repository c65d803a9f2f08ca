"""Regenerate the golden plans in tests/golden/plan/ from examples/*.yaml (make golden).

Each example profile gives two files, NAME.md and NAME.json, planned against the default
catalog from the fixed start date below. Review the diff before committing: a changed
golden file is a changed output for every user.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden_cases import CASES, render_case  # noqa: E402


def main() -> int:
    for case in CASES:
        for fmt, suffix in (("markdown", ".md"), ("json", ".json")):
            path = case.golden(suffix)
            text = render_case(case, fmt)
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                path.write_text(text, encoding="utf-8", newline="\n")
                print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
