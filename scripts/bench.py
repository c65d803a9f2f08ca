"""Start-up benchmark for `upskill` (issue 2, "Speed"): prints ratios measured in one run.

    python scripts/bench.py [--runs N]      (or: make bench)

Each command is run N times, interleaved with its baseline so machine noise hits both
alike; the ratio compares the fastest run of each (the least disturbed one), and the
median is printed beside it. Run it with the virtualenv's Python: the baselines import
the same click, PyYAML and Jinja2 that upskill uses.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLE = str(ROOT / "examples" / "ana-ruiz.yaml")

PAIRS = [
    (
        "upskill --help",
        [str(BIN / "upskill"), "--help"],
        'python -c "import click"',
        [sys.executable, "-c", "import click"],
        1.3,
    ),
    (
        "upskill plan EXAMPLE --format markdown",
        [str(BIN / "upskill"), "plan", EXAMPLE, "--format", "markdown", "--start", "2026-11-23"],
        'python -c "import click, yaml, jinja2"',
        [sys.executable, "-c", "import click, yaml, jinja2"],
        1.3,
    ),
]


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    # pip byte-compiles an installed package; an editable checkout under PYTHONDONTWRITEBYTECODE
    # would otherwise recompile every module on every run, which no installed user pays.
    compileall.compile_dir(str(ROOT / "upskill"), quiet=1)
    env_note = "catalog cache off" if os.environ.get("UPSKILL_NO_CACHE") else "catalog cache on (warm)"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {args.runs} runs each; {env_note}"
    )
    failed = False
    for name, argv, base_name, base_argv, limit in PAIRS:
        wall(argv), wall(base_argv)  # warm the OS file cache, .pyc files and upskill's caches
        ours, base = [], []
        for _ in range(args.runs):
            ours.append(wall(argv))
            base.append(wall(base_argv))
        ratio = min(ours) / min(base)
        verdict = "ok" if ratio <= limit else f"OVER the {limit}x target"
        failed |= ratio > limit
        print(f"{name:<42} min {min(ours) * 1000:6.1f} ms  median {statistics.median(ours) * 1000:6.1f} ms")
        print(f"{base_name:<42} min {min(base) * 1000:6.1f} ms  median {statistics.median(base) * 1000:6.1f} ms")
        print(f"{'':<42} ratio {ratio:.2f}x (target {limit}x): {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
