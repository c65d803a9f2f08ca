"""The JSON Schemas ship inside the wheel, so an installed upskill (and an editor) finds them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.helpers import ROOT
from upskill.cli.schema import NAMES

SHIPPED = ("upskill", "catalog", "templates", "setup.cfg", "pyproject.toml", "README.md")


@pytest.mark.slow
def test_the_wheel_holds_every_schema(tmp_path):
    source = tmp_path / "src"
    for name in SHIPPED:
        item = ROOT / name
        if item.is_dir():
            shutil.copytree(item, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(source)],
        check=True,
        cwd=tmp_path,
    )
    wheel = next((tmp_path / "dist").glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in NAMES if f"upskill/schemas/{name}.schema.json" not in names]
    assert not missing, f"the wheel lacks the schemas {missing}"
