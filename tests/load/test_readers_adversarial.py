"""Inputs from an adversarial trial of the readers (profiles, catalogs, CSV rosters, JSON Lines): text
that cannot be encoded, NaN and infinities, wide CSV headers, keys that are not text, misleading
messages, level names that look like numbers. Each is refused (or read) with one located line
in upskill's words; the fuzzers at the end keep every command clean for generated inputs of each class.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import FUZZ, START, check, profile_text
from upskill.cli import cli

ROLE = "ml-engineer"
COMMANDS = ("validate", "plan", "team", "batch")


def invoke(command: str, *inputs: Path | str, out: Path | None = None, extra: tuple[str, ...] = ()) -> Result:
    """Run one command on the inputs, in-process, and check the contract every command keeps."""
    args = [command, *map(str, inputs), *extra]
    if command == "plan":
        args += ["--start", START, "--format", "json"]
    elif command == "team":
        args += ["--start", START]
    elif command == "batch":
        args += ["--out", str(out), "--start", START, "--jobs", "1"]
    result = check(CliRunner().invoke(cli, args))
    assert "internal error" not in result.stderr, result.stderr
    return result


def run_all(
    path: Path, tmp_path: Path, commands: tuple[str, ...] = COMMANDS, extra: tuple[str, ...] = ()
) -> dict[str, Result]:
    return {c: invoke(c, path, out=tmp_path / "out", extra=extra) for c in commands}


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("upskill: error: ")]


def located(result: Result, path: Path, line: int, column: int | None = None) -> str:
    """The one error line of `result`, asserted to name `path:line[:column]`."""
    (error,) = errors(result)
    where = f"{path}:{line}" + (f":{column}:" if column is not None else ":")
    assert error.startswith(f"upskill: error: {where}"), error
    return error


# --- text that cannot be encoded: lone UTF-16 surrogates ------------------------------------------------

LONE = "\\ud800"  # as written in the file: a backslash escape of half a surrogate pair


@pytest.mark.slow
def test_a_lone_surrogate_in_a_json_profile_is_refused_by_every_command(tmp_path, write):
    path = write(tmp_path, "p.json", '{"employee": {"id": "E1' + LONE + '", "target_role": "' + ROLE + '"}}')
    for command, result in run_all(path, tmp_path).items():
        assert result.exit_code == 1, (command, result.stderr)
        assert f"{path}:1:24:" in result.stdout + result.stderr, (command, result.stderr)


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\uDC00", "\\ud83d\\u0041", "\\ude00\\ud83d"])
def test_every_lone_half_is_refused_in_keys_and_values(tmp_path, write, escape):
    path = write(
        tmp_path,
        "p.json",
        '{"employee": {"id": "E1", "target_role": "' + ROLE + '"},\n "skills": {"coach' + escape + 'ing": 2}}',
    )
    result = invoke("plan", path)
    assert result.exit_code == 1
    located(result, path, 2, 19)


@pytest.mark.parametrize("text", ['"\\ud83d\\ude00"', '"\\\\ud800"', '"\\\\\\\\ud800"'])
def test_a_surrogate_pair_or_an_escaped_backslash_is_fine(tmp_path, write, text):
    """A pair is one character (an emoji); `\\\\ud800` is a backslash and the letters 'ud800'."""
    path = write(tmp_path, "p.json", '{"employee": {"id": "E1", "name": ' + text + ', "target_role": "' + ROLE + '"}}')
    assert invoke("plan", path).exit_code == 0


@pytest.mark.parametrize(
    "name,text,line",
    [
        ("p.yaml", f'employee: {{id: E1, target_role: {ROLE}}}\nskills: {{coaching: "2{LONE}"}}\n', 2),
        ("p.yaml", f'employee: {{id: E1, target_role: {ROLE}}}\nskills: {{"x\\U0000DC00": 2}}\n', 2),
        ("p.toml", f'[employee]\nid = "E1{LONE}"\ntarget_role = "{ROLE}"\n', 2),
        ("p.toml", f'[employee]\nid = "E1\\U0000D800"\ntarget_role = "{ROLE}"\n', 2),
    ],
)
@pytest.mark.slow
def test_yaml_and_toml_refuse_surrogate_escapes(tmp_path, write, name, text, line):
    path = write(tmp_path, name, text)
    for result in run_all(path, tmp_path).values():
        assert result.exit_code == 1
    located(invoke("plan", path), path, line)


@pytest.mark.slow
def test_a_json_lines_record_with_a_lone_surrogate_fails_alone(tmp_path, write):
    good = '{"employee": {"id": "E1", "target_role": "' + ROLE + '"}}'
    bad = '{"employee": {"id": "E2' + LONE + '", "target_role": "' + ROLE + '"}}'
    path = write(tmp_path, "people.jsonl", f"{good}\n{bad}\n")
    result = invoke("batch", path, out=tmp_path / "out")
    assert result.exit_code == 1
    located(result, path, 2, 24)
    assert len(list((tmp_path / "out").glob("*.md"))) >= 2  # E1's plan and the index
    assert invoke("team", path).exit_code == 1


@pytest.mark.slow
def test_a_roster_cell_that_decodes_to_a_surrogate_is_refused(tmp_path, write):
    """UTF-8 never decodes to a surrogate, but --encoding utf-7 (or unicode_escape) can."""
    path = write(tmp_path, "r.csv", f"id,target_role\nE1,{ROLE}\nE2+2AA-,{ROLE}\n".encode())
    for command in ("team", "batch"):
        result = invoke(command, path, out=tmp_path / "out", extra=("--encoding", "utf-7"))
        assert result.exit_code == 1, result.stderr
        assert f"{path}:3" in result.stdout + result.stderr


@pytest.mark.slow
def test_a_catalog_with_a_lone_surrogate_is_refused(tmp_path, write):
    overlay = write(
        tmp_path, "overlay.json", '{"roles": [{"id": "r", "name": "R' + LONE + '",\n "requires": {"coaching": 2}}]}'
    )
    result = invoke("validate", overlay)
    assert result.exit_code == 1
    located(result, overlay, 1, 34)
    profile = write(tmp_path, "p.yaml", profile_text({"coaching": 1}, target_role="r"))
    result = invoke("plan", profile, extra=("--catalog", "default", "--catalog", str(overlay)))
    assert result.exit_code == 1 and f"{overlay}:1:34:" in result.stderr


# --- NaN and infinities ---------------------------------------------------------------------------------

NON_FINITE_PROFILES = [
    # (file name, text, line of the error): every number field, every format; some in places no field reads
    ("h.yaml", f"employee: {{id: E1, target_role: {ROLE}, hours_per_week: .nan}}\n", 1),
    ("h.yaml", f"employee: {{id: E1, target_role: {ROLE}, hours_per_week: -.inf}}\n", 1),
    ("h.yaml", f"employee: {{id: E1, target_role: {ROLE}, hours_per_week: nan}}\n", 1),
    ("h.yaml", f"employee: {{id: E1, target_role: {ROLE}, hours_per_week: 1.0e400}}\n", 1),
    ("h.yaml", f"employee: {{id: E1, target_role: {ROLE}}}\nskills: {{coaching: !!float .nan}}\n", 2),
    ("h.yaml", f"employee: {{id: E1, target_role: {ROLE}}}\nskills: {{coaching: {{level: 2, x: !!float .inf}}}}\n", 2),
    ("h.yaml", f"employee: {{id: E1, target_role: {ROLE}}}\nskills: {{not-a-skill: 1.5e999}}\n", 2),
    ("h.json", '{"employee": {"id": "E1", "target_role": "' + ROLE + '",\n"hours_per_week": NaN}}', 2),
    ("h.json", '{"employee": {"id": "E1", "target_role": "' + ROLE + '",\n"hours_per_week": Infinity}}', 2),
    ("h.json", '{"employee": {"id": "E1", "target_role": "' + ROLE + '"},\n"skills": {"coaching": -Infinity}}', 2),
    ("h.json", '{"employee": {"id": "E1", "target_role": "' + ROLE + '"},\n"targets": {"coaching": 1e400}}', 2),
    ("h.json", '{"employee": {"id": "E1", "target_role": "' + ROLE + '"},\n"ignored": [1, 2.5, -1E+999]}', 2),
    ("h.toml", f'[employee]\nid = "E1"\ntarget_role = "{ROLE}"\nhours_per_week = nan\n', 4),
    ("h.toml", f'[employee]\nid = "E1"\ntarget_role = "{ROLE}"\nhours_per_week = -inf\n', 4),
    ("h.toml", f'[employee]\nid = "E1"\ntarget_role = "{ROLE}"\n[skills]\ncoaching = +nan\n', 5),
    ("h.toml", f'[employee]\nid = "E1"\ntarget_role = "{ROLE}"\n[targets]\ncoaching = {{level = inf}}\n', 5),
    ("h.toml", f'[employee]\nid = "E1"\ntarget_role = "{ROLE}"\nx = [1.0, 1e400]\n', 4),
]


@pytest.mark.slow
@pytest.mark.parametrize("name,text,line", NON_FINITE_PROFILES)
def test_nan_and_infinity_in_a_profile_are_refused_and_located(tmp_path, write, name, text, line):
    path = write(tmp_path, name, text)
    for command, result in run_all(path, tmp_path).items():
        assert result.exit_code == 1, (command, result.stdout, result.stderr)
    error = located(invoke("plan", path), path, line)
    assert re.match(r"upskill: error: [^:]+:\d+:\d+: ", error), error  # a column too


@pytest.mark.slow
@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-Infinity", "1e400", "+inf"])
def test_nan_in_a_roster_cell_is_refused(tmp_path, write, cell):
    path = write(
        tmp_path,
        "r.csv",
        f"id,target_role,hours_per_week,coaching\nE1,{ROLE},{cell},2\nE2,{ROLE},3,{cell}\nE3,{ROLE},3,2\n",
    )
    result = invoke("batch", path, out=tmp_path / "out")
    assert result.exit_code == 1
    assert [e.split(": ")[2].split(":", 1)[1] for e in errors(result)] == ["2:3", "3:4"]
    assert "E3" in (tmp_path / "out" / "index.md").read_text(encoding="utf-8")


CATALOG_SKILL = """skills:
  - id: {id}
    name: Zeta
    demand: {{score: {score}}}
    resources:
      - {{title: t, kind: formal, hours: {hours}, from: 0, to: 5}}
