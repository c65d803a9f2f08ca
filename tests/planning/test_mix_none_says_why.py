"""A plan with none of a kind the target mix asks for says why, even within 20 points of the aim."""

from upskill.planning.enrich import _why

AIM = {"experience": 0.7, "social": 0.2, "formal": 0.1}


def test_no_courses_within_twenty_points_says_why():
    # 83/17/0: each share within 20 points of 70/20/10, but no course at all
    hours = (83.0, 17.0, 0.0)
    assert _why([], AIM, {"formal"}, 240, hours) == (
        "No courses and reading: adding some would make the plan longer at 4 h a week"
    )
    assert _why([], AIM, set(), 240, hours) == (
        "No courses and reading: the catalog offers none for these skills at these levels"
    )


def test_a_mix_near_the_aim_with_every_kind_says_nothing():
    assert _why([], AIM, {"formal"}, 240, (72.0, 18.0, 10.0)) == ""


def test_a_kind_far_below_the_aim_keeps_its_reason():
    assert _why([], AIM, {"experience"}, 240, (40.0, 40.0, 20.0)) == (
        "Little on-the-job work: more of it would make the plan longer at 4 h a week"
    )
