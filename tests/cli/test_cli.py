"""The command line as a user meets it: every command and option, exit codes 0/1/2, one line per
problem on stderr, files written atomically, and never a traceback."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import shutil
import stat
import subprocess
import sys
from datetime import date

import click
import pytest

import upskill.cli
from tests.helpers import EXAMPLES, ROOT, START
from upskill import __version__
from upskill.cli import cli

ANA = str(EXAMPLES / "ana-ruiz.yaml")
ANSI = re.compile(r"\x1b\[")
PROBLEM_LINE = re.compile(r"^upskill: (error|warning): \S")


def plan(runner, *args, input=None, env=None):
    return runner.invoke(cli, ["plan", *args], input=input, env=env)


def plan_json(runner, *args, profile=ANA):
    result = plan(runner, profile, "--start", START, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def assert_clean_failure(result, code):
    """Exit `code`, nothing on stdout, each stderr line a problem, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


def problem_lines(stderr):
    lines = stderr.splitlines()
    assert lines, "expected problems on stderr"
    for line in lines:
        assert PROBLEM_LINE.match(line), line
    return lines


# --- formats -----------------------------------------------------------------------------------


def test_json_has_the_documented_shape(runner):
    data = plan_json(runner)
    assert data["employee"]["id"] == "E1042"
    assert data["role"]["id"] == "ai-content-strategist"
    gap = data["gaps"][0]
    assert {"skill", "current", "assumed", "target", "gap", "priority"} <= set(gap)
    assert gap["gap"] == gap["target"] - gap["assumed"]  # current is null for a skill the profile does not list
    assert [g["priority"] for g in data["gaps"]] == sorted((g["priority"] for g in data["gaps"]), reverse=True)
    step = data["steps"][0]
    assert {"skill", "hours", "start", "end", "activities"} <= set(step)
    assert step["start"] == START
    assert {"total_hours", "completion"} <= set(data["summary"])
    assert data["summary"]["total_hours"] == pytest.approx(sum(s["hours"] for s in data["steps"]))
    assert data["summary"]["completion"] == data["steps"][-1]["end"]
    assert [m["skill"] for m in data["met"]] == ["collaboration", "communication", "time-management"]


def test_json_ana_ruiz_agrees_with_itself(runner):
    """examples/ana-ruiz.yaml at 4 h/week from 2026-11-23 (the hours by hand are in planning/test_schedule.py,
    on a catalog that does not change): steps start on Mondays, end on Fridays, run in two tracks, and
    are late exactly when they end after the 2027-06-30 deadline."""
    data = plan_json(runner)
    steps = data["steps"]
    assert {s["track"] for s in steps} == {1, 2}
    for s in steps:
        assert date.fromisoformat(s["start"]).weekday() == 0 and date.fromisoformat(s["end"]).weekday() == 4
        assert s["late"] == (s["end"] > "2027-06-30")
        assert s["hours"] <= s["activity_hours"]
    assert data["summary"]["late_steps"] == sum(s["late"] for s in steps)
    assert data["summary"]["parallel"] == 2
    assert sum(data["summary"]["mix"].values()) == pytest.approx(1, abs=0.02)
    assert data["checkins"][-1]["date"] == data["summary"]["completion"]


def test_markdown_when_stdout_is_not_a_terminal(runner):
    result = plan(runner, ANA, "--start", START)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Learning plan: Ana Ruiz (E1042)\n")
    assert "## Steps" in result.stdout
    assert "| Content creation | 3 intermediate | 4 advanced | 1 |" in result.stdout
    assert ANSI.search(result.stdout) is None
    assert result.stderr == ""


