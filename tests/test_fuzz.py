"""Fuzzing the command line in-process: whatever the bytes of a profile or a catalog, `upskill` exits
0, 1 or 2, raises nothing but SystemExit, and prints no traceback; on exit 1 every stderr line is a
problem line. Inputs are random bytes, random text, and mutations of the bundled examples and catalog.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import CATALOG_DIR, EXAMPLES, FUZZ, FUZZ_CATALOG, FUZZ_VALIDATE, START, check
from upskill.cli import cli

EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))]
SKILLS_TEXT = (CATALOG_DIR / "skills.yaml").read_text(encoding="utf-8")
ROLES_TEXT = (CATALOG_DIR / "roles.yaml").read_text(encoding="utf-8")

# Values a person (or a YAML 1.1 habit) might type where a level, number, date or name belongs.
SCALARS = [
    "no",
    "yes",
    "on",
    "off",
    "-1",
    "0",
    "1e309",
    "-1e309",
    "1.5",
    "[]",
    "{}",
    "~",
    "null",
    "''",
    '""',
    "!!python/object:os.system",
    "!!python/object/apply:os.system ['true']",
    "!!binary AAAA",
    "!!timestamp 0000-00-00",
    "!!bool maybe",
    "!!int x",
    "!!float",
    "!!set {a}",
    "&anchor x",
    "*nowhere",
    "99999999999999999999999999",
    "9" * 400,
    "9" * 5000,
    "0.0001",
    "2026-02-30",
    "0012",
    "10:0",
    ".nan",
    ".inf",
    "expertt",
    "EXPERT",
    "[1, [2, [3]]]",
    "{level: 9}",
    "{level: no}",
    "'\\x00'",
    "!!float .nan",
    "1.0e400",
    '"\\ud800"',
    '"\\udc00x"',
    "{1: 2, true: 3}",  # tests/test_readers_adversarial.py
    '"\\e[31m"',
    "|\n  multi\n  line",
    "- a",
    "? x",
    "%TAG",
    "@",
    "`",
]
INSERTS = st.sampled_from(
    [
        "\x00",
        "\t",
        "\r",
        "\n",
        ":",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "&a ",
        "*a",
        "!",
        "#",
        "'",
        '"',
        "%",
        "\ufeff",
        "\u2028",
        "\x85",
        "é",
        "\U0001f600",
        "---\n",
        "...\n",
        "<<: ",
    ]
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def run_plan(path, *extra):
    return check(CliRunner().invoke(cli, ["plan", str(path), "--start", START, "--format", "json", *extra]))


# --- mutations -----------------------------------------------------------------------------------------


@st.composite
def mutated(draw, text: str, max_mutations: int = 4) -> str:
    """`text` with a few lines deleted, duplicated, swapped, spliced with characters or given new values."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=max_mutations))):
        if not lines:
            lines = [""]
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "value", "value", "value"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "insert":
            at = draw(st.integers(min_value=0, max_value=len(lines[i])))
            chunk = draw(st.one_of(INSERTS, st.text(max_size=3)))
            lines[i] = lines[i][:at] + chunk + lines[i][at:]
        else:
            key, sep, _ = lines[i].partition(": ")
            if not sep:
                key, sep = lines[i].rstrip(":"), ": "
            lines[i] = key + sep + draw(st.sampled_from(SCALARS))
    return "\n".join(lines)


# --- profiles ---------------------------------------------------------------------------------------------


@pytest.mark.slow
@FUZZ
@given(raw=st.binary(max_size=600), suffix=st.sampled_from([".yaml", ".json", ".toml", ".txt"]))
def test_random_bytes_as_a_profile(folder, raw, suffix):
    path = folder / f"bytes{suffix}"
    path.write_bytes(raw)
    run_plan(path)


@FUZZ
@given(
    text=st.text(alphabet=st.sampled_from(list("employeskiltargrol_:{}[]-,'\"#&*!|>? \n\t0123456789.")), max_size=300),
    suffix=st.sampled_from([".yaml", ".json", ".toml"]),
)
@pytest.mark.slow
def test_yaml_looking_text_as_a_profile(folder, text, suffix):
    path = folder / f"text{suffix}"
    path.write_text(text, encoding="utf-8")
    run_plan(path)


@pytest.mark.slow
@FUZZ
@given(data=st.data(), fmt=st.sampled_from(["json", "markdown", "table"]))
def test_mutated_example_profiles(folder, data, fmt):
    text = data.draw(mutated(data.draw(st.sampled_from(EXAMPLE_TEXTS))), label="profile")
    path = folder / "mutated.yaml"
    path.write_text(text, encoding="utf-8")
    result = check(CliRunner().invoke(cli, ["plan", str(path), "--start", START, "--format", fmt]))
    if result.exit_code == 0 and fmt == "json":
        assert json.loads(result.stdout)["schema"]


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_mutated_profiles_on_stdin(data):
    text = data.draw(mutated(data.draw(st.sampled_from(EXAMPLE_TEXTS))), label="profile")
    check(CliRunner().invoke(cli, ["plan", "-", "--start", START, "--format", "json"], input=text.encode("utf-8")))


