"""What the taxonomy tests share: the excerpts' folders, a runner for `catalog import`, and file edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.helpers import ROOT, check
from upskill.cli import cli
from upskill.load.catalog import load_catalog
from upskill.model import Catalog

DATA = ROOT / "tests" / "data" / "taxonomies"
ONET = DATA / "onet"
ESCO = DATA / "esco-v1.1.1"


def run_import(runner, taxonomy: str, *args: str):
    """`upskill catalog import TAXONOMY ARGS...`, checked against the no-traceback contract."""
    return check(runner.invoke(cli, ["catalog", "import", taxonomy, *args]))


def imported(runner, tmp_path: Path, taxonomy: str, *args: str) -> tuple[dict, Catalog]:
    """Import into a file; return its YAML data and the catalog it makes on top of the bundled one."""
    out = tmp_path / f"{taxonomy}.yaml"
    result = run_import(runner, taxonomy, *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(out.read_text(encoding="utf-8")), load_catalog(["default", out])


def copy_of(folder: Path, tmp_path: Path) -> Path:
    """A writable copy of an excerpt's folder, to break on purpose."""
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


def edit_line(path: Path, number: int, old: str, new: str) -> None:
    """Replace `old` with `new` in line `number` (1-based) of a CRLF file, bytes elsewhere unchanged."""
    lines = path.read_bytes().split(b"\r\n")
    assert old.encode() in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old.encode(), new.encode(), 1)
    path.write_bytes(b"\r\n".join(lines))