roles:
  - id: zr
    name: Zeta role
    requires:
      {id}: {{level: 3, weight: {weight}}}
"""


@pytest.mark.parametrize(
    "field,value,line",
    [
        ("score", ".nan", 4),
        ("score", "!!float .nan", 4),
        ("hours", "1.0e400", 6),
        ("hours", "!!float -.inf", 6),
        ("weight", "!!float .inf", 11),
        ("weight", "nan", 11),
    ],
)
@pytest.mark.slow
def test_nan_in_a_yaml_catalog_is_refused(tmp_path, write, field, value, line):
    values = {"id": "zeta", "score": "0.5", "hours": "3", "weight": "1", field: value}
    overlay = write(tmp_path, "overlay.yaml", CATALOG_SKILL.format(**values))
    result = invoke("validate", overlay)
    assert result.exit_code == 1
    located(result, overlay, line)


@pytest.mark.parametrize(
    "name,text,line",
    [
        ("c.json", '{"priority_weights": {"gap": 1,\n "demand": NaN}}', 2),
        ("c.json", '{"defaults": {"hours_per_level": 1e999}}', 1),
        ("c.toml", "[priority_weights]\ngap = 1.0\nunlocks = inf\n", 3),
        ("c.toml", "[defaults]\nhours_per_week = nan\n", 2),
    ],
)
@pytest.mark.slow
def test_nan_in_json_and_toml_catalogs_is_refused(tmp_path, write, name, text, line):
    overlay = write(tmp_path, name, text)
    result = invoke("validate", overlay)
    assert result.exit_code == 1
    located(result, overlay, line)


# --- wide CSV headers and long cells --------------------------------------------------------------------


@pytest.mark.slow
def test_a_header_of_30000_columns_is_read(tmp_path, write):
    """Over 128 KB, the csv module's cell limit, when split by the wrong delimiter while sniffing."""
    header = ",".join(["id", "target_role", "coaching", *(f"extra column {i}" for i in range(30_000))])
    path = write(tmp_path, "wide.csv", f"{header}\nE1,{ROLE},2{',' * 30_000}\n")
    assert path.stat().st_size > 128 * 1024
    result = invoke("batch", path, out=tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()  # columns that name nothing stop the run
    assert len(result.stderr.splitlines()) < 30  # 20 errors and a count, not one per column
    assert "29,980 more columns" in result.stderr
    ignored = invoke("batch", path, out=tmp_path / "out", extra=("--ignore-unknown-columns",))
    assert ignored.exit_code == 0, ignored.stderr
    assert len(ignored.stderr.splitlines()) < 5 and "and 29,980 more" in ignored.stderr  # one warning lists them
    assert invoke("team", path, extra=("--ignore-unknown-columns",)).exit_code == 0


@pytest.mark.slow
def test_a_cell_over_the_limit_is_reported_in_upskills_words(tmp_path, write):
    path = write(tmp_path, "r.csv", f"id,name,target_role\nE1,A,{ROLE}\nE2,{'x' * 140_000},{ROLE}\n")
    result = invoke("batch", path, out=tmp_path / "out")
    assert result.exit_code == 1
    error = located(result, path, 3)
    assert "128 KB" in error and "field limit" not in error


# --- keys that are not text -----------------------------------------------------------------------------


def test_yaml_keys_that_python_would_merge_stay_distinct(tmp_path, write):
    path = write(
        tmp_path,
        "p.yaml",
        f"employee: {{id: E1, target_role: {ROLE}}}\nskills: {{1: 2, true: 3, 1.0: 1, ~: 2, coaching: 2}}\n",
    )
    result = invoke("plan", path)
    assert result.exit_code == 0, result.stderr
    assert "duplicate" not in result.stderr and "True" not in result.stderr and "None" not in result.stderr
    for key in ("'1'", "'true'", "'1.0'", "'~'"):
        assert f"{key} matches no skill" in result.stderr


def test_a_key_written_twice_is_still_a_duplicate_named_as_written(tmp_path, write):
    path = write(tmp_path, "p.yaml", f"employee: {{id: E1, target_role: {ROLE}}}\nskills: {{true: 2, true: 3}}\n")
    result = invoke("plan", path)
    assert result.exit_code == 1
    assert "duplicate key 'true'" in located(result, path, 2, 19)


@pytest.mark.slow
def test_a_catalog_key_that_is_not_text_is_named_as_written(tmp_path, write):
    overlay = write(tmp_path, "c.yaml", "roles:\n  - id: r\n    name: R\n    requires: {coaching: 2, false: 3}\n")
    result = invoke("validate", overlay, extra=("--catalog", "default"))
    assert result.exit_code == 1
    assert "unknown skill 'false'" in located(result, overlay, 4, 29)


# --- messages that mislead ------------------------------------------------------------------------------


@pytest.mark.parametrize("hours,shown", [("80.0000001", "80.0000001"), ("-0.0000001", "-1e-07")])
def test_hours_out_of_range_show_the_number_written(tmp_path, write, hours, shown):
    path = write(tmp_path, "p.yaml", f"employee: {{id: E1, target_role: {ROLE}, hours_per_week: {hours}}}\n")
    assert f"found {shown}" in located(invoke("plan", path), path, 1, 46)


@pytest.mark.slow
@pytest.mark.parametrize("hours", ["1e-9", "0.0001", "'1e-9'"])
def test_less_than_a_minute_a_week_is_located(tmp_path, write, hours):
    path = write(tmp_path, "p.yaml", f"employee: {{id: E1, target_role: {ROLE}, hours_per_week: {hours}}}\n")
    for result in run_all(path, tmp_path).values():
        assert result.exit_code == 1
    assert "less than a minute" in located(invoke("plan", path), path, 1, 46)


def test_less_than_a_minute_as_a_catalog_default_is_located(tmp_path, write):
    overlay = write(tmp_path, "c.yaml", "defaults:\n  hours_per_week: 0.0001\n")
    assert "less than a minute" in located(invoke("validate", overlay), overlay, 2, 3)


DIGITS = "9" * 5000


@pytest.mark.parametrize(
    "name,text,line,column",
    [
        (
            "p.json",
            '{"employee": {"id": "E1", "target_role": "' + ROLE + '",\n "hours_per_week": ' + DIGITS + "}}",
            2,
            20,
        ),
        ("p.yaml", f"employee: {{id: E1, target_role: {ROLE}}}\nskills: {{coaching: {DIGITS}}}\n", 2, 20),
        ("p.yaml", f"employee: {{id: E1, target_role: {ROLE}}}\nskills: {{coaching: '{DIGITS}'}}\n", 2, 10),
        ("p.toml", f'[employee]\nid = "E1"\ntarget_role = "{ROLE}"\nhours_per_week = {DIGITS}\n', 4, 18),
        ("p.toml", f'[employee]\nid = "E1"\ntarget_role = "{ROLE}"\n[skills]\ncoaching = [1, -{DIGITS}]\n', 5, 16),
    ],
)
@pytest.mark.slow
def test_a_5000_digit_number_is_located_in_upskills_words(tmp_path, write, name, text, line, column):
    path = write(tmp_path, name, text)
    for result in run_all(path, tmp_path).values():
        assert result.exit_code == 1
        assert "set_int_max_str_digits" not in result.stdout + result.stderr
    error = located(invoke("plan", path), path, line, column)
    assert len(error) < 300  # the number is not printed whole


@pytest.mark.slow
@pytest.mark.parametrize("cell", [DIGITS, "²", "3" + "0" * 5000])
def test_a_level_cell_that_is_no_level_is_an_error_not_a_crash(tmp_path, write, cell):
    path = write(tmp_path, "r.csv", f"id,target_role,coaching\nE1,{ROLE},{cell}\n")
    result = invoke("batch", path, out=tmp_path / "out")
    assert result.exit_code == 1
    error = located(result, path, 2, 3)
    assert "is not a level" in error and len(error) < 300


@pytest.mark.slow
def test_leading_zeros_still_name_a_level(tmp_path, write):
    path = write(tmp_path, "r.csv", f"id,target_role,coaching\nE1,{ROLE},{'0' * 5000}3\nE2,{ROLE},03.0\n")
    assert invoke("batch", path, out=tmp_path / "out").exit_code == 0


@pytest.mark.parametrize(
    "entry,line,column",
    [
        ("  - {id: zz-other, name: Coaching}\n", 1, 20),  # a name equal to another skill's id
        ("  - id: zz-other\n    name: Other\n    aliases: [Coaching]\n", 3, 5),
        ("  - {id: zz-a, name: Same}\n  - {id: zz-b, name: Same}\n", 2, 16),
    ],
)
@pytest.mark.slow
def test_a_catalog_name_clash_is_located_at_the_name(tmp_path, write, entry, line, column):
    overlay = write(tmp_path, "c.yaml", "skills:\n" + entry)
    result = invoke(
        "plan", write(tmp_path, "p.yaml", profile_text({})), extra=("--catalog", "default", "--catalog", str(overlay))
    )
    assert result.exit_code == 1
    lines = [e for e in errors(result) if "also belongs to" in e]
    assert lines and all(re.match(r"upskill: error: [^:]+:\d+:\d+: ", e) for e in lines), result.stderr
    assert any(e.startswith(f"upskill: error: {overlay}:{line + 1}:{column}:") for e in lines), result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("last", [f'"E2,{ROLE}', f'E2,"{ROLE}', f'"E2,{ROLE}\n', f'E2,"{ROLE},x\n\n'])
def test_an_unclosed_quote_on_the_last_row_says_so(tmp_path, write, last):
    path = write(tmp_path, "r.csv", f"id,target_role\nE1,{ROLE}\n{last}")
    result = invoke("batch", path, out=tmp_path / "out")
    assert result.exit_code == 1
    error = located(result, path, 3)
    assert "quote" in error and "missing 'target_role'" not in error and "unknown target role" not in error


@pytest.mark.slow
def test_a_quoted_cell_that_closes_on_the_last_line_is_fine(tmp_path, write):
    path = write(tmp_path, "r.csv", f'id,name,target_role\nE1,"Ana\nRuiz",{ROLE}\n')
    assert invoke("batch", path, out=tmp_path / "out").exit_code == 0


# --- level names that look like numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "scale", ["[none, '1', '3', x]", "[none, low, ' 2 ', high]", "[none, '3.0', top]", "[none, '1,5', top]"]
)
def test_level_names_that_look_like_numbers_are_refused(tmp_path, write, scale):
    overlay = write(tmp_path, "c.yaml", f"scale: {scale}\n")
    assert "looks like a number" in located(invoke("validate", overlay), overlay, 1, 1)


