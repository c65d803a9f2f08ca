"""Batch benchmark (issue 3, "Speed and memory"): prints the figures and ratios from one run.

    .venv/bin/python scripts/bench_batch.py [--profiles 10000] [--roster 100000] [--team N,N] [--keep DIR]

On a generated workforce planned against the default catalog, Markdown out:

1. `upskill batch` of N profile files with --jobs 1, against the floor measured in the same
   run: a process that reads the same files with PyYAML's C loader and writes one file of the
   same size per employee (no planning). Target: within 3x.
2. --jobs 2 against --jobs 1. Target: at least 1.6x faster on a two-core machine.
3. A CSV roster of M employees (default 100,000): peak memory, sampled every 20 ms from
   /proc (Linux): the main process's peak RSS, the largest worker's, and the peak of the
   whole process tree's proportional set size (PSS, which counts pages shared between the
   forked workers once). Target: under 200 MB.
4. With --team 100000,1000000: CSV rosters of those sizes through `upskill team`, the median
   time of --runs runs and the peak memory as in 3. Targets: under 300 MB at every size, and
   ten times the rows within 12x the time.

Each timed command runs --runs times, alternating with its baseline, and the fastest run counts
(the least disturbed one). The generated data is deterministic (seeded), so runs are comparable.
upskill's bytecode is compiled first, as pip does when it installs a package.
The script also prints the load average and a calibration (two CPU-bound processes against
one: what parallelism the machine really offered, before the runs and after each --jobs 2
run, next to that run's own ratio: on a shared VM both drift), and where the time of one employee goes
(each phase timed in-process over 1,000 profiles), so a missed target says what dominates.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
UPSKILL = str(BIN / "upskill")
START = "2027-01-04"

ROLES = [
    "ai-augmented-professional",
    "ai-content-strategist",
    "data-annotation-specialist",
    "ml-engineer",
    "ai-chatbot-developer",
    "data-quality-analyst",
    "ld-coach",
]
# Skill names as people write them: ids, names and aliases, in mixed case.
SKILLS = [
    "prompt-engineering",
    "Prompting",
    "AI workflow integration",
    "content-creation",
    "Communication",
    "critical-thinking",
    "Collaboration",
    "problem solving",
    "time-management",
    "data-quality-analysis",
    "Data extraction",
    "data-mining",
    "machine learning",
    "Deep learning",
    "data-annotation",
    "coaching",
    "career-coaching",
    "training-and-development",
    "interpersonal-skills",
    "ai-chatbot-development",
]
LEVELS = ["none", "awareness", "beginner", "intermediate", "advanced", "expert"]
FIRST = ["Ana", "Kwame", "Priya", "Sofia", "Yusuf", "Mei", "Jonas", "Lucía", "Rahul", "Hannah", "Chidi", "Sara"]
LAST = ["Ruiz", "Mensah", "Raman", "Lindqvist", "Demir", "Lin", "Weber", "Fernández", "Iyer", "Schmidt", "Okafor"]


DEADLINES = ["2027-06-30", "2027-12-31", "2028-06-30"]


def employee(rng: random.Random, number: int, deadline_share: float | None = None) -> dict[str, object]:
    """One generated employee; with deadline_share, that share of them has a deadline (else 3 in 4)."""
    skills = {}
    for name in rng.sample(SKILLS, rng.randint(5, 10)):
        if name == "Prompting" and "prompt-engineering" in skills:
            continue
        if name == "prompt-engineering" and "Prompting" in skills:
            continue
        level = rng.randint(0, 4)
        skills[name] = LEVELS[level] if rng.random() < 0.3 else level
    return {
        "id": f"E{number:06d}",
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}",
        "role": rng.choice(["analyst", "coordinator", "specialist", "engineer", "manager"]),
        "target_role": rng.choice(ROLES),
        "hours_per_week": rng.choice([2, 3, 4, 5, 6, 8]),
        "deadline": (
            rng.choice(["", *DEADLINES])
            if deadline_share is None
            else (rng.choice(DEADLINES) if rng.random() < deadline_share else "")
        ),
        "skills": skills,
    }


def write_profiles(folder: Path, count: int, deadline_share: float | None = None) -> None:
    rng = random.Random(3)
    folder.mkdir(parents=True)
    for n in range(count):
        e = employee(rng, n, deadline_share)
        lines = [
            "employee:",
            f"  id: {e['id']}",
            f"  name: {e['name']}",
            f"  role: {e['role']}",
            f"  target_role: {e['target_role']}",
            f"  hours_per_week: {e['hours_per_week']}",
        ]
        if e["deadline"]:
            lines.append(f"  deadline: {e['deadline']}")
        lines.append("skills:")
        skills = e["skills"]
        assert isinstance(skills, dict)
        lines += [f"  {k}: {v}" for k, v in skills.items()]
        (folder / f"{e['id']}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_roster(path: Path, count: int, deadline_share: float | None = None) -> None:
    rng = random.Random(5)
    columns = [s for s in SKILLS if s != "Prompting"]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:  # as Excel's "CSV UTF-8" writes it
        out = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        out.writerow(["id", "name", "role", "target_role", "hours_per_week", "deadline", *columns])
        for n in range(count):
            e = employee(rng, n, deadline_share)
            levels = e["skills"]
            assert isinstance(levels, dict)
            if "Prompting" in levels:
                levels["prompt-engineering"] = levels.pop("Prompting")
            out.writerow(
                [
                    e["id"],
                    e["name"],
                    e["role"],
                    e["target_role"],
                    e["hours_per_week"],
                    e["deadline"],
                    *[levels.get(c, "") for c in columns],
                ]
            )


FLOOR = """
import os, sys, yaml
src, out, sizes = sys.argv[1], sys.argv[2], sys.argv[3]
size = {}
for line in open(sizes, encoding="utf-8"):
    name, n = line.split()
    size[name] = int(n)
