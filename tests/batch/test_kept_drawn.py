"""A kept plan (issue 29: its many records pickled as plain tuples) comes back equal, with the same types,
for drawn profiles and options: deadlines, `--top`, weights, parallel tracks, a next cycle."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.batch.test_kept import _same_types
from tests.planning.test_properties import Bundled, draw_plan
from upskill.batch.kept import dump_plan, load_plan
from upskill.render.json import render_json
from upskill.render.markdown import render_markdown


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_drawn_plan_comes_back_equal_and_renders_the_same(bundled, data):
    catalog = bundled.catalog
    _, _, plan = draw_plan(bundled, data)
    other = pickle.loads(pickle.dumps(catalog))  # a worker's own copy of the same catalog
    back = load_plan(dump_plan(plan, catalog), other)
    assert back == plan
    assert _same_types(back, plan)
    assert render_markdown(back, other) == render_markdown(plan, catalog)
    assert render_json(back, other) == render_json(plan, catalog)