def test_level_names_with_digits_and_words_are_fine(tmp_path, write):
    overlay = write(tmp_path, "c.yaml", "scale: [none, level 1, 2nd, top-3, nan]\n")
    assert invoke("validate", overlay).exit_code == 0


# --- fuzzing: every command stays clean for generated inputs of each class ------------------------------

FEW = settings(FUZZ, max_examples=12)  # each example runs four commands: keep each test to a few seconds
STRING_SLOTS = ("id", "name", "target_role", "skill", "level")


def profile_with(fmt: str, slot: str, raw: str) -> str:
    """A profile in `fmt` with `raw` (already escaped for the format) placed inside the string at `slot`."""
    values = {"id": "E1", "name": "N", "target_role": ROLE, "skill": "coaching", "level": "2"}
    values[slot] = values[slot][:1] + raw + values[slot][1:]
    v = values
    if fmt == "json" or fmt == "jsonl":
        return (
            f'{{"employee": {{"id": "{v["id"]}", "name": "{v["name"]}", "target_role": "{v["target_role"]}"}},'
            f' "skills": {{"{v["skill"]}": "{v["level"]}"}}}}'
        )
    if fmt == "yaml":
        return (
            f'employee: {{id: "{v["id"]}", name: "{v["name"]}", target_role: "{v["target_role"]}"}}\n'
            f'skills: {{"{v["skill"]}": "{v["level"]}"}}\n'
        )
    return (
        f'[employee]\nid = "{v["id"]}"\nname = "{v["name"]}"\ntarget_role = "{v["target_role"]}"\n'
        f'[skills]\n"{v["skill"]}" = "{v["level"]}"\n'
    )