for name in sorted(os.listdir(src)):
    with open(os.path.join(src, name), encoding="utf-8") as fh:
        data = yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    stem = name.rsplit(".", 1)[0]
    with open(os.path.join(out, stem + ".md"), "w", encoding="utf-8") as fh:
        fh.write("x" * size[stem + ".md"])
"""


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user + system) of the command and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


class Sampler(threading.Thread):
    """Peak memory of a process tree, from /proc every 20 ms (Linux)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.main_rss = 0
        self.worker_rss = 0
        self.tree_pss = 0
        self.done = False

    @staticmethod
    def _field(path: str, key: str) -> int:
        try:
            with open(path, encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _children(self) -> list[int]:
        try:
            with open(f"/proc/{self.pid}/task/{self.pid}/children", encoding="ascii") as fh:
                return [int(p) for p in fh.read().split()]
        except OSError:
            return []

    def run(self) -> None:
        while not self.done:
            self.main_rss = max(self.main_rss, self._field(f"/proc/{self.pid}/status", "VmHWM:"))
            pss = self._field(f"/proc/{self.pid}/smaps_rollup", "Pss:")
            for child in self._children():
                self.worker_rss = max(self.worker_rss, self._field(f"/proc/{child}/status", "VmHWM:"))
                pss += self._field(f"/proc/{child}/smaps_rollup", "Pss:")
            self.tree_pss = max(self.tree_pss, pss)
            time.sleep(0.02)


def memory(argv: list[str]) -> tuple[float, Sampler]:
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    sampler = Sampler(process.pid)
    sampler.start()
    code = process.wait()
    sampler.done = True
    sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {code}")
    return time.perf_counter() - start, sampler


BURN = "s = 0\nfor i in range(12_000_000):\n    s += i\n"


def calibrate() -> float:
    """How many times faster two CPU-bound processes finish together than one after the other."""
    start = time.perf_counter()
    for _ in range(2):
        subprocess.run([sys.executable, "-c", BURN], check=True)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(2)]
    for burner in burners:
        burner.wait()
    return serial / (time.perf_counter() - start)


