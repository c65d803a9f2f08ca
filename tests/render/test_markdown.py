"""The Markdown plan is valid GitHub-flavoured Markdown whatever the input files contain."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.golden_cases import CASES
from upskill.cli import cli
from upskill.load.catalog import load_catalog
from upskill.render.escape import md

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def table_shapes(markdown: str) -> list[list[int]]:
    """The cell count of every row of every table, table by table."""
    tables: list[list[int]] = []
    previous_was_row = False
    for line in markdown.splitlines():
        is_row = line.startswith("|")
        if is_row:
            if not previous_was_row:
                tables.append([])
            tables[-1].append(len(UNESCAPED_PIPE.findall(line)))
        previous_was_row = is_row
    return tables


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_golden_tables_are_rectangular(case):
    markdown = case.golden(".md").read_text(encoding="utf-8")
    shapes = table_shapes(markdown)
    assert shapes and "\n| # | Skill |" in markdown, "no Gaps table found: nothing was checked"
    assert all(len(shape) >= 3 for shape in shapes), shapes  # a header, its rule, a row at least
    for shape in shapes:
        assert len(set(shape)) == 1, f"a row has a different number of cells: {shape}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_golden_markdown_has_every_section(case):
    markdown = case.golden(".md").read_text(encoding="utf-8")
    assert markdown.startswith("# Learning plan: ")
    for heading in ("## Gaps", "## Steps", "## Summary", "## Why these skills"):
        assert f"\n{heading}" in markdown
    assert "- [ ] " in markdown
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert blocks_are_separated(markdown)


def blocks_are_separated(markdown: str) -> bool:
    """Every heading after the title follows a blank line, and no two blank lines are adjacent."""
    lines = markdown.split("\n")
    headings = [i for i, line in enumerate(lines) if line.startswith("#")]
    return all(lines[i - 1] == "" for i in headings[1:]) and "\n\n\n" not in markdown


def test_a_plan_with_no_gaps_keeps_its_sections_apart(tmp_path):
    """No steps, no deadline warnings: the Summary heading still follows a blank line."""
    skills = "".join(f"  {skill}: 5\n" for skill in load_catalog(["default"]).skills)
    profile = tmp_path / "p.yaml"
    profile.write_text(
        f"employee:\n  id: E1\n  name: Ana\n  target_role: ml-engineer\nskills:\n{skills}", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["plan", str(profile), "--format", "markdown", "--start", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    assert "No gaps: Ana already meets" in result.stdout and "## Steps" not in result.stdout
    assert blocks_are_separated(result.stdout)
    assert result.stdout.splitlines()[-1].startswith("- Already at target: ")


def test_hostile_names_cannot_inject_markdown_or_html(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "employee:\n"
        "  id: 'E|1'\n"
        "  name: '<script>alert(1)</script> [click](http://evil) *x* | y'\n"
        "  role: 'a\\nb'\n"
        "  target_role: ai-content-strategist\n"
        "skills: {}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["plan", str(profile), "--format", "markdown", "--start", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "<script>" not in out and "[click](" not in out
    assert r"\<script\>" in out and r"\[click\]" in out
    for shape in table_shapes(out):
        assert len(set(shape)) == 1


def escaped_by_definition(text: str) -> str:
    """What `md` means, written the slow, obvious way: whitespace runs and control characters
    become one space, the ends are trimmed, and every Markdown special character is backslashed."""
    text = " ".join("".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in text).split())
    return "".join("\\" + c if c in "\\`*_[]<>#|~" else c for c in text)


@settings(max_examples=500)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
    | st.text(alphabet=" \t\n\r\x1b\x00\x7f\u2028\xa0ab|*_#", max_size=12)
)
@pytest.mark.slow
def test_md_escaping_matches_its_definition(text):
    """The cached fast path (plain text passes through) never differs from the definition."""
    assert md(text) == escaped_by_definition(text)
    assert md(text) == escaped_by_definition(text)  # the second call is served from the cache


def test_md_escapes_control_characters_even_without_specials():
    assert md("Ana\x1b[31mRed") == "Ana [31mRed".replace("[", "\\[")
    assert md(" Ana  Ruiz\n") == "Ana Ruiz"


def test_a_level_no_resource_covers_gets_a_placeholder_item(catalog):
    """A catalog with a hole (nothing teaches prompt engineering from 0 to 2) still gives a full plan."""
    from datetime import date
    from types import MappingProxyType

    from upskill.errors import Problems
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile
    from upskill.planning.plan import Options, build_plan
    from upskill.render.markdown import render_markdown

    skill = catalog.skills["prompt-engineering"]
    holed = catalog._replace(
        skills=MappingProxyType(
            {
                **catalog.skills,
                "prompt-engineering": skill._replace(resources=tuple(r for r in skill.resources if r.from_level >= 2)),
            }
        )
    )
    doc = read_document(
        "p.yaml", text="employee: {id: E1, name: Ana, target_role: ai-content-strategist}\nskills: {communication: 4}\n"
    )
    plan = build_plan(read_profile(doc, holed, Problems()), holed, Options(start=date(2027, 1, 4)))
    text = render_markdown(plan, holed)
    assert (
        "- [ ] **Needs a resource:** nothing in the catalog covers 0 none → 2 beginner; ~20 h is a placeholder estimate"
    ) in text
    for shape in table_shapes(text):
        assert len(set(shape)) == 1
