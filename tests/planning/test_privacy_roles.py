"""`batch --anonymize`: no index row says whose plan it is by its target role.

The index named each plan's target role beside its pseudonym, so the one machine-learning
engineer of a team was the row that said "Machine-learning / deep-learning engineer". Roles
fewer than K people share (K = --min-group, as in the team report) are now "another role" in
the index; and when those hold fewer than K people together, the next smallest role too, or
"another role" would point at them. The plan file itself keeps its role: it is that person's
plan, and its steps name the role's skills anyway (docs/batch.md says who to share what with).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, START
from upskill.cli import cli
from upskill.planning.team import pseudonym

KEY = "test-key"
LINES = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8").splitlines()
HEADER, CONTENT, AUGMENTED, LONE = LINES[0], LINES[1:6], LINES[6:10], LINES[11]  # LONE: E5090, an ml-engineer
ML = "Machine-learning / deep-learning engineer"


def _augmented(n: int) -> list[str]:
    """`n` AI-augmented professionals (the example has four: more get new ids)."""
    out = []
    for i in range(n):
        employee_id, rest = AUGMENTED[i % 4].split(",", 1)
        out.append(f"{employee_id}{'x' * (i // 4)},{rest}")
    return out


def _batch(runner, tmp_path: Path, lines: list[str], name: str = "out") -> Path:
    roster = tmp_path / "r.csv"
    roster.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    out = tmp_path / name
    args = ["batch", str(roster), "--out", str(out), "--anonymize", "--format", "markdown", "--format", "html"]
    result = runner.invoke(cli, [*args, "--start", START, "-j", "1"], env={"UPSKILL_ANONYMIZE_KEY": KEY})
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    return out


def _target(index: str, employee_id: str) -> str:
    alias = pseudonym(employee_id, KEY)
    row = next(line for line in index.splitlines() if line.startswith(f"| [{alias}]"))
    return row.split(" | ")[1]


@pytest.mark.slow
def test_a_role_of_one_is_another_role_and_so_is_the_next_smallest(runner, tmp_path):
    # 5 content strategists, 6 AI-augmented professionals, 1 ML engineer; K = 5
    out = _batch(runner, tmp_path, [*CONTENT, *_augmented(6), LONE])
    index = (out / "index.md").read_text(encoding="utf-8")
    assert _target(index, "E5090") == "another role"
    # Alone in "another role", the engineer would still be its one row: the content strategists join it
    assert _target(index, "E1042") == "another role"
    assert _target(index, "E2117") == "AI-augmented business professional"
    assert "shown as “another role”" in index
    for path in out.iterdir():
        assert "ml-engineer" not in path.name and "Machine" not in path.name
    html = (out / "index.html").read_text(encoding="utf-8")
    assert ML not in index and ML not in html and "AI content strategist" not in html
    assert "<td>another role</td>" in html
    # The person's own plan still says what it is for
    assert ML in (out / f"{pseudonym('E5090', KEY)}.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_roles_of_k_or_more_are_named_and_the_output_is_byte_identical(runner, tmp_path):
    lines = [*CONTENT, *_augmented(5)]
    first = _batch(runner, tmp_path, lines, "first")
    second = _batch(runner, tmp_path, lines, "second")
    index = (first / "index.md").read_text(encoding="utf-8")
    assert "another role" not in index and _target(index, "E1042") == "AI content strategist"
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_without_anonymize_every_role_is_named(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("\n".join([HEADER, *CONTENT, LONE]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["batch", str(roster), "--out", str(out), "--start", START, "-j", "1"])
    assert result.exit_code == 0, result.stderr
    index = (out / "index.md").read_text(encoding="utf-8")
    assert ML in index and "another role" not in index
