"""A level written as a number on the scale is taken without `parse_level` (issue 29): it must read as
the same level written as text (`'3'`, which goes the `parse_level` way) does, and a number off the
scale, a bool or a repeat must still be the problem it was."""

from __future__ import annotations

from typing import Any

import pytest

from upskill.errors import Problems
from upskill.load.catalog import load_catalog
from upskill.load.document import Document
from upskill.load.profile import read_profile

CATALOG = load_catalog()


def read(skills: dict[str, Any]) -> tuple[Any, list[tuple[str, bool]]]:
    data = {"employee": {"id": "e", "target_role": "data-analyst"}, "skills": skills, "targets": dict(skills)}
    problems = Problems()
    profile = read_profile(Document("p.yaml", data), CATALOG, problems)
    return (profile.skills, profile.targets), [(p.message, p.warning) for p in problems.items]


@pytest.mark.parametrize("level", [-1, 0, 1, 2, 3, CATALOG.scale.max_level, CATALOG.scale.max_level + 1, 10**30])
def test_a_number_reads_as_the_same_level_written_as_text(level: int) -> None:
    as_number = read({"Communication": level, "python": 2})
    as_text = read({"Communication": str(level), "python": "2"})
    assert as_number[0] == as_text[0]
    assert [warning for _, warning in as_number[1]] == [warning for _, warning in as_text[1]]


def test_a_bool_and_a_repeat_are_still_problems() -> None:
    _, problems = read({"Communication": True})
    assert any("not a level" in message for message, _ in problems)
    _, problems = read({"Communication": 2, "communication": 3})
    assert any("same skill" in message for message, _ in problems)
