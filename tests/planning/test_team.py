"""The team picture (`upskill team`, and team.md in a batch): golden reports, the rollup's rules
(cohorts, single points of failure, build or buy), privacy, and spreadsheet-safe CSV.

Golden files: tests/golden/team/. After an intended change, regenerate them with
`make golden` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from datetime import date

import pytest

from tests.golden_cases import ROSTER, TEAM_CASES, render_case
from tests.helpers import EXAMPLES, START, member
from upskill.cli import cli
from upskill.errors import Problems
from upskill.load.document import read_document
from upskill.load.profile import read_profile
from upskill.planning.members import hours_after_deadline
from upskill.planning.plan import Options, build_plan
from upskill.planning.team import TeamSettings, build_team, pseudonym
from upskill.render.team import csv_cell, render_team

# --- golden reports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", TEAM_CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("fmt,suffix", [("markdown", ".md"), ("json", ".json")])
def test_team_report_matches_golden(case, fmt, suffix):
    expected = case.golden(suffix).read_text(encoding="utf-8")
    assert render_case(case, fmt) == expected, f"run `make golden` if this change is intended ({case.name}{suffix})"


@pytest.mark.slow
def test_batch_writes_the_same_team_report(runner, tmp_path):
    result = runner.invoke(
        cli, ["batch", ROSTER, "--out", str(tmp_path), "--start", START, "--jobs", "1", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "team.md").read_text(encoding="utf-8") == TEAM_CASES[0].golden(".md").read_text("utf-8")
    assert (tmp_path / "team.json").read_text(encoding="utf-8") == TEAM_CASES[0].golden(".json").read_text("utf-8")


def test_golden_report_has_every_section():
    text = TEAM_CASES[0].golden(".md").read_text(encoding="utf-8")
    assert text.index("## Actions") < text.index("## Heatmap")
    for heading in (
        "## Actions",
        "## Heatmap",
        "## Skills: the team's gaps",
        "## Group training",
        "## Single points of failure",
        "## Build or buy",
    ):
        assert heading in text
    data = json.loads(TEAM_CASES[0].golden(".json").read_text(encoding="utf-8"))
    assert data["schema"] == "upskill.team/3" and len(data["employees"]) == 17
    # Build or buy is empty here: its findings are about groups under --min-group 5 (hidden_findings).
    assert data["single_points_of_failure"] and data["hidden_findings"]
    # Scheduled together (the default): the group trainings are its sessions, no cohorts proposed beside them
    assert data["cohorts"] == [] and data["savings"] is not None


def test_anonymized_report_names_nobody():
    text = TEAM_CASES[1].golden(".md").read_text(encoding="utf-8")
    data = json.loads(TEAM_CASES[1].golden(".json").read_text(encoding="utf-8"))
    for name in ("Ana Ruiz", "E1042", "Okafor", "Marketing specialist"):
        assert name not in text and name not in json.dumps(data, ensure_ascii=False)
    assert all(e["id"].startswith("anon-") and e["name"] == e["id"] and e["role"] == "" for e in data["employees"])


# --- the rollup's rules, on hand-made members ------------------------------------------------------------


def team_of(catalog, members, **settings):
    return build_team(members, catalog, TeamSettings(**{"min_group": 1, **settings}))


def test_cohort_of_people_at_the_same_level(catalog):
    people = [member(catalog, f"E{i}", {"prompt-engineering": (1, 3)}) for i in range(3)]
    (cohort,) = team_of(catalog, people).cohorts
    assert (cohort.skill, cohort.low, cohort.high, cohort.to) == ("prompt-engineering", 1, 1, 3)
    assert [p.id for p in cohort.members] == ["E0", "E1", "E2"] and cohort.activities and cohort.hours > 0
    assert team_of(catalog, people[:2]).cohorts == ()  # fewer than --cohort-min
    assert len(team_of(catalog, people[:2], cohort_min=2).cohorts) == 1


def test_cohort_spans_the_next_level_only_when_everyone_gains(catalog):
    widened = [
        member(catalog, "A", {"prompt-engineering": (1, 3)}),
        member(catalog, "B", {"prompt-engineering": (1, 4)}),
        member(catalog, "C", {"prompt-engineering": (2, 3)}),
    ]
    (cohort,) = team_of(catalog, widened).cohorts
    assert (cohort.low, cohort.high, cohort.to) == (1, 2, 3)
    # someone at level 1 needs only level 2: a 1 -> 2 training does nothing for the person at 2
    split = [
        member(catalog, "A", {"prompt-engineering": (1, 2)}),
        member(catalog, "B", {"prompt-engineering": (1, 3)}),
        member(catalog, "C", {"prompt-engineering": (2, 3)}),
    ]
    assert team_of(catalog, split).cohorts == ()
    assert [(c.low, c.high) for c in team_of(catalog, split, cohort_min=1).cohorts] == [(1, 1), (2, 2)]


def test_large_cohorts_are_split_into_sessions(catalog):
    people = [member(catalog, f"E{i}", {"prompt-engineering": (0, 2)}) for i in range(7)]
    cohorts = team_of(catalog, people, cohort_max=3).cohorts
    assert [len(c.members) for c in cohorts] == [3, 2, 2]
    assert [(c.session, c.sessions) for c in cohorts] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(p.id for c in cohorts for p in c.members) == [f"E{i}" for i in range(7)]


def test_single_points_of_failure(catalog):
    nobody = [member(catalog, f"E{i}", {"deep-learning": (1, 4)}, role="ml-engineer") for i in range(3)]
    (point,) = team_of(catalog, nobody).single_points
    assert (point.skill, point.level, point.need, point.holder) == ("deep-learning", 4, 3, None)
    one = [*nobody, member(catalog, "X", {"deep-learning": (5, 0)}, role="ld-coach")]  # holds it, role does not ask
    (point,) = team_of(catalog, one).single_points
    assert point.holder is not None and point.holder.id == "X"
    two = [*one, member(catalog, "Y", {"deep-learning": (4, 4)}, role="ml-engineer")]
    assert team_of(catalog, two).single_points == ()


def test_build_or_buy(catalog):
    late = [member(catalog, f"E{i}", {"data-mining": (3, 4)}, steps={"data-mining": (20.0, 5.0 * i)}) for i in range(3)]
    (bridge,) = team_of(catalog, late).bridges
    assert (bridge.late, bridge.nobody_near, bridge.outside_hours) == (2, False, 15.0)  # 5 + 10 h after deadlines
    far = [
        member(catalog, f"E{i}", {"deep-learning": (0, 4)}, role="ml-engineer", steps={"deep-learning": (80.0, 0)})
        for i in range(2)
    ]
    (bridge,) = team_of(catalog, far).bridges
    assert bridge.nobody_near and bridge.best == 0 and bridge.outside_hours == 160.0  # all the team's hours
    near = [member(catalog, "A", {"deep-learning": (3, 4)}, role="ml-engineer", steps={"deep-learning": (40.0, 0)})]
    assert team_of(catalog, near).bridges == ()


def test_min_group_hides_figures_over_fewer_people(catalog):
    people = [
        member(
            catalog,
            f"E{i}",
            {"prompt-engineering": (1, 3), "communication": (4, 4) if i else (2, 4)},
            steps={"prompt-engineering": (10.0, 0.0)},
        )
        for i in range(5)
    ]
    team = build_team(people, catalog, TeamSettings(min_group=5))
    rows = {r.skill: r for r in team.rows}
    assert (rows["prompt-engineering"].need, rows["prompt-engineering"].with_gap) == (5, 5)
    assert rows["prompt-engineering"].hours == 50.0 and rows["prompt-engineering"].mean_gap == 2.0
    assert rows["communication"].need == 5 and rows["communication"].with_gap is None  # one person has the gap
    assert rows["communication"].mean_gap is None and rows["communication"].hours is None
    assert team.totals is not None and team.totals.employees == 5
    small = build_team(people[:4], catalog, TeamSettings(min_group=5))
    assert small.totals is None and small.single_points == () and small.hidden > 0
    assert all(r.need is None for r in small.rows)
    markdown = render_team(small, "markdown")
    assert "fewer than 5" in markdown and "Team figures are hidden" in markdown


def test_pseudonyms_are_stable_and_keyed():
    # Stable across runs and versions: the values a report shared last quarter used (an HMAC-SHA256
    # of the id, so anyone holding the key can check them, and nobody without it can reverse them)
    assert pseudonym("E1042") == "anon-a169b8d8f16f" != pseudonym("E1043") == "anon-c7c9179d1f2c"
    assert pseudonym("E1042", "secret") == "anon-3a80d8ba093d"
    # Keyed: another key gives other pseudonyms for every id, and ids stay apart under one key
    ids = [f"E{i}" for i in range(50)]
    assert len({pseudonym(i, "secret") for i in ids}) == len(ids)
    assert not {pseudonym(i, "secret") for i in ids} & {pseudonym(i, "other") for i in ids}
    assert all(re.fullmatch(r"anon-[0-9a-f]{12}", pseudonym(i, "secret")) for i in ids)


def test_anonymize_replaces_names_and_ids_everywhere(catalog):
    people = [member(catalog, f"E{i}", {"prompt-engineering": (1, 3)}, name=f"Secret Name {i}") for i in range(3)]
    team = build_team(people, catalog, TeamSettings(min_group=1, anonymize=True))
    for fmt in ("markdown", "json", "html", "csv"):
        text = render_team(team, fmt, "gaps" if fmt == "csv" else "skills")
        assert "Secret Name" not in text and "E1" not in text, fmt
    assert {p.id for p in team.people} == {pseudonym(f"E{i}") for i in range(3)}


def test_hours_after_deadline_agree_with_late_steps(catalog):
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 5, "the bundled example profiles are missing"
    for path in examples:
        problems = Problems()
        profile = read_profile(read_document(path), catalog, problems)
        for deadline in (None, date(2027, 1, 29), date(2027, 6, 30)):
            plan = build_plan(profile, catalog, Options(start=date.fromisoformat(START), deadline=deadline))
            after = hours_after_deadline(plan)
            assert [a > 0 for a in after] == [s.late for s in plan.steps], path.name
            assert all(0 <= a <= s.hours + 0.02 for a, s in zip(after, plan.steps, strict=True))


# --- CSV that a spreadsheet will not run -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,cell",
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("＝1+1", "'＝1+1"),
        ("a=b", "a=b"),
        ("Ana Ruiz", "Ana Ruiz"),
        ("", ""),
        (None, ""),
        (3, "3"),
        (2.5, "2.5"),
        (12.0, "12"),
        (True, "yes"),
        (False, "no"),
    ],
)
def test_csv_cells_are_escaped(value, cell):
    assert csv_cell(value) == cell


def test_csv_output_is_safe_end_to_end(runner, tmp_path):
    (tmp_path / "r.csv").write_text(
        "id,name,role,target_role,Prompting\n"
        '"=cmd|\' /C calc\'!A0","=HYPERLINK(""http://evil"",""click"")",@admin,ld-coach,1\n'
        "E2,+Plus,-minus,ld-coach,1\n",
        encoding="utf-8",
    )
    for table in ("skills", "gaps", "heatmap"):
        result = runner.invoke(
            cli,
            [
                "team",
                str(tmp_path / "r.csv"),
                "--start",
                START,
                "--format",
                "csv",
                "--csv-table",
                table,
                "--min-group",
                "1",
                "--jobs",
                "1",
            ],
        )
        assert result.exit_code == 0, result.stderr
        for record in csv.reader(io.StringIO(result.stdout)):
            for value in record:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (table, value)
    assert "'=HYPERLINK" in result.stdout and "'+Plus" in result.stdout


# --- the command ----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_team_formats_and_output_files(runner, tmp_path):
    for suffix, marker in (
        (".md", "# Team skills report"),
        (".json", '"schema": "upskill.team/3"'),
        (".csv", "skill,name,level_needed"),
        (".html", "<!DOCTYPE html>"),
        (".txt", "Team skills report"),
    ):
        path = tmp_path / f"team{suffix}"
        result = runner.invoke(cli, ["team", ROSTER, "--start", START, "-o", str(path), "--jobs", "1"])
        assert result.exit_code == 0, result.stderr
        assert marker in path.read_text(encoding="utf-8") and result.stdout == ""
    result = runner.invoke(cli, ["team", ROSTER, "--start", START, "--jobs", "1"])
    assert result.stdout.startswith("# Team skills report")  # Markdown when stdout is not a terminal


def test_team_output_file_is_replaced_like_any_file(runner, tmp_path):
    path = tmp_path / "team.md"
    path.write_text("last quarter's report\n")
    path.chmod(0o640)
    result = runner.invoke(cli, ["team", ROSTER, "--start", START, "-o", str(path), "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8").startswith("# Team skills report")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # kept, as for `upskill plan -o`
    assert [p.name for p in tmp_path.iterdir()] == ["team.md"]  # no temporary file left


@pytest.mark.slow
def test_team_table_is_coloured_when_asked(runner):
    result = runner.invoke(cli, ["--color", "team", ROSTER, "--start", START, "--format", "table", "--jobs", "1"])
    assert result.exit_code == 0 and "\x1b[" in result.stdout and "Heatmap" in result.stdout
    plain = runner.invoke(cli, ["team", ROSTER, "--start", START, "--format", "table", "--no-color", "--jobs", "1"])
    assert "\x1b[" not in plain.stdout and "Single points of failure" in plain.stdout


@pytest.mark.slow
@pytest.mark.parametrize("width", ["60", "80", "100"])
def test_team_table_legend_never_splits_a_skill_name(runner, width):
    result = runner.invoke(
        cli, ["team", ROSTER, "--start", START, "--format", "table", "--jobs", "1"], env={"COLUMNS": width}
    )
    assert result.exit_code == 0, result.stderr
    # The legend lines of every heatmap page (a narrow terminal pages the skill columns).
    legend = [line for line in result.stdout.splitlines() if re.match(r"\d+ [A-Z]", line)]
    assert all(len(line) <= int(width) for line in legend)
    entries = [entry for line in legend for entry in line.split("  ")]
    assert entries[:3] == ["1 AI modelling", "2 Human oversight of AI output", "3 AI workflow integration"]
    assert "14 Problem-solving" in entries and "8 Data annotation and labeling" in entries
    assert [int(entry.split()[0]) for entry in entries] == list(range(1, len(entries) + 1))


def test_team_reports_failures_and_still_shows_the_others(runner, tmp_path):
    (tmp_path / "r.csv").write_text("id,target_role,Prompting\nE1,ld-coach,1\nE2,nope,1\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["team", str(tmp_path / "r.csv"), "--start", START, "--format", "markdown", "--jobs", "1"]
    )
    assert result.exit_code == 1
    assert "unknown target role 'nope'" in result.stderr
    assert result.stderr.strip().endswith("upskill: 1 employee in the team report, 1 failed")
    assert "## Not included" in result.stdout and "| E1 |" in result.stdout and "| E2 |" not in result.stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (["-o", "team.pdf"], "cannot tell the format"),
        (["-o", ROSTER], "would overwrite an input"),
        (["--min-group", "0"], "--min-group"),
        (["--cohort-min", "1"], "--cohort-min"),
    ],
)
def test_team_bad_usage_exits_2(runner, args, message):
    result = runner.invoke(cli, ["team", ROSTER, "--start", START, *args])
    assert result.exit_code == 2 and message in result.stderr


def test_anonymized_heatmap_leaves_out_small_roles(catalog):
    people = [member(catalog, f"E{i}", {"prompt-engineering": (1, 3)}) for i in range(3)]
    people += [member(catalog, f"M{i}", {"deep-learning": (1, 4)}, role="ml-engineer") for i in range(2)]
    team = build_team(people, catalog, TeamSettings(min_group=3, anonymize=True))
    assert team.left_out == 2 and {m.target_role for m in team.members} == {"ai-content-strategist"}
    assert team.totals is not None and team.totals.employees == 3  # nor counted: tests/test_privacy.py
    assert build_team(people, catalog, TeamSettings(min_group=3)).left_out == 0  # names shown: nothing to hide
