"""Import benchmark (issue 16, "Robust and fast on the real files"): full-size taxonomy files, generated.

    .venv/bin/python scripts/bench_taxonomy.py [--runs 3] [--keep DIR]

The full downloads cannot be fetched here, so this writes files of the same size and layout
(seeded, so every run writes the same bytes): ESCO v1.1 (13,896 skills with multi-line alt-label
cells, 3,008 occupations, 123,855 occupation-skill relations) and O*NET 29.2 (1,016 occupations,
Skills and Knowledge at 35 and 33 elements x IM and LV rows per occupation, and 32,628 rows of
Technology Skills). It then times `upskill catalog import` of one occupation from each, and of the
real-size excerpts in tests/data/taxonomies for comparison, and reports the peak memory (max RSS)
of each import process: flat memory means the full files need about what the excerpts need.
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
DATA = ROOT / "tests" / "data" / "taxonomies"
ESCO_SKILLS, ESCO_OCCUPATIONS, ESCO_RELATIONS = 13_896, 3_008, 123_855
ONET_OCCUPATIONS, ONET_SKILLS, ONET_KNOWLEDGE, ONET_TECHNOLOGY = 1_016, 35, 33, 32_628
WORDS = [
    "data",
    "model",
    "analyse",
    "manage",
    "design",
    "apply",
    "build",
    "report",
    "quality",
    "process",
    "system",
    "research",
    "cloud",
    "query",
]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def write_esco(folder: Path, rng: random.Random) -> str:
    """ESCO v1.1 in its layout (the real header, CRLF, quoted multi-line cells); returns one occupation's label."""
    folder.mkdir(parents=True)
    skill = "http://data.europa.eu/esco/skill/{:08x}-0000-4000-8000-{:012x}"
    occupation = "http://data.europa.eu/esco/occupation/{:08x}-0000-4000-8000-{:012x}"
    with open(folder / "skills_en.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,"
            "modifiedDate,scopeNote,definition,inScheme,description\r\n"
        )
        for n in range(ESCO_SKILLS):
            alts = "\n".join(f"{words(rng, 3)} {n}-{k}" for k in range(rng.randint(0, 8)))
            scheme = "http://data.europa.eu/esco/concept-scheme/member-skills,\nhttp://data.europa.eu/esco/concept-scheme/skills"
            cells = [
                "KnowledgeSkillCompetence",
                skill.format(n, n),
                rng.choice(("skill/competence", "knowledge")),
                "sector-specific",
                f"{words(rng, 3)} {n}",
                quoted(alts),
                "",
                "released",
                "2022-07-05T14:37:59.932Z",
                "",
                "",
                quoted(scheme),
                quoted(words(rng, rng.randint(15, 45)).capitalize() + "."),
            ]
            fh.write(",".join(cells) + "\r\n")
    with open(folder / "occupations_en.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
            "regulatedProfessionNote,scopeNote,definition,inScheme,description,code\r\n"
        )
        for n in range(ESCO_OCCUPATIONS):
            alts = "\n".join(f"{words(rng, 2)} {n}-{k}" for k in range(rng.randint(1, 6)))
            label = "data scientist" if n == 1234 else f"{words(rng, 2)} occupation {n}"
            fh.write(
                f"Occupation,{occupation.format(n, n)},2511,{label},{quoted(alts)},,released,2022-07-05T14:42:21.456Z,"
                f"http://data.europa.eu/esco/regulated-professions/unregulated,,,"
                f"http://data.europa.eu/esco/concept-scheme/occupations,{quoted(words(rng, 40))},2511.{n}\r\n"
            )
    with open(folder / "occupationSkillRelations.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("occupationUri,relationType,skillType,skillUri\r\n")
        for n in range(ESCO_RELATIONS):
            o = n * ESCO_OCCUPATIONS // ESCO_RELATIONS
            s = rng.randrange(ESCO_SKILLS)
            kind = rng.choice(("essential", "optional"))
            fh.write(f"{occupation.format(o, o)},{kind},knowledge,{skill.format(s, s)}\r\n")
    return "data scientist"


def write_onet(folder: Path, rng: random.Random) -> str:
    """O*NET 29.2 in its layout (tab-delimited, CRLF); returns one occupation code."""
    folder.mkdir(parents=True)
    codes = [f"{11 + n // 1000:02d}-{1000 + n % 1000:04d}.{n % 3:02d}" for n in range(ONET_OCCUPATIONS)]
    with open(folder / "Occupation Data.txt", "w", encoding="utf-8", newline="") as fh:
        fh.write("O*NET-SOC Code\tTitle\tDescription\r\n")
        for n, code in enumerate(codes):
            fh.write(f"{code}\t{words(rng, 2).title()} Occupation {n}\t{words(rng, 40).capitalize()}.\r\n")
    header = (
        "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\t"
        "Upper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\r\n"
    )
    for name, prefix, count in (("Skills.txt", "2.A", ONET_SKILLS), ("Knowledge.txt", "2.C", ONET_KNOWLEDGE)):
        with open(folder / name, "w", encoding="utf-8", newline="") as fh:
            fh.write(header)
            for code in codes:
                for e in range(count):
                    element = f"{prefix}.{e // 26 + 1}.{chr(97 + e % 26)}"
                    label = f"{name[:-4]} element {e}"
                    im, lv = rng.uniform(1, 5), rng.uniform(0, 7)
                    for scale, value, relevant in (("IM", im, "n/a"), ("LV", lv, "N")):
                        bounds = f"{value - 0.2:.4f}\t{value + 0.2:.4f}"
                        fh.write(f"{code}\t{element}\t{label}\t{scale}\t{value:.2f}\t8\t0.1250\t{bounds}\tN\t")
                        fh.write(f"{relevant}\t08/2025\tAnalyst\r\n")
    with open(folder / "Technology Skills.txt", "w", encoding="utf-8", newline="") as fh:
        fh.write("O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\r\n")
        for n in range(ONET_TECHNOLOGY):
            code = codes[n * ONET_OCCUPATIONS // ONET_TECHNOLOGY]
            flags = f"{rng.choice('YN')}\t{rng.choice('YN')}"
            fh.write(
                f"{code}\t{words(rng, 2).title()} {n}\t{43230000 + n % 999}\t{words(rng, 3)} software\t{flags}\r\n"
            )
    for name in ("Read Me.txt", "Scales Reference.txt"):
        (folder / name).write_bytes((DATA / "onet" / name).read_bytes())
    return codes[500]


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """The fastest wall time of `runs` runs, and the largest peak RSS (MB) of any of them."""
    best, peak = float("inf"), 0.0
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        best = min(best, time.perf_counter() - started)
        peak = max(peak, usage.ru_maxrss / 1024)
        if status:
            sys.exit(f"failed: {' '.join(args)}\n{child.stderr.read().decode() if child.stderr else ''}")
    return best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="upskill-bench-taxonomy-"))
    rng = random.Random(16)
    started = time.perf_counter()
    esco_occupation = write_esco(folder / "esco", rng)
    onet_occupation = write_onet(folder / "onet", rng)
    print(f"generated in {time.perf_counter() - started:.1f} s under {folder}:")
    for path in sorted(folder.rglob("*.*")):
        with open(path, "rb") as fh:
            lines = sum(1 for _ in fh)
        print(f"  {path.relative_to(folder)}: {path.stat().st_size / 1e6:.1f} MB, {lines:,} lines")
    upskill = [str(Path(sys.executable).parent / "upskill")]  # the console script of this environment
    out = folder / "out.yaml"
    cases = [
        ("ESCO v1.1, full size", ["esco", str(folder / "esco"), "--occupation", esco_occupation]),
        ("ESCO excerpt (tests)", ["esco", str(DATA / "esco-v1.1.1"), "--occupation", "data scientist"]),
        ("O*NET 29.2, full size", ["onet", str(folder / "onet"), "--occupation", onet_occupation]),
        ("O*NET excerpt (tests)", ["onet", str(DATA / "onet"), "--occupation", "15-2051.00"]),
    ]
    print(f"\n`upskill catalog import ... -o FILE`, fastest of {args.runs} runs, peak RSS of the process:")
    for label, case in cases:
        seconds, peak = timed([*upskill, "catalog", "import", *case, "-o", str(out)], args.runs)
        print(f"  {label:24} {seconds:6.2f} s  {peak:6.1f} MB")
    print(f"\nmachine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
