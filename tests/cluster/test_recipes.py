"""docs/cluster.md's Dask and Spark recipes, run as written on a generated roster (`make test-cluster`).

The code is read from the doc's own blocks, so a recipe that stops working fails here, not at a
customer's: the Dask one once lacked the `if __name__ == "__main__":` guard its spawned workers
need. Only the storage paths are swapped for local folders. Without the `cluster` extra (dask,
pyspark) or Java these tests skip with the reason; `make test` runs them that way.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = [pytest.mark.cluster, pytest.mark.slow]

DOC = ROOT / "docs" / "cluster.md"
PEOPLE = 24  # and one broken line, which the recipes leave out of the plans
NEEDS_EXTRA = "needs the cluster extra (dask, pyspark): run `make test-cluster`"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def _recipe(engine: str) -> str:
    found = [block for block in _blocks() if engine in block]
    assert len(found) == 1, f"docs/cluster.md has no single {engine} recipe"
    return found[0]


def _roster(folder: Path) -> int:
    """Two partitions of one-profile-per-line JSON; returns how many lines are well-formed profiles."""
    folder.mkdir()
    lines = []
    for n in range(PEOPLE):
        profile = {
            "employee": {"id": f"E{n:04d}", "name": f"Person {n}", "target_role": "ai-content-strategist"},
            "skills": {"prompt-engineering": n % 3, "copywriting": 2, "communication": 3},
        }
        lines.append(json.dumps(profile))
    lines.insert(PEOPLE // 2, '{"employee": {"id": "BROKEN"}}')  # no target role: exit 1 for this one
    half = len(lines) // 2
    (folder / "part-0.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (folder / "part-1.jsonl").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    return PEOPLE


def _env() -> dict[str, str]:
    """`upskill` on PATH, as on an executor where it is installed."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def _plans(folder: Path) -> list[dict[str, object]]:
    lines = [line for path in sorted(folder.glob("part-*")) for line in path.read_text(encoding="utf-8").splitlines()]
    return [json.loads(line) for line in lines if line.strip()]


def test_dask_recipe_plans_every_good_profile(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag", reason=NEEDS_EXTRA)
    people = _roster(tmp_path / "profiles")
    script = tmp_path / "recipe.py"
    script.write_text(_recipe("dask"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-2000:]
    plans = sorted(_plans_in(tmp_path / "plans"), key=lambda p: str(p["employee"]))
    assert len(plans) == people
    assert {p["schema"] for p in plans} == {"upskill.plan/3"}


def _plans_in(folder: Path) -> list[dict[str, object]]:
    lines = [line for path in sorted(folder.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
    return [json.loads(line) for line in lines if line.strip()]


def test_spark_recipe_plans_every_good_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark", reason=NEEDS_EXTRA)
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java: install a JDK (17 or later) so that `java -version` works")
    from pyspark.sql import SparkSession

    people = _roster(tmp_path / "profiles")
    code = _recipe("spark").replace("s3://hr/profiles/*.jsonl", str(tmp_path / "profiles" / "*.jsonl"))
    code = code.replace("s3://hr/plans", str(tmp_path / "plans"))
    monkeypatch.setenv("PATH", _env()["PATH"])  # the recipe passes the driver's PATH to its pipes
    spark = SparkSession.builder.master("local[2]").appName("upskill-recipe").getOrCreate()
    try:
        exec(compile(code, str(DOC), "exec"), {"spark": spark, "__name__": "recipe"})
    finally:
        spark.stop()
    plans = _plans(tmp_path / "plans")
    assert len(plans) == people
    assert {p["schema"] for p in plans} == {"upskill.plan/3"}
    assert "1 employees failed" in capsys.readouterr().out
