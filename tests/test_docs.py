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
