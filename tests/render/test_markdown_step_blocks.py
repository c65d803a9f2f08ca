"""A step's Markdown is made once for every plan with that very step (markdown_steps.step_block, issue 29): its whole
lines joined, kept by the step's fields and its records' identity, in UTF-8 too for a batch. The text must be what
the step's lines give one by one (`step_lines`, the path it replaces), the first time and when found again, for any
plan, and a batch's pieces in UTF-8 the text encoded as a whole (`encode_pieces`, the path they replace)."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT
from tests.planning.test_properties import Bundled, draw_plan
from upskill.errors import Problems
from upskill.load.document import read_document
from upskill.load.profile import read_profile
from upskill.model import Catalog, Plan
from upskill.planning.plan import Options, build_plan
from upskill.render import markdown
from upskill.render.markdown import _runs, encode_pieces, fill_markdown_utf8, markdown_pieces, render_markdown
from upskill.render.markdown_steps import encoded, joined, step_lines
from upskill.render.roster_words import PlanFields

START = date(2027, 1, 4)


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _one_by_one(
    at: int, step: Any, level: Any, catalog: Catalog, share: float, own: bool, utf8: bool = False
) -> list[Any]:
    assert not utf8  # the reference is the text; its pieces are encoded as a whole
    return step_lines(at, step, level, catalog, share, own)


def _both(plan: Plan, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, explain: bool = False) -> None:
    kept = markdown_pieces(plan, catalog, explain=explain)
    again = markdown_pieces(plan, catalog, explain=explain)  # every step found this time
    utf8 = [markdown_pieces(plan, catalog, explain=explain, utf8=True) for _ in range(2)]
    with monkeypatch.context() as m:
        m.setattr(markdown, "step_block", _one_by_one)
        expected = markdown_pieces(plan, catalog, explain=explain)
    assert kept == expected
    assert again == expected
    # a batch's pieces, each step's text kept in UTF-8: the text encoded as a whole
    assert utf8[0] == utf8[1] == encode_pieces(expected)
    assert fill_markdown_utf8(utf8[0], PlanFields(plan)) == render_markdown(plan, catalog, explain=explain).encode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_plan_made_of_kept_steps_is_the_plan_made_line_by_line(bundled, data, monkeypatch):
    _, _, plan = draw_plan(bundled, data)
    _both(plan, bundled.catalog, monkeypatch, explain=data.draw(st.booleans(), label="explain"))


def test_generated_profiles_read_alike_through_kept_steps(catalog, tmp_path, monkeypatch):
    """Many plans sharing steps (the benchmark's profiles, 40% with deadlines) and the bundled examples."""
    spec = importlib.util.spec_from_file_location("bench_batch", ROOT / "scripts" / "bench_batch.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.write_profiles(tmp_path / "p", 60, 0.4)
    paths = [*sorted((tmp_path / "p").glob("*.yaml")), *sorted(Path(ROOT / "examples").glob("*.yaml"))]
    seen = 0
    for path in paths:
        profile = read_profile(read_document(str(path), text=path.read_text("utf-8")), catalog, Problems())
        plan = build_plan(profile, catalog, Options(start=START))
        seen += len(plan.steps)
        _both(plan, catalog, monkeypatch)
    assert seen > 300


_HOLES = st.one_of(
    st.tuples(st.just("mentor"), st.integers(0, 3)),
    st.tuples(
        st.sampled_from(["- [ ] a; weeks 1–2", ""]), st.tuples(st.just("activity"), st.integers(0, 3)), st.just(")")
    ).map(list),
)
_LINES = st.lists(st.one_of(st.sampled_from(["", "### 1. Step → 2", "text", "a\nb"]), _HOLES), max_size=12)


@given(_LINES)
def test_whole_lines_joined_make_the_same_pieces(lines):
    assert _runs(list(joined(lines))) == _runs(lines)
    assert _runs(list(encoded(joined(lines))), b"\n") == encode_pieces(_runs(lines))
