"""Shared fixtures: the default catalog, a CLI runner, and helpers that write input files.

Every test runs with its own catalog cache folder (XDG_CACHE_HOME points into a temporary
folder), so the suite never reads or writes the user's ~/.cache/upskill.

Hypothesis draws the same examples on every run (`derandomize`), so `make test` gives the same
result on every machine and a red run is never luck; `HYPOTHESIS_PROFILE=explore make test-fast`
draws fresh ones to look for new failures (a case found that way becomes a plain test).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from tests.helpers import TINY, profile_text, write_file
from upskill.load.catalog import load_catalog
from upskill.model import Catalog

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


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


@pytest.fixture(scope="session")
def write() -> Callable[[Path, str, str | bytes], Path]:
    """`write(tmp_path, name, text)`: create a file and return its path."""
    return write_file


@pytest.fixture(scope="session")
def make_profile() -> Callable[..., str]:
    """`make_profile(skills, target_role=..., hours_per_week=..., deadline=..., targets=...)`: YAML text."""
    return profile_text


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The TINY catalog above, on its own (not on top of the bundled one)."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return load_catalog([path])
