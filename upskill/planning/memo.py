"""A bounded memo of pure functions of immutable records, found by the records' identity.

`functools.lru_cache` hashes its arguments on every call, and hashing a record walks every field:
about a microsecond for a step's activities (a tuple of `Resource`s) or for a catalog's `Planning`,
more than the work some callers save. A batch passes the very same objects again and again (the
catalog's planning, the activities of a cached choice), so their identity finds the answer instead.

Each entry holds the records whose ids its key is built from, so no other object can take one of
those ids while the entry lives: a key found is for those very records. Only immutable records may
be keyed so (see the speed rules in upskill/model.py): the answer then depends on nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class IdentityMemo(Generic[T]):
    """Answers by a key of the records' ids (and other hashable values); emptied when `size` are held."""

    __slots__ = ("_answers", "_held", "_size", "get")

    def __init__(self, size: int = 4096) -> None:
        self._answers: dict[tuple[object, ...], T] = {}
        self._held: dict[tuple[object, ...], tuple[object, ...]] = {}  # each key's records, kept alive
        self._size = size
        # `get(key)`: the answer, or None. The answers' own dict.get, called in C: a batch asks its memos
        # some sixty times a plan and nearly always finds the answer, and a method written in Python
        # costs several times the look-up it wraps.
        self.get: Callable[[tuple[object, ...]], T | None] = self._answers.get

    def put(self, key: tuple[object, ...], records: tuple[object, ...], answer: T) -> T:
        """Store `answer` for `key`, built from the ids of `records` (held with it)."""
        if len(self._answers) >= self._size:
            self._answers.clear()
            self._held.clear()
        self._held[key] = records
        self._answers[key] = answer
        return answer


# round(x, 2) of a float goes through its decimal digits (about six times a dict look-up), and a
# batch's plans round the same few hundred values (a step's hours, a priority, a share) again and again.
_HUNDREDTHS: dict[float, float] = {}


def hundredths(x: float) -> float:
    """`round(x, 2)`, looked up when seen before. Only floats: 5 and 5.0 are one key but round to an
    int and a float. Zero is not stored: 0.0 and -0.0 are one key but round apart; NaN never equals
    itself, so it is rounded every time."""
    if type(x) is not float:
        return round(x, 2)
    found = _HUNDREDTHS.get(x)
    if found is None:
        found = round(x, 2)
        if x:
            if len(_HUNDREDTHS) >= 8192:  # bounded: emptied when full
                _HUNDREDTHS.clear()
            _HUNDREDTHS[x] = found
    return found
