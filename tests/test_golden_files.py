"""Every golden file is compared by some test, and every case has its golden file.

The golden tests walk the cases, not the folder: a file left behind by a renamed or removed case
would sit in tests/golden/ unchecked, looking like a guarantee it no longer is.
"""

from __future__ import annotations

from tests.golden_cases import CASES, FORMATS, OUTPUTS, TEAM_CASES
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"


def test_the_golden_folder_holds_exactly_the_cases_files():
    expected = {case.golden(suffix) for case in [*CASES, *TEAM_CASES] for _, suffix in FORMATS}
    expected |= {output.golden for output in OUTPUTS}
    present = {path for path in GOLDEN.rglob("*") if path.is_file()}
    assert len(expected) >= 20
    missing = sorted(p.relative_to(GOLDEN).as_posix() for p in expected - present)
    unchecked = sorted(p.relative_to(GOLDEN).as_posix() for p in present - expected)
    assert not missing, f"golden files no case has yet (run `make golden`): {missing}"
    assert not unchecked, f"golden files no test compares (remove them, or add their case): {unchecked}"
