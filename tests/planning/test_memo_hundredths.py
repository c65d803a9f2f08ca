"""memo.hundredths: round(x, 2) looked up by the float (issue 29). A plan shows these figures (a
step's hours, a priority, the mix), so the looked-up answer must be round()'s to the bit: the same
value and type, the sign of a zero kept, whatever was asked before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from upskill.planning.memo import hundredths

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-1000, 1000),
    st.sampled_from([0.0, -0.0, 0, 5, 5.0, 1.005, 2.675, -1.235, 0.125, True]),
)


def same(a: object, b: object) -> bool:
    return type(a) is type(b) and repr(a) == repr(b)


@given(st.lists(NUMBERS, max_size=30))
def test_hundredths_is_round_to_two_digits_whatever_was_asked_before(xs):
    for x in xs + xs[::-1]:  # each twice: the second time from the memo
        assert same(hundredths(x), round(x, 2))


def test_an_int_and_a_float_of_the_same_value_keep_their_types():
    assert same(hundredths(5.0), 5.0) and same(hundredths(5), 5) and same(hundredths(5.0), 5.0)
    assert same(hundredths(-0.0), -0.0) and same(hundredths(0.0), 0.0) and same(hundredths(-0.0), -0.0)