def breakdown(profiles: Path, count: int = 1000) -> list[tuple[str, float]]:
    """Milliseconds per employee in each phase, in this process (catalog loaded, templates compiled)."""
    from datetime import date

    import yaml

    from upskill.errors import Problems
    from upskill.load.catalog import load_catalog
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile
    from upskill.planning.members import SkillIndex, summarize
    from upskill.planning.plan import Options, build_plan
    from upskill.render.markdown import render_markdown
    from upskill.write.folder import file_stem, write_new

    catalog = load_catalog(["default"])
    index = SkillIndex(catalog)
    options = Options(start=date.fromisoformat(START))
    out = fresh(profiles.parent / "breakdown")
    files = sorted(profiles.iterdir())[:count]
    phases = dict.fromkeys(
        [
            "floor: CSafeLoader",
            "read_document (strict YAML)",
            "read_profile",
            "build_plan",
            "render_markdown",
            "summarize (team record)",
            "write temp + rename",
        ],
        0.0,
    )
    clock = time.perf_counter
    for path in files:
        t = clock()
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        t1 = clock()
        doc = read_document(path)
        t2 = clock()
        profile = read_profile(doc, catalog, Problems())
        t3 = clock()
        plan = build_plan(profile, catalog, options)
        t4 = clock()
        text = render_markdown(plan, catalog)
        t5 = clock()
        summarize(profile, plan, index)
        t6 = clock()
        stem = file_stem(plan.employee.id)
        write_new(out / f".{stem}.tmp", text.encode("utf-8"))
        os.replace(out / f".{stem}.tmp", out / f"{stem}.md")
        t7 = clock()
        for name, spent in zip(phases, (t1 - t, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6), strict=True):
            phases[name] += spent
    return [(name, spent / len(files) * 1e3) for name, spent in phases.items()]


def bench_profiles(work: Path, n: int, runs: int) -> bool:
    """Part 1 and 2: N profile files, --jobs 1 against the floor and against --jobs 2."""
    profiles = work / "profiles"
    if not profiles.exists():
        write_profiles(profiles, n)

    batch = [UPSKILL, "batch", str(profiles), "--start", START]
    ours1, ours2, floor, offered = [], [], [], []
    for _ in range(runs):  # interleaved, so a disturbance hits each alike; the fastest run of each counts
        ours1.append(timed([*batch, "--out", str(fresh(work / "out1")), "--jobs", "1"]))
        sizes = work / "sizes.txt"
        sizes.write_text("".join(f"{p.name} {p.stat().st_size}\n" for p in (work / "out1").glob("E*.md")))
        floor.append(timed([sys.executable, "-c", FLOOR, str(profiles), str(fresh(work / "floor")), str(sizes)]))
        ours2.append(timed([*batch, "--out", str(fresh(work / "out2")), "--jobs", "2"]))
        offered.append(calibrate())  # right after, as the machine's spare capacity drifts
    (j1, c1), (j2, c2), (base, cbase) = min(ours1), min(ours2), min(floor)
    ratio, cpu_ratio = j1 / base, c1 / cbase
    speedup = j1 / j2
    print(f"{n:,} profiles -> Markdown plans, index.md, team.md (best of {runs}; wall and CPU seconds)")
    print(
        f"  floor (read with CSafeLoader, write same-size files) {base:7.2f} s wall {cbase:7.2f} s CPU"
        f"  {base / n * 1e3:5.2f} ms/employee"
    )
    print(
        f"  upskill batch --jobs 1                                {j1:7.2f} s wall {c1:7.2f} s CPU"
        f"  {j1 / n * 1e3:5.2f} ms/employee"
    )
    print(
        f"  upskill batch --jobs 2                                {j2:7.2f} s wall {c2:7.2f} s CPU"
        f"  {j2 / n * 1e3:5.2f} ms/employee"
    )
    print(
        f"  --jobs 1 / floor: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (target <= 3x): "
        f"{'ok' if ratio <= 3 else 'MISSED'}"
    )
    print(f"  --jobs 1 / --jobs 2: {speedup:.2f}x (target >= 1.6x): {'ok' if speedup >= 1.6 else 'MISSED'}")
    print(
        "    each run: "
        + ", ".join(f"{a[0] / b[0]:.2f}x" for a, b in zip(ours1, ours2, strict=True))
        + "; two CPU-bound processes just after each: "
        + ", ".join(f"{x:.2f}x" for x in offered)
        + " (what the machine offered)"
    )
    print("  where one employee's time goes (ms, in-process, 1,000 profiles):")
    for name, ms in breakdown(profiles, min(1000, n)):
        print(f"    {name:<30} {ms:6.3f}")
    return ratio > 3 or speedup < 1.6


