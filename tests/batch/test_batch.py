"""`upskill batch`: one plan per employee, written safely; failures reported per employee; nothing lost,
nothing clobbered, nothing written outside the output folder."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import EXAMPLES, ROOT, START, ctrl_c_reaches_it, interrupt_on_write
from upskill.batch import run as batch
from upskill.batch import workers
from upskill.batch.progress import Reporter
from upskill.batch.run import BatchSettings, collect_members, run_batch
from upskill.cli import cli
from upskill.planning.plan import Options
from upskill.write.folder import MANIFEST, _encoded_stem, file_stem, id_key

HEADER = "id,name,role,target_role,hours_per_week,deadline,Prompting,Communication,Content creation"
UPSKILL = str(Path(sys.executable).parent / "upskill")


def row(employee_id: str, role: str = "ai-content-strategist", prompting: str = "1", name: str = "") -> str:
    return f"{employee_id},{name or 'Person ' + employee_id},analyst,{role},4,2027-06-30,{prompting},3,2\n"


def make_roster(tmp_path: Path, *rows: str, name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "".join(rows), encoding="utf-8")
    return path


def run(runner, *args, input=None):
    return runner.invoke(cli, ["batch", *map(str, args), "--start", START, "--jobs", "1"], input=input)


def finish(process: subprocess.Popen, timeout: float = 60) -> bytes:
    """The process's stderr once it exits; a hang fails the test instead of stalling the suite."""
    try:
        return process.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"{' '.join(map(str, process.args))} still running after {timeout} s")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def plans(folder: Path) -> list[str]:
    return [n for n in listing(folder) if not n.startswith(".") and n not in ("index.md", "team.md")]


def no_temporary_files(folder: Path) -> bool:
    return not [n for n in listing(folder) if n.endswith(".tmp")]


# --- the happy path ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_roster_gives_plans_index_team_and_manifest(runner, tmp_path):
    out = tmp_path / "out"
    result = run(runner, ROOT / "examples" / "roster.csv", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == f"upskill: 17 plans written, 0 failed (see {out / 'index.md'})"
    assert len(plans(out)) == 17 and "index.md" in listing(out) and "team.md" in listing(out)
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| [E1042](E1042.md) | Ana Ruiz |" in index and index.count("](E") == 17
    manifest = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert manifest[1:] == sorted(listing(out)[1:])  # every file but the manifest itself, sorted


@pytest.mark.slow
@pytest.mark.parametrize("fmt,suffix", [("markdown", ".md"), ("json", ".json")])
def test_each_plan_is_what_upskill_plan_prints(runner, tmp_path, fmt, suffix):
    out = tmp_path / "out"  # each plan made alone (the roster scheduled together adds sessions and mentors)
    result = run(runner, EXAMPLES, "--out", out, "--format", fmt, "--no-sessions")
    assert result.exit_code == 0, result.stderr
    profiles = sorted(EXAMPLES.glob("*.yaml"))
    assert len(profiles) >= 5, "the bundled example profiles are missing"
    for profile in profiles:
        single = runner.invoke(cli, ["plan", str(profile), "--start", START, "--format", fmt])
        employee_id = json.loads(
            runner.invoke(cli, ["plan", str(profile), "--start", START, "--format", "json"]).stdout
        )["employee"]["id"]
        assert (out / f"{employee_id}{suffix}").read_text(encoding="utf-8") == single.stdout


@pytest.mark.slow
def test_a_roster_row_plans_like_the_same_profile_file(runner, tmp_path, write, make_profile):
    make_roster(tmp_path, row("E7", prompting="beginner", name="Ana Ruiz"))
    write(
        tmp_path,
        "e7.yaml",
        make_profile(
            {"Prompting": "beginner", "Communication": 3, "Content creation": 2},
            employee_id="E7",
            name="Ana Ruiz",
            role="analyst",
            hours_per_week=4,
            deadline="2027-06-30",
        ),
    )
    # each plan made alone (the roster scheduled together adds sessions and mentors)
    assert run(runner, tmp_path / "r.csv", "--out", tmp_path / "out", "--no-sessions").exit_code == 0
    single = runner.invoke(cli, ["plan", str(tmp_path / "e7.yaml"), "--start", START, "--format", "markdown"])
    assert (tmp_path / "out" / "E7.md").read_text(encoding="utf-8") == single.stdout


@pytest.mark.slow
def test_every_kind_of_input_at_once(runner, tmp_path, write, make_profile):
    write(tmp_path / "folder", "a.yaml", make_profile(employee_id="F1"))
    write(tmp_path / "folder", "b.toml", '[employee]\nid = "F2"\ntarget_role = "ld-coach"\n')
    write(tmp_path / "globbed", "g.json", '{"employee": {"id": "G1", "target_role": "ml-engineer"}}')
    make_roster(tmp_path, row("R1"), row("R2"))
    stdin = '{"employee": {"id": "S1", "target_role": "ld-coach"}}\n'
    result = run(
        runner,
        tmp_path / "folder",
        tmp_path / "globbed" / "*.json",
        tmp_path / "r.csv",
        "-",
        "--out",
        tmp_path / "out",
        input=stdin,
    )
    assert result.exit_code == 0, result.stderr
    assert plans(tmp_path / "out") == ["F1.md", "F2.md", "G1.md", "R1.md", "R2.md", "S1.md"]


@pytest.mark.slow
def test_other_formats_and_html_escaping(runner, tmp_path):
    make_roster(tmp_path, row("E1", name="<script>alert(1)</script>"), row("E2"))
    result = run(
        runner,
        tmp_path / "r.csv",
        "--out",
        tmp_path / "out",
        "--format",
        "json",
        "--format",
        "html",
        "--format",
        "markdown",
    )
    assert result.exit_code == 0, result.stderr
    assert listing(tmp_path / "out") == [
        ".upskill-manifest",
        "E1.html",
        "E1.json",
        "E1.md",
        "E2.html",
        "E2.json",
        "E2.md",
        "index.html",
        "index.md",
        "team.html",
        "team.json",
        "team.md",
    ]
    page = (tmp_path / "out" / "E1.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<script>" not in (tmp_path / "out" / "team.html").read_text(encoding="utf-8")
    assert '<a href="E1.html">' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "out" / "team.json").read_text(encoding="utf-8"))["schema"] == "upskill.team/3"


