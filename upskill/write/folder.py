"""The output folder of `upskill batch`: safe file names, files written whole, nothing clobbered.

Safety rules (README, "What `batch` writes, and the safety rules"):
- atomic: every file is written as `.upskill-*.tmp` in the output folder and renamed into place
  once its contents are on disk (`os.sync` once per `SYNC_EVERY` files, in a thread while
  planning goes on; else `fsync` per file), so a crash or kill never leaves a half-written
  plan; temporary files are removed on any failure, and a run removes those a killed run
  left behind;
- ids become file names through `file_stem`, an injective, portable encoding, and nothing is
  written outside the folder;
- `.upskill-manifest` lists the files upskill wrote; any other file is replaced only with `force`;
  a name is added before its file is renamed into place (so a killed run's plans stay its own),
  and every run, even one that fails, ends by rewriting it to list exactly the files that exist,
  once each;
- nothing in the folder is read or written through a symbolic link: the manifest is opened with
  O_NOFOLLOW, every new file with O_EXCL, and a name upskill would write that is a link, a folder
  or anything but a plain file (found in the one listing `open` makes) is an error naming it,
  even with `force`: that employee fails, or the run stops before any work for the manifest and
  the reports. (A rename replaces a link itself, never its target.) The folder itself may be a
  link: only the entries in it matter;
- one run at a time: the folder is locked for the run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from upskill.errors import Problem, UpskillError, UsageError
from upskill.write.atomic import write_atomic

MANIFEST = ".upskill-manifest"
MANIFEST_HEADER = "# Files written by `upskill batch` in this folder; it replaces only these (or any with --force).\n"
TEMP_PREFIX = ".upskill-"
TEMP_SUFFIX = ".tmp"
SYNC_EVERY = 512  # files made durable with one os.sync() before they are renamed into place
FLUSH_SECONDS = 1.0  # ... or fewer, at least this often, so plans appear (and the manifest grows) as the run goes
MAX_STEM = 120  # characters of an encoded id: leaves room for a suffix within any file system's 255
# Names Windows reserves in any folder, with any extension; and the names of our own reports.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)), "index", "team"}
)
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
# An id that is its own file name (`E1042`, `ana.ruiz`): safe characters, no dot at either end.
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def file_stem(employee_id: str) -> str:
    """The file name (without suffix) for an employee id: portable, never a path, one per id.

    Letters, digits, `-`, `_` and inner dots are kept; every other character (`/`, `\\`, `%`,
    spaces, non-ASCII) becomes `%XX` per UTF-8 byte; a leading or trailing dot, and the first
    letter of a reserved name (`CON`, `nul.txt`, `index`, `team`), too. Distinct ids give
    distinct names, and ids that differ only in ASCII case give names that differ only in case.
    Raises `ValueError` for an id holding control characters or too long for a file name.
    """
    if (
        _PLAIN_ID.fullmatch(employee_id)
        and len(employee_id) <= MAX_STEM
        and employee_id.split(".", 1)[0].casefold() not in RESERVED
    ):
        return employee_id  # the common case, without the walk below
    return _encoded_stem(employee_id)


def _encoded_stem(employee_id: str) -> str:
    if any(unicodedata.category(ch) == "Cc" for ch in employee_id):
        raise ValueError("the employee id holds a control character (e.g. a tab or line break); fix the id")
    out = []
    last = len(employee_id) - 1
    for i, ch in enumerate(employee_id):
        if ch in _SAFE and not (ch == "." and i in (0, last)):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", errors="surrogatepass"))
    stem = "".join(out)
    if stem.split(".", 1)[0].casefold() in RESERVED:
        stem = f"%{ord(stem[0]):02X}{stem[1:]}"
    if not stem:
        raise ValueError("the employee id is empty")
    if len(stem) > MAX_STEM:
        raise ValueError(
            f"the employee id is too long to name a file ({len(stem)} characters once encoded, at most {MAX_STEM})"
        )
    return stem


def id_key(employee_id: str) -> str:
    """Ids equal under this key are the same employee: `E1`, `e1` and `Ｅ1` clash."""
    return unicodedata.normalize("NFKC", employee_id).casefold()


def write_new(path: str | Path, data: bytes, fsync: bool = False) -> None:
    """Create `path` (it must not exist) with `data`; permissions as for any new file (0666 - umask).

    O_EXCL also refuses a symbolic link at `path`, dangling or not: nothing is written through one.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        _write_all(fd, data)
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _kind(entry: os.DirEntry[str]) -> str:
    """What a directory entry that is not a plain file is, for a message (from the listing: no system call)."""
    if entry.is_symlink():
        return "a symbolic link"
    if entry.is_dir(follow_symlinks=False):
        return "a folder"
    return "not a regular file"


