"""The HTML pages in a real headless Chromium (tests/browser.py): no console error, no sideways scrolling."""

from __future__ import annotations

import pytest

from tests.browser import load, screenshot
from tests.helpers import EXAMPLES
from upskill.cli import cli

pytestmark = pytest.mark.slow


def test_the_helper_sees_errors_and_width(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<html><body><p style="width:3000px">wide</p><script>nope();</script></body></html>')
    seen = load(page)
    assert any("nope is not defined" in line for line in seen.console)
    assert seen.scroll_width > seen.viewport_width


def test_the_html_plan_loads_cleanly(tmp_path, runner):
    out = tmp_path / "plans"
    result = runner.invoke(cli, ["batch", str(EXAMPLES / "ana-ruiz.yaml"), "--out", str(out), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    seen = load(out / "E1042.html")
    assert seen.console == []
    assert seen.scroll_width <= seen.viewport_width
    assert screenshot(out / "E1042.html", tmp_path / "plan.png").stat().st_size > 10_000