@pytest.mark.slow
def test_table_format(runner):
    result = plan(runner, ANA, "--start", START, "--format", "table")
    assert result.exit_code == 0
    assert result.stdout.startswith("Learning plan: Ana Ruiz (E1042) → AI content strategist")
    assert "Plan by week" in result.stdout
    completion = plan_json(runner)["summary"]["completion"]
    assert f"Completion {completion}" in result.stdout
    assert "Deadline on track for 2027-06-30" in result.stdout
    slower = plan(runner, ANA, "--start", START, "--format", "table", "--hours-per-week", "0.5").stdout
    # at half an hour a week most of it is the next cycle, after the deadline
    assert re.search(r"Deadline 2027-06-30: (\d+ steps? cannot finish in time|\d+ skills? needs? a next cycle)", slower)


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("plan.md", "markdown"),
        ("plan.markdown", "markdown"),
        ("plan.json", "json"),
        ("PLAN.JSON", "json"),
        ("plan.txt", "table"),
    ],
)
def test_output_file_picks_the_format_from_its_extension(runner, tmp_path, name, fmt):
    profile = shutil.copy(ANA, tmp_path / "ana.yaml")
    out = tmp_path / name
    result = plan(runner, str(profile), "--start", START, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["employee"]["id"] == "E1042"
    elif fmt == "markdown":
        assert text.startswith("# Learning plan")
    else:
        assert text.startswith("Learning plan: Ana Ruiz") and ANSI.search(text) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["ana.yaml", name])  # no temp file left


