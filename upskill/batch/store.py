"""The members of a batch, kept in a temporary file as they arrive: memory stays flat however many there are.

A run of a million employees keeps, in memory, 8 bytes per member for where its record starts,
8 for the hash of its id and about 8 for the table that finds an id seen before. The records
themselves (a `Member` and the input it came from, ~200 bytes each with `marshal`) go to an
anonymous temporary file, which the system removes when the store is closed or the process
ends. Reading them back is one pass in input order (`iter`), or one record at a time by
number (`store[i]`), for the few reports that list people.

Under `--anonymize` the store is `private`: each part of a record is written enciphered, XORed with
a keystream (SHAKE-128 of a random key, the record's number and the part's) whose key never leaves
this process's memory. The file has no name and goes at exit, but its pages may reach a disk or
swap; a private store's hold no readable name, id or input file name. Only the part read is
deciphered: a read of a small part does not pay for the kept plan beside it.

Duplicate ids (equal ignoring case: `id_key`) are found here: `find` looks the id up in an
open-addressing hash table of record numbers, and a hash that matches is confirmed by reading
that record's id back, so two different ids are never taken for one.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from array import array
from collections.abc import Iterator
from typing import Any

from upskill.planning.members import Member
from upskill.planning.views import View
from upskill.write.folder import id_key

_BLOCK = 1 << 20  # bytes read at a time when reading the records back in order


class MemberStore(View[Member]):
    """Members in input order, spilled to a temporary file; a Sequence of the members not dropped."""

    def __init__(self, private: bool = False, clear_from: int | None = None) -> None:
        """`private`: the records enciphered (`--anonymize`), but parts from `clear_from` on as they are."""
        # The key of a private store's keystream: in memory only, new for every store
        self._key = os.urandom(32) if private else None
        self._clear_from = clear_from
        # Open for the store's life (closed by `close`, or with the object): a `with` block cannot span it
        self._file = tempfile.TemporaryFile(prefix="upskill-members-")  # noqa: SIM115
        self._offsets = array("Q", [0])  # record n is bytes offsets[n] .. offsets[n + 1]
        # Record n is the member with its label, then what was kept beside it (`extra`), each marshalled
        # alone: `heads[n]` bytes, then the rest. A read of the members or of the extras decodes only its
        # part (the schedule reads the learners back twice, and needs no member; the reports, no extra).
        self._heads = array("I")
        # A record may keep several parts beside the member (`append`'s `more`), each marshalled alone too, so a
        # read decodes only the part it asks for (the mentor search reads a small part of each learner record):
        # part k >= 1 of record n starts `parts[part_from[n] + k - 1]` bytes into the record
        self._parts, self._part_from = array("I"), array("Q")
        self._hashes = array("Q")  # the hash of each record's id key, by record number
        self._slots = array("I", bytes(4 * 1024))  # record number + 1, or 0: empty (the size is a power of two)
        self._dropped: set[int] = set()  # record numbers no longer members (duplicates found later)
        self._live: array[int] | None = None  # record numbers of the members, once any were dropped
        self._written = 0  # bytes handed to the file object (flushed before reading back)
        self._flushed = 0

    # --- collecting -----------------------------------------------------------------------------------

    def append(self, member: Member, label: str, extra: Any = None, *more: Any) -> int:
        """Keep `member` (from input `label`, with `extra`: plain tuples for `extras`); its record number.

        `more`: further parts of plain tuples kept beside it, parts 1, 2, ... for `extras(part)`.
        """
        number = len(self._hashes)
        head = marshal.dumps((label, *member))
        rest = [marshal.dumps(extra), *map(marshal.dumps, more)]
        if self._key is not None:  # each part alone: a read deciphers only the part it decodes
            head = _cipher(self._key, number, -1, head)
            clear = len(rest) if self._clear_from is None else self._clear_from
            rest = [_cipher(self._key, number, part, data) if part < clear else data for part, data in enumerate(rest)]
        size = len(head) + len(rest[0])
        self._part_from.append(len(self._parts))
        for value in rest[1:]:
            self._parts.append(size)
            size += len(value)
        # The parts written one after the other, not joined first: a kept plan (~16 KB of Markdown) is most of
        # a record, and joining copied it once more
        self._file.writelines([head, *rest])
        self._written += size
        self._heads.append(len(head))
        self._offsets.append(self._written)
        self._hashes.append(_hash(id_key(member.id)))
        if 2 * len(self._hashes) > len(self._slots):
            self._grow()
        else:
            self._insert(number)
        self._live = None
        return number

    def find(self, employee_id: str) -> int | None:
        """The record number of an earlier member whose id equals `employee_id` ignoring case, or None."""
        key = id_key(employee_id)
        h = _hash(key)
        slots, hashes = self._slots, self._hashes
        mask = len(slots) - 1
        i = h & mask
        while slots[i]:
            number = slots[i] - 1
            if hashes[number] == h and id_key(self.record(number)[1].id) == key:
                return number
            i = (i + 1) & mask
        return None

    def drop(self, number: int) -> None:
        """Take record `number` out of the members (its id stays known: a third use is found too)."""
        self._dropped.add(number)
        self._live = None

    def is_dropped(self, number: int) -> bool:
        return number in self._dropped

    def record(self, number: int) -> tuple[str, Member]:
        """(input label, member) of record `number`, dropped or not."""
        label, *fields = self._value(number, -1, self._read(self._offsets[number], self._heads[number]), 0)
        return label, Member(*fields)

    def extra(self, index: int, part: int = 0) -> Any:
        """What was kept beside member `index` (members skip the dropped records): `extra`, or part `part` of `more`."""
        number = self._number(index)
        start, end = self._offsets[number] + self._start(number, part), self._offsets[number + 1]
        return self._value(number, part, self._read(start, end - start), 0)

    # --- reading back ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._hashes) - len(self._dropped)

    def _get(self, index: int) -> Member:
        return self.record(self._number(index))[1]

    def __iter__(self) -> Iterator[Member]:
        for _, member in self.records():
            yield member

    def labels(self) -> Iterator[str]:
        """The input each member came from, in input order."""
        for label, _ in self.records():
            yield label

    def records(self) -> Iterator[tuple[str, Member]]:
        """(input label, member) of every member, in input order: one sequential read of the file."""
        value = self._value
        for number, at, block in self._blocks():
            label, *fields = value(number, -1, block, at)  # (a record's first part is read; what follows it is not)
            yield label, Member(*fields)

    def extras(self, part: int = 0) -> Iterator[Any]:
        """What was kept beside each member (`extra`, or part `part` of `more`), in input order (nothing else is
        decoded)."""
        value, start = self._value, self._start
        for number, at, block in self._blocks():
            yield value(number, part, block, at + start(number, part))

    def both(self, first: int, second: int) -> Iterator[tuple[Any, Any]]:
        """Two of the parts kept beside each member (as `extras`), in input order, in one read of the file."""
        value, start = self._value, self._start
        for number, at, block in self._blocks():
            yield (
                value(number, first, block, at + start(number, first)),
                value(number, second, block, at + start(number, second)),
            )

    def triples(self, part: int = 0) -> Iterator[tuple[str, Member, Any]]:
        """(input label, member, what was kept beside it: `extra` or part `part`) of every member, in input order."""
        value, start = self._value, self._start
        for number, at, block in self._blocks():
            label, *fields = value(number, -1, block, at)
            yield label, Member(*fields), value(number, part, block, at + start(number, part))

    def _blocks(self) -> Iterator[tuple[int, int, memoryview]]:
        """(record number, where it starts in `block`, block) of every member in order, read a block at a time.

        The block is a memoryview: a record is decoded where it lies (`marshal.loads` stops at the end
        of the value it reads), not copied out first.
        """
        offsets, dropped, total = self._offsets, self._dropped, len(self._hashes)
        first = 0
        while first < total:
            # As many whole records as fit in a block (at least one), read at once
            last = first + 1
            while last < total and offsets[last + 1] - offsets[first] <= _BLOCK:
                last += 1
            base = offsets[first]
            block = memoryview(self._read(base, offsets[last] - base))
            for number in range(first, last):
                if number not in dropped:
                    yield number, offsets[number] - base, block
            del block  # before the next is read: one block in memory at a time
            first = last

    def close(self) -> None:
        self._file.close()

    # --- inside ---------------------------------------------------------------------------------------

    def _number(self, index: int) -> int:
        """The record number of member `index` (members skip the dropped records)."""
        if not self._dropped:
            return index
        if self._live is None:
            dropped = self._dropped
            self._live = array("I", (n for n in range(len(self._hashes)) if n not in dropped))
        return self._live[index]

    def _value(self, number: int, part: int, data: bytes | memoryview, at: int) -> Any:
        """Part `part` of record `number` (-1: its member), found `at` bytes into `data` (`marshal.loads` stops at
        the end of the value; in a private store, only the part's own bytes are deciphered)."""
        if self._key is None or (self._clear_from is not None and part >= self._clear_from):
            return marshal.loads(data[at:])
        size = self._heads[number] if part < 0 else self._end(number, part) - self._start(number, part)
        return marshal.loads(_cipher(self._key, number, part, data[at : at + size]))

    def _end(self, number: int, part: int) -> int:
        """Where part `part` of record `number` ends, in bytes from the record's start."""
        parts = self._part_from[number + 1] if number + 1 < len(self._part_from) else len(self._parts)
        parts -= self._part_from[number]  # the parts after `extra`
        if part < parts:
            return self._start(number, part + 1)
        return self._offsets[number + 1] - self._offsets[number]

    def _start(self, number: int, part: int) -> int:
        """Where part `part` of record `number` starts, in bytes from the record's start (0: `extra`)."""
        if part == 0:
            return self._heads[number]
        return self._parts[self._part_from[number] + part - 1]

    def _read(self, offset: int, size: int) -> bytes:
        if self._flushed < self._written:
            self._file.flush()
            self._flushed = self._written
        if hasattr(os, "pread"):  # leaves the file's position (where records are appended) alone
            return os.pread(self._file.fileno(), size, offset)
        self._file.seek(offset)
        data = self._file.read(size)
        self._file.seek(0, os.SEEK_END)
        return data

    def _insert(self, number: int) -> None:
        slots = self._slots
        mask = len(slots) - 1
        i = self._hashes[number] & mask
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = number + 1

    def _grow(self) -> None:
        """Double the table (kept at most half full, so a probe is short) and insert every record again."""
        self._slots = array("I", bytes(8 * len(self._slots)))
        for number in range(len(self._hashes)):
            self._insert(number)


def _cipher(key: bytes, number: int, part: int, data: bytes | memoryview) -> bytes:
    """Part `part` (-1: the member) of record `number` of a private store XORed with its own keystream:
    enciphers and deciphers alike. No two parts share a keystream (each is written once), and the key
    is new for every store."""
    stream = hashlib.shake_128(key + number.to_bytes(8, "little") + (part + 1).to_bytes(4, "little")).digest(len(data))
    return (int.from_bytes(data, "little") ^ int.from_bytes(stream, "little")).to_bytes(len(data), "little")


def _hash(key: str) -> int:
    """A 64-bit hash of an id key, for the table only (never written anywhere: Python's is seeded per process)."""
    return hash(key) & 0xFFFFFFFFFFFFFFFF
