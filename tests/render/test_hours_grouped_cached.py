"""Hours with thousands separators in the team report (`513,218`, `2,039.5`, `1.5`): the mentor rows' weekly
hours and the totals. hours_grouped is worked out once per figure (issue 29); these check the cached text
against the text worked out afresh, including figures equal as numbers but of different types."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from upskill.render.team_common import hours_grouped

FIGURES = st.one_of(
    st.integers(-(10**7), 10**7),
    st.floats(-1e7, 1e7, allow_nan=False),
    st.integers(0, 4000).map(lambda n: n / 60),  # minutes a week as hours, as the mentor rows show them
)


@given(st.lists(FIGURES, max_size=20))
def test_cached_text_is_the_text_worked_out_afresh(figures):
    for value in figures:
        assert hours_grouped(value) == hours_grouped.__wrapped__(value)


def test_equal_figures_of_either_type_read_the_same():
    assert [hours_grouped(v) for v in (1.5, 2, 2.0, 1234.0, 1234, 2039.5, -0.0, 0)] == [
        "1.5",
        "2",
        "2",
        "1,234",
        "1,234",
        "2,039.5",
        "0",
        "0",
    ]
