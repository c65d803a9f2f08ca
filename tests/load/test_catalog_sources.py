"""The bundled catalog says no more than its sources: a trend only where a cited source states one,
the Upwork Research Institute's speaker under her published title, published hours where the
provider gives them; `trend: unstated` prints nothing in any plan or listing; `enabler` is typed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.helpers import CATALOG_DIR
from upskill.api import build_plan, read_profile, render_plan
from upskill.cli import cli
from upskill.errors import UpskillError
from upskill.load.catalog import load_catalog
from upskill.model import TRENDS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# What the two cited articles say about a direction of demand: growth for some skills or roles,
# never a stable or falling demand. A skill whose figure states no growth has no trend to print.
GROWTH_WORDS = re.compile(r"\b(rise|rising|grow|growing|grew|up by|much more|hottest growing)\b", re.IGNORECASE)


def _raw_skills() -> list[dict]:
    return yaml.safe_load((CATALOG_DIR / "skills.yaml").read_text(encoding="utf-8"))["skills"]


def test_no_default_skill_says_steady_or_a_trend_no_cited_source_states(catalog):
    stated = []
    for skill in catalog.skills.values():
        demand = skill.demand
        assert demand is not None, skill.id
        # Neither source reports a stable or a falling demand for anything.
        assert demand.trend in ("rising", "unstated"), f"{skill.id}: trend {demand.trend}"
        if demand.trend == "rising":
            assert demand.source in catalog.sources, f"{skill.id}: a trend without a cited source"
            assert GROWTH_WORDS.search(demand.figure), f"{skill.id}: 'rising' but the figure states no growth"
            stated.append(skill.id)
        if not demand.source:
            assert demand.trend == "unstated", f"{skill.id} cites nothing, so it can state no trend"
    assert len(stated) == 13, stated  # the 13 skills (or their roles) the sources report growing
    files = "".join(p.read_text(encoding="utf-8") for p in sorted(CATALOG_DIR.glob("*.yaml")))
    assert "trend: steady" not in files
    assert "(steady)" not in (CATALOG_DIR.parent / "docs" / "catalog.md").read_text(encoding="utf-8")


def test_the_research_institute_speaker_has_her_published_title():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CATALOG_DIR.glob("*.yaml")))
    text += (CATALOG_DIR.parent / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert not re.search(r"head of (the |its |Upwork's )?(Upwork )?Research Institute", text, re.IGNORECASE)
    for skill in _raw_skills():
        figure = skill.get("demand", {}).get("figure", "")
        if "Research Institute" in figure:
            assert "Kelly Monahan, managing director of Upwork's Research Institute" in figure, skill["id"]


def test_a_rise_resting_on_ai_postings_overall_says_so(catalog):
    for skill in ("deep-learning", "ai-chatbot-development"):
        figure = catalog.skills[skill].demand.figure
        assert "AI job postings overall" in figure and "no separate figure" in figure, figure


def test_learning_to_learn_is_a_soft_skill_in_the_yaml_and_the_docs(catalog):
    assert catalog.skills["learning-to-learn"].category == "soft-skill"
    docs = (CATALOG_DIR.parent / "docs" / "catalog.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in docs.splitlines() if line.startswith("| `")}
    assert "learning to learn" in rows["soft-skill"]
    assert "learning to learn" not in rows["learning-to-learn"]
    figure = catalog.skills["learning-to-learn"].demand.figure
    assert "coaching and developing others" in figure  # what the report's learning-how-to-learn skills are
    assert "the catalog's own addition" in figure


def test_every_role_needing_oversight_reads_as_the_catalogs_choice():
    roles = (CATALOG_DIR / "roles.yaml").read_text(encoding="utf-8")
    assert "choices of this catalog, not statements of its sources" in roles
    docs = (CATALOG_DIR.parent / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert "is the catalog's choice, not the article's claim" in docs


def test_published_hours_are_the_providers_and_fastai_waits_for_intermediate_python(catalog):
    crash = next(r for r in catalog.skills["ai-modelling"].resources if r.title == "Machine Learning Crash Course")
    assert (crash.hours, crash.hours_basis.split(":")[0]) == (15, "provider")
    for skill in catalog.skills.values():
        for resource in skill.resources:
            assert resource.hours_basis.startswith(("provider: ", "estimate: ")), (skill.id, resource.title)
    assert ("python-programming", 3) in {(p.skill, p.level) for p in catalog.skills["deep-learning"].prerequisites}


# --- trend: unstated prints nothing -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_unstated_trend_prints_nothing_in_a_plan(catalog, fmt):
    profile = read_profile(EXAMPLES / "kwame-mensah.yaml", catalog)
    text = render_plan(build_plan(profile, catalog, start=date(2026, 11, 23)), catalog, format=fmt)
    assert "unstated" not in text and "steady" not in text
    name = "Learning to learn and resilience"
    line = next(line for line in text.splitlines() if name in line and "Monahan" in line)
    assert re.search(rf"{name}(\*\*|</strong>): Kelly Monahan", line), line
    assert "(rising)" in text  # a stated trend is still printed


def test_unstated_trend_prints_nothing_in_catalog_listings():
    runner = CliRunner()
    listing = runner.invoke(cli, ["catalog", "list"])
    assert listing.exit_code == 0, listing.output
    rows = {line.split()[0]: line for line in listing.output.splitlines()[1:] if line.strip()}
    assert rows["communication"].rstrip().endswith("0.75")
    assert rows["prompt-engineering"].rstrip().endswith("0.85 rising")
    shown = runner.invoke(cli, ["catalog", "show", "time-management"])
    assert shown.exit_code == 0, shown.output
    assert "demand: 0.75\n" in shown.output and "unstated" not in shown.output
    assert "enabler: protects the learning time itself" in shown.output


def test_a_demand_without_a_trend_is_unstated_and_an_unknown_trend_names_the_values(tmp_path, write):
    text = """\
sources: [{id: s, publisher: P, title: T, date: "2024-01-01"}]
skills:
  - id: quiet
    name: Quiet
    demand: {score: 0.5, source: s, figure: "Named once."}
    resources: [{title: Q, kind: experience, hours: 5, from: 0, to: 3}]
"""
    catalog = load_catalog(["default", write(tmp_path, "ours.yaml", text)])
    assert catalog.skills["quiet"].demand.trend == "unstated"
    assert "unstated" in TRENDS
    with pytest.raises(UpskillError) as info:
        load_catalog(["default", write(tmp_path, "bad.yaml", text.replace("score: 0.5", "score: 0.5, trend: flat"))])
    (problem,) = info.value.problems
    assert "bad.yaml:5" in str(problem) and "unstated" in str(problem)


# --- enabler ------------------------------------------------------------------------------------


def test_the_enablers_are_marked(catalog):
    enablers = sorted(s.id for s in catalog.skills.values() if s.enabler)
    assert enablers == ["learning-to-learn", "time-management"]


def test_enabler_must_be_true_or_false(tmp_path, write):
    text = """\
skills:
  - id: guard
    name: Guard
    enabler: "yes"
    resources: [{title: G, kind: experience, hours: 5, from: 0, to: 3}]
"""
    with pytest.raises(UpskillError) as info:
        load_catalog(["default", write(tmp_path, "ours.yaml", text)])
    (problem,) = info.value.problems
    assert "ours.yaml:4" in str(problem) and "expected true or false" in str(problem)
    catalog = load_catalog(["default", write(tmp_path, "good.yaml", text.replace('"yes"', "true"))])
    assert catalog.skills["guard"].enabler is True
