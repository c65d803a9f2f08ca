"""`catalog import ... --update OLD`: the release options, and the steps around the import that an update adds.

Kept apart from cli/catalog.py so `catalog import` stays one readable command: it asks this
module which occupations to import and which ids to keep, and hands it the result to report.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from upskill.cli import options
from upskill.cli.types import PathType
from upskill.errors import Problem, UpskillError, UsageError, printable

if TYPE_CHECKING:
    from upskill.taxonomy.output import Earlier, Imported
    from upskill.taxonomy.update import Previous

CHECKED = (".yaml", ".yml", ".toml", ".json", ".jsonl", ".csv", ".md", ".markdown", ".html", ".htm", ".txt")


class Releases(NamedTuple):
    """The release options of `catalog import`."""

    release: str | None  # --release: the release for the credit line
    old: str | None  # --update OLD_CATALOG
    check: tuple[str, ...]  # --check-profiles PATH...: files (or folders of them) to search for affected skills
    report: str | None  # --report FILE: the change report, .json or Markdown


def _releases(**values: Any) -> Releases:
    return Releases(values["release"], values["old"], tuple(values["check"]), values["report"])


release_options = options.group(
    "releases",
    "Release and update options",
    _releases,
    click.option(
        "--release",
        metavar="VERSION",
        help="The release for the credit line (e.g. 29.2). Default: read from the download.",
    ),
    click.option(
        "--update",
        "old",
        metavar="OLD_CATALOG",
        type=PathType(exists=True, dir_okay=False),
        help="Re-import the occupations of OLD_CATALOG (an earlier import) from this newer download: "
        "its ids are kept, and what changed is reported on stderr. -o must be another file.",
    ),
    click.option(
        "--check-profiles",
        "check",
        multiple=True,
        metavar="PATH",
        type=PathType(exists=True),
        help="With --update: list the profiles or plans (files or folders) that name a skill the update changes.",
    ),
    click.option(
        "--report",
        metavar="FILE",
        type=PathType(dir_okay=False),
        help="With --update: also write the change report to FILE (.json: JSON, else Markdown).",
    ),
)


class Update(NamedTuple):
    """What an update knows before the import: OLD's entries and the occupations to import."""

    previous: Previous | None
    occupations: tuple[str, ...]

    def earlier(self, taxonomy: str) -> Earlier:
        from upskill.taxonomy.output import NO_EARLIER

        return NO_EARLIER if self.previous is None else self.previous.earlier(taxonomy)


def prepare(releases: Releases, taxonomy: str, catalogs: tuple[str, ...], occupations: tuple[str, ...]) -> Update:
    """OLD loaded on top of its base, and the occupations: OLD's roles' (same taxonomy) and then any --occupation."""
    if releases.old is None:
        for name, given in (("--check-profiles", releases.check), ("--report", releases.report)):
            if given:
                raise UsageError(Problem(f"{name} goes with --update OLD_CATALOG; see --help"))
        if not occupations:
            raise UsageError(Problem("missing --occupation (or --update OLD_CATALOG to re-import its occupations)"))
        return Update(None, occupations)
    from upskill.taxonomy.update import previous_of

    base = options.load_catalogs(catalogs)
    previous = previous_of(options.load_catalogs((*(catalogs or ("default",)), releases.old)), base)
    own = previous.occupations(taxonomy)
    if not own:
        raise UsageError(
            Problem(
                f"it has no role imported from {taxonomy} (no role with refs: {{{taxonomy}: ...}}); "
                f"give the catalog an earlier `catalog import {taxonomy}` wrote",
                file=releases.old,
            )
        )
    return Update(previous, tuple(dict.fromkeys((*own, *occupations))))


def overwrite_inputs(releases: Releases) -> list[tuple[str, str]]:
    """The files an update reads, which -o and --report must not be."""
    found = [] if releases.old is None else [(releases.old, "the catalog being updated (--update)")]
    found.extend((path, "a file --check-profiles reads") for path in _checked_files(releases.check))
    return found


def refuse_report(releases: Releases, output: str | None) -> None:
    """--report and -o naming one file: the report would replace the catalog."""
    if (
        releases.report is not None
        and output is not None
        and os.path.abspath(releases.report) == os.path.abspath(output)
    ):
        raise UsageError(Problem(f"--report and -o both name '{output}'; give the report another file"))


def _checked_files(paths: tuple[str, ...]) -> list[str]:
    """The files given, and those in the folders given whose extension a profile or plan has, in name order."""
    found = []
    for path in paths:
        if not os.path.isdir(path):
            found.append(path)
            continue
        for root, folders, files in os.walk(path):
            folders.sort()
            found.extend(os.path.join(root, name) for name in sorted(files) if name.lower().endswith(CHECKED))
    return found


def _text(path: str) -> str:
    """A checked file's text for the search: NEW is written by now, so a file that cannot be read is a
    warning, never a failure; bytes that are not UTF-8 (an old CSV export) are replaced, not refused."""
    from upskill.cli.edge import print_problem
    from upskill.load.text import read_bytes

    try:
        return read_bytes(path).decode("utf-8", "replace")
    except UpskillError as exc:
        print_problem(exc.problems[0]._replace(warning=True, message=f"--check-profiles: {exc.problems[0].message}"))
        return ""


def report(releases: Releases, taxonomy: str, update: Update, imported: Imported) -> None:
    """Print the change report on stderr, and write it to --report when given."""
    from upskill.taxonomy.update import Report, affected_terms, as_json, compare, markdown, mentions

    previous = update.previous
    if previous is None:
        return
    changes = compare(taxonomy, previous, imported)
    terms = affected_terms(previous, changes)
    affected = []
    if terms:
        for path in _checked_files(releases.check):
            named = mentions(_text(path), terms)
            if named:
                affected.append((path, named))
    found = Report(taxonomy, previous.release(taxonomy), imported.release, changes, tuple(affected))
    names = {skill.id: skill.name for skill in previous.catalog.skills.values()}
    names.update({role.id: role.name for role in previous.own_roles()})
    text = markdown(found, names)
    for line in text.rstrip("\n").split("\n"):  # each line escaped: names come from the download
        click.echo(printable(line), err=True)
    if releases.report is not None:
        from upskill.cli.edge import write_out

        write_out(as_json(found) if releases.report.lower().endswith(".json") else text, releases.report)