@pytest.mark.slow
def test_json_lines_to_stdout(runner, tmp_path):
    lines = "".join(json.dumps({"employee": {"id": f"E{i}", "target_role": "ld-coach"}}) + "\n" for i in range(3))
    result = runner.invoke(
        cli, ["batch", "-", "--out", "-", "--format", "jsonl", "--start", START, "--jobs", "2"], input=lines
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert [json.loads(line)["employee"]["id"] for line in out] == ["E0", "E1", "E2"]
    assert all(json.loads(line)["schema"] == "upskill.plan/3" for line in out)
    assert result.stderr.strip() == "upskill: 3 plans written, 0 failed"


def test_json_problems_name_the_line(runner, tmp_path):
    (tmp_path / "p.json").write_text(
        '{\n  "employee": {"id": "E1", "target_role": "ld-coach"},\n  "skills": {\n    "coaching": 7\n  }\n}\n',
        encoding="utf-8",
    )
    lines = (
        '{"employee": {"id": "E2", "target_role": "ld-coach"}}\n'
        '{"employee": {"id": "E3", "target_role": "ld-coach"}, "skills": {"coaching": 1, "coaching": 2}}\n'
        '{"employee": {"id": "E4", "target_role": "ld-coach"}, "skills": {"coaching": 7}}\n'
    )
    result = runner.invoke(
        cli, ["batch", str(tmp_path / "p.json"), "-", "--out", "-", "--start", START, "--jobs", "1"], input=lines
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors[0].startswith(f"upskill: error: {tmp_path / 'p.json'}:4:5: skills.coaching: a number (7)")
    # JSON Lines: the line in the input, and a column only where the line alone would not say enough.
    assert errors[1] == (
        "upskill: error: <stdin>:2:81: duplicate key 'coaching' (first defined at column 66); remove one of them"
    )
    assert errors[2].startswith("upskill: error: <stdin>:3: skills.coaching: a number (7)")


@pytest.mark.slow
def test_json_lines_into_head_exits_quietly(tmp_path):
    make_roster(tmp_path, *(row(f"E{i}") for i in range(40)))
    process = subprocess.Popen(
        [UPSKILL, "batch", str(tmp_path / "r.csv"), "--out", "-", "--start", START],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = finish(process).decode()
    assert json.loads(first)["employee"]["id"] == "E0"
    assert "Traceback" not in stderr and process.returncode == 0


@pytest.mark.slow
def test_head_never_hangs_the_workers(tmp_path):
    # Stopping early once deadlocked multiprocessing.Pool about 1 run in 15; the workers now share no lock.
    make_roster(tmp_path, *(row(f"E{i}") for i in range(200)))
    for _ in range(25):
        process = subprocess.Popen(
            [UPSKILL, "batch", str(tmp_path / "r.csv"), "--out", "-", "--start", START, "--jobs", "2"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = finish(process, timeout=20)
        assert b"error" not in stderr and b"Traceback" not in stderr and process.returncode == 0


@pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="needs /proc/PID/task/PID/children (Linux) to find the workers",
)
@pytest.mark.slow
def test_a_killed_worker_is_reported_not_waited_for(tmp_path):
    process = subprocess.Popen(
        [UPSKILL, "batch", "-", "--out", str(tmp_path / "out"), "--start", START, "--jobs", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None

    def send(first: int, last: int) -> None:
        assert process.stdin is not None
        process.stdin.write(
            "".join(
                json.dumps({"employee": {"id": f"E{i}", "target_role": "ld-coach"}}) + "\n" for i in range(first, last)
            ).encode()
        )
        process.stdin.flush()

    send(0, 40)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 30
    while len(children.read_text().split()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(int(children.read_text().split()[0]), signal.SIGKILL)
    send(40, 80)
    stderr = finish(process).decode()  # closes stdin: the end of the input
    assert process.returncode == 1 and "Traceback" not in stderr
    assert "a worker process stopped unexpectedly (killed by SIGKILL)" in stderr
    assert no_temporary_files(tmp_path / "out")


@pytest.mark.slow
def test_jobs_two_writes_the_same_files_as_jobs_one(runner, tmp_path):
    make_roster(tmp_path, *(row(f"E{i}", prompting=str(i % 4)) for i in range(30)), row("E3"), "x,,,nope,,,,,\n")
    one = runner.invoke(
        cli, ["batch", str(tmp_path / "r.csv"), "--out", str(tmp_path / "one"), "--start", START, "--jobs", "1"]
    )
    two = runner.invoke(
        cli, ["batch", str(tmp_path / "r.csv"), "--out", str(tmp_path / "two"), "--start", START, "--jobs", "2"]
    )
    assert one.exit_code == two.exit_code == 1
    assert one.stderr == two.stderr.replace("/two", "/one")
    assert listing(tmp_path / "one") == listing(tmp_path / "two")
    for name in listing(tmp_path / "one"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


@pytest.mark.slow
def test_same_inputs_give_byte_identical_files(runner, tmp_path):
    for out in ("a", "b"):
        assert run(runner, ROOT / "examples" / "roster.csv", "--out", tmp_path / out, "--format", "json").exit_code == 0
    # Both folders' files: a file only the second run wrote (or none at all) is a difference too
    assert listing(tmp_path / "a") == listing(tmp_path / "b")
    assert {"index.md", "team.md", "team.json"} < set(listing(tmp_path / "a"))
    for name in listing(tmp_path / "a"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# --- failures: reported per employee, the others still run --------------------------------------------------


@pytest.mark.slow
def test_one_bad_row_is_reported_and_the_others_run(runner, tmp_path):
    roster = make_roster(
        tmp_path, row("E1"), row("E2", role="data-scientist"), row("E3", prompting="expret"), row("E4")
    )
    result = run(runner, roster, "--out", tmp_path / "out")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("upskill: warning:")]
    assert lines[0] == (
        f"upskill: error: {roster}:3:4: employee E2: target_role: unknown target role 'data-scientist'; "
        "see `upskill catalog roles`"
    )
    assert lines[1].startswith(f"upskill: error: {roster}:4:7: employee E3: Prompting: 'expret' is not a level")
    assert lines[-1] == f"upskill: 2 plans written, 2 failed (see {tmp_path / 'out' / 'index.md'})"
    assert plans(tmp_path / "out") == ["E1.md", "E4.md"]
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "## Not planned (2)" in index and "data-scientist" in index
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_strict_turns_warnings_into_failures(runner, tmp_path, write, make_profile):
    write(tmp_path, "p.yaml", make_profile({"basket weaving": 3}))
    assert run(runner, tmp_path / "p.yaml", "--out", tmp_path / "a").exit_code == 0
    result = run(runner, tmp_path / "p.yaml", "--out", tmp_path / "b", "--strict")
    assert result.exit_code == 1 and "upskill: error:" in result.stderr and plans(tmp_path / "b") == []


@pytest.mark.parametrize(
    "args,message",
    [
        (["--format", "jsonl"], "use --out -"),
        (["--format", "markdown", "--out", "-"], "use --format jsonl"),
        (["--jobs", "0"], "--jobs"),
        (["--deadline", "2020-01-01"], "before the start"),
        (["--encoding", "klingon"], "unknown encoding"),
        (["--format", "pdf"], "--format"),
    ],
)
def test_bad_usage_exits_2(runner, tmp_path, args, message):
    make_roster(tmp_path, row("E1"))
    out = [] if "--out" in args else ["--out", str(tmp_path / "out")]
    result = runner.invoke(cli, ["batch", str(tmp_path / "r.csv"), *out, *args, "--start", START])
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_missing_inputs_and_bad_out_folders_exit_2(runner, tmp_path):
    make_roster(tmp_path, row("E1"))
    result = run(runner, tmp_path / "nope.csv", tmp_path / "*.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 2 and "no such file" in result.stderr and "matches no file" in result.stderr
    (tmp_path / "file").write_text("x")
    assert run(runner, tmp_path / "r.csv", "--out", tmp_path / "file").exit_code == 2
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "a.yaml").write_text("employee: {id: A, target_role: ld-coach}\n")
    result = run(runner, tmp_path / "profiles", "--out", tmp_path / "profiles")
    assert result.exit_code == 2 and "input folder" in result.stderr


# --- unsafe ids ---------------------------------------------------------------------------------------------


UNSAFE = {
    "../x": "%2E.%2Fx.md",
    "/abs": "%2Fabs.md",
    "..": "%2E%2E.md",
    ".": "%2E.md",
    ".hidden": "%2Ehidden.md",
    "a\\b": "a%5Cb.md",
    "C:evil": "C%3Aevil.md",
    "CON": "%43ON.md",
    "nul.txt": "%6Eul.txt.md",
    "com1": "%63om1.md",
    "index": "%69ndex.md",
    "Team": "%54eam.md",
    "a%2Fb": "a%252Fb.md",
    "trailing.": "trailing%2E.md",
    "spa ce": "spa%20ce.md",
    "Åsa": "%C3%85sa.md",
    'q?*|<>"': "q%3F%2A%7C%3C%3E%22.md",
}


@pytest.mark.slow
def test_unsafe_ids_are_encoded_and_nothing_is_written_outside(runner, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    ids = [*UNSAFE, "bad\x00nul", "tab\there", "esc\x1b[31m", "x" * 200]
    lines = "".join(json.dumps({"employee": {"id": i, "target_role": "ld-coach"}}) + "\n" for i in ids)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = run(runner, "-", "--out", work / "out", input=lines)
    after = sorted(str(p) for p in tmp_path.rglob("*") if not str(p).startswith(str(work / "out")))
    assert after == before  # nothing appeared outside the output folder
    assert result.exit_code == 1
    assert plans(work / "out") == sorted(UNSAFE.values())
    assert result.stderr.count("control character") == 3 and "too long" in result.stderr
    assert "\x1b" not in result.stderr  # the terminal escape in the id is printed escaped


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_file_stem_is_injective_and_safe(a, b):
    try:
        stem_a, stem_b = file_stem(a), file_stem(b)
    except ValueError:
        return
    for stem in (stem_a, stem_b):
        assert stem.isascii() and "/" not in stem and "\\" not in stem and stem not in (".", "..")
        assert not stem.startswith(".") and not stem.endswith(".")
    if a != b:
        assert stem_a != stem_b
    if stem_a.lower() == stem_b.lower():  # a case-insensitive file system sees one file: must be one employee
        assert id_key(a) == id_key(b)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aZ09._-/ %éN", min_size=1, max_size=12)
    | st.sampled_from(
        ["E1042", "ana.ruiz", ".x", "x.", "con", "CON.txt", "nul.md", "index", "Team", "a" * 121, "a" * 120]
    )
)
@pytest.mark.slow
def test_file_stem_fast_path_agrees_with_the_full_encoding(employee_id):
    """Plain ids skip the character walk; whatever the id, the name is the one the walk gives."""
    try:
        expected = _encoded_stem(employee_id)
    except ValueError:
        with pytest.raises(ValueError):
            file_stem(employee_id)
        return
    assert file_stem(employee_id) == expected


# --- duplicates ------------------------------------------------------------------------------------------------


# Plans are renamed in groups of SYNC_EVERY once synced: the earlier plan of a duplicate may be
# renamed already (1), being synced (2) or still pending (512) when the second one arrives.
@pytest.mark.slow
@pytest.mark.parametrize("sync_every", [1, 2, 512])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_duplicate_and_case_only_ids_fail_both(runner, tmp_path, monkeypatch, jobs, sync_every):
    monkeypatch.setattr("upskill.write.folder.SYNC_EVERY", sync_every)
    roster = make_roster(tmp_path, row("E1"), row("E2"), row("e1"), row("E3"), row("E1"))
    result = runner.invoke(
        cli, ["batch", str(roster), "--out", str(tmp_path / "out"), "--start", START, "--jobs", jobs]
    )
    assert result.exit_code == 1
    assert plans(tmp_path / "out") == ["E2.md", "E3.md"] and no_temporary_files(tmp_path / "out")
    errors = [line for line in result.stderr.splitlines() if "upskill: error:" in line]
    assert [e.split(": ")[2] for e in errors] == [f"{roster}:2", f"{roster}:4", f"{roster}:6"]
    assert f"is also used at {roster}:4" in errors[0] and "no plan written for either" in errors[0]
    assert "appears again" in errors[2]
    assert result.stderr.strip().endswith("2 plans written, 3 failed (see " + str(tmp_path / "out" / "index.md") + ")")
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "E1.md" not in index and "e1.md" not in index


@pytest.mark.slow
def test_a_duplicate_also_removes_an_earlier_runs_plan(runner, tmp_path):
    make_roster(tmp_path, row("E1"), row("E2"))
    assert run(runner, tmp_path / "r.csv", "--out", tmp_path / "out").exit_code == 0
    make_roster(tmp_path, row("E1"), row("E2"), row("E1"))
    assert run(runner, tmp_path / "r.csv", "--out", tmp_path / "out").exit_code == 1
    assert plans(tmp_path / "out") == ["E2.md"]


# --- never clobber what upskill did not write --------------------------------------------------------------


@pytest.mark.slow
def test_foreign_files_are_kept_unless_force(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "E1.md").write_text("my notes")
    (out / "README.txt").write_text("mine")
    make_roster(tmp_path, row("E1"), row("E2"))
    result = run(runner, tmp_path / "r.csv", "--out", out)
    assert result.exit_code == 1 and "E1.md already exists" in result.stderr and "--force" in result.stderr
    assert (out / "E1.md").read_text() == "my notes" and (out / "E2.md").exists()
    assert run(runner, tmp_path / "r.csv", "--out", out).exit_code == 1  # still refused on a rerun
    result = run(runner, tmp_path / "r.csv", "--out", out, "--force")
    assert result.exit_code == 0
    assert (out / "E1.md").read_text().startswith("# Learning plan") and (out / "README.txt").read_text() == "mine"
    assert "E1.md" in (out / MANIFEST).read_text() and "README.txt" not in (out / MANIFEST).read_text()


def test_a_foreign_file_differing_only_in_case_is_kept(runner, tmp_path):
    # On macOS and Windows E1.md would replace e1.md: refused on every system, so a folder behaves alike.
    out = tmp_path / "out"
    out.mkdir()
    (out / "e1.md").write_text("my notes")
    make_roster(tmp_path, row("E1"), row("E2"))
    result = run(runner, tmp_path / "r.csv", "--out", out)
    assert result.exit_code == 1 and "e1.md already exists" in result.stderr
    assert (out / "e1.md").read_text() == "my notes" and (out / "E2.md").exists()


def test_a_foreign_report_file_stops_before_any_work(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "team.md").write_text("minutes of the team meeting")
    make_roster(tmp_path, row("E1"))
    result = run(runner, tmp_path / "r.csv", "--out", out)
    assert result.exit_code == 2 and "team.md already exists" in result.stderr
    assert plans(out) == [] and (out / "team.md").read_text() == "minutes of the team meeting"


def test_two_runs_never_share_a_folder(runner, tmp_path):
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    make_roster(tmp_path, row("E1"))
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a run in progress holds it
        result = run(runner, tmp_path / "r.csv", "--out", out)
    finally:
        os.close(fd)
    assert result.exit_code == 1 and "another `upskill batch` is writing to this folder" in result.stderr
    assert plans(out) == []


@pytest.mark.slow
def test_rerunning_over_its_own_output_is_fine(runner, tmp_path):
    make_roster(tmp_path, row("E1"), row("E2"))
    assert run(runner, tmp_path / "r.csv", "--out", tmp_path / "out").exit_code == 0
    first = {n: (tmp_path / "out" / n).read_bytes() for n in listing(tmp_path / "out")}
    result = run(runner, tmp_path / "r.csv", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert {n: (tmp_path / "out" / n).read_bytes() for n in listing(tmp_path / "out")} == first


# --- atomic writes: failures and kills leave no partial or temporary file ------------------------------------


@pytest.mark.slow
def test_a_write_failure_mid_batch_leaves_no_partial_or_temporary_file(runner, tmp_path, monkeypatch):
    make_roster(tmp_path, *(row(f"E{i}") for i in range(10)))
    real = batch.write_new
    calls = []

    def failing(path, data, fsync=False):
        calls.append(path)
        if len(calls) == 6:
            real(path, data[: len(data) // 2])  # half the file is on disk when the disk fills up
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, fsync)

    monkeypatch.setattr(batch, "write_new", failing)
    monkeypatch.setattr("upskill.write.folder.SYNC_EVERY", 2)  # some plans are renamed into place before the failure
    out = tmp_path / "out"
    result = run(runner, tmp_path / "r.csv", "--out", out)
    assert result.exit_code == 1 and "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert no_temporary_files(out)
    written = plans(out)
    assert written == ["E0.md", "E1.md", "E2.md", "E3.md"]
    monkeypatch.setattr(batch, "write_new", real)
    reference = tmp_path / "reference"
    assert run(runner, tmp_path / "r.csv", "--out", reference).exit_code == 0
    for name in written:  # complete, not half-written
        assert (out / name).read_bytes() == (reference / name).read_bytes()
    assert set(written) <= set((out / MANIFEST).read_text().splitlines())
    assert run(runner, tmp_path / "r.csv", "--out", out).exit_code == 0  # and a rerun completes the folder


def test_an_interrupt_mid_batch_leaves_no_temporary_file(runner, tmp_path, monkeypatch):
    make_roster(tmp_path, *(row(f"E{i}") for i in range(6)))
    interrupt_on_write(monkeypatch, batch)
    result = run(runner, tmp_path / "r.csv", "--out", tmp_path / "out")
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert no_temporary_files(tmp_path / "out") and plans(tmp_path / "out") == []


def test_an_interrupt_while_a_sync_starts_leaves_no_temporary_file(runner, tmp_path, monkeypatch):
    """Ctrl-C inside Thread.start(), before the sync thread runs: the group is removed, not renamed unsynced."""
    import threading

    make_roster(tmp_path, *(row(f"E{i}") for i in range(6)))
    monkeypatch.setattr("upskill.write.folder.SYNC_EVERY", 2)
    started = []

    def interrupted_start(thread):
        started.append(thread.name)
        if len(started) == 2:  # the first group is synced and renamed; the second never starts syncing
            raise KeyboardInterrupt
        real_start(thread)

    real_start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", interrupted_start)
    result = run(runner, tmp_path / "r.csv", "--out", tmp_path / "out")
    assert result.exit_code == 130 and "Traceback" not in result.stderr
    assert no_temporary_files(tmp_path / "out") and plans(tmp_path / "out") == ["E0.md", "E1.md"]


@pytest.mark.slow
def test_without_os_sync_each_file_is_fsynced_before_its_rename(runner, tmp_path, monkeypatch):
    """Windows has no os.sync(): each plan is made durable as it is written, then renamed in groups."""
    monkeypatch.delattr(os, "sync")
    monkeypatch.setattr("upskill.write.folder.SYNC_EVERY", 2)
    real, fsync_flags = batch.write_new, []

    def write_new(path, data, fsync=False):
        fsync_flags.append(fsync)
        real(path, data, fsync)

    monkeypatch.setattr(batch, "write_new", write_new)
    make_roster(tmp_path, *(row(f"E{i}") for i in range(5)))
    result = run(runner, tmp_path / "r.csv", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert plans(tmp_path / "out") == [f"E{i}.md" for i in range(5)] and no_temporary_files(tmp_path / "out")
    assert fsync_flags == [True] * 5


def test_a_bug_in_one_employee_is_reported_and_the_rest_run(runner, tmp_path, monkeypatch):
    import upskill.render.markdown as markdown

    real = markdown.markdown_pieces  # the Markdown, rendered in the first pass of a roster scheduled together

    def buggy(plan, catalog, **options):
        if plan.employee.id == "E2":
            raise RuntimeError("boom")
        return real(plan, catalog, **options)

    monkeypatch.setattr(markdown, "markdown_pieces", buggy)
    make_roster(tmp_path, row("E1"), row("E2"), row("E3"))
    result = run(runner, tmp_path / "r.csv", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "internal error (RuntimeError: boom)" in result.stderr
    assert plans(tmp_path / "out") == ["E1.md", "E3.md"] and no_temporary_files(tmp_path / "out")


# Plans are renamed into place 512 at a time: the kill comes once the first group shows, and the
# rest must take long enough that it lands mid-run (600 rows once did; they now take 0.3 s).
KILL_ROWS = 3000


@pytest.fixture(scope="module")
def kill_roster(tmp_path_factory):
    """A roster that takes a second or two, and the plans a complete run writes for it."""
    folder = tmp_path_factory.mktemp("kill")
    make_roster(folder, *(row(f"E{i:04d}", prompting=str(i % 4)) for i in range(KILL_ROWS)))
    subprocess.run(
        [UPSKILL, "batch", str(folder / "r.csv"), "--out", str(folder / "reference"), "--start", START],
        check=True,
        capture_output=True,
    )
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["Ctrl-C", "SIGTERM", "SIGKILL"])
def test_a_killed_batch_leaves_only_complete_plans(kill_roster, tmp_path, sig):
    out = tmp_path / "out"
    process = subprocess.Popen(
        [UPSKILL, "batch", str(kill_roster / "r.csv"), "--out", str(out), "--start", START, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=ctrl_c_reaches_it,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and len(plans(out)) >= 2):
        time.sleep(0.01)
    if sig == signal.SIGINT:  # as a terminal sends it: to the main process and the workers
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    stderr = finish(process).decode()  # until the workers are gone too: they die with the main process
    assert "Traceback" not in stderr
    written = plans(out)
    assert 0 < len(written) < KILL_ROWS, "the batch finished before it could be killed: make the roster larger"
    for name in written:
        assert (out / name).read_bytes() == (kill_roster / "reference" / name).read_bytes(), f"{name} is partial"
    if sig != signal.SIGKILL:  # a signal it can catch: it cleans up after itself
        assert process.returncode == 128 + sig and no_temporary_files(out)
        return
    rerun = subprocess.run(
        [UPSKILL, "batch", str(kill_roster / "r.csv"), "--out", str(out), "--start", START],
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr  # its own plans from the killed run are no obstacle
    assert no_temporary_files(out) and len(plans(out)) == KILL_ROWS  # and what the kill left behind is cleared


# --- every employee: exactly one plan or exactly one error --------------------------------------------------


class Recorder(Reporter):
    def __init__(self):
        self.lines: list[str] = []

    def problems(self, problems):
        self.lines.extend(str(p) for p in problems)


ROW = st.tuples(
    st.sampled_from(["E1", "e1", "E2", "E3", "Ω", "ω", "../x", "CON", "", "E\t4"]),  # ids, clashing on purpose
    st.sampled_from(["ld-coach", "ml-engineer", "nope", ""]),
    st.sampled_from(["2", "beginner", "9", "", "x"]),
    st.booleans(),  # a blank row
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, max_size=8))
def test_every_employee_gets_one_plan_or_one_error(catalog, rows):
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "r.csv"
        lines, expected = [HEADER], set()
        for number, (employee_id, role, level, blank) in enumerate(rows, start=2):
            if blank:
                lines.append(",,,,,,,,")
            else:
                lines.append(f'"{employee_id}",N,r,{role},3,,{level},,')
                expected.add(f"{path}:{number}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        recorder = Recorder()
        result = run_batch(
            [str(path)],
            catalog,
            BatchSettings(options=Options(start=catalog_start()), out=Path(work) / "out"),
            recorder,
        )
        failed = [label for label, _ in result.failures]
        assert len(failed) == len(set(failed))
        assert set(result.labels).isdisjoint(failed)
        assert set(result.labels) | set(failed) == expected
        assert len(result.labels) == len(result.members)
        written = sorted(plans(Path(work) / "out"))
        assert written == sorted(file_stem(m.id) + ".md" for m in result.members)
        assert len(recorder.lines) >= len(failed)


def catalog_start():
    from datetime import date

    return date.fromisoformat(START)


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_a_roster_never_give_a_traceback(data):
    from click.testing import CliRunner

    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "r.csv").write_bytes(data)
        result = CliRunner().invoke(
            cli, ["batch", str(Path(work) / "r.csv"), "--out", str(Path(work) / "out"), "--start", START, "--jobs", "1"]
        )
        assert result.exit_code in (0, 1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(runner, tmp_path):
    make_roster(tmp_path, row("E1"))
    result = run(runner, tmp_path / "r.csv", "--out", tmp_path / "out")
    *before, last = result.stderr.splitlines()
    assert last == f"upskill: 1 plan written, 0 failed (see {tmp_path / 'out' / 'index.md'})"
    # the one warning the roster gives: skills the role requires that it has no column for
    assert len(before) == 1 and "nobody was assessed in" in before[0]


@pytest.mark.slow
def test_the_progress_reporter_draws_on_a_terminal():
    import io

    from upskill.batch.progress import StderrReporter
    from upskill.errors import Problem

    printed = []
    with StderrReporter(printed.append, show_bar=True, total=2) as reporter:
        reporter.progress.console.file = io.StringIO()
        reporter.advance()
        reporter.problems([Problem("bad", file="r.csv", line=3)])
        assert [task.description for task in reporter.progress.tasks] == ["planning"]
        reporter.advance()
        reporter.stage("writing the reports")  # the bar stays until the end: it now says what it waits for
        assert [task.description for task in reporter.progress.tasks] == ["writing the reports"]
        text = reporter.progress.console.file.getvalue()
    assert "upskill: error: r.csv:3: bad" in text and printed == []


@pytest.mark.slow
def test_a_batch_says_when_planning_is_over_and_the_reports_are_written(catalog, tmp_path):
    class Stages(Reporter):
        def __init__(self):
            self.events: list[str] = []

        def advance(self):
            self.events.append("advance")

        def stage(self, text):
            self.events.append(text)

    wanted = BatchSettings(options=Options(start=catalog_start()), out=tmp_path / "out")
    stages = Stages()
    run_batch([str(EXAMPLES / "roster.csv")], catalog, wanted, stages)
    assert stages.events == ["advance"] * 17 + ["scheduling the roster together", "writing the reports"]
    stages = Stages()
    collect_members([str(EXAMPLES / "roster.csv")], catalog, wanted, stages)  # `upskill team`: no files
    assert stages.events == ["advance"] * 17 + ["scheduling the roster together"]


def test_default_jobs_is_the_number_of_cores():
    assert workers.default_jobs() >= 1
    assert shutil.which(UPSKILL) or os.path.exists(UPSKILL)
