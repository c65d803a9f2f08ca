"""A step's Markdown is made once for every plan with that very step (markdown_steps.step_block, issue 29): its
pieces, kept by the step's fields and its records' identity, in UTF-8 too for a batch. The text must be what the
step's pieces give made anew (`step_pieces`, the path it replaces), the first time and when found again, for any
plan, and a batch's pieces in UTF-8 the text encoded as a whole (`encode_pieces`, the path they replace).

And a step's pieces (text with its line breaks, holes between) must fill to what its lines made one by one gave,
joined and scanned for holes (`_reference_lines` and `_runs` below: the code they replace)."""

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
from upskill.render import common, markdown
from upskill.render.ask import placed_when
from upskill.render.escape import md_text
from upskill.render.markdown import (
    _levels,
    encode_pieces,
    fill_markdown_utf8,
    markdown_pieces,
    render_markdown,
)
from upskill.render.markdown_steps import _checklist_item, own_mentoring, shared_keys, step_pieces
from upskill.render.roster_words import PlanFields

START = date(2027, 1, 4)


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _one_by_one(
    at: int, step: Any, level: Any, catalog: Catalog, share: float, own: bool, utf8: bool = False
) -> list[Any]:
    assert not utf8  # the reference is the text; its pieces are encoded as a whole
    return step_pieces(at, step, level, catalog, share, own)


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


def _reference_lines(at: int, step: Any, level: Any, catalog: Catalog, share: float, shared: Any) -> list[Any]:
    """A step's lines one by one, as markdown_steps made them before its pieces: a whole line, a hole of whole
    lines, or [head, a hole inside the line, tail]."""
    start = level(step.from_level) if step.assessed else "not assessed"
    title = f"### {step.number}. {md_text(step.name)}: {start} → {level(step.to_level)}"
    lines: list[Any] = ["", title + (" (late)" if step.late else ""), "", common.when_line(step, catalog.skills), ""]
    if step.placed:
        lines += [
            f"{_checklist_item(p.resource, share)}; {placed_when(p)})"
            if p.session is None and not p.alone and (step.skill, p.resource.title) not in shared
            else [
                f"{_checklist_item(p.resource, share)}; {placed_when(p)}",
                ("activity", at, k, step.skill, p.resource.title),
                ")",
            ]
            for k, p in enumerate(step.placed)
        ]
    else:
        lines += [f"{_checklist_item(r, share)})" for r in step.activities]
    if step.uncovered:
        low, high = step.uncovered
        lines.append(
            f"- [ ] **Needs a resource:** nothing in the catalog covers {level(low)} → "
            f"{level(high)}; ~{common.hours(catalog.hours_per_level * (high - low))} h is a placeholder "
            "estimate"
        )
    lines.append(("mentor", at, step.skill, own_mentoring(step.placed)))
    can = catalog.skills[step.skill].describe_level(step.to_level)
    lines += ["", f"**At {level(step.to_level)}:** {md_text(can)}"] if can else []
    return [*lines, "", f"**Done when:** {md_text(step.done_when)}"]


def _runs(lines: list[Any]) -> tuple[Any, ...]:
    """`lines` as pieces: the text between two holes in one string, each line ended by a line break."""
    pieces: list[Any] = []
    tail = ""
    start = 0
    for at in [at for at, line in enumerate(lines) if not isinstance(line, str)]:
        between = lines[start:at]
        text = tail + "\n".join(between) + "\n" if between else tail
        hole = lines[at]
        if isinstance(hole, list):
            head, inside, rest = hole
            pieces += (text + head, inside)
            tail = rest + "\n"
        else:
            if text:
                pieces.append(text)
            pieces.append(hole)
            tail = ""
        start = at + 1
    between = lines[start:]
    text = tail + "\n".join(between) + "\n" if between else tail
    if text:
        pieces.append(text)
    return tuple(pieces)


def _pieces_read_as_lines(plan: Plan, catalog: Catalog) -> None:
    level = _levels(plan.scale).__getitem__
    share = catalog.planning.experience_share
    shared = shared_keys(plan.steps)
    for at, step in enumerate(plan.steps):
        new = step_pieces(at, step, level, catalog, share, None, shared)
        old = _runs(_reference_lines(at, step, level, catalog, share, shared))
        # the same text with the same holes in the same places: each hole written as itself
        assert _marked(new) == _marked(old)
        assert all(isinstance(p, str) for p in new[::2]) and len(new) % 2 == 1  # text and holes in turn


def _marked(pieces: Any) -> str:
    return "".join([p if isinstance(p, str) else f"<{p!r}>" for p in pieces])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_steps_pieces_fill_to_its_lines_one_by_one(bundled, data):
    _, _, plan = draw_plan(bundled, data)
    _pieces_read_as_lines(plan, bundled.catalog)


def test_a_steps_pieces_fill_to_its_lines_in_generated_plans(catalog, tmp_path):
    spec = importlib.util.spec_from_file_location("bench_batch", ROOT / "scripts" / "bench_batch.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.write_profiles(tmp_path / "p", 40, 0.4)
    for path in sorted((tmp_path / "p").glob("*.yaml")):
        profile = read_profile(read_document(str(path), text=path.read_text("utf-8")), catalog, Problems())
        _pieces_read_as_lines(build_plan(profile, catalog, Options(start=START)), catalog)
