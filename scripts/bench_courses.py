"""Course import benchmark (issue 28, "Speed and safety"): a generated Coursera-layout export of 100,000 courses.

    .venv/bin/python scripts/bench_courses.py [--courses 100000] [--runs 3] [--keep DIR]

Writes a seeded export (every run writes the same bytes) in the catalog feed's layout: titles made of
skill names, generic words and words that match nothing (about a third match no skill), durations in
the forms exports use, a tenth inactive, quoted descriptions with commas. It then times
`upskill catalog resources import coursera` against the bundled catalog, for the full export and for a
tenth of it, and reports each import process's peak memory (max RSS): flat memory means the full
export needs about what the tenth needs.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "ID,Title,URL,IsActive,Description,Languages,LastModifiedUTC,Duration,Subjects\r\n"
TOPICS = [
    "Deep Learning",
    "Prompt Engineering",
    "Python",
    "Data Mining",
    "Critical Thinking",
    "Time Management",
    "Statistics",
    "Pottery",
    "Sailing",
    "Negotiation",
    "Data Annotation",
    "Machine Learning",
]
GENERIC = ["Introduction to", "Advanced", "Essentials of", "Specialization in", "Foundations of", "Learning"]
DURATIONS = ["1h 30m", "PT2H15M", "90 min", "4 weeks at 3 h", "Approx. 20 hours to complete", "2:45"]


def write_export(path: Path, courses: int, seed: int = 28) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        for n in range(courses):
            title = f"{rng.choice(GENERIC)} {rng.choice(TOPICS)} {n}"
            active = "false" if n % 10 == 9 else "true"
            description = f'"Learn {rng.choice(TOPICS).lower()}, step by step, with projects."'
            fh.write(
                f"c{n:07d},{title},https://www.example.com/learn/c{n},{active},{description},en,"
                f"2026-01-01T00:00:00Z,{rng.choice(DURATIONS)},Data Science\r\n"
            )


def run(export: Path, out: Path) -> tuple[float, int]:
    """One import in a fresh process: (wall seconds, that process's peak RSS in MB)."""
    started = time.perf_counter()
    command = [
        str(Path(sys.executable).parent / "upskill"),  # the venv running this (make test-latest has its own)
        "catalog",
        "resources",
        "import",
        "coursera",
        str(export),
    ]
    process = subprocess.Popen([*command, "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)  # this process's own resource use, not the largest child's
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the import failed with exit status {process.returncode}")
    return seconds, usage.ru_maxrss // 1024  # KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--courses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the exports here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="upskill-bench-courses-"))
    folder.mkdir(parents=True, exist_ok=True)
    for count in (args.courses // 10, args.courses):
        export = folder / f"coursera-{count}.csv"
        write_export(export, count)
        times = []
        peak = 0
        for _ in range(args.runs):
            seconds, peak = run(export, folder / f"courses-{count}.yaml")
            times.append(seconds)
        size = export.stat().st_size / 1e6
        print(f"{count:>7,} courses ({size:.1f} MB): fastest {min(times):.2f} s of {args.runs}, peak RSS {peak} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
