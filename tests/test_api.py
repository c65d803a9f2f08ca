"""The public API, used as README and upskill/api.py document it."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from datetime import date

import pytest

import upskill
from tests.golden_cases import CASES
from tests.helpers import EXAMPLES, ROOT, TINY, profile_text
from upskill import UpskillError, build_plan, load_catalog, read_profile, render_plan


@pytest.mark.slow
def test_the_documented_example_gives_the_golden_plan():
    catalog = load_catalog()
    profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
    plan = build_plan(profile, catalog, start=date(2026, 11, 23))
    golden = next(c for c in CASES if c.name == "ana-ruiz")
    assert render_plan(plan, catalog, format="markdown") == golden.golden(".md").read_text(encoding="utf-8")
    assert render_plan(plan, catalog, "json") == golden.golden(".json").read_text(encoding="utf-8")
    assert "<html" in render_plan(plan, catalog, "html") and "Ana Ruiz" in render_plan(plan, catalog, "table")


@pytest.mark.slow
def test_the_readme_example_runs_as_written():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("## Use it from Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Learning plan: Ana Ruiz (E1042)")


@pytest.mark.slow
def test_a_profile_as_text_with_options(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY, encoding="utf-8")
    catalog = load_catalog("default", tmp_path / "tiny.yaml")  # overlaid on the bundled catalog
    profile = read_profile(profile_text({"base": 1}, target_role="r"), catalog)
    plan = build_plan(profile, catalog, start=date(2027, 1, 4), hours_per_week=2, top=1, weights={"demand": 3})
    data = json.loads(render_plan(plan, catalog, "json"))
    assert data["employee"]["hours_per_week"] == 2 and data["weights"]["demand"] == 3
    assert data["steps"][0]["start"] == "2027-01-04"


def test_bad_data_raises_upskill_error_with_every_problem():
    catalog = load_catalog()
    with pytest.raises(UpskillError) as info:
        read_profile("employee: {id: E1, target_role: nope}\nskills: {prompt-engineering: expret}\n", catalog)
    assert len(info.value.problems) == 2
    assert all(p.file == "<text>" and p.line for p in info.value.problems)


def test_warnings_are_warnings_unless_strict():
    catalog = load_catalog()
    text = profile_text({"promt engineering": 2})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_profile(text, catalog)
    assert [w.category for w in caught] == [upskill.UpskillWarning]
    with pytest.raises(UpskillError):
        read_profile(text, catalog, strict=True)


def test_unknown_format_is_a_value_error():
    catalog = load_catalog()
    plan = build_plan(read_profile(EXAMPLES / "ana-ruiz.yaml", catalog), catalog, start=date(2026, 11, 23))
    with pytest.raises(ValueError, match="markdown"):
        render_plan(plan, catalog, "pdf")


@pytest.mark.slow
def test_importing_upskill_loads_nothing_heavy():
    code = (
        "import sys, upskill; assert upskill.__version__; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'rich', 'jinja2', 'click')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_package_exports_what_the_api_exports():
    """`upskill/__init__.py` lists the API's names again (it imports `upskill.api` only on first use)."""
    import upskill.api

    assert upskill.__all__ == upskill.api.__all__
