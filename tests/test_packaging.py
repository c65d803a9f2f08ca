"""The installed package works away from the repository: catalog and templates ship inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("upskill", "catalog", "templates", "setup.cfg", "pyproject.toml", "README.md")
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel` builds from a copy of what ships, built once for every test that reads it."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "src"
    for name in SHIPPED:
        item = ROOT / name
        if item.is_dir():
            shutil.copytree(item, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, source / name)
    subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(folder / "dist"), str(source)],
        check=True,
        cwd=folder,
    )
    return next((folder / "dist").glob("upskill_planner-*.whl"))


@pytest.mark.slow
def test_wheel_runs_from_another_directory(tmp_path, wheel):
    site = tmp_path / "site"
    subprocess.run([*PIP, "install", "--no-deps", "--target", str(site), str(wheel)], check=True, cwd=tmp_path)
    assert (site / "bin" / "upskill").exists(), "the wheel must install the `upskill` console script"
    (metadata,) = site.glob("upskill_planner-*.dist-info/METADATA")  # the distribution's name, not PyPI's `upskill`
    assert "\nName: upskill-planner\n" in metadata.read_text(encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy2(ROOT / "examples" / "ana-ruiz.yaml", elsewhere / "profile.yaml")
    env = {**os.environ, "PYTHONPATH": str(site), "UPSKILL_NO_CACHE": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "upskill", *args], cwd=elsewhere, env=env, capture_output=True, text=True
        )

    where = subprocess.run(
        [sys.executable, "-c", "import upskill; print(upskill.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(site)), f"imported the checkout, not the wheel: {where}"
    plan = run("plan", "profile.yaml", "--format", "markdown", "--start", "2026-11-23")
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.startswith("# Learning plan: Ana Ruiz (E1042)")
    assert "- [ ] " in plan.stdout
    listing = run("catalog", "list")
    assert listing.returncode == 0 and "prompt-engineering" in listing.stdout


@pytest.mark.slow
def test_the_wheel_holds_every_schema(wheel):
    """The JSON Schemas ship inside the wheel, so an installed upskill (and an editor) finds them."""
    from upskill.cli.schema import NAMES

    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in NAMES if f"upskill/schemas/{name}.schema.json" not in names]
    assert not missing, f"the wheel lacks the schemas {missing}"
