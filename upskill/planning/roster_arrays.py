"""The roster schedule's lists as arrays of numbers (planning/sessions.py): a few bytes an entry, not a tuple.

A schedule of 100,000 people holds hundreds of thousands of sessions' members, mentor pairs and
steps without a mentor. As Python tuples each costs about 100 bytes and more (the tuple, its
numbers); here each is a row of 4- and 2-byte numbers in `array`s, and the strings they name
(skills, titles, reasons) are kept once in a small table. Each list is still a `Sequence` of the
same tuples (`Session`, `Pair`, `(learner, skill, text)`), made when read.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class Table(Generic[K]):
    """Values numbered in the order first seen: each kept once, named by its number."""

    def __init__(self) -> None:
        self.numbers: dict[K, int] = {}
        self.values: list[K] = []

    def number(self, value: K) -> int:
        found = self.numbers.get(value)
        if found is None:
            found = self.numbers[value] = len(self.values)
            self.values.append(value)
        return found


class Rows(Sequence[T]):
    """A read-only sequence made from arrays; equal to any sequence of the same items (a tuple, say)."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _row(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._row(index)

    def __iter__(self) -> Iterator[T]:
        for i in range(len(self)):
            yield self._row(i)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Tagged(Rows[tuple[Any, ...]]):
    """(learner, skill, text, ...) rows: a learner's number, and a tuple of strings numbered in `tags`."""

    def __init__(self, tags: Table[tuple[str, ...]]):
        self.tags = tags
        self.rows = array("Q")  # learner << 32 | tag number

    def append(self, learner: int, tag: int) -> None:
        self.rows.append(learner << 32 | tag)

    def sort(self) -> None:
        """In (learner, tag number) order (tags numbered in their sorted order give (learner, skill, text))."""
        self.rows = array("Q", sorted(self.rows))

    def __len__(self) -> int:
        return len(self.rows)

    def learner(self, i: int) -> int:
        return self.rows[i] >> 32

    def tag(self, i: int) -> tuple[str, ...]:
        return self.tags.values[self.rows[i] & 0xFFFFFFFF]

    def _row(self, i: int) -> tuple[Any, ...]:
        row = self.rows[i]
        return (row >> 32, *self.tags.values[row & 0xFFFFFFFF])


def columns(*codes: str) -> tuple[array[Any], ...]:
    """Empty arrays of these type codes: the columns of a table of rows."""
    return tuple(array(code) for code in codes)
