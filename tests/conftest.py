"""Shared fixtures: the default catalog, a CLI runner, and helpers that write input files.

Every test runs with its own catalog cache folder (XDG_CACHE_HOME points into a temporary
folder), so the suite never reads or writes the user's ~/.cache/upskill.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from upskill.load.catalog import load_catalog
from upskill.model import Catalog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CATALOG_DIR = ROOT / "catalog"
START = "2026-11-23"  # a Monday: every test that looks at dates starts here


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the per-user catalog cache inside the test session's temporary folder."""
    saved = {k: os.environ.get(k) for k in ("XDG_CACHE_HOME", "UPSKILL_NO_CACHE", "NO_COLOR", "FORCE_COLOR")}
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    for key in ("UPSKILL_NO_CACHE", "NO_COLOR", "FORCE_COLOR"):
        os.environ.pop(key, None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled catalog, loaded once per session."""
    return load_catalog(["default"])


@pytest.fixture
def runner() -> CliRunner:
    """Click 8.2+ keeps stderr apart from stdout: use result.stdout and result.stderr."""
    return CliRunner()


def changed(record: Any, **changes: Any) -> Any:
    """A copy of a model record with some fields changed: `_replace` for the NamedTuples of
    upskill.model, `dataclasses.replace` should a record be a dataclass."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.replace(record, **changes)
    return record._replace(**changes)


def write_file(folder: Path, name: str, text: str | bytes) -> Path:
    """Write `text` (or bytes) to `folder/name` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def profile_text(
    skills: Mapping[str, Any] | None = None,
    *,
    target_role: str | None = "ai-content-strategist",
    employee_id: str = "E1",
    name: str = "Test Person",
    hours_per_week: float | None = None,
    deadline: str | None = None,
    targets: Mapping[str, Any] | None = None,
    **employee: Any,
) -> str:
    """A profile as YAML text. Level values are written as given (numbers or level names)."""
    emp: dict[str, Any] = {"id": employee_id, "name": name}
    if target_role is not None:
        emp["target_role"] = target_role
    if hours_per_week is not None:
        emp["hours_per_week"] = hours_per_week
    if deadline is not None:
        emp["deadline"] = deadline
    emp.update(employee)
    data: dict[str, Any] = {"employee": emp}
    if skills is not None:
        data["skills"] = dict(skills)
    if targets is not None:
        data["targets"] = dict(targets)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="session")
def write() -> Callable[[Path, str, str | bytes], Path]:
    """`write(tmp_path, name, text)`: create a file and return its path."""
    return write_file


@pytest.fixture(scope="session")
def make_profile() -> Callable[..., str]:
    """`make_profile(skills, target_role=..., hours_per_week=..., deadline=..., targets=...)`: YAML text."""
    return profile_text


# A small catalog whose numbers are easy to compute by hand (tests/test_gaps.py, test_schedule.py).
#   top needs mid at 3, mid needs base at 2; side and extra stand alone.
TINY = """\
sources:
  - {id: s1, publisher: Pub, title: Study, date: 2025-01-01}
skills:
  - id: base
    name: Base
    demand: {score: 0.5, source: s1}
    resources:
      - {title: Base book, kind: formal, hours: 6, from: 0, to: 3}
      - {title: Base circle, kind: social, hours: 4, from: 0, to: 3}
      - {title: Base project, kind: experience, hours: 20, from: 2, to: 5}
  - id: mid
    name: Mid
    demand: {score: 0.8, source: s1}
    prerequisites: [{skill: base, level: 2}]
    resources:
      - {title: Mid course, kind: formal, hours: 10, from: 0, to: 4}
  - id: top
    name: Top
    demand: {score: 1.0, trend: rising, source: s1, figure: "Top is hot."}
    prerequisites: [{skill: mid, level: 3}]
    resources:
      - {title: Top intro, kind: formal, hours: 5, from: 0, to: 2}
  - id: side
    name: Side
    resources:
      - {title: Side chat, kind: social, hours: 3, from: 0, to: 5}
  - id: extra
    name: Extra
    demand: {score: 0.2, source: s1}
    resources:
      - {title: Extra video, kind: formal, hours: 2, from: 0, to: 5}
roles:
  - id: r
    name: Role R
    requires:
      top: {level: 4, weight: 2}
      side: 2
      extra: {level: 1, weight: 0.5}
"""


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The TINY catalog above, on its own (not on top of the bundled one)."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return load_catalog([path])
