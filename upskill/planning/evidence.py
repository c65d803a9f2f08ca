"""What shows where someone stands and when a level is reached: an assessment or a calibration
conversation before a step built on an unknown, old or disputed rating, the agenda lines for skills
at target with such a rating, and each step's "done when"."""

from __future__ import annotations

from functools import lru_cache

from upskill.model import DISAGREE, STALE, Catalog, Planning, Resource, Scale
from upskill.planning.memo import IdentityMemo


def talk_lines(met: list[tuple[str, tuple[str, ...]]], catalog: Catalog) -> tuple[str, ...]:
    """First check-in agenda lines for skills at target whose rating is stale or disputed: the
    level is agreed before anyone relies on it (nothing is planned for them otherwise)."""
    return tuple(
        f"Agree the level of {catalog.skills[skill].name} ({', '.join(found)}): a calibration conversation, "
        "or an assessment; nothing is planned for it unless it turns out below target"
        for skill, found in met
        if found
    )


ASSESSMENT_HOURS = 1.0


@lru_cache(maxsize=4096)  # a batch asks for the same skills at the same levels (a record: immutable)
def assess_first(name: str, level: int) -> Resource:
    """The first activity for a skill nobody has assessed: find the real level, then adjust the step."""
    return Resource(
        title=f"Assess current level: {name}",
        kind="social",
        hours=ASSESSMENT_HOURS,
        from_level=level,
        to_level=level,
        format="assessment with your manager; adjust this step to the result",
    )


@lru_cache(maxsize=4096)
def calibrate_first(name: str, level: int, found: tuple[str, ...]) -> Resource:
    """The first activity for a skill whose rating is stale or disputed: agree the level first."""
    why = "the rating is over a year old" if STALE in found else "your ratings are far apart"
    if STALE in found and DISAGREE in found:
        why = "the rating is old and the ratings are far apart"
    return Resource(
        title=f"Calibrate current level: {name} ({why})",
        kind="social",
        hours=ASSESSMENT_HOURS,
        from_level=level,
        to_level=level,
        format="calibration conversation with your manager on recent work, or an assessment; "
        "adjust this step to the result",
    )


def done_when(catalog: Catalog, skill: str, level: int, activities: tuple[Resource, ...] = ()) -> str:
    """The evidence that shows `level` is reached: the skill's own for the level (a credential, say),
    else what the step's on-the-job work produces, with its criterion and reviewer (the catalog's
    `evidence` on experience resources), else the catalog's default for the level."""
    entry = catalog.skills[skill]
    own = entry.evidence[level] if level < len(entry.evidence) else ""
    if own:  # each in turn, only when the one before is empty: a plan asks this of every step
        return own
    return _shown(activities) or _by_default(catalog.planning, catalog.scale, level)


# A step's activities recur across a batch as the very same tuple (the cached choices): what their
# on-the-job work produces is found by the tuple's identity, not joined again for every step
_SHOWN: IdentityMemo[str] = IdentityMemo()


def _shown(activities: tuple[Resource, ...]) -> str:
    """The evidence of the activities' on-the-job work, in order ("" when none names any)."""
    found = _SHOWN.get((id(activities),))
    if found is None:
        found = _SHOWN.put(
            (id(activities),),
            (activities,),
            "; then ".join([r.evidence for r in activities if r.kind == "experience" and r.evidence]),
        )
    return found


_DEFAULTS: IdentityMemo[str] = IdentityMemo(256)


def _by_default(planning: Planning, scale: Scale, level: int) -> str:
    """The catalog's default evidence for `level` (the same few answers for a whole batch: found
    by the records' identity rather than by building the planning's table each time)."""
    key = (id(planning), id(scale), level)
    found = _DEFAULTS.get(key)
    if found is None:
        name = scale.name(level)
        found = _DEFAULTS.put(
            key,
            (planning, scale),
            planning.evidence_for(name) or f"your manager agrees, from your work, that you are at {name} level",
        )
    return found