def test_output_file_is_replaced_and_readable_like_any_file(runner, tmp_path):
    out = tmp_path / "plan.md"
    out.write_text("old contents\n")
    out.chmod(0o640)
    assert plan(runner, ANA, "--start", START, "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("# Learning plan")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # kept
    fresh = tmp_path / "fresh.md"
    assert plan(runner, ANA, "--start", START, "-o", str(fresh)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.md", "plan.md"]


def test_format_flag_beats_the_extension(runner, tmp_path):
    out = tmp_path / "plan.md"
    assert plan(runner, ANA, "--start", START, "--format", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["schema"]


def test_output_with_unknown_extension_is_a_usage_error(runner, tmp_path):
    stderr = assert_clean_failure(plan(runner, ANA, "-o", str(tmp_path / "plan.pdf")), 2)
    assert "cannot tell the format" in stderr
    assert list(tmp_path.iterdir()) == []


def test_output_onto_the_profile_is_refused(runner, tmp_path):
    profile = shutil.copy(ANA, tmp_path / "ana.yaml")
    before = profile.read_bytes()
    (tmp_path / "sub").mkdir()
    for target in (str(profile), str(tmp_path / "sub" / ".." / "ana.yaml")):
        stderr = assert_clean_failure(plan(runner, str(profile), "--format", "json", "-o", target), 2)
        assert "would overwrite an input" in stderr and "(the profile)" in stderr
    assert profile.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana.yaml", "sub"]


def test_output_into_a_missing_folder_is_an_error(runner, tmp_path):
    stderr = assert_clean_failure(plan(runner, ANA, "-o", str(tmp_path / "nope" / "plan.md")), 1)
    problem_lines(stderr)


# --- options -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_explain_shows_the_terms(runner):
    plain = plan(runner, ANA, "--start", START).stdout
    explained = plan(runner, ANA, "--start", START, "--explain").stdout
    assert "Gap term" not in plain
    assert "How the priorities were computed" in explained
    assert "priority = 2 × weight × gap + 1 × demand + 0.5 × unlocks" in explained
    demand = plan_json(runner)["gaps"]
    content = next(g for g in demand if g["skill"] == "content-creation")
    d = content["demand"]
    assert f"| Content creation | 4.00 | {d:.2f} ({d}) | 0.00 (0) | 2.0 | {4 + d:.2f} |" in explained
    table = plan(runner, ANA, "--start", START, "--explain", "--format", "table").stdout
    assert "priority = 2 × weight × gap + 1 × demand + 0.5 × unlocks" in table


def test_weight_changes_priorities(runner):
    default = {g["skill"]: g["priority"] for g in plan_json(runner)["gaps"]}
    no_demand = plan_json(runner, "--weight", "demand=0")
    # without demand, priority = 2 x weight x gap (no gap here unlocks another)
    assert {g["skill"]: g["priority"] for g in no_demand["gaps"]} == {
        g["skill"]: 2 * g["weight"] * g["gap"] for g in no_demand["gaps"]
    }
    assert {g["skill"]: g["priority"] for g in no_demand["gaps"]}["content-creation"] == 4  # weight 2, gap 1
    assert no_demand["weights"] == {"gap": 2, "demand": 0, "unlocks": 0.5}
    assert default["content-creation"] > 4
    both = plan_json(runner, "--weight", "demand=0", "--weight", "gap=1")
    assert both["weights"] == {"gap": 1, "demand": 0, "unlocks": 0.5}


@pytest.mark.parametrize("weight", ["foo=1", "demand=x", "demand=-1", "demand=1001", "demand"])
def test_bad_weight_is_a_usage_error(runner, weight):
    assert_clean_failure(plan(runner, ANA, "--weight", weight), 2)


def test_role_flag_replaces_the_target_role(runner):
    data = plan_json(runner, "--role", "ML Engineer")
    assert data["role"]["id"] == "ml-engineer"
    assert "deep-learning" in {g["skill"] for g in data["gaps"]}


def test_unknown_role_is_a_usage_error_with_a_suggestion(runner):
    stderr = assert_clean_failure(plan(runner, ANA, "--role", "ml-enginer"), 2)
    assert problem_lines(stderr) == [
        "upskill: error: --role: unknown role 'ml-enginer' (did you mean 'ml-engineer'?); see `upskill catalog roles`"
    ]


def test_top_plans_the_best_gaps_and_their_prerequisites(runner, tmp_path, make_profile, write):
    ranked = [g["skill"] for g in plan_json(runner)["gaps"]]
    top1 = plan_json(runner, "--top", "1")
    assert [s["skill"] for s in top1["steps"]] == ranked[:1]
    assert [g["skill"] for g in top1["not_planned"]] == ranked[1:]  # said, not dropped silently
    assert sorted(s["skill"] for s in plan_json(runner, "--top", "2")["steps"]) == sorted(ranked[:2])
    # deep learning needs AI modelling at 3, which needs data quality at 2: --top 1 brings the chain along
    path = write(tmp_path, "p.yaml", make_profile({}, target_role="ml-engineer"))
    data = plan_json(runner, "--top", "1", profile=str(path))
    order = [s["skill"] for s in data["steps"]]
    assert {"data-quality-analysis", "ai-modelling"} <= set(order)
    assert order.index("data-quality-analysis") < order.index("ai-modelling")
    # one cycle raises AI modelling by 2 levels, short of the 3 deep learning needs: it waits for the next
    assert "deep-learning" in {x["skill"] for x in data["later"]} and "deep-learning" not in order
    assert_clean_failure(plan(runner, ANA, "--top", "0"), 2)


def test_deadline_and_hours_flags(runner):
    data = plan_json(runner, "--deadline", "2027-12-31", "--hours-per-week", "8")
    assert data["summary"]["deadline"] == "2027-12-31"
    assert data["summary"]["late_steps"] == 0
    assert data["summary"]["hours_per_week"] == 8
    slower = plan_json(runner, "--deadline", "2027-12-31", "--hours-per-week", "2")
    assert data["summary"]["completion"] <= slower["summary"]["completion"]


def test_deadline_before_start_is_a_usage_error(runner):
    stderr = assert_clean_failure(plan(runner, ANA, "--start", START, "--deadline", "2026-11-01"), 2)
    assert problem_lines(stderr) == ["upskill: error: --deadline 2026-11-01 is before the start 2026-11-23"]


@pytest.mark.parametrize("hours", ["0", "-1", "81", "lots", "0.001"])  # 0.001: under a minute a week
def test_bad_hours_per_week_is_a_usage_error(runner, hours):
    assert_clean_failure(plan(runner, ANA, "--hours-per-week", hours), 2)


@pytest.mark.parametrize(
    "flag,value",
    [("--start", "2026-02-30"), ("--start", "next week"), ("--deadline", "31/12/2027"), ("--format", "xml")],
)
def test_bad_flag_values_are_usage_errors(runner, flag, value):
    stderr = assert_clean_failure(plan(runner, ANA, flag, value), 2)
    assert value in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["plan"],
        ["plan", "examples/ana-ruiz.yaml", "--top", "0"],
        ["bogus"],
        ["team", "examples/roster.csv", "--min-group", "x"],
        ["plan", "--no-such-flag"],
    ],
)
def test_usage_errors_are_one_line_naming_the_help(runner, args):
    """Click's four-line usage block becomes the one `upskill: error:` line every other problem gets."""
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("upskill: error: "), result.stderr
    assert lines[0].endswith("--help'") and result.stdout == ""


def test_default_start_is_next_monday(runner):
    from datetime import date

    from upskill.planning.schedule import next_monday

    data = json.loads(plan(runner, ANA, "--format", "json").stdout)
    assert data["summary"]["start"] == next_monday(date.today()).isoformat()


@pytest.mark.slow
def test_catalog_overlay_from_the_command_line(runner, tmp_path, write):
    overlay = write(
        tmp_path,
        "ours.yaml",
        "roles:\n  - id: prompt-lead\n    name: Prompt lead\n    requires: {prompt-engineering: 5}\n",
    )
    data = plan_json(runner, "--catalog", "default", "--catalog", str(overlay), "--role", "prompt-lead")
    assert [g["skill"] for g in data["gaps"]] == ["prompt-engineering"]
    stderr = assert_clean_failure(plan(runner, ANA, "--catalog", str(tmp_path / "missing.yaml")), 1)
    assert "no such catalog" in stderr


# --- input -------------------------------------------------------------------------------------------


def test_profile_on_stdin_yaml(runner):
    text = (EXAMPLES / "ana-ruiz.yaml").read_text()
    result = plan(runner, "-", "--start", START, "--format", "json", input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == plan(runner, ANA, "--start", START, "--format", "json").stdout


def test_profile_on_stdin_json(runner):
    text = json.dumps({"employee": {"id": "E9", "target_role": "ld-coach"}, "skills": {"coaching": 2}})
    result = plan(runner, "-", "--start", START, "--format", "json", input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["employee"]["id"] == "E9"


def test_stdin_errors_are_named_stdin(runner):
    stderr = assert_clean_failure(plan(runner, "-", input="employee: {id: E1, target_role: nope}\n"), 1)
    assert problem_lines(stderr)[0].startswith("upskill: error: <stdin>:1:")


def test_toml_profile(runner, tmp_path, write):
    path = write(tmp_path, "p.toml", '[employee]\nid = "T1"\ntarget_role = "ml-engineer"\n[skills]\nDL = 2\n')
    assert plan_json(runner, profile=str(path))["employee"]["id"] == "T1"


def test_bad_data_exits_1_with_one_located_line_per_problem(runner, tmp_path, write):
    path = write(
        tmp_path,
        "p.yaml",
        "employee:\n  id: E1\n  target_role: ml-enginer\n  hours_per_week: 0\nskills:\n  coaching: 9\n",
    )
    lines = problem_lines(assert_clean_failure(plan(runner, str(path)), 1))
    assert lines == [
        f"upskill: error: {path}:3:3: employee.target_role: unknown target role 'ml-enginer' "
        "(did you mean 'ml-engineer'?); see `upskill catalog roles`",
        f"upskill: error: {path}:4:3: employee.hours_per_week: must be greater than 0, found 0",
        f"upskill: error: {path}:6:3: skills.coaching: a number (9) is not a level; "
        "use 0-5 or none, awareness, beginner, intermediate, advanced, expert",
    ]


def test_missing_profile_is_named_without_a_traceback(runner, tmp_path):
    result = plan(runner, str(tmp_path / "nobody.yaml"))
    assert result.exit_code == 2  # PROFILE is an argument that names no file: bad usage
    stderr = assert_clean_failure(result, result.exit_code)
    assert str(tmp_path / "nobody.yaml") in stderr
    assert result.stdout == ""


def test_control_characters_from_input_stay_on_one_line(runner, tmp_path, write):
    path = write(tmp_path, "p.yaml", 'employee: {id: E1, target_role: ml-engineer}\nskills:\n  "a\\nb\\e[2J": 2\n')
    result = plan(runner, str(path), "--format", "json")
    assert result.exit_code == 0
    assert len(problem_lines(result.stderr)) == 1
    assert "\x1b" not in result.stderr


def test_warnings_print_and_the_plan_still_runs(runner, tmp_path, make_profile, write):
    path = write(tmp_path, "p.yaml", make_profile({"promting": 2, "coaching": 1}, target_role="ld-coach"))
    result = plan(runner, str(path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["employee"]["id"] == "E1"
    lines = problem_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("upskill: warning: ")
    assert "did you mean 'prompting'?" in lines[0]


def test_strict_turns_warnings_into_errors(runner, tmp_path, make_profile, write):
    path = write(tmp_path, "p.yaml", make_profile({"promting": 2}, target_role="ld-coach"))
    result = plan(runner, str(path), "--format", "json", "--strict")
    lines = problem_lines(assert_clean_failure(result, 1))
    assert result.stdout == ""
    assert len(lines) == 1 and lines[0].startswith("upskill: error: ") and "promting" in lines[0]


# --- validate --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_validate_the_examples(runner):
    result = runner.invoke(cli, ["validate", *sorted(str(p) for p in EXAMPLES.glob("*.yaml"))])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5
    assert all(line.endswith(": ok") for line in result.stdout.splitlines())
    assert "5 files checked: all ok" in result.stderr


def test_validate_a_folder(runner):
    result = runner.invoke(cli, ["validate", str(EXAMPLES)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 5


@pytest.mark.slow
def test_validate_the_bundled_catalog_files(runner):
    result = runner.invoke(cli, ["validate", str(ROOT / "catalog")])
    assert result.exit_code == 0, result.stderr
    assert "3 files checked: all ok" in result.stderr


def test_validate_reports_every_problem_of_every_file(runner, tmp_path, write, make_profile):
    bad = write(tmp_path, "bad.yaml", "employee: {id: E1, target_role: ml-enginer}\nskills: {promting: 2, dl: 9}\n")
    broken = write(tmp_path, "broken.json", '{"employee": ')
    other = write(tmp_path, "other.yaml", "colour: blue\n")
    good = write(tmp_path, "good.yaml", make_profile({"coaching": 2}))
    result = runner.invoke(cli, ["validate", str(bad), str(broken), str(other), str(good)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{good}: ok"]
    lines = result.stderr.splitlines()
    problems = [line for line in lines if PROBLEM_LINE.match(line)]
    assert len(problems) == 5, lines
    assert sum(str(bad) in p for p in problems) == 3
    assert any(str(broken) in p and "JSON syntax error" in p for p in problems)
    assert any(str(other) in p and "neither a profile" in p for p in problems)
    assert lines[-1] == "upskill: 4 files checked: 3 with errors (4 errors, 1 warning)"


def test_validate_missing_file_is_named(runner, tmp_path):
    result = runner.invoke(cli, ["validate", str(EXAMPLES / "ana-ruiz.yaml"), str(tmp_path / "gone.yaml")])
    assert result.exit_code == 1  # one of the files checked has a problem; the others are still checked
    assert f"{EXAMPLES / 'ana-ruiz.yaml'}: ok" in result.stdout
    assert "gone.yaml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_validate_warnings_pass_unless_strict(runner, tmp_path, write, make_profile):
    path = write(tmp_path, "p.yaml", make_profile({"promting": 2}))
    relaxed = runner.invoke(cli, ["validate", str(path)])
    assert relaxed.exit_code == 0
    assert "upskill: warning: " in relaxed.stderr
    strict = runner.invoke(cli, ["validate", "--strict", str(path)])
    assert strict.exit_code == 1
    problems = [line for line in strict.stderr.splitlines() if PROBLEM_LINE.match(line)]
    assert len(problems) == 1 and problems[0].startswith("upskill: error: ") and "promting" in problems[0]
    assert strict.stdout == ""  # the file is not ok


@pytest.mark.slow
def test_validate_catalog_with_profiles(runner, tmp_path, write, make_profile):
    overlay = write(
        tmp_path,
        "ours.yaml",
        "roles:\n  - id: prompt-lead\n    name: Prompt lead\n    requires: {prompt-engineering: 5}\n",
    )
    profile = write(tmp_path, "p.yaml", make_profile({"coaching": 2}, target_role="prompt-lead"))
    assert runner.invoke(cli, ["validate", str(profile)]).exit_code == 1  # unknown role in the bundled catalog
    result = runner.invoke(cli, ["validate", "--catalog", "default", str(overlay), str(profile)])
    assert result.exit_code == 0, result.stderr


def test_validate_a_broken_catalog_reports_it(runner, tmp_path, write):
    cat = write(
        tmp_path,
        "cat.yaml",
        "skills:\n  - {id: aa, name: A, prerequisites: [bb]}\n  - {id: bb, name: B, prerequisites: [aa]}\n",
    )
    result = runner.invoke(cli, ["validate", str(cat)])
    assert result.exit_code == 1
    assert "prerequisite cycle" in result.stderr


def test_validate_needs_a_file(runner):
    assert runner.invoke(cli, ["validate"]).exit_code == 2


# --- catalog -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_catalog_list(runner):
    result = runner.invoke(cli, ["catalog", "list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "CATEGORY", "DEMAND"]
    assert "22 skills." in result.stdout
    assert any(line.startswith("prompt-engineering ") and "0.85 rising" in line for line in lines)


def test_catalog_list_by_category(runner):
    result = runner.invoke(cli, ["catalog", "list", "--category", "soft-skill"])
    assert result.exit_code == 0
    assert "communication" in result.stdout and "deep-learning" not in result.stdout
    unknown = runner.invoke(cli, ["catalog", "list", "--category", "cooking"])
    assert "no skills in category 'cooking'" in unknown.stdout


@pytest.mark.parametrize("name", ["prompt-engineering", "Prompting", "PROMPT DESIGN"])
def test_catalog_show_by_id_name_or_alias(runner, name):
    result = runner.invoke(cli, ["catalog", "show", name])
    assert result.exit_code == 0
    assert result.stdout.startswith("Prompt engineering (prompt-engineering)\n")
    assert "source: HR Brew, 2025-01-21" in result.stdout
    assert "needed by: " in result.stdout and "ai-chatbot-developer (4 advanced)" in result.stdout


@pytest.mark.slow
def test_catalog_show_unknown_skill_suggests(runner):
    stderr = assert_clean_failure(runner.invoke(cli, ["catalog", "show", "promting"]), 2)
    assert problem_lines(stderr) == [
        "upskill: error: unknown skill 'promting' (did you mean 'prompting'?); see `upskill catalog list`"
    ]


def test_catalog_roles(runner):
    result = runner.invoke(cli, ["catalog", "roles"])
    assert result.exit_code == 0
    assert "ml-engineer  Machine-learning / deep-learning engineer" in result.stdout
    assert "  - deep-learning: 4 advanced (weight 2)" in result.stdout
    assert result.stdout.endswith("7 roles.\n")


@pytest.mark.slow
def test_catalog_commands_take_an_overlay(runner, tmp_path, write):
    overlay = write(tmp_path, "ours.yaml", "skills:\n  - id: knitting\n    name: Knitting\n    category: craft\n")
    result = runner.invoke(cli, ["catalog", "list", "--catalog", "default", "--catalog", str(overlay)])
    assert "knitting" in result.stdout and "23 skills." in result.stdout
    broken = write(tmp_path, "broken.yaml", "skills: [\n")
    assert_clean_failure(runner.invoke(cli, ["catalog", "roles", "--catalog", str(broken)]), 1)


# --- the program ------------------------------------------------------------------------------------


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"upskill {__version__}\n"


def all_commands(group=cli, path=()):
    yield path, group
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            yield from all_commands(command, (*path, name))


COMMANDS = [path for path, _ in all_commands()]


def test_the_command_list_is_complete():
    assert {" ".join(p) for p in COMMANDS} >= {
        "",
        "plan",
        "validate",
        "catalog",
        "catalog list",
        "catalog show",
        "catalog roles",
        "batch",
        "team",
    }


def test_every_command_in_the_cli_modules_is_in_the_group():
    """A command written in a module of upskill/cli but never added to `cli` would escape the help tests."""
    registered = {id(command) for _, command in all_commands()}
    defined = {}
    for module in pkgutil.iter_modules(upskill.cli.__path__):
        found = importlib.import_module(f"upskill.cli.{module.name}")
        defined.update(
            {
                f"{module.name}.{name}": value
                for name, value in vars(found).items()
                if isinstance(value, click.Command) and value.callback.__module__ == found.__name__
            }
        )
    assert {
        "plan.plan",
        "validate.validate",
        "catalog.catalog",
        "catalog.catalog_list",
        "batch.batch",
        "team.team",
    } <= set(defined)
    assert [name for name, command in defined.items() if id(command) not in registered] == []


def test_the_command_list_says_what_each_command_does_in_one_whole_line(runner):
    listing = runner.invoke(cli, ["--help"], terminal_width=80).stdout.split("Commands:\n")[1]
    lines = [line for line in listing.splitlines() if line.strip()]
    names = ["batch", "catalog", "diff", "fit", "init", "plan", "schema", "team", "validate"]
    assert [line.split()[0] for line in lines] == names
    assert not any(line.endswith("...") or len(line) > 80 for line in lines), listing


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "upskill")
def test_every_help_has_an_example(runner, path):
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert re.search(r"^\s+Examples?:\s*$", result.stdout, re.M), result.stdout
    assert re.search(r"^\s+upskill " + " ".join(path), result.stdout, re.M), result.stdout
    assert runner.invoke(cli, [*path, "-h"]).stdout == result.stdout


def test_unknown_command_is_a_usage_error(runner):
    assert runner.invoke(cli, ["plna"]).exit_code == 2


# --- colour ----------------------------------------------------------------------------------------

TABLE = ["plan", ANA, "--start", START, "--format", "table"]


@pytest.mark.slow
def test_forced_colour_has_escapes(runner):
    """The check below can fail: with a terminal (FORCE_COLOR) the table is coloured."""
    assert ANSI.search(runner.invoke(cli, TABLE, env={"FORCE_COLOR": "1"}).stdout)
    assert ANSI.search(runner.invoke(cli, [*TABLE, "--color"]).stdout)


@pytest.mark.parametrize(
    "args,env",
    [
        ([*TABLE, "--no-color"], {"FORCE_COLOR": "1"}),
        (["--no-color", *TABLE], {"FORCE_COLOR": "1"}),
        (TABLE, {"FORCE_COLOR": "1", "NO_COLOR": "1"}),
        (TABLE, {}),
    ],
)
@pytest.mark.slow
def test_no_color_means_no_escapes_at_all(runner, args, env):
    result = runner.invoke(cli, args, env=env)
    assert result.exit_code == 0
    assert result.stdout.startswith("Learning plan: Ana Ruiz")
    assert ANSI.search(result.stdout) is None


def test_color_flag_chooses_the_table_even_when_piped(runner):
    assert runner.invoke(cli, ["plan", ANA, "--start", START, "--color"]).stdout.startswith("\x1b[")


# --- determinism -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["markdown", "json", "table"])
def test_two_runs_are_byte_identical(runner, fmt):
    args = ["plan", str(EXAMPLES / "kwame-mensah.yaml"), "--start", START, "--format", fmt, "--explain"]
    first, second = runner.invoke(cli, args), runner.invoke(cli, args)
    assert first.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes


# --- a real process ------------------------------------------------------------------------------------


def run(*args, **kwargs):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "upskill", *args], cwd=ROOT, capture_output=True, env=env, timeout=60, **kwargs
    )


@pytest.mark.slow
def test_piped_into_head_has_no_traceback():
    command = f"'{sys.executable}' -m upskill plan examples/ana-ruiz.yaml --format markdown --start {START} | head -1"
    proc = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, timeout=60)
    assert proc.stdout == b"# Learning plan: Ana Ruiz (E1042)\n"
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "examples/ana-ruiz.yaml", "--format", "table"),
        ("plan", "examples/ana-ruiz.yaml", "--format", "json"),
        ("catalog", "list"),
        ("team", "examples/roster.csv", "--format", "table"),
        ("team", "examples/roster.csv", "--format", "csv"),
        ("batch", "examples/roster.csv", "--out", "-"),
    ],
)
@pytest.mark.slow
def test_a_reader_that_left_is_not_an_error(args):
    """`upskill ... | head` in a `set -o pipefail` script: exit 0, nothing on stderr, whatever the command."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write fails with EPIPE, as when `head` has already exited
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "upskill", *args], cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE, timeout=60
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (0, b"")


@pytest.mark.slow
def test_error_in_a_real_process_has_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("employee: {id: E1, target_role: nope}\nskills: [\n")
    proc = run("plan", str(bad))
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.decode().startswith(f"upskill: error: {bad}:")


@pytest.mark.slow
def test_installed_entry_point():
    script = os.path.join(os.path.dirname(sys.executable), "upskill")
    if not os.path.exists(script):
        pytest.skip("no console script next to this interpreter")
    proc = subprocess.run([script, "--version"], capture_output=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout == f"upskill {__version__}\n".encode()


# --- start-up: heavy packages load only for the commands that need them ----------------------------------

PROBE = """
import sys
from upskill.cli import main
sys.argv = ["upskill", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write("LOADED " + " ".join(m for m in ("rich", "jinja2", "yaml", "openpyxl") if m in sys.modules) + "\\n")
"""


@pytest.mark.parametrize(
    "args,absent",
    [
        (["--help"], {"rich", "jinja2", "yaml", "openpyxl"}),
        (["plan", "examples/ana-ruiz.yaml", "--format", "markdown"], {"rich", "jinja2", "openpyxl"}),
        (["plan", "examples/ana-ruiz.yaml", "--format", "json"], {"rich", "jinja2", "openpyxl"}),
        (["team", "examples/roster.csv", "--format", "csv"], {"openpyxl"}),  # only a workbook needs it
    ],
)
@pytest.mark.slow
def test_commands_import_only_what_they_use(args, absent):
    """Start-up time is most of a single plan's time (README, "Speed"): no needless imports."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "UPSKILL_NO_CACHE": "1"},
    )
    loaded = set(result.stderr.rpartition("LOADED ")[2].split())
    assert result.stdout  # the command did its job
    assert not loaded & absent, f"{' '.join(args)} imported {sorted(loaded & absent)}"
