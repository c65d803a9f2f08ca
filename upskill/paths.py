"""Where the bundled catalog and templates live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the bundled `catalog` or `templates` folder.

    The folders sit at the top of the repository; a wheel installs them inside the
    package (setup.cfg maps them to `upskill/catalog` and `upskill/templates`).
    """
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name