@pytest.mark.slow
@FUZZ_VALIDATE
@given(data=st.data())
def test_mutated_profiles_through_validate(folder, data):
    texts = [
        data.draw(mutated(t, 2)) for t in data.draw(st.lists(st.sampled_from(EXAMPLE_TEXTS), min_size=1, max_size=3))
    ]
    paths = []
    for n, text in enumerate(texts):
        paths.append(folder / f"v{n}.yaml")
        paths[-1].write_text(text, encoding="utf-8")
    result = check(CliRunner().invoke(cli, ["validate", *map(str, paths)]))
    assert result.exit_code in (0, 1)


@FUZZ
@given(
    hours=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()).map(str),
    start=st.dates().map(str),
    top=st.integers(min_value=-3, max_value=50).map(str),
    weight=st.text(max_size=12),
)
@pytest.mark.slow
def test_random_command_line_values(hours, start, top, weight):
    args = [
        "plan",
        str(EXAMPLES / "ana-ruiz.yaml"),
        "--format",
        "json",
        "--hours-per-week",
        hours,
        "--start",
        start,
        "--top",
        top,
        "--weight",
        weight,
    ]
    check(CliRunner().invoke(cli, args))


# --- catalogs --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("catalog")
    for name in ("roles.yaml", "skills.yaml", "sources.yaml"):
        shutil.copy(CATALOG_DIR / name, folder / name)
    return folder


@pytest.mark.slow
@FUZZ_CATALOG
@given(data=st.data())
def test_mutated_catalog(catalog_folder, data):
    name, original = data.draw(
        st.sampled_from([("skills.yaml", SKILLS_TEXT), ("skills.yaml", SKILLS_TEXT), ("roles.yaml", ROLES_TEXT)])
    )
    (catalog_folder / name).write_text(data.draw(mutated(original, 6), label=name), encoding="utf-8")
    try:
        command = data.draw(
            st.sampled_from(
                [
                    ["plan", str(EXAMPLES / "yusuf-demir.yaml"), "--start", START, "--format", "json"],
                    ["plan", str(EXAMPLES / "sofia-lindqvist.yaml"), "--start", START, "--format", "markdown"],
                    ["catalog", "list"],
                    ["catalog", "roles"],
                    ["catalog", "show", "deep learning"],
                ]
            )
        )
        check(CliRunner().invoke(cli, [*command, "--catalog", str(catalog_folder)]))
    finally:
        (catalog_folder / name).write_text(original, encoding="utf-8")


@pytest.mark.slow
@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes_as_a_catalog(folder, raw):
    path = folder / "overlay.yaml"
    path.write_bytes(raw)
    check(CliRunner().invoke(cli, ["catalog", "list", "--catalog", str(path)]))


def test_mutation_strategy_really_changes_things():
    """Guard against a fuzzer that silently tests nothing: mutations produce other texts and errors."""
    from hypothesis import find

    changed = find(mutated(EXAMPLE_TEXTS[0]), lambda t: t != EXAMPLE_TEXTS[0])
    assert changed != EXAMPLE_TEXTS[0]


@pytest.mark.slow
def test_known_nasty_profiles(folder):
    """Hand-picked inputs that once crashed or could crash; each must fail cleanly."""
    nasty = {
        "deep.yaml": "employee: " + "[" * 60_000 + "]" * 60_000 + "\n",
        "bool.yaml": "employee: {id: E1, target_role: !!bool maybe}\n",
        "bigint.json": '{"employee": {"id": "E1", "hours_per_week": ' + "9" * 5000 + "}}",
        "bigint.toml": "[employee]\nhours_per_week = " + "9" * 5000 + "\n",
        "hours.yaml": "employee: {id: E1, target_role: ml-engineer, hours_per_week: " + "9" * 400 + "}\n",
        "tiny.yaml": "employee: {id: E1, target_role: ml-engineer, hours_per_week: 0.001}\n",
        "over.yaml": "employee: {id: E1, target_role: ml-engineer, hours_per_week: 81}\n",
        "ctrl.yaml": "employee: {id: E1, target_role: ml-engineer}\nskills: {coaching: \x07}\n",
        "keys.yaml": "employee: {id: E1, target_role: ml-engineer}\nskills: {~: 1, 1: 2, 2.5: 3, [a]: 4}\n",
        "set.yaml": "employee: {id: E1, target_role: ml-engineer}\nskills: {coaching: !!set {a}}\n",
    }
    for name, text in nasty.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        result = run_plan(path)
        assert result.exit_code == 1, (name, result.stdout, result.stderr)


def test_far_future_start_is_an_error_not_a_crash():
    args = ["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--start", "9999-12-20", "--deadline", "9999-12-31"]
    result = check(CliRunner().invoke(cli, args))
    assert result.exit_code == 1
    assert "9999-12-31" in result.stderr


@pytest.mark.slow
def test_absurd_catalog_hours_are_an_error_not_a_crash(tmp_path):
    overlay = Path(tmp_path / "huge.yaml")
    overlay.write_text(
        "skills:\n  - id: prompt-engineering\n    name: P\n    resources:\n"
        "      - {title: t, kind: formal, hours: 1e300, from: 0, to: 5}\n",
        encoding="utf-8",
    )
    result = check(
        CliRunner().invoke(
            cli,
            [
                "plan",
                str(EXAMPLES / "ana-ruiz.yaml"),
                "--start",
                START,
                "--catalog",
                "default",
                "--catalog",
                str(overlay),
            ],
        )
    )
    assert result.exit_code == 1
