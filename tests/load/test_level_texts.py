"""Level texts worked out once (issue 29, fourth session): `fields.text_level` remembers what each text names on a
scale, `_read_levels` takes a text naming a level without the checks, and a roster row's level cells are stripped
once and read through a memo (`sources._level_cell`). Each must give what the path it replaces gave: the same
levels, the same problems at the same places, whatever the text and however often it recurs."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.errors import Problems
from upskill.load.catalog import load_catalog
from upskill.load.document import Document
from upskill.load.fields import parse_level, text_level
from upskill.load.profile import read_profile
from upskill.load.rosters import sources
from upskill.load.rosters.sources import Layout, RowSource, cell_text

CATALOG = load_catalog()
SCALE = CATALOG.scale
# Texts near the ones rosters write: level names in any case and spacing, numbers with zeros, decimals,
# commas, signs and other digits, words that name no level
NAMES = st.sampled_from([*SCALE.names, *(n.upper() for n in SCALE.names), "Advanced", "expert", "zero", "", " "])
NUMBERS = st.sampled_from(["0", "3", "03", "0003", "3.0", "3,0", "3,5", "-1", "+2", "7", "99", "1e3", "²", "٣", "nan"])
TEXTS = st.one_of(NAMES, NUMBERS, st.text(max_size=8)).flatmap(
    lambda t: st.sampled_from([t, f" {t}", f"{t} ", f"\t{t}\n", t.title()])
)


@given(st.lists(TEXTS, max_size=12))
def test_text_level_is_parse_level_however_often_a_text_recurs(texts: list[str]) -> None:
    for text in [*texts, *texts]:  # the second time, from the memo
        assert text_level(text, SCALE) == parse_level(text, SCALE)


def _read(skills: dict[str, Any]) -> tuple[Any, list[tuple[str, int | None, bool]]]:
    data = {"employee": {"id": "e", "target_role": "ai-content-strategist"}, "skills": skills, "targets": dict(skills)}
    positions = {id(data["skills"]): {k: (i + 3, 3) for i, k in enumerate(skills)}}
    problems = Problems()
    profile = read_profile(Document("p.yaml", data, positions), CATALOG, problems)
    return (profile.skills, profile.targets), [(p.message, p.line, p.warning) for p in problems.items]


SKILLS = st.sampled_from(["Communication", "communication", "python", "Python programming", "no-such-skill", "sql"])
VALUES = st.one_of(TEXTS, st.integers(-2, 9), st.booleans(), st.none(), st.floats(0, 5), st.just([1]))


@settings(max_examples=150)
@given(st.dictionaries(SKILLS, VALUES, max_size=5))
def test_a_level_as_text_reads_as_the_full_checks_read_it(skills: dict[str, Any]) -> None:
    """The profile read with the memo filled equals the profile read with it empty (the full checks, each time)."""
    from upskill.load import fields

    fields._text_levels.cache_clear()
    first = _read(skills)
    assert _read(skills) == first  # (the second read takes every text naming a level from the memo)
    fields._text_levels.cache_clear()
    # The reference: every text a level, written as the number the full checks make of it, reads the same
    as_numbers = {
        k: parse_level(v, SCALE) if type(v) is str and parse_level(v, SCALE) is not None else v
        for k, v in skills.items()
    }
    levels, problems = _read(as_numbers)
    assert levels == first[0]
    assert [(m, line) for m, line, _ in problems] == [(m, line) for m, line, _ in first[1]]


def test_a_text_naming_no_level_is_still_a_located_error() -> None:
    _, problems = _read({"Communication": "advanced"})
    assert problems == []
    for _ in range(2):
        _, problems = _read({"Communication": "advancd"})
        # (skills, then targets: only the skills have positions here)
        assert [(line, warning) for _, line, warning in problems] == [(3, False), (None, False)]
        assert all("is not a level" in message for message, _, _ in problems)


CELLS = st.one_of(TEXTS, st.integers(0, 5), st.floats(0, 5, allow_nan=False), st.just(date(2027, 1, 4)))


@given(st.lists(CELLS, min_size=3, max_size=3), st.integers(0, 3))
def test_a_rows_level_cells_are_what_they_were(cells: list[Any], short: int) -> None:
    """The row's skills and their places equal the old reading: `cell_text`, then `_level_cell` of the stripped text."""
    layout = Layout("r.csv", ((0, "id"),), ((1, "Communication"), (2, "python"), (3, "sql")), 4)
    row = RowSource(layout, 7, ("E1", *cells)[: 4 - short] if short else ("E1", *cells))
    doc = row.document()
    old_level = sources._level_text  # the uncached reading
    expected = {}
    for index, header in layout.skills:
        cell = row.cells[index] if index < len(row.cells) else ""
        if cell_text(cell):
            expected[header] = old_level(cell.strip()) if isinstance(cell, str) else sources._number(cell)
    assert doc.data["skills"] == expected
    assert doc.positions[id(doc.data["skills"])] == {h: (7, i + 1) for i, h in layout.skills if h in expected}