def run_everything(folder: Path, name: str, text: str | bytes, extra: tuple[str, ...] = ()) -> dict[str, Result]:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    commands = COMMANDS if path.suffix in (".yaml", ".json", ".toml") else ("team", "batch")
    return {command: invoke(command, path, out=folder / "out", extra=extra) for command in commands}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("adversarial")


@FEW
@given(
    fmt=st.sampled_from(["json", "jsonl", "yaml", "toml"]),
    slot=st.sampled_from(STRING_SLOTS),
    code=st.one_of(st.integers(0xD800, 0xDFFF), st.integers(0, 0x10FFFF)),
    upper=st.booleans(),
    pair=st.booleans(),
)
@pytest.mark.slow
def test_fuzz_surrogate_escapes(folder, fmt, slot, code, upper, pair):
    escape = f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    if pair and 0xD800 <= code <= 0xDBFF:
        escape += "\\udc00"
    if upper and code <= 0xFFFF:
        escape = escape.upper().replace("\\U", "\\u")
    results = run_everything(folder, f"s.{fmt}", profile_with(fmt, slot, escape))
    paired = pair and 0xD800 <= code <= 0xDBFF
    if 0xD800 <= code <= 0xDFFF and (fmt in ("yaml", "toml") or not paired):  # YAML and TOML allow no half
        assert all(r.exit_code == 1 for r in results.values()), {c: r.stderr for c, r in results.items()}


