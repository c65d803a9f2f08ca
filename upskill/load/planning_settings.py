"""Read a catalog's `planning:` block: the planner's settings (docs/planning.md lists each one).

Files merge key by key: an overlay that sets only `parallel` keeps every other setting of the
files before it. Unknown keys and out-of-range values are located errors, like the rest of a catalog.
"""

from __future__ import annotations

from typing import Any

from upskill.errors import did_you_mean
from upskill.load.fields import Fields, join
from upskill.model import BRIDGE_KINDS, DEFAULT_BRIDGES, DEFAULT_EVIDENCE, KINDS, RATING_SOURCES, Planning, Scale

# key -> (minimum, maximum, whole number?) for the plain numeric settings
_NUMBERS: dict[str, tuple[float, float, bool]] = {
    "parallel": (1, 10, True),
    "experience_share": (0, 1, False),
    "experience_hours_per_week": (0.5, 40, False),
    "experience_weeks": (1, 52, True),
    "checkin_weeks": (1, 26, True),
    "horizon_weeks": (4, 520, True),
    "max_levels_per_cycle": (1, 10, True),
    "max_job_hours_per_week": (0.5, 40, False),
    "stale_months": (1, 120, True),
    "disagreement": (1, 10, True),
    "max_hours_per_week": (0.5, 80, False),
    "slip_weeks": (0, 52, True),
    "mentor_hours_per_week": (0.25, 10, False),
    "mentor_max_learners": (1, 20, True),
}
KEYS = (*_NUMBERS, "long_plan_weeks", "target_mix", "precedence", "bridges", "evidence")
# Read as its new name: catalogs written before the horizon replaced it keep working.
_RENAMED = {"long_plan_weeks": "horizon_weeks"}


def read_planning(f: Fields, data: dict[str, Any], scale: Scale, settings: dict[str, Any]) -> None:
    """Read the file's `planning:` block (if any) into `settings`, the merged values so far."""
    block = f.mapping(data, "planning", "")
    if block is None:
        return
    f.check_keys(block, KEYS, "planning")
    for key, (low, high, whole) in [*_NUMBERS.items(), *((old, _NUMBERS[new]) for old, new in _RENAMED.items())]:
        value = f.number(block, key, "planning", minimum=low, maximum=high)
        if value is not None and whole and value != int(value):
            f.error(f"expected a whole number, found {value:g}", block, key, join("planning", key))
        elif value is not None:
            settings[_RENAMED.get(key, key)] = int(value) if whole else value
    if "target_mix" in block:
        _read_mix(f, block, settings)
    if "precedence" in block:
        _read_precedence(f, block, settings)
    if "bridges" in block:
        _read_bridges(f, block, settings)
    if "evidence" in block:
        _read_evidence(f, block, scale, settings)


def build_planning(settings: dict[str, Any]) -> Planning:
    """The merged settings over the built-in defaults."""
    return Planning(**settings)


def _read_mix(f: Fields, block: dict[str, Any], settings: dict[str, Any]) -> None:
    mix = f.mapping(block, "target_mix", "planning")
    if mix is None:
        return
    path = "planning.target_mix"
    f.check_keys(mix, KINDS, path)
    shares = [f.number(mix, kind, path, minimum=0, maximum=1) for kind in KINDS]
    if any(s is None for s in shares) or set(mix) != set(KINDS):
        if set(KINDS) - set(mix):
            f.error(f"give a share for each of {', '.join(KINDS)} (e.g. 0.7, 0.2, 0.1)", block, "target_mix", path)
        return
    values = tuple(float(s or 0) for s in shares)
    if abs(sum(values) - 1) > 0.001:
        f.error(f"the shares must add up to 1, found {sum(values):g}", block, "target_mix", path)
        return
    settings["target_mix"] = values


def _read_precedence(f: Fields, block: dict[str, Any], settings: dict[str, Any]) -> None:
    order = f.sequence(block, "precedence", "planning")
    path = "planning.precedence"
    names = [str(n).strip().lower() for n in order]
    unknown = [n for n in names if n not in RATING_SOURCES]
    if unknown:
        f.error(
            f"unknown rating source '{unknown[0]}'{did_you_mean(unknown[0], RATING_SOURCES)}; "
            f"use {', '.join(RATING_SOURCES)}, most trusted first",
            block,
            "precedence",
            path,
        )
    elif len(set(names)) != len(names) or not names:
        f.error("list each rating source once, most trusted first", block, "precedence", path)
    else:
        # Sources left out rank after those listed, in the default order.
        settings["precedence"] = (*names, *(s for s in RATING_SOURCES if s not in names))


def _read_bridges(f: Fields, block: dict[str, Any], settings: dict[str, Any]) -> None:
    bridges = f.mapping(block, "bridges", "planning")
    if bridges is None:
        return
    path = "planning.bridges"
    merged = dict(settings.get("bridges", DEFAULT_BRIDGES))
    for category, kind in bridges.items():
        if kind not in BRIDGE_KINDS:
            f.error(
                f"unknown bridge kind '{kind}'{did_you_mean(str(kind), BRIDGE_KINDS)}; use {', '.join(BRIDGE_KINDS)}",
                bridges,
                category,
                join(path, category),
            )
        elif category == "default":
            settings["default_bridge"] = kind
        else:
            merged[str(category)] = kind
    settings["bridges"] = tuple(sorted(merged.items()))


def _read_evidence(f: Fields, block: dict[str, Any], scale: Scale, settings: dict[str, Any]) -> None:
    evidence = f.mapping(block, "evidence", "planning")
    if evidence is None:
        return
    merged = dict(settings.get("evidence", DEFAULT_EVIDENCE))
    for name in evidence:
        path = join("planning.evidence", name)
        level = f.level(name, scale, evidence, name, path)
        value = f.text(evidence, name, "planning.evidence")
        if level is not None and value:
            merged[scale.name(level)] = " ".join(value.split())
    settings["evidence"] = tuple(merged.items())
