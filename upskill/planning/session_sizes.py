"""How many sessions a group of people taking one activity in the same weeks forms, and why anyone left learns alone.

`split` gives the sessions' sizes (`--cohort-min` to `--cohort-max` people each), `fewest_deliveries`
the lower bound's count for an activity whatever its learners' weeks, and `alone_why` the words a
plan gives for learning alone. Split from sessions.py, which schedules the roster with them.
"""

from __future__ import annotations

import math


def split(count: int, cohort_min: int, cohort_max: int) -> tuple[int, ...]:
    """The sizes of the sessions `count` people in the same weeks form; whoever is left over learns alone.

    As few sessions as `cohort_max` allows, of near-equal size, each of at least `cohort_min`. When
    that many sessions cannot all reach the minimum (4 people, sessions of 3 to 3), as many full
    sessions as the minimum allows, and the rest (fewer than the minimum) alone.
    """
    parts = min(math.ceil(count / cohort_max), count // cohort_min)
    if parts == 0 or cohort_min > cohort_max:
        return ()
    if parts * cohort_max < count:
        return (cohort_max,) * parts
    size, extra = divmod(count, parts)
    return tuple(size + (part < extra) for part in range(parts))


def fewest_deliveries(count: int, cohort_min: int, cohort_max: int) -> int:
    """The fewest deliveries of an activity `count` people take, whatever their weeks: the lower bound's count."""
    sizes = split(count, cohort_min, cohort_max)
    return len(sizes) + count - sum(sizes)


def alone_why(together: int, cohort_min: int, elsewhere: int) -> str:
    """Why someone of `together` people taking an activity in the same weeks learns it alone (plan text);
    `elsewhere`: how many others take it in other weeks (nobody is moved to meet them: docs/team.md)."""
    if together >= cohort_min:
        return "the group sessions in these weeks are full, and too few people are left for another"
    if together == 1:
        why = "no one else in the team takes it in these weeks"
    else:
        others = "1 other person" if together == 2 else f"{together - 1} others"
        why = (
            f"too few people take it in these weeks: only you and {others} in the team, "
            f"and a group session needs at least {cohort_min}"
        )
    if elsewhere:
        why += f", though {'1 other person does' if elsewhere == 1 else f'{elsewhere} others do'} in other weeks"
    return why
