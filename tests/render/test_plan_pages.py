"""The plan where people read it: the HTML page (from `plan` and `batch`), the Markdown as GitHub renders
it (cmarkgfm, GitHub's own cmark fork), the Mermaid chart and the front matter."""

from __future__ import annotations

import re

import cmarkgfm
import pytest
import yaml

from tests.golden_cases import CASES
from tests.helpers import EXAMPLES, START
from upskill.api import build_plan, read_profile
from upskill.cli import cli
from upskill.model import Step
from upskill.render import Extras, render_plan
from upskill.render.mermaid import MAX_ITEMS, gantt_lines

HOSTILE = '<script>alert(1)</script> & "quotes": #1; 100%% `tick` [x](javascript:alert(1))\nsecond line'


@pytest.fixture(scope="module")
def ana(catalog):
    from datetime import date

    profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
    return build_plan(profile, catalog, start=date.fromisoformat(START))


def hostile(plan):
    """The plan with every name a user or catalog controls replaced by markup and separators."""
    steps = tuple(s._replace(name=HOSTILE) for s in plan.steps)
    gaps = tuple(g._replace(name=HOSTILE) for g in plan.gaps)
    return plan._replace(employee=plan.employee._replace(name=HOSTILE, id="E<1>"), steps=steps, gaps=gaps)


# --- HTML ---------------------------------------------------------------------------------------------


def test_plan_writes_html_from_the_output_suffix(runner, tmp_path):
    out = tmp_path / "plan.html"
    result = runner.invoke(cli, ["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--start", START, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('<svg class="chart"') == 2 and page.count('role="img"') == 2
    assert '<desc id="levels-desc">' in page and '<desc id="timeline-desc">' in page
    assert "All plans" not in page  # no index beside a single plan


def test_the_html_page_is_self_contained(ana, catalog):
    page = render_plan(ana, catalog, "html")
    assert "<script" not in page and "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"\bsrc=", page)  # nothing is loaded: the only http(s) addresses are links to follow
    assert "@media print" in page and "@page" in page


def test_the_timeline_says_in_words_what_it_draws(ana, catalog):
    page = render_plan(ana, catalog, "html")
    desc = re.search(r'<desc id="timeline-desc">(.*?)</desc>', page, re.S).group(1)
    for step in ana.steps:
        assert f"{step.name} weeks {step.first_week} to {step.last_week}" in desc
    assert "Track 1" in desc and "Track 2" in desc
    assert "check-ins in weeks " + ", ".join(str(c.week) for c in ana.checkins) in desc


def test_every_name_is_escaped_in_the_page_and_its_charts(ana, catalog):
    page = render_plan(hostile(ana), catalog, "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    svg = page[page.index("<svg") : page.rindex("</svg>")]
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_batch_html_plans_link_back_to_the_index(runner, tmp_path):
    out = tmp_path / "plans"
    result = runner.invoke(cli, ["batch", str(EXAMPLES / "ana-ruiz.yaml"), "--out", str(out), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    assert '<a href="index.html">' in (out / "E1042.html").read_text(encoding="utf-8")
    assert (out / "index.html").exists()


# --- Markdown as GitHub renders it --------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_github_shows_no_empty_header_row(case):
    html = cmarkgfm.github_flavored_markdown_to_html(case.golden(".md").read_text(encoding="utf-8"))
    assert "<th></th>" not in html
    assert "<strong>Target role:</strong>" in html  # the header's facts, before the first table
    headers = re.findall(r"<thead>(.*?)</thead>", html, re.S)
    assert headers, "GitHub renders no table from the plan: the Gaps table was not found"
    for header in headers:
        assert re.search(r"<th[^>]*>", header)
        assert all(cell.strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", header, re.S))


def test_the_mermaid_block_is_a_fenced_mermaid_code_block_on_github(ana, catalog):
    text = render_plan(ana, catalog, "markdown", extras=Extras(mermaid=True))
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    blocks = re.findall(r'<pre lang="mermaid"><code>(.*?)</code></pre>', html, re.S)
    assert len(blocks) == 1 and blocks[0].startswith("gantt\n")
    assert "section Track 1" in blocks[0] and "section Check-ins" in blocks[0]
    assert blocks[0].count(":milestone,") == len(ana.checkins) + 1  # and the deadline


def test_mermaid_names_cannot_break_the_chart(ana):
    lines = gantt_lines(hostile(ana))
    tasks = [line for line in lines if re.match(r"    \d", line)]
    assert len(tasks) == sum(len(s.placed) for s in ana.steps)  # one bar per activity
    for line in tasks:
        name, _, tags = line.partition(" :")
        assert not re.search(r"[:;#%<>`\[\]\"]", name), name  # a colon ends a name; # and %% start comments
        assert re.fullmatch(r"(crit, )?s\d+a\d+, \d{4}-\d\d-\d\d, \d+d", tags)
    assert "second line" in " ".join(tasks)  # the newline became a space, the task stayed on its line


def test_a_long_plan_is_summarised_per_track(ana):
    many = tuple(
        s._replace(number=n, track=1 + n % 3) for n, s in enumerate((ana.steps * 20)[:60], start=1)
    )  # 60 steps in three tracks
    lines = gantt_lines(ana._replace(steps=many))
    items = [line for line in lines if " :" in line]
    assert len(items) <= MAX_ITEMS
    assert [line for line in lines if line.startswith("    section Track")] == [
        "    section Track 1",
        "    section Track 2",
        "    section Track 3",
    ]
    assert any("20 skills" in line for line in items)


def test_front_matter_is_yaml_that_static_sites_read(ana, catalog):
    text = render_plan(hostile(ana), catalog, "markdown", extras=Extras(front_matter=True))
    raw = text.encode("utf-8")
    assert raw.startswith(b"---\n")  # no byte-order mark, the fence first
    block, _, body = text[4:].partition("\n---\n")
    data = yaml.safe_load(block)
    assert data["title"] == f"Learning plan: {HOSTILE} (E<1>)"
    assert str(data["date"]) == START  # the plan's start, never "now"
    assert data["employee"] == "E<1>" and data["target_role"] == ana.role.id
    assert data["tags"][:2] == ["learning-plan", ana.role.id]
    assert body.lstrip("\n").startswith("# Learning plan")


def test_markdown_extras_refuse_other_formats(runner):
    result = runner.invoke(cli, ["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--mermaid", "--format", "json"])
    assert result.exit_code == 2 and "--mermaid" in result.stderr


def test_mermaid_bars_run_over_each_activity_s_own_days(ana):
    lines = gantt_lines(ana)
    for step in ana.steps:
        for k, p in enumerate(step.placed, start=1):
            (line,) = [
                line for line in lines if f" :s{step.number}a{k}, " in line or f":crit, s{step.number}a{k}, " in line
            ]
            assert line.startswith(f"    {step.number}. ")
            assert line.endswith(f"{p.start.isoformat()}, {(p.end - p.start).days + 1}d")
    first: Step = ana.steps[0]
    assert min(p.start for p in first.placed) == first.start and max(p.end for p in first.placed) == first.end
