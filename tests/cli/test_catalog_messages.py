"""`upskill catalog list` on a catalog with no skills says so, and how to fix it (it said "category 'None'")."""

from __future__ import annotations

import pytest

from upskill.cli import cli


@pytest.mark.parametrize("text", ["skills: []\n", "sources: []\n", "{}\n"])
def test_an_empty_catalog_says_it_has_no_skills_and_what_to_give(runner, tmp_path, text):
    path = tmp_path / "empty.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["catalog", "list", "--catalog", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "None" not in lines[0], lines
    assert lines[0].startswith("upskill: error: the catalog has no skills") and str(path) in lines[0]
    assert "--catalog default" in lines[0]
    with_category = runner.invoke(cli, ["catalog", "list", "--catalog", str(path), "--category", "x"])
    assert with_category.exit_code == 1 and "None" not in with_category.stderr


def test_an_unknown_category_still_lists_the_categories(runner):
    result = runner.invoke(cli, ["catalog", "list", "--category", "cooking"])
    assert result.exit_code == 0
    assert result.stdout.startswith("no skills in category 'cooking'; categories: ") and "soft-skill" in result.stdout
