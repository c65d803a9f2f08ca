"""upskill.load.document.read_document: YAML, TOML and JSON read safely, with positions, and every bad input
turned into an UpskillError naming the file (and the line where the parser knows it).

PyYAML's wording differs between its C and pure-Python loaders, so these tests assert on
upskill's own words and on line numbers, never on PyYAML's messages.
"""

from __future__ import annotations

import io
import os
import threading
import time
from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.errors import Problem, UpskillError
from upskill.load import text as text_module
from upskill.load import yaml_loader
from upskill.load.document import read_document


def problem_of(path, text=None) -> Problem:
    """The single problem reading `path` raises."""
    with pytest.raises(UpskillError) as info:
        read_document(path, text=text)
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


# --- well-formed input --------------------------------------------------------------------------


def test_yaml_data_and_key_positions(tmp_path, write):
    path = write(tmp_path, "p.yaml", "# comment\nemployee:\n  id: E1\n  name: Ana\nskills:\n    prompting: 2\n")
    doc = read_document(path)
    assert doc.name == str(path)
    assert doc.data == {"employee": {"id": "E1", "name": "Ana"}, "skills": {"prompting": 2}}
    assert doc.where(doc.data, "employee") == (2, 1)
    assert doc.where(doc.data["employee"], "name") == (4, 3)
    assert doc.where(doc.data["skills"], "prompting") == (6, 5)
    assert doc.where(doc.data["skills"], "missing") is None


def test_problem_is_located_at_the_key(tmp_path, write):
    path = write(tmp_path, "p.yaml", "a: 1\nb:\n  c: 2\n")
    doc = read_document(path)
    problem = doc.problem("bad c", doc.data["b"], "c", path="b.c")
    assert str(problem) == f"{path}:3:3: b.c: bad c"


def test_toml_data(tmp_path, write):
    path = write(tmp_path, "p.toml", '[employee]\nid = "E1"\ndeadline = 2027-01-31\n[skills]\nprompting = 2\n')
    doc = read_document(path)
    assert doc.data["employee"] == {"id": "E1", "deadline": date(2027, 1, 31)}
    assert doc.data["skills"] == {"prompting": 2}


def test_json_data(tmp_path, write):
    path = write(tmp_path, "p.json", '{"employee": {"id": "E1"}, "skills": {"prompting": 2}}')
    assert read_document(path).data == {"employee": {"id": "E1"}, "skills": {"prompting": 2}}


def test_unknown_extension_sniffs_json_or_yaml(tmp_path, write):
    assert read_document(write(tmp_path, "p.txt", '{"a": 1}')).data == {"a": 1}
    assert read_document(write(tmp_path, "q.txt", "a: 1\n")).data == {"a": 1}


def test_text_argument_bypasses_the_file_system():
    doc = read_document("not-on-disk.yaml", text="a: 1\n")
    assert doc.data == {"a": 1}
    assert doc.name == "not-on-disk.yaml"


def test_utf8_bom_is_accepted(tmp_path, write):
    for name, body in (("b.yaml", b"a: 1\n"), ("b.json", b'{"a": 1}'), ("b.toml", b"a = 1\n")):
        assert read_document(write(tmp_path, name, b"\xef\xbb\xbf" + body)).data == {"a": 1}


def test_yaml_11_surprises_stay_strings():
    text = "level: no\nid: 0012\non: yes\nwhen: 2024-01-02\nclock: 10:0\nmode: 0755\nflag: off\n"
    data = read_document("p.yaml", text=text).data
    assert data == {
        "level": "no",
        "id": "0012",
        "on": "yes",
        "when": "2024-01-02",
        "clock": "10:0",
        "mode": "0755",
        "flag": "off",
    }


def test_yaml_12_types_still_work():
    data = read_document("p.yaml", text="a: true\nb: 12\nc: 1.5\nd: null\ne: ~\nf: -3\n").data
    assert data == {"a": True, "b": 12, "c": 1.5, "d": None, "e": None, "f": -3}


# --- syntax errors ----------------------------------------------------------------------------


def test_yaml_syntax_error_has_a_line(tmp_path, write):
    path = write(tmp_path, "p.yaml", "employee:\n  id: E1\nskills: [1, 2\nother: 3\n")
    problem = problem_of(path)
    assert problem.file == str(path)
    assert problem.line in (3, 4)
    assert "YAML syntax error" in problem.message