@FEW
@given(
    code=st.integers(0xD800, 0xDFFF),
    column=st.integers(0, 2),
    encoding=st.sampled_from(["unicode_escape", "raw_unicode_escape"]),
)
@pytest.mark.slow
def test_fuzz_surrogates_in_roster_cells(folder, code, column, encoding):
    cells = ["E1", ROLE, "2"]
    cells[column] += f"\\u{code:04x}"
    run_everything(
        folder, "s.csv", f"id,target_role,coaching\n{','.join(cells)}\n".encode("ascii"), extra=("--encoding", encoding)
    )


NON_FINITE = [
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "+.inf",
    "nan",
    "inf",
    "-inf",
    "+nan",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "1.0e400",
    "-1.5E+999",
    "!!float .nan",
    "!!float -.inf",
    "!!float nan",
]


def toml_text(sections: dict[str, dict[str, Any]]) -> str:
    """Tables of plain values and inline tables, enough for a profile."""

    def value(v: Any) -> str:
        if isinstance(v, dict):
            return "{" + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + "}"
        return json.dumps(v)

    return "".join(
        f"[{name}]\n" + "".join(f'"{k}" = {value(v)}\n' for k, v in table.items()) for name, table in sections.items()
    )


@FEW
@given(
    fmt=st.sampled_from(["yaml", "json", "toml"]),
    word=st.sampled_from(NON_FINITE),
    field=st.sampled_from(["hours_per_week", "level", "target", "assessment", "extra"]),
)
@pytest.mark.slow
def test_fuzz_non_finite_numbers_in_profiles(folder, fmt, word, field):
    here = "@X@"  # replaced by the word, unquoted, once the text is written
    sections: dict[str, dict[str, Any]] = {
        "employee": {"id": "E1", "target_role": ROLE},
        "skills": {"coaching": 2},
        "targets": {"prompt-engineering": 3},
    }
    if field in ("hours_per_week", "extra"):
        sections["employee"][field] = here
    elif field == "level":
        sections["skills"]["coaching"] = here
    elif field == "target":
        sections["targets"]["coaching"] = here
    else:
        sections["skills"]["coaching"] = {"level": here}
    text = toml_text(sections) if fmt == "toml" else json.dumps(sections)  # JSON is YAML's flow style too
    run_everything(folder, f"n.{fmt}", text.replace(f'"{here}"', word))


