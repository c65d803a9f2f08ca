"""Under --anonymize, the members' temporary file holds nothing readable (batch/store.py, `private`).

A batch spools every member (real id, name, current role, the input it came from) and its learner
record to an unlinked temporary file. No named file ever held them, but the file's pages can reach a
disk or swap: with --anonymize the store writes them enciphered under a key only the process holds.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.helpers import START
from tests.planning.test_privacy_names import KEY, MANAGERS, NAMES, assert_no_name, roster  # noqa: F401 (a fixture)
from upskill.batch.store import MemberStore
from upskill.cli import cli
from upskill.planning.members import Member


def _member(number: int) -> Member:
    return Member(
        f"E{number:05d}", f"Lonely Quibble {number}", "clerk", "role", bytes([number % 256]), b"", 1.5, 3, "", "", 0, 1
    )


def _raw(store: MemberStore) -> bytes:
    store._read(0, 0)  # flushes what was appended
    return os.pread(store._file.fileno(), store._written, 0)


def _fill(store: MemberStore) -> None:
    for n in range(300):  # over a 4 KB page and a 1 MB block of reading: records straddle both
        store.append(_member(n), f"in/ana-ruiz-{n}.yaml", ("learner", n, "x" * (n * 13)), b"plan" * n)
    store.drop(5)


@pytest.mark.parametrize("private", [False, True])
def test_a_private_store_reads_back_what_a_plain_one_does(private):
    store, plain = MemberStore(private=private), MemberStore()
    _fill(store)
    _fill(plain)
    assert list(store.triples()) == list(plain.triples())
    assert list(store.triples(1)) == list(plain.triples(1))
    assert list(store.both(0, 1)) == list(plain.both(0, 1))
    assert [store.extra(i, 1) for i in range(len(store))] == [plain.extra(i, 1) for i in range(len(plain))]
    assert store.record(5) == plain.record(5) and store[250] == plain[250]
    assert store.find("e00007") == 7 and store.find("E00300") is None
    store.close()
    plain.close()


def test_a_private_stores_file_holds_no_name_id_or_input_file():
    plain, private = MemberStore(), MemberStore(private=True)
    _fill(plain)
    _fill(private)
    assert b"Lonely Quibble" in _raw(plain) and b"E00042" in _raw(plain)  # what the search below looks for
    raw = _raw(private)
    assert len(raw) == len(_raw(plain))
    for needle in (b"Lonely", b"Quibble", b"E000", b"ana-ruiz", b"clerk", b"learner", b"plan"):
        assert needle not in raw
    # Two stores never share a keystream: the same records give different bytes
    other = MemberStore(private=True)
    _fill(other)
    assert _raw(other) != raw


@pytest.mark.slow
@pytest.mark.parametrize("command", ["batch", "team"])
def test_anonymize_writes_no_name_into_the_members_temporary_file(runner, roster, tmp_path, monkeypatch, command):  # noqa: F811
    """Every store a run opens is read raw after the run: with --anonymize no part of a name is in any."""
    stores: list[MemberStore] = []
    init = MemberStore.__init__

    def kept_init(self: MemberStore, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        stores.append(self)

    monkeypatch.setattr(MemberStore, "__init__", kept_init)
    for anonymize in ("--no-anonymize", "--anonymize"):
        stores.clear()
        out = ["--out", str(tmp_path / anonymize)] if command == "batch" else ["-o", str(tmp_path / f"{anonymize}.md")]
        group = ["--group-by", "manager"] if command == "team" else []  # a manager's name in each member's group
        args = [command, str(roster), *out, anonymize, *group, "--start", START, "--jobs", "1"]
        result = runner.invoke(cli, args, env={"UPSKILL_ANONYMIZE_KEY": KEY})
        assert result.exit_code == 0, result.stderr
        raw = b"".join(_raw(store) for store in stores)
        text = raw.decode("utf-8", "replace") + raw.decode("latin-1")
        if anonymize == "--no-anonymize":  # the search would find them
            assert NAMES[0] in text and (command == "batch" or MANAGERS[0] in text)
        else:
            assert_no_name(f"the members' temporary file of {command}", text)