def test_toml_syntax_error_has_a_line(tmp_path, write):
    path = write(tmp_path, "p.toml", 'a = 1\nb = "x"\nc = \n')
    problem = problem_of(path)
    assert problem.line == 3
    assert "TOML syntax error" in problem.message
    assert "(at line" not in problem.message  # the position moved out of the message


def test_json_syntax_error_has_a_line(tmp_path, write):
    path = write(tmp_path, "p.json", '{"a": 1,\n "b": }\n')
    problem = problem_of(path)
    assert (problem.line, problem.column) == (2, 7)
    assert "JSON syntax error" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: !!python/object/apply:os.system ['echo hacked']\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
    ],
)
def test_python_and_unknown_tags_are_refused(text):
    problem = problem_of("p.yaml", text)
    assert "is not allowed" in problem.message
    assert problem.line == 1


def test_duplicate_yaml_key_names_both_lines():
    problem = problem_of("p.yaml", "skills:\n  prompting: 1\n  coaching: 2\n  prompting: 3\n")
    assert "duplicate key 'prompting'" in problem.message
    assert problem.line == 4
    assert "line 2" in problem.message


def test_duplicate_json_key_is_refused():
    problem = problem_of("p.json", '{"a": 1, "b": 2, "a": 3}')
    assert "duplicate key 'a'" in problem.message
    assert (problem.line, problem.column) == (1, 18) and "first defined at column 2" in problem.message


def test_duplicate_json_key_names_both_lines_even_when_nested():
    text = '{\n  "skills": {\n    "prompting": 1,\n    "coaching": [1, {"x": 2}],\n    "prompting": 3\n  }\n}\n'
    problem = problem_of("p.json", text)
    assert "duplicate key 'prompting' (first defined on line 3)" in problem.message
    assert (problem.line, problem.column) == (5, 5)


def test_json_keys_are_located_for_later_problems():
    text = '{\n  "employee": {"id": "E1",\n               "target_role": "ld-coach"},\n  "skills": {"coaching": 7}\n}'
    doc = read_document("p.json", text=text)
    assert doc.where(doc.data, "skills") == (4, 3)
    assert doc.where(doc.data["employee"], "target_role") == (3, 16)
    assert doc.where(doc.data["skills"], "coaching") == (4, 14)
    assert doc.problem("not a level", doc.data["skills"], "coaching").line == 4


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=5), st.sampled_from([None, 1, 2, "\t"]), st.booleans()
)
@pytest.mark.slow
def test_every_json_key_position_points_at_that_key(data, indent, ascii_only):
    import json

    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    doc = read_document("p.json", text=text)
    lines = text.split("\n")

    def check(value):
        if isinstance(value, dict):
            for key, item in value.items():
                line, column = doc.where(value, key)
                assert lines[line - 1][column - 1 :].startswith(json.dumps(key, ensure_ascii=ascii_only))
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)

    check(doc.data)


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("a = 1\na = 2\n", 2, "duplicate key 'a' (first defined on line 1); remove one of them"),
        ("[s]\nx = 1\ny = 2\n x  =  3\n", 4, "duplicate key 'x' (first defined on line 2)"),
        ("a . b = 1\na.b = 2\n", 2, "duplicate key 'a.b' (first defined on line 1)"),
        ("[s]\nx = 1\n[ s ]\ny = 2\n", 3, "the table [s] is declared twice (first on line 1); merge them"),
        ("a = 1\n[a]\n", 2, "[a] declares a table, but 'a' already holds a value"),
    ],
)
def test_duplicate_toml_key_is_refused_naming_both_lines(text, line, message):
    # upskill words these when tomllib's message starts "Cannot overwrite" or "Cannot declare";
    # if a new tomllib words them otherwise, this fails so that toml_reader.parse_toml follows.
    problem = problem_of("p.toml", text)
    assert problem.line == line and message in problem.message


TOML_CATALOG = """# every kind of key TOML has
title = "x"
"quoted key" = 1
a.b.c = 2
multi = \"\"\"
fake = 3
[fake]
\"\"\"
arr = [
  ["skills"],
  "]", { y = 1 },
]

[[roles]]
id = "r1"
requires = { coaching = 3, "prompt-engineering" = { level = 2, weight = 1.5 } }

[[roles]]
id = "r2"\r
[roles.requires]
coaching = { level = 4 }

[skills.coaching]
name = "Coaching"
"""


