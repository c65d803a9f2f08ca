"""Accessibility of the HTML pages (plan, team report, batch index) in a real headless Chromium.

The checks below run in the browser on every machine with Chromium: one main landmark and
everything else in landmarks, a text alternative on every image and chart, one h1 and headings
that never skip a level, labelled form controls, links with text, table headers, a language and
a title, and no chart text drawn outside its chart (the timeline's last axis label was cut off).
Where npm's cache holds axe-core (`npm install axe-core` once, online), axe also runs offline over
each page (WCAG 2.0/2.1 A and AA, and its best practices); elsewhere that test skips, saying why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import evaluate, npm_script
from tests.helpers import EXAMPLES, START
from upskill.cli import cli

pytestmark = pytest.mark.slow

CHECKS = """async () => {
  const out = [];
  const name = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const text = ids.map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    return text || (el.getAttribute('aria-label') || '').trim() || (el.getAttribute('alt') || '').trim();
  };
  const mains = document.querySelectorAll('main, [role=main]').length;
  if (mains !== 1) out.push('main landmarks: ' + mains);
  for (const el of document.body.children) {
    if (!el.matches('main, nav, header, footer, aside, script, pre#upskill-measure, pre#upskill-result'))
      out.push('outside every landmark: <' + el.tagName.toLowerCase() + '>');
  }
  if (!document.documentElement.lang) out.push('no lang on <html>');
  if (!document.title.trim()) out.push('no <title>');
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.getAttribute('aria-hidden') !== 'true' && (svg.getAttribute('role') !== 'img' || !name(svg)))
      out.push('an svg without a text alternative');
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) out.push('an img without alt');
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => +h.tagName[1]);
  if (levels.filter((h) => h === 1).length !== 1) out.push('h1 count: ' + levels.filter((h) => h === 1).length);
  levels.forEach((h, i) => { if (i && h > levels[i - 1] + 1) out.push('heading h' + levels[i - 1] + ' then h' + h); });
  for (const c of document.querySelectorAll('input, select, textarea, button')) {
    if (c.type !== 'hidden' && !(c.labels && c.labels.length) && !name(c) && !c.textContent.trim() && !c.title)
      out.push('an unlabelled <' + c.tagName.toLowerCase() + '>');
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (!a.textContent.trim() && !name(a)) out.push('an empty link');
  }
  for (const t of document.querySelectorAll('table')) if (!t.querySelector('th')) out.push('a table without headers');
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      const outside = b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5;
      if (outside) out.push('chart text cut off: ' + t.textContent);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """A batch's index.html, team.html and a plan page; plans with a long timeline, a long name, a late step."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("a11y")
    runner = CliRunner()
    out = folder / "plans"
    inputs = [str(EXAMPLES / "roster.csv"), str(EXAMPLES / "sofia-lindqvist.yaml")]
    args = ["batch", *inputs, "--out", str(out), "--format", "html", "--start", START, "--jobs", "1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    found = {"index": out / "index.html", "team": out / "team.html", "plan": out / "E1042.html"}
    long_name = folder / "long.yaml"
    long_name.write_text(
        (EXAMPLES / "yusuf-demir.yaml")
        .read_text(encoding="utf-8")
        .replace("name: Yusuf Demir", "name: " + "Maximiliana-Wolfeschlegelsteinhausen " * 4),
        encoding="utf-8",
    )
    for key, profile, extra in (
        ("decades", EXAMPLES / "ana-ruiz.yaml", ["--hours-per-week", "0.03"]),
        ("late", long_name, ["--deadline", "2027-01-15"]),
        ("weeks", EXAMPLES / "yusuf-demir.yaml", ["--hours-per-week", "6"]),  # its last axis label was cut off
    ):
        path = folder / f"{key}.html"
        result = runner.invoke(cli, ["plan", str(profile), "--start", START, "-o", str(path), *extra])
        assert result.exit_code == 0, result.stderr
        found[key] = path
    return found


@pytest.mark.parametrize("name", ["index", "team", "plan", "decades", "late", "weeks"])
def test_every_page_passes_the_accessibility_checks(pages, name):
    assert evaluate(pages[name], CHECKS) == []  # before: no <main> on any page; the last axis label cut off


def test_the_checks_find_what_they_look_for(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><head></head><body><h1>a</h1><h3>b</h3><img src='x.png'><input>"
        "<svg class='chart' viewBox='0 0 100 20'><text x='90' y='10'>cut off here</text></svg></body></html>",
        encoding="utf-8",
    )
    found = evaluate(page, CHECKS)
    assert "main landmarks: 0" in found and "no lang on <html>" in found and "an img without alt" in found
    assert "heading h1 then h3" in found and "an unlabelled <input>" in found
    assert "an svg without a text alternative" in found and "chart text cut off: cut off here" in found


@pytest.fixture(scope="module")
def axe_js(tmp_path_factory) -> Path:
    """axe.min.js from npm's local cache (offline: no test reaches the network), or skip saying why."""
    return npm_script(tmp_path_factory.mktemp("axe"), "axe-core@4", "axe-core/axe.min.js", "axe-core")


AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
  });
  return result.violations.map((v) => v.id + ': ' + v.nodes.length + ' ' + v.nodes[0].target.join(' '));
}"""


@pytest.mark.parametrize("name", ["index", "team", "plan", "decades"])
def test_axe_finds_no_violation(pages, axe_js, name):
    assert evaluate(pages[name], AXE, scripts=(axe_js,)) == []
