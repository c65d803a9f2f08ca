"""`upskill batch --out DIR` never reads or writes through a symbolic link in DIR, copes with a folder
where a plan goes, and its manifest lists exactly the files it wrote that exist, once each."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.helpers import START, interrupt_on_write
from upskill.batch import run as batch
from upskill.cli import cli
from upskill.write.folder import MANIFEST, OutputFolder

HEADER = "id,name,role,target_role,hours_per_week,deadline,Prompting,Communication,Content creation"
IDS = ("E1", "E2", "E3", "E4")
FORMATS = {"markdown": ".md", "json": ".json", "html": ".html"}
REPORTS = ("index.md", "team.md", "team.json", "index.html", "team.html")


def roster(tmp_path: Path, ids: tuple[str, ...] = IDS) -> Path:
    path = tmp_path / "r.csv"
    path.write_text(
        HEADER + "\n" + "".join(f"{i},Person {i},analyst,ai-content-strategist,4,2027-06-30,1,3,2\n" for i in ids),
        encoding="utf-8",
    )
    return path


def run(runner, *args):
    return runner.invoke(cli, ["batch", *map(str, args), "--start", START, "--jobs", "1"])


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("upskill: error: ")]


def manifest_names(out: Path) -> list[str]:
    # O_NOFOLLOW: a plain file, and the read is no unsafe open for watch_opens below
    with open(os.open(out / MANIFEST, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), encoding="utf-8") as fh:
        return [line for line in fh.read().splitlines() if not line.startswith("#")]


def assert_manifest_exact(out: Path, foreign: tuple[str, ...] = ()) -> None:
    """The manifest is a plain file listing each plain file upskill wrote in `out` once, and nothing else."""
    assert not (out / MANIFEST).is_symlink() and (out / MANIFEST).is_file()
    listed = manifest_names(out)
    assert len(listed) == len(set(listed)), f"duplicate lines in the manifest: {listed}"
    present = {p.name for p in out.iterdir() if p.is_file() and not p.is_symlink()} - {MANIFEST, *foreign}
    assert set(listed) == present
    assert not [n for n in present if n.endswith(".tmp")]


def snapshot(root: Path, skip: Path) -> dict[str, object]:
    """Every entry under `root` but `skip`: a file's bytes, a link's target, a folder's mark."""
    found: dict[str, object] = {}
    for folder, dirs, files in os.walk(root):
        if Path(folder) == skip or skip in Path(folder).parents:
            continue
        for name in dirs + files:
            path = Path(folder) / name
            if path == skip:
                continue
            key = str(path.relative_to(root))
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = "folder"
            else:
                found[key] = path.read_bytes()
    return found


# Every file upskill opens in DIR (besides DIR itself) is opened without following a link: with
# O_NOFOLLOW, or created with O_CREAT|O_EXCL, which refuses a link. Watched with an audit hook
# (installed once, idle unless a test sets _watched).
_watched: dict[str, object] = {}


def _audit(event: str, args: tuple) -> None:
    if event != "open" or "dir" not in _watched:
        return
    path, _mode, flags = args
    if not isinstance(path, (str, bytes, os.PathLike)):
        return  # a file descriptor
    full = os.path.abspath(os.fsdecode(path))
    if os.path.dirname(full) != _watched["dir"]:
        return
    safe = flags & getattr(os, "O_NOFOLLOW", 0) or (flags & os.O_CREAT and flags & os.O_EXCL)
    if not safe:
        _watched["unsafe"].append(full)  # type: ignore[attr-defined]


@pytest.fixture
def watch_opens():
    """`watch_opens(out)` starts recording opens in `out` that could follow a link; returns the list."""
    if not _watched.get("installed"):
        sys.addaudithook(_audit)
        _watched["installed"] = True

    def start(out: Path) -> list[str]:
        _watched["dir"] = os.path.abspath(out)
        _watched["unsafe"] = []
        return _watched["unsafe"]  # type: ignore[return-value]

    yield start
    _watched.pop("dir", None)


# --- the manifest --------------------------------------------------------------------------------------


def _link_to_file(out: Path, outside: Path) -> None:
    (outside / "notes.txt").write_text("mine\n", encoding="utf-8")
    (out / MANIFEST).symlink_to(outside / "notes.txt")


def _dangling_link(out: Path, outside: Path) -> None:
    (out / MANIFEST).symlink_to(outside / "created-by-upskill.txt")


def _link_to_folder(out: Path, outside: Path) -> None:
    (out / MANIFEST).symlink_to(outside, target_is_directory=True)


def _folder(out: Path, outside: Path) -> None:
    (out / MANIFEST).mkdir()


def _fifo(out: Path, outside: Path) -> None:
    os.mkfifo(out / MANIFEST)