@pytest.mark.slow
@FEW
@given(word=st.sampled_from(NON_FINITE), field=st.sampled_from(["score", "hours", "weight", "level"]))
def test_fuzz_non_finite_numbers_in_catalogs(folder, word, field):
    values = {"id": "coaching", "score": "0.5", "hours": "3", "weight": "1", field: word}
    text = CATALOG_SKILL.format(**values)
    if field == "level":
        text = text.replace("level: 3", f"level: {word}")
    overlay = folder / "overlay.yaml"
    overlay.write_text(text, encoding="utf-8")
    profile = folder / "cp.yaml"
    profile.write_text(profile_text({"coaching": 1}, target_role="zr"), encoding="utf-8")
    for command in COMMANDS:
        result = invoke(command, profile, out=folder / "out", extra=("--catalog", "default", "--catalog", str(overlay)))
        if field != "level":  # a level word may be a name ('nan'); numbers never pass
            assert result.exit_code == 1, (command, result.stderr)


KEYS = [
    "1",
    "true",
    "True",
    "false",
    "1.0",
    "01",
    "~",
    "null",
    "''",
    "0x1",
    ".nan",
    "2.50",
    "-0",
    "0",
    "yes",
    "!!int 1",
    "!!bool true",
    "!!float 1",
    "coaching",
    "Coaching",
]