def test_toml_keys_are_located_for_later_problems():
    doc = read_document("c.toml", text=TOML_CATALOG)
    data, lines = doc.data, TOML_CATALOG.split("\n")
    r1, r2 = data["roles"]
    assert doc.where(data, "title") == (2, 1)
    assert doc.where(data, "quoted key") == (3, 1)
    assert doc.where(data["a"]["b"], "c") == (4, 5)
    assert doc.where(data, "arr") == (9, 1) and doc.where(data, "fake") is None  # inside a string
    assert doc.where(data, "roles") == (14, 3)
    assert doc.where(r1, "requires") == (16, 1)
    assert doc.where(r1["requires"], "prompt-engineering") == (16, 28)
    assert doc.where(r1["requires"]["prompt-engineering"], "weight") == (16, 64)
    assert doc.where(r2, "id") == (19, 1)
    assert doc.where(r2["requires"]["coaching"], "level") == (21, 14)
    assert doc.where(data["skills"]["coaching"], "name") == (24, 1)
    for marks in doc.positions.values():  # and every key found points at that key
        for key, (line, column) in marks.items():
            assert lines[line - 1][column - 1 :].startswith((key, f'"{key}"')), (key, line, column)


TOML_LINES = st.sampled_from(
    [
        "a = 1",
        "b.c = 'x'",
        '"q k" = 2',
        "[t]",
        "[t.u]",
        "[[arr]]",
        "[[arr.sub]]",
        "x = { y = 1, z = { w = 2 } }",
        'm = """',
        "fake = 3",
        '"""',
        "l = [",
        "  [1, 2],",
        '  "]",',
        "]",
        "# [comment]",
        "",
        "k = [ { i = 1 } ]",
        "d = 1979-05-27",
        "e = 'lit' # c",
    ]
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(TOML_LINES, max_size=14))
def test_toml_positions_never_fail_and_point_at_their_keys(lines):
    text = "\n".join(lines) + "\n"
    try:
        doc = read_document("p.toml", text=text)
    except UpskillError:
        return  # not valid TOML (or not a mapping): tomllib said so, with its own line
    for marks in doc.positions.values():
        for key, (line, column) in marks.items():
            assert lines[line - 1][column - 1 :].startswith((key, f'"{key}"')), (key, line, column)


