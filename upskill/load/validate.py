"""`upskill validate`: check many profiles and catalogs in one go and report every problem."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from upskill.errors import Problem, Problems, UpskillError, apply_strict
from upskill.load.catalog import SUFFIXES, TOP_KEYS, load_catalog
from upskill.load.document import Document, read_document
from upskill.load.profile import read_profile
from upskill.model import Catalog


@dataclass
class Report:
    """The outcome of `upskill validate`: files checked and problems found."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def ok(self) -> list[str]:
        bad = {p.file for p in self.errors}
        return [f for f in self.files if ("<stdin>" if f == "-" else f) not in bad]  # problems name - <stdin>

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def summary(self) -> str:
        warnings = len(self.problems) - len(self.errors)
        bad = len(self.files) - len(self.ok)
        counts = f"{len(self.errors)} error{'s' * (len(self.errors) != 1)}"
        if warnings:
            counts += f", {warnings} warning{'s' * (warnings != 1)}"
        files = f"{len(self.files)} file{'s' * (len(self.files) != 1)} checked"
        return f"upskill: {files}: {'all ok' if not bad else f'{bad} with errors'} ({counts})"


SETTINGS = ("upskill.toml", "pyproject.toml")  # the settings files (cli/config.py)


def files_to_check(paths: list[str]) -> list[str]:
    """Files as given; a folder stands for its catalog and profile files, in sorted order (not its
    settings file, upskill.toml or pyproject.toml, which holds neither)."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            found = (c for c in p.iterdir() if c.is_file() and c.suffix.lower() in SUFFIXES and c.name not in SETTINGS)
            out.extend(sorted(str(c) for c in found))
        else:
            out.append(path)
    return out


class RosterCheck(NamedTuple):
    """How `upskill validate` checks rosters: given by the caller, as load/ never imports batch/, which reads them."""

    is_roster: Callable[[str], bool]  # by the file's extension
    check: Callable[[str, Catalog], list[Problem]]  # every problem of the roster, against the catalog
    hint: Callable[[str], str]  # added to the message when a file is neither a profile nor a catalog


def _hinted(problems: Iterable[Problem], rosters: RosterCheck | None) -> list[Problem]:
    """`people.txt` read as YAML: its problems say what a roster's name must end in."""
    if rosters is None:
        return list(problems)
    return [p._replace(message=p.message + rosters.hint(p.file)) if p.file else p for p in problems]


def validate_files(
    paths: list[str],
    catalogs: list[str],
    *,
    strict: bool = False,
    input_format: str | None = None,
    rosters: RosterCheck | None = None,
) -> Report:
    """Classify each file as a profile, a catalog or a roster (`rosters`), check them all, and collect the problems.

    `input_format` (yaml, toml or json) says how to read standard input (`-`); files go by extension.
    """
    report = Report(files=files_to_check(paths))
    profiles: list[Document] = []
    catalog_files: list[str] = []
    roster_files: list[str] = []
    for name in report.files:
        if rosters is not None and name != "-" and rosters.is_roster(name):
            roster_files.append(name)
            continue
        try:
            doc = read_document(name, format=input_format if name == "-" else None)
        except UpskillError as exc:
            report.problems.extend(_hinted(exc.problems, rosters))
            continue
        if "employee" in doc.data:
            profiles.append(doc)
        elif any(key in doc.data for key in TOP_KEYS):
            catalog_files.append(name)
        else:
            report.problems.extend(
                _hinted(
                    [
                        Problem(
                            "neither a profile (no 'employee' key) nor a catalog (no 'skills', "
                            "'roles', 'sources' or 'scale' key)",
                            file=doc.name,
                        )
                    ],
                    rosters,
                )
            )
    specs = catalogs + catalog_files if catalog_files else catalogs or ["default"]
    problems = Problems()
    catalog: Catalog | None = None
    try:
        catalog = load_catalog(specs, problems)
    except UpskillError as exc:
        report.problems.extend(p for p in exc.problems if p not in problems.items)
        report.problems.extend(problems.items)
        unchecked = [kind for kind, files in (("profiles", profiles), ("rosters", roster_files)) if files]
        if unchecked:
            report.problems.append(Problem(f"{' and '.join(unchecked)} not checked: fix the catalog errors first"))
    if catalog is not None:
        for doc in profiles:
            read_profile(doc, catalog, problems)
        report.problems.extend(problems.items)
        for name in roster_files:
            assert rosters is not None
            report.problems.extend(rosters.check(name, catalog))
    report.problems = apply_strict(report.problems, strict)
    return report
