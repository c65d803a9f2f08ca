"""upskill: plan how employees close the gap to in-demand AI roles.

The public API (documented in upskill/api.py and the README):

    from upskill import load_catalog, read_profile, build_plan, render_plan, UpskillError
    from upskill import Catalog, Plan, Profile, Problem, UsageError   # the types a caller handles

Names are imported on first use, so `import upskill` (and the CLI's start-up) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from upskill.version import __version__ as __version__  # re-exported: `upskill.__version__`

__all__ = [
    "Catalog",
    "Plan",
    "Problem",
    "Profile",
    "UpskillError",
    "UpskillWarning",
    "UsageError",
    "build_plan",
    "load_catalog",
    "read_profile",
    "render_plan",
]

if TYPE_CHECKING:
    from upskill.api import UpskillWarning, build_plan, load_catalog, read_profile, render_plan
    from upskill.errors import Problem, UpskillError, UsageError
    from upskill.model import Catalog, Plan, Profile


def __getattr__(name: str) -> Any:
    if name in __all__:
        from upskill import api

        return getattr(api, name)
    raise AttributeError(f"module 'upskill' has no attribute {name!r}")
