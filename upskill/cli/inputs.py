"""The files a command reads, named for `refuse_overwrite` (upskill/write/clash.py) before it writes.

Folders and globs are expanded as their readers expand them, so `-o` onto one profile of a
folder, or onto a catalog file inside a catalog folder, is caught as well.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator

from upskill.errors import UpskillError


def settings_inputs() -> list[tuple[str, str]]:
    """The settings file the run took its defaults from (upskill.toml or pyproject.toml), if any."""
    from upskill.cli.edge import run_state

    config = run_state().get("settings")
    return [(str(config.path), "the settings file")] if config is not None else []


def catalog_inputs(catalogs: tuple[str, ...], what: str = "the catalog") -> list[tuple[str, str]]:
    """The catalog files that --catalog names (the bundled one by default)."""
    from upskill.load.catalog import catalog_files

    try:
        return [(path, what) for path in catalog_files(catalogs)]
    except UpskillError:  # a missing catalog: loading it says so, with the usual message
        return [(spec, what) for spec in catalogs]


def employee_inputs(specs: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """The files that profiles, rosters, folders of profiles and globs name (as `load/rosters/inputs.py` reads them)."""
    from upskill.load.rosters.inputs import PROFILE_SUFFIXES

    for spec in specs:
        if spec == "-":
            continue
        matches = [spec] if os.path.exists(spec) else sorted(glob.iglob(spec, recursive=True))
        for match in matches:
            if not os.path.isdir(match):
                yield match, "the profile" if os.path.splitext(match)[1].lower() in PROFILE_SUFFIXES else "the roster"
                continue
            try:
                names = sorted(os.listdir(match))
            except OSError:
                continue
            for name in names:
                if os.path.splitext(name)[1].lower() in PROFILE_SUFFIXES:
                    yield os.path.join(match, name), "the profile"
