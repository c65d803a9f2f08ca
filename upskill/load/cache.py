"""A per-user cache of parsed catalogs, so a run does not re-parse the same YAML every time.

Parsing the default catalog costs more than planning and rendering together, and people
run `upskill plan` many times on an unchanged catalog. An entry is keyed on the catalog
files' paths and their exact contents (size and CRC-32), plus the upskill and Python
versions and the parsing code, so an edited file is never served stale. The folder is the user's own
(`$XDG_CACHE_HOME/upskill` or `~/.cache/upskill`, mode 0700, owner checked) because the
entries are pickles. `UPSKILL_NO_CACHE=1` turns it off; any problem with the cache is
silently treated as a miss.
"""

from __future__ import annotations

import functools
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from upskill.version import __version__

_PACKAGE = Path(__file__).resolve().parent.parent  # upskill/


@functools.cache  # the modules do not move under a running process; their stats are read each time
def code_files() -> list[Path]:
    """Every module of the package. The code that turns files into a Catalog (load/, model.py,
    errors.py) is part of the key, and naming those modules by hand let a move serve stale
    catalogs; stating all 132 files takes about 0.2 ms (tests/test_docs_layout.py keeps the count near)."""
    return sorted(_PACKAGE.rglob("*.py"))


def folder() -> Path | None:
    """The cache folder, created if needed; None when caching is off or the folder is not safe."""
    if os.environ.get("UPSKILL_NO_CACHE"):
        return None
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        path = base / "upskill"
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
            return None
        return path
    except (OSError, RuntimeError):
        return None


def fingerprint(files: list[str]) -> tuple[str, str]:
    """Return (slot, key): one slot per list of paths, a key that changes with any content."""
    paths = [str(Path(f).resolve()) for f in files]
    parts = [__version__, sys.version]
    # The code that turns files into a Catalog is part of the key too, so an upgraded or
    # edited upskill never unpickles a catalog built by older code.
    for module in code_files():
        stat = module.stat()
        parts.append(f"{module.relative_to(_PACKAGE)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for path in paths:
        data = Path(path).read_bytes()
        parts.append(f"{path}\0{len(data)}\0{zlib.crc32(data):08x}")
    slot = f"{zlib.crc32(chr(0).join(paths).encode()):08x}"
    return slot, "\n".join(parts)


def load(name: str, files: list[str]) -> Any:
    """The cached value for these files, or None."""
    where = folder()
    if where is None:
        return None
    try:
        import pickle

        slot, key = fingerprint(files)
        with open(where / f"{name}-{slot}.pickle", "rb") as fh:
            stored_key, value = pickle.load(fh)
        return value if stored_key == key else None
    except Exception:  # a missing, stale, truncated or foreign entry is just a miss
        return None


def store(name: str, files: list[str], value: Any) -> None:
    """Cache `value` for these files, replacing the slot's previous entry atomically."""
    where = folder()
    if where is None:
        return
    try:
        import pickle
        import tempfile

        slot, key = fingerprint(files)
        fd, temp = tempfile.mkstemp(dir=where, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, where / f"{name}-{slot}.pickle")
        except BaseException:
            os.unlink(temp)
            raise
    except Exception:  # caching is an optimisation; never fail a run over it
        return
