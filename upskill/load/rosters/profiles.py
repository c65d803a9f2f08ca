"""Batch's inputs read as profiles in this process, without planning: for `upskill fit` and `upskill validate`.

They read exactly what `upskill batch` reads (profiles, folders, CSV and .xlsx rosters, JSON Lines,
with the same roster settings), through the same steps: the survey's stop-or-go check of each
roster first (`survey`), then one profile (or its located problems) per employee (`read_profiles`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from upskill.errors import Problem, Problems, UpskillError, apply_strict
from upskill.load.profile import read_profile
from upskill.load.rosters.columns import RosterSettings
from upskill.load.rosters.inputs import (
    LINES_SUFFIXES,
    OTHER_SPREADSHEETS,
    PROFILE_SUFFIXES,
    ROSTER_SUFFIXES,
    expand_inputs,
)
from upskill.load.rosters.sources import Broken, Notice, RowSource, column_names
from upskill.load.rosters.survey import survey_rosters
from upskill.model import Catalog, Profile

# What is read as a roster (or refused as a spreadsheet upskill does not read), by its extension
ROSTER_LIKE = (*ROSTER_SUFFIXES, *LINES_SUFFIXES, *OTHER_SPREADSHEETS)


class Read(NamedTuple):
    """One input source read: a profile, or None when it failed (or is a notice about a whole input)."""

    profile: Profile | None
    problems: tuple[Problem, ...]  # --strict applied: the errors when it failed, else warnings
    failed: bool  # counts as one failed input
    label: str = ""  # where it comes from: `roster.csv:17`, `people.jsonl:3`, `profiles/ana.yaml`


def is_roster(path: str) -> bool:
    """A folder, or a file whose extension makes batch read it as a roster or JSON Lines (or refuse it as one)."""
    return path != "-" and (os.path.isdir(path) or os.path.splitext(path)[1].lower() in ROSTER_LIKE)


def roster_hint(path: str) -> str:
    """For a file read as a profile only because its extension is none of batch's: what a roster must end in."""
    if path in ("-", "<stdin>", "") or os.path.splitext(path)[1].lower() in PROFILE_SUFFIXES:
        return ""
    return f"; a roster is read by its extension: {', '.join(ROSTER_SUFFIXES + LINES_SUFFIXES)}"


def survey(inputs: Sequence[str], catalog: Catalog, settings: RosterSettings, *, strict: bool) -> tuple[Problem, ...]:
    """The rosters' warnings (say them first); raises `UpskillError` with their errors, as batch stops on them."""
    found = survey_rosters(inputs, catalog, settings, strict=strict)
    if found.errors:
        raise UpskillError(found.errors)
    return found.notes


def read_profiles(
    inputs: Sequence[str], catalog: Catalog, settings: RosterSettings, *, strict: bool, role: str | None = None
) -> Iterator[Read]:
    """One `Read` per source of `inputs`, in input order; `role` replaces each target role (as `plan --role`)."""
    for item in expand_inputs(inputs, catalog, strict=strict, roster=settings):
        if isinstance(item, (Broken, Notice)):
            found = tuple(apply_strict(list(item.problems), strict))
            yield Read(None, found, isinstance(item, Broken) or any(not p.warning for p in found), item.label)
            continue
        problems = Problems()
        profile = None
        try:
            profile = read_profile(item.document(), catalog, problems, role=role)
        except UpskillError as exc:
            problems.extend(exc.problems)
        who = item.employee_id() if isinstance(item, RowSource) else ""
        found = column_names(item, apply_strict(problems.items, strict), who)
        failed = profile is None or any(not p.warning for p in found)
        yield Read(None if failed else profile, found, failed, item.label)


def roster_problems(path: str, catalog: Catalog, settings: RosterSettings, *, strict: bool) -> list[Problem]:
    """Every problem batch would find in the roster (or JSON Lines file) `path`, located: `upskill validate`.

    The survey's errors stop there, as they stop a batch before any row is read.
    """
    try:
        problems = list(survey([path], catalog, settings, strict=strict))
    except UpskillError as exc:
        return list(exc.problems)
    people = 0
    first: dict[str, str] = {}  # id, case folded -> the label of the row that has it
    for read in read_profiles([path], catalog, settings, strict=strict):
        problems.extend(read.problems)
        people += read.profile is not None or read.failed
        if read.profile is not None:
            key = read.profile.employee.id.casefold()
            if key in first:  # batch plans neither of the two
                _, _, line = read.label.rpartition(":")
                problems.append(
                    Problem(
                        f"employee id '{read.profile.employee.id}' is also used at {first[key]} "
                        "(ids must be unique, ignoring case)",
                        file=path,
                        line=int(line) if line.isdigit() else None,
                    )
                )
            first.setdefault(key, read.label)
    if not people:  # a batch of it would plan nobody
        problems.append(Problem("holds no employee: there is nothing to plan", file=path, warning=True))
    return problems
