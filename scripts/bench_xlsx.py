"""Workbook reader benchmark (issue 22, "Workbooks"): two bombs and a normal 10,000-row roster.

    .venv/bin/python scripts/bench_xlsx.py [--source DIR] [--runs 3] [--timeout 300] [--keep DIR]

Writes three workbooks (the same bytes every run):

1. far-row.xlsx (~2 KB): a header, one employee, and one row numbered 2,000,000,000.
2. shared-strings.xlsx (~500 KB): 12,000,000 one-letter shared strings; the sheet uses the first.
3. roster-10000.xlsx (~440 KB): 10,000 employees x 11 columns (text, numbers, dates), written by
   openpyxl as any spreadsheet library writes them.

and reads each once per run with `upskill.load.rosters.xlsx.xlsx_records`, in a fresh process, reporting
the fastest run's wall time and that process's peak memory (VmHWM, Linux). `--source` names another
checkout's top folder (e.g. an older commit unpacked with `git archive`) to measure its reader
with the same files; a run past --timeout seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.load.rosters.workbooks import build, many_shared_strings, row, sheet_xml  # noqa: E402

# The peak is VmHWM (this process image's own high-water mark): ru_maxrss would keep the parent's across exec.
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
try:
    from upskill.load.rosters.xlsx import xlsx_records
except ImportError:  # a checkout from before the rosters moved under load/
    from upskill.batch.xlsx import xlsx_records
began = time.perf_counter()
rows = sum(1 for _ in xlsx_records(sys.argv[2]))
seconds = time.perf_counter() - began
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(rows, seconds, peak)
"""


def write_files(folder: Path) -> list[Path]:
    far = build(
        folder / "far-row.xlsx",
        [
            (
                "Roster",
                sheet_xml(
                    [row(1, "id", "target_role"), row(2, "E2", "ld-coach"), row(2_000_000_000, "E3", "ld-coach")]
                ),
                "",
            )
        ],
    )
    first_row = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>target_role</t></is></c></row>'
    strings = build(
        folder / "shared-strings.xlsx",
        [("Roster", sheet_xml([first_row, row(2, "E2", "ld-coach")]), "")],
        strings=many_shared_strings(12_000_000),
    )
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Roster"
    header = ["Employee ID", "Full name", "Job title", "Target role", "Department", "Line manager", "Due date"]
    sheet.append([*header, "Learning hours", "Prompt engineering", "Communication", "Critical thinking"])
    for i in range(10_000):
        department = ("Sales", "Operations", "People")[i % 3]
        due = datetime.datetime(2027, 6, 30)
        person = [f"E{i:05d}", f"Person {i}", "Analyst", "ai-augmented-professional", department, f"Boss {i % 50}"]
        sheet.append([*person, due, 2.5, i % 4, None if i % 3 else 2, (i * 7) % 5])
    normal = folder / "roster-10000.xlsx"
    book.save(normal)
    return [far, strings, normal]


def measure(source: Path, path: Path, runs: int, timeout: float) -> str:
    best: tuple[float, int, int] | None = None
    for _ in range(runs):
        began = time.perf_counter()
        try:
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(source), str(path)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=True,
            ).stdout.split()
        except subprocess.TimeoutExpired:
            return f"stopped after {time.perf_counter() - began:.0f} s (--timeout)"
        rows, seconds, rss = int(out[0]), float(out[1]), int(out[2])
        if best is None or seconds < best[0]:
            best = (seconds, rss, rows)
    assert best is not None
    return f"{best[0]:.2f} s, peak {best[1] / 1024:.0f} MB, {best[2]:,} records"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout whose reader is measured")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--keep", type=Path, help="write the workbooks here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for path in write_files(folder):
            size = path.stat().st_size / 1024
            print(f"{path.name} ({size:,.0f} KB): {measure(args.source, path, args.runs, args.timeout)}", flush=True)


if __name__ == "__main__":
    main()