@FEW
@given(
    keys=st.lists(st.sampled_from(KEYS), min_size=1, max_size=5),
    where=st.sampled_from(["skills", "targets", "employee", "requires", "top"]),
)
@pytest.mark.slow
def test_fuzz_keys_that_are_not_text(folder, keys, where):
    mapping = "{" + ", ".join(f"{k}: {n % 5}" for n, k in enumerate(keys)) + "}"
    extra: tuple[str, ...] = ()
    if where == "requires":
        overlay = folder / "keys-overlay.yaml"
        overlay.write_text(f"roles:\n  - id: zr\n    name: Z\n    requires: {mapping}\n", encoding="utf-8")
        text = profile_text({"coaching": 1}, target_role="zr")
        extra = ("--catalog", "default", "--catalog", str(overlay))
    elif where == "employee":
        text = f"employee: {{id: E1, target_role: {ROLE}, " + mapping[1:] + "\n"
    elif where == "top":
        text = (
            f"employee: {{id: E1, target_role: {ROLE}}}\n" + "\n".join(f"{k}: {n}" for n, k in enumerate(keys)) + "\n"
        )
    else:
        text = f"employee: {{id: E1, target_role: {ROLE}}}\n{where}: {mapping}\n"
    path = folder / "k.yaml"
    path.write_text(text, encoding="utf-8")
    for command in COMMANDS:
        result = invoke(command, path, out=folder / "out", extra=extra)
        for key in re.findall(r"duplicate key '([^']*)'", result.stderr):  # named as written, never Python's repr
            # a quoted key ('') is named by its text, the others as written
            written = [k.removeprefix("!!int ").removeprefix("!!bool ").removeprefix("!!float ") for k in keys]
            assert key in written or f"'{key}'" in written


@settings(FUZZ, max_examples=8)
@given(
    width=st.sampled_from([1, 3, 200, 5_000, 30_000]),
    cell=st.sampled_from([1, 40, 140_000]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    quoted=st.booleans(),
)
@pytest.mark.slow
def test_fuzz_wide_headers_and_long_cells(folder, width, cell, delimiter, quoted):
    q = '"' if quoted else ""
    header = delimiter.join(["id", "target_role", *(f"{q}col {'x' * min(cell, 200)} {i}{q}" for i in range(width))])
    row = delimiter.join(["E1", ROLE, "x" * cell, *([""] * (width - 1))])
    run_everything(folder, "w.csv", f"{header}\n{row}\n")
