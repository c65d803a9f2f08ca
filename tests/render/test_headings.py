"""A plan's heading names its person once: 'Name (ID)', or the id alone when it is also the name."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import EXAMPLES
from upskill import build_plan, load_catalog, read_profile, render_plan


@pytest.mark.parametrize(
    ("fmt", "heading"),
    [("markdown", "# Learning plan: anon-1f2e3d"), ("html", "<h1>Learning plan: anon-1f2e3d</h1>")],
)
def test_a_pseudonym_is_named_once_in_the_heading(fmt, heading):
    catalog = load_catalog()
    profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
    anonymous = profile._replace(employee=profile.employee._replace(id="anon-1f2e3d", name="anon-1f2e3d"))
    text = render_plan(build_plan(anonymous, catalog, start=date(2026, 11, 23)), catalog, fmt)
    first = next(line for line in text.splitlines() if "Learning plan:" in line and not line.startswith("<title"))
    assert first == heading and "(anon-1f2e3d)" not in text
    named = render_plan(build_plan(profile, catalog, start=date(2026, 11, 23)), catalog, fmt)
    assert "Learning plan: Ana Ruiz (E1042)" in named
