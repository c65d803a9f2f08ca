"""Two releases of each taxonomy for the `--update` tests: the excerpts as published, and a "next
release" made of them here with exactly four changes, which the update's report must name and no more.

ESCO (v1.1.1 -> v1.2.0), for the occupation data scientist:
- renamed: 'build recommender systems' becomes 'design recommender systems' (same URI);
- retired: 'manage open publications' leaves the skills file and every relation;
- moved: 'think abstractly' goes from essential to optional;
- added: 'analyse big data' (so far a data analyst's skill) becomes essential.

O*NET (29.2 -> 29.3), for Data Scientists (15-2051.00):
- renamed: element 2.A.1.a 'Reading Comprehension' becomes 'Reading Comprehension and Analysis';
- retired: element 2.B.3.e 'Programming' leaves every file;
- changed: 2.A.2.a Critical Thinking's level goes from its release value to 6.00;
- added: an element below the default importance rises to 4.00.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tests.taxonomy.helpers import ESCO, ONET

DATA_SCIENTIST = "http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30"
SKILL = "http://data.europa.eu/esco/skill/"
RENAMED = SKILL + "505e4ef3-7ce4-437d-b7b4-5c608f71c258"  # build recommender systems
RETIRED = SKILL + "da930e2f-6047-4616-a598-bba8ecef3039"  # manage open publications
MOVED = SKILL + "9a58cd26-58eb-4a1c-b1b6-64037fe9cfa1"  # think abstractly


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or ()), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def esco_next(tmp_path: Path) -> Path:
    """ESCO 'v1.2.0': the v1.1.1 excerpt with the four changes above (the folder's name gives the release)."""
    target = tmp_path / "esco-v1.2.0"
    target.mkdir()
    shutil.copy(ESCO / "occupations_en.csv", target / "occupations_en.csv")
    header, skills = read_rows(ESCO / "skills_en.csv")
    big_data = next(row["conceptUri"] for row in skills if row["preferredLabel"] == "analyse big data")
    for row in skills:
        if row["conceptUri"] == RENAMED:
            row["preferredLabel"] = "design recommender systems"
    write_rows(target / "skills_en.csv", header, [row for row in skills if row["conceptUri"] != RETIRED])
    header, relations = read_rows(ESCO / "occupationSkillRelations.csv")
    kept = [row for row in relations if row["skillUri"] != RETIRED]
    for row in kept:
        if row["occupationUri"] == DATA_SCIENTIST and row["skillUri"] == MOVED:
            row["relationType"] = "optional"
    kept.append(
        {
            "occupationUri": DATA_SCIENTIST,
            "relationType": "essential",
            "skillType": "skill/competence",
            "skillUri": big_data,
        }
    )
    write_rows(target / "occupationSkillRelations.csv", header, kept)
    return target


def _edit(path: Path, change) -> None:
    """Rewrite a tab-delimited CRLF file row by row: `change(cells)` returns the new cells, or None to drop the row."""
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    kept = [lines[0]]
    for line in lines[1:]:
        if not line:
            kept.append(line)
            continue
        cells = change(line.split("\t"))
        if cells is not None:
            kept.append("\t".join(cells))
    path.write_bytes("\r\n".join(kept).encode("utf-8"))


def onet_next(tmp_path: Path) -> Path:
    """O*NET '29.3': the 29.2 excerpt with the four changes above."""
    target = tmp_path / "onet-29.3"
    shutil.copytree(ONET, target)
    for path in target.iterdir():
        path.chmod(0o644)

    def skills(cells: list[str]) -> list[str] | None:
        code, element, scale = cells[0], cells[1], cells[3]
        if element == "2.B.3.e":
            return None
        if element == "2.A.1.a":
            cells[2] = "Reading Comprehension and Analysis"
        if (code, element, scale) == ("15-2051.00", "2.A.2.a", "LV"):
            cells[4] = "6.00"
        if (code, element, scale) == ("15-2051.00", "2.A.1.d", "IM"):
            cells[4] = "4.00"
        return cells

    _edit(target / "Skills.txt", skills)
    _edit(target / "Level Scale Anchors.txt", lambda cells: None if cells[0] == "2.B.3.e" else cells)
    readme = target / "Read Me.txt"
    text = readme.read_bytes().decode("utf-8").replace("O*NET 29.2 Database", "O*NET 29.3 Database")
    readme.write_bytes(text.replace("February 2025 Release", "August 2025 Release").encode("utf-8"))
    return target


NEW_URI = SKILL + "00000000-0000-4000-8000-000000000001"


def esco_replaced(tmp_path: Path) -> Path:
    """ESCO 'v1.3.0': v1.1.1 where 'manage open publications' moved to a new URI, labelled 'manage open access
    publications' with the old label among its alternative labels, and data scientist's relation follows it."""
    target = tmp_path / "esco-v1.3.0"
    target.mkdir()
    shutil.copy(ESCO / "occupations_en.csv", target / "occupations_en.csv")
    header, skills = read_rows(ESCO / "skills_en.csv")
    for row in skills:
        if row["conceptUri"] == RETIRED:
            row.update(conceptUri=NEW_URI, preferredLabel="manage open access publications")
            row["altLabels"] = "manage open publications"
    write_rows(target / "skills_en.csv", header, skills)
    header, relations = read_rows(ESCO / "occupationSkillRelations.csv")
    for row in relations:
        if row["skillUri"] == RETIRED:
            row["skillUri"] = NEW_URI
    write_rows(target / "occupationSkillRelations.csv", header, relations)
    return target
