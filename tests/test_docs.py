"""The documents people read first stay short, stand alone and link only to what exists."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT

DOCS = [
    "README.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    *(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "docs").glob("*.md"))),
]


def test_the_readme_stays_under_400_lines():
    """Detail goes to docs/ as features come; the README holds what a user needs."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"README.md has {lines} lines: move detail into docs/"


@pytest.mark.parametrize("name", DOCS)
def test_docs_stand_alone_and_their_links_resolve(name):
    path = ROOT / name
    text = path.read_text(encoding="utf-8")
    assert "../shared" not in text  # the repository stands alone
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):  # http(s) and mailto links are not checked here
            continue
        assert (path.parent / target).exists(), f"{name} links to {target}, which does not exist"


def test_every_test_robustness_md_names_exists():
    """docs/robustness.md names the test behind each trap: a renamed or removed test must not leave it stale."""
    text = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    sources = {
        p.relative_to(ROOT / "tests").as_posix(): p.read_text(encoding="utf-8")
        for p in (ROOT / "tests").rglob("test_*.py")
    }
    named = re.findall(r"((?:\w+/)*test_\w+\.py)::(test_\w+)", text)
    assert len(named) > 30
    for file, test in named:
        assert f"def {test}(" in sources.get(file, ""), f"docs/robustness.md names {file}::{test}, which does not exist"