@pytest.mark.parametrize(
    "make",
    [
        _link_to_file,
        _dangling_link,
        _link_to_folder,
        _folder,
        pytest.param(_fifo, marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")),
    ],
    ids=["link-to-a-file", "dangling-link", "link-to-a-folder", "folder", "fifo"],
)
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_manifest_that_is_not_a_plain_file_stops_the_run_naming_it(runner, tmp_path, make, force):
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    make(out, outside)
    roster(tmp_path)
    before = snapshot(tmp_path, skip=out / MANIFEST)
    result = run(runner, tmp_path / "r.csv", "--out", out, *(["--force"] if force else []))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert len(errors(result)) == 1 and errors(result)[0].startswith(f"upskill: error: {out / MANIFEST}: ")
    assert snapshot(tmp_path, skip=out / MANIFEST) == before  # nothing written, outside DIR or in it


# --- a link where a plan or a report goes --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("listed", [False, True], ids=["foreign", "in-the-manifest"])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("dangling", [False, True], ids=["to-a-file", "dangling"])
def test_a_link_where_a_plan_goes_fails_that_employee_and_is_left_alone(runner, tmp_path, listed, force, dangling):
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    assert run(runner, roster(tmp_path), "--out", out).exit_code == 0
    (out / "E2.md").unlink()
    if not dangling:
        (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    (out / "E2.md").symlink_to(outside / "passwd")
    if not listed:
        names = [n for n in manifest_names(out) if n != "E2.md"]
        (out / MANIFEST).write_text("# mine\n" + "".join(f"{n}\n" for n in names), encoding="utf-8")
    before = snapshot(tmp_path, skip=out)
    result = run(runner, tmp_path / "r.csv", "--out", out, *(["--force"] if force else []))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert errors(result) == [
        f"upskill: error: {tmp_path / 'r.csv'}:3: {out / 'E2.md'} is a symbolic link; no plan "
        "written (upskill writes only plain files in the output folder, never through or over a "
        "link or a folder: remove it, or choose another --out folder)"
    ]
    assert os.readlink(out / "E2.md") == str(outside / "passwd")  # the link itself is kept
    assert snapshot(tmp_path, skip=out) == before  # its target untouched (or still absent)
    assert {"E1.md", "E3.md", "E4.md"} <= set(os.listdir(out))
    assert_manifest_exact(out)


@pytest.mark.parametrize("report", ["index.md", "team.md"])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_link_where_a_report_goes_stops_before_any_work(runner, tmp_path, report, force):
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    (outside / "report.md").write_text("mine\n", encoding="utf-8")
    out.mkdir()
    (out / report).symlink_to(outside / "report.md")
    roster(tmp_path)
    before = snapshot(tmp_path, skip=out / MANIFEST)
    result = run(runner, tmp_path / "r.csv", "--out", out, *(["--force"] if force else []))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert errors(result) == [
        f"upskill: error: {out / report}: this is a symbolic link; upskill writes only plain "
        "files in the output folder, never through or over a link or a folder: remove it, or "
        "choose another --out folder"
    ]
    assert snapshot(tmp_path, skip=out / MANIFEST) == before


@pytest.mark.slow
def test_the_output_folder_itself_may_be_a_link(runner, tmp_path, watch_opens):
    (tmp_path / "real").mkdir()
    (tmp_path / "plans").symlink_to(tmp_path / "real", target_is_directory=True)
    unsafe = watch_opens(tmp_path / "plans")
    for _ in range(2):  # a run, and a rerun over its own output
        result = run(runner, roster(tmp_path), "--out", tmp_path / "plans")
        assert result.exit_code == 0, result.stderr
    assert unsafe == []
    assert sorted(os.listdir(tmp_path / "real")) == sorted(
        [MANIFEST, "E1.md", "E2.md", "E3.md", "E4.md", "index.md", "team.md"]
    )
    assert_manifest_exact(tmp_path / "real")


# --- a folder where a plan goes ------------------------------------------------------------------------


@pytest.mark.slow
def test_a_folder_where_a_plan_goes_fails_that_employee_only(runner, tmp_path):
    out = tmp_path / "out"
    (out / "E2.md").mkdir(parents=True)
    for _ in range(3):  # reruns add no line to the manifest
        result = run(runner, roster(tmp_path), "--out", out, "--force")
        assert result.exit_code == 1 and "Traceback" not in result.stderr
        assert errors(result) == [
            f"upskill: error: {tmp_path / 'r.csv'}:3: {out / 'E2.md'} is a folder; no plan "
            "written (upskill writes only plain files in the output folder, never through or "
            "over a link or a folder: remove it, or choose another --out folder)"
        ]
        assert result.stderr.splitlines()[-1].startswith("upskill: 3 plans written, 1 failed")
        assert (out / "E2.md").is_dir()
        assert sorted(manifest_names(out)) == ["E1.md", "E3.md", "E4.md", "index.md", "team.md"]
        assert_manifest_exact(out)


@pytest.mark.slow
def test_a_folder_made_during_the_run_stops_it_naming_the_path(runner, tmp_path, monkeypatch):
    """Made after the folder was listed: the rename fails; the run stops with the path, the manifest stays exact."""
    out = tmp_path / "out"
    real_open = OutputFolder.open

    def open_then_mkdir(self):
        real_open(self)
        (self.path / "E2.md").mkdir()

    monkeypatch.setattr(OutputFolder, "open", open_then_mkdir)
    result = run(runner, roster(tmp_path), "--out", out)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert len(errors(result)) == 1 and errors(result)[0].startswith(f"upskill: error: {out / 'E2.md'}: ")
    assert_manifest_exact(out)
    monkeypatch.undo()
    (out / "E2.md").rmdir()
    assert run(runner, tmp_path / "r.csv", "--out", out).exit_code == 0  # every file found is upskill's own
    assert_manifest_exact(out)


# --- the manifest stays exact -------------------------------------------------------------------------


@pytest.mark.slow
def test_the_manifest_is_exact_after_a_run_that_stops(runner, tmp_path, monkeypatch):
    """A full disk stops the run: the manifest lists what was renamed, and reruns add no duplicate line."""
    monkeypatch.setattr("upskill.write.folder.SYNC_EVERY", 2)
    real = batch.write_new
    calls: list[str] = []

    def failing(path, data, fsync=False):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data, fsync)

    monkeypatch.setattr(batch, "write_new", failing)
    out = tmp_path / "out"
    for _ in range(2):
        calls.clear()
        result = run(runner, roster(tmp_path), "--out", out)
        assert result.exit_code == 1 and "Traceback" not in result.stderr
        assert_manifest_exact(out)
        assert sorted(manifest_names(out)) == ["E1.md", "E2.md"]


@pytest.mark.slow
def test_the_manifest_is_exact_after_ctrl_c(runner, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run(runner, roster(tmp_path), "--out", out).exit_code == 0
    monkeypatch.setattr("upskill.write.folder.SYNC_EVERY", 2)
    interrupt_on_write(monkeypatch, batch)
    result = run(runner, tmp_path / "r.csv", "--out", out)
    assert result.exit_code == 130 and "Traceback" not in result.stderr
    assert_manifest_exact(out)
    assert sorted(manifest_names(out)) == ["E1.md", "E2.md", "E3.md", "E4.md", "index.md", "team.md"]


# --- keep it so: links planted at every name upskill uses ----------------------------------------------


@pytest.mark.slow
def test_no_file_upskill_writes_goes_through_a_link(runner, tmp_path, watch_opens):
    """Links to files outside DIR (and dangling ones) at the manifest, the reports and the plans: whatever the
    run (several formats, a rerun, --force), nothing outside DIR changes, every link stays, and the manifest
    lists exactly the plain files upskill wrote, once each."""
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    formats = [arg for fmt in FORMATS for arg in ("--format", fmt)]
    unsafe = watch_opens(out)

    def plant(name: str, dangling: bool = False) -> None:
        target = outside / f"target-{name}"
        if not dangling:
            target.write_text(f"the user's {name}\n", encoding="utf-8")
        (out / name).symlink_to(target)

    def check(result, code: int) -> None:
        assert result.exit_code == code, result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(tmp_path, skip=out) == before, "something outside DIR changed"
        assert unsafe == [], f"opened without refusing links: {unsafe}"

    # The manifest a link: nothing at all is done.
    plant(MANIFEST)
    roster(tmp_path)
    before = snapshot(tmp_path, skip=out)
    inside = snapshot(out, skip=out / "none")
    check(run(runner, tmp_path / "r.csv", "--out", out, *formats), 2)
    check(run(runner, tmp_path / "r.csv", "--out", out, *formats, "--force"), 2)
    assert snapshot(out, skip=out / "none") == inside
    (out / MANIFEST).unlink()

    # The reports links: the run stops before any work.
    for i, report in enumerate(REPORTS):
        plant(report, dangling=i % 2 == 1)
    before = snapshot(tmp_path, skip=out)
    for force in ([], ["--force"]):
        check(run(runner, tmp_path / "r.csv", "--out", out, *formats, *force), 2)
        assert not [n for n in os.listdir(out) if n.startswith("E")]
    for report in REPORTS:
        (out / report).unlink()

    # Plans links (E1 to files, E2 dangling): those employees fail, the others are written, in every format.
    for suffix in FORMATS.values():
        plant("E1" + suffix)
        plant("E2" + suffix, dangling=True)
    before = snapshot(tmp_path, skip=out)
    links = {n: os.readlink(out / n) for n in os.listdir(out) if (out / n).is_symlink()}
    for force in ([], [], ["--force"]):  # a run, a rerun over its own output, a --force run
        result = run(runner, tmp_path / "r.csv", "--out", out, *formats, *force)
        check(result, 1)
        assert len(errors(result)) == 2 and all(" is a symbolic link" in line for line in errors(result))
        assert {n: os.readlink(out / n) for n in os.listdir(out) if (out / n).is_symlink()} == links
        assert {f"{i}{s}" for i in ("E3", "E4") for s in FORMATS.values()} <= set(os.listdir(out))
        assert_manifest_exact(out)

    # And once the links are gone, a run writes everyone.
    for name in links:
        (out / name).unlink()
    check(run(runner, tmp_path / "r.csv", "--out", out, *formats), 0)
    assert_manifest_exact(out)
    assert sorted(manifest_names(out)) == sorted([f"{i}{s}" for i in IDS for s in FORMATS.values()] + list(REPORTS))