def bench_team(work: Path, sizes: list[int], runs: int) -> bool:
    """Part 4: CSV rosters of each size through `upskill team` (Markdown to a file), median of `runs` runs.

    Targets (issue 15): the whole process tree's peak memory under 300 MB at every size, and the
    largest size within 12x the time of a tenth of it (the time grows linearly).
    """
    mb = 1024 * 1024
    medians: dict[int, float] = {}
    failed = False
    print(f"upskill team, CSV rosters, default --jobs, median of {runs} runs (peak memory: the largest of the runs)")
    for n in sizes:
        roster = work / f"roster-{n}.csv"
        if not roster.exists():
            write_roster(roster, n)
        times, samplers = [], []
        for _ in range(runs):
            report = work / "team.md"
            report.unlink(missing_ok=True)
            seconds, sampler = memory(
                [UPSKILL, "--no-config", "team", str(roster), "--start", START, "-o", str(report)]
            )
            times.append(seconds)
            samplers.append(sampler)
        medians[n] = statistics.median(times)
        tree = max(s.tree_pss for s in samplers)
        print(
            f"  {n:>9,} rows: {medians[n]:7.1f} s (runs: {', '.join(f'{t:.1f}' for t in times)}); "
            f"{medians[n] / n * 1e6:.0f} us/row; peak main RSS {max(s.main_rss for s in samplers) / mb:.0f} MB, "
            f"largest worker {max(s.worker_rss for s in samplers) / mb:.0f} MB, "
            f"whole tree (PSS) {tree / mb:.0f} MB (target < 300 MB): {'ok' if tree < 300 * mb else 'MISSED'}"
        )
        failed |= tree >= 300 * mb
    for n in sizes:
        if n * 10 in medians:
            ratio = medians[n * 10] / medians[n]
            print(
                f"  {n * 10:,} rows / {n:,} rows: {ratio:.2f}x the time (target <= 12x): "
                f"{'ok' if ratio <= 12 else 'MISSED'}"
            )
            failed |= ratio > 12
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000, help="profile files for parts 1-2 (0 skips them)")
    parser.add_argument("--roster", type=int, default=100_000, help="CSV roster rows for part 3 (0 skips it)")
    parser.add_argument(
        "--team",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[],
        metavar="N[,N...]",
        help="roster sizes for part 4, `upskill team` (e.g. 100000,1000000; default: skipped)",
    )
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="upskill-bench-"))
    work.mkdir(parents=True, exist_ok=True)  # --keep DIR: made when missing
    # Measure upskill as installed: pip compiles a package's bytecode, whereas this editable checkout,
    # run with PYTHONDONTWRITEBYTECODE set, would compile its source again in every process (~0.1 s).
    compileall.compile_dir(ROOT / "upskill", quiet=1)
    env_note = "catalog cache off" if os.environ.get("UPSKILL_NO_CACHE") else "catalog cache on"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {env_note}"
    )
    print(
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; two CPU-bound processes ran "
        f"{calibrate():.2f}x faster together than one after the other (2.00 = two free cores)"
    )
    failed = False
    if args.profiles:
        failed |= bench_profiles(work, args.profiles, args.runs)
    if args.roster:
        roster = work / f"roster-{args.roster}.csv"
        if not roster.exists():
            write_roster(roster, args.roster)
        batch = [UPSKILL, "batch", str(roster), "--start", START]
        alone, _ = memory([*batch, "--out", str(fresh(work / "out3")), "--no-sessions"])
        seconds, sampler = memory([*batch, "--out", str(fresh(work / "out3"))])
        mb = 1024 * 1024
        print(f"{args.roster:,} employees from a CSV roster (default --jobs): {seconds:.1f} s")
        print(
            f"  --no-sessions (each plan alone): {alone:.1f} s; the roster scheduled together takes "
            f"{seconds / alone:.2f}x that (target <= 1.5x): {'ok' if seconds <= 1.5 * alone else 'MISSED'}"
        )
        print(
            f"  peak RSS: main process {sampler.main_rss / mb:.0f} MB, "
            f"largest worker {sampler.worker_rss / mb:.0f} MB; whole process tree (PSS) "
            f"{sampler.tree_pss / mb:.0f} MB (target < 200 MB): {'ok' if sampler.tree_pss < 200 * mb else 'MISSED'}"
        )
        failed |= sampler.tree_pss >= 200 * mb or seconds > 1.5 * alone
    if args.team:
        failed |= bench_team(work, args.team, args.runs)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