def test_toml_problems_name_the_line(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[employee]\nid = "E9"\ntarget_role = "ld-coach"\n\n[skills]\ncoaching = 9\n', encoding="utf-8")
    doc = read_document(path)
    assert doc.problem("not a level", doc.data["skills"], "coaching").line == 6


def test_json_nan_is_refused():
    assert "NaN" in problem_of("p.json", '{"a": NaN}').message


# --- hostile YAML -----------------------------------------------------------------------------

BOMB = (
    "\n".join(
        [f"a0: &a0 [{', '.join(['lol'] * 10)}]"]
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    )
    + "\n"
)


def test_alias_bomb_is_refused_quickly():
    began = time.perf_counter()
    problem = problem_of("bomb.yaml", BOMB)
    assert time.perf_counter() - began < 1.0
    assert "alias" in problem.message
    assert problem.line is not None


def test_a_few_aliases_are_fine():
    data = read_document("p.yaml", text="base: &b {level: 2}\nx: *b\ny: *b\n").data
    assert data["x"] == data["y"] == {"level": 2}


@pytest.mark.parametrize("text", ["a: &x [1, *x]\n", "a: &x\n  b: *x\n"])
def test_recursive_alias_is_refused(text):
    problem = problem_of("p.yaml", text)
    assert "recursive" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_is_an_error_not_a_crash(opener, closer):
    """libyaml's C composer recurses per level; 100,000 levels used to overflow the C stack.

    Either upskill or PyYAML (6.0.4 and newer) may stop it first, so the wording is not pinned:
    what matters is one located problem on the file, never a crash.
    """
    text = "a: " + opener * 100_000 + "1" + closer * 100_000 + "\n"
    problem = problem_of("deep.yaml", text)
    assert problem.file == "deep.yaml" and not problem.warning
    assert "\n" not in str(problem) and "Traceback" not in problem.message


@pytest.mark.parametrize(
    "name,text",
    [
        ("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("deep.toml", "a = " + "[" * 5_000 + "]" * 5_000 + "\n"),
    ],
)
def test_deep_json_and_toml_are_errors(name, text):
    assert "nested too deeply" in problem_of(name, text).message


def test_explicit_bad_timestamp_is_an_upskill_error():
    """`!!timestamp 0000-00-00` raises ValueError inside PyYAML, not a YAMLError."""
    problem = problem_of("p.yaml", "d: !!timestamp 0000-00-00\n")
    assert problem.file == "p.yaml"


@pytest.mark.parametrize("value", ["0\t000-00-00", "x", "2024-13"])
def test_a_timestamp_tag_on_text_that_is_no_date_is_an_error_on_its_line(value):
    # PyYAML assumes the value matches its pattern and fails with AttributeError (found by test_fuzz).
    problem = problem_of("p.yaml", f"a: 1\nd: !!timestamp {value}\n")
    assert problem.line == 2 and "is not a date" in problem.message


@pytest.mark.parametrize("text", ["a: !!bool maybe\n", "a: !!int x\n", "a: !!float x\n", "? !!set {x}\n: 1\n"])
def test_bad_explicit_scalars_are_upskill_errors(text):
    assert problem_of("p.yaml", text).file == "p.yaml"


@pytest.mark.parametrize(
    "name,text",
    [
        ("big.json", '{"a": ' + "9" * 5000 + "}"),
        ("big.toml", "a = " + "9" * 5000 + "\n"),
        ("big.yaml", "a: " + "9" * 5000 + "\n"),
    ],
)
def test_integers_past_pythons_digit_limit_are_upskill_errors(name, text):
    assert problem_of(name, text).file == name


def test_control_character_is_one_line_with_position():
    problem = problem_of("p.yaml", "a: 1\nb: x\x07y\n")
    assert "\n" not in str(problem)
    assert problem.line == 2


def test_multiple_documents_are_refused():
    assert problem_of("p.yaml", "a: 1\n---\nb: 2\n").line == 2


# --- not a mapping, not text --------------------------------------------------------------------


def test_empty_file(tmp_path, write):
    assert "empty" in problem_of(write(tmp_path, "p.yaml", "")).message
    assert "empty" in problem_of(write(tmp_path, "q.yaml", "  \n\n")).message


def test_comments_only_file(tmp_path, write):
    assert "only comments" in problem_of(write(tmp_path, "p.yaml", "# nothing\n# here\n")).message


@pytest.mark.parametrize("text,found", [("- a\n- b\n", "a list"), ("hello\n", "'hello'"), ("42\n", "a number")])
def test_top_level_must_be_a_mapping(text, found):
    problem = problem_of("p.yaml", text)
    assert "expected a mapping" in problem.message
    assert found in problem.message


def test_top_level_json_list_is_refused():
    assert "a list" in problem_of("p.json", "[1, 2]").message


def test_binary_file(tmp_path, write):
    assert "binary" in problem_of(write(tmp_path, "p.yaml", b"a: 1\n\x00\x01\x02\xff")).message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file(tmp_path, write, encoding):
    problem = problem_of(write(tmp_path, "p.yaml", "employee:\n  id: E1\n".encode(encoding)))
    assert "UTF-16" in problem.message or "binary" in problem.message


def test_utf16_with_bom_says_utf16(tmp_path, write):
    assert "UTF-16" in problem_of(write(tmp_path, "p.yaml", "a: 1\n".encode("utf-16"))).message


def test_non_utf8_bytes_report_the_line(tmp_path, write):
    path = write(tmp_path, "p.yaml", "employee:\n  id: E1\n  name: Jos\u00e9\n".encode("latin-1"))
    problem = problem_of(path)
    assert "UTF-8" in problem.message
    assert "0xe9" in problem.message
    assert (problem.line, problem.column) == (3, 12)


def test_oversized_file(tmp_path, write, monkeypatch):
    monkeypatch.setattr(text_module, "MAX_BYTES", 1000)
    path = write(tmp_path, "p.yaml", "a: 1\n# " + "x" * 2000 + "\n")
    assert "larger than" in problem_of(path).message


@pytest.mark.slow
def test_real_size_limit(tmp_path, write):
    path = write(tmp_path, "p.yaml", b"a: 1\n#" + b"x" * text_module.MAX_BYTES + b"\n")
    assert "larger than 10 MB" in problem_of(path).message


def test_missing_file_and_directory(tmp_path):
    assert problem_of(tmp_path / "nope.yaml").message == "no such file"
    assert "directory" in problem_of(tmp_path).message


def test_problem_text_escapes_control_characters():
    problem = Problem("unknown key 'a\nb\x1b[31m'", file="p.yaml", line=2, column=1)
    assert str(problem) == "p.yaml:2:1: unknown key 'a\\nb\\x1b[31m'"


# --- the fast path gives what PyYAML's general machinery gives ------------------------------------

# Text PyYAML round-trips (it folds line separators such as U+0085), leaving out what YAML 1.2
# reads as a number but YAML 1.1 as text ("1.5e3"), which the dumper therefore leaves unquoted.
TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85\ufeff"), max_size=12
).filter(lambda s: not yaml_loader._DECIMAL_FLOAT.match(s))
PLAIN_DATA = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    data=st.dictionaries(TEXT.filter(bool), PLAIN_DATA, min_size=1, max_size=5),
    flow=st.sampled_from([False, None, True]),
)
@pytest.mark.slow
def test_fast_loader_reads_dumped_data_back_exactly(data, flow):
    """Whatever PyYAML dumps (it quotes strings YAML 1.1 would retype) reads back as the same data."""
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert read_document("p.yaml", text=text).data == yaml.load(text, Loader=yaml.SafeLoader) == data


