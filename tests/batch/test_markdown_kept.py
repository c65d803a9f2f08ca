"""A batch that writes Markdown only keeps each plan's Markdown pieces between its two passes, not the plan
(issue 29): the first pass renders the text with holes where the roster's schedule shows, the second fills
them from the employee's share. The plans must be the bytes the kept-plan path writes (the share written
into the plan, then rendered), and a kept payload, like a kept plan, must hold no name under --anonymize."""

from __future__ import annotations

import importlib.util
import marshal
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT, START
from tests.planning.test_privacy_names import assert_no_name, roster_text
from tests.planning.test_properties import Bundled
from tests.planning.test_sessions import plan_roster, rosters
from upskill.batch import run as batch_run
from upskill.batch.kept import ShareFields, load_markdown, load_plan
from upskill.cli import cli
from upskill.planning.attend import Assignment, assignments, attend
from upskill.render.markdown import (
    encode_pieces,
    fill_markdown,
    fill_markdown_utf8,
    markdown_pieces,
    render_markdown,
)

REPORTS = {"index.md", "team.md", "team.json"}


@pytest.fixture(scope="module")
def bundled(catalog) -> Bundled:
    return Bundled(catalog)


def _profiles(folder: Path, count: int) -> Path:
    """The bundled examples and `count` generated profiles (scripts/bench_batch.py) in one folder."""
    spec = importlib.util.spec_from_file_location("bench_batch", ROOT / "scripts" / "bench_batch.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.write_profiles(folder, count, 0.4)
    for path in (ROOT / "examples").glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def _batch(runner, *args: object) -> None:
    result = runner.invoke(cli, ["--no-config", "batch", *map(str, args), "--start", START, "--jobs", "1"])
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr


def _plans(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.md") if p.name not in REPORTS}


@pytest.mark.parametrize(
    "options",
    [
        (),
        pytest.param(("--explain",), marks=pytest.mark.slow),
        pytest.param(("--closed", "2027-02-01..2027-02-14", "--cohort-max", "3"), marks=pytest.mark.slow),
    ],
)
def test_the_markdown_of_a_batch_is_the_same_through_kept_pieces_and_kept_plans(runner, tmp_path, monkeypatch, options):
    folder = _profiles(tmp_path / "in", 40)
    pieces_kept, plans_kept = _kept(monkeypatch, "dump_markdown"), _kept(monkeypatch, "dump_plan")
    _batch(runner, folder, "--out", tmp_path / "pieces", *options)  # Markdown only: the pieces are kept
    _batch(runner, folder, "--out", tmp_path / "plans", "--format", "markdown", "--format", "json", *options)
    assert len(pieces_kept) == len(plans_kept) == 45  # each run went its own way
    pieces, plans = _plans(tmp_path / "pieces"), _plans(tmp_path / "plans")
    assert len(pieces) == 45 and pieces.keys() == plans.keys()
    assert [name for name in pieces if pieces[name] != plans[name]] == []
    text = b"".join(pieces.values())
    # what the roster's schedule writes is there: sessions, taken alone, mentors, mentees, the weekly ask
    for said in (b"; group session ", b"; on your own: ", b"Mentor: ", b"## Mentoring", b"Your weekly ask: "):
        assert said in text, said
    if "--explain" in options:
        assert b"### In a group or on your own" in text


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_pieces_filled_from_a_share_are_the_plan_with_the_share_written_in(bundled, data):
    catalog = bundled.catalog
    people = data.draw(rosters(bundled), label="roster")
    cohort_max = data.draw(st.integers(min_value=1, max_value=6), label="cohort_max")
    explain = data.draw(st.booleans(), label="explain")
    plans, learners, found = plan_roster(catalog, people, [""] * len(people), cohort_max)
    shares = list(assignments(found, learners, plans[0].summary.start))
    for plan, share in [*zip(plans, shares, strict=True), (plans[0], Assignment())]:
        pieces = markdown_pieces(plan, catalog, explain=explain)
        expected = render_markdown(attend(plan, share), catalog, explain=explain)
        assert fill_markdown(pieces, ShareFields(share)) == expected
        assert fill_markdown_utf8(encode_pieces(pieces), ShareFields(share)) == expected.encode("utf-8")


def _kept(monkeypatch, name: str) -> list[Any]:
    """Every payload the first pass keeps through `name` (batch/run.py's dump_markdown or dump_plan)."""
    kept: list[Any] = []
    real = getattr(batch_run, name)

    def keep(*args: object) -> Any:
        data = real(*args)
        kept.append(data)
        return data

    monkeypatch.setattr(batch_run, name, keep)
    return kept


def test_a_kept_payload_holds_no_name_under_anonymize(runner, tmp_path, monkeypatch, catalog):
    roster = tmp_path / "hr.csv"
    roster.write_text(roster_text(), encoding="utf-8")
    env = {"UPSKILL_ANONYMIZE_KEY": "test-key"}
    pieces, plans = _kept(monkeypatch, "dump_markdown"), _kept(monkeypatch, "dump_plan")
    for formats in (("--format", "markdown"), ("--format", "markdown", "--format", "json")):
        out = tmp_path / f"out{len(formats)}"
        args = ["--no-config", "batch", str(roster), "--out", str(out), "--anonymize", "--min-group", "1", *formats]
        result = runner.invoke(cli, [*args, "--start", START, "--jobs", "1"], env=env)
        assert result.exit_code == 0, result.stderr
    assert len(pieces) == 12 and len(plans) == 12
    texts = []
    for data in pieces:
        stem, kept = load_markdown(data)
        assert stem.startswith("anon-")
        texts.append("".join(p.decode("utf-8") if isinstance(p, bytes) else repr(p) for p in kept))
        assert_no_name("kept Markdown", texts[-1])
        # as the member store writes it, in the clear (marshalled with the member's record)
        assert_no_name("kept Markdown, marshalled", marshal.dumps(data).decode("utf-8", "replace"))
    assert any("'s own skill" in text for text in texts)  # the advice is kept, speaking to the pseudonym
    for data in plans:
        assert_no_name("kept plan", repr(load_plan(data, catalog)))
        assert_no_name("kept plan, pickled", data.decode("utf-8", "replace"))
        assert_no_name("kept plan, pickled", repr(pickle.loads(data)))
