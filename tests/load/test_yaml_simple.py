"""The simple YAML reader (load/yaml_simple.py) against the full one it stands in for (issue 29).

Whatever text the simple reader accepts, it must give the data (with the same types) and the key
positions the full reader gives; everything else it leaves to the full reader, which keeps every
check of docs/robustness.md.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.load.document import read_document
from upskill.load.yaml_loader import parse_full_yaml
from upskill.load.yaml_simple import read_simple_yaml

KEYS = [
    "id", "name", "a b", "a  b", "Data extraction", "1", "007", "true", "no", "null", "~", "O'Brien", "C++",
    "a,b", "(x)", "/p", "+1", "-x", ".x", "...", "---", "x#y", "é", "Ñandú", "数据", "x" * 300, "a:b", "?x", "&a",
]  # fmt: skip
VALUES = [
    "3", "-1", "+2", "0", "00", "0755", "1.5", ".5", "5.", "1e3", "1.0e3", "1.0e400", "-.5e-2", "9" * 5000,
    "true", "TRUE", "True", "tRUE", "false", "yes", "off", "null", "NULL", "nULL", "~", "2027-06-30", "10:00",
    "a b", "a  b", "a #c", "a#c", "a: b", "- x", "-x", "-", ".", "...", "---", "'q'", "x'y", '"q"', "(a)", "a/b",
    "a,b", "[a]", "{a: 1}", "&x a", "*x", "!!str 3", "! 3", "|", ">", "%x", "@x", "`x", "…", "Ñ", "inf", ".inf",
    ".nan", "0x1F", "1_000",
]  # fmt: skip
SEPARATORS = [": ", ":", ":  ", " : ", ": # note", ":\t", ":#x", ": "]
EXTRA_LINES = ["", "   ", "# a comment", "  # indented comment", "---", "...", "- item", "\t", "a: b\r", "%YAML 1.2"]


def mostly(draw: Any, plain: list[str], tricky: list[str]) -> str:
    """Mostly a plain choice, so that most documents are ones the simple reader accepts."""
    return str(draw(st.sampled_from(tricky if draw(st.integers(0, 24)) == 0 else plain)))


@st.composite
def documents(draw: Any) -> str:
    lines = []
    indent = 0
    for number in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 24)) == 0:
            lines.append(draw(st.sampled_from(EXTRA_LINES)))
            continue
        deeper = [indent + 2, indent + 2, indent + 1] if lines and lines[-1].endswith(":") else [indent + 1]
        indent = draw(st.sampled_from([0, indent, indent, max(indent - 2, 0), *deeper]))
        key = mostly(draw, [f"k{number}", f"Data extraction {number}", f"Ñandú{number}", "id"], KEYS)
        separator = mostly(draw, [": "], SEPARATORS)
        value = mostly(draw, ["", "3", "word", "two words", "1.5"], VALUES) if separator.endswith(" ") else ""
        tail = mostly(draw, ["", "", "  ", " # c"], ["#c", " #", "\t"])
        lines.append(f"{' ' * indent}{key}{separator}{value}{tail}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


def typed(value: Any) -> Any:
    """The value with its types spelled out: True == 1 == 1.0 in Python, not in a profile."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def positions_by_path(data: Any, positions: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Each mapping's key positions by the path of keys leading to it (ids differ between two reads)."""
    found = {path: dict(positions.get(id(data), {}))}
    for key, value in data.items():
        if isinstance(value, dict):
            found.update(positions_by_path(value, positions, (*path, key)))
    return found


def assert_same_as_the_full_reader(text: str) -> None:
    simple = read_simple_yaml(text)
    if simple is None:
        return
    data, positions = simple
    full_data, full_positions = parse_full_yaml(text, "p.yaml")  # raises if the full reader refuses the text
    assert typed(data) == typed(full_data)
    assert positions_by_path(data, positions) == positions_by_path(full_data, full_positions)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(documents())
def test_what_the_simple_reader_accepts_it_reads_as_the_full_reader_does(text: str) -> None:
    assert_same_as_the_full_reader(text)


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \n:#-.'\"ab1tT~\t\r\u2028\ufeff\x85é")), max_size=60))
def test_any_text_the_simple_reader_accepts_it_reads_as_the_full_reader_does(text: str) -> None:
    assert_same_as_the_full_reader(text)


PROFILE = """\
employee:
  id: E000007
  name: Lucía Okafor 7   # as written
  role: manager
  target_role: data-annotation-specialist
  hours_per_week: 6.5
  deadline: 2027-06-30

# the levels
skills:
  critical-thinking: 4
  Data extraction: intermediate
  AI workflow integration: 4
targets:
"""


def test_a_plain_profile_is_read_without_pyyaml_and_as_the_full_reader_does() -> None:
    simple = read_simple_yaml(PROFILE)
    assert simple is not None
    data, positions = simple
    assert data == {
        "employee": {
            "id": "E000007",
            "name": "Lucía Okafor 7",
            "role": "manager",
            "target_role": "data-annotation-specialist",
            "hours_per_week": 6.5,
            "deadline": "2027-06-30",
        },
        "skills": {"critical-thinking": 4, "Data extraction": "intermediate", "AI workflow integration": 4},
        "targets": None,
    }
    assert positions[id(data["skills"])]["Data extraction"] == (12, 3)
    assert_same_as_the_full_reader(PROFILE)


def test_what_the_simple_reader_leaves_goes_the_full_way_with_its_located_errors(tmp_path: Any) -> None:
    from upskill.errors import UpskillError

    for text, line in (
        ("employee:\n  id: a\n  id: b\n", 3),  # a duplicate: both lines named
        ("a: 1\nb: 1.0e400\n", 2),  # not finite
        ("a: 1\n  b: 2\n", 2),  # a value going on at a deeper indent
        ("a: 1\nb: " + "9" * 5000 + "\n", 2),  # past Python's digit limit
    ):
        assert read_simple_yaml(text) is None
        path = tmp_path / "p.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(UpskillError) as caught:
            read_document(path)
        assert caught.value.problems[0].line == line
