"""`upskill fit`: one person's roles ranked, a roster's top roles, and the formats."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from tests.helpers import EXAMPLES, ROOT, START, check
from tests.taxonomy.helpers import ESCO, ONET, run_import
from upskill.cli import cli

ANA = str(EXAMPLES / "ana-ruiz.yaml")


def fit(runner, *args):
    return check(runner.invoke(cli, ["fit", *args, "--start", START]))


def test_json_has_the_documented_shape(runner):
    result = fit(runner, ANA, "--format", "json", "--top", "2")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "upskill.fit/1" and data["employee"]["id"] == "E1042"
    assert data["roles_ranked"] == 7 and len(data["roles"]) == 2
    first = data["roles"][0]
    assert list(first) == ["rank", "role", "name", "readiness", "hours", "gaps", "late_steps"]
    assert first["role"] == "ai-content-strategist" and first["readiness"] >= data["roles"][1]["readiness"]
    assert 0 < first["readiness"] < 1
    plan = check(runner.invoke(cli, ["plan", ANA, "--role", first["role"], "--format", "json", "--start", START]))
    summary = json.loads(plan.stdout)["summary"]
    assert (first["hours"], first["late_steps"]) == (summary["total_hours"], summary["late_steps"])
    slowest = json.loads(fit(runner, ANA, "--format", "json").stdout)["roles"][-1]
    assert slowest["late_steps"] > 0  # Ana's deadline is 2027-06-30, at 4 h a week


def test_explain_shows_the_terms(runner):
    data = json.loads(fit(runner, ANA, "--format", "json", "--top", "1", "--explain").stdout)
    terms = {t["skill"]: t for t in data["roles"][0]["terms"]}
    assert terms["content-creation"] == {
        "skill": "content-creation",
        "name": "Content creation",
        "held": 3,
        "required": 4,
        "weight": 2,
    }
    held = sum(t["weight"] * min(t["held"], t["required"]) for t in terms.values())
    possible = sum(t["weight"] * t["required"] for t in terms.values())
    assert data["roles"][0]["readiness"] == round(held / possible, 4)
    text = fit(runner, ANA, "--format", "markdown", "--top", "1", "--explain").stdout
    assert (
        "## How readiness was computed" in text and "Content creation: holds 3 intermediate, needs 4 advanced" in text
    )


def test_markdown_and_table(runner):
    text = fit(runner, ANA, "--format", "markdown").stdout
    assert text.startswith("# Role fit: Ana Ruiz (E1042)")
    assert re.search(r"\| 1 \| AI content strategist \(`ai-content-strategist`\) \| \d+% \|", text)
    table = fit(runner, ANA, "--format", "table", "--top", "3").stdout
    assert "Role fit for Ana Ruiz (E1042): 3 of 7 roles" in table and "ai-content-strategist" in table


def test_the_profile_target_role_is_not_needed(runner, tmp_path, make_profile):
    path = tmp_path / "p.yaml"
    path.write_text(make_profile({"prompting": 3}, target_role=None), encoding="utf-8")
    assert fit(runner, str(path), "--format", "json").exit_code == 0


def test_roster_gives_each_persons_top_roles_as_csv(runner, tmp_path):
    out = tmp_path / "closest.csv"
    result = fit(runner, str(EXAMPLES / "roster.csv"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    people = {r["employee_id"] for r in rows}
    assert len(rows) == 3 * len(people) and {r["rank"] for r in rows} == {"1", "2", "3"}
    table = fit(runner, str(EXAMPLES / "roster.csv"), "--format", "table", "--top", "1").stdout
    assert table.splitlines()[0].split()[:4] == ["ID", "NAME", "#", "ROLE"]


def test_a_bad_roster_row_is_reported_and_the_others_ranked(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("id,name,target_role,prompting\nE1,Ann,x,3\nE2,Bob,x,eleven\n", encoding="utf-8")
    result = fit(runner, str(roster), "--format", "csv")
    assert result.exit_code == 1
    assert "r.csv:3" in result.stderr and "E1,Ann,1," in result.stdout


def test_fit_over_imported_catalogs_shows_the_credits(runner, tmp_path):
    onet, esco = tmp_path / "onet.yaml", tmp_path / "esco.yaml"
    assert run_import(runner, "onet", str(ONET), "--occupation", "15-2051.00", "-o", str(onet)).exit_code == 0
    assert run_import(runner, "esco", str(ESCO), "--occupation", "data analyst", "-o", str(esco)).exit_code == 0
    catalogs = ["--catalog", "default", "--catalog", str(onet), "--catalog", str(esco)]
    data = json.loads(fit(runner, str(EXAMPLES / "priya-raman.yaml"), *catalogs, "--format", "json").stdout)
    assert {"data-scientists", "data-analyst", "ml-engineer"} <= {r["role"] for r in data["roles"]}
    notes = " ".join(s["note"] for s in data["sources"])
    assert "CC BY 4.0" in notes and "This service uses the ESCO classification of the European Commission." in notes


@pytest.mark.slow
def test_help_does_not_load_the_taxonomy_code():
    probe = "import sys\nfrom upskill.cli import main\nsys.argv=['upskill','--help']\n"
    probe += "try:\n main()\nexcept SystemExit:\n pass\n"
    probe += "print(sorted(m for m in sys.modules if m.startswith('upskill.taxonomy') or m == 'upskill.planning.fit'))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")