@pytest.mark.parametrize(
    "text",
    [
        "a: !!int 0x1F\n",
        "a: !!int '12'\n",
        "a: !!float 1\n",
        "a: !!float '-0.5e3'\n",
        "a: !!bool yes\n",
        "a: !!bool 'True'\n",
        "a: !!str 12\n",
        "a: !!null ''\n",
        "a: !!null x\n",
        "a: !!seq [1, 2]\n",
        "a: !!map {b: 1}\n",
        "a: !!set {x, y}\n",
        "a: !!omap [b: 1, c: 2]\n",
        "a: !!binary aGk=\n",
        "a: !!timestamp 2027-01-04\n",
        "a: &x [1, {b: 2}]\nc: *x\n",
        "a: -0.0\nb: +5\nc: .5\nd: 1.\ne: 1e3\n",
    ],
)
def test_explicit_tags_and_aliases_read_as_pyyaml_reads_them(text):
    assert read_document("p.yaml", text=text).data == yaml.load(text, Loader=yaml.SafeLoader)


@pytest.mark.slow
def test_python_and_c_composers_give_the_same_positions():
    """A document with many indicator characters takes the Python composer: same data, same lines."""
    body = "".join(f"k{i}: [{i}, -{i}]\n" for i in range(800))  # 800 x 3 indicators: past the C bound
    small = read_document("p.yaml", text="k0: [0, -0]\nk1: [1, -1]\n")
    big = read_document("p.yaml", text=body)
    assert big.data["k1"] == small.data["k1"] == [1, -1]
    assert big.where(big.data, "k1") == small.where(small.data, "k1") == (2, 1)


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 5000])
def test_read_limited_reads_everything_up_to_one_past_the_limit(tmp_path, size):
    import io

    data = bytes(range(256)) * (size // 256 + 1)
    data = data[:size]
    path = tmp_path / "f"
    path.write_bytes(data)
    with open(path, "rb") as fh:
        assert text_module.read_limited(fh, 100) == data[:101]
    assert text_module.read_limited(io.BytesIO(data), 100) == data[:101]  # no file size to go by


@pytest.mark.slow
def test_read_limited_reads_a_pipe_to_its_end_across_short_reads():
    """A short read ends a regular file, but not a pipe (stdin): the rest may still be coming."""
    read_end, write_end = os.pipe()

    def writer():
        os.write(write_end, b"employee:\n")
        time.sleep(0.2)  # the reader sees a short read first
        os.write(write_end, b"  id: E1\n")
        os.close(write_end)

    thread = threading.Thread(target=writer)
    thread.start()
    with open(read_end, "rb", buffering=0) as fh:  # unbuffered: each read returns what has arrived
        assert text_module.read_limited(fh, 100) == b"employee:\n  id: E1\n"
    thread.join()


def test_read_limited_keeps_reading_after_a_short_read_before_the_end(tmp_path, monkeypatch):
    """Some file systems (FUSE with direct I/O) return short reads mid-file: only the size fstat gave ends it."""
    path = tmp_path / "p.yaml"
    data = b"employee:\n  id: E1\n" * 50
    path.write_bytes(data)

    class Trickle(io.FileIO):
        def read(self, size=-1):
            return super().read(min(size, 7))

    with Trickle(path, "rb") as fh:
        assert text_module.read_limited(fh, 10_000) == data
