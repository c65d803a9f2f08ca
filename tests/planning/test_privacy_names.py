"""`--anonymize` writes no part of anyone's name: not the full name, not a first or last name.

The advice of a late plan speaks to its employee ("Communication is Ana's own skill"), so a plan
built from the real record carried first names into every format even with pseudonyms on the
files. The roster here has names an attacker would grep for, chosen to be findable: common words
("Lonely", "Sunny"), names in other scripts, accents, a comma-separated "Last, First" and a
one-word name, plus managers' names in an HR column. Every file each format of `batch` and `team`
writes, and stdout and stderr, is searched for every part of every name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import ROOT, START
from upskill.cli import cli

KEY = "test-key"  # a set key: the same pseudonyms in every run
ROSTER_LINES = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8").splitlines()
NAMES = (
    "Lonely Quibble",
    "Zoë Ångström",
    "Þórdís Ødegård",
    "Sunny Rustbucket",
    "Xiong, Wěnjié",
    "Müller-Lüdenscheidt, Jürgen",
    "Άννα Παπαδοπούλου",
    "Олег Кузнецов",
    "李小龍",
    "Marvelous",
    "Ngozi Adébáyọ̀",
    "Søren Kierkegaardsen",
)
MANAGERS = ("Quentin Blatherwick", "Ysolde Fenwright")


def name_parts(name: str) -> set[str]:
    """The full name and each part a reader might know someone by: first, last, either half of a double name."""
    return {name, *(p for p in re.split(r"[\s,\-]+", name) if p)}


def _cells(line: str) -> list[str]:
    """A roster line's cells (the example's only quoted cell is a name)."""
    if '"' in line:
        head, quoted, tail = line.split('"')
        return [*head.rstrip(",").split(","), quoted, *tail.lstrip(",").split(",")]
    return line.split(",")


def roster_text() -> str:
    """The example roster with these names, a manager column, and deadlines early enough that every plan
    is late enough for advice (outside help, pairing, a manager's skill) to speak to its employee."""
    lines = [ROSTER_LINES[0] + ",manager"]
    for i, line in enumerate(ROSTER_LINES[1:13]):
        cells = _cells(line)
        cells[1] = NAMES[i]
        cells[4] = "1"
        cells[5] = "2027-01-15"
        lines.append(",".join(f'"{c}"' if "," in c else c for c in cells) + f",{MANAGERS[i % 2]}")
    return "\n".join(lines) + "\n"


def _parts() -> set[str]:
    out: set[str] = set()
    for name in (*NAMES, *MANAGERS):
        out |= name_parts(name)
    return out


def assert_no_name(where: str, text: str) -> None:
    folded = text.casefold()
    found = sorted(p for p in _parts() if p.casefold() in folded)
    assert not found, (where, found)


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "hr.csv"
    path.write_text(roster_text(), encoding="utf-8")
    return path


def run(runner, *args: str):
    result = runner.invoke(cli, [*args, "--start", START, "--jobs", "1"], env={"UPSKILL_ANONYMIZE_KEY": KEY})
    assert "Traceback" not in result.stderr, result.stderr
    assert_no_name(f"stdout of {args}", result.stdout)
    assert_no_name(f"stderr of {args}", result.stderr)
    return result


def assert_folder_names_nobody(folder: Path) -> list[Path]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    for path in files:
        assert_no_name(path.name, path.name)
        assert_no_name(str(path), path.read_text(encoding="utf-8"))
    return files


def test_the_roster_is_what_the_test_needs(runner, roster):
    """Without --anonymize, the plans hold the names (first names in the advice): the search below would find them."""
    result = runner.invoke(
        cli, ["batch", str(roster), "--out", "-", "--format", "jsonl", "--start", START, "--jobs", "1"]
    )
    assert result.exit_code == 0, result.stderr
    assert "Pair Lonely with" in result.stdout and "Zoë" in result.stdout and "Rustbucket" in result.stdout
    assert "Quentin" not in result.stdout  # managers' names are only in the team report's groups


@pytest.mark.slow
def test_batch_anonymize_names_nobody_in_any_format(runner, roster, tmp_path):
    out = tmp_path / "out"
    formats = ("--format", "markdown", "--format", "json", "--format", "html")
    result = run(runner, "batch", str(roster), "--out", str(out), "--anonymize", "--min-group", "1", *formats)
    assert result.exit_code == 0, result.stderr
    files = assert_folder_names_nobody(out)
    assert len([p for p in files if p.suffix == ".md" and p.name.startswith("anon-")]) == 12
    # The advice is there, speaking to the pseudonym
    assert any("'s own skill" in p.read_text(encoding="utf-8") for p in files if p.suffix == ".md")
    result = run(runner, "batch", str(roster), "--out", "-", "--format", "jsonl", "--anonymize")
    assert result.exit_code == 0 and result.stdout.count("\n") == 12
    template = str(ROOT / "examples" / "templates" / "one-on-one.md.j2")
    result = run(runner, "batch", str(roster), "--out", str(tmp_path / "notes"), "--template", template, "--anonymize")
    assert result.exit_code == 0, result.stderr
    assert len(assert_folder_names_nobody(tmp_path / "notes")) > 12


@pytest.mark.slow
@pytest.mark.parametrize("group_by", [(), ("--group-by", "manager"), ("--group-by", "department")])
def test_team_anonymize_names_nobody_in_any_format(runner, roster, tmp_path, group_by):
    outputs = [("--format", fmt) for fmt in ("markdown", "html", "json", "table")]
    outputs += [("--format", "csv", "--csv-table", table) for table in ("skills", "gaps", "heatmap")]
    outputs.append(("--template", str(ROOT / "examples" / "templates" / "team-brief.md.j2")))
    for min_group in ("1", "5"):
        for output in outputs:
            result = run(runner, "team", str(roster), "--anonymize", "--min-group", min_group, *group_by, *output)
            assert result.exit_code == 0 and result.stdout, result.stderr
        result = run(
            runner, "team", str(roster), "--anonymize", "--min-group", min_group, "-o", str(tmp_path / "t.html")
        )
        assert_no_name("t.html", (tmp_path / "t.html").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_profile_file_named_after_its_person_is_not_named_in_the_index(runner, tmp_path):
    """Profiles are often named after people (examples/ana-ruiz.yaml): one that fails is listed in the
    index by file, and an anonymized index would have named its person."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    sources = sorted((ROOT / "examples").glob("*.yaml"))
    assert {"ana-ruiz.yaml", "kwame-mensah.yaml"} <= {s.name for s in sources}  # the names checked below
    for source in sources:
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "lonely-quibble.yaml").write_text("employee: {id: E9, name: x}\nskills: [\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(folder), "--out", str(out), "--anonymize", "--format", "markdown", "--format", "html"]
    result = runner.invoke(cli, [*args, "--start", START, "--jobs", "1"], env={"UPSKILL_ANONYMIZE_KEY": KEY})
    assert result.exit_code == 1 and "lonely-quibble.yaml" in result.stderr  # the one running it is told
    for name in ("index.md", "index.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "Not planned (1)" in text and "the run's messages name them" in text
        for part in ("lonely", "quibble", "ana-ruiz", "kwame"):
            assert part not in text.casefold(), (name, part)