# --- the folder ----------------------------------------------------------------------------------------


class OutputFolder:
    """The folder plans go to: locked for one run, with a manifest of what upskill wrote.

    Renames are grouped: the temporary files of up to SYNC_EVERY plans are made durable with
    one `os.sync()`, their final names are appended to the manifest, then they are renamed.
    The sync runs in a thread (it waits on the disk, not the CPU) while the next group is
    planned; the renames stay in this thread, once it has ended.
    """

    def __init__(self, path: Path, *, force: bool = False):
        self.path = path
        self.force = force
        self.run = f"{os.getpid()}{secrets.token_hex(3)}"
        self.owned: dict[str, str] = {}  # lower-case name -> name, from the manifest
        self.others: dict[str, str] = {}  # lower-case name -> name, of the files here upskill did not write
        # lower-case name -> (name, what it is) of the entries here that are not plain files (links,
        # folders, ...): never written through nor replaced, force or not. Usually empty.
        self.unsafe: dict[str, tuple[str, str]] = {}
        self.pending: list[tuple[str, str]] = []  # (temporary, final) written, not yet being synced
        self.syncing: list[tuple[str, str]] = []  # (temporary, final) being synced by _sync, then renamed
        self._sync: threading.Thread | None = None
        self.fsync_each = not hasattr(os, "sync")
        self.flushed = time.monotonic()
        self._lock: int | None = None
        self._manifest: int | None = None  # the manifest, open for appending (O_APPEND)
        self._run_start = 0  # where this run's names begin in the manifest
        # Names this run listed in the manifest whose file is not its own (a rename that failed or
        # never happened, a plan retracted): compacting keeps them only as an earlier run's file
        # that is still there. Small.
        self.unsure: set[str] = set()

    # opening and closing

    def open(self) -> None:
        path = self.path
        if path.exists() and not path.is_dir():
            raise UsageError(Problem("--out must be a folder; this is a file", file=str(path)))
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._lock = _lock_folder(path)
        except BlockingIOError:
            raise UpskillError(
                Problem("another `upskill batch` is writing to this folder; wait for it to finish", file=str(path))
            ) from None
        except OSError as exc:
            raise UpskillError(
                Problem(f"cannot use the output folder: {exc.strerror or exc}", file=str(path))
            ) from None
        manifest = path / MANIFEST
        try:
            self._manifest = _open_manifest(manifest)
            text = _read_all(self._manifest).decode("utf-8", errors="replace")
            for line in text.splitlines():
                name = line.strip()
                if name and not name.startswith("#") and "/" not in name and "\\" not in name:
                    self.owned[name.lower()] = name
            self._list_folder()
            if not text:
                _write_all(self._manifest, MANIFEST_HEADER.encode("utf-8"))
            self._run_start = os.lseek(self._manifest, 0, os.SEEK_END)
        except UpskillError:
            self.close(ok=False)
            raise
        except OSError as exc:
            self.close(ok=False)
            raise UpskillError(
                Problem(f"cannot write the manifest: {exc.strerror or exc}", file=str(manifest))
            ) from None

    def _list_folder(self) -> None:
        """Sort the folder's entries: a killed run's temporary files (removed), links and folders, others' files.

        One listing says which names are someone else's, instead of a lookup per plan. Lower
        case, so that on a case-insensitive disk `E1.md` never replaces someone's `e1.md`.
        (A file added by hand during the run is not seen; a lookup then rename did not
        make that safe either.) The listing also tells, at no cost where the file system
        gives each entry's type (ext4, XFS, btrfs, tmpfs, APFS), which entries are links or
        folders.
        """
        for entry in os.scandir(self.path):
            name = entry.name
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                if self._lock is not None:  # no other run can be using it: a killed run left it
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                self.unsafe[name.lower()] = (name, _kind(entry))
            elif name.lower() not in self.owned:
                self.others[name.lower()] = name

    def close(self, ok: bool) -> None:
        """Finish the run: on failure remove this run's temporary files; compact the manifest; unlock."""
        try:
            if not ok:
                self.discard_pending()
                with contextlib.suppress(OSError):
                    for entry in os.scandir(self.path):  # temporary files of workers that were stopped
                        if entry.name.startswith(f"{TEMP_PREFIX}{self.run}-"):
                            with contextlib.suppress(OSError):
                                os.unlink(entry.path)
            if self._manifest is not None:
                # After a failure too: the manifest then lists every file renamed so far, and only those.
                with contextlib.suppress(OSError):
                    self._compact(self._manifest)
                os.close(self._manifest)
                self._manifest = None
            with contextlib.suppress(OSError):
                _sync_folder(self.path)
        finally:
            if self._lock is not None:
                with contextlib.suppress(OSError):
                    os.close(self._lock)
                self._lock = None

    def _compact(self, fd: int) -> None:
        """Rewrite the manifest to list exactly the files upskill wrote that are here, once each.

        A name this run listed was renamed into place (no system call) unless it is `unsure`;
        an earlier run's name not rewritten by this run is kept if it is still a plain file (one
        lstat each: none for a first run into a folder, fewer than its plans for a rerun).
        """
        os.lseek(fd, self._run_start, os.SEEK_SET)
        names = set(_read_all(fd).decode("utf-8", errors="replace").splitlines()) - self.unsure
        names.discard("")
        for name in self.owned.values():
            if name not in names:
                with contextlib.suppress(OSError):
                    if stat.S_ISREG(os.lstat(self.path / name).st_mode):
                        names.add(name)
        text = MANIFEST_HEADER + "".join(f"{name}\n" for name in sorted(names))
        temp = f"{TEMP_PREFIX}{self.run}-manifest{TEMP_SUFFIX}"
        try:
            write_new(self.path / temp, text.encode("utf-8"), fsync=True)
            os.replace(self.path / temp, self.path / MANIFEST)  # replaces whatever is there, never through it
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(self.path / temp)
            raise

    # what may be written

    def clashes(self, names: Iterable[str]) -> list[str]:
        """The files upskill did not write that writing `names` would replace (they stay, unless force)."""
        if self.force or not self.others:  # the usual case: a new folder, or only upskill's files
            return []
        return [found for found in (self.others.get(name.lower()) for name in names) if found]

    def unusable(self, names: Iterable[str]) -> list[tuple[str, str]]:
        """(path, what it is) for each of `names` that is a link, a folder, ...: never written, force or not.

        Usually none, and then without a lookup per name.
        """
        if not self.unsafe:
            return []
        return [
            (str(self.path / found[0]), found[1])
            for found in (self.unsafe.get(name.lower()) for name in names)
            if found
        ]

    def refuse_foreign(self, names: Sequence[str]) -> None:
        """Stop before any work if a report file would replace a file upskill did not write, or is a link."""
        unusable = self.unusable(names)
        if unusable:
            raise UsageError(
                [
                    Problem(
                        f"this is {what}; upskill writes only plain files in the output folder, never "
                        "through or over a link or a folder: remove it, or choose another --out folder",
                        file=where,
                    )
                    for where, what in unusable
                ]
            )
        clash = self.clashes(names)
        if clash:
            one = len(clash) == 1
            raise UsageError(
                Problem(
                    f"{', '.join(clash)} already exist{'s' if one else ''} here and upskill did "
                    f"not write {'it' if one else 'them'}; choose another --out folder, or pass "
                    f"--force to replace {'it' if one else 'them'}",
                    file=str(self.path),
                )
            )

    # staging and renaming

    def stage(self, files: Sequence[tuple[str, str]]) -> None:
        self.pending.extend(files)
        if self._sync is not None and not self._sync.is_alive():
            self._finish_sync()  # the group is on disk: rename it now, so plans appear as the run goes
        if len(self.pending) >= SYNC_EVERY or time.monotonic() - self.flushed >= FLUSH_SECONDS:
            self._rotate()

    def flush(self) -> None:
        """Make every staged file durable, record it in the manifest and rename it into place."""
        self._rotate()
        self._finish_sync()

    def _rotate(self) -> None:
        """Rename the group whose sync has ended (waiting for it if need be); start syncing the pending one."""
        self.flushed = time.monotonic()
        self._finish_sync()
        if not self.pending:
            return
        self.syncing, self.pending = self.pending, []
        if self.fsync_each:  # each file was made durable as it was written
            self._finish_sync()
        else:
            self._sync = threading.Thread(target=os.sync, name="upskill-sync", daemon=True)
            self._sync.start()

    def _finish_sync(self) -> None:
        """Wait for the running sync, then record its group in the manifest and rename it into place."""
        if self._sync is not None:
            self._sync.join()
            self._sync = None
        if self.syncing:
            self._rename(self.syncing)

    def _rename(self, group: list[tuple[str, str]]) -> None:
        """List the group's final names in the manifest, then rename each into place; renamed ones leave `group`.

        Listed first, so that after a kill between the two the next run still knows the plans
        as its own; a name whose rename fails or never happens is `unsure`, and compacting the
        manifest drops it unless its file is there and was upskill's already.
        """
        assert self._manifest is not None
        try:
            _write_all(self._manifest, "".join(f"{final}\n" for _, final in group).encode("utf-8"))
        except OSError as exc:
            raise UpskillError(
                Problem(f"cannot write the manifest: {exc.strerror or exc}", file=str(self.path / MANIFEST))
            ) from None
        folder, unsure = str(self.path), self.unsure
        done = 0
        try:
            for temp, final in group:
                os.replace(os.path.join(folder, temp), os.path.join(folder, final))
                done += 1
                if unsure:  # usually empty: a name left unsure by an earlier attempt, now renamed
                    unsure.discard(final)
        except OSError as exc:
            raise UpskillError(
                Problem(f"cannot write this file: {exc.strerror or exc}", file=os.path.join(folder, group[done][1]))
            ) from None
        finally:
            unsure.update(final for _, final in group[done:])
            del group[:done]

    def discard(self, files: Iterable[tuple[str, str]]) -> None:
        for temp, _ in files:
            with contextlib.suppress(OSError):
                os.unlink(self.path / temp)

    def discard_pending(self) -> None:
        """After a failure: rename the group already being synced (whole, and durable); remove the rest."""
        # RuntimeError: Ctrl-C came while the sync thread was starting, so the group's sync is uncertain.
        with contextlib.suppress(UpskillError, RuntimeError):
            self._finish_sync()
        for files in (self.syncing, self.pending):
            self.discard(files)
            files.clear()

    def retract(self, finals: Sequence[str]) -> None:
        """Remove plans this run accepted (pending or renamed), e.g. when their id turns out duplicated.

        The final file goes too, even if the rename is still pending (it is then an earlier run's plan
        for the same id): the folder ends the same whatever the timing of the renames.
        """
        for files in (self.syncing, self.pending):
            self.discard([(t, f) for t, f in files if f in finals])
            files[:] = [(t, f) for t, f in files if f not in finals]
        for final in finals:
            self.unsure.add(final)  # gone, unless the unlink below fails
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path / final)

    def write_report(self, name: str, chunks: Iterable[str]) -> None:
        """Write a report (index.md, team.md, ...) atomically from text chunks, without holding it whole.

        `refuse_foreign` has checked, before any work, that `name` is no link or folder. Listed
        before it is written, as plans are (`_rename`).
        """
        assert self._manifest is not None
        try:
            _write_all(self._manifest, f"{name}\n".encode())
        except OSError as exc:
            raise UpskillError(
                Problem(f"cannot write the manifest: {exc.strerror or exc}", file=str(self.path / MANIFEST))
            ) from None
        self.unsure.add(name)  # until it is in place
        write_atomic(self.path / name, chunks, temp=f"{TEMP_PREFIX}{self.run}-report{TEMP_SUFFIX}")
        self.unsure.discard(name)


def _open_manifest(path: Path) -> int:
    """Open (or create) the manifest for reading and appending, never through a link; UsageError if not a file."""
    flags = (
        os.O_RDWR
        | os.O_APPEND
        | os.O_CREAT
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_BINARY", 0)
    )
    what = ""
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.EMLINK, errno.EISDIR, errno.ENXIO):
            raise
        what = "a symbolic link" if os.path.islink(path) else "a folder" if os.path.isdir(path) else ""
        if not what:
            raise
    else:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
        os.close(fd)
        what = "not a regular file"
    raise UsageError(
        Problem(
            f"this is {what}; upskill reads and writes its manifest only as a plain file, never "
            "through a link: remove it, or choose another --out folder",
            file=str(path),
        )
    )


def _read_all(fd: int) -> bytes:
    """The rest of an open file, from its current position."""
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _lock_folder(path: Path) -> int | None:
    """Hold an exclusive lock on the folder for this run (POSIX); raises BlockingIOError when taken."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, and stale temporary files are kept
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise
    except OSError:  # a file system without locks (some network mounts): run unlocked
        os.close(fd)
        return None
    return fd


def _sync_folder(path: Path) -> None:
    """Make the renames themselves durable (POSIX: fsync the directory)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
