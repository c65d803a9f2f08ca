"""Instructions per employee of `build_plan` alone (issue 29), under callgrind.

    .venv/bin/python scripts/bench_planning.py [--profiles 150]

Generates N and 2N profiles (bench_batch.py's, 40% with deadlines), reads them, then plans them
inside `functools.reduce`, and counts only the instructions run inside it
(`--toggle-collect=functools_reduce`: reading, start-up and the catalog are left out). Per employee
= (I(2N) - I(N)) / N, so the caches a batch warms count as they would in a batch.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import os
import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
VALGRIND = ["valgrind", "--tool=callgrind", "--dump-instr=no", "--toggle-collect=functools_reduce"]


def plan_all(folder: Path) -> None:
    from upskill.errors import Problems
    from upskill.load.catalog import load_catalog
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile
    from upskill.planning.plan import Options, build_plan

    catalog = load_catalog(["default"])
    options = Options(start=date(2027, 1, 4), as_of=date(2027, 1, 1))
    profiles = [
        read_profile(read_document(f), catalog, Problems(), as_of=options.as_of) for f in sorted(folder.iterdir())
    ]
    functools.reduce(lambda _, p: build_plan(p, catalog, options), profiles, None)


def instructions(folder: Path, work: Path) -> int:
    out = work / f"cg.{folder.name}"
    subprocess.run(
        [*VALGRIND, f"--callgrind-out-file={out}", sys.executable, __file__, "--inner", str(folder)],
        check=True,
        capture_output=True,
        env={**os.environ, "UPSKILL_NO_CACHE": "1"},
    )
    found = re.search(r"^totals: (\d+)", out.read_text(), re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=150)
    parser.add_argument("--inner", type=Path)
    args = parser.parse_args()
    if args.inner:
        plan_all(args.inner)
        return 0
    import bench_batch

    compileall.compile_dir(str(ROOT / "upskill"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        n = args.profiles
        counts = []
        for size in (n, 2 * n):
            bench_batch.write_profiles(work / f"p{size}", size)
            counts.append(instructions(work / f"p{size}", work))
    print(f"build_plan: {counts[0]:,} instructions for {n} employees, {counts[1]:,} for {2 * n}")
    print(f"per employee: {(counts[1] - counts[0]) / n / 1e6:.2f} M instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
