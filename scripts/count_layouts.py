"""Count the layouts a plan costs: uncached calls to `tracks._place`, per plan, over a folder of profiles.

    python scripts/count_layouts.py SOURCE PROFILES [DEADLINE]

SOURCE is the tree whose `upskill` package is measured (this checkout, or an exported older
commit); PROFILES a folder of profiles (`scripts/bench_batch.py`'s `write_profiles`); DEADLINE,
when given, replaces every profile's. Plans start on 2027-01-04. docs/performance.md quotes it.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any


def main() -> None:
    source, folder = sys.argv[1], Path(sys.argv[2])
    deadline = date.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else None
    sys.path.insert(0, source)
    from upskill.api import load_catalog, read_profile
    from upskill.planning import tracks
    from upskill.planning.plan import Options, build_plan

    calls = 0
    place = tracks._place

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return place(*args, **kwargs)

    tracks._place = counted  # type: ignore[assignment]
    catalog = load_catalog()
    profiles = [read_profile(p, catalog) for p in sorted(folder.glob("*.yaml"))]
    late = 0
    for profile in profiles:
        plan = build_plan(profile, catalog, Options(start=date(2027, 1, 4), deadline=deadline))
        late += bool(plan.summary.late_steps)
    print(f"{calls / len(profiles):.2f} layouts a plan, {late} late of {len(profiles)}")


if __name__ == "__main__":
    main()
