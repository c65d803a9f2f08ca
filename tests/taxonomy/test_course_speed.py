"""A 100,000-course export imports in under 10 s, in about the memory a tenth of it needs (scripts/bench_courses.py)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.helpers import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_courses", ROOT / "scripts" / "bench_courses.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_a_hundred_thousand_courses_import_fast_in_flat_memory(tmp_path):
    bench = _bench()
    peaks = {}
    for count in (10_000, 100_000):
        export = tmp_path / f"c{count}.csv"
        bench.write_export(export, count)
        seconds, peaks[count] = bench.run(export, tmp_path / f"c{count}.yaml")
        assert seconds < 10, (count, seconds)
    assert peaks[100_000] < peaks[10_000] + 10, peaks  # MB: ten times the courses, not ten times the memory
    text = (tmp_path / "c100000.yaml").read_text(encoding="utf-8")
    assert "# 100000 course(s) read:" in text and "10000 inactive skipped" in text
