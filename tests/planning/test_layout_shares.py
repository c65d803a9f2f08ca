"""The week's shares worked out in one pass (`steady.shares`, issue 29) are those of the rounds
they replaced: an equal part each, round after round, what one does not need going to the others,
and the odd minutes to the earliest steps still asking. The rounds are kept here as the reference;
three or more steps share a week in the pace searches' probes at more skills side by side."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.planning.steady import shares as _shares


def rounds(want: list[int], budget: int) -> list[int]:
    """The sharing as it was written before: equal parts round after round."""
    given_ = [0] * len(want)
    spare = budget
    asking = [k for k, asked in enumerate(want) if asked > 0]
    while spare > 0 and asking:
        share = max(1, spare // len(asking))
        for k in asking:
            part = min(share, want[k] - given_[k], spare)
            given_[k] += part
            spare -= part
        asking = [k for k in asking if want[k] > given_[k]]
    return given_


def test_every_small_week_of_three_and_four_steps_is_shared_as_the_rounds_share_it():
    for size, most in ((3, 9), (4, 5), (5, 3)):
        for want in product(range(most + 1), repeat=size):
            for budget in range(1, sum(want)):  # `_asks` shares only when the asks pass the budget
                assert _shares(list(want), budget) == rounds(list(want), budget), (want, budget)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(
    want=st.lists(st.one_of(st.integers(0, 40), st.integers(0, 20_000)), min_size=1, max_size=8),
    data=st.data(),
)
def test_any_week_is_shared_as_the_rounds_share_it(want, data):
    if sum(want) < 2:
        return
    budget = data.draw(st.integers(1, sum(want) - 1))
    assert _shares(want, budget) == rounds(want, budget)
