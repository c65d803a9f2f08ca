"""A role's in-demand and hot technologies (O*NET's Technology Skills flags), and which the person already uses.

O*NET marks a technology **In Demand** when employers' job postings for that occupation often ask
for it, and **Hot** when postings across all occupations often do. A plan's "why these skills"
and `upskill fit` show the flagged ones, so the person sees which tools the role's market asks
for and which of them their profile's `technologies:` already lists (matched by name, ignoring
case, spaces, hyphens and underscores).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from upskill.model import Role, Technology, normalize

SHOWN = 12  # a role can list a hundred; the first flagged ones (in demand first) are the point


class Technologies(NamedTuple):
    """A role's flagged technologies, in the role's order (in demand, then hot), and those the person uses."""

    flagged: tuple[Technology, ...]
    used: frozenset[str]  # normalized names of the flagged ones the person uses

    def uses(self, technology: Technology) -> bool:
        return normalize(technology.name) in self.used

    def label(self, technology: Technology) -> str:
        """`in demand, hot` / `hot` ..., and `you already use it` where so."""
        flags = [word for word, on in (("in demand", technology.in_demand), ("hot", technology.hot)) if on]
        return ", ".join(flags) + ("; you already use it" if self.uses(technology) else "")


def flagged_technologies(role: Role, uses: Iterable[str]) -> Technologies:
    """The technologies of `role` that O*NET flags in demand or hot, and which of them `uses` names."""
    flagged = tuple(t for t in role.technologies if t.hot or t.in_demand)
    known = {normalize(name) for name in uses}
    return Technologies(flagged, frozenset(normalize(t.name) for t in flagged if normalize(t.name) in known))
