"""Read-only views of a sequence of members: reordered, mapped or a subset, without copying anyone.

A team past READABLE people keeps its members where they are (a batch's are in a temporary
file: batch/store.py); these views let the rollup and the renderers read them in the order
and shape they need, holding 4 bytes per member at most.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar, overload

Item = TypeVar("Item")
Out = TypeVar("Out")


class View(Sequence[Out], Generic[Out]):
    """A Sequence from `_get(index)` and `__len__`; slices come back as lists."""

    def _get(self, index: int) -> Out:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Out: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Out]: ...

    def __getitem__(self, index: int | slice) -> Out | Sequence[Out]:
        if isinstance(index, slice):
            return [self._get(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("index out of range")
        return self._get(index)


class Subset(View[Item]):
    """The items at `numbers` of `items`, in that order."""

    def __init__(self, items: Sequence[Item], numbers: array[int]):
        self.items, self.numbers = items, numbers

    def __len__(self) -> int:
        return len(self.numbers)

    def _get(self, index: int) -> Item:
        return self.items[self.numbers[index]]

    def __iter__(self) -> Iterator[Item]:
        items = self.items
        for i in self.numbers:
            yield items[i]


class Sorted(Subset[Item]):
    """`items` sorted by `key`, worked out when first read: only the keys are held, for the sort,
    then 4 bytes per item (the order)."""

    def __init__(self, items: Sequence[Item], key: Callable[[Item], str]):
        super().__init__(items, array("I"))
        self.key: Callable[[Item], str] | None = key

    def __len__(self) -> int:
        return len(self.items)

    def _get(self, index: int) -> Item:
        self._sort()
        return super()._get(index)

    def __iter__(self) -> Iterator[Item]:
        self._sort()
        return super().__iter__()

    def _sort(self) -> None:
        if self.key is not None:
            keys = [self.key(item) for item in self.items]
            self.numbers = array("I", sorted(range(len(keys)), key=keys.__getitem__))
            self.key = None


class Mapped(View[Out], Generic[Item, Out]):
    """`function` of each of `items`, made as it is read."""

    def __init__(self, items: Sequence[Item], function: Callable[[Item], Out]):
        self.items, self.function = items, function

    def __len__(self) -> int:
        return len(self.items)

    def _get(self, index: int) -> Out:
        return self.function(self.items[index])

    def __iter__(self) -> Iterator[Out]:
        function = self.function
        for item in self.items:
            yield function(item)
