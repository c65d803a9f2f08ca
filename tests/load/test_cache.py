"""The per-user catalog cache: a hit gives the same catalog, and any change to the catalog files or
to the code that parses them is a miss, so a stale catalog is never served."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import TINY
from upskill.load import cache, catalog
from upskill.load.catalog import load_catalog


def test_a_second_load_comes_from_the_cache_and_equals_the_first(tmp_path, monkeypatch):
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    first = load_catalog([path])

    def no_parsing(*args):
        raise AssertionError("parsed again: the cache missed")

    monkeypatch.setattr(catalog, "_parse", no_parsing)
    assert load_catalog([path]) == first


def test_an_edited_catalog_is_parsed_again(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    load_catalog([path])
    path.write_text(TINY.replace("name: Base\n", "name: Base renamed\n"), encoding="utf-8")
    assert load_catalog([path]).skills["base"].name == "Base renamed"


def parsing_modules() -> list[str]:
    """The package's modules that loading a catalog imports: the code a cached catalog was built by."""
    code = (
        "import sys, upskill.load.catalog as c; c.load_catalog(['default'])\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('upskill')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"UPSKILL_NO_CACHE": "1", "PATH": ""},
    ).stdout
    return sorted(out.split())


@pytest.mark.slow
def test_the_key_covers_every_module_that_parses_catalogs():
    covered = {str(p) for p in cache.code_files()}
    modules = parsing_modules()
    assert any(m.endswith("fields.py") for m in modules)  # the subprocess really loaded the parser
    assert set(modules) <= covered


@pytest.mark.slow
@pytest.mark.parametrize("index", range(4))
def test_a_change_in_any_parsing_module_changes_the_key(tmp_path, monkeypatch, index):
    """A copy of the package: edit one parsing module (a different one per case) and the key moves."""
    package = Path(cache.__file__).resolve().parent.parent
    copy = tmp_path / "upskill"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    catalog_file = tmp_path / "tiny.yaml"
    catalog_file.write_text(TINY, encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", copy)
    cache.code_files.cache_clear()
    try:
        before = cache.fingerprint([str(catalog_file)])
        modules = parsing_modules()
        target = copy / Path(modules[index * len(modules) // 4]).relative_to(package)
        target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert cache.fingerprint([str(catalog_file)]) != before, target
    finally:
        cache.code_files.cache_clear()
